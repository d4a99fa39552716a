"""Optimal string alignment (OSA) of two word sequences, with a backtrace.

Used by :mod:`trainer.core.typing_metrics` to find *which* words are wrong, not only how
many. The distance is the restricted Damerau-Levenshtein distance: substitution, insertion,
omission and a swap of two adjacent words each cost 1, and no word is edited twice. It
equals ``rapidfuzz.distance.OSA.distance`` on the same lists.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple

import numpy as np
from numpy.typing import NDArray

# Added to a shifted cell where no swap is possible: far above any real cell value (they
# lie in [-m, n]) yet far from int32 overflow.
_NO_SWAP = 1 << 30

WordEditType = Literal["substitution", "insertion", "omission", "transposition"]


class WordEdit(NamedTuple):
    """One word-level edit turning the reference sequence into the typed one.

    ``ref_index`` is the index of the (first) reference word involved; for an insertion it
    is the index of the reference word before which the extra word stands.
    ``typed_index`` is the index of the (first) typed word involved; for an omission it is
    the index of the typed word before which the missing word should have stood.
    """

    type: WordEditType
    ref_index: int
    typed_index: int


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


def _osa_matrix(ref_ids: NDArray[np.int64], typed_ids: NDArray[np.int64]) -> NDArray[np.int32]:
    """OSA cost matrix ``D[i, j]`` = distance(ref[:i], typed[:j]), filled row by row."""
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
        np.minimum.accumulate(row, out=row)
    shifted += np.arange(m + 1, dtype=np.int32)
    return shifted


def _backtrace(
    dist: NDArray[np.int32], ref: Sequence[str], typed: Sequence[str], offset: int
) -> list[WordEdit]:
    """Walk the cost matrix back from the corner; prefer match, swap, substitution."""
    edits: list[WordEdit] = []
    i, j = len(ref), len(typed)
    while i > 0 or j > 0:
        here = int(dist[i, j])
        if i > 0 and j > 0 and ref[i - 1] == typed[j - 1] and int(dist[i - 1, j - 1]) == here:
            i -= 1
            j -= 1
        elif (
            i > 1
            and j > 1
            and ref[i - 1] == typed[j - 2]
            and ref[i - 2] == typed[j - 1]
            and int(dist[i - 2, j - 2]) + 1 == here
        ):
            edits.append(WordEdit("transposition", offset + i - 2, offset + j - 2))
            i -= 2
            j -= 2
        elif i > 0 and j > 0 and int(dist[i - 1, j - 1]) + 1 == here:
            edits.append(WordEdit("substitution", offset + i - 1, offset + j - 1))
            i -= 1
            j -= 1
        elif i > 0 and int(dist[i - 1, j]) + 1 == here:
            edits.append(WordEdit("omission", offset + i - 1, offset + j))
            i -= 1
        else:
            edits.append(WordEdit("insertion", offset + i, offset + j - 1))
            j -= 1
    edits.reverse()
    return edits


def align_words(ref: Sequence[str], typed: Sequence[str]) -> list[WordEdit]:
    """Minimal list of word edits (OSA distance) turning ``ref`` into ``typed``, in order.

    ``len(align_words(a, b)) == rapidfuzz.distance.OSA.distance(a, b)``.
    """
    # Equal leading/trailing words are always part of an optimal OSA alignment, so they are
    # kept out of the quadratic (time and memory) part.
    prefix, suffix = _common_affixes(ref, typed)
    ref_core = ref[prefix : len(ref) - suffix]
    typed_core = typed[prefix : len(typed) - suffix]
    if not ref_core and not typed_core:
        return []
    vocabulary: dict[str, int] = {}
    ref_ids = [vocabulary.setdefault(w, len(vocabulary)) for w in ref_core]
    typed_ids = [vocabulary.setdefault(w, len(vocabulary)) for w in typed_core]
    dist = _osa_matrix(np.array(ref_ids, dtype=np.int64), np.array(typed_ids, dtype=np.int64))
    return _backtrace(dist, ref_core, typed_core, prefix)
