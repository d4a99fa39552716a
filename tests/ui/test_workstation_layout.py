"""Every page fits a 1366x768 screen (the window maximised there: 1366x700 of client area), with
nothing cut off or squeezed below the size it needs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from tests.ui.test_no_accidents import shipped
from trainer.paths import exercises_dir
from trainer.ui.app import create_application
from trainer.ui.main_window import MainWindow

# a 1366x768 laptop screen less the task bar and the window's title bar
SMALL = (1366, 768 - 68)


@pytest.fixture(autouse=True)
def _no_headset(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sessions run with subtitles: the layout is what is tested."""
    monkeypatch.setenv("SIMULTAAN_AUDIO_DEVICE", "geen-apparaat-in-de-test")


@pytest.fixture
def shipped_window(qtbot, data_dir: Path, answer_dialogs: list[str]) -> Iterator[MainWindow]:
    """The main window on the shipped exercises, with a trainee, at the small screen's size."""
    create_application()
    win = MainWindow(data_dir=data_dir)
    qtbot.addWidget(win)
    win.resize(*SMALL)
    win.show()
    qtbot.waitExposed(win)
    trainee = win.store.add_trainee("Sofie Maes")
    win._fill_trainees(trainee.id)
    # the trainee's voice is not recorded: whether a microphone opens or not depends on the
    # machine's sound server, and its problem would be one more line above the desk
    win.settings.record_voice = False
    yield win
    if win.drill is not None and win.drill.active:
        win.drill.finish("abandoned")


def _scrolled(widget: QWidget, root: QWidget) -> bool:
    """Whether ``widget`` lies inside a scroll area's viewport (it may scroll out of view)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
            # (where it need not scroll, everything in it must be in view)
            bars = (grand.verticalScrollBar(), grand.horizontalScrollBar())
            return any(bar.maximum() > 0 for bar in bars)
        parent = grand
    return False


def cut_off(root: QWidget) -> list[str]:
    """What of ``root``'s visible widgets lies outside it or is smaller than it needs to be."""
    frame = QRect(QPoint(0, 0), root.size())
    problems = []
    for widget in root.findChildren(QWidget):
        if widget.isWindow() or not widget.isVisibleTo(root) or _scrolled(widget, root):
            continue
        if widget.objectName().startswith("qt_"):  # a part of a Qt widget (a spin box's text)
            continue
        name = widget.objectName() or type(widget).__name__
        text = getattr(widget, "text", lambda: "")()
        where = QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())
        if not frame.contains(where):
            problems.append(f"{name} {text!r} at {where.getRect()} outside {frame.getRect()}")
        if isinstance(widget, QLabel) and widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            if widget.height() < needed:
                problems.append(f"{name} {text!r}: {widget.height()} high, needs {needed}")
        elif isinstance(widget, (QLabel, QAbstractButton, QLineEdit, QComboBox)):
            hint = widget.minimumSizeHint()
            if widget.width() < hint.width() or widget.height() < hint.height():
                problems.append(
                    f"{name} {text!r}: {widget.width()}x{widget.height()},"
                    f" needs {hint.width()}x{hint.height()}"
                )
    return problems


def assert_fits(window: MainWindow) -> None:
    """The window kept the small screen's size and its page shows everything whole."""
    for _ in range(3):
        QApplication.processEvents()
    assert (window.width(), window.height()) == SMALL, window.stack.currentWidget().objectName()
    problems = cut_off(window)
    assert problems == [], "\n".join(problems)


def test_the_home_screen_fits(shipped_window: MainWindow) -> None:
    assert_fits(shipped_window)


def test_a_drill_and_its_results_fit(shipped_window: MainWindow) -> None:
    window = shipped_window
    drill = window.start_exercise(
        shipped("nl/copy/nl-copy-08-contractwijziging-energie.yaml"), window.current_trainee()
    )
    for ch in "Geachte mevrouw, uw contrct":
        drill._on_typed(ch)
    drill._on_live_tick()
    assert_fits(window)
    drill.finish("finished")
    assert window.stack.currentWidget() is window.results
    assert_fits(window)


