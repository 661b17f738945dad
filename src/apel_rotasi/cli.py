"""The command line: parses options, passes the instant, renders what commands return.

Data goes to standard output (or ``--output``); messages, warnings and errors to
standard error, in the output language. Nothing else in the tool prints.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from apel_rotasi import __version__
from apel_rotasi.errors import Problems, UserError

if TYPE_CHECKING:
    from apel_rotasi.commands import Outcome
    from apel_rotasi.messages import Message

app = typer.Typer(
    name="apel-rotasi",
    help="Plan and record the rotating Monday apel pagi of the Sekda across the kecamatan.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])
NOW_ENV = "APEL_ROTASI_NOW"

FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="table, csv, json, xlsx or html (default: table, or from --output's extension).",
    ),
]
IcsFormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="table, csv, json, xlsx, html or ics (default: table, or from --output's extension).",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of standard output."),
]
LangOption = Annotated[
    str | None,
    typer.Option("--lang", metavar="LANG", help="id or en (default: the roster's lang)."),
]


def _count(english: str, indonesian: str, meaning: str) -> Any:
    return typer.Option(english, indonesian, min=0, metavar="N", help=meaning)


Present = Annotated[int | None, _count("--present", "--hadir", "How many were present.")]
Sick = Annotated[int | None, _count("--sick", "--sakit", "How many were absent sick.")]
Leave = Annotated[int | None, _count("--leave", "--cuti", "How many were on leave (cuti).")]
Permit = Annotated[int | None, _count("--permit", "--izin", "How many had permission (izin).")]
Duty = Annotated[int | None, _count("--duty", "--dinas", "How many were on duty elsewhere (dinas luar).")]
Absent = Annotated[
    int | None, _count("--absent", "--tanpa-keterangan", "How many were absent without reason.")
]


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


def _home(ctx: typer.Context) -> Path:
    from apel_rotasi.store.home import resolve_home

    return resolve_home(ctx.obj)


def _words(message: Message, lang: str) -> str:
    from apel_rotasi.i18n import render, word

    text = render(message, lang)
    return f"{word(lang, 'warning')}: {text}" if message.level == "warning" else text


def _say(lines: list[str]) -> None:
    from apel_rotasi.console import write_message

    for line in lines:
        write_message(line + "\n")


def _error_lines(error: UserError, lang: str) -> list[str]:
    from apel_rotasi.i18n import render, word

    problems = error.problems if isinstance(error, Problems) else [error]
    lines = []
    for problem in problems:
        where = f"{problem.path}:{problem.line}: " if problem.line else (
            f"{problem.path}: " if problem.path else ""
        )
        lines.append(f"{word(lang, 'error')}: {where}{render(problem.message, lang)}")
    return lines


def _fallback_lang(ctx: typer.Context, option: str | None) -> str:
    """The language of an error: ``--lang``, else the roster's, else Indonesian."""
    if option in ("id", "en"):
        return option
    try:
        from apel_rotasi.store.roster import load_roster

        return load_roster(_home(ctx))[0].rotation.lang
    except (UserError, OSError):
        return "id"


def user_errors(command: F) -> F:
    """Render a ``UserError`` in the output language on standard error and exit 1."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except UserError as error:
            ctx = kwargs.get("ctx") or (args[0] if args else None)
            lang = _fallback_lang(ctx, kwargs.get("lang")) if ctx else "id"
            _say(_error_lines(error, lang))
            raise typer.Exit(1) from None
        except OverflowError:  # date arithmetic past 9999-12-31
            lang = kwargs.get("lang") or "id"
            _say(_error_lines(UserError("beyond_9999"), lang))
            raise typer.Exit(1) from None

    return run  # type: ignore[return-value]


def _format(fmt: str | None, allowed: tuple[str, ...]) -> str | None:
    if fmt is not None and fmt.lower() not in allowed:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(allowed)}", param_hint="'--format'")
    return fmt.lower() if fmt else None


def _lang(lang: str | None) -> str | None:
    if lang is not None and lang.lower() not in ("id", "en"):
        raise typer.BadParameter(f"{lang!r} is not one of id, en", param_hint="'--lang'")
    return lang.lower() if lang else None


def finish(
    outcome: Outcome, fmt: str | None = None, output: Path | None = None, made: dt.date | None = None
) -> None:
    """Show what a command produced, then say its messages; exit 1 on check's problems."""
    from apel_rotasi import console
    from apel_rotasi.render import output as out

    lang = outcome.lang
    width = console.table_width()
    said: list[Message] = []
    if outcome.listing is not None:
        listing = outcome.listing
        fmt = out.choose_format(fmt, output, out.listing_formats(listing.name))
        if fmt == "table":
            said += _deliver(out.as_text(out.listing_table(listing, lang, width), width), output)
        else:
            said += _deliver(out.listing_bytes(listing, fmt, lang, made or dt.date.today()), output)
    elif outcome.month is not None:
        fmt = out.choose_format(fmt, output, ("table", "html"))
        if fmt == "html":
            said += _deliver(out.month_page(outcome.month, lang, made or dt.date.today()), output)
        else:
            said += _deliver(out.as_text(out.month_table(outcome.month, lang), width), output)
    if outcome.text is not None:
        console.write_data(outcome.text.encode("utf-8"))
    _say([_words(message, lang) for message in [*said, *outcome.messages]])
    if outcome.problems:
        _say(_error_lines(Problems(list(outcome.problems)), lang))
        raise typer.Exit(1)


