"""Ceremony days and working hours (SPEC "Ceremonies and working hours", Planning), through
the command line: the bundled Hari KORPRI, a monthly ceremony, an [[hours]] stretch and
Ramadan's 08:00 in the plan's CSV, the notice and the ICS file."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from conftest import BUNDLED, ROTATION


def now(day: str) -> dict[str, str]:
    return {"APEL_ROTASI_NOW": f"{day}T06:00:00+07:00"}


def rows(cli, *args: str, env: dict[str, str]) -> dict[str, dict[str, str]]:
    out = cli.ok("plan", *args, "--format", "csv", env=env).stdout
    return {row["date"]: row for row in csv.DictReader(io.StringIO(out))}


def roster_with(home: Path, extra: str, old: str = "", new: str = "") -> None:
    """The bundled roster in the home, with ``extra`` tables added (and ``old`` replaced)."""
    text = BUNDLED.read_text(encoding="utf-8")
    if old:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    (home / "kecamatan.toml").write_text(text + extra, encoding="utf-8")


def ics_starts(text: str) -> dict[str, str]:
    """Each event's date and start time, and its status, from an ICS file."""
    found = {}
    for event in text.split("BEGIN:VEVENT")[1:]:
        start = re.search(r"DTSTART;TZID=Asia/Jakarta:(\d{8})T(\d{4})00", event)
        status = re.search(r"STATUS:(\w+)", event)
        assert start and status, event
        found[start.group(1)] = f"{start.group(2)} {status.group(1)}"
    return found


# --- ceremonies ---------------------------------------------------------------------------


def test_korpri_2027_is_a_ceremony_and_the_kecamatan_waits_a_week(cli):
    env = now("2027-11-01")
    plan = rows(cli, "--weeks", "6", env=env)
    korpri = plan["2027-11-29"]
    assert (korpri["status"], korpri["note"]) == ("ceremony", "Hari KORPRI")
    assert korpri["kecamatan"] == korpri["round"] == korpri["leader"] == ""
    assert [plan[d]["kecamatan"] for d in ("2027-11-22", "2027-12-06")] == ROTATION[3:5]
    table = cli.ok("plan", "--weeks", "6", env=env).stdout
    assert re.search(r"Senin, 29 November 2027 +— upacara — +Hari KORPRI", table), table
    ics = cli.ok("plan", "--weeks", "6", "--format", "ics", env=env).stdout
    assert ics_starts(ics)["20271129"] == "0730 CANCELLED"
    assert "Tidak ada apel pagi: Hari KORPRI" in ics


def test_korpri_on_a_sunday_moves_to_the_monday_after(cli, home):
    env = now("2026-11-02")
    assert rows(cli, "--weeks", "5", env=env)["2026-11-30"]["status"] == "ceremony"
    roster_with(home, "", 'weekend = "monday"\n# place', 'weekend = "none"\n# place')
    assert rows(cli, "--weeks", "5", env=env)["2026-11-30"]["status"] == "planned"


def test_a_ceremony_on_the_weekend_may_go_to_the_friday_before(cli, home):
    roster_with(
        home,
        '\n[[ceremony]]\nname = "Apel Jumat"\ndate = 2027-01-09\nweekend = "friday"\n',
        'days = ["senin"]',
        'days = ["senin", "jumat"]',
    )
    plan = rows(cli, "--weeks", "2", env=now("2027-01-04"))
    assert (plan["2027-01-08"]["status"], plan["2027-01-08"]["note"]) == ("ceremony", "Apel Jumat")


def test_a_monthly_ceremony_on_the_17th_with_its_place(cli, home):
    roster_with(
        home,
        '\n[[ceremony]]\nname = "Hari Kesadaran Nasional"\nmonthly = 17\n'
        'place = "Kantor Wali Kota"\n',
    )
    plan = rows(cli, "--weeks", "3", env=now("2025-11-10"))
    assert plan["2025-11-17"]["status"] == "ceremony"
    assert plan["2025-11-17"]["note"] == "Hari Kesadaran Nasional (Kantor Wali Kota)"
    assert plan["2025-11-10"]["status"] == plan["2025-11-24"]["status"] == "planned"
    # 17 August 2026 is Independence Day: the holiday wins over the ceremony
    assert rows(cli, "--weeks", "1", env=now("2026-08-17"))["2026-08-17"]["status"] == "holiday"


def test_a_pin_wins_over_a_ceremony(cli):
    env = now("2027-11-01")
    cli.ok("pin", "29/11/2027", "Kemuning", env=env)
    korpri = rows(cli, "--weeks", "6", env=env)["2027-11-29"]
    assert (korpri["status"], korpri["kecamatan"]) == ("pinned", "Kemuning")


def test_the_calendar_shows_the_ceremony(cli):
    out = cli.ok("calendar", "2027-11", env=now("2027-11-01")).stdout
    assert "Hari" in out and "KORPRI" in out
    page = cli.ok("calendar", "2027-11", "--format", "html", env=now("2027-11-01")).stdout
    assert "upacara: Hari KORPRI" in page


# --- working hours --------------------------------------------------------------------------


