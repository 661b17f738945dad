"""``calendar``: one month as a grid, weeks as rows, with a legend of holidays under it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from apel_rotasi.i18n import word, words
from apel_rotasi.month import MonthView
from apel_rotasi.names import Names

if TYPE_CHECKING:
    from rich.console import RenderableType

CELL_WIDTH = 10


def month_grid(view: MonthView, names: Names, lang: str) -> RenderableType:
    """The grid: recorded apel in bold with ✓, planned in plain text, holidays in red with *.

    A name longer than a cell folds, never cut; names from a hand-edited roster have their
    control characters escaped.
    """
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from apel_rotasi.console import escape_controls

    table = Table(
        box=box.SQUARE, padding=(0, 0), show_lines=True, title=names.month(view.year, view.month)
    )
    for number in range(7):
        table.add_column(
            names.days[number], width=CELL_WIDTH, justify="left", no_wrap=False, overflow="fold"
        )
    for week in view.weeks:
        cells = []
        for day in week:
            if day is None:
                cells.append(Text(""))
                continue
            if day.holiday is not None:
                cell = Text(f"{day.date.day:>2} *", style="bold red")
            else:
                cell = Text(f"{day.date.day:>2}")
            if day.recorded is not None:
                cell.append(f"\n✓ {escape_controls(day.recorded)}", style="bold green")
            elif day.planned is not None:
                cell.append(f"\n{escape_controls(day.planned)}", style="cyan")
            elif day.ceremony is not None:
                cell.append(f"\n{escape_controls(day.ceremony)}", style="magenta")
            elif day.cancelled is not None:
                cell.append(f"\n{words(lang, 'STATUSES')['cancelled']}", style="dim")
            cells.append(cell)
        table.add_row(*cells)
    legend = [Text(word(lang, "calendar_legend"), style="dim")]
    for date, name in view.holidays():
        line = f"* {date.day:>2} {names.months[view.month - 1]}: {escape_controls(name)}"
        legend.append(Text(line, style="red"))
    return Group(table, *legend)
