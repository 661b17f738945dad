"""Start-up bench: whole processes of apel-rotasi against bare imports of what it stands on.

Run from the repository:

    uv run python bench/startup.py [--pairs N] [--module] [--check]

Every case times two commands, A and B, as whole processes (``subprocess.run``, wall
clock by ``time.perf_counter``): one warm-up run of each, then N pairs that alternate
A and B in one loop (the order flips every pair, ABBA, so neither side always runs
second), and compares the medians. Both sides use this interpreter (``sys.executable``).
The tool runs as the venv's ``apel-rotasi`` console script, as users type it (or with
``--module`` as ``python -m apel_rotasi``, which adds runpy's few milliseconds). All
runs share a private ``XDG_CACHE_HOME`` that the warm-up runs fill, with
``NO_COLOR=1``, ``COLUMNS=80`` and a fixed ``APEL_ROTASI_HOME`` per case.

It is a report: it exits 0 whatever the figures, unless ``--check`` is given, when a
missed target exits 1.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

PLAN = ["plan", "--start", "2025-04-14"]
BUNDLED_FIRST_THREE = ["16.71.06", "16.71.15", "16.71.09"]  # 14, 21, 28 April 2025
LARGE = 1000


@dataclass
class Case:
    label: str
    a_name: str
    a_args: list[str]
    a_home: Path
    b_name: str
    b_args: list[str]
    b_home: Path
    target: float
    check_a: Callable[[str], str | None]  # a problem with A's standard output, or None
    check_b: Callable[[str], str | None] = lambda out: None
    env: dict[str, str] = field(default_factory=dict)  # set for both sides
    reset: Callable[[], None] = lambda: None  # run before every run, untimed


@dataclass
class Result:
    case: Case
    a: list[float]
    b: list[float]

    @property
    def ratio(self) -> float:
        return statistics.median(self.a) / statistics.median(self.b)

    @property
    def pairwise(self) -> float:
        """The median of each pair's A/B: steadier than the ratio of medians under drift."""
        return statistics.median(a / b for a, b in zip(self.a, self.b, strict=True))

    @property
    def ok(self) -> bool:
        return self.ratio <= self.case.target


# --- the homes -------------------------------------------------------------------------


def write_small_home(home: Path) -> None:
    """The bundled roster (no kecamatan.toml) and a history of the first three apel of 2025."""
    home.mkdir(parents=True)
    days = [dt.date(2025, 4, 14), dt.date(2025, 4, 21), dt.date(2025, 4, 28)]
    tables = [
        f'[[apel]]\ndate = {day.isoformat()}\nkecamatan = "{code}"\nleader = "sekda"\n'
        for day, code in zip(days, BUNDLED_FIRST_THREE, strict=True)
    ]
    (home / "history.toml").write_text("\n".join(tables), encoding="utf-8")


def large_code(number: int) -> str:
    return f"99.{number // 100:02d}.{number % 100:02d}.{number:04d}"


def write_large_home(home: Path, full: bool = False, first: dt.date = dt.date(2000, 1, 3)) -> None:
    """1,000 kecamatan (unique codes and names, one default leader) and 1,000 past apel.

    The apel visit the kecamatan in rotation order, one a week from ``first`` (a Monday,
    by default 2000-01-03), so round 1
    is complete and ``unvisited`` lists all 1,000 again, each with its last visit. By
    default every table has only the keys it needs (code and name; date, kecamatan and
    leader); ``full`` adds short, aliases and kelurahan to each kecamatan and attendance
    figures (and a note on every third) to each apel.
    """
    home.mkdir(parents=True)
    roster = [
        "[rotation]",
        'city = "Kabupaten Bench"',
        'days = ["senin"]',
        'time = "07:30"',
        'timezone = "Asia/Jakarta"',
        'holidays = "ID"',
        'lang = "id"',
        "",
        "[[leader]]",
        'id = "sekda"',
        'name = "Sekretaris Bench"',
        'title = "Sekretaris Daerah"',
        "default = true",
        "",
        "[[leader]]",
        'id = "bupati"',
        'name = "Bupati Bench"',
        "",
    ]
    for i in range(1, LARGE + 1):
        roster += [
            "[[kecamatan]]",
            f'code = "{large_code(i)}"',
            f'name = "Kecamatan Nomor {i:04d}"',
        ]
        if full:
            roster += [
                f'short = "KN{i:04d}"',
                f'aliases = ["Kec {i:04d}"]',
                f"kelurahan = {i % 17 + 1}",
            ]
        roster.append("")
    (home / "kecamatan.toml").write_text("\n".join(roster), encoding="utf-8")
    history = []
    for i in range(LARGE):
        history += [
            "[[apel]]",
            f"date = {(first + dt.timedelta(weeks=i)).isoformat()}",
            f'kecamatan = "{large_code(i + 1)}"',
            f'leader = "{"bupati" if i % 10 == 0 else "sekda"}"',
        ]
        if full:
            history += [
                *([f'note = "Apel ke-{i + 1}"'] if i % 3 == 0 else []),
                f"present = {100 + i % 50}",
                f"sick = {i % 4}",
                f"leave = {i % 3}",
                f"absent = {i % 2}",
            ]
        history.append("")
    (home / "history.toml").write_text("\n".join(history), encoding="utf-8")


