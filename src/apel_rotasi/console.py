"""How the tool writes to its standard streams, whatever they turn out to be.

Data (CSV, JSON, ICS, HTML) goes out as the exact UTF-8 bytes the format has, past the text
layer, so no platform's newline translation turns CSV's CRLF into CR CR LF. Text for people
(tables, messages) goes through the stream's own encoding, with a plain substitute for what
it cannot show (a Windows code page, ``LANG=C``), and control characters from hand-edited
files are shown escaped, never sent to the terminal. A closed or full stream becomes a
``UserError`` (a one-line message and exit 1), and is then silenced so that the
interpreter's last flush at exit adds no noise.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from typing import NoReturn, TextIO

from apel_rotasi.errors import UserError, reason

DEFAULT_WIDTH = 80
MIN_WIDTH = 40

# Plain stand-ins for characters tables and messages use, where the stream cannot encode them.
SUBSTITUTES = {
    "\N{EM DASH}": "-",
    "\N{EN DASH}": "-",
    "\N{HYPHEN}": "-",
    "\N{MINUS SIGN}": "-",
    "\N{CHECK MARK}": "v",
    "\N{HEAVY CHECK MARK}": "v",
    "\N{BALLOT X}": "x",
    "\N{MIDDLE DOT}": ".",
    "\N{BULLET}": "*",
    "\N{HORIZONTAL ELLIPSIS}": "...",
    "\N{RIGHTWARDS ARROW}": "->",
    "\N{LEFTWARDS ARROW}": "<-",
    "\N{LEFT SINGLE QUOTATION MARK}": "'",
    "\N{RIGHT SINGLE QUOTATION MARK}": "'",
    "\N{LEFT DOUBLE QUOTATION MARK}": '"',
    "\N{RIGHT DOUBLE QUOTATION MARK}": '"',
    "\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}": '"',
    "\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}": '"',
    "\N{NO-BREAK SPACE}": " ",
    "\N{BOX DRAWINGS LIGHT DIAGONAL UPPER RIGHT TO LOWER LEFT}": "/",
    "\N{BOX DRAWINGS LIGHT DIAGONAL UPPER LEFT TO LOWER RIGHT}": "\\",
    "\N{BOX DRAWINGS LIGHT DIAGONAL CROSS}": "X",
}
# Control characters (C0, DEL and C1) as visible escapes; line breaks and tabs lay text out.
_CONTROLS = {
    code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0)) if chr(code) not in "\n\t"
}


def write_data(data: bytes | str) -> None:
    """Write data to standard output as bytes, exactly as given (a str as UTF-8)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    stream = _stream("stdout")
    buffer = getattr(stream, "buffer", None)
    try:
        if buffer is None:  # a stream without bytes underneath (a test's StringIO)
            stream.write(payload.decode("utf-8"))
            stream.flush()
            return
        stream.flush()  # whatever text went before comes first
        buffer.write(payload)
        buffer.flush()
    except (OSError, ValueError) as error:
        _failed("stdout", stream, error)


def write_text(text: str) -> None:
    """Write text for people (a rendered table, a result) to standard output."""
    _write_text("stdout", text)


def write_message(text: str) -> None:
    """Write a message (a confirmation, a warning, an error) to standard error."""
    _write_text("stderr", text)


