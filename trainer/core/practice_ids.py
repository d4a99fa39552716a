"""How a generated practice drill is known by its id, without loading what makes one.

The app reads the drills saved earlier while it fills the home screen; the scorer and its
alignment libraries (numpy among them), which ``trainer.core.adaptive`` needs to make a drill,
must not load for that (``tests/e2e/test_app_start.py``).
"""

from __future__ import annotations

ADAPTIVE_PREFIX = "adaptive-"  # the id of every generated drill starts so (store, lists)


def is_adaptive(exercise_id: str) -> bool:
    """Whether an exercise (or a session's exercise) is a generated practice drill."""
    return exercise_id.startswith(ADAPTIVE_PREFIX)
