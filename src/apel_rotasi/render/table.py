"""Rich tables for people: dates in the output language, holidays set apart, fitting the
terminal's width without breaking a word.

Notes wrap between their words; dates are written shorter, and a column is stacked under
its neighbour, before a name wraps. What a table leaves out stays in CSV, JSON and XLSX.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from apel_rotasi.i18n import word, words
from apel_rotasi.listings import Kind, ListingName, Record
from apel_rotasi.model import COUNTS
from apel_rotasi.names import Names
from apel_rotasi.render.change import change_lines
from apel_rotasi.render.columns import LAYOUTS, header, with_short, without_apel

if TYPE_CHECKING:
    from rich.console import RenderableType

    from apel_rotasi.outcome import Listing

STATUS_STYLE = {  # how a row of each status looks on a terminal that shows colour
    "holiday": "red",
    "ceremony": "magenta",
    "cancelled": "dim",
    "unrecorded": "yellow",
    "pinned": "bold",
    "overdue": "yellow",
    "done": "dim",
}
BAR_WIDTH = 10
MARKED = 3  # how many rows the report marks as waiting longest or weakest
GAP = 3  # between two columns: a space either side of the (blank) column rule
NOTE_ROOM = 24  # a note narrower than this reads badly: a later stage is tried first

ColKind = Literal["date", "number", "name", "note", "words", "fixed"]
LAID_AS: dict[Kind, ColKind] = {  # how a table lays out each kind of column
    "date": "date",
    "time": "fixed",
    "number": "number",
    "rate": "number",
    "name": "name",
    "words": "words",
    "note": "note",
    "fixed": "fixed",
    "status": "words",
    "action": "words",
    "record": "note",
}


class Col(NamedTuple):
    """A column: ``note`` wraps between its words first; ``words`` (a status, an action)
    wraps between them next; ``name`` only when nothing else gives; ``number``, ``fixed``
    and ``date`` never (a date is written shorter instead). ``under`` names the column
    this one is stacked under when the table is still too wide."""

    header: str
    key: str
    kind: ColKind = "name"
    under: str | None = None


class Stage(NamedTuple):
    """One way of laying a table out; each is tried in turn until one fits. ``dates``:
    written out (``Senin, 7 Desember 2026``), short (``Sen, 7 Des 2026``) or without the
    weekday (``7 Des 2026``)."""

    dates: int = 0
    loose_words: bool = False
    stacked: bool = False
    loose_names: bool = False
    fold: bool = False
    others_first: bool = False  # the other columns give all they can before a note


STAGES = (
    Stage(),
    Stage(loose_words=True),
    Stage(dates=1, loose_words=True),
    Stage(dates=1, loose_words=True, stacked=True),
    Stage(dates=1, loose_words=True, stacked=True, loose_names=True),
    Stage(dates=2, loose_words=True, stacked=True, loose_names=True),
    Stage(dates=1, loose_words=True, fold=True),
    Stage(dates=2, loose_words=True, stacked=True, loose_names=True, fold=True, others_first=True),
)
LAST_RESORT = STAGES[-1]._replace(others_first=False)  # narrower than the names: all fold


class Laid(NamedTuple):
    """A column as a stage lays it out: its text (header first) and how narrow it may go
    without breaking a word."""

    col: Col
    texts: tuple[str, ...]
    floor: int

    @property
    def widest(self) -> int:
        from rich.cells import cell_len

        return max((cell_len(line) for text in self.texts for line in text.splitlines()), default=1)


def _cell(value: Any, names: Names, dates: int) -> str:
    """A value as a table shows it: a date written out as the stage has it, and a name or
    note from a hand-edited file with its control characters escaped (a tab becomes a
    space)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):  # when a change was made: its weekday is no news
        day = names.brief_date(value) if dates else names.day_month_year(value)
        return f"{day} {value:%H:%M}"
    if isinstance(value, dt.date):
        return (names.long_date, names.short_date, names.brief_date)[dates](value)
    from apel_rotasi.console import escape_controls

    return escape_controls(str(value)).replace("\t", " ")


