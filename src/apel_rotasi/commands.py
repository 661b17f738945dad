"""What each command does, between the parsed options and the rendered output."""

from __future__ import annotations

import datetime as dt
import sys
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from apel_rotasi import files, listings, planner
from apel_rotasi.errors import Problems, UserError
from apel_rotasi.home import State, ensure_home, load_state, warn
from apel_rotasi.lang import Names, names, text
from apel_rotasi.model import Apel, Pin, PlanRow, Roster
from apel_rotasi.output import LISTING_FORMATS, PLAN_FORMATS, choose_format, emit, show
from apel_rotasi.parse import find_kecamatan, find_leader, parse_date, parse_month
from apel_rotasi.rounds import compute_rounds

if TYPE_CHECKING:
    from rich.console import RenderableType


def say(message: str) -> None:
    """A message for the person at the prompt (standard error: standard output is for data)."""
    sys.stderr.write(message + "\n")


def init(home: Path, force: bool) -> None:
    from apel_rotasi import safewrite

    target = files.roster_path(home)
    if target.exists() and not force:
        raise UserError(
            f"{target} exists already; use --force to overwrite it with the bundled one"
        )
    ensure_home(home)
    safewrite.replace(target, files.bundled_roster_path().read_bytes())
    say(f"Wrote {target}: edit it, then run `apel-rotasi check`.")


def national_calendar(state: State, lang: str, no_holidays: bool = False) -> planner.National:
    from apel_rotasi.holiday import NationalCalendar

    rot = state.roster.rotation
    if no_holidays or rot.holidays is None:
        return planner.no_holidays
    return NationalCalendar(rot.holidays, rot.holiday_categories, lang, state.roster_path)


def default_start(history: list[Apel], today: dt.date) -> dt.date:
    """The first day on or after today that is after the last recorded apel."""
    after_last = history[-1].date + dt.timedelta(days=1) if history else today
    return max(today, after_last)


def _plan_rows(
    state: State,
    national: planner.National,
    start: dt.date,
    weeks: int | None,
    rounds: int | None,
    today: dt.date,
) -> list[PlanRow]:
    pins = [p for p in state.pins if p.date >= today]
    return planner.plan(state.roster, state.history, national, pins, start, weeks, rounds)


def plan(
    home: Path,
    start_text: str | None,
    weeks: int | None,
    rounds: int | None,
    no_holidays: bool,
    fmt: str | None,
    output: Path | None,
    lang: str | None,
) -> None:
    fmt = choose_format(fmt, output, PLAN_FORMATS)
    state = load_state(home, pins=True)
    lang = lang or state.roster.rotation.lang
    today = dt.date.today()
    start = (
        parse_date(start_text) if start_text is not None else default_start(state.history, today)
    )
    national = national_calendar(state, lang, no_holidays)
    rows = _plan_rows(state, national, start, weeks, rounds, today)
    lacks = getattr(national, "lacks_cuti_bersama", None)
    years = [y for y in sorted({row.date.year for row in rows}) if lacks is not None and lacks(y)]
    if years:
        contiguous = len(years) > 2 and years[-1] - years[0] + 1 == len(years)
        where = f"{years[0]} to {years[-1]}" if contiguous else ", ".join(map(str, years))
        warn(
            f"the holidays data has no cuti bersama for {where} yet: the plan may put an apel "
            "on a day off; check the government's decree and add [[closure]] dates"
        )
    day_names = names(lang)
    records = listings.plan_records(rows, day_names, lang)

    def table() -> RenderableType:
        from apel_rotasi.render_table import plan_table

        rounds = compute_rounds(state.roster.kecamatan, state.history)
        summary = listings.round_summary(rounds, len(state.roster.kecamatan), lang)
        return plan_table(records, day_names, lang, summary, state.roster.default_leader.name)

    def ics() -> bytes:
        from apel_rotasi.render_ics import to_ics

        return to_ics(rows, state.roster.rotation, _inputs_changed(state, start))

    emit(fmt, output, listings.COLUMNS["plan"], records, table, "plan", ics)


def _inputs_changed(state: State, start: dt.date) -> dt.datetime:
    """DTSTAMP for a plan's events: when its files last changed (else the start date).

    The same inputs give the same calendar file, and a plan made after a record, a pin
    or an edit carries a later stamp, so calendar programs take it as the newer one.
    """
    stamps = [dt.datetime.combine(start, dt.time(0), tzinfo=dt.UTC)]
    for path in (state.roster_path, state.home / files.HISTORY_FILE, state.home / files.PINS_FILE):
        with suppress(OSError):
            stamps.append(dt.datetime.fromtimestamp(int(path.stat().st_mtime), tz=dt.UTC))
    return max(stamps)


