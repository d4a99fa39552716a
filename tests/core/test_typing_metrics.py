"""Example tests for the typing-metrics engine (Soukoreff & MacKenzie 2003 definitions)."""

from __future__ import annotations

import json
import random
from decimal import Decimal

import pytest
from rapidfuzz.distance import Levenshtein

from tests.contract import SCORE_JSON_KEYS
from trainer.core.typing_metrics import (
    BACKSPACE,
    DELETE,
    AlignedChar,
    TypingResult,
    align,
    score_typing,
    transcribe,
)

B = BACKSPACE

DUTCH_TEXT = (
    "goedemiddag u spreekt met de klantenservice waarmee kan ik u helpen de factuur van maart "
    "bevat een te hoog voorschotbedrag ik heb het adres gewijzigd naar de kerkstraat in utrecht "
    "u ontvangt binnen vijf werkdagen een bevestiging per mail excuses voor het ongemak"
)
DUTCH_WORDS = DUTCH_TEXT.split()


def hundred_words() -> list[str]:
    words = [DUTCH_WORDS[i % len(DUTCH_WORDS)] for i in range(100)]
    assert len(words) == 100
    return words


def with_typos(words: list[str], indexes: list[int]) -> str:
    """The words joined, with a typo (an extra letter) in each word at ``indexes``."""
    return " ".join(w + "q" if i in indexes else w for i, w in enumerate(words))


# --- the worked example of the spec ---------------------------------------------------------


def test_worked_example_all_numbers() -> None:
    result = score_typing("the quick brown", f"th quix{B}ck brpown")

    assert result.transcribed == "th quick brpown"
    assert result.correct == 13
    assert result.incorrect_not_fixed == 2
    assert result.incorrect_fixed == 1
    assert result.fixes == 1
    assert result.keystrokes == 17
    assert result.msd == 2
    assert result.total_error_rate == pytest.approx(3 / 16)
    assert result.corrected_error_rate == pytest.approx(1 / 16)
    assert result.uncorrected_error_rate == pytest.approx(2 / 16)
    assert result.msd_error_rate == pytest.approx(2 / 15)
    assert result.kspc == pytest.approx(17 / 15)
    assert result.reference_chars == result.reference_chars_counted == 15
    assert [(e.type, e.position, e.expected, e.typed) for e in result.errors] == [
        ("omission", 2, "e", ""),
        ("insertion", 12, "", "p"),
    ]
    # "th" and "brpown" are wrong words; "quick" was corrected in time.
    assert result.reference_words == 3
    assert result.word_errors == 2
    assert [w.position for w in result.word_error_list] == [0, 2]
    assert not result.passed


# --- normalisation --------------------------------------------------------------------------


def test_precomposed_reference_matches_combining_input() -> None:
    reference = "caf\u00e9 cr\u00e8me"  # é and è precomposed
    typed = "cafe\u0301 cre\u0300me"  # base letter + combining accent

    result = score_typing(reference, typed)

    assert result.errors == []
    assert result.msd == 0
    assert result.word_errors == 0
    assert result.passed
    # Each accented letter counts as one keystroke once composed.
    assert result.keystrokes == len(reference) == 10
    assert transcribe(typed) == reference


def test_trailing_whitespace_is_ignored_in_both_texts() -> None:
    result = score_typing("hallo wereld\n", "hallo wereld  \n")

    assert result.transcribed == "hallo wereld"
    assert result.errors == []
    assert result.keystrokes == 12  # the three trailing keystrokes are dropped
    assert result.kspc == 1.0
    assert result.passed


def test_trailing_whitespace_keeps_corrected_errors() -> None:
    result = score_typing("hallo", f"hallx{B}o \n")

    assert result.transcribed == "hallo"
    assert result.keystrokes == 7  # 9 keystrokes minus the trailing space and newline
    assert result.incorrect_fixed == 1
    assert result.fixes == 1
    assert result.incorrect_not_fixed == 0


def test_comparison_is_case_sensitive() -> None:
    result = score_typing("Utrecht", "utrecht")

    assert [(e.type, e.expected, e.typed) for e in result.errors] == [("substitution", "U", "u")]
    assert result.word_errors == 1


# --- pass / fail at the margin ---------------------------------------------------------------


@pytest.mark.parametrize("margin", ["0.03", 0.03, Decimal("0.03"), "3/100"])
def test_three_word_errors_in_hundred_pass_four_fail(margin: str | float | Decimal) -> None:
    words = hundred_words()
    reference = " ".join(words)

    three = score_typing(reference, with_typos(words, [5, 50, 99]), margin=margin)
    four = score_typing(reference, with_typos(words, [5, 50, 70, 99]), margin=margin)

    assert three.reference_words == four.reference_words == 100
    assert three.word_errors == 3
    assert three.error_rate == three.word_error_rate == 0.03
    assert three.passed
    assert four.word_errors == 4
    assert not four.passed
    assert three.margin == 0.03
    assert three.unit == "word"


