"""ICS for ``plan``: one event per planned or pinned apel, with a UID that depends on the date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from apel_rotasi.model import PlanRow, Rotation


def uid(city: str, day: dt.date) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", city.lower()).strip("-") or "kota"
    return f"apel-{day.isoformat()}@{slug}.apel-rotasi"


def to_ics(rows: Sequence[PlanRow], rotation: Rotation, stamp: dt.datetime) -> bytes:
    """The calendar; ``stamp`` is every event's DTSTAMP (fixed by the caller, not the clock)."""
    from zoneinfo import ZoneInfo

    from icalendar import Calendar, Event

    zone = ZoneInfo(rotation.timezone)
    calendar = Calendar()
    calendar.add("prodid", "-//apel-rotasi//apel pagi//ID")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Apel pagi {rotation.city}")
    calendar.add("x-wr-timezone", rotation.timezone)
    for row in rows:
        if row.status not in ("planned", "pinned") or row.kecamatan is None:
            continue
        start = dt.datetime.combine(row.date, rotation.time, tzinfo=zone)
        event = Event()
        event.add("uid", uid(rotation.city, row.date))
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=rotation.duration_minutes))
        event.add("summary", f"Apel pagi: Kecamatan {row.kecamatan.name}")
        event.add("location", f"Kantor Camat {row.kecamatan.name}, {rotation.city}")
        lines = []
        if row.leader is not None:
            title = f"{row.leader.title} " if row.leader.title else ""
            lines.append(f"Pemimpin apel: {title}{row.leader.name}")
        if row.round is not None:
            lines.append(f"Putaran {row.round}")
        if row.note:
            lines.append(row.note)
        event.add("description", "\n".join(lines))
        event.add("status", "CONFIRMED" if row.status == "pinned" else "TENTATIVE")
        calendar.add_component(event)
    if hasattr(calendar, "add_missing_timezones"):
        calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
