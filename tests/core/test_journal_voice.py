"""The trainee's voice in the journal: ``voice`` lines are read back, a journal without them is
a call without a recording, a damaged one is skipped like any other, and scoring ignores them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.core.test_call_scoring import CALL, good_call, journal_of
from trainer.core.journal import EndEvent, VoiceEvent, read_journal
from trainer.core.scoring import score

START = VoiceEvent(t=0.412, action="start", file="x.voice.opus", rate=16000)
END = VoiceEvent(t=71.9, action="end", frame=1_145_408, lost=320)


def with_voice(events: list) -> list:
    """The good call with its recording: started before the phone rang, ended at the end."""
    return [events[0], START, *events[1:-1], END, events[-1]]


def test_voice_lines_are_read_back_and_change_no_result(tmp_path: Path) -> None:
    plain = journal_of(tmp_path, good_call())
    recorded = journal_of(tmp_path, with_voice(good_call()))
    # the last sample's time comes from the microphone's clock: written before the end line,
    # it may lie a little after it, as a clip's heard end may
    text = recorded.path.read_text(encoding="utf-8")
    recorded.path.write_text(text.replace('"t":71.9,', '"t":72.05,'), encoding="utf-8")
    recorded = read_journal(recorded.path)
    assert not recorded.damage
    late = END.model_copy(update={"t": 72.05})
    assert [e for e in recorded.events if isinstance(e, VoiceEvent)] == [START, late]
    assert isinstance(recorded.events[-1], EndEvent)
    a, b = score(CALL, plain), score(CALL, recorded)
    assert a.model_dump(exclude={"journal"}) == b.model_dump(exclude={"journal"})
    assert a.passed and b.passed


def test_no_recording_and_why(tmp_path: Path) -> None:
    why = VoiceEvent(t=0.0, action="none", reason="no_microphone")
    journal = journal_of(tmp_path, [good_call()[0], why, *good_call()[1:]])
    assert [e for e in journal.events if isinstance(e, VoiceEvent)] == [why]


def test_an_unknown_reason_is_a_damaged_line_and_the_rest_still_counts(tmp_path: Path) -> None:
    journal = journal_of(tmp_path, with_voice(good_call()))
    lines = journal.path.read_bytes().split(b"\n")
    at = next(i for i, line in enumerate(lines) if b'"voice"' in line and b'"end"' in line)
    event = json.loads(lines[at])
    event["reason"] = "microphone_exploded"
    lines[at] = json.dumps(event).encode()
    journal.path.write_bytes(b"\n".join(lines))
    again = read_journal(journal.path)
    assert [(d.line, d.code) for d in again.damage] == [(at + 1, "not_an_event")]
    assert score(CALL, again).passed
