"""Helpers for the cog blocks in README.md: real output of the installed CLI."""

from __future__ import annotations

import atexit
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

_HOME = Path(tempfile.mkdtemp(prefix="apel-readme-"))
atexit.register(shutil.rmtree, _HOME, ignore_errors=True)  # cog leaves no folder behind
_ENV = {
    **os.environ,
    "APEL_ROTASI_HOME": str(_HOME / "home"),
    "XDG_CACHE_HOME": str(_HOME / "cache"),
    "NO_COLOR": "1",
    "COLUMNS": "80",
    "TERM": "dumb",
}


def run(command: str) -> str:
    """Run ``apel-rotasi …`` in the README's example home; return what a user sees."""
    args = shlex.split(command)
    assert args[0] == "apel-rotasi"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from apel_rotasi.cli import main; sys.argv[0] = 'apel-rotasi'; main()",
            *args[1:],
        ],
        capture_output=True,
        text=True,
        env=_ENV,
        check=False,
    )
    return done.stdout + done.stderr


def show(command: str) -> str:
    """A fenced block with the command and its output."""
    output = "\n".join(line.rstrip() for line in run(command).rstrip("\n").splitlines())
    return f"```console\n$ {command}\n{output}\n```\n"


def help_of(command: str) -> str:
    """A command's help in English (the README's language); without ``--lang`` it is in
    the roster's language, Indonesian here."""
    return show(f"apel-rotasi {command} --help --lang en".replace("  ", " "))
