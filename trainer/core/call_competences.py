"""Per competence of the standards whether a call showed it, and why not, as reasons with
codes (``trainer.core.reasons``): the last step of ``trainer.core.call_scoring``, from the parts
of the call it has scored (fields, script, who is calling, the choices at the end, the times).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from trainer.core.reasons import Reason, reason

if TYPE_CHECKING:  # (call_scoring imports this module: its result models for the hints only)
    from trainer.core.call_scoring import Choice, FieldResult, ScreenEventResult, StepResult
    from trainer.core.free_text import SpellingResult
    from trainer.core.scenario import CallExercise

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


class CompetenceResult(BaseModel):
    """Whether a competence of the standards was shown in this call, and why not."""

    model_config = ConfigDict(frozen=True)

    code: str
    name: str
    assessed: bool
    shown: bool
    reasons: list[Reason]


# why no competence of a call could be shown: the phone was never answered, or the call was
# not completed (stopped, cut off by a crash, not ended or not wrapped up)
Incomplete = Literal["not_answered", "not_completed"]
# the same as a person is told it: an outbound call that reached nobody told apart as never
# dialled or dialled without reaching anyone (``not_assessed``)
NotAssessed = Literal["not_answered", "not_dialled", "not_reached", "not_completed"]


def _competence(code: str, reasons: list[Reason], assessed: bool = True) -> CompetenceResult:
    return CompetenceResult(
        code=code,
        name=COMPETENCES[code],
        assessed=assessed,
        shown=assessed and not reasons,
        reasons=reasons if assessed else [reason("not_assessed")],
    )


_NOT_ASSESSED_REASONS: dict[NotAssessed, Reason] = {
    "not_answered": reason("call_not_answered"),
    "not_dialled": reason("call_not_dialled"),
    "not_reached": reason("call_not_reached"),
    "not_completed": reason("call_not_completed"),
}


def not_assessed(incomplete: Incomplete, dialled: int | None = None) -> NotAssessed:
    """Why nothing of a call was assessed, as a person is told it. ``dialled``: for an
    outbound call, how often the trainee dialled (None: an inbound call); 'not answered' is
    then never dialled, or dialled without reaching anyone."""
    if incomplete == "not_answered" and dialled is not None:
        return "not_reached" if dialled else "not_dialled"
    return incomplete


def incomplete_reason(why: NotAssessed) -> Reason:
    """Why nothing of a call could be shown, as a reason."""
    return _NOT_ASSESSED_REASONS[why]


def not_shown(competence: CompetenceResult, why: NotAssessed) -> CompetenceResult:
    """A competence of a call that was not answered or not completed: nothing can be shown
    by half a call (a transfer 'right' because none was made, a script 'in order' because
    nothing was ticked), so an assessed competence is not shown, for that one reason
    (``incomplete_reason``)."""
    if not competence.assessed:
        return competence
    because = incomplete_reason(why)
    return competence.model_copy(update={"shown": False, "reasons": [because]})


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


def routing_reasons(transfer: Choice) -> list[Reason]:
    """A transfer to another target than the expected one (or none, or one not due)."""
    if transfer.right:
        return []
    return [reason("transfer_wrong", given=transfer.given, expected=transfer.expected)]


def wrapup_reasons(closing: Choice, result: Choice) -> list[Reason]:
    """A closing code or contact result other than the expected one, or none chosen."""
    reasons = []
    if not closing.right:
        reasons.append(reason("closing_code_wrong", given=closing.given, expected=closing.expected))
    if not result.right:
        reasons.append(reason("contact_result_wrong", given=result.given, expected=result.expected))
    return reasons


def timing_reasons(
    call: CallExercise,
    answered_after: float | None,
    handling: float | None,
    events: list[ScreenEventResult],
) -> list[Reason]:
    """The times against their norms: answering, handling, and each screen message."""
    expect = call.expect
    timing: list[Reason] = []
    if call.outbound:
        pass  # the trainee placed the call: no ring to answer
    elif answered_after is None:
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


def competences(
    call: CallExercise,
    *,
    fields: list[FieldResult],
    identity: list[Reason],
    script: list[StepResult],
    outbound_script: list[Reason],
    looked_up: list[str],
    spelling: SpellingResult,
    routing: list[Reason],
    wrapup: list[Reason],
    timing: list[Reason],
) -> list[CompetenceResult]:
    """Per competence of the standards the reasons it was not shown (none: shown); the
    reasons of who is calling, the choices, the times and an outbound call's script (its
    objections and voicemail message) come ready."""
    expect = call.expect
    steps = [reason("step_not_done", step=s.step) for s in script if not s.done]
    steps += [reason("step_out_of_order", step=s.step) for s in script if s.out_of_order]
    steps += outbound_script  # an objection not handled, a voicemail message not left

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
    follow_up += spelling.reasons()
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
