"""The journal (SPEC The journal): every change appended to journal.jsonl, `log`, `undo`,
and a journal that survives `kill -9` at any moment, agreeing with history.toml after it."""

from __future__ import annotations

import csv
import datetime as dt
import getpass
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

import pytest
from conftest import Cli, run_process, snapshot, stress

NOW = "2025-06-03T09:00:00+07:00"
IT2, AAL, KEMUNING = "16.71.06", "16.71.15", "16.71.09"
FIELDS = ["at", "user", "action", "file", "date", "before", "after"]


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APEL_ROTASI_NOW", NOW)


def lines(home: Path) -> list[dict[str, Any]]:
    text = (home / "journal.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def history(home: Path) -> list[dict[str, Any]]:
    path = home / "history.toml"
    if not path.exists():
        return []
    return tomllib.loads(path.read_text(encoding="utf-8")).get("apel", [])


# --- what is journaled -----------------------------------------------------------------------


def test_every_change_is_one_line_with_when_who_what_before_and_after(cli, home):
    cli.ok("record", "14/4/2025", "IT II", "--present", "150")
    cli.ok("edit", "14/4/2025", "--sick", "2")
    cli.ok("record", "21/4/2025", "--cancel", "Hujan")
    cli.ok("delete", "21/4/2025")
    cli.ok("pin", "9/6/2025", "Kemuning")
    cli.ok("unpin", "9/6/2025")
    cli.ok("undo")
    found = lines(home)
    assert [line["action"] for line in found] == [
        "record",
        "edit",
        "record",
        "delete",
        "pin",
        "unpin",
        "undo",
    ]
    for line in found:
        assert list(line)[:7] == FIELDS
        assert line["at"] == NOW  # the city's time, with its offset
        assert line["user"] == getpass.getuser()
    record, edit, cancel, delete, pin, unpin, undo = found
    assert record["file"] == "history.toml" and record["date"] == "2025-04-14"
    assert record["before"] is None
    assert record["after"] == {
        "date": "2025-04-14",
        "kecamatan": IT2,
        "leader": "sekda",
        "present": 150,
    }
    assert edit["before"] == record["after"] and edit["after"]["sick"] == 2
    assert cancel["after"] == {"date": "2025-04-21", "cancelled": "Hujan"}
    assert delete["before"] == cancel["after"] and delete["after"] is None
    assert pin["file"] == unpin["file"] == "pins.toml"
    assert pin["after"] == {"date": "2025-06-09", "kecamatan": KEMUNING}
    assert unpin["before"] == pin["after"] and unpin["after"] is None
    assert undo["file"] == "pins.toml" and undo["after"] == pin["after"]
    assert undo["undoes"] == unpin["id"]
    assert (home / "pins.toml").read_text(encoding="utf-8").count("[[pin]]") == 1


def test_a_failed_command_journals_nothing(cli, home):
    cli.ok("record", "14/4/2025", "IT II")
    before = snapshot(home)
    assert cli("record", "14/4/2025", "AAL").exit_code == 1
    assert cli("delete", "21/4/2025").exit_code == 1
    assert cli("unpin", "9/6/2025").exit_code == 1
    assert cli("record", "9/6/2025", "AAL").exit_code == 1  # in the future
    assert snapshot(home) == before


# --- log -------------------------------------------------------------------------------------


def test_log_lists_newest_first_in_every_format(cli, home, tmp_path):
    cli.ok("record", "14/4/2025", "IT II")
    cli.ok("record", "21/4/2025", "AAL", "--note", "=1+1")
    cli.ok("edit", "21/4/2025", "--hadir", "120")
    table = cli.ok("log").stdout
    assert table.index("ubah") < table.index("catat")
    assert "Sen, 21 Apr 2025" in table and "Hadir: — → 120" in table  # in people's words
    assert "Kecamatan: Alang-Alang Lebar" in table and "16.71" not in table
    rows = list(csv.reader(io.StringIO(cli.ok("log", "-f", "csv").stdout)))
    assert rows[0] == FIELDS
    assert [r[2] for r in rows[1:]] == ["edit", "record", "record"]
    assert rows[1][0] == NOW and rows[1][4] == "2025-04-21"
    assert json.loads(rows[1][6])["present"] == 120  # compact JSON text
    assert " " not in rows[3][6] and rows[3][5] == ""
    data = json.loads(cli.ok("log", "-f", "json").stdout)
    assert list(data[0]) == FIELDS
    assert data[0]["before"]["note"] == "=1+1" and data[2]["before"] is None
    out = tmp_path / "log.xlsx"
    cli.ok("log", "-o", str(out))
    from openpyxl import load_workbook

    sheet = load_workbook(out).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert (
        len(values) == 4
        and values[1][6]
        == "Kecamatan: Alang-Alang Lebar\nPemimpin: Aprizal Hasyim\nKeterangan: =1+1\nHadir: 120"
    )  # in words
    english = cli.ok("log", "--lang", "en").stdout
    assert english.index("edit") < english.index("record")


def test_an_empty_journal_logs_no_rows(cli, home):
    assert cli.ok("log", "-f", "csv").stdout.splitlines() == [",".join(FIELDS)]


# --- undo ------------------------------------------------------------------------------------


def test_undo_walks_back_a_record_a_replace_and_a_delete_in_turn(cli, home):
    cli.ok("record", "14/4/2025", "IT II", "--present", "150", "--note", "Cerah")
    cli.ok("record", "14/4/2025", "AAL", "--replace")  # drops the figures and the note
    cli.ok("delete", "14/4/2025")
    assert history(home) == []
    first = cli.ok("undo")
    assert "Diurungkan: penghapusan Senin, 14 April 2025" in first.stderr
    assert [(a["kecamatan"], "present" in a) for a in history(home)] == [(AAL, False)]
    second = cli.ok("undo")
    assert "Ilir Timur II" in second.stderr and "hadir 150" in second.stderr
    assert history(home)[0]["present"] == 150 and history(home)[0]["note"] == "Cerah"
    cli.ok("undo")
    assert history(home) == []
    nothing = cli("undo")
    assert nothing.exit_code == 1 and "tidak ada perubahan yang dapat diurungkan" in nothing.stderr
    undos = [line for line in lines(home) if line["action"] == "undo"]
    assert len(undos) == 3 and len({u["undoes"] for u in undos}) == 3


def test_undo_after_undo_goes_further_back_past_later_changes(cli, home):
    cli.ok("record", "14/4/2025", "IT II")
    cli.ok("record", "21/4/2025", "AAL")
    cli.ok("undo")  # takes back 21 April
    cli.ok("record", "28/4/2025", "Kemuning")
    cli.ok("undo")  # takes back 28 April
    cli.ok("undo")  # 21 April is undone already: takes back 14 April
    assert history(home) == []


def test_undo_refuses_when_the_record_was_changed_by_hand(cli, home):
    cli.ok("record", "14/4/2025", "IT II", "--present", "150")
    path = home / "history.toml"
    path.write_text(path.read_text().replace("present = 150", "present = 151"), encoding="utf-8")
    before = snapshot(home)
    run = cli("undo", "--lang", "en")
    assert run.exit_code == 1
    assert "history.toml on Monday, 14 April 2025 has changed since" in run.stderr
    assert "present should be 150, is 151" in run.stderr
    assert snapshot(home) == before
    path.write_text("", encoding="utf-8")
    gone = cli("undo")
    assert gone.exit_code == 1 and "catatannya sudah tidak ada" in gone.stderr


def test_undo_of_a_pin(cli, home):
    cli.ok("pin", "9/6/2025", "Kemuning")
    cli.ok("pin", "9/6/2025", "--cancel", "Rapat")
    said = cli.ok("undo").stderr
    assert "Kini pada tanggal itu: Kemuning." in said
    assert "kecamatan = " in (home / "pins.toml").read_text(encoding="utf-8")


def test_a_torn_last_line_is_ignored_and_the_next_line_starts_afresh(cli, home):
    cli.ok("record", "14/4/2025", "IT II")
    with (home / "journal.jsonl").open("ab") as handle:
        handle.write(b'{"at":"2025-06-03T09:00:00+07:00","user":"x","action":"rec')
    assert len(json.loads(cli.ok("log", "-f", "json").stdout)) == 1
    cli.ok("record", "21/4/2025", "AAL")
    text = (home / "journal.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(text) == 3 and json.loads(text[2])["date"] == "2025-04-21"
    cli.ok("undo")
    assert [a["date"] for a in history(home)] == [dt.date(2025, 4, 14)]
    assert "journal.jsonl:2:" in cli.ok("check").stderr


# --- the hot path ----------------------------------------------------------------------------


def test_record_never_reads_the_journal(cli, home, monkeypatch):
    """Appending is the only thing `record` does with the journal (it looks back only when
    a crash left a change pending: a temporary file beside history.toml)."""
    from apel_rotasi.store import journal

    def refuse(*args: object) -> None:
        raise AssertionError("the journal was read")

    cli.ok("record", "14/4/2025", "IT II")
    monkeypatch.setattr(journal, "backward", refuse)
    monkeypatch.setattr(journal, "numbered", refuse)
    cli.ok("record", "21/4/2025", "AAL")
    cli.ok("edit", "21/4/2025", "--present", "100")
    cli.ok("plan")


# --- kill -9 ---------------------------------------------------------------------------------

# A command that kills itself (SIGKILL) at one moment of a change: before its journal line,
# halfway through it, once it is on disk (before the rename), or after the rename.
DYING = r"""
import json, os, signal, sys
from apel_rotasi.store import journal, safewrite

moment = sys.argv[1]
real_append, real_sync = journal.append, safewrite.sync_folder
appended = []


def die():
    os.kill(os.getpid(), signal.SIGKILL)


def append(home, line):
    if moment == "before-line":
        die()
    if moment == "torn-line":
        data = json.dumps(line, separators=(",", ":")).encode()
        with open(home / "journal.jsonl", "ab") as handle:
            handle.write(data[: len(data) // 2])
            handle.flush()
            os.fsync(handle.fileno())
        die()
    real_append(home, line)
    appended.append(line)
    if moment == "line-written":
        die()


def sync_folder(folder):
    real_sync(folder)
    if moment == "renamed" and appended:
        die()


journal.append, safewrite.sync_folder = append, sync_folder
sys.argv = ["apel-rotasi", *sys.argv[2:]]
from apel_rotasi.cli import main

main()
"""
MOMENTS = ["before-line", "torn-line", "line-written", "renamed"]


def _replayed(base: dict[str, dict[str, Any]], found: list[dict[str, Any]], file: str) -> dict:
    """The file as the journal says it is: ``base`` with every line's ``after`` applied."""
    state = dict(base)
    for line in found:
        if line["file"] == file:
            if line["after"] is None:
                state.pop(line["date"], None)
            else:
                state[line["date"]] = line["after"]
    return state


def _tables(path: Path, name: str) -> dict[str, dict[str, Any]]:
    if not path.exists():
        return {}
    tables = tomllib.loads(path.read_text(encoding="utf-8")).get(name, [])
    return {t["date"].isoformat(): {**t, "date": t["date"].isoformat()} for t in tables}


def killed_at(moment: str, command: list[str]) -> None:
    """Run ``command`` in a process that kills itself with SIGKILL at ``moment``: the one
    real process of a kill test; what comes before and after it runs in-process."""
    dying = subprocess.run(
        [sys.executable, "-c", DYING, moment, *command],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
    )
    assert dying.returncode == -signal.SIGKILL, f"the moment never came: {dying.stderr}"


def _journal_lines(home: Path) -> list[dict[str, Any]]:
    """The journal's complete lines (a torn one left by a kill is skipped, as the tool does)."""
    path = home / "journal.jsonl"
    if not path.exists():
        return []
    found = []
    for raw in path.read_bytes().split(b"\n"):
        try:
            found.append(json.loads(raw))
        except ValueError:
            continue
    return found


def _seen(cli: Cli) -> dict[str, tuple]:
    """The history as the tool shows it (`history -f json`), by date."""
    return {
        r["date"]: (r["kecamatan_code"], r["present"], r["note"], r["status"])
        for r in json.loads(cli.ok("history", "-f", "json").stdout)
    }


def _as_seen(tables: dict[str, dict[str, Any]]) -> dict[str, tuple]:
    return {
        day: (
            t.get("kecamatan"),
            t.get("present"),
            t.get("note") or t.get("cancelled"),
            "cancelled" if "cancelled" in t else "held",
        )
        for day, t in tables.items()
    }


def _agree(cli: Cli, home: Path, base: dict[str, dict[str, Any]], pins_base: dict) -> str:
    """History and journal agree: the tool shows the history the journal gives, and each
    file is that, or (a change whose rename a kill prevented) that but for the last
    change, whose new content waits in the temporary file. Says which."""
    found = _journal_lines(home)
    state = "done"
    for file, name, start in (("history.toml", "apel", base), ("pins.toml", "pin", pins_base)):
        expected = _replayed(start, found, file)
        raw = _tables(home / file, name)
        if raw != expected:
            last = [line for line in found if line["file"] == file][-1]
            undone = dict(expected)
            if last["before"] is None:
                undone.pop(last["date"])
            else:
                undone[last["date"]] = last["before"]
            assert raw == undone, f"{file} agrees with neither the journal nor its last change"
            assert (home / f".{file}.tmp").exists()
            state = "pending"
    assert _seen(cli) == _as_seen(_replayed(base, found, "history.toml"))
    return state


def _prefill(home: Path, count: int) -> dict[str, dict[str, Any]]:
    tables = {}
    for n in range(count):
        day = (dt.date(2000, 1, 3) + dt.timedelta(weeks=n)).isoformat()
        tables[day] = {"date": day, "kecamatan": [IT2, AAL, KEMUNING][n % 3], "leader": "sekda"}
    text = "\n".join(
        f'[[apel]]\ndate = {t["date"]}\nkecamatan = "{t["kecamatan"]}"\nleader = "sekda"\n'
        for t in tables.values()
    )
    (home / "history.toml").write_text(text, encoding="utf-8")
    return tables


@pytest.mark.parametrize("moment", MOMENTS)
@pytest.mark.parametrize(
    "command",
    [
        ["record", "2025-04-21", "AAL", "--present", "120"],
        ["edit", "2025-04-14", "--present", "99"],
        ["delete", "2025-04-14"],
        ["pin", "2025-06-09", "Kemuning"],
    ],
)
def test_a_kill_at_each_moment_of_a_change_loses_neither_file_nor_journal(
    cli, home, moment, command
):
    cli.ok("record", "2025-04-14", "IT II", "--present", "150")
    base = _tables(home / "history.toml", "apel")
    journaled = len(_journal_lines(home))
    killed_at(moment, command)
    found = _journal_lines(home)
    state = _agree(cli, home, {}, {})  # the whole journal, from an empty home
    took = len(found) > journaled  # the change's line is in: the change is made
    assert state == ("pending" if moment == "line-written" else "done")
    assert took == (moment in ("line-written", "renamed"))
    if not took:
        assert _tables(home / "history.toml", "apel") == base
    check = cli.ok("check")
    assert check.stdout == "OK\n", check.stderr
    if moment == "torn-line":
        assert "journal.jsonl:2:" in check.stderr
    if moment == "line-written":
        assert "terhenti" in check.stderr
    # the next change completes what the journal holds, and leaves no temporary file
    cli.ok("record", "2025-04-28", "Kemuning")
    cli.ok("pin", "2025-06-16", "Sako")
    assert _agree(cli, home, {}, {}) == "done"
    assert not list(home.glob(".*.tmp"))
    if took:
        cli.ok("undo")  # pin 16 June
        cli.ok("undo")  # record 28 April
        cli.ok("undo")  # the killed command's change
        assert _agree(cli, home, {}, {}) == "done"
        assert _tables(home / "history.toml", "apel") == base


def _killed_at_the_rename(cli: Cli) -> None:
    """Record 14 April, then kill the record of 21 April between its line and its rename."""
    cli.ok("record", "2025-04-14", "IT II")
    killed_at("line-written", ["record", "2025-04-21", "AAL"])


def test_a_hand_edit_after_a_kill_is_never_overwritten(cli, home):
    _killed_at_the_rename(cli)
    path = home / "history.toml"
    path.write_text(path.read_text() + 'note = "disunting"\n', encoding="utf-8")
    cli.ok("record", "2025-04-28", "Kemuning")
    dates = [t["date"] for t in _tables(path, "apel").values()]
    assert dates == ["2025-04-14", "2025-04-28"]  # the hand edit won; nothing rolled over it
    assert "disunting" in path.read_text()


def test_a_home_copied_after_a_kill_at_the_rename_completes_the_change(cli, home, monkeypatch):
    """The pending change is told by content: a copy of the home (new inodes, new times) is
    completed by its next command as the original would be, and undo still works."""
    _killed_at_the_rename(cli)
    copy = home.parent / "copied"
    shutil.copytree(home, copy, symlinks=True)
    assert (copy / "history.toml").stat().st_ino != (home / "history.toml").stat().st_ino
    monkeypatch.setenv("APEL_ROTASI_HOME", str(copy))
    assert _agree(cli, copy, {}, {}) == "pending"  # the history shown has 21 April already
    check = cli.ok("check")
    assert check.stdout == "OK\n", check.stderr
    assert "terhenti" in check.stderr
    cli.ok("record", "2025-04-28", "Kemuning")
    assert _agree(cli, copy, {}, {}) == "done"
    assert [t["date"] for t in history(copy)] == [
        dt.date(2025, 4, 14),
        dt.date(2025, 4, 21),
        dt.date(2025, 4, 28),
    ]
    cli.ok("undo")  # 28 April
    cli.ok("undo")  # 21 April: the killed command's change
    assert [t["date"] for t in history(copy)] == [dt.date(2025, 4, 14)]
    assert not list(copy.glob(".*.tmp"))


RUNS = stress(6, 40)  # each of the six kinds of change once, in the quick profile
SEED = 20250414


def test_kill_9_at_random_moments_keeps_history_and_journal_in_agreement(cli, home):
    """Every kind of change, killed after a random delay: after every kill the history the
    tool shows is the journal's, and each file is either that or waits for its last change."""
    rng = random.Random(SEED)
    base = _prefill(home, 400)
    durations = []  # of a real process, as the ones killed below
    for week in range(3):
        began = time.perf_counter()
        day = (dt.date(2024, 1, 1) + dt.timedelta(weeks=week)).isoformat()
        assert run_process("record", day, "IT II").returncode == 0
        durations.append(time.perf_counter() - began)
    whole = sorted(durations)[1]
    outcomes = {"killed": 0, "finished": 0, "pending": 0, "torn": 0}
    for run in range(RUNS):
        shown = _seen(cli)
        recent = sorted(d for d in shown if d >= "2024-01-01")
        day = (dt.date(2024, 6, 3) + dt.timedelta(weeks=run)).isoformat()
        command = [
            ["record", day, "Kemuning", "--present", str(run)],
            ["edit", recent[-1], "--present", str(1000 + run)] if recent else ["undo"],
            ["record", recent[-1], "AAL", "--replace"] if recent else ["undo"],
            ["delete", recent[-1]] if recent else ["undo"],
            ["pin", (dt.date(2025, 6, 9) + dt.timedelta(weeks=run)).isoformat(), "Sako"],
            ["undo"],
        ][run % 6]
        process = subprocess.Popen(
            [sys.executable, "-m", "apel_rotasi", *command],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=dict(os.environ),
        )
        time.sleep(rng.uniform(0.5 * whole, 1.1 * whole) if run % 3 else rng.uniform(0, whole))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        _, err = process.communicate(timeout=60)
        if process.returncode == -signal.SIGKILL:
            outcomes["killed"] += 1
        else:
            assert process.returncode in (0, 1), (command, err)
            outcomes["finished"] += 1
        raw = (home / "journal.jsonl").read_bytes() if (home / "journal.jsonl").exists() else b""
        outcomes["torn"] += bool(raw) and not raw.endswith(b"\n")
        outcomes["pending"] += _agree(cli, home, base, {}) == "pending"
    print(
        f"\nkill -9: {RUNS} changes (seed {SEED}, a record takes {whole * 1000:.0f} ms): {outcomes}"
    )
    assert outcomes["killed"] > 0, "no run was killed: the test tested nothing"
    cli.ok("record", "2023-12-25", "IT II")
    assert _agree(cli, home, base, {}) == "done"
    assert cli.ok("check").stdout == "OK\n"


def test_undo_of_a_pin_changed_by_hand_speaks_of_a_pin(cli, home):
    cli.ok("pin", "9/6/2025", "Kemuning")
    (home / "pins.toml").write_text("", encoding="utf-8")
    before = snapshot(home)
    run = cli("undo")
    assert run.exit_code == 1
    assert ": penetapannya sudah tidak ada. Tidak ada yang diurungkan; betulkan pins.toml" in (
        run.stderr
    )
    assert "catatan" not in run.stderr
    assert snapshot(home) == before
