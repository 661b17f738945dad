"""The city's clock: "today" is the date in the roster's time zone, whatever zone the
computer is set to."""

from __future__ import annotations

import datetime as dt

INDONESIA = {
    "Asia/Jakarta": 7,
    "Asia/Pontianak": 7,
    "Asia/Makassar": 8,
    "Asia/Jayapura": 9,
}
"""Indonesia's zones (WIB, WITA, WIT) have kept these fixed offsets since 1988 and have
no daylight saving, so their clock needs no time-zone database (``zoneinfo`` loads only
for other zones)."""
ZONES = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}
"""Each zone as people in Indonesia name it."""


def city_now(now: dt.datetime, timezone: str) -> dt.datetime:
    """``now`` (an aware instant) on the city's clock."""
    if timezone in INDONESIA:
        return now.astimezone(dt.timezone(dt.timedelta(hours=INDONESIA[timezone])))
    from zoneinfo import ZoneInfo

    return now.astimezone(ZoneInfo(timezone))


def city_today(now: dt.datetime, timezone: str) -> dt.date:
    return city_now(now, timezone).date()
