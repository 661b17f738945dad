"""Dates and words in the output language: day and month names from Babel, kept in the
cache the shell hands in (``keep_with``)."""

import datetime as dt
import functools
from typing import Any, NamedTuple

from apel_rotasi.memo import Memo, fresh


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


def _valid(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and len(data.get("days") or ()) == 7
        and len(data.get("months") or ()) == 12
        and all(isinstance(x, str) for x in [*data["days"], *data["months"]])
    )


_memo: Memo = fresh  # until the shell hands in its cache


def keep_with(memo: Memo) -> None:
    """Keep Babel's words in ``memo`` from now on (the shell's cache)."""
    global _memo
    _memo = memo
    names.cache_clear()


@functools.cache  # read once a run: every date written out asks for them
def names(lang: str) -> Names:
    data = _memo("babel", lang, packages=("babel",), build=lambda: _from_babel(lang), valid=_valid)
    return Names(tuple(data["days"]), tuple(data["months"]))
