"""The options and arguments several commands share, with their help."""

from typing import Annotated, Any

import typer

from apel_rotasi.cli.app import HELP

FormatOption = Annotated[
    str | None, typer.Option("--format", "-f", metavar="FORMAT", help=HELP["format"])
]
IcsFormatOption = Annotated[
    str | None, typer.Option("--format", "-f", metavar="FORMAT", help=HELP["format_ics"])
]
OutputOption = Annotated[
    str | None, typer.Option("--output", "-o", metavar="FILE", help=HELP["output"])
]
LangOption = Annotated[str | None, typer.Option("--lang", metavar="LANG", help=HELP["lang"])]
LedByOption = Annotated[str | None, typer.Option("--led-by", metavar="LEADER", help=HELP["led_by"])]
NoteOption = Annotated[str | None, typer.Option("--note", metavar="TEXT", help=HELP["note"])]
# A date typed without quotes spreads over several arguments.
DateWords = Annotated[list[str], typer.Argument(metavar="DATE", help=HELP["date"])]

# The attendance counts, by their English and Indonesian names. No ``min``: Typer would add
# a bare "[x>=0]" to the help, so ``_at_least`` refuses a negative count instead.
COUNT_OPTIONS = {
    "present": ("--present", "--hadir"),
    "sick": ("--sick", "--sakit"),
    "leave": ("--leave", "--cuti"),
    "permit": ("--permit", "--izin"),
    "duty": ("--duty", "--dinas"),
    "absent": ("--absent", "--tanpa-keterangan"),
}


def _count(name: str) -> Any:
    return typer.Option(*COUNT_OPTIONS[name], metavar="N", help=HELP[f"count.{name}"])


Present = Annotated[int | None, _count("present")]
Sick = Annotated[int | None, _count("sick")]
Leave = Annotated[int | None, _count("leave")]
Permit = Annotated[int | None, _count("permit")]
Duty = Annotated[int | None, _count("duty")]
Absent = Annotated[int | None, _count("absent")]

LISTING = ("table", "csv", "json", "xlsx", "html")
WITH_ICS = (*LISTING, "ics")
