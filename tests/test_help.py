"""--help is in the run's output language, like everything else: --lang anywhere on the
line, else APEL_ROTASI_LANG, else the roster's lang, else Indonesian; never the locale.
The language is decided per run, so each check runs in-process."""

from __future__ import annotations

import pytest
import typer
from conftest import BUNDLED
from typer.main import get_command
from typer.testing import CliRunner

from apel_rotasi.cli import app

# Whatever the locale says, help follows the output language (a Windows PC sets no LANG).
LOCALES = [
    {"LC_ALL": None, "LC_MESSAGES": None, "LANG": "id_ID.UTF-8"},
    {"LC_ALL": None, "LC_MESSAGES": None, "LANG": "C.UTF-8"},
    {"LC_ALL": None, "LC_MESSAGES": None, "LANG": None},
    {"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": None, "LANG": "en_US.UTF-8"},
]
ID = {**LOCALES[3], "COLUMNS": "100", "APEL_ROTASI_LANG": None}  # an English locale
EN = {**LOCALES[0], "COLUMNS": "100", "APEL_ROTASI_LANG": "en"}  # an Indonesian one
GROUPS = ("finding",)  # commands of commands: `finding add`, each with its own --lang
COMMANDS = [
    "init",
    "kecamatan",
    "plan",
    "record",
    "delete",
    "history",
    "unvisited",
    "pin",
    "unpin",
    "calendar",
    "report",
    "check",
    "notice",
]


def help_of(*args: str, env: dict[str, str | None]) -> str:
    done = CliRunner().invoke(app, [*args, "--help"], env=env)
    assert done.exit_code == 0, done.stderr
    assert done.stderr == ""
    return done.stdout


def commands_listed(page: str) -> dict[str, str]:
    """The list of commands on the main help page: name -> its line."""
    section = page.split("\n\n")[-1].splitlines()
    return {line.split()[0]: line for line in section[1:] if line.startswith("  ")}


def test_main_help_in_indonesian():
    page = help_of(env=ID)
    assert page.startswith("Penggunaan: apel-rotasi [OPSI] PERINTAH [ARGUMEN]...")
    assert "\nOpsi:\n" in page and "\nPerintah:\n" in page
    assert "Tampilkan bantuan ini lalu keluar." in page
    assert "Pasang pelengkapan otomatis" in page
    listed = commands_listed(page)
    assert set(COMMANDS) <= set(listed)
    assert "Catat apel yang sudah terlaksana." in listed["record"]
    assert "Hari apel mendatang" in listed["plan"]
    for english in ("Usage:", "Options:", "Commands:", "Show this message", "Record an apel"):
        assert english not in page
    assert all("..." not in line for line in listed.values())  # no line cut short


def test_main_help_in_english():
    page = help_of(env=EN)
    assert page.startswith("Usage: apel-rotasi [OPTIONS] COMMAND [ARGS]...")
    assert "\nOptions:\n" in page and "\nCommands:\n" in page
    listed = commands_listed(page)
    assert set(COMMANDS) <= set(listed)
    assert "Record an apel that took place." in listed["record"]
    assert "Penggunaan" not in page and "Catat apel" not in page
    assert all("..." not in line for line in listed.values())


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("apel-rotasi fi", ["finding", "findings"]),
        ("apel-rotasi finding ", ["add", "done", "edit"]),
        ("apel-rotasi plan --we", ["--weeks"]),
    ],
)
def test_the_shell_completes_commands_and_options(typed, offered):
    """Tab completion (``--install-completion``) offers the commands a line can go on
    with, and only them: never the help page, never an error."""
    words = typed.split()
    env = {"_APEL_ROTASI_COMPLETE": "complete_bash", "COMP_WORDS": typed}
    env["COMP_CWORD"] = str(len(words) if typed.endswith(" ") else len(words) - 1)
    done = CliRunner().invoke(app, [], env={**ID, **env}, prog_name="apel-rotasi")
    assert (done.exit_code, done.stderr) == (0, "")
    assert done.stdout.split() == offered


