"""A full disk during a drill, and a data folder that cannot take one: on a real filesystem.

Each test mounts a small tmpfs (tests/disks.py), uses it as the data folder and fills it with
a file. The journal is written through the page cache of a real file system, so a key can fail
half-written exactly as on a full disk; the screen and the journal must agree in the end and
hold every key typed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.conftest import REPO
from tests.disks import FILLER, fill, make_room, remount, small_disk
from tests.ui.conftest import Asked
from tests.ui.test_copy_drill import start_selected
from trainer.core.journal import PauseEvent, read_journal
from trainer.store import Store
from trainer.ui import write_problem
from trainer.ui.main_window import MainWindow

TEXT = (
    "Goedemiddag, u spreekt met Lotte van de klantendienst. Ik heb uw adreswijziging naar de "
    "Kerkstraat 14 in Mechelen genoteerd. Vanaf volgende maandag komt uw factuur op het "
    "nieuwe adres. Hebt u nog een vraag over uw contract, bel ons dan elke werkdag tussen "
    "acht en achttien uur. Nog een fijne dag verder!"
)
LONG = f"""\
format: 1
id: nl-copy-lang
title: Adreswijziging bevestigen
language: nl
kind: copy
level: 1
text: {TEXT}
"""


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """A 16 MiB file system of the test's own (set up before the window, gone after it)."""
    with small_disk(tmp_path / "disk", size="16m") as mount:
        yield mount


REAL_ASK = write_problem.ask


@pytest.fixture(autouse=True)
def _no_unexpected_question(monkeypatch: pytest.MonkeyPatch) -> None:
    """A write problem nobody expected fails the test instead of waiting for an answer."""

    def ask(_parent: object, _title: str, text: str) -> str:
        raise AssertionError(f"unexpected write problem: {text}")

    monkeypatch.setattr(write_problem, "ask", ask)


@pytest.fixture
def window(disk: Path, qtbot, exercises: Path, answer_dialogs: Asked) -> Iterator[MainWindow]:
    """The main window with its data folder on ``disk``, the long exercise selected; at the
    end the disk has room again, so a session still open is closed without a question."""
    (exercises / "nl-copy-lang.yaml").write_text(LONG, encoding="utf-8")
    (disk / "data").mkdir()
    win = MainWindow(data_dir=disk / "data", exercise_dirs=[exercises])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    trainee = win.store.add_trainee("An Peeters")
    win._fill_trainees(trainee.id)
    win.home.show_catalog(win.catalog, "nl-copy-lang")
    yield win
    if (disk / FILLER).exists():
        make_room(disk)


