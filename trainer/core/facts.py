"""Finding what a note must contain, in the operator's own words.

An operator writes their own note: it is judged on the facts it must hold, not on matching one
wording. A fact is a value of a field kind, found in any notation anywhere in the text ("BE52
7350 2846 1909" as "be52735028461909", "02/03/2026" as "2 maart 2026"), or one of a set of
phrasings ("terugbetaling aangevraagd", "terugbetaald"), where a word ending in ``*`` stands for
any ending ("terugbeta*"). Phrasings are compared without case and accents: a misspelled accent
is a spelling error, not a missing fact.
"""

from __future__ import annotations

from collections.abc import Sequence

from trainer.core.fields import FieldKind, FieldValueError, normalise
from trainer.core.word_forms import decorated, fold

# the longest notation of a value, in words ("+32 (0)478 15 60 27", "le 1er février 2026")
MAX_VALUE_WORDS = 8


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
        # the longest notation first: "2 maart 2026", not "2 maart" with the year left over
        for end in range(min(start + MAX_VALUE_WORDS, len(words)), start, -1):
            candidate = _strip(words[start:end])
            if candidate and any(
                _is(kind, form, wanted) for form in _notations(kind, candidate, wanted)
            ):
                return candidate
    return None


def _notations(kind: FieldKind, candidate: str, wanted: str) -> list[str]:
    """The candidate, and for a date also with the wanted date's year: a note may leave out
    the year of a date in this year ("terugbellen op 19/03", "op 19 maart")."""
    if kind != "date":
        return [candidate]
    year = wanted[:4]  # the canonical form is ISO: 2026-03-19
    return [candidate, f"{candidate}/{year}", f"{candidate} {year}"]


def _is(kind: FieldKind, candidate: str, wanted: str) -> bool:
    try:
        return normalise(kind, candidate) == wanted
    except FieldValueError:
        return False


def _phrase_matches(phrase: list[str], words: list[str], at: int) -> bool:
    for offset, wanted in enumerate(phrase):
        word = words[at + offset]
        if wanted.endswith("*") and len(wanted) > 1:
            if not word.startswith(wanted[:-1]):
                return False
        elif word != wanted:
            return False
    return True


def phrase_spans(phrasings: Sequence[str], text: str) -> tuple[list[tuple[int, int, str]], int]:
    """Every place a phrasing of ``phrasings`` stands in ``text``, phrasing by phrasing: (its
    first word, its last word, as typed), words counted without those of marks only; and how
    many words the text has so counted (where a phrase stands: at the start, at the end)."""
    typed = text.split()
    # a word of marks only ("14:00 - 16:00") does not break a phrase
    kept = [(i, fold(decorated(w).core)) for i, w in enumerate(typed)]
    kept = [(i, w) for i, w in kept if w]
    words = [w for _, w in kept]
    spans: list[tuple[int, int, str]] = []
    for phrasing in phrasings:
        phrase = [fold(decorated(w).core) for w in phrasing.split()]
        phrase = [w for w in phrase if w]
        if not phrase:
            continue
        for at in range(len(words) - len(phrase) + 1):
            if _phrase_matches(phrase, words, at):
                first, last = kept[at][0], kept[at + len(phrase) - 1][0]
                spans.append((at, at + len(phrase) - 1, _strip(typed[first : last + 1])))
    return spans, len(words)


def find_phrase(phrasings: Sequence[str], text: str) -> str | None:
    """The first of ``phrasings`` that ``text`` contains (whole words, without case, accents
    or punctuation), as typed; None when none is there."""
    spans, _ = phrase_spans(phrasings, text)
    return spans[0][2] if spans else None
