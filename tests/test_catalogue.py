"""The catalogues: every message kind, word and help text in both languages, with the same
placeholders, and every message renders in each language with parameters that fit it.

A kind, word or help text that one language has and the other lacks fails here, before a
user meets a KeyError; so does a kind the code raises that no catalogue has, a key the
code builds instead of naming it, a key no code names, and a table keyed by data (a
column, a status, an action) that misses or outgrows that data. A third language is one
more module: a copy of ``en`` under another code runs every command.
"""

from __future__ import annotations

import datetime as dt
import errno
import re
import string
import sys
from pathlib import Path
from typing import get_args, get_type_hints

import pytest

import apel_rotasi
from apel_rotasi import errors, i18n, listings, model, records
from apel_rotasi.errors import UserError
from apel_rotasi.i18n import DEFAULT_LANG, LANGUAGES, catalogue, render, word
from apel_rotasi.messages import Message, Term
from apel_rotasi.render.columns import LAYOUTS
from apel_rotasi.store.journal import ACTIONS

SOURCE = Path(apel_rotasi.__file__).parent
KEYED_BY_DATA = (
    "COLUMNS",
    "STATUSES",
    "ACTIONS",
    "SHEETS",
    "COUNT_HEADERS",
    "COUNTED",
    "COUNT_HELP",
    "DEEDS",
    "OS_ERRORS",
)
TABLES = ("MESSAGES", "WORDS", "HELP", "METAVARS", *KEYED_BY_DATA)
# Placeholders given dates or lists by the code; the rest take text or numbers.
DATES = {"date", "first", "last", "start", "end", "until", "previous", "last_visit"}
LISTS = {"candidates", "suggestions", "leaders", "known", "keys"}


def placeholders(text: str) -> set[str]:
    return {
        re.split(r"[.\[]", field)[0]
        for _, field, _, _ in string.Formatter().parse(text)
        if field is not None
    }


def sample(name: str) -> object:
    if name in DATES:
        return dt.date(2025, 4, 14)
    if name in LISTS:
        return [f"<{name}-1>", f"<{name}-2>"]
    return f"<{name}>"


def kinds(table: str) -> list[str]:
    return sorted({kind for lang in LANGUAGES for kind in getattr(catalogue(lang), table)})


@pytest.mark.parametrize("table", TABLES)
def test_every_language_has_the_same_keys(table):
    keys = {lang: set(getattr(catalogue(lang), table)) for lang in LANGUAGES}
    first = LANGUAGES[0]
    for lang in LANGUAGES[1:]:
        assert not keys[first] - keys[lang], f"{table}: only in {first}"
        assert not keys[lang] - keys[first], f"{table}: only in {lang}"


@pytest.mark.parametrize("table", TABLES)
def test_every_text_has_the_same_placeholders_in_every_language(table):
    for key in kinds(table):
        fields = {lang: placeholders(getattr(catalogue(lang), table)[key]) for lang in LANGUAGES}
        assert len({frozenset(f) for f in fields.values()}) == 1, f"{table}[{key!r}]: {fields}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", kinds("MESSAGES"))
def test_every_message_renders(kind, lang):
    text = catalogue(lang).MESSAGES[kind]
    params = {name: sample(name) for name in placeholders(text)}
    for level in ("info", "warning"):
        shown = render(Message(kind, params, level), lang)  # type: ignore[arg-type]
        assert shown.strip() and "{" not in shown.replace("{{", ""), shown
        for name, value in params.items():
            if isinstance(value, str):
                assert value in shown, f"{kind}: {name} not shown"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", kinds("MESSAGES"))
