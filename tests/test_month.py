"""The month view behind ``calendar``: weeks Monday first, one apel entry per day."""

from __future__ import annotations

import datetime as dt

import pytest
from rich.console import Console

from apel_rotasi.month import Day, month_view
from apel_rotasi.render.calendar import month_grid

D = dt.date
APRIL_HOLIDAYS = {D(2025, 4, 7): "Cuti Bersama Idul Fitri", D(2025, 4, 18): "Wafat Yesus Kristus"}


def april(**entries: dict[dt.date, str]):
    return month_view(
        2025,
        4,
        entries.get("holidays", APRIL_HOLIDAYS),
        entries.get("recorded", {}),
        entries.get("planned", {}),
        entries.get("cancelled", {}),
    )


def test_weeks_are_monday_first_with_the_neighbouring_months_left_empty():
    view = april()
    assert (view.year, view.month) == (2025, 4)
    assert all(len(week) == 7 for week in view.weeks)
    # 1 April 2025 is a Tuesday, 30 April a Wednesday
    assert view.weeks[0][0] is None
    assert view.weeks[0][1] == Day(D(2025, 4, 1))
    assert [day.date.day if day else None for day in view.weeks[-1]] == [
        28,
        29,
        30,
        None,
        None,
        None,
        None,
    ]
    assert [day.date for day in view.days()] == [D(2025, 4, n) for n in range(1, 31)]


@pytest.mark.parametrize(
    ("year", "month", "weeks"),
    [(2021, 2, 4), (2025, 9, 5), (2025, 6, 6)],  # 1 Feb 2021 and 1 Sep 2025 are Mondays
)
def test_as_many_weeks_as_the_month_touches(year, month, weeks):
    view = month_view(year, month, {}, {}, {}, {})
    assert len(view.weeks) == weeks
    assert next(view.days()).date == D(year, month, 1)


def test_each_day_carries_its_holiday_and_its_apel():
    view = april(
        recorded={D(2025, 4, 14): "IT II"},
        planned={D(2025, 4, 28): "Kemuning"},
        cancelled={D(2025, 4, 21): "Apel gabungan"},
    )
    days = {day.date: day for day in view.days()}
    assert days[D(2025, 4, 7)] == Day(D(2025, 4, 7), holiday="Cuti Bersama Idul Fitri")
    assert days[D(2025, 4, 14)].recorded == "IT II"
    assert days[D(2025, 4, 14)].kind == "recorded"
    assert days[D(2025, 4, 28)].planned == "Kemuning"
    assert days[D(2025, 4, 28)].kind == "planned"
    assert days[D(2025, 4, 21)].cancelled == "Apel gabungan"
    assert days[D(2025, 4, 21)].kind == "cancelled"
    assert days[D(2025, 4, 8)].kind is None
    assert view.holidays() == sorted(APRIL_HOLIDAYS.items())


def test_a_recorded_apel_wins_over_a_plan_and_a_plan_over_a_cancellation():
    day = D(2025, 4, 14)
    view = april(recorded={day: "IT II"}, planned={day: "AAL"}, cancelled={day: "Hujan"})
    assert next(d for d in view.days() if d.date == day) == Day(day, recorded="IT II")
    view = april(planned={day: "AAL"}, cancelled={day: "Hujan"})
    assert next(d for d in view.days() if d.date == day) == Day(day, planned="AAL")


def test_a_pin_on_a_holiday_keeps_both():
    day = D(2025, 4, 7)
    view = april(planned={day: "IT II"})
    assert next(d for d in view.days() if d.date == day) == Day(
        day, holiday="Cuti Bersama Idul Fitri", planned="IT II"
    )


def test_entries_of_other_months_are_left_out():
    view = month_view(
        2025,
        4,
        {D(2025, 5, 12): "Waisak"},
        {D(2025, 3, 31): "IT II"},
        {D(2025, 5, 5): "AAL"},
        {D(2025, 5, 19): "Hujan"},
    )
    assert all(day.kind is None and day.holiday is None for day in view.days())
    assert view.holidays() == []


def render(view, lang: str) -> str:
    from apel_rotasi.names import names

    console = Console(width=80, record=True, color_system=None)
    console.print(month_grid(view, names(lang), lang))
    return console.export_text()


@pytest.mark.usefixtures("home")  # names() caches Babel's words in the test's cache folder
def test_the_terminal_grid_draws_the_view():
    view = april(
        recorded={D(2025, 4, 14): "IT II"},
        planned={D(2025, 4, 28): "Kemuning"},
        cancelled={D(2025, 4, 21): "Apel gabungan"},
    )
    out = render(view, "id")
    assert "April 2025" in out
    assert "Senin" in out.splitlines()[2]
    assert "✓ IT II" in out
    assert "Kemuning" in out
    assert "batal" in out
    assert " 7 *" in out and "18 *" in out
    assert "* 18 April: Wafat Yesus Kristus" in out
    assert all(len(line) <= 80 for line in out.splitlines())
    english = render(view, "en")
    assert "cancelled" in english and "Monday" in english
