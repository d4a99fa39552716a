"""One writer per session, and the journals on disk as the truth: several Simultaans on one data
folder, sessions whose store row was lost, a damaged store, private files. Real processes, a
real SQLite file, real journals."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from tests.conftest import REPO
from tests.ui.conftest import Asked
from tests.ui.test_home_and_recovery import KILLED_DRILL
from trainer.core.journal import read_journal
from trainer.store import Store
from trainer.ui.main_window import STORE_FILE, MainWindow

TEXT = "Café Léon belt terug."

# One Simultaan on the shared folder: waits for its turn (a file named in ``wait``), starts a
# drill for its own trainee, types the first half, announces it (``typing``), waits for
# ``go``, types the rest and finishes -- or is killed there (``kill``). It prints what it was
# asked at start and what its status bar said.
INSTANCE = """
import json, os, signal, sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication, QMessageBox
from trainer.ui.app import create_application
from trainer.ui.main_window import MainWindow

data, exercises, name, wait, typing, go, kill = sys.argv[1:8]
asked = []
QMessageBox.question = staticmethod(
    lambda _p, title, *a, **k: asked.append(title) or QMessageBox.StandardButton.Yes
)

def until(path):
    deadline = time.monotonic() + 60
    while not Path(path).exists():
        QApplication.processEvents()
        time.sleep(0.02)
        if time.monotonic() > deadline:
            sys.exit(f"{name}: waited in vain for {path}")

app = create_application()
if wait != "-":
    until(wait)
window = MainWindow(data_dir=Path(data), exercise_dirs=[Path(exercises)])
for _ in range(5):  # the start-up questions come one turn of the event loop later
    QApplication.processEvents()
trainee = window.store.add_trainee(name)
window._fill_trainees(trainee.id)
drill = window.start_drill(window.catalog.by_id("nl-copy-kort").exercise, trainee)
text = "Café Léon belt terug."
for ch in text[:8]:
    drill._on_typed(ch)
Path(typing).write_text(window.statusBar().currentMessage(), encoding="utf-8")
print(json.dumps({"asked": asked, "status": window.statusBar().currentMessage()}), flush=True)
until(go)
if kill == "kill":
    os.kill(os.getpid(), signal.SIGKILL)
for ch in text[8:]:
    drill._on_typed(ch)
