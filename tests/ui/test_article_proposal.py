"""Proposing a knowledge-base article from the screen (issue 14 §1), by keys as a trainee does:
Ctrl+Shift+F on the call desk and in the queue opens the proposal dialog, prefilled with the
article open (a change) or with what was searched (a new one); Ctrl+Enter proposes, Escape
cancels. The engine journals each one proposed (``propose_article``), the result keeps it for
the coach, and a call with one is still rebuilt from its journal line for line."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QTabWidget, QTextBrowser

from tests.e2e.test_report_queue_chat import flat, pdf_text
from tests.keys import type_text
from tests.ui.test_call_lookup import answered, focused
from tests.ui.test_queue_session import (  # noqa: F401  (fixtures)
    FakeTime,
    _no_headset,
    at,
    fake_time,
    key,
    start,
)
from tests.ui.test_queue_session import exercises as queue_exercises
from trainer.core.call_resume import rebuild_call
from trainer.core.journal import EndEvent, TicketEvent, read_journal
from trainer.core.queue_scoring import QueueResult
from trainer.core.scoring import score
from trainer.paths import exercises_dir
from trainer.ui.article_proposal import ProposalDialog
from trainer.ui.knowledge_panel import KnowledgePanel
from trainer.ui.main_window import MainWindow
from trainer.ui.report import write_report

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
CALL = "nl-gesprek-01-wachtwoord"


@pytest.fixture
def exercises(tmp_path: Path) -> Path:
    """The queue test's shift, and the shipped call (in the window's catalog, as in the app)."""
    folder = queue_exercises.__wrapped__(tmp_path)  # type: ignore[attr-defined]
    shutil.copy(exercises_dir() / "nl" / "call" / f"{CALL}.yaml", folder)
    return folder


def propose_key(qtbot) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_F, CTRL | SHIFT)


def dialog_of(qtbot, panel: KnowledgePanel) -> ProposalDialog:
    """The proposal dialog the key opened, with the focus in it."""
    qtbot.waitUntil(lambda: panel.proposal is not None and panel.proposal.isVisible(), timeout=3000)
    dialog = panel.proposal
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()), timeout=3000)
    return dialog


def closed(qtbot, panel: KnowledgePanel) -> None:
    """The dialog gone, the focus back on the screen where it was."""
    qtbot.waitUntil(lambda: panel.proposal is None, timeout=3000)
    screen = panel.window()
    qtbot.waitUntil(lambda: screen.isAncestorOf(QApplication.focusWidget()), timeout=3000)


def tab_text(tabs: QTabWidget, page: QTextBrowser) -> str:
    """The tab's title and what its page says ('' when the page is no tab)."""
    at = tabs.indexOf(page)
    return f"{tabs.tabText(at)}\n{page.toPlainText()}" if at >= 0 else ""


def proposals(path) -> list[TicketEvent]:  # type: ignore[no-untyped-def]
    return [
        e
        for e in read_journal(path).events
        if isinstance(e, TicketEvent) and e.op == "propose_article"
    ]


