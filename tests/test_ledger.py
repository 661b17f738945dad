"""Every apel day accounted for (SPEC Recording, Planning, Errors): weeks without apel,
apel days with no record, the plan over the past, guard rails on `record`, `edit`, `check`.

The secretariat's 2025 after Idul Fitri: Mondays 14, 21 and 28 April, 5 May, 12 May (Waisak,
a holiday), 19 and 26 May, 2 June. "Today" is Tuesday 3 June 2025 in Palembang.
"""

from __future__ import annotations

import csv
import io
import json
import tomllib
from pathlib import Path

import pytest
from conftest import snapshot

NOW = "2025-06-03T09:00:00+07:00"
IT2, AAL, KEMUNING, IB2 = "16.71.06", "16.71.15", "16.71.09", "16.71.01"
UNDO = "`apel-rotasi undo`"


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APEL_ROTASI_NOW", NOW)


def rows(run) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(run.stdout)))


def apel_tables(home: Path) -> list[dict]:
    return tomllib.loads((home / "history.toml").read_text(encoding="utf-8"))["apel"]


def warnings(run) -> list[str]:
    return [line for line in run.stderr.splitlines() if line.startswith("Peringatan: ")]


# --- weeks without apel ----------------------------------------------------------------------


def test_a_week_without_apel_is_recorded_with_its_reason(cli, home):
    cli.ok("record", "14/4/2025", "IT II")
    done = cli.ok("record", "21", "April", "2025", "--cancel", "Apel gabungan di Kantor Wali Kota")
    assert "Tercatat: Senin, 21 April 2025, tidak ada apel (Apel gabungan" in done.stderr
    assert apel_tables(home)[1] == {
        "date": __import__("datetime").date(2025, 4, 21),
        "cancelled": "Apel gabungan di Kantor Wali Kota",
    }
    history = rows(cli.ok("history", "-f", "csv"))
    assert [r["status"] for r in history] == ["held", "cancelled"]
    week = history[1]
    assert week["round"] == week["kecamatan_code"] == week["leader"] == week["present"] == ""
    assert week["note"] == "Apel gabungan di Kantor Wali Kota"
    data = json.loads(cli.ok("history", "-f", "json").stdout)
    assert data[1]["status"] == "cancelled" and data[1]["round"] is None
    assert "— batal —" in cli.ok("history").stdout
    # it visits nobody: Alang-Alang Lebar is still the next kecamatan
    assert rows(cli.ok("unvisited", "-f", "csv"))[0]["kecamatan"] == "Alang-Alang Lebar"


@pytest.mark.parametrize(
    "extra",
    [
        ["IT II"],
        ["--led-by", "wako"],
        ["--present", "120"],
        ["--note", "hujan"],
    ],
)
def test_a_week_without_apel_has_no_kecamatan_leader_counts_or_note(cli, home, extra):
    cli.ok("record", "14/4/2025", "IT II")
    before = snapshot(home)
    args = ["record", "21/4/2025", *extra[:1], "--cancel", "hujan", *extra[1:]]
    if extra[0].startswith("--"):
        args = ["record", "21/4/2025", "--cancel", "hujan", *extra]
    run = cli(*args)
    assert run.exit_code == 1, run.stderr
    assert "--cancel" in run.stderr
    assert snapshot(home) == before


def test_a_blank_reason_is_refused(cli, home):
    run = cli("record", "21/4/2025", "--cancel", "  ")
    assert run.exit_code == 1 and "alasan" in run.stderr
    assert not (home / "history.toml").exists()


def test_a_cancelled_week_replaces_an_apel_only_with_replace(cli, home):
    cli.ok("record", "21/4/2025", "AAL")
    refused = cli("record", "21/4/2025", "--cancel", "hujan")
    assert refused.exit_code == 1 and "--replace" in refused.stderr
    cli.ok("record", "21/4/2025", "--cancel", "hujan", "--replace")
    assert apel_tables(home) == [{"date": apel_tables(home)[0]["date"], "cancelled": "hujan"}]


# --- apel days with no record ----------------------------------------------------------------