def build(
    cols: Sequence[Col],
    records: Sequence[Record],
    names: Names,
    lang: str,
    width: int,
    heading: str | None = None,
    styles: Sequence[str | None] | None = None,
) -> RenderableType:
    """A table of ``records`` at most ``width`` columns wide, with ``heading`` above it:
    the first of the ``STAGES`` in which every word fits whole and the notes read well,
    else the one that gives the notes most room."""
    from rich.text import Text

    from apel_rotasi.console import escape_controls

    heading = escape_controls(heading) if heading is not None else None
    if not records:
        return Text("\n".join(filter(None, [heading, word(lang, "no_rows")])))
    fitting: list[tuple[list[Laid], list[int]]] = []
    for stage in STAGES:
        laid = _laid_out(cols, records, names, stage)
        widths = _widths(laid, width, stage)
        if widths is None:
            continue
        if stage.others_first:  # names wrap for a note only when nothing else fits
            if not fitting:
                fitting.append((laid, widths))
            continue
        if all(_reads(c, w) for c, w in zip(laid, widths, strict=True) if c.col.kind == "note"):
            return _table(laid, widths, heading, styles)
        fitting.append((laid, widths))
    if not fitting:  # narrower than the names themselves: everything folds
        laid = [c._replace(floor=1) for c in _laid_out(cols, records, names, LAST_RESORT)]
        fitting.append((laid, _widths(laid, width, LAST_RESORT) or [1] * len(laid)))
    laid, widths = max(fitting, key=lambda fit: _note_width(*fit))  # the earliest of ties
    return _table(laid, widths, heading, styles)


def _note_width(laid: Sequence[Laid], widths: Sequence[int]) -> int:
    return sum(w for c, w in zip(laid, widths, strict=True) if c.col.kind == "note")


def _reads(note: Laid, width: int) -> bool:
    """A note column reads well ``width`` wide: ``NOTE_ROOM`` wide (or as its widest line),
    or none of its cells wraps to more than three lines."""
    from rich.cells import cell_len

    if width >= min(NOTE_ROOM, note.widest):
        return True
    for text in note.texts[1:]:
        lines, used = 1, 0
        for w in text.split():
            used += cell_len(w) + (1 if used else 0)
            if used > width:
                lines, used = lines + 1, cell_len(w)
        if lines > 3:
            return False
    return True


def _laid_out(
    cols: Sequence[Col], records: Sequence[Record], names: Names, stage: Stage
) -> list[Laid]:
    """The columns a stage shows: a stacked column's header and cells become a second line
    of the column it goes under, and keep their own floor."""
    from rich.cells import cell_len

    wraps = {"note": True, "words": stage.loose_words, "name": stage.loose_names}

    def floor(texts: Sequence[str], kind: str) -> int:
        lines = [line for text in texts for line in text.splitlines()]
        if wraps.get(kind, False):
            return max((cell_len(w) for line in lines for w in line.split()), default=1)
        return max(map(cell_len, lines), default=1)

    laid = []
    for col in cols:
        if stage.stacked and col.under:
            continue
        parts = [col, *(c for c in cols if stage.stacked and c.under == col.key)]
        cells = [[_cell(r[c.key], names, stage.dates) for r in records] for c in parts]
        texts = (
            "\n".join(c.header for c in parts),
            *("\n".join(filter(None, row)) for row in zip(*cells, strict=True)),
        )
        header_word = max((cell_len(w) for c in parts for w in c.header.split()), default=1)
        least = max(
            header_word, *(floor(part, c.kind) for c, part in zip(parts, cells, strict=True))
        )
        folds = stage.fold and col.kind == "note"  # a note's words, never its header's
        laid.append(Laid(col, texts, header_word if folds else least))
    return laid


