"""What history.toml and pins.toml share: dated tables, one per date, in date order,
naming kecamatan and leaders that the roster should have."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from apel_rotasi.errors import UserError
from apel_rotasi.model import Roster
from apel_rotasi.store.toml import Key, Reader


class DatedFile:
    """What ``check`` says about a dated file beyond its usable content."""

    def __init__(self) -> None:
        self.problems: list[UserError] = []  # errors: the file is unusable
        self.notes: list[UserError] = []  # references the roster lacks
        self.unordered: list[UserError] = []  # dates out of order


def read_dated(
    reader: Reader, data: dict[str, Any], name: str, keys: Sequence[Key], found: DatedFile
) -> list[tuple[int, dict[str, Any]]]:
    """The valid values of every ``[[name]]`` table that has a date, by table index."""
    for key in data:
        if key != name:
            reader.problem("only_tables_here", reader.lines.key(None, 0, key), key=key, name=name)
    dates: dict[dt.date, int] = {}
    previous: dt.date | None = None
    tables = []
    for index, table in reader.tables(data, name):
        values = reader.read(table, name, index, keys)
        day = values.get("date")
        if day is None:
            continue
        if day in dates:
            line = reader.lines.table(name, index)
            reader.problem(
                "second_on_date", line, name=name, date=day.isoformat(), other=dates[day]
            )
        dates[day] = index + 1
        if previous is not None and day < previous:
            found.unordered.append(
                UserError(
                    "not_in_date_order",
                    path=reader.path,
                    line=reader.lines.table(name, index),
                    name=name,
                    date=day.isoformat(),
                    previous=previous.isoformat(),
                )
            )
        previous = day if previous is None else max(previous, day)
        tables.append((index, values))
    return tables


def check_references(
    reader: Reader,
    roster: Roster | None,
    name: str,
    index: int,
    values: dict[str, Any],
    found: DatedFile,
) -> None:
    """A kecamatan code or leader id the roster lacks is a note (checked only against a
    roster that loaded)."""
    if roster is None:
        return
    code, leader = values.get("kecamatan"), values.get("leader")
    if code is not None and roster.kecamatan_by_code(code) is None:
        line = reader.lines.key(name, index, "kecamatan")
        found.notes.append(UserError("unknown_code", path=reader.path, line=line, code=code))
    if leader is not None and roster.leader_by_id(leader) is None:
        line = reader.lines.key(name, index, "leader")
        found.notes.append(UserError("unknown_leader_id", path=reader.path, line=line, id=leader))


def tables_text(name: str, tables: Sequence[dict[str, Any]]) -> str:
    """One ``[[name]]`` table per entry (tomli-w alone would write a short list inline)."""
    import tomli_w

    return "\n".join(f"[[{name}]]\n{tomli_w.dumps(table)}" for table in tables)
