"""What a file's bytes read as, kept in the cache between runs: their TOML, and the records
of a roster or a history read without a problem, so that a big home is parsed and checked
once, by the first command that reads these bytes, not by every command.

An entry is named by what it holds, the tool's version and the bytes' CRC-32 and length,
and it keeps the bytes themselves: it counts only for the very bytes it was made from, so
no edit, copy, clock or crafted CRC can make it stand for other content. A damaged entry
fails the cache's own check and one of another shape fails to thaw; either is read as
missing, and the file is read again. The cache holds plain data (``store.cache``): values
are kept with dates and times as tagged ISO text, and tuples and the model's records
tagged by their type.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from contextlib import suppress
from types import MappingProxyType
from typing import Any
from zlib import crc32

from apel_rotasi import __version__
from apel_rotasi.model import (
    Apel,
    Cancelled,
    Ceremony,
    DayNote,
    Hours,
    Kecamatan,
    Leader,
    Roster,
    Rotation,
)
from apel_rotasi.store import cache

RECORDS: dict[str, type] = {
    f"\0{kind.__name__}": kind
    for kind in (Roster, Rotation, Leader, Kecamatan, DayNote, Ceremony, Hours, Apel, Cancelled)
}
"""The model's values an entry may hold, by their tag."""
_TAG_OF = {kind: tag for tag, kind in RECORDS.items()}
_SCALARS = {str, int, float, bool, type(None)}
_TIMES = {dt.datetime: "\0datetime", dt.date: "\0date", dt.time: "\0time"}
_FROM_TEXT: dict[str, Callable[[str], Any]] = {
    "\0datetime": dt.datetime.fromisoformat,
    "\0date": dt.date.fromisoformat,
    "\0time": dt.time.fromisoformat,
}


def recall(what: str, content: bytes) -> Any | None:
    """The value kept as ``what`` these very bytes read as, or None."""
    stored = cache.load(_name(what, content))
    if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == content):
        return None
    try:
        return _thawed(stored[1])
    except (KeyError, ValueError, TypeError, IndexError):  # an entry of another shape
        return None


def keep(what: str, content: bytes, value: Any) -> None:
    """Keep ``value`` as what ``content`` reads as."""
    with suppress(RecursionError):  # nested too deeply to keep: read it each time
        cache.store(_name(what, content), (content, _frozen(value)))


def _name(what: str, content: bytes) -> str:
    return f"{what}-{__version__}-{crc32(content):08x}-{len(content)}"


def _frozen(value: Any) -> Any:
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is dict or kind is MappingProxyType:
        return dict(zip(value, _all_frozen(value.values()), strict=True))
    if kind is list:
        return _all_frozen(value)
    if kind in _TIMES:
        return (_TIMES[kind], value.isoformat())
    if kind in _TAG_OF:
        fields = (  # a record's fields; the roster's as it is made
            value
            if isinstance(value, tuple)
            else [getattr(value, f.name) for f in dataclasses.fields(value) if f.init]
        )
        return (_TAG_OF[kind], _all_frozen(fields))
    if kind is tuple:
        return ("\0tuple", _all_frozen(value))
    return value  # not plain data: the cache refuses to store it


def _all_frozen(values: Iterable[Any]) -> list[Any]:
    """The values frozen, a scalar (most of them) as it is."""
    return [v if type(v) in _SCALARS else _frozen(v) for v in values]


def _thawed(value: Any) -> Any:
    kind = type(value)
    if kind is tuple:
        tag, held = value
        if tag in _FROM_TEXT:
            return _FROM_TEXT[tag](held)
        fields = _all_thawed(held)
        return tuple(fields) if tag == "\0tuple" else RECORDS[tag](*fields)
    if kind is list:
        return _all_thawed(value)
    if kind is dict:
        return dict(zip(value, _all_thawed(value.values()), strict=True))
    return value


def _all_thawed(values: Iterable[Any]) -> list[Any]:
    """The values thawed, a scalar (most of them) as it is."""
    return [_thawed(v) if type(v) in _HOLDERS else v for v in values]


_HOLDERS = {tuple, list, dict}
