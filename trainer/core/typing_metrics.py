"""Typing metrics: error rates, speeds and pass/fail for a typing drill.

Follows Soukoreff & MacKenzie (2003), "Metrics for text entry research": with P the
presented (reference) text, T the final transcribed text and IS the input stream (every
keystroke), errors split into corrected ones (IF, typed and then erased) and uncorrected
ones (INF, the minimum string distance between P and T). On top of that the trainer
reports word errors (an alignment over words where a wrong, extra, missing, split, joined or
swapped word each cost one error: :mod:`trainer.core.word_alignment`) because the official rule
for operators is "at most 3% wrong words", and lists every error for display. An attempt can
ignore punctuation, case and number formats (:mod:`trainer.core.word_forms`), and can ask for a
minimum net speed (correct characters / 5 per minute).

Pure Python + numpy + rapidfuzz + pydantic, so it runs headless (CLI, tests, reports).
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from operator import itemgetter
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, TypeAdapter
from rapidfuzz.distance import Editops, Levenshtein

from trainer.core.messages import Message, Said
from trainer.core.prefix_search import best_prefix_length, distance_hint
from trainer.core.word_alignment import WORDS_COVERED, WordEdit, WordEditType, align_words
from trainer.core.word_forms import (
    IGNORABLE,
    ComparableWord,
    Ignorable,
    comparable_words,
    decorated,
    keys,
)

__all__ = [
    "BACKSPACE",
    "DELETE",
    "IGNORABLE",
    "AlignedChar",
    "CharError",
    "TypingResult",
    "WordError",
    "align",
    "score_typing",
    "transcribe",
    "within_margin",
]

BACKSPACE = "\b"
DELETE = "\x7f"

ErrorType = Literal["substitution", "insertion", "omission", "transposition"]
AlignOp = Literal["equal", "substitution", "insertion", "omission", "transposition"]
Unit = Literal["word", "char"]
Margin = str | Decimal | Fraction | float | int

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


WordDetail = Literal["case", "punctuation", "hyphen"]


class WordError(_Frozen):
    """One word-level error, in the words of the reference and of the typed text.

    ``position`` is a word index in the (counted) reference, ``typed_position`` one in the
    typed text, ``offset`` the character offset in the counted reference where the error's
    first reference word starts (for an insertion: the word before which the extra word
    stands, or the end). The words are compared as the attempt's ``ignore`` says; a group of
    digits is one word when number formats are ignored. A transposition covers two words on
    each side, a ``split`` one reference word typed as two, a ``join`` two reference words
    typed as one. ``detail`` says what alone was wrong: only the ``case`` or only the
    ``punctuation`` of a word, or a ``hyphen`` typed as a space or a space as a hyphen.
    """

    type: WordEditType
    position: int
    typed_position: int
    offset: int
    expected: str
    typed: str
    detail: WordDetail | None = None


# A long exam has some 600 errors of each kind: made from their fields as one list, in one call
# of pydantic's core, they take a third less time than made one by one (0.7 against 1.1 ms).
_CHAR_ERRORS = TypeAdapter(list[CharError])
_WORD_ERRORS = TypeAdapter(list[WordError])


class AlignedChar(_Frozen):
    """One step of a display alignment: an equal character or one error."""

    expected: str
    typed: str
    op: AlignOp


class TypingResult(_Frozen):
    """Everything measured about one attempt; the field names are a JSON contract.

    Rates are fractions (0.03 is 3%). ``kspc`` is None when nothing was typed; the speeds
    are None without a positive duration or without anything typed. ``error_rate`` is the
    word or the MSD error rate, as ``unit`` says (on the texts as compared, when something is
    ``ignored``); ``within_margin`` says whether it is at most the margin. ``net_wpm`` is the
    net speed (correct characters / 5 per minute); with ``min_wpm`` it must be at least that
    (``fast_enough``). ``passed`` needs both.
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
    within_margin: bool
    ignored: list[Ignorable]
    min_wpm: float | None
    net_wpm: float | None
    fast_enough: bool | None
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
    if isinstance(margin, bool) or not isinstance(margin, str | Decimal | Fraction | float | int):
        raise TypeError(
            f"margin must be str, Decimal, Fraction, float or int, not {type(margin).__name__}"
        )
    try:
        # str() of a float is its shortest round-trip form, so 0.03 becomes exactly 3/100.
        value = Fraction(str(margin)) if isinstance(margin, float) else Fraction(margin)
    except (ValueError, ZeroDivisionError, OverflowError) as exc:
        raise ValueError(f"margin {margin!r} is not a finite number") from exc
    if not 0 <= value <= 1:
        raise ValueError(f"margin {margin!r} is outside [0, 1]")
    return value


