"""journal.jsonl: every change the tool made to the files of records, appended.

One JSON object per line, never rewritten. Besides the contract's fields (``at``,
``user``, ``action``, ``file``, ``date``, ``before``, ``after``) a line carries ``id``
(``undo`` names what it undid by it, in ``undoes``), ``base`` (the SHA-256 of the file the
change was made to, null when there was none) and ``sha256`` (of the file the change wrote).

The order of a change makes it write-ahead: the new file is written beside the old one
and flushed, then its line is appended and flushed, then the new file is renamed over
the old. A kill before the line leaves the old file and no line; a kill after the rename
leaves both. A kill between the two leaves a line whose change is *pending*: the
temporary file still holds the new content (its hash is in the line) and the file still
holds the old (its hash is the line's ``base``). Readers then see the change applied, and
the next writer completes the rename before anything else. Both tests look at content
alone, never at an inode or a time, so a home copied, moved or restored after the crash
completes the change too; neither matches once someone edits the file by hand, so a hand
edit is never overwritten.

The journal is read a line at a time (from its end, for ``undo``, ``log`` and a pending change), so
memory stays bounded whatever its size; a line over ``MAX_LINE_BYTES`` is damaged.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import IO, Any, Literal, TypedDict, get_args

from apel_rotasi.errors import UserError, reason
from apel_rotasi.records import KINDS
from apel_rotasi.store import files, safewrite

JOURNAL_FILE = "journal.jsonl"
Action = Literal[
    "record",
    "edit",
    "delete",
    "pin",
    "unpin",
    "finding_add",
    "finding_done",
    "finding_edit",
    "undo",
]
ACTIONS: tuple[Action, ...] = get_args(Action)
CHUNK = 64 * 1024  # bytes read at a time from the journal's end
MAX_LINE_BYTES = 1024 * 1024  # a longer line is no record the tool wrote: damaged


class Line(TypedDict, total=False):
    """One line of the journal, as JSON (dates as ISO text)."""

    at: str
    user: str
    action: Action
    file: str
    date: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    id: str
    undoes: str
    base: str | None
    sha256: str


def journal_path(home: Path) -> Path:
    return home / JOURNAL_FILE


def user_name() -> str:
    """The operating system's user name (``getpass`` reads the usual variables, then the
    password database), or ``?`` when none can be found."""
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # getpass raises whatever its last resort raises
        return "?"


def new_line(
    action: Action,
    file: str,
    at: str,
    day: dt.date,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    undoes: str | None = None,
) -> Line:
    kind = KINDS[file]
    line: Line = {
        "at": at,
        "user": user_name(),
        "action": action,
        "file": file,
        "date": day.isoformat(),
        "before": kind.to_json(before) if before is not None else None,
        "after": kind.to_json(after) if after is not None else None,
        "id": os.urandom(8).hex(),
    }
    if undoes is not None:
        line["undoes"] = undoes
    return line


def file_digest(path: Path) -> str | None:
    """The hash of the file's content (through a trusted link), None when there is none."""
    content = files.read_file(path)
    return None if content is None else files.digest(content)


# --- reading ---------------------------------------------------------------------------------


class Damaged(Exception):
    """A complete JSON line that is no journal record (mangled or forged): ``undo`` stops
    there rather than pass it by and take back an older change."""


def parse_line(raw: bytes) -> Line | None:
    """A line as a journal record, or None when it is no JSON (a line torn by a crash, or
    nested beyond any record: its change never took place). The records it holds are
    checked by their file's reader when ``undo`` would restore one."""
    import json

    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        raise Damaged
    texts = ("at", "user", "date", "id")
    if not all(isinstance(data.get(key), str) for key in texts):
        raise Damaged
    if data.get("action") not in ACTIONS or data.get("file") not in KINDS:
        raise Damaged
    for key in ("before", "after"):
        if key not in data or not (data[key] is None or isinstance(data[key], dict)):
            raise Damaged
    if data["action"] == "undo" and not isinstance(data.get("undoes"), str):
        raise Damaged
    with suppress(ValueError):
        dt.date.fromisoformat(data["date"])
        dt.datetime.fromisoformat(data["at"])
        return data  # type: ignore[return-value]
    raise Damaged


def _line(raw: bytes | None) -> Line | None:
    """A line as a journal record, or None when it is not a complete one."""
    if raw is None or not raw.strip():
        return None
    try:
        return parse_line(raw)
    except Damaged:
        return None


class Lines:
    """The journal's complete lines, read one at a time whichever way they are walked:
    oldest first, or newest first (``reversed``) from its end. ``log`` walks them newest
    first and holds none of them, only the rows it makes."""

    def __init__(self, home: Path) -> None:
        self.home = home

    def __iter__(self) -> Iterator[Line]:
        return (line for _, line in numbered(self.home) if line is not None)

    def __reversed__(self) -> Iterator[Line]:
        return backward(self.home)


def damaged(home: Path) -> Iterator[int]:
    """The numbers of the lines that are not a complete record (for ``check``), read a
    line at a time."""
    return (number for number, line in numbered(home) if line is None)


def numbered(home: Path) -> Iterator[tuple[int, Line | None]]:
    """Each line that is not blank with its number, oldest first: the record, or None when
    it is not a complete one. One line at a time is held, and at most ``MAX_LINE_BYTES``
    of it."""
    path = journal_path(home)
    descriptor = files.open_file(path)
    if descriptor is None:
        return
    with os.fdopen(descriptor, "rb") as handle:
        for number, raw in enumerate(_read(path, handle, _forward), 1):
            if raw is None or raw.strip():
                yield number, _line(raw)


