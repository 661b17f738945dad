"""``plan``: the coming apel days and the kecamatan for each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from contextlib import suppress

from apel_rotasi import ledger, listings, planner
from apel_rotasi.commands import Calendar, Listing, Outcome
from apel_rotasi.commands.common import (
    Context,
    apel_only,
    default_start,
    in_ramadan,
    national_calendar,
    ramadan_calendar,
    unaccounted_warnings,
)
from apel_rotasi.errors import UserError
from apel_rotasi.holiday import (
    HolidayCalendar,
    estimate_warnings,
    freshness_warnings,
    ramadan_warnings,
)
from apel_rotasi.messages import Message
from apel_rotasi.model import PlanRow, Roster
from apel_rotasi.names import names
from apel_rotasi.parse import parse_date
from apel_rotasi.rounds import compute_rounds
from apel_rotasi.store.history import history_path
from apel_rotasi.store.home import State
from apel_rotasi.store.pins import pins_path

HORIZON_YEARS = 10


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


def plan_rows(
    state: State,
    national: HolidayCalendar,
    start: dt.date,
    weeks: int | None,
    rounds: int | None,
    today: dt.date,
) -> list[PlanRow]:
    """The plan from ``start``, with the pins to come (pins in the past are ignored).

    A start after the usual one (``default_start``) is only a window: the plan runs from
    the usual start and shows the days from ``start``, so every window agrees. It
    reaches at most ``HORIZON_YEARS`` ahead of today (or of a later start): a longer one
    is refused at once instead of keeping the clerk waiting.
    """
    horizon = None
    if weeks is not None or rounds is not None:  # the lengths a user can make too long
        from dateutil.relativedelta import relativedelta

        horizon = max(today, start) + relativedelta(years=HORIZON_YEARS)
        if weeks is not None and start + dt.timedelta(weeks=weeks - 1) > horizon:
            raise UserError("plan_too_far", until=horizon)
    pins = [p for p in state.pins if p.date >= today]
    apel = apel_only(state.history)
    usual = default_start(state.history, today)
    return planner.plan(
        state.roster,
        apel,
        national,
        pins,
        usual if start >= usual else start,
        weeks,
        rounds,
        horizon,
        shown_from=start,
        ramadan=in_ramadan(state.roster),
    )


def calendar_warnings(
    national: HolidayCalendar, roster: Roster, rows: Sequence[PlanRow]
) -> list[Message]:
    """What the national calendar may still get wrong about these days: a year without
    cuti bersama in the data, an estimated holiday on or beside an apel, an apel whose
    time hangs on an estimated start or end of Ramadan."""
    apel_days = [r.date for r in rows if r.date.weekday() in roster.rotation.days]
    planned = [r.date for r in rows if r.status in ("planned", "pinned")]
    found = [
        *freshness_warnings(national, {row.date.year for row in rows}),
        *estimate_warnings(national, apel_days, planned),
    ]
    if roster.rotation.ramadan_time is not None and planned:
        ramadan = ramadan_calendar(roster)
        found += ramadan_warnings(
            ramadan, planned, lambda day: planner.depends_on_ramadan(roster, day)
        )
    return found


def calendar_of(
    state: State, firm: frozenset[dt.date] = frozenset(), days: Sequence[dt.date] = ()
) -> Calendar:
    """What an ICS export needs: the rotation, the pinned dates, the leaders' titles, when
    the files behind it last changed (so a later export carries a higher SEQUENCE), and
    the start time of each of ``days`` (the plan's rows carry their own)."""
    roster = state.roster
    titles = tuple((ldr.name, ldr.title) for ldr in roster.leaders if ldr.title)
    ramadan = in_ramadan(roster)
    times = tuple((day, planner.day_time(roster, ramadan, day)) for day in days)
    return Calendar(roster.rotation, inputs_changed(state), firm, titles, times)


def inputs_changed(state: State) -> dt.datetime:
    """When the roster, history or pins last changed: the same inputs give the same
    calendar file, and one made after a record, a pin or an edit carries a later stamp."""
    stamps = [dt.datetime(2020, 1, 1, tzinfo=dt.UTC)]
    for path in (state.roster_path, history_path(state.home), pins_path(state.home)):
        with suppress(OSError):
            stamps.append(dt.datetime.fromtimestamp(int(path.stat().st_mtime), tz=dt.UTC))
    return max(stamps)
