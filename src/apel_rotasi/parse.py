"""What users type: dates, months, kecamatan names, leaders and free text.

Every mistake is a ``UserError`` whose kind the catalogues put into words; the text the
user typed is quoted back with its control characters escaped, and no library's own
message ever reaches them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NoReturn

from apel_rotasi import bounds
from apel_rotasi.errors import UserError
from apel_rotasi.model import WEEKDAYS_EN, WEEKDAYS_ID, Kecamatan, Leader, Roster, Rotation
from apel_rotasi.naming import (
    HONORIFICS,
    leader_keys,
    leader_names,
    name_words,
    normalize,
    unhonoured,
)

# Month words, January first: English and Indonesian names and the abbreviations in use
# (Agu, Agt, Ags, Agst for Agustus; Nop and Pebruari from the older spelling).
MONTHS = (
    ("jan", "january", "januari"),
    ("feb", "february", "februari", "peb", "pebruari"),
    ("mar", "march", "maret"),
    ("apr", "april"),
    ("may", "mei"),
    ("jun", "june", "juni"),
    ("jul", "july", "juli"),
    ("aug", "august", "agu", "agt", "ags", "agst", "agustus"),
    ("sep", "sept", "september"),
    ("oct", "october", "okt", "oktober"),
    ("nov", "november", "nop", "nopember"),
    ("dec", "december", "des", "desember"),
)
MONTH_NUMBERS = {word: number for number, words in enumerate(MONTHS, 1) for word in words}
WEEKDAY_WORDS = {
    word: index
    for index, words in enumerate(zip(WEEKDAYS_EN, WEEKDAYS_ID, strict=True))
    for word in (*words, words[0][:3], words[1][:3])
} | {"jum'at": 4, "ahad": 6}
RELATIVE_DAYS = {
    "hari ini": 0,
    "today": 0,
    "kemarin": -1,
    "yesterday": -1,
    "besok": 1,
    "tomorrow": 1,
    "lusa": 2,
}
# A day name and which way from today: +1 the first such day after it, -1 the last before.
WEEKDAY_AFTER = {"depan": 1, "lalu": -1}
WEEKDAY_BEFORE = {"next": 1, "last": -1}

WEEKDAY_LEAD = re.compile(r"([a-z']+)\.?(?:\s*,\s*|\s+)(.+)", re.IGNORECASE)
DATE_WORD = re.compile(r"(?:tgl|tanggal)(?:\s*\.\s*|\s+)(?=\S)", re.IGNORECASE)
NUMERIC = re.compile(r"([0-9]{1,4})[/.-]([0-9]{1,2})[/.-]([0-9]{1,4})")
NO_YEAR = re.compile(r"[0-9]{1,2}([/.-])[0-9]{1,2}")
WORD_SEPARATORS = re.compile(r"[\s,./-]+")
KECAMATAN_WORD = re.compile(r"\s*kec(?:amatan)?(?:\s*\.\s*|\s+)(?=\S)", re.IGNORECASE)
# C0 controls except tab and line feed, DEL, and C1 controls.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
UNSHOWABLE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
EXAMPLE = '"14 April 2025" "Ilir Timur II"'
NOWHERE = Roster(Rotation(), (), ())  # no kecamatan: what a date typed alone is read with
# The values of options given, by option (``{"--note": "Hujan"}``): words left over after
# a date and kecamatan may be the rest of one of them, typed without quotes.
Typed = Mapping[str, str | None]
Reading = tuple[dt.date, Kecamatan | None]
# The most words a date has ("Senin, tgl 28 April 2025", its comma apart): splitting words
# typed without quotes tries no longer date, so the work grows with the words, not squared.
DATE_WORDS = 8
SHOWN_CHARACTERS = 80  # what is typed is quoted back at most this long


def weekday_number(name: str) -> int | None:
    """0 for Monday, from an English or Indonesian day name; None if unknown."""
    return WEEKDAY_WORDS.get(name.strip().lower())


# --- dates ---------------------------------------------------------------------------------


def parse_date(text: str, today: dt.date) -> dt.date:
    """A date as people write it; ``today`` is the city's date, for ``hari ini`` and the like.

    The year is required and a weekday, when given, must match: a guess would put an apel
    on the wrong Monday. A date outside the span the tool accepts is an error that says so.
    """
    day = _date(text, today)
    if not bounds.in_bounds(day):
        raise UserError("date_out_of_range", text=shown(text), **bounds.span())
    return day


def _date(text: str, today: dt.date) -> dt.date:
    raw = " ".join(text.split())
    if raw.lower() in RELATIVE_DAYS:
        return today + dt.timedelta(days=RELATIVE_DAYS[raw.lower()])
    near = _near_weekday(raw.lower(), today)
    if near is not None:
        return near
    weekday = None
    lead = WEEKDAY_LEAD.fullmatch(raw)
    if lead and lead[1].lower() in WEEKDAY_WORDS:
        weekday, raw = WEEKDAY_WORDS[lead[1].lower()], lead[2]
    word = DATE_WORD.match(raw)  # "tgl 5 Mei 2025", "Senin, tanggal 5 Mei 2025"
    day = _calendar_date(raw[word.end() :] if word else raw, text, today)
    if weekday is not None and day.weekday() != weekday:
        raise UserError("date_wrong_weekday", text=shown(text), date=day)
    return day


def _near_weekday(raw: str, today: dt.date) -> dt.date | None:
    """``senin depan``/``next monday``: the first such day after today; ``senin lalu``/
    ``last monday`` the last before it; None for any other text."""
    words = raw.split()
    if len(words) != 2:
        return None
    if words[1] in WEEKDAY_AFTER:
        name, step = words[0], WEEKDAY_AFTER[words[1]]
    elif words[0] in WEEKDAY_BEFORE:
        name, step = words[1], WEEKDAY_BEFORE[words[0]]
    else:
        return None
    weekday = WEEKDAY_WORDS.get(name)
    if weekday is None:
        return None
    days = (weekday - today.weekday()) * step % 7 or 7
    return today + dt.timedelta(days=days * step)


def join_date(words: Sequence[str], today: dt.date, typed: Typed | None = None) -> dt.date:
    """A date typed without quotes, spread over several arguments (``delete 14 April 2025``);
    words after it are the rest of an option's value when ``typed`` has one."""
    try:
        return parse_date(" ".join(words), today)
    except UserError:
        _left_over(words, typed or {}, NOWHERE, today, needed=False)  # a date alone
        raise


