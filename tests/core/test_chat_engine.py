"""A chat session's rules without Qt: simulated operators drive the headless chat engine, and
what a trainee would see (messages, nudges, a customer leaving, refusals) and the journal it
writes are checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.journals import write_journal
from trainer.core import chat_protocol as cp
from trainer.core.chat_engine import ChatEngine
from trainer.core.chat_scenario import Chat, ChatExercise, reply_box
from trainer.core.journal import ChatEvent, EndEvent, FieldEvent, Journal, KeyEvent, _Event
from trainer.core.loader import load_exercise

REPO = Path(__file__).resolve().parents[2]
CHATS = sorted((REPO / "exercises").glob("*/chat/*.yaml"))
STEP = 0.25
KEY_SECONDS = 0.25  # about 48 words a minute: a competent operator, not a fast one
READ_SECONDS = 3.0  # reading the customer's message before typing


def load(path: Path) -> ChatExercise:
    exercise, _ = load_exercise(path)
    assert isinstance(exercise, ChatExercise)
    return exercise


WACHTWOORD = load(REPO / "exercises/nl/chat/nl-chat-01-wachtwoord.yaml")


@dataclass
class ChatDesk:
    """Runs a chat engine on a simulated clock: its timer and the journal its effects write."""

    exercise: ChatExercise
    t: float = 0.0
    journal: list[_Event] = field(default_factory=list)
    effects: list[cp.Effect] = field(default_factory=list)
    acknowledge: bool = False  # answer each screen message 3 s after it came (F9)
    acks: list[tuple[float, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.engine = ChatEngine(self.exercise)

    def do(self, action: cp.Action) -> list[cp.Effect]:
        out = self.engine.handle(action, self.t)
        self.journal += [e.event for e in out if isinstance(e, cp.Record)]
        self.effects += out
        return out

    def advance(self, to: float) -> None:
        """Time passes: the timer fires what is due."""
        while self.t < to - 1e-9:
            self.t = round(min(self.t + STEP, to), 3)
            due = self.engine.next_due()
            if due is not None and due <= self.t:
                for effect in self.do(cp.Due()):
                    if isinstance(effect, cp.ShowMessage) and effect.event.respond_within:
                        self.acks.append((self.t + 3, effect.event.id))
            while self.acknowledge and self.acks and self.acks[0][0] <= self.t:
                self.do(cp.Acknowledge(self.acks.pop(0)[1]))

    def type_and_send(self, chat: str, text: str, *, typos: bool = False) -> None:
        """Types ``text`` into the chat's reply box key by key and sends it."""
        self.do(cp.Open(chat))
        for ch in text:
            self.advance(self.t + KEY_SECONDS)
            self.do(cp.Type(reply_box(chat), text=ch))
        self.advance(self.t + KEY_SECONDS)
        self.do(cp.Send(chat, text))

    def made(self, chat: str) -> str:
        """The number of the first ticket made for the chat ('' none)."""
        desk = self.engine.helpdesk
        return next((t.number for t in desk.tickets if t.contact == chat), "") if desk else ""

    def refusals(self) -> list[str]:
        return [e.code for e in self.effects if isinstance(e, cp.Refuse)]

    def finished(self) -> bool:
        return any(isinstance(e, cp.Finish) for e in self.effects)

    def written(self, tmp_path: Path, name: str = "chat.jsonl") -> Journal:
        events = [*self.journal, EndEvent(t=self.t, reason="finished")]
        return write_journal(tmp_path / name, self.exercise, events)


Replies = dict[tuple[str, str], str | None]  # (chat, message) -> what to send (None: nothing)
Tickets = dict[str, dict[str, str] | None]  # chat -> values changed on its ticket (None: none made)


def model_ticket(chat: Chat) -> dict[str, str]:
    """The ticket a good operator makes for a chat that expects one: its triage, the team and
    known problem expected, the topic as subject, the model note, the customer as requester."""
    expect = chat.ticket
    assert expect is not None and expect.ticket == "new"
    values = {
        "category": expect.category or "",
        "impact": expect.impact or "",
        "urgency": expect.urgency or "",
        "requester": chat.customer.number,
        "subject": chat.topic,
        "note": " ".join(expect.note.split()),
        "team": expect.team or "",
        "problem": expect.problem or "",
    }
    if expect.inform and expect.close_code is None:
        values["customer_informed"] = "true"
    return {k: v for k, v in values.items() if v}


def _make_ticket(desk: ChatDesk, chat: Chat, tickets: Tickets) -> None:
    """After the chat's first reply: its ticket (as the model has it unless ``tickets`` says)."""
    if chat.ticket is None or chat.ticket.ticket != "new" or desk.made(chat.id):
        return
    if chat.id in tickets and tickets[chat.id] is None:
        return
    values = {**model_ticket(chat), **(tickets.get(chat.id) or {})}
    desk.advance(desk.t + 5)
    desk.do(cp.TicketAction(chat.id, "create", {k: v for k, v in values.items() if v}))


