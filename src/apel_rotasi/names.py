"""Dates and words in the output language: day and month names from Babel, cached."""

import datetime as dt
import functools
from typing import NamedTuple

from apel_rotasi.store import cache


class Names(NamedTuple):
    """A language's day names (Monday first) and month names (January first)."""

    days: tuple[str, ...]
    months: tuple[str, ...]

    def weekday(self, day: dt.date) -> str:
        return self.days[day.weekday()]

    def long_date(self, day: dt.date) -> str:
        """``Senin, 14 April 2025``: Babel's ``EEEE, d MMMM y``."""
        return f"{self.days[day.weekday()]}, {day.day} {self.months[day.month - 1]} {day.year}"

    def month(self, year: int, month: int) -> str:
        return f"{self.months[month - 1]} {year}"


def _from_babel(lang: str) -> dict[str, list[str]]:
    from babel.dates import get_day_names, get_month_names

    days = get_day_names("wide", locale=lang)
    months = get_month_names("wide", locale=lang)
    return {"days": [days[i] for i in range(7)], "months": [months[i] for i in range(1, 13)]}


@functools.cache  # read once a run: every date written out asks for them
def names(lang: str) -> Names:
    key = f"babel-{cache.package_version('babel')}-{lang}"
    data = cache.load(key)
    if not (
        isinstance(data, dict)
        and len(data.get("days") or ()) == 7
        and len(data.get("months") or ()) == 12
        and all(isinstance(x, str) for x in [*data["days"], *data["months"]])
    ):
        data = _from_babel(lang)
        cache.store(key, data)
    return Names(tuple(data["days"]), tuple(data["months"]))
