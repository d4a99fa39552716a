"""The exercise list as the home screen shows it: plain values, one row per exercise.

The rows are kept beside the content cache (``trainer.core.content_cache``), so that a start
can fill the list before the exercise models (pydantic, about 150 ms of a start) are loaded:
this module imports neither pydantic nor the models.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trainer.core.loader import Catalog, CatalogEntry

# the list's order of the languages: trainer.core.exercise.LANGUAGES, which cannot be imported
# here without pydantic (tests/core/test_content_cache.py keeps the two the same)
LANGUAGE_ORDER = ("nl", "fr", "en")


@dataclass(frozen=True)
class ListedExercise:
    """One exercise's row: what the list shows of it, and where it came from."""

    id: str
    title: str
    language: str
    kind: str
    level: int
    path: str
    time_limit: float | None = None  # seconds; None: untimed
    margin: float | None = None  # the pass margin (0.03: 3 %), for the kinds that have one
    error_unit: str = "word"  # what the margin counts: "word" or "char"


def listed(entry: CatalogEntry) -> ListedExercise:
    """The row of a catalog's entry."""
    ex = entry.exercise
    margin = getattr(ex, "margin", None)
    return ListedExercise(
        id=ex.id,
        title=ex.title,
        language=ex.language,
        kind=ex.kind,
        level=ex.level,
        path=str(entry.path),
        time_limit=getattr(ex, "time_limit", None),
        margin=float(margin) if margin is not None else None,
        error_unit=getattr(ex, "error_unit", "word"),
    )


def in_list_order(rows: Iterable[ListedExercise]) -> list[ListedExercise]:
    """By language (Dutch, French, English), kind, level and id, as the list shows them."""
    return sorted(rows, key=lambda r: (LANGUAGE_ORDER.index(r.language), r.kind, r.level, r.id))


def listing_of(catalog: Catalog) -> tuple[ListedExercise, ...] | None:
    """Every exercise's row in the list's order; None when a file is broken (the list then
    waits for the catalog, which says what is wrong with it)."""
    if catalog.broken:
        return None
    return tuple(in_list_order(listed(entry) for entry in catalog.entries))
