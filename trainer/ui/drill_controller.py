"""Runs one copy-typing session: stamps keystrokes, keeps the journal, ends and scores it.

Every keystroke is stamped on the session's monotonic clock the moment it arrives and written
to the journal before the screen changes. The countdown is scheduled against its deadline on
that clock (not counted in timer ticks), so it does not drift. The result is computed from the
journal file itself, the same way ``simultaan replay`` does, so the two always agree.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from trainer import __version__
from trainer.core.exercise import CopyExercise, content_hash
from trainer.core.journal import (
    EndEvent,
    EndReason,
    Header,
    JournalWriter,
    KeyEvent,
    SessionClock,
    now_iso,
    read_journal,
)
from trainer.core.scoring import SessionResult, input_stream, score
from trainer.core.typing_metrics import score_typing
from trainer.store import Store, Trainee
from trainer.ui import words
from trainer.ui.drill_view import DrillView

LIVE_INTERVAL_MS = 500
SYNC_INTERVAL_MS = 1000
COUNTDOWN_INTERVAL_MS = 200


def journal_path(data_dir: Path, exercise_id: str) -> Path:
    """A new, unique journal file in the data folder, grouped by day."""
    now = datetime.now()
    return (
        data_dir
        / "journals"
        / now.strftime("%Y-%m-%d")
        / (f"{now.strftime('%H%M%S-%f')}-{exercise_id}.jsonl")
    )


class DrillController(QObject):
    """One session of one exercise for one trainee. Lives on the GUI thread."""

    ended = Signal(object, int)  # SessionResult, session id

    def __init__(
        self,
        view: DrillView,
        exercise: CopyExercise,
        trainee: Trainee,
        store: Store,
        data_dir: Path,
        mode: str = "practice",
        clock: SessionClock | None = None,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.exercise = exercise
        self.store = store
        self.reference = unicodedata.normalize("NFC", exercise.text).rstrip()
        self.clock = clock or SessionClock()
        path = journal_path(data_dir, exercise.id)
        header = Header(
            exercise_id=exercise.id,
            exercise_hash=content_hash(exercise),
            trainee=trainee.name,
            mode="exam" if mode == "exam" else "practice",
            app_version=__version__,
            started_at=now_iso(),
        )
        self.journal = JournalWriter(path, header)
        self.session_id = store.start_session(
            trainee.id, exercise.id, header.exercise_hash, exercise.title, header.mode, path
        )
        self._keys: list[KeyEvent] = []
        self._first_key_t: float | None = None
        self._deadline = 0.0
        self._live_dirty = False
        self._result: SessionResult | None = None

        self._sync_timer = QTimer(self)
        self._sync_timer.setInterval(SYNC_INTERVAL_MS)
        self._live_timer = QTimer(self)
        self._live_timer.setInterval(LIVE_INTERVAL_MS)
        self._countdown_timer = QTimer(self)
        self._countdown_timer.setInterval(COUNTDOWN_INTERVAL_MS)
        self._deadline_timer = QTimer(self)
        self._deadline_timer.setSingleShot(True)
        self._connect_signals()
        self._show_start()
        self._sync_timer.start()
        self._live_timer.start()

    def _connect_signals(self) -> None:
        surface = self.view.surface
        surface.typed.connect(self._on_typed)
        surface.edited.connect(self._on_edited)
        surface.finishRequested.connect(self._on_finish_requested)
        surface.abandonRequested.connect(self._on_abandon_requested)
        self._sync_timer.timeout.connect(self.journal.sync_pending)
        self._live_timer.timeout.connect(self._on_live_tick)
        self._countdown_timer.timeout.connect(self._on_countdown_tick)
        self._deadline_timer.timeout.connect(self._on_deadline)

    def _disconnect_signals(self) -> None:
        surface = self.view.surface
        surface.typed.disconnect(self._on_typed)
        surface.edited.disconnect(self._on_edited)
        surface.finishRequested.disconnect(self._on_finish_requested)
        surface.abandonRequested.disconnect(self._on_abandon_requested)

    def _show_start(self) -> None:
        view = self.view
        view.title.setText(self.exercise.title)
        view.instructions.setText(self.exercise.instructions)
        view.instructions.setVisible(bool(self.exercise.instructions))
        view.surface.set_reference(self.reference)
        view.speed.setText(self.tr("Snelheid: –"))
        view.errors.setText(
            self.tr("Fouten: – (marge %1)").replace(
                "%1", words.percent(float(self.exercise.margin))
            )
        )
        view.progress.setText(f"0 / {len(self.reference)}")
        limit = self.exercise.time_limit
        view.countdown.setText(
            self.tr("%1 — start bij je eerste aanslag").replace("%1", words.seconds(limit))
            if limit
            else ""
        )
        view.countdown.setProperty("urgent", False)
        view.surface.setFocus()

    # keystrokes -------------------------------------------------------------------------
    def _stamp(self, event: KeyEvent) -> None:
        self.journal.write(event)
        self._keys.append(event)
        self._live_dirty = True
        if self._first_key_t is None:
            self._first_key_t = event.t
            if self.exercise.time_limit:
                self._arm_deadline()

    def _on_typed(self, text: str) -> None:
        if self._result is not None:
            return
        self._stamp(KeyEvent(t=self.clock.now(), text=text))
        surface = self.view.surface
        surface.append(text)
        self.view.progress.setText(f"{surface.position} / {len(self.reference)}")
        if surface.position >= len(self.reference):
            self.finish("finished")

    def _on_edited(self, key: str) -> None:
        if self._result is not None:
            return
        self._stamp(KeyEvent(t=self.clock.now(), key="Delete" if key == "Delete" else "Backspace"))
        if key == "Backspace":
            self.view.surface.remove_last()
            self.view.progress.setText(f"{self.view.surface.position} / {len(self.reference)}")

    # time -------------------------------------------------------------------------------
    def _arm_deadline(self) -> None:
        assert self._first_key_t is not None and self.exercise.time_limit
        self._deadline = self._first_key_t + self.exercise.time_limit
        self._deadline_timer.start(max(0, int((self._deadline - self.clock.now()) * 1000)))
        self._countdown_timer.start()
        self._on_countdown_tick()

    def remaining(self) -> float | None:
        """Seconds left in a timed drill once it started; None otherwise."""
        if not self.exercise.time_limit or self._first_key_t is None:
            return None
        return max(0.0, self._deadline - self.clock.now())

    def _on_countdown_tick(self) -> None:
        left = self.remaining()
        if left is None:
            return
        label = self.view.countdown
        label.setText(self.tr("Nog %1").replace("%1", words.seconds(left)))
        urgent = left <= 15
        if label.property("urgent") != urgent:
            label.setProperty("urgent", urgent)
            label.style().unpolish(label)
            label.style().polish(label)

    def _on_deadline(self) -> None:
        # a timer can fire a little early; the clock decides
        left = self.remaining()
        if left is not None and left > 0.002:
            self._deadline_timer.start(int(left * 1000) + 1)
            return
        self.finish("time_up")

    def _on_live_tick(self) -> None:
        """Speed and error rate so far, against the margin (not on every key: it scores)."""
        if not self._live_dirty or len(self._keys) < 2:
            return
        self._live_dirty = False
        keys = self._keys
        live = score_typing(
            self.reference,
            input_stream(keys),
            seconds=keys[-1].t - keys[0].t,
            unit=self.exercise.error_unit,
            margin=self.exercise.margin,
            partial=True,
        )
        self.view.speed.setText(
            self.tr("Snelheid: %1 wpm").replace("%1", words.number(live.wpm, 0))
        )
        within = live.error_rate <= float(self.exercise.margin)
        self.view.errors.setText(
            self.tr("Fouten: %1 (marge %2)")
            .replace("%1", words.percent(live.error_rate))
            .replace("%2", words.percent(float(self.exercise.margin)))
        )
        self.view.errors.setProperty("over", not within)
        self.view.errors.style().unpolish(self.view.errors)
        self.view.errors.style().polish(self.view.errors)

    # ending -----------------------------------------------------------------------------
    def _on_finish_requested(self) -> None:
        if self._keys:
            self.finish("finished")

    def _on_abandon_requested(self) -> None:
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
        if answer == QMessageBox.StandardButton.Yes and self._result is None:
            self.finish("abandoned")

    def finish(self, reason: EndReason) -> SessionResult:
        """End the session: close the journal, score it from the file, store the result."""
        if self._result is not None:
            return self._result
        for timer in (
            self._sync_timer,
            self._live_timer,
            self._countdown_timer,
            self._deadline_timer,
        ):
            timer.stop()
        self._disconnect_signals()
        self.journal.close(EndEvent(t=self.clock.now(), reason=reason, ended_at=now_iso()))
        result = score(self.exercise, read_journal(self.journal.path))
        self._result = result
        self.store.finish_session(self.session_id, reason, result.model_dump(mode="json"))
        self.ended.emit(result, self.session_id)
        return result

    @property
    def result(self) -> SessionResult | None:
        """The result once the session ended."""
        return self._result
