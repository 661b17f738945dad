"""pins.toml: decisions about coming dates, one per date, in date order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from apel_rotasi.model import Pin, Roster
from apel_rotasi.records import PIN
from apel_rotasi.store.dated import (
    DatedFile,
    check_references,
    read_dated,
    record_of,
)
from apel_rotasi.store.toml import Reader

PINS_FILE = PIN.file


class Pins(DatedFile):
    """pins.toml as read: its pins, and what ``check`` reports about it."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.pins: list[Pin] = []

    @property
    def items(self) -> list[Pin]:
        return self.pins


def pins_path(home: Path) -> Path:
    return home / PINS_FILE


def read_pins(home: Path, roster: Roster | None) -> Pins:
    return pins_from(Reader(pins_path(home)), roster)


def pins_from(reader: Reader, roster: Roster | None) -> Pins:
    """What ``reader`` reads as pins.toml (the file, or the text a change would give it)."""
    pins = Pins(reader.path)
    data = reader.parse()
    if data is None:
        return pins
    for index, table, values in read_dated(reader, data, PIN.table, PIN.fields, pins):
        day = values["date"]
        given = [key for key in ("kecamatan", "leader", "cancel", "note") if key in table]
        if not given:
            reader.problem(
                "pin_fixes_nothing", reader.lines.table(PIN.table, index), date=day.isoformat()
            )
            continue
        if "cancel" in given and {"kecamatan", "leader"} & set(given):
            reader.problem(
                "pin_cancel_and_apel", reader.lines.table(PIN.table, index), date=day.isoformat()
            )
            continue
        check_references(reader, roster, PIN.table, index, values, pins)
        pins.pins.append(Pin._make(values.get(name) for name in Pin._fields))
    pins.problems = reader.problems
    pins.pins.sort(key=lambda p: p.date)
    return pins


def pin_table(pin: Pin) -> dict[str, Any]:
    """A pin as its ``[[pin]]`` table (also the journal's record of it)."""
    return PIN.table_of(pin._asdict())


def pin_from_json(table: dict[str, Any]) -> Pin:
    """A journal's ``[[pin]]`` table as the pin pins.toml would hold."""
    pin: Pin = record_of(pins_from, PIN, table)
    return pin
