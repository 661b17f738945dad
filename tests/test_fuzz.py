"""Fuzzing what users type and the files they keep: only ``UserError`` may ever escape.

A user's mistake is a ``UserError`` (``Problems`` is one too), which the CLI prints as
``Kesalahan: …`` (``Error: …`` in English); any other exception would reach the user as
"unexpected …". Hypothesis feeds random and near-valid strings to the parsers, and random
TOML documents (built as dicts and written with tomli-w, plus raw text and bytes) to the
three file loaders.

The runs are derandomized (the same examples every run, no example database written) so
that the suite is stable; known crashers are pinned with ``@example``.
"""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from conftest import BUNDLED, COUNTS, MONTHS_EN, MONTHS_ID, bundled_roster, long_date, stress
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from apel_rotasi import records
from apel_rotasi.bounds import FIRST_DATE, LAST_DATE
from apel_rotasi.errors import UserError
from apel_rotasi.model import WEEKDAYS_EN, WEEKDAYS_ID, Apel, Cancelled, Roster
from apel_rotasi.parse import MONTHS, find_kecamatan, find_leader, parse_date
from apel_rotasi.store.dated import TextReader, appended_text, tables_data, tables_text
from apel_rotasi.store.history import entry_table, history_from, read_history
from apel_rotasi.store.pins import read_pins
from apel_rotasi.store.roster import load_roster

