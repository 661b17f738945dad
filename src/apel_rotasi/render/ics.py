"""ICS for ``plan`` and ``history``: events that a calendar program updates in place.

A calendar program that imports a newer file matches events by UID and keeps the one
with the higher SEQUENCE. So an event's UID depends only on the city and the date, a day
of the plan with no apel is written as a cancelled event (it replaces the apel an older
file put there), and SEQUENCE comes from the time the inputs last changed (see
``sequence``), which needs no stored counter.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from apel_rotasi.i18n import word, words
from apel_rotasi.model import COUNTS, Rotation

if TYPE_CHECKING:
    from icalendar import Calendar, Component, Event

Record = Mapping[str, Any]
EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
HELD = ("planned", "pinned", "recorded")
NO_APEL = ("holiday", "ceremony", "cancelled")


def uid(city: str, day: dt.date) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", city.lower()).strip("-") or "kota"
    return f"apel-{day.isoformat()}@{slug}.apel-rotasi"


def sequence(stamp: dt.datetime) -> int:
    """SEQUENCE of every event of an export: whole seconds from 2020-01-01 UTC to ``stamp``.

    ``stamp`` is when the files the plan is made from last changed. An event can only
    change when one of them does, so a later export of a changed event has a later stamp
    and a higher SEQUENCE; an unchanged event may go up too, which calendar programs
    take as a harmless update. It never goes down while the files' times only move
    forward, and it stays below 2**31 (the limit of many programs) until 2088.
    """
    return max(0, int((stamp - EPOCH).total_seconds()))


def plan_to_ics(
    records: Sequence[Record],
    rotation: Rotation,
    stamp: dt.datetime,
    lang: str,
    *,
    firm: Collection[dt.date] = frozenset(),
    titles: Mapping[str, str | None] | None = None,
    stamps: Mapping[dt.date, dt.datetime] | None = None,
    name: str | None = None,
) -> bytes:
    """The plan as a calendar: an event per apel, a cancelled event per day without one.

    ``records`` have the contract's ``plan`` columns. An apel is CONFIRMED when it is
    recorded, pinned, or on a date in ``firm`` (the caller passes every pinned date, so
    a pin that names only the leader is as firm as any); else TENTATIVE. A ``holiday`` or
    ``cancelled`` day is CANCELLED with its reason; an ``unrecorded`` day gets no event.
    ``titles`` maps a leader's name to their title, written before the name. ``stamps``
    gives a day its own stamp in place of ``stamp`` (``publish`` keeps an unchanged
    event's); ``name`` is the calendar's name in place of the city's calendar.
    """
    calendar = _calendar(rotation, lang, name)
    for day, event in _plan_events(records, rotation, lang, firm, titles or {}):
        _stamp(event, (stamps or {}).get(day, stamp))
        calendar.add_component(event)
    return _bytes(calendar)


def event_digests(
    records: Sequence[Record],
    rotation: Rotation,
    lang: str,
    *,
    firm: Collection[dt.date] = frozenset(),
    titles: Mapping[str, str | None] | None = None,
) -> dict[dt.date, str]:
    """Each day's event of ``plan_to_ics`` without its stamps, digested: two days with the
    same digest show the same event, whatever SEQUENCE they carry."""
    import hashlib

    return {
        day: hashlib.sha256(event.to_ical()).hexdigest()
        for day, event in _plan_events(records, rotation, lang, firm, titles or {})
    }


def _plan_events(
    records: Sequence[Record],
    rotation: Rotation,
    lang: str,
    firm: Collection[dt.date],
    titles: Mapping[str, str | None],
) -> Iterator[tuple[dt.date, Event]]:
    """The plan's events, unstamped, with the day each stands on."""
    for record in records:
        status = record["status"]
        day: dt.date = record["date"]
        if status in HELD:
            event = _apel(record, rotation, lang, titles)
            confirmed = status != "planned" or day in firm
            event.add("status", "CONFIRMED" if confirmed else "TENTATIVE")
        elif status in NO_APEL:
            reason = record["note"] or words(lang, "STATUSES")[status]
            event = _event(rotation, day, record.get("time"))
            _text(event, "summary", word(lang, "ics_no_apel", reason=reason))
            _text(event, "description", reason)
            event.add("status", "CANCELLED")
            event.add("transp", "TRANSPARENT")
        else:
            continue
        yield day, event


def history_to_ics(
    records: Sequence[Record],
    rotation: Rotation,
    stamp: dt.datetime,
    lang: str,
    *,
    titles: Mapping[str, str | None] | None = None,
    times: Mapping[dt.date, dt.time] | None = None,
) -> bytes:
    """The apel held, one CONFIRMED event each, with the attendance reported.

    ``records`` have the contract's ``history`` columns; a ``cancelled`` week is left
    out (no apel took place). The UID is the plan's for the same day, so in a calendar
    the apel held takes the place of the apel planned; ``times`` gives each day's start
    as the plan had it (Ramadan, an [[hours]] stretch), else the rotation's ``time``.
    """
    calendar = _calendar(rotation, lang)
    for record in records:
        if record.get("status") == "cancelled":
            continue
        timed = {**record, "time": (times or {}).get(record["date"])}
        event = _apel(timed, rotation, lang, titles or {})
        _stamp(event, stamp)
        event.add("status", "CONFIRMED")
        calendar.add_component(event)
    return _bytes(calendar)


def _calendar(rotation: Rotation, lang: str, name: str | None = None) -> Calendar:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", "-//apel-rotasi//apel pagi//ID")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    _text(calendar, "x-wr-calname", name or word(lang, "ics_calendar", city=rotation.city))
    _text(calendar, "x-wr-timezone", rotation.timezone)
    return calendar


def _event(rotation: Rotation, day: dt.date, time: dt.time | None) -> Event:
    """An event's frame: UID and the apel's time on ``day`` (the row's, else the
    rotation's); ``_stamp`` adds the stamps."""
    from zoneinfo import ZoneInfo

    from icalendar import Event

    at = time or rotation.time
    start = dt.datetime.combine(day, at, tzinfo=ZoneInfo(rotation.timezone))
    event = Event()
    event.add("uid", uid(rotation.city, day))
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(minutes=rotation.duration_minutes))
    return event