def story(cli) -> None:
    for date, kec in (("14/4/2025", "IT II"), ("21/4/2025", "AAL"), ("28/4/2025", "Kemuning")):
        cli.ok("record", date, kec)


MISSING = "Hari apel yang belum ada catatannya: 4 (Senin, 5 Mei 2025; Senin, 19 Mei 2025; "
MISSING += "Senin, 26 Mei 2025; dan 1 lainnya)"


@pytest.mark.parametrize("command", [["plan"], ["unvisited"], ["plan", "-f", "csv"]])
def test_plan_and_unvisited_warn_about_days_with_no_record(cli, command):
    story(cli)
    run = cli.ok(*command)
    (said,) = [w for w in warnings(run) if "belum ada catatannya" in w]
    assert MISSING in said
    assert "record TANGGAL --cancel ALASAN" in said


def test_record_warns_too_and_a_record_settles_the_day(cli):
    story(cli)
    run = cli.ok("record", "5/5/2025", "IB II")
    (said,) = [w for w in warnings(run) if "belum ada catatannya" in w]
    assert "Hari apel yang belum ada catatannya: 3 (Senin, 19 Mei 2025;" in said
    cli.ok("record", "19/5/2025", "--cancel", "Sekda dinas luar")
    cli.ok("record", "26/5/2025", "SU I")
    last = cli.ok("record", "2/6/2025", "SU II", "--lang", "en")
    assert not [w for w in last.stderr.splitlines() if "no record" in w]
    assert "no record" not in cli.ok("plan", "--lang", "en").stderr


def test_check_lists_every_day_with_no_record_as_warnings(cli, home):
    story(cli)
    run = cli("check")
    assert run.exit_code == 0 and run.stdout == "OK\n", run.stderr
    listed = [w for w in warnings(run) if "hari apel tanpa catatan" in w]
    assert [w.split(": ")[1] for w in listed] == [
        "Senin, 5 Mei 2025",
        "Senin, 19 Mei 2025",
        "Senin, 26 Mei 2025",
        "Senin, 2 Juni 2025",
    ]


def test_holidays_closures_and_cancelled_pins_need_no_record(cli, home):
    cli.ok("init")
    roster = home / "kecamatan.toml"
    text = roster.read_text(encoding="utf-8")
    closure = '[[closure]]\ndate = 2025-05-19\nreason = "HUT Kota"\n\n'
    roster.write_text(text.replace("[[leader]]", closure + "[[leader]]", 1), encoding="utf-8")
    (home / "pins.toml").write_text(
        '[[pin]]\ndate = 2025-05-26\ncancel = "Rapat paripurna"\n', encoding="utf-8"
    )
    story(cli)
    listed = [w for w in warnings(cli.ok("check")) if "tanpa catatan" in w]
    assert [w.split(": ")[1] for w in listed] == ["Senin, 5 Mei 2025", "Senin, 2 Juni 2025"]


def test_nothing_is_unaccounted_before_the_first_apel(cli):
    cli.ok("record", "2/6/2025", "IT II")
    assert not warnings(cli.ok("plan"))


# --- the plan over the past ------------------------------------------------------------------


def test_a_plan_starting_on_a_recorded_day_shows_what_was_recorded(cli):
    """The issue's case: a home that recorded IT II on 14 April planned Ilir Barat II there."""
    cli.ok("record", "14/4/2025", "IT II")
    first = rows(cli.ok("plan", "--start", "2025-04-14", "-f", "csv"))[0]
    assert first["date"] == "2025-04-14" and first["status"] == "recorded"
    assert first["kecamatan"] == "Ilir Timur II" and first["round"] == "1"
    assert first["leader"] == "Aprizal Hasyim"


