"""What several commands share: the context they start from, the national calendar, the
usual start."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from apel_rotasi import ledger, planner
from apel_rotasi.clock import city_today
from apel_rotasi.holiday import NO_HOLIDAYS, HolidayCalendar, NationalCalendar, RamadanCalendar
from apel_rotasi.messages import Message, info, warning
from apel_rotasi.model import Apel, Entry, Pin, Roster
from apel_rotasi.store import cache
from apel_rotasi.store.home import State, load_state


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
