"""The options and arguments several commands share, with their help."""

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from apel_rotasi.cli.app import COUNT_HELP, HELP, METAVAR, format_help
from apel_rotasi.records import COUNT_FIELDS
from apel_rotasi.render.formats import EVERY_LISTING, FORMATS

F = TypeVar("F", bound=Callable[..., Any])

FormatOption = Annotated[
    str | None,
    typer.Option("--format", "-f", metavar=METAVAR["format"], help=format_help(EVERY_LISTING)),
]
IcsFormatOption = Annotated[
    str | None,
    typer.Option("--format", "-f", metavar=METAVAR["format"], help=format_help(FORMATS)),
]
OutputOption = Annotated[
    str | None, typer.Option("--output", "-o", metavar=METAVAR["file"], help=HELP["output"])
]
LangOption = Annotated[
    str | None, typer.Option("--lang", metavar=METAVAR["lang"], help=HELP["lang"])
]
LedByOption = Annotated[
    str | None, typer.Option("--led-by", metavar=METAVAR["leader"], help=HELP["led_by"])
]
NoteOption = Annotated[
    str | None, typer.Option("--note", metavar=METAVAR["text"], help=HELP["note"])
]
# A date typed without quotes spreads over several arguments.
DateWords = Annotated[list[str], typer.Argument(metavar=METAVAR["date"], help=HELP["date"])]


def count_options(typed: type, metavar: str) -> Callable[[F], F]:
    """A command with one option per count of the apel (``records.COUNT_FIELDS``, by their
    English and Indonesian names), each read as ``typed``, in the place of its parameter
    ``counts``, which receives the counts given (the field's name to its value).

    No ``min``: Typer would add a bare "[x>=0]" to the help; ``shell.counts`` checks them.
    """

    def add(command: F) -> F:
        signature = inspect.signature(command)
        options = [
            inspect.Parameter(
                field.name,
                inspect.Parameter.POSITIONAL_OR_KEYWORD,
                default=None,
                annotation=Annotated[
                    typed | None,
                    typer.Option(*field.options, metavar=metavar, help=COUNT_HELP[field.name]),
                ],
            )
            for field in COUNT_FIELDS
        ]
        params = [
            option
            for param in signature.parameters.values()
            for option in (options if param.name == "counts" else [param])
        ]

        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> Any:
            given = {field.name: kwargs.pop(field.name) for field in COUNT_FIELDS}
            counts = {name: value for name, value in given.items() if value is not None}
            return command(*args, counts=counts, **kwargs)

        run.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
        return run  # type: ignore[return-value]

    return add
