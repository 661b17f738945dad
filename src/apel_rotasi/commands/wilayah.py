"""``kecamatan --wilayah``: a kabupaten/kota from the list of regions the tool carries, as
``init --wilayah`` would start a roster from it (``setup.regional_roster``)."""

from __future__ import annotations

import datetime as dt

from apel_rotasi import listings
from apel_rotasi.clock import city_today
from apel_rotasi.i18n import DEFAULT_LANG
from apel_rotasi.model import Leader, Roster, Rotation
from apel_rotasi.outcome import Listing, Outcome
from apel_rotasi.store.wilayah import load_regions
from apel_rotasi.wilayah import Region, find_region, timezone


def kecamatan(*, name: str, now: dt.datetime, lang: str | None = None) -> Outcome:
    """The kecamatan of the region ``name`` means, as ``init --wilayah`` would write them."""
    region = find_region(name, load_regions()[1])
    today = city_today(now, timezone(region))
    rows = listings.kecamatan_records(_roster(region), [])
    return Outcome(lang or DEFAULT_LANG, (), Listing("kecamatan", tuple(rows), region.name, today))


def _roster(region: Region) -> Roster:
    rotation = Rotation(city=region.name, timezone=timezone(region))
    return Roster(rotation, (Leader("sekda", "Sekda", default=True),), region.kecamatan)
