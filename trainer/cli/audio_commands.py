"""The sound sub-commands: ``devices``, ``audio-check``, ``clips`` and ``play``."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from trainer.cli import UserError, print_json
from trainer.cli import language as cli
from trainer.cli.commands import said_problem
from trainer.core.messages import Message


def _library(manifest: str | None, check_audio: Callable[[Path], Message | None] | None = None):  # type: ignore[no-untyped-def]
    """The clip library of ``--manifest``, or the shipped one."""
    from trainer.core.clips import MANIFEST_NAME, load_clip_library
    from trainer.core.yaml_source import SourceFileError
    from trainer.paths import audio_dir

    path = Path(manifest) if manifest else audio_dir() / MANIFEST_NAME
    try:
        return load_clip_library(path, check_audio=check_audio)
    except SourceFileError as exc:
        raise UserError(said_problem(exc.problems[0])) from None


def devices(args: argparse.Namespace) -> int:
    """``simultaan devices``: index, name, channels in/out, which are the defaults."""
    from trainer.audio.devices import list_devices
    from trainer.audio.engine import AudioDeviceError

    try:
        found = list_devices()
    except AudioDeviceError as exc:
        raise UserError(cli.said(exc)) from None
    if args.json:
        print_json([d.__dict__ for d in found])
        return 0
    if not found:
        print(cli.tr("no sound devices found"), file=sys.stderr)
    for d in found:
        marks = " ".join(
            m
            for m, on in (("default-out", d.default_output), ("default-in", d.default_input))
            if on
        )
        print(f"{d.index:>3}  {d.name:<40} in {d.inputs:>2}  out {d.outputs:>2}  {marks}")
    return 0


def _play_to_end(frames, device: str | None, rate: int | None = None) -> tuple[str, float]:  # type: ignore[no-untyped-def]
    """Play frames on the device through the engine; returns its name and reported latency."""
    from trainer.audio.devices import find_output
    from trainer.audio.engine import AudioDeviceError, AudioEngine, Voice, wait_until

    try:
        engine = AudioEngine(find_output(device), samplerate=rate)
        engine.start()
    except AudioDeviceError as exc:
        raise UserError(cli.said(exc)) from None
    try:
        voice = engine.add(Voice("sound", frames(engine.samplerate)))
        engine.play(voice)
        seconds = voice.duration_frames / engine.samplerate
        wait_until(lambda: voice.ended_frame >= 0 or not engine.poll().running, seconds + 5)
        time.sleep(engine.latency + 0.05)  # the last block is still on its way to the headset
        status = engine.poll()
        if not status.running:
            raise UserError(status.error)
        return engine.describe_device(), engine.latency
    finally:
        engine.stop()


def audio_check(args: argparse.Namespace) -> int:
    """``simultaan audio-check``: a 1 kHz tone on the chosen device."""
    from trainer.audio.sounds import sine

    name, latency = _play_to_end(lambda rate: sine(1000.0, args.seconds, rate), args.device)
    print(
        cli.tr("played a 1 kHz tone for {seconds} s on {device}").format(
            seconds=cli.number_g(args.seconds), device=name
        )
    )
    print(
        cli.tr("output latency reported by the stream: {ms} ms").format(
            ms=cli.number(latency * 1000, 1)
        )
    )
    return 0


def clips(args: argparse.Namespace) -> int:
    """``simultaan clips``: the clip library with durations; a clip whose file is missing or
    no usable audio has its problem on stderr (``FILE:LINE: ...``) and no duration."""
    from trainer.audio.sounds import AudioFileError, check_audio

    durations: dict[Path, float] = {}

    def measure(path: Path) -> Message | None:
        try:
            durations[path] = check_audio(path).seconds
        except AudioFileError as exc:
            return exc.message  # (worded with the manifest's other problems)
        return None

    library = _library(args.manifest, measure)
    rows = []
    for clip in library.clips.values():
        path = library.path_of(clip)
        seconds = durations.get(path)
        duration = round(seconds, 2) if seconds is not None else None
        rows.append(
            {
                "id": clip.id,
                "language": clip.language,
                "duration": duration,
                "file": str(path),
                "transcript": clip.transcript,
                "tags": clip.tags,
            }
        )
    if args.json:
        print_json(rows)
    else:
        for r in rows:
            length = f"{r['duration']:5.1f}s" if r["duration"] is not None else "  ?  "
            print(f"{r['id']:<28} {r['language']}  {length}  {r['transcript']}")
    for problem in library.problems:
        print(said_problem(problem), file=sys.stderr)
    return 0


def play(args: argparse.Namespace) -> int:
    """``simultaan play CLIP``: one clip through the engine the drills use."""
    from trainer.audio.sounds import AudioFileError, clip_frames, read_audio

    library = _library(args.manifest)
    clip = library.clips.get(args.clip)
    if clip is None:
        raise UserError(
            cli.tr("no clip '{clip}' in {manifest}").format(
                clip=args.clip, manifest=library.manifest
            )
        )
    path = library.path_of(clip)
    try:
        read_audio(path)  # a bad file fails before the device opens
    except AudioFileError as exc:
        raise UserError(cli.said(exc)) from None
    name, _ = _play_to_end(
        lambda rate: clip_frames(path, rate, telephone=args.telephone), args.device
    )
    print(
        cli.tr("played {clip} on {device}: {transcript}").format(
            clip=clip.id, device=name, transcript=clip.transcript
        )
    )
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The sound sub-commands' arguments."""
    from trainer.cli import MAX_TONE_SECONDS, seconds_at_most

    devices_p = sub.add_parser("devices", help=cli.tr("list the sound devices"))
    devices_p.add_argument("--json", action="store_true")
    check = sub.add_parser("audio-check", help=cli.tr("play a 1 kHz test tone"))
    check.add_argument(
        "--device", metavar="NAME", help=cli.tr("output device name (or part) or index")
    )
    check.add_argument(
        "--seconds",
        type=seconds_at_most(MAX_TONE_SECONDS),
        default=1.0,
        metavar="S",
        help=cli.tr("how long the tone plays (at most {limit})").format(
            limit=f"{MAX_TONE_SECONDS:g}"
        ),
    )
    manifest_help = cli.tr("a clip manifest (clips.yaml) other than the shipped library")
    clips_p = sub.add_parser("clips", help=cli.tr("the customer clip library"))
    clips_p.add_argument("--json", action="store_true")
    clips_p.add_argument("--manifest", metavar="FILE", help=manifest_help)
    play_p = sub.add_parser("play", help=cli.tr("play one customer clip"))
    play_p.add_argument("clip", metavar="CLIP", help=cli.tr("clip id (see `simultaan clips`)"))
    play_p.add_argument("--manifest", metavar="FILE", help=manifest_help)
    play_p.add_argument("--device", metavar="NAME")
    play_p.add_argument(
        "--telephone", action="store_true", help=cli.tr("as heard over a phone line")
    )


HANDLERS = {"devices": devices, "audio-check": audio_check, "clips": clips, "play": play}
