"""HTML pages: parsed back, escaped, self-contained, printable, in the output language."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest
from conftest import plan_record

from apel_rotasi.month import month_view
from apel_rotasi.render import html

pytestmark = pytest.mark.usefixtures("home")  # names() caches Babel's words in a temp folder

D = dt.date
MADE = D(2025, 5, 6)
CITY = "Kota Palembang"
PEOPLE = {"kecamatan": {"16.71.06": "Ilir Timur II"}, "leader": {"sekda": "Aprizal Hasyim"}}
EVIL = "<script>alert(1)</script>"
TO = "\N{EN DASH}"  # between the ends of a period
COUNTS = dict.fromkeys(("present", "sick", "leave", "permit", "duty", "absent"))


class Parsed(HTMLParser):
    """Tags with their attributes, the text of every element, and the style sheet."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.texts: list[tuple[str, str]] = []  # (innermost tag, text)
        self.style = ""
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "br"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        where = self.stack[-1] if self.stack else ""
        if where == "style":
            self.style += data
        elif data.strip():
            self.texts.append((where, data.strip()))

    def text_of(self, tag: str) -> list[str]:
        return [text for where, text in self.texts if where == tag]

    def classes(self, tag: str) -> list[str]:
        return [attrs.get("class") or "" for name, attrs in self.tags if name == tag]


def plan_records() -> list[dict]:
    return [
        plan_record(D(2025, 4, 7), "holiday", note="Cuti Bersama Hari Raya Idul Fitri"),
        plan_record(D(2025, 4, 14), "recorded", "Ilir Timur II", note=EVIL),
        plan_record(D(2025, 4, 21), "pinned", "Alang-Alang <b>Lebar</b> & Co", leader="Ratu Dewa"),
        plan_record(D(2025, 4, 28), "unrecorded"),
        plan_record(D(2025, 5, 5), "planned", "Kemuning"),
        plan_record(D(2025, 5, 12), "holiday", note="Hari Raya Waisak"),
        plan_record(D(2025, 5, 19), "cancelled", note="Apel gabungan <di> Kantor Wali Kota"),
        plan_record(D(2025, 8, 18), "planned", "Sako"),
    ]


def history_records() -> list[dict]:
    return [
        {
            "date": D(2025, 4, 14),
            "round": 1,
            "kecamatan_code": "16.71.06",
            "kecamatan": "Ilir Timur II",
            "short": "IT II",
            "leader": "Aprizal Hasyim",
            **COUNTS,
            "present": 150,
            "sick": 3,
            "note": EVIL,
            "status": "held",
        },
        {
            "date": D(2025, 4, 21),
            "round": None,
            "kecamatan_code": None,
            "kecamatan": None,
            "short": None,
            "leader": None,
            **COUNTS,
            "note": "Hujan & petir",
            "status": "cancelled",
        },
    ]


def roster_records() -> list[dict]:
    return [
        {
            "order": 1,
            "kecamatan_code": "16.71.06",
            "kecamatan": "Ilir Timur <II>",
            "short": "IT II",
            "kelurahan": 6,
            "visits": 1,
            "last_visit": D(2025, 4, 14),
            "days_since": 22,
            **COUNTS,
            "present": 150,
            "sick": 3,
            "attendance_rate": 0.9804,
            "staff": None,
            "findings_open": 1,
            "findings_overdue": 0,
        },
        {
            "order": 2,
            "kecamatan_code": "16.71.15",
            "kecamatan": "Alang-Alang Lebar",
            "short": None,
            "kelurahan": None,
            "visits": 0,
            "last_visit": None,
            "days_since": None,
            **COUNTS,
            "attendance_rate": None,
            "staff": None,
            "findings_open": 0,
            "findings_overdue": 0,
        },
    ]


def log_records() -> list[dict]:
    return [
        {
            "at": "2025-04-14T09:12:44+07:00",
            "user": "sekretariat",
            "action": "record",
            "file": "history.toml",
            "date": "2025-04-14",
            "before": None,
            "after": {"date": "2025-04-14", "kecamatan": "16.71.06", "note": EVIL},
        }
    ]


def april_view():
    return month_view(
        2025,
        4,
        {D(2025, 4, 7): "Cuti <Bersama>", D(2025, 4, 18): "Wafat Yesus Kristus"},
        {D(2025, 4, 14): "IT <II>"},
        {D(2025, 4, 28): "Kemuning"},
        {D(2025, 4, 21): EVIL},
    )


def every_page(lang: str) -> dict[str, html.Page]:
    return {
        "plan": html.listing_page(
            "plan", plan_records(), lang, CITY, MADE, summary="Putaran 1 <ok>"
        ),
        "history": html.listing_page("history", history_records(), lang, CITY, MADE),
        "report": html.listing_page("report", roster_records(), lang, CITY, MADE),
        "unvisited": html.listing_page("unvisited", roster_records(), lang, CITY, MADE),
        "kecamatan": html.listing_page("kecamatan", roster_records(), lang, CITY, MADE),
        "log": html.listing_page("log", log_records(), lang, CITY, MADE, people=PEOPLE),
        "calendar": html.calendar_page(april_view(), lang, CITY, MADE),
        "empty": html.listing_page("unvisited", [], lang, CITY, MADE),
    }


