"""Recording apel: the user's story, history.toml's shape, rounds, and every bad input.

The story (SPEC "Who uses it and why"): after the Idul Fitri leave of 2025 the Sekda led the
apel at Ilir Timur II on 14 April, Alang-Alang Lebar on 21 April and Kemuning on 28 April.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import threading
import time
import tomllib
from pathlib import Path

import pytest
from conftest import CODES, HISTORY_COLUMNS, ROTATION_CODES, SHORT, UNVISITED_COLUMNS, snapshot
from filelock import FileLock

NAMES = {code: name for name, code in CODES.items()}
IT2, AAL, KEMUNING, IB2 = "16.71.06", "16.71.15", "16.71.09", "16.71.01"

KEY_ORDER = [
    "date",
    "kecamatan",
    "leader",
    "note",
    "present",
    "sick",
    "leave",
    "permit",
    "duty",
    "absent",
]
APEL_KEYS = {
    "date",
    "kecamatan",
    "leader",
    "note",
    "present",
    "sick",
    "leave",
    "permit",
    "duty",
    "absent",
}


# --- helpers --------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def may_2025(monkeypatch: pytest.MonkeyPatch) -> None:
    """Today is Monday 5 May 2025 (noon in Palembang): the story's three apel are past, none
    of their weeks is left unrecorded, and 5 May may be recorded."""
    monkeypatch.setenv("APEL_ROTASI_NOW", "2025-05-05T12:00:00+07:00")


def a_week_later(monkeypatch: pytest.MonkeyPatch) -> None:
    """Today is Tuesday 13 May 2025, the day after Waisak."""
    monkeypatch.setenv("APEL_ROTASI_NOW", "2025-05-13T12:00:00+07:00")


def on_the_day(day: str) -> dict[str, str]:
    """The environment of a record typed at noon in Palembang on ``day``."""
    return {"APEL_ROTASI_NOW": f"{day}T12:00:00+07:00"}


def story(cli) -> list:
    """The three records of April 2025, as the secretariat typed them, each on its day."""
    return [
        cli.ok("record", "14/4/2025", "IT II", env=on_the_day("2025-04-14")),
        cli.ok(
            "record",
            "21 April 2025",
            "Alang-alang Lebar",
            "--led-by",
            "sekda",
            env=on_the_day("2025-04-21"),
        ),
        cli.ok(
            "record",
            "28/4/2025",
            "kemuning",
            "--present",
            "150",
            "--sick",
            "3",
            "--leave",
            "2",
            "--absent",
            "1",
            env=on_the_day("2025-04-28"),
        ),
    ]


def history_file(home: Path) -> Path:
    return home / "history.toml"


def read_apel(home: Path) -> list[dict]:
    data = tomllib.loads(history_file(home).read_text(encoding="utf-8"))
    assert set(data) == {"apel"}
    return data["apel"]


def as_json(run) -> list[dict]:
    return json.loads(run.stdout)


def as_csv(run) -> list[list[str]]:
    return list(csv.reader(io.StringIO(run.stdout)))


def files_but_lock(home: Path) -> dict[str, str]:
    """The home's files and hashes; the lock file is left out (SPEC Data safety allows one)."""
    return {k: v for k, v in snapshot(home).items() if not k.endswith(".lock")}


def mondays(start: dt.date, count: int) -> list[dt.date]:
    return [start + dt.timedelta(weeks=i) for i in range(count)]


