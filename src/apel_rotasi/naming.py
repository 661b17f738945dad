"""The one rule by which names are compared. Every look-up of a kecamatan or a leader
(``parse``) and the roster's check that no two of its names read alike (``store.roster``)
go by it, and a roster keeps the key of each of its kecamatan's names (``Roster.names``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model's roster makes its index here: the types only
    from apel_rotasi.model import Kecamatan, Leader

# Words people write before a name, dropped when a leader is looked up.
HONORIFICS = frozenset(("pak", "bapak", "bu", "ibu", "h", "hj", "dr"))
ROMAN_NUMERALS = "i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx"
ROMAN = {roman: str(number) for number, roman in enumerate(ROMAN_NUMERALS.split(), 1)}
SEPARATORS = re.compile(r"[\W_]+")


@cache
def name_words(name: str) -> tuple[str, ...]:
    """The words of a name as compared: lower case, accents and marks dropped, Roman
    numerals as Arabic (``Ilir Timur II``: ilir, timur, 2). Kept for the run: ``check``
    and every look-up compare the same names of the roster."""
    bare = name
    if not name.isascii():  # ASCII has no marks, and NFKD leaves it as it is
        decomposed = unicodedata.normalize("NFKD", name)
        bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return tuple([ROMAN.get(token, token) for token in SEPARATORS.split(bare.casefold()) if token])


def normalize(name: str) -> str:
    """A name as compared, its words joined: ``Alang-alang Lebar`` and ``alang alang lebar``
    are one name; an empty key (``--``) names nothing."""
    return "".join(name_words(name))


# --- kecamatan -----------------------------------------------------------------------------


def kecamatan_names(kec: Kecamatan) -> list[tuple[str, str]]:
    """Each name a kecamatan answers to, with its key in kecamatan.toml."""
    short = [("short", kec.short)] if kec.short else []
    return [("code", kec.code), ("name", kec.name), *short, *(("aliases", a) for a in kec.aliases)]


def kecamatan_forms(name: str) -> set[str]:
    """The key one name of a kecamatan is found by (none when it has no letter or digit)."""
    return {key} if (key := normalize(name)) else set()


def kecamatan_index(kecamatan: Iterable[Kecamatan]) -> dict[str, int]:
    """The key of each name of the kecamatan, in roster order, to its kecamatan's place
    among them. The roster's check refuses two kecamatan with a key in common, so each key
    names one; were there two, the first would hold it."""
    index: dict[str, int] = {}
    for place, kec in enumerate(kecamatan):
        for _, name in kecamatan_names(kec):
            for key in kecamatan_forms(name):
                index.setdefault(key, place)
    return index


# --- leaders -------------------------------------------------------------------------------


def leader_names(leader: Leader) -> list[tuple[str, str]]:
    """Each name a leader answers to, with its key in kecamatan.toml."""
    return [("id", leader.id), ("name", leader.name), *(("aliases", a) for a in leader.aliases)]


def leader_forms(name: str) -> set[str]:
    """The keys one name of a leader is found by: as written, and without the honorifics it
    begins with (``Pak Sekda``: paksekda, sekda)."""
    words = name_words(name)
    return {key for key in ("".join(words), "".join(unhonoured(words))) if key}


def unhonoured(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words after the leading honorifics (``H. Ratu Dewa``: ratu, dewa); all of them
    when nothing else is left, since ``Bu`` alone may be a name."""
    rest = words
    while rest and rest[0] in HONORIFICS:
        rest = rest[1:]
    return rest or words


def leader_keys(leader: Leader) -> set[str]:
    return {key for _, name in leader_names(leader) for key in leader_forms(name)}