NAMES = ["plan", "history", "report", "unvisited", "kecamatan", "log", "calendar", "empty"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, request) -> dict[tuple[str, str], str]:
    """Every page in both languages, rendered once (the Babel cache in a temp folder)."""
    patch = pytest.MonkeyPatch()
    patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    request.addfinalizer(patch.undo)
    pages = {}
    for lang in ("id", "en"):
        for name, page in every_page(lang).items():
            pages[lang, name] = html.to_html(page).decode("utf-8")
    return pages


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_every_page_is_self_contained_and_printable(rendered, lang, name):
    text = rendered[lang, name]
    page = Parsed(text)
    assert text.startswith("<!DOCTYPE html>")
    assert ("html", {"lang": lang}) in page.tags
    assert ("meta", {"charset": "utf-8"}) in page.tags
    lowered = text.lower()
    assert "<script" not in lowered
    for reference in ("http://", "https://", "src=", "@import", "url(", "<link", "href="):
        assert reference not in lowered, reference
    assert all(tag not in ("script", "img", "iframe", "object", "link") for tag, _ in page.tags)
    assert "@page" in page.style and "size: A4" in page.style
    assert "thead { display: table-header-group; }" in page.style
    made = {"id": "Dibuat pada Selasa, 6 Mei 2025", "en": "Made on Tuesday, 6 May 2025"}[lang]
    assert page.text_of("footer")[0].startswith(made)
    office = {
        "id": "Sekretariat Daerah Kota Palembang",
        "en": "Regional Secretariat, Kota Palembang",
    }
    assert page.text_of("p")[0] == office[lang]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_names_and_notes_stay_text(rendered, lang, name):
    """A note ``<script>`` or a name with ``<b>`` or ``&`` is shown as written, not run."""
    page = Parsed(rendered[lang, name])
    assert {tag for tag, _ in page.tags} <= {
        "html", "head", "meta", "title", "style", "body", "header", "p", "h1", "h2", "main",
        "table", "thead", "tbody", "tfoot", "tr", "th", "td", "span", "section", "ul", "li",
        "footer", "div",
    }  # fmt: skip
    shown = " ".join(text for _, text in page.texts)
    expected = {
        "plan": [EVIL, "Alang-Alang <b>Lebar</b> & Co", "Apel gabungan <di> Kantor Wali Kota"],
        "history": [EVIL, "Hujan & petir"],
        "report": ["Ilir Timur <II> (IT II)"],
        "unvisited": ["Ilir Timur <II> (IT II)"],
        "kecamatan": ["Ilir Timur <II> (IT II)"],
        "log": [f"{'Keterangan' if lang == 'id' else 'Note'}: {EVIL}", "Ilir Timur II"],
        "calendar": ["✓ IT <II>", EVIL, "Cuti <Bersama>"],
        "empty": [],
    }[name]
    for text in expected:
        assert text in shown


HEADERS = {
    ("id", "plan"): [
        "Tanggal", "Jam", "Putaran", "Kecamatan", "Pemimpin", "Status", "Keterangan"
    ],
    ("en", "plan"): ["Date", "Time", "Round", "Kecamatan", "Leader", "Status", "Note"],
    ("id", "history"): [
        "Tanggal", "Putaran", "Kecamatan", "Pemimpin", "Hadir", "Sakit", "Cuti", "Izin",
        "Dinas", "Tanpa keterangan", "Keterangan",
    ],
    ("en", "history"): [
        "Date", "Round", "Kecamatan", "Leader", "Present", "Sick", "Leave", "Permit", "Duty",
        "Absent", "Note",
    ],
    ("id", "report"): [
        "Kecamatan", "Kunjungan", "Kunjungan terakhir", "Hari sejak", "Hadir", "Sakit", "Cuti",
        "Izin", "Dinas", "Tanpa keterangan", "Tingkat kehadiran", "Jumlah pegawai",
        "Temuan terbuka", "Temuan lewat batas",
    ],
    ("en", "report"): [
        "Kecamatan", "Visits", "Last visit", "Days since", "Present", "Sick", "Leave",
        "Permit", "Duty", "Absent", "Attendance rate", "Staff", "Open findings",
        "Overdue findings",
    ],
    ("id", "unvisited"): ["Kode", "Kecamatan", "Kunjungan terakhir"],
    ("en", "unvisited"): ["Code", "Kecamatan", "Last visit"],
    ("id", "kecamatan"): ["#", "Kode", "Kecamatan", "Kelurahan", "Kunjungan", "Kunjungan terakhir"],
    ("en", "kecamatan"): ["#", "Code", "Kecamatan", "Kelurahan", "Visits", "Last visit"],
    ("id", "log"): ["Waktu", "Pengguna", "Tindakan", "Berkas", "Tanggal", "Sebelum", "Sesudah"],
    ("en", "log"): ["When", "User", "Action", "File", "Date", "Before", "After"],
    ("id", "calendar"): ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
    ("en", "calendar"): [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    ],
}  # fmt: skip


