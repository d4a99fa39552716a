"""The sub-commands of ``simultaan``; each takes the parsed arguments and returns an exit code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.cli import UsageError, UserError, print_json, read_text
from trainer.core.call_scoring import CallResult
from trainer.core.exercise import ExerciseBase
from trainer.core.loader import ExerciseFileError, load_catalog, load_exercise
from trainer.paths import audio_dir, exercises_dir

if TYPE_CHECKING:
    from trainer.core.session_facts import SessionFacts
    from trainer.core.typing_metrics import TypingResult


def score(args: argparse.Namespace) -> int:
    """``simultaan score``: one typing attempt, scored by the 3% rule."""
    reference = read_text(args.reference, "reference")
    stream = read_text(args.input_stream, "input-stream")
    if not reference.strip():  # nothing to type: any typing would "pass" 0 of 0 words
        raise UserError(f"{args.reference}: the reference file is empty")
    if args.min_wpm is not None and args.seconds is None:
        raise UsageError("--min-wpm needs --seconds: a speed needs the time it took")
    from trainer.core.typing_metrics import MAX_CHARACTERS, TextTooLong

    try:
        result = _score(args, reference, stream)
    except TextTooLong as exc:
        which = args.reference if len(reference) >= exc.length else args.input_stream
        raise UserError(
            f"{which}: {exc.length:,} characters is more than can be scored "
            f"(at most {MAX_CHARACTERS:,})"
        ) from None
    if args.json:
        print_json(result.to_json_dict())
        return 0
    _print_typing(result, result.passed)
    return 0


def _score(args: argparse.Namespace, reference: str, stream: str) -> TypingResult:
    """The ``score_typing`` call of ``simultaan score`` with its options."""
    from trainer.core.typing_metrics import score_typing

    return score_typing(
        reference,
        stream,
        seconds=args.seconds,
        unit=args.unit,
        margin=args.margin,
        partial=args.partial,
        ignore=args.ignore,
        min_wpm=args.min_wpm,
    )


def _print_typing(result: TypingResult, passed: bool) -> None:
    """A typing result for a person: the verdict, what decided it, what was not marked."""
    verdict = "PASSED" if passed else "NOT PASSED"
    print(
        f"{verdict}: error rate {result.error_rate:.2%} ({result.unit}) against a margin of "
        f"{float(result.margin):.2%}" + ("" if result.within_margin else " (too many errors)")
    )
    if result.min_wpm is not None:
        net = "-" if result.net_wpm is None else f"{result.net_wpm:.1f}"
        slow = "" if result.fast_enough else " (too slow)"
        print(f"net speed {net} WPM against a minimum of {result.min_wpm:g}{slow}")
    if result.ignored:
        print(f"not marked: {', '.join(result.ignored)}")
    print(
        f"word errors {result.word_errors}/{result.reference_words}, "
        f"uncorrected char errors {result.incorrect_not_fixed}, "
        f"corrected {result.incorrect_fixed} with {result.fixes} fixes"
    )
    if result.wpm is not None:
        print(f"{result.wpm:.1f} WPM, {result.chars_per_minute:.0f} characters per minute")


def validate(args: argparse.Namespace) -> int:
    """``simultaan validate``: exercise files and clip manifests, ``FILE:LINE: message`` per
    problem; exit 1 when any. Every clip's audio is checked (rate, channels, length, whole);
    a clip whose loudness is off gets a ``FILE:LINE: warning: ...`` line but does not fail
    validation: it still plays, only louder or softer than the rest."""
    from trainer.audio.sounds import AudioFileError, check_audio, read_audio
    from trainer.core import dsp
    from trainer.core.clips import (
        MANIFEST_NAME,
        load_clip_library,
        load_shipped_library,
        loudness_warnings,
    )
    from trainer.core.loader import yaml_files
    from trainer.core.yaml_source import Problem, SourceFileError

    def measure(path: Path) -> float | None:
        try:
            return dsp.loudness(*read_audio(path))
        except AudioFileError:
            return None

    def audio_problem(path: Path) -> str | None:
        try:
            check_audio(path)
        except AudioFileError as exc:
            return str(exc)
        return None

    paths = [Path(p) for p in args.paths]
    for path in paths:
        if not path.exists():
            raise UserError(f"{path}: no such file or folder")
    manifests = [p for p in yaml_files(paths) if p.name == MANIFEST_NAME]
    problems: list[Problem] = []
    warnings: list[Problem] = []
    broken_manifests = 0
    clip_languages: dict[str, str] = {}
    for manifest in manifests:
        try:
            library = load_clip_library(manifest, check_audio=audio_problem)
            found, clip_languages = library.problems, clip_languages | library.languages
            warnings += loudness_warnings(library, measure)
        except SourceFileError as exc:
            found = exc.problems
        problems += found
        broken_manifests += bool(found)
    if not manifests:  # dictations refer to the shipped clips
        clip_languages = load_shipped_library(audio_dir()).languages
    catalog = load_catalog(paths, clip_languages)
    problems = catalog.problems + problems
    for problem in problems + warnings:
        print(problem)
    checked = len(catalog.entries) + len(catalog.broken) + len(manifests)
    if checked == 0:
        raise UserError(f"no exercise files (*.yaml) found in {', '.join(args.paths)}")
    broken = len(catalog.broken) + broken_manifests
    if broken:
        print(f"{broken} of {checked} files have problems", file=sys.stderr)
        return 1
    count = len(warnings)
    also = f", {count} warning{'' if count == 1 else 's'}" if count else ""
    print(f"{checked} files are valid{also}", file=sys.stderr)
    return 0


def list_exercises(args: argparse.Namespace) -> int:
    """``simultaan list``: the shipped exercises, with id, kind, language, level, title."""
    from trainer.core.clips import load_shipped_library

    catalog = load_catalog([exercises_dir()], load_shipped_library(audio_dir()).languages)
    rows = [
        {
            "id": e.exercise.id,
            "kind": e.exercise.kind,
            "language": e.exercise.language,
            "level": e.exercise.level,
            "title": e.exercise.title,
            "file": str(e.path),
        }
        for e in sorted(
            catalog.entries,
            key=lambda e: (e.exercise.language, e.exercise.kind, e.exercise.level, e.exercise.id),
        )
    ]
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(
                f"{row['id']:<40} {row['kind']:<9} {row['language']:<3} {row['level']}  "
                f"{row['title']}"
            )
    if catalog.broken:
        print(
            f"{len(catalog.broken)} broken exercise files were skipped; "
            f"see `simultaan validate {exercises_dir()}`",
            file=sys.stderr,
        )
    return 0


def _exercise(ref: str) -> ExerciseBase:
    """An exercise given as a file path or as the id of a shipped exercise."""
    path = Path(ref)
    if path.suffix in (".yaml", ".yml") or path.exists():
        try:
            return load_exercise(path)[0]
        except ExerciseFileError as exc:
            raise UserError(str(exc.problems[0]) if exc.problems else str(exc)) from None
    entry = load_catalog([exercises_dir()]).by_id(ref)
    if entry is None:
        raise UserError(f"{ref}: no exercise file and no shipped exercise with that id")
    return entry.exercise


def _print_call(result: CallResult) -> None:
    """A call's result for a person: verdict, times, fields and the competences."""
    print(f"{result.trainee}, {result.exercise_id}, {result.started_at} ({result.ended})")
    print("PASSED" if result.passed else "NOT PASSED")
    if result.incomplete is not None:
        why = {"not_answered": "the call was not answered", "not_completed": "not completed"}
        print(f"not assessed: {why.get(result.incomplete, result.incomplete)}")
    look = result.look_up
    if look.found:
        whose = "the caller's file" if look.callers_file else f"another file ({look.record})"
        by = f" by {look.by.replace('_', ' ')}" if look.by else ""
        print(f"looked up '{look.typed}'{by}: {whose}")
    else:
        print("the caller was not looked up" if not look.attempts else "look-up found nothing")
    if result.answered_after is not None:
        print(f"answered after {result.answered_after:.1f} s (target {result.answer_within:g} s)")
    if result.handling_time is not None:
        print(f"handling time {result.handling_time:.0f} s (target {result.handling_target:g} s)")
    for f in result.fields:
        since = f", {f.seconds_after_said:.1f} s after it was said" if f.seconds_after_said else ""
        where = f" (belongs in {f.belongs_in})" if f.belongs_in else ""
        print(f"  field {f.id}: {f.verdict}{where}{since}")
    # the reasons in the words of the results screen (QtCore's translation, no widgets)
    from trainer.ui.words import reason as reason_text

    for c in result.competences:
        state = "shown" if c.shown else "not assessed" if not c.assessed else "NOT shown"
        print(f"  {c.code}: {state}")
        if c.assessed and not c.shown:
            for reason in c.reasons:
                print(f"      {reason_text(reason)}")
    if not result.completed:
        print(f"the session was {result.ended.replace('_', ' ')}: not completed, so not passed")
    _print_damage(result)
    if result.exercise_changed:
        print("note: the exercise changed since this session was recorded", file=sys.stderr)


