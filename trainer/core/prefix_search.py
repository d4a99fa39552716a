"""The prefix of a reference that a typed text matches best: what a timed attempt stopped early
is scored against (``score_typing(partial=True)``, also the drill's live score).

The prefix length minimising the Levenshtein distance to the typed text, the longest on ties.
Only lengths within the best distance of the typed text's length can win; few of them are
tried in C (rapidfuzz), the rest ruled out by how little one character changes a distance.
"""

from __future__ import annotations

from bisect import insort
from itertools import pairwise

from rapidfuzz.distance import Levenshtein

# Up to this many candidate prefixes each is tried (a rapidfuzz call); beyond, the candidates
# are probed and their neighbours ruled out, and only after this many probes (a typed text
# mostly wrong) one bit-parallel pass in Python over the reference does the rest.
_MAX_PREFIX_CANDIDATES = 128
_MAX_PREFIX_PROBES = 32


def distance_hint(length: int) -> int:
    """Where rapidfuzz starts its search for the distance of two texts of about ``length``:
    a band of 4% of the length, which holds the distance of an attempt near the 3% margin.
    The band doubles until it holds the distance, and its cost grows with its width: a hint
    just short of the distance costs three bands, one a little over it one."""
    return length // 24


def best_prefix_length(reference: str, typed: str) -> int:
    """The k minimising Levenshtein(reference[:k], typed); the largest such k on ties."""
    n_typed = len(typed)
    best_k = min(n_typed, len(reference))
    # the hint starts rapidfuzz's search in a narrow band (a long text, a few % wrong)
    best = Levenshtein.distance(reference[:best_k], typed, score_hint=distance_hint(best_k))
    # distance(reference[:k], typed) >= |k - n_typed|, so only k within `best` of n_typed
    # can tie or win.
    low, high = max(0, n_typed - best), min(len(reference), n_typed + best)
    if high - low + 1 > _MAX_PREFIX_CANDIDATES:
        found = _probe_prefixes(reference, typed, low, high, best, best_k)
        if found is not None:
            return found
        distances = prefix_distances(reference[:high], typed)
        best = min(distances)
        return max(k for k, d in enumerate(distances) if d == best)
    for k in range(high, low - 1, -1):
        bound = abs(k - n_typed)
        # The window shrinks as better candidates turn up.
        if k == best_k or bound > best or (bound == best and k < best_k):
            continue
        found = Levenshtein.distance(reference[:k], typed, score_cutoff=best)
        if found < best or (found == best and k > best_k):
            best, best_k = found, k
    return best_k


def _probe_prefixes(
    reference: str, typed: str, low: int, high: int, best: int, best_k: int
) -> int | None:
    """:func:`best_prefix_length` for many candidate lengths, by probing a few.

    One more character changes the distance by at most one, so a length probed at ``found``
    bounds every other length from below: ``found - (their distance apart)``. A length whose
    bound from the probes on either side of it exceeds the best cannot win (ties need the
    same distance); each probe is made in the middle of the lengths that still can, so the
    two slopes of the usual V (too long, too short) are ruled out in a few probes.
    None after ``_MAX_PREFIX_PROBES`` probes."""
    probes = [(best_k, best)]
    for _ in range(_MAX_PREFIX_PROBES):
        # lengths further than `best` from the typed length are worse
        low, high = max(low, len(typed) - best), min(high, len(typed) + best)
        left = _lengths_left(probes, low, high, best)
        if left is None:
            return best_k
        first, last = left
        k = (first + last) // 2
        # a probe costs about its cutoff; a bound ruling out more than these is no use
        found = Levenshtein.distance(reference[:k], typed, score_cutoff=best + last - first)
        if found < best or (found == best and k > best_k):
            best, best_k = found, k
        insort(probes, (k, found))
    return None


def _lengths_left(
    probes: list[tuple[int, int]], low: int, high: int, best: int
) -> tuple[int, int] | None:
    """The first stretch of lengths in ``low..high`` that no probe rules out, or None."""
    edges: list[tuple[int, int | None]] = [(low - 1, None), *probes, (high + 1, None)]
    for (before, above), (after, below) in pairwise(edges):
        # from the probe before: above - (k - before) <= best; from the one after, alike
        first = before + 1 if above is None else max(before + 1, before + above - best, low)
        last = after - 1 if below is None else min(after - 1, after - below + best, high)
        if first <= last:
            return first, last
    return None


def prefix_distances(reference: str, typed: str) -> list[int]:
    """Levenshtein(reference[:k], typed) for every k, in one pass (Hyyrö's bit-vectors).

    Column k of the edit-distance matrix (typed down the rows) is kept as bit masks of
    +1/-1 vertical steps; its bottom cell is the distance to reference[:k].
    """
    rows = len(typed)
    if rows == 0:
        return list(range(len(reference) + 1))
    full = (1 << rows) - 1
    bottom = 1 << (rows - 1)
    matches: dict[str, int] = {}
    for row, ch in enumerate(typed):
        matches[ch] = matches.get(ch, 0) | (1 << row)
    up, down, dist = full, 0, rows
    distances = [dist]
    for ch in reference:
        x = matches.get(ch, 0) | down
        diagonal_zero = ((((x & up) + up) & full) ^ up) | x
        right_up = down | (full & ~(diagonal_zero | up))
        right_down = diagonal_zero & up
        if right_up & bottom:
            dist += 1
        elif right_down & bottom:
            dist -= 1
        # The top row is 0, 1, 2, ... (global, not substring, distance): shift in a +1.
        right_up = ((right_up << 1) | 1) & full
        right_down = (right_down << 1) & full
        up = right_down | (full & ~(diagonal_zero | right_up))
        down = right_up & diagonal_zero
        distances.append(dist)
    return distances
