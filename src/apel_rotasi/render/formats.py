"""The formats a listing can take, the one registry that both the options and the
renderers read: which formats each listing has, and which format ``--format`` or the
output file's extension names."""

from __future__ import annotations

from pathlib import Path

from apel_rotasi.errors import UserError

FORMATS = ("table", "csv", "json", "xlsx", "html", "ics")
EVERY_LISTING = FORMATS[:-1]
"""The formats every listing has; ICS only the listings of dated apel (``ICS_LISTINGS``)."""
ICS_LISTINGS = ("plan", "history")
EXTENSIONS = {
    ".csv": "csv",
    ".json": "json",
    ".xlsx": "xlsx",
    ".ics": "ics",
    ".html": "html",
    ".htm": "html",
    ".txt": "table",
}


def choose_format(fmt: str | None, output: Path | None, allowed: tuple[str, ...]) -> str:
    """The format asked for, or the one the output file's extension names."""
    if fmt is None and output is not None:
        fmt = EXTENSIONS.get(output.suffix.lower())
        if fmt is None:
            known = [e for e, f in EXTENSIONS.items() if f in allowed]
            raise UserError("format_from_extension", path=output, known=known)
        if fmt not in allowed:
            raise UserError("format_not_here", path=output, format=fmt.upper())
    fmt = fmt or "table"
    if fmt == "xlsx" and output is None:
        raise UserError("xlsx_needs_output")
    return fmt


def listing_formats(name: str) -> tuple[str, ...]:
    """The formats of the listing ``name``: every one, ICS only for dated apel."""
    return FORMATS if name in ICS_LISTINGS else EVERY_LISTING


MONTH_FORMATS = ("table", "html")
"""``calendar``'s formats: a month is a grid, on a terminal or a page."""
