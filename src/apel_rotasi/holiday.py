"""National holidays and cuti bersama from the ``holidays`` package, kept per year in the
cache the caller hands in.

The data lags the decrees: cuti bersama come with each year's joint decree, and Islamic
(and some other lunar) dates are estimates until fixed, marked so in their names. The
warning helpers here tell the user where a plan leans on such data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from apel_rotasi.errors import UserError
from apel_rotasi.i18n import catalogue
from apel_rotasi.memo import Memo, fresh
from apel_rotasi.messages import Message, warning

CUTI_BERSAMA = "government"
ONE_DAY = dt.timedelta(days=1)


MANY_ESTIMATES = 3


class HolidayCalendar(Protocol):
    """A country's days off, year by year, named in the output language."""

    def __call__(self, year: int) -> Mapping[dt.date, str]: ...

    def lacks_cuti_bersama(self, year: int) -> bool:
        """True when cuti bersama are asked for but the data has none for the year yet."""
        ...

    def estimated(self, year: int) -> Mapping[dt.date, str]:
        """The holidays whose date the data gives as an estimate, by their marked names."""
        ...


class NoHolidays:
    """The calendar of ``--no-holidays`` and ``holidays = false``: nothing is a holiday."""

    __slots__ = ()

    def __call__(self, year: int) -> Mapping[dt.date, str]:
        return {}

    def lacks_cuti_bersama(self, year: int) -> bool:
        return False

    def estimated(self, year: int) -> Mapping[dt.date, str]:
        return {}


NO_HOLIDAYS = NoHolidays()


class YearCalendar(NamedTuple):
    names: dict[dt.date, str]
    estimated: dict[dt.date, str]
    has_cuti_bersama: bool


def _compute(country: str, categories: tuple[str, ...], lang: str, year: int) -> dict[str, Any]:
    import holidays

    try:
        calendar = holidays.country_holidays(
            country, years=year, categories=categories, language=catalogue(lang).HOLIDAY_LANGUAGE
        )
        joint = (
            holidays.country_holidays(country, years=year, categories=(CUTI_BERSAMA,))
            if CUTI_BERSAMA in categories
            else {}
        )
    except (NotImplementedError, ValueError):
        problem = validate(country, categories)
        if problem is None:
            raise
        raise problem from None
    names = {day.isoformat(): name for day, name in sorted(calendar.items())}
    return {"names": names, "estimated": _estimated(calendar), "cuti_bersama": bool(joint)}


def _estimated(calendar: Any) -> list[str]:
    """The days (ISO) with a name the data marks as estimated, in the calendar's language.

    The mark is the package's own label, such as "%s (perkiraan)" or "%s (estimated)";
    a day with several holidays has one name each (``get_list``).
    """
    marks = []
    for label in ("estimated_label", "observed_estimated_label"):
        text = getattr(calendar, label, None)  # not every country has estimates
        translated = calendar.tr(text) if text else ""
        if translated.count("%s") == 1:
            marks.append(tuple(translated.split("%s")))

    def marked(name: str) -> bool:
        return any(
            len(name) > len(head) + len(tail) and name.startswith(head) and name.endswith(tail)
            for head, tail in marks
        )

    return [day.isoformat() for day in sorted(calendar) if any(map(marked, calendar.get_list(day)))]