def _calendar_date(raw: str, text: str, today: dt.date) -> dt.date:
    """ISO, day-first or year-first numbers, or a month name; ``raw`` has no weekday."""
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        pass
    numeric = NUMERIC.fullmatch(raw)
    if numeric:
        first, month, last = numeric.groups()
        if len(first) == 4:
            return _checked(text, int(first), int(month), int(last))
        if len(last) in (2, 4):
            return _checked(text, _year(last, today), int(month), int(first))
        raise UserError("date_year_in_full", text=shown(text), example="14/4/2025")
    short = NO_YEAR.fullmatch(raw)
    if short:
        raise UserError("date_no_year", text=shown(text), example=f"{raw}{short[1]}{today.year}")
    return _named_date(raw, text, today)


def _named_date(raw: str, text: str, today: dt.date) -> dt.date:
    """``14 April 2025``, ``14 Agt. 2025``, ``April 14, 2025`` or ``2025 April 14``."""
    tokens = [token.lower() for token in WORD_SEPARATORS.split(raw) if token]
    months = [i for i, token in enumerate(tokens) if token in MONTH_NUMBERS]
    numbers = [token for token in tokens if token.isascii() and token.isdigit()]
    if len(months) != 1 or len(numbers) != len(tokens) - 1 or len(numbers) not in (1, 2):
        raise _unreadable(text)
    month = MONTH_NUMBERS[tokens[months[0]]]
    if len(numbers) == 1:
        if len(numbers[0]) > 2:
            raise _unreadable(text)
        raise UserError("date_no_year", text=shown(text), example=f"{raw} {today.year}")
    first, last = numbers
    if months[0] == 1 and len(first) == 4 and len(last) <= 2:
        return _checked(text, int(first), month, int(last))
    if months[0] == 2 or len(first) > 2:
        raise _unreadable(text)
    if len(last) not in (2, 4):
        raise UserError("date_year_in_full", text=shown(text), example="14 April 2025")
    return _checked(text, _year(last, today), month, int(first))


