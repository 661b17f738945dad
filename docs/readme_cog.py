"""Helpers for the cog blocks in README.md: real output of the installed CLI."""

from __future__ import annotations

import atexit
import io
import os
import shlex
import shutil
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout, suppress
from pathlib import Path

from apel_rotasi.cli import main

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
    """Run ``apel-rotasi …`` in the README's example home; return what a user sees.

    It runs in this process, as the console script would in its own: with ``_ENV`` as the
    whole environment, the command line in ``sys.argv`` and both streams UTF-8 pipes, not
    Click's test runner, whose help is always 80 columns wide (a real one is 78 at
    ``COLUMNS=80``)."""
    args = shlex.split(command)
    assert args[0] == "apel-rotasi"
    streams = [io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="") for _ in "oe"]
    saved_env, saved_argv = dict(os.environ), sys.argv
    os.environ.clear()
    os.environ.update(_ENV)
    sys.argv = ["apel-rotasi", *args[1:]]
    try:
        with redirect_stdout(streams[0]), redirect_stderr(streams[1]), suppress(SystemExit):
            main()
    finally:
        os.environ.clear()
        os.environ.update(saved_env)
        sys.argv = saved_argv
    return "".join(_text(stream) for stream in streams)


def _text(stream: io.TextIOWrapper) -> str:
    """What was written to a captured stream, read as ``subprocess`` reads text."""
    stream.flush()
    data: bytes = stream.buffer.getvalue()  # type: ignore[attr-defined]
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def show(command: str) -> str:
    """A fenced block with the command and its output."""
    output = "\n".join(line.rstrip() for line in run(command).rstrip("\n").splitlines())
    return f"```console\n$ {command}\n{output}\n```\n"


def help_of(command: str) -> str:
    """A command's help in English (the README's language); without ``--lang`` it is in
    the roster's language, Indonesian here."""
    return show(f"apel-rotasi {command} --help --lang en".replace("  ", " "))
