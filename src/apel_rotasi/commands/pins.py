"""``pin`` and ``unpin``: decisions about coming dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from apel_rotasi import planner
from apel_rotasi.commands.common import (
    Context,
    apel_only,
    default_start,
    describe_pin,
    national_calendar,
    unusual_day,
)
from apel_rotasi.errors import UserError
from apel_rotasi.holiday import HolidayCalendar
from apel_rotasi.messages import Message, info, warning
from apel_rotasi.model import Pin
from apel_rotasi.outcome import Outcome
from apel_rotasi.parse import (
    check_printable,
    find_leader,
    join_date,
    split_date_and_optional_kecamatan,
)
from apel_rotasi.rounds import compute_rounds
from apel_rotasi.store.home import State, change_pins


def pin(
    context: Context,
    *,
    words: Sequence[str],
    led_by: str | None = None,
    cancel: str | None = None,
    note: str | None = None,
) -> Outcome:
    """Fix a coming date. On a date pinned already, only the parts given change (a cancel
    takes the place of a kecamatan and leader, and the other way round; ``note = ""``
    removes the note), and the confirmation says what the pin was. Warns, as ``record``
    does, of a kecamatan visited or pinned already in the round."""
    home, now, state, lang, today = context
    roster = state.roster
    check_printable(" ".join(words), "DATE KECAMATAN")
    typed = {"--led-by": led_by, "--cancel": cancel, "--note": note}
    for what, text in typed.items():
        if text is not None:
            check_printable(text, what)
    day, kec = split_date_and_optional_kecamatan(words, roster, today, "pin", typed, roster.leaders)
    if day < today:
        raise UserError("pin_past", date=day)
    leader = find_leader(led_by, roster.leaders) if led_by is not None else None
    if cancel is not None and not cancel.strip():
        raise UserError("cancel_needs_reason")
    if cancel is not None and (kec or leader):
        raise UserError("cancel_alone")
    if kec is None and leader is None and cancel is None and note is None:
        raise UserError("pin_nothing")
    old = next((p for p in state.pins if p.date == day), None)
    new = _merged(
        old or Pin(day), kec.code if kec else None, leader.id if leader else None, cancel, note
    )
    if new == Pin(day):
        raise UserError("pin_nothing")
    national = national_calendar(state, lang)
    messages = [] if new.cancel else unusual_day(state, national, day)
    if kec is not None:
        messages += [
            warning("pin_undo_hint", problem=problem)
            for problem in _guard_rails(state, national, new, today)
        ]

    def change(pins: list[Pin]) -> list[Pin]:
        if next((p for p in pins if p.date == day), None) != old:
            raise UserError("pin_moved", date=day)
        return [p for p in pins if p.date != day] + [new]

    if new != old:
        change_pins(home, roster, change, action="pin", now=now)
    said = describe_pin(roster, new)
    if old is None:
        done = info("pinned_message", date=day, what=said)
    elif old == new:
        done = info("pin_unchanged", date=day, what=said)
    else:
        done = info("pin_changed", date=day, what=said, before=describe_pin(roster, old))
    return Outcome(lang, [done, *messages], changed=new != old)


def _merged(
    old: Pin, kecamatan: str | None, leader: str | None, cancel: str | None, note: str | None
) -> Pin:
    """``old`` with the parts given: a cancel drops the kecamatan and leader, a kecamatan
    or leader drops the cancel; a note given empty is removed."""
    if cancel is not None:
        old = old._replace(kecamatan=None, leader=None, cancel=cancel)
    elif kecamatan is not None or leader is not None:
        old = old._replace(
            kecamatan=kecamatan or old.kecamatan, leader=leader or old.leader, cancel=None
        )
    if note is not None:
        old = old._replace(note=note or None)
    return old


def _guard_rails(
    state: State, national: HolidayCalendar, new: Pin, today: dt.date
) -> list[Message]:
    """A kecamatan pinned in the current round that was visited in it already (naming the
    date), or that another date of the round is pinned to."""
    held = apel_only(state.history)
    rounds = compute_rounds(state.roster.kecamatan, held)
    start = default_start(state.history, today)
    upcoming = [p for p in state.pins if p.date >= start and p.date != new.date] + [new]
    try:
        rows = planner.plan(state.roster, held, national, upcoming, start, rounds=1)
    except UserError:  # no plan to place the pin in: nothing to warn of
        return []
    if not any(row.date == new.date for row in rows):
        return []  # the pin falls in a later round
    kec = state.roster.kecamatan_by_code(new.kecamatan or "")
    name = kec.name if kec else new.kecamatan
    found: list[Message] = []
    visits = [
        apel.date
        for apel, number in zip(held, rounds.rounds, strict=True)
        if number == rounds.current and apel.kecamatan == new.kecamatan
    ]
    if visits:
        found.append(
            info("visited_this_round", kecamatan=name, round=rounds.current, date=visits[0])
        )
    found += [
        info("pinned_elsewhere", kecamatan=name, date=row.date, round=rounds.current)
        for row in rows
        if row.status == "pinned"
        and row.date != new.date
        and row.kecamatan is not None
        and row.kecamatan.code == new.kecamatan
    ]
    return found


def unpin(context: Context, *, words: Sequence[str]) -> Outcome:
    home, now, state, lang, today = context
    day = join_date(words, today)

    def change(pins: list[Pin]) -> list[Pin]:
        if not any(p.date == day for p in pins):
            raise UserError("no_pin", date=day)
        return [p for p in pins if p.date != day]

    change_pins(home, state.roster, change, action="unpin", now=now)
    return Outcome(lang, [info("unpinned", date=day)], changed=True)
