"""The console script as a program embedding it would call it: twice in one process."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = """
import sys
from apel_rotasi.cli import main
for args in (["plan", "--start", "2025-04-14", "--weeks", "1", "-f", "csv"], ["--help", "plan"]):
    sys.argv = ["apel-rotasi", *args]
    try:
        main()
    except SystemExit as done:
        print("exit", done.code)
"""


def test_main_runs_twice_in_one_process_and_help_names_the_command(home):
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**env, "LANG": "en_US.UTF-8"},
    )
    assert done.stderr == ""
    assert "2025-04-14,Senin,1,16.71.06,Ilir Timur II" in done.stdout
    assert done.stdout.count("exit 0") == 2
    # `--help plan` is the main help, as with any Typer app: every command is listed, in
    # the roster's language whatever the locale says.
    assert "Commands:" not in done.stdout
    listed = done.stdout.split("\nPerintah:\n")[1]
    for command in ("plan", "record", "edit", "undo", "log", "notice", "check"):
        assert f"  {command} " in listed


def test_the_console_script_without_any_locale_speaks_the_output_language(home):
    """A Windows PC sets no LANG: help and the parser's errors are in Indonesian anyway."""
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    done = subprocess.run(
        [sys.executable, "-m", "apel_rotasi", "plan", "--minggu", "4"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )
    assert done.returncode == 2
    assert done.stderr == (
        "Penggunaan: apel-rotasi plan [OPSI]\n"
        "Coba 'apel-rotasi plan --help' untuk bantuan.\n\n"
        "Kesalahan: Tidak ada opsi --minggu.\n"
    )
