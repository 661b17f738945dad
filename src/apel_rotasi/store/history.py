"""history.toml: the apel that took place and the weeks without apel, in date order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from apel_rotasi.model import COUNTS, Apel, Cancelled, Entry, Roster
from apel_rotasi.store.dated import DatedFile, check_references, read_dated, tables_text
from apel_rotasi.store.toml import Key, Reader, is_text

HISTORY_FILE = "history.toml"
APEL_KEYS = (
    Key("date", dt.date, "allowed_date", required=True),
    Key("kecamatan", str, "allowed_code"),
    Key("leader", str, "allowed_leader_id"),
    Key("note", str, "allowed_text"),
    Key("cancelled", str, "allowed_reason", check=is_text),
    *(Key(count, int, "allowed_count", check=lambda v: v >= 0) for count in COUNTS),
)


class History(DatedFile):
    """history.toml as read: its entries, and what ``check`` reports about it."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.entries: list[Entry] = []
        self.lines: dict[dt.date, int | None] = {}  # where each date's table begins

    @property
    def apel(self) -> list[Apel]:
        """The apel held, in date order (the weeks without apel left out)."""
        return [e for e in self.entries if isinstance(e, Apel)]


def history_path(home: Path) -> Path:
    return home / HISTORY_FILE


def read_history(home: Path, roster: Roster | None, cached: bool = True) -> History:
    """history.toml in date order, with everything ``check`` reports about it."""
    reader = Reader(history_path(home), cached=cached)
    history = History(reader.path)
    data = reader.parse()
    if data is None:
        return history
    for index, values in read_dated(reader, data, "apel", APEL_KEYS, history):
        history.lines[values["date"]] = reader.lines.table("apel", index)
        entry = _entry(reader, index, values)
        if entry is not None:
            check_references(reader, roster, "apel", index, values, history)
            history.entries.append(entry)
    history.problems = reader.problems
    history.entries.sort(key=lambda e: e.date)
    return history


def _entry(reader: Reader, index: int, values: dict[str, Any]) -> Entry | None:
    day = values["date"]
    if "cancelled" in values:
        extra = [k for k in values if k not in ("date", "cancelled")]
        if extra:
            line = reader.lines.table("apel", index)
            reader.problem("cancelled_with_apel", line, date=day.isoformat(), keys=extra)
            return None
        return Cancelled(day, values["cancelled"])
    for key in ("kecamatan", "leader"):
        if key not in values:
            line = reader.lines.table("apel", index)
            reader.problem("missing_key", line, key=key, where=f"[[apel]] #{index + 1}")
    if "kecamatan" not in values or "leader" not in values:
        return None
    counts = {key: values[key] for key in COUNTS if key in values}
    return Apel(day, values["kecamatan"], values["leader"], values.get("note"), counts)


def entry_table(entry: Entry) -> dict[str, Any]:
    """An entry as its ``[[apel]]`` table (also the journal's record of it)."""
    if isinstance(entry, Cancelled):
        return {"date": entry.date, "cancelled": entry.reason}
    table: dict[str, Any] = {
        "date": entry.date,
        "kecamatan": entry.kecamatan,
        "leader": entry.leader,
    }
    if entry.note is not None:
        table["note"] = entry.note
    table.update((key, entry.counts[key]) for key in COUNTS if key in entry.counts)
    return table


def history_text(entries: list[Entry]) -> str:
    return tables_text("apel", [entry_table(e) for e in sorted(entries, key=lambda e: e.date)])
