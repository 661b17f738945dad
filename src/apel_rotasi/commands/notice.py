"""``notice``: the message the secretariat sends the camat and the leader ahead of an apel."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from apel_rotasi.clock import ZONES, city_today
from apel_rotasi.commands import Outcome
from apel_rotasi.commands.common import default_start, national_calendar, output_lang
from apel_rotasi.commands.plan import plan_rows
from apel_rotasi.errors import UserError
from apel_rotasi.holiday import HolidayCalendar
from apel_rotasi.i18n import word
from apel_rotasi.messages import Message, info
from apel_rotasi.model import PlanRow, Roster
from apel_rotasi.names import names
from apel_rotasi.parse import join_date
from apel_rotasi.planner import day_off

APEL = ("planned", "pinned")


def notice(
    *,
    home: Path,
    now: dt.datetime,
    date: list[str] | None = None,
    weeks: int | None = None,
    lang: str | None = None,
) -> Outcome:
    """The next apel's notice, DATE's, or every apel's of the next ``weeks`` weeks."""
    from apel_rotasi.store.home import load_state

    state = load_state(home, pins=True)
    roster = state.roster
    lang = output_lang(lang, state)
    today = city_today(now, roster.rotation.timezone)
    national = national_calendar(state, lang)
    start = default_start(state.history, today)
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
    zone = ZONES.get(rot.timezone, rot.timezone)
    values = {
        "date": names(lang).long_date(row.date),
        "time": f"{row.time or rot.time:%H:%M} {zone}",
        "kecamatan": row.kecamatan.name,
        "place": f"Kantor Camat {row.kecamatan.name}",
        "leader": row.leader.name,
        "leader_title": row.leader.title or "",
        "city": rot.city,
    }
    template = roster.notice or word(lang, "notice_text")
    return re.sub(r" {2,}", " ", template.format(**values)).strip()  # an empty title


def _what(roster: Roster, national: HolidayCalendar, rows: list[PlanRow], day: dt.date) -> Message:
    """What the plan has on a day without an apel: the holiday, the closure, the
    cancellation, or that it is no apel day."""
    for row in rows:
        if row.date == day and row.status in ("holiday", "ceremony", "cancelled"):
            return info(f"notice_{row.status}", reason=row.note or "")
    holiday = day_off(roster, national, day)
    if holiday:
        return info("notice_holiday", reason=holiday)
    return info("notice_no_apel_day")
