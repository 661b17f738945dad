"""The data the tool works on: a roster, the apel recorded, the pins, the plan.

Immutable values: the core functions take them and return new ones. Records are
``NamedTuple``s; the roster is a frozen dataclass that also looks its kecamatan up by code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Literal, NamedTuple

from apel_rotasi.naming import kecamatan_index
from apel_rotasi.records import COUNTS as COUNTS  # the apel's counts, defined with it

WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAYS_ID = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")

PlanStatus = Literal[
    "planned", "pinned", "holiday", "ceremony", "cancelled", "recorded", "unrecorded"
]
Weekend = Literal["monday", "friday", "none"]


class Kecamatan(NamedTuple):
    code: str
    name: str
    short: str | None = None
    aliases: tuple[str, ...] = ()
    kelurahan: int | None = None
    staff: int | None = None  # the civil servants expected at its apel


class Leader(NamedTuple):
    id: str
    name: str
    title: str | None = None
    default: bool = False
    aliases: tuple[str, ...] = ()


class DayNote(NamedTuple):
    """A closure (no apel) or a workday (a national holiday worked after all)."""

    date: dt.date
    reason: str


class Ceremony(NamedTuple):
    """A day the civil servants stand at a city ceremony instead of the kecamatan apel.

    Exactly one of ``yearly`` (month, day), ``monthly`` (a day 1-28) and ``date`` is set;
    ``weekend`` says where the ceremony goes when that day is a Saturday or Sunday.
    """

    name: str
    yearly: tuple[int, int] | None = None
    monthly: int | None = None
    date: dt.date | None = None
    weekend: Weekend = "monday"
    place: str | None = None


class Hours(NamedTuple):
    """Another start time for the apel days of a stretch (both ends included)."""

    start: dt.date
    end: dt.date
    time: dt.time
    reason: str = ""


class Rotation(NamedTuple):
    city: str = "Kota Palembang"
    days: tuple[int, ...] = (0,)  # weekday numbers, Monday = 0
    time: dt.time = dt.time(7, 30)
    duration_minutes: int = 60
    timezone: str = "Asia/Jakarta"
    holidays: str | None = "ID"
    holiday_categories: tuple[str, ...] = ("public", "government")
    on_holiday: Literal["skip", "shift"] = "skip"
    lang: str = "id"
    ramadan_time: dt.time | None = None  # the start time on apel days in Ramadan


@dataclass(frozen=True)
class Roster:
    """The roster and the rotation's settings, with the kecamatan looked up by code and by
    name and the leaders by id; ``replace`` makes a changed copy, its look-ups made again."""

    rotation: Rotation
    leaders: tuple[Leader, ...]
    kecamatan: tuple[Kecamatan, ...]
    closures: tuple[DayNote, ...] = ()
    workdays: tuple[DayNote, ...] = ()
    notice: str | None = None  # the [notice] template
    ceremonies: tuple[Ceremony, ...] = ()
    hours: tuple[Hours, ...] = ()
    names: Mapping[str, int] = field(default_factory=dict, repr=False, compare=False)
    """The key of each name of the kecamatan to its place in ``kecamatan``
    (``naming.kecamatan_index``): made when not given, and kept with the roster in the
    cache, since a big roster's keys take longer to make than to read."""
    _by_code: dict[str, Kecamatan] = field(init=False, repr=False, compare=False)
    _by_id: dict[str, Leader] = field(init=False, repr=False, compare=False)
    closed: dict[dt.date, str] = field(init=False, repr=False, compare=False)
    """Why each closed day is closed (the first closure of a day in the file)."""
    worked: frozenset[dt.date] = field(init=False, repr=False, compare=False)
    """The workdays' dates."""

    def __post_init__(self) -> None:
        if not self.names:
            object.__setattr__(self, "names", kecamatan_index(self.kecamatan))
        object.__setattr__(self, "_by_code", {k.code: k for k in self.kecamatan})
        object.__setattr__(self, "_by_id", {ldr.id: ldr for ldr in reversed(self.leaders)})
        closed = {note.date: note.reason for note in reversed(self.closures)}
        object.__setattr__(self, "closed", closed)
        object.__setattr__(self, "worked", frozenset(note.date for note in self.workdays))

    def replace(self, **changes: Any) -> Roster:
        return replace(self, **{"names": {}, **changes})

    @property
    def default_leader(self) -> Leader:
        return next(ldr for ldr in self.leaders if ldr.default)

    def kecamatan_by_code(self, code: str) -> Kecamatan | None:
        return self._by_code.get(code)

    def leader_by_id(self, leader_id: str) -> Leader | None:
        return self._by_id.get(leader_id)


class Apel(NamedTuple):
    """One apel that took place, as kept in history.toml."""

    date: dt.date
    kecamatan: str  # code
    leader: str  # id
    note: str | None = None
    counts: Mapping[str, int] = MappingProxyType({})  # keys from COUNTS


class Cancelled(NamedTuple):
    """A week whose apel did not take place, as kept in history.toml."""

    date: dt.date
    reason: str


Entry = Apel | Cancelled
"""One ``[[apel]]`` of history.toml."""


class Pin(NamedTuple):
    """A decision about a coming date, as kept in pins.toml."""

    date: dt.date
    kecamatan: str | None = None  # code
    leader: str | None = None  # id
    cancel: str | None = None
    note: str | None = None


class Finding(NamedTuple):
    """Something found at an apel, to be followed up, as kept in findings.toml."""

    id: int
    date: dt.date  # of the held apel it was found at
    kecamatan: str  # that apel's code
    text: str
    owner: str | None = None
    due: dt.date | None = None
    letter: str | None = None
    done: dt.date | None = None
    result: str | None = None


class PlanRow(NamedTuple):
    date: dt.date
    status: PlanStatus
    round: int | None = None
    kecamatan: Kecamatan | None = None
    leader: Leader | None = None
    note: str | None = None
    shifted_from: dt.date | None = None
    time: dt.time | None = None  # the day's start time (see ``planner.day_time``)
