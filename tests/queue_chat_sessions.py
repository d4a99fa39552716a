"""A queue shift and a chat session for the tests of what a coach does with them (report,
export, sessions list, past results, portfolio, progress), made as the app makes them: the
shipped level-1 shift worked through the queue engine by the simulated operator of
tests/core/test_queue_engine.py with the printer sent to the wrong team, and the shipped
password chat driven through the chat engine (tests/core/test_chat_engine.py) with one reply
that forgets the e-mail address and the thanks, and misspells a word."""

from __future__ import annotations

from pathlib import Path

from tests.core.test_chat_engine import WACHTWOORD, ChatDesk, operator
from tests.core.test_queue_engine import LEVEL_1, Operator
from tests.journals import write_journal
from trainer.core.chat_scenario import ChatExercise
from trainer.core.journal import EndEvent, Journal
from trainer.core.queue_scenario import Arrival, QueueExercise

QUEUE_ID = LEVEL_1.id
CHAT_ID = WACHTWOORD.id
WRONG_TEAM_CONTACT, WRONG_TEAM = "printer-magazijn", "applicaties"
SHORT_REPLY = ("an", "nummer")
# (with one word misspelt, within the margin: a word for adaptive practice and the report)
SHORT_TEXT = "Ik heb een link gestuurd om uw wachtwoord te herstelen."
TRAINEE = "Sofie Maes"


def _wrong_team(arrival: Arrival, op: str, values: dict[str, str]) -> dict[str, str]:
    if arrival.id == WRONG_TEAM_CONTACT and "team" in values:
        return {**values, "team": WRONG_TEAM}
    return values


def queue_session(folder: Path, name: str = "queue.jsonl") -> tuple[QueueExercise, Journal]:
    """The level-1 shift to its end, the warehouse printer's ticket given to the wrong team."""
    worker = Operator(LEVEL_1, spoil=_wrong_team)
    worker.run()
    journal = write_journal(folder / name, LEVEL_1, worker.journal, trainee=TRAINEE)
    return LEVEL_1, journal


def chat_session(folder: Path, name: str = "chat.jsonl") -> tuple[ChatExercise, Journal]:
    """The password chat to its end, the second reply short of its e-mail address and thanks."""
    desk = ChatDesk(WACHTWOORD)
    operator(desk, {SHORT_REPLY: SHORT_TEXT})
    events = [*desk.journal, EndEvent(t=desk.t, reason="finished")]
    return WACHTWOORD, write_journal(folder / name, WACHTWOORD, events, trainee=TRAINEE)
