"""ICS output of ``plan``, read back with a second, independent parser (vobject)."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
import time
from zoneinfo import ZoneInfo

import pytest
import vobject
from conftest import BUNDLED, run_process, snapshot

WIB = ZoneInfo("Asia/Jakarta")


def all_events(ics_text: str) -> dict[dt.date, object]:
    """The VEVENTs of a calendar, by their start date (one event per date)."""
    calendar = vobject.readOne(ics_text)
    assert calendar.name == "VCALENDAR"
    found = {}
    for event in getattr(calendar, "vevent_list", []):
        day = event.dtstart.value.date()
        assert day not in found, f"two events on {day}"
        found[day] = event
    return found


def is_cancelled(event) -> bool:
    status = event.contents.get("status")
    return bool(status) and status[0].value == "CANCELLED"


def events(ics_text: str) -> dict[dt.date, object]:
    """The apel of a calendar: its events that are not cancelled, by date."""
    return {day: e for day, e in all_events(ics_text).items() if not is_cancelled(e)}


def cancelled(ics_text: str) -> dict[dt.date, str]:
    """The apel days without apel (SPEC: a cancelled event each), with the reason given."""
    return {day: e.description.value for day, e in all_events(ics_text).items() if is_cancelled(e)}


def plan_json(cli, *args: str) -> list[dict]:
    import json

    return json.loads(cli.ok("plan", *args, "--format", "json").stdout)


def next_monday(after: dt.date) -> dt.date:
    """The first Monday on or after ``after``."""
    return after + dt.timedelta(days=(0 - after.weekday()) % 7)


# --- the reference case: April and May 2025 ----------------------------------------------


HOLIDAYS_APRIL_MAY_2025 = {
    dt.date(2025, 4, 7): "Cuti Bersama Hari Raya Idul Fitri",
    dt.date(2025, 5, 12): "Hari Raya Waisak",
}


def test_plan_to_ics_file_has_the_apel_and_cancels_the_holidays(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cli.ok("plan", "--start", "2025-04-07", "--weeks", "6", "--output", "jadwal.ics")
    text = (tmp_path / "jadwal.ics").read_text(encoding="utf-8")
    # 7 April (cuti bersama Idul Fitri) and 12 May (Waisak) are holidays: cancelled events.
    # --weeks 6 covers the Mondays before 7 April + 42 days = 19 May.
    assert sorted(events(text)) == [
        dt.date(2025, 4, 14),
        dt.date(2025, 4, 21),
        dt.date(2025, 4, 28),
        dt.date(2025, 5, 5),
    ]
    assert cancelled(text) == HOLIDAYS_APRIL_MAY_2025


def test_every_field_of_every_event(cli, tmp_path):
    out = tmp_path / "jadwal.ics"
    cli.ok("plan", "--start", "2025-04-07", "--weeks", "7", "--output", str(out))
    text = out.read_text(encoding="utf-8")
    found = events(text)
    assert cancelled(text) == HOLIDAYS_APRIL_MAY_2025
    rows = [r for r in plan_json(cli, "--start", "2025-04-07", "--weeks", "7")]
    planned = [r for r in rows if r["status"] in ("planned", "pinned")]
    # five apel: 14, 21, 28 April, 5 and 19 May; none on 7 April or 12 May
    assert [r["date"] for r in planned] == [
        "2025-04-14",
        "2025-04-21",
        "2025-04-28",
        "2025-05-05",
        "2025-05-19",
    ]
    assert sorted(found) == [dt.date.fromisoformat(r["date"]) for r in planned]
    expected_names = {
        "2025-04-14": "Ilir Timur II",
        "2025-04-21": "Alang-Alang Lebar",
        "2025-04-28": "Kemuning",
        "2025-05-05": "Ilir Barat II",
        "2025-05-19": "Seberang Ulu I",
    }
    for row in planned:
        day = dt.date.fromisoformat(row["date"])
        event = found[day]
        name = expected_names[row["date"]]
        assert row["kecamatan"] == name
        assert event.summary.value == f"Apel pagi: Kecamatan {name}"
        assert event.location.value == f"Kantor Camat {name}, Kota Palembang"
        start = event.dtstart.value
        assert start.tzinfo is not None
        assert start.utcoffset() == dt.timedelta(hours=7)
        local = start.astimezone(WIB)
        assert (local.date(), local.time()) == (day, dt.time(7, 30))
        assert event.dtend.value - start == dt.timedelta(minutes=60)
        assert event.dtend.value.astimezone(WIB).time() == dt.time(8, 30)
        assert "Aprizal Hasyim" in event.description.value
        assert row["date"] in event.uid.value
        # the zone is named, not just an offset
        tzid = event.dtstart.params.get("X-VOBJ-ORIGINAL-TZID") or event.dtstart.params.get("TZID")
        assert tzid == ["Asia/Jakarta"]
    uids = [e.uid.value for e in found.values()]
    assert len(set(uids)) == len(uids), "different dates must have different UIDs"


def test_format_ics_goes_to_standard_output(cli, home):
    before = snapshot(home)
    run = cli.ok("plan", "--start", "2025-04-07", "--weeks", "6", "--format", "ics")
    found = events(run.stdout)
    assert sorted(found) == [
        dt.date(2025, 4, 14),
        dt.date(2025, 4, 21),
        dt.date(2025, 4, 28),
        dt.date(2025, 5, 5),
    ]
    assert cancelled(run.stdout) == HOLIDAYS_APRIL_MAY_2025
    assert "BEGIN:VCALENDAR" in run.stdout and "Traceback" not in run.stderr
    assert snapshot(home) == before


def test_same_inputs_give_the_same_bytes(cli, tmp_path):
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    cli.ok("plan", "--start", "2025-04-07", "--weeks", "6", "--output", str(first))
    time.sleep(1.1)  # a clock-dependent stamp would now differ
    # a second run in a separate process, later in time: still byte for byte the same
    done = run_process("plan", "--start", "2025-04-07", "--weeks", "6", "--output", str(second))
    assert done.returncode == 0, done.stderr
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes().startswith(b"BEGIN:VCALENDAR")
    # and standard output carries the very same bytes
    piped = subprocess.run(
        [
            sys.executable,
            "-m",
            "apel_rotasi",
            "plan",
            "--start",
            "2025-04-07",
            "--weeks",
            "6",
            "--format",
            "ics",
        ],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == first.read_bytes()


# --- UIDs ---------------------------------------------------------------------------------


def test_uid_depends_only_on_city_and_date_not_on_start(cli):
    early = events(cli.ok("plan", "--start", "2025-04-07", "--weeks", "6", "-f", "ics").stdout)
    late = events(cli.ok("plan", "--start", "2025-04-21", "--weeks", "4", "-f", "ics").stdout)
    day = dt.date(2025, 4, 21)
    # the same date gets another kecamatan in the two plans ...
    assert early[day].summary.value != late[day].summary.value
    # ... but the same UID, so a calendar updates the event instead of duplicating it
    for common in set(early) & set(late):
        assert early[common].uid.value == late[common].uid.value
    assert {dt.date(2025, 4, 21), dt.date(2025, 4, 28), dt.date(2025, 5, 5)} <= set(early) & set(
        late
    )
    assert len({e.uid.value for e in late.values()}) == len(late)


def test_uid_stays_when_a_record_shifts_the_kecamatan(cli):
    args = ("plan", "--start", "2025-05-05", "--weeks", "3", "-f", "ics")
    before = all_events(cli.ok(*args).stdout)
    cli.ok("record", "2025-04-14", "Ilir Timur II")
    after = all_events(cli.ok(*args).stdout)
    day = dt.date(2025, 5, 5)
    assert before[day].summary.value == "Apel pagi: Kecamatan Ilir Timur II"
    assert after[day].summary.value == "Apel pagi: Kecamatan Alang-Alang Lebar"
    # the apel are 5 and 19 May in both plans; 12 May (Waisak) is cancelled in both
    assert set(before) == set(after) == {day, dt.date(2025, 5, 12), dt.date(2025, 5, 19)}
    assert is_cancelled(after[dt.date(2025, 5, 12)])
    for common in before:
        assert before[common].uid.value == after[common].uid.value
    assert len({e.uid.value for e in after.values()}) == len(after)


def test_uid_does_not_depend_on_time_or_leader(cli, home):
    base = events(cli.ok("plan", "--start", "2025-04-07", "--weeks", "6", "-f", "ics").stdout)
    text = BUNDLED.read_text(encoding="utf-8").replace('time = "07:30"', 'time = "09:00"')
    assert 'time = "09:00"' in text
    (home / "kecamatan.toml").write_text(text, encoding="utf-8")
    moved = events(cli.ok("plan", "--start", "2025-04-07", "--weeks", "6", "-f", "ics").stdout)
    assert set(base) == set(moved)
    for day in base:
        assert base[day].uid.value == moved[day].uid.value
        assert moved[day].dtstart.value.astimezone(WIB).time() == dt.time(9, 0)


# --- errors -------------------------------------------------------------------------------


def test_history_as_ics_has_an_event_per_held_apel(cli, home, tmp_path):
    cli.ok("record", "2025-04-14", "IT II")
    cli.ok("record", "2025-04-21", "--cancel", "Hujan deras")
    before = snapshot(home)
    text = cli.ok("history", "--format", "ics").stdout
    found = all_events(text)
    assert sorted(found) == [dt.date(2025, 4, 14)]
    event = found[dt.date(2025, 4, 14)]
    assert event.summary.value == "Apel pagi: Kecamatan Ilir Timur II"
    assert event.location.value == "Kantor Camat Ilir Timur II, Kota Palembang"
    assert "Aprizal Hasyim" in event.description.value
    assert snapshot(home) == before
    out = tmp_path / "riwayat.ics"
    assert cli.ok("history", "--output", str(out)).stdout == ""
    assert out.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("command", ["kecamatan", "unvisited", "report"])
def test_format_ics_on_other_listings_is_refused(cli, command):
    run = cli(command, "--format", "ics")
    assert run.exit_code == 2  # the option parser's refusal
    assert "BEGIN:VCALENDAR" not in run.stdout
    assert run.stderr.endswith(
        'Kesalahan: --format tidak menerima "ics": pilih table, csv, json, xlsx atau html.\n'
    )


@pytest.mark.parametrize("command", ["kecamatan", "unvisited", "report"])
def test_ics_extension_on_other_listings_is_refused(cli, tmp_path, command):
    out = tmp_path / "daftar.ics"
    run = cli(command, "--output", str(out), "--lang", "en")
    assert run.exit_code == 1
    assert f"Error: {out}: this command does not write ICS files" in run.stderr
    assert not out.exists()


# --- another roster -----------------------------------------------------------------------

OTHER_ROSTER = """\
[rotation]
city = "Kabupaten Contoh Jaya"
days = ["rabu"]
time = "{time}"
duration_minutes = {minutes}
timezone = "{zone}"
holidays = false