def test_record_help_in_indonesian_explains_the_counts():
    page = help_of("record", env=ID)
    usage = page.splitlines()[0]
    assert usage == "Penggunaan: apel-rotasi record [OPSI] TANGGAL KECAMATAN"
    assert "{" not in page
    assert "[x>=" not in page
    assert "Argumen:" in page and "[wajib]" in page
    flat = " ".join(page.split())
    for option, meaning in [
        ("--present, --hadir N", "Hadir: jumlah pegawai yang mengikuti apel"),
        ("--sick, --sakit N", "Sakit: jumlah yang tidak hadir karena sakit"),
        ("--leave, --cuti N", "Cuti: jumlah yang sedang cuti resmi"),
        ("--permit, --izin N", "Izin: jumlah yang tidak hadir dengan izin atasan"),
        ("--duty, --dinas N", "Dinas luar: jumlah yang sedang bertugas di tempat lain"),
        (
            "--absent, --tanpa-keterangan N",
            "Tanpa keterangan: jumlah yang tidak hadir tanpa alasan",
        ),
    ]:
        assert f"{option} {meaning}" in flat
    assert "record 14 April 2025 Ilir Timur II" in flat  # quotes are not needed


def test_record_help_in_english_explains_the_counts():
    page = help_of("record", env=EN)
    assert page.splitlines()[0] == "Usage: apel-rotasi record [OPTIONS] DATE KECAMATAN"
    assert "{" not in page and "[x>=" not in page
    flat = " ".join(page.split())
    assert "--leave, --cuti N Cuti: how many were on formal leave" in flat
    assert "--permit, --izin N Izin: how many were excused by their superior" in flat
    assert "--duty, --dinas N Dinas luar: how many were on official duty elsewhere" in flat
    assert "--absent, --tanpa-keterangan N Tanpa keterangan: how many were absent" in flat
    assert "Hadir: how many civil servants attended" in flat


@pytest.mark.parametrize(("env", "words"), [(ID, "Jadwalkan N minggu"), (EN, "Plan N weeks")])
def test_plan_help_has_no_bare_ranges(env, words):
    page = help_of("plan", env=env)
    assert words in page
    assert "[x>=" not in page
    assert "(1 " in page  # "(1 atau lebih)" / "(1 or more)" says it in words


@pytest.mark.parametrize(
    ("command", "usage", "english"),
    [
        ("pin", "pin [OPSI] TANGGAL [KECAMATAN]", "pin [OPTIONS] DATE [KECAMATAN]"),
        ("delete", "delete [OPSI] TANGGAL", "delete [OPTIONS] DATE"),
        ("unpin", "unpin [OPSI] TANGGAL", "unpin [OPTIONS] DATE"),
        ("calendar", "calendar [OPSI] [BULAN]", "calendar [OPTIONS] [MONTH]"),
        ("notice", "notice [OPSI] [TANGGAL]", "notice [OPTIONS] [DATE]"),
        ("publish", "publish [OPSI] FOLDER", "publish [OPTIONS] DIR"),
        ("finding add", "finding add [OPSI] TANGGAL TEMUAN", "finding add [OPTIONS] DATE TEXT"),
    ],
)
def test_usage_names_the_arguments_in_the_language(command, usage, english):
    """The placeholders are words of the run's language, as the messages write them
    (``apel-rotasi record TANGGAL --cancel ALASAN``)."""
    assert help_of(*command.split(), env=ID).splitlines()[0] == f"Penggunaan: apel-rotasi {usage}"
    assert help_of(*command.split(), env=EN).splitlines()[0] == f"Usage: apel-rotasi {english}"


@pytest.mark.parametrize("locale", LOCALES)
def test_the_locale_does_not_decide(home, locale):
    """Under any locale, or none, help is in the roster's language: Indonesian."""
    page = help_of("plan", env={**locale, "APEL_ROTASI_LANG": None})
    assert page.startswith("Penggunaan: apel-rotasi plan [OPSI]")
    assert "Jadwalkan N minggu" in page and "Plan N weeks" not in page


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    "args",
    [
        ["--lang", "en", "plan"],
        ["plan", "--lang", "en"],
        ["plan", "--lang=EN"],
    ],
)
def test_lang_anywhere_on_the_line_decides(home, locale, args):
    page = help_of(*args, env=locale)
    assert page.startswith("Usage: apel-rotasi plan [OPTIONS]")
    assert "Plan N weeks" in page and "Jadwalkan" not in page


