"""Property tests of the planner over random rosters, apel days, calendars and history.

Every property is checked against an oracle written from SPEC "Rounds" and "Planning",
not against the planner's own bookkeeping.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from conftest import round_oracle, stress
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apel_rotasi.model import Apel, DayNote, Kecamatan, Leader, Pin, PlanRow, Roster, Rotation
from apel_rotasi.planner import plan
from apel_rotasi.rounds import compute_rounds

ONE_DAY = dt.timedelta(days=1)
SETTINGS = settings(
    max_examples=stress(50, 150), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
LEADERS = (Leader("sekda", "Sekda", default=True), Leader("wako", "Wali Kota"))


@dataclass
class Scenario:
    roster: Roster
    holidays: dict[dt.date, str]
    history: list[Apel]
    start: dt.date
    weeks: int | None
    rounds: int | None
    pins: list[Pin]

    # --- the oracle, from the SPEC --------------------------------------------------
    @property
    def days(self) -> tuple[int, ...]:
        return self.roster.rotation.days

    @property
    def policy(self) -> str:
        return self.roster.rotation.on_holiday

    def national(self, year: int) -> dict[dt.date, str]:
        return {d: n for d, n in self.holidays.items() if d.year == year}

    def is_apel_day(self, day: dt.date) -> bool:
        return day.weekday() in self.days

    def reason(self, day: dt.date) -> str | None:
        """Why a day is off (closure first, then a national holiday not worked), or None."""
        for closure in self.roster.closures:
            if closure.date == day:
                return closure.reason
        if day in {w.date for w in self.roster.workdays}:
            return None
        return self.holidays.get(day)

    def off(self, day: dt.date) -> bool:
        return self.reason(day) is not None

    def working(self, day: dt.date) -> bool:
        return day.weekday() < 5 and not self.off(day)

    def first(self) -> dt.date:
        day = self.start
        while not self.is_apel_day(day):
            day += ONE_DAY
        return day

    def next_apel_day_after(self, day: dt.date) -> dt.date:
        day += ONE_DAY
        while not self.is_apel_day(day):
            day += ONE_DAY
        return day

    def shift_target(self, holiday: dt.date) -> dt.date | None:
        """The next working day after a holiday apel day, before the next apel day."""
        stop = self.next_apel_day_after(holiday)
        day = holiday + ONE_DAY
        while day < stop:
            if self.working(day):
                return day
            day += ONE_DAY
        return None

    def end(self) -> dt.date | None:
        return self.first() + dt.timedelta(weeks=self.weeks) if self.weeks is not None else None

    def current_and_unvisited(self) -> tuple[int, list[str]]:
        """The current round and its unvisited codes, counted by hand from the history."""
        codes = [k.code for k in self.roster.kecamatan]
        _, current, unvisited = round_oracle(codes, [apel.kecamatan for apel in self.history])
        return current, unvisited

    def run(self) -> list[PlanRow]:
        return plan(
            self.roster, self.history, self.national, self.pins, self.start, self.weeks, self.rounds
        )


@st.composite
def scenarios(draw: st.DrawFn, with_pins: bool = False) -> Scenario:
    n = draw(st.integers(1, 25))
    kecamatan = tuple(Kecamatan(f"K{i:02d}", f"Kecamatan {i}") for i in range(n))
    days = tuple(sorted(draw(st.sets(st.integers(0, 6), min_size=1, max_size=7))))
    start = draw(st.dates(dt.date(2024, 1, 1), dt.date(2030, 12, 31)))
    policy = draw(st.sampled_from(["skip", "shift"]))
    span = draw(st.sampled_from([21, 70, 200, 600]))  # dense or sparse holidays
    offsets = st.integers(-14, span)
    holiday_days = sorted(start + dt.timedelta(days=o) for o in draw(st.sets(offsets, max_size=70)))
    mode = draw(st.sampled_from(["default", "weeks", "rounds"]))
    weeks = draw(st.integers(0, 20)) if mode == "weeks" else None
    rounds = draw(st.integers(1, 3)) if mode == "rounds" else None
    if weeks and draw(st.booleans()):  # holidays in the last days of the weeks planned
        first = start
        while first.weekday() not in days:
            first += ONE_DAY
        end = first + dt.timedelta(weeks=weeks)
        near = draw(st.sets(st.integers(1, 9), min_size=1, max_size=9))
        holiday_days = sorted(set(holiday_days) | {end - dt.timedelta(days=k) for k in near})
    holidays = {d: f"Libur {d.isoformat()}" for d in holiday_days}
    closures = tuple(
        DayNote(start + dt.timedelta(days=o), f"Tutup {o}")
        for o in sorted(draw(st.sets(offsets, max_size=20)))
    )
    workdays: tuple[DayNote, ...] = ()
    if holiday_days:
        worked = draw(st.sets(st.sampled_from(holiday_days), max_size=8))
        workdays = tuple(DayNote(d, "Masuk") for d in sorted(worked))
    roster = Roster(Rotation(days=days, on_holiday=policy), LEADERS, kecamatan, closures, workdays)
    visited = draw(st.lists(st.integers(0, n), max_size=2 * n + 3))  # n = a code gone
    history = [
        Apel(
            start - dt.timedelta(days=7 * (len(visited) - i)),
            kecamatan[v].code if v < n else "GONE",
            "sekda",
        )
        for i, v in enumerate(visited)
    ]
    pins: list[Pin] = []
    if with_pins:
        pin_days = draw(st.sets(st.integers(-7, 300), max_size=6))
        pinned_codes = draw(st.permutations([k.code for k in kecamatan] + ["NOPE"]))
        for i, offset in enumerate(sorted(pin_days)):
            kind = draw(st.sampled_from(["kecamatan", "leader", "both", "cancel"]))
            fields: dict[str, str | None] = {}
            if kind in ("kecamatan", "both") and i < len(pinned_codes):
                fields["kecamatan"] = pinned_codes[i]  # each code pinned at most once
            if kind in ("leader", "both"):
                fields["leader"] = draw(st.sampled_from(["wako", "sekda", "unknown"]))
            if kind == "cancel":
                fields["cancel"] = "Batal"
                fields["note"] = draw(st.none() | st.just("catatan"))
            pins.append(Pin(start + dt.timedelta(days=offset), **fields))
    return Scenario(roster, holidays, history, start, weeks, rounds, pins)


def apel(rows: list[PlanRow]) -> list[PlanRow]:
    return [r for r in rows if r.status in ("planned", "pinned")]


# --- Properties without pins ------------------------------------------------------------


@SETTINGS
@given(scenarios())
def test_rows_in_date_order_and_holiday_rows_are_bare(s: Scenario):
    rows = s.run()
    dates = [r.date for r in rows]
    assert dates == sorted(set(dates)), "rows strictly in date order, one per date"
    for r in rows:
        assert r.status in ("planned", "holiday")
        if r.status == "holiday":
            assert s.is_apel_day(r.date) and s.off(r.date)
            assert r.note == s.reason(r.date)
            assert (r.kecamatan, r.round, r.leader, r.shifted_from) == (None, None, None, None)
        else:
            assert r.kecamatan in s.roster.kecamatan and r.round is not None
            assert r.leader == s.roster.default_leader
    if rows:
        assert rows[0].date == s.first()
    assert all(r.date >= s.start for r in rows)


@SETTINGS
@given(scenarios())
def test_apel_only_where_the_policy_allows(s: Scenario):
    rows = s.run()
    by_date = {r.date: r for r in rows}
    for r in apel(rows):
        assert not s.off(r.date), "never an apel on a holiday or closure"
        if s.policy == "skip" or r.shifted_from is None:
            assert s.is_apel_day(r.date) and r.shifted_from is None
        else:
            origin = r.shifted_from
            assert s.is_apel_day(origin) and s.off(origin)
            assert by_date[origin].status == "holiday"
            assert r.date.weekday() < 5 and origin < r.date < s.next_apel_day_after(origin)
            assert s.shift_target(origin) == r.date, "the first working day, not a later one"
    if s.policy == "shift":
        for r in rows:
            if r.status == "holiday":
                target = s.shift_target(r.date)
                if target is not None:
                    moved = by_date.get(target)
                    assert moved is not None and moved.shifted_from == r.date


@SETTINGS
@given(scenarios())
def test_every_apel_day_in_the_plan_has_a_row(s: Scenario):
    rows = s.run()
    if not rows:
        return
    day, last = s.first(), rows[-1].date
    listed = {r.date for r in rows}
    while day <= last:
        if s.is_apel_day(day):
            assert day in listed
        day += ONE_DAY
    for r in rows:
        assert s.is_apel_day(r.date) or r.shifted_from is not None


@SETTINGS
@given(scenarios())
def test_each_kecamatan_exactly_once_per_round(s: Scenario):
    rows = s.run()
    current, unvisited = s.current_and_unvisited()
    codes = [k.code for k in s.roster.kecamatan]
    by_round: dict[int, list[str]] = defaultdict(list)
    for r in apel(rows):
        by_round[r.round].append(r.kecamatan.code)
    numbers = sorted(by_round)
    assert numbers == list(range(current, current + len(numbers)))
    for number in numbers:
        complete = number != numbers[-1] or s.weeks is None
        expected = unvisited if number == current else codes
        got = by_round[number]
        if complete:
            assert got == expected, f"round {number}: each code once, in rotation order"
        else:
            assert got == expected[: len(got)]
    sequence = [r.kecamatan.code for r in apel(rows)]
    assert sequence == [c for number in numbers for c in by_round[number]], "rounds in order"


@SETTINGS
@given(scenarios())
def test_round_column_matches_the_rounds_once_recorded(s: Scenario):
    rows = apel(s.run())
    recorded = s.history + [Apel(r.date, r.kecamatan.code, "sekda") for r in rows]
    state = compute_rounds(s.roster.kecamatan, recorded)
    assert [r.round for r in rows] == list(state.rounds[len(s.history) :])


@SETTINGS
@given(scenarios().filter(lambda s: s.weeks is None))
def test_default_and_rounds_length(s: Scenario):
    rows = s.run()
    current, unvisited = s.current_and_unvisited()
    wanted = s.rounds or 1
    planned = apel(rows)
    assert len(planned) == len(unvisited) + (wanted - 1) * len(s.roster.kecamatan)
    assert rows[-1] is planned[-1], "the plan stops at the apel that completes the rounds"
    assert planned[-1].round == current + wanted - 1


@SETTINGS
@given(scenarios().filter(lambda s: s.weeks is not None))
def test_weeks_length(s: Scenario):
    rows = s.run()
    end = s.end()
    for r in rows:
        assert r.date < end or (r.shifted_from is not None and r.shifted_from < end), (
            f"row on {r.date} is past the weeks (end {end})"
        )
    listed = {r.date for r in rows}
    day = s.first()
    while day < end:
        if s.is_apel_day(day):
            assert day in listed
        day += ONE_DAY


# --- Properties with pins ---------------------------------------------------------------


@SETTINGS
@given(scenarios(with_pins=True))
def test_pins_decide_their_dates_and_nothing_else_breaks(s: Scenario):
    rows = s.run()
    dates = [r.date for r in rows]
    assert dates == sorted(set(dates))
    pin_at = {p.date: p for p in s.pins if p.date >= s.start}
    by_date = {r.date: r for r in rows}
    codes = {k.code for k in s.roster.kecamatan}
    end = s.end()
    last = rows[-1].date if rows else s.start - ONE_DAY
    for day, pin in pin_at.items():
        if day > last or (end is not None and day >= end):
            continue
        r = by_date.get(day)
        assert r is not None, f"the pin on {day} has no row"
        if pin.cancel:
            assert r.status == "cancelled" and r.kecamatan is None and r.round is None
            assert r.leader is None and r.note is not None and r.note.startswith(pin.cancel)
            continue
        if pin.kecamatan in codes:
            assert r.status == "pinned" and r.kecamatan.code == pin.kecamatan
        else:
            assert r.status == "planned" and r.kecamatan is not None
        if pin.leader in ("sekda", "wako"):
            assert r.leader.id == pin.leader
        else:
            assert r.leader == s.roster.default_leader
    for r in rows:
        assert r.date >= s.start
        if r.date in pin_at:
            continue
        assert r.status in ("planned", "holiday"), "cancelled/pinned only on pin dates"
        if r.status == "holiday":
            assert s.is_apel_day(r.date) and s.off(r.date)
            assert (r.kecamatan, r.round, r.leader) == (None, None, None)
        else:
            assert not s.off(r.date), "no apel on a holiday or closure unless pinned"
            assert r.leader == s.roster.default_leader
            if s.policy == "skip" or r.shifted_from is None:
                assert s.is_apel_day(r.date) and r.shifted_from is None
            else:
                assert s.working(r.date) and r.shifted_from < r.date
                assert s.is_apel_day(r.shifted_from) and s.off(r.shifted_from)
                assert r.date < s.next_apel_day_after(r.shifted_from)
    per_round: dict[int, list[str]] = defaultdict(list)
    for r in apel(rows):
        per_round[r.round].append(r.kecamatan.code)
    for number, got in per_round.items():
        assert len(got) == len(set(got)), f"round {number} gives a kecamatan two dates"


@SETTINGS
@given(scenarios(with_pins=True).filter(lambda s: s.weeks is None and s.rounds is None))
def test_default_plan_with_pins_gives_every_unvisited_kecamatan_its_day(s: Scenario):
    """SPEC: by default the plan runs until every kecamatan unvisited now has its day,
    pinned or planned, in the current round."""
    rows = s.run()
    current, unvisited = s.current_and_unvisited()
    in_current = {r.kecamatan.code for r in apel(rows) if r.round == current}
    assert in_current >= set(unvisited)
