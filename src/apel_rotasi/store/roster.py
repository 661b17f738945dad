"""kecamatan.toml: the roster and the rotation's settings, read and validated.

Each table's keys are described once (``Key``) and walked by one loop
(``Reader.read``); what spans tables (duplicates, the one default leader) follows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from apel_rotasi import i18n
from apel_rotasi.clock import INDONESIA
from apel_rotasi.errors import UserError
from apel_rotasi.model import Ceremony, DayNote, Hours, Kecamatan, Leader, Roster, Rotation
from apel_rotasi.naming import kecamatan_forms, kecamatan_names, leader_forms, leader_names
from apel_rotasi.parse import weekday_number
from apel_rotasi.records import is_count
from apel_rotasi.store.recall import keep, recall
from apel_rotasi.store.toml import Key, Reader, is_name, is_printable, is_text, where

ROSTER_FILE = "kecamatan.toml"
TABLES = (
    "rotation",
    "closure",
    "workday",
    "ceremony",
    "hours",
    "leader",
    "notice",
    "kecamatan",
)
WEEKEND_RULES = ("monday", "friday", "none")
WHEN_KEYS = ("yearly", "monthly", "date")  # a ceremony has exactly one
PLACEHOLDERS = ("date", "time", "kecamatan", "place", "leader", "leader_title", "city")

# Where a name was first seen: its key in the file, as written, and its table's number.
Named = tuple[str, str, int]
# The key that identifies a table, and the problem when two tables share it exactly.
IDENTITY = {"leader": ("id", "duplicate_leader_id"), "kecamatan": ("code", "duplicate_code")}


def _is_time(value: str) -> bool:
    return bool(re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value))


def _is_month_day(value: str) -> bool:
    """``MM-DD`` of a day that some year has (``02-29`` too)."""
    if not re.fullmatch(r"\d\d-\d\d", value):
        return False
    try:
        dt.date(2000, int(value[:2]), int(value[3:]))  # a leap year
    except ValueError:
        return False
    return True


def _is_timezone(value: str) -> bool:
    if value in INDONESIA:
        return True
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder such as "America"
        return False
    return True


def _is_country(value: str | bool) -> bool:
    """A country code, or ``false`` for no national holidays (``true`` means nothing)."""
    return value is False or (isinstance(value, str) and bool(re.fullmatch(r"[A-Z]{2,3}", value)))


def _names(value: list[Any]) -> bool:
    return all(is_name(item) for item in value)


ROTATION_KEYS = (
    Key("city", str, "allowed_name", check=is_name),
    Key("days", list, "allowed_days", check=bool),
    Key("time", str, "allowed_time", check=_is_time),
    Key("duration_minutes", int, "allowed_minutes", check=lambda v: 0 < v <= 24 * 60),
    Key("timezone", str, "allowed_timezone", check=_is_timezone),
    Key(
        "holidays",
        (str, bool),
        "allowed_country",
        check=_is_country,
    ),
    Key("holiday_categories", list, "allowed_categories", check=_names),
    Key("on_holiday", str, "allowed_on_holiday", check=lambda v: v in ("skip", "shift")),
    Key("lang", str, "allowed_lang", check=lambda v: v in i18n.LANGUAGES),
    Key("ramadan_time", str, "allowed_time", check=_is_time),
)
DAY_NOTE_KEYS = (
    Key("date", dt.date, "allowed_date", required=True),
    Key("reason", str, "allowed_printable", check=is_printable),
)
CEREMONY_KEYS = (
    Key("name", str, "allowed_name", required=True, check=is_name),
    Key("yearly", str, "allowed_month_day", check=_is_month_day),
    Key("monthly", int, "allowed_monthly", check=lambda v: 1 <= v <= 28),
    Key("date", dt.date, "allowed_date"),
    Key("weekend", str, "allowed_weekend", check=lambda v: v in WEEKEND_RULES),
    Key("place", str, "allowed_name", check=is_name),
)
HOURS_KEYS = (
    Key("from", dt.date, "allowed_date", required=True),
    Key("to", dt.date, "allowed_date", required=True),
    Key("time", str, "allowed_time", required=True, check=_is_time),
    Key("reason", str, "allowed_printable", check=is_printable),
)
LEADER_KEYS = (
    Key("id", str, "allowed_name", required=True, check=is_name),
    Key("name", str, "allowed_name", required=True, check=is_name),
    Key("title", str, "allowed_name", check=is_name),
    Key("default", bool, "allowed_bool"),
    Key("aliases", list, "allowed_names", check=_names),
)
NOTICE_KEYS = (
    Key("template", str, "allowed_printable", check=lambda v: is_text(v) and is_printable(v)),
)
KECAMATAN_KEYS = (
    Key("code", str, "allowed_name", required=True, check=is_name),
    Key("name", str, "allowed_name", required=True, check=is_name),
    Key("short", str, "allowed_name", check=is_name),
    Key("aliases", list, "allowed_names", check=_names),
    Key("kelurahan", int, "allowed_count", check=is_count),
    Key("staff", int, "allowed_count", check=is_count),
)


def bundled_path(name: str) -> Path:
    """A file the tool carries (the repository's data/): inside the installed package, or
    in the repository itself."""
    inside = Path(__file__).resolve().parents[1] / "data" / name
    return inside if inside.is_file() else inside.parents[3] / "data" / name


def bundled_roster_path() -> Path:
    """The bundled kecamatan.toml."""
    return bundled_path(ROSTER_FILE)


def roster_path(home: Path) -> Path:
    return home / ROSTER_FILE


_READ: dict[tuple[Path, bytes], Roster] = {}  # the roster last read, by its path and bytes


def load_roster(home: Path) -> tuple[Roster, Path]:
    """The home's kecamatan.toml, or the bundled one when the home has none. A run reads it
    for its language and again for its command: the same bytes are validated once, and
    once only across runs (``store.recall``)."""
    path = roster_path(home)
    reader = Reader(path)
    if reader.content is None:
        path = bundled_roster_path()
        reader = Reader(path)
        if reader.content is None:
            raise UserError("file_missing", path=path)
    key = (path, reader.content)
    roster = _READ.get(key)
    if roster is None:
        roster = recall("roster", reader.content)
        if not isinstance(roster, Roster):
            roster = read_roster(reader, reader.parse() or {})
            reader.raise_problems()
            assert roster is not None
            keep("roster", reader.content, roster)
        _READ.clear()
        _READ[key] = roster
    return roster, path


def read_roster(r: Reader, data: dict[str, Any]) -> Roster | None:
    """The roster, or None with every problem in ``r.problems``."""
    for name in data:
        if name not in TABLES:
            r.problem("unknown_table", r.lines.key(None, 0, name), name=name, allowed=list(TABLES))
    rotation = _rotation(r, data.get("rotation", {}))
    closures = _day_notes(r, data, "closure")
    workdays = _day_notes(r, data, "workday")
    ceremonies = _ceremonies(r, data)
    hours = _hours(r, data)
    leaders = _leaders(r, data)
    notice = _notice(r, data.get("notice", {}))
    kecamatan = _kecamatan(r, data)
    if r.problems or rotation is None:
        return None
    return Roster(
        rotation,
        tuple(leaders),
        tuple(kecamatan),
        tuple(closures),
        tuple(workdays),
        notice,
        tuple(ceremonies),
        tuple(hours),
    )


def _single_table(r: Reader, table: Any, name: str) -> bool:
    if isinstance(table, dict):
        return True
    r.problem("not_single_table", r.lines.key(None, 0, name), name=name)
    return False


def _rotation(r: Reader, table: Any) -> Rotation | None:
    if not _single_table(r, table, "rotation"):
        return None
    default = Rotation()
    values = r.read(table, "rotation", 0, ROTATION_KEYS)
    days: list[int] = []
    for name in values.get("days", []):
        number = weekday_number(name) if isinstance(name, str) else None
        if number is None:
            r.problem("unknown_day", r.lines.key("rotation", 0, "days"), day=str(name))
        elif number not in days:
            days.append(number)
    country = values.get("holidays", default.holidays)
    return Rotation(
        city=values.get("city", default.city),
        days=tuple(sorted(days)) or default.days,
        time=dt.time.fromisoformat(values["time"]) if "time" in values else default.time,
        duration_minutes=values.get("duration_minutes", default.duration_minutes),
        timezone=values.get("timezone", default.timezone),
        holidays=country or None,
        holiday_categories=tuple(values.get("holiday_categories") or default.holiday_categories),
        on_holiday=values.get("on_holiday", default.on_holiday),
        lang=values.get("lang", default.lang),
        ramadan_time=(
            dt.time.fromisoformat(values["ramadan_time"]) if "ramadan_time" in values else None
        ),
    )


def _day_notes(r: Reader, data: dict[str, Any], name: str) -> list[DayNote]:
    notes = []
    for index, table in r.tables(data, name):
        values = r.read(table, name, index, DAY_NOTE_KEYS)
        if "date" in values:
            notes.append(DayNote(values["date"], values.get("reason", "")))
    return notes


def _ceremonies(r: Reader, data: dict[str, Any]) -> list[Ceremony]:
    """The ``[[ceremony]]`` tables; each names its day by exactly one of ``WHEN_KEYS``."""
    found = []
    for index, table in r.tables(data, "ceremony"):
        values = r.read(table, "ceremony", index, CEREMONY_KEYS)
        given = [key for key in WHEN_KEYS if key in table]
        if len(given) != 1:
            line = r.lines.key("ceremony", index, given[1]) if given else None
            r.problem(
                "ceremony_when",
                line or r.lines.table("ceremony", index),
                where=where("ceremony", index),
                given=len(given),
                allowed=[f'"{key}"' for key in WHEN_KEYS],
            )
            continue
        if "name" not in values or given[0] not in values:
            continue
        yearly = values.get("yearly")
        given_rest = {key: values[key] for key in ("weekend", "place") if key in values}
        found.append(
            Ceremony(
                values["name"],
                yearly=(int(yearly[:2]), int(yearly[3:])) if yearly else None,
                monthly=values.get("monthly"),
                date=values.get("date"),
                **given_rest,  # else the defaults of Ceremony
            )
        )
    return found


def _hours(r: Reader, data: dict[str, Any]) -> list[Hours]:
    """The ``[[hours]]`` stretches: each ``to`` on or after its ``from``, none overlapping."""
    found: list[tuple[Hours, int]] = []
    for index, table in r.tables(data, "hours"):
        values = r.read(table, "hours", index, HOURS_KEYS)
        if not all(key in values for key in ("from", "to", "time")):
            continue
        if values["to"] < values["from"]:
            r.problem(
                "hours_backwards",
                r.lines.key("hours", index, "to"),
                where=where("hours", index),
                start=values["from"],
                end=values["to"],
            )
            continue
        stretch = Hours(
            values["from"],
            values["to"],
            dt.time.fromisoformat(values["time"]),
            values.get("reason", ""),
        )
        for other, other_index in found:
            if stretch.start <= other.end and other.start <= stretch.end:
                r.problem(
                    "hours_overlap",
                    r.lines.key("hours", index, "from"),
                    where=where("hours", index),
                    other=where("hours", other_index),
                )
                break
        else:
            found.append((stretch, index))
    return [stretch for stretch, _ in found]


def _leaders(r: Reader, data: dict[str, Any]) -> list[Leader]:
    leaders = []
    seen: dict[str, Named] = {}
    tables = r.tables(data, "leader")
    for index, table in tables:
        values = r.read(table, "leader", index, LEADER_KEYS)
        if "id" not in values or "name" not in values:
            continue
        leader = Leader(
            values["id"],
            values["name"],
            values.get("title"),
            values.get("default", False),
            tuple(values.get("aliases", ())),
        )
        _names_alike(r, "leader", index, leader_names(leader), leader_forms, seen)
        leaders.append(leader)
    if not tables:
        r.problem("no_leader")
    elif len(leaders) == len(tables) and sum(ldr.default for ldr in leaders) != 1:
        count = sum(ldr.default for ldr in leaders)
        r.problem("default_leader_count", r.lines.table("leader", 0), count=count)
    return leaders


def _names_alike(
    r: Reader,
    table: str,
    index: int,
    names: list[tuple[str, str]],
    forms: Callable[[str], set[str]],
    seen: dict[str, Named],
) -> None:
    """Refuses a name that names nothing, or that reads by the look-up's own rule as a name
    of an earlier table: ``Wa-Ko`` and ``wako`` are one name to ``--led-by``."""
    identity, same_identity = IDENTITY[table]
    mine: dict[str, Named] = {}
    for key_name, value in names:
        keys = forms(value)
        if not keys:
            r.problem(
                "name_no_letters", r.lines.key(table, index, key_name), key=key_name, value=value
            )
            continue
        clashes = keys & seen.keys()
        clash = seen[min(clashes)] if clashes else None
        if clash is None:
            for key in keys:
                mine.setdefault(key, (key_name, value, index + 1))
        elif key_name == clash[0] == identity and value == clash[1]:
            line = r.lines.key(table, index, key_name)
            r.problem(same_identity, line, **{identity: value}, other=clash[2])
        else:
            other_key, other_value, other = clash
            r.problem(
                "duplicate_name",
                r.lines.key(table, index, key_name),
                key=key_name,
                value=value,
                table=table,
                other=other,
                other_key=other_key,
                other_value=other_value,
            )
    for key, named in mine.items():
        seen.setdefault(key, named)


def _notice(r: Reader, table: Any) -> str | None:
    if not _single_table(r, table, "notice"):
        return None
    template: str | None = r.read(table, "notice", 0, NOTICE_KEYS).get("template")
    if template is None:
        return None
    from string import Formatter  # only a roster with a template needs it

    try:
        fields = [name for _, name, _, _ in Formatter().parse(template) if name is not None]
    except ValueError:
        r.problem("notice_broken", r.lines.key("notice", 0, "template"))
        return None
    for name in fields:
        if name not in PLACEHOLDERS:
            r.problem(
                "notice_placeholder",
                r.lines.key("notice", 0, "template"),
                name=f"{{{name}}}",
                allowed=[f"{{{p}}}" for p in PLACEHOLDERS],
            )
    return template


def _kecamatan(r: Reader, data: dict[str, Any]) -> list[Kecamatan]:
    result = []
    seen: dict[str, Named] = {}
    tables = r.tables(data, "kecamatan")
    for index, table in tables:
        values = r.read(table, "kecamatan", index, KECAMATAN_KEYS)
        if "code" not in values or "name" not in values:
            continue
        kec = Kecamatan(
            values["code"],
            values["name"],
            values.get("short"),
            tuple(values.get("aliases", ())),
            values.get("kelurahan"),
            values.get("staff"),
        )
        _names_alike(r, "kecamatan", index, kecamatan_names(kec), kecamatan_forms, seen)
        result.append(kec)
    if not tables:
        r.problem("no_kecamatan")
    return result
