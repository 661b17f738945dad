"""plan, kecamatan, init, --version and the home folder, through the command line."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import re
from pathlib import Path

import pytest
from conftest import (
    BUNDLED,
    CODES,
    KECAMATAN_COLUMNS,
    PLAN_COLUMNS,
    ROTATION,
    SHORT,
    fits,
    long_date,
    run_process,
    snapshot,
)

from apel_rotasi import __version__

# (code, name, short or None) of the bundled roster, in rotation order
ROTATION_ORDER = [(CODES[name], name, SHORT.get(name)) for name in ROTATION]


def csv_rows(text: str) -> list[dict[str, str]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    return [dict(zip(header, row, strict=True)) for row in reader]


def roster_text(
    kecamatan, *, lang="id", leader="Budi Santoso", city="Kota Contoh", holidays='"ID"'
) -> str:
    """A small kecamatan.toml; ``kecamatan`` is a list of (code, name, short or None)."""
    parts = [
        "[rotation]",
        f"city = {json.dumps(city)}",
        'days = ["senin"]',
        f"holidays = {holidays}",
        f'lang = "{lang}"',
        "",
        "[[leader]]",
        'id = "sekda"',
        f"name = {json.dumps(leader)}",
        "default = true",
        "",
    ]
    for code, name, short in kecamatan:
        parts += ["[[kecamatan]]", f"code = {json.dumps(code)}", f"name = {json.dumps(name)}"]
        if short is not None:
            parts.append(f"short = {json.dumps(short)}")
        parts.append("")
    return "\n".join(parts)


# --- --version ------------------------------------------------------------------------


def test_version_prints_name_and_semver(cli):
    run = cli.ok("--version")
    assert re.fullmatch(r"apel-rotasi \d+\.\d+\.\d+\n", run.stdout)
    assert run.stdout == f"apel-rotasi {__version__}\n"


def test_version_as_a_module_in_a_real_process(home):
    done = run_process("--version")
    assert done.returncode == 0
    assert done.stdout == f"apel-rotasi {__version__}\n"
    assert done.stderr == ""


# --- plan: the table ------------------------------------------------------------------


def test_plan_table_shows_the_2025_rotation(cli):
    out = cli.ok("plan", "--start", "2025-04-14", "--weeks", "3").stdout
    lines = out.splitlines()
    expected = [
        ("Senin, 14 April 2025", "Ilir Timur II"),
        ("Senin, 21 April 2025", "Alang-Alang Lebar"),
        ("Senin, 28 April 2025", "Kemuning"),
    ]
    for day, kec in expected:
        line = [x for x in lines if day in x]
        assert len(line) == 1, out
        assert kec in line[0]
    assert out.index("14 April") < out.index("21 April") < out.index("28 April")
    assert "Senin, 5 Mei 2025" not in out
    assert "2025-04-14" not in out  # tables are for people


def test_plan_table_in_english(cli):
    out = cli.ok("plan", "--start", "2025-04-14", "--weeks", "1", "--lang", "en").stdout
    assert "Monday, 14 April 2025" in out
    assert "Senin" not in out


def test_plan_table_marks_a_holiday_visibly(cli):
    out = cli.ok("plan", "--start", "2025-04-07", "--weeks", "2").stdout
    holiday = [x for x in out.splitlines() if "Senin, 7 April 2025" in x]
    assert len(holiday) == 1
    assert "Ilir Timur II" not in holiday[0]
    assert "Idul Fitri" in out
    planned = [x for x in out.splitlines() if "Senin, 14 April 2025" in x]
    assert "Ilir Timur II" in planned[0]


# --- plan: CSV and JSON ---------------------------------------------------------------


def test_plan_csv_exact(cli):
    out = cli.ok("plan", "--start", "2025-04-14", "--weeks", "3", "--format", "csv").stdout
    assert out.splitlines() == [
        "date,weekday,round,kecamatan_code,kecamatan,short,leader,status,note,time",
        "2025-04-14,Senin,1,16.71.06,Ilir Timur II,IT II,Aprizal Hasyim,planned,,07:30",
        "2025-04-21,Senin,1,16.71.15,Alang-Alang Lebar,AAL,Aprizal Hasyim,planned,,07:30",
        "2025-04-28,Senin,1,16.71.09,Kemuning,,Aprizal Hasyim,planned,,07:30",
    ]


def test_plan_json_exact_with_numbers_and_nulls(cli):
    out = cli.ok("plan", "--start", "2025-04-07", "--weeks", "2", "--format", "json").stdout
    data = json.loads(out)
    assert isinstance(data, list) and len(data) == 2
    for item in data:
        assert list(item) == PLAN_COLUMNS
    holiday, planned = data
    assert holiday["date"] == "2025-04-07"
    assert holiday["weekday"] == "Senin"
    assert holiday["status"] == "holiday"
    for key in ("round", "kecamatan_code", "kecamatan", "short", "leader"):
        assert holiday[key] is None, key
    assert "Idul Fitri" in holiday["note"]
    assert planned == {
        "date": "2025-04-14",
        "weekday": "Senin",
        "round": 1,
        "kecamatan_code": "16.71.06",
        "kecamatan": "Ilir Timur II",
        "short": "IT II",
        "leader": "Aprizal Hasyim",
        "status": "planned",
        "note": None,
        "time": "07:30",
    }


def test_plan_holiday_then_planned_in_csv(cli):
    rows = csv_rows(cli.ok("plan", "--start", "2025-04-07", "--weeks", "2", "-f", "csv").stdout)
    assert [r["date"] for r in rows] == ["2025-04-07", "2025-04-14"]
    assert rows[0]["status"] == "holiday"
    assert rows[0]["round"] == rows[0]["kecamatan"] == rows[0]["leader"] == ""
    assert rows[0]["note"]
    assert rows[1]["status"] == "planned" and rows[1]["kecamatan"] == "Ilir Timur II"


def test_plan_start_on_a_tuesday_begins_the_next_monday(cli):
    rows = csv_rows(cli.ok("plan", "--start", "15/4/2025", "--weeks", "1", "-f", "csv").stdout)
    assert [r["date"] for r in rows] == ["2025-04-21"]
    assert rows[0]["kecamatan"] == "Ilir Timur II"


def test_plan_start_accepts_people_dates(cli):
    a = cli.ok("plan", "--start", "Senin, 14 April 2025", "--weeks", "2", "-f", "csv").stdout
    b = cli.ok("plan", "--start", "14-04-2025", "--weeks", "2", "-f", "csv").stdout
    assert a == b
    assert csv_rows(a)[0]["date"] == "2025-04-14"


def test_plan_in_english(cli):
    rows = csv_rows(
        cli.ok("plan", "--start", "2025-04-07", "--weeks", "2", "-f", "csv", "--lang", "en").stdout
    )
    assert [r["weekday"] for r in rows] == ["Monday", "Monday"]
    assert rows[0]["status"] == "holiday"
    assert "Eid al-Fitr" in rows[0]["note"]
    assert "Idul Fitri" not in rows[0]["note"] and "Cuti Bersama" not in rows[0]["note"]
    assert rows[0]["date"] == "2025-04-07"  # ISO in any language


def test_plan_no_holidays(cli):
    rows = csv_rows(
        cli.ok("plan", "--start", "2025-04-07", "--weeks", "2", "--no-holidays", "-f", "csv").stdout
    )
    assert [(r["date"], r["status"], r["kecamatan"]) for r in rows] == [
        ("2025-04-07", "planned", "Ilir Timur II"),
        ("2025-04-14", "planned", "Alang-Alang Lebar"),
    ]


def test_plan_default_length_is_one_round(cli):
    rows = csv_rows(cli.ok("plan", "--start", "2025-04-14", "-f", "csv").stdout)
    planned = [r for r in rows if r["status"] == "planned"]
    assert [(r["kecamatan_code"], r["kecamatan"]) for r in planned] == [
        (code, name) for code, name, _ in ROTATION_ORDER
    ]
    assert rows[-1]["status"] == "planned"
    assert {r["round"] for r in planned} == {"1"}


def test_plan_two_rounds_gives_36_apel(cli):
    rows = csv_rows(cli.ok("plan", "--start", "2025-04-14", "--rounds", "2", "-f", "csv").stdout)
    planned = [r for r in rows if r["status"] == "planned"]
    assert len(planned) == 36
    names = [name for _, name, _ in ROTATION_ORDER]
    assert [r["kecamatan"] for r in planned] == names + names
    assert [r["round"] for r in planned] == ["1"] * 18 + ["2"] * 18
    assert rows[-1]["status"] == "planned"
    dates = [dt.date.fromisoformat(r["date"]) for r in rows]
    assert dates == sorted(dates) and all(d.weekday() == 0 for d in dates)
    assert all(b - a == dt.timedelta(days=7) for a, b in itertools.pairwise(dates))


def test_plan_weeks_counts_every_apel_day(cli):
    rows = csv_rows(cli.ok("plan", "--start", "2025-04-07", "--weeks", "5", "-f", "csv").stdout)
    assert [r["date"] for r in rows] == [
        "2025-04-07",
        "2025-04-14",
        "2025-04-21",
        "2025-04-28",
        "2025-05-05",
    ]


def test_weeks_and_rounds_together_is_a_usage_error(cli, home):
    before = snapshot(home)
    run = cli("plan", "--start", "2025-04-14", "--weeks", "2", "--rounds", "2")
    assert run.exit_code == 2
    assert run.stderr.endswith("Kesalahan: Beri --weeks atau --rounds, jangan keduanya.\n")
    assert run.stdout == ""
    assert snapshot(home) == before


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--weeks", "0"], 1),  # a number the tool refuses, in the output language
        (["--rounds", "0"], 1),
        (["--weeks", "x"], 2),  # not a number: the option parser's usage error
    ],
)
def test_bad_plan_lengths_are_refused(cli, args, code):
    run = cli("plan", "--start", "2025-04-14", *args)
    assert run.exit_code == code, run.stderr
    assert args[0] in run.stderr and run.stdout == ""


def test_plan_with_an_unreadable_start_quotes_it(cli):
    run = cli("plan", "--start", "31/2/2025")
    assert run.exit_code == 1
    assert "31/2/2025" in run.stderr
    assert "Traceback" not in run.stderr
    assert run.stdout == ""


def test_plan_start_without_a_year_asks_for_it(cli):
    run = cli("plan", "--start", "14/4", "--lang", "en")
    assert run.exit_code == 1
    assert 'The date "14/4" has no year.' in run.stderr, run.stderr


def test_an_empty_start_is_read_and_refused(cli):
    result = cli("plan", "--start", "", "--lang", "en")
    assert result.exit_code == 1 and 'Cannot read the date ""' in result.stderr


def test_a_start_past_the_year_2199_is_an_error_not_a_crash(cli):
    result = cli("plan", "--start", "9999-12-27", "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr == (
        'Error: the date "9999-12-27" is out of range: dates from the year 1950 to 2199 '
        "are accepted.\n"
    )


def test_one_warning_for_all_years_without_cuti_bersama(cli):
    args = ("--format", "csv", "--lang", "en")
    result = cli.ok("plan", "--start", "2030-01-07", "--weeks", "150", *args)
    warnings = [line for line in result.stderr.splitlines() if "cuti bersama" in line]
    assert len(warnings) == 1 and "cuti bersama for 2030 to 2032" in warnings[0], warnings
    assert warnings[0].startswith("Warning: ")
    result = cli.ok("plan", "--start", "2025-01-06", "--weeks", "100", *args)
    assert "cuti bersama" not in result.stderr


def test_plan_bad_lang_is_refused(cli):
    run = cli("plan", "--start", "2025-04-14", "--lang", "fr")
    assert run.exit_code == 2
    assert "fr" in run.stderr


def test_plan_uses_the_roster_lang(cli, home):
    (home / "kecamatan.toml").write_text(
        roster_text([("A1", "Kota Lama", None)], lang="en"), encoding="utf-8"
    )
    rows = csv_rows(cli.ok("plan", "--start", "2025-04-14", "--weeks", "1", "-f", "csv").stdout)
    assert rows[0]["weekday"] == "Monday"
    rows = csv_rows(
        cli.ok("plan", "--start", "2025-04-14", "--weeks", "1", "-f", "csv", "--lang", "id").stdout
    )
    assert rows[0]["weekday"] == "Senin"


def test_plan_accepts_english_and_indonesian_day_names(cli, home):
    text = roster_text([("A1", "Kota Lama", None), ("A2", "Kota Baru", None)])
    text = text.replace('days = ["senin"]', 'days = ["Monday", "kamis"]')
    (home / "kecamatan.toml").write_text(text, encoding="utf-8")
    rows = csv_rows(
        cli.ok("plan", "--start", "2025-04-14", "--weeks", "1", "--no-holidays", "-f", "csv").stdout
    )
    assert [(r["date"], r["weekday"], r["kecamatan"]) for r in rows] == [
        ("2025-04-14", "Senin", "Kota Lama"),
        ("2025-04-17", "Kamis", "Kota Baru"),
    ]


# --- output files and formats ---------------------------------------------------------


def test_output_csv_from_the_extension(cli, home, tmp_path):
    target = tmp_path / "plan.csv"
    run = cli.ok("plan", "--start", "2025-04-14", "--weeks", "3", "--output", str(target))
    assert run.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert text.splitlines()[0] == ",".join(PLAN_COLUMNS)
    assert [r["kecamatan"] for r in csv_rows(text)] == [
        "Ilir Timur II",
        "Alang-Alang Lebar",
        "Kemuning",
    ]


def test_output_extension_ignores_case(cli, tmp_path):
    target = tmp_path / "PLAN.CSV"
    cli.ok("plan", "--start", "2025-04-14", "--weeks", "1", "-o", str(target))
    assert target.read_text(encoding="utf-8").startswith("date,weekday,")


def test_output_json_from_the_extension(cli, tmp_path):
    target = tmp_path / "plan.json"
    run = cli.ok("plan", "--start", "2025-04-14", "--weeks", "2", "--output", str(target))
    assert run.stdout == ""
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [d["date"] for d in data] == ["2025-04-14", "2025-04-21"]
    assert data[0]["round"] == 1


def test_output_xlsx_from_the_extension(cli, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "plan.xlsx"
    run = cli.ok("plan", "--start", "2025-04-14", "--weeks", "3", "--output", str(target))
    assert run.stdout == ""
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    header = ["Tanggal", "Hari", "Putaran", "Kode", "Kecamatan", "Singkatan", "Pemimpin"]
    assert list(rows[0]) == [*header, "Status", "Keterangan", "Jam"]  # for people: in words
    assert all(cell.font.bold for cell in sheet[1])
    assert len(rows) == 4
    first = dict(zip(PLAN_COLUMNS, rows[1], strict=True))
    assert isinstance(first["date"], dt.datetime | dt.date)
    assert first["date"].year == 2025 and first["date"].month == 4 and first["date"].day == 14
    assert first["round"] == 1 and not isinstance(first["round"], str)
    assert first["kecamatan"] == "Ilir Timur II"


def test_output_ics_from_the_extension(cli, tmp_path):
    target = tmp_path / "plan.ics"
    run = cli.ok("plan", "--start", "2025-04-07", "--weeks", "3", "--output", str(target))
    assert run.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR")
    assert text.count("BEGIN:VEVENT") == 3
    assert text.count("STATUS:CANCELLED") == 1  # the holiday on 7 April: no apel that day
    assert "Ilir Timur II" in text and "Alang-Alang Lebar" in text


def test_format_wins_over_the_extension(cli, tmp_path):
    target = tmp_path / "plan.csv"
    cli.ok("plan", "--start", "2025-04-14", "--weeks", "1", "--format", "json", "-o", str(target))
    assert json.loads(target.read_text(encoding="utf-8"))[0]["kecamatan"] == "Ilir Timur II"


def test_output_txt_is_the_table(cli, tmp_path):
    target = tmp_path / "plan.txt"
    run = cli.ok("plan", "--start", "2025-04-14", "--weeks", "2", "-o", str(target))
    assert run.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert "Senin, 14 April 2025" in text and "Ilir Timur II" in text
    fits(text)


def test_unknown_extension_is_an_error_and_writes_nothing(cli, tmp_path):
    target = tmp_path / "plan.foo"
    run = cli("plan", "--start", "2025-04-14", "--weeks", "1", "-o", str(target))
    assert run.exit_code == 1
    assert "plan.foo" in run.stderr
    assert "--format" in run.stderr
    assert not target.exists()
    assert list(tmp_path.glob("plan*")) == []


def test_xlsx_without_output_is_refused(cli):
    run = cli("plan", "--start", "2025-04-14", "--weeks", "1", "--format", "xlsx")
    assert run.exit_code == 1
    assert "--output" in run.stderr
    assert run.stdout == ""


def test_kecamatan_xlsx_without_output_is_refused(cli):
    run = cli("kecamatan", "--format", "xlsx")
    assert run.exit_code == 1
    assert "--output" in run.stderr
    assert run.stdout == ""


def test_ics_is_only_for_plan_and_history(cli):
    run = cli("kecamatan", "--format", "ics")
    assert run.exit_code == 2  # the option parser's refusal
    assert "ics" in run.stderr.lower()
    assert "BEGIN:VCALENDAR" not in run.stdout


def test_ics_extension_is_only_for_plan_and_history(cli, tmp_path):
    target = tmp_path / "roster.ics"
    run = cli("kecamatan", "--output", str(target), "--lang", "en")
    assert run.exit_code == 1
    assert f"{target}: this command does not write ICS files" in run.stderr
    assert not target.exists()


def test_unknown_format_is_a_usage_error(cli):
    run = cli("plan", "--start", "2025-04-14", "--format", "pdf")
    assert run.exit_code == 2
    assert "pdf" in run.stderr


# --- kecamatan ------------------------------------------------------------------------


def test_kecamatan_json_columns_numbers_and_nulls(cli):
    data = json.loads(cli.ok("kecamatan", "--format", "json").stdout)
    assert len(data) == 18
    for item in data:
        assert list(item) == KECAMATAN_COLUMNS
    assert [(d["kecamatan_code"], d["kecamatan"], d["short"]) for d in data] == ROTATION_ORDER
    assert [d["order"] for d in data] == list(range(1, 19))
    assert data[0]["kelurahan"] == 6 and data[7]["kelurahan"] == 11
    assert all(d["visits"] == 0 and d["last_visit"] is None for d in data)


def test_kecamatan_csv(cli):
    out = cli.ok("kecamatan", "--format", "csv").stdout
    lines = out.splitlines()
    assert lines[0] == ",".join(KECAMATAN_COLUMNS)
    assert lines[1] == "1,16.71.06,Ilir Timur II,IT II,6,0,"
    assert lines[3] == "3,16.71.09,Kemuning,,6,0,"
    assert len(lines) == 19


def test_kecamatan_table_lists_the_roster_in_order(cli):
    out = cli.ok("kecamatan").stdout
    positions = [out.index(name) for _, name, _ in ROTATION_ORDER[:3]]
    assert positions == sorted(positions)
    assert "Sematang Borang" in out


# --- CSV formula neutralisation -------------------------------------------------------

DANGEROUS = [
    ("K1", "=SUM(1+1)", "=S"),
    ("K2", "+Tambah", None),
    ("K3", "-Kurang", None),
    ("K4", "@Pusat", None),
    ("K7", "Aman = Biasa", None),
]


def test_csv_neutralises_formulas(cli, home):
    (home / "kecamatan.toml").write_text(
        roster_text(DANGEROUS, leader="=Pemimpin"), encoding="utf-8"
    )
    out = cli.ok(
        "plan", "--start", "2025-04-14", "--weeks", "5", "--no-holidays", "-f", "csv"
    ).stdout
    rows = csv_rows(out)
    assert [r["kecamatan_code"] for r in rows] == [code for code, _, _ in DANGEROUS]
    for row, (_, name, _) in zip(rows, DANGEROUS, strict=True):
        expected = name if name.startswith("Aman") else "'" + name
        assert row["kecamatan"] == expected
        assert row["leader"] == "'=Pemimpin"
    assert rows[0]["short"] == "'=S"
    assert rows[0]["date"] == "2025-04-14"  # dates and numbers are not text to neutralise
    assert rows[0]["round"] == "1"


def test_kecamatan_csv_neutralises_formulas(cli, home):
    (home / "kecamatan.toml").write_text(roster_text(DANGEROUS), encoding="utf-8")
    rows = csv_rows(cli.ok("kecamatan", "-f", "csv").stdout)
    assert rows[0]["kecamatan"] == "'=SUM(1+1)"
    assert rows[0]["short"] == "'=S"
    assert rows[3]["kecamatan"] == "'@Pusat"
    assert rows[4]["kecamatan"] == "Aman = Biasa"


def test_csv_neutralises_notes_that_begin_with_a_tab_or_a_line_break(cli, home):
    """A field that begins with a tab, a line feed or a carriage return (a hand-edited note:
    names cannot hold them) is neutralised and, like any field with a line break, quoted:
    the CSV still has one row per apel."""
    notes = ["\tTab Awal", "\nLF Awal", "\rCR Awal", "Biasa"]
    (home / "history.toml").write_text(
        "".join(
            f'[[apel]]\ndate = 2025-04-{7 * n + 7:02d}\nkecamatan = "16.71.06"\n'
            f'leader = "sekda"\nnote = {json.dumps(note)}\n'
            for n, note in enumerate(notes)
        ),
        encoding="utf-8",
    )
    out = cli.ok("history", "-f", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert [row["note"] for row in rows] == ["'\tTab Awal", "'\nLF Awal", "'\rCR Awal", "Biasa"]


def test_negative_looking_code_is_neutralised(cli, home):
    (home / "kecamatan.toml").write_text(
        roster_text([("-1", "Minus Satu", None)]), encoding="utf-8"
    )
    rows = csv_rows(cli.ok("kecamatan", "-f", "csv").stdout)
    assert rows[0]["kecamatan_code"] == "'-1"


# --- tables fit in 80 columns ---------------------------------------------------------


def _write_history(home: Path) -> list[tuple[dt.date, str]]:
    """Round 1 complete (18 apel) and two apel of round 2, by hand."""
    first = dt.date(2024, 8, 5)
    visits = [
        (first + dt.timedelta(weeks=i), code) for i, (code, _, _) in enumerate(ROTATION_ORDER)
    ]
    visits += [
        (first + dt.timedelta(weeks=18), "16.71.06"),
        (first + dt.timedelta(weeks=19), "16.71.15"),
    ]
    text = "".join(
        f'[[apel]]\ndate = {day.isoformat()}\nkecamatan = "{code}"\nleader = "sekda"\n\n'
        for day, code in visits
    )
    (home / "history.toml").write_text(text, encoding="utf-8")
    return visits


def _plain_process(monkeypatch, *args: str) -> str:
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)
    done = run_process(*args)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


@pytest.mark.parametrize("lang", ["id", "en"])
def test_plan_of_a_whole_year_fits_80_columns_unbroken(home, monkeypatch, lang):
    args = ("plan", "--start", "2025-01-01", "--weeks", "52", "--lang", lang)
    out = _plain_process(monkeypatch, *args)
    fits(out)
    rows = csv_rows(_plain_process(monkeypatch, *args, "--format", "csv"))
    assert len(rows) == 52
    lines = out.splitlines()
    for row in rows:
        day = dt.date.fromisoformat(row["date"])
        text = long_date(day, lang)
        holding = [line for line in lines if text in line]
        assert len(holding) == 1, f"{text} not on one line"
        if row["status"] == "planned":
            assert row["kecamatan"] in holding[0], f"{row['kecamatan']} broken or missing"


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("columns", ["40", "57", "200"])
def test_piped_plan_table_fits_the_columns_set(home, lang, columns):
    """Piped output: a table fits the width COLUMNS sets (SPEC "Tables")."""
    args = ("plan", "--start", "2025-01-01", "--weeks", "52", "--lang", lang)
    done = run_process(*args, env={"COLUMNS": columns})
    assert done.returncode == 0, done.stderr
    fits(done.stdout, int(columns))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_kecamatan_table_fits_unbroken(home, monkeypatch, lang):
    visits = _write_history(home)
    out = _plain_process(monkeypatch, "kecamatan", "--lang", lang)
    fits(out)
    lines = out.splitlines()
    last = {}
    for day, code in visits:
        last[code] = day
    for code, name, short in ROTATION_ORDER:
        shown = f"{name} ({short})" if short else name
        holding = [line for line in lines if shown in line]
        assert len(holding) == 1, shown
        assert long_date(last[code], lang) in holding[0]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_unvisited_table_fits_unbroken(home, monkeypatch, lang):
    visits = _write_history(home)
    out = _plain_process(monkeypatch, "unvisited", "--lang", lang)
    fits(out)
    lines = out.splitlines()
    last = dict((code, day) for day, code in visits)
    still = ROTATION_ORDER[2:]  # round 2 has visited the first two
    for code, name, short in still:
        shown = f"{name} ({short})" if short else name
        holding = [line for line in lines if shown in line]
        assert len(holding) == 1, shown
        assert long_date(last[code], lang) in holding[0]
    assert not any("Alang-Alang Lebar" in line for line in lines)


def test_plan_table_in_process_fits_80(cli):
    out = cli.ok("plan", "--start", "2025-01-01", "--weeks", "52", "--lang", "en").stdout
    fits(out)


LONG = """
[[leader]]
id = "sekda"
name = "Haji Muhammad Abdurrahman Wahid Lematang Ilir Seka"
default = true

