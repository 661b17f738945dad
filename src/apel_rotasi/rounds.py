"""Rounds: which round each recorded apel belongs to, and what is still unvisited."""

from collections.abc import Sequence
from typing import NamedTuple

from apel_rotasi.model import Apel, Kecamatan


class RoundState(NamedTuple):
    """The rounds of a history, computed in one pass over it (in date order)."""

    rounds: tuple[int, ...]  # the round of each apel, in history order
    current: int  # the round the next apel belongs to
    visited: frozenset[str]  # codes visited in the current round

    def unvisited(self, roster: Sequence[Kecamatan]) -> list[Kecamatan]:
        return [k for k in roster if k.code not in self.visited]


def compute_rounds(roster: Sequence[Kecamatan], history: Sequence[Apel]) -> RoundState:
    """Round 1 begins with the first apel; a round is complete when every kecamatan has one.

    An apel at a code the roster no longer has keeps its round and counts for nothing.
    """
    codes = frozenset(k.code for k in roster)
    current = 1
    visited: set[str] = set()  # only roster codes, so a full set has len(codes) members
    rounds = []
    for apel in history:
        if len(visited) == len(codes):
            current += 1
            visited = set()
        rounds.append(current)
        if apel.kecamatan in codes:
            visited.add(apel.kecamatan)
    if len(visited) == len(codes) and history:
        current += 1
        visited = set()
    return RoundState(tuple(rounds), current, frozenset(visited))
