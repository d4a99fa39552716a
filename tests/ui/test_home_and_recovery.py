"""The home screen, timed drills, and sessions that survive the app being killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from tests.conftest import REPO
from tests.ui.conftest import Asked
from trainer.core.journal import read_journal
from trainer.ui.main_window import MainWindow


def test_a_broken_file_is_listed_as_broken_and_the_rest_still_works(
    qtbot,
    data_dir: Path,
    exercises: Path,
    answer_dialogs: list[str],
) -> None:
    (exercises / "kapot.yaml").write_text("format: 1\nid: x\nlevel: 9\n", encoding="utf-8")
    window = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])
    qtbot.addWidget(window)
    tree = window.home.exercise_tree
    labels = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert labels == ["Nederlands", "Defecte bestanden (1)"]
    broken = tree.topLevelItem(1).child(0)
    assert broken.text(0) == "kapot.yaml"
    problems = [broken.child(i).text(0) for i in range(broken.childCount())]
    assert "regel 1: de verplichte sleutel 'title' ontbreekt" in problems
    assert "regel 3: level: mag hoogstens 5 zijn" in problems  # (in French: test_file_messages)
    # the good exercise is selected and can be started
    assert tree.currentItem().text(0) == "Korte notitie"
    assert window.home.start_button.isEnabled()


def test_a_new_trainee_is_created_and_remembered_for_next_time(
    qtbot,
    data_dir: Path,
    exercises: Path,
    answer_dialogs: list[str],
    monkeypatch,
) -> None:
    window = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])
    qtbot.addWidget(window)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Jef Claes", True)))
    qtbot.keyClick(window.home, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    window.home.new_trainee_button.click()  # the same name again is refused, not duplicated
    assert [window.home.trainee_combo.itemText(i) for i in range(2)] == ["Jef Claes", ""]
    assert window.home.trainee_combo.count() == 1
    window.close()

    again = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])
    qtbot.addWidget(again)
    assert again.home.trainee_combo.currentText() == "Jef Claes"


def test_the_app_shows_its_window_before_reading_the_exercises(
    qtbot,
    data_dir: Path,
    exercises: Path,
    answer_dialogs: list[str],
) -> None:
    window = MainWindow(data_dir=data_dir, exercise_dirs=[exercises], defer_loading=True)
    qtbot.addWidget(window)
    assert window.home.exercise_tree.topLevelItem(0).text(0) == "Oefeningen laden…"
    assert not window.home.settings_button.isEnabled()  # nothing to act on yet
    with qtbot.waitSignal(window.contentLoaded, timeout=5000):
        window.show()
    assert window.home.exercise_tree.topLevelItem(0).text(0) == "Nederlands"
    assert window.home.settings_button.isEnabled()


def test_a_timed_drill_ends_by_itself_and_counts_only_what_was_reached(
    qtbot,
    window: MainWindow,
) -> None:
    exercise = window.catalog.by_id("nl-copy-kort").exercise.model_copy(update={"time_limit": 1})
    drill = window.start_drill(exercise, window.current_trainee())
    assert "start bij je eerste aanslag" in window.drill_view.countdown.text()
    qtbot.keyClicks(window.drill_view.surface, "Cafx")  # one wrong letter, then time runs out
    assert window.drill_view.countdown.text().startswith("Nog 0:0")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results, timeout=4000)
    result = drill.result
    assert result is not None and result.ended == "time_up"
    assert result.typing.reference_chars_counted == 4  # "Café" reached, the rest not counted
    assert result.typing.word_errors == 1 and result.typing.reference_words == 1
    assert "De tijd was om" in window.results.summary.text()


KILLED_DRILL = """
import os, signal, sys
from pathlib import Path
from trainer.ui.app import create_application
from trainer.ui.main_window import MainWindow
app = create_application()
window = MainWindow(data_dir=Path(sys.argv[1]), exercise_dirs=[Path(sys.argv[2])])
trainee = window.store.add_trainee("An Peeters")
window._fill_trainees(trainee.id)
drill = window.start_drill(window.catalog.by_id("nl-copy-kort").exercise, trainee)
for ch in "Café Lx":
    drill._on_typed(ch)
