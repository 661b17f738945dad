"""What several commands share: the context they start from, the national calendar, the
usual start, the plan from a day, records and findings in words, and the rows a publish
puts out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any, NamedTuple

from apel_rotasi import ledger, planner
from apel_rotasi.clock import city_today
from apel_rotasi.errors import UserError
from apel_rotasi.holiday import (
    NO_HOLIDAYS,
    HolidayCalendar,
    NationalCalendar,
    RamadanCalendar,
    estimate_warnings,
    freshness_warnings,
    ramadan_warnings,
)
from apel_rotasi.listings import COLUMNS, Record
from apel_rotasi.messages import Message, Term, info, warning
from apel_rotasi.model import COUNTS, Apel, Entry, Finding, Pin, PlanRow, Roster, Rotation
from apel_rotasi.outcome import Calendar
from apel_rotasi.parse import shown
from apel_rotasi.store import cache
from apel_rotasi.store.history import history_path
from apel_rotasi.store.home import State, findings_of, load_state
from apel_rotasi.store.pins import pins_path


class Context(NamedTuple):
    """What a command on a home starts from, made once a run by the shell (``open_home``)."""

    home: Path
    now: dt.datetime  # the instant the command runs
    state: State
    lang: str  # the output language
    today: dt.date  # the city's date


def open_home(
    home: Path, now: dt.datetime, lang: str | None, *, history: bool = True, pins: bool = False
) -> Context:
    """The home loaded as a command needs it (``load_state``), in ``--lang`` or the
    roster's language, on the city's date."""
    state = load_state(home, history=history, pins=pins)
    today = city_today(now, state.roster.rotation.timezone)
    return Context(home, now, state, output_lang(lang, state), today)


def output_lang(option: str | None, state: State) -> str:
    """``--lang``, else the roster's ``lang``."""
    return option or state.roster.rotation.lang


def national_calendar(state: State, lang: str, no_holidays: bool = False) -> HolidayCalendar:
    """The country's holidays in ``lang``, or none (``--no-holidays``, ``holidays = false``)."""
    rot = state.roster.rotation
    if no_holidays or rot.holidays is None:
        return NO_HOLIDAYS
    return NationalCalendar(
        rot.holidays, rot.holiday_categories, lang, state.roster_path, cache.memo
    )


def describe_pin(roster: Roster, pin: Pin) -> Message:
    """A pin in words: the apel cancelled, or its kecamatan and leader, and its note."""
    kec = roster.kecamatan_by_code(pin.kecamatan) if pin.kecamatan else None
    leader = roster.leader_by_id(pin.leader) if pin.leader else None
    kec_name = kec.name if kec else pin.kecamatan
    leader_name = leader.name if leader else pin.leader
    what: Message | None = None
    if pin.cancel is not None:
        what = info("entry_cancelled", reason=pin.cancel)
    elif kec_name and leader_name:
        what = info("entry_apel", kecamatan=kec_name, leader=leader_name)
    elif kec_name:
        what = info("pin_words_kecamatan", kecamatan=kec_name)
    elif leader_name:
        what = info("pin_words_leader", leader=leader_name)
    if what is None:  # a pin of a note alone
        return info("pin_words_note", note=pin.note or "")
    if pin.note is None:
        return what
    return info("pin_words_with_note", what=what, note=pin.note)


def in_ramadan(roster: Roster) -> planner.InRamadan:
    """Whether a day is in Ramadan, asked only when the roster has a ``ramadan_time``: the
    Hijri calendar and the country's Idul Fitri (even under ``--no-holidays``)."""
    if roster.rotation.ramadan_time is None:
        return planner.never
    return ramadan_calendar(roster).holds


def ramadan_calendar(roster: Roster) -> RamadanCalendar:
    """The roster's country's Ramadans, kept in the cache."""
    return RamadanCalendar(roster.rotation.holidays, cache.memo)


def apel_only(entries: list[Entry]) -> list[Apel]:
    """The apel held, without the weeks recorded as cancelled."""
    return [e for e in entries if isinstance(e, Apel)]


def default_start(entries: list[Entry], today: dt.date) -> dt.date:
    """The first day on or after today that is after the last recorded entry."""
    after_last = entries[-1].date + dt.timedelta(days=1) if entries else today
    return max(today, after_last)


