"""The rotation planner: a pure function from roster, history, calendar and pins to rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from apel_rotasi.errors import UserError
from apel_rotasi.model import Apel, Kecamatan, Leader, Pin, PlanRow, Roster
from apel_rotasi.rounds import compute_rounds

National = Callable[[int], Mapping[dt.date, str]]
"""The national holidays of a year, already named in the output language."""

ONE_DAY = dt.timedelta(days=1)
MAX_IDLE_DAYS = 3 * 366  # give up when this long passes without a single apel


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
        held = {code: when for when, code in self.pins if when > day}
        free = [k for k in self.remaining if k.code not in held]
        kec = free[0] if free else max(self.remaining, key=lambda k: held[k.code])
        return self._take(kec), kec

    def pinned(self, kec: Kecamatan) -> int:
        """A pinned kecamatan's round: it counts as visited there (a repeat if it was)."""
        return self._take(kec)


def day_off(roster: Roster, national: National, day: dt.date) -> str | None:
    """Why ``day`` has no apel, or None: a closure beats a workday beats a national holiday."""
    for closure in roster.closures:
        if closure.date == day:
            return closure.reason
    if any(workday.date == day for workday in roster.workdays):
        return None
    return national(day.year).get(day)


def first_apel_day(roster: Roster, start: dt.date) -> dt.date:
    day = start
    while day.weekday() not in roster.rotation.days:
        day += ONE_DAY
    return day


def plan(
    roster: Roster,
    history: Sequence[Apel],
    national: National,
    pins: Sequence[Pin],
    start: dt.date,
    weeks: int | None = None,
    rounds: int | None = None,
    horizon: dt.date | None = None,
) -> list[PlanRow]:
    """The coming apel days from ``start``.

    Without ``weeks``, the plan runs until ``rounds`` rounds (default 1, the current one)
    are complete. ``pins`` are the pins to come; ``national`` gives each year's holidays.
    A plan that would run past ``horizon`` is refused rather than computed.
    """
    rot = roster.rotation
    state = compute_rounds(roster.kecamatan, history)
    pin_at = {p.date: p for p in pins if p.date >= start}
    queue = _Queue(roster, state.current, state.unvisited(roster.kecamatan), list(pin_at.values()))
    target_rounds = rounds if rounds is not None else 1
    first = first_apel_day(roster, start)
    end = first + dt.timedelta(days=7 * weeks) if weeks is not None else None
    by_code = {k.code: k for k in roster.kecamatan}

    def holiday(day: dt.date) -> str | None:
        return day_off(roster, national, day)

    def working(day: dt.date) -> bool:
        return day.weekday() < 5 and holiday(day) is None

    def leader_for(pin: Pin | None) -> Leader:
        found = roster.leader_by_id(pin.leader) if pin and pin.leader else None
        return found or roster.default_leader

    rows: list[PlanRow] = []
    shift_from: dt.date | None = None
    last_apel = start
    day = start
    while True:
        apel_day = day.weekday() in rot.days
        if end is not None and day >= end and (shift_from is None or apel_day):
            break
        if end is None and queue.closed >= target_rounds:
            break
        if horizon is not None and day > horizon:
            raise UserError("plan_too_far", until=horizon)
        if (day - last_apel).days > MAX_IDLE_DAYS:
            raise UserError("plan_no_apel_days", start=start, end=day)
        if apel_day:
            shift_from = None
        pin = pin_at.get(day)
        if pin is not None and pin.cancel:
            reason = "; ".join(filter(None, [pin.cancel, pin.note]))
            rows.append(PlanRow(day, "cancelled", note=reason))
        elif pin is not None and pin.kecamatan in by_code:
            kec = by_code[pin.kecamatan]
            rows.append(PlanRow(day, "pinned", queue.pinned(kec), kec, leader_for(pin), pin.note))
            shift_from = None  # the week has its apel
            last_apel = day
        elif (
            pin is not None
            or (apel_day and holiday(day) is None)
            or (shift_from is not None and working(day))
        ):
            number, kec = queue.next(day)
            note = pin.note if pin else None
            rows.append(PlanRow(day, "planned", number, kec, leader_for(pin), note, shift_from))
            shift_from = None
            last_apel = day
        elif apel_day:
            rows.append(PlanRow(day, "holiday", note=holiday(day)))
            if rot.on_holiday == "shift":
                shift_from = day
        day += ONE_DAY
    return rows
