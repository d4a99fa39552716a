"""The sub-commands of ``simultaan``; each takes the parsed arguments and returns an exit code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.cli import UsageError, UserError, print_json, read_text
from trainer.cli import language as cli
from trainer.paths import audio_dir, exercises_dir

# the exercise models and the scorers load in the commands that use them: every command
# imports this module, and they were about 160 ms of `simultaan score`'s start
if TYPE_CHECKING:
    from trainer.core.call_scoring import CallResult
    from trainer.core.chat_scoring import ChatResult
    from trainer.core.exercise import ExerciseBase
    from trainer.core.messages import Message
    from trainer.core.queue_scoring import QueueResult
    from trainer.core.session_facts import SessionFacts
    from trainer.core.typing_metrics import TypingResult
    from trainer.core.yaml_source import Problem


def score(args: argparse.Namespace) -> int:
    """``simultaan score``: one typing attempt, scored by the 3% rule."""
    reference = read_text(args.reference, "reference")
    stream = read_text(args.input_stream, "input-stream")
    if not reference.strip():  # nothing to type: any typing would "pass" 0 of 0 words
        raise UserError(cli.tr("{file}: the reference file is empty").format(file=args.reference))
    if args.min_wpm is not None and args.seconds is None:
        raise UsageError(cli.tr("--min-wpm needs --seconds: a speed needs the time it took"))
    from trainer.core.typing_metrics import MAX_CHARACTERS, TextTooLong

    try:
        result = _score(args, reference, stream)
    except TextTooLong as exc:
        which = args.reference if len(reference) >= exc.length else args.input_stream
        raise UserError(
            cli.tr(
                "{file}: {length} characters is more than can be scored (at most {limit})"
            ).format(file=which, length=cli.whole(exc.length), limit=cli.whole(MAX_CHARACTERS))
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
    verdict = cli.tr("PASSED") if passed else cli.tr("NOT PASSED")
    print(
        cli.tr("{verdict}: error rate {rate} ({unit}) against a margin of {margin}").format(
            verdict=verdict,
            rate=cli.percent(result.error_rate),
            # the unit in the output's language ("word", as scripts have always read it)
            unit={"word": cli.tr("word"), "char": cli.tr("char")}.get(result.unit, result.unit),
            margin=cli.percent(float(result.margin)),
        )
        + ("" if result.within_margin else cli.tr(" (too many errors)"))
    )
    if result.min_wpm is not None:
        net = "-" if result.net_wpm is None else cli.number(result.net_wpm, 1)
        slow = "" if result.fast_enough else cli.tr(" (too slow)")
        minimum = cli.number_g(result.min_wpm)
        print(
            cli.tr("net speed {speed} WPM against a minimum of {minimum}").format(
                speed=net, minimum=minimum
            )
            + slow
        )
    if result.ignored:
        print(cli.tr("not marked: {what}").format(what=", ".join(result.ignored)))
    print(
        cli.tr(
            "word errors {errors}/{words}, uncorrected char errors {left}, "
            "corrected {fixed} with {fixes} fixes"
        ).format(
            errors=result.word_errors,
            words=result.reference_words,
            left=result.incorrect_not_fixed,
            fixed=result.incorrect_fixed,
            fixes=result.fixes,
        )
    )
    if result.wpm is not None:
        print(
            cli.tr("{wpm} WPM, {cpm} characters per minute").format(
                wpm=cli.number(result.wpm, 1), cpm=cli.number(result.chars_per_minute or 0.0, 0)
            )
        )


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
    from trainer.core.knowledge import is_knowledge_file, load_knowledge
    from trainer.core.loader import load_catalog, yaml_files
    from trainer.core.yaml_source import SourceFileError

    def measure(path: Path) -> float | None:
        try:
            return dsp.loudness(*read_audio(path))
        except AudioFileError:
            return None

    def audio_problem(path: Path) -> Message | None:
        try:
            check_audio(path)
        except AudioFileError as exc:
            return exc.message  # (worded with the manifest's other problems)
        return None

    paths = [Path(p) for p in args.paths]
    for path in paths:
        if not path.exists():
            raise UserError(cli.tr("{path}: no such file or folder").format(path=path))
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
    # the shared knowledge bases' articles (<lang>/knowledge/*.yaml), which are no exercises
    knowledge_files = [p for p in yaml_files(paths) if is_knowledge_file(p)]
    knowledge = load_knowledge(knowledge_files)
    problems += knowledge.problems
    for problem in problems + warnings:
        print(said_problem(problem))
    checked = len(catalog.entries) + len(catalog.broken) + len(manifests) + len(knowledge_files)
    if checked == 0:
        raise UserError(
            cli.tr("no exercise files (*.yaml) found in {paths}").format(
                paths=", ".join(args.paths)
            )
        )
    broken = len(catalog.broken) + broken_manifests + len({p.file for p in knowledge.problems})
    if broken:
        print(
            cli.tr("{broken} of {checked} files have problems").format(
                broken=broken, checked=checked
            ),
            file=sys.stderr,
        )
        return 1
    count = len(warnings)
    also = cli.plural(count, cli.tr(", {n} warning"), cli.tr(", {n} warnings")) if count else ""
    print(cli.tr("{checked} files are valid").format(checked=checked) + also, file=sys.stderr)
    return 0


def said_problem(problem: Problem) -> str:
    """``FILE:LINE: message``, the message in the output's language."""
    from trainer.ui import messages

    cli.ui_words()
    return messages.problem(problem)


