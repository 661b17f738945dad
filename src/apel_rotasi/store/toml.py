"""Reading a TOML file of the home: its parsed data (through the parse cache), the lines
of its tables and keys for messages, and one declarative walk over a table's keys.

Every reader collects its problems instead of stopping at the first, so that ``check``
reports them all at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from apel_rotasi import bounds
from apel_rotasi.errors import Problems, UserError
from apel_rotasi.messages import Message
from apel_rotasi.parse import CONTROL, UNSHOWABLE
from apel_rotasi.records import Field
from apel_rotasi.records import is_text as is_text
from apel_rotasi.store import files
from apel_rotasi.store.recall import keep, recall


class Lines:
    """Where tables and keys stand in a TOML text, to name lines in messages."""

    def __init__(self, text: str):
        self.lines = text.splitlines()
        self.headers: dict[str, list[int]] = {}
        for number, line in enumerate(self.lines, 1):
            found = re.match(r"^\s*\[\[?\s*([A-Za-z0-9_.-]+)\s*\]\]?", line)
            if found:
                self.headers.setdefault(found.group(1), []).append(number)

    def table(self, name: str, index: int = 0) -> int | None:
        numbers = self.headers.get(name, [])
        return numbers[index] if index < len(numbers) else None

    def key(self, table: str | None, index: int, key: str) -> int | None:
        """The line of ``key =`` in the index-th ``[table]`` (or of ``table.key =``); at
        the top, also ``[key]``."""
        if table is None and key in self.headers:
            return self.headers[key][0]
        start = self.table(table, index) if table else 0
        if start is None:  # no [table] header: the table may be written as dotted keys
            dotted = re.compile(rf"^\s*{re.escape(table or '')}\s*\.\s*{re.escape(key)}\s*[=.]")
            found = [n for n, line in enumerate(self.lines, 1) if dotted.match(line)]
            return found[0] if found else None
        for number in range(start + 1, len(self.lines) + 1):
            line = self.lines[number - 1]
            if re.match(r"^\s*\[", line) and table:
                break
            if re.match(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*[=.]", line):
                return number
        return start or None


class TableLines:
    """The line each record's table begins on, by the record's key, worked out only when a
    message asks: a file without problems is never mapped."""

    def __init__(self, reader: Reader, table: str) -> None:
        self.reader = reader
        self.table = table
        self.index: dict[Any, int] = {}  # the record's table, numbered from 0

    def get(self, key: Any) -> int | None:
        index = self.index.get(key)
        return None if index is None else self.reader.lines.table(self.table, index)


Key = Field  # a key of a table: the fields of records, and the roster's keys


def where(table: str, index: int) -> str:
    """How messages name a table: ``[rotation]`` or ``[[kecamatan]] #3``."""
    return f"[{table}]" if table == "rotation" else f"[[{table}]] #{index + 1}"


class Reader:
    """Reads one TOML file of the home and collects what is wrong with it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[UserError] = []

    def parse(self) -> dict[str, Any] | None:
        """The file's TOML (None when there is no file), from the parse cache when these
        very bytes were parsed or written before: it spares importing tomllib."""
        content = self.content
        if content is None:
            return None
        data = recall("toml", content)
        if not isinstance(data, dict):
            data = self._parse_text()
            remember(content, data)
        return data

    @cached_property
    def content(self) -> bytes | None:
        """The file's bytes, None when there is no file. A folder, a FIFO, a device, a
        dangling link, another user's link or a file too large is an error at once
        (``store.files``)."""
        return files.read_file(self.path)

    @cached_property
    def text(self) -> str:
        """The file's text; a byte-order mark at the start is allowed and dropped."""
        data = self.content or b""
        try:
            return data.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise UserError("file_not_utf8", path=self.path, line=line) from None

    def _parse_text(self) -> dict[str, Any]:
        import tomllib

        try:
            data = tomllib.loads(self.text)
        except RecursionError:
            line = len(self.text.splitlines()) or None
            raise UserError("toml_too_deep", path=self.path, line=line) from None
        except tomllib.TOMLDecodeError as error:
            message = str(error)
            at = re.search(r"\(at line (\d+), column (\d+)\)", message)
            line = int(at.group(1)) if at else (len(self.text.splitlines()) or None)
            column = int(at.group(2)) if at else 1
            reason = re.sub(r"\s*\(at .*?\)", "", message) or "invalid TOML"
            raise UserError(  # tomllib says why in English: quoted as the parser's words
                "toml_invalid", path=self.path, line=line, column=column, reason=reason
            ) from None
        return data

    @cached_property
    def lines(self) -> Lines:
        """Where things stand in the text; worked out only when a problem needs a line."""
        return Lines(self.text)

    def problem(
        self, kind: str, line: int | None = None, *, key: str | None = None, **params: object
    ) -> None:
        self.problems.append(UserError(kind, path=self.path, line=line, key=key, **params))

    def tables(self, data: dict[str, Any], name: str) -> list[tuple[int, dict[str, Any]]]:
        """The ``[[name]]`` tables of the file, numbered from 0."""
        value = data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(t, dict) for t in value):
            self.problem("not_table_list", self.lines.key(None, 0, name), name=name)
            return []
        return list(enumerate(value))

    def read(
        self, table: dict[str, Any], name: str, index: int, keys: Sequence[Key]
    ) -> dict[str, Any]:
        """The table's valid values by key; every unknown, missing or bad key a problem."""
        known = {key.name for key in keys}
        for key_name in [k for k in table if k not in known]:
            self.problem(
                "unknown_key",
                self.lines.key(name, index, key_name),
                key=key_name,
                where=where(name, index),
                allowed=sorted(known),
            )
        values: dict[str, Any] = {}
        for key in keys:
            if key.name not in table:
                if key.required:
                    line = self.lines.table(name, index)
                    self.problem("missing_key", line, key=key.name, where=where(name, index))
                continue
            value = table[key.name]
            if _fits(value, key):
                values[key.name] = value
            else:
                self.problem(
                    "bad_value",
                    self.lines.key(name, index, key.name),
                    key=key.name,
                    where=where(name, index),
                    value=_shown(value),
                    allowed=Message(key.allowed, {**bounds.span()}),
                )
        return values

    def raise_problems(self) -> None:
        if self.problems:
            raise Problems(self.problems)


def _fits(value: Any, key: Key) -> bool:
    """Whether a parsed value is one the key allows. Its type must be the key's own: TOML's
    types are distinct, so a boolean is no number and a date-time no date."""
    kinds = key.kind if isinstance(key.kind, tuple) else (key.kind,)
    if type(value) not in kinds:
        return False
    if type(value) is dt.date and not bounds.in_bounds(value):
        return False
    return key.check is None or key.check(value)


def _shown(value: Any) -> str:
    """A value as TOML would write it, cut short, for a message."""
    if isinstance(value, str):
        text = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, dt.date | dt.time):
        text = value.isoformat()
    else:
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def is_name(value: Any) -> bool:
    """Text on one line that is not blank, without control characters: a name or a title,
    shown in tables, messages and calendars alike."""
    return is_text(value) and not UNSHOWABLE.search(value)


def is_printable(value: Any) -> bool:
    """Text without control characters (line breaks and tabs are text)."""
    return isinstance(value, str) and not CONTROL.search(value)


def remember(content: bytes, data: dict[str, Any]) -> None:
    """Keep what ``content`` parses to: read back, or written by the tool itself."""
    keep("toml", content, data)
