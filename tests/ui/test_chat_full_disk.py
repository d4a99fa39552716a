"""A chat session whose journal cannot be written (a full disk, on a real small filesystem):
it stands still until the journal is written again, the customers wait no longer meanwhile, and
every key typed is in the journal with the reply box it went to."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.disks import fill, make_room, small_disk
from tests.ui.test_chat_session import CTRL, FakeTime, key, later, start
from tests.ui.test_chat_session import exercises as exercises  # (the fixture, for the window)
from tests.ui.test_chat_session import fake_time as fake_time  # (a fixture)
from trainer.core.journal import KeyEvent, PauseEvent, read_journal
from trainer.ui import write_problem
from trainer.ui.main_window import MainWindow


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """A 16 MiB file system of the test's own (set up before the window, gone after it)."""
    with small_disk(tmp_path / "disk", size="16m") as mount:
        yield mount


@pytest.fixture
def data_dir(disk: Path) -> Path:
    """The window's data folder on the small disk."""
    folder = disk / "data"
    folder.mkdir()
    return folder


def test_a_chat_stands_still_while_its_journal_cannot_be_written(
    qtbot, window: MainWindow, disk: Path, fake_time: FakeTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = start(qtbot, window)
    view = session.view
    later(session, fake_time, 2.0)
    key(qtbot, Qt.Key.Key_1, CTRL)
    reply = view.panes["els"].reply
    asked: list[tuple[float, bool]] = []

    def ask(_parent: object, _title: str, _text: str) -> str:
        # a minute passes while the question is open: Els would have nudged and left
        asked.append((session.clock.now(), reply.isEnabled()))
        fake_time.t += 60.0
        session.tick()  # (the screen's timer fires meanwhile: nothing may happen)
        make_room(disk)
        return "retry"

    monkeypatch.setattr(write_problem, "ask", ask)
    fill(disk)
    typed = ""
    for ch in "Goedemiddag, ik help u graag verder met uw webmail. " * 200:
        qtbot.keyClick(reply, ch)
        typed += ch
        if asked:
            break
    assert len(asked) == 1
    stood_at, enabled = asked[0]
    assert not enabled  # nothing on the screen could be used while it stood still
    assert reply.isEnabled() and reply.toPlainText() == typed
    # the minute spent on the question is no one's waiting time
    assert session.clock.now() == pytest.approx(stood_at, abs=0.01)
    later(session, fake_time, fake_time.t + 5.0)
    assert "Hallo? Bent u daar nog?" not in view.panes["els"].conversation.toPlainText()
    session.finish("abandoned")
    journal = read_journal(session.journal.path)
    keys = [e for e in journal.events if isinstance(e, KeyEvent) and e.field == "chat:els"]
    assert "".join(k.text or "" for k in keys) == typed
    pauses = [e for e in journal.events if isinstance(e, PauseEvent)]
    assert [p.reason for p in pauses] == ["write_error", "write_error"]