def within_margin(error_rate: Fraction, margin: Margin) -> bool:
    """Whether ``error_rate`` passes ``margin``: inclusive and exact, so 3 wrong words in 100
    pass a 3% margin and 3 in 99 do not. The final score and the drill's live figures both
    ask this, so the two never disagree at the boundary."""
    return error_rate <= _parse_margin(margin)


# rapidfuzz aligns two texts whose lengths multiply to less than this in one bit matrix
# (2 bits a cell, up to 1 MiB), longer ones by Hirschberg's halving over the whole width.
_ONE_MATRIX_CELLS = 4 * 1024 * 1024


def _levenshtein_editops(reference: str, typed: str) -> Editops:
    """An optimal Levenshtein alignment, in linear memory and near the time of the distance.

    Up to ``_ONE_MATRIX_CELLS`` the alignment is the one rapidfuzz always gave; beyond it a
    distance hint lets rapidfuzz align within the band the distance needs, instead of halving
    the full matrix (at 100,000 characters ten times faster). Both are optimal alignments; among
    equally good ones the banded one may place an error elsewhere."""
    if len(reference) * len(typed) < _ONE_MATRIX_CELLS:
        return Levenshtein.editops(reference, typed)
    # the hint is only where the search for the distance starts: any value gives the same ops
    return Levenshtein.editops(
        reference, typed, score_hint=distance_hint(max(len(reference), len(typed)))
    )


def _char_edits(reference: str, typed: str) -> list[_CharEdit]:
    """Levenshtein edits from reference to typed, adjacent swaps merged into one entry."""
    ops = [(op.tag, op.src_pos, op.dest_pos) for op in _levenshtein_editops(reference, typed)]
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
    # An equal step is frozen, so one per character serves the whole text: a 12,000-character
    # exam has some 60 different characters (made one by one, its steps took 13 ms)
    equal = {ch: AlignedChar(expected=ch, typed=ch, op="equal") for ch in dict.fromkeys(ref)}
    out: list[AlignedChar] = []
    ref_at = 0
    for edit in _char_edits(ref, _nfc(transcribed).rstrip()):
        # Between two errors both texts agree, so the equal run can be read from either.
        out += map(equal.__getitem__, ref[ref_at : edit.position])
        out.append(AlignedChar(expected=edit.expected, typed=edit.typed, op=edit.type))
        ref_at = edit.position + len(edit.expected)
    out += map(equal.__getitem__, ref[ref_at:])
    return out


def _word_starts(text: str) -> list[int]:
    """Where each word of ``text`` starts (a C loop over the matches)."""
    return list(map(re.Match.start, _WORD.finditer(text)))


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


def _ignored(ignore: Iterable[str]) -> list[Ignorable]:
    wanted = set(ignore)
    unknown = wanted - set(IGNORABLE)
    if unknown:
        raise ValueError(
            f"cannot ignore {', '.join(sorted(unknown))} (only {', '.join(IGNORABLE)})"
        )
    return [what for what in IGNORABLE if what in wanted]


def _exact(value: float) -> Fraction:
    # str() of a float is its shortest round-trip form: 0.1 stays one tenth
    return Fraction(str(value))


def _net_wpm(correct: int, seconds: float | None) -> Fraction | None:
    """Correct characters / 5 per minute of ``seconds``."""
    if seconds is None or seconds <= 0:
        return None
    return Fraction(correct * 60, 5) / _exact(seconds)


# the longest text scored: ten times a 4-hour exam at 400 keystrokes a minute (100,000
# characters take under a second). Two texts of this length hold at most a million different
# words between them, which the alignment's word ids (one character a word) have room for
MAX_CHARACTERS = 1_000_000


