"""The word errors of a typed text: an alignment of two word sequences, with a backtrace.

Used by :mod:`trainer.core.typing_metrics` to find *which* words are wrong, not only how many.
Each of these costs one error, as a fair examiner counts them: a wrong word (substitution), an
extra word (insertion), a missing word (omission), two neighbouring words swapped
(transposition; also when their punctuation or sentence capital stayed in place), a word split
in two ("techn ieker"), two words joined ("geeninternet"), and a hyphen typed as a space
("Sint Niklaas") or a space as a hyphen (a split or a join). No word is edited twice (as in the
optimal string alignment distance, of which this is an extension).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from itertools import pairwise
from typing import Literal, NamedTuple

import numpy as np
from numpy.typing import NDArray
from rapidfuzz.distance import Levenshtein

from trainer.core.word_forms import swapped_forms

# Added to a shifted cell where no swap is possible: far above any real cell value (they
# lie in [-m, n]) yet far from int32 overflow.
_NO_SWAP = 1 << 30

WordEditType = Literal["substitution", "insertion", "omission", "transposition", "split", "join"]


# how many reference and typed words each kind of edit covers (the steps of _step_back)
WORDS_COVERED: dict[WordEditType, tuple[int, int]] = {
    "substitution": (1, 1),
    "insertion": (0, 1),
    "omission": (1, 0),
    "transposition": (2, 2),
    "split": (1, 2),
    "join": (2, 1),
}


class WordEdit(NamedTuple):
    """One word-level edit turning the reference sequence into the typed one.

    ``ref_index`` is the index of the (first) reference word involved; for an insertion it
    is the index of the reference word before which the extra word stands.
    ``typed_index`` is the index of the (first) typed word involved; for an omission it is
    the index of the typed word before which the missing word should have stood.
    A transposition covers two words on both sides, a split one reference word and two typed
    words, a join two reference words and one typed word.
    """

    type: WordEditType
    ref_index: int
    typed_index: int


class _Moves(NamedTuple):
    """Where the rarer one-error moves are possible, by matrix row (1-based reference end):
    the matrix columns (1-based typed end) at which they end."""

    split: dict[int, set[int]]  # ref[i-1] typed as typed[j-2] typed[j-1]
    join: dict[int, set[int]]  # ref[i-2] ref[i-1] typed as typed[j-1]
    swap: dict[int, set[int]]  # ref[i-2] ref[i-1] swapped, their marks or capital in place


def _joined(first: str, second: str) -> tuple[str, str]:
    """Two words run together, and joined by a hyphen."""
    return first + second, f"{first}-{second}"


def _find_moves(ref: Sequence[str], typed: Sequence[str]) -> _Moves:
    """The splits, joins and swaps between the two sequences, found through hash look-ups
    (linear in the lengths, plus the moves found)."""
    typed_pairs: dict[str, list[int]] = defaultdict(list)
    typed_neighbours: dict[tuple[str, str], list[int]] = defaultdict(list)
    for j in range(2, len(typed) + 1):
        for joined in _joined(typed[j - 2], typed[j - 1]):
            typed_pairs[joined].append(j)
        typed_neighbours[(typed[j - 2], typed[j - 1])].append(j)
    typed_words: dict[str, list[int]] = defaultdict(list)
    for j, word in enumerate(typed, start=1):
        typed_words[word].append(j)

    moves = _Moves({}, {}, {})
    for i in range(1, len(ref) + 1):
        if ref[i - 1] in typed_pairs:
            moves.split[i] = set(typed_pairs[ref[i - 1]])
        if i < 2:
            continue
        joins = {j for w in _joined(ref[i - 2], ref[i - 1]) for j in typed_words.get(w, ())}
        if joins:
            moves.join[i] = joins
        # the plain swap (each word with its marks) is found for the whole matrix at once
        in_place = swapped_forms(ref[i - 2], ref[i - 1]) - {(ref[i - 1], ref[i - 2])}
        swaps = {j for pair in in_place for j in typed_neighbours.get(pair, ())}
        if swaps:
            moves.swap[i] = swaps
    return moves


def _common_affixes(ref: Sequence[str], typed: Sequence[str]) -> tuple[int, int]:
    """Length of the common prefix and (non-overlapping) common suffix."""
    limit = min(len(ref), len(typed))
    prefix = 0
    while prefix < limit and ref[prefix] == typed[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and ref[-1 - suffix] == typed[-1 - suffix]:
        suffix += 1
    return prefix, suffix


def _cost_matrix(
    ref_ids: NDArray[np.int64], typed_ids: NDArray[np.int64], moves: _Moves
) -> NDArray[np.int32]:
    """Cost matrix ``D[i, j]`` = word errors of typed[:j] against ref[:i], filled row by row."""
    n, m = len(ref_ids), len(typed_ids)
    # Rows are kept shifted, S[i, j] = D[i, j] - j: the insertion move D[i, j-1] + 1 then
    # becomes S[i, j-1], so the in-row chain is a plain running minimum and needs no loop.
    shifted = np.empty((n + 1, m + 1), dtype=np.int32)
    shifted[0] = 0
    shifted[:, 0] = np.arange(n + 1, dtype=np.int32)
    # Diagonal move in shifted terms: D[i-1, j-1] + cost - j = S[i-1, j-1] - equal[i-1, j-1].
    equal = ref_ids[:, None] == typed_ids[None, :]
    # Swap move where ref[i-2:i] is typed[j-2:j] reversed: D[i-2, j-2] + 1 - j is
    # S[i-2, j-2] - 1; elsewhere the step is too large to ever win.
    swap = equal[1:, :-1] & equal[:-1, 1:]
    swap_step = np.where(swap, np.int32(-1), np.int32(_NO_SWAP))
    swap_rows: list[bool] = swap.any(axis=1).tolist()
    scratch = np.empty(m, dtype=np.int32)
    swap_scratch = np.empty(max(m - 1, 0), dtype=np.int32)
    # Views, so the loop does one indexing step per operand.
    from_left, from_top = shifted[:, :-1], shifted[:, 1:]
    two_back, two_on = shifted[:, :-2], shifted[:, 2:]
    for i in range(1, n + 1):
        cells = from_top[i]
        np.add(from_top[i - 1], 1, out=cells)
        np.subtract(from_left[i - 1], equal[i - 1], out=scratch)
        np.minimum(cells, scratch, out=cells)
        if i >= 2 and swap_rows[i - 2]:
            np.add(two_back[i - 2], swap_step[i - 2], out=swap_scratch)
            np.minimum(two_on[i], swap_scratch, out=two_on[i])
        row = shifted[i]
        # the rare moves, cell by cell, in shifted terms: a split D[i-1, j-2] + 1 is
        # S[i-1, j-2] - 1, a join D[i-2, j-1] + 1 is S[i-2, j-1], a swap S[i-2, j-2] - 1
        for j in moves.split.get(i, ()):
            row[j] = min(row[j], shifted[i - 1, j - 2] - 1)
        for j in moves.join.get(i, ()):
            row[j] = min(row[j], shifted[i - 2, j - 1])
        for j in moves.swap.get(i, ()):
            row[j] = min(row[j], shifted[i - 2, j - 2] - 1)
        np.minimum.accumulate(row, out=row)
    shifted += np.arange(m + 1, dtype=np.int32)
    return shifted


def _step_back(
    dist: NDArray[np.int32], ref: Sequence[str], typed: Sequence[str], moves: _Moves, i: int, j: int
) -> tuple[int, int, WordEditType | None]:
    """The move that reached cell (i, j) of an optimal path: how many reference and typed
    words it covers, and the error it is (None: the words are equal)."""
    here = int(dist[i, j])

    def came_from(di: int, dj: int, cost: int) -> bool:
        return i >= di and j >= dj and int(dist[i - di, j - dj]) + cost == here

    if i > 0 and j > 0 and ref[i - 1] == typed[j - 1] and came_from(1, 1, 0):
        return 1, 1, None
    swapped = i > 1 and j > 1 and ref[i - 1] == typed[j - 2] and ref[i - 2] == typed[j - 1]
    if (swapped or j in moves.swap.get(i, ())) and came_from(2, 2, 1):
        return 2, 2, "transposition"
    if j in moves.split.get(i, ()) and came_from(1, 2, 1):
        return 1, 2, "split"
    if j in moves.join.get(i, ()) and came_from(2, 1, 1):
        return 2, 1, "join"
    if came_from(1, 1, 1):
        return 1, 1, "substitution"
    if came_from(1, 0, 1):
        return 1, 0, "omission"
    return 0, 1, "insertion"


def _backtrace(
    dist: NDArray[np.int32],
    ref: Sequence[str],
    typed: Sequence[str],
    moves: _Moves,
    ref_offset: int,
    typed_offset: int,
) -> list[WordEdit]:
    """Walk the cost matrix back from the corner; prefer match, swap, split, join,
    substitution, omission, insertion."""
    edits: list[WordEdit] = []
    i, j = len(ref), len(typed)
    while i > 0 or j > 0:
        di, dj, kind = _step_back(dist, ref, typed, moves, i, j)
        i, j = i - di, j - dj
        if kind is not None:
            edits.append(WordEdit(kind, ref_offset + i, typed_offset + j))
    edits.reverse()
    return edits


def _align_exact(
    ref: Sequence[str], typed: Sequence[str], ref_offset: int, typed_offset: int
) -> list[WordEdit]:
    """The whole cost matrix of the two sequences and its backtrace (quadratic)."""
    vocabulary: dict[str, int] = {}
    ref_ids = [vocabulary.setdefault(w, len(vocabulary)) for w in ref]
    typed_ids = [vocabulary.setdefault(w, len(vocabulary)) for w in typed]
    moves = _find_moves(ref, typed)
    dist = _cost_matrix(
        np.array(ref_ids, dtype=np.int64), np.array(typed_ids, dtype=np.int64), moves
    )
    return _backtrace(dist, ref, typed, moves, ref_offset, typed_offset)


def _windows(ref: Sequence[str], typed: Sequence[str], pad: int) -> list[tuple[int, int, int, int]]:
    """Stretches ``(ref_start, ref_end, typed_start, typed_end)`` that hold every difference
    of the two sequences, separated by runs of equal words.

    A C Levenshtein alignment of the word sequences finds the runs. A run separates two
    windows only when it leaves ``pad`` equal words on each side of both windows (so the
    moves that need their neighbours are seen), and when the words around each cut do not
    occur again nearby in either text: with a repeated phrase, an optimal alignment may cross
    the run on another diagonal (the gap put before the repetition instead of after it)."""
    vocabulary: dict[str, int] = {}
    ref_ids = [vocabulary.setdefault(w, len(vocabulary)) for w in ref]
    typed_ids = [vocabulary.setdefault(w, len(vocabulary)) for w in typed]
    opcodes = [
        (op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end)
        for op in Levenshtein.opcodes(ref_ids, typed_ids)
    ]
    # how far an alignment may shift a phrase: the longest difference, and the context
    reach = 2 * pad + max(
        (max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in opcodes if tag != "equal"), default=0
    )
    ref_grams = _grams(ref_ids)
    typed_grams = _grams(typed_ids)
    windows: list[tuple[int, int, int, int]] = []
    ref_start = typed_start = 0
    for tag, i1, i2, j1, j2 in opcodes:
        if tag != "equal" or i1 == 0 or i2 == len(ref) or i2 - i1 < 2 * pad + 1:
            continue
        cuts = ((i1, j1), (i2 - 2 * pad, j2 - 2 * pad))  # where the 2*pad words at a cut start
        if any(
            len(set(ref_ids[i : i + 2 * pad])) < 2 * pad
            or _recurs(ref_grams, ref_ids, i + k, reach)
            or _recurs(typed_grams, typed_ids, j + k, reach)
            for i, j in cuts
            for k in range(2 * pad - 1)
        ):
            continue
        windows.append((ref_start, i1 + pad, typed_start, j1 + pad))
        ref_start, typed_start = i2 - pad, j2 - pad
    windows.append((ref_start, len(ref), typed_start, len(typed)))
    return windows


def _grams(ids: Sequence[int]) -> dict[tuple[int, int], list[int]]:
    """Where each pair of neighbouring words starts."""
    found: dict[tuple[int, int], list[int]] = defaultdict(list)
    for start, pair in enumerate(pairwise(ids)):
        found[pair].append(start)
    return found


def _recurs(
    grams: dict[tuple[int, int], list[int]], ids: Sequence[int], start: int, reach: int
) -> bool:
    """Whether the two words at ``start`` occur again as neighbours within ``reach`` words."""
    places = grams[(ids[start], ids[start + 1])]
    at = bisect_left(places, start - reach)
    return any(p != start for p in places[at : bisect_right(places, start + reach)])


# Padding (equal words on each side of a window) and the size below which the whole matrix
# is cheaper than finding windows.
_PAD = 3
_WHOLE_MATRIX_CELLS = 2_500


def align_words(
    ref: Sequence[str], typed: Sequence[str], *, whole_matrix_cells: int = _WHOLE_MATRIX_CELLS
) -> list[WordEdit]:
    """Minimal list of word edits turning ``ref`` into ``typed``, in order; its length is the
    number of word errors.

    Time and memory grow with the text and the size of its error clusters, not with the
    square of the text: the exact cost matrix is only built inside the windows around the
    differences (all of it for texts of fewer than ``whole_matrix_cells`` word pairs)."""
    # Equal leading/trailing words are always part of an optimal alignment, so they are
    # kept out of the quadratic (time and memory) part.
    prefix, suffix = _common_affixes(ref, typed)
    ref_core = ref[prefix : len(ref) - suffix]
    typed_core = typed[prefix : len(typed) - suffix]
    if not ref_core and not typed_core:
        return []
    if len(ref_core) * len(typed_core) <= whole_matrix_cells:
        return _align_exact(ref_core, typed_core, prefix, prefix)
    edits: list[WordEdit] = []
    for r0, r1, t0, t1 in _windows(ref_core, typed_core, _PAD):
        edits += _align_exact(ref_core[r0:r1], typed_core[t0:t1], prefix + r0, prefix + t0)
    return edits
