"""The command line: parses options, passes the instant, renders what commands return.

Data goes to standard output (or ``--output``); messages, warnings and errors to
standard error, in the output language. Nothing else in the tool prints.
``app.py`` is the Typer app and its help, ``options.py`` the shared options,
``commands.py`` the commands as typed, ``shell.py`` what runs around them.
"""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from typing import NoReturn

from apel_rotasi.cli import commands as _registered  # noqa: F401 (defines the commands)
from apel_rotasi.cli.app import app
from apel_rotasi.cli.run import Run
from apel_rotasi.errors import UserError
from apel_rotasi.messages import Message, info

__all__ = ["app", "main"]


def main() -> None:
    """A run of the tool (the console script's, ``apel_rotasi.script``): no traceback
    ever reaches a user."""
    try:
        app(prog_name="apel-rotasi")
    except KeyboardInterrupt:
        sys.stderr.write(_said(info("interrupted")) + "\n")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
    except UserError as error:  # before any command ran: ``--version`` with no output
        _failed(error)
    except OSError as error:
        _stream_or_unexpected(error)
    except Exception as error:  # a bug: say so in one line, never with a traceback
        _unexpected(error)


def _lang() -> str:
    """The run's language, if it can still be found."""
    from apel_rotasi.i18n import DEFAULT_LANG

    try:
        return Run(tuple(sys.argv[1:])).lang
    except Exception:  # the bug being reported may lie on the way to the language
        return DEFAULT_LANG


def _said(message: Message, error: bool = False) -> str:
    """What the run says at its very end, in its language."""
    from apel_rotasi.i18n import render, word

    lang = _lang()
    text = render(message, lang)
    return f"{word(lang, 'error')}: {text}" if error else text


def _unexpected(error: Exception) -> NoReturn:
    if os.environ.get("APEL_ROTASI_DEBUG"):
        raise error
    bug = info("unexpected", name=type(error).__name__, error=str(error))
    sys.stderr.write(_said(bug, error=True) + "\n")
    sys.exit(1)


def _failed(error: UserError) -> NoReturn:
    from apel_rotasi.cli.shell import error_lines, say

    with suppress(UserError):  # standard error failed too: the exit status says it
        say(error_lines(error, _lang()))
    sys.exit(1)


def _stream_or_unexpected(error: OSError) -> NoReturn:
    """An OSError from the option parser's own output (``--help >/dev/full``) is said as
    any command's failed output is, when standard output cannot be flushed; any other is
    a bug."""
    from apel_rotasi import console

    try:
        console.write_text("")
    except UserError as failed:
        _failed(failed)
    _unexpected(error)
