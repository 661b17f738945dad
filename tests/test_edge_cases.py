"""Edge cases: odd dates, long names, shifts meeting pins, files that end mid-way."""

from dataclasses import replace
import datetime as dt

import pytest
from conftest import snapshot

from apel_rotasi.errors import UserError
from apel_rotasi.store.roster import load_roster
from apel_rotasi.model import DayNote, Pin
from apel_rotasi.parse import parse_date
from apel_rotasi.planner import plan

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-4-5", D(2025, 4, 5)),
        ("2025/4/5", D(2025, 4, 5)),
        ("2025-12-4", D(2025, 12, 4)),
        ("5.4.2025", D(2025, 4, 5)),
        ("Senin 28 April 2025", D(2025, 4, 28)),
    ],
)
def test_year_first_and_other_numeric_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-13-01", "month must be in 1..12"),
        ("1/2/3", "write the year in full"),
        ("14 April 25", "write the year in full"),
        ("-1/4/2025", "cannot read the date"),
        ("Tuesday 28 April 2025", "is a Monday"),
    ],
)
def test_dates_that_would_be_guesses_are_refused(text, message):
    with pytest.raises(UserError, match=message):
        parse_date(text)


def test_a_pinned_apel_ends_the_shift_of_its_week(tmp_path):
    """Under shift, 12 May 2025 (Waisak) would move to Wednesday 14 May (13 May is cuti
    bersama); a pin on the 14th is that week's apel, and no second one follows."""
    roster, _ = load_roster(tmp_path)
    roster = replace(roster, rotation=roster.rotation._replace(on_holiday="shift"))
    calendar = {D(2025, 5, 12): "Waisak", D(2025, 5, 13): "Cuti Bersama Waisak"}
    pins = [Pin(D(2025, 5, 14), kecamatan="16.71.12")]
    rows = plan(roster, [], lambda year: calendar, pins, D(2025, 5, 12), weeks=1)
    assert [(r.date, r.status) for r in rows] == [
        (D(2025, 5, 12), "holiday"),
        (D(2025, 5, 14), "pinned"),
    ]
    rows = plan(roster, [], lambda year: calendar, [], D(2025, 5, 12), weeks=1)
    assert [(r.date, r.status, r.shifted_from) for r in rows] == [
        (D(2025, 5, 12), "holiday", None),
        (D(2025, 5, 14), "planned", D(2025, 5, 12)),
    ]


def test_a_closure_beats_a_workday(tmp_path):
    roster, _ = load_roster(tmp_path)
    day = D(2025, 5, 12)
    roster = replace(roster, closures=(DayNote(day, "Banjir"),), workdays=(DayNote(day, "x"),))
    rows = plan(roster, [], lambda year: {day: "Waisak"}, [], day, weeks=1)
    assert [(r.status, r.note) for r in rows] == [("holiday", "Banjir")]


LONG_NAME = "Penukal Utara Sebelah Barat Laut Daya"
LONG = """
[[leader]]
id = "sekda"
name = "Haji Muhammad Abdurrahman Wahid Lematang Ilir Seka"
default = true

[[kecamatan]]
code = "1"
name = "Penukal Utara Sebelah Barat Laut Daya"

[[kecamatan]]
code = "2"
name = "Abab"
"""


def test_long_names_wrap_between_words_and_no_column_is_lost(cli, home):
    (home / "kecamatan.toml").write_text(LONG, encoding="utf-8")
    cli.ok("record", "2025-04-14", "Penukal", "--present", "30", "--absent", "2")
    for command in (
        ["report"],
        ["kecamatan"],
        ["history"],
        ["plan", "--start", "2025-04-21", "--weeks", "2"],
    ):
        out = cli.ok(*command).stdout
        assert all(len(line) <= 80 for line in out.splitlines()), command
        tokens = out.split()  # a name may wrap between its words, never inside one
        assert all(
            word in tokens for word in ["Penukal", "Utara", "Sebelah", "Barat", "Laut", "Daya"]
        )
    report = cli.ok("report").stdout
    assert "Kehadiran" in report and "94%" in report and "Senin, 14 April 2025" in report


def test_an_empty_listing_says_so(cli):
    assert cli.ok("history").stdout.strip() == "Tidak ada baris."
    assert cli.ok("history", "--format", "csv").stdout.startswith("date,round,")
    assert cli.ok("history", "--format", "json").stdout.strip() == "[]"


def test_a_toml_error_at_the_end_of_the_file_names_the_last_line(cli, home):
    (home / "kecamatan.toml").write_text(
        '[rotation]\ncity = "X"\n[[kecamatan]]\ncode = "1"\nname = "A"\naliases = [\n',
        encoding="utf-8",
    )
    before = snapshot(home)
    result = cli("check")
    assert result.exit_code == 1 and "kecamatan.toml:6: not valid TOML" in result.stderr
    assert snapshot(home) == before


def test_check_reports_a_missing_kecamatan_beside_other_problems(cli, home):
    (home / "kecamatan.toml").write_text(
        '[rotation]\nlang = "xx"\n[[leader]]\nid = "a"\nname = "A"\ndefault = true\n',
        encoding="utf-8",
    )
    result = cli("check")
    assert result.exit_code == 1
    assert 'kecamatan.toml:2: "lang" in [rotation] must be "id" or "en"' in result.stderr
    assert "no [[kecamatan]]" in result.stderr


def test_dates_past_the_year_9999_are_an_error_not_a_crash(cli):
    for args in (["plan", "--start", "9999-12-27"], ["calendar", "9999-12"]):
        result = cli(*args)
        assert result.exit_code == 1 and "year 9999" in result.stderr


def test_an_empty_start_is_read_and_refused(cli):
    result = cli("plan", "--start", "")
    assert result.exit_code == 1 and 'cannot read the date ""' in result.stderr


def test_one_warning_for_all_years_without_cuti_bersama(cli):
    result = cli.ok("plan", "--start", "2030-01-07", "--weeks", "150", "--format", "csv")
    warnings = [line for line in result.stderr.splitlines() if "cuti bersama" in line]
    assert len(warnings) == 1 and "2030 to 2032" in warnings[0]
    result = cli.ok("plan", "--start", "2025-01-06", "--weeks", "100", "--format", "csv")
    assert "cuti bersama" not in result.stderr


def test_pin_warns_when_it_puts_an_apel_on_a_holiday(cli, home):
    day = D.today() + dt.timedelta(days=7 - D.today().weekday() + 14)  # a coming Monday
    cli.ok("init")
    text = (home / "kecamatan.toml").read_text(encoding="utf-8")
    text += f'\n[[closure]]\ndate = {day.isoformat()}\nreason = "Banjir"\n'
    (home / "kecamatan.toml").write_text(text, encoding="utf-8")
    result = cli.ok("pin", day.isoformat(), "--led-by", "walikota")
    assert "Warning:" in result.stderr and "Banjir" in result.stderr
    row = next(
        r
        for r in cli.ok(
            "plan", "--start", day.isoformat(), "--weeks", "1", "--format", "json"
        ).stdout.split("\n")
        if "status" in r
    )
    assert "planned" in row