assert drill.result is not None
"""


def _instance(
    data: Path, exercises: Path, tmp: Path, name: str, wait: str, go: str, kill: str = ""
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(INSTANCE),
            str(data),
            str(exercises),
            name,
            wait,
            str(tmp / f"{name}.typing"),
            go,
            kill,
        ],
        cwd=REPO,
        env=os.environ | {"QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _said(process: subprocess.Popen[str]) -> dict[str, object]:
    out, err = process.communicate(timeout=90)
    assert process.returncode in (0, -signal.SIGKILL), err
    return json.loads(out.splitlines()[0])


def test_three_simultaans_on_one_folder_each_keep_every_keystroke(
    data_dir: Path, exercises: Path, tmp_path: Path
) -> None:
    go = tmp_path / "go"
    first = _instance(data_dir, exercises, tmp_path, "An", "-", str(go))
    second = _instance(data_dir, exercises, tmp_path, "Bram", str(tmp_path / "An.typing"), str(go))
    third = _instance(
        data_dir, exercises, tmp_path, "Chloé", str(tmp_path / "Bram.typing"), str(go)
    )
    deadline = time.monotonic() + 60
    while not (tmp_path / "Chloé.typing").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    go.touch()  # all three are typing now: let them finish
    said = {name: _said(p) for name, p in (("An", first), ("Bram", second), ("Chloé", third))}

    # the later ones saw the running sessions for what they were, and said where they run
    assert all(s["asked"] == [] for s in said.values())
    host = socket.gethostname()
    assert (
        said["Bram"]["status"]
        == f"1 oefening loopt nog op werkplek {host}; herstellen kan hier niet."
    )
    assert str(said["Chloé"]["status"]).startswith("2 oefeningen lopen nog")
    store = Store(data_dir / STORE_FILE)
    rows = [store.recent_sessions(t.id)[0] for t in store.trainees()]
    assert [(r.trainee, r.status) for r in rows] == [
        ("An", "finished"),
        ("Bram", "finished"),
        ("Chloé", "finished"),
    ]
    assert all(r.result and r.result["typing"]["transcribed"] == TEXT for r in rows)
    assert all(len(read_journal(r.journal_path).keys) == len(TEXT) for r in rows)


def test_a_session_that_dies_while_another_simultaan_runs_is_offered_at_the_next_start(
    qtbot, data_dir: Path, exercises: Path, tmp_path: Path, answer_dialogs: Asked
) -> None:
    go = tmp_path / "go"
    first = _instance(data_dir, exercises, tmp_path, "An", "-", str(go), kill="kill")
    second = _instance(data_dir, exercises, tmp_path, "Bram", str(tmp_path / "An.typing"), str(go))
    deadline = time.monotonic() + 60
    while not (tmp_path / "Bram.typing").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    go.touch()  # An's app dies mid-drill, Bram's finishes
    assert _said(first)["asked"] == [] and _said(second)["asked"] == []
    assert first.returncode == -signal.SIGKILL

    window = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: answer_dialogs == ["Onderbroken sessies"])
    assert answer_dialogs.texts[0].startswith("Simultaan werd afgesloten tijdens 1 oefening.")
    an = window.store.trainee_named("An")
    [row] = window.store.recent_sessions(an.id)
    assert row.status == "recovered" and row.result["typing"]["transcribed"] == TEXT[:8]
    # what came back is said, and nothing is said to run elsewhere any more
    assert window.statusBar().currentMessage() == "1 sessie hersteld."


def _killed_drill(data_dir: Path, exercises: Path) -> Path:
    """A drill killed after "Café Lx" and a Backspace (An Peeters); returns its journal."""
    killed = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILLED_DRILL), str(data_dir), str(exercises)],
        cwd=REPO,
        env=os.environ | {"QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        timeout=60,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()
    [journal] = (data_dir / "journals").rglob("*.jsonl")
    return journal


def test_a_journal_whose_store_row_was_lost_with_the_wal_is_found_and_recovered(
    qtbot, data_dir: Path, exercises: Path, answer_dialogs: Asked
) -> None:
    journal = _killed_drill(data_dir, exercises)
    (data_dir / f"{STORE_FILE}-wal").unlink()  # the row and the trainee lived only in it
    with open(journal, "a", encoding="utf-8") as torn:
        torn.write('{"type":"key","t":')  # and the kill tore the last line

    answer_dialogs.reply = QMessageBox.StandardButton.No  # not now
    window = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: answer_dialogs == ["Onderbroken sessies"])
    assert window.store.trainees() == []  # nothing was done: offered again next time
    window.close()

    answer_dialogs.reply = QMessageBox.StandardButton.Yes
    again = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: len(answer_dialogs) == 2)
    assert answer_dialogs.texts[1].startswith("Simultaan werd afgesloten tijdens 1 oefening.")
    [trainee] = again.store.trainees()
    assert trainee.name == "An Peeters"
    [row] = again.store.recent_sessions(trainee.id)
    assert (row.status, row.exercise_title) == ("recovered", "Korte notitie")
    assert row.result["typing"]["transcribed"] == "Café L"  # every key before the tear
    assert row.journal_path == journal
    again.close()
    third = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])  # adopted once only
    qtbot.addWidget(third)
    qtbot.wait(50)
    assert len(answer_dialogs) == 2


def _damage_a_page(store_file: Path) -> None:
    """Overwrite the last page of the file (the sessions' results) with garbage: a page
    nothing reads when the store opens, so only SQLite's own check can find it."""
    with open(store_file, "r+b") as db:
        page = int.from_bytes(db.read(18)[16:18], "big")
        db.seek(-page, os.SEEK_END)
        db.write(b"\xa5" * page)


def test_a_damaged_store_is_set_aside_and_rebuilt_from_the_journals(
    qtbot, data_dir: Path, exercises: Path, answer_dialogs: Asked, monkeypatch
) -> None:
    window = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])
    qtbot.addWidget(window)
    trainee = window.store.add_trainee("Emma Peeters")
    window._fill_trainees(trainee.id)
    for typed in (TEXT, "Cafe Leon belt terug."):
        drill = window.start_drill(window.catalog.by_id("nl-copy-kort").exercise, trainee)
        for ch in typed:
            drill._on_typed(ch)
    window.close()
    store_file = data_dir / STORE_FILE
    with sqlite3.connect(store_file) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _damage_a_page(store_file)
    warned: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, title, text, *a: warned.append(text))
    )

    again = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: len(warned) == 1)
    assert "was beschadigd" in warned[0] and "2 sessies teruggezet" in warned[0]
    [aside] = data_dir.glob(f"{STORE_FILE}.damaged-*[0-9]")
    assert aside.name in warned[0]  # the damaged file is kept, and said where
    [emma] = again.store.trainees()
    rows = again.store.recent_sessions(emma.id)
    assert [(r.status, r.passed) for r in rows] == [("finished", False), ("finished", True)]
    assert again.home.trainee_combo.currentText() == "Emma Peeters"
    assert answer_dialogs == []  # finished sessions are not offered as interrupted


