"""Shared fixtures and data.

Every test runs with the home, data, config and cache folders inside pytest's temporary
folder, so that the suite writes nothing into the user's own folders. The data below is
written out literally (never imported from apel_rotasi), so that the tests check the code
against it; each constant is defined here once.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from apel_rotasi.cli import app

if TYPE_CHECKING:
    from apel_rotasi.model import Roster

REPO = Path(__file__).resolve().parents[1]

THOROUGH = os.environ.get("APEL_ROTASI_TESTS") == "thorough"
"""The profile `.ci/run` sets: the fuzz, kill and stress tests run their full counts.
A plain `uv run pytest` runs fewer, so that the suite stays quick on a laptop."""


def stress(quick: int, thorough: int) -> int:
    """How many runs, examples or seeds a fuzz, kill or stress test makes in this profile."""
    return thorough if THOROUGH else quick


BUNDLED = REPO / "data" / "kecamatan.toml"

# The 18 kecamatan of the bundled roster, in rotation order (data/kecamatan.toml).
ROTATION = [
    "Ilir Timur II",
    "Alang-Alang Lebar",
    "Kemuning",
    "Ilir Barat II",
    "Seberang Ulu I",
    "Seberang Ulu II",
    "Ilir Barat I",
    "Ilir Timur I",
    "Sukarami",
    "Sako",
    "Kalidoni",
    "Bukit Kecil",
    "Gandus",
    "Kertapati",
    "Plaju",
    "Sematang Borang",
    "Jakabaring",
    "Ilir Timur III",
]
# Each kecamatan's Kemendagri code, by name (in rotation order).
CODES = {
    "Ilir Timur II": "16.71.06",
    "Alang-Alang Lebar": "16.71.15",
    "Kemuning": "16.71.09",
    "Ilir Barat II": "16.71.01",
    "Seberang Ulu I": "16.71.02",
    "Seberang Ulu II": "16.71.03",
    "Ilir Barat I": "16.71.04",
    "Ilir Timur I": "16.71.05",
    "Sukarami": "16.71.07",
    "Sako": "16.71.08",
    "Kalidoni": "16.71.10",
    "Bukit Kecil": "16.71.11",
    "Gandus": "16.71.12",
    "Kertapati": "16.71.13",
    "Plaju": "16.71.14",
    "Sematang Borang": "16.71.16",
    "Jakabaring": "16.71.17",
    "Ilir Timur III": "16.71.18",
}

# The codes in rotation order, and the short names the bundled roster gives.
ROTATION_CODES = [CODES[name] for name in ROTATION]
SHORT = {
    "Ilir Timur II": "IT II",
    "Alang-Alang Lebar": "AAL",
    "Ilir Barat II": "IB II",
    "Seberang Ulu I": "SU I",
    "Seberang Ulu II": "SU II",
    "Ilir Barat I": "IB I",
    "Ilir Timur I": "IT I",
    "Ilir Timur III": "IT III",
}

# The columns of each listing in CSV and JSON (SPEC "Machine-readable output").
COUNTS = ["present", "sick", "leave", "permit", "duty", "absent"]
PLAN_COLUMNS = [
    "date",
    "weekday",
    "round",
    "kecamatan_code",
    "kecamatan",
    "short",
    "leader",
    "status",
    "note",
    "time",
]
HISTORY_COLUMNS = [
    "date",
    "round",
    "kecamatan_code",
    "kecamatan",
    "short",
    "leader",
    *COUNTS,
    "note",
    "status",
]
UNVISITED_COLUMNS = ["kecamatan_code", "kecamatan", "short", "last_visit"]
KECAMATAN_COLUMNS = [
    "order",
    "kecamatan_code",
    "kecamatan",
    "short",
    "kelurahan",
    "visits",
    "last_visit",
]
REPORT_COLUMNS = [
    "kecamatan_code",
    "kecamatan",
    "short",
    "visits",
    "last_visit",
    "days_since",
    *COUNTS,
    "attendance_rate",
    "staff",
    "findings_open",
    "findings_overdue",
]

# Weekdays (Monday first) and months, as the tool writes them in each language.
DAYS_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS_ID = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def long_date(day: dt.date, lang: str = "id") -> str:
    """A date written out in full: "Senin, 14 April 2025" or "Monday, 14 April 2025"."""
    days, months = {"id": (DAYS_ID, MONTHS_ID), "en": (DAYS_EN, MONTHS_EN)}[lang]
    return f"{days[day.weekday()]}, {day.day} {months[day.month - 1]} {day.year}"


OWN_BASETEMP = pytest.StashKey[Path]()


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Unless ``--basetemp`` names one (to keep a run's folders and look into them), the
    run's temporary folders go into a folder of its own, removed when the run ends: not
    pytest's ``pytest-of-USER``, which outlives the run."""
    if config.option.basetemp is None:
        folder = Path(tempfile.mkdtemp(prefix="apel-rotasi-tests-"))
        config.option.basetemp = str(folder)
        config.stash[OWN_BASETEMP] = folder


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(OWN_BASETEMP, None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def fits(text: str, columns: int = 80) -> None:
    """Every line of ``text`` fits in ``columns`` terminal cells, counted as Rich counts them
    (a wide character takes two)."""
    too_long = [
        f"{cell_len(line)}: {line}" for line in text.splitlines() if cell_len(line) > columns
    ]
    assert not too_long, "\n".join(too_long)


def plan_record(
    day: dt.date,
    status: str,
    kecamatan: str | None = None,
    note: str | None = None,
    leader: str = "Aprizal Hasyim",
    round_: int = 1,
) -> dict[str, object]:
    """A plan row as the listing gives it to the renderers (the kecamatan's code is IT II's)."""
    apel = status in ("planned", "pinned", "recorded")
    return {
        "date": day,
        "weekday": "Senin",
        "round": round_ if apel else None,
        "kecamatan_code": "16.71.06" if apel else None,
        "kecamatan": kecamatan if apel else None,
        "short": None,
        "leader": leader if apel else None,
        "status": status,
        "note": note,
    }


def round_oracle(codes: Sequence[str], visits: Sequence[str]) -> tuple[list[int], int, list[str]]:
    """SPEC "Rounds" worked out the plain way, for the property tests to hold the code to.

    ``codes`` is the roster in rotation order, ``visits`` the kecamatan of each apel in date
    order. Returns each apel's round, the current round, and the current round's unvisited
    codes in rotation order. Round 1 begins with the first apel; a round is complete when
    every code has an apel in it, and the next apel opens the next round; a code the roster
    lacks counts for nothing.
    """
    everyone = set(codes)
    current, seen, rounds = 1, set[str](), []
    for code in visits:
        if seen == everyone:
            current, seen = current + 1, set()
        rounds.append(current)
        if code in everyone:
            seen.add(code)
    if visits and seen == everyone:  # the last apel completed its round: the next is current
        current, seen = current + 1, set()
    return rounds, current, [code for code in codes if code not in seen]


@functools.cache
def bundled_roster() -> Roster:
    """The bundled roster, loaded at its first use inside a test: after ``isolated`` has
    pointed the cache folder into the test's temporary folder, never at import time."""
    from apel_rotasi.store.roster import load_roster

    return load_roster(Path("/nonexistent"))[0]  # no kecamatan.toml there: the bundled one


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One holiday cache for the session (a warm cache, as users have)."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tool's folders inside the test's temporary folder, never the user's own."""
    monkeypatch.setenv("APEL_ROTASI_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_dir))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty home folder, the one APEL_ROTASI_HOME names; no colour, 80 columns."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("APEL_ROTASI_DEBUG", raising=False)
    yield folder


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(home: Path) -> Cli:
    return Cli(home)


class Cli:
    """Runs the CLI in-process through Typer's CliRunner (stdout and stderr apart)."""

    def __init__(self, home: Path):
        self.home = home
        self.runner = CliRunner()

    def __call__(self, *args: str, env: dict[str, str] | None = None) -> Run:
        """``env``: variables set for this run only (``APEL_ROTASI_NOW``, say)."""
        result = self.runner.invoke(app, list(args), env=env)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Run(result.exit_code, result.stdout, result.stderr)

    def ok(self, *args: str, env: dict[str, str] | None = None) -> Run:
        result = self(*args, env=env)
        assert result.exit_code == 0, f"{args}: exit {result.exit_code}\n{result.stderr}"
        return result


def run_process(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m apel_rotasi`` as a user would, in a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "apel_rotasi", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )


def snapshot(folder: Path) -> dict[str, str]:
    """The name and content hash of every file in a folder, to show nothing changed."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
