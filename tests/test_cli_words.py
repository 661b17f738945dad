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


@pytest.mark.parametrize(
    ("led_by", "leader"),
    [
        ("Pak Wako", "walikota"),
        ("Pak Wali", "walikota"),
        ("Bapak Wali Kota", "walikota"),
        ("H. Ratu Dewa", "walikota"),
        ("Dewa", "walikota"),
        ("Pak Sekda", "sekda"),
        ("Aprizal", "sekda"),
        ("Dr. H. Aprizal Hasyim", "sekda"),
        ("Ibu Prima", "wawako"),
    ],
)
def test_leaders_as_people_name_them(cli_now, led_by, leader):
    cli_now.ok("record", "2025-04-14", "IT II", "--led-by", led_by)
    assert f'leader = "{leader}"' in history_toml(cli_now)


def test_an_unknown_leader_suggests_the_nearest_once_the_honorific_is_dropped(cli_now, home):
    before = snapshot(home)
    run = cli_now("record", "2025-04-14", "IT II", "--led-by", "Pak Wakoo")
    assert run.exit_code == 1
    assert run.stderr.startswith('Kesalahan: Pemimpin "Pak Wakoo" tidak dikenal.')
    assert "Mungkin maksudnya walikota (Ratu Dewa, Wali Kota)?" in run.stderr
    assert snapshot(home) == before


def test_a_word_two_leaders_share_lists_them(cli_now, home):
    before = snapshot(home)
    run = cli_now("record", "2025-04-14", "IT II", "--led-by", "Pak Kota", "--lang", "en")
    assert run.exit_code == 1
    assert run.stderr.startswith(
        'Error: The leader "Pak Kota" could be walikota (Ratu Dewa, Wali Kota) or '
        "wawako (Prima Salam, Wakil Wali Kota): say which one."
    )
    assert snapshot(home) == before


@pytest.mark.parametrize(
    ("words", "date"),
    [
        (["Sen,", "5", "Mei", "2025"], "2025-05-05"),
        (["5/5/25"], "2025-05-05"),
        (["tgl", "5", "Mei", "2025"], "2025-05-05"),
        (["senin", "lalu"], "2025-05-26"),  # today is Monday 2 June
        (["last", "monday"], "2025-05-26"),
        (["kemarin"], "2025-06-01"),
    ],
)
def test_dates_as_typed(cli_now, words, date):
    cli_now.ok("record", *words, "Kemuning")
    assert f"date = {date}" in history_toml(cli_now)


@pytest.mark.parametrize(
    ("words", "date"),
    [
        (["lusa"], "2025-06-04"),
        (["senin", "depan"], "2025-06-09"),
        (["next", "monday"], "2025-06-09"),
    ],
)
def test_coming_dates_as_typed(cli_now, words, date):
    cli_now.ok("pin", *words, "Kemuning")
    assert f"date = {date}" in (cli_now.home / "pins.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("month", "title"), [("desember", "Desember 2025"), ("Mei", "Mei 2025")])
def test_calendar_of_a_month_name_alone_is_this_year(cli_now, month, title):
    run = cli_now.ok("calendar", month)
    assert run.stdout.lstrip().startswith(title)


def test_calendar_of_an_english_month_name(cli_now):
    run = cli_now.ok("calendar", "december", "--lang", "en")
    assert run.stdout.lstrip().startswith("December 2025")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["record", "hari", "ini", "--cancel", "Hujan", "lebat"],
            'Kata berlebih: "lebat". Nilai --cancel yang terdiri atas beberapa kata perlu '
            'tanda kutip, misalnya: --cancel "Hujan lebat".',
        ),
        (
            ["record", "hari", "ini", "Kemuning", "--note", "Hujan", "sangat", "lebat"],
            'Kata berlebih: "sangat lebat". Nilai --note',
        ),
        (
            ["record", "hari", "ini", "Kemuning", "--led-by", "Pak", "Wako"],
            '--led-by "Pak Wako".',
        ),
        (["pin", "senin", "depan", "--cancel", "Rapat", "dinas"], '--cancel "Rapat dinas".'),
        (["edit", "hari", "ini", "--note", "Hujan", "lebat"], '--note "Hujan lebat".'),
        (
            ["record", "hari", "ini", "Kemuning", "--note", "a", "--led-by", "wako", "lebat"],
            'Kata berlebih: "lebat". Nilai --led-by atau --note yang',
        ),
    ],
)
def test_words_left_over_after_an_option_say_to_quote_it(cli_now, home, args, said):
    cli_now.ok("record", "2025-06-02", "Kemuning")  # for edit to have something to change
    before = snapshot(home)
    run = cli_now(*args)
    assert run.exit_code == 1
    assert run.stderr.startswith("Kesalahan: ") and said in run.stderr, run.stderr
    assert "tidak ada dalam daftar kecamatan" not in run.stderr
    assert snapshot(home) == before


def test_words_left_over_in_english(cli_now, home):
    before = snapshot(home)
    run = cli_now("record", "hari", "ini", "--cancel", "Hujan", "lebat", "--lang", "en")
    assert run.exit_code == 1
    assert run.stderr.startswith(
        'Error: Words left over: "lebat". A value of --cancel of several words needs quotes, '
        'for example: --cancel "Hujan lebat".'
    )
    assert snapshot(home) == before


def test_a_misspelt_kecamatan_after_a_date_still_suggests_it(cli_now, home):
    """Words near a kecamatan's name are a kecamatan mistyped, not the rest of a value."""
    before = snapshot(home)
    run = cli_now("pin", "senin", "depan", "Kemunig", "--note", "Rapat")
    assert run.exit_code == 1
    assert "Mungkin maksudnya Kemuning?" in run.stderr
    assert snapshot(home) == before


def test_a_leader_of_several_words_after_a_date_alone_says_to_quote_it(cli_now, home):
    """``Wako`` is near ``Sako``, but with ``--led-by Pak`` it is the rest of a leader."""
    before = snapshot(home)
    run = cli_now("pin", "senin", "depan", "--led-by", "Pak", "Wako")
    assert run.exit_code == 1
    assert run.stderr.startswith('Kesalahan: Kata berlebih: "Wako".')
    assert '--led-by "Pak Wako".' in run.stderr
    assert snapshot(home) == before