def assert_spec_shape(text: str) -> None:
    """One ``[[apel]]`` table per apel, plain ``key = value`` lines, never an inline table."""
    assert "{" not in text and not re.search(r"^\s*apel\s*=", text, re.M), text
    tables: list[list[str]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.strip() == "[[apel]]":
            tables.append([])
            continue
        found = re.match(r"^([a-z_]+) = (.+)$", line)
        assert found, f"not a key = value line: {line!r}"
        assert found.group(1) in APEL_KEYS, line
        assert tables, f"a key before the first [[apel]]: {line!r}"
        tables[-1].append(found.group(1))
    for keys in tables:  # the keys in the order the SPEC shows them
        assert keys[:3] == ["date", "kecamatan", "leader"], keys
        assert keys == [k for k in KEY_ORDER if k in keys], keys


def assert_refused(cli, home: Path, args: tuple[str, ...], *texts: str, code: int = 1) -> str:
    """Runs a command that must fail: its exit code, its message, and no file changed."""
    before = snapshot(home)
    run = cli(*args)
    assert run.exit_code == code, (run.exit_code, run.stderr)
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    for expected in texts:
        assert expected in run.stderr, f"{expected!r} not in {run.stderr!r}"
    assert snapshot(home) == before
    return run.stderr


# --- the story ------------------------------------------------------------------------------


def test_record_confirms_on_stderr_in_one_line(cli, home):
    first, second, third = story(cli)
    assert first.stdout == "" and second.stdout == "" and third.stdout == ""
    for run in (first, second, third):
        assert run.stderr.count("\n") == 1 and run.stderr.endswith("\n"), run.stderr
    line = first.stderr
    for part in ("Senin, 14 April 2025", "Ilir Timur II", "Aprizal Hasyim", "1 dari 18"):
        assert part in line, line
    assert re.search(r", putaran 1\b", line), line
    assert "Senin, 21 April 2025" in second.stderr and "Alang-Alang Lebar" in second.stderr
    assert "2 dari 18" in second.stderr
    assert "Senin, 28 April 2025" in third.stderr and "Kemuning" in third.stderr
    assert "3 dari 18" in third.stderr


def test_record_confirms_in_english_with_lang_en(cli, home):
    run = cli.ok("record", "14/4/2025", "IT II", "--lang", "en")
    assert "Monday, 14 April 2025" in run.stderr and "1 of 18" in run.stderr
    assert re.search(r", round 1 \(", run.stderr), run.stderr


def test_story_writes_history_toml_in_the_spec_shape(cli, home):
    assert not history_file(home).exists()
    story(cli)
    text = history_file(home).read_text(encoding="utf-8")
    assert_spec_shape(text)
    assert len(re.findall(r"^\[\[apel\]\]$", text, re.M)) == 3
    assert read_apel(home) == [
        {"date": dt.date(2025, 4, 14), "kecamatan": IT2, "leader": "sekda"},
        {"date": dt.date(2025, 4, 21), "kecamatan": AAL, "leader": "sekda"},
        {
            "date": dt.date(2025, 4, 28),
            "kecamatan": KEMUNING,
            "leader": "sekda",
            "present": 150,
            "sick": 3,
            "leave": 2,
            "absent": 1,
        },
    ]


def test_an_empty_history_says_so(cli):
    assert cli.ok("history").stdout.strip() == "Tidak ada baris."
    assert cli.ok("history", "--lang", "en").stdout.strip() == "No rows."
    assert cli.ok("history", "--format", "csv").stdout.splitlines() == [",".join(HISTORY_COLUMNS)]
    assert cli.ok("history", "--format", "json").stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2025-4-5", dt.date(2025, 4, 5)),
        ("2025/4/5", dt.date(2025, 4, 5)),
        ("2024-12-4", dt.date(2024, 12, 4)),
        ("5.4.2025", dt.date(2025, 4, 5)),
        ("Senin 28 April 2025", dt.date(2025, 4, 28)),
    ],
)
def test_year_first_and_dotted_dates_are_recorded_on_their_day(cli, home, typed, day):
    cli.ok("record", typed, "Sako")
    assert [a["date"] for a in read_apel(home)] == [day]


def test_unvisited_lists_the_other_15_in_rotation_order(cli, home):
    story(cli)
    rows = as_json(cli.ok("unvisited", "--format", "json"))
    assert [r["kecamatan_code"] for r in rows] == ROTATION_CODES[3:]
    assert len(rows) == 15
    assert rows[0] == {
        "kecamatan_code": IB2,
        "kecamatan": "Ilir Barat II",
        "short": "IB II",
        "last_visit": None,
    }
    for row in rows:
        assert list(row) == UNVISITED_COLUMNS
        assert row["kecamatan"] == NAMES[row["kecamatan_code"]]
        assert row["short"] == SHORT.get(row["kecamatan"])
        assert row["last_visit"] is None
    table = as_csv(cli.ok("unvisited", "--format", "csv"))
    assert table[0] == UNVISITED_COLUMNS
    assert [r[0] for r in table[1:]] == ROTATION_CODES[3:]
    assert table[1] == [IB2, "Ilir Barat II", "IB II", ""]


def test_unvisited_with_no_history_lists_all_18(cli, home):
    rows = as_json(cli.ok("unvisited", "--format", "json"))
    assert [r["kecamatan_code"] for r in rows] == ROTATION_CODES


def test_history_csv_has_the_contract_columns_and_the_figures(cli, home):
    story(cli)
    table = as_csv(cli.ok("history", "--format", "csv"))
    assert table[0] == HISTORY_COLUMNS
    assert table[1:] == [
        [
            "2025-04-14",
            "1",
            IT2,
            "Ilir Timur II",
            "IT II",
            "Aprizal Hasyim",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "held",
        ],
        [
            "2025-04-21",
            "1",
            AAL,
            "Alang-Alang Lebar",
            "AAL",
            "Aprizal Hasyim",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "held",
        ],
        [
            "2025-04-28",
            "1",
            KEMUNING,
            "Kemuning",
            "",
            "Aprizal Hasyim",
            "150",
            "3",
            "2",
            "",
            "",
            "1",
            "",
            "held",
        ],
    ]


