"""The null sink a test process plays into and records back from.

One test process: the sink ``simultaan`` that ./run-tests starts (scripts/pulse-null-sink.sh).
Several (./run-tests runs the suite in one pytest-xdist worker per core): each worker gets a
null sink of its own, ``simultaan-gw0``, ``simultaan-gw1``..., made its default for the
worker and every program it starts (``PULSE_SINK``, ``PULSE_SOURCE``), so what one worker
plays is never in what another records from its monitor.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

SHARED = "simultaan"
_START = Path(__file__).resolve().parent.parent / "scripts" / "pulse-null-sink.sh"


def sink_name() -> str:
    """The null sink of this test process."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return f"{SHARED}-{worker}" if worker else SHARED


def monitor_name() -> str:
    """The source that records what this test process played."""
    return f"{sink_name()}.monitor"


def use_own_sink() -> bool:
    """In a worker, make its own null sink (if PulseAudio answers; with its silent keeper, as
    the script makes the shared one) and the default of this process and its children;
    whether the process now plays into a sink of its own."""
    name = sink_name()
    if name == SHARED:
        return False
    try:
        answers = subprocess.run(["pactl", "info"], capture_output=True, timeout=10)
        if answers.returncode != 0:
            return False  # no PulseAudio yet: the audio tests' fixture starts it and asks again
        made = subprocess.run([str(_START), name], capture_output=True, timeout=30)
        if made.returncode != 0:
            return False
    except (OSError, subprocess.TimeoutExpired):
        return False
    os.environ["PULSE_SINK"] = name
    os.environ["PULSE_SOURCE"] = f"{name}.monitor"
    return True


def start_null_sink() -> str:
    """PulseAudio with this process's null sink, started if need be (./run-tests starts it,
    a single test file run by hand may not); "" when done, else what went wrong."""
    started = subprocess.run([str(_START)], capture_output=True, text=True)
    if started.returncode != 0:
        return started.stderr or f"{_START.name} exited with {started.returncode}"
    use_own_sink()  # (a worker's own, now that PulseAudio answers)
    return ""
