"""The coach's rubric: per competence code of the standards, the criteria only a person
listening to the trainee can judge (greeting, clarifying questions, reformulating, explaining,
tone, closing), each scored on one scale. One file per exercise kind, ``assets/rubrics/KIND.yaml``;
its texts are in the file in Dutch, French and English (a coach's words, not the program's).

A competence's criteria are for every exercise of the kind, or, with ``when``, only for the
exercises whose data say they ask for it (a complaint call, a sales call): the dialog lists
only those (``targeted``), as a call's automatic result judges only what its exercise asks for
(``trainer.core.call_competences``).

A file is validated when it is read; every mistake is a ``Problem`` at its line
(``trainer.core.yaml_source``), so a broken rubric names its file and line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from trainer.core.exercise import ExerciseBase
from trainer.core.messages import Message
from trainer.core.yaml_source import (
    Location,
    SourceFileError,
    parse_yaml_mapping,
    read_text_file,
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Texts(_Strict):
    """One text in the three languages of the app."""

    nl: str = Field(min_length=1)
    fr: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def in_language(self, language: str) -> str:
        """The text in ``language`` (nl, fr, en); Dutch for any other."""
        return {"fr": self.fr, "en": self.en}.get(language, self.nl)


class Level(_Strict):
    """A step of the scale: its score and the word a coach reads for it."""

    score: int = Field(ge=0, le=9)  # one digit: the dialog takes a score by its number key
    word: Texts


class Criterion(_Strict):
    """One thing the coach listens for; ``id``: stable, it is what the store keeps."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    text: Texts


_Names = list[str]


class When(_Strict):
    """Which exercises of the kind a competence is for: one that has any of the script steps,
    closing codes or contact results listed (a call's own data), any of the politeness
    ``markers`` listed asked of a reply (a chat's), or whose id is listed."""

    script: _Names = []
    closing_codes: _Names = []
    contact_results: _Names = []
    markers: _Names = []
    exercises: _Names = []

    def matches(self, exercise: ExerciseBase) -> bool:
        """Whether the exercise's data have one of the things listed."""
        expect = getattr(exercise, "expect", None)
        has = {
            "script": set(getattr(exercise, "script", [])),
            "closing_codes": set(getattr(exercise, "closing_codes", [])),
            "contact_results": set(getattr(exercise, "contact_results", [])),
            "markers": {
                marker
                for chat in getattr(exercise, "chats", [])
                for message in chat.messages
                if message.reply is not None
                for marker in message.reply.markers
            },
            "exercises": {exercise.id},
        }
        # what a good handling expects counts as offered too (it is among the listed ones)
        if expect is not None:
            has["closing_codes"].add(getattr(expect, "closing_code", None) or "")
            has["contact_results"].add(getattr(expect, "contact_result", None) or "")
        return any(set(getattr(self, key)) & found for key, found in has.items())


class RubricCompetence(_Strict):
    """The criteria of one competence of the standards (``code`` as the results carry it);
    ``when``: only for the exercises it names (None: every exercise of the kind)."""

    code: str = Field(min_length=1)
    name: Texts
    criteria: list[Criterion] = Field(min_length=1)
    when: When | None = None

    def targets(self, exercise: ExerciseBase) -> bool:
        """Whether this exercise asks for the competence."""
        return self.when is None or self.when.matches(exercise)


class Rubric(_Strict):
    """A rubric for one exercise kind."""

    kind: str
    scale: list[Level] = Field(min_length=2)
    competences: list[RubricCompetence] = Field(min_length=1)

    def competence(self, code: str) -> RubricCompetence | None:
        """The competence with this code, or None."""
        return next((c for c in self.competences if c.code == code), None)

    def level(self, score: int) -> Level | None:
        """The step of the scale with this score, or None."""
        return next((lv for lv in self.scale if lv.score == score), None)

    def targeted(
        self, exercise: ExerciseBase, saved: Assessment | None = None
    ) -> list[RubricCompetence]:
        """The competences this exercise asks for, in the file's order, and any other one
        already assessed in ``saved`` (what a coach said is never hidden, nor lost when the
        assessment is saved again)."""
        said = {c.code for c in saved.competences} if saved else set()
        return [c for c in self.competences if c.targets(exercise) or c.code in said]

    @property
    def top(self) -> int:
        """The highest score of the scale."""
        return max(lv.score for lv in self.scale)


def load_rubric(path: Path) -> Rubric:
    """Read and validate a rubric file; SourceFileError naming every problem and its line."""
    doc = parse_yaml_mapping(read_text_file(path), path)
    rubric = doc.validate(Rubric)
    if rubric is not None:
        # ids and scores are what the store keeps: two the same would mix two answers
        scores = [(("scale", i, "score"), str(lv.score)) for i, lv in enumerate(rubric.scale)]
        for loc, value in _twice(scores):
            doc.problems.append(doc.problem(loc, Message("duplicate_score", {"id": value})))
        codes = [(("competences", i, "code"), c.code) for i, c in enumerate(rubric.competences)]
        for loc, value in _twice(codes):
            said = Message("duplicate_competence_code", {"id": value})
            doc.problems.append(doc.problem(loc, said))
        for i, c in enumerate(rubric.competences):
            ids = [
                (("competences", i, "criteria", j, "id"), k.id) for j, k in enumerate(c.criteria)
            ]
            for loc, value in _twice(ids):
                said = Message("duplicate_criterion_id", {"id": value})
                doc.problems.append(doc.problem(loc, said))
    if doc.problems or rubric is None:
        raise SourceFileError(sorted(doc.problems, key=lambda p: p.line))
    return rubric


def _twice(found: Sequence[tuple[Location, str]]) -> list[tuple[Location, str]]:
    """The places whose value was already seen before them."""
    seen: set[str] = set()
    again = []
    for loc, value in found:
        if value in seen:
            again.append((loc, value))
        seen.add(value)
    return again


def rubric_path(assets: Path, kind: str) -> Path:
    """Where the rubric of an exercise kind is (it may not exist: a kind without one)."""
    return assets / "rubrics" / f"{kind}.yaml"


@dataclass(frozen=True)
class CompetenceAssessment:
    """What a coach said of one competence: a score per criterion scored (by criterion id;
    a criterion not scored is absent) and a free comment."""

    code: str
    scores: dict[str, int] = field(default_factory=dict)
    comment: str = ""

    @property
    def empty(self) -> bool:
        """Nothing scored and nothing said."""
        return not self.scores and not self.comment.strip()


@dataclass(frozen=True)
class Assessment:
    """A coach's assessment of one session, kept with it in the store (``saved_at``: ISO 8601,
    set by the store)."""

    session_id: int
    coach: str
    competences: tuple[CompetenceAssessment, ...]
    saved_at: str = ""

    def of(self, code: str) -> CompetenceAssessment | None:
        """The part for one competence code, or None."""
        return next((c for c in self.competences if c.code == code), None)
