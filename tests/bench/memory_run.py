"""A real Simultaan process for the memory benchmarks (``test_bench_memory.py``).

``python -m tests.bench.memory_run drill DATA_DIR``: the app started as ``simultaan`` starts it
(``trainer.ui.app.run_app``: the exercises from the content cache, the log and the error
handler), then, once the list is filled, a copy drill of a generated 12,000-character text
typed through real key events (3% typos, a few corrected), to its end and the results page.
``... call DATA_DIR``: a shipped level-4 call, answered, 4 s into it. Either prints one JSON
line with the process's memory (VmRSS, VmHWM in MB) at that moment, then exits. The headset is
SIMULTAAN_AUDIO_DEVICE (the null sink), or none (subtitles).
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

DRILL_LENGTH = 12_000


def memory_mb() -> dict[str, float]:
    """This process's resident memory now and at its peak, in MB."""
    wanted = {"VmRSS:": "rss_mb", "VmHWM:": "peak_mb"}
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition("\t")
        if name in wanted:
            found[wanted[name]] = round(int(value.split()[0]) / 1024, 1)
    return found


def drill_text() -> str:
    """12,000 characters of varied call-centre sentences."""
    from tests.bench.texts import dutch_reference

    rng = random.Random(12)
    text = ""
    while len(text) < DRILL_LENGTH:
        text += dutch_reference(rng) + " "
    return text[: DRILL_LENGTH - 1] + "."


def settle(app, seconds: float) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def run_drill(window, app) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from trainer.core.exercise import CopyExercise

    text = drill_text()
    exercise = CopyExercise(
        format=1, id="nl-geheugen-12000", title="Geheugen", language="nl", kind="copy",
        level=5, text=text,
    )  # fmt: skip
    trainee = window.store.add_trainee("Geheugen")
    window.start_exercise(exercise, trainee)
    surface = window.drill_view.surface
    rng = random.Random(3)
    for i, ch in enumerate(text):
        if i < len(text) - 1 and rng.random() < 0.03:  # a typo, corrected one time in four
            wrong = rng.choice("aeinrst")
            QApplication.sendEvent(surface, _key(wrong))
            if rng.random() < 0.25:
                QApplication.sendEvent(
                    surface,
                    QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Backspace, Qt.KeyboardModifier(0)),
                )
            else:
                continue  # the typo takes the place of the letter
        QApplication.sendEvent(surface, _key(ch))
        if i % 25 == 0:
            app.processEvents()  # repaints and the live score's ticks, as while typing
    assert window.stack.currentWidget() is window.results, "the drill did not end"
    settle(app, 1.0)


def _key(ch: str):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    return QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier(0), ch)


def run_call(window, app) -> None:  # type: ignore[no-untyped-def]
    entry = window.catalog.by_id("nl-gesprek-06-klacht-factuur")
    assert entry is not None
    trainee = window.store.add_trainee("Geheugen")
    call = window.start_exercise(entry.exercise, trainee)
    settle(app, 1.5)  # the ring
    call.answer()
    settle(app, 4.0)
    assert call.active and call.state == "talking"


def main() -> int:
    """The app started as ``simultaan`` starts it (``run_app``: the content from its cache,
    the log and the error handler once the list is filled); the drill or the call once the
    list is there, then the figure, then the process ends."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from trainer.ui.app import run_app
    from trainer.ui.main_window import MainWindow

    what, folder = sys.argv[1], Path(sys.argv[2])
    QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.StandardButton.No)  # type: ignore[method-assign]
    made = MainWindow.__init__

    def drive(window: MainWindow) -> None:
        app = QApplication.instance()
        settle(app, 0.5)
        {"drill": run_drill, "call": run_call}[what](window, app)
        print(json.dumps(memory_mb()), flush=True)
        os._exit(0)  # measured; closing a call that runs would ask whether to end it

    def made_and_driven(window: MainWindow, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        made(window, *args, **kwargs)
        window.contentLoaded.connect(lambda: QTimer.singleShot(0, lambda: drive(window)))

    MainWindow.__init__ = made_and_driven  # type: ignore[method-assign]
    return run_app(str(folder))


if __name__ == "__main__":
    sys.exit(main())
