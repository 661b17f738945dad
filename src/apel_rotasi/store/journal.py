"""journal.jsonl: every change the tool made to the files of records, appended.

One JSON object per line, never rewritten. Besides the contract's fields (``at``,
``user``, ``action``, ``file``, ``date``, ``before``, ``after``) a line carries ``id``
(``undo`` names what it undid by it, in ``undoes``), ``base`` (the identity of the file
the change was made to) and ``sha256`` (of the file the change wrote).

The order of a change makes it write-ahead: the new file is written beside the old one
and flushed, then its line is appended and flushed, then the new file is renamed over
the old. A kill before the line leaves the old file and no line; a kill after the rename
leaves both. A kill between the two leaves a line whose change is *pending*: the
temporary file still holds the new content (its hash is in the line) and the file is
untouched since (its identity is the line's ``base``). Readers then see the change
applied, and the next writer completes the rename before anything else. Neither test
matches once someone edits the file by hand, so a hand edit is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any, Literal, TypedDict, get_args

from apel_rotasi.errors import UserError
from apel_rotasi.records import KINDS
from apel_rotasi.store import safewrite

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
CHUNK = 8192  # bytes read at a time from the journal's end

_APPEND = (
    os.O_RDWR
    | os.O_APPEND
    | os.O_CREAT
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO planted under the name must not hang us
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)

_READ = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


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


class Journal:
    """The whole journal as read by ``log`` and ``check``: its lines, oldest first, and
    the numbers of the lines that are not a complete record (torn by a crash, or mangled)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines: list[Line] = []
        self.bad: list[int] = []


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


def identity(path: Path) -> str | None:
    """What tells one version of a file from another (through a link), None when absent."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return f"{info.st_ino}:{info.st_mtime_ns}:{info.st_size}"


def digest(content: bytes) -> str:
    import hashlib  # OpenSSL loads with it: only a write needs the hash

    return hashlib.sha256(content).hexdigest()


# --- reading ---------------------------------------------------------------------------------


class Damaged(Exception):
    """A complete JSON line that is no journal record (mangled or forged): ``undo`` stops
    there rather than pass it by and take back an older change."""


def parse_line(raw: bytes) -> Line | None:
    """A line as a journal record, or None when it is no JSON (a line torn by a crash:
    its change never took place). The records it holds are checked by their file's
    reader when ``undo`` would restore one."""
    import json

    try:
        data = json.loads(raw)
    except ValueError:
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


def _line(raw: bytes) -> Line | None:
    """A line as a journal record, or None when it is not a complete one."""
    try:
        return parse_line(raw)
    except Damaged:
        return None


def read_journal(home: Path) -> Journal:
    """Every line of the journal (for ``log`` and ``check``, never on a command's hot path)."""
    journal = Journal(journal_path(home))
    data = _read_bytes(journal.path)
    if data is None:
        return journal
    raws = data.split(b"\n")
    for number, raw in enumerate(raws, 1):
        if not raw.strip():
            continue
        line = _line(raw)
        if line is None:
            journal.bad.append(number)
        else:
            journal.lines.append(line)
    return journal


def _read_bytes(path: Path) -> bytes | None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise UserError("file_unreadable", path=path, reason=_reason(error)) from None
    if not stat.S_ISREG(info.st_mode):
        raise UserError("file_not_regular", path=path)
    try:
        return path.read_bytes()
    except OSError as error:
        raise UserError("file_unreadable", path=path, reason=_reason(error)) from None


def backward(home: Path) -> Iterator[Line]:
    """The journal's complete lines, newest first."""
    for _, raw in _from_end(home):
        line = _line(raw)
        if line is not None:
            yield line


def _from_end(home: Path) -> Iterator[tuple[int, bytes]]:
    """The journal's lines that are not blank, newest first, with the offset each begins
    at, read from the end a chunk at a time: the cost follows how far back one looks, not
    how long the journal is."""
    path = journal_path(home)
    try:
        descriptor = os.open(path, _READ)
    except FileNotFoundError:
        return
    except OSError as error:
        raise UserError("file_unreadable", path=path, reason=_reason(error)) from None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise UserError("file_not_regular", path=path)
        end = handle.seek(0, os.SEEK_END)
        rest = b""
        while end > 0:
            start = max(0, end - CHUNK)
            handle.seek(start)
            pieces = (handle.read(end - start) + rest).split(b"\n")
            offsets = [start]
            for piece in pieces[:-1]:
                offsets.append(offsets[-1] + len(piece) + 1)
            end = start
            rest = pieces[0]
            for raw, offset in zip(reversed(pieces[1:]), reversed(offsets[1:]), strict=True):
                if raw.strip():
                    yield offset, raw
        if rest.strip():
            yield 0, rest


def line_number(home: Path, offset: int) -> int:
    """The number of the line that begins at ``offset`` (counted only to name a line in a
    message: it reads the journal up to there)."""
    newlines = 0
    with journal_path(home).open("rb") as handle:
        while offset > 0:
            chunk = handle.read(min(CHUNK, offset))
            if not chunk:
                break
            newlines += chunk.count(b"\n")
            offset -= len(chunk)
    return newlines + 1


def last_change(home: Path, file: str) -> Line | None:
    """The newest line about ``file``."""
    return next((line for line in backward(home) if line["file"] == file), None)


def to_undo(home: Path) -> tuple[Line, int] | None:
    """The newest change not yet undone, and the offset of its line (an ``undo`` is itself
    never undone: ``undo`` again goes one change further back). A complete line that is no
    record on the way is an error naming it: passing it by would take back an older change."""
    undone: set[str] = set()
    for offset, raw in _from_end(home):
        try:
            line = parse_line(raw)
        except Damaged:
            number = line_number(home, offset)
            raise UserError("journal_line_damaged", path=journal_path(home), line=number) from None
        if line is None:
            continue
        if line["action"] == "undo":
            undone.add(line["undoes"])
        elif line["id"] not in undone:
            return line, offset
    return None


def pending(home: Path, path: Path) -> Line | None:
    """The change to ``path`` whose line was appended but whose file was never renamed
    into place (see the module's note), or None. Costs one ``stat`` when there is none."""
    temporary = safewrite.temporary_path(_real(path))
    try:
        descriptor = os.open(temporary, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        content = handle.read()
    line = last_change(home, path.name)
    if line is None or line.get("sha256") != digest(content):
        return None
    return line if line.get("base", "") == identity(path) else None


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path)) if path.is_symlink() else path


# --- writing ---------------------------------------------------------------------------------


def append(home: Path, line: Line) -> None:
    """Append ``line`` and flush it to disk. A torn last line left by a crash stays (it is
    never rewritten); the new line starts on a line of its own."""
    import json

    path = journal_path(home)
    data = json.dumps(line, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
    created = not os.path.lexists(path)
    try:
        descriptor = safewrite.retrying(lambda: os.open(path, _APPEND, 0o666))
    except OSError as error:
        if safewrite.held(error):
            raise UserError("file_held", path=str(path)) from None
        raise UserError("write_failed", path=str(path), reason=_reason(error)) from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise UserError("write_not_a_file", path=str(path))
        if info.st_size:
            os.lseek(descriptor, -1, os.SEEK_END)
            if os.read(descriptor, 1) != b"\n":
                data = b"\n" + data
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        os.fsync(descriptor)
    except OSError as error:
        raise UserError("write_failed", path=str(path), reason=_reason(error)) from None
    finally:
        os.close(descriptor)
    if created:
        safewrite.sync_folder(path.parent)


def _reason(error: OSError) -> str:
    return error.strerror or str(error)
