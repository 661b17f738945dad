"""findings.toml: what was found at the apel and its follow-up, numbered from 1."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeGuard

from apel_rotasi.errors import UserError
from apel_rotasi.model import Apel, Entry, Finding, Roster
from apel_rotasi.records import FINDING
from apel_rotasi.store import journal
from apel_rotasi.store.dated import DatedFile, check_references, record_of
from apel_rotasi.store.toml import Reader

FINDINGS_FILE = FINDING.file


class Findings(DatedFile):
    """findings.toml as read: its findings by id, and what ``check`` reports about it."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.findings: list[Finding] = []

    @property
    def items(self) -> list[Finding]:
        return self.findings


def findings_path(home: Path) -> Path:
    return home / FINDINGS_FILE


def held_apel(entries: Sequence[Entry]) -> dict[dt.date, str]:
    """The kecamatan of the apel held on each date: a finding belongs to one of them."""
    return {e.date: e.kecamatan for e in entries if isinstance(e, Apel)}


def read_findings(
    home: Path, roster: Roster | None, held: Mapping[dt.date, str] | None
) -> Findings:
    """findings.toml by id; ``held`` (from the history) checks each finding's apel."""
    return findings_from(Reader(findings_path(home)), roster, held)


def reading(held: Mapping[dt.date, str] | None) -> Callable[[Reader, Roster | None], Findings]:
    """The reader of findings.toml for a history whose apel are ``held``."""
    return lambda reader, roster: findings_from(reader, roster, held)


def findings_from(
    reader: Reader, roster: Roster | None, held: Mapping[dt.date, str] | None
) -> Findings:
    """What ``reader`` reads as findings.toml: ids unique, ``due`` and ``done`` not before
    the finding's date; a finding whose date has no held apel at its kecamatan is a note
    (the history may have changed since), as a code the roster lacks."""
    found = Findings(reader.path)
    data = reader.parse()
    if data is None:
        return found
    name = FINDING.table
    for key in data:
        if key != name:
            reader.problem("only_tables_here", reader.lines.key(None, 0, key), key=key, name=name)
    ids: dict[int, int] = {}
    required = [f.name for f in FINDING.fields if f.required]
    for index, table in reader.tables(data, name):
        values = reader.read(table, name, index, FINDING.fields)
        if not all(key in values for key in required):
            continue
        number, day = values["id"], values["date"]
        if number in ids:
            reader.problem(
                "finding_second_id", reader.lines.table(name, index), id=number, other=ids[number]
            )
            continue
        ids[number] = index + 1
        wrong = [key for key in ("due", "done") if key in values and values[key] < day]
        for key in wrong:
            reader.problem(
                "finding_before_its_date", reader.lines.table(name, index), id=number, field=key
            )
        if wrong:
            continue
        if held is not None and held.get(day) != values["kecamatan"]:
            found.notes.append(
                UserError(
                    "finding_no_apel",
                    path=reader.path,
                    line=reader.lines.table(name, index),
                    id=number,
                    date=day.isoformat(),
                )
            )
        check_references(reader, roster, name, index, values, found)
        found.findings.append(Finding._make(values.get(key) for key in Finding._fields))
    found.problems = reader.problems
    found.findings.sort(key=lambda f: f.id)
    return found


def next_id(home: Path, current: Sequence[Finding]) -> int:
    """One more than the highest number ever given, so that none is given twice: the
    highest in findings.toml, or that of the newest ``finding add`` in the journal (an add
    that ``undo`` took back leaves its number there alone). Numbers are given in order, so
    the journal is read from its end only as far back as that line, and not at all before
    findings.toml first exists."""
    highest = max((f.id for f in current), default=0)
    if not os.path.lexists(findings_path(home)):
        return highest + 1
    for line in journal.backward(home):
        if line["action"] == "finding_add" and line["file"] == FINDING.file:
            given = (line["after"] or {}).get(FINDING.identity)
            if _is_id(given):
                return max(highest, given) + 1
    return highest + 1


def _is_id(value: Any) -> TypeGuard[int]:
    """A number findings.toml would accept as an id (a forged line's is passed by)."""
    field = FINDING.field(FINDING.identity)
    if not isinstance(value, int) or isinstance(value, bool):
        return False
    return field.check is None or field.check(value)


def finding_table(finding: Finding) -> dict[str, Any]:
    """A finding as its ``[[finding]]`` table (also the journal's record of it)."""
    return FINDING.table_of(finding._asdict())


def finding_from_json(table: dict[str, Any]) -> Finding:
    """A journal's ``[[finding]]`` table as the finding findings.toml would hold."""
    finding: Finding = record_of(reading(None), FINDING, table)
    return finding
