"""Retake docs/report-call.png (page 1 of a call's PDF report, through pdftoppm) and
docs/report-drill.png (a copy drill's HTML report as Qt lays it out, the top of the page), from
the sessions the report's tests use: ``.venv/bin/python scripts/report_pictures.py [--lang nl]``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", default="nl", choices=("nl", "fr", "en"))
    args = parser.parse_args()
    from tests.report_sessions import CALL_ID, DRILL_ID, call_session, drill_session

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        call_session(work)
        drill_session(work)
        command = [sys.executable, "-m", "trainer", "--lang", args.lang, "report"]
        subprocess.run(
            [*command, CALL_ID, work / "call.jsonl", "-o", work / "call.pdf"], check=True
        )
        subprocess.run(
            [*command, DRILL_ID, work / "drill.jsonl", "-o", work / "drill.html"], check=True
        )
        subprocess.run(
            ["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile",
             work / "call.pdf", ROOT / "docs" / "report-call"],
            check=True,
        )  # fmt: skip
        _html_page(work / "drill.html", ROOT / "docs" / "report-drill.png")
    return 0


def _html_page(page: Path, png: Path) -> None:
    """The HTML as Qt's rich text lays it out, 800 points wide, its first 1100 points."""
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QTextDocument

    app = QGuiApplication([])
    document = QTextDocument()
    document.setHtml(page.read_text(encoding="utf-8"))
    document.setPageSize(QSizeF(800, 1e6))
    height = min(1100, int(document.size().height()))
    image = QImage(800, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    document.drawContents(painter)
    painter.end()
    image.save(str(png))
    del app


if __name__ == "__main__":
    raise SystemExit(main())
