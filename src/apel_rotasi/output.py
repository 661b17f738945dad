"""Where a listing goes: its format (from ``--format`` or the file's extension) and its target."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from apel_rotasi import safewrite
from apel_rotasi.errors import UserError
from apel_rotasi.listings import Record

if TYPE_CHECKING:
    from rich.console import RenderableType

LISTING_FORMATS = ("table", "csv", "json", "xlsx")
PLAN_FORMATS = (*LISTING_FORMATS, "ics")
TABLE_WIDTH = 80  # the contract: a table fits in 80 columns, on any terminal
EXTENSIONS = {".csv": "csv", ".json": "json", ".xlsx": "xlsx", ".ics": "ics", ".txt": "table"}


def choose_format(fmt: str | None, output: Path | None, allowed: Sequence[str]) -> str:
    """The format asked for, or the one the output file's extension names."""
    if fmt is None and output is not None:
        fmt = EXTENSIONS.get(output.suffix.lower())
        if fmt is None:
            known = ", ".join(e for e, f in EXTENSIONS.items() if f in allowed)
            raise UserError(
                f"cannot tell the format of {output} from its extension "
                f"(use {known}, or give --format)"
            )
        if fmt not in allowed:
            raise UserError(f"{output}: this command does not write {fmt.upper()} files")
    fmt = fmt or "table"
    if fmt == "xlsx" and output is None:
        raise UserError(
            "--format xlsx needs --output FILE.xlsx (a spreadsheet is not for a terminal)"
        )
    return fmt


def show(renderable: RenderableType, file: io.StringIO | None = None) -> None:
    """Print for people: at most 80 columns; no markup, emoji or highlighting is read
    into the tool's text (nor their code imported)."""
    from rich.console import Console

    console = Console(
        file=file, highlight=False, markup=False, emoji=False, no_color=True if file else None
    )
    console.width = min(console.width, TABLE_WIDTH)
    console.print(renderable)


def emit(
    fmt: str,
    output: Path | None,
    columns: Sequence[str],
    records: Sequence[Record],
    table: Callable[[], RenderableType],
    title: str,
    ics: Callable[[], bytes] | None = None,
) -> None:
    """Render the listing and write it to ``output`` (atomically) or standard output."""
    data: str | bytes
    if fmt == "csv":
        from apel_rotasi.render_data import to_csv

        data = to_csv(columns, records)
    elif fmt == "json":
        from apel_rotasi.render_data import to_json

        data = to_json(columns, records)
    elif fmt == "xlsx":
        from apel_rotasi.render_xlsx import to_xlsx

        data = to_xlsx(columns, records, title)
    elif fmt == "ics" and ics is not None:
        data = ics()
    else:
        if output is None:
            show(table())
            return
        buffer = io.StringIO()
        show(table(), buffer)
        data = buffer.getvalue()
    if output is None:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        sys.stdout.flush()
    else:
        safewrite.replace(output, data)
        sys.stderr.write(f"Wrote {output}.\n")
