"""The real Simultaan window with a long copy drill open, for the live keystroke benchmark.

``python -m tests.bench.live_drill_app DATA_DIR TEXT_FILE`` (with DISPLAY set to an X server):
opens the main window, starts a timed copy drill of the text in TEXT_FILE (30 minutes, at
least 40 net words per minute, as an exam) and prints to stdout, one line each:

- ``READY`` once the drill is on screen and its surface has the keyboard focus;
- ``P <monotonic seconds> <keys>`` after every paint of the typing surface (once the event that
  painted it, with the flush of its pixels to the X server, is over), with the number of
  keystrokes the drill had stamped when it painted (CLOCK_MONOTONIC, as the benchmark's own
  ``time.monotonic()``);
- ``DONE <characters transcribed> <msd> <reference chars counted> <longest collection ms>
  <full collections>`` when the drill has ended and its result is stored; the last two are
  Python's cycle collector during the drill, so a slow key can be told from a collection (a
  full one walks every object of the loaded app: 11-15 ms).
"""

from __future__ import annotations

import gc
import sys
import time
from decimal import Decimal
from pathlib import Path


def main(data_dir: Path, text_file: Path) -> int:
    from PySide6.QtCore import QTimer

    from trainer.core.exercise import CopyExercise
    from trainer.ui.app import create_application
    from trainer.ui.main_window import MainWindow
    from trainer.ui.typing_surface import TypingSurface

    app = create_application()
    shelf = data_dir / "no-exercises"
    shelf.mkdir(parents=True, exist_ok=True)
    window = MainWindow(data_dir=data_dir, exercise_dirs=[shelf])
    window.show()
    # timed, as an exam is: the countdown and the speed against its minimum run too
    exercise = CopyExercise(
        format=1, id="nl-copy-live-12000", title="Lange tekst", language="nl", kind="copy",
        level=5, text=text_file.read_text(encoding="utf-8"), time_limit=1800,
        min_wpm=Decimal(40),
    )  # fmt: skip
    drill = window.start_exercise(exercise, window.store.add_trainee("Bench"))
    assert drill is not None
    out = sys.stdout
    collections: list[tuple[int, float]] = []  # (generation, ms) while the drill runs
    began = [0.0]

    def collector(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            began[0] = time.perf_counter()
        elif not drill._finishing:  # (the scoring at the end holds up no key)
            collections.append((info["generation"], (time.perf_counter() - began[0]) * 1000))

    gc.callbacks.append(collector)

    def stamp(_surface: TypingSurface) -> None:
        # stamped once this paint's event is over: its pixels are then sent to the X server
        keys = drill.key_count
        QTimer.singleShot(0, lambda: write(f"P {time.monotonic():.6f} {keys}\n"))

    def write(line: str) -> None:
        out.write(line)
        out.flush()

    def ready() -> None:
        surface = window.drill_view.surface
        if not (window.isActiveWindow() and surface.hasFocus()):
            window.activateWindow()
            surface.setFocus()
            QTimer.singleShot(50, ready)
            return
        TypingSurface.paint_probe = stamp
        out.write("READY\n")
        out.flush()

    def watch_end() -> None:
        if drill.result is None:
            return
        typing = drill.result.typing
        gc.callbacks.remove(collector)
        longest = max((ms for _, ms in collections), default=0.0)
        full = sum(1 for generation, _ in collections if generation == 2)
        out.write(
            f"DONE {len(typing.transcribed)} {typing.msd} {typing.reference_chars_counted} "
            f"{longest:.2f} {full}\n"
        )
        out.flush()
        ended.stop()

    ended = QTimer(window)
    ended.timeout.connect(watch_end)
    ended.start(100)
    QTimer.singleShot(200, ready)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
