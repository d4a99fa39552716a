"""Reading exercise files, with every problem tied to a file and a line.

``load_exercise`` reads one file; ``load_catalog`` reads folders of them and never stops at a
broken file: it lists the file as broken with its problems, so the app can show it and go on,
and ``simultaan validate`` can print ``FILE:LINE: message``. Whatever goes wrong in one file
(even an exception nobody foresaw) stays that file's problem; a FIFO or device is never opened.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ConfigDict

from trainer.core.chat_checks import cross_check_chat
from trainer.core.chat_scenario import ChatExercise
from trainer.core.exercise import EXERCISE_KINDS, CopyExercise, DictationExercise, ExerciseBase
from trainer.core.messages import Message
from trainer.core.queue_checks import cross_check as queue_cross_check
from trainer.core.queue_scenario import QueueExercise
from trainer.core.scenario import CallExercise
from trainer.core.scenario_checks import Finding, cross_check
from trainer.core.yaml_source import (
    Problem,
    SourceFileError,
    parse_yaml_mapping,
    read_text_file,
)

ExerciseFileError = SourceFileError  # the name callers know
KINDS: dict[str, type[ExerciseBase]] = {
    **EXERCISE_KINDS,
    "call": CallExercise,
    "chat": ChatExercise,
    "queue": QueueExercise,
}
CLIP_MANIFEST = "clips.yaml"  # trainer.core.clips.MANIFEST_NAME, which imports this module
__all__ = [
    "Catalog",
    "CatalogEntry",
    "ExerciseFileError",
    "Problem",
    "exercise_files",
    "load_catalog",
    "load_exercise",
    "parse_exercise",
]


class _CommonKeys(ExerciseBase):
    """The keys of every kind, for files whose kind is missing or unknown."""

    model_config = ConfigDict(extra="ignore", frozen=True)


@dataclass(frozen=True)
class CatalogEntry:
    """A valid exercise and the file it came from."""

    exercise: ExerciseBase
    path: Path
    id_line: int = 1


@dataclass
class Catalog:
    """All exercises found, and the files that could not be read."""

    entries: list[CatalogEntry] = field(default_factory=list)
    broken: dict[Path, list[Problem]] = field(default_factory=dict)

    def by_id(self, exercise_id: str) -> CatalogEntry | None:
        """The exercise with this id, or None."""
        return next((e for e in self.entries if e.exercise.id == exercise_id), None)

    @property
    def problems(self) -> list[Problem]:
        """Every problem of every broken file, in file order."""
        return [p for path in sorted(self.broken) for p in self.broken[path]]


def parse_exercise(
    text: str, path: Path, clip_languages: Mapping[str, str] | None = None
) -> tuple[ExerciseBase, int]:
    """Validate the YAML text of one exercise file; returns the exercise and the line of its id.

    With ``clip_languages`` (clip id -> language, from the clip library) a dictation's clips
    must exist and be in its language. Raises ExerciseFileError with every problem found.
    """
    doc = parse_yaml_mapping(text, path, "exercise")
    data = doc.data
    kind = data.get("kind")
    model = KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        known = list(KINDS)
        if kind is None:
            said = Message("missing_kind", {"known": known})
        else:
            said = Message("unknown_kind", {"kind": str(kind), "known": known})
        doc.problems.append(doc.problem(("kind",), said))
        # still check the keys every kind has, so the author sees every problem at once
        model = _CommonKeys
        data = {k: v for k, v in data.items() if k != "kind"} | {"kind": "?"}
    exercise = doc.validate(model, data)
    if isinstance(exercise, DictationExercise) and clip_languages is not None:
        for index, clip_id in enumerate(exercise.clips):
            clip_language = clip_languages.get(clip_id)
            if clip_language is None:
                said = Message("unknown_clip", {"clip": clip_id})
                doc.problems.append(doc.problem(("clips", index), said))
            elif clip_language != exercise.language:
                values = {"clip": clip_id, "language": clip_language, "own": exercise.language}
                said = Message("clip_language_exercise", values)
                doc.problems.append(doc.problem(("clips", index), said))
    if isinstance(exercise, CopyExercise) and exercise.time_limit and exercise.min_wpm is None:
        doc.problems.append(doc.problem(("time_limit",), Message("timed_needs_min_wpm")))
    for loc, message in _cross_checks(exercise, clip_languages):
        doc.problems.append(doc.problem(loc, message))
    if isinstance(exercise, QueueExercise):
        clips = dict(clip_languages) if clip_languages is not None else None
        for loc, message in queue_cross_check(exercise, clips):
            doc.problems.append(doc.problem(loc, message))
    if doc.problems or exercise is None:
        raise ExerciseFileError(sorted(doc.problems, key=lambda p: p.line))
    return exercise, doc.lines.get(("id",), 1)


def _cross_checks(
    exercise: ExerciseBase | None, clip_languages: Mapping[str, str] | None
) -> list[Finding]:
    """What a call's or a chat's models alone cannot see, with the key path of each mistake."""
    if isinstance(exercise, CallExercise):
        clips = dict(clip_languages) if clip_languages is not None else None
        return cross_check(exercise, clips)
    if isinstance(exercise, ChatExercise):
        return cross_check_chat(exercise)
    return []


def load_exercise(
    path: Path, clip_languages: Mapping[str, str] | None = None
) -> tuple[ExerciseBase, int]:
    """Read and validate one exercise file (see ``parse_exercise``)."""
    return parse_exercise(read_text_file(path, "exercise"), path, clip_languages)


def yaml_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Every ``*.yaml``/``*.yml`` file named or found below the folders named, sorted.

    Whatever is not a folder is listed (a FIFO, a device or a dangling link too), so that
    reading it refuses it by name instead of leaving it out silently; nothing is opened here.
    """
    for path in paths:
        if path.is_dir():
            found = [*path.rglob("*.yaml"), *path.rglob("*.yml")]
            yield from sorted(p for p in found if not p.is_dir())
        else:
            yield path


def exercise_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The exercise files among ``yaml_files(paths)``: all but clip manifests and the shared
    knowledge bases' articles (``<lang>/knowledge/``, trainer.core.knowledge.FOLDER)."""
    found = yaml_files(paths)
    return (p for p in found if p.name != CLIP_MANIFEST and p.parent.name != "knowledge")


def load_catalog(paths: Iterable[Path], clip_languages: Mapping[str, str] | None = None) -> Catalog:
    """Load every exercise below ``paths``; broken files and duplicate ids are listed, not fatal.

    ``clip_languages`` (clip id -> language) lets dictations be checked against the clips."""
    catalog = Catalog()
    first_seen: dict[str, CatalogEntry] = {}
    for path in exercise_files(paths):
        try:
            exercise, id_line = load_exercise(path, clip_languages)
        except ExerciseFileError as exc:
            catalog.broken[path] = exc.problems
            continue
        except Exception as exc:  # one file's surprise must not cost the rest
            detail = f"{type(exc).__name__}: {exc}"
            catalog.broken[path] = [Problem(path, 1, Message("unreadable", {"detail": detail}))]
            continue
        earlier = first_seen.get(exercise.id)
        if earlier is not None:
            values = {"id": exercise.id, "file": str(earlier.path), "line": str(earlier.id_line)}
            message = Message("duplicate_exercise_id", values)
            catalog.broken[path] = [Problem(path, id_line, message)]
            continue
        entry = CatalogEntry(exercise, path, id_line)
        first_seen[exercise.id] = entry
        catalog.entries.append(entry)
    return catalog
