"""A journal's change in people's words: each field by its label in the output language,
kecamatan and leaders by name, dates written out (``Hadir: — → 142``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from apel_rotasi.i18n import words
from apel_rotasi.names import Names
from apel_rotasi.records import KINDS, Kind

People = Mapping[str, Mapping[str, str]]
"""What a code or id in a record stands for: ``{"kecamatan": {code: name}, "leader": {id:
name}}``, from the roster."""
NOTHING = "\N{EM DASH}"
ARROW = " \N{RIGHTWARDS ARROW} "


def change_lines(
    file: str, before: Any, after: Any, people: People, names: Names, lang: str
) -> list[str]:
    """What a change did, one field a line: a record added gives its fields, one removed
    each field going (``→ —``), one changed the fields that differ (``old → new``). The
    date has a column of its own."""
    old, new = _table(file, before), _table(file, after)
    lines = []
    for key in _keys(file, old, new):
        if key == "date" or old.get(key) == new.get(key):
            continue
        label = _label(file, key, lang)
        shown_new = _value(key, new.get(key), people, names)
        if not old:
            lines.append(f"{label}: {shown_new}")
        else:
            lines.append(f"{label}: {_value(key, old.get(key), people, names)}{ARROW}{shown_new}")
    return lines


def record_lines(file: str, table: Any, people: People, names: Names, lang: str) -> list[str]:
    """A record before or after a change, one field a line (a page's and a sheet's
    ``before`` and ``after``), its date left to the date's column."""
    values = _table(file, table)
    return [
        f"{_label(file, key, lang)}: {_value(key, values.get(key), people, names)}"
        for key in _keys(file, values, {})
        if key != "date"  # the date has a column of its own
    ]


def _table(file: str, table: Any) -> Mapping[str, Any]:
    """A journal's table with its dates read (text that is no date stays text)."""
    if not isinstance(table, Mapping):
        return {}
    kind = KINDS.get(file)
    return kind.from_json(table) if kind else table


def _keys(file: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """The fields in the order of their kind of record; a key the kind lacks (a journal
    written by hand) comes last."""
    kind = KINDS.get(file)
    known = list(kind.names) if kind else []
    return [k for k in dict.fromkeys([*known, *old, *new]) if k in old or k in new]


def _label(file: str, key: str, lang: str) -> str:
    kind: Kind | None = KINDS.get(file)
    if kind is not None and key in kind.names:
        return words(lang, "COLUMNS")[kind.field(key).label]
    return key


def _value(key: str, value: Any, people: People, names: Names) -> str:
    if value is None:
        return NOTHING
    if isinstance(value, str) and key in people:
        return people[key].get(value, value)
    if isinstance(value, dt.date):
        return names.day_month_year(value)
    return str(value)
