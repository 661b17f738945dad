"""HTML for people: one self-contained page per listing that prints on A4.

A builder turns a listing's records (the contract's columns) into a ``Page`` of words in
the output language; ``to_html`` fills the Jinja2 template with it. Jinja2 autoescapes
every value, so a name or note from a hand-edited file is always text, never markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from apel_rotasi.i18n import word, words
from apel_rotasi.model import COUNTS
from apel_rotasi.month import MonthView
from apel_rotasi.names import Names, names
from apel_rotasi.render.change import People, record_lines

Record = Mapping[str, Any]
TO = " \N{EN DASH} "  # between the ends of a period


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    number: bool = False  # right-aligned, in tabular figures
    wrap: bool = False  # notes wrap; names and dates keep to one line


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[str, ...]
    kind: str | None = None  # a status (holiday, cancelled, pinned, …): how the row looks


@dataclass(frozen=True, slots=True)
class Aside:
    """A titled list under the table: the holidays a plan skipped, a month's holidays, or
    (``links``: label and relative address) the files of a published folder."""

    heading: str
    items: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Page:
    """Everything a page shows, already in words; ``month`` draws a calendar instead."""

    lang: str
    city: str
    title: str
    made: dt.date
    subtitle: str | None = None
    columns: tuple[Column, ...] = ()
    rows: tuple[Row, ...] = ()
    notes: tuple[str, ...] = ()
    asides: tuple[Aside, ...] = ()
    month: MonthView | None = None
    landscape: bool = False  # for tables too wide for a portrait A4
    totals: tuple[str, ...] = ()  # a last row under the table, one cell per column
    signed: bool = False  # a paper for the Sekda: a place for the date and signature


def to_html(page: Page) -> bytes:
    """The page as UTF-8 HTML: styles inside, no script, nothing fetched from elsewhere."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    environment = Environment(
        loader=PackageLoader("apel_rotasi", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    day_names = names(page.lang)
    text = environment.get_template("page.html").render(
        page=page,
        office=word(page.lang, "page_office", city=page.city),
        made=word(page.lang, "page_made", date=day_names.long_date(page.made)),
        cancelled=words(page.lang, "STATUSES")["cancelled"],
        ceremony=words(page.lang, "STATUSES")["ceremony"],
        no_rows=word(page.lang, "no_rows"),
        sign_place=word(page.lang, "page_sign_place", city=page.city),
        sign_role=word(page.lang, "page_sign_role"),
        sign_name=word(page.lang, "page_sign_name"),
        page_word=word(page.lang, "page_number"),
    )
    return text.encode("utf-8")


def plan_page(
    records: Sequence[Record], lang: str, city: str, made: dt.date, *, summary: str | None = None
) -> Page:
    """The plan, its period in the heading and the holidays it skipped listed under it."""
    day_names = names(lang)
    rows = []
    for r in records:
        status = r["status"]
        rows.append(
            Row(
                (
                    day_names.long_date(r["date"]),
                    f"{r['time']:%H:%M}" if r.get("time") else "",
                    _text(r["round"]),
                    _kecamatan(r, lang, status),
                    _text(r["leader"]),
                    words(lang, "STATUSES")[status],
                    _text(r["note"]),
                ),
                status,
            )
        )
    skipped = tuple(
        f"{day_names.long_date(r['date'])}: {r['note'] or words(lang, 'STATUSES')['holiday']}"
        for r in records
        if r["status"] == "holiday"
    )
    return Page(
        lang,
        city,
        _with_period(word(lang, "page_plan"), records, day_names),
        made,
        summary,
        _columns(lang, "date", "time", "round", "kecamatan", "leader", "status", "note"),
        tuple(rows),
        asides=(Aside(word(lang, "page_skipped"), skipped),) if skipped else (),
    )


def history_page(records: Sequence[Record], lang: str, city: str, made: dt.date) -> Page:
    """The apel recorded with their attendance; a week without apel says why."""
    day_names = names(lang)
    rows = tuple(
        Row(
            (
                day_names.long_date(r["date"]),
                _text(r["round"]),
                _kecamatan(r, lang, r.get("status")),
                _text(r["leader"]),
                *(_text(r[key]) for key in COUNTS),
                _text(r["note"]),
            ),
            r.get("status"),
        )
        for r in records
    )
    columns = (
        *_columns(lang, "date", "round", "kecamatan", "leader"),
        *_counts(lang),
        Column(words(lang, "COLUMNS")["note"], wrap=True),
    )
    title = _with_period(word(lang, "page_history"), records, day_names)
    held = [r for r in records if r.get("status") == "held"]
    totals = (
        word(lang, "page_total"),
        "",
        word(lang, "page_held_count", count=len(held)),
        "",
        *(_sum(held, key) for key in COUNTS),
        "",
    )
    return Page(
        lang, city, title, made, None, columns, rows, landscape=True, totals=totals, signed=True
    )


def report_page(
    records: Sequence[Record],
    lang: str,
    city: str,
    made: dt.date,
    covered: tuple[dt.date, dt.date] | None = None,
) -> Page:
    """Per kecamatan: visits, the last one and how long ago, attendance totals and rate,
    with the period the apel it counts cover and the city's totals under them."""
    day_names = names(lang)
    mark = word(lang, "page_decimal_mark")
    rows = tuple(
        Row(
            (
                _with_short(r),
                _text(r["visits"]),
                _date(r["last_visit"], day_names),
                word(lang, "never") if r["days_since"] is None else str(r["days_since"]),
                *(_text(r[key]) for key in COUNTS),
                "" if r["attendance_rate"] is None else _percent(r["attendance_rate"], mark),
                _text(r["staff"]),
                _text(r["findings_open"]),
                _text(r["findings_overdue"]),
            )
        )
        for r in records
    )
    columns = (
        Column(words(lang, "COLUMNS")["kecamatan"]),
        Column(words(lang, "COLUMNS")["visits"], number=True),
        Column(words(lang, "COLUMNS")["last_visit"]),
        Column(words(lang, "COLUMNS")["days_since"], number=True),
        *_counts(lang),
        Column(words(lang, "COLUMNS")["attendance_rate"], number=True),
        Column(words(lang, "COLUMNS")["staff"], number=True),
        Column(words(lang, "COLUMNS")["findings_open"], number=True),
        Column(words(lang, "COLUMNS")["findings_overdue"], number=True),
    )
    totals = (
        word(lang, "page_total"),
        _sum(records, "visits"),
        "",
        "",
        *(_sum(records, key) for key in COUNTS),
        "",
        _sum(records, "staff"),
        _sum(records, "findings_open"),
        _sum(records, "findings_overdue"),
    )
    subtitle = (
        word(lang, "page_covers", period=period(covered[0], covered[1], day_names))
        if covered
        else None
    )
    return Page(
        lang,
        city,
        word(lang, "page_report"),
        made,
        subtitle,
        columns,
        rows,
        landscape=True,
        totals=totals,
        signed=True,
    )


def findings_page(records: Sequence[Record], lang: str, city: str, made: dt.date) -> Page:
    """What was found at each apel, and its follow-up."""
    day_names = names(lang)
    rows = tuple(
        Row(
            (
                str(r["id"]),
                _date(r["date"], day_names),
                _text(r["kecamatan"] or r["kecamatan_code"]),
                _text(r["text"]),
                _text(r["owner"]),
                _date(r["due"], day_names),
                words(lang, "STATUSES")[r["status"]],
                _date(r["done"], day_names),
                _text(r["result"]),
                _text(r["letter"]),
            ),
            "cancelled" if r["status"] == "done" else None,
        )
        for r in records
    )
    keys = ("id", "date", "kecamatan", "text", "owner", "due", "status", "done", "result")
    columns = tuple(
        Column(words(lang, "COLUMNS")[key], number=key == "id", wrap=key in ("text", "result"))
        for key in (*keys, "letter")
    )
    return Page(
        lang,
        city,
        word(lang, "page_findings"),
        made,
        None,
        columns,
        rows,
        landscape=True,
        signed=True,
    )


def unvisited_page(
    records: Sequence[Record], lang: str, city: str, made: dt.date, *, summary: str | None = None
) -> Page:
    """The kecamatan still waiting in the current round, in rotation order."""
    day_names = names(lang)
    rows = tuple(
        Row((r["kecamatan_code"], _with_short(r), _date(r["last_visit"], day_names)))
        for r in records
    )
    columns = _columns(lang, "kecamatan_code", "kecamatan", "last_visit")
    return Page(lang, city, word(lang, "page_unvisited"), made, summary, columns, rows)


def kecamatan_page(records: Sequence[Record], lang: str, city: str, made: dt.date) -> Page:
    """The roster in rotation order, with visits and the last one."""
    day_names = names(lang)
    rows = tuple(
        Row(
            (
                str(r["order"]),
                r["kecamatan_code"],
                _with_short(r),
                _text(r["kelurahan"]),
                _text(r["visits"]),
                _date(r["last_visit"], day_names),
            )
        )
        for r in records
    )
    columns = (
        Column("#", number=True),
        *_columns(lang, "kecamatan_code", "kecamatan"),
        Column(words(lang, "COLUMNS")["kelurahan"], number=True),
        Column(words(lang, "COLUMNS")["visits"], number=True),
        Column(words(lang, "COLUMNS")["last_visit"]),
    )
    return Page(lang, city, word(lang, "page_kecamatan"), made, None, columns, rows)


def log_page(
    records: Sequence[Record], lang: str, city: str, made: dt.date, people: People
) -> Page:
    """The journal, newest first as given, each record before and after in people's words,
    a field a line."""
    day_names = names(lang)
    rows = tuple(
        Row(
            (
                _date(r["at"], day_names),
                _text(r["user"]),
                words(lang, "ACTIONS").get(r["action"], _text(r["action"])),
                _text(r["file"]),
                _date(r["date"], day_names),
                "\n".join(record_lines(r["file"], r["before"], people, day_names, lang)),
                "\n".join(record_lines(r["file"], r["after"], people, day_names, lang)),
            )
        )
        for r in records
    )
    columns = _columns(
        lang,
        "at",
        "user",
        "action",
        "file",
        "date",
        "before",
        "after",
    )
    return Page(lang, city, word(lang, "page_log"), made, None, columns, rows, landscape=True)


def calendar_page(view: MonthView, lang: str, city: str, made: dt.date) -> Page:
    """The month as a grid, Monday first, its holidays listed under it."""
    day_names = names(lang)
    month = day_names.months[view.month - 1]
    holidays = tuple(f"* {date.day} {month}: {name}" for date, name in view.holidays())
    return Page(
        lang,
        city,
        f"{word(lang, 'page_calendar')}, {day_names.month(view.year, view.month)}",
        made,
        columns=tuple(Column(name) for name in day_names.days),
        notes=(word(lang, "calendar_legend"),),
        asides=(Aside(word(lang, "page_holidays"), holidays),) if holidays else (),
        month=view,
    )


def period(first: dt.date, last: dt.date, day_names: Names) -> str:
    """A period for a heading, its year (and month) written once when both ends share it."""
    months = day_names.months
    end = f"{last.day} {months[last.month - 1]} {last.year}"
    if first == last:
        return end
    if first.year != last.year:
        return f"{first.day} {months[first.month - 1]} {first.year}{TO}{end}"
    if first.month != last.month:
        return f"{first.day} {months[first.month - 1]}{TO}{end}"
    return f"{first.day}{TO}{end}"


def _with_period(title: str, records: Sequence[Record], day_names: Names) -> str:
    if not records:
        return title
    return f"{title}, {period(records[0]['date'], records[-1]['date'], day_names)}"


WRAPPED = ("note", "before", "after")


def _columns(lang: str, *keys: str) -> tuple[Column, ...]:
    return tuple(
        Column(words(lang, "COLUMNS")[key], number=key == "round", wrap=key in WRAPPED)
        for key in keys
    )


def _counts(lang: str) -> tuple[Column, ...]:
    return tuple(Column(words(lang, "COUNT_HEADERS")[key], number=True) for key in COUNTS)


def _kecamatan(record: Record, lang: str, status: str | None) -> str:
    """The kecamatan's name, or for a day without apel the word for why, set off by dashes."""
    if status in ("holiday", "ceremony", "cancelled", "unrecorded"):
        return f"— {words(lang, 'STATUSES')[status]} —"
    return _text(record["kecamatan"] or record["kecamatan_code"])


def _with_short(record: Record) -> str:
    short = record.get("short")
    return f"{record['kecamatan']} ({short})" if short else _text(record["kecamatan"])


def _sum(records: Sequence[Record], key: str) -> str:
    """A column's total; empty when no row has a figure (a count never reported)."""
    figures = [r[key] for r in records if isinstance(r.get(key), int)]
    return str(sum(figures)) if figures else ""


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _date(value: object, day_names: Names) -> str:
    """A date written out, with the time when it has one; ISO text is read first."""
    if isinstance(value, str):
        text = value
        try:
            value = dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)
        except ValueError:
            return text
    if isinstance(value, dt.datetime):
        return f"{day_names.long_date(value)} {value:%H:%M}"
    if isinstance(value, dt.date):
        return day_names.long_date(value)
    return _text(value)


def _percent(rate: float, mark: str) -> str:
    return f"{rate * 100:.1f}%".replace(".", mark)
