"""What users type: dates, kecamatan names and leaders."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Sequence

from apel_rotasi.errors import UserError
from apel_rotasi.model import WEEKDAYS_EN, WEEKDAYS_ID, Kecamatan, Leader

MONTHS = [
    ("jan", "january", "januari"),
    ("feb", "february", "februari", "pebruari"),
    ("mar", "march", "maret"),
    ("apr", "april"),
    ("may", "mei"),
    ("jun", "june", "juni"),
    ("jul", "july", "juli"),
    ("aug", "august", "agu", "agt", "agustus"),
    ("sep", "sept", "september"),
    ("oct", "october", "okt", "oktober"),
    ("nov", "november", "nopember"),
    ("dec", "december", "des", "desember"),
]
WEEKDAY_WORDS = {
    word: index
    for index, words in enumerate(zip(WEEKDAYS_EN, WEEKDAYS_ID, strict=True))
    for word in (*words, words[0][:3])
} | {"jum'at": 4, "ahad": 6}
ROMAN = {
    r: str(i)
    for i, r in enumerate(
        [
            "i",
            "ii",
            "iii",
            "iv",
            "v",
            "vi",
            "vii",
            "viii",
            "ix",
            "x",
            "xi",
            "xii",
            "xiii",
            "xiv",
            "xv",
            "xvi",
            "xvii",
            "xviii",
            "xix",
            "xx",
        ],
        1,
    )
}


def weekday_number(name: str) -> int | None:
    """0 for Monday, from an English or Indonesian day name; None if unknown."""
    return WEEKDAY_WORDS.get(name.strip().lower())


def parse_date(text: str) -> dt.date:
    """A date as people write it: ISO, day-first, or with a month name; the year is required."""
    raw = text.strip()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        pass
    weekday = None
    lead = re.match(r"^\s*([A-Za-z']+)\s*(?:,\s*|\s+)(.*)$", raw)
    if lead and lead.group(1).lower() in WEEKDAY_WORDS:
        weekday, raw = WEEKDAY_WORDS[lead.group(1).lower()], lead.group(2)
    day = _parse_day_month_year(raw, text)
    if weekday is not None and day.weekday() != weekday:
        actual = WEEKDAYS_EN[day.weekday()].capitalize()
        raise _unreadable(text, f"{day.isoformat()} is a {actual}")
    return day


NUMERIC = re.compile(r"(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})")
SEPARATORS = re.compile(r"[^0-9a-z]+")


def _parse_day_month_year(raw: str, text: str) -> dt.date:
    """Day-first numbers (``14/4/2025``), year-first ones, or a month name (via dateutil)."""
    numeric = NUMERIC.fullmatch(raw)
    if numeric:
        first, month, last = numeric.groups()
        if len(first) == 4:
            year, day = first, last
        elif len(last) == 4:
            year, day = last, first
        else:
            raise _unreadable(text, "write the year in full, e.g. 14/4/2025")
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError as error:
            raise _unreadable(text, str(error)) from None
    if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}", raw):
        raise UserError(f'the date "{text}" has no year: write it with the year, e.g. 14/4/2025')
    if not re.search(r"[A-Za-z]", raw) or not re.search(r"\d", raw):
        raise _unreadable(text, "write it as 14/4/2025 or 2025-04-14")
    return _parse_with_month_name(raw, text)


def _parse_with_month_name(raw: str, text: str) -> dt.date:
    from dateutil.parser import ParserError, parser, parserinfo

    class Info(parserinfo):
        MONTHS = MONTHS  # type: ignore[assignment]

    results = []
    try:
        for default in (dt.datetime(2001, 1, 1), dt.datetime(2002, 2, 2)):
            results.append(parser(Info(dayfirst=True)).parse(raw, default=default))
    except (ParserError, ValueError, OverflowError, TypeError) as error:
        reason = str(error).split(":")[0]
        raise _unreadable(text, reason) from None
    first, second = results
    if first.year != second.year:
        raise UserError(f'the date "{text}" has no year: write it with the year, e.g. 14/4/2025')
    if first.date() != second.date() or first.time() != dt.time(0):
        raise _unreadable(text, "give day, month and year")
    if not re.search(r"(?<!\d)\d{4}(?!\d)", raw):
        raise _unreadable(text, "write the year in full, e.g. 14 April 2025")
    return first.date()


def _unreadable(text: str, why: str) -> UserError:
    return UserError(f'cannot read the date "{text}": {why}')


def parse_month(value: str) -> tuple[int, int]:
    """``2025-04``, ``4/2025``, ``April 2025`` or ``Mei 2025`` as (year, month)."""
    raw = value.strip().lower()
    found = re.fullmatch(r"(\d{4})-(\d{1,2})", raw) or re.fullmatch(r"(\d{1,2})[/-](\d{4})", raw)
    if found:
        first, second = found.groups()
        year, month = (int(first), int(second)) if len(first) == 4 else (int(second), int(first))
    else:
        words = re.fullmatch(r"([a-z]+)\s+(\d{4})", raw)
        by_name = {word: number for number, words in enumerate(MONTHS, 1) for word in words}
        if not words or words.group(1) not in by_name:
            raise UserError(f'cannot read the month "{value}": write it as 2025-04')
        year, month = int(words.group(2)), by_name[words.group(1)]
    if not (1 <= month <= 12 and 1 <= year <= 9999):
        raise UserError(f'cannot read the month "{value}": write it as 2025-04')
    return year, month


def normalize(name: str) -> str:
    """Lower case; spaces, hyphens, dots and other marks dropped; Roman numerals as Arabic."""
    tokens = SEPARATORS.split(name.lower())
    return "".join(ROMAN.get(token, token) for token in tokens)


def kecamatan_keys(kec: Kecamatan) -> set[str]:
    names = [kec.code, kec.name, *([kec.short] if kec.short else []), *kec.aliases]
    return {key for key in map(normalize, names) if key}


def find_kecamatan(text: str, roster: Sequence[Kecamatan]) -> Kecamatan:
    """The one kecamatan a name, short name, code or alias means."""
    key = normalize(text)
    if not key:
        raise UserError(f'"{text}" is not a kecamatan name')
    keys = {kec.code: kecamatan_keys(kec) for kec in roster}
    exact = [kec for kec in roster if key in keys[kec.code]]
    if len(exact) == 1:
        return exact[0]
    found = exact or [kec for kec in roster if any(k.startswith(key) for k in keys[kec.code])]
    if len(found) == 1:
        return found[0]
    if found:
        raise UserError(f'"{text}" could be {_listing(k.name for k in found)}: which one?')
    by_key = {k: kec.name for kec in roster for k in keys[kec.code]}
    close = difflib.get_close_matches(key, list(by_key), n=6, cutoff=0.6)
    suggestions = list(dict.fromkeys(by_key[k] for k in close))[:3]
    hint = f" Did you mean {_listing(suggestions, 'or')}?" if suggestions else ""
    raise UserError(f'no kecamatan "{text}" in the roster.{hint}')


def find_leader(text: str, leaders: Sequence[Leader]) -> Leader:
    """The leader an id or a name means, ignoring case."""
    key = " ".join(text.lower().split())
    for leader in leaders:
        if key in (leader.id.lower(), " ".join(leader.name.lower().split())):
            return leader
    choices = {leader.id.lower(): leader for leader in leaders} | {
        leader.name.lower(): leader for leader in leaders
    }
    close = difflib.get_close_matches(key, list(choices), n=1, cutoff=0.5)
    hint = f" Did you mean {choices[close[0]].name} ({choices[close[0]].id})?" if close else ""
    known = ", ".join(f"{leader.id} ({leader.name})" for leader in leaders)
    raise UserError(f'no leader "{text}".{hint} Leaders: {known}.')


def _listing(names: Iterable[str], last: str = "or") -> str:
    items = [f'"{n}"' for n in names]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"
