"""``simultaan report``: a session's report for a coach or an examiner (HTML, PDF or CSV).

``simultaan report EXERCISE JOURNAL --format html|pdf|csv -o FILE`` (the arguments of
``replay``) or ``simultaan report --session ID [--data-dir DIR]`` for a session in the store;
``--margin`` re-scores with another margin, as ``replay`` does.
The report is in the language of ``--lang`` (nl, fr, en). Qt is loaded for the words (and, for
HTML and PDF, a QGuiApplication on the ``offscreen`` platform for the pictures).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trainer.cli import UsageError, UserError, _margin
from trainer.cli import language as cli

if TYPE_CHECKING:
    from trainer.core.exercise import ExerciseBase
    from trainer.core.journal import Journal
    from trainer.core.rubric import Assessment
    from trainer.ui.report import Format

_KEEP: list[Any] = []  # the QGuiApplication, kept as long as the command runs


def add_parsers(sub: Any) -> None:
    """The ``report`` sub-command."""
    report = sub.add_parser(
        "report", help=cli.tr("a session's report for a coach (HTML, PDF, CSV)")
    )
    report.set_defaults(command_parser=report)
    report.add_argument(
        "exercise", nargs="?", metavar="EXERCISE", help=cli.tr("an exercise file or id")
    )
    report.add_argument(
        "journal", nargs="?", metavar="JOURNAL", help=cli.tr("the session's journal (.jsonl)")
    )
    report.add_argument(
        "--session", type=int, metavar="ID", help=cli.tr("a session in the store, by its number")
    )
    report.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,  # (else it would hide the one given before `report`)
        help=cli.tr("where the store and journals live (also SIMULTAAN_DATA_DIR); for exam rooms"),
    )
    report.add_argument(
        "--format",
        choices=("html", "pdf", "csv"),
        help=cli.tr("the kind of file (else from the extension of -o; else html)"),
    )
    report.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=cli.tr("where to write it (else a name from trainee, exercise and date)"),
    )
    report.add_argument("--margin", type=_margin, help=cli.tr("re-score with another margin"))
    report.add_argument(
        "--layout",
        choices=("be", "fr", "us"),
        help=cli.tr(
            "the keyboard for the heat map (else the trainee's, as chosen in the app; else the"
            " exercise language's: Belgian AZERTY)"
        ),
    )


def _session(args: argparse.Namespace) -> tuple[str, Path, Assessment | None, str | None]:
    """The exercise id, the journal, the coach's assessment (if any) of ``--session ID`` in
    the store, and the keyboard its trainee types on (None: not chosen)."""
    from trainer.cli.export_commands import open_data_store

    store = open_data_store(args.data_dir)
    path = store.path
    try:
        row = store.session(args.session)
        assessed = store.assessment(args.session) if row is not None else None
        trainee = store.trainee(row.trainee_id) if row is not None else None
    finally:
        store.close()
    if row is None:
        raise UserError(
            cli.tr("{path}: there is no session {id}").format(path=path, id=args.session)
        )
    return row.exercise_id, row.journal_path, assessed, trainee.keyboard if trainee else None


def _keyboard_of(args: argparse.Namespace, name: str) -> str | None:
    """The keyboard chosen in the app for the trainee a journal names, when the data folder
    has a store that knows them (None: no store, nobody of that name, or none chosen)."""
    from trainer.cli.export_commands import _store_path
    from trainer.store.db import Store, StoreError

    try:
        store = Store(_store_path(getattr(args, "data_dir", None)))
    except (UserError, StoreError):
        return None  # a report of a journal needs no store
    try:
        wanted = " ".join(name.split()).casefold()
        found = [t for t in store.trainees() if t.name.casefold() == wanted]
    finally:
        store.close()
    return found[0].keyboard if found else None


def _generated(args: argparse.Namespace, exercise_id: str) -> str | None:
    """The file of a practice drill generated for a trainee (in the data folder), if it is
    one: the shipped library does not hold it."""
    from trainer.paths import data_dir
    from trainer.store.practice_history import generated_folder

    path = generated_folder(data_dir(args.data_dir)) / f"{exercise_id}.yaml"
    return str(path) if exercise_id.startswith("adaptive-") and path.is_file() else None


def _journal(path: Path, exercise: ExerciseBase) -> Journal:
    """The journal, read as ``replay`` reads it (a damaged line is skipped and said)."""
    from trainer.core.journal import JournalError, read_journal

    try:
        journal = read_journal(path)
    except JournalError as exc:
        raise UserError(cli.said(exc)) from None
    if journal.header.exercise_id != exercise.id:
        raise UserError(
            cli.tr("{journal}: this journal is of exercise '{found}', not '{wanted}'").format(
                journal=path, found=journal.header.exercise_id, wanted=exercise.id
            )
        )
    for damage in journal.damage:
        print(
            cli.tr("{journal}:{line}: skipped: {why}").format(
                journal=path, line=damage.line, why=cli.worded(damage.message)
            ),
            file=sys.stderr,
        )
    return journal


def _format(args: argparse.Namespace) -> Format:
    from trainer.ui.report import format_of

    by_name = format_of(Path(args.output)) if args.output else None
    if args.format and by_name and args.format != by_name:
        raise UsageError(
            cli.tr("--format {fmt} does not go with the file name {file}").format(
                fmt=args.format, file=args.output
            )
        )
    if args.output and not args.format and by_name is None:
        raise UsageError(
            cli.tr("{file}: say --format html, pdf or csv (the name does not say it)").format(
                file=args.output
            )
        )
    chosen: Format = args.format or by_name or "html"
    return chosen


def report(args: argparse.Namespace) -> int:
    """``simultaan report``: write the report of one session."""
    from trainer.cli.commands import _exercise

    given = (args.exercise is not None) + (args.journal is not None)
    if args.session is not None and given:
        raise UsageError(cli.tr("give EXERCISE and JOURNAL, or --session, not both"))
    if args.session is None and given < 2:
        raise UsageError(cli.tr("give EXERCISE and JOURNAL, or --session ID"))
    fmt = _format(args)
    assessed: Assessment | None = None  # the coach's rubric, kept in the store
    keyboard: str | None = None  # the trainee's, as chosen in the app
    if args.session is not None:
        exercise_id, journal_path, assessed, keyboard = _session(args)
        exercise = _exercise(_generated(args, exercise_id) or exercise_id)
    else:
        exercise, journal_path = _exercise(args.exercise), Path(args.journal)
    journal = _journal(journal_path, exercise)
    if args.layout is None and args.session is None:
        keyboard = _keyboard_of(args, journal.header.trainee)
    if fmt != "csv":  # pictures: QPainter needs a QGuiApplication (no window is shown)
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtGui import QGuiApplication

        if QGuiApplication.instance() is None:
            _KEEP.append(QGuiApplication(["simultaan"]))
    cli.ui_words()
    from trainer.core.clips import load_shipped_library
    from trainer.core.scoring import score
    from trainer.paths import audio_dir
    from trainer.ui.report import default_name, write_report

    library = load_shipped_library(audio_dir())
    transcripts = library.transcripts
    result = score(exercise, journal, margin=args.margin, transcripts=transcripts)
    out = Path(args.output) if args.output else Path(default_name(result, fmt))
    try:
        write_report(
            out,
            fmt,
            exercise,
            journal,
            result,
            layout=args.layout or keyboard,  # --layout overrides the trainee's
            transcripts=transcripts,
            assessment=assessed,
            folder=journal_path.parent,  # (a call's recording lies beside its journal)
            clips=library,
        )
    except OSError as exc:
        raise UserError(
            cli.tr("{file}: cannot write the report: {why}").format(
                file=out, why=exc.strerror or str(exc)
            )
        ) from None
    print(cli.tr("report written to {file}").format(file=out))
    return 0


HANDLERS = {"report": report}