def _year(digits: str, today: dt.date) -> int:
    """The year written with four digits, or with two in today's century (``25``: 2025)."""
    year = int(digits)
    return year if len(digits) == 4 else today.year // 100 * 100 + year


def _checked(text: str, year: int, month: int, day: int) -> dt.date:
    """The date, or why it is not one: a day past a short month's end names its last day."""
    if not (1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= 31):
        raise _unreadable(text)
    try:
        return dt.date(year, month, day)
    except ValueError:
        last = dt.date(year, month + 1, 1) - dt.timedelta(days=1)  # December has 31 days
        raise UserError("date_no_such_day", text=shown(text), last=last) from None


def _unreadable(text: str) -> UserError:
    return UserError("date_unreadable", text=shown(text))


def parse_month(text: str, today: dt.date) -> tuple[int, int]:
    """``2025-04``, ``4/2025``, ``April 2025``, ``Mei 2025`` or ``Agt 2025`` as (year, month);
    a month name alone (``desember``) is that month of today's year."""
    raw = text.strip().lower()
    found = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})", raw) or re.fullmatch(
        r"([0-9]{1,2})[/-]([0-9]{4})", raw
    )
    tokens = [token for token in WORD_SEPARATORS.split(raw) if token]
    if found:
        first, second = found.groups()
        year, month = (int(first), int(second)) if len(first) == 4 else (int(second), int(first))
    elif len(tokens) == 2 and tokens[0] in MONTH_NUMBERS and re.fullmatch("[0-9]{4}", tokens[1]):
        year, month = int(tokens[1]), MONTH_NUMBERS[tokens[0]]
    elif len(tokens) == 1 and tokens[0] in MONTH_NUMBERS:
        year, month = today.year, MONTH_NUMBERS[tokens[0]]
    else:
        raise UserError("month_unreadable", text=shown(text))
    if not 1 <= month <= 12:
        raise UserError("month_unreadable", text=shown(text))
    if not bounds.FIRST_DATE.year <= year <= bounds.LAST_DATE.year:
        raise UserError("date_out_of_range", text=shown(text), **bounds.span())
    return year, month


# --- kecamatan -----------------------------------------------------------------------------


def find_kecamatan(text: str, roster: Roster) -> Kecamatan:
    """The one kecamatan a name, short name, code or alias means, with or without ``Kec.``:
    the one whose name it is, else the one whose name it begins."""
    names = roster.names
    key = normalize(text)
    word = KECAMATAN_WORD.match(text)
    if word and key not in names:  # a name may begin "Kec"
        key = normalize(text[word.end() :])
    if not key:
        raise UserError("kecamatan_empty", text=shown(text))
    exact = names.get(key)
    places = [exact] if exact is not None else [p for k, p in names.items() if k.startswith(key)]
    found = [roster.kecamatan[place] for place in dict.fromkeys(places)]
    if len(found) == 1:
        return found[0]
    if found:
        candidates = sorted((kec.name for kec in found), key=normalize)
        raise UserError("kecamatan_ambiguous", text=shown(text), candidates=candidates)
    close = [roster.kecamatan[names[k]].name for k in _close(key, names, 6, 0.6)]
    suggestions = list(dict.fromkeys(close))[:3]
    if suggestions:
        raise UserError("kecamatan_unknown_suggest", text=shown(text), suggestions=suggestions)
    raise UserError("kecamatan_unknown", text=shown(text))


# --- leaders -------------------------------------------------------------------------------


def _leader_words(leader: Leader) -> set[str]:
    """The single words of a leader's names, honorifics aside: ``Dewa`` for Ratu Dewa."""
    return {
        word
        for _, name in leader_names(leader)
        for word in name_words(name)
        if word not in HONORIFICS
    }


