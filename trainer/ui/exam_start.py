"""Starting an exam from the app: 'Examen afnemen…' on the home screen (Ctrl+Shift+X).

The supervisor chooses the signed package and types the candidate's number; the same checks
as ``simultaan exam start`` run first (``prepare_exam``) and the first problem is said in a
message naming what is wrong, before anything is shown to the candidate. Then the exam screen
(``ExamWindow``) covers the whole screen; when the supervisor closes it with the code, the app
is back. GUI thread only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

# (the dialogs where they are asked, the keys made by the window: the buttons are made before
# the first frame, and each class makes its enums when it is first loaded)
from PySide6.QtWidgets import QPushButton, QWidget

from trainer.paths import shipped_root
from trainer.ui import messages, words

if TYPE_CHECKING:
    from trainer.ui.exam_window import ExamWindow
    from trainer.ui.main_window import MainWindow

SHORTCUT = "Ctrl+Shift+X"
EVALUATORS_SHORTCUT = "Ctrl+E"


def install_home(window: MainWindow) -> dict[str, Callable[[], object]]:
    """The home screen's 'Examen afnemen…' button (beside the sessions list's); its keys,
    which the window makes."""
    window.home.exam_button = _beside_sessions(  # type: ignore[attr-defined]
        window,
        "examButton",
        words.tr("E&xamen afnemen…"),
        words.tr("Een ondertekend exampakket afnemen, in volledig scherm (Ctrl+Shift+X)"),
        lambda: open_exam(window),
    )
    return {SHORTCUT: lambda: open_exam(window)}


def install_evaluators(window: MainWindow) -> dict[str, Callable[[], object]]:
    """The home screen's 'Evaluatie…' button (beside the sessions list's); Ctrl+E, which the
    window makes. Made here, before the first frame: the evaluators' screen
    (trainer.ui.evaluators_dialog, with the store and the seals) is imported when opened."""

    def open_evaluators() -> None:
        from trainer.ui.evaluators_dialog import open_evaluators

        open_evaluators(window)

    window.home.evaluators_button = _beside_sessions(  # type: ignore[attr-defined]
        window,
        "evaluatorsButton",
        words.tr("Ev&aluatie…"),
        words.tr("Examens: bewijs per onderdeel, oordelen van twee evaluatoren (Ctrl+E)"),
        open_evaluators,
    )
    return {EVALUATORS_SHORTCUT: open_evaluators}


def _beside_sessions(
    window: MainWindow, name: str, text: str, tip: str, action: Callable[[], object]
) -> QPushButton:
    """A button on the home screen's line of tools, right after the sessions list's."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.setToolTip(tip)
    button.clicked.connect(action)
    tools = window.home.tools
    # (the line's own layout: the first findChildren of the home screen took 2.4 ms of the
    # first frame, making a wrapper for each of its 19 layouts)
    tools.insertWidget(tools.indexOf(window.home.sessions_button) + 1, button)
    return button


def choose_package(parent: QWidget) -> Path | None:
    """The package, chosen in a file dialog (the shipped ``exams/`` first)."""
    from PySide6.QtWidgets import QFileDialog

    chosen, _ = QFileDialog.getOpenFileName(
        parent,
        words.tr("Exampakket kiezen"),
        str(shipped_root() / "exams"),
        words.tr("Exampakketten (*.exam.yaml)"),
    )
    return Path(chosen) if chosen else None


def ask_candidate(parent: QWidget) -> str | None:
    """The candidate's number, as the supervisor types it."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    text, ok = QInputDialog.getText(
        parent,
        words.tr("Examen afnemen"),
        words.tr("Kandidaatnummer (letters, cijfers, . _ -):"),
        QLineEdit.EchoMode.Normal,
    )
    return text.strip() if ok else None


def open_exam(
    window: MainWindow,
    *,
    package: Callable[[QWidget], Path | None] = choose_package,
    candidate: Callable[[QWidget], str | None] = ask_candidate,
) -> ExamWindow | None:
    """Ask for the package and the candidate, check, and show the exam screen (None when the
    supervisor cancelled or a check failed, which was said)."""
    # (here, not at the top: the home screen installs the button before its first frame, and
    # the exam run's modules bring the scorer's numpy and pydantic)
    from PySide6.QtWidgets import QMessageBox

    from trainer.core.exam_state import CANDIDATE_PATTERN
    from trainer.core.yaml_source import SourceFileError
    from trainer.store.exam_room import prepare_exam
    from trainer.ui.exam_window import ExamWindow

    path = package(window)
    if path is None:
        return None
    number = candidate(window)
    if not number:
        return None
    title = words.tr("Examen kan niet starten")
    if not re.match(CANDIDATE_PATTERN, number):
        said = words.tr("'{id}' is geen kandidaatnummer (letters, cijfers, . _ -, hoogstens 40).")
        QMessageBox.warning(window, title, said.replace("{id}", number))
        return None
    try:
        prepared = prepare_exam(window.data_dir, path, number, window.settings.database_url)
    except SourceFileError as exc:
        lines = [messages.problem(p) for p in exc.problems]
        QMessageBox.warning(window, title, "\n".join(lines))
        return None
    except Exception as exc:  # a Said: the folder, the store, the enrolment, the signature
        if not hasattr(exc, "message"):
            raise
        QMessageBox.warning(window, title, messages.of_exception(exc))
        return None
    settings = window.settings
    exam = ExamWindow(prepared, device=settings.output_device, volume=settings.volume)
    window.exam_window = exam  # type: ignore[attr-defined]  # (kept while it is open)
    exam.closed.connect(lambda: setattr(window, "exam_window", None))
    exam.show_kiosk()
    exam.activateWindow()
    return exam
