"""The exam screen's widgets: its pages (check-in, resume offer, instructions, a part, between
parts, the end, the supervisor's page) and the copy part's typing field. ``ExamWindow``
(``trainer.ui.exam_window``) is the controller that shows them and wires them to the run.
GUI thread only.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.core.exam_package import ExamPackage
from trainer.core.exam_run import ExamRun
from trainer.ui.dictation_view import DictationView


class ExamTyping(QPlainTextEdit):
    """Where the candidate types: every key goes to the run's journal first, then onto the
    screen; text is only added or taken back at its end (no mouse, no paste, no shortcuts)."""

    leaveAsked = Signal()
    writeFailed = Signal(object)  # the OSError: the key is kept, the disk refused it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run: ExamRun | None = None
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setTabChangesFocus(False)
        self.setUndoRedoEnabled(False)
        self.setAcceptDrops(False)
        self.viewport().setCursor(Qt.CursorShape.IBeamCursor)

    def show_typed(self, text: str) -> None:
        """Show what was typed so far (a resumed part)."""
        self.setPlainText(text)
        self.moveCursor(self.textCursor().MoveOperation.End)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.leaveAsked.emit()
            return
        if self.run is None or not self.run.running:
            return
        if key == Qt.Key.Key_Backspace:
            try:
                self.run.key(key="Backspace")
            except OSError as exc:
                self.writeFailed.emit(exc)
            self.moveCursor(self.textCursor().MoveOperation.End)
            self.textCursor().deletePreviousChar()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._type("\n")
            return
        mods = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        text = event.text()
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier):
            return  # no paste, no select-all, no undo: what is typed is what was keyed
        if text and text.isprintable():
            self._type(text)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """A dead key's é arrives as a committed string."""
        if event.commitString() and self.run is not None and self.run.running:
            self._type(event.commitString())
        event.accept()

    def mousePressEvent(self, event: Any) -> None:
        self.setFocus()  # the cursor stays at the end

    def mouseDoubleClickEvent(self, event: Any) -> None:
        self.setFocus()

    def _type(self, text: str) -> None:
        assert self.run is not None
        text = unicodedata.normalize("NFC", text)  # é through a dead key is one character
        for char in text:
            try:
                self.run.key(char)
            except OSError as exc:  # kept in memory, written when the disk takes it
                self.writeFailed.emit(exc)
        self.moveCursor(self.textCursor().MoveOperation.End)
        self.insertPlainText(text)


