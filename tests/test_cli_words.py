"""Arguments as people type them, through the CLI: dates and kecamatan without quotes, the
counts' Indonesian names, control characters and negative counts refused in the output
language (exit 1), and --lang on every command."""

from __future__ import annotations

import pytest
from conftest import snapshot

NOW = "2025-06-02T08:00+07:00"  # a Monday, in Palembang


@pytest.fixture
def cli_now(cli, monkeypatch):
    monkeypatch.setenv("APEL_ROTASI_NOW", NOW)
    return cli


def history_toml(cli) -> str:
    return (cli.home / "history.toml").read_text(encoding="utf-8")


def test_record_without_quotes(cli_now):
    run = cli_now.ok("record", "14", "April", "2025", "Ilir", "Timur", "II", "--hadir", "150")
    assert run.stderr.startswith("Tercatat: Senin, 14 April 2025, Ilir Timur II")
    text = history_toml(cli_now)
    assert 'kecamatan = "16.71.06"' in text and "present = 150" in text


@pytest.mark.parametrize(
    ("words", "code"),
    [
        (["Senin,", "21", "April", "2025", "Kec.", "Alang-Alang", "Lebar"], "16.71.15"),
        (["21", "Apr", "2025", "AAL"], "16.71.15"),
        (["28/4/2025", "Kecamatan", "Kemuning"], "16.71.09"),
        (["kemarin", "IT", "2"], "16.71.06"),  # Sunday 1 June: not an apel day, a warning
        (["hari", "ini", "16.71.01"], "16.71.01"),
    ],
)
def test_record_reads_the_one_split(cli_now, words, code):
    cli_now.ok("record", *words)
    assert f'kecamatan = "{code}"' in history_toml(cli_now)


def test_the_counts_answer_to_their_indonesian_names(cli_now):
    cli_now.ok(
        "record", "2025-04-14", "IT II",
        "--hadir", "150", "--sakit", "3", "--cuti", "2", "--izin", "1", "--dinas", "4",
        "--tanpa-keterangan", "0",
    )  # fmt: skip
    text = history_toml(cli_now)
    for line in ("present = 150", "sick = 3", "leave = 2", "permit = 1", "duty = 4", "absent = 0"):
        assert line in text


def test_words_that_split_no_way_suggest_quotes(cli_now, home):
    before = snapshot(home)
    run = cli_now("record", "Ilir", "Timur", "II", "14", "April", "2025")
    assert run.exit_code == 1
    assert run.stderr.startswith("Kesalahan: ")
    assert 'apel-rotasi record "14 April 2025" "Ilir Timur II"' in run.stderr
    assert snapshot(home) == before


def test_a_date_alone_asks_for_the_kecamatan(cli_now):
    run = cli_now("record", "14", "April", "2025", "--lang", "en")
    assert run.exit_code == 1
    assert run.stderr.startswith("Error: The kecamatan is missing.")


def test_the_leader_by_alias(cli_now):
    cli_now.ok("record", "14", "April", "2025", "IT", "II", "--led-by", "wako")
    assert 'leader = "walikota"' in history_toml(cli_now)


def test_delete_pin_and_unpin_without_quotes(cli_now):
    cli_now.ok("record", "14", "April", "2025", "IT", "II")
    run = cli_now.ok("delete", "Senin,", "14", "April", "2025")
    assert run.stderr.startswith("Dihapus: ") and "Senin, 14 April 2025" in run.stderr
    run = cli_now.ok("pin", "Senin,", "16", "Juni", "2025", "IB", "2")
    assert run.stderr.startswith("Ditetapkan: Senin, 16 Juni 2025: Ilir Barat II.")
    run = cli_now.ok("pin", "23", "Juni", "2025", "--led-by", "wawako")
    assert "Prima Salam" in run.stderr
    pins = (cli_now.home / "pins.toml").read_text(encoding="utf-8")
    assert 'kecamatan = "16.71.01"' in pins
    run = cli_now.ok("unpin", "16", "Jun", "2025")
    assert run.stderr.startswith("Penetapan dihapus: Senin, 16 Juni 2025.")


