"""Any kabupaten/kota of Indonesia: finding one in the list of regions the tool carries,
and the ``kecamatan.toml`` that starts it off (``init --wilayah``).

Pure: the list comes in from ``store.wilayah``, the bundled roster's text (whose settings
and comments the new roster keeps) from the caller.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from apel_rotasi.clock import ZONES
from apel_rotasi.errors import UserError
from apel_rotasi.model import Kecamatan
from apel_rotasi.naming import normalize
from apel_rotasi.parse import _close, shown

# The province codes outside WIB (Keppres 41/1987, with the provinces made since).
WITA = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
WIT = {"81", "82", "91", "92", "93", "94", "95", "96"}
PONTIANAK = {"61", "62"}  # Kalimantan Barat and Tengah keep WIB on the Pontianak zone
KIND = re.compile(
    r"\s*(kabupaten|kab|kota)(?:\s*\.\s*|\s+)(?:administrasi\s+|adm\.?\s+)?(?=\S)", re.IGNORECASE
)
SUGGESTIONS = 5
TIMEZONE_LINE = re.compile(r'^timezone = "[^"\n]*"( *)#[^\n]*$', re.MULTILINE)


class Head(NamedTuple):
    """A leader the roster names, commented, for the office to fill in."""

    id: str
    title: str
    aliases: tuple[str, ...]


CITY_HEADS = (
    Head("walikota", "Wali Kota", ("wako", "wali kota", "walikota")),
    Head("wawako", "Wakil Wali Kota", ("wawako", "wakil wali kota", "wakil walikota")),
)
REGENCY_HEADS = (
    Head("bupati", "Bupati", ()),
    Head("wabup", "Wakil Bupati", ("wabup", "wakil bupati")),
)


class Source(NamedTuple):
    """Where the list of regions comes from: the npm package and its release."""

    package: str
    version: str
    published: str  # the release's date, ISO
    licence: str


class Region(NamedTuple):
    """A kabupaten or kota: ``Kota Bandung``, code ``32.73``, with its kecamatan in code
    order (each with its count of kelurahan and desa)."""

    code: str
    name: str
    province_code: str
    province: str
    kecamatan: tuple[Kecamatan, ...]

    @property
    def heads(self) -> tuple[Head, Head]:
        """The region's head and deputy, as officials title them."""
        return CITY_HEADS if split_kind(self.name)[0] == "kota" else REGENCY_HEADS

    @property
    def shown(self) -> str:
        """``Kota Bandung (32.73, Jawa Barat)``: which region, beyond doubt."""
        return f"{self.name} ({self.code}, {self.province})"


def timezone(region: Region) -> str:
    """The zone of the region's province, as the roster names it."""
    if region.province_code in WITA:
        return "Asia/Makassar"
    if region.province_code in WIT:
        return "Asia/Jayapura"
    return "Asia/Pontianak" if region.province_code in PONTIANAK else "Asia/Jakarta"


def split_kind(name: str) -> tuple[str | None, str]:
    """``Kota Bandung`` as ``("kota", "Bandung")``, ``Kab. Banyuasin`` or ``Kabupaten
    Banyuasin`` as ``("kabupaten", "Banyuasin")``, a name without either as ``(None, name)``:
    one rule for the official names and what people type."""
    found = KIND.match(name)
    if not found:
        return None, name
    return ("kota" if found[1].lower() == "kota" else "kabupaten"), name[found.end() :]


