"""A small JSON cache in the platform's cache folder; a bad or unwritable cache is ignored."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("apel-rotasi", appauthor=False)


def package_version(package: str) -> str:
    """An installed distribution's version, from its dist-info folder (no importlib.metadata)."""
    prefix = f"{package.lower()}-"
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.lower().startswith(prefix) and name.endswith(".dist-info"):
                return name[len(prefix) : -len(".dist-info")]
    return "unknown"


def load(name: str) -> Any:
    try:
        return json.loads((cache_dir() / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def store(name: str, value: Any) -> None:
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{name}.{os.getpid()}.tmp"
        temporary.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, folder / name)
    except OSError:
        pass