def _widths(laid: Sequence[Laid], width: int, stage: Stage) -> list[int] | None:
    """Each column's width, to fill at most ``width``; None when the stage cannot fit
    without breaking a word. Every column starts as wide as its widest line; then the
    widest of those that may wrap gives way, notes before the others, none narrower than
    its floor. In a folding stage, a note folds a word wider than the room the other
    columns leave it (a long address); in the last, the others give all they can first."""
    room = width - GAP * (len(laid) - 1)
    if sum(c.floor for c in laid) > room:
        return None
    widths = [c.widest for c in laid]
    notes = [c.col.kind == "note" for c in laid]
    others = [not note for note in notes]
    if stage.others_first:  # the others make room for the notes to read, first
        reading = sum(min(NOTE_ROOM, c.widest) for c, note in zip(laid, notes, strict=True) if note)
        _give(laid, widths, others, others, room - reading)
    everyone = [True] * len(laid)
    _give(laid, widths, notes, everyone, room)
    _give(laid, widths, others, everyone, room)
    return widths


def _give(
    laid: Sequence[Laid],
    widths: list[int],
    giving: Sequence[bool],
    counted: Sequence[bool],
    goal: int,
) -> None:
    """Narrow the widest of the ``giving`` columns, one step at a time, none below its
    floor, until the ``counted`` columns take no more than ``goal``."""
    while sum(w for w, count in zip(widths, counted, strict=True) if count) > goal:
        above = [i for i, c in enumerate(laid) if giving[i] and widths[i] > c.floor]
        if not above:
            return
        widths[max(above, key=lambda i: widths[i])] -= 1


def _table(
    laid: Sequence[Laid],
    widths: Sequence[int],
    heading: str | None,
    styles: Sequence[str | None] | None,
) -> RenderableType:
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1), show_edge=False)
    for column, column_width in zip(laid, widths, strict=True):
        table.add_column(
            column.texts[0],
            justify="right" if column.col.kind == "number" else "left",
            width=column_width,
            overflow="fold",
        )
    for index in range(1, len(laid[0].texts)):
        style = styles[index - 1] if styles else None
        table.add_row(*(Text(column.texts[index]) for column in laid), style=style or None)
    return table if heading is None else Group(Text(heading), table)


def cols(listing: ListingName, lang: str, without: Collection[str] = ()) -> list[Col]:
    """The table's columns of ``listing`` as ``render.columns`` describes them, but for
    the keys ``without``."""
    return [
        Col(header(c.brief or c.heading, lang), c.key, LAID_AS[c.holds], c.under)
        for c in LAYOUTS[listing].columns
        if c.table and c.key not in without
    ]


def plan_table(
    listing: Listing, heading: str | None, names: Names, lang: str, width: int
) -> RenderableType:
    """The plan; the leader column appears only when a pin names another leader, the time
    column only when the apel are not all at one time (Ramadan, an [[hours]] stretch). A
    day without apel says why in place of the kecamatan, and has no time."""
    records = listing.rows
    without, led = _leader(listing, lang)
    if len({r["time"] for r in records if r["kecamatan"] is not None}) <= 1:
        without.append("time")
    shown = []
    for record in records:
        status = str(record["status"])
        at = record["time"]
        record = {**record, "time": f"{at:%H:%M}" if isinstance(at, dt.time) else None}
        if record["kecamatan"] is None:
            shown.append({**record, "kecamatan": without_apel(status, lang), "time": None})
        else:
            label = words(lang, "STATUSES")[status] if status != "planned" else None
            shown.append(
                {**record, "note": "; ".join(filter(None, [label, _text(record["note"])])) or None}
            )
    lines = "\n".join(filter(None, [heading, led]))
    return build(cols("plan", lang, without), shown, names, lang, width, lines, _styles(records))


def history_table(
    listing: Listing, heading: str | None, names: Names, lang: str, width: int
) -> RenderableType:
    """The history; the leader column appears only when someone else led an apel, the
    attendance column (present out of those the camat reported) only when a camat reported
    figures; an apel with findings (those ``marked``) has a mark by its kecamatan."""
    records, marked = listing.rows, listing.marked
    without, led = _leader(listing, lang)
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
                "kecamatan": without_apel("cancelled", lang)
                if record["status"] == "cancelled"
                else f"{record['kecamatan'] or record['kecamatan_code']}"
                + (" *" if record["date"] in marked else ""),
                "attendance": present,
            }
        )
    attended = any(r["attendance"] is not None for r in shown)
    if not attended:
        without.append("attendance")
    found = word(lang, "history_findings") if any(r["date"] in marked for r in records) else None
    legend = word(lang, "history_legend") if attended else None
    lines = "\n".join(filter(None, [led, legend, found])) or None
    return build(cols("history", lang, without), shown, names, lang, width, lines, _styles(records))


