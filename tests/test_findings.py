"""Findings and follow-up (SPEC Findings and follow-up; issue 22): `finding add`, `finding
done`, `finding edit`, `findings`, their journal and `undo`, `check` of findings.toml, the
reminder after `record`, the mark in `history`, and the report's findings and rate."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tomllib
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import BUNDLED, snapshot

NOW = "2025-05-20T09:00:00+07:00"
KEMUNING, IT2 = "16.71.09", "16.71.06"
COLUMNS = [
    "id",
    "date",
    "kecamatan_code",
    "kecamatan",
    "text",
    "owner",
    "due",
    "status",
    "done",
    "result",
    "letter",
]
TEXT = "35 dari 88 pegawai hadir; 3 lurah tidak hadir"


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APEL_ROTASI_NOW", NOW)


@pytest.fixture
def held(cli, home):
    """Two apel held (14 April at Ilir Timur II, 28 April at Kemuning) and a week without."""
    cli.ok("record", "14/4/2025", "IT II")
    cli.ok("record", "21/4/2025", "--cancel", "Hujan")
    cli.ok("record", "28/4/2025", "Kemuning", "--hadir", "35", "--tanpa-keterangan", "53")
    return home


def findings_file(home: Path) -> list[dict[str, Any]]:
    path = home / "findings.toml"
    return (
        tomllib.loads(path.read_text(encoding="utf-8")).get("finding", []) if path.exists() else []
    )


def journal(home: Path) -> list[dict[str, Any]]:
    lines = (home / "journal.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def listed(cli, *args: str) -> list[dict[str, Any]]:
    return json.loads(cli.ok("findings", "-f", "json", *args).stdout)


def refused(cli, home: Path, *args: str, says: str, code: int = 1) -> str:
    before = snapshot(home)
    run = cli(*args, "--lang", "en")
    assert run.exit_code == code, (run.exit_code, run.stderr)
    assert says in run.stderr, run.stderr
    assert "Traceback" not in run.stderr and run.stdout == ""
    assert snapshot(home) == before
    return run.stderr


# --- finding add ------------------------------------------------------------------------------


def test_add_takes_the_kecamatan_of_the_apel_and_numbers_from_one(cli, held):
    said = cli.ok(
        "finding",
        "add",
        "28 April 2025",
        TEXT,
        "--owner",
        "Camat Kemuning",
        "--due",
        "12/5/2025",
        "--letter",
        "800/123/2025",
        "--lang",
        "en",
    ).stderr
    assert said == "Finding #1 recorded: the apel of Monday, 28 April 2025 at Kemuning.\n"
    cli.ok("finding", "add", "14/4/2025", "Pelayanan KTP lambat")
    assert findings_file(held) == [
        {
            "id": 1,
            "date": dt.date(2025, 4, 28),
            "kecamatan": KEMUNING,
            "text": TEXT,
            "owner": "Camat Kemuning",
            "due": dt.date(2025, 5, 12),
            "letter": "800/123/2025",
        },
        {
            "id": 2,
            "date": dt.date(2025, 4, 14),
            "kecamatan": IT2,
            "text": "Pelayanan KTP lambat",
        },
    ]
    line = journal(held)[-1]
    assert (line["action"], line["file"], line["date"]) == (
        "finding_add",
        "findings.toml",
        "2025-04-14",
    )
    assert line["before"] is None and line["after"]["id"] == 2


def test_add_reads_the_date_and_text_without_quotes(cli, held):
    cli.ok("finding", "add", "Senin,", "28", "April", "2025", "3", "lurah", "tidak", "hadir")
    [found] = findings_file(held)
    assert found["text"] == "3 lurah tidak hadir" and found["kecamatan"] == KEMUNING


def test_add_on_a_date_with_no_held_apel_is_refused(cli, held):
    refused(
        cli,
        held,
        "finding",
        "add",
        "5/5/2025",
        TEXT,
        says="no apel took place on Monday, 5 May 2025",
    )


def test_add_on_a_week_without_apel_is_refused(cli, held):
    refused(
        cli,
        held,
        "finding",
        "add",
        "21/4/2025",
        TEXT,
        says="no apel took place on Monday, 21 April",
    )


def test_add_with_no_history_is_refused_and_writes_nothing(cli, home):
    refused(cli, home, "finding", "add", "28/4/2025", TEXT, says="no apel took place")
    assert list(home.iterdir()) == []


def test_add_with_a_due_before_its_date_is_refused(cli, held):
    refused(
        cli,
        held,
        "finding",
        "add",
        "28/4/2025",
        TEXT,
        "--due",
        "27/4/2025",
        says="the due date Sunday, 27 April 2025 is before the finding's date",
    )


def test_add_without_text_is_refused(cli, held):
    refused(cli, held, "finding", "add", "28/4/2025", says="needs its text")


def test_add_with_a_date_that_cannot_be_read_is_refused(cli, held):
    refused(cli, held, "finding", "add", "31/2/2025", TEXT, says="31/2/2025")


def test_add_with_a_control_character_is_refused(cli, held):
    refused(cli, held, "finding", "add", "28/4/2025", "a\x1b]0;x\x07", says="control character")


def test_add_with_a_blank_owner_is_refused(cli, held):
    refused(
        cli,
        held,
        "finding",
        "add",
        "28/4/2025",
        TEXT,
        "--owner",
        " ",
        says="--owner cannot be blank",
    )


# --- finding done and edit --------------------------------------------------------------------


@pytest.fixture
def found(cli, held):
    cli.ok("finding", "add", "28/4/2025", TEXT, "--owner", "Camat Kemuning", "--due", "12/5/2025")
    return held


def test_done_sets_today_or_the_date_given_with_the_result_and_letter(cli, found):
    said = cli.ok("finding", "done", "1", "--lang", "en").stderr
    assert said == "Finding #1 followed up on Tuesday, 20 May 2025.\n"
    assert findings_file(found)[0]["done"].isoformat() == "2025-05-20"
    cli.ok(
        "finding",
        "done",
        "#1",
        "--on",
        "10/5/2025",
        "--result",
        "Teguran tertulis",
        "--letter",
        "800/9",
    )
    first = findings_file(found)[0]
    assert (first["done"].isoformat(), first["result"], first["letter"]) == (
        "2025-05-10",
        "Teguran tertulis",
        "800/9",
    )
    assert journal(found)[-1]["action"] == "finding_done"


def test_done_in_the_future_is_refused(cli, found):
    refused(cli, found, "finding", "done", "1", "--on", "21/5/2025", says="has not come yet")


def test_done_before_the_findings_date_is_refused(cli, found):
    refused(cli, found, "finding", "done", "1", "--on", "27/4/2025", says="finding #1 is from")


@pytest.mark.parametrize("command", ["done", "edit"])
def test_an_unknown_id_is_refused(cli, found, command):
    extra = ("--text", "x") if command == "edit" else ()
    refused(cli, found, "finding", command, "7", *extra, says="there is no finding #7")


@pytest.mark.parametrize("number", ["abc", "1a", "1.5", "9" * 40])
def test_an_id_that_is_no_number_is_refused(cli, found, number):
    refused(cli, found, "finding", "done", number, says="is not a finding number")


def test_edit_changes_only_what_is_given_and_empty_removes(cli, found):
    cli.ok("finding", "edit", "1", "--owner", "", "--letter", "800/1", "--due", "")
    first = findings_file(found)[0]
    assert "owner" not in first and "due" not in first
    assert (first["text"], first["letter"]) == (TEXT, "800/1")
    cli.ok("finding", "edit", "1", "--text", "Dua lurah tidak hadir")
    assert findings_file(found)[0]["text"] == "Dua lurah tidak hadir"
    assert journal(found)[-1]["action"] == "finding_edit"


def test_edit_of_the_text_to_nothing_is_refused(cli, found):
    refused(cli, found, "finding", "edit", "1", "--text", "", says="--text cannot be blank")


def test_edit_with_nothing_to_change_is_refused(cli, found):
    refused(cli, found, "finding", "edit", "1", says="nothing to change")


def test_edit_with_a_due_before_the_findings_date_is_refused(cli, found):
    refused(
        cli, found, "finding", "edit", "1", "--due", "1/4/2025", says="is before the finding's date"
    )


# --- undo -------------------------------------------------------------------------------------


def test_undo_takes_back_an_edit_a_done_and_an_add_in_turn(cli, found):
    cli.ok("finding", "edit", "1", "--owner", "Sekretaris Camat")
    cli.ok("finding", "done", "1")
    cli.ok("undo")
    assert "done" not in findings_file(found)[0]
    cli.ok("undo")
    assert findings_file(found)[0]["owner"] == "Camat Kemuning"
    said = cli.ok("undo", "--lang", "en").stderr
    assert said.startswith("Undone: the finding recorded at the apel of Monday, 28 April 2025")
    assert said.endswith("There is no finding #1 now.\n")
    assert findings_file(found) == []


def test_a_number_undone_is_never_given_again(cli, found):
    cli.ok("finding", "add", "14/4/2025", "Pelayanan KTP lambat")
    cli.ok("undo")
    cli.ok("undo")
    assert findings_file(found) == []
    said = cli.ok("finding", "add", "14/4/2025", "Loket tutup", "--lang", "en").stderr
    assert said.startswith("Finding #3 recorded")
    assert [f["id"] for f in findings_file(found)] == [3]
    cli.ok("record", "5/5/2025", "Kemuning")
    cli.ok("finding", "edit", "3", "--owner", "Camat")
    cli.ok("undo")
    cli.ok("undo")
    cli.ok("finding", "add", "14/4/2025", "Antrean panjang")
    assert [f["id"] for f in findings_file(found)] == [3, 4]


def test_add_after_undo_gives_the_next_number(cli, held):
    cli.ok("finding", "add", "28/4/2025", TEXT)
    cli.ok("undo")
    said = cli.ok("finding", "add", "28/4/2025", TEXT, "--lang", "en").stderr
    assert said == "Finding #2 recorded: the apel of Monday, 28 April 2025 at Kemuning.\n"
    assert [f["id"] for f in findings_file(held)] == [2]
    assert cli.ok("findings", "-f", "csv").stdout.splitlines()[1].startswith("2,")


def test_a_number_written_by_hand_is_not_given_again(cli, found):
    path = found / "findings.toml"
    text = path.read_text(encoding="utf-8").replace("id = 1", "id = 7")
    path.write_text(text, encoding="utf-8")
    cli.ok("finding", "add", "14/4/2025", "Loket tutup")
    assert [f["id"] for f in findings_file(found)] == [7, 8]


def test_add_reads_the_journal_back_only_to_the_newest_add(cli, found, monkeypatch):
    from apel_rotasi.store import journal

    real = journal.backward
    read: list[str] = []

    def counted(home: Path):
        for line in real(home):
            read.append(line["action"])
            yield line

    for day in ("5/5/2025", "12/5/2025", "19/5/2025"):
        cli.ok("record", day, "Kemuning")
    monkeypatch.setattr(journal, "backward", counted)
    cli.ok("finding", "add", "14/4/2025", "Loket tutup")
    back_to_the_add = ["record", "record", "record", "finding_add"]
    assert read in (back_to_the_add, back_to_the_add * 2)  # a dry run, then under the lock


def test_undo_refuses_a_finding_changed_by_hand(cli, found):
    path = found / "findings.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("Camat Kemuning", "Lurah"), "utf-8")
    refused(cli, found, "undo", says="owner should be")


def test_undo_refuses_a_forged_finding_line(cli, found):
    line = {
        "at": NOW,
        "user": "mallory",
        "action": "finding_edit",
        "file": "findings.toml",
        "date": "2025-04-28",
        "before": {"id": 1, "date": "2025-04-28", "kecamatan": IT2, "text": "x", "formula": "=1"},
        "after": journal(found)[-1]["after"],
        "id": "f0f0f0f0f0f0f0f0",
    }
    with (found / "journal.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(line) + "\n")
    said = refused(cli, found, "undo", says='unknown key "formula" in [[finding]] #1')
    assert "no apel took place at its kecamatan" in said


# --- findings ---------------------------------------------------------------------------------


@pytest.fixture
def three(cli, found):
    """#1 overdue (due 12 May), #2 done, #3 open without a due date."""
    cli.ok("finding", "add", "14/4/2025", "Pelayanan KTP lambat")
    cli.ok("finding", "done", "2", "--on", "1/5/2025", "--result", "Loket ditambah")
    cli.ok("finding", "add", "28/4/2025", "Absen sidik jari rusak", "--due", "1/6/2025")
    return found


