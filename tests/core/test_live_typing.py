"""The live state of a copy drill: cells as the trainee sees them, and figures that agree with
the final scoring while each key costs the same anywhere in a long text."""

from __future__ import annotations

import random

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.live_attempts import BACKSPACE, dutch_text, keystrokes
from trainer.core.live_typing import Cell, Change, LiveTyping
from trainer.core.typing_metrics import score_typing

# How far the live figures may lie from the final scoring's (documented in live_typing.py):
# an anchor set where the whole-text alignment would have gone round it costs an error or two.
TOLERANCE = 2


def typed(live: LiveTyping, stream: str) -> LiveTyping:
    for key in stream:
        if key == BACKSPACE:
            live.backspace()
        else:
            live.type(key)
    return live


def states(live: LiveTyping) -> str:
    """One letter per reference cell: . pending, = correct, x wrong, _ missing."""
    marks = {Cell.PENDING: ".", Cell.CORRECT: "=", Cell.WRONG: "x", Cell.MISSING: "_"}
    return "".join(marks[live.cell(i)] for i in range(len(live.reference)))


def test_a_skipped_letter_is_one_missing_cell_and_the_rest_stays_correct() -> None:
    reference = "De klant belt terug over de factuur."
    live = typed(LiveTyping(reference), "De klant blt terug over")
    skipped = reference.index("elt")
    reached = len("De klant belt terug over")
    assert states(live) == "=" * skipped + "_" + "=" * (reached - skipped - 1) + "." * 12
    assert live.errors == 1 and live.position == len("De klant belt terug over")
    assert live.word_errors == 1 and live.reference_words == 5


def test_an_extra_letter_is_one_extra_cell_and_the_rest_stays_correct() -> None:
    live = typed(LiveTyping("Gent en Brugge"), "Geent en Br")
    assert dict(live.extras) in ({1: "e"}, {2: "e"})  # either e can be the extra one
    assert states(live) == "=" * len("Gent en Br") + "...."
    assert live.errors == 1


def test_a_wrong_letter_shows_what_was_typed() -> None:
    live = typed(LiveTyping("Gent"), "Gant")
    assert states(live) == "=x=="
    assert live.typed_at(1) == "a" and live.reference[1] == "e"


def test_backspace_puts_a_wrong_letter_right_and_says_which_cell_changed() -> None:
    live = typed(LiveTyping("terug"), "terg")
    assert states(live) == "===_="  # as far as can be told: the u was skipped
    change = live.backspace()
    assert states(live) == "===.." and live.position == 3
    assert change.first == 3 and change.last == 4
    change = live.type("u")
    assert states(live) == "====." and change.first == change.last == 3
    assert live.errors == 0 and live.correct == 4


@pytest.mark.parametrize("seed", range(8))
def test_the_figures_agree_with_the_final_scoring_of_a_realistic_attempt(seed: int) -> None:
    rng = random.Random(seed)
    reference = dutch_text(rng, 3000)
    stream = keystrokes(reference, rng, error_rate=rng.choice((0.005, 0.03, 0.08)))
    stream = stream[: int(len(stream) * rng.uniform(0.4, 1.0))].rstrip(" " + BACKSPACE)
    live = typed(LiveTyping(reference), stream)
    result = score_typing(reference, stream, partial=True)
    assert live.typed_text == result.transcribed
    assert abs(live.position - result.reference_chars_counted) <= TOLERANCE
    assert abs(live.correct - result.correct) <= TOLERANCE
    assert abs(live.errors - result.msd) <= TOLERANCE
    assert abs(live.word_errors - result.word_errors) <= TOLERANCE
    assert live.reference_words == result.reference_words
    assert live.error_rate("char") == pytest.approx(result.msd_error_rate, abs=0.002)
    # the verdict shown live is the final one wherever the attempt is not on the edge
    if abs(result.word_error_rate - 0.03) > 0.005:
        assert (live.error_rate("word") <= 0.03) == (result.word_error_rate <= 0.03)


def test_what_an_exercise_ignores_is_ignored_live_too() -> None:
    reference = "Goeiemiddag, u spreekt met Lien. Mag ik uw klantnummer?"
    stream = "Goeiemiddag u spreekt met lien Mag ik uw klantnummer"
    for ignore, unit in ((["punctuation", "case"], "word"), (["punctuation"], "char")):
        live = typed(LiveTyping(reference, ignore), stream)
        result = score_typing(reference, stream, partial=True, ignore=ignore, unit=unit)
        assert live.error_rate(unit) == pytest.approx(result.error_rate, abs=0.005)
    assert typed(LiveTyping(reference, ["punctuation", "case"]), stream).word_errors == 0
    # marked: the comma and the capital are errors (the question mark is not reached yet)
    assert typed(LiveTyping(reference), stream).word_errors == 2


def test_a_long_correction_over_settled_text_is_realigned() -> None:
    rng = random.Random(5)
    reference = dutch_text(rng, 1500)
    live = typed(LiveTyping(reference), reference[:900])
    for _ in range(400):  # back over several settled stretches
        live.backspace()
    rest = reference[500:1200]
    stream = rest[:50] + rest[51:]  # this time a letter is skipped
    typed(live, stream)
    result = score_typing(reference, reference[:500] + stream, partial=True)
    assert live.errors == result.msd == 1
    assert live.correct == result.correct
    assert states(live).count("_") == 1 and "x" not in states(live)


