"""One name rule (SPEC "What users type"): every name, short name and alias of a roster
that ``check`` accepts finds exactly its own kecamatan or leader, and a roster whose names
read alike by that rule is refused."""

from __future__ import annotations

import tempfile
from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apel_rotasi.errors import Problems
from apel_rotasi.parse import find_kecamatan, find_leader
from apel_rotasi.store.roster import load_roster

# Words chosen to collide under the rule: case, marks, accents, Roman numerals, honorifics
# and the word "Kecamatan" all come into play.
WORDS = ["Wa", "ko", "wako", "Wa-Ko", "ii", "2", "Pak", "Bu", "H.", "dewa", "Déwa", "Kec", "x"]
name = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)
# What check may say of such a roster: names alike, or a name of no letter or digit.
ALIKE = {"duplicate_name", "duplicate_code", "duplicate_leader_id", "name_no_letters"}
kecamatan = st.fixed_dictionaries(
    {"code": name, "name": name},
    optional={"short": name, "aliases": st.lists(name, max_size=2)},
)
leader = st.fixed_dictionaries(
    {"id": name, "name": name}, optional={"aliases": st.lists(name, max_size=2)}
)


def accepted(kecamatan: list[dict[str, object]], leaders: list[dict[str, object]]):
    """The roster as ``check`` reads it, or None when it refuses it."""
    leaders = [{**leaders[0], "default": True}, *leaders[1:]]
    document = {"rotation": {"holidays": False}, "leader": leaders, "kecamatan": kecamatan}
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        (home / "kecamatan.toml").write_text(tomli_w.dumps(document), encoding="utf-8")
        try:
            return load_roster(home)[0]
        except Problems as refused:
            assert {problem.message.kind for problem in refused.problems} <= ALIKE
            return None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(kecamatan, min_size=1, max_size=4), st.lists(leader, min_size=1, max_size=3))
def test_every_name_a_roster_accepts_finds_its_own(kecamatan, leaders):
    roster = accepted(kecamatan, leaders)
    if roster is None:
        return
    for kec in roster.kecamatan:
        for text in (kec.code, kec.name, kec.short, *kec.aliases):
            if text is not None:
                assert find_kecamatan(text, roster) is kec, text
    for person in roster.leaders:
        for text in (person.id, person.name, *person.aliases):
            assert find_leader(text, roster.leaders) is person, text
