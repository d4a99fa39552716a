"""Knowledge-base articles proposed in a call, a queue shift and a chat (issue 14 §1): each
engine journals the proposal as the helpdesk's ``propose_article`` line, the result carries it
for the coach, no verdict changes for it, and a call with one is rebuilt line for line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_call_engine import CALLS
from tests.core.test_call_resume import LoggedDesk, play, state, uncut
from tests.core.test_chat_engine import WACHTWOORD, ChatDesk, operator
from tests.core.test_queue_engine import LEVEL_1, Operator
from tests.journals import write_journal
from trainer.core import call_engine as ce
from trainer.core import chat_protocol as cp
from trainer.core import queue_engine as qe
from trainer.core.call_resume import rebuild_call
from trainer.core.call_scoring import CallResult
from trainer.core.chat_scoring import ChatResult
from trainer.core.journal import EndEvent, TicketEvent
from trainer.core.proposals import ArticleProposal
from trainer.core.scoring import score

CALL = next(c for c in CALLS if c.language == "nl")
CHANGED = {"title": "Wachtwoord vergeten", "body": "Stap 1: open het portaal.", "article": "kb-1"}
# a new article typed in haste: its misspellings are the coach's to read, not a fault counted
HASTY = {"title": "Printr op de 2de verdiep", "body": "Herstrat de printr en kijk de kabel na."}


def _verdict(result: object) -> object:
    """What a verdict is made of: passed, and each competence shown or not with its reasons."""
    competences = getattr(result, "competences")  # noqa: B009
    return getattr(result, "passed"), [c.model_dump() for c in competences]  # noqa: B009


# a call ---------------------------------------------------------------------------------------
def _call_with_proposals() -> tuple[LoggedDesk, LoggedDesk]:
    """The good operator's call, and the same call with a change and a new article proposed
    in the middle of it (while the customer talks)."""
    whole = uncut(CALL)
    middle = whole.log[len(whole.log) // 2][0]
    log = list(whole.log)
    at = next(i for i, item in enumerate(log) if item[0] >= middle)
    log[at:at] = [
        (middle, middle, ce.ProposeArticle(CHANGED["title"], CHANGED["body"], "kb-1")),
        (middle, middle + 0.5, ce.ProposeArticle(HASTY["title"], HASTY["body"])),
        (middle, middle + 0.6, ce.ProposeArticle("", "Zonder titel")),  # not kept
    ]
    proposed = LoggedDesk(CALL, whole.headset)
    play(proposed, log)
    assert proposed.finished()
    return whole, proposed


def test_a_call_journals_its_proposals_and_the_result_keeps_them(tmp_path: Path) -> None:
    whole, proposed = _call_with_proposals()
    lines = [e for e in proposed.journal if isinstance(e, TicketEvent)]
    assert [(e.op, e.values) for e in lines] == [
        ("propose_article", CHANGED),
        ("propose_article", HASTY),
    ]
    result = proposed.scored(tmp_path)
    assert result.proposals == [
        ArticleProposal(t=lines[0].t, title=CHANGED["title"], body=CHANGED["body"], article="kb-1"),
        ArticleProposal(t=lines[1].t, title=HASTY["title"], body=HASTY["body"]),
    ]
    plain = whole.scored(tmp_path / "plain")
    assert plain.proposals == []
    assert _verdict(result) == _verdict(plain)
    assert result.spelling == plain.spelling


def test_a_call_with_proposals_is_rebuilt_line_for_line() -> None:
    _, proposed = _call_with_proposals()
    last = max(e.t for e in proposed.journal if isinstance(e, TicketEvent))
    cut = round(last + 0.05, 3)
    cut_off = LoggedDesk(CALL, proposed.headset)
    play(cut_off, [item for item in proposed.log if item[0] <= cut and item[1] <= cut])
    kept = list(cut_off.journal)
    assert sum(isinstance(e, TicketEvent) for e in kept) == 2
    rebuilt = rebuild_call(CALL, kept, cut_off.headset, cut)
    assert state(rebuilt.engine) == state(cut_off.engine)
    assert rebuilt.missing == []
    assert [e for e in rebuilt.lines if isinstance(e, TicketEvent)] == [
        e for e in kept if isinstance(e, TicketEvent)
    ]


# a queue shift --------------------------------------------------------------------------------
def test_a_queue_proposal_is_kept_and_scores_nothing(tmp_path: Path) -> None:
    plain = Operator(LEVEL_1)
    plain.run()
    proposing = Operator(LEVEL_1)
    proposing.wait_until(20.0)
    out = proposing.do(qe.TicketAction("propose_article", values=HASTY))
    assert not [e for e in out if isinstance(e, qe.Refuse)]
    proposing.run()
    refused = proposing.do(qe.TicketAction("propose_article", values={"title": "Alleen titel"}))
    assert refused == [qe.Refuse("shift_over")]

    result = proposing.result(tmp_path)
    assert [(p.t, p.title, p.body, p.article) for p in result.proposals] == [
        (20.0, HASTY["title"], HASTY["body"], "")
    ]
    before = plain.result(tmp_path / "plain")
    assert _verdict(result) == _verdict(before)
    # its words are no words typed into the tickets: the spelling figure is the shift's own
    assert result.spelling == before.spelling


def test_a_queue_proposal_without_its_text_is_refused() -> None:
    shift = Operator(LEVEL_1)
    out = shift.do(qe.TicketAction("propose_article", values={"title": "Alleen titel"}))
    assert out == [qe.Refuse("missing_field", "body")]
    assert shift.journal == []


# a chat ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("where", ["before any chat", "beside the chat"])
def test_a_chat_without_helpdesk_keeps_a_proposal(where: str, tmp_path: Path) -> None:
    assert WACHTWOORD.helpdesk is None
    plain = ChatDesk(WACHTWOORD)
    operator(plain)
    desk = ChatDesk(WACHTWOORD)
    desk.do(cp.Due())
    chat = ""
    if where == "beside the chat":
        desk.advance((WACHTWOORD.chats[0].messages[0].at or 0) + 1)
        chat = WACHTWOORD.chats[0].id
    assert desk.do(cp.TicketAction(chat, "propose_article", {"title": "x", "body": " "})) == [
        cp.TicketRefused("missing_field", "body")
    ]
    desk.do(cp.TicketAction(chat, "propose_article", CHANGED))
    operator(desk)
    [line] = [e for e in desk.journal if isinstance(e, TicketEvent)]
    assert (line.op, line.contact, line.values) == ("propose_article", chat, CHANGED)

    result = score(WACHTWOORD, desk.written(tmp_path))
    assert isinstance(result, ChatResult)
    assert [(p.title, p.article, p.contact) for p in result.proposals] == [
        (CHANGED["title"], "kb-1", chat)
    ]
    assert _verdict(result) == _verdict(score(WACHTWOORD, plain.written(tmp_path, "plain.jsonl")))


def test_a_chat_proposal_names_a_chat_that_came() -> None:
    desk = ChatDesk(WACHTWOORD)
    out = desk.do(cp.TicketAction("no-such-chat", "propose_article", CHANGED))
    assert [e for e in out if isinstance(e, cp.Refuse)] == [cp.Refuse("no_such_chat")]
    assert desk.journal == []


def test_an_older_result_reads_without_proposals(tmp_path: Path) -> None:
    """Results stored before proposals were kept read back with none."""
    desk = uncut(CALL)
    journal = write_journal(
        tmp_path / "c.jsonl", CALL, [*desk.journal, EndEvent(t=desk.t, reason="finished")]
    )
    result = score(CALL, journal)
    assert isinstance(result, CallResult)
    stored = result.model_dump(mode="json")
    del stored["proposals"]
    assert CallResult.model_validate(stored).proposals == []
