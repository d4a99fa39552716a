"""A timed attempt stopped early is scored against the prefix of the reference it matches
best (issue 10: long texts no longer fall back to a pure-Python pass). The prefix must be the
one every prefix length tried gives: the fewest character errors, the longest on ties."""

from __future__ import annotations

import random

import pytest

from tests.bench.texts import dutch_reference, typed_attempt
from trainer.core import prefix_search
from trainer.core.typing_metrics import score_typing, transcribe


def every_prefix(reference: str, typed: str) -> int:
    """The rule as plainly as possible: every prefix's distance, in one bit-parallel pass."""
    distances = prefix_search.prefix_distances(reference, typed)
    best = min(distances)
    return max(k for k, d in enumerate(distances) if d == best)


def stopped_attempt(rng: random.Random) -> tuple[str, str]:
    """A reference of 300 to 3,000 characters and what was typed of it before the time ran
    out: few or many typos, sometimes the last words typed twice, sometimes nothing right."""
    reference = dutch_reference(rng, rng.choice((300, 1000, 3000)))
    stream = typed_attempt(reference, rng, typo_rate=rng.choice((0.01, 0.03, 0.1, 0.3, 0.6)))
    typed = transcribe(stream[: rng.randint(0, len(stream))]).rstrip()
    roll = rng.random()
    if roll < 0.1:
        typed += typed[-rng.randint(1, 60) :]
    elif roll < 0.2:
        typed = "".join(rng.choice("aen ") for _ in range(rng.randint(0, 500)))
    return reference, typed


@pytest.mark.parametrize("block", range(3))
def test_the_prefix_found_is_the_one_every_length_gives(block: int) -> None:
    differing = []
    for seed in range(block * 100, (block + 1) * 100):
        reference, typed = stopped_attempt(random.Random(seed))
        if prefix_search.best_prefix_length(reference, typed) != every_prefix(reference, typed):
            differing.append(seed)
    assert differing == []


def test_a_long_exam_stopped_at_90_percent_probes_a_few_prefixes_in_c(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """12,000 characters with 3% typos, stopped at 90%: the counted part ends where the typing
    did, found without the pass in Python over every prefix."""
    reference = dutch_reference(random.Random(2024), 12_000)
    stream = typed_attempt(reference, random.Random(1), typo_rate=0.03)
    stopped = stream[: len(stream) * 9 // 10]
    typed = transcribe(stopped).rstrip()
    expected = every_prefix(reference, typed)

    def no_python_pass(reference: str, typed: str) -> list[int]:
        raise AssertionError("the Python pass over every prefix ran")

    monkeypatch.setattr(prefix_search, "prefix_distances", no_python_pass)
    result = score_typing(reference, stopped, seconds=1600.0, partial=True)
    assert result.reference_chars_counted == expected
    assert abs(result.reference_chars_counted - len(typed)) < 20
