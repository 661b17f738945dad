"""The listings of what was recorded: ``kecamatan``, ``history``, ``unvisited``, ``report``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from apel_rotasi import listings
from apel_rotasi.clock import city_today
from apel_rotasi.commands import Listing, Outcome
from apel_rotasi.commands.common import (
    apel_only,
    national_calendar,
    output_lang,
    unaccounted_warnings,
)
from apel_rotasi.commands.plan import calendar_of
from apel_rotasi.parse import find_kecamatan
from apel_rotasi.rounds import compute_rounds
from apel_rotasi.store.home import findings_of, load_state


def kecamatan(*, home: Path, now: dt.datetime, lang: str | None = None) -> Outcome:
    state = load_state(home)
    apel = apel_only(state.history)
    rows = listings.kecamatan_records(state.roster, apel)
    rot = state.roster.rotation
    listing = Listing("kecamatan", tuple(rows), rot.city, city_today(now, rot.timezone))
    return Outcome(output_lang(lang, state), state.warnings, listing)


def history(
    *,
    home: Path,
    now: dt.datetime,
    kecamatan: str | None = None,
    round_number: int | None = None,
    lang: str | None = None,
) -> Outcome:
    state = load_state(home)
    roster = state.roster
    apel = apel_only(state.history)
    rows = listings.history_records(roster, state.history, compute_rounds(roster.kecamatan, apel))
    if kecamatan is not None:
        code = find_kecamatan(kecamatan, roster.kecamatan).code
        rows = [r for r in rows if r["kecamatan_code"] == code]
    if round_number is not None:
        rows = [r for r in rows if r["round"] == round_number]
    listing = Listing(
        "history",
        tuple(rows),
        roster.rotation.city,
        city_today(now, roster.rotation.timezone),
        default_leader=roster.default_leader.name,
        calendar=calendar_of(state, days=[a.date for a in apel]),
        marked=frozenset(f.date for f in findings_of(home, roster)),
    )
    return Outcome(output_lang(lang, state), state.warnings, listing)


def unvisited(*, home: Path, now: dt.datetime, lang: str | None = None) -> Outcome:
    state = load_state(home, pins=True)
    roster = state.roster
    lang = output_lang(lang, state)
    apel = apel_only(state.history)
    rounds = compute_rounds(roster.kecamatan, apel)
    rows = listings.unvisited_records(roster, apel, rounds)
    summary = listings.round_summary(rounds, len(roster.kecamatan))
    today = city_today(now, roster.rotation.timezone)
    listing = Listing("unvisited", tuple(rows), roster.rotation.city, today, heading=(summary,))
    national = national_calendar(state, lang)
    missing = unaccounted_warnings(roster, national, state.history, state.pins, today)
    return Outcome(lang, [*state.warnings, *missing], listing)


def report(*, home: Path, now: dt.datetime, lang: str | None = None) -> Outcome:
    state = load_state(home)
    roster = state.roster
    today = city_today(now, roster.rotation.timezone)
    found = findings_of(home, roster)
    apel = apel_only(state.history)
    rows = listings.report_records(roster, apel, today, found)
    covered = (apel[0].date, apel[-1].date) if apel else None
    listing = Listing("report", tuple(rows), roster.rotation.city, today, period=covered)
    return Outcome(output_lang(lang, state), state.warnings, listing)
