"""The list of regions the tool carries, ``data/wilayah.json.gz``: made by
``scripts/build-wilayah`` from the npm package idn-area-data (ODbL; the licence and
source are in ``wilayah-LICENSE.md`` beside it). Only ``--wilayah`` reads it."""

from __future__ import annotations

from typing import Any

from apel_rotasi.model import Kecamatan
from apel_rotasi.store.roster import bundled_path
from apel_rotasi.wilayah import Region, Source

DATA_FILE = "wilayah.json.gz"
LICENCE_FILE = "wilayah-LICENSE.md"


def load_regions() -> tuple[Source, tuple[Region, ...]]:
    """Every kabupaten/kota in code order, and where the list comes from."""
    import gzip
    import json

    data: dict[str, Any] = json.loads(gzip.decompress(bundled_path(DATA_FILE).read_bytes()))
    source = data["source"]
    provinces: dict[str, str] = data["provinces"]
    regions = tuple(
        Region(
            code,
            name,
            province,
            provinces[province],
            tuple(Kecamatan(kec, kec_name, kelurahan=count) for kec, kec_name, count in kecamatan),
        )
        for code, name, province, kecamatan in data["regions"]
    )
    return (
        Source(source["package"], source["version"], source["published"], source["licence"]),
        regions,
    )