def test_char_unit_uses_msd_error_rate() -> None:
    reference = "a" * 100
    three = "a" * 10 + "bbb" + "a" * 87
    four = "a" * 10 + "bbbb" + "a" * 86

    passed = score_typing(reference, three, unit="char", margin="0.03")
    failed = score_typing(reference, four, unit="char", margin="0.03")

    assert passed.msd == 3
    assert passed.error_rate == passed.msd_error_rate == 0.03
    assert passed.passed
    assert failed.msd == 4
    assert not failed.passed
    # The same three wrong characters form one wrong word out of one: far over 3% by words.
    assert not score_typing(reference, three, unit="word", margin="0.03").passed


def test_corrected_errors_never_fail() -> None:
    result = score_typing("de klant belt", f"de kl{B}lant bellr{B}{B}t")

    assert result.transcribed == "de klant belt"
    assert result.incorrect_fixed == 3
    assert result.incorrect_not_fixed == 0
    assert result.total_error_rate > 0
    assert result.word_errors == 0
    assert result.passed


def test_margin_zero_and_one_are_inclusive() -> None:
    assert score_typing("de klant", "de klant", margin=0).passed
    assert score_typing("de klant", "xx yyyyy", margin=1).passed
    assert not score_typing("de klant", "de klont", margin=0).passed


@pytest.mark.parametrize("margin", [-0.01, 1.01, "2", Decimal("-1"), 3])
def test_margin_out_of_range_raises(margin: str | float | Decimal | int) -> None:
    with pytest.raises(ValueError):
        score_typing("de klant", "de klant", margin=margin)


@pytest.mark.parametrize("margin", ["drie procent", "nan", float("inf")])
def test_margin_that_is_not_a_number_raises(margin: str | float) -> None:
    with pytest.raises(ValueError):
        score_typing("de klant", "de klant", margin=margin)


def test_unknown_unit_raises() -> None:
    with pytest.raises(ValueError):
        score_typing("de klant", "de klant", unit="line")  # type: ignore[arg-type]


def test_empty_input_fails() -> None:
    result = score_typing("de klant belt", "")

    assert not result.passed
    assert result.transcribed == ""
    assert result.kspc is None
    assert result.wpm is None
    assert result.keystrokes == 0


def test_everything_erased_fails() -> None:
    result = score_typing("de klant belt", f"de{B}{B}")

    assert not result.passed
    assert result.incorrect_fixed == 2
    assert result.fixes == 2
    assert result.keystrokes == 4


# --- editing keystrokes ----------------------------------------------------------------------


def test_delete_keystrokes_count_as_fixes_but_remove_nothing() -> None:
    result = score_typing("abc", f"ab{DELETE}c{DELETE}")

    assert result.transcribed == "abc"
    assert result.fixes == 2
    assert result.keystrokes == 5
    assert result.incorrect_fixed == 0
    assert result.incorrect_not_fixed == 0
    assert result.kspc == pytest.approx(5 / 3)


def test_transcribe_applies_backspace_and_ignores_extra_ones() -> None:
    assert transcribe(f"{B}{B}ab{B}c") == "ac"
    assert transcribe(f"ab{B}{B}{B}{B}x") == "x"
    assert transcribe(f"ab{DELETE}c") == "abc"
    assert transcribe("") == ""


# --- character error classification ---------------------------------------------------------


def test_substitution() -> None:
    (error,) = score_typing("de kat", "de kot").errors

    assert (error.type, error.position, error.typed_position) == ("substitution", 4, 4)
    assert (error.expected, error.typed, error.word) == ("a", "o", 1)


def test_insertion() -> None:
    (error,) = score_typing("de kat", "de kart").errors

    assert (error.type, error.position, error.typed_position) == ("insertion", 5, 5)
    assert (error.expected, error.typed, error.word) == ("", "r", 1)


def test_omission() -> None:
    (error,) = score_typing("de kat", "de kt").errors

    assert (error.type, error.position, error.typed_position) == ("omission", 4, 4)
    assert (error.expected, error.typed, error.word) == ("a", "", 1)


def test_transposition_is_one_char_error_and_one_word_error() -> None:
    result = score_typing("de kat", "de akt")

    (error,) = result.errors
    assert (error.type, error.position, error.typed_position) == ("transposition", 3, 3)
    assert (error.expected, error.typed, error.word) == ("ka", "ak", 1)
    assert result.msd == 2  # the string distance itself still counts two edits
    assert result.word_errors == 1


