"""The evaluators' screen (Ctrl+E, 'Evaluatie…'): a candidate's exam parts with the evidence
per competence, two evaluators' verdicts, the sealed sign-off and the bundle for the test
centre.

Keyboard first: Alt+X chooses the exam, the parts table and the competences read with the
arrows, Alt+R saves a part's report, Alt+1 / Alt+2 go to each evaluator's name, Alt+B keeps
the verdicts, Alt+T signs off, Alt+U exports the bundle, Escape closes. What is refused (one
evaluator twice, a disagreement, altered evidence) is said under the verdicts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer.core.messages import Said
from trainer.ui import messages, words
from trainer.ui.busy import waiting
from trainer.ui.tables import filling

if TYPE_CHECKING:
    from trainer.store.exam_sheet import ExamSheet
    from trainer.store.verdicts import Verdict
    from trainer.ui.main_window import MainWindow


class SeatBox(QGroupBox):
    """One evaluator's seat: name, verdict, comment."""

    def __init__(self, seat: int) -> None:
        super().__init__()
        self.seat = seat
        self.name = QLineEdit()
        self.verdict = QComboBox()
        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)
        self.comment.setMaximumHeight(70)
        form = QFormLayout(self)
        self.name_label = QLabel()
        self.name_label.setBuddy(self.name)
        form.addRow(self.name_label, self.name)
        self.verdict_label = QLabel()
        form.addRow(self.verdict_label, self.verdict)
        self.comment_label = QLabel()
        form.addRow(self.comment_label, self.comment)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Evaluator %1").replace("%1", str(self.seat)))
        self.name_label.setText(self.tr("Naam (&%1)").replace("%1", str(self.seat)))
        self.verdict_label.setText(self.tr("Oordeel"))
        self.comment_label.setText(self.tr("Commentaar"))
        chosen = self.verdict.currentIndex()
        self.verdict.clear()
        self.verdict.addItems(["—", self.tr("Geslaagd"), self.tr("Niet geslaagd")])
        self.verdict.setCurrentIndex(max(chosen, 0))

    def show_verdict(self, verdict: Verdict | None) -> None:
        self.name.setText(verdict.evaluator if verdict else "")
        self.verdict.setCurrentIndex(0 if verdict is None else 1 if verdict.passed else 2)
        self.comment.setPlainText(verdict.comment if verdict else "")

    def given(self, exam: str) -> Verdict | None:
        """The verdict filled in (None: nothing chosen in this seat)."""
        if self.verdict.currentIndex() == 0 and not self.name.text().strip():
            return None
        passed = self.verdict.currentIndex() == 1
        from trainer.store.verdicts import Verdict  # (the store: not before the first frame)

        return Verdict(exam, self.seat, self.name.text(), passed, self.comment.toPlainText())


