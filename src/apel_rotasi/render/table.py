"""Rich tables for people: dates in the output language, holidays set apart, fitting the
terminal's width.

Notes wrap, never cut; names and dates never break. What a table leaves out stays in
CSV, JSON and XLSX.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from apel_rotasi.i18n import word
from apel_rotasi.listings import Record
from apel_rotasi.model import COUNTS
from apel_rotasi.names import Names

if TYPE_CHECKING:
    from rich.console import RenderableType

STATUS_STYLE = {
    "holiday": "red",
    "ceremony": "magenta",
    "cancelled": "dim",
    "pinned": "bold",
    "planned": "",
    "recorded": "",
    "unrecorded": "yellow",
}
BAR_WIDTH = 10
MARKED = 3  # how many rows the report marks as waiting longest or weakest
GAP = 3  # between two columns: a space either side of the (blank) column rule
NOTE_NARROW = 8  # how far a note column narrows while it still reads well
NOTE_LEAST = 4  # how far it narrows, folding its words, before a name or date breaks


class Col(NamedTuple):
    """A column: ``wrap`` for notes, which give way first; ``loose`` for text that may wrap
    between its words before a name does (the report's bar and its mark); ``right`` for
    numbers, which like dates never break; ``fixed`` for other text that must not (a date
    written out before it reaches the table)."""

    header: str
    key: str
    wrap: bool = False
    right: bool = False
    fixed: bool = False
    loose: bool = False


def _cell(value: Any, names: Names) -> str:
    """A value as a table shows it: a date written out, and a name or note from a
    hand-edited file with its control characters escaped (a tab becomes a space)."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return names.long_date(value)
    from apel_rotasi.console import escape_controls

    return escape_controls(str(value)).replace("\t", " ")


def build(
    cols: Sequence[Col],
    records: Sequence[Record],
    names: Names,
    lang: str,
    width: int,
    heading: str | None = None,
    styles: Sequence[str] | None = None,
) -> RenderableType:
    """A table of ``records`` ``width`` columns wide at most, with ``heading`` above it.

    Nothing is ever cut: notes wrap (and fold a word longer than the column); names and
    dates keep to one line unless the terminal is too narrow for them (see ``_widths``).
    """
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from apel_rotasi.console import escape_controls

    heading = escape_controls(heading) if heading is not None else None
    if not records:
        return Text("\n".join(filter(None, [heading, word(lang, "no_rows")])))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1), show_edge=False)
    cells = [[_cell(record[c.key], names) for c in cols] for record in records]
    kinds = [
        "note"
        if c.wrap
        else "loose"
        if c.loose
        else "fixed"
        if c.right or c.fixed or any(isinstance(r[c.key], dt.date) for r in records)
        else "name"
        for c in cols
    ]
    columns = [[c.header, *(row[i] for row in cells)] for i, c in enumerate(cols)]
    for c, column_width in zip(cols, _widths(columns, kinds, width), strict=True):
        table.add_column(
            c.header,
            justify="right" if c.right else "left",
            width=column_width,
            overflow="fold",
        )
    for index, row in enumerate(cells):
        table.add_row(
            *(Text(value) for value in row), style=(styles[index] if styles else None) or None
        )
    if heading is None:
        return table
    return Group(Text(heading), table)


def _widths(columns: Sequence[Sequence[str]], kinds: Sequence[str], width: int) -> list[int]:
    """Each column's width (its header first in ``columns``), to fill at most ``width``.

    Every column starts as wide as its widest line, and only when they do not fit together
    do they give way, one step after another until they fit: notes narrow to
    ``NOTE_NARROW``; loose text wraps between words; notes narrow to ``NOTE_LEAST``
    (folding words longer than that); only then, on a terminal too narrow for the rest, do
    names wrap between words; then dates; last, everything folds.
    """
    from rich.cells import cell_len

    lines = [[line for text in column for line in text.splitlines()] for column in columns]
    natural = [max(map(cell_len, column), default=0) or 1 for column in lines]
    words = [
        max((cell_len(w) for line in column for w in line.split()), default=1) for column in lines
    ]
    widths = list(natural)
    room = width - GAP * (len(columns) - 1)
    notes = [i for i, kind in enumerate(kinds) if kind == "note"]
    stages = [
        {i: min(natural[i], NOTE_NARROW) for i in notes},
        {i: words[i] for i, kind in enumerate(kinds) if kind == "loose"},
        {i: min(natural[i], NOTE_LEAST) for i in notes},
        {i: words[i] for i, kind in enumerate(kinds) if kind == "name"},
        {i: words[i] for i, kind in enumerate(kinds) if kind == "fixed"},
        dict.fromkeys(range(len(columns)), 1),
    ]
    for floors in stages:
        while sum(widths) > room:
            above = [i for i, least in floors.items() if widths[i] > least]
            if not above:
                break
            widths[max(above, key=lambda i: widths[i])] -= 1  # the widest gives way first
    return widths


