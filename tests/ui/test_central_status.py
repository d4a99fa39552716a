"""The app sends its results to the exam centre's central store (a real PostgreSQL server, see
tests/postgres.py) and says discreetly, in the status bar, how many still wait and why."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from tests.postgres import PostgresServer
from tests.store.central_room import central_rows, take_part, wait_for, workstation
from tests.ui.test_copy_drill import send_commit, send_text_key, start_selected
from trainer.ui.central_status import start_uploads
from trainer.ui.main_window import MainWindow


@pytest.fixture
def room_url(central_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The central store named for the app (before its window opens)."""
    monkeypatch.setenv("SIMULTAAN_DATABASE_URL", central_url)
    return central_url


def type_the_drill(qtbot, window: MainWindow) -> None:
    start_selected(qtbot, window)
    surface = window.drill_view.surface
    qtbot.keyClicks(surface, "Caf")
    send_text_key(surface, "é")
    qtbot.keyClicks(surface, " L")
    send_commit(surface, "é")
    qtbot.keyClicks(surface, "on belt terug.")  # the last character ends the drill
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results)


def said(window: MainWindow) -> str:
    """The whole sentence: on the label as far as it fits, then in its tooltip."""
    label = window.statusBar().findChild(QLabel, "central_status")
    assert label is not None, "no upload state in the status bar"
    window._central.refresh()  # (its timer does this every two seconds)
    shown = label.text()
    if shown.endswith("…"):  # cut: the rest is in the tooltip
        assert label.toolTip().startswith(shown[:-1])
        return label.toolTip()
    return shown


def test_a_result_made_while_the_server_is_down_waits_and_arrives_when_it_is_back(
    qtbot, room_url: str, postgres_server: PostgresServer, window: MainWindow
) -> None:
    qtbot.waitUntil(lambda: said(window) == "Alle resultaten staan in de centrale opslag")
    postgres_server.stop()
    type_the_drill(qtbot, window)
    qtbot.waitUntil(lambda: "niet bereikbaar" in said(window) or "viel weg" in said(window))
    text = said(window)
    assert text.startswith("1 resultaat wacht op de centrale opslag: ")
    assert str(postgres_server.folder) in text  # the server, named
    label = window._central  # on sight, once the status bar made room for the new sentence:
    qtbot.waitUntil(lambda: label.text().startswith("1 resultaat wacht op de centrale opslag"))
    assert label.width() <= 560 and window.statusBar().minimumSizeHint().width() < 100  # cut
    postgres_server.start()
    qtbot.waitUntil(
        lambda: said(window) == "Alle resultaten staan in de centrale opslag", timeout=20_000
    )
    [row] = central_rows(room_url)
    assert row[2] == "An Peeters" and row[3] is True
    assert row[4]["typing"]["transcribed"] == "Café Léon belt terug."


def test_a_wrong_password_is_said_in_the_status_bar(
    qtbot, central_url: str, postgres_server: PostgresServer, monkeypatch, request
) -> None:
    monkeypatch.setenv("SIMULTAAN_DATABASE_URL", postgres_server.url(password="fout"))
    window = request.getfixturevalue("window")
    qtbot.waitUntil(lambda: "weigert" in said(window))
    text = said(window)
    assert text.startswith("Centrale opslag: de centrale opslag ")
    assert "weigert de gebruiker 'simultaan': klopt het wachtwoord?" in text
    assert "fout" not in text  # never the password


def test_without_a_central_store_nothing_is_said(window: MainWindow) -> None:
    assert window.statusBar().findChild(QLabel, "central_status") is None
    assert window._central is None


def test_the_exam_screen_sends_its_parts_without_saying_so(room_url: str, data_dir) -> None:
    store = workstation(data_dir, "12")
    take_part(store, "ws12", 1)
    uploader = start_uploads(data_dir)
    assert uploader is not None
    try:
        wait_for(lambda: store.waiting_uploads() == 0)
    finally:
        uploader.stop()
    assert [r[1] for r in central_rows(room_url)] == ["ws12"]


def test_the_exam_screen_sends_nothing_without_a_central_store(data_dir) -> None:
    assert start_uploads(data_dir) is None
