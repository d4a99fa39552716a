"""Per competence of the standards whether a chat session showed it, and why not, as reasons
with codes (``trainer.core.reasons``): the last step of ``trainer.core.chat_scoring``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trainer.core.call_competences import (
    COMPETENCES,
    CompetenceResult,
    _field_reasons,
    not_shown,
)
from trainer.core.reasons import Reason, reason

if TYPE_CHECKING:  # (chat_scoring imports this module)
    from trainer.core.call_scoring import FieldResult, ScreenEventResult
    from trainer.core.chat_scoring import ConversationResult
    from trainer.core.free_text import SpellingResult

# the competences a chat session can show, with the standards' codes (domain.md) and their own
# Dutch titles, as a call's result carries them
CHAT_COMPETENCES: dict[str, str] = {
    "co 01669": COMPETENCES["co 01669"],
    "D140801 Id17255": COMPETENCES["D140801 Id17255"],
    "co 01671": "Past communicatietechnieken toe",
    "D140801 Id17267": "Typt foutloos binnen de foutenmarge en verbetert fouten",
    "co 01670": COMPETENCES["co 01670"],
}


def _competence(code: str, reasons: list[Reason], assessed: bool = True) -> CompetenceResult:
    return CompetenceResult(
        code=code,
        name=CHAT_COMPETENCES[code],
        assessed=assessed,
        shown=assessed and not reasons,
        reasons=reasons if assessed else [reason("not_assessed")],
    )


def timing(
    conversations: list[ConversationResult], screen: list[ScreenEventResult]
) -> list[Reason]:
    """Acting at once on several screens within the norms: every reply in time, no customer
    left waiting until they gave up, every screen message answered in time."""
    found: list[Reason] = []
    for c in conversations:
        if c.left_at is not None:
            found.append(reason("customer_left", chat=c.id, at=c.left_at))
        for r in c.replies:
            if r.verdict == "missed" and c.left_at is None:
                found.append(reason("reply_missed", chat=c.id, message=r.message))
            elif r.verdict == "late" and r.response_time is not None:
                found.append(
                    reason(
                        "reply_late",
                        chat=c.id,
                        message=r.message,
                        seconds=r.response_time,
                        norm=r.within,
                    )
                )
    for e in screen:
        if e.verdict == "missed":
            found.append(reason("message_missed", message=e.id))
        elif e.verdict == "late" and e.reaction is not None:
            found.append(
                reason("message_late", message=e.id, reaction=e.reaction, norm=e.respond_within)
            )
    return found


def informing(conversations: list[ConversationResult]) -> list[Reason]:
    """Each reply sent holds the facts the customer needed (a reply never sent is a matter of
    time, not of what it says)."""
    return [
        reason(
            "reply_facts_missing",
            chat=c.id,
            message=r.message,
            facts=[f.name for f in r.facts if not f.found],
        )
        for c in conversations
        for r in c.replies
        if r.verdict != "missed" and not all(f.found for f in r.facts)
    ]


def politeness(conversations: list[ConversationResult]) -> list[Reason]:
    """Each reply sent holds its politeness markers and none of the words to avoid."""
    found: list[Reason] = []
    for c in conversations:
        for r in c.replies:
            if r.verdict == "missed":
                continue
            missing = [m.marker for m in r.markers if not m.found]
            if missing:
                found.append(
                    reason("politeness_missing", chat=c.id, message=r.message, markers=missing)
                )
            if r.avoided is not None:
                found.append(
                    reason("impolite_words", chat=c.id, message=r.message, words=r.avoided)
                )
    return found


def competences(
    *,
    conversations: list[ConversationResult],
    screen: list[ScreenEventResult],
    fields: list[FieldResult],
    spelling: SpellingResult,
    has_facts: bool,
    has_markers: bool,
    tickets: list[Reason],
    has_tickets: bool,
) -> list[CompetenceResult]:
    """Per competence the reasons it was not shown (none: shown); ``tickets``: what is wrong
    with the tickets the chats needed (data in the helpdesk system, co 01670)."""
    writing: list[Reason] = spelling.reasons()
    labels = {f.id: f.label for f in fields}
    return [
        _competence("co 01669", timing(conversations, screen)),
        _competence("D140801 Id17255", informing(conversations), assessed=has_facts),
        _competence("co 01671", politeness(conversations), assessed=has_markers),
        _competence("D140801 Id17267", writing),
        _competence(
            "co 01670",
            [*_field_reasons(fields, labels), *tickets],
            assessed=bool(fields) or has_tickets,
        ),
    ]


def incomplete(judged: list[CompetenceResult]) -> list[CompetenceResult]:
    """A session stopped or cut off shows nothing: every assessed competence not shown."""
    return [not_shown(c, "not_completed") for c in judged]
