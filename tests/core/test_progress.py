"""A trainee's progress over time from stored results, and the group comparison's rows."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from trainer.core.progress import (
    ANSWER_TIME,
    DATA_ENTRY,
    ENTRY_TIME,
    ERROR_RATE,
    PASS_RATE,
    SPEED,
    Stored,
    bucket_start,
    progress,
    summaries,
)


def typing(at: str, wpm: float, error_rate: float, passed: bool, n: int = 1) -> Stored:
    result = {
        "passed": passed,
        "typing": {"net_wpm": wpm, "wpm": wpm + 5, "error_rate": error_rate, "margin": 0.03},
    }
    return Stored(n, at, result)


def call(at: str, verdicts: list[str], shown: dict[str, bool], n: int = 1) -> Stored:
    result: dict[str, Any] = {
        "kind": "call",
        "passed": all(shown.values()),
        "answered_after": 4.0,
        # a value never given was never entered after being said
        "fields": [
            {"verdict": v, "seconds_after_said": None if v == "not_given" else 2.0 + i}
            for i, v in enumerate(verdicts)
        ],
        "competences": [{"code": code, "assessed": True, "shown": ok} for code, ok in shown.items()]
        + [{"code": "co 0167", "assessed": False, "shown": False}],
    }
    return Stored(n, at, result)


SESSIONS = [
    typing("2026-03-02T09:00:00+01:00", 20.0, 0.05, False),  # Monday, week 10
    typing("2026-03-04T10:00:00+01:00", 30.0, 0.01, True),
    typing("2026-03-06T11:00:00+01:00", 26.0, 0.02, True),
    call("2026-03-05T14:00:00+01:00", ["right", "wrong", "not_given"], {"co 01671": True}),
    typing("2026-03-10T09:00:00+01:00", 32.0, 0.0, True),  # week 11
    call("2026-03-11T14:00:00+01:00", ["right", "right"], {"co 01671": False, "Id234": True}),
]


def test_per_week_speed_and_error_rate_are_medians_pass_rate_a_share() -> None:
    found = progress(SESSIONS, "week")
    monday = datetime.fromisoformat("2026-03-02T00:00:00+01:00")
    next_monday = datetime.fromisoformat("2026-03-09T00:00:00+01:00")
    assert [(p.at, p.value, p.n) for p in found.series[SPEED]] == [
        (monday, 26.0, 3),
        (next_monday, 32.0, 1),
    ]
    assert [p.value for p in found.series[ERROR_RATE]] == [0.02, 0.0]
    # week 10: two of three drills passed and the call; week 11 the drill, not the call
    assert [p.value for p in found.series[PASS_RATE]] == [pytest.approx(3 / 4), 0.5]
    # an optional field the customer never gave is neither right nor wrong
    assert [p.value for p in found.series[DATA_ENTRY]] == [0.5, 1.0]
    assert [(p.value, p.n) for p in found.series[ENTRY_TIME]] == [(2.5, 2), (2.5, 2)]
    assert [p.value for p in found.series[ANSWER_TIME]] == [4.0, 4.0]
    assert found.margin == 0.03 and found.sessions == 6


def test_competences_are_the_share_of_the_latest_calls_that_assessed_them() -> None:
    found = progress(SESSIONS, "week")
    # a code never assessed has no series; one assessed once only in the week it was
    assert list(found.competences) == ["Id234", "co 01671"]
    # shown in week 10, not in week 11: one of the two calls so far
    assert [(p.value, p.n) for p in found.competences["co 01671"]] == [(1.0, 1), (0.5, 2)]
    assert len(found.competences["Id234"]) == 1


def test_a_competences_rate_counts_only_the_latest_ten_calls() -> None:
    calls = [
        call(f"2026-03-{day:02d}T10:00:00+01:00", [], {"co 01670": day > 5}, n=day)
        for day in range(2, 17)  # shown from the 6th on: 4 times not, then 11 times
    ]
    found = progress(calls, "session")
    rates = [p.value for p in found.competences["co 01670"]]
    assert rates[3] == 0.0 and rates[4] == pytest.approx(1 / 5)
    # on the 14th the last miss (the 5th) is the oldest of the ten; the day after it is gone
    assert rates[-3] == pytest.approx(9 / 10)
    assert rates[-2] == rates[-1] == 1.0


def test_per_session_every_session_is_a_point_at_its_start_in_order() -> None:
    found = progress(reversed(SESSIONS), "session")
    assert [p.value for p in found.series[SPEED]] == [20.0, 30.0, 26.0, 32.0]
    starts = [p.at for p in found.series[PASS_RATE]]
    assert starts == sorted(starts) and len(starts) == 6


def test_a_month_starts_on_its_first_day_a_week_on_monday() -> None:
    sunday = datetime.fromisoformat("2026-03-08T23:30:00+01:00")
    assert bucket_start(sunday, "week").date() == date(2026, 3, 2)
    assert bucket_start(sunday, "month").date() == date(2026, 3, 1)
    assert bucket_start(sunday, "session") == sunday


def test_the_group_table_has_a_row_for_everybody_by_name() -> None:
    sessions = [(7, s) for s in SESSIONS] + [(3, typing("2026-01-05T09:00:00+01:00", 40, 0, True))]
    rows = summaries({7: "Wout Maes", 3: "Anouk Peeters", 9: "Ine Claes"}, sessions)
    assert [r.name for r in rows] == ["Anouk Peeters", "Ine Claes", "Wout Maes"]
    anouk, ine, wout = rows
    assert (anouk.sessions, anouk.pass_rate, anouk.median_speed) == (1, 1.0, 40.0)
    assert anouk.data_entry is None  # no calls
    assert ine.sessions == 0 and ine.last_session is None and ine.pass_rate is None
    assert wout.sessions == 6
    assert wout.pass_rate == pytest.approx(4 / 6)
    assert wout.median_speed == 28.0 and wout.median_error_rate == 0.015
    assert wout.data_entry == pytest.approx(3 / 4)
    assert wout.last_session == date(2026, 3, 11)
