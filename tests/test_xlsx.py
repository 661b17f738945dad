"""XLSX output: the contract's columns under a bold header in the output language, status
values in words, real dates, numbers, never formulas, never a refused character."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import snapshot

COLUMNS = {
    "plan": "date, weekday, round, kecamatan_code, kecamatan, short, leader, status, note, time",
    "history": "date, round, kecamatan_code, kecamatan, short, leader, present, sick, leave, "
    "permit, duty, absent, note, status",
    "unvisited": "kecamatan_code, kecamatan, short, last_visit",
    "kecamatan": "order, kecamatan_code, kecamatan, short, kelurahan, visits, last_visit",
    "report": "kecamatan_code, kecamatan, short, visits, last_visit, days_since, present, sick, "
    "leave, permit, duty, absent, attendance_rate, staff, findings_open, findings_overdue",
}
COUNTS = ("present", "sick", "leave", "permit", "duty", "absent")
# Each contract column's header, as people read it in each language.
HEADERS = {
    "id": {
        "date": "Tanggal",
        "weekday": "Hari",
        "round": "Putaran",
        "kecamatan_code": "Kode",
        "kecamatan": "Kecamatan",
        "short": "Singkatan",
        "leader": "Pemimpin",
        "status": "Status",
        "note": "Keterangan",
        "time": "Jam",
        "present": "Hadir",
        "sick": "Sakit",
        "leave": "Cuti",
        "permit": "Izin",
        "duty": "Dinas Luar",
        "absent": "Tanpa Keterangan",
        "order": "Urutan",
        "kelurahan": "Kelurahan",
        "visits": "Kunjungan",
        "last_visit": "Kunjungan terakhir",
        "days_since": "Hari sejak",
        "attendance_rate": "Tingkat kehadiran",
        "staff": "Jumlah pegawai",
        "findings_open": "Temuan terbuka",
        "findings_overdue": "Temuan lewat batas",
    },
    "en": {
        "date": "Date",
        "weekday": "Weekday",
        "round": "Round",
        "kecamatan_code": "Code",
        "kecamatan": "Kecamatan",
        "short": "Short name",
        "leader": "Leader",
        "status": "Status",
        "note": "Note",
        "time": "Time",
        "present": "Present",
        "sick": "Sick",
        "leave": "Leave",
        "permit": "Permit",
        "duty": "Duty elsewhere",
        "absent": "Absent without reason",
        "order": "Order",
        "kelurahan": "Kelurahan",
        "visits": "Visits",
        "last_visit": "Last visit",
        "days_since": "Days since",
        "attendance_rate": "Attendance rate",
        "staff": "Staff",
        "findings_open": "Open findings",
        "findings_overdue": "Overdue findings",
    },
}


def columns(command: str) -> list[str]:
    return COLUMNS[command].split(", ")


@pytest.fixture
def recorded(cli):
    """Three apel of April 2025, two with attendance figures, one with a formula-like note."""
    cli.ok(
        "record",
        "2025-04-14",
        "IT II",
        "--present",
        "150",
        "--sick",
        "3",
        "--leave",
        "2",
        "--absent",
        "1",
        "--note",
        "Apel perdana",
    )
    cli.ok("record", "2025-04-21", "AAL", "--led-by", "walikota", "--note", "=2+3")
    cli.ok(
        "record",
        "2025-04-28",
        "Kemuning",
        "--present",
        "90",
        "--permit",
        "4",
        "--duty",
        "6",
        "--note",
        "@SUM(A1:A2)",
    )
    return cli


def read_book(path: Path) -> openpyxl.Workbook:
    assert path.is_file()
    assert zipfile.is_zipfile(path)
    return openpyxl.load_workbook(io.BytesIO(path.read_bytes()))


def rows_of(
    book: openpyxl.Workbook, lang: str = "id"
) -> tuple[list[str], list[dict[str, object]], list[list]]:
    """The header as the contract's column names, records by column name, and the raw cells
    (one sheet); a header that is not a column's name in ``lang`` fails."""
    assert len(book.worksheets) == 1
    sheet = book.worksheets[0]
    cells = [list(row) for row in sheet.iter_rows()]
    names = {shown: name for name, shown in HEADERS[lang].items()}
    header = [names[c.value] for c in cells[0]]
    records = [dict(zip(header, (c.value for c in row), strict=True)) for row in cells[1:]]
    return header, records, cells


