"""The word-counting rules of design.md written as plainly as possible, for tests to compare the
fast alignment of ``trainer.core.word_alignment`` with."""

from __future__ import annotations

from trainer.core.word_forms import swapped_forms


def examiner_errors(ref: list[str], typed: list[str]) -> int:
    """The rules written as plainly as possible: every cell from every move, no shortcuts."""
    rows, cols = len(ref), len(typed)
    cost = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows + 1):
        for j in range(cols + 1):
            if i == j == 0:
                continue
            options = []
            if i:
                options.append(cost[i - 1][j] + 1)  # omission
            if j:
                options.append(cost[i][j - 1] + 1)  # insertion
            if i and j:
                options.append(cost[i - 1][j - 1] + (ref[i - 1] != typed[j - 1]))
            if (
                i >= 2
                and j >= 2
                and (typed[j - 2], typed[j - 1]) in swapped_forms(ref[i - 2], ref[i - 1])
            ):
                options.append(cost[i - 2][j - 2] + 1)
            if i and j >= 2 and ref[i - 1] in (
                typed[j - 2] + typed[j - 1], typed[j - 2] + "-" + typed[j - 1]
            ):  # fmt: skip
                options.append(cost[i - 1][j - 2] + 1)
            if i >= 2 and j and typed[j - 1] in (
                ref[i - 2] + ref[i - 1], ref[i - 2] + "-" + ref[i - 1]
            ):  # fmt: skip
                options.append(cost[i - 2][j - 1] + 1)
            cost[i][j] = min(options)
    return cost[rows][cols]
