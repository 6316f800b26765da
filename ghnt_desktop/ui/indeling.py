"""Layout helpers for screens that must fit a 1366×768 screen at 200 % text: a dialog body that scrolls while
its buttons stay, a start size within the screen, table columns that never cut their header.

    outer = QVBoxLayout(self)
    lay = scroll_body(outer)      # put the form, lists and messages in ``lay``
    ...
    outer.addWidget(buttons)      # the button row stays in view below the scrolling body
"""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget


def scroll_body(outer: QVBoxLayout, *, stretch: int = 1) -> QVBoxLayout:
    """A frameless scroll area added to ``outer``; returns the layout of its content. The scroll area takes no
    focus (Tab goes to the fields; the area scrolls to the field that has focus)."""
    scroll = QScrollArea()
    scroll.setObjectName("dialoogRol")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    body = QWidget()
    scroll.setWidget(body)
    lay = QVBoxLayout(body)
    lay.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll, stretch)
    return lay


def dialog_size(dialog: QWidget, width: int, height: int) -> None:
    """Start at ``width``×``height`` (grown to what the content asks), never larger than the screen it is on."""
    hint = dialog.sizeHint()
    w, h = max(width, hint.width()), max(height, hint.height())
    screen = dialog.screen() if dialog.screen() is not None else None
    if screen is not None:
        avail = screen.availableGeometry()
        w, h = min(w, avail.width()), min(h, avail.height() - 40)
    dialog.resize(w, h)


class ColumnFit(QObject):
    """Column widths of a read-only table that never cut a header or a short value, at any text size.

    Every column is at least as wide as its header and its content; a column in ``wrap`` (long free text: names,
    lists) stops at ``cap`` average characters and wraps its cells onto more lines instead. When the columns
    together are wider than the table, it scrolls sideways. Refitted when the text size or the rows change.
    Attach after the headers are set: ``ColumnFit(table, wrap={0, 2})``.
    """

    def __init__(self, table, wrap: set[int] = frozenset(), cap: int = 32) -> None:
        from PySide6.QtWidgets import QHeaderView

        super().__init__(table)
        self.table, self.wrap, self.cap = table, set(wrap), cap
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        table.setWordWrap(bool(self.wrap))
        table.setHorizontalScrollMode(table.ScrollMode.ScrollPerPixel)
        self._pending = False
        table.installEventFilter(self)
        model = table.model()
        for signal in (model.modelReset, model.rowsInserted, model.dataChanged, model.layoutChanged):
            signal.connect(self.schedule)
        self.schedule()

    def schedule(self, *_args) -> None:
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self.fit)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if obj is self.table and event.type() in (event.Type.FontChange, event.Type.StyleChange, event.Type.Show,
                                                   event.Type.Polish):
            self.schedule()
        return False

    def fit(self) -> None:
        self._pending = False
        table = self.table
        if not shiboken6.isValid(table):
            return
        header = table.horizontalHeader()
        fm = header.fontMetrics()
        cap_px = table.fontMetrics().averageCharWidth() * self.cap
        model = table.model()
        for col in range(header.count()):
            title = str(model.headerData(col, header.orientation()) or "")
            need = fm.horizontalAdvance(title) + 2 * fm.averageCharWidth() + 16
            content = table.sizeHintForColumn(col)
            width = max(need, min(content, cap_px) if col in self.wrap else content)
            header.resizeSection(col, width)
        if self.wrap:
            table.resizeRowsToContents()


def relayout_scroll_areas(root: QWidget) -> None:
    """Scroll areas in ``root`` lay out their content again for its current size and text size. A scroll area that
    was hidden while the text size changed keeps the old height for wrapped texts (their last lines cut off)
    until it does; call this when a screen comes into view."""
    from PySide6.QtWidgets import QScrollArea

    areas = root.findChildren(QScrollArea)
    if isinstance(root, QScrollArea):
        areas.append(root)
    for area in areas:
        content = area.widget()
        if content is not None and content.layout() is not None:
            content.layout().invalidate()  # hidden during a text size change: its children kept the old geometry
            content.layout().activate()
        if area.widgetResizable():
            area.setWidgetResizable(True)  # recomputes the content's size (heightForWidth included)


class HeightInLines(QObject):
    """Keep a list, table or text box ``lines`` lines of text high (its maximum, or with ``minimum=True`` its
    minimum), also after the text size changes: a height in pixels would show one and a half lines at 200 %."""

    def __init__(self, widget: QWidget, lines: int, *, minimum: bool = False) -> None:
        super().__init__(widget)
        self.widget, self.lines, self.minimum = widget, lines, minimum
        widget.installEventFilter(self)
        self.apply()

    def apply(self) -> None:
        w = self.widget
        if not shiboken6.isValid(w):
            return
        height = w.fontMetrics().lineSpacing() * self.lines + 2 * getattr(w, "frameWidth", lambda: 1)() + 8
        header = getattr(w, "horizontalHeader", None)
        if header is not None and header().isVisible():
            height += header().sizeHint().height()
        (w.setMinimumHeight if self.minimum else w.setMaximumHeight)(height)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if obj is self.widget and event.type() in (event.Type.FontChange, event.Type.StyleChange):
            QTimer.singleShot(0, self.apply)
        return False
