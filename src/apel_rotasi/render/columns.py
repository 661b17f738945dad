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
"""How a kecamatan is named: ``place`` (on a page), by name (by code when the roster lacks
it) or, on a day without apel, by the word for why; ``short``, with its short name."""


class Column(NamedTuple):
    """A column people see. ``label`` and ``kind`` are the contract column's unless given
    (a key the table derives); ``brief`` is a narrower header for the terminal; ``under``
    the column the table stacks this one under when it is still too wide; ``total`` its
    cell in a page's totals row; ``empty`` a WORDS key for a cell without a value; ``page``
    and ``table`` where it is shown."""

    key: str
    label: Label | None = None
    kind: Kind | None = None
    brief: Label | None = None
    under: str | None = None
    total: Total | None = None
    empty: str | None = None
    shows: Shows | None = None
    page: bool = True
    table: bool = True

    @property
    def heading(self) -> Label:
        return self.label or Label(self.key)

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


DATE = Column("date")
ROUND = Column("round", brief=NUMBER_SIGN)
LAST_VISIT = Column("last_visit", brief=Label("last_visit", "WORDS"))
VISITS = Column("visits", brief=Label("visits", "WORDS"))
CODE = Column("kecamatan_code", table=False)
PLACE = Column("kecamatan", shows="place")
WITH_SHORT = Column("kecamatan", shows="short")
LEADER = Column("leader", under="kecamatan")
COUNT_COLUMNS = tuple(
    Column(key, Label(key, "COUNT_HEADERS"), total="sum", table=False) for key in COUNTS
)

LAYOUTS: dict[ListingName, Layout] = {
    "plan": Layout(
        "page_plan",
        (
            DATE,
            Column("time"),
            ROUND,
            PLACE,
            LEADER,
            Column("status", table=False),
            Column("note"),
        ),
        dated=True,
        summary=True,
        skipped=True,
        looks={},
    ),
    "history": Layout(
        "page_history",
        (
            DATE._replace(total="word"),
            ROUND,
            PLACE._replace(total="held"),
            LEADER,
            *COUNT_COLUMNS,
            Column("attendance", Label("present"), "number", page=False),
            Column("note"),
        ),
        landscape=True,
        signed=True,
        dated=True,
        looks={},
    ),
    "report": Layout(
        "page_report",
        (
            WITH_SHORT._replace(total="word", table=False),
            Column("kecamatan", page=False),
            VISITS._replace(total="sum"),
            LAST_VISIT,
            Column("days_since", empty="never", table=False),
            Column("days", Label("days_since", "WORDS"), "number", page=False),
            *COUNT_COLUMNS,
            Column("attendance_rate", table=False),
            Column("bar", Label("attendance", "WORDS"), "fixed", page=False),
            Column("staff", total="sum", table=False),
            Column("findings_open", total="sum", table=False),
            Column("findings_overdue", total="sum", table=False),
        ),
        landscape=True,
        signed=True,
    ),
    "findings": Layout(
        "page_findings",
        (
            Column("id", brief=NUMBER_SIGN),
            DATE,
            PLACE,
            Column("text", table=False),
            Column("what", Label("text"), "note", page=False),
            Column("owner", under="kecamatan"),
            Column("due", table=False),
            Column("status", table=False),
            Column("state", Label("status"), "status", page=False),
            Column("when", Label("finding_when", "WORDS"), "date", under="state", page=False),
            Column("done", table=False),
            Column("result", table=False),
            Column("letter", table=False),
        ),
        landscape=True,
        signed=True,
        looks={"open": None, "overdue": None, "done": "cancelled"},
    ),
    "unvisited": Layout(
        "page_unvisited",
        (CODE, WITH_SHORT, LAST_VISIT),
        summary=True,
    ),
    "kecamatan": Layout(
        "page_kecamatan",
        (
            Column("order", NUMBER_SIGN),
            CODE,
            WITH_SHORT,
            Column("kelurahan", brief=Label("kelurahan", "WORDS")),
            VISITS,
            LAST_VISIT,
        ),
    ),
    "log": Layout(
        "page_log",
        (
            Column("at"),
            Column("user", under="at"),
            Column("action"),
            Column("file", table=False),
            Column("date", under="action"),
            Column("before", table=False),
            Column("after", table=False),
            Column("change", Label("log_change", "WORDS"), "note", page=False),
        ),
        landscape=True,
    ),
}
"""Every listing's columns, in the order the page and the table show them."""


def with_short(record: Mapping[str, object]) -> str:
    """A kecamatan as ``short`` shows it: ``Ilir Timur II (IT II)``, or its name alone."""
    name, short = record.get("kecamatan"), record.get("short")
    text = "" if name is None else str(name)
    return f"{text} ({short})" if short else text


def without_apel(status: str, lang: str) -> str:
    """What stands in a kecamatan's place on a day without apel: why, set off by dashes."""
    return f"— {words(lang, 'STATUSES')[status]} —"


def header(label: Label, lang: str) -> str:
    """A label in the output language."""
    if label.table == "SIGN":
        return label.key
    if label.table == "WORDS":
        return word(lang, label.key)
    return words(lang, label.table)[label.key]
