"""A small cache in the platform's cache folder; a bad or unwritable cache is ignored.

Values are stored with ``marshal``: plain dicts, lists, tuples, strings, numbers and
booleans, read back faster than JSON and tied to this Python (the key names its version).
Each entry starts with a header (a magic, the payload's length and its CRC-32), checked
before the payload is unmarshalled, so a damaged entry reads as missing and is rebuilt.
CRC-32 (as zip and PNG use) is made for accidental damage: it catches every error within
four consecutive bytes, and zlib is loaded anyway, where hashlib would load OpenSSL on
every start. The folder stays small: a value too big is not stored, and storing prunes the
oldest files beyond a count and a total size.
"""

from __future__ import annotations

import marshal
import os
import stat
import sys
import zlib
from collections.abc import Callable, Sequence
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import Any

from apel_rotasi.store.dirs import user_cache_dir

MAGIC = b"APELC1\r\n"
HEADER_BYTES = len(MAGIC) + 8  # the magic, then the payload's length and CRC-32
MAX_ENTRY_BYTES = 4 * 1024 * 1024  # a bigger value is rebuilt each time rather than stored
MAX_ENTRIES = 200
MAX_TOTAL_BYTES = 32 * 1024 * 1024

# O_NONBLOCK: a FIFO planted in the cache folder must not hang the start (a no-op on files).
_READ = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
# O_EXCL: the temporary file is new, never something (a link) found under its name.
_WRITE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


@cache
def _listing(folder: str) -> tuple[str, ...]:
    try:
        return tuple(os.listdir(folder or "."))
    except OSError:
        return ()


def package_version(package: str) -> str:
    """An installed distribution's version, from its dist-info folder (no importlib.metadata)."""
    prefix = f"{package.lower()}-"
    for entry in sys.path:
        if not os.path.isdir(os.path.join(entry or ".", package)):
            continue
        for name in _listing(entry):
            if name.lower().startswith(prefix) and name.endswith(".dist-info"):
                return name[len(prefix) : -len(".dist-info")]
    return "unknown"


def _file(name: str) -> Path:
    return user_cache_dir() / f"{name}.py{sys.version_info[0]}{sys.version_info[1]}"


def _encode(value: Any) -> bytes | None:
    """The entry for ``value``, or None when it cannot or should not be stored."""
    try:
        payload = marshal.dumps(value)
    except ValueError:  # not a plain value
        return None
    if len(payload) > MAX_ENTRY_BYTES:
        return None
    size, check = len(payload).to_bytes(4, "big"), zlib.crc32(payload).to_bytes(4, "big")
    return MAGIC + size + check + payload


def _decode(entry: bytes) -> Any:
    """The value an entry holds, or None when its header does not match its payload."""
    payload = entry[HEADER_BYTES:]
    if (
        entry[: len(MAGIC)] != MAGIC
        or int.from_bytes(entry[len(MAGIC) : len(MAGIC) + 4], "big") != len(payload)
        or int.from_bytes(entry[len(MAGIC) + 4 : HEADER_BYTES], "big") != zlib.crc32(payload)
    ):
        return None
    try:
        return marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None


def load(name: str) -> Any:
    """The value stored under ``name``, or None when missing, damaged or not a plain file."""
    try:
        descriptor = os.open(_file(name), _READ)
    except OSError:
        return None
    with open(descriptor, "rb") as handle:
        try:
            info = os.fstat(descriptor)
            if not stat.S_ISREG(info.st_mode) or info.st_size > HEADER_BYTES + MAX_ENTRY_BYTES:
                return None
            entry = handle.read(HEADER_BYTES + MAX_ENTRY_BYTES + 1)
        except OSError:
            return None
    return _decode(entry)


def store(name: str, value: Any) -> None:
    """Keep ``value`` under ``name`` (no fsync: a torn entry fails its check and is rebuilt)."""
    entry = _encode(value)
    if entry is None:
        return
    target = _file(name)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(temporary, _WRITE, 0o666)
        except FileExistsError:  # left by a crash, or planted: remove the name, not a target
            temporary.unlink()
            descriptor = os.open(temporary, _WRITE, 0o666)
        with open(descriptor, "wb") as handle:
            handle.write(entry)
        os.replace(temporary, target)
    except OSError:
        with suppress(OSError):
            temporary.unlink()
        return
    _prune(target.parent)


def _prune(folder: Path) -> None:
    """Keep the newest files while within ``MAX_ENTRIES`` and ``MAX_TOTAL_BYTES``.

    Every file here can be rebuilt, temporaries left by a crash included.
    """
    files: list[tuple[int, int, str]] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if not entry.is_dir(follow_symlinks=False):
                    info = entry.stat(follow_symlinks=False)
                    files.append((info.st_mtime_ns, info.st_size, entry.path))
    except OSError:  # a file removed meanwhile, say: the next store prunes
        return
    files.sort(reverse=True)
    total = 0
    for count, (_, size, path) in enumerate(files, 1):
        total += size
        if count > MAX_ENTRIES or total > MAX_TOTAL_BYTES:
            with suppress(OSError):
                os.unlink(path)


def memo(
    kind: str,
    detail: str,
    *,
    packages: Sequence[str],
    build: Callable[[], Any],
    valid: Callable[[Any], bool],
) -> Any:
    """The core's ``Memo``: the value stored under the kind, the packages' versions and the
    detail when ``valid``, else ``build()``'s, then stored."""
    name = "-".join([kind, *map(package_version, packages), detail])
    value = load(name)
    if not valid(value):
        value = build()
        store(name, value)
    return value
