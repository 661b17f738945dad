"""The Typer app, its help in the locale's language: Typer's own words too, and usage
lines that name arguments as the contract does."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

from apel_rotasi.i18n import catalogue, help_lang

# --help speaks the locale's language, chosen once here: it is shown before any roster is
# read. What the commands say is in the output language (--lang, else the roster's).
HELP: dict[str, str] = catalogue(help_lang(os.environ)).HELP
TYPER_OPTIONS = ("help", "install_completion", "show_completion")  # Typer's, worded by HELP
F = TypeVar("F", bound=Callable[..., Any])


def _help_page(command: TyperCommand | TyperGroup, ctx: Any, page: Callable[[Any], str]) -> str:
    """A help page with Typer's own words in the language of the rest: the help and
    completion options, the headings, ``Usage:`` and ``[required]``."""
    for param in command.get_params(ctx):
        if param.name in TYPER_OPTIONS and isinstance(param, TyperOption):
            param.help = HELP[param.name]
    words = {name: HELP[name] for name in ("arguments", "options", "commands")}
    headings = {f"{name.capitalize()}:": f"{text}:" for name, text in words.items()}
    usage, *lines = page(ctx).split("\n")
    if usage.startswith("Usage: "):
        usage = usage.replace("Usage: ", f"{HELP['usage']} ", 1)
        usage = usage.replace("[OPTIONS]", HELP["usage.options"], 1)
        usage = usage.replace("COMMAND [ARGS]...", HELP["usage.command"], 1)
    lines = [usage, *(headings.get(line, line) for line in lines)]
    return "\n".join(lines).replace("[required]", f"[{HELP['required']}]")


class Command(TyperCommand):
    """A command whose help is in the locale's language, its usage line naming the
    arguments as the contract does (``DATE KECAMATAN``, where Typer would brace them)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [piece.strip("{}") for piece in super().collect_usage_pieces(ctx)]

    def get_help(self, ctx: Any) -> str:
        return _help_page(self, ctx, super().get_help)


class Group(TyperGroup):
    """The main command, its help in the locale's language."""

    def get_help(self, ctx: Any) -> str:
        return _help_page(self, ctx, super().get_help)


class App(typer.Typer):
    """Every command of the app is a ``Command``."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[F], F]:
        kwargs.setdefault("cls", Command)
        decorate: Callable[[F], F] = super().command(*args, **kwargs)
        return decorate


app = App(
    name="apel-rotasi",
    cls=Group,
    help=HELP["app"],
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
