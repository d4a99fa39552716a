"""Judging what an operator wrote in their own words in a call: the facts a note or description
must hold, and the spelling of the words around them against the margin.

``facts_in(field, text)`` says per fact whether it is there (in any wording or notation);
``spelling_of(call, texts, margin)`` counts the misspelled words over all of a call's own-words
fields (a note of twenty words cannot carry 3% on its own); ``meant(word, language)`` is the
word a misspelled one most likely was meant to be, for the keys that went wrong in it.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

from pydantic import BaseModel, ConfigDict
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from trainer.core import spelling
from trainer.core.reasons import Reason, reason
from trainer.core.scenario import CallExercise, FormField
from trainer.core.spelling import words_to_check


class FactResult(BaseModel):
    """One fact a free-text field must hold: found or not, and the words that hold it."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    found: bool
    as_typed: str | None = None


class SpellingResult(BaseModel):
    """The spelling of a call's own-words fields: misspelled words per words checked, against
    the margin. ``checked`` is false when no dictionary for the call's language was found."""

    model_config = ConfigDict(frozen=True)

    checked: bool
    language: str
    words: int  # words typed, data included
    misspelled: list[str]
    rate: float
    margin: float
    within_margin: bool

    def reasons(self) -> list[Reason]:
        """Why the spelling fails its competence: more misspelled words than the margin (none
        when within it); a call's, a chat's and a shift's alike."""
        if self.within_margin:
            return []
        return [
            reason(
                "spelling_over_margin",
                wrong=len(self.misspelled),
                words=self.words,
                rate=self.rate,
                margin=self.margin,
                misspelled=self.misspelled,
            )
        ]


def facts_in(form_field: FormField, text: str) -> list[FactResult]:
    """Each fact of the field, found in ``text`` or not."""
    results = []
    for fact in form_field.facts:
        held = fact.held_in(text)
        results.append(
            FactResult(id=fact.id, name=fact.name, found=held is not None, as_typed=held)
        )
    return results


def _scenario_words(call: CallExercise) -> Iterable[str]:
    """Everything the scenario writes: its names, streets, codes and teams are known words."""
    customer = call.customer
    yield from (customer.number, customer.name, customer.address, customer.email)
    yield from customer.products
    yield from customer.history
    for form_field in call.fields:
        yield form_field.label
        yield form_field.expected
        for fact in form_field.facts:
            yield from fact.any
            if fact.value is not None:
                yield fact.value
    for article in call.knowledge:
        yield article.title
        yield article.text
    yield from call.transfer_targets
    yield from call.closing_codes
    yield from call.contact_results
    for event in call.timeline:
        text = getattr(event, "text", None)
        if text:
            yield text


def meant(word: str, language: str, model: Iterable[str] = ()) -> str | None:
    """The word a misspelled ``word`` was most likely meant to be: the nearest word of the
    ``model`` texts (what the scorer expects there, such as the exercise's model note) within
    a slip or two ("Tijdelik" -> "Tijdelijk", in the case it was typed in), else the
    dictionary's first suggestion ("wachtwrood" -> "wachtwoord"); None without either."""
    words = {core for text in model for core in words_to_check(text)}
    near = process.extractOne(
        word,
        words,
        scorer=Levenshtein.distance,
        processor=str.casefold,
        score_cutoff=max(1, len(word) // 4),
    )
    if near is not None:
        found = str(near[0])
        first = found[:1].upper() if word[:1].isupper() else found[:1].lower()
        return first + found[1:]
    suggest = getattr(spelling.dictionary(language), "suggest", None)
    if suggest is None:
        return None
    try:
        suggested = suggest(word)
    except Exception:  # (the dictionary library's own error: no suggestion, no harm)
        return None
    return str(suggested[0]) if suggested else None


def spelling_of(call: CallExercise, texts: Iterable[str], margin: Decimal | str) -> SpellingResult:
    """Misspelled words per words typed over all ``texts`` (the values of the call's fields
    with facts); data (numbers, codes, addresses) are typed words but not spelling."""
    texts = list(texts)
    typed = sum(len(text.split()) for text in texts)
    words = [word for text in texts for word in spelling.words_to_check(text)]
    margin_value = Fraction(Decimal(margin))
    checker = spelling.dictionary(call.language)
    if checker is None:
        return SpellingResult(
            checked=False,
            language=call.language,
            words=typed,
            misspelled=[],
            rate=0.0,
            margin=float(margin_value),
            within_margin=True,
        )
    known = spelling.known_words(_scenario_words(call))
    wrong = spelling.misspelled(words, call.language, known, checker)
    rate = Fraction(len(wrong), typed) if typed else Fraction(0)
    return SpellingResult(
        checked=True,
        language=call.language,
        words=typed,
        misspelled=wrong,
        rate=float(rate),
        margin=float(margin_value),
        within_margin=rate <= margin_value,
    )
