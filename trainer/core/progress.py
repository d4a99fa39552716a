"""A trainee's progress over time, from the stored results of their sessions: speed, error rate
(with its margin), pass rate, data-entry accuracy, reaction times and each competence of the
standards, per session, per week or per month; and one row per trainee for comparing a group.

The results are the JSON the store keeps (``SessionResult``, ``CallResult``, ``ChatResult`` or
``QueueResult``, as dicts: read without validating them again, 10,000 sessions in well under a
second). Headless: codes and numbers; the UI names the series and draws them.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Literal

Period = Literal["session", "week", "month"]
PERIODS: tuple[Period, ...] = ("session", "week", "month")
# the series of the charts, by code (the UI names them)
SPEED = "speed"  # net words per minute, typing sessions (copy, dictation)
ERROR_RATE = "error_rate"  # the exercise's error rate (word or character), typing sessions
PASS_RATE = "pass_rate"  # share of sessions passed, every kind
DATA_ENTRY = "data_entry"  # share of a call's (a chat's) form fields entered right
ANSWER_TIME = "answer_time"  # seconds before the phone was answered
ENTRY_TIME = "entry_time"  # seconds from a value said to it entered
DEFAULT_MARGIN = 0.03
# a competence is shown or not in a call or two a week: its rate is over the latest calls that
# assessed it, so one call does not swing the line from 0 to 100 %
RECENT_CALLS = 10
# verdicts of a form field that count for data-entry accuracy: an optional field the
# customer never gave (``not_given``) is neither right nor wrong
_JUDGED_FIELDS = frozenset({"right", "wrong", "misplaced", "missing"})


@dataclass(frozen=True)
class Stored:
    """A session as the store has it: when it started and its result (the stored JSON)."""

    session_id: int
    started_at: str  # ISO 8601 with its offset
    result: Mapping[str, Any]


@dataclass(frozen=True)
class Point:
    """A value of a series at a moment (a session's start, or the start of its week or
    month), from ``n`` sessions (or fields, for data entry and entry times)."""

    at: datetime
    value: float
    n: int


@dataclass
class Progress:
    """A trainee's series by code (``SPEED``...); competences by their code in
    ``competences`` (at each period, the share of the latest ``RECENT_CALLS`` calls assessing
    it, up to then, that showed it); ``margin``: the
    error margin of their typing sessions (the most common one)."""

    period: Period
    series: dict[str, list[Point]]
    competences: dict[str, list[Point]]
    margin: float = DEFAULT_MARGIN
    sessions: int = 0


def _start(stored: Stored) -> datetime:
    return datetime.fromisoformat(stored.started_at)


def bucket_start(at: datetime, period: Period) -> datetime:
    """The moment a point of ``at`` is drawn at: itself, the Monday of its week or the first
    of its month (midnight, in its own offset)."""
    if period == "session":
        return at
    day = at.date()
    first = day - timedelta(days=day.weekday()) if period == "week" else day.replace(day=1)
    return datetime.combine(first, datetime.min.time(), at.tzinfo)


@dataclass
class _Facts:
    """The numbers a session gives each series (empty lists: it gives none)."""

    speed: list[float] = field(default_factory=list)
    error_rate: list[float] = field(default_factory=list)
    passed: list[float] = field(default_factory=list)
    fields_right: list[float] = field(default_factory=list)  # 1.0 right, 0.0 not, per field
    answer_time: list[float] = field(default_factory=list)
    entry_time: list[float] = field(default_factory=list)
    competences: dict[str, list[float]] = field(default_factory=dict)


def facts_of(result: Mapping[str, Any]) -> _Facts:
    """What one stored result says for the charts."""
    out = _Facts()
    if "passed" in result:
        out.passed.append(1.0 if result["passed"] else 0.0)
    typing = result.get("typing")
    if isinstance(typing, Mapping):
        speed = typing.get("net_wpm", typing.get("wpm"))
        if speed is not None:
            out.speed.append(float(speed))
        if typing.get("error_rate") is not None:
            out.error_rate.append(float(typing["error_rate"]))
    if result.get("kind") in ("call", "chat", "queue"):  # (a shift has no fields)
        for f in result.get("fields", []):
            if f.get("verdict") in _JUDGED_FIELDS:
                out.fields_right.append(1.0 if f["verdict"] == "right" else 0.0)
            if f.get("seconds_after_said") is not None:
                out.entry_time.append(float(f["seconds_after_said"]))
        if result.get("answered_after") is not None:
            out.answer_time.append(float(result["answered_after"]))
        for c in result.get("competences", []):
            if c.get("assessed"):
                out.competences.setdefault(c["code"], []).append(1.0 if c["shown"] else 0.0)
    return out


_MEDIANS = {SPEED: "speed", ERROR_RATE: "error_rate", ANSWER_TIME: "answer_time"}
_SHARES = {PASS_RATE: "passed", DATA_ENTRY: "fields_right"}


def progress(sessions: Iterable[Stored], period: Period = "week") -> Progress:
    """A trainee's series from their sessions (any order). Speed, error rate and the reaction
    times are medians per period (one slow day does not hide a trend), pass rate and data-entry
    accuracy shares per period, competences over their latest calls; a period without such
    sessions has no point."""
    grouped: dict[datetime, list[_Facts]] = defaultdict(list)
    margins: dict[float, int] = defaultdict(int)
    count = 0
    for stored in sessions:
        count += 1
        grouped[bucket_start(_start(stored), period)].append(facts_of(stored.result))
        typing = stored.result.get("typing")
        if isinstance(typing, Mapping) and typing.get("margin") is not None:
            margins[float(typing["margin"])] += 1
    series: dict[str, list[Point]] = {code: [] for code in (*_MEDIANS, *_SHARES, ENTRY_TIME)}
    competences: dict[str, list[Point]] = defaultdict(list)
    assessed: dict[str, list[float]] = defaultdict(list)  # per code, the latest verdicts
    for at in sorted(grouped):
        facts = grouped[at]
        for code, name in _MEDIANS.items():
            values = [v for f in facts for v in getattr(f, name)]
            if values:
                series[code].append(Point(at, statistics.median(values), len(values)))
        for code, name in _SHARES.items():
            values = [v for f in facts for v in getattr(f, name)]
            if values:
                series[code].append(Point(at, sum(values) / len(values), len(values)))
        entry = [v for f in facts for v in f.entry_time]
        if entry:
            series[ENTRY_TIME].append(Point(at, statistics.median(entry), len(entry)))
        for code in sorted({c for f in facts for c in f.competences}):
            recent = assessed[code]
            recent += [v for f in facts for v in f.competences.get(code, [])]
            del recent[:-RECENT_CALLS]
            competences[code].append(Point(at, sum(recent) / len(recent), len(recent)))
    margin = max(margins, key=lambda m: margins[m]) if margins else DEFAULT_MARGIN
    return Progress(period, series, dict(sorted(competences.items())), margin, count)


@dataclass(frozen=True)
class TraineeSummary:
    """One row of the group comparison (None: no session gave that figure)."""

    trainee_id: int
    name: str
    sessions: int
    pass_rate: float | None
    median_speed: float | None
    median_error_rate: float | None
    data_entry: float | None
    last_session: date | None


def summaries(
    trainees: Mapping[int, str], sessions: Iterable[tuple[int, Stored]]
) -> list[TraineeSummary]:
    """One row per trainee (``trainees``: id -> name, also those without sessions) from
    their sessions (trainee id, session), by name."""
    facts: dict[int, list[_Facts]] = defaultdict(list)
    last: dict[int, datetime] = {}
    for trainee_id, stored in sessions:
        facts[trainee_id].append(facts_of(stored.result))
        at = _start(stored)
        if trainee_id not in last or at > last[trainee_id]:
            last[trainee_id] = at
    rows = []
    for trainee_id, name in trainees.items():
        mine = facts[trainee_id]
        passed = [v for f in mine for v in f.passed]
        speed = [v for f in mine for v in f.speed]
        errors = [v for f in mine for v in f.error_rate]
        fields = [v for f in mine for v in f.fields_right]
        rows.append(
            TraineeSummary(
                trainee_id=trainee_id,
                name=name,
                sessions=len(mine),
                pass_rate=sum(passed) / len(passed) if passed else None,
                median_speed=statistics.median(speed) if speed else None,
                median_error_rate=statistics.median(errors) if errors else None,
                data_entry=sum(fields) / len(fields) if fields else None,
                last_session=last[trainee_id].date() if trainee_id in last else None,
            )
        )
    return sorted(rows, key=lambda r: r.name.casefold())
