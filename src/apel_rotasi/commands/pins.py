"""``pin`` and ``unpin``: decisions about coming dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from apel_rotasi.clock import city_today
from apel_rotasi.commands import Outcome
from apel_rotasi.commands.common import national_calendar, output_lang, unusual_day
from apel_rotasi.errors import UserError
from apel_rotasi.messages import info
from apel_rotasi.model import Pin
from apel_rotasi.parse import (
    check_printable,
    find_leader,
    join_date,
    split_date_and_optional_kecamatan,
)
from apel_rotasi.store.home import change_pins, load_state


def pin(
    *,
    home: Path,
    now: dt.datetime,
    words: Sequence[str],
    led_by: str | None = None,
    cancel: str | None = None,
    note: str | None = None,
    lang: str | None = None,
) -> Outcome:
    state = load_state(home, history=False)
    roster = state.roster
    lang = output_lang(lang, state)
    today = city_today(now, roster.rotation.timezone)
    check_printable(" ".join(words), "DATE KECAMATAN")
    typed = {"--led-by": led_by, "--cancel": cancel, "--note": note}
    for what, text in typed.items():
        if text is not None:
            check_printable(text, what)
    day, kec = split_date_and_optional_kecamatan(
        words, roster.kecamatan, today, "pin", typed, roster.leaders
    )
    if day < today:
        raise UserError("pin_past", date=day)
    leader = find_leader(led_by, roster.leaders) if led_by is not None else None
    if cancel is not None and not cancel.strip():
        raise UserError("cancel_needs_reason")
    if cancel is not None and (kec or leader):
        raise UserError("cancel_alone")
    if kec is None and leader is None and cancel is None:
        raise UserError("pin_nothing")
    messages = [] if cancel else unusual_day(state, national_calendar(state, lang), day)
    new = Pin(day, kec.code if kec else None, leader.id if leader else None, cancel, note)
    change_pins(
        home, roster, lambda pins: [p for p in pins if p.date != day] + [new], action="pin", now=now
    )
    if cancel:
        done = info("pinned_cancel", date=day, reason=cancel)
    elif kec and leader:
        done = info("pinned_kecamatan_leader", date=day, kecamatan=kec.name, leader=leader.name)
    elif kec:
        done = info("pinned_kecamatan", date=day, kecamatan=kec.name)
    else:
        assert leader is not None
        done = info("pinned_leader", date=day, leader=leader.name)
    return Outcome(lang, [done, *messages], changed=True)


def unpin(
    *, home: Path, now: dt.datetime, words: Sequence[str], lang: str | None = None
) -> Outcome:
    state = load_state(home, history=False)
    lang = output_lang(lang, state)
    day = join_date(words, city_today(now, state.roster.rotation.timezone))

    def change(pins: list[Pin]) -> list[Pin]:
        if not any(p.date == day for p in pins):
            raise UserError("no_pin", date=day)
        return [p for p in pins if p.date != day]

    change_pins(home, state.roster, change, action="unpin", now=now)
    return Outcome(lang, [info("unpinned", date=day)], changed=True)