def test_every_message_ends_with_a_full_stop(kind, lang):
    """Said alone, each message is a sentence; inside another, its full stop goes."""
    shown = render(
        Message(
            kind, {name: sample(name) for name in placeholders(catalogue(lang).MESSAGES[kind])}
        ),
        lang,
    )
    assert shown.endswith((".", "?")), f"{lang} {kind}: {shown!r}"


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "id",
            "Selasa, 15 April 2025 bukan hari apel menurut daftar. "
            "Bila catatan ini keliru, `apel-rotasi undo` membatalkannya.",
        ),
        (
            "en",
            "Tuesday, 15 April 2025 is not an apel day of the roster. "
            "If this record is a mistake, `apel-rotasi undo` takes it back.",
        ),
    ],
)
def test_a_message_inside_another_is_part_of_its_sentence(lang, said):
    problem = Message("not_apel_day", {"date": dt.date(2025, 4, 15)})
    assert render(Message("undo_hint", {"problem": problem}), lang) == said


def test_help_texts_are_unique_in_the_default_language():
    """The help shown is looked up again, in the run's language, by its default text."""
    default = catalogue(DEFAULT_LANG)
    texts = [*default.HELP.values(), *default.COUNT_HELP.values(), *default.METAVARS.values()]
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_word_renders(lang):
    for key, text in catalogue(lang).WORDS.items():
        params = {name: sample(name) for name in placeholders(text)}
        assert word(lang, key, **params).strip(), key


@pytest.mark.parametrize("lang", LANGUAGES)
def test_help_texts_are_plain_text(lang):
    """Typer shows help as it is: no markup, and no placeholder but the formats a
    ``--format`` takes, which the CLI fills from the registry."""
    for key, text in catalogue(lang).HELP.items():
        assert text.strip() and placeholders(text) == ({"formats"} if key == "format" else set())
        assert "\b" not in text and "[bold" not in text, key


def test_messages_render_dates_and_lists_in_the_language():
    params = {"date": dt.date(2025, 8, 18), "what": "x"}
    assert "Senin, 18 Agustus 2025" in render(Message("notice_no_apel", params), "id")
    assert "Monday, 18 August 2025" in render(Message("notice_no_apel", params), "en")
    candidates = {"text": "x", "candidates": ["A", "B", "C"]}
    assert "A, B atau C" in render(Message("kecamatan_ambiguous", candidates), "id")
    assert "A, B or C" in render(Message("kecamatan_ambiguous", candidates), "en")


def literal_kinds() -> set[str]:
    """Every message kind the code names literally: UserError("..."), info("..."),
    warning("...")."""
    found: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'\b(?:UserError|info|warning)\(\s*"(\w+)"', text))
    return found


def literal_words() -> set[str]:
    """Every word the code names literally: word(lang, "...")."""
    found: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        found |= set(re.findall(r"""\bword\(\s*[\w.]+,\s*["'](\w+)["']""", path.read_text("utf-8")))
    return found


def test_every_kind_the_code_names_is_in_the_catalogues():
    named = literal_kinds()
    assert len(named) > 50
    for lang in LANGUAGES:
        assert not named - set(catalogue(lang).MESSAGES), lang


def test_every_word_the_code_names_is_in_the_catalogues():
    named = literal_words()
    assert len(named) > 20
    for lang in LANGUAGES:
        assert not named - set(catalogue(lang).WORDS), lang


def test_every_help_key_the_cli_names_is_in_the_catalogues():
    source = "".join(p.read_text(encoding="utf-8") for p in (SOURCE / "cli").glob("*.py"))
    named = set(re.findall(r'HELP\["([\w.]+)"\]', source))
    assert len(named) > 30
    for lang in LANGUAGES:
        assert not named - set(catalogue(lang).HELP), lang


