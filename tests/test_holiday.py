"""The national calendar and its honesty: cuti bersama, estimated dates, no holidays at all."""

import datetime as dt
from collections.abc import Mapping

import pytest

from apel_rotasi import i18n
from apel_rotasi.errors import UserError
from apel_rotasi.holiday import (
    NO_HOLIDAYS,
    NationalCalendar,
    NoHolidays,
    estimate_warnings,
    freshness_warnings,
    validate,
)

MONDAY = 0
IDUL_ADHA_2027 = dt.date(2027, 5, 17)


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def national(lang="id"):
    return NationalCalendar("ID", ("public", "government"), lang)


class Stub:
    """A calendar with chosen estimated holidays and years lacking cuti bersama."""

    def __init__(self, estimated=None, lacking=()):
        self._estimated = estimated or {}
        self._lacking = set(lacking)

    def __call__(self, year: int) -> Mapping[dt.date, str]:
        return {d: n for d, n in self._estimated.items() if d.year == year}

    def lacks_cuti_bersama(self, year: int) -> bool:
        return year in self._lacking

    def estimated(self, year: int) -> Mapping[dt.date, str]:
        return self(year)


def mondays(first, count):
    return [first + dt.timedelta(weeks=n) for n in range(count)]


# --- no holidays --------------------------------------------------------------------------


def test_no_holidays_has_nothing_and_warns_of_nothing():
    assert isinstance(NO_HOLIDAYS, NoHolidays)
    assert NO_HOLIDAYS(2027) == {} and NO_HOLIDAYS.estimated(2027) == {}
    assert not NO_HOLIDAYS.lacks_cuti_bersama(2099)
    assert freshness_warnings(NO_HOLIDAYS, range(2020, 2100)) == []
    days = mondays(dt.date(2027, 5, 3), 4)
    assert estimate_warnings(NO_HOLIDAYS, days, days) == []


# --- the data the plan depends on ---------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (dt.date(2026, 2, 16), "Cuti Bersama Tahun Baru Imlek"),
        (dt.date(2026, 3, 23), "Cuti Bersama Hari Raya Idul Fitri"),
    ],
)
def test_the_2026_cuti_bersama_mondays_are_in_the_data(day, name):
    assert day.weekday() == MONDAY
    assert national()(2026)[day] == name


def test_2026_and_2027_have_their_cuti_bersama_decree():
    assert not national().lacks_cuti_bersama(2026)
    assert not national().lacks_cuti_bersama(2027)
    assert freshness_warnings(national(), [2026, 2027]) == []


def test_a_year_past_the_decrees_lacks_cuti_bersama():
    assert national().lacks_cuti_bersama(2045)
    assert not NationalCalendar("ID", ("public",), "id").lacks_cuti_bersama(2045)


# --- estimated holidays -------------------------------------------------------------------


def test_idul_adha_2027_is_an_estimate_on_a_monday():
    assert IDUL_ADHA_2027.weekday() == MONDAY
    assert national("id").estimated(2027)[IDUL_ADHA_2027] == "Hari Raya Idul Adha (perkiraan)"
    assert national("en").estimated(2027)[IDUL_ADHA_2027] == "Eid al-Adha (estimated)"


@pytest.mark.parametrize(("lang", "mark"), [("id", "(perkiraan)"), ("en", "(estimated)")])
def test_the_estimated_are_exactly_the_marked_names(lang, mark):
    for year in (2026, 2027, 2028):
        names = national(lang)(year)
        estimated = national(lang).estimated(year)
        assert estimated == {day: name for day, name in names.items() if mark in name}
    assert national(lang).estimated(2028)  # later years have more estimates


def test_a_confirmed_holiday_is_not_an_estimate():
    estimated = national().estimated(2026)
    assert dt.date(2026, 3, 23) not in estimated  # cuti bersama
    assert dt.date(2026, 8, 17) not in estimated  # Independence Day


def test_the_estimate_warning_names_idul_adha_2027():
    calendar = national("id")
    days = mondays(dt.date(2027, 5, 3), 5)
    planned = [day for day in days if day not in calendar(2027)]
    assert IDUL_ADHA_2027 not in planned
    [message] = estimate_warnings(calendar, days, planned)
    assert message.level == "warning"
    assert message.params == {"date": IDUL_ADHA_2027, "holiday": "Hari Raya Idul Adha (perkiraan)"}
    text = i18n.render(message, "id")
    assert "17 Mei 2027" in text and "Hari Raya Idul Adha (perkiraan)" in text
    [english] = estimate_warnings(national("en"), days, planned)
    assert "Eid al-Adha (estimated)" in i18n.render(english, "en")


