"""A trainee's competence portfolio, for the Flemish "ervaringsbewijs": every competence of the
four job profiles of the standards (domain.md) with the evidence of the stored results.

Evidence per competence code: a call's, a chat's and a queue shift's result says per code
whether it was shown (``competences`` of ``CallResult``, ``ChatResult``, ``QueueResult``);
a typing session (copy, dictation) says whether the text was typed within its error margin,
which is the margin of "typt foutloos binnen een foutenmarge van 3%" (D140801 Id17267,
co 01670). Beside it, the evidence of a person: the latest assessment by a coach with the
rubric (``trainer.core.rubric``) per code, so the codes only a person can judge (the spoken
ones: co 01671, co 02795, co 0167, Id234) have evidence once a coach has assessed them. Codes
nothing assesses yet are listed without evidence. Headless: codes, dates and numbers; the UI
words them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from trainer.core.rubric import Assessment

# the four job profiles and their competence codes, in the order of the standards themselves
# (../shared/seeds/): the decrees recognising "contactcenteroperator" and "helpdeskoperator"
# (25 March 2016), the qualification "digitale gebruikersondersteuner" (2018). The Europass
# supplement of "callcenteroperator" lists its competences in three groups without codes:
# acting simultaneously, managing data in the call-centre system (typing within the margin
# among it) and communication techniques, the groups the contact-centre standard codes
# co 01669, co 01670 and co 01671
_CALL = (
    "D140801 Id17425",
    "D140801 Id16700",
    "D140801 Id17255",
    "D140801 Id17852",
    "D140801 Id16426",
    "D140801 Id234",
    "D140801 Id17267",
)
PROFILES: dict[str, tuple[str, ...]] = {
    "contact_centre": (*_CALL, "co 01669", "co 01670", "co 01671"),
    "call_centre": ("co 01669", "co 01670", "co 01671"),
    "helpdesk": (
        *_CALL,
        "co 01669",
        "co 01670",
        "co 01671",
        "co 01672",
        "co 01673",
        "co 01674",
    ),
    "user_support": (
        "co 0166",
        "co 01670",
        "co 02796",
        "co 0167",
        "co 02775",
        "I140101 Id11743",
        "I140101 Id25374",
        "co 02776",
        "co 02795",
        "co 02777",
        "co 02778",
        "co 02779",
        "co 02780",
    ),
}
# the codes a typing session's margin gives evidence of (domain.md section 1)
TYPING_CODES: frozenset[str] = frozenset({"D140801 Id17267", "co 01670"})
TYPING_KINDS = ("copy", "dictation")
# the kinds whose result says per competence code whether it was shown
JUDGED_KINDS = ("call", "chat", "queue")


@dataclass(frozen=True)
class Evidence:
    """One session's verdict on one competence: when, which exercise, shown or not; ``score``
    ranks the shown ones (a typing session's net speed, a call's share of fields right)."""

    session_id: int
    started_at: str  # ISO 8601, as stored
    exercise_id: str
    exercise_title: str
    shown: bool
    passed: bool
    score: float = 0.0


@dataclass(frozen=True)
class CoachEvidence:
    """A coach's rubric assessment of one competence in one session: who, when, on which
    exercise (``kind``: its rubric), the mean of the criteria scored (None: a comment only,
    ``scored`` 0) and the comment."""

    session_id: int
    started_at: str  # the session's, ISO 8601
    exercise_title: str
    kind: str
    coach: str
    saved_at: str  # when the coach saved it, ISO 8601
    mean: float | None
    scored: int
    comment: str


@dataclass
class CompetenceEvidence:
    """A competence's evidence over all the trainee's sessions (none: ``assessed`` is 0);
    ``coach``: the latest assessment by a person, of ``coached`` sessions assessed."""

    code: str
    assessed: int = 0
    shown: int = 0
    best: Evidence | None = None
    latest: Evidence | None = None
    coached: int = 0
    coach: CoachEvidence | None = None

    @property
    def has_evidence(self) -> bool:
        """Judged automatically or by a coach."""
        return bool(self.assessed or self.coached)

    @property
    def pass_rate(self) -> float | None:
        return self.shown / self.assessed if self.assessed else None

    def add(self, evidence: Evidence) -> None:
        self.assessed += 1
        self.shown += evidence.shown
        if self.latest is None or evidence.started_at >= self.latest.started_at:
            self.latest = evidence
        if self.best is None or _rank(evidence) > _rank(self.best):
            self.best = evidence

    def add_coach(self, evidence: CoachEvidence) -> None:
        self.coached += 1
        latest = self.coach
        if latest is None or (evidence.started_at, evidence.saved_at) >= (
            latest.started_at,
            latest.saved_at,
        ):
            self.coach = evidence


def _rank(e: Evidence) -> tuple[bool, bool, float, str]:
    # shown first, then a session passed as a whole, then the better score, then the newer
    return (e.shown, e.passed, e.score, e.started_at)


@dataclass(frozen=True)
class TypingRecord:
    """The best net speed typed within the margin in one kind of typing exercise."""

    kind: str
    sessions: int  # of that kind
    within_margin: int  # of them, typed within the margin
    best: Evidence | None  # the fastest within the margin (score: net words per minute)
    error_rate: float | None  # of that best session
    margin: float | None


@dataclass
class Portfolio:
    """A trainee's evidence: per code (every code of ``PROFILES``), the typing record per
    kind, the first and last day of their sessions and how many there were."""

    trainee: str
    competences: dict[str, CompetenceEvidence]
    typing: list[TypingRecord]
    sessions: int = 0
    first: str | None = None
    last: str | None = None
    profiles: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(PROFILES))


@dataclass(frozen=True)
class Session:
    """A stored session: its row's facts and its result (the stored JSON)."""

    session_id: int
    started_at: str
    exercise_id: str
    exercise_title: str
    kind: str  # the exercise's kind (copy, dictation, call...), from the catalog
    result: Mapping[str, Any]


