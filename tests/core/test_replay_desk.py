"""The replay of a queue shift and of a chat session, headless: real journals made by driving the
engines with the simulated operators of test_queue_engine and test_chat_engine, and the desk
as it stood at chosen moments (contacts, tickets with both SLA timers, the text being typed,
each conversation's messages and reply box, a customer who left), and the marks N and P go to
(each arrival, each reason of the score at its moment)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_chat_engine import WACHTWOORD, ChatDesk, operator
from tests.core.test_queue_engine import LEVEL_1, Operator
from tests.core.test_queue_voice import CALL, CLIP, FakeHeadset
from tests.journals import write_journal
from trainer.core import chat_protocol as cp
from trainer.core import queue_engine as qe
from trainer.core.chat_scenario import reply_box
from trainer.core.chat_scoring import ChatResult
from trainer.core.journal import EndEvent, Journal, KeyEvent, TicketEvent, _Event, read_journal
from trainer.core.queue_scenario import Arrival
from trainer.core.queue_scoring import QueueResult
from trainer.core.replay_chat import ChatReplay, chat_replay_of
from trainer.core.replay_desk import QueueReplay, queue_replay_of
from trainer.core.scoring import score

PRINTER = "printer-magazijn"  # arrives at 60 s; P2: a response within 120 s


def _no_team(arrival: Arrival, op: str, values: dict[str, str]) -> dict[str, str]:
    """The printer's ticket made but never assigned: it stays new, its response runs."""
    if arrival.id == PRINTER:
        return {k: v for k, v in values.items() if k != "team"}
    return values


def queue_replay(tmp_path: Path) -> tuple[QueueReplay, QueueResult, Journal]:
    """The level-1 shift, each contact handled the moment it is taken; the printer's ticket
    left new and unassigned."""
    worker = Operator(LEVEL_1, spoil=_no_team, work=0.0)
    worker.run()
    result = worker.result(tmp_path)
    journal = read_journal(tmp_path / f"{LEVEL_1.id}.jsonl")
    return queue_replay_of(LEVEL_1, journal, result), result, journal


def chat_replay(tmp_path: Path) -> tuple[ChatReplay, ChatResult, Journal]:
    """The password chat with its first question never answered: An nudges, then leaves."""
    desk = ChatDesk(WACHTWOORD)
    operator(desk, {("an", "vraag"): None})
    journal = desk.written(tmp_path)
    result = score(WACHTWOORD, journal)
    assert isinstance(result, ChatResult)
    return chat_replay_of(WACHTWOORD, journal, result), result, journal


def test_the_queue_at_chosen_moments(tmp_path: Path) -> None:
    replay, result, _journal = queue_replay(tmp_path)
    printer = next(c for c in result.contacts if c.id == PRINTER)
    assert printer.picked_at == 60.0 and printer.ticket is not None
    # before the printer's mail: two contacts came, the first taken, the second waiting
    before = replay.queue_at(59.0)
    assert [c for c, _ in before.arrived] == ["wachtwoord"]
    assert before.waiting == () and [c for c, _ in before.taken] == ["wachtwoord"]
    numbers = [k.ticket.number for k in before.tickets]
    assert "INC1040" in numbers and printer.ticket not in numbers  # the start ticket is there
    # the printer's ticket just made: new, its response running; at 120 s past its arrival
    # it is breached, on the ticket the helpdesk holds
    made = replay.queue_at(61.0)
    ticket = next(k for k in made.tickets if k.ticket.number == printer.ticket)
    assert ticket.ticket.status == "new" and ticket.timers.priority == "P2"
    assert ticket.timers.response.status == "running"
    assert made.current == PRINTER and made.ticket == printer.ticket
    late = replay.queue_at(60.0 + 120.0 + 0.5)
    ticket = next(k for k in late.tickets if k.ticket.number == printer.ticket)
    assert ticket.timers.response.status == "breached"
    # the password's ticket: resolved at once, both timers met and stopped
    resolved = next(k for k in late.tickets if k.ticket.status == "resolved")
    assert resolved.timers.response.status == "met" and resolved.timers.resolution.stopped