def test_history_json_counts_are_numbers_and_missing_values_null(cli, home):
    story(cli)
    rows = as_json(cli.ok("history", "--format", "json"))
    assert [list(r) for r in rows] == [HISTORY_COLUMNS] * 3
    assert rows[2] == {
        "date": "2025-04-28",
        "round": 1,
        "kecamatan_code": KEMUNING,
        "kecamatan": "Kemuning",
        "short": None,
        "leader": "Aprizal Hasyim",
        "present": 150,
        "sick": 3,
        "leave": 2,
        "permit": None,
        "duty": None,
        "absent": 1,
        "note": None,
        "status": "held",
    }


def test_plan_after_the_story_continues_with_the_fourth_kecamatan(cli, home):
    story(cli)
    rows = as_json(cli.ok("plan", "--start", "2025-05-05", "--format", "json"))
    first = rows[0]
    assert first["date"] == "2025-05-05" and first["status"] == "planned"
    assert first["kecamatan"] == "Ilir Barat II" and first["kecamatan_code"] == IB2
    assert first["round"] == 1
    planned = [r["kecamatan_code"] for r in rows if r["status"] == "planned"]
    assert planned == ROTATION_CODES[3:]  # by default: until every unvisited kecamatan has its day


def test_kecamatan_json_shows_visits_and_last_visit(cli, home):
    story(cli)
    rows = as_json(cli.ok("kecamatan", "--format", "json"))
    assert [r["kecamatan_code"] for r in rows] == ROTATION_CODES
    assert [r["order"] for r in rows] == list(range(1, 19))
    visited = {IT2: "2025-04-14", AAL: "2025-04-21", KEMUNING: "2025-04-28"}
    for row in rows:
        code = row["kecamatan_code"]
        assert row["visits"] == (1 if code in visited else 0), row
        assert row["last_visit"] == visited.get(code), row


def test_records_out_of_order_are_kept_in_date_order(cli, home):
    cli.ok("record", "28/4/2025", "Kemuning")
    cli.ok("record", "2025-04-14", "IT II")
    cli.ok("record", "Senin, 21 April 2025", "AAL")
    text = history_file(home).read_text(encoding="utf-8")
    assert_spec_shape(text)
    dates = [a["date"] for a in read_apel(home)]
    assert dates == [dt.date(2025, 4, 14), dt.date(2025, 4, 21), dt.date(2025, 4, 28)]
    # the [[apel]] tables themselves appear in date order in the text
    assert re.findall(r"^date = (\S+)$", text, re.M) == ["2025-04-14", "2025-04-21", "2025-04-28"]
    assert [r["round"] for r in as_json(cli.ok("history", "--format", "json"))] == [1, 1, 1]


def test_a_note_and_zero_counts_are_kept(cli, home):
    cli.ok(
        "record",
        "14/4/2025",
        "IT II",
        "--note",
        'Apel "perdana" — minggu 1',
        "--present",
        "0",
        "--permit",
        "4",
        "--duty",
        "5",
    )
    [apel] = read_apel(home)
    assert apel["note"] == 'Apel "perdana" — minggu 1'
    assert apel["present"] == 0 and apel["permit"] == 4 and apel["duty"] == 5
    assert "sick" not in apel
    assert_spec_shape(history_file(home).read_text(encoding="utf-8"))


HAND_WRITTEN = """\
# Riwayat apel pagi, dicatat oleh Sekretariat Daerah.

[[apel]]
date = 2025-04-14        # sesudah cuti Idul Fitri
kecamatan = "16.71.06"   # Ilir Timur II
leader = "sekda"

[[apel]]
date = 2025-04-28          # a TOML local date
kecamatan = "16.71.09"     # the kecamatan's code
leader = "walikota"        # the leader's id
note = "Apel minggu ketiga"   # optional
present = 150              # optional attendance counts:
sick = 3                   #   present, sick, leave, permit, duty, absent
leave = 2
absent = 1
"""


