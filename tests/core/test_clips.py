"""The clip manifest: every problem at its line, the good clips still usable."""

from __future__ import annotations

from pathlib import Path

from trainer.core.clips import load_clip_library
from trainer.core.messages import Message

MANIFEST = """\
format: 1
clips:
  - id: nl-naam-01
    language: nl
    file: nl/naam.flac
    transcript: "Met Sofie Vermeulen."
    tags: [name]
  - id: nl-naam-02
    language: de
    file: nl/twee.flac
    transcript: "  "
  - id: nl-naam-01
    language: nl
    file: nl/drie.mp3
    transcript: "Dubbel."
    tags: [naam]
"""


def test_each_problem_of_a_manifest_is_reported_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "nl").mkdir()
    (tmp_path / "nl" / "naam.flac").write_bytes(b"fLaC")
    manifest = tmp_path / "clips.yaml"
    manifest.write_text(MANIFEST, encoding="utf-8")
    library = load_clip_library(manifest)
    found = [(p.line, p.message.code, p.message.params.get("key")) for p in library.problems]
    assert (9, "should_be_one_of", "clips.1.language") in found  # unknown language
    assert (11, "text_empty", "clips.1.transcript") in found  # empty transcript
    assert (14, "clip_file_type", "clips.2.file") in found  # not an audio file type
    assert (16, "should_be_one_of", "clips.2.tags.0") in found  # unknown tag
    assert list(library.clips) == ["nl-naam-01"]


def test_a_missing_audio_file_is_named(tmp_path: Path) -> None:
    manifest = tmp_path / "clips.yaml"
    manifest.write_text(MANIFEST.split("  - id: nl-naam-02")[0], encoding="utf-8")
    [problem] = load_clip_library(manifest).problems
    assert problem.line == 5
    path = str(tmp_path / "nl" / "naam.flac")
    assert (problem.key, problem.message) == ("file", Message("audio_missing", {"path": path}))


def test_a_dictation_text_is_the_transcripts_line_by_line(tmp_path: Path) -> None:
    manifest = tmp_path / "clips.yaml"
    manifest.write_text(MANIFEST.split("  - id: nl-naam-02")[0], encoding="utf-8")
    from trainer.core.exercise import DictationExercise
    from trainer.core.scoring import reference_of

    library = load_clip_library(manifest, check_files=False)
    dictation = DictationExercise(
        format=1,
        id="nl-d",
        title="D",
        language="nl",
        kind="dictation",
        level=1,
        clips=["nl-naam-01", "nl-naam-01"],
    )
    text = reference_of(dictation, library.transcripts)
    assert text == "Met Sofie Vermeulen.\nMet Sofie Vermeulen."


def test_an_error_is_placed_in_the_clip_and_second_where_it_was_said() -> None:
    from trainer.core.clips import where_said

    transcripts = {"a": "Met Sofie.", "b": "Mijn nummer is 0471 23 45 67."}
    durations = {"a": 2.0, "b": 4.0}
    text = "Met Sofie.\nMijn nummer is 0471 23 45 67."
    assert where_said(["a", "b"], transcripts, durations, text.index("Sofie")) == ("a", 0.8)
    assert where_said(["a", "b"], transcripts, durations, text.index("0471")) == ("b", 2.07)
    assert where_said(["a", "b"], transcripts, durations, len(text)) == ("b", 4.0)


LOUDNESS_MANIFEST = """\
format: 1
clips:
  - id: nl-goed-01
    language: nl
    file: nl/goed.flac
    transcript: "Goed."
  - id: nl-zacht-01
    language: nl
    file: nl/zacht.flac
    transcript: "Zacht."
    generate: {voice: nl+f3, speed: 150, say: "Zacht."}
  - id: nl-stil-01
    language: nl
    file: nl/stil.flac
    transcript: "Stil."
  - id: nl-weg-01
    language: nl
    file: nl/weg.flac
    transcript: "Weg."
"""


def test_a_clip_off_the_library_loudness_is_warned_about_at_its_file_line(
    tmp_path: Path,
) -> None:
    from trainer.core.clips import loudness_warnings
    from trainer.core.dsp import TARGET_LUFS, TOLERANCE_LU

    (tmp_path / "nl").mkdir()
    for name in ("goed", "zacht", "stil"):
        (tmp_path / "nl" / f"{name}.flac").write_bytes(b"fLaC")
    manifest = tmp_path / "clips.yaml"
    manifest.write_text(LOUDNESS_MANIFEST, encoding="utf-8")
    library = load_clip_library(manifest)
    # one unit test with stand-in measurements; tests/e2e measures real files through validate
    measured = {"goed": TARGET_LUFS + 0.9, "zacht": TARGET_LUFS - 1.2, "stil": None}
    warnings = loudness_warnings(library, lambda path: measured[path.stem])
    assert [(w.file, w.line) for w in warnings] == [(manifest, 9), (manifest, 14)]
    wanted = {"target": TARGET_LUFS, "tolerance": TOLERANCE_LU}
    assert [w.message for w in warnings] == [
        # a demo clip is made again; a recorded one recorded again
        Message("loudness_off_made", {"clip": "nl-zacht-01", **wanted, "level": -24.2}),
        Message("loudness_unmeasured_recorded", {"clip": "nl-stil-01", **wanted}),
    ]
