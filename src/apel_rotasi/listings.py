"""The rows of every listing, with exactly the contract's columns (pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from apel_rotasi.lang import Names, text
from apel_rotasi.model import COUNTS, Apel, PlanRow, Roster
from apel_rotasi.rounds import RoundState

Record = dict[str, Any]

COLUMNS = {
    "plan": [
        "date",
        "weekday",
        "round",
        "kecamatan_code",
        "kecamatan",
        "short",
        "leader",
        "status",
        "note",
    ],
    "history": ["date", "round", "kecamatan_code", "kecamatan", "short", "leader", *COUNTS, "note"],
    "unvisited": ["kecamatan_code", "kecamatan", "short", "last_visit"],
    "kecamatan": [
        "order",
        "kecamatan_code",
        "kecamatan",
        "short",
        "kelurahan",
        "visits",
        "last_visit",
    ],
    "report": [
        "kecamatan_code",
        "kecamatan",
        "short",
        "visits",
        "last_visit",
        "days_since",
        *COUNTS,
        "attendance_rate",
    ],
}


def plan_records(rows: Sequence[PlanRow], names: Names, lang: str) -> list[Record]:
    records = []
    for row in rows:
        kec, leader = row.kecamatan, row.leader
        note = row.note
        if row.shifted_from is not None:
            moved = text(lang, "shifted", date=names.long_date(row.shifted_from))
            note = f"{moved}; {note}" if note else moved
        records.append(
            {
                "date": row.date,
                "weekday": names.weekday(row.date),
                "round": row.round,
                "kecamatan_code": kec.code if kec else None,
                "kecamatan": kec.name if kec else None,
                "short": kec.short if kec else None,
                "leader": leader.name if leader else None,
                "status": row.status,
                "note": note,
            }
        )
    return records


def _leader_name(roster: Roster, leader_id: str) -> str:
    leader = roster.leader_by_id(leader_id)
    return leader.name if leader else leader_id


def history_records(roster: Roster, history: Sequence[Apel], state: RoundState) -> list[Record]:
    records = []
    for apel, number in zip(history, state.rounds, strict=True):
        kec = roster.kecamatan_by_code(apel.kecamatan)
        records.append(
            {
                "date": apel.date,
                "round": number,
                "kecamatan_code": apel.kecamatan,
                "kecamatan": kec.name if kec else None,
                "short": kec.short if kec else None,
                "leader": _leader_name(roster, apel.leader),
                **{key: apel.counts.get(key) for key in COUNTS},
                "note": apel.note,
            }
        )
    return records


def last_visits(history: Sequence[Apel]) -> dict[str, dt.date]:
    return {apel.kecamatan: apel.date for apel in history}  # history is in date order


def unvisited_records(roster: Roster, history: Sequence[Apel], state: RoundState) -> list[Record]:
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


def kecamatan_records(roster: Roster, history: Sequence[Apel]) -> list[Record]:
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


def report_records(roster: Roster, history: Sequence[Apel], today: dt.date) -> list[Record]:
    """Visits, last visit, days since and attendance per kecamatan, in rotation order."""
    last = last_visits(history)
    visits = _visits(history)
    totals: dict[str, dict[str, int]] = {}
    for apel in history:
        if apel.counts:
            sums = totals.setdefault(apel.kecamatan, dict.fromkeys(COUNTS, 0))
            for key in COUNTS:
                sums[key] += apel.counts.get(key, 0)
    records = []
    for k in roster.kecamatan:
        sums = totals.get(k.code, {})
        everyone = sum(sums.values())
        records.append(
            {
                "kecamatan_code": k.code,
                "kecamatan": k.name,
                "short": k.short,
                "visits": visits.get(k.code, 0),
                "last_visit": last.get(k.code),
                "days_since": (today - last[k.code]).days if k.code in last else None,
                **{key: sums.get(key) for key in COUNTS},
                "attendance_rate": round(sums["present"] / everyone, 4) if everyone else None,
            }
        )
    return records


def round_summary(state: RoundState, total: int, lang: str) -> str:
    return text(lang, "round_state", round=state.current, visited=len(state.visited), total=total)