def test_the_past_stretch_as_it_was_then_the_plan(cli):
    cli.ok("record", "14/4/2025", "IT II")
    cli.ok("record", "21/4/2025", "AAL", "--led-by", "wako")
    cli.ok("record", "5/5/2025", "--cancel", "Apel gabungan")
    cli.ok("record", "26/5/2025", "Kemuning")
    plan = rows(cli.ok("plan", "--start", "1/4/2025", "-f", "csv"))
    shown = [(r["date"], r["status"], r["kecamatan"], r["note"]) for r in plan[:9]]
    assert shown == [  # before the first apel, only the holidays: the rotation had not begun
        ("2025-04-07", "holiday", "", "Cuti Bersama Hari Raya Idul Fitri"),
        ("2025-04-14", "recorded", "Ilir Timur II", ""),
        ("2025-04-21", "recorded", "Alang-Alang Lebar", ""),
        ("2025-04-28", "unrecorded", "", ""),
        ("2025-05-05", "cancelled", "", "Apel gabungan"),
        ("2025-05-12", "holiday", "", "Hari Raya Waisak"),
        ("2025-05-19", "unrecorded", "", ""),
        ("2025-05-26", "recorded", "Kemuning", ""),
        ("2025-06-02", "planned", "Ilir Barat II", ""),
    ]
    assert plan[2]["leader"] == "Ratu Dewa"
    assert plan[8]["round"] == "1"
    table = cli.ok("plan", "--start", "1/4/2025").stdout
    assert "— belum dicatat —" in table and "tercatat" in table


def test_weeks_count_from_the_start_even_in_the_past(cli):
    cli.ok("record", "14/4/2025", "IT II")
    cli.ok("record", "21/4/2025", "AAL")
    plan = rows(cli.ok("plan", "--start", "14/4/2025", "--weeks", "3", "-f", "csv"))
    assert [(r["date"], r["status"]) for r in plan] == [
        ("2025-04-14", "recorded"),
        ("2025-04-21", "recorded"),
        ("2025-04-28", "planned"),
    ]
    assert plan[2]["kecamatan"] == "Kemuning"
    later = rows(cli.ok("plan", "--start", "20/4/2025", "--weeks", "1", "-f", "csv"))
    assert [(r["date"], r["status"]) for r in later] == [("2025-04-21", "recorded")]


def test_the_default_plan_starts_after_the_last_record_not_before_today(cli):
    story(cli)
    plan = rows(cli.ok("plan", "-f", "csv"))
    assert plan[0]["date"] == "2025-06-09" or plan[0]["status"] == "holiday"
    assert {r["status"] for r in plan} <= {"planned", "holiday", "pinned", "cancelled"}


# --- guard rails on record -------------------------------------------------------------------


def test_a_record_in_order_says_nothing_more(cli, monkeypatch):
    monkeypatch.setenv("APEL_ROTASI_NOW", "2025-04-21T09:00:00+07:00")
    cli.ok("record", "14/4/2025", "IT II")
    run = cli.ok("record", "21/4/2025", "AAL")
    assert warnings(run) == []


def test_a_kecamatan_already_visited_in_the_round_is_named_with_its_date(cli, monkeypatch):
    monkeypatch.setenv("APEL_ROTASI_NOW", "2025-04-21T09:00:00+07:00")
    cli.ok("record", "14/4/2025", "IT II")
    run = cli.ok("record", "21/4/2025", "IT 2")
    said = "\n".join(warnings(run))
    assert "Ilir Timur II sudah dikunjungi pada putaran 1, yaitu pada Senin, 14 April 2025" in said
    assert UNDO in said
    assert len(apel_tables(cli.home)) == 2  # recorded all the same


def test_another_kecamatan_than_the_plan_had_is_named(cli, monkeypatch):
    monkeypatch.setenv("APEL_ROTASI_NOW", "2025-04-21T09:00:00+07:00")
    cli.ok("record", "14/4/2025", "IT II")
    run = cli.ok("record", "21/4/2025", "Kemuning", "--lang", "en")
    said = "\n".join(run.stderr.splitlines())
    assert "the plan had Alang-Alang Lebar on Monday, 21 April 2025" in said
    assert UNDO in said


def test_a_pinned_kecamatan_is_what_the_plan_had(cli, monkeypatch):
    monkeypatch.setenv("APEL_ROTASI_NOW", "2025-04-15T09:00:00+07:00")
    cli.ok("record", "14/4/2025", "IT II")
    cli.ok("pin", "21/4/2025", "Kemuning")
    monkeypatch.setenv("APEL_ROTASI_NOW", "2025-04-21T09:00:00+07:00")
    assert warnings(cli.ok("record", "21/4/2025", "Kemuning")) == []


