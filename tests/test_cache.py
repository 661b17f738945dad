"""The cache: checked entries, a bounded folder, warm runs that need no library."""

import datetime as dt
import marshal
import os
import random
import shutil

import pytest

from apel_rotasi.holiday import NationalCalendar
from apel_rotasi.store import cache

VALUE = {
    "names": {"2025-04-07": "Cuti Bersama Hari Raya Idul Fitri", "2025-05-12": "Hari Raya Waisak"},
    "rows": [("16.71.06", "Ilir Timur II", "Sekda", 1, True), (2025, 4, 14, None, 3.5)],
}


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "apel-rotasi"


def entry(cache_home, name):
    [found] = cache_home.glob(f"{name}.py*")
    return found


def test_a_value_comes_back_as_stored(cache_home):
    cache.store("value", VALUE)
    assert cache.load("value") == VALUE
    assert cache.load("missing") is None


@pytest.mark.parametrize("seed", range(400))
def test_a_damaged_entry_is_ignored_never_misread(cache_home, seed):
    """1 to 3 bytes changed anywhere: the entry reads as missing, or (never) as another value."""
    cache.store("value", VALUE)
    stored = entry(cache_home, "value")
    data = bytearray(stored.read_bytes())
    chance = random.Random(seed)
    for at in chance.sample(range(len(data)), chance.randint(1, 3)):
        data[at] = (data[at] + chance.randint(1, 255)) % 256
    stored.write_bytes(data)
    assert cache.load("value") is None


def test_a_truncated_or_extended_entry_is_ignored(cache_home):
    cache.store("value", VALUE)
    stored = entry(cache_home, "value")
    whole = stored.read_bytes()
    for size in range(len(whole)):
        stored.write_bytes(whole[:size])
        assert cache.load("value") is None
    stored.write_bytes(whole + b"\0")
    assert cache.load("value") is None


def test_an_entry_without_the_header_is_ignored(cache_home):
    import marshal

    cache.store("value", VALUE)
    entry(cache_home, "value").write_bytes(marshal.dumps(VALUE))  # the format before checksums
    assert cache.load("value") is None