# --- checks on the warm-up output -----------------------------------------------------


def csv_plan(out: str) -> str | None:
    head = out.splitlines()[:1]
    if head != ["date,weekday,round,kecamatan_code,kecamatan,short,leader,status,note,time"]:
        return f"not the plan CSV: {out[:200]!r}"
    return None if "2025-04-14," in out else "the plan does not begin on 2025-04-14"


def table_plan(out: str) -> str | None:
    return None if "Ilir Timur II" in out else f"not the plan table: {out[:200]!r}"


def help_text(out: str) -> str | None:
    return None if "unvisited" in out else f"not the help: {out[:200]!r}"


def json_count(count: int) -> Callable[[str], str | None]:
    def check(out: str) -> str | None:
        try:
            rows = json.loads(out)
        except ValueError:
            return f"not JSON: {out[:200]!r}"
        return None if len(rows) == count else f"{len(rows)} rows, expected {count}"

    return check


# --- running ---------------------------------------------------------------------------


def tool_command(script: bool) -> list[str]:
    if script:
        found = Path(sys.executable).with_name("apel-rotasi")
        if not found.is_file():
            sys.exit(f"no console script beside {sys.executable}: install the project first")
        return [str(found)]
    return [sys.executable, "-m", "apel_rotasi"]


def environment(cache: Path, home: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "APEL_ROTASI_")) and k not in ("COLUMNS", "LINES")
    }
    env.update(XDG_CACHE_HOME=str(cache), APEL_ROTASI_HOME=str(home), NO_COLOR="1", COLUMNS="80")
    return env


def run(args: Sequence[str], env: dict[str, str], cwd: Path, capture: bool) -> tuple[float, str]:
    out = subprocess.PIPE if capture else subprocess.DEVNULL
    start = time.perf_counter()
    done = subprocess.run(args, env=env, cwd=cwd, stdout=out, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} exited {done.returncode}:\n{done.stderr}")
    return elapsed * 1000, done.stdout or ""


def measure(case: Case, pairs: int, cache: Path, cwd: Path) -> Result:
    env_a = {**environment(cache, case.a_home), **case.env}
    env_b = {**environment(cache, case.b_home), **case.env}
    for args, env, check in (
        (case.a_args, env_a, case.check_a),
        (case.b_args, env_b, case.check_b),
    ):
        case.reset()
        _, out = run(args, env, cwd, capture=True)  # the warm-up: fills caches, checks output
        problem = check(out)
        if problem:
            sys.exit(f"{case.label}: {' '.join(args)}: {problem}")
    a: list[float] = []
    b: list[float] = []
    for i in range(pairs):
        order = ((case.a_args, env_a, a), (case.b_args, env_b, b))
        for args, env, times in order if i % 2 == 0 else order[::-1]:
            case.reset()
            times.append(run(args, env, cwd, capture=False)[0])
    return Result(case, a, b)


def source_state() -> str:
    """The commit measured, and whether src/ had uncommitted changes."""
    repo = Path(__file__).resolve().parents[1]
    try:
        commit = subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(repo), "status", "--porcelain", "--", "src"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return f"commit {commit}" + (" + uncommitted changes in src/" if dirty else "")


