"""HTML and ICS through the command line: the page a clerk prints, the calendar that cancels."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar

SUNDAY_EVENING = "2025-04-13T13:00:00+00:00"


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APEL_ROTASI_NOW", SUNDAY_EVENING)


def test_plan_html_is_one_page_with_the_city_the_period_and_the_skipped_holidays(cli, home):
    out = home.parent / "jadwal.html"
    result = cli.ok("plan", "--start", "2025-05-05", "--weeks", "3", "-o", str(out))
    assert result.stderr == f"Ditulis {out}.\n"
    page = out.read_text(encoding="utf-8")
    assert '<html lang="id">' in page and "@page" in page and "<script" not in page
    assert '<p class="office">Sekretariat Daerah Kota Palembang</p>' in page
    assert "<h1>Jadwal apel pagi Sekda, 5 – 19 Mei 2025</h1>" in page  # noqa: RUF001
    assert "<h2>Hari libur yang dilewati</h2>" in page and "Hari Raya Waisak" in page
    # the window shows what the whole plan gives those days (it starts on 14 April)
    assert "Ilir Barat II" in page and "Seberang Ulu I" in page and "Kemuning" not in page


def test_a_note_stays_text_in_the_page(cli, home):
    cli.ok("record", "2025-04-07", "IT II", "--note", "<script>alert(1)</script>")
    page = cli.ok("history", "--format", "html").stdout
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_calendar_html_draws_the_month(cli):
    page = cli.ok("calendar", "2025-04", "--format", "html", "--lang", "en").stdout
    assert '<html lang="en">' in page and "April 2025" in page


def test_a_cancelled_pin_cancels_the_event_of_an_earlier_export(cli, home):
    first = Calendar.from_ical(cli.ok("plan", "--weeks", "3", "--format", "ics").stdout)
    planned = {e.get("uid"): e for e in first.walk("VEVENT")}
    cli.ok("pin", "2025-04-21", "--cancel", "Apel gabungan di Kantor Wali Kota")
    second = Calendar.from_ical(cli.ok("plan", "--weeks", "3", "--format", "ics").stdout)
    events = {e.get("uid"): e for e in second.walk("VEVENT")}
    uid = next(u for u, e in planned.items() if "2025-04-21" in str(u))
    assert events[uid].get("status") == "CANCELLED"
    assert "Apel gabungan" in str(events[uid].get("description")) + str(events[uid].get("summary"))
    assert int(events[uid].get("sequence")) >= int(planned[uid].get("sequence"))


def test_history_exports_ics_of_the_apel_held(cli, home: Path):
    cli.ok("record", "2025-04-07", "IT II", "--present", "150", "--sick", "2")
    cal = Calendar.from_ical(cli.ok("history", "--format", "ics").stdout)
    (event,) = list(cal.walk("VEVENT"))
    assert "Ilir Timur II" in str(event.get("summary"))
    assert "150" in str(event.get("description"))