def test_a_hand_written_history_with_comments_is_read_back(cli, home):
    history_file(home).write_text(HAND_WRITTEN, encoding="utf-8")
    ok = cli("check")
    assert ok.exit_code == 0 and ok.stdout == "OK\n", ok.stderr
    rows = as_json(cli.ok("history", "--format", "json"))
    assert [(r["date"], r["kecamatan_code"], r["leader"]) for r in rows] == [
        ("2025-04-14", IT2, "Aprizal Hasyim"),
        ("2025-04-28", KEMUNING, "Ratu Dewa"),
    ]
    assert rows[1]["note"] == "Apel minggu ketiga"
    assert (rows[1]["present"], rows[1]["sick"], rows[1]["leave"], rows[1]["absent"]) == (
        150,
        3,
        2,
        1,
    )
    unvisited = [r["kecamatan_code"] for r in as_json(cli.ok("unvisited", "--format", "json"))]
    assert unvisited == [c for c in ROTATION_CODES if c not in (IT2, KEMUNING)]
    # a record in between keeps what was written by hand
    run = cli.ok("record", "21/4/2025", "AAL")
    assert "3 dari 18" in run.stderr
    apel = read_apel(home)
    assert [a["date"] for a in apel] == [dt.date(2025, 4, d) for d in (14, 21, 28)]
    assert apel[2] == {
        "date": dt.date(2025, 4, 28),
        "kecamatan": KEMUNING,
        "leader": "walikota",
        "note": "Apel minggu ketiga",
        "present": 150,
        "sick": 3,
        "leave": 2,
        "absent": 1,
    }
    assert_spec_shape(history_file(home).read_text(encoding="utf-8"))


def test_a_hand_written_inline_history_is_read_and_rewritten_as_tables(cli, home):
    history_file(home).write_text(
        'apel = [{date = 2025-04-14, kecamatan = "16.71.06", leader = "sekda"}]\n',
        encoding="utf-8",
    )
    assert [r["kecamatan_code"] for r in as_json(cli.ok("history", "--format", "json"))] == [IT2]
    cli.ok("record", "21/4/2025", "AAL")
    text = history_file(home).read_text(encoding="utf-8")
    assert_spec_shape(text)
    assert [a["kecamatan"] for a in read_apel(home)] == [IT2, AAL]


def test_deleting_the_last_apel_leaves_a_readable_history(cli, home):
    cli.ok("record", "14/4/2025", "IT II")
    cli.ok("delete", "2025-04-14")
    assert tomllib.loads(history_file(home).read_text(encoding="utf-8")).get("apel", []) == []
    assert as_json(cli.ok("history", "--format", "json")) == []
    assert [
        r["kecamatan_code"] for r in as_json(cli.ok("unvisited", "--format", "json"))
    ] == ROTATION_CODES
    assert cli("check").stdout == "OK\n"
    assert "1 dari 18" in cli.ok("record", "21/4/2025", "AAL").stderr


def test_replace_replaces_the_apel_of_that_date(cli, home):
    story(cli)
    run = cli.ok("record", "28/4/2025", "Ilir Timur 3", "--led-by", "walikota", "--replace")
    assert "Ilir Timur III" in run.stderr and "Ratu Dewa" in run.stderr
    apel = read_apel(home)
    assert len(apel) == 3
    assert apel[2]["date"] == dt.date(2025, 4, 28)
    assert apel[2]["kecamatan"] == "16.71.18" and apel[2]["leader"] == "walikota"
    unvisited = [r["kecamatan_code"] for r in as_json(cli.ok("unvisited", "--format", "json"))]
    assert KEMUNING in unvisited and "16.71.18" not in unvisited
    assert_spec_shape(history_file(home).read_text(encoding="utf-8"))


def test_a_repeat_in_the_round_changes_nothing_about_unvisited(cli, home):
    story(cli)
    before = as_json(cli.ok("unvisited", "--format", "json"))
    run = cli.ok("record", "5/5/2025", "Kemuning")
    assert "3 dari 18" in run.stderr
    after = as_json(cli.ok("unvisited", "--format", "json"))
    assert [r["kecamatan_code"] for r in after] == [r["kecamatan_code"] for r in before]
    rows = as_json(cli.ok("history", "--format", "json"))
    assert len(rows) == 4 and rows[3]["round"] == 1 and rows[3]["kecamatan"] == "Kemuning"
    kec = {r["kecamatan_code"]: r for r in as_json(cli.ok("kecamatan", "--format", "json"))}
    assert kec[KEMUNING]["visits"] == 2 and kec[KEMUNING]["last_visit"] == "2025-05-05"


def test_completing_all_18_rolls_over_to_round_2(cli, home):
    days = mondays(dt.date(2024, 1, 1), 19)
    for number, (day, code) in enumerate(zip(days, ROTATION_CODES, strict=False), 1):
        run = cli.ok("record", day.isoformat(), code)
        assert f"{number} dari 18" in run.stderr, run.stderr
        assert re.search(r", putaran 1\b", run.stderr), run.stderr
    unvisited = as_json(cli.ok("unvisited", "--format", "json"))
    assert [
        r["kecamatan_code"] for r in unvisited
    ] == ROTATION_CODES  # round 2: all unvisited again
    assert all(r["last_visit"] is not None for r in unvisited)  # last visit in any round
    assert unvisited[0]["last_visit"] == days[0].isoformat()
    run = cli.ok("record", days[18].isoformat(), "Kemuning")
    assert re.search(r", putaran 2\b", run.stderr) and "1 dari 18" in run.stderr, run.stderr
    unvisited = [r["kecamatan_code"] for r in as_json(cli.ok("unvisited", "--format", "json"))]
    assert unvisited == [c for c in ROTATION_CODES if c != KEMUNING]
    rows = as_json(cli.ok("history", "--format", "json"))
    assert [r["round"] for r in rows] == [1] * 18 + [2]


