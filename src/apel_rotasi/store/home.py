"""The home folder, and what one command loads from it."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar

from apel_rotasi.clock import city_now
from apel_rotasi.errors import Problems, UserError, reason
from apel_rotasi.messages import Message, warning
from apel_rotasi.model import Apel, Cancelled, Entry, Finding, Pin, Roster
from apel_rotasi.records import APEL, FINDING, PIN, Kind
from apel_rotasi.store import files, journal, safewrite
from apel_rotasi.store.dated import appended_text, tables_data, tables_text
from apel_rotasi.store.findings import (
    finding_from_json,
    finding_table,
    findings_from,
    findings_path,
    read_findings,
)
from apel_rotasi.store.history import (
    entry_from_json,
    entry_table,
    history_from,
    history_path,
    keep_written,
    known_history,
)
from apel_rotasi.store.journal import Action
from apel_rotasi.store.pins import (
    pin_from_json,
    pin_table,
    pins_from,
    pins_path,
    read_pins,
)
from apel_rotasi.store.roster import load_roster
from apel_rotasi.store.toml import Reader, remember

D = TypeVar("D", bound=Apel | Cancelled | Pin | Finding)


def ensure_home(home: Path) -> None:
    """Create the home before a write; a home that cannot be created is a user error."""
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError("home_cannot_create", path=home, reason=reason(error)) from None
    if not os.access(home, os.W_OK):
        raise UserError("home_not_writable", path=home)


class Read(NamedTuple, Generic[D]):
    """A file's records as its reader accepted them, and the content read (None: no
    file): a change of the same content need not validate it again."""

    content: bytes | None
    records: list[D]
    written: bool = False  # the content is as the tool writes these records


class State(NamedTuple):
    """Roster, history and pins of a home, loaded once for a command, with the warnings
    that loading them gave."""

    home: Path
    roster: Roster
    roster_path: Path
    history: list[Entry]
    history_read: Read[Entry] | None  # history.toml as read, before pending
    pins: list[Pin]
    warnings: list[Message]


def load_state(home: Path, *, history: bool = True, pins: bool = False) -> State:
    """Load the roster and, as asked, history and pins; stray references are warnings."""
    roster, roster_path = load_roster(home)
    entries: list[Entry] = []
    read: Read[Entry] | None = None
    found_pins: list[Pin] = []
    warnings: list[Message] = []
    if history:
        reader = Reader(history_path(home))
        found = known_history(reader, roster)
        if found.problems:
            raise Problems(found.problems)
        read = Read(reader.content, list(found.entries), found.written)
        warnings += [_placed(note) for note in found.notes]
        entries = with_pending(home, history_path(home), found.entries, entry_from_json)
    if pins:
        pinned = read_pins(home, roster)
        if pinned.problems:
            raise Problems(pinned.problems)
        warnings += [warning("pin_ignored", problem=_placed(n)) for n in pinned.notes]
        found_pins = [
            p
            for p in with_pending(home, pins_path(home), pinned.pins, pin_from_json)
            if (p.kecamatan is None or roster.kecamatan_by_code(p.kecamatan))
            and (p.leader is None or roster.leader_by_id(p.leader))
        ]
    return State(home, roster, roster_path, entries, read, found_pins, warnings)


def findings_of(home: Path, roster: Roster) -> list[Finding]:
    """The home's findings (with a change a crash left pending), oldest first; a
    findings.toml with problems is an error."""
    found = read_findings(home, roster, None)
    if found.problems:
        raise Problems(found.problems)
    path = findings_path(home)
    current = with_pending(home, path, found.findings, finding_from_json, "id")
    return sorted(current, key=lambda f: (f.date, f.id))


def _placed(error: UserError) -> Message:
    """A file's problem as a warning that names the file and line."""
    where = f"{error.path}:{error.line}" if error.line else str(error.path)
    return warning("in_file", where=where, problem=error.message)


def change_history(
    home: Path,
    roster: Roster,
    change: Callable[[list[Entry]], list[Entry]],
    *,
    action: Action,
    now: dt.datetime,
    undoes: str | None = None,
    known: Read[Entry] | None = None,
) -> Changed[Entry]:
    """Read, change and atomically replace history.toml under its lock, journaling the
    change; the entries before and after it. ``known``: the command's own read of it."""

    def read(reader: Reader) -> list[Entry]:
        found = history_from(reader, roster)
        if found.problems:
            raise Problems(found.problems)
        return found.entries

    kind = _Kind(APEL, entry_table, entry_from_json, keep_written)
    at = _at(now, roster)
    return _change(history_path(home), read, change, kind, action, at, undoes, known)


def change_pins(
    home: Path,
    roster: Roster,
    change: Callable[[list[Pin]], list[Pin]],
    *,
    action: Action,
    now: dt.datetime,
    undoes: str | None = None,
) -> Changed[Pin]:
    def read(reader: Reader) -> list[Pin]:
        found = pins_from(reader, roster)
        if found.problems:
            raise Problems(found.problems)
        return found.pins

    kind = _Kind(PIN, pin_table, pin_from_json)
    return _change(pins_path(home), read, change, kind, action, _at(now, roster), undoes)


def change_findings(
    home: Path,
    roster: Roster,
    change: Callable[[list[Finding]], list[Finding]],
    *,
    action: Action,
    now: dt.datetime,
    undoes: str | None = None,
) -> Changed[Finding]:
    def read(reader: Reader) -> list[Finding]:
        found = findings_from(reader, roster, None)
        if found.problems:
            raise Problems(found.problems)
        return found.findings

    kind = _Kind(FINDING, finding_table, finding_from_json)
    return _change(findings_path(home), read, change, kind, action, _at(now, roster), undoes)


