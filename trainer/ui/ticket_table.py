"""The ticket list of the simulated helpdesk system, shared by the queue, chat and call screens.

``TicketModel`` holds one row per ticket (number, priority, status, requester, subject with its
category, team, SLA), worded once per refresh: the view asks only for the cells it paints. The
model sorts its own rows by precomputed keys (the header's sort reaches it through the proxy);
``TicketFilter``, the proxy, only filters. The SLA column
shows the timer that matters now (the response while nobody took the ticket up, else the
resolution): a coming breach and a breach are coloured AND said in the text with a sign
(⚠ bijna, ✖ te laat, ⏸ gepauzeerd, ✔ gehaald) for whoever does not see the colour.

``TicketTable`` is the widget: a search box (Alt+Z) and three filters after it (status,
priority, team: Tab), over the table (arrows move, Enter opens the
ticket: ``ticketActivated``). ``show_tickets(desk, t)`` refreshes it on the session clock,
keeping the selection: rows only change or are added (a helpdesk deletes no tickets).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainer.core.helpdesk import Helpdesk, HelpdeskConfig, Ticket
from trainer.core.sla import PRIORITIES, TICKET_STATUSES, Timer, Timers
from trainer.ui import words

NUMBER_ROLE = Qt.ItemDataRole.UserRole  # a row's ticket number
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the key a column sorts by
SLA_ROLE = Qt.ItemDataRole.UserRole + 2  # the SLA column's timer status code

COLUMNS = ("number", "priority", "status", "requester", "subject", "team", "sla")
SLA_COLUMN = COLUMNS.index("sla")
# light backgrounds under dark text: readable, and the text says it too
_BACKGROUND = {"warning": QColor("#ffe0b2"), "breached": QColor("#ffcdd2")}
_FOREGROUND = {"warning": QColor("#6d3600"), "breached": QColor("#8e0000")}
_ANY = ""  # a filter set to 'all'


def status_word(status: str) -> str:
    """A ticket status as the screen says it."""
    return {
        "new": words.tr("nieuw"),
        "open": words.tr("open"),
        "pending": words.tr("wacht op klant"),
        "on_hold": words.tr("in de wacht"),
        "resolved": words.tr("opgelost"),
        "closed": words.tr("gesloten"),
    }.get(status, status)


def clock_text(ms: int) -> str:
    """A duration as m:ss (h:mm:ss from an hour), rounded down to the second."""
    seconds = abs(ms) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def timer_now(timers: Timers) -> tuple[str, Timer]:
    """The timer that matters now: the response until it stopped, then the resolution."""
    if not timers.response.stopped:
        return "response", timers.response
    return "resolution", timers.resolution


def sla_text(which: str, timer: Timer) -> str:
    """The SLA cell: what is left (or how late), with a sign and a word besides the colour."""
    left = clock_text(timer.remaining_ms)
    if timer.status == "met":
        return words.tr("✔ gehaald")
    if timer.status == "breached":
        return words.tr("✖ {time} te laat").replace("{time}", left)
    if timer.status == "paused":
        return words.tr("⏸ {time} (gepauzeerd)").replace("{time}", left)
    if which == "response":
        if timer.status == "warning":
            return words.tr("⚠ reactie binnen {time}").replace("{time}", left)
        return words.tr("reactie binnen {time}").replace("{time}", left)
    if timer.status == "warning":
        return words.tr("⚠ {time} (bijna)").replace("{time}", left)
    return left


@dataclass(frozen=True)
class Row:
    """One ticket as the list shows it: the cells' texts, the keys they sort by, the codes the
    filters look at, and the SLA timer's status."""

    number: str
    texts: tuple[str, ...]
    keys: tuple[Any, ...]
    status: str
    priority: str
    team: str
    sla: str
    search: str  # the texts the search box looks in, lower case


