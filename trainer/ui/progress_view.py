"""The coach's "Voortgang" window: a trainee's progress over time as charts, a group's
comparison table, and the per-key and per-finger statistics of all their keystrokes.

Opened from the home screen (Ctrl+G or "Voortgang…"); everything is reached by keys: Alt+C the
trainee, Alt+P the period, Ctrl+Tab the tabs, Enter on a row of the group table opens that
trainee's charts, Ctrl+1/2/3 the tabs, Escape closes. The series come from the stored results at
once; the per-key statistics read every journal again when the keys tab is first shown, in a
worker thread with a progress bar (each session's part is kept, in memory and in the data
folder's ``key-statistics/``, ``trainer.store.progress.KeyPartsCache``).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.core.progress import (
    ANSWER_TIME,
    DATA_ENTRY,
    ENTRY_TIME,
    ERROR_RATE,
    PASS_RATE,
    PERIODS,
    SPEED,
    Progress,
)
from trainer.store.progress import KEYS_CACHE, KeyPartsCache, trainee_progress
from trainer.ui import words
from trainer.ui.progress_charts import Chart, Series
from trainer.ui.progress_keys import GroupTable, KeysPanel

if TYPE_CHECKING:
    from trainer.core.key_stats import KeyStats
    from trainer.core.keyboard import KeyboardLayout
    from trainer.core.loader import Catalog
    from trainer.store import Store

_CACHES: dict[Path, KeyPartsCache] = {}  # per data folder, for the run of the app


def keys_cache(store: Store) -> KeyPartsCache:
    """The per-key parts kept for this store's sessions (in memory and in its folder)."""
    folder = store.folder
    if folder not in _CACHES:
        _CACHES[folder] = KeyPartsCache(folder / KEYS_CACHE)
    return _CACHES[folder]


class _Worker(QObject):
    """Hands the worker thread's progress and result to the GUI thread (queued signals)."""

    progressed = Signal(int, int)  # (done, token)
    finished = Signal(object, int)  # ((KeyStats, skipped), token)


