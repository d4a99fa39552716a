"""Scoring a call from its journal: fields, verification, script, times, screen events, and
per competence of the standards whether it was shown.

``score_call(call, journal)`` is pure: it reads only the journal's events (field commits, the
trainee's actions, the scenario events that fired, the audio's clip ends on the audio clock), so
a replayed journal always gives the same result. What the customer said and when comes from the
audio events: a field's "time since said" runs from the end of its clip at the headset to the
moment the field was committed. Who is calling (the look-up, the verification, a breach of
confidentiality) is scored in ``trainer.core.call_identity``; what an action on the desk
implies in the script comes from ``trainer.core.call_rules``, as on the desk itself; which
competences that shows, and why not, ``trainer.core.call_competences``.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from trainer.core.call_competences import (
    CompetenceResult,
    Incomplete,
    NotAssessed,
    competences,
    not_assessed,
    not_shown,
    routing_reasons,
    timing_reasons,
    wrapup_reasons,
)
from trainer.core.call_identity import (
    LookUpResult,
    VerificationResult,
    identity_given_at,
    identity_reasons,
    score_look_up,
    score_verification,
)
from trainer.core.call_outbound import OutboundResult, reached_at, score_outbound
from trainer.core.call_rules import implied_steps
from trainer.core.fields import normalise, same_value
from trainer.core.free_text import FactResult, SpellingResult, facts_in, spelling_of
from trainer.core.journal import (
    ActionEvent,
    AudioEvent,
    FieldEvent,
    Journal,
    ScenarioEvent,
)
from trainer.core.proposals import ArticleProposal, proposals_of
from trainer.core.reasons import Reason
from trainer.core.scenario import CallExercise, FormField, Ring, ScreenMessage
from trainer.core.session_facts import COMPLETED, SessionFacts, ended_reason, facts_of
from trainer.core.typing_metrics import TypingResult, score_typing

FieldVerdict = Literal["right", "wrong", "misplaced", "missing", "not_given"]
EventVerdict = Literal["hit", "late", "missed"]


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class FieldResult(_Result):
    """One form field: what was expected, what was entered, and the verdict."""

    id: str
    label: str
    kind: str
    section: str
    expected: str
    value: str | None
    verdict: FieldVerdict
    belongs_in: str | None = None  # misplaced: the field the value belongs in
    committed_at: float | None = None
    said_at: float | None = None  # the end of the clip that says it, at the headset
    seconds_after_said: float | None = None
    typing: TypingResult | None = None  # free text without facts, word by word, the margin
    facts: list[FactResult] = []  # free text with facts: which it holds


class StepResult(_Result):
    """One script step: ticked or not, when, and whether before a step that comes earlier."""

    step: str
    done: bool
    at: float | None
    out_of_order: bool


class ScreenEventResult(_Result):
    """A screen event that needed a response: hit, late or missed, and the reaction time."""

    id: str
    do: str
    text: str
    fired_at: float
    respond_within: float
    acknowledged_at: float | None
    reaction: float | None
    verdict: EventVerdict


class Choice(_Result):
    """A choice at the end of the call (transfer target, closing code, contact result)."""

    expected: str | None
    given: str | None
    right: bool


class CallResult(SessionFacts):
    """The result of a call, as ``score(exercise, journal)`` gives it. ``incomplete`` says why
    no competence could be shown, when the call was not answered or not completed."""

    kind: Literal["call"] = "call"
    incomplete: Incomplete | None = None
    answered_after: float | None
    answer_within: float
    handling_time: float | None
    handling_target: float
    fields: list[FieldResult]
    look_up: LookUpResult
    verification: VerificationResult
    script: list[StepResult]
    script_in_order: bool
    transfer: Choice
    closing_code: Choice
    contact_result: Choice
    looked_up: list[str]
    screen_events: list[ScreenEventResult]
    spelling: SpellingResult
    competences: list[CompetenceResult]
    outbound: OutboundResult | None = None  # an outbound call: dialled, message, objections
    # knowledge-base articles proposed, for the coach: not scored (none in older results)
    proposals: list[ArticleProposal] = Field(default_factory=list)

    def not_assessed(self) -> NotAssessed | None:
        """Why nothing of the call was assessed (None: it was)."""
        if self.incomplete is None:
            return None
        dialled = None if self.outbound is None else len(self.outbound.attempts)
        return not_assessed(self.incomplete, dialled)


def _actions(journal: Journal, name: str) -> list[ActionEvent]:
    return [e for e in journal.events if isinstance(e, ActionEvent) and e.action == name]


def _first(events: Iterable[ActionEvent]) -> ActionEvent | None:
    return next(iter(events), None)


def _last(events: list[ActionEvent]) -> ActionEvent | None:
    return events[-1] if events else None


def _fired(journal: Journal) -> dict[str, float]:
    """The first firing of each scenario event, by id."""
    fired: dict[str, float] = {}
    for e in journal.events:
        if isinstance(e, ScenarioEvent):
            fired.setdefault(e.event, e.t)
    return fired


def _clip_ends(journal: Journal) -> dict[str, float]:
    """When each clip first finished playing at the headset (audio clock, session time)."""
    ends: dict[str, float] = {}
    for e in journal.events:
        if isinstance(e, AudioEvent) and e.action == "end":
            ends.setdefault(e.clip, e.t)
    return ends


def _text_result(form_field: FormField, value: str, margin: Decimal | str) -> TypingResult:
    typed = normalise("text", value)
    ignore = [] if form_field.case_sensitive else ["case"]
    expected = normalise("text", form_field.expected)
    return score_typing(expected, typed, unit="word", margin=margin, ignore=ignore)


def _same_entry(form_field: FormField, typed: str, final: str) -> bool:
    """Whether a commit holds the same value as the field's final one (text as typed)."""
    if form_field.kind == "text":
        return normalise("text", typed) == normalise("text", final)
    return typed.strip() == final or same_value(form_field.kind, typed, final)


