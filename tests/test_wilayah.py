"""``init --wilayah`` and ``kecamatan --wilayah``: a roster for any kabupaten/kota of
Indonesia from the list of regions the tool carries (SPEC "Any kabupaten/kota")."""

from __future__ import annotations

import csv
import gzip
import io
import json
import tomllib

import pytest
from conftest import BUNDLED, CODES, REPO, snapshot

DATA = REPO / "data" / "wilayah.json.gz"
LICENCE = REPO / "data" / "wilayah-LICENSE.md"
NOW = {"APEL_ROTASI_NOW": "2026-12-02T08:00:00+07:00"}

# The 30 kecamatan of Kota Bandung (32.73) in code order, as the Kemendagri list names them.
BANDUNG = [
    "Sukasari",
    "Coblong",
    "Babakan Ciparay",
    "Bojongloa Kaler",
    "Andir",
    "Cicendo",
    "Sukajadi",
    "Cidadap",
    "Bandung Wetan",
    "Astanaanyar",
    "Regol",
    "Batununggal",
    "Lengkong",
    "Cibeunying Kidul",
    "Bandung Kulon",
    "Kiaracondong",
    "Bojongloa Kidul",
    "Cibeunying Kaler",
    "Sumur Bandung",
    "Antapani",
    "Bandung Kidul",
    "Buahbatu",
    "Rancasari",
    "Arcamanik",
    "Cibiru",
    "Ujungberung",
    "Gedebage",
    "Panyileukan",
    "Cinambo",
    "Mandalajati",
]


def written(home):
    return tomllib.loads((home / "kecamatan.toml").read_text(encoding="utf-8"))


def test_kota_bandung_has_its_30_kecamatan_in_code_order_on_wib(cli, home):
    run = cli.ok("init", "--wilayah", "Kota Bandung")
    roster = written(home)
    assert roster["rotation"]["city"] == "Kota Bandung"
    assert roster["rotation"]["timezone"] == "Asia/Jakarta"
    assert roster["rotation"]["lang"] == "id"
    assert roster["rotation"]["holidays"] == "ID"
    assert [k["name"] for k in roster["kecamatan"]] == BANDUNG
    assert [k["code"] for k in roster["kecamatan"]] == [f"32.73.{n:02}" for n in range(1, 31)]
    assert roster["kecamatan"][0] == {"code": "32.73.01", "name": "Sukasari", "kelurahan": 4}
    [leader] = roster["leader"]
    assert leader["id"] == "sekda" and leader["default"] is True
    assert "Kota Bandung (32.73, Jawa Barat)" in run.stderr and "30 kecamatan" in run.stderr
    assert cli.ok("check").stdout == "OK\n"
    plan = cli.ok("plan", "--weeks", "3", "-f", "csv", env=NOW).stdout.splitlines()
    assert plan[1:] == [
        "2026-12-07,Senin,1,32.73.01,Sukasari,,Sekda Kota Bandung,planned,,07:30",
        "2026-12-14,Senin,1,32.73.02,Coblong,,Sekda Kota Bandung,planned,,07:30",
        "2026-12-21,Senin,1,32.73.03,Babakan Ciparay,,Sekda Kota Bandung,planned,,07:30",
    ]


def test_the_roster_keeps_the_bundled_comments_and_says_what_to_edit(cli, home):
    cli.ok("init", "--wilayah", "Kota Bandung")
    text = (home / "kecamatan.toml").read_text(encoding="utf-8")
    bundled = BUNDLED.read_text(encoding="utf-8")
    header = bundled[: bundled.index("[rotation]")].replace("Kota Palembang", "Kota Bandung")
    assert text.startswith(header)
    assert 'timezone = "Asia/Jakarta"       # WIB\n' in text
    assert "# write the Sekda's name here" in text
    comments = " ".join(line[2:] for line in text.splitlines() if line.startswith("# "))
    assert "move a [[kecamatan]] with its lines up or down to set the rotation" in comments
    assert 'aliases = ["...", "..."] for other spellings people type' in comments
    assert '# title = "Wakil Wali Kota"' in text
    assert "idn-area-data 4.0.1 (2026-05-06), under the Open Database License" in comments
    assert "Palembang" not in text and "Aprizal" not in text
    assert all(len(line) <= 100 for line in text.splitlines())


