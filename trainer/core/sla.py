"""Service levels of the simulated helpdesk: priority from impact x urgency, and SLA timers.

An exercise's SLA (``SlaConfig``, under ``helpdesk: sla:``) maps a ticket's impact and urgency
(``high``, ``medium``, ``low``) to a priority P1..P5 through its matrix, and gives each priority
a response target and a resolution target in SECONDS OF THE SESSION CLOCK: a training shift
compresses a working day, so a P1 may have to be resolved in ten minutes rather than four hours.

Two timers run from the moment a ticket is created (``timers``):

- The **response** timer stops the first time the ticket leaves ``new``: someone has taken it
  up (opened it, assigned it to a team, put it pending or on hold, or resolved it at once). A
  ticket created during a call straight into ``open`` has its response met at creation, as the
  call was the response. It never pauses.
- The **resolution** timer stops when the ticket is resolved (or closed) and runs again if it
  is reopened; it PAUSES while the ticket is ``pending`` (waiting on the customer) or
  ``on_hold`` (waiting on a third party), as real service desks do.

All arithmetic is in whole milliseconds (``to_ms``), so no float rounding decides a breach. A
timer is met when it stopped with ``used <= target``: handling a ticket exactly at its target is
in time (inclusive), one millisecond later is a breach. A running timer is ``breached`` once
``used > target``, and a ``warning`` (a coming breach) from ``used >= warn_at * target`` on
(``warn_at`` 0.75 unless the exercise says otherwise). A paused timer shows ``paused`` (its
clock stands still, nothing is coming) unless it already breached. The target is that of the
priority the ticket has at the time asked (a changed impact changes the target).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from functools import cache
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

Level = Literal["high", "medium", "low"]
Priority = Literal["P1", "P2", "P3", "P4", "P5"]
TicketStatus = Literal["new", "open", "pending", "on_hold", "resolved", "closed"]
TimerStatus = Literal["running", "paused", "met", "warning", "breached"]

LEVELS: tuple[Level, ...] = get_args(Level)
PRIORITIES: tuple[Priority, ...] = get_args(Priority)
TICKET_STATUSES: tuple[TicketStatus, ...] = get_args(TicketStatus)

# the resolution clock stands still while the desk waits on the customer or a third party
PAUSED_STATUSES: frozenset[TicketStatus] = frozenset({"pending", "on_hold"})
# the resolution clock has stopped: the work is done (a reopen starts it again)
DONE_STATUSES: frozenset[TicketStatus] = frozenset({"resolved", "closed"})

# no training session lasts a day: a target beyond it is a typing mistake
MAX_TARGET_SECONDS = 24 * 3600


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True)


class Target(_Strict):
    """A priority's targets, in whole seconds of the session clock."""

    response: Annotated[int, Field(gt=0, le=MAX_TARGET_SECONDS)]
    resolution: Annotated[int, Field(gt=0, le=MAX_TARGET_SECONDS)]

    @model_validator(mode="after")
    def _response_first(self) -> Target:
        if self.response > self.resolution:
            raise PydanticCustomError("response_after_resolution", "response_after_resolution")
        return self


# The usual ITIL matrix: impact (rows) x urgency (columns)
DEFAULT_MATRIX: dict[Level, dict[Level, Priority]] = {
    "high": {"high": "P1", "medium": "P2", "low": "P3"},
    "medium": {"high": "P2", "medium": "P3", "low": "P4"},
    "low": {"high": "P3", "medium": "P4", "low": "P5"},
}
# A shift of 30-60 minutes stands for a working day: minutes where a desk has hours
DEFAULT_TARGETS: dict[Priority, tuple[int, int]] = {
    "P1": (60, 600),
    "P2": (120, 1200),
    "P3": (300, 2400),
    "P4": (600, 3600),
    "P5": (900, 5400),
}


@cache
def default_targets() -> dict[Priority, Target]:
    """The usual targets as models, made when an exercise first needs them (a Target made at
    import would build its validator while the home screen's list is read)."""
    return {
        priority: Target(response=response, resolution=resolution)
        for priority, (response, resolution) in DEFAULT_TARGETS.items()
    }


