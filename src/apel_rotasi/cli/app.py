"""The Typer app: its help in the run's language (Typer's own words too), usage lines that
name arguments as the contract does, and the one place where every error of a run, the
option parser's included, is said in that language."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup, TyperOption
from typer.models import CommandInfo, TyperInfo

from apel_rotasi.cli import run
from apel_rotasi.errors import UsageError, UserError
from apel_rotasi.i18n import DEFAULT_LANG, catalogue, listed, part

TYPER_OPTIONS = ("help", "install_completion", "show_completion")  # Typer's, worded by HELP
F = TypeVar("F", bound=Callable[..., Any])


# Commands and options are declared with their help in the default language; the help
# shown is in the run's language, known only once the command line is read, so each text
# is looked up again by the table and key it has in the default catalogue (a test keeps
# them unique). The counts' options take theirs from a table keyed by the count; the
# placeholders (``TANGGAL``, ``DATE``) are words of the catalogues too.
HELP: dict[str, str] = catalogue(DEFAULT_LANG).HELP
COUNT_HELP: dict[str, str] = catalogue(DEFAULT_LANG).COUNT_HELP
METAVAR: dict[str, str] = catalogue(DEFAULT_LANG).METAVARS
_KEYS = {
    text: (table, key)
    for table in ("HELP", "COUNT_HELP", "METAVARS")
    for key, text in getattr(catalogue(DEFAULT_LANG), table).items()
}


_FORMATS: dict[str, tuple[str, ...]] = {}  # each format option's help, by the formats it lists


def format_help(formats: Sequence[str]) -> str:
    """The help of a ``--format`` that takes ``formats`` (the registry's, ``render.formats``),
    in the default language; shown in the run's, listing the same formats."""
    text = _listing_formats(DEFAULT_LANG, formats)
    _FORMATS[text] = tuple(formats)
    return text


def _listing_formats(lang: str, formats: Sequence[str]) -> str:
    text: str = catalogue(lang).HELP["format"]
    return text.format(formats=listed(formats, lang))


def in_lang(text: str | None, lang: str) -> str | None:
    if text in _FORMATS:
        return _listing_formats(lang, _FORMATS[text])
    found = _KEYS.get(text) if text is not None else None
    if found is None:
        return text
    table, key = found
    shown: str = getattr(catalogue(lang), table)[key]
    return shown


def usage_line(usage: str, lang: str) -> str:
    """The parser's usage line in ``lang``: ``Penggunaan: apel-rotasi plan [OPSI]``."""
    words = catalogue(lang).HELP
    if usage.startswith("Usage: "):
        usage = usage.replace("Usage: ", f"{words['usage']} ", 1)
        usage = usage.replace("[OPTIONS]", words["usage.options"], 1)
        usage = usage.replace("COMMAND [ARGS]...", words["usage.command"], 1)
    return usage


def _help_page(command: TyperCommand | TyperGroup, ctx: Any, page: Callable[[Any], str]) -> str:
    """A help page in the run's language, with Typer's own words in it too: the help and
    completion options, the headings, ``Usage:`` and ``[required]``."""
    lang = run.current().lang
    words = catalogue(lang).HELP
    shown = [command, *_subcommands(command, ctx)]
    for each in shown:
        each.help = in_lang(each.help, lang)
    for param in command.get_params(ctx):
        if param.name in TYPER_OPTIONS and isinstance(param, TyperOption):
            param.help = words[param.name]
        else:
            param.help = in_lang(getattr(param, "help", None), lang)  # type: ignore[attr-defined]
    headings = {
        f"{name.capitalize()}:": f"{words[name]}:" for name in ("arguments", "options", "commands")
    }
    usage, *lines = page(ctx).split("\n")
    lines = [usage_line(usage, lang), *(headings.get(line, line) for line in lines)]
    return "\n".join(lines).replace("[required]", f"[{words['required']}]")


def _subcommands(command: TyperCommand | TyperGroup, ctx: Any) -> list[Any]:
    if not isinstance(command, TyperGroup):
        return []
    return [command.get_command(ctx, name) for name in command.list_commands(ctx)]


def _placeholders(command: TyperCommand | TyperGroup, ctx: Any) -> None:
    """Name the command's placeholders in the run's language before its command line is
    read: its usage line, its help and the parser's errors show them."""
    lang = run.current().lang
    for param in command.get_params(ctx):
        param.metavar = in_lang(param.metavar, lang)


def _in_command(ctx: Any, call: Callable[[], Any]) -> Any:
    """Run ``call``; a usage error raised in it is shown with this command's usage."""
    try:
        return call()
    except UsageError as error:
        if error.usage is not None:
            raise
        raise error.of_command(ctx.get_usage(), ctx.command_path) from None


def _parsed(ctx: Any, parse: Callable[[], list[str]]) -> list[str]:
    """Parse ``ctx``'s command line; the parser's refusal becomes the tool's own error."""
    try:
        return parse()
    except typer.TyperException as error:
        raise parser_error(error, ctx) from None


def usage_error(ctx: Any, kind: str, **params: object) -> UsageError:
    """A mistyped command line, found while ``ctx``'s command was read."""
    return UsageError(kind, usage=ctx.get_usage(), command=ctx.command_path, **params)


def parser_error(error: typer.TyperException, ctx: Any = None) -> UserError:
    """Typer's refusal of a command line, read in ``ctx``, as a value in the tool's words.
    Its exceptions are told apart by what they carry (Typer does not export their classes)."""
    ctx = getattr(error, "ctx", None) or ctx
    if getattr(error, "exit_code", 1) != UsageError.exit_code:
        return UserError("parser_other", text=part(error.message))
    if ctx is None:
        return UsageError("parser_other", text=part(error.message))
    typed = run.current()
    param = getattr(error, "param", None)
    if hasattr(error, "possibilities"):  # an option the command does not have
        option = str(getattr(error, "option_name", ""))
        if option == "--home" and ctx.parent is not None:
            return usage_error(ctx, "usage_home_first", name=ctx.info_name)
        close = sorted(getattr(error, "possibilities", None) or [])
        if close:
            return usage_error(ctx, "usage_no_such_option_suggest", option=option, close=close)
        return usage_error(ctx, "usage_no_such_option", option=option)
    if hasattr(error, "option_name"):  # an option without its value, or a flag with one
        option = str(getattr(error, "option_name", ""))
        flags = [p for p in ctx.command.params if option in p.opts and getattr(p, "is_flag", False)]
        return usage_error(ctx, "usage_flag_value" if flags else "usage_needs_value", option=option)
    if hasattr(error, "param_type") and param is not None:  # a required argument left out
        return usage_error(ctx, "usage_missing", what=param.human_readable_name)
    if param is not None:  # a value its option's type refuses: a number that is not one
        option = typed.typed(*param.opts)
        value = typed.value(option) or ""
        return usage_error(ctx, "usage_not_a_number", option=option, value=value)
    if hasattr(ctx.command, "commands"):
        return usage_error(ctx, "usage_missing_command")
    return usage_error(ctx, "parser_other", text=part(error.message))


class Command(TyperCommand):
    """A command whose help is in the run's language, its usage line naming the arguments
    as the contract does (``DATE KECAMATAN``, where Typer would brace them)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [piece.strip("{}") for piece in super().collect_usage_pieces(ctx)]

    def get_help(self, ctx: Any) -> str:
        return _help_page(self, ctx, super().get_help)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _placeholders(self, ctx)
        ctx.allow_extra_args = True  # words left over are refused here, in the tool's words
        rest: list[str] = _parsed(ctx, lambda: super(Command, self).parse_args(ctx, args))
        if ctx.args:
            raise usage_error(ctx, "usage_extra_words", words=" ".join(ctx.args))
        return rest

    def invoke(self, ctx: Any) -> Any:
        return _in_command(ctx, lambda: super(Command, self).invoke(ctx))


class Group(TyperGroup):
    """A group of commands (the main command, ``finding``): its help in the run's language;
    the main command's is the one place that says every error of the run, in that
    language, with its exit code."""

    def get_help(self, ctx: Any) -> str:
        return _help_page(self, ctx, super().get_help)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _placeholders(self, ctx)
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            from apel_rotasi.console import write_message

            write_message(ctx.get_help() + "\n")
            raise typer.Exit(2)
        parsed: list[str] = _parsed(ctx, lambda: super(Group, self).parse_args(ctx, args))
        return parsed

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0]
        if self.get_command(ctx, name) is None and not name.startswith("-"):
            from difflib import get_close_matches

            close = get_close_matches(name, self.list_commands(ctx), n=3)
            if close:
                raise usage_error(ctx, "usage_no_such_command_suggest", name=name, close=close)
            raise usage_error(ctx, "usage_no_such_command", name=name)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        return _in_command(ctx, lambda: super(Group, self).invoke(ctx))

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        token = run.begin(sys.argv[1:] if args is None else args)
        try:
            code = self._run(args, prog_name, complete_var, **extra)
        finally:
            run.end(token)
        if standalone_mode:
            sys.exit(code)
        return code

    def _run(self, args: Any, prog_name: Any, complete_var: Any, **extra: Any) -> int:
        from apel_rotasi.cli.shell import error_lines, in_words, say
        from apel_rotasi.messages import heard_by

        problem: UserError
        try:
            with heard_by(lambda message: say([in_words(message, run.current().lang)])):
                done = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except UserError as error:
            problem = error
        except OverflowError:  # date arithmetic past 9999-12-31
            problem = UserError("beyond_9999")
        except typer.TyperException as error:  # the option parser's
            problem = parser_error(error)
        else:
            return done if isinstance(done, int) else 0
        say(error_lines(problem, run.current().lang))
        return problem.exit_code


class App(typer.Typer):
    """Every command of the app is a ``Command``."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[F], F]:
        kwargs.setdefault("cls", Command)
        decorate: Callable[[F], F] = super().command(*args, **kwargs)
        return decorate


class Main(Group):
    """The main command, which builds a command only when the run asks for it (its help
    lists them all, so builds them all): Typer would build every command at every start,
    reading each function's signature and options. The commands are declared to the
    main app (``MainApp``)."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(app.declared)

    def get_command(self, ctx: Any, name: str) -> Any:
        declared = app.declared.get(name)
        if name not in self.commands and declared is not None:
            self.add_command(app.built(declared), name)
        return super().get_command(ctx, name)


class MainApp(App):
    """The main app: its commands and groups are declared, by name, for ``Main`` to build
    when asked for, rather than registered for Typer to build."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cls=Main, **kwargs)
        self.declared: dict[str, CommandInfo | TyperInfo] = {}

    def command(self, *args: Any, **kwargs: Any) -> Callable[[F], F]:
        register = super().command(*args, **kwargs)

        def declare(function: F) -> F:
            register(function)
            info = self.registered_commands.pop()
            self.declared[info.name or typer.main.get_command_name(function.__name__)] = info
            return function

        return declare

    def add_typer(self, typer_instance: typer.Typer, **kwargs: Any) -> None:
        """A group of commands, declared by its ``name``, which must be given."""
        super().add_typer(typer_instance, **kwargs)
        self.declared[kwargs["name"]] = self.registered_groups.pop()

    def built(self, declared: CommandInfo | TyperInfo) -> Any:
        """The command or group, as Typer would have built it."""
        if isinstance(declared, TyperInfo):
            return typer.main.get_group_from_info(
                declared,
                pretty_exceptions_short=self.pretty_exceptions_short,
                rich_markup_mode=self.rich_markup_mode,
                suggest_commands=self.suggest_commands,
            )
        return typer.main.get_command_from_info(
            declared,
            pretty_exceptions_short=self.pretty_exceptions_short,
            rich_markup_mode=self.rich_markup_mode,
        )


app = MainApp(
    name="apel-rotasi",
    help=HELP["app"],
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
