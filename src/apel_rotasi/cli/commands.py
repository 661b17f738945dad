"""The commands as typed: each parses its options, calls its command with the context it
runs in (``context_of``), and hands the outcome to ``finish``."""

from pathlib import Path
from typing import Annotated

import typer

from apel_rotasi.cli import run
from apel_rotasi.cli.app import HELP, METAVAR, App, Group, app, format_help
from apel_rotasi.cli.options import (
    DateWords,
    FormatOption,
    IcsFormatOption,
    LangOption,
    LedByOption,
    NoteOption,
    OutputOption,
    count_options,
)
from apel_rotasi.cli.shell import (
    at_least,
    check_format,
    check_lang,
    context_of,
    finish,
    home_of,
    now,
    show_version,
)
from apel_rotasi.cli.shell import counts as checked_counts
from apel_rotasi.errors import UsageError, UserError
from apel_rotasi.records import COUNT_FIELDS
from apel_rotasi.render.formats import MONTH_FORMATS, listing_formats


@app.callback(help=HELP["app"])
def main_options(
    ctx: typer.Context,
    home: Annotated[
        Path | None, typer.Option("--home", metavar=METAVAR["dir"], help=HELP["home"])
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=show_version, is_eager=True, help=HELP["version"]),
    ] = False,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.names import keep_with
    from apel_rotasi.store import cache

    check_lang(lang)
    keep_with(cache.memo)  # Babel's words, kept between runs
    ctx.obj = home