def _apel_words(roster: Roster, apel: Apel, day_names: Names) -> dict[str, str]:
    kec = roster.kecamatan_by_code(apel.kecamatan)
    leader = roster.leader_by_id(apel.leader)
    return {
        "date": day_names.long_date(apel.date),
        "kecamatan": kec.name if kec else apel.kecamatan,
        "leader": leader.name if leader else apel.leader,
    }


def record(
    home: Path,
    date_text: str,
    kec_text: str,
    led_by: str | None,
    note: str | None,
    counts: dict[str, int],
    replace: bool,
    lang: str | None,
) -> None:
    state = load_state(home, history=False)
    roster = state.roster
    lang = lang or roster.rotation.lang
    day_names = names(lang)
    day = parse_date(date_text)
    today = dt.date.today()
    if day > today:
        raise UserError(
            f"{day_names.long_date(day)} is in the future: record an apel once it has "
            "taken place (use `apel-rotasi pin` to fix a coming one)"
        )
    kec = find_kecamatan(kec_text, roster.kecamatan)
    leader = find_leader(led_by, roster.leaders) if led_by is not None else roster.default_leader
    _warn_unusual_day(state, day, lang, day_names)
    ensure_home(home)
    new = Apel(day, kec.code, leader.id, note, counts)
    result: list[Apel] = []
    replaced: list[Apel] = []

    def change(current: list[Apel]) -> list[Apel]:
        replaced[:] = [a for a in current if a.date == day]
        if replaced and not replace:
            words = _apel_words(roster, replaced[0], day_names)
            raise UserError(
                f"an apel is already recorded on {words['date']}: {words['kecamatan']}, "
                f"led by {words['leader']}; add --replace to replace it"
            )
        result[:] = sorted([a for a in current if a.date != day] + [new], key=lambda a: a.date)
        return result

    files.update_history(home, roster, change)
    rounds = compute_rounds(roster.kecamatan, result)
    number = rounds.rounds[result.index(new)]
    visited = {a.kecamatan for a, r in zip(result, rounds.rounds, strict=True) if r == number}
    visited &= {k.code for k in roster.kecamatan}
    say(
        text(
            lang,
            "replaced" if replaced else "recorded",
            date=day_names.long_date(day),
            kecamatan=kec.name,
            leader=leader.name,
            round=number,
            visited=len(visited),
            total=len(roster.kecamatan),
        )
    )


def _warn_unusual_day(state: State, day: dt.date, lang: str, day_names: Names) -> None:
    roster = state.roster
    if day.weekday() not in roster.rotation.days:
        warn(f"{day_names.long_date(day)} is not an apel day of the roster")
    holiday = planner.day_off(roster, national_calendar(state, lang), day)
    if holiday:
        warn(f"{day_names.long_date(day)} is a holiday ({holiday})")


def delete(home: Path, date_text: str, lang: str | None) -> None:
    state = load_state(home, history=False)
    roster = state.roster
    lang = lang or roster.rotation.lang
    day_names = names(lang)
    day = parse_date(date_text)
    removed: list[Apel] = []

    def change(current: list[Apel]) -> list[Apel]:
        removed[:] = [a for a in current if a.date == day]
        if not removed:
            raise UserError(f"no apel is recorded on {day_names.long_date(day)}")
        return [a for a in current if a.date != day]

    files.update_history(home, roster, change)
    say(text(lang, "deleted", **_apel_words(roster, removed[0], day_names)))


def history(
    home: Path,
    kec_text: str | None,
    round_number: int | None,
    fmt: str | None,
    output: Path | None,
    lang: str | None,
) -> None:
    fmt = choose_format(fmt, output, LISTING_FORMATS)
    state = load_state(home)
    roster = state.roster
    lang = lang or roster.rotation.lang
    rounds = compute_rounds(roster.kecamatan, state.history)
    records = listings.history_records(roster, state.history, rounds)
    if kec_text is not None:
        code = find_kecamatan(kec_text, roster.kecamatan).code
        records = [r for r in records if r["kecamatan_code"] == code]
    if round_number is not None:
        records = [r for r in records if r["round"] == round_number]
    day_names = names(lang)

    def table() -> RenderableType:
        from apel_rotasi.render_table import history_table

        return history_table(records, day_names, lang, roster.default_leader.name)

    emit(fmt, output, listings.COLUMNS["history"], records, table, "history")


def unvisited(home: Path, fmt: str | None, output: Path | None, lang: str | None) -> None:
    fmt = choose_format(fmt, output, LISTING_FORMATS)
    state = load_state(home)
    roster = state.roster
    lang = lang or roster.rotation.lang
    rounds = compute_rounds(roster.kecamatan, state.history)
    records = listings.unvisited_records(roster, state.history, rounds)
    day_names = names(lang)

    def table() -> RenderableType:
        from apel_rotasi.render_table import unvisited_table

        title = listings.round_summary(rounds, len(roster.kecamatan), lang)
        return unvisited_table(records, day_names, lang, title)

    emit(fmt, output, listings.COLUMNS["unvisited"], records, table, "unvisited")


