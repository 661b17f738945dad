"""The rotation planner: a pure function from roster, history, calendar and pins to rows."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from calendar import isleap
from collections.abc import Callable, Mapping, Sequence
from functools import cache

from apel_rotasi.errors import UserError
from apel_rotasi.model import Apel, Ceremony, Hours, Kecamatan, Leader, Pin, PlanRow, Roster
from apel_rotasi.rounds import compute_rounds

National = Callable[[int], Mapping[dt.date, str]]
"""The national holidays of a year, already named in the output language."""
InRamadan = Callable[[dt.date], bool]
"""Whether a day is in Ramadan (see ``holiday.RamadanCalendar``)."""


def never(day: dt.date) -> bool:
    """No day is in Ramadan: for a roster without ``ramadan_time``, and for tests."""
    return False


ONE_DAY = dt.timedelta(days=1)
MAX_IDLE_DAYS = 3 * 366  # give up when this long passes without a single apel
IDLE = dt.timedelta(days=MAX_IDLE_DAYS + 1)  # from the last apel to the day given up on


class _Queue:
    """The current round's kecamatan still to be given a date, minding the pins to come.

    There is one current round at a time, counted as ``compute_rounds`` will count the
    apel once recorded: a round closes when its last kecamatan has its day, and the
    next apel opens the next round with the whole roster.
    """

    def __init__(self, roster: Roster, current: int, unvisited: list[Kecamatan], pins: list[Pin]):
        self.roster = roster
        self.number = current
        self.remaining = list(unvisited)
        self.closed = 0
        self.pins = sorted((p.date, p.kecamatan) for p in pins if p.kecamatan and not p.cancel)

    def _take(self, kec: Kecamatan) -> int:
        number = self.number
        if kec in self.remaining:
            self.remaining.remove(kec)
            if not self.remaining:
                self.closed += 1
                self.number += 1
                self.remaining = list(self.roster.kecamatan)
        return number

    def next(self, day: dt.date) -> tuple[int, Kecamatan]:
        """The next kecamatan in rotation order that no later pin holds, and its round.

        When every one left in the round is held by a later pin, the one pinned latest
        takes this day instead (its pin then falls in a later round) rather than the
        round stalling until the pins come.
        """
        while self.pins and self.pins[0][0] <= day:  # the days go forward: a pin passed
            del self.pins[0]  # holds nothing now
        if not self.pins:  # no pin ahead: the first left is free
            kec = self.remaining[0]
            return self._take(kec), kec
        held = {code: when for when, code in self.pins}
        free = next((k for k in self.remaining if k.code not in held), None)
        kec = free if free is not None else max(self.remaining, key=lambda k: held[k.code])
        return self._take(kec), kec

    def pinned(self, kec: Kecamatan) -> int:
        """A pinned kecamatan's round: it counts as visited there (a repeat if it was)."""
        return self._take(kec)


def day_off(roster: Roster, national: National, day: dt.date) -> str | None:
    """Why ``day`` has no apel, or None: a closure beats a workday beats a national holiday."""
    closure = roster.closed.get(day)
    if closure is not None or day in roster.worked:
        return closure
    return national(day.year).get(day)


def _stretch(roster: Roster, day: dt.date) -> Hours | None:
    """The ``[[hours]]`` stretch that holds ``day`` (stretches never overlap)."""
    return next((h for h in roster.hours if h.start <= day <= h.end), None)


def day_time(roster: Roster, ramadan: InRamadan, day: dt.date) -> dt.time:
    """An apel's start time: the ``[[hours]]`` stretch that holds the day, else
    ``ramadan_time`` in Ramadan, else the rotation's ``time``."""
    stretch = _stretch(roster, day)
    if stretch is not None:
        return stretch.time
    special = roster.rotation.ramadan_time
    if special is not None and ramadan(day):
        return special
    return roster.rotation.time


def depends_on_ramadan(roster: Roster, day: dt.date) -> bool:
    """True when Ramadan decides the day's time: no stretch holds it and the time differs."""
    special = roster.rotation.ramadan_time
    return special not in (None, roster.rotation.time) and _stretch(roster, day) is None


class Ceremonies:
    """The roster's ceremony days, after their weekend rule, worked out a year at a time."""

    __slots__ = ("_days", "_years", "roster")

    def __init__(self, roster: Roster) -> None:
        self.roster = roster
        self._days: dict[dt.date, Ceremony] = {}
        self._years: set[int] = set()

    def on(self, day: dt.date) -> Ceremony | None:
        """The ceremony held on ``day``; the first in the file when several fall on it."""
        if not self.roster.ceremonies:
            return None
        for year in (day.year - 1, day.year, day.year + 1):  # a weekend rule crosses years
            if year not in self._years and dt.MINYEAR < year < dt.MAXYEAR:
                self._years.add(year)
                for ceremony in self.roster.ceremonies:
                    for held in _ceremony_days(ceremony, year):
                        self._days.setdefault(held, ceremony)
        return self._days.get(day)


def _ceremony_days(ceremony: Ceremony, year: int) -> list[dt.date]:
    if ceremony.yearly is not None:
        month, number = ceremony.yearly
        leap_day = (month, number) == (2, 29)
        base = [dt.date(year, month, number)] if not leap_day or isleap(year) else []
    elif ceremony.monthly is not None:
        base = [dt.date(year, month, ceremony.monthly) for month in range(1, 13)]
    else:
        base = [ceremony.date] if ceremony.date is not None and ceremony.date.year == year else []
    return [_weekend_rule(day, ceremony.weekend) for day in base]


