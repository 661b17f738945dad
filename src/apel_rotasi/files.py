"""Loading and validating kecamatan.toml, history.toml and pins.toml; writing history and pins.

Loaders collect every problem they find (as ``UserError`` with file and line) instead
of stopping at the first one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from contextlib import suppress
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar
from zlib import crc32

from apel_rotasi import __version__, cache, safewrite
from apel_rotasi.errors import Problems, UserError
from apel_rotasi.model import COUNTS, Apel, DayNote, Kecamatan, Leader, Pin, Roster, Rotation
from apel_rotasi.parse import normalize, weekday_number

T = TypeVar("T")
ROSTER_FILE, HISTORY_FILE, PINS_FILE = "kecamatan.toml", "history.toml", "pins.toml"
ROTATION_KEYS = set(Rotation._fields)
APEL_KEYS = {"date", "kecamatan", "leader", "note", *COUNTS}
PIN_KEYS = {"date", "kecamatan", "leader", "cancel", "note"}


def bundled_roster_path() -> Path:
    """The bundled kecamatan.toml: inside the installed package, or the repository's data/."""
    inside = Path(__file__).resolve().parent / "data" / ROSTER_FILE
    return inside if inside.is_file() else inside.parents[3] / "data" / ROSTER_FILE


class Lines:
    """Where tables and keys stand in a TOML text, to name lines in messages."""

    def __init__(self, text: str):
        self.lines = text.splitlines()
        self.headers: dict[str, list[int]] = {}
        for number, line in enumerate(self.lines, 1):
            found = re.match(r"^\s*\[\[?\s*([A-Za-z0-9_.-]+)\s*\]\]?", line)
            if found:
                self.headers.setdefault(found.group(1), []).append(number)

    def table(self, name: str, index: int = 0) -> int | None:
        numbers = self.headers.get(name, [])
        return numbers[index] if index < len(numbers) else None

    def key(self, table: str | None, index: int, key: str) -> int | None:
        """The line of ``key =`` in the index-th ``[table]``; at the top, also ``[key]``."""
        if table is None and key in self.headers:
            return self.headers[key][0]
        start = self.table(table, index) if table else 0
        if start is None:
            return None
        for number in range(start + 1, len(self.lines) + 1):
            line = self.lines[number - 1]
            if number > start and re.match(r"^\s*\[", line) and table:
                break
            if re.match(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=", line):
                return number
        return start or None


class Reader:
    """Reads one TOML file and collects what is wrong with it."""

    def __init__(self, path: Path, cached: bool = True) -> None:
        self.path = path
        self.problems: list[UserError] = []
        self.cached = cached  # False under a writer's lock: read the file itself

    def parse(self) -> dict[str, Any] | None:
        """The file's TOML, from the cache when the file is unchanged since it was parsed."""
        try:
            stat = self.path.stat()
            identity = (
                str(self.path.resolve()),
                stat.st_mtime_ns,
                stat.st_ctime_ns,
                stat.st_size,
                stat.st_ino,
            )
        except FileNotFoundError:
            return None
        except OSError as error:
            raise UserError(f"cannot read: {error.strerror or error}", self.path) from None
        key = f"toml-{__version__}-{crc32(identity[0].encode()):08x}"
        cached = cache.load(key) if self.cached else None
        if isinstance(cached, tuple) and len(cached) == 2 and cached[0] == identity:
            return _thawed(cached[1])  # type: ignore[no-any-return]
        data = self._parse_text()
        with suppress(RecursionError):  # nested too deeply to cache: parse it each time
            cache.store(key, (identity, _frozen(data)))
        return data

    @cached_property
    def text(self) -> str:
        try:
            return self.path.read_bytes().decode("utf-8")
        except FileNotFoundError:
            return ""
        except OSError as error:
            raise UserError(f"cannot read: {error.strerror or error}", self.path) from None
        except UnicodeDecodeError:
            raise UserError("not UTF-8 text", self.path) from None

    def _parse_text(self) -> dict[str, Any]:
        import tomllib

        try:
            data = tomllib.loads(self.text)
        except RecursionError:
            raise UserError("not valid TOML: nested too deeply", self.path) from None
        except tomllib.TOMLDecodeError as error:
            message = str(error)
            at = re.search(r"\(at line (\d+), column \d+\)", message)
            if at:
                line: int | None = int(at.group(1))
            else:  # "(at end of document)"
                line = len(self.text.splitlines()) or None
            reason = re.sub(r"\s*\(at .*?\)", "", message) or "invalid TOML"
            raise UserError(f"not valid TOML: {reason}", self.path, line) from None
        return data

    @cached_property
    def lines(self) -> Lines:
        """Where things stand in the text; worked out only when a problem needs a line."""
        return Lines(self.text)

    def problem(self, message: str, line: int | None = None) -> None:
        self.problems.append(UserError(message, self.path, line))

    def tables(self, data: dict[str, Any], name: str) -> list[tuple[int, dict[str, Any]]]:
        value = data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(t, dict) for t in value):
            self.problem(
                f'"{name}" must be a list of [[{name}]] tables', self.lines.key(None, 0, name)
            )
            return []
        return list(enumerate(value))

    def unknown_keys(self, table: dict[str, Any], allowed: set[str], name: str, index: int) -> None:
        for key in table:
            if key not in allowed:
                self.problem(
                    f'unknown key "{key}" in {_where(name, index)} '
                    f"(allowed: {', '.join(sorted(allowed))})",
                    self.lines.key(name, index, key),
                )

    def field(
        self,
        table: dict[str, Any],
        name: str,
        index: int,
        key: str,
        kind: type | tuple[type, ...],
        what: str,
        required: bool = False,
        check: Callable[[Any], bool] = lambda v: True,
    ) -> Any:
        """``table[key]`` if it is of ``kind`` and passes ``check``; else a problem and None."""
        if key not in table:
            if required:
                self.problem(f'{_where(name, index)} has no "{key}"', self.lines.table(name, index))
            return None
        value = table[key]
        if isinstance(value, bool) and kind is not bool and bool not in _kinds(kind):
            ok = False
        else:
            ok = isinstance(value, kind) and not isinstance(value, dt.datetime) and check(value)
        if not ok:
            self.problem(
                f'"{key}" in {_where(name, index)} must be {what}', self.lines.key(name, index, key)
            )
            return None
        return value

    def raise_problems(self) -> None:
        if self.problems:
            raise Problems(self.problems)


