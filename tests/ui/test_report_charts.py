"""The report's timeline chart draws the keystrokes per second as bars on the session's clock:
as tall as the second's count against the busiest second, none where no key was pressed."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor, QImage

from trainer.core.report_facts import Timeline
from trainer.ui.report.charts import _CHART_WIDTH, _LANE, _LEFT, SCALE, timeline_chart

BAR = QColor("#5f6368").rgb()


def bar_heights(png: bytes, seconds: int) -> list[float]:
    """The height of the bar of each second, in points (its pixels of the bars' grey in the
    middle of the second, up from the keys lane's foot)."""
    image = QImage.fromData(png)
    heights = []
    for second in range(seconds):
        x = round((_LEFT + _CHART_WIDTH * (second + 0.5) / seconds) * SCALE)
        column = [image.pixel(x, y) for y in range(image.height())]
        heights.append(column.count(BAR) / SCALE)
    return heights


def test_the_keys_are_drawn_as_bars_as_tall_as_their_count(qapp: Any) -> None:
    keys = [0, 4, 8, 0, 2, 8]
    png = timeline_chart(Timeline(duration=6.0, clips=[], marks=[], keys_per_second=keys))
    tallest = _LANE - 6
    heights = bar_heights(png, len(keys))
    assert heights == [tallest * n / max(keys) for n in keys]