def test_history_filters_by_round_and_by_kecamatan(cli, home):
    days = mondays(dt.date(2024, 1, 1), 21)
    for day, code in zip(days, [*ROTATION_CODES, IT2, AAL, IT2], strict=True):
        cli.ok("record", day.isoformat(), code)
    round2 = as_json(cli.ok("history", "--round", "2", "--format", "json"))
    assert [(r["date"], r["kecamatan_code"]) for r in round2] == [
        (days[18].isoformat(), IT2),
        (days[19].isoformat(), AAL),
        (days[20].isoformat(), IT2),
    ]
    assert all(r["round"] == 2 for r in round2)
    round1 = as_json(cli.ok("history", "--round", "1", "--format", "json"))
    assert [r["kecamatan_code"] for r in round1] == ROTATION_CODES
    it2 = as_json(cli.ok("history", "--kecamatan", "it 2", "--format", "json"))
    assert [(r["date"], r["round"]) for r in it2] == [
        (days[0].isoformat(), 1),
        (days[18].isoformat(), 2),
        (days[20].isoformat(), 2),
    ]
    both = as_json(
        cli.ok("history", "--kecamatan", "Alang Alang Lebar", "--round", "2", "--format", "json")
    )
    assert [r["date"] for r in both] == [days[19].isoformat()]
    assert as_json(cli.ok("history", "--round", "3", "--format", "json")) == []


def test_delete_removes_the_apel_of_that_date(cli, home):
    story(cli)
    run = cli.ok("delete", "21/4/2025")
    assert run.stdout == ""
    assert "21 April 2025" in run.stderr and "Alang-Alang Lebar" in run.stderr
    assert [a["date"] for a in read_apel(home)] == [dt.date(2025, 4, 14), dt.date(2025, 4, 28)]
    unvisited = [r["kecamatan_code"] for r in as_json(cli.ok("unvisited", "--format", "json"))]
    assert unvisited == [c for c in ROTATION_CODES if c not in (IT2, KEMUNING)]
    assert_spec_shape(history_file(home).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("typed", "leader_id", "name"),
    [
        ("sekda", "sekda", "Aprizal Hasyim"),
        ("SEKDA", "sekda", "Aprizal Hasyim"),
        ("WaliKota", "walikota", "Ratu Dewa"),
        ("ratu dewa", "walikota", "Ratu Dewa"),
        ("PRIMA SALAM", "wawako", "Prima Salam"),
        ("Aprizal Hasyim", "sekda", "Aprizal Hasyim"),
    ],
)
def test_leaders_by_id_or_name_ignoring_case(cli, home, typed, leader_id, name):
    run = cli.ok("record", "14/4/2025", "IT II", "--led-by", typed)
    assert name in run.stderr
    [apel] = read_apel(home)
    assert apel["leader"] == leader_id
    assert_spec_shape(history_file(home).read_text(encoding="utf-8"))
    [row] = as_json(cli.ok("history", "--format", "json"))
    assert row["leader"] == name


# --- bad input: exit code, message, nothing changed -----------------------------------------


def test_an_unreadable_date_is_refused(cli, home):
    story(cli)
    assert_refused(cli, home, ("record", "14 Apralil 2025", "Sako"), "14 Apralil 2025")


def test_a_date_that_does_not_exist_is_refused_and_quoted(cli, home):
    story(cli)
    assert_refused(cli, home, ("record", "31/2/2025", "Sako"), '"31/2/2025"')


def test_a_date_without_year_asks_for_the_year(cli, home):
    story(cli)
    message = assert_refused(cli, home, ("record", "14/4", "Sako"), "14/4")
    assert "belum ada tahunnya" in message, message


def test_a_date_in_the_future_is_refused(cli, home):
    story(cli)
    future = dt.date(2025, 5, 12)
    message = assert_refused(
        cli, home, ("record", future.isoformat(), "Sako", "--lang", "en"), "in the future"
    )
    assert str(future.year) in message


def test_a_future_date_in_an_empty_home_creates_nothing(cli, home):
    assert_refused(cli, home, ("record", "5/1/2099", "Sako"), "2099")
    assert list(home.iterdir()) == []


def test_an_unknown_kecamatan_gets_a_suggestion(cli, home):
    story(cli)
    assert_refused(cli, home, ("record", "5/5/2025", "Kemunig"), '"Kemunig"', "Kemuning")


