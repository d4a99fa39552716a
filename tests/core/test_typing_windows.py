"""The word alignment of a long text is built in windows around its differences (issue 10):
it must give exactly the edits the whole cost matrix gives, also where words and phrases
repeat (where anchoring on equal stretches can go wrong), and the count the rules give."""

from __future__ import annotations

import random
import tracemalloc

import pytest

from tests.probes import run_probe
from tests.word_rules import examiner_errors
from trainer.core.word_alignment import align_words
from trainer.core.word_forms import swapped_forms


def words(text: str) -> list[str]:
    return text.split()


VOCABULARY = words(
    "de het een en ik u klant factuur adres de de het Sint-Niklaas Sint Niklaas meer. meer "
    "internet Morgen kom Kom morgen geen geeninternet internet"
)


def attempt(rng: random.Random) -> tuple[list[str], list[str]]:
    """Words of a small vocabulary (often only two to six words), phrases repeated, and an
    attempt with every kind of word slip, also a phrase typed twice."""
    vocabulary = VOCABULARY if rng.random() < 0.5 else VOCABULARY[: rng.randint(2, 6)]
    count = rng.randint(5, 150)
    phrase = [rng.choice(vocabulary) for _ in range(rng.randint(2, 9))]
    ref: list[str] = []
    while len(ref) < count:
        ref += phrase if rng.random() < 0.2 else [rng.choice(vocabulary)]
    typed: list[str] = []
    rate = rng.choice((0.02, 0.05, 0.1, 0.3))
    i = 0
    while i < len(ref):
        slip = rng.randint(0, 6) if rng.random() < rate else -1
        word = ref[i]
        if slip == 0:
            typed.append(rng.choice(vocabulary))
        elif slip == 2:
            typed += [word, rng.choice(vocabulary)]
        elif slip == 3 and i + 1 < len(ref):
            typed += [ref[i + 1], word]
            i += 1
        elif slip == 4 and i + 1 < len(ref):
            typed.append(word + ref[i + 1])
            i += 1
        elif slip == 5 and len(word) > 1:
            cut = rng.randint(1, len(word) - 1)
            typed += [word[:cut], word[cut:]]
        elif slip == 6:
            start = rng.randint(0, len(ref))
            typed += ref[start : start + rng.randint(1, 8)]
        elif slip != 1:
            typed.append(word)
        i += 1
    return ref, typed


def whole_matrix(ref: list[str], typed: list[str]) -> list[object]:
    return list(align_words(ref, typed, whole_matrix_cells=10**12))


def in_windows(ref: list[str], typed: list[str]) -> list[object]:
    return list(align_words(ref, typed, whole_matrix_cells=0))


@pytest.mark.parametrize("block", range(4))
def test_windows_give_the_edits_of_the_whole_matrix(block: int) -> None:
    differing = []
    for seed in range(block * 400, (block + 1) * 400):
        ref, typed = attempt(random.Random(seed))
        if in_windows(ref, typed) != whole_matrix(ref, typed):
            differing.append(seed)
    assert differing == []


def test_windows_count_as_the_rules_say() -> None:
    for seed in range(120):
        ref, typed = attempt(random.Random(10_000 + seed))
        assert len(in_windows(ref, typed)) == examiner_errors(ref, typed), seed


def test_a_phrase_typed_twice_is_put_where_the_whole_matrix_puts_it() -> None:
    """A run of seven equal words whose first five come again in the typed text: aligned on
    its own diagonal (as a C Levenshtein alignment anchors it) the extra words land before
    the run, where the examiner's alignment puts them after it."""
    ref = words(
        "Morgen morgen klant Morgen de morgen morgen de Sint-Niklaas Niklaas het u factuur de "
        "meer internet u morgen de Sint-Niklaas Niklaas het u factuur de"
    )
    typed = words(
        "Morgen morgen klant Morgen de morgen morg en Sint-Niklaas het factuur u de meer "
        "internet u morgen de Niklaas Sint-Niklaas meer internet u morgen de Sint-Niklaas "
        "Niklaas u factuur de"
    )
    edits = in_windows(ref, typed)
    assert edits == whole_matrix(ref, typed)
    assert len(edits) == examiner_errors(ref, typed) == 12


def test_a_long_text_is_aligned_in_windows_without_a_whole_matrix() -> None:
    """3,000 words with a slip every 40: the windows are small, so no matrix of the whole text
    (9 million cells) is ever built; the result is that of the rules."""
    rng = random.Random(7)
    words = [f"{rng.choice(VOCABULARY)}{n % 97}" for n in range(3000)]
    typed = list(words)
    for at in range(20, 3000, 40):
        typed[at] = typed[at] + "x"
    tracemalloc.start()
    try:
        edits = align_words(words, typed)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8_000_000  # the whole matrix alone would take 36 MB
    assert [(e.type, e.ref_index) for e in edits] == [
        ("substitution", at) for at in range(20, 3000, 40)
    ]


