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
from typer.core import TyperCommand, TyperGroup, TyperOption

from apel_rotasi import __version__
from apel_rotasi.errors import Problems, UserError
from apel_rotasi.i18n import catalogue, help_lang

if TYPE_CHECKING:
    from apel_rotasi.commands import Outcome
    from apel_rotasi.messages import Message

# --help speaks the locale's language, chosen once here: it is shown before any roster is
# read. What the commands say is in the output language (--lang, else the roster's).
HELP: dict[str, str] = catalogue(help_lang(os.environ)).HELP
TYPER_OPTIONS = ("help", "install_completion", "show_completion")  # Typer's, worded by HELP
F = TypeVar("F", bound=Callable[..., Any])


def _help_page(command: TyperCommand | TyperGroup, ctx: Any, page: Callable[[Any], str]) -> str:
    """A help page with Typer's own words in the language of the rest: the help and
    completion options, the headings, ``Usage:`` and ``[required]``."""
    for param in command.get_params(ctx):
        if param.name in TYPER_OPTIONS and isinstance(param, TyperOption):
            param.help = HELP[param.name]
    words = {name: HELP[name] for name in ("arguments", "options", "commands")}
    headings = {f"{name.capitalize()}:": f"{text}:" for name, text in words.items()}
    usage, *lines = page(ctx).split("\n")
    if usage.startswith("Usage: "):
        usage = usage.replace("Usage: ", f"{HELP['usage']} ", 1)
        usage = usage.replace("[OPTIONS]", HELP["usage.options"], 1)
        usage = usage.replace("COMMAND [ARGS]...", HELP["usage.command"], 1)
    lines = [usage, *(headings.get(line, line) for line in lines)]
    return "\n".join(lines).replace("[required]", f"[{HELP['required']}]")


class Command(TyperCommand):
    """A command whose help is in the locale's language, its usage line naming the
    arguments as the contract does (``DATE KECAMATAN``, where Typer would brace them)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [piece.strip("{}") for piece in super().collect_usage_pieces(ctx)]

    def get_help(self, ctx: Any) -> str:
        return _help_page(self, ctx, super().get_help)


class Group(TyperGroup):
    """The main command, its help in the locale's language."""

    def get_help(self, ctx: Any) -> str:
        return _help_page(self, ctx, super().get_help)


class App(typer.Typer):
    """Every command of the app is a ``Command``."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[F], F]:
        kwargs.setdefault("cls", Command)
        decorate: Callable[[F], F] = super().command(*args, **kwargs)
        return decorate


app = App(
    name="apel-rotasi",
    cls=Group,
    help=HELP["app"],
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

NOW_ENV = "APEL_ROTASI_NOW"

FormatOption = Annotated[
    str | None, typer.Option("--format", "-f", metavar="FORMAT", help=HELP["format"])
]
IcsFormatOption = Annotated[
    str | None, typer.Option("--format", "-f", metavar="FORMAT", help=HELP["format_ics"])
]
OutputOption = Annotated[
    str | None, typer.Option("--output", "-o", metavar="FILE", help=HELP["output"])
]
LangOption = Annotated[str | None, typer.Option("--lang", metavar="LANG", help=HELP["lang"])]
LedByOption = Annotated[str | None, typer.Option("--led-by", metavar="LEADER", help=HELP["led_by"])]
NoteOption = Annotated[str | None, typer.Option("--note", metavar="TEXT", help=HELP["note"])]
# A date typed without quotes spreads over several arguments.
DateWords = Annotated[list[str], typer.Argument(metavar="DATE", help=HELP["date"])]

# The attendance counts, by their English and Indonesian names. No ``min``: Typer would add
# a bare "[x>=0]" to the help, so ``_at_least`` refuses a negative count instead.
COUNT_OPTIONS = {
    "present": ("--present", "--hadir"),
    "sick": ("--sick", "--sakit"),
    "leave": ("--leave", "--cuti"),
    "permit": ("--permit", "--izin"),
    "duty": ("--duty", "--dinas"),
    "absent": ("--absent", "--tanpa-keterangan"),
}


def _count(name: str) -> Any:
    return typer.Option(*COUNT_OPTIONS[name], metavar="N", help=HELP[f"count.{name}"])


Present = Annotated[int | None, _count("present")]
Sick = Annotated[int | None, _count("sick")]
Leave = Annotated[int | None, _count("leave")]
Permit = Annotated[int | None, _count("permit")]
Duty = Annotated[int | None, _count("duty")]
Absent = Annotated[int | None, _count("absent")]


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
        where = (
            f"{problem.path}:{problem.line}: "
            if problem.line
            else (f"{problem.path}: " if problem.path else "")
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
        choices = ", ".join(allowed)
        raise typer.BadParameter(f"{fmt!r} is not one of {choices}", param_hint="'--format'")
    return fmt.lower() if fmt else None


def _at_least(least: int, values: dict[str, int | None]) -> None:
    """Refuse a count or length below ``least``, in the output language; ``values`` maps
    each option's name(s) as typed to its value."""
    for option, value in values.items():
        if value is not None and value < least:
            raise UserError("too_small", option=option, least=least, value=value)