def test_every_placeholder_the_cli_names_is_in_the_catalogues_and_each_is_named():
    source = "".join(p.read_text(encoding="utf-8") for p in (SOURCE / "cli").glob("*.py"))
    named = set(re.findall(r'METAVAR\["(\w+)"\]', source))
    for lang in LANGUAGES:
        assert named == set(catalogue(lang).METAVARS), lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_help_names_a_placeholder_as_the_placeholders_do(lang):
    """A help text or message that names a placeholder (``Tulis ke BERKAS``) uses the word
    of its own language: a placeholder of the other language in it was left untranslated."""
    mine = set(" ".join(catalogue(lang).METAVARS.values()).replace("[", " ").split())
    others = {
        word
        for other in LANGUAGES
        if other != lang
        for word in " ".join(catalogue(other).METAVARS.values()).replace("[", " ").split()
    }
    foreign = {w.strip("[]") for w in others - mine} - {"KECAMATAN"}
    for table in ("HELP", "MESSAGES"):
        for key, text in getattr(catalogue(lang), table).items():
            said = set(re.findall(r"\b[A-Z]{2,}\b", text))
            assert not said & foreign, f"{lang} {table}[{key!r}]: {sorted(said & foreign)}"


def code() -> str:
    """The tool's source without its catalogues."""
    return "".join(
        path.read_text(encoding="utf-8")
        for path in SOURCE.rglob("*.py")
        if path.parent.name != "i18n" or path.name == "__init__.py"
    )


def test_no_key_is_built_from_parts():
    """A key the code builds (``word(lang, f"page_{status}")``) is one no test can see."""
    built = re.findall(
        r"""\b(?:word|words|info|warning|UserError|Message|Term)\((?:[^()"']*,\s*)?f["'].*""",
        code(),
    )
    built += re.findall(r"""\b[A-Z_]*(?:HELP|WORDS|MESSAGES)\[f["'].*""", code())
    assert not built


@pytest.mark.parametrize("table", ["WORDS", "MESSAGES"])
def test_every_key_is_named_by_the_code(table):
    source = code()
    catalogued = getattr(catalogue(DEFAULT_LANG), table)
    unused = [key for key in catalogued if f'"{key}"' not in source and f"'{key}'" not in source]
    assert not unused, f"{table}: no code names {unused}"


def test_every_key_of_a_table_the_code_names_is_in_it():
    """``words(lang, "COLUMNS")["note"]``: the table and the key are in every catalogue."""
    named = re.findall(r"""\bwords\(\s*[\w.]+,\s*["'](\w+)["']\)\[["'](\w+)["']\]""", code())
    named += [  # the listings' columns name theirs as data (render.columns)
        (label.table, label.key)
        for layout in LAYOUTS.values()
        for column in layout.columns
        for label in (column.heading, column.brief)
        if label is not None and label.table in KEYED_BY_DATA
    ]
    assert len(named) > 10
    for lang in LANGUAGES:
        for table, key in named:
            assert key in getattr(catalogue(lang), table), f"{lang}: {table}[{key!r}]"


def _statuses() -> set[str]:
    history = get_args(get_type_hints(listings.HistoryRecord)["status"])
    return {*get_args(model.PlanStatus), *history, *get_args(listings.FindingStatus)}


