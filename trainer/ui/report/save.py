"""The results pages' "Rapport" button: ask where to save the session's report (PDF, HTML or
CSV, by the name's extension or the type chosen) and write it; say so when it cannot be."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from trainer.core.clips import ClipLibrary
from trainer.core.exercise import ExerciseBase
from trainer.core.rubric import Assessment
from trainer.ui import words
from trainer.ui.report import Format, Result, default_name, format_of, write_report

SHORTCUT = "Ctrl+S"


def report_button() -> QPushButton:
    """The button, reached from the keyboard by its shortcut (Ctrl+S), like the results
    pages' other buttons (``results_view.shortcut_only``: it never takes the focus)."""
    from trainer.ui.results_view import shortcut_only

    button = shortcut_only(QPushButton(words.tr("&Rapport…  (Ctrl+S)")))
    button.setObjectName("reportButton")
    button.setToolTip(words.tr("Het rapport van deze sessie bewaren als PDF, HTML of CSV"))
    return button


def _filter(fmt: Format) -> str:
    """The save dialog's name of a file type."""
    return {
        "pdf": words.tr("PDF-document (*.pdf)"),
        "html": words.tr("Webpagina (*.html)"),
        "csv": words.tr("CSV voor een rekenblad (*.csv)"),
    }[fmt]


def ask_file(
    parent: QWidget, title: str, name: str, formats: tuple[Format, ...]
) -> tuple[Path, Format] | None:
    """Where to save and as what (one of ``formats``, the first the default); None when the
    question was cancelled. ``name`` is proposed in the user's documents folder. A name
    without one of the formats' extensions gets the type chosen in the dialog, and its
    extension."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    proposed = Path(folder or Path.home()) / name
    filters = [_filter(fmt) for fmt in formats]
    chosen, selected = QFileDialog.getSaveFileName(parent, title, str(proposed), ";;".join(filters))
    if not chosen:
        return None
    path = Path(chosen)
    fmt = format_of(path)
    if fmt not in formats:
        fmt = formats[filters.index(selected)] if selected in filters else formats[0]
        path = path.with_name(f"{path.name}.{fmt}")
    return path, fmt


def ask_where(parent: QWidget, result: Result) -> tuple[Path, Format] | None:
    """Where to save a session's report and as what; None when the question was cancelled.
    The name proposed is made of the trainee, the exercise and the date."""
    name = default_name(result, "pdf")
    return ask_file(parent, words.tr("Rapport bewaren"), name, ("pdf", "html", "csv"))


def save_report_as(
    parent: QWidget,
    exercise: ExerciseBase,
    journal_path: Path,
    result: Result,
    transcripts: Mapping[str, str] | None = None,
    assessment: Assessment | None = None,
    keyboard: str | None = None,
    clips: ClipLibrary | None = None,
) -> Path | None:
    """Ask where, then write the report (its heat map on the trainee's ``keyboard``; None: the
    language's usual one; a call's sounds from the recording beside the journal and from
    ``clips``, None: the shipped library); the path written, or None (cancelled, or it could
    not be written: then a message says which file and why)."""
    from trainer.core.journal import JournalError, read_journal
    from trainer.ui import messages
    from trainer.ui.busy import waiting

    where = ask_where(parent, result)
    if where is None:
        return None
    path, fmt = where
    try:
        with waiting():  # a 30-minute exam's PDF takes about 0.6 s
            journal = read_journal(journal_path)
            write_report(
                path,
                fmt,
                exercise,
                journal,
                result,
                layout=keyboard,
                transcripts=transcripts,
                assessment=assessment,
                folder=journal_path.parent,
                clips=clips,
            )
    except JournalError as exc:
        QMessageBox.warning(parent, words.tr("Rapport"), messages.of_exception(exc))
        return None
    except OSError as exc:
        said = (
            words.tr("Het rapport kon niet worden bewaard in %1: %2")
            .replace("%1", str(path))
            .replace("%2", exc.strerror or str(exc))
        )
        QMessageBox.warning(parent, words.tr("Rapport"), said)
        return None
    return path
