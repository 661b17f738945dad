"""report: visits, last visit, days since, attendance totals and rate per kecamatan."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from conftest import COUNTS, fits
from conftest import REPORT_COLUMNS as COLUMNS

TODAY = dt.date(2025, 6, 2)  # a Monday, after every apel recorded below


@pytest.fixture(autouse=True)
def june_2025(monkeypatch: pytest.MonkeyPatch) -> None:
    """Today is TODAY on the city's clock, so that "days since" has one answer."""
    monkeypatch.setenv("APEL_ROTASI_NOW", f"{TODAY.isoformat()}T09:00:00+07:00")


ROSTER = """\
[rotation]
city = "Kabupaten Uji Coba"
holidays = false

[[leader]]
id = "sekda"
name = "Budi Santoso"
default = true

[[kecamatan]]
code = "A"
name = "Air Hitam"

[[kecamatan]]
code = "B"
name = "Batu Ampar"
short = "BA"

[[kecamatan]]
code = "C"
name = "Cempaka"

[[kecamatan]]
code = "D"
name = "Dempo Selatan"

[[kecamatan]]
code = "E"
name = "Enim"

[[kecamatan]]
code = "F"
name = "Forta Raya"

[[kecamatan]]
code = "G"
name = "Gunung Megang"
"""

# (date, code, counts): what the camat reported, if anything
VISITS = [
    ("2025-01-06", "A", {"present": 90, "sick": 10}),
    ("2025-01-13", "B", {"present": 50, "absent": 50}),
    ("2025-01-20", "C", {}),
    ("2025-01-27", "D", {"present": 70, "leave": 30}),
    ("2025-02-03", "E", {"present": 99, "duty": 1}),
    ("2025-02-10", "F", {"present": 60, "permit": 40}),
    ("2025-03-03", "A", {}),
    ("2025-03-10", "A", {"present": 45, "absent": 5, "sick": 3, "leave": 2}),
]


def expected_rows(today: dt.date) -> dict[str, dict]:
    """The report worked out by hand from VISITS."""
    rows = {}
    for code in "ABCDEFG":
        mine = [(dt.date.fromisoformat(d), c) for d, k, c in VISITS if k == code]
        reported = [c for _, c in mine if c]
        totals = {k: sum(c.get(k, 0) for c in reported) for k in COUNTS} if reported else None
        everyone = sum(totals.values()) if totals else 0
        last = max((d for d, _ in mine), default=None)
        rows[code] = {
            "visits": len(mine),
            "last_visit": last,
            "days_since": (today - last).days if last else None,
            # a count no apel there reported is empty, not 0
            **{k: (totals[k] if any(k in c for c in reported) else None) for k in COUNTS},
            "attendance_rate": totals["present"] / everyone if everyone else None,
        }
    return rows


@pytest.fixture
def uji(cli, home):
    (home / "kecamatan.toml").write_text(ROSTER, encoding="utf-8")
    for day, code, counts in VISITS:
        options = [f"--{key}={value}" for key, value in counts.items()]
        cli.ok("record", day, code, *options)
    return cli


def test_json_report_has_exactly_the_columns_and_hand_worked_values(uji):
    today = TODAY
    data = json.loads(uji.ok("report", "--format", "json").stdout)
    assert isinstance(data, list) and len(data) == 7
    for record in data:
        assert list(record) == COLUMNS
    assert [r["kecamatan_code"] for r in data] == list("ABCDEFG")  # rotation order
    expected = expected_rows(today)
    for record in data:
        want = expected[record["kecamatan_code"]]
        assert record["visits"] == want["visits"]
        assert record["last_visit"] == (
            want["last_visit"].isoformat() if want["last_visit"] else None
        )
        assert record["days_since"] == want["days_since"]
        for key in COUNTS:
            assert record[key] == want[key], (record["kecamatan_code"], key)
        if want["attendance_rate"] is None:
            assert record["attendance_rate"] is None
        else:
            assert isinstance(record["attendance_rate"], float)
            assert record["attendance_rate"] == pytest.approx(want["attendance_rate"], abs=1e-4)
            assert 0 <= record["attendance_rate"] <= 1
    by_code = {r["kecamatan_code"]: r for r in data}
    # Air Hitam: 90+45 present of 100+55 reported; the apel of 3 March reported nothing
    assert by_code["A"]["attendance_rate"] == pytest.approx(135 / 155, abs=1e-4)
    assert by_code["A"]["present"] == 135 and by_code["A"]["sick"] == 13
    assert by_code["A"]["visits"] == 3 and by_code["A"]["last_visit"] == "2025-03-10"
    assert by_code["C"]["attendance_rate"] is None and by_code["C"]["present"] is None
    assert by_code["G"] == {
        "kecamatan_code": "G",
        "kecamatan": "Gunung Megang",
        "short": None,
        "visits": 0,
        "last_visit": None,
        "days_since": None,
        **dict.fromkeys(COUNTS),
        "attendance_rate": None,
        "staff": None,
        "findings_open": 0,
        "findings_overdue": 0,
    }
    assert by_code["B"]["short"] == "BA"


