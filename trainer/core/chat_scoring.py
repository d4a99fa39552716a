"""Scoring a chat session from its journal: per reply its time, facts and politeness; the
customers who left; the spelling of everything written; the data entered; and per competence of
the standards whether it was shown.

``score_chat(exercise, journal)`` is pure: it reads the customers' messages (scenario events
``<chat>.<message>``), the replies and departures (chat events), the keys into the reply boxes,
the fields committed and the screen messages answered, so a replayed journal gives the same
result. A reply to a customer's message is everything the trainee sent in that conversation
after it came and before the customer's next message: its time is the first send's, its facts
and politeness markers are judged on all of it (a "one moment" then the answer is one reply).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from trainer.core import spelling
from trainer.core.call_competences import CompetenceResult
from trainer.core.call_scoring import (
    EventVerdict,
    FieldResult,
    ScreenEventResult,
    screen_event_results,
)
from trainer.core.chat_competences import competences, incomplete
from trainer.core.chat_scenario import (
    Chat,
    ChatExercise,
    CustomerMessage,
    event_id,
    fill,
    find_marker,
)
from trainer.core.chat_tickets import chat_ticket, replayed, ticket_reasons
from trainer.core.facts import find_phrase
from trainer.core.fields import normalise, same_value
from trainer.core.free_text import FactResult, SpellingResult, facts_in
from trainer.core.journal import (
    ChatEvent,
    FieldEvent,
    Journal,
    KeyEvent,
    ScenarioEvent,
)
from trainer.core.proposals import ArticleProposal, proposals_of
from trainer.core.scenario import FormField
from trainer.core.session_facts import COMPLETED, SessionFacts, ended_reason, facts_of
from trainer.core.typing_metrics import score_typing

# a reply in time, late or missing, as a screen message's reaction is judged
ReplyVerdict = EventVerdict


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class MarkerResult(_Result):
    """A politeness marker a reply must hold: found or not, and the words that hold it."""

    marker: str
    found: bool
    as_typed: str | None = None


class ReplyResult(_Result):
    """The trainee's reply to one customer message."""

    message: str
    arrived_at: float
    replied_at: float | None
    response_time: float | None
    within: float
    verdict: ReplyVerdict
    text: str  # every reply sent until the customer's next message, one after the other
    facts: list[FactResult]
    markers: list[MarkerResult]
    avoided: str | None = None  # words to avoid it holds, as typed


class ConversationResult(_Result):
    """One customer's conversation: when it began, the replies, whether they left."""

    id: str
    topic: str
    arrived_at: float | None
    left_at: float | None
    replies: list[ReplyResult]
    sent: int
    templates: list[str]  # canned responses the replies began from
    corrections: int  # Backspace and Delete in its reply box
    ticket: str | None = None  # the ticket made for it (a session with a helpdesk system)


class ChatResult(SessionFacts):
    """The result of a chat session, as ``score(exercise, journal)`` gives it."""

    kind: Literal["chat"] = "chat"
    incomplete: Literal["not_completed"] | None = None
    conversations: list[ConversationResult]
    fields: list[FieldResult]
    screen_events: list[ScreenEventResult]
    spelling: SpellingResult
    corrections: int
    competences: list[CompetenceResult]
    # knowledge-base articles proposed, for the coach: not scored (none in older results)
    proposals: list[ArticleProposal] = Field(default_factory=list)


# the replies ----------------------------------------------------------------------------------
def _arrivals(journal: Journal) -> dict[str, float]:
    """When each scenario event first fired, by id."""
    fired: dict[str, float] = {}
    for e in journal.events:
        if isinstance(e, ScenarioEvent):
            fired.setdefault(e.event, e.t)
    return fired


