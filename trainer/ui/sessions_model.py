"""The rows of the coach's sessions list: a table model over the store's brief rows.

A model, not a table of items: 10,000 sessions are 10,000 small tuples, and the view asks only
for the cells it paints. Sorting sorts the tuples by a key per column (a few milliseconds),
not cell by cell through a proxy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from trainer.store.db import SessionRow
from trainer.ui import words
from trainer.ui.seal_marks import SealMarks
from trainer.ui.seal_marks import said as seal_said

SESSION_ID_ROLE = Qt.ItemDataRole.UserRole
_PASSED, _FAILED, _NO_VERDICT = QColor("#1b5e20"), QColor("#b71c1c"), QColor("#5f6368")
_VERDICT_STATUSES = ("finished", "time_up")  # (ended as planned: a verdict was given)
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Listed:
    """One session as the list shows it: the cells' texts and the keys they sort by."""

    session_id: int
    texts: tuple[str, ...]
    keys: tuple[Any, ...]
    verdict: bool | None  # passed, failed, or none given (stopped, lost, running)
    exam: bool = False  # an exam part: its seal is checked when the row is shown


def outcome(row: SessionRow) -> tuple[str, bool | None]:
    """What became of a session, in words, and its verdict (None: none was given): a session
    stopped or with nothing typed is "afgebroken", not failed (as on the home screen)."""
    result = row.result or {}
    typing = result.get("typing")
    empty = isinstance(typing, dict) and not typing.get("keystrokes")
    if row.status == "abandoned" or (empty and row.status != "recovered"):
        return words.end_reason("abandoned"), None
    if row.status not in _VERDICT_STATUSES or row.passed is None:
        return words.end_reason(row.status), None  # recovered, lost, running
    passed = row.passed
    return (words.tr("geslaagd") if passed else words.tr("niet geslaagd")), passed


def listed(
    row: SessionRow, kinds: Mapping[str, tuple[str, str]], groups: Mapping[int, str]
) -> Listed:
    """A stored session (with a brief result) as a row of the list; ``kinds``: exercise id ->
    (kind, language) from the catalog, ``groups``: trainee id -> their group's name."""
    kind, language = kinds.get(row.exercise_id, ("", ""))
    stored_kind = (row.result or {}).get("kind")
    if not kind and stored_kind in ("call", "chat", "queue"):  # an exercise gone since
        kind = str(stored_kind)
    said, verdict = outcome(row)
    figures = verdict is not None or row.status == "recovered"
    if not figures:
        errors, error_key = "–", -1.0
    elif row.error_rate is not None:
        errors, error_key = words.percent(min(row.error_rate, 1.0)), row.error_rate
    elif kind in ("call", "chat"):
        wrong = int((row.result or {}).get("wrong_fields") or 0)
        errors, error_key = words.count(wrong, words.tr("%n veld"), words.tr("%n velden")), wrong
    elif kind == "queue":  # (no form: the contacts not handled as expected, as at home)
        wrong = int((row.result or {}).get("wrong_contacts") or 0)
        errors = words.count(wrong, words.tr("%n contact"), words.tr("%n contacten"))
        error_key = wrong
    else:
        errors, error_key = "–", -1.0
    wpm = row.wpm if figures and row.wpm is not None else None
    day, _, clock = row.started_at.partition("T")
    group = groups.get(row.trainee_id, "")
    mode = words.tr("examen") if row.mode == "exam" else words.tr("oefenen")
    texts = (
        f"{day} {clock[:5]}",
        row.trainee,
        group,
        row.exercise_title or row.exercise_id,
        words.kind_name(kind) if kind else "–",
        language.upper() if language else "–",
        mode,
        words.number(wpm, 1),
        errors,
        said,
    )
    rank = {True: 2, False: 1, None: 0}[verdict]
    keys = (
        row.started_at,
        row.trainee.casefold(),
        group.casefold(),
        texts[3].casefold(),
        texts[4],
        texts[5],
        row.mode,
        -1.0 if wpm is None else wpm,
        error_key,
        (rank, said),
    )
    return Listed(row.id, texts, keys, verdict, row.mode == "exam")


class SessionsModel(QAbstractTableModel):
    """The sessions listed; ``headers()`` names the columns in the language shown."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Listed] = []
        self._headers: list[str] = []
        self._sorted: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.DescendingOrder)
        self.marks: SealMarks | None = None  # the exam rows' seals (set by the view)

    def watch_seals(self, marks: SealMarks) -> None:
        """Check the seals of the exam rows shown, through ``marks`` (lazily, cached)."""
        self.marks = marks
        marks.checked.connect(self._on_seal_checked)

    def _on_seal_checked(self, session_id: int) -> None:
        row = self.row_of(session_id)
        if row >= 0:
            cell = self.index(row, len(self._headers) - 1)
            self.dataChanged.emit(cell, cell)

    def set_headers(self, headers: list[str]) -> None:
        """The column titles (also when the language changes)."""
        self._headers = headers
        if headers:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(headers) - 1)

    def set_rows(self, rows: list[Listed]) -> None:
        """Show these sessions, in the order last chosen."""
        self.beginResetModel()
        if self.marks is not None:
            self.marks.clear()  # (read again: a seal may have changed since)
        self._rows = rows
        self._sort_rows()
        self.endResetModel()

    def session_id(self, row: int) -> int | None:
        """The session shown in this row."""
        return self._rows[row].session_id if 0 <= row < len(self._rows) else None

    def row_of(self, session_id: int) -> int:
        """The row showing this session (-1: not listed)."""
        return next((i for i, r in enumerate(self._rows) if r.session_id == session_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        """How many sessions are listed."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """The columns (date, trainee, group, exercise, kind, language, mode, wpm, errors,
        outcome)."""
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A cell's text, the session's id, and the outcome's colour."""
        if not index.isValid():
            return None
        listed_row = self._rows[index.row()]
        last = index.column() == len(self._headers) - 1
        unsealed = self._unsealed(listed_row) if last else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return unsealed if unsealed is not None else listed_row.texts[index.column()]
        if role == SESSION_ID_ROLE:
            return listed_row.session_id
        if role == Qt.ItemDataRole.ForegroundRole and last:
            verdict = None if unsealed is not None else listed_row.verdict
            return QBrush(_NO_VERDICT if verdict is None else (_PASSED if verdict else _FAILED))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (7, 8):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _unsealed(self, listed_row: Listed) -> str | None:
        """An exam row's outcome when its seal does not hold (or is not checked yet: "…",
        never its stored verdict as if it were valid); None for a row shown as stored."""
        if not listed_row.exam or self.marks is None:
            return None
        known, status = self.marks.status(listed_row.session_id)
        if not known:
            return "…"
        return seal_said(status) if status is not None else None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """The column titles."""
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (the view's header asks); ties keep the date order."""
        self._sorted = (column, order)
        self.layoutAboutToBeChanged.emit()
        # the current and selected rows stay on their sessions
        before = self.persistentIndexList()
        ids = [self._rows[i.row()].session_id for i in before]
        self._sort_rows()
        where = {r.session_id: n for n, r in enumerate(self._rows)}
        after = [self.index(where[s], i.column()) for s, i in zip(ids, before, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        column, order = self._sorted
        descending = order == Qt.SortOrder.DescendingOrder
        self._rows.sort(key=lambda r: (r.keys[column], r.keys[0]), reverse=descending)