def test_on_the_call_desk_a_change_and_a_new_article_are_proposed_and_one_cancelled(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIMULTAAN_AUDIO_DEVICE", "geen-apparaat-in-de-test")
    session = answered(qtbot, window, CALL)
    view = window.call_view
    panel = view.knowledge
    assert "Ctrl+Shift+F" in panel.propose_button.toolTip()

    # a change to the article open: its title and text to start from, the cursor in the text
    qtbot.keyClick(focused(), Qt.Key.Key_F, CTRL)
    type_text(qtbot, view.search, "wachtwoorden resetten\n")
    assert panel.opened == "wachtwoord-reset"
    propose_key(qtbot)
    dialog = dialog_of(qtbot, panel)
    assert dialog.windowTitle() == "Wijziging van een artikel voorstellen"
    assert dialog.title.text() == "Wachtwoord resetten en account deblokkeren"
    article = panel.base.article("wachtwoord-reset")  # type: ignore[union-attr]
    assert dialog.body.toPlainText() == article.text
    assert focused() is dialog.body
    assert not dialog.ok.isEnabled()  # nothing changed yet: nothing to propose
    qtbot.keyClick(dialog.body, Qt.Key.Key_End, CTRL)
    type_text(qtbot, dialog.body, "\nVraag eerst of de gebruiker de authenticator-app nog heeft.")
    qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    closed(qtbot, panel)
    assert session.state == "talking"  # the call went on meanwhile

    # a new article: titled with what was searched, nothing to propose before there is a text
    qtbot.keyClick(focused(), Qt.Key.Key_F, CTRL)
    type_text(qtbot, view.search, "bitlocker herstelsleutel")
    propose_key(qtbot)
    dialog = dialog_of(qtbot, panel)
    assert dialog.windowTitle() == "Nieuw artikel voorstellen"
    assert focused() is dialog.title and dialog.title.text() == "bitlocker herstelsleutel"
    assert not dialog.ok.isEnabled()
    qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)  # no text yet: nothing proposed
    assert panel.proposal is dialog and dialog.isVisible()
    type_text(qtbot, dialog.title, "BitLocker-herstelsleutel opzoeken\n")  # Enter: to the text
    assert focused() is dialog.body
    type_text(qtbot, dialog.body, "De sleutel staat in het portaal onder Apparaten.")
    assert dialog.ok.isEnabled()
    qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    closed(qtbot, panel)

    # one begun and cancelled: Escape, nothing kept, back where the trainee was
    propose_key(qtbot)
    dialog = dialog_of(qtbot, panel)
    type_text(qtbot, dialog.body, "Toch niet.")
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    closed(qtbot, panel)
    qtbot.waitUntil(lambda: view.isAncestorOf(QApplication.focusWidget()), timeout=3000)
    assert session.state == "talking"  # (Escape closed the dialog, not the call)

    lines = proposals(session.journal.path)
    assert [(e.values["title"], e.values.get("article", "")) for e in lines] == [
        ("Wachtwoord resetten en account deblokkeren", "wachtwoord-reset"),
        ("BitLocker-herstelsleutel opzoeken", ""),
    ]
    assert lines[0].values["body"].endswith("de authenticator-app nog heeft.")
    # the engine wrote them: the call is rebuilt from its journal line for line
    events = [e for e in read_journal(session.journal.path).events]
    rebuilt = rebuild_call(session.exercise, events, session.call.sound, events[-1].t)
    assert [e for e in rebuilt.lines if isinstance(e, TicketEvent)] == lines
    session.finish("abandoned")
    result = score(session.exercise, read_journal(session.journal.path))
    assert [(p.title, p.article) for p in result.proposals] == [  # type: ignore[union-attr]
        ("Wachtwoord resetten en account deblokkeren", "wachtwoord-reset"),
        ("BitLocker-herstelsleutel opzoeken", ""),
    ]
    # the results page: a tab with both, for the coach
    page = window.stack.currentWidget()
    assert page.objectName() == "callResultsView"
    shown = tab_text(page.tabs, page.proposals)  # type: ignore[attr-defined]
    assert shown.startswith("Voorstellen (2)")
    assert "wijziging van wachtwoord-reset" in shown and "nieuw artikel" in shown
    assert "BitLocker-herstelsleutel opzoeken" in shown
    added = "toegevoegd: 'Vraag eerst of de gebruiker de authenticator-app nog heeft.'"
    assert added in shown  # what the change changed in the article


