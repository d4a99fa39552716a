"""The call's rules without Qt or sound: a simulated operator drives the headless call engine
through whole shipped calls, and the journal the engine writes is scored like the app's."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
import soundfile

from tests.core.test_shipped_calls import ALL_CALLS, CALLS, LIBRARY, identifying_datum
from tests.journals import write_journal
from trainer.core import call_engine as ce
from trainer.core.call_scoring import CallResult
from trainer.core.journal import ActionEvent, AudioEvent, EndEvent, PauseEvent, _Event
from trainer.core.scenario import CallExercise, Say
from trainer.core.scoring import score

STEP = 0.05
SECONDS = {
    clip: soundfile.info(str(LIBRARY.path_of(LIBRARY.clips[clip]))).duration
    for call in ALL_CALLS
    for clip in [
        *(e.clip for e in call.timeline if isinstance(e, Say)),
        *((call.dial.greeting, call.dial.wrong_person) if call.dial else ()),
    ]
    if clip is not None
}


@dataclass
class Headset:
    """The sound as the engine sees it: open or not, each clip's length, no dropouts."""

    open: bool = True

    def device_open(self) -> bool:
        return self.open

    def hearable(self, clip: str) -> bool:
        return self.open

    def seconds(self, clip: str) -> float:
        return SECONDS[clip]

    def underflows(self) -> int:
        return 0


@dataclass
class Desk:
    """Runs a call engine on a simulated clock: its timer, the headset playing each clip to
    its end, and the journal its effects write."""

    call: CallExercise
    headset: Headset = field(default_factory=Headset)
    t: float = 0.0
    journal: list[_Event] = field(default_factory=list)
    effects: list[ce.Effect] = field(default_factory=list)
    playing: tuple[float, float] | None = None  # (heard from, ends at) of the current clip

    def __post_init__(self) -> None:
        self.engine = ce.CallEngine(self.call, self.headset)

    def do(self, action: ce.Action, t: float | None = None) -> list[ce.Effect]:
        out = self.engine.handle(action, self.t if t is None else t)
        for effect in out:
            if isinstance(effect, ce.Record):
                self.journal.append(effect.event)
            elif isinstance(effect, ce.PlayClip) and not effect.waiting:
                self.playing = (self.t, self.t + SECONDS[effect.clip] - effect.position)
                self.do(ce.ClipHeard(effect.position))
            elif isinstance(effect, ce.Customer) and effect.do != "resume":
                self.playing = None
            elif isinstance(effect, ce.Customer) and self.engine.speaking is not None:
                left = self.playing[1] - self.playing[0] if self.playing else 0.0
                self.playing = (self.t, self.t + left)
        self.effects += out
        return out

    def advance(self, to: float) -> None:
        """Time passes: the timer fires what is due, clips end, subtitles run out."""
        while self.t < to - 1e-9:
            self.t = round(self.t + STEP, 3)
            due = self.engine.next_due()
            if due is not None and due <= self.t:
                self.do(ce.Due())
            if self.playing is not None and self.t >= self.playing[1]:
                ended, self.playing = self.playing[1], None
                self.do(ce.ClipFinished(), ended)
            self.do(ce.Tick())

    def finished(self) -> bool:
        return any(isinstance(e, ce.Finish) for e in self.effects)

    def scored(self, tmp_path: Path) -> CallResult:
        events = [*self.journal, EndEvent(t=self.t, reason="finished")]
        result = score(self.call, write_journal(tmp_path / "call.jsonl", self.call, events))
        assert isinstance(result, CallResult)
        return result


