"""The progress window's "Portfolio…" button: ask where to save the trainee's competence
portfolio (PDF or HTML, by the name's extension or the type chosen) and write it; say so when
it cannot be written."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from trainer.core.loader import Catalog
from trainer.store.db import Store, Trainee
from trainer.store.portfolio import trainee_portfolio
from trainer.ui import words
from trainer.ui.report.portfolio import write_portfolio

_FORMATS = ("pdf", "html")  # in the order of _filters()


def _filters() -> list[str]:
    return [words.tr("PDF-document (*.pdf)"), words.tr("Webpagina (*.html)")]


def default_name(trainee: Trainee) -> str:
    """``portfolio-sofie-maes.pdf``."""
    plain = unicodedata.normalize("NFKD", trainee.name).encode("ascii", "ignore").decode()
    return f"portfolio-{re.sub(r'[^a-z0-9]+', '-', plain.lower()).strip('-') or 'x'}.pdf"


def save_portfolio_as(
    parent: QWidget, store: Store, trainee: Trainee, catalog: Catalog | None
) -> Path | None:
    """Ask where, then write the portfolio; the path written, or None (cancelled, or it
    could not be written: then a message says which file and why)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    proposed = Path(folder or Path.home()) / default_name(trainee)
    filters = _filters()
    chosen, selected = QFileDialog.getSaveFileName(
        parent, words.tr("Portfolio bewaren"), str(proposed), ";;".join(filters)
    )
    if not chosen:
        return None
    path = Path(chosen)
    fmt = {".pdf": "pdf", ".html": "html", ".htm": "html"}.get(path.suffix.lower())
    if fmt is None:  # no known extension: the type chosen in the dialog decides, and names it
        fmt = _FORMATS[filters.index(selected)] if selected in filters else "pdf"
        path = path.with_name(f"{path.name}.{fmt}")
    try:
        write_portfolio(path, fmt, trainee_portfolio(store, trainee, catalog))
    except OSError as exc:
        said = (
            words.tr("Het portfolio kon niet worden bewaard in %1: %2")
            .replace("%1", str(path))
            .replace("%2", exc.strerror or str(exc))
        )
        QMessageBox.warning(parent, words.tr("Portfolio"), said)
        return None
    return path