@pytest.mark.parametrize(
    ("name", "city", "zone", "count", "first"),
    [
        ("Kota Makassar", "Kota Makassar", "Asia/Makassar", 15, "Mariso"),  # WITA
        ("Kabupaten Badung", "Kabupaten Badung", "Asia/Makassar", 6, "Kuta"),  # WITA, Bali
        ("Kota Jayapura", "Kota Jayapura", "Asia/Jayapura", 5, "Jayapura Utara"),  # WIT
        ("Jayawijaya", "Kabupaten Jayawijaya", "Asia/Jayapura", 40, "Wamena"),  # WIT
        ("Kota Pontianak", "Kota Pontianak", "Asia/Pontianak", 6, "Pontianak Selatan"),
        ("Kabupaten Banyuasin", "Kabupaten Banyuasin", "Asia/Jakarta", 21, "Banyuasin I"),
        ("Banyuasin", "Kabupaten Banyuasin", "Asia/Jakarta", 21, "Banyuasin I"),
        ("kab. banyuasin", "Kabupaten Banyuasin", "Asia/Jakarta", 21, "Banyuasin I"),
    ],
)
def test_each_region_gets_its_province_zone(cli, home, name, city, zone, count, first):
    cli.ok("init", "--wilayah", name)
    roster = written(home)
    assert roster["rotation"]["city"] == city
    assert roster["rotation"]["timezone"] == zone
    assert len(roster["kecamatan"]) == count
    assert roster["kecamatan"][0]["name"] == first
    assert cli.ok("check").stdout == "OK\n"
    assert cli.ok("plan", "--weeks", "1", "-f", "csv", env=NOW).stdout.count("\n") == 2


def test_a_kabupaten_is_led_by_its_bupati(cli, home):
    cli.ok("init", "--wilayah", "Kabupaten Banyuasin")
    text = (home / "kecamatan.toml").read_text(encoding="utf-8")
    assert '# title = "Bupati"' in text and '# title = "Wakil Bupati"' in text
    assert "Wali Kota" not in text
    assert written(home)["leader"][0]["name"] == "Sekda Kabupaten Banyuasin"


@pytest.mark.parametrize("code", ["32.73", "3273", " 32.73 "])
def test_a_code_names_the_region(cli, home, code):
    cli.ok("init", "--wilayah", code)
    assert written(home)["rotation"]["city"] == "Kota Bandung"


def test_palembang_in_the_list_has_the_bundled_codes_and_counts(cli, home):
    cli.ok("init", "--wilayah", "16.71")
    listed = {k["code"]: k["kelurahan"] for k in written(home)["kecamatan"]}
    bundled = tomllib.loads(BUNDLED.read_text(encoding="utf-8"))
    assert list(listed) == sorted(CODES.values())
    assert listed == {k["code"]: k["kelurahan"] for k in bundled["kecamatan"]}


@pytest.mark.parametrize(
    ("typed", "lang", "says"),
    [
        (
            "Bandung",  # a kota and a kabupaten; not Kabupaten Bandung Barat
            "id",
            '"Bandung" bisa berarti Kabupaten Bandung (32.04, Jawa Barat) atau Kota Bandung'
            " (32.73, Jawa Barat). Sebutkan yang mana, dengan nama lengkap atau kodenya.\n",
        ),
        (
            "Bandung",
            "en",
            '"Bandung" could be Kabupaten Bandung (32.04, Jawa Barat) or Kota Bandung'
            " (32.73, Jawa Barat): say which one, by its full name or its code.\n",
        ),
        (
            "Kota Bandnug",
            "id",
            'Tidak ada kabupaten/kota "Kota Bandnug" dalam daftar wilayah Kemendagri.'
            " Mungkin maksudnya Kota Bandung (32.73, Jawa Barat), ",
        ),
        (
            "Kota Bandnug",
            "en",
            'No kabupaten/kota "Kota Bandnug" in the Kemendagri list of regions.'
            " Did you mean Kota Bandung (32.73, Jawa Barat), ",
        ),
        (
            "qwxz",
            "en",
            'No kabupaten/kota "qwxz" in the Kemendagri list of regions. Give its name'
            " (Kota Bandung, Kabupaten Banyuasin, Banyuasin) or its code (32.73).\n",
        ),
        ("Bandung\x1b[2J", "en", 'No kabupaten/kota "Bandung\\x1b[2J" in the'),
    ],
)
def test_a_name_of_several_regions_or_none_says_the_candidates_and_writes_nothing(
    cli, home, typed, lang, says
):
    run = cli("init", "--wilayah", typed, "--lang", lang)
    assert run.exit_code == 1
    assert says in run.stderr
    assert "Traceback" not in run.stderr and "\x1b" not in run.stderr
    assert snapshot(home) == {}


