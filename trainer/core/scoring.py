"""``score(exercise, journal)``: the result of a session, as a pure function of its journal.

The same journal always gives the same result. A coach can re-score with another margin; a
crashed session is scored from what its journal holds; ``simultaan replay`` calls this too.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from trainer.core.exercise import CopyExercise, DictationExercise, ExerciseBase
from trainer.core.journal import Journal, KeyEvent
from trainer.core.session_facts import COMPLETED, SessionFacts, ended_reason, facts_of
from trainer.core.typing_metrics import BACKSPACE, DELETE, TypingResult, score_typing

if TYPE_CHECKING:
    # each kind's scorer is imported when a session of that kind is scored: a drill's process
    # does not keep the call's, the chat's and the queue's scoring modules (about 5 MB)
    from trainer.core.call_scoring import CallResult
    from trainer.core.chat_scoring import ChatResult
    from trainer.core.queue_scoring import QueueResult

_EDIT_KEYS = {"Backspace": BACKSPACE, "Delete": DELETE}


class SessionResult(SessionFacts):
    """What a session achieved: the typing result plus where it came from."""

    typing: TypingResult


def input_stream(keys: list[KeyEvent]) -> str:
    """The keystrokes as the metrics engine reads them: text, with U+0008 for Backspace."""
    return "".join(_EDIT_KEYS[k.key] if k.key else (k.text or "") for k in keys)


def typing_seconds(keys: list[KeyEvent]) -> float | None:
    """Seconds from the first to the last keystroke (None with fewer than two)."""
    if len(keys) < 2:
        return None
    return keys[-1].t - keys[0].t


def reference_of(exercise: ExerciseBase, transcripts: Mapping[str, str] | None = None) -> str:
    """The text a trainee must type: a copy exercise's text, or a dictation's transcripts,
    one clip per line (``transcripts``: clip id -> transcript, from the clip library)."""
    if isinstance(exercise, CopyExercise):
        return exercise.text
    if isinstance(exercise, DictationExercise):
        if transcripts is None:
            raise TypeError("scoring a dictation needs the clips' transcripts")
        missing = [c for c in exercise.clips if c not in transcripts]
        if missing:
            raise LookupError(f"clips not in the library: {', '.join(missing)}")
        return "\n".join(transcripts[c].strip() for c in exercise.clips)
    raise TypeError(f"cannot score a '{exercise.kind}' exercise yet")


def score(
    exercise: ExerciseBase,
    journal: Journal,
    *,
    margin: Decimal | str | None = None,
    transcripts: Mapping[str, str] | None = None,
) -> SessionResult | CallResult | ChatResult | QueueResult:
    """Score a session from its journal; ``margin`` overrides the exercise's own (re-scoring);
    ``transcripts`` (clip id -> text) are needed for a dictation. A call is scored by
    ``score_call`` (fields, verification, script, times, screen events, competences).

    A session that did not end by reaching the end of the text (time up, abandoned, recovered
    after a crash) is scored on the part of the text the trainee reached. Only a session that
    ran to its end (finished, or time up) can pass: a stopped one was not completed. Where the
    exercise asks a ``min_wpm``, the net speed must reach it; when the time ran out it is
    measured over the whole time limit.
    """
    if exercise.kind == "call":
        from trainer.core.call_scoring import score_call
        from trainer.core.scenario import CallExercise

        assert isinstance(exercise, CallExercise)
        return score_call(exercise, journal, margin=margin)
    if exercise.kind == "chat":
        from trainer.core.chat_scenario import ChatExercise
        from trainer.core.chat_scoring import score_chat

        assert isinstance(exercise, ChatExercise)
        return score_chat(exercise, journal, margin=margin)
    if exercise.kind == "queue":
        from trainer.core.queue_scenario import QueueExercise
        from trainer.core.queue_scoring import score_queue

        assert isinstance(exercise, QueueExercise)
        return score_queue(exercise, journal, margin=margin)
    reference = reference_of(exercise, transcripts)
    assert isinstance(exercise, CopyExercise | DictationExercise)
    keys = journal.keys
    reason = ended_reason(journal)
    time_limit = exercise.time_limit if isinstance(exercise, CopyExercise) else None
    typing = score_typing(
        reference,
        input_stream(keys),
        seconds=typing_seconds(keys),
        unit=exercise.error_unit,
        margin=exercise.margin if margin is None else margin,
        partial=reason != "finished",
        ignore=exercise.ignore,
        min_wpm=exercise.min_wpm,
        # when the time ran out, speed is what was done in the whole time given
        speed_seconds=float(time_limit) if time_limit and reason == "time_up" else None,
    )
    return SessionResult(
        **facts_of(exercise, journal),
        completed=reason in COMPLETED,
        passed=typing.passed and reason in COMPLETED,
        typing=typing,
    )