def test_each_key_realigns_a_short_window_anywhere_in_a_12000_character_text() -> None:
    """A key at character 11,000 costs what one at 100 costs: the work is bounded."""
    rng = random.Random(12)
    reference = dutch_text(rng, 12000)
    live = LiveTyping(reference)
    longest = 0
    for key in keystrokes(reference, rng)[:-1]:
        if key == BACKSPACE:
            live.backspace()
        else:
            change = live.type(key)
            # what a key changes on screen lies near the cursor
            assert change.first >= live.position - 130
        longest = max(longest, live.window_size)
    assert live.position > 11900
    assert longest <= 70  # typed characters re-aligned by one key


def test_typing_nonsense_still_costs_a_bounded_amount_per_key() -> None:
    reference = dutch_text(random.Random(3), 3000)
    live = LiveTyping(reference)
    longest = 0
    for _ in range(1200):
        live.type("q")
        longest = max(longest, live.window_size)
    assert longest <= 260
    assert live.errors == score_typing(reference, "q" * 1200, partial=True).msd


_KEYS = st.lists(st.sampled_from(["a", "b", "é", " ", "\n", ",", BACKSPACE]), max_size=120)


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(alphabet="abé ,\n", max_size=80), _KEYS)
def test_any_keys_on_any_short_text_count_as_the_scorer_does(
    reference: str, keys: list[str]
) -> None:
    """Shorter than one window, nothing is settled: the counts are the scorer's exactly, and
    what the cells show adds up to them."""
    live = typed(LiveTyping(reference), "".join(keys))
    text = live.typed_text
    assume(text == text.rstrip())  # the scorer drops whitespace typed at the very end
    result = score_typing(reference, "".join(keys), partial=True)
    assert live.position == result.reference_chars_counted <= len(live.reference)
    assert (live.errors, live.correct) == (result.msd, result.correct)
    assert (live.word_errors, live.reference_words) == (result.word_errors, result.reference_words)
    shown = states(live)[: live.position]
    extras = sum(len(e) for e in live.extras.values())
    assert shown.count("x") + shown.count("_") + extras == live.errors
    assert set(states(live)[live.position :]) <= {"."}


@pytest.mark.parametrize("seed", range(6))
def test_a_replay_without_figures_shows_the_same_cells_key_by_key(seed: int) -> None:
    """``counting=False`` (the report's and adaptive practice's replays) keeps no figures
    but shows, after every key, the same cells, letters typed, extras and cursor, and says
    the same changes, as the drill's own LiveTyping."""
    rng = random.Random(seed)
    reference = dutch_text(rng, 2500)
    stream = keystrokes(reference, rng, error_rate=rng.choice((0.01, 0.03, 0.08)))
    drill, replay = LiveTyping(reference), LiveTyping(reference, counting=False)
    for key in stream:
        if key == BACKSPACE:
            changes = drill.backspace(), replay.backspace()
        else:
            changes = drill.type(key), replay.type(key)
        assert changes[0] == changes[1]
        assert replay.position == drill.position
    assert bytes(replay.codes) == bytes(drill.codes)
    assert replay.extras == drill.extras
    assert [replay.typed_at(i) for i in range(len(reference))] == [
        drill.typed_at(i) for i in range(len(reference))
    ]
    with pytest.raises(RuntimeError):
        _ = replay.errors


class _CellByCell(LiveTyping):
    """The cells written one by one, each compared with what it showed: the plain form of
    what ``LiveTyping._show`` does with bytes and the few letters, kept here to check it."""

    def _show(self, base, cells, typed_at, extras):  # type: ignore[no-untyped-def]
        old_end, new_end = self._end, base + len(cells)
        first, last, layout = len(self._cells), -1, False
        for index in range(base, min(max(old_end, new_end) + 1, len(self._cells))):
            state = cells[index - base] if index < new_end else Cell.PENDING
            shown, extra = typed_at.get(index, ""), extras.get(index, "")
            if (
                self._cells[index] != state
                or self._typed_at.get(index, "") != shown
                or self._extras.get(index, "") != extra
            ):
                first, last = min(first, index), index
                self._cells[index] = state
                layout = layout or self._extras.get(index, "") != extra
                for kept, value in ((self._typed_at, shown), (self._extras, extra)):
                    if value:
                        kept[index] = value
                    else:
                        kept.pop(index, None)
        self._end = new_end
        return Change(first, last, layout)


@pytest.mark.parametrize("seed", range(10))
def test_each_key_changes_the_cells_it_says_and_no_others(seed: int) -> None:
    """After every key of a realistic attempt (wrong, extra, skipped letters, Backspace), the
    change said and every cell shown are those of writing the cells one by one."""
    rng = random.Random(seed)
    reference = dutch_text(rng, 2000)
    stream = keystrokes(reference, rng, error_rate=rng.choice((0.01, 0.05, 0.15)))
    fast, plain = LiveTyping(reference), _CellByCell(reference)
    for key in stream:
        if key == BACKSPACE:
            assert fast.backspace() == plain.backspace()
        else:
            assert fast.type(key) == plain.type(key)
        assert fast.position == plain.position
    assert bytes(fast.codes) == bytes(plain.codes) and fast.extras == plain.extras
    wrong = [i for i in range(len(reference)) if fast.cell(i) == Cell.WRONG]
    assert {i: fast.typed_at(i) for i in wrong} == {i: plain.typed_at(i) for i in wrong}
    assert all(fast.typed_at(i) == "" for i in range(len(reference)) if i not in wrong)
