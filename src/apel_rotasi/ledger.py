"""The ledger of apel days: which passed without a record, and the plan's past stretch as
it was (pure: roster, history, calendar and pins in, dates and rows out)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from apel_rotasi.model import Apel, Cancelled, Entry, Kecamatan, Leader, Pin, PlanRow, Roster
from apel_rotasi.planner import (
    Ceremonies,
    InRamadan,
    National,
    ceremony_note,
    day_off,
    day_time,
    never,
)
from apel_rotasi.rounds import compute_rounds

ONE_DAY = dt.timedelta(days=1)
ONE_WEEK = dt.timedelta(weeks=1)


def _apel_days(roster: Roster, first: dt.date, last: dt.date) -> list[dt.date]:
    """The days of the week the roster holds apel on, from ``first`` to ``last``, in order
    (a history may reach back decades: each weekday is stepped by weeks)."""
    days = []
    for weekday in set(roster.rotation.days):
        day = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
        while day <= last:
            days.append(day)
            day += ONE_WEEK
    return sorted(days)


def unaccounted(
    roster: Roster,
    national: National,
    entries: Sequence[Entry],
    pins: Sequence[Pin],
    today: dt.date,
) -> list[dt.date]:
    """The apel days after the first recorded apel and before today with no record: not a
    holiday, closure or ceremony, not cancelled by a pin, neither an apel nor a week
    without one."""
    held = [e.date for e in entries if isinstance(e, Apel)]
    if not held:
        return []
    recorded = {e.date for e in entries}
    cancelled = {p.date for p in pins if p.cancel is not None}
    ceremonies = Ceremonies(roster)
    return [
        day
        for day in _apel_days(roster, held[0] + ONE_DAY, today - ONE_DAY)
        if day not in recorded
        and day not in cancelled
        and day_off(roster, national, day) is None
        and ceremonies.on(day) is None
    ]


def past_rows(
    roster: Roster,
    national: National,
    entries: Sequence[Entry],
    pins: Sequence[Pin],
    start: dt.date,
    ramadan: InRamadan = never,
) -> list[PlanRow]:
    """The plan's rows from ``start`` to the last record, as it was: each apel day from the
    first recorded apel (or ``start``, if later) is ``recorded``, ``cancelled``, ``holiday``,
    ``ceremony`` or ``unrecorded``, at its time; an apel recorded on another day is shown
    too. Before the first recorded apel the rotation had not begun: only holidays and
    weeks recorded as cancelled are shown there."""
    apel = [e for e in entries if isinstance(e, Apel)]
    if not apel:
        return []
    numbers = compute_rounds(roster.kecamatan, apel).rounds
    rounds = {a.date: number for a, number in zip(apel, numbers, strict=True)}
    by_date = {e.date: e for e in entries}
    cancel_pins = {p.date: p for p in pins if p.cancel is not None}
    first = max(start, apel[0].date)
    days = sorted(
        {*_apel_days(roster, start, entries[-1].date), *(d for d in by_date if d >= start)}
    )
    ceremonies = Ceremonies(roster)
    rows = []
    for day in days:
        entry = by_date.get(day)
        holiday = day_off(roster, national, day)
        ceremony = ceremonies.on(day)
        if isinstance(entry, Apel):
            kec = roster.kecamatan_by_code(entry.kecamatan) or Kecamatan(
                entry.kecamatan, entry.kecamatan
            )
            leader = roster.leader_by_id(entry.leader) or Leader(entry.leader, entry.leader)
            rows.append(PlanRow(day, "recorded", rounds[day], kec, leader, entry.note))
        elif isinstance(entry, Cancelled):
            rows.append(PlanRow(day, "cancelled", note=entry.reason))
        elif holiday is not None:
            rows.append(PlanRow(day, "holiday", note=holiday))
        elif day in cancel_pins:
            pin = cancel_pins[day]
            rows.append(
                PlanRow(day, "cancelled", note="; ".join(filter(None, [pin.cancel, pin.note])))
            )
        elif ceremony is not None:
            rows.append(PlanRow(day, "ceremony", note=ceremony_note(ceremony)))
        elif day >= first:
            rows.append(PlanRow(day, "unrecorded"))
    return [row._replace(time=day_time(roster, ramadan, row.date)) for row in rows]
