"""``finding add``, ``finding done``, ``finding edit`` and ``findings``: what was found at
an apel, and its follow-up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from apel_rotasi import listings
from apel_rotasi.commands.common import Context, kecamatan_name, open_findings
from apel_rotasi.errors import UserError
from apel_rotasi.messages import info
from apel_rotasi.model import Finding
from apel_rotasi.outcome import Listing, Outcome
from apel_rotasi.parse import check_printable, find_kecamatan, join_date, parse_date, shown
from apel_rotasi.records import MAX_COUNT
from apel_rotasi.store.findings import held_apel, next_id
from apel_rotasi.store.home import change_findings, findings_of

DATE_WORDS = 5  # the most words a date typed without quotes takes (Senin, 28 April 2025)


def finding_add(
    context: Context,
    *,
    words: Sequence[str],
    owner: str | None = None,
    due: str | None = None,
    letter: str | None = None,
) -> Outcome:
    """A finding at the apel held on the date ``words`` begins with; the rest is its text."""
    home, now, state, lang, today = context
    roster = state.roster
    day, text = _date_and_text(words, today)
    _printable(text=text, owner=owner, letter=letter)
    held = held_apel(state.history)
    if day not in held:
        raise UserError("finding_no_held_apel", date=day)
    until = _date(due, today) if due else None
    if until is not None and until < day:
        raise UserError("finding_due_before", due=until, date=day)
    for value, what in ((owner, "--owner"), (letter, "--letter")):
        if value is not None and not value.strip():
            raise UserError("finding_blank", option=what)

    def change(current: list[Finding]) -> list[Finding]:
        new = Finding(next_id(home, current), day, held[day], text, owner, until, letter)
        return [*current, new]

    after = change_findings(home, state.roster, change, action="finding_add", now=now).after
    added = after[-1]
    return Outcome(
        lang,
        [info("finding_added", id=added.id, date=day, kecamatan=kecamatan_name(roster, added))],
        changed=True,
    )


def finding_done(
    context: Context,
    *,
    number: str,
    on: str | None = None,
    result: str | None = None,
    letter: str | None = None,
) -> Outcome:
    """Mark a finding as followed up: today, or ``on``; not before its date nor later than
    today."""
    home, now, state, lang, today = context
    ident = _id(number)
    _printable(result=result, letter=letter)
    when = _date(on, today) if on else today
    if when > today:
        raise UserError("finding_done_future", date=when)

    def change(current: list[Finding]) -> list[Finding]:
        old = _find(current, ident)
        if when < old.date:
            raise UserError("finding_done_before", id=ident, done=when, date=old.date)
        new = old._replace(done=when, result=result or old.result, letter=letter or old.letter)
        return [new if f.id == ident else f for f in current]

    change_findings(home, state.roster, change, action="finding_done", now=now)
    return Outcome(lang, [info("finding_marked_done", id=ident, date=when)], changed=True)


def finding_edit(
    context: Context,
    *,
    number: str,
    text: str | None = None,
    owner: str | None = None,
    due: str | None = None,
    letter: str | None = None,
    result: str | None = None,
) -> Outcome:
    """Change only the fields given; ``""`` removes an optional one (the text is not)."""
    home, now, state, lang, today = context
    ident = _id(number)
    _printable(text=text, owner=owner, letter=letter, result=result)
    if all(value is None for value in (text, owner, due, letter, result)):
        raise UserError("finding_edit_nothing")
    if text is not None and not text.strip():
        raise UserError("finding_blank", option="--text")
    until = _date(due, today) if due else None

    def change(current: list[Finding]) -> list[Finding]:
        old = _find(current, ident)
        if until is not None and until < old.date:
            raise UserError("finding_due_before", due=until, date=old.date)
        new = old._replace(
            text=text or old.text,
            owner=_optional(owner, old.owner),
            due=old.due if due is None else until,
            letter=_optional(letter, old.letter),
            result=_optional(result, old.result),
        )
        return [new if f.id == ident else f for f in current]

    change_findings(home, state.roster, change, action="finding_edit", now=now)
    return Outcome(lang, [info("finding_edited", id=ident)], changed=True)


def findings(context: Context, *, open_only: bool = False, kecamatan: str | None = None) -> Outcome:
    home, state, lang, today = context.home, context.state, context.lang, context.today
    roster = state.roster
    found = open_findings(state) if open_only else findings_of(home, roster)
    if kecamatan is not None:
        code = find_kecamatan(kecamatan, roster).code
        found = [f for f in found if f.kecamatan == code]
    rows = listings.findings_records(roster, found, today)
    listing = Listing("findings", tuple(rows), roster.rotation.city, today)
    return Outcome(lang, state.warnings, listing)


def _date_and_text(words: Sequence[str], today: dt.date) -> tuple[dt.date, str]:
    """The date the words begin with (the most words that make one) and the rest: the text
    need not be quoted."""
    for cut in range(min(DATE_WORDS, len(words) - 1), 0, -1):
        try:
            return join_date(words[:cut], today), " ".join(words[cut:])
        except UserError:
            continue
    day = join_date(words[:1], today)  # the error for the date, when it is the problem
    raise UserError("finding_needs_text", date=day)


def _date(text: str, today: dt.date) -> dt.date:
    return parse_date(text, today)


def _id(text: str) -> int:
    value = text.strip().lstrip("#")
    if value.isascii() and value.isdigit() and len(value) <= len(str(MAX_COUNT)):
        return int(value)
    raise UserError("finding_bad_id", value=shown(text))


def _find(current: list[Finding], ident: int) -> Finding:
    found = next((f for f in current if f.id == ident), None)
    if found is None:
        raise UserError("finding_unknown", id=ident)
    return found


def _optional(given: str | None, old: str | None) -> str | None:
    """A field as ``edit`` leaves it: unchanged when not given, removed when ``""``."""
    return old if given is None else given or None


def _printable(**texts: str | None) -> None:
    for what, text in texts.items():
        if text is not None:
            check_printable(text, f"--{what}")
