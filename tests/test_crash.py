"""`kill -9` at any moment of `record` leaves the old or the new history.toml (SPEC Data safety)."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
import tomllib

import pytest
from conftest import ROTATION_CODES, run_process, stress

RUNS = stress(15, 60)
SEED = 20250414
# history.toml, its lock and its one temporary file, and the journal of changes beside them
ALLOWED = {"history.toml", "history.toml.lock", ".history.toml.tmp", "journal.jsonl"}
AFTER_A_WRITE = {"history.toml", "history.toml.lock", "journal.jsonl"}


def _prefill(home, count: int) -> dict[dt.date, str]:
    """A long history written by hand (spec shape), so that each write takes a while."""
    first = dt.date(1990, 1, 1)
    apel = {
        first + dt.timedelta(days=i): ROTATION_CODES[i % len(ROTATION_CODES)] for i in range(count)
    }
    text = "\n".join(
        f'[[apel]]\ndate = {day.isoformat()}\nkecamatan = "{code}"\nleader = "sekda"\n'
        f"present = {100 + i % 50}\nsick = {i % 4}\n"
        for i, (day, code) in enumerate(apel.items())
    )
    (home / "history.toml").write_text(text, encoding="utf-8")
    return apel


def _read(home) -> dict[dt.date, str]:
    """history.toml as {date: code}; it must always parse and hold well-formed apel."""
    path = home / "history.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {"apel"}, f"history.toml holds {data!r}"
    apel = data["apel"]
    dates = [a["date"] for a in apel]
    assert len(dates) == len(set(dates)) and dates == sorted(dates)
    for a in apel:
        assert {"date", "kecamatan", "leader"} <= set(a), a
    return {a["date"]: a["kecamatan"] for a in apel}


def _start(day: dt.date, code: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "apel_rotasi", "record", day.isoformat(), code],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )


def test_record_killed_at_random_moments_never_breaks_history(home):
    rng = random.Random(SEED)
    prefilled = _prefill(home, 1000)
    confirmed = dict(prefilled)  # every apel that must be there from now on
    attempted: dict[dt.date, str] = {}
    # How long a whole `record` takes here. Odd runs are killed after a random 0-300 ms;
    # even runs aim at the end of a record, where it writes, so that some kills land in the
    # middle of the write. The aim follows the load of the machine: later when a run was
    # killed, earlier when it finished first.
    durations = []
    for week in range(3):
        day, code = dt.date(2009, 1, 5) + dt.timedelta(weeks=week), ROTATION_CODES[week]
        began = time.perf_counter()
        calibration = _start(day, code)
        assert calibration.wait(timeout=60) == 0, calibration.stderr.read()
        durations.append(time.perf_counter() - began)
        confirmed[day] = code
    whole = aim = sorted(durations)[1]
    finished = killed = stray_seen = 0
    started = time.perf_counter()
    for run in range(RUNS):
        day = dt.date(2010, 1, 4) + dt.timedelta(weeks=run)
        code = ROTATION_CODES[run % len(ROTATION_CODES)]
        attempted[day] = code
        aimed = run % 2 == 0
        delay = max(0.0, rng.uniform(aim - 0.04, aim + 0.01)) if aimed else rng.uniform(0, 0.3)
        process = _start(day, code)
        time.sleep(delay)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        _, err = process.communicate(timeout=60)
        if process.returncode == 0:
            finished += 1
            confirmed[day] = code
        else:
            assert process.returncode == -signal.SIGKILL, (run, process.returncode, err)
            killed += 1
        if aimed:
            aim += 0.015 if process.returncode else -0.015
        # after every kill: the file parses, nothing confirmed is lost, nothing invented
        present = _read(home)
        for date, kec in confirmed.items():
            assert present.get(date) == kec, f"run {run}: lost the apel of {date}"
        assert set(present) <= set(confirmed) | set(attempted), f"run {run}: invented apel"
        names = {p.name for p in home.iterdir()}
        assert names <= ALLOWED, f"run {run}: left behind {sorted(names - ALLOWED)}"
        stray_seen += ".history.toml.tmp" in names
    elapsed = time.perf_counter() - started
    print(
        f"\ncrash: {RUNS} runs of `record` (seed {SEED}, a whole record takes "
        f"{whole * 1000:.0f} ms): {killed} killed with SIGKILL, {finished} finished first; "
        f"a stray temporary file seen after {stray_seen}; {elapsed:.1f} s"
    )
    assert killed > 0, "no run was killed: the test tested nothing"

    # the next record still works, and reuses or removes the temporary file
    after = run_process("record", "2020-01-06", "Kemuning")
    assert after.returncode == 0, after.stderr
    present = _read(home)
    assert present[dt.date(2020, 1, 6)] == "16.71.09"
    for date, kec in confirmed.items():
        assert present[date] == kec
    assert {p.name for p in home.iterdir()} <= AFTER_A_WRITE
    check = run_process("check")
    assert check.returncode == 0 and check.stdout == "OK\n", check.stderr


def test_a_stale_temporary_file_is_reused_by_the_next_record(home, cli):
    """What a kill between writing the temporary file and renaming it leaves behind."""
    cli.ok("record", "2025-04-14", "IT II")
    stale = home / ".history.toml.tmp"
    stale.write_text('[[apel]]\ndate = 2025-04-21\nkecamatan = "16.7', encoding="utf-8")
    listing = cli.ok("unvisited", "--format", "csv")
    assert len(listing.stdout.splitlines()) == 18, listing.stderr
    cli.ok("record", "2025-04-21", "AAL")
    assert sorted(_read(home)) == [dt.date(2025, 4, 14), dt.date(2025, 4, 21)]
    assert not stale.exists()
    assert {p.name for p in home.iterdir()} <= AFTER_A_WRITE


# A `record` that kills itself (SIGKILL) at one exact moment of writing history.toml: halfway
# through writing its bytes, or once they are written but before the rename. It catches
# open() (builtins, io, pathlib), os.write and os.replace/os.rename, however the tool writes.
DYING_RECORD = r"""
import builtins, io, os, signal, sys

