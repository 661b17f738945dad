"""Between the options and the commands: the instant, the home, checks of what was typed,
and the one place that shows what a command returned and says its messages and errors."""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from apel_rotasi import __version__
from apel_rotasi.clock import NOW_ENV
from apel_rotasi.errors import Problems, UserError
from apel_rotasi.i18n import DEFAULT_LANG, LANGUAGES
from apel_rotasi.records import COUNT_FIELDS, MAX_COUNT

if TYPE_CHECKING:
    from apel_rotasi.commands import Outcome
    from apel_rotasi.messages import Message

F = TypeVar("F", bound=Callable[..., Any])


def now() -> dt.datetime:
    """The instant the command runs; ``$APEL_ROTASI_NOW`` (ISO 8601 with an offset) sets it,
    to rehearse a date or to test."""
    fixed = os.environ.get(NOW_ENV)
    if fixed:
        try:
            moment = dt.datetime.fromisoformat(fixed)
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise UserError("bad_now", variable=NOW_ENV, value=fixed)
        return moment
    return dt.datetime.now(dt.UTC)


def home_of(ctx: typer.Context) -> Path:
    from apel_rotasi.store.home import resolve_home

    return resolve_home(ctx.obj)


def in_words(message: Message, lang: str) -> str:
    from apel_rotasi.i18n import render, word

    text = render(message, lang)
    return f"{word(lang, 'warning')}: {text}" if message.level == "warning" else text


def say(lines: list[str]) -> None:
    from apel_rotasi.console import write_message

    for line in lines:
        write_message(line + "\n")


def error_lines(error: UserError, lang: str) -> list[str]:
    from apel_rotasi.i18n import render, word

    problems = error.problems if isinstance(error, Problems) else [error]
    lines = []
    for problem in problems:
        where = (
            f"{problem.path}:{problem.line}: "
            if problem.line
            else (f"{problem.path}: " if problem.path else "")
        )
        lines.append(f"{word(lang, 'error')}: {where}{render(problem.message, lang)}")
    return lines


def fallback_lang(ctx: typer.Context, option: str | None) -> str:
    """The language of an error: ``--lang``, else the roster's, else Indonesian."""
    if option is not None and option.lower() in LANGUAGES:
        return option.lower()
    try:
        from apel_rotasi.store.roster import load_roster

        return load_roster(home_of(ctx))[0].rotation.lang
    except (UserError, OSError):
        return DEFAULT_LANG


def user_errors(command: F) -> F:
    """Render a ``UserError`` in the output language on standard error and exit 1."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except OverflowError:  # date arithmetic past 9999-12-31
            error = UserError("beyond_9999")
        except UserError as caught:
            error = caught
        ctx = kwargs.get("ctx") or (args[0] if args else None)
        lang = fallback_lang(ctx, kwargs.get("lang")) if ctx else DEFAULT_LANG
        say(error_lines(error, lang))
        raise typer.Exit(1)

    return run  # type: ignore[return-value]


def check_format(fmt: str | None, allowed: tuple[str, ...]) -> str | None:
    if fmt is not None and fmt.lower() not in allowed:
        choices = ", ".join(allowed)
        raise typer.BadParameter(f"{fmt!r} is not one of {choices}", param_hint="'--format'")
    return fmt.lower() if fmt else None


def at_least(least: int, values: dict[str, int | None]) -> None:
    """Refuse a count or length below ``least``, in the output language; ``values`` maps
    each option's name(s) as typed to its value."""
    for option, value in values.items():
        if value is not None and value < least:
            raise UserError("too_small", option=option, least=least, value=value)


def counts(given: dict[str, int]) -> dict[str, int]:
    """The attendance counts given, each from 0 to ``MAX_COUNT``."""
    for field in COUNT_FIELDS:
        value = given.get(field.name)
        option = "/".join(field.options)
        at_least(0, {option: value})
        if value is not None and value > MAX_COUNT:
            raise UserError("too_large", option=option, most=f"{MAX_COUNT:,}", value=value)
    return given


def check_lang(lang: str | None) -> str | None:
    if lang is not None and lang.lower() not in LANGUAGES:
        choices = ", ".join(LANGUAGES)
        raise typer.BadParameter(f"{lang!r} is not one of {choices}", param_hint="'--lang'")
    return lang.lower() if lang else None


def finish(outcome: Outcome, fmt: str | None = None, output: str | None = None) -> None:
    """Show what a command produced, then say its messages; exit 1 on check's problems."""
    from apel_rotasi import console
    from apel_rotasi.render import output as out

    lang = outcome.lang
    width = console.table_width()
    said: list[Message] = []
    if outcome.listing is not None:
        listing = outcome.listing
        fmt = out.choose_format(
            fmt, Path(output) if output else None, out.listing_formats(listing.name)
        )
        if fmt == "table":
            table = out.listing_table(listing, lang, width)
            said += deliver(out.as_text(table, width), output)
        else:
            said += deliver(out.listing_bytes(listing, fmt, lang), output)
    elif outcome.month is not None:
        fmt = out.choose_format(fmt, Path(output) if output else None, ("table", "html"))
        if fmt == "html":
            said += deliver(out.month_page(outcome.month, lang), output)
        else:
            said += deliver(out.as_text(out.month_table(outcome.month, lang), width), output)
    if outcome.text is not None:  # a notice quotes names from the roster
        console.write_text(console.escape_controls(outcome.text))
    try:
        say([in_words(message, lang) for message in [*said, *outcome.messages]])
    except UserError as error:
        # The files are changed, and a script retrying would now meet "already recorded":
        # a confirmation or warning that cannot be written fails nothing.
        if not (outcome.changed and error.message.kind in ("stderr_closed", "stderr_failed")):
            raise
    if outcome.problems:
        say(error_lines(Problems(list(outcome.problems)), lang))
        raise typer.Exit(1)


def deliver(data: str | bytes, output: str | None) -> list[Message]:
    """Tables (text) go through the terminal's encoding; files' bytes go out as they are.
    A file written is said. ``output`` is the text typed, so ``newdir/`` keeps its slash."""
    from apel_rotasi import console

    if output is not None:
        from apel_rotasi.messages import info
        from apel_rotasi.store import safewrite

        safewrite.write_output(output, data)
        return [info("wrote_file", path=output)]
    if isinstance(data, str):
        console.write_text(data)
    else:
        console.write_data(data)
    return []


def show_version(value: bool) -> None:
    if value:
        from apel_rotasi.console import write_text

        write_text(f"apel-rotasi {__version__}\n")
        raise typer.Exit()