def test_the_data_folder_and_what_is_in_it_are_the_owners_only(window: MainWindow) -> None:
    drill = window.start_drill(
        window.catalog.by_id("nl-copy-kort").exercise, window.current_trainee()
    )
    drill._on_typed("C")
    folder = window.data_dir
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    window._save_settings()
    for path in [window.store.path, drill.journal.path, folder / "settings.toml"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for part in drill.journal.path.relative_to(folder).parents:
        if part != Path("."):
            assert stat.S_IMODE((folder / part).stat().st_mode) == 0o700, part


def test_a_recovered_session_with_a_damaged_line_says_so(
    qtbot, data_dir: Path, exercises: Path, answer_dialogs: Asked
) -> None:
    journal = _killed_drill(data_dir, exercises)
    lines = journal.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b'"key"', b'"kez"')  # one byte changed in line 3: the "a"
    journal.write_bytes(b"\n".join(lines))

    window = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: answer_dialogs == ["Onderbroken sessies"])
    assert window.statusBar().currentMessage() == (
        "1 sessie hersteld. An Peeters: Het logboek was beschadigd: regel 3 overgeslagen."
    )
    [row] = window.store.recent_sessions(window.current_trainee().id)
    assert row.status == "recovered"
    assert row.result["typing"]["transcribed"] == "Cfé L"  # the other keys all count


def test_a_folder_shared_by_a_group_keeps_the_group_in(
    qtbot, tmp_path: Path, exercises: Path, answer_dialogs: Asked
) -> None:
    room = tmp_path / "examenlokaal"
    room.mkdir()
    room.chmod(0o2770)  # what the README tells an exam room to do (with chgrp)
    window = MainWindow(data_dir=room, exercise_dirs=[exercises])
    qtbot.addWidget(window)
    trainee = window.store.add_trainee("Fatima El Amrani")
    drill = window.start_drill(window.catalog.by_id("nl-copy-kort").exercise, trainee)
    drill._on_typed("C")
    assert stat.S_IMODE(room.stat().st_mode) == 0o2770
    for path in [window.store.path, drill.journal.path]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o660, path
    for part in drill.journal.path.relative_to(room).parents:
        if part != Path("."):
            assert stat.S_IMODE((room / part).stat().st_mode) == 0o2770, part


def test_a_moved_data_folder_does_not_offer_its_sessions_again(
    qtbot, data_dir: Path, exercises: Path, answer_dialogs: Asked
) -> None:
    window = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])
    qtbot.addWidget(window)
    trainee = window.store.add_trainee("Gert Wouters")
    drill = window.start_drill(window.catalog.by_id("nl-copy-kort").exercise, trainee)
    for ch in TEXT:
        drill._on_typed(ch)
    window.close()
    with sqlite3.connect(data_dir / STORE_FILE) as db:  # as an earlier version stored it
        db.execute("UPDATE sessions SET journal_path = '/oude/schijf/' || journal_path")
    moved = data_dir.parent / "verhuisd"
    data_dir.rename(moved)

    again = MainWindow(data_dir=moved, exercise_dirs=[exercises])
    qtbot.addWidget(again)
    qtbot.wait(100)
    assert answer_dialogs == []  # its journal is the known session's, not a lost one
    [row] = again.store.recent_sessions(trainee.id)
    assert row.journal_path.is_relative_to(moved)  # and found where it is now
    assert read_journal(row.journal_path).keys


def test_a_rebuild_put_off_with_later_is_offered_again_at_the_next_start(
    qtbot, data_dir: Path, exercises: Path, answer_dialogs: Asked, monkeypatch
) -> None:
    from PySide6.QtWidgets import QProgressDialog

    window = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])
    qtbot.addWidget(window)
    trainee = window.store.add_trainee("Hanne Maes")
    for _ in range(7):  # more than the few adopted without a progress bar
        drill = window.start_drill(window.catalog.by_id("nl-copy-kort").exercise, trainee)
        for ch in TEXT:
            drill._on_typed(ch)
    window.close()
    with sqlite3.connect(data_dir / STORE_FILE) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _damage_a_page(data_dir / STORE_FILE)
    warned: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, title, text, *a: warned.append(text))
    )
    with monkeypatch.context() as put_off:
        put_off.setattr(QProgressDialog, "wasCanceled", lambda _self: True)  # "Later"
        later = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])
        qtbot.addWidget(later)
        qtbot.waitUntil(lambda: len(warned) == 1)
        assert "0 sessies teruggezet" in warned[0]
        assert later.store.trainees() == []
        later.close()

    again = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: answer_dialogs == ["Onderbroken sessies"])
    assert answer_dialogs.texts[0].startswith("Simultaan werd afgesloten tijdens 7 oefeningen.")
    [hanne] = again.store.trainees()
    assert len(again.store.recent_sessions(hanne.id)) == 7