def _deliver(data: str | bytes, output: Path | None) -> list[Message]:
    """Tables (text) go through the terminal's encoding; files' bytes go out as they are.
    A file written is said."""
    from apel_rotasi import console

    if output is not None:
        from apel_rotasi.messages import info
        from apel_rotasi.store import safewrite

        safewrite.write_output(output, data)
        return [info("wrote_file", path=str(output))]
    if isinstance(data, str):
        console.write_text(data)
    else:
        console.write_data(data)
    return []


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"apel-rotasi {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    home: Annotated[
        Path | None,
        typer.Option(
            "--home",
            metavar="DIR",
            help="The folder with kecamatan.toml, history.toml and pins.toml "
            "(default: $APEL_ROTASI_HOME, else the user data folder).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Plan and record the rotating Monday apel pagi of the Sekda across the kecamatan."""
    ctx.obj = home


@app.command()
@user_errors
def init(
    ctx: typer.Context,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing kecamatan.toml.")
    ] = False,
    lang: LangOption = None,
) -> None:
    """Copy the bundled kecamatan.toml into the home, to edit it."""
    from apel_rotasi.commands.setup import init

    finish(init(home=_home(ctx), force=force, lang=_lang(lang) or _fallback_lang(ctx, None)))


@app.command()
@user_errors
def kecamatan(
    ctx: typer.Context,
    format: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """The roster in rotation order, with visits and last visit."""
    from apel_rotasi.commands.listings import kecamatan

    finish(kecamatan(home=_home(ctx), lang=_lang(lang)), _format(format, LISTING), output)


LISTING = ("table", "csv", "json", "xlsx", "html")
WITH_ICS = (*LISTING, "ics")


@app.command()
@user_errors
def plan(
    ctx: typer.Context,
    start: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="Begin on the first apel day on or after DATE "
            "(default: after the last recorded apel, not before today).",
        ),
    ] = None,
    weeks: Annotated[int | None, typer.Option(min=1, metavar="N", help="Plan N weeks.")] = None,
    rounds: Annotated[
        int | None,
        typer.Option(
            min=1, metavar="N", help="Plan until N rounds are complete, counting the current one."
        ),
    ] = None,
    no_holidays: Annotated[
        bool, typer.Option("--no-holidays", help="Ignore national holidays (closures still count).")
    ] = False,
    format: IcsFormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """The coming apel days and the kecamatan for each.

    By default the plan runs until every kecamatan unvisited now has its day.
    """
    from apel_rotasi.commands.plan import plan

    if weeks is not None and rounds is not None:
        raise typer.BadParameter("give --weeks or --rounds, not both", param_hint="'--rounds'")
    fmt = _format(format, WITH_ICS)
    moment = now()
    outcome = plan(
        home=_home(ctx),
        now=moment,
        start=start,
        weeks=weeks,
        rounds=rounds,
        no_holidays=no_holidays,
        lang=_lang(lang),
    )
    finish(outcome, fmt, output, moment.date())


@app.command()
@user_errors
def record(
    ctx: typer.Context,
    date: Annotated[str, typer.Argument(help="When the apel took place.")],
    kecamatan: Annotated[str, typer.Argument(help="Name, short name, code or alias.")],
    led_by: Annotated[
        str | None,
        typer.Option(
            "--led-by", metavar="LEADER", help="Leader id or name (default: the default leader)."
        ),
    ] = None,
    note: Annotated[str | None, typer.Option(metavar="TEXT", help="A note to keep.")] = None,
    present: Present = None,
    sick: Sick = None,
    leave: Leave = None,
    permit: Permit = None,
    duty: Duty = None,
    absent: Absent = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace the apel already recorded on DATE.")
    ] = False,
    lang: LangOption = None,
) -> None:
    """Record an apel that took place.

    With who led it and the attendance figures the camat reports.
    """
    from apel_rotasi.commands.record import record

    counts = {
        "present": present,
        "sick": sick,
        "leave": leave,
        "permit": permit,
        "duty": duty,
        "absent": absent,
    }
    outcome = record(
        home=_home(ctx),
        now=now(),
        date=date,
        kecamatan=kecamatan,
        led_by=led_by,
        note=note,
        counts={k: v for k, v in counts.items() if v is not None},
        replace=replace,
        lang=_lang(lang),
    )
    finish(outcome)


