"""The customer clip library: recorded utterances with the exact text said.

``audio/clips.yaml`` lists every clip: its id, language, audio file (relative to the manifest),
transcript, speaker, speaking rate and tags. Demo clips also say how they are generated
(espeak-ng voice, speed and the words to speak), so ``audio/generate_demo_clips.py`` can make
them again; clips a coach records have no ``generate`` part.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from trainer.core.bounded_files import MAX_AUDIO_BYTES, FileRefused, check_regular
from trainer.core.exercise import Language
from trainer.core.messages import Message, Value
from trainer.core.yaml_source import (
    Problem,
    SourceFileError,
    parse_yaml_mapping,
    read_text_file,
)

MANIFEST_NAME = "clips.yaml"
AUDIO_SUFFIXES = (".wav", ".flac", ".ogg")

Tag = Literal[
    "name",
    "spelled",
    "address",
    "number",
    "phone",
    "email",
    "customer-number",
    "order-number",
    "date",
    "amount",
    "iban",
    "problem",
    "greeting",
    "request",
    "complaint",
]


class _Strict(BaseModel):
    # (validators built when a manifest is first read: the home screen's list, from the
    # content cache, never reads one)
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Generation(_Strict):
    """How a demo clip is made: the espeak-ng voice, its speed, and the words spoken."""

    voice: Annotated[str, Field(min_length=2)]
    speed: Annotated[int, Field(ge=80, le=300)]
    say: Annotated[str, Field(min_length=1)]


class Clip(_Strict):
    """One customer utterance."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{2,63}$")]
    language: Language
    file: str
    transcript: str
    speaker: str = ""
    rate: Annotated[int, Field(ge=40, le=400)] | None = None
    tags: list[Tag] = []
    generate: Generation | None = None

    @field_validator("transcript")
    @classmethod
    def _said_something(cls, value: str) -> str:
        if not value.strip():
            raise PydanticCustomError("text_empty", "text_empty")
        return value

    @field_validator("file")
    @classmethod
    def _audio_file(cls, value: str) -> str:
        if not value.lower().endswith(AUDIO_SUFFIXES):
            suffixes = list(AUDIO_SUFFIXES)
            raise PydanticCustomError("clip_file_type", "clip_file_type", {"suffixes": suffixes})
        if value.startswith("/") or ".." in Path(value).parts:
            raise PydanticCustomError("clip_file_outside", "clip_file_outside")
        return value


class _Manifest(_Strict):
    format: Literal[1]
    clips: list[dict[str, object]]


@dataclass
class ClipLibrary:
    """The clips of one manifest, by id, with the folder their files are relative to."""

    folder: Path
    clips: dict[str, Clip] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    manifest: Path | None = None
    lines: dict[str, int] = field(default_factory=dict)  # clip id -> line of its `file:`
    unusable: set[str] = field(default_factory=set)  # clips whose audio file has a problem

    def path_of(self, clip: Clip) -> Path:
        """The clip's audio file."""
        return self.folder / clip.file

    @property
    def transcripts(self) -> dict[str, str]:
        """Clip id -> transcript, for scoring dictations."""
        return {clip_id: clip.transcript for clip_id, clip in self.clips.items()}

    @property
    def languages(self) -> dict[str, str]:
        """Clip id -> language, for checking dictation exercises against the library."""
        return {clip_id: clip.language for clip_id, clip in self.clips.items()}


def load_shipped_library(folder: Path) -> ClipLibrary:
    """The library in ``folder`` (the shipped audio folder); an empty one when it has no
    manifest or the manifest is unreadable (its problems are then in ``problems``)."""
    manifest = folder / MANIFEST_NAME
    if not manifest.exists():
        return ClipLibrary(folder)
    try:
        return load_clip_library(manifest)
    except SourceFileError as exc:
        return ClipLibrary(folder, problems=exc.problems)


