"""Session reports for coaches and examiners: HTML, PDF and CSV from what was recorded (the
exercise and the journal; the result is ``score(exercise, journal)``).

``write_report`` is what the command (``simultaan report``) and the results pages' "Rapport"
button call. The facts come from ``trainer.core.report_facts`` and ``trainer.core.keyboard``;
the words from ``model``/``sections``; the pictures from ``charts``. HTML and PDF need a
QGuiApplication (the pictures are drawn with QPainter); CSV only a QCoreApplication.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeAlias

from trainer.core.keyboard import LAYOUT_OF_LANGUAGE, KeyboardLayout, error_keys, load_layout
from trainer.core.report_facts import report_facts
from trainer.core.scoring import SessionResult, reference_of
from trainer.paths import assets_dir

if TYPE_CHECKING:
    # (the kinds' results by name only: every results page has the report's button, and a
    # drill's process need not keep the call's, chat's and queue's scoring modules)
    from trainer.core.call_scoring import CallResult
    from trainer.core.chat_scoring import ChatResult
    from trainer.core.clips import ClipLibrary
    from trainer.core.exercise import ExerciseBase
    from trainer.core.journal import Journal
    from trainer.core.queue_scoring import QueueResult
    from trainer.core.report_facts import ReportFacts
    from trainer.core.rubric import Assessment
    from trainer.ui.report.document import Report

Format = Literal["html", "pdf", "csv"]
Result: TypeAlias = "SessionResult | CallResult | ChatResult | QueueResult"  # as score() gives
FORMATS: tuple[Format, ...] = ("html", "pdf", "csv")


def layout_for(exercise: ExerciseBase, chosen: str | None = None) -> KeyboardLayout:
    """The trainee's keyboard: the one chosen, else the usual one for the exercise's language."""
    code = chosen or LAYOUT_OF_LANGUAGE.get(exercise.language, "be")
    return load_layout(assets_dir() / "keyboards" / f"{code}.json")


def format_of(path: Path) -> Format | None:
    """The format a file name asks for by its extension (``.htm`` too), or None."""
    suffix = path.suffix.lower().lstrip(".")
    found = {"htm": "html", "html": "html", "pdf": "pdf", "csv": "csv"}.get(suffix)
    return found  # type: ignore[return-value]


def file_part(text: str) -> str:
    """A name or id as part of a file name: ``Sofie Maës`` -> ``sofie-maes``."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "x"


def default_name(result: Result, fmt: Format = "pdf") -> str:
    """A file name from the trainee, the exercise and the date:
    ``rapport-sofie-maes-nl-copy-01-terugbelnotitie-2026-11-30.pdf``."""
    part = file_part
    date = result.started_at[:10]
    return f"rapport-{part(result.trainee)}-{part(result.exercise_id)}-{date}.{fmt}"


def write_report(
    path: Path,
    fmt: Format,
    exercise: ExerciseBase,
    journal: Journal,
    result: Result,
    *,
    layout: str | None = None,
    transcripts: Mapping[str, str] | None = None,
    assessment: Assessment | None = None,
    folder: Path | None = None,
    clips: ClipLibrary | None = None,
) -> None:
    """Write the report of a session to ``path`` as ``fmt``, in the language installed, with
    the coach's ``assessment`` (rubric) when there is one. A call's report links each part to
    its time in the recording: the trainee's voice beside the journal in ``folder``, the
    customer's clips from ``clips`` (None: the shipped library). OSError when the file cannot
    be written."""
    from trainer.ui.report.model import build_report

    # (a call, a chat, a queue shift: no text given to type; their own words are judged)
    typed = isinstance(result, SessionResult)
    reference = reference_of(exercise, transcripts) if typed else None
    facts = report_facts(journal, result, reference)
    keyboard = layout_for(exercise, layout)
    report = build_report(exercise, journal, result, facts, keyboard, reference)
    if assessment is not None and assessment.competences:
        from trainer.core.rubric import load_rubric, rubric_path
        from trainer.ui.report.sections import coach_assessment

        rubric = load_rubric(rubric_path(assets_dir(), exercise.kind))  # the one it was made with
        coach_assessment(report, assessment, rubric)
    if exercise.kind == "call":
        _add_recording(report, fmt, exercise, journal, result, facts, folder, clips)
    if fmt == "csv":
        from trainer.ui.report.render_csv import render_csv

        render_csv(report, path)
        return
    from trainer.ui.report import charts

    report.heat_map = charts.heat_map(
        keyboard, error_keys(keyboard, facts.error_pairs + facts.corrected_pairs)
    )
    report.timeline = charts.timeline_chart(facts.timeline)
    if fmt == "html":
        from trainer.ui.report.render_html import render_html

        path.write_text(render_html(report), encoding="utf-8")
        return
    from trainer.ui.report.render_pdf import render_pdf

    render_pdf(report, path)


def _add_recording(
    report: Report,
    fmt: Format,
    exercise: ExerciseBase,
    journal: Journal,
    result: Result,
    facts: ReportFacts,
    folder: Path | None,
    clips: ClipLibrary | None,
) -> None:
    """A call's course, and (HTML, PDF) its recording: the voice and the clips on its clock."""
    from trainer.core.call_scoring import CallResult
    from trainer.core.clips import load_shipped_library
    from trainer.core.replay import replay_of
    from trainer.core.scenario import CallExercise
    from trainer.paths import audio_dir
    from trainer.ui.report.recording import add_course, recording_of

    if not (isinstance(exercise, CallExercise) and isinstance(result, CallResult)):
        return
    replay = replay_of(exercise, journal, result)
    library = clips if clips is not None else load_shipped_library(audio_dir())
    add_course(report, replay, facts, exercise, library)
    if fmt != "csv":
        report.recording = recording_of(replay, journal, folder, library)
