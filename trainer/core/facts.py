"""Finding what a note must contain, in the operator's own words.

An operator writes their own note: it is judged on the facts it must hold, not on matching one
wording. A fact is a value of a field kind, found in any notation anywhere in the text ("BE52
7350 2846 1909" as "be52735028461909", "02/03/2026" as "2 maart 2026"), or one of a set of
phrasings ("terugbetaling aangevraagd", "terugbetaald"), where a word ending in ``*`` stands for
any ending ("terugbeta*"). Phrasings are compared without case and accents: a misspelled accent
is a spelling error, not a missing fact.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from trainer.core.fields import FieldKind, FieldValueError, normalise
from trainer.core.word_forms import decorated

# the longest notation of a value, in words ("+32 (0)478 15 60 27", "le 1er février 2026")
MAX_VALUE_WORDS = 8


def fold(text: str) -> str:
    """Lower case without accents: how phrasings are compared."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _strip(words: Sequence[str]) -> str:
    """Words as one text, without the punctuation around the whole (a note's "(€ 64,50)")."""
    text = " ".join(words)
    parts = decorated(text)
    return parts.core


def find_value(kind: FieldKind, value: str, text: str) -> str | None:
    """The words of ``text`` that are ``value`` as a ``kind`` in some notation, as typed; None
    when it is not there."""
    try:
        wanted = normalise(kind, value)
    except FieldValueError:  # no such value (validate says so): nothing can hold it
        return None
    words = text.split()
    for start in range(len(words)):
        for end in range(start + 1, min(start + MAX_VALUE_WORDS, len(words)) + 1):
            candidate = _strip(words[start:end])
            if not candidate:
                continue
            try:
                if normalise(kind, candidate) == wanted:
                    return candidate
            except FieldValueError:
                continue
    return None


def _phrase_matches(phrase: list[str], words: list[str], at: int) -> bool:
    for offset, wanted in enumerate(phrase):
        word = words[at + offset]
        if wanted.endswith("*") and len(wanted) > 1:
            if not word.startswith(wanted[:-1]):
                return False
        elif word != wanted:
            return False
    return True


def find_phrase(phrasings: Sequence[str], text: str) -> str | None:
    """The first of ``phrasings`` that ``text`` contains (whole words, without case, accents
    or punctuation), as typed; None when none is there."""
    typed = text.split()
    words = [fold(decorated(w).core) for w in typed]
    for phrasing in phrasings:
        phrase = [fold(decorated(w).core) for w in phrasing.split()]
        phrase = [w for w in phrase if w]
        if not phrase:
            continue
        for at in range(len(words) - len(phrase) + 1):
            if _phrase_matches(phrase, words, at):
                return _strip(typed[at : at + len(phrase)])
    return None
