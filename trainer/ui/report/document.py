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
    # per row, where in the recording it is (seconds on the session clock), shown in a last
    # column headed ``time_header``: a link that plays from there in the HTML
    times: list[float | None] = field(default_factory=list)
    time_header: str = ""
    intro: str = ""  # a sentence under the title


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
    course: Table | None = None  # a call's parts in time order, each with its time
    recording: Recording | None = None


@dataclass
class Sound:
    """An audio file the HTML report plays: ``uri`` a ``data:`` URI (embedded) or the file's
    ``file:`` URI (linked: too large to embed); ``element`` its id in the page."""

    element: str
    title: str
    uri: str
    embedded: bool
    file: str  # the file's name, as the coach finds it in the data folder


@dataclass
class Recording:
    """The call as heard: its sounds, and when each stretch of a file sounds on the session
    clock: (element, start, stop, offset in the file, speed)."""

    title: str
    sounds: list[Sound]
    stretches: list[tuple[str, float, float, float, float]]
    notes: list[str] = field(default_factory=list)  # no recording and why, files linked
