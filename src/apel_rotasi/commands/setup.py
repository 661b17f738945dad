"""``init`` and ``check``: setting up a home and checking its files."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from apel_rotasi import ledger
from apel_rotasi.clock import city_today
from apel_rotasi.errors import Problems, UserError
from apel_rotasi.holiday import NO_HOLIDAYS, HolidayCalendar, NationalCalendar
from apel_rotasi.i18n import DEFAULT_LANG
from apel_rotasi.messages import Message, Term, info, warning
from apel_rotasi.model import Roster, Rotation
from apel_rotasi.outcome import Outcome
from apel_rotasi.store import cache, journal, safewrite
from apel_rotasi.store.findings import findings_path, held_apel, read_findings
from apel_rotasi.store.history import History, entry_from_json, history_path, read_history
from apel_rotasi.store.home import ensure_home, with_pending
from apel_rotasi.store.pins import Pins, pins_path, read_pins
from apel_rotasi.store.roster import bundled_roster_path, load_roster, roster_path


def init(
    *, home: Path, force: bool = False, lang: str | None = None, wilayah: str | None = None
) -> Outcome:
    """The bundled roster into the home, or with ``wilayah`` one for that kabupaten/kota."""
    target = roster_path(home)
    if wilayah is None:
        content, said = bundled_roster_path().read_bytes(), info("wrote_roster", path=str(target))
    else:  # looked up before anything is written: a name that fits no region writes nothing
        content, said = regional_roster(wilayah, target)
    write_roster(home, content, force=force)
    return Outcome(lang or DEFAULT_LANG, [said], changed=True)


def write_roster(home: Path, content: bytes, *, force: bool) -> Path:
    """Write the home's kecamatan.toml (the one way ``init`` in any form writes it): under
    its lock and atomically like every write, refused over an existing roster without
    ``force``. A link there is replaced itself, never written through nor followed."""
    target = roster_path(home)
    if os.path.lexists(target) and not force:
        raise UserError("roster_exists", path=target)
    ensure_home(home)
    with safewrite.locked(target, follow=False):
        if os.path.lexists(target) and not force:  # another init came first
            raise UserError("roster_exists", path=target)
        safewrite.replace(target, content, follow=False)
    return target


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
    history: History | None = None
    pins: Pins | None = None
    try:
        history = read_history(home, roster)
    except UserError as error:  # unreadable: not TOML, not UTF-8
        problems.append(error)
    else:
        problems += history.problems + history.notes + history.unordered
    try:
        pins = read_pins(home, roster)
    except UserError as error:
        problems.append(error)
    else:
        problems += pins.problems + pins.notes + pins.unordered
    held = held_apel(history.entries) if history is not None and not history.problems else None
    try:
        findings = read_findings(home, roster, held)
    except UserError as error:
        problems.append(error)
    else:
        problems += findings.problems + findings.notes
    lang = lang or (roster.rotation.lang if roster else DEFAULT_LANG)
    today = city_today(now, roster.rotation.timezone if roster else Rotation().timezone)
    if history is not None:
        problems += [
            UserError(
                "history_future",
                path=history.path,
                line=history.lines.get(e.date),
                date=e.date,
                today=today,
            )
            for e in history.entries
            if e.date > today
        ]
    messages = _journal_warnings(home, problems)
    if roster is not None and history is not None and not history.problems:
        try:
            entries = with_pending(home, history.path, history.entries, entry_from_json)
        except UserError:  # its temporary file is no plain file: a problem reported above
            entries = history.entries
        cancelled = [p for p in pins.pins if p.cancel] if pins is not None else []
        try:
            national = _national(roster, lang, path)
            days = ledger.unaccounted(roster, national, entries, cancelled, today)
        except UserError:  # the holiday settings, reported above
            days = []
        messages += [warning("unaccounted_day", date=day) for day in days]
    return Outcome(lang, messages, problems=problems, text=None if problems else "OK\n")


def _national(roster: Roster, lang: str, path: Path) -> HolidayCalendar:
    rot = roster.rotation
    if rot.holidays is None:
        return NO_HOLIDAYS
    return NationalCalendar(rot.holidays, rot.holiday_categories, lang, path, cache.memo)


def _journal_warnings(home: Path, problems: list[UserError]) -> list[Message]:
    """Lines of journal.jsonl that are not a complete record (ignored), and a change a
    crash left half done (completed by the next write), read in bounded memory. A journal
    or a temporary file that cannot be read (a folder, a FIFO, another user's link) is
    added to ``problems``."""
    path = journal.journal_path(home)
    said = []
    try:
        said += [
            warning("in_file", where=f"{path}:{number}", problem=info("journal_bad_line"))
            for number in journal.damaged(home)
        ]
    except UserError as error:
        problems.append(error)
    for path in (history_path(home), pins_path(home), findings_path(home)):
        try:
            line = journal.pending(home, path)
        except UserError as error:
            problems.append(error)
            continue
        if line is not None:
            said.append(
                warning(
                    "journal_pending",
                    file=line["file"],
                    action=Term("DEEDS", line["action"]),
                    date=dt.date.fromisoformat(line["date"]),
                )
            )
    return said


def regional_roster(name: str, target: Path) -> tuple[bytes, Message]:
    """The kecamatan.toml of the region ``name`` means, and what to say once it is written
    to ``target``."""
    from apel_rotasi.store.wilayah import load_regions
    from apel_rotasi.wilayah import find_region, roster_text

    source, regions = load_regions()
    region = find_region(name, regions)
    text = roster_text(region, bundled_roster_path().read_text(encoding="utf-8"), source)
    said = info(
        "wrote_wilayah_roster",
        path=str(target),
        region=region.shown,
        count=len(region.kecamatan),
    )
    return text.encode("utf-8"), said
