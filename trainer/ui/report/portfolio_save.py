"""The progress window's "Portfolio…" button: ask where to save the trainee's competence
portfolio (PDF or HTML, by the name's extension or the type chosen) and write it; say so when
it cannot be written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from trainer.core.loader import Catalog
from trainer.store.db import Store, Trainee
from trainer.store.portfolio import trainee_portfolio
from trainer.ui import words
from trainer.ui.report import file_part
from trainer.ui.report.portfolio import write_portfolio
from trainer.ui.report.save import ask_file


def default_name(trainee: Trainee) -> str:
    """``portfolio-sofie-maes.pdf``."""
    return f"portfolio-{file_part(trainee.name)}.pdf"


def save_portfolio_as(
    parent: QWidget, store: Store, trainee: Trainee, catalog: Catalog | None
) -> Path | None:
    """Ask where, then write the portfolio; the path written, or None (cancelled, or it
    could not be written: then a message says which file and why)."""
    where = ask_file(parent, words.tr("Portfolio bewaren"), default_name(trainee), ("pdf", "html"))
    if where is None:
        return None
    path, fmt = where
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
