"""``init`` and ``check``: setting up a home and checking its files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from apel_rotasi.commands import Outcome
from apel_rotasi.errors import Problems, UserError
from apel_rotasi.messages import info
from apel_rotasi.model import Roster
from apel_rotasi.store import safewrite
from apel_rotasi.store.history import read_history
from apel_rotasi.store.home import ensure_home
from apel_rotasi.store.pins import read_pins
from apel_rotasi.store.roster import bundled_roster_path, load_roster, roster_path


def init(*, home: Path, force: bool = False, lang: str | None = None) -> Outcome:
    target = roster_path(home)
    if target.exists() and not force:
        raise UserError("roster_exists", path=target)
    ensure_home(home)
    safewrite.replace(target, bundled_roster_path().read_bytes())
    return Outcome(lang or "id", [info("wrote_roster", path=str(target))])


def check(*, home: Path, now: dt.datetime, lang: str | None = None) -> Outcome:
    """Every problem in the home's files at once (an empty list: all is well)."""
    problems: list[UserError] = []
    roster: Roster | None = None
    try:
        roster, path = load_roster(home)
    except Problems as found:
        problems += found.problems
    except UserError as error:
        problems.append(error)
    if roster is not None and roster.rotation.holidays:
        from apel_rotasi.holiday import line_of, validate

        wrong = validate(roster.rotation.holidays, roster.rotation.holiday_categories)
        if wrong is not None:
            problems.append(wrong.at(path, line_of(path, wrong.key or "")))
    for read in (read_history, read_pins):
        try:
            found = read(home, roster)
        except UserError as error:  # unreadable: not TOML, not UTF-8
            problems.append(error)
        else:
            problems += found.problems + found.notes + found.unordered
    lang = lang or (roster.rotation.lang if roster else "id")
    return Outcome(lang, problems=problems, text=None if problems else "OK\n")