def test_every_ramadan_2027_monday_is_at_eight(cli):
    env = now("2027-01-25")
    plan = rows(cli, "--weeks", "9", env=env)
    times = {day: (row["status"], row["time"]) for day, row in plan.items()}
    assert times["2027-02-01"] == ("planned", "07:30")  # the Monday before Ramadan
    for day in ("2027-02-08", "2027-02-15", "2027-02-22", "2027-03-01"):
        assert times[day] == ("planned", "08:00"), day
    assert times["2027-03-08"][0] == "holiday"  # Nyepi, in Ramadan
    assert times["2027-03-22"] == ("planned", "07:30")  # the first apel after Idul Fitri
    ics = ics_starts(cli.ok("plan", "--weeks", "9", "--format", "ics", env=env).stdout)
    assert ics["20270201"] == "0730 TENTATIVE" and ics["20270322"] == "0730 TENTATIVE"
    assert ics["20270215"] == "0800 TENTATIVE" and ics["20270301"] == "0800 TENTATIVE"
    assert "Pukul: 08:00 WIB" in cli.ok("notice", "15/2/2027", env=env).stdout
    assert "Pukul: 07:30 WIB" in cli.ok("notice", "1/2/2027", env=env).stdout
    assert "Pukul: 07:30 WIB" in cli.ok("notice", "22/3/2027", env=env).stdout


def test_an_apel_beside_an_estimated_start_of_ramadan_is_warned(cli):
    run = cli.ok("plan", "--weeks", "3", "--lang", "en", env=now("2027-02-01"))
    assert (
        "The time of the apel on Monday, 8 February 2027 hangs on the start of Ramadan"
        " (Monday, 8 February 2027), which is an estimate"
    ) in run.stderr
    assert "sidang isbat may move it by a day" in run.stderr
    quiet = cli.ok("plan", "--weeks", "3", "--lang", "en", env=now("2027-04-05"))
    assert "Ramadan" not in quiet.stderr


def test_an_hours_stretch_sets_the_time_and_wins_over_ramadan(cli, home):
    roster_with(
        home,
        '\n[[hours]]\nfrom = 2027-01-04\nto = 2027-01-11\ntime = "09:00"\n'
        'reason = "Pekan olahraga"\n'
        '\n[[hours]]\nfrom = 2027-02-15\nto = 2027-02-15\ntime = "08:30"\n',
    )
    env = now("2027-01-04")
    plan = rows(cli, "--weeks", "8", env=env)
    assert [plan[d]["time"] for d in ("2027-01-04", "2027-01-11", "2027-01-18")] == [
        "09:00",
        "09:00",
        "07:30",
    ]
    assert plan["2027-02-15"]["time"] == "08:30" and plan["2027-02-22"]["time"] == "08:00"
    assert "Pukul: 09:00 WIB" in cli.ok("notice", env=env).stdout
    page = cli.ok("plan", "--weeks", "8", "--format", "html", env=env).stdout
    assert "<td>09:00</td>" in page and "<td>08:30</td>" in page


def test_without_ramadan_time_ramadan_keeps_the_rotation_time(cli, home):
    roster_with(home, "", 'ramadan_time = "08:00"', "")
    plan = rows(cli, "--weeks", "3", env=now("2027-02-08"))
    assert {row["time"] for row in plan.values()} == {"07:30"}


def test_an_apel_held_in_ramadan_keeps_its_time_in_the_history_calendar(cli):
    env = now("2027-02-16")
    cli.ok("record", "1/2/2027", "IT II", env=env)
    cli.ok("record", "15/2/2027", "AAL", env=env)
    ics = ics_starts(cli.ok("history", "--format", "ics", env=env).stdout)
    assert ics == {"20270201": "0730 CONFIRMED", "20270215": "0800 CONFIRMED"}


def test_a_past_ceremony_is_no_apel_day_without_a_record(cli):
    env = now("2025-12-09")
    cli.ok("record", "24/11/2025", "IT II", env=env)
    cli.ok("record", "8/12/2025", "AAL", env=env)  # nothing on Monday 1 December: KORPRI
    assert "Peringatan" not in cli.ok("check", env=env).stderr
    past = rows(cli, "--start", "24/11/2025", "--weeks", "3", env=env)
    assert [past[d]["status"] for d in ("2025-11-24", "2025-12-01", "2025-12-08")] == [
        "recorded",
        "ceremony",
        "recorded",
    ]


def test_a_yearly_ceremony_on_29_february_comes_in_leap_years_only(cli, home):
    roster_with(
        home,
        '\n[[ceremony]]\nname = "Kabisat"\nyearly = "02-29"\nweekend = "none"\n',
        'days = ["senin"]',
        'days = ["senin", "selasa", "rabu", "kamis", "jumat"]',
    )
    assert rows(cli, "--weeks", "1", env=now("2028-02-28"))["2028-02-29"]["status"] == "ceremony"
    assert rows(cli, "--weeks", "1", env=now("2027-02-26"))["2027-03-01"]["status"] == "planned"


def test_a_notice_for_a_ceremony_day_says_what_the_plan_has(cli, home):
    before = sorted(home.iterdir())
    run = cli("notice", "29/11/2027", env=now("2027-11-01"))
    assert run.exit_code == 1 and run.stdout == ""
    assert run.stderr == (
        "Kesalahan: tidak ada apel pada Senin, 29 November 2027: hari upacara (Hari KORPRI);"
        " kecamatan menunggu hari apel berikutnya.\n"
    )
    assert sorted(home.iterdir()) == before
