"""Rounds as a property (SPEC Rounds): visited and unvisited always partition the roster, and
the round number rises exactly when a round completes."""

from __future__ import annotations

import datetime as dt

from conftest import round_oracle, stress
from hypothesis import given, settings
from hypothesis import strategies as st

from apel_rotasi.listings import unvisited_records
from apel_rotasi.model import Apel, Kecamatan, Leader, Roster, Rotation
from apel_rotasi.rounds import compute_rounds


def _roster(size: int) -> Roster:
    kecamatan = tuple(
        Kecamatan(f"99.{n:02d}", f"Kecamatan {n}", f"K{n}" if n % 2 else None)
        for n in range(1, size + 1)
    )
    return Roster(Rotation(), (Leader("sekda", "Aprizal Hasyim", None, True),), kecamatan)


@st.composite
def histories(draw):
    """A roster of 1-20 kecamatan and a history at increasing dates; now and then an apel at a
    code the roster no longer has (SPEC: it is shown, and counts for nothing)."""
    size = draw(st.integers(1, 20))
    roster = _roster(size)
    codes = [k.code for k in roster.kecamatan]
    # weight towards roster codes; long enough to complete several rounds of a small roster
    code = st.one_of(
        st.sampled_from(codes), st.sampled_from(codes), st.sampled_from(codes), st.just("00.00")
    )
    picked = draw(st.lists(code, max_size=70))
    gaps = draw(st.lists(st.integers(1, 30), min_size=len(picked), max_size=len(picked)))
    day = dt.date(2024, 1, 1)
    apel = []
    for kec, gap in zip(picked, gaps, strict=True):
        day += dt.timedelta(days=gap)
        apel.append(Apel(day, kec, "sekda"))
    return roster, apel


@settings(max_examples=stress(80, 300), deadline=None)
@given(histories())
def test_visited_and_unvisited_partition_the_roster_and_rounds_rise_on_completion(case):
    roster, history = case
    codes = [k.code for k in roster.kecamatan]
    everyone = set(codes)
    previous = None
    for step in range(len(history) + 1):
        done = history[:step]
        expected_rounds, current, expected_unvisited = round_oracle(
            codes, [apel.kecamatan for apel in done]
        )
        # the round just completed: the last apel's round is no longer the current one
        complete = bool(done) and current == expected_rounds[-1] + 1
        state = compute_rounds(roster.kecamatan, done)
        records = unvisited_records(roster, done, state)
        unvisited = [r["kecamatan_code"] for r in records]

        # visited and unvisited partition the roster; unvisited in rotation order
        assert set(state.visited) <= everyone
        assert set(state.visited).isdisjoint(unvisited)
        assert set(state.visited) | set(unvisited) == everyone
        assert unvisited == [c for c in codes if c not in state.visited]
        assert len(unvisited) == len(set(unvisited))

        # every apel has a round; rounds never fall and rise by at most one at a time
        assert state.rounds == tuple(expected_rounds)
        assert all(b - a in (0, 1) for a, b in zip(state.rounds, state.rounds[1:], strict=False))
        assert not state.rounds or state.rounds[0] == 1

        # the current round: with a complete round it is the next one, all unvisited again
        assert state.current == current
        assert unvisited == expected_unvisited
        if complete:
            assert state.visited == frozenset() and unvisited == codes
        if not done:
            assert state.current == 1 and unvisited == codes

        if previous is not None:
            rose = state.current - previous.current
            assert rose in (0, 1)
            # the round rises exactly when this apel completed the round it belongs to
            assert (rose == 1) == complete
            if rose == 0 and done[-1].kecamatan in everyone:
                assert set(state.visited) == set(previous.visited) | {done[-1].kecamatan}
            if rose == 0 and done[-1].kecamatan not in everyone:
                assert state.visited == previous.visited  # a stray code counts for nothing
            if done[-1].kecamatan in previous.visited:  # a repeat in the round changes nothing
                assert state.visited == previous.visited and rose == 0
        if step:
            assert state.rounds[-1] <= state.current
            assert state.current - state.rounds[-1] == (1 if complete else 0)

        # last_visit: the latest apel at that kecamatan in any round, or none
        for record in records:
            visits = [a.date for a in done if a.kecamatan == record["kecamatan_code"]]
            assert record["last_visit"] == (max(visits) if visits else None)
            kec = roster.kecamatan_by_code(record["kecamatan_code"])
            assert (record["kecamatan"], record["short"]) == (kec.name, kec.short)
        previous = state


def test_a_full_round_in_rotation_order_then_one_more():
    """The example behind the property: 18 visits complete round 1, the 19th opens round 2."""
    roster = _roster(18)
    codes = [k.code for k in roster.kecamatan]
    history = [
        Apel(dt.date(2024, 1, 1) + dt.timedelta(weeks=i), c, "sekda") for i, c in enumerate(codes)
    ]
    state = compute_rounds(roster.kecamatan, history)
    assert state.rounds == (1,) * 18 and state.current == 2 and state.visited == frozenset()
    assert [r["kecamatan_code"] for r in unvisited_records(roster, history, state)] == codes
    history.append(Apel(dt.date(2024, 6, 1), codes[5], "sekda"))
    state = compute_rounds(roster.kecamatan, history)
    assert state.rounds[-1] == 2 and state.current == 2 and state.visited == {codes[5]}
    assert len(unvisited_records(roster, history, state)) == 17
