"""The catalogues: every message kind, word and help text in both languages, with the same
placeholders, and every message renders in each language with parameters that fit it.

A kind, word or help text that one language has and the other lacks fails here, before a
user meets a KeyError; so does a kind the code raises that no catalogue has.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path

import pytest

import apel_rotasi
from apel_rotasi.i18n import DEFAULT_LANG, LANGUAGES, catalogue, render, word
from apel_rotasi.messages import Message

SOURCE = Path(apel_rotasi.__file__).parent
TABLES = ("MESSAGES", "WORDS", "HELP")
# Placeholders given dates or lists by the code; the rest take text or numbers.
DATES = {"date", "first", "last", "start", "end", "until", "previous", "last_visit"}
LISTS = {"candidates", "suggestions", "leaders", "known", "keys"}


def placeholders(text: str) -> set[str]:
    return {
        re.split(r"[.\[]", field)[0]
        for _, field, _, _ in string.Formatter().parse(text)
        if field is not None
    }


def sample(name: str) -> object:
    if name in DATES:
        return dt.date(2025, 4, 14)
    if name in LISTS:
        return [f"<{name}-1>", f"<{name}-2>"]
    return f"<{name}>"


def kinds(table: str) -> list[str]:
    return sorted({kind for lang in LANGUAGES for kind in getattr(catalogue(lang), table)})


@pytest.mark.parametrize("table", TABLES)
def test_every_language_has_the_same_keys(table):
    keys = {lang: set(getattr(catalogue(lang), table)) for lang in LANGUAGES}
    first = LANGUAGES[0]
    for lang in LANGUAGES[1:]:
        assert not keys[first] - keys[lang], f"{table}: only in {first}"
        assert not keys[lang] - keys[first], f"{table}: only in {lang}"


@pytest.mark.parametrize("table", TABLES)
def test_every_text_has_the_same_placeholders_in_every_language(table):
    for key in kinds(table):
        fields = {lang: placeholders(getattr(catalogue(lang), table)[key]) for lang in LANGUAGES}
        assert len({frozenset(f) for f in fields.values()}) == 1, f"{table}[{key!r}]: {fields}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", kinds("MESSAGES"))
def test_every_message_renders(kind, lang):
    text = catalogue(lang).MESSAGES[kind]
    params = {name: sample(name) for name in placeholders(text)}
    for level in ("info", "warning"):
        shown = render(Message(kind, params, level), lang)  # type: ignore[arg-type]
        assert shown.strip() and "{" not in shown.replace("{{", ""), shown
        for name, value in params.items():
            if isinstance(value, str):
                assert value in shown, f"{kind}: {name} not shown"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", kinds("MESSAGES"))
def test_every_message_ends_with_a_full_stop(kind, lang):
    """Said alone, each message is a sentence; inside another, its full stop goes."""
    shown = render(
        Message(
            kind, {name: sample(name) for name in placeholders(catalogue(lang).MESSAGES[kind])}
        ),
        lang,
    )
    assert shown.endswith((".", "?")), f"{lang} {kind}: {shown!r}"


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "id",
            "Selasa, 15 April 2025 bukan hari apel menurut daftar. "
            "Bila catatan ini keliru, `apel-rotasi undo` membatalkannya.",
        ),
        (
            "en",
            "Tuesday, 15 April 2025 is not an apel day of the roster. "
            "If this record is a mistake, `apel-rotasi undo` takes it back.",
        ),
    ],
)
def test_a_message_inside_another_is_part_of_its_sentence(lang, said):
    problem = Message("not_apel_day", {"date": dt.date(2025, 4, 15)})
    assert render(Message("undo_hint", {"problem": problem}), lang) == said


def test_help_texts_are_unique_in_the_default_language():
    """The help shown is looked up again, in the run's language, by its default text."""
    texts = list(catalogue(DEFAULT_LANG).HELP.values())
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_word_renders(lang):
    for key, text in catalogue(lang).WORDS.items():
        params = {name: sample(name) for name in placeholders(text)}
        assert word(lang, key, **params).strip(), key


@pytest.mark.parametrize("lang", LANGUAGES)
def test_help_texts_are_plain_text(lang):
    """Typer shows help as it is: no placeholder to fill, no markup."""
    for key, text in catalogue(lang).HELP.items():
        assert text.strip() and not placeholders(text), key
        assert "\b" not in text and "[bold" not in text, key


def test_messages_render_dates_and_lists_in_the_language():
    params = {"date": dt.date(2025, 8, 18), "what": "x"}
    assert "Senin, 18 Agustus 2025" in render(Message("notice_no_apel", params), "id")
    assert "Monday, 18 August 2025" in render(Message("notice_no_apel", params), "en")
    candidates = {"text": "x", "candidates": ["A", "B", "C"]}
    assert "A, B atau C" in render(Message("kecamatan_ambiguous", candidates), "id")
    assert "A, B or C" in render(Message("kecamatan_ambiguous", candidates), "en")


def literal_kinds() -> set[str]:
    """Every message kind the code names literally: UserError("..."), info("..."),
    warning("...")."""
    found: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'\b(?:UserError|info|warning)\(\s*"(\w+)"', text))
    return found


def literal_words() -> set[str]:
    """Every word the code names literally: word(lang, "...")."""
    found: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        found |= set(re.findall(r'\bword\(\s*\w+,\s*"(\w+)"', path.read_text(encoding="utf-8")))
    return found


def test_every_kind_the_code_names_is_in_the_catalogues():
    named = literal_kinds()
    assert len(named) > 50
    for lang in LANGUAGES:
        assert not named - set(catalogue(lang).MESSAGES), lang


def test_every_word_the_code_names_is_in_the_catalogues():
    named = literal_words()
    assert len(named) > 20
    for lang in LANGUAGES:
        assert not named - set(catalogue(lang).WORDS), lang


def test_every_help_key_the_cli_names_is_in_the_catalogues():
    source = "".join(p.read_text(encoding="utf-8") for p in (SOURCE / "cli").glob("*.py"))
    named = set(re.findall(r'HELP\["([\w.]+)"\]', source))
    assert len(named) > 30
    for lang in LANGUAGES:
        assert not named - set(catalogue(lang).HELP), lang
