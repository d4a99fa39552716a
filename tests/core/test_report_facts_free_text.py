"""A call's free-text fields on the keyboard heat map: a slip in the operator's own words (the
note, spell-checked against the model note and the dictionary) counts on the keys that went
wrong, in the report and in the per-key statistics, and the word is practised spelled right."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_call_engine import Desk, good_operator
from tests.core.test_shipped_calls import CALLS
from tests.journals import write_journal
from trainer.core import spelling
from trainer.core.call_scoring import CallResult
from trainer.core.free_text import meant
from trainer.core.journal import EndEvent, FieldEvent, _Event
from trainer.core.key_stats import session_keys
from trainer.core.keyboard import error_keys, load_layout
from trainer.core.report_facts import report_facts
from trainer.core.scoring import score
from trainer.paths import assets_dir

pytestmark = pytest.mark.skipif(
    spelling.dictionary("nl") is None, reason="needs the Dutch Hunspell dictionary"
)

CALL_ID = "nl-gesprek-01-wachtwoord"
NOTE = "Wachtwoord gereset voor jverstraete. Tijdelijk wachtwoord per sms."
SLIPPED = "Wachtwoord gereset voor jverstraete. Tijdelik wachtwrood per sms."


def call_with_note(tmp_path: Path, note: str):  # type: ignore[no-untyped-def]
    """The shipped password call handled well, with ``note`` as the note written."""
    call = next(c for c in CALLS if c.id == CALL_ID)
    desk = Desk(call)
    good_operator(desk)
    events: list[_Event] = [
        FieldEvent(t=e.t, field=e.field, value=note)
        if isinstance(e, FieldEvent) and e.field == "notitie"
        else e
        for e in desk.journal
    ]
    events.append(EndEvent(t=desk.t, reason="finished"))
    journal = write_journal(tmp_path / f"{len(note)}.jsonl", call, events)
    result = score(call, journal)
    assert isinstance(result, CallResult)
    return journal, result


def be_keys() -> tuple[object, dict[str, str]]:
    layout = load_layout(assets_dir() / "keyboards" / "be.json")
    return layout, {char: layout.strokes(char)[-1][0] for char in "jorw"}


def test_a_slip_in_the_note_shows_on_its_keys(tmp_path: Path) -> None:
    journal, result = call_with_note(tmp_path, SLIPPED)
    assert sorted(result.spelling.misspelled) == ["Tijdelik", "wachtwrood"]
    facts = report_facts(journal, result)
    layout, key = be_keys()
    on_keys = error_keys(layout, facts.error_pairs + facts.corrected_pairs)  # the heat map's
    assert on_keys[key["j"]] >= 1  # the j left out of Tijdelijk
    assert on_keys[key["r"]] >= 2  # wachtwrood: an r typed too early and one left out
    assert on_keys[key["w"]] == 0 and on_keys[key["o"]] == 0  # typed right everywhere
    # the words to practise are spelled as they should be, never as they were mistyped
    assert {"Tijdelijk", "wachtwoord"} <= set(facts.words_to_practise)
    assert not {"Tijdelik", "wachtwrood"} & set(facts.words_to_practise)
    # the per-key statistics of the progress window count the same errors
    part = session_keys(layout, journal, result, None)  # type: ignore[arg-type]
    assert part.errors[key["j"]] >= 1 and part.expected[key["j"]] >= 2


def test_a_note_spelled_right_puts_nothing_on_the_keys(tmp_path: Path) -> None:
    journal, result = call_with_note(tmp_path, NOTE)
    assert result.spelling.misspelled == []
    facts = report_facts(journal, result)
    layout, _key = be_keys()
    assert error_keys(layout, facts.error_pairs) == {}
    # its characters count as typed: the j of the note asked for (its error rate's base)
    assert facts.char_counts["j"] >= NOTE.count("j")


def test_the_word_meant_is_the_model_notes_then_the_dictionarys() -> None:
    model = [NOTE]
    assert meant("Tijdelik", "nl", model) == "Tijdelijk"  # the dictionary would say Tijdklik
    assert meant("tijdelik", "nl", model) == "tijdelijk"  # as typed: no Shift error made up
    assert meant("klnat", "nl", model) == "klant"  # not in the model: the dictionary's word
