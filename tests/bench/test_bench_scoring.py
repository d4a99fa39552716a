"""Scoring speed: a 5,000-character Dutch attempt must score in under 50 ms (full or partial);
12,000 and 100,000 characters within 3 times a C edit distance of the same strings, measured
in the same run, and 100,000 characters in under 100 MB (issue 10).

Timed with ``./run-tests --bench``; in the normal run each benchmark runs once, untimed, and
only its correctness checks count.
"""

from __future__ import annotations

import random
import statistics
import time
import tracemalloc
from collections.abc import Callable

import pytest
from pytest_benchmark.fixture import BenchmarkFixture
from rapidfuzz.distance import OSA, Levenshtein

from tests.bench.conftest import Figures, median_ms
from tests.bench.texts import LENGTH, dutch_reference, typed_attempt
from tests.word_rules import examiner_errors
from trainer.core.typing_metrics import score_typing, transcribe
from trainer.core.word_alignment import align_words


@pytest.fixture(scope="module")
def reference() -> str:
    return dutch_reference(random.Random(2024))


def test_bench_score_full_attempt(
    benchmark: BenchmarkFixture, reference: str, figures: Figures
) -> None:
    stream = typed_attempt(reference, random.Random(1))

    result = benchmark(score_typing, reference, stream, seconds=900.0)
    if (median := median_ms(benchmark)) is not None:
        figures.record("score_full_5000_ms", median)

    typed = transcribe(stream).rstrip()
    assert result.reference_chars == len(reference) == LENGTH
    assert result.transcribed == typed
    assert result.msd == Levenshtein.distance(reference, typed)
    assert 0.01 < result.msd_error_rate < 0.05
    assert result.incorrect_fixed > 0
    assert result.fixes > 0
    assert result.word_errors == examiner_errors(reference.split(), typed.split())
    # a space typed wrong joins two words: one error, where plain OSA counts two
    assert result.word_errors < OSA.distance(reference.split(), typed.split())
    assert {"join", "substitution"} <= {e.type for e in result.word_error_list}
    assert {e.type for e in result.errors} == {
        "substitution",
        "insertion",
        "omission",
        "transposition",
    }
    # ~2% wrong characters is far more than 3% wrong words.
    assert result.word_error_rate > 0.03
    assert not result.passed
    assert result.wpm is not None and result.wpm > 0


def test_bench_score_partial_attempt(
    benchmark: BenchmarkFixture, reference: str, figures: Figures
) -> None:
    reached = int(LENGTH * 0.6)
    stream = typed_attempt(reference[:reached], random.Random(2))

    result = benchmark(score_typing, reference, stream, seconds=540.0, partial=True)
    if (median := median_ms(benchmark)) is not None:
        figures.record("score_partial_5000_ms", median)

    assert result.partial
    assert result.reference_chars == LENGTH
    assert abs(result.reference_chars_counted - reached) <= 3
    counted = reference[: result.reference_chars_counted]
    assert result.reference_words == len(counted.split())
    assert result.reference_words < len(reference.split())
    # Only the reached part is scored: no error lies in (or is an omission of) the tail.
    assert all(e.position <= result.reference_chars_counted for e in result.errors)
    assert result.word_errors == examiner_errors(counted.split(), result.transcribed.split())
    assert 0.01 < result.msd_error_rate < 0.05


def test_bench_score_dictation_ignoring_marks_and_number_formats(
    benchmark: BenchmarkFixture, reference: str, figures: Figures
) -> None:
    # a dictation of the same length: marks and number formats are not marked
    stream = typed_attempt(reference, random.Random(3))

    result = benchmark(
        score_typing, reference, stream, seconds=900.0, ignore=["punctuation", "number-format"]
    )
    if (median := median_ms(benchmark)) is not None:
        figures.record("score_dictation_5000_ms", median)

    assert result.ignored == ["punctuation", "number-format"]
    marked = score_typing(reference, stream, seconds=900.0)
    assert result.word_errors < marked.word_errors  # wrong commas and full stops drop out


@pytest.mark.benchmark(group="word alignment, 800 words")
def test_bench_word_alignment_with_the_examiners_moves(
    benchmark: BenchmarkFixture, reference: str
) -> None:
    ref_words = reference.split()
    typed_words = transcribe(typed_attempt(reference, random.Random(1))).split()

    edits = benchmark(align_words, ref_words, typed_words)

    assert len(edits) == examiner_errors(ref_words, typed_words)


