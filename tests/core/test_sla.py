"""The SLA arithmetic, table-driven: the matrix, the targets, pauses, breaches at the edge.

Times are whole milliseconds of the session clock; a ticket's status history is written as
(seconds, status) pairs and turned into milliseconds here, so no float decides an edge.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from pydantic import ValidationError

from trainer.core.sla import (
    DEFAULT_MATRIX,
    SlaConfig,
    Target,
    TicketStatus,
    resolution_timer,
    response_timer,
    timers,
    to_ms,
)

WARN = Fraction(3, 4)


def history(*steps: tuple[float, TicketStatus]) -> list[tuple[int, TicketStatus]]:
    return [(to_ms(t), status) for t, status in steps]


@pytest.mark.parametrize(
    ("impact", "urgency", "priority"),
    [
        ("high", "high", "P1"),
        ("high", "medium", "P2"),
        ("medium", "high", "P2"),
        ("high", "low", "P3"),
        ("medium", "medium", "P3"),
        ("low", "high", "P3"),
        ("medium", "low", "P4"),
        ("low", "medium", "P4"),
        ("low", "low", "P5"),
    ],
)
def test_the_default_matrix_gives_the_usual_priorities(
    impact: str, urgency: str, priority: str
) -> None:
    assert SlaConfig().priority(impact, urgency) == priority  # type: ignore[arg-type]


def test_an_exercise_matrix_and_targets_replace_the_defaults() -> None:
    matrix = {k: dict(v) for k, v in DEFAULT_MATRIX.items()}
    matrix["low"]["low"] = "P4"  # this desk has no P5
    targets = {
        p: {"response": 10 * n, "resolution": 100 * n}
        for n, p in enumerate(["P1", "P2", "P3", "P4"], 1)
    }
    config = SlaConfig.model_validate({"matrix": matrix, "targets": targets, "warn_at": "0.5"})
    assert config.priority("low", "low") == "P4"
    assert config.target("P3") == Target(response=30, resolution=300)
    assert config.warn_at == Decimal("0.5")


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"matrix": {"high": {"high": "P1"}}}, "sla_matrix_incomplete"),
        ({"targets": {"P1": {"response": 60, "resolution": 600}}}, "sla_target_missing"),
        ({"warn_at": "1"}, "less_than"),
        ({"warn_at": "0"}, "greater_than"),
    ],
)
def test_an_incomplete_or_impossible_sla_is_refused(change: dict[str, object], code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        SlaConfig.model_validate(change)
    assert caught.value.errors()[0]["type"] == code


@pytest.mark.parametrize(
    ("target", "code"),
    [
        ({"response": 700, "resolution": 600}, "response_after_resolution"),
        ({"response": 0, "resolution": 600}, "greater_than"),
        ({"response": 60, "resolution": 90000}, "less_than_equal"),
        ({"response": 60.5, "resolution": 600}, "int_from_float"),
    ],
)
def test_a_target_that_cannot_be_is_refused(target: dict[str, object], code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Target.model_validate(target)
    assert caught.value.errors()[0]["type"] == code


@pytest.mark.parametrize(
    ("seconds", "ms"),
    [(0.3, 300), (0.1 + 0.2, 300), (119.9995, 120000), (60, 60000), (Decimal("1.0005"), 1000)],
)
def test_session_seconds_become_whole_milliseconds(seconds: float, ms: int) -> None:
    assert to_ms(seconds) == ms


# resolution target 600 s, created at 100 s; (history, asked at, used s, status, due s)
RESOLUTION = [
    ("running from creation", [(100, "new")], 200, 100, "running", 700),
    ("open counts as new does", [(100, "new"), (150, "open")], 400, 300, "running", 700),
    ("warning exactly at 75 %", [(100, "open")], 550, 450, "warning", 700),
    ("not yet a warning 1 ms before", [(100, "open")], 549.999, 449.999, "running", 700),
    ("at the target: not yet breached", [(100, "open")], 700, 600, "warning", 700),
    ("1 ms over the target: breached", [(100, "open")], 700.001, 600.001, "breached", 700),
    ("pending pauses", [(100, "open"), (200, "pending")], 650, 100, "paused", None),
    ("on hold pauses", [(100, "open"), (200, "on_hold")], 650, 100, "paused", None),
    (
        "resumes after the pause, the pause not counted",
        [(100, "open"), (200, "pending"), (500, "open")],
        600,
        200,
        "running",
        1000,
    ),
    (
        "several pauses",
        [
            (100, "new"),
            (150, "pending"),
            (250, "open"),
            (300, "on_hold"),
            (900, "open"),
            (950, "pending"),
            (960, "open"),
        ],
        1000,
        50 + 50 + 50 + 40,
        "running",
        1410,
    ),
    (
        "resolved at the target: met",
        [(100, "open"), (700, "resolved")],
        5000,
        600,
        "met",
        None,
    ),
    (
        "resolved 1 ms late: breached",
        [(100, "open"), (700.001, "resolved")],
        5000,
        600.001,
        "breached",
        None,
    ),
    (
        "a pause makes a late resolution met",
        [(100, "open"), (200, "on_hold"), (800, "open"), (850, "resolved")],
        900,
        150,
        "met",
        None,
    ),
    (
        "closed after resolved: still met",
        [(100, "open"), (300, "resolved"), (4000, "closed")],
        5000,
        200,
        "met",
        None,
    ),
    (
        "reopened: runs on from where it stopped",
        [(100, "open"), (300, "resolved"), (1000, "open")],
        1100,
        300,
        "running",
        1400,
    ),
    (
        "breached while paused stays breached",
        [(100, "open"), (800, "pending")],
        900,
        700,
        "breached",
        None,
    ),
    (
        "asked before a later change: that change not seen",
        [(100, "open"), (500, "pending")],
        300,
        200,
        "running",
        700,
    ),
]


@pytest.mark.parametrize(
    ("steps", "at", "used", "status", "due"),
    [row[1:] for row in RESOLUTION],
    ids=[row[0] for row in RESOLUTION],
)
def test_the_resolution_timer(
    steps: list[tuple[float, TicketStatus]], at: float, used: float, status: str, due: float | None
) -> None:
    timer = resolution_timer(history(*steps), 600_000, to_ms(at), WARN)
    assert (timer.used_ms, timer.status) == (to_ms(used), status)
    assert timer.remaining_ms == 600_000 - to_ms(used)
    assert timer.due_ms == (None if due is None else to_ms(due))
    assert timer.stopped == (status in ("met",) or steps[-1][1] in ("resolved", "closed"))


# response target 60 s, created at 100 s
RESPONSE = [
    ("running while new", [(100, "new")], 130, 30, "running"),
    ("warning from 45 s", [(100, "new")], 145, 45, "warning"),
    ("at the target exactly: not breached", [(100, "new")], 160, 60, "warning"),
    ("1 ms after: breached", [(100, "new")], 160.001, 60.001, "breached"),
    ("opened in time: met, stops", [(100, "new"), (140, "open")], 900, 40, "met"),
    ("opened at the target exactly: met", [(100, "new"), (160, "open")], 900, 60, "met"),
    ("opened 1 ms late: breached", [(100, "new"), (160.001, "open")], 900, 60.001, "breached"),
    ("pending also answers", [(100, "new"), (120, "pending")], 900, 20, "met"),
    ("resolved at once answers", [(100, "new"), (110, "resolved")], 900, 10, "met"),
    ("created open (on the phone): met at once", [(100, "open")], 900, 0, "met"),
    (
        "a later reopen changes nothing",
        [(100, "new"), (120, "open"), (130, "resolved"), (500, "open")],
        900,
        20,
        "met",
    ),
]


@pytest.mark.parametrize(
    ("steps", "at", "used", "status"),
    [row[1:] for row in RESPONSE],
    ids=[row[0] for row in RESPONSE],
)
def test_the_response_timer(
    steps: list[tuple[float, TicketStatus]], at: float, used: float, status: str
) -> None:
    timer = response_timer(history(*steps), 60_000, to_ms(at), WARN)
    assert (timer.used_ms, timer.status) == (to_ms(used), status)


def test_the_warning_fraction_is_the_exercise_s() -> None:
    config = SlaConfig(warn_at=Decimal("0.5"))
    steps = history((0, "new"))
    # P1: response 60 s, resolution 600 s
    assert timers(config, "P1", steps, to_ms(29.999)).response.status == "running"
    assert timers(config, "P1", steps, to_ms(30)).response.status == "warning"
    assert timers(config, "P1", steps, to_ms(300)).resolution.status == "warning"


def test_both_timers_take_the_priority_s_targets() -> None:
    both = timers(SlaConfig(), "P3", history((0, "new"), (100, "open")), to_ms(1000))
    assert both.priority == "P3"
    assert (both.response.target_ms, both.resolution.target_ms) == (300_000, 2_400_000)
    assert (both.response.status, both.resolution.status) == ("met", "running")
    assert both.resolution.remaining_ms == 1_400_000
