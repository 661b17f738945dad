"""The national calendar as the data knows it: workdays, missing cuti bersama, estimates."""

from __future__ import annotations

import datetime as dt
import json

import holidays
import pytest
from conftest import BUNDLED


def plan(cli, start: str, weeks: int = 1, *more: str):
    run = cli.ok("plan", "--start", start, "--weeks", str(weeks), *more, "--format", "json")
    return {r["date"]: r for r in json.loads(run.stdout)}, run.stderr


def with_roster(home, extra: str) -> None:
    (home / "kecamatan.toml").write_text(
        BUNDLED.read_text(encoding="utf-8") + "\n" + extra, encoding="utf-8"
    )


def has_cuti_bersama(year: int) -> bool:
    return bool(holidays.country_holidays("ID", years=year, categories=("government",)))


# --- [[workday]] ----------------------------------------------------------------------------


def test_waisak_2025_is_a_holiday_without_a_workday(cli):
    rows, _ = plan(cli, "2025-05-12")
    assert rows["2025-05-12"]["status"] == "holiday"
    assert "Waisak" in rows["2025-05-12"]["note"]


def test_a_workday_makes_a_national_holiday_an_apel_day(cli, home):
    with_roster(home, '[[workday]]\ndate = 2025-05-12\nreason = "Apel tetap dilaksanakan"\n')
    assert cli.ok("check").stdout == "OK\n"
    rows, _ = plan(cli, "2025-05-05", 2)
    assert list(rows) == ["2025-05-05", "2025-05-12"]
    waisak = rows["2025-05-12"]
    assert waisak["status"] == "planned"
    assert waisak["kecamatan"] == "Alang-Alang Lebar"  # the second of the rotation
    assert waisak["round"] == 1 and waisak["leader"] == "Aprizal Hasyim"
    assert waisak["note"] is None


def test_a_workday_on_a_cuti_bersama_monday(cli, home):
    with_roster(home, '[[workday]]\ndate = 2025-04-07\nreason = "Cuti bersama dibatalkan"\n')
    rows, _ = plan(cli, "2025-04-07", 2)
    assert [r["status"] for r in rows.values()] == ["planned", "planned"]
    assert rows["2025-04-07"]["kecamatan"] == "Ilir Timur II"


def test_a_workday_is_not_drawn_as_a_holiday(cli, home):
    with_roster(home, '[[workday]]\ndate = 2025-05-12\nreason = "Apel tetap dilaksanakan"\n')
    out = cli.ok("calendar", "2025-05").stdout
    assert "12 Mei" not in out  # not in the legend of holidays
    assert "12 *" not in out
    assert "13 *" in out  # cuti bersama Waisak on the Tuesday still is a holiday


def test_a_workday_on_a_day_that_is_not_an_apel_day_adds_no_apel(cli, home):
    # 13 May 2025 is a Tuesday cuti bersama; making it a workday does not make it a Monday
    with_roster(home, '[[workday]]\ndate = 2025-05-13\nreason = "Cuti bersama dibatalkan"\n')
    rows, _ = plan(cli, "2025-05-05", 2)
    assert list(rows) == ["2025-05-05", "2025-05-12"]
    assert rows["2025-05-12"]["status"] == "holiday"


# --- missing cuti bersama -------------------------------------------------------------------


def years_without_cuti_bersama() -> tuple[int, int]:
    """An early and a far-future year for which the holidays package has no cuti bersama."""
    early = next(y for y in range(2000, 1989, -1) if not has_cuti_bersama(y))
    late = next(y for y in range(2030, 2061) if not has_cuti_bersama(y))
    return early, late


def test_the_chosen_years_really_lack_cuti_bersama():
    early, late = years_without_cuti_bersama()
    assert not has_cuti_bersama(early) and not has_cuti_bersama(late)
    assert has_cuti_bersama(2025)