def good_operator(desk: Desk) -> None:
    """Answers in 2 s, enters each value 1.5 s after it was said, looks the caller up and
    verifies once they identified themselves, acknowledges messages in 3 s, reads what the
    call needs, puts the caller on hold where the procedure waits for it, follows the script
    and ends (or transfers) when the customer has nothing more to say, then wraps up."""
    call, engine = desk.call, desk.engine
    desk.do(ce.Due())
    waits_for_hold = any(e.after in ("hold", "resumed") for e in call.timeline)
    verify_clip = next(
        (e.clip for e in call.timeline if isinstance(e, Say) and e.id == call.expect.verify_after),
        None,
    )
    todo: list[tuple[float, ce.Action]] = []
    seen = 0
    hold_done = False
    while desk.t < 900 and engine.phase not in (ce.Phase.ENDED, ce.Phase.DONE):
        desk.advance(desk.t + STEP)
        for effect in desk.effects[seen:]:
            if isinstance(effect, ce.Loop) and effect.name == "ring" and effect.on:
                todo.append((desk.t + 2, ce.Key("answer")))
            elif isinstance(effect, ce.ShowMessage) and effect.event.respond_within:
                todo.append((desk.t + 3, ce.Acknowledge(effect.event.id)))
            elif isinstance(effect, ce.Record) and isinstance(effect.event, AudioEvent):
                audio = effect.event
                if audio.action != "end":
                    continue
                for f in call.fields:
                    if f.said_in == audio.clip and f.section == "form":
                        todo.append((desk.t + 1.5, ce.CommitField(f.id, f.expected)))
                if audio.clip == verify_clip:
                    todo.append((desk.t + 0.5, ce.LookUp(identifying_datum(call))))
                    todo.append((desk.t + 1.0, ce.Key(call.expect.verification)))
            elif isinstance(effect, ce.Record) and isinstance(effect.event, ActionEvent):
                if effect.event.action == "answered":
                    for article in call.expect.look_up:
                        todo.append((desk.t + 5, ce.OpenArticle(article)))
            elif isinstance(effect, ce.PhaseChanged) and effect.phase is ce.Phase.TALKING:
                # the steps before the next one an action does are the operator's own ticks
                pass
        seen = len(desk.effects)
        for item in sorted((x for x in todo if x[0] <= desk.t), key=lambda x: x[0]):
            todo.remove(item)
            action = item[1]
            if isinstance(action, ce.Key) and action.name in ("verified", "mismatch"):
                tick_before(desk, "verify")
            desk.do(action)
        coming = [d for d in engine.timeline.upcoming() if d.event.unless != "hold"]
        idle = engine.speaking is None and not engine.pending and not todo and not coming
        if engine.phase is ce.Phase.TALKING and idle:
            if waits_for_hold and not hold_done:
                hold_done = True
                todo += [(desk.t + 1, ce.Key("hold")), (desk.t + 8, ce.Key("hold"))]
                continue
            for f in call.fields:
                if f.section == "form":
                    desk.do(ce.CommitField(f.id, f.expected))
            last = "transfer" if call.expect.transfer else "close"
            tick_before(desk, last)
            desk.do(
                ce.Key("transfer" if call.expect.transfer else "end", call.expect.transfer or "")
            )
    desk.advance(desk.t + 20)
    desk.do(
        ce.WrapUp(
            call.expect.contact_result,
            call.expect.closing_code or "",
            {f.id: f.expected for f in call.fields},
        )
    )


def tick_before(desk: Desk, step: str) -> None:
    """The script's steps before ``step`` that no action does, ticked by the operator."""
    script = desk.call.script
    if step not in script:
        return
    for earlier in script[: script.index(step)]:
        if earlier not in desk.engine.ticked and earlier not in ("identify", "verify"):
            desk.do(ce.TickStep(earlier))


@pytest.mark.parametrize("call", CALLS, ids=[c.id for c in CALLS])
def test_a_good_operator_on_the_engine_passes_every_shipped_call(
    call: CallExercise, tmp_path: Path
) -> None:
    desk = Desk(call)
    good_operator(desk)
    assert desk.finished() and desk.engine.phase is ce.Phase.DONE
    result = desk.scored(tmp_path)
    failed = {c.code: c.reasons for c in result.competences if c.assessed and not c.shown}
    assert result.passed, failed
    assert all(s.done for s in result.script) and result.script_in_order
    assert not any(isinstance(e, ce.Refuse) for e in desk.effects)  # no key was wasted


def test_a_good_operator_without_sound_passes_on_subtitles(tmp_path: Path) -> None:
    call = next(c for c in CALLS if c.level == 4 and c.language == "nl")
    desk = Desk(call, Headset(open=False))
    good_operator(desk)
    starts = [e for e in desk.journal if isinstance(e, AudioEvent) and e.action == "start"]
    assert starts and all(e.subtitle for e in starts)
    assert any(isinstance(e, ce.Subtitle) and e.clip for e in desk.effects)
    assert desk.scored(tmp_path).passed


def test_an_operator_who_lets_it_ring_and_verifies_blind_fails(tmp_path: Path) -> None:
    """A bad operator: answers after 25 s, verifies before looking anyone up (refused), types
    nothing, ends the call at once."""
    call = next(c for c in CALLS if c.language == "nl" and c.level == 2)
    desk = Desk(call)
    desk.do(ce.Due())
    desk.advance(25.0)
    assert desk.engine.phase is ce.Phase.RINGING
    desk.do(ce.Key("answer"))
    assert desk.do(ce.Key("verified")) == [ce.Refuse("look_up_first")]
    desk.advance(desk.t + 3)
    desk.do(ce.Key("end"))
    assert desk.do(ce.WrapUp("", "", {})) == [ce.Refuse("no_contact_result")]
    desk.do(ce.WrapUp(call.expect.contact_result, "", {}))
    result = desk.scored(tmp_path)
    assert not result.passed
    assert result.answered_after is not None and result.answered_after > result.answer_within
    assert not result.look_up.found