def kecamatan(home: Path, fmt: str | None, output: Path | None, lang: str | None) -> None:
    fmt = choose_format(fmt, output, LISTING_FORMATS)
    state = load_state(home)
    lang = lang or state.roster.rotation.lang
    records = listings.kecamatan_records(state.roster, state.history)
    day_names = names(lang)

    def table() -> RenderableType:
        from apel_rotasi.render_table import kecamatan_table

        return kecamatan_table(records, day_names, lang)

    emit(fmt, output, listings.COLUMNS["kecamatan"], records, table, "kecamatan")


def report(home: Path, fmt: str | None, output: Path | None, lang: str | None) -> None:
    fmt = choose_format(fmt, output, LISTING_FORMATS)
    state = load_state(home)
    lang = lang or state.roster.rotation.lang
    records = listings.report_records(state.roster, state.history, dt.date.today())
    day_names = names(lang)

    def table() -> RenderableType:
        from apel_rotasi.render_table import report_table

        return report_table(records, day_names, lang)

    emit(fmt, output, listings.COLUMNS["report"], records, table, "report")


def pin(
    home: Path,
    date_text: str,
    kec_text: str | None,
    led_by: str | None,
    cancel: str | None,
    note: str | None,
) -> None:
    state = load_state(home, history=False)
    roster = state.roster
    lang = roster.rotation.lang
    day_names = names(lang)
    day = parse_date(date_text)
    if day < dt.date.today():
        raise UserError(f"{day_names.long_date(day)} is in the past: a pin fixes a coming apel")
    kec = find_kecamatan(kec_text, roster.kecamatan) if kec_text is not None else None
    leader = find_leader(led_by, roster.leaders) if led_by is not None else None
    if cancel is not None and not cancel.strip():
        raise UserError("--cancel needs the reason the apel will not take place")
    if cancel is not None and (kec or leader):
        raise UserError("a cancelled date has no kecamatan or leader: give --cancel alone")
    if kec is None and leader is None and cancel is None:
        raise UserError("a pin must fix something: give KECAMATAN, --led-by or --cancel")
    if cancel is None:
        _warn_unusual_day(state, day, lang, day_names)
    ensure_home(home)
    new = Pin(day, kec.code if kec else None, leader.id if leader else None, cancel, note)
    files.update_pins(home, roster, lambda pins: [p for p in pins if p.date != day] + [new])
    if cancel:
        what = text(lang, "pin_cancel", reason=cancel)
    else:
        led = text(lang, "pin_leader", leader=leader.name) if leader else None
        what = ", ".join(filter(None, [kec.name if kec else None, led]))
    say(text(lang, "pinned_message", date=day_names.long_date(day), what=what))


def unpin(home: Path, date_text: str) -> None:
    state = load_state(home, history=False)
    lang = state.roster.rotation.lang
    day_names = names(lang)
    day = parse_date(date_text)

    def change(pins: list[Pin]) -> list[Pin]:
        if not any(p.date == day for p in pins):
            raise UserError(f"no pin on {day_names.long_date(day)}")
        return [p for p in pins if p.date != day]

    files.update_pins(home, state.roster, change)
    say(text(lang, "unpinned_message", date=day_names.long_date(day)))


def calendar(home: Path, month_text: str | None, lang: str | None) -> None:
    from apel_rotasi.render_calendar import month_grid

    state = load_state(home, pins=True)
    lang = lang or state.roster.rotation.lang
    today = dt.date.today()
    year, month = parse_month(month_text) if month_text is not None else (today.year, today.month)
    first = dt.date(year, month, 1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    national = national_calendar(state, lang)
    start = default_start(state.history, today)
    rows: list[PlanRow] = []
    if last >= start:  # the plan from its usual start, so the calendar agrees with `plan`
        weeks = (last - start).days // 7 + 2
        rows = [
            r
            for r in _plan_rows(state, national, start, weeks, None, today)
            if first <= r.date <= last
        ]
    show(month_grid(state, national, rows, year, month, names(lang), lang))


def check(home: Path) -> list[UserError]:
    """Every problem in the home's three files (an empty list: all is well)."""
    from apel_rotasi.holiday import line_of, validate

    problems: list[UserError] = []
    roster: Roster | None = None
    try:
        roster, path = files.load_roster(home)
    except Problems as found:
        problems += found.problems
    except UserError as error:
        problems.append(error)
    if roster is not None and roster.rotation.holidays:
        wrong = validate(roster.rotation.holidays, roster.rotation.holiday_categories)
        if wrong:
            problems.append(UserError(wrong, path, line_of(path, wrong)))
    for read in (files.read_history, files.read_pins):
        try:
            records = read(home, roster)
        except UserError as error:  # unreadable: not TOML, not UTF-8
            problems.append(error)
        else:
            problems += records.problems + records.notes + records.unordered
    return problems