class NationalCalendar:
    """The holidays of a country, year by year, named in one language.

    The years worked out are kept in one cache entry for the country, categories and
    language, so a stretch of many years (the unrecorded-day check of a history that
    began long ago) reads one file, not one a year.
    """

    __slots__ = ("_stored", "_years", "categories", "country", "lang", "memo", "source")

    def __init__(
        self,
        country: str,
        categories: tuple[str, ...],
        lang: str,
        source: Path | None = None,
        memo: Memo = fresh,
    ) -> None:
        self.country = country
        self.categories = categories
        self.lang = lang
        self.source = source  # the roster, named in errors
        self.memo = memo
        self._years: dict[int, YearCalendar] = {}
        self._stored: dict[int, Any] | None = None  # the cache entry, read once

    def _kept(self, year: int) -> dict[int, Any]:
        """The calendar's entry in the memo, with ``year`` in it: the years it holds are
        kept, and a missing or broken one is worked out and added."""
        held: dict[int, Any] = dict(self._stored or {})

        def valid(value: Any) -> bool:
            if isinstance(value, dict):
                held.update(value)
            return isinstance(value, dict) and _valid(value.get(year))

        cats = "+".join(sorted(self.categories))
        kept: dict[int, Any] = self.memo(
            "holidays",
            f"{self.country}-{cats}-{self.lang}",
            packages=("holidays",),
            build=lambda: {**held, year: self._compute(year)},
            valid=valid,
        )
        return kept

    def year(self, year: int) -> YearCalendar:
        """The year's data: from the memo (checked) or the package, which is then kept."""
        if year not in self._years:
            if self._stored is None or not _valid(self._stored.get(year)):
                self._stored = self._kept(year)
            data = self._stored[year]
            names = {dt.date.fromisoformat(d): n for d, n in data["names"].items()}
            estimated = {day: names[day] for day in map(dt.date.fromisoformat, data["estimated"])}
            self._years[year] = YearCalendar(names, estimated, data["cuti_bersama"])
        return self._years[year]

    def _compute(self, year: int) -> dict[str, Any]:
        try:
            return _compute(self.country, self.categories, self.lang, year)
        except UserError as error:
            if self.source is None:
                raise
            raise error.at(self.source, line_of(self.source, error.key or "")) from None

    def __call__(self, year: int) -> Mapping[dt.date, str]:
        return self.year(year).names

    def lacks_cuti_bersama(self, year: int) -> bool:
        """True when cuti bersama are asked for but the data has none for the year."""
        return CUTI_BERSAMA in self.categories and not self.year(year).has_cuti_bersama

    def estimated(self, year: int) -> Mapping[dt.date, str]:
        return self.year(year).estimated


def _valid(data: Any) -> bool:
    try:
        return (
            isinstance(data["cuti_bersama"], bool)
            and all(
                dt.date.fromisoformat(d) and isinstance(n, str) for d, n in data["names"].items()
            )
            and isinstance(data["estimated"], list)
            and all(d in data["names"] for d in data["estimated"])
        )
    except (TypeError, KeyError, ValueError, AttributeError):
        return False


def freshness_warnings(calendar: HolidayCalendar, years: Iterable[int]) -> list[Message]:
    """A warning naming the years for which the data has no cuti bersama yet, if any.

    Three or more years in a row read as a range ("2031 to 2035"), others as a list.
    """
    lacking = sorted(year for year in set(years) if calendar.lacks_cuti_bersama(year))
    if not lacking:
        return []
    if len(lacking) > 2 and lacking[-1] - lacking[0] + 1 == len(lacking):
        return [warning("cuti_bersama_missing_range", first=lacking[0], last=lacking[-1])]
    return [warning("cuti_bersama_missing", years=", ".join(map(str, lacking)))]


def estimate_warnings(
    calendar: HolidayCalendar, apel_days: Iterable[dt.date], planned_days: Iterable[dt.date]
) -> list[Message]:
    """A warning for each estimated holiday on an apel day or beside a planned apel.

    Should the real date differ by a day, such a holiday lands on (or leaves) an apel.
    """
    near = set(apel_days)
    for day in planned_days:
        near.update((day - ONE_DAY, day, day + ONE_DAY))
    found = [
        (day, calendar.estimated(day.year)[day])
        for day in sorted(near)
        if day in calendar.estimated(day.year)
    ]
    if len(found) > MANY_ESTIMATES:  # one warning, not a screenful
        listed = [f"{day.isoformat()} {name}" for day, name in found]
        return [warning("estimated_holidays", count=len(found), holidays="; ".join(listed))]
    return [warning("estimated_holiday", date=day, holiday=name) for day, name in found]


def validate(country: str, categories: tuple[str, ...]) -> UserError | None:
    """What is wrong with a country and categories, or None (imports ``holidays``)."""
    import holidays

    if country not in holidays.list_supported_countries():
        return UserError("unknown_holiday_country", key="holidays", country=country)
    known = holidays.country_holidays(country).supported_categories
    bad = [c for c in categories if c not in known]
    if bad:
        return UserError(
            "unknown_holiday_categories",
            key="holiday_categories",
            categories=", ".join(bad),
            known=", ".join(sorted(known)),
        )
    return None


def line_of(source: Path, key: str) -> int | None:
    """The line of ``key`` in the roster's ``[rotation]`` table (read the one way every
    file of the home is)."""
    from apel_rotasi.store.files import read_file
    from apel_rotasi.store.toml import Lines

    try:
        text = (read_file(source) or b"").decode("utf-8")
    except (UserError, UnicodeDecodeError):
        return None
    return Lines(text).key("rotation", 0, key)


