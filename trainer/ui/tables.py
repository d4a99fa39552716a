"""Read-only result tables, set up alike on every screen that lists results, and filled alike."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget

_FITTED = QHeaderView.ResizeMode.ResizeToContents
_LEFT_AS_IS = QHeaderView.ResizeMode.Interactive


def read_only_table(headers: list[str]) -> QTableWidget:
    """A table of whole rows to read and select, not to edit, without row numbers."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    return table


@contextmanager
def filling(table: QTableWidget) -> Iterator[None]:
    """Fill ``table`` with its columns fitted to their contents once, at the end: a column
    fitted to its contents measures all its cells again at each cell put in (the home
    screen's 20 recent results: 21 ms instead of 2)."""
    header = table.horizontalHeader()
    fitted = [c for c in range(header.count()) if header.sectionResizeMode(c) == _FITTED]
    for column in fitted:
        header.setSectionResizeMode(column, _LEFT_AS_IS)
    try:
        yield
    finally:
        for column in fitted:
            header.setSectionResizeMode(column, _FITTED)
