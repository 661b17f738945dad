"""pin and unpin: pins.toml, the plan around pins, and bad input that changes no file."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib

import holidays
import pytest
from conftest import BUNDLED, ROTATION, long_date, snapshot


def mondays(count: int = 6) -> list[dt.date]:
    """The coming Mondays, the first one after today (never today: pins must not be past)."""
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    first = tomorrow + dt.timedelta(days=(0 - tomorrow.weekday()) % 7)
    return [first + dt.timedelta(days=7 * i) for i in range(count)]


M0, M1, M2, M3, M4, M5 = mondays()


def iso(day: dt.date) -> str:
    return day.isoformat()


def plan(cli, *args: str, start: dt.date = M0) -> dict[str, dict]:
    run = cli.ok("plan", "--start", iso(start), *args, "--format", "json")
    return {row["date"]: row for row in json.loads(run.stdout)}


def pins_file(home) -> list[dict]:
    data = tomllib.loads((home / "pins.toml").read_text(encoding="utf-8"))
    assert set(data) <= {"pin"}
    return data.get("pin", [])


# --- pins.toml ----------------------------------------------------------------------------


def test_each_pin_is_one_table_in_date_order(cli, home):
    wednesday = M1 + dt.timedelta(days=2)
    cli.ok("pin", iso(M3), "--cancel", "Rapat paripurna")
    cli.ok("pin", iso(M2), "Kemuning", "--note", "HUT kecamatan")
    cli.ok("pin", iso(M4), "--led-by", "walikota")
    cli.ok("pin", iso(wednesday), "Gandus")
    cli.ok("pin", iso(M1), "it 2", "--led-by", "Prima Salam")
    text = (home / "pins.toml").read_text(encoding="utf-8")
    assert text.count("[[pin]]") == 5
    assert re.findall(r"^\[\[pin\]\]$", text, flags=re.M) == ["[[pin]]"] * 5
    assert pins_file(home) == [
        {"date": M1, "kecamatan": "16.71.06", "leader": "wawako"},
        {"date": wednesday, "kecamatan": "16.71.12"},
        {"date": M2, "kecamatan": "16.71.09", "note": "HUT kecamatan"},
        {"date": M3, "cancel": "Rapat paripurna"},
        {"date": M4, "leader": "walikota"},
    ]
    # dates are TOML local dates, not strings
    assert re.search(rf"^date = {iso(M1)}$", text, flags=re.M)
    assert cli.ok("check").stdout == "OK\n"


def test_a_second_pin_on_a_date_changes_the_parts_given(cli, home):
    cli.ok("pin", iso(M1), "Kemuning")
    cli.ok("pin", iso(M2), "Sako")
    cli.ok("pin", iso(M1), "Kalidoni", "--note", "diganti")
    assert pins_file(home) == [
        {"date": M1, "kecamatan": "16.71.10", "note": "diganti"},
        {"date": M2, "kecamatan": "16.71.08"},
    ]


def test_pin_accepts_the_dates_users_type(cli, home):
    day = M1
    typed = f"{day.day}/{day.month}/{day.year}"
    cli.ok("pin", typed, "Kemuning")
    assert pins_file(home) == [{"date": day, "kecamatan": "16.71.09"}]


def test_unpin_removes_the_pin(cli, home):
    cli.ok("pin", iso(M1), "Kemuning")
    cli.ok("pin", iso(M2), "--led-by", "walikota")
    before = plan(cli, "--weeks", "3", "--no-holidays")
    assert before[iso(M1)]["status"] == "pinned"
    cli.ok("unpin", iso(M1))
    assert pins_file(home) == [{"date": M2, "leader": "walikota"}]
    after = plan(cli, "--weeks", "3", "--no-holidays")
    assert after[iso(M1)]["status"] == "planned"
    assert after[iso(M1)]["kecamatan"] == "Alang-Alang Lebar"
    cli.ok("unpin", iso(M2))
    assert pins_file(home) == []


# --- the plan around pins -------------------------------------------------------------------


def test_a_pinned_kecamatan_takes_its_date_and_the_others_flow_around_it(cli):
    cli.ok("pin", iso(M1), "Kemuning")
    rows = plan(cli, "--weeks", "5", "--no-holidays")
    assert [(r["date"], r["status"], r["kecamatan"]) for r in rows.values()] == [
        (iso(M0), "planned", "Ilir Timur II"),
        (iso(M1), "pinned", "Kemuning"),
        (iso(M2), "planned", "Alang-Alang Lebar"),
        (iso(M3), "planned", "Ilir Barat II"),
        (iso(M4), "planned", "Seberang Ulu I"),
    ]
    pinned = rows[iso(M1)]
    assert pinned["kecamatan_code"] == "16.71.09" and pinned["round"] == 1
    assert pinned["leader"] == "Aprizal Hasyim"


def test_a_pinned_kecamatan_gets_no_second_date_in_the_round(cli):
    cli.ok("pin", iso(M2), "Kemuning")
    rows = list(plan(cli, "--no-holidays").values())  # default: until the round is complete
    round_one = [r for r in rows if r["round"] == 1]
    assert sorted(r["kecamatan"] for r in round_one) == sorted(ROTATION)
    assert [r["kecamatan"] for r in round_one].count("Kemuning") == 1
    assert [r["kecamatan"] for r in round_one if r["status"] == "planned"] == [
        k for k in ROTATION if k != "Kemuning"
    ]
    assert len(rows) == 18


def test_a_pin_on_a_day_that_is_not_an_apel_day_adds_an_apel(cli):
    wednesday = M1 + dt.timedelta(days=2)
    cli.ok("pin", iso(wednesday), "Gandus")
    rows = plan(cli, "--weeks", "3", "--no-holidays")
    assert list(rows) == [iso(M0), iso(M1), iso(wednesday), iso(M2)]
    added = rows[iso(wednesday)]
    assert added["status"] == "pinned" and added["kecamatan"] == "Gandus"
    assert added["weekday"] == "Rabu" and added["round"] == 1
    assert rows[iso(M1)]["kecamatan"] == "Alang-Alang Lebar"
    assert rows[iso(M2)]["kecamatan"] == "Kemuning"
    full = list(plan(cli, "--no-holidays").values())
    assert [r["kecamatan"] for r in full].count("Gandus") == 1


def test_a_leader_only_pin_keeps_planned_and_changes_the_leader(cli, home):
    cli.ok("pin", iso(M1), "--led-by", "Ratu Dewa")
    assert pins_file(home) == [{"date": M1, "leader": "walikota"}]
    rows = plan(cli, "--weeks", "3", "--no-holidays")
    led = rows[iso(M1)]
    assert led["status"] == "planned"
    assert led["leader"] == "Ratu Dewa"
    assert led["kecamatan"] == "Alang-Alang Lebar"  # the kecamatan it would have had anyway
    assert rows[iso(M0)]["leader"] == rows[iso(M2)]["leader"] == "Aprizal Hasyim"
    assert "Ratu Dewa" in cli.ok("plan", "--start", iso(M0), "--weeks", "3").stdout


def test_a_cancelled_date_has_no_kecamatan_and_its_reason_as_note(cli, home):
    cli.ok("pin", iso(M1), "--cancel", "Rapat paripurna")
    assert pins_file(home) == [{"date": M1, "cancel": "Rapat paripurna"}]
    rows = plan(cli, "--weeks", "3", "--no-holidays")
    cancelled = rows[iso(M1)]
    assert cancelled["status"] == "cancelled"
    for key in ("round", "kecamatan_code", "kecamatan", "short", "leader"):
        assert cancelled[key] is None, key
    assert cancelled["note"] == "Rapat paripurna"
    assert rows[iso(M2)]["kecamatan"] == "Alang-Alang Lebar"  # the kecamatan waits
    csv = cli.ok("plan", "--start", iso(M0), "--weeks", "3", "--no-holidays", "-f", "csv").stdout
    assert f"{iso(M1)},Senin,,,,,,cancelled,Rapat paripurna,07:30" in csv.splitlines()


def test_a_pin_note_shows_in_the_plan(cli):
    cli.ok("pin", iso(M1), "Sako", "--note", "HUT Kecamatan Sako")
    row = plan(cli, "--weeks", "2", "--no-holidays")[iso(M1)]
    assert (row["status"], row["kecamatan"], row["note"]) == (
        "pinned",
        "Sako",
        "HUT Kecamatan Sako",
    )


def test_a_pin_on_a_closure_wins_over_it(cli, home):
    roster = BUNDLED.read_text(encoding="utf-8") + (
        f'\n[[closure]]\ndate = {iso(M1)}\nreason = "HUT Kota Palembang"\n'
    )
    (home / "kecamatan.toml").write_text(roster, encoding="utf-8")
    closed = plan(cli, "--weeks", "3", "--no-holidays")[iso(M1)]
    assert (closed["status"], closed["note"]) == ("holiday", "HUT Kota Palembang")
    cli.ok("pin", iso(M1), "Sako")
    row = plan(cli, "--weeks", "3", "--no-holidays")[iso(M1)]
    assert (row["status"], row["kecamatan"]) == ("pinned", "Sako")


def test_pin_warns_when_it_puts_an_apel_on_a_holiday(cli, home):
    cli.ok("init")
    text = (home / "kecamatan.toml").read_text(encoding="utf-8")
    text += f'\n[[closure]]\ndate = {iso(M2)}\nreason = "Banjir"\n'
    (home / "kecamatan.toml").write_text(text, encoding="utf-8")
    result = cli.ok("pin", iso(M2), "--led-by", "walikota", "--lang", "en")
    assert "Warning: " in result.stderr and "(Banjir)" in result.stderr, result.stderr
    row = plan(cli, "--weeks", "1", start=M2)[iso(M2)]
    assert (row["status"], row["leader"]) == ("planned", "Ratu Dewa")


def first_monday_holiday() -> tuple[dt.date, str]:
    """The first national holiday (or cuti bersama) on a coming Monday."""
    start = dt.date.today() + dt.timedelta(days=1)
    years = range(start.year, start.year + 4)
    found = holidays.country_holidays("ID", years=years, categories=("public", "government"))
    for day, name in sorted(found.items()):
        if day >= start and day.weekday() == 0:
            return day, name
    raise AssertionError("no Monday holiday in the coming years")


@pytest.mark.parametrize("how", [("Sako",), ("--led-by", "walikota")])
def test_a_pin_on_a_national_holiday_wins_over_it(cli, how):
    day, _name = first_monday_holiday()
    before = plan(cli, "--weeks", "1", start=day)[iso(day)]
    assert before["status"] == "holiday" and before["note"]
    cli.ok("pin", iso(day), *how)
    row = plan(cli, "--weeks", "1", start=day)[iso(day)]
    assert row["kecamatan"] is not None
    if how[0] == "Sako":
        assert (row["status"], row["kecamatan"]) == ("pinned", "Sako")
    else:
        assert (row["status"], row["leader"]) == ("planned", "Ratu Dewa")


def test_past_pins_in_a_hand_written_file_are_ignored(cli, home):
    yesterday = dt.date.today() - dt.timedelta(days=1)
    unpinned = plan(cli, "--weeks", "4", start=dt.date(2025, 4, 7))
    (home / "pins.toml").write_text(
        '[[pin]]\ndate = 2025-04-14\nkecamatan = "16.71.09"\n\n'
        '[[pin]]\ndate = 2025-04-21\ncancel = "Rapat"\n\n'
        '[[pin]]\ndate = 2025-04-23\nkecamatan = "16.71.08"\n\n'
        f'[[pin]]\ndate = {iso(yesterday)}\nkecamatan = "16.71.12"\n',
        encoding="utf-8",
    )
    rows = plan(cli, "--weeks", "4", start=dt.date(2025, 4, 7))
    assert rows == unpinned
    assert rows["2025-04-14"]["kecamatan"] == "Ilir Timur II"
    assert rows["2025-04-14"]["status"] == "planned"
    assert rows["2025-04-21"]["status"] == "planned"
    assert "2025-04-23" not in rows
    # a plan from today is not changed by a pin of yesterday either
    recent = plan(cli, "--weeks", "2", "--no-holidays", start=yesterday)
    assert all(r["status"] == "planned" for r in recent.values())
    assert iso(yesterday) not in recent


# --- bad input: exit code, message and unchanged files ------------------------------------


@pytest.fixture
def pinned_home(cli, home):
    """A home with one pin already, so unchanged files can be shown."""
    cli.ok("pin", iso(M3), "Kalidoni")
    return home


def test_a_pin_in_the_past_is_refused(cli, pinned_home):
    before = snapshot(pinned_home)
    past = dt.date.today() - dt.timedelta(days=1)
    run = cli("pin", iso(past), "Kemuning", "--lang", "en")
    assert run.exit_code == 1
    assert "is in the past: a pin fixes a coming apel" in run.stderr, run.stderr
    assert str(past.year) in run.stderr
    assert "Traceback" not in run.stderr
    assert snapshot(pinned_home) == before


def test_a_pin_in_the_past_creates_no_pins_file(cli, home):
    run = cli("pin", "14/4/2025", "Kemuning", "--lang", "en")
    assert run.exit_code == 1
    assert "Monday, 14 April 2025 is in the past" in run.stderr, run.stderr
    assert snapshot(home) == {}


@pytest.mark.parametrize("extra", [(), ("--note", "")])
def test_a_pin_with_nothing_to_fix_is_refused(cli, pinned_home, extra):
    before = snapshot(pinned_home)
    run = cli("pin", iso(M1), *extra, "--lang", "en")
    assert run.exit_code == 1
    assert "a pin must fix something: give KECAMATAN, --led-by, --cancel or --note" in run.stderr
    assert snapshot(pinned_home) == before


def test_unpin_of_a_date_without_a_pin_is_refused(cli, pinned_home):
    before = snapshot(pinned_home)
    run = cli("unpin", iso(M1), "--lang", "en")
    assert run.exit_code == 1
    assert "Error: no pin on " in run.stderr, run.stderr
    assert str(M1.year) in run.stderr
    assert snapshot(pinned_home) == before


def test_unpin_without_a_pins_file_is_refused(cli, home):
    run = cli("unpin", iso(M1))
    assert run.exit_code == 1
    assert "Kesalahan: tidak ada penetapan pada " in run.stderr, run.stderr
    assert not (home / "pins.toml").exists()
    assert snapshot(home) == {}


def test_pin_of_an_unknown_kecamatan_suggests_names(cli, pinned_home):
    before = snapshot(pinned_home)
    run = cli("pin", iso(M1), "Kemunign")
    assert run.exit_code == 1
    assert "Kemunign" in run.stderr and "Kemuning" in run.stderr
    assert snapshot(pinned_home) == before


def test_pin_of_an_unknown_leader_suggests_one(cli, pinned_home):
    before = snapshot(pinned_home)
    run = cli("pin", iso(M1), "--led-by", "walkota")
    assert run.exit_code == 1
    assert '"walkota"' in run.stderr
    assert "Mungkin maksudnya walikota (Ratu Dewa, Wali Kota)?" in run.stderr, run.stderr
    assert snapshot(pinned_home) == before


def test_cancel_together_with_a_kecamatan_is_refused(cli, pinned_home):
    before = snapshot(pinned_home)
    run = cli("pin", iso(M1), "Kemuning", "--cancel", "Rapat", "--lang", "en")
    assert run.exit_code == 1
    assert "a cancelled date has no kecamatan or leader: give --cancel alone" in run.stderr
    assert snapshot(pinned_home) == before


BROKEN = '[[pin]]\ndate = 2031-01-06\nkecamatan = "16.71.09"\nnote = "tanpa tutup\n'


@pytest.mark.parametrize(
    "args",
    [("pin", iso(M1), "Sako"), ("unpin", "2031-01-06"), ("plan",), ("calendar",)],
)
def test_a_broken_pins_file_is_an_error_with_file_and_line(cli, home, args):
    (home / "pins.toml").write_text(BROKEN, encoding="utf-8")
    before = snapshot(home)
    run = cli(*args)
    assert run.exit_code == 1
    assert "pins.toml:4" in run.stderr
    assert "Traceback" not in run.stderr
    # the writer's lock beside the file may be left (SPEC, Data safety); nothing else changes
    after = {k: v for k, v in snapshot(home).items() if not k.endswith(".lock")}
    assert after == before
    assert (home / "pins.toml").read_text(encoding="utf-8") == BROKEN


def test_check_reports_a_broken_pins_file(cli, home):
    (home / "pins.toml").write_text(BROKEN, encoding="utf-8")
    run = cli("check")
    assert run.exit_code == 1
    assert "pins.toml:4" in run.stderr


# --- check covers pins.toml -----------------------------------------------------------------


def check_lines(run) -> dict[int, str]:
    assert run.exit_code == 1
    found = {}
    for line in run.stderr.splitlines():
        hit = re.search(r"pins\.toml:(\d+): (.*)", line)
        if hit:
            found[int(hit.group(1))] = hit.group(2)
    return found


def test_check_reports_an_unknown_key_in_pins_toml(cli, home):
    (home / "pins.toml").write_text(
        "[[pin]]\n"  # 1
        "date = 2031-01-06\n"  # 2
        'kecamatan = "16.71.09"\n'  # 3
        "\n"  # 4
        "[[pin]]\n"  # 5
        "date = 2031-01-13\n"  # 6
        'kecamtan = "16.71.08"\n',  # 7
        encoding="utf-8",
    )
    found = check_lines(cli("check"))
    assert 7 in found and "kecamtan" in found[7]
    assert "OK" not in cli("check").stdout


def test_check_reports_an_unknown_code_in_pins_toml(cli, home):
    (home / "pins.toml").write_text(
        "[[pin]]\n"  # 1
        "date = 2031-01-06\n"  # 2
        'kecamatan = "16.71.09"\n'  # 3
        "\n"  # 4
        "[[pin]]\n"  # 5
        "date = 2031-01-13\n"  # 6
        'kecamatan = "16.71.99"\n'  # 7
        "\n"  # 8
        "[[pin]]\n"  # 9
        "date = 2031-01-20\n"  # 10
        'leader = "bupati"\n',  # 11
        encoding="utf-8",
    )
    found = check_lines(cli("check"))
    code_lines = [n for n, m in found.items() if "16.71.99" in m]
    leader_lines = [n for n, m in found.items() if "bupati" in m]
    assert code_lines and code_lines[0] in (5, 7)  # the [[pin]] or its kecamatan line
    assert leader_lines and leader_lines[0] in (9, 11)
    assert not any(n < 5 for n in found)


def test_check_is_ok_with_good_pins(cli, home):
    cli.ok("pin", iso(M1), "Kemuning")
    cli.ok("pin", iso(M2), "--cancel", "Rapat")
    run = cli("check")
    assert run.exit_code == 0 and run.stdout == "OK\n"


def test_check_reports_an_unknown_table_in_pins_toml(cli, home):
    (home / "pins.toml").write_text(
        '[[pin]]\ndate = 2031-01-06\nkecamatan = "16.71.09"\n\n[[pins]]\ndate = 2031-01-13\n',
        encoding="utf-8",
    )
    run = cli("check")
    assert run.exit_code == 1
    assert '"pins"' in run.stderr  # the unknown table is reported ...
    found = check_lines(run)
    assert 5 in found and "pins" in found[5]  # ... on its line, which is known


# --- a second pin on a date, and pins that guard like records -----------------------------


def test_a_second_pin_merges_and_says_what_the_pin_was(cli, home):
    cli.ok("pin", iso(M1), "--led-by", "wako")
    run = cli.ok("pin", iso(M1), "Kemuning")
    assert pins_file(home) == [{"date": M1, "kecamatan": "16.71.09", "leader": "walikota"}]
    said = run.stderr.splitlines()[0]
    assert said.startswith("Penetapan ") and " diubah: Kemuning, dipimpin Ratu Dewa " in said
    assert said.endswith("(sebelumnya: dipimpin Ratu Dewa).")
    run = cli.ok("pin", iso(M1), "--note", "Bawa tenda", "--lang", "en")
    assert pins_file(home) == [
        {"date": M1, "kecamatan": "16.71.09", "leader": "walikota", "note": "Bawa tenda"}
    ]
    assert run.stderr.splitlines()[0].endswith(
        ' changed: Kemuning, led by Ratu Dewa; note "Bawa tenda" '
        "(before: Kemuning, led by Ratu Dewa)."
    )


def test_a_cancel_takes_the_place_of_the_apel_pinned_and_back(cli, home):
    cli.ok("pin", iso(M1), "Kemuning", "--led-by", "wako", "--note", "HUT")
    run = cli.ok("pin", iso(M1), "--cancel", "Rapat paripurna", "--lang", "en")
    assert pins_file(home) == [{"date": M1, "cancel": "Rapat paripurna", "note": "HUT"}]
    assert '(before: Kemuning, led by Ratu Dewa; note "HUT").' in run.stderr
    cli.ok("pin", iso(M1), "Sako", "--note", "")
    assert pins_file(home) == [{"date": M1, "kecamatan": "16.71.08"}]


def test_the_same_pin_again_changes_nothing(cli, home):
    cli.ok("pin", iso(M1), "Kemuning")
    before = snapshot(home)
    run = cli.ok("pin", iso(M1), "Kemuning", "--lang", "en")
    assert run.stderr.startswith("Pin on ") and " unchanged: Kemuning." in run.stderr
    assert snapshot(home) == before  # nothing written, nothing journalled


def test_a_note_alone_can_be_pinned_and_undone(cli, home):
    run = cli.ok("pin", iso(M1), "--note", "Hari pertama semester")
    assert run.stderr.endswith(': keterangan "Hari pertama semester".\n')
    assert pins_file(home) == [{"date": M1, "note": "Hari pertama semester"}]
    assert cli.ok("check").stdout == "OK\n"
    rows = plan(cli, "--weeks", "2")
    assert rows[iso(M1)]["note"] == "Hari pertama semester"
    undone = cli.ok("undo")
    assert undone.stderr.splitlines()[-1] == f"Kini tidak ada penetapan pada {long_date(M1)}."


def test_pin_warns_of_a_kecamatan_visited_in_the_round(cli, home):
    past = M0 - dt.timedelta(days=7)
    cli.ok("record", iso(past), "Kemuning")
    run = cli.ok("pin", iso(M2), "Kemuning")
    assert (
        f"Peringatan: Kemuning sudah dikunjungi pada putaran 1, yaitu pada {long_date(past)}. "
        "Bila penetapan ini keliru, `apel-rotasi undo` membatalkannya."
    ) in run.stderr.splitlines()
    assert pins_file(home) == [{"date": M2, "kecamatan": "16.71.09"}]  # the pin is kept


def test_pin_warns_of_a_kecamatan_pinned_on_another_date_of_the_round(cli, home):
    cli.ok("pin", iso(M1), "Kemuning")
    run = cli.ok("pin", iso(M3), "Kemuning", "--lang", "en")
    assert (
        f"Warning: Kemuning is also pinned on {long_date(M1, 'en')}, in the same round 1. "
        "If this pin is a mistake, `apel-rotasi undo` takes it back."
    ) in run.stderr.splitlines()
    quiet = cli.ok("pin", iso(M4), "Sako")
    assert "Warning" not in quiet.stderr and "Peringatan" not in quiet.stderr