def test_a_record_weeks_after_the_last_is_held_to_the_plan_for_its_day(cli, monkeypatch):
    """Weeks without record, holidays among them: the plan for the day (as ``plan`` shows
    it at the last record) is what a record there is compared with."""
    monkeypatch.setenv("APEL_ROTASI_NOW", "2025-04-15T09:00:00+07:00")
    cli.ok("record", "14/4/2025", "IT II")
    shown = rows(cli.ok("plan", "--start", "2/6/2025", "--weeks", "1", "--format", "csv"))
    assert [(r["date"], r["status"], r["kecamatan"]) for r in shown] == [
        ("2025-06-02", "planned", "Ilir Barat I")
    ]
    monkeypatch.setenv("APEL_ROTASI_NOW", "2025-06-03T09:00:00+07:00")
    said = "\n".join(warnings(cli.ok("record", "2/6/2025", "Kemuning")))
    assert "menurut jadwal, apel Senin, 2 Juni 2025 di Ilir Barat I." in said


def test_a_date_before_the_first_apel_or_over_a_year_ago_is_questioned(cli):
    cli.ok("record", "28/4/2025", "IT II")
    early = "\n".join(warnings(cli.ok("record", "21/4/2025", "AAL")))
    assert "lebih awal daripada apel pertama yang tercatat (Senin, 28 April 2025)" in early
    assert UNDO in early
    typo = "\n".join(warnings(cli.ok("record", "27/5/2024", "Kemuning")))
    assert "Senin, 27 Mei 2024 sudah lebih dari setahun yang lalu" in typo
    assert UNDO in typo


def test_a_holiday_and_a_day_that_is_no_apel_day_mention_undo(cli):
    story(cli)
    holiday = "\n".join(warnings(cli.ok("record", "12/5/2025", "IB II")))
    assert "hari libur" in holiday and UNDO in holiday
    tuesday = "\n".join(warnings(cli.ok("record", "27/5/2025", "SU I")))
    assert "bukan hari apel" in tuesday and UNDO in tuesday


# --- edit ------------------------------------------------------------------------------------


def test_edit_keeps_what_it_was_not_given(cli, home):
    cli.ok(
        "record", "28/4/2025", "Kemuning", "--led-by", "wako", "--note", "Hujan", "--present", "150"
    )
    run = cli.ok("edit", "28/4/2025", "--sick", "3", "--tanpa-keterangan", "1")
    assert "Diubah: Senin, 28 April 2025: Kemuning, dipimpin Ratu Dewa" in run.stderr
    assert "hadir 150, sakit 3, tanpa keterangan 1" in run.stderr
    (table,) = apel_tables(home)
    assert table == {
        "date": table["date"],
        "kecamatan": KEMUNING,
        "leader": "walikota",
        "note": "Hujan",
        "present": 150,
        "sick": 3,
        "absent": 1,
    }


def test_edit_removes_a_note_and_a_count_and_changes_kecamatan_and_leader(cli, home):
    cli.ok("record", "28/4/2025", "Kemuning", "--note", "Hujan", "--present", "150", "--sick", "3")
    cli.ok("edit", "28", "April", "2025", "--note", "", "--sick", "-", "--hadir", "151")
    cli.ok("edit", "28/4/2025", "--kecamatan", "AAL", "--led-by", "wawako")
    (table,) = apel_tables(home)
    assert table == {
        "date": table["date"],
        "kecamatan": AAL,
        "leader": "wawako",
        "present": 151,
    }


@pytest.mark.parametrize("value", ["abc", "1.5", "-3", "tiga"])
def test_edit_refuses_a_count_that_is_no_count(cli, home, value):
    cli.ok("record", "28/4/2025", "Kemuning")
    before = snapshot(home)
    run = cli("edit", "28/4/2025", f"--sick={value}")
    assert run.exit_code == 1
    assert f'--sick "{value}"' in run.stderr and "bilangan bulat" in run.stderr
    assert snapshot(home) == before


