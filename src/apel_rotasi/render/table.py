"""Rich tables for people: dates in the output language, holidays set apart, fitting the
terminal's width.

Notes wrap, never cut; names and dates never break. What a table leaves out stays in
CSV, JSON and XLSX.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from apel_rotasi.i18n import word
from apel_rotasi.lang import Names
from apel_rotasi.listings import Record
from apel_rotasi.model import COUNTS

if TYPE_CHECKING:
    from rich.console import RenderableType

STATUS_STYLE = {"holiday": "red", "cancelled": "dim", "pinned": "bold", "planned": ""}
BAR_WIDTH = 10
MARKED = 3  # how many rows the report marks as waiting longest or weakest


class Col(NamedTuple):
    header: str
    key: str
    wrap: bool = False
    right: bool = False


def _cell(value: Any, names: Names) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return names.long_date(value)
    return str(value)


def build(
    cols: Sequence[Col],
    records: Sequence[Record],
    names: Names,
    lang: str,
    width: int,
    heading: str | None = None,
    styles: Sequence[str] | None = None,
) -> RenderableType:
    """A table of ``records``, with ``heading`` as a line above it.

    Names and dates keep to one line. Only when the names of a roster are too long for
    the width do the text columns wrap, between words; dates and numbers never do.
    """
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    if not records:
        return Text("\n".join(filter(None, [heading, word(lang, "no_rows")])))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1), show_edge=False)
    cells = [[_cell(record[c.key], names) for c in cols] for record in records]
    widest = [max([len(c.header), *(len(row[i]) for row in cells)]) for i, c in enumerate(cols)]
    kept = [not c.wrap for c in cols]
    least = [w if keep else len(c.header) for c, w, keep in zip(cols, widest, kept, strict=True)]
    if sum(least) + 2 * len(cols) > width:
        kept = [
            keep and (c.right or any(isinstance(r[c.key], dt.date) for r in records))
            for c, keep in zip(cols, kept, strict=True)
        ]
    for c, width, keep in zip(cols, widest, kept, strict=True):
        table.add_column(
            c.header,
            justify="right" if c.right else "left",
            no_wrap=keep,
            min_width=width if keep else None,
        )
    for index, row in enumerate(cells):
        table.add_row(
            *(Text(value) for value in row), style=(styles[index] if styles else None) or None
        )
    if heading is None:
        return table
    return Group(Text(heading), table)


def plan_table(
    records: Sequence[Record],
    names: Names,
    lang: str,
    heading: str,
    default_leader: str,
    width: int,
) -> RenderableType:
    """The plan; the leader column appears only when a pin names another leader."""
    leader_cols, led = _leader_column(records, lang, default_leader)
    cols = [
        Col(word(lang, "date"), "date"),
        Col("#", "round", right=True),
        Col(word(lang, "kecamatan"), "kecamatan"),
        *leader_cols,
        Col(word(lang, "note"), "note", wrap=True),
    ]
    shown = []
    for record in records:
        status = record["status"]
        label = word(lang, status) if status != "planned" else None
        if status in ("holiday", "cancelled"):
            shown.append({**record, "kecamatan": f"— {label} —"})
        else:
            shown.append(
                {**record, "note": "; ".join(filter(None, [label, record["note"]])) or None}
            )
    styles = [STATUS_STYLE[r["status"]] for r in records]
    lines = "\n".join(filter(None, [heading, led]))
    return build(cols, shown, names, lang, width, lines, styles)


def history_table(
    records: Sequence[Record], names: Names, lang: str, default_leader: str, width: int
) -> RenderableType:
    """The history; the leader column appears only when someone else led an apel."""
    leader_cols, led = _leader_column(records, lang, default_leader)
    shown = []
    for record in records:
        counts = [record[k] for k in COUNTS]
        total = sum(c or 0 for c in counts)
        present = (
            f"{record['present'] or 0}/{total}" if any(c is not None for c in counts) else None
        )
        shown.append(
            {
                **record,
                "kecamatan": f"— {word(lang, 'cancelled')} —"
                if record["status"] == "cancelled"
                else record["kecamatan"] or record["kecamatan_code"],
                "attendance": present,
            }
        )
    cols = [
        Col(word(lang, "date"), "date"),
        Col("#", "round", right=True),
        Col(word(lang, "kecamatan"), "kecamatan"),
        *leader_cols,
        Col(word(lang, "present"), "attendance", right=True),
        Col(word(lang, "note"), "note", wrap=True),
    ]
    return build(cols, shown, names, lang, width, led)


def _leader_column(
    records: Sequence[Record], lang: str, default_leader: str
) -> tuple[list[Col], str | None]:
    """A leader column when someone other than the default leads; else a line saying who does."""
    if any(r["leader"] not in (None, default_leader) for r in records):
        return [Col(word(lang, "leader"), "leader")], None
    return [], word(lang, "led_by_default", leader=default_leader) if records else None


def _with_short(record: Record) -> str:
    return f"{record['kecamatan']} ({record['short']})" if record["short"] else record["kecamatan"]


def unvisited_table(
    records: Sequence[Record], names: Names, lang: str, heading: str, width: int
) -> RenderableType:
    shown = [{**r, "kecamatan": _with_short(r)} for r in records]
    cols = [Col(word(lang, "kecamatan"), "kecamatan"), Col(word(lang, "last_visit"), "last_visit")]
    return build(cols, shown, names, lang, width, heading)


def kecamatan_table(
    records: Sequence[Record], names: Names, lang: str, width: int
) -> RenderableType:
    shown = [{**r, "kecamatan": _with_short(r)} for r in records]
    cols = [
        Col("#", "order", right=True),
        Col(word(lang, "kecamatan"), "kecamatan"),
        Col(word(lang, "kelurahan"), "kelurahan", right=True),
        Col(word(lang, "visits"), "visits", right=True),
        Col(word(lang, "last_visit"), "last_visit"),
    ]
    return build(cols, shown, names, lang, width)


def report_table(
    records: Sequence[Record], names: Names, lang: str, width: int
) -> RenderableType:
    """The report: a bar per attendance rate, ``!`` by the longest waits and weakest rates."""
    never_seen = 10**9  # a kecamatan never visited has waited longest of all
    waits = [r["days_since"] if r["days_since"] is not None else never_seen for r in records]
    longest = _marked(waits, highest=True) if any(r["visits"] for r in records) else set()
    rates = [r["attendance_rate"] for r in records]
    weakest = _marked(rates, highest=False) if sum(x is not None for x in rates) > MARKED else set()
    never = word(lang, "never")
    shown = []
    for index, r in enumerate(records):
        days = never if r["days_since"] is None else str(r["days_since"])
        rate = r["attendance_rate"]
        bar = "" if rate is None else f"{rate:4.0%} {_bar(rate)}"
        shown.append(
            {
                **r,
                "days": f"{days} !" if index in longest else days,
                "bar": f"{bar} !" if index in weakest else bar,
            }
        )
    cols = [
        Col(word(lang, "kecamatan"), "kecamatan"),
        Col(word(lang, "visits"), "visits", right=True),
        Col(word(lang, "last_visit"), "last_visit"),
        Col(word(lang, "days_since"), "days", right=True),
        Col(word(lang, "attendance"), "bar"),
    ]
    return build(cols, shown, names, lang, width, word(lang, "report_legend"))


def _marked(values: Sequence[float | None], highest: bool) -> set[int]:
    """Rows whose value is among the ``MARKED`` highest (or lowest), ties included."""
    known = sorted((v for v in values if v is not None), reverse=highest)
    if not known:
        return set()
    edge = known[min(MARKED, len(known)) - 1]
    return {
        i for i, v in enumerate(values) if v is not None and (v >= edge if highest else v <= edge)
    }


def _bar(rate: float) -> str:
    eighths = round(rate * BAR_WIDTH * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + (" ▏▎▍▌▋▊▉"[part] if part else "")).ljust(BAR_WIDTH)
