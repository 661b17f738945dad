"""The home folder, and what one command loads from it."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from apel_rotasi.errors import Problems, UserError
from apel_rotasi.messages import Message, warning
from apel_rotasi.model import Entry, Pin, Roster
from apel_rotasi.store import safewrite
from apel_rotasi.store.dirs import user_data_dir
from apel_rotasi.store.history import history_path, history_text, read_history
from apel_rotasi.store.pins import pins_path, pins_text, read_pins
from apel_rotasi.store.roster import load_roster

HOME_ENV = "APEL_ROTASI_HOME"
T = TypeVar("T")


def resolve_home(option: Path | None) -> Path:
    """``--home``, else ``$APEL_ROTASI_HOME``, else the platform's user data folder."""
    if option is not None:
        home = option
    elif os.environ.get(HOME_ENV):
        home = Path(os.environ[HOME_ENV])
    else:
        home = user_data_dir()
    home = home.expanduser()
    if home.exists() and not home.is_dir():
        raise UserError("home_is_file", path=home)
    return home


def ensure_home(home: Path) -> None:
    """Create the home before a write; a home that cannot be created is a user error."""
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError("home_cannot_create", path=home, reason=error.strerror or str(error)) from None
    if not os.access(home, os.W_OK):
        raise UserError("home_not_writable", path=home)


class State:
    """Roster, history and pins of a home, loaded once for a command, with the warnings
    that loading them gave."""

    __slots__ = ("history", "home", "pins", "roster", "roster_path", "warnings")

    def __init__(self, home: Path, roster: Roster, roster_path: Path) -> None:
        self.home = home
        self.roster = roster
        self.roster_path = roster_path
        self.history: list[Entry] = []
        self.pins: list[Pin] = []
        self.warnings: list[Message] = []


def load_state(home: Path, *, history: bool = True, pins: bool = False) -> State:
    """Load the roster and, as asked, history and pins; stray references are warnings."""
    roster, roster_path = load_roster(home)
    state = State(home, roster, roster_path)
    if history:
        found = read_history(home, roster)
        if found.problems:
            raise Problems(found.problems)
        state.warnings += [_placed(note) for note in found.notes]
        state.history = found.entries
    if pins:
        found_pins = read_pins(home, roster)
        if found_pins.problems:
            raise Problems(found_pins.problems)
        state.warnings += [warning("pin_ignored", problem=_placed(n)) for n in found_pins.notes]
        state.pins = [
            p
            for p in found_pins.pins
            if (p.kecamatan is None or roster.kecamatan_by_code(p.kecamatan))
            and (p.leader is None or roster.leader_by_id(p.leader))
        ]
    return state


def _placed(error: UserError) -> Message:
    """A file's problem as a warning that names the file and line."""
    where = f"{error.path}:{error.line}" if error.line else str(error.path)
    return warning("in_file", where=where, problem=error.message)


def change_history(
    home: Path, roster: Roster, change: Callable[[list[Entry]], list[Entry]]
) -> list[Entry]:
    """Read, change and atomically replace history.toml under its lock; the new entries."""

    def read(cached: bool) -> list[Entry]:
        found = read_history(home, roster, cached)
        if found.problems:
            raise Problems(found.problems)
        return found.entries

    return _change(history_path(home), read, change, history_text)


def change_pins(home: Path, roster: Roster, change: Callable[[list[Pin]], list[Pin]]) -> list[Pin]:
    def read(cached: bool) -> list[Pin]:
        found = read_pins(home, roster, cached)
        if found.problems:
            raise Problems(found.problems)
        return found.pins

    return _change(pins_path(home), read, change, pins_text)


def _change(
    path: Path,
    read: Callable[[bool], list[T]],
    change: Callable[[list[T]], list[T]],
    text: Callable[[list[T]], str],
) -> list[T]:
    """A read-modify-write under the lock, after a dry run without it.

    The dry run lets a mistake (a broken file, a date already taken) fail before even
    the lock file is made, so a failed command leaves the home as it was. Under the
    lock the file itself is read, never the parse cache.
    """
    change(read(True))
    ensure_home(path.parent)
    with safewrite.locked(path):
        new = change(read(False))
        safewrite.replace(path, text(new))
    return new
