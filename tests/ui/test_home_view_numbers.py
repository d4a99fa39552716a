"""The home view names a few of Qt's values by number (the Qt namespace loads after the list
is filled); they are Qt's, and the details show text as written, at the top."""

from __future__ import annotations

from PySide6.QtCore import Qt

from trainer.ui.app import create_application
from trainer.ui.home_view import ALIGN_TOP_LEFT, EXERCISE_ID_ROLE, PLAIN_TEXT, HomeView


def test_the_numbers_are_qts_values(qtbot) -> None:
    assert Qt.ItemDataRole.UserRole.value == EXERCISE_ID_ROLE
    assert Qt.TextFormat.PlainText.value == PLAIN_TEXT
    assert (Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft).value == ALIGN_TOP_LEFT
    create_application()
    view = HomeView()
    qtbot.addWidget(view)
    view.show_details(None)  # (as the filled list does: set up then, not before the first frame)
    view.details.setText("<b>Factuur</b> & <i>herinnering</i>")
    assert view.details.textFormat() == Qt.TextFormat.PlainText  # tags shown as typed
    assert view.details.alignment() == Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
