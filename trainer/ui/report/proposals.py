"""The report's "Voorstellen voor de kennisbank": the articles the trainee proposed during a
call, a queue shift or a chat (issue 14 §1), kept for the coach and never scored. A section
only when there are any: each with its time on the session clock, whether it is new or a change
to an article (its id), its title and its text; in the CSV one row each."""

from __future__ import annotations

from trainer.core.proposals import ArticleProposal
from trainer.ui import words
from trainer.ui.report.document import Report, Table
from trainer.ui.report.recording import at_text


def kind_text(proposal: ArticleProposal) -> str:
    """New, or a change to which article."""
    if proposal.article:
        return words.tr("wijziging van %1").replace("%1", proposal.article)
    return words.tr("nieuw artikel")


def proposals_part(report: Report, proposals: list[ArticleProposal]) -> None:
    """The section and its CSV rows (nothing when none was proposed)."""
    if not proposals:
        return
    report.tables.append(
        Table(
            words.tr("Voorstellen voor de kennisbank"),
            [words.tr("Tijd"), words.tr("Soort"), words.tr("Titel"), words.tr("Tekst")],
            [[at_text(p.t), kind_text(p), p.title, p.body] for p in proposals],
            intro=words.tr("Voor de coach: niet beoordeeld."),
        )
    )
    # key: the article changed, or 'new'; its time where the CSV says where in the session
    report.csv += [
        ["proposal", p.article or "new", p.title, p.body, "", "", "", "", at_text(p.t)]
        for p in proposals
    ]
