"""The report's "Voorstellen voor de kennisbank": the articles the trainee proposed during a
call, a queue shift or a chat (issue 14 §1), kept for the coach and never scored. A section
only when there are any: each with its time on the session clock, whether it is new or a change
to an article (its id), its title and its text, and for a change what it changed against the
article as the session's knowledge base has it (words added and left out); in the CSV one row
each."""

from __future__ import annotations

from collections.abc import Callable
from difflib import SequenceMatcher

from trainer.core.exercise import ExerciseBase
from trainer.core.knowledge import KnowledgeBase, KnowledgeUnavailable, session_base
from trainer.core.proposals import ArticleProposal
from trainer.core.scenario import Article
from trainer.paths import exercises_dir
from trainer.ui import words
from trainer.ui.report.document import Report, Table
from trainer.ui.report.recording import at_text

Originals = Callable[[str], Article | None]  # an article's id -> the article as the base has it


def originals_of(exercise: ExerciseBase | None) -> Originals:
    """The articles of the exercise's knowledge base (its language's shared ones and its own),
    read once when first asked; none without an exercise or without full-text search."""
    found: dict[str, Article | None] = {}
    base: list[KnowledgeBase | None] = []

    def original(article_id: str) -> Article | None:
        if exercise is None:
            return None
        if not base:
            try:
                own = getattr(exercise, "knowledge", [])
                base.append(session_base(exercises_dir(), exercise.language, own))
            except KnowledgeUnavailable:
                base.append(None)
        if article_id not in found:
            kb = base[0]
            found[article_id] = kb.article(article_id) if kb is not None else None
        return found[article_id]

    return original


def kind_text(proposal: ArticleProposal) -> str:
    """New, or a change to which article."""
    if proposal.article:
        return words.tr("wijziging van %1").replace("%1", proposal.article)
    return words.tr("nieuw artikel")


def change_text(proposal: ArticleProposal, original: Article | None) -> str:
    """What a change proposed changed in the article: its title, the words added and left out
    ('' for a new article, or when the article is not in the base any more)."""
    if not proposal.article or original is None:
        return ""
    quote = words.tr("'%1'")
    said: list[str] = []
    if proposal.title.strip() != original.title.strip():
        said.append(words.tr("titel was %1").replace("%1", quote.replace("%1", original.title)))
    before, after = original.text.split(), proposal.body.split()
    added: list[str] = []
    left_out: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            left_out.append(quote.replace("%1", " ".join(before[i1:i2])))
        if op in ("replace", "insert"):
            added.append(quote.replace("%1", " ".join(after[j1:j2])))
    if added:
        said.append(words.tr("toegevoegd: %1").replace("%1", ", ".join(added)))
    if left_out:
        said.append(words.tr("weggelaten: %1").replace("%1", ", ".join(left_out)))
    return "; ".join(said) if said else words.tr("niets gewijzigd")


def proposals_part(
    report: Report, proposals: list[ArticleProposal], original: Originals | None = None
) -> None:
    """The section and its CSV rows (nothing when none was proposed)."""
    if not proposals:
        return
    find = original or (lambda _id: None)
    changes = [change_text(p, find(p.article) if p.article else None) for p in proposals]
    report.tables.append(
        Table(
            words.tr("Voorstellen voor de kennisbank"),
            [
                words.tr("Tijd"),
                words.tr("Soort"),
                words.tr("Titel"),
                words.tr("Tekst"),
                words.tr("Gewijzigd"),
            ],
            [
                [at_text(p.t), kind_text(p), p.title, p.body, change]
                for p, change in zip(proposals, changes, strict=True)
            ],
            intro=words.tr("Voor de coach: niet beoordeeld."),
        )
    )
    # key: the article changed, or 'new'; what changed as its expected value; its time where
    # the CSV says where in the session
    report.csv += [
        ["proposal", p.article or "new", p.title, p.body, change, "", "", "", at_text(p.t)]
        for p, change in zip(proposals, changes, strict=True)
    ]
