"""The files of the shared knowledge bases: ``exercises/<lang>/knowledge/*.yaml``.

Articles, not exercises: the exercise loader skips the folder, and ``simultaan validate`` reads
them here, every problem at its line (``FILE:LINE``): a key unknown or missing, a file in
another language's folder, an article id used twice in one language. The search over them is
``trainer.core.knowledge``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from trainer.core.exercise import LANGUAGES, Language
from trainer.core.messages import Message
from trainer.core.scenario import Article
from trainer.core.yaml_source import (
    Problem,
    SourceFileError,
    parse_yaml_mapping,
    read_text_file,
)

FOLDER = "knowledge"  # exercises/<lang>/knowledge/*.yaml


class KnowledgeArticle(Article):
    """An article of a shared knowledge base: a call's ``Article`` plus ``keywords``, words a
    caller may use that the article does not ("MFA" for two-step verification)."""

    keywords: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)


class KnowledgeFile(BaseModel):
    """One file of a language's shared knowledge base."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal[1]
    language: Language
    articles: Annotated[list[KnowledgeArticle], Field(min_length=1)]


def is_knowledge_file(path: Path) -> bool:
    """Whether a YAML file belongs to a shared knowledge base (not an exercise)."""
    return path.parent.name == FOLDER


def parse_knowledge(text: str, path: Path) -> KnowledgeFile:
    """Validate one knowledge file; raises ``SourceFileError`` with every problem at its line.
    A file inside ``<lang>/knowledge/`` must be in that language."""
    doc = parse_yaml_mapping(text, path, "exercise")
    found = doc.validate(KnowledgeFile)
    folder_language = path.parent.parent.name
    if found is not None and folder_language in LANGUAGES and found.language != folder_language:
        values = {"language": found.language, "folder": folder_language}
        doc.problems.append(doc.problem(("language",), Message("knowledge_language", values)))
    if found is not None:
        first: dict[str, int] = {}
        for index, article in enumerate(found.articles):
            line = doc.line(("articles", index, "id"))
            if article.id in first:
                values = {"id": article.id, "file": str(path), "line": str(first[article.id])}
                doc.problems.append(Problem(path, line, Message("duplicate_article_id", values)))
            first.setdefault(article.id, line)
    if doc.problems or found is None:
        raise SourceFileError(sorted(doc.problems, key=lambda p: p.line))
    return found


@dataclass
class SharedKnowledge:
    """The articles of every knowledge file read, per language, and the problems found."""

    articles: dict[str, list[KnowledgeArticle]]
    problems: list[Problem]


def load_knowledge(files: Iterable[Path]) -> SharedKnowledge:
    """Read knowledge files; a broken file is listed with its problems, its articles left out,
    and an article id used twice in one language is a problem at its second file's line."""
    shared = SharedKnowledge({}, [])
    seen: dict[tuple[str, str], tuple[Path, int]] = {}
    for path in files:
        try:
            text = read_text_file(path, "exercise")
            knowledge = parse_knowledge(text, path)
        except SourceFileError as exc:
            shared.problems += exc.problems
            continue
        lines = _id_lines(text)
        for article in knowledge.articles:
            key = (knowledge.language, article.id)
            line = lines.get(article.id, 1)
            if key in seen:
                where, first = seen[key]
                values = {"id": article.id, "file": str(where), "line": str(first)}
                shared.problems.append(Problem(path, line, Message("duplicate_article_id", values)))
                continue
            seen[key] = (path, line)
            shared.articles.setdefault(knowledge.language, []).append(article)
    return shared


def _id_lines(text: str) -> dict[str, int]:
    """The line of each article's ``id:`` (a valid file: one per article)."""
    found: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = re.match(r"\s*-?\s*id:\s*['\"]?([a-z0-9][a-z0-9_-]*)", line)
        if match:
            found.setdefault(match.group(1), number)
    return found


def knowledge_files(exercises: Path, language: str) -> list[Path]:
    """The shared knowledge files of a language below an exercises folder, sorted: ``*.yaml``
    and ``*.yml``, as ``simultaan validate`` finds them."""
    folder = exercises / language / FOLDER
    if not folder.is_dir():
        return []
    return sorted(p for p in [*folder.glob("*.yaml"), *folder.glob("*.yml")] if p.is_file())
