"""What an operator writes in their own words: the facts a note must hold (in any wording or
notation) and its spelling, with a real Hunspell dictionary."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from tests.core.test_scenario import documented_example
from trainer.core import spelling
from trainer.core.facts import find_phrase, find_value
from trainer.core.free_text import spelling_of
from trainer.core.loader import ExerciseFileError, parse_exercise
from trainer.core.messages import Message
from trainer.core.scenario import CallExercise, Fact, FormField

NOTE = (
    "Dubbele inning factuur 2 maart 2026 (€ 64,50) bevestigd. Terugbetaling aangevraagd op "
    "be52735028461909, binnen 5 werkdagen. Klant bereikbaar op +32 9 360 41 27."
)


@pytest.mark.parametrize(
    ("kind", "value", "found"),
    [
        ("date", "02/03/2026", "2 maart 2026"),
        ("amount", "64,50", "€ 64,50"),
        ("iban", "BE52 7350 2846 1909", "be52735028461909"),
        ("phone", "09 360 41 27", "+32 9 360 41 27"),
    ],
)
def test_a_value_is_found_in_any_notation(kind: str, value: str, found: str) -> None:
    assert find_value(kind, value, NOTE) == found  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("date", "03/03/2026"),  # another day
        ("amount", "65,40"),  # digits swapped
        ("iban", "BE68 5390 0754 7034"),  # another account
        ("phone", "09 360 41 72"),
    ],
)
def test_a_different_value_is_not_found(kind: str, value: str) -> None:
    assert find_value(kind, value, NOTE) is None  # type: ignore[arg-type]


def test_phrasings_ignore_case_accents_and_punctuation_and_may_end_in_any_ending() -> None:
    assert find_phrase(["dubbel geïnd", "dubbele inning"], NOTE) == "Dubbele inning"
    assert find_phrase(["terugbeta*"], NOTE) == "Terugbetaling"
    assert find_phrase(["per sms"], "Wachtwoord via SMS verstuurd") is None
    assert find_phrase(["per sms", "via sms"], "Tijdelijk wachtwoord via SMS.") == "via SMS"
    assert find_phrase(["geind"], "Bedrag twee keer geïnd.") == "geïnd"
    # whole words only: "twee" is not in "tweede"
    assert find_phrase(["twee"], "De tweede lijn belt terug.") is None


def test_a_date_in_a_note_may_leave_out_the_year_of_this_date() -> None:
    assert find_value("date", "19/03/2026", "Terugbellen do 19/03 tussen 14 en 16 uur.") == "19/03"
    assert find_value("date", "19/03/2026", "Terugbellen op 19 maart.") == "19 maart"
    assert find_value("date", "19/03/2026", "Terugbellen op 19/03/2025.") is None  # another year
    assert find_value("date", "19/03/2026", "Terugbellen op 20/03.") is None


def test_a_dash_between_words_or_a_curly_apostrophe_does_not_hide_a_phrase() -> None:
    assert find_phrase(["14* 16*"], "Bereikbaar 14:00 - 16:00.") == "14:00 - 16:00"
    assert find_phrase(["l'équipe Licences"], "Transféré à l’équipe Licences.") == (
        "l’équipe Licences"
    )


def test_a_fact_is_a_value_of_a_kind_or_a_set_of_phrasings() -> None:
    Fact(id="bedrag", kind="amount", value="64,50")
    Fact(id="sms", any=["per sms", "via sms"])
    for wrong in (
        {"id": "x"},  # neither
        {"id": "x", "kind": "amount"},  # a kind without a value
        {"id": "x", "kind": "amount", "value": "1", "any": ["een euro"]},  # both
        {"id": "x", "kind": "text", "value": "iets"},  # text is said with phrasings
    ):
        with pytest.raises(ValidationError):
            Fact(**wrong)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="facts_text_only"):
        FormField(
            id="p", label="P", kind="postcode", expected="3000", facts=[Fact(id="s", any=["x"])]
        )
    with pytest.raises(ValidationError, match="facts_text_only"):
        FormField(id="p", label="P", kind="postcode", expected="3000", case_sensitive=False)


def test_the_model_answer_must_hold_every_fact_and_values_must_be_valid() -> None:
    text = documented_example().replace(
        '      - {id: postcode, label: de postcode, kind: postcode, value: "3000"}',
        '      - {id: postcode, label: de postcode, kind: postcode, value: "3001"}\n'
        "      - {id: iban, kind: iban, value: BE00 0000 0000 0000}",
    )
    with pytest.raises(ExerciseFileError) as caught:
        parse_exercise(text, Path("gesprek.yaml"))
    messages = [p.message for p in caught.value.problems]
    assert Message("fact_not_in_answer", {"id": "postcode"}) in messages
    assert Message("invalid_iban_checksum", {"value": "BE00 0000 0000 0000"}) in messages


def call() -> CallExercise:
    exercise, _ = parse_exercise(documented_example(), Path("README.md"))
    assert isinstance(exercise, CallExercise)
    return exercise


def test_the_dictionaries_of_the_three_languages_are_installed() -> None:
    # scripts/setup.sh installs them; without them spelling would go unchecked, silently
    for language in ("nl", "fr", "en"):
        assert spelling.dictionary(language) is not None, language


@pytest.mark.parametrize(
    ("language", "right", "wrong"),
    [
        ("nl", "De technieker komt morgen voor de modem.", "De techniker komt morgne."),
        ("fr", "Le technicien passe demain pour le modem.", "Le technicein passe demian."),
        ("en", "The engineer will call back tomorrow.", "The enginer will call bak tomorow."),
    ],
)
def test_real_dictionaries_find_the_misspelled_words(language: str, right: str, wrong: str) -> None:
    checker = spelling.dictionary(language)
    assert checker is not None
    assert spelling.misspelled(spelling.words_to_check(right), language, frozenset(), checker) == []
    found = spelling.misspelled(spelling.words_to_check(wrong), language, frozenset(), checker)
    assert len(found) >= 2
    assert set(found) <= set(spelling.words_to_check(wrong))


def test_the_scenarios_names_and_data_are_not_spelling_errors() -> None:
    note = (
        "Mevr. Willems (klant 35108624) verhuist naar Diestsestraat 64; mail naar "
        "sofie.willems@telenet.be."
    )
    result = spelling_of(call(), [note], "0.03")
    # "Willems" and "Diestsestraat" are in the scenario; numbers and the address are data
    assert result.checked
    assert result.misspelled == []
    assert result.words == len(note.split())


def test_typographic_apostrophes_are_apostrophes() -> None:
    checker = spelling.dictionary("fr")
    assert checker is not None
    words = spelling.words_to_check("Demande d’installation transmise à l’équipe.")
    assert spelling.misspelled(words, "fr", frozenset(), checker) == []


def test_without_a_dictionary_spelling_is_not_checked_and_never_guessed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(spelling, "dictionary", lambda _language: None)
    result = spelling_of(call(), ["Verhuisd naar Diestsestraat 64, bevestigng per mial."], "0.03")
    assert not result.checked
    assert result.misspelled == [] and result.within_margin
