"""``log`` and ``undo``: the journal of every change, and taking the latest back."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from apel_rotasi import listings
from apel_rotasi.clock import city_today
from apel_rotasi.commands import Listing, Outcome
from apel_rotasi.commands.common import output_lang
from apel_rotasi.commands.record import describe
from apel_rotasi.errors import UserError
from apel_rotasi.messages import Message, info
from apel_rotasi.model import Entry, Pin, Roster
from apel_rotasi.store import journal
from apel_rotasi.store.history import HISTORY_FILE, entry_table
from apel_rotasi.store.home import change_history, change_pins, load_state
from apel_rotasi.store.pins import pin_table


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
                differences=_differences(target["after"], found),
            )

    if target["file"] == HISTORY_FILE:

        def change_entries(current: list[Entry]) -> list[Entry]:
            found = next((e for e in current if e.date == day), None)
            check(journal.as_json(entry_table(found)) if found is not None else None)
            kept = [e for e in current if e.date != day]
            if restored is not None:
                kept.append(journal.as_entry(restored))
            return sorted(kept, key=lambda e: e.date)

        change_history(home, roster, change_entries, action="undo", now=now, undoes=target["id"])
        now_there = describe(roster, journal.as_entry(restored)) if restored else None
    else:

        def change_pins_list(current: list[Pin]) -> list[Pin]:
            found = next((p for p in current if p.date == day), None)
            check(journal.as_json(pin_table(found)) if found is not None else None)
            kept = [p for p in current if p.date != day]
            if restored is not None:
                kept.append(journal.as_pin(restored))
            return sorted(kept, key=lambda p: p.date)

        change_pins(home, roster, change_pins_list, action="undo", now=now, undoes=target["id"])
        now_there = _pin_words(roster, journal.as_pin(restored)) if restored else None
    at = dt.datetime.fromisoformat(target["at"])
    done = info(
        "undone",
        action=info(f"action_{target['action']}"),
        date=day,
        user=target["user"],
        when=at.date(),
        time=f"{at:%H:%M}",
    )
    after = info("undo_now", what=now_there) if now_there else info("undo_now_nothing", date=day)
    return Outcome(lang, (done, after))


def _pin_words(roster: Roster, pin: Pin) -> Message:
    """A pin in words: the apel cancelled, or its kecamatan and leader."""
    if pin.cancel is not None:
        return info("entry_cancelled", reason=pin.cancel)
    kec = roster.kecamatan_by_code(pin.kecamatan) if pin.kecamatan else None
    leader = roster.leader_by_id(pin.leader) if pin.leader else None
    if kec is not None and leader is not None:
        return info("entry_apel", kecamatan=kec.name, leader=leader.name)
    if kec is not None or pin.kecamatan:
        return info("pin_words_kecamatan", kecamatan=kec.name if kec else pin.kecamatan)
    return info("pin_words_leader", leader=leader.name if leader else pin.leader)


def _differences(expected: dict[str, Any] | None, found: dict[str, Any] | None) -> Message:
    """What the file holds that the journal did not leave there, key by key."""
    if found is None:
        return info("undo_record_gone")
    if expected is None:
        return info("undo_record_appeared", found=_compact(found))
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
