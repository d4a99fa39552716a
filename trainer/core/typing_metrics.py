"""Typing metrics: error rates, speeds and pass/fail for a typing drill.

Follows Soukoreff & MacKenzie (2003), "Metrics for text entry research": with P the
presented (reference) text, T the final transcribed text and IS the input stream (every
keystroke), errors split into corrected ones (IF, typed and then erased) and uncorrected
ones (INF, the minimum string distance between P and T). On top of that the trainer
reports word errors (an optimal string alignment over words) because the official rule
for operators is "at most 3% wrong words", and lists every error for display.

Pure Python + numpy + rapidfuzz + pydantic, so it runs headless (CLI, tests, reports).
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_right
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict
from rapidfuzz.distance import Levenshtein

from trainer.core.word_alignment import align_words

__all__ = [
    "BACKSPACE",
    "DELETE",
    "AlignedChar",
    "CharError",
    "TypingResult",
    "WordError",
    "align",
    "score_typing",
    "transcribe",
]

BACKSPACE = "\b"
DELETE = "\x7f"

ErrorType = Literal["substitution", "insertion", "omission", "transposition"]
AlignOp = Literal["equal", "substitution", "insertion", "omission", "transposition"]
Unit = Literal["word", "char"]
Margin = str | Decimal | float | int

_WORD = re.compile(r"\S+")  # \S is the complement of str.isspace(), so this matches split()


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CharError(_Frozen):
    """One uncorrected character error of the transcribed text against the reference.

    ``position`` indexes the (counted part of the) reference; for an insertion it is the
    index before which the extra character stands. ``typed_position`` indexes the
    transcribed text. ``word`` is the index of the reference word the error falls in
    (whitespace belongs to the word before it); None only when the reference has no words.
    """

    type: ErrorType
    position: int
    typed_position: int
    expected: str
    typed: str
    word: int | None


class WordError(_Frozen):
    """One word-level error; ``position`` is a word index in the (counted) reference.

    For an insertion, ``position`` is the index of the reference word before which the
    extra word stands. A transposition covers two words, joined by a space in ``expected``
    and ``typed``.
    """

    type: ErrorType
    position: int
    expected: str
    typed: str


class AlignedChar(_Frozen):
    """One step of a display alignment: an equal character or one error."""

    expected: str
    typed: str
    op: AlignOp


class TypingResult(_Frozen):
    """Everything measured about one attempt; the field names are a JSON contract.

    Rates are fractions (0.03 is 3%). ``kspc`` is None when nothing was typed; the speeds
    are None without a positive duration or without anything typed. ``error_rate`` is the
    word or the MSD error rate, as ``unit`` says, and decides ``passed``.
    """

    correct: int
    incorrect_not_fixed: int
    incorrect_fixed: int
    fixes: int
    msd: int
    msd_error_rate: float
    total_error_rate: float
    corrected_error_rate: float
    uncorrected_error_rate: float
    kspc: float | None
    keystrokes: int
    reference_words: int
    word_errors: int
    word_error_rate: float
    seconds: float | None
    wpm: float | None
    chars_per_minute: float | None
    keystrokes_per_minute: float | None
    unit: Unit
    margin: float
    error_rate: float
    passed: bool
    errors: list[CharError]
    word_error_list: list[WordError]
    reference_chars: int
    reference_chars_counted: int
    transcribed: str
    partial: bool

    def to_json_dict(self) -> dict[str, Any]:
        """The result as a JSON-ready dict (the ``simultaan score --json`` payload)."""
        return self.model_dump(mode="json")


class _CharEdit(NamedTuple):
    type: ErrorType
    position: int
    typed_position: int
    expected: str
    typed: str


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _apply_keystrokes(stream: str) -> str:
    # DELETE never removes anything (the cursor stays at the end), so it can go first.
    chunks = stream.replace(DELETE, "").split(BACKSPACE)
    if len(chunks) == 1:
        return chunks[0]
    kept: list[str] = [chunks[0]]
    for chunk in chunks[1:]:
        # Each chunk boundary is one BACKSPACE: drop the last surviving character, if any.
        while kept and not kept[-1]:
            kept.pop()
        if kept:
            kept[-1] = kept[-1][:-1]
        kept.append(chunk)
    return "".join(kept)


def transcribe(input_stream: str) -> str:
    """The text an input stream produces (NFC-normalised, editing keys applied)."""
    return _apply_keystrokes(_nfc(input_stream))


def _parse_margin(margin: Margin) -> Fraction:
    # bool is an int subclass; True as "100% allowed" is almost certainly a bug upstream.
    if isinstance(margin, bool) or not isinstance(margin, str | Decimal | float | int):
        raise TypeError(f"margin must be str, Decimal, float or int, not {type(margin).__name__}")
    try:
        # str() of a float is its shortest round-trip form, so 0.03 becomes exactly 3/100.
        value = Fraction(str(margin)) if isinstance(margin, float) else Fraction(margin)
    except (ValueError, ZeroDivisionError, OverflowError) as exc:
        raise ValueError(f"margin {margin!r} is not a finite number") from exc
    if not 0 <= value <= 1:
        raise ValueError(f"margin {margin!r} is outside [0, 1]")
    return value


# Above this many candidate prefixes, one bit-parallel pass over the reference is cheaper
# than a rapidfuzz call per candidate (only happens when the typed text is mostly wrong).
_MAX_PREFIX_CANDIDATES = 128


def _best_prefix_length(reference: str, typed: str) -> int:
    """The k minimising Levenshtein(reference[:k], typed); the largest such k on ties."""
    n_typed = len(typed)
    best_k = min(n_typed, len(reference))
    best = Levenshtein.distance(reference[:best_k], typed)
    # distance(reference[:k], typed) >= |k - n_typed|, so only k within `best` of n_typed
    # can tie or win.
    low, high = max(0, n_typed - best), min(len(reference), n_typed + best)
    if high - low + 1 > _MAX_PREFIX_CANDIDATES:
        distances = _prefix_distances(reference[:high], typed)
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


def _prefix_distances(reference: str, typed: str) -> list[int]:
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


def _char_edits(reference: str, typed: str) -> list[_CharEdit]:
    """Levenshtein edits from reference to typed, adjacent swaps merged into one entry."""
    ops = [(op.tag, op.src_pos, op.dest_pos) for op in Levenshtein.editops(reference, typed)]
    edits: list[_CharEdit] = []
    n = 0
    while n < len(ops):
        tag, src, dst = ops[n]
        if n + 1 < len(ops) and _is_swap(reference, typed, ops[n], ops[n + 1]):
            edits.append(
                _CharEdit("transposition", src, dst, reference[src : src + 2], typed[dst : dst + 2])
            )
            n += 2
            continue
        if tag == "replace":
            edits.append(_CharEdit("substitution", src, dst, reference[src], typed[dst]))
        elif tag == "insert":
            edits.append(_CharEdit("insertion", src, dst, "", typed[dst]))
        else:
            edits.append(_CharEdit("omission", src, dst, reference[src], ""))
        n += 1
    return edits


def _is_swap(
    reference: str, typed: str, first: tuple[str, int, int], second: tuple[str, int, int]
) -> bool:
    """Whether two consecutive edit operations are really "ab" typed as "ba".

    Levenshtein spells a swap as two replacements or as a deletion and an insertion (either
    order) around matching characters. For "e e" typed as " ee" it may even delete the
    first "e" and insert one after the second: the same swap, only aligned differently.
    All of these cover equally long stretches of both texts that differ exactly by the
    first two characters being swapped, which is what is checked here.
    """
    _, src, dst = first
    tag, src2, dst2 = second
    # End of the stretch covered by both operations (the characters between them match).
    ref_end = src2 if tag == "insert" else src2 + 1
    typed_end = dst2 if tag == "delete" else dst2 + 1
    return (
        ref_end - src == typed_end - dst >= 2
        and reference[src] == typed[dst + 1]
        and reference[src + 1] == typed[dst]
        and reference[src + 2 : ref_end] == typed[dst + 2 : typed_end]
    )


def align(reference: str, transcribed: str) -> list[AlignedChar]:
    """Character alignment of a transcribed text against its reference, for display.

    Both texts are NFC-normalised and trailing whitespace is dropped, as in
    :func:`score_typing`. Equal characters come one per entry; each error is one entry
    classified exactly as in ``TypingResult.errors`` (a transposition covers two characters).
    For a partial result, pass the counted part of the reference
    (``reference[:result.reference_chars_counted]`` of the normalised reference).
    """
    ref = _nfc(reference).rstrip()
    out: list[AlignedChar] = []
    ref_at = 0
    for edit in _char_edits(ref, _nfc(transcribed).rstrip()):
        # Between two errors both texts agree, so the equal run can be read from either.
        out.extend(
            AlignedChar(expected=ch, typed=ch, op="equal") for ch in ref[ref_at : edit.position]
        )
        out.append(AlignedChar(expected=edit.expected, typed=edit.typed, op=edit.type))
        ref_at = edit.position + len(edit.expected)
    out.extend(AlignedChar(expected=ch, typed=ch, op="equal") for ch in ref[ref_at:])
    return out


def _word_index(starts: list[int], position: int) -> int | None:
    if not starts:
        return None
    return max(bisect_right(starts, position) - 1, 0)


def _rate(numerator: int, denominator: int) -> Fraction:
    return Fraction(numerator, denominator) if denominator else Fraction(0)


def _per_minute(count: int, seconds: float | None) -> float | None:
    # The first character only starts the clock, hence count - 1 (Soukoreff & MacKenzie).
    if seconds is None or seconds <= 0 or count < 1:
        return None
    return (count - 1) * 60 / seconds


def score_typing(
    reference: str,
    input_stream: str,
    *,
    seconds: float | None = None,
    unit: Unit = "word",
    margin: Margin = "0.03",
    partial: bool = False,
) -> TypingResult:
    """Score one attempt: ``input_stream`` holds every keystroke, BACKSPACE/DELETE included.

    ``seconds`` is the time taken (None if unknown). ``unit`` picks the error rate that
    decides pass/fail against ``margin`` (inclusive, exact). With ``partial`` (a timed drill
    stopped early) only the best-matching prefix of the reference is scored.
    """
    margin_value = _parse_margin(margin)
    if seconds is not None and not math.isfinite(seconds):
        seconds = None  # NaN or infinity is no measurement, and would not survive JSON
    if unit not in ("word", "char"):
        raise ValueError(f"unit must be 'word' or 'char', not {unit!r}")

    full_reference = _nfc(reference).rstrip()
    stream = _nfc(input_stream)
    raw = _apply_keystrokes(stream)
    typed = raw.rstrip()
    # Trailing whitespace counts as never typed, so its keystrokes go too (IF is unchanged).
    keystrokes = len(stream) - (len(raw) - len(typed))
    fixes = stream.count(BACKSPACE) + stream.count(DELETE)

    counted = _best_prefix_length(full_reference, typed) if partial else len(full_reference)
    ref = full_reference[:counted]

    edits = _char_edits(ref, typed)
    # A merged transposition stands for two Levenshtein operations.
    msd = sum(2 if e.type == "transposition" else 1 for e in edits)
    longest = max(len(ref), len(typed))
    correct = longest - msd
    fixed = keystrokes - len(typed) - fixes
    all_chars = correct + msd + fixed

    starts = [m.start() for m in _WORD.finditer(ref)]
    errors = [
        CharError(
            type=e.type,
            position=e.position,
            typed_position=e.typed_position,
            expected=e.expected,
            typed=e.typed,
            word=_word_index(starts, e.position),
        )
        for e in edits
    ]

    ref_words = ref.split()
    typed_words = typed.split()
    word_errors = [
        _word_error(edit.type, edit.ref_index, edit.typed_index, ref_words, typed_words)
        for edit in align_words(ref_words, typed_words)
    ]
    word_rate = _rate(len(word_errors), len(ref_words))
    msd_rate = _rate(msd, longest)
    error_rate = word_rate if unit == "word" else msd_rate

    cpm = _per_minute(len(typed), seconds)
    return TypingResult(
        correct=correct,
        incorrect_not_fixed=msd,
        incorrect_fixed=fixed,
        fixes=fixes,
        msd=msd,
        msd_error_rate=float(msd_rate),
        total_error_rate=float(_rate(msd + fixed, all_chars)),
        corrected_error_rate=float(_rate(fixed, all_chars)),
        uncorrected_error_rate=float(_rate(msd, all_chars)),
        kspc=keystrokes / len(typed) if typed else None,
        keystrokes=keystrokes,
        reference_words=len(ref_words),
        word_errors=len(word_errors),
        word_error_rate=float(word_rate),
        seconds=seconds,
        wpm=None if cpm is None else cpm / 5,
        chars_per_minute=cpm,
        keystrokes_per_minute=_per_minute(keystrokes, seconds),
        unit=unit,
        margin=float(margin_value),
        error_rate=float(error_rate),
        # An empty transcription has a 0% error rate but nothing was done.
        passed=bool(typed) and error_rate <= margin_value,
        errors=errors,
        word_error_list=word_errors,
        reference_chars=len(full_reference),
        reference_chars_counted=counted,
        transcribed=typed,
        partial=partial,
    )


def _word_error(
    kind: ErrorType, ref_index: int, typed_index: int, ref: list[str], typed: list[str]
) -> WordError:
    width = 2 if kind == "transposition" else 1
    return WordError(
        type=kind,
        position=ref_index,
        expected="" if kind == "insertion" else " ".join(ref[ref_index : ref_index + width]),
        typed="" if kind == "omission" else " ".join(typed[typed_index : typed_index + width]),
    )