def test_csv_report_has_exactly_the_columns(uji):
    today = TODAY
    out = uji.ok("report", "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == COLUMNS
    assert len(rows) == 8
    records = {r[0]: dict(zip(COLUMNS, r, strict=True)) for r in rows[1:]}
    expected = expected_rows(today)
    for code, record in records.items():
        want = expected[code]
        assert record["visits"] == str(want["visits"])
        assert record["last_visit"] == (
            want["last_visit"].isoformat() if want["last_visit"] else ""
        )
        assert record["days_since"] == (
            "" if want["days_since"] is None else str(want["days_since"])
        )
        for key in COUNTS:
            assert record[key] == ("" if want[key] is None else str(want[key]))
        if want["attendance_rate"] is None:
            assert record["attendance_rate"] == ""
        else:
            assert float(record["attendance_rate"]) == pytest.approx(
                want["attendance_rate"], abs=1e-4
            )
    assert records["B"]["attendance_rate"] in ("0.5", "0.50", "0.5000")


def test_days_since_counts_from_today(cli):
    week_ago = TODAY - dt.timedelta(days=7)
    cli.ok("record", week_ago.isoformat(), "Kemuning", "--present", "3", "--absent", "1")
    data = {r["kecamatan"]: r for r in json.loads(cli.ok("report", "-f", "json").stdout)}
    assert data["Kemuning"]["days_since"] == 7
    assert data["Kemuning"]["last_visit"] == week_ago.isoformat()
    assert data["Kemuning"]["attendance_rate"] == pytest.approx(0.75)
    assert data["Sako"]["days_since"] is None


def test_no_history_no_rates(cli):
    data = json.loads(cli.ok("report", "-f", "json").stdout)
    assert len(data) == 18
    assert all(r["visits"] == 0 and r["attendance_rate"] is None for r in data)
    assert all(r["last_visit"] is None and r["days_since"] is None for r in data)


def test_a_zero_count_is_a_reported_figure(cli):
    cli.ok("record", "2025-04-14", "IT II", "--present", "0", "--absent", "20")
    data = {r["kecamatan_code"]: r for r in json.loads(cli.ok("report", "-f", "json").stdout)}
    assert data["16.71.06"]["attendance_rate"] == 0
    assert data["16.71.06"]["attendance_rate"] is not None
    assert data["16.71.06"]["present"] == 0 and data["16.71.06"]["absent"] == 20


# --- the table ----------------------------------------------------------------------------


def table_rows(out: str, names: list[str]) -> dict[str, dict[str, object]]:
    """For each kecamatan row: its days text, the wait mark and the weak-attendance mark."""
    rows = {}
    for line in out.splitlines():
        name = next((n for n in names if line.startswith(n + " ")), None)
        if name is None:
            continue
        rest = line[len(name) :]
        found = re.fullmatch(
            r"\s+(?P<visits>\d+)\s+(?:\w+, \d{1,2} \w+ \d{4})?\s+"
            r"(?P<days>\d+|belum|never)(?P<wait> !)?"
            r"(?:\s+(?P<rate>\d+%)[^!\d]*?(?P<weak>!)?)?\s*",
            rest,
        )
        assert found, line
        rows[name] = {
            "days": found.group("days"),
            "wait": bool(found.group("wait")),
            "rate": found.group("rate"),
            "weak": bool(found.group("weak")),
        }
    return rows


NAMES = [
    "Air Hitam",
    "Batu Ampar",
    "Cempaka",
    "Dempo Selatan",
    "Enim",
    "Forta Raya",
    "Gunung Megang",
]


def test_table_marks_the_longest_waits_and_the_weakest_attendance(uji):
    out = uji.ok("report").stdout
    rows = table_rows(out, NAMES)
    assert set(rows) == set(NAMES)
    # waited longest: never visited (Gunung Megang), then 13 and 20 January
    assert {n for n, r in rows.items() if r["wait"]} == {"Gunung Megang", "Batu Ampar", "Cempaka"}
    # weakest attendance among those that reported: 50%, 60%, 70%
    assert {n for n, r in rows.items() if r["weak"]} == {
        "Batu Ampar",
        "Forta Raya",
        "Dempo Selatan",
    }
    assert rows["Batu Ampar"]["rate"] == "50%"
    assert rows["Air Hitam"]["rate"] == f"{135 / 155:.0%}"
    assert rows["Cempaka"]["rate"] is None
    assert rows["Gunung Megang"]["days"] == "belum"
    assert rows["Enim"]["days"] == str((TODAY - dt.date(2025, 2, 3)).days)
    assert "!" in out.splitlines()[0]  # the legend says what ! means


def test_table_in_english(uji):
    out = uji.ok("report", "--lang", "en").stdout
    rows = table_rows(out, NAMES)
    assert rows["Gunung Megang"]["days"] == "never" and rows["Gunung Megang"]["wait"]
    assert "Monday, 13 January 2025" in out


@pytest.mark.parametrize("lang", ["id", "en"])
def test_table_fits_80_columns_with_the_bundled_roster(cli, lang):
    cli.ok("record", "2024-12-30", "Sematang Borang", "--present", "12", "--absent", "1")
    cli.ok("record", "2025-04-14", "IT II", "--present", "150", "--sick", "3")
    cli.ok("record", "2025-04-21", "AAL", "--present", "80", "--sick", "20")
    cli.ok("record", "2025-04-28", "Kemuning", "--present", "60", "--absent", "40")
    cli.ok("record", "2025-05-05", "Alang-Alang Lebar", "--present", "99", "--leave", "1")
    out = cli.ok("report", "--lang", lang).stdout
    lines = out.splitlines()
    assert len(lines) >= 20
    fits(out)
    # a kecamatan's name and a date are never broken across lines
    assert any(line.startswith("Sematang Borang ") for line in lines)
    date = "Sen, 30 Des 2024" if lang == "id" else "Mon, 30 Dec 2024"  # shorter, whole
    assert any(date in line for line in lines)


def test_no_weakest_marks_with_three_rates_or_fewer(cli):
    cli.ok("record", "2025-04-14", "IT II", "--present", "10", "--absent", "10")
    cli.ok("record", "2025-04-21", "AAL", "--present", "90", "--absent", "10")
    out = cli.ok("report").stdout
    for line in out.splitlines()[3:]:
        assert not re.search(r"%.*!", line), line