def _resolve_ticket(desk: ChatDesk, chat: Chat, tickets: Tickets) -> None:
    """Once the chat is done: its ticket resolved with the close code expected, if any."""
    expect = chat.ticket
    number = desk.made(chat.id)
    left_out = chat.id in tickets and tickets[chat.id] is None
    if expect is None or expect.close_code is None or not number or left_out:
        return
    values = {"close_code": expect.close_code, "solution": " ".join(expect.note.split())}
    if expect.inform:
        values["customer_informed"] = "true"
    desk.advance(desk.t + 3)
    desk.do(cp.TicketAction(chat.id, "resolve", values, ticket=number))


def operator(
    desk: ChatDesk,
    replies: Replies | None = None,
    *,
    late: frozenset[tuple[str, str]] = frozenset(),
    fields: dict[str, str] | None = None,
    tickets: Tickets | None = None,
) -> None:
    """Answers each customer message that asks a reply, one at a time in the order they came:
    reads it, types a reply key by key and sends it; the model reply unless ``replies`` says
    otherwise (None: leaves it unanswered). A message in ``late`` is answered only when its
    target has passed. Acknowledges screen messages in 3 s, even while typing; enters each
    chat's fields (its ``expected`` unless ``fields`` says otherwise) after its last reply, and
    ends. In a session with a helpdesk system it makes each chat's ticket after its first reply
    and resolves it once the chat is done (``tickets`` changes or leaves one out)."""
    exercise = desk.exercise
    replies = replies or {}
    fields = fields or {}
    todo: list[tuple[str, str]] = []
    seen = 0
    desk.acknowledge = True
    desk.do(cp.Due())
    while desk.t < 1800 and not desk.finished():
        while seen < len(desk.effects):
            effect = desk.effects[seen]
            seen += 1
            if isinstance(effect, cp.CustomerWrote) and effect.what == "message":
                chat = exercise.chat(effect.chat)
                assert chat is not None
                message = chat.message(effect.message_id)
                if message is not None and message.reply is not None:
                    todo.append((effect.chat, effect.message_id))
        if todo:
            chat_id, message_id = todo.pop(0)
            chat = exercise.chat(chat_id)
            assert chat is not None
            message = chat.message(message_id)
            assert message is not None and message.reply is not None
            text = replies.get((chat_id, message_id), message.reply.example)
            if (chat_id, message_id) in late:
                desk.advance(desk.t + message.reply.within + 1)
            desk.advance(desk.t + READ_SECONDS)
            if text is not None and desk.engine.status(chat_id) != "left":
                desk.type_and_send(chat_id, " ".join(text.split()))
                _make_ticket(desk, chat, tickets or {})
            if desk.engine.status(chat_id) == "done":
                _resolve_ticket(desk, chat, tickets or {})
                for form_field in chat.fields:
                    desk.advance(desk.t + 2)
                    desk.do(
                        cp.CommitField(
                            form_field.id, fields.get(form_field.id, form_field.expected)
                        )
                    )
            continue
        if all(desk.engine.status(c.id) in ("done", "left") for c in exercise.chats):
            desk.do(cp.End())
        else:
            desk.advance(desk.t + STEP)


def good_session(exercise: ChatExercise = WACHTWOORD) -> ChatDesk:
    desk = ChatDesk(exercise)
    operator(desk)
    return desk


@pytest.mark.parametrize("path", CHATS, ids=[p.stem for p in CHATS])
def test_a_good_operator_keeps_every_customer_and_finishes(path: Path) -> None:
    desk = good_session(load(path))
    assert desk.finished()
    assert desk.refusals() == []
    assert not [e for e in desk.journal if isinstance(e, ChatEvent) and e.action == "left"]
    sent = [e for e in desk.journal if isinstance(e, ChatEvent) and e.action == "sent"]
    asked = sum(1 for c in desk.exercise.chats for m in c.messages if m.reply is not None)
    assert len(sent) == asked


def test_the_customer_nudges_then_leaves_when_ignored() -> None:
    desk = ChatDesk(WACHTWOORD)
    patience = WACHTWOORD.chats[0].patience
    first = WACHTWOORD.chats[0].messages[0].at or 0.0
    desk.advance(first + patience.nudge_after - 1)
    assert desk.engine.status("an") == "waiting"
    desk.advance(first + patience.nudge_after + 1)
    assert desk.engine.status("an") == "impatient"
    nudges = [e for e in desk.effects if isinstance(e, cp.CustomerWrote) and e.what == "nudge"]
    assert [n.text for n in nudges] == [patience.nudge]
    desk.advance(first + patience.leave_after + 1)
    assert desk.engine.status("an") == "left"
    left = [e for e in desk.journal if isinstance(e, ChatEvent) and e.action == "left"]
    assert [e.t for e in left] == [pytest.approx(first + patience.leave_after, abs=STEP)]
    desk.do(cp.Send("an", "Goedemorgen, sorry voor het wachten!"))
    assert desk.refusals() == ["customer_left"]
    assert desk.engine.next_due() is None  # nothing more comes from her