drill._on_edited("Backspace")
os.kill(os.getpid(), signal.SIGKILL)  # no clean-up of any kind, like a power cut
"""


def test_a_session_killed_mid_drill_is_recovered_on_the_next_start(
    qtbot,
    data_dir: Path,
    exercises: Path,
    answer_dialogs: Asked,
) -> None:
    killed = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILLED_DRILL), str(data_dir), str(exercises)],
        cwd=REPO,
        env=os.environ | {"QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        timeout=60,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()

    window = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: answer_dialogs == ["Onderbroken sessies"])
    assert answer_dialogs.texts[0].startswith("Simultaan werd afgesloten tijdens 1 oefening.")
    [row] = window.store.recent_sessions(window.current_trainee().id)
    assert row.status == "recovered"
    typing = row.result["typing"]
    assert typing["transcribed"] == "Café L"  # every keystroke up to the kill was on disk
    assert typing["fixes"] == 1 and typing["word_errors"] == 0
    assert read_journal(row.journal_path).end is None  # the journal itself is left as it was
    # not a failed attempt: it says what became of it
    assert window.home.recent_table.item(0, 4).text() == "hersteld na onderbreking"


@pytest.mark.parametrize("damage", ["not = [valid toml", "last_trainee_id = 'abc'\n"])
def test_a_damaged_settings_file_is_set_aside_with_a_message(
    qtbot,
    data_dir: Path,
    exercises: Path,
    monkeypatch,
    damage: str,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, title, text, *a: warnings.append(text))
    )
    (data_dir / "settings.toml").write_text(damage, encoding="utf-8")
    window = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: len(warnings) == 1)
    assert str(data_dir / "settings.toml") in warnings[0]
    assert (data_dir / "settings.toml.broken").exists()


def test_a_call_is_listed_and_opens_the_agent_desktop(
    qtbot,
    data_dir: Path,
    exercises: Path,
    answer_dialogs: list[str],
    monkeypatch,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from tests.core.test_scenario import documented_example

    (exercises / "gesprek.yaml").write_text(documented_example(), encoding="utf-8")
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda _p, title, text, *a: told.append(text))
    )
    window = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])
    qtbot.addWidget(window)
    trainee = window.store.add_trainee("An")
    window._fill_trainees(trainee.id)
    assert window.catalog.problems == []
    window.home.show_details(window.catalog.by_id("nl-gesprek-01-adreswijziging").exercise)
    details = window.home.details.text()
    assert "Opnemen binnen 10 s, gespreksduur ten hoogste 3:00." in details
    assert "4 velden in te vullen, 1 melding om tijdig te bevestigen" in details
    window._on_start_exercise("nl-gesprek-01-adreswijziging")
    assert told == []
    assert window.stack.currentWidget() is window.call_view
    assert window.call_view.title.text() == "Adreswijziging na een verhuis"
    assert window.call_view.fields["postcode"].placeholderText() == "bv. 9000"
    window.close()  # a call left open is kept as an abandoned session
    from trainer.store import Store

    (row,) = Store(window.store.path).recent_sessions(trainee.id)
    assert row.status == "abandoned"


def test_hostile_files_in_the_exercise_folder_never_freeze_the_list(
    qtbot,
    data_dir: Path,
    exercises: Path,
    answer_dialogs: list[str],
) -> None:
    os.mkfifo(exercises / "pijp.yaml")  # reading it would wait for a writer forever
    digits = "9" * 5000  # more digits than Python turns into a number
    (exercises / "reus.yaml").write_text(f"format: 1\nid: nl-reus\nlevel: {digits}\n")
    window = MainWindow(data_dir=data_dir, exercise_dirs=[exercises], defer_loading=True)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.contentLoaded, timeout=10000):
        window.show()
    tree = window.home.exercise_tree
    broken = tree.topLevelItem(1)
    assert broken.text(0) == "Defecte bestanden (2)"
    assert sorted(broken.child(i).text(0) for i in range(2)) == ["pijp.yaml", "reus.yaml"]
    assert tree.currentItem().text(0) == "Korte notitie"  # the good one still starts


def test_a_failure_while_reading_the_exercises_is_said_and_the_window_stays_usable(
    qtbot,
    data_dir: Path,
    exercises: Path,
    answer_dialogs: list[str],
    monkeypatch,
) -> None:
    def broken_reader(*_args: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("trainer.core.loader.load_catalog", broken_reader)
    warned: list[str] = []
    monkeypatch.setattr(
        "PySide6.QtWidgets.QMessageBox.warning",
        staticmethod(lambda _p, _title, text, *a: warned.append(text)),
    )
    window = MainWindow(data_dir=data_dir, exercise_dirs=[exercises], defer_loading=True)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.contentLoaded, timeout=10000):
        window.show()
    assert warned == [
        "De oefeningen konden niet worden gelezen: RecursionError: maximum recursion depth exceeded"
    ]
    assert window.home.settings_button.isEnabled()  # sound settings, trainees still work