def plan_table(
    records: Sequence[Record],
    names: Names,
    lang: str,
    heading: str,
    default_leader: str,
    width: int,
) -> RenderableType:
    """The plan; the leader column appears only when a pin names another leader, the time
    column only when the apel are not all at one time (Ramadan, an [[hours]] stretch)."""
    leader_cols, led = _leader_column(records, lang, default_leader)
    times = {r["time"] for r in records if r["status"] in ("planned", "pinned", "recorded")}
    time_cols = [Col(word(lang, "time"), "time", fixed=True)] if len(times) > 1 else []
    cols = [
        Col(word(lang, "date"), "date"),
        *time_cols,
        Col("#", "round", right=True),
        Col(word(lang, "kecamatan"), "kecamatan"),
        *leader_cols,
        Col(word(lang, "note"), "note", wrap=True),
    ]
    shown = []
    for record in records:
        status = str(record["status"])
        label = word(lang, status) if status != "planned" else None
        at = record["time"] if status in ("planned", "pinned", "recorded") else None
        record = {**record, "time": f"{at:%H:%M}" if isinstance(at, dt.time) else None}
        if status in ("holiday", "ceremony", "cancelled", "unrecorded"):
            shown.append({**record, "kecamatan": f"— {label} —"})
        else:
            shown.append(
                {**record, "note": "; ".join(filter(None, [label, _text(record["note"])])) or None}
            )
    styles = [STATUS_STYLE[str(r["status"])] for r in records]
    lines = "\n".join(filter(None, [heading, led]))
    return build(cols, shown, names, lang, width, lines, styles)


def history_table(
    records: Sequence[Record],
    names: Names,
    lang: str,
    default_leader: str,
    width: int,
    marked: Collection[dt.date] = (),
) -> RenderableType:
    """The history; the leader column appears only when someone else led an apel, the
    attendance column only when a camat reported figures; an apel with findings (those
    ``marked``) has a mark by its kecamatan."""
    leader_cols, led = _leader_column(records, lang, default_leader)
    shown = []
    for record in records:
        counts = [_number(record[k]) for k in COUNTS]
        total = sum(c or 0 for c in counts)
        present = (
            f"{record['present'] or 0}/{total}" if any(c is not None for c in counts) else None
        )
        shown.append(
            {
                **record,
                "kecamatan": f"— {word(lang, 'cancelled')} —"
                if record["status"] == "cancelled"
                else f"{record['kecamatan'] or record['kecamatan_code']}"
                + (" *" if record["date"] in marked else ""),
                "attendance": present,
            }
        )
    cols = [
        Col(word(lang, "date"), "date"),
        Col("#", "round", right=True),
        Col(word(lang, "kecamatan"), "kecamatan"),
        *leader_cols,
        *(
            [Col(word(lang, "present"), "attendance", right=True)]
            if any(r["attendance"] is not None for r in shown)
            else []
        ),
        Col(word(lang, "note"), "note", wrap=True),
    ]
    found = word(lang, "history_findings") if any(r["date"] in marked for r in records) else None
    return build(cols, shown, names, lang, width, "\n".join(filter(None, [led, found])) or None)


def _leader_column(
    records: Sequence[Record], lang: str, default_leader: str
) -> tuple[list[Col], str | None]:
    """A leader column when someone other than the default leads; else a line saying who does."""
    if any(r["leader"] not in (None, default_leader) for r in records):
        return [Col(word(lang, "leader"), "leader")], None
    return [], word(lang, "led_by_default", leader=default_leader) if records else None


def _with_short(record: Record) -> str:
    name = str(record["kecamatan"])
    return f"{name} ({record['short']})" if record["short"] else name


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _number(value: object) -> float | None:
    """A row's count, wait or rate (the rows are typed per listing; a table reads any)."""
    return value if isinstance(value, int | float) else None


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


