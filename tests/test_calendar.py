"""calendar: a month as a grid of weeks, apel recorded and planned, holidays in a legend."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

import pytest
from conftest import DAYS_EN, DAYS_ID, MONTHS_ID, fits, snapshot


@dataclass
class Cell:
    day: int
    holiday: bool
    label: str


@dataclass
class Grid:
    title: str
    header: list[str]
    weeks: list[list[Cell | None]]  # Monday first
    legend: list[str]  # the lines under the grid

    @property
    def cells(self) -> dict[int, Cell]:
        return {c.day: c for week in self.weeks for c in week if c is not None}


def parse(out: str) -> Grid:
    """Read the drawn month back: title, weekday header, one block of lines per week."""
    lines = out.splitlines()
    top = next(i for i, line in enumerate(lines) if line.startswith("┌"))
    bottom = next(i for i, line in enumerate(lines) if line.startswith("└"))
    title = " ".join(line.strip() for line in lines[:top] if line.strip())
    blocks: list[list[list[str]]] = [[]]
    for line in lines[top + 1 : bottom]:
        if line.startswith("├"):
            blocks.append([])
        else:
            assert line.startswith("│") and line.endswith("│"), line
            blocks[-1].append(line.split("│")[1:-1])
    header = [part.strip() for part in blocks[0][0]]
    weeks = []
    for block in blocks[1:]:
        week: list[Cell | None] = []
        for column in range(7):
            texts = [row[column].strip() for row in block]
            if not texts[0]:
                week.append(None)
                continue
            found = re.fullmatch(r"(\d{1,2})( \*)?", texts[0])
            assert found, texts
            label = " ".join(t for t in texts[1:] if t)
            week.append(Cell(int(found.group(1)), bool(found.group(2)), label))
        weeks.append(week)
    legend = [line for line in lines[bottom + 1 :] if line.strip()]
    return Grid(title, header, weeks, legend)


def assert_weeks_are_monday_first(grid: Grid, year: int, month: int) -> None:
    seen = []
    for week in grid.weeks:
        days = [c for c in week if c is not None]
        assert days
        for column, cell in enumerate(week):
            if cell is not None:
                assert dt.date(year, month, cell.day).weekday() == column
                seen.append(cell.day)
    last = (dt.date(year, month, 28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    assert seen == list(range(1, last.day + 1))


@pytest.fixture
def april(cli):
    cli.ok("record", "2025-04-14", "Ilir Timur II")
    cli.ok("record", "2025-04-21", "Alang-Alang Lebar", "--present", "100")
    cli.ok("record", "2025-04-28", "Kemuning")
    return cli


def test_recorded_apel_are_shown_with_a_tick(april):
    out = april.ok("calendar", "2025-04").stdout
    grid = parse(out)
    cells = grid.cells
    assert cells[14].label == "✓ IT II"  # the short name, where the roster gives one
    assert cells[21].label == "✓ AAL"
    assert cells[28].label == "✓ Kemuning"
    ticked = sorted(day for day, cell in cells.items() if "✓" in cell.label)
    assert ticked == [14, 21, 28]
    # no planned apel in a month long past: only the three recorded carry a name
    assert sorted(day for day, cell in cells.items() if cell.label) == [14, 21, 28]
    assert "April 2025" in grid.title


def test_cuti_bersama_are_marked_and_listed_under_the_grid(april):
    out = april.ok("calendar", "2025-04").stdout
    grid = parse(out)
    cells = grid.cells
    # 2, 3, 4 and 7 April 2025: cuti bersama Idul Fitri; 1 April: Idul Fitri day two
    for day in (1, 2, 3, 4, 7, 18):
        assert cells[day].holiday, day
    for day in (8, 9, 10, 11, 14, 15, 21, 28):
        assert not cells[day].holiday, day
    legend = "\n".join(grid.legend)
    joint = [line for line in grid.legend if "Cuti Bersama Hari Raya Idul Fitri" in line]
    assert len(joint) == 4
    for day in (2, 3, 4, 7):
        assert any(re.search(rf"\b{day}\b", line) for line in joint), day
    assert "Wafat Yesus Kristus" in legend
    # the legend stands below the grid
    assert out.index("Cuti Bersama Hari Raya Idul Fitri") > out.index("└")


def test_weeks_are_rows_with_senin_first(april):
    out = april.ok("calendar", "2025-04").stdout
    grid = parse(out)
    assert grid.header == DAYS_ID
    assert_weeks_are_monday_first(grid, 2025, 4)
    assert len(grid.weeks) == 5
    assert [c.day if c else None for c in grid.weeks[2]] == [14, 15, 16, 17, 18, 19, 20]


def test_monday_first_in_english_too(april):
    out = april.ok("calendar", "2025-04", "--lang", "en").stdout
    grid = parse(out)
    assert grid.header == DAYS_EN
    assert_weeks_are_monday_first(grid, 2025, 4)
    assert "April 2025" in grid.title
    assert any("Eid al-Fitr" in line for line in grid.legend)
    assert not any("Cuti Bersama" in line for line in grid.legend)


@pytest.mark.parametrize("month", ["2025-01", "2025-02", "2025-04", "2025-06", "2025-12"])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_line_fits_in_80_columns(april, month, lang):
    out = april.ok("calendar", month, "--lang", lang).stdout
    assert out.strip()
    fits(out)


def test_long_names_still_fit_in_80_columns(cli):
    # Sematang Borang has no short name: the longest label the bundled roster gives
    cli.ok("record", "2025-06-02", "Sematang Borang")
    cli.ok("record", "2025-06-09", "Alang-Alang Lebar")
    out = cli.ok("calendar", "2025-06").stdout
    fits(out)
    grid = parse(out)
    assert "Sematang" in grid.cells[2].label and "✓" in grid.cells[2].label


def today_month() -> tuple[int, int]:
    today = dt.date.today()
    return today.year, today.month


def plan_rows(cli, weeks: int = 12) -> list[dict]:
    return json.loads(cli.ok("plan", "--weeks", str(weeks), "--format", "json").stdout)


def label_of(row: dict) -> str:
    """A kecamatan as the calendar names it: its short name, else its name."""
    return row["short"] or row["kecamatan"]


def test_calendar_without_argument_shows_this_month(cli):
    year, month = today_month()
    out = cli.ok("calendar").stdout
    grid = parse(out)
    assert f"{MONTHS_ID[month - 1]} {year}" in grid.title
    assert_weeks_are_monday_first(grid, year, month)
    assert out == cli.ok("calendar", f"{year}-{month:02d}").stdout
    fits(out)


def test_this_month_shows_the_planned_apel_from_today_on(cli):
    year, month = today_month()
    today = dt.date.today()
    grid = parse(cli.ok("calendar").stdout)
    rows = [
        r
        for r in plan_rows(cli, 6)
        if dt.date.fromisoformat(r["date"]).month == month
        and dt.date.fromisoformat(r["date"]).year == year
    ]
    planned = [r for r in rows if r["status"] in ("planned", "pinned")]
    for row in planned:
        day = dt.date.fromisoformat(row["date"])
        assert grid.cells[day.day].label == label_of(row), row
    named = sorted(d for d, c in grid.cells.items() if c.label)
    assert named == sorted(dt.date.fromisoformat(r["date"]).day for r in planned)
    # nothing planned before today
    assert all(d >= today.day for d in named)
    if today.weekday() == 0:  # today is an apel day: the first of the rotation
        assert grid.cells[today.day].label == "IT II"


def test_next_month_shows_the_same_kecamatan_as_plan(cli):
    """The calendar's planned apel are those of ``plan``: the rotation goes on from today."""
    year, month = today_month()
    nxt = dt.date(year, month, 28) + dt.timedelta(days=5)
    rows = [
        r
        for r in plan_rows(cli, 12)
        if dt.date.fromisoformat(r["date"]).month == nxt.month and r["status"] == "planned"
    ]
    assert rows
    grid = parse(cli.ok("calendar", f"{nxt.year}-{nxt.month:02d}").stdout)
    shown = {d: c.label for d, c in grid.cells.items() if c.label}
    expected = {dt.date.fromisoformat(r["date"]).day: label_of(r) for r in rows}
    assert shown == expected


