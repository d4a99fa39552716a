"""The facts of a session report, from sessions run as the app runs them: the errors per
character, the keys and words to practise, the advice, the timeline, the data-entry rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.journals import write_journal
from tests.report_sessions import WRONG_FIELD, WRONG_VALUE, call_session, drill_session
from trainer.core.call_scoring import CallResult
from trainer.core.exercise import CopyExercise
from trainer.core.journal import EndEvent, KeyEvent
from trainer.core.report_facts import report_facts, words_to_practise
from trainer.core.scoring import SessionResult, score


def typed(
    tmp_path: Path, text: str, keys: str, *, seconds: float = 0.2, min_wpm: int | None = None
):  # type: ignore[no-untyped-def]
    """A copy drill of ``text`` typed as ``keys`` (\b: Backspace), a key each ``seconds``."""
    drill = CopyExercise(
        format=1, id="nl-copy-x", title="X", language="nl", kind="copy", level=1, text=text,
        min_wpm=min_wpm,
    )  # fmt: skip
    events = [
        KeyEvent(t=1 + i * seconds, key="Backspace")
        if k == "\b"
        else KeyEvent(t=1 + i * seconds, text=k)
        for i, k in enumerate(keys)
    ]
    events.append(EndEvent(t=2 + len(keys) * seconds, reason="finished"))
    journal = write_journal(tmp_path / f"x{len(list(tmp_path.iterdir()))}.jsonl", drill, events)
    result = score(drill, journal)
    assert isinstance(result, SessionResult)
    return journal, result


def test_a_drill_names_the_key_and_the_word_it_missed(tmp_path: Path) -> None:
    drill, journal = drill_session(tmp_path)
    result = score(drill, journal)
    assert isinstance(result, SessionResult)
    facts = report_facts(journal, result, drill.text)
    # one 'e' typed as 'r' and left ("brlde"); an 'r' typed as 't' and an 'e' as 'r',
    # each corrected at once
    assert facts.error_pairs == [("e", "r")]
    assert facts.corrected_pairs == [("r", "t"), ("e", "r")]
    # a key to practise is one hit wrong, corrected or not
    assert facts.char_errors == {"e": 2, "r": 1}
    assert [(k.char, k.errors) for k in facts.keys_to_practise] == [("e", 2), ("r", 1)]
    assert facts.keys_to_practise[0].occurrences == drill.text.count("e")
    assert facts.words_to_practise == ["belde"]
    assert [a.code for a in facts.advice] == ["practise_keys", "practise_words"]
    assert facts.data_entry == []
    # every keystroke is in the keystrokes per second, in the second it was typed
    assert sum(facts.timeline.keys_per_second) == len(journal.keys)
    assert facts.timeline.keys_per_second[0] == 0 and facts.timeline.keys_per_second[1] > 0


def test_the_keys_most_often_wrong_come_first(tmp_path: Path) -> None:
    # 'a' typed as 's' three times, 'o' as 'p' once
    journal, result = typed(tmp_path, "ja ja ja zo", "js js js zp")
    facts = report_facts(journal, result, "ja ja ja zo")
    assert [(k.char, k.errors, k.occurrences) for k in facts.keys_to_practise] == [
        ("a", 3, 3),
        ("o", 1, 1),
    ]
    assert facts.words_to_practise == ["ja", "zo"]


def test_words_to_practise_most_often_first_without_punctuation() -> None:
    assert words_to_practise(["klant,", "factuur.", "Klant", "factuur", "(factuur)"]) == [
        "factuur",
        "klant",
        "Klant",
    ]
    assert words_to_practise(["...", ""]) == []


def test_advice_for_a_slow_drill_and_for_many_corrections(tmp_path: Path) -> None:
    text = "de klant belt terug"
    journal, result = typed(tmp_path, text, text, seconds=1.0, min_wpm=30)
    facts = report_facts(journal, result, text)
    assert [a.code for a in facts.advice] == ["speed_up"]
    assert facts.advice[0].params["min_wpm"] == 30
    sloppy = "x\bd" "x\be" " klant belt terug"  # fmt: skip
    journal, result = typed(tmp_path, text, sloppy)
    assert result.passed
    facts = report_facts(journal, result, text)
    assert [a.code for a in facts.advice] == ["practise_keys", "accuracy_first"]
    assert facts.error_pairs == [] and facts.corrected_pairs == [("d", "x"), ("e", "x")]


def test_only_a_wrong_key_erased_counts_as_corrected(tmp_path: Path) -> None:
    text = "de klant belt"
    # "klsnt" erased back to "kl": only the 's' was wrong; a right 'b' erased is no error
    journal, result = typed(tmp_path, text, "de klsnt\b\b\bant b\bbelt")
    facts = report_facts(journal, result, text)
    assert facts.corrected_pairs == [("a", "s")]
    assert facts.error_pairs == []


def test_a_faultless_drill_is_told_to_go_on(tmp_path: Path) -> None:
    journal, result = typed(tmp_path, "tot morgen", "tot morgen")
    assert [a.code for a in report_facts(journal, result, "tot morgen").advice] == ["all_good"]


@pytest.fixture(scope="module")
def call(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    exercise, journal = call_session(tmp_path_factory.mktemp("call"))
    result = score(exercise, journal)
    assert isinstance(result, CallResult)
    return exercise, journal, result


def test_a_call_gives_its_data_entry_rows_and_the_typo_in_them(call) -> None:  # type: ignore[no-untyped-def]
    exercise, journal, result = call
    facts = report_facts(journal, result)
    rows = {r.field: r for r in facts.data_entry}
    assert list(rows) == [f.id for f in exercise.fields]
    wrong = rows[WRONG_FIELD]
    assert (wrong.entered, wrong.verdict) == (WRONG_VALUE, "wrong")
    assert wrong.expected == "Stationsstraat 57"
    assert wrong.seconds_after_said == pytest.approx(1.5, abs=0.1)
    assert all(r.verdict == "right" for r in facts.data_entry if r.field != WRONG_FIELD)
    # "Stationsstraat" typed "Statoinstraat": i and o swapped, an s left out
    assert facts.error_pairs == [("io", "oi"), ("s", "")]
    assert {k.char for k in facts.keys_to_practise} == {"i", "o", "s"}
    assert facts.words_to_practise == ["Stationsstraat"]


def test_a_call_timeline_has_its_clips_screen_events_and_actions(call) -> None:  # type: ignore[no-untyped-def]
    _exercise, journal, result = call
    timeline = report_facts(journal, result).timeline
    heard = [e for e in journal.audio if e.action == "end"]
    assert [c.clip for c in timeline.clips] == [e.clip for e in heard]
    assert all(0 <= c.start < c.end <= timeline.duration for c in timeline.clips)
    actions = [m.name for m in timeline.marks if m.kind == "action"]
    assert actions[0] == "answered" and "wrapup" in actions
    assert any(m.kind == "screen" for m in timeline.marks)
    fields = {m.name for m in timeline.marks if m.kind == "field"}
    assert WRONG_FIELD in fields
    # a call's journal keeps field commits, not keystrokes
    assert sum(timeline.keys_per_second) == 0
    assert len(timeline.keys_per_second) >= int(result.duration)
