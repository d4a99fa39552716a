"""A time limit demands speed: passing needs the error rate within the margin AND, where the
exercise asks it, a net speed (correct characters / 5 per minute) of at least ``min_wpm``;
when the time ran out, over the whole limit (design.md, "Pass/fail")."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.journals import scored_dictation, write_journal
from trainer.core.exercise import CopyExercise
from trainer.core.journal import EndEvent, KeyEvent
from trainer.core.scoring import score
from trainer.core.typing_metrics import score_typing

CALLBACK_NOTE = (
    "Terugbelverzoek: mevrouw Claes vraagt om teruggebeld te worden over haar factuur van maart. "
    "Ze is bereikbaar op 0478 61 20 39 tussen 14 en 16 uur. Klantnummer 40218377. Ze wil weten "
    "waarom het voorschot verhoogd werd van 85 naar 112 euro per maand en of ze het kan verlagen."
)

TIMED = CopyExercise(
    format=1,
    id="nl-copy-terugbel",
    title="Terugbelverzoek",
    language="nl",
    kind="copy",
    level=2,
    time_limit=150,
    min_wpm=20,
    text=CALLBACK_NOTE,
)


def typed_session(tmp_path: Path, typed: str, seconds: float, reason: str) -> object:
    """A journal of ``typed`` typed evenly over ``seconds`` from t = 1, ended as ``reason``."""
    step = seconds / max(len(typed) - 1, 1)
    keys = [KeyEvent(t=1 + i * step, text=ch) for i, ch in enumerate(typed)]
    end_at = 1 + (TIMED.time_limit or 0) if reason == "time_up" else keys[-1].t + 0.1
    path = tmp_path / "s.jsonl"
    return score(TIMED, write_journal(path, TIMED, [*keys, EndEvent(t=end_at, reason=reason)]))


def test_one_word_in_the_whole_time_does_not_pass_a_timed_drill(tmp_path: Path) -> None:
    # the case: "Terugbelverzoek" (15 characters) typed, then the 2:30 ran out
    result = typed_session(tmp_path, "Terugbelverzoek", 40.0, "time_up")
    typing = result.typing  # type: ignore[attr-defined]
    assert typing.word_errors == 0
    assert typing.within_margin
    # 15 correct characters = 3 words, in 2.5 minutes: 1.2 net words per minute
    assert typing.net_wpm == pytest.approx(1.2)
    assert typing.min_wpm == 20
    assert typing.fast_enough is False
    assert not result.passed  # type: ignore[attr-defined]


def test_a_trainee_at_speed_who_did_not_finish_passes(tmp_path: Path) -> None:
    # 260 characters in the 150 s: 260 / 5 / 2.5 = 20.8 net words per minute
    result = typed_session(tmp_path, CALLBACK_NOTE[:260], 149.0, "time_up")
    typing = result.typing  # type: ignore[attr-defined]
    assert typing.word_errors == 0 and typing.fast_enough
    assert typing.net_wpm == pytest.approx(260 / 5 / 2.5)
    assert result.passed  # type: ignore[attr-defined]


def test_a_finished_drill_is_timed_from_the_first_to_the_last_keystroke(tmp_path: Path) -> None:
    # the whole note (314 characters) in 100 s: 314 / 5 / (100 / 60) = 37.7 net wpm
    result = typed_session(tmp_path, CALLBACK_NOTE, 100.0, "finished")
    typing = result.typing  # type: ignore[attr-defined]
    assert typing.net_wpm == pytest.approx(len(CALLBACK_NOTE) / 5 / (100 / 60))
    assert result.passed  # type: ignore[attr-defined]


def test_the_minimum_speed_is_inclusive_and_exact() -> None:
    text = "abcd " * 20  # 100 characters once the trailing space is dropped: 99
    typed = text.rstrip()
    # 99 correct characters in 59.4 s is exactly 20 net words per minute
    exact = score_typing(text, typed, seconds=59.4, min_wpm=20)
    assert exact.correct == 99
    assert exact.fast_enough and exact.passed
    slower = score_typing(text, typed, seconds=59.41, min_wpm=20)
    assert slower.fast_enough is False and not slower.passed
    assert slower.within_margin


def test_net_speed_counts_only_correct_characters() -> None:
    reference = "De klant belt morgen terug."  # 27 characters
    typed = "De klamt belt mogren terug."  # 3 wrong characters: 24 correct (a swap counts 2)
    result = score_typing(reference, typed, seconds=12.0, margin="0.5", min_wpm=24)
    assert result.correct == 24
    assert result.net_wpm == pytest.approx(24 / 5 / 0.2)  # 24 net wpm
    assert result.wpm > result.net_wpm  # the gross speed counts the wrong ones too
    assert result.passed


def test_without_a_minimum_speed_there_is_no_speed_verdict() -> None:
    result = score_typing("Klant belt terug.", "Klant belt terug.", seconds=600)
    assert result.min_wpm is None and result.fast_enough is None
    assert result.passed


def test_a_minimum_without_a_time_cannot_be_met() -> None:
    result = score_typing("Klant belt terug.", "Klant belt terug.", min_wpm=10)
    assert result.net_wpm is None
    assert result.fast_enough is False
    assert not result.passed


def test_a_dictation_ignores_punctuation_and_number_format_in_its_session(tmp_path: Path) -> None:
    transcript = "Mijn nummer is 0475 38 12 96, dank u."
    typed = "Mijn nummer is 0475/38.12.96 dank u"
    result = scored_dictation(tmp_path, transcript, typed)
    assert result.typing.word_errors == 0
    assert result.typing.ignored == ["punctuation", "number-format"]
    assert result.passed
    # marking everything: the number is four words typed as one (4 errors), and "u." lost its
    # full stop
    assert scored_dictation(tmp_path, transcript, typed, ignore=[]).typing.word_errors == 5
