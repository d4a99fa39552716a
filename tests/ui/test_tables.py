"""A result table filled as every screen fills one (``filling``): its columns fitted to their
contents show each cell whole once it is filled, and keep fitting what is put in later; a
stretched column stays stretched."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication, QHeaderView, QTableWidgetItem

from trainer.ui.tables import filling, read_only_table

FITTED = QHeaderView.ResizeMode.ResizeToContents
STRETCHED = QHeaderView.ResizeMode.Stretch
LONG = "Klacht over een dubbel aangerekende factuur"
LONGER = "Klacht over een dubbel aangerekende factuur, doorverbonden naar de facturatie"


def test_fitted_columns_show_each_cell_whole_once_filled(qtbot: Any) -> None:
    table = read_only_table(["Oefening", "Resultaat", "Wanneer"])
    header = table.horizontalHeader()
    for column, mode in enumerate((FITTED, STRETCHED, FITTED)):
        header.setSectionResizeMode(column, mode)
    qtbot.addWidget(table)
    table.resize(900, 300)
    table.show()
    qtbot.waitExposed(table)
    with filling(table):
        table.setRowCount(3)
        for row, title in enumerate(("Begroeting", LONG, "Printer")):
            for column, text in enumerate((title, "geslaagd", "03/12 09:15")):
                table.setItem(row, column, QTableWidgetItem(text))
    QApplication.processEvents()
    metrics = table.fontMetrics()
    assert header.sectionSize(0) > metrics.horizontalAdvance(LONG)
    assert header.sectionSize(2) > metrics.horizontalAdvance("03/12 09:15")
    assert [header.sectionResizeMode(c) for c in range(3)] == [FITTED, STRETCHED, FITTED]
    # what is put in later is fitted too
    table.setItem(2, 0, QTableWidgetItem(LONGER))
    QApplication.processEvents()
    assert header.sectionSize(0) > metrics.horizontalAdvance(LONGER)
