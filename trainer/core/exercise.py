"""Exercise models: what an exercise file may say (format version 1).

The models are the contract of the YAML files documented in ``exercises/README.md``. Each kind
of exercise has its own model; ``EXERCISE_KINDS`` maps the ``kind`` key to it, so a later kind
(dictation, call, ...) is one model and one entry.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from trainer.core.word_forms import Ignorable

Language = Literal["nl", "fr", "en"]
ErrorUnit = Literal["word", "char"]

LANGUAGES: tuple[str, ...] = ("nl", "fr", "en")
DEFAULT_MARGIN = Decimal("0.03")


class ExerciseBase(BaseModel):
    """The keys every exercise has, whatever its kind."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    format: Literal[1]
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{2,63}$")]
    title: Annotated[str, Field(min_length=1, max_length=80)]
    language: Language
    kind: str
    level: Annotated[int, Field(ge=1, le=5)]
    instructions: str = ""

    @field_validator("title")
    @classmethod
    def _title_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise PydanticCustomError("text_empty", "text_empty")
        return value.strip()


class _Scored(ExerciseBase):
    """Exercises scored by the typing metrics against an error margin and, where ``min_wpm``
    is set, a net speed. ``ignore`` says what is not marked (each kind has its default)."""

    error_unit: ErrorUnit = "word"
    margin: Annotated[Decimal, Field(ge=0, le=1)] = DEFAULT_MARGIN
    min_wpm: Annotated[Decimal, Field(gt=0, le=200)] | None = None
    ignore: list[Ignorable] = []

    @field_validator("ignore")
    @classmethod
    def _ignore_once(cls, value: list[Ignorable]) -> list[Ignorable]:
        doubles = sorted({what for what in value if value.count(what) > 1})
        if doubles:
            raise PydanticCustomError("listed_twice", "listed_twice", {"twice": doubles})
        return value


class CopyExercise(_Scored):
    """Copy typing: the trainee types the text shown on screen; every mark and capital counts
    unless ``ignore`` says otherwise. A timed one (``time_limit``) must ask a ``min_wpm``."""

    kind: Literal["copy"]
    text: str
    time_limit: Annotated[int, Field(ge=10, le=7200)] | None = None

    @field_validator("text")
    @classmethod
    def _text_not_empty(cls, value: str) -> str:
        if not value.strip():
            raise PydanticCustomError("text_empty", "text_empty")
        return value


class DictationExercise(_Scored):
    """Dictation: the trainee types what the customer says in one or more clips, each on its
    own line. ``max_plays`` limits how often each clip may be started (exam style). What is not
    heard is not marked: punctuation and number formats are ignored unless ``ignore`` says
    otherwise."""

    kind: Literal["dictation"]
    ignore: list[Ignorable] = ["punctuation", "number-format"]
    clips: Annotated[
        list[Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{2,63}$")]], Field(min_length=1)
    ]
    max_plays: Annotated[int, Field(ge=1, le=20)] | None = None


EXERCISE_KINDS: dict[str, type[ExerciseBase]] = {
    "copy": CopyExercise,
    "dictation": DictationExercise,
}


def content_hash(exercise: ExerciseBase) -> str:
    """A short, stable fingerprint of what the exercise asks (not of its file's layout).

    Journals record it, so a re-score can tell whether the exercise changed since the session.
    """
    canonical = exercise.model_dump_json()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