def test_a_value_too_big_is_not_stored(cache_home):
    cache.store("big", "x" * cache.MAX_ENTRY_BYTES)
    assert not list(cache_home.glob("big*"))
    assert cache.load("big") is None
    cache.store("small", "x" * (cache.MAX_ENTRY_BYTES // 2))
    assert cache.load("small") == "x" * (cache.MAX_ENTRY_BYTES // 2)


def test_a_value_that_is_not_plain_data_is_not_stored(cache_home):
    cache.store("odd", {"when": dt.date(2025, 4, 14)})
    assert cache.load("odd") is None and not list(cache_home.glob("odd*"))


def aged(cache_home, name, age):
    """Make an entry look ``age`` hours old, so that pruning has a clear order."""
    when = 1_700_000_000 - age * 3600
    os.utime(entry(cache_home, name), (when, when))


def test_the_number_of_entries_is_bounded_oldest_first(cache_home, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 5)
    for number in range(12):
        cache.store(f"entry-{number}", number)
        aged(cache_home, f"entry-{number}", 100 - number)
    assert len(list(cache_home.iterdir())) == 5
    assert [cache.load(f"entry-{number}") for number in range(12)] == [None] * 7 + [7, 8, 9, 10, 11]


def test_the_total_size_is_bounded(cache_home, monkeypatch):
    monkeypatch.setattr(cache, "MAX_TOTAL_BYTES", 10_000)
    for number in range(6):
        cache.store(f"entry-{number}", str(number) * 3_000)
        aged(cache_home, f"entry-{number}", 100 - number)
    assert sum(path.stat().st_size for path in cache_home.iterdir()) <= 10_000
    assert cache.load("entry-5") == "5" * 3_000 and cache.load("entry-0") is None


def test_stale_temporaries_are_pruned_too(cache_home, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    cache_home.mkdir(parents=True)
    for number in range(5):
        stale = cache_home / f".entry-{number}.py311.{number}.tmp"
        stale.write_bytes(b"half written")
        os.utime(stale, (1_000_000, 1_000_000))
    cache.store("value", VALUE)
    assert len(list(cache_home.iterdir())) == 3 and cache.load("value") == VALUE


@pytest.mark.skipif(os.name != "posix", reason="symbolic links and FIFOs")
def test_a_link_planted_at_the_temporary_name_is_not_written_through(cache_home, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("mine")
    cache.store("value", 1)
    target = entry(cache_home, "value")
    (cache_home / f".{target.name}.{os.getpid()}.tmp").symlink_to(victim)
    cache.store("value", VALUE)
    assert victim.read_text() == "mine" and not target.is_symlink()
    assert cache.load("value") == VALUE


@pytest.mark.skipif(os.name != "posix", reason="symbolic links and FIFOs")
def test_special_files_read_as_missing_without_hanging(cache_home):
    cache.store("value", VALUE)
    stored = entry(cache_home, "value")
    stored.unlink()
    os.mkfifo(stored)
    assert cache.load("value") is None  # a blocking read would hang here
    stored.unlink()
    stored.symlink_to("/dev/zero")
    assert cache.load("value") is None


def test_a_cold_run_fills_the_cache_with_the_years_holidays(cache_home):
    calendar = NationalCalendar("ID", ("public", "government"), "id", memo=cache.memo)
    assert calendar(2025)[dt.date(2025, 4, 7)] == "Cuti Bersama Hari Raya Idul Fitri"
    [stored] = cache_home.glob("holidays-*-ID-government+public-id.py*")
    assert cache.package_version("holidays") in stored.name
    data = cache.load(stored.name.rsplit(".", 1)[0])[2025]
    assert data["names"]["2025-05-12"] == "Hari Raya Waisak" and data["cuti_bersama"] is True


def test_a_corrupt_or_wrong_shaped_holiday_entry_is_rebuilt(cache_home):
    NationalCalendar("ID", ("public", "government"), "en", memo=cache.memo)(2025)
    stored = entry(cache_home, "holidays-*-en")
    key = stored.name.rsplit(".", 1)[0]
    stored.write_bytes(stored.read_bytes()[:40])  # cut short, as by a crash
    names = NationalCalendar("ID", ("public", "government"), "en", memo=cache.memo)(2025)
    assert names[dt.date(2025, 4, 7)] == "Eid al-Fitr Joint Holiday"
    cache.store(key, {2025: {"names": {"2025-04-07": 5}, "cuti_bersama": "yes", "estimated": []}})
    names = NationalCalendar("ID", ("public", "government"), "en", memo=cache.memo)(2025)
    assert names[dt.date(2025, 4, 7)] == "Eid al-Fitr Joint Holiday"
    assert cache.load(key)[2025]["names"]["2025-04-07"] == "Eid al-Fitr Joint Holiday"


def test_the_years_of_a_calendar_share_one_entry(cache_home):
    for year in (1950, 1951, 2025):
        NationalCalendar("ID", ("public",), "en", memo=cache.memo)(year)
    [stored] = cache_home.glob("holidays-*-ID-public-en.py*")
    assert sorted(cache.load(stored.name.rsplit(".", 1)[0])) == [1950, 1951, 2025]


def test_a_cache_that_cannot_be_written_is_ignored(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    names = NationalCalendar("ID", ("public", "government"), "id", memo=cache.memo)(2026)
    assert names[dt.date(2026, 3, 23)] == "Cuti Bersama Hari Raya Idul Fitri"


def test_a_warm_plan_asks_neither_the_holidays_package_nor_babel(cli, monkeypatch):
    """Once a plan has run, the next takes its holidays and day names from the cache: it
    gives the same plan with both sources out of reach."""
    from apel_rotasi import holiday, names

    args = ("plan", "--start", "2025-04-14", "--format", "csv")
    cold = cli.ok(*args).stdout
    names.names.cache_clear()

    def unreachable(*_: object) -> None:
        raise AssertionError("asked again, though cached")

    monkeypatch.setattr(holiday, "_compute", unreachable)
    monkeypatch.setattr(names, "_from_babel", unreachable)
    assert cli.ok(*args).stdout == cold
    assert "2025-05-12,Senin,,,,,,holiday,Hari Raya Waisak" in cold


@pytest.mark.parametrize("one_name", [False, True])
def test_a_changed_file_is_parsed_again(home, cli, monkeypatch, one_name):
    """The parsed-TOML cache holds the bytes it parsed: an edit is always seen, even when
    both contents fall under one cache name (as a crafted CRC-32 would give)."""
    from apel_rotasi.store import recall

    if one_name:
        monkeypatch.setattr(recall, "_name", lambda what, content: f"{what}-one-name")
    cli.ok("record", "2025-04-14", "IT II")
    assert "16.71.06" in cli.ok("history", "--format", "csv").stdout
    history = home / "history.toml"
    history.write_text(history.read_text().replace("16.71.06", "16.71.09"), encoding="utf-8")
    out = cli.ok("history", "--format", "csv").stdout
    assert "16.71.09,Kemuning" in out and "16.71.06" not in out


def test_what_the_tool_wrote_the_next_command_reads_without_parsing(home, cli, monkeypatch):
    """A change leaves the parse of the file it wrote in the cache, and a copy of that file
    reads from it too: the cache goes by content, not by name or time."""
    from apel_rotasi.store import toml

    cli.ok("record", "2025-04-14", "IT II")
    written = (home / "history.toml").read_bytes()

    def unreachable(self: object) -> None:
        raise AssertionError("parsed again, though the tool wrote it")

    monkeypatch.setattr(toml.Reader, "_parse_text", unreachable)
    assert "2025-04-14,1,16.71.06,Ilir Timur II," in cli.ok("history", "--format", "csv").stdout
    (home / "history.toml").unlink()
    (home / "history.toml").write_bytes(written)
    assert "2025-04-14,1,16.71.06,Ilir Timur II," in cli.ok("history", "--format", "csv").stdout


def _unreachable(*_: object) -> None:
    raise AssertionError("read again, though kept")


def _a_new_run(monkeypatch):
    """Forget the roster this process read, as a new run would."""
    from apel_rotasi.store import roster

    monkeypatch.setattr(roster, "_READ", {})


def test_a_roster_and_history_read_once_are_not_checked_again(home, cli, monkeypatch):
    """The records the roster and the history read as are kept: the next command gives
    the same listing with both files' readers out of reach."""
    from apel_rotasi.store import history, roster

    shutil.copy(roster.bundled_roster_path(), home / "kecamatan.toml")
    cli.ok("record", "2025-04-14", "IT II")
    cli.ok("record", "2025-04-21", "--cancel", "Banjir")
    first = cli.ok("history", "--format", "csv").stdout
    _a_new_run(monkeypatch)
    monkeypatch.setattr(roster, "read_roster", _unreachable)
    monkeypatch.setattr(history, "history_from", _unreachable)
    assert cli.ok("history", "--format", "csv").stdout == first
    assert "2025-04-14,1,16.71.06,Ilir Timur II," in first
    assert "2025-04-21,,,,,,,,,,,,Banjir,cancelled" in first


def test_a_kept_roster_brings_the_keys_of_its_names(home, cli, monkeypatch):
    """The key of each kecamatan name is kept with the roster: a later run finds a
    kecamatan by name, short name and alias without making them again."""
    from apel_rotasi import model
    from apel_rotasi.store import roster

    shutil.copy(roster.bundled_roster_path(), home / "kecamatan.toml")
    cli.ok("history")
    _a_new_run(monkeypatch)
    monkeypatch.setattr(model, "kecamatan_index", _unreachable)
    cli.ok("record", "2025-04-14", "Kec. Ilir Timur Dua")
    cli.ok("record", "2025-04-21", "SU I")
    out = cli.ok("history", "--format", "csv", "--kecamatan", "seberang ulu 1").stdout
    assert "2025-04-21,1,16.71.02,Seberang Ulu I," in out
    assert "16.71.06,Ilir Timur II" in cli.ok("history", "--format", "csv").stdout


@pytest.mark.parametrize(
    ("renamed", "warned"),
    [
        (('code = "16.71.06"', 'code = "16.71.99"'), ':3: kecamatan code "16.71.06" is not'),
        (('id = "sekda"', 'id = "sekretaris"'), ':4: leader id "sekda" is not'),
    ],
)
def test_kept_history_naming_what_the_roster_lost_is_read_again(
    home, cli, monkeypatch, renamed, warned
):
    """A kept history counts only while the roster has every kecamatan and leader it names:
    else the file is read, and the warning names its line."""
    from apel_rotasi.store import roster

    shutil.copy(roster.bundled_roster_path(), home / "kecamatan.toml")
    cli.ok("record", "2025-04-14", "IT II")
    cli.ok("history", "--lang", "en")
    text = (home / "kecamatan.toml").read_text(encoding="utf-8")
    assert renamed[0] in text
    (home / "kecamatan.toml").write_text(text.replace(*renamed), encoding="utf-8")
    _a_new_run(monkeypatch)
    result = cli.ok("history", "--lang", "en")
    assert f"history.toml{warned} in the roster." in result.stderr


@pytest.mark.parametrize(
    "kept",
    [
        "not a history",
        ("\0tuple", [[("\0Unknown", [])], True]),
        ("\0tuple", [[("\0Apel", ["too", "few"])], True]),
        ("\0tuple", [[], "yes"]),
    ],
)
def test_a_kept_value_of_another_shape_is_read_again(home, cli, monkeypatch, kept):
    from apel_rotasi.store import recall
    from apel_rotasi.store.history import kept_as

    cli.ok("record", "2025-04-14", "IT II")
    content = (home / "history.toml").read_bytes()
    cache.store(recall._name(kept_as(), content), (content, kept))
    _a_new_run(monkeypatch)
    assert "2025-04-14,1,16.71.06,Ilir Timur II," in cli.ok("history", "--format", "csv").stdout


def test_a_file_with_a_problem_is_not_kept(home, cli, cache_home):
    (home / "history.toml").write_text(
        '[[apel]]\ndate = 2025-04-14\nkecamatan = "16.71.06"\nleader = "sekda"\npresent = -1\n',
        encoding="utf-8",
    )
    result = cli("history")
    assert result.exit_code == 1
    assert "present" in result.stderr
    assert not list(cache_home.glob("history-*"))


def test_every_kind_of_value_kept_comes_back_as_it_was():
    """The plain form the cache keeps holds every kind of value a roster and a history
    hold: records, tuples, dates, times, moments and counts."""
    from apel_rotasi import model as m
    from apel_rotasi.store.recall import _frozen, _thawed

    day = dt.date(2025, 4, 14)
    roster = m.Roster(
        m.Rotation(days=(0, 4), ramadan_time=dt.time(8, 0), holiday_categories=("public",)),
        (m.Leader("sekda", "H. Aprizal", "Sekda", True, ("Pak Sekda",)),),
        (m.Kecamatan("16.71.06", "Ilir Timur II", "IT II", ("Ilir Timur Dua",), 6, 120),),
        (m.DayNote(day, "Banjir"),),
        (m.DayNote(day + dt.timedelta(days=7), "Diganti"),),
        "Apel {date}",
        (
            m.Ceremony("HUT Kota", (6, 17), None, None, "friday", "BKB"),
            m.Ceremony("Bulanan", None, 17),
        ),
        (m.Hours(day, day, dt.time(7, 0), "Ramadan"),),
    )
    entries = [
        m.Apel(day, "16.71.06", "sekda", "Hujan", {"present": 80, "sick": 2}),
        m.Apel(day, "16.71.06", "sekda"),
        m.Cancelled(day, "Banjir"),
    ]
    for value in (roster, entries, {"at": dt.datetime(2025, 4, 14, 7, 30, tzinfo=dt.UTC)}):
        assert _thawed(marshal.loads(marshal.dumps(_frozen(value)))) == value
    assert _thawed(_frozen(roster)).kecamatan_by_code("16.71.06") == roster.kecamatan[0]
    keys = {"167106", "ilirtimur2", "it2", "ilirtimurdua"}
    assert _thawed(_frozen(roster)).names == roster.names == dict.fromkeys(keys, 0)


def test_a_record_after_the_last_adds_its_table_to_the_history_the_tool_wrote(
    home, cli, monkeypatch
):
    """The tool knows the history it wrote: a record after its last apel adds one table to
    the file instead of writing every table again, and the file is the one a full
    rewrite gives."""
    from apel_rotasi.store import home as store_home
    from apel_rotasi.store.dated import tables_text
    from apel_rotasi.store.history import entry_table, read_history

    cli.ok("record", "2025-04-14", "IT II")
    cli.ok("record", "2025-04-21", "--cancel", "Banjir")
    _a_new_run(monkeypatch)
    monkeypatch.setattr(store_home, "tables_text", _unreachable)
    cli.ok("record", "2025-04-28", "Kemuning", "--note", "Hujan", "--hadir", "80")
    written = (home / "history.toml").read_text(encoding="utf-8")
    entries = read_history(home, None).entries
    assert [e.date.day for e in entries] == [14, 21, 28]
    assert written == tables_text("apel", [entry_table(e) for e in entries])
    monkeypatch.setattr(store_home, "tables_text", tables_text)
    cli.ok("record", "2025-04-07", "IT I")  # before the others: the file is written anew
    assert (
        (home / "history.toml")
        .read_text(encoding="utf-8")
        .startswith('[[apel]]\ndate = 2025-04-07\nkecamatan = "16.71.05"')
    )