def test_in_the_queue_an_article_is_proposed_through_the_engine_and_kept_for_the_coach(
    qtbot,
    window: MainWindow,
    fake_time: FakeTime,  # noqa: F811
    answer_dialogs,
    tmp_path: Path,
) -> None:
    shift = start(qtbot, window)
    view = shift.view
    panel = view.knowledge
    at(qtbot, fake_time, 6, shift)
    qtbot.waitUntil(lambda: view.contacts.count() == 1, timeout=3000)
    # from the contacts list, the knowledge base behind its tab: a new article
    propose_key(qtbot)
    dialog = dialog_of(qtbot, panel)
    assert dialog.title.text() == "" and not dialog.ok.isEnabled()
    type_text(qtbot, dialog.title, "Foutcode E-207 op de magazijnprinter\n")
    type_text(qtbot, dialog.body, "Papierlade 2 openen en sluiten; blijft de code: Werkplekbeheer.")
    at(qtbot, fake_time, 30, shift)
    qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    closed(qtbot, panel)
    assert focused() is view.contacts  # back where the trainee was

    # a change to the scenario's article, opened from the knowledge tab
    key(qtbot, Qt.Key.Key_F, CTRL)
    type_text(qtbot, panel.search, "handscanner\n")
    assert panel.opened == "kb-handscanner"
    propose_key(qtbot)
    dialog = dialog_of(qtbot, panel)
    assert dialog.title.text() == "Handleiding handscanner HS-200"
    qtbot.keyClick(dialog.body, Qt.Key.Key_End, CTRL)
    type_text(qtbot, dialog.body, " Of vraag ze aan de ploegleider.")
    qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    closed(qtbot, panel)
    propose_key(qtbot)  # begun and cancelled
    dialog = dialog_of(qtbot, panel)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    closed(qtbot, panel)
    assert shift.active  # Escape closed the dialog, not the shift

    at(qtbot, fake_time, 40, shift)
    answer_dialogs.reply = QMessageBox.StandardButton.Yes
    key(qtbot, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: not shift.active, timeout=3000)
    lines = proposals(shift.journal.path)
    assert [(e.t, e.contact, e.ticket, e.values.get("article", "")) for e in lines] == [
        (30.0, "", "", ""),  # about no contact: it counts for none
        (30.0, "", "", "kb-handscanner"),
    ]
    assert lines[1].values["body"].endswith("Of vraag ze aan de ploegleider.")
    stored = window.store.session(shift.session_id)
    assert stored is not None and stored.result is not None
    result = QueueResult.model_validate(stored.result)
    assert [(p.title, p.article) for p in result.proposals] == [
        ("Foutcode E-207 op de magazijnprinter", ""),
        ("Handleiding handscanner HS-200", "kb-handscanner"),
    ]
    journal = read_journal(shift.journal.path)
    assert isinstance(journal.end, EndEvent)
    assert score(shift.exercise, journal).model_dump(mode="json") == stored.result
    page = window.stack.currentWidget()
    assert page.objectName() == "queueResultsView"
    shown = tab_text(page.tabs, page.proposals)  # type: ignore[attr-defined]
    assert shown.startswith("Voorstellen (2)") and "Voor de coach: niet beoordeeld." in shown
    assert "0:30 · nieuw artikel" in shown and "Foutcode E-207 op de magazijnprinter" in shown
    assert "wijziging van kb-handscanner" in shown
    assert "toegevoegd: 'Of vraag ze aan de ploegleider.'" in shown  # what the change changed

    # the session report: its section, read back from the PDF and the HTML
    pdf, page_html = tmp_path / "rapport.pdf", tmp_path / "rapport.html"
    write_report(pdf, "pdf", shift.exercise, journal, result)
    write_report(page_html, "html", shift.exercise, journal, result)
    text = flat(pdf_text(pdf))
    assert "Voorstellen voor de kennisbank" in text
    assert "Foutcode E-207 op de magazijnprinter" in text and "nieuw artikel" in text
    assert "wijzigingvankb-handscanner" in text.replace(" ", "")  # (cut at the column's edge)
    section = html_section(page_html.read_text(encoding="utf-8"), "Voorstellen voor de kennisbank")
    assert section[0] == ["Tijd", "Soort", "Titel", "Tekst", "Gewijzigd"]
    assert section[1][:3] == ["0:30", "nieuw artikel", "Foutcode E-207 op de magazijnprinter"]
    assert section[2][1:3] == ["wijziging van kb-handscanner", "Handleiding handscanner HS-200"]
    assert section[2][3].endswith("Of vraag ze aan de ploegleider.")
    assert section[2][4] == "toegevoegd: 'Of vraag ze aan de ploegleider.'"
    assert section[1][4] == ""  # (a new article changed nothing)
    # a shift without any: no such section, no such tab
    none = result.model_copy(update={"proposals": []})
    write_report(page_html, "html", shift.exercise, journal, none)
    assert "Voorstellen voor de kennisbank" not in page_html.read_text(encoding="utf-8")
    page.show_result(none, shift.exercise)  # type: ignore[attr-defined]
    assert tab_text(page.tabs, page.proposals) == ""  # type: ignore[attr-defined]


class _Tables(HTMLParser):
    """Each table of an HTML page: its heading before it and its rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[tuple[str, list[list[str]]]] = []
        self.heading, self._text, self._in_heading = "", "", False
        self._row: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("h2", "h3"):
            self._in_heading, self._text = True, ""
        elif tag == "table":
            self.tables.append((self.heading, []))
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._text = ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "h3"):
            self._in_heading, self.heading = False, self._text.strip()
        elif tag in ("td", "th") and self._row is not None:
            self._row.append(" ".join(self._text.split()))
        elif tag == "tr" and self._row is not None and self.tables:
            self.tables[-1][1].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        self._text += data


def html_section(page: str, heading: str) -> list[list[str]]:
    parser = _Tables()
    parser.feed(page)
    found = [rows for title, rows in parser.tables if title == heading]
    assert len(found) == 1, [title for title, _ in parser.tables]
    return found[0]
