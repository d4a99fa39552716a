"""The report's pictures, drawn with QPainter into PNG images: the keyboard heat map of errors
and the timeline of a session. (QPainter, not a plotting library: two small fixed drawings,
the same in the PDF and the HTML, with no dependency beyond Qt, which the app has already.)

Needs a QGuiApplication (fonts); works on the ``offscreen`` platform."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

from trainer.core.keyboard import ALTGR, ENTER, SHIFT, SPACE, KeyboardLayout
from trainer.core.report_facts import Timeline
from trainer.ui import words

SCALE = 2  # pixels per point: sharp when printed
_KEY = 40.0  # a key's width in points
_INK = QColor("#202124")
_MUTED = QColor("#5f6368")
_NONE = QColor("#eeeeee")
XOf = Callable[[float], float]  # seconds -> points across


def png(image: QImage) -> bytes:
    """An image as PNG bytes."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # (the stub wants bytes; PySide6 a str)
    return bytes(data.data())


def _canvas(width: float, height: float) -> tuple[QImage, QPainter]:
    image = QImage(int(width * SCALE), int(height * SCALE), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(SCALE, SCALE)
    return image, painter


def heat_colour(errors: int, most: int) -> QColor:
    """No errors grey; then from light yellow to deep red as the count nears the most."""
    if errors <= 0 or most <= 0:
        return _NONE
    share = min(1.0, errors / most)
    return QColor.fromHsvF(0.15 * (1 - share), 0.25 + 0.65 * share, 1.0 - 0.2 * share)


def _key_rects(layout: KeyboardLayout) -> dict[str, QRectF]:
    """Where each key is drawn, in points, with Shift, AltGr, Enter and the space bar."""
    rects: dict[str, QRectF] = {}
    for r, row in enumerate(layout.rows):
        for c, _key in enumerate(row.keys):
            x = 10 + (row.offset + c) * _KEY
            rects[layout.key_id(r, c)] = QRectF(x, 10 + r * _KEY, _KEY - 4, _KEY - 4)
    last = len(layout.rows)
    rects[SHIFT] = QRectF(10, 10 + (last - 1) * _KEY, layout.rows[-1].offset * _KEY - 4, _KEY - 4)
    end = max(r.right() for r in rects.values())
    rects[ENTER] = QRectF(end + 4, 10 + _KEY, 1.25 * _KEY, 2 * _KEY - 4)
    rects[SPACE] = QRectF(10 + 3.75 * _KEY, 10 + last * _KEY, 6.5 * _KEY - 4, _KEY - 4)
    rects[ALTGR] = QRectF(10 + 10.5 * _KEY, 10 + last * _KEY, 1.5 * _KEY - 4, _KEY - 4)
    return rects


def heat_map(layout: KeyboardLayout, errors: Mapping[str, int], legend: str = "") -> bytes:
    """The keyboard with each key coloured by its errors, the count written on it
    (``legend``: what the counts are, when not a session's errors: hesitations...)."""
    rects = _key_rects(layout)
    labels = layout.labels()
    width = max(r.right() for r in rects.values()) + 10
    height = max(r.bottom() for r in rects.values()) + 36
    image, painter = _canvas(width, height)
    most = max(errors.values(), default=0)
    label_font, count_font = QFont("DejaVu Sans", 9), QFont("DejaVu Sans", 8)
    count_font.setBold(True)
    for key, rect in rects.items():
        n = errors.get(key, 0)
        painter.setPen(QPen(QColor("#9aa0a6"), 0.8))
        painter.setBrush(heat_colour(n, most))
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(_INK)
        painter.setFont(label_font)
        text_rect = rect.adjusted(3, 2, -3, -2)
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, labels.get(key, "")
        )
        if n:
            painter.setFont(count_font)
            painter.drawText(
                text_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, str(n)
            )
    painter.setFont(QFont("DejaVu Sans", 8))
    painter.setPen(_MUTED)
    legend = legend or words.tr(
        "Het getal op een toets: fouten op die toets, ook de verbeterde. Grijs: geen fouten."
    )
    painter.drawText(QRectF(10, height - 22, width - 20, 18), Qt.AlignmentFlag.AlignLeft, legend)
    painter.end()
    return png(image)


_LANE = 34.0
_LEFT = 110.0
_CHART_WIDTH = 760.0
_MARK_COLOURS = {"screen": "#e37400", "action": "#1a73e8", "field": "#188038"}


def _lanes(timeline: Timeline) -> list[str]:
    """The lanes a session has: a drill only its keystrokes, a dictation its clips too."""
    kinds = {m.kind for m in timeline.marks}
    lanes = ["clips"] if timeline.clips else []
    lanes += [k for k in ("screen", "action", "field") if k in kinds]
    return [*lanes, "keys"]