@pytest.fixture(autouse=True)
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The warnings shown (title, text), without a modal loop (none waits, even in a test
    gone wrong)."""
    shown: list[tuple[str, str]] = []

    def warning(_parent: object, title: str, text: str, *_a: object) -> object:
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    return shown


class RealDialogs:
    """Answers the real write-problem dialog as a trainee would: records its text, runs the
    next step (make room, or not), then clicks the button named. A question beyond the steps
    (a test gone wrong) is recorded and answered by making room and trying again, so nothing
    waits for an answer."""

    def __init__(self, disk: Path, steps: list[tuple[Callable[[], object], str]]) -> None:
        self.disk = disk
        self.steps = steps
        self.seen: list[tuple[str, str]] = []
        self.clock_paused: list[bool] = []
        self.drill_clock: Callable[[], bool] = lambda: False
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._look)
        self._timer.start()

    def _look(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.property("answered"):
            return
        box.setProperty("answered", True)
        self.seen.append((box.windowTitle(), box.text()))
        self.clock_paused.append(self.drill_clock())
        step, button = self.steps.pop(0) if self.steps else (self._room, "Opnieuw proberen")
        step()
        [chosen] = [b for b in box.buttons() if b.text() == button]
        chosen.click()

    def _room(self) -> None:
        if (self.disk / FILLER).exists():
            make_room(self.disk)

    def stop(self) -> None:
        self._timer.stop()


def type_until(qtbot, window: MainWindow, text: str, asked: Callable[[], int]) -> int:
    """Type ``text`` key by key until a question was asked; returns how many keys were typed."""
    surface = window.drill_view.surface
    before = asked()
    for typed, ch in enumerate(text, start=1):
        qtbot.keyClick(surface, ch)
        if asked() > before:
            return typed
    raise AssertionError("the disk never filled up")


def journal_text(path: Path) -> str:
    return "".join(k.text or "" for k in read_journal(path).keys)


def test_a_full_disk_stops_the_drill_and_trying_again_goes_on_where_it_was(
    qtbot, window: MainWindow, disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start_selected(qtbot, window)
    drill = window.drill
    surface = window.drill_view.surface
    qtbot.keyClicks(surface, TEXT[:10])
    fill(disk)
    monkeypatch.setattr(write_problem, "ask", REAL_ASK)  # the real dialog, answered by clicks
    dialogs = RealDialogs(
        disk, [(lambda: None, "Opnieuw proberen"), (lambda: make_room(disk), "Opnieuw proberen")]
    )
    dialogs.drill_clock = lambda: drill.clock.paused
    shown_while_asking: list[str] = []
    original = write_problem.problem_text

    def remember_screen(*args: object, **kwargs: object) -> str:
        shown_while_asking.append(surface.typed_text)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(write_problem, "problem_text", remember_screen)
    typed = 10 + type_until(qtbot, window, TEXT[10:], lambda: len(dialogs.seen))

    journal = drill.journal.path
    # what happened, where, what to do; asked again while it still failed
    (title, first), (_, second) = dialogs.seen
    assert title == "Logboek kan niet worden geschreven"
    assert first.startswith("De schijf is vol: het logboek van deze oefening kan niet worden")
    assert str(journal.parent) in first and "Maak ruimte vrij" in first
    assert "Wat je typte, is niet verloren" in first
    assert second.startswith("Het lukt nog altijd niet. De schijf is vol")
    # the session stood still: the clock stopped, the key that failed not yet on screen
    assert dialogs.clock_paused == [True, True]
    assert shown_while_asking == [TEXT[: typed - 1]] * 2
    assert not drill.clock.paused and drill.active
    # ... and it is on screen now, as in the journal
    assert surface.typed_text == TEXT[:typed] == journal_text(journal)

    qtbot.keyClicks(surface, TEXT[typed:])  # the rest: the drill ends by itself
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results)
    assert window.results.verdict.text() == "GESLAAGD"
    [row] = window.store.recent_sessions(window.current_trainee().id)
    assert row.status == "finished" and row.journal_path == journal
    events = read_journal(journal).events
    pauses = [e for e in events if isinstance(e, PauseEvent)]
    assert [(p.paused, p.reason) for p in pauses] == [(True, "write_error"), (False, "write_error")]
    assert journal_text(journal) == TEXT == row.result["typing"]["transcribed"]
    dialogs.stop()


def test_saved_elsewhere_the_drill_goes_on_there_and_the_store_follows(
    qtbot,
    window: MainWindow,
    disk: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    start_selected(qtbot, window)
    drill = window.drill
    first = drill.journal.path
    asked: list[str] = []

    def ask(_parent: object, title: str, text: str) -> str:
        asked.append(text)
        return "elsewhere"

    monkeypatch.setattr(write_problem, "ask", ask)
    monkeypatch.setattr(write_problem, "choose_folder", lambda _parent: tmp_path / "usb")
    fill(disk)
    typed = type_until(qtbot, window, TEXT, lambda: len(asked))
    moved = tmp_path / "usb" / first.name
    assert drill.journal.path == moved and drill.active
    assert window.drill_view.surface.typed_text == TEXT[:typed] == journal_text(moved)

    make_room(disk)  # space came back before the end: the store can be told
    qtbot.keyClicks(window.drill_view.surface, TEXT[typed:])
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results)
    [row] = window.store.recent_sessions(window.current_trainee().id)
    assert row.status == "finished" and row.journal_path == moved
    assert journal_text(moved) == TEXT
    assert not first.exists()  # the start left behind would look like a session of its own


def test_when_the_store_stays_full_the_result_is_shown_and_kept_for_the_next_start(
    qtbot,
    window: MainWindow,
    disk: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    warnings: list[tuple[str, str]],
) -> None:
    start_selected(qtbot, window)
    drill = window.drill
    monkeypatch.setattr(write_problem, "ask", lambda *_a: "elsewhere")
    chosen: list[Path | None] = [None, tmp_path / "usb"]  # cancelled once, then chosen
    monkeypatch.setattr(write_problem, "choose_folder", lambda _parent: chosen.pop(0))
    fill(disk)
    qtbot.keyClicks(window.drill_view.surface, TEXT)  # to the end: the disk stays full
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results)
    assert chosen == []
    assert window.results.verdict.text() == "GESLAAGD"
    [(title, text)] = warnings
    assert title == "Resultaat nog niet bewaard"
    assert str(drill.journal.path) in text and "bij de volgende start" in text
    journal = read_journal(tmp_path / "usb" / drill.journal.path.name)
    assert journal.end is not None and journal_text(journal.path) == TEXT
    make_room(disk)
    (row,) = Store(window.store.path).unfinished_sessions()  # recovered at the next start
    assert row.id == drill.session_id


def test_stopping_needs_the_journal_written_and_then_keeps_every_key(
    qtbot, window: MainWindow, disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start_selected(qtbot, window)
    drill = window.drill
    asked: list[str] = []

    def ask(_parent: object, title: str, text: str) -> str:
        asked.append(text)
        if len(asked) == 2:
            make_room(disk)
        return "stop"

    monkeypatch.setattr(write_problem, "ask", ask)
    fill(disk)
    typed = type_until(qtbot, window, TEXT, lambda: len(asked))
    assert len(asked) == 2
    assert asked[1].startswith("Stoppen kan pas als het logboek bewaard is. De schijf is vol")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results)
    [row] = window.store.recent_sessions(window.current_trainee().id)
    assert row.status == "abandoned"
    journal = read_journal(drill.journal.path)
    assert journal.end is not None and journal.end.reason == "abandoned"
    assert journal_text(drill.journal.path) == TEXT[:typed]  # the key that failed too


def test_a_full_data_folder_is_said_before_the_drill_starts(
    qtbot, window: MainWindow, disk: Path, warnings: list[tuple[str, str]]
) -> None:
    fill(disk, leave=1 << 20)  # room for a probe, not for a session
    window.home.exercise_tree.setFocus()
    qtbot.keyClick(window.home.exercise_tree, Qt.Key.Key_Return)
    [(title, text)] = warnings
    assert title == "Oefening kan niet starten"
    assert text.startswith(f"De schijf met de map {disk / 'data'} is (bijna) vol: er is nog")
    assert "Maak ruimte vrij" in text
    assert window.stack.currentWidget() is window.home and window.drill is None
    make_room(disk)
    qtbot.keyClick(window.home.exercise_tree, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.drill_view and len(warnings) == 1


def test_a_read_only_data_folder_is_said_before_the_drill_starts(
    qtbot, window: MainWindow, disk: Path, warnings: list[tuple[str, str]]
) -> None:
    window.store.close()  # (a file open for writing keeps a file system from going read-only)
    remount(disk, "ro")
    try:
        window.home.exercise_tree.setFocus()
        qtbot.keyClick(window.home.exercise_tree, Qt.Key.Key_Return)
        assert window.drill is None and window.stack.currentWidget() is window.home
        # "Ctrl+R" on a results page starts through start_exercise itself: refused there too
        exercise = window.catalog.by_id("nl-copy-lang").exercise
        assert window.start_exercise(exercise, window.current_trainee()) is None
    finally:
        remount(disk, "rw")
    assert [t for t, _ in warnings] == ["Oefening kan niet starten"] * 2
    assert warnings[0][1].startswith(
        f"In de map {disk / 'data'} kan niet worden geschreven: ze is alleen-lezen."
    )


KILLED_ON_A_FULL_DISK = """
import os, signal, sys
from pathlib import Path
from tests.disks import fill
from trainer.ui import write_problem
from trainer.ui.app import create_application
from trainer.ui.main_window import MainWindow
app = create_application()
disk = Path(sys.argv[1])
(disk / "data").mkdir()
window = MainWindow(data_dir=disk / "data", exercise_dirs=[Path(sys.argv[2])])
trainee = window.store.add_trainee("An Peeters")
window._fill_trainees(trainee.id)
drill = window.start_drill(window.catalog.by_id("nl-copy-lang").exercise, trainee)
print(drill.journal.path, flush=True)
write_problem.ask = lambda *a: os.kill(os.getpid(), signal.SIGKILL)  # a power cut, asking
text = sys.argv[3]
for ch in text[:10]:
    drill._on_typed(ch)
