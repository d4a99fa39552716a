"""Knowledge-base articles the trainee proposed during a session, kept for the coach.

In a call, a queue shift or a chat the trainee may propose a new article, or a change to one
they opened, when the knowledge base lacks what the customer needed (issue 14 §1). The engine
of the session journals it as a ``TicketEvent`` with op ``propose_article`` (values ``title``,
``body`` and, for a change, ``article``: the id of the article it changes), and only when both
the title and the text are there (``trainer.core.helpdesk.proposal_refusals``).

A proposal is not scored: every result of those kinds carries them as they were written
(``proposals_of(journal)``), for the coach to read on the results page and in the report, and
no verdict, spelling figure or competence looks at them.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from trainer.core.journal import Journal, TicketEvent


class ArticleProposal(BaseModel):
    """One proposal as the journal holds it: when (session seconds), its title and text, the
    article it changes ('' for a new one), and the contact or ticket it was written beside
    ('' when none)."""

    model_config = ConfigDict(frozen=True)

    t: float
    title: str
    body: str
    article: str = ""
    contact: str = ""
    ticket: str = ""


def proposals_of(journal: Journal) -> list[ArticleProposal]:
    """Every article proposed in the journal, in order."""
    return [
        ArticleProposal(
            t=e.t,
            title=e.values.get("title", ""),
            body=e.values.get("body", ""),
            article=e.values.get("article", ""),
            contact=e.contact,
            ticket=e.ticket,
        )
        for e in journal.events
        if isinstance(e, TicketEvent) and e.op == "propose_article"
    ]


def proposal_values(title: str, body: str, article: str = "") -> dict[str, str]:
    """The journal's values of a proposal (``article`` only for a change)."""
    values = {"title": title, "body": body}
    if article:
        values["article"] = article
    return values