def test_a_reply_in_time_stops_the_nudge_and_brings_the_next_message() -> None:
    desk = ChatDesk(WACHTWOORD)
    desk.advance(10)
    desk.do(cp.Send("an", "Goedemorgen, mag ik uw klantnummer?"))
    assert desk.engine.status("an") == "answered"
    delay = WACHTWOORD.chats[0].messages[1].delay
    desk.advance(10 + delay - STEP)
    assert not [
        e for e in desk.effects if isinstance(e, cp.CustomerWrote) and e.message_id == "nummer"
    ]
    desk.advance(10 + delay + STEP)
    wrote = [e for e in desk.effects if isinstance(e, cp.CustomerWrote) and e.what == "message"]
    assert [e.message_id for e in wrote] == ["vraag", "nummer"]
    assert desk.engine.status("an") == "waiting"


def test_a_reply_sent_after_the_customer_ran_out_of_patience_finds_them_gone() -> None:
    # the timer fired late (no Due at the leave time): the send itself finds her gone
    desk = ChatDesk(WACHTWOORD)
    desk.do(cp.Due())
    desk.t = 2 + WACHTWOORD.chats[0].patience.leave_after + 5
    desk.do(cp.Send("an", "Goedemorgen"))
    assert desk.refusals() == ["customer_left"]
    assert desk.engine.status("an") == "left"


def test_a_template_is_filled_from_the_record_and_named_in_the_reply() -> None:
    desk = ChatDesk(WACHTWOORD)
    desk.advance(3)
    out = desk.do(cp.InsertTemplate("an", "begroeting"))
    inserted = [e.text for e in out if isinstance(e, cp.InsertText)]
    assert inserted == [
        "Goedemorgen An Peeters, u chat met Lotte van de klantendienst. Waarmee kan ik u helpen?"
    ]
    desk.do(cp.Send("an", inserted[0] + " Mag ik uw klantnummer?"))
    sent = [e for e in desk.journal if isinstance(e, ChatEvent) and e.action == "sent"]
    assert [(e.template, e.text.endswith("klantnummer?")) for e in sent] == [("begroeting", True)]
    desk.do(cp.Send("an", "Nog iets?"))
    sent = [e for e in desk.journal if isinstance(e, ChatEvent) and e.action == "sent"]
    assert sent[-1].template == ""  # typed, not from a template


def test_what_may_not_be_done_is_refused_with_its_code() -> None:
    desk = ChatDesk(WACHTWOORD)
    desk.do(cp.Open("an"))  # before her first message
    desk.advance(3)
    desk.do(cp.Open("niemand"))
    desk.do(cp.Send("an", "   "))
    desk.do(cp.InsertTemplate("an", "bestaat-niet"))
    desk.do(cp.CommitField("bestaat-niet", "x"))
    desk.do(cp.Acknowledge())
    desk.do(cp.End())
    assert desk.refusals() == [
        "no_such_chat",
        "no_such_chat",
        "empty_reply",
        "no_such_template",
        "no_such_field",
        "no_message_waiting",
        "chats_open",
    ]
    assert not desk.finished()


def test_keys_and_fields_are_journaled_with_the_input_they_went_to() -> None:
    desk = ChatDesk(WACHTWOORD)
    desk.advance(3)
    desk.do(cp.Type(reply_box("an"), text="G"))
    desk.do(cp.Type(reply_box("an"), key="Backspace"))
    desk.do(cp.CommitField("klantnummer", " 4821 3975 "))
    desk.do(cp.CommitField("klantnummer", "4821 3975"))  # unchanged: not journaled again
    keys = [(e.field, e.text, e.key) for e in desk.journal if isinstance(e, KeyEvent)]
    assert keys == [("chat:an", "G", None), ("chat:an", None, "Backspace")]
    assert [(e.field, e.value) for e in desk.journal if isinstance(e, FieldEvent)] == [
        ("klantnummer", "4821 3975")
    ]


def test_the_same_session_writes_the_same_journal(tmp_path: Path) -> None:
    first, second = good_session(), good_session()
    assert first.journal == second.journal
    assert first.written(tmp_path, "a.jsonl").events == second.written(tmp_path, "b.jsonl").events