def test_each_key_is_refused_where_the_call_does_not_allow_it() -> None:
    desk = Desk(CALLS[0])
    assert desk.do(ce.Key("answer")) == [ce.Refuse("no_ringing")]  # nothing rings yet
    assert desk.do(ce.Key("hold")) == [ce.Refuse("nothing_to_hold")]
    assert desk.do(ce.Key("end")) == [ce.Refuse("nothing_to_end")]
    assert desk.do(ce.Key("ask_repeat")) == [ce.Refuse("not_in_call")]
    assert desk.do(ce.Key("transfer", "facturatie")) == [ce.Refuse("transfer_not_possible")]
    assert desk.do(ce.LookUp("12345")) == [ce.Refuse("not_answered_yet")]
    assert desk.do(ce.Key("acknowledge")) == [ce.Refuse("no_message_waiting")]
    assert desk.do(ce.Key("resume_subtitles")) == [ce.Refuse("nothing_to_resume")]
    assert desk.do(ce.WrapUp("opgelost", "", {})) == [ce.Refuse("call_not_ended")]
    assert desk.journal == []  # a refused key leaves nothing in the journal


def answered(call: CallExercise) -> Desk:
    desk = Desk(call)
    desk.do(ce.Due())
    desk.advance(desk.engine.next_due() or 0.0)
    desk.do(ce.Key("answer"))
    return desk


def test_hold_pauses_the_customer_and_plays_music_and_resuming_goes_on() -> None:
    desk = answered(next(c for c in CALLS if c.level == 4))
    desk.advance(desk.t + 1.0)
    assert desk.engine.speaking is not None
    out = desk.do(ce.Key("hold"))
    assert ce.Customer("pause") in out and ce.Loop("hold", True) in out
    assert desk.engine.phase is ce.Phase.HOLD
    out = desk.do(ce.Key("hold"))
    assert ce.Customer("resume") in out and ce.Loop("hold", False) in out
    assert [e.action for e in desk.journal if isinstance(e, ActionEvent)][-2:] == [
        "hold",
        "resumed",
    ]


def test_a_lost_headset_stops_the_call_until_f10_or_f11() -> None:
    desk = answered(next(c for c in CALLS if c.level == 4))
    desk.advance(desk.t + 1.0)
    clip = desk.engine.speaking.say.clip if desk.engine.speaking else ""
    desk.headset.open = False
    out = desk.do(ce.SoundLost("stream aborted", 0.8))
    assert ce.Paused(True) in out and ce.Notice("sound_lost") in out
    assert desk.engine.next_due() is None  # the timeline waits
    assert desk.do(ce.Key("end")) == [ce.Refuse("call_paused")]
    out = desk.do(ce.Key("resume_sound"))
    assert out == [ce.OpenSound()]
    assert desk.do(ce.SoundOpened(False)) == [ce.Refuse("still_no_sound")]
    out = desk.do(ce.Key("resume_subtitles"))
    assert ce.Paused(False) in out and ce.Subtitle(clip) in out
    start = [e for e in desk.journal if isinstance(e, AudioEvent) and e.action == "start"][-1]
    assert start.subtitle and start.position == 0.8  # the rest of the sentence, read
    pauses = [e.paused for e in desk.journal if isinstance(e, PauseEvent)]
    assert pauses == [True, False]


def test_the_headset_back_goes_on_mid_sentence() -> None:
    desk = answered(next(c for c in CALLS if c.level == 4))
    desk.advance(desk.t + 1.0)
    clip = desk.engine.speaking.say.clip if desk.engine.speaking else ""
    desk.do(ce.SoundLost("gone", 1.2))
    desk.do(ce.Key("resume_sound"))
    out = desk.do(ce.SoundOpened(True))
    assert ce.PlayClip(clip, 1.2) in out and ce.Paused(False) in out


def test_a_field_is_journaled_when_it_changed_and_its_format_is_checked() -> None:
    call = next(c for c in CALLS if any(f.kind == "phone" for f in c.fields))
    phone = next(f for f in call.fields if f.kind == "phone")
    desk = answered(call)
    out = desk.do(ce.CommitField(phone.id, " 12 "))
    assert ce.FieldHint(phone.id, "phone") in out
    assert desk.do(ce.CommitField(phone.id, "12")) == []  # the same value: nothing new
    out = desk.do(ce.CommitField(phone.id, phone.expected))
    assert ce.FieldHint(phone.id, None) in out
