"""The shipped chat sessions as a set: enough of them per language, levels spread from 1 to 5
with three customers at once at the top, canned responses in each, French that says vous, and
chats that end in a ticket where a service desk makes one (a good operator passes them in
test_chat_scoring; here a bad one is caught)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.core.test_chat_engine import CHATS, ChatDesk, load, operator
from tests.core.test_chat_scoring import DATA, scored, why_not
from trainer.core.chat_scenario import PLACEHOLDER

SESSIONS = [load(path) for path in CHATS]


def test_enough_sessions_per_language_with_levels_spread() -> None:
    per_language = Counter(s.language for s in SESSIONS)
    assert per_language["nl"] >= 4 and per_language["fr"] >= 2 and per_language["en"] >= 2
    assert {s.level for s in SESSIONS if s.language == "nl"} == {1, 2, 3, 4, 5}
    for language in ("nl", "fr", "en"):
        levels = [s.level for s in SESSIONS if s.language == language]
        assert min(levels) <= 2 and max(levels) >= 4, language


def test_three_customers_at_once_at_the_top_levels_and_one_at_level_1() -> None:
    for s in SESSIONS:
        if s.level == 1:
            assert len(s.chats) == 1, s.id
        if s.level >= 4:
            assert len(s.chats) == 3, s.id
            assert len(s.screen) >= 4, s.id  # the screen changes while they write


def test_every_session_has_canned_responses_filled_from_the_record() -> None:
    for s in SESSIONS:
        assert len(s.templates) >= 3, s.id
        assert any(PLACEHOLDER.search(t.text) for t in s.templates), s.id


def test_french_sessions_say_vous_and_count_tu_as_impolite() -> None:
    for s in SESSIONS:
        if s.language == "fr":
            assert {"tu", "toi", "ton"} <= set(s.avoid), s.id


def _dir(tmp_path: Path, name: str) -> Path:
    (tmp_path / name).mkdir()
    return tmp_path / name


TICKETED = [s for s in SESSIONS if any(c.ticket is not None for c in s.chats)]


def test_chats_end_in_a_ticket_in_each_language() -> None:
    per_language = Counter(s.language for s in TICKETED)
    assert per_language["nl"] >= 2 and per_language["fr"] >= 1 and per_language["en"] >= 1
    for s in TICKETED:
        assert s.helpdesk is not None and s.helpdesk.routing and s.helpdesk.close_codes, s.id


@pytest.mark.parametrize("session", TICKETED, ids=[s.id for s in TICKETED])
def test_no_ticket_or_a_wrong_team_is_caught(session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    expected = [c for c in session.chats if c.ticket is not None and c.ticket.ticket == "new"]
    desk = ChatDesk(session)
    operator(desk, tickets={c.id: None for c in expected})
    missing = why_not(scored(desk, _dir(tmp_path, "none")))[DATA]
    assert [(code, p["contact"]) for code, p in missing] == [
        ("ticket_missing", c.id) for c in expected
    ]
    # each ticket sent to a team that is neither the one expected nor its category's own
    assert session.helpdesk is not None
    wrong: dict[str, dict[str, str] | None] = {}
    for c in expected:
        assert c.ticket is not None
        right = {c.ticket.team, session.helpdesk.team_for(c.ticket.category or "")}
        wrong[c.id] = {"team": next(t for t in session.helpdesk.teams if t not in right)}
    desk = ChatDesk(session)
    operator(desk, tickets=wrong)
    reasons = why_not(scored(desk, _dir(tmp_path, "wrong")))[DATA]
    assert [(code, p["contact"]) for code, p in reasons if code == "team_wrong"] == [
        ("team_wrong", c.id) for c in expected
    ]