def _score_field(
    call: CallExercise,
    form_field: FormField,
    commits: list[FieldEvent],
    clip_ends: dict[str, float],
    margin: Decimal | str,
) -> FieldResult:
    said_at = clip_ends.get(form_field.said_in) if form_field.said_in else None
    final = commits[-1].value.strip() if commits else ""
    base = FieldResult(
        id=form_field.id,
        label=form_field.label,
        kind=form_field.kind,
        section=form_field.section,
        expected=form_field.expected,
        said_at=said_at,
        value=None,
        verdict="missing" if form_field.required else "not_given",
    )
    if not final:
        return base
    # the moment it was committed: the first commit of the value it ends with, in whatever
    # notation ("3510 8624" first, tidied to "35108624" later, counts from the first)
    committed_at = next(c.t for c in commits if _same_entry(form_field, c.value, final))
    since = round(committed_at - said_at, 3) if said_at is not None else None
    facts = facts_in(form_field, final)
    as_text = form_field.kind == "text" and not form_field.facts
    typing = _text_result(form_field, final, margin) if as_text else None
    belongs_in = None
    # own words: every fact there; other free text within the margin, word by word; any other
    # kind equal once normalised
    if form_field.facts:
        right = all(f.found for f in facts)
    elif typing is not None:
        right = typing.passed
    else:
        right = same_value(form_field.kind, final, form_field.expected)
    if right:
        verdict = "right"
    else:
        verdict = "wrong"
        for other in call.fields if not form_field.facts else ():
            if other.id != form_field.id and same_value(other.kind, final, other.expected):
                verdict, belongs_in = "misplaced", other.id
                break
    return base.model_copy(
        update=dict(
            value=final,
            verdict=verdict,
            belongs_in=belongs_in,
            committed_at=committed_at,
            seconds_after_said=since,
            typing=typing,
            facts=facts,
        )
    )


def _script(call: CallExercise, journal: Journal) -> list[StepResult]:
    # a step is done the first time it was ticked, or done by an action that implies it (as
    # the desk ticks it then): verifying identifies, a transfer closes
    ticked: dict[str, float] = {}
    for e in journal.events:
        if not isinstance(e, ActionEvent):
            continue
        steps = [e.target] if e.action == "step" else implied_steps(e.action, e.target)
        for step in steps:
            ticked[step] = min(ticked.get(step, e.t), e.t)
    results = []
    for index, step in enumerate(call.script):
        at = ticked.get(step)
        earlier = [ticked.get(s) for s in call.script[:index]]
        # done before a step that comes earlier in the script and was done later (a step
        # never done is reported as not done, not as making the later ones out of order)
        out_of_order = at is not None and any(t is not None and t > at for t in earlier)
        results.append(StepResult(step=step, done=at is not None, at=at, out_of_order=out_of_order))
    return results


def _screen_events(
    call: CallExercise, journal: Journal, fired: dict[str, float]
) -> list[ScreenEventResult]:
    screen = [e for e in call.timeline if isinstance(e, ScreenMessage)]
    return screen_event_results(screen, journal, fired)


