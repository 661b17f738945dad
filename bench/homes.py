"""Big-home bench: plan, history and record in a home of 1,000 kecamatan and 1,000 apel
against the same commands in a small home.

    uv run python bench/homes.py [--pairs N] [--only NAME] [--check]

Two big homes, each timed against the small one of ``startup.py`` (the bundled roster,
three apel in April 2025): (recent) the 1,000 apel are weekly up to the last Monday before
the pinned clock, so no apel day is unrecorded; (1950) they are weekly from 2 January
1950, so every apel day from 1969 to the clock is unrecorded and the warning counts them
(with the national holidays of every one of those years). The clock is pinned
(``APEL_ROTASI_NOW``) so that the homes stay as described. ``record`` runs on a fresh copy
of its home each time (copied outside the timing), so every run records the same apel.
Method, environment and report as in ``startup.py``; target: each ratio within 1.3.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from startup import (
    Case,
    large_code,
    machine,
    measure_all,
    tool_command,
    write_large_home,
    write_small_home,
)

NOW = "2025-06-03T09:00:00+07:00"  # a Tuesday
RECORDED = "2025-06-02"  # the Monday that record records, in every home
LAST = dt.date(2025, 5, 26)  # the recent home's last apel
TARGET = 1.3
PLAN = ["plan", "--weeks", "8", "--format", "csv"]
HISTORY = ["history", "--format", "csv"]


def csv_rows(count: int) -> Callable[[str], str | None]:
    def check(out: str) -> str | None:
        rows = len(out.splitlines()) - 1
        return None if rows == count else f"{rows} CSV rows, expected {count}: {out[:200]!r}"

    return check


def anything(out: str) -> str | None:
    return None


def restore(pristine: Path, working: Path) -> Callable[[], None]:
    """A fresh history at ``working`` and no journal, so that each record run is alike. The
    parse cache goes by content: the copies read from it, as a history the tool wrote does."""

    def copy() -> None:
        if not working.exists():
            shutil.copytree(pristine, working)
        for stray in working.iterdir():
            if stray.name != "kecamatan.toml":
                stray.unlink()
        shutil.copy(pristine / "history.toml", working / "history.toml")

    return copy


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=15, help="A/B pairs per case (default 15)")
    parser.add_argument("--only", help="run only the cases whose label holds this text")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    options = parser.parse_args(argv)
    if options.pairs < 10:
        parser.error("--pairs must be at least 10: a median of fewer says little")
    tool = tool_command(True)
    env = {"APEL_ROTASI_NOW": NOW}
    work = Path(tempfile.mkdtemp(prefix="apel-rotasi-bench-"))
    try:
        cache, cwd = work / "cache", work / "cwd"
        cwd.mkdir()
        small = work / "small"
        write_small_home(small)
        bigs = {
            "recent": LAST - dt.timedelta(weeks=999),
            "1950": dt.date(1950, 1, 2),
        }
        cases = []
        for name, first in bigs.items():
            big = work / name
            write_large_home(big, first=first)
            record_big, record_small = work / f"{name}-record", work / f"small-{name}-record"
            fresh_big, fresh_small = restore(big, record_big), restore(small, record_small)

            def both(
                a: Callable[[], None] = fresh_big, b: Callable[[], None] = fresh_small
            ) -> None:
                a()
                b()

            def case(
                command: str,
                args: list[str],
                homes: tuple[Path, Path],
                checks: tuple[Callable[[str], str | None], Callable[[str], str | None]],
                reset: Callable[[], None] = lambda: None,
                name: str = name,
            ) -> Case:
                return Case(
                    f"{command} {name}",
                    f"apel-rotasi {' '.join(args)} (1,000 kecamatan, 1,000 apel, {name})",
                    [*tool, *args],
                    homes[0],
                    f"apel-rotasi {' '.join(args)} (bundled roster, 3 apel)",
                    [*tool, *args],
                    homes[1],
                    TARGET,
                    checks[0],
                    checks[1],
                    env,
                    reset,
                )

            cases += [
                case("plan", PLAN, (big, small), (csv_rows(8), csv_rows(8))),
                case("history", HISTORY, (big, small), (csv_rows(1000), csv_rows(3))),
                case(
                    "record",
                    ["record", RECORDED, large_code(1)],
                    (record_big, record_small),
                    (anything, anything),
                    both,
                ),
            ]
        # the small home records another kecamatan: its own, from the bundled roster
        for c in cases:
            if c.label.startswith("record"):
                c.b_args = [*tool, "record", RECORDED, "16.71.01"]
                c.b_name = f"apel-rotasi record {RECORDED} 16.71.01 (bundled roster, 3 apel)"
        if options.only:
            cases = [c for c in cases if options.only in c.label]
        print("apel-rotasi big-home bench")
        print(machine())
        print(f"clock:   APEL_ROTASI_NOW={NOW}; {options.pairs} pairs per case (ABBA); medians")
        print()
        missed = measure_all(cases, options.pairs, cache, cwd)
        return 1 if options.check and missed else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
