"""Real sound for the audio tests: PulseAudio with a null sink, started if it is not running.

The test command (./run-tests) starts it too; this fixture makes a single test file runnable
on its own. What the engine plays into the sink can be recorded back from its monitor.
"""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="session")
def null_sink() -> str:
    """The PortAudio device name that reaches the null sink ('pulse')."""
    started = subprocess.run(
        [str(REPO / "scripts" / "pulse-null-sink.sh")], capture_output=True, text=True
    )
    if started.returncode != 0:
        pytest.fail(f"PulseAudio with a null sink could not be started: {started.stderr}")
    return "pulse"
