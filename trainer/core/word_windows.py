"""Where the word errors of a long text can be: windows around the differences of the two word
sequences, and where in them a split, a join or a swap might be.

Helpers of :func:`trainer.core.word_alignment.align_words`, which builds the examiner's exact
matrix only in the windows that may hold such a move and walks the others back through
rapidfuzz's Levenshtein distances. Everything here loops in C (rapidfuzz, map, zip, set
operations, string searches): a 100,000-character text has 16,000 words.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate, pairwise
from operator import add, or_
from typing import NamedTuple, cast

from rapidfuzz.distance import Levenshtein

from trainer.core.word_forms import in_place_swaps

# rapidfuzz's smallest distance hint: the opcodes of two word sequences are found in a band
# first, then aligned within it (linear memory; three times faster at 2,000 words); from 62
# words on that is always the alignment used, so the window tests see it
_OPCODES_HINT = 31

# Word ids are written as characters from here on (above the surrogates), one a word: room
# for a million different words, far more than a text has.
_FIRST_CODE = 0xE000
_MAX_WORDS = 0x110000 - _FIRST_CODE


class Encoded(NamedTuple):
    """Two word sequences as strings of one character a word (rapidfuzz's calls on strings
    are its fastest; a pair of neighbouring words is two characters)."""

    ref: str
    typed: str


def encode(ref: Sequence[str], typed: Sequence[str]) -> Encoded:
    # dict.fromkeys, zip, map and join loop in C
    vocabulary = dict.fromkeys(ref)
    vocabulary.update(dict.fromkeys(typed))
    if len(vocabulary) > _MAX_WORDS:
        raise ValueError(f"{len(vocabulary)} different words are too many to align")
    codes = dict(zip(vocabulary, map(chr, range(_FIRST_CODE, 0x110000)), strict=False))
    return Encoded(
        "".join(map(codes.__getitem__, ref)),
        "".join(map(codes.__getitem__, typed)),
    )


def windows(words: Encoded, pad: int) -> list[tuple[int, int, int, int]]:
    """Stretches ``(ref_start, ref_end, typed_start, typed_end)`` that hold every difference
    of the two sequences, separated by runs of equal words.

    A C Levenshtein alignment of the word sequences finds the runs. A run separates two
    windows only when it leaves ``pad`` equal words on each side of both windows (so the
    moves that need their neighbours are seen), and when the words around each cut do not
    occur again nearby in either text: with a repeated phrase, an optimal alignment may cross
    the run on another diagonal (the gap put before the repetition instead of after it)."""
    ref, typed = words.ref, words.typed
    # as_list gives plain tuples (the stub says Opcode objects, which unpack the same way)
    opcodes = cast(
        "list[tuple[str, int, int, int, int]]",
        Levenshtein.opcodes(ref, typed, score_hint=_OPCODES_HINT).as_list(),
    )
    # how far an alignment may shift a phrase: the longest difference, and the context
    reach = 2 * pad + max(
        (max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in opcodes if tag != "equal"), default=0
    )
    windows: list[tuple[int, int, int, int]] = []
    ref_start = typed_start = 0
    for tag, i1, i2, j1, j2 in opcodes:
        if tag != "equal" or i1 == 0 or i2 == len(ref) or i2 - i1 < 2 * pad + 1:
            continue
        cuts = ((i1, j1), (i2 - 2 * pad, j2 - 2 * pad))  # where the 2*pad words at a cut start
        if any(
            len(set(ref[i : i + 2 * pad])) < 2 * pad
            or _repeated_near(ref, i, 2 * pad - 1, reach)
            or _repeated_near(typed, j, 2 * pad - 1, reach)
            for i, j in cuts
        ):
            continue
        windows.append((ref_start, i1 + pad, typed_start, j1 + pad))
        ref_start, typed_start = i2 - pad, j2 - pad
    windows.append((ref_start, len(ref), typed_start, len(typed)))
    return windows


def _repeated_near(text: str, start: int, count: int, reach: int) -> bool:
    """Whether one of the pairs of neighbouring words starting at the ``count`` places from
    ``start`` of an encoded text starts again at most ``reach`` places away, either way. A pair
    is two characters there, so each look is a string search in C within ``reach``; a text is
    searched only at its cuts. A pair found nowhere else counts as the text's length and one
    away (a reach beyond the whole text keeps every run: no cut is safe there)."""
    if reach > len(text):
        return start < len(text) - 1
    for place in range(start, start + count):
        pair = text[place : place + 2]
        if len(pair) < 2:  # (past the text's last pair)
            break
        if (
            text.find(pair, place + 1, place + reach + 2) >= 0
            or text.rfind(pair, max(0, place - reach), place + 1) >= 0
        ):
            return True
    return False


class MayMove(NamedTuple):
    """Where one kind of move might be: running counts over the reference rows and the typed
    columns at which such a move could end, and the first row and column after a window's
    start at which one can (a swap covers two words on both sides, a split two typed words,
    a join two reference words)."""

    rows: list[int]
    columns: list[int]
    row_from: int
    column_from: int

    def inside(self, r0: int, r1: int, t0: int, t1: int) -> bool:
        """Whether the window might hold such a move: a row and a column of one in it."""
        rows, columns = self.rows, self.columns
        return (
            rows[r1 + 1] > rows[min(r0 + self.row_from, r1 + 1)]
            and columns[t1 + 1] > columns[min(t0 + self.column_from, t1 + 1)]
        )


def _counts(flags: bytearray) -> list[int]:
    return [0, *accumulate(flags)]


def may_move(ref: Sequence[str], typed: Sequence[str]) -> list[MayMove]:
    """Where a split, a join or a swap might be, each found from both sides: the words of a
    move must be in a window on both sides for the window to hold it.

    Each test looks for the move's words anywhere in the other text, so it finds every move
    of every window (and some that no window holds). The joined and swapped pairs are built
    and compared by C loops (map, zip, set operations); Python loops only visit the places of
    a kind of move that occurs somewhere."""
    found: list[MayMove] = []
    ref_pairs, typed_pairs = list(pairwise(ref)), list(pairwise(typed))
    for pairs_side, pairs, words_side in ((typed, typed_pairs, ref), (ref, ref_pairs, typed)):
        # a split (a typed pair read as one reference word), then a join (the other way)
        words = set(words_side)
        glued = list(map(add, pairs_side[:-1], pairs_side[1:]))
        hits = words.intersection(glued)
        # pairs joined by a hyphen: only words with one can be such a pair
        hyphened = {
            (word[:at], word[at + 1 :]): word
            for word in words
            if "-" in word
            for at, ch in enumerate(word)
            if ch == "-"
        }
        hyphen_pairs = hyphened.keys() & pairs
        if not hits and not hyphen_pairs:
            continue
        pair_flags = bytearray(len(pairs_side) + 1)
        pair_flags[2:] = map(hits.__contains__, glued)
        if hyphen_pairs:
            pair_flags[2:] = map(or_, pair_flags[2:], map(hyphen_pairs.__contains__, pairs))
            hits |= {hyphened[pair] for pair in hyphen_pairs}
        word_flags = bytearray(len(words_side) + 1)
        word_flags[1:] = map(hits.__contains__, words_side)
        if pairs_side is typed:  # a split: its pair is typed (columns), its word a row
            found.append(MayMove(_counts(word_flags), _counts(pair_flags), 1, 2))
        else:
            found.append(MayMove(_counts(pair_flags), _counts(word_flags), 2, 1))
    typed_pair_set = set(typed_pairs)
    # the plain swap of two different words, and the swaps with marks or capital in place
    swapped = list(zip(ref[1:], ref[:-1], strict=True))
    forms = {(a, b) for a, b in typed_pair_set.intersection(swapped) if a != b}
    rows = bytearray(len(ref) + 1)
    if forms:
        rows[2:] = map(forms.__contains__, swapped)
    in_place = list(map(in_place_swaps, ref[:-1], ref[1:]))
    if not all(map(typed_pair_set.isdisjoint, in_place)):
        for end, swaps in enumerate(in_place, start=2):
            if not typed_pair_set.isdisjoint(swaps):
                rows[end] = 1
                forms |= swaps
    if forms:
        columns = bytearray(len(typed) + 1)
        columns[2:] = map(forms.__contains__, typed_pairs)
        found.append(MayMove(_counts(rows), _counts(columns), 2, 2))
    return found