def test_findings_lists_them_oldest_first_with_the_contracts_columns(cli, three):
    rows = listed(cli)
    assert list(rows[0]) == COLUMNS
    assert [(r["id"], r["status"]) for r in rows] == [(2, "done"), (1, "overdue"), (3, "open")]
    assert rows[0] == {
        "id": 2,
        "date": "2025-04-14",
        "kecamatan_code": IT2,
        "kecamatan": "Ilir Timur II",
        "text": "Pelayanan KTP lambat",
        "owner": None,
        "due": None,
        "status": "done",
        "done": "2025-05-01",
        "result": "Loket ditambah",
        "letter": None,
    }


def test_findings_open_and_by_kecamatan(cli, three):
    assert [r["id"] for r in listed(cli, "--open")] == [1, 3]
    assert [r["id"] for r in listed(cli, "--kecamatan", "IT II")] == [2]
    assert listed(cli, "--open", "--kecamatan", "it 2") == []


def test_findings_with_an_unknown_kecamatan_is_refused(cli, three):
    refused(cli, three, "findings", "--kecamatan", "Atlantis", says="Atlantis")


def test_findings_as_csv_xlsx_html_and_table(cli, three, tmp_path):
    text = cli.ok("findings", "-f", "csv").stdout
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == COLUMNS and [r[0] for r in rows[1:]] == ["2", "1", "3"]
    out = tmp_path / "temuan.xlsx"
    cli.ok("findings", "-o", str(out), "--lang", "en")
    sheet = openpyxl.load_workbook(out).active
    assert [c.value for c in sheet[1]][:5] == ["No.", "Date", "Code", "Kecamatan", "Finding"]
    assert [c.value for c in sheet[2]][7] == "done"
    page = cli.ok("findings", "-f", "html").stdout
    assert (
        "Temuan dan tindak lanjutnya" in page and "Loket ditambah" in page and "<script" not in page
    )
    table = cli.ok("findings", "--lang", "en").stdout
    assert "overdue" in table and "done" in table and "1 May 2025" in table  # when it was done
    assert (
        "Absen sidik jari" in table and "\n" in table.split("Absen sidik jari")[1][:30]
    )  # wrapped between words


