"""pins.toml: decisions about coming dates, one per date, in date order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from apel_rotasi.model import Pin, Roster
from apel_rotasi.store.dated import DatedFile, check_references, read_dated, tables_text
from apel_rotasi.store.toml import Key, Reader, is_text

PINS_FILE = "pins.toml"
PIN_KEYS = (
    Key("date", dt.date, "allowed_date", required=True),
    Key("kecamatan", str, "allowed_code"),
    Key("leader", str, "allowed_leader_id"),
    Key("cancel", str, "allowed_reason", check=is_text),
    Key("note", str, "allowed_text"),
)


class Pins(DatedFile):
    """pins.toml as read: its pins, and what ``check`` reports about it."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.pins: list[Pin] = []


def pins_path(home: Path) -> Path:
    return home / PINS_FILE


def read_pins(home: Path, roster: Roster | None, cached: bool = True) -> Pins:
    reader = Reader(pins_path(home), cached=cached)
    pins = Pins(reader.path)
    data = reader.parse()
    if data is None:
        return pins
    for index, values in read_dated(reader, data, "pin", PIN_KEYS, pins):
        day = values["date"]
        line = reader.lines.table("pin", index)
        given = [
            key for key in ("kecamatan", "leader", "cancel", "note") if key in _raw(data, index)
        ]
        if not given:
            reader.problem("pin_fixes_nothing", line, date=day.isoformat())
            continue
        if "cancel" in given and {"kecamatan", "leader"} & set(given):
            reader.problem("pin_cancel_and_apel", line, date=day.isoformat())
            continue
        check_references(reader, roster, "pin", index, values, pins)
        pins.pins.append(
            Pin(
                day,
                values.get("kecamatan"),
                values.get("leader"),
                values.get("cancel"),
                values.get("note"),
            )
        )
    pins.problems = reader.problems
    pins.pins.sort(key=lambda p: p.date)
    return pins


def _raw(data: dict[str, Any], index: int) -> dict[str, Any]:
    tables = data.get("pin", [])
    return tables[index] if isinstance(tables, list) and index < len(tables) else {}


def pin_table(pin: Pin) -> dict[str, Any]:
    """A pin as its ``[[pin]]`` table (also the journal's record of it)."""
    fields = [
        ("date", pin.date),
        ("kecamatan", pin.kecamatan),
        ("leader", pin.leader),
        ("cancel", pin.cancel),
        ("note", pin.note),
    ]
    return {key: value for key, value in fields if value is not None}


def pins_text(pins: list[Pin]) -> str:
    return tables_text("pin", [pin_table(p) for p in sorted(pins, key=lambda p: p.date)])
