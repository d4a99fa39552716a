"""The knowledge panel driven from the keyboard, as a trainee with a customer waiting does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QVBoxLayout, QWidget

from tests.keys import type_text
from trainer.core.journal import ActionEvent, read_journal
from trainer.core.knowledge import KnowledgeBase, session_base
from trainer.core.scenario import Article
from trainer.paths import exercises_dir
from trainer.ui.knowledge_panel import KnowledgePanel

ARTICLES = [
    Article(id="printer", title="Printer drukt niet af", text="Herstart de printers."),
    Article(id="wachtwoord", title="Wachtwoord vergeten", text="Stuur een resetlink."),
    Article(id="toner", title="Toner bestellen", text="Een printer zonder toner: bestel ze."),
]


class Screen(QWidget):
    """A screen that owns a panel and has its own Escape (a call's 'stop')."""

    def __init__(self) -> None:
        super().__init__()
        self.panel = KnowledgePanel()
        QVBoxLayout(self).addWidget(self.panel)
        self.opened: list[str] = []
        self.escaped = 0
        self.panel.articleOpened.connect(self.opened.append)
        shortcut = QShortcut(QKeySequence("Escape"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self._escape)

    def _escape(self) -> None:
        self.escaped += 1


@pytest.fixture
def screen(qtbot) -> Screen:
    screen = Screen()
    qtbot.addWidget(screen)
    screen.panel.set_base(KnowledgeBase("nl", ARTICLES))
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    screen.panel.focus_search()
    return screen


def titles(panel: KnowledgePanel) -> list[str]:
    return [panel.hits.item(row).text() for row in range(panel.hits.count())]


def test_typing_lists_the_best_hit_first_and_enter_opens_it(qtbot, screen: Screen) -> None:
    panel = screen.panel
    assert titles(panel) == ["Printer drukt niet af", "Toner bestellen", "Wachtwoord vergeten"]
    type_text(qtbot, panel.search, "printers")
    assert titles(panel) == ["Printer drukt niet af", "Toner bestellen"]
    # the snippets of both where the article goes, the match in its own words
    shown = panel.article.toPlainText()
    assert "Herstart de printers." in shown and "Een printer zonder toner" in shown
    assert screen.opened == []  # nothing read yet
    type_text(qtbot, panel.search, "\n")
    assert panel.article.toPlainText().startswith("Printer drukt niet af\n\nHerstart")
    assert screen.opened == ["printer"]


def test_down_selects_a_hit_shows_its_snippet_and_enter_opens(qtbot, screen: Screen) -> None:
    panel = screen.panel
    type_text(qtbot, panel.search, "printer")
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    assert panel.hits.hasFocus() and panel.hits.currentRow() == 0
    qtbot.keyClick(panel.hits, Qt.Key.Key_Down)
    # the second hit's snippet, its match in bold; the article is not opened by looking
    html = panel.article.toHtml().replace('<span style=" font-weight:700;">', "<b>")
    assert "<b>printer</b>" in html.replace("</span>", "</b>")
    assert "Toner bestellen" in panel.article.toPlainText()
    assert screen.opened == []
    qtbot.keyClick(panel.hits, Qt.Key.Key_Return)
    assert screen.opened == ["toner"]
    assert panel.article.toPlainText() == "Toner bestellen\n\nEen printer zonder toner: bestel ze."
    assert panel.article.hasFocus()


def test_escape_goes_back_one_step_then_leaves_it_to_the_screen(qtbot, screen: Screen) -> None:
    panel = screen.panel
    type_text(qtbot, panel.search, "wachtwoord\n")
    assert screen.opened == ["wachtwoord"] and panel.article.hasFocus()
    qtbot.keyClick(panel.article, Qt.Key.Key_Escape)
    assert panel.hits.hasFocus()
    qtbot.keyClick(panel.hits, Qt.Key.Key_Escape)
    assert panel.search.hasFocus() and panel.search.text() == "wachtwoord"
    qtbot.keyClick(panel.search, Qt.Key.Key_Escape)
    assert panel.search.text() == "" and screen.escaped == 0  # the panel's own steps
    qtbot.keyClick(panel.search, Qt.Key.Key_Escape)
    assert screen.escaped == 1  # an empty box: the screen's Escape


def test_up_from_the_first_hit_goes_back_to_typing(qtbot, screen: Screen) -> None:
    panel = screen.panel
    type_text(qtbot, panel.search, "toner")
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    qtbot.keyClick(panel.hits, Qt.Key.Key_Up)
    assert panel.search.hasFocus()


def test_odd_text_in_the_box_finds_nothing_and_breaks_nothing(qtbot, screen: Screen) -> None:
    panel = screen.panel
    type_text(qtbot, panel.search, '"(*')
    assert titles(panel) == []
    assert panel.article.toPlainText() == "Geen artikels gevonden."
    type_text(qtbot, panel.search, "\n")
    assert screen.opened == []


def test_the_shipped_dutch_base_is_searchable_in_the_panel(qtbot, screen: Screen) -> None:
    panel = screen.panel
    panel.set_base(session_base(exercises_dir(), "nl"))
    type_text(qtbot, panel.search, "wachtwoorden vergeten\n")
    assert "wachtwoord" in panel.article.toPlainText().splitlines()[0].lower()


def test_in_a_call_ctrl_f_searches_the_calls_and_the_shared_articles_and_journals_them(
    qtbot, window, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The call's keys as before (Ctrl+F, type, Enter), its journal line open_article for each
    article opened: the call's own first, a shared one too; only looking at a hit is no line."""
    monkeypatch.setenv("SIMULTAAN_AUDIO_DEVICE", "geen-apparaat-in-de-test")
    from tests.ui.test_call_lookup import answered, focused

    session = answered(qtbot, window, "nl-gesprek-01-wachtwoord")
    view = window.call_view
    qtbot.keyClick(focused(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search.hasFocus()
    type_text(qtbot, view.search, "wachtwoorden resetten")
    found = titles(view.knowledge)
    assert found[0] == "Wachtwoord resetten en account deblokkeren"  # the call's own
    assert "Wachtwoord vergeten of verlopen" in found  # the shared Dutch base
    type_text(qtbot, view.search, "\n")
    assert view.article.toPlainText().startswith("Wachtwoord resetten en account deblokkeren")
    qtbot.keyClick(view.article, Qt.Key.Key_Escape)  # back to the hits, not the end of the call
    assert view.hits.hasFocus() and session.state != "ended"
    row = found.index("Wachtwoord vergeten of verlopen")
    for _ in range(row):
        qtbot.keyClick(view.hits, Qt.Key.Key_Down)
    qtbot.keyClick(view.hits, Qt.Key.Key_Return)
    assert view.article.toPlainText().startswith("Wachtwoord vergeten of verlopen")
    events = read_journal(session.journal.path).events
    opened = [e.target for e in events if isinstance(e, ActionEvent) and e.action == "open_article"]
    assert opened == ["wachtwoord-reset", "wachtwoord-vergeten"]
    session.finish("abandoned")