def screen_event_results(
    screen: Iterable[ScreenMessage], journal: Journal, fired: dict[str, float]
) -> list[ScreenEventResult]:
    """Each screen message that asks for a reaction and was shown (``fired``: its time), with
    when it was acknowledged (F9, the first time) against its ``respond_within``; a call's and
    a chat's alike."""
    acks: dict[str, float] = {}
    for e in _actions(journal, "acknowledged"):
        acks.setdefault(e.target, e.t)
    results = []
    for event in screen:
        if event.respond_within is None or event.id not in fired:
            continue  # nothing asked, or a branch that was not taken
        at = fired[event.id]
        ack = acks.get(event.id)
        reaction = round(ack - at, 3) if ack is not None else None
        verdict: EventVerdict = (
            "missed" if reaction is None else "hit" if reaction <= event.respond_within else "late"
        )
        results.append(
            ScreenEventResult(
                id=event.id,
                do=event.do,
                text=event.text,
                fired_at=at,
                respond_within=event.respond_within,
                acknowledged_at=ack,
                reaction=reaction,
                verdict=verdict,
            )
        )
    return results


def score_call(
    call: CallExercise, journal: Journal, *, margin: Decimal | str | None = None
) -> CallResult:
    """The result of a call from its journal; ``margin`` overrides the exercise's own for
    free-text fields (re-scoring)."""
    margin = call.margin if margin is None else margin
    fired = _fired(journal)
    clip_ends = _clip_ends(journal)
    ended = ended_reason(journal)

    ring_ids = [e.id for e in call.timeline if isinstance(e, Ring)]
    rang = min((fired[i] for i in ring_ids if i in fired), default=None)
    answered = _first(_actions(journal, "answered"))
    answered_after = (
        round(answered.t - rang, 3) if answered is not None and rang is not None else None
    )
    # outbound: the call starts when it reached the customer or their voicemail
    reached = reached_at(journal) if call.outbound else answered.t if answered else None
    call_end = _first(
        e
        for e in journal.events
        if isinstance(e, ActionEvent) and e.action in ("closed", "transferred")
    )
    handling = round(call_end.t - reached, 3) if call_end and reached is not None else None

    commits: dict[str, list[FieldEvent]] = {}
    for e in journal.events:
        if isinstance(e, FieldEvent):
            commits.setdefault(e.field, []).append(e)
    fields = [_score_field(call, f, commits.get(f.id, []), clip_ends, margin) for f in call.fields]
    own_words = {f.id for f in call.fields if f.facts}
    spelling = spelling_of(call, (f.value or "" for f in fields if f.id in own_words), margin)
    heard_at = identity_given_at(call, journal)
    look_up = score_look_up(call, journal, heard_at)
    verification = score_verification(call, journal, heard_at)
    script = _script(call, journal)
    events = _screen_events(call, journal, fired)
    identity = identity_reasons(look_up, verification)
    outbound: OutboundResult | None = None
    outbound_script: list[Reason] = []
    if call.outbound:  # the trainee called from the record: no look-up due
        outbound, wrong_numbers, outbound_script = score_outbound(call, journal, fired)
        identity = wrong_numbers + identity_reasons(look_up, verification, looked_up=False)

    transferred = _last(_actions(journal, "transferred"))
    wrapup = _last(_actions(journal, "wrapup"))
    expect = call.expect
    transfer = Choice(
        expected=expect.transfer,
        given=transferred.target if transferred else None,
        right=(transferred.target if transferred else None) == expect.transfer,
    )
    closing = Choice(
        expected=expect.closing_code,
        given=wrapup.target or None if wrapup else None,
        right=(wrapup.target or None if wrapup else None) == expect.closing_code,
    )
    result = Choice(
        expected=expect.contact_result,
        given=wrapup.value or None if wrapup else None,
        right=wrapup is not None and wrapup.value == expect.contact_result,
    )
    looked_up = sorted({e.target for e in _actions(journal, "open_article")})

    judged = competences(
        call,
        fields=fields,
        identity=identity,
        script=script,
        outbound_script=outbound_script,
        looked_up=looked_up,
        spelling=spelling,
        routing=routing_reasons(transfer),
        wrapup=wrapup_reasons(closing, result),
        timing=timing_reasons(call, answered_after, handling, events),
    )
    completed = ended in COMPLETED and call_end is not None and wrapup is not None
    incomplete: Incomplete | None = None
    if reached is None:
        incomplete = "not_answered"
    elif not completed:
        incomplete = "not_completed"
    if incomplete is not None:
        why = not_assessed(incomplete, None if outbound is None else len(outbound.attempts))
        judged = [not_shown(c, why) for c in judged]
    return CallResult(
        **facts_of(call, journal),
        completed=completed,
        passed=completed and all(c.shown for c in judged if c.assessed),
        incomplete=incomplete,
        answered_after=answered_after,
        answer_within=expect.answer_within,
        handling_time=handling,
        handling_target=expect.handling_time,
        fields=fields,
        look_up=look_up,
        verification=verification,
        script=script,
        script_in_order=not any(s.out_of_order for s in script),
        transfer=transfer,
        closing_code=closing,
        contact_result=result,
        looked_up=looked_up,
        screen_events=events,
        spelling=spelling,
        competences=judged,
        outbound=outbound,
        proposals=proposals_of(journal),
    )
