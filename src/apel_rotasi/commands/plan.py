"""``plan``: the coming apel days and the kecamatan for each."""

from __future__ import annotations

import datetime as dt

from apel_rotasi import ledger, listings, planner
from apel_rotasi.commands.common import (
    Context,
    apel_only,
    calendar_of,
    calendar_warnings,
    default_start,
    in_ramadan,
    national_calendar,
    plan_rows,
    unaccounted_warnings,
)
from apel_rotasi.holiday import (
    HolidayCalendar,
)
from apel_rotasi.model import PlanRow
from apel_rotasi.names import names
from apel_rotasi.outcome import Listing, Outcome
from apel_rotasi.parse import parse_date
from apel_rotasi.rounds import compute_rounds
from apel_rotasi.store.home import State


def plan(
    context: Context,
    *,
    start: str | None = None,
    weeks: int | None = None,
    rounds: int | None = None,
    no_holidays: bool = False,
) -> Outcome:
    state, lang, today = context.state, context.lang, context.today
    roster = state.roster
    first = parse_date(start, today) if start is not None else default_start(state.history, today)
    national = national_calendar(state, lang, no_holidays)
    rows = _with_past(state, national, first, weeks, rounds, today)
    messages = [
        *state.warnings,
        *unaccounted_warnings(roster, national, state.history, state.pins, today),
        *calendar_warnings(national, roster, rows),
    ]
    apel = apel_only(state.history)
    summary = listings.round_summary(compute_rounds(roster.kecamatan, apel), len(roster.kecamatan))
    records = listings.plan_records(rows, names(lang), lang)
    listing = Listing(
        "plan",
        tuple(records),
        roster.rotation.city,
        today,
        heading=(summary,),
        default_leader=roster.default_leader.name,
        calendar=calendar_of(state, frozenset(p.date for p in state.pins)),
    )
    return Outcome(lang, messages, listing)


def _with_past(
    state: State,
    national: HolidayCalendar,
    first: dt.date,
    weeks: int | None,
    rounds: int | None,
    today: dt.date,
) -> list[PlanRow]:
    """The plan from ``first``: a stretch up to the last record shown as it was, then
    planned from the first apel day after it. ``--weeks`` counts from ``first``."""
    entries = state.history
    if not entries or first > entries[-1].date:
        return plan_rows(state, national, first, weeks, rounds, today)
    past = ledger.past_rows(
        state.roster, national, entries, state.pins, first, in_ramadan(state.roster)
    )
    after = entries[-1].date + dt.timedelta(days=1)
    if weeks is None:
        return past + plan_rows(state, national, after, None, rounds, today)
    end = planner.first_apel_day(state.roster, first) + dt.timedelta(weeks=weeks)
    if end <= after:
        return [r for r in past if r.date < end]
    ahead = plan_rows(state, national, after, -(-(end - after).days // 7) + 1, None, today)
    return past + [r for r in ahead if (r.shifted_from or r.date) < end]