def test_an_existing_roster_needs_force(cli, home):
    target = home / "kecamatan.toml"
    target.write_text("# ours\n", encoding="utf-8")
    before = snapshot(home)
    refused = cli("init", "--wilayah", "Kota Bandung", "--lang", "en")
    assert refused.exit_code == 1
    assert refused.stderr == f"Error: {target}: exists already; use --force to overwrite it.\n"
    assert snapshot(home) == before
    done = cli.ok("init", "--wilayah", "Kota Bandung", "--force", "--lang", "en")
    assert done.stderr == (
        f"Wrote {target} for Kota Bandung (32.73, Jawa Barat): 30 kecamatan in code order."
        " Name the Sekda, set the rotation order, then run `apel-rotasi check`.\n"
    )
    assert written(home)["rotation"]["city"] == "Kota Bandung"


def test_a_bad_name_with_force_leaves_the_roster_alone(cli, home):
    cli.ok("init")
    before = snapshot(home)
    assert cli("init", "--wilayah", "Bandung", "--force").exit_code == 1
    assert snapshot(home) == before


def test_every_region_makes_a_roster_that_check_accepts(tmp_path):
    from apel_rotasi.store.roster import read_roster
    from apel_rotasi.store.toml import Reader
    from apel_rotasi.store.wilayah import load_regions
    from apel_rotasi.wilayah import roster_text

    source, regions = load_regions()
    bundled = BUNDLED.read_text(encoding="utf-8")
    assert len(regions) == 514 and sum(len(r.kecamatan) for r in regions) == 7285
    rejected = {}
    for region in regions:
        path = tmp_path / f"{region.code}.toml"
        path.write_text(roster_text(region, bundled, source), encoding="utf-8")
        reader = Reader(path)
        data = reader.parse()
        roster = read_roster(reader, data) if data is not None else None
        if roster is None or len(roster.kecamatan) != len(region.kecamatan):
            rejected[region.name] = [p.message for p in reader.problems]
    assert rejected == {}


def test_kecamatan_lists_a_region_and_writes_nothing(cli, home):
    run = cli.ok("kecamatan", "--wilayah", "Kota Jayapura", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert [(r["kecamatan_code"], r["kecamatan"], r["kelurahan"]) for r in rows][:2] == [
        ("91.71.01", "Jayapura Utara", "8"),
        ("91.71.02", "Jayapura Selatan", "7"),
    ]
    assert len(rows) == 5
    assert snapshot(home) == {}
    assert cli("kecamatan", "--wilayah", "Jayapura").exit_code == 1


def test_the_data_file_is_small_and_names_its_source_and_licence():
    assert DATA.stat().st_size < 100_000
    data = json.loads(gzip.decompress(DATA.read_bytes()))
    assert data["source"] == {
        "package": "idn-area-data",
        "version": "4.0.1",
        "published": "2026-05-06",
        "url": "https://www.npmjs.com/package/idn-area-data",
        "licence": "ODbL-1.0",
    }
    licence = LICENCE.read_text(encoding="utf-8")
    assert "idn-area-data" in licence and "4.0.1" in licence
    assert "# Open Database License (ODbL)" in licence
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "idn-area-data" in readme and "ODbL" in readme


def test_only_wilayah_reads_the_list_of_regions(cli, home, monkeypatch):
    """The list of regions is read for ``--wilayah`` alone: with it unreadable, every other
    command works as before, and ``init --wilayah`` is the one that cannot."""
    import apel_rotasi.store.wilayah as store

    monkeypatch.setattr(store, "DATA_FILE", "no-such-list.json.gz")
    for args in (
        ("plan", "--start", "2025-04-14", "-f", "csv"),
        ("kecamatan", "-f", "csv"),
        ("record", "2025-04-14", "IT II"),
        ("history", "-f", "csv"),
        ("report", "-f", "csv"),
        ("check",),
        ("init", "--force"),
    ):
        cli.ok(*args, env={"APEL_ROTASI_NOW": "2025-04-15T06:00:00+07:00"})
    with pytest.raises(FileNotFoundError, match="no-such-list"):
        cli("init", "--wilayah", "Kota Bandung", "--force")
