"""A start fills the exercise list from the cache's rows before the exercises themselves are
read: the trainee can go through the list at once, and Enter starts the exercise once they are.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from trainer.core.content_cache import CachedContent
from trainer.settings import load_settings, save_settings
from trainer.ui.main_window import MainWindow

LAST = "nl-copy-04-terugbelverzoek"  # the exercise done last time: selected at the start


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Reading the exercises from the cache waits until the test lets it go on (the list's
    rows are read before it)."""
    go_on = threading.Event()
    value = CachedContent.value

    def wait_then_read(self: CachedContent, *args: object, **kwargs: object) -> object:
        go_on.wait(10)
        return value(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(CachedContent, "value", wait_then_read)
    yield go_on
    go_on.set()


def started(qtbot, data_dir: Path, until: str = "contentLoaded") -> MainWindow:
    """The app's window on the shipped exercises, shown, once it emitted ``until``."""
    window = MainWindow(data_dir=data_dir, defer_loading=True)
    qtbot.addWidget(window)
    with qtbot.waitSignal(getattr(window, until), timeout=10000):
        window.show()
    return window


def prepared(qtbot, data_dir: Path) -> None:
    """A first start (it keeps the exercises in the cache), a trainee, the last exercise."""
    first = started(qtbot, data_dir)
    first.store.add_trainee("Ilse Maes")
    first.close()
    settings, _ = load_settings(data_dir)
    settings.last_exercise_id = LAST
    save_settings(data_dir, settings)


def selected(window: MainWindow) -> str:
    item = window.home.exercise_tree.currentItem()
    return item.data(0, 256) if item else ""


def test_the_list_is_there_before_the_exercises_are_read_and_enter_starts_after(
    qtbot, data_dir: Path, held: threading.Event, answer_dialogs: list[str]
) -> None:
    held.set()
    prepared(qtbot, data_dir)
    held.clear()
    window = started(qtbot, data_dir, until="listFilled")
    home = window.home
    assert home.exercise_tree.topLevelItem(0).text(0) == "Nederlands"
    assert selected(window) == LAST
    assert home.exercise_tree.isEnabled() and home.exercise_tree.hasFocus()
    # the rest waits for the exercises: no start, no trainee, no settings yet
    for widget in (home.start_button, home.trainee_combo, home.settings_button):
        assert not widget.isEnabled()
    qtbot.keyClick(home.exercise_tree, Qt.Key.Key_Down)
    chosen = selected(window)
    assert chosen and chosen != LAST
    qtbot.keyClick(home.exercise_tree, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is home  # not yet: the exercise is still being read
    with qtbot.waitSignal(window.contentLoaded, timeout=10000):
        held.set()
    assert home.settings_button.isEnabled() and home.trainee_combo.currentText() == "Ilse Maes"
    # the exercise chosen before, started now: its page is up, and it is remembered
    qtbot.waitUntil(lambda: window.stack.currentWidget() is not home, timeout=5000)
    assert window.drill is not None and window.drill.exercise.id == chosen
    assert answer_dialogs == []


def test_without_a_cached_list_the_list_comes_with_the_exercises(
    qtbot, data_dir: Path, answer_dialogs: list[str]
) -> None:
    window = started(qtbot, data_dir, until="listFilled")
    assert window.home.settings_button.isEnabled()  # listed and ready at once
    assert window.home.exercise_tree.topLevelItem(0).text(0) == "Nederlands"


def test_when_reading_fails_after_the_list_was_filled_the_list_empties_and_says_why(
    qtbot,
    data_dir: Path,
    held: threading.Event,
    answer_dialogs: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    held.set()
    prepared(qtbot, data_dir)
    held.clear()

    def unreadable(self: CachedContent, *_args: object, **_kwargs: object) -> object:
        held.wait(10)
        raise MemoryError  # (a bug or a machine out of memory while the copy is unpickled)

    monkeypatch.setattr(CachedContent, "value", unreadable)
    warned: list[str] = []
    monkeypatch.setattr(
        "PySide6.QtWidgets.QMessageBox.warning",
        staticmethod(lambda _p, _title, text, *a: warned.append(text)),
    )
    window = started(qtbot, data_dir, until="listFilled")
    tree = window.home.exercise_tree
    assert selected(window) == LAST
    with qtbot.waitSignal(window.contentLoaded, timeout=10000):
        held.set()
    # the rows stood for exercises that could not be read: none is offered any more
    assert selected(window) == ""
    assert all(tree.topLevelItem(i).childCount() == 0 for i in range(tree.topLevelItemCount()))
    assert warned == ["De oefeningen konden niet worden gelezen: MemoryError: "]
