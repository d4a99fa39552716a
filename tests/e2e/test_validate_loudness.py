"""``simultaan validate`` measures every clip of a library and warns, at the clip's line in the
manifest, about one that would play louder or softer than the rest; a warning alone does not
fail validation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import soundfile

from trainer.core import dsp

RATE = 22050

MANIFEST = """\
# a coach's clips
format: 1
clips:
  - id: nl-goed-01
    language: nl
    file: nl/goed.flac
    transcript: "Goeiedag."
  - id: nl-zacht-01
    language: nl
    file: nl/zacht.flac
    transcript: "Goeiedag, met Els."
"""


def speech_like(seconds: float = 3.0, seed: int = 3) -> np.ndarray:
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    envelope = np.abs(np.sin(np.linspace(0, 9 * np.pi, n)))
    return (0.1 * dsp.telephone(rng.standard_normal(n), RATE) * envelope).astype(np.float32)


def validate(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "trainer", "validate", *map(str, paths)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def library_with_a_soft_clip(folder: Path) -> tuple[Path, np.ndarray]:
    """A library in ``folder``: one clip at the shipped loudness, one 3 dB softer (outside the
    1 LU a trainee would hear as "the same"); its manifest and the levelled clip."""
    (folder / "nl").mkdir(parents=True)
    manifest = folder / "clips.yaml"
    manifest.write_text(MANIFEST, encoding="utf-8")
    levelled = dsp.normalise_loudness(speech_like(), RATE)
    soundfile.write(str(folder / "nl" / "goed.flac"), levelled, RATE, subtype="PCM_16")
    soft = levelled * np.float32(10 ** (-3 / 20))
    soundfile.write(str(folder / "nl" / "zacht.flac"), soft, RATE, subtype="PCM_16")
    return manifest, levelled


def test_a_clip_softer_than_the_rest_is_a_warning_at_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "audio"
    manifest, levelled = library_with_a_soft_clip(folder)

    result = validate(folder)
    assert result.returncode == 0, result.stdout + result.stderr
    [line] = result.stdout.splitlines()
    assert line.startswith(f"{manifest}:10: warning: ")  # the line of the soft clip's file:
    assert "nl-zacht-01" in line and "is at -26 LUFS" in line and "-23 LUFS" in line
    assert "1 warning" in result.stderr

    soundfile.write(str(folder / "nl" / "zacht.flac"), levelled, RATE, subtype="PCM_16")
    again = validate(folder)
    assert again.returncode == 0 and again.stdout == "", again.stdout


def test_the_shipped_clips_have_no_loudness_warning() -> None:
    from trainer.paths import audio_dir

    result = validate(audio_dir())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning" not in result.stdout + result.stderr