def _at(now: dt.datetime, roster: Roster) -> str:
    """When, for the journal: the city's time, to the second, with its offset."""
    return city_now(now, roster.rotation.timezone).isoformat(timespec="seconds")


class Changed(NamedTuple, Generic[D]):
    """What a change did: the file's records as read under the lock, and as written."""

    before: list[D]
    after: list[D]


class _Kind(NamedTuple, Generic[D]):
    """A kind of record, its records as ``[[tables]]`` and back from the journal's."""

    record: Kind
    table: Callable[[D], dict[str, Any]]
    from_table: Callable[[dict[str, Any]], D]
    keep: Callable[[bytes, list[D]], None] | None = None  # the records a file written holds

    @property
    def identity(self) -> str:
        return self.record.identity

    def ordered(self, records: list[D]) -> list[D]:
        """The records in the file's order: by their identity."""
        return sorted(records, key=lambda r: getattr(r, self.identity))

    def text(self, records: list[D], base: bytes | None, written: list[D] | None) -> bytes:
        """The file holding ``records``; ``written``: the records ``base`` holds as the tool
        writes them, if it does. A record after all of those adds its table to ``base``,
        which tomli-w then need not write again."""
        name, ordered = self.record.table, self.ordered(records)
        if written and base is not None and ordered[:-1] == written:
            return appended_text(name, base, self.table(ordered[-1]))
        return tables_text(name, [self.table(r) for r in ordered]).encode("utf-8")

    def remember(self, content: bytes, records: list[D]) -> None:
        """Keep what the file written reads as: its records, or its parse."""
        ordered = self.ordered(records)
        if self.keep is not None:
            self.keep(content, ordered)
        else:
            remember(content, tables_data(self.record.table, [self.table(r) for r in ordered]))


def _change(
    path: Path,
    read: Callable[[Reader], list[D]],
    change: Callable[[list[D]], list[D]],
    kind: _Kind[D],
    action: Action,
    at: str,
    undoes: str | None,
    known: Read[D] | None = None,
) -> Changed[D]:
    """A read-modify-write under the lock, after a dry run without it, with its journal line.

    The dry run lets a mistake (a broken file, a date already taken) fail before even
    the lock file is made, so a failed command leaves the home as it was. It reads the
    file, or takes the records ``known`` when the content is theirs. Under the lock a
    change a crash left pending is completed first, and the file itself is read: the
    dry run's records are reused only when its content is the same. The line is
    appended once the new file is on disk beside the old and before the rename
    (``store.journal`` says why); a change that changes nothing writes nothing. What the
    new file reads as goes to the cache: the next command need not read it.
    """
    home = path.parent
    seen = None if known is None else files.read_file(path)
    if known is not None and known.content == seen:
        read_first = known.records
    else:
        first = Reader(path)
        read_first = read(first)
        seen = first.content
    change(with_pending(home, path, read_first, kind.from_table, kind.identity))
    ensure_home(home)
    with safewrite.locked(path):
        if journal.pending(home, path) is not None:
            safewrite.complete(path)
        base = files.read_file(path)  # the file's content the change is made to
        current = read_first if base == seen else read(Reader(path))
        new = change(current)
        line = _line(current, new, kind, action, path.name, at, undoes)
        if line is None:
            return Changed(current, new)
        written = current if known is not None and known.written and base == known.content else None
        content = kind.text(new, base, written)
        line["base"] = None if base is None else files.digest(base)
        line["sha256"] = files.digest(content)
        safewrite.replace(path, content, lambda: journal.append(home, line))
    kind.remember(content, new)
    return Changed(current, new)


def _line(
    old: list[D],
    new: list[D],
    kind: _Kind[D],
    action: Action,
    file: str,
    at: str,
    undoes: str | None,
) -> journal.Line | None:
    """The journal line of a change to one record (None when nothing changed), dated by
    the record's date."""

    def table(item: D | None) -> dict[str, Any] | None:
        return None if item is None else kind.table(item)

    before = {getattr(item, kind.identity): item for item in old}
    after = {getattr(item, kind.identity): item for item in new}
    differing = [key for key in before.keys() | after.keys() if before.get(key) != after.get(key)]
    changed = sorted(key for key in differing if table(before.get(key)) != table(after.get(key)))
    if not changed:
        return None
    if len(changed) > 1:
        raise ValueError(f"one change touched {len(changed)} records")  # a bug, never the user's
    old_table, new_table = table(before.get(changed[0])), table(after.get(changed[0]))
    day = (new_table or old_table or {})["date"]
    return journal.new_line(action, file, at, day, old_table, new_table, undoes)


def with_pending(
    home: Path,
    path: Path,
    items: list[D],
    from_table: Callable[[dict[str, Any]], D],
    identity: str = "date",
) -> list[D]:
    """``items`` as read from ``path``, with the change a crash left pending applied."""
    line = journal.pending(home, path)
    if line is None:
        return items
    before, after = line["before"], line["after"]
    changed = from_table(after if after is not None else before or {})
    kept = [item for item in items if getattr(item, identity) != getattr(changed, identity)]
    if after is not None:
        kept.append(changed)
    return sorted(kept, key=lambda item: getattr(item, identity))