@app.command(help=HELP["init"])
def init(
    ctx: typer.Context,
    force: Annotated[bool, typer.Option("--force", help=HELP["init.force"])] = False,
    wilayah: Annotated[
        str | None, typer.Option("--wilayah", metavar=METAVAR["name"], help=HELP["init.wilayah"])
    ] = None,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.setup import init

    lang = check_lang(lang) or run.current().lang
    finish(init(home=home_of(ctx), force=force, lang=lang, wilayah=wilayah))


@app.command(help=HELP["kecamatan"])
def kecamatan(
    ctx: typer.Context,
    wilayah: Annotated[
        str | None,
        typer.Option("--wilayah", metavar=METAVAR["name"], help=HELP["kecamatan.wilayah"]),
    ] = None,
    format: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    if wilayah is None:
        from apel_rotasi.commands.listings import kecamatan

        outcome = kecamatan(context_of(ctx, lang))
    else:
        from apel_rotasi.commands import wilayah as regions

        outcome = regions.kecamatan(name=wilayah, now=now(), lang=check_lang(lang))
    finish(outcome, check_format(format, listing_formats("kecamatan")), output)


@app.command(help=HELP["plan"])
def plan(
    ctx: typer.Context,
    start: Annotated[
        str | None, typer.Option(metavar=METAVAR["date"], help=HELP["plan.start"])
    ] = None,
    weeks: Annotated[
        int | None, typer.Option(metavar=METAVAR["n"], help=HELP["plan.weeks"])
    ] = None,
    rounds: Annotated[
        int | None, typer.Option(metavar=METAVAR["n"], help=HELP["plan.rounds"])
    ] = None,
    no_holidays: Annotated[
        bool, typer.Option("--no-holidays", help=HELP["plan.no_holidays"])
    ] = False,
    format: IcsFormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.plan import plan

    if weeks is not None and rounds is not None:
        raise UsageError("usage_weeks_or_rounds")
    at_least(1, {("--weeks",): weeks, ("--rounds",): rounds})
    fmt = check_format(format, listing_formats("plan"))
    outcome = plan(
        context_of(ctx, lang, pins=True),
        start=start,
        weeks=weeks,
        rounds=rounds,
        no_holidays=no_holidays,
    )
    finish(outcome, fmt, output)


@app.command(help=HELP["record"])
@count_options(int, METAVAR["n"])
def record(
    ctx: typer.Context,
    words: Annotated[
        list[str], typer.Argument(metavar=METAVAR["date_kecamatan"], help=HELP["record.words"])
    ],
    led_by: LedByOption = None,
    note: NoteOption = None,
    counts: dict[str, int] | None = None,
    cancel: Annotated[
        str | None, typer.Option("--cancel", metavar=METAVAR["reason"], help=HELP["record.cancel"])
    ] = None,
    replace: Annotated[bool, typer.Option("--replace", help=HELP["record.replace"])] = False,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.record import record

    given = checked_counts(counts or {})
    outcome = record(
        context_of(ctx, lang, pins=True),
        words=words,
        led_by=led_by,
        note=note,
        counts=given,
        cancel=cancel,
        replace=replace,
    )
    finish(outcome)


@app.command(help=HELP["delete"])
def delete(ctx: typer.Context, words: DateWords, lang: LangOption = None) -> None:
    from apel_rotasi.commands.record import delete

    finish(delete(context_of(ctx, lang, history=False), words=words))


@app.command(help=HELP["edit"])
@count_options(str, METAVAR["n_or_remove"])  # a number, or - to remove it (checked by the command)
def edit(
    ctx: typer.Context,
    words: DateWords,
    kecamatan: Annotated[
        str | None,
        typer.Option("--kecamatan", metavar=METAVAR["kecamatan"], help=HELP["edit.kecamatan"]),
    ] = None,
    led_by: Annotated[
        str | None, typer.Option("--led-by", metavar=METAVAR["leader"], help=HELP["edit.led_by"])
    ] = None,
    note: NoteOption = None,
    counts: dict[str, str] | None = None,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.record import edit

    given = counts or {}
    outcome = edit(
        context_of(ctx, lang, history=False),
        words=words,
        kecamatan=kecamatan,
        led_by=led_by,
        note=note,
        counts=counts,
        typed={f.name: run.current().typed(*f.options) for f in COUNT_FIELDS if f.name in given},
    )
    finish(outcome)


@app.command(help=HELP["log"])
def log(
    ctx: typer.Context,
    format: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.journal import log

    outcome = log(context_of(ctx, lang, history=False))
    finish(outcome, check_format(format, listing_formats("log")), output)


@app.command(help=HELP["undo"])
def undo(ctx: typer.Context, lang: LangOption = None) -> None:
    from apel_rotasi.commands.journal import undo

    finish(undo(context_of(ctx, lang, history=False)))


@app.command(help=HELP["history"])
def history(
    ctx: typer.Context,
    kecamatan: Annotated[
        str | None, typer.Option(metavar=METAVAR["kecamatan"], help=HELP["history.kecamatan"])
    ] = None,
    round: Annotated[
        int | None, typer.Option("--round", metavar=METAVAR["n"], help=HELP["history.round"])
    ] = None,
    format: IcsFormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.listings import history

    at_least(1, {("--round",): round})
    fmt = check_format(format, listing_formats("history"))
    outcome = history(context_of(ctx, lang), kecamatan=kecamatan, round_number=round)
    finish(outcome, fmt, output)


@app.command(help=HELP["unvisited"])
def unvisited(
    ctx: typer.Context,
    format: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.listings import unvisited

    outcome = unvisited(context_of(ctx, lang, pins=True))
    finish(outcome, check_format(format, listing_formats("unvisited")), output)


@app.command(help=HELP["pin"])
def pin(
    ctx: typer.Context,
    words: Annotated[
        list[str], typer.Argument(metavar=METAVAR["date_maybe_kecamatan"], help=HELP["pin.words"])
    ],
    led_by: Annotated[
        str | None, typer.Option("--led-by", metavar=METAVAR["leader"], help=HELP["pin.led_by"])
    ] = None,
    cancel: Annotated[
        str | None, typer.Option(metavar=METAVAR["reason"], help=HELP["pin.cancel"])
    ] = None,
    note: Annotated[
        str | None, typer.Option(metavar=METAVAR["text"], help=HELP["pin.note"])
    ] = None,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.pins import pin

    outcome = pin(
        context_of(ctx, lang, pins=True), words=words, led_by=led_by, cancel=cancel, note=note
    )
    finish(outcome)


@app.command(help=HELP["unpin"])
def unpin(ctx: typer.Context, words: DateWords, lang: LangOption = None) -> None:
    from apel_rotasi.commands.pins import unpin

    finish(unpin(context_of(ctx, lang, history=False), words=words))


@app.command(help=HELP["calendar"])
def calendar(
    ctx: typer.Context,
    month: Annotated[
        list[str] | None,
        typer.Argument(metavar=METAVAR["maybe_month"], help=HELP["calendar.month"]),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option("--format", "-f", metavar=METAVAR["format"], help=format_help(MONTH_FORMATS)),
    ] = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.calendar import calendar

    fmt = check_format(format, MONTH_FORMATS)
    typed = " ".join(month) if month else None  # April 2025, typed without quotes
    outcome = calendar(context_of(ctx, lang, pins=True), month=typed)
    finish(outcome, fmt, output)


@app.command(help=HELP["report"])
def report(
    ctx: typer.Context,
    format: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.listings import report

    outcome = report(context_of(ctx, lang))
    finish(outcome, check_format(format, listing_formats("report")), output)


@app.command(help=HELP["check"])
def check(ctx: typer.Context, lang: LangOption = None) -> None:
    from apel_rotasi.commands.setup import check

    finish(check(home=home_of(ctx), now=now(), lang=check_lang(lang)))


@app.command(help=HELP["notice"])
def notice(
    ctx: typer.Context,
    date: Annotated[
        list[str] | None, typer.Argument(metavar=METAVAR["maybe_date"], help=HELP["notice.date"])
    ] = None,
    weeks: Annotated[
        int | None, typer.Option(metavar=METAVAR["n"], help=HELP["notice.weeks"])
    ] = None,
    changes: Annotated[bool, typer.Option("--changes", help=HELP["notice.changes"])] = False,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.notice import notice

    at_least(1, {("--weeks",): weeks})
    if changes and (date or weeks is not None):
        raise UserError("changes_alone")
    outcome = notice(context_of(ctx, lang, pins=True), date=date, weeks=weeks, changes=changes)
    finish(outcome)


finding_app = App(name="finding", cls=Group, help=HELP["finding"], no_args_is_help=True)
app.add_typer(finding_app, name="finding")
FindingId = Annotated[str, typer.Argument(metavar=METAVAR["id"], help=HELP["finding.id"])]
LetterOption = Annotated[
    str | None, typer.Option("--letter", metavar=METAVAR["number"], help=HELP["finding.letter"])
]
ResultOption = Annotated[
    str | None, typer.Option("--result", metavar=METAVAR["text"], help=HELP["finding.result"])
]
OwnerOption = Annotated[
    str | None, typer.Option("--owner", metavar=METAVAR["who"], help=HELP["finding.owner"])
]
DueOption = Annotated[
    str | None, typer.Option("--due", metavar=METAVAR["date"], help=HELP["finding.due"])
]


@finding_app.command("add", help=HELP["finding.add"])
def finding_add(
    ctx: typer.Context,
    words: Annotated[
        list[str], typer.Argument(metavar=METAVAR["date_text"], help=HELP["finding.add.words"])
    ],
    owner: OwnerOption = None,
    due: DueOption = None,
    letter: LetterOption = None,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.findings import finding_add

    outcome = finding_add(context_of(ctx, lang), words=words, owner=owner, due=due, letter=letter)
    finish(outcome)


@finding_app.command("done", help=HELP["finding.done"])
def finding_done(
    ctx: typer.Context,
    number: FindingId,
    on: Annotated[
        str | None, typer.Option("--on", metavar=METAVAR["date"], help=HELP["finding.on"])
    ] = None,
    result: ResultOption = None,
    letter: LetterOption = None,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.findings import finding_done

    outcome = finding_done(
        context_of(ctx, lang), number=number, on=on, result=result, letter=letter
    )
    finish(outcome)


@finding_app.command("edit", help=HELP["finding.edit"])
def finding_edit(
    ctx: typer.Context,
    number: FindingId,
    text: Annotated[
        str | None, typer.Option("--text", metavar=METAVAR["text"], help=HELP["finding.text"])
    ] = None,
    owner: OwnerOption = None,
    due: DueOption = None,
    letter: LetterOption = None,
    result: ResultOption = None,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.findings import finding_edit

    outcome = finding_edit(
        context_of(ctx, lang),
        number=number,
        text=text,
        owner=owner,
        due=due,
        letter=letter,
        result=result,
    )
    finish(outcome)


@app.command(help=HELP["findings"])
def findings(
    ctx: typer.Context,
    open_only: Annotated[bool, typer.Option("--open", help=HELP["findings.open"])] = False,
    kecamatan: Annotated[
        str | None, typer.Option(metavar=METAVAR["kecamatan"], help=HELP["findings.kecamatan"])
    ] = None,
    format: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.findings import findings

    fmt = check_format(format, listing_formats("findings"))
    outcome = findings(context_of(ctx, lang), open_only=open_only, kecamatan=kecamatan)
    finish(outcome, fmt, output)


@app.command(help=HELP["publish"])
def publish(
    ctx: typer.Context,
    folder: Annotated[str, typer.Argument(metavar=METAVAR["dir"], help=HELP["publish.folder"])],
    weeks: Annotated[
        int | None, typer.Option(metavar=METAVAR["n"], help=HELP["publish.weeks"])
    ] = None,
    lang: LangOption = None,
) -> None:
    from apel_rotasi.commands.publish import publish

    at_least(1, {("--weeks",): weeks})
    finish(publish(context_of(ctx, lang, pins=True), folder=folder, weeks=weeks))
