"""A small JSON cache in the platform's cache folder; a bad or unwritable cache is ignored."""

from __future__ import annotations

import json
import os
import re
from importlib.util import find_spec
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("apel-rotasi", appauthor=False)


def package_version(package: str) -> str:
    """A package's version, read from its source without importing it."""
    spec = find_spec(package)
    if spec is None or spec.origin is None:
        return "none"
    folder = Path(spec.origin).parent
    for name in ("version.py", "__init__.py"):
        try:
            text = (folder / name).read_text(encoding="utf-8")
        except OSError:
            continue
        found = re.search(r"^__version__\s*(?::\s*str\s*)?=\s*['\"]([^'\"]+)['\"]", text, re.M)
        if found:
            return found.group(1)
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
