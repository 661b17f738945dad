"""The dates the tool accepts, typed or in a file: one span for every reader.

Outside it no apel is planned or recorded, and a date there (a typo such as ``0025-04-14``)
would cost work for every year in between (holidays, rounds) or reach past the last date
Python can hold.
"""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

FIRST_DATE = dt.date(1950, 1, 1)
LAST_DATE = dt.date(2199, 12, 31)


def in_bounds(day: dt.date) -> bool:
    return FIRST_DATE <= day <= LAST_DATE


class Span(TypedDict):
    """The span as a message's parameters: its first and last years."""

    first: int
    last: int


def span() -> Span:
    return {"first": FIRST_DATE.year, "last": LAST_DATE.year}
