"""A listing rendered in its format (``render.formats`` says which): bytes for files and
pipes, a Rich renderable for a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from apel_rotasi.i18n import render
from apel_rotasi.listings import COLUMNS
from apel_rotasi.names import names

if TYPE_CHECKING:
    from rich.console import RenderableType

    from apel_rotasi.outcome import Listing, Month
    from apel_rotasi.render.html import Page


def listing_table(listing: Listing, lang: str, width: int) -> RenderableType:
    """The listing as a table for people, in ``lang``, fitting ``width`` columns."""
    from apel_rotasi.render.table import TABLES

    heading = "\n".join(render(m, lang) for m in listing.heading) or None
    return TABLES[listing.name](listing, heading, names(lang), lang, width)


def listing_bytes(listing: Listing, fmt: str, lang: str) -> bytes:
    """The listing as a file's bytes: CSV, JSON, XLSX, ICS or HTML."""
    columns = COLUMNS[listing.name]
    if fmt == "csv":
        from apel_rotasi.render.data import to_csv

        return to_csv(columns, listing.rows).encode("utf-8")
    if fmt == "json":
        from apel_rotasi.render.data import to_json

        return to_json(columns, listing.rows).encode("utf-8")
    if fmt == "xlsx":
        from apel_rotasi.render.xlsx import to_xlsx

        return to_xlsx(columns, listing.rows, listing.name, lang, listing.people)
    if fmt == "ics":
        from apel_rotasi.render.ics import history_to_ics, plan_to_ics

        cal = listing.calendar
        assert cal is not None
        titles = dict(cal.titles)
        if listing.name == "plan":
            return plan_to_ics(
                listing.rows, cal.rotation, cal.stamp, lang, firm=cal.firm, titles=titles
            )
        return history_to_ics(
            listing.rows, cal.rotation, cal.stamp, lang, titles=titles, times=dict(cal.times)
        )
    from apel_rotasi.render.html import to_html

    return to_html(listing_page(listing, lang))


def listing_page(listing: Listing, lang: str) -> Page:
    """The listing as a page for people, before it is written out as HTML."""
    from apel_rotasi.render import html

    return html.listing_page(
        listing.name,
        listing.rows,
        lang,
        listing.city,
        listing.made,
        summary="\n".join(render(m, lang) for m in listing.heading) or None,
        covered=listing.period,
        people=listing.people,
    )


def month_page(month: Month, lang: str) -> bytes:
    from apel_rotasi.render import html

    return html.to_html(html.calendar_page(month.view, lang, month.city, month.made))


def month_table(month: Month, lang: str) -> RenderableType:
    from apel_rotasi.render.calendar import month_grid

    return month_grid(month.view, names(lang), lang)


def as_text(renderable: RenderableType, width: int, colour: bool = False) -> str:
    """A table as text ``width`` columns wide, in colour when asked (a terminal's standard
    colours); no markup, emoji or highlighting is ever read into the tool's text."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        highlight=False,
        markup=False,
        emoji=False,
        no_color=not colour,
        color_system="standard" if colour else None,
        force_terminal=colour,
    )
    console.print(renderable)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
