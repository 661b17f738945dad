"""Dates and words in the output language: day and month names from Babel, kept in the
cache the shell hands in (``keep_with``)."""

import datetime as dt
import functools
from typing import Any, NamedTuple

from apel_rotasi.memo import Memo, fresh


class Names(NamedTuple):
    """A language's day names (Monday first) and month names (January first), written out
    and abbreviated (for a table too narrow for the whole date)."""

    days: tuple[str, ...]
    months: tuple[str, ...]
    short_days: tuple[str, ...]
    short_months: tuple[str, ...]

    def weekday(self, day: dt.date) -> str:
        return self.days[day.weekday()]

    def long_date(self, day: dt.date) -> str:
        """``Senin, 14 April 2025``: Babel's ``EEEE, d MMMM y``."""
        return f"{self.days[day.weekday()]}, {day.day} {self.months[day.month - 1]} {day.year}"

    def short_date(self, day: dt.date) -> str:
        """``Sen, 14 Apr 2025``: Babel's ``EEE, d MMM y``."""
        return (
            f"{self.short_days[day.weekday()]}, {day.day} "
            f"{self.short_months[day.month - 1]} {day.year}"
        )

    def brief_date(self, day: dt.date) -> str:
        """``14 Apr 2025``: a short date without its weekday, for a narrow table."""
        return f"{day.day} {self.short_months[day.month - 1]} {day.year}"

    def day_month_year(self, day: dt.date) -> str:
        """``14 April 2025``: a date whose weekday is no news (a finding's, a change's)."""
        return f"{day.day} {self.months[day.month - 1]} {day.year}"

    def month(self, year: int, month: int) -> str:
        return f"{self.months[month - 1]} {year}"


COUNTS = {"days": 7, "months": 12, "short_days": 7, "short_months": 12}
"""How many names each field of ``Names`` holds."""


def _from_babel(lang: str) -> dict[str, list[str]]:
    from babel.dates import get_day_names, get_month_names

    from apel_rotasi.i18n import catalogue

    locale = catalogue(lang).BABEL_LOCALE
    days, short_days = (get_day_names(w, locale=locale) for w in ("wide", "abbreviated"))
    months, short_months = (get_month_names(w, locale=locale) for w in ("wide", "abbreviated"))
    return {
        "days": [days[i] for i in range(7)],
        "months": [months[i] for i in range(1, 13)],
        "short_days": [short_days[i] for i in range(7)],
        "short_months": [short_months[i] for i in range(1, 13)],
    }


def _valid(data: Any) -> bool:
    return isinstance(data, dict) and all(
        isinstance(data.get(name), list)
        and len(data[name]) == count
        and all(isinstance(x, str) for x in data[name])
        for name, count in COUNTS.items()
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
    return Names(*(tuple(data[name]) for name in COUNTS))
