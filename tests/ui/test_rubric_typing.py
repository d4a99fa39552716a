"""The coach's rubric on a copy drill's results page, as a coach uses it: a drill really typed,
Ctrl+B, the typing criteria (touch typing, posture, checking one's own work) scored by keys
and saved; the report and the export then carry them. An exercise that asks for nothing a
coach judges opens no empty dialog: it is said."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.test_report_button import drill_with_one_error
from tests.ui.test_rubric_dialog import boxes, focused, with_the_dialog
from trainer.core import rubric as rubric_module
from trainer.store.export import rows
from trainer.store.session_filter import SessionFilter
from trainer.ui.main_window import MainWindow
from trainer.ui.rubric_dialog import RubricDialog, ScoreChooser


def score_touch_typing(qtbot, dialog: RubricDialog) -> None:
    """The coach's name, touch typing 2 (a number key), the next criterion 0 (an arrow
    from none), a comment on checking one's work, and Enter saves."""
    qtbot.keyClicks(dialog.coach, "Marleen Peeters")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert isinstance(focused(), ScoreChooser)
    qtbot.keyClick(focused(), Qt.Key.Key_2)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_Left)
    comment = dialog.comments["co 01670"]
    comment.setFocus()
    qtbot.keyClicks(comment, "Kijkt nog naar de toetsen bij cijfers.")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)


def test_a_coach_assesses_a_copy_drill_and_the_report_and_export_carry_it(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trainer.ui.report import save

    drill_with_one_error(qtbot, window)
    page = window.results
    assert page.assess_button.isVisible()
    assert page.assess_button.text().replace("&", "").startswith("Beoordeling")
    session_id = window._reported[1]  # type: ignore[index]
    seen: dict[str, object] = {}

    def look_and_score(dialog: RubricDialog) -> None:
        seen["boxes"] = boxes(dialog)
        seen["first"] = dialog.findChildren(ScoreChooser)[0].accessibleName()  # as heard
        score_touch_typing(qtbot, dialog)

    with_the_dialog(qtbot, window, look_and_score, page)
    # a copy drill: the typing competences, not the call's communication ones
    assert seen["boxes"] == [
        "D140801 Id17267: Typt foutloos binnen de foutenmarge, met een goede techniek",
        "co 01670: Controleert en verbetert het eigen werk",
    ]
    assert str(seen["first"]).startswith("Typt blind met tien vingers")
    saved = window.store.assessment(session_id)
    assert saved is not None and saved.coach == "Marleen Peeters"
    assert saved.of("D140801 Id17267").scores == {"touch_typing": 2, "fingering": 0}  # type: ignore[union-attr]
    assert saved.of("co 01670").comment == "Kijkt nog naar de toetsen bij cijfers."  # type: ignore[union-attr]
    assert "bewaard" in window.statusBar().currentMessage()

    # the report (Ctrl+S) shows it beside the automatic result, in the rubric's words
    where = tmp_path / "rapport.html"
    monkeypatch.setattr(save, "ask_where", lambda _parent, _result: (where, "html"))
    page.report_button.click()
    html = where.read_text(encoding="utf-8")
    assert "Beoordeling door de coach (Marleen Peeters" in html
    assert "Typt blind met tien vingers" in html and "2 voldoende" in html
    assert "Kijkt nog naar de toetsen bij cijfers." in html

    # the export's rubric table: one row per criterion scored, one for the comment alone
    found = list(rows(window.store, SessionFilter(), "rubric", {}))
    assert [(r["competence"], r["criterion"], r["score"]) for r in found] == [
        ("D140801 Id17267", "touch_typing", 2),
        ("D140801 Id17267", "fingering", 0),
        ("co 01670", None, None),
    ]


def test_an_exercise_asking_for_nothing_a_coach_judges_says_so(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy rubric whose only competence is for another exercise: Ctrl+B says there is
    nothing to fill in, opens no dialog and saves nothing."""
    other = tmp_path / "copy.yaml"
    other.write_text(
        "kind: copy\n"
        "scale:\n"
        "  - {score: 0, word: {nl: niet getoond, fr: pas montré, en: not shown}}\n"
        "  - {score: 1, word: {nl: getoond, fr: montré, en: shown}}\n"
        "competences:\n"
        "  - code: co 01670\n"
        "    name: {nl: Controleert, fr: Contrôle, en: Checks}\n"
        "    when: {exercises: [een-andere-oefening]}\n"
        "    criteria:\n"
        "      - id: proofreading\n"
        "        text: {nl: Leest na, fr: Relit, en: Reads through}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(rubric_module, "rubric_path", lambda _assets, _kind: other)
    said: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "information",
        staticmethod(lambda _parent, _title, text, *_a, **_k: said.append(text)),
    )
    drill_with_one_error(qtbot, window)
    session_id = window._reported[1]  # type: ignore[index]
    opened: list[str] = []

    def close_a_dialog() -> None:  # a dialog that should not be there must not hang the test
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, RubricDialog):
            opened.append(", ".join(boxes(dialog)))
            dialog.reject()

    QTimer.singleShot(200, close_a_dialog)
    qtbot.keyClick(window.results, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert opened == []
    assert len(said) == 1 and "niets in te vullen" in said[0]
    assert window.store.assessment(session_id) is None
    assert window.stack.currentWidget() is window.results
