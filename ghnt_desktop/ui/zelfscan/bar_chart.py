"""A simple horizontal bar chart drawn with QPainter (no QtCharts).

Every bar carries its value as text ("67 %" or "geen score"), so nothing depends on colour; the same
numbers are in the accessible description and in the table shown next to the chart. Sizes follow the
widget font, so the chart grows with the app's text size.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # 0–100, or None for "no score"
    text: str  # what is written next to the bar, e.g. "67 %"


class BarChart(QWidget):
    def __init__(self, title: str, parent=None) -> None:
        super().__init__(parent)
        self.title = title
        self.bars: list[Bar] = []
        self.setAccessibleName(title)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(260)

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = list(bars)
        self.setAccessibleDescription("; ".join(f"{b.label}: {b.text}" for b in self.bars))
        self.updateGeometry()
        self.update()

    # --- geometry ------------------------------------------------------------------------------
    def _metrics(self) -> tuple[QFontMetricsF, float]:
        fm = QFontMetricsF(self.font())
        return fm, fm.height() * 1.9

    def sizeHint(self) -> QSize:  # noqa: N802
        fm, row = self._metrics()
        return QSize(int(fm.averageCharWidth() * 70), int(row * (len(self.bars) + 1) + fm.height()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.minimumWidth(), self.sizeHint().height())

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self.updateGeometry()
        super().changeEvent(event)

    # --- painting ------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        pal = self.palette()
        fm, row = self._metrics()
        w = self.width()
        label_w = min(w * 0.4, max((fm.horizontalAdvance(b.label) for b in self.bars), default=0) + fm.height())
        value_w = fm.horizontalAdvance("geen score") + fm.height()
        x0 = label_w
        bar_w = max(10.0, w - label_w - value_w)
        text_pen = QPen(pal.color(QPalette.ColorRole.WindowText))
        grid_pen = QPen(pal.color(QPalette.ColorRole.Mid))
        grid_pen.setStyle(Qt.PenStyle.DotLine)
        top = fm.height() * 0.2
        # scale (0, 50, 100 %) at the bottom, grid lines across
        bottom = top + row * len(self.bars)
        for pct in (0, 50, 100):
            x = x0 + bar_w * pct / 100
            p.setPen(grid_pen)
            p.drawLine(int(x), int(top), int(x), int(bottom))
            p.setPen(text_pen)
            t = f"{pct} %"
            tw = fm.horizontalAdvance(t)
            tx = min(max(x - tw / 2, x0), w - tw)
            p.drawText(QRectF(tx, bottom, tw + 2, fm.height() * 1.2), Qt.AlignmentFlag.AlignLeft, t)
        fill = pal.color(QPalette.ColorRole.Highlight)
        for i, b in enumerate(self.bars):
            y = top + i * row
            p.setPen(text_pen)
            label = fm.elidedText(b.label, Qt.TextElideMode.ElideRight, label_w - fm.height() * 0.5)
            p.drawText(QRectF(0, y, label_w - fm.height() * 0.5, row),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label)
            length = 0.0 if b.value is None else bar_w * max(0.0, min(100.0, b.value)) / 100
            bar_rect = QRectF(x0, y + row * 0.2, length, row * 0.6)
            if length > 0:
                p.fillRect(bar_rect, fill)
                p.setPen(text_pen)
                p.drawRect(bar_rect)
            p.setPen(text_pen)
            p.drawText(QRectF(x0 + length + fm.height() * 0.3, y, value_w + bar_w - length, row),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, b.text)
        p.end()