def _lane_name(lane: str) -> str:
    return {
        "clips": words.tr("Klant"),
        "screen": words.tr("Scherm"),
        "action": words.tr("Acties"),
        "field": words.tr("Velden"),
        "keys": words.tr("Toetsen per s"),
    }[lane]


def timeline_chart(timeline: Timeline) -> bytes:
    """The session on its clock: the customer's clips, the screen events, the trainee's
    actions, the fields committed, and the keystrokes per second as bars."""
    duration = max(timeline.duration, 1.0)
    lanes = _lanes(timeline)
    width, height = (
        _LEFT + _CHART_WIDTH + 20,
        20 + len(lanes) * _LANE + (40 if len(lanes) > 1 else 24),
    )
    image, painter = _canvas(width, height)

    def x_of(t: float) -> float:
        return _LEFT + _CHART_WIDTH * min(max(t, 0.0), duration) / duration

    painter.setFont(QFont("DejaVu Sans", 8))
    for i, lane in enumerate(lanes):
        top = 20 + i * _LANE
        painter.setPen(_INK)
        painter.drawText(
            QRectF(4, top, _LEFT - 8, _LANE), Qt.AlignmentFlag.AlignVCenter, _lane_name(lane)
        )
        painter.setPen(QPen(QColor("#dadce0"), 0.6))
        painter.drawLine(QPointF(_LEFT, top + _LANE), QPointF(_LEFT + _CHART_WIDTH, top + _LANE))
    if "clips" in lanes:
        _clips(painter, timeline, x_of)
    for mark in timeline.marks:
        top = 20 + lanes.index(mark.kind) * _LANE
        x = x_of(mark.t)
        painter.setPen(QPen(QColor(_MARK_COLOURS[mark.kind]), 1.4))
        painter.drawLine(QPointF(x, top + 6), QPointF(x, top + _LANE - 6))
    _keys(painter, timeline, x_of, 20 + len(lanes) * _LANE - 2)
    _axis(painter, duration, x_of, 20 + len(lanes) * _LANE, legend=len(lanes) > 1)
    painter.end()
    return png(image)


def _clips(painter: QPainter, timeline: Timeline, x_of: XOf) -> None:
    top = 20.0
    for i, clip in enumerate(timeline.clips):
        left, right = x_of(clip.start), max(x_of(clip.end), x_of(clip.start) + 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#c5a3e8") if clip.subtitle else QColor("#a142f4"))
        painter.drawRect(QRectF(left, top + 6 + (i % 2) * 4, right - left, _LANE - 16))


def _keys(painter: QPainter, timeline: Timeline, x_of: XOf, bottom: float) -> None:
    most = max(timeline.keys_per_second, default=0)
    if most <= 0:
        painter.setPen(_MUTED)
        painter.drawText(
            QRectF(_LEFT + 4, bottom - _LANE + 2, _CHART_WIDTH, _LANE - 4),
            Qt.AlignmentFlag.AlignVCenter,
            words.tr("geen toetsaanslagen in het logboek"),
        )
        return
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#5f6368"))
    bars = []
    for second, n in enumerate(timeline.keys_per_second):
        if n:
            left, right = x_of(second), x_of(second + 1)
            tall = (_LANE - 6) * n / most
            bars.append(QRectF(left, bottom - tall, max(right - left - 0.5, 0.8), tall))
    # upright bars on whole pixels need no smoothing: a 30-minute exam's 1,800 bars took
    # 60-110 ms to draw smoothed, 2 ms without
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.drawRects(bars)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(_MUTED)
    painter.drawText(  # under the lane's name, clear of the bars
        QRectF(4, bottom - 11, _LEFT - 8, 11), Qt.AlignmentFlag.AlignLeft, f"max {most}"
    )


def _axis(painter: QPainter, duration: float, x_of: XOf, top: float, legend: bool) -> None:
    step = next(s for s in (5, 10, 15, 30, 60, 120, 300, 600, 1800) if duration / s <= 12)
    painter.setPen(QPen(_MUTED, 0.6))
    t = 0.0
    while t <= duration + 1e-9:
        x = x_of(t)
        painter.drawLine(QPointF(x, top), QPointF(x, top + 4))
        painter.drawText(
            QRectF(x - 20, top + 5, 40, 12), Qt.AlignmentFlag.AlignHCenter, words.seconds(t)
        )
        t += step
    if not legend:  # a drill: only its keystrokes
        return
    painter.drawText(
        QRectF(_LEFT, top + 20, _CHART_WIDTH, 14),
        Qt.AlignmentFlag.AlignLeft,
        words.tr(
            "Paars: de klant spreekt (licht: als ondertitel). Oranje: scherm. Blauw: acties. Groen: velden."  # noqa: E501
        ),
    )