[[kecamatan]]
code = "1"
name = "Penukal Utara Sebelah Barat Laut Daya"

[[kecamatan]]
code = "2"
name = "Abab"
"""


def test_long_names_wrap_between_words_and_no_column_is_lost(cli, home):
    (home / "kecamatan.toml").write_text(LONG, encoding="utf-8")
    cli.ok("record", "2025-04-14", "Penukal", "--present", "30", "--absent", "2")
    for command in (
        ["report"],
        ["kecamatan"],
        ["history"],
        ["plan", "--start", "2025-04-21", "--weeks", "2"],
    ):
        out = cli.ok(*command).stdout
        fits(out)
        tokens = out.split()  # a name may wrap between its words, never inside one
        assert all(
            word in tokens for word in ["Penukal", "Utara", "Sebelah", "Barat", "Laut", "Daya"]
        ), command
    report = cli.ok("report").stdout
    assert "Kehadiran" in report and "94%" in report and "Sen, 14 Apr 2025" in report


# --- init -----------------------------------------------------------------------------


def test_init_writes_the_bundled_file(cli, home):
    run = cli.ok("init")
    assert (home / "kecamatan.toml").read_bytes() == BUNDLED.read_bytes()
    assert run.stdout == ""
    assert sorted(p.name for p in home.iterdir()) == ["kecamatan.toml", "kecamatan.toml.lock"]


def test_init_refuses_a_second_time(cli, home):
    cli.ok("init")
    target = home / "kecamatan.toml"
    edited = target.read_text(encoding="utf-8").replace("Kota Palembang", "Kota Diedit")
    target.write_text(edited, encoding="utf-8")
    before = snapshot(home)
    run = cli("init")
    assert run.exit_code == 1
    assert "--force" in run.stderr
    assert "kecamatan.toml" in run.stderr
    assert snapshot(home) == before
    assert target.read_text(encoding="utf-8") == edited


def test_init_force_overwrites(cli, home):
    target = home / "kecamatan.toml"
    target.write_text("# mine\n", encoding="utf-8")
    cli.ok("init", "--force")
    assert target.read_bytes() == BUNDLED.read_bytes()


def test_init_creates_a_missing_home(cli, tmp_path):
    fresh = tmp_path / "new" / "home"
    cli.ok("--home", str(fresh), "init")
    assert (fresh / "kecamatan.toml").read_bytes() == BUNDLED.read_bytes()


def test_init_then_check_and_plan_agree_with_the_bundled_default(cli, home):
    default = cli.ok("plan", "--start", "2025-04-14", "-f", "csv").stdout
    cli.ok("init")
    assert cli.ok("check").stdout.strip() == "OK"
    assert cli.ok("plan", "--start", "2025-04-14", "-f", "csv").stdout == default


# --- the home folder ------------------------------------------------------------------


def test_home_that_is_a_file_is_an_error_naming_it(cli, tmp_path):
    not_a_folder = tmp_path / "afile"
    not_a_folder.write_text("x", encoding="utf-8")
    run = cli("--home", str(not_a_folder), "plan", "--start", "2025-04-14", "--weeks", "1")
    assert run.exit_code == 1
    assert str(not_a_folder) in run.stderr
    assert "Traceback" not in run.stderr
    assert not_a_folder.read_text(encoding="utf-8") == "x"


def test_env_home_that_is_a_file_is_an_error(cli, tmp_path, monkeypatch):
    not_a_folder = tmp_path / "afile"
    not_a_folder.write_text("x", encoding="utf-8")
    monkeypatch.setenv("APEL_ROTASI_HOME", str(not_a_folder))
    run = cli("kecamatan")
    assert run.exit_code == 1
    assert str(not_a_folder) in run.stderr


def _two_homes(home, tmp_path):
    """The environment's home with "Dari Lingkungan", and another with "Dari Opsi"."""
    (home / "kecamatan.toml").write_text(
        roster_text([("E1", "Dari Lingkungan", None)]), encoding="utf-8"
    )
    other = tmp_path / "other"
    other.mkdir()
    (other / "kecamatan.toml").write_text(
        roster_text([("O1", "Dari Opsi", None)]), encoding="utf-8"
    )
    return other


