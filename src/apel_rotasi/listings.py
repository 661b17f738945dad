"""The rows of every listing, with exactly the contract's columns (pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Reversible, Sequence
from typing import Any, Literal, TypedDict

from apel_rotasi.i18n import word
from apel_rotasi.messages import Message, info
from apel_rotasi.model import (
    COUNTS,
    Apel,
    Cancelled,
    Entry,
    Finding,
    PlanRow,
    PlanStatus,
    Roster,
)
from apel_rotasi.names import Names
from apel_rotasi.rounds import RoundState

ListingName = Literal["plan", "history", "unvisited", "kecamatan", "report", "log", "findings"]
FindingStatus = Literal["open", "overdue", "done"]


class PlanRecord(TypedDict):
    date: dt.date
    weekday: str
    round: int | None
    kecamatan_code: str | None
    kecamatan: str | None
    short: str | None
    leader: str | None
    status: PlanStatus
    note: str | None
    time: dt.time | None


class HistoryRecord(TypedDict):
    date: dt.date
    round: int | None
    kecamatan_code: str | None
    kecamatan: str | None
    short: str | None
    leader: str | None
    # then one int | None per count of the apel (records.COUNTS)
    note: str | None
    status: Literal["held", "cancelled"]


class UnvisitedRecord(TypedDict):
    kecamatan_code: str
    kecamatan: str
    short: str | None
    last_visit: dt.date | None


class KecamatanRecord(TypedDict):
    order: int
    kecamatan_code: str
    kecamatan: str
    short: str | None
    kelurahan: int | None
    visits: int
    last_visit: dt.date | None


class ReportRecord(TypedDict):
    kecamatan_code: str
    kecamatan: str
    short: str | None
    visits: int
    last_visit: dt.date | None
    days_since: int | None
    # then one int | None per count of the apel (records.COUNTS)
    attendance_rate: float | None
    staff: int | None
    findings_open: int
    findings_overdue: int


class FindingRecord(TypedDict):
    id: int
    date: dt.date
    kecamatan_code: str
    kecamatan: str | None
    text: str
    owner: str | None
    due: dt.date | None
    status: FindingStatus
    done: dt.date | None
    result: str | None
    letter: str | None


class LogRecord(TypedDict):
    at: dt.datetime
    user: str
    action: str
    file: str
    date: dt.date
    before: dict[str, Any] | None
    after: dict[str, Any] | None


Record = Mapping[str, object]
"""Any listing's row, as the renderers see it: column name to value."""


def _with_counts(record: type, after: str) -> tuple[str, ...]:
    """A listing's columns with the apel's counts after the column ``after``."""
    keys = list(record.__annotations__)
    at = keys.index(after) + 1
    return (*keys[:at], *COUNTS, *keys[at:])


COLUMNS: dict[ListingName, tuple[str, ...]] = {
    "plan": tuple(PlanRecord.__annotations__),
    "history": _with_counts(HistoryRecord, "leader"),
    "unvisited": tuple(UnvisitedRecord.__annotations__),
    "kecamatan": tuple(KecamatanRecord.__annotations__),
    "report": _with_counts(ReportRecord, "days_since"),
    "log": tuple(LogRecord.__annotations__),
    "findings": tuple(FindingRecord.__annotations__),
}


Kind = Literal[
    "date", "time", "number", "rate", "name", "words", "note", "fixed", "status", "action", "record"
]
"""What a column holds, which says how each format writes it: ``date`` (a day, or a moment
with its time), ``time`` (a time of day), ``number``, ``rate`` (a share from 0 to 1),
``name``, ``words`` (a person named in full, that may wrap), ``note`` (free text),
``fixed`` (a code, a file, a letter's number), ``status`` and ``action`` (a word of the
contract, shown in the output language) and ``record`` (a journal's table)."""

