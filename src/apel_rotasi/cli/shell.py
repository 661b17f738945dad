"""Between the options and the commands: the instant, the home, checks of what was typed,
and the one place that shows what a command returned and says its messages and errors."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from apel_rotasi import __version__, i18n
from apel_rotasi.cli import run
from apel_rotasi.clock import NOW_ENV
from apel_rotasi.errors import Problems, UsageError, UserError
from apel_rotasi.records import COUNT_FIELDS, MAX_COUNT

if TYPE_CHECKING:
    from apel_rotasi.commands.common import Context
    from apel_rotasi.messages import Message
    from apel_rotasi.outcome import Outcome


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
    from apel_rotasi.store.dirs import resolve_home

    return resolve_home(ctx.obj)


def context_of(
    ctx: typer.Context, lang: str | None, *, history: bool = True, pins: bool = False
) -> Context:
    """What a command starts from: its home loaded as it needs (``history``, ``pins``),
    the instant, the output language and the city's date; made after the options' checks."""
    from apel_rotasi.commands.common import open_home

    return open_home(home_of(ctx), now(), check_lang(lang), history=history, pins=pins)


def in_words(message: Message, lang: str) -> str:
    from apel_rotasi.i18n import render, word

    text = render(message, lang)
    return f"{word(lang, 'warning')}: {text}" if message.level == "warning" else text


def say(lines: list[str]) -> None:
    from apel_rotasi.console import write_message

    for line in lines:
        write_message(line + "\n")


def error_lines(error: UserError, lang: str) -> list[str]:
    """An error as said: each problem after ``Kesalahan:``/``Error:``, with its file and
    line where it has them; a mistyped command line after the command's usage."""
    from apel_rotasi.i18n import render, word
    from apel_rotasi.messages import info

    lines = []
    if isinstance(error, UsageError) and error.usage is not None:
        from apel_rotasi.cli.app import usage_line

        hint = render(info("usage_hint", command=error.command), lang)
        lines += [usage_line(error.usage, lang), hint, ""]
    problems = error.problems if isinstance(error, Problems) else [error]
    for problem in problems:
        where = (
            f"{problem.path}:{problem.line}: "
            if problem.line
            else (f"{problem.path}: " if problem.path else "")
        )
        lines.append(f"{word(lang, 'error')}: {where}{render(problem.message, lang)}")
    return lines


def check_format(fmt: str | None, allowed: tuple[str, ...]) -> str | None:
    return _one_of("--format", fmt, allowed)


def at_least(least: int, values: dict[tuple[str, ...], int | None]) -> None:
    """Refuse a count or length below ``least``, in the output language; ``values`` maps
    each option's names to its value, and the message names it as it was typed."""
    for names, value in values.items():
        if value is not None and value < least:
            option = run.current().typed(*names)
            raise UserError("too_small", option=option, least=least, value=value)


def counts(given: dict[str, int]) -> dict[str, int]:
    """The attendance counts given, each from 0 to ``MAX_COUNT``, named as typed."""
    for field in COUNT_FIELDS:
        value = given.get(field.name)
        at_least(0, {field.options: value})
        if value is not None and value > MAX_COUNT:
            option = run.current().typed(*field.options)
            raise UserError("too_large", option=option, most=f"{MAX_COUNT:,}", value=value)
    return given


def check_lang(lang: str | None) -> str | None:
    """The language typed (``--lang`` anywhere on the line) or set in the environment;
    None leaves it to the roster."""
    if lang is not None:
        return _one_of("--lang", lang, i18n.LANGUAGES)
    return run.current().chosen_lang()


def _one_of(option: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value is not None and value.lower() not in allowed:
        raise UsageError("usage_not_one_of", option=option, value=value, allowed=list(allowed))
    return value.lower() if value else None


def finish(outcome: Outcome, fmt: str | None = None, output: str | None = None) -> None:
    """Show what a command produced, then say its messages; exit 1 on check's problems."""
    from apel_rotasi import console
    from apel_rotasi.render import formats
    from apel_rotasi.render import output as out

    lang = outcome.lang
    width = console.table_width()
    said: list[Message] = []
    if outcome.listing is not None:
        listing = outcome.listing
        fmt = formats.choose_format(
            fmt, Path(output) if output else None, formats.listing_formats(listing.name)
        )
        if fmt == "table":
            table = out.listing_table(listing, lang, width)
            said += deliver(out.as_text(table, width, output is None and console.colour()), output)
        else:
            said += deliver(out.listing_bytes(listing, fmt, lang), output)
    elif outcome.month is not None:
        fmt = formats.choose_format(fmt, Path(output) if output else None, formats.MONTH_FORMATS)
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
