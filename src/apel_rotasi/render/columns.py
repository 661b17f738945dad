"""The columns people see of each listing, described once: the page, the terminal's table
and the sheet read their keys, labels and kinds here.

A label is a catalogue key, never a word: the renderers look the words up in the output
language. The CSV, JSON and XLSX columns are the contract's (``listings.COLUMNS``); their
kinds are ``listings.KINDS``, which a column here takes unless it derives its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, NamedTuple

from apel_rotasi.i18n import Table, word, words
from apel_rotasi.listings import KINDS, Kind, ListingName
from apel_rotasi.model import COUNTS

IN_WORDS: dict[Kind, Table] = {"status": "STATUSES", "action": "ACTIONS"}
"""The catalogue table that gives a word of the contract in the output language."""
NO_APEL = ("holiday", "ceremony", "cancelled", "unrecorded")
"""The statuses of a day without apel, whose word takes the kecamatan's place."""


class Label(NamedTuple):
    """A header: ``key`` in the catalogue ``table``; for ``SIGN`` the key is itself the header
    in every language (``#``)."""

    key: str
    table: Literal["COLUMNS", "COUNT_HEADERS", "WORDS", "SIGN"] = "COLUMNS"


NUMBER_SIGN = Label("#", "SIGN")
Total = Literal["word", "sum", "held"]
"""A totals row's cell: the word "Total", the column's sum, or how many apel were held."""
Shows = Literal["place", "short"]
"""How a kecamatan is named on a page: ``place``, by name (by code when the roster lacks
it) or, on a day without apel, by the word for why; ``short``, with its short name."""


class Column(NamedTuple):
    """A column people see. ``kind`` is the contract column's unless given (a key the
    table derives); ``brief`` is a narrower header for the terminal; ``under`` the column
    the table stacks this one under when it is still too wide; ``empty`` a word for a cell
    without a value; ``page`` and ``table`` where it is shown."""

    key: str
    label: Label
    kind: Kind | None = None
    brief: Label | None = None
    under: str | None = None
    total: Total | None = None
    empty: str | None = None
    shows: Shows | None = None
    page: bool = True
    table: bool = True

    @property
    def holds(self) -> Kind:
        return self.kind or KINDS[self.key]


class Layout(NamedTuple):
    """A listing for people: its columns in order, and what its page has around them.
    ``title`` is a WORDS key; ``dated`` puts the rows' period in it; ``summary`` shows the
    listing's heading under it; ``looks`` gives a row's look by its status (the status
    itself unless mapped), None when rows look alike."""

    title: str
    columns: tuple[Column, ...]
    landscape: bool = False
    signed: bool = False
    dated: bool = False
    summary: bool = False
    skipped: bool = False  # the holidays the rows skip are listed under the table
    looks: Mapping[str, str | None] | None = None


def _counts(*, total: Total | None = None) -> tuple[Column, ...]:
    return tuple(
        Column(key, Label(key, "COUNT_HEADERS"), total=total, table=False) for key in COUNTS
    )


def _column(key: str, **given: object) -> Column:
    """A contract column under its own label."""
    return Column(key, Label(key), **given)  # type: ignore[arg-type]


DATE = _column("date")
ROUND = _column("round", brief=NUMBER_SIGN)
LAST_VISIT = _column("last_visit", brief=Label("last_visit", "WORDS"))
VISITS = _column("visits", brief=Label("visits", "WORDS"))
CODE = _column("kecamatan_code", table=False)

LAYOUTS: dict[ListingName, Layout] = {
    "plan": Layout(
        "page_plan",
        (
            DATE,
            _column("time"),
            ROUND,
            _column("kecamatan", shows="place"),
            _column("leader", under="kecamatan"),
            _column("status", table=False),
            _column("note"),
        ),
        dated=True,
        summary=True,
        skipped=True,
        looks={},
    ),
    "history": Layout(
        "page_history",
        (
            _column("date", total="word"),
            ROUND,
            _column("kecamatan", shows="place", total="held"),
            _column("leader", under="kecamatan"),
            *_counts(total="sum"),
            Column("attendance", Label("present"), "number", page=False),
            _column("note"),
        ),
        landscape=True,
        signed=True,
        dated=True,
        looks={},
    ),
    "report": Layout(
        "page_report",
        (
            _column("kecamatan", shows="short", total="word"),
            _column("visits", brief=Label("visits", "WORDS"), total="sum"),
            LAST_VISIT,
            _column("days_since", empty="never", table=False),
            Column("days", Label("days_since", "WORDS"), "number", page=False),
            *_counts(total="sum"),
            _column("attendance_rate", table=False),
            Column("bar", Label("attendance", "WORDS"), "fixed", page=False),
            _column("staff", total="sum", table=False),
            _column("findings_open", total="sum", table=False),
            _column("findings_overdue", total="sum", table=False),
        ),
        landscape=True,
        signed=True,
    ),
    "findings": Layout(
        "page_findings",
        (
            _column("id", brief=NUMBER_SIGN),
            DATE,
            _column("kecamatan", shows="place"),
            _column("text", table=False),
            Column("what", Label("text"), "note", page=False),
            _column("owner", under="kecamatan"),
            _column("due", table=False),
            _column("status", table=False),
            Column("state", Label("status"), "status", page=False),
            Column("when", Label("finding_when", "WORDS"), "date", under="state", page=False),
            _column("done", table=False),
            _column("result", table=False),
            _column("letter", table=False),
        ),
        landscape=True,
        signed=True,
        looks={"open": None, "overdue": None, "done": "cancelled"},
    ),
    "unvisited": Layout(
        "page_unvisited",
        (CODE, _column("kecamatan", shows="short"), LAST_VISIT),
        summary=True,
    ),
    "kecamatan": Layout(
        "page_kecamatan",
        (
            Column("order", NUMBER_SIGN),
            CODE,
            _column("kecamatan", shows="short"),
            _column("kelurahan", brief=Label("kelurahan", "WORDS")),
            VISITS,
            LAST_VISIT,
        ),
    ),
    "log": Layout(
        "page_log",
        (
            _column("at"),
            _column("user", under="at"),
            _column("action"),
            _column("file", table=False),
            _column("date", under="action"),
            _column("before", table=False),
            _column("after", table=False),
            Column("change", Label("log_change", "WORDS"), "note", page=False),
        ),
        landscape=True,
    ),
}
"""Every listing's columns, in the order the page and the table show them."""


def header(label: Label, lang: str) -> str:
    """A label in the output language."""
    if label.table == "SIGN":
        return label.key
    if label.table == "WORDS":
        return word(lang, label.key)
    return words(lang, label.table)[label.key]
