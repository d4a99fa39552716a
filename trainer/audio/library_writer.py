"""Adding a recorded clip to the library: the audio file and its manifest entry.

The take is brought to the library's loudness first (dsp.TARGET_LUFS, as the generated clips
are), so a coach's clip plays as loud as every other. The entry is appended as text, so the
manifest's comments and layout stay as they are; the manifest is then read back and validated
like the rest, and on any problem both the file and the manifest are put back as they were.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import soundfile

from trainer.core import dsp
from trainer.core.clips import MANIFEST_NAME, Clip, ClipLibrary, load_clip_library
from trainer.core.dsp import Signal
from trainer.core.messages import Message, Said
from trainer.core.yaml_source import Problem, SourceFileError


class ClipSaveError(Said):
    """The clip could not be added (``message``); ``problems`` say why, with the manifest's
    lines, when the manifest is at fault."""

    def __init__(self, message: Message, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def entry_text(clip: Clip) -> str:
    """The manifest entry of a clip, in the manifest's own layout."""
    q = json.dumps
    lines = [
        f"  - id: {clip.id}",
        f"    language: {clip.language}",
        f"    file: {clip.file}",
        f"    transcript: {q(clip.transcript, ensure_ascii=False)}",
        f"    speaker: {q(clip.speaker, ensure_ascii=False)}",
    ]
    if clip.rate is not None:
        lines.append(f"    rate: {clip.rate}")
    lines.append(f"    tags: [{', '.join(clip.tags)}]")
    return "\n".join(lines) + "\n"


def add_recorded_clip(folder: Path, clip: Clip, audio: Signal, samplerate: int) -> ClipLibrary:
    """Write ``audio``, levelled to the library's loudness, as the clip's FLAC file and append
    the clip to ``folder``'s manifest.

    Returns the library as read back. ClipSaveError (nothing changed) when the id is taken, the
    file exists, or the manifest would not validate.
    """
    manifest = folder / MANIFEST_NAME
    before = manifest.read_text(encoding="utf-8") if manifest.exists() else "format: 1\nclips:\n"
    # an empty list written as `clips: []` cannot take block entries after it
    base = re.sub(r"(?m)^clips:\s*\[\s*\]\s*$", "clips:", before)
    try:
        existing = load_clip_library(manifest, check_files=False) if manifest.exists() else None
    except SourceFileError as exc:
        raise ClipSaveError(
            Message("clip_manifest_unreadable", {"path": str(manifest)}), exc.problems
        ) from None
    if existing is not None and clip.id in existing.clips:
        raise ClipSaveError(Message("clip_id_taken", {"id": clip.id, "path": str(manifest)}))
    target = folder / clip.file
    if target.exists():
        raise ClipSaveError(Message("clip_file_exists", {"path": str(target)}))
    if len(audio) == 0:
        raise ClipSaveError(Message("clip_recording_empty"))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        levelled = dsp.normalise_loudness(audio, samplerate)
        soundfile.write(str(target), levelled, samplerate, subtype="PCM_16", format="FLAC")
        manifest.write_text(base.rstrip("\n") + "\n\n" + entry_text(clip), encoding="utf-8")
    except OSError as exc:
        target.unlink(missing_ok=True)
        said = Message(
            "clip_cannot_write", {"path": str(folder), "detail": exc.strerror or str(exc)}
        )
        raise ClipSaveError(said) from None
    try:
        library = load_clip_library(manifest)
        new_problems = [p for p in library.problems if p.line > base.count("\n")]
    except SourceFileError as exc:
        library, new_problems = ClipLibrary(folder), exc.problems
    if new_problems or clip.id not in library.clips:
        manifest.write_text(before, encoding="utf-8")
        target.unlink(missing_ok=True)
        raise ClipSaveError(Message("clip_does_not_validate"), new_problems)
    return library