home, moment = os.path.realpath(os.environ["APEL_ROTASI_HOME"]), sys.argv[1]


def ours(path):
    path = os.path.realpath(os.fspath(path))
    name = os.path.basename(path)
    return os.path.dirname(path) == home and "history" in name and not name.endswith(".lock")


def die():
    os.kill(os.getpid(), signal.SIGKILL)


real_open, real_write = io.open, os.write
real_replace, real_rename = os.replace, os.rename


class HalfWriter:
    def __init__(self, handle):
        self.handle = handle

    def write(self, data):
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        os.fsync(self.handle.fileno())
        die()

    def __getattr__(self, name):
        return getattr(self.handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self.handle.__exit__(*exc)


def dying_open(file, mode="r", *args, **kwargs):
    handle = real_open(file, mode, *args, **kwargs)
    writing = any(m in mode for m in "wax+")
    name = f"/proc/self/fd/{file}" if isinstance(file, int) else file  # os.fdopen(fd)
    if moment == "mid-write" and writing and ours(name):
        return HalfWriter(handle)
    return handle


def dying_write(fd, data):
    if moment == "mid-write" and ours(f"/proc/self/fd/{fd}"):
        real_write(fd, bytes(data[: len(data) // 2]))
        os.fsync(fd)
        die()
    return real_write(fd, data)


def dying_rename(real):
    def rename(source, target, *args, **kwargs):
        if moment == "before-rename" and ours(target):
            die()
        return real(source, target, *args, **kwargs)
    return rename


builtins.open = io.open = dying_open
os.write = dying_write
os.replace, os.rename = dying_rename(real_replace), dying_rename(real_rename)
sys.argv = ["apel-rotasi", *sys.argv[2:]]
from apel_rotasi.cli import main

main()
"""


@pytest.mark.parametrize("moment", ["mid-write", "before-rename"])
def test_a_kill_while_writing_leaves_the_old_file(home, moment):
    first = run_process("record", "2025-04-14", "IT II", "--present", "120")
    assert first.returncode == 0, first.stderr
    old = (home / "history.toml").read_bytes()
    dying = subprocess.run(
        [sys.executable, "-c", DYING_RECORD, moment, "record", "2025-04-21", "AAL"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
    )
    assert dying.returncode == -signal.SIGKILL, f"the write was never reached: {dying.stderr}"
    assert (home / "history.toml").read_bytes() == old  # the old file, whole
    names = {p.name for p in home.iterdir()}
    assert names <= ALLOWED, sorted(names - ALLOWED)
    after = run_process("record", "2025-04-28", "Kemuning")
    assert after.returncode == 0, after.stderr
    expected = {dt.date(2025, 4, 14): "16.71.06", dt.date(2025, 4, 28): "16.71.09"}
    if moment == "before-rename":  # journaled, its new file whole: the next writer completes it
        expected[dt.date(2025, 4, 21)] = "16.71.15"
    assert _read(home) == expected
    assert {p.name for p in home.iterdir()} <= AFTER_A_WRITE
