"""Runs one dictation: the customer's clips in the headset, the trainee typing what they hear.

The rules (what each player key may do when, the play limit, where a clip resumes, what the
journal says) are ``trainer.core.dictation_engine``'s; the sound is ``trainer.audio.headset``'s.
This controller only connects them: a key becomes an action for the engine, the engine's
effects become sound, journal lines and what the view shows, and a 50 ms timer hands what the
headset heard (a clip starting or ending, on the session clock; a lost device) back to the
engine. Nothing typed is lost either way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from trainer.audio.engine import AudioEngine
from trainer.audio.headset import Headset
from trainer.core.clips import ClipLibrary
from trainer.core.dictation_engine import (
    Abandon,
    Action,
    ChangeSpeed,
    ClearProblem,
    DictationEngine,
    Effect,
    End,
    HandIn,
    Hold,
    Key,
    Pause,
    PlayClip,
    PlayerView,
    Press,
    Reconnect,
    Refuse,
    Seek,
    ShowPlayer,
    ShowStart,
    Sound,
    SoundBack,
    SoundMissing,
    Start,
    Typed,
    Unload,
    WriteAudioEvent,
    WritePause,
)
from trainer.core.exercise import DictationExercise
from trainer.core.journal import AudioEvent, PauseEvent
from trainer.core.journal_writer import SessionClock
from trainer.store import Store, Trainee
from trainer.ui import messages, words
from trainer.ui.dictation_sound import DictationSound
from trainer.ui.dictation_view import DictationView
from trainer.ui.session_controller import SessionController

POLL_MS = 50


class DictationController(DictationSound, SessionController):
    """One dictation session. Lives on the GUI thread, as does its headset."""

    def __init__(
        self,
        view: DictationView,
        exercise: DictationExercise,
        trainee: Trainee,
        store: Store,
        data_dir: Path,
        library: ClipLibrary,
        *,
        device: int | str | None = None,
        volume: float = 1.0,
        rewind_on_resume: float = 1.0,
        mode: str = "practice",
        clock: SessionClock | None = None,
        engine_factory: Callable[[int | str | None], AudioEngine] = AudioEngine,
    ) -> None:
        transcripts: Mapping[str, str] = library.transcripts
        super().__init__(
            view,
            exercise,
            trainee,
            store,
            data_dir,
            mode=mode,
            clock=clock,
            transcripts=transcripts,
        )
        self.view: DictationView = view
        self.exercise: DictationExercise = exercise
        self.headset = Headset(
            library,
            exercise.level,
            self.clock.now,
            device=device,
            volume=volume,
            engine_factory=engine_factory,
        )
        opened = self.headset.open() is None
        self.engine = self.headset.engine  # the session ties its clock again after a pause
        self.player = DictationEngine(
            exercise.clips,
            max_plays=exercise.max_plays,
            rewind_on_resume=rewind_on_resume,  # transcription players step back (0: off)
            sound=Sound.ON if opened else Sound.NONE,
        )
        self._shown = self.player.view
        self._unreadable = ""  # why the last clip could not be played
        self._poll_timer = self.make_timer(POLL_MS, self._on_poll)
        self._connect_signals()
        self._dispatch(Start())
        self._poll_timer.start()

    def _connect_signals(self) -> None:
        editor = self.view.editor
        self.wire(
            (editor.typed, self._on_typed),
            (editor.edited, self._on_edited),
            (editor.player, self._on_player_key),
            (editor.finishRequested, self._on_hand_in),
            (editor.abandonRequested, self._on_abandon),
        )

    @property
    def clip_id(self) -> str:
        """The clip the player is on."""
        return self.player.clip

    # keys to actions ----------------------------------------------------------------------
    def _on_typed(self, text: str) -> None:
        if self.active:
            self.stamp_text(text)
            self._dispatch(Typed())
            self.view.type_text(text)

    def _on_edited(self, key: str) -> None:
        if self.active:
            self.stamp_edit(key)
            self._dispatch(Typed())
            if key == "Backspace":
                self.view.take_back()

    def _on_player_key(self, name: str) -> None:
        if not self.active:
            return
        self._take_heard()  # the rules first learn what the headset did meanwhile
        self._dispatch(self._press(Key(name)))

    def _press(self, key: Key) -> Press:
        return Press(key, self.headset.position, self.headset.length)

    def _on_hand_in(self) -> None:
        if self.active:
            self._dispatch(HandIn())

    def _on_abandon(self) -> None:
        if self.confirm_stop() and self.active:
            self._dispatch(Abandon())

    def on_hold(self, held: bool) -> None:
        """The journal cannot be written: the customer stops talking too (F5 plays on)."""
        if held:
            self._dispatch(Hold(self.headset.position, self.headset.length))

    # effects to sound, journal and screen ---------------------------------------------------
    def _dispatch(self, action: Action) -> None:
        for effect in self.player.handle(action, self.clock.now()):
            if not self._apply(effect):
                return  # the sound could not do it: the rules were told, the rest is void

    def _apply(self, effect: Effect) -> bool:
        """Carry out one effect; False when the clip could not be prepared."""
        match effect:
            case ShowStart():
                self.view.show_start(self.exercise.title, self.exercise.instructions)
            case ShowPlayer(view=shown):
                self._shown = shown
                self._show_player()
            case PlayClip() | ChangeSpeed() | Pause() | Seek() | Unload():
                return self._apply_sound(effect)
            case WriteAudioEvent(t=t, action=action, clip=clip, position=at, speed=speed):
                self.record(AudioEvent(t=t, action=action, clip=clip, position=at, speed=speed))
            case WritePause(t=t, paused=paused, reason=reason):
                self.record(PauseEvent(t=t, paused=paused, reason=reason))
            case Refuse():
                self.view.show_problem(self._problem_text(effect))
            case ClearProblem():
                self.view.show_problem("")
            case Reconnect(key=key):
                self._reconnect(key)
            case End(reason=reason):
                self.finish(reason)
        return True

    def _reconnect(self, key: Key) -> None:
        """A player key while there is no sound: open the headset again (the clip where it
        was), then the key does what it does; or the engine hears it still does not work."""
        self.close_sound(self.clip_id, self.headset)  # how the sound went; the device closed
        problem = self.headset.reconnect()
        self.engine = self.headset.engine
        self._dispatch(SoundMissing() if problem is not None else SoundBack(self._press(key)))

    def _problem_text(self, refusal: Refuse) -> str:
        match refusal.code:
            case "no_sound":
                text = self.tr("Geen geluid: %1. Sluit de headset aan en druk op F5.")
                return text.replace("%1", self._problem_said())
            case "still_no_sound":
                text = self.tr(
                    "Nog altijd geen geluid: %1. Sluit de headset aan en druk op F5, of lever "
                    "in met Ctrl+Enter."
                )
                return text.replace("%1", self._problem_said())
            case "device_lost":
                text = self.tr(
                    "Het geluidsapparaat %1 werkt niet (meer). Je tekst blijft bewaard: sluit de "
                    "headset aan en druk op F5 om verder te luisteren, of lever in met Ctrl+Enter."
                )
                return text.replace("%1", messages.text(self.headset.describe_device()))
            case "play_limit":
                text = self.tr("Dit fragment mag je maar %1 keer beluisteren.")
                return text.replace("%1", str(refusal.value))
            case "no_rewind":
                return self.tr("Terugspoelen kan niet in een examenoefening.")
            case "unreadable_clip":
                return self.tr("Fragment niet te lezen: %1").replace("%1", self._unreadable)

    # the headset --------------------------------------------------------------------------
    def _on_poll(self) -> None:
        self._take_heard()
        self._show_player()  # the position runs on

    def tear_down(self) -> None:
        """Journal how the sound went, and close the device."""
        self.close_sound(self.clip_id, self.headset)

    def _show_player(self) -> None:
        shown: PlayerView = self._shown
        head = self.headset
        left = shown.plays_left
        self.view.show_player(
            self.tr("Fragment %1 van %2")
            .replace("%1", str(shown.index + 1))
            .replace("%2", str(shown.total)),
            self.tr("▶ speelt") if shown.playing else self.tr("⏸ gepauzeerd"),
            f"{words.seconds(head.position)} / {words.seconds(head.length)}",
            self.tr("snelheid %1×").replace("%1", words.number(shown.speed, 1)),
            self.tr("onbeperkt beluisteren")
            if left is None
            else self.tr("nog %1 keer").replace("%1", str(left)),
        )
