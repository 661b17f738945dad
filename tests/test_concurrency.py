"""Several people recording at once into one shared home lose no record (SPEC Data safety)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor

from conftest import ROTATION_CODES, run_process, stress

WORKERS = 8
PER_WORKER = stress(8, 25)

# A worker is its own OS process: it says it is ready, waits for the start signal, then
# runs the CLI's `record` once per job, each a whole command as `apel-rotasi record DATE
# CODE` runs it.
WORKER = r"""
import os, sys, time
from apel_rotasi.cli import app

ready, go, jobs = sys.argv[1], sys.argv[2], sys.argv[3:]
open(ready, "w").close()
while not os.path.exists(go):
    time.sleep(0.001)
failed = []
for job in jobs:
    date, code = job.split("=")
    try:
        app(["record", date, code], prog_name="apel-rotasi")
        status = 0
    except SystemExit as done:
        status = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    if status != 0:
        failed.append(f"{job}: exit {status}")
print("\n".join(failed))
sys.exit(1 if failed else 0)
"""


def _jobs(total: int, first: dt.date) -> list[tuple[dt.date, str]]:
    """``total`` distinct past Mondays, each with the kecamatan of its place in the rotation."""
    return [
        (first + dt.timedelta(weeks=i), ROTATION_CODES[i % len(ROTATION_CODES)])
        for i in range(total)
    ]


def _check_home(home, jobs) -> None:
    path = home / "history.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))  # it parses
    apel = data["apel"]
    dates = [a["date"] for a in apel]
    assert len(dates) == len(set(dates)), "a date is duplicated"
    assert sorted(dates) == dates, "history.toml is not in date order"
    assert {a["date"]: a["kecamatan"] for a in apel} == dict(jobs), "a record is lost or wrong"
    assert all(a["leader"] == "sekda" for a in apel)
    leftovers = sorted(
        p.name
        for p in home.iterdir()
        if p.name not in ("history.toml", "history.toml.lock", "journal.jsonl")
    )
    assert leftovers == [], f"left behind: {leftovers}"
    # every record journaled once, no two appends mixed in one line
    journal = (home / "journal.jsonl").read_text(encoding="utf-8").splitlines()
    journaled = sorted(json.loads(line)["date"] for line in journal)
    assert journaled == sorted(day.isoformat() for day, _ in jobs)
    assert not list(home.rglob("*.tmp"))


def test_eight_processes_recording_interleaved_dates_lose_nothing(home, cli):
    jobs = _jobs(WORKERS * PER_WORKER, dt.date(2019, 1, 7))
    # interleave the dates between the workers, so each write lands inside the others'
    shares = [jobs[w::WORKERS] for w in range(WORKERS)]
    go, ready = home.parent / "go", [home.parent / f"ready-{w}" for w in range(WORKERS)]
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                WORKER,
                str(flag),
                str(go),
                *(f"{day.isoformat()}={code}" for day, code in share),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(os.environ),
        )
        for share, flag in zip(shares, ready, strict=True)
    ]
    waited = time.perf_counter()
    while not all(flag.exists() for flag in ready):  # every worker imported, at the start line
        assert time.perf_counter() - waited < 60, "a worker never got ready"
        assert all(p.poll() is None for p in processes), "a worker ended before the start"
        time.sleep(0.01)
    started = time.perf_counter()
    go.touch()
    outcomes = [p.communicate(timeout=120) for p in processes]
    elapsed = time.perf_counter() - started
    for process, (out, err) in zip(processes, outcomes, strict=True):
        assert process.returncode == 0, f"worker failed:\n{out}\n{err[-2000:]}"
        assert "Traceback" not in err
    print(
        f"\nconcurrency: {WORKERS} processes x {PER_WORKER} records = {len(jobs)} apel "
        f"in {elapsed:.2f} s ({len(jobs) / elapsed:.0f} records/s)"
    )
    _check_home(home, jobs)
    # the file is the tool's own: check is happy, and the rounds come out as recorded
    run = cli("check")
    assert run.exit_code == 0 and run.stdout == "OK\n", run.stderr
    rows = cli.ok("history", "--format", "csv").stdout.splitlines()
    assert len(rows) == 1 + len(jobs)
    complete, rest = divmod(len(jobs), len(ROTATION_CODES))
    unvisited = cli.ok("unvisited", "--format", "csv").stdout.splitlines()[1:]
    assert [line.split(",")[0] for line in unvisited] == ROTATION_CODES[rest:]
    assert f"Putaran {complete + 1}: {rest} dari" in cli.ok("unvisited").stdout


def test_eight_real_command_lines_at_once_lose_nothing(home):
    """The same with `python -m apel_rotasi record` processes, 8 running at any moment."""
    jobs = _jobs(WORKERS * stress(2, 4), dt.date(2015, 1, 5))
    started = time.perf_counter()
    with ThreadPoolExecutor(WORKERS) as pool:
        runs = list(pool.map(lambda job: run_process("record", job[0].isoformat(), job[1]), jobs))
    elapsed = time.perf_counter() - started
    for run in runs:
        assert run.returncode == 0, run.stderr
        assert "Traceback" not in run.stderr
    print(
        f"\nconcurrency: {len(jobs)} `python -m apel_rotasi record` processes, "
        f"{WORKERS} at a time, in {elapsed:.2f} s"
    )
    _check_home(home, jobs)
