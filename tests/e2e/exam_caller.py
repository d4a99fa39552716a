"""A candidate taking an exam's call part on the exam screen, as a process the kill test kills
(not a test).

    python tests/e2e/exam_caller.py DATA PACKAGE CANDIDATE begin|resume SPEED

Runs the real exam screen (``ExamWindow`` offscreen over ``prepare_exam``: the signed package,
the enrolled workstation, the store, the call desk with its journal) on a clock running SPEED
times faster than the wall clock, without a headset (the call runs as a call without sound
does). Begun, it checks in, lets the copy part run out and opens the call; then, as an
operator would, it answers the ringing phone and enters the form's fields one by one, each
typed key by key (its keystrokes stamped as the desk stamps them) and committed, printing
``K n`` once keystroke ``n`` and ``F id`` once field ``id`` was journaled (written to the OS at
once: a ``kill -9`` cannot lose them after this), and ``T`` at each step it has nothing to do.
Resumed, it prints ``R`` and the fields the desk shows again (``R id=value;...``), enters the
ones left, and prints ``DONE`` when the part has ended at its limit.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tests.exams import CODE, silent_engine
from trainer.core.scenario import CallExercise
from trainer.store.exam_room import prepare_exam
from trainer.ui.exam_window import ExamWindow

STEP_MS = 60  # the operator's pace (wall clock): the fields entered over the first 2 s


def main(data: str, package: str, candidate: str, how: str, speed: str) -> int:
    factor = float(speed)
    app = QApplication.instance() or QApplication(["exam_caller"])
    prepared = prepare_exam(Path(data), Path(package), candidate)

    def clock() -> float:
        return time.perf_counter() * factor

    window = ExamWindow(
        prepared, clock=clock, kiosk=False, engine_factory=silent_engine, device="geen-headset"
    )
    window.show()
    if how == "begin":
        window.name_field.setText("Kandidaat " + candidate)
        window.check_in_code.setText(CODE)
        window.check_in_code.returnPressed.emit()
        window.begin_button.click()  # the copy part: left to run out
    else:
        window.resume_code.setText(CODE)
        window.resume_code.returnPressed.emit()
        call = window.call
        assert call is not None, "the call did not go on"
        shown = ";".join(f"{k}={e.text()}" for k, e in call.view.fields.items() if e.text())
        print(f"R {shown}", flush=True)
    keys = 0
    todo: list[tuple[str, str]] = []
    if how != "begin":  # the fields not shown again: entered afresh
        exercise = window.call.exercise if window.call is not None else None
        assert isinstance(exercise, CallExercise)
        fields = window.call.view.fields if window.call is not None else {}
        todo += [
            (f.id, f.expected)
            for f in exercise.fields
            if f.section == "form" and not fields[f.id].text()
        ]

    def step() -> None:
        nonlocal keys
        if window.pages.currentWidget() is window.end_page:
            print("DONE", flush=True)
            os._exit(0)  # (the exam screen's threads need not be waited for: all is written)
        if window.pages.currentWidget() is window.between:
            window.next_button.click()
            return
        call = window.call
        if call is None or not call.active:
            return
        if call.state == "ringing":
            call.answer()
            exercise = call.exercise
            assert isinstance(exercise, CallExercise)
            todo.extend((f.id, f.expected) for f in exercise.fields if f.section == "form")
            return
        if not todo or call.state != "talking":
            print("T", flush=True)  # (the call goes on: a kill may land here too)
            return
        field_id, value = todo[0]
        edit = call.view.fields[field_id]
        typed = edit.text()
        if len(typed) < len(value):
            call.stamp_text(value[len(typed)])
            edit.setText(value[: len(typed) + 1])
            print(f"K {keys}", flush=True)
            keys += 1
            return
        todo.pop(0)
        call.commit_field(field_id, value)
        print(f"F {field_id}", flush=True)

    timer = QTimer()
    timer.timeout.connect(step)
    timer.start(STEP_MS)
    app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
