"""The commands a clerk runs, with Windows' behaviours simulated on this system (issue 14).

No Windows machine runs these tests. The tool runs in this process (``apel_rotasi.cli.main``,
which the console script runs) while the calls it makes behave as they do on Windows, each
switched on for a run by ``simulate``:

- ``folders``: ``os.open`` of a folder raises ``PermissionError`` (errno 13). Python
  documents ``os.O_DIRECTORY`` among the flags "not present if they are not defined by the
  C library" (Windows' C library has none) and ``os.fsync`` as calling "the MS _commit()
  function" on Windows, which takes a file: a folder cannot be opened there to be flushed,
  and the attempt ends in "Permission denied".
- ``sharing``: ``os.replace`` refuses each destination the first two times in a run with
  ``PermissionError`` (errno 13, ``winerror`` 32, ERROR_SHARING_VIOLATION), as while a
  virus scanner, the search indexer or a sync client holds the file. Python documents that
  ``os.replace`` replaces a file "if the user has permission", that "on Windows, attempting
  to remove a file that is in use causes an exception to be raised" (``os.remove``), and
  that ``OSError.winerror`` is "the native Windows error code", errno being "an approximate
  translation, in POSIX terms". Each refusal is counted, so a test can see the simulation
  was met.
- ``cp1252``: standard output and error are text streams in code page 1252 that write
  ``\\n`` as ``\\r\\n``, as when a Windows console's output is redirected to a file or a
  pipe. Python documents for ``sys.stdout``: "On Windows, UTF-8 is used for the console
  device. Non-character devices such as disk files and pipes use the system locale
  encoding (i.e. the ANSI codepage)", with standard error using the "backslashreplace"
  error handler; and for text mode (``newline=None``), "any '\\n' characters written are
  translated to the system default line separator, os.linesep" (``\\r\\n`` on Windows) --
  the reason the ``csv`` module asks for ``newline=''``, lest "an extra \\r" be added.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import stat
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from apel_rotasi.cli import main

# The simulated file system: folders that cannot be opened, two refusals for every file.
WINDOWS_FILES = frozenset({"folders", "sharing"})
# A redirected Windows console.
WINDOWS_STDOUT = frozenset({"cp1252"})
REFUSALS = 2
FAILURE_SIGNS = ("Kesalahan", "Error", "unexpected", "Traceback", "Exception")
NOTE = "\N{CHECK MARK} lengkap \N{EM DASH} semua hadir"
LEFTOVER_SUFFIXES = (".tmp",)
_open, _replace = os.open, os.replace


@dataclass
class Done:
    returncode: int
    stdout: bytes
    stderr: bytes


class Windows:
    """The calls of one run as Windows makes them; ``refused`` counts each refusal by name."""

    def __init__(self, refused: Counter[str]) -> None:
        self.refused = refused
        self.this_run: Counter[str] = Counter()

    @staticmethod
    def open(path: Any, flags: int, mode: int = 0o777, *, dir_fd: int | None = None) -> int:
        try:
            folder = stat.S_ISDIR(os.stat(path, dir_fd=dir_fd).st_mode)
        except (OSError, TypeError, ValueError):
            folder = False
        if folder:
            raise PermissionError(13, "Permission denied", path)
        return _open(path, flags, mode, dir_fd=dir_fd)

    def replace(self, src: Any, dst: Any, **kwargs: Any) -> None:
        name = os.path.abspath(os.fspath(dst))
        if self.this_run[name] < REFUSALS:
            self.this_run[name] += 1
            self.refused[Path(name).name] += 1
            error = PermissionError(
                13,
                "The process cannot access the file because it is being used by another process",
                name,
            )
            error.winerror = 32  # type: ignore[attr-defined]
            raise error
        _replace(src, dst, **kwargs)


def _stream(buffer: io.BytesIO, cp1252: bool, errors: str) -> io.TextIOWrapper:
    """A redirected standard stream: a code page and CRLF on Windows, UTF-8 here."""
    if cp1252:
        return io.TextIOWrapper(
            buffer, encoding="cp1252", errors=errors, newline="\r\n", line_buffering=True
        )
    return io.TextIOWrapper(buffer, encoding="utf-8", errors=errors, line_buffering=True)


class Clerk:
    """Runs ``apel_rotasi.cli.main()``, the console script's run, with a home, a cache and a
    simulation."""

    def __init__(self, tmp_path: Path) -> None:
        self.root = tmp_path
        self.home = tmp_path / "home"
        self.home.mkdir()
        self.refused: Counter[str] = Counter()

    def __call__(self, *args: str, simulate: frozenset[str] = frozenset()) -> Done:
        out, err = io.BytesIO(), io.BytesIO()
        stdout = _stream(out, "cp1252" in simulate, "strict")
        stderr = _stream(err, "cp1252" in simulate, "backslashreplace")
        windows = Windows(self.refused)
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("APEL_ROTASI_HOME", str(self.home))
            patch.setenv("NO_COLOR", "1")
            patch.setenv("COLUMNS", "100")
            patch.delenv("APEL_ROTASI_DEBUG", raising=False)
            patch.chdir(self.root)
            patch.setattr(sys, "argv", ["apel-rotasi", *args])
            patch.setattr(sys, "stdout", stdout)
            patch.setattr(sys, "stderr", stderr)
            if "folders" in simulate:
                patch.setattr(os, "open", windows.open)
            if "sharing" in simulate:
                patch.setattr(os, "replace", windows.replace)
            try:
                main()
                code = 0
            except SystemExit as done:
                code = done.code if isinstance(done.code, int) else 0 if done.code is None else 1
            finally:
                stdout.flush()
                stderr.flush()
        return Done(code, out.getvalue(), err.getvalue())

    def ok(self, *args: str, simulate: frozenset[str] = frozenset()) -> Done:
        """Exit 0 and no error, warning of failure or traceback on standard error."""
        done = self(*args, simulate=simulate)
        stderr = done.stderr.decode("utf-8", errors="replace")
        assert done.returncode == 0, f"{args}: exit {done.returncode}\n{stderr}"
        assert not [sign for sign in FAILURE_SIGNS if sign in stderr], f"{args}:\n{stderr}"
        return done

    def refusals(self, name: str) -> int:
        """How many times the simulation refused to replace ``name``."""
        return self.refused[name]


@pytest.fixture
def clerk(tmp_path: Path) -> Clerk:
    return Clerk(tmp_path)


def coming_monday(weeks_ahead: int = 2) -> dt.date:
    today = dt.date.today()
    return today + dt.timedelta(days=7 * weeks_ahead - today.weekday())


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(LEFTOVER_SUFFIXES))


# -- writes: a folder that cannot be opened, a file held for a moment --------------------


def test_the_simulation_is_in_force(clerk: Clerk, tmp_path: Path) -> None:
    """The harness itself: a folder cannot be opened, a replace is refused twice, and the
    streams write the code page with CRLF."""
    windows = Windows(clerk.refused)
    with pytest.raises(PermissionError):
        windows.open(str(tmp_path), os.O_RDONLY)
    (tmp_path / "a").write_text("a")
    codes = []
    for _attempt in range(3):
        try:
            windows.replace(tmp_path / "a", tmp_path / "b")
        except PermissionError as error:
            codes.append((error.errno, error.winerror))  # type: ignore[attr-defined]
    assert codes == [(13, 32), (13, 32)] and (tmp_path / "b").exists()
    assert clerk.refusals("b") == 2
    buffer = io.BytesIO()
    stream = _stream(buffer, True, "strict")
    stream.write("x\n")
    assert buffer.getvalue() == b"x\r\n"


def test_record_pin_unpin_and_delete_succeed_when_files_are_held_and_folders_closed(
    clerk: Clerk,
) -> None:
    coming = coming_monday().isoformat()
    steps = [
        (("record", "2025-04-14", "Kemuning", "--note", NOTE), "history.toml"),
        (("record", "2025-04-21", "Sako", "--present", "40"), "history.toml"),
        (("pin", coming, "Gandus", "--note", NOTE), "pins.toml"),
        (("unpin", coming), "pins.toml"),
        (("pin", coming, "Plaju"), "pins.toml"),
        (("delete", "2025-04-21"), "history.toml"),
    ]
    for args, written in steps:
        before = clerk.refusals(written)
        clerk.ok(*args, simulate=WINDOWS_FILES)
        # Two sharing violations in a row, and the write still went through.
        assert clerk.refusals(written) == before + 2, args
    history = (clerk.home / "history.toml").read_text(encoding="utf-8")
    assert "2025-04-14" in history
    assert NOTE in history
    assert "2025-04-21" not in history
    assert coming in (clerk.home / "pins.toml").read_text(encoding="utf-8")
    assert leftovers(clerk.home) == []
    listed = clerk.ok("history", "--format", "json", simulate=WINDOWS_FILES)
    assert [row["date"] for row in json.loads(listed.stdout)] == ["2025-04-14"]


@pytest.mark.parametrize("extension", ["csv", "xlsx", "ics", "html"])
def test_output_files_are_written_when_held_for_a_moment(clerk: Clerk, extension: str) -> None:
    clerk.ok("record", "2025-04-14", "Kemuning", "--note", NOTE)
    output = clerk.root / "exports" / f"jadwal.{extension}"
    output.parent.mkdir()
    for attempt in range(2):  # created, then replaced
        clerk.ok(
            "plan",
            "--start",
            "2025-04-07",
            "--weeks",
            "6",
            "--output",
            str(output),
            simulate=WINDOWS_FILES,
        )
        assert output.stat().st_size > 0
        assert clerk.refusals(output.name) == 2 * (attempt + 1)
    assert leftovers(output.parent) == []


def test_history_output_is_written_when_held_for_a_moment(clerk: Clerk) -> None:
    clerk.ok("record", "2025-04-14", "Kemuning", "--note", NOTE)
    output = clerk.root / "riwayat.xlsx"
    clerk.ok("history", "--output", str(output), simulate=WINDOWS_FILES)
    assert output.read_bytes()[:2] == b"PK"
    assert clerk.refusals(output.name) == 2


def test_init_writes_the_roster_when_held_for_a_moment(clerk: Clerk) -> None:
    clerk.ok("init", simulate=WINDOWS_FILES)
    assert (clerk.home / "kecamatan.toml").read_text(encoding="utf-8").strip()
    assert clerk.refusals("kecamatan.toml") == 2


# -- data to a redirected standard output --------------------------------------------------


def test_csv_redirected_has_one_crlf_a_line_and_utf_8_text(clerk: Clerk) -> None:
    coming = coming_monday()
    clerk.ok("pin", coming.isoformat(), "Gandus", "--note", NOTE)
    done = clerk.ok(
        "plan",
        "--format",
        "csv",
        "--start",
        "2025-04-07",
        "--weeks",
        str((coming - dt.date(2025, 4, 7)).days // 7 + 2),
        simulate=WINDOWS_STDOUT | WINDOWS_FILES,
    )
    data = done.stdout
    assert b"\r\r\n" not in data
    lines = data.split(b"\r\n")
    assert lines[-1] == b""
    assert len(lines) > 3
    assert all(b"\r" not in line and b"\n" not in line for line in lines)
    assert lines[0].startswith(b"date,weekday,round")
    assert NOTE.encode() in data  # UTF-8 bytes, whatever the console's code page


def test_json_redirected_keeps_its_lf_and_utf_8(clerk: Clerk) -> None:
    clerk.ok("record", "2025-04-14", "Kemuning", "--note", NOTE)
    done = clerk.ok("history", "--format", "json", simulate=WINDOWS_STDOUT)
    assert b"\r" not in done.stdout
    assert json.loads(done.stdout.decode("utf-8"))[0]["note"] == NOTE


def test_ics_redirected_keeps_its_crlf(clerk: Clerk) -> None:
    done = clerk.ok(
        "plan", "--format", "ics", "--start", "2025-04-07", "--weeks", "3", simulate=WINDOWS_STDOUT
    )
    assert done.stdout.startswith(b"BEGIN:VCALENDAR\r\n")
    assert b"\r\r\n" not in done.stdout
    assert done.stdout.count(b"\n") == done.stdout.count(b"\r\n")


# -- tables on a code-page console ---------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("calendar", "2025-04"),
        ("plan", "--start", "2025-04-07", "--weeks", "2"),  # cuti bersama Idulfitri
        ("plan", "--start", "2025-04-07", "--weeks", "8"),
        ("plan",),
        ("history",),
        ("kecamatan",),
        ("unvisited",),
        ("report",),
        ("--version",),
        ("check",),
    ],
    ids=lambda args: "-".join(args),
)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_table_prints_on_cp1252(clerk: Clerk, args: tuple[str, ...], lang: str) -> None:
    clerk.ok("record", "2025-04-14", "Kemuning", "--note", NOTE)
    lang_option = ("--lang", lang) if args[0] not in ("--version", "check") else ()
    done = clerk.ok(*args, *lang_option, simulate=WINDOWS_STDOUT)
    text = done.stdout.decode("cp1252")  # strict: every byte is the code page's
    assert text.strip()
    assert "\r\r\n" not in text
    assert text.count("\n") == text.count("\r\n")


def test_a_note_with_a_check_mark_shows_a_plain_substitute_on_cp1252(clerk: Clerk) -> None:
    clerk.ok("record", "2025-04-14", "Kemuning", "--note", NOTE)
    done = clerk.ok("history", simulate=WINDOWS_STDOUT)
    text = done.stdout.decode("cp1252")
    assert "v lengkap" in " ".join(text.split())
    assert "?" not in text


def test_messages_print_on_cp1252(clerk: Clerk) -> None:
    clerk.ok("record", "2025-04-14", "Kemuning", "--note", NOTE, simulate=WINDOWS_STDOUT)
    done = clerk("delete", "2025-05-05", simulate=WINDOWS_STDOUT)
    assert done.returncode == 1
    message = done.stderr.decode("cp1252")
    assert message.startswith("Kesalahan:")
    assert message.endswith("\r\n")
    assert "unexpected" not in message