def list_exercises(args: argparse.Namespace) -> int:
    """``simultaan list``: the shipped exercises, with id, kind, language, level, title."""
    from trainer.core.clips import load_shipped_library
    from trainer.core.loader import load_catalog

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
            cli.tr(
                "{n} broken exercise files were skipped; see `simultaan validate {folder}`"
            ).format(n=len(catalog.broken), folder=exercises_dir()),
            file=sys.stderr,
        )
    return 0


def _exercise(ref: str) -> ExerciseBase:
    """An exercise given as a file path or as the id of a shipped exercise."""
    from trainer.core.loader import ExerciseFileError, load_catalog, load_exercise

    path = Path(ref)
    if path.suffix in (".yaml", ".yml") or path.exists():
        try:
            return load_exercise(path)[0]
        except ExerciseFileError as exc:
            raise UserError(said_problem(exc.problems[0])) from None
    entry = load_catalog([exercises_dir()]).by_id(ref)
    if entry is None:
        raise UserError(
            cli.tr("{ref}: no exercise file and no shipped exercise with that id").format(ref=ref)
        )
    return entry.exercise


def _print_call(result: CallResult) -> None:
    """A call's result for a person: verdict, times, fields and the competences."""
    print(f"{result.trainee}, {result.exercise_id}, {result.started_at} ({result.ended})")
    print(cli.tr("PASSED") if result.passed else cli.tr("NOT PASSED"))
    unassessed = result.not_assessed()
    if unassessed is not None:
        why = {
            "not_answered": cli.tr("the call was not answered"),
            "not_dialled": cli.tr("no number was dialled"),
            "not_reached": cli.tr("nobody was reached"),
            "not_completed": cli.tr("not completed"),
        }[unassessed]
        print(cli.tr("not assessed: {why}").format(why=why))
    look = result.look_up
    if look.found:
        whose = (
            cli.tr("the caller's record")
            if look.callers_file
            else cli.tr("another record ({record})").format(record=look.record)
        )
        if look.by:
            how = {
                "customer_number": cli.tr("customer number"),
                "phone": cli.tr("phone"),
                "name": cli.tr("name"),
            }.get(look.by, look.by)
            said = cli.tr("looked up '{typed}' by {how}: {whose}").format(
                typed=look.typed, how=how, whose=whose
            )
        else:
            said = cli.tr("looked up '{typed}': {whose}").format(typed=look.typed, whose=whose)
        print(said)
    else:
        print(
            cli.tr("the caller was not looked up")
            if not look.attempts
            else cli.tr("look-up found nothing")
        )
    if result.answered_after is not None:
        print(
            cli.tr("answered after {seconds} s (target {target} s)").format(
                seconds=cli.number(result.answered_after, 1),
                target=cli.number_g(result.answer_within),
            )
        )
    if result.handling_time is not None:
        print(
            cli.tr("handling time {seconds} s (target {target} s)").format(
                seconds=cli.number(result.handling_time, 0),
                target=cli.number_g(result.handling_target),
            )
        )
    verdicts = {
        "right": cli.tr("right"),
        "wrong": cli.tr("wrong"),
        "misplaced": cli.tr("misplaced"),
        "missing": cli.tr("missing"),
        "not_given": cli.tr("not given"),
    }
    for f in result.fields:
        since = (
            cli.tr(", {seconds} s after it was said").format(
                seconds=cli.number(f.seconds_after_said, 1)
            )
            if f.seconds_after_said
            else ""
        )
        where = cli.tr(" (belongs in {field})").format(field=f.belongs_in) if f.belongs_in else ""
        verdict = verdicts.get(f.verdict, f.verdict)
        print(cli.tr("  field {id}: {verdict}").format(id=f.id, verdict=verdict) + where + since)
    _print_competences(result)


