"""``record``, ``edit`` and ``delete``: what took place on an apel day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from apel_rotasi import planner
from apel_rotasi.commands.common import (
    Context,
    apel_only,
    courtesy_findings,
    describe,
    national_calendar,
    reminder,
    unaccounted_warnings,
    unusual_day,
)
from apel_rotasi.errors import UserError
from apel_rotasi.holiday import HolidayCalendar
from apel_rotasi.messages import Message, info, warning
from apel_rotasi.model import COUNTS, Apel, Cancelled, Entry, Kecamatan, Roster
from apel_rotasi.outcome import Outcome
from apel_rotasi.parse import (
    check_printable,
    find_kecamatan,
    find_leader,
    join_date,
    shown,
    split_date_and_kecamatan,
    split_date_and_optional_kecamatan,
)
from apel_rotasi.records import APEL, MAX_COUNT, is_count
from apel_rotasi.rounds import compute_rounds
from apel_rotasi.store.home import State, change_history


def record(
    context: Context,
    *,
    words: Sequence[str],
    led_by: str | None = None,
    note: str | None = None,
    counts: Mapping[str, int] | None = None,
    cancel: str | None = None,
    replace: bool = False,
) -> Outcome:
    """An apel that took place (``words``: its date and kecamatan), or with ``cancel`` a
    week without one (``words``: its date alone).

    The warnings are worked out before the write, so that nothing after it can fail.
    """
    home, now, state, lang, today = context
    roster = state.roster
    check_printable(" ".join(words), "DATE KECAMATAN")
    typed = {"--led-by": led_by, "--cancel": cancel, "--note": note}
    for what, text in typed.items():
        if text is not None:
            check_printable(text, what)
    new: Entry
    if cancel is not None:
        day, kec = split_date_and_optional_kecamatan(words, roster, today, "record", typed)
        if kec is not None:
            raise UserError("cancel_no_kecamatan")
        if led_by is not None or counts or note is not None:
            raise UserError("cancel_only_reason")
        if not cancel.strip():
            raise UserError("cancel_needs_reason")
        new = Cancelled(day, cancel)
    else:
        day, kec = split_date_and_kecamatan(words, roster, today, "record", typed)
        leader = (
            find_leader(led_by, roster.leaders) if led_by is not None else roster.default_leader
        )
        new = Apel(day, kec.code, leader.id, note, dict(counts or {}))
    if day > today:
        raise UserError("record_future", date=day)
    national = national_calendar(state, lang)
    entries = sorted([e for e in state.history if e.date != day] + [new], key=lambda e: e.date)
    guards = [
        warning("undo_hint", problem=problem)
        for problem in [
            *guard_rails(roster, national, state, new, today),
            *unusual_day(state, national, day),
        ]
    ]
    missing = unaccounted_warnings(roster, national, entries, state.pins, today)

    def change(current: list[Entry]) -> list[Entry]:
        replaced = [e for e in current if e.date == day]
        if replaced and not replace:
            raise UserError(
                "already_recorded",
                date=day,
                what=describe(roster, replaced[0]),
                day=day.isoformat(),
            )
        return sorted([e for e in current if e.date != day] + [new], key=lambda e: e.date)

    reminders = _reminders(state, new) if isinstance(new, Apel) else []
    before, after = change_history(
        home, roster, change, action="record", now=now, known=state.history_read
    )
    done = _done(roster, after, new, any(e.date == day for e in before))
    return Outcome(lang, [done, *guards, *missing, *reminders], changed=True)


def _reminders(state: State, new: Apel) -> list[Message]:
    """The open findings at the apel's kecamatan; one that cannot be read is said, and the
    apel is recorded all the same."""
    found, unread = courtesy_findings(state, "reminder_unread")
    return [*reminder(state.roster, found, new.kecamatan), *unread]


def _done(roster: Roster, entries: list[Entry], new: Entry, replaced: bool) -> Message:
    """What was recorded, with its round and how much of the round is visited."""
    if isinstance(new, Cancelled):
        kind = "replaced_cancelled" if replaced else "recorded_cancelled"
        return info(kind, date=new.date, reason=new.reason)
    apel = apel_only(entries)
    rounds = compute_rounds(roster.kecamatan, apel)
    number = rounds.rounds[apel.index(new)]
    visited = {a.kecamatan for a, r in zip(apel, rounds.rounds, strict=True) if r == number}
    visited &= {k.code for k in roster.kecamatan}
    kec = roster.kecamatan_by_code(new.kecamatan)
    leader = roster.leader_by_id(new.leader)
    return info(
        "replaced" if replaced else "recorded",
        date=new.date,
        kecamatan=kec.name if kec else new.kecamatan,
        leader=leader.name if leader else new.leader,
        round=number,
        visited=len(visited),
        total=len(roster.kecamatan),
    )


def guard_rails(
    roster: Roster, national: HolidayCalendar, state: State, new: Entry, today: dt.date
) -> list[Message]:
    """What suggests a mistyped record: a kecamatan already visited in its round, another
    kecamatan in the plan for the date, a date before the first apel or over a year ago."""
    found: list[Message] = []
    day = new.date
    before = [e for e in state.history if e.date != day]
    replacing = len(before) < len(state.history)  # --replace: that apel is the plan's there
    held = apel_only(state.history)
    if held and day < held[0].date:
        found.append(info("before_first_apel", date=day, first=held[0].date))
    if day < _year_before(today):
        found.append(info("over_a_year_ago", date=day))
    if not isinstance(new, Apel):
        return found
    apel = apel_only(sorted([*before, new], key=lambda e: e.date))
    rounds = compute_rounds(roster.kecamatan, apel).rounds
    number = rounds[apel.index(new)]
    earlier = [
        a.date
        for a, r in zip(apel, rounds, strict=True)
        if r == number and a.kecamatan == new.kecamatan and a.date != day
    ]
    if earlier:
        kec = roster.kecamatan_by_code(new.kecamatan)
        name = kec.name if kec else new.kecamatan
        found.append(info("visited_this_round", kecamatan=name, round=number, date=earlier[0]))
    planned = None if replacing else _planned_for(roster, national, state, before, day)
    if planned is not None and planned.code != new.kecamatan:
        found.append(info("plan_had_other", date=day, kecamatan=planned.name))
    return found


def _planned_for(
    roster: Roster, national: HolidayCalendar, state: State, before: list[Entry], day: dt.date
) -> Kecamatan | None:
    """The kecamatan the plan had for ``day`` after the last record (None when the plan
    had no apel there, or the day is not after the last record)."""
    if not apel_only(before) or day <= before[-1].date:
        return None
    start = before[-1].date + dt.timedelta(days=1)
    pins = [p for p in state.pins if p.date >= start]
    rows = planner.plan(roster, apel_only(before), national, pins, start, 1, shown_from=day)
    return next((r.kecamatan for r in rows if r.date == day and r.kecamatan), None)


def _year_before(today: dt.date) -> dt.date:
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


def edit(
    context: Context,
    *,
    words: Sequence[str],
    kecamatan: str | None = None,
    led_by: str | None = None,
    note: str | None = None,
    counts: Mapping[str, str] | None = None,
    typed: Mapping[str, str] | None = None,
) -> Outcome:
    """Change only the fields given of the entry on ``date``: ``note = ""`` removes the
    note, a count ``-`` removes the count (``typed``: each count's option as the user
    typed it, for the messages). A week without apel has only its reason, which
    ``--note`` changes; to record an apel on it, ``record --replace``."""
    home, now, state, lang, today = context
    roster = state.roster
    values = {"--kecamatan": kecamatan, "--led-by": led_by, "--note": note}
    day = join_date(words, today, values)
    options = typed or {}
    figures = {
        key: _count(options.get(key, APEL.field(key).options[0]), text)
        for key, text in (counts or {}).items()
    }
    for what, text in values.items():
        if text is not None:
            check_printable(text, what)
    kec = find_kecamatan(kecamatan, roster) if kecamatan is not None else None
    leader = find_leader(led_by, roster.leaders) if led_by is not None else None
    if kec is None and leader is None and note is None and not figures:
        raise UserError("edit_nothing")

    def change(current: list[Entry]) -> list[Entry]:
        old = next((e for e in current if e.date == day), None)
        if old is None:
            raise UserError("nothing_recorded", date=day)
        new: Entry
        if isinstance(old, Cancelled):
            if kec or leader or figures:
                raise UserError("edit_cancelled", date=day, reason=old.reason)
            if note is None or not note.strip():
                raise UserError(
                    "edit_reason_empty", date=day, reason=old.reason, day=day.isoformat()
                )
            new = Cancelled(day, note)
        else:
            kept = {k: v for k, v in old.counts.items() if figures.get(k, v) is not None}
            kept |= {k: v for k, v in figures.items() if v is not None}
            new = Apel(
                day,
                kec.code if kec else old.kecamatan,
                leader.id if leader else old.leader,
                old.note if note is None else note or None,
                {k: kept[k] for k in COUNTS if k in kept},
            )
        return sorted([e for e in current if e.date != day] + [new], key=lambda e: e.date)

    before, after = change_history(
        home, roster, change, action="edit", now=now, known=state.history_read
    )
    old, new = _on(before, day), _on(after, day)
    kind = "edit_unchanged" if old == new else "edited"
    return Outcome(lang, [info(kind, date=day, what=describe(roster, new))], changed=True)


DIGITS = len(str(MAX_COUNT))


def _count(option: str, text: str) -> int | None:
    """A count as typed for ``edit``: a whole number from 0, or ``-`` to remove it."""
    value = text.strip()
    if value == "-":
        return None
    if value.isascii() and value.isdigit() and len(value) <= DIGITS and is_count(int(value)):
        return int(value)
    raise UserError("count_invalid", option=option, value=shown(text))


def delete(context: Context, *, words: Sequence[str]) -> Outcome:
    home, now, state, lang, today = context
    roster = state.roster
    day = join_date(words, today)

    def change(current: list[Entry]) -> list[Entry]:
        if not any(e.date == day for e in current):
            raise UserError("nothing_recorded", date=day)
        return [e for e in current if e.date != day]

    before, _ = change_history(
        home, roster, change, action="delete", now=now, known=state.history_read
    )
    removed_words = describe(roster, _on(before, day))
    return Outcome(lang, [info("deleted", date=day, what=removed_words)], changed=True)


def _on(entries: list[Entry], day: dt.date) -> Entry:
    """The entry of ``day``, which the change found there."""
    return next(e for e in entries if e.date == day)