def test_minimal_transposition() -> None:
    result = score_typing("ab", "ba")

    assert [(e.type, e.expected, e.typed) for e in result.errors] == [("transposition", "ab", "ba")]
    assert result.word_errors == 1


def test_space_swapped_with_a_letter_belongs_to_the_word_before() -> None:
    (error,) = score_typing("de klant", "dek lant").errors

    assert (error.type, error.position, error.expected, error.typed) == (
        "transposition",
        2,
        " k",
        "k ",
    )
    assert error.word == 0


def test_every_swap_in_a_long_text_is_one_transposition() -> None:
    # In long texts rapidfuzz aligns some swaps next to a repeated letter as an omission and
    # an insertion further on ("e e" -> " ee"); those must still come out as one swap.
    rng = random.Random(0)
    reference = "".join(rng.choice("abcdefgh ") for _ in range(3000))
    typed = list(reference)
    swapped = []
    for i in range(2, len(typed) - 3, 37):
        if typed[i] != typed[i + 1]:
            typed[i], typed[i + 1] = typed[i + 1], typed[i]
            swapped.append(i)

    result = score_typing(reference, "".join(typed), unit="char")

    assert [(e.type, e.position) for e in result.errors] == [("transposition", i) for i in swapped]
    assert result.msd == 2 * len(swapped)


# --- word level ------------------------------------------------------------------------------


def test_swapped_adjacent_words_count_once() -> None:
    result = score_typing("de klant belt vandaag", "de belt klant vandaag")

    assert result.word_errors == 1
    (error,) = result.word_error_list
    assert (error.type, error.position) == ("transposition", 1)
    assert (error.expected, error.typed) == ("klant belt", "belt klant")


def test_several_typos_in_one_word_count_once() -> None:
    result = score_typing("de klant belt", "de kalnx belt")

    assert result.msd >= 3
    assert result.word_errors == 1
    (error,) = result.word_error_list
    assert (error.type, error.position, error.expected, error.typed) == (
        "substitution",
        1,
        "klant",
        "kalnx",
    )
    assert {e.word for e in result.errors} == {1}


def test_extra_word_is_an_insertion() -> None:
    result = score_typing("de klant belt", "de klant nu belt")

    assert result.word_errors == 1
    (error,) = result.word_error_list
    assert (error.type, error.position, error.expected, error.typed) == ("insertion", 2, "", "nu")


def test_missing_word_is_an_omission() -> None:
    result = score_typing("de klant belt", "de belt")

    assert result.word_errors == 1
    (error,) = result.word_error_list
    assert (error.type, error.position, error.expected, error.typed) == (
        "omission",
        1,
        "klant",
        "",
    )


def test_words_split_on_any_whitespace() -> None:
    result = score_typing("de klant\nbelt", "de  klant belt")

    assert result.word_errors == 0
    assert result.reference_words == 3
    assert result.msd == 2  # the extra space and the newline typed as a space


# --- partial mode ----------------------------------------------------------------------------

SENTENCES = (
    "Goedemiddag, u spreekt met de klantenservice. "
    "Ik heb het adres gewijzigd naar de Kerkstraat in Utrecht. "
    "U ontvangt binnen vijf werkdagen een bevestiging per e-mail. "
    "Excuses voor het ongemak, ik heb een terugbelverzoek aangemaakt."
)


def test_partial_does_not_count_the_unreached_tail() -> None:
    half = SENTENCES[: SENTENCES.index("U ontvangt")].rstrip()

    partial = score_typing(SENTENCES, half, partial=True)
    full = score_typing(SENTENCES, half)

    assert partial.errors == []
    assert partial.word_errors == 0
    assert partial.reference_words == len(half.split())
    assert partial.reference_chars_counted == len(half)
    assert partial.reference_chars == len(SENTENCES)
    assert partial.partial
    assert partial.passed
    # Without partial mode the tail is one long omission.
    assert {e.type for e in full.errors} == {"omission"}
    assert full.word_errors == len(SENTENCES.split()) - len(half.split())
    assert not full.passed


def test_partial_still_counts_a_typo_in_the_reached_part() -> None:
    typed = "Goedemiddag, u spreekt met de klantenservise. Ik heb het adres"

    result = score_typing(SENTENCES, typed, partial=True)

    assert [(e.type, e.expected, e.typed) for e in result.errors] == [("substitution", "c", "s")]
    assert result.word_errors == 1
    assert result.word_error_list[0].expected == "klantenservice."
    assert result.reference_words == 10


