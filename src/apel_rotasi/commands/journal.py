"""``log`` and ``undo``: the journal of every change, and taking the latest back."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from apel_rotasi import listings
from apel_rotasi.commands.common import Context, describe, describe_pin
from apel_rotasi.errors import Problems, UserError
from apel_rotasi.messages import Message, Term, info
from apel_rotasi.model import Finding, Roster
from apel_rotasi.outcome import Listing, Outcome
from apel_rotasi.parse import check_printable
from apel_rotasi.records import APEL, FINDING, PIN, Kind
from apel_rotasi.store import journal
from apel_rotasi.store.dated import DatedFile, read_tables
from apel_rotasi.store.findings import finding_table, held_apel, reading
from apel_rotasi.store.history import entry_table, history_from, read_history
from apel_rotasi.store.home import (
    Changed,
    change_findings,
    change_history,
    change_pins,
)
from apel_rotasi.store.pins import pin_table, pins_from
from apel_rotasi.store.toml import Reader


def log(context: Context) -> Outcome:
    home, state, lang, today = context.home, context.state, context.lang, context.today
    rows = listings.log_records(journal.Lines(home))
    rot = state.roster.rotation
    listing = Listing("log", tuple(rows), rot.city, today, people=listings.people(state.roster))
    return Outcome(lang, (), listing)


class _File(NamedTuple):
    """What ``undo`` needs of one file of records: its kind, its reader, a record's table,
    how the file is changed, and a record in words."""

    kind: Kind
    read: Callable[[Reader, Roster | None], DatedFile]
    table: Callable[[Any], dict[str, Any]]
    change: Callable[..., Changed[Any]]
    words: Callable[[Roster, Any], Message]
    gone: str = "undo_now_nothing"  # what is said when no record is left there


def _finding_words(roster: Roster, finding: Finding) -> Message:
    return info("finding_words", id=finding.id, text=finding.text)


FILES = {
    APEL.file: _File(APEL, history_from, entry_table, change_history, describe),
    PIN.file: _File(PIN, pins_from, pin_table, change_pins, describe_pin, "undo_now_no_pin"),
}


def _file(home: Path, roster: Roster, name: str) -> _File:
    """How ``undo`` handles the file ``name``; findings are read against the history."""
    if name != FINDING.file:
        return FILES[name]
    history = read_history(home, roster)
    if history.problems:
        raise Problems(history.problems)
    held = held_apel(history.entries)
    words = _finding_words
    return _File(FINDING, reading(held), finding_table, change_findings, words, "undo_finding_gone")


def undo(context: Context) -> Outcome:
    """Revert the latest change not yet undone, if its record is still as it left it and
    the file with the record put back is one its reader accepts, as ``check`` would."""
    home, now, state, lang, today = context
    roster = state.roster
    found = journal.to_undo(home)
    if found is None:
        raise UserError("undo_nothing")
    target, offset = found
    file = _file(home, roster, target["file"])
    day = dt.date.fromisoformat(target["date"])
    action = Term("DEEDS", target["action"])
    before, after = target["before"], target["after"]
    restored = file.kind.from_json(before) if before is not None else None
    key = file.kind.identity  # what tells the record apart: its date, or its number
    ident = day if key == "date" else (after if after is not None else before or {}).get(key)

    def refused(problems: Sequence[Message]) -> UserError:
        return UserError(
            "undo_invalid",
            path=journal.journal_path(home),
            line=journal.line_number(home, offset),
            action=action,
            date=day,
            file=file.kind.file,
            problems=_joined(problems, "list_semicolon"),
        )

    for name, value in (("date", day), (key, ident)):
        if restored is not None and restored.get(name) != value:
            raise refused(
                [info("undo_other_record", key=name, found=_value((before or {}).get(name)))]
            )

    def change(current: list[Any]) -> list[Any]:
        """The file with the record of ``day`` as the journal had it before (or without
        it), once the file's record is as the journal left it (no change came since, no
        hand edit) and the file's reader accepts the result."""
        latest = journal.to_undo(home)
        if latest is None or latest[0]["id"] != target["id"]:
            raise UserError("undo_moved")
        there = next((r for r in current if getattr(r, key) == ident), None)
        there_json = file.kind.to_json(file.table(there)) if there is not None else None
        if there_json != after:
            raise UserError(
                "undo_changed_by_hand",
                file=target["file"],
                date=day,
                action=action,
                differences=_differences(after, there_json, file.kind is not PIN),
            )
        path = home / file.kind.file
        tables = [file.table(r) for r in current]
        kept = [t for t in tables if t[key] != ident]
        new = [*kept, restored] if restored else kept
        was = read_tables(file.read, file.kind, path, tables, roster)
        will = read_tables(file.read, file.kind, path, new, roster)
        known = [note.message for note in was.notes]
        wrong = [problem.message for problem in will.problems]
        wrong += [note.message for note in will.notes if note.message not in known]
        if restored is not None and file.kind is APEL and day > today:
            wrong.append(info("history_future", date=day, today=today))
        wrong += _unprintable(restored or {})
        if wrong:
            raise refused(wrong)
        return list(will.items)

    records = file.change(home, roster, change, action="undo", now=now, undoes=target["id"]).after
    now_there = next((file.words(roster, r) for r in records if getattr(r, key) == ident), None)
    at = dt.datetime.fromisoformat(target["at"])
    done = info(
        "undone",
        action=action,
        date=day,
        user=target["user"],
        when=at.date(),
        time=f"{at:%H:%M}",
    )
    said = info("undo_now", what=now_there) if now_there else info(file.gone, date=day, id=ident)
    return Outcome(lang, (done, said), changed=True)


def _unprintable(table: dict[str, Any]) -> list[Message]:
    """A control character in the restored record's text, refused as it is when typed."""
    found = []
    for key, value in table.items():
        if isinstance(value, str):
            try:
                check_printable(value, key)
            except UserError as error:
                found.append(error.message)
    return found


def _joined(parts: Sequence[Message], kind: str = "list_more") -> Message:
    """Messages in one, joined by the catalogue's ``kind`` (``a, b, c``)."""
    joined = parts[-1]
    for part in reversed(parts[:-1]):
        joined = info(kind, first=part, rest=joined)
    return joined


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
    return _joined(
        [
            info(
                "undo_key_differs",
                key=k,
                expected=_value(expected.get(k)),
                found=_value(found.get(k)),
            )
            for k in keys
        ]
    )


def _value(value: object) -> Message | str:
    return info("undo_no_value") if value is None else _compact(value)


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