def test_the_ticket_text_as_typed_so_far(tmp_path: Path) -> None:
    replay, _result, journal = queue_replay(tmp_path)
    # keys typed into the form between two actions (the operator sends values only): added
    # to the journal as the queue screen stamps them, note and Backspace
    keys = [
        KeyEvent(t=62.0 + n * 0.2, text=ch, field="ticket.note") for n, ch in enumerate("Papierx")
    ]
    keys.append(KeyEvent(t=64.0, key="Backspace", field="ticket.note"))
    typed = write_journal(tmp_path / "typed.jsonl", LEVEL_1, [*journal.events, *keys])
    result = score(LEVEL_1, typed)
    assert isinstance(result, QueueResult)
    replay = queue_replay_of(LEVEL_1, typed, result)
    assert replay.queue_at(62.3).typed["ticket.note"] == "Pa"
    assert replay.queue_at(63.5).typed["ticket.note"] == "Papierx"
    assert replay.queue_at(64.0).typed["ticket.note"] == "Papier"
    assert replay.queue_at(61.0).typed["ticket.note"] == ""
    # the next action on a ticket (a contact taken, a ticket made) starts a new form
    later = next(e.t for e in typed.events if e.t > 64.0 and isinstance(e, TicketEvent))
    assert replay.queue_at(later).typed["ticket.note"] == ""


def test_the_queue_marks_are_its_arrivals_and_reasons_at_their_moment(tmp_path: Path) -> None:
    replay, result, _journal = queue_replay(tmp_path)
    arrivals = [(m.t, m.name) for m in replay.marks if m.kind == "arrival"]
    assert arrivals == sorted((a.at, a.id) for a in LEVEL_1.arrivals)
    reasons = {(m.name, m.detail): m for m in replay.marks if m.kind == "reason"}
    breach = reasons[("sla_response_breached", PRINTER)]
    assert breach.t == pytest.approx(60.0 + 120.0 + 0.001)  # counted from the arrival, as scored
    late = replay.queue_at(breach.t)
    ticket = next(k for k in late.tickets if k.ticket.number == breach.value)
    assert ticket.timers.response.status == "breached"  # the ticket shows it there
    assert breach.reason is not None and breach.reason in result.reasons
    team = reasons[("team_wrong", PRINTER)]
    assert team.t == 60.0  # the create that left it out
    # N and P go from mark to mark
    assert replay.next_mark(61.0) is not None
    assert replay.next_mark(breach.t - 1) == breach
    assert replay.previous_mark(breach.t + 1) == breach
    assert replay.queue_at(breach.t).t == breach.t


def test_the_chats_at_chosen_moments(tmp_path: Path) -> None:
    replay, result, _journal = chat_replay(tmp_path)
    an = WACHTWOORD.chats[0]
    first = an.messages[0]
    arrived = first.at or 0.0
    start = replay.chats_at(arrived)
    assert [(x.who, x.what, x.text) for x in start.conversations[0].lines] == [
        ("customer", "message", first.text)
    ]
    nudged = replay.chats_at(arrived + an.patience.nudge_after + 0.5)
    assert [x.what for x in nudged.conversations[0].lines] == ["message", "nudge"]
    assert nudged.conversations[0].left_at is None
    gone = replay.chats_at(arrived + an.patience.leave_after + 0.5)
    conversation = gone.conversations[0]
    assert conversation.left_at == pytest.approx(arrived + an.patience.leave_after, abs=0.25)
    assert conversation.lines[-1].what == "leave"
    assert conversation.lines[-1].text == an.patience.leave
    left = next(c for c in result.conversations if c.id == "an")
    assert left.left_at == conversation.left_at


