"""Whole dictations through the player's rules, without Qt or sound: a pretend headset plays
the engine's effects (clips of known length, time moved on by the test) and reports back what
a real one would (where it is, a clip heard starting and ending)."""

from __future__ import annotations

from dataclasses import dataclass, field

from trainer.core.dictation_engine import (
    Abandon,
    ChangeSpeed,
    ClearProblem,
    ClipEnded,
    ClipStarted,
    DictationEngine,
    Effect,
    End,
    HandIn,
    Hold,
    Key,
    Pause,
    PlayClip,
    Press,
    Reconnect,
    Refuse,
    Seek,
    ShowPlayer,
    ShowStart,
    Sound,
    SoundBack,
    SoundLost,
    SoundMissing,
    Start,
    Typed,
    Unload,
    Unplayable,
    WriteAudioEvent,
    WritePause,
)

LENGTHS = {"groet": 6.0, "adres": 8.0, "nummer": 5.0}


@dataclass
class Headset:
    """Where the pretend headset is; it obeys PlayClip, Pause, Seek, ChangeSpeed, Unload."""

    clip: str | None = None
    position: float = 0.0
    playing: bool = False
    started: bool = False  # a play not yet heard starting
    speed: float = 1.0

    @property
    def length(self) -> float:
        return LENGTHS[self.clip] if self.clip else 0.0


@dataclass
class Desk:
    """Drives one dictation: keys at times, the headset moving on in between."""

    engine: DictationEngine
    headset: Headset = field(default_factory=Headset)
    t: float = 0.0
    journal: list[WriteAudioEvent | WritePause] = field(default_factory=list)
    problems: list[Refuse] = field(default_factory=list)
    ended: str | None = None
    sound_works: bool = True

    def __post_init__(self) -> None:
        self.apply(self.engine.handle(Start(), self.t))

    def press(self, key: Key) -> list[Effect]:
        effects = self.engine.handle(Press(key, self.headset.position, self.headset.length), self.t)
        self.apply(effects)
        return effects

    def apply(self, effects: list[Effect]) -> None:
        head = self.headset
        for effect in effects:
            match effect:
                case PlayClip(clip=clip, from_seconds=start, speed=speed):
                    head.clip, head.position, head.speed = clip, start, speed
                    head.playing = head.started = True
                case Pause():
                    head.playing = False
                case Seek(to_seconds=to):
                    head.position = to
                case ChangeSpeed(speed=speed):
                    head.speed = speed
                case Unload():
                    head.clip, head.position, head.playing = None, 0.0, False
                case WriteAudioEvent() | WritePause():
                    self.journal.append(effect)
                case Refuse():
                    self.problems.append(effect)
                case Reconnect(key=key):
                    if self.sound_works:
                        then = Press(key, head.position, head.length)
                        self.apply(self.engine.handle(SoundBack(then), self.t))
                    else:
                        self.apply(self.engine.handle(SoundMissing(), self.t))
                case End(reason=reason):
                    self.ended = reason

    def listen(self, seconds: float) -> None:
        """Time passes: a playing clip is heard (at its speed) and may run out."""
        head = self.headset
        self.t += seconds
        if not head.playing:
            return
        if head.started:
            head.started = False
            self.apply(self.engine.handle(ClipStarted(self.t - seconds + 0.03), self.t))
        head.position = min(head.length, head.position + seconds * head.speed)
        if head.position >= head.length:
            head.playing = False
            self.apply(self.engine.handle(ClipEnded(self.t, head.length), self.t))

    def audio(self) -> list[tuple[str, str, float]]:
        return [
            (e.action, e.clip, e.position) for e in self.journal if isinstance(e, WriteAudioEvent)
        ]

    @property
    def view(self):  # type: ignore[no-untyped-def]
        return self.engine.view


def practice(**kw: object) -> Desk:
    return Desk(DictationEngine(["groet", "adres", "nummer"], **kw))  # type: ignore[arg-type]


def exam() -> Desk:
    return Desk(DictationEngine(["groet", "adres"], max_plays=2))


def test_the_start_screen_shows_the_first_clip_paused_at_normal_speed() -> None:
    engine = DictationEngine(["groet", "adres"], max_plays=2)
    effects = engine.handle(Start(), 0.0)
    assert effects[:2] == [ShowStart(), ClearProblem()]
    view = effects[-1].view  # type: ignore[union-attr]
    assert (view.index, view.total, view.playing, view.speed, view.plays_left) == (
        0, 2, False, 1.0, 2,
    )  # fmt: skip


