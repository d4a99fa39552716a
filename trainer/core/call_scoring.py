"""Scoring a call from its journal: fields, verification, script, times, screen events, and
per competence of the standards whether it was shown.

``score_call(call, journal)`` is pure: it reads only the journal's events (field commits, the
trainee's actions, the scenario events that fired, the audio's clip ends on the audio clock), so
a replayed journal always gives the same result. What the customer said and when comes from the
audio events: a field's "time since said" runs from the end of its clip at the headset to the
moment the field was committed. Who is calling (the look-up, the verification, a breach of
confidentiality) is scored in ``trainer.core.call_identity``; what an action on the desk
implies in the script comes from ``trainer.core.call_rules``, as on the desk itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from trainer.core.call_identity import (
    LookUpResult,
    VerificationResult,
    identity_given_at,
    identity_reasons,
    score_look_up,
    score_verification,
)
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
from trainer.core.reasons import Reason, reason
from trainer.core.scenario import CallExercise, FormField, Ring, ScreenMessage
from trainer.core.session_facts import COMPLETED, SessionFacts, ended_reason, facts_of
from trainer.core.typing_metrics import TypingResult, score_typing

FieldVerdict = Literal["right", "wrong", "misplaced", "missing", "not_given"]
EventVerdict = Literal["hit", "late", "missed"]

# the competences a call can show, with the standards' codes (domain.md) and their own Dutch
# titles: data of the standard that the result carries (``name`` in --json); the screens show
# them in the trainee's language by code (trainer.ui.words.competence_name)
COMPETENCES: dict[str, str] = {
    "D140801 Id17425": "Controleert de identiteit en de gegevens van de gesprekspartner",
    "D140801 Id16700": "Identificeert het doel van de oproep en past het script toe",
    "D140801 Id17255": "Informeert de klant uit de voorziene bronnen",
    "D140801 Id17852": "Controleert de beschikbaarheid en voert de gegevens in",
    "D140801 Id16426": "Schakelt door naar de gepaste gesprekspartner",
    "D140801 Id17267": "Vult de digitale opvolgingsdocumenten in (foutenmarge)",
    "co 01670": "Voert de gegevens volledig in, in het juiste veld",
    "co 01669": "Handelt simultaan en respecteert de kwaliteitsnormen (tijden)",
}


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


class CompetenceResult(_Result):
    """Whether a competence of the standards was shown in this call, and why not."""

    code: str
    name: str
    assessed: bool
    shown: bool
    reasons: list[Reason]


# why no competence of a call could be shown: the phone was never answered, or the call was
# not completed (stopped, cut off by a crash, not ended or not wrapped up)
Incomplete = Literal["not_answered", "not_completed"]


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
    acks: dict[str, float] = {}
    for e in _actions(journal, "acknowledged"):
        acks.setdefault(e.target, e.t)
    results = []
    for event in call.timeline:
        if not isinstance(event, ScreenMessage) or event.respond_within is None:
            continue
        if event.id not in fired:
            continue  # a branch that was not taken
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


def _competence(code: str, reasons: list[Reason], assessed: bool = True) -> CompetenceResult:
    return CompetenceResult(
        code=code,
        name=COMPETENCES[code],
        assessed=assessed,
        shown=assessed and not reasons,
        reasons=reasons if assessed else [reason("not_assessed")],
    )


_INCOMPLETE_REASONS: dict[Incomplete, Reason] = {
    "not_answered": reason("call_not_answered"),
    "not_completed": reason("call_not_completed"),
}


def _not_shown(competence: CompetenceResult, why: Incomplete) -> CompetenceResult:
    """A competence of a call that was not answered or not completed: nothing can be shown
    by half a call (a transfer 'right' because none was made, a script 'in order' because
    nothing was ticked), so an assessed competence is not shown, for that one reason."""
    if not competence.assessed:
        return competence
    return competence.model_copy(update={"shown": False, "reasons": [_INCOMPLETE_REASONS[why]]})


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
    call_end = _first(
        e
        for e in journal.events
        if isinstance(e, ActionEvent) and e.action in ("closed", "transferred")
    )
    handling = round(call_end.t - answered.t, 3) if call_end and answered else None

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

    competences = _competences(
        call,
        fields=fields,
        identity=identity_reasons(look_up, verification),
        script=script,
        looked_up=looked_up,
        spelling=spelling,
        routing=_routing_reasons(transfer),
        wrapup=_wrapup_reasons(closing, result),
        timing=_timing_reasons(call, answered_after, handling, events),
    )
    completed = ended in COMPLETED and call_end is not None and wrapup is not None
    incomplete: Incomplete | None = None
    if answered is None:
        incomplete = "not_answered"
    elif not completed:
        incomplete = "not_completed"
    if incomplete is not None:
        competences = [_not_shown(c, incomplete) for c in competences]
    return CallResult(
        **facts_of(call, journal),
        completed=completed,
        passed=completed and all(c.shown for c in competences if c.assessed),
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
        competences=competences,
    )


def _field_reasons(fields: list[FieldResult], labels: dict[str, str]) -> list[Reason]:
    """Each field not entered right: empty, wrong, in the wrong field (``labels``: every
    field's label by id, to name that one), a note without its facts."""
    reasons = []
    for f in fields:
        named = dict(field=f.id, label=f.label)
        missing = [fact.name for fact in f.facts if not fact.found]
        if f.verdict == "wrong" and missing:
            reasons.append(reason("facts_missing", **named, facts=missing))
        elif f.verdict == "wrong":
            reasons.append(reason("field_wrong", **named, value=f.value, expected=f.expected))
        elif f.verdict == "misplaced":
            reasons.append(
                reason(
                    "field_misplaced",
                    **named,
                    value=f.value,
                    belongs_in=f.belongs_in,
                    belongs_in_label=labels.get(f.belongs_in or "", f.belongs_in),
                )
            )
        elif f.verdict == "missing":
            reasons.append(reason("field_missing", **named))
    return reasons


def _routing_reasons(transfer: Choice) -> list[Reason]:
    """A transfer to another target than the expected one (or none, or one not due)."""
    if transfer.right:
        return []
    return [reason("transfer_wrong", given=transfer.given, expected=transfer.expected)]


def _wrapup_reasons(closing: Choice, result: Choice) -> list[Reason]:
    """A closing code or contact result other than the expected one, or none chosen."""
    reasons = []
    if not closing.right:
        reasons.append(reason("closing_code_wrong", given=closing.given, expected=closing.expected))
    if not result.right:
        reasons.append(reason("contact_result_wrong", given=result.given, expected=result.expected))
    return reasons


def _timing_reasons(
    call: CallExercise,
    answered_after: float | None,
    handling: float | None,
    events: list[ScreenEventResult],
) -> list[Reason]:
    """The times against their norms: answering, handling, and each screen message."""
    expect = call.expect
    timing: list[Reason] = []
    if answered_after is None:
        timing.append(reason("call_not_answered"))
    elif answered_after > expect.answer_within:
        timing.append(reason("answered_late", after=answered_after, norm=expect.answer_within))
    if handling is None:
        timing.append(reason("call_not_ended"))
    elif handling > expect.handling_time:
        timing.append(reason("handling_too_long", seconds=handling, norm=expect.handling_time))
    for e in events:
        if e.verdict == "missed":
            timing.append(reason("message_missed", message=e.id))
        elif e.verdict == "late" and e.reaction is not None:
            timing.append(
                reason("message_late", message=e.id, reaction=e.reaction, norm=e.respond_within)
            )
    return timing


def _competences(
    call: CallExercise,
    *,
    fields: list[FieldResult],
    identity: list[Reason],
    script: list[StepResult],
    looked_up: list[str],
    spelling: SpellingResult,
    routing: list[Reason],
    wrapup: list[Reason],
    timing: list[Reason],
) -> list[CompetenceResult]:
    """Per competence of the standards the reasons it was not shown (none: shown); the
    reasons of who is calling, the choices and the times come ready."""
    expect = call.expect
    steps = [reason("step_not_done", step=s.step) for s in script if not s.done]
    steps += [reason("step_out_of_order", step=s.step) for s in script if s.out_of_order]

    titles = {a.id: a.title for a in call.knowledge}
    inform = [
        reason("article_not_consulted", article=a, title=titles.get(a))
        for a in expect.look_up
        if a not in looked_up
    ]

    labels = {f.id: f.label for f in fields}
    data = _field_reasons([f for f in fields if f.section == "form"], labels)
    availability = (
        [reason("step_not_done", step="check_availability")]
        if not any(s.step == "check_availability" and s.done for s in script)
        else []
    )
    availability += data

    follow_up = _field_reasons([f for f in fields if f.section == "wrapup"], labels)
    if not spelling.within_margin:
        follow_up.append(
            reason(
                "spelling_over_margin",
                wrong=len(spelling.misspelled),
                words=spelling.words,
                rate=spelling.rate,
                margin=spelling.margin,
                misspelled=spelling.misspelled,
            )
        )
    follow_up += wrapup

    return [
        _competence("D140801 Id17425", identity),
        _competence("D140801 Id16700", steps),
        _competence("D140801 Id17255", inform, assessed=bool(expect.look_up)),
        _competence("D140801 Id17852", availability, assessed="check_availability" in call.script),
        _competence(
            "D140801 Id16426",
            routing,
            assessed=bool(call.transfer_targets) or expect.transfer is not None,
        ),
        _competence("D140801 Id17267", follow_up),
        _competence("co 01670", data),
        _competence("co 01669", timing),
    ]
