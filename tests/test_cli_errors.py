"""Every error a user sees takes one path: the option parser's too, in the run's output
language, after the usage of the command typed, with exit 2 for a mistyped command line;
the locale never decides the language, and a refused command changes no file."""

from __future__ import annotations

import pytest
from conftest import BUNDLED, snapshot, stress
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

LOCALES = [
    {"LC_ALL": None, "LC_MESSAGES": None, "LANG": "id_ID.UTF-8"},
    {"LC_ALL": None, "LC_MESSAGES": None, "LANG": "C.UTF-8"},
    {"LC_ALL": None, "LC_MESSAGES": None, "LANG": None},
]
PLAN_USAGE = (
    "Penggunaan: apel-rotasi plan [OPSI]\nCoba 'apel-rotasi plan --help' untuk bantuan.\n\n"
)
RECORD_USAGE = (
    "Penggunaan: apel-rotasi record [OPSI] TANGGAL KECAMATAN\n"
    "Coba 'apel-rotasi record --help' untuk bantuan.\n\n"
)
MAIN_USAGE = (
    "Penggunaan: apel-rotasi [OPSI] PERINTAH [ARGUMEN]...\n"
    "Coba 'apel-rotasi --help' untuk bantuan.\n\n"
)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["plan", "--minggu", "4"], PLAN_USAGE + "Kesalahan: Tidak ada opsi --minggu."),
        (
            ["plan", "--weekz", "4"],
            PLAN_USAGE + "Kesalahan: Tidak ada opsi --weekz. Mungkin maksudnya --weeks?",
        ),
        (
            ["plan", "--weeks", "empat"],
            PLAN_USAGE + 'Kesalahan: --weeks perlu bilangan bulat, bukan "empat".',
        ),
        (["plan", "--weeks"], PLAN_USAGE + "Kesalahan: --weeks perlu diberi nilai."),
        (
            ["plan", "--no-holidays=ya"],
            PLAN_USAGE + "Kesalahan: --no-holidays tidak menerima nilai.",
        ),
        (
            ["plan", "--weeks", "2", "--rounds", "2"],
            PLAN_USAGE + "Kesalahan: Beri --weeks atau --rounds, jangan keduanya.",
        ),
        (
            ["plan", "--format", "pdf"],
            PLAN_USAGE
            + 'Kesalahan: --format tidak menerima "pdf": '
            + "pilih table, csv, json, xlsx, html atau ics.",
        ),
        (
            ["plan", "--lang", "fr"],
            PLAN_USAGE + 'Kesalahan: --lang tidak menerima "fr": pilih id atau en.',
        ),
        (
            ["plan", "lusa"],
            PLAN_USAGE + 'Kesalahan: Perintah ini tidak menerima kata tambahan: "lusa".',
        ),
        (
            ["plan", "--home", "lain"],
            PLAN_USAGE
            + "Kesalahan: --home ditulis sebelum nama perintah, "
            + "misalnya apel-rotasi --home FOLDER plan.",
        ),
        (["record"], RECORD_USAGE + "Kesalahan: TANGGAL KECAMATAN belum ditulis."),
        (
            ["record", "14/4/2025", "IT II", "--hadir", "empat"],
            RECORD_USAGE + 'Kesalahan: --hadir perlu bilangan bulat, bukan "empat".',
        ),
        (
            ["record", "14/4/2025", "IT II", "--present=empat"],
            RECORD_USAGE + 'Kesalahan: --present perlu bilangan bulat, bukan "empat".',
        ),
        (["plam"], MAIN_USAGE + 'Kesalahan: Tidak ada perintah "plam". Mungkin maksudnya plan?'),
        (
            ["rekam"],
            MAIN_USAGE
            + 'Kesalahan: Tidak ada perintah "rekam". Daftar perintah: apel-rotasi --help.',
        ),
        (["--minggu"], MAIN_USAGE + "Kesalahan: Tidak ada opsi --minggu."),
        (
            ["--home", "lain"],
            MAIN_USAGE
            + "Kesalahan: Perintahnya belum ditulis. Daftar perintah: apel-rotasi --help.",
        ),
    ],
)
def test_usage_errors_in_indonesian_whatever_the_locale(cli, home, locale, args, said):
    before = snapshot(home)
    run = cli(*args, env=locale)
    assert run.exit_code == 2
    assert run.stderr == said + "\n"
    assert run.stdout == ""
    assert snapshot(home) == before


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["--lang", "en", "plan", "--minggu", "4"],
            "Usage: apel-rotasi plan [OPTIONS]\nTry 'apel-rotasi plan --help' for help.\n\n"
            "Error: No such option: --minggu.",
        ),
        (
            ["plan", "--weeks", "empat", "--lang", "en"],
            "Usage: apel-rotasi plan [OPTIONS]\nTry 'apel-rotasi plan --help' for help.\n\n"
            'Error: --weeks needs a whole number, not "empat".',
        ),
        (
            ["record", "--lang=en"],
            "Usage: apel-rotasi record [OPTIONS] DATE KECAMATAN\n"
            "Try 'apel-rotasi record --help' for help.\n\nError: DATE KECAMATAN is missing.",
        ),
    ],
)
def test_lang_anywhere_decides_the_usage_errors(cli, home, args, said):
    run = cli(*args, env=LOCALES[0])
    assert (run.exit_code, run.stderr) == (2, said + "\n")


