"""``publish DIR`` and ``notice --changes``, through the command line: the folder people
subscribe to, and the notices of what changed since it was last published."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest
from conftest import BUNDLED, CODES, snapshot
from icalendar import Calendar

# Sunday 4 May 2025, 20:00 in Palembang, after the apel of 14, 21 and 28 April.
SUNDAY_EVENING = "2025-05-04T13:00:00+00:00"
PAGES = [
    "apel-rotasi-manifest.json",
    "calendar-2025-05.html",
    "calendar-2025-06.html",
    "findings.html",
    "history.html",
    "index.html",
    "plan.ics",
    "report.html",
]
FEEDS = sorted(
    [
        *(f"kecamatan/{code}.ics" for code in CODES.values()),
        *("leader/sekda.ics", "leader/walikota.ics", "leader/wawako.ics"),
    ]
)


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APEL_ROTASI_NOW", SUNDAY_EVENING)


@pytest.fixture
def recorded(cli) -> None:
    """Three apel held: Ilir Timur II, Alang-Alang Lebar (led by the Wali Kota), Kemuning."""
    cli.ok("record", "2025-04-14", "IT II")
    cli.ok("record", "2025-04-21", "AAL", "--led-by", "wako")
    cli.ok("record", "2025-04-28", "Kemuning", "--present", "150")


def files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def events(path: Path) -> dict[dt.date, object]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {e.decoded("dtstart").date(): e for e in calendar.walk("VEVENT")}


def mtimes(folder: Path) -> dict[str, int]:
    return {name: (folder / name).stat().st_mtime_ns for name in files(folder)}


def age(folder: Path) -> None:
    """Every file of the folder a day older, so a rewrite shows in its time."""
    for path in folder.rglob("*"):
        if path.is_file():
            stamp = path.stat().st_mtime - 86400
            os.utime(path, (stamp, stamp))


def test_publish_writes_the_folder_of_calendars_and_pages(cli, home, recorded):
    out = home.parent / "web"
    result = cli.ok("publish", str(out))
    assert result.stdout == ""
    assert (
        result.stderr == f"Diterbitkan ke {out}: 28 berkas ditulis, 0 tidak berubah, 0 dihapus.\n"
    )
    assert files(out) == sorted(PAGES + FEEDS)
    manifest = json.loads((out / "apel-rotasi-manifest.json").read_text())
    assert manifest["files"] == sorted(set(PAGES + FEEDS) - {"apel-rotasi-manifest.json"})

    city = events(out / "plan.ics")
    held = city[dt.date(2025, 4, 21)]
    assert held.get("status") == "CONFIRMED"
    assert str(held.get("summary")) == "Apel pagi: Kecamatan Alang-Alang Lebar"
    assert "Ratu Dewa" in str(held.get("description"))
    assert str(city[dt.date(2025, 5, 5)].get("summary")) == "Apel pagi: Kecamatan Ilir Barat II"
    waisak = city[dt.date(2025, 5, 12)]
    assert waisak.get("status") == "CANCELLED" and "Waisak" in str(waisak.get("summary"))
    exported = Calendar.from_ical(cli.ok("plan", "--format", "ics").stdout)
    assert {str(e.get("uid")) for e in exported.walk("VEVENT")} <= {
        str(e.get("uid")) for e in city.values()
    }

    kemuning = events(out / f"kecamatan/{CODES['Kemuning']}.ics")
    assert list(kemuning) == [dt.date(2025, 4, 28)]
    assert "Kemuning" in str(Calendar.from_ical((out / "kecamatan/16.71.09.ics").read_bytes()))
    wako = events(out / "leader/walikota.ics")
    assert list(wako) == [dt.date(2025, 4, 21)]
    assert events(out / "leader/wawako.ics") == {}

    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<script" not in index and "Jadwal apel pagi Sekda, 5 Mei" in index
    links = re.findall(r'href="([^"]+)"', index)
    assert sorted(links) == sorted(set(PAGES + FEEDS) - {"index.html", "apel-rotasi-manifest.json"})
    assert "Cara berlangganan" in index and "Dibuat pada Minggu, 4 Mei 2025" in index
    assert '<a href="kecamatan/16.71.09.ics">Kecamatan Kemuning</a>' in index
    assert "Mei 2025" in (out / "calendar-2025-05.html").read_text(encoding="utf-8")
    assert "Alang-Alang Lebar" in (out / "history.html").read_text(encoding="utf-8")

    published = json.loads((home / "published.json").read_text())
    assert published["folder"] == str(out)
    rows = {row["date"]: row for row in published["rows"]}
    assert rows["2025-04-14"]["status"] == "recorded" and rows["2025-05-05"]["status"] == "planned"
    assert rows["2025-04-21"]["leader"] == "Ratu Dewa" and rows["2025-05-05"]["time"] == "07:30"


def test_publishing_twice_with_nothing_changed_rewrites_no_file(cli, home, recorded):
    out = home.parent / "web"
    cli.ok("publish", str(out))
    age(out)
    before = mtimes(out)
    result = cli.ok("publish", str(out))
    assert result.stderr == (
        f"Diterbitkan ke {out}: 0 berkas ditulis, 28 tidak berubah, 0 dihapus.\n"
        "Tidak ada hari apel yang berubah sejak publish terakhir (Minggu, 4 Mei 2025).\n"
    )
    assert mtimes(out) == before


def test_a_pin_then_a_publish_changes_exactly_the_affected_feeds(cli, home, recorded):
    out = home.parent / "web"
    cli.ok("publish", str(out))
    age(out)
    before = mtimes(out)
    old = events(out / "plan.ics")
    cli.ok("pin", "2025-05-19", "--led-by", "wawako")  # Seberang Ulu I's apel, another leader
    result = cli.ok("publish", str(out))
    assert "1 hari apel berubah sejak publish sebelumnya" in result.stderr
    changed = sorted(name for name, stamp in mtimes(out).items() if before[name] != stamp)
    assert changed == [  # the month's page shows no leader: it stays
        "index.html",
        f"kecamatan/{CODES['Seberang Ulu I']}.ics",
        "leader/sekda.ics",
        "leader/wawako.ics",
        "plan.ics",
    ]
    new = events(out / "plan.ics")
    day = dt.date(2025, 5, 19)
    assert int(new[day].get("sequence")) > int(old[day].get("sequence"))
    assert all(new[d].get("sequence") == old[d].get("sequence") for d in new if d != day)


def test_a_kecamatan_removed_from_the_roster_loses_its_feed(cli, home, recorded):
    out = home.parent / "web"
    cli.ok("publish", str(out))
    (out / "baca-saya.txt").write_text("jangan dihapus")
    (out / "kecamatan" / "catatan.txt").write_text("milik orang lain")
    text = BUNDLED.read_text(encoding="utf-8")
    last = text.rindex("[[kecamatan]]")
    assert '"16.71.18"' in text[last:]  # Ilir Timur III, the last of the roster
    (home / "kecamatan.toml").write_text(text[:last], encoding="utf-8")
    result = cli.ok("publish", str(out))
    assert ", 1 dihapus." in result.stderr
    assert not (out / "kecamatan/16.71.18.ics").exists()
    assert (out / "baca-saya.txt").read_text() == "jangan dihapus"
    assert (out / "kecamatan" / "catatan.txt").read_text() == "milik orang lain"
    manifest = json.loads((out / "apel-rotasi-manifest.json").read_text())
    assert "kecamatan/16.71.18.ics" not in manifest["files"]


def test_a_manifest_naming_files_not_ours_removes_nothing_else(cli, home, recorded):
    out = home.parent / "web"
    cli.ok("publish", str(out))
    outside = home.parent / "keep.ics"
    outside.write_text("keep")
    (out / "notes.html").write_text("keep")
    manifest = out / "apel-rotasi-manifest.json"
    data = json.loads(manifest.read_text())
    data["files"] += ["../keep.ics", "notes.html", "/etc/hostname"]
    manifest.write_text(json.dumps(data))
    cli.ok("publish", str(out))
    assert outside.read_text() == "keep" and (out / "notes.html").read_text() == "keep"


def test_publish_into_a_file_is_an_error_and_changes_nothing(cli, home, recorded):
    target = home.parent / "web"
    target.write_text("a file")
    before = snapshot(home)
    result = cli("publish", str(target), "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {target}: ")
    assert target.read_text() == "a file"
    assert snapshot(home) == before


def test_notice_changes_before_any_publish_is_an_error(cli, home, recorded):
    before = snapshot(home)
    result = cli("notice", "--changes", "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: there has been no `apel-rotasi publish` from this home")
    assert result.stdout == ""
    assert snapshot(home) == before


def test_notice_changes_with_nothing_changed_says_so(cli, home, recorded):
    cli.ok("publish", str(home.parent / "web"))
    result = cli.ok("notice", "--changes")
    assert result.stdout == ""
    assert result.stderr == (
        "Tidak ada hari apel yang berubah sejak publish terakhir (Minggu, 4 Mei 2025).\n"
    )


def test_notice_changes_after_a_pin_tells_both_camat(cli, home, recorded):
    cli.ok("publish", str(home.parent / "web"))
    cli.ok("pin", "2025-05-05", "Sako", "--note", "Peresmian pasar")
    out = cli.ok("notice", "--changes", "--lang", "en").stdout
    notices = out.strip().split("\n\n")
    first = out.split("\n\n")[0]
    assert first == (
        "SCHEDULE CHANGE Monday, 5 May 2025: it was the apel at Kecamatan Ilir Barat II at "
        "07:30 WIB, led by Aprizal Hasyim; it is now the apel at Kecamatan Sako at 07:30 WIB, "
        "led by Aprizal Hasyim. Why: Peresmian pasar."
    )
    assert "To the Camat of Sako," in notices
    assert "Date: Monday, 5 May 2025" in out
    assert "To the Camat of Ilir Barat II," in notices
    # Ilir Barat II now waits a week: a notice of its new date, as the camat expected now.
    assert "Date: Monday, 19 May 2025" in out and "To the Camat of Ilir Barat II" in out


def test_notice_changes_after_a_cancel_gives_the_reason(cli, home, recorded):
    cli.ok("publish", str(home.parent / "web"))
    cli.ok("pin", "2025-05-05", "--cancel", "Apel gabungan di Kantor Wali Kota")
    out = cli.ok("notice", "--changes").stdout
    assert out.startswith(
        "Yth. Camat Ilir Barat II,\n\nDengan hormat, kami sampaikan perubahan jadwal apel pagi "
        "Senin, 5 Mei 2025: sebelumnya apel di Kecamatan Ilir Barat II pukul 07:30 WIB, "
        "dipimpin Aprizal Hasyim; kini tidak ada apel (Apel gabungan di Kantor Wali Kota).\n"
    )


def test_notice_changes_after_a_closure_in_the_roster(cli, home, recorded):
    cli.ok("publish", str(home.parent / "web"))
    closure = '[[closure]]\ndate = 2025-05-19\nreason = "HUT Kota Palembang"\n\n'
    text = BUNDLED.read_text(encoding="utf-8").replace("[[leader]]", closure + "[[leader]]", 1)
    (home / "kecamatan.toml").write_text(text, encoding="utf-8")
    out = cli.ok("notice", "--changes", "--lang", "en").stdout
    assert out.startswith("To the Camat of Seberang Ulu I,")
    assert "it is now no apel (HUT Kota Palembang)" in out


def test_notice_changes_cannot_go_with_a_date(cli, home, recorded):
    result = cli("notice", "--changes", "--weeks", "2", "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr == "Error: --changes cannot go with DATE or --weeks.\n"


def test_a_damaged_published_json_is_an_error_naming_it(cli, home, recorded):
    (home / "published.json").write_text("{not json")
    result = cli("notice", "--changes", "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {home / 'published.json'}: not a complete record")


def test_a_damaged_published_json_is_written_anew_by_publish(cli, home, recorded):
    (home / "published.json").write_text("{not json")
    out = home.parent / "web"
    result = cli.ok("publish", str(out), "--lang", "en")
    assert result.stderr.startswith(
        f"Warning: {home / 'published.json'} could not be read and is written anew"
    )
    assert json.loads((home / "published.json").read_text())["folder"] == str(out)
    assert cli.ok("notice", "--changes", "--lang", "en").stderr.startswith("No apel day has")


def test_publish_weeks_bounds_the_plan_put_out(cli, home, recorded):
    out = home.parent / "web"
    cli.ok("publish", str(out), "--weeks", "2")
    coming = [day for day in events(out / "plan.ics") if day >= dt.date(2025, 5, 5)]
    assert coming == [dt.date(2025, 5, 5), dt.date(2025, 5, 12)]
    assert not any(
        "Seberang Ulu I" in str(e.get("summary")) for e in events(out / "plan.ics").values()
    )


def test_publish_weeks_below_one_is_an_error_and_writes_nothing(cli, home, recorded):
    before = snapshot(home.parent)
    result = cli("publish", str(home.parent / "web"), "--weeks", "0", "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr == "Error: --weeks must be 1 or more, not 0.\n"
    assert snapshot(home.parent) == before
