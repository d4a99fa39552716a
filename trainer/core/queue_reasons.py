"""Why a queue shift's result is what it is: reasons as codes with parameters, and per
competence of the standards the reasons it was not shown. The core keeps no words: the UI
turns each code into a sentence in the trainee's language.

A ``QueueReason`` reads and writes as ``{"code": ..., "params": {...}}``, the shape of a call's
``Reason`` (``trainer.core.reasons``), so the store, the export and the portfolio read both
alike; its codes are the queue's own closed set. ``contact`` is an arrival's id, ``ticket`` a
ticket's number, priorities ``P1``..``P5``, teams, categories, problems and close codes the
exercise's ids, times seconds on the session clock.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

QueueReasonCode = Literal[
    "not_assessed",
    "shift_not_completed",
    "contact_not_handled",
    "sla_response_breached",
    "sla_resolution_breached",
    "picked_out_of_order",
    "priority_wrong",
    "customer_not_informed",
    "ticket_missing",
    "ticket_not_needed",
    "existing_not_updated",
    "ticket_incomplete",
    "category_wrong",
    "requester_wrong",
    "team_wrong",
    "problem_not_linked",
    "not_resolved",
    "close_code_wrong",
    "facts_missing",
    "spelling_over_margin",
    "handling_too_long",
]

# every code with the parameters it carries, all of them always (a value may be None)
PARAMETERS: dict[QueueReasonCode, tuple[str, ...]] = {
    # the competence is not part of this shift
    "not_assessed": (),
    # the shift was stopped or cut off before its end: nothing can be shown by half a shift
    "shift_not_completed": (),
    # a contact that came in (or was due) and got no action at all by the end
    "contact_not_handled": ("contact",),
    # an SLA target missed, counted from the contact's arrival (used, target: seconds); a
    # ticket open at the start has contact ''
    "sla_response_breached": ("contact", "ticket", "used", "target"),
    "sla_resolution_breached": ("contact", "ticket", "used", "target"),
    # a contact taken while a more urgent one waited (``waiting``: the most urgent of them)
    "picked_out_of_order": ("contact", "waiting"),
    # the ticket's priority (through impact x urgency) against the one the contact needs
    "priority_wrong": ("contact", "ticket", "given", "expected"),
    # the customer was to be told and no action on the ticket was marked as told
    "customer_not_informed": ("contact", "ticket"),
    # a contact that needed a ticket got none; one that needed none (or was about an open
    # ticket: ``existing``) got one
    "ticket_missing": ("contact",),
    "ticket_not_needed": ("contact", "ticket", "existing"),
    # a contact about an open ticket: nothing written on that ticket
    "existing_not_updated": ("contact", "ticket"),
    # data not entered: ``missing`` lists the fields (requester, subject, note)
    "ticket_incomplete": ("contact", "ticket", "missing"),
    "category_wrong": ("contact", "ticket", "given", "expected"),
    "requester_wrong": ("contact", "ticket", "given", "expected"),
    # assigned to another team than the routing gives, or not assigned (given None)
    "team_wrong": ("contact", "ticket", "given", "expected"),
    # not linked (given None) or linked to another known problem (expected None: none was due)
    "problem_not_linked": ("contact", "ticket", "given", "expected"),
    # to be resolved at the first line, and it was not; or with another close code
    "not_resolved": ("contact", "ticket"),
    "close_code_wrong": ("contact", "ticket", "given", "expected"),
    # the ticket's texts lack facts (their names, as the exercise labels them)
    "facts_missing": ("contact", "ticket", "facts"),
    # the own words' spelling over the margin: wrong of words, as a rate, and the words
    "spelling_over_margin": ("wrong", "words", "rate", "margin", "misspelled"),
    # from taking the contact to its last action (seconds) against its norm
    "handling_too_long": ("contact", "seconds", "norm"),
}

Param = str | int | float | list[str] | None


class QueueReason(BaseModel):
    """One reason: a code and the values its sentence is made of."""

    model_config = ConfigDict(frozen=True)

    code: QueueReasonCode
    params: dict[str, Param] = {}

    @model_validator(mode="after")
    def _params_of_its_code(self) -> QueueReason:
        wanted = set(PARAMETERS[self.code])
        if set(self.params) != wanted:
            missing = ", ".join(sorted(wanted - set(self.params))) or "none"
            extra = ", ".join(sorted(set(self.params) - wanted)) or "none"
            raise ValueError(f"reason {self.code}: missing {missing}, unknown {extra}")
        return self


def reason(code: QueueReasonCode, **params: Param) -> QueueReason:
    """A reason with its parameters: ``reason("ticket_missing", contact="printer")``."""
    return QueueReason(code=code, params=params)


# the competences a shift can show, with the standards' codes (domain.md) and their own Dutch
# titles, data of the standard (the screens name them by code); each with the reasons that
# count against it
COMPETENCES: dict[str, tuple[str, frozenset[QueueReasonCode]]] = {
    "co 01672": (
        "Behandelt vragen en klachten oplossingsgericht volgens de SLA",
        frozenset({
            "contact_not_handled", "sla_response_breached", "sla_resolution_breached",
            "picked_out_of_order", "priority_wrong", "customer_not_informed",
        }),
    ),
    "co 02796": (
        "Behandelt vragen en klachten oplossingsgericht volgens SLA en scenario's",
        frozenset({
            "contact_not_handled", "sla_response_breached", "sla_resolution_breached",
            "picked_out_of_order", "priority_wrong", "customer_not_informed",
        }),
    ),
    "co 01670": (
        "Voert de gegevens volledig in, in het juiste veld",
        frozenset({
            "ticket_missing", "ticket_not_needed", "existing_not_updated", "ticket_incomplete",
            "category_wrong", "requester_wrong",
        }),
    ),
    "D140801 Id16426": (
        "Schakelt door naar de gepaste gesprekspartner",
        frozenset({"team_wrong"}),
    ),
    "co 01673": (
        "Ondersteunt klanten bij vragen en problemen",
        frozenset({"problem_not_linked", "not_resolved", "close_code_wrong"}),
    ),
    "co 02775": (
        "Biedt eerstelijnsondersteuning en voert routinetesten uit",
        frozenset({"problem_not_linked", "not_resolved", "close_code_wrong"}),
    ),
    "D140801 Id17267": (
        "Vult de digitale opvolgingsdocumenten in (foutenmarge)",
        frozenset({"facts_missing", "spelling_over_margin"}),
    ),
    "co 01669": (
        "Handelt simultaan en respecteert de kwaliteitsnormen (tijden)",
        frozenset({"handling_too_long"}),
    ),
}  # fmt: skip


class QueueCompetence(BaseModel):
    """Whether a competence of the standards was shown in this shift, and why not."""

    model_config = ConfigDict(frozen=True)

    code: str
    name: str
    assessed: bool
    shown: bool
    reasons: list[QueueReason]


def judge(
    reasons: list[QueueReason], assessed: dict[str, bool], completed: bool
) -> list[QueueCompetence]:
    """Per competence the reasons that count against it (none: shown). ``assessed`` says per
    code whether the shift gave it a chance (no team to assign to, no team assessed); a shift
    not completed shows none, for that one reason."""
    judged = []
    for code, (name, codes) in COMPETENCES.items():
        own = [r for r in reasons if r.code in codes]
        if not assessed.get(code, True):
            own = [reason("not_assessed")]
        elif not completed:
            own = [reason("shift_not_completed")]
        judged.append(
            QueueCompetence(
                code=code,
                name=name,
                assessed=assessed.get(code, True),
                shown=assessed.get(code, True) and completed and not own,
                reasons=own,
            )
        )
    return judged