def test_home_option_beats_the_environment(cli, home, tmp_path):
    other = _two_homes(home, tmp_path)
    from_env = cli.ok("plan", "--start", "2025-04-14", "--weeks", "1", "-f", "csv").stdout
    assert "Dari Lingkungan" in from_env and "Dari Opsi" not in from_env
    from_option = cli.ok(
        "--home", str(other), "plan", "--start", "2025-04-14", "--weeks", "1", "-f", "csv"
    ).stdout
    assert "Dari Opsi" in from_option and "Dari Lingkungan" not in from_option


def test_home_option_beats_the_environment_in_a_real_process(home, tmp_path):
    other = _two_homes(home, tmp_path)
    done = run_process(
        "--home", str(other), "kecamatan", "-f", "csv", env={"APEL_ROTASI_HOME": str(home)}
    )
    assert done.returncode == 0, done.stderr
    assert "Dari Opsi" in done.stdout and "Dari Lingkungan" not in done.stdout


def test_plan_in_a_home_that_does_not_exist_creates_nothing(cli, tmp_path):
    missing = tmp_path / "not" / "yet"
    before = sorted(p.name for p in tmp_path.iterdir())
    out = cli.ok(
        "--home", str(missing), "plan", "--start", "2025-04-14", "--weeks", "1", "-f", "csv"
    ).stdout
    assert csv_rows(out)[0]["kecamatan"] == "Ilir Timur II"
    assert not missing.exists()
    assert not (tmp_path / "not").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_env_home_that_does_not_exist_works_and_creates_nothing(cli, tmp_path, monkeypatch):
    missing = tmp_path / "absent-home"
    monkeypatch.setenv("APEL_ROTASI_HOME", str(missing))
    for args in (["plan", "--start", "2025-04-14", "--weeks", "1"], ["kecamatan"], ["check"]):
        cli.ok(*args)
    assert not missing.exists()


