"""Bad input of every kind, given to the real ``simultaan`` command: each case ends at once with
the exit code design.md fixes (1 bad input, 2 bad option) and a message naming the file, line
or option; never a traceback, a hang or gigabytes of memory.

Each row of the matrix is (what, the command built from files the test makes, exit code,
fragments the output must hold, time limit). The time limit is a generous guard against a
hang, not a measurement (timings belong in the benchmarks); memory is capped for the process,
so reading /dev/zero into memory would fail the row rather than the machine.
"""

from __future__ import annotations

import os
import resource
import shutil
import struct
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.core.test_bounded_input import GOOD

# nine lists of nine aliases of the list before: 9**9 (387 million) strings once expanded
ALIAS_BOMB = "format: 1\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)

MANIFEST = """\
format: 1
clips:
  - id: nl-klant-01
    language: nl
    file: {file}
    transcript: "Goeiedag, met Els."
"""

MEMORY_CAP = 3 * 1024**3  # bytes of address space: far more than any case needs
GUARD_SECONDS = 10.0  # a generous guard against a hang; no case needs more than a second or two
MIB = 1024 * 1024


# --- making bad files -----------------------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def fifo(path: Path) -> Path:
    """A named pipe: opening it for reading blocks until someone writes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


def sparse(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no room on disk (as `truncate -s` makes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as file:
        file.truncate(size)
    return path


def wav(
    path: Path, *, rate: int = 8000, channels: int = 1, frames: int = 800, held: int | None = None
) -> Path:
    """A 16-bit PCM WAV written by hand, so its header can say what no library would write;
    ``held``: bytes of audio really in the file (fewer than the header promises: cut short)."""
    block = max(channels, 1) * 2
    promised = frames * block
    audio = bytes(promised if held is None else held)
    fmt = struct.pack("<HHIIHH", 1, channels, rate, (rate * block) & 0xFFFFFFFF, block, 16)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
    body += b"data" + struct.pack("<I", promised) + audio
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


def cut_flac(path: Path) -> Path:
    """Five seconds of FLAC with its second half cut off (a copy that stopped half-way)."""
    import numpy as np
    import soundfile

    path.parent.mkdir(parents=True, exist_ok=True)
    whole = path.with_suffix(".whole.flac")
    noise = np.random.default_rng(5).standard_normal(5 * 22050).astype(np.float32) * 0.1
    soundfile.write(str(whole), noise, 22050, format="FLAC")
    data = whole.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def manifest_with(tmp: Path, make: Callable[[Path], Path]) -> Path:
    """A clip library of one clip whose audio file ``make`` makes."""
    make(tmp / "audio" / "nl" / "klant.wav")
    return write(tmp / "audio" / "clips.yaml", MANIFEST.format(file="nl/klant.wav"))


def exercise(tmp: Path, name: str, text: str) -> Path:
    return write(tmp / name, text)


def folder_with_a_fifo(tmp: Path) -> Path:
    """A folder of exercises: a good one, and a FIFO named like one."""
    exercise(tmp / "lib", "nl-copy-goed.yaml", GOOD)
    return fifo(tmp / "lib" / "pijp.yaml").parent


# --- the matrix -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One bad input: the arguments (built in the test's folder), the exit code, fragments of
    the output (``{tmp}`` is the test's folder) and a time limit."""

    args: Callable[[Path], list[str | Path]]
    code: int
    says: tuple[str, ...]
    limit: float = GUARD_SECONDS


def score(reference: str | Path, stream: str | Path, *more: str) -> list[str | Path]:
    return ["score", "--reference", reference, "--input-stream", stream, *more]


def text(tmp: Path) -> Path:
    return write(tmp / "text.txt", "de snelle bruine vos")


def bad_clip(command: str, **header: int) -> Callable[[Path], list[str | Path]]:
    """``command`` on a library whose one clip is a WAV with this header."""

    def args(tmp: Path) -> list[str | Path]:
        manifest = manifest_with(tmp, lambda p: wav(p, **header))
        if command == "validate":
            return ["validate", manifest.parent]
        if command == "play":
            return ["play", "nl-klant-01", "--manifest", manifest]
        return ["clips", "--manifest", manifest]

    return args


CLIP = "{tmp}/audio/clips.yaml:5: file: {tmp}/audio/nl/klant.wav: "
NOT_REGULAR = "not a regular file (a pipe, socket or device)"

