"""The results pages' tab "Voorstellen (n)": the knowledge-base articles the trainee proposed in
a call, a queue shift or a chat (issue 14 §1), kept for the coach and not scored. The tab is
there only when there are any: each proposal with its time, new or a change to which article,
its title and its text as written, and for a change what it changed in the article."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTabWidget, QTextBrowser, QWidget

from trainer.core.proposals import ArticleProposal
from trainer.ui.report.proposals import Originals, change_text, kind_text
from trainer.ui.report.recording import at_text


class ProposalsPage(QTextBrowser):
    """The proposals, one after the other (read-only, scrolls by keys once it has the focus)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("proposals")
        self.setOpenLinks(False)

    def show_proposals(
        self, proposals: list[ArticleProposal], original: Originals | None = None
    ) -> None:
        intro = escape(self.tr("Voor de coach: niet beoordeeld."))
        parts = [f"<p><i>{intro}</i></p>"]
        for p in proposals:
            head = f"{at_text(p.t)} · {escape(kind_text(p))}"
            change = change_text(p, original(p.article)) if original and p.article else ""
            if change:
                head += f"<br><i>{escape(change)}</i>"
            body = escape(p.body).replace("\n", "<br>")
            parts.append(f"<p>{head}<br><b>{escape(p.title)}</b><br>{body}</p>")
        self.setHtml("".join(parts))


def show_in_tabs(
    tabs: QTabWidget,
    page: ProposalsPage,
    proposals: list[ArticleProposal],
    original: Originals | None = None,
) -> None:
    """The page as the tabs' last, named with how many, when there are proposals; else gone.
    ``original``: the session's articles, to say what a change changed."""
    at = tabs.indexOf(page)
    if not proposals:
        if at >= 0:
            tabs.removeTab(at)
        return
    page.show_proposals(proposals, original)
    title = page.tr("Voorstellen (%1)").replace("%1", str(len(proposals)))
    if at < 0:
        at = tabs.addTab(page, title)
    tabs.setTabText(at, title)
    page.setAccessibleName(page.tr("Voorstellen voor de kennisbank"))
