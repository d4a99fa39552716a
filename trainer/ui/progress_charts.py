"""Charts of a trainee's progress over time, drawn with pyqtgraph: dates along the bottom in
the language shown, values with their unit in its number format, a legend per chart, and the
high-contrast theme's black and white when it is on.

The grid is drawn under the curves in solid colours (``PaperAxis``): pyqtgraph draws each tick
and grid line see-through, over the curves, and Qt's raster engine draws a see-through line
30-40 times slower than a solid one (a value axis' 35-55 grid lines took 5-9 ms at every
repaint of its chart: a coach stepping to the next trainee waited 100 ms on the six charts'
grids alone).

Each ``Chart`` keeps its curves by series code (``curves``), so a test reads back what is
drawn; ``describe()`` says the latest values for a screen reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import pyqtgraph as pg
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from trainer.core.progress import Point
from trainer.ui import appearance, words

# Okabe and Ito's colours: told apart with every kind of colour blindness
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
_DAY = 86_400.0
UNDER_CURVES = -200.0  # an axis' z: under the plot's view (pyqtgraph's -100) and its curves


class Series(NamedTuple):
    """A curve of a chart: its code, its name in the legend, its points and its colour (its
    place in COLOURS)."""

    code: str
    name: str
    points: list[Point]
    colour: int = 0


def _moments_and_values(points: Sequence[Point]) -> tuple[list[float], list[float]]:
    return [p.at.timestamp() for p in points], [p.value for p in points]


def _contrast() -> bool:
    return appearance.applied()[1] == "contrast"


def solid(pen: QPen, paper: QColor) -> QPen:
    """``pen`` with the solid colour its see-through colour makes on ``paper``."""
    colour = pen.color()
    alpha = colour.alphaF()
    if alpha >= 1.0:
        return pen
    mixed = QColor.fromRgbF(
        *(
            ink * alpha + under * (1.0 - alpha)
            for ink, under in (
                (colour.redF(), paper.redF()),
                (colour.greenF(), paper.greenF()),
                (colour.blueF(), paper.blueF()),
            )
        )
    )
    out = QPen(pen)
    out.setColor(mixed)
    return out


class PaperAxis(pg.AxisItem):  # type: ignore[misc]  # (pyqtgraph has no type hints)
    """An axis whose ticks and grid lines are drawn in solid colours on ``paper`` (the chart's
    background; None: see-through, as pyqtgraph draws them). The lines look the same on the
    plain background; put the axis under the curves (``Chart`` does) so that they do not
    cross them."""

    paper: QColor | None = None

    def generateDrawSpecs(self, p: QPainter) -> Any:
        """pyqtgraph's lines, each in its solid colour on the paper."""
        specs = super().generateDrawSpecs(p)
        if specs is None or self.paper is None:
            return specs
        axis, ticks, texts = specs
        pens: dict[int, QPen] = {}  # (a level's ticks share one pen)
        solid_ticks = []
        for pen, start, end in ticks:
            if id(pen) not in pens:
                pens[id(pen)] = solid(pen, self.paper)
            solid_ticks.append((pens[id(pen)], start, end))
        return axis, solid_ticks, texts