def test_a_dictation_fits(shipped_window: MainWindow) -> None:
    window = shipped_window
    dictation = window.start_exercise(
        shipped("nl/dictation/nl-dictee-08-examen-klantgegevens.yaml"), window.current_trainee()
    )
    for ch in "Klantnummer 4471 2209":
        dictation._on_typed(ch)
    assert_fits(window)
    dictation.finish("finished")
    assert_fits(window)


def test_the_call_desk_of_a_level_4_call_fits(qtbot, shipped_window: MainWindow) -> None:
    window = shipped_window
    exercise = shipped("nl/call/nl-gesprek-06-klacht-factuur.yaml")
    assert exercise.level == 4
    call = window.start_exercise(exercise, window.current_trainee())
    qtbot.waitUntil(lambda: call.state == "ringing")
    call.on_desk_action("answer")
    view = window.call_view
    # everything the desk can show at once: the file opened and verified, subtitles, the
    # queue board, a problem, messages, every field with a hint under it
    call.look_up(exercise.customer.number)
    call.on_desk_action("verified")
    view.show_subtitle("Ja goedemiddag, ik bel over mijn laatste factuur, die klopt niet.")
    view.show_queue("Wachtrij facturatie: 9 wachtenden, langste wachttijd 6:40.")
    view.show_problem("Dit veld verwacht een datum (dd/mm/jjjj).")
    for number in range(6):
        view.add_message(f"m{number}", f"Collega Els: kan je de klant even vragen {number}?")
    for field_id in view.fields:
        view.fields[field_id].setText("Een lange waarde die iemand hier heeft getypt")
        view.set_hint(field_id, "Dit is geen geldig formaat voor dit veld.")
    view.search.setText("factuur")
    view.hits.setCurrentRow(0)
    assert_fits(window)
    # at the normal text size nothing of the desk is out of view: its panels need no scrolling
    assert view.desk.verticalScrollBar().maximum() == 0
    assert view.desk.horizontalScrollBar().maximum() == 0
    assert_fields_wide_enough(view)
    call.finish("abandoned")


def assert_fields_wide_enough(view) -> None:
    """Every field of the form has room for a phone number or an IBAN, however long the
    labels beside them."""
    for edit in view.fields.values():
        wanted = edit.fontMetrics().horizontalAdvance("BE68 5390 0754 7034")
        assert edit.width() >= wanted, (edit.objectName(), edit.width(), wanted)


CALLS = sorted(p.relative_to(exercises_dir()).as_posix()
               for p in exercises_dir().glob("*/call/*.yaml")
               if "direction: outbound" not in p.read_text(encoding="utf-8"))  # fmt: skip


@pytest.mark.parametrize("relative", CALLS)
def test_every_shipped_call_fits(qtbot, shipped_window: MainWindow, relative: str) -> None:
    window = shipped_window
    call = window.start_exercise(shipped(relative), window.current_trainee())
    qtbot.waitUntil(lambda: call.state == "ringing")
    call.on_desk_action("answer")
    call.look_up(call.exercise.customer.number)
    call.on_desk_action("verified")
    window.call_view.show_queue("Wachtrij: 9 wachtenden, langste wachttijd 6:40.")
    assert_fits(window)
    assert window.call_view.desk.verticalScrollBar().maximum() == 0
    assert window.call_view.desk.horizontalScrollBar().maximum() == 0
    assert_fields_wide_enough(window.call_view)
    call.finish("abandoned")


OUTBOUND = sorted(p.relative_to(exercises_dir()).as_posix()
                  for p in exercises_dir().glob("*/call/*.yaml")
                  if "direction: outbound" in p.read_text(encoding="utf-8"))  # fmt: skip


