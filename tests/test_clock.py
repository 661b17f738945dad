"""The city's clock (SPEC Today): "today" is Palembang's date whatever zone the computer has.

Each case runs the tool with ``TZ`` set (and ``time.tzset`` called) to the far ends of the
world's clocks: UTC-12 (``Etc/GMT+12``), where Palembang is a day ahead for most of the day,
and UTC+14 (``Pacific/Kiritimati``), a day ahead of Palembang for most of the day. The tool
runs in this process: the local zone is the process's, and the tool must never read it.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import Cli, Run

ZONES = ["Etc/GMT+12", "Pacific/Kiritimati"]
# Monday 14 April 2025, 01:00 in Palembang: still Sunday 13 April in UTC and at UTC-12,
# already Monday 14 April at UTC+14.
MONDAY_1AM = "2025-04-13T18:00:00Z"
# Monday 14 April 2025, 23:30 in Palembang: already Tuesday at UTC+14.
MONDAY_LATE = "2025-04-14T16:30:00Z"


@pytest.fixture(params=ZONES)
def zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """The computer's zone for one test, put back afterwards."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", request.param)
        time.tzset()
        assert time.localtime(0).tm_gmtoff != 7 * 3600
        yield request.param
    time.tzset()


def process(cli: Cli, *args: str, now: str | None = None) -> Run:
    """``apel-rotasi ARGS`` under the test's zone (and a fixed instant, if given)."""
    return cli(*args, env={"APEL_ROTASI_NOW": now})


def recorded(home: Path) -> dict[dt.date, str]:
    data = tomllib.loads((home / "history.toml").read_text(encoding="utf-8"))
    return {a["date"]: a.get("kecamatan") or a.get("cancelled") for a in data["apel"]}


def test_monday_1am_in_palembang_is_monday_whatever_the_computer_says(cli, home, zone):
    ok = process(cli, "record", "2025-04-14", "IT II", now=MONDAY_1AM)
    assert ok.exit_code == 0, ok.stderr
    assert "belum tiba" not in ok.stderr
    today = process(cli, "record", "hari", "ini", "AAL", "--replace", now=MONDAY_1AM)
    assert today.exit_code == 0, today.stderr
    assert recorded(home) == {dt.date(2025, 4, 14): "16.71.15"}
    tomorrow = process(cli, "record", "besok", "Kemuning", now=MONDAY_1AM)
    assert tomorrow.exit_code == 1 and "Selasa, 15 April 2025" in tomorrow.stderr
    # the journal's time is the city's, with its offset
    line = json.loads((home / "journal.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert line["at"] == "2025-04-14T01:00:00+07:00"


def test_pin_plan_calendar_and_report_share_the_city_date(cli, home, zone):
    assert process(cli, "record", "14/4/2025", "IT II", now=MONDAY_1AM).exit_code == 0
    past = process(cli, "pin", "13/4/2025", "AAL", now=MONDAY_1AM)
    assert past.exit_code == 1 and "sudah lewat" in past.stderr
    today = process(cli, "pin", "14/4/2025", "--led-by", "wako", now=MONDAY_1AM)
    assert today.exit_code == 0, today.stderr
    plan = process(cli, "plan", "--weeks", "1", "-f", "csv", now=MONDAY_1AM)
    assert plan.stdout.splitlines()[1].startswith("2025-04-21,"), plan.stdout
    report = process(cli, "report", "-f", "json", now=MONDAY_LATE)
    days = {r["kecamatan"]: r["days_since"] for r in json.loads(report.stdout)}
    assert days["Ilir Timur II"] == 0
    month = process(cli, "calendar", now=MONDAY_1AM)
    assert month.exit_code == 0 and "April 2025" in month.stdout
    check = process(cli, "check", now=MONDAY_1AM)
    assert check.exit_code == 0 and check.stdout == "OK\n", check.stderr


def test_the_real_clock_is_the_city_clock(cli, home, zone):
    """With no fixed instant: "hari ini" is Palembang's date now (a run that straddles
    Palembang's midnight may see either date)."""
    before = dt.datetime.now(ZoneInfo("Asia/Jakarta")).date()
    done = process(cli, "record", "hari", "ini", "IT II")
    after = dt.datetime.now(ZoneInfo("Asia/Jakarta")).date()
    assert done.exit_code == 0, done.stderr
    (day,) = recorded(home)
    assert day in (before, after)
    tomorrow = process(cli, "record", "besok", "AAL")
    assert tomorrow.exit_code == 1
    plan = process(cli, "plan", "--weeks", "1", "-f", "json")
    first = dt.date.fromisoformat(json.loads(plan.stdout)[0]["date"])
    assert first > day  # the plan starts after the last record, on the city's calendar