def _reply(
    exercise: ChatExercise,
    message: CustomerMessage,
    arrived: float,
    until: float | None,
    sent: list[ChatEvent],
) -> ReplyResult:
    assert message.reply is not None
    rule = message.reply
    answers = [e for e in sent if e.t >= arrived and (until is None or e.t < until)]
    text = " ".join(e.text for e in answers)
    first = answers[0].t if answers else None
    time = round(first - arrived, 3) if first is not None else None
    verdict: ReplyVerdict = "missed" if time is None else "hit" if time <= rule.within else "late"
    facts = facts_in(_as_field(rule.facts), text)
    markers = []
    for marker in rule.markers:
        held = find_marker(marker, exercise.politeness.get(marker, []), text)
        markers.append(MarkerResult(marker=marker, found=held is not None, as_typed=held))
    avoided = find_phrase(exercise.avoid, text) if exercise.avoid and text else None
    return ReplyResult(
        message=message.id,
        arrived_at=arrived,
        replied_at=first,
        response_time=time,
        within=rule.within,
        verdict=verdict,
        text=text,
        facts=facts,
        markers=markers,
        avoided=avoided,
    )


def _as_field(facts: list) -> FormField:  # type: ignore[type-arg]
    """The facts of a reply as ``facts_in`` judges them: those of a free-text field."""
    return FormField.model_construct(
        id="reply", label="reply", kind="text", expected="", facts=facts
    )


def _conversation(exercise: ChatExercise, chat: Chat, journal: Journal) -> ConversationResult:
    fired = _arrivals(journal)
    events = [e for e in journal.events if isinstance(e, ChatEvent) and e.chat == chat.id]
    sent = [e for e in events if e.action == "sent"]
    left = next((e.t for e in events if e.action == "left"), None)
    arrived = [
        (m, fired[event_id(chat.id, m.id)])
        for m in chat.messages
        if event_id(chat.id, m.id) in fired
    ]
    replies = []
    for index, (message, at) in enumerate(arrived):
        if message.reply is None:
            continue
        following = [t for _, t in arrived[index + 1 :] if t > at]
        replies.append(_reply(exercise, message, at, min(following, default=None), sent))
    box = f"chat:{chat.id}"
    corrections = sum(
        1 for e in journal.events if isinstance(e, KeyEvent) and e.field == box and e.key
    )
    return ConversationResult(
        id=chat.id,
        topic=chat.topic,
        arrived_at=arrived[0][1] if arrived else None,
        left_at=left,
        replies=replies,
        sent=len(sent),
        templates=[e.template for e in sent if e.template],
        corrections=corrections,
    )


# the form --------------------------------------------------------------------------------------
def _field(
    form_field: FormField, siblings: list[FormField], commits: list[FieldEvent], margin: Decimal
) -> FieldResult:
    """A field as a call's form field is judged: a value of its kind, facts, or word by word."""
    final = commits[-1].value.strip() if commits else ""
    base = FieldResult(
        id=form_field.id,
        label=form_field.label,
        kind=form_field.kind,
        section=form_field.section,
        expected=form_field.expected,
        value=None,
        verdict="missing" if form_field.required else "not_given",
    )
    if not final:
        return base
    committed_at = next(c.t for c in commits if c.value.strip() == final)
    facts = facts_in(form_field, final)
    typing = None
    if form_field.facts:
        right = all(f.found for f in facts)
    elif form_field.kind == "text":
        ignore = [] if form_field.case_sensitive else ["case"]
        expected = normalise("text", form_field.expected)
        typing = score_typing(
            expected, normalise("text", final), unit="word", margin=margin, ignore=ignore
        )
        right = typing.passed
    else:
        right = same_value(form_field.kind, final, form_field.expected)
    verdict: Literal["right", "wrong", "misplaced"] = "right" if right else "wrong"
    belongs_in = None
    if not right and not form_field.facts:
        other = next(
            (
                o
                for o in siblings
                if o.id != form_field.id and same_value(o.kind, final, o.expected)
            ),
            None,
        )
        if other is not None:
            verdict, belongs_in = "misplaced", other.id
    return base.model_copy(
        update=dict(
            value=final,
            verdict=verdict,
            belongs_in=belongs_in,
            committed_at=committed_at,
            typing=typing,
            facts=facts,
        )
    )


def _screen_events(exercise: ChatExercise, journal: Journal) -> list[ScreenEventResult]:
    return screen_event_results(exercise.screen, journal, _arrivals(journal))


