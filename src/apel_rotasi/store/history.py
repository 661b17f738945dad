"""history.toml: the apel that took place and the weeks without apel, in date order."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeGuard

from apel_rotasi.model import Apel, Cancelled, Entry, Roster
from apel_rotasi.records import APEL, COUNTS
from apel_rotasi.store.cache import package_version
from apel_rotasi.store.dated import (
    DatedFile,
    check_references,
    read_dated,
    record_of,
    tables_text,
)
from apel_rotasi.store.recall import keep, recall
from apel_rotasi.store.toml import Reader, TableLines

HISTORY_FILE = APEL.file


class History(DatedFile):
    """history.toml as read: its entries, and what ``check`` reports about it."""

    def __init__(self, reader: Reader) -> None:
        super().__init__()
        self.path = reader.path
        self.entries: list[Entry] = []
        self.lines = TableLines(reader, APEL.table)  # where each date's table begins
        self.written = False  # the file is as the tool writes its entries

    @property
    def items(self) -> list[Entry]:
        return self.entries

    @property
    def apel(self) -> list[Apel]:
        """The apel held, in date order (the weeks without apel left out)."""
        return [e for e in self.entries if isinstance(e, Apel)]


def history_path(home: Path) -> Path:
    return home / HISTORY_FILE


def read_history(home: Path, roster: Roster | None) -> History:
    """history.toml in date order, with everything ``check`` reports about it."""
    return history_from(Reader(history_path(home)), roster)


def kept_as() -> str:
    """The name of a kept history in the cache: whether its bytes are the tool's own holds
    for the tomli-w that writes them."""
    return f"history-{package_version('tomli_w')}"


def known_history(reader: Reader, roster: Roster) -> History:
    """What ``history_from`` reads in the file, taken from the cache when these bytes were
    read without a problem before (or written by the tool) and ``roster`` still has every
    kecamatan and leader they name; else the file is read, so that its notes name lines.
    It is kept with whether its bytes are the ones the tool writes for its entries."""
    content = reader.content
    kept = None if content is None else recall(kept_as(), content)
    if _usable(kept, roster):
        history = History(reader)
        history.entries, history.written = kept
        return history
    history = history_from(reader, roster)
    if content is not None and not history.problems and not history.notes:  # else unusable
        tables = [entry_table(e) for e in history.entries]
        written = content == tables_text(APEL.table, tables).encode("utf-8")
        keep(kept_as(), content, (history.entries, written))
    return history


def keep_written(content: bytes, entries: list[Entry]) -> None:
    """Keep the entries of a history the tool wrote, in date order, as what it reads as."""
    keep(kept_as(), content, (entries, True))


def _usable(kept: Any, roster: Roster) -> TypeGuard[tuple[list[Entry], bool]]:
    """A kept history: its entries and whether the tool wrote them, each kecamatan and
    leader they name in ``roster``."""
    if not (isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], list)):
        return False
    entries, written = kept
    return (
        isinstance(written, bool)
        and all(isinstance(e, Apel | Cancelled) for e in entries)
        and all(
            roster.kecamatan_by_code(e.kecamatan) and roster.leader_by_id(e.leader)
            for e in entries
            if isinstance(e, Apel)
        )
    )


def history_from(reader: Reader, roster: Roster | None) -> History:
    """What ``reader`` reads as history.toml (the file, or the text a change would give it)."""
    history = History(reader)
    data = reader.parse()
    if data is None:
        return history
    for index, table, values in read_dated(reader, data, APEL.table, APEL.fields, history):
        history.lines.index[values["date"]] = index
        entry = _entry(reader, index, table, values)
        if entry is not None:
            check_references(reader, roster, APEL.table, index, values, history)
            history.entries.append(entry)
    history.problems = reader.problems
    history.entries.sort(key=lambda e: e.date)
    return history


def _entry(
    reader: Reader, index: int, table: dict[str, Any], values: dict[str, Any]
) -> Entry | None:
    """The entry the index-th table holds (``values``: those the reader accepted), or None.
    A key the table lacks is a problem here; a bad value the reader has reported already."""
    day = values["date"]
    if "cancelled" in table and "cancelled" not in values:
        return None
    if "cancelled" in values:
        extra = [k for k in values if k not in ("date", "cancelled")]
        if extra:
            line = reader.lines.table(APEL.table, index)
            reader.problem("cancelled_with_apel", line, date=day.isoformat(), keys=extra)
            return None
        return Cancelled(day, values["cancelled"])
    for key in ("kecamatan", "leader"):
        if key not in table:
            line = reader.lines.table(APEL.table, index)
            reader.problem("missing_key", line, key=key, where=f"[[apel]] #{index + 1}")
    if "kecamatan" not in values or "leader" not in values:
        return None
    counts = {key: values[key] for key in COUNTS if key in values}
    return Apel(day, values["kecamatan"], values["leader"], values.get("note"), counts)


def entry_table(entry: Entry) -> dict[str, Any]:
    """An entry as its ``[[apel]]`` table (also the journal's record of it)."""
    if isinstance(entry, Cancelled):
        return APEL.table_of({"date": entry.date, "cancelled": entry.reason})
    return APEL.table_of({**entry._asdict(), **entry.counts})


def entry_from_json(table: dict[str, Any]) -> Entry:
    """A journal's ``[[apel]]`` table as the entry history.toml would hold."""
    entry: Entry = record_of(history_from, APEL, table)
    return entry
