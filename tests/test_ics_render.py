"""ICS files of ``plan`` and ``history``, read back with icalendar and with vobject."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from conftest import plan_record

from apel_rotasi.model import Rotation
from apel_rotasi.render.ics import history_to_ics, plan_to_ics, sequence, uid

D = dt.date
WIB = ZoneInfo("Asia/Jakarta")
ROTATION = Rotation()  # Kota Palembang, 07:30 for 60 minutes, Asia/Jakarta
STAMP = dt.datetime(2025, 4, 10, 8, 0, tzinfo=dt.UTC)
LATER = STAMP + dt.timedelta(seconds=1)
TITLES = {"Aprizal Hasyim": "Sekretaris Daerah", "Ratu Dewa": "Wali Kota"}
COUNTS = dict.fromkeys(("present", "sick", "leave", "permit", "duty", "absent"))


PLAN = [
    plan_record(D(2025, 4, 7), "recorded", "Ilir Timur II"),
    plan_record(D(2025, 4, 14), "unrecorded"),
    plan_record(D(2025, 4, 21), "planned", "Alang-Alang Lebar", note="Bawa map"),
    plan_record(D(2025, 4, 28), "pinned", "Kemuning", leader="Ratu Dewa"),
    plan_record(D(2025, 5, 5), "planned", "Ilir Barat II"),
    plan_record(D(2025, 5, 12), "holiday", note="Hari Raya Waisak"),
    plan_record(D(2025, 5, 19), "cancelled", note="Apel gabungan di Kantor Wali Kota"),
    plan_record(D(2025, 5, 26), "planned", "Sako", round_=2),
]


def read_both(data: bytes) -> tuple[dict[dt.date, icalendar.Event], dict[dt.date, object]]:
    """The events by start date, as each reader sees them (one event a date)."""
    by_icalendar = {}
    for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
        day = event.decoded("dtstart").date()
        assert day not in by_icalendar
        by_icalendar[day] = event
    by_vobject = {}
    for event in vobject.readOne(data.decode("utf-8")).vevent_list:
        by_vobject[event.dtstart.value.date()] = event
    assert sorted(by_icalendar) == sorted(by_vobject)
    return by_icalendar, by_vobject


def plan(records=PLAN, stamp=STAMP, lang="id", **options) -> bytes:
    return plan_to_ics(records, ROTATION, stamp, lang, titles=TITLES, **options)


def test_an_event_per_apel_and_a_cancelled_event_per_day_without_one():
    ical, vobj = read_both(plan())
    assert sorted(ical) == [r["date"] for r in PLAN if r["status"] != "unrecorded"]
    status = {day: str(event["status"]) for day, event in ical.items()}
    assert status == {
        D(2025, 4, 7): "CONFIRMED",  # recorded
        D(2025, 4, 21): "TENTATIVE",
        D(2025, 4, 28): "CONFIRMED",  # pinned
        D(2025, 5, 5): "TENTATIVE",
        D(2025, 5, 12): "CANCELLED",
        D(2025, 5, 19): "CANCELLED",
        D(2025, 5, 26): "TENTATIVE",
    }
    assert {day: e.status.value for day, e in vobj.items()} == status


def test_a_cancelled_event_gives_the_reason():
    ical, vobj = read_both(plan())
    waisak, joint = ical[D(2025, 5, 12)], ical[D(2025, 5, 19)]
    assert str(waisak["summary"]) == "Tidak ada apel pagi: Hari Raya Waisak"
    assert str(waisak["description"]) == "Hari Raya Waisak"
    assert str(joint["description"]) == "Apel gabungan di Kantor Wali Kota"
    assert str(joint["transp"]) == "TRANSPARENT"
    assert vobj[D(2025, 5, 19)].summary.value == (
        "Tidak ada apel pagi: Apel gabungan di Kantor Wali Kota"
    )
    # the same UID and time as the apel an older file had on that day
    assert str(joint["uid"]) == uid("Kota Palembang", D(2025, 5, 19))
    assert joint.decoded("dtstart") == dt.datetime(2025, 5, 19, 7, 30, tzinfo=WIB)


def test_every_field_of_an_apel():
    ical, vobj = read_both(plan())
    event = vobj[D(2025, 4, 21)]
    assert event.summary.value == "Apel pagi: Kecamatan Alang-Alang Lebar"
    assert event.location.value == "Kantor Camat Alang-Alang Lebar, Kota Palembang"
    assert event.description.value == (
        "Pemimpin apel: Sekretaris Daerah Aprizal Hasyim\nPutaran 1\nBawa map"
    )
    assert event.dtstart.value == dt.datetime(2025, 4, 21, 7, 30, tzinfo=WIB)
    assert event.dtend.value - event.dtstart.value == dt.timedelta(minutes=60)
    assert event.dtstamp.value == STAMP
    assert "Wali Kota Ratu Dewa" in vobj[D(2025, 4, 28)].description.value
    assert ical[D(2025, 5, 26)]["description"].startswith("Pemimpin apel: ")
    assert "Putaran 2" in ical[D(2025, 5, 26)]["description"]


def test_english():
    ical, _ = read_both(plan(lang="en"))
    apel, holiday = ical[D(2025, 4, 21)], ical[D(2025, 5, 12)]
    assert str(apel["summary"]) == "Morning apel: Kecamatan Alang-Alang Lebar"
    assert str(apel["location"]) == "Kantor Camat Alang-Alang Lebar, Kota Palembang"
    assert str(apel["description"]) == "Led by: Sekretaris Daerah Aprizal Hasyim\nRound 1\nBawa map"
    assert str(holiday["summary"]) == "No morning apel: Hari Raya Waisak"


def test_a_pin_that_names_only_the_leader_is_firm():
    ical, _ = read_both(plan(firm={D(2025, 5, 5)}))
    assert str(ical[D(2025, 5, 5)]["status"]) == "CONFIRMED"
    assert str(ical[D(2025, 4, 21)]["status"]) == "TENTATIVE"


def test_a_cancellation_replaces_the_apel_of_an_older_export():
    """Import, cancel the date, export again: same UID, higher SEQUENCE, CANCELLED."""
    day = D(2025, 5, 5)
    before, _ = read_both(plan())
    cancelled = [
        plan_record(day, "cancelled", note="Hujan") if r["date"] == day else r for r in PLAN
    ]
    after, vobj = read_both(plan(cancelled, stamp=LATER))
    assert str(after[day]["uid"]) == str(before[day]["uid"])
    assert after[day]["sequence"] > before[day]["sequence"]
    assert int(vobj[day].sequence.value) == after[day]["sequence"]
    assert str(after[day]["status"]) == "CANCELLED"
    assert "Hujan" in str(after[day]["summary"])


def test_sequence_never_goes_down_and_rises_with_the_stamp():
    stamps = [
        dt.datetime(2019, 6, 1, tzinfo=dt.UTC),
        dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
        dt.datetime(2020, 1, 1, 0, 0, 1, tzinfo=dt.UTC),
        dt.datetime(2025, 4, 14, 7, 30, tzinfo=WIB),
        dt.datetime(2025, 4, 14, 7, 30, 1, tzinfo=WIB),
        dt.datetime(2088, 1, 1, tzinfo=dt.UTC),
    ]
    numbers = [sequence(stamp) for stamp in stamps]
    assert numbers[0] == numbers[1] == 0
    assert numbers[1:] == sorted(set(numbers[1:]))
    assert numbers[-1] < 2**31
    exported = [read_both(plan(stamp=stamp))[0] for stamp in stamps[2:]]
    for earlier, later in pairwise(exported):
        for day, event in later.items():
            assert event["sequence"] > earlier[day]["sequence"]


def test_the_same_inputs_give_the_same_file():
    assert plan() == plan()


def test_uid_depends_only_on_the_city_and_the_date():
    first, _ = read_both(plan())
    changed = [{**r, "kecamatan": "Gandus", "note": "lain"} for r in PLAN]
    second, _ = read_both(plan(changed, stamp=LATER, lang="en"))
    assert {d: str(e["uid"]) for d, e in first.items()} == {
        d: str(e["uid"]) for d, e in second.items()
    }
    assert uid("Kota Palembang", D(2025, 4, 21)) == "apel-2025-04-21@kota-palembang.apel-rotasi"
    assert uid("Kabupaten Contoh", D(2025, 4, 21)) != uid("Kota Palembang", D(2025, 4, 21))


HISTORY = [
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
        "leave": 2,
        "absent": 0,
        "note": "Apel minggu kedua",
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
        "note": "Hujan deras",
        "status": "cancelled",
    },
    {
        "date": D(2025, 4, 28),
        "round": 1,
        "kecamatan_code": "16.71.15",
        "kecamatan": "Alang-Alang Lebar",
        "short": "AAL",
        "leader": "Ratu Dewa",
        **COUNTS,
        "note": None,
        "status": "held",
    },
]


@pytest.mark.parametrize(
    ("lang", "description"),
    [
        (
            "id",
            "Pemimpin apel: Sekretaris Daerah Aprizal Hasyim\nPutaran 1\n"
            "Kehadiran: Hadir 150, Sakit 3, Cuti 2, Tanpa keterangan 0\nApel minggu kedua",
        ),
        (
            "en",
            "Led by: Sekretaris Daerah Aprizal Hasyim\nRound 1\n"
            "Attendance: Present 150, Sick 3, Leave 2, Absent 0\nApel minggu kedua",
        ),
    ],
)
def test_history_has_an_event_per_apel_held_with_its_attendance(lang, description):
    data = history_to_ics(HISTORY, ROTATION, STAMP, lang, titles=TITLES)
    ical, vobj = read_both(data)
    assert sorted(ical) == [D(2025, 4, 14), D(2025, 4, 28)]  # not the cancelled week
    assert vobj[D(2025, 4, 14)].description.value == description
    assert all(str(event["status"]) == "CONFIRMED" for event in ical.values())
    assert (
        vobj[D(2025, 4, 28)].description.value
        == {
            "id": "Pemimpin apel: Wali Kota Ratu Dewa\nPutaran 1",
            "en": "Led by: Wali Kota Ratu Dewa\nRound 1",
        }[lang]
    )
    # the apel held takes the place of the apel planned on that day
    assert str(ical[D(2025, 4, 14)]["uid"]) == uid("Kota Palembang", D(2025, 4, 14))


def test_the_calendar_declares_its_zone():
    data = plan()
    calendar = icalendar.Calendar.from_ical(data)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Jakarta"]
    assert str(calendar["x-wr-calname"]) == "Apel pagi Kota Palembang"
    assert b"\r\n" in data