MATRIX: dict[str, Case] = {
    # special files and folders where a text is expected
    "score: /dev/zero as reference": Case(
        lambda t: score("/dev/zero", text(t)), 1, (f"/dev/zero: {NOT_REGULAR}",)
    ),
    "score: /dev/urandom as input stream": Case(
        lambda t: score(text(t), "/dev/urandom"), 1, (f"/dev/urandom: {NOT_REGULAR}",)
    ),
    "score: a FIFO as reference": Case(
        lambda t: score(fifo(t / "ref.txt"), text(t)), 1, (f"{{tmp}}/ref.txt: {NOT_REGULAR}",)
    ),
    "score: a folder as input stream": Case(
        lambda t: score(text(t), t), 1, ("{tmp}: is a folder, not a file",)
    ),
    "score: a 9 MiB reference": Case(
        lambda t: score(sparse(t / "big.txt", 9 * MIB), text(t)),
        1,
        ("{tmp}/big.txt: the file is too large (9 MiB; at most 8 MiB)",),
    ),
    "score: a text longer than can be scored": Case(
        lambda t: score(write(t / "lang.txt", "klant " * 200_000), text(t)),
        1,
        ("{tmp}/lang.txt: 1,199,999 characters is more than can be scored (at most 1,000,000)",),
    ),
    "validate: /dev/zero": Case(
        lambda t: ["validate", "/dev/zero"], 1, (f"/dev/zero:1: {NOT_REGULAR}",)
    ),
    "validate: /dev/urandom": Case(
        lambda t: ["validate", "/dev/urandom"], 1, (f"/dev/urandom:1: {NOT_REGULAR}",)
    ),
    "validate: a FIFO named": Case(
        lambda t: ["validate", fifo(t / "oef.yaml")], 1, (f"{{tmp}}/oef.yaml:1: {NOT_REGULAR}",)
    ),
    "validate: a FIFO in a folder is broken, the rest valid": Case(
        lambda t: ["validate", folder_with_a_fifo(t)],
        1,
        (f"{{tmp}}/lib/pijp.yaml:1: {NOT_REGULAR}", "1 of 2 files have problems"),
    ),
    "validate: a 2 MiB exercise": Case(
        lambda t: ["validate", sparse(t / "groot.yaml", 2 * MIB)],
        1,
        ("{tmp}/groot.yaml:1: the file is too large (2 MiB; at most 1 MiB)",),
    ),
    "validate: an alias bomb": Case(
        lambda t: ["validate", exercise(t, "bom.yaml", ALIAS_BOMB)],
        1,
        ("{tmp}/bom.yaml:", "more than 100,000 values", "alias"),
    ),
    "validate: a 5,000-digit level": Case(
        lambda t: [
            "validate",
            exercise(t, "niveau.yaml", GOOD.replace("level: 2", "level: " + "9" * 5000)),
        ],
        1,
        ("{tmp}/niveau.yaml:6: level: a number with 5,000 digits (at most 30)",),
    ),
    "validate: the 13th month": Case(
        lambda t: ["validate", exercise(t, "datum.yaml", GOOD + "instructions: 2024-13-01\n")],
        1,
        ("{tmp}/datum.yaml:9: instructions: '2024-13-01' cannot be read as a date",),
    ),
    # the exercise given to replay
    "replay: a FIFO as exercise": Case(
        lambda t: ["replay", fifo(t / "oef.yaml"), t / "sessie.jsonl"],
        1,
        (f"{{tmp}}/oef.yaml:1: {NOT_REGULAR}",),
    ),
    "replay: /dev/urandom as exercise": Case(
        lambda t: ["replay", "/dev/urandom", t / "sessie.jsonl"],
        1,
        (f"/dev/urandom:1: {NOT_REGULAR}",),
    ),
    "replay: /dev/zero as exercise": Case(
        lambda t: ["replay", "/dev/zero", t / "sessie.jsonl"], 1, (f"/dev/zero:1: {NOT_REGULAR}",)
    ),
    # clip files
    "validate: a FIFO as clip file": Case(
        lambda t: ["validate", manifest_with(t, fifo).parent], 1, (CLIP + NOT_REGULAR,)
    ),
    "clips: a FIFO as clip file": Case(
        lambda t: ["clips", "--manifest", manifest_with(t, fifo)], 0, (CLIP + NOT_REGULAR, "  ?  ")
    ),
    "validate: a 129 MiB clip": Case(
        lambda t: ["validate", manifest_with(t, lambda p: sparse(p, 129 * MIB)).parent],
        1,
        (CLIP + "the audio file is too large (129 MiB; at most 128 MiB)",),
    ),
    "validate: a 1 Hz clip": Case(
        bad_clip("validate", rate=1),
        1,
        (CLIP + "sample rate 1 Hz: a clip must be 8,000-192,000 Hz",),
    ),
    "validate: a 2 GHz clip": Case(
        bad_clip("validate", rate=2_000_000_000), 1, (CLIP + "sample rate 2,000,000,000 Hz",)
    ),
    "validate: a 0 Hz clip": Case(bad_clip("validate", rate=0), 1, (CLIP + "sample rate 0 Hz",)),
    "validate: a 0-channel clip": Case(
        bad_clip("validate", channels=0), 1, (CLIP + "0 channels: a clip must be mono or stereo",)
    ),
    "validate: a 3-channel clip": Case(bad_clip("validate", channels=3), 1, (CLIP + "3 channels",)),
    "validate: a clip cut short": Case(
        bad_clip("validate", frames=40_000, held=1000),
        1,
        (
            CLIP
            + "the file is cut short: its header promises 80,000 bytes of audio, it holds 1,000",
        ),
    ),
    "validate: a FLAC cut in half": Case(
        lambda t: ["validate", manifest_with(t, cut_flac).parent],
        1,
        (CLIP + "the file is cut short or damaged: it does not decode to the end",),
    ),
    "validate: a clip of no frames": Case(
        bad_clip("validate", frames=0), 1, (CLIP + "the file holds no sound (0 frames)",)
    ),
    "validate: an 11-minute clip": Case(
        bad_clip("validate", frames=8000 * 660), 1, (CLIP + "660 s long: a clip is at most 600 s",)
    ),
    "clips: a 2 GHz clip": Case(
        bad_clip("clips", rate=2_000_000_000), 0, (CLIP + "sample rate 2,000,000,000 Hz", "  ?  ")
    ),
    "clips: a clip cut short": Case(
        bad_clip("clips", frames=40_000, held=1000), 0, (CLIP + "the file is cut short",)
    ),
    "play: a 1 Hz clip": Case(
        bad_clip("play", rate=1), 1, ("{tmp}/audio/nl/klant.wav: sample rate 1 Hz",)
    ),
    "play: a 2 GHz clip": Case(
        bad_clip("play", rate=2_000_000_000),
        1,
        ("{tmp}/audio/nl/klant.wav: sample rate 2,000,000,000 Hz",),
    ),
    "play: a 0-channel clip": Case(
        bad_clip("play", channels=0), 1, ("{tmp}/audio/nl/klant.wav: 0 channels",)
    ),
    # numeric options
    "audio-check --seconds 1e7": Case(
        lambda t: ["audio-check", "--seconds", "1e7"],
        2,
        ("argument --seconds: must be a number of seconds more than 0 and at most 60: 1e7",),
    ),
    "score --seconds 1e308": Case(
        lambda t: score(text(t), text(t), "--seconds", "1e308"),
        2,
        ("argument --seconds: must be a number of seconds more than 0 and at most 86400",),
    ),
    "score --seconds inf": Case(
        lambda t: score(text(t), text(t), "--seconds", "inf"), 2, ("argument --seconds:",)
    ),
    "score --seconds nan": Case(
        lambda t: score(text(t), text(t), "--seconds", "nan"), 2, ("argument --seconds:",)
    ),
    "score --min-wpm 1e9": Case(
        lambda t: score(text(t), text(t), "--seconds", "60", "--min-wpm", "1e9"),
        2,
        ("argument --min-wpm: must be a number more than 0 and at most 200",),
    ),
    "score --margin 1e308": Case(
        lambda t: score(text(t), text(t), "--margin", "1e308"), 2, ("argument --margin:",)
    ),
}


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_capped(args: list[str | Path], cwd: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    """``python -m trainer ARGS`` with capped memory; the result and the seconds it took."""
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "trainer", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,  # a hang fails the row instead of blocking the suite
        preexec_fn=_cap_memory,
    )
    return done, time.monotonic() - start