def report_table(records: Sequence[Record], names: Names, lang: str, width: int) -> RenderableType:
    """The report: a bar per attendance rate, ``!`` by the longest waits and weakest rates."""
    never_seen = 10**9  # a kecamatan never visited has waited longest of all
    waits = [_number(r["days_since"]) for r in records]
    waits = [never_seen if wait is None else wait for wait in waits]
    longest = _marked(waits, highest=True) if any(r["visits"] for r in records) else set()
    rates = [_number(r["attendance_rate"]) for r in records]
    weakest = _marked(rates, highest=False) if sum(x is not None for x in rates) > MARKED else set()
    never = word(lang, "never")
    shown = []
    for index, r in enumerate(records):
        days = never if r["days_since"] is None else str(r["days_since"])
        rate = rates[index]
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
        Col(word(lang, "attendance"), "bar", loose=True),
    ]
    staffed = any(r["staff"] for r in records)
    found = [
        word(
            lang,
            "findings_overdue",
            kecamatan=r["kecamatan"],
            open=r["findings_open"],
            overdue=r["findings_overdue"],
        )
        if r["findings_overdue"]
        else word(lang, "findings_open", kecamatan=r["kecamatan"], open=r["findings_open"])
        for r in records
        if r["findings_open"]
    ]
    lines = [word(lang, "report_legend_staff" if staffed else "report_legend")]
    if found:
        lines.append(word(lang, "report_findings", found=", ".join(found)))
    legend = "\n".join(lines)
    return build(cols, shown, names, lang, width, legend)


def findings_table(
    records: Sequence[Record], names: Names, lang: str, width: int
) -> RenderableType:
    """The findings: number, date, kecamatan, what was found (and what was done), who
    follows it up, and its status with the date it is due or was done. Dates go without
    their weekday, so that what was found has room."""
    shown = []
    for r in records:
        status = word(lang, f"page_{r['status']}")
        due, done = r["due"], r["done"]
        if isinstance(done, dt.date):
            state = word(lang, "finding_state_done", status=status, date=_day(done, names))
        elif isinstance(due, dt.date):
            state = word(lang, "finding_state_due", status=status, date=_day(due, names))
        else:
            state = status
        day = r["date"]
        assert isinstance(day, dt.date)
        shown.append(
            {
                **r,
                "date": _day(day, names),
                "kecamatan": r["kecamatan"] or r["kecamatan_code"],
                "state": state,
                "what": "\n".join(filter(None, [_text(r["text"]), _text(r["result"])])),
            }
        )
    cols = [
        Col("#", "id", right=True),
        Col(word(lang, "date"), "date", fixed=True),
        Col(word(lang, "kecamatan"), "kecamatan"),
        Col(word(lang, "col_text"), "what", loose=True),
        Col(word(lang, "col_owner"), "owner"),
        Col(word(lang, "col_status"), "state", loose=True),
    ]
    return build(cols, shown, names, lang, width)


def _day(value: dt.date, names: Names) -> str:
    """A date without its weekday: ``14 April 2025``."""
    return f"{value.day} {names.months[value.month - 1]} {value.year}"


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


def log_table(records: Sequence[Record], names: Names, lang: str, width: int) -> RenderableType:
    """The journal, newest first: when, who, what, and the change itself, field by field
    (as history.toml and pins.toml name them; the whole tables are in CSV, JSON, XLSX)."""

    def day(value: dt.date) -> str:
        return _day(value, names)

    shown = []
    for r in records:
        at = r["at"]
        assert isinstance(at, dt.datetime) and isinstance(r["date"], dt.date)
        shown.append(
            {
                "at": f"{day(at)} {at:%H:%M}",
                "user": r["user"],
                "action": word(lang, f"page_action_{r['action']}"),
                "date": day(r["date"]),
                "change": _change(r["before"], r["after"]),
            }
        )
    cols = [
        Col(word(lang, "page_at"), "at", fixed=True),
        Col(word(lang, "page_user"), "user"),
        Col(word(lang, "page_action"), "action"),
        Col(word(lang, "date"), "date", fixed=True),
        Col(word(lang, "log_change"), "change", wrap=True),
    ]
    return build(cols, shown, names, lang, width)


def _change(before: object, after: object) -> str:
    """A record added (``+``), removed (``-``), or its fields that changed (``old → new``)."""
    old = before if isinstance(before, dict) else {}
    new = after if isinstance(after, dict) else {}

    def pairs(table: dict[str, object]) -> str:
        return ", ".join(f"{k}: {v}" for k, v in table.items() if k != "date")

    if not old:
        return f"+ {pairs(new)}"
    if not new:
        return f"- {pairs(old)}"
    keys = [k for k in dict.fromkeys([*old, *new]) if old.get(k) != new.get(k)]
    return "; ".join(f"{k}: {old.get(k, '—')} → {new.get(k, '—')}" for k in keys)
