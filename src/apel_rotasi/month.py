"""One month as weeks of days, each with what happens on it: the data behind ``calendar``.

Pure: built from plain mappings, so the terminal grid and the printed page draw the same
month and neither needs the loaded state.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

Kind = Literal["recorded", "planned", "ceremony", "cancelled"]


@dataclass(frozen=True, slots=True)
class Day:
    """A day of the month: its holiday, and at most one of recorded, planned, ceremony or
    cancelled."""

    date: dt.date
    holiday: str | None = None  # the holiday's or closure's name
    recorded: str | None = None  # label of the kecamatan of the apel recorded
    planned: str | None = None  # label of the kecamatan planned
    cancelled: str | None = None  # the reason there is no apel
    ceremony: str | None = None  # the ceremony held instead of the apel

    @property
    def kind(self) -> Kind | None:
        if self.recorded is not None:
            return "recorded"
        if self.planned is not None:
            return "planned"
        if self.ceremony is not None:
            return "ceremony"
        if self.cancelled is not None:
            return "cancelled"
        return None


@dataclass(frozen=True, slots=True)
class MonthView:
    """Weeks Monday first; a day of the neighbouring months is ``None``."""

    year: int
    month: int
    weeks: tuple[tuple[Day | None, ...], ...]

    def days(self) -> Iterator[Day]:
        return (day for week in self.weeks for day in week if day is not None)

    def holidays(self) -> list[tuple[dt.date, str]]:
        """The month's holidays in date order, for the legend under the grid."""
        return [(day.date, day.holiday) for day in self.days() if day.holiday is not None]


def month_view(
    year: int,
    month: int,
    holidays: Mapping[dt.date, str],
    recorded: Mapping[dt.date, str],
    planned: Mapping[dt.date, str],
    cancelled: Mapping[dt.date, str],
    ceremonies: Mapping[dt.date, str] | None = None,
) -> MonthView:
    """The month with one entry per day; entries outside it are ignored.

    ``recorded`` and ``planned`` map a date to the kecamatan's label (short name or name),
    ``holidays`` and ``cancelled`` to a reason, ``ceremonies`` to the ceremony. A day
    keeps one apel entry: what was recorded wins over what was planned, a planned apel
    (a pin) over a ceremony, and a ceremony over a cancellation, so that every drawing
    of the month tells the same story.
    """
    weeks = []
    for week in calendar.Calendar(0).monthdatescalendar(year, month):
        cells: list[Day | None] = []
        for date in week:
            if date.month != month:
                cells.append(None)
                continue
            done = recorded.get(date)
            plan = None if done is not None else planned.get(date)
            held = (ceremonies or {}).get(date) if done is None and plan is None else None
            apel = done is not None or plan is not None or held is not None
            cancel = None if apel else cancelled.get(date)
            cells.append(Day(date, holidays.get(date), done, plan, cancel, held))
        weeks.append(tuple(cells))
    return MonthView(year, month, tuple(weeks))
