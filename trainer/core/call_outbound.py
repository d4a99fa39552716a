"""Scoring what only an outbound call has, from its journal: the numbers dialled and what they
reached, the voicemail message left, the objections handled.

``trainer.core.call_scoring`` calls ``score_outbound`` for a call with ``direction:
outbound`` and adds its reasons to the competences: a wrong number to who the trainee spoke
to (D140801 Id17425), an objection left unanswered or a message not left to the script
(D140801 Id16700). What was said in the message is the coach's to judge (the rubric plays the
trainee's recording between its ``message_start`` and ``message_end`` lines).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from trainer.core.call_line import right_number
from trainer.core.journal import ActionEvent, Journal
from trainer.core.reasons import Reason, reason
from trainer.core.scenario import CallExercise, Say


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class Attempt(_Result):
    """One number dialled: when, as typed, what it reached, and whether it was the right one."""

    at: float
    typed: str
    reached: str
    right: bool


class ObjectionResult(_Result):
    """An objection the customer raised (its timeline event) and when it was handled: the
    step ``handle_objection`` ticked before the customer said anything else."""

    id: str
    raised_at: float
    handled_at: float | None


class OutboundResult(_Result):
    """The outbound part of a call's result."""

    number: str  # the number to dial
    attempts: list[Attempt]
    reached_at: float | None  # the customer answered, or the voicemail's beep
    message_start: float | None
    message_end: float | None
    message_seconds: float | None
    message_min: float
    objections: list[ObjectionResult]


def reached_at(journal: Journal) -> float | None:
    """When the call reached the customer or their voicemail (None: never)."""
    for e in journal.events:
        if isinstance(e, ActionEvent) and e.action in ("answered", "message_start"):
            return e.t
    return None


def _first(journal: Journal, action: str) -> float | None:
    return next(
        (e.t for e in journal.events if isinstance(e, ActionEvent) and e.action == action), None
    )


def score_outbound(
    call: CallExercise, journal: Journal, fired: dict[str, float]
) -> tuple[OutboundResult, list[Reason], list[Reason]]:
    """The outbound result, and the reasons against who was called (identity) and against the
    script. ``fired``: each timeline event's first firing."""
    actions = [e for e in journal.events if isinstance(e, ActionEvent)]
    attempts = [
        Attempt(at=e.t, typed=e.target, reached=e.value, right=right_number(call, e.target))
        for e in actions
        if e.action == "dialled"
    ]
    identity = [reason("wrong_number_dialled", typed=a.typed) for a in attempts if not a.right]

    handled = [e.t for e in actions if e.action == "step" and e.target == "handle_objection"]
    # an objection is handled before the customer goes on: by the next thing they say (not
    # counting what they repeat when asked), else by the end of the call
    said = sorted(
        fired[e.id]
        for e in call.timeline
        if isinstance(e, Say) and e.whenever is None and e.id in fired
    )
    objections = []
    for event in call.objections:
        if event.id not in fired:
            continue  # a branch not taken
        raised = fired[event.id]
        until = next((t for t in said if t > raised), None)
        objections.append(
            ObjectionResult(
                id=event.id,
                raised_at=raised,
                handled_at=next(
                    (t for t in handled if t >= raised and (until is None or t <= until)), None
                ),
            )
        )
    script = [
        reason("objection_not_handled", objection=o.id) for o in objections if o.handled_at is None
    ]

    start, end = _first(journal, "message_start"), _first(journal, "message_end")
    seconds = round(end - start, 3) if start is not None and end is not None else None
    minimum = call.dial.message_min if call.dial is not None else 0.0
    if start is not None:  # the beep was reached: a message is due
        if seconds is None:
            script.append(reason("message_not_left"))
        elif seconds < minimum:
            script.append(reason("message_too_short", seconds=seconds, norm=minimum))
    result = OutboundResult(
        number=call.number_to_dial,
        attempts=attempts,
        reached_at=reached_at(journal),
        message_start=start,
        message_end=end,
        message_seconds=seconds,
        message_min=minimum,
        objections=objections,
    )
    return result, identity, script
