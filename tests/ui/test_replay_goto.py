"""The replay's Ctrl+G as a coach uses it with a session report beside: a recorded call's
report names where the wrong address was said; pasted in the report's own words, the replay
stands there. Cancelled, or not a time: the clock stays where it was, and a wrong time is
said."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from tests.report_sessions import WRONG_FIELD, call_session
from trainer.core.replay import replay_of
from trainer.core.scoring import score
from trainer.ui.replay_goto import parse_clock
from trainer.ui.replay_view import ReplayView
from trainer.ui.report import write_report


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1:23", 83.0),
        ("op 1:23 in de opname", 83.0),
        ("à 1:23 dans l'enregistrement", 83.0),
        ("0:07,5", 7.5),
        ("12", 12.0),
        ("2,5 s", 2.5),
        ("1:75", None),
        ("morgen", None),
        ("", None),
    ],
)
def test_a_time_is_read_as_the_report_writes_it(text: str, seconds: float | None) -> None:
    assert parse_clock(text) == seconds


def answering(monkeypatch: pytest.MonkeyPatch, text: str, ok: bool = True) -> list[str]:
    """The time question answered with ``text`` (or cancelled); what it proposed."""
    proposed: list[str] = []

    def get_text(_parent, _title, _label, _echo, shown):  # type: ignore[no-untyped-def]
        proposed.append(shown)
        return text, ok

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    return proposed


def test_ctrl_g_goes_to_the_time_a_report_names(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A recorded call's report says where the wrong address was said; Ctrl+G there."""
    call, journal = call_session(tmp_path)
    result = score(call, journal)
    out = tmp_path / "call.csv"
    write_report(out, "csv", call, journal, result, folder=tmp_path)
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    said = next(r for r in rows if r[:2] == ["field", WRONG_FIELD])[-1]
    assert said.startswith("op ") and said.endswith(" in de opname")
    view = ReplayView(replay_of(call, journal, result), call)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)  # (its keys are the window's)
    proposed = answering(monkeypatch, said)  # (pasted from the report as it stands)
    qtbot.keyClick(view.mark_list, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert proposed == ["0:00"]  # (where the clock stood)
    minutes, seconds = said.split()[1].split(":")
    there = int(minutes) * 60 + int(seconds)
    assert view.t == there and view.clock.text().startswith(said.split()[1])

    # cancelled: the clock stays
    answering(monkeypatch, "0:00", ok=False)
    qtbot.keyClick(view.mark_list, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert view.t == there

    # not a time: said, and the clock stays
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    answering(monkeypatch, "morgen")
    qtbot.keyClick(view.mark_list, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert view.t == there
    assert told == ["'morgen' is geen tijd: typ minuten en seconden, zoals 1:23."]