def backward(home: Path) -> Iterator[Line]:
    """The journal's complete lines, newest first."""
    for _, raw in _from_end(home):
        line = _line(raw)
        if line is not None:
            yield line


def _from_end(home: Path) -> Iterator[tuple[int, bytes | None]]:
    """Every line of the journal, newest first, with how many lines came after it, read
    from the end a chunk at a time: the cost follows how far back one looks, not how long
    the journal is."""
    path = journal_path(home)
    descriptor = files.open_file(path)
    if descriptor is None:
        return
    with os.fdopen(descriptor, "rb") as handle:
        yield from enumerate(_read(path, handle, _backward))


def line_number(home: Path, after: int) -> int:
    """The number of the line that ``after`` lines follow (counted only to name a line in
    a message: it reads the whole journal)."""
    descriptor = files.open_file(journal_path(home))
    newlines = 0
    if descriptor is not None:
        with os.fdopen(descriptor, "rb") as handle:
            while chunk := handle.read(CHUNK):
                newlines += chunk.count(b"\n")
    return newlines + 1 - after


def _read(
    path: Path, handle: IO[bytes], lines: Callable[[IO[bytes]], Iterator[bytes | None]]
) -> Iterator[bytes | None]:
    """The lines that ``lines`` reads, with a failed read as an error naming the journal."""
    try:
        yield from lines(handle)
    except OSError as error:
        raise UserError("file_unreadable", path=path, reason=reason(error)) from None


def _forward(handle: IO[bytes]) -> Iterator[bytes | None]:
    """Every line, oldest first (None for one over ``MAX_LINE_BYTES``, skipped unread)."""
    while raw := handle.readline(MAX_LINE_BYTES + 1):
        if len(raw) <= MAX_LINE_BYTES or raw.endswith(b"\n"):
            yield raw
            continue
        while raw and not raw.endswith(b"\n"):
            raw = handle.readline(CHUNK)
        yield None


def _backward(handle: IO[bytes]) -> Iterator[bytes | None]:
    """Every line, newest first (None for one over ``MAX_LINE_BYTES``, whose pieces are
    dropped as they come). Each byte is read once."""
    end = handle.seek(0, os.SEEK_END)
    tail: list[bytes] = []  # the pieces of the line being gathered, the rightmost first
    size = 0
    while end > 0:
        start = max(0, end - CHUNK)
        handle.seek(start)
        pieces = handle.read(end - start).split(b"\n")
        end = start
        for piece in reversed(pieces[1:]):
            yield _joined(piece, tail, size)
            tail, size = [], 0
        size += len(pieces[0])
        if size <= MAX_LINE_BYTES:
            tail.append(pieces[0])
        else:
            tail.clear()
    yield _joined(b"", tail, size)


def _joined(first: bytes, tail: list[bytes], size: int) -> bytes | None:
    if size + len(first) > MAX_LINE_BYTES:
        return None
    return first + b"".join(reversed(tail))


def last_change(home: Path, file: str) -> Line | None:
    """The newest line about ``file``."""
    return next((line for line in backward(home) if line["file"] == file), None)


def to_undo(home: Path) -> tuple[Line, int] | None:
    """The newest change not yet undone, and how many lines follow it (an ``undo`` is
    itself never undone: ``undo`` again goes one change further back). A complete line
    that is no record on the way is an error naming it: passing it by would take back an
    older change."""
    undone: set[str] = set()
    for after, raw in _from_end(home):
        try:
            line = parse_line(raw) if raw is not None and raw.strip() else None
        except Damaged:
            number = line_number(home, after)
            raise UserError("journal_line_damaged", path=journal_path(home), line=number) from None
        if line is None:
            continue
        if line["action"] == "undo":
            undone.add(line["undoes"])
        elif line["id"] not in undone:
            return line, after
    return None


def pending(home: Path, path: Path) -> Line | None:
    """The change to ``path`` whose line was appended but whose file was never renamed
    into place (see the module's note), or None. Costs a look at the temporary file's name
    when there is none. A link there is none either (the tool never makes one, and the next
    write removes it); a FIFO, a device or a folder there is an error."""
    temporary = safewrite.temporary_path(files.resolve(path))
    if os.path.islink(temporary):
        return None
    content = files.read_file(temporary, follow=False)
    if content is None:
        return None
    line = last_change(home, path.name)
    if line is None or line.get("sha256") != files.digest(content):
        return None
    return line if line.get("base", "") == file_digest(path) else None


# --- writing ---------------------------------------------------------------------------------


def append(home: Path, line: Line) -> None:
    """Append ``line`` and flush it to disk. A torn last line left by a crash stays (it is
    never rewritten); the new line starts on a line of its own."""
    import json

    path = journal_path(home)
    data = json.dumps(line, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
    created = not os.path.lexists(path)
    flags = os.O_RDWR | os.O_APPEND | os.O_CREAT
    descriptor = files.open_file(path, flags, failed="write_failed")
    assert descriptor is not None  # created when missing
    try:
        info = os.fstat(descriptor)
        if info.st_size:
            os.lseek(descriptor, -1, os.SEEK_END)
            if os.read(descriptor, 1) != b"\n":
                data = b"\n" + data
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        os.fsync(descriptor)
    except OSError as error:
        raise UserError("write_failed", path=str(path), reason=reason(error)) from None
    finally:
        os.close(descriptor)
    if created:
        safewrite.sync_folder(path.parent)
