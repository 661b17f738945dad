"""XLSX for people, with openpyxl: one sheet, a bold header and status values in the output
language, real dates, numbers as numbers, text always text.

The columns are the contract's (the same as CSV and JSON), only named for people; each is
written as its kind (``listings.KINDS``) says.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from apel_rotasi.console import escape_controls
from apel_rotasi.i18n import words
from apel_rotasi.listings import KINDS, Kind, Record
from apel_rotasi.names import names
from apel_rotasi.render.change import People, record_lines
from apel_rotasi.render.columns import IN_WORDS

CellValue = str | int | float | dt.date | None
MAX_WIDTH = 60  # a long note wraps in the spreadsheet rather than widening its column
LINE_HEIGHT = 15  # points: a line of the default font, with its spacing
PORTRAIT_WIDTH = 90  # characters across a portrait A4 page at a readable size


def to_xlsx(
    columns: Sequence[str],
    records: Sequence[Record],
    listing_name: str,
    lang: str,
    people: People,
) -> bytes:
    """One sheet that prints as people read it: landscape when wide, one page wide, the
    header on every page."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING, Cell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    day_names = names(lang)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = words(lang, "SHEETS")[listing_name][:31]
    headers = [words(lang, "COLUMNS")[column] for column in columns]
    widths = [len(header) for header in headers]
    for col, header in enumerate(headers, 1):
        head = sheet.cell(row=1, column=col, value=header)
        head.data_type = TYPE_STRING
        head.font = Font(bold=True)
    for row, record in enumerate(records, 2):
        tallest = 1  # lines in the row's tallest cell: spreadsheets do not measure it
        for col, column in enumerate(columns, 1):
            kind = KINDS[column]
            if kind == "record":  # the log: a record in people's words
                lines = record_lines(str(record["file"]), record[column], people, day_names, lang)
                value: CellValue = escape_controls("\n".join(lines))
            else:
                value = _value(record[column], kind, lang)
            cell = sheet.cell(row=row, column=col)
            assert isinstance(cell, Cell)
            cell.value = value
            cell.alignment = Alignment(vertical="top")  # a row's cells read from its top
            if isinstance(value, str):
                cell.data_type = TYPE_STRING  # never a formula, even for "=2+3"
                lines = value.splitlines() or [""]
                width = max(map(len, lines))
                if len(lines) > 1 or width > MAX_WIDTH:  # wraps within its column
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                    wrapped = sum(-(-max(len(line), 1) // MAX_WIDTH) for line in lines)
                    tallest = max(tallest, wrapped)
            elif isinstance(value, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
                width = 19
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
                width = 10
            elif kind == "rate" and value is not None:
                cell.number_format = "0.0%"  # a number from 0 to 1
                width = 6
            else:
                width = len(str(value)) if value is not None else 0
            widths[col - 1] = max(widths[col - 1], width)
        if tallest > 1:
            sheet.row_dimensions[row].height = LINE_HEIGHT * tallest
    for col, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(col)].width = min(width + 2, MAX_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    if sum(min(w + 2, MAX_WIDTH) for w in widths) > PORTRAIT_WIDTH:
        sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _value(value: object, kind: Kind, lang: str) -> CellValue:
    """What a cell holds: a status in words, a city time without its offset (a spreadsheet
    has no time zones), and text with its control characters escaped (a spreadsheet
    cannot hold them)."""
    if isinstance(value, str) and kind in IN_WORDS:
        # a word the catalogue lacks (a hand-edited journal) stays
        return escape_controls(words(lang, IN_WORDS[kind]).get(value, value))
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"  # the apel's start, as the clerk writes it
    if value is None or isinstance(value, int | float | dt.date):
        return value
    return escape_controls(str(value))