def _counts(**counts: int | None) -> dict[str, int]:
    """The attendance counts given, each 0 or more."""
    _at_least(0, {"/".join(COUNT_OPTIONS[name]): value for name, value in counts.items()})
    return {name: value for name, value in counts.items() if value is not None}


def _lang(lang: str | None) -> str | None:
    if lang is not None and lang.lower() not in ("id", "en"):
        raise typer.BadParameter(f"{lang!r} is not one of id, en", param_hint="'--lang'")
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
            said += _deliver(out.as_text(table, width), output)
        else:
            said += _deliver(out.listing_bytes(listing, fmt, lang), output)
    elif outcome.month is not None:
        fmt = out.choose_format(fmt, Path(output) if output else None, ("table", "html"))
        if fmt == "html":
            said += _deliver(out.month_page(outcome.month, lang), output)
        else:
            said += _deliver(out.as_text(out.month_table(outcome.month, lang), width), output)
    if outcome.text is not None:
        console.write_text(outcome.text)
    _say([_words(message, lang) for message in [*said, *outcome.messages]])
    if outcome.problems:
        _say(_error_lines(Problems(list(outcome.problems)), lang))
        raise typer.Exit(1)


def _deliver(data: str | bytes, output: str | None) -> list[Message]:
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


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"apel-rotasi {__version__}\n")
        raise typer.Exit()


@app.callback(help=HELP["app"])
def main_options(
    ctx: typer.Context,
    home: Annotated[Path | None, typer.Option("--home", metavar="DIR", help=HELP["home"])] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=HELP["version"]),
    ] = False,
) -> None:
    ctx.obj = home


