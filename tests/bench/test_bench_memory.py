"""Memory of a real Simultaan process (under Xvfb): after a 12,000-character drill and during a
call. Budget: 120 MB each (docs/performance.md). The process is ``tests/bench/memory_run.py``.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench.conftest import Figures
from tests.conftest import REPO

pytestmark = pytest.mark.xvfb

AUDIO_LOCK = "/tmp/simultaan-audio.lock"  # the null sink is shared with the audio tests


def _memory_of(
    what: str, display: str, data: Path, device: str, primed: bool = True
) -> dict[str, float]:
    """The memory of a process that did ``what``, as a trainee's later sessions are: with the
    content cache a first one filled (the test run's own cache folder is empty; a first start
    parses every exercise file, a first call the knowledge base's: 5-6 MB more). Not
    ``primed``: the first session only (the untimed test run)."""
    # Python's bytecode caches may be written, as on a workstation (an installed wheel has
    # them): a module compiled at every start holds its compiler's memory
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "PYTHONDONTWRITEBYTECODE")
    }
    env |= {"DISPLAY": display, "SIMULTAAN_AUDIO_DEVICE": device}
    for session in ("eerste", "tweede") if primed else ("eerste",):
        ran = subprocess.run(
            [sys.executable, "-m", "tests.bench.memory_run", what, str(data / session)],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert ran.returncode == 0, ran.stderr
    return dict(json.loads(ran.stdout.splitlines()[-1]))


def _null_sink() -> str | None:
    """'pulse' when PulseAudio (with the null sink) answers, else None."""
    started = subprocess.run([str(REPO / "scripts" / "pulse-null-sink.sh")], capture_output=True)
    return "pulse" if started.returncode == 0 else None


def test_memory_after_a_12000_character_drill(
    benchmark, xvfb_display: str, tmp_path: Path, figures: Figures
) -> None:
    seen: list[dict[str, float]] = []
    benchmark.pedantic(
        lambda: seen.append(
            _memory_of("drill", xvfb_display, tmp_path, "geen-apparaat", not benchmark.disabled)
        ),
        rounds=1,
    )
    benchmark.extra_info.update(seen[-1])
    if not benchmark.disabled:
        figures.record("rss_after_12000_drill_mb", seen[-1]["rss_mb"])
    assert seen[-1]["rss_mb"] > 20  # a real Qt process that typed to the end


def test_memory_during_a_call(
    benchmark, xvfb_display: str, tmp_path: Path, figures: Figures
) -> None:
    """A level-4 call, 4 s after it was answered, its clips heard through the null sink (with
    their frames in memory); without PulseAudio the customer is read as subtitles, and the
    figure says so."""
    device = _null_sink()
    seen: list[dict[str, float]] = []

    def one_call() -> None:
        with open(AUDIO_LOCK, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            sink = device or "geen-apparaat"
            seen.append(_memory_of("call", xvfb_display, tmp_path, sink, not benchmark.disabled))

    benchmark.pedantic(one_call, rounds=1)
    benchmark.extra_info.update(seen[-1])
    benchmark.extra_info["sound"] = "null sink" if device else "none (subtitles): no PulseAudio"
    if not benchmark.disabled:
        figures.record("rss_during_call_mb", seen[-1]["rss_mb"])
    assert seen[-1]["rss_mb"] > 20