def test_a_reply_box_as_typed_and_the_reply_as_sent(tmp_path: Path) -> None:
    desk = ChatDesk(WACHTWOORD)
    desk.advance((WACHTWOORD.chats[0].messages[0].at or 0.0) + 3)
    desk.type_and_send("an", "Goedemorgen")
    sent_at = desk.t
    journal = desk.written(tmp_path)
    result = score(WACHTWOORD, journal)
    assert isinstance(result, ChatResult)
    replay = chat_replay_of(WACHTWOORD, journal, result)
    box = [e for e in journal.keys if e.field == reply_box("an")]
    assert replay.chats_at(box[3].t).conversations[0].typed == "Goed"
    assert replay.chats_at(box[-1].t).conversations[0].typed == "Goedemorgen"
    after = replay.chats_at(sent_at).conversations[0]
    assert after.typed == ""  # the box empties as the reply goes
    assert (after.lines[-1].who, after.lines[-1].text) == ("trainee", "Goedemorgen")
    assert replay.chats_at(sent_at).active == "an"


def test_the_chat_marks_are_the_messages_and_the_customer_leaving(tmp_path: Path) -> None:
    replay, result, _journal = chat_replay(tmp_path)
    an = WACHTWOORD.chats[0]
    arrived = an.messages[0].at or 0.0
    kinds = [(m.kind, m.detail) for m in replay.marks if m.kind == "arrival"]
    assert kinds[:2] == [("arrival", "message"), ("arrival", "nudge")]
    left = [m for m in replay.marks if m.kind == "reason" and m.name == "customer_left"]
    assert len(left) == 1 and left[0].detail == "an"
    assert left[0].t == pytest.approx(arrived + an.patience.leave_after, abs=0.25)
    assert replay.next_mark(left[0].t - 1) == left[0]
    assert replay.chats_at(left[0].t).conversations[0].left_at is not None
    assert not result.passed


def test_a_callers_clip_sounds_in_the_replay_where_it_was_heard(tmp_path: Path) -> None:
    """The caller of the level-1 shift taken at 335 s on a headset: the replay's sound plays
    their clip from 335.2 s (when the headset heard it start) to its end, from its start."""
    engine = qe.QueueEngine(LEVEL_1, FakeHeadset())
    events: list[_Event] = []
    for action, t in (
        (qe.Tick(), 331.0),
        (qe.Pick(CALL), 335.0),
        (qe.ClipHeard(0.0), 335.2),
        (qe.ClipFinished(), 349.2),
        (qe.EndShift(), 360.0),
    ):
        events += [e.event for e in engine.handle(action, t) if isinstance(e, qe.Record)]
    events.append(EndEvent(t=360.0, reason="finished"))
    journal = write_journal(tmp_path / "caller.jsonl", LEVEL_1, events)
    result = score(LEVEL_1, journal)
    assert isinstance(result, QueueResult)
    replay = queue_replay_of(LEVEL_1, journal, result)
    assert replay.state_at(335.1).sounding == ()
    ((sound, at),) = replay.state_at(340.2).sounding
    assert (sound.source, sound.file, sound.subtitle) == ("customer", CLIP, False)
    assert at == pytest.approx(5.0)
    assert replay.state_at(349.3).sounding == ()
    assert replay.queue_at(340.2).current == CALL


def test_a_canned_response_shows_in_the_reply_box_when_it_was_put_there(tmp_path: Path) -> None:
    desk = ChatDesk(WACHTWOORD)
    desk.advance(5.0)
    desk.do(cp.Open("an"))
    inserted = [
        e for e in desk.do(cp.InsertTemplate("an", "begroeting")) if isinstance(e, cp.InsertText)
    ]
    assert len(inserted) == 1
    filled = inserted[0].text
    desk.advance(6.0)
    desk.do(cp.Type(reply_box("an"), text="!"))
    desk.advance(7.0)
    desk.do(cp.Send("an", filled + "!"))
    journal = desk.written(tmp_path)
    result = score(WACHTWOORD, journal)
    assert isinstance(result, ChatResult)
    replay = chat_replay_of(WACHTWOORD, journal, result)
    assert replay.chats_at(4.9).conversations[0].typed == ""
    assert replay.chats_at(5.0).conversations[0].typed == filled  # put there whole, filled in
    assert replay.chats_at(6.5).conversations[0].typed == filled + "!"
    after = replay.chats_at(7.0).conversations[0]
    assert after.typed == "" and after.lines[-1].template == "begroeting"
