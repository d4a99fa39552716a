"""A report as PDF, without a browser: the report's HTML laid out by Qt's QTextDocument and
printed on A4 pages by QPdfWriter (works on the ``offscreen`` platform; needs a
QGuiApplication for the fonts)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from trainer.ui.report.document import Report
from trainer.ui.report.render_html import render_html

RESOLUTION = 300  # dots per inch of the page's layout


def render_pdf(report: Report, path: Path) -> None:
    """Write the report to ``path`` as a PDF (A4, 15 mm margins)."""
    pictures: dict[str, bytes] = {}

    def resource(name: str, data: bytes) -> str:
        pictures[name] = data
        return f"report:{name}"

    page = render_html(report, resource, interactive=False)  # (paper plays nothing)
    write_pdf(page, report.title, path, pictures)


def write_pdf(
    page: str,
    title: str,
    path: Path,
    pictures: dict[str, bytes] | None = None,
    landscape: bool = False,
) -> None:
    """Write an HTML page (pictures named ``report:NAME``) to ``path`` as a PDF; also the
    trainee's portfolio (``trainer.ui.report.portfolio``, ``landscape``: its six columns).
    OSError naming ``path`` when it cannot be written."""
    # QPdfWriter says nothing when it cannot write (no such folder, no permission): the file
    # is opened here first, so the reason is an OSError with its name, as for HTML and CSV
    path.open("wb").close()
    document = QTextDocument()
    document.setHtml(page)
    for name, data in (pictures or {}).items():
        document.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(f"report:{name}"), QImage.fromData(data)
        )
    writer = QPdfWriter(str(path))
    writer.setCreator("Simultaan")
    writer.setTitle(title)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    # lay the page out at screen points (96 per inch): the text keeps its printed size
    area = writer.pageLayout().paintRect(QPageLayout.Unit.Point)
    document.setPageSize(QSizeF(area.width() * 96 / 72, area.height() * 96 / 72))
    document.print_(writer)
    del writer  # (the file is complete once the writer is gone)
    if path.stat().st_size == 0:  # opened, but nothing came of it (a full disk, a lost share)
        raise OSError(errno.EIO, os.strerror(errno.EIO), str(path))
