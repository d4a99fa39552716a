"""The exam screen as a candidate and a supervisor use it, by keyboard: check-in confirmed by
the supervisor's code, the instructions, a part that ends by itself, no way out without the
code (Escape, closing the window), a cut-off exam offered for resuming, and the end as the
package says."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.exams import CODE, Clock, enrol_workstation, signed_package, silent_engine
from trainer.core.exam_run import exam_folder, read_state
from trainer.core.journal import read_journal
from trainer.paths import STORE_FILE
from trainer.store import Store
from trainer.store.exam_room import prepare_exam
from trainer.ui.exam_window import ExamWindow


@pytest.fixture
def centre_key(tmp_path: Path, data_dir: Path) -> Path:
    return enrol_workstation(tmp_path / "centre", data_dir)


def window_for(
    qtbot: QtBot, data_dir: Path, package: Path, clock: Clock, candidate: str = "K-0412"
) -> ExamWindow:
    window = ExamWindow(
        prepare_exam(data_dir, package, candidate),
        clock=clock,
        kiosk=False,
        engine_factory=silent_engine,  # (no sound to the machine's device)
        device="geen-headset",  # (a call's desk opens its own: none, so no sound either)
    )
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def check_in(qtbot: QtBot, window: ExamWindow, code: str = CODE) -> None:
    qtbot.keyClicks(window.name_field, "An Peeters")
    qtbot.keyClick(window.name_field, Qt.Key.Key_Return)
    qtbot.keyClicks(window.check_in_code, code)
    qtbot.keyClick(window.check_in_code, Qt.Key.Key_Return)


def leave_with(qtbot: QtBot, window: ExamWindow, code: str) -> None:
    qtbot.keyClicks(window.leave_code, code)
    qtbot.keyClick(window.leave_code, Qt.Key.Key_Return)


@pytest.fixture
def package(centre_key: Path, tmp_path: Path) -> Path:
    return signed_package(tmp_path / "pakket", centre_key)


def test_check_in_needs_the_supervisors_code(qtbot: QtBot, data_dir: Path, package: Path) -> None:
    window = window_for(qtbot, data_dir, package, Clock())
    assert window.candidate_field.text() == "K-0412" and window.candidate_field.isReadOnly()
    assert not window.check_in_problem.isVisible()  # (no empty red bar before a problem)
    check_in(qtbot, window, code="1234")
    assert window.pages.currentWidget() is window.check_in
    assert window.check_in_problem.text() == "Die code klopt niet."
    assert window.check_in_problem.isVisible()
    assert (
        window.run is None and read_state(exam_folder(data_dir, "nl-proefexamen", "K-0412")) is None
    )
    qtbot.keyClicks(window.check_in_code, CODE)
    qtbot.keyClick(window.check_in_code, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.instructions
    assert "Onderdeel 1: " in window.instructions_text.text()
    assert "(1 minuten)" in window.instructions_text.text()


def test_the_room_sees_the_workstation_checking_in_as_soon_as_the_screen_opens(
    qtbot: QtBot, data_dir: Path, package: Path
) -> None:
    from tests.e2e.test_cli import run

    window = window_for(qtbot, data_dir, package, Clock())
    room = json.loads(run("exam", "status", "--json").stdout)
    assert [(w["candidate"], w["stage"], w["part"]) for w in room["workstations"]] == [
        ("K-0412", "check_in", 1)
    ]
    assert "K-0412" in run("exam", "status").stdout.split("checking in")[0]
    check_in(qtbot, window)  # then the name, and the first part waiting
    room = json.loads(run("exam", "status", "--json").stdout)
    assert [(w["name"], w["stage"]) for w in room["workstations"]] == [("An Peeters", "waiting")]
    # named as the centre enrolled it, not by the computer's name (clones share theirs)
    assert [w["workstation"] for w in room["workstations"]] == ["PC 07"] != [socket.gethostname()]
    qtbot.keyClick(window.begin_button, Qt.Key.Key_Space)
    assert window.run is not None and window.run.writer is not None
    journal = read_journal(window.run.writer.path)
    assert journal.header.workstation == "PC 07"


def test_a_part_runs_on_its_clock_and_ends_by_itself(
    qtbot: QtBot, data_dir: Path, package: Path
) -> None:
    clock = Clock()
    window = window_for(qtbot, data_dir, package, clock)
    check_in(qtbot, window)
    qtbot.keyClick(window.begin_button, Qt.Key.Key_Space)  # the focused button, by key
    assert window.pages.currentWidget() is window.part_page
    assert window.typing.hasFocus()
    assert window.clock_label.text() == "1:00"
    # a large clock, read from the chair: well over twice the text's size (style.qss: 11 pt)
    assert (
        window.clock_label.fontInfo().pointSizeF() >= 2.5 * window.reference.fontInfo().pointSizeF()
    )
    qtbot.keyClicks(window.typing, "Goedemiddag")
    qtbot.keyClick(window.typing, Qt.Key.Key_Backspace)
    qtbot.keyClick(window.typing, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)  # no paste
    assert window.typing.toPlainText() == "Goedemidda"
    clock.at += 35.2
    qtbot.waitUntil(lambda: window.clock_label.text() == "0:25")
    clock.at += 30
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.between)
    assert "Onderdeel 1 is voorbij" in window.between_text.text()
    qtbot.keyClick(window.next_button, Qt.Key.Key_Return)  # Enter starts the next part too
    assert window.pages.currentWidget() is window.part_page and window.run.index == 1  # type: ignore[union-attr]
    journal = read_journal(exam_folder(data_dir, "nl-proefexamen", "K-0412") / "part-01.jsonl")
    assert "".join(k.text or "\b" for k in journal.keys) == "Goedemiddag\b"
    assert journal.end is not None and journal.end.reason == "time_up"


def test_escape_and_closing_ask_the_supervisors_code(
    qtbot: QtBot, data_dir: Path, package: Path
) -> None:
    clock = Clock()
    window = window_for(qtbot, data_dir, package, clock)
    check_in(qtbot, window)
    qtbot.keyClick(window.begin_button, Qt.Key.Key_Escape)  # before the first part
    assert window.leave_text.text().endswith("Er loopt nu geen onderdeel.")
    qtbot.keyClick(window.back_button, Qt.Key.Key_Space)
    qtbot.keyClick(window.begin_button, Qt.Key.Key_Space)
    qtbot.keyClicks(window.typing, "Goed")
    qtbot.keyClick(window.typing, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.leave_page
    assert window.leave_text.text().endswith("De tijd loopt door.")  # a part's clock runs
    leave_with(qtbot, window, "0000")  # the wrong code: nobody leaves
    assert window.isVisible() and window.leave_problem.text() == "Die code klopt niet."
    qtbot.keyClick(window.back_button, Qt.Key.Key_Space)
    assert window.pages.currentWidget() is window.part_page and window.typing.hasFocus()
    assert window.run is not None and window.run.running  # the clock ran on

    window.close()  # Alt+F4, the window manager's close
    assert window.isVisible() and window.pages.currentWidget() is window.leave_page
    leave_with(qtbot, window, CODE)
    assert not window.isVisible()
    state = read_state(exam_folder(data_dir, "nl-proefexamen", "K-0412"))
    assert state is not None and state.parts[0].status == "running"  # to be resumed


def cut_off_exam(data_dir: Path, package: Path, clock: Clock) -> None:
    """An exam whose app was killed 20 s into part 1, with 'Goedemiddag' typed."""
    run = prepare_exam(data_dir, package, "K-0412").begin("An Peeters", clock=clock)
    run.start_part()
    for char in "Goedemiddag":
        clock.at += 1
        run.key(char)
    clock.at += 9
    run.tick()
    assert run.writer is not None
    run.writer.close()  # as a kill leaves it


def test_a_cut_off_exam_is_resumed_with_the_code(
    qtbot: QtBot, data_dir: Path, package: Path
) -> None:
    clock = Clock()
    cut_off_exam(data_dir, package, clock)
    window = window_for(qtbot, data_dir, package, clock)
    assert window.pages.currentWidget() is window.resume_page
    assert "onderdeel 1 van 2, na 0:20 van de 1 minuten" in window.resume_text.text()
    assert "gesprek" not in window.resume_text.text()  # (a copy part goes on where it was)
    qtbot.keyClicks(window.resume_code, "9999")
    qtbot.keyClick(window.resume_code, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.resume_page and window.run is None
    qtbot.keyClicks(window.resume_code, CODE)
    qtbot.keyClick(window.resume_code, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.part_page
    assert window.typing.toPlainText() == "Goedemiddag"  # what was typed, kept
    assert window.clock_label.text() == "0:40"  # the 20 s used, counted
    qtbot.keyClicks(window.typing, ", u")
    assert window.run is not None and window.run.typed_text() == "Goedemiddag, u"


def test_a_cut_off_exam_can_be_closed_without_resuming(
    qtbot: QtBot, data_dir: Path, package: Path
) -> None:
    clock = Clock()
    cut_off_exam(data_dir, package, clock)
    window = window_for(qtbot, data_dir, package, clock)
    window.resume_code.setText(CODE)
    qtbot.keyClick(window.resume_close_button, Qt.Key.Key_Space)
    assert not window.isVisible()
    state = read_state(exam_folder(data_dir, "nl-proefexamen", "K-0412"))
    assert state is not None and state.resumes == 0  # untouched: offered again next time
    assert state.parts[0].status == "running"


@pytest.mark.parametrize("show", ["result", "nothing"])
def test_the_end_shows_what_the_package_says(
    qtbot: QtBot, data_dir: Path, centre_key: Path, tmp_path: Path, show: str
) -> None:
    package = signed_package(tmp_path / "pakket", centre_key, show_result=show)
    clock = Clock()
    window = window_for(qtbot, data_dir, package, clock)
    check_in(qtbot, window)
    qtbot.keyClick(window.begin_button, Qt.Key.Key_Space)
    clock.at += 61
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.between)
    qtbot.keyClick(window.next_button, Qt.Key.Key_Space)
    clock.at += 121
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.end_page)
    text = window.end_text.text()
    if show == "result":
        assert "Onderdeel 1, " in text and "niet geslaagd" in text
    else:
        assert "geslaagd" not in text and "later" in text
    # the supervisor is told how this screen closes, and it does so
    assert window.end_hint.isVisible()
    assert window.end_hint.text() == "Voor de toezichter: Esc, dan de code, sluit dit scherm."
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.leave_page and window.leave_code.hasFocus()
    assert window.leave_text.text().startswith("Het examen is voorbij en bewaard.")
    leave_with(qtbot, window, CODE)
    assert not window.isVisible()


def test_a_dictations_play_limit_holds_across_a_resume(
    qtbot: QtBot, data_dir: Path, package: Path
) -> None:
    clock = Clock()
    window = window_for(qtbot, data_dir, package, clock)
    check_in(qtbot, window)
    qtbot.keyClick(window.begin_button, Qt.Key.Key_Space)
    clock.at += 61
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.between)
    qtbot.keyClick(window.next_button, Qt.Key.Key_Space)
    editor = window.dictation_view.editor
    assert window.body.currentWidget() is window.dictation_view and editor.hasFocus()
    qtbot.keyClick(editor, Qt.Key.Key_F5)  # the first clip's one start
    qtbot.keyClicks(editor, "Jan")
    qtbot.keyClick(editor, Qt.Key.Key_F9)  # the next clip, and back: not loaded any more
    qtbot.keyClick(editor, Qt.Key.Key_F3)
    qtbot.keyClick(editor, Qt.Key.Key_F5)
    problem = "Dit fragment mag je maar 1 keer beluisteren."
    assert window.dictation_view.problem.text() == problem
    assert window.run is not None and window.run.writer is not None
    window.run.writer.close()  # the app killed here
    window.timer.stop()

    again = window_for(qtbot, data_dir, package, clock)
    again.resume_code.setText(CODE)
    qtbot.keyClick(again.resume_code, Qt.Key.Key_Return)
    editor = again.dictation_view.editor
    assert editor.toPlainText() == "Jan"
    qtbot.keyClick(editor, Qt.Key.Key_F5)  # the start used before the kill still counts
    assert again.dictation_view.problem.text() == problem


def through_to_the_call(qtbot: QtBot, window: ExamWindow, clock: Clock) -> None:
    check_in(qtbot, window)
    qtbot.keyClick(window.begin_button, Qt.Key.Key_Space)
    clock.at += 61
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.between)
    qtbot.keyClick(window.next_button, Qt.Key.Key_Space)
    clock.at += 121
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.between)
    qtbot.keyClick(window.next_button, Qt.Key.Key_Space)
    assert window.call is not None and window.body.currentWidget() is window.call_view


def test_a_call_part_ends_at_its_limit_and_escape_asks_the_supervisor(
    qtbot: QtBot, data_dir: Path, centre_key: Path, tmp_path: Path
) -> None:
    package = signed_package(tmp_path / "pakket", centre_key, call=True)
    clock = Clock()
    window = window_for(qtbot, data_dir, package, clock)
    through_to_the_call(qtbot, window, clock)
    assert window.call_view is not None
    assert "Roep de toezichter" in window.call_view.problem.text()  # no subtitles instead
    desk_journal = window.call.journal.path  # type: ignore[union-attr]
    qtbot.keyClick(window.call_view, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.leave_page  # not 'stop the exercise?'
    qtbot.keyClick(window.back_button, Qt.Key.Key_Space)
    assert window.call is not None and window.call.active
    clock.at += 241
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.end_page)
    folder = exam_folder(data_dir, "nl-proefexamen", "K-0412")
    kept = folder / "part-03.jsonl"
    assert kept.read_bytes() == desk_journal.read_bytes()
    journal = read_journal(kept)
    assert journal.header.mode == "exam"
    assert journal.end is not None and journal.end.reason == "time_up"
    assert (folder / "part-03.jsonl.seal").exists()
    store = Store(data_dir / STORE_FILE)
    try:
        assert store.unfinished_sessions() == []  # the desk stored its call
    finally:
        store.close()


def test_a_call_cut_off_that_its_journal_cannot_rebuild_is_closed_with_what_it_holds(
    qtbot: QtBot, data_dir: Path, centre_key: Path, tmp_path: Path
) -> None:
    """(A call whose journal rebuilds it goes on: tests/ui/test_exam_call_resume.py.)"""
    from trainer.core.journal import ActionEvent

    package = signed_package(tmp_path / "pakket", centre_key, call=True)
    clock = Clock()
    window = window_for(qtbot, data_dir, package, clock)
    through_to_the_call(qtbot, window, clock)
    assert window.call is not None
    call = window.call
    clock.at += 30
    window.timer.stop()
    call.stop_here()  # the app killed mid-call: no end in the desk's journal
    window.call = None
    # a line the call engine cannot have written (verified before it was answered)
    last = max(
        [0.0, *(float(getattr(e, "t", 0.0)) for e in read_journal(call.journal.path).events)]
    )
    with call.journal.path.open("a", encoding="utf-8") as journal:
        journal.write(ActionEvent(t=last, action="verified").model_dump_json() + "\n")

    again = window_for(qtbot, data_dir, package, clock)
    # the supervisor is told before resuming what happens to the call
    said = again.resume_text.text()
    assert "onderdeel 3 is een gesprek dat niet verder kan waar het stopte" in said
    assert "beoordeeld met wat er tot de onderbreking gebeurde; daarmee is het examen af." in said
    from tests.e2e.test_cli import run

    checked = run("exam", "start", package, "--candidate", "K-0412", "--check").stdout
    assert "part 3 is a call that cannot go on where it stopped" in checked
    assert "it is scored with what happened before it was cut off" in checked
    again.resume_code.setText(CODE)
    qtbot.keyClick(again.resume_code, Qt.Key.Key_Return)
    assert again.pages.currentWidget() is again.end_page  # the call was the last part
    state = read_state(exam_folder(data_dir, "nl-proefexamen", "K-0412"))
    assert state is not None and state.finished and state.parts[2].status == "done"
    store = Store(data_dir / STORE_FILE)
    try:
        assert store.unfinished_sessions() == []  # the desk's session closed too
    finally:
        store.close()


def test_a_full_disk_mid_part_is_said_and_nothing_typed_is_lost(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from tests.disks import fill, make_room, small_disk

    with small_disk(tmp_path / "disk", "40m") as disk:
        data = disk / "data"
        package = signed_package(tmp_path / "pakket", enrol_workstation(tmp_path / "c", data))
        clock = Clock()
        window = window_for(qtbot, data, package, clock)
        check_in(qtbot, window)
        qtbot.keyClick(window.begin_button, Qt.Key.Key_Space)
        fill(disk)
        typed = "Goedemiddag, u spreekt met de klantendienst. " * 30
        qtbot.keyClicks(window.typing, typed)
        clock.at += 1
        qtbot.waitUntil(window.write_problem.isVisible)
        assert "Roep de toezichter" in window.write_problem.text()
        assert window.typing.toPlainText() == typed  # on screen, and in memory
        qtbot.keyClick(window.typing, Qt.Key.Key_Escape)
        leave_with(qtbot, window, CODE)  # cannot stop now: the lines would be lost
        assert window.isVisible() and "ruimte" in window.leave_problem.text()
        qtbot.keyClick(window.back_button, Qt.Key.Key_Space)
        make_room(disk)
        clock.at += 1
        qtbot.waitUntil(lambda: not window.write_problem.isVisible())
        clock.at += 60
        qtbot.waitUntil(lambda: window.pages.currentWidget() is window.between)
        journal = read_journal(exam_folder(data, "nl-proefexamen", "K-0412") / "part-01.jsonl")
        assert "".join(k.text or "" for k in journal.keys) == typed


def test_the_exam_screen_speaks_the_workstations_language(
    qtbot: QtBot, data_dir: Path, centre_key: Path, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QLabel

    from trainer.ui import language

    package = signed_package(tmp_path / "pakket", centre_key, call=True)
    language.install("fr")
    try:
        clock = Clock()
        window = window_for(qtbot, data_dir, package, clock)
        labels = {label.text() for label in window.findChildren(QLabel)}
        assert {"&Nom", "&Code du surveillant", "Numéro de candidat"} <= labels
        through_to_the_call(qtbot, window, clock)
        assert window.call_view is not None
        assert "Appelez le surveillant" in window.call_view.problem.text()
        qtbot.keyClick(window.call_view, Qt.Key.Key_F8)  # the call desk's own words, too
        assert "Er is" not in window.call_view.problem.text()
        assert window.call_view.problem.text()
    finally:
        language.install("nl")