DOMAINS = {
    "COLUMNS": lambda: {
        *(column for columns in listings.COLUMNS.values() for column in columns),
        *(
            field.label
            for kind in (records.APEL, records.PIN, records.FINDING)
            for field in kind.fields
        ),
    },
    "STATUSES": _statuses,
    "ACTIONS": lambda: set(ACTIONS),
    "DEEDS": lambda: set(ACTIONS),
    "SHEETS": lambda: set(get_args(listings.ListingName)),
    "COUNT_HEADERS": lambda: set(records.COUNTS),
    "COUNTED": lambda: set(records.COUNTS),
    "COUNT_HELP": lambda: set(records.COUNTS),
    "OS_ERRORS": lambda: set(errors.OS_ERRORS),
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("table", KEYED_BY_DATA)
def test_a_table_keyed_by_data_covers_exactly_that_data(table, lang):
    assert set(getattr(catalogue(lang), table)) == DOMAINS[table](), table


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_catalogue_names_its_locales(lang):
    """What a language needs of Babel and of the holidays package is in its module."""
    module = catalogue(lang)
    assert isinstance(module.BABEL_LOCALE, str) and isinstance(module.HOLIDAY_LANGUAGE, str)


def test_a_term_renders_in_the_language():
    count = Message("count", {"count": Term("COUNTED", "duty", {"n": 3})})
    assert render(count, "en") == "3 on duty elsewhere."
    assert render(count, "id") == "dinas luar 3."


THIRD = "zz"
NOW = {"APEL_ROTASI_NOW": "2025-04-21T06:00:00+07:00"}
# Every command, in an order in which each has what it needs.
EVERY_COMMAND: list[tuple[str, ...]] = [
    ("--help",),
    ("init",),
    ("check",),
    ("kecamatan",),
    ("plan", "--weeks", "3"),
    ("record", "14/4/2025", "Ilir Timur II", "--present", "120", "--duty", "3"),
    ("edit", "14/4/2025", "--note", "Hujan"),
    ("record", "7/4/2025", "--cancel", "Libur"),
    ("delete", "7/4/2025"),
    ("history",),
    ("unvisited",),
    ("pin", "28/4/2025", "Kemuning"),
    ("unpin", "28/4/2025"),
    ("pin", "5/5/2025", "--cancel", "Rapat"),
    ("calendar", "2025-04"),
    ("report",),
    ("finding", "add", "14/4/2025", "Absen rusak", "--owner", "Camat"),
    ("finding", "edit", "1", "--due", "30/4/2025"),
    ("finding", "done", "1", "--on", "20/4/2025", "--result", "Diganti"),
    ("findings",),
    ("log",),
    ("undo",),
    ("notice",),
    ("notice", "--weeks", "2"),
    ("plan", "--format", "html"),
    ("history", "--format", "xlsx", "--output", "history.xlsx"),
    ("log", "--format", "csv"),
    ("plan", "--format", "ics"),
    ("publish", "site"),
    ("notice", "--changes"),
    ("kecamatan", "--wilayah", "Kota Palembang"),
    ("record", "14/4/2025", "Nowhere"),
]


@pytest.fixture
def third_language(tmp_path, monkeypatch):
    """A copy of ``en`` as the module of a language ``zz``: its file in a folder of the
    test's, that folder on the catalogues' path, and its code among ``LANGUAGES``."""
    folder = tmp_path / "languages"
    folder.mkdir()
    english = (SOURCE / "i18n" / "en.py").read_text(encoding="utf-8")
    (folder / f"{THIRD}.py").write_text(english, encoding="utf-8")
    monkeypatch.setattr(i18n, "__path__", [*i18n.__path__, str(folder)])
    monkeypatch.setattr(i18n, "LANGUAGES", (*LANGUAGES, THIRD))
    yield THIRD
    sys.modules.pop(f"apel_rotasi.i18n.{THIRD}", None)


def test_a_third_language_is_one_more_module(cli, third_language, monkeypatch):
    monkeypatch.chdir(cli.home)
    for args in EVERY_COMMAND:
        run = cli("--lang", third_language, *args, env=NOW)
        said = run.stdout + run.stderr
        assert "KeyError" not in said and "unexpected" not in said, (args, said)
        expected = 1 if args[-1] == "Nowhere" else 0
        assert run.exit_code == expected, (args, said)
    assert "Monday, 14 April 2025" in cli("--lang", third_language, "history").stdout
    assert "Monday, 21 April 2025" in cli("--lang", third_language, "notice", env=NOW).stdout


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("id", "tidak dapat ditulis: ruang penyimpanan penuh."),
        ("en", "cannot be written: no space left on the device."),
    ],
)
def test_why_the_system_refused_is_said_in_the_language(lang, said):
    error = OSError(errno.ENOSPC, "No space left on device")
    message = UserError("write_failed", path="history.toml", reason=errors.reason(error)).message
    assert render(message, lang) == said


def test_a_system_error_the_catalogues_lack_keeps_the_systems_words():
    assert errors.reason(OSError(errno.ELOOP, "Too many levels of symbolic links")) == (
        "Too many levels of symbolic links"
    )