def test_plan_leaves_the_home_untouched(cli, home):
    (home / "kecamatan.toml").write_bytes(BUNDLED.read_bytes())
    before = snapshot(home)
    cli.ok("plan", "--start", "2025-04-14", "--weeks", "3")
    cli.ok("plan", "--start", "2025-04-14", "--weeks", "3", "-f", "json")
    cli.ok("kecamatan")
    assert snapshot(home) == before


def test_long_names_stay_whole_and_long_notes_wrap(home, monkeypatch):
    """A custom roster with a long name and a long closure reason: the table still fits
    80 columns, the name and the dates stay on one line, only the note wraps."""
    long_name = "Kecamatan Dengan Nama Panjang Sekali"
    reason = "Peringatan Hari Ulang Tahun Kota yang sangat panjang sekali namanya untuk diuji"
    text = roster_text([("1", long_name, None), ("2", "Pendek", None)], holidays="false")
    text += f'\n[[closure]]\ndate = 2025-04-21\nreason = "{reason}"\n'
    (home / "kecamatan.toml").write_text(text, encoding="utf-8")
    out = _plain_process(monkeypatch, "plan", "--start", "2025-04-14", "--weeks", "3")
    fits(out)
    lines = out.splitlines()
    first = [line for line in lines if "14 Apr 2025" in line]  # shorter, for the reason
    assert len(first) == 1 and long_name in first[0]
    assert len([line for line in lines if "21 Apr 2025" in line]) == 1
    third = [line for line in lines if "28 Apr 2025" in line]
    assert len(third) == 1 and "Pendek" in third[0]
    words = " ".join(out.split())
    assert reason in words  # all of the reason is shown, wrapped or not
