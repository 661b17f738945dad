"""The standard streams: data as exact bytes, text through the stream's encoding with plain
substitutes, the table width, escaped control characters, and closed or full streams
(issues 10 and 14; SPEC "Tables", "Machine-readable output", "Errors").

Real streams (closed, full, ASCII, cp1252) are tested in a process of their own."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from apel_rotasi import console

POSIX = pytest.mark.skipif(os.name != "posix", reason="shell redirections as on POSIX")

# What every stream test runs: one console call, and the kind of any UserError on stderr
# (or on stdout, when the stream that failed is stderr).
PROBE = """
import sys
from apel_rotasi import console
from apel_rotasi.errors import UserError
try:
    {call}
except UserError as error:
    report = sys.stdout if "stderr" in error.message.kind else sys.stderr
    report.write(error.message.kind + "\\n")
    report.flush()
    sys.exit(1)
"""


def probe(
    call: str, *, shell_redirect: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run one console call in a fresh interpreter, its streams redirected by a shell."""
    command = [sys.executable, "-c", PROBE.format(call=call)]
    if shell_redirect:
        command = ["sh", "-c", f'"$0" "$@" {shell_redirect}', *command]
    return subprocess.run(
        command,
        capture_output=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
    )


# -- plain substitutes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ascii_text"),
    [
        ("Senin — libur", "Senin - libur"),
        ("2025\N{EN DASH}2026", "2025-2026"),
        ("✓ apel tercatat · * hari libur", "v apel tercatat . * hari libur"),
        ("menunggu…", "menunggu..."),
        ("█▏▎▍▌▋▊▉", "########"),
        ("┏━━┳━━┓", "+--+--+"),
        ("┃ a┃ b┃", "| a| b|"),
        ("┡━━╇━━┩", "+--+--+"),
        ("└──┴──┘", "+--+--+"),
        ("│├┤┼─", "|+++-"),
        ("Señda Pérez", "Senda Perez"),
        ("中文", "??"),
        ("plain ASCII\n", "plain ASCII\n"),
    ],
)
def test_ascii_gets_plain_substitutes(text: str, ascii_text: str) -> None:
    assert console.plain(text, "ascii") == ascii_text


def test_cp1252_keeps_what_it_can_show_and_substitutes_the_rest() -> None:
    assert console.plain("Senin — libur…", "cp1252") == "Senin — libur…"
    assert console.plain("✓ señda · ┃", "cp1252") == "v señda · |"
    assert console.plain("中", "cp1252") == "?"


def test_utf_8_is_left_alone() -> None:
    text = "✓ ┃ — █ 中"
    assert console.plain(text, "utf-8") is text


def test_an_encoding_python_does_not_know_falls_back_to_ascii() -> None:
    assert console.plain("✓ —", "no-such-codec") == "v -"


# -- control characters ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Kemuning\x1b[2J", "Kemuning\\x1b[2J"),
        ("bel\x07", "bel\\x07"),
        ("nul\x00", "nul\\x00"),
        ("del\x7f", "del\\x7f"),
        ("csi\x9b31m", "csi\\x9b31m"),
        ("ganti\rbaris", "ganti\\x0dbaris"),
        ("baris\r\nkedua", "baris\nkedua"),
        ("tab\tdan\nbaris", "tab\tdan\nbaris"),
        ("Señda ✓ — 中", "Señda ✓ — 中"),
    ],
)
def test_control_characters_are_shown_escaped(text: str, shown: str) -> None:
    assert console.escape_controls(text) == shown


# -- the table width ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("columns", "terminal", "width"),
    [
        ("120", None, 120),
        ("40", None, 40),
        ("39", None, 80),
        ("0", None, 80),
        ("-5", None, 80),
        ("wide", None, 80),
        ("", None, 80),
        (None, None, 80),
        (None, 100, 100),
        (None, 30, 80),
        ("0", 132, 132),
        ("90", 132, 90),
    ],
)
def test_the_table_width(
    monkeypatch: pytest.MonkeyPatch, columns: str | None, terminal: int | None, width: int
) -> None:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)

    def terminal_size(fd: int = 1) -> os.terminal_size:
        if terminal is None:
            raise OSError(25, "Inappropriate ioctl for device")
        return os.terminal_size((terminal, 24))

    monkeypatch.setattr(os, "get_terminal_size", terminal_size)
    assert console.table_width() == width


def test_the_table_width_without_a_standard_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "0")
    monkeypatch.setattr(sys, "stdout", None)
    assert console.table_width() == 80


# -- data: exact bytes ---------------------------------------------------------------------


def test_data_goes_out_as_the_exact_bytes() -> None:
    done = probe("console.write_data(b'a,b\\r\\n\\xe2\\x9c\\x93,2\\r\\n')")
    assert (done.returncode, done.stdout, done.stderr) == (0, b"a,b\r\n\xe2\x9c\x93,2\r\n", b"")


