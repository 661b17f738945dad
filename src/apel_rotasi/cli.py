"""The command line: parses options, calls the core, renders. Nothing else lives here."""

import functools
import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from apel_rotasi import __version__
from apel_rotasi.errors import Problems, UserError

app = typer.Typer(
    name="apel-rotasi",
    help="Plan and record the rotating Monday apel pagi of the Sekda across the kecamatan.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])

FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="table, csv, json or xlsx (default: table, or from --output's extension).",
    ),
]
PlanFormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="table, csv, json, xlsx or ics (default: table, or from --output's extension).",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        dir_okay=False,
        help="Write to FILE instead of standard output.",
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option("--lang", metavar="LANG", help="id or en (default: the roster's lang)."),
]
Count = Annotated[int | None, typer.Option(min=0, metavar="N")]


def _home(ctx: typer.Context) -> Path:
    from apel_rotasi.home import resolve_home

    return resolve_home(ctx.obj)


def user_errors(command: F) -> F:
    """Turn a ``UserError`` into ``Error: …`` on standard error and exit 1."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except Problems as problems:
            for problem in problems.problems:
                sys.stderr.write(f"Error: {problem}\n")
            raise typer.Exit(1) from None
        except UserError as error:
            sys.stderr.write(f"Error: {error}\n")
            raise typer.Exit(1) from None
        except OverflowError:  # date arithmetic past 9999-12-31
            sys.stderr.write("Error: dates after the year 9999 are out of reach\n")
            raise typer.Exit(1) from None

    return run  # type: ignore[return-value]


def _format(fmt: str | None, plan: bool = False) -> str | None:
    from apel_rotasi.output import LISTING_FORMATS, PLAN_FORMATS

    allowed = PLAN_FORMATS if plan else LISTING_FORMATS
    if fmt is not None and fmt.lower() not in allowed:
        hint = " (ics is only for plan)" if fmt.lower() == "ics" else ""
        raise typer.BadParameter(
            f"{fmt!r} is not one of {', '.join(allowed)}{hint}", param_hint="'--format'"
        )
    return fmt.lower() if fmt else None


def _lang(lang: str | None) -> str | None:
    if lang is not None and lang.lower() not in ("id", "en"):
        raise typer.BadParameter(f"{lang!r} is not one of id, en", param_hint="'--lang'")
    return lang.lower() if lang else None


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
) -> None:
    """Copy the bundled kecamatan.toml into the home, to edit it."""
    from apel_rotasi import commands

    commands.init(_home(ctx), force)


@app.command()
@user_errors
def kecamatan(
    ctx: typer.Context,
    format: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """The roster in rotation order, with visits and last visit."""
    from apel_rotasi import commands

    fmt = _format(format)
    commands.kecamatan(_home(ctx), fmt, output, _lang(lang))


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
    format: PlanFormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """The coming apel days and the kecamatan for each.

    By default the plan runs until every kecamatan unvisited now has its day.
    """
    from apel_rotasi import commands

    if weeks is not None and rounds is not None:
        raise typer.BadParameter("give --weeks or --rounds, not both", param_hint="'--rounds'")
    fmt = _format(format, plan=True)
    commands.plan(_home(ctx), start, weeks, rounds, no_holidays, fmt, output, _lang(lang))


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
    present: Count = None,
    sick: Count = None,
    leave: Count = None,
    permit: Count = None,
    duty: Count = None,
    absent: Count = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace the apel already recorded on DATE.")
    ] = False,
    lang: LangOption = None,
) -> None:
    """Record an apel that took place.

    With who led it and the attendance figures the camat reports.
    """
    from apel_rotasi import commands

    counts = {
        "present": present,
        "sick": sick,
        "leave": leave,
        "permit": permit,
        "duty": duty,
        "absent": absent,
    }
    commands.record(
        _home(ctx),
        date,
        kecamatan,
        led_by,
        note,
        {k: v for k, v in counts.items() if v is not None},
        replace,
        _lang(lang),
    )


@app.command()
@user_errors
def delete(
    ctx: typer.Context,
    date: Annotated[str, typer.Argument(help="The date of the apel to remove.")],
    lang: LangOption = None,
) -> None:
    """Remove the apel recorded on DATE."""
    from apel_rotasi import commands

    commands.delete(_home(ctx), date, _lang(lang))


@app.command()
@user_errors
def history(
    ctx: typer.Context,
    kecamatan: Annotated[str | None, typer.Option(metavar="K", help="Only this kecamatan.")] = None,
    round: Annotated[
        int | None, typer.Option("--round", min=1, metavar="N", help="Only round N.")
    ] = None,
    format: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """The recorded apel, with their rounds and attendance."""
    from apel_rotasi import commands

    fmt = _format(format)
    commands.history(_home(ctx), kecamatan, round, fmt, output, _lang(lang))


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
    from apel_rotasi import commands

    fmt = _format(format)
    commands.unvisited(_home(ctx), fmt, output, _lang(lang))


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
) -> None:
    """Fix a coming apel: its kecamatan, its leader, or cancel it."""
    from apel_rotasi import commands

    commands.pin(_home(ctx), date, kecamatan, led_by, cancel, note)


@app.command()
@user_errors
def unpin(
    ctx: typer.Context, date: Annotated[str, typer.Argument(help="The date of the pin to remove.")]
) -> None:
    """Remove the pin on DATE."""
    from apel_rotasi import commands

    commands.unpin(_home(ctx), date)


@app.command()
@user_errors
def calendar(
    ctx: typer.Context,
    month: Annotated[str | None, typer.Argument(help="The month (default: this month).")] = None,
    lang: LangOption = None,
) -> None:
    """Draw a month as a calendar.

    Holidays, the apel recorded, and from today on the apel planned.
    """
    from apel_rotasi import commands

    commands.calendar(_home(ctx), month, _lang(lang))


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
    from apel_rotasi import commands

    fmt = _format(format)
    commands.report(_home(ctx), fmt, output, _lang(lang))


@app.command()
@user_errors
def check(ctx: typer.Context) -> None:
    """Validate the files in the home.

    kecamatan.toml, history.toml and pins.toml: OK, or every problem found.
    """
    from apel_rotasi import commands

    problems = commands.check(_home(ctx))
    for problem in problems:
        sys.stderr.write(f"{problem}\n")
    if problems:
        raise typer.Exit(1)
    sys.stdout.write("OK\n")


def _command_name(command: typer.models.CommandInfo) -> str | None:
    """The name Typer gives a registered command: its own, or its function's."""
    if command.name:
        return command.name
    return command.callback.__name__.replace("_", "-") if command.callback else None


def _keep_only_the_command_asked(args: list[str]) -> None:
    """Let Typer build only the subcommand on the command line (all of them for help).

    Typer inspects every command's signature at each start; one is all a run needs.
    """
    words = iter(args)
    for word in words:
        if word == "--home":
            next(words, None)
        elif not word.startswith("-"):
            chosen = [c for c in app.registered_commands if _command_name(c) == word]
            if chosen:
                app.registered_commands = chosen
            return


def main() -> None:
    """The console script: no traceback ever reaches a user."""
    try:
        _keep_only_the_command_asked(sys.argv[1:])
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
        # The process ends here. CPython's shutdown would still run full garbage
        # collections over every object the imports made (9 ms of a plan, measured);
        # frozen, they are left to the operating system. atexit handlers, stream
        # flushes and reference-count deallocation run as before.
        gc.freeze()