[[leader]]
id = "sekda"
name = "Budi Santoso"
title = "Sekretaris Daerah"
default = true

[[kecamatan]]
code = "K1"
name = "Pantai Indah"

[[kecamatan]]
code = "K2"
name = "Bukit Tinggi Raya"
"""


@pytest.mark.parametrize(
    ("zone", "time", "minutes", "start", "offset"),
    [
        ("Asia/Makassar", "08:15", 45, "2025-04-07", 8),  # WITA
        ("Asia/Jayapura", "06:45", 90, "2025-04-07", 9),  # WIT
        ("Europe/Berlin", "07:00", 30, "2025-07-07", 2),  # summer time
        ("Europe/Berlin", "07:00", 30, "2025-01-06", 1),  # winter time
    ],
)
def test_another_roster_time_duration_and_zone_are_honoured(
    cli, home, zone, time, minutes, start, offset
):
    (home / "kecamatan.toml").write_text(
        OTHER_ROSTER.format(zone=zone, time=time, minutes=minutes), encoding="utf-8"
    )
    text = cli.ok("plan", "--start", start, "--weeks", "2", "-f", "ics").stdout
    found = events(text)
    first = dt.date.fromisoformat(start) + dt.timedelta(days=2)  # the Wednesday
    assert sorted(found) == [first, first + dt.timedelta(days=7)]
    hour, minute = map(int, time.split(":"))
    names = ["Pantai Indah", "Bukit Tinggi Raya"]
    for (day, event), name in zip(sorted(found.items()), names, strict=True):
        begin = event.dtstart.value
        # the wall-clock time and the zone it is given in
        assert begin.replace(tzinfo=None) == dt.datetime.combine(day, dt.time(hour, minute))
        tzid = event.dtstart.params.get("X-VOBJ-ORIGINAL-TZID") or event.dtstart.params.get("TZID")
        assert tzid == [zone]
        assert event.dtend.value.replace(tzinfo=None) - begin.replace(tzinfo=None) == dt.timedelta(
            minutes=minutes
        )
        assert event.summary.value == f"Apel pagi: Kecamatan {name}"
        assert event.location.value == f"Kantor Camat {name}, Kabupaten Contoh Jaya"
        assert "Budi Santoso" in event.description.value
        assert day.isoformat() in event.uid.value
        if zone.startswith("Asia/"):  # no summer time: vobject's own offset is exact
            assert begin.utcoffset() == dt.timedelta(hours=offset)
            assert event.dtend.value - begin == dt.timedelta(minutes=minutes)
    # the VTIMEZONE shipped in the file gives the right offset on those days (vobject 0.9.9
    # ignores RDATE in a VTIMEZONE, so read the zone with dateutil's tzical as a third parser)
    zone_info = vtimezone(text, zone)
    for day in found:
        local = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zone_info)
        assert local.utcoffset() == dt.timedelta(hours=offset)


def vtimezone(ics_text: str, zone: str):
    from dateutil import tz

    block = ics_text[ics_text.index("BEGIN:VTIMEZONE") :]
    block = block[: block.index("END:VTIMEZONE") + len("END:VTIMEZONE")]
    assert f"TZID:{zone}" in block
    return tz.tzical(io.StringIO(block)).get(zone)


# --- pins, cancellations and holidays -------------------------------------------------------


def test_pinned_rows_are_apel_and_cancelled_and_holiday_rows_are_cancelled(cli, home):
    m0 = next_monday(dt.date.today() + dt.timedelta(days=1))
    m1, m2, m3, m4 = (m0 + dt.timedelta(days=7 * i) for i in range(1, 5))
    text = BUNDLED.read_text(encoding="utf-8") + (
        f'\n[[closure]]\ndate = {m3.isoformat()}\nreason = "HUT Kota"\n'
    )
    (home / "kecamatan.toml").write_text(text, encoding="utf-8")
    cli.ok("pin", m1.isoformat(), "Kalidoni")
    cli.ok("pin", m2.isoformat(), "--cancel", "Rapat paripurna")
    cli.ok("pin", m4.isoformat(), "--led-by", "walikota")
    rows = plan_json(cli, "--start", m0.isoformat(), "--weeks", "5", "--no-holidays")
    status = {r["date"]: r["status"] for r in rows}
    assert status == {
        m0.isoformat(): "planned",
        m1.isoformat(): "pinned",
        m2.isoformat(): "cancelled",
        m3.isoformat(): "holiday",
        m4.isoformat(): "planned",
    }
    run = cli.ok("plan", "--start", m0.isoformat(), "--weeks", "5", "--no-holidays", "-f", "ics")
    found = events(run.stdout)
    assert sorted(found) == [m0, m1, m4]
    assert cancelled(run.stdout) == {m2: "Rapat paripurna", m3: "HUT Kota"}
    assert found[m1].summary.value == "Apel pagi: Kecamatan Kalidoni"
    assert found[m1].location.value == "Kantor Camat Kalidoni, Kota Palembang"
    assert found[m0].summary.value == "Apel pagi: Kecamatan Ilir Timur II"
    assert found[m4].summary.value == "Apel pagi: Kecamatan Alang-Alang Lebar"
    assert "Ratu Dewa" in found[m4].description.value
    assert "Aprizal Hasyim" not in found[m4].description.value
    assert "Aprizal Hasyim" in found[m1].description.value
    for day, event in found.items():
        local = event.dtstart.value.astimezone(WIB)
        assert (local.date(), local.time()) == (day, dt.time(7, 30))


def test_a_plan_after_a_change_carries_a_later_stamp(cli, home):
    """DTSTAMP is when the plan's files last changed: a pin makes the next export newer."""
    cli.ok("init")
    old = dt.datetime(2025, 1, 1, tzinfo=dt.UTC).timestamp()
    os.utime(home / "kecamatan.toml", (old, old))
    args = ("plan", "--start", "2025-04-14", "--weeks", "2", "--format", "ics")
    first = cli.ok(*args).stdout
    assert first == cli.ok(*args).stdout  # the same inputs, the same file
    assert set(re.findall(r"DTSTAMP:(\S+)", first)) == {"20250101T000000Z"}
    coming = dt.date.today() + dt.timedelta(days=30)
    cli.ok("pin", coming.isoformat(), "--led-by", "walikota")
    second = cli.ok(*args).stdout
    [stamp] = set(re.findall(r"DTSTAMP:(\S+)", second))
    assert stamp[:8] == dt.date.today().strftime("%Y%m%d")
    [old_sequence] = set(re.findall(r"SEQUENCE:(\d+)", first))
    [new_sequence] = set(re.findall(r"SEQUENCE:(\d+)", second))
    assert int(new_sequence) > int(old_sequence)
