"""An outbound call's line, without Qt or sound: what dialling a number reaches.

The call engine asks it when the trainee dials (``Line.reach``) and journals the answer in the
``dialled`` line; the scoring reads those lines back with ``right_number``. Deterministic, so a
replayed journal reaches the same things: the scenario's ``dial.outcomes`` are taken in order
by each call of the right number (the last repeats), a call sooner than ``retry_after`` after
a busy line is busy again without taking the next one, and a wrong number never takes one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from trainer.core.fields import FieldValueError, normalise
from trainer.core.scenario import CallExercise, Dialling

# what a dialled number reached, as the journal's 'dialled' line says it
DialResult = Literal["answer", "busy", "voicemail", "wrong_person", "not_in_use"]
DIAL_RESULTS: tuple[DialResult, ...] = get_args(DialResult)


def right_number(call: CallExercise, typed: str) -> bool:
    """Whether ``typed`` is the number the call is for, in any notation ("09/377.52.14" is
    "09 377 52 14"; "+32 9 377 52 14" too)."""
    try:
        return normalise("phone", typed) == normalise("phone", call.number_to_dial)
    except FieldValueError:
        return False


@dataclass
class Line:
    """The state of the customer's line over the attempts of one call."""

    call: CallExercise
    calls: int = 0  # calls of the right number that took an outcome
    busy_until: float | None = None  # a call before then finds the line busy again

    @property
    def dial(self) -> Dialling:
        assert self.call.dial is not None  # (an outbound call's checks require it)
        return self.call.dial

    def reach(self, typed: str, t: float) -> DialResult:
        """What dialling ``typed`` at ``t`` reaches."""
        if not right_number(self.call, typed):
            return "wrong_person" if self.dial.wrong_person else "not_in_use"
        if self.busy_until is not None and t < self.busy_until:
            return "busy"
        outcomes = self.dial.outcomes
        outcome = outcomes[min(self.calls, len(outcomes) - 1)]
        self.calls += 1
        if outcome == "busy":
            self.busy_until = t + self.dial.retry_after
        return outcome