def test_pins_show_in_the_calendar(cli):
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    monday = tomorrow + dt.timedelta(days=(0 - tomorrow.weekday()) % 7)
    cli.ok("pin", monday.isoformat(), "Sako")
    cancel = monday + dt.timedelta(days=7)
    cli.ok("pin", cancel.isoformat(), "--cancel", "Rapat paripurna")
    out = cli.ok("calendar", f"{monday.year}-{monday.month:02d}").stdout
    cells = parse(out).cells
    assert cells[monday.day].label == "Sako"
    if cancel.month == monday.month:
        assert cells[cancel.day].label == "batal"


@pytest.mark.parametrize("month", ["2025-13", "bulan", "2025-00", "13/2025", "Apr1l", "2025"])
def test_a_month_that_cannot_be_read(cli, home, month):
    run = cli("calendar", month)
    assert run.exit_code == 1
    assert f'Bulan "{month}" tidak dapat dibaca.' in run.stderr
    assert "Traceback" not in run.stderr
    assert run.stdout == ""
    assert snapshot(home) == {}


@pytest.mark.parametrize("text", ["April 2025", "april 2025", "4/2025", "04-2025", "Apr 2025"])
def test_other_ways_to_write_april(april, text):
    assert april.ok("calendar", text).stdout == april.ok("calendar", "2025-04").stdout


def test_mei_is_may(cli):
    out = cli.ok("calendar", "Mei 2025").stdout
    assert out == cli.ok("calendar", "2025-05").stdout == cli.ok("calendar", "May 2025").stdout
    grid = parse(out)
    assert "Mei 2025" in grid.title
    assert grid.cells[12].holiday  # Waisak
    assert any("Waisak" in line for line in grid.legend)


def test_a_month_past_the_year_2199_is_an_error_not_a_crash(cli):
    result = cli("calendar", "9999-12", "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr == (
        'Error: the date "9999-12" is out of range: dates from the year 1950 to 2199 '
        "are accepted.\n"
    )