def test_edit_of_a_date_with_no_apel_or_with_nothing_to_change_fails(cli, home):
    cli.ok("record", "28/4/2025", "Kemuning")
    before = snapshot(home)
    missing = cli("edit", "21/4/2025", "--present", "100")
    assert missing.exit_code == 1 and "Senin, 21 April 2025" in missing.stderr
    nothing = cli("edit", "28/4/2025")
    assert nothing.exit_code == 1 and "--kecamatan" in nothing.stderr
    assert snapshot(home) == before


def test_edit_of_a_week_without_apel_changes_only_its_reason(cli, home):
    cli.ok("record", "5/5/2025", "--cancel", "Hujan")
    refused = cli("edit", "5/5/2025", "--present", "100")
    assert refused.exit_code == 1 and "--replace" in refused.stderr
    blank = cli("edit", "5/5/2025", "--note", "")
    assert blank.exit_code == 1
    cli.ok("edit", "5/5/2025", "--note", "Apel gabungan di Kantor Wali Kota")
    assert apel_tables(home)[0]["cancelled"] == "Apel gabungan di Kantor Wali Kota"


def test_an_edit_that_changes_nothing_writes_nothing(cli, home):
    cli.ok("record", "28/4/2025", "Kemuning", "--present", "150")
    before = snapshot(home)
    run = cli.ok("edit", "28/4/2025", "--present", "150")
    assert "Tidak ada yang berubah" in run.stderr
    assert snapshot(home) == before


# --- check in one pass -----------------------------------------------------------------------


def test_check_reports_a_history_date_after_today_with_its_line(cli, home):
    (home / "history.toml").write_text(
        '[[apel]]\ndate = 2025-04-14\nkecamatan = "16.71.06"\nleader = "sekda"\n\n'
        '[[apel]]\ndate = 2025-06-09\nkecamatan = "16.71.15"\nleader = "sekda"\n',
        encoding="utf-8",
    )
    run = cli("check")
    assert run.exit_code == 1
    assert "history.toml:6:" in run.stderr and "Senin, 9 Juni 2025" in run.stderr


def test_check_reports_every_history_problem_at_once(cli, home):
    (home / "history.toml").write_text(
        '[[apel]]\ndate = 2025-04-14\nkecamatan = "16.71.06"\nleader = "sekda"\nsick = -1\n\n'
        '[[apel]]\ndate = 2025-04-21\nkecamatan = "16.71.15"\nleader = "sekda"\nwho = "x"\n\n'
        '[[apel]]\ndate = 2025-04-21\ncancelled = "hujan"\n\n'
        '[[apel]]\ndate = 2025-04-28\nkecamatan = "99.99.99"\nleader = "sekda"\n\n'
        '[[apel]]\ndate = 2025-07-07\nkecamatan = "16.71.09"\nleader = "sekda"\n',
        encoding="utf-8",
    )
    run = cli("check", "--lang", "en")
    assert run.exit_code == 1
    errors = [line for line in run.stderr.splitlines() if line.startswith("Error: ")]
    assert any(":5:" in e and "sick" in e and "-1" in e for e in errors), errors
    assert any(":11:" in e and "who" in e for e in errors), errors
    assert any(":13:" in e and "2025-04-21" in e for e in errors), errors
    assert any("99.99.99" in e for e in errors), errors
    assert any("Monday, 7 July 2025" in e for e in errors), errors


def test_check_reports_a_torn_journal_line_as_a_warning(cli, home):
    story(cli)
    journal = home / "journal.jsonl"
    with journal.open("ab") as handle:
        handle.write(b'{"at":"2025-06-03T09:00:00+07:00","user":"x","act')
    run = cli("check")
    assert run.exit_code == 0 and run.stdout == "OK\n"
    torn = [w for w in warnings(run) if "journal.jsonl:4:" in w]
    assert torn and "diabaikan" in torn[0]


def test_edit_refuses_a_control_character_in_a_name(cli, home):
    cli.ok("record", "14/4/2025", "IT II")
    before = snapshot(home)
    run = cli("edit", "14/4/2025", "--kecamatan", "Sako\x1b[2J", "--lang", "en")
    assert run.exit_code == 1
    assert run.stderr.startswith("Error: ") and "--kecamatan" in run.stderr
    assert snapshot(home) == before
