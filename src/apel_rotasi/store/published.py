"""``published.json`` in the home: what the last ``publish`` put out, so that the next one
can tell what changed (``notice --changes``) and keep each unchanged event's SEQUENCE.

The tool writes it, people never need to: one JSON object with the instant of the
publish, its folder, its language, the plan rows put out (the ``plan`` columns, ISO
dates, and each day's ``time``), and per apel day the digest of its event's content and
the stamp its SEQUENCE came from.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path
from typing import Any, NamedTuple

from apel_rotasi.errors import UserError, reason
from apel_rotasi.store import safewrite

FILE = "published.json"
VERSION = 1
MAX_BYTES = 16 * 1024 * 1024
"""Ten years of apel days take well under a megabyte; anything far larger is not ours."""


class Event(NamedTuple):
    """One day's event as last published: its content's digest, and its stamp."""

    digest: str
    stamp: dt.datetime


class Published(NamedTuple):
    at: dt.datetime  # the city's time of the publish
    folder: str
    lang: str
    rows: tuple[dict[str, Any], ...]
    events: dict[dt.date, Event]


def published_path(home: Path) -> Path:
    return home / FILE


def read_published(home: Path) -> Published | None:
    """The last publish, or None when there was none. A file that is not one (damaged,
    edited, a folder) is an error naming it."""
    path = published_path(home)
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise UserError("file_unreadable", path=path, reason=reason(error)) from None
    if not stat.S_ISREG(found.st_mode):
        raise UserError("file_not_regular", path=path)
    if found.st_size > MAX_BYTES:
        raise UserError("file_too_large", path=path, size=found.st_size)
    try:
        data = json.loads(path.read_bytes())
        return Published(
            dt.datetime.fromisoformat(data["at"]),
            str(data["folder"]),
            str(data["lang"]),
            tuple(_row(row) for row in data["rows"]),
            {
                dt.date.fromisoformat(day): Event(str(digest), dt.datetime.fromisoformat(stamp))
                for day, (digest, stamp) in data["events"].items()
            },
        )
    except OSError as error:
        raise UserError("file_unreadable", path=path, reason=reason(error)) from None
    except (ValueError, KeyError, TypeError, AttributeError):
        raise UserError("published_damaged", path=path) from None


def _row(row: Any) -> dict[str, Any]:
    if not isinstance(row, dict) or not isinstance(row.get("date"), str):
        raise ValueError("not a plan row")
    dt.date.fromisoformat(row["date"])
    return row


def published_text(published: Published) -> str:
    data = {
        "version": VERSION,
        "at": published.at.isoformat(timespec="seconds"),
        "folder": published.folder,
        "lang": published.lang,
        "rows": list(published.rows),
        "events": {
            day.isoformat(): [event.digest, event.stamp.isoformat()]
            for day, event in sorted(published.events.items())
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def write_published(home: Path, published: Published) -> None:
    """Replace ``published.json`` atomically; the caller holds ``safewrite.locked`` on it."""
    safewrite.replace(published_path(home), published_text(published))