def test_partial_stopping_mid_word_does_not_count_the_rest_of_it() -> None:
    result = score_typing(SENTENCES, "Goedemiddag, u spreekt met de klanten", partial=True)

    assert result.errors == []
    assert result.word_errors == 0
    assert result.reference_words == 6
    assert result.reference_chars_counted == len("Goedemiddag, u spreekt met de klanten")


def test_partial_with_a_dropped_last_letter_counts_the_omission() -> None:
    # The best-matching cut keeps the whole word: "servce" is one letter short, not a stop.
    result = score_typing("de klantenservice belt", "de klantenservce", partial=True)

    assert [(e.type, e.expected) for e in result.errors] == [("omission", "i")]
    assert result.word_errors == 1


def test_partial_ties_take_the_longest_prefix() -> None:
    # "ab" vs "ax" and "a" vs "ax" are both one edit away; the longer cut wins.
    result = score_typing("abc", "ax", partial=True)

    assert result.reference_chars_counted == 2
    assert [(e.type, e.expected, e.typed) for e in result.errors] == [("substitution", "b", "x")]


def test_partial_with_garbage_input_finds_the_best_cut() -> None:
    # A mostly wrong attempt gives a wide window of candidate cuts (the bit-parallel path).
    rng = random.Random(7)
    reference = "".join(rng.choice("abcdefghij ") for _ in range(700))
    typed = "".join(rng.choice("abcdefghij ") for _ in range(400))

    result = score_typing(reference, typed, partial=True)

    typed = typed.rstrip()  # as scored
    distances = [Levenshtein.distance(reference[:k], typed) for k in range(len(reference) + 1)]
    best = min(distances)
    assert result.reference_chars_counted == max(k for k, d in enumerate(distances) if d == best)
    assert result.msd == best


def test_partial_with_empty_input_fails() -> None:
    result = score_typing(SENTENCES, "", partial=True)

    assert result.reference_chars_counted == 0
    assert result.reference_words == 0
    assert not result.passed


# --- speeds ----------------------------------------------------------------------------------


def test_speeds() -> None:
    typed = "a" * 51

    result = score_typing(typed, typed, seconds=12)

    assert result.wpm == 50.0
    assert result.chars_per_minute == 250.0
    assert result.keystrokes_per_minute == 250.0
    assert result.seconds == 12


def test_keystrokes_per_minute_includes_corrections() -> None:
    result = score_typing("abc", f"abx{B}c", seconds=2)

    assert result.chars_per_minute == 60.0  # (3 - 1) / 2 s
    assert result.keystrokes_per_minute == 120.0  # (5 - 1) / 2 s


@pytest.mark.parametrize("seconds", [None, 0, -3.0, float("nan")])
def test_speeds_unknown_without_a_positive_duration(seconds: float | None) -> None:
    result = score_typing("de klant", "de klant", seconds=seconds)

    assert result.wpm is None
    assert result.chars_per_minute is None
    assert result.keystrokes_per_minute is None


# --- display alignment -----------------------------------------------------------------------


def test_align_small_case() -> None:
    def step(expected: str, typed: str, op: str) -> AlignedChar:
        return AlignedChar(expected=expected, typed=typed, op=op)  # type: ignore[arg-type]

    assert align("de kat", "dde akt") == [
        step("d", "d", "equal"),
        step("", "d", "insertion"),
        step("e", "e", "equal"),
        step(" ", " ", "equal"),
        step("ka", "ak", "transposition"),
        step("t", "t", "equal"),
    ]
    assert align("kat", "kt") == [
        step("k", "k", "equal"),
        step("a", "", "omission"),
        step("t", "t", "equal"),
    ]


def test_align_normalises_like_scoring() -> None:
    assert align("caf\u00e9\n", "cafe\u0301 ") == [
        AlignedChar(expected=ch, typed=ch, op="equal") for ch in "caf\u00e9"
    ]


# --- JSON contract ---------------------------------------------------------------------------


def test_json_keys_are_the_published_contract() -> None:
    result = score_typing("the quick brown", f"th quix{B}ck brpown", seconds=10)

    data = result.to_json_dict()

    # the contract's keys, and the ones the results screen and reports use
    required = SCORE_JSON_KEYS | {
        "word_error_list",
        "reference_chars",
        "reference_chars_counted",
        "transcribed",
        "partial",
    }
    assert required <= data.keys()
    assert data["margin"] == 0.03
    assert data["errors"][0] == {
        "type": "omission",
        "position": 2,
        "typed_position": 2,
        "expected": "e",
        "typed": "",
        "word": 0,
    }
    assert json.loads(json.dumps(data)) == data
    assert TypingResult.model_validate(data) == result


def test_result_is_frozen() -> None:
    result = score_typing("de klant", "de klant")

    with pytest.raises(ValueError):
        result.passed = False
