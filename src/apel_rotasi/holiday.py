"""National holidays and cuti bersama from the ``holidays`` package, cached per year."""

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from apel_rotasi import cache
from apel_rotasi.errors import UserError

HOLIDAY_LANGUAGE = {"id": "id", "en": "en_US"}
CUTI_BERSAMA = "government"


class YearCalendar(NamedTuple):
    names: dict[dt.date, str]
    has_cuti_bersama: bool


def _compute(country: str, categories: tuple[str, ...], lang: str, year: int) -> dict[str, Any]:
    import holidays

    try:
        calendar = holidays.country_holidays(
            country, years=year, categories=categories, language=HOLIDAY_LANGUAGE[lang]
        )
        joint = (
            holidays.country_holidays(country, years=year, categories=(CUTI_BERSAMA,))
            if CUTI_BERSAMA in categories
            else {}
        )
    except NotImplementedError:
        raise UserError(
            f'holidays: "{country}" is not a country the holidays package knows'
        ) from None
    except ValueError as error:
        raise UserError(f"holiday_categories: {error}") from None
    names = {day.isoformat(): name for day, name in sorted(calendar.items())}
    return {"names": names, "cuti_bersama": bool(joint)}


class NationalCalendar:
    """The holidays of a country, year by year, named in one language."""

    __slots__ = ("_years", "categories", "country", "lang", "source")

    def __init__(
        self, country: str, categories: tuple[str, ...], lang: str, source: Path | None = None
    ) -> None:
        self.country = country
        self.categories = categories
        self.lang = lang
        self.source = source  # the roster, named in errors
        self._years: dict[int, YearCalendar] = {}

    def year(self, year: int) -> YearCalendar:
        if year not in self._years:
            cats = "+".join(sorted(self.categories))
            version = cache.package_version("holidays")
            key = f"holidays-{version}-{self.country}-{cats}-{self.lang}-{year}"
            data = cache.load(key)
            if not _valid(data):
                try:
                    data = _compute(self.country, self.categories, self.lang, year)
                except UserError as error:
                    raise UserError(
                        error.message, self.source, line_of(self.source, error.message)
                    ) from None
                cache.store(key, data)
            names = {dt.date.fromisoformat(d): n for d, n in data["names"].items()}
            self._years[year] = YearCalendar(names, data["cuti_bersama"])
        return self._years[year]

    def __call__(self, year: int) -> Mapping[dt.date, str]:
        return self.year(year).names

    def lacks_cuti_bersama(self, year: int) -> bool:
        """True when cuti bersama are asked for but the data has none for the year."""
        return CUTI_BERSAMA in self.categories and not self.year(year).has_cuti_bersama


def _valid(data: Any) -> bool:
    try:
        return isinstance(data["cuti_bersama"], bool) and all(
            dt.date.fromisoformat(d) and isinstance(n, str) for d, n in data["names"].items()
        )
    except (TypeError, KeyError, ValueError, AttributeError):
        return False


def validate(country: str, categories: tuple[str, ...]) -> str | None:
    """What is wrong with a country and categories, or None (imports ``holidays``)."""
    import holidays

    supported = holidays.list_supported_countries()
    if country not in supported:
        return f'holidays: "{country}" is not a country the holidays package knows'
    known = holidays.country_holidays(country).supported_categories
    bad = [c for c in categories if c not in known]
    if bad:
        return f"holiday_categories: {', '.join(bad)} not among {', '.join(sorted(known))}"
    return None


def line_of(source: Path | None, message: str) -> int | None:
    """The roster line of the key a message starts with (``holidays:`` …)."""
    from apel_rotasi.files import Lines

    try:
        text = source.read_text(encoding="utf-8") if source else ""
    except OSError:
        return None
    return Lines(text).key("rotation", 0, message.split(":", 1)[0])
