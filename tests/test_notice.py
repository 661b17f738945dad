"""``notice``: the message sent ahead to the camat and the leader."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import snapshot

# Sunday 13 April 2025, 20:00 in Palembang: the next apel is Monday 14 April.
SUNDAY_EVENING = "2025-04-13T13:00:00+00:00"


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APEL_ROTASI_NOW", SUNDAY_EVENING)


def test_the_next_apel_by_default_in_indonesian(cli):
    out = cli.ok("notice").stdout
    assert out.startswith("Yth. Camat Ilir Timur II,")
    assert "Hari, tanggal: Senin, 14 April 2025" in out
    assert "Pukul: 07:30 WIB" in out
    assert "Tempat: Kantor Camat Ilir Timur II" in out
    assert "Sekretaris Daerah Aprizal Hasyim" in out


def test_english_on_request(cli):
    out = cli.ok("notice", "--lang", "en").stdout
    assert out.startswith("To the Camat of Ilir Timur II,")
    assert "Date: Monday, 14 April 2025" in out


def test_every_apel_of_the_next_weeks_separated_by_a_blank_line(cli):
    out = cli.ok("notice", "--weeks", "3").stdout
    notices = out.strip().split("\n\nYth. ")
    assert len(notices) == 3
    assert "Alang-Alang Lebar" in notices[1] and "Kemuning" in notices[2]


def test_a_notice_for_a_date_typed_in_words(cli):
    out = cli.ok("notice", "28", "April", "2025").stdout
    assert out.startswith("Yth. Camat Kemuning,")


def test_the_roster_template_is_filled_in(cli, home: Path):
    bundled = (Path(__file__).resolve().parents[1] / "data" / "kecamatan.toml").read_text()
    template = (
        '[notice]\ntemplate = "Apel {date} {time} di {place} ({city}), {leader_title} {leader}."\n'
    )
    (home / "kecamatan.toml").write_text(template + bundled, encoding="utf-8")
    out = cli.ok("notice").stdout
    assert out == (
        "Apel Senin, 14 April 2025 07:30 WIB di Kantor Camat Ilir Timur II (Kota Palembang), "
        "Sekretaris Daerah Aprizal Hasyim.\n"
    )


def test_an_unknown_placeholder_is_reported_by_check(cli, home: Path):
    bundled = (Path(__file__).resolve().parents[1] / "data" / "kecamatan.toml").read_text()
    (home / "kecamatan.toml").write_text(
        '[notice]\ntemplate = "Apel {tanggal}"\n' + bundled, encoding="utf-8"
    )
    result = cli("check", "--lang", "en")
    assert result.exit_code == 1
    assert "kecamatan.toml:2:" in result.stderr and "{tanggal}" in result.stderr


def test_a_date_without_apel_says_what_the_plan_has_there(cli, home: Path):
    before = snapshot(home)
    result = cli("notice", "2025-05-12")
    assert result.exit_code == 1
    assert result.stderr.startswith("Kesalahan: tidak ada apel pada Senin, 12 Mei 2025")
    assert "Waisak" in result.stderr
    assert snapshot(home) == before


def test_a_cancelled_date_names_the_reason(cli):
    cli.ok("pin", "2025-04-21", "--cancel", "Apel gabungan")
    result = cli("notice", "2025-04-21", "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr == "Error: no apel on Monday, 21 April 2025: cancelled (Apel gabungan).\n"