def test_an_ambiguous_kecamatan_lists_the_candidates(cli, home):
    story(cli)
    assert_refused(
        cli,
        home,
        ("record", "5/5/2025", "Ilir Timur", "--lang", "en"),
        '"Ilir Timur" could be Ilir Timur I, Ilir Timur II or Ilir Timur III',
    )


def test_an_unknown_leader_gets_a_suggestion_and_is_not_created(cli, home):
    story(cli)
    message = assert_refused(
        cli,
        home,
        ("record", "5/5/2025", "Kemuning", "--led-by", "Afrizal Hasyim", "--lang", "en"),
        '"Afrizal Hasyim"',
    )
    assert "Did you mean sekda (Aprizal Hasyim, Sekretaris Daerah)?" in message, message
    assert not (home / "kecamatan.toml").exists()
    for path in home.iterdir():
        if path.is_file():
            assert "afrizal" not in path.read_text(encoding="utf-8").lower()
    leaders = {r["leader"] for r in as_json(cli.ok("history", "--format", "json"))}
    assert leaders == {"Aprizal Hasyim"}


def test_a_negative_count_is_refused(cli, home):
    story(cli)
    assert_refused(cli, home, ("record", "5/5/2025", "Sako", "--present", "-5"), "present")


@pytest.mark.parametrize("option", ["--present", "--hadir", "--tanpa-keterangan"])
@pytest.mark.parametrize("count", ["1000001", "9" * 40])
def test_a_count_over_a_million_is_refused(cli, home, option, count):
    story(cli)
    args = ("record", "5/5/2025", "Sako", option, count, "--lang", "en")
    message = assert_refused(cli, home, args, "must be 1,000,000 at most", count)
    assert option in message


def test_a_count_of_a_million_is_kept(cli, home):
    cli.ok("record", "5/5/2025", "Sako", "--hadir", "1000000")
    assert read_apel(home)[0]["present"] == 1_000_000


def test_a_count_that_is_no_whole_number_is_a_usage_error(cli, home):
    story(cli)
    assert_refused(cli, home, ("record", "5/5/2025", "Sako", "--sakit", "10^40"), code=2)


@pytest.mark.parametrize("count", ["1000001", "9" * 5000, "10^40"])
def test_edit_refuses_a_count_over_a_million(cli, home, count):
    story(cli)
    args = ("edit", "28/4/2025", "--sick", count, "--lang", "en")
    assert_refused(cli, home, args, "--sick", "a whole number from 0 to 1,000,000")


COUNT_BOUNDS = "a whole number from 0 to 1,000,000"
DATE_BOUNDS = "from the year 1950 to 2199"


@pytest.mark.parametrize(
    ("old", "new", "named", "allowed"),
    [
        ("present = 150", "present = 1000001", "1000001", COUNT_BOUNDS),
        ("present = 150", "present = 99999999999999999", "99999999999999999", COUNT_BOUNDS),
        ("date = 2025-04-28", "date = 2200-04-28", "2200-04-28", DATE_BOUNDS),
        ("date = 2025-04-14", "date = 1949-04-11", "1949-04-11", DATE_BOUNDS),
    ],
)
def test_check_reports_a_count_or_date_out_of_bounds_with_its_line(
    cli, home, old, new, named, allowed
):
    text = HAND_WRITTEN.replace(old, new)
    assert text != HAND_WRITTEN
    history_file(home).write_text(text, encoding="utf-8")
    run = cli("check", "--lang", "en")
    assert run.exit_code == 1 and "Traceback" not in run.stderr
    [message] = [m for m in run.stderr.splitlines() if named in m]
    assert re.match(r"^Error: .*history\.toml:\d+: ", message), message
    assert allowed in message, message
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith(new))
    assert f"history.toml:{line}: " in message, message


def test_a_second_apel_on_a_date_needs_replace(cli, home):
    story(cli)
    message = assert_refused(
        cli, home, ("record", "28/4/2025", "Sako"), "28 April 2025", "Kemuning", "--replace"
    )
    assert "Sako" not in message
    assert "`apel-rotasi edit 2025-04-28`" in message  # figures that came late: edit
    assert read_apel(home)[2]["kecamatan"] == KEMUNING


@pytest.mark.parametrize("day", ["14/4/2025", "21/4/2025", "28/4/2025"])
def test_re_recording_the_same_apel_with_figures_warns_of_nothing(cli, home, day):
    """The first apel is not earlier than itself, and the plan had, for a recorded date,
    the apel recorded there."""
    story(cli)
    kecamatan = {"14/4/2025": "IT II", "21/4/2025": "AAL", "28/4/2025": "Kemuning"}[day]
    run = cli.ok("record", day, kecamatan, "--hadir", "140", "--sakit", "2", "--replace")
    assert len(run.stderr.splitlines()) == 1, run.stderr
    assert run.stderr.startswith("Diganti: ")