def _weekend_rule(day: dt.date, rule: str) -> dt.date:
    """Where a ceremony on a Saturday or Sunday is held: the Monday after, the Friday
    before, or (``none``) on the day itself."""
    weekday = day.weekday()
    if weekday < 5 or rule == "none":
        return day
    if rule == "monday":
        return day + dt.timedelta(days=7 - weekday)
    return day - dt.timedelta(days=weekday - 4)


def ceremony_note(ceremony: Ceremony) -> str:
    """A ceremony as a plan's note: its name, and its place when it has one."""
    return f"{ceremony.name} ({ceremony.place})" if ceremony.place else ceremony.name


def first_apel_day(roster: Roster, start: dt.date) -> dt.date:
    """The first day from ``start`` on whose weekday the roster holds apel."""
    return start + _to_apel_day(roster.rotation.days)[start.weekday()]


@cache
def _to_apel_day(days: tuple[int, ...]) -> tuple[dt.timedelta, ...]:
    """For each weekday, how far the first apel day from it is (for the days of apel)."""
    return tuple(
        dt.timedelta(days=min((apel - weekday) % 7 for apel in days)) for weekday in range(7)
    )


def plan(
    roster: Roster,
    history: Sequence[Apel],
    national: National,
    pins: Sequence[Pin],
    start: dt.date,
    weeks: int | None = None,
    rounds: int | None = None,
    horizon: dt.date | None = None,
    *,
    shown_from: dt.date | None = None,
    ramadan: InRamadan = never,
) -> list[PlanRow]:
    """The apel days planned from ``start``, shown from ``shown_from`` (default ``start``).

    The queue always runs from ``start``, where planning proper begins, so a day has the
    same kecamatan whatever window shows it: the days before ``shown_from`` are planned
    and left out. ``weeks`` counts from the first day shown. Without ``weeks``, the plan
    runs until ``rounds`` rounds (default 1) are complete, counting the one in progress
    on the first day shown. ``pins`` are the pins to come; ``national`` gives each
    year's holidays; ``ramadan`` tells the days of Ramadan for their time. A plan that
    would run past ``horizon`` is refused rather than computed.
    """
    rot = roster.rotation
    shown_from = max(shown_from or start, start)
    state = compute_rounds(roster.kecamatan, history)
    pin_at = {p.date: p for p in pins if p.date >= start}
    pin_days = sorted(pin_at)
    queue = _Queue(roster, state.current, state.unvisited(roster.kecamatan), list(pin_at.values()))
    target_rounds = rounds if rounds is not None else 1
    first = first_apel_day(roster, shown_from)
    end = first + dt.timedelta(days=7 * weeks) if weeks is not None else None
    ceremonies = Ceremonies(roster)
    closed_before: int | None = None  # the rounds closed before the first day shown
    by_code = {k.code: k for k in roster.kecamatan}

    default_leader = roster.default_leader

    def leader_for(pin: Pin | None) -> Leader:
        found = roster.leader_by_id(pin.leader) if pin and pin.leader else None
        return found or default_leader

    rows: list[PlanRow] = []
    shift_from: dt.date | None = None
    give_up = start + IDLE
    day = start
    while True:
        apel_day = day.weekday() in rot.days
        if closed_before is None and day >= shown_from:
            closed_before = queue.closed
        if end is not None and day >= end and (shift_from is None or apel_day):
            break
        if (
            end is None
            and closed_before is not None
            and queue.closed - closed_before >= target_rounds
        ):
            break
        if horizon is not None and day > horizon:
            raise UserError("plan_too_far", until=horizon)
        if day >= give_up:
            raise UserError("plan_no_apel_days", start=start, end=day)
        if apel_day:
            shift_from = None
        off = day_off(roster, national, day) if apel_day or shift_from is not None else None
        ceremony = ceremonies.on(day) if apel_day and off is None else None
        pin = pin_at.get(day)
        shown = day >= shown_from  # a day before is planned, not shown
        if pin is not None and pin.cancel:
            reason = "; ".join(filter(None, [pin.cancel, pin.note]))
            if shown:
                rows.append(PlanRow(day, "cancelled", note=reason))
        elif pin is not None and pin.kecamatan in by_code:
            kec = by_code[pin.kecamatan]
            number = queue.pinned(kec)
            if shown:
                rows.append(PlanRow(day, "pinned", number, kec, leader_for(pin), pin.note))
            shift_from = None  # the week has its apel
            give_up = day + IDLE
        elif (
            pin is not None
            or (apel_day and off is None and ceremony is None)
            or (shift_from is not None and day.weekday() < 5 and off is None)  # a working day
        ):
            number, kec = queue.next(day)
            note = pin.note if pin else None
            if shown:
                rows.append(PlanRow(day, "planned", number, kec, leader_for(pin), note, shift_from))
            shift_from = None
            give_up = day + IDLE
        elif ceremony is not None:
            if shown:
                rows.append(PlanRow(day, "ceremony", note=ceremony_note(ceremony)))
        elif apel_day:
            if shown:
                rows.append(PlanRow(day, "holiday", note=off))
            if rot.on_holiday == "shift":
                shift_from = day
        day += ONE_DAY
        if shift_from is None:  # a day that is neither an apel day nor pinned has no apel:
            # go on to the next that may, or to the day the plan is refused
            later_pin = bisect_left(pin_days, day)
            day = min(
                first_apel_day(roster, day),
                pin_days[later_pin] if later_pin < len(pin_days) else day.max,
                give_up,
                horizon + ONE_DAY if horizon is not None else day.max,
            )
    return [row._replace(time=day_time(roster, ramadan, row.date)) for row in rows]