def typed_words_of(rng: random.Random, words: list[str], rate: float) -> list[str]:
    """Character slips in real words (a letter wrong, missing, extra or swapped; a space lost,
    added or turned into a hyphen), so most windows hold no split, join or swap and are
    aligned through rapidfuzz's distances; a few hold one."""
    text = " ".join(words)
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if rng.random() < rate:
            slip = rng.randint(0, 4)
            if slip == 0:
                out.append(rng.choice("aeinrst -"))
            elif slip == 2:
                out += [ch, rng.choice("aeinrst ")]
            elif slip == 3 and i + 1 < len(text):
                out += [text[i + 1], ch]
                i += 1
            elif slip == 4:
                out.append("-" if ch == " " else ch.upper())
        else:
            out.append(ch)
        i += 1
    return "".join(out).split()


SENTENCE_WORDS = words(
    "Goedemiddag, u spreekt met de klantenservice. De klant meldt dat de factuur van maart "
    "te hoog is. Ik heb het adres gewijzigd naar de Kerkstraat in Sint-Niklaas. U ontvangt "
    "de bevestiging per e-mail, morgen of overmorgen. Heeft u geen internet meer? Dan kom ik."
)


@pytest.mark.parametrize("block", range(2))
def test_windows_of_real_sentences_give_the_edits_of_the_whole_matrix(block: int) -> None:
    """Sentences repeated (as in a long exam) with 1-8% character slips: the windows aligned
    through rapidfuzz's distances and those with the exact matrix together give the whole
    matrix's edits."""
    differing = []
    for seed in range(block * 150, (block + 1) * 150):
        rng = random.Random(50_000 + seed)
        ref = []
        while len(ref) < rng.randint(60, 400):
            start = rng.randrange(len(SENTENCE_WORDS))
            ref += SENTENCE_WORDS[start : start + rng.randint(3, 30)]
        typed = typed_words_of(rng, ref, rng.choice((0.01, 0.03, 0.08)))
        for _ in range(rng.randint(0, 2)):
            # two words swapped with their marks or capital left in place ("Kom morgen")
            at = rng.randrange(len(typed) - 1)
            typed[at : at + 2] = rng.choice(sorted(swapped_forms(typed[at], typed[at + 1])))
        if in_windows(ref, typed) != whole_matrix(ref, typed):
            differing.append(seed)
    assert differing == []


@pytest.mark.parametrize("block", range(2))
def test_the_matrix_in_lists_gives_the_edits_of_the_matrix_in_numpy(block: int) -> None:
    """A window is filled in Python's lists (every window of a typed text) or, when it is
    very large (a garbled page), in numpy's arrays: the same edits either way, with every kind
    of slip and swaps with their marks or capital in place."""
    differing = []
    for seed in range(block * 300, (block + 1) * 300):
        rng = random.Random(20_000 + seed)
        if seed % 2:
            ref, typed = attempt(rng)
        else:
            ref = SENTENCE_WORDS * rng.randint(1, 3)
            typed = typed_words_of(rng, ref, rng.choice((0.03, 0.1)))
            at = rng.randrange(len(typed) - 1)
            typed[at : at + 2] = rng.choice(sorted(swapped_forms(typed[at], typed[at + 1])))
        lists = align_words(ref, typed, whole_matrix_cells=10**12, python_matrix_cells=10**12)
        arrays = align_words(ref, typed, whole_matrix_cells=10**12, python_matrix_cells=0)
        if lists != arrays:
            differing.append(seed)
    assert differing == []


SCORED_WITHOUT_NUMPY = """
import random, sys
from tests.bench.texts import dutch_reference, typed_attempt
from trainer.core.live_typing import LiveTyping
from trainer.core.typing_metrics import score_typing

rng = random.Random(4)
reference = dutch_reference(rng, 12_000)
typed = typed_attempt(reference, rng)
score_typing(reference, typed, seconds=1800.0)
score_typing(reference, typed[: len(typed) // 2], seconds=900.0, partial=True)
print("numpy" in sys.modules)
"""


def test_a_long_drill_is_scored_without_numpy() -> None:
    """A 12,000-character drill with 3% slips, scored whole and as a timed attempt cut off,
    never loads numpy: 11 MB of the drill's memory (tests/bench/test_bench_memory.py)."""
    assert run_probe(SCORED_WITHOUT_NUMPY) == "False"


def test_a_pair_repeated_near_a_cut_is_found_as_counting_every_place_would() -> None:
    """Whether the words around a cut come again nearby (a run then separates no windows),
    looked up by bounded string searches at the cuts only: the same answer as the distance
    from every pair of neighbouring words to its nearest repetition, either way."""
    from trainer.core.word_windows import _repeated_near

    def nearest(text: str, place: int) -> int:
        pair = text[place : place + 2]
        others = [q for q in range(len(text) - 1) if q != place and text[q : q + 2] == pair]
        return min((abs(q - place) for q in others), default=len(text) + 1)

    rng = random.Random(5)
    for _ in range(400):
        text = "".join(
            rng.choice("abcdefgh"[: rng.randint(2, 8)]) for _ in range(rng.randint(2, 60))
        )
        start = rng.randrange(len(text))
        count, reach = rng.randint(1, 6), rng.randint(1, 20)
        places = [p for p in range(start, start + count) if p < len(text) - 1]
        expected = any(nearest(text, p) <= reach for p in places)
        assert _repeated_near(text, start, count, reach) == expected, (text, start, count, reach)
