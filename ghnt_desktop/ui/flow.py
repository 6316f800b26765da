"""A row of buttons (or other small widgets) that wraps onto the next line when the window is narrow, e.g. at a
large text size, instead of making the window wider than the screen. Tab order stays the order of adding.

    row = FlowLayout()
    row.addWidget(QPushButton("&Nieuw account…"))
    ...
    lay.addLayout(row)
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QLayout, QStyle, QWidget, QWidgetItem


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, *, spacing: int = -1) -> None:
        super().__init__(parent)
        self._items: list = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    # --- QLayout ---------------------------------------------------------------------------------------------
    def addItem(self, item) -> None:  # noqa: N802 (Qt name)
        self._items.append(item)

    def addWidget(self, widget: QWidget) -> None:  # noqa: N802 (Qt name)
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802 (Qt name)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802 (Qt name)
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self):  # noqa: N802 (Qt name)
        from PySide6.QtCore import Qt

        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt name)
        return self._do_layout(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt name)
        super().setGeometry(rect)
        self._do_layout(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        """All items on one line."""
        w = h = 0
        for item in self._visible():
            hint = item.sizeHint()
            w += hint.width() + (self._gap("h") if w else 0)
            h = max(h, hint.height())
        m = self.contentsMargins()
        return QSize(w + m.left() + m.right(), h + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt name)
        """The widest single item: everything else may wrap."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    # --- helpers -------------------------------------------------------------------------------------------------
    def _visible(self) -> list:
        return [i for i in self._items if not (i.widget() is not None and i.widget().isHidden())]

    def _gap(self, direction: str) -> int:
        if self._spacing >= 0:
            return self._spacing
        parent = self.parentWidget()
        style = parent.style() if parent is not None else None
        if style is None:
            return 6
        metric = (QStyle.PixelMetric.PM_LayoutHorizontalSpacing if direction == "h"
                  else QStyle.PixelMetric.PM_LayoutVerticalSpacing)
        gap = style.pixelMetric(metric, None, parent)
        return max(gap, 4) if gap >= 0 else 6

    def _do_layout(self, rect: QRect, *, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        hgap, vgap = self._gap("h"), self._gap("v")
        for item in self._visible():
            hint = item.sizeHint()
            width = min(hint.width(), area.width()) if area.width() > 0 else hint.width()
            if x > area.x() and x + width > area.right() + 1:
                x, y, line = area.x(), y + line + vgap, 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += width + hgap
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()