class Ramadan(NamedTuple):
    """One Ramadan: from 1 Ramadan to the day before Idul Fitri (``fitri``)."""

    first: dt.date
    fitri: dt.date
    fitri_estimated: bool  # the national calendar gives Idul Fitri as an estimate

    def holds(self, day: dt.date) -> bool:
        return self.first <= day < self.fitri


class RamadanCalendar:
    """The Ramadans of each year, worked out once and kept in the memo.

    Its start is 1 Ramadan of the Hijri calendar (Umm al-Qura, from ``hijridate``), always
    an estimate for Indonesia, whose sidang isbat may differ by a day. Its end is the eve
    of the national calendar's Idul Fitri (the decree's date, or the data's estimate),
    or of 1 Syawal of the Hijri calendar when the country's data has no Idul Fitri.
    Outside the Hijri calendar's range (1924 to 2077) no day is in Ramadan.
    """

    __slots__ = ("_years", "country", "memo")

    def __init__(self, country: str | None, memo: Memo = fresh) -> None:
        self.country = country
        self.memo = memo
        self._years: dict[int, tuple[Ramadan, ...]] = {}

    def __call__(self, year: int) -> tuple[Ramadan, ...]:
        """The Ramadans with a day in ``year``."""
        if year not in self._years:
            data = self.memo(
                "ramadan",
                f"{self.country or 'none'}-{year}",
                packages=("hijridate", "holidays"),
                build=lambda: [
                    [r.first.isoformat(), r.fitri.isoformat(), r.fitri_estimated]
                    for r in _ramadans(self.country, year)
                ],
                valid=_valid_ramadan,
            )
            self._years[year] = tuple(
                Ramadan(dt.date.fromisoformat(a), dt.date.fromisoformat(b), c) for a, b, c in data
            )
        return self._years[year]

    def holds(self, day: dt.date) -> bool:
        return any(r.holds(day) for r in self(day.year))


def _valid_ramadan(data: Any) -> bool:
    try:
        return isinstance(data, list) and all(
            dt.date.fromisoformat(a) < dt.date.fromisoformat(b) and isinstance(c, bool)
            for a, b, c in data
        )
    except (TypeError, ValueError):
        return False


def _ramadans(country: str | None, year: int) -> list[Ramadan]:
    from hijridate import Gregorian, Hijri

    try:
        hijri_years = range(
            Gregorian(year, 1, 1).to_hijri().year, Gregorian(year, 12, 31).to_hijri().year + 1
        )
        found = []
        for hijri_year in hijri_years:
            first = dt.date(*Hijri(hijri_year, 9, 1).to_gregorian().datetuple())
            syawal = dt.date(*Hijri(hijri_year, 10, 1).to_gregorian().datetuple())
            fitri, estimated = _national_fitri(country, syawal) or (syawal, True)
            if first.year <= year <= fitri.year:
                found.append(Ramadan(first, fitri, estimated))
    except OverflowError:  # beyond the Umm al-Qura tables
        return []
    return found


def _national_fitri(country: str | None, near: dt.date) -> tuple[dt.date, bool] | None:
    """The national calendar's Idul Fitri within three days of ``near``, and whether the
    data gives it as an estimate; None when the country's data has none."""
    if country is None:
        return None
    import holidays

    try:
        calendar = holidays.country_holidays(country, years=near.year, language="en_US")
    except (NotImplementedError, ValueError):
        return None
    for day, name in sorted(calendar.items()):
        if abs((day - near).days) <= 3 and name in ("Eid al-Fitr", "Eid al-Fitr (estimated)"):
            return day, name.endswith("(estimated)")
    return None


def ramadan_warnings(
    calendar: RamadanCalendar, days: Iterable[dt.date], depends: Callable[[dt.date], bool]
) -> list[Message]:
    """A warning for each apel day within a day of Ramadan's estimated start or end whose
    time ``depends`` on Ramadan: should the real date differ, the apel's time changes."""
    found = []
    for day in sorted(set(days)):
        for ramadan in calendar(day.year):
            near_start = abs((day - ramadan.first).days) <= 1
            near_end = ramadan.fitri_estimated and abs((day - ramadan.fitri).days) <= 1
            if (near_start or near_end) and depends(day):
                kind = "ramadan_start_estimated" if near_start else "ramadan_end_estimated"
                boundary = ramadan.first if near_start else ramadan.fitri
                found.append(warning(kind, date=day, boundary=boundary))
                break
    return found
