"""The coach's "Beoordeling" dialog (Ctrl+B on the results page of a call, a copy drill, a
dictation, a chat session or a queue shift): the rubric of the exercise's kind
(``assets/rubrics/KIND.yaml``), its criteria per competence the exercise asks for, each scored
on the rubric's scale, a comment per competence and the coach's name; saved with the session
in the store and opened again showing what was saved. An exercise that asks for none of the
rubric's competences opens no empty dialog: it is said.

All by keys: Tab goes from criterion to criterion (and to each comment); on a criterion the
arrow keys move along the scale, a number key chooses that score and Delete clears it; Enter
saves, Escape cancels. The rubric's texts come from its file in the language shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from trainer.core.rubric import (
    Assessment,
    CompetenceAssessment,
    Criterion,
    Rubric,
    RubricCompetence,
)
from trainer.ui import language, words

if TYPE_CHECKING:
    from trainer.ui.call_results_view import CallResultsView
    from trainer.ui.chat_results_view import ChatResultsView
    from trainer.ui.main_window import MainWindow
    from trainer.ui.queue_results_view import QueueResultsView
    from trainer.ui.results_view import ResultsView

SHORTCUT = "Ctrl+B"
ViewT = TypeVar("ViewT", "CallResultsView", "ResultsView", "ChatResultsView", "QueueResultsView")


class ScoreChooser(QWidget):
    """One criterion's score: the scale's steps as radio buttons, chosen by the arrow keys,
    a number key or the mouse; it takes the focus itself, so Tab stops once per criterion."""

    changed = Signal()

    def __init__(self, criterion: Criterion, rubric: Rubric, lang: str) -> None:
        super().__init__()
        self.criterion = criterion
        self._text = criterion.text.in_language(lang)
        self._scores = [lv.score for lv in rubric.scale]
        self._words = {lv.score: lv.word.in_language(lang) for lv in rubric.scale}
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.group = QButtonGroup(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for score in self._scores:
            button = QRadioButton(f"{score} {self._words[score]}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the row is one stop for Tab
            self.group.addButton(button, score)
            row.addWidget(button)
        row.addStretch(1)
        self.group.idToggled.connect(self._toggled)
        self._said()

    def score(self) -> int | None:
        """The score chosen, or None."""
        chosen = self.group.checkedId()
        return chosen if chosen in self._scores else None

    def set_score(self, score: int | None) -> None:
        """Choose a score (None: none, as before the coach chose)."""
        if score is None or score not in self._scores:
            self.group.setExclusive(False)
            for button in self.group.buttons():
                button.setChecked(False)
            self.group.setExclusive(True)
            self._said()
        else:
            self.group.button(score).setChecked(True)

    def _toggled(self, _score: int, on: bool) -> None:
        if on:
            self._said()

    def _said(self) -> None:
        score = self.score()
        chosen = words.tr("geen score") if score is None else f"{score} {self._words[score]}"
        self.setAccessibleName(f"{self._text}: {chosen}")
        self.changed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        now = self.score()
        at = self._scores.index(now) if now is not None else -1
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Up):
            self.set_score(self._scores[min(at + 1, len(self._scores) - 1)])
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down):
            self.set_score(self._scores[max(at - 1, 0)] if at >= 0 else self._scores[0])
        elif event.text().isdigit() and int(event.text()) in self._scores:
            self.set_score(int(event.text()))
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.set_score(None)
        else:
            super().keyPressEvent(event)


class RubricDialog(QDialog):
    """The rubric of one session; ``assessment()`` is what the coach answered. ``competences``:
    the ones the exercise asks for (``Rubric.targeted``); default all of the rubric's."""

    def __init__(
        self,
        rubric: Rubric,
        session_id: int,
        trainee: str,
        saved: Assessment | None = None,
        coach: str = "",
        parent: QWidget | None = None,
        competences: list[RubricCompetence] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rubricDialog")
        self.rubric, self.session_id = rubric, session_id
        self.competences = list(rubric.competences if competences is None else competences)
        lang = language.current()
        self.setWindowTitle(self.tr("Beoordeling door de coach: %1").replace("%1", trainee))
        self.coach = QLineEdit(saved.coach if saved else coach)
        self.coach.setAccessibleName(self.tr("Naam van de coach"))
        head = QFormLayout()
        head.addRow(self.tr("&Coach:"), self.coach)
        hint = QLabel(
            self.tr(
                "Per criterium: pijltjestoetsen of een cijfer kiezen de score, Delete wist ze; "
                "Tab naar het volgende."
            ),
            wordWrap=True,
        )
        self.choosers: dict[tuple[str, str], ScoreChooser] = {}
        self.comments: dict[str, QPlainTextEdit] = {}
        body = QWidget()
        column = QVBoxLayout(body)
        for competence in self.competences:
            title = f"{competence.code}: {competence.name.in_language(lang)}"
            box = QGroupBox(title)
            box.setAccessibleName(title)
            form = QFormLayout(box)
            # each criterion's sentence above its scores, the width of the dialog: beside
            # them it was squeezed into a narrow column, cut off, with gaps below
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
            part = saved.of(competence.code) if saved else None
            for criterion in competence.criteria:
                chooser = ScoreChooser(criterion, rubric, lang)
                chooser.set_score(part.scores.get(criterion.id) if part else None)
                label = QLabel(criterion.text.in_language(lang), wordWrap=True)
                label.setBuddy(chooser)
                form.addRow(label, chooser)
                self.choosers[(competence.code, criterion.id)] = chooser
            comment = QPlainTextEdit(part.comment if part else "")
            comment.setTabChangesFocus(True)  # Tab leaves the comment, as everywhere else
            comment.setFixedHeight(comment.fontMetrics().lineSpacing() * 3 + 12)
            comment.setAccessibleName(self.tr("Opmerking bij %1").replace("%1", competence.code))
            form.addRow(self.tr("Opmerking"), comment)
            self.comments[competence.code] = comment
            column.addWidget(box)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(body)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the name to a criterion
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Bewaren"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(hint)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(760, 640)

    def showEvent(self, event: QShowEvent) -> None:
        """The coach's name first, once: after that, straight to the first criterion."""
        super().showEvent(event)
        self.activateWindow()
        first = next(iter(self.choosers.values()), None)
        if first is not None and self.coach.text():
            first.setFocus()
        else:
            self.coach.setFocus()

    def _accept(self) -> None:
        """Saved only with the coach's name: an assessment says who made it."""
        if not self.coach.text().strip():
            QMessageBox.information(
                self, self.windowTitle(), self.tr("Vul de naam van de coach in.")
            )
            self.coach.setFocus()
            return
        self.accept()

    def assessment(self) -> Assessment:
        """What the coach answered (criteria not scored are left out)."""
        parts = []
        for competence in self.competences:
            scores: dict[str, int] = {}
            for criterion in competence.criteria:
                score = self.choosers[(competence.code, criterion.id)].score()
                if score is not None:
                    scores[criterion.id] = score
            comment = self.comments[competence.code].toPlainText()
            parts.append(CompetenceAssessment(competence.code, scores, comment))
        return Assessment(self.session_id, self.coach.text(), tuple(parts))


def assess(window: MainWindow) -> Assessment | None:
    """The results page's "Beoordeling" button (Ctrl+B): open the rubric of the session shown
    (its exercise's kind), with what was saved before, and save the answers; None when
    cancelled, or when the exercise asks for nothing a coach judges (said, no dialog)."""
    from trainer.core.rubric import load_rubric, rubric_path
    from trainer.core.yaml_source import SourceFileError
    from trainer.paths import assets_dir
    from trainer.ui import messages

    reported = window._reported
    if reported is None:
        return None
    exercise, session_id, result = reported
    trainee = str(getattr(result, "trainee", ""))
    path = rubric_path(assets_dir(), exercise.kind)
    try:
        rubric = load_rubric(path) if path.is_file() else None
    except SourceFileError as exc:
        said = "\n".join(messages.problem(p) for p in exc.problems)
        QMessageBox.warning(window, words.tr("Beoordeling"), said)
        return None
    saved = window.store.assessment(session_id)
    competences = rubric.targeted(exercise, saved) if rubric is not None else []
    if rubric is None or not competences:
        QMessageBox.information(
            window,
            words.tr("Beoordeling"),
            words.tr(
                "Deze oefening vraagt geen competenties die alleen een coach kan beoordelen: "
                "er is niets in te vullen. Het resultaat zegt wat de oefening toetst."
            ),
        )
        return None
    coach = getattr(window, "_coach_name", "")  # the last name typed, for the next session
    dialog = RubricDialog(rubric, session_id, trainee, saved, coach, window, competences)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    stored = window.store.save_assessment(dialog.assessment())
    window._coach_name = stored.coach  # type: ignore[attr-defined]
    window.statusBar().showMessage(words.tr("Beoordeling van %1 bewaard.").replace("%1", trainee))
    return stored


def install(window: MainWindow, view: ViewT) -> ViewT:
    """A results page's button and its shortcut (a call's, a copy drill's, a dictation's, a
    chat's or a shift's); returns the page."""
    from PySide6.QtGui import QKeySequence, QShortcut

    view.assess_button.clicked.connect(lambda: assess(window))
    QShortcut(QKeySequence(SHORTCUT), view, lambda: assess(window))
    return view


def assess_button() -> QPushButton:
    """A results page's button, reached by its shortcut (Ctrl+B) like the others (Alt+I:
    the typing page's Alt+B is "Beluister")."""
    from trainer.ui.results_view import shortcut_only

    button = shortcut_only(QPushButton(words.tr("Beoordel&ing…  (Ctrl+B)")))
    button.setObjectName("assessButton")
    button.setToolTip(
        words.tr(
            "Met de rubriek beoordelen wat alleen een coach kan zien of horen: de communicatie, "
            "de typtechniek en de houding"
        )
    )
    return button