def test_estimates_beside_a_planned_apel_are_warned_and_others_not():
    monday = dt.date(2031, 6, 2)
    estimated = {
        monday - dt.timedelta(days=1): "Sunday before",
        monday + dt.timedelta(days=1): "Tuesday after",
        monday + dt.timedelta(days=2): "Wednesday: too far",
        monday - dt.timedelta(days=2): "Saturday: too far",
        monday + dt.timedelta(weeks=1): "an apel day with no apel",
        monday + dt.timedelta(weeks=1, days=1): "beside an apel day that is a holiday",
    }
    messages = estimate_warnings(Stub(estimated), mondays(monday, 2), [monday])
    assert [(m.params["date"], m.params["holiday"]) for m in messages] == [
        (monday - dt.timedelta(days=1), "Sunday before"),
        (monday + dt.timedelta(days=1), "Tuesday after"),
        (monday + dt.timedelta(weeks=1), "an apel day with no apel"),
    ]


def test_estimates_across_a_new_year_are_found():
    monday = dt.date(2035, 12, 31)
    stub = Stub({dt.date(2036, 1, 1): "New Year estimate"})
    [message] = estimate_warnings(stub, [monday], [monday])
    assert message.params["date"] == dt.date(2036, 1, 1)


# --- freshness ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lacking", "kind", "params", "english", "indonesian"),
    [
        (
            [2031, 2032, 2033],
            "cuti_bersama_missing_range",
            {"first": 2031, "last": 2033},
            "for 2031 to 2033 yet",
            "tahun 2031 sampai 2033",
        ),
        ([2031, 2033], "cuti_bersama_missing", {"years": "2031, 2033"}, "for 2031, 2033 yet", ""),
        ([2031, 2032], "cuti_bersama_missing", {"years": "2031, 2032"}, "for 2031, 2032 yet", ""),
        ([2040], "cuti_bersama_missing", {"years": "2040"}, "for 2040 yet", "tahun 2040:"),
        (
            [2031, 2032, 2034],
            "cuti_bersama_missing",
            {"years": "2031, 2032, 2034"},
            "for 2031, 2032, 2034 yet",
            "tahun 2031, 2032, 2034:",
        ),
    ],
)
def test_the_freshness_warning_names_the_years(lacking, kind, params, english, indonesian):
    years = [2030, *lacking, 2030, *lacking]  # years may repeat and include fresh ones
    [message] = freshness_warnings(Stub(lacking=lacking), years)
    assert (message.kind, message.params, message.level) == (kind, params, "warning")
    assert english in i18n.render(message, "en")
    assert indonesian in i18n.render(message, "id")


def test_no_freshness_warning_when_every_year_has_its_decree():
    assert freshness_warnings(Stub(lacking=[2031]), [2029, 2030, 2032]) == []


def test_the_real_data_warns_for_years_past_its_decrees():
    [message] = freshness_warnings(national(), [2027, 2045, 2046, 2047])
    assert message.params == {"first": 2045, "last": 2047}


# --- a country or category the package does not know ------------------------------------


def test_an_unknown_country_is_a_user_error():
    problem = validate("XX", ("public",))
    assert problem is not None and problem.message.kind == "unknown_holiday_country"
    assert problem.key == "holidays" and problem.message.params == {
        "country": "XX",
        "key": "holidays",
    }
    with pytest.raises(UserError) as raised:
        NationalCalendar("XX", ("public",), "id")(2026)
    assert raised.value.message.kind == "unknown_holiday_country"


def test_an_unknown_category_is_a_user_error():
    problem = validate("ID", ("public", "party"))
    assert problem is not None and problem.key == "holiday_categories"
    assert problem.message.params == {
        "categories": "party",
        "known": "government, public",
        "key": "holiday_categories",
    }
    assert "party" in i18n.render(problem.message, "id")
    with pytest.raises(UserError) as raised:
        NationalCalendar("ID", ("public", "party"), "en")(2026)
    assert raised.value.message.kind == "unknown_holiday_categories"
    assert validate("ID", ("public", "government")) is None
