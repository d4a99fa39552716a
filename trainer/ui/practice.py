"""Adaptive practice in the app, and the exercise list's marks.

**Op maat oefenen** on the home screen (Ctrl+P) and **Oefen deze toetsen** on a results page
(Ctrl+P, beside the report: the advice of the report made into a drill) make a copy drill from
the trainee's recent errors (``trainer.core.adaptive``), save it in the data folder
(``generated/``, so it is scored, recovered and reopened like any exercise) and start it as
any copy drill. The home screen's list marks what the chosen trainee did and passed, with the
best result (``trainer.store.exercise_marks``), whenever the trainee changes or a session ends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# (the message box and the shortcuts where they are made: the home screen's button is wired
# before the first frame, and each class makes its enums when it is first loaded)
from PySide6.QtWidgets import QPushButton, QWidget

from trainer.ui import messages, words

if TYPE_CHECKING:
    from collections.abc import Callable

    from trainer.core.loader import CatalogEntry
    from trainer.store import Trainee
    from trainer.ui.main_window import MainWindow
    from trainer.ui.session_controller import SessionController

SHORTCUT = "Ctrl+P"


def results_button() -> QPushButton:
    """A results page's "Oefen deze toetsen" button, reached by its shortcut (Ctrl+P) like the
    page's other buttons (it never takes the focus)."""
    from trainer.ui.results_view import shortcut_only

    button = shortcut_only(QPushButton(words.tr("Oefen &deze toetsen  (Ctrl+P)")))
    button.setObjectName("practiseButton")
    button.setToolTip(
        words.tr(
            "Een oefening op maat: zinnen uit echte werkteksten met de toetsen en woorden die "
            "je de laatste tijd het vaakst fout typte"
        )
    )
    return button


def install_home(window: MainWindow) -> dict[str, Callable[[], object]]:
    """The home screen's button; its shortcut, which the window makes."""
    window.home.practise_button.clicked.connect(lambda: practise(window))
    return {SHORTCUT: lambda: practise(window)}


def install_results(window: MainWindow, view: QWidget) -> None:
    """A results page's button (``view.practise_button``) and its shortcut: the drill is for
    the trainee whose result it is."""
    from PySide6.QtGui import QKeySequence, QShortcut

    button: QPushButton = view.practise_button  # type: ignore[attr-defined]
    button.clicked.connect(lambda: practise(window, _result_trainee(window)))
    QShortcut(QKeySequence(SHORTCUT), view, lambda: practise(window, _result_trainee(window)))


def _result_trainee(window: MainWindow) -> Trainee | None:
    """The trainee of the result shown (a coach may have opened another trainee's), else
    the one chosen on the home screen."""
    reported = getattr(window, "_reported", None)
    name = getattr(reported[2], "trainee", None) if reported else None
    if name:
        for trainee in window.store.trainees():
            if trainee.name.casefold() == str(name).casefold():
                return trainee
    return window.current_trainee()


def practise(window: MainWindow, trainee: Trainee | None = None) -> SessionController | None:
    """Make the trainee's practice drill and start it; say why when there is none."""
    from PySide6.QtWidgets import QMessageBox

    from trainer.core.adaptive import NothingToPractise

    if window.drill is not None and window.drill.active:
        return None
    trainee = trainee or window.current_trainee()
    title = words.tr("Op maat oefenen")
    if trainee is None:
        QMessageBox.information(window, title, words.tr("Kies of maak eerst een cursist."))
        return None
    try:
        entry = _made(window, trainee)
    except NothingToPractise as exc:
        QMessageBox.information(window, title, _capital(messages.of_exception(exc)))
        return None
    except OSError as exc:
        QMessageBox.warning(
            window,
            title,
            words.tr("De oefening kon niet worden bewaard in %1: %2")
            .replace("%1", str(window.data_dir))
            .replace("%2", exc.strerror or str(exc)),
        )
        return None
    return window.start_exercise(entry.exercise, trainee)


def _made(window: MainWindow, trainee: Trainee) -> CatalogEntry:
    """The trainee's drill made, with the wait cursor while the recent sessions are replayed
    key by key (a second at most: ``HISTORY_CHARS``), given back before anything is said."""
    from trainer.store.practice_history import make_drill
    from trainer.ui.busy import waiting

    with waiting():
        return make_drill(
            window.store,
            window.catalog,
            trainee.id,
            window.data_dir,
            window.clips.transcripts,
            file_mode=window.file_mode,
        )


def _capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def refresh_marks(window: MainWindow) -> None:
    """The exercise list's marks for the trainee chosen (none without one)."""
    from trainer.store.exercise_marks import exercise_marks

    trainee = window.current_trainee()
    window.home.show_marks(exercise_marks(window.store, trainee.id) if trainee else {})
