"""A small cache in the platform's cache folder; a bad or unwritable cache is ignored.

Values are stored with ``marshal``: plain dicts, lists, tuples, strings, numbers and
booleans, read back faster than JSON and tied to this Python (the key names its version).
"""

from __future__ import annotations

import marshal
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

from apel_rotasi.dirs import user_cache_dir


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


def load(name: str) -> Any:
    try:
        return marshal.loads(_file(name).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def store(name: str, value: Any) -> None:
    target = _file(name)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temporary.write_bytes(marshal.dumps(value))
        os.replace(temporary, target)
    except (OSError, ValueError):
        pass