def _stamp(event: Event, stamp: dt.datetime) -> None:
    """When the event was made and last changed, and the SEQUENCE that follows from it."""
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("last-modified", stamp.astimezone(dt.UTC))
    event.add("sequence", sequence(stamp))


def _apel(
    record: Record,
    rotation: Rotation,
    lang: str,
    titles: Mapping[str, str | None],
) -> Event:
    """An apel's event: the kecamatan, its office, the leader, the round, counts, the note."""
    name = record["kecamatan"] or record["kecamatan_code"]
    event = _event(rotation, record["date"], record.get("time"))
    _text(event, "summary", word(lang, "ics_summary", kecamatan=name))
    _text(event, "location", word(lang, "ics_location", kecamatan=name, city=rotation.city))
    lines = []
    if leader := record["leader"]:
        title = titles.get(leader)
        lines.append(word(lang, "ics_leader", leader=f"{title} {leader}" if title else leader))
    if record["round"] is not None:
        lines.append(word(lang, "ics_round", round=record["round"]))
    counts = [
        f"{words(lang, 'COUNT_HEADERS')[key]} {record[key]}"
        for key in COUNTS
        if record.get(key) is not None
    ]
    if counts:
        lines.append(word(lang, "ics_attendance", counts=", ".join(counts)))
    if record["note"]:
        lines.append(record["note"])
    _text(event, "description", "\n".join(lines))
    return event


def _text(component: Component, name: str, value: str) -> None:
    """A text property, escaped as RFC 5545 says for every one (an ``X-`` property too,
    which icalendar would write raw): a line break as ``\\n``, and a control character
    from a hand-edited file shown as ``\\x1b``, as in tables. No value can end its line
    or start another property."""
    from icalendar import vText

    from apel_rotasi.console import escape_controls

    component.add(name, vText(escape_controls(value)))


def _bytes(calendar: Calendar) -> bytes:
    if hasattr(calendar, "add_missing_timezones"):  # absent from the oldest icalendar allowed
        calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
