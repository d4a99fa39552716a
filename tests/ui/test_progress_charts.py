"""The progress window's charts as a coach sees them: the grid in solid colours looks as
pyqtgraph's see-through grid does, and lies under the curves; a chart drawn again for the next
trainee shows that trainee's points under the same names, and only the names it has, and keeps
its place when that trainee's numbers are shorter."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QPen
from PySide6.QtWidgets import QApplication

from trainer.core.progress import Point
from trainer.ui import appearance
from trainer.ui.progress_charts import COLOURS, Chart, Series, solid

START = datetime(2026, 1, 5, tzinfo=UTC)
DAYS = 150  # dates along the bottom on the first of each month: vertical grid lines


def points(*values: float, every: int = 10) -> list[Point]:
    return [Point(at=START + timedelta(days=i * every), value=v, n=1) for i, v in enumerate(values)]


def chart_on_screen(qtbot: Any, chart: Chart) -> QImage:
    """The chart shown at 420 x 320, over five months and values 0-50, as its view draws it."""
    qtbot.addWidget(chart)
    item = chart.getPlotItem()
    item.setXRange(START.timestamp(), (START + timedelta(days=DAYS)).timestamp(), padding=0)
    item.setYRange(0, 50, padding=0)
    chart.resize(420, 320)
    chart.show()
    qtbot.waitExposed(chart)
    QApplication.processEvents()
    return chart.viewport().grab().toImage()


def legend_names(chart: Chart) -> list[str]:
    return [label.text for _sample, label in chart.legend.items]


def test_a_see_through_pen_becomes_the_colour_it_makes_on_its_paper() -> None:
    grid = QPen(QColor(0, 0, 0, 51))  # black at 20 %, pyqtgraph's grid on a white chart
    assert solid(grid, QColor("white")).color() == QColor(204, 204, 204)
    assert solid(grid, QColor("black")).color() == QColor(0, 0, 0)
    contrast = QPen(QColor(255, 255, 255, 102))  # white at 40 % on the high-contrast black
    assert solid(contrast, QColor("black")).color() == QColor(102, 102, 102)
    ink = QPen(QColor("#0072B2"))
    assert solid(ink, QColor("white")).color() == QColor("#0072B2")


@pytest.mark.parametrize("theme", ["normal", "contrast"])
def test_the_solid_grid_looks_as_the_see_through_one(qtbot: Any, theme: str) -> None:
    appearance.apply(appearance.NORMAL_SIZE, theme)
    try:
        drawn = chart_on_screen(qtbot, Chart("Snelheid", "wpm"))
        see_through = Chart("Snelheid", "wpm")
        for side in ("left", "bottom"):
            see_through.getPlotItem().getAxis(side).paper = None  # as pyqtgraph draws it
        reference = chart_on_screen(qtbot, see_through)
    finally:
        appearance.apply(appearance.NORMAL_SIZE, "normal")
    paper = drawn.pixelColor(drawn.width() - 5, 5)
    assert drawn.size() == reference.size()

    def crossing(x: int, y: int) -> bool:
        """Where a date's line meets a value's (see-through, the two darken each other)."""
        left, right, up, down = (
            drawn.pixelColor(*at) != paper
            for at in ((x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1))
        )
        return (left and right and (up or down)) or (up and down and (left or right))

    lines = 0
    for y in range(1, drawn.height() - 1):
        for x in range(1, drawn.width() - 1):
            ours, theirs = drawn.pixelColor(x, y), reference.pixelColor(x, y)
            differs = max(
                abs(ours.red() - theirs.red()),
                abs(ours.green() - theirs.green()),
                abs(ours.blue() - theirs.blue()),
            )
            assert differs <= 1 or crossing(x, y), (x, y, ours.name(), theirs.name())
            lines += ours != paper
    # the grid is there: lines across the view, not a blank chart
    assert lines > drawn.width() + drawn.height()


def test_a_curve_is_drawn_whole_over_the_grid(qtbot: Any) -> None:
    chart = Chart("Snelheid", "wpm")
    flat = points(*([25.0] * 15))  # across four grid lines of the dates
    chart.show_series([Series("speed", "netto snelheid", flat)])
    image = chart_on_screen(qtbot, chart)
    view = chart.getPlotItem().getViewBox()
    curve = QColor(COLOURS[0])

    def on_screen(moment: datetime) -> QPointF:
        return chart.mapFromScene(view.mapViewToScene(QPointF(moment.timestamp(), 25.0)))

    first, last = on_screen(flat[0].at), on_screen(flat[-1].at)
    row = round(first.y())
    marks = [round(on_screen(p.at).x()) for p in flat]  # (each point's round mark, smoothed)
    gaps = [
        x
        for x in range(marks[0], marks[-1])
        if min(abs(x - mark) for mark in marks) > 4
        and all(image.pixelColor(x, y) != curve for y in range(row - 2, row + 3))
    ]
    assert gaps == []
    assert last.x() - first.x() > 250  # (most of the chart's width)


def test_the_next_trainees_points_in_the_same_curves_and_only_their_names(qtbot: Any) -> None:
    chart = Chart("Reactietijden", "seconden")
    qtbot.addWidget(chart)
    chart.show_series(
        [Series("answer", "opnemen", points(3, 4)), Series("entry", "invoeren", points(8), 1)]
    )
    # the next trainee: the same curves, their points
    chart.show_series(
        [Series("answer", "opnemen", points(5, 6, 2)), Series("entry", "invoeren", points(7), 1)]
    )
    assert chart.data("answer")[1] == [5, 6, 2]
    assert chart.data("answer")[0] == [p.at.timestamp() for p in points(5, 6, 2)]
    assert chart.data("entry")[1] == [7]
    assert legend_names(chart) == ["opnemen", "invoeren"]
    # the same in another language: its names
    chart.show_series(
        [Series("answer", "répondre", points(5)), Series("entry", "saisir", points(7), 1)]
    )
    assert legend_names(chart) == ["répondre", "saisir"]
    # a trainee with other competences: their names, not the last one's
    chart.show_series([Series("answer", "opnemen", points(1)), Series("other", "anders", [], 1)])
    assert legend_names(chart) == ["opnemen", "anders"]
    assert set(chart.curves) == {"answer", "other"}
    drawn = [i for i in chart.getPlotItem().listDataItems() if i.name()]
    assert sorted(i.name() for i in drawn) == ["anders", "opnemen"]


def test_the_margins_line_moves_with_the_next_trainees_margin(qtbot: Any) -> None:
    chart = Chart("Foutpercentage", "fouten (%)", percent=True)
    qtbot.addWidget(chart)
    chart.show_series([Series("errors", "fouten", points(0.02))], limit=(0.03, "marge 3 %"))
    chart.show_series([Series("errors", "fouten", points(0.01))], limit=(0.05, "marge 5 %"))
    lines = [i for i in chart.getPlotItem().items if isinstance(i, pg.InfiniteLine)]
    assert [line.value() for line in lines] == [0.05]
    assert legend_names(chart) == ["fouten", "marge 5 %"]
    assert chart.data("errors")[1] == [0.01]


def test_the_chart_stays_in_place_for_a_trainee_with_shorter_numbers(qtbot: Any) -> None:
    chart = Chart("Reactietijden", "seconden")
    qtbot.addWidget(chart)
    chart.resize(420, 320)
    chart.show()
    qtbot.waitExposed(chart)
    view = chart.getPlotItem().getViewBox()

    def left_edge(*values: float) -> float:
        chart.show_series([Series("answer", "opnemen", points(*values))])
        for _ in range(3):  # (the axis' new width is laid out in a posted event)
            QApplication.processEvents()
        return float(view.sceneBoundingRect().left())

    short = left_edge(1, 2, 3)
    long = left_edge(1000, 2500, 3000)
    assert long > short  # room for the thousands
    assert left_edge(1, 2, 3) == long  # not back and forth with each trainee