def machine() -> str:
    versions = []
    for package in ("typer", "rich", "holidays", "babel"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions.append(f"{package} {metadata.version(package)}")
    load = ""
    if hasattr(os, "getloadavg"):
        load = " | load " + " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"source:  {source_state()}\n"
        f"machine: {platform.platform()} | {platform.machine()} | {os.cpu_count()} CPUs{load}\n"
        f"python:  {platform.python_implementation()} {platform.python_version()} "
        f"({sys.executable})\n"
        f"libs:    {', '.join(versions)}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--pairs", type=int, default=15, help="A/B pairs per case, at least 10 (default 15)"
    )
    parser.add_argument(
        "--module",
        action="store_true",
        help="run python -m apel_rotasi instead of the venv's apel-rotasi console script",
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="give the large home every optional key (short, aliases, kelurahan, attendance)",
    )
    parser.add_argument(
        "--same-exit",
        action="store_true",
        help="end the bare imports of (a) to (c) with gc.freeze() as the tool ends, so that "
        "the ratios compare start-up and work alone",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    options = parser.parse_args(argv)
    if options.pairs < 10:
        parser.error("--pairs must be at least 10: a median of fewer says little")

    tool = tool_command(not options.module)
    python = sys.executable
    exit_code = "; import gc; gc.freeze()" if options.same_exit else ""

    def bare(imports: str) -> tuple[str, list[str]]:
        """The B side of (a) to (c): a bare import, ended as asked."""
        code = f"import {imports}{exit_code}"
        return f'python -c "{code}"', [python, "-c", code]

    work = Path(tempfile.mkdtemp(prefix="apel-rotasi-bench-"))
    try:
        cache, cwd = work / "cache", work / "cwd"
        cwd.mkdir()
        empty, small, large = work / "home-empty", work / "home-small", work / "home-large"
        empty.mkdir()
        write_small_home(small)
        write_large_home(large, options.full)
        cases = [
            Case(
                "(a) plan table",
                "apel-rotasi plan --start 2025-04-14",
                [*tool, *PLAN],
                empty,
                *bare("typer, rich.console, rich.table"),
                empty,
                1.3,
                table_plan,
            ),
            Case(
                "(b) plan csv",
                "apel-rotasi plan --start 2025-04-14 --format csv",
                [*tool, *PLAN, "--format", "csv"],
                empty,
                *bare("typer"),
                empty,
                1.2,
                csv_plan,
            ),
            Case(
                "(c) --help",
                "apel-rotasi --help",
                [*tool, "--help"],
                empty,
                *bare("typer"),
                empty,
                1.2,
                help_text,
            ),
            Case(
                "(d) large/small",
                f"apel-rotasi unvisited --format json ({LARGE} kecamatan, {LARGE} apel"
                + (", every optional key)" if options.full else ")"),
                [*tool, "unvisited", "--format", "json"],
                large,
                "apel-rotasi unvisited --format json (bundled 18 kecamatan, 3 apel)",
                [*tool, "unvisited", "--format", "json"],
                small,
                1.5,
                json_count(LARGE),
                json_count(18 - 3),
            ),
        ]
        print("apel-rotasi start-up bench")
        print(machine())
        print(f"tool:    {' '.join(tool)}  ({'-m' if options.module else 'console script'})")
        print(
            "exit:    the tool runs without the collector and ends with gc.freeze(); "
            + (
                "so do the bare imports (--same-exit)"
                if options.same_exit
                else "the bare imports exit normally (--same-exit to match)"
            )
        )
        print(
            f"method:  whole processes, wall clock (perf_counter); 1 warm-up run per side, then "
            f"{options.pairs} pairs alternating A/B (ABBA); medians"
        )
        print(f"env:     XDG_CACHE_HOME={cache} (private, warmed), NO_COLOR=1, COLUMNS=80")
        print()
        missed = measure_all(cases, options.pairs, cache, cwd)
        return 1 if options.check and missed else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure_all(cases: Sequence[Case], pairs: int, cache: Path, cwd: Path) -> list[Result]:
    """Each case measured and reported, then the summary; the cases that missed."""
    results = []
    for case in cases:
        result = measure(case, pairs, cache, cwd)
        results.append(result)
        report(result)
    return summary(results)


def summary(results: Sequence[Result]) -> list[Result]:
    """A table of every case's medians, ratio and target; the cases that missed theirs."""
    print()
    print(f"{'case':<18} {'A ms':>8} {'B ms':>8} {'ratio':>6} {'target':>7}")
    for result in results:
        print(
            f"{result.case.label:<18} {statistics.median(result.a):8.1f} "
            f"{statistics.median(result.b):8.1f} {result.ratio:6.3f} "
            f"{'≤ ' + format(result.case.target, '.1f'):>7}  "
            f"{'OK' if result.ok else 'OVER'}"
        )
    missed = [r for r in results if not r.ok]
    print()
    print("all targets met" if not missed else f"{len(missed)} target(s) missed")
    return missed


def report(result: Result) -> None:
    case = result.case

    def line(name: str, times: list[float]) -> str:
        quartiles = statistics.quantiles(times, n=4)
        return (
            f"    {name}\n      median {statistics.median(times):7.1f} ms  "
            f"(min {min(times):.1f}, quartiles {quartiles[0]:.1f} to {quartiles[2]:.1f})"
        )

    print(f"{case.label}")
    print(line(f"A: {case.a_name}", result.a))
    print(line(f"B: {case.b_name}", result.b))
    print(
        f"    ratio A/B {result.ratio:.3f}  target ≤ {case.target:.1f}  "
        f"{'OK' if result.ok else 'OVER'}  (median of the pairs' ratios: {result.pairwise:.2f})"
    )


if __name__ == "__main__":
    sys.exit(main())