class ExamScreen(QWidget):
    """The exam screen's pages, built once for a package and a candidate; a page at a time in
    ``pages``. Widgets only: ``ExamWindow`` connects them."""

    def __init__(self, package: ExamPackage, candidate: str) -> None:
        super().__init__()
        self.package = package
        self.candidate = candidate
        self.pages = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self._build_check_in()
        self._build_resume()
        self._build_instructions()
        self._build_part()
        self._build_between()
        self._build_end()
        self._build_leave()
        for button in self.findChildren(QPushButton):
            # Enter, as Space, presses the focused button (a plain window's buttons take
            # Space only: a dialog's take both)
            button.setAutoDefault(True)

    # pages ------------------------------------------------------------------------------
    def _page(self) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget(self.pages)
        layout = QVBoxLayout(page)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(page)
        return page, layout

    def _title(self, text: str = "") -> QLabel:
        label = QLabel(text)
        # (a style sheet, not a font: the app's style.qss sets every widget's size)
        label.setStyleSheet("font-size: 18pt; font-weight: 700")
        label.setWordWrap(True)
        return label

    def _problem_label(self) -> QLabel:
        label = _ProblemLabel()
        label.setObjectName("problem")  # (style.qss: white on red)
        label.setWordWrap(True)
        label.hide()
        return label

    def _code_field(self) -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setMaxLength(64)
        return field

    def _build_check_in(self) -> None:
        page, layout = self._page()
        self.check_in = page
        layout.addWidget(self._title(self.package.title))
        layout.addWidget(QLabel(self.tr("Aanmelden voor het examen")))
        form = QFormLayout()
        self.candidate_field = QLineEdit(self.candidate)
        self.candidate_field.setReadOnly(True)  # given by the room's tooling or the supervisor
        self.name_field = QLineEdit()
        self.name_field.setMaxLength(80)
        self.check_in_code = self._code_field()
        number = QLabel(self.tr("Kandidaatnummer"))
        number.setBuddy(self.candidate_field)
        name = QLabel(self.tr("&Naam"))
        name.setBuddy(self.name_field)
        code = QLabel(self.tr("&Code van de toezichter"))
        code.setBuddy(self.check_in_code)
        form.addRow(number, self.candidate_field)
        form.addRow(name, self.name_field)
        form.addRow(code, self.check_in_code)
        layout.addLayout(form)
        self.check_in_problem = self._problem_label()
        layout.addWidget(self.check_in_problem)
        self.check_in_button = QPushButton(self.tr("&Bevestigen"))
        self.check_in_button.setDefault(True)
        layout.addWidget(self.check_in_button)

    def _build_resume(self) -> None:
        page, layout = self._page()
        self.resume_page = page
        layout.addWidget(self._title(self.tr("Examen onderbroken")))
        self.resume_text = QLabel()
        self.resume_text.setWordWrap(True)
        layout.addWidget(self.resume_text)
        self.resume_code = self._code_field()
        label = QLabel(self.tr("&Code van de toezichter"))
        label.setBuddy(self.resume_code)
        layout.addWidget(label)
        layout.addWidget(self.resume_code)
        self.resume_problem = self._problem_label()
        layout.addWidget(self.resume_problem)
        self.resume_button = QPushButton(self.tr("&Hervatten"))
        self.resume_button.setDefault(True)
        self.resume_close_button = QPushButton(self.tr("&Sluiten zonder te hervatten"))
        layout.addWidget(self.resume_button)
        layout.addWidget(self.resume_close_button)

    def _build_instructions(self) -> None:
        page, layout = self._page()
        self.instructions = page
        layout.addWidget(self._title(self.package.title))
        self.instructions_text = QLabel()
        self.instructions_text.setWordWrap(True)
        layout.addWidget(self.instructions_text)
        self.begin_button = QPushButton(self.tr("Het examen &starten"))
        layout.addWidget(self.begin_button)

    def _build_part(self) -> None:
        page = QWidget(self.pages)
        self.pages.addWidget(page)
        self.part_page = page
        layout = QVBoxLayout(page)
        self.part_title = self._title()
        self.clock_label = QLabel()
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.clock_label.setObjectName("examClock")
        # large enough to read from the candidate's chair (a style sheet: style.qss sets sizes)
        self.clock_label.setStyleSheet(
            'font-size: 36pt; font-weight: 700; font-family: "DejaVu Sans Mono", monospace'
        )
        self.clock_label.setAccessibleName(self.tr("Resterende tijd"))
        layout.addWidget(self.part_title)
        layout.addWidget(self.clock_label)
        self.write_problem = self._problem_label()
        self.write_problem.hide()
        layout.addWidget(self.write_problem)
        self.reference = QPlainTextEdit()
        self.reference.setReadOnly(True)
        self.reference.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.reference.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.reference.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.body = QStackedWidget(page)
        copy_body = QWidget(self.body)
        copy_layout = QVBoxLayout(copy_body)
        copy_layout.setContentsMargins(0, 0, 0, 0)
        copy_layout.addWidget(self.reference, 2)
        self.typing = ExamTyping()
        copy_layout.addWidget(self.typing, 3)
        self.body.addWidget(copy_body)
        self.copy_body = copy_body
        self.dictation_view = DictationView(self.body)
        self.body.addWidget(self.dictation_view)
        layout.addWidget(self.body, 1)

    def _build_between(self) -> None:
        page, layout = self._page()
        self.between = page
        self.between_text = QLabel()
        self.between_text.setWordWrap(True)
        layout.addWidget(self.between_text)
        self.next_button = QPushButton(self.tr("Volgend onderdeel &starten"))
        layout.addWidget(self.next_button)

    def _build_end(self) -> None:
        page, layout = self._page()
        self.end_page = page
        layout.addWidget(self._title(self.tr("Het examen is voorbij")))
        self.end_text = QLabel()
        self.end_text.setWordWrap(True)
        self.end_text.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.end_text)
        # the supervisor walks up to a screen with nothing to press: how it is closed
        self.end_hint = QLabel(self.tr("Voor de toezichter: Esc, dan de code, sluit dit scherm."))
        self.end_hint.setWordWrap(True)
        layout.addWidget(self.end_hint)

    def _build_leave(self) -> None:
        page, layout = self._page()
        self.leave_page = page
        layout.addWidget(self._title(self.tr("Het examen verlaten")))
        self.leave_text = QLabel()  # (worded as the page opens: a part running or not)
        self.leave_text.setWordWrap(True)
        layout.addWidget(self.leave_text)
        self.leave_code = self._code_field()
        label = QLabel(self.tr("&Code van de toezichter"))
        label.setBuddy(self.leave_code)
        layout.addWidget(label)
        layout.addWidget(self.leave_code)
        self.leave_problem = self._problem_label()
        layout.addWidget(self.leave_problem)
        self.leave_button = QPushButton(self.tr("&Verlaten"))
        self.back_button = QPushButton(self.tr("&Terug naar het examen"))
        layout.addWidget(self.leave_button)
        layout.addWidget(self.back_button)

    def say_leaving(self, running: bool, finished: bool) -> None:
        """The supervisor's page says what leaving does now: a part's clock runs on while it
        is open; after the last part nothing more is to be done."""
        if running:
            text = self.tr("Alleen de toezichter kan het examen verlaten. De tijd loopt door.")
        elif finished:
            text = self.tr(
                "Het examen is voorbij en bewaard. Alleen de toezichter sluit dit scherm."
            )
        else:
            text = self.tr(
                "Alleen de toezichter kan het examen verlaten. Er loopt nu geen onderdeel."
            )
        self.leave_text.setText(text)


class _ProblemLabel(QLabel):
    """A problem said on a page: shown only while it says something (an empty one would be
    a red bar)."""

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        super().clear()
        self.hide()
