"""Property tests for the typing-metrics engine (hypothesis)."""

from __future__ import annotations

import math
import re
import unicodedata

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA, Levenshtein

from tests.word_rules import examiner_errors
from trainer.core.typing_metrics import BACKSPACE, DELETE, TypingResult, score_typing

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèçàë"
NON_SPACE = LETTERS + "0123456789.,;:!?'-"
ALPHABET = NON_SPACE + " \n"

# A small alphabet makes repeated words (and so swaps and ambiguous alignments) likely.
SMALL = "abeé "

texts = st.text(alphabet=ALPHABET, max_size=60) | st.text(alphabet=SMALL, max_size=40)
streams = st.text(alphabet=ALPHABET + BACKSPACE + DELETE, max_size=80)

ACTIONS = ["type"] * 8 + ["substitute", "omit", "insert", "swap", "correct", "delete"]

PROPERTY = settings(max_examples=200, deadline=None, database=None)


@st.composite
def attempts(draw: st.DrawFn, reference: str, *, whitespace_slips: bool = True) -> str:
    """Keystrokes of someone copying ``reference``: mostly right, some slips, some fixes.

    Without ``whitespace_slips`` every space or newline is typed right and no slip types
    one, so the word boundaries of the reference survive.
    """
    slip_keys = ALPHABET if whitespace_slips else NON_SPACE
    steps = draw(
        st.lists(
            st.tuples(st.sampled_from(ACTIONS), st.sampled_from(slip_keys)),
            min_size=len(reference),
            max_size=len(reference),
        )
    )
    keys: list[str] = []
    i = 0
    while i < len(reference):
        action, other = steps[i]
        ch = reference[i]
        moves_whitespace = (ch.isspace() and action in ("substitute", "omit", "swap")) or (
            action == "swap" and reference[i + 1 : i + 2].isspace()
        )
        if moves_whitespace and not whitespace_slips:
            action = "type"
        if action == "swap" and i + 1 < len(reference):
            keys += [reference[i + 1], ch]
            i += 1
        elif action == "substitute":
            keys.append(other)
        elif action == "insert":
            keys += [ch, other]
        elif action == "correct":
            keys += [other, BACKSPACE, ch]
        elif action == "delete":
            keys += [ch, DELETE]
        elif action != "omit":
            keys.append(ch)
        i += 1
    return "".join(keys)


@st.composite
def reference_and_stream(draw: st.DrawFn) -> tuple[str, str]:
    """Either a realistic attempt at the reference or unrelated keystrokes."""
    reference = draw(texts)
    stream = draw(attempts(reference) | streams)
    return reference, stream


VOCABULARY = (
    "de het een en ik u klant factuur adres bevestiging monteur werkdagen storing ticketnummer "
    "Utrecht ongemak terugbelverzoek café crème reçu déjà geëmigreerd 3512 AB, 112. "
    "Goedemiddag, excuses!"
)
DUTCH_WORDS = VOCABULARY.split()
# Running text as drills have it: real words between single spaces or line breaks.
dutch_texts = st.lists(
    st.tuples(st.sampled_from(DUTCH_WORDS), st.sampled_from(" " * 6 + "\n")), max_size=15
).map(lambda pairs: "".join(word + sep for word, sep in pairs).rstrip())


@st.composite
def stopped_attempts(draw: st.DrawFn) -> tuple[str, str]:
    """Real words and an attempt that stopped somewhere (a timed drill running out).

    The cut is chosen by characters, so "partial <= full" does not hold for every input:
    "0 0 000 0" typed as "0 0 0 0" matches the cut "0 0 000" best (one edit against two),
    which makes the last typed word an extra one. Real words, and slips that never add,
    drop or move a space, keep such coincidences out.
    """
    reference = draw(dutch_texts)
    stop = draw(st.integers(min_value=0, max_value=len(reference)))
    return reference, draw(attempts(reference[:stop], whitespace_slips=False))


def normalised(reference: str) -> str:
    return unicodedata.normalize("NFC", reference).rstrip()


def counted_reference(reference: str, result: TypingResult) -> str:
    return normalised(reference)[: result.reference_chars_counted]


@PROPERTY
@given(reference_and_stream(), st.booleans())
def test_total_error_rate_is_corrected_plus_uncorrected(
    pair: tuple[str, str], partial: bool
) -> None:
    result = score_typing(*pair, partial=partial)

    assert math.isclose(
        result.total_error_rate,
        result.corrected_error_rate + result.uncorrected_error_rate,
        abs_tol=1e-12,
    )
    assert result.incorrect_fixed >= 0
    assert 0 <= result.total_error_rate <= 1


@PROPERTY
@given(reference_and_stream(), st.booleans())
def test_correct_plus_uncorrected_is_the_longer_text(pair: tuple[str, str], partial: bool) -> None:
    reference, stream = pair

    result = score_typing(reference, stream, partial=partial)

    longest = max(len(counted_reference(reference, result)), len(result.transcribed))
    assert result.correct + result.incorrect_not_fixed == longest
    assert result.incorrect_not_fixed == Levenshtein.distance(
        counted_reference(reference, result), result.transcribed
    )