def load_clip_library(
    manifest: Path,
    *,
    check_files: bool = True,
    check_audio: Callable[[Path], Message | None] | None = None,
) -> ClipLibrary:
    """Read a clip manifest. Problems (with lines) are collected, not raised: the valid clips
    stay usable. A manifest that is not even a YAML mapping raises SourceFileError.

    ``check_files``: each clip's file must be a regular file within the audio size limit (a
    look at its directory entry, nothing opened). ``check_audio`` reads a file's audio and
    says what is wrong with it (or None), for ``simultaan validate`` and ``clips``; such a
    clip is still listed, and named in ``unusable``."""
    text = read_text_file(manifest, "clip manifest")
    doc = parse_yaml_mapping(text, manifest, "manifest")
    library = ClipLibrary(manifest.parent, problems=doc.problems, manifest=manifest)
    if doc.validate(_Manifest) is None:
        return library
    for index, raw in enumerate(doc.data["clips"]):
        clip = doc.validate(Clip, raw, at=("clips", index))
        if clip is None:
            continue
        if clip.id in library.clips:
            said = Message("duplicate_clip_id", {"id": clip.id})
            doc.problems.append(doc.problem(("clips", index, "id"), said))
            continue
        trouble = _file_problem(library.path_of(clip), check_audio) if check_files else None
        if trouble is not None:
            doc.problems.append(doc.problem(("clips", index, "file"), trouble, "file"))
            library.unusable.add(clip.id)
        library.clips[clip.id] = clip
        library.lines[clip.id] = doc.line(("clips", index, "file"))
    library.problems.sort(key=lambda p: p.line)
    return library


def _file_problem(
    path: Path, check_audio: Callable[[Path], Message | None] | None
) -> Message | None:
    """What is wrong with a clip's file, or None; a FIFO or device is refused unopened."""
    try:
        check_regular(path, MAX_AUDIO_BYTES, "audio")
    except FileRefused as exc:  # said as trainer.audio.sounds says it of any audio file
        where = {"path": str(path)}
        detail = str(exc.message.params.get("detail") or os.strerror(errno.EACCES))
        return {
            "missing": Message("audio_missing", where),
            "folder": Message("audio_is_folder", where),
            "not_regular": Message("audio_not_regular", where),
            "too_large": Message("audio_too_large", {**where, **exc.message.params}),
        }.get(exc.code, Message("audio_unreadable", {**where, "detail": detail}))
    return check_audio(path) if check_audio is not None else None


def loudness_warnings(
    library: ClipLibrary, measure: Callable[[Path], float | None]
) -> list[Problem]:
    """A warning, at the line of its ``file:``, for each clip whose integrated loudness is
    outside the library's (TARGET_LUFS +- TOLERANCE_LU). ``measure`` reads a file and gives its
    loudness in LUFS, or None when it cannot be measured (unreadable, silent or shorter than
    one 400 ms block). Missing and unusable files are left to the manifest's own problems."""
    # numpy comes with dsp: imported here, not when the app reads its clip library at start
    from trainer.core.dsp import TARGET_LUFS, TOLERANCE_LU

    manifest = library.manifest or library.folder / MANIFEST_NAME
    warnings = []
    for clip_id, clip in library.clips.items():
        path = library.path_of(clip)
        if clip_id in library.unusable or not path.is_file():
            continue
        level = measure(path)
        if level is not None and abs(level - TARGET_LUFS) <= TOLERANCE_LU:
            continue
        values: dict[str, Value] = {
            "clip": clip_id,
            "target": TARGET_LUFS,
            "tolerance": TOLERANCE_LU,
        }
        made = clip.generate is not None  # a demo clip is made again; a recorded one recorded
        if level is None and made:
            message = Message("loudness_unmeasured_made", values)
        elif level is None:
            message = Message("loudness_unmeasured_recorded", values)
        elif made:
            message = Message("loudness_off_made", {**values, "level": round(level, 1)})
        else:
            message = Message("loudness_off_recorded", {**values, "level": round(level, 1)})
        warnings.append(Problem(manifest, library.lines.get(clip_id, 1), message))
    return warnings


def where_said(
    clip_ids: list[str], transcripts: dict[str, str], durations: dict[str, float], position: int
) -> tuple[str, float]:
    """Which clip, and about how many seconds into it, the character at ``position`` of a
    dictation's text was said (each clip is one line; time is taken as even over its words).
    """
    start = 0
    for clip_id in clip_ids:
        line = transcripts[clip_id].strip()
        if position <= start + len(line) or clip_id == clip_ids[-1]:
            fraction = min(1.0, max(0.0, (position - start) / max(1, len(line))))
            return clip_id, round(fraction * durations.get(clip_id, 0.0), 2)
        start += len(line) + 1  # the newline
    raise ValueError("no clips")


__all__ = [
    "MANIFEST_NAME",
    "Clip",
    "ClipLibrary",
    "Generation",
    "SourceFileError",
    "load_clip_library",
    "load_shipped_library",
    "loudness_warnings",
    "where_said",
]