class EvaluatorsDialog(QDialog):
    """The evaluators' screen over the store's exams (``trainer.store.exam_sheet``)."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.sheets: list[ExamSheet] = []
        self.exam = QComboBox()
        self.exam_label = QLabel()
        self.exam_label.setBuddy(self.exam)
        self.parts = QTableWidget(0, 5)
        self.competences = QTableWidget(0, 0)
        for table in (self.parts, self.competences):
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
            table.setTabKeyNavigation(False)
        self.report_button = QPushButton()
        from trainer.store.verdicts import SEATS  # (the store: not before the first frame)

        self.seats = [SeatBox(seat) for seat in SEATS]
        self.save_button = QPushButton()
        self.sign_button = QPushButton()
        self.export_button = QPushButton()
        self.said = QLabel(wordWrap=True)
        self.said.setObjectName("evaluatorsSaid")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self._build()
        self._connect_signals()
        self.retranslate()
        self.load()

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.exam_label)
        top.addWidget(self.exam, 1)
        seats = QHBoxLayout()
        for box in self.seats:
            seats.addWidget(box)
        actions = QHBoxLayout()
        actions.addWidget(self.report_button)
        actions.addStretch(1)
        for button in (self.save_button, self.sign_button, self.export_button):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        self.parts_label, self.competences_label = QLabel(), QLabel()
        self.parts_label.setBuddy(self.parts)
        self.competences_label.setBuddy(self.competences)
        for widget in (self.parts_label, self.parts, self.competences_label, self.competences):
            layout.addWidget(widget)
        layout.addLayout(seats)
        layout.addLayout(actions)
        layout.addWidget(self.said)
        layout.addWidget(self.buttons)
        # the parts' seals in sight: every column as wide as it needs but the exercise's and
        # the seal's, which share what is left (cut short with '…' after the seal's first
        # word, whole in their tooltips)
        header = self.parts.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        room = self.window_.screen().availableGeometry()
        self.resize(min(1280, room.width() - 40), min(720, room.height() - 40))

    def _connect_signals(self) -> None:
        self.exam.currentIndexChanged.connect(self._on_exam_chosen)
        self.report_button.clicked.connect(self._on_report)
        self.save_button.clicked.connect(self._on_save)
        self.sign_button.clicked.connect(self._on_sign)
        self.export_button.clicked.connect(self._on_export)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self._on_save)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Evaluatie van examens"))
        self.exam_label.setText(self.tr("E&xamen:"))
        self.parts_label.setText(self.tr("&Onderdelen"))
        self.competences_label.setText(self.tr("Bewijs per &competentie"))
        self.parts.setHorizontalHeaderLabels(
            [
                self.tr("Onderdeel"),
                self.tr("Oefening"),
                self.tr("Automatisch oordeel"),
                self.tr("Foutenpercentage"),
                self.tr("Verzegeling"),
            ]
        )
        self.report_button.setText(self.tr("&Rapport…"))
        self.save_button.setText(self.tr("Oordelen &bewaren  (Ctrl+Enter)"))
        self.sign_button.setText(self.tr("Af&tekenen"))
        self.export_button.setText(self.tr("B&undel exporteren…"))

    # --- what is shown -------------------------------------------------------------------

    def load(self, exam: str | None = None) -> None:
        """Read the exams from the store again; ``exam``: the one to show."""
        problem = self._read_sheets()
        self.exam.blockSignals(True)
        self.exam.clear()
        for sheet in self.sheets:
            self.exam.addItem(f"{sheet.candidate} — {sheet.exam}", sheet.exam)
        names = [s.exam for s in self.sheets]
        self.exam.setCurrentIndex(names.index(exam) if exam in names else 0)
        self.exam.blockSignals(False)
        self._on_exam_chosen()
        if problem:
            self.said.setText(problem)

    def central_url(self) -> str | None:
        """The central store's URL when one is named (the environment's, else the
        settings'): the exams are then the whole room's, read from there."""
        from trainer.store.upload import database_url

        return database_url(self.window_.settings.database_url)

    def _read_sheets(self) -> str:
        """Read the exams: this store's, or the central store's; returns what could not be
        read (the server gone: the exams as last fetched, said)."""
        from trainer.store.exam_sheet import exam_sheets  # (the seals: not at start-up)

        store = self.window_.store
        url = self.central_url()
        if url is None:
            self.sheets = exam_sheets(store)
            return ""
        from trainer.store.central_exams import cached_sheets, fetch

        try:
            results = fetch(url, store.folder)
        except Said as exc:
            self.sheets = cached_sheets(store.folder, {})
            return self.tr("Zoals laatst opgehaald: %1").replace("%1", messages.of_exception(exc))
        self.sheets = cached_sheets(store.folder, results)
        return ""

    def sheet(self) -> ExamSheet | None:
        index = self.exam.currentIndex()
        return self.sheets[index] if 0 <= index < len(self.sheets) else None

    def _on_exam_chosen(self) -> None:
        sheet = self.sheet()
        self._show_parts(sheet)
        self._show_competences(sheet)
        verdicts = self._verdicts(sheet)
        for box in self.seats:
            box.show_verdict(verdicts.get(box.seat))
            box.setEnabled(sheet is not None and not sheet.signed_off)
        self.save_button.setEnabled(sheet is not None and not sheet.signed_off)
        self.sign_button.setEnabled(sheet is not None and not sheet.signed_off)
        self.export_button.setEnabled(sheet is not None and sheet.signed_off)
        self.report_button.setEnabled(sheet is not None)
        self.said.setText(self._state(sheet))

    def _verdicts(self, sheet: ExamSheet | None) -> dict[int, Verdict]:
        """The verdicts kept here; for an exam signed off on another station (read from the
        central store), the ones its sign-off holds."""
        if sheet is None:
            return {}
        kept = self.window_.store.verdicts(sheet.exam)
        if kept or not sheet.signed_off:
            return kept
        from trainer.store.exam_sheet import signed_verdicts

        return signed_verdicts(sheet)

    def _state(self, sheet: ExamSheet | None) -> str:
        if sheet is None:
            return self.tr("Er zijn nog geen examens in deze opslag.")
        if sheet.signed_off:
            return self.tr("Afgetekend en verzegeld: de oordelen liggen vast.")
        if not sheet.intact:
            return self.tr("Let op: niet elk onderdeel is ongewijzigd verzegeld.")
        from trainer.store.exam_sheet import decision

        found = decision(self.window_.store.verdicts(sheet.exam))
        if found is None:
            return self.tr("Twee evaluatoren geven elk hun oordeel; dan aftekenen.")
        return self.tr("Beide evaluatoren: %1. Klaar om af te tekenen.").replace(
            "%1", self.tr("geslaagd") if found == "pass" else self.tr("niet geslaagd")
        )

    def _show_parts(self, sheet: ExamSheet | None) -> None:
        parts = sheet.parts if sheet else ()
        with filling(self.parts):  # (the columns fitted once, at the end)
            self.parts.setRowCount(len(parts))
            for row, part in enumerate(parts):
                result = part.row.result or {}
                rate = result.get("error_rate", part.row.error_rate)
                seal = part.seal
                if seal is None or seal.status != "intact":
                    why = messages.text(seal.why) if seal is not None and seal.why else ""
                    sealed = self.tr("NIET GELDIG: %1").replace("%1", why)
                else:
                    sealed = (
                        self.tr("ongewijzigd ('%1', %2)")
                        .replace("%1", seal.station)
                        .replace("%2", seal.sealed_at)
                    )
                cells = [
                    part.name,
                    part.row.exercise_title or part.row.exercise_id,
                    self.tr("geslaagd") if part.row.passed else self.tr("niet geslaagd"),
                    "" if rate is None else words.percent(float(rate)),
                    sealed,
                ]
                for column, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setToolTip(text)
                    self.parts.setItem(row, column, item)
        if parts:
            self.parts.selectRow(0)

    def _show_competences(self, sheet: ExamSheet | None) -> None:
        parts = sheet.parts if sheet else ()
        codes = list(dict.fromkeys(code for p in parts for code, _ in p.evidence))
        self.competences.setRowCount(len(codes))
        self.competences.setColumnCount(1 + len(parts))
        self.competences.setHorizontalHeaderLabels(
            [self.tr("Competentie")] + [p.name for p in parts]
        )
        for row, code in enumerate(codes):
            # the standard's code first, as the report and the portfolio give it
            named = f"{code}  {words.competence_name(code)}"
            self.competences.setItem(row, 0, QTableWidgetItem(named))
            for column, part in enumerate(parts, start=1):
                shown = dict(part.evidence).get(code)
                text = (
                    ""
                    if shown is None
                    else self.tr("getoond")
                    if shown
                    else self.tr("niet getoond")
                )
                self.competences.setItem(row, column, QTableWidgetItem(text))
        self.competences.resizeColumnsToContents()

    # --- what the evaluators do ----------------------------------------------------------

    def _on_save(self) -> None:
        sheet = self.sheet()
        if sheet is None or sheet.signed_off:
            return
        from trainer.store.exam_sheet import record_verdict

        try:
            for box in self.seats:
                given = box.given(sheet.exam)
                if given is not None:
                    if box.verdict.currentIndex() == 0:
                        box.verdict.setFocus()
                        self.said.setText(
                            self.tr("Evaluator %1: kies een oordeel.").replace("%1", str(box.seat))
                        )
                        return
                    record_verdict(self.window_.store, sheet, given)
        except Said as exc:
            self.said.setText(messages.of_exception(exc))
            return
        self.load(sheet.exam)

    def _on_sign(self) -> None:
        sheet = self.sheet()
        if sheet is None:
            return
        from trainer.store.exam_sheet import sign_off

        try:
            sign_off(self.window_.store, sheet)
        except Said as exc:
            self.said.setText(messages.of_exception(exc))
            return
        central = getattr(self.window_, "_central", None)
        if central is not None:  # the sign-off waits in the outbox: sent now
            central.uploader.nudge()
        self.load(sheet.exam)
        self.export_button.setFocus()

    def _on_report(self) -> None:
        sheet = self.sheet()
        row = self.parts.currentRow()
        if sheet is None or not 0 <= row < len(sheet.parts):
            return
        from trainer.store.past_result import past_result
        from trainer.ui.report.save import save_report_as

        part = sheet.parts[row]
        window = self.window_
        try:
            shown = past_result(
                part.row, window.catalog, window.clips.transcripts, window.store.folder
            )
        except Said as exc:
            self.said.setText(messages.of_exception(exc))
            return
        save_report_as(
            self,
            shown.exercise,
            part.row.journal_path,
            shown.result,
            window.clips.transcripts,
            clips=window.clips,  # (not the manifest read again for a call's sounds)
        )

    def _on_export(self) -> None:
        sheet = self.sheet()
        if sheet is None:
            return
        from trainer.ui.exam_bundle import bundle_name, write_bundle

        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Bundel voor het testcentrum"),
            str(Path.home() / bundle_name(sheet)),
            self.tr("Zip-bestand (*.zip)"),
        )
        if not chosen:
            return
        out = Path(chosen) if chosen.lower().endswith(".zip") else Path(chosen + ".zip")
        window = self.window_
        try:
            with waiting():  # each part scored and reported as PDF: a second or two in all
                write_bundle(
                    out, sheet, window.catalog, window.clips, data_folder=window.store.folder
                )
        except Said as exc:
            self.said.setText(messages.of_exception(exc))
            return
        except OSError as exc:
            self.said.setText(
                self.tr("De bundel kon niet worden bewaard in %1: %2")
                .replace("%1", str(out))
                .replace("%2", exc.strerror or str(exc))
            )
            return
        self.said.setText(self.tr("Bundel bewaard: %1").replace("%1", str(out)))


def open_evaluators(window: MainWindow) -> EvaluatorsDialog:
    """Open the evaluators' screen (modal over the window)."""
    dialog = EvaluatorsDialog(window)
    dialog.open()
    dialog.exam.setFocus()
    return dialog
