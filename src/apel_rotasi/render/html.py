"""HTML for people: one self-contained page per listing that prints on A4.

One builder turns any listing's records into a ``Page`` of words in the output language,
from the columns ``render.columns`` describes; ``to_html`` fills the Jinja2 template with
it. Jinja2 autoescapes every value, so a name or note from a hand-edited file is always
text, never markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from apel_rotasi.i18n import word, words
from apel_rotasi.listings import ListingName
from apel_rotasi.month import MonthView
from apel_rotasi.names import Names, names
from apel_rotasi.render.change import People, record_lines
from apel_rotasi.render.columns import (
    IN_WORDS,
    LAYOUTS,
    NO_APEL,
    header,
    with_short,
    without_apel,
)
from apel_rotasi.render.columns import Column as Described

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


def listing_page(
    name: ListingName,
    records: Sequence[Record],
    lang: str,
    city: str,
    made: dt.date,
    *,
    summary: str | None = None,
    covered: tuple[dt.date, dt.date] | None = None,
    people: People = MappingProxyType({}),
) -> Page:
    """A listing as its layout (``render.columns``) describes it: ``summary`` (the round's
    state) under the title of the listings that show it, ``covered`` (the first and last
    apel a report counts) otherwise, and the log's records in ``people``'s words."""
    layout = LAYOUTS[name]
    day_names = names(lang)
    columns = tuple(c for c in layout.columns if c.page)
    looks = layout.looks
    rows = tuple(
        Row(
            tuple(_cell(c, r, lang, day_names, people) for c in columns),
            None if looks is None else looks.get(r["status"], r["status"]),
        )
        for r in records
    )
    title = word(lang, layout.title)
    if layout.dated:
        title = _with_period(title, records, day_names)
    subtitle = summary if layout.summary else None
    if covered:
        subtitle = word(lang, "page_covers", period=period(covered[0], covered[1], day_names))
    totals: tuple[str, ...] = ()
    if any(c.total for c in columns):
        totals = tuple(_total(c, records, lang) for c in columns)
    return Page(
        lang,
        city,
        title,
        made,
        subtitle,
        tuple(
            Column(header(c.heading, lang), number=c.holds in RIGHT, wrap=c.holds in WRAPPED)
            for c in columns
        ),
        rows,
        asides=_skipped(records, lang, day_names) if layout.skipped else (),
        landscape=layout.landscape,
        totals=totals,
        signed=layout.signed,
    )


RIGHT = ("number", "rate")  # right-aligned, in tabular figures
WRAPPED = ("note", "record")  # wrap; names, dates and words keep to one line


def _cell(column: Described, record: Record, lang: str, day_names: Names, people: People) -> str:
    """A cell in words: dates written out, rates as percentages, statuses and actions in the
    output language, a journal's record a field a line, a kecamatan as ``shows`` says."""
    value = record.get(column.key)
    kind = column.holds
    if column.shows == "short":
        return with_short(record)
    if column.shows == "place":
        return _kecamatan(record, lang)
    if value is None:
        return word(lang, column.empty) if column.empty else ""
    if kind == "date":
        return _date(value, day_names)
    if kind == "time":
        return f"{value:%H:%M}"
    if kind == "rate":
        return _percent(float(value), word(lang, "page_decimal_mark"))
    if kind in IN_WORDS:
        return words(lang, IN_WORDS[kind]).get(str(value), str(value))
    if kind == "record":
        return "\n".join(record_lines(str(record["file"]), value, people, day_names, lang))
    return str(value)


def _total(column: Described, records: Sequence[Record], lang: str) -> str:
    """A column's cell in the totals row: the word, its sum or the apel held; else empty."""
    if column.total == "word":
        return word(lang, "page_total")
    if column.total == "held":
        held = sum(r["status"] == "held" for r in records)
        return word(lang, "page_held_count", count=held)
    if column.total == "sum":
        return _sum(records, column.key)
    return ""


def _skipped(records: Sequence[Record], lang: str, day_names: Names) -> tuple[Aside, ...]:
    """The holidays a plan skipped, each with its name."""
    skipped = tuple(
        f"{day_names.long_date(r['date'])}: {r['note'] or words(lang, 'STATUSES')['holiday']}"
        for r in records
        if r["status"] == "holiday"
    )
    return (Aside(word(lang, "page_skipped"), skipped),) if skipped else ()


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


def _kecamatan(record: Record, lang: str) -> str:
    """The kecamatan's name, or for a day without apel the word for why, set off by dashes."""
    status = record.get("status")
    if status in NO_APEL:
        return without_apel(str(status), lang)
    return _text(record["kecamatan"] or record["kecamatan_code"])


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