def test_re_recording_an_apel_off_the_plan_warns_once(cli, home):
    story(cli)
    first = cli.ok("record", "5/5/2025", "Sako")
    assert "menurut jadwal, apel Senin, 5 Mei 2025 di Ilir Barat II" in first.stderr
    again = cli.ok("record", "5/5/2025", "Sako", "--hadir", "140", "--replace")
    assert again.stderr.startswith("Diganti: ") and "Peringatan" not in again.stderr


def test_delete_of_a_date_with_no_apel_is_refused(cli, home):
    story(cli)
    assert_refused(cli, home, ("delete", "5/5/2025"), "5 Mei 2025")


def test_delete_with_no_history_at_all_is_refused(cli, home):
    assert_refused(cli, home, ("delete", "5/5/2025"), "5 Mei 2025")
    assert list(home.iterdir()) == []


BROKEN = """\
[[apel]]
date = 2025-04-14
kecamatan = "16.71.06
leader = "sekda"
"""


def test_a_broken_history_is_refused_with_file_and_line_and_left_untouched(cli, home):
    history_file(home).write_text(BROKEN, encoding="utf-8")
    before = files_but_lock(home)
    run = cli("record", "21/4/2025", "AAL")
    assert run.exit_code == 1 and run.stdout == ""
    assert re.search(r"history\.toml:3\b", run.stderr), run.stderr
    assert "Traceback" not in run.stderr
    assert files_but_lock(home) == before
    assert history_file(home).read_text(encoding="utf-8") == BROKEN
    for command in (("unvisited",), ("history",), ("delete", "14/4/2025")):
        other = cli(*command)
        assert other.exit_code == 1 and re.search(r"history\.toml:3\b", other.stderr), command
    assert files_but_lock(home) == before


@pytest.mark.parametrize(
    ("old", "new", "pattern"),
    [
        pytest.param(
            'leader = "sekda"\n',
            'leader = "sekda"\nvenue = "Kantor"\n',
            r"history\.toml:7: .*\bvenue\b",
            id="unknown key",
        ),
        pytest.param(
            "date = 2025-04-28",
            "date = 2025-04-14",
            r"history\.toml:\d+: .*2025-04-14",
            id="duplicate date",
        ),
    ],
)
def test_a_history_with_a_structural_problem_is_refused(cli, home, old, new, pattern):
    text = HAND_WRITTEN.replace(old, new)
    history_file(home).write_text(text, encoding="utf-8")
    before = files_but_lock(home)
    run = cli("record", "21/4/2025", "AAL")
    assert run.exit_code == 1, run.stderr
    assert re.search(pattern, run.stderr), run.stderr
    assert files_but_lock(home) == before


# --- warnings -------------------------------------------------------------------------------


def test_recording_on_a_holiday_warns_and_records(cli, home, monkeypatch):
    a_week_later(monkeypatch)
    run = cli.ok("record", "2025-05-12", "Sako", "--lang", "en")  # Hari Raya Waisak
    assert "Warning: Monday, 12 May 2025 is a holiday (" in run.stderr, run.stderr
    assert "Vesak" in run.stderr, run.stderr
    assert run.stdout == ""
    assert [a["date"] for a in read_apel(home)] == [dt.date(2025, 5, 12)]


def test_recording_on_a_day_that_is_not_an_apel_day_warns_and_records(cli, home, monkeypatch):
    a_week_later(monkeypatch)
    run = cli.ok("record", "2025-05-06", "Sako", "--lang", "en")  # a Tuesday
    assert "Warning: Tuesday, 6 May 2025 is not an apel day" in run.stderr, run.stderr
    assert [a["date"] for a in read_apel(home)] == [dt.date(2025, 5, 6)]


def test_recording_on_an_ordinary_monday_does_not_warn(cli, home):
    run = cli.ok("record", "2025-05-05", "Sako", "--lang", "en")
    assert run.stderr.startswith("Recorded: ") and run.stderr.count("\n") == 1, run.stderr


# --- check on history.toml ------------------------------------------------------------------


def _check(cli) -> tuple[int, list[str]]:
    run = cli("check")
    assert "Traceback" not in run.stderr
    return run.exit_code, [line for line in run.stderr.splitlines() if line.strip()]


def _lines_of_table(text: str, index: int) -> range:
    """The line numbers (1-based) of the index-th [[apel]] table, header to last line."""
    lines = text.splitlines()
    headers = [n for n, line in enumerate(lines, 1) if line.strip() == "[[apel]]"]
    end = headers[index + 1] - 1 if index + 1 < len(headers) else len(lines)
    return range(headers[index], end + 1)


