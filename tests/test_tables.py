"""Tables use the terminal's width (COLUMNS; 80 when unknown or under 40): a note that does
not fit wraps, never cut with "…"; names and dates stay on one line; control characters
from a hand-edited file are shown escaped."""

from __future__ import annotations

import re

import pytest
from conftest import fits
from rich.cells import cell_len

NOTE = (
    "Apel gabungan bersama kelurahan se-kecamatan; dihadiri Camat, Sekcam, seluruh lurah, "
    "dan ketua RT. Dokumentasi: https://example.org/dokumentasi/apel-pagi-alang-alang-lebar"
)
NOW = "2025-06-02T08:00+07:00"


@pytest.fixture
def noted(cli, monkeypatch):
    """Two apel; the second with a note longer than any terminal line."""
    monkeypatch.setenv("APEL_ROTASI_NOW", NOW)
    cli.ok("record", "2025-04-14", "IT II")
    cli.ok("record", "2025-04-21", "AAL", "--note", NOTE)
    return cli


def table(cli, monkeypatch, columns: str, *args: str) -> list[str]:
    monkeypatch.setenv("COLUMNS", columns)
    return cli.ok(*args).stdout.splitlines()


def last_column(lines: list[str], first: int) -> str:
    """The text of the last column from line ``first`` on, whitespace dropped: a wrapped
    note read back."""
    pieces = [re.split(r" {3,}", line.strip())[-1] for line in lines[first:] if line.strip()]
    return "".join("".join(pieces).split())


def test_a_wide_terminal_keeps_the_note_on_one_line(noted, monkeypatch):
    lines = table(noted, monkeypatch, "250", "history")
    fits("\n".join(lines), 250)
    assert any(cell_len(line) > 200 for line in lines)  # the width is used
    row = next(line for line in lines if "Alang-Alang Lebar" in line)
    assert row.startswith("Senin, 21 April 2025") and row.endswith(NOTE)


@pytest.mark.parametrize(
    ("columns", "first", "second"),
    [
        ("60", "Sen, 14 Apr 2025", "Sen, 21 Apr 2025"),  # the address folds: it cannot fit
        ("80", "Sen, 14 Apr 2025", "Sen, 21 Apr 2025"),
        ("100", "Sen, 14 Apr 2025", "Sen, 21 Apr 2025"),  # the address stays whole
        ("200", "Senin, 14 April 2025", "Senin, 21 April 2025"),
    ],
)
def test_a_narrow_terminal_wraps_the_note_and_keeps_names_and_dates(
    noted, monkeypatch, columns, first, second
):
    """Dates are written shorter before anything else gives; they never break."""
    lines = table(noted, monkeypatch, columns, "history")
    fits("\n".join(lines), int(columns))
    text = "\n".join(lines)
    assert "…" not in text and "..." not in text
    row = next(i for i, line in enumerate(lines) if "Alang-Alang" in line)
    assert lines[row].startswith(f"{second}   1   Alang-Alang")
    assert any(line.startswith(f"{first}   1   Ilir Timur II") for line in lines)
    assert last_column(lines, row) == "".join(NOTE.split())  # every character, in order


def test_a_narrow_terminal_with_the_leader_column(cli, monkeypatch):
    """A leader column leaves less room: the note still wraps between its words, and the
    leader goes under the kecamatan before a name would wrap."""
    monkeypatch.setenv("APEL_ROTASI_NOW", NOW)
    note = NOTE.split(" Dokumentasi")[0]
    cli.ok("record", "2025-04-21", "AAL", "--note", note)
    cli.ok("record", "2025-04-28", "Kemuning", "--led-by", "wako", "--hadir", "150", "--sakit", "3")
    lines = table(cli, monkeypatch, "80", "history")
    fits("\n".join(lines), 80)
    text = "\n".join(lines)
    assert "…" not in text
    for whole in ("Alang-Alang Lebar", "Aprizal Hasyim", "Ratu Dewa", "Sen, 28 Apr 2025"):
        assert whole in text
    assert "150/153" in text
    row = next(i for i, line in enumerate(lines) if "Alang-Alang Lebar" in line)
    end = next(i for i, line in enumerate(lines) if "Kemuning" in line)
    assert last_column(lines[:end], row + 1) in "".join(note.split())
    assert lines[row + 1].split()[:2] == ["Aprizal", "Hasyim"]  # stacked under the kecamatan


def test_a_plan_with_a_pinned_note_wraps_it(cli, monkeypatch):
    monkeypatch.setenv("APEL_ROTASI_NOW", NOW)
    cli.ok("pin", "16", "Juni", "2025", "Kemuning", "--note", NOTE)
    lines = table(cli, monkeypatch, "60", "plan", "--weeks", "3")
    fits("\n".join(lines), 60)
    assert "…" not in "\n".join(lines)
    row = next(i for i, line in enumerate(lines) if "Kemuning" in line)
    assert lines[row].startswith("Sen, 16 Jun 2025   1   Kemuning")
    assert "".join(NOTE.split()) in last_column(lines, row)


@pytest.mark.parametrize("columns", ["", "30", "abc"])
def test_an_unknown_or_tiny_width_is_80(noted, monkeypatch, columns):
    lines = table(noted, monkeypatch, columns, "history")
    assert max(map(cell_len, lines)) == 80  # the note fills the line


HAND_EDITED = """\
[[apel]]
date = 2025-04-14
kecamatan = "16.71.06"
leader = "sekda"
note = "Merah \\u001b[31m dan bel \\u0007 selesai"
"""


def test_control_characters_are_shown_escaped(cli, home, monkeypatch):
    monkeypatch.setenv("APEL_ROTASI_NOW", NOW)
    (home / "history.toml").write_text(HAND_EDITED, encoding="utf-8")
    out = table(cli, monkeypatch, "120", "history")
    text = "\n".join(out)
    assert "\x1b" not in text and "\x07" not in text
    assert "Merah \\x1b[31m dan bel \\x07 selesai" in text


def test_english_tables_use_the_width_too(noted, monkeypatch):
    lines = table(noted, monkeypatch, "60", "history", "--lang", "en")
    assert lines[0] == "Every apel led by Aprizal Hasyim."
    fits("\n".join(lines), 60)
    row = next(i for i, line in enumerate(lines) if "Alang-Alang" in line)
    assert lines[row].startswith("Mon, 21 Apr 2025   1   Alang-Alang Lebar")
    assert last_column(lines, row) == "".join(NOTE.split())