def test_the_variable_then_the_roster_decide(home):
    assert help_of("plan", env=EN).startswith("Usage:")
    (home / "kecamatan.toml").write_text(
        BUNDLED.read_text(encoding="utf-8").replace('lang = "id"', 'lang = "en"', 1),
        encoding="utf-8",
    )
    assert help_of("plan", env=ID).startswith("Usage:")
    assert help_of("plan", env={**ID, "APEL_ROTASI_LANG": "id"}).startswith("Penggunaan:")
    assert help_of("--lang", "id", "plan", env=EN).startswith("Penggunaan:")


def pages_in(env: dict[str, str | None]) -> dict[str, dict[str, str]]:
    """Every help page (the main one under ""), with each command's own help text."""
    group = get_command(app)
    pages = {}
    for name in ["", *group.list_commands(typer.Context(group))]:  # type: ignore[attr-defined]
        page = help_of(*([name] if name else []), env=env)
        summary = page.split("\n\n")[1].strip()
        pages[name] = {"help": summary, "page": page}
    return pages


def option_lines(page: str) -> dict[str, str]:
    """Each option on a help page (its first name) -> its help, lines joined; an argument,
    whose placeholder is a word of the page's language, by its place (``argument 1``)."""
    section = page.split("\n\n")
    found: dict[str, str] = {}
    arguments = 0
    for block in section:
        lines = block.splitlines()
        if not lines or not lines[0].endswith(":") or lines[0].startswith(" "):
            continue
        current = None
        for line in lines[1:]:
            if line.startswith("  -") or (line.startswith("  ") and not line.startswith("   ")):
                name, _, text = line.strip().partition("  ")
                current = name.split(",")[0].split()[0]
                if not current.startswith("-"):
                    arguments += 1
                    current = f"argument {arguments}"
                found[current] = text.strip()
            elif current is not None:
                found[current] += " " + line.strip()
    return found


def test_every_command_and_option_is_worded_in_both_languages():
    """Whatever a command adds, its help and each of its options' help exist in both
    languages: a text that reads the same under both locales was never translated."""
    indonesian, english = pages_in(ID), pages_in(EN)
    assert set(indonesian) == set(english) and set(COMMANDS) <= set(indonesian)
    for name in indonesian:
        id_page, en_page = indonesian[name]["page"], english[name]["page"]
        assert indonesian[name]["help"] and english[name]["help"], name
        assert indonesian[name]["help"] != english[name]["help"], name
        assert "[x>=" not in id_page and "[x>=" not in en_page, name
        assert "{" not in id_page.splitlines()[0], name
        assert "Opsi:" in id_page and "Options:" in en_page, name
        id_options, en_options = option_lines(id_page), option_lines(en_page)
        assert set(id_options) == set(en_options), name
        for option in id_options:
            assert id_options[option], f"{name} {option}: no help"
            assert id_options[option] != en_options[option], f"{name} {option}: not translated"
        if name and name not in GROUPS:
            assert "--lang" in id_options, f"{name} has no --lang"


def test_every_command_takes_lang():
    group = get_command(app)
    context = typer.Context(group)
    names = group.list_commands(context)  # type: ignore[attr-defined]
    assert {"init", "plan", "record", "finding", "publish"} <= set(names)
    for name in names:
        command = group.get_command(context, name)  # type: ignore[attr-defined]
        for sub, each in getattr(command, "commands", {name: command}).items():  # `finding add`
            options = {opt for param in each.params for opt in param.opts}
            assert "--lang" in options, sub


@pytest.mark.parametrize(
    ("command", "env", "formats"),
    [
        ("plan", ID, "table, csv, json, xlsx, html atau ics (bawaan: table"),
        ("history", EN, "table, csv, json, xlsx, html or ics (default: table"),
        ("report", ID, "table, csv, json, xlsx atau html (bawaan: table"),
        ("unvisited", EN, "table, csv, json, xlsx or html (default: table"),
        ("calendar", ID, "table atau html (bawaan: table"),
    ],
)
def test_the_format_option_lists_the_formats_the_command_writes(command, env, formats):
    """The help lists the formats registry's own, so a new format shows there at once."""
    done = CliRunner().invoke(app, [command, "--help"], env=env)
    assert done.exit_code == 0
    assert formats in " ".join(done.output.split())
