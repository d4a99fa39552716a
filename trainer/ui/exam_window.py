"""The exam screen: check-in, instructions, the parts in kiosk mode, the end.

One full-screen window, a page at a time, all by keyboard. The candidate checks in (name, the
candidate number) and the supervisor confirms with the exam's code (the package's
``supervisor_code``: set by the exam centre in the signed package, so it is the same on every
workstation of the room and cannot be changed on one). The instructions follow, then each part:
its text, the typing, a large clock counting down; the part ends by itself when the clock
reaches 0:00 (``ExamRun.tick``). There is no pause, no retry, no choice of exercise; Escape,
Alt+F4 or closing the window only ask for the supervisor's code, and the clock runs on. A
candidate whose exam was cut off is offered to the supervisor: resume at the same point (the
text typed is shown again), or close. At the end the candidate sees what the package says:
nothing but that it is over, or the result.

The controller: its pages are built by ``ExamScreen`` (``trainer.ui.exam_pages``), and the run
(``trainer.core.exam_run``) holds every rule. GUI thread only.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QWidget,
)

from trainer.audio.engine import AudioEngine
from trainer.core.exam_run import ExamRun
from trainer.core.exercise import CopyExercise, DictationExercise
from trainer.core.journal_writer import SessionClock
from trainer.core.scenario import CallExercise
from trainer.paths import STORE_FILE, data_modes
from trainer.store import Store
from trainer.store.exam_room import PreparedExam
from trainer.ui import messages, words
from trainer.ui.call_view import CallView
from trainer.ui.exam_call import ExamCall
from trainer.ui.exam_dictation import ExamDictation
from trainer.ui.exam_pages import ExamScreen

TICK_MS = 200  # the clock shown and the part's end checked five times a second


class ExamWindow(ExamScreen):
    """The exam screen for one candidate on this workstation."""

    closed = Signal()

    def __init__(
        self,
        prepared: PreparedExam,
        *,
        clock: Callable[[], float] | None = None,
        kiosk: bool = True,
        device: int | str | None = None,
        volume: float = 1.0,
        engine_factory: Callable[[int | str | None], AudioEngine] | None = None,
    ) -> None:
        """``device``, ``volume``: the headset as the workstation's settings name it;
        ``engine_factory``: how its sound engine is made (a test's fake stream)."""
        super().__init__(prepared.package, prepared.candidate)
        self.prepared = prepared
        self._device, self._volume = device, volume
        self._engine_factory = engine_factory
        self.dictation: ExamDictation | None = None
        self.call: ExamCall | None = None
        self._call_focus: QWidget | None = None  # where the call's cursor was, while away
        self.call_view: CallView | None = None
        self._store: Store | None = None  # opened for a call part (the desk stores it)
        self.package = prepared.package
        self.run: ExamRun | None = None
        self._clock = clock
        self._may_close = False
        self._back_to: QWidget | None = None
        self.setWindowTitle(self.package.title)
        if kiosk:  # above everything, the whole screen, no frame to close it by
            self.setWindowFlags(
                Qt.WindowType.Window
                | Qt.WindowType.FramelessWindowHint
                | Qt.WindowType.WindowStaysOnTopHint
            )
        self._connect_signals()
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._on_tick)
        if prepared.resumable:
            self._show_resume_offer()
        else:
            self._say_checking_in()
            self._show(self.check_in)

    def _say_checking_in(self) -> None:
        """The room's status: this workstation is checking in its candidate (a status that
        cannot be written is no reason to stop the exam: the first part's save says it)."""
        from trainer.core.exam_status import write_check_in

        prepared = self.prepared
        with contextlib.suppress(OSError):
            write_check_in(
                prepared.data_folder,
                workstation=prepared.workstation,
                candidate=prepared.candidate,
                package=self.package.id,
                parts=len(self.package.parts),
                remaining=float(self.package.parts[0].time_limit),
                modes=data_modes(prepared.data_folder),
            )

    def _connect_signals(self) -> None:
        self.check_in_button.clicked.connect(self._on_check_in)
        self.name_field.returnPressed.connect(self.check_in_code.setFocus)
        self.check_in_code.returnPressed.connect(self._on_check_in)
        self.resume_button.clicked.connect(self._on_resume)
        self.resume_close_button.clicked.connect(self._on_close_unresumed)
        self.resume_code.returnPressed.connect(self._on_resume)
        self.begin_button.clicked.connect(self._on_start_part)
        self.typing.leaveAsked.connect(self._on_leave_asked)
        self.typing.writeFailed.connect(self._on_write_failed)
        self.next_button.clicked.connect(self._on_start_part)
        self.leave_button.clicked.connect(self._on_leave)
        self.back_button.clicked.connect(self._on_back)
        self.leave_code.returnPressed.connect(self._on_leave)

    def show_kiosk(self) -> None:
        """Full screen, also where no window manager makes it so (a bare X session, as exam
        rooms set workstations up): the window is first given the whole screen itself."""
        self.setGeometry(self.screen().geometry())
        self.showFullScreen()

    def _show(self, page: QWidget) -> None:
        if self.pages.currentWidget() is self.part_page and self.call_view is not None:
            # a call's cursor goes back to the field it was in when the supervisor is done
            focused = self.focusWidget()
            inside = focused is not None and self.call_view.isAncestorOf(focused)
            self._call_focus = focused if inside else None
        self.pages.setCurrentWidget(page)
        focus = {
            self.check_in: self.name_field,
            self.resume_page: self.resume_code,
            self.instructions: self.begin_button,
            self.part_page: self._part_focus(),
            self.between: self.next_button,
            self.leave_page: self.leave_code,
        }.get(page)
        if focus is not None:
            focus.setFocus()

    def _part_focus(self) -> QWidget:
        if self.call is not None and self.call_view is not None:
            return self._call_focus or self.call_view
        return self.dictation_view.editor if self.dictation else self.typing

    # check-in and resume ----------------------------------------------------------------
    def _run_options(self) -> dict[str, Any]:
        return {} if self._clock is None else {"clock": self._clock}

    def _code_ok(self, field: QLineEdit, problem: QLabel) -> bool:
        if self.package.code_matches(field.text()):
            field.clear()
            problem.clear()
            return True
        field.clear()
        problem.setText(self.tr("Die code klopt niet."))
        return False

    def _on_check_in(self) -> None:
        name = " ".join(self.name_field.text().split())
        if not name:
            self.check_in_problem.setText(self.tr("Vul de naam van de kandidaat in."))
            self.name_field.setFocus()
            return
        if not self._code_ok(self.check_in_code, self.check_in_problem):
            self.check_in_code.setFocus()
            return
        try:
            self.run = self.prepared.begin(name, **self._run_options())
        except Exception as exc:  # a Said (the exam exists, the disk): said on the page
            self.check_in_problem.setText(messages.of_exception(exc))
            return
        self._show_instructions()

    def _show_resume_offer(self) -> None:
        state = self.prepared.state
        assert state is not None
        part = state.parts[state.part]
        used = int(part.used)
        self.resume_text.setText(
            self.tr(
                "Het examen van %1 (kandidaat %2) werd onderbroken in onderdeel %3 van %4, "
                "na %5 van de %6 minuten. Het gaat verder waar het stopte; wat al getypt was, "
                "blijft staan."
            )
            .replace("%1", state.name)
            .replace("%2", state.candidate)
            .replace("%3", str(state.part + 1))
            .replace("%4", str(len(state.parts)))
            .replace("%5", f"{used // 60}:{used % 60:02d}")
            .replace("%6", str(self.package.parts[state.part].time_limit // 60))
        )
        if self.prepared.call_scored_as_is():  # a call that cannot go on where it stood: said
            last = state.part + 1 >= len(state.parts)
            then = (
                self.tr("daarmee is het examen af.")
                if last
                else self.tr("het examen gaat verder met onderdeel %1.").replace(
                    "%1", str(state.part + 2)
                )
            )
            self.resume_text.setText(
                self.resume_text.text()
                + "\n\n"
                + self.tr(
                    "Let op: onderdeel %1 is een gesprek dat niet verder kan waar het stopte: "
                    "het logboek laat niet toe het na te bouwen zoals het was. Het wordt "
                    "beoordeeld met wat er tot de onderbreking gebeurde; %2"
                )
                .replace("%1", str(state.part + 1))
                .replace("%2", then)
            )
        self._show(self.resume_page)

    def _on_resume(self) -> None:
        if not self._code_ok(self.resume_code, self.resume_problem):
            return
        try:
            self.run = self.prepared.resume(**self._run_options())
        except Exception as exc:
            self.resume_problem.setText(messages.of_exception(exc))
            return
        if self.run.finished:  # (the last part was a call, closed by the resume)
            self._show_end()
        elif self.run.running or self.run.call_resume is not None:  # (a call: its desk next)
            self._show_part()
        else:
            self._show_between()

    def _on_close_unresumed(self) -> None:
        if self._code_ok(self.resume_code, self.resume_problem):
            self._close_for_good()

    def _show_instructions(self) -> None:
        lines = [self.package.instructions.strip()] if self.package.instructions.strip() else []
        for index, part in enumerate(self.package.parts):
            exercise = self.prepared.exercises[index]
            lines.append(
                self.tr("Onderdeel %1: %2 (%3 minuten)")
                .replace("%1", str(index + 1))
                .replace("%2", exercise.title)
                .replace("%3", words.number(part.time_limit / 60, 0))
            )
        lines.append(
            self.tr(
                "Elk onderdeel stopt vanzelf als de tijd om is. Pauzeren of opnieuw beginnen "
                "kan niet."
            )
        )
        self.instructions_text.setText("\n\n".join(lines))
        self._show(self.instructions)

    # the parts ----------------------------------------------------------------------------
    def _on_start_part(self) -> None:
        assert self.run is not None
        if self.run.finished:
            return
        if isinstance(self.run.exercise, CallExercise):
            self._show_part()  # the call desk writes the journal (_start_call)
            return
        try:
            self.run.start_part()
        except Exception as exc:  # a journal that cannot be made: said, nothing starts
            self.between_text.setText(messages.of_exception(exc))
            self._show(self.between)
            return
        self._show_part()

    def _show_part(self) -> None:
        run = self.run
        assert run is not None
        exercise = run.exercise
        self.part_title.setText(
            self.tr("Onderdeel %1 van %2: %3")
            .replace("%1", str(run.index + 1))
            .replace("%2", str(len(self.package.parts)))
            .replace("%3", exercise.title)
        )
        self._show_clock()
        if isinstance(exercise, CallExercise):
            self._start_call(run, exercise)
        elif isinstance(exercise, DictationExercise):
            self.body.setCurrentWidget(self.dictation_view)
            kwargs: dict[str, Any] = {"device": self._device, "volume": self._volume}
            if self._engine_factory is not None:
                kwargs["engine_factory"] = self._engine_factory
            self.dictation = ExamDictation(
                run, self.dictation_view, self.prepared.library, **kwargs
            )
            self.dictation.leaveAsked.connect(self._on_leave_asked)
            self.dictation.writeFailed.connect(self._on_write_failed)
            self.pages.setCurrentWidget(self.part_page)
            self.dictation_view.editor.setFocus()
        else:
            assert isinstance(exercise, CopyExercise)
            self.body.setCurrentWidget(self.copy_body)
            self.reference.setPlainText(exercise.text)
            self.typing.run = run
            self.typing.show_typed(run.typed_text())
            self._show(self.part_page)
        self.timer.start()

    def _start_call(self, run: ExamRun, exercise: CallExercise) -> None:
        """A call part: the call desk, its journal and session its own, on the exam's clock."""
        if self._store is None:
            path = self.prepared.data_folder / STORE_FILE
            self._store = Store(path, file_mode=data_modes(self.prepared.data_folder)[0])
        state = run.state
        trainee = self._store.trainee_named(f"{state.name} ({state.candidate})")
        if self.call_view is not None:
            self.body.removeWidget(self.call_view)
            self.call_view.deleteLater()
        self.call_view = CallView(self.body)
        self.body.addWidget(self.call_view)
        self.body.setCurrentWidget(self.call_view)
        self.pages.setCurrentWidget(self.part_page)
        clock_source = self._clock or time.perf_counter
        resume = run.call_resume  # a call cut off: on where it stood, its time counted
        self.call = ExamCall(
            self.call_view,
            exercise,
            trainee,
            self._store,
            self.prepared.data_folder,
            self.prepared.library,
            allow_subtitles=self.package.allow_subtitles,
            clock=SessionClock(clock_source, at=resume.used if resume is not None else 0.0),
            device=self._device,
            volume=self._volume,
            resume=resume,
        )
        self.call.leaveAsked.connect(self._on_leave_asked)
        self.call.ended.connect(self._on_call_ended)
        run.start_hosted_part(self.call.journal.path)
        self._call_focus = None
        self.call_view.setFocus()  # (a resumed call's cursor goes back once it goes on)

    def _on_call_ended(self, result: Any, _session_id: int) -> None:
        """The call was wrapped up, or its time ran out: the exam takes it over."""
        run = self.run
        if run is None or self.call is None:
            return
        self.call = None
        run.finish_hosted_part(result.model_dump(mode="json"))
        self.timer.stop()
        self._part_over()
        if run.finished:
            self._show_end()
        else:
            self._show_between()

    def _show_clock(self) -> None:
        assert self.run is not None
        left = int(self.run.remaining() + 0.999)  # 0:00 only when it is over
        self.clock_label.setText(f"{left // 60}:{left % 60:02d}")

    def _on_tick(self) -> None:
        run = self.run
        if run is None or not run.running:
            self.timer.stop()
            return
        if self.call is not None and run.time_up:
            self.call.finish("time_up")  # the desk ends the call; _on_call_ended follows
            return
        try:
            ended = run.tick()
        except OSError as exc:  # the disk refuses: said; what waits is tried at every tick
            self._on_write_failed(exc)
            self._show_clock()
            return
        self.write_problem.hide()
        if not ended:
            self._show_clock()
            return
        self.timer.stop()
        self._part_over()
        if run.finished:
            self._show_end()
        else:
            self._show_between()

    def _part_over(self) -> None:
        """Let go of the part's input and sound."""
        self.typing.run = None
        if self.dictation is not None:
            self.dictation.close()
            self.dictation = None
        if self.call is not None:  # (the supervisor leaves mid-call)
            call, self.call = self.call, None
            call.stop_here()

    def _on_write_failed(self, exc: OSError) -> None:
        """The disk refuses the journal or the exam's state: said on the part's page; what
        was typed stays in memory and on screen, and is written once the disk takes it."""
        where = exc.filename or str(self.prepared.folder)
        self.write_problem.setText(
            self.tr(
                "Er kan niet worden geschreven in %1 (%2). Roep de toezichter; wat je typt, "
                "blijft bewaard en wordt geschreven zodra het weer kan."
            )
            .replace("%1", str(where))
            .replace("%2", exc.strerror or str(exc))
        )
        self.write_problem.show()

    def _show_between(self) -> None:
        assert self.run is not None
        exercise = self.run.exercise
        self.between_text.setText(
            self.tr("Onderdeel %1 is voorbij. Het volgende onderdeel: %2 (%3 minuten).")
            .replace("%1", str(self.run.index))
            .replace("%2", exercise.title)
            .replace("%3", words.number(self.run.time_limit / 60, 0))
        )
        if self._back_to is None:
            self._show(self.between)

    def _show_end(self) -> None:
        assert self.run is not None
        self._may_close = False
        if self.package.show_result == "nothing":
            self.end_text.setText(self.tr("Bedankt. Je resultaat wordt je later meegedeeld."))
        else:
            lines = []
            for index, part in enumerate(self.run.state.parts):
                verdict = self.tr("geslaagd") if part.passed else self.tr("niet geslaagd")
                lines.append(
                    self.tr("Onderdeel %1, %2: %3")
                    .replace("%1", str(index + 1))
                    .replace("%2", self.prepared.exercises[index].title)
                    .replace("%3", verdict)
                )
            self.end_text.setText("\n".join(lines))
        if self._back_to is None:
            self._show(self.end_page)

    # leaving: only with the supervisor's code ---------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self._on_leave_asked()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Alt+F4 or the window manager: not without the code."""
        if self._may_close:
            event.accept()
            self.closed.emit()
            return
        event.ignore()
        self._on_leave_asked()

    def _on_leave_asked(self) -> None:
        if self.pages.currentWidget() is self.leave_page:
            return
        self._back_to = self.pages.currentWidget()
        self.leave_problem.clear()
        run = self.run
        running = run is not None and (run.running or self.call is not None)
        self.say_leaving(running, run is not None and run.finished)
        self._show(self.leave_page)

    def _on_back(self) -> None:
        back, self._back_to = self._back_to, None
        if self.run is not None and self.run.finished:
            self._show(self.end_page)
        elif back is self.part_page and (self.run is None or not self.run.running):
            self._show(self.between)  # the part ended while the supervisor was asked
        else:
            self._show(back or self.check_in)

    def _on_leave(self) -> None:
        if self._code_ok(self.leave_code, self.leave_problem):
            self._close_for_good()

    def stop_for_shutdown(self) -> None:
        """The workstation shuts down (SIGTERM): close as the supervisor's code would, a
        running part kept resumable."""
        self._close_for_good()
        if not self._may_close:  # (what waits in memory cannot be written: kept on screen)
            return
        from PySide6.QtWidgets import QApplication

        QApplication.quit()

    def _close_for_good(self) -> None:
        if self.run is not None and self.run.writer is not None:
            try:  # what waits in memory must reach the disk before the exam may stop
                self.run.writer.retry() if self.run.writer.error else None
            except OSError as exc:
                self.leave_problem.setText(
                    self.tr(
                        "Het examen kan nu niet stoppen: %1 (%2). Maak eerst ruimte vrij; wat "
                        "de kandidaat typte, staat nog alleen in het geheugen."
                    )
                    .replace("%1", str(exc.filename or self.prepared.folder))
                    .replace("%2", exc.strerror or str(exc))
                )
                return
        self.timer.stop()
        self._part_over()
        if self.run is not None:
            self.run.close()  # a running part stays resumable
        if self._store is not None:
            self._store.close()
            self._store = None
        self._may_close = True
        self.close()