KINDS: dict[str, Kind] = {
    "date": "date",
    "weekday": "name",
    "round": "number",
    "kecamatan_code": "fixed",
    "kecamatan": "name",
    "short": "name",
    "leader": "words",
    "status": "status",
    "note": "note",
    "time": "time",
    **dict.fromkeys(COUNTS, "number"),
    "order": "number",
    "kelurahan": "number",
    "visits": "number",
    "last_visit": "date",
    "days_since": "number",
    "attendance_rate": "rate",
    "staff": "number",
    "findings_open": "number",
    "findings_overdue": "number",
    "id": "number",
    "text": "note",
    "owner": "words",
    "due": "date",
    "done": "date",
    "result": "note",
    "letter": "fixed",
    "at": "date",
    "user": "name",
    "action": "action",
    "file": "fixed",
    "before": "record",
    "after": "record",
}
"""The kind of every contract column, whichever listing has it."""


def plan_records(rows: Sequence[PlanRow], names: Names, lang: str) -> list[PlanRecord]:
    """The plan's rows; a shifted apel's note says where it moved from."""
    records: list[PlanRecord] = []
    for row in rows:
        kec, note = row.kecamatan, row.note
        if row.shifted_from is not None:
            moved = word(lang, "shifted", date=names.long_date(row.shifted_from))
            note = f"{moved}; {note}" if note else moved
        records.append(
            {
                "date": row.date,
                "weekday": names.weekday(row.date),
                "round": row.round,
                "kecamatan_code": kec.code if kec else None,
                "kecamatan": kec.name if kec else None,
                "short": kec.short if kec else None,
                "leader": row.leader.name if row.leader else None,
                "status": row.status,
                "note": note,
                "time": row.time,
            }
        )
    return records


NO_COUNTS = dict.fromkeys(COUNTS)
"""Every count, none given: the counts' columns of a record, in their order."""


def history_records(
    roster: Roster, entries: Sequence[Entry], state: RoundState
) -> list[HistoryRecord]:
    """Every entry of the history; a week without apel has no round, kecamatan or counts."""
    rounds = iter(state.rounds)
    records: list[HistoryRecord] = []
    for entry in entries:
        if isinstance(entry, Cancelled):
            records.append(
                {
                    "date": entry.date,
                    "round": None,
                    "kecamatan_code": None,
                    "kecamatan": None,
                    "short": None,
                    "leader": None,
                    **NO_COUNTS,  # type: ignore[typeddict-item]
                    "note": entry.reason,
                    "status": "cancelled",
                }
            )
            continue
        kec = roster.kecamatan_by_code(entry.kecamatan)
        leader = roster.leader_by_id(entry.leader)
        records.append(
            {
                "date": entry.date,
                "round": next(rounds),
                "kecamatan_code": entry.kecamatan,
                "kecamatan": kec.name if kec else None,
                "short": kec.short if kec else None,
                "leader": leader.name if leader else entry.leader,
                **NO_COUNTS,  # type: ignore[typeddict-item]
                **entry.counts,
                "note": entry.note,
                "status": "held",
            }
        )
    return records


def last_visits(history: Sequence[Apel]) -> dict[str, dt.date]:
    return {apel.kecamatan: apel.date for apel in history}  # history is in date order


def unvisited_records(
    roster: Roster, history: Sequence[Apel], state: RoundState
) -> list[UnvisitedRecord]:
    last = last_visits(history)
    return [
        {
            "kecamatan_code": k.code,
            "kecamatan": k.name,
            "short": k.short,
            "last_visit": last.get(k.code),
        }
        for k in state.unvisited(roster.kecamatan)
    ]


def kecamatan_records(roster: Roster, history: Sequence[Apel]) -> list[KecamatanRecord]:
    last = last_visits(history)
    visits = _visits(history)
    return [
        {
            "order": order,
            "kecamatan_code": k.code,
            "kecamatan": k.name,
            "short": k.short,
            "kelurahan": k.kelurahan,
            "visits": visits.get(k.code, 0),
            "last_visit": last.get(k.code),
        }
        for order, k in enumerate(roster.kecamatan, 1)
    ]


