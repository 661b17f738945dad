"""The listings of what was recorded: ``kecamatan``, ``history``, ``unvisited``, ``report``."""

from __future__ import annotations

from apel_rotasi import listings
from apel_rotasi.commands.common import (
    Context,
    apel_only,
    calendar_of,
    courtesy_findings,
    national_calendar,
    unaccounted_warnings,
)
from apel_rotasi.outcome import Listing, Outcome
from apel_rotasi.parse import find_kecamatan
from apel_rotasi.rounds import compute_rounds
from apel_rotasi.store.home import findings_of


def kecamatan(context: Context) -> Outcome:
    state, lang, today = context.state, context.lang, context.today
    apel = apel_only(state.history)
    rows = listings.kecamatan_records(state.roster, apel)
    rot = state.roster.rotation
    listing = Listing("kecamatan", tuple(rows), rot.city, today)
    return Outcome(lang, state.warnings, listing)


def history(
    context: Context,
    *,
    kecamatan: str | None = None,
    round_number: int | None = None,
) -> Outcome:
    state, lang, today = context.state, context.lang, context.today
    roster = state.roster
    apel = apel_only(state.history)
    rows = listings.history_records(roster, state.history, compute_rounds(roster.kecamatan, apel))
    if kecamatan is not None:
        code = find_kecamatan(kecamatan, roster).code
        rows = [r for r in rows if r["kecamatan_code"] == code]
    if round_number is not None:
        rows = [r for r in rows if r["round"] == round_number]
    found, unmarked = courtesy_findings(state, "marks_unread")
    listing = Listing(
        "history",
        tuple(rows),
        roster.rotation.city,
        today,
        default_leader=roster.default_leader.name,
        calendar=calendar_of(state, days=[a.date for a in apel]),
        marked=frozenset(f.date for f in found),
    )
    return Outcome(lang, [*state.warnings, *unmarked], listing)


def unvisited(context: Context) -> Outcome:
    state, lang, today = context.state, context.lang, context.today
    roster = state.roster
    apel = apel_only(state.history)
    rounds = compute_rounds(roster.kecamatan, apel)
    rows = listings.unvisited_records(roster, apel, rounds)
    summary = listings.round_summary(rounds, len(roster.kecamatan))
    listing = Listing("unvisited", tuple(rows), roster.rotation.city, today, heading=(summary,))
    national = national_calendar(state, lang)
    missing = unaccounted_warnings(roster, national, state.history, state.pins, today)
    return Outcome(lang, [*state.warnings, *missing], listing)


def report(context: Context) -> Outcome:
    home, state, lang, today = context.home, context.state, context.lang, context.today
    roster = state.roster
    found = findings_of(home, roster)
    apel = apel_only(state.history)
    rows = listings.report_records(roster, apel, today, found)
    covered = (apel[0].date, apel[-1].date) if apel else None
    listing = Listing("report", tuple(rows), roster.rotation.city, today, period=covered)
    return Outcome(lang, state.warnings, listing)
