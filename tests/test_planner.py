"""Unit tests of the planner (``apel_rotasi.planner.plan``) and of ``compute_rounds``.

Dates are literal dates of the real 2025 and 2026 Indonesian calendars (the ``holidays``
package, categories public + government = cuti bersama), or of small synthetic calendars.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import CODES, ROTATION, ROTATION_CODES, bundled_roster

from apel_rotasi.errors import UserError
from apel_rotasi.holiday import NO_HOLIDAYS as no_holidays
from apel_rotasi.holiday import NationalCalendar
from apel_rotasi.model import Apel, DayNote, Kecamatan, Leader, Pin, PlanRow, Roster, Rotation
from apel_rotasi.planner import plan
from apel_rotasi.rounds import compute_rounds

D = dt.date


@pytest.fixture
def national(home: Path) -> NationalCalendar:
    """The real Indonesian calendar (cached in the session's cache folder via ``home``)."""
    return NationalCalendar("ID", ("public", "government"), "id")


def rot(**changes: object) -> Roster:
    """The bundled roster with some rotation settings changed."""
    return bundled_roster().replace(rotation=bundled_roster().rotation._replace(**changes))


def apel_every_week() -> Roster:
    """The bundled roster without its ceremonies (Hari KORPRI takes a Monday): the rotation
    alone, for tests that count weeks."""
    return bundled_roster().replace(ceremonies=())


def names(rows: list[PlanRow]) -> list[str | None]:
    return [r.kecamatan.name if r.kecamatan else None for r in rows]


def table(rows: list[PlanRow]) -> list[tuple[dt.date, str, str | None]]:
    return [(r.date, r.status, r.kecamatan.name if r.kecamatan else None) for r in rows]


def visits(*pairs: tuple[dt.date, str]) -> list[Apel]:
    return [Apel(day, CODES[name], "sekda") for day, name in pairs]


def apel_rows(rows: list[PlanRow]) -> list[PlanRow]:
    return [r for r in rows if r.status in ("planned", "pinned")]


# --- The bundled roster and the real calendar ------------------------------------------


def test_bundled_roster_is_the_18_kecamatan_of_palembang_in_rotation_order():
    assert [k.name for k in bundled_roster().kecamatan] == ROTATION
    assert [k.code for k in bundled_roster().kecamatan] == [CODES[n] for n in ROTATION]
    assert bundled_roster().default_leader.id == "sekda"
    assert bundled_roster().rotation.days == (0,) and bundled_roster().rotation.on_holiday == "skip"


def test_real_calendar_has_the_dates_these_tests_rely_on(national):
    y25, y26 = national(2025), national(2026)
    assert y25[D(2025, 4, 7)] == "Cuti Bersama Hari Raya Idul Fitri"
    assert y25[D(2025, 5, 12)] == "Hari Raya Waisak"
    assert y25[D(2025, 5, 13)] == "Cuti Bersama Hari Raya Waisak"
    assert y25[D(2025, 6, 9)] == "Cuti Bersama Hari Raya Idul Adha"
    assert y25[D(2025, 8, 18)] == "Cuti Bersama Hari Kemerdekaan Republik Indonesia"
    assert y25[D(2025, 5, 1)] == "Hari Buruh Internasional"
    assert y26[D(2026, 2, 16)] == "Cuti Bersama Tahun Baru Imlek"
    assert y26[D(2026, 3, 23)] == "Cuti Bersama Hari Raya Idul Fitri"
    assert y26[D(2026, 3, 24)] == "Cuti Bersama Hari Raya Idul Fitri"
    assert y26[D(2026, 6, 1)] == "Hari Lahir Pancasila"
    assert y26[D(2026, 8, 17)] == "Hari Kemerdekaan Republik Indonesia"
    for free in (D(2025, 4, 14), D(2025, 4, 21), D(2025, 4, 28), D(2026, 3, 16), D(2026, 3, 30)):
        assert free not in national(free.year)


# --- The 2025 rotation as it happened ----------------------------------------------------


def test_plan_from_14_april_2025_for_3_weeks(national):
    rows = plan(bundled_roster(), [], national, [], D(2025, 4, 14), weeks=3)
    assert table(rows) == [
        (D(2025, 4, 14), "planned", "Ilir Timur II"),
        (D(2025, 4, 21), "planned", "Alang-Alang Lebar"),
        (D(2025, 4, 28), "planned", "Kemuning"),
    ]
    assert all(r.round == 1 for r in rows)
    assert all(r.leader is not None and r.leader.id == "sekda" for r in rows)
    assert all(r.shifted_from is None for r in rows)


def test_plan_from_7_april_2025_starts_with_the_idul_fitri_leave(national):
    rows = plan(bundled_roster(), [], national, [], D(2025, 4, 7), weeks=2)
    assert table(rows) == [
        (D(2025, 4, 7), "holiday", None),
        (D(2025, 4, 14), "planned", "Ilir Timur II"),
    ]
    holiday = rows[0]
    assert holiday.note == "Cuti Bersama Hari Raya Idul Fitri"
    assert holiday.round is None and holiday.leader is None and holiday.kecamatan is None


def test_default_plan_from_14_april_2025_is_one_full_round(national):
    rows = plan(bundled_roster(), [], national, [], D(2025, 4, 14))
    holidays = {
        D(2025, 5, 12): "Hari Raya Waisak",
        D(2025, 6, 9): "Cuti Bersama Hari Raya Idul Adha",
        D(2025, 8, 18): "Cuti Bersama Hari Kemerdekaan Republik Indonesia",
    }
    mondays = [D(2025, 4, 14) + dt.timedelta(weeks=i) for i in range(21)]
    assert [r.date for r in rows] == mondays  # ends on 1 September 2025
    for r in rows:
        if r.date in holidays:
            assert (r.status, r.note, r.kecamatan, r.round, r.leader) == (
                "holiday",
                holidays[r.date],
                None,
                None,
                None,
            )
        else:
            assert r.status == "planned" and r.round == 1
    assert names(apel_rows(rows)) == ROTATION
    assert rows[-1].date == D(2025, 9, 1) and rows[-1].kecamatan.name == "Ilir Timur III"


def test_default_plan_2026_skips_imlek_and_idul_fitri_leave(national):
    rows = plan(bundled_roster(), [], national, [], D(2026, 1, 5))
    holiday_rows = [(r.date, r.note) for r in rows if r.status == "holiday"]
    assert holiday_rows == [
        (D(2026, 2, 16), "Cuti Bersama Tahun Baru Imlek"),
        (D(2026, 3, 23), "Cuti Bersama Hari Raya Idul Fitri"),
    ]
    assert names(apel_rows(rows)) == ROTATION
    assert rows[-1].date == D(2026, 5, 18)
    by_date = {r.date: r for r in rows}
    assert by_date[D(2026, 3, 16)].kecamatan.name == "Sako"  # 11th Monday, 10th apel
    assert by_date[D(2026, 3, 30)].kecamatan.name == "Kalidoni"


def test_2026_hari_lahir_pancasila_and_kemerdekaan_are_holidays(national):
    rows = plan(bundled_roster(), [], national, [], D(2026, 5, 25), weeks=2)
    assert table(rows) == [
        (D(2026, 5, 25), "planned", "Ilir Timur II"),
        (D(2026, 6, 1), "holiday", None),
    ]
    assert rows[1].note == "Hari Lahir Pancasila"
    rows = plan(bundled_roster(), [], national, [], D(2026, 8, 12), weeks=2)
    assert table(rows) == [
        (D(2026, 8, 17), "holiday", None),
        (D(2026, 8, 24), "planned", "Ilir Timur II"),
    ]
    assert rows[0].note == "Hari Kemerdekaan Republik Indonesia"


def test_no_holidays_calendar_plans_every_monday():
    rows = plan(bundled_roster(), [], no_holidays, [], D(2025, 5, 5), weeks=2)
    assert table(rows) == [
        (D(2025, 5, 5), "planned", "Ilir Timur II"),
        (D(2025, 5, 12), "planned", "Alang-Alang Lebar"),  # Waisak, ignored
    ]


@pytest.mark.parametrize(
    ("pins", "given_up"),
    [
        ([], D(2028, 1, 10)),  # a Monday
        ([Pin(D(2025, 1, 8), kecamatan=ROTATION_CODES[0])], D(2028, 1, 12)),  # a Wednesday
    ],
    ids=["from-the-start", "from-an-apel-pinned-on-a-wednesday"],
)
def test_a_plan_with_no_apel_day_for_three_years_is_refused_with_the_stretch(pins, given_up):
    """Every Monday closed (the days between need no look): the planner gives up the day
    after three years without an apel, counted from the last apel (a pin may put it off
    the apel days), and says from when to when."""
    start = D(2025, 1, 6)
    closed = tuple(DayNote(start + dt.timedelta(weeks=w), "Tutup") for w in range(200))
    roster = bundled_roster().replace(closures=closed)
    with pytest.raises(UserError) as refused:
        plan(roster, [], no_holidays, pins, start)
    assert refused.value.message.kind == "plan_no_apel_days"
    assert refused.value.message.params == {"start": start, "end": given_up}


def test_a_plan_past_its_horizon_is_refused_on_a_day_without_apel_too():
    """The horizon falls on the Tuesday after the first apel, before the week ends."""
    with pytest.raises(UserError) as refused:
        plan(bundled_roster(), [], no_holidays, [], D(2025, 1, 6), weeks=1, horizon=D(2025, 1, 7))
    assert refused.value.message.kind == "plan_too_far"
    assert refused.value.message.params == {"until": D(2025, 1, 7)}


# --- History and rounds ------------------------------------------------------------------


def test_history_continues_the_current_round(national):
    history = visits(
        (D(2025, 4, 14), "Ilir Timur II"),
        (D(2025, 4, 21), "Alang-Alang Lebar"),
        (D(2025, 4, 28), "Kemuning"),
    )
    rows = plan(bundled_roster(), history, national, [], D(2025, 5, 5))
    assert names(apel_rows(rows)) == ROTATION[3:]
    assert rows[0].date == D(2025, 5, 5) and rows[0].kecamatan.name == "Ilir Barat II"
    assert rows[1].status == "holiday" and rows[1].date == D(2025, 5, 12)
    assert all(r.round == 1 for r in apel_rows(rows))


def test_history_out_of_order_leaves_the_unvisited_in_rotation_order():
    history = visits(
        (D(2025, 4, 14), "Sako"),
        (D(2025, 4, 21), "Kemuning"),
        (D(2025, 4, 28), "Sako"),
        (D(2025, 5, 5), "Ilir Timur II"),
    )
    rows = plan(bundled_roster(), history, no_holidays, [], D(2025, 5, 12))
    expected = [n for n in ROTATION if n not in ("Sako", "Kemuning", "Ilir Timur II")]
    assert names(rows) == expected
    assert [r.date for r in rows][:2] == [D(2025, 5, 12), D(2025, 5, 19)]


def test_then_full_rounds_follow_in_rotation_order():
    history = visits((D(2025, 4, 14), "Ilir Timur II"), (D(2025, 4, 21), "Kemuning"))
    rows = plan(apel_every_week(), history, no_holidays, [], D(2025, 4, 28), rounds=2)
    expected = [n for n in ROTATION if n not in ("Ilir Timur II", "Kemuning")] + ROTATION
    assert names(rows) == expected
    assert [r.round for r in rows] == [1] * 16 + [2] * 18


def test_complete_round_rolls_over_to_round_2():
    start = D(2025, 4, 14)
    history = [
        Apel(start + dt.timedelta(weeks=i), CODES[n], "sekda") for i, n in enumerate(ROTATION)
    ]
    after = history[-1].date + dt.timedelta(days=1)
    rows = plan(bundled_roster(), history, no_holidays, [], after, weeks=2)
    assert [(r.round, r.kecamatan.name) for r in rows] == [
        (2, "Ilir Timur II"),
        (2, "Alang-Alang Lebar"),
    ]
    assert len(plan(apel_every_week(), history, no_holidays, [], after)) == 18


def test_repeat_visit_in_history_changes_nothing():
    history = visits(
        (D(2025, 4, 14), "Ilir Timur II"),
        (D(2025, 4, 21), "Ilir Timur II"),
    )
    rows = plan(bundled_roster(), history, no_holidays, [], D(2025, 4, 28))
    assert names(rows) == ROTATION[1:]


def test_history_at_a_kecamatan_no_longer_in_the_roster_counts_for_nothing():
    history = [Apel(D(2025, 4, 14), "99.99.99", "sekda")]
    rows = plan(bundled_roster(), history, no_holidays, [], D(2025, 4, 21))
    assert names(rows) == ROTATION


def test_one_unvisited_left_plans_exactly_one_apel(national):
    history = [
        Apel(D(2025, 4, 14) + dt.timedelta(weeks=i), CODES[n], "sekda")
        for i, n in enumerate(ROTATION[:-1])
    ]
    rows = plan(bundled_roster(), history, national, [], D(2025, 8, 18))
    assert table(rows) == [
        (D(2025, 8, 18), "holiday", None),
        (D(2025, 8, 25), "planned", "Ilir Timur III"),
    ]


def k(code: str) -> Kecamatan:
    return Kecamatan(code, f"Kecamatan {code}")


def test_compute_rounds_empty_history():
    state = compute_rounds([k("A"), k("B")], [])
    assert state.rounds == () and state.current == 1 and state.visited == frozenset()
    assert [x.code for x in state.unvisited([k("A"), k("B")])] == ["A", "B"]


def test_compute_rounds_counts_rounds_and_repeats():
    roster = [k("A"), k("B"), k("C")]
    codes = ["B", "B", "A", "C", "A", "C", "B", "A", "X"]
    history = [Apel(D(2025, 1, 6) + dt.timedelta(weeks=i), c, "sekda") for i, c in enumerate(codes)]
    state = compute_rounds(roster, history)
    assert state.rounds == (1, 1, 1, 1, 2, 2, 2, 3, 3)
    assert state.current == 3
    assert state.visited == {"A"}
    assert [x.code for x in state.unvisited(roster)] == ["B", "C"]


def test_compute_rounds_after_a_complete_round_everything_is_unvisited_again():
    roster = [k("A"), k("B")]
    history = [Apel(D(2025, 1, 6), "B", "x"), Apel(D(2025, 1, 13), "A", "x")]
    state = compute_rounds(roster, history)
    assert state.rounds == (1, 1) and state.current == 2 and state.visited == frozenset()
    assert [x.code for x in state.unvisited(roster)] == ["A", "B"]


# --- Length: default, --weeks, --rounds -------------------------------------------------


def test_weeks_counts_from_the_first_apel_day_not_from_start(national):
    # Tuesday 15 April 2025: the first apel day is Monday 21 April; end = 12 May (exclusive)
    rows = plan(bundled_roster(), [], national, [], D(2025, 4, 15), weeks=3)
    assert table(rows) == [
        (D(2025, 4, 21), "planned", "Ilir Timur II"),
        (D(2025, 4, 28), "planned", "Alang-Alang Lebar"),
        (D(2025, 5, 5), "planned", "Kemuning"),
    ]


def test_weeks_zero_plans_nothing():
    assert plan(bundled_roster(), [], no_holidays, [], D(2025, 4, 14), weeks=0) == []


def test_weeks_runs_past_a_round_end():
    roster = bundled_roster().replace(kecamatan=bundled_roster().kecamatan[:2])
    rows = plan(roster, [], no_holidays, [], D(2025, 4, 14), weeks=5)
    assert [(r.round, r.kecamatan.name) for r in rows] == [
        (1, "Ilir Timur II"),
        (1, "Alang-Alang Lebar"),
        (2, "Ilir Timur II"),
        (2, "Alang-Alang Lebar"),
        (3, "Ilir Timur II"),
    ]


def test_weeks_wins_over_rounds():
    rows = plan(bundled_roster(), [], no_holidays, [], D(2025, 4, 14), weeks=2, rounds=3)
    assert len(rows) == 2


def test_rounds_counts_the_current_round(national):
    history = visits(
        *[(D(2025, 4, 14) + dt.timedelta(weeks=i), n) for i, n in enumerate(ROTATION[:5])]
    )
    rows = plan(bundled_roster(), history, national, [], D(2025, 5, 19), rounds=2)
    apel = apel_rows(rows)
    assert len(apel) == 13 + 18
    assert [r.round for r in apel] == [1] * 13 + [2] * 18
    assert rows[-1] is apel[-1] and rows[-1].kecamatan.name == "Ilir Timur III"
    assert plan(bundled_roster(), history, national, [], D(2025, 5, 19), rounds=1) == plan(
        bundled_roster(), history, national, [], D(2025, 5, 19)
    )


def test_rounds_three_on_a_small_roster():
    roster = bundled_roster().replace(kecamatan=bundled_roster().kecamatan[:3])
    rows = plan(roster, [], no_holidays, [], D(2025, 1, 6), rounds=3)
    assert [r.round for r in rows] == [1, 1, 1, 2, 2, 2, 3, 3, 3]
    assert names(rows) == ROTATION[:3] * 3


# --- on_holiday = "shift" -----------------------------------------------------------------


def test_shift_moves_the_apel_to_the_next_working_day(national):
    rows = plan(rot(on_holiday="shift"), [], national, [], D(2025, 5, 5), weeks=3)
    assert [(r.date, r.status, r.shifted_from) for r in rows] == [
        (D(2025, 5, 5), "planned", None),
        (D(2025, 5, 12), "holiday", None),
        # 13 May is cuti bersama Waisak: the apel moves to Wednesday
        (D(2025, 5, 14), "planned", D(2025, 5, 12)),
        (D(2025, 5, 19), "planned", None),
    ]
    assert names(rows) == ["Ilir Timur II", None, "Alang-Alang Lebar", "Kemuning"]
    assert rows[2].round == 1 and rows[2].leader.id == "sekda"


def test_shift_idul_adha_and_kemerdekaan_2025(national):
    rows = plan(rot(on_holiday="shift"), [], national, [], D(2025, 4, 14))
    shifted = [(r.date, r.shifted_from) for r in rows if r.shifted_from]
    assert shifted == [
        (D(2025, 5, 14), D(2025, 5, 12)),
        (D(2025, 6, 10), D(2025, 6, 9)),
    ]
    assert names(apel_rows(rows)) == ROTATION
    # the holidays cost no week: the round ends on 11 August, not on 1 September
    assert rows[-1].date == D(2025, 8, 11)
    rows = plan(rot(on_holiday="shift"), [], national, [], D(2025, 8, 18), weeks=1)
    assert [(r.date, r.status, r.shifted_from) for r in rows] == [
        (D(2025, 8, 18), "holiday", None),
        (D(2025, 8, 19), "planned", D(2025, 8, 18)),
    ]


def test_shift_2026_idul_fitri_moves_to_wednesday(national):
    rows = plan(rot(on_holiday="shift"), [], national, [], D(2026, 3, 16), weeks=2)
    assert [(r.date, r.status, r.shifted_from) for r in rows] == [
        (D(2026, 3, 16), "planned", None),
        (D(2026, 3, 23), "holiday", None),
        (D(2026, 3, 25), "planned", D(2026, 3, 23)),  # 24 March is cuti bersama too
    ]


def test_shift_finds_no_working_day_in_the_idul_fitri_week(national):
    # 31 March to 4 April 2025 are all holidays: that week has no apel. 7 April is
    # cuti bersama too, and its apel moves to Tuesday 8 April.
    rows = plan(rot(on_holiday="shift"), [], national, [], D(2025, 3, 31), weeks=2)
    assert [(r.date, r.status, r.shifted_from) for r in rows] == [
        (D(2025, 3, 31), "holiday", None),
        (D(2025, 4, 7), "holiday", None),
        (D(2025, 4, 8), "planned", D(2025, 4, 7)),
    ]


def test_shift_does_not_cross_the_next_apel_day(national):
    # Monday + Wednesday: 12 May (Waisak) and 13 May (cuti bersama) leave no working
    # day before Wednesday 14 May, which keeps its own apel.
    roster = rot(on_holiday="shift", days=(0, 2))
    rows = plan(roster, [], national, [], D(2025, 5, 12), weeks=1)
    assert [(r.date, r.status, r.shifted_from) for r in rows] == [
        (D(2025, 5, 12), "holiday", None),
        (D(2025, 5, 14), "planned", None),
    ]
    assert names(rows) == [None, "Ilir Timur II"]


def test_shift_skips_the_weekend():
    # Friday apel; Friday a holiday: Saturday and Sunday are no working days, Monday is.
    roster = rot(on_holiday="shift", days=(4,))
    cal = {D(2025, 10, 3): "Libur"}
    rows = plan(roster, [], lambda y: cal if y == 2025 else {}, [], D(2025, 10, 3), weeks=1)
    assert [(r.date, r.status, r.shifted_from) for r in rows] == [
        (D(2025, 10, 3), "holiday", None),
        (D(2025, 10, 6), "planned", D(2025, 10, 3)),
    ]


def test_shift_avoids_closures():
    roster = rot(on_holiday="shift").replace(
        closures=(DayNote(D(2025, 6, 17), "HUT Kota Palembang"),)
    )
    cal = {D(2025, 6, 16): "Libur"}
    rows = plan(roster, [], lambda y: cal if y == 2025 else {}, [], D(2025, 6, 16), weeks=1)
    assert [(r.date, r.status, r.shifted_from) for r in rows] == [
        (D(2025, 6, 16), "holiday", None),
        (D(2025, 6, 18), "planned", D(2025, 6, 16)),
    ]


def test_skip_never_shifts(national):
    rows = plan(bundled_roster(), [], national, [], D(2025, 5, 12), weeks=2)
    assert [(r.date, r.status) for r in rows] == [
        (D(2025, 5, 12), "holiday"),
        (D(2025, 5, 19), "planned"),
    ]
    assert rows[1].kecamatan.name == "Ilir Timur II"


def test_shift_at_the_end_of_weeks_stays_within_the_weeks(national):
    """SPEC: --weeks N plans the apel days before first + 7N days, and a holiday week
    whose days are all off has no apel.

    From Monday 31 March 2025 with --weeks 1 the only apel day is 31 March (Idul Fitri);
    1 to 4 April are holidays too, so the plan is that single holiday row. The planner
    goes on to 7 April (the day the weeks end) and plans an apel on 8 April.
    """
    rows = plan(rot(on_holiday="shift"), [], national, [], D(2025, 3, 31), weeks=1)
    assert [(r.date, r.status) for r in rows] == [(D(2025, 3, 31), "holiday")]


def test_shift_at_the_end_of_weeks_synthetic():
    """Monday + Friday apel, shift: the last Friday before the weeks end is a holiday,
    and no working day lies before the next Monday (the end): no row may fall on or
    after that Monday."""
    roster = rot(on_holiday="shift", days=(0, 4))
    cal = {D(2025, 10, 10): "Libur"}
    rows = plan(roster, [], lambda y: cal if y == 2025 else {}, [], D(2025, 10, 6), weeks=1)
    assert [(r.date, r.status) for r in rows] == [
        (D(2025, 10, 6), "planned"),
        (D(2025, 10, 10), "holiday"),
    ]


# --- Closures and workdays -----------------------------------------------------------------


def test_closure_is_a_holiday_even_without_national_holidays():
    roster = bundled_roster().replace(closures=(DayNote(D(2025, 6, 16), "HUT Kota Palembang"),))
    rows = plan(roster, [], no_holidays, [], D(2025, 6, 9), weeks=3)
    assert table(rows) == [
        (D(2025, 6, 9), "planned", "Ilir Timur II"),
        (D(2025, 6, 16), "holiday", None),
        (D(2025, 6, 23), "planned", "Alang-Alang Lebar"),
    ]
    assert rows[1].note == "HUT Kota Palembang"


def test_closure_on_a_national_holiday_names_the_closure(national):
    roster = bundled_roster().replace(closures=(DayNote(D(2025, 5, 12), "Banjir"),))
    rows = plan(roster, [], national, [], D(2025, 5, 12), weeks=1)
    assert (rows[0].status, rows[0].note) == ("holiday", "Banjir")


def test_closure_on_a_non_apel_day_changes_nothing():
    roster = bundled_roster().replace(closures=(DayNote(D(2025, 6, 17), "HUT Kota Palembang"),))
    rows = plan(roster, [], no_holidays, [], D(2025, 6, 16), weeks=2)
    assert table(rows) == [
        (D(2025, 6, 16), "planned", "Ilir Timur II"),
        (D(2025, 6, 23), "planned", "Alang-Alang Lebar"),
    ]


def test_workday_makes_a_national_holiday_an_apel_day(national):
    roster = bundled_roster().replace(workdays=(DayNote(D(2025, 5, 12), "Apel tetap"),))
    rows = plan(roster, [], national, [], D(2025, 5, 5), weeks=3)
    assert table(rows) == [
        (D(2025, 5, 5), "planned", "Ilir Timur II"),
        (D(2025, 5, 12), "planned", "Alang-Alang Lebar"),
        (D(2025, 5, 19), "planned", "Kemuning"),
    ]


def test_workday_is_a_working_day_for_shift(national):
    roster = rot(on_holiday="shift").replace(
        workdays=(DayNote(D(2025, 5, 13), "Cuti bersama dibatalkan"),)
    )
    rows = plan(roster, [], national, [], D(2025, 5, 12), weeks=1)
    assert [(r.date, r.status, r.shifted_from) for r in rows] == [
        (D(2025, 5, 12), "holiday", None),
        (D(2025, 5, 13), "planned", D(2025, 5, 12)),
    ]


def test_a_closure_beats_a_workday():
    day = D(2025, 5, 12)
    roster = bundled_roster().replace(
        closures=(DayNote(day, "Banjir"),), workdays=(DayNote(day, "x"),)
    )
    rows = plan(roster, [], lambda year: {day: "Waisak"}, [], day, weeks=1)
    assert [(r.status, r.note) for r in rows] == [("holiday", "Banjir")]


# --- Several apel days a week -------------------------------------------------------------


def test_monday_and_thursday(national):
    roster = rot(days=(0, 3))
    rows = plan(roster, [], national, [], D(2025, 4, 28), weeks=2)
    assert table(rows) == [
        (D(2025, 4, 28), "planned", "Ilir Timur II"),
        (D(2025, 5, 1), "holiday", None),  # Hari Buruh
        (D(2025, 5, 5), "planned", "Alang-Alang Lebar"),
        (D(2025, 5, 8), "planned", "Kemuning"),
    ]
    assert rows[1].note == "Hari Buruh Internasional"


def test_several_days_default_plan_is_one_round_at_twice_the_pace():
    roster = rot(days=(0, 3))
    rows = plan(roster, [], no_holidays, [], D(2025, 7, 3))  # a Thursday
    assert names(rows) == ROTATION
    assert rows[0].date == D(2025, 7, 3)
    assert rows[-1].date == D(2025, 9, 1)  # 9 weeks of two apel
    assert {r.date.weekday() for r in rows} == {0, 3}


def test_start_on_a_non_apel_day_begins_on_the_next_apel_day():
    rows = plan(rot(days=(2,)), [], no_holidays, [], D(2025, 4, 14), weeks=1)
    assert table(rows) == [(D(2025, 4, 16), "planned", "Ilir Timur II")]


# --- Pins ------------------------------------------------------------------------------------


def test_pinned_kecamatan_takes_its_date_and_is_not_planned_again(national):
    pins = [Pin(D(2025, 4, 21), kecamatan=CODES["Kemuning"])]
    rows = plan(bundled_roster(), [], national, pins, D(2025, 4, 14))
    assert table(rows)[:4] == [
        (D(2025, 4, 14), "planned", "Ilir Timur II"),
        (D(2025, 4, 21), "pinned", "Kemuning"),
        (D(2025, 4, 28), "planned", "Alang-Alang Lebar"),
        (D(2025, 5, 5), "planned", "Ilir Barat II"),
    ]
    assert sorted(names(apel_rows(rows))) == sorted(ROTATION)
    assert rows[1].round == 1 and rows[1].leader.id == "sekda"
    assert rows[-1].date == D(2025, 9, 1)


def test_pin_later_in_the_round_holds_the_kecamatan_back():
    pins = [Pin(D(2025, 5, 5), kecamatan=CODES["Ilir Timur II"], note="HUT kecamatan")]
    rows = plan(bundled_roster(), [], no_holidays, pins, D(2025, 4, 14), weeks=4)
    assert table(rows) == [
        (D(2025, 4, 14), "planned", "Alang-Alang Lebar"),
        (D(2025, 4, 21), "planned", "Kemuning"),
        (D(2025, 4, 28), "planned", "Ilir Barat II"),
        (D(2025, 5, 5), "pinned", "Ilir Timur II"),
    ]
    assert rows[3].note == "HUT kecamatan" and rows[3].round == 1


def test_pin_on_a_non_apel_day_adds_an_apel():
    pins = [Pin(D(2025, 4, 16), kecamatan=CODES["Kemuning"])]
    rows = plan(bundled_roster(), [], no_holidays, pins, D(2025, 4, 14), weeks=2)
    assert table(rows) == [
        (D(2025, 4, 14), "planned", "Ilir Timur II"),
        (D(2025, 4, 16), "pinned", "Kemuning"),
        (D(2025, 4, 21), "planned", "Alang-Alang Lebar"),
    ]


def test_leader_only_pin_changes_the_leader_and_stays_planned(national):
    pins = [Pin(D(2025, 4, 21), leader="walikota")]
    rows = plan(bundled_roster(), [], national, pins, D(2025, 4, 14), weeks=3)
    assert [(r.status, r.kecamatan.name, r.leader.name) for r in rows] == [
        ("planned", "Ilir Timur II", "Aprizal Hasyim"),
        ("planned", "Alang-Alang Lebar", "Ratu Dewa"),
        ("planned", "Kemuning", "Aprizal Hasyim"),
    ]


def test_pin_with_kecamatan_and_leader(national):
    pins = [Pin(D(2025, 4, 28), kecamatan=CODES["Sako"], leader="wawako")]
    rows = plan(bundled_roster(), [], national, pins, D(2025, 4, 28), weeks=1)
    assert [(r.status, r.kecamatan.name, r.leader.name) for r in rows] == [
        ("pinned", "Sako", "Prima Salam")
    ]


def test_leader_only_pin_on_a_non_apel_day_adds_an_apel():
    pins = [Pin(D(2025, 4, 17), leader="wawako")]
    rows = plan(bundled_roster(), [], no_holidays, pins, D(2025, 4, 14), weeks=2)
    assert [(r.date, r.status, r.kecamatan.name, r.leader.id) for r in rows] == [
        (D(2025, 4, 14), "planned", "Ilir Timur II", "sekda"),
        (D(2025, 4, 17), "planned", "Alang-Alang Lebar", "wawako"),
        (D(2025, 4, 21), "planned", "Kemuning", "sekda"),
    ]


def test_cancel_pin(national):
    pins = [Pin(D(2025, 4, 21), cancel="Banjir")]
    rows = plan(bundled_roster(), [], national, pins, D(2025, 4, 14), weeks=3)
    assert table(rows) == [
        (D(2025, 4, 14), "planned", "Ilir Timur II"),
        (D(2025, 4, 21), "cancelled", None),
        (D(2025, 4, 28), "planned", "Alang-Alang Lebar"),
    ]
    cancelled = rows[1]
    assert cancelled.note == "Banjir"
    assert cancelled.round is None and cancelled.leader is None


def test_cancel_pin_with_a_kecamatan_cancels_and_does_not_hold_it(national):
    pins = [Pin(D(2025, 4, 21), kecamatan=CODES["Ilir Timur II"], cancel="Banjir")]
    rows = plan(bundled_roster(), [], national, pins, D(2025, 4, 14), weeks=3)
    assert table(rows) == [
        (D(2025, 4, 14), "planned", "Ilir Timur II"),
        (D(2025, 4, 21), "cancelled", None),
        (D(2025, 4, 28), "planned", "Alang-Alang Lebar"),
    ]


def test_cancel_pin_with_a_note_keeps_the_reason(national):
    pins = [Pin(D(2025, 4, 21), cancel="Banjir", note="Kantor camat tergenang")]
    rows = plan(bundled_roster(), [], national, pins, D(2025, 4, 21), weeks=1)
    assert rows[0].status == "cancelled" and rows[0].note.startswith("Banjir")


def test_pin_on_a_holiday_wins(national):
    pins = [Pin(D(2025, 5, 12), kecamatan=CODES["Sako"])]
    rows = plan(bundled_roster(), [], national, pins, D(2025, 5, 12), weeks=2)
    assert table(rows) == [
        (D(2025, 5, 12), "pinned", "Sako"),
        (D(2025, 5, 19), "planned", "Ilir Timur II"),
    ]


def test_leader_pin_on_a_holiday_wins(national):
    pins = [Pin(D(2026, 3, 23), leader="walikota")]
    rows = plan(bundled_roster(), [], national, pins, D(2026, 3, 23), weeks=2)
    assert [(r.date, r.status, r.kecamatan.name, r.leader.id) for r in rows] == [
        (D(2026, 3, 23), "planned", "Ilir Timur II", "walikota"),
        (D(2026, 3, 30), "planned", "Alang-Alang Lebar", "sekda"),
    ]


def test_pin_on_a_closure_wins():
    roster = bundled_roster().replace(closures=(DayNote(D(2025, 6, 16), "Rapat"),))
    pins = [Pin(D(2025, 6, 16), kecamatan=CODES["Plaju"])]
    rows = plan(roster, [], no_holidays, pins, D(2025, 6, 16), weeks=1)
    assert table(rows) == [(D(2025, 6, 16), "pinned", "Plaju")]


def test_pin_on_a_holiday_under_shift_does_not_also_shift(national):
    pins = [Pin(D(2025, 6, 9), kecamatan=CODES["Sako"])]
    rows = plan(rot(on_holiday="shift"), [], national, pins, D(2025, 6, 9), weeks=1)
    assert table(rows) == [(D(2025, 6, 9), "pinned", "Sako")]


def test_pins_before_start_are_ignored(national):
    pins = [Pin(D(2025, 4, 7), kecamatan=CODES["Sako"]), Pin(D(2025, 4, 13), cancel="x")]
    rows = plan(bundled_roster(), [], national, pins, D(2025, 4, 14))
    assert names(apel_rows(rows)) == ROTATION
    assert all(r.status != "cancelled" for r in rows)


def test_pinned_kecamatan_already_visited_is_a_repeat_visit():
    history = visits((D(2025, 4, 14), "Ilir Timur II"))
    pins = [Pin(D(2025, 4, 28), kecamatan=CODES["Ilir Timur II"])]
    rows = plan(bundled_roster(), history, no_holidays, pins, D(2025, 4, 21), weeks=3)
    assert table(rows) == [
        (D(2025, 4, 21), "planned", "Alang-Alang Lebar"),
        (D(2025, 4, 28), "pinned", "Ilir Timur II"),
        (D(2025, 5, 5), "planned", "Kemuning"),
    ]
    assert [r.round for r in rows] == [1, 1, 1]


def test_a_round_does_not_wait_for_a_pin_that_lies_beyond_it():
    """README: when every kecamatan left in the round is pinned to a later date, the next
    apel day goes to the one pinned latest instead of the round waiting; its pin then
    falls in the next round, where it is not given another date.

    Roster Ilir Timur II, Alang-Alang Lebar; Ilir Timur II pinned on 27 January 2025.
    """
    roster = bundled_roster().replace(kecamatan=bundled_roster().kecamatan[:2])
    pins = [Pin(D(2025, 1, 27), kecamatan=CODES["Ilir Timur II"])]
    rows = plan(roster, [], no_holidays, pins, D(2025, 1, 6))
    assert [(r.date, r.status, r.kecamatan.name, r.round) for r in rows] == [
        (D(2025, 1, 6), "planned", "Alang-Alang Lebar", 1),
        (D(2025, 1, 13), "planned", "Ilir Timur II", 1),
    ]
    rows = plan(roster, [], no_holidays, pins, D(2025, 1, 6), rounds=2)
    assert [(r.date, r.status, r.kecamatan.name, r.round) for r in rows[2:]] == [
        (D(2025, 1, 20), "planned", "Alang-Alang Lebar", 2),
        (D(2025, 1, 27), "pinned", "Ilir Timur II", 2),
    ]


def test_a_far_pin_on_the_bundled_roster_lands_in_its_own_round(national):
    """Ilir Timur III pinned on Monday 2 March 2026, in the third round from 14 April 2025.

    Ilir Timur III comes last in rounds 1 and 2, which do not wait for the pin; in
    round 3 it has its pinned date and no other.
    """
    pins = [Pin(D(2026, 3, 2), kecamatan=CODES["Ilir Timur III"])]
    rows = plan(bundled_roster(), [], national, pins, D(2025, 4, 14), rounds=3)
    assert (D(2026, 3, 2), "pinned", "Ilir Timur III") in table(rows)
    for number in (1, 2, 3):
        visits = [r.kecamatan.name for r in apel_rows(rows) if r.round == number]
        assert sorted(visits) == sorted(ROTATION), number
    pinned = next(r for r in rows if r.status == "pinned")
    assert pinned.round == 3
    as_history = [Apel(r.date, r.kecamatan.code, r.leader.id) for r in apel_rows(rows)]
    assert [r.round for r in apel_rows(rows)] == list(
        compute_rounds(bundled_roster().kecamatan, as_history).rounds
    )


def test_round_column_agrees_with_the_rounds_the_apel_will_have_once_recorded():
    """SPEC "Rounds": a round is complete when every kecamatan has an apel in it, and only
    then does the next apel open the next round. The plan's round column should be the
    round each apel gets once it is recorded, so round numbers never go down by date.

    Roster A, B, C (the first three of the bundle); Ilir Timur II pinned on 3 February
    2025; plan from 6 January. The planner gives Ilir Timur II an extra date on 20 January
    (labelled round 2, before round 1 is complete) and shows rounds 1, 1, 2, 2, 1.
    """
    roster = bundled_roster().replace(kecamatan=bundled_roster().kecamatan[:3])
    pins = [Pin(D(2025, 2, 3), kecamatan=CODES["Ilir Timur II"])]
    rows = plan(roster, [], no_holidays, pins, D(2025, 1, 6), weeks=5)
    apel = apel_rows(rows)
    as_history = [Apel(r.date, r.kecamatan.code, r.leader.id) for r in apel]
    assert [r.round for r in apel] == list(compute_rounds(roster.kecamatan, as_history).rounds)
    assert [r.round for r in apel] == sorted(r.round for r in apel)


def test_two_pins_in_one_round_both_hold():
    pins = [
        Pin(D(2025, 4, 21), kecamatan=CODES["Sako"]),
        Pin(D(2025, 4, 28), kecamatan=CODES["Plaju"]),
    ]
    rows = plan(bundled_roster(), [], no_holidays, pins, D(2025, 4, 14))
    assert table(rows)[:4] == [
        (D(2025, 4, 14), "planned", "Ilir Timur II"),
        (D(2025, 4, 21), "pinned", "Sako"),
        (D(2025, 4, 28), "pinned", "Plaju"),
        (D(2025, 5, 5), "planned", "Alang-Alang Lebar"),
    ]
    assert len(rows) == 18 and sorted(names(rows)) == sorted(ROTATION)


def test_a_pinned_apel_ends_the_shift_of_its_week():
    """Under shift, 12 May 2025 (Waisak) would move to Wednesday 14 May (13 May is cuti
    bersama); a pin on the 14th is that week's apel, and no second one follows."""
    roster = rot(on_holiday="shift")
    calendar = {D(2025, 5, 12): "Waisak", D(2025, 5, 13): "Cuti Bersama Waisak"}
    pins = [Pin(D(2025, 5, 14), kecamatan="16.71.12")]
    rows = plan(roster, [], lambda year: calendar, pins, D(2025, 5, 12), weeks=1)
    assert [(r.date, r.status) for r in rows] == [
        (D(2025, 5, 12), "holiday"),
        (D(2025, 5, 14), "pinned"),
    ]
    rows = plan(roster, [], lambda year: calendar, [], D(2025, 5, 12), weeks=1)
    assert [(r.date, r.status, r.shifted_from) for r in rows] == [
        (D(2025, 5, 12), "holiday", None),
        (D(2025, 5, 14), "planned", D(2025, 5, 12)),
    ]


# --- A synthetic roster built from the model types ---------------------------------------


def test_synthetic_roster_with_its_own_leader_and_calendar():
    roster = Roster(
        Rotation(city="Kabupaten Contoh", days=(1,), holidays=None, on_holiday="skip"),
        (Leader("bupati", "Bupati", default=False), Leader("sekda", "Sekda", default=True)),
        (Kecamatan("01", "Satu"), Kecamatan("02", "Dua"), Kecamatan("03", "Tiga")),
    )
    cal = {D(2025, 12, 30): "Libur akhir tahun"}
    rows = plan(roster, [], lambda y: cal if y == 2025 else {}, [], D(2025, 12, 22))
    assert [(r.date, r.status, r.kecamatan and r.kecamatan.code) for r in rows] == [
        (D(2025, 12, 23), "planned", "01"),
        (D(2025, 12, 30), "holiday", None),
        (D(2026, 1, 6), "planned", "02"),
        (D(2026, 1, 13), "planned", "03"),
    ]
    assert {r.leader.id for r in rows if r.leader} == {"sekda"}
    assert rows[1].note == "Libur akhir tahun"