@pytest.mark.benchmark(group="word alignment, 800 words")
def test_bench_word_alignment_reference_plain_osa_in_c(
    benchmark: BenchmarkFixture, reference: str
) -> None:
    """The reference in the same run: rapidfuzz's OSA distance (C, no backtrace, no splits)."""
    ref_words = reference.split()
    typed_words = transcribe(typed_attempt(reference, random.Random(1))).split()

    distance = benchmark(OSA.distance, ref_words, typed_words)

    assert distance >= len(align_words(ref_words, typed_words))


def ratio_to_c(score: Callable[[], object], reference: str, typed: str, rounds: int) -> float:
    """Median scoring time over the median time of rapidfuzz's Levenshtein distance of the
    same strings, the two interleaved round by round (a busy machine slows both alike)."""
    scoring, distance = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        Levenshtein.distance(reference, typed)
        distance.append(time.perf_counter() - start)
        start = time.perf_counter()
        score()
        scoring.append(time.perf_counter() - start)
    return statistics.median(scoring) / statistics.median(distance)


@pytest.mark.parametrize("length", [12_000, 100_000])
def test_bench_long_exam_scores_near_the_speed_of_a_c_edit_distance(
    benchmark: BenchmarkFixture, figures: Figures, length: int
) -> None:
    """A 30-minute exam (12,000 characters) and a 100,000-character text with ~3% typos: full
    scoring against rapidfuzz's Levenshtein distance of the same strings, timed in the same run
    (their ratio is the figure), and the memory scoring takes."""
    reference = dutch_reference(random.Random(2024), length)
    stream = typed_attempt(reference, random.Random(1), typo_rate=0.03)
    typed = transcribe(stream).rstrip()

    result = benchmark.pedantic(
        score_typing, (reference, stream), {"seconds": 1800.0}, rounds=3, warmup_rounds=1
    )
    if median_ms(benchmark) is not None:
        ratio = ratio_to_c(
            lambda: score_typing(reference, stream, seconds=1800.0),
            reference,
            typed,
            rounds=15 if length == 12_000 else 5,
        )
        figures.record(f"score_{length}_vs_c_ratio", ratio)
        if length == 100_000:
            tracemalloc.start()
            try:
                score_typing(reference, stream, seconds=1800.0)
                peak = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
            figures.record("score_100000_extra_mb", peak / 1e6)

    assert result.reference_chars == length
    assert result.msd == Levenshtein.distance(reference, typed)
    assert 0.02 < result.msd_error_rate < 0.05
    assert {"join", "substitution"} <= {e.type for e in result.word_error_list}
    assert {e.type for e in result.errors} == {
        "substitution",
        "insertion",
        "omission",
        "transposition",
    }
    # the word count is that of the rules, checked where the plain rules are fast enough
    if length == 12_000:
        assert result.word_errors == examiner_errors(reference.split(), typed.split())
    assert not result.passed


def test_bench_long_exam_stopped_early_scores_near_the_speed_of_a_c_edit_distance(
    benchmark: BenchmarkFixture, figures: Figures
) -> None:
    """The same 12,000-character exam stopped at 90% and scored in partial mode (the live
    score of a drill, and a timed exam whose time ran out): the best-matching prefix is found
    by a few C distances, then that prefix is scored. Against the C distance of the whole
    reference and what was typed, in the same run."""
    reference = dutch_reference(random.Random(2024), 12_000)
    stream = typed_attempt(reference, random.Random(1), typo_rate=0.03)
    stopped = stream[: len(stream) * 9 // 10]
    typed = transcribe(stopped).rstrip()

    result = benchmark.pedantic(
        score_typing,
        (reference, stopped),
        {"seconds": 1620.0, "partial": True},
        rounds=3,
        warmup_rounds=1,
    )
    if median_ms(benchmark) is not None:
        ratio = ratio_to_c(
            lambda: score_typing(reference, stopped, seconds=1620.0, partial=True),
            reference,
            typed,
            rounds=15,
        )
        figures.record("score_partial_12000_vs_c_ratio", ratio)

    assert result.partial
    assert abs(result.reference_chars_counted - len(typed)) < 20
    counted = reference[: result.reference_chars_counted]
    assert result.msd == Levenshtein.distance(counted, typed)
    assert result.word_errors == examiner_errors(counted.split(), typed.split())
    assert 0.02 < result.msd_error_rate < 0.05
