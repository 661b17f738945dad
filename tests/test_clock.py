"""The city's clock (SPEC Today): "today" is Palembang's date whatever zone the computer has.

Each case runs the tool in a process of its own with ``TZ`` set to the far ends of the
world's clocks: UTC-12 (``Etc/GMT+12``), where Palembang is a day ahead for most of the day,
and UTC+14 (``Pacific/Kiritimati``), a day ahead of Palembang for most of the day.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

ZONES = ["Etc/GMT+12", "Pacific/Kiritimati"]
# Monday 14 April 2025, 01:00 in Palembang: still Sunday 13 April in UTC and at UTC-12,
# already Monday 14 April at UTC+14.
MONDAY_1AM = "2025-04-13T18:00:00Z"
# Monday 14 April 2025, 23:30 in Palembang: already Tuesday at UTC+14.
MONDAY_LATE = "2025-04-14T16:30:00Z"


@pytest.fixture
def tz_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "APEL_ROTASI_NOW"}
    env["APEL_ROTASI_HOME"] = str(home)
    return env


def process(env: dict[str, str], zone: str, *args: str, now: str | None = None):
    """``python -m apel_rotasi ARGS`` under ``TZ=zone`` (and a fixed instant, if given)."""
    full = {**env, "TZ": zone}
    if now is not None:
        full["APEL_ROTASI_NOW"] = now
    return subprocess.run(
        [sys.executable, "-m", "apel_rotasi", *args],
        capture_output=True,
        text=True,
        env=full,
        timeout=60,
    )


def recorded(home: Path) -> dict[dt.date, str]:
    data = tomllib.loads((home / "history.toml").read_text(encoding="utf-8"))
    return {a["date"]: a.get("kecamatan") or a.get("cancelled") for a in data["apel"]}


@pytest.mark.parametrize("zone", ZONES)
def test_monday_1am_in_palembang_is_monday_whatever_the_computer_says(tz_env, home, zone):
    ok = process(tz_env, zone, "record", "2025-04-14", "IT II", now=MONDAY_1AM)
    assert ok.returncode == 0, ok.stderr
    assert "belum tiba" not in ok.stderr
    today = process(tz_env, zone, "record", "hari", "ini", "AAL", "--replace", now=MONDAY_1AM)
    assert today.returncode == 0, today.stderr
    assert recorded(home) == {dt.date(2025, 4, 14): "16.71.15"}
    tomorrow = process(tz_env, zone, "record", "besok", "Kemuning", now=MONDAY_1AM)
    assert tomorrow.returncode == 1 and "Selasa, 15 April 2025" in tomorrow.stderr
    # the journal's time is the city's, with its offset
    line = json.loads((home / "journal.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert line["at"] == "2025-04-14T01:00:00+07:00"


@pytest.mark.parametrize("zone", ZONES)
def test_pin_plan_calendar_and_report_share_the_city_date(tz_env, home, zone):
    assert process(tz_env, zone, "record", "14/4/2025", "IT II", now=MONDAY_1AM).returncode == 0
    past = process(tz_env, zone, "pin", "13/4/2025", "AAL", now=MONDAY_1AM)
    assert past.returncode == 1 and "sudah lewat" in past.stderr
    today = process(tz_env, zone, "pin", "14/4/2025", "--led-by", "wako", now=MONDAY_1AM)
    assert today.returncode == 0, today.stderr
    plan = process(tz_env, zone, "plan", "--weeks", "1", "-f", "csv", now=MONDAY_1AM)
    assert plan.stdout.splitlines()[1].startswith("2025-04-21,"), plan.stdout
    report = process(tz_env, zone, "report", "-f", "json", now=MONDAY_LATE)
    days = {r["kecamatan"]: r["days_since"] for r in json.loads(report.stdout)}
    assert days["Ilir Timur II"] == 0
    month = process(tz_env, zone, "calendar", now=MONDAY_1AM)
    assert month.returncode == 0 and "April 2025" in month.stdout
    check = process(tz_env, zone, "check", now=MONDAY_1AM)
    assert check.returncode == 0 and check.stdout == "OK\n", check.stderr


@pytest.mark.parametrize("zone", ZONES)
def test_the_real_clock_is_the_city_clock(tz_env, home, zone):
    """With no fixed instant: "hari ini" is Palembang's date now (a run that straddles
    Palembang's midnight may see either date)."""
    before = dt.datetime.now(ZoneInfo("Asia/Jakarta")).date()
    done = process(tz_env, zone, "record", "hari", "ini", "IT II")
    after = dt.datetime.now(ZoneInfo("Asia/Jakarta")).date()
    assert done.returncode == 0, done.stderr
    (day,) = recorded(home)
    assert day in (before, after)
    tomorrow = process(tz_env, zone, "record", "besok", "AAL")
    assert tomorrow.returncode == 1
    plan = process(tz_env, zone, "plan", "--weeks", "1", "-f", "json")
    first = dt.date.fromisoformat(json.loads(plan.stdout)[0]["date"])
    assert first > day  # the plan starts after the last record, on the city's calendar