def _line_of(message: str) -> int:
    found = re.match(r"^.*history\.toml:(\d+): ", message)
    assert found, message
    return int(found.group(1))


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        pytest.param('"16.71.09"', '"16.71.99"', "16.71.99", id="unknown kecamatan code"),
        pytest.param('"walikota"', '"bupati"', "bupati", id="unknown leader id"),
        pytest.param("date = 2025-04-28", "date = 2025-04-14", "2025-04-14", id="duplicate date"),
        pytest.param("date = 2025-04-28", "date = 2025-04-07", "2025-04-07", id="out of order"),
    ],
)
def test_check_reports_a_problem_of_the_second_apel_with_its_line(cli, home, old, new, named):
    text = HAND_WRITTEN.replace(old, new)
    history_file(home).write_text(text, encoding="utf-8")
    code, messages = _check(cli)
    assert code == 1
    [message] = [m for m in messages if named in m]
    assert _line_of(message) in _lines_of_table(text, 1), message


def test_check_reports_an_unknown_key_with_its_line(cli, home):
    text = HAND_WRITTEN.replace("leave = 2\n", "leave = 2\ncuti = 4\n")
    history_file(home).write_text(text, encoding="utf-8")
    code, messages = _check(cli)
    assert code == 1
    [message] = [m for m in messages if "cuti" in m]
    assert _line_of(message) == text.splitlines().index("cuti = 4") + 1, message


def test_check_reports_every_problem_at_once(cli, home):
    text = (
        HAND_WRITTEN.replace('"16.71.06"', '"16.71.99"')
        .replace('"walikota"', '"bupati"')
        .replace("absent = 1\n", "absent = 1\nx = 1\n")
    )
    history_file(home).write_text(text, encoding="utf-8")
    code, messages = _check(cli)
    assert code == 1
    assert any("16.71.99" in m for m in messages)
    assert any("bupati" in m for m in messages)
    assert any('"x"' in m for m in messages)


def test_check_says_ok_for_the_tools_own_history(cli, home):
    story(cli)
    run = cli("check")
    assert run.exit_code == 0 and run.stdout == "OK\n", run.stderr


@pytest.mark.parametrize(
    "command",
    [
        ("unvisited", "--format", "json", "--lang", "en"),
        ("plan", "--start", "2025-05-05", "--format", "json", "--lang", "en"),
        ("history", "--format", "json", "--lang", "en"),
        ("kecamatan", "--format", "json", "--lang", "en"),
    ],
)
def test_other_commands_warn_about_a_code_no_longer_in_the_roster(cli, home, command):
    history_file(home).write_text(
        HAND_WRITTEN.replace('"16.71.09"', '"16.71.99"'), encoding="utf-8"
    )
    run = cli(*command)
    assert run.exit_code == 0, run.stderr
    assert "Warning: " in run.stderr and '"16.71.99" is not in the roster' in run.stderr, run.stderr
    rows = json.loads(run.stdout)
    assert rows  # the command went on and printed its data
    if command[0] == "unvisited":
        assert [r["kecamatan_code"] for r in rows] == [c for c in ROTATION_CODES if c != IT2]
    if command[0] == "plan":
        planned = [r["kecamatan_code"] for r in rows if r["status"] == "planned"]
        assert planned == [c for c in ROTATION_CODES if c != IT2]


def test_an_empty_note_on_a_cancelled_week_speaks_of_its_reason(cli, home):
    story(cli)
    cli.ok("record", "5/5/2025", "--cancel", "Hujan lebat")
    before = snapshot(home)
    run = cli("edit", "5/5/2025", "--note", "")
    assert run.exit_code == 1
    assert run.stderr == (
        "Kesalahan: Senin, 5 Mei 2025 tercatat tanpa apel (Hujan lebat); di sini --note "
        "mengubah alasan yang dicatat dengan --cancel, dan alasan itu tidak boleh kosong. "
        "Tulis alasan baru, atau hapus catatan minggu itu dengan `apel-rotasi delete 2025-05-05`.\n"
    )
    assert snapshot(home) == before


def test_a_writer_waiting_for_the_lock_says_so_at_once(cli, home):
    """While another writer holds history.toml's lock, record says it waits, then records."""
    taken = threading.Event()

    def hold() -> None:
        with FileLock(home / "history.toml.lock"):
            taken.set()
            time.sleep(1)

    holder = threading.Thread(target=hold)
    holder.start()
    taken.wait()
    try:
        run = cli.ok("record", "14/4/2025", "IT II")
    finally:
        holder.join()
    lines = run.stderr.splitlines()
    assert lines[0] == (
        "Menunggu apel-rotasi lain yang sedang menulis history.toml (paling lama 60 detik)."
    )
    assert lines[1].startswith("Tercatat: Senin, 14 April 2025, Ilir Timur II")


def test_a_writer_that_finds_the_lock_free_says_nothing_of_it(cli, home):
    run = cli.ok("record", "14/4/2025", "IT II")
    assert "Menunggu" not in run.stderr
