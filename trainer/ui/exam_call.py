"""A call part of an exam: the practice call desk, in exam mode, on the exam's clock.

The call is the call desk's own (``CallController`` on ``CallView``, with the call engine's
rules): it writes its journal and its session in the store as a practice call does, in mode
``exam`` (no recording of the candidate's voice). What the exam changes: Escape asks for the
supervisor instead of stopping the call, the customer's words are never shown as subtitles
unless the package allows it (a headset that fails means calling the supervisor), the part
ends by itself at its time limit (``finish("time_up")`` from the exam screen), and the exam
run takes the journal and result over when the call ends (``ExamRun.finish_hosted_part``).
A call cannot go on half-way after a crash: a resume closes it with what its journal holds.
GUI thread only.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal

from trainer.core import call_engine as ce
from trainer.core.clips import ClipLibrary
from trainer.core.journal_writer import SessionClock
from trainer.core.scenario import CallExercise
from trainer.store import Store, Trainee
from trainer.ui.call_controller import CallController
from trainer.ui.call_view import CallView


class ExamCall(CallController):
    """One call part; ``allow_subtitles``: the package's."""

    leaveAsked = Signal()

    def __init__(
        self,
        view: CallView,
        exercise: CallExercise,
        trainee: Trainee,
        store: Store,
        data_dir: Path,
        library: ClipLibrary,
        *,
        allow_subtitles: bool,
        clock: SessionClock,
        device: int | str | None = None,
        volume: float = 1.0,
    ) -> None:
        self.allow_subtitles = allow_subtitles  # (read by _apply while the desk is built)
        super().__init__(
            view, exercise, trainee, store, data_dir, library,
            device=device, volume=volume, mode="exam", clock=clock,
        )  # fmt: skip
        if self.headset.problem is not None and not allow_subtitles:
            self._no_sound_said()

    def _no_sound_said(self) -> None:
        from trainer.ui import messages

        problem = self.headset.problem
        said = messages.text(problem) if problem is not None else ""
        self.view.show_problem(
            self.tr("Geen geluid: %1. Roep de toezichter; hij kan de headset aansluiten.").replace(
                "%1", said
            )
        )

    def request_abandon(self) -> None:
        """Escape: the supervisor's page (an exam call is never stopped by the candidate)."""
        self.leaveAsked.emit()

    def _apply(self, effect: ce.Effect) -> None:
        if not self.allow_subtitles:
            if isinstance(effect, ce.Subtitle) and effect.clip is not None:
                return  # the customer is heard, or not at all
            if isinstance(effect, ce.Notice) and effect.code == "subtitles":
                self._no_sound_said()
                return
        super()._apply(effect)

    def stop_here(self) -> None:
        """The supervisor leaves mid-call: the desk stops without an end; a resume closes the
        part with what the journal holds."""
        for timer in self.timers:
            timer.stop()
        self.tear_down()
        self.journal.close()  # no end: the call was cut off, not finished