def find_leader(text: str, leaders: Sequence[Leader]) -> Leader:
    """The leader an id, name or alias means, ignoring case, marks and a leading honorific,
    or a word of a name that belongs to one leader alone (``Dewa``).

    An exact alias wins over a near spelling: ``wako`` is the Wali Kota, not ``wawako``.
    Anything else is an error, so that a misspelt leader never becomes a new person.
    """
    words = name_words(text)
    whole, bare = "".join(words), "".join(unhonoured(words))
    tries = ((whole, leader_keys), (bare, leader_keys), (bare, _leader_words))
    for key, names in tries:
        found = [leader for leader in leaders if key and key in names(leader)]
        if len(found) == 1:
            return found[0]
        if found:
            raise UserError("leader_ambiguous", text=shown(text), candidates=_leader_list(found))
    known = _leader_list(leaders)
    choices = {k: leader for leader in leaders for k in leader_keys(leader)}
    close = _close(bare, choices, 1, 0.5)
    if close:
        suggestion = _leader_list([choices[close[0]]])[0]
        raise UserError(
            "leader_unknown_suggest", text=shown(text), suggestion=suggestion, leaders=known
        )
    raise UserError("leader_unknown", text=shown(text), leaders=known)


def _leader_list(leaders: Sequence[Leader]) -> list[str]:
    """``walikota (Ratu Dewa, Wali Kota)``: what to type, and who that is."""
    return [f"{ldr.id} ({', '.join(filter(None, (ldr.name, ldr.title)))})" for ldr in leaders]


def _close(key: str, choices: Iterable[str], n: int, cutoff: float) -> list[str]:
    """The nearest spellings; difflib is loaded only when a name is not found."""
    if not key:
        return []
    from difflib import get_close_matches

    return get_close_matches(key, list(choices), n=n, cutoff=cutoff)


# --- arguments typed without quotes --------------------------------------------------------


def split_date_and_kecamatan(
    words: Sequence[str],
    roster: Roster,
    today: dt.date,
    command: str,
    typed: Typed | None = None,
) -> tuple[dt.date, Kecamatan]:
    """``record 14 April 2025 Ilir Timur II``: the one split of the words into a date and a
    kecamatan. ``command`` names the subcommand in the error that suggests quotes."""
    day, kec = _split(words, roster, today, command, typed or {}, needed=True)
    if kec is None:
        raise UserError("kecamatan_missing", command=command, example=EXAMPLE)
    return day, kec


def split_date_and_optional_kecamatan(
    words: Sequence[str],
    roster: Roster,
    today: dt.date,
    command: str,
    typed: Typed | None = None,
    leaders: Sequence[Leader] = (),
) -> tuple[dt.date, Kecamatan | None]:
    """``pin 5 Januari 2026 IB 2`` or ``pin 5 Januari 2026 --led-by wako``: a date, and a
    kecamatan when the words hold one; ``leaders`` tell ``--led-by Pak Wako`` typed without
    quotes from a kecamatan misspelt after the date."""
    return _split(words, roster, today, command, typed or {}, needed=False, leaders=leaders)


def _split(
    words: Sequence[str],
    roster: Roster,
    today: dt.date,
    command: str,
    typed: Typed,
    needed: bool,
    leaders: Sequence[Leader] = (),
) -> Reading:
    """Tries every split point whose date has at most ``DATE_WORDS`` words, the whole as
    a date alone included.

    One or two words are most likely typed as meant (quoted, or needing no quotes), so
    they keep the plain error of their date or kecamatan rather than a hint about quotes.
    """
    readings, misses, no_year = _readings(words, roster, today)
    if len(readings) == 1:
        return next(iter(readings))
    _left_over(words, typed, roster, today, needed, leaders)
    if not readings and len(misses) == 1:
        split, miss = misses[0]
        if len(words) == 2:
            raise miss
        raise UserError(
            "words_kecamatan",
            reason=miss.message,
            command=command,
            date_text=shown(" ".join(words[:split])),
            kecamatan_text=shown(" ".join(words[split:])),
        )
    if not readings and not misses and len(no_year) == 1:
        raise no_year[0]  # "14 April Kemuning": the year is what is missing
    if not readings and not misses and 0 < len(words) <= 2:
        parse_date(words[0], today)  # fails, with the date's own error
    raise UserError("words_unclear", text=shown(" ".join(words)), command=command, example=EXAMPLE)


