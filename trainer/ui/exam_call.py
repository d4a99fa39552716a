"""A call part of an exam: the practice call desk, in exam mode, on the exam's clock.

The call is the call desk's own (``CallController`` on ``CallView``, with the call engine's
rules): it writes its journal and its session in the store as a practice call does, in mode
``exam`` (no recording of the candidate's voice). What the exam changes: Escape asks for the
supervisor instead of stopping the call, the customer's words are never shown as subtitles
unless the package allows it (a headset that fails means calling the supervisor), the part
ends by itself at its time limit (``finish("time_up")`` from the exam screen), and the exam
run takes the journal and result over when the call ends (``ExamRun.finish_hosted_part``).
A call cut off by a crash goes on where it stood (``resume``: the call rebuilt from its journal
by ``trainer.core.call_resume``): the new journal starts with every line of the old one, the
desk shows again what it showed (the fields entered, text typed in a field and not yet entered
with the cursor in it, the customer's file, the messages, the steps ticked), the clock runs on
from the time used, and the customer goes on mid-sentence as when a lost headset comes back
(F10). A call whose journal does not rebuild it is closed by the resume with what its journal
holds. GUI thread only.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal

from trainer.audio.headset import HeadsetInfo
from trainer.core import call_engine as ce
from trainer.core.call_resume import CallResume
from trainer.core.clips import ClipLibrary
from trainer.core.journal import KeyEvent
from trainer.core.journal_writer import SessionClock
from trainer.core.scenario import CallExercise
from trainer.store import Store, Trainee
from trainer.ui.call_controller import CallController
from trainer.ui.call_view import CallView, FieldEdit

# what the desk showed of a call cut off, shown again (not its sound, nor passing notices)
_SHOWN = (
    ce.ShowMessage,
    ce.MessageAnswered,
    ce.ShowRecord,
    ce.StepTicked,
    ce.FieldHint,
    ce.PhaseChanged,
)


def _session_of(store: Store, resume: CallResume | None) -> int | None:
    """The store's row of the call cut off (its desk's journal): the call goes on in it."""
    if resume is None or not resume.kept:
        return None
    journal = resume.journal.resolve()
    found = [r.id for r in store.unfinished_sessions() if r.journal_path.resolve() == journal]
    return found[0] if found else None


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
        resume: CallResume | None = None,
    ) -> None:
        self.allow_subtitles = allow_subtitles  # (read by _apply while the desk is built)
        self._resume = resume
        self._stopped = False
        self._typing_in: FieldEdit | None = None
        super().__init__(
            view, exercise, trainee, store, data_dir, library,
            device=device, volume=volume, mode="exam", clock=clock,
            session_id=_session_of(store, resume),
        )  # fmt: skip
        if self.headset.problem is not None and not allow_subtitles:
            self._no_sound_said()
        if resume is not None:
            self._stand_where_it_stood(resume)

    def _stand_where_it_stood(self, resume: CallResume) -> None:
        """The call cut off, as it stood: its lines at the head of the new journal, the desk
        as it showed it, standing still (the clock too) until ``_start`` goes on."""
        for event in resume.lines():
            self.record(event)
        keys = [e for e in resume.kept if isinstance(e, KeyEvent)]
        self.key_count, self.first_key = len(keys), keys[0] if keys else None
        engine = resume.rebuilt.engine
        resume.rebuilt.hear_with(HeadsetInfo(self.headset))
        self.call = engine
        for effect in resume.rebuilt.effects:
            if isinstance(effect, _SHOWN):
                self._apply(effect)
        typed = resume.typed
        for field_id, value in {**engine.committed, **typed.texts}.items():
            edit = self.view.fields.get(field_id)
            if edit is not None:
                edit.setText(value)  # (leaving the field commits it, as before the cut)
        # the cursor where the candidate was typing, given back when the call goes on
        self._typing_in = self.view.fields.get(typed.focus) if typed.focus else None
        if engine.phase is ce.Phase.ENDED:
            self.view.open_wrap_up()
        self._show_phase()
        self._apply(ce.Paused(True))

    def _start(self) -> None:
        super()._start()
        if self._resume is None or not self.active:
            return
        self._resume = None
        if self.headset.problem is None:
            action: ce.Action = ce.SoundOpened(True)  # on mid-sentence, as F10 does
        else:  # as a call without sound runs (the supervisor is asked for the headset)
            action = ce.Key("resume_subtitles")
        self._do(action)
        if self._typing_in is not None and not self.paused:
            self._typing_in.setFocus()
            self._typing_in = None

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

    @property
    def active(self) -> bool:
        """Until the call ended, or the desk was stopped mid-call."""
        return not self._stopped and super().active

    def stop_here(self) -> None:
        """The supervisor leaves mid-call: the desk stops without an end; a resume goes on
        from there. Nothing reaches its journal after this (a field left as the window
        closes commits nothing)."""
        self._stopped = True
        for timer in self.timers:
            timer.stop()
        self.tear_down()
        self.journal.close()  # no end: the call was cut off, not finished
