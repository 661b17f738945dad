"""Safe writes: a lock beside the file, a new temporary file, fsync, then an atomic rename.

A home may be a folder shared by a group, on a network or on Windows, where others (people,
a virus scanner, a sync client, a careless colleague) touch the same files. So:

- a temporary file is always created new (``O_EXCL``), never opened through a link planted
  under its name; a stale one left by a crash is removed (the link itself, never its target);
- ``history.toml`` and ``pins.toml`` use one fixed temporary name, written under the lock, so
  a crash leaves at most one, reused next time; an ``--output`` file has no lock, so each
  writer takes a name of its own and the last rename wins, whole;
- a file of the home that is a link is written through (the file it points to is replaced
  in its own folder and the link stays) only when ``store.files`` trusts the link; ``init``
  replaces a link itself; a lock or a temporary file is never opened through a link, nor
  when it is a FIFO, a device or a folder;
- an ``--output`` that is not a regular file (a FIFO, a terminal, ``/dev/stdout``) is
  written into, never replaced;
- a new file gets the umask's permissions, a replaced one keeps its own;
- on Windows a file briefly held by another program is retried before giving up.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from apel_rotasi.errors import UserError, reason
from apel_rotasi.messages import info, say_now
from apel_rotasi.store import files
from apel_rotasi.store.files import held, retrying

LOCK_TIMEOUT_SECONDS = 60
# Tries at a new temporary file before giving up: something keeps putting one back.
CREATE_ATTEMPTS = 8

# Created new, never through a link; binary on Windows, where os.open defaults to text mode.
_CREATE = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
# 0o666: the umask decides, so a group folder with umask 002 gets group-writable files.
_NEW_FILE_MODE = 0o666


def lock_path(path: Path) -> Path:
    return path.with_name(f"{path.name}.lock")


def temporary_path(path: Path) -> Path:
    """The one temporary file a locked write uses: a crash leaves at most this one."""
    return path.with_name(f".{path.name}.tmp")


def _own_temporary_path(path: Path) -> Path:
    """A temporary name no concurrent writer of the same unlocked file can share."""
    return path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp")


@contextmanager
def locked(path: Path, *, follow: bool = True) -> Iterator[None]:
    """Hold the lock beside ``path`` (or beside the file its trusted link leads to, unless
    ``follow`` is False) across a whole read-modify-write.

    The lock file is created with the umask's permissions (filelock leaves them to the
    system when no mode is given), so whoever may write a shared folder may also lock it.
    A body that fails leaves no new lock file: the one this call created is removed while
    still held, and filelock's waiters notice the removed file and start over.
    """
    from filelock import FileLock, SoftFileLock, Timeout

    target = files.resolve(path) if follow else path
    if target != path and not target.parent.is_dir():  # a link into a share not mounted
        raise UserError("write_not_a_file", path=str(path))
    lock_file = lock_path(target)
    existed = files.status(lock_file, follow=False) is not None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(lock_file, timeout=LOCK_TIMEOUT_SECONDS)
        try:
            lock.acquire(timeout=0)
        except Timeout:  # another writer holds it: say so now, then wait
            say_now(info("write_waiting", file=target.name, seconds=LOCK_TIMEOUT_SECONDS))
            lock.acquire()
    except Timeout:
        raise UserError("write_busy", path=str(target)) from None
    except OSError as error:
        if isinstance(error, PermissionError) and os.path.lexists(lock_file):
            raise UserError("lock_not_writable", path=str(lock_file)) from None
        raise UserError(
            "folder_not_writable", path=str(target.parent), reason=reason(error)
        ) from None
    try:
        yield
    except BaseException:
        # Windows and the soft lock remove their file on release by themselves.
        if not existed and os.name == "posix" and not isinstance(lock, SoftFileLock):
            with suppress(OSError):
                os.unlink(lock_file)
        raise
    finally:
        lock.release()


def replace(
    path: Path,
    content: str | bytes,
    ready: Callable[[], None] | None = None,
    *,
    follow: bool = True,
) -> None:
    """Replace ``path`` (a file of the home) by ``content`` atomically; hold ``locked(path)``
    where others may write it. ``ready`` runs once the new content is on disk beside the
    file and before it is renamed into place (the journal's line goes there). With
    ``follow`` False a link at ``path`` is itself replaced, never written through."""
    target = files.resolve(path) if follow else path
    try:
        found: os.stat_result | None = os.lstat(target)
    except FileNotFoundError:
        found = None
    except OSError as error:
        raise UserError("write_failed", path=str(path), reason=reason(error)) from None
    if found is not None and stat.S_ISLNK(found.st_mode):  # not followed: replaced itself
        found = None
    elif found is not None and not stat.S_ISREG(found.st_mode):
        raise UserError("write_not_a_file", path=str(path))
    _replace(target, _bytes(content), temporary_path(target), found, ready)


def write_output(path: str | os.PathLike[str], content: str | bytes) -> None:
    """Write an ``--output`` file: replaced atomically when it is a regular file or missing,
    written into when it is a FIFO, a terminal or another device (``/dev/stdout``).

    ``path`` is what the user typed, as text: a trailing separator (``-o newdir/``), which
    ``pathlib`` would drop, says a folder was meant, and that is an error.
    """
    text = os.fspath(path)
    if text.endswith(tuple(s for s in (os.sep, os.altsep) if s)):
        raise UserError("output_is_folder", path=text)
    given = Path(text)
    try:
        found = os.stat(given)
    except FileNotFoundError:
        found = None
    except OSError as error:
        raise UserError("write_failed", path=text, reason=reason(error)) from None
    data = _bytes(content)
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise UserError("output_is_folder", path=text)
    if found is not None and not stat.S_ISREG(found.st_mode) and _write_into(given, data):
        return
    target = Path(os.path.realpath(given)) if given.is_symlink() else given
    _replace(target, data, None, found)


def _write_into(path: Path, data: bytes) -> bool:
    """Write into a FIFO or a device as the shell's ``>`` would, without truncating or
    replacing it. False when the name turned out to be a regular file after all."""
    try:
        descriptor = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise UserError("write_failed", path=str(path), reason=reason(error)) from None
    try:
        if stat.S_ISREG(os.fstat(descriptor).st_mode):
            return False
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    except OSError as error:
        raise UserError("write_failed", path=str(path), reason=reason(error)) from None
    finally:
        os.close(descriptor)
    return True


def _replace(
    target: Path,
    data: bytes,
    temporary: Path | None,
    found: os.stat_result | None,
    ready: Callable[[], None] | None = None,
) -> None:
    """Write ``data`` to a new temporary file beside ``target``, flush it to disk and rename
    it over ``target``. ``temporary`` is the fixed name of a locked write, or None for a
    name of this writer's own; ``found`` is the target's status, whose permissions the new
    file keeps."""
    created: Path | None = None
    try:
        descriptor, created = retrying(lambda: _create(target, temporary))
        with os.fdopen(descriptor, "wb") as handle:
            if found is not None and os.name == "posix":
                os.fchmod(handle.fileno(), stat.S_IMODE(found.st_mode))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if ready is not None:
            ready()
        new = created
        retrying(lambda: os.replace(new, target))
        created = None
    except UserError:
        if created is not None:
            with suppress(OSError):
                os.unlink(created)
        raise
    except OSError as error:
        if created is not None:
            with suppress(OSError):
                os.unlink(created)
        if held(error):
            raise UserError("file_held", path=str(target)) from None
        raise UserError("write_failed", path=str(target), reason=reason(error)) from None
    sync_folder(target.parent)


def complete(path: Path) -> None:
    """Rename the temporary file of a locked write into place: the rename a crash
    interrupted, once the journal has shown that it holds the new content."""
    target = files.resolve(path)
    try:
        retrying(lambda: os.replace(temporary_path(target), target))
    except OSError as error:
        if held(error):
            raise UserError("file_held", path=str(target)) from None
        raise UserError("write_failed", path=str(target), reason=reason(error)) from None
    sync_folder(target.parent)


def _create(target: Path, temporary: Path | None) -> tuple[int, Path]:
    """Create the temporary file new. A stale file or a planted link found under the fixed
    name is removed itself, never what it points to; a FIFO, a device or a folder there is
    refused. A unique name that is taken (which chance allows) is drawn again."""
    attempts_left = CREATE_ATTEMPTS
    while True:
        name = temporary or _own_temporary_path(target)
        try:
            return os.open(name, _CREATE, _NEW_FILE_MODE), name
        except FileExistsError:
            attempts_left -= 1
            if not attempts_left:
                raise
            if temporary is not None:
                found = os.lstat(name).st_mode
                if not (stat.S_ISREG(found) or stat.S_ISLNK(found)):
                    raise UserError("file_not_regular", path=str(name)) from None
                os.unlink(name)


def sync_folder(folder: Path) -> None:
    """Flush the folder's entry for the renamed file, where the system can (POSIX: Windows
    cannot open a folder this way). The file is in place by now: a failure here is no
    failed write."""
    if os.name != "posix":
        return
    with suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content
