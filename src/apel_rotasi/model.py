"""The data the tool works on: a roster, the apel recorded, the pins, the plan.

They are ``NamedTuple``s: immutable, with ``_replace`` for variants, and built at a
third of a dataclass's cost at start-up on Python 3.11 (0.13 ms against 0.4 ms a class,
plus 0.5 ms to import ``dataclasses`` where Rich does not, measured here). The tool's
working objects elsewhere are plain classes for the same reason. Modules that define NamedTuples do
without ``from __future__ import annotations``: a string annotation costs a compile per
field (0.35 ms for this module).
"""

import datetime as dt
from collections.abc import Mapping
from functools import cached_property
from types import MappingProxyType
from typing import NamedTuple

COUNTS = ("present", "sick", "leave", "permit", "duty", "absent")
WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
EMPTY: Mapping[str, int] = MappingProxyType({})
WEEKDAYS_ID = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")


class Kecamatan(NamedTuple):
    code: str
    name: str
    short: str | None = None
    aliases: tuple[str, ...] = ()
    kelurahan: int | None = None


class Leader(NamedTuple):
    id: str
    name: str
    title: str | None = None
    default: bool = False


class DayNote(NamedTuple):
    """A closure (no apel) or a workday (a national holiday worked after all)."""

    date: dt.date
    reason: str


class Rotation(NamedTuple):
    city: str = "Kota Palembang"
    days: tuple[int, ...] = (0,)  # weekday numbers, Monday = 0
    time: dt.time = dt.time(7, 30)
    duration_minutes: int = 60
    timezone: str = "Asia/Jakarta"
    holidays: str | None = "ID"
    holiday_categories: tuple[str, ...] = ("public", "government")
    on_holiday: str = "skip"
    lang: str = "id"


class _RosterFields(NamedTuple):
    rotation: Rotation
    leaders: tuple[Leader, ...]
    kecamatan: tuple[Kecamatan, ...]
    closures: tuple[DayNote, ...] = ()
    workdays: tuple[DayNote, ...] = ()


class Roster(_RosterFields):
    """A roster; a subclass so that instances have a ``__dict__`` for cached lookups."""

    @property
    def default_leader(self) -> Leader:
        return next(ldr for ldr in self.leaders if ldr.default)

    @cached_property
    def _kecamatan_codes(self) -> dict[str, Kecamatan]:
        return {k.code: k for k in self.kecamatan}

    def kecamatan_by_code(self, code: str) -> Kecamatan | None:
        return self._kecamatan_codes.get(code)

    def leader_by_id(self, leader_id: str) -> Leader | None:
        return next((ldr for ldr in self.leaders if ldr.id == leader_id), None)


class Apel(NamedTuple):
    """One apel that took place, as kept in history.toml."""

    date: dt.date
    kecamatan: str  # code
    leader: str  # id
    note: str | None = None
    counts: Mapping[str, int] = EMPTY  # keys from COUNTS


class Pin(NamedTuple):
    """A decision about a coming date, as kept in pins.toml."""

    date: dt.date
    kecamatan: str | None = None  # code
    leader: str | None = None  # id
    cancel: str | None = None
    note: str | None = None


class PlanRow(NamedTuple):
    date: dt.date
    status: str  # planned, pinned, holiday, cancelled
    round: int | None = None
    kecamatan: Kecamatan | None = None
    leader: Leader | None = None
    note: str | None = None
    shifted_from: dt.date | None = None
