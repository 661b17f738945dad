"""What users type: dates, kecamatan names and leaders (SPEC: "What users type")."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path

import pytest
from conftest import BUNDLED, CODES, ROTATION

from apel_rotasi import parse
from apel_rotasi.errors import UserError
from apel_rotasi.i18n import en as english
from apel_rotasi.i18n import id as indonesian_catalogue
from apel_rotasi.i18n import render
from apel_rotasi.model import Kecamatan, Leader, Roster, Rotation
from apel_rotasi.parse import (
    check_printable,
    find_kecamatan,
    find_leader,
    join_date,
    parse_date,
    parse_month,
    split_date_and_kecamatan,
    split_date_and_optional_kecamatan,
)

TODAY = dt.date(2025, 4, 30)  # a Wednesday
D = dt.date
# Phrases of dateutil and of datetime that must never reach a user.
LIBRARY_TEXT = ["Unknown string format", "must be in", "out of range", "String does not"]


@pytest.fixture(autouse=True)
def _cache(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rendering a date loads day and month names through the cache: keep it in the session's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_dir))


@pytest.fixture(scope="module")
def kecamatan() -> Roster:
    """A roster of the bundled kecamatan, read straight from data/kecamatan.toml."""
    data = tomllib.loads(BUNDLED.read_text(encoding="utf-8"))
    found = [
        Kecamatan(k["code"], k["name"], k.get("short"), tuple(k.get("aliases", ())))
        for k in data["kecamatan"]
    ]
    assert [k.name for k in found] == ROTATION
    return roster_of(*found)


def roster_of(*kecamatan: Kecamatan) -> Roster:
    return Roster(Rotation(), (Leader("sekda", "Sekda", default=True),), kecamatan)


@pytest.fixture(scope="module")
def leaders() -> list[Leader]:
    data = tomllib.loads(BUNDLED.read_text(encoding="utf-8"))
    return [
        Leader(x["id"], x["name"], x.get("title"), x.get("default", False), tuple(x["aliases"]))
        for x in data["leader"]
    ]


def fails(call, *args) -> UserError:
    with pytest.raises(UserError) as caught:
        call(*args)
    return caught.value


def said(error: UserError, lang: str = "en") -> str:
    return render(error.message, lang)


def both(error: UserError) -> list[str]:
    return [said(error, "id"), said(error, "en")]


# --- dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-04-14", D(2025, 4, 14)),
        ("14/4/2025", D(2025, 4, 14)),
        ("14/04/2025", D(2025, 4, 14)),
        ("14-04-2025", D(2025, 4, 14)),
        ("14-4-2025", D(2025, 4, 14)),
        ("14.4.2025", D(2025, 4, 14)),
        ("2025/4/14", D(2025, 4, 14)),
        ("14 April 2025", D(2025, 4, 14)),
        ("14 april 2025", D(2025, 4, 14)),
        ("14  April   2025", D(2025, 4, 14)),
        ("14-Apr-2025", D(2025, 4, 14)),
        ("April 14, 2025", D(2025, 4, 14)),
        ("2025 April 14", D(2025, 4, 14)),
        ("14 Mei 2025", D(2025, 5, 14)),
        ("14 May 2025", D(2025, 5, 14)),
        ("Senin, 28 April 2025", D(2025, 4, 28)),
        ("senin, 28 april 2025", D(2025, 4, 28)),
        ("Senin 28 April 2025", D(2025, 4, 28)),
        ("Monday, 28 April 2025", D(2025, 4, 28)),
        ("Mon. 28 Apr. 2025", D(2025, 4, 28)),
        ("Senin, 28/4/2025", D(2025, 4, 28)),
        ("Senin, 2025-04-28", D(2025, 4, 28)),
        ("Senin, 18 Agt 2025", D(2025, 8, 18)),
        ("Jumat, 2 Mei 2025", D(2025, 5, 2)),
        ("Jum'at, 2 Mei 2025", D(2025, 5, 2)),
        ("Minggu, 4 Mei 2025", D(2025, 5, 4)),
        ("  14/4/2025  ", D(2025, 4, 14)),
        ("Sen, 5 Mei 2025", D(2025, 5, 5)),
        ("Sen. 5 Mei 2025", D(2025, 5, 5)),
        ("Jum, 2 Mei 2025", D(2025, 5, 2)),
        ("tgl 5 Mei 2025", D(2025, 5, 5)),
        ("Tgl. 5 Mei 2025", D(2025, 5, 5)),
        ("tanggal 5 Mei 2025", D(2025, 5, 5)),
        ("Senin, tgl 5 Mei 2025", D(2025, 5, 5)),
        ("Senin, tanggal 5/5/2025", D(2025, 5, 5)),
        ("5/5/25", D(2025, 5, 5)),
        ("05-05-25", D(2025, 5, 5)),
        ("5 Mei 25", D(2025, 5, 5)),
        ("Sen, 5/5/25", D(2025, 5, 5)),
    ],
)
def test_dates_people_write(text, expected):
    assert parse_date(text, TODAY) == expected


def test_day_first_4_5_is_the_fourth_of_may():
    assert parse_date("4/5/2025", TODAY) == D(2025, 5, 4)
    assert parse_date("04-05-2025", TODAY) == D(2025, 5, 4)


@pytest.mark.parametrize(
    ("indonesian", "english", "month"),
    [
        ("Januari", "January", 1),
        ("Februari", "February", 2),
        ("Maret", "March", 3),
        ("April", "April", 4),
        ("Mei", "May", 5),
        ("Juni", "June", 6),
        ("Juli", "July", 7),
        ("Agustus", "August", 8),
        ("September", "September", 9),
        ("Oktober", "October", 10),
        ("November", "November", 11),
        ("Desember", "December", 12),
    ],
)
def test_every_month_name_in_both_languages(indonesian, english, month):
    expected = D(2025, month, 3)
    assert parse_date(f"3 {indonesian} 2025", TODAY) == expected
    assert parse_date(f"3 {english} 2025", TODAY) == expected
    assert parse_date(f"3 {indonesian.upper()} 2025", TODAY) == expected


ABBREVIATIONS = {
    "Jan": 1, "Feb": 2, "Peb": 2, "Mar": 3, "Apr": 4, "Mei": 5, "May": 5, "Jun": 6, "Jul": 7,
    "Agu": 8, "Agt": 8, "Ags": 8, "Agst": 8, "Aug": 8, "Sep": 9, "Sept": 9, "Okt": 10,
    "Oct": 10, "Nov": 11, "Nop": 11, "Des": 12, "Dec": 12,
}  # fmt: skip


@pytest.mark.parametrize(("word", "month"), ABBREVIATIONS.items())
@pytest.mark.parametrize("dot", ["", "."])
def test_month_abbreviations_with_or_without_a_dot(word, month, dot):
    assert parse_date(f"18 {word}{dot} 2025", TODAY) == D(2025, month, 18)
    assert parse_date(f"18 {word.upper()}{dot} 2025", TODAY) == D(2025, month, 18)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18 Ags 2025", D(2025, 8, 18)),
        ("18 Agst 2025", D(2025, 8, 18)),
        ("18 Agu 2025", D(2025, 8, 18)),
        ("1 Sept 2025", D(2025, 9, 1)),
        ("5 Nop 2025", D(2025, 11, 5)),
        ("5 Nopember 2025", D(2025, 11, 5)),
        ("3 Pebruari 2025", D(2025, 2, 3)),
    ],
)
def test_the_spellings_of_the_issue(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("hari ini", 0),
        ("Hari Ini", 0),
        ("  hari   ini ", 0),
        ("today", 0),
        ("TODAY", 0),
        ("kemarin", -1),
        ("yesterday", -1),
        ("besok", 1),
        ("Besok", 1),
        ("tomorrow", 1),
        ("lusa", 2),
        ("Lusa", 2),
    ],
)
def test_relative_words_count_from_the_given_today(text, days):
    assert parse_date(text, TODAY) == TODAY + dt.timedelta(days=days)
    new_year = D(2026, 1, 1)
    assert parse_date(text, new_year) == new_year + dt.timedelta(days=days)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("senin depan", D(2025, 5, 5)),
        ("Senin Depan", D(2025, 5, 5)),
        ("next monday", D(2025, 5, 5)),
        ("Next Monday", D(2025, 5, 5)),
        ("rabu depan", D(2025, 5, 7)),  # today is a Wednesday: the next one, a week on
        ("next wednesday", D(2025, 5, 7)),
        ("kamis depan", D(2025, 5, 1)),
        ("senin lalu", D(2025, 4, 28)),
        ("last monday", D(2025, 4, 28)),
        ("rabu lalu", D(2025, 4, 23)),
        ("last wednesday", D(2025, 4, 23)),
        ("selasa lalu", D(2025, 4, 29)),
        ("jumat lalu", D(2025, 4, 25)),
    ],
)
def test_a_day_name_with_depan_or_lalu(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["bulan depan", "next week", "senin depan depan", "lalu senin"])
def test_other_words_with_depan_or_lalu_are_unreadable(text):
    assert fails(parse_date, text, TODAY).message.kind == "date_unreadable"


@pytest.mark.parametrize(
    ("text", "example"),
    [
        ("14/4", "14/4/2025"),
        ("14-04", "14-04-2025"),
        ("14 April", "14 April 2025"),
        ("4 Mei", "4 Mei 2025"),
        ("Senin, 14 April", "14 April 2025"),
    ],
)
def test_a_date_without_a_year_asks_for_the_year(text, example):
    error = fails(parse_date, text, TODAY)
    assert error.message.kind == "date_no_year"
    assert error.message.params["example"] == example
    indonesian, english = both(error)
    assert f'"{text}"' in indonesian and f'"{text}"' in english
    assert "tahun" in indonesian and "year" in english
    assert example in indonesian


@pytest.mark.parametrize(
    ("text", "last_day"),
    [
        ("31/2/2025", D(2025, 2, 28)),
        ("29/2/2025", D(2025, 2, 28)),
        ("2025-02-30", D(2025, 2, 28)),
        ("31 April 2025", D(2025, 4, 30)),
        ("30 Feb 2028", D(2028, 2, 29)),
    ],
)
def test_a_day_past_the_end_of_its_month_names_the_last_day(text, last_day):
    error = fails(parse_date, text, TODAY)
    assert error.message.kind == "date_no_such_day"
    assert error.message.params["last"] == last_day
    indonesian, english = both(error)
    assert f'"{text}"' in indonesian and f'"{text}"' in english
    assert f"{last_day.day} Februari" in indonesian or f"{last_day.day} April" in indonesian


UNREADABLE = [
    "garbage",
    "",
    "   ",
    "xx 12",
    "14 Foo 2025",
    "14/13/2025",
    "2025-13-01",
    "32/1/2025",
    "0/1/2025",
    "-1/4/2025",
    "April 2025",
    "14 April 2025 Kemuning",
    "14 April Mei 2025",
    "14th April 2025",
    "1e5",
    "١٤/٤/٢٠٢٥",
    "Senin",
    "Senin, besok",
    "2025 14 April",
    "99999999",
]


@pytest.mark.parametrize("text", UNREADABLE)
def test_an_unreadable_date_is_quoted_with_the_forms_understood(text):
    error = fails(parse_date, text, TODAY)
    assert error.message.kind == "date_unreadable"
    indonesian, english = both(error)
    assert f'"{text}"' in indonesian and f'"{text}"' in english
    for form in ["14/4/2025", "2025-04-14", "14 April 2025"]:
        assert form in indonesian and form in english
    assert '"hari ini"' in indonesian and '"today"' in english


@pytest.mark.parametrize("text", [*UNREADABLE, "31/2/2025", "14 April 202", "Selasa, 28/4/2025"])
def test_no_library_text_reaches_a_date_error(text):
    for message in both(fails(parse_date, text, TODAY)):
        for phrase in LIBRARY_TEXT:
            assert phrase not in message


@pytest.mark.parametrize(
    ("text", "example"),
    [("1/2/3", "14/4/2025"), ("14/4/202", "14/4/2025"), ("14 April 202", "14 April 2025")],
)
def test_a_year_of_one_or_three_digits_must_be_written_in_full(text, example):
    error = fails(parse_date, text, TODAY)
    assert error.message.kind == "date_year_in_full"
    indonesian, english = both(error)
    assert f'"{text}"' in indonesian and example in indonesian
    assert "empat angka" in indonesian and "four digits" in english


def test_a_leap_day_exists_in_a_leap_year():
    assert parse_date("29/2/2028", TODAY) == D(2028, 2, 29)


@pytest.mark.parametrize(
    "text",
    [
        "Selasa, 28 April 2025",
        "Tuesday, 28 April 2025",
        "Tuesday 28 April 2025",
        "Minggu, 14 April 2025",
        "Senin, 29 April 2025",
        "Selasa, 28/4/2025",
    ],
)
def test_a_weekday_that_does_not_match_the_date_is_an_error(text):
    error = fails(parse_date, text, TODAY)
    assert error.message.kind == "date_wrong_weekday"
    assert all(f'"{text}"' in message for message in both(error))


def test_the_weekday_error_says_which_day_it_really_is():
    indonesian, english = both(fails(parse_date, "Selasa, 28 April 2025", TODAY))
    assert "Senin, 28 April 2025" in indonesian
    assert "Monday, 28 April 2025" in english


def test_control_characters_typed_into_a_date_are_quoted_escaped():
    for message in both(fails(parse_date, "\x1b[2J14/4/2025\x07", TODAY)):
        assert "\x1b" not in message and "\x07" not in message
        assert '"\\x1b[2J14/4/2025\\x07"' in message


def test_a_date_spread_over_several_words():
    assert join_date(["14", "April", "2025"], TODAY) == D(2025, 4, 14)
    assert join_date(["Senin,", "28", "April", "2025"], TODAY) == D(2025, 4, 28)
    assert join_date(["hari", "ini"], TODAY) == TODAY
    assert join_date(["14/4/2025"], TODAY) == D(2025, 4, 14)
    error = fails(join_date, ["14", "April"], TODAY)
    assert error.message.kind == "date_no_year"
    assert '"14 April"' in said(error)


# --- months -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-04", (2025, 4)),
        ("2025-4", (2025, 4)),
        ("4/2025", (2025, 4)),
        ("04-2025", (2025, 4)),
        ("April 2025", (2025, 4)),
        ("april 2025", (2025, 4)),
        ("Mei 2025", (2025, 5)),
        ("May 2025", (2025, 5)),
        ("Agt 2025", (2025, 8)),
        ("Ags. 2025", (2025, 8)),
        ("Sept. 2025", (2025, 9)),
        ("Nop 2025", (2025, 11)),
        ("Desember 2025", (2025, 12)),
        ("  Juni 2025 ", (2025, 6)),
    ],
)
def test_months_people_write(text, expected):
    assert parse_month(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "month"), [("desember", 12), ("Desember", 12), ("december", 12), ("Agt", 8)]
)
def test_a_month_name_alone_is_that_month_of_this_year(text, month):
    assert parse_month(text, TODAY) == (2025, month)
    assert parse_month(text, D(2027, 1, 3)) == (2027, month)


@pytest.mark.parametrize(
    "text", ["2025-13", "13/2025", "0/2025", "Foo", "Foo 2025", "", "2025", "14 April 2025"]
)
def test_an_unreadable_month_is_quoted_with_examples(text):
    error = fails(parse_month, text, TODAY)
    assert error.message.kind == "month_unreadable"
    for message in both(error):
        assert f'"{text}"' in message and "2025-04" in message
        assert not any(phrase in message for phrase in LIBRARY_TEXT)


# --- kecamatan ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("IT II", "16.71.06"),
        ("it 2", "16.71.06"),
        ("it ii", "16.71.06"),
        ("Ilir Timur II", "16.71.06"),
        ("Ilir Timur 2", "16.71.06"),
        ("Ilir Timur Dua", "16.71.06"),
        ("ILIR TIMUR II", "16.71.06"),
        ("ilir-timur.ii", "16.71.06"),
        ("16.71.06", "16.71.06"),
        ("AAL", "16.71.15"),
        ("aal", "16.71.15"),
        ("Alang-alang Lebar", "16.71.15"),
        ("Alang-Alang Lebar", "16.71.15"),
        ("alang alang lebar", "16.71.15"),
        ("Bukitkecil", "16.71.11"),
        ("Bukit Kecil", "16.71.11"),
        ("kemuning", "16.71.09"),
        ("Ilir Timur I", "16.71.05"),
        ("Ilir Timur 1", "16.71.05"),
        ("IT III", "16.71.18"),
        ("it 3", "16.71.18"),
        ("Seberang Ulu 2", "16.71.03"),
        ("  Plaju  ", "16.71.14"),
        ("Kec. Kemuning", "16.71.09"),
        ("kec kemuning", "16.71.09"),
        ("KEC.KEMUNING", "16.71.09"),
        ("Kec . Kemuning", "16.71.09"),
        ("Kecamatan Ilir Timur 2", "16.71.06"),
        ("kecamatan  AAL", "16.71.15"),
        ("Kec. IT II", "16.71.06"),
        ("Kecamatan 16.71.06", "16.71.06"),
        ("Kecamatan Bukit Kecil", "16.71.11"),
    ],
)
def test_kecamatan_by_name_short_code_or_alias(kecamatan, text, code):
    assert find_kecamatan(text, kecamatan).code == code


def test_every_name_of_the_roster_finds_its_own_kecamatan(kecamatan):
    for name, code in CODES.items():
        assert find_kecamatan(name, kecamatan).code == code
        assert find_kecamatan(f"Kecamatan {name}", kecamatan).code == code
        assert find_kecamatan(f"Kec. {name}", kecamatan).code == code


def test_a_name_that_itself_begins_with_kec_is_found_whole():
    mine = roster_of(Kecamatan("X1", "Kec Baru"), Kecamatan("X2", "Baru"))
    assert find_kecamatan("Kec Baru", mine).code == "X1"
    assert find_kecamatan("Kecamatan Baru", mine).code == "X2"


@pytest.mark.parametrize("text", ["Kecamatan", "Kec.", "Kecamatan Atlantis"])
def test_the_word_kecamatan_alone_names_none(kecamatan, text):
    error = fails(find_kecamatan, text, kecamatan)
    assert error.message.kind in ("kecamatan_unknown", "kecamatan_unknown_suggest")
    assert f'"{text}"' in said(error)


def test_unknown_kecamatan_is_an_error_naming_it(kecamatan):
    error = fails(find_kecamatan, "Atlantis", kecamatan)
    assert error.message.kind == "kecamatan_unknown"
    indonesian, english = both(error)
    assert '"Atlantis"' in indonesian and '"Atlantis"' in english
    assert "apel-rotasi kecamatan" in indonesian


def test_a_near_miss_suggests_the_nearest_name(kecamatan):
    error = fails(find_kecamatan, "Kemunig", kecamatan)
    assert error.message.kind == "kecamatan_unknown_suggest"
    assert error.message.params["suggestions"] == ["Kemuning"]
    for message in both(error):
        assert "Kemunig" in message
        assert "Kemuning" in message.replace("Kemunig", "")


def test_a_near_miss_after_kec_suggests_too(kecamatan):
    error = fails(find_kecamatan, "Kec. Kemunig", kecamatan)
    assert error.message.params == {"text": "Kec. Kemunig", "suggestions": ["Kemuning"]}


def test_a_near_miss_of_a_longer_name_suggests_it(kecamatan):
    error = fails(find_kecamatan, "Jakabarring", kecamatan)
    assert "Jakabaring" in said(error, "id")


def test_an_ambiguous_name_lists_every_candidate(kecamatan):
    error = fails(find_kecamatan, "Ilir Timur", kecamatan)
    assert error.message.kind == "kecamatan_ambiguous"
    candidates = ["Ilir Timur I", "Ilir Timur II", "Ilir Timur III"]
    assert error.message.params["candidates"] == candidates
    indonesian, english = both(error)
    assert "Ilir Timur I, Ilir Timur II atau Ilir Timur III" in indonesian
    assert "Ilir Timur I, Ilir Timur II or Ilir Timur III" in english
    assert "Ilir Barat" not in indonesian


def test_another_ambiguous_name_lists_only_its_candidates(kecamatan):
    error = fails(find_kecamatan, "Kec. Seberang Ulu", kecamatan)
    assert error.message.params["candidates"] == ["Seberang Ulu I", "Seberang Ulu II"]
    assert "Ilir" not in said(error)


@pytest.mark.parametrize("text", [" - ", "", "..."])
def test_an_empty_name_is_an_error(kecamatan, text):
    error = fails(find_kecamatan, text, kecamatan)
    assert error.message.kind == "kecamatan_empty"
    assert f'"{text}"' in said(error, "id")


def test_matching_uses_the_given_roster_not_the_bundled_one():
    mine = roster_of(
        Kecamatan("A1", "Kota Lama", "KL", ("Oldtown",)),
        Kecamatan("A2", "Kota Baru", None, ()),
    )
    assert find_kecamatan("oldtown", mine).code == "A1"
    assert find_kecamatan("kl", mine).code == "A1"
    assert find_kecamatan("a2", mine).code == "A2"
    assert find_kecamatan("Kec. Kota Lama", mine).code == "A1"
    with pytest.raises(UserError):
        find_kecamatan("Kemuning", mine)


def test_a_changed_roster_finds_its_own_kecamatan_not_the_ones_it_had():
    before = roster_of(Kecamatan("A1", "Kota Lama", "KL"))
    after = before.replace(kecamatan=(Kecamatan("B1", "Kota Baru", "KB"),))
    assert find_kecamatan("kb", after).code == "B1"
    assert fails(find_kecamatan, "KL", after).message.kind == "kecamatan_unknown"


def test_a_kecamatan_name_with_control_characters_is_quoted_escaped(kecamatan):
    for message in both(fails(find_kecamatan, "Atlan\x1b]0;tis\x07", kecamatan)):
        assert "\x1b" not in message and "\x07" not in message
        assert "\\x1b" in message


# --- leaders --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "leader_id"),
    [
        ("sekda", "sekda"),
        ("SEKDA", "sekda"),
        ("Aprizal Hasyim", "sekda"),
        ("aprizal hasyim", "sekda"),
        ("APRIZAL HASYIM", "sekda"),
        ("  aprizal   hasyim ", "sekda"),
        ("Pak Sekda", "sekda"),
        ("pak sekda", "sekda"),
        ("Sekretaris Daerah", "sekda"),
        ("walikota", "walikota"),
        ("Ratu Dewa", "walikota"),
        ("ratu  dewa", "walikota"),
        ("wako", "walikota"),
        ("Wako", "walikota"),
        ("WAKO", "walikota"),
        ("wali kota", "walikota"),
        ("Wali  Kota", "walikota"),
        ("wawako", "wawako"),
        ("Prima Salam", "wawako"),
        ("Wakil Wali Kota", "wawako"),
        ("wakil walikota", "wawako"),
    ],
)
def test_leader_by_id_name_or_alias_ignoring_case_and_spaces(leaders, text, leader_id):
    assert find_leader(text, leaders).id == leader_id


def test_wako_is_the_wali_kota_not_the_wakil(leaders):
    """Fuzzy matching once sent ``wako`` to ``wawako``; an exact alias comes first."""
    assert find_leader("wako", leaders).name == "Ratu Dewa"


def test_a_misspelt_leader_is_an_error_with_a_suggestion(leaders):
    error = fails(find_leader, "Afrizal Hasyim", leaders)
    assert error.message.kind == "leader_unknown_suggest"
    assert error.message.params["suggestion"] == "sekda (Aprizal Hasyim, Sekretaris Daerah)"
    indonesian, english = both(error)
    assert '"Afrizal Hasyim"' in indonesian and "Mungkin maksudnya" in indonesian
    assert "Aprizal Hasyim" in english


def test_a_misspelt_alias_suggests_its_leader(leaders):
    error = fails(find_leader, "wakoo", leaders)
    assert error.message.params["suggestion"].startswith("walikota (Ratu Dewa")


def test_an_unknown_leader_is_an_error_listing_the_leaders(leaders):
    error = fails(find_leader, "Bob", leaders)
    assert error.message.kind == "leader_unknown"
    indonesian, english = both(error)
    assert '"Bob"' in indonesian and '"Bob"' in english
    listing = "sekda (Aprizal Hasyim, Sekretaris Daerah), walikota (Ratu Dewa, Wali Kota)"
    assert f"{listing} atau wawako (Prima Salam, Wakil Wali Kota)" in indonesian
    assert f"{listing} or wawako (Prima Salam, Wakil Wali Kota)" in english


@pytest.mark.parametrize("text", ["", "   ", "-"])
def test_an_empty_leader_is_an_error(leaders, text):
    assert fails(find_leader, text, leaders).message.kind == "leader_unknown"


@pytest.mark.parametrize(
    ("text", "leader_id"),
    [
        ("Pak Wako", "walikota"),
        ("Pak Wali", "walikota"),
        ("Bapak Wali Kota", "walikota"),
        ("H. Ratu Dewa", "walikota"),
        ("h ratu dewa", "walikota"),
        ("Dewa", "walikota"),
        ("Ratu", "walikota"),
        ("Pak Dewa", "walikota"),
        ("Pak Sekda", "sekda"),
        ("Bu Sekda", "sekda"),
        ("Aprizal", "sekda"),
        ("Hasyim", "sekda"),
        ("Dr. H. Aprizal Hasyim", "sekda"),
        ("Bapak Dr. Aprizal", "sekda"),
        ("Pak Wakil", "wawako"),
        ("Ibu Prima", "wawako"),
        ("Hj. Prima Salam", "wawako"),
    ],
)
def test_leaders_as_people_name_them(leaders, text, leader_id):
    assert find_leader(text, leaders).id == leader_id


def test_pak_wako_suggests_the_wali_kota_once_the_honorific_is_dropped(leaders):
    error = fails(find_leader, "Pak Wakoo", leaders)
    assert error.message.kind == "leader_unknown_suggest"
    assert error.message.params["suggestion"].startswith("walikota (Ratu Dewa")


@pytest.mark.parametrize("text", ["Kota", "Pak Kota"])
def test_a_word_two_leaders_share_lists_both(leaders, text):
    error = fails(find_leader, text, leaders)
    assert error.message.kind == "leader_ambiguous"
    assert [c.split()[0] for c in error.message.params["candidates"]] == ["walikota", "wawako"]


def test_an_honorific_alone_is_a_name_when_a_leader_has_it():
    mine = [Leader("a", "Bu", default=True), Leader("b", "Budi")]
    assert find_leader("bu", mine).id == "a"
    assert find_leader("Pak Budi", mine).id == "b"


def test_names_are_compared_without_accents():
    mine = roster_of(Kecamatan("1", "Déwa Sári"), Kecamatan("2", "Beta"))
    assert find_kecamatan("dewa sari", mine).code == "1"
    assert find_leader("DEWA", [Leader("d", "Déwa", default=True)]).id == "d"


def test_leader_lookup_uses_the_given_leaders():
    leaders = [Leader("bupati", "Siti Aminah", "Bupati", True, ("Bu Bupati",))]
    assert find_leader("SITI AMINAH", leaders).id == "bupati"
    assert find_leader("bu bupati", leaders).id == "bupati"
    with pytest.raises(UserError):
        find_leader("sekda", leaders)


def test_a_name_two_leaders_answer_to_is_ambiguous():
    """Aliases are unique as written, but ``Wali Kota`` and ``walikota`` read the same."""
    leaders = [Leader("a", "Ani", aliases=("Wali Kota",)), Leader("b", "Walikota")]
    error = fails(find_leader, "walikota", leaders)
    assert error.message.kind == "leader_ambiguous"
    assert error.message.params["candidates"] == ["a (Ani)", "b (Walikota)"]


# --- arguments typed without quotes ---------------------------------------------------


@pytest.mark.parametrize(
    ("words", "expected", "code"),
    [
        ("14 April 2025 Ilir Timur II", D(2025, 4, 14), "16.71.06"),
        ("Senin, 5 Januari 2026 IB 2", D(2026, 1, 5), "16.71.01"),
        ("2025-04-14 Kec. Kemuning", D(2025, 4, 14), "16.71.09"),
        ("18 Agt 2025 Kecamatan Alang-Alang Lebar", D(2025, 8, 18), "16.71.15"),
        ("hari ini Seberang Ulu II", TODAY, "16.71.03"),
        ("14/4/2025 Kemuning", D(2025, 4, 14), "16.71.09"),
        ("14 April 2025 - Kemuning", D(2025, 4, 14), "16.71.09"),
    ],
)
def test_unquoted_words_split_into_a_date_and_a_kecamatan(kecamatan, words, expected, code):
    day, kec = split_date_and_kecamatan(words.split(), kecamatan, TODAY, "record")
    assert (day, kec.code) == (expected, code)


def test_a_date_without_its_year_before_a_kecamatan_asks_for_the_year(kecamatan):
    words = ["14", "April", "Ilir", "Timur", "II"]
    error = fails(split_date_and_kecamatan, words, kecamatan, TODAY, "record")
    assert error.message.kind == "date_no_year"


def test_quoted_arguments_are_read_as_given(kecamatan):
    day, kec = split_date_and_kecamatan(["14 April 2025", "Ilir Timur II"], kecamatan, TODAY, "x")
    assert (day, kec.code) == (D(2025, 4, 14), "16.71.06")
    day, kec = split_date_and_kecamatan(
        ["14 April 2025", "Ilir", "Timur II"], kecamatan, TODAY, "x"
    )
    assert (day, kec.code) == (D(2025, 4, 14), "16.71.06")


@pytest.mark.parametrize(
    "words", ["Ilir Timur II 14 April 2025", "Kemuning 14 April 2025", "a b c"]
)
def test_no_split_giving_a_date_suggests_quotes(kecamatan, words):
    error = fails(split_date_and_kecamatan, words.split(), kecamatan, TODAY, "record")
    assert error.message.kind == "words_unclear"
    indonesian, english = both(error)
    assert f'"{words}"' in indonesian and "tanda kutip" in indonesian
    assert 'apel-rotasi record "14 April 2025" "Ilir Timur II"' in indonesian
    assert "quotes" in english and "apel-rotasi record " in english


def test_several_splits_suggest_quotes(kecamatan, monkeypatch):
    """No two date forms differ only by trailing words today; should one ever, the words
    must not be read by a guess. Here every prefix reads as a date."""
    monkeypatch.setattr(parse, "parse_date", lambda text, today: TODAY)
    error = fails(split_date_and_kecamatan, ["x", "Kemuning", "Sako"], kecamatan, TODAY, "pin")
    assert error.message.kind == "words_unclear"
    assert 'apel-rotasi pin "14 April 2025"' in said(error, "id")


def test_a_date_followed_by_an_ambiguous_kecamatan_says_so_and_how_it_was_read(kecamatan):
    words = ["14", "April", "2025", "Ilir", "Timur"]
    error = fails(split_date_and_kecamatan, words, kecamatan, TODAY, "record")
    assert error.message.kind == "words_kecamatan"
    assert error.message.params["reason"].kind == "kecamatan_ambiguous"
    indonesian, english = both(error)
    assert "Ilir Timur I, Ilir Timur II atau Ilir Timur III" in indonesian
    assert 'apel-rotasi record "14 April 2025" "Ilir Timur"' in indonesian
    assert "tanda kutip" in indonesian and "quotes" in english


def test_a_date_followed_by_a_misspelt_kecamatan_suggests_it(kecamatan):
    error = fails(
        split_date_and_kecamatan, ["Senin,", "5", "Jan", "2026", "Kemunig"], kecamatan, TODAY, "pin"
    )
    assert error.message.params["reason"].params["suggestions"] == ["Kemuning"]
    assert 'apel-rotasi pin "Senin, 5 Jan 2026" "Kemunig"' in said(error)


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        (["14 April", "Kemuning"], "date_no_year"),
        (["31/2/2025", "Kemuning"], "date_no_such_day"),
        (["14/4/2025", "Kemunig"], "kecamatan_unknown_suggest"),
        (["14/4/2025", "Ilir Timur"], "kecamatan_ambiguous"),
        (["besok?"], "date_unreadable"),
    ],
)
def test_one_or_two_words_keep_their_own_error(kecamatan, words, kind):
    error = fails(split_date_and_kecamatan, words, kecamatan, TODAY, "record")
    assert error.message.kind == kind


@pytest.mark.parametrize("words", [["14", "April", "2025"], ["14/4/2025"], ["hari", "ini"]])
def test_a_date_alone_where_a_kecamatan_is_needed(kecamatan, words):
    error = fails(split_date_and_kecamatan, words, kecamatan, TODAY, "record")
    assert error.message.kind == "kecamatan_missing"
    assert 'apel-rotasi record "14 April 2025" "Ilir Timur II"' in said(error, "id")


@pytest.mark.parametrize(
    ("words", "expected", "code"),
    [
        ("5 Januari 2026", D(2026, 1, 5), None),
        ("Senin, 5 Januari 2026", D(2026, 1, 5), None),
        ("besok", TODAY + dt.timedelta(days=1), None),
        ("Senin, 5 Januari 2026 IB 2", D(2026, 1, 5), "16.71.01"),
        ("2026-01-05 Kemuning", D(2026, 1, 5), "16.71.09"),
    ],
)
def test_pin_takes_a_date_and_perhaps_a_kecamatan(kecamatan, words, expected, code):
    day, kec = split_date_and_optional_kecamatan(words.split(), kecamatan, TODAY, "pin")
    assert (day, kec.code if kec else None) == (expected, code)


def test_pin_with_a_date_without_year_says_so(kecamatan):
    error = fails(split_date_and_optional_kecamatan, ["14 April"], kecamatan, TODAY, "pin")
    assert error.message.kind == "date_no_year"
    error = fails(
        split_date_and_optional_kecamatan, ["5", "Jan", "IB", "2"], kecamatan, TODAY, "pin"
    )
    assert error.message.kind == "date_no_year"


# --- control characters ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "char", "position"),
    [
        ("Apel\x1b[31m merah", "\\x1b", 5),
        ("\x07bel", "\\x07", 1),
        ("hapus\x7f", "\\x7f", 6),
        ("C1\x9b31m", "\\x9b", 3),
        ("nul\x00", "\\x00", 4),
        ("baris\r\nbaru", "\\x0d", 6),
        ("form\x0cfeed", "\\x0c", 5),
    ],
)
def test_a_control_character_in_a_note_is_an_error(text, char, position):
    error = fails(check_printable, text, "--note")
    assert error.message.kind == "control_character"
    assert error.message.params == {"what": "--note", "char": char, "position": position}
    for message in both(error):
        assert "--note" in message and char in message
        assert not any(c in message for c in "\x1b\x07\x7f\x9b\x00\r\x0c")


@pytest.mark.parametrize(
    "text",
    ["Apel gabungan di Kantor Wali Kota", "baris satu\nbaris dua", "a\tb", "Hujan — ✓ 🙏", ""],
)
def test_printable_text_with_line_breaks_and_tabs_passes(text):
    assert check_printable(text, "--cancel") == text


def test_the_error_names_the_option():
    error = fails(check_printable, "\x1b", "--cancel")
    assert "--cancel" in said(error, "id") and "--cancel" in said(error, "en")


# --- the catalogues -------------------------------------------------------------------


def test_every_kind_raised_here_is_in_both_languages():
    source = Path(parse.__file__).read_text(encoding="utf-8")
    kinds = set(re.findall(r'UserError\(\s*"(\w+)"', source))
    assert len(kinds) >= 17
    assert kinds <= set(indonesian_catalogue.MESSAGES)
    assert kinds <= set(english.MESSAGES)
