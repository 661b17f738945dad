"""A bad kecamatan.toml: exit 1, the file, the line, what is wrong, and no file changed.

Every case runs both ``plan`` (which must refuse to work on a bad roster) and ``check``
(which prints each problem as ``file:line: message`` and exits 1).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import snapshot

BASE = """\
[rotation]
city = "Kota Contoh"
days = ["senin"]
time = "07:30"
timezone = "Asia/Jakarta"
holidays = "ID"
on_holiday = "skip"
lang = "id"

[[leader]]
id = "sekda"
name = "Budi"
default = true

[[leader]]
id = "wako"
name = "Ani"

[[kecamatan]]
code = "01"
name = "Alpha"
short = "AL"
aliases = ["Alfa"]
kelurahan = 3

[[kecamatan]]
code = "02"
name = "Beta"
short = "BE"
"""
HISTORY = """\
[[apel]]
date = 2025-04-14
kecamatan = "01"
leader = "sekda"
"""
PINS = """\
[[pin]]
date = 2099-01-05
leader = "wako"
"""
# Both in English, so that the needles below read as the English catalogue words them; the
# default language (the roster's, else Indonesian) has its own test below.
PLAN = ("plan", "--start", "2025-04-14", "--weeks", "2", "--lang", "en")
CHECK = ("check", "--lang", "en")


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """The number of the nth line of ``text`` that contains ``needle``."""
    found = [number for number, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(found) >= nth, f"{needle!r} not in the roster text"
    return found[nth - 1]


def edit(old: str, new: str, text: str = BASE) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


@pytest.fixture
def fill(home: Path):
    """Write a roster (and a good history and pins) into the home."""

    def write(roster: str) -> Path:
        (home / "kecamatan.toml").write_text(roster, encoding="utf-8")
        (home / "history.toml").write_text(HISTORY, encoding="utf-8")
        (home / "pins.toml").write_text(PINS, encoding="utf-8")
        return home / "kecamatan.toml"

    return write


def fails(
    cli,
    home: Path,
    fill,
    roster: str,
    *needles: str,
    line: int | None = None,
    commands=(PLAN, CHECK),
):
    """Run each command on ``roster``: exit 1, the file named, every needle, the line."""
    path = fill(roster)
    before = snapshot(home)
    runs = {}
    for args in commands:
        run = cli(*args)
        runs[args[0]] = run
        where = f"{' '.join(args)}: {run.stderr}"
        assert run.exit_code == 1, where
        assert str(path) in run.stderr, where
        for needle in needles:
            assert needle in run.stderr, f"{needle!r} missing from {where}"
        if line is not None:
            assert f"{path}:{line}: " in run.stderr, f"line {line} not named in {where}"
        assert "Traceback" not in run.stderr
        assert run.stdout.strip() in ("",), where  # no data, no OK
        assert snapshot(home) == before, f"{args[0]} changed a file"
    if CHECK in commands:
        problems = [x for x in runs["check"].stderr.splitlines() if x.strip()]
        assert problems
        for problem in problems:
            assert re.match(rf"^Error: {re.escape(str(path))}(:\d+)?: \S", problem), problem
    return runs


# --- a good home -----------------------------------------------------------------------


def test_check_says_ok_for_a_good_home(cli, home, fill):
    fill(BASE)
    before = snapshot(home)
    run = cli("check")
    assert run.exit_code == 0, run.stderr
    assert run.stdout == "OK\n"
    assert snapshot(home) == before
    cli.ok(*PLAN)


def test_check_says_ok_for_an_empty_home(cli, home):
    run = cli("check")
    assert run.exit_code == 0, run.stderr
    assert run.stdout == "OK\n"
    assert list(home.iterdir()) == []


def test_the_base_roster_plans(cli, fill):
    fill(BASE)
    out = cli.ok("plan", "--start", "2025-04-14", "--weeks", "2", "-f", "csv").stdout
    assert "Alpha" in out and "Beta" in out


@pytest.mark.parametrize(
    "days",
    [
        '["senin"]',
        '["Monday"]',
        '["MONDAY", "senin"]',
        '["Senin", "Rabu", "friday"]',
        '["kamis"]',
        '["sunday", "minggu"]',
    ],
)
def test_english_and_indonesian_day_names_are_accepted(cli, fill, days):
    fill(edit('days = ["senin"]', f"days = {days}"))
    assert cli("check").stdout == "OK\n"


def test_holidays_false_plans_without_a_national_calendar(cli, fill):
    fill(edit('holidays = "ID"', "holidays = false"))
    assert cli("check").stdout == "OK\n"
    out = cli.ok("plan", "--start", "2025-05-12", "--weeks", "1", "-f", "csv").stdout
    assert "2025-05-12,Senin,1,02,Beta,BE,Budi,planned," in out  # Waisak in Indonesia, not here


# --- not TOML -------------------------------------------------------------------------


def test_invalid_toml_names_file_and_line(cli, home, fill):
    roster = edit('name = "Budi"', 'name = "Budi')
    fails(cli, home, fill, roster, "TOML", line=line_of(roster, 'name = "Budi'))


def test_a_key_written_twice_is_invalid_toml_with_its_line(cli, home, fill):
    roster = edit('lang = "id"\n', 'lang = "id"\ncity = "Lagi"\n')
    fails(cli, home, fill, roster, "TOML", line=line_of(roster, 'city = "Lagi"'))


def test_invalid_toml_late_in_the_file(cli, home, fill):
    roster = BASE + '\n[[kecamatan]\ncode = "03"\n'
    fails(cli, home, fill, roster, "TOML", line=line_of(roster, "[[kecamatan]", 3))


# --- unknown keys ---------------------------------------------------------------------


def test_unknown_key_at_top_level(cli, home, fill):
    roster = 'colour = "red"\n' + BASE
    fails(cli, home, fill, roster, '"colour"', line=1)


def test_misspelt_table_names_its_line(cli, home, fill):
    roster = BASE + '\n[[kecamatn]]\ncode = "03"\nname = "Gamma"\n'
    fails(cli, home, fill, roster, "kecamatn", line=line_of(roster, "[[kecamatn]]"))


def test_unknown_key_in_rotation(cli, home, fill):
    roster = edit('lang = "id"\n', 'lang = "id"\ncolor = "blue"\n')
    runs = fails(cli, home, fill, roster, '"color"', line=line_of(roster, "color ="))
    assert "rotation" in runs["check"].stderr


def test_unknown_key_in_kecamatan(cli, home, fill):
    roster = edit('short = "BE"\n', 'short = "BE"\nkelurrahan = 4\n')
    runs = fails(cli, home, fill, roster, '"kelurrahan"', line=line_of(roster, "kelurrahan"))
    assert "kecamatan" in runs["check"].stderr


def test_unknown_key_in_the_first_kecamatan(cli, home, fill):
    roster = edit("kelurahan = 3\n", "kelurahan = 3\nsize = 9\n")
    fails(cli, home, fill, roster, '"size"', line=line_of(roster, "size = 9"))


def test_unknown_key_in_leader(cli, home, fill):
    roster = edit('name = "Ani"\n', 'name = "Ani"\nrank = 2\n')
    runs = fails(cli, home, fill, roster, '"rank"', line=line_of(roster, "rank = 2"))
    assert "leader" in runs["check"].stderr


# --- duplicates -----------------------------------------------------------------------


def test_duplicate_code(cli, home, fill):
    roster = edit('code = "02"', 'code = "01"')
    fails(cli, home, fill, roster, "duplicate", '"01"', line=line_of(roster, 'code = "01"', 2))


def test_duplicate_name_ignoring_case(cli, home, fill):
    roster = edit('name = "Beta"', 'name = "alpha"')
    fails(cli, home, fill, roster, "duplicate", "alpha", line=line_of(roster, 'name = "alpha"'))


def test_duplicate_short(cli, home, fill):
    roster = edit('short = "BE"', 'short = "AL"')
    fails(cli, home, fill, roster, "duplicate", '"AL"', line=line_of(roster, 'short = "AL"', 2))


def test_duplicate_alias(cli, home, fill):
    roster = edit('short = "BE"\n', 'short = "BE"\naliases = ["Alfa"]\n')
    fails(
        cli, home, fill, roster, "duplicate", "Alfa", line=line_of(roster, 'aliases = ["Alfa"]', 2)
    )


def test_alias_equal_to_another_name_ignoring_case_and_spaces(cli, home, fill):
    roster = edit('short = "BE"\n', 'short = "BE"\naliases = ["AL pha"]\n')
    fails(
        cli, home, fill, roster, "duplicate", "AL pha", line=line_of(roster, 'aliases = ["AL pha"]')
    )


def test_short_equal_to_another_alias_ignoring_hyphens(cli, home, fill):
    roster = edit('short = "BE"', 'short = "AL-FA"')
    fails(cli, home, fill, roster, "duplicate", "AL-FA", line=line_of(roster, 'short = "AL-FA"'))


def test_name_equal_to_another_name_with_roman_numerals(cli, home, fill):
    roster = edit('name = "Alpha"', 'name = "Ulu II"')
    roster = edit('name = "Beta"', 'name = "ulu 2"', roster)
    fails(cli, home, fill, roster, "duplicate", line=line_of(roster, 'name = "ulu 2"'))


def test_a_code_alike_another_kecamatan_name(cli, home, fill):
    """``--kecamatan`` finds codes by the same rule as names: ``0-1`` is also ``01``."""
    roster = edit('code = "02"', 'code = "0-1"')
    fails(cli, home, fill, roster, "duplicate code", '"0-1"', '"01"', line=line_of(roster, "0-1"))


def test_a_kecamatan_name_with_no_letter_or_digit(cli, home, fill):
    roster = edit('short = "BE"', 'short = "--"')
    needle = 'short "--" has no letter or digit'
    fails(cli, home, fill, roster, needle, line=line_of(roster, 'short = "--"'))


LEADER_WAKO = '[[leader]]\nid = "wako"\nname = "Ani"\n'


@pytest.mark.parametrize(
    ("added", "needle"),
    [
        ('aliases = ["Wa-Ko"]', 'aliases "Wa-Ko": [[leader]] #2 has id "wako"'),
        ('aliases = ["ANI"]', 'aliases "ANI": [[leader]] #2 has name "Ani"'),
        ('aliases = ["Bu Ani"]', 'aliases "Bu Ani": [[leader]] #2 has name "Ani"'),
        ('aliases = ["Pak Wako"]', 'aliases "Pak Wako": [[leader]] #2 has id "wako"'),
    ],
)
def test_leaders_named_alike_by_the_look_up_rule(cli, home, fill, added, needle):
    """The first leader's alias reads as the second's id or name once case, marks and an
    honorific are dropped: ``--led-by`` could not tell them apart."""
    roster = edit(LEADER_WAKO, f'{LEADER_WAKO}\n[[leader]]\nid = "x"\nname = "Xena"\n{added}\n')
    fails(cli, home, fill, roster, "duplicate", needle, line=line_of(roster, added))


def test_a_leader_id_alike_another(cli, home, fill):
    roster = edit('id = "wako"', 'id = "SEKDA"')
    fails(cli, home, fill, roster, 'duplicate id "SEKDA"', line=line_of(roster, 'id = "SEKDA"'))


def test_leaders_alike_once_an_honorific_is_dropped(cli, home, fill):
    roster = edit('name = "Ani"', 'name = "H. Budi"')
    needle = 'duplicate name "H. Budi": [[leader]] #1 has name "Budi"'
    fails(cli, home, fill, roster, needle, line=line_of(roster, 'name = "H. Budi"'))


# --- what the roster needs ------------------------------------------------------------


def test_no_kecamatan(cli, home, fill):
    roster = BASE.split("[[kecamatan]]")[0]
    runs = fails(cli, home, fill, roster, "kecamatan")
    assert "no [[kecamatan]]: the roster needs at least one" in runs["check"].stderr


def test_no_leader(cli, home, fill):
    roster = edit(
        '[[leader]]\nid = "sekda"\nname = "Budi"\ndefault = true\n\n'
        '[[leader]]\nid = "wako"\nname = "Ani"\n',
        "",
    )
    assert "[[leader]]" not in roster
    fails(cli, home, fill, roster, "leader")


def test_no_default_leader(cli, home, fill):
    roster = edit("default = true\n", "")
    fails(cli, home, fill, roster, "default")


def test_no_default_with_a_single_leader(cli, home, fill):
    roster = edit('default = true\n\n[[leader]]\nid = "wako"\nname = "Ani"\n', "")
    fails(cli, home, fill, roster, "default")


def test_two_default_leaders(cli, home, fill):
    roster = edit('name = "Ani"\n', 'name = "Ani"\ndefault = true\n')
    fails(cli, home, fill, roster, "default")


# --- rotation values ------------------------------------------------------------------


def test_unknown_day_name(cli, home, fill):
    roster = edit('days = ["senin"]', 'days = ["senin", "Monday", "funday"]')
    fails(cli, home, fill, roster, '"funday"', line=line_of(roster, "days ="))


def test_a_misspelt_indonesian_day(cli, home, fill):
    roster = edit('days = ["senin"]', 'days = ["senen"]')
    fails(cli, home, fill, roster, "senen", line=line_of(roster, "days ="))


def test_bad_on_holiday(cli, home, fill):
    roster = edit('on_holiday = "skip"', 'on_holiday = "postpone"')
    fails(cli, home, fill, roster, "on_holiday", line=line_of(roster, "on_holiday"))


@pytest.mark.parametrize("value", ['"7.30"', '"24:00"', '"7:3"', '"half past seven"', "730"])
def test_bad_time(cli, home, fill, value):
    roster = edit('time = "07:30"', f"time = {value}")
    fails(cli, home, fill, roster, "time", line=line_of(roster, "time ="))


def test_bad_timezone(cli, home, fill):
    roster = edit('timezone = "Asia/Jakarta"', 'timezone = "Asia/Palembang"')
    fails(cli, home, fill, roster, "timezone", line=line_of(roster, "timezone"))


def test_bad_lang(cli, home, fill):
    roster = edit('lang = "id"', 'lang = "fr"')
    fails(cli, home, fill, roster, "lang", line=line_of(roster, "lang ="))


def test_unknown_holidays_country_is_reported_by_check(cli, home, fill):
    roster = edit('holidays = "ID"', 'holidays = "XX"')
    fails(cli, home, fill, roster, "XX", line=line_of(roster, "holidays ="), commands=(CHECK,))


def test_unknown_holidays_country_stops_a_plan_that_needs_the_calendar(cli, home, fill):
    roster = edit('holidays = "ID"', 'holidays = "XX"')
    fails(cli, home, fill, roster, "XX", line=line_of(roster, "holidays ="), commands=(PLAN,))


def test_unknown_holidays_country_does_not_stop_what_needs_no_calendar(cli, home, fill):
    fill(edit('holidays = "ID"', 'holidays = "XX"'))
    before = snapshot(home)
    out = cli.ok(*PLAN, "--no-holidays", "-f", "csv").stdout
    assert "Alpha" in out
    cli.ok("kecamatan")
    assert snapshot(home) == before


def test_holidays_must_be_a_country_code(cli, home, fill):
    roster = edit('holidays = "ID"', 'holidays = "Indonesia"')
    fails(cli, home, fill, roster, "holidays", line=line_of(roster, "holidays ="))


def test_bad_holiday_category_is_reported_on_its_line(cli, home, fill):
    roster = edit(
        'holidays = "ID"\n', 'holidays = "ID"\nholiday_categories = ["public", "party"]\n'
    )
    fails(cli, home, fill, roster, "party", line=line_of(roster, "holiday_categories"))


def test_bad_holiday_category_is_reported(cli, home, fill):
    """The same case without the line: check and plan both refuse and name the category."""
    roster = edit(
        'holidays = "ID"\n', 'holidays = "ID"\nholiday_categories = ["public", "party"]\n'
    )
    fails(cli, home, fill, roster, "party", "holiday_categories")


# --- wrong types ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("kelurahan = 3", 'kelurahan = "six"', "kelurahan"),
        ("kelurahan = 3", "kelurahan = -1", "kelurahan"),
        ("kelurahan = 3", "kelurahan = true", "kelurahan"),
        ("kelurahan = 3", "kelurahan = 3.5", "kelurahan"),
        ('days = ["senin"]', 'days = "senin"', "days"),
        ('days = ["senin"]', "days = []", "days"),
        ('aliases = ["Alfa"]', 'aliases = "Alfa"', "aliases"),
        ('code = "02"', "code = 2", "code"),
        ('name = "Beta"', 'name = ""', "name"),
        ("default = true", 'default = "yes"', "default"),
        ('city = "Kota Contoh"', "city = 5", "city"),
        ('time = "07:30"', 'time = "07:30"\nduration_minutes = "60"', "duration_minutes"),
        ('time = "07:30"', 'time = "07:30"\nduration_minutes = 0', "duration_minutes"),
        ('on_holiday = "skip"', "on_holiday = true", "on_holiday"),
    ],
)
def test_wrong_types(cli, home, fill, old, new, key):
    roster = edit(old, new)
    fails(cli, home, fill, roster, f'"{key}"', line=line_of(roster, new.splitlines()[-1]))


def test_a_kecamatan_without_a_name(cli, home, fill):
    roster = edit('name = "Beta"\n', "")
    fails(cli, home, fill, roster, '"name"')


def test_leaders_must_be_tables(cli, home, fill):
    roster = 'leader = "Budi"\n' + edit(
        '[[leader]]\nid = "sekda"\nname = "Budi"\ndefault = true\n\n'
        '[[leader]]\nid = "wako"\nname = "Ani"\n',
        "",
    )
    fails(cli, home, fill, roster, "leader", line=1)


# --- several problems at once ---------------------------------------------------------


def test_check_reports_every_problem_in_one_run(cli, home, fill):
    roster = BASE
    roster = edit('time = "07:30"', 'time = "7.30"', roster)
    roster = edit('on_holiday = "skip"', 'on_holiday = "wait"', roster)
    roster = edit('lang = "id"\n', 'lang = "id"\nfoo = 1\n', roster)
    roster = edit("kelurahan = 3", 'kelurahan = "six"', roster)
    roster = edit('code = "02"', 'code = "01"', roster)
    roster = edit('name = "Ani"\n', 'name = "Ani"\nrank = 2\n', roster)
    expected = {
        line_of(roster, "time ="): "time",
        line_of(roster, "on_holiday"): "on_holiday",
        line_of(roster, "foo = 1"): "foo",
        line_of(roster, "kelurahan ="): "kelurahan",
        line_of(roster, 'code = "01"', 2): "duplicate",
        line_of(roster, "rank = 2"): "rank",
    }
    runs = fails(cli, home, fill, roster)
    path = home / "kecamatan.toml"
    for command in ("check", "plan"):
        lines = runs[command].stderr.splitlines()
        for number, word in expected.items():
            matching = [x for x in lines if f"{path}:{number}: " in x]
            assert len(matching) == 1, f"{command}: line {number} ({word}) not reported once"
            assert word in matching[0]
    assert len([x for x in runs["check"].stderr.splitlines() if x.strip()]) == len(expected)


def test_check_reports_problems_of_every_file(cli, home, fill):
    fill(edit('lang = "id"', 'lang = "fr"'))
    (home / "history.toml").write_text(HISTORY + "colour = 1\n", encoding="utf-8")
    (home / "pins.toml").write_text("[[pin]\n", encoding="utf-8")
    before = snapshot(home)
    run = cli("check")
    assert run.exit_code == 1
    assert f"{home / 'kecamatan.toml'}:" in run.stderr
    assert f"{home / 'history.toml'}:" in run.stderr
    assert f"{home / 'pins.toml'}:1:" in run.stderr
    assert snapshot(home) == before


def test_problems_are_said_in_indonesian_when_the_roster_cannot_be_read(cli, home, fill):
    path = fill('colour = "red"\n' + BASE)
    for args in (("check",), ("plan",)):
        run = cli(*args)
        assert run.exit_code == 1
        assert run.stderr.startswith(f"Kesalahan: {path}:1: "), run.stderr
        assert '"colour"' in run.stderr


def test_problems_are_said_in_the_language_of_a_readable_roster(cli, home, fill):
    fill(edit('lang = "id"', 'lang = "en"'))
    (home / "history.toml").write_text(HISTORY + "colour = 1\n", encoding="utf-8")
    run = cli("check")
    assert run.exit_code == 1
    assert run.stderr.startswith(f"Error: {home / 'history.toml'}:"), run.stderr
    assert cli("check", "--lang", "id").stderr.startswith(f"Kesalahan: {home / 'history.toml'}:")


def test_a_toml_error_at_the_end_of_the_file_names_the_last_line(cli, home):
    (home / "kecamatan.toml").write_text(
        '[rotation]\ncity = "X"\n[[kecamatan]]\ncode = "1"\nname = "A"\naliases = [\n',
        encoding="utf-8",
    )
    before = snapshot(home)
    result = cli(*CHECK)
    assert result.exit_code == 1
    assert f"Error: {home / 'kecamatan.toml'}:6: not valid TOML" in result.stderr
    assert snapshot(home) == before


def test_check_reports_a_missing_kecamatan_beside_other_problems(cli, home):
    path = home / "kecamatan.toml"
    path.write_text(
        '[rotation]\nlang = "xx"\n[[leader]]\nid = "a"\nname = "A"\ndefault = true\n',
        encoding="utf-8",
    )
    result = cli(*CHECK)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f'Error: {path}:2: "lang" in [rotation] is "xx"; allowed: "id" or "en".',
        f"Error: {path}: no [[kecamatan]]: the roster needs at least one.",
    ]


# --- [[ceremony]], [[hours]] and ramadan_time ---------------------------------------------

CEREMONY = """
[[ceremony]]
name = "Hari KORPRI"
yearly = "11-29"
weekend = "monday"
"""
HOURS = """
[[hours]]
from = 2027-02-08
to = 2027-03-09
time = "08:00"
reason = "Ramadan"
"""


def test_check_accepts_ceremonies_hours_and_ramadan_time(cli, fill):
    roster = edit('lang = "id"\n', 'lang = "id"\nramadan_time = "08:00"\n') + CEREMONY + HOURS
    fill(roster)
    assert cli.ok(*CHECK).stdout == "OK\n"


@pytest.mark.parametrize(
    ("old", "new", "needles"),
    [
        ('yearly = "11-29"', "", ['[[ceremony]] #1 needs exactly one of "yearly", "monthly"']),
        (
            'yearly = "11-29"',
            'yearly = "11-29"\nmonthly = 17',
            ["exactly one of", "(it has 2)"],
        ),
        ('yearly = "11-29"', "monthly = 30", ['"monthly" in [[ceremony]] #1 is 30', "1 to 28"]),
        ('yearly = "11-29"', 'yearly = "11-31"', ['"11-31"', 'a month-day such as "11-29"']),
        ('yearly = "11-29"', 'yearly = "29 November"', ['"29 November"', "month-day"]),
        ('weekend = "monday"', 'weekend = "sunday"', ['"sunday"', '"monday" (the Monday after)']),
        ('weekend = "monday"', 'weekend = "monday"\nplac = "Alun-alun"', ['unknown key "plac"']),
    ],
)
def test_a_bad_ceremony_names_its_line_and_what_is_allowed(cli, home, fill, old, new, needles):
    roster = BASE + edit(old, new, CEREMONY)
    line = line_of(roster, new.splitlines()[-1]) if new else line_of(roster, "[[ceremony]]")
    fails(cli, home, fill, roster, *needles, line=line)


@pytest.mark.parametrize(
    ("old", "new", "needle", "at"),
    [
        ("to = 2027-03-09", "to = 2027-02-01", '"to" (', "to = 2027-02-01"),
        ('time = "08:00"', 'time = "8 pagi"', '"time" in [[hours]] #1 is "8 pagi"', "8 pagi"),
        ('time = "08:00"', 'time = "24:00"', 'a time such as "07:30"', "24:00"),
        ('reason = "Ramadan"', 'alasan = "Ramadan"', 'unknown key "alasan"', "alasan"),
    ],
)
def test_a_bad_hours_stretch_names_its_line(cli, home, fill, old, new, needle, at):
    roster = BASE + edit(old, new, HOURS)
    fails(cli, home, fill, roster, needle, line=line_of(roster, at))


def test_overlapping_hours_stretches_are_an_error(cli, home, fill):
    second = HOURS.replace("2027-02-08", "2027-03-01").replace("2027-03-09", "2027-03-20")
    roster = BASE + HOURS + second
    runs = fails(
        cli,
        home,
        fill,
        roster,
        "[[hours]] #2 overlaps [[hours]] #1",
        line=line_of(roster, "2027-03-01"),
    )
    assert "one [[hours]] stretch only" in runs["check"].stderr


def test_a_ramadan_time_that_is_not_hh_mm_is_an_error(cli, home, fill):
    roster = edit('lang = "id"\n', 'lang = "id"\nramadan_time = "8:00"\n')
    fails(
        cli,
        home,
        fill,
        roster,
        '"ramadan_time" in [rotation] is "8:00"',
        line=line_of(roster, "ramadan_time"),
    )


def test_bad_ceremony_words_in_indonesian(cli, home, fill):
    fill(BASE + edit('yearly = "11-29"', "monthly = 29", CEREMONY))
    run = cli("check")
    assert run.exit_code == 1
    assert "tanggal 1 sampai 28" in run.stderr


def test_a_toml_error_reads_in_indonesian_with_the_parser_quoted(cli, home):
    """tomllib says why in English: an Indonesian screen says where in its own words and
    quotes the parser, rather than mixing the two languages in one sentence."""
    (home / "pins.toml").write_text("a b\n", encoding="utf-8")
    before = snapshot(home)
    run = cli("plan", "--lang", "id")
    assert run.exit_code == 1
    assert run.stderr == (
        f"Kesalahan: {home / 'pins.toml'}:1: bukan TOML yang sah di kolom 3 "
        "(kata pengurai TOML: \"Expected '=' after a key in a key/value pair\").\n"
    )
    assert snapshot(home) == before


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('leader = "sekda"', "leader = 5", "leader"),
        ('kecamatan = "01"', "kecamatan = true", "kecamatan"),
        ('kecamatan = "01"\nleader = "sekda"', 'cancelled = ""', "cancelled"),
    ],
)
def test_a_bad_value_in_the_history_is_reported_once_never_as_missing(
    cli, home, fill, old, new, key
):
    """A key with a bad value is there: the history says what is wrong with its value and
    does not also say the apel has no such key."""
    fill(BASE)
    path = home / "history.toml"
    path.write_text(edit(old, new, HISTORY), encoding="utf-8")
    before = snapshot(home)
    for args in (PLAN, CHECK):
        run = cli(*args)
        assert run.exit_code == 1, run.stderr
        problems = [x for x in run.stderr.splitlines() if x.strip()]
        assert len(problems) == 1, run.stderr
        assert problems[0].startswith(f"Error: {path}:") and f'"{key}"' in problems[0]
        assert "has no" not in problems[0]
    assert snapshot(home) == before