@pytest.mark.parametrize("what", list(MATRIX))
def test_bad_input_ends_at_once_with_a_message_naming_it(what: str, tmp_path: Path) -> None:
    case = MATRIX[what]
    done, seconds = run_capped(case.args(tmp_path), tmp_path)
    output = done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == case.code, output
    for fragment in case.says:
        assert fragment.format(tmp=tmp_path) in output, output
    assert seconds < case.limit, f"{what} took {seconds:.1f} s"


GENERATED = """\
format: 1
clips:
  - id: nl-streep-01
    language: nl
    file: nl/streep-01.flac
    transcript: "-w {injected} hallo"
    generate: {{voice: nl, speed: 160, say: "-w {injected} hallo"}}
  - id: nl-streep-02
    language: nl
    file: nl/streep-02.flac
    transcript: "--version"
    generate: {{voice: nl, speed: 160, say: "--version"}}
"""


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_a_say_text_starting_with_a_dash_is_spoken_not_taken_as_options(tmp_path: Path) -> None:
    import soundfile

    injected = tmp_path / "ingespoten.wav"
    manifest = write(tmp_path / "audio" / "clips.yaml", GENERATED.format(injected=injected))
    script = REPO / "audio" / "generate_demo_clips.py"
    done = subprocess.run(
        [sys.executable, str(script), "--manifest", str(manifest)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "[2/2] nl/streep-02.flac" in done.stdout
    # as an option, "-w FILE" would have written the speech to FILE instead of the clip
    assert not injected.exists()
    for name in ("streep-01", "streep-02"):
        # spoken, the words last more than half a second; as options they would make no clip at all
        info = soundfile.info(str(tmp_path / "audio" / "nl" / f"{name}.flac"))
        assert info.duration > 0.5, (name, info.duration)
