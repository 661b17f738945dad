"""What the files of records share: tables of dated records in date order, naming
kecamatan and leaders that the roster should have, and their reading of a text that a
change would write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from apel_rotasi.errors import Problems, UserError
from apel_rotasi.model import Roster
from apel_rotasi.records import Kind
from apel_rotasi.store.toml import Key, Reader


class DatedFile:
    """What ``check`` says about a dated file beyond its usable content."""

    def __init__(self) -> None:
        self.problems: list[UserError] = []  # errors: the file is unusable
        self.notes: list[UserError] = []  # references the roster lacks
        self.unordered: list[UserError] = []  # dates out of order

    @property
    def items(self) -> Sequence[Any]:
        """The usable records, in order."""
        return ()


F = TypeVar("F", bound=DatedFile)


class TextReader(Reader):
    """Reads ``text`` as if it were the file at ``path``: a change that does not come from
    the tool's own commands (a record ``undo`` restores from the journal) is read by the
    file's own reader before it is written."""

    def __init__(self, path: Path, text: str) -> None:
        super().__init__(path)
        self.__dict__["text"] = text  # where the ``text`` property keeps what it read

    def parse(self) -> dict[str, Any] | None:
        return self._parse_text()


def read_tables(
    read: Callable[[Reader, Roster | None], F],
    kind: Kind,
    path: Path,
    tables: Sequence[dict[str, Any]],
    roster: Roster | None,
) -> F:
    """What the file's reader ``read`` makes of ``tables`` written as the file at ``path``."""
    return read(TextReader(path, tables_text(kind.table, tables)), roster)


def record_of(read: Callable[[Reader, Roster | None], F], kind: Kind, table: dict[str, Any]) -> Any:
    """A journal's table as the record its file would hold; a table the file's reader
    refuses is an error."""
    found = read_tables(read, kind, Path(kind.file), [kind.from_json(table)], None)
    if found.problems or not found.items:
        raise Problems(found.problems)
    return found.items[0]


def read_dated(
    reader: Reader, data: dict[str, Any], name: str, keys: Sequence[Key], found: DatedFile
) -> list[tuple[int, dict[str, Any], dict[str, Any]]]:
    """Every ``[[name]]`` table that has a date: its index, the table as the file holds it
    (a key with a bad value is there, though not valid) and its valid values."""
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
        tables.append((index, table, values))
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


def appended_text(name: str, text: bytes, table: dict[str, Any]) -> bytes:
    """What ``tables_text`` writes for the tables of ``text`` and one more, when ``text``
    is what it wrote for one table or more."""
    import tomli_w

    return text + f"\n[[{name}]]\n{tomli_w.dumps(table)}".encode()


def tables_data(name: str, tables: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """What tomllib reads back from ``tables_text(name, tables)``: the tables, as given."""
    return {name: list(tables)} if tables else {}
