"""Messages as values: a kind and its parameters, put into words only when shown.

Commands return them and errors carry them; the CLI renders each in the output language
(``i18n``), so no command builds an English or Indonesian sentence itself.
"""

from __future__ import annotations

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


def info(kind: str, **params: object) -> Message:
    return Message(kind, params)


def warning(kind: str, **params: object) -> Message:
    return Message(kind, params, "warning")
