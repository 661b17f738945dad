"""A shared or hostile home, through the command as a clerk runs it.

Each test asserts the exit code, the message, and that no file but the intended one
changed. In the thorough profile every run is a separate process (``python -m
apel_rotasi``); in the quick one, a run whose process is not itself under test (its
streams, its umask, others running beside it) goes through the same ``main`` in-process.
A hang fails the test either way: through the subprocess timeout, or through an alarm.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import BUNDLED, THOROUGH, snapshot, stress
from typer.testing import CliRunner

from apel_rotasi.cli import main

NOW = "2025-06-03T09:00:00+07:00"


class Hung(BaseException):
    """An in-process run outlived its timeout (a BaseException: ``main`` passes it by)."""


def _alarm(signum: int, frame: object) -> None:
    raise Hung


def apel(
    home: Path,
    *args: str,
    env: dict[str, str] | None = None,
    timeout: float = 30,
    process: bool = False,
    **kw: object,
) -> subprocess.CompletedProcess[bytes]:
    """``python -m apel_rotasi`` with the home, a fixed instant and English messages: a
    separate process in the thorough profile, or where ``process`` or a stream or
    ``preexec_fn`` given in ``kw`` puts the process itself under test."""
    if not (THOROUGH or process or kw):
        return _in_process(home, [*args, "--lang", "en"], env or {}, timeout)
    streams = {} if "stdout" in kw else {"capture_output": True}
    return subprocess.run(
        [sys.executable, "-m", "apel_rotasi", *args, "--lang", "en"],
        **streams,  # type: ignore[arg-type]
        env={**os.environ, "APEL_ROTASI_HOME": str(home), "APEL_ROTASI_NOW": NOW, **(env or {})},
        timeout=timeout,
        check=False,
        **kw,  # type: ignore[arg-type]
    )


def _in_process(
    home: Path, args: list[str], env: dict[str, str], timeout: float
) -> subprocess.CompletedProcess[bytes]:
    """``apel_rotasi.cli.main`` (the console script's run) on ``args``, its streams
    captured, under an alarm."""
    variables = {"APEL_ROTASI_HOME": str(home), "APEL_ROTASI_NOW": NOW, **env}
    argv, handler = sys.argv, signal.signal(signal.SIGALRM, _alarm)
    with CliRunner().isolation(env=variables) as (stdout, stderr, _):
        sys.argv = ["apel-rotasi", *args]
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            main()
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        except Hung:
            raise subprocess.TimeoutExpired(args, timeout) from None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, handler)
            sys.argv = argv
        return subprocess.CompletedProcess(args, code, stdout.getvalue(), stderr.getvalue())


def err(done: subprocess.CompletedProcess[bytes]) -> str:
    return done.stderr.decode("utf-8", "replace")


# --- 1. planted links under the temporary names --------------------------------------------


@pytest.mark.parametrize(
    ("temporary", "args"),
    [
        (".history.toml.tmp", ("record", "2025-06-02", "IT II")),
        (".pins.toml.tmp", ("pin", "2025-06-09", "Kemuning")),
    ],
)
def test_a_planted_link_under_a_temporary_name_redirects_nothing(home, tmp_path, temporary, args):
    victim = tmp_path / "victim.txt"
    victim.write_text("secret\n", encoding="utf-8")
    (home / temporary).symlink_to(victim)
    done = apel(home, *args)
    assert done.returncode == 0, err(done)
    assert victim.read_text(encoding="utf-8") == "secret\n"
    written = home / temporary.removeprefix(".").removesuffix(".tmp")
    assert written.is_file() and not written.is_symlink()
    assert not (home / temporary).exists() and not (home / temporary).is_symlink()


# --- 2. links and special files the user meant ----------------------------------------------


def test_a_linked_history_is_written_through_and_the_link_stays(home, tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    (share / "history.toml").write_text("", encoding="utf-8")
    (home / "history.toml").symlink_to(share / "history.toml")
    done = apel(home, "record", "2025-06-02", "IT II")
    assert done.returncode == 0, err(done)
    assert (home / "history.toml").is_symlink()
    assert 'kecamatan = "16.71.06"' in (share / "history.toml").read_text(encoding="utf-8")


def test_output_into_a_fifo_is_written_into_not_replaced(home, tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with ThreadPoolExecutor(1) as pool:
        reader = pool.submit(fifo.read_bytes)
        done = apel(home, "plan", "--start", "2025-04-14", "--weeks", "1", "-o", str(fifo))
        assert done.returncode == 0, err(done)
        assert reader.result(timeout=30).startswith(b"date,weekday,round")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_twelve_writers_of_one_output_all_succeed_and_leave_one_whole_file(home, tmp_path):
    out = tmp_path / "jadwal.csv"
    args = ("plan", "--start", "2025-04-14", "--weeks", "30", "-o", str(out))
    alone = apel(home, *args)
    assert alone.returncode == 0, err(alone)
    expected = out.read_bytes()
    out.unlink()
    with ThreadPoolExecutor(12) as pool:
        runs = list(pool.map(lambda _: apel(home, *args, timeout=90, process=True), range(12)))
    assert [r.returncode for r in runs] == [0] * 12, [err(r) for r in runs if r.returncode]
    assert out.read_bytes() == expected
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["jadwal.csv"]


def test_output_to_a_new_folder_name_is_refused(home, tmp_path):
    done = apel(home, "plan", "-f", "csv", "-o", str(tmp_path / "newdir") + os.sep)
    assert done.returncode == 1
    assert err(done).startswith(f"Error: {tmp_path / 'newdir'}")
    assert not (tmp_path / "newdir").exists()


# --- 3. special files in the home -----------------------------------------------------------


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.mkdir()


def _dangling(path: Path) -> None:
    path.symlink_to(path.parent / "share-not-mounted" / path.name)


@pytest.mark.parametrize("make", [_fifo, _folder, _dangling], ids=["fifo", "folder", "dangling"])
@pytest.mark.parametrize(
    ("name", "args"),
    [("history.toml", ("history",)), ("kecamatan.toml", ("check",)), ("pins.toml", ("plan",))],
)
def test_a_special_file_in_the_home_is_an_error_at_once(home, make, name, args):
    make(home / name)
    before = sorted(p.name for p in home.iterdir())
    done = apel(home, *args, timeout=20)
    assert done.returncode == 1
    assert f"{home / name}: " in err(done)
    assert "Traceback" not in err(done) and "unexpected" not in err(done)
    assert sorted(p.name for p in home.iterdir()) == before


def test_a_history_linked_to_an_endless_device_is_refused(home):
    (home / "history.toml").symlink_to("/dev/zero")
    done = apel(home, "history", timeout=20)
    assert done.returncode == 1 and f"{home / 'history.toml'}: " in err(done)


# --- 4. a home shared by a group -----------------------------------------------------------


def test_under_umask_002_the_files_made_are_group_writable(home):
    done = apel(home, "record", "2025-06-02", "IT II", preexec_fn=lambda: os.umask(0o002))
    assert done.returncode == 0, err(done)
    for name in ("history.toml", "history.toml.lock", "journal.jsonl"):
        assert stat.S_IMODE((home / name).stat().st_mode) == 0o664, name


def test_a_replaced_history_keeps_its_permission_bits(home):
    assert apel(home, "record", "2025-05-26", "IT II").returncode == 0
    (home / "history.toml").chmod(0o640)
    done = apel(home, "record", "2025-06-02", "AAL")
    assert done.returncode == 0, err(done)
    assert stat.S_IMODE((home / "history.toml").stat().st_mode) == 0o640


def test_a_failed_command_leaves_no_lock_file(home):
    done = apel(home, "delete", "2025-06-02")
    assert done.returncode == 1
    assert sorted(p.name for p in home.iterdir()) == []


# --- 5. the cache is checked ---------------------------------------------------------------


@pytest.mark.parametrize("seed", range(stress(6, 24)))
def test_damaged_cache_bytes_give_the_output_of_a_clean_cache(home, tmp_path, seed):
    cache = tmp_path / f"cache-{seed}"
    env = {"XDG_CACHE_HOME": str(cache)}
    args = ("plan", "--start", "2025-04-07", "--weeks", "10", "-f", "csv")
    clean = apel(home, *args, env=env)
    assert clean.returncode == 0
    pick = random.Random(seed)
    for entry in sorted(p for p in cache.rglob("*") if p.is_file()):
        data = bytearray(entry.read_bytes())
        for _ in range(pick.randint(1, 3)):
            data[pick.randrange(len(data))] ^= pick.randint(1, 255)
        entry.write_bytes(bytes(data))
    again = apel(home, *args, env=env)
    assert (again.returncode, again.stdout, again.stderr) == (0, clean.stdout, clean.stderr)


# --- 6. streams ------------------------------------------------------------------------------


def test_a_closed_standard_output_is_a_one_line_error(home):
    closed = subprocess.run(
        f'exec 1>&-; exec "{sys.executable}" -m apel_rotasi plan -f csv --lang en',
        shell=True,
        capture_output=False,
        stderr=subprocess.PIPE,
        env={**os.environ, "APEL_ROTASI_HOME": str(home), "APEL_ROTASI_NOW": NOW},
        timeout=30,
        check=False,
    )
    assert closed.returncode == 1
    lines = closed.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "unexpected" not in lines[0]


def test_a_full_standard_output_is_a_one_line_error(home):
    with open("/dev/full", "wb") as full:
        done = apel(home, "plan", "-f", "csv", stdout=full, stderr=subprocess.PIPE)  # fmt: skip
    assert done.returncode == 1
    lines = err(done).splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "unexpected" not in lines[0]


def test_an_ascii_stream_gets_plain_substitutes_and_csv_stays_utf8(home):
    env = {"PYTHONIOENCODING": "ascii"}
    calendar = apel(home, "calendar", "2025-04", env=env, process=True)
    assert calendar.returncode == 0, err(calendar)
    assert calendar.stdout.isascii() and b"+----------+" in calendar.stdout
    plan = apel(home, "plan", "--start", "2025-04-07", "--weeks", "2", env=env, process=True)
    assert plan.returncode == 0 and b"- holiday -" in plan.stdout
    noted = apel(home, "record", "2025-06-02", "IT II", "--note", "✓ lengkap — semua hadir")
    assert noted.returncode == 0, err(noted)
    csv = apel(home, "history", "-f", "csv", env=env, process=True)
    assert csv.returncode == 0, err(csv)
    assert "✓ lengkap — semua hadir".encode() in csv.stdout


def test_columns_zero_prints_the_table_at_80(home):
    done = apel(home, "plan", "--start", "2025-04-07", "--weeks", "2", env={"COLUMNS": "0"})
    assert done.returncode == 0 and b"Ilir Timur II" in done.stdout
    assert max(len(line) for line in done.stdout.decode().splitlines()) <= 80


# --- 7. control characters ------------------------------------------------------------------


def test_a_control_character_in_a_note_is_refused(home):
    done = apel(home, "record", "2025-06-02", "IT II", "--note", "ok\x1b[2J")
    assert done.returncode == 1 and "--note" in err(done)
    assert snapshot(home) == {}


def test_a_hand_edited_control_character_is_escaped_in_tables_and_replaced_in_xlsx(home, tmp_path):
    (home / "history.toml").write_text(
        '[[apel]]\ndate = 2025-06-02\nkecamatan = "16.71.06"\nleader = "sekda"\n'
        'note = "bell \\u0007 and \\u001b[31mred"\n',
        encoding="utf-8",
    )
    table = apel(home, "history", env={"COLUMNS": "120"})
    assert table.returncode == 0, err(table)
    assert b"\x1b" not in table.stdout and b"\x07" not in table.stdout
    assert b"\\x1b" in table.stdout
    book = tmp_path / "riwayat.xlsx"
    done = apel(home, "history", "-o", str(book))
    assert done.returncode == 0, err(done)
    assert book.stat().st_size > 0


# --- 8. unbounded work -----------------------------------------------------------------------


@pytest.mark.parametrize("length", [("--weeks", "100000"), ("--rounds", "10000")])
def test_a_plan_past_ten_years_is_refused_at_once(home, length):
    done = apel(home, "plan", *length, timeout=20)
    assert done.returncode == 1
    assert err(done).startswith("Error: a plan reaches at most ")
    assert "(10 years ahead)" in err(done)


# --- 9. smaller holes ------------------------------------------------------------------------


def test_a_byte_order_mark_is_accepted(home):
    (home / "kecamatan.toml").write_bytes(b"\xef\xbb\xbf" + BUNDLED.read_bytes())
    done = apel(home, "check")
    assert (done.returncode, done.stdout) == (0, b"OK\n")


def test_text_that_is_not_utf8_names_its_line(home):
    (home / "kecamatan.toml").write_bytes(b'[rotation]\ncity = "Kota \xff"\n')
    done = apel(home, "check")
    assert done.returncode == 1
    assert err(done) == f"Error: {home / 'kecamatan.toml'}:2: not UTF-8 text.\n"


def test_a_dotted_key_names_its_line(home):
    (home / "kecamatan.toml").write_text("\n\nrotation.colour = 1\n", encoding="utf-8")
    done = apel(home, "check")
    assert done.returncode == 1
    assert f"{home / 'kecamatan.toml'}:3: " in err(done)


# --- 10. links another user planted (issue 18) ----------------------------------------------

ROOT = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a link away needs root"
)
OTHER_UID = 65534  # nobody
WRITES = {
    "history.toml": ("record", "2025-06-02", "IT II"),
    "pins.toml": ("pin", "2025-06-09", "Kemuning"),
    "journal.jsonl": ("record", "2025-06-02", "IT II"),
}


def state(folder: Path) -> dict[str, tuple[int, str]]:
    """Every name in a folder with its kind and, for a file, its content's hash: a link,
    a FIFO or a folder is compared without being followed or read."""
    found = {}
    for path in sorted(folder.iterdir()):
        mode = path.lstat().st_mode
        content = snapshot(folder).get(path.name, "") if stat.S_ISREG(mode) else ""
        found[path.name] = (stat.S_IFMT(mode), content)
    return found


def _given_away(link: Path) -> None:
    os.lchown(link, OTHER_UID, OTHER_UID)


@ROOT
@pytest.mark.parametrize("name", sorted(WRITES))
def test_a_data_file_linked_by_another_user_is_refused_and_nothing_written(home, tmp_path, name):
    share = tmp_path / "share"
    share.mkdir()
    (share / name).write_bytes(b"")
    (home / name).symlink_to(share / name)
    _given_away(home / name)
    before, shared = state(home), state(share)
    done = apel(home, *WRITES[name])
    assert done.returncode == 1
    assert err(done) == (
        f"Error: {home / name}: a link that belongs to another user (uid {OTHER_UID}); "
        "apel-rotasi follows only links of your own or root's, and reads and writes nothing "
        "through it. Remove the link, or make it again under your own account.\n"
    )
    assert state(home) == before and state(share) == shared


@ROOT
def test_a_history_linked_by_another_user_is_not_read_either(home, tmp_path):
    elsewhere = tmp_path / "theirs.toml"
    elsewhere.write_text('[[apel]]\ndate = 2025-06-02\ncancelled = "palsu"\n', encoding="utf-8")
    (home / "history.toml").symlink_to(elsewhere)
    _given_away(home / "history.toml")
    done = apel(home, "history", "-f", "csv")
    assert done.returncode == 1 and done.stdout == b""
    assert err(done).startswith(f"Error: {home / 'history.toml'}: a link that belongs to another")


@ROOT
def test_a_link_of_another_user_inside_a_chain_is_refused(home, tmp_path):
    real = tmp_path / "real.toml"
    real.write_bytes(b"")
    (tmp_path / "middle.toml").symlink_to(real)
    _given_away(tmp_path / "middle.toml")
    (home / "history.toml").symlink_to(tmp_path / "middle.toml")
    done = apel(home, "record", "2025-06-02", "IT II")
    assert done.returncode == 1
    assert f"Error: {tmp_path / 'middle.toml'}: a link that belongs to another user" in err(done)
    assert real.read_bytes() == b""


def test_a_dangling_journal_link_creates_nothing_and_records_nothing(home, tmp_path):
    (home / "journal.jsonl").symlink_to(tmp_path / "made-by-us.jsonl")
    done = apel(home, "record", "2025-06-02", "IT II")
    assert done.returncode == 1
    assert err(done).startswith(f"Error: {home / 'journal.jsonl'}: a link to a file that does")
    assert not (tmp_path / "made-by-us.jsonl").exists()
    assert sorted(p.name for p in home.iterdir()) == ["journal.jsonl"]


@pytest.mark.parametrize("force", [True, False], ids=["force", "no-force"])
def test_init_never_writes_through_a_link(home, tmp_path, force):
    victim = tmp_path / "victim.toml"
    victim.write_bytes(b"# theirs\n")
    (home / "kecamatan.toml").symlink_to(victim)
    done = apel(home, "init", *(["--force"] if force else []))
    assert victim.read_bytes() == b"# theirs\n"
    if force:
        assert done.returncode == 0, err(done)
        assert not (home / "kecamatan.toml").is_symlink()
        assert (home / "kecamatan.toml").read_bytes() == BUNDLED.read_bytes()
    else:
        assert done.returncode == 1 and "--force" in err(done)
        assert (home / "kecamatan.toml").is_symlink()


# --- 11. special files at every name the tool opens -----------------------------------------


def _dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


SPECIAL = [_fifo, _folder, _dev_zero]
SPECIAL_IDS = ["fifo", "folder", "dev-zero"]
NOT_PLAIN = "not a plain file (a folder, a FIFO or a device)"
NAMES = {
    # name: (a command that writes through it, one that only reads, or None)
    ".history.toml.tmp": (("record", "2025-06-02", "IT II"), ("history",)),
    ".pins.toml.tmp": (("pin", "2025-06-09", "Kemuning"), ("plan",)),
    "history.toml.lock": (("record", "2025-06-02", "IT II"), None),
    "pins.toml.lock": (("pin", "2025-06-09", "Kemuning"), None),
    "journal.jsonl": (("record", "2025-06-02", "IT II"), ("log",)),
    ".kecamatan.toml.tmp": (("init", "--force"), None),
    "kecamatan.toml.lock": (("init", "--force"), None),
}
TEMPORARY = (".history.toml.tmp", ".pins.toml.tmp", ".kecamatan.toml.tmp")


@pytest.mark.parametrize("make", SPECIAL, ids=SPECIAL_IDS)
@pytest.mark.parametrize("name", sorted(NAMES))
def test_a_special_file_at_any_name_is_refused_at_once_or_passed_by(home, make, name):
    """A FIFO, a folder or /dev/zero linked at a temporary name, a lock or the journal: never
    a hang, never read. A link at a temporary name is no file of the tool's: the write
    removes it (the link alone) and goes on; anything else there is an error naming it."""
    make(home / name)
    write, read = NAMES[name]
    before = state(home)
    passed_by = make is _dev_zero and name in TEMPORARY
    if read is not None:
        done = apel(home, *read, timeout=20)
        if passed_by:
            assert done.returncode == 0, err(done)
        else:
            assert done.returncode == 1
            assert err(done).startswith(f"Error: {home / name}: ")
            assert "unexpected" not in err(done)
        assert state(home) == before
    done = apel(home, *write, timeout=20)
    assert "unexpected" not in err(done) and "Traceback" not in err(done)
    if passed_by:
        assert done.returncode == 0, err(done)
        assert not os.path.lexists(home / name)
        return
    assert done.returncode == 1
    # a link is never followed to a lock; the journal's own (root's) link is followed
    lock_link = make is _dev_zero and name.endswith(".lock")
    expected = "a link where apel-rotasi keeps a file of its own" if lock_link else NOT_PLAIN
    assert err(done).startswith(f"Error: {home / name}: {expected}"), err(done)
    assert state(home) == before


@pytest.mark.parametrize("make", [_fifo, _folder], ids=["fifo", "folder"])
@pytest.mark.parametrize("name", ["journal.jsonl", ".history.toml.tmp", ".pins.toml.tmp"])
def test_check_reports_a_journal_or_temporary_file_that_is_no_plain_file(home, make, name):
    assert apel(home, "record", "2025-06-02", "IT II").returncode == 0
    (home / name).unlink(missing_ok=True)
    make(home / name)
    done = apel(home, "check", timeout=20)
    assert (done.returncode, done.stdout) == (1, b"")
    assert err(done) == f"Error: {home / name}: {NOT_PLAIN}.\n"


# --- 12. escape sequences from files ----------------------------------------------------------

OSC = "\x1b]0;pwned\x07"


def _roster(home: Path, old: str, new: str) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    assert old in text
    (home / "kecamatan.toml").write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(home: Path, text: str) -> int:
    lines = (home / "kecamatan.toml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('\nname = "Kemuning"\n', '\nname = "Kemu\\u001b]0;pwned\\u0007ning"\n', "name"),
        ('\ncity = "Kota Palembang"', '\ncity = "Kota\\nPalembang"', "city"),
        ('\ncity = "Kota Palembang"', '\ncity = "Kota\\r\\nBEGIN:VEVENT\\rPalembang"', "city"),
    ],
    ids=["osc-in-a-name", "line-break-in-the-city", "cr-in-the-city"],
)
def test_a_control_character_in_a_roster_name_is_an_error_of_check_and_of_every_command(
    home, old, new, key
):
    _roster(home, old, new)
    line = _line_of(home, new.strip())
    for args in (("check",), ("plan", "-f", "ics"), ("record", "2025-06-02", "IT II")):
        done = apel(home, *args)
        assert done.returncode == 1, args
        said = err(done)
        assert said.startswith(f'Error: {home / "kecamatan.toml"}:{line}: "{key}" in '), said
        assert "a name on one line, without control characters" in said
        assert "\x1b" not in said and "\x07" not in said and "\r" not in said
        assert done.stdout == b""
    assert not (home / "history.toml").exists()


def test_codes_and_users_from_files_are_quoted_escaped(home):
    (home / "history.toml").write_text(
        '[[apel]]\ndate = 2025-05-26\nkecamatan = "99\\u001b[2J"\nleader = "sekda"\n',
        encoding="utf-8",
    )
    plan = apel(home, "plan", "--weeks", "1")
    assert plan.returncode == 0, err(plan)
    assert '"99\\x1b[2J"' in err(plan) and b"\x1b" not in plan.stderr
    line = {
        "at": "2025-06-02T08:00:00+07:00",
        "user": f"mallory{OSC}",
        "action": "record",
        "file": "pins.toml",
        "date": "2025-06-09",
        "before": None,
        "after": {"date": "2025-06-09", "kecamatan": "16.71.09"},
        "id": "0123456789abcdef",
    }
    (home / "pins.toml").write_text(
        '[[pin]]\ndate = 2025-06-09\nkecamatan = "16.71.09"\n', encoding="utf-8"
    )
    (home / "journal.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    undo = apel(home, "undo")
    assert undo.returncode == 0, err(undo)
    assert "mallory\\x1b]0;pwned\\x07" in err(undo)
    assert b"\x1b" not in undo.stderr and b"\x07" not in undo.stderr


def test_check_quotes_a_key_escaped(home):
    (home / "kecamatan.toml").write_text(
        BUNDLED.read_text(encoding="utf-8").replace(
            "[rotation]\n", '[rotation]\n"col\\u001b]0;x\\u0007our" = 1\n', 1
        ),
        encoding="utf-8",
    )
    done = apel(home, "check")
    assert done.returncode == 1
    assert 'unknown key "col\\x1b]0;x\\x07our" in [rotation]' in err(done)
    assert b"\x1b" not in done.stderr and b"\x07" not in done.stderr


def test_every_ics_property_is_escaped(home):
    (home / "history.toml").write_text(
        '[[apel]]\ndate = 2025-06-02\nkecamatan = "16.71.06"\nleader = "sekda"\n'
        'note = "baris\\rBEGIN:VEVENT\\r\\nSUMMARY:palsu\\u001b"\n',
        encoding="utf-8",
    )
    done = apel(home, "history", "-f", "ics")
    assert done.returncode == 0, err(done)
    lines = done.stdout.split(b"\r\n")
    assert not any(b"\r" in line or b"\n" in line or b"\x1b" in line for line in lines)
    assert lines.count(b"BEGIN:VEVENT") == 1
    unfolded = done.stdout.replace(b"\r\n ", b"")
    assert b"baris\\\\x0dBEGIN:VEVENT\\nSUMMARY:palsu\\\\x1b" in unfolded  # text: \\ is \


# --- 13. init takes the lock and writes atomically ---------------------------------------------


def test_concurrent_inits_all_succeed_and_leave_one_whole_roster(home):
    (home / "kecamatan.toml").write_text("# old\n", encoding="utf-8")
    with ThreadPoolExecutor(12) as pool:
        runs = list(
            pool.map(lambda _: apel(home, "init", "--force", timeout=120, process=True), range(12))
        )
    assert [r.returncode for r in runs] == [0] * 12, [err(r) for r in runs if r.returncode]
    assert (home / "kecamatan.toml").read_bytes() == BUNDLED.read_bytes()
    assert sorted(p.name for p in home.iterdir()) == ["kecamatan.toml", "kecamatan.toml.lock"]


# --- 14. bounds ----------------------------------------------------------------------------------


def _journal_line(**changes: object) -> bytes:
    line = {
        "at": "2025-06-02T08:00:00+07:00",
        "user": "clerk",
        "action": "pin",
        "file": "pins.toml",
        "date": "2025-06-09",
        "before": None,
        "after": {"date": "2025-06-09", "kecamatan": "16.71.09"},
        "id": "0123456789abcdef",
        **changes,
    }
    return json.dumps(line).encode() + b"\n"


def _pinned(home: Path) -> None:
    (home / "pins.toml").write_text(
        '[[pin]]\ndate = 2025-06-09\nkecamatan = "16.71.09"\n', encoding="utf-8"
    )


def test_undo_reads_past_a_huge_tail_without_a_line_break_at_once(home):
    _pinned(home)
    (home / "journal.jsonl").write_bytes(_journal_line() + b"x" * (16 * 1024 * 1024))
    done = apel(home, "undo", timeout=20)
    assert done.returncode == 0, err(done)
    assert not (home / "pins.toml").read_text(encoding="utf-8").strip()


def test_a_line_over_one_mebibyte_is_damaged_for_log_check_and_undo(home):
    _pinned(home)
    padded = _journal_line(pad="p" * (1024 * 1024))
    (home / "journal.jsonl").write_bytes(_journal_line(id="fedcba9876543210") + padded)
    check = apel(home, "check", timeout=20)
    assert check.returncode == 0, err(check)
    assert f"{home / 'journal.jsonl'}:2: this line is not a complete record" in err(check)
    log = apel(home, "log", "-f", "json", timeout=20)
    assert log.returncode == 0 and len(json.loads(log.stdout)) == 1
    undo = apel(home, "undo", timeout=20)
    assert undo.returncode == 0, err(undo)


def test_a_line_nested_a_hundred_thousand_deep_is_damaged_not_a_crash(home):
    _pinned(home)
    deep = b"[" * 100_000 + b"]" * 100_000 + b"\n"
    (home / "journal.jsonl").write_bytes(_journal_line() + deep)
    for args in (("check",), ("log", "-f", "csv"), ("undo",)):
        done = apel(home, *args, timeout=30)
        assert done.returncode == 0, (args, err(done))
        assert "unexpected" not in err(done)
    assert "journal.jsonl:2: this line is not a complete record" in err(apel(home, "check"))


def test_three_thousand_unquoted_words_are_refused_at_once_and_quoted_short(home):
    words = ["kata"] * 3000
    done = apel(home, "record", "2025-06-02", *words, timeout=20)
    assert done.returncode == 1
    assert "quote" in err(done) and len(err(done)) < 1000, err(done)[:2000]
    assert snapshot(home) == {}


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (("record", "0025-04-14", "IT II"), "0025-04-14"),
        (("record", "14/4/2200", "IT II"), "14/4/2200"),
        (("plan", "--start", "9999-12-20"), "9999-12-20"),
        (("calendar", "9999-12"), "9999-12"),
        (("pin", "1 Januari 2300", "Kemuning"), "1 Januari 2300"),
    ],
)
def test_a_typed_date_out_of_range_is_an_error_naming_it(home, args, text):
    done = apel(home, *args)
    assert done.returncode == 1
    assert err(done) == (
        f'Error: the date "{text}" is out of range: dates from the year 1950 to 2199 '
        "are accepted.\n"
    )
    assert snapshot(home) == {}


@pytest.mark.parametrize("name", ["history.toml", "pins.toml"])
def test_a_date_out_of_range_in_a_file_is_an_error_naming_file_line_and_date(home, name):
    table = "apel" if name == "history.toml" else "pin"
    rest = 'kecamatan = "16.71.06"\nleader = "sekda"\n' if table == "apel" else 'note = "x"\n'
    (home / name).write_text(f"\n[[{table}]]\ndate = 0025-04-14\n{rest}", encoding="utf-8")
    before = snapshot(home)
    done = apel(home, "plan", timeout=20)
    assert done.returncode == 1
    assert err(done).startswith(f'Error: {home / name}:3: "date" in [[{table}]] #1 is 0025-04-14;')
    assert "a date from the year 1950 to 2199" in err(done)
    assert snapshot(home) == before


@pytest.mark.parametrize(
    ("instant", "args"),
    [
        ("0001-01-01T00:00:00+07:00", ("record", "hari ini", "IT II")),
        ("9999-12-31T10:00:00+07:00", ("calendar",)),
        ("1949-12-31T10:00:00+07:00", ("plan",)),
    ],
)
def test_a_clock_out_of_range_says_so(home, instant, args):
    done = apel(home, *args, env={"APEL_ROTASI_NOW": instant})
    assert done.returncode == 1
    assert err(done) == (
        f"Error: the clock says {instant}, outside the dates accepted (the years 1950 to "
        "2199); check the computer's clock or APEL_ROTASI_NOW.\n"
    )
    assert snapshot(home) == {}


# --- 15. exits ---------------------------------------------------------------------------------


def _shell(home: Path, line: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        f'exec "{sys.executable}" -m apel_rotasi {line}',
        shell=True,
        capture_output=False,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL if ">" not in line else None,
        env={**os.environ, "APEL_ROTASI_HOME": str(home), "APEL_ROTASI_NOW": NOW},
        timeout=30,
        check=False,
    )


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("--version >&-", "Kesalahan: keluaran standar tertutup; tidak ada yang dapat ditulis.\n"),
        (
            "--help >/dev/full",
            "Kesalahan: tidak dapat menulis ke keluaran standar: ruang penyimpanan penuh.\n",
        ),
    ],
)
def test_version_and_help_into_a_closed_or_full_output_exit_1_cleanly(home, line, said):
    done = _shell(home, line)
    assert (done.returncode, err(done)) == (1, said)


def test_a_record_whose_confirmation_cannot_be_written_is_kept_and_exits_0(home):
    with open("/dev/full", "wb") as full:
        done = apel(home, "record", "2025-06-02", "IT II", stderr=full, stdout=subprocess.PIPE)
    assert done.returncode == 0
    assert 'kecamatan = "16.71.06"' in (home / "history.toml").read_text(encoding="utf-8")
    again = apel(home, "record", "2025-06-02", "IT II")
    assert again.returncode == 1 and "already" in err(again)


def test_a_failed_record_with_a_full_standard_error_still_exits_1(home):
    with open("/dev/full", "wb") as full:
        done = apel(home, "record", "2025-06-02", "Nowhere", stderr=full, stdout=subprocess.PIPE)
    assert done.returncode == 1
    assert snapshot(home) == {}


SETPRIV = shutil.which("setpriv")
PYTHON = (sys.executable, "-m", "apel_rotasi")
RECORD = ("record", "2025-06-02", "IT II", "--lang", "en")


@ROOT
@pytest.mark.skipif(SETPRIV is None, reason="setpriv drops root's right to write any file")
def test_a_lock_file_of_another_user_is_named_as_the_lock(home):
    """Root without CAP_DAC_OVERRIDE is a user like any other where the lock is not theirs."""
    lock = home / "history.toml.lock"
    lock.write_bytes(b"")
    os.chown(lock, OTHER_UID, OTHER_UID)
    lock.chmod(0o644)
    done = subprocess.run(
        [SETPRIV, "--bounding-set=-dac_override,-dac_read_search,-fowner", *PYTHON, *RECORD],
        capture_output=True,
        env={**os.environ, "APEL_ROTASI_HOME": str(home), "APEL_ROTASI_NOW": NOW},
        timeout=30,
        check=False,
    )
    assert done.returncode == 1
    assert err(done) == (
        f"Error: {lock}: you cannot write this lock file (it belongs to another user, or is "
        "read-only). Ask its owner to make it group-writable (chmod g+w), or remove it when "
        "no other apel-rotasi is running.\n"
    )
    assert sorted(p.name for p in home.iterdir()) == ["history.toml.lock"]
