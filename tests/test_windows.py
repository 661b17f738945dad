"""The commands a clerk runs, with Windows' behaviours simulated on this system (issue 14).

No Windows machine runs these tests. A ``sitecustomize`` module, put first on the path of
the command's own process, makes the calls behave as they do on Windows, each switched on
by an environment variable:

- ``SIM_WINDOWS_FOLDERS``: ``os.open`` of a folder raises ``PermissionError`` (errno 13).
  Python documents ``os.O_DIRECTORY`` among the flags "not present if they are not defined
  by the C library" (Windows' C library has none) and ``os.fsync`` as calling "the MS
  _commit() function" on Windows, which takes a file: a folder cannot be opened there to
  be flushed, and the attempt ends in "Permission denied".
- ``SIM_SHARING_VIOLATIONS=N``: ``os.replace`` refuses each destination the first N times
  with ``PermissionError`` (errno 13, ``winerror`` 32, ERROR_SHARING_VIOLATION), as while a
  virus scanner, the search indexer or a sync client holds the file. Python documents that
  ``os.replace`` replaces a file "if the user has permission", that "on Windows, attempting
  to remove a file that is in use causes an exception to be raised" (``os.remove``), and
  that ``OSError.winerror`` is "the native Windows error code", errno being "an approximate
  translation, in POSIX terms". Each refusal is logged (``SIM_LOG``), so a test can see the
  simulation was met.
- ``SIM_CP1252_STDOUT``: standard output and error become text streams in code page 1252
  that write ``\\n`` as ``\\r\\n``, as when a Windows console's output is redirected to a
  file or a pipe. Python documents for ``sys.stdout``: "On Windows, UTF-8 is used for the
  console device. Non-character devices such as disk files and pipes use the system locale
  encoding (i.e. the ANSI codepage)", with standard error using the "backslashreplace"
  error handler; and for text mode (``newline=None``), "any '\\n' characters written are
  translated to the system default line separator, os.linesep" (``\\r\\n`` on Windows) --
  the reason the ``csv`` module asks for ``newline=''``, lest "an extra \\r" be added.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SITECUSTOMIZE = '''\
"""Windows behaviours on another system, for tests/test_windows.py."""

import io
import os
import stat
import sys

if os.environ.get("SIM_WINDOWS_FOLDERS"):
    _open = os.open

    def _open_as_windows(path, flags, mode=0o777, *, dir_fd=None):
        try:
            folder = stat.S_ISDIR(os.stat(path, dir_fd=dir_fd).st_mode)
        except (OSError, TypeError, ValueError):
            folder = False
        if folder:
            raise PermissionError(13, "Permission denied", path)
        return _open(path, flags, mode, dir_fd=dir_fd)

    os.open = _open_as_windows

if int(os.environ.get("SIM_SHARING_VIOLATIONS", "0")):
    _replace = os.replace
    _refusals = int(os.environ["SIM_SHARING_VIOLATIONS"])
    _refused = {}

    def _replace_as_windows(src, dst, **kwargs):
        name = os.path.abspath(os.fspath(dst))
        if _refused.get(name, 0) < _refusals:
            _refused[name] = _refused.get(name, 0) + 1
            if os.environ.get("SIM_LOG"):
                with open(os.environ["SIM_LOG"], "a", encoding="utf-8") as log:
                    log.write(name + "\\n")
            error = PermissionError(
                13,
                "The process cannot access the file because it is being used by another process",
                name,
            )
            error.winerror = 32
            raise error
        return _replace(src, dst, **kwargs)

    os.replace = _replace_as_windows

if os.environ.get("SIM_CP1252_STDOUT"):
    sys.stdout = io.TextIOWrapper(
        open(sys.stdout.fileno(), "wb", closefd=False),
        encoding="cp1252",
        errors="strict",
        newline="\\r\\n",
    )
    sys.stderr = io.TextIOWrapper(
        open(sys.stderr.fileno(), "wb", closefd=False),
        encoding="cp1252",
        errors="backslashreplace",
        newline="\\r\\n",
        line_buffering=True,
    )
'''

# The simulated file system: folders that cannot be opened, two refusals for every file.
WINDOWS_FILES = {"SIM_WINDOWS_FOLDERS": "1", "SIM_SHARING_VIOLATIONS": "2"}
# A redirected Windows console.
WINDOWS_STDOUT = {"SIM_CP1252_STDOUT": "1"}
FAILURE_SIGNS = ("Kesalahan", "Error", "unexpected", "Traceback", "Exception")
NOTE = "✓ lengkap — semua hadir"
LEFTOVER_SUFFIXES = (".tmp",)


def console_script() -> list[str]:
    """The installed ``apel-rotasi`` command, run by this Python."""
    script = Path(sys.executable).with_name("apel-rotasi")
    if script.exists():
        return [sys.executable, str(script)]
    return [sys.executable, "-m", "apel_rotasi"]


class Clerk:
    """Runs the command in a process of its own, with a home, a cache and a simulation."""

    def __init__(self, tmp_path: Path) -> None:
        self.root = tmp_path
        self.home = tmp_path / "home"
        self.home.mkdir()
        self.log = tmp_path / "refusals.log"
        simulation = tmp_path / "simulation"
        simulation.mkdir()
        (simulation / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
        inherited = os.environ.get("PYTHONPATH")
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("SIM_", "PYTHONIO"))},
            "PYTHONPATH": os.pathsep.join(p for p in (str(simulation), inherited) if p),
            "APEL_ROTASI_HOME": str(self.home),
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "SIM_LOG": str(self.log),
            "NO_COLOR": "1",
            "COLUMNS": "100",
        }
        self.env.pop("APEL_ROTASI_DEBUG", None)

    def __call__(
        self, *args: str, simulate: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [*console_script(), *args],
            capture_output=True,
            env={**self.env, **(simulate or {})},
            cwd=self.root,
            timeout=120,
        )

    def ok(
        self, *args: str, simulate: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[bytes]:
        """Exit 0 and no error, warning of failure or traceback on standard error."""
        done = self(*args, simulate=simulate)
        stderr = done.stderr.decode("utf-8", errors="replace")
        assert done.returncode == 0, f"{args}: exit {done.returncode}\n{stderr}"
        assert not [sign for sign in FAILURE_SIGNS if sign in stderr], f"{args}:\n{stderr}"
        return done

    def refusals(self, name: str) -> int:
        """How many times the simulation refused to replace ``name``."""
        if not self.log.exists():
            return 0
        lines = self.log.read_text(encoding="utf-8").splitlines()
        return sum(1 for line in lines if Path(line).name == name)


@pytest.fixture
def clerk(tmp_path: Path) -> Clerk:
    return Clerk(tmp_path)


def coming_monday(weeks_ahead: int = 2) -> dt.date:
    today = dt.date.today()
    return today + dt.timedelta(days=7 * weeks_ahead - today.weekday())


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(LEFTOVER_SUFFIXES))


# -- writes: a folder that cannot be opened, a file held for a moment --------------------


def test_the_simulation_is_in_force(clerk: Clerk) -> None:
    """The harness itself: a folder cannot be opened and a replace is refused twice."""
    probe = (
        "import os, sys\n"
        "try:\n"
        "    os.open('.', os.O_RDONLY)\n"
        "except PermissionError:\n"
        "    print('folder refused')\n"
        "open('a', 'w').close()\n"
        "for attempt in range(3):\n"
        "    try:\n"
        "        os.replace('a', 'b')\n"
        "    except PermissionError as error:\n"
        "        print(error.errno, error.winerror)\n"
        "sys.stdout.write('x\\n')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        env={**clerk.env, **WINDOWS_FILES, **WINDOWS_STDOUT},
        cwd=clerk.root,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout == b"folder refused\r\n13 32\r\n13 32\r\nx\r\n"
    assert clerk.refusals("b") == 2


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
        simulate={**WINDOWS_STDOUT, **WINDOWS_FILES},
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