def find_region(text: str, regions: Sequence[Region]) -> Region:
    """The one region a name (with or without ``Kota``/``Kabupaten``) or code means, names
    compared as kecamatan names are; else an error with the candidates."""
    kind, bare = split_kind(text)
    key, bare_key = normalize(text), normalize(bare)
    named = [(region, *split_kind(region.name)) for region in regions]
    exact = [
        region
        for region, region_kind, region_bare in named
        if key
        and (
            key in (normalize(region.code), normalize(region.name), normalize(region_bare))
            or (bare_key == normalize(region_bare) and kind in (None, region_kind))
        )
    ]
    if len(exact) == 1:
        return exact[0]
    if exact:
        raise UserError("wilayah_ambiguous", text=shown(text), candidates=[r.shown for r in exact])
    by_bare: dict[str, list[Region]] = {}
    for region, _, region_bare in named:
        by_bare.setdefault(normalize(region_bare), []).append(region)
    starting = [
        region
        for region, _, region_bare in named
        if bare_key
        and (normalize(region_bare).startswith(bare_key) or normalize(region.code).startswith(key))
    ]
    near = [r for k in _close(bare_key, by_bare, SUGGESTIONS, 0.7) for r in by_bare[k]]
    found = sorted(dict.fromkeys([*starting, *near]), key=lambda r: split_kind(r.name)[0] != kind)
    if found:
        suggestions = [region.shown for region in found[:SUGGESTIONS]]
        raise UserError("wilayah_unknown_suggest", text=shown(text), suggestions=suggestions)
    raise UserError("wilayah_unknown", text=shown(text))


def roster_text(region: Region, bundled: str, source: Source) -> str:
    """The region's kecamatan.toml: the bundled roster's settings and comments with the
    region's name and time zone, one default leader to be named, and every kecamatan."""
    settings = bundled[: bundled.index("[[leader]]\n")].replace("Kota Palembang", region.name)
    settings = TIMEZONE_LINE.sub(lambda line: _timezone_line(line, timezone(region)), settings)
    return settings + _leaders(region) + _kecamatan(region, source)


def _timezone_line(line: re.Match[str], zone: str) -> str:
    """The time-zone line for ``zone``, its comment kept in the same column."""
    setting = f"timezone = {_toml(zone)}"
    column = line.start(1) - line.start() + len(line[1])
    return f"{setting.ljust(column - 1)} # {ZONES[zone]}"


def _leaders(region: Region) -> str:
    head, deputy = region.heads
    lines = [
        "[[leader]]",
        'id = "sekda"',
        f"name = {_toml(f'Sekda {region.name}')}   # write the Sekda's name here",
        'title = "Sekretaris Daerah"',
        "default = true",
        'aliases = ["Pak Sekda", "sekretaris daerah"]   # other names people type (unique)',
        "",
        f"# The {head.title} and the {deputy.title}, when they lead an apel: remove the",
        '# "#" before each line of their table and write their names.',
    ]
    for leader in region.heads:
        lines += ["# [[leader]]", f"# id = {_toml(leader.id)}", '# name = ""']
        lines.append(f"# title = {_toml(leader.title)}")
        if leader.aliases:
            lines.append(f"# aliases = [{', '.join(map(_toml, leader.aliases))}]")
        lines.append("#")
    return "\n".join(lines[:-1]) + "\n\n"


def _kecamatan(region: Region, source: Source) -> str:
    about = (
        f"The {len(region.kecamatan)} kecamatan of {region.name} ({region.province}), in"
        " rotation order: the order of this file is the order of the visits. They are in"
        " code order here: move a [[kecamatan]] with its lines up or down to set the"
        " rotation. code: the Kemendagri region code (unique). name: the official name"
        ' (unique). Add short = "..." for an abbreviation in use (unique), and aliases ='
        ' ["...", "..."] for other spellings people type. kelurahan: how many kelurahan'
        f" and desa it has. From the Kemendagri list of regions in {source.package}"
        f" {source.version} ({source.published}), under the Open Database License"
        f" ({source.licence})."
    )
    lines = _comment(about)
    for kec in region.kecamatan:
        lines += ["", "[[kecamatan]]", f"code = {_toml(kec.code)}", f"name = {_toml(kec.name)}"]
        if kec.kelurahan is not None:
            lines.append(f"kelurahan = {kec.kelurahan}")
    return "\n".join(lines) + "\n"


def _comment(text: str) -> list[str]:
    """A paragraph as comment lines of at most 80 characters."""
    from textwrap import wrap

    return wrap(text, 80, initial_indent="# ", subsequent_indent="# ", break_on_hyphens=False)


def _toml(value: str) -> str:
    """Text as TOML writes it (quotes and backslashes escaped)."""
    import tomli_w

    return tomli_w.dumps({"v": value}).removeprefix("v = ").rstrip("\n")