@pytest.mark.parametrize("relative", OUTBOUND)
def test_every_shipped_outbound_call_fits_with_its_dial_field(
    qtbot, shipped_window: MainWindow, relative: str
) -> None:
    window = shipped_window
    call = window.start_exercise(shipped(relative), window.current_trainee())
    view = window.call_view
    qtbot.waitUntil(lambda: view.dial.hasFocus())
    view.dial.setText(call.exercise.customer.phone)
    view.show_queue("Wachtrij: 9 wachtenden, langste wachttijd 6:40.")
    assert view.problem.isVisible()  # what a workstation without a headset says
    # and without a microphone: said under it, as PortAudio words it without a sound server
    call._show_voice_problem("de standaardmicrofoon gaat niet open: Error querying device -1")
    assert view.problem.text().count("\n") == 1
    assert_fits(window)
    assert view.desk.verticalScrollBar().maximum() == 0
    assert view.desk.horizontalScrollBar().maximum() == 0
    assert view.dial.width() >= view.dial.fontMetrics().horizontalAdvance("+32 471 23 45 67")
    assert_fields_wide_enough(view)
    call.finish("abandoned")


def test_a_call_result_with_all_its_tables_fits(tmp_path: Path, shipped_window: MainWindow) -> None:
    from tests.core.test_call_scoring import good_call, replace, scored
    from trainer.core.journal import ActionEvent, FieldEvent

    events = replace(
        good_call(),
        FieldEvent(t=26.0, field="postcode", value="3000"),
        FieldEvent(t=26.0, field="postcode", value="3010"),
    )
    events = replace(
        events, ActionEvent(t=29.0, action="acknowledged", target="collega"), events[0]
    )
    window = shipped_window
    window.call_results.show_result(scored(tmp_path, events))
    window.stack.setCurrentWidget(window.call_results)
    for tab in range(window.call_results.tabs.count()):
        window.call_results.tabs.setCurrentIndex(tab)
        assert_fits(window)
        # each row as high as its text needs in the columns as they are on screen (not as
        # they were when the table was filled, before the page was laid out)
        table = window.call_results.tabs.currentWidget()
        heights = [table.rowHeight(row) for row in range(table.rowCount())]
        table.resizeRowsToContents()
        assert heights == [table.rowHeight(row) for row in range(table.rowCount())]


def test_the_settings_dialog_fits(qtbot, shipped_window: MainWindow) -> None:
    from trainer.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(
        shipped_window.settings, shipped_window, trainee=shipped_window.current_trainee()
    )
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    assert dialog.width() <= SMALL[0] and dialog.height() <= SMALL[1]
    assert cut_off(dialog) == []


@pytest.mark.parametrize(("size", "screen"), [(125, SMALL), (200, (1920, 1080 - 68))])
def test_at_a_larger_text_size_the_desk_scrolls_to_where_the_trainee_types(
    qtbot, shipped_window: MainWindow, size: int, screen: tuple[int, int]
) -> None:
    from trainer.ui import appearance

    window = shipped_window
    window.resize(*screen)
    appearance.apply(size, "normal")
    try:
        call = window.start_exercise(
            shipped("nl/call/nl-gesprek-06-klacht-factuur.yaml"), window.current_trainee()
        )
        qtbot.waitUntil(lambda: call.state == "ringing")
        call.on_desk_action("answer")
        view = window.call_view
        for _ in range(3):
            QApplication.processEvents()
        assert (window.width(), window.height()) == screen  # the window did not grow
        assert cut_off(window) == []  # the bar whole; the panels scroll, not squeezed
        panels = view.desk.widget()
        assert panels.height() >= panels.minimumSizeHint().height()
        assert panels.width() >= panels.minimumSizeHint().width()
        assert view.desk.verticalScrollBar().maximum() > 0  # (it does not all fit)
        window.windowHandle().requestActivate()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        view.open_wrap_up()  # as when the call ends: the focus goes to the wrap-up
        viewport = view.desk.viewport()
        bar = view.desk.verticalScrollBar()
        widgets = (view.lookup, view.contact_result, view.finish_button, *view.fields.values())
        for widget in widgets:
            # scrolled away from it first: the focus brings it back into view
            high = widget.mapTo(panels, QPoint(0, 0)).y() < panels.height() // 2
            bar.setValue(bar.maximum() if high else 0)
            view.setFocus()
            widget.setFocus()
            QApplication.processEvents()
            top_left = widget.mapTo(viewport, QPoint(0, 0))
            in_view = QRect(QPoint(0, 0), viewport.size())
            assert in_view.contains(QRect(top_left, widget.size())), widget.objectName()
        call.finish("abandoned")
    finally:
        appearance.apply(appearance.NORMAL_SIZE, "normal")