class SlaConfig(_Strict):
    """An exercise's service levels: ``matrix[impact][urgency]`` is the priority, ``targets``
    the response and resolution target per priority, ``warn_at`` the fraction of a target from
    which a running timer warns of a coming breach."""

    matrix: dict[Level, dict[Level, Priority]] = Field(default_factory=lambda: DEFAULT_MATRIX)
    targets: dict[Priority, Target] = Field(default_factory=default_targets)
    warn_at: Annotated[Decimal, Field(gt=0, lt=1)] = Decimal("0.75")

    @model_validator(mode="after")
    def _complete(self) -> SlaConfig:
        for impact in LEVELS:
            row = self.matrix.get(impact, {})
            if any(urgency not in row for urgency in LEVELS):
                raise PydanticCustomError("sla_matrix_incomplete", "sla_matrix_incomplete")
            if any(p not in self.targets for p in row.values()):
                raise PydanticCustomError("sla_target_missing", "sla_target_missing")
        return self

    def priority(self, impact: Level, urgency: Level) -> Priority:
        """The matrix's priority for this impact and urgency."""
        return self.matrix[impact][urgency]

    def target(self, priority: Priority) -> Target:
        """The targets of a priority (every priority the matrix gives has them)."""
        return self.targets[priority]


def to_ms(t: float | int | Decimal) -> int:
    """Session seconds as whole milliseconds, rounded half to even. A float goes through its
    shortest decimal form, so 0.3 is 300 ms, not 299.99999999999997."""
    exact = Decimal(repr(t)) if isinstance(t, float) else Decimal(t)
    return int((exact * 1000).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


@dataclass(frozen=True)
class Timer:
    """One SLA timer at a moment: ``target_ms`` and ``used_ms`` so far (paused spells not
    counted), ``remaining_ms`` (negative once overdue), ``status``, ``due_ms``: the session
    time at which it breaches (or breached) if it keeps running (None when paused or stopped),
    and ``stopped``: the timer will not move any more (unless the ticket is reopened)."""

    target_ms: int
    used_ms: int
    status: TimerStatus
    due_ms: int | None
    stopped: bool = False

    @property
    def remaining_ms(self) -> int:
        return self.target_ms - self.used_ms


@dataclass(frozen=True)
class Timers:
    """Both timers of a ticket at a moment, with the priority they were measured against."""

    priority: Priority
    response: Timer
    resolution: Timer


StatusHistory = Sequence[tuple[int, TicketStatus]]


def _judge(
    target: int, used: int, at: int, *, stopped: bool, paused: bool, warn: Fraction
) -> Timer:
    if stopped:
        return Timer(target, used, "met" if used <= target else "breached", None, stopped=True)
    due = None if paused else at + (target - used)
    if used > target:
        return Timer(target, used, "breached", due)
    if paused:
        return Timer(target, used, "paused", None)
    # integer comparison: used / target >= warn_at, without a float
    if used * warn.denominator >= target * warn.numerator:
        return Timer(target, used, "warning", due)
    return Timer(target, used, "running", due)


def _until(history: StatusHistory, at: int) -> list[tuple[int, TicketStatus]]:
    return [(ms, status) for ms, status in history if ms <= at]


def response_timer(history: StatusHistory, target_ms: int, at_ms: int, warn: Fraction) -> Timer:
    """The response timer of a ticket whose status changed as ``history`` says (time in ms,
    new status; the first entry is its creation, in time order), at ``at_ms``."""
    seen = _until(history, at_ms)
    if not seen:
        return Timer(target_ms, 0, "running", at_ms + target_ms)
    created = seen[0][0]
    taken = next((ms for ms, status in seen if status != "new"), None)
    if taken is not None:
        return _judge(target_ms, taken - created, at_ms, stopped=True, paused=False, warn=warn)
    return _judge(target_ms, at_ms - created, at_ms, stopped=False, paused=False, warn=warn)


def resolution_timer(history: StatusHistory, target_ms: int, at_ms: int, warn: Fraction) -> Timer:
    """The resolution timer at ``at_ms``: time spent in new or open counts, time pending, on
    hold, resolved or closed does not."""
    seen = _until(history, at_ms)
    if not seen:
        return Timer(target_ms, 0, "running", at_ms + target_ms)
    used = 0
    for (start, status), (end, _) in zip(seen, [*seen[1:], (at_ms, "new")], strict=True):
        if status not in PAUSED_STATUSES and status not in DONE_STATUSES:
            used += end - start
    current = seen[-1][1]
    return _judge(
        target_ms,
        used,
        at_ms,
        stopped=current in DONE_STATUSES,
        paused=current in PAUSED_STATUSES,
        warn=warn,
    )


def timers(config: SlaConfig, priority: Priority, history: StatusHistory, at_ms: int) -> Timers:
    """Both timers of a ticket of ``priority`` with this status history, at ``at_ms``."""
    target = config.target(priority)
    warn = Fraction(config.warn_at)
    return Timers(
        priority,
        response_timer(history, target.response * 1000, at_ms, warn),
        resolution_timer(history, target.resolution * 1000, at_ms, warn),
    )