@app.command()
@user_errors
def delete(
    ctx: typer.Context,
    date: Annotated[str, typer.Argument(help="The date of the apel to remove.")],
    lang: LangOption = None,
) -> None:
    """Remove the apel recorded on DATE."""
    from apel_rotasi.commands.record import delete

    finish(delete(home=_home(ctx), now=now(), date=date, lang=_lang(lang)))


@app.command()
@user_errors
def history(
    ctx: typer.Context,
    kecamatan: Annotated[str | None, typer.Option(metavar="K", help="Only this kecamatan.")] = None,
    round: Annotated[
        int | None, typer.Option("--round", min=1, metavar="N", help="Only round N.")
    ] = None,
    format: IcsFormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """The recorded apel, with their rounds and attendance."""
    from apel_rotasi.commands.listings import history

    fmt = _format(format, WITH_ICS)
    outcome = history(home=_home(ctx), kecamatan=kecamatan, round_number=round, lang=_lang(lang))
    finish(outcome, fmt, output)


@app.command()
@user_errors
def unvisited(
    ctx: typer.Context,
    format: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """The current round's unvisited kecamatan.

    How many of the round are visited, and which are still unvisited, in rotation order.
    """
    from apel_rotasi.commands.listings import unvisited

    finish(unvisited(home=_home(ctx), lang=_lang(lang)), _format(format, LISTING), output)


@app.command()
@user_errors
def pin(
    ctx: typer.Context,
    date: Annotated[str, typer.Argument(help="A coming date.")],
    kecamatan: Annotated[str | None, typer.Argument(help="The kecamatan to visit on DATE.")] = None,
    led_by: Annotated[
        str | None, typer.Option("--led-by", metavar="LEADER", help="Who leads the apel on DATE.")
    ] = None,
    cancel: Annotated[
        str | None, typer.Option(metavar="REASON", help="No apel on DATE, for REASON.")
    ] = None,
    note: Annotated[str | None, typer.Option(metavar="TEXT", help="A note for the plan.")] = None,
    lang: LangOption = None,
) -> None:
    """Fix a coming apel: its kecamatan, its leader, or cancel it."""
    from apel_rotasi.commands.pins import pin

    outcome = pin(
        home=_home(ctx),
        now=now(),
        date=date,
        kecamatan=kecamatan,
        led_by=led_by,
        cancel=cancel,
        note=note,
        lang=_lang(lang),
    )
    finish(outcome)


@app.command()
@user_errors
def unpin(
    ctx: typer.Context,
    date: Annotated[str, typer.Argument(help="The date of the pin to remove.")],
    lang: LangOption = None,
) -> None:
    """Remove the pin on DATE."""
    from apel_rotasi.commands.pins import unpin

    finish(unpin(home=_home(ctx), now=now(), date=date, lang=_lang(lang)))


@app.command()
@user_errors
def calendar(
    ctx: typer.Context,
    month: Annotated[str | None, typer.Argument(help="The month (default: this month).")] = None,
    format: Annotated[
        str | None, typer.Option("--format", "-f", metavar="FORMAT", help="table or html.")
    ] = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """Draw a month as a calendar.

    Holidays, the apel recorded, and from today on the apel planned.
    """
    from apel_rotasi.commands.calendar import calendar

    fmt = _format(format, ("table", "html"))
    moment = now()
    outcome = calendar(home=_home(ctx), now=moment, month=month, lang=_lang(lang))
    finish(outcome, fmt, output, moment.date())


@app.command()
@user_errors
def report(
    ctx: typer.Context,
    format: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """Visits, waits and attendance per kecamatan.

    Per kecamatan: visits, last visit, days since, attendance totals and rate.
    """
    from apel_rotasi.commands.listings import report

    moment = now()
    outcome = report(home=_home(ctx), now=moment, lang=_lang(lang))
    finish(outcome, _format(format, LISTING), output, moment.date())


@app.command()
@user_errors
def check(ctx: typer.Context, lang: LangOption = None) -> None:
    """Validate the files in the home.

    kecamatan.toml, history.toml, pins.toml and journal.jsonl: OK, or every problem found.
    """
    from apel_rotasi.commands.setup import check

    finish(check(home=_home(ctx), now=now(), lang=_lang(lang)))


@app.command()
@user_errors
def notice(
    ctx: typer.Context,
    date: Annotated[
        list[str] | None, typer.Argument(metavar="[DATE]", help="The apel's date (default: the next apel).")
    ] = None,
    weeks: Annotated[
        int | None, typer.Option(min=1, metavar="N", help="Every apel of the next N weeks.")
    ] = None,
    lang: LangOption = None,
) -> None:
    """The message that tells the camat and the leader about a coming apel."""
    from apel_rotasi.commands.notice import notice

    finish(notice(home=_home(ctx), now=now(), date=date, weeks=weeks, lang=_lang(lang)))


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
