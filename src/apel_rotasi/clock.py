"""The city's clock: "today" is the date in the roster's time zone, whatever zone the
computer is set to."""

from __future__ import annotations

import datetime as dt


def city_now(now: dt.datetime, timezone: str) -> dt.datetime:
    """``now`` (an aware instant) on the city's clock."""
    from zoneinfo import ZoneInfo

    return now.astimezone(ZoneInfo(timezone))


def city_today(now: dt.datetime, timezone: str) -> dt.date:
    return city_now(now, timezone).date()
