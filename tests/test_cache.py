"""The holiday and day-name cache: warm runs need no library, a bad cache is harmless."""

import datetime as dt
import marshal
import os
import subprocess
import sys

import pytest

from apel_rotasi import cache
from apel_rotasi.holiday import NationalCalendar


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "apel-rotasi"


def test_a_cold_run_fills_the_cache_with_the_years_holidays(cache_home):
    calendar = NationalCalendar("ID", ("public", "government"), "id")
    assert calendar(2025)[dt.date(2025, 4, 7)] == "Cuti Bersama Hari Raya Idul Fitri"
    [stored] = cache_home.glob("holidays-*-ID-government+public-id-2025.py*")
    data = marshal.loads(stored.read_bytes())
    assert data["names"]["2025-05-12"] == "Hari Raya Waisak" and data["cuti_bersama"] is True
    assert cache.package_version("holidays") in stored.name


def test_a_corrupt_cache_is_rebuilt(cache_home):
    NationalCalendar("ID", ("public", "government"), "en")(2025)
    [stored] = cache_home.glob("holidays-*-en-2025.py*")
    stored.write_bytes(stored.read_bytes()[:40])  # cut short, as by a crash
    names = NationalCalendar("ID", ("public", "government"), "en")(2025)
    assert names[dt.date(2025, 4, 7)] == "Eid al-Fitr Joint Holiday"
    stored.write_bytes(marshal.dumps({"names": {"2025-04-07": 5}, "cuti_bersama": "yes"}))
    names = NationalCalendar("ID", ("public", "government"), "en")(2025)
    assert names[dt.date(2025, 4, 7)] == "Eid al-Fitr Joint Holiday"
    assert marshal.loads(stored.read_bytes())["names"]["2025-04-07"] == "Eid al-Fitr Joint Holiday"


def test_a_cache_that_cannot_be_written_is_ignored(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    names = NationalCalendar("ID", ("public", "government"), "id")(2026)
    assert names[dt.date(2026, 3, 23)] == "Cuti Bersama Hari Raya Idul Fitri"


@pytest.mark.skipif(os.name != "posix", reason="XDG cache folder")
def test_warm_plan_imports_neither_holidays_nor_babel(tmp_path):
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "APEL_ROTASI_HOME": str(tmp_path / "home"),
        "NO_COLOR": "1",
    }
    code = (
        "import sys; from apel_rotasi.cli import main; sys.argv = ['apel-rotasi', 'plan', "
        "'--start', '2025-04-14', '--format', 'csv']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('holidays', 'babel') if m in sys.modules), file=sys.stderr)"
    )
    cold = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    warm = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert cold.stderr.strip().endswith("['babel', 'holidays']")
    assert warm.stderr.strip().endswith("[]")
    assert warm.stdout == cold.stdout
    assert "2025-05-12,Senin,,,,,,holiday,Hari Raya Waisak" in warm.stdout


def test_a_changed_file_is_parsed_again(home, cli):
    """The parsed-TOML cache is keyed by the file's identity: an edit is always seen."""
    cli.ok("record", "2025-04-14", "IT II")
    assert "16.71.06" in cli.ok("history", "--format", "csv").stdout
    history = home / "history.toml"
    history.write_text(history.read_text().replace("16.71.06", "16.71.09"), encoding="utf-8")
    out = cli.ok("history", "--format", "csv").stdout
    assert "16.71.09,Kemuning" in out and "16.71.06" not in out
