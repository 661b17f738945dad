"""The listings' columns, described once (render.columns): the page, the terminal's table
and the sheet show what the description says, so that none drifts from the others."""

from __future__ import annotations

import datetime as dt
import io
import re
from html.parser import HTMLParser
from typing import get_args

import openpyxl
import pytest

from apel_rotasi import listings
from apel_rotasi.i18n import LANGUAGES, catalogue
from apel_rotasi.render import html, table
from apel_rotasi.render.columns import LAYOUTS, header
from apel_rotasi.render.xlsx import to_xlsx

pytestmark = pytest.mark.usefixtures("home")  # names() caches Babel's words in a temp folder

MADE = dt.date(2025, 5, 6)
STATUS = {"plan": "planned", "history": "held", "findings": "open"}


class Cells(HTMLParser):
    """The text of each header cell, and how many cells each row of a page's table has."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.headers: list[str] = []
        self.rows: dict[str, list[int]] = {"thead": [], "tbody": [], "tfoot": []}
        self.part = ""
        self.tag = ""
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tag = tag
        if tag in self.rows:
            self.part = tag
        elif tag == "tr":
            self.rows[self.part].append(0)
        elif tag in ("th", "td"):
            self.rows[self.part][-1] += 1

    def handle_data(self, data):
        if self.tag == "th" and data.strip():
            self.headers.append(data.strip())

    def handle_endtag(self, tag):
        self.tag = ""


def record(name: str) -> dict[str, object]:
    """A row of the listing with every contract column, each without a value but its
    date and status."""
    row: dict[str, object] = dict.fromkeys(listings.COLUMNS[name])
    if "date" in row:
        row["date"] = MADE
    if name in STATUS:
        row["status"] = STATUS[name]
    return row


def page_of(name: str, lang: str) -> Cells:
    page = html.listing_page(name, [record(name), record(name)], lang, "Kota X", MADE)
    return Cells(html.to_html(page).decode("utf-8"))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_a_page_has_the_columns_of_its_description_and_a_cell_for_each(name, lang):
    cells = page_of(name, lang)
    described = [header(c.heading, lang) for c in LAYOUTS[name].columns if c.page]
    assert cells.headers == described
    assert cells.rows["tbody"] == [len(described)] * 2


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_totals_row_has_one_cell_per_column(lang):
    totalled = [name for name, layout in LAYOUTS.items() if any(c.total for c in layout.columns)]
    assert sorted(totalled) == ["history", "report"]
    for name in totalled:
        cells = page_of(name, lang)
        assert cells.rows["tfoot"] == [len(cells.headers)], name
    assert page_of("plan", lang).rows["tfoot"] == []


def test_the_words_of_the_history_totals_are_under_their_columns():
    page = html.listing_page("history", [record("history")], "en", "Kota X", MADE)
    totals = dict(zip((c.header for c in page.columns), page.totals, strict=True))
    assert totals["Date"] == "Total" and totals["Kecamatan"] == "1 apel"
    assert totals["Present"] == "" and totals["Note"] == ""


def test_every_contract_column_has_a_kind_that_every_format_knows():
    contract = {column for columns in listings.COLUMNS.values() for column in columns}
    assert set(listings.KINDS) == contract
    assert set(table.LAID_AS) == set(get_args(listings.Kind))


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_a_page_shows_contract_columns_and_a_table_derives_only_with_a_kind(name):
    for column in LAYOUTS[name].columns:
        if column.key not in listings.COLUMNS[name]:
            assert column.kind is not None and not column.page, column.key
        assert column.page or column.table, column.key


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_a_stacked_column_goes_under_one_the_table_shows_before_it(name):
    shown = [c.key for c in LAYOUTS[name].columns if c.table]
    for column in LAYOUTS[name].columns:
        if column.under is not None:
            assert column.table and column.under in shown[: shown.index(column.key)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_label_is_in_the_catalogue(lang):
    module = catalogue(lang)
    for layout in LAYOUTS.values():
        assert layout.title in module.WORDS
        for column in layout.columns:
            for label in filter(None, (column.heading, column.brief)):
                if label.table != "SIGN":
                    assert label.key in getattr(module, label.table), label
            if column.empty:
                assert column.empty in module.WORDS


def test_the_terminal_table_has_the_briefer_headers_of_the_description(cli):
    cli.ok("init")
    shown = cli.ok("--lang", "en", "kecamatan", env={"COLUMNS": "200"}).stdout.splitlines()
    described = [
        header(c.brief or c.heading, "en") for c in LAYOUTS["kecamatan"].columns if c.table
    ]
    assert re.split(r"\s{2,}", shown[0].strip()) == described == [
        "#", "Kecamatan", "Kel.", "Visits", "Last visit"
    ]  # fmt: skip


def sheet(columns: list[str], row: dict[str, object]) -> list[object]:
    data = to_xlsx(columns, [row], "plan", "id", {})
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.active is not None
    return [cell.value for cell in next(book.active.iter_rows(min_row=2))]


def test_a_sheet_writes_a_status_in_words_because_of_its_kind(monkeypatch):
    assert sheet(["status", "note"], {"status": "holiday", "note": "holiday"}) == [
        "libur",
        "holiday",
    ]
    monkeypatch.setitem(listings.KINDS, "note", "status")
    assert sheet(["note"], {"note": "holiday"}) == ["libur"]


def test_a_sheet_writes_a_rate_as_a_percentage_because_of_its_kind():
    data = to_xlsx(["attendance_rate"], [{"attendance_rate": 0.5}], "report", "en", {})
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.active is not None
    assert book.active["A2"].value == 0.5 and book.active["A2"].number_format == "0.0%"
