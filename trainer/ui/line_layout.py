"""Where each character of a drill text stands on screen: the text wrapped at spaces to a width
in monospace cells, each extra letter the trainee typed taking one more cell before the
character it stands before. No Qt: the typing surface turns lines and columns into pixels.
"""

from __future__ import annotations

from trainer.core.live_typing import LiveTyping


class LineLayout:
    """The screen lines of ``live``'s reference and its extra letters, for ``columns`` cells
    a line. ``wrap`` lays out everything; ``rewrap`` only the lines around a change."""

    def __init__(self, live: LiveTyping) -> None:
        self._live = live
        self.lines: list[tuple[int, int]] = []  # [start, end) reference indexes of each line
        self.line_of: list[int] = []  # the line of each reference index (and of the end)
        self._with_extras: list[bool] = []  # whether extra letters stand on each line

    def wrap(self, columns: int) -> None:
        """Lay out the whole text."""
        lines: list[tuple[int, int]] = []
        start, n = 0, len(self._live.reference)
        while start < n:
            end = self._line_end(start, columns)
            lines.append((start, end))
            start = end
        self.lines = lines or [(n, n)]
        self._with_extras = [self._has_extras(a, b) for a, b in self.lines]
        self._index()

    def rewrap(self, first: int, last: int, columns: int) -> tuple[int, int]:
        """Lay out again the lines around reference cells ``first`` to ``last`` after extra
        letters came or went there; the lines that may look different: (first, last),
        inclusive. Stops at the first line that starts where it did."""
        old, n = self.lines, len(self._live.reference)
        line = max(0, self.line_of[first] - 1)  # the line before too: its last word may fit
        start = old[line][0]
        new: list[tuple[int, int]] = []
        while start < n:
            end = self._line_end(start, columns)
            new.append((start, end))
            start = end
            after = line + len(new)
            if start > last and after < len(old) and old[after][0] == start:
                # from here on nothing changed: the lines are the old ones
                self.lines = old[:line] + new + old[after:]
                self._with_extras[line:after] = [self._has_extras(a, b) for a, b in new]
                for number, (a, b) in enumerate(new, line):
                    self.line_of[a:b] = [number] * (b - a)
                return line, after - 1
        self.lines = old[:line] + (new or [(n, n)])
        self._with_extras = self._with_extras[:line] + [
            self._has_extras(a, b) for a, b in self.lines[line:]
        ]
        self._index()
        return line, len(self.lines) - 1

    def has_extras(self, line: int) -> bool:
        """Whether extra letters stand on screen line ``line`` (its columns shift)."""
        return self._with_extras[line]

    def column(self, index: int, line: int) -> int:
        """The column of reference cell ``index`` on screen line ``line``: extra letters
        before it take a cell each."""
        start = self.lines[line][0]
        if not self._with_extras[line]:
            return index - start
        extras = self._live.extras
        return index - start + sum(len(extras.get(i, "")) for i in range(start, index + 1))

    def _index(self) -> None:
        n = len(self._live.reference)
        line_of = [0] * (n + 1)
        for number, (a, b) in enumerate(self.lines):
            line_of[a:b] = [number] * (b - a)
        line_of[n] = len(self.lines) - 1  # the cursor after the last character
        self.line_of = line_of

    def _has_extras(self, start: int, end: int) -> bool:
        extras = self._live.extras
        if not extras:
            return False
        stop = end + 1 if end == len(self._live.reference) else end  # (after the last cell)
        return any(i in extras for i in range(start, stop))

    def _line_end(self, start: int, columns: int) -> int:
        """Where the line that begins at ``start`` ends: after a space that fits, after a
        newline, or (a word longer than the line) where the width runs out."""
        text, extras = self._live.reference, self._live.extras
        n = len(text)
        if not extras:  # the common case, in C: no extra letter anywhere
            hard = text.find("\n", start, start + columns)
            if hard != -1:
                return hard + 1
            if n - start <= columns:
                return n
            space = text.rfind(" ", start, start + columns + 1)
            return space + 1 if space > start else start + columns
        width, index, space = 0, start, -1
        while index < n:
            need = 1 + len(extras.get(index, ""))
            if width + need > columns:
                break
            if text[index] == "\n":
                return index + 1
            if text[index] == " ":
                space = index
            width += need
            index += 1
        else:
            return n
        if text[index] == " ":
            return index + 1
        return space + 1 if space > start else max(index, start + 1)
