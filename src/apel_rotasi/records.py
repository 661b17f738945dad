"""Each kind of record the tool keeps, defined once: the apel (history.toml), the pin
(pins.toml) and the finding (findings.toml).

A field says its TOML key (also its key in the journal and its listing column), its type,
what a value must be (the message kind that tells the user), its bounds and the options
that type it. The files' reader and writer, the journal's codec, ``undo``'s validation,
the CLI's count options and the labels (``COLUMNS`` in the catalogues) derive from here,
so that a new field is written in this module and in the two catalogues.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from apel_rotasi.bounds import in_bounds

MAX_COUNT = 1_000_000
"""The largest attendance count (no kecamatan has a million civil servants)."""


def is_text(value: Any) -> bool:
    """Text that is not blank."""
    return isinstance(value, str) and value.strip() != ""


def in_range(day: Any) -> bool:
    return isinstance(day, dt.date) and in_bounds(day)


def is_count(value: Any) -> bool:
    return isinstance(value, int) and 0 <= value <= MAX_COUNT


class Field(NamedTuple):
    """One key a table may hold: its type, whether it is required, and what is allowed.

    ``allowed`` is the message kind that tells the user what the value must be;
    ``options`` are what the command line calls the field (English, then Indonesian).
    """

    name: str
    kind: type | tuple[type, ...]
    allowed: str
    required: bool = False
    check: Callable[[Any], bool] | None = None
    options: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The field's key in the catalogues' ``COLUMNS`` (a column header, a change in the log)."""
        return self.name


class Kind(NamedTuple):
    """A kind of record: the file that keeps it, its ``[[table]]`` name, its fields, and the
    field that tells two records apart (one per date, or numbered)."""

    file: str
    table: str
    fields: tuple[Field, ...]
    identity: str = "date"

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def table_of(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """The record's ``[[table]]``: its fields in their order, a missing one left out."""
        return {f.name: values[f.name] for f in self.fields if values.get(f.name) is not None}

    def to_json(self, table: Mapping[str, Any]) -> dict[str, Any]:
        """A table for the journal: dates as ISO text."""
        return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in table.items()}

    def from_json(self, table: Mapping[str, Any]) -> dict[str, Any]:
        """A journal's table back as TOML values: the date fields' ISO text as dates. Text
        that is no date stays text, for the file's reader to report."""
        dates = {f.name for f in self.fields if f.kind is dt.date}
        return {k: _date(v) if k in dates else v for k, v in table.items()}


def _date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


DATE = Field("date", dt.date, "allowed_date", required=True, check=in_range)
KECAMATAN = Field("kecamatan", str, "allowed_code")
LEADER = Field("leader", str, "allowed_leader_id")
NOTE = Field("note", str, "allowed_text")

COUNT_FIELDS = tuple(
    Field(name, int, "allowed_count", check=is_count, options=options)
    for name, options in (
        ("present", ("--present", "--hadir")),
        ("sick", ("--sick", "--sakit")),
        ("leave", ("--leave", "--cuti")),
        ("permit", ("--permit", "--izin")),
        ("duty", ("--duty", "--dinas")),
        ("absent", ("--absent", "--tanpa-keterangan")),
    )
)
COUNTS = tuple(f.name for f in COUNT_FIELDS)
"""The attendance counts an apel may have, in the order files and listings give them."""

APEL = Kind(
    "history.toml",
    "apel",
    (
        DATE,
        KECAMATAN,
        LEADER,
        NOTE,
        Field("cancelled", str, "allowed_reason", check=is_text),
        *COUNT_FIELDS,
    ),
)
PIN = Kind(
    "pins.toml",
    "pin",
    (DATE, KECAMATAN, LEADER, Field("cancel", str, "allowed_reason", check=is_text), NOTE),
)

FILLED = "allowed_filled"  # text that is not blank
FINDING = Kind(
    "findings.toml",
    "finding",
    (
        Field("id", int, "allowed_id", required=True, check=lambda n: 1 <= n <= MAX_COUNT),
        DATE,
        KECAMATAN._replace(required=True),
        Field("text", str, FILLED, required=True, check=is_text, options=("--text",)),
        Field("owner", str, FILLED, check=is_text, options=("--owner",)),
        Field("due", dt.date, "allowed_date", check=in_range, options=("--due",)),
        Field("letter", str, FILLED, check=is_text, options=("--letter",)),
        Field("done", dt.date, "allowed_date", check=in_range, options=("--on",)),
        Field("result", str, FILLED, check=is_text, options=("--result",)),
    ),
    identity="id",
)

KINDS = {kind.file: kind for kind in (APEL, PIN, FINDING)}
"""Each kind by the name of its file, as the journal names it."""