@pytest.mark.parametrize(("lang", "name"), sorted(HEADERS))
def test_headers_are_in_the_output_language(rendered, lang, name):
    assert Parsed(rendered[lang, name]).text_of("th") == HEADERS[lang, name]


@pytest.mark.parametrize(
    ("lang", "title", "skipped", "holiday"),
    [
        (
            "id",
            f"Jadwal apel pagi Sekda, 7 April {TO} 18 Agustus 2025",
            "Hari libur yang dilewati",
            [
                "Senin, 7 April 2025: Cuti Bersama Hari Raya Idul Fitri",
                "Senin, 12 Mei 2025: Hari Raya Waisak",
            ],
        ),
        (
            "en",
            f"The Sekda's morning apel schedule, 7 April {TO} 18 August 2025",
            "Holidays skipped",
            [
                "Monday, 7 April 2025: Cuti Bersama Hari Raya Idul Fitri",
                "Monday, 12 May 2025: Hari Raya Waisak",
            ],
        ),
    ],
)  # fmt: skip
def test_the_plan_names_its_period_and_lists_the_holidays_it_skipped(
    rendered, lang, title, skipped, holiday
):
    text = rendered[lang, "plan"]
    page = Parsed(text)
    assert page.text_of("h1") == [title]
    assert page.text_of("title")[0].startswith(title)
    assert page.text_of("h2") == [skipped]
    assert page.text_of("li") == holiday
    assert text.index("</table>") < text.index(skipped)  # under the table
    rows = page.classes("tr")[1:]
    assert rows == [
        "holiday", "recorded", "pinned", "unrecorded", "planned", "holiday", "cancelled", "planned"
    ]  # fmt: skip
    status = {"id": ["libur", "tercatat", "ditetapkan"], "en": ["holiday", "recorded", "pinned"]}
    cells = page.text_of("td")
    for word in status[lang]:
        assert word in cells
    assert {"id": "— libur —", "en": "— holiday —"}[lang] in cells


def test_holiday_rows_differ_in_print_not_only_by_colour(rendered):
    """Holidays are set in italics and shaded, and print with their background."""
    style = Parsed(rendered["id", "plan"]).style
    rule = style[style.index("tr.holiday td") :].split("}")[0]
    assert "font-style: italic" in rule and "background" in rule
    assert "print-color-adjust: exact" in style


def test_the_calendar_draws_the_month(rendered):
    page = Parsed(rendered["id", "calendar"])
    assert page.text_of("h1") == ["Kalender apel pagi, April 2025"]
    cells = page.classes("td")
    assert len(cells) == 5 * 7
    assert cells[0] == "outside"  # 1 April 2025 is a Tuesday
    assert "holiday" in cells[7]  # Monday 7 April
    assert cells[14] == "recorded" and cells[21] == "cancelled" and cells[28] == "planned"
    days = page.text_of("span")
    assert "7 *" in days and "18 *" in days and "Kemuning" in days
    assert page.text_of("h2") == ["Hari libur"]
    assert page.text_of("li") == ["* 7 April: Cuti <Bersama>", "* 18 April: Wafat Yesus Kristus"]
    assert "✓ apel tercatat" in page.text_of("p")[-1]


def test_the_wide_listings_print_in_landscape(rendered):
    for name in ("history", "report", "log"):
        assert "size: A4 landscape" in Parsed(rendered["id", name]).style
    assert "size: A4 landscape" not in Parsed(rendered["id", "plan"]).style


def test_figures_are_written_for_people(rendered):
    cells = Parsed(rendered["id", "report"]).text_of("td")
    assert "98,0%" in cells and "belum" in cells and "Selasa, 14 April 2025" not in cells
    assert "Senin, 14 April 2025" in cells
    assert "98.0%" in Parsed(rendered["en", "report"]).text_of("td")
    log = Parsed(rendered["id", "log"]).text_of("td")
    assert log[:5] == ["Senin, 14 April 2025 09:12", "sekretariat", "catat", "history.toml",
                       "Senin, 14 April 2025"]  # fmt: skip
    assert "record" in Parsed(rendered["en", "log"]).text_of("td")


def test_an_empty_listing_says_so(rendered):
    assert "Tidak ada baris." in Parsed(rendered["id", "empty"]).text_of("p")
    assert "<table" not in rendered["id", "empty"]


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (D(2025, 4, 14), D(2025, 8, 18), f"14 April {TO} 18 Agustus 2025"),
        (D(2025, 4, 14), D(2025, 4, 28), f"14 {TO} 28 April 2025"),
        (D(2025, 12, 29), D(2026, 1, 12), f"29 Desember 2025 {TO} 12 Januari 2026"),
        (D(2025, 4, 14), D(2025, 4, 14), "14 April 2025"),
    ],
)
def test_a_period_writes_a_shared_year_and_month_once(first, last, expected):
    from apel_rotasi.names import names

    assert html.period(first, last, names("id")) == expected