_TAGS = {dt.datetime: "\0datetime", dt.date: "\0date", dt.time: "\0time"}
_FROM_TAG: dict[str, Callable[[str], Any]] = {
    "\0datetime": dt.datetime.fromisoformat,
    "\0date": dt.date.fromisoformat,
    "\0time": dt.time.fromisoformat,
}


def _frozen(value: Any) -> Any:
    """TOML data with dates and times as tagged ISO text, for marshal."""
    if isinstance(value, dict):
        return {k: _frozen(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_frozen(v) for v in value]
    tag = _TAGS.get(type(value))
    return (tag, value.isoformat()) if tag else value


def _thawed(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _thawed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_thawed(v) for v in value]
    if isinstance(value, tuple):
        return _FROM_TAG[value[0]](value[1])
    return value


def _where(name: str, index: int) -> str:
    return f"[[{name}]] #{index + 1}" if name != "rotation" else "[rotation]"


def _kinds(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _text(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


# --- kecamatan.toml ---------------------------------------------------------------------


def roster_path(home: Path) -> Path:
    return home / ROSTER_FILE


def load_roster(home: Path) -> tuple[Roster, Path]:
    """The home's kecamatan.toml, or the bundled one when the home has none."""
    path = roster_path(home)
    if not path.is_file():
        path = bundled_roster_path()
    reader = Reader(path)
    data = reader.parse()
    if data is None:
        raise UserError("no such file", path)
    roster = _roster(reader, data)
    reader.raise_problems()
    assert roster is not None
    return roster, path


def _roster(r: Reader, data: dict[str, Any]) -> Roster | None:
    for key in data:
        if key not in {"rotation", "closure", "workday", "leader", "kecamatan"}:
            r.problem(f'unknown table "{key}"', r.lines.key(None, 0, key))
    rotation = _rotation(r, data.get("rotation", {}))
    closures = _day_notes(r, data, "closure")
    workdays = _day_notes(r, data, "workday")
    leaders = _leaders(r, data)
    kecamatan = _kecamatan(r, data)
    if r.problems or rotation is None:
        return None
    return Roster(rotation, tuple(leaders), tuple(kecamatan), tuple(closures), tuple(workdays))


def _rotation(r: Reader, table: Any) -> Rotation | None:
    if not isinstance(table, dict):
        r.problem('"rotation" must be a [rotation] table', r.lines.key(None, 0, "rotation"))
        return None
    default = Rotation()
    r.unknown_keys(table, ROTATION_KEYS, "rotation", 0)

    def get(
        key: str,
        kind: type | tuple[type, ...],
        what: str,
        check: Callable[[Any], bool] = lambda v: True,
    ) -> Any:
        return r.field(table, "rotation", 0, key, kind, what, check=check)

    city = get("city", str, "text", _text)
    days_raw = get("days", list, 'a list of day names such as ["senin"]', lambda v: bool(v))
    days: list[int] = []
    for name in days_raw or []:
        number = weekday_number(name) if isinstance(name, str) else None
        if number is None:
            r.problem(
                f'unknown day "{name}" in "days" (use monday … sunday or senin … minggu)',
                r.lines.key("rotation", 0, "days"),
            )
        elif number not in days:
            days.append(number)
    time_text = get("time", str, 'a time such as "07:30"', _is_time)
    duration = get("duration_minutes", int, "a whole number of minutes from 1", lambda v: v > 0)
    timezone = get("timezone", str, 'a time zone such as "Asia/Jakarta"', _is_timezone)
    country = get(
        "holidays",
        (str, bool),
        'a country code such as "ID", or false',
        lambda v: v is False or (isinstance(v, str) and bool(re.fullmatch(r"[A-Z]{2,3}", v))),
    )
    categories = get(
        "holiday_categories",
        list,
        'a list such as ["public", "government"]',
        lambda v: all(_text(c) for c in v),
    )
    on_holiday = get("on_holiday", str, '"skip" or "shift"', lambda v: v in ("skip", "shift"))
    lang = get("lang", str, '"id" or "en"', lambda v: v in ("id", "en"))
    return Rotation(
        city=city or default.city,
        days=tuple(sorted(days)) or default.days,
        time=dt.time.fromisoformat(time_text) if time_text else default.time,
        duration_minutes=duration or default.duration_minutes,
        timezone=timezone or default.timezone,
        holidays=default.holidays if country is None else (country or None),
        holiday_categories=tuple(categories) if categories else default.holiday_categories,
        on_holiday=on_holiday or default.on_holiday,
        lang=lang or default.lang,
    )


def _is_time(value: str) -> bool:
    return bool(re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value))


def _is_timezone(value: str) -> bool:
    if value == Rotation._field_defaults["timezone"]:  # known to exist: spare zoneinfo
        return True
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder such as "America"
        return False
    return True


def _day_notes(r: Reader, data: dict[str, Any], name: str) -> list[DayNote]:
    notes = []
    for index, table in r.tables(data, name):
        r.unknown_keys(table, {"date", "reason"}, name, index)
        day = r.field(table, name, index, "date", dt.date, "a date such as 2025-06-17", True)
        reason = r.field(table, name, index, "reason", str, "text")
        if day is not None:
            notes.append(DayNote(day, reason or ""))
    return notes


def _leaders(r: Reader, data: dict[str, Any]) -> list[Leader]:
    leaders = []
    ids: dict[str, int] = {}
    tables = r.tables(data, "leader")
    for index, table in tables:
        r.unknown_keys(table, {"id", "name", "title", "default"}, "leader", index)
        leader_id = r.field(table, "leader", index, "id", str, "text", True, _text)
        name = r.field(table, "leader", index, "name", str, "text", True, _text)
        title = r.field(table, "leader", index, "title", str, "text")
        default = r.field(table, "leader", index, "default", bool, "true or false")
        if leader_id is None or name is None:
            continue
        if leader_id.lower() in ids:
            r.problem(
                f'duplicate leader id "{leader_id}" (also [[leader]] #{ids[leader_id.lower()]})',
                r.lines.key("leader", index, "id"),
            )
        ids[leader_id.lower()] = index + 1
        leaders.append(Leader(leader_id, name, title, bool(default)))
    if not tables:
        r.problem("no [[leader]]: at least one leader is required, one with default = true")
    elif sum(ldr.default for ldr in leaders) != 1 and len(leaders) == len(tables):
        count = sum(ldr.default for ldr in leaders)
        r.problem(
            f"exactly one [[leader]] must have default = true (found {count})",
            r.lines.table("leader", 0),
        )
    return leaders


def _kecamatan(r: Reader, data: dict[str, Any]) -> list[Kecamatan]:
    result = []
    seen: dict[str, tuple[str, int]] = {}  # normalized name -> (what, kecamatan number)
    codes: dict[str, int] = {}
    tables = r.tables(data, "kecamatan")
    for index, table in tables:
        allowed = {"code", "name", "short", "aliases", "kelurahan"}
        r.unknown_keys(table, allowed, "kecamatan", index)
        code = r.field(table, "kecamatan", index, "code", str, "text", True, _text)
        name = r.field(table, "kecamatan", index, "name", str, "text", True, _text)
        short = r.field(table, "kecamatan", index, "short", str, "text", check=_text)
        aliases = r.field(
            table,
            "kecamatan",
            index,
            "aliases",
            list,
            "a list of names",
            check=lambda v: all(_text(a) for a in v),
        )
        kelurahan = r.field(
            table,
            "kecamatan",
            index,
            "kelurahan",
            int,
            "a whole number from 0",
            check=lambda v: v >= 0,
        )
        if code is None or name is None:
            continue
        if code in codes:
            r.problem(
                f'duplicate code "{code}" (also [[kecamatan]] #{codes[code]})',
                r.lines.key("kecamatan", index, "code"),
            )
        codes[code] = index + 1
        mine: set[str] = set()
        for what, value in [
            ("name", name),
            ("short", short),
            *(("alias", a) for a in aliases or []),
        ]:
            key = normalize(value) if value else ""
            if not key or key in mine:
                continue
            mine.add(key)
            if key in seen:
                other_what, other = seen[key]
                r.problem(
                    f'duplicate {what} "{value}": [[kecamatan]] #{other} has it as {other_what}',
                    r.lines.key("kecamatan", index, "aliases" if what == "alias" else what),
                )
            else:
                seen[key] = (what, index + 1)
        result.append(Kecamatan(code, name, short, tuple(aliases or ()), kelurahan))
    if not tables:
        r.problem("no [[kecamatan]]: the roster needs at least one")
    return result


# --- history.toml and pins.toml ---------------------------------------------------------


class Records:
    """history.toml or pins.toml as read, with what ``check`` should say about it."""

    __slots__ = ("apel", "notes", "path", "pins", "problems", "unordered")

    def __init__(self, path: Path) -> None:
        self.path = path
        self.apel: list[Apel] = []
        self.pins: list[Pin] = []
        self.problems: list[UserError] = []  # errors: the file is unusable
        self.notes: list[UserError] = []  # references the roster lacks
        self.unordered: list[UserError] = []  # dates out of order


def read_history(home: Path, roster: Roster | None, cached: bool = True) -> Records:
    """history.toml in date order, with everything ``check`` reports about it."""
    return _records(Reader(home / HISTORY_FILE, cached=cached), roster, "apel", APEL_KEYS)


def read_pins(home: Path, roster: Roster | None, cached: bool = True) -> Records:
    return _records(Reader(home / PINS_FILE, cached=cached), roster, "pin", PIN_KEYS)


def load_history(home: Path, roster: Roster | None, cached: bool = True) -> Records:
    """history.toml for a command: structural problems are errors, stray references notes."""
    return _usable(read_history(home, roster, cached))


def load_pins(home: Path, roster: Roster | None, cached: bool = True) -> Records:
    return _usable(read_pins(home, roster, cached))


def _usable(records: Records) -> Records:
    if records.problems:
        raise Problems(records.problems)
    return records


def _records(reader: Reader, roster: Roster | None, name: str, allowed: set[str]) -> Records:
    """Read [[name]] tables; references are checked only against a roster that loaded."""
    path = reader.path
    records = Records(path)
    data = reader.parse()
    if data is None:
        return records
    for key in data:
        if key != name:
            reader.problem(
                f'unknown key "{key}" (only [[{name}]] tables belong here)',
                reader.lines.key(None, 0, key),
            )
    dates: dict[dt.date, int] = {}
    previous: dt.date | None = None
    for index, table in reader.tables(data, name):
        reader.unknown_keys(table, allowed, name, index)
        day = reader.field(table, name, index, "date", dt.date, "a date such as 2025-04-14", True)
        kec = reader.field(table, name, index, "kecamatan", str, "a kecamatan code", name == "apel")
        leader = reader.field(table, name, index, "leader", str, "a leader id", name == "apel")
        note = reader.field(table, name, index, "note", str, "text")
        if day is None:
            continue
        if day in dates:
            reader.problem(
                f"a second [[{name}]] on {day} (also #{dates[day]})",
                reader.lines.table(name, index),
            )
        dates[day] = index + 1
        if previous is not None and day < previous:
            records.unordered.append(
                UserError(
                    f"[[{name}]] on {day} comes after {previous}: not in date order",
                    path,
                    reader.lines.table(name, index),
                )
            )
        previous = day if previous is None else max(previous, day)
        if roster and kec is not None and roster.kecamatan_by_code(kec) is None:
            records.notes.append(
                UserError(
                    f'kecamatan code "{kec}" is not in the roster',
                    path,
                    reader.lines.key(name, index, "kecamatan"),
                )
            )
        if roster and leader is not None and roster.leader_by_id(leader) is None:
            records.notes.append(
                UserError(
                    f'leader id "{leader}" is not in the roster',
                    path,
                    reader.lines.key(name, index, "leader"),
                )
            )
        if name == "apel":
            counts = {}
            for key in COUNTS:
                value = reader.field(
                    table, name, index, key, int, "a whole number from 0", check=lambda v: v >= 0
                )
                if value is not None:
                    counts[key] = value
            records.apel.append(Apel(day, kec or "", leader or "", note, counts))
        else:
            cancel = reader.field(table, name, index, "cancel", str, "text", check=_text)
            if not (kec or leader or cancel) and "cancel" not in table:
                reader.problem(
                    f"[[pin]] on {day} fixes nothing: give kecamatan, leader or cancel",
                    reader.lines.table(name, index),
                )
            records.pins.append(Pin(day, kec, leader, cancel, note))
    records.problems = reader.problems
    records.apel.sort(key=lambda a: a.date)
    records.pins.sort(key=lambda p: p.date)
    return records


def history_text(apel: Sequence[Apel]) -> str:
    return _tables_text("apel", [_apel_table(a) for a in sorted(apel, key=lambda a: a.date)])


def pins_text(pins: Sequence[Pin]) -> str:
    tables = [
        {
            k: v
            for k, v in [
                ("date", p.date),
                ("kecamatan", p.kecamatan),
                ("leader", p.leader),
                ("cancel", p.cancel),
                ("note", p.note),
            ]
            if v is not None
        }
        for p in sorted(pins, key=lambda p: p.date)
    ]
    return _tables_text("pin", tables)


def _apel_table(apel: Apel) -> dict[str, Any]:
    table: dict[str, Any] = {"date": apel.date, "kecamatan": apel.kecamatan, "leader": apel.leader}
    if apel.note is not None:
        table["note"] = apel.note
    table.update((key, apel.counts[key]) for key in COUNTS if key in apel.counts)
    return table


def _tables_text(name: str, tables: Sequence[dict[str, Any]]) -> str:
    """One ``[[name]]`` table per entry (tomli-w alone would write a short list inline)."""
    import tomli_w

    return "\n".join(f"[[{name}]]\n{tomli_w.dumps(table)}" for table in tables)


def update_history(home: Path, roster: Roster, change: Callable[[list[Apel]], list[Apel]]) -> None:
    """Read, change and atomically replace history.toml, all under its lock."""
    _update(
        home / HISTORY_FILE,
        lambda cached: load_history(home, roster, cached).apel,
        change,
        history_text,
    )


def update_pins(home: Path, roster: Roster, change: Callable[[list[Pin]], list[Pin]]) -> None:
    _update(
        home / PINS_FILE, lambda cached: load_pins(home, roster, cached).pins, change, pins_text
    )


def _update(
    path: Path,
    read: Callable[[bool], list[T]],
    change: Callable[[list[T]], list[T]],
    text: Callable[[list[T]], str],
) -> None:
    """A read-modify-write under the lock, after a dry run without it.

    The dry run lets a mistake (a broken file, a date already taken) fail before even
    the lock file is made, so a failed command leaves the home as it was. Under the
    lock the file itself is read, never the parse cache.
    """
    change(read(True))
    with safewrite.locked(path):
        safewrite.replace(path, text(change(read(False))))
