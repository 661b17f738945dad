"""Safe replacement of a file: a lock beside it, a temporary file, fsync and rename."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from apel_rotasi.errors import UserError

LOCK_TIMEOUT_SECONDS = 60


def lock_path(path: Path) -> Path:
    return path.with_name(f"{path.name}.lock")


def temporary_path(path: Path) -> Path:
    """The one temporary file a write uses: a crash leaves at most this, reused next time."""
    return path.with_name(f".{path.name}.tmp")


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the lock beside ``path`` across a whole read-modify-write."""
    from filelock import FileLock, Timeout

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(lock_path(path), timeout=LOCK_TIMEOUT_SECONDS):
            yield
    except Timeout:
        raise UserError(f"{path} is being written by another apel-rotasi; try again") from None
    except OSError as error:
        raise UserError(f"cannot write in {path.parent}: {error.strerror or error}") from None


def replace(path: Path, content: str | bytes) -> None:
    """Replace ``path`` by ``content`` atomically (hold the lock where others may write)."""
    temporary = temporary_path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise UserError(f"cannot write {path}: {error.strerror or error}") from None
