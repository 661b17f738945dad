"""What a command gives the shell to show: a listing, a month, text and messages.

Below both the commands that make an outcome and the renderers that draw it, so that
neither imports the other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from apel_rotasi.errors import UserError
from apel_rotasi.listings import ListingName, Record
from apel_rotasi.messages import Message
from apel_rotasi.model import Rotation

if TYPE_CHECKING:
    from apel_rotasi.month import MonthView


class Calendar(NamedTuple):
    """What an ICS export of a listing needs beyond its rows."""

    rotation: Rotation
    stamp: dt.datetime  # when the files behind it last changed
    firm: frozenset[dt.date] = frozenset()  # pinned dates, even those that fix only a leader
    titles: tuple[tuple[str, str], ...] = ()  # leader name, title
    times: tuple[tuple[dt.date, dt.time], ...] = ()  # each held apel's start, for history


class Listing(NamedTuple):
    """A listing's rows with what the table and page show around them."""

    name: ListingName
    rows: tuple[Record, ...]
    city: str
    made: dt.date  # the city's date the listing was made, printed on pages
    heading: tuple[Message, ...] = ()
    default_leader: str | None = None
    calendar: Calendar | None = None
    marked: frozenset[dt.date] = frozenset()  # history: the apel that have findings
    people: Mapping[str, Mapping[str, str]] = MappingProxyType({})  # log: whom codes name
    period: tuple[dt.date, dt.date] | None = None  # report: the first and last apel counted


class Month(NamedTuple):
    """``calendar``: one month drawn as a grid."""

    view: MonthView
    city: str
    made: dt.date


class Outcome(NamedTuple):
    """What a command produced: data for standard output or ``--output``, and messages."""

    lang: str
    messages: Sequence[Message] = ()
    listing: Listing | None = None
    month: Month | None = None
    text: str | None = None  # plain text for standard output (notices, OK)
    problems: Sequence[UserError] = ()  # check's findings: exit 1
    changed: bool = False  # files were changed: exit 0 even if a message cannot be written
