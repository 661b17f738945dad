"""CSV and JSON: the contract's columns, ISO dates, counts as numbers."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from apel_rotasi.listings import Record

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralize(value: str) -> str:
    """Prefix ``'`` to text a spreadsheet would run as a formula."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _plain(value: Any) -> Any:
    """A date in ISO; a time of day as ``HH:MM``."""
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return value.isoformat() if isinstance(value, dt.date) else value


def _field(value: Any) -> Any:
    """A CSV field: nothing as empty, text safe from spreadsheets, a date in ISO, a
    journal's record (a dict) as compact JSON text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralize(value)
    if isinstance(value, dict):
        import json

        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return _plain(value)


def to_csv(columns: Sequence[str], records: Sequence[Record]) -> str:
    import csv

    out = io.StringIO()
    writer = csv.writer(out)  # RFC 4180: CRLF, so a field with CR or LF is quoted
    writer.writerow(columns)
    writer.writerows([_field(record[column]) for column in columns] for record in records)
    return out.getvalue()


def plain_rows(columns: Sequence[str], records: Sequence[Record]) -> list[dict[str, Any]]:
    """The records as JSON holds them: the contract's columns, dates in ISO."""
    return [{column: _plain(record[column]) for column in columns} for record in records]


def to_json(columns: Sequence[str], records: Sequence[Record]) -> str:
    import json

    return json.dumps(plain_rows(columns, records), ensure_ascii=False, indent=2) + "\n"