@pytest.mark.parametrize("which", [0, 1])
def test_plan_warns_for_a_year_with_no_cuti_bersama(cli, which):
    year = years_without_cuti_bersama()[which]
    rows, stderr = plan(cli, f"{year}-03-01", 4)
    assert rows  # the plan is still made, on standard output
    assert "cuti bersama" in stderr.lower()
    assert str(year) in stderr
    assert all(date.startswith(str(year)) for date in rows)


def test_the_warning_goes_to_standard_error_not_into_the_data(cli):
    _, late = years_without_cuti_bersama()
    run = cli.ok("plan", "--start", f"{late}-03-01", "--weeks", "2", "--format", "csv")
    assert "cuti bersama" not in run.stdout.lower()
    assert run.stdout.splitlines()[0].startswith("date,weekday,round")
    assert "cuti bersama" in run.stderr.lower()


def test_no_warning_for_2025(cli):
    assert has_cuti_bersama(2025)
    rows, stderr = plan(cli, "2025-01-06", 52)
    assert len(rows) == 52
    assert stderr == ""  # no warning at all


def test_a_plan_across_two_years_warns_only_for_the_one_without(cli):
    year = next(y for y in range(2024, 2061) if has_cuti_bersama(y) and not has_cuti_bersama(y + 1))
    rows, stderr = plan(cli, f"{year}-12-01", 8)
    assert {date[:4] for date in rows} == {str(year), str(year + 1)}
    assert "cuti bersama" in stderr.lower()
    assert str(year + 1) in stderr
    assert str(year) not in stderr.replace(str(year + 1), "")


# --- estimated holidays ---------------------------------------------------------------------


def estimated_monday() -> tuple[dt.date, str, str]:
    """A Monday holiday the data marks as an estimate (Islamic calendar, far future)."""
    for year in range(2030, 2040):
        in_id = holidays.country_holidays("ID", years=year, language="id")
        in_en = holidays.country_holidays("ID", years=year, language="en_US")
        for day, name in sorted(in_id.items()):
            if day.weekday() == 0 and "(perkiraan)" in name:
                return day, name, in_en[day]
    raise AssertionError("no estimated Monday holiday found")


def test_an_estimated_holiday_says_so_in_its_note(cli):
    day, name, _ = estimated_monday()
    rows, _ = plan(cli, day.isoformat())
    row = rows[day.isoformat()]
    assert row["status"] == "holiday"
    assert "(perkiraan)" in row["note"]
    assert row["note"] == name


def test_an_estimated_holiday_in_english(cli):
    day, _, name = estimated_monday()
    rows, _ = plan(cli, day.isoformat(), 1, "--lang", "en")
    row = rows[day.isoformat()]
    assert row["status"] == "holiday"
    assert "estimated" in row["note"].lower()
    assert row["note"] == name


def test_an_estimated_holiday_in_2031_on_a_wednesday_roster(cli, home):
    # 23 April 2031: Tahun Baru Islam (perkiraan), a Wednesday
    text = BUNDLED.read_text(encoding="utf-8").replace('days = ["senin"]', 'days = ["rabu"]')
    assert 'days = ["rabu"]' in text
    (home / "kecamatan.toml").write_text(text, encoding="utf-8")
    name = holidays.country_holidays("ID", years=2031, language="id")[dt.date(2031, 4, 23)]
    assert "(perkiraan)" in name
    rows, _ = plan(cli, "2031-04-21")
    row = rows["2031-04-23"]
    assert row["status"] == "holiday" and row["weekday"] == "Rabu"
    assert "(perkiraan)" in row["note"]
    table = cli.ok("plan", "--start", "2031-04-21", "--weeks", "1").stdout
    assert "perkiraan" in table


def test_a_confirmed_holiday_is_not_called_an_estimate(cli):
    rows, _ = plan(cli, "2025-05-12")
    assert "perkiraan" not in rows["2025-05-12"]["note"]
    rows, _ = plan(cli, "2025-05-12", 1, "--lang", "en")
    assert "estimated" not in rows["2025-05-12"]["note"].lower()
