"""XLSX with openpyxl: a bold header, real dates, numbers as numbers, text always text."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from apel_rotasi.listings import Record


def to_xlsx(columns: Sequence[str], records: Sequence[Record], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING, Cell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    widths = [len(column) for column in columns]
    for col, column in enumerate(columns, 1):
        header = sheet.cell(row=1, column=col, value=column)
        header.data_type = TYPE_STRING
        header.font = Font(bold=True)
    for row, record in enumerate(records, 2):
        for col, column in enumerate(columns, 1):
            value = record[column]
            cell = sheet.cell(row=row, column=col)
            assert isinstance(cell, Cell)
            if isinstance(value, str):
                cell.value = value
                cell.data_type = TYPE_STRING  # never a formula, even for "=2+3"
                width = max(map(len, value.splitlines() or [""]))
            elif isinstance(value, dt.date):
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
                width = 10
            else:
                cell.value = value
                width = len(str(value)) if value is not None else 0
            widths[col - 1] = max(widths[col - 1], width)
    for col, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(col)].width = min(width + 2, 60)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
