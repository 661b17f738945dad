"""What users type: dates, kecamatan names and leaders (SPEC: "What users type")."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from apel_rotasi.errors import UserError
from apel_rotasi.files import load_roster
from apel_rotasi.model import Kecamatan, Leader
from apel_rotasi.parse import find_kecamatan, find_leader, parse_date


@pytest.fixture(scope="module")
def roster():
    """The bundled roster (a home without kecamatan.toml falls back to it)."""
    loaded, path = load_roster(Path("/nonexistent/apel-rotasi-home"))
    assert path.name == "kecamatan.toml"
    assert len(loaded.kecamatan) == 18
    return loaded


# --- dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-04-14", dt.date(2025, 4, 14)),
        ("14/4/2025", dt.date(2025, 4, 14)),
        ("14/04/2025", dt.date(2025, 4, 14)),
        ("14-04-2025", dt.date(2025, 4, 14)),
        ("14-4-2025", dt.date(2025, 4, 14)),
        ("14 April 2025", dt.date(2025, 4, 14)),
        ("14 april 2025", dt.date(2025, 4, 14)),
        ("14 Mei 2025", dt.date(2025, 5, 14)),
        ("14 May 2025", dt.date(2025, 5, 14)),
        ("Senin, 28 April 2025", dt.date(2025, 4, 28)),
        ("senin, 28 april 2025", dt.date(2025, 4, 28)),
        ("Monday, 28 April 2025", dt.date(2025, 4, 28)),
        ("Jumat, 2 Mei 2025", dt.date(2025, 5, 2)),
        ("Minggu, 4 Mei 2025", dt.date(2025, 5, 4)),
        ("  14/4/2025  ", dt.date(2025, 4, 14)),
    ],
)
def test_dates_people_write(text, expected):
    assert parse_date(text) == expected


def test_day_first_4_5_is_the_fourth_of_may():
    assert parse_date("4/5/2025") == dt.date(2025, 5, 4)
    assert parse_date("04-05-2025") == dt.date(2025, 5, 4)


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
    expected = dt.date(2025, month, 3)
    assert parse_date(f"3 {indonesian} 2025") == expected
    assert parse_date(f"3 {english} 2025") == expected
    assert parse_date(f"3 {indonesian.upper()} 2025") == expected


@pytest.mark.parametrize("text", ["14/4", "14 April", "14-04", "4 Mei"])
def test_a_date_without_a_year_asks_for_the_year(text):
    with pytest.raises(UserError) as caught:
        parse_date(text)
    message = str(caught.value)
    assert "year" in message.lower()
    assert text in message


@pytest.mark.parametrize(
    "text", ["31/2/2025", "29/2/2025", "32/1/2025", "14/13/2025", "2025-02-30"]
)
def test_a_date_that_does_not_exist_quotes_the_text(text):
    with pytest.raises(UserError) as caught:
        parse_date(text)
    assert f'"{text}"' in str(caught.value)


@pytest.mark.parametrize("text", ["garbage", "", "   ", "xx 12", "14 Foo 2025", "tomorrow"])
def test_garbage_is_a_user_error_quoting_the_text(text):
    with pytest.raises(UserError) as caught:
        parse_date(text)
    assert f'"{text}"' in str(caught.value)


def test_a_leap_day_exists_in_a_leap_year():
    assert parse_date("29/2/2028") == dt.date(2028, 2, 29)


@pytest.mark.parametrize(
    "text",
    [
        "Selasa, 28 April 2025",
        "Tuesday, 28 April 2025",
        "Minggu, 14 April 2025",
        "Senin, 29 April 2025",
    ],
)
def test_a_weekday_that_does_not_match_the_date_is_an_error(text):
    with pytest.raises(UserError) as caught:
        parse_date(text)
    assert text in str(caught.value)


def test_a_weekday_without_a_comma_that_does_not_match_is_an_error():
    """ "Tuesday 28 April 2025" contradicts itself (28 April 2025 is a Monday): the tool
    must not silently pick one reading, as it refuses "Tuesday, 28 April 2025"."""
    with pytest.raises(UserError):
        parse_date("Tuesday 28 April 2025")


def test_the_weekday_error_says_which_day_it_really_is():
    with pytest.raises(UserError) as caught:
        parse_date("Selasa, 28 April 2025")
    assert "senin" in str(caught.value).lower() or "monday" in str(caught.value).lower()


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
    ],
)
def test_kecamatan_by_name_short_code_or_alias(roster, text, code):
    assert find_kecamatan(text, roster.kecamatan).code == code


def test_unknown_kecamatan_is_an_error_naming_it(roster):
    with pytest.raises(UserError) as caught:
        find_kecamatan("Atlantis", roster.kecamatan)
    assert "Atlantis" in str(caught.value)


def test_a_near_miss_suggests_the_nearest_name(roster):
    with pytest.raises(UserError) as caught:
        find_kecamatan("Kemunig", roster.kecamatan)
    message = str(caught.value)
    assert "Kemunig" in message
    assert "Kemuning" in message.replace("Kemunig", "")


def test_a_near_miss_of_a_longer_name_suggests_it(roster):
    with pytest.raises(UserError) as caught:
        find_kecamatan("Jakabarring", roster.kecamatan)
    assert "Jakabaring" in str(caught.value)


def test_an_ambiguous_name_lists_every_candidate(roster):
    with pytest.raises(UserError) as caught:
        find_kecamatan("Ilir Timur", roster.kecamatan)
    message = str(caught.value)
    found = set(re.findall(r'"(Ilir Timur I+)"', message))
    assert found == {"Ilir Timur I", "Ilir Timur II", "Ilir Timur III"}
    assert "Ilir Barat" not in message


def test_another_ambiguous_name_lists_only_its_candidates(roster):
    with pytest.raises(UserError) as caught:
        find_kecamatan("Seberang Ulu", roster.kecamatan)
    message = str(caught.value)
    assert "Seberang Ulu I" in message and "Seberang Ulu II" in message
    assert "Ilir" not in message


def test_an_empty_name_is_an_error(roster):
    with pytest.raises(UserError):
        find_kecamatan(" - ", roster.kecamatan)


def test_matching_uses_the_given_roster_not_the_bundled_one():
    mine = [
        Kecamatan("A1", "Kota Lama", "KL", ("Oldtown",)),
        Kecamatan("A2", "Kota Baru", None, ()),
    ]
    assert find_kecamatan("oldtown", mine).code == "A1"
    assert find_kecamatan("kl", mine).code == "A1"
    assert find_kecamatan("a2", mine).code == "A2"
    with pytest.raises(UserError):
        find_kecamatan("Kemuning", mine)


# --- leaders --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "leader_id"),
    [
        ("sekda", "sekda"),
        ("SEKDA", "sekda"),
        ("Aprizal Hasyim", "sekda"),
        ("aprizal hasyim", "sekda"),
        ("APRIZAL HASYIM", "sekda"),
        ("walikota", "walikota"),
        ("Ratu Dewa", "walikota"),
        ("ratu dewa", "walikota"),
        ("wawako", "wawako"),
        ("Prima Salam", "wawako"),
    ],
)
def test_leader_by_id_or_name_ignoring_case(roster, text, leader_id):
    assert find_leader(text, roster.leaders).id == leader_id


def test_a_misspelt_leader_is_an_error_with_a_suggestion(roster):
    with pytest.raises(UserError) as caught:
        find_leader("Afrizal Hasyim", roster.leaders)
    message = str(caught.value)
    assert "Afrizal Hasyim" in message
    assert "Aprizal Hasyim" in message


def test_an_unknown_leader_is_an_error(roster):
    with pytest.raises(UserError) as caught:
        find_leader("Bob", roster.leaders)
    assert "Bob" in str(caught.value)


def test_leader_lookup_uses_the_given_leaders():
    leaders = [Leader("bupati", "Siti Aminah", "Bupati", True)]
    assert find_leader("SITI AMINAH", leaders).id == "bupati"
    with pytest.raises(UserError):
        find_leader("sekda", leaders)