def test_data_as_text_goes_out_as_utf_8_whatever_the_stream_encoding() -> None:
    done = probe('console.write_data(\'[{"note": "✓ —"}]\\n\')', env={"PYTHONIOENCODING": "ascii"})
    assert (done.returncode, done.stdout, done.stderr) == (0, '[{"note": "✓ —"}]\n'.encode(), b"")


def test_data_bypasses_newline_translation() -> None:
    """A text layer that turns \\n into \\r\\n (as Windows' does) never sees the data."""
    call = (
        "import io; "
        "sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding='cp1252', newline='\\r\\n'); "
        "console.write_text('tabel\\n'); "
        "console.write_data(b'a,b\\r\\nc,d\\r\\n')"
    )
    done = probe(call)
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout == b"tabel\r\na,b\r\nc,d\r\n"


def test_data_follows_the_text_written_before_it() -> None:
    done = probe("console.write_text('judul\\n'); console.write_data(b'isi\\n')")
    assert done.stdout == b"judul\nisi\n"


def test_data_to_a_stream_without_bytes_underneath(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    stream = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stream)
    console.write_data(b"a,\xe2\x9c\x93\r\n")
    assert stream.getvalue() == "a,✓\r\n"


# -- text for people -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("ascii", b"v Senin - libur ... |+-\n"),
        ("cp1252", "v Senin — libur … |+-\n".encode("cp1252")),
        ("utf-8", "✓ Senin — libur … ┃╇━\n".encode()),
    ],
)
def test_text_goes_through_the_stream_encoding_with_substitutes(
    encoding: str, expected: bytes
) -> None:
    done = probe(
        "console.write_text('✓ Senin — libur … ┃╇━\\n')", env={"PYTHONIOENCODING": encoding}
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, expected, b"")


def test_messages_go_to_standard_error_with_substitutes() -> None:
    done = probe(
        "console.write_message('Peringatan: ✓ — ok\\n')", env={"PYTHONIOENCODING": "ascii"}
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"Peringatan: v - ok\n")


def test_text_with_lang_c_and_no_utf_8_mode() -> None:
    env = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    env_without_io = {k: v for k, v in os.environ.items() if k != "PYTHONIOENCODING"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(call="console.write_text('\\u2713 \\u2014\\n')")],
        capture_output=True,
        timeout=60,
        env={**env_without_io, **env},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout in (b"v -\n", "✓ —\n".encode())  # ASCII, or UTF-8 where C means it


# -- closed and full streams ---------------------------------------------------------------


@POSIX
@pytest.mark.parametrize(
    "call",
    [
        "console.write_data(b'a,b\\r\\n')",
        "console.write_text('tabel\\n')",
        "console.write_text('x'); console.write_data(b'y')",
    ],
)
def test_a_closed_standard_output_is_a_user_error(call: str) -> None:
    done = probe(call, shell_redirect=">&-")
    assert (done.returncode, done.stderr) == (1, b"stdout_closed\n")


@POSIX
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "call",
    [
        "console.write_data(b'a,b\\r\\n' * 100_000)",
        "console.write_data(b'a,b\\r\\n')",
        "console.write_text('tabel\\n')",
        "console.write_text('x' * 100_000)",
    ],
)
def test_a_full_standard_output_is_a_user_error_and_exit_stays_quiet(call: str) -> None:
    done = probe(call, shell_redirect=">/dev/full")
    assert (done.returncode, done.stderr) == (1, b"stdout_failed\n")


@POSIX
def test_a_closed_standard_error_is_a_user_error_and_later_messages_vanish() -> None:
    call = (
        "try:\n"
        "        console.write_message('Tercatat.\\n')\n"
        "    finally:\n"
        "        console.write_message('Kesalahan: ini tidak ke mana-mana.\\n')"
    )
    done = probe(call, shell_redirect="2>&-")
    assert (done.returncode, done.stdout) == (1, b"stderr_closed\n")


@POSIX
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_standard_error_is_a_user_error() -> None:
    done = probe("console.write_message('Tercatat.\\n')", shell_redirect="2>/dev/full")
    assert (done.returncode, done.stdout) == (1, b"stderr_failed\n")


@POSIX
def test_a_reader_that_goes_away_keeps_its_broken_pipe() -> None:
    """``| head``: the CLI ends that quietly, as it did before; no message, no noise."""
    call = (
        "import signal\n"
        "    signal.signal(signal.SIGPIPE, signal.SIG_IGN)\n"
        "    try:\n"
        "        console.write_data(b'a,b\\r\\n' * 100_000)\n"
        "    except BrokenPipeError:\n"
        "        sys.exit(3)"
    )
    done = probe(call, shell_redirect="| head -c 1 >/dev/null")
    assert done.stderr == b""


def test_a_stream_closed_inside_the_program_is_a_user_error() -> None:
    done = probe("sys.stdout.close(); console.write_text('x\\n')")
    assert (done.returncode, done.stderr) == (1, b"stdout_closed\n")