def _visits(history: Sequence[Apel]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for apel in history:
        counts[apel.kecamatan] = counts.get(apel.kecamatan, 0) + 1
    return counts


def reports_absence(apel: Apel) -> bool:
    """An apel that reported ``present`` and at least one other count: only such an apel
    says how many were absent, so only such apel count towards the attendance rate."""
    return "present" in apel.counts and len(apel.counts) > 1


def report_records(
    roster: Roster, history: Sequence[Apel], today: dt.date, findings: Sequence[Finding] = ()
) -> list[ReportRecord]:
    """Visits, last visit, days since, attendance and open findings per kecamatan, in
    rotation order. The rate is present over the roster's ``staff`` where it gives one
    (over the apel that reported ``present``), else over all six counts (over the apel
    that reported ``present`` and another count)."""
    last = last_visits(history)
    visits = _visits(history)
    staff = {k.code: k.staff for k in roster.kecamatan if k.staff}
    totals: dict[str, dict[str, int]] = {}
    rated: dict[str, list[int]] = {}  # code -> [present, out of] over the apel that say both
    for apel in history:
        sums = totals.setdefault(apel.kecamatan, {})
        for key, count in apel.counts.items():  # a count never reported stays empty
            sums[key] = sums.get(key, 0) + count
        expected = staff.get(apel.kecamatan)
        if expected is not None and "present" in apel.counts:
            rate = rated.setdefault(apel.kecamatan, [0, 0])
            rate[0] += apel.counts["present"]
            rate[1] += expected
        elif expected is None and reports_absence(apel):
            rate = rated.setdefault(apel.kecamatan, [0, 0])
            rate[0] += apel.counts["present"]
            rate[1] += sum(apel.counts.values())
    statuses = [(f.kecamatan, finding_status(f, today)) for f in findings]
    records: list[ReportRecord] = []
    for k in roster.kecamatan:
        sums = totals.get(k.code, {})
        present, everyone = rated.get(k.code, [0, 0])
        records.append(
            {
                "kecamatan_code": k.code,
                "kecamatan": k.name,
                "short": k.short,
                "visits": visits.get(k.code, 0),
                "last_visit": last.get(k.code),
                "days_since": (today - last[k.code]).days if k.code in last else None,
                **{key: sums.get(key) for key in COUNTS},  # type: ignore[typeddict-item]
                "attendance_rate": round(present / everyone, 4) if everyone else None,
                "staff": k.staff,
                "findings_open": sum(code == k.code and s != "done" for code, s in statuses),
                "findings_overdue": sum(code == k.code and s == "overdue" for code, s in statuses),
            }
        )
    return records


def finding_status(finding: Finding, today: dt.date) -> FindingStatus:
    """``done`` once followed up; ``overdue`` while open after its ``due``; else ``open``."""
    if finding.done is not None:
        return "done"
    return "overdue" if finding.due is not None and finding.due < today else "open"


def findings_records(
    roster: Roster, findings: Sequence[Finding], today: dt.date
) -> list[FindingRecord]:
    """The findings in the order given, each with its kecamatan's name and its status."""
    records: list[FindingRecord] = []
    for f in findings:
        kec = roster.kecamatan_by_code(f.kecamatan)
        records.append(
            {
                "id": f.id,
                "date": f.date,
                "kecamatan_code": f.kecamatan,
                "kecamatan": kec.name if kec else None,
                "text": f.text,
                "owner": f.owner,
                "due": f.due,
                "status": finding_status(f, today),
                "done": f.done,
                "result": f.result,
                "letter": f.letter,
            }
        )
    return records


def log_records(lines: Reversible[Mapping[str, Any]]) -> list[LogRecord]:
    """The journal's lines, newest first; ``before`` and ``after`` stay JSON objects."""
    return [
        {
            "at": dt.datetime.fromisoformat(line["at"]),
            "user": line["user"],
            "action": line["action"],
            "file": line["file"],
            "date": dt.date.fromisoformat(line["date"]),
            "before": line["before"],
            "after": line["after"],
        }
        for line in reversed(lines)
    ]


def people(roster: Roster) -> dict[str, dict[str, str]]:
    """Who a record's codes name, for a change shown in people's words."""
    return {
        "kecamatan": {k.code: k.name for k in roster.kecamatan},
        "leader": {leader.id: leader.name for leader in roster.leaders},
    }


def round_summary(state: RoundState, total: int) -> Message:
    return info("round_state", round=state.current, visited=len(state.visited), total=total)
