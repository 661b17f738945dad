"""``notice``: the message the secretariat sends the camat and the leader ahead of an apel."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from apel_rotasi import listings
from apel_rotasi.clock import ZONES
from apel_rotasi.commands.common import (
    Change,
    Context,
    changed_days,
    default_start,
    json_rows,
    national_calendar,
    plan_rows,
)
from apel_rotasi.errors import UserError
from apel_rotasi.holiday import HolidayCalendar
from apel_rotasi.i18n import word, words
from apel_rotasi.messages import Message, info
from apel_rotasi.model import PlanRow, Roster
from apel_rotasi.names import names
from apel_rotasi.outcome import Outcome
from apel_rotasi.parse import join_date
from apel_rotasi.planner import day_off

if TYPE_CHECKING:
    from apel_rotasi.store.home import State

APEL = ("planned", "pinned")


def notice(
    context: Context,
    *,
    date: list[str] | None = None,
    weeks: int | None = None,
    changes: bool = False,
) -> Outcome:
    """The next apel's notice, DATE's, every apel's of the next ``weeks`` weeks, or the
    notices of what changed since the last publish."""
    state, lang, today = context.state, context.lang, context.today
    roster = state.roster
    national = national_calendar(state, lang)
    start = default_start(state.history, today)
    if changes:
        return _changes(state, national, start, today, lang)
    if date:
        day = join_date(date, today)
        if day < start:
            raise UserError("notice_past", date=day)
        rows = plan_rows(state, national, start, (day - start).days // 7 + 2, None, today)
        chosen = [r for r in rows if r.date == day and r.status in APEL]
        if not chosen:
            raise UserError("notice_no_apel", date=day, what=_what(roster, national, rows, day))
    elif weeks is not None:
        rows = plan_rows(state, national, start, weeks, None, today)
        chosen = [r for r in rows if r.status in APEL]
    else:
        rows = plan_rows(state, national, start, None, None, today)
        chosen = [r for r in rows if r.status in APEL][:1]
    texts = [notice_text(roster, row, lang) for row in chosen]
    return Outcome(lang, state.warnings, text="\n\n".join(texts) + "\n" if texts else None)


def notice_text(roster: Roster, row: PlanRow, lang: str) -> str:
    """The roster's ``[notice] template`` filled in, or the built-in text of ``lang``."""
    assert row.kecamatan is not None and row.leader is not None
    rot = roster.rotation
    values = {
        "date": names(lang).long_date(row.date),
        "time": f"{row.time or rot.time:%H:%M} {zone_of(roster)}",
        "kecamatan": row.kecamatan.name,
        "place": f"Kantor Camat {row.kecamatan.name}",
        "leader": row.leader.name,
        "leader_title": row.leader.title or "",
        "city": rot.city,
    }
    template = roster.notice or word(lang, "notice_text")
    return re.sub(r" {2,}", " ", template.format(**values)).strip()  # an empty title


def _changes(
    state: State, national: HolidayCalendar, start: dt.date, today: dt.date, lang: str
) -> Outcome:
    """``notice --changes``: for each coming apel day that differs from what the last
    publish put out, a notice to the camat now expected (from the roster's template,
    headed by what changed) and one to the camat expected before."""
    from apel_rotasi.store.published import read_published

    previous = read_published(state.home)
    if previous is None:
        raise UserError("never_published")
    roster = state.roster
    last = max(dt.date.fromisoformat(r["date"]) for r in previous.rows) if previous.rows else start
    rows: list[PlanRow] = []
    if last >= start:
        rows = plan_rows(state, national, start, (last - start).days // 7 + 1, None, today)
    records = listings.plan_records(rows, names(lang), lang)
    found = changed_days(previous.rows, json_rows(records, roster.rotation), start)
    by_date = {row.date: row for row in rows}
    texts = [text for change in found for text in change_notices(roster, change, by_date, lang)]
    if not texts:
        kind = "changes_no_camat" if found else "no_changes"
        message = info(kind, count=len(found), at=previous.at.date())
        return Outcome(lang, [*state.warnings, message])
    return Outcome(lang, state.warnings, text="\n\n".join(texts) + "\n")


def change_notices(
    roster: Roster, change: Change, rows: Mapping[dt.date, PlanRow], lang: str
) -> list[str]:
    """The notices of one changed day: to the camat now expected there, and to the one
    expected before when the kecamatan changed or the apel is off."""
    day_names = names(lang)
    was, now = change.was, change.now
    now_apel = now is not None and now["status"] in APEL
    # A day without apel names its reason already; an apel's note says why it is there.
    why = word(lang, "change_why", why=now["note"]) if now_apel and now and now["note"] else ""
    said = {
        "date": day_names.long_date(change.day),
        "was": _state_words(roster, was, lang),
        "now": _state_words(roster, now, lang),
    }
    texts = []
    row = rows.get(change.day)
    if now_apel and row is not None:
        texts.append(
            f"{word(lang, 'change_heading', **said)}{why}\n\n{notice_text(roster, row, lang)}"
        )
    if (
        was is not None
        and was["kecamatan"]
        and (
            now is None
            or now["status"] not in APEL
            or now["kecamatan_code"] != was["kecamatan_code"]
        )
    ):
        text = word(
            lang,
            "change_former",
            kecamatan=was["kecamatan"],
            why=why,
            city=roster.rotation.city,
            **said,
        )
        texts.append(text)
    return texts


def _state_words(roster: Roster, row: Mapping[str, Any] | None, lang: str) -> str:
    """What a day held, as published or as planned now, in a few words."""
    if row is None:
        return word(lang, "change_none")
    if row["status"] in APEL:
        time = f"{row['time']} {zone_of(roster)}"
        return word(
            lang, "change_apel", kecamatan=row["kecamatan"], time=time, leader=row["leader"]
        )
    return word(
        lang, "change_no_apel", reason=row["note"] or words(lang, "STATUSES")[row["status"]]
    )


def zone_of(roster: Roster) -> str:
    """The zone as people write it after a time: WIB, WITA, WIT, else its name."""
    timezone = roster.rotation.timezone
    return ZONES.get(timezone, timezone)


NO_APEL = {
    "holiday": "notice_holiday",
    "ceremony": "notice_ceremony",
    "cancelled": "notice_cancelled",
}
"""What a notice says of a day the plan has without an apel, by its status."""


def _what(roster: Roster, national: HolidayCalendar, rows: list[PlanRow], day: dt.date) -> Message:
    """What the plan has on a day without an apel: the holiday, the closure, the
    cancellation, or that it is no apel day."""
    for row in rows:
        if row.date == day and row.status in NO_APEL:
            return info(NO_APEL[row.status], reason=row.note or "")
    holiday = day_off(roster, national, day)
    if holiday:
        return info("notice_holiday", reason=holiday)
    return info("notice_no_apel_day")