def test_a_whole_dictation_listen_pause_resume_a_second_back_next_clip_hand_in() -> None:
    desk = practice()
    desk.t = 1.0
    desk.press(Key.TOGGLE)
    assert desk.view.playing and desk.headset.playing
    desk.listen(3.0)  # heard from 1.03 to 4.0: at 3 s into the clip
    desk.press(Key.TOGGLE)  # pause
    assert not desk.headset.playing and not desk.view.playing
    desk.engine.handle(Typed(), desk.t)
    desk.press(Key.TOGGLE)  # resume, a second back
    assert desk.headset.position == 2.0
    desk.listen(5.0)  # runs out
    assert not desk.view.playing
    desk.press(Key.NEXT)
    assert desk.view.index == 1 and desk.headset.clip is None  # the old clip is forgotten
    desk.press(Key.TOGGLE)
    assert desk.headset.clip == "adres" and desk.headset.position == 0.0
    desk.apply(desk.engine.handle(HandIn(), desk.t))
    assert desk.ended == "finished"
    assert desk.audio() == [
        ("play", "groet", 0.0),
        ("start", "groet", 0.0),
        ("pause", "groet", 3.0),
        ("play", "groet", 2.0),
        ("start", "groet", 2.0),
        ("end", "groet", 6.0),
        ("pause", "groet", 6.0),
        ("play", "adres", 0.0),
    ]
    heard = [e.t for e in desk.journal if isinstance(e, WriteAudioEvent) and e.action == "start"]
    assert heard == [1.03, 4.03]  # when the headset played it, not when the key was pressed
    assert desk.problems == [] and desk.engine.plays == {"groet": 1, "adres": 1}


def test_an_exam_clip_plays_twice_then_the_third_start_is_refused() -> None:
    desk = exam()
    for left in (1, 0):
        desk.press(Key.TOGGLE)
        assert desk.view.plays_left == left
        desk.listen(2.0)
        desk.press(Key.TOGGLE)  # a pause and a resume are not a new start
        desk.press(Key.TOGGLE)
        assert desk.view.plays_left == left
        desk.listen(10.0)
    effects = desk.press(Key.TOGGLE)
    assert desk.problems == [Refuse("play_limit", 2)]
    assert not desk.headset.playing and not any(isinstance(e, PlayClip) for e in effects)
    assert desk.engine.plays == {"groet": 2}
    desk.press(Key.NEXT)  # the next clip has plays of its own
    assert desk.view.plays_left == 2
    desk.press(Key.TOGGLE)
    assert desk.headset.playing


def test_an_exam_refuses_rewinding_but_skips_ahead() -> None:
    desk = exam()
    desk.press(Key.TOGGLE)
    desk.listen(3.0)
    effects = desk.press(Key.BACK)
    assert Refuse("no_rewind") in effects and desk.headset.position == 3.0
    desk.press(Key.FORWARD)
    assert desk.headset.position == 5.0
    assert desk.audio()[-1] == ("seek", "groet", 5.0)


def test_seeking_stays_inside_the_clip_and_needs_a_clip() -> None:
    desk = practice()
    assert desk.press(Key.FORWARD)[:-1] == []  # nothing loaded: nothing to seek in
    desk.press(Key.TOGGLE)
    desk.listen(1.0)
    desk.press(Key.BACK)
    assert desk.headset.position == 0.0
    desk.press(Key.TOGGLE)  # pause, then forward past the end
    for _ in range(4):
        desk.press(Key.FORWARD)
    assert desk.headset.position == 6.0
    desk.press(Key.TOGGLE)  # at the end: the clip starts again (and counts)
    assert desk.headset.position == 0.0 and desk.engine.plays["groet"] == 2
    desk.press(Key.BACK)  # while it plays: allowed without a play limit
    assert [a for a, _c, _p in desk.audio()].count("seek") == 6


def test_speed_steps_by_a_tenth_between_half_and_one_and_a_half() -> None:
    desk = practice()
    assert isinstance(desk.press(Key.SLOWER)[-1], ShowPlayer)
    assert desk.view.speed == 0.9 and desk.audio() == [("speed", "groet", 0.0)]
    assert not any(isinstance(e, ChangeSpeed) for e in desk.press(Key.SLOWER))  # none loaded
    for _ in range(10):
        desk.press(Key.SLOWER)
    assert desk.view.speed == 0.5
    assert len(desk.audio()) == 5  # 0.9, 0.8, 0.7, 0.6, 0.5: the floor journals nothing
    for _ in range(12):
        desk.press(Key.FASTER)
    assert desk.view.speed == 1.5
    desk.press(Key.TOGGLE)
    desk.listen(2.0)  # 3 s of the clip at 1.5x
    assert desk.headset.position == 3.0
    effects = desk.press(Key.SLOWER)
    assert ChangeSpeed("groet", 1.4) in effects and desk.headset.playing
    assert desk.journal[-1] == WriteAudioEvent(desk.t, "speed", "groet", 3.0, 1.4)


