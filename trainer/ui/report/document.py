"""The parts of a session report, worded: tables, typed texts, pictures (PNG)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Table:
    """A table of the report; ``good`` per row: True (green), False (red) or None."""

    title: str
    headers: list[str]
    rows: list[list[str]]
    good: list[bool | None] = field(default_factory=list)


@dataclass
class Alignment:
    """A typed text under its reference, one (expected, typed, op) per step."""

    title: str
    pairs: list[tuple[str, str, str]]


@dataclass
class Report:
    """Everything a report says, worded; ``csv`` the same as one spreadsheet table."""

    title: str
    verdict: str
    passed: bool | None  # None: stopped, nothing to judge
    why: list[str]
    about: list[tuple[str, str]]
    tables: list[Table] = field(default_factory=list)
    alignments: list[Alignment] = field(default_factory=list)
    errors: Table | None = None
    data_entry: Table | None = None
    keys: Table | None = None
    advice: list[str] = field(default_factory=list)
    heat_map: bytes | None = None
    heat_map_title: str = ""
    timeline: bytes | None = None
    csv: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