def test_findings_xlsx_needs_output(cli, three):
    refused(cli, three, "findings", "-f", "xlsx", says="--format xlsx")


# --- check ------------------------------------------------------------------------------------

GOOD = """\
[[finding]]
id = 1
date = 2025-04-28
kecamatan = "16.71.09"
text = "3 lurah tidak hadir"
"""


@pytest.mark.parametrize(
    ("text", "says"),
    [
        pytest.param(GOOD + GOOD, "a second [[finding]] with id 1", id="duplicate id"),
        pytest.param(GOOD + "color = 1\n", 'unknown key "color"', id="unknown key"),
        pytest.param(
            GOOD + "done = 2025-04-27\n", "the done of finding #1 is before", id="done before"
        ),
        pytest.param(
            GOOD + "due = 2025-04-01\n", "the due of finding #1 is before", id="due before"
        ),
        pytest.param(
            GOOD.replace("04-28", "05-05"), "no apel took place at its kecamatan", id="no apel"
        ),
        pytest.param(
            GOOD.replace(KEMUNING, IT2), "no apel took place at its kecamatan", id="other kecamatan"
        ),
        pytest.param(
            GOOD.replace("2025-", "2200-"), "from the year 1950 to 2199", id="date out of range"
        ),
        pytest.param(GOOD.replace('text = "3', 'tex = "3'), 'has no "text"', id="no text"),
        pytest.param(GOOD.replace("id = 1", 'id = "1"'), '"id" in [[finding]] #1', id="id as text"),
        pytest.param("[[finding]\n", "not valid TOML", id="not TOML"),
    ],
)
def test_check_reports_a_damaged_findings_file_with_its_line(cli, held, text, says):
    (held / "findings.toml").write_text(text, encoding="utf-8")
    run = cli("check", "--lang", "en")
    assert run.exit_code == 1 and "Traceback" not in run.stderr
    [message] = [line for line in run.stderr.splitlines() if says in line]
    assert "findings.toml:" in message, message


