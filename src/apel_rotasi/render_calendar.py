"""``calendar``: one month as a grid, weeks as rows, with a legend of holidays under it."""

from __future__ import annotations

import calendar as months
from collections.abc import Sequence
from typing import TYPE_CHECKING

from apel_rotasi.home import State
from apel_rotasi.lang import Names, text
from apel_rotasi.model import PlanRow
from apel_rotasi.planner import National, day_off

if TYPE_CHECKING:
    from rich.console import RenderableType

CELL_WIDTH = 10


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
    weeks = months.Calendar(0).monthdatescalendar(year, month)
    days = [day for week in weeks for day in week if day.month == month]
    holidays = {day: why for day in days if (why := day_off(roster, national, day))}
    recorded = {a.date: a for a in state.history if (a.date.year, a.date.month) == (year, month)}
    plan_at = {row.date: row for row in planned}
    table = Table(box=box.SQUARE, padding=(0, 0), show_lines=True, title=names.month(year, month))
    for number in range(7):
        table.add_column(names.days[number], width=CELL_WIDTH, justify="left", no_wrap=False)
    for week in weeks:
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
