"""A shared or hostile home, through the command as a clerk runs it (a separate process).

Each test asserts the exit code, the message, and that no file but the intended one
changed. A hang would fail the test through the subprocess timeout.
"""

from __future__ import annotations

import os
import random
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import BUNDLED, snapshot, stress

NOW = "2025-06-03T09:00:00+07:00"


def apel(
    home: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 30, **kw: object
) -> subprocess.CompletedProcess[bytes]:
    """``python -m apel_rotasi`` with the home, a fixed instant and English messages."""
    streams = {} if "stdout" in kw else {"capture_output": True}
    return subprocess.run(
        [sys.executable, "-m", "apel_rotasi", *args, "--lang", "en"],
        **streams,  # type: ignore[arg-type]
        env={**os.environ, "APEL_ROTASI_HOME": str(home), "APEL_ROTASI_NOW": NOW, **(env or {})},
        timeout=timeout,
        check=False,
        **kw,  # type: ignore[arg-type]
    )


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
        runs = list(pool.map(lambda _: apel(home, *args, timeout=90), range(12)))
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
    calendar = apel(home, "calendar", "2025-04", env=env)
    assert calendar.returncode == 0, err(calendar)
    assert calendar.stdout.isascii() and b"+----------+" in calendar.stdout
    plan = apel(home, "plan", "--start", "2025-04-07", "--weeks", "2", env=env)
    assert plan.returncode == 0 and b"- holiday -" in plan.stdout
    noted = apel(home, "record", "2025-06-02", "IT II", "--note", "✓ lengkap — semua hadir")
    assert noted.returncode == 0, err(noted)
    csv = apel(home, "history", "-f", "csv", env=env)
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
    assert err(done) == f"Error: {home / 'kecamatan.toml'}:2: not UTF-8 text\n"


def test_a_dotted_key_names_its_line(home):
    (home / "kecamatan.toml").write_text("\n\nrotation.colour = 1\n", encoding="utf-8")
    done = apel(home, "check")
    assert done.returncode == 1
    assert f"{home / 'kecamatan.toml'}:3: " in err(done)