def _print_competences(result: CallResult | ChatResult | QueueResult) -> None:
    """Per competence shown or not and why, then whether the session was completed."""
    # the reasons in the words of the results screen (QtCore's translation, no widgets)
    from trainer.ui.words import reason as reason_text

    cli.ui_words()
    for c in result.competences:
        state = (
            cli.tr("shown")
            if c.shown
            else cli.tr("not assessed")
            if not c.assessed
            else cli.tr("NOT shown")
        )
        print(f"  {c.code}: {state}")
        if c.assessed and not c.shown:
            for reason in c.reasons:
                print(f"      {reason_text(reason)}")
    if not result.completed:
        print(_not_completed(result.ended))
    _print_damage(result)
    if result.exercise_changed:
        print(cli.tr("note: the exercise changed since this session was recorded"), file=sys.stderr)


def _not_completed(ended: str) -> str:
    """Why a session that did not run to its end is not passed."""
    how = {
        "abandoned": cli.tr("abandoned"),
        "recovered": cli.tr("recovered"),
        "time_up": cli.tr("time up"),
    }.get(ended, ended.replace("_", " "))
    return cli.tr("the session was {how}: not completed, so not passed").format(how=how)


def _print_damage(result: SessionFacts) -> None:
    """A note that the journal was damaged: the session was scored without those lines."""
    lines = [d.line for d in result.damaged_lines]
    if lines:
        which = ", ".join(str(n) for n in lines)
        said = (
            cli.tr("note: the journal was damaged: line {which} skipped, the rest scored")
            if len(lines) == 1
            else cli.tr("note: the journal was damaged: lines {which} skipped, the rest scored")
        )
        print(said.format(which=which))


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
        raise UserError(cli.said(exc)) from None
    if journal.header.exercise_id != exercise.id:
        raise UserError(
            cli.tr("{journal}: this journal is of exercise '{found}', not '{wanted}'").format(
                journal=args.journal, found=journal.header.exercise_id, wanted=exercise.id
            )
        )
    for damage in journal.damage:
        print(
            cli.tr("{journal}:{line}: skipped: {why}").format(
                journal=args.journal, line=damage.line, why=cli.worded(damage.message)
            ),
            file=sys.stderr,
        )
    from trainer.cli.seal_commands import seal_warning  # an exam journal's seal

    warning = seal_warning(Path(args.journal), args.data_dir)
    if warning is not None:
        print(warning, file=sys.stderr)
    from trainer.core.clips import load_shipped_library

    transcripts = load_shipped_library(audio_dir()).transcripts
    result = score_session(exercise, journal, margin=args.margin, transcripts=transcripts)
    if args.json:
        print_json(result.model_dump(mode="json"))
        return 0
    from trainer.core.call_scoring import CallResult
    from trainer.core.chat_scoring import ChatResult
    from trainer.core.queue_scoring import QueueResult

    if isinstance(result, CallResult):
        _print_call(result)
        return 0
    if isinstance(result, ChatResult | QueueResult):  # the verdict per competence
        print(f"{result.trainee}, {result.exercise_id}, {result.started_at} ({result.ended})")
        print(cli.tr("PASSED") if result.passed else cli.tr("NOT PASSED"))
        _print_competences(result)
        return 0
    print(f"{result.trainee}, {result.exercise_id}, {result.started_at} ({result.ended})")
    _print_typing(result.typing, result.passed)
    if not result.completed:
        print(_not_completed(result.ended) + cli.tr("; the part typed was scored"))
    _print_damage(result)
    if result.exercise_changed:
        print(cli.tr("note: the exercise changed since this session was recorded"), file=sys.stderr)
    return 0