def _readings(
    words: Sequence[str], roster: Roster, today: dt.date
) -> tuple[dict[Reading, None], list[tuple[int, UserError]], list[UserError]]:
    """Each way the words read as a date and perhaps a kecamatan; the splits whose date
    reads but whose kecamatan does not; the dates without their year before a kecamatan."""
    readings: dict[Reading, None] = {}
    misses: list[tuple[int, UserError]] = []
    no_year: list[UserError] = []
    date_words = 0
    for split in range(1, len(words) + 1):
        date_words += len(words[split - 1].split())
        if date_words > DATE_WORDS:
            break
        try:
            day = parse_date(" ".join(words[:split]), today)
        except UserError as error:
            if error.message.kind == "date_no_year" and _names_kecamatan(words[split:], roster):
                no_year.append(error)
            continue
        rest = " ".join(words[split:])
        try:
            readings[day, find_kecamatan(rest, roster) if rest else None] = None
        except UserError as error:
            misses.append((split, error))
    return readings, misses, no_year


def _left_over(
    words: Sequence[str],
    typed: Typed,
    roster: Roster,
    today: dt.date,
    needed: bool,
    leaders: Sequence[Leader] = (),
) -> None:
    """Refuses, saying to quote the value, words that follow a date (and the kecamatan
    ``needed``) when an option was given: ``--cancel Hujan lebat`` leaves ``lebat``.

    Words after a date alone that come near a kecamatan's name are left to its error,
    unless they end the name of a leader (``--led-by Pak Wako`` leaves ``Wako``).
    """
    given = [option for option, value in typed.items() if value is not None]
    for end in range(len(words) - 1, 0, -1) if given else ():
        readings, _, _ = _readings(words[:end], roster, today)
        alone = [kec is None for _, kec in readings]
        if alone != [False] and (needed or alone != [True]):
            continue  # not one reading, or one without the kecamatan needed
        rest = words[end:]
        misspelt = alone[0] and not _far_from_kecamatan(rest, roster)  # "Kemunig"
        if misspelt and not _ends_leader(rest, typed, leaders):
            return
        _quote_value(rest, given, typed)


def _far_from_kecamatan(words: Sequence[str], roster: Roster) -> bool:
    try:
        find_kecamatan(" ".join(words), roster)
    except UserError as error:
        return error.message.kind == "kecamatan_unknown"
    return False


def _ends_leader(rest: Sequence[str], typed: Typed, leaders: Sequence[Leader]) -> bool:
    value = typed.get("--led-by")
    if value is None:
        return False
    try:
        find_leader(" ".join([value, *rest]), leaders)
    except UserError:
        return False
    return True


def _quote_value(rest: Sequence[str], given: Sequence[str], typed: Typed) -> NoReturn:
    """Refuses words left over after the options ``given``, saying to quote the value."""
    words = shown(" ".join(rest))
    if len(given) > 1:
        raise UserError("words_quote_values", words=words, options=list(given))
    value = shown(f"{typed[given[0]]} {' '.join(rest)}")
    raise UserError("words_quote_value", words=words, option=given[0], value=value)


def _names_kecamatan(words: Sequence[str], roster: Roster) -> bool:
    try:
        find_kecamatan(" ".join(words), roster)
    except UserError:
        return False
    return bool(words)


# --- free text -----------------------------------------------------------------------------


def check_printable(text: str, what: str) -> str:
    """``text`` itself, or an error naming ``what`` (``--note``) if it holds a control character.

    Line breaks and tabs are text; an escape or a bell typed into a note would later reach
    every terminal that shows it.
    """
    found = CONTROL.search(text)
    if found:
        raise UserError(
            "control_character", what=what, char=shown(found[0]), position=found.start() + 1
        )
    return text


def shown(text: str) -> str:
    """``text`` safe to quote back to a terminal: control characters as ``\\x1b``, and
    cut short when it is long (3,000 words typed are quoted by their start)."""
    if len(text) > SHOWN_CHARACTERS:
        text = text[: SHOWN_CHARACTERS - 3] + "..."
    return UNSHOWABLE.sub(lambda found: f"\\x{ord(found[0]):02x}", text)
