"""`undo` and a journal line it cannot put back (SPEC The journal; issue 18 point 4): the
record it would restore is read by its file's own reader, the whole file as `check` reads
it, and a line that is no record is never passed by. Each refusal is exit 1, names the
journal's line and what is wrong, and writes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import snapshot

NOW = "2025-06-03T09:00:00+07:00"
IT2 = "16.71.06"


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APEL_ROTASI_NOW", NOW)


def forge(home: Path, file: str, date: str, before: Any, after: Any = None) -> None:
    """Append a line as the tool writes one: a change to ``file`` on ``date`` that
    ``undo`` would take back by writing ``before`` there."""
    line = {
        "at": NOW,
        "user": "mallory",
        "action": "delete" if after is None else "edit",
        "file": file,
        "date": date,
        "before": before,
        "after": after,
        "id": "f0f0f0f0f0f0f0f0",
    }
    with (home / "journal.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(line) + "\n")


@pytest.fixture
def recorded(cli, home):
    """A home with one apel recorded (14 April) and one pin (9 June): journal lines 1, 2."""
    cli.ok("record", "14/4/2025", "IT II")
    cli.ok("pin", "9/6/2025", "Kemuning")
    return home


def refused(cli, home: Path, *expected: str) -> str:
    before = snapshot(home)
    run = cli("undo", "--lang", "en")
    assert run.exit_code == 1, run.stderr
    assert "journal.jsonl:3: " in run.stderr
    for text in expected:
        assert text in run.stderr
    assert "Traceback" not in run.stderr
    assert snapshot(home) == before
    return run.stderr


def test_a_record_dated_otherwise_than_its_change_would_be_a_second_on_a_date(cli, recorded):
    forge(recorded, "history.toml", "2025-04-21", {"date": "2025-04-14", "cancelled": "Hujan"})
    said = refused(cli, recorded, 'its record\'s date is "2025-04-14", not that of the change')
    assert "Nothing was written" in said


def test_a_blank_reason(cli, recorded):
    forge(recorded, "history.toml", "2025-04-21", {"date": "2025-04-21", "cancelled": "  "})
    refused(cli, recorded, '"cancelled" in [[apel]] #2 is "  "; allowed: a reason')


def test_a_pin_with_both_a_kecamatan_and_a_cancel(cli, recorded):
    pin = {"date": "2025-06-16", "kecamatan": IT2, "cancel": "Rapat"}
    forge(recorded, "pins.toml", "2025-06-16", pin)
    refused(cli, recorded, "[[pin]] on 2025-06-16 has cancel and a kecamatan or leader")


@pytest.mark.parametrize("day", ["9999-12-27", "1949-12-26", "2200-01-06"])
def test_a_date_out_of_range(cli, recorded, day):
    forge(recorded, "history.toml", day, {"date": day, "kecamatan": IT2, "leader": "sekda"})
    refused(cli, recorded, '"date" in [[apel]]', f"is {day}", "from the year 1950 to 2199")


def test_a_formula_as_a_kecamatan_code(cli, recorded):
    formula = '=HYPERLINK("http://example.com","x")'
    apel = {"date": "2025-04-21", "kecamatan": formula, "leader": "sekda"}
    forge(recorded, "history.toml", "2025-04-21", apel)
    refused(cli, recorded, "kecamatan code", "is not in the roster")


def test_a_leader_the_roster_lacks(cli, recorded):
    apel = {"date": "2025-04-21", "kecamatan": IT2, "leader": "mallory"}
    forge(recorded, "history.toml", "2025-04-21", apel)
    refused(cli, recorded, 'leader id "mallory" is not in the roster')


@pytest.mark.parametrize("count", [10**40, 1_000_001, -1, True, 1.5])
def test_a_count_out_of_bounds(cli, recorded, count):
    apel = {"date": "2025-04-21", "kecamatan": IT2, "leader": "sekda", "present": count}
    forge(recorded, "history.toml", "2025-04-21", apel)
    refused(cli, recorded, '"present" in [[apel]] #2', "a whole number from 0 to 1,000,000")


def test_unknown_keys(cli, recorded):
    apel = {"date": "2025-04-21", "kecamatan": IT2, "leader": "sekda", "formula": "=1+1"}
    forge(recorded, "history.toml", "2025-04-21", apel)
    refused(cli, recorded, 'unknown key "formula" in [[apel]] #2')


def test_a_control_character_in_a_note(cli, recorded):
    apel = {"date": "2025-04-21", "kecamatan": IT2, "leader": "sekda", "note": "\x1b]0;x\x07"}
    forge(recorded, "history.toml", "2025-04-21", apel)
    before = snapshot(recorded)
    run = cli("undo", "--lang", "en")
    assert run.exit_code == 1 and "\x1b" not in run.stderr
    assert snapshot(recorded) == before


def test_an_apel_in_the_future(cli, recorded):
    apel = {"date": "2025-06-09", "kecamatan": IT2, "leader": "sekda"}
    forge(recorded, "history.toml", "2025-06-09", apel)
    refused(cli, recorded, "which has not come yet")


def test_a_record_of_a_kind_its_file_does_not_keep(cli, recorded):
    forge(recorded, "pins.toml", "2025-06-16", {"date": "2025-06-16", "cancelled": "Hujan"})
    refused(cli, recorded, 'unknown key "cancelled" in [[pin]] #2')


def test_a_line_that_is_no_record_is_never_passed_by(cli, recorded):
    """A complete JSON line that is not a change stops `undo`: passing it by would take back
    the pin of 9 June instead."""
    with (recorded / "journal.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"at": NOW, "action": "record", "file": "history.toml"}) + "\n")
    refused(cli, recorded, "is not a record of a change that can be read", "Nothing was undone")


def test_a_line_torn_by_a_crash_is_passed_by(cli, recorded):
    """An incomplete line (no JSON) is what a crash leaves: its change never took place."""
    with (recorded / "journal.jsonl").open("ab") as handle:
        handle.write(b'{"at":"2025-06-03T09:00:00+07:00","user":"x","act\n')
    said = cli.ok("undo", "--lang", "en").stderr
    assert "Undone" in said and "pins.toml" not in said
    assert not (recorded / "pins.toml").read_text(encoding="utf-8").strip()


def test_a_stale_code_elsewhere_in_the_file_does_not_block_undo(cli, recorded):
    """Only what the restored record brings is refused: a code the roster no longer has on
    another date is a warning elsewhere, as before."""
    path = recorded / "history.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(IT2, "16.71.99"), "utf-8")
    cli.ok("record", "21/4/2025", "AAL")
    cli.ok("edit", "21/4/2025", "--present", "120")
    said = cli.ok("undo", "--lang", "en").stderr
    assert "Undone" in said
    assert "present" not in path.read_text(encoding="utf-8")