def unusual_day(state: State, national: HolidayCalendar, day: dt.date) -> list[Message]:
    """Warnings for a date that is not an apel day of the roster, or a holiday."""
    found = []
    if day.weekday() not in state.roster.rotation.days:
        found.append(warning("not_apel_day", date=day))
    holiday = planner.day_off(state.roster, national, day)
    if holiday:
        found.append(warning("is_holiday", date=day, holiday=holiday))
    return found


SHOWN_DAYS = 3  # how many unaccounted days a warning names


def unaccounted_warnings(
    roster: Roster,
    national: HolidayCalendar,
    entries: Sequence[Entry],
    pins: Sequence[Pin],
    today: dt.date,
) -> list[Message]:
    """A warning naming the first apel days that passed without a record, if any did."""
    days = ledger.unaccounted(roster, national, entries, pins, today)
    if not days:
        return []
    return [warning("unaccounted", count=len(days), dates=first_dates(days))]


def first_dates(days: list[dt.date]) -> Message:
    """The first few dates, and how many more there are."""
    shown = [info("date_item", date=d) for d in days[:SHOWN_DAYS]]
    joined = shown[-1]
    for item in reversed(shown[:-1]):
        joined = info("date_list", first=item, rest=joined)
    more = len(days) - len(shown)
    return info("dates_and_more", dates=joined, more=more) if more else joined


def describe(roster: Roster, entry: Entry) -> Message:
    """An entry in words: the kecamatan and leader of an apel (and the figures it has), or
    why none took place."""
    if not isinstance(entry, Apel):
        return info("entry_cancelled", reason=entry.reason)
    kec = roster.kecamatan_by_code(entry.kecamatan)
    leader = roster.leader_by_id(entry.leader)
    names = {
        "kecamatan": kec.name if kec else entry.kecamatan,
        "leader": leader.name if leader else entry.leader,
    }
    parts = [
        info("count", count=Term("COUNTED", key, {"n": entry.counts[key]}))
        for key in COUNTS
        if key in entry.counts
    ]
    if not parts:
        return info("entry_apel", **names)
    joined = parts[-1]
    for part in reversed(parts[:-1]):
        joined = info("list_more", first=part, rest=joined)
    return info("entry_apel_counts", counts=joined, **names)


def open_findings(state: State) -> list[Finding]:
    return [f for f in findings_of(state.home, state.roster) if f.done is None]


def courtesy_findings(state: State, unread: str) -> tuple[list[Finding], list[Message]]:
    """The findings where they only add to a command (a reminder, a mark): a findings.toml
    that cannot be read is a warning of the kind ``unread``, never what stops it."""
    try:
        return findings_of(state.home, state.roster), []
    except UserError as error:
        return [], [warning(unread, reason=error.message)]


def reminder(roster: Roster, found: Sequence[Finding], code: str) -> list[Message]:
    """How many findings at the kecamatan ``code`` are open, and the oldest."""
    here = [f for f in found if f.kecamatan == code and f.done is None]
    if not here:
        return []
    oldest = here[0]
    return [
        info(
            "finding_reminder",
            kecamatan=kecamatan_name(roster, oldest),
            count=len(here),
            id=oldest.id,
            date=oldest.date,
            text=shown(oldest.text),
        )
    ]


def kecamatan_name(roster: Roster, finding: Finding) -> str:
    """The name of a finding's kecamatan (its code when the roster has it no longer)."""
    kec = roster.kecamatan_by_code(finding.kecamatan)
    return kec.name if kec else finding.kecamatan


HORIZON_YEARS = 10


def plan_rows(
    state: State,
    national: HolidayCalendar,
    start: dt.date,
    weeks: int | None,
    rounds: int | None,
    today: dt.date,
) -> list[PlanRow]:
    """The plan from ``start``, with the pins to come (pins in the past are ignored).

    A start after the usual one (``default_start``) is only a window: the plan runs from
    the usual start and shows the days from ``start``, so every window agrees. It
    reaches at most ``HORIZON_YEARS`` ahead of today (or of a later start): a longer one
    is refused at once instead of keeping the clerk waiting.
    """
    horizon = None
    if weeks is not None or rounds is not None:  # the lengths a user can make too long
        from dateutil.relativedelta import relativedelta

        horizon = max(today, start) + relativedelta(years=HORIZON_YEARS)
        if weeks is not None and start + dt.timedelta(weeks=weeks - 1) > horizon:
            raise UserError("plan_too_far", until=horizon)
    pins = [p for p in state.pins if p.date >= today]
    apel = apel_only(state.history)
    usual = default_start(state.history, today)
    return planner.plan(
        state.roster,
        apel,
        national,
        pins,
        usual if start >= usual else start,
        weeks,
        rounds,
        horizon,
        shown_from=start,
        ramadan=in_ramadan(state.roster),
    )


