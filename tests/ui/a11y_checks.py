"""In-process accessibility checks for any window (fast; the real AT-SPI bus is checked in tests/atspi).

- :func:`hidden_label_texts`: visible labels whose text a screen reader does not get (an accessible name
  that replaces the text, the bug of issue 12), and buttons whose visible text is not in their name.
- :func:`mnemonic_clashes`: the same Alt+letter used twice in one window (buttons, labels with a buddy,
  tabs, group boxes, menu titles).
- :func:`tab_traps`: widgets that keep Tab inside (item views with tab-key navigation, editable text
  boxes where Tab types a tab).
"""
from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QGroupBox, QLabel, QMainWindow, QPlainTextEdit,
                               QTabBar, QTextEdit, QWidget)

from ghnt_desktop.ui.a11y import plain_text


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", plain_text(text).replace("…", " ")).strip().casefold().rstrip(":").strip()


def _exposed(w: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(w)
    if iface is None:
        return ""
    parts = [iface.text(QAccessible.Text.Name), iface.text(QAccessible.Text.Description)]
    return _norm(" ".join(p for p in parts if p))


def _showing(w: QWidget, root: QWidget) -> bool:
    return w.isVisibleTo(root) and w.window().isVisible() if root.isVisible() else w.isVisibleTo(root)


def hidden_label_texts(root: QWidget) -> list[str]:
    out = []
    for w in root.findChildren(QLabel):
        if _showing(w, root) and _norm(w.text()) and _norm(w.text()) not in _exposed(w):
            out.append(f"label {plain_text(w.text())[:60]!r} is exposed as {_exposed(w)[:40]!r}")
    for w in root.findChildren(QAbstractButton):
        if _showing(w, root) and _norm(w.text()) and _norm(w.text()) not in _exposed(w):
            out.append(f"button {plain_text(w.text())!r} is named {_exposed(w)[:60]!r}")
    return out


def _mnemonic(text: str) -> str | None:
    m = re.search(r"&([^&\s])", text.replace("&&", ""))
    return m.group(1).casefold() if m else None


def mnemonic_clashes(window: QWidget) -> dict[str, list[str]]:
    """Alt+letters used more than once among the controls a user can reach now in ``window``."""
    seen: dict[str, list[str]] = defaultdict(list)

    def add(text: str) -> None:
        key = _mnemonic(text)
        if key:
            seen[key].append(text.replace("&", ""))

    for w in window.findChildren(QAbstractButton):
        if _showing(w, window) and w.isEnabled():
            add(w.text())
    for w in window.findChildren(QLabel):
        if _showing(w, window) and w.buddy() is not None and w.buddy().isEnabled():
            add(w.text())
    for w in window.findChildren(QGroupBox):
        if _showing(w, window) and w.isCheckable():
            add(w.title())
    for bar in window.findChildren(QTabBar):
        if _showing(bar, window):
            for i in range(bar.count()):
                if bar.isTabEnabled(i) and bar.isTabVisible(i):
                    add(bar.tabText(i))
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            add(action.text())
    return {k: v for k, v in seen.items() if len(v) > 1}


def tab_traps(root: QWidget) -> list[str]:
    out = []
    for w in root.findChildren(QAbstractItemView):
        if _showing(w, root) and w.tabKeyNavigation():
            out.append(f"{type(w).__name__} {w.accessibleName()!r} keeps Tab inside")
    for w in root.findChildren(QPlainTextEdit) + root.findChildren(QTextEdit):
        if _showing(w, root) and not w.isReadOnly() and not w.tabChangesFocus():
            out.append(f"{type(w).__name__} {w.accessibleName()!r} types a tab instead of moving on")
    return out
