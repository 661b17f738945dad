"""The output language: one catalogue module per language (``id.py``, ``en.py``).

Each catalogue holds ``MESSAGES`` (message kind -> text with ``{placeholders}``),
``WORDS`` (short words and phrases) and ``HELP`` (the text of ``--help``), each looked up
by a literal key; and tables whose keys are data the code defines: ``COLUMNS`` (each
listing column and record field), ``STATUSES``, ``ACTIONS`` (the journal's), ``SHEETS``
(each listing), ``COUNT_HEADERS``, ``COUNTED`` and ``COUNT_HELP`` (each attendance count),
``METAVARS`` (the placeholders of ``--help``, looked up by a literal key),
``DEEDS`` (each action, as undo names it), ``OS_ERRORS`` (why the system refused a file),
``BABEL_LOCALE`` for day and month names and ``HOLIDAY_LANGUAGE`` for the holidays package.
Only the language asked for is imported. A third language is one more module with the
same keys, and its code added to ``LANGUAGES``; a test holds every catalogue to the same
keys and runs every command in a copy of ``en``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from importlib import import_module
from types import ModuleType
from typing import Literal

from apel_rotasi.messages import Message, Term

Table = Literal["COLUMNS", "STATUSES", "ACTIONS", "SHEETS", "COUNT_HEADERS", "COUNT_HELP"]

LANGUAGES = ("id", "en")
"""Every language, each a module of this package; read at each use, never copied."""
DEFAULT_LANG = "id"


def catalogue(lang: str) -> ModuleType:
    return import_module(f"apel_rotasi.i18n.{lang}")


def word(lang: str, key: str, **params: object) -> str:
    """A short word or phrase of the language, with its placeholders filled."""
    text: str = catalogue(lang).WORDS[key]
    return text.format(**params) if params else text


def words(lang: str, table: Table) -> Mapping[str, str]:
    """One of the language's tables whose keys are data: a column, a status, an action."""
    found: Mapping[str, str] = getattr(catalogue(lang), table)
    return found


def render(message: Message, lang: str) -> str:
    """The message in words: dates written out, lists joined, nested messages rendered, and
    control characters in any text it quotes (a name from a file, a journal's user) escaped,
    so that what a file holds never drives the terminal."""
    text: str = catalogue(lang).MESSAGES[message.kind]
    if not message.params:
        return text
    return text.format(**{name: _value(value, lang) for name, value in message.params.items()})


def part(sentence: str) -> str:
    """A message inside another is a part of its sentence: its full stop goes (every
    message in a catalogue ends with one, so that each reads whole when said alone)."""
    return sentence[:-1] if sentence.endswith(".") and not sentence.endswith("..") else sentence


def listed(items: Sequence[str], lang: str) -> str:
    """Choices joined as the language writes them: ``table, csv atau html``."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word(lang, 'or')} {items[-1]}"


def _value(value: object, lang: str) -> str:
    if isinstance(value, Message):
        return part(render(value, lang))
    if isinstance(value, Term):
        text: str = getattr(catalogue(lang), value.table)[value.key]
        return text.format(**{k: _value(v, lang) for k, v in value.params.items()})
    if isinstance(value, dt.date):
        from apel_rotasi.names import names

        return names(lang).long_date(value)
    if isinstance(value, list | tuple):
        return listed([_value(item, lang) for item in value], lang)
    from apel_rotasi.console import escape_controls

    return escape_controls(str(value), lines=False)