class TextTooLong(Said, ValueError):
    """A reference or typed text longer than MAX_CHARACTERS; ``length`` says how long."""

    def __init__(self, length: int) -> None:
        super().__init__(Message("text_too_long", {"length": length, "limit": MAX_CHARACTERS}))
        self.length = length


def score_typing(
    reference: str,
    input_stream: str,
    *,
    seconds: float | None = None,
    unit: Unit = "word",
    margin: Margin = "0.03",
    partial: bool = False,
    ignore: Iterable[str] = (),
    min_wpm: float | Decimal | None = None,
    speed_seconds: float | None = None,
) -> TypingResult:
    """Score one attempt: ``input_stream`` holds every keystroke, BACKSPACE/DELETE included.

    ``seconds`` is the time taken (None if unknown). ``unit`` picks the error rate that
    decides pass/fail against ``margin`` (inclusive, exact). With ``partial`` (a timed drill
    stopped early) only the best-matching prefix of the reference is scored. ``ignore``:
    any of ``punctuation``, ``case``, ``number-format`` (the words are compared without them).
    ``min_wpm``: the net speed needed to pass, measured over ``speed_seconds`` (a timed drill
    whose time ran out: the whole limit), by default over ``seconds``.
    """
    margin_value = _parse_margin(margin)
    if seconds is not None and not math.isfinite(seconds):
        seconds = None  # NaN or infinity is no measurement, and would not survive JSON
    if unit not in ("word", "char"):
        raise ValueError(f"unit must be 'word' or 'char', not {unit!r}")
    ignored = _ignored(ignore)
    if min_wpm is not None and not (math.isfinite(min_wpm) and min_wpm >= 0):
        raise ValueError(f"min_wpm must be a number of at least 0, not {min_wpm!r}")
    if speed_seconds is None or not math.isfinite(speed_seconds):
        speed_seconds = seconds

    full_reference = _nfc(reference).rstrip()
    stream = _nfc(input_stream)
    raw = _apply_keystrokes(stream)
    typed = raw.rstrip()
    for text in (full_reference, typed):
        if len(text) > MAX_CHARACTERS:  # said before any work; word ids would run out too
            raise TextTooLong(len(text))
    # Trailing whitespace counts as never typed, so its keystrokes go too (IF is unchanged).
    keystrokes = len(stream) - (len(raw) - len(typed))
    fixes = stream.count(BACKSPACE) + stream.count(DELETE)

    counted = best_prefix_length(full_reference, typed) if partial else len(full_reference)
    ref = full_reference[:counted]

    edits = _char_edits(ref, typed)
    # A merged transposition stands for two Levenshtein operations.
    msd = sum(2 if e.type == "transposition" else 1 for e in edits)
    longest = max(len(ref), len(typed))
    correct = longest - msd
    fixed = keystrokes - len(typed) - fixes
    all_chars = correct + msd + fixed

    starts = _word_starts(ref)
    errors = _CHAR_ERRORS.validate_python(
        [
            {
                "type": e.type,
                "position": e.position,
                "typed_position": e.typed_position,
                "expected": e.expected,
                "typed": e.typed,
                "word": _word_index(starts, e.position),
            }
            for e in edits
        ]
    )

    ref_raw, typed_raw = ref.split(), typed.split()
    ref_words: list[ComparableWord] | None
    typed_words: list[ComparableWord] | None
    if ignored:
        compared = comparable_words(ref, ignored), comparable_words(typed, ignored)
        ref_keys, typed_keys = keys(compared[0]), keys(compared[1])
        ref_words, typed_words = compared
    else:
        # each word is compared as it stands (what comparable_words gives, without its spans)
        ref_words = typed_words = None
        ref_keys, typed_keys = ref_raw, typed_raw
    words = _WordTexts(len(ref), starts, (ref_raw, ref_words), (typed_raw, typed_words))
    word_errors = _WORD_ERRORS.validate_python(
        [words.error(edit) for edit in align_words(ref_keys, typed_keys)]
    )
    word_rate = _rate(len(word_errors), len(ref_keys))
    msd_rate = _rate(msd, longest)
    error_rate = word_rate if unit == "word" else msd_rate
    if unit == "char" and ignored:
        # the character error rate of the texts as they are compared
        ref_as_compared = " ".join(ref_keys)
        typed_as_compared = " ".join(typed_keys)
        compared_msd = Levenshtein.distance(ref_as_compared, typed_as_compared)
        error_rate = _rate(compared_msd, max(len(ref_as_compared), len(typed_as_compared)))
    within = within_margin(error_rate, margin_value)

    net = _net_wpm(correct, speed_seconds) if typed else None
    wanted = None if min_wpm is None else _exact(float(min_wpm))
    fast_enough = None if wanted is None else net is not None and net >= wanted

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
        reference_words=len(ref_keys),
        word_errors=len(word_errors),
        word_error_rate=float(word_rate),
        seconds=seconds,
        wpm=None if cpm is None else cpm / 5,
        chars_per_minute=cpm,
        keystrokes_per_minute=_per_minute(keystrokes, seconds),
        unit=unit,
        margin=float(margin_value),
        error_rate=float(error_rate),
        within_margin=within,
        ignored=ignored,
        min_wpm=None if wanted is None else float(wanted),
        net_wpm=None if net is None else float(net),
        fast_enough=fast_enough,
        # An empty transcription has a 0% error rate but nothing was done.
        passed=bool(typed) and within and fast_enough is not False,
        errors=errors,
        word_error_list=word_errors,
        reference_chars=len(full_reference),
        reference_chars_counted=counted,
        transcribed=typed,
        partial=partial,
    )