def assert_no_formula_anywhere(path: Path) -> None:
    book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    assert cell.data_type in ("s", "inlineStr", "str")
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets
        for name in sheets:
            xml = archive.read(name).decode("utf-8")
            assert not re.search(r"<(\w+:)?f[\s>/]", xml), f"a formula element in {name}"
            assert 't="str"' not in xml  # a formula's cached string result


def assert_header(cells: list[list], command: str, lang: str = "id") -> None:
    header = cells[0]
    assert [c.value for c in header] == [HEADERS[lang][name] for name in columns(command)]
    for cell in header:
        assert cell.font is not None and cell.font.b is True, f"{cell.coordinate} is not bold"
        assert cell.data_type == "s"
    for row in cells[1:]:
        for cell in row:
            assert not (cell.font and cell.font.b), f"{cell.coordinate}: only the header is bold"


def as_date(value: object) -> dt.date:
    assert isinstance(value, dt.datetime | dt.date), f"{value!r} is not a spreadsheet date"
    return value.date() if isinstance(value, dt.datetime) else value


def test_history_workbook(recorded, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = recorded.ok("history", "--output", "riwayat.xlsx")
    assert run.stdout == ""
    path = tmp_path / "riwayat.xlsx"
    header, records, cells = rows_of(read_book(path))
    assert_header(cells, "history")
    assert len(records) == 3
    date_cells = [row[0] for row in cells[1:]]
    assert all(c.is_date for c in date_cells)
    assert [as_date(r["date"]) for r in records] == [
        dt.date(2025, 4, 14),
        dt.date(2025, 4, 21),
        dt.date(2025, 4, 28),
    ]
    first, second, third = records
    assert (first["kecamatan_code"], first["kecamatan"], first["short"]) == (
        "16.71.06",
        "Ilir Timur II",
        "IT II",
    )
    assert first["leader"] == "Aprizal Hasyim" and second["leader"] == "Ratu Dewa"
    assert [first[k] for k in COUNTS] == [150, 3, 2, None, None, 1]
    assert [second[k] for k in COUNTS] == [None] * 6
    assert [third[k] for k in COUNTS] == [90, None, None, 4, 6, None]
    assert first["round"] == second["round"] == third["round"] == 1
    for row in cells[1:]:
        by_name = dict(zip(header, row, strict=True))
        for key in ("round", *COUNTS):
            if by_name[key].value is not None:
                assert by_name[key].data_type == "n"
                assert isinstance(by_name[key].value, int)
                assert not isinstance(by_name[key].value, bool)
    note = dict(zip(header, cells[2], strict=True))["note"]
    assert note.value == "=2+3"
    assert note.data_type == "s"
    at_note = dict(zip(header, cells[3], strict=True))["note"]
    assert at_note.value == "@SUM(A1:A2)" and at_note.data_type == "s"
    assert first["note"] == "Apel perdana"
    assert_no_formula_anywhere(path)


def test_plan_workbook(cli, tmp_path):
    out = tmp_path / "x.xlsx"
    cli.ok("plan", "--start", "2025-04-07", "--weeks", "6", "-o", str(out))
    _header, records, cells = rows_of(read_book(out))
    assert_header(cells, "plan")
    assert [as_date(r["date"]) for r in records] == [
        dt.date(2025, 4, 7) + dt.timedelta(days=7 * i) for i in range(6)
    ]
    assert all(row[0].is_date for row in cells[1:])
    assert [r["status"] for r in records] == [
        "libur",
        "direncanakan",
        "direncanakan",
        "direncanakan",
        "direncanakan",
        "libur",
    ]
    assert [r["weekday"] for r in records] == ["Senin"] * 6
    holiday = records[0]
    assert holiday["round"] is None and holiday["kecamatan"] is None and holiday["leader"] is None
    assert "Idul Fitri" in holiday["note"]
    planned = records[1]
    assert planned["round"] == 1 and cells[2][2].data_type == "n"
    assert planned["kecamatan"] == "Ilir Timur II" and planned["leader"] == "Aprizal Hasyim"
    assert planned["kecamatan_code"] == "16.71.06"
    assert_no_formula_anywhere(out)


def test_report_workbook(recorded, tmp_path, monkeypatch):
    monkeypatch.setenv("APEL_ROTASI_NOW", "2025-06-02T06:00+07:00")  # days since, in the city
    out = tmp_path / "laporan.xlsx"
    recorded.ok("report", "-o", str(out))
    header, records, cells = rows_of(read_book(out))
    assert_header(cells, "report")
    assert len(records) == 18
    by_code = {r["kecamatan_code"]: r for r in records}
    it2 = by_code["16.71.06"]
    assert it2["visits"] == 1
    assert as_date(it2["last_visit"]) == dt.date(2025, 4, 14)
    assert it2["days_since"] == (dt.date(2025, 6, 2) - dt.date(2025, 4, 14)).days
    assert it2["present"] == 150 and it2["absent"] == 1
    assert it2["attendance_rate"] == pytest.approx(150 / 156, abs=1e-4)
    assert isinstance(it2["attendance_rate"], float)
    assert by_code["16.71.15"]["attendance_rate"] is None  # no figures reported
    assert by_code["16.71.10"]["visits"] == 0 and by_code["16.71.10"]["last_visit"] is None
    index = header.index("last_visit")
    for row in cells[1:]:
        if row[index].value is not None:
            assert row[index].is_date
        for name in ("visits", "days_since", *COUNTS, "attendance_rate"):
            cell = row[header.index(name)]
            if cell.value is not None:
                assert cell.data_type == "n", f"{name} in {cell.coordinate} is not a number"
    assert_no_formula_anywhere(out)


def test_kecamatan_workbook(recorded, tmp_path):
    out = tmp_path / "kecamatan.xlsx"
    recorded.ok("kecamatan", "-o", str(out))
    header, records, cells = rows_of(read_book(out))
    assert_header(cells, "kecamatan")
    assert [r["order"] for r in records] == list(range(1, 19))
    assert records[0]["kecamatan"] == "Ilir Timur II" and records[0]["kelurahan"] == 6
    assert records[0]["visits"] == 1 and as_date(records[0]["last_visit"]) == dt.date(2025, 4, 14)
    assert records[0]["short"] == "IT II" and records[2]["short"] is None
    for row in cells[1:]:
        for name in ("order", "kelurahan", "visits"):
            cell = row[header.index(name)]
            assert cell.data_type == "n" and isinstance(cell.value, int)
        # a code such as 16.71.06 stays text, not a number
        assert row[header.index("kecamatan_code")].data_type == "s"
    assert_no_formula_anywhere(out)


def test_unvisited_workbook(recorded, tmp_path):
    out = tmp_path / "belum.xlsx"
    recorded.ok("unvisited", "-o", str(out))
    _header, records, cells = rows_of(read_book(out))
    assert_header(cells, "unvisited")
    assert len(records) == 15
    assert records[0]["kecamatan"] == "Ilir Barat II"
    assert all(r["last_visit"] is None for r in records)
    assert_no_formula_anywhere(out)


def test_unvisited_workbook_with_last_visits_from_an_earlier_round(cli, tmp_path):
    """After a full round, last_visit holds real dates of the earlier round."""
    import tomllib

    from conftest import BUNDLED

    codes = [k["code"] for k in tomllib.loads(BUNDLED.read_text(encoding="utf-8"))["kecamatan"]]
    first = dt.date(2024, 1, 1)
    for week, code in enumerate(codes):
        cli.ok("record", (first + dt.timedelta(days=7 * week)).isoformat(), code)
    cli.ok("record", "2024-06-03", codes[0])
    out = tmp_path / "belum.xlsx"
    cli.ok("unvisited", "--output", str(out))
    header, records, cells = rows_of(read_book(out))
    assert_header(cells, "unvisited")
    assert [r["kecamatan_code"] for r in records] == codes[1:]
    index = header.index("last_visit")
    assert all(row[index].is_date for row in cells[1:])
    assert as_date(records[0]["last_visit"]) == dt.date(2024, 1, 8)
    assert_no_formula_anywhere(out)


@pytest.mark.parametrize("text", ["=1+1", "+62 811", "-5", "@A1", '=HYPERLINK("x")'])
def test_formula_like_notes_stay_text(cli, tmp_path, text):
    cli.ok("record", "2025-04-14", "IT II", "--note", text)
    out = tmp_path / "r.xlsx"
    cli.ok("history", "-f", "xlsx", "-o", str(out))
    header, _records, cells = rows_of(read_book(out))
    cell = cells[1][header.index("note")]
    assert cell.value == text and cell.data_type == "s"
    assert_no_formula_anywhere(out)


@pytest.mark.parametrize("command", ["history", "plan", "report", "kecamatan", "unvisited"])
def test_xlsx_without_output_is_refused(recorded, home, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    before_home, before_here = snapshot(home), snapshot(tmp_path)
    run = recorded("--home", str(home), command, "--format", "xlsx")
    assert run.exit_code in (1, 2)
    assert "xlsx" in run.stderr.lower() and "--output" in run.stderr
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    assert snapshot(home) == before_home
    assert snapshot(tmp_path) == before_here


def test_format_xlsx_with_output_of_another_extension_writes_xlsx(recorded, tmp_path):
    out = tmp_path / "riwayat.data"
    recorded.ok("history", "--format", "xlsx", "--output", str(out))
    header, records, _cells = rows_of(read_book(out))
    assert header == columns("history") and len(records) == 3


def test_english_workbook_with_lang_en(recorded, tmp_path):
    """--lang en: headers, weekday and status values in English; the data are the same."""
    out = tmp_path / "plan.xlsx"
    recorded.ok("plan", "--start", "2025-05-26", "--weeks", "3", "--lang", "en", "-o", str(out))
    _header, records, cells = rows_of(read_book(out), "en")
    assert_header(cells, "plan", "en")
    assert [r["weekday"] for r in records] == ["Monday"] * 3
    assert {r["status"] for r in records} <= {"planned", "holiday"}
    assert "planned" in {r["status"] for r in records}
    out = tmp_path / "history.xlsx"
    recorded.ok("history", "--lang", "en", "-o", str(out))
    _header, records, cells = rows_of(read_book(out), "en")
    assert_header(cells, "history", "en")
    assert [r["status"] for r in records] == ["held"] * 3
    assert read_book(out).worksheets[0].title == "History"


def test_indonesian_statuses_and_sheet_name(recorded, tmp_path):
    out = tmp_path / "riwayat.xlsx"
    recorded.ok("history", "-o", str(out))
    book = read_book(out)
    assert book.worksheets[0].title == "Riwayat"
    _header, records, _cells = rows_of(book)
    assert [r["status"] for r in records] == ["terlaksana"] * 3


def test_csv_and_json_keep_the_contract_names(recorded, tmp_path):
    """Only XLSX (for people) is localized: CSV and JSON are for programs."""
    csv_text = recorded.ok("history", "--format", "csv").stdout
    assert csv_text.splitlines()[0] == ",".join(columns("history"))
    assert ",held" in csv_text.splitlines()[1]
    import json

    data = json.loads(
        recorded.ok("plan", "--start", "2025-06-02", "--weeks", "1", "-f", "json").stdout
    )
    assert list(data[0]) == columns("plan") and data[0]["status"] == "planned"


HAND_EDITED = """\
[[apel]]
date = 2025-04-14
kecamatan = "16.71.06"
leader = "sekda"
note = "Bel \\u0007 dan escape \\u001b[31m merah\\u0000 akhir"
present = 10

[[apel]]
date = 2025-04-21
cancelled = "Hujan \\u0008 deras"
"""


def test_control_characters_from_a_hand_edited_file_are_replaced(cli, home, tmp_path):
    """A control character a spreadsheet cannot hold is shown escaped, never an error."""
    (home / "history.toml").write_text(HAND_EDITED, encoding="utf-8")
    out = tmp_path / "riwayat.xlsx"
    cli.ok("history", "-o", str(out))
    _header, records, cells = rows_of(read_book(out))
    assert records[0]["note"] == "Bel \\x07 dan escape \\x1b[31m merah\\x00 akhir"
    assert records[1]["note"] == "Hujan \\x08 deras"
    assert records[1]["status"] == "batal"
    assert all(c.data_type == "s" for c in (cells[1][12], cells[2][12]))
    assert_no_formula_anywhere(out)


def test_the_log_sheet_escapes_control_characters_from_the_journal(cli, home, tmp_path):
    """A note with an escape sequence, journaled, is shown escaped in the log's sheet."""
    (home / "history.toml").write_text(HAND_EDITED, encoding="utf-8")
    cli.ok("edit", "14/4/2025", "--hadir", "12")
    out = tmp_path / "log.xlsx"
    cli.ok("log", "-o", str(out))
    book = read_book(out)
    after = next(row[6].value for row in book.active.iter_rows(min_row=2))
    assert "Hadir: 12" in after and "\\x1b[31m" in after and "\x1b" not in after
