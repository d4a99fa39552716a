"""Words as an examiner compares them: punctuation, capitals and number formats.

A typed word is compared with its reference word as it stands, so a missing full stop or a
wrong capital is an error of that word. An attempt can say what it does not mark (``ignore``):
``punctuation`` (the marks around a word; a word that is only a mark disappears),
``case``, and ``number-format`` (a group of digits written with spaces, dots, slashes or hyphens
between them is one word, compared by its digits and letters: "0475 38 12 96" is
"0475/38.12.96" is "0475381296"). Dictations ignore punctuation and number format by default:
what is not heard is not marked.

``comparable_words`` turns a text into the words that are compared, each with the span of the
original words it stands for, so an error can still be shown in the words the trainee typed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import count, repeat
from operator import itemgetter
from typing import Literal, NamedTuple

Ignorable = Literal["punctuation", "case", "number-format"]
IGNORABLE: tuple[Ignorable, ...] = ("punctuation", "case", "number-format")

# Marks of the sentence, not of what is said. Symbols that belong to the data itself (an e-mail
# address, a percentage, a ticket code) are not punctuation here.
_NOT_PUNCTUATION = frozenset("@#%&§*/\\+")

# Between the digit groups of a phone number, an IBAN or a customer number.
_NUMBER_SEPARATORS = re.compile(r"[./\-]")
_PIECE = re.compile(r"[0-9]+|[0-9A-Za-z]*[0-9][0-9A-Za-z]*|[A-Za-z]{1,4}")
# inside a group, a block of capitals only (the bank code in "NL91 ABNA 0417 1643 00")
_LETTER_BLOCK = re.compile(r"[A-Z]{2,4}")


# the apostrophes a keyboard or a word processor gives, all read as the plain one
APOSTROPHES = str.maketrans(dict.fromkeys("\u2019\u02bc\u2018`\u00b4", "'"))


def fold(text: str) -> str:
    """Lower case, one apostrophe, without accents: how a search or a phrasing compares
    ("Février" is "fevrier", "l’équipe" is "l'equipe")."""
    decomposed = unicodedata.normalize("NFD", text.translate(APOSTROPHES).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_punctuation(ch: str) -> bool:
    """Whether a character is a punctuation mark (of the sentence, not of the data)."""
    return unicodedata.category(ch).startswith("P") and ch not in _NOT_PUNCTUATION


class Decorated(NamedTuple):
    """A word cut into the marks before it, the word itself and the marks after it."""

    lead: str
    core: str
    trail: str


@lru_cache(maxsize=1 << 14)  # a text's words repeat, and scoring looks at each several times
def decorated(word: str) -> Decorated:
    """``"(Gent),"`` -> ``("(", "Gent", "),")``; a word of marks only is all ``trail``."""
    start = 0
    while start < len(word) and is_punctuation(word[start]):
        start += 1
    if start == len(word):
        return Decorated("", "", word)
    end = len(word)
    while is_punctuation(word[end - 1]):
        end -= 1
    return Decorated(word[:start], word[start:end], word[end:])


def _initial_like(word: str, model: str) -> str:
    """``word`` with its first letter in the case of ``model``'s first letter."""
    if not word or not model:
        return word
    first = word[0].upper() if model[0].isupper() else word[0].lower()
    return first + word[1:]


@lru_cache(maxsize=1 << 14)
def swapped_forms(first: str, second: str) -> frozenset[tuple[str, str]]:
    """How two neighbouring words can be typed swapped as ONE error: the words moved with their
    punctuation, or the punctuation and/or the sentence capital staying where they were
    ("internet meer." typed as "meer internet."; "Morgen kom ik" as "Kom morgen ik")."""
    a, b = decorated(first), decorated(second)
    forms = {(second, first)}
    for marks_stay in (False, True):
        for capital_stays in (False, True):
            core_a = _initial_like(b.core, a.core) if capital_stays else b.core
            core_b = _initial_like(a.core, b.core) if capital_stays else a.core
            if marks_stay:
                forms.add((a.lead + core_a + a.trail, b.lead + core_b + b.trail))
            else:
                forms.add((b.lead + core_a + b.trail, a.lead + core_b + a.trail))
    return frozenset(forms)


@lru_cache(maxsize=1 << 14)
def in_place_swaps(first: str, second: str) -> frozenset[tuple[str, str]]:
    """The swaps of two neighbouring words other than the plain one (their marks or capital in
    place); usually none."""
    return swapped_forms(first, second) - {(second, first)}


class ComparableWord(NamedTuple):
    """A word as it is compared (``key``), and the original words it stands for
    (``start`` to ``end``, exclusive, indexes into the text's whitespace-separated words)."""

    key: str
    start: int
    end: int


def _strip_marks(word: str) -> str:
    return decorated(word).core


def _number_member(word: str, in_group: bool = False) -> tuple[str, str] | None:
    """A word that can belong to a digit group: (its digits and letters, its trailing marks),
    or None. Digits with letters ("BE68") or separators ("0475/38.12.96") are members, a word
    ("modem", "bus") is not. Marks after a member (a comma, a full stop) close the group."""
    parts = decorated(word)
    if parts.lead or not parts.core:
        return None
    core = parts.core
    pieces = _NUMBER_SEPARATORS.split(core)
    numeric = any(ch.isdigit() for ch in core) and all(_PIECE.fullmatch(p) for p in pieces)
    if not (numeric or (in_group and _LETTER_BLOCK.fullmatch(core))):
        return None
    return core, parts.trail


def comparable_words(text: str, ignore: Iterable[str] = ()) -> list[ComparableWord]:
    """The words of ``text`` as the word count compares them, given what is ignored."""
    ignored = frozenset(ignore)
    words = text.split()
    if not ignored:
        # built by C loops (a long text has thousands of words): ComparableWord(word, i, i + 1)
        spans = zip(words, count(), count(1))
        return list(map(tuple.__new__, repeat(ComparableWord), spans))
    out: list[ComparableWord] = []
    index = 0
    while index < len(words):
        word, end = words[index], index + 1
        if "number-format" in ignored and (member := _number_member(word)) is not None:
            digits, trail = member
            parts = [digits]
            # a mark after a member ("96," or "96.") ends the group there, unless marks are not
            # marked at all ("bus 3, 2950" then reads as "bus 3 2950" does)
            closes = "punctuation" not in ignored
            while (
                not (trail and closes)
                and end < len(words)
                and (nxt := _number_member(words[end], True))
            ):
                parts.append(nxt[0])
                trail = nxt[1]
                end += 1
            word = _NUMBER_SEPARATORS.sub("", "".join(parts)).upper() + trail
        if "punctuation" in ignored:
            word = _strip_marks(word)
        if "case" in ignored:
            word = word.casefold()
        if word:
            out.append(ComparableWord(word, index, end))
        index = end
    return out


def keys(words: Sequence[ComparableWord]) -> list[str]:
    """Only the compared forms."""
    return list(map(itemgetter(0), words))  # a C loop: w.key for each word