# The strategies draw on the bundled file's own words; the Roster itself is loaded lazily,
# inside a test, so that its parse cache lands in the test's cache folder.
BUNDLED_DOC = tomllib.loads(BUNDLED.read_text(encoding="utf-8"))
CODES = [k["code"] for k in BUNDLED_DOC["kecamatan"]]
NAMES = [
    n
    for k in BUNDLED_DOC["kecamatan"]
    for n in (k["name"], k.get("short"), *k.get("aliases", ()))
    if n
]
LEADER_IDS = [ldr["id"] for ldr in BUNDLED_DOC["leader"]]
LEADER_NAMES = [ldr["name"] for ldr in BUNDLED_DOC["leader"]]
TODAY = dt.date(2025, 4, 30)  # what "today", "yesterday" and "tomorrow" are read against


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=stress(max(examples // 5, 50), examples),
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def only_user_errors(call: Callable[[], object]) -> object:
    """Run ``call``; a ``UserError`` is a fine answer, anything else fails the test."""
    try:
        return call()
    except UserError:
        return None


# --- strings -----------------------------------------------------------------------------

TEXT = st.text(st.characters(codec="utf-8"), max_size=40)  # no lone surrogates


def spelled(words: list[str]) -> st.SearchStrategy[str]:
    """A word as people type it: any case, sometimes cut short."""
    return st.builds(
        lambda word, case, cut: case(word[: cut or None]),
        st.sampled_from(words),
        st.sampled_from([str, str.lower, str.upper, str.title, str.capitalize]),
        st.integers(0, 6),
    )


MONTH_WORDS = [w for names in MONTHS for w in names] + ["Mei", "Agustus", "Maret", "Juni"]
DAY_WORDS = [*WEEKDAYS_EN, *WEEKDAYS_ID, "jum'at", "ahad", "mon", "sen", "funday"]
NUMBERS = st.one_of(
    st.integers(-5, 40).map(str),
    st.integers(0, 99).map(lambda n: f"{n:02d}"),
    st.integers(0, 100_000).map(str),
    st.integers(0, 9999).map(lambda n: f"{n:04d}"),
    st.sampled_from(["2025", "1900", "9999", "0", "00", "000", "1e5", "١٤", "²", "½"]),
)
SEPARATORS = st.sampled_from(["/", "-", ".", " ", ", ", ",", "", "  ", "T", ":", "'", "\t"])
TOKENS = st.one_of(
    NUMBERS, SEPARATORS, spelled(MONTH_WORDS), spelled(DAY_WORDS), st.text(max_size=3)
)
DATE_SOUP = st.lists(TOKENS, min_size=1, max_size=8).map("".join)
DATE_SHAPED = st.builds(
    lambda weekday, day, sep1, month, sep2, year: f"{weekday}{day}{sep1}{month}{sep2}{year}",
    st.one_of(st.just(""), spelled(DAY_WORDS).map(lambda d: f"{d}, ")),
    NUMBERS,
    SEPARATORS,
    st.one_of(NUMBERS, spelled(MONTH_WORDS)),
    SEPARATORS,
    NUMBERS,
)
DATE_LIKE = st.one_of(DATE_SOUP, DATE_SHAPED)


def mangled(names: list[str]) -> st.SearchStrategy[str]:
    """A name with its case changed, marks added or dropped, a numeral swapped, cut short."""
    swaps = [("II", "2"), ("I", "1"), ("III", "3"), ("2", "II"), ("-", " "), (" ", ""), (" ", ".")]
    return st.builds(
        lambda name, case, swap, cut, extra: case(name.replace(*swap))[: cut or None] + extra,
        st.sampled_from(names),
        st.sampled_from([str, str.lower, str.upper, str.swapcase]),
        st.sampled_from(swaps),
        st.integers(0, 12),
        st.one_of(st.just(""), st.text(max_size=3)),
    )


@fuzz(1200)
@given(TEXT)
def test_parse_date_any_text(text: str) -> None:
    day = only_user_errors(lambda: parse_date(text, TODAY))
    assert day is None or (isinstance(day, dt.date) and not isinstance(day, dt.datetime))


@fuzz(1200)
@given(DATE_LIKE)
@example("Senin, 28 April 2025")
@example("31/2/2025")
@example("14/4")
def test_parse_date_date_like_text(text: str) -> None:
    day = only_user_errors(lambda: parse_date(text, TODAY))
    assert day is None or (isinstance(day, dt.date) and not isinstance(day, dt.datetime))


@fuzz(500)
@given(
    st.dates(dt.date(1950, 1, 1), dt.date(2199, 12, 31)),  # the span dates are accepted in
    st.sampled_from(["iso", "slash", "dash", "id", "en", "weekday"]),
)
def test_parse_date_reads_every_written_date_back(day: dt.date, style: str) -> None:
    """A date written in any of the documented ways reads back as itself."""
    month_id = MONTHS_ID[day.month - 1]
    month_en = MONTHS_EN[day.month - 1]
    written = {
        "iso": day.isoformat(),
        "slash": f"{day.day}/{day.month}/{day.year}",
        "dash": f"{day.day:02d}-{day.month:02d}-{day.year}",
        "id": f"{day.day} {month_id} {day.year}",
        "en": f"{day.day} {month_en} {day.year}",
        "weekday": long_date(day),
    }[style]
    assert parse_date(written, TODAY) == day, written


@fuzz(1000)
@given(TEXT)
def test_find_kecamatan_any_text(text: str) -> None:
    found = only_user_errors(lambda: find_kecamatan(text, bundled_roster()))
    assert found is None or found in bundled_roster().kecamatan


@fuzz(1000)
@given(st.one_of(mangled(NAMES), mangled(CODES), DATE_SOUP))
@example("IT II")
@example("it 2")
@example("Ilir Timur 2")
@example("16.71.06")
@example("Ilir")
def test_find_kecamatan_name_like_text(text: str) -> None:
    found = only_user_errors(lambda: find_kecamatan(text, bundled_roster()))
    assert found is None or found in bundled_roster().kecamatan


@fuzz(1000)
@given(TEXT)
def test_find_leader_any_text(text: str) -> None:
    found = only_user_errors(lambda: find_leader(text, bundled_roster().leaders))
    assert found is None or found in bundled_roster().leaders


@fuzz(1000)
@given(st.one_of(mangled(LEADER_IDS + LEADER_NAMES), DATE_SOUP))
@example("Sekda")
@example("ratu  dewa")
def test_find_leader_name_like_text(text: str) -> None:
    found = only_user_errors(lambda: find_leader(text, bundled_roster().leaders))
    assert found is None or found in bundled_roster().leaders


# --- TOML documents ------------------------------------------------------------------------

ROSTER_TABLES = ["rotation", "closure", "workday", "leader", "kecamatan"]
ROTATION_KEYS = [
    "city",
    "days",
    "time",
    "duration_minutes",
    "timezone",
    "holidays",
    "holiday_categories",
    "on_holiday",
    "lang",
]
KNOWN_KEYS = [
    *ROSTER_TABLES,
    *ROTATION_KEYS,
    "date",
    "reason",
    "id",
    "name",
    "title",
    "default",
    "code",
    "short",
    "aliases",
    "kelurahan",
    "apel",
    "pin",
    "kecamatan",
    "leader",
    "note",
    "cancel",
    *COUNTS,
]
KEY = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(st.characters(codec="utf-8"), max_size=8))
SCALAR = st.one_of(
    TEXT,
    st.integers(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.times(),
    st.datetimes(timezones=st.sampled_from([None, dt.UTC, dt.timezone(dt.timedelta(hours=7))])),
)
VALUE = st.recursive(
    SCALAR,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEY, inner, max_size=3),
    max_leaves=8,
)


def table(plausible: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    """A table with some of its real keys (near-valid or random values) and stray keys."""
    known = st.fixed_dictionaries(
        {}, optional={key: st.one_of(values, VALUE) for key, values in plausible.items()}
    )
    stray = st.dictionaries(KEY, VALUE, max_size=2)
    return st.builds(lambda k, s: {**s, **k}, known, st.one_of(st.just({}), stray))


def tables(of: st.SearchStrategy[dict[str, Any]], most: int) -> st.SearchStrategy[Any]:
    """An array of tables, or now and then something else in its place."""
    return st.one_of(st.lists(of, max_size=most), VALUE)


def document(parts: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return table(parts)


SOME_DATE = st.one_of(st.dates(), st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31)))
ROTATION = table(
    {
        "city": TEXT,
        "days": st.lists(st.one_of(spelled(DAY_WORDS), VALUE), max_size=3),
        "time": st.one_of(
            st.sampled_from(["07:30", "7:30", "24:00", "23:59", "07:30:00", "", "07:60"]), TEXT
        ),
        "duration_minutes": st.integers(-5, 10**6),
        "timezone": st.one_of(
            st.sampled_from(
                [
                    "Asia/Jakarta",
                    "Asia/Makassar",
                    "UTC",
                    "America",
                    "Asia",
                    "Asia/",
                    "Etc",
                    "No/Such_Zone",
                    "../etc/passwd",
                    "/etc/localtime",
                    "",
                    "Asia/Jakarta/x",
                    "Asia/Jak\x00arta",
                ]
            ),
            TEXT,
        ),
        "holidays": st.sampled_from(["ID", "US", "XX", "id", "", "IDNX", True, False]),
        "holiday_categories": st.lists(
            st.one_of(st.sampled_from(["public", "government", "bank", "", " "]), TEXT),
            max_size=3,
        ),
        "on_holiday": st.sampled_from(["skip", "shift", "Skip", ""]),
        "lang": st.sampled_from(["id", "en", "fr", ""]),
    }
)
DAY_NOTE = table({"date": SOME_DATE, "reason": TEXT})
LEADER = table(
    {
        "id": st.one_of(st.sampled_from([*LEADER_IDS, "", " "]), TEXT),
        "name": st.one_of(st.sampled_from(LEADER_NAMES), TEXT),
        "title": TEXT,
        "default": st.booleans(),
    }
)
KECAMATAN = table(
    {
        "code": st.one_of(st.sampled_from([*CODES, "", " "]), TEXT),
        "name": st.one_of(st.sampled_from(NAMES), TEXT),
        "short": st.one_of(st.sampled_from(NAMES), TEXT),
        "aliases": st.lists(st.one_of(st.sampled_from(NAMES), TEXT), max_size=3),
        "kelurahan": st.integers(-3, 30),
    }
)
RANDOM_ROSTER = document(
    {
        "rotation": st.one_of(ROTATION, VALUE),
        "closure": tables(DAY_NOTE, 3),
        "workday": tables(DAY_NOTE, 3),
        "leader": tables(LEADER, 4),
        "kecamatan": tables(KECAMATAN, 6),
    }
)
RECORD_FIELDS = {
    "date": st.one_of(SOME_DATE, st.datetimes(), st.times()),
    "kecamatan": st.one_of(st.sampled_from(CODES), TEXT),
    "leader": st.one_of(st.sampled_from(LEADER_IDS), TEXT),
    "note": TEXT,
}
APEL = table({**RECORD_FIELDS, **{count: st.integers(-3, 10**6) for count in COUNTS}})
PIN = table({**RECORD_FIELDS, "cancel": st.one_of(st.sampled_from(["", " ", "Banjir"]), TEXT)})
RANDOM_HISTORY = document({"apel": tables(APEL, 6)})
RANDOM_PINS = document({"pin": tables(PIN, 6)})

# Near-valid documents: a valid one with a few keys set, deleted or entries duplicated, so
# that the loaders get past the first problem and reach everything behind it.

MUTATION = st.tuples(
    st.one_of(st.sampled_from([*ROSTER_TABLES, "apel", "pin"]), KEY),  # which table
    st.integers(0, 20),  # which entry of an array of tables
    st.sampled_from(["set", "set", "set", "delete", "duplicate", "drop"]),
    KEY,
    VALUE,
)


def mutated(doc: dict[str, Any], mutations: list[tuple[str, int, str, str, Any]]) -> dict:
    doc = copy.deepcopy(doc)
    for name, index, action, key, value in mutations:
        target = doc.get(name)
        if action == "drop":
            doc.pop(name, None)
        elif isinstance(target, list) and target and all(isinstance(t, dict) for t in target):
            entry = target[index % len(target)]
            if action == "duplicate":
                target.insert(index % len(target), copy.deepcopy(entry))
            elif action == "delete":
                entry.pop(key, None)
            else:
                entry[key] = value
        elif isinstance(target, dict):
            if action == "delete":
                target.pop(key, None)
            else:
                target[key] = value
        elif action == "set":
            doc[name] = value
    return doc


def valid_records(name: str, counts: bool) -> st.SearchStrategy[dict[str, Any]]:
    """A valid history.toml or pins.toml: unique dates in order, known codes and leaders."""
    entry = st.fixed_dictionaries(
        {"kecamatan": st.sampled_from(CODES), "leader": st.sampled_from(LEADER_IDS)},
        optional={"note": TEXT, **({c: st.integers(0, 500) for c in COUNTS} if counts else {})},
    )
    return st.builds(
        lambda days, entries: {
            name: [{"date": d, **e} for d, e in zip(sorted(days), entries, strict=False)]
        },
        st.lists(st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31)), unique=True, max_size=12),
        st.lists(entry, min_size=12, max_size=12),
    )


