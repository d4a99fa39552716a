"""Exam packages and runs for tests: a small Dutch package over shipped exercises, a clock the
test moves, and an exam run begun or resumed in a folder."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from trainer.core.clips import load_shipped_library
from trainer.core.exam_package import ExamPackage, load_package, supervisor_code_hash
from trainer.core.exam_run import ExamRun
from trainer.core.loader import load_catalog
from trainer.paths import audio_dir, exercises_dir

COPY = "nl-copy-04-terugbelverzoek"
DICTATION = "nl-dictee-08-examen-klantgegevens"
CALL = "nl-gesprek-01-wachtwoord"
CODE = "4711"


def package_yaml(
    *,
    show_result: str = "result",
    copy_seconds: int = 60,
    dictation: bool = True,
    call: bool = False,
) -> str:
    """A two-part Dutch exam: a timed copy drill, then a dictation with one play a clip
    (``dictation=False``: the copy drill alone; ``call``: a call after them)."""
    second = (
        f"  - exercise: {DICTATION}\n    time_limit: 120\n    max_plays: 1\n" if dictation else ""
    )
    if call:
        second += f"  - exercise: {CALL}\n    time_limit: 240\n"
    return (
        "format: 1\n"
        "id: nl-proefexamen\n"
        "title: Proefexamen contactcentrum\n"
        "language: nl\n"
        "instructions: Typ wat je ziet en hoort. Elk onderdeel stopt vanzelf.\n"
        "seed: 20261201\n"
        f"show_result: {show_result}\n"
        f"supervisor_code: '{supervisor_code_hash('nl-proefexamen', CODE)}'\n"
        "parts:\n"
        f"  - exercise: {COPY}\n"
        f"    time_limit: {copy_seconds}\n"
        "    min_wpm: 10\n"
        f"{second}"
    )


def write_package(folder: Path, **kwargs: Any) -> Path:
    """The package written as ``folder/proef.exam.yaml``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "proef.exam.yaml"
    path.write_text(package_yaml(**kwargs), encoding="utf-8")
    return path


class Clock:
    """Seconds the test moves on by hand."""

    def __init__(self) -> None:
        self.at = 1000.0

    def __call__(self) -> float:
        return self.at


def parts_of(path: Path) -> tuple[ExamPackage, str, list[Any], dict[str, str]]:
    """The package, its digest, its parts' exercises as asked, and the clips' transcripts."""
    library = load_shipped_library(audio_dir())
    catalog = load_catalog([exercises_dir()], library.languages)
    package = load_package(path, catalog)
    exercises = []
    for index, part in enumerate(package.parts):
        entry = catalog.by_id(part.exercise)
        assert entry is not None
        exercises.append(package.exercise_for(index, entry.exercise))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return package, digest, exercises, library.transcripts


def begin(path: Path, folder: Path, candidate: str = "K-017", **kwargs: Any) -> ExamRun:
    package, digest, exercises, transcripts = parts_of(path)
    return ExamRun.begin(
        folder, package, digest, exercises, candidate, "An Peeters",
        transcripts=transcripts, **kwargs,
    )  # fmt: skip


def resume(path: Path, folder: Path, **kwargs: Any) -> ExamRun:
    package, digest, exercises, transcripts = parts_of(path)
    return ExamRun.resume(folder, package, digest, exercises, transcripts=transcripts, **kwargs)


def enrol_workstation(centre: Path, data_folder: Path, name: str = "PC 07") -> Path:
    """An exam centre's key made in ``centre``, this workstation enrolled in ``data_folder``
    (its ``exam/``); returns the centre's private key (to sign packages with)."""
    from trainer.seal.keys import enrol, make_centre, station_folder

    key, _ = make_centre(centre, "Examencentrum Gent")
    enrol(key, station_folder(data_folder), name)
    return key


def signed_package(folder: Path, centre_key: Path, **kwargs: Any) -> Path:
    """The test package written in ``folder`` and signed with the centre's key."""
    from trainer.seal.packages import sign_package

    path = write_package(folder, **kwargs)
    sign_package(path, centre_key)
    return path


class SilentStream:
    """Stands in for sounddevice.OutputStream in the exam screen's tests: it opens and plays
    nothing (no callback), so no test sends sound to the machine's device."""

    def __init__(self, *, callback: Any, samplerate: int, channels: int, **_kw: Any) -> None:
        self.samplerate, self.channels = samplerate, channels
        self.active = False
        self.latency = 0.05
        self.time = 0.0

    def start(self) -> None:
        self.active = True

    def stop(self) -> None:
        self.active = False

    def close(self) -> None:
        pass


def silent_engine(device: int | str | None) -> Any:
    """An AudioEngine on a ``SilentStream``."""
    from trainer.audio.engine import AudioEngine

    return AudioEngine(device, samplerate=8000, blocksize=400, stream_factory=SilentStream)
