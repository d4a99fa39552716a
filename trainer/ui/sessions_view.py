"""The coach's sessions list ("Sessies"): every session of the store, filtered and sorted.

The filters become one ``SessionFilter`` (trainee, group, kind and language as exercise ids,
mode, verdict, days), read through ``Store.sessions(..., brief=True)``; archived trainees are
left out unless asked for. Enter or a double-click on a row opens its result
(``openRequested``); Escape goes back (``backRequested``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainer.store.session_filter import SessionFilter, exercise_ids
from trainer.ui import words
from trainer.ui.busy import waiting
from trainer.ui.seal_marks import SealMarks
from trainer.ui.sessions_model import SessionsModel, listed

if TYPE_CHECKING:
    from trainer.core.loader import Catalog
    from trainer.store import Store

_NO_DAY = QDate(2000, 1, 1)  # the dates' minimum, shown as "—": no limit


# a filter's change waits this long for the next before the store is read again
REFRESH_AFTER_MS = 250


class SessionsView(QWidget):
    """The sessions list with its filters; ``load`` fills it from a store."""

    openRequested = Signal(int)  # a session's id
    replayRequested = Signal(int)  # a session's id: its replay (Ctrl+J)
    backRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionsView")
        self._store: Store | None = None
        self._catalog: Catalog | None = None
        # a filter changed: read the store once the changes stop (a date stepped day by day
        # with the arrow keys, a list gone through: 0.5 s each on 10,000 sessions)
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_AFTER_MS)
        self._refresh_timer.timeout.connect(self._on_filters_still)
        self.title = QLabel()
        self.title.setObjectName("sessionsTitle")

        self.trainee = QComboBox()
        self.group = QComboBox()
        self.kind = QComboBox()
        self.language = QComboBox()
        self.mode = QComboBox()
        self.passed = QComboBox()
        self.since = _date_edit()
        self.until = _date_edit()
        self.archived = QCheckBox()
        self._labels: list[tuple[QLabel, QWidget]] = []
        grid = QGridLayout()
        for n, widget in enumerate(
            (
                self.trainee,
                self.group,
                self.kind,
                self.language,
                self.mode,
                self.passed,
                self.since,
                self.until,
            )
        ):
            label = QLabel()
            label.setBuddy(widget)
            self._labels.append((label, widget))
            grid.addWidget(label, 0, n)
            grid.addWidget(widget, 1, n)
        grid.addWidget(self.archived, 2, 0, 1, 3)

        self.model = SessionsModel(self)
        self.model.watch_seals(SealMarks(lambda: self._store, self))
        self.table = QTableView()
        self.table.setObjectName("sessionsTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        # rows of one line, columns by their header: nothing measures 10,000 rows' texts
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(200)  # columns fit the first 200 rows, not 10,000
        self._fitted = False
        self.table.activated.connect(self._on_activated)  # Enter, and a double-click
        self.count = QLabel()
        self.count.setObjectName("sessionsCount")

        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_current)
        self.replay_button = QPushButton()
        self.replay_button.setObjectName("sessionsReplay")
        self.replay_button.clicked.connect(self.replay_current)
        QShortcut(QKeySequence("Ctrl+J"), self, self.replay_current)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.backRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.replay_button)
        buttons.addWidget(self.back_button)
        QShortcut(QKeySequence("Escape"), self, self.backRequested.emit)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.retranslate()
        for combo in (self.trainee, self.group, self.kind, self.language, self.mode, self.passed):
            combo.currentIndexChanged.connect(self.refresh_soon)
        self.since.dateChanged.connect(self.refresh_soon)
        self.until.dateChanged.connect(self.refresh_soon)
        self.archived.toggled.connect(self._on_archived)

    def retranslate(self) -> None:
        """Every fixed text in the language installed now."""
        self.title.setText(self.tr("Sessies"))
        names = (
            self.tr("C&ursist:"),
            self.tr("&Groep:"),
            self.tr("&Soort:"),
            self.tr("Taa&l:"),
            self.tr("&Modus:"),
            self.tr("&Resultaat:"),
            self.tr("&Van:"),
            self.tr("&Tot:"),
        )
        for (label, widget), name in zip(self._labels, names, strict=True):
            label.setText(name)
            widget.setAccessibleName(name.replace("&", "").rstrip(":"))
        self.archived.setText(self.tr("Ook ge&archiveerde cursisten"))
        self.open_button.setText(self.tr("&Openen  (Enter)"))
        self.replay_button.setText(self.tr("Terug&kijken…  (Ctrl+J)"))
        self.back_button.setText(self.tr("Terug  (Esc)"))
        self.table.setAccessibleName(self.tr("Sessies"))
        self.table.setAccessibleDescription(self.tr("Enter of dubbelklikken opent het resultaat."))
        self.model.set_headers(
            [
                self.tr("Wanneer"),
                self.tr("Cursist"),
                self.tr("Groep"),
                self.tr("Oefening"),
                self.tr("Soort"),
                self.tr("Taal"),
                self.tr("Modus"),
                self.tr("wpm"),
                self.tr("Fouten"),
                self.tr("Resultaat"),
            ]
        )
        self._fill_fixed_choices()

    def _fill_fixed_choices(self) -> None:
        everything = self.tr("Alle")
        fixed = (
            (self.kind, [(everything, None)] + [(words.kind_name(k), k) for k in _KINDS]),
            (
                self.language,
                [(everything, None)] + [(words.language_name(c), c) for c in ("nl", "fr", "en")],
            ),
            (
                self.mode,
                [(everything, None), (self.tr("oefenen"), "practice"), (self.tr("examen"), "exam")],
            ),
            (
                self.passed,
                [
                    (everything, None),
                    (self.tr("geslaagd"), True),
                    (self.tr("niet geslaagd"), False),
                ],
            ),
        )
        for combo, choices in fixed:
            _refill(combo, choices)

    # filling ---------------------------------------------------------------------------
    def load(self, store: Store, catalog: Catalog) -> None:
        """Show the sessions of this store (the trainee and group choices made again from it,
        the choices made kept where they still exist)."""
        self._store, self._catalog = store, catalog
        self._fill_people()
        self.refresh()

    def _fill_people(self) -> None:
        store = self._store
        if store is None:
            return
        shown = store.trainees(archived=self.archived.isChecked())
        everyone = self.tr("Alle")
        _refill(self.trainee, [(everyone, None)] + [(t.name, t.id) for t in shown])
        _refill(self.group, [(everyone, None)] + [(g.name, g.id) for g in store.groups()])

    def _on_archived(self) -> None:
        self._fill_people()
        self.refresh()

    def chosen(self) -> SessionFilter:
        """The filter the controls make."""
        trainee, group = self.trainee.currentData(), self.group.currentData()
        kind, language = self.kind.currentData(), self.language.currentData()
        mode, passed = self.mode.currentData(), self.passed.currentData()
        ids = None
        if self._catalog is not None and (kind or language):
            ids = exercise_ids(
                self._catalog, [kind] if kind else [], [language] if language else []
            )
        return SessionFilter(
            trainee_ids=frozenset({trainee}) if trainee is not None else frozenset(),
            group_ids=frozenset({group}) if group is not None else frozenset(),
            exercise_ids=ids,
            modes=frozenset({mode}) if mode else frozenset(),
            passed=passed,
            since=_day(self.since),
            until=_day(self.until),
            archived=None if self.archived.isChecked() else False,
        )

    def refresh_soon(self) -> None:
        """A filter changed: read the sessions once the filters have stood still for
        ``REFRESH_AFTER_MS`` (each change before that starts the wait again)."""
        self._refresh_timer.start()

    def _on_filters_still(self) -> None:
        if self.isVisible():  # (a list left meanwhile is read by ``load`` when it opens)
            self.refresh()

    @property
    def pending(self) -> bool:
        """A filter changed and the list is not read again yet."""
        return self._refresh_timer.isActive()

    def refresh(self) -> None:
        """Read the sessions the filters choose again (the current one stays chosen)."""
        self._refresh_timer.stop()
        store, catalog = self._store, self._catalog
        if store is None or catalog is None:
            return
        current = self.current_session()
        kinds = {e.exercise.id: (e.exercise.kind, e.exercise.language) for e in catalog.entries}
        names = {g.id: g.name for g in store.groups()}
        groups = {t.id: names.get(t.group_id or -1, "") for t in store.trainees()}
        with waiting():
            chosen = store.sessions(self.chosen(), brief=True)
            rows = [listed(r, kinds, groups) for r in chosen]
            self.model.set_rows(rows)
        self.count.setText(words.count(len(rows), words.tr("%n sessie"), words.tr("%n sessies")))
        found = self.model.row_of(current) if current is not None else -1
        self.table.selectRow(max(found, 0))
        if rows and not self._fitted:  # once: the widths a coach set are kept afterwards
            self._fitted = True
            self.table.resizeColumnsToContents()
            self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def current_session(self) -> int | None:
        """The session of the current row."""
        index = self.table.currentIndex()
        return self.model.session_id(index.row()) if index.isValid() else None

    def select_session(self, session_id: int) -> None:
        """Make this session's row the current one."""
        row = self.model.row_of(session_id)
        if row >= 0:
            self.table.selectRow(row)

    def open_current(self) -> None:
        """Open the result of the current row."""
        session_id = self.current_session()
        if session_id is not None:
            self.openRequested.emit(session_id)

    def replay_current(self) -> None:
        """Replay the session of the current row (its result opens beneath the replay)."""
        session_id = self.current_session()
        if session_id is not None:
            self.replayRequested.emit(session_id)

    def _on_activated(self, index: QModelIndex) -> None:
        session_id = self.model.session_id(index.row())
        if session_id is not None:
            self.openRequested.emit(session_id)

    def changeEvent(self, event: QEvent) -> None:
        """Another language: the texts follow, and the rows on screen are worded again (a
        hidden list is filled by ``load`` when it is opened; its store may be closed by now)."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.isVisible():
                self.refresh()
        super().changeEvent(event)


_KINDS = ("copy", "dictation", "call", "chat", "queue")


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(_NO_DAY)
    edit.setSpecialValueText("—")  # at the minimum: no limit
    edit.setDate(_NO_DAY)
    return edit


def _day(edit: QDateEdit) -> date | None:
    chosen = edit.date()
    return None if chosen == _NO_DAY else date(chosen.year(), chosen.month(), chosen.day())


def _refill(combo: QComboBox, choices: Sequence[tuple[str, object]]) -> None:
    """Fill a choice list again, keeping the choice made when it is still there."""
    kept = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, value in choices:
        combo.addItem(text, value)
    index = combo.findData(kept) if kept is not None else 0
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)