@app.command(help=HELP["init"])
@user_errors
def init(
    ctx: typer.Context,
    force: Annotated[bool, typer.Option("--force", help=HELP["init.force"])] = False,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.setup import init

    finish(init(home=_home(ctx), force=force, lang=_lang(lang) or _fallback_lang(ctx, None)))


@app.command(help=HELP["kecamatan"])
@user_errors
def kecamatan(
    ctx: typer.Context,
    format: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.listings import kecamatan

    outcome = kecamatan(home=_home(ctx), now=now(), lang=_lang(lang))
    finish(outcome, _format(format, LISTING), output)


LISTING = ("table", "csv", "json", "xlsx", "html")
WITH_ICS = (*LISTING, "ics")


@app.command(help=HELP["plan"])
@user_errors
def plan(
    ctx: typer.Context,
    start: Annotated[str | None, typer.Option(metavar="DATE", help=HELP["plan.start"])] = None,
    weeks: Annotated[int | None, typer.Option(metavar="N", help=HELP["plan.weeks"])] = None,
    rounds: Annotated[int | None, typer.Option(metavar="N", help=HELP["plan.rounds"])] = None,
    no_holidays: Annotated[
        bool, typer.Option("--no-holidays", help=HELP["plan.no_holidays"])
    ] = False,
    format: IcsFormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.plan import plan

    if weeks is not None and rounds is not None:
        raise typer.BadParameter("give --weeks or --rounds, not both", param_hint="'--rounds'")
    _at_least(1, {"--weeks": weeks, "--rounds": rounds})
    fmt = _format(format, WITH_ICS)
    outcome = plan(
        home=_home(ctx),
        now=now(),
        start=start,
        weeks=weeks,
        rounds=rounds,
        no_holidays=no_holidays,
        lang=_lang(lang),
    )
    finish(outcome, fmt, output)


@app.command(help=HELP["record"])
@user_errors
def record(
    ctx: typer.Context,
    words: Annotated[
        list[str], typer.Argument(metavar="DATE KECAMATAN", help=HELP["record.words"])
    ],
    led_by: LedByOption = None,
    note: NoteOption = None,
    present: Present = None,
    sick: Sick = None,
    leave: Leave = None,
    permit: Permit = None,
    duty: Duty = None,
    absent: Absent = None,
    cancel: Annotated[
        str | None, typer.Option("--cancel", metavar="REASON", help=HELP["record.cancel"])
    ] = None,
    replace: Annotated[bool, typer.Option("--replace", help=HELP["record.replace"])] = False,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.record import record

    counts = _counts(
        present=present, sick=sick, leave=leave, permit=permit, duty=duty, absent=absent
    )
    outcome = record(
        home=_home(ctx),
        now=now(),
        words=words,
        led_by=led_by,
        note=note,
        counts=counts,
        cancel=cancel,
        replace=replace,
        lang=_lang(lang),
    )
    finish(outcome)


@app.command(help=HELP["delete"])
@user_errors
def delete(ctx: typer.Context, words: DateWords, lang: LangOption = None) -> None:
    from apel_rotasi.commands.record import delete

    finish(delete(home=_home(ctx), now=now(), words=words, lang=_lang(lang)))


def _edit_count(name: str) -> Any:
    """A count for ``edit``: a number, or ``-`` to remove it (checked by the command)."""
    return typer.Option(*COUNT_OPTIONS[name], metavar="N|-", help=HELP[f"count.{name}"])


@app.command(help=HELP["edit"])
@user_errors
def edit(
    ctx: typer.Context,
    words: DateWords,
    kecamatan: Annotated[
        str | None, typer.Option("--kecamatan", metavar="K", help=HELP["edit.kecamatan"])
    ] = None,
    led_by: LedByOption = None,
    note: NoteOption = None,
    present: Annotated[str | None, _edit_count("present")] = None,
    sick: Annotated[str | None, _edit_count("sick")] = None,
    leave: Annotated[str | None, _edit_count("leave")] = None,
    permit: Annotated[str | None, _edit_count("permit")] = None,
    duty: Annotated[str | None, _edit_count("duty")] = None,
    absent: Annotated[str | None, _edit_count("absent")] = None,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.record import edit

    given = {
        "present": present,
        "sick": sick,
        "leave": leave,
        "permit": permit,
        "duty": duty,
        "absent": absent,
    }
    outcome = edit(
        home=_home(ctx),
        now=now(),
        words=words,
        kecamatan=kecamatan,
        led_by=led_by,
        note=note,
        counts={name: text for name, text in given.items() if text is not None},
        lang=_lang(lang),
    )
    finish(outcome)


@app.command(help=HELP["log"])
@user_errors
def log(
    ctx: typer.Context,
    format: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.journal import log

    finish(log(home=_home(ctx), now=now(), lang=_lang(lang)), _format(format, LISTING), output)


@app.command(help=HELP["undo"])
@user_errors
def undo(ctx: typer.Context, lang: LangOption = None) -> None:
    from apel_rotasi.commands.journal import undo

    finish(undo(home=_home(ctx), now=now(), lang=_lang(lang)))


@app.command(help=HELP["history"])
@user_errors
def history(
    ctx: typer.Context,
    kecamatan: Annotated[
        str | None, typer.Option(metavar="K", help=HELP["history.kecamatan"])
    ] = None,
    round: Annotated[
        int | None, typer.Option("--round", metavar="N", help=HELP["history.round"])
    ] = None,
    format: IcsFormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.listings import history

    _at_least(1, {"--round": round})
    fmt = _format(format, WITH_ICS)
    outcome = history(
        home=_home(ctx), now=now(), kecamatan=kecamatan, round_number=round, lang=_lang(lang)
    )
    finish(outcome, fmt, output)


@app.command(help=HELP["unvisited"])
@user_errors
def unvisited(
    ctx: typer.Context,
    format: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.listings import unvisited

    outcome = unvisited(home=_home(ctx), now=now(), lang=_lang(lang))
    finish(outcome, _format(format, LISTING), output)


@app.command(help=HELP["pin"])
@user_errors
def pin(
    ctx: typer.Context,
    words: Annotated[list[str], typer.Argument(metavar="DATE [KECAMATAN]", help=HELP["pin.words"])],
    led_by: Annotated[
        str | None, typer.Option("--led-by", metavar="LEADER", help=HELP["pin.led_by"])
    ] = None,
    cancel: Annotated[str | None, typer.Option(metavar="REASON", help=HELP["pin.cancel"])] = None,
    note: Annotated[str | None, typer.Option(metavar="TEXT", help=HELP["pin.note"])] = None,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.pins import pin

    outcome = pin(
        home=_home(ctx),
        now=now(),
        words=words,
        led_by=led_by,
        cancel=cancel,
        note=note,
        lang=_lang(lang),
    )
    finish(outcome)


@app.command(help=HELP["unpin"])
@user_errors
def unpin(ctx: typer.Context, words: DateWords, lang: LangOption = None) -> None:
    from apel_rotasi.commands.pins import unpin

    finish(unpin(home=_home(ctx), now=now(), words=words, lang=_lang(lang)))


@app.command(help=HELP["calendar"])
@user_errors
def calendar(
    ctx: typer.Context,
    month: Annotated[
        list[str] | None, typer.Argument(metavar="[MONTH]", help=HELP["calendar.month"])
    ] = None,
    format: Annotated[
        str | None,
        typer.Option("--format", "-f", metavar="FORMAT", help=HELP["format_calendar"]),
    ] = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.calendar import calendar

    fmt = _format(format, ("table", "html"))
    typed = " ".join(month) if month else None  # April 2025, typed without quotes
    outcome = calendar(home=_home(ctx), now=now(), month=typed, lang=_lang(lang))
    finish(outcome, fmt, output)


@app.command(help=HELP["report"])
@user_errors
def report(
    ctx: typer.Context,
    format: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.listings import report

    outcome = report(home=_home(ctx), now=now(), lang=_lang(lang))
    finish(outcome, _format(format, LISTING), output)


@app.command(help=HELP["check"])
@user_errors
def check(ctx: typer.Context, lang: LangOption = None) -> None:
    from apel_rotasi.commands.setup import check

    finish(check(home=_home(ctx), now=now(), lang=_lang(lang)))


@app.command(help=HELP["notice"])
@user_errors
def notice(
    ctx: typer.Context,
    date: Annotated[
        list[str] | None, typer.Argument(metavar="[DATE]", help=HELP["notice.date"])
    ] = None,
    weeks: Annotated[int | None, typer.Option(metavar="N", help=HELP["notice.weeks"])] = None,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.notice import notice

    _at_least(1, {"--weeks": weeks})
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
