"""The city's clock: "today" is the date in the roster's time zone, whatever zone the
computer is set to."""

from __future__ import annotations

import datetime as dt

from apel_rotasi import bounds
from apel_rotasi.errors import UserError

NOW_ENV = "APEL_ROTASI_NOW"
"""The variable that fixes the clock (for examples, tests, a clerk acting for another day)."""

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
    """``now`` (an aware instant) on the city's clock; a clock outside the dates the tool
    accepts is an error that says so."""
    try:
        if timezone in INDONESIA:
            moment = now.astimezone(dt.timezone(dt.timedelta(hours=INDONESIA[timezone])))
        else:
            from zoneinfo import ZoneInfo

            moment = now.astimezone(ZoneInfo(timezone))
    except OverflowError:  # past the first or last instant Python holds
        moment = now
    if not bounds.in_bounds(moment.date()):
        raise UserError(
            "clock_out_of_range", value=now.isoformat(), variable=NOW_ENV, **bounds.span()
        )
    return moment


def city_today(now: dt.datetime, timezone: str) -> dt.date:
    return city_now(now, timezone).date()
