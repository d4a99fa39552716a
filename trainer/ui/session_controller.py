"""What every typed session shares: the journal, the store row, keystroke stamps, ending.

A subclass (copy drill, dictation) wires its view's signals to ``stamp_text`` and
``stamp_edit``, writes its own events with ``record``, and ends with ``finish``. Every
keystroke is stamped on the session's monotonic clock the moment it arrives and written to the
journal before the screen changes. The result is computed from the journal file itself, the way
``simultaan replay`` does, so the two always agree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import QMessageBox, QWidget

from trainer import __version__
from trainer.core.exercise import ExerciseBase, content_hash
from trainer.core.journal import (
    AudioEvent,
    EndEvent,
    EndReason,
    Header,
    KeyEvent,
    _Event,
    now_iso,
    read_journal,
)
from trainer.core.journal_writer import JournalWriter, SessionClock, workstation_name
from trainer.core.scoring import SessionResult, score
from trainer.store import Store, Trainee

if TYPE_CHECKING:
    from trainer.audio.engine import AudioEngine

SYNC_INTERVAL_MS = 1000


def journal_path(data_dir: Path, exercise_id: str) -> Path:
    """A new, unique journal file in the data folder, grouped by day."""
    now = datetime.now()
    return (
        data_dir
        / "journals"
        / now.strftime("%Y-%m-%d")
        / (f"{now.strftime('%H%M%S-%f')}-{exercise_id}.jsonl")
    )


class TypingSession(QObject):
    """One session of one exercise for one trainee. Lives on the GUI thread."""

    ended = Signal(object, int)  # SessionResult, session id

    def __init__(
        self,
        view: QWidget,
        exercise: ExerciseBase,
        trainee: Trainee,
        store: Store,
        data_dir: Path,
        *,
        mode: str = "practice",
        clock: SessionClock | None = None,
        transcripts: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.exercise = exercise
        self.store = store
        self.transcripts = transcripts
        self.clock = clock or SessionClock()
        path = journal_path(data_dir, exercise.id)
        header = Header(
            exercise_id=exercise.id,
            exercise_hash=content_hash(exercise),
            trainee=trainee.name,
            mode="exam" if mode == "exam" else "practice",
            app_version=__version__,
            started_at=now_iso(),
            workstation=workstation_name(),
        )
        self.journal = JournalWriter(path, header)
        self.session_id = store.start_session(
            trainee.id, exercise.id, header.exercise_hash, exercise.title, header.mode, path
        )
        self.keys: list[KeyEvent] = []
        self.engine: AudioEngine | None = None  # the headset, for sessions with sound
        self._result: SessionResult | None = None
        self.timers: list[QTimer] = []
        self._wired: list[tuple[SignalInstance, Callable[..., object]]] = []
        self._sync_timer = self.make_timer(SYNC_INTERVAL_MS, self.journal.sync_pending)
        self._sync_timer.start()

    def wire(self, *pairs: tuple[SignalInstance, Callable[..., object]]) -> None:
        """Connect the view's signals to this session; they are disconnected when it ends."""
        for signal, slot in pairs:
            signal.connect(slot)
            self._wired.append((signal, slot))

    def make_timer(self, interval_ms: int, slot: object, single_shot: bool = False) -> QTimer:
        """A timer owned by this session, stopped when it ends."""
        timer = QTimer(self)
        timer.setInterval(interval_ms)
        timer.setSingleShot(single_shot)
        timer.timeout.connect(slot)
        self.timers.append(timer)
        return timer

    # keystrokes and events --------------------------------------------------------------
    @property
    def active(self) -> bool:
        """True until the session ended."""
        return self._result is None

    def stamp_text(self, text: str) -> KeyEvent:
        """Journal a keystroke that produced ``text``, stamped now."""
        return self._stamp(KeyEvent(t=self.clock.now(), text=text))

    def stamp_edit(self, key: str) -> KeyEvent:
        """Journal an editing key ("Backspace" or "Delete"), stamped now."""
        edit = "Delete" if key == "Delete" else "Backspace"
        return self._stamp(KeyEvent(t=self.clock.now(), key=edit))

    def _stamp(self, event: KeyEvent) -> KeyEvent:
        self.journal.write(event)
        self.keys.append(event)
        if len(self.keys) == 1:
            self.on_first_key(event)
        return event

    def on_first_key(self, event: KeyEvent) -> None:
        """Called once, at the first keystroke (a countdown starts here)."""

    def record(self, event: _Event) -> None:
        """Journal any other event (audio, pauses)."""
        self.journal.write(event)

    # ending -----------------------------------------------------------------------------
    def request_finish(self) -> None:
        """Ctrl+Enter: hand in, once something was typed."""
        if self.keys and self.active:
            self.finish("finished")

    def confirm_stop(self) -> bool:
        """Ask whether to stop this session (Escape, closing the window); True on yes. The
        default answer is no: a key pressed in haste keeps the session going."""
        answer = QMessageBox.question(
            self.view,
            self.tr("Oefening stoppen?"),
            self.tr(
                "Wil je deze oefening stoppen? Wat je tot nu toe typte, wordt bewaard als "
                "afgebroken sessie."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def request_abandon(self) -> None:
        """Escape: ask, then keep what was typed as an abandoned session."""
        if self.confirm_stop() and self.active:
            self.finish("abandoned")

    def open_sound(self, device: int | str | None, volume: float) -> str:
        """Open the headset and tie its clock to the session's: '' when it works, else what
        is wrong (the session then goes on without ``engine``)."""
        from trainer.audio.engine import AudioDeviceError, AudioEngine

        engine = AudioEngine(device)
        engine.master = volume
        try:
            engine.start()
            engine.calibrate(self.clock.now)
        except AudioDeviceError as exc:
            return str(exc)
        self.engine = engine
        return ""

    def close_sound(self, clip: str) -> None:
        """Journal how the sound went (blocks the card got too late, so far) and close the
        device; ``clip`` is the clip on at that moment."""
        if self.engine is not None:
            self.record(
                AudioEvent(
                    t=self.clock.now(),
                    action="status",
                    clip=clip,
                    underflows=self.engine.underflows,
                )
            )
            self.engine.stop()

    def tear_down(self) -> None:
        """Release what the subclass holds (sound) before the journal closes."""

    def finish(self, reason: EndReason) -> SessionResult:
        """End the session: close the journal, score it from the file, store the result."""
        if self._result is not None:
            return self._result
        for timer in self.timers:
            timer.stop()
        for signal, slot in self._wired:
            signal.disconnect(slot)
        self._wired.clear()
        self.tear_down()
        self.journal.close(EndEvent(t=self.clock.now(), reason=reason, ended_at=now_iso()))
        result = score(self.exercise, read_journal(self.journal.path), transcripts=self.transcripts)
        self._result = result
        self.store.finish_session(self.session_id, reason, result.model_dump(mode="json"))
        self.ended.emit(result, self.session_id)
        return result

    @property
    def result(self) -> SessionResult | None:
        """The result once the session ended."""
        return self._result