class ProgressDialog(QDialog):
    """A trainee's progress; ``trainee_id`` the one shown first."""

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        transcripts: Mapping[str, str],
        trainee_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("progressDialog")
        self.resize(1180, 760)
        self._store, self._catalog, self._transcripts = store, catalog, transcripts
        self._token = 0  # the key statistics asked for last; older answers are dropped
        self._worker = _Worker(self)
        self._worker.progressed.connect(self._on_keys_progressed)
        self._worker.finished.connect(self._on_keys_done)
        self._stop = threading.Event()
        self.shown: Progress | None = None
        self.key_stats: KeyStats | None = None
        self._keys_for: int | None = None  # the trainee whose keys are read or shown

        self.trainee_combo = QComboBox()
        for trainee in store.trainees(archived=False):
            self.trainee_combo.addItem(trainee.name, trainee.id)
        self._trainee_label = QLabel()
        self._trainee_label.setBuddy(self.trainee_combo)
        self.period_combo = QComboBox()
        self._period_label = QLabel()
        self._period_label.setBuddy(self.period_combo)
        top = QHBoxLayout()
        for w in (self._trainee_label, self.trainee_combo, self._period_label, self.period_combo):
            top.addWidget(w)
        top.addStretch(1)
        self.summary = QLabel()
        top.addWidget(self.summary)

        # (named in the language shown by ``retranslate``)
        self.speed = Chart("", "")
        self.errors = Chart("", "", percent=True)
        self.passes = Chart("", "", percent=True, whole=True)
        self.entry = Chart("", "", percent=True, whole=True)
        self.reaction = Chart("", "")
        self.competences = Chart("", "", percent=True, whole=True)
        self.competences.legend.setColumnCount(2)  # (eight codes over half the chart)
        charts = QWidget()
        grid = QGridLayout(charts)
        for i, chart in enumerate(self.charts()):
            grid.addWidget(chart, i // 3, i % 3)

        self.group = GroupTable(store)
        self.keys = KeysPanel()
        self.tabs = QTabWidget()
        self.tabs.addTab(charts, "")
        self.tabs.addTab(self.group, "")
        self.tabs.addTab(self.keys, "")
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        self.close_button.setAutoDefault(False)  # Enter belongs to the table and lists
        buttons = QDialogButtonBox()
        # the trainee's competence portfolio, saved as PDF or HTML (trainer.ui.report)
        self.portfolio_button = QPushButton()
        self.portfolio_button.setObjectName("portfolioButton")
        self.portfolio_button.setAutoDefault(False)
        self.portfolio_button.clicked.connect(self.save_portfolio)
        buttons.addButton(self.portfolio_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.retranslate()

        index = self.trainee_combo.findData(trainee_id) if trainee_id is not None else -1
        self.trainee_combo.setCurrentIndex(max(index, 0))
        self.period_combo.setCurrentIndex(PERIODS.index("week"))
        self._connect_signals()
        self._on_trainee_changed()
        shown = store.trainee(trainee_id) if trainee_id is not None else None
        self.group.choose_group(shown.group_id if shown else None)  # their group, compared
        self.trainee_combo.setFocus()

    def charts(self) -> list[Chart]:
        """The charts, in the order shown (left to right, top to bottom)."""
        return [self.speed, self.errors, self.passes, self.entry, self.reaction, self.competences]

    def retranslate(self) -> None:
        """Every fixed text in the language installed now."""
        self.setWindowTitle(self.tr("Voortgang"))
        self.close_button.setText(self.tr("Sluiten"))
        self.portfolio_button.setText(self.tr("P&ortfolio…"))
        self.portfolio_button.setToolTip(
            self.tr("Het competentieportfolio van deze cursist bewaren als PDF of HTML")
        )
        self._trainee_label.setText(self.tr("&Cursist:"))
        self._period_label.setText(self.tr("&Per:"))
        current = self.period_combo.currentIndex()
        self.period_combo.blockSignals(True)  # (the same period, other words)
        self.period_combo.clear()
        self.period_combo.addItems([self.tr("sessie"), self.tr("week"), self.tr("maand")])
        self.period_combo.setCurrentIndex(max(current, 0))
        self.period_combo.blockSignals(False)
        self.trainee_combo.setAccessibleName(self.tr("Cursist"))
        self.period_combo.setAccessibleName(self.tr("Periode van een punt"))
        for chart, title, unit in (
            (self.speed, self.tr("Snelheid"), self.tr("netto woorden per minuut")),
            (self.errors, self.tr("Foutpercentage"), self.tr("fouten (%)")),
            (self.passes, self.tr("Geslaagd"), self.tr("sessies (%)")),
            (self.entry, self.tr("Gegevensinvoer"), self.tr("velden juist (%)")),
            (self.reaction, self.tr("Reactietijden"), self.tr("seconden")),
            (
                self.competences,
                self.tr("Competenties"),
                self.tr("aangetoond in de laatste 10 gesprekken (%)"),
            ),
        ):
            chart.set_names(title, unit)
        self.tabs.setTabText(0, self.tr("&Grafieken"))
        self.tabs.setTabText(1, self.tr("G&roep"))
        self.tabs.setTabText(2, self.tr("&Toetsen"))

    def changeEvent(self, event: QEvent) -> None:
        """Another language (a trainee of another language chosen on the home screen): the
        texts, the legends and the numbers on the axes follow. (A closed window, waiting to be
        deleted, asks the store nothing: the main window may have closed it.)"""
        if (
            event.type() == QEvent.Type.LanguageChange
            and hasattr(self, "tabs")
            and self.isVisible()
        ):
            self.retranslate()
            self.group.retranslate()
            self.keys.retranslate()
            self._show_charts()
        super().changeEvent(event)

    def _connect_signals(self) -> None:
        self.trainee_combo.currentIndexChanged.connect(self._on_trainee_changed)
        self.period_combo.currentIndexChanged.connect(self._on_period_changed)
        self.group.openTrainee.connect(self._on_open_trainee)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        for keys, index in (("Ctrl+1", 0), ("Ctrl+2", 1), ("Ctrl+3", 2)):
            QShortcut(QKeySequence(keys), self, lambda i=index: self.tabs.setCurrentIndex(i))

    # the charts ------------------------------------------------------------------------
    def trainee_id(self) -> int | None:
        """The trainee shown."""
        data = self.trainee_combo.currentData()
        return int(data) if data is not None else None

    def save_portfolio(self) -> Path | None:
        """Save the shown trainee's portfolio where the coach says; None: not saved."""
        from trainer.ui.report.portfolio_save import save_portfolio_as

        trainee_id = self.trainee_id()
        trainee = self._store.trainee(trainee_id) if trainee_id is not None else None
        if trainee is None:
            return None
        return save_portfolio_as(self, self._store, trainee, self._catalog)

    def _on_period_changed(self, *_args: object) -> None:
        self._show_charts()

    def _on_trainee_changed(self, *_args: object) -> None:
        self._show_charts()
        self._keys_for = None  # read again when the keys are next shown
        if self.tabs.currentWidget() is self.keys:
            self._start_keys()

    def _on_tab_changed(self, *_args: object) -> None:
        # the journals are read when the keys are first looked at: a worker thread reading
        # 200 journals would share Python with the charts being drawn
        if self.tabs.currentWidget() is self.keys and self._keys_for != self.trainee_id():
            self._start_keys()

    def _show_charts(self) -> None:
        trainee_id = self.trainee_id()
        if trainee_id is None:
            return
        period = PERIODS[max(self.period_combo.currentIndex(), 0)]
        shown = trainee_progress(self._store, trainee_id, period)
        self.shown = shown
        s = shown.series
        self.speed.show_series([Series(SPEED, self.tr("netto snelheid (mediaan)"), s[SPEED])])
        margin = self.tr("marge %1").replace("%1", words.percent(shown.margin, 0))
        self.errors.show_series(
            [Series(ERROR_RATE, self.tr("foutpercentage (mediaan)"), s[ERROR_RATE])],
            limit=(shown.margin, margin),
        )
        self.passes.show_series([Series(PASS_RATE, self.tr("geslaagd"), s[PASS_RATE])])
        self.entry.show_series(
            [Series(DATA_ENTRY, self.tr("velden juist ingevuld"), s[DATA_ENTRY])]
        )
        self.reaction.show_series(
            [
                Series(ANSWER_TIME, self.tr("opnemen na het rinkelen"), s[ANSWER_TIME]),
                Series(ENTRY_TIME, self.tr("invoeren na het zeggen"), s[ENTRY_TIME], colour=1),
            ]
        )
        self.competences.show_series(
            [
                Series(code, code, points, colour=i)
                for i, (code, points) in enumerate(shown.competences.items())
            ]
        )
        for chart in self.charts():
            chart.setToolTip(chart.describe(self.series_names()))
            chart.setAccessibleDescription(chart.describe(self.series_names()))
        self.summary.setText(
            words.count(shown.sessions, self.tr("%n sessie"), self.tr("%n sessies"))
        )

    def series_names(self) -> dict[str, str]:
        """Each series' name as its legend says it (competences by their code)."""
        return {
            SPEED: self.tr("netto snelheid (mediaan)"),
            ERROR_RATE: self.tr("foutpercentage (mediaan)"),
            PASS_RATE: self.tr("geslaagd"),
            DATA_ENTRY: self.tr("velden juist ingevuld"),
            ANSWER_TIME: self.tr("opnemen na het rinkelen"),
            ENTRY_TIME: self.tr("invoeren na het zeggen"),
        }

    def _on_open_trainee(self, trainee_id: int) -> None:
        index = self.trainee_combo.findData(trainee_id)
        if index >= 0:
            self.trainee_combo.setCurrentIndex(index)
            self.tabs.setCurrentIndex(0)

    # the keys --------------------------------------------------------------------------
    def _start_keys(self) -> None:
        """Read the trainee's journals for the per-key statistics in a worker thread."""
        from trainer.core.key_stats import key_stats
        from trainer.core.keyboard import LAYOUT_OF_LANGUAGE, load_layout
        from trainer.paths import assets_dir
        from trainer.store.progress import journaled, key_parts

        trainee_id = self.trainee_id()
        self._stop.set()  # an older worker stops at its next journal
        self._stop = stop = threading.Event()
        self._token += 1
        token = self._token
        self.key_stats = None
        self._keys_for = trainee_id
        if trainee_id is None:
            return
        trainee = self._store.trainee(trainee_id)
        # the keyboard chosen for the trainee (Cursisten…), else the usual one for their language
        language = (trainee.language if trainee else None) or "nl"
        chosen = trainee.keyboard if trainee else None
        code = chosen or LAYOUT_OF_LANGUAGE.get(language, "be")
        layout = load_layout(assets_dir() / "keyboards" / f"{code}.json")
        sessions = journaled(self._store, trainee_id)
        self.keys.show_busy(len(sessions))
        catalog, transcripts, worker = self._catalog, self._transcripts, self._worker
        cache = keys_cache(self._store)

        def progress(done: int) -> bool:
            worker.progressed.emit(done, token)
            return not stop.is_set()

        def work() -> None:
            cache.load(trainee_id)
            parts, skipped = key_parts(sessions, catalog, transcripts, layout, cache, progress)
            if not stop.is_set():
                cache.save(trainee_id, sessions)
                worker.finished.emit((layout, key_stats(layout, parts), skipped), token)

        threading.Thread(target=work, name="key-statistics", daemon=True).start()

    def _on_keys_progressed(self, done: int, token: int) -> None:
        if token == self._token:
            self.keys.show_progress(done)

    def _on_keys_done(self, answer: object, token: int) -> None:
        if token != self._token:
            return
        layout: KeyboardLayout
        stats: KeyStats
        skipped: int
        layout, stats, skipped = answer  # type: ignore[misc]
        self.key_stats = stats
        self.keys.show_stats(layout, stats, skipped)

    def done(self, result: int) -> None:
        """Closing stops the worker at its next journal."""
        self._stop.set()
        super().done(result)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in the group table opens a trainee, not the dialog's default button."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.group.hasFocus():
            return
        super().keyPressEvent(event)
