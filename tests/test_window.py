"""A plan does not depend on its window (SPEC Planning): every ``--start``/``--weeks``
shows, on each day it shows, what the full plan has that day, and ``notice`` and
``calendar`` agree with it, over random homes with records and pins.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from pathlib import Path
from typing import Any

import tomli_w
from conftest import ROTATION_CODES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apel_rotasi.commands.calendar import calendar
from apel_rotasi.commands.common import open_home
from apel_rotasi.commands.notice import notice
from apel_rotasi.commands.plan import plan

TODAY = dt.date(2026, 11, 4)  # a Wednesday; KORPRI (Monday 30 November) is near
NOW = dt.datetime(2026, 11, 4, 6, tzinfo=dt.timezone(dt.timedelta(hours=7)))
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def homes(draw: st.DrawFn) -> dict[str, Any]:
    """A roster (some kecamatan, apel days, a holiday rule, closures, a ceremony), apel
    recorded before today, and pins to come."""
    count = draw(st.integers(3, 8))
    codes = ROTATION_CODES[:count]
    days = draw(st.lists(st.sampled_from(WEEKDAY_NAMES), min_size=1, max_size=2, unique=True))
    day = dt.date(2026, 9, 1)
    history = []
    for _ in range(draw(st.integers(0, 10))):
        day += dt.timedelta(days=draw(st.integers(1, 9)))
        if day >= TODAY:
            break
        if draw(st.booleans()) or not history:
            history.append({"date": day, "kecamatan": draw(st.sampled_from(codes)), "leader": "a"})
        else:
            history.append({"date": day, "cancelled": "Hujan"})
    pins = []
    for offset in sorted(draw(st.sets(st.integers(0, 70), max_size=4))):
        pin: dict[str, Any] = {"date": TODAY + dt.timedelta(days=offset)}
        kind = draw(st.sampled_from(["kecamatan", "leader", "cancel"]))
        pin[kind] = {"kecamatan": draw(st.sampled_from(codes)), "leader": "b", "cancel": "Rapat"}[
            kind
        ]
        pins.append(pin)
    roster = {
        "rotation": {
            "days": days,
            "on_holiday": draw(st.sampled_from(["skip", "shift"])),
            "holidays": "ID",
        },
        "closure": [
            {"date": TODAY + dt.timedelta(days=n), "reason": "Tutup"}
            for n in draw(st.sets(st.integers(0, 60), max_size=2))
        ],
        "ceremony": [{"name": "Hari KORPRI", "yearly": "11-29", "weekend": "monday"}]
        + ([{"name": "Kesadaran", "monthly": 17}] if draw(st.booleans()) else []),
        "leader": [{"id": "a", "name": "Sekda", "default": True}, {"id": "b", "name": "Wali"}],
        "kecamatan": [{"code": code, "name": f"Kecamatan {code}"} for code in codes],
    }
    return {"roster": roster, "history": history, "pins": pins}


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def write_home(folder: Path, files: dict[str, Any]) -> None:
    (folder / "kecamatan.toml").write_text(tomli_w.dumps(files["roster"]), encoding="utf-8")
    if files["history"]:
        text = tomli_w.dumps({"apel": files["history"]})
        (folder / "history.toml").write_text(text, encoding="utf-8")
    if files["pins"]:
        (folder / "pins.toml").write_text(tomli_w.dumps({"pin": files["pins"]}), "utf-8")


@SETTINGS
@given(files=homes(), offset=st.integers(0, 60), weeks=st.integers(1, 6))
def test_every_window_agrees_with_the_full_plan(
    files: dict[str, Any], offset: int, weeks: int
) -> None:
    with tempfile.TemporaryDirectory() as name:
        home = Path(name)
        write_home(home, files)
        context = open_home(home, NOW, None, pins=True)
        full = plan(context, weeks=16).listing
        assert full is not None
        by_date = {row["date"]: row for row in full.rows}
        start = full.rows[0]["date"] + dt.timedelta(days=offset)
        window = plan(context, start=start.isoformat(), weeks=weeks).listing
        assert window is not None
        assert window.rows, "a window of a week or more shows its apel days"
        for row in window.rows:
            assert row == by_date[row["date"]], row["date"]
        apel = [r for r in window.rows if r["status"] in ("planned", "pinned")]
        for row in apel[:1]:  # the notice of a day names the plan's kecamatan
            text = notice(context, date=[row["date"].isoformat()]).text
            assert text is not None and f"Kecamatan {row['kecamatan_code']}" in text
        last = window.rows[-1]["date"]
        view = calendar(context, month=f"{last:%Y-%m}").month
        assert view is not None
        planned = {d.date: d.planned for d in view.view.days() if d.planned}
        for date, row in by_date.items():
            if (date.year, date.month) == (last.year, last.month):
                if row["status"] in ("planned", "pinned"):
                    assert planned[date] == row["kecamatan"], date
                else:
                    assert date not in planned, date


def test_a_later_start_keeps_the_kecamatan_of_the_full_plan(cli) -> None:
    """The clerk's case: 5 May 2025 after three apel of April."""
    for day, name in (("14/4/2025", "IT II"), ("21/4/2025", "AAL"), ("28/4/2025", "Kemuning")):
        cli.ok("record", day, name, env={"APEL_ROTASI_NOW": "2025-05-01T09:00:00+07:00"})
    env = {"APEL_ROTASI_NOW": "2025-04-30T09:00:00+07:00"}
    full = csv_rows(cli.ok("plan", "-f", "csv", env=env).stdout)
    week = csv_rows(
        cli.ok("plan", "--start", "1/5/2025", "--weeks", "1", "-f", "csv", env=env).stdout
    )
    later = csv_rows(
        cli.ok("plan", "--start", "2/6/2025", "--weeks", "2", "-f", "csv", env=env).stdout
    )
    assert [r["kecamatan"] for r in week] == ["Ilir Barat II"]
    assert week[0] == next(r for r in full if r["date"] == "2025-05-05")
    for row in later:
        assert row == next(r for r in full if r["date"] == row["date"])
