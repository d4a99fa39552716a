"""The progress window's other two tabs: the group comparison table, and the per-key heat map
and per-finger chart of all a trainee's keystrokes (errors and hesitations)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer.core.keyboard import FINGERS
from trainer.store.progress import group_rows
from trainer.ui import words
from trainer.ui.busy import waiting
from trainer.ui.progress_charts import COLOURS, NumberAxis
from trainer.ui.tables import filling, read_only_table

if TYPE_CHECKING:
    from trainer.core.key_stats import KeyStats
    from trainer.core.keyboard import KeyboardLayout
    from trainer.store import Store

SORT_ROLE = 257  # Qt.ItemDataRole.UserRole + 1: the value a column sorts by
TRAINEE_ROLE = 258


class _Cell(QTableWidgetItem):
    """A cell shown as text, sorted by its value (a missing value sorts first)."""

    def __init__(self, text: str, value: object) -> None:
        super().__init__(text)
        self.setData(SORT_ROLE, value)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SORT_ROLE), other.data(SORT_ROLE)
        if mine is None or theirs is None:
            return mine is None and theirs is not None
        return bool(mine < theirs)


class _Table(QTableWidget):
    """Enter on a row opens that trainee."""

    activated = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter opens the trainee of the current row."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self.activated.emit(self.trainee_at(self.currentRow()))
            event.accept()
            return
        super().keyPressEvent(event)

    def trainee_at(self, row: int) -> int:
        """The trainee of a row."""
        item = self.item(row, 0)
        return int(item.data(TRAINEE_ROLE)) if item is not None else -1


class GroupTable(QWidget):
    """One row per trainee of the group chosen: sessions, pass rate, median speed, median
    error rate, data-entry accuracy, last session; sorted by clicking a column's header."""

    openTrainee = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._filled = False
        self.group_combo = QComboBox()
        self._group_label = QLabel()
        self._group_label.setBuddy(self.group_combo)
        self.table = _Table(0, 7)
        template = read_only_table([""] * 7)  # the app's read-only table settings
        self.table.setEditTriggers(template.editTriggers())
        self.table.setSelectionBehavior(template.selectionBehavior())
        self.table.verticalHeader().hide()
        template.deleteLater()
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 7):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.activated.connect(self.openTrainee.emit)
        self.group_combo.currentIndexChanged.connect(self._on_group_changed)
        self.table.cellDoubleClicked.connect(
            lambda row, _c: self.openTrainee.emit(self.table.trainee_at(row))
        )
        top = QHBoxLayout()
        top.addWidget(self._group_label)
        top.addWidget(self.group_combo)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """Every fixed text in the language installed now."""
        self._group_label.setText(self.tr("Gr&oep:"))
        chosen = self.group_combo.currentData()
        self.group_combo.blockSignals(True)
        self.group_combo.clear()
        self.group_combo.addItem(self.tr("Alle cursisten"), None)
        for group in self._store.groups():
            self.group_combo.addItem(group.name, group.id)
        self.group_combo.setCurrentIndex(max(self.group_combo.findData(chosen), 0))
        self.group_combo.blockSignals(False)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Cursist"),
                self.tr("Sessies"),
                self.tr("Geslaagd"),
                self.tr("Mediane snelheid (wpm)"),
                self.tr("Mediaan foutpercentage"),
                self.tr("Gegevensinvoer juist"),
                self.tr("Laatste sessie"),
            ]
        )
        self.table.setAccessibleName(self.tr("Vergelijking van de cursisten"))
        self.group_combo.setAccessibleName(self.tr("Groep"))
        if self._filled:  # (its numbers and dates as the language writes them)
            self._filled = False
            if self.isVisible():
                self.fill()

    def choose_group(self, group_id: int | None) -> None:
        """Compare the trainees of this group (None: everybody)."""
        self.group_combo.setCurrentIndex(max(self.group_combo.findData(group_id), 0))

    def _on_group_changed(self, *_args: object) -> None:
        if self.isVisible():
            self.fill()
        else:  # filled when next shown
            self._filled = False

    def showEvent(self, event: QShowEvent) -> None:
        """Filled the first time it is shown (all sessions of a group: ~0.35 s for 10,000)."""
        if not self._filled:
            self.fill()
        super().showEvent(event)

    def fill(self) -> None:
        """One row per trainee of the group chosen (archived trainees left out), from the
        store."""
        self._filled = True
        group = self.group_combo.currentData()
        trainees = {
            t.id: t.name
            for t in self._store.trainees(archived=False)
            if group is None or t.group_id == group
        }
        with waiting():  # every result of the group read: 0.6 s for 50 trainees' 10,000
            rows = group_rows(self._store, trainees)
        table = self.table
        table.setSortingEnabled(False)  # (rows filled while sorted would move under us)
        with filling(table):  # (the columns fitted once, at the end)
            table.setRowCount(len(rows))
            for i, row in enumerate(rows):
                name = _Cell(row.name, _sortable(row.name))
                name.setData(TRAINEE_ROLE, row.trainee_id)
                cells = [
                    name,
                    _Cell(words.number(row.sessions), row.sessions),
                    _Cell(_percent(row.pass_rate, 0), row.pass_rate),
                    _Cell(words.number(row.median_speed, 1), row.median_speed),
                    _Cell(_percent(row.median_error_rate, 1), row.median_error_rate),
                    _Cell(_percent(row.data_entry, 0), row.data_entry),
                    _Cell(
                        _day(row.last_session),
                        row.last_session.toordinal() if row.last_session else None,
                    ),
                ]
                for column, cell in enumerate(cells):
                    if column:
                        cell.setTextAlignment(
                            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                        )
                    table.setItem(i, column, cell)
        table.setSortingEnabled(True)
        table.sortItems(0)
        if rows:
            table.setCurrentCell(0, 0)