def test_next_and_previous_stay_within_the_clips() -> None:
    desk = practice()
    assert desk.press(Key.PREVIOUS) == [ShowPlayer(desk.view)]
    desk.press(Key.NEXT)
    desk.press(Key.NEXT)
    assert desk.press(Key.NEXT) == [ShowPlayer(desk.view)] and desk.view.index == 2
    desk.press(Key.PREVIOUS)
    assert desk.view.index == 1 and desk.audio() == []  # nothing was loaded: no pause written


def test_a_lost_headset_pauses_keys_reconnect_and_the_clip_goes_on_a_second_back() -> None:
    desk = practice()
    desk.press(Key.TOGGLE)
    desk.listen(4.0)
    desk.headset.playing = False
    lost = SoundLost("the sound device 'pulse' stopped", desk.headset.position, 6.0)
    desk.apply(desk.engine.handle(lost, desk.t))
    assert desk.problems == [Refuse("device_lost")] and not desk.view.playing
    assert desk.journal[-1] == WritePause(4.0, True, "the sound device 'pulse' stopped")
    desk.sound_works = False
    desk.t = 6.0
    assert desk.press(Key.TOGGLE) == [Reconnect(Key.TOGGLE)]
    assert desk.problems[-1] == Refuse("still_no_sound")
    assert not desk.headset.playing
    desk.sound_works = True
    desk.t = 7.0
    desk.press(Key.TOGGLE)
    assert desk.headset.playing and desk.headset.position == 3.0
    assert desk.journal[-2:] == [
        WritePause(7.0, False, "device back"),
        WriteAudioEvent(7.0, "play", "groet", 3.0, 1.0),
    ]
    assert desk.engine.plays["groet"] == 1  # going on is not a new start
    assert desk.engine.handle(SoundLost("again"), 8.0)[0] == WritePause(8.0, True, "again")
    assert desk.engine.handle(SoundLost("again"), 8.1) == []  # said once


def test_without_a_headset_from_the_start_a_key_tries_to_open_it() -> None:
    desk = Desk(DictationEngine(["groet"], sound=Sound.NONE))
    assert desk.problems == [Refuse("no_sound")]
    desk.press(Key.TOGGLE)
    assert desk.headset.playing
    assert not any(isinstance(e, WritePause) for e in desk.journal)  # it was never lost


def test_a_write_problem_stops_the_customer_and_only_a_key_plays_on() -> None:
    desk = practice()
    desk.press(Key.TOGGLE)
    desk.listen(2.0)
    effects = desk.engine.handle(Hold(2.0, 6.0), desk.t)
    assert effects[:2] == [Pause(), WriteAudioEvent(2.0, "pause", "groet", 2.0, 1.0)]
    assert desk.engine.handle(Hold(2.0, 6.0), desk.t) == []  # paused already


def test_handing_in_needs_something_typed_and_after_the_end_nothing_happens() -> None:
    desk = practice()
    assert desk.engine.handle(HandIn(), 1.0) == []
    desk.engine.handle(Typed(), 1.0)
    assert desk.engine.handle(HandIn(), 2.0) == [End("finished")]
    assert desk.press(Key.TOGGLE) == [] and desk.engine.handle(Abandon(), 3.0) == []


def test_escape_confirmed_abandons_without_anything_typed() -> None:
    assert practice().engine.handle(Abandon(), 1.0) == [End("abandoned")]


def test_an_unreadable_clip_is_refused_and_not_counted() -> None:
    desk = exam()
    desk.press(Key.TOGGLE)
    effects = desk.engine.handle(Unplayable(), desk.t)
    assert effects[0] == Refuse("unreadable_clip")
    assert desk.view.plays_left == 2 and not desk.view.playing


def test_resuming_goes_on_from_where_the_headset_stopped_not_where_the_key_was() -> None:
    desk = practice(rewind_on_resume=0.0)
    desk.press(Key.TOGGLE)
    desk.listen(2.0)
    desk.press(Key.TOGGLE)
    desk.headset.position += 0.005  # the fade-out still took a few milliseconds of the clip
    desk.press(Key.TOGGLE)
    assert desk.headset.position == 2.005 and desk.audio()[-1] == ("play", "groet", 2.005)
