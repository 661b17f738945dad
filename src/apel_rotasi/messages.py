"""Messages as values: a kind and its parameters, put into words only when shown.

Commands return them and errors carry them; the CLI renders each in the output language
(``i18n``), so no command builds an English or Indonesian sentence itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Level = Literal["info", "warning"]


@dataclass(frozen=True, slots=True)
class Message:
    """``kind`` names the text in the catalogues; ``params`` fill its placeholders.

    A parameter may be a date (written out in the output language), a list (joined with
    the language's "or"), another ``Message``, or plain text and numbers.
    """

    kind: str
    params: dict[str, object] = field(default_factory=dict)
    level: Level = "info"


def info(kind: str, **params: object) -> Message:
    return Message(kind, params)


def warning(kind: str, **params: object) -> Message:
    return Message(kind, params, "warning")
