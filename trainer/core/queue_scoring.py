"""Scoring a queue shift from its journal: per contact what was done against what a good
handling expects, the SLA counted from each contact's arrival, the picking order, the texts'
facts and spelling, and per competence of the standards whether it was shown.

``score_queue(exercise, journal)`` is pure: it replays the journal's ticket events through a
fresh ``Helpdesk`` begun from the tickets open at the start, as the engine did, and reads when
each contact came in (``ScenarioEvent``) and was taken (``answered``/``acknowledged``). So a
replayed journal always gives the same result.

The rules, each a reason code of ``trainer.core.reasons`` (``trainer.core.queue_reasons`` says
which competence each counts against; the per-contact judging is in ``queue_contacts``):
- SLA: a contact's response is due within its (expected) priority's response target from its
  arrival, met the first time its ticket leaves ``new``; one the trainee is to resolve is due
  within the resolution target, pauses (pending, on hold) not counted. Measured at the
  shift's end at the latest, so ending a shift early does not stop the clock. A ticket open
  at the start answers to the helpdesk's own timers.
- Picking order: taking a contact while another that arrived waits and is more urgent, live
  contacts (phone, chat) before written ones, then by priority, then VIPs first. A contact
  that needs no ticket has no priority and never counts either way.
- Per contact: a ticket or not as expected, category, priority, team (the routing's, or none
  at the first line), known problem, close code, the customer told, the facts in what was
  written on its ticket, the time from taking it to its last action, and for a phone call or
  a chat the time it waited to be taken.
- Over the shift: the spelling of everything written against the margin.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from pydantic import Field

from trainer.core import spelling
from trainer.core.call_competences import CompetenceResult
from trainer.core.free_text import SpellingResult
from trainer.core.helpdesk import Helpdesk
from trainer.core.journal import ActionEvent, Journal, KeyEvent, ScenarioEvent, TicketEvent
from trainer.core.proposals import ArticleProposal, proposals_of
from trainer.core.queue_contacts import ContactResult, judge_contact, picking
from trainer.core.queue_engine import opening_helpdesk
from trainer.core.queue_reasons import judge
from trainer.core.queue_scenario import QueueExercise
from trainer.core.reasons import Reason, reason
from trainer.core.session_facts import COMPLETED, SessionFacts, ended_reason, facts_of

# the ticket form's own-words inputs, as its keys name them (``KeyEvent.field``)
TEXT_FIELDS = frozenset({"ticket.subject", "ticket.note", "ticket.solution"})


class QueueResult(SessionFacts):
    """The result of a shift, as ``score(exercise, journal)`` gives it."""

    kind: Literal["queue"] = "queue"
    shift: float
    contacts: list[ContactResult]
    breaches: int  # SLA targets missed (response and resolution, start tickets too)
    picking_faults: int
    tickets_created: int
    spelling: SpellingResult
    corrections: int  # Backspace and Delete in the tickets' own words (apart from the errors left)
    reasons: list[Reason]  # every reason, contacts' and the shift's, in order
    competences: list[CompetenceResult]
    # knowledge-base articles proposed, for the coach: not scored (none in older results)
    proposals: list[ArticleProposal] = Field(default_factory=list)


# reading the journal ------------------------------------------------------------------------
def _shown(journal: Journal) -> dict[str, float]:
    shown: dict[str, float] = {}
    for e in journal.events:
        if isinstance(e, ScenarioEvent):
            shown.setdefault(e.event, e.t)
    return shown


def _picked(journal: Journal) -> dict[str, float]:
    picked: dict[str, float] = {}
    for e in journal.events:
        if isinstance(e, ActionEvent) and e.action in ("answered", "acknowledged"):
            picked.setdefault(e.target, e.t)
    return picked


def _caller(journal: Journal, clip: str) -> Literal["heard", "read"] | None:
    """How a caller's recording reached the trainee, from the journal's audio lines: read
    when any of it was shown as a subtitle, heard when it started in the headset."""
    starts = [e for e in journal.audio if e.clip == clip and e.action == "start"]
    if any(e.subtitle for e in starts):
        return "read"
    return "heard" if starts else None


def _ticket_events(journal: Journal) -> list[TicketEvent]:
    return [e for e in journal.events if isinstance(e, TicketEvent)]


def _start_breaches(queue: QueueExercise, desk: Helpdesk) -> list[Reason]:
    """The tickets open at the start whose response target passed in the shift untaken."""
    found = []
    for start in queue.tickets:
        ticket = desk.ticket(start.number)
        if ticket is None:
            continue
        timer = desk.sla(start.number, queue.shift).response
        if timer.status == "breached":
            found.append(
                reason(
                    "sla_response_breached",
                    contact="",
                    ticket=start.number,
                    used=timer.used_ms / 1000,
                    target=timer.target_ms / 1000,
                )
            )
    return found


def _spelling(queue: QueueExercise, texts: Iterable[str], margin: Decimal | str) -> SpellingResult:
    """Misspelled words per words typed over every text the trainee wrote; the exercise's own
    names, codes and texts are known words, data are typed words but not spelling."""
    texts = list(texts)
    typed = sum(len(text.split()) for text in texts)
    margin_value = Fraction(Decimal(margin))
    checker = spelling.dictionary(queue.language)
    if checker is None:
        return SpellingResult(
            checked=False,
            language=queue.language,
            words=typed,
            misspelled=[],
            rate=0.0,
            margin=float(margin_value),
            within_margin=True,
        )
    known = spelling.known_words(_scenario_words(queue))
    words = [word for text in texts for word in spelling.words_to_check(text)]
    wrong = spelling.misspelled(words, queue.language, known, checker)
    rate = Fraction(len(wrong), typed) if typed else Fraction(0)
    return SpellingResult(
        checked=True,
        language=queue.language,
        words=typed,
        misspelled=wrong,
        rate=float(rate),
        margin=float(margin_value),
        within_margin=rate <= margin_value,
    )


def _scenario_words(queue: QueueExercise) -> Iterable[str]:
    """Everything the exercise writes: its names, codes and texts are known words."""
    for customer in queue.customers:
        yield from (customer.name, customer.organisation, customer.department, customer.location)
        yield from customer.assets
    config = queue.helpdesk
    yield from config.categories.values()
    yield from config.teams.values()
    yield from config.close_codes.values()
    for problem in config.problems:
        yield problem.title
        yield from problem.symptoms
    for ticket in queue.tickets:
        yield from (ticket.subject, ticket.description)
    for arrival in queue.arrivals:
        yield from (arrival.subject, arrival.text, arrival.expect.note)
        for fact in arrival.expect.facts:
            yield from fact.any
    for article in queue.knowledge:
        yield from (article.title, article.text)


def score_queue(
    queue: QueueExercise, journal: Journal, *, margin: Decimal | str | None = None
) -> QueueResult:
    """The result of a shift from its journal; ``margin`` overrides the exercise's own for the
    spelling of the texts (re-scoring)."""
    margin = queue.margin if margin is None else margin
    events = _ticket_events(journal)
    desk = opening_helpdesk(queue)
    for event in events:
        desk.apply(event)  # refused ones change nothing, as they did live
    shown, picked = _shown(journal), _picked(journal)
    faults = picking(queue, shown, picked)
    contacts = []
    for arrival in queue.arrivals:
        judged = judge_contact(
            queue, arrival, desk, events, shown.get(arrival.id), picked.get(arrival.id)
        )
        if arrival.id in faults:
            judged = judged.model_copy(update={"reasons": [faults[arrival.id], *judged.reasons]})
        if arrival.clip is not None:
            judged = judged.model_copy(update={"caller": _caller(journal, arrival.clip)})
        contacts.append(judged)
    start = _start_breaches(queue, desk)
    texts = [
        value
        for e in events
        for key, value in e.values.items()
        # (an article proposed, its title and text, is kept for the coach, not scored: it may
        # be a shipped article's text, which would count as words the trainee typed)
        if key in ("subject", "note", "solution") and value.strip()
    ]
    spelt = _spelling(queue, texts, margin)
    reasons = [r for c in contacts for r in c.reasons] + start
    reasons += spelt.reasons()
    completed = ended_reason(journal) in COMPLETED
    expects = [a.expect for a in queue.arrivals]
    first_line = any(e.problem or e.close_code for e in expects)
    assessed = {
        "D140801 Id16426": any(e.team for e in expects),
        "co 01673": first_line,
        "co 02775": first_line,
        "D140801 Id17267": any(e.facts for e in expects) or bool(texts),
    }
    competences = judge(reasons, assessed, completed)
    breaches = sum(r.code.startswith("sla_") for r in reasons)
    return QueueResult(
        **facts_of(queue, journal),
        completed=completed,
        passed=completed and all(c.shown for c in competences if c.assessed),
        shift=queue.shift,
        contacts=contacts,
        breaches=breaches,
        picking_faults=len(faults),
        tickets_created=sum(1 for e in events if e.op == "create"),
        spelling=spelt,
        corrections=sum(
            1
            for e in journal.events
            if isinstance(e, KeyEvent) and e.key and e.field in TEXT_FIELDS
        ),
        reasons=reasons,
        competences=competences,
        proposals=proposals_of(journal),
    )
