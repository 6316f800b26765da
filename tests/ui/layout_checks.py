"""Layout checks for any window at a given size and text size (issue: screens that fit a gemeente laptop).

- :func:`set_text_percent` sets the app's text size (100 % = 10 pt, 200 % = 20 pt) the way Ctrl++ does.
- :func:`layout_problems` returns, for a shown window:
  - the window's minimum size larger than the screen (then something is off-screen or cut off);
  - visible controls and texts that lie outside the window, or outside the visible part of their scroll
    area's *content* (scrolling is fine; being clipped by a parent that does not scroll is not);
  - overlapping visible siblings (text drawn over text);
  - table columns narrower than their header text (titles elided to "ZW-2…").
"""
from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (QAbstractButton, QAbstractScrollArea, QApplication, QComboBox, QHeaderView, QLabel,
                               QLineEdit, QScrollArea, QStackedWidget, QTableView, QTabWidget, QWidget)

TEXT_100 = 10


def set_text_percent(percent: int) -> None:
    from ghnt_desktop.ui import app as app_setup

    app_setup.set_text_size(QApplication.instance(), round(TEXT_100 * percent / 100))
    QApplication.processEvents()


def _clipping_ancestor(w: QWidget, window: QWidget) -> QWidget | None:
    """The nearest ancestor that scrolls its content (a QScrollArea's viewport, an item view), if any."""
    p = w.parentWidget()
    while p is not None and p is not window:
        if isinstance(p.parentWidget(), QAbstractScrollArea) and p is p.parentWidget().viewport():
            return p
        p = p.parentWidget()
    return None


def _rect_in(w: QWidget, ref: QWidget) -> QRect:
    return QRect(w.mapTo(ref, w.rect().topLeft()), w.size())


def _checked_widgets(window: QWidget) -> list[QWidget]:
    kinds = (QAbstractButton, QLabel, QLineEdit, QComboBox, QAbstractScrollArea)
    out = []
    for w in window.findChildren(QWidget):
        if not isinstance(w, kinds) or not w.isVisibleTo(window) or w.width() <= 0 or w.height() <= 0:
            continue
        if w.objectName().startswith("qt_") or isinstance(w.parentWidget(), (QComboBox, QHeaderView)):
            continue
        if isinstance(w, QLabel) and not w.text().strip() and w.pixmap().isNull():
            continue
        out.append(w)
    return out


def _name(w: QWidget) -> str:
    text = getattr(w, "text", lambda: "")()
    text = text if isinstance(text, str) else ""
    return f"{type(w).__name__}({(w.accessibleName() or text or w.objectName())[:40]!r})"


def layout_problems(window: QWidget, *, screen: tuple[int, int] = (1366, 768)) -> list[str]:
    QApplication.processEvents()
    problems = []
    hint = window.minimumSizeHint().expandedTo(window.minimumSize())
    if hint.width() > screen[0] or hint.height() > screen[1]:
        problems.append(f"window needs at least {hint.width()}×{hint.height()}, the screen is {screen[0]}×{screen[1]}")
    win_rect = window.rect()
    widgets = _checked_widgets(window)
    for w in widgets:
        clip = _clipping_ancestor(w, window)
        if clip is None:
            r = _rect_in(w, window)
            if not win_rect.contains(r):
                problems.append(f"{_name(w)} lies outside the window ({r.x()},{r.y()} {r.width()}×{r.height()})")
        # a widget must not stick out of the parent that holds it (the parent would cut it off)
        parent = w.parentWidget()
        if parent is not None and parent is not clip and not isinstance(parent, (QStackedWidget, QTabWidget)):
            pr = parent.rect()
            if not pr.contains(w.geometry()) and not isinstance(w, QAbstractScrollArea):
                inter = pr.intersected(w.geometry())
                if inter.width() < w.width() - 2 or inter.height() < w.height() - 2:
                    problems.append(f"{_name(w)} is cut off by its parent {type(parent).__name__}")
    by_parent: dict[int, list[QWidget]] = {}
    for w in widgets:
        by_parent.setdefault(id(w.parentWidget()), []).append(w)
    for siblings in by_parent.values():
        for i, a in enumerate(siblings):
            for b in siblings[i + 1:]:
                inter = a.geometry().intersected(b.geometry())
                if inter.width() > 2 and inter.height() > 2:
                    problems.append(f"{_name(a)} and {_name(b)} overlap")
    for view in window.findChildren(QTableView):
        if not view.isVisibleTo(window) or view.model() is None or view.model().rowCount() == 0:
            continue
        header = view.horizontalHeader()
        fm = header.fontMetrics()
        for col in range(header.count()):
            if header.isSectionHidden(col):
                continue
            title = str(view.model().headerData(col, header.orientation()) or "")
            need = fm.horizontalAdvance(title) + 8
            if title and header.sectionSize(col) < need:
                problems.append(f"column {title!r} of {view.accessibleName()!r} is {header.sectionSize(col)} px, "
                                f"its header needs {need}")
    return problems


def shown_at(qtbot, window: QWidget, size: tuple[int, int] = (1366, 768)) -> QWidget:
    """Show ``window`` at ``size`` (as a maximised window on that screen would be, minus a title bar)."""
    window.resize(size[0], size[1] - 32)
    with qtbot.waitExposed(window):
        window.show()
    QApplication.processEvents()
    return window