def near(valid: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.builds(mutated, valid, st.lists(MUTATION, max_size=3))


ROSTER_DOC = st.one_of(RANDOM_ROSTER, near(st.just(BUNDLED_DOC)))
HISTORY_DOC = st.one_of(RANDOM_HISTORY, near(valid_records("apel", counts=True)))
PINS_DOC = st.one_of(RANDOM_PINS, near(valid_records("pin", counts=False)))

FRAGMENTS = [
    "[[apel]]\n",
    "[[pin]]\n",
    "[[kecamatan]]\n",
    "[[leader]]\n",
    "[rotation]\n",
    "[[closure]]\n",
    "date = 2025-04-14\n",
    "date = 2025-04-14T07:30:00\n",
    'kecamatan = "16.71.06"\n',
    'leader = "sekda"\n',
    'code = "16.71.06"\n',
    'name = "Kemuning"\n',
    "default = true\n",
    "present = -1\n",
    'days = ["senin"]\n',
    'timezone = "America"\n',
    "holidays = true\n",
    "=",
    "[",
    "]",
    "{",
    "}",
    '"',
    "'",
    "'''",
    '"""',
    "\n",
    "\r\n",
    "\r",
    "#",
    ",",
    ".",
    " ",
    "\\",
    "\x00",
    "\ufeff",
    "1979-05-27",
    "07:32:00",
    "inf",
    "nan",
    "0x1F",
    "1_000",
]
RAW_TEXT = st.one_of(
    TEXT,
    st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join),
    st.integers(1, 3000).map(lambda n: "a = " + "[" * n + "]" * n + "\n"),
    st.integers(1, 3000).map(lambda n: "a = " + "{b = " * n + "1" + "}" * n + "\n"),
)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One home for the module's many examples, inside pytest's temporary folder."""
    return tmp_path_factory.mktemp("fuzz-home")


LOADERS: dict[str, Callable[[Path], object]] = {
    "kecamatan.toml": load_roster,
    "history.toml": lambda home: read_history(home, bundled_roster()),
    "pins.toml": lambda home: read_pins(home, bundled_roster()),
}


def load(home: Path, name: str, content: bytes) -> None:
    """Write one file into an otherwise empty home and load it: only a UserError may escape."""
    for other in home.iterdir():
        other.unlink()
    (home / name).write_bytes(content)
    result = only_user_errors(lambda: LOADERS[name](home))
    if name == "kecamatan.toml" and result is not None:
        roster, path = result  # type: ignore[misc]
        assert isinstance(roster, Roster) and path == home / name


def toml(doc: dict[str, Any]) -> bytes:
    return tomli_w.dumps(doc).encode("utf-8")


@fuzz(600)
@given(ROSTER_DOC)
@example({"rotation": {"holidays": True}, "leader": [{"id": "a", "name": "A", "default": True}]})
@example({"rotation": {"timezone": "America"}})
def test_random_kecamatan_toml(home: Path, doc: dict[str, Any]) -> None:
    load(home, "kecamatan.toml", toml(doc))


@fuzz(400)
@given(HISTORY_DOC)
def test_random_history_toml(home: Path, doc: dict[str, Any]) -> None:
    load(home, "history.toml", toml(doc))


@fuzz(400)
@given(PINS_DOC)
def test_random_pins_toml(home: Path, doc: dict[str, Any]) -> None:
    load(home, "pins.toml", toml(doc))


@fuzz(700)
@given(
    st.sampled_from(list(LOADERS)),
    st.one_of(RAW_TEXT.map(lambda text: text.encode("utf-8")), st.binary(max_size=64)),
)
@example("history.toml", b"a = " + b"[" * 1000 + b"]" * 1000)
@example("kecamatan.toml", b"\xff\xfe[[kecamatan]]")
def test_raw_text_as_any_file(home: Path, name: str, content: bytes) -> None:
    load(home, name, content)


WRITTEN = st.one_of(TEXT, st.integers(0, records.MAX_COUNT), st.dates())  # what records hold


@fuzz(300)
@given(st.sampled_from([records.APEL, records.PIN, records.FINDING]), st.data())
def test_what_the_tool_writes_reads_back_as_written(
    kind: records.Kind, data: st.DataObject
) -> None:
    """A change puts its tables in the parse cache as the parse of the text it wrote: true
    only while tomllib reads back exactly what tomli-w wrote."""
    table = st.fixed_dictionaries({}, optional={f.name: WRITTEN for f in kind.fields})
    tables = data.draw(st.lists(table, max_size=4))
    assert tomllib.loads(tables_text(kind.table, tables)) == tables_data(kind.table, tables)
    if len(tables) > 1:  # a record after the others adds its table to the text as written
        before = tables_text(kind.table, tables[:-1]).encode()
        assert appended_text(kind.table, before, tables[-1]) == (
            tables_text(kind.table, tables).encode()
        )


DAY = st.dates(FIRST_DATE, LAST_DATE)
ENTRY = st.one_of(
    st.builds(
        Apel,
        DAY,
        TEXT,
        TEXT,
        st.none() | TEXT,
        st.dictionaries(st.sampled_from(records.COUNTS), st.integers(0, records.MAX_COUNT)),
    ),
    st.builds(Cancelled, DAY, TEXT.filter(str.strip)),
)


@fuzz(300)
@given(st.lists(ENTRY, max_size=5, unique_by=lambda e: e.date))
def test_a_history_written_reads_back_as_its_entries(entries: list[Apel | Cancelled]) -> None:
    """A change keeps the entries it wrote as what the new history reads as: true only
    while the file's reader gives back every entry the writer wrote."""
    ordered = sorted(entries, key=lambda e: e.date)
    text = tables_text(records.APEL.table, [entry_table(e) for e in ordered])
    read = history_from(TextReader(Path("history.toml"), text), None)
    assert not read.problems
    assert read.entries == ordered
