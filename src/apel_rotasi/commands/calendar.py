"""``calendar``: one month, with its holidays, the apel recorded and the apel planned."""

from __future__ import annotations

import datetime as dt
from calendar import monthrange

from apel_rotasi import planner
from apel_rotasi.commands.common import (
    Context,
    calendar_warnings,
    default_start,
    national_calendar,
    plan_rows,
)
from apel_rotasi.model import Apel, Cancelled, PlanRow
from apel_rotasi.month import month_view
from apel_rotasi.outcome import Month, Outcome
from apel_rotasi.parse import parse_month


def calendar(context: Context, *, month: str | None = None) -> Outcome:
    state, lang, today = context.state, context.lang, context.today
    roster = state.roster
    year, number = parse_month(month, today) if month is not None else (today.year, today.month)
    first = dt.date(year, number, 1)
    last = first.replace(day=monthrange(year, number)[1])
    national = national_calendar(state, lang)
    start = default_start(state.history, today)
    rows: list[PlanRow] = []
    if last >= start:  # the plan from its usual start, so the calendar agrees with `plan`
        weeks = (last - start).days // 7 + 2
        planned = plan_rows(state, national, start, weeks, None, today)
        rows = [r for r in planned if first <= r.date <= last]
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    holidays = {day: why for day in days if (why := planner.day_off(roster, national, day))}
    recorded = {}
    cancelled = {}
    for entry in state.history:
        if first <= entry.date <= last:
            if isinstance(entry, Apel):
                kec = roster.kecamatan_by_code(entry.kecamatan)
                recorded[entry.date] = (kec.short or kec.name) if kec else entry.kecamatan
            elif isinstance(entry, Cancelled):
                cancelled[entry.date] = entry.reason
    planned_at = {r.date: r.kecamatan.short or r.kecamatan.name for r in rows if r.kecamatan}
    cancelled |= {r.date: r.note or "" for r in rows if r.status == "cancelled"}
    ceremonies = {}
    held = planner.Ceremonies(roster)
    for day in days:  # past ones too, as holidays are
        ceremony = held.on(day)
        if ceremony and day.weekday() in roster.rotation.days and day not in holidays:
            ceremonies[day] = planner.ceremony_note(ceremony)
    view = month_view(year, number, holidays, recorded, planned_at, cancelled, ceremonies)
    shown = [r for r in rows if r.status != "holiday"] + [
        PlanRow(day, "holiday") for day in days if day.weekday() in roster.rotation.days
    ]
    messages = [*state.warnings, *calendar_warnings(national, roster, shown)]
    return Outcome(lang, messages, month=Month(view, roster.rotation.city, today))