def _print_damage(result: SessionFacts) -> None:
    """A note that the journal was damaged: the session was scored without those lines."""
    lines = [d.line for d in result.damaged_lines]
    if lines:
        which = ", ".join(str(n) for n in lines)
        print(
            f"note: the journal was damaged: line{'s' if len(lines) > 1 else ''} {which} "
            "skipped, the rest scored"
        )


def replay(args: argparse.Namespace) -> int:
    """``simultaan replay``: re-score a recorded session from its journal. A damaged line is
    named on stderr (``JOURNAL:LINE: skipped: why``) and the rest is scored (exit 0); only a
    journal without a valid header cannot be scored (exit 1)."""
    from trainer.core.journal import JournalError, read_journal
    from trainer.core.scoring import score as score_session

    exercise = _exercise(args.exercise)
    try:
        journal = read_journal(Path(args.journal))
    except JournalError as exc:
        raise UserError(str(exc)) from None
    if journal.header.exercise_id != exercise.id:
        raise UserError(
            f"{args.journal}: this journal is of exercise '{journal.header.exercise_id}', "
            f"not '{exercise.id}'"
        )
    for damage in journal.damage:
        print(f"{args.journal}:{damage.line}: skipped: {damage.detail}", file=sys.stderr)
    from trainer.core.clips import load_shipped_library

    transcripts = load_shipped_library(audio_dir()).transcripts
    result = score_session(exercise, journal, margin=args.margin, transcripts=transcripts)
    if args.json:
        print_json(result.model_dump(mode="json"))
        return 0
    if isinstance(result, CallResult):
        _print_call(result)
        return 0
    print(f"{result.trainee}, {result.exercise_id}, {result.started_at} ({result.ended})")
    _print_typing(result.typing, result.passed)
    if not result.completed:
        print(
            f"the session was {result.ended.replace('_', ' ')}: not completed, so not passed; "
            "the part typed was scored"
        )
    _print_damage(result)
    if result.exercise_changed:
        print("note: the exercise changed since this session was recorded", file=sys.stderr)
    return 0
