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

from collections import defaultdict
from collections.abc import Sequence
from operator import add
from typing import TYPE_CHECKING, Literal, NamedTuple

from rapidfuzz.distance import Levenshtein

from trainer.core.word_forms import in_place_swaps
from trainer.core.word_windows import encode, may_move, windows

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    # a cost matrix: rows of lists (a window of a typed text), or numpy's (a large one)
    _Matrix = list[list[int]] | NDArray[np.int32]

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
        in_place = in_place_swaps(ref[i - 2], ref[i - 1])
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
    ref_ids: list[int], typed_ids: list[int], moves: _Moves, python_cells: int
) -> _Matrix:
    """Cost matrix ``D[i][j]`` = word errors of typed[:j] against ref[:i], filled row by row:
    in lists up to ``python_cells`` cells (every window of a typed text: numpy, 11 MB of a
    drill's memory, is then never loaded), in numpy's arrays above (a garbled page)."""
    n, m = len(ref_ids), len(typed_ids)
    if (n + 1) * (m + 1) > python_cells:
        return _cost_matrix_numpy(ref_ids, typed_ids, moves)
    # Rows are kept shifted, S[i][j] = D[i][j] - j: the insertion move D[i][j-1] + 1 then
    # becomes S[i][j-1], so the in-row chain is a running minimum.
    shifted = [[0] * (m + 1)]
    sources = _move_sources(ref_ids, typed_ids, moves)
    for i in range(1, n + 1):
        above = shifted[i - 1]
        word = ref_ids[i - 1]
        # the cells of this row a rarer move reaches, with the move's value
        moved: dict[int, int] = {}
        for j, rows_back, columns_back, added in sources.get(i, ()):
            value = shifted[i - rows_back][j - columns_back] + added
            if j not in moved or value < moved[j]:
                moved[j] = value
        # each cell: from the top S[i-1][j] + 1, the diagonal S[i-1][j-1] - equal, a move,
        # then the running minimum along the row (one loop, no calls)
        row = [i]
        run = i
        for j, typed_word, diagonal, top in zip(
            range(1, m + 1), typed_ids, above[:-1], above[1:], strict=True
        ):
            cell = top + 1
            if typed_word == word:
                diagonal -= 1
            if diagonal < cell:
                cell = diagonal
            if moved and j in moved and moved[j] < cell:
                cell = moved[j]
            if cell < run:
                run = cell
            row.append(run)
        shifted.append(row)
    return [list(map(add, row, range(m + 1))) for row in shifted]


def _move_sources(
    ref_ids: list[int], typed_ids: list[int], moves: _Moves
) -> dict[int, list[tuple[int, int, int, int]]]:
    """For each row ``i``, the cells a rarer move reaches and where it comes from, in shifted
    terms: ``(j, rows back, columns back, added)``. A split D[i-1][j-2] + 1 is S[i-1][j-2] - 1,
    a join D[i-2][j-1] + 1 is S[i-2][j-1], a swap S[i-2][j-2] - 1: the ones with marks or
    capital in place from ``moves``, the plain ones (ref[i-2:i] typed as typed[j-2:j]
    reversed) found here by one pass over the typed pairs."""
    sources: dict[int, list[tuple[int, int, int, int]]] = defaultdict(list)
    for kinds, rows_back, columns_back, added in (
        (moves.split, 1, 2, -1),
        (moves.join, 2, 1, 0),
        (moves.swap, 2, 2, -1),
    ):
        for i, columns in kinds.items():
            sources[i] += [(j, rows_back, columns_back, added) for j in columns]
    rows_of_pair: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i in range(2, len(ref_ids) + 1):
        rows_of_pair[(ref_ids[i - 2], ref_ids[i - 1])].append(i)
    for j in range(2, len(typed_ids) + 1):
        for i in rows_of_pair.get((typed_ids[j - 1], typed_ids[j - 2]), ()):
            sources[i].append((j, 2, 2, -1))
    return sources


def _cost_matrix_numpy(ref_ids: list[int], typed_ids: list[int], moves: _Moves) -> _Matrix:
    """:func:`_cost_matrix` in numpy's arrays (the same cells), for a matrix too large to fill
    in lists: loaded only then."""
    import numpy as np

    n, m = len(ref_ids), len(typed_ids)
    shifted = np.empty((n + 1, m + 1), dtype=np.int32)
    shifted[0] = 0
    shifted[:, 0] = np.arange(n + 1, dtype=np.int32)
    # Diagonal move in shifted terms: D[i-1, j-1] + cost - j = S[i-1, j-1] - equal[i-1, j-1].
    equal = np.array(ref_ids, dtype=np.int64)[:, None] == np.array(typed_ids, dtype=np.int64)
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
    dist: _Matrix, ref: Sequence[str], typed: Sequence[str], moves: _Moves, i: int, j: int
) -> tuple[int, int, WordEditType | None]:
    """The move that reached cell (i, j) of an optimal path: how many reference and typed
    words it covers, and the error it is (None: the words are equal)."""
    here = int(dist[i][j])

    def came_from(di: int, dj: int, cost: int) -> bool:
        return i >= di and j >= dj and int(dist[i - di][j - dj]) + cost == here

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
    dist: _Matrix,
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
    ref: Sequence[str],
    typed: Sequence[str],
    ref_offset: int,
    typed_offset: int,
    python_cells: int,
) -> list[WordEdit]:
    """The whole cost matrix of the two sequences and its backtrace (quadratic); in lists up
    to ``python_cells`` cells (``_cost_matrix``)."""
    vocabulary: dict[str, int] = {}
    ref_ids = [vocabulary.setdefault(w, len(vocabulary)) for w in ref]
    typed_ids = [vocabulary.setdefault(w, len(vocabulary)) for w in typed]
    moves = _find_moves(ref, typed)
    dist = _cost_matrix(ref_ids, typed_ids, moves, python_cells)
    return _backtrace(dist, ref, typed, moves, ref_offset, typed_offset)


