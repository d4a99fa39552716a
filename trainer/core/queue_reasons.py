"""Per competence of the standards whether a queue shift showed it, and why not: the reasons
(codes of ``trainer.core.reasons``, the queue's among them) that count against each code. The
core keeps no words: the UI turns each reason into a sentence (``trainer.ui.words.reason``).
"""

from __future__ import annotations

from trainer.core.call_competences import CompetenceResult
from trainer.core.reasons import Reason, ReasonCode, reason

# the competences a shift can show, with the standards' codes (domain.md) and their own Dutch
# titles, data of the standard (the screens name them by code); each with the reasons that
# count against it
COMPETENCES: dict[str, tuple[str, frozenset[ReasonCode]]] = {
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
        frozenset({"problem_not_linked", "not_resolved", "ticket_close_code_wrong"}),
    ),
    "co 02775": (
        "Biedt eerstelijnsondersteuning en voert routinetesten uit",
        frozenset({"problem_not_linked", "not_resolved", "ticket_close_code_wrong"}),
    ),
    "D140801 Id17267": (
        "Vult de digitale opvolgingsdocumenten in (foutenmarge)",
        frozenset({"ticket_facts_missing", "spelling_over_margin"}),
    ),
    "co 01669": (
        "Handelt simultaan en respecteert de kwaliteitsnormen (tijden)",
        frozenset({"contact_too_long", "live_contact_waited"}),
    ),
}  # fmt: skip


def judge(
    reasons: list[Reason], assessed: dict[str, bool], completed: bool
) -> list[CompetenceResult]:
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
            CompetenceResult(
                code=code,
                name=name,
                assessed=assessed.get(code, True),
                shown=assessed.get(code, True) and completed and not own,
                reasons=own,
            )
        )
    return judged
