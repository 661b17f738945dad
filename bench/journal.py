"""Journal bench: `record` in a home whose journal has 1,000 lines against one with none.

    uv run python bench/journal.py [--runs N]

`record` only appends to the journal (it reads it back only after a crash left a change
pending), so the two medians should be alike. Whole processes, alternating the two homes,
each run recording the next Monday; it reports the medians and exits 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NOW = "2025-06-03T09:00:00+07:00"
IT2 = "16.71.06"


def journal_of(count: int) -> str:
    """``count`` lines as `record` writes them (the figures change, so no two are alike)."""
    out = []
    for n in range(count):
        day = (dt.date(2000, 1, 3) + dt.timedelta(weeks=n)).isoformat()
        line = {
            "at": NOW,
            "user": "clerk",
            "action": "record",
            "file": "history.toml",
            "date": day,
            "before": None,
            "after": {"date": day, "kecamatan": IT2, "leader": "sekda", "present": n},
            "id": f"{n:016x}",
            "base": None,
            "sha256": "0" * 64,
        }
        out.append(json.dumps(line, separators=(",", ":")) + "\n")
    return "".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="apel-rotasi-bench-") as scratch:
        homes = {count: Path(scratch, f"home-{count}") for count in (0, 1000)}
        for count, home in homes.items():
            home.mkdir()
            if count:
                (home / "journal.jsonl").write_text(journal_of(count), encoding="utf-8")
        clean = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        env = {**clean, "XDG_CACHE_HOME": str(Path(scratch, "cache")), "APEL_ROTASI_NOW": NOW}
        timings: dict[int, list[float]] = {0: [], 1000: []}
        for week in range(runs + 1):  # the first round warms the cache
            day = (dt.date(2025, 1, 6) + dt.timedelta(weeks=week)).isoformat()
            for count in sorted(homes, reverse=week % 2 == 1):
                began = time.perf_counter()
                done = subprocess.run(
                    [sys.executable, "-m", "apel_rotasi", "record", day, "IT II"],
                    capture_output=True,
                    env={**env, "APEL_ROTASI_HOME": str(homes[count])},
                    timeout=60,
                    check=False,
                )
                if done.returncode != 0:
                    sys.exit(done.stderr.decode())
                if week:
                    timings[count].append(time.perf_counter() - began)
    for count in (0, 1000):
        median = statistics.median(timings[count]) * 1000
        print(f"journal of {count:>5} lines: record median {median:.1f} ms ({runs} runs)")


if __name__ == "__main__":
    main()
