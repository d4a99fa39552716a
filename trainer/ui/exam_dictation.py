"""A dictation part of an exam: the customer's clips in the headset, the candidate typing.

The player's rules are the dictation's own (``trainer.core.dictation_engine``: F5 plays and
pauses, F4/F6 seek, F7/F8 the speed, F3/F9 the clip; a play limit refuses a start beyond it and
rewinding), shown on the practice dictation's screen (``DictationView``). What differs in an
exam: every line goes to the exam run's journal and its clock, the starts are counted in the
run's ``plays`` (so a resume, which reads them back from the journal, never gives a clip a new
start), Ctrl+Enter hands nothing in (the part ends by itself), Escape asks for the supervisor,
and a lost headset does not stop the clock (the supervisor comes). The player's words are the
practice dictation's (its translation context); the headset's problems say to call the
supervisor. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from trainer.audio.engine import AudioEngine
from trainer.audio.headset import Headset
from trainer.core.clips import ClipLibrary
from trainer.core.dictation_engine import (
    Action,
    ChangeSpeed,
    ClearProblem,
    DictationEngine,
    Effect,
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
    SoundMissing,
    Start,
    Typed,
    Unload,
    WriteAudioEvent,
    WritePause,
)
from trainer.core.exam_run import ExamRun
from trainer.core.exercise import DictationExercise
from trainer.core.journal import AudioEvent, PauseEvent
from trainer.ui import messages, words
from trainer.ui.dictation_sound import DictationSound
from trainer.ui.dictation_view import DictationView

POLL_MS = 50
_CONTEXT = "DictationController"  # the practice dictation's words, already translated


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class ExamDictation(DictationSound, QObject):
    """Runs the exam's current dictation part on ``view`` until ``close``."""

    leaveAsked = Signal()
    writeFailed = Signal(object)  # the OSError: the line waits in memory (ExamRun.tick)

    def __init__(
        self,
        run: ExamRun,
        view: DictationView,
        library: ClipLibrary,
        *,
        device: int | str | None = None,
        volume: float = 1.0,
        engine_factory: Callable[[int | str | None], AudioEngine] = AudioEngine,
    ) -> None:
        super().__init__(view)
        exercise = run.exercise
        assert isinstance(exercise, DictationExercise)
        self.run = run
        self.view = view
        self.exercise = exercise
        self.headset = Headset(
            library, exercise.level, run.now, device=device, volume=volume,
            engine_factory=engine_factory,
        )  # fmt: skip
        opened = self.headset.open() is None
        self.player = DictationEngine(
            exercise.clips,
            max_plays=exercise.max_plays,
            sound=Sound.ON if opened else Sound.NONE,
            plays=run.plays,  # the exam's count: shared, never reset
        )
        self._shown = self.player.view
        self._unreadable = ""
        editor = view.editor
        self._wired = [
            (editor.typed, self._on_typed),
            (editor.edited, self._on_edited),
            (editor.player, self._on_player_key),
            (editor.abandonRequested, self.leaveAsked.emit),
        ]
        for signal, slot in self._wired:
            signal.connect(slot)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._on_poll)
        self._dispatch(Start())
        editor.setPlainText("")
        editor.append_text(run.typed_text())  # a resumed part: what was typed before
        self._poll.start()

    def close(self) -> None:
        """The part ended (or the supervisor left): journal how the sound went, close it."""
        self._poll.stop()
        for signal, slot in self._wired:
            signal.disconnect(slot)
        self._wired = []
        if self.headset.engine is not None and self.run.running:
            status = AudioEvent(
                t=self.run.now(),
                action="status",
                clip=self.player.clip,
                underflows=self.headset.underflows,
            )
            self._safely(lambda: self.run.write(status))
        self.headset.close()

    # keys ---------------------------------------------------------------------------------
    def _on_typed(self, text: str) -> None:
        if self.run.running:
            self._safely(lambda: self.run.key(text))
            self._dispatch(Typed())
            self.view.type_text(text)

    def _on_edited(self, key: str) -> None:
        if self.run.running:
            self._safely(lambda: self.run.key(key="Delete" if key == "Delete" else "Backspace"))
            self._dispatch(Typed())
            if key == "Backspace":
                self.view.take_back()

    def _on_player_key(self, name: str) -> None:
        if self.run.running:
            self._take_heard()
            self._dispatch(self._press(Key(name)))

    def _press(self, key: Key) -> Press:
        return Press(key, self.headset.position, self.headset.length)

    # effects --------------------------------------------------------------------------------
    def _dispatch(self, action: Action) -> None:
        for effect in self.player.handle(action, self.run.now()):
            if not self._apply(effect):
                return

    def _apply(self, effect: Effect) -> bool:
        match effect:
            case ShowStart():
                self.view.show_start(self.exercise.title, self.exercise.instructions)
            case ShowPlayer(view=shown):
                self._shown = shown
                self._show_player()
            case PlayClip() | ChangeSpeed() | Pause() | Seek() | Unload():
                return self._apply_sound(effect)
            case WriteAudioEvent(t=t, action=action, clip=clip, position=at, speed=speed):
                event = AudioEvent(t=t, action=action, clip=clip, position=at, speed=speed)
                self._safely(lambda: self.run.write(event))
            case WritePause(t=t, paused=paused, reason=reason):
                pause = PauseEvent(t=t, paused=paused, reason=reason)
                self._safely(lambda: self.run.write(pause))
            case Refuse():
                self.view.show_problem(self._problem_text(effect))
            case ClearProblem():
                self.view.show_problem("")
            case Reconnect(key=key):
                self._reconnect(key)
        return True  # (End never comes: nothing hands in or abandons a part)

    def _safely(self, write: Callable[[], None]) -> None:
        """A journal line; when the disk refuses it, it waits in memory and that is said."""
        try:
            write()
        except OSError as exc:
            self.writeFailed.emit(exc)

    def _reconnect(self, key: Key) -> None:
        self.headset.close()
        problem = self.headset.reconnect()
        self._dispatch(SoundMissing() if problem is not None else SoundBack(self._press(key)))

    def _problem_text(self, refusal: Refuse) -> str:
        match refusal.code:
            case "no_sound":
                text = self.tr("Geen geluid: %1. Sluit de headset aan en druk op F5.")
                return text.replace("%1", self._problem_said())
            case "still_no_sound":
                text = self.tr("Nog altijd geen geluid: %1. Roep de toezichter.")
                return text.replace("%1", self._problem_said())
            case "device_lost":
                text = self.tr(
                    "Het geluidsapparaat %1 werkt niet (meer). Je tekst blijft bewaard: roep de "
                    "toezichter, en druk op F5 om verder te luisteren. De tijd loopt door."
                )
                return text.replace("%1", messages.text(self.headset.describe_device()))
            case "play_limit":
                text = _tr("Dit fragment mag je maar %1 keer beluisteren.")
                return text.replace("%1", str(refusal.value))
            case "no_rewind":
                return _tr("Terugspoelen kan niet in een examenoefening.")
            case "unreadable_clip":
                return _tr("Fragment niet te lezen: %1").replace("%1", self._unreadable)

    # the headset ----------------------------------------------------------------------------
    def _on_poll(self) -> None:
        if not self.run.running:
            return
        self._take_heard()
        self._show_player()

    def _show_player(self) -> None:
        shown = self._shown
        head = self.headset
        left = shown.plays_left
        self.view.show_player(
            _tr("Fragment %1 van %2")
            .replace("%1", str(shown.index + 1))
            .replace("%2", str(shown.total)),
            _tr("▶ speelt") if shown.playing else _tr("⏸ gepauzeerd"),
            f"{words.seconds(head.position)} / {words.seconds(head.length)}",
            _tr("snelheid %1×").replace("%1", words.number(shown.speed, 1)),
            _tr("onbeperkt beluisteren")
            if left is None
            else _tr("nog %1 keer").replace("%1", str(left)),
        )
