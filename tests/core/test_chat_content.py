"""The shipped chat sessions as a set: enough of them per language, levels spread from 1 to 5
with three customers at once at the top, canned responses in each, and French that says vous."""

from __future__ import annotations

from collections import Counter

from tests.core.test_chat_engine import CHATS, load
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
