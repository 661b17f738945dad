"""Shared fixtures and data.

Every test gets an empty home, its own cache and no colour. The data below is written out
literally (never imported from apel_rotasi), so that the tests check the code against it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from apel_rotasi.cli import app

REPO = Path(__file__).resolve().parents[1]
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


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One holiday cache for the session (a warm cache, as users have)."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def home(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty home folder, named by APEL_ROTASI_HOME."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("APEL_ROTASI_HOME", str(folder))
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_dir))
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

    def __call__(self, *args: str) -> Run:
        result = self.runner.invoke(app, list(args))
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Run(result.exit_code, result.stdout, result.stderr)

    def ok(self, *args: str) -> Run:
        result = self(*args)
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
