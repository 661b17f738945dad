"""``log`` and ``undo``: the journal of every change, and taking the latest back."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from apel_rotasi import listings
from apel_rotasi.clock import city_today
from apel_rotasi.commands import Listing, Outcome
from apel_rotasi.commands.common import describe_pin, output_lang
from apel_rotasi.commands.record import describe
from apel_rotasi.errors import UserError
from apel_rotasi.messages import Message, info
from apel_rotasi.model import Entry, Pin
from apel_rotasi.store import journal
from apel_rotasi.store.history import HISTORY_FILE, entry_table
from apel_rotasi.store.home import change_history, change_pins, load_state
from apel_rotasi.store.pins import pin_table

T = TypeVar("T", Entry, Pin)


def log(*, home: Path, now: dt.datetime, lang: str | None = None) -> Outcome:
    state = load_state(home, history=False)
    rows = listings.log_records(journal.read_journal(home).lines)
    rot = state.roster.rotation
    listing = Listing("log", tuple(rows), rot.city, city_today(now, rot.timezone))
    return Outcome(output_lang(lang, state), (), listing)


def undo(*, home: Path, now: dt.datetime, lang: str | None = None) -> Outcome:
    """Revert the latest change not yet undone, if its record is still as it left it."""
    state = load_state(home, history=False)
    roster = state.roster
    lang = output_lang(lang, state)
    target = journal.to_undo(home)
    if target is None:
        raise UserError("undo_nothing")
    day = dt.date.fromisoformat(target["date"])
    restored = target["before"]

    def check(found: dict[str, Any] | None) -> None:
        """Refuse when another change came meanwhile, or the record differs from the
        journal's (edited by hand since)."""
        latest = journal.to_undo(home)
        if latest is None or latest["id"] != target["id"]:
            raise UserError("undo_moved")
        if found != target["after"]:
            raise UserError(
                "undo_changed_by_hand",
                file=target["file"],
                date=day,
                action=info(f"action_{target['action']}"),
                differences=_differences(target["after"], found, target["file"] == HISTORY_FILE),
            )

    if target["file"] == HISTORY_FILE:
        restore_entry = _restoring(day, restored, entry_table, journal.as_entry, check)
        change_history(home, roster, restore_entry, action="undo", now=now, undoes=target["id"])
        now_there = describe(roster, journal.as_entry(restored)) if restored else None
    else:
        restore_pin = _restoring(day, restored, pin_table, journal.as_pin, check)
        change_pins(home, roster, restore_pin, action="undo", now=now, undoes=target["id"])
        now_there = describe_pin(roster, journal.as_pin(restored)) if restored else None
    at = dt.datetime.fromisoformat(target["at"])
    done = info(
        "undone",
        action=info(f"action_{target['action']}"),
        date=day,
        user=target["user"],
        when=at.date(),
        time=f"{at:%H:%M}",
    )
    nothing = "undo_now_nothing" if target["file"] == HISTORY_FILE else "undo_now_no_pin"
    after = info("undo_now", what=now_there) if now_there else info(nothing, date=day)
    return Outcome(lang, (done, after))


def _restoring(
    day: dt.date,
    restored: dict[str, Any] | None,
    table: Callable[[T], dict[str, Any]],
    parse: Callable[[dict[str, Any]], T],
    check: Callable[[dict[str, Any] | None], None],
) -> Callable[[list[T]], list[T]]:
    """The change that puts back the record of ``day`` as the journal had it before (or
    removes it), once ``check`` finds the file's record as the journal left it."""

    def change(current: list[T]) -> list[T]:
        found = next((r for r in current if r.date == day), None)
        check(journal.as_json(table(found)) if found is not None else None)
        kept = [r for r in current if r.date != day]
        if restored is not None:
            kept.append(parse(restored))
        return sorted(kept, key=lambda r: r.date)

    return change


def _differences(
    expected: dict[str, Any] | None, found: dict[str, Any] | None, record: bool
) -> Message:
    """What the file holds that the journal did not leave there, key by key; ``record``
    is False for a pin, which is not called a record."""
    if found is None:
        return info("undo_record_gone" if record else "undo_pin_gone")
    if expected is None:
        kind = "undo_record_appeared" if record else "undo_pin_appeared"
        return info(kind, found=_compact(found))
    keys = [k for k in dict.fromkeys([*expected, *found]) if expected.get(k) != found.get(k)]
    parts = [
        info(
            "undo_key_differs", key=k, expected=_value(expected.get(k)), found=_value(found.get(k))
        )
        for k in keys
    ]
    joined = parts[-1]
    for part in reversed(parts[:-1]):
        joined = info("list_more", first=part, rest=joined)
    return joined


def _value(value: object) -> Message | str:
    return info("undo_no_value") if value is None else _compact(value)


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
