"""The one way a file of the home is opened, whatever its name.

A home may be a folder that others can write (a group's share), so nothing found in it is
trusted:

- a file is opened only when it is a regular one, found out without blocking
  (``O_NONBLOCK``, then ``fstat``): a FIFO, a device or a folder is refused at once,
  never read and never waited on;
- a link is followed only where the tool expects one (a data file the user linked to a
  share) and only when every link on the way belongs to the user running the tool or to
  root, as Linux's ``protected_symlinks`` decides in shared folders; a link where the tool
  keeps a file of its own (a temporary file, a lock, ``init``'s roster) is never followed;
- what is read is bounded in size.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from apel_rotasi.errors import UserError, reason

MAX_FILE_BYTES = 64 * 1024 * 1024
"""A home file larger than this is refused rather than read into memory."""
MAX_LINKS = 40  # links followed in a chain before giving up, as the kernel does
# How long a file held by another program (a virus scanner, an indexer, a sync client) is
# waited for, and the longest pause between two tries.
HELD_RETRY_SECONDS = 5.0
HELD_MAX_PAUSE_SECONDS = 0.5
# Windows' answers while another program has the file open: access denied, sharing
# violation, lock violation (errno says only "permission denied"; winerror tells).
HELD_WINERRORS = frozenset({5, 32, 33})
T = TypeVar("T")

_OPEN = (
    getattr(os, "O_NOFOLLOW", 0)  # the last name is never a link: links are followed by hand
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO must not hang the open
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def resolve(path: Path, *, follow: bool = True) -> Path:
    """The file that ``path`` stands for: ``path`` itself, or the end of its chain of
    trusted links. A link that ``follow`` forbids, that another user owns, or that leads
    nowhere is an error naming it."""
    current = path
    for _ in range(MAX_LINKS):
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            if current is path:
                return path
            raise UserError("file_dangling_link", path=path) from None
        except OSError as error:
            raise UserError("file_unreadable", path=path, reason=reason(error)) from None
        if not stat.S_ISLNK(info.st_mode):
            return current
        if not follow:
            raise UserError("link_not_followed", path=current)
        if not trusted(info):
            raise UserError("link_of_another_user", path=current, owner=info.st_uid)
        current = current.parent / os.readlink(current)
    raise UserError("file_dangling_link", path=path)


def trusted(info: os.stat_result) -> bool:
    """Whether a link may be followed: it belongs to the user running the tool, or to root
    (on a system without users, every link does)."""
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid in (0, getuid())


def status(path: Path, *, follow: bool = True) -> os.stat_result | None:
    """The status of the regular file ``path`` stands for, None when there is none."""
    real = resolve(path, follow=follow)
    try:
        info = os.lstat(real)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise UserError("file_unreadable", path=path, reason=reason(error)) from None
    if not stat.S_ISREG(info.st_mode):
        raise UserError("file_not_regular", path=path)
    return info


def open_file(
    path: Path, flags: int = os.O_RDONLY, *, follow: bool = True, failed: str = "file_unreadable"
) -> int | None:
    """A descriptor of the regular file ``path`` stands for (None when there is none, and
    ``flags`` do not create it). ``failed`` is the message of a system's refusal."""
    real = resolve(path, follow=follow)
    try:
        descriptor = retrying(lambda: os.open(real, flags | _OPEN, 0o666))  # umask decides
    except FileNotFoundError:
        if real is not path:  # the link's file went away since: a share unmounted
            raise UserError("file_dangling_link", path=path) from None
        return None
    except OSError as error:
        if error.errno == errno.ELOOP:  # a link put in place since it was looked at
            raise UserError("link_not_followed", path=path) from None
        if error.errno == errno.EISDIR:
            raise UserError("file_not_regular", path=path) from None
        if held(error):
            raise UserError("file_held", path=str(path)) from None
        raise UserError(failed, path=path, reason=reason(error)) from None
    try:
        regular = stat.S_ISREG(os.fstat(descriptor).st_mode)
    except OSError as error:
        os.close(descriptor)
        raise UserError(failed, path=path, reason=reason(error)) from None
    if not regular:
        os.close(descriptor)
        raise UserError("file_not_regular", path=path)
    return descriptor


def read_file(path: Path, *, follow: bool = True, limit: int = MAX_FILE_BYTES) -> bytes | None:
    """The bytes of the regular file ``path`` stands for (None when there is none); a file
    over ``limit`` bytes is an error."""
    descriptor = open_file(path, follow=follow)
    if descriptor is None:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        size = os.fstat(descriptor).st_size
        if size > limit:
            raise UserError("file_too_large", path=path, size=size)
        try:
            data = handle.read(limit + 1)
        except OSError as error:
            raise UserError("file_unreadable", path=path, reason=reason(error)) from None
    if len(data) > limit:  # it grew while being read
        raise UserError("file_too_large", path=path, size=len(data))
    return data


def retrying(action: Callable[[], T]) -> T:
    """Run ``action``, trying again with growing pauses while another program holds the file."""
    deadline = time.monotonic() + HELD_RETRY_SECONDS
    pause = 0.01
    while True:
        try:
            return action()
        except OSError as error:
            if not held(error) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, HELD_MAX_PAUSE_SECONDS)


def held(error: OSError) -> bool:
    """Whether Windows refused because another program has the file open."""
    return isinstance(error, PermissionError) and getattr(error, "winerror", None) in HELD_WINERRORS


def digest(content: bytes) -> str:
    """A version of a file by its content's SHA-256: the journal's ``base`` and ``sha256``,
    and what tells a writer that the file it read is still the one on disk."""
    import hashlib  # OpenSSL loads with it: only a change or a file parsed anew needs it

    return hashlib.sha256(content).hexdigest()