def _leader(listing: Listing, lang: str) -> tuple[list[str], str | None]:
    """No leader column when the default leader leads every apel, and a line saying so."""
    default = listing.default_leader
    assert default is not None
    if any(r["leader"] not in (None, default) for r in listing.rows):
        return [], None
    return ["leader"], word(lang, "led_by_default", leader=default) if listing.rows else None


def _styles(records: Sequence[Record]) -> list[str | None]:
    return [STATUS_STYLE.get(str(r["status"])) for r in records]


def _named(listing: ListingName, records: Sequence[Record]) -> list[Record]:
    """The rows, each kecamatan named as the listing's table column ``shows`` it."""
    if any(c.table and c.shows == "short" for c in LAYOUTS[listing].columns):
        return [{**r, "kecamatan": with_short(r)} for r in records]
    return list(records)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _number(value: object) -> float | None:
    """A row's count, wait or rate (the rows are typed per listing; a table reads any)."""
    return value if isinstance(value, int | float) else None


def unvisited_table(
    listing: Listing, heading: str | None, names: Names, lang: str, width: int
) -> RenderableType:
    return build(
        cols("unvisited", lang), _named("unvisited", listing.rows), names, lang, width, heading
    )


def kecamatan_table(
    listing: Listing, heading: str | None, names: Names, lang: str, width: int
) -> RenderableType:
    return build(cols("kecamatan", lang), _named("kecamatan", listing.rows), names, lang, width)


def report_table(
    listing: Listing, heading: str | None, names: Names, lang: str, width: int
) -> RenderableType:
    """The report: a bar per attendance rate, ``!`` by the longest waits and weakest rates."""
    records = _named("report", listing.rows)
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
    return build(cols("report", lang), shown, names, lang, width, "\n".join(lines))


def findings_table(
    listing: Listing, heading: str | None, names: Names, lang: str, width: int
) -> RenderableType:
    """The findings: number, date, kecamatan, what was found (and what was done), who
    follows it up, its status, and the date it was done or is due."""
    records = listing.rows
    shown = []
    for r in records:
        shown.append(
            {
                **r,
                "kecamatan": r["kecamatan"] or r["kecamatan_code"],
                "state": words(lang, "STATUSES")[str(r["status"])],
                "when": r["done"] or r["due"],
                "what": "\n".join(filter(None, [_text(r["text"]), _text(r["result"])])),
            }
        )
    return build(cols("findings", lang), shown, names, lang, width, styles=_styles(records))


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
    return "█" * full + (" ▏▎▍▌▋▊▉"[part] if part else "")


def log_table(
    listing: Listing, heading: str | None, names: Names, lang: str, width: int
) -> RenderableType:
    """The journal, newest first: when, who, what, and the change in people's words, a
    field a line (the whole tables are in CSV, JSON and XLSX)."""
    people = listing.people
    shown = [
        {
            **r,
            "action": words(lang, "ACTIONS").get(str(r["action"]), r["action"]),
            "change": "\n".join(
                change_lines(str(r["file"]), r["before"], r["after"], people, names, lang)
            ),
        }
        for r in listing.rows
    ]
    return build(cols("log", lang), shown, names, lang, width)


TABLES: dict[ListingName, Callable[[Listing, str | None, Names, str, int], RenderableType]] = {
    "plan": plan_table,
    "history": history_table,
    "unvisited": unvisited_table,
    "kecamatan": kecamatan_table,
    "report": report_table,
    "findings": findings_table,
    "log": log_table,
}
"""Each listing's table: its columns are ``render.columns``'s, what it derives is its own."""
