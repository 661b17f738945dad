"""A long journal: ``check`` reads it in bounded memory, ``log`` from its end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

NOW = "2025-06-02T06:00:00+07:00"
MEASURED = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run([sys.executable, '-m', 'apel_rotasi', *sys.argv[1:]],"
    " stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def _line(number: int) -> str:
    day = f"2025-06-{9 + number % 14:02d}"
    after = {"date": day, "kecamatan": "16.71.09", "note": f"catatan nomor {number}"}
    line = {
        "at": NOW,
        "user": "clerk",
        "action": "pin",
        "file": "pins.toml",
        "date": day,
        "before": None,
        "after": after,
        "id": f"{number:016x}",
    }
    return json.dumps(line) + "\n"


def _journal(home: Path, lines: int) -> None:
    with (home / "journal.jsonl").open("w", encoding="utf-8") as handle:
        handle.writelines(_line(number) for number in range(lines))


def _peak(home: Path, *args: str) -> int:
    """The command's exit code checked, its peak resident memory in KiB."""
    env = {**os.environ, "APEL_ROTASI_HOME": str(home), "APEL_ROTASI_NOW": NOW}
    done = subprocess.run(
        [sys.executable, "-c", MEASURED, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    code, peak = done.stdout.split()
    assert code == "0", (args, done.stdout)
    return int(peak)


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KiB on Linux")
def test_check_of_a_large_journal_takes_no_more_memory_than_of_a_short_one(home: Path):
    _journal(home, 1)
    short = _peak(home, "check")
    _journal(home, 150_000)  # about 32 MB
    assert (home / "journal.jsonl").stat().st_size > 30_000_000
    assert _peak(home, "check") - short < 16 * 1024


def test_log_reads_the_journal_from_its_end_newest_first(cli, home, monkeypatch):
    from apel_rotasi.store import journal

    def refuse(*args: object) -> None:
        raise AssertionError("the journal was read oldest first")

    _journal(home, 3)
    monkeypatch.setattr(journal, "numbered", refuse)
    rows = json.loads(cli.ok("log", "-f", "json").stdout)
    assert [row["after"]["note"] for row in rows] == [
        "catatan nomor 2",
        "catatan nomor 1",
        "catatan nomor 0",
    ]


def test_log_and_check_pass_over_a_line_over_one_mebibyte(cli, home):
    _journal(home, 2)
    with (home / "journal.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(_line(2).replace("catatan", "c" * (1024 * 1024)))
        handle.write(_line(3))
    rows = json.loads(cli.ok("log", "-f", "json").stdout)
    assert [row["after"]["note"] for row in rows] == [
        "catatan nomor 3",
        "catatan nomor 1",
        "catatan nomor 0",
    ]
    said = cli.ok("check", "--lang", "en").stderr
    assert f"{home / 'journal.jsonl'}:3: this line is not a complete record" in said
