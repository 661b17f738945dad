"""The command line: parses options, passes the instant, renders what commands return.

Data goes to standard output (or ``--output``); messages, warnings and errors to
standard error, in the output language. Nothing else in the tool prints.
``app.py`` is the Typer app and its help, ``options.py`` the shared options,
``commands.py`` the commands as typed, ``shell.py`` what runs around them.
"""

from __future__ import annotations

import gc
import os
import sys

from apel_rotasi.cli import commands as _registered  # noqa: F401 (defines the commands)
from apel_rotasi.cli.app import app
from apel_rotasi.cli.run import Run
from apel_rotasi.messages import Message, info

__all__ = ["app", "main"]


def main() -> None:
    """The console script: no traceback ever reaches a user."""
    try:
        app(prog_name="apel-rotasi")
    except KeyboardInterrupt:
        sys.stderr.write(_said(info("interrupted")) + "\n")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
    except Exception as error:  # a bug: say so in one line, never with a traceback
        if os.environ.get("APEL_ROTASI_DEBUG"):
            raise
        bug = info("unexpected", name=type(error).__name__, error=str(error))
        sys.stderr.write(_said(bug, error=True) + "\n")
        sys.exit(1)
    finally:
        # The process ends here: CPython's shutdown would still run full garbage
        # collections over every object the imports made. Frozen, they are left to the
        # operating system; atexit handlers, flushes and deallocation run as before.
        gc.freeze()


def _said(message: Message, error: bool = False) -> str:
    """What the run says at its very end, in its language if that can still be found."""
    from apel_rotasi.i18n import DEFAULT_LANG, render, word

    try:
        lang = Run(tuple(sys.argv[1:])).lang
    except Exception:  # the bug being reported may lie on the way to the language
        lang = DEFAULT_LANG
    text = render(message, lang)
    return f"{word(lang, 'error')}: {text}" if error else text
