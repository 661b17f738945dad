"""kecamatan.toml: the roster and the rotation's settings, read and validated.

Each table's keys are described once (``Key``) and walked by one loop
(``Reader.read``); what spans tables (duplicates, the one default leader) follows.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from apel_rotasi.clock import INDONESIA
from apel_rotasi.errors import UserError
from apel_rotasi.i18n import LANGUAGES
from apel_rotasi.model import DayNote, Kecamatan, Leader, Roster, Rotation
from apel_rotasi.parse import normalize, weekday_number
from apel_rotasi.store.toml import Key, Reader, is_text

ROSTER_FILE = "kecamatan.toml"
TABLES = ("rotation", "closure", "workday", "leader", "notice", "kecamatan")
PLACEHOLDERS = ("date", "time", "kecamatan", "place", "leader", "leader_title", "city")


def _is_time(value: str) -> bool:
    return bool(re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value))


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
    return all(is_text(item) for item in value)


ROTATION_KEYS = (
    Key("city", str, "allowed_text", check=is_text),
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
    Key("lang", str, "allowed_lang", check=lambda v: v in LANGUAGES),
)
DAY_NOTE_KEYS = (
    Key("date", dt.date, "allowed_date", required=True),
    Key("reason", str, "allowed_text"),
)
LEADER_KEYS = (
    Key("id", str, "allowed_text", required=True, check=is_text),
    Key("name", str, "allowed_text", required=True, check=is_text),
    Key("title", str, "allowed_text"),
    Key("default", bool, "allowed_bool"),
    Key("aliases", list, "allowed_names", check=_names),
)
NOTICE_KEYS = (Key("template", str, "allowed_text", check=is_text),)
KECAMATAN_KEYS = (
    Key("code", str, "allowed_text", required=True, check=is_text),
    Key("name", str, "allowed_text", required=True, check=is_text),
    Key("short", str, "allowed_text", check=is_text),
    Key("aliases", list, "allowed_names", check=_names),
    Key("kelurahan", int, "allowed_count", check=lambda v: v >= 0),
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


def load_roster(home: Path) -> tuple[Roster, Path]:
    """The home's kecamatan.toml, or the bundled one when the home has none."""
    path = roster_path(home)
    reader = Reader(path)
    data = reader.parse()
    if data is None:
        path = bundled_roster_path()
        reader = Reader(path)
        data = reader.parse()
        if data is None:
            raise UserError("file_missing", path=path)
    roster = read_roster(reader, data)
    reader.raise_problems()
    assert roster is not None
    return roster, path


def read_roster(r: Reader, data: dict[str, Any]) -> Roster | None:
    """The roster, or None with every problem in ``r.problems``."""
    for name in data:
        if name not in TABLES:
            r.problem("unknown_table", r.lines.key(None, 0, name), name=name, allowed=list(TABLES))
    rotation = _rotation(r, data.get("rotation", {}))
    closures = _day_notes(r, data, "closure")
    workdays = _day_notes(r, data, "workday")
    leaders = _leaders(r, data)
    notice = _notice(r, data.get("notice", {}))
    kecamatan = _kecamatan(r, data)
    if r.problems or rotation is None:
        return None
    return Roster(
        rotation, tuple(leaders), tuple(kecamatan), tuple(closures), tuple(workdays), notice
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
    )


def _day_notes(r: Reader, data: dict[str, Any], name: str) -> list[DayNote]:
    notes = []
    for index, table in r.tables(data, name):
        values = r.read(table, name, index, DAY_NOTE_KEYS)
        if "date" in values:
            notes.append(DayNote(values["date"], values.get("reason", "")))
    return notes


def _leaders(r: Reader, data: dict[str, Any]) -> list[Leader]:
    leaders = []
    ids: dict[str, int] = {}
    names: dict[str, int] = {}  # id, name and aliases, compared ignoring case
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
        if leader.id.lower() in ids:
            r.problem(
                "duplicate_leader_id",
                r.lines.key("leader", index, "id"),
                id=leader.id,
                other=ids[leader.id.lower()],
            )
        ids[leader.id.lower()] = index + 1
        for alias in leader.aliases:
            key = " ".join(alias.lower().split())
            if (key in names and names[key] != index + 1) or (key in ids and ids[key] != index + 1):
                r.problem(
                    "duplicate_leader_alias",
                    r.lines.key("leader", index, "aliases"),
                    alias=alias,
                    other=names.get(key, ids.get(key)),
                )
        for key in (leader.name, *leader.aliases):
            names.setdefault(" ".join(key.lower().split()), index + 1)
        leaders.append(leader)
    if not tables:
        r.problem("no_leader")
    elif len(leaders) == len(tables) and sum(ldr.default for ldr in leaders) != 1:
        count = sum(ldr.default for ldr in leaders)
        r.problem("default_leader_count", r.lines.table("leader", 0), count=count)
    return leaders


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
    seen: dict[str, tuple[str, int]] = {}  # normalized name -> (which key, kecamatan number)
    codes: dict[str, int] = {}
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
        )
        if kec.code in codes:
            line = r.lines.key("kecamatan", index, "code")
            r.problem("duplicate_code", line, code=kec.code, other=codes[kec.code])
        codes[kec.code] = index + 1
        mine: set[str] = set()
        named = [("name", kec.name), ("short", kec.short), *(("aliases", a) for a in kec.aliases)]
        for key_name, value in named:
            key = normalize(value) if value else ""
            if not key or key in mine:
                continue
            mine.add(key)
            if key in seen:
                other_key, other = seen[key]
                r.problem(
                    "duplicate_name",
                    r.lines.key("kecamatan", index, key_name),
                    key=key_name,
                    value=value,
                    other=other,
                    other_key=other_key,
                )
            else:
                seen[key] = (key_name, index + 1)
        result.append(kec)
    if not tables:
        r.problem("no_kecamatan")
    return result
