"""Every control on every module screen is keyboard-reachable and has an accessible name."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QHeaderView, QLabel, QLineEdit,
                               QPlainTextEdit, QTabBar, QTextEdit, QWidget)

CONTROLS = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)


def _name(w: QWidget) -> str:
    if w.accessibleName().strip():
        return w.accessibleName()
    if isinstance(w, QAbstractButton) and w.text().replace("&", "").strip():
        return w.text()
    # a QLabel whose buddy is this widget also names it
    for label in w.window().findChildren(QLabel):
        if label.buddy() is w and label.text().strip():
            return label.text()
    return ""


def _problems(root: QWidget) -> list[str]:
    out = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, CONTROLS) or not w.isVisibleTo(root):
            continue
        if isinstance(w, QHeaderView) or w.objectName().startswith("qt_"):
            continue
        parent = w.parentWidget()
        if isinstance(parent, (QComboBox, QAbstractSpinBox)):  # internal line edit of a combo/spin box
            continue
        if isinstance(parent, (QTabBar, QLineEdit)):  # Qt's own: the scroll arrows of a long tab bar (the tabs
            continue  # take arrow keys), a line edit's clear button (the keyboard deletes the text)
        label = f"{type(w).__name__}({w.objectName() or '-'}) in {type(w.window()).__name__}"
        if w.focusPolicy() == Qt.FocusPolicy.NoFocus and w.isEnabled():
            out.append(f"{label}: not reachable by keyboard")
        if not _name(w):
            out.append(f"{label}: no accessible name")
    return out


def test_every_module_screen_is_accessible(qtbot, demo_dir):
    from ghnt_desktop.services.login import login
    from ghnt_desktop.ui.app import make_app
    from ghnt_desktop.ui.main_window import MainWindow

    make_app()
    ws = login(demo_dir, "demo", "demo")
    win = MainWindow(ws)
    qtbot.addWidget(win)
    with qtbot.waitExposed(win):
        win.show()
    problems = []
    try:
        for row, module in enumerate(win.modules):
            win.nav.setCurrentRow(row)
            qtbot.wait(10)
            problems += [f"[{module.titel}] {p}" for p in _problems(win)]
    finally:
        win.close()
        ws.close()
    assert problems == []


def test_the_check_itself_finds_an_unnamed_control(qtbot):
    root = QWidget()
    qtbot.addWidget(root)
    edit = QLineEdit(root)
    edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    root.show()
    found = _problems(root)
    assert any("no accessible name" in p for p in found)
    assert any("not reachable" in p for p in found)