def test_the_variable_and_then_the_roster_decide(cli, home):
    english = cli("plan", "--minggu", "4", env={"APEL_ROTASI_LANG": "en"})
    assert english.stderr.endswith("Error: No such option: --minggu.\n")
    (home / "kecamatan.toml").write_text(
        BUNDLED.read_text(encoding="utf-8").replace('lang = "id"', 'lang = "en"', 1),
        encoding="utf-8",
    )
    assert cli("plan", "--minggu", "4").stderr.startswith("Usage: apel-rotasi plan [OPTIONS]\n")
    indonesian = cli("plan", "--minggu", "4", env={"APEL_ROTASI_LANG": "id"})
    assert indonesian.stderr.startswith("Penggunaan: ")


def test_a_language_nobody_knows_in_the_variable_is_an_error(cli, home):
    before = snapshot(home)
    run = cli("record", "14/4/2025", "IT II", env={"APEL_ROTASI_LANG": "fr"})
    assert run.exit_code == 1
    assert run.stderr == (
        "Kesalahan: APEL_ROTASI_LANG=fr bukan bahasa yang dikenal: pilih id atau en.\n"
    )
    assert snapshot(home) == before


def test_no_command_at_all_shows_the_help_in_the_output_language(cli, home):
    run = cli(env=LOCALES[2])
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr.startswith("Penggunaan: apel-rotasi [OPSI] PERINTAH [ARGUMEN]...")
    assert "\nPerintah:\n" in run.stderr


def test_an_error_of_a_command_is_in_the_same_language_as_the_parser(cli, home):
    """A command's own error and the parser's are said the same way, in one language."""
    run = cli("record", "31/2/2025", "IT II", "--lang", "en")
    assert run.exit_code == 1
    assert run.stderr.startswith("Error: ") and '"31/2/2025"' in run.stderr
    assert "Kesalahan" not in run.stderr and "Penggunaan" not in run.stderr
    run = cli("record", "31/2/2025", "IT II")
    assert run.stderr.startswith("Kesalahan: ") and "Error" not in run.stderr


@pytest.mark.parametrize("option", ["--sakit", "--sick"])
def test_edit_names_a_count_as_it_was_typed(cli, home, option):
    cli.ok("record", "14/4/2025", "IT II", env={"APEL_ROTASI_NOW": "2025-04-14T09:00+07:00"})
    before = snapshot(home)
    run = cli("edit", "14/4/2025", option, "dua")
    assert run.exit_code == 1
    assert run.stderr == (
        f'Kesalahan: {option} "dua" bukan jumlah yang sah: tulis bilangan bulat dari 0 sampai '
        "1.000.000, atau - untuk menghapus jumlah itu.\n"
    )
    assert snapshot(home) == before


@pytest.mark.parametrize(
    "args", [["--lang", "en", "plan", "--weeks", "1"], ["plan", "--weeks", "1", "--lang", "en"]]
)
def test_lang_before_or_after_the_command_decides_the_output(cli, home, args):
    run = cli.ok(*args, env={"APEL_ROTASI_NOW": "2025-04-14T06:00+07:00"})
    assert run.stdout.startswith("Round 1: 0 of 18 kecamatan visited.")
    assert "Monday, 14 April 2025" in run.stdout and "Tanggal" not in run.stdout


def test_the_variable_decides_the_output_of_a_command(cli, home):
    env = {"APEL_ROTASI_NOW": "2025-04-14T06:00+07:00", "APEL_ROTASI_LANG": "en"}
    assert "Monday, 14 April 2025" in cli.ok("plan", "--weeks", "1", env=env).stdout


WORDS = [
    "plan", "history", "report", "kecamatan", "unvisited", "calendar", "notice", "log",
    "--weeks", "--rounds", "--start", "--format", "--output", "--lang", "--home", "--round",
    "--kecamatan", "--no-holidays", "--no-holidays=1", "--minggu", "-f", "-o", "-h", "--",
    "2", "0", "-3", "empat", "csv", "pdf", "en", "fr", "14/4/2025", "2025-13", "Kemuning",
    "--weeks=x", "--lang=", "-x", "",
]  # fmt: skip


@given(st.lists(st.sampled_from(WORDS), max_size=6))
@settings(
    max_examples=stress(60, 400),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_any_command_line_is_answered_in_one_language(cli, home, words):
    """Whatever is typed, the answer is a result or the tool's own error in Indonesian (the
    roster's language, unless --lang en was typed): never Typer's English, never a crash."""
    if any(w in ("--output", "-o") for w in words):
        return  # writes a file named by the next word; not what this looks at
    run = cli(*words, env={"APEL_ROTASI_NOW": "2025-06-02T06:00+07:00"})
    assert run.exit_code in (0, 1, 2), (words, run)
    english = run.stderr.startswith(("Usage:", "Error:", "Warning:"))
    if run.exit_code == 2 and words:
        said = run.stderr.splitlines()
        assert said[0].startswith(("Penggunaan: ", "Usage: ")), (words, run.stderr)
        assert said[-1].startswith(("Kesalahan: ", "Error: ")), (words, run.stderr)
    if english:
        assert "en" in words, (words, run.stderr)
    else:
        for foreign in ("Invalid value", "No such option:", "Missing argument", "Try '"):
            assert foreign not in run.stderr, (words, run.stderr)
