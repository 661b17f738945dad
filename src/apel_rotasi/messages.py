"""Messages as values: a kind and its parameters, put into words only when shown.

Commands return them and errors carry them; the CLI renders each in the output language
(``i18n``), so no command builds an English or Indonesian sentence itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Literal, NamedTuple

Level = Literal["info", "warning"]


class Message(NamedTuple):
    """``kind`` names the text in the catalogues; ``params`` fill its placeholders.

    A parameter may be a date (written out in the output language), a list (joined with
    the language's "or"), another ``Message``, or plain text and numbers.
    """

    kind: str
    params: dict[str, object] = {}  # noqa: RUF012 (never mutated: messages are values)
    level: Level = "info"


class Term(NamedTuple):
    """A message's parameter that is a word of one of the catalogues' tables, chosen by
    data (a journal action, an attendance count, a system error): ``params`` fill its
    placeholders."""

    table: Literal["COUNTED", "DEEDS", "OS_ERRORS"]
    key: str
    params: dict[str, object] = {}  # noqa: RUF012 (never mutated: terms are values)


def info(kind: str, **params: object) -> Message:
    return Message(kind, params)


def warning(kind: str, **params: object) -> Message:
    return Message(kind, params, "warning")


# Where what the tool says while it works goes (a writer that waits for another's lock
# says so at once, not when its command returns): the CLI sets it; otherwise nothing is said.
_LISTENERS: list[Callable[[Message], None]] = []


def say_now(message: Message) -> None:
    for listener in _LISTENERS:
        listener(message)


@contextmanager
def heard_by(listener: Callable[[Message], None]) -> Iterator[None]:
    _LISTENERS.append(listener)
    try:
        yield
    finally:
        _LISTENERS.remove(listener)
