"""The home folder and what is loaded from it for one command."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from apel_rotasi import files
from apel_rotasi.dirs import user_data_dir
from apel_rotasi.errors import UserError
from apel_rotasi.model import Apel, Pin, Roster

HOME_ENV = "APEL_ROTASI_HOME"


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
        raise UserError(f"the home folder {home} is a file, not a folder")
    return home


def ensure_home(home: Path) -> None:
    """Create the home before a write; a home that cannot be created is a user error."""
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(
            f"cannot create the home folder {home}: {error.strerror or error}"
        ) from None
    if not os.access(home, os.W_OK):
        raise UserError(f"cannot write in the home folder {home}")


def warn(message: str) -> None:
    sys.stderr.write(f"Warning: {message}\n")


class State:
    """Roster, history and pins of a home, loaded once for a command."""

    __slots__ = ("history", "home", "pins", "roster", "roster_path")

    def __init__(self, home: Path, roster: Roster, roster_path: Path) -> None:
        self.home = home
        self.roster = roster
        self.roster_path = roster_path
        self.history: list[Apel] = []
        self.pins: list[Pin] = []


def load_state(home: Path, *, history: bool = True, pins: bool = False) -> State:
    """Load the roster and, as asked, history and pins; stray references are warnings."""
    roster, roster_path = files.load_roster(home)
    state = State(home, roster, roster_path)
    if history:
        records = files.load_history(home, roster)
        for note in records.notes:
            warn(str(note))
        state.history = records.apel
    if pins:
        records = files.load_pins(home, roster)
        for note in records.notes:
            warn(f"{note} (pin ignored)")
        known = [
            p
            for p in records.pins
            if (p.kecamatan is None or roster.kecamatan_by_code(p.kecamatan))
            and (p.leader is None or roster.leader_by_id(p.leader))
        ]
        state.pins = known
    return state
