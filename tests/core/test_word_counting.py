"""Word errors as a fair examiner counts them (design.md, "Word level"), and what an attempt may
ignore: one error for a split word, two joined words, a hyphen typed as a space (or a space as
a hyphen) and two swapped neighbours, also when their punctuation or capital stays in place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.word_rules import examiner_errors
from trainer.core.loader import parse_exercise
from trainer.core.typing_metrics import score_typing
from trainer.core.word_alignment import align_words
from trainer.core.word_forms import comparable_words

PROPERTY = settings(max_examples=300, deadline=None, database=None)


def errors_of(reference: str, typed: str, **options: object) -> list[tuple[str, str, str]]:
    """(type, expected words, typed words) of each word error."""
    result = score_typing(reference, typed, **options)  # type: ignore[arg-type]
    assert result.word_errors == len(result.word_error_list)
    return [(e.type, e.expected, e.typed) for e in result.word_error_list]


# --- the examiner's cases, one error each -------------------------------------------------

ONE_ERROR = [
    # a word split in two
    ("De technieker komt morgen.", "De techn ieker komt morgen.", "split", "technieker"),
    # two words joined
    ("Ik heb geen internet meer.", "Ik heb geeninternet meer.", "join", "geen internet"),
    # a hyphen typed as a space, and a space typed as a hyphen
    ("Ze woont in Sint-Niklaas.", "Ze woont in Sint Niklaas.", "split", "Sint-Niklaas."),
    ("Stuur een e-mail naar Jan.", "Stuur een e mail naar Jan.", "split", "e-mail"),
    ("Bel naar de klanten dienst.", "Bel naar de klanten-dienst.", "join", "klanten dienst."),
    # two swapped neighbours: moved with their punctuation, or the punctuation staying in place
    ("Ik heb geen internet meer.", "Ik heb geen meer. internet", "transposition", "internet meer."),
    ("Ik heb geen internet meer.", "Ik heb geen meer internet.", "transposition", "internet meer."),
    (
        "De printer, zegt ze, drukt niet.",
        "De zegt, printer ze, drukt niet.",
        "transposition",
        "printer, zegt",
    ),
    # ... and the sentence capital staying in place (or moving along)
    ("Morgen kom ik langs.", "Kom morgen ik langs.", "transposition", "Morgen kom"),
    ("Morgen kom ik langs.", "kom Morgen ik langs.", "transposition", "Morgen kom"),
    # one wrong word however many letters are wrong in it
    ("Het modem knippert rood.", "Het mdoem knippert rood.", "substitution", "modem"),
    # a missing or wrong punctuation mark, or a wrong capital: an error of that word
    ("Het modem knippert rood.", "Het modem knippert rood", "substitution", "rood."),
    ("Het modem knippert rood.", "Het modem knippert rood!", "substitution", "rood."),
    ("Hij woont in Gent.", "Hij woont in gent.", "substitution", "Gent."),
]


@pytest.mark.parametrize(("reference", "typed", "kind", "expected"), ONE_ERROR)
def test_each_slip_an_examiner_counts_once_is_one_error_of_its_own_type(
    reference: str, typed: str, kind: str, expected: str
) -> None:
    (error,) = errors_of(reference, typed)
    assert error[0] == kind
    assert error[1] == expected


def test_the_error_list_names_the_words_on_both_sides() -> None:
    result = score_typing(
        "De technieker komt morgen in Sint-Niklaas.", "De techn ieker komt morgen in Sint Niklaas."
    )
    split, hyphen = result.word_error_list
    assert (split.type, split.expected, split.typed, split.detail) == (
        "split", "technieker", "techn ieker", None
    )  # fmt: skip
    assert (split.position, split.typed_position, split.offset) == (1, 1, 3)
    assert (hyphen.type, hyphen.expected, hyphen.typed, hyphen.detail) == (
        "split", "Sint-Niklaas.", "Sint Niklaas.", "hyphen"
    )  # fmt: skip
    assert result.reference_words == 6
    assert result.word_errors == 2


def test_what_alone_was_wrong_in_a_word_is_told() -> None:
    result = score_typing("Hij woont in Gent, zegt hij.", "hij woont in Gent. zegt hij.")
    details = {(e.expected, e.detail) for e in result.word_error_list}
    assert details == {("Hij", "case"), ("Gent,", "punctuation")}


def test_a_split_with_a_wrong_letter_is_more_than_one_error() -> None:
    # "techn ieler" is not "technieker" split: a wrong word and an extra word
    assert score_typing("De technieker komt.", "De techn ieler komt.").word_errors == 2


def test_swapped_words_with_a_wrong_capital_on_top_are_two_errors() -> None:
    # neither moved with the words nor kept in place: both words are wrong
    assert score_typing("Morgen kom ik.", "Kom Morgen ik.").word_errors == 2


def test_the_issue_sentences_cost_one_error_each() -> None:
    reference = "De technieker komt morgen want ik heb geen internet meer in Sint-Niklaas."
    typed = "De techn ieker komt morgen want ik heb geeninternet in meer Sint Niklaas."
    result = score_typing(reference, typed)
    assert [e.type for e in result.word_error_list] == ["split", "join", "transposition", "split"]
    assert result.word_errors == 4


# --- ignore --------------------------------------------------------------------------------


def test_ignoring_punctuation_drops_the_marks_but_not_the_words() -> None:
    reference = "Goedemiddag, u spreekt met Jan. Waarmee kan ik u helpen?"
    typed = "Goedemiddag u spreekt met Jan waarmee kan ik u helpen"
    # the comma, the full stop, the capital of "Waarmee" and the question mark
    assert score_typing(reference, typed).word_errors == 4
    ignored = score_typing(reference, typed, ignore=["punctuation"])
    # the capital of "Waarmee" still counts
    assert [(e.expected, e.typed) for e in ignored.word_error_list] == [("Waarmee", "waarmee")]
    both = score_typing(reference, typed, ignore=["punctuation", "case"])
    assert both.word_errors == 0
    assert both.passed
    assert both.ignored == ["punctuation", "case"]


def test_a_word_of_marks_only_is_not_a_word_when_punctuation_is_ignored() -> None:
    result = score_typing(
        "Hallo - ik bel voor Jan …", "Hallo ik bel voor Jan", ignore=["punctuation"]
    )
    assert result.reference_words == 5
    assert result.word_errors == 0


def test_data_keeps_its_symbols_when_punctuation_is_ignored() -> None:
    reference = "Mail naar an.de.smet@telenet.be, korting 10%."
    result = score_typing(
        reference, "Mail naar an.desmet@telenet.be korting 10", ignore=["punctuation"]
    )
    assert [(e.expected, e.typed) for e in result.word_error_list] == [
        ("an.de.smet@telenet.be,", "an.desmet@telenet.be"),
        ("10%.", "10"),
    ]


@pytest.mark.parametrize(
    "typed",
    [
        "Mijn nummer is 0475381296.",
        "Mijn nummer is 0475/38.12.96.",
        "Mijn nummer is 0475 38 12 96.",
        "Mijn nummer is 0475-38-12-96.",
        "Mijn nummer is 04 75 38 12 96.",
    ],
)
def test_a_number_written_in_another_format_is_the_same_number(typed: str) -> None:
    reference = "Mijn nummer is 0475 38 12 96."
    assert score_typing(reference, typed).word_errors >= 1 or typed == reference
    result = score_typing(reference, typed, ignore=["number-format"])
    assert result.word_errors == 0
    assert result.reference_words == 4  # the number is one word


def test_a_wrong_digit_is_still_one_error_when_the_number_format_is_ignored() -> None:
    result = score_typing(
        "Mijn nummer is 0475 38 12 96.", "Mijn nummer is 0475/38.21.96.", ignore=["number-format"]
    )
    assert [(e.type, e.expected, e.typed) for e in result.word_error_list] == [
        ("substitution", "0475 38 12 96.", "0475/38.21.96.")
    ]


def test_an_iban_with_its_bank_letters_is_one_number() -> None:
    words = comparable_words("Op NL91 ABNA 0417 1643 00 storten.", ["number-format"])
    assert [w.key for w in words] == ["Op", "NL91ABNA0417164300", "storten."]
    assert (words[1].start, words[1].end) == (1, 6)


def test_a_number_group_stops_at_a_word_or_a_mark() -> None:
    words = comparable_words("Kerkstraat 112 bus 3, 2950 Kapellen", ["number-format"])
    assert [w.key for w in words] == ["Kerkstraat", "112", "bus", "3,", "2950", "Kapellen"]
    # unless marks are not marked: then "3, 2950" is read as "3 2950" is
    unmarked = comparable_words("bus 3, 2950 Kapellen", ["number-format", "punctuation"])
    assert [w.key for w in unmarked] == ["bus", "32950", "Kapellen"]
    assert [w.key for w in comparable_words("een 4G-modem", ["number-format"])] == [
        "een", "4G-modem"
    ]  # fmt: skip


def test_ignoring_nothing_keeps_every_mark_and_capital() -> None:
    words = comparable_words("Bel 0475 38 12 96, Jan!")
    assert [w.key for w in words] == ["Bel", "0475", "38", "12", "96,", "Jan!"]


def test_an_unknown_thing_to_ignore_is_refused() -> None:
    with pytest.raises(ValueError, match="accents"):
        score_typing("a", "a", ignore=["accents"])


def test_char_unit_with_ignore_decides_on_the_texts_as_compared() -> None:
    reference = "Goedemiddag, u spreekt met Jan."
    typed = "goedemiddag u spreekt met Jan"
    strict = score_typing(reference, typed, unit="char")
    assert not strict.within_margin  # 3 of 31 characters
    lenient = score_typing(reference, typed, unit="char", ignore=["punctuation", "case"])
    assert lenient.error_rate == 0.0
    assert lenient.within_margin
    assert lenient.msd == strict.msd  # the Soukoreff & MacKenzie figures stay those of the text


# --- properties ----------------------------------------------------------------------------


# few distinct pieces, so joins, splits and swaps of equal words turn up often
PIECES = ["de", "ze", "deze", "ze-de", "Ze", "de.", "ze,", "-", "a", "b", "ab", "a-b", "B."]
word_lists = st.lists(st.sampled_from(PIECES), max_size=9)


@PROPERTY
@given(word_lists, word_lists)
def test_the_count_equals_the_rules_applied_plainly(ref: list[str], typed: list[str]) -> None:
    assert len(align_words(ref, typed)) == examiner_errors(ref, typed)


@PROPERTY
@given(word_lists, word_lists)
def test_never_more_errors_than_the_longer_text_has_words(ref: list[str], typed: list[str]) -> None:
    assert len(align_words(ref, typed)) <= max(len(ref), len(typed))


@PROPERTY
@given(word_lists)
def test_identical_text_has_no_error(words: list[str]) -> None:
    assert align_words(words, words) == []
    text = " ".join(words)
    for ignore in ([], ["punctuation"], ["case", "number-format"]):
        assert score_typing(text, text, ignore=ignore).word_errors == 0


distinct_words = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=8),
    min_size=3,
    max_size=12,
    unique=True,
)


@st.composite
def one_slip(draw: st.DrawFn) -> tuple[list[str], list[str], str]:
    """Distinct words (so only one reading is possible) and the same with one slip."""
    words = draw(distinct_words)
    at = draw(st.integers(0, len(words) - 2))
    slip = draw(st.sampled_from(["split", "join", "hyphen", "swap", "swap-marks", "capital"]))
    ref, typed = list(words), list(words)
    if slip == "split":
        cut = draw(st.integers(1, len(words[at]) - 1))
        typed[at : at + 1] = [words[at][:cut], words[at][cut:]]
    elif slip == "join":
        typed[at : at + 2] = [words[at] + words[at + 1]]
    elif slip == "hyphen":
        ref[at : at + 2] = [f"{words[at]}-{words[at + 1]}"]
    elif slip == "swap":
        typed[at : at + 2] = [words[at + 1], words[at]]
    elif slip == "swap-marks":  # the full stop stays where it was
        ref[at + 1] += "."
        typed[at : at + 2] = [words[at + 1], words[at] + "."]
    else:  # the sentence capital stays where it was
        ref[at] = ref[at].capitalize()
        typed[at : at + 2] = [words[at + 1].capitalize(), words[at]]
    return ref, typed, slip


@PROPERTY
@given(one_slip())
def test_each_new_slip_costs_exactly_one(case: tuple[list[str], list[str], str]) -> None:
    ref, typed, _slip = case
    result = score_typing(" ".join(ref), " ".join(typed))
    assert result.word_errors == 1
    assert examiner_errors(ref, typed) == 1


# --- the documentation says what the code does ----------------------------------------------

EXERCISES_README = Path(__file__).resolve().parents[2] / "exercises" / "README.md"


def test_the_counting_table_of_the_exercise_guide_is_what_the_scoring_does() -> None:
    text = EXERCISES_README.read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([^`]*)` \| `([^`]*)` \| (\d+) \(", text, re.M)
    assert len(rows) >= 7
    for reference, typed, errors in rows:
        assert score_typing(reference, typed).word_errors == int(errors), (reference, typed)


def test_the_guides_copy_and_dictation_examples_are_valid() -> None:
    text = EXERCISES_README.read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    examples = [b for b in blocks if "kind: copy" in b or "kind: dictation" in b]
    assert len(examples) == 2
    for block in examples:
        parse_exercise(block, Path("exercises/README.md"))