def calendar_warnings(
    national: HolidayCalendar, roster: Roster, rows: Sequence[PlanRow]
) -> list[Message]:
    """What the national calendar may still get wrong about these days: a year without
    cuti bersama in the data, an estimated holiday on or beside an apel, an apel whose
    time hangs on an estimated start or end of Ramadan."""
    apel_days = [r.date for r in rows if r.date.weekday() in roster.rotation.days]
    planned = [r.date for r in rows if r.status in ("planned", "pinned")]
    found = [
        *freshness_warnings(national, {row.date.year for row in rows}),
        *estimate_warnings(national, apel_days, planned),
    ]
    if roster.rotation.ramadan_time is not None and planned:
        ramadan = ramadan_calendar(roster)
        found += ramadan_warnings(
            ramadan, planned, lambda day: planner.depends_on_ramadan(roster, day)
        )
    return found


def calendar_of(
    state: State, firm: frozenset[dt.date] = frozenset(), days: Sequence[dt.date] = ()
) -> Calendar:
    """What an ICS export needs: the rotation, the pinned dates, the leaders' titles, when
    the files behind it last changed (so a later export carries a higher SEQUENCE), and
    the start time of each of ``days`` (the plan's rows carry their own)."""
    roster = state.roster
    titles = tuple((ldr.name, ldr.title) for ldr in roster.leaders if ldr.title)
    ramadan = in_ramadan(roster)
    times = tuple((day, planner.day_time(roster, ramadan, day)) for day in days)
    return Calendar(roster.rotation, inputs_changed(state), firm, titles, times)


def inputs_changed(state: State) -> dt.datetime:
    """When the roster, history or pins last changed: the same inputs give the same
    calendar file, and one made after a record, a pin or an edit carries a later stamp."""
    stamps = [dt.datetime(2020, 1, 1, tzinfo=dt.UTC)]
    for path in (state.roster_path, history_path(state.home), pins_path(state.home)):
        with suppress(OSError):
            stamps.append(dt.datetime.fromtimestamp(int(path.stat().st_mtime), tz=dt.UTC))
    return max(stamps)


class Change(NamedTuple):
    """A coming apel day whose kecamatan, leader, time or status differs between the last
    publish (``was``) and now (``now``); None where that side has no row for the day."""

    day: dt.date
    was: Mapping[str, Any] | None
    now: Mapping[str, Any] | None


def json_rows(records: Sequence[Record], rotation: Rotation) -> list[dict[str, Any]]:
    """The plan rows as ``plan --format json`` gives them, each with its day's time."""
    from apel_rotasi.render.data import plain_rows

    rows = plain_rows(COLUMNS["plan"], records)
    for row, record in zip(rows, records, strict=True):
        row["time"] = day_time(record, rotation)
    return rows


def day_time(record: Record, rotation: Rotation) -> str:
    """The apel's start on that day: the row's own time where the plan gives one."""
    value = record.get("time")
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    return value if isinstance(value, str) and value else f"{rotation.time:%H:%M}"


def changed_days(
    was: Sequence[Mapping[str, Any]], now: Sequence[Mapping[str, Any]], start: dt.date
) -> list[Change]:
    """The days from ``start`` to the end of the shorter of the two plans whose status,
    kecamatan, leader or time differ (``was`` and ``now`` are ``json_rows``)."""
    old = {dt.date.fromisoformat(r["date"]): r for r in was}
    new = {dt.date.fromisoformat(r["date"]): r for r in now}
    old = {day: row for day, row in old.items() if day >= start}
    new = {day: row for day, row in new.items() if day >= start}
    if not old or not new:
        return []
    last = min(max(old), max(new))
    return [
        Change(day, old.get(day), new.get(day))
        for day in sorted(old.keys() | new.keys())
        if day <= last and _what(old.get(day)) != _what(new.get(day))
    ]


def _what(row: Mapping[str, Any] | None) -> tuple[Any, ...] | None:
    if row is None:
        return None
    return (row["status"], row["kecamatan_code"], row["leader"], row.get("time"))
