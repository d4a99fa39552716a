"""The typed text under its reference as rows of HTML cells: each character in the colour of
what it was (an error's type), a missing one as ``·``, a line break as ``↵``. The results page,
the replay and the session report draw an alignment so, each in its own colours (the report's
darker, for print) and row width."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from functools import lru_cache


@lru_cache(maxsize=4096)  # a 12,000-character exam has 24,000 cells, a few hundred different
def cell(char: str, style: str) -> str:
    """One character of the alignment in ``style`` (CSS; empty: as it is)."""
    shown = "·" if not char else ("↵" if char == "\n" else char)
    text = "&nbsp;" if shown == " " else html.escape(shown)
    return f'<span style="{style}">{text}</span>' if style else text


def rows(
    pairs: Iterable[tuple[str, str, str]], styles: Mapping[str, str], width: int
) -> list[tuple[str, str]]:
    """The reference's line and the typed line of each row, as HTML. ``pairs``: (expected,
    typed, op) per step of the alignment; ``styles``: each error type's CSS (an op without
    one, unstyled). A row ends at a line break, or at the first space once it holds ``width``
    characters."""
    out: list[tuple[str, str]] = []
    top: list[str] = []
    bottom: list[str] = []
    count = 0
    for expected, typed, op in pairs:
        style = styles.get(op, "")
        top.append(cell(expected, style))
        bottom.append(cell(typed, style))
        count += max(len(expected), len(typed), 1)
        if expected == "\n" or (count >= width and expected == " "):
            out.append(("".join(top), "".join(bottom)))
            top, bottom, count = [], [], 0
    if top:
        out.append(("".join(top), "".join(bottom)))
    return out