def test_check_says_ok_for_the_tools_own_findings(cli, three):
    assert cli.ok("check").stdout == "OK\n"


# --- reminders, history and report ------------------------------------------------------------


def test_record_at_a_kecamatan_with_open_findings_reminds_of_them(cli, three):
    said = cli.ok("record", "19/5/2025", "Kemuning", "--lang", "en").stderr
    assert "Kemuning has 2 open finding(s); the oldest, #1 of Monday, 28 April 2025" in said
    quiet = cli.ok("record", "19/5/2025", "IT II", "--replace", "--lang", "en").stderr
    assert "open finding" not in quiet  # #2 there is done


def test_history_marks_the_apel_with_findings(cli, three):
    table = cli.ok("history", "--lang", "en").stdout
    assert "Kemuning *" in table and "Ilir Timur II *" in table
    assert "*: an apel with findings" in table


def test_report_counts_open_and_overdue_findings(cli, three):
    rows = {r["kecamatan_code"]: r for r in json.loads(cli.ok("report", "-f", "json").stdout)}
    assert (rows[KEMUNING]["findings_open"], rows[KEMUNING]["findings_overdue"]) == (2, 1)
    assert (rows[IT2]["findings_open"], rows[IT2]["findings_overdue"]) == (0, 0)


def test_the_rate_is_against_all_counts_without_staff_and_against_staff_with_it(cli, held, home):
    rows = {r["kecamatan_code"]: r for r in json.loads(cli.ok("report", "-f", "json").stdout)}
    assert rows[KEMUNING]["attendance_rate"] == round(35 / 88, 4)
    assert rows[KEMUNING]["staff"] is None
    roster = BUNDLED.read_text(encoding="utf-8")
    roster = roster.replace('name = "Kemuning"\n', 'name = "Kemuning"\nstaff = 100\n')
    (home / "kecamatan.toml").write_text(roster, encoding="utf-8")
    rows = {r["kecamatan_code"]: r for r in json.loads(cli.ok("report", "-f", "json").stdout)}
    assert (rows[KEMUNING]["attendance_rate"], rows[KEMUNING]["staff"]) == (0.35, 100)
    assert "out of the kecamatan's staff" in cli.ok("report", "--lang", "en").stdout


