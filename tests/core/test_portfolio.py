"""The competence portfolio's facts (``trainer.core.portfolio``): every competence of the four
job profiles with its evidence, on a generated store of 200 sessions of 3 trainees (read with
SQL of its own here, not through the code under test), and on two hand-made typing sessions."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.generated import cached
from trainer.core.loader import load_catalog
from trainer.core.portfolio import PROFILES, TYPING_CODES, Session, portfolio
from trainer.paths import exercises_dir
from trainer.store.db import STORE_FILE, Store
from trainer.store.portfolio import trainee_portfolio


@pytest.fixture(scope="module")
def store_path() -> Path:
    return cached(200, 3) / STORE_FILE


def _rows(path: Path, name: str) -> list[tuple[str, str, dict]]:
    with sqlite3.connect(path) as db:
        found = db.execute(
            "SELECT s.started_at, s.exercise_id, s.result_json FROM sessions s "
            "JOIN trainees t ON t.id = s.trainee_id WHERE t.name = ? AND s.result_json IS NOT NULL",
            (name,),
        ).fetchall()
    return [(at, ex, json.loads(r)) for at, ex, r in found if "passed" in json.loads(r)]


def test_every_competence_of_the_profiles_with_the_calls_evidence(store_path: Path) -> None:
    store = Store(store_path)
    try:
        trainee = store.trainee_named("Imane Mertens")
        facts = trainee_portfolio(store, trainee, load_catalog([exercises_dir()]))
    finally:
        store.close()
    rows = _rows(store_path, "Imane Mertens")
    assert facts.sessions == len(rows)
    assert facts.first == min(at for at, _, _ in rows)
    assert set(facts.competences) == {c for codes in PROFILES.values() for c in codes}
    # the spoken ones: no exercise assesses them yet, so no evidence
    for code in ("co 01671", "co 0167", "D140801 Id234", "co 02775"):
        assert facts.competences[code].assessed == 0 and facts.competences[code].best is None
    calls = [(at, ex, r) for at, ex, r in rows if r.get("kind") == "call"]
    verdicts = [
        (at, c["shown"])
        for at, _, r in calls
        for c in r["competences"]
        if c["code"] == "D140801 Id17425" and c["assessed"]
    ]
    identity = facts.competences["D140801 Id17425"]
    assert identity.assessed == len(verdicts) > 0
    assert identity.shown == sum(shown for _, shown in verdicts)
    assert identity.latest is not None and identity.latest.started_at == max(verdicts)[0]
    assert identity.best is not None and identity.best.shown
    # the typing margin counts for the typing codes: every completed typing session
    typed = [r for _, _, r in rows if "typing" in r and r["completed"]]  # (a stopped one: none)
    for code in TYPING_CODES:
        from_calls = sum(
            1 for _, _, r in calls for c in r["competences"] if c["code"] == code and c["assessed"]
        )
        assert facts.competences[code].assessed == len(typed) + from_calls
    # the fastest copy typed within the margin, to its end (a timed one stopped by the clock
    # counts for nothing, as above)
    copies = [
        r["typing"]
        for _, ex, r in rows
        if "-copy-" in ex and r["typing"]["within_margin"] and r["completed"]
    ]
    copy = next(t for t in facts.typing if t.kind == "copy")
    assert copy.best is not None
    assert copy.best.score == pytest.approx(max(t["net_wpm"] for t in copies))
    assert copy.within_margin == len(copies)


def _typed(session_id: int, at: str, wpm: float, error_rate: float) -> Session:
    typing = {"net_wpm": wpm, "error_rate": error_rate, "margin": 0.03}
    typing["within_margin"] = error_rate <= 0.03
    result = {"passed": error_rate <= 0.03, "completed": True, "typing": typing}
    return Session(session_id, at, f"nl-copy-0{session_id}", f"Drill {session_id}", "copy", result)


def test_the_best_typing_is_the_fastest_within_the_margin_not_the_fastest() -> None:
    facts = portfolio(
        "Lotte Peeters",
        [
            _typed(1, "2026-03-02T10:00:00+01:00", 31.0, 0.02),
            _typed(2, "2026-03-09T10:00:00+01:00", 45.0, 0.08),  # faster, over the margin
            _typed(3, "2026-03-16T10:00:00+01:00", 28.0, 0.01),
        ],
    )
    copy = next(t for t in facts.typing if t.kind == "copy")
    assert copy.best is not None and copy.best.exercise_title == "Drill 1"
    assert (copy.sessions, copy.within_margin, copy.error_rate) == (3, 2, 0.02)
    margin = facts.competences["D140801 Id17267"]
    assert (margin.assessed, margin.shown) == (3, 2)
    assert margin.best is not None and margin.best.exercise_title == "Drill 1"
    assert margin.latest is not None and margin.latest.exercise_title == "Drill 3"
    dictation = next(t for t in facts.typing if t.kind == "dictation")
    assert dictation.sessions == 0 and dictation.best is None


def test_a_stopped_session_is_no_evidence() -> None:
    stopped = Session(9, "2026-03-02T10:00:00+01:00", "x", "X", "copy", {"ended": "stopped"})
    facts = portfolio("Lotte Peeters", [stopped])
    assert facts.sessions == 0 and facts.first is None
    assert all(c.assessed == 0 for c in facts.competences.values())


def _call(session_id: int, at: str) -> Session:
    result = {"kind": "call", "passed": True, "fields": [], "competences": []}
    return Session(
        session_id, at, f"nl-gesprek-0{session_id}", f"Call {session_id}", "call", result
    )


def test_a_coach_s_latest_assessment_is_the_evidence_of_a_spoken_competence() -> None:
    """co 01671 assessed by two coaches: the later session's counts, with its mean; a
    comment alone is evidence without a score; a code of no profile is left out; nothing said
    is no evidence."""
    from trainer.core.rubric import Assessment, CompetenceAssessment

    def said(session_id: int, coach: str, *parts: CompetenceAssessment) -> Assessment:
        return Assessment(session_id, coach, parts, f"2026-03-2{session_id}T18:00:00+01:00")

    facts = portfolio(
        "Lotte Peeters",
        [
            _call(2, "2026-03-09T10:00:00+01:00"),
            _call(1, "2026-03-02T10:00:00+01:00"),
            _typed(3, "2026-03-16T10:00:00+01:00", 31.0, 0.02),
        ],
        {
            1: said(1, "Marleen Peeters", CompetenceAssessment("co 01671", {"greeting": 1})),
            2: said(
                2,
                "Koen De Smet",
                CompetenceAssessment("co 01671", {"greeting": 3, "clarifying": 2}, "Vraagt door."),
                CompetenceAssessment("co 0167", {}, "Bleef rustig."),
                CompetenceAssessment("co 99999", {"x": 3}),
                CompetenceAssessment("D140801 Id234", {}, ""),
            ),
            3: said(3, "Marleen Peeters", CompetenceAssessment("D140801 Id17267", {"posture": 2})),
        },
    )
    talk = facts.competences["co 01671"]
    assert (talk.assessed, talk.coached) == (0, 2) and talk.has_evidence
    assert talk.coach is not None
    assert (talk.coach.coach, talk.coach.exercise_title) == ("Koen De Smet", "Call 2")
    assert (talk.coach.mean, talk.coach.scored, talk.coach.comment) == (2.5, 2, "Vraagt door.")
    complaint = facts.competences["co 0167"].coach
    assert complaint is not None and complaint.mean is None and complaint.comment == "Bleef rustig."
    assert "co 99999" not in facts.competences
    assert not facts.competences["D140801 Id234"].has_evidence
    typed = facts.competences["D140801 Id17267"]  # beside the automatic evidence
    assert typed.assessed == 1 and typed.coach is not None and typed.coach.kind == "copy"
