"""``record`` and ``delete``: what took place on an apel day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from apel_rotasi.clock import city_today
from apel_rotasi.commands import Outcome
from apel_rotasi.commands.common import apel_only, national_calendar, output_lang, unusual_day
from apel_rotasi.errors import UserError
from apel_rotasi.messages import Message, info
from apel_rotasi.model import Apel, Entry, Roster
from apel_rotasi.parse import find_kecamatan, find_leader, parse_date
from apel_rotasi.rounds import compute_rounds
from apel_rotasi.store.home import change_history, load_state


def record(
    *,
    home: Path,
    now: dt.datetime,
    date: str,
    kecamatan: str,
    led_by: str | None = None,
    note: str | None = None,
    counts: Mapping[str, int] | None = None,
    replace: bool = False,
    lang: str | None = None,
) -> Outcome:
    state = load_state(home, history=False)
    roster = state.roster
    lang = output_lang(lang, state)
    today = city_today(now, roster.rotation.timezone)
    day = parse_date(date, today)
    if day > today:
        raise UserError("record_future", date=day)
    kec = find_kecamatan(kecamatan, roster.kecamatan)
    leader = find_leader(led_by, roster.leaders) if led_by is not None else roster.default_leader
    messages = unusual_day(state, national_calendar(state, lang), day)
    new = Apel(day, kec.code, leader.id, note, dict(counts or {}))
    replaced: list[Entry] = []

    def change(current: list[Entry]) -> list[Entry]:
        replaced[:] = [e for e in current if e.date == day]
        if replaced and not replace:
            raise UserError("already_recorded", date=day, what=describe(roster, replaced[0]))
        return sorted([e for e in current if e.date != day] + [new], key=lambda e: e.date)

    entries = change_history(home, roster, change)
    apel = apel_only(entries)
    rounds = compute_rounds(roster.kecamatan, apel)
    number = rounds.rounds[apel.index(new)]
    visited = {a.kecamatan for a, r in zip(apel, rounds.rounds, strict=True) if r == number}
    visited &= {k.code for k in roster.kecamatan}
    done = info(
        "replaced" if replaced else "recorded",
        date=day,
        kecamatan=kec.name,
        leader=leader.name,
        round=number,
        visited=len(visited),
        total=len(roster.kecamatan),
    )
    return Outcome(lang, [done, *messages])


def describe(roster: Roster, entry: Entry) -> Message:
    """An entry in words: the kecamatan and leader of an apel, or why none took place."""
    if not isinstance(entry, Apel):
        return info("entry_cancelled", reason=entry.reason)
    kec = roster.kecamatan_by_code(entry.kecamatan)
    leader = roster.leader_by_id(entry.leader)
    return info(
        "entry_apel",
        kecamatan=kec.name if kec else entry.kecamatan,
        leader=leader.name if leader else entry.leader,
    )


def delete(*, home: Path, now: dt.datetime, date: str, lang: str | None = None) -> Outcome:
    state = load_state(home, history=False)
    roster = state.roster
    lang = output_lang(lang, state)
    day = parse_date(date, city_today(now, roster.rotation.timezone))
    removed: list[Entry] = []

    def change(current: list[Entry]) -> list[Entry]:
        removed[:] = [e for e in current if e.date == day]
        if not removed:
            raise UserError("nothing_recorded", date=day)
        return [e for e in current if e.date != day]

    change_history(home, roster, change)
    return Outcome(lang, [info("deleted", date=day, what=describe(roster, removed[0]))])
