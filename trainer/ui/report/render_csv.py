"""A report as one CSV table a spreadsheet opens.

Decisions, for Belgian offices: UTF-8 with a byte-order mark (Excel on Windows reads a file
without one as the old ANSI code page, so "é" and "€" would come out garbled; LibreOffice and
Python's ``utf-8-sig`` read it as well); ``;`` between the columns (the list separator of
Belgian Dutch and French Windows, where the comma is the decimal sign, so Excel splits the
columns on a double click), and numbers with the report language's decimal sign (Dutch and
French: a comma), so Belgian Excel reads them as numbers. Every row has the same columns:
section, key (stable in every language: a metric's name, a competence code, a field id),
what it is, value, expected, entered, verdict, seconds after it was said, where it is in
the recording ("op 1:23 in de opname": words, so no spreadsheet takes it for a time of day).
A cell a spreadsheet could take for a formula (what a trainee typed, a coach's comment:
"=...", "+32 ...") gets a leading apostrophe, as the export's do
(``trainer.store.export.spreadsheet_safe``).
"""

from __future__ import annotations

import csv
from pathlib import Path

from trainer.store.export import spreadsheet_safe
from trainer.ui import words
from trainer.ui.report.document import Report

DELIMITER = ";"


def headers() -> list[str]:
    """The columns, in the report's language."""
    return [
        words.tr("Onderdeel"),
        words.tr("Sleutel"),
        words.tr("Omschrijving"),
        words.tr("Waarde"),
        words.tr("Verwacht"),
        words.tr("Ingevoerd"),
        words.tr("Oordeel"),
        words.tr("Seconden na het zeggen"),
        words.tr("In de opname"),
    ]


def render_csv(report: Report, path: Path) -> None:
    """Write the report's rows to ``path``."""
    width = len(headers())
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file, delimiter=DELIMITER, lineterminator="\r\n")
        writer.writerow(headers())
        for row in report.csv:
            cells = [*row, *[""] * (width - len(row))][:width]
            writer.writerow([spreadsheet_safe(str(cell)) for cell in cells])
