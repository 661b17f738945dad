"""One run of the tool: the words typed, and the one language everything it says is in.

The language is ``--lang`` anywhere on the line, else ``$APEL_ROTASI_LANG``, else the
roster's ``lang``, else Indonesian; never the locale (a Windows PC sets none). Help and the
parser's usage errors come before any command has read the roster, so the run reads the
line itself, and reads the roster only when it must say something before a command does.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from contextvars import ContextVar, Token
from functools import cached_property
from pathlib import Path

from apel_rotasi import i18n
from apel_rotasi.errors import UserError
from apel_rotasi.i18n import DEFAULT_LANG

LANG_ENV = "APEL_ROTASI_LANG"


class Run:
    def __init__(self, args: Sequence[str] = ()) -> None:
        self.args = tuple(args)

    def typed(self, *names: str) -> str:
        """The name of an option as typed (``--hadir`` for ``--present``), else its first."""
        found = [
            name for arg in self.args for name in names if arg == name or arg.startswith(f"{name}=")
        ]
        return found[-1] if found else names[0]

    def value(self, name: str) -> str | None:
        """The last value typed for the option ``name``, if any."""
        found = None
        for at, arg in enumerate(self.args):
            if arg == name and at + 1 < len(self.args):
                found = self.args[at + 1]
            elif arg.startswith(f"{name}="):
                found = arg.partition("=")[2]
        return found

    def chosen_lang(self) -> str | None:
        """The language the line or the environment chose, if any; commands fall back to
        the roster's. A language nobody knows in the environment is an error, as any
        other mistyped value there."""
        typed = self.value("--lang")
        if typed is not None and typed.lower() in i18n.LANGUAGES:
            return typed.lower()
        variable = os.environ.get(LANG_ENV)
        if not variable:
            return None
        if variable.lower() not in i18n.LANGUAGES:
            raise UserError(
                "bad_lang_env", variable=LANG_ENV, value=variable, allowed=i18n.LANGUAGES
            )
        return variable.lower()

    @cached_property
    def lang(self) -> str:
        """The output language, for what the run says outside a command: help, the
        parser's errors, an error before the roster was read."""
        try:
            chosen = self.chosen_lang()
        except UserError:
            chosen = None
        if chosen is not None:
            return chosen
        try:
            from apel_rotasi.store.dirs import resolve_home
            from apel_rotasi.store.roster import load_roster

            typed = self.value("--home")
            return load_roster(resolve_home(Path(typed) if typed else None))[0].rotation.lang
        except (UserError, OSError, ValueError):
            return DEFAULT_LANG


_RUN: ContextVar[Run] = ContextVar("run", default=Run())  # noqa: B039 (never mutated)


def current() -> Run:
    return _RUN.get()


def begin(args: Sequence[str]) -> Token[Run]:
    """Start a run; the token ends it (``end``)."""
    return _RUN.set(Run(tuple(args)))


def end(token: Token[Run]) -> None:
    _RUN.reset(token)
