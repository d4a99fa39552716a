"""What every session shares: the journal, the clock, the store row, keystroke stamps,
write problems, the headset's opening and closing, and the ending.

A subclass (copy drill, dictation, call) wires its view's signals to ``stamp_text`` and
``stamp_edit``, writes its own events with ``record``, and ends with ``finish``. Every
keystroke is stamped on the session's monotonic clock the moment it arrives and written to the
journal before the screen changes. The result is computed from the journal file itself, the way
``simultaan replay`` does, so the two always agree.

When the journal cannot be written (a full disk, a folder gone read-only), the session stands
still at once: the clock stops, what was typed waits in memory (the writer keeps it), and the
trainee is asked to try again or to save the session elsewhere (``write_problem``). The key
that hit the problem is shown once its line is written, so screen and journal never disagree.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject, Qt, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import QMessageBox, QWidget

from trainer import __version__
from trainer.core.exercise import ExerciseBase, content_hash
from trainer.core.journal import (
    AudioEvent,
    EndEvent,
    EndReason,
    Header,
    KeyEvent,
    PauseEvent,
    _Event,
    now_iso,
    read_journal,
)
from trainer.core.journal_writer import (
    JournalWriteError,
    JournalWriter,
    SessionClock,
    workstation_name,
)
from trainer.paths import data_modes
from trainer.store import Store, Trainee
from trainer.ui import write_problem

if TYPE_CHECKING:
    from trainer.audio.engine import AudioEngine
    from trainer.audio.headset import Headset
    from trainer.core.call_scoring import CallResult
    from trainer.core.chat_scoring import ChatResult
    from trainer.core.queue_scoring import QueueResult
    from trainer.core.scoring import SessionResult

    # what score() gives: each kind of session its own result (a call as a call, a chat...)
    Result = SessionResult | CallResult | ChatResult | QueueResult

SYNC_INTERVAL_MS = 1000

logger = logging.getLogger(__name__)


def journal_path(data_dir: Path, exercise_id: str) -> Path:
    """A new, unique journal file in the data folder, grouped by day."""
    now = datetime.now()
    return (
        data_dir
        / "journals"
        / now.strftime("%Y-%m-%d")
        / (f"{now.strftime('%H%M%S-%f')}-{exercise_id}.jsonl")
    )


class SessionController(QObject):
    """One session of one exercise (drill, dictation or call) for one trainee, from its
    first journal line to its stored result. Lives on the GUI thread."""

    ended = Signal(object, int)  # SessionResult or CallResult, session id
    _due_timer: QTimer  # (the desks' engines: make_due_timer, aim_at)
    _aimed_at: float | None

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
        session_id: int | None = None,
    ) -> None:
        """``session_id``: the store's row of a session this one goes on with (an exam's
        call cut off by a crash): it is given this journal, no new row is made."""
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
        file_mode, dir_mode = data_modes(data_dir)  # the owner's, or an exam room's group
        self.journal = JournalWriter(path, header, file_mode=file_mode, dir_mode=dir_mode)
        if session_id is not None:
            store.set_journal_path(session_id, path)
            self.session_id = session_id
        else:
            self.session_id = store.start_session(
                trainee.id, exercise.id, header.exercise_hash, exercise.title, header.mode, path
            )
        # how many keystrokes, and the first: the keys themselves are in the journal (12,000
        # of them kept as objects held 6 MB for nothing)
        self.key_count = 0
        self.first_key: KeyEvent | None = None
        self.engine: AudioEngine | None = None  # the headset, for sessions with sound
        self._result: Result | None = None
        self._finishing = False
        self.held = False  # a write problem is being answered: the session stands still
        self._finish_later: EndReason | None = None  # asked to end while it stood still
        # journals this one was saved away from: removed once the store names the new one
        self._left_behind: list[Path] = []
        self.timers: list[QTimer] = []
        self._wired: list[tuple[SignalInstance, Callable[..., object]]] = []
        self._sync_timer = self.make_timer(SYNC_INTERVAL_MS, self._sync_journal)
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

    def aim_at(self, due: float | None) -> None:
        """Aim the session's precise single-shot timer (``make_due_timer``) at session time
        ``due``, an engine's next due moment (None: nothing is due, it is stopped). Aimed
        again only when the moment changed: the controllers ask at every poll."""
        timer = self._due_timer
        if due is None:
            timer.stop()
            return
        if due == self._aimed_at and timer.isActive():
            return
        self._aimed_at = due
        timer.start(max(0, int((due - self.clock.now()) * 1000)))

    def make_due_timer(self, slot: object) -> QTimer:
        """The timer ``aim_at`` aims, firing ``slot``: a precise one, since a coarse timer
        (Qt's default) may fire 5 % of its interval late, 50 ms on a second."""
        self._due_timer = self.make_timer(0, slot, single_shot=True)
        self._due_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._aimed_at = None  # the session time the due timer is aimed at
        return self._due_timer

    # keystrokes and events --------------------------------------------------------------
    @property
    def active(self) -> bool:
        """True until the session ended."""
        return self._result is None

    def stamp_text(self, text: str, field: str | None = None) -> KeyEvent:
        """Journal a keystroke that produced ``text``, stamped now (``field``: the input it
        went to, on a screen with several)."""
        return self._stamp(KeyEvent(t=self.clock.now(), text=text, field=field))

    def stamp_edit(self, key: str, field: str | None = None) -> KeyEvent:
        """Journal an editing key ("Backspace" or "Delete"), stamped now."""
        edit: Literal["Backspace", "Delete"] = "Delete" if key == "Delete" else "Backspace"
        return self._stamp(KeyEvent(t=self.clock.now(), key=edit, field=field))

    def _stamp(self, event: KeyEvent) -> KeyEvent:
        self._write(event)
        self.key_count += 1
        if self.first_key is None:
            self.first_key = event
            self.on_first_key(event)
        return event

    def on_first_key(self, event: KeyEvent) -> None:
        """Called once, at the first keystroke (a countdown starts here)."""

    def record(self, event: _Event) -> None:
        """Journal any other event (audio, pauses)."""
        self._write(event)

    # when the journal cannot be written ----------------------------------------------------
    def _write(self, event: _Event) -> None:
        """Journal an event; when that fails, stand still until it is written (it waits in
        memory with everything after the last line in the file)."""
        try:
            self.journal.write(event)
        except JournalWriteError as problem:
            self._stand_still(problem)

    def _sync_journal(self) -> None:
        try:
            self.journal.sync_pending()
        except JournalWriteError as problem:
            self._stand_still(problem)

    def on_hold(self, held: bool) -> None:
        """Called when the session stops for a write problem (``held``) and goes on again; a
        session with sound stops its sound here."""

    def _stand_still(self, problem: JournalWriteError, *, ending: bool = False) -> None:
        """Stop the session (clock, input) and ask until the journal is written again; while
        ``ending``, the end event already waits, and nothing is journaled after it."""
        if self.held:  # already asking: this event waits with the others
            return
        self.held = True
        stopped_clock = not ending and not self.clock.paused
        if stopped_clock:
            self.clock.pause()
            with contextlib.suppress(JournalWriteError):  # waits in memory with the rest
                self.journal.write(
                    PauseEvent(t=self.clock.now(), paused=True, reason="write_error")
                )
        self.on_hold(True)
        try:
            choice = self._ask_until_written(problem)
        finally:
            self.held = False
        if stopped_clock:
            self.clock.resume()  # the time spent asking is not counted
            if self.engine is not None:  # the stream's clock ran on: heard times map anew
                self.engine.calibrate(self.clock.now)
            self._write(PauseEvent(t=self.clock.now(), paused=False, reason="write_error"))
        self.on_hold(False)
        if choice == "stop" and not self._finishing:
            self._finish_later = self._finish_later or "abandoned"
        if self._finish_later is not None and not self._finishing and not self.held:
            reason, self._finish_later = self._finish_later, None
            self.finish(reason)

    def _ask_until_written(self, problem: JournalWriteError) -> write_problem.Choice:
        """Ask what to do until trying again or saving elsewhere works; returns the answer."""
        again: write_problem.Choice | None = None
        while True:
            where = Path(problem.filename or self.journal.path).parent
            text = write_problem.problem_text(problem.errno or 0, where, again=again)
            choice = write_problem.ask(self.view, write_problem.title(), text)
            try:
                if choice == "elsewhere":
                    folder = write_problem.choose_folder(self.view)
                    if folder is None:  # cancelled: the same question again
                        again = None
                        continue
                    self._move_journal(folder)
                else:  # stopping also needs the journal written first: nothing is lost
                    self.journal.retry()
                return choice
            except JournalWriteError as still:
                problem, again = still, choice

    def _move_journal(self, folder: Path) -> None:
        """Go on writing the journal in ``folder`` and tell the store, if it can be told."""
        first = self.journal.path
        self.journal.move_to(folder)
        self._left_behind.append(first)
        self._tell_store_where()

    def _tell_store_where(self) -> bool:
        """Point the session's row at its journal; then the files left behind go (they hold
        the start of the session only, and would look like sessions of their own). False
        while the store cannot be written (often the same full disk): the row keeps the old
        path until it can."""
        try:
            self.store.set_journal_path(self.session_id, self.journal.path)
        except sqlite3.Error:
            return False
        for old in self._left_behind:
            try:
                old.unlink()
            except OSError as exc:  # kept on disk: a later start may offer it as a session
                logger.warning("a journal left behind could not be removed: %s", exc)
        self._left_behind.clear()
        return True

    # ending -----------------------------------------------------------------------------
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

    def close_sound(self, clip: str, headset: Headset) -> None:
        """Journal how the sound went (blocks the card got too late, so far) and close the
        headset; ``clip`` is the clip on at that moment."""
        if headset.engine is not None:
            self.record(
                AudioEvent(
                    t=self.clock.now(),
                    action="status",
                    clip=clip,
                    underflows=headset.underflows,
                )
            )
        headset.close()
        self.engine = None

    def tear_down(self) -> None:
        """Release what the subclass holds (sound) before the journal closes."""

    def finish(self, reason: EndReason) -> Result | None:
        """End the session: close the journal, score it from the file, store the result.
        While a write problem is being answered it ends once the journal is written (None)."""
        if self._result is not None or self._finishing:
            return self._result
        if self.held:
            self._finish_later = reason
            return None
        self._finishing = True
        for timer in self.timers:
            timer.stop()
        for signal, slot in self._wired:
            signal.disconnect(slot)
        self._wired.clear()
        self.tear_down()
        self._close_journal(EndEvent(t=self.clock.now(), reason=reason, ended_at=now_iso()))
        from trainer.core.scoring import score  # the scorer's alignment libraries: not before

        result = score(self.exercise, read_journal(self.journal.path), transcripts=self.transcripts)
        self._result = result
        stored = self._store_result(reason, result)
        self.ended.emit(result, self.session_id)
        if not stored:
            self._say_not_stored()
        return result

    def _close_journal(self, end: EndEvent) -> None:
        """Write the end and close; a write problem is asked about until that worked."""
        try:
            self.journal.close(end)
        except JournalWriteError as problem:
            failed: JournalWriteError | None = problem
            while failed is not None:
                self._stand_still(failed, ending=True)
                try:
                    self.journal.close()
                    failed = None
                except JournalWriteError as again:
                    failed = again

    def _store_result(self, reason: EndReason, result: Result) -> bool:
        """Store the result; False when the store cannot be written (a full disk): the row
        stays ``running`` and the next start recovers it from the journal, which is whole."""
        if self._left_behind and not self._tell_store_where():
            return False
        try:
            self.store.finish_session(self.session_id, reason, result.model_dump(mode="json"))
        except sqlite3.Error:
            return False
        return True

    def _say_not_stored(self) -> None:
        text = self.tr(
            "Het resultaat kan nu niet worden bewaard in %1: de schijf is vol of niet "
            "beschikbaar. Het logboek van deze oefening is volledig bewaard in %2; bij de "
            "volgende start van Simultaan wordt het resultaat eruit hersteld. Maak ruimte vrij "
            "voor je verder oefent."
        )
        QMessageBox.warning(
            self.view,
            self.tr("Resultaat nog niet bewaard"),
            text.replace("%1", str(self.store.path)).replace("%2", str(self.journal.path)),
        )

    @property
    def result(self) -> Result | None:
        """The result once the session ended."""
        return self._result
