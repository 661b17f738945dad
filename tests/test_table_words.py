"""At 60, 80 and 120 columns every listing fits, and every word it shows is whole: a
date, a name, a header, a word of a note (SPEC: Tables). Dates may be written shorter
(``Sen, 7 Des 2026``) and a column stacked under another, never a word cut."""

from __future__ import annotations

import re

import pytest
from conftest import fits

NOW = "2026-12-07T10:00+07:00"
NOTE = (
    "Apel berjalan tertib, beberapa pegawai terlambat datang karena hujan deras pagi hari; "
    "camat meminta kepala seksi mendata yang tidak hadir tanpa keterangan"
)
LISTINGS = [
    ("history",),
    ("log",),
    ("plan", "--weeks", "8"),
    ("report",),
    ("findings",),
    ("kecamatan",),
    ("unvisited",),
]
# What a shorter date is made of: the abbreviated day and month names, figures.
DATE_PIECE = re.compile(
    r"^(\d+|(Sen|Sel|Rab|Kam|Jum|Sab|Min|Mon|Tue|Wed|Thu|Fri|Sat|Sun),|"
    r"Jan|Feb|Mar|Apr|Mei|May|Jun|Jul|Agu|Aug|Sep|Okt|Oct|Nov|Des|Dec)$"
)


@pytest.fixture
def busy(cli, monkeypatch):
    """A month of apel with figures, notes, another leader, a cancelled week, a pin, an
    unpin and a finding: every kind of row and change."""
    monkeypatch.setenv("APEL_ROTASI_NOW", NOW)
    cli.ok("record", "2/11/2026", "Ilir Timur II", "--hadir", "140", "--izin", "3", "--note", NOTE)
    cli.ok("record", "9/11/2026", "Alang-Alang Lebar", "--led-by", "wako", "--hadir", "98")
    cli.ok("record", "16/11/2026", "Kemuning", "--hadir", "77", "--sakit", "2", "--note", NOTE)
    cli.ok("record", "23/11/2026", "Ilir Barat II", "--hadir", "120", "--dinas", "4")
    cli.ok("record", "30/11/2026", "--cancel", "Hujan lebat sekali di seluruh kota")
    cli.ok("pin", "21/12/2026", "Kemuning", "--led-by", "wako", "--note", NOTE)
    cli.ok("pin", "28/12/2026", "Sukarami")
    cli.ok("unpin", "28/12/2026")
    cli.ok(
        "finding",
        "add",
        "23/11/2026",
        "Absensi elektronik rusak sejak Januari",
        "--due",
        "1/12/2026",
    )
    return cli


def shown_words(text: str) -> set[str]:
    """The words a table shows, its header rule left out."""
    return {w for w in text.split() if set(w) != {"─"}}


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("args", LISTINGS, ids=lambda a: a[0])
@pytest.mark.parametrize("columns", [60, 80, 120])
def test_every_word_is_whole(busy, monkeypatch, args, columns, lang):
    monkeypatch.setenv("COLUMNS", "1000")
    whole = shown_words(busy.ok(*args, "--lang", lang).stdout)  # nothing wraps at 1000
    monkeypatch.setenv("COLUMNS", str(columns))
    text = busy.ok(*args, "--lang", lang).stdout
    fits(text, columns)
    broken = [w for w in shown_words(text) - whole if not DATE_PIECE.match(w)]
    assert not broken, text


def test_the_log_at_80_columns_in_words(busy, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    text = busy.ok("log").stdout
    fits(text, 80)
    assert "Pemimpin: Ratu Dewa" in text and "Kecamatan: Kemuning" in text
    assert "Hadir: 140" in text and "Kecamatan: Sukarami → —" in text
    assert "16.71" not in text and "walikota" not in text and "present" not in text


def test_colour_on_a_terminal_only(busy, monkeypatch):
    """FORCE_COLOR stands in for a terminal; NO_COLOR wins; a pipe has none."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("NO_COLOR")  # the suite's default
    plain = busy.ok("history").stdout
    assert "\x1b[" not in plain
    monkeypatch.setenv("FORCE_COLOR", "1")
    coloured = busy.ok("history").stdout
    assert "\x1b[2m" in coloured  # the cancelled week, dim
    uncoloured = re.sub(r"\x1b\[[0-9;]*m", "", coloured)
    assert [line.rstrip() for line in uncoloured.splitlines()] == plain.splitlines()
    monkeypatch.setenv("NO_COLOR", "1")
    assert busy.ok("history").stdout == plain
