"""A caller in the helpdesk queue speaks when taken: the queue engine decides when the clip
plays, what is journaled (as a call journals its customer's clips) and what is shown instead
when it cannot be heard. Driven headless on a fake headset; the score says how each caller
reached the trainee.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tests.conftest import REPO
from tests.journals import write_journal
from trainer.core import queue_engine as qe
from trainer.core.journal import ActionEvent, AudioEvent, EndEvent, _Event
from trainer.core.loader import load_exercise
from trainer.core.queue_scenario import QueueExercise
from trainer.core.queue_scoring import QueueResult
from trainer.core.scoring import score

SHIFT = REPO / "exercises/nl/queue/nl-wachtrij-01-maandagochtend.yaml"
CALL, CLIP = "scherm-planning", "nl-wachtrij-01-01"  # the level-1 shift's caller, at 330 s
LENGTH = 14.0


@dataclass
class FakeHeadset:
    """What the engine may ask of the headset: open or not, every clip this long."""

    open: bool = True

    def device_open(self) -> bool:
        return self.open

    def hearable(self, clip: str) -> bool:
        return self.open

    def seconds(self, clip: str) -> float:
        return LENGTH

    def underflows(self) -> int:
        return 0


def shift() -> QueueExercise:
    exercise, _ = load_exercise(Path(SHIFT))
    assert isinstance(exercise, QueueExercise)
    return exercise


def audio(effects: list[qe.Effect]) -> list[tuple[str, float, float, float | None, bool | None]]:
    """The audio lines journaled: (action, t, position, length, subtitle)."""
    return [
        (e.event.action, e.event.t, e.event.position, e.event.length, e.event.subtitle)
        for e in effects
        if isinstance(e, qe.Record) and isinstance(e.event, AudioEvent)
    ]


def shown(effects: list[qe.Effect]) -> list[str]:
    return [e.words for e in effects if isinstance(e, qe.ContactShown)]


def test_a_caller_with_a_recording_is_heard_when_taken() -> None:
    engine = qe.QueueEngine(shift(), FakeHeadset())
    engine.handle(qe.Tick(), 331)
    taken = engine.handle(qe.Pick(CALL), 335)
    # answered, the clip asked for; what they say is heard, not shown
    assert [e.event.action for e in taken if isinstance(e, qe.Record)] == ["answered", "play"]
    assert qe.PlayClip(CLIP) in taken and shown(taken) == ["voice"]
    assert audio(taken) == [("play", 335, 0.0, None, None)]
    # the headset says when it was heard starting and ending: journaled with the clip's length
    assert audio(engine.handle(qe.ClipHeard(0.0), 335.2)) == [("start", 335.2, 0.0, LENGTH, None)]
    assert audio(engine.handle(qe.ClipFinished(), 349.2)) == [("end", 349.2, 0.0, None, None)]
    # going back to the caller shows them again: nothing played or journaled twice
    again = engine.handle(qe.Pick(CALL), 360)
    assert shown(again) == ["voice"] and audio(again) == []
    assert not any(isinstance(e, qe.PlayClip) for e in again)
    # a mail is read: no sound
    mail = engine.handle(qe.Pick("wachtwoord"), 361)
    assert shown(mail) == ["text"] and audio(mail) == []


def test_without_a_headset_the_caller_is_read_and_told() -> None:
    for sound in (FakeHeadset(open=False), None):
        engine = qe.QueueEngine(shift(), sound)
        engine.handle(qe.Tick(), 331)
        taken = engine.handle(qe.Pick(CALL), 335)
        assert not any(isinstance(e, qe.PlayClip) for e in taken)
        assert shown(taken) == ["subtitle"] and qe.Notice("no_sound") in taken
        length = LENGTH if sound is not None else None  # (no headset at all: not measured)
        assert audio(taken) == [("play", 335, 0.0, None, None), ("start", 335, 0.0, length, True)]


def test_a_headset_lost_mid_sentence_stops_nothing_of_the_shift() -> None:
    engine = qe.QueueEngine(shift(), FakeHeadset())
    engine.handle(qe.Tick(), 331)
    engine.handle(qe.Pick(CALL), 335)
    engine.handle(qe.ClipHeard(0.0), 335.2)
    due = engine.next_due()
    lost = engine.handle(qe.SoundLost("device unplugged", 4.0), 339.2)
    # the rest of what the caller says as text, at once; the trainee is told
    assert audio(lost) == [("start", 339.2, 4.0, LENGTH, True)]
    assert shown(lost) == ["subtitle"] and qe.Notice("sound_lost") in lost
    # nothing stands still: no pause journaled, the shift's next moment unchanged and coming
    assert not any(isinstance(e, qe.Record) and e.event.type == "pause" for e in lost)
    assert engine.next_due() == due and not engine.over
    assert engine.handle(qe.ClipFinished(), 350) == []  # (the headset's last word: ignored)


def test_taking_another_call_cuts_off_the_first_whose_words_are_then_read() -> None:
    exercise = shift()
    first = exercise.arrival(CALL)
    assert first is not None
    second = first.model_copy(update={"id": "scherm-tweede", "at": 332.0})
    exercise = exercise.model_copy(update={"arrivals": [*exercise.arrivals, second]})
    engine = qe.QueueEngine(exercise, FakeHeadset())
    engine.handle(qe.Tick(), 333)
    engine.handle(qe.Pick(CALL), 335)
    engine.handle(qe.ClipHeard(0.0), 335.5)
    other = engine.handle(qe.Pick("scherm-tweede"), 338.5)
    # one caller in the ear: the first stops, from where they were (3 s in) given as text
    assert other.index(qe.StopClip()) < other.index(qe.PlayClip(CLIP))
    cut, play = ("start", 338.5, 3.0, LENGTH, True), ("play", 338.5, 0.0, None, None)
    assert audio(other)[:2] == [cut, play]
    assert engine.voices == {CALL: "subtitle", "scherm-tweede": "voice"}
    assert shown(engine.handle(qe.Pick(CALL), 340)) == ["subtitle"]
    # the shift's end silences the caller still speaking
    assert qe.StopClip() in engine.handle(qe.EndShift(), 341)


def test_the_score_says_how_each_caller_reached_the_trainee(tmp_path: Path) -> None:
    exercise = shift()
    events: list[_Event] = []
    for sound in (FakeHeadset(), FakeHeadset(open=False)):
        engine = qe.QueueEngine(exercise, sound)
        events = []
        for action, t in ((qe.Tick(), 331), (qe.Pick(CALL), 335), (qe.ClipHeard(0.0), 335.2)):
            events += [e.event for e in engine.handle(action, t) if isinstance(e, qe.Record)]
        events.append(EndEvent(t=400, reason="finished"))
        result = score(exercise, write_journal(tmp_path / f"{sound.open}.jsonl", exercise, events))
        assert isinstance(result, QueueResult)
        contact = next(c for c in result.contacts if c.id == CALL)
        assert contact.caller == ("heard" if sound.open else "read")
        mail = next(c for c in result.contacts if c.id == "wachtwoord")
        assert mail.caller is None
    assert any(isinstance(e, ActionEvent) and e.action == "answered" for e in events)


def test_the_caller_waits_while_the_journal_cannot_be_written() -> None:
    engine = qe.QueueEngine(shift(), FakeHeadset())
    engine.handle(qe.Tick(), 331)
    assert engine.handle(qe.JournalHeld(True), 332) == []  # nobody speaking: nothing to hold
    engine.handle(qe.JournalHeld(False), 332)
    engine.handle(qe.Pick(CALL), 335)
    engine.handle(qe.ClipHeard(0.0), 335.2)
    assert engine.handle(qe.JournalHeld(True), 337) == [qe.HoldClip(True)]
    assert engine.handle(qe.JournalHeld(False), 337) == [qe.HoldClip(False)]
    # on from where it stopped: the headset says so, and the journal has it
    assert audio(engine.handle(qe.ClipHeard(1.8), 337.1)) == [("start", 337.1, 1.8, LENGTH, None)]


def test_after_the_shift_the_headset_s_last_words_are_no_refusal() -> None:
    engine = qe.QueueEngine(shift(), FakeHeadset())
    engine.handle(qe.Tick(), 331)
    engine.handle(qe.Pick(CALL), 335)
    assert qe.StopClip() in engine.handle(qe.EndShift(), 336)
    assert engine.handle(qe.ClipFinished(), 336.1) == []
    assert engine.handle(qe.SoundLost("stopped", None), 337) == []
    assert engine.handle(qe.Pick(CALL), 338) == [qe.Refuse("shift_over")]


def test_every_shipped_caller_s_words_on_screen_are_what_their_clip_says() -> None:
    from trainer.core.clips import load_shipped_library
    from trainer.core.loader import load_catalog
    from trainer.paths import audio_dir

    library = load_shipped_library(audio_dir())
    callers = [
        a
        for entry in load_catalog([REPO / "exercises"]).entries
        if isinstance(entry.exercise, QueueExercise)
        for a in entry.exercise.arrivals
        if a.clip is not None
    ]
    assert len(callers) >= 9
    for arrival in callers:  # (shown when it cannot be heard: the same words)
        said = " ".join(library.clips[arrival.clip].transcript.split())  # type: ignore[index]
        assert " ".join(arrival.text.split()) == said, arrival.id
