"""A candidate taking an exam's call part on the exam screen, as a process the kill test kills
(not a test).

    python tests/e2e/exam_caller.py DATA PACKAGE CANDIDATE begin|hold|resume SPEED

Runs the real exam screen (``ExamWindow`` offscreen over ``prepare_exam``: the signed package,
the enrolled workstation, the store, the call desk with its journal) on a clock running SPEED
times faster than the wall clock, without a headset (the call runs as a call without sound
does). Begun, it checks in, lets the copy part run out and opens the call; then, as an
operator would, it answers the ringing phone and enters the form's fields one by one, each
typed key by key into the field (key events: the desk's own filter stamps them) and committed
with Enter, printing ``K n`` once keystroke ``n`` and ``F id`` once field ``id`` was journaled
(written to the OS at once: a ``kill -9`` cannot lose them after this), and ``T`` at each step
it has nothing to do. ``hold`` does the same until it has typed three keys into the second
field, then prints ``HELD`` and types no more (the kill comes while the text is not committed).
Resumed, it prints ``R`` and the fields the desk shows again (``R id=value;...``), once the
call goes on ``C id`` (the field the cursor is in, ``-`` for none), types the rest of each field
on from what it shows, and prints ``DONE`` when the part has ended at its limit.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from tests.exams import CODE, silent_engine
from trainer.core.scenario import CallExercise
from trainer.store.exam_room import prepare_exam
from trainer.ui.exam_window import ExamWindow

STEP_MS = 60  # the operator's pace (wall clock): the fields entered over the first 2 s


def press(widget: QWidget, key: Qt.Key, text: str = "") -> None:
    """One key pressed and released in ``widget``, as the keyboard gives it."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


def left_to_enter(window: ExamWindow) -> list[tuple[str, str]]:
    """The form's fields a resumed call has not entered: typed on from what they show."""
    call = window.call
    assert call is not None and isinstance(call.exercise, CallExercise)
    entered = call.call.committed
    return [
        (f.id, f.expected)
        for f in call.exercise.fields
        if f.section == "form" and entered.get(f.id) != f.expected
    ]


def open_exam(window: ExamWindow, candidate: str, how: str) -> None:
    """Checked in (the copy part left to run out), or resumed with the fields shown said."""
    if how in ("begin", "hold"):
        window.name_field.setText("Kandidaat " + candidate)
        window.check_in_code.setText(CODE)
        window.check_in_code.returnPressed.emit()
        window.begin_button.click()
        return
    window.resume_code.setText(CODE)
    window.resume_code.returnPressed.emit()
    call = window.call
    assert call is not None, "the call did not go on"
    shown = ";".join(f"{k}={e.text()}" for k, e in call.view.fields.items() if e.text())
    print(f"R {shown}", flush=True)


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
    open_exam(window, candidate, how)
    keys = 0
    todo: list[tuple[str, str]] = []
    committed: list[str] = []
    going_on = how == "resume"  # (the cursor is said once the call goes on)
    if how == "resume":
        todo += left_to_enter(window)

    def step() -> None:
        nonlocal keys, going_on
        if window.pages.currentWidget() is window.end_page:
            print("DONE", flush=True)
            os._exit(0)  # (the exam screen's threads need not be waited for: all is written)
        if window.pages.currentWidget() is window.between:
            window.next_button.click()
            return
        call = window.call
        if call is None or not call.active:
            return
        if going_on and not call.paused:
            going_on = False
            focused = window.focusWidget()
            names = {edit: field_id for field_id, edit in call.view.fields.items()}
            print(f"C {names.get(focused, '-')}", flush=True)  # type: ignore[call-overload]
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
        if how == "hold" and len(committed) == 1 and len(typed) == 3:
            print("HELD", flush=True)  # typed into the second field, not committed
            timer.stop()
            return
        if len(typed) < len(value):
            edit.setFocus()
            press(edit, Qt.Key.Key_unknown, value[len(typed)])
            print(f"K {keys}", flush=True)
            keys += 1
            return
        todo.pop(0)
        press(edit, Qt.Key.Key_Return)  # (the desk commits the field)
        committed.append(field_id)
        print(f"F {field_id}", flush=True)

    timer = QTimer()
    timer.timeout.connect(step)
    timer.start(STEP_MS)
    app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
