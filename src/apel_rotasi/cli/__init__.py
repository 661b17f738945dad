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

__all__ = ["app", "main"]


def main() -> None:
    """The console script: no traceback ever reaches a user."""
    try:
        app(prog_name="apel-rotasi")
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
    except Exception as error:  # a bug: say so in one line, never with a traceback
        if os.environ.get("APEL_ROTASI_DEBUG"):
            raise
        sys.stderr.write(
            f"Error: unexpected {type(error).__name__}: {error} "
            "(set APEL_ROTASI_DEBUG=1 for details)\n"
        )
        sys.exit(1)
    finally:
        # The process ends here: CPython's shutdown would still run full garbage
        # collections over every object the imports made. Frozen, they are left to the
        # operating system; atexit handlers, flushes and deallocation run as before.
        gc.freeze()