def _sortable(name: str) -> str:
    """A name as it sorts in a list: Aïcha with the A's, case not counted."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in plain if not unicodedata.combining(c))


def _percent(value: float | None, decimals: int) -> str:
    return "–" if value is None else words.percent(value, decimals)


def _day(day: date | None) -> str:
    from PySide6.QtCore import QDate

    if day is None:
        return "–"
    return words.locale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy")


class KeysPanel(QWidget):
    """The per-key heat map (errors or hesitations) and the per-finger chart."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view_combo = QComboBox()
        self._view_label = QLabel()
        self._view_label.setBuddy(self.view_combo)
        self.progress = QProgressBar()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.heat = QLabel()
        self.heat.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.heat.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        scroll = QScrollArea()
        scroll.setWidget(self.heat)
        scroll.setWidgetResizable(True)
        self.fingers = pg.PlotWidget(
            background="w", axisItems={"left": NumberAxis(orientation="left", percent=True)}
        )
        self.fingers.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.fingers.getPlotItem().setMouseEnabled(x=False, y=False)
        for side in ("left", "bottom"):
            self.fingers.getPlotItem().getAxis(side).setTextPen(pg.mkPen("k"))
        self.stack = QStackedWidget()
        self.stack.addWidget(scroll)
        self.stack.addWidget(self.fingers)
        top = QHBoxLayout()
        top.addWidget(self._view_label)
        top.addWidget(self.view_combo)
        top.addWidget(self.progress, 1)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.stack, 1)
        self._layout: KeyboardLayout | None = None
        self.stats: KeyStats | None = None
        self.heat_counts: dict[str, int] = {}  # what the heat map shows, per key
        self.retranslate()
        self.view_combo.currentIndexChanged.connect(self._draw)

    def retranslate(self) -> None:
        """Every fixed text in the language installed now."""
        self._view_label.setText(self.tr("&Weergave:"))
        current = self.view_combo.currentIndex()
        self.view_combo.blockSignals(True)
        self.view_combo.clear()
        self.view_combo.addItems(
            [self.tr("Fouten per toets"), self.tr("Aarzelingen per toets"), self.tr("Per vinger")]
        )
        self.view_combo.setCurrentIndex(max(current, 0))
        self.view_combo.blockSignals(False)
        self.heat.setAccessibleName(self.tr("Toetsenbord met fouten per toets"))
        self.fingers.setAccessibleName(self.tr("Fouten en aarzelingen per vinger"))
        self._draw()  # (the legend and the finger names in the language shown)

    def show_busy(self, journals: int) -> None:
        """The journals are being read: a progress bar over ``journals``."""
        self.progress.setRange(0, max(journals, 1))
        self.progress.setValue(0)
        self.progress.show()
        self.status.setText(
            self.tr("Toetsaanslagen lezen uit %1…").replace(
                "%1", words.count(journals, self.tr("%n logboek"), self.tr("%n logboeken"))
            )
        )

    def show_progress(self, done: int) -> None:
        """``done`` journals read."""
        self.progress.setValue(done)

    def show_stats(self, layout: KeyboardLayout, stats: KeyStats, skipped: int) -> None:
        """The statistics of every journal read (``skipped``: those that could not count)."""
        self._layout, self.stats = layout, stats
        self.progress.hide()
        text = self.tr(
            "%1 gelezen. Gewone pauze tussen twee toetsen: %2 s; een aarzeling: langer dan %3 s."
        )
        text = (
            text.replace(
                "%1", words.count(stats.sessions, self.tr("%n sessie"), self.tr("%n sessies"))
            )
            .replace("%2", words.number(stats.median_pause, 2))
            .replace("%3", words.number(stats.hesitation_after, 2))
        )
        if skipped:
            text += " " + words.count(
                skipped,
                self.tr("%n sessie telt niet mee (logboek of oefening ontbreekt)."),
                self.tr("%n sessies tellen niet mee (logboek of oefening ontbreekt)."),
            )
        self.status.setText(text)
        self._draw()

    def _draw(self, *_args: object) -> None:
        stats, layout = self.stats, self._layout
        if stats is None or layout is None:
            return
        view = self.view_combo.currentIndex()
        if view == 2:
            self._draw_fingers(stats)
            self.stack.setCurrentIndex(1)
            return
        from trainer.ui.report.charts import heat_map

        if view == 0:
            counts = stats.errors_per_key()
            legend = self.tr(
                "Het getal op een toets: fouten op die toets over alle sessies, ook de verbeterde."
            )
        else:
            counts = stats.hesitations_per_key()
            legend = self.tr("Het getal op een toets: hoe vaak de cursist aarzelde voor die toets.")
        self.heat_counts = counts
        pixmap = QPixmap()
        pixmap.loadFromData(heat_map(layout, counts, legend))
        pixmap.setDevicePixelRatio(2)  # (drawn at twice the size, for print)
        self.heat.setPixmap(pixmap)
        self.heat.setAccessibleDescription(self._describe(layout, counts))
        self.stack.setCurrentIndex(0)

    def _describe(self, layout: KeyboardLayout, counts: dict[str, int]) -> str:
        labels = layout.labels()
        most = sorted(counts.items(), key=lambda kv: -kv[1])[:8]
        return ", ".join(f"{labels.get(k, k) or self.tr('spatie')}: {n}" for k, n in most)

    def finger_name(self, finger: str) -> str:
        """A finger's name on the chart's axis."""
        return {
            "left_pinky": self.tr("pink L"),
            "left_ring": self.tr("ring L"),
            "left_middle": self.tr("middel L"),
            "left_index": self.tr("wijs L"),
            "thumb": self.tr("duimen"),
            "right_index": self.tr("wijs R"),
            "right_middle": self.tr("middel R"),
            "right_ring": self.tr("ring R"),
            "right_pinky": self.tr("pink R"),
        }[finger]

    def _draw_fingers(self, stats: KeyStats) -> None:
        plot = self.fingers.getPlotItem()
        plot.clear()
        legend = plot.legend or plot.addLegend(offset=(8, 8), labelTextColor="k")
        legend.clear()
        errors = [stats.fingers[f].error_rate or 0.0 for f in FINGERS]
        pauses = [stats.fingers[f].hesitation_rate or 0.0 for f in FINGERS]
        xs = list(range(len(FINGERS)))
        for offset, values, colour, name in (
            (-0.2, errors, COLOURS[1], self.tr("fouten per teken")),
            (0.2, pauses, COLOURS[0], self.tr("aarzelingen per toetsaanslag")),
        ):
            bars = pg.BarGraphItem(
                x=[x + offset for x in xs], height=values, width=0.38, brush=colour, pen=colour
            )
            plot.addItem(bars)
            legend.addItem(bars, name)
        plot.getAxis("bottom").setTicks([list(enumerate(map(self.finger_name, FINGERS)))])
        plot.setLabel("left", self.tr("aandeel (%)"), color="k")
        plot.setTitle(self.tr("Fouten en aarzelingen per vinger"), color="k")
        self.finger_values = {"errors": errors, "hesitations": pauses}
        self.fingers.setAccessibleDescription(
            "; ".join(
                self.tr("%1: %2 fouten, %3 aarzelingen")
                .replace("%1", self.finger_name(f))
                .replace("%2", words.percent(e, 1))
                .replace("%3", words.percent(h, 1))
                for f, e, h in zip(FINGERS, errors, pauses, strict=True)
            )
        )