# spelling --------------------------------------------------------------------------------------
def _known(exercise: ChatExercise) -> Iterable[str]:
    """Everything the session writes: names, streets, codes, templates, the customers' words."""
    yield exercise.agent
    for phrasings in exercise.politeness.values():
        yield from phrasings
    for chat in exercise.chats:
        record = chat.customer
        yield from (record.number, record.name, record.address, record.email, chat.topic)
        yield from (*record.products, *record.history)
        for template in exercise.templates:
            yield fill(template.text, exercise.language, record, exercise.agent, {})
        for form_field in chat.fields:
            yield from (form_field.label, form_field.expected)
            for fact in form_field.facts:
                yield from fact.any
        for message in chat.messages:
            yield message.text
            if message.reply is not None:  # (not the model reply: its spelling is checked)
                for fact in message.reply.facts:
                    yield from fact.any
                    if fact.value is not None:
                        yield fact.value
    for event in exercise.screen:
        yield event.text


def spelling_of(exercise: ChatExercise, texts: list[str], margin: Decimal | str) -> SpellingResult:
    """Misspelled words per words typed over every reply and note: the errors that stayed."""
    typed = sum(len(text.split()) for text in texts)
    margin_value = Fraction(Decimal(margin))
    checker = spelling.dictionary(exercise.language)
    if checker is None:
        return SpellingResult(
            checked=False,
            language=exercise.language,
            words=typed,
            misspelled=[],
            rate=0.0,
            margin=float(margin_value),
            within_margin=True,
        )
    words = [word for text in texts for word in spelling.words_to_check(text)]
    known = spelling.known_words(_known(exercise))
    wrong = spelling.misspelled(words, exercise.language, known, checker)
    rate = Fraction(len(wrong), typed) if typed else Fraction(0)
    return SpellingResult(
        checked=True,
        language=exercise.language,
        words=typed,
        misspelled=wrong,
        rate=float(rate),
        margin=float(margin_value),
        within_margin=rate <= margin_value,
    )


# the whole -------------------------------------------------------------------------------------
def score_chat(
    exercise: ChatExercise, journal: Journal, *, margin: Decimal | str | None = None
) -> ChatResult:
    """The result of a chat session from its journal; ``margin`` overrides the exercise's own
    for the spelling (re-scoring)."""
    margin = exercise.margin if margin is None else margin
    desk = replayed(exercise, journal)
    conversations = [_conversation(exercise, chat, journal) for chat in exercise.chats]
    if desk is not None:
        conversations = [
            c.model_copy(update={"ticket": t.number if (t := chat_ticket(desk, chat)) else None})
            for c, chat in zip(conversations, exercise.chats, strict=True)
        ]
    tickets = [r for chat in exercise.chats for r in ticket_reasons(exercise, chat, desk)]
    commits: dict[str, list[FieldEvent]] = {}
    for e in journal.events:
        if isinstance(e, FieldEvent):
            commits.setdefault(e.field, []).append(e)
    fields = [
        _field(f, chat.fields, commits.get(f.id, []), Decimal(margin))
        for chat in exercise.chats
        for f in chat.fields
    ]
    screen = _screen_events(exercise, journal)
    sent = [e.text for e in journal.events if isinstance(e, ChatEvent) and e.action == "sent"]
    notes = [f.value or "" for f, m in zip(fields, _form_fields(exercise), strict=True) if m.facts]
    writing = spelling_of(exercise, [*sent, *notes], margin)
    replies = [m.reply for c in exercise.chats for m in c.messages if m.reply is not None]
    judged = competences(
        conversations=conversations,
        screen=screen,
        fields=fields,
        spelling=writing,
        has_facts=any(r.facts for r in replies),
        has_markers=any(r.markers for r in replies) or bool(exercise.avoid),
        tickets=tickets,
        has_tickets=any(chat.ticket is not None for chat in exercise.chats),
    )
    completed = ended_reason(journal) in COMPLETED
    if not completed:
        judged = incomplete(judged)
    return ChatResult(
        **facts_of(exercise, journal),
        completed=completed,
        passed=completed and all(c.shown for c in judged if c.assessed),
        incomplete=None if completed else "not_completed",
        conversations=conversations,
        fields=fields,
        screen_events=screen,
        spelling=writing,
        corrections=sum(c.corrections for c in conversations),
        competences=judged,
        proposals=proposals_of(journal),
    )


def _form_fields(exercise: ChatExercise) -> list[FormField]:
    return [f for chat in exercise.chats for f in chat.fields]
