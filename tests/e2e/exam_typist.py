"""A candidate typing an exam's copy part, as a process the kill test kills (not a test).

    python tests/e2e/exam_typist.py DATA PACKAGE CANDIDATE begin|resume SPEED

Runs the real exam run (``prepare_exam``: the signed package, the enrolled workstation, the
store; the run's journal, state, status, seal) with the session clock running SPEED times
faster than the wall clock, so a part of 20 s takes 2 s at 10. It types ``keystrokes()`` one
by one, a few milliseconds apart, and prints ``K n`` once keystroke ``n`` was journaled (the
journal writes every keystroke to the OS at once: a ``kill -9`` cannot lose it after this). A
resumed run prints ``R n`` (the keystrokes it found) and types on from there; at the end of the
part it prints ``DONE``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from trainer.core.exercise import CopyExercise
from trainer.store.exam_room import prepare_exam

PAUSE = 0.004  # seconds between keystrokes (wall clock)


def keystrokes(text: str) -> list[tuple[str | None, str | None]]:
    """The text typed with a slip every 37th character, taken back with Backspace."""
    keys: list[tuple[str | None, str | None]] = []
    for index, char in enumerate(text):
        if index % 37 == 36:
            keys += [("x", None), (None, "Backspace")]
        keys.append((char, None))
    return keys


def main(data: str, package: str, candidate: str, how: str, speed: str) -> int:
    factor = float(speed)
    prepared = prepare_exam(Path(data), Path(package), candidate)

    def clock() -> float:
        return time.perf_counter() * factor

    if how == "begin":
        run = prepared.begin("Kandidaat " + candidate, clock=clock)
        run.start_part()
    else:
        run = prepared.resume(clock=clock)
        print(f"R {len(run.typed)}", flush=True)
    exercise = run.exercise
    assert isinstance(exercise, CopyExercise)
    keys = keystrokes(exercise.text)
    n = len(run.typed)
    while not run.tick():
        if n < len(keys):
            text, key = keys[n]
            run.key(text, key)  # type: ignore[arg-type]
            print(f"K {n}", flush=True)
            n += 1
        time.sleep(PAUSE)
    print("DONE", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