def _align_plain(
    ref: str, typed: str, distance: int, ref_offset: int, typed_offset: int
) -> list[WordEdit]:
    """The backtrace of :func:`_backtrace` where no split, join or swap is possible: the cost
    matrix is then Levenshtein's, so its cells are asked of rapidfuzz, only where the walk
    back from the corner needs them (two at most per error).

    ``ref`` and ``typed`` are encoded words (one character a word), ``distance`` theirs.
    Equal words always match (in Levenshtein's matrix the cell before them has the same cost),
    as the backtrace prefers; otherwise a substitution, omission, insertion, in that order."""
    edits: list[WordEdit] = []
    i, j, here = len(ref), len(typed), distance
    while i > 0 and j > 0:
        if ref[i - 1] == typed[j - 1]:
            i, j = i - 1, j - 1
            continue
        here -= 1
        # a cell is never less than one below its neighbour: at most ``here`` means equal
        if Levenshtein.distance(ref[: i - 1], typed[: j - 1], score_cutoff=here) <= here:
            i, j = i - 1, j - 1
            edits.append(WordEdit("substitution", ref_offset + i, typed_offset + j))
        elif Levenshtein.distance(ref[: i - 1], typed[:j], score_cutoff=here) <= here:
            i -= 1
            edits.append(WordEdit("omission", ref_offset + i, typed_offset + j))
        else:
            j -= 1
            edits.append(WordEdit("insertion", ref_offset + i, typed_offset + j))
    # the first row and column: only omissions or only insertions are left
    edits += [WordEdit("omission", ref_offset + k, typed_offset) for k in range(i - 1, -1, -1)]
    edits += [WordEdit("insertion", ref_offset, typed_offset + k) for k in range(j - 1, -1, -1)]
    edits.reverse()
    return edits


# Padding (equal words on each side of a window), the size below which the whole matrix is
# cheaper than finding windows, and the most errors a window aligned by rapidfuzz's cells may
# hold (each error asks two distances of the window's length).
_PAD = 3
_WHOLE_MATRIX_CELLS = 2_500
_PLAIN_MAX_ERRORS = 64
# The largest matrix filled in Python's lists (about 15 ms; numpy's arrays above: a garbled
# page's window of 1,000 by 1,000 words is 5 ms there and 4 MB instead of 150 ms and 40 MB)
_PYTHON_MATRIX_CELLS = 100_000


def align_words(
    ref: Sequence[str],
    typed: Sequence[str],
    *,
    whole_matrix_cells: int = _WHOLE_MATRIX_CELLS,
    python_matrix_cells: int = _PYTHON_MATRIX_CELLS,
) -> list[WordEdit]:
    """Minimal list of word edits turning ``ref`` into ``typed``, in order; its length is the
    number of word errors.

    Time and memory grow with the text and the size of its error clusters, not with the
    square of the text: the exact cost matrix is only built inside the windows around the
    differences where a split, join or swap may be (all of it for texts of fewer than
    ``whole_matrix_cells`` word pairs); the other windows are walked back through Levenshtein
    distances computed by rapidfuzz."""
    # Equal leading/trailing words are always part of an optimal alignment, so they are
    # kept out of the quadratic (time and memory) part.
    prefix, suffix = _common_affixes(ref, typed)
    ref_core = ref[prefix : len(ref) - suffix]
    typed_core = typed[prefix : len(typed) - suffix]
    if not ref_core and not typed_core:
        return []
    cells = python_matrix_cells
    if len(ref_core) * len(typed_core) <= whole_matrix_cells:
        return _align_exact(ref_core, typed_core, prefix, prefix, cells)
    words = encode(ref_core, typed_core)
    moves = may_move(ref_core, typed_core)
    edits: list[WordEdit] = []
    for r0, r1, t0, t1 in windows(words, _PAD):
        if not any(kind.inside(r0, r1, t0, t1) for kind in moves):
            ref_text, typed_text = words.ref[r0:r1], words.typed[t0:t1]
            distance = Levenshtein.distance(ref_text, typed_text)
            if distance <= _PLAIN_MAX_ERRORS:
                edits += _align_plain(ref_text, typed_text, distance, prefix + r0, prefix + t0)
                continue
        edits += _align_exact(ref_core[r0:r1], typed_core[t0:t1], prefix + r0, prefix + t0, cells)
    return edits