def row_of(ticket: Ticket, timers: Timers, config: HelpdeskConfig) -> Row:
    which, timer = timer_now(timers)
    category = config.categories.get(ticket.category, ticket.category)
    team = config.teams.get(ticket.team, ticket.team) if ticket.team else "–"
    subject = f"{category}: {ticket.subject}" if ticket.subject else category
    texts = (
        ticket.number,
        ticket.priority,
        status_word(ticket.status),
        ticket.requester,
        subject,
        team,
        sla_text(which, timer),
    )
    # the SLA sorts most urgent first: running ones by time left (breached first), then the
    # paused ones (their clock stands still), the stopped ones last
    tier = 2 if timer.stopped else 1 if timer.status == "paused" else 0
    sla_key = (tier, 0 if timer.stopped else timer.remaining_ms)
    keys = (
        ticket.number,
        ticket.priority,
        TICKET_STATUSES.index(ticket.status),
        ticket.requester.casefold(),
        subject.casefold(),
        team.casefold(),
        sla_key,
    )
    search = " ".join(texts[:6]).casefold()
    return Row(ticket.number, texts, keys, ticket.status, ticket.priority, ticket.team,
               timer.status, search)  # fmt: skip


_Index = QModelIndex | QPersistentModelIndex


class TicketModel(QAbstractTableModel):
    """The tickets as rows; ``refresh(desk, t)`` rewords them at session time ``t``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._headers = (
            self.tr("Nummer"),
            self.tr("Prioriteit"),
            self.tr("Status"),
            self.tr("Aanvrager"),
            self.tr("Onderwerp"),
            self.tr("Team"),
            self.tr("SLA"),
        )

    def refresh(self, desk: Helpdesk, t: float) -> None:
        """Every ticket of ``desk`` at session time ``t``: changed rows are repainted, new ones
        inserted, and the rows sorted again (the SLA column moves with the clock), so the view
        keeps its selection and scroll position."""
        fresh = {
            ticket.number: row_of(ticket, desk.sla(ticket.number, t), desk.config)
            for ticket in desk.tickets
        }
        if any(row.number not in fresh for row in self.rows):
            self.beginResetModel()  # another desk: start afresh
            self.rows = list(fresh.values())
            self.endResetModel()
            self._sort_rows()
            return
        known = {row.number for row in self.rows}
        added = [row for number, row in fresh.items() if number not in known]
        if added:
            old = len(self.rows)
            self.beginInsertRows(QModelIndex(), old, old + len(added) - 1)
            self.rows = self.rows + added
            self.endInsertRows()
        changed = [i for i, row in enumerate(self.rows) if fresh[row.number] != row]
        self.rows = [fresh[row.number] for row in self.rows]
        if changed:
            self.dataChanged.emit(
                self.index(changed[0], 0), self.index(changed[-1], len(COLUMNS) - 1)
            )
        self._sort_rows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows themselves by the column's key: one Python sort of 500 tuples, where a
        proxy would call back into Python for each of thousands of comparisons."""
        self._sort_column, self._sort_order = column, order
        self._sort_rows()

    def _sort_rows(self) -> None:
        if not 0 <= self._sort_column < len(COLUMNS):
            return
        column = self._sort_column
        ordered = sorted(
            self.rows,
            key=lambda row: row.keys[column],
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )
        if [r.number for r in ordered] == [r.number for r in self.rows]:
            self.rows = ordered
            return
        self.layoutAboutToBeChanged.emit()
        where = {row.number: i for i, row in enumerate(ordered)}
        before = self.persistentIndexList()
        after = [self.index(where[self.rows[i.row()].number], i.column()) for i in before]
        self.rows = ordered
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.texts[column]
        if role == SORT_ROLE:
            return row.keys[column]
        if role == NUMBER_ROLE:
            return row.number
        if role == SLA_ROLE:
            return row.sla
        if role == Qt.ItemDataRole.ToolTipRole and column == SLA_COLUMN:
            return row.texts[column]
        warn = row.sla if row.sla in _BACKGROUND else None
        if warn and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(_BACKGROUND[warn])
        if warn and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(_FOREGROUND[warn])
        return None


class TicketFilter(QSortFilterProxyModel):
    """The rows the search box and the filters let through, sorted by the column's key."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.status = _ANY
        self.priority = _ANY
        self.team = _ANY

    def set_filter(
        self, text: str | None = None, status: str | None = None,
        priority: str | None = None, team: str | None = None,
    ) -> None:  # fmt: skip
        """Change the filters given (``''``: any); the others stay as they are."""
        # Qt 6.9 brought begin/endFilterChange and 6.11 deprecates the invalidate calls
        begin = getattr(self, "beginFilterChange", None)
        if begin is not None:
            begin()
        self.text = self.text if text is None else text.strip().casefold()
        self.status = self.status if status is None else status
        self.priority = self.priority if priority is None else priority
        self.team = self.team if team is None else team
        if begin is not None:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, TicketModel)
        row = model.rows[source_row]
        if self.status and row.status != self.status:
            return False
        if self.priority and row.priority != self.priority:
            return False
        if self.team and row.team != self.team:
            return False
        return not self.text or self.text in row.search

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The view's header sorts the source's rows; the proxy keeps their order."""
        model = self.sourceModel()
        assert isinstance(model, TicketModel)
        model.sort(column, order)