def table_width() -> int:
    """The width tables fill: ``COLUMNS`` when it is a usable number, else the terminal's,
    else the width every terminal has."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns >= MIN_WIDTH:
        return columns
    try:
        columns = os.get_terminal_size(sys.stdout.fileno()).columns
    except (AttributeError, OSError, ValueError):  # no stdout, not a terminal, closed
        columns = 0
    return columns if columns >= MIN_WIDTH else DEFAULT_WIDTH


def colour() -> bool:
    """Whether tables on standard output are in colour: on a terminal, unless ``NO_COLOR``
    is set; ``FORCE_COLOR`` turns it on elsewhere (the convention of no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return sys.stdout is not None and sys.stdout.isatty()
    except ValueError:  # closed
        return False


def escape_controls(text: str, *, lines: bool = True) -> str:
    """``text`` with control characters (line breaks and tabs aside) shown as ``\\x1b``, so
    that a name or note from a hand-edited file cannot drive the terminal. A Windows line
    break counts as a line break; a lone carriage return does not. With ``lines`` False a
    line break is escaped too: a value quoted in a one-line message cannot start a line
    that looks like another message."""
    text = text.replace("\r\n", "\n").translate(_CONTROLS)
    return text if lines else text.replace("\n", "\\x0a")


def plain(text: str, encoding: str) -> str:
    """``text`` with each character ``encoding`` cannot hold replaced by a plain one."""
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return "".join(_plain(c, encoding) for c in text)
    except LookupError:  # an encoding Python does not know: keep to ASCII
        return plain(text, "ascii")
    return text


def _write_text(name: str, text: str) -> None:
    stream = _stream(name)
    text = plain(text, getattr(stream, "encoding", None) or "utf-8")
    try:
        stream.write(text)
        stream.flush()
    except (OSError, ValueError) as error:
        _failed(name, stream, error)


CLOSED = {"stdout": "stdout_closed", "stderr": "stderr_closed"}
FAILED = {"stdout": "stdout_failed", "stderr": "stderr_failed"}


def _stream(name: str) -> TextIO:
    """The stream, or a UserError when there is none (started with it closed, ``>&-``)."""
    stream: TextIO | None = getattr(sys, name)
    if stream is None:
        _silence(name)
        raise UserError(CLOSED[name])
    return stream


def _failed(name: str, stream: TextIO, error: OSError | ValueError) -> NoReturn:
    """Silence the stream that failed and say so; a reader that went away (``| head``)
    keeps its BrokenPipeError, which the CLI ends quietly."""
    descriptor = _descriptor(stream)
    if isinstance(error, OSError) and descriptor is not None:
        # The stream's file descriptor now leads nowhere: its unwritten buffer drains
        # there at exit instead of failing again as "Exception ignored".
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, descriptor)
        finally:
            os.close(null)
    else:
        _silence(name)
    if isinstance(error, BrokenPipeError):
        raise error
    if isinstance(error, ValueError):  # the stream object was closed
        raise UserError(CLOSED[name]) from None
    raise UserError(FAILED[name], reason=reason(error)) from None


def _descriptor(stream: TextIO) -> int | None:
    try:
        return stream.fileno()
    except (OSError, ValueError):  # closed, or not backed by a file (a test's StringIO)
        return None


def _silence(name: str) -> None:
    """Put a stream that leads nowhere in place of one that is missing or closed.

    A new descriptor, never ``dup2`` onto the standard one: with the stream closed at
    start, that number may belong to a file the tool has open since.
    """
    setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


@cache
def _plain(character: str, encoding: str) -> str:
    """A stand-in for one character: a known substitute, a line for box drawing, a block
    for bar charts, the letter without its accent, or ``?``."""
    try:
        character.encode(encoding)
    except UnicodeEncodeError:
        pass
    else:
        return character
    import unicodedata

    candidates = [SUBSTITUTES.get(character, "")]
    name = unicodedata.name(character, "")
    if name.startswith("BOX DRAWINGS"):
        candidates.append(_box(name))
    elif {"BLOCK", "SHADE"} & set(name.split()):
        candidates.append("#")
    candidates.append(
        "".join(c for c in unicodedata.normalize("NFKD", character) if not unicodedata.combining(c))
    )
    for candidate in candidates:
        if candidate:
            try:
                candidate.encode(encoding)
            except UnicodeEncodeError:
                continue
            return candidate
    return "?"


def _box(name: str) -> str:
    """``-`` for a horizontal line, ``|`` for a vertical one, ``+`` where lines meet."""
    words = set(name.split())
    across = bool(words & {"HORIZONTAL", "LEFT", "RIGHT"})
    down = bool(words & {"VERTICAL", "UP", "DOWN"})
    if across and not down:
        return "-"
    if down and not across:
        return "|"
    return "+"
