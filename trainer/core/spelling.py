"""Spelling of what an operator writes in their own words (a call's notes and descriptions).

The words are checked with Hunspell dictionaries (Debian's hunspell-nl, -fr, -en-gb) through
pyenchant, with the scenario's own names, streets and codes as known words. Data (numbers,
e-mail addresses, codes with digits) are not spelling. Where no dictionary can be had, spelling
is not checked and the result says so; it is never guessed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import Protocol

from trainer.core.word_forms import APOSTROPHES, decorated

# the dictionary tried first for each language, then the others (Belgian variants first)
DICTIONARIES: dict[str, tuple[str, ...]] = {
    "nl": ("nl_BE", "nl", "nl_NL"),
    "fr": ("fr_BE", "fr", "fr_FR"),
    "en": ("en_GB", "en", "en_US"),
}

# abbreviations of desk notes that the dictionaries do not all carry
ABBREVIATIONS: dict[str, frozenset[str]] = {
    "nl": frozenset({"nr", "dhr", "mevr", "mvr", "tav", "ivm", "gsm", "sms", "btw", "kb", "ok"}),
    "fr": frozenset({"n°", "no", "mme", "mr", "tél", "gsm", "sms", "tva", "ok", "svp"}),
    "en": frozenset({"no", "mr", "mrs", "ms", "tel", "sms", "vat", "ok", "asap"}),
}


class Dictionary(Protocol):
    """What a spelling dictionary does: say whether a word is spelled right."""

    def check(self, word: str) -> bool:
        """True when ``word`` is spelled right."""
        ...


@cache
def dictionary(language: str) -> Dictionary | None:
    """The Hunspell dictionary for a language, or None when none is installed (or pyenchant
    cannot load its library). Loaded once per process."""
    try:
        import enchant  # imported here: only a call's free text needs it
    except ImportError:  # pyenchant missing, or no libenchant on this machine
        return None
    for tag in DICTIONARIES.get(language, ()):
        try:
            if enchant.dict_exists(tag):
                found: Dictionary = enchant.Dict(tag)
                return found
        except enchant.errors.Error:
            continue
    return None


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word.translate(APOSTROPHES)).casefold()


def known_words(texts: Iterable[str]) -> frozenset[str]:
    """The words of some texts (a scenario's names, streets, codes), as spelling compares them."""
    return frozenset(
        _fold(core) for text in texts for word in text.split() if (core := decorated(word).core)
    )


def is_data(word: str) -> bool:
    """A word that is data, not language: it has a digit, an @, a slash, or no letter."""
    return (
        any(ch.isdigit() for ch in word)
        or "@" in word
        or "/" in word
        or not any(ch.isalpha() for ch in word)
    )


def words_to_check(text: str) -> list[str]:
    """The words of a text without their punctuation, data left out."""
    cores = (decorated(word.translate(APOSTROPHES)).core for word in text.split())
    return [core for core in cores if core and not is_data(core)]


def misspelled(
    words: Iterable[str], language: str, known: frozenset[str], checker: Dictionary
) -> list[str]:
    """The words ``checker`` does not know, leaving out ``known`` words and abbreviations. A
    compound with a hyphen is right when each of its parts is ("Internet-lampje",
    "VPN-client": written Dutch joins a name or an abbreviation with a hyphen)."""
    abbreviations = ABBREVIATIONS.get(language, frozenset())

    def right(word: str) -> bool:
        folded = _fold(word)
        return (
            folded in known
            or folded.rstrip(".") in abbreviations
            or is_data(word)
            or checker.check(word)
        )

    wrong = []
    for word in words:
        if right(word):
            continue
        parts = [part for part in word.split("-") if part]
        if len(parts) > 1 and all(right(part) for part in parts):
            continue
        wrong.append(word)
    return wrong
