"""The commands as typed: each parses its options, calls its command with the instant it
runs, and hands the outcome to ``finish``."""

from pathlib import Path
from typing import Annotated, Any

import typer

from apel_rotasi.cli.app import HELP, app
from apel_rotasi.cli.options import (
    COUNT_OPTIONS,
    LISTING,
    WITH_ICS,
    Absent,
    DateWords,
    Duty,
    FormatOption,
    IcsFormatOption,
    LangOption,
    Leave,
    LedByOption,
    NoteOption,
    OutputOption,
    Permit,
    Present,
    Sick,
)
from apel_rotasi.cli.shell import (
    at_least,
    check_format,
    check_lang,
    counts,
    fallback_lang,
    finish,
    home_of,
    now,
    show_version,
    user_errors,
)


@app.callback(help=HELP["app"])
def main_options(
    ctx: typer.Context,
    home: Annotated[Path | None, typer.Option("--home", metavar="DIR", help=HELP["home"])] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=show_version, is_eager=True, help=HELP["version"]),
    ] = False,
) -> None:
    ctx.obj = home


@app.command(help=HELP["init"])
@user_errors
def init(
    ctx: typer.Context,
    force: Annotated[bool, typer.Option("--force", help=HELP["init.force"])] = False,
    wilayah: Annotated[
        str | None, typer.Option("--wilayah", metavar="NAME", help=HELP["init.wilayah"])
    ] = None,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.setup import init

    lang = check_lang(lang) or fallback_lang(ctx, None)
    finish(init(home=home_of(ctx), force=force, lang=lang, wilayah=wilayah))


@app.command(help=HELP["kecamatan"])
@user_errors
def kecamatan(
    ctx: typer.Context,
    wilayah: Annotated[
        str | None, typer.Option("--wilayah", metavar="NAME", help=HELP["kecamatan.wilayah"])
    ] = None,
    format: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    if wilayah is None:
        from apel_rotasi.commands.listings import kecamatan

        outcome = kecamatan(home=home_of(ctx), now=now(), lang=check_lang(lang))
    else:
        from apel_rotasi.commands import wilayah as regions

        outcome = regions.kecamatan(name=wilayah, now=now(), lang=check_lang(lang))
    finish(outcome, check_format(format, LISTING), output)


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
    at_least(1, {"--weeks": weeks, "--rounds": rounds})
    fmt = check_format(format, WITH_ICS)
    outcome = plan(
        home=home_of(ctx),
        now=now(),
        start=start,
        weeks=weeks,
        rounds=rounds,
        no_holidays=no_holidays,
        lang=check_lang(lang),
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

    given = counts(present=present, sick=sick, leave=leave, permit=permit, duty=duty, absent=absent)
    outcome = record(
        home=home_of(ctx),
        now=now(),
        words=words,
        led_by=led_by,
        note=note,
        counts=given,
        cancel=cancel,
        replace=replace,
        lang=check_lang(lang),
    )
    finish(outcome)


@app.command(help=HELP["delete"])
@user_errors
def delete(ctx: typer.Context, words: DateWords, lang: LangOption = None) -> None:
    from apel_rotasi.commands.record import delete

    finish(delete(home=home_of(ctx), now=now(), words=words, lang=check_lang(lang)))


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
    led_by: Annotated[
        str | None, typer.Option("--led-by", metavar="LEADER", help=HELP["edit.led_by"])
    ] = None,
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
        home=home_of(ctx),
        now=now(),
        words=words,
        kecamatan=kecamatan,
        led_by=led_by,
        note=note,
        counts={name: text for name, text in given.items() if text is not None},
        lang=check_lang(lang),
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

    finish(
        log(home=home_of(ctx), now=now(), lang=check_lang(lang)),
        check_format(format, LISTING),
        output,
    )


@app.command(help=HELP["undo"])
@user_errors
def undo(ctx: typer.Context, lang: LangOption = None) -> None:
    from apel_rotasi.commands.journal import undo

    finish(undo(home=home_of(ctx), now=now(), lang=check_lang(lang)))


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

    at_least(1, {"--round": round})
    fmt = check_format(format, WITH_ICS)
    outcome = history(
        home=home_of(ctx), now=now(), kecamatan=kecamatan, round_number=round, lang=check_lang(lang)
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

    outcome = unvisited(home=home_of(ctx), now=now(), lang=check_lang(lang))
    finish(outcome, check_format(format, LISTING), output)


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
        home=home_of(ctx),
        now=now(),
        words=words,
        led_by=led_by,
        cancel=cancel,
        note=note,
        lang=check_lang(lang),
    )
    finish(outcome)


@app.command(help=HELP["unpin"])
@user_errors
def unpin(ctx: typer.Context, words: DateWords, lang: LangOption = None) -> None:
    from apel_rotasi.commands.pins import unpin

    finish(unpin(home=home_of(ctx), now=now(), words=words, lang=check_lang(lang)))


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

    fmt = check_format(format, ("table", "html"))
    typed = " ".join(month) if month else None  # April 2025, typed without quotes
    outcome = calendar(home=home_of(ctx), now=now(), month=typed, lang=check_lang(lang))
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

    outcome = report(home=home_of(ctx), now=now(), lang=check_lang(lang))
    finish(outcome, check_format(format, LISTING), output)


@app.command(help=HELP["check"])
@user_errors
def check(ctx: typer.Context, lang: LangOption = None) -> None:
    from apel_rotasi.commands.setup import check

    finish(check(home=home_of(ctx), now=now(), lang=check_lang(lang)))


@app.command(help=HELP["notice"])
@user_errors
def notice(
    ctx: typer.Context,
    date: Annotated[
        list[str] | None, typer.Argument(metavar="[DATE]", help=HELP["notice.date"])
    ] = None,
    weeks: Annotated[int | None, typer.Option(metavar="N", help=HELP["notice.weeks"])] = None,
    changes: Annotated[bool, typer.Option("--changes", help=HELP["notice.changes"])] = False,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.notice import notice

    at_least(1, {"--weeks": weeks})
    outcome = notice(
        home=home_of(ctx), now=now(), date=date, weeks=weeks, changes=changes, lang=check_lang(lang)
    )
    finish(outcome)


@app.command(help=HELP["publish"])
@user_errors
def publish(
    ctx: typer.Context,
    folder: Annotated[str, typer.Argument(metavar="DIR", help=HELP["publish.folder"])],
    weeks: Annotated[int | None, typer.Option(metavar="N", help=HELP["publish.weeks"])] = None,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.publish import publish

    at_least(1, {"--weeks": weeks})
    finish(publish(home=home_of(ctx), now=now(), folder=folder, weeks=weeks, lang=check_lang(lang)))