class DateAxis(PaperAxis):
    """Dates along the bottom in the language shown (``3 mrt``, ``mrt 2026``): ticks on the
    first of a month (every one, two, three or six months as room allows), on Mondays or on
    days for a short span; never the C locale's month names."""

    def tickValues(
        self, minVal: float, maxVal: float, size: float
    ) -> list[tuple[float, list[float]]]:
        """The moments of the ticks, for ``size`` pixels from ``minVal`` to ``maxVal``."""
        if maxVal <= minVal:
            return []
        room = max(1, int(size // 60))  # a label needs about 60 pixels
        start = QDateTime.fromSecsSinceEpoch(int(minVal)).date()
        end = QDateTime.fromSecsSinceEpoch(int(maxVal)).date()
        days = start.daysTo(end) + 1
        ticks: list[float] = []
        if days > 75:
            months = (end.year() - start.year()) * 12 + end.month() - start.month() + 1
            step = next((s for s in (1, 2, 3, 6, 12) if months / s <= room), 12)
            day = QDate(start.year(), start.month(), 1)
            while day <= end:
                if (day.month() - 1) % step == 0:
                    ticks.append(float(QDateTime(day, QTime(0, 0)).toSecsSinceEpoch()))
                day = day.addMonths(1)
            self._form = "MMM yyyy" if step >= 12 or start.year() != end.year() else "MMM"
            if step < 12 and start.year() != end.year():
                self._form = "MMM yy"
        else:
            step = next((s for s in (1, 7, 14, 28) if days / s <= room), 28)
            day = start.addDays((-start.dayOfWeek() + 1) % 7 if step >= 7 else 0)
            while day <= end:
                ticks.append(float(QDateTime(day, QTime(0, 0)).toSecsSinceEpoch()))
                day = day.addDays(step)
            self._form = "d MMM"
        return [(0.0, [t for t in ticks if minVal <= t <= maxVal])]

    def tickStrings(self, values: Sequence[float], scale: float, spacing: float) -> list[str]:
        """Each tick's date in the language shown."""
        form = getattr(self, "_form", "d MMM")
        locale = words.locale()
        return [locale.toString(QDateTime.fromSecsSinceEpoch(int(v)).date(), form) for v in values]


class NumberAxis(PaperAxis):
    """Values in the local number format; ``percent``: shares shown as percentages."""

    def __init__(self, *args: Any, percent: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._percent = percent
        self.enableAutoSIPrefix(False)  # a unit is named in words, never "(x0.001)"

    def tickStrings(self, values: Sequence[float], scale: float, spacing: float) -> list[str]:
        """Each tick in the language's format (a decimal comma in Dutch and French)."""
        step = spacing * 100 if self._percent else spacing
        decimals = 0 if step >= 1 else (1 if step >= 0.1 else 2)
        if self._percent:
            return [words.percent(v, decimals) for v in values]
        return [words.number(v, decimals) for v in values]


class Chart(pg.PlotWidget):  # type: ignore[misc]
    """One chart: a title, a y axis with its unit, dates along the bottom, a legend."""

    def __init__(
        self,
        title: str,
        unit: str,
        *,
        percent: bool = False,
        whole: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """``percent``: shares shown as percentages; ``whole``: from 0 to 100 % always."""
        contrast = _contrast()
        self._ink = "w" if contrast else "k"
        super().__init__(
            parent,
            background="k" if contrast else "w",
            axisItems={
                "bottom": DateAxis(orientation="bottom"),
                "left": NumberAxis(orientation="left", percent=percent),
            },
        )
        self.percent = percent
        self.whole = whole
        self.title = title
        self.curves: dict[str, pg.PlotDataItem] = {}
        self._drawn: object = None  # what show_series drew: its names, colours and limit
        item = self.getPlotItem()
        self.set_names(title, unit)
        item.showGrid(x=True, y=True, alpha=0.4 if contrast else 0.2)
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setPen(pg.mkPen(self._ink))
            axis.setTextPen(pg.mkPen(self._ink))
            axis.paper = self.backgroundBrush().color()  # (the chart's own, as given above)
            axis.setZValue(UNDER_CURVES)
            # wider for longer numbers, never narrower: stepping through trainees, the chart
            # does not shift sideways with each one's numbers (nor is it laid out again)
            axis.setStyle(autoReduceTextSpace=False)
        self.legend = item.addLegend(
            offset=(8, 8),
            labelTextColor=self._ink,
            brush=pg.mkBrush((0, 0, 0, 200) if contrast else (255, 255, 255, 200)),
        )
        item.setMouseEnabled(x=True, y=False)  # zoom and pan through time only
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reached by Tab, described to a reader
        if whole:
            item.setYRange(0, 1, padding=0.02)

    def set_names(self, title: str, unit: str) -> None:
        """The chart's title (also its name for a screen reader) and its y axis' unit."""
        self.title = title
        item = self.getPlotItem()
        item.setTitle(title, color=self._ink)
        item.setLabel("left", unit, color=self._ink)
        self.setAccessibleName(title)

    def show_series(self, series: Sequence[Series], limit: tuple[float, str] | None = None) -> None:
        """Draw these curves, and a horizontal line at ``limit`` (its value and its name in
        the legend). Curves drawn already under the same names, in the same colours (the next
        trainee's), take their new points in place: making the curves and their legend again
        cost the six charts 60 ms at each trainee a coach stepped to."""
        drawn = ([(s.code, s.name, s.colour) for s in series], limit, _contrast())
        if drawn == self._drawn:
            for one in series:
                self.curves[one.code].setData(*_moments_and_values(one.points))
        else:
            self._clear()
            for one in series:
                self._add_series(one)
            if limit is not None:
                self._add_limit(*limit)
            self._drawn = drawn
        if self.whole:
            self.getPlotItem().setYRange(0, 1, padding=0.02)
        # the new ranges worked out now: pyqtgraph leaves that to the paint, whose new ranges
        # then ask for a second paint of the whole chart
        self.getPlotItem().getViewBox().prepareForPaint()

    def _clear(self) -> None:
        """Remove every curve and line."""
        self.getPlotItem().clear()
        self.legend.clear()
        self.curves.clear()

    def _add_series(self, series: Series) -> None:
        """A curve of the series' points at their moments, named in the legend."""
        place = series.colour
        colour = "w" if _contrast() and place == 0 else COLOURS[place % len(COLOURS)]
        self.curves[series.code] = self.getPlotItem().plot(
            *_moments_and_values(series.points),
            name=series.name,
            pen=pg.mkPen(colour, width=3 if _contrast() else 2),
            symbol="o",
            symbolSize=6,
            symbolBrush=colour,
            symbolPen=pg.mkPen(colour),
        )

    def _add_limit(self, value: float, label: str) -> None:
        """A horizontal line at ``value`` (the error margin), named in the legend."""
        pen = pg.mkPen("#D55E00" if not _contrast() else "y", width=2, style=Qt.PenStyle.DashLine)
        line = pg.InfiniteLine(pos=value, angle=0, pen=pen)  # (named in the legend)
        self.getPlotItem().addItem(line)
        self.legend.addItem(pg.PlotDataItem(pen=pen), label)

    def data(self, code: str) -> tuple[list[float], list[float]]:
        """What a curve holds: x (seconds since 1970) and y."""
        xs, ys = self.curves[code].getData()
        return [float(x) for x in (xs if xs is not None else [])], [
            float(y) for y in (ys if ys is not None else [])
        ]

    def describe(self, names: dict[str, str]) -> str:
        """The latest value of each curve, for a screen reader and the tooltip."""
        parts = []
        for code, curve in self.curves.items():
            xs, ys = curve.getData()
            if xs is None or not len(xs):
                continue
            day = QDateTime.fromSecsSinceEpoch(int(xs[-1])).date()
            value = words.percent(float(ys[-1]), 0) if self.percent else words.number(ys[-1], 1)
            when = words.locale().toString(day, "d MMM yyyy")
            parts.append(f"{names.get(code, code)}: {value} ({when})")
        return "; ".join(parts)
