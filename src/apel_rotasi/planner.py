"""The rotation planner: a pure function from roster, history, calendar and pins to rows."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from apel_rotasi.errors import UserError
from apel_rotasi.model import Apel, Kecamatan, Leader, Pin, PlanRow, Roster
from apel_rotasi.rounds import compute_rounds

National = Callable[[int], Mapping[dt.date, str]]
"""The national holidays of a year, already named in the output language."""

ONE_DAY = dt.timedelta(days=1)
MAX_IDLE_DAYS = 3 * 366  # give up when this long passes without a single apel


def no_holidays(year: int) -> Mapping[dt.date, str]:
    """A national calendar without holidays (``--no-holidays``)."""
    return {}


@dataclass
class _Round:
    number: int
    remaining: list[Kecamatan]


class _Queue:
    """The kecamatan still to be given a date, round by round, minding pins to come."""

    def __init__(self, roster: Roster, current: int, unvisited: list[Kecamatan]):
        self.roster = roster
        self.open = [_Round(current, unvisited)] if unvisited else []
        self.next_number = current + 1 if unvisited else current
        self.closed = 0

    def _new_round(self) -> None:
        self.open.append(_Round(self.next_number, list(self.roster.kecamatan)))
        self.next_number += 1

    def _reservations(self, pending: Counter[str]) -> list[set[str]]:
        """For each open round, the codes a later pin will fill in it."""
        left = Counter(pending)
        reserved: list[set[str]] = []
        for rnd in self.open:
            held = {k.code for k in rnd.remaining if left[k.code] > 0}
            for code in held:
                left[code] -= 1
            reserved.append(held)
        return reserved

    def _take(self, index: int, kec: Kecamatan) -> int:
        rnd = self.open[index]
        rnd.remaining.remove(kec)
        if not rnd.remaining:
            del self.open[index]
            self.closed += 1
        return rnd.number

    def next(self, pending: Counter[str]) -> tuple[int, Kecamatan]:
        """The next kecamatan in order that no later pin holds, and its round."""
        while True:
            for index, held in enumerate(self._reservations(pending)):
                for kec in self.open[index].remaining:
                    if kec.code not in held:
                        return self._take(index, kec), kec
            self._new_round()

    def pinned(self, kec: Kecamatan) -> int:
        """Give a pinned kecamatan its date in the earliest open round that lacks it."""
        for index, rnd in enumerate(self.open):
            if kec in rnd.remaining:
                return self._take(index, kec)
        if not self.open:
            self._new_round()
            return self._take(0, kec)
        return self.open[0].number


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
) -> list[PlanRow]:
    """The coming apel days from ``start``.

    Without ``weeks``, the plan runs until ``rounds`` rounds (default 1, the current one)
    are complete. ``pins`` are the pins to come; ``national`` gives each year's holidays.
    """
    rot = roster.rotation
    state = compute_rounds(roster.kecamatan, history)
    queue = _Queue(roster, state.current, state.unvisited(roster.kecamatan))
    target_rounds = rounds if rounds is not None else 1
    first = first_apel_day(roster, start)
    end = first + dt.timedelta(days=7 * weeks) if weeks is not None else None
    closures = {c.date: c.reason for c in roster.closures}
    workdays = {w.date for w in roster.workdays}
    by_code = {k.code: k for k in roster.kecamatan}
    pin_at = {p.date: p for p in pins if p.date >= start}
    pending = Counter(p.kecamatan for p in pin_at.values() if p.kecamatan and not p.cancel)

    def holiday(day: dt.date) -> str | None:
        if day in closures:
            return closures[day]
        if day in workdays:
            return None
        return national(day.year).get(day)

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
        if end is not None and day >= end and shift_from is None:
            break
        if end is None and queue.closed >= target_rounds:
            break
        if (day - last_apel).days > MAX_IDLE_DAYS:
            raise UserError(
                f"no apel can be planned between {start} and {day}: check days and closures"
            )
        apel_day = day.weekday() in rot.days
        if apel_day:
            shift_from = None
        pin = pin_at.get(day)
        if pin is not None and pin.kecamatan:
            pending[pin.kecamatan] -= 1
        if pin is not None and pin.cancel:
            reason = "; ".join(filter(None, [pin.cancel, pin.note]))
            rows.append(PlanRow(day, "cancelled", note=reason))
        elif pin is not None and pin.kecamatan in by_code:
            kec = by_code[pin.kecamatan]
            rows.append(PlanRow(day, "pinned", queue.pinned(kec), kec, leader_for(pin), pin.note))
            last_apel = day
        elif (
            pin is not None
            or (apel_day and holiday(day) is None)
            or (shift_from is not None and working(day))
        ):
            number, kec = queue.next(pending)
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