def test_calendar_month_without_quotes(cli_now):
    run = cli_now.ok("calendar", "Juni", "2025")
    assert run.stdout.lstrip().startswith("Juni 2025")


@pytest.mark.parametrize(
    "args",
    [
        ["record", "2025-04-14", "IT II", "--note", "merah \x1b[31m"],
        ["record", "2025-04-14", "IT\x07 II"],
        ["record", "2025-04-14", "IT II", "--led-by", "sek\x1bda"],
        ["record", "2025-04-14", "--cancel", "hujan\x08"],
        ["pin", "2025-06-16", "IT II", "--note", "\x1b]0;judul\x07"],
        ["pin", "2025-06-16", "--cancel", "rapat \x00"],
        ["pin", "2025-06-16", "Kemu\x1bning"],
    ],
)
def test_a_control_character_is_refused(cli_now, home, args):
    before = snapshot(home)
    run = cli_now(*args)
    assert run.exit_code == 1
    assert run.stderr.startswith("Kesalahan: ") and "karakter kendali" in run.stderr
    assert "\x1b" not in run.stderr and "\x07" not in run.stderr  # quoted back escaped
    assert snapshot(home) == before


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["record", "2025-04-14", "IT II", "--sakit", "-3"], "--sakit"),  # as typed
        (["record", "2025-04-14", "IT II", "--present", "-1"], "--present"),
        (["plan", "--weeks", "0"], "--weeks"),
        (["plan", "--rounds", "-2"], "--rounds"),
        (["history", "--round", "0"], "--round"),
        (["notice", "--weeks", "0"], "--weeks"),
    ],
)
def test_a_count_or_length_below_its_least_is_refused(cli_now, home, args, option):
    before = snapshot(home)
    run = cli_now(*args)
    assert run.exit_code == 1
    assert run.stderr.startswith(f"Kesalahan: {option} harus ")
    english = cli_now(*args, "--lang", "en")
    assert english.exit_code == 1 and english.stderr.startswith(f"Error: {option} must be ")
    assert snapshot(home) == before


@pytest.mark.parametrize(
    "args",
    [
        ["init"],
        ["kecamatan"],
        ["plan", "--weeks", "1"],
        ["history"],
        ["unvisited"],
        ["calendar", "2025-06"],
        ["report"],
        ["check"],
        ["log"],
        ["notice"],
    ],
)
def test_every_command_answers_in_the_language_asked(cli_now, args):
    """--lang en on a roster whose language is Indonesian: nothing Indonesian comes back."""
    run = cli_now(*args, "--lang", "en")
    assert run.exit_code == 0, run.stderr
    said = run.stdout + run.stderr
    for indonesian in ("Kesalahan", "Peringatan", "Senin", "Juni", "Tanggal", "Tercatat"):
        assert indonesian not in said, (args, said)


@pytest.mark.parametrize(
    "args",
    [
        ["record", "2025-04-14", "Nowhere"],
        ["delete", "2025-04-14"],
        ["pin", "2025-01-06", "IT II"],
        ["unpin", "2025-06-16"],
        ["edit", "2025-04-14", "--note", "x"],
        ["undo"],
    ],
)
def test_errors_of_changing_commands_in_either_language(cli_now, args):
    indonesian = cli_now(*args)
    assert indonesian.exit_code == 1 and indonesian.stderr.startswith("Kesalahan: ")
    english = cli_now(*args, "--lang", "en")
    assert english.exit_code == 1 and english.stderr.startswith("Error: ")


def test_unquoted_words_without_a_year_ask_for_the_year(cli_now, home):
    run = cli_now("record", "14", "April", "Kemuning", "--lang", "en")
    assert run.exit_code == 1
    assert run.stderr.startswith('Error: The date "14 April" has no year.')
    assert not (home / "history.toml").exists()
