"""Reading a TOML file of the home: its parsed data (through the parse cache), the lines
of its tables and keys for messages, and one declarative walk over a table's keys.

Every reader collects its problems instead of stopping at the first, so that ``check``
reports them all at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from contextlib import suppress
from functools import cached_property
from pathlib import Path
from typing import Any
from zlib import crc32

from apel_rotasi import __version__, bounds
from apel_rotasi.errors import Problems, UserError
from apel_rotasi.messages import Message
from apel_rotasi.parse import CONTROL, UNSHOWABLE
from apel_rotasi.records import Field
from apel_rotasi.records import is_text as is_text
from apel_rotasi.store import cache, files


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

    def __init__(self, path: Path, cached: bool = True) -> None:
        self.path = path
        self.problems: list[UserError] = []
        self.cached = cached  # False under a writer's lock: read the file itself
        self.content: str | None = None  # the digest of what parse() read, if a file

    def parse(self) -> dict[str, Any] | None:
        """The file's TOML (None when there is no file), from the parse cache when the
        file is unchanged since it was last parsed: it spares importing tomllib."""
        identity = self._identity()
        if identity is None:
            return None
        key = f"toml-{__version__}-{crc32(identity[0].encode()):08x}"
        stored = cache.load(key) if self.cached else None
        if (
            isinstance(stored, tuple)
            and len(stored) == 3
            and stored[0] == identity
            and isinstance(stored[1], str)
        ):
            self.content = stored[1]
            return _thawed(stored[2])  # type: ignore[no-any-return]
        data = self._parse_text()
        self.content = files.digest(self._bytes)
        with suppress(RecursionError):  # nested too deeply to cache: parse it each time
            cache.store(key, (identity, self.content, _frozen(data)))
        return data

    def _identity(self) -> tuple[str, int, int, int, int] | None:
        """What identifies this version of the file; None when it does not exist.

        A folder, a FIFO, a device, a dangling link or another user's link is an error at
        once (``store.files``): reading one would hang, eat memory, silently fall back to
        another file or read what someone else chose.
        """
        info = files.status(self.path)
        if info is None:
            return None
        if info.st_size > files.MAX_FILE_BYTES:
            raise UserError("file_too_large", path=self.path, size=info.st_size)
        return (
            str(self.path.resolve()),
            info.st_mtime_ns,
            info.st_ctime_ns,
            info.st_size,
            info.st_ino,
        )

    @cached_property
    def _bytes(self) -> bytes:
        return files.read_file(self.path) or b""

    @cached_property
    def text(self) -> str:
        """The file's text; a byte-order mark at the start is allowed and dropped."""
        data = self._bytes
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
        known = {key.name: key for key in keys}
        for key_name in table:
            if key_name not in known:
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
    kinds = key.kind if isinstance(key.kind, tuple) else (key.kind,)
    if isinstance(value, bool) and bool not in kinds:
        return False
    if isinstance(value, dt.datetime) and dt.datetime not in kinds:
        return False
    if type(value) is dt.date and not bounds.in_bounds(value):  # a datetime is refused above
        return False
    return isinstance(value, kinds) and (key.check is None or key.check(value))


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


_TAGS = {dt.datetime: "\0datetime", dt.date: "\0date", dt.time: "\0time"}
_FROM_TAG: dict[str, Callable[[str], Any]] = {
    "\0datetime": dt.datetime.fromisoformat,
    "\0date": dt.date.fromisoformat,
    "\0time": dt.time.fromisoformat,
}


def _frozen(value: Any) -> Any:
    """TOML data with dates and times as tagged ISO text, for the marshal cache."""
    if isinstance(value, dict):
        return {k: _frozen(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_frozen(v) for v in value]
    tag = _TAGS.get(type(value))
    return (tag, value.isoformat()) if tag else value


def _thawed(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _thawed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_thawed(v) for v in value]
    if isinstance(value, tuple):
        return _FROM_TAG[value[0]](value[1])
    return value
