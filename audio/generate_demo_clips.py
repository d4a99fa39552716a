"""Make the shipped demo clips again from their transcripts, with espeak-ng.

    .venv/bin/python audio/generate_demo_clips.py            # every clip with a `generate` part
    .venv/bin/python audio/generate_demo_clips.py nl-adres-01 # only these
    .venv/bin/python audio/generate_demo_clips.py --manifest other/clips.yaml

Reads audio/clips.yaml (or the manifest given). For each clip that has a `generate` part it
speaks `say` with the espeak-ng voice and speed given, trims the silence around it, fades the
ends, brings it to the library's loudness (-23 LUFS integrated, EBU R128, true peaks at most
-1 dBTP: see audio/README.md) and writes 16-bit FLAC at 22,050 Hz to the clip's `file`. The
same espeak-ng version gives the same files. Clips a coach recorded (no `generate` part) are
left alone. The words go to espeak-ng on its standard input, never among its arguments, so a
text that starts with a dash is spoken, not taken as an option.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import soundfile

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from trainer.core import dsp
from trainer.core.clips import MANIFEST_NAME, SourceFileError, load_clip_library

HERE = Path(__file__).resolve().parent
RATE = 22050


def speak(voice: str, speed: int, text: str, out: Path) -> None:
    """espeak-ng to a WAV file; raises with espeak's own message when it fails."""
    # --stdin: the text is data, whatever it starts with (on the command line "-w x" would be
    # an option); it reads to the end, so the same text gives the same file as an argument did
    done = subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(out), "--stdin"],
        input=text,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    if done.returncode != 0 or not out.exists() or out.stat().st_size < 1000:
        raise RuntimeError(f"espeak-ng failed for voice {voice}: {done.stderr.strip()}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Make the demo clips again with espeak-ng.")
    parser.add_argument("clips", nargs="*", metavar="CLIP", help="only these clip ids")
    parser.add_argument("--manifest", type=Path, default=HERE / MANIFEST_NAME, metavar="FILE")
    args = parser.parse_args(argv)
    only: list[str] = args.clips
    if shutil.which("espeak-ng") is None:
        print("espeak-ng is not installed (apt-get install espeak-ng)", file=sys.stderr)
        return 1
    try:
        library = load_clip_library(args.manifest, check_files=False)
    except SourceFileError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    if library.problems:
        for problem in library.problems:
            print(problem, file=sys.stderr)
        return 1
    todo = [c for c in library.clips.values() if c.generate and (not only or c.id in only)]
    unknown = set(only) - set(library.clips)
    if unknown:
        print(f"no such clips: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        for number, clip in enumerate(todo, start=1):
            assert clip.generate is not None
            wav = Path(tmp) / f"{clip.id}.wav"
            try:
                speak(clip.generate.voice, clip.generate.speed, clip.generate.say, wav)
            except (RuntimeError, subprocess.TimeoutExpired) as exc:
                print(f"{clip.id}: {exc}", file=sys.stderr)
                return 1
            signal, rate = soundfile.read(str(wav), dtype="float32")
            signal = dsp.resample(signal, rate, RATE)
            signal = dsp.trim_silence(signal, RATE, keep=0.15)
            signal = dsp.fade(signal, RATE, 0.01)
            before = dsp.true_peak_db(signal, RATE) - (dsp.loudness(signal, RATE) or 0.0)
            signal = dsp.normalise_loudness(signal, RATE)
            # what the ceiling took off the loudest peak: how far a single gain would overshoot
            limited = before - (dsp.true_peak_db(signal, RATE) - dsp.TARGET_LUFS)
            target = library.path_of(clip)
            target.parent.mkdir(parents=True, exist_ok=True)
            soundfile.write(str(target), signal, RATE, subtype="PCM_16", format="FLAC")
            seconds = len(signal) / RATE
            level = dsp.loudness(signal, RATE) or float("nan")
            print(
                f"[{number}/{len(todo)}] {target.relative_to(library.folder)}  {seconds:4.1f} s  "
                f"{level:.1f} LUFS  peak {dsp.true_peak_db(signal, RATE):.1f} dBTP"
                + (f"  (peaks limited by {limited:.1f} dB)" if limited > 0.05 else "")
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
