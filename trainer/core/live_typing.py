"""The live state of a copy drill: what each cell shows and the figures so far, per keystroke.

The full scorer (:func:`trainer.core.typing_metrics.score_typing`) aligns the whole attempt,
which costs more the longer the text gets. While the trainee types, the typed text only grows
at its end or shrinks by Backspace, so the alignment of everything well behind the cursor no
longer changes. ``LiveTyping`` keeps that settled part as a stack of *anchors* (a reference and
a typed position the alignment passes through, with the errors counted before them) and
re-aligns only the *window* after the last anchor on each key. A new anchor is set behind the
cursor where both texts agree on a few characters around a space; Backspace back past an anchor
drops it. So a keystroke costs the same at character 11,000 as at 100.

Where the settled alignment could differ from the full one (an anchor put where the global
optimum would have gone round it), the live figures are off by at most an error or two; the
final result is always the scorer's. Headless: no Qt, any thread, but one thread at a time.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, insort
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum
from fractions import Fraction
from typing import NamedTuple

from rapidfuzz.distance import Levenshtein

from trainer.core.prefix_search import best_prefix_length
from trainer.core.typing_metrics import IGNORABLE
from trainer.core.word_alignment import align_words
from trainer.core.word_forms import comparable_words

__all__ = ["Cell", "Change", "LiveTyping"]

# A window longer than this (typed characters) looks for an anchor behind the cursor ...
SETTLE_AFTER = 64
# ... keeping at least this many typed characters in the window, so a late correction of the
# alignment (a letter that turns out to be skipped, not wrong) is still seen.
KEEP = 32
# Both texts agree on this many characters before the space an anchor follows.
MIN_RUN = 4
# With no agreement at all (the trainee types garbage), an anchor is forced past this length,
# so even then a key costs a bounded amount.
FORCE_AFTER = 256


class Cell(IntEnum):
    """What a reference cell shows."""

    PENDING = 0  # not reached yet
    CORRECT = 1  # typed as it stands
    WRONG = 2  # another character was typed in its place (``typed_at`` tells which)
    MISSING = 3  # skipped: the typed text goes on after it


class Change(NamedTuple):
    """Reference cells ``first`` to ``last`` (inclusive) show something else now; ``layout``:
    extra typed characters came or went among them (the line may need re-wrapping).
    ``first > last`` when nothing changed."""

    first: int
    last: int
    layout: bool


@dataclass(frozen=True, slots=True)
class _Anchor:
    """A point the alignment passes through, and the counts of everything before it."""

    ref: int
    typed: int
    msd: int = 0
    word_errors: int = 0
    ref_words: int = 0
    # the texts as compared when the error unit is characters and something is ignored
    compared_msd: int = 0
    compared_ref: int = 0
    compared_typed: int = 0


class _Counts(NamedTuple):
    msd: int
    word_errors: int
    ref_words: int
    compared_msd: int
    compared_ref: int
    compared_typed: int


class LiveTyping:
    """An attempt at ``reference`` as it is being typed: cells, errors and net speed so far.

    ``type`` and ``backspace`` return the :class:`Change` to show. ``ignore`` is the
    exercise's (punctuation, case, number-format), for the word and character error rates.
    Not ``counting``: only the cells are kept, not the figures (errors, rates, speed: asking
    for one is a RuntimeError), for a replay that asks what each cell showed as it was typed
    (the errors put right, ``report_facts.corrected_errors``): counting the words of each
    window is about half of a key's work.
    """

    def __init__(
        self, reference: str, ignore: Iterable[str] = (), *, counting: bool = True
    ) -> None:
        self.reference = unicodedata.normalize("NFC", reference).rstrip()
        self._ignore = frozenset(ignore)
        self._counting = counting
        unknown = self._ignore - set(IGNORABLE)
        if unknown:
            raise ValueError(f"cannot ignore {', '.join(sorted(unknown))}")
        self._typed: list[str] = []
        self._anchors: list[_Anchor] = [_Anchor(0, 0)]
        n = len(self.reference)
        self._cells = bytearray(n + 1)  # one more: the place after the last character
        self._typed_at: dict[int, str] = {}  # what was typed in a WRONG cell
        self._extras: dict[int, str] = {}  # extra typed characters before reference index
        self._extra_at: list[int] = []  # the keys of _extras, in order
        self._end = 0  # the cursor: the reference index after the last aligned cell
        self._window = _Counts(0, 0, 0, 0, 0, 0)
        self.window_size = 0  # typed characters re-aligned by the last key (for tests)
        # the window's alignment: (tag, reference from, to, typed from, to), window-relative
        self._blocks: list[tuple[str, int, int, int, int]] = []
        self._span = ""  # the reference part the window's typed text is aligned with
        self._typed_window = ""

    # what is shown -----------------------------------------------------------------------
    @property
    def typed_text(self) -> str:
        """Everything typed so far (Backspace applied)."""
        return "".join(self._typed)

    @property
    def typed_length(self) -> int:
        """How many characters the typed text has."""
        return len(self._typed)

    @property
    def position(self) -> int:
        """The reference index the cursor stands at: after the last reference character the
        typed text is aligned with."""
        return self._end

    def cell(self, index: int) -> Cell:
        """What reference character ``index`` shows."""
        return Cell(self._cells[index])

    @property
    def codes(self) -> memoryview:
        """Every cell's ``Cell`` value, as read-only bytes (for drawing many at a time)."""
        return memoryview(self._cells).toreadonly()

    def typed_at(self, index: int) -> str:
        """The character typed in place of reference character ``index`` (a WRONG cell)."""
        return self._typed_at.get(index, "")

    @property
    def extras(self) -> Mapping[int, str]:
        """Extra typed characters, by the reference index they stand before."""
        return self._extras

    # figures -----------------------------------------------------------------------------
    def _counts(self) -> _Counts:
        if not self._counting:
            raise RuntimeError("this LiveTyping keeps no figures (counting=False)")
        a, w = self._anchors[-1], self._window
        return _Counts(
            a.msd + w.msd,
            a.word_errors + w.word_errors,
            a.ref_words + w.ref_words,
            a.compared_msd + w.compared_msd,
            a.compared_ref + w.compared_ref,
            a.compared_typed + w.compared_typed,
        )

    @property
    def errors(self) -> int:
        """Character errors left in the text (the minimum string distance so far)."""
        return self._counts().msd

    @property
    def correct(self) -> int:
        """Correct characters so far, as the scorer counts them: max(|P|, |T|) - MSD."""
        return max(self._end, len(self._typed)) - self.errors

    @property
    def word_errors(self) -> int:
        """Word errors so far (as an examiner counts them, one per wrong word)."""
        return self._counts().word_errors

    @property
    def reference_words(self) -> int:
        """Reference words reached so far."""
        return self._counts().ref_words

    def error_rate(self, unit: str = "word") -> float:
        """The error rate so far in ``unit`` ("word" or "char"), as the scorer defines it."""
        return float(self.error_fraction(unit))

    def error_fraction(self, unit: str = "word") -> Fraction:
        """The error rate so far, exact: what ``typing_metrics.within_margin`` compares."""
        c = self._counts()
        if unit == "word":
            return Fraction(c.word_errors, c.ref_words) if c.ref_words else Fraction(0)
        if self._ignore:
            # each window and segment counted the space joining it to the one before
            longest = max(c.compared_ref, c.compared_typed) - 1
            return Fraction(c.compared_msd, longest) if longest > 0 else Fraction(0)
        longest = max(self._end, len(self._typed))
        return Fraction(c.msd, longest) if longest else Fraction(0)

    def net_wpm(self, seconds: float) -> float | None:
        """Correct characters / 5 per minute of ``seconds``; None before anything counts."""
        if seconds <= 0 or not self._typed:
            return None
        return self.correct * 12 / seconds

    # keystrokes --------------------------------------------------------------------------
    def type(self, text: str) -> Change:
        """Characters a keystroke produced, at the end."""
        self._typed.extend(text)
        return self._realign()

    def backspace(self) -> Change:
        """Take back the last character (nothing when nothing is typed)."""
        if not self._typed:
            return Change(0, -1, False)
        self._typed.pop()
        while len(self._anchors) > 1 and self._anchors[-1].typed > len(self._typed):
            self._anchors.pop()
        return self._realign()

    # the window --------------------------------------------------------------------------
    def _realign(self) -> Change:
        """Align the typed text after the last anchor with the reference; settle its start
        once it is long enough. Cost: O(window)."""
        change = self._align_window()
        if self.window_size > SETTLE_AFTER and self._settle():
            again = self._align_window()
            if again.first <= again.last:
                change = Change(
                    min(change.first, again.first),
                    max(change.last, again.last),
                    change.layout or again.layout,
                )
        return change

    def _align_window(self) -> Change:
        a = self._anchors[-1]
        typed = "".join(self._typed[a.typed :])
        self.window_size = m = len(typed)
        span = self.reference[a.ref : a.ref + 2 * m + 1]  # k <= m + distance <= 2m
        k = best_prefix_length(span, typed) if m else 0
        self._blocks = [
            (o.tag, o.src_start, o.src_end, o.dest_start, o.dest_end)
            for o in (Levenshtein.opcodes(span[:k], typed) if m else ())
        ]
        self._span, self._typed_window = span[:k], typed

        cells = bytearray([Cell.CORRECT]) * k
        typed_at: dict[int, str] = {}
        extras: dict[int, str] = {}
        msd = 0
        base = a.ref
        for tag, i1, i2, j1, j2 in self._blocks:
            if tag == "equal":
                continue
            msd += max(i2 - i1, j2 - j1)
            pairs = min(i2 - i1, j2 - j1)
            for offset in range(pairs):
                cells[i1 + offset] = Cell.WRONG
                typed_at[base + i1 + offset] = typed[j1 + offset]
            for i in range(i1 + pairs, i2):
                cells[i] = Cell.MISSING
            if j2 - j1 > pairs:
                key = base + i1 + pairs
                extras[key] = extras.get(key, "") + typed[j1 + pairs : j2]
        self._window = self._window_counts(self._span, typed, msd)
        return self._show(base, cells, typed_at, extras)

    def _window_counts(self, ref: str, typed: str, msd: int) -> _Counts:
        if not self._counting:
            return _Counts(msd, 0, 0, 0, 0, 0)
        ref_words = comparable_words(ref, self._ignore)
        typed_words = comparable_words(typed, self._ignore)
        word_errors = len(align_words([w.key for w in ref_words], [w.key for w in typed_words]))
        if not self._ignore:
            return _Counts(msd, word_errors, len(ref_words), 0, 0, 0)
        ref_c = " ".join(w.key for w in ref_words)
        typed_c = " ".join(w.key for w in typed_words)
        return _Counts(
            msd,
            word_errors,
            len(ref_words),
            Levenshtein.distance(ref_c, typed_c),
            len(ref_c) + (1 if ref_c else 0),  # the space that joins it to what went before
            len(typed_c) + (1 if typed_c else 0),
        )

    def _show(
        self, base: int, cells: bytearray, typed_at: dict[int, str], extras: dict[int, str]
    ) -> Change:
        """Write the window's cells over what was shown (from ``base`` to one past the
        further of the old and the new cursor), and say which cells changed. A cell shows
        its state, the letter typed in it when it is WRONG (``typed_at``), and the extra
        letters typed before it (``extras``); the states are compared as bytes and the
        letters only where there are any, so a key costs little more than the window's
        alignment itself."""
        old_end, new_end = self._end, base + len(cells)
        size = len(self._cells)
        stop = min(max(old_end, new_end) + 1, size)  # (new_end < stop: the cursor's cell)
        self._end = new_end
        first, last, layout = size, -1, False
        if stop <= base:
            return Change(first, last, layout)
        old = self._cells[base:stop]
        new = cells + bytes(stop - new_end)  # PENDING (0) after the new cursor
        if old != new:  # the first and last bytes that differ, from their xor
            differ = int.from_bytes(old, "big") ^ int.from_bytes(new, "big")
            first = stop - 1 - (differ.bit_length() - 1) // 8
            last = stop - 1 - ((differ & -differ).bit_length() - 1) // 8
            self._cells[base:stop] = new
        # a letter is kept exactly for the cells shown WRONG (few: found in C)
        wrong: set[int] = set()
        at = old.find(Cell.WRONG)
        while at != -1:
            wrong.add(base + at)
            at = old.find(Cell.WRONG, at + 1)
        for index in wrong.union(typed_at):
            shown = typed_at.get(index, "")
            if self._typed_at.get(index, "") != shown:
                first, last = min(first, index), max(last, index)
                if shown:
                    self._typed_at[index] = shown
                else:
                    del self._typed_at[index]
        kept = self._extra_at[bisect_left(self._extra_at, base) : bisect_left(self._extra_at, stop)]
        for index in set(kept).union(extras):
            extra = extras.get(index, "")
            if self._extras.get(index, "") != extra:
                first, last, layout = min(first, index), max(last, index), True
                if index not in self._extras:
                    insort(self._extra_at, index)
                elif not extra:
                    self._extra_at.remove(index)
                if extra:
                    self._extras[index] = extra
                else:
                    del self._extras[index]
        return Change(first, last, layout)

    def _settle(self) -> bool:
        """Put an anchor behind the cursor, where the window's alignment is sure; True when
        one was put."""
        point = self._agreeing_point() or (
            self._any_point() if self.window_size > FORCE_AFTER else None
        )
        if point is None:
            return False
        i, j, msd = point
        a = self._anchors[-1]
        seg = self._window_counts(self._span[:i], self._typed_window[:j], msd)
        self._anchors.append(
            _Anchor(
                a.ref + i,
                a.typed + j,
                a.msd + seg.msd,
                a.word_errors + seg.word_errors,
                a.ref_words + seg.ref_words,
                a.compared_msd + seg.compared_msd,
                a.compared_ref + seg.compared_ref,
                a.compared_typed + seg.compared_typed,
            )
        )
        return True

    def _agreeing_point(self) -> tuple[int, int, int] | None:
        """The start of the last word, at least KEEP typed characters behind the cursor,
        before which both texts agree on MIN_RUN characters and a space: (window reference
        index, window typed index, errors before it)."""
        span, limit = self._span, self.window_size - KEEP
        best: tuple[int, int, int] | None = None
        msd = 0
        for tag, i1, i2, j1, j2 in self._blocks:
            if j1 >= limit:
                break
            if tag != "equal":
                msd += max(i2 - i1, j2 - j1)
                continue
            # a space p in the run with MIN_RUN agreeing before it and a letter after it
            # (not a digit: a digit group may be one word when number formats are ignored)
            p = span.rfind(" ", i1 + MIN_RUN, min(i2 - 1, i1 + limit - j1))
            while p != -1 and not (span[p + 1].isalpha() and not span[p - 1].isdigit()):
                p = span.rfind(" ", i1 + MIN_RUN, p)
            if p != -1:
                best = (p + 1, j1 + p + 1 - i1, msd)
        return best

    def _any_point(self) -> tuple[int, int, int] | None:
        """Any point of the window's alignment KEEP typed characters behind the cursor that
        no extra character precedes (so the extras before it all lie behind it)."""
        limit = self.window_size - KEEP
        best: tuple[int, int, int] | None = None
        msd = 0
        for tag, i1, i2, j1, j2 in self._blocks:
            if j1 >= limit:
                break
            if tag == "delete":
                best = (i2, j1, msd + i2 - i1)
            elif tag != "insert":  # equal or replace: one step on both sides at a time
                steps = min(i2 - i1, limit - j1)
                best = (i1 + steps, j1 + steps, msd + (0 if tag == "equal" else steps))
            msd += 0 if tag == "equal" else max(i2 - i1, j2 - j1)
        return best if best and best[0] > 0 else None