def test_a_staff_figure_out_of_bounds_is_reported_by_check(cli, home):
    roster = BUNDLED.read_text(encoding="utf-8")
    roster = roster.replace('name = "Kemuning"\n', 'name = "Kemuning"\nstaff = -3\n')
    (home / "kecamatan.toml").write_text(roster, encoding="utf-8")
    run = cli("check", "--lang", "en")
    assert run.exit_code == 1 and '"staff" in [[kecamatan]] #3 is -3' in run.stderr


def test_record_records_beside_a_damaged_findings_file(cli, home):
    """The reminder is a courtesy: a findings.toml that cannot be read is said, and the apel
    is recorded all the same."""
    (home / "findings.toml").write_text('[[finding]]\nid = "x"\n', encoding="utf-8")
    run = cli("record", "14/4/2025", "IT II", "--lang", "en")
    assert run.exit_code == 0, run.stderr
    assert "Recorded: Monday, 14 April 2025, Ilir Timur II" in run.stderr
    assert "Warning: Open findings cannot be recalled because findings.toml cannot be read" in (
        run.stderr
    )
    assert 'kecamatan = "16.71.06"' in (home / "history.toml").read_text(encoding="utf-8")


def test_record_with_a_damaged_findings_file_still_records_and_warns(cli, found):
    (found / "findings.toml").write_text("[[finding]\nid = ", encoding="utf-8")
    run = cli("record", "5/5/2025", "Kemuning", "--lang", "en")
    assert run.exit_code == 0, run.stderr
    assert "findings.toml cannot be read" in run.stderr and "Traceback" not in run.stderr
    assert "Recorded" in run.stderr
    history = tomllib.loads((found / "history.toml").read_text(encoding="utf-8"))["apel"]
    assert dt.date(2025, 5, 5) in [a["date"] for a in history]
    assert journal(found)[-1]["date"] == "2025-05-05"
    said = cli.ok("record", "12/5/2025", "Kemuning").stderr
    assert "findings.toml tidak terbaca" in said


def test_history_beside_a_damaged_findings_file_is_shown_unmarked(cli, home):
    cli.ok("record", "14/4/2025", "IT II")
    (home / "findings.toml").write_text('[[finding]]\nid = "x"\n', encoding="utf-8")
    run = cli("history", "--lang", "en")
    assert run.exit_code == 0, run.stderr
    assert "Ilir Timur II" in run.stdout and " *" not in run.stdout
    assert "Warning: Apel with findings are not marked because findings.toml cannot be read" in (
        run.stderr
    )