def _call_score(result: Mapping[str, Any]) -> float:
    """A judged session's figure beside its evidence: the share of fields right (a call, a
    chat), or of contacts handled as expected (a queue shift, which has no form)."""
    if result.get("kind") == "queue":
        contacts = result.get("contacts", [])
        return sum(1 for c in contacts if not c.get("reasons")) / len(contacts) if contacts else 0.0
    judged = [f for f in result.get("fields", []) if f.get("verdict") != "not_given"]
    right = sum(1 for f in judged if f.get("verdict") == "right")
    return right / len(judged) if judged else 0.0


def _coach_evidence(s: Session, assessment: Assessment) -> Iterable[tuple[str, CoachEvidence]]:
    """Per competence a coach said something of, its evidence."""
    for part in assessment.competences:
        if part.empty:
            continue
        scores = list(part.scores.values())
        yield (
            part.code,
            CoachEvidence(
                session_id=s.session_id,
                started_at=s.started_at,
                exercise_title=s.exercise_title,
                kind=s.kind,
                coach=assessment.coach,
                saved_at=assessment.saved_at,
                mean=sum(scores) / len(scores) if scores else None,
                scored=len(scores),
                comment=part.comment,
            ),
        )


def portfolio(
    trainee: str,
    sessions: Iterable[Session],
    assessments: Mapping[int, Assessment] | None = None,
) -> Portfolio:
    """The portfolio from a trainee's ended sessions with a result (any order), with the
    coaches' ``assessments`` of them by session id."""
    codes = {code: CompetenceEvidence(code) for codes in PROFILES.values() for code in codes}
    typing: dict[str, list[tuple[Evidence, Mapping[str, Any]]]] = {}
    count, days = 0, []
    for s in sessions:
        assessment = (assessments or {}).get(s.session_id)
        if assessment is not None:  # a person's judgement, whatever the automatic one was
            for code, said in _coach_evidence(s, assessment):
                if code in codes:
                    codes[code].add_coach(said)
        result = s.result
        if "passed" not in result:
            continue  # stopped or lost: nothing judged
        count += 1
        days.append(s.started_at)
        passed = bool(result.get("passed"))

        def evidence(shown: bool, score: float, s: Session = s, passed: bool = passed) -> Evidence:
            return Evidence(
                s.session_id, s.started_at, s.exercise_id, s.exercise_title, shown, passed, score
            )

        if result.get("kind") in JUDGED_KINDS:
            score = _call_score(result)
            for c in result.get("competences", []):
                if c.get("assessed") and c.get("code") in codes:
                    codes[c["code"]].add(evidence(bool(c.get("shown")), score))
            continue
        metrics = result.get("typing")
        if not isinstance(metrics, Mapping) or not result.get("completed", True):
            continue
        within = bool(metrics.get("within_margin"))
        speed = float(metrics.get("net_wpm") or metrics.get("wpm") or 0.0)
        shown = evidence(within, speed)
        for code in TYPING_CODES:
            codes[code].add(shown)
        typing.setdefault(s.kind, []).append((shown, metrics))
    return Portfolio(
        trainee=trainee,
        competences=codes,
        typing=[_record(kind, typing.get(kind, [])) for kind in _kinds(typing)],
        sessions=count,
        first=min(days) if days else None,
        last=max(days) if days else None,
    )


def _kinds(typing: Mapping[str, object]) -> list[str]:
    return [*TYPING_KINDS, *sorted(k for k in typing if k not in TYPING_KINDS)]


def _record(kind: str, done: list[tuple[Evidence, Mapping[str, Any]]]) -> TypingRecord:
    within = [(e, m) for e, m in done if e.shown]
    best = max(within, key=lambda pair: (pair[0].score, pair[0].started_at), default=None)
    return TypingRecord(
        kind=kind,
        sessions=len(done),
        within_margin=len(within),
        best=best[0] if best else None,
        error_rate=float(best[1]["error_rate"])
        if best and best[1].get("error_rate") is not None
        else None,
        margin=float(best[1]["margin"]) if best and best[1].get("margin") is not None else None,
    )