class TicketTable(QWidget):
    """The ticket list with its search box and filters."""

    ticketActivated = Signal(str)  # Enter or a double click on a ticket: its number
    currentTicketChanged = Signal(str)  # the selected ticket ('' none)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ticketTable")
        self.model = TicketModel(self)
        self.proxy = TicketFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setObjectName("ticketSearch")
        self.search.setPlaceholderText(self.tr("nummer, aanvrager, onderwerp…"))
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        self.priority_filter = QComboBox()
        self.team_filter = QComboBox()
        self.status_filter.addItem(self.tr("alle"), _ANY)
        for status in TICKET_STATUSES:
            self.status_filter.addItem(status_word(status), status)
        self.priority_filter.addItem(self.tr("alle"), _ANY)
        for priority in PRIORITIES:
            self.priority_filter.addItem(priority, priority)
        self.team_filter.addItem(self.tr("alle"), _ANY)

        self.view = QTableView()
        self.view.setObjectName("ticketList")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(SLA_COLUMN, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)  # Tab leaves the list, arrows move in it
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        # widths fitted once to the first tickets, not on every change: fitting to contents
        # measures every row, 70 ms for 500 at each sort or second of the clock
        header.setResizeContentsPrecision(100)
        header.setSectionResizeMode(COLUMNS.index("subject"), QHeaderView.ResizeMode.Stretch)
        self._fitted = False

        bar = QHBoxLayout()
        # only the search box has a letter (Alt+Z): the ticket form beside the list on the
        # queue screen takes most others; the filters follow it with Tab
        for text, widget in (
            (self.tr("&Zoeken:"), self.search),
            (self.tr("Status:"), self.status_filter),
            (self.tr("Prioriteit:"), self.priority_filter),
            (self.tr("Team:"), self.team_filter),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget, 2 if widget is self.search else 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        self.setFocusProxy(self.view)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self._on_filter_changed)
        for combo in (self.status_filter, self.priority_filter, self.team_filter):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.view.activated.connect(self._on_activated)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)

    def set_config(self, config: HelpdeskConfig) -> None:
        """The exercise's teams in the team filter."""
        self.team_filter.blockSignals(True)
        while self.team_filter.count() > 1:
            self.team_filter.removeItem(1)
        for team, name in config.teams.items():
            self.team_filter.addItem(name, team)
        self.team_filter.blockSignals(False)

    def show_tickets(self, desk: Helpdesk, t: float) -> None:
        """The desk's tickets at session time ``t`` (seconds), sorted and filtered as set."""
        if self.team_filter.count() == 1 and desk.config.teams:
            self.set_config(desk.config)
        self.model.refresh(desk, t)
        if not self._fitted and self.model.rows:
            self.view.resizeColumnsToContents()
            self._fitted = True

    def current_number(self) -> str:
        index = self.view.currentIndex()
        return str(index.data(NUMBER_ROLE)) if index.isValid() else ""

    def select(self, number: str) -> bool:
        """Make ``number`` the current row, if the filters show it."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(NUMBER_ROLE) == number:
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
                return True
        return False

    def shown_numbers(self) -> list[str]:
        """The numbers the list shows, top to bottom."""
        return [self.proxy.index(r, 0).data(NUMBER_ROLE) for r in range(self.proxy.rowCount())]

    def _on_filter_changed(self) -> None:
        self.proxy.set_filter(
            text=self.search.text(),
            status=self.status_filter.currentData(),
            priority=self.priority_filter.currentData(),
            team=self.team_filter.currentData(),
        )

    def _on_activated(self, index: QModelIndex) -> None:
        self.ticketActivated.emit(str(index.data(NUMBER_ROLE)))

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.currentTicketChanged.emit(str(current.data(NUMBER_ROLE)) if current.isValid() else "")