@PROPERTY
@given(texts)
def test_typing_the_reference_exactly_is_perfect(reference: str) -> None:
    assume(reference.strip())

    result = score_typing(reference, reference, margin=0)

    assert result.errors == []
    assert result.word_errors == 0
    assert result.total_error_rate == 0.0
    assert result.keystrokes == len(reference.rstrip())
    assert result.passed


@PROPERTY
@given(reference_and_stream(), st.booleans())
def test_nfc_and_nfd_give_identical_results(pair: tuple[str, str], partial: bool) -> None:
    reference, stream = pair

    def nfd(text: str) -> str:
        return unicodedata.normalize("NFD", text)

    composed = score_typing(reference, stream, partial=partial)
    decomposed = score_typing(nfd(reference), nfd(stream), partial=partial)

    assert decomposed == composed


@st.composite
def character_edits(draw: st.DrawFn) -> tuple[str, str, int, int]:
    """A reference, a stream with k edits to non-space characters, k and the words touched.

    Edits never add or remove whitespace: that would split or merge words, which can cost
    two word errors for one keystroke.
    """
    reference = draw(texts)
    positions = [i for i, ch in enumerate(reference) if not ch.isspace()]
    assume(positions)
    chosen = draw(st.lists(st.sampled_from(positions), unique=True, max_size=6))
    kinds = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["substitute", "omit", "insert"]), st.sampled_from(NON_SPACE)
            ),
            min_size=len(chosen),
            max_size=len(chosen),
        )
    )
    edits = dict(zip(chosen, kinds, strict=True))
    out: list[str] = []
    for i, ch in enumerate(reference):
        kind, other = edits.get(i, ("keep", ""))
        if kind == "substitute":
            out.append(other)
        elif kind == "insert":
            out += [ch, other]
        elif kind != "omit":
            out.append(ch)
    spans = [m.span() for m in re.finditer(r"\S+", reference)]
    touched = {n for n, (start, end) in enumerate(spans) for i in chosen if start <= i < end}
    return reference, "".join(out), len(chosen), len(touched)


@PROPERTY
@given(character_edits())
def test_k_character_edits_give_at_most_k_word_errors(case: tuple[str, str, int, int]) -> None:
    reference, stream, k, touched = case

    result = score_typing(reference, stream)

    assert result.word_errors <= k
    assert result.word_errors <= touched


@PROPERTY
@given(reference_and_stream(), st.booleans())
def test_word_errors_follow_the_examiners_rules(pair: tuple[str, str], partial: bool) -> None:
    reference, stream = pair

    result = score_typing(reference, stream, partial=partial)

    ref_words = counted_reference(reference, result).split()
    typed_words = result.transcribed.split()
    assert result.word_errors == examiner_errors(ref_words, typed_words)
    # splits, joins and swaps with marks in place only ever make the count smaller
    assert result.word_errors <= OSA.distance(ref_words, typed_words)
    assert result.word_errors == len(result.word_error_list)
    assert result.reference_words == len(ref_words)
    # Replaying the word errors on the reference words gives the typed words.
    replayed: list[str] = []
    at = 0
    for error in result.word_error_list:
        replayed += ref_words[at : error.position]
        at = error.position
        if error.type != "insertion":
            assert " ".join(ref_words[at : at + len(error.expected.split())]) == error.expected
            at += len(error.expected.split())
        replayed += error.typed.split()
    replayed += ref_words[at:]
    assert replayed == typed_words


@PROPERTY
@given(reference_and_stream(), st.booleans())
def test_char_errors_rebuild_the_transcribed_text(pair: tuple[str, str], partial: bool) -> None:
    reference, stream = pair

    result = score_typing(reference, stream, partial=partial)

    ref = counted_reference(reference, result)
    typed = result.transcribed
    rebuilt: list[str] = []
    at = 0
    for error in result.errors:
        assert error.position >= at
        assert ref[error.position : error.position + len(error.expected)] == error.expected
        assert typed[error.typed_position : error.typed_position + len(error.typed)] == error.typed
        rebuilt.append(ref[at : error.position])
        rebuilt.append(error.typed)
        at = error.position + len(error.expected)
    rebuilt.append(ref[at:])
    assert "".join(rebuilt) == typed
    merged = sum(1 for e in result.errors if e.type == "transposition")
    assert len(result.errors) + merged == result.msd


@PROPERTY
@given(stopped_attempts())
def test_partial_never_reports_more_word_errors_than_full(pair: tuple[str, str]) -> None:
    full = score_typing(*pair)
    partial = score_typing(*pair, partial=True)

    assert partial.word_errors <= full.word_errors
    assert partial.reference_words <= full.reference_words


@PROPERTY
@given(reference_and_stream())
def test_partial_scores_against_the_longest_best_matching_prefix(pair: tuple[str, str]) -> None:
    reference, stream = pair

    result = score_typing(reference, stream, partial=True)

    ref = normalised(reference)
    distances = [Levenshtein.distance(ref[:k], result.transcribed) for k in range(len(ref) + 1)]
    best = min(distances)
    assert result.msd == best
    assert result.reference_chars_counted == max(k for k, d in enumerate(distances) if d == best)
