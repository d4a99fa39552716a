"""Benchmarks: timed with ``./run-tests --bench``; in the normal run each runs once, untimed.

Their figures go through the ``figures`` fixture and are judged against ``budgets.BUDGETS``
when the run is timed: one more than 50% over its budget fails the run.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bench.budgets import BUDGETS, judge
from tests.bench.texts import dutch_reference, typed_attempt
from tests.journals import write_journal
from trainer.core.exercise import CopyExercise
from trainer.core.journal import EndEvent, KeyEvent
from trainer.core.scoring import SessionResult, score
from trainer.core.typing_metrics import BACKSPACE


class Figures:
    """The figures the benchmarks of this session measured (name -> value)."""

    def __init__(self) -> None:
        self.values: dict[str, float] = {}

    def record(self, name: str, value: float) -> float:
        """Report a figure; its name must be one of BUDGETS."""
        if name not in BUDGETS:
            raise KeyError(f"no budget named {name!r} in tests/bench/budgets.py")
        self.values[name] = float(value)
        return value


_FIGURES = Figures()


@pytest.fixture
def figures() -> Figures:
    """Where a benchmark reports the figures its budget is about."""
    return _FIGURES


def median_ms(benchmark: object) -> float | None:
    """The median of a timed benchmark in ms; None when it ran untimed."""
    stats = getattr(getattr(benchmark, "stats", None), "stats", None)
    return stats.median * 1000 if stats is not None and stats.data else None


def _timed(config: pytest.Config) -> bool:
    return bool(config.getoption("benchmark_only", False)) and not config.getoption(
        "benchmark_disable", False
    )


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config
) -> None:
    """The figures against their budgets, after a timed run."""
    if not _timed(config) or not _FIGURES.values:
        return
    terminalreporter.section("figures against their budgets (tests/bench/budgets.py)")
    for verdict in judge(_FIGURES.values):
        terminalreporter.write_line(verdict.line())


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A timed run fails when a figure is more than 50% over its budget."""
    if _timed(session.config) and any(v.over for v in judge(_FIGURES.values)):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def xvfb_display() -> Iterator[str]:
    """A real X server (Xvfb) for the length of the session; yields its DISPLAY."""
    if shutil.which("Xvfb") is None:
        pytest.fail("Xvfb is not installed: ./run-tests installs it (package xvfb)")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        pytest.fail("Xvfb did not start")
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


EXAM_KEY_SECONDS = 0.15  # 400 keystrokes a minute


@pytest.fixture(scope="session")
def long_exam(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[CopyExercise, Path, SessionResult]:
    """A 30-minute exam: a 12,000-character copy text typed with about 3% errors and a few
    Backspace corrections at 400 keystrokes a minute. Its exercise, its journal on disk and
    its result, as the results page has them."""
    text = dutch_reference(random.Random(2024), 12_000)
    stream = typed_attempt(text, random.Random(1), typo_rate=0.03)
    exercise = CopyExercise(
        format=1, id="nl-copy-examen-lang", title="Examen", language="nl", kind="copy", level=4,
        text=text, time_limit=1800,
    )  # fmt: skip
    keys = [
        KeyEvent(t=1.0 + i * EXAM_KEY_SECONDS, key="Backspace")
        if ch == BACKSPACE
        else KeyEvent(t=1.0 + i * EXAM_KEY_SECONDS, text=ch)
        for i, ch in enumerate(stream)
    ]
    path = tmp_path_factory.mktemp("exam") / "examen.jsonl"
    journal = write_journal(path, exercise, [*keys, EndEvent(t=keys[-1].t + 1, reason="finished")])
    return exercise, path, score(exercise, journal)
