"""``calendar``: one month as a grid, weeks as rows, with a legend of holidays under it."""

from __future__ import annotations

import calendar as months
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from apel_rotasi.errors import UserError
from apel_rotasi.home import State
from apel_rotasi.lang import Names, text
from apel_rotasi.model import PlanRow
from apel_rotasi.parse import MONTHS
from apel_rotasi.planner import National

if TYPE_CHECKING:
    from rich.console import RenderableType

CELL_WIDTH = 10


def parse_month(value: str) -> tuple[int, int]:
    """``2025-04``, ``4/2025``, ``April 2025`` or ``Mei 2025`` as (year, month)."""
    raw = value.strip().lower()
    found = re.fullmatch(r"(\d{4})-(\d{1,2})", raw) or re.fullmatch(r"(\d{1,2})[/-](\d{4})", raw)
    if found:
        first, second = found.groups()
        year, month = (int(first), int(second)) if len(first) == 4 else (int(second), int(first))
    else:
        words = re.fullmatch(r"([a-z]+)\s+(\d{4})", raw)
        by_name = {word: number for number, names in enumerate(MONTHS, 1) for word in names}
        if not words or words.group(1) not in by_name:
            raise UserError(f'cannot read the month "{value}": write it as 2025-04')
        year, month = int(words.group(2)), by_name[words.group(1)]
    if not (1 <= month <= 12 and 1 <= year <= 9999):
        raise UserError(f'cannot read the month "{value}": write it as 2025-04')
    return year, month


def month_grid(
    state: State,
    national: National,
    planned: Sequence[PlanRow],
    year: int,
    month: int,
    names: Names,
    lang: str,
) -> RenderableType:
    """The grid: recorded apel in bold with ✓, planned in plain text, holidays in red with *."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    roster = state.roster
    holidays = {d: n for d, n in national(year).items() if d.month == month}
    workdays = {w.date for w in roster.workdays}
    holidays = {d: n for d, n in holidays.items() if d not in workdays}
    holidays.update(
        {c.date: c.reason for c in roster.closures if (c.date.year, c.date.month) == (year, month)}
    )
    recorded = {a.date: a for a in state.history if (a.date.year, a.date.month) == (year, month)}
    plan_at = {row.date: row for row in planned}
    table = Table(box=box.SQUARE, padding=(0, 0), show_lines=True, title=names.month(year, month))
    for number in range(7):
        table.add_column(names.days[number], width=CELL_WIDTH, justify="left", no_wrap=False)
    for week in months.Calendar(0).monthdatescalendar(year, month):
        cells = []
        for day in week:
            if day.month != month:
                cells.append(Text(""))
                continue
            cell = Text(
                f"{day.day:>2}" + (" *" if day in holidays else ""),
                style="bold red" if day in holidays else "",
            )
            if day in recorded:
                kec = roster.kecamatan_by_code(recorded[day].kecamatan)
                label = (kec.short or kec.name) if kec else recorded[day].kecamatan
                cell.append(f"\n✓ {label}", style="bold green")
            elif day in plan_at and plan_at[day].kecamatan is not None:
                kec = plan_at[day].kecamatan
                assert kec is not None
                cell.append(f"\n{kec.short or kec.name}", style="cyan")
            elif day in plan_at and plan_at[day].status == "cancelled":
                cell.append(f"\n{text(lang, 'cancelled')}", style="dim")
            cells.append(cell)
        table.add_row(*cells)
    legend = [Text(text(lang, "calendar_legend"), style="dim")]
    for day, name in sorted(holidays.items()):
        legend.append(Text(f"* {day.day:>2} {names.months[month - 1]}: {name}", style="red"))
    return Group(table, *legend)