fill(disk)
for ch in text[10:]:
    drill._on_typed(ch)
"""


def test_killed_on_a_full_disk_the_journal_has_every_key_up_to_the_failing_one_and_no_torn_line(
    disk: Path, exercises: Path
) -> None:
    (exercises / "nl-copy-lang.yaml").write_text(LONG, encoding="utf-8")
    script = textwrap.dedent(KILLED_ON_A_FULL_DISK)
    killed = subprocess.run(
        [sys.executable, "-c", script, str(disk), str(exercises), TEXT],
        cwd=REPO,
        env=os.environ | {"QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        timeout=60,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()
    path = Path(killed.stdout.decode().split("\n")[0])
    raw = path.read_bytes()
    assert raw.endswith(b"\n")  # the line that failed half-way was cut off again
    journal = read_journal(path)
    assert not journal.truncated and journal.end is None
    typed = journal_text(path)
    # every key before the one that failed is there (the full disk came after ten of them)
    assert len(typed) > 10 and TEXT.startswith(typed)


def test_a_call_stands_still_while_its_journal_cannot_be_written(
    qtbot, disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.core.test_shipped_calls import CALLS, LIBRARY
    from tests.keys import type_text
    from trainer.core.journal import ScenarioEvent
    from trainer.core.scenario import CallExercise
    from trainer.ui.call_controller import CallController
    from trainer.ui.call_view import CallView

    base = next(c for c in CALLS if c.id.startswith("nl-gesprek-01")).model_dump()
    base["expect"]["verify_after"] = None  # its clip is not in this short timeline
    base["timeline"] = [
        {"id": "bel", "at": 0, "do": "ring"},
        {"id": "wachtrij", "at": 1.0, "do": "queue", "text": "Helpdesk: 4 wachtenden"},
    ]
    data = disk / "data"
    data.mkdir()
    store = Store(data / "store.sqlite3")
    view = CallView()
    qtbot.addWidget(view)
    view.show()
    desk = CallController(
        view,
        CallExercise.model_validate(base),
        store.add_trainee("Lotte"),
        store,
        data,
        LIBRARY,
        device="geen-apparaat",
    )
    qtbot.keyClick(view, Qt.Key.Key_F2)
    field = next(iter(view.fields.values()))
    fill(disk)
    during: list[int] = []

    def ask(_parent: object, _title: str, _text: str) -> str:
        qtbot.wait(1500)  # the queue message falls due while the question is open
        during.append(view.messages.count())
        make_room(disk)
        return "retry"

    monkeypatch.setattr(write_problem, "ask", ask)
    typed = ""
    for ch in "Jonas Verstraete belt over zijn wachtwoord" * 100:
        type_text(qtbot, field, ch)  # until a key cannot be written (the last page is full)
        typed += ch
        if during:
            break
    assert during == [0]  # the call stood still: nothing of the timeline came
    qtbot.waitUntil(lambda: view.messages.count() == 1, timeout=3000)
    desk.finish("abandoned")
    journal = read_journal(desk.journal.path)
    assert "".join(k.text or "" for k in journal.keys) == typed == field.text()
    [queue] = [e for e in journal.events if isinstance(e, ScenarioEvent) and e.event == "wachtrij"]
    pauses = [e for e in journal.events if isinstance(e, PauseEvent)]
    assert [p.reason for p in pauses] == ["write_error", "write_error"]
    assert queue.t >= 1.0 and queue.t - 1.0 < 1.0  # on time on the call's clock: the wait
    store.close()


def test_a_disk_that_fills_after_the_check_is_said_and_nothing_starts(
    qtbot,
    window: MainWindow,
    disk: Path,
    warnings: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(write_problem, "data_folder_ready", lambda *_a: True)  # it was fine
    fill(disk)  # ...and filled up right after
    exercise = window.catalog.by_id("nl-copy-lang").exercise
    assert window.start_exercise(exercise, window.current_trainee()) is None
    [(title, text)] = warnings
    assert title == "Oefening kan niet starten"
    assert text.startswith(f"De oefening kon niet starten: de map {disk / 'data'} kan")
    assert window.stack.currentWidget() is window.home
    assert list((disk / "data").rglob("*.jsonl")) == []  # no journal without its header


def test_settings_that_cannot_be_saved_are_said_and_kept_for_this_run(
    qtbot, window: MainWindow, disk: Path
) -> None:
    other = window.store.add_trainee("Bram Claes")
    window._fill_trainees(window.current_trainee().id)
    fill(disk)
    combo = window.home.trainee_combo
    combo.setCurrentIndex(combo.findData(other.id))  # remembered in the settings file
    assert (
        window.statusBar()
        .currentMessage()
        .startswith(f"De instellingen konden niet worden bewaard in {disk / 'data'}: ")
    )
    assert window.settings.last_trainee_id == other.id  # still used in this run