_Text = tuple[list[str], list[ComparableWord] | None]


class _WordTexts:
    """Turns word edits (indexes into the compared words) into errors in the words of the
    texts themselves. Each text is given as its words and its compared words with the spans
    of the words they stand for; None when every word is compared as it stands."""

    def __init__(self, ref_length: int, ref_starts: list[int], ref: _Text, typed: _Text) -> None:
        self.ref_length = ref_length
        self.ref_starts = ref_starts
        self.ref = ref
        self.typed = typed

    @staticmethod
    def _text(text: _Text, first: int, count: int) -> str:
        """The words of the text the compared words ``first``.. stand for."""
        raw, words = text
        if words is None:
            return " ".join(raw[first : first + count])
        if count == 0 or first >= len(words):
            return ""
        return " ".join(raw[words[first].start : words[first + count - 1].end])

    @staticmethod
    def _keys(text: _Text, first: int, count: int) -> str:
        """The compared words ``first``.. (a slice of them: words[first:] would copy the rest
        of the text)."""
        raw, words = text
        if words is None:
            return " ".join(raw[first : first + count])
        return " ".join(map(itemgetter(0), words[first : first + count]))

    def error(self, edit: WordEdit) -> dict[str, Any]:
        """The fields of the error (a WordError) an edit stands for, with its words and what
        alone was wrong."""
        ref_count, typed_count = WORDS_COVERED[edit.type]
        raw, words = self.ref
        at = edit.ref_index
        if at >= len(raw if words is None else words):
            offset = self.ref_length
        else:
            offset = self.ref_starts[at if words is None else words[at].start]
        return {
            "type": edit.type,
            "position": edit.ref_index,
            "typed_position": edit.typed_index,
            "offset": offset,
            "expected": self._text(self.ref, edit.ref_index, ref_count),
            "typed": self._text(self.typed, edit.typed_index, typed_count),
            "detail": None
            if edit.type in ("insertion", "omission", "transposition")  # no detail told
            else _detail(
                edit.type,
                self._keys(self.ref, edit.ref_index, ref_count),
                self._keys(self.typed, edit.typed_index, typed_count),
            ),
        }


def _without_marks(text: str) -> str:
    return " ".join(decorated(word).core for word in text.split())


def _detail(kind: str, expected: str, typed: str) -> WordDetail | None:
    """What alone was wrong in a split, join or substitution, if one thing was (of the words
    as compared: what is ignored is never the detail)."""
    if kind in ("split", "join"):
        hyphen = "-" in expected + typed
        same = expected.replace("-", " ").split() == typed.replace("-", " ").split()
        return "hyphen" if hyphen and same else None
    if kind != "substitution":
        return None
    if _without_marks(expected) == _without_marks(typed):
        return "punctuation"
    if expected.casefold() == typed.casefold():
        return "case"
    return None
