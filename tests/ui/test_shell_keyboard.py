"""Screen readers and the keyboard on the shell and every Beheer tab and dialog (in-process; the real AT-SPI bus is
tests/atspi/test_shell.py): every label exposes its visible text, every focusable control is named, Alt+letters
are unique per window, no control keeps Tab, Tab and Shift+Tab reach every control in one cycle, headings are
headings."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QButtonGroup, QRadioButton, QTabBar, QWidget

from ghnt_desktop.services.login import login
from tests.ui.a11y_checks import hidden_label_texts, mnemonic_clashes, tab_traps
from tests.ui.test_shell_layout import DIALOGS, _dialogs, shown_as_dialog

RESERVED = set("abvh")  # the main window's own Alt+letters: Acuut, Bestand, Weergave, Hulp


@pytest.fixture(autouse=True)
def _app():
    from ghnt_desktop.ui.app import make_app

    return make_app()


def _window(qtbot, ws):
    from ghnt_desktop.ui.main_window import MainWindow

    win = MainWindow(ws)
    qtbot.addWidget(win)
    with qtbot.waitExposed(win):
        win.show()
    with qtbot.waitActive(win):
        win.activateWindow()
    qtbot.waitUntil(lambda: win.first_page_ready)
    return win


def tab_stops(root: QWidget) -> list[QWidget]:
    """What Tab can reach in ``root`` now: shown, enabled, taking Tab focus (one radio button per group)."""
    out, groups = [], set()
    for w in root.findChildren(QWidget):
        if not (w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus):
            continue
        if w.focusProxy() is not None or isinstance(w.parentWidget(), QTabBar) and not isinstance(w, QTabBar):
            continue  # reached through its proxy; a tab bar's scroll arrows
        if isinstance(w, QRadioButton):
            group = w.group()
            key = id(group) if isinstance(group, QButtonGroup) else id(w.parentWidget())
            if key in groups or not (w.isChecked() or group is None):
                continue
            groups.add(key)
        out.append(w)
    return out


def walk(start: QWidget, key=Qt.Key.Key_Tab, limit: int = 120) -> list[QWidget]:
    """Press ``key`` from ``start`` until focus is back on it; the widgets that had focus, in order."""
    start.window().activateWindow()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    first = QApplication.focusWidget()
    assert first is not None, f"{start!r} does not take the focus"
    seen = [first]
    for _ in range(limit):
        QTest.keyClick(QApplication.focusWidget() or start.window(), key)
        QApplication.processEvents()
        here = QApplication.focusWidget()
        assert here is not None, f"the focus went nowhere after {seen[-1]!r}"
        if here is first:
            return seen
        assert here not in seen, f"a loop: back at {here!r} after {len(seen)} stops, not at the start"
        seen.append(here)
    raise AssertionError(f"Tab did not come back to the start within {limit} presses")


def _named(w: QWidget) -> bool:
    iface = QAccessible.queryAccessibleInterface(w)
    return bool(iface is not None and iface.text(QAccessible.Text.Name).strip())


def _keyboard_problems(window: QWidget, where: str) -> list[str]:
    problems = [f"[{where}] {p}" for p in hidden_label_texts(window) + tab_traps(window)]
    problems += [f"[{where}] Alt+{k}: {v}" for k, v in mnemonic_clashes(window).items()]
    stops = tab_stops(window)
    problems += [f"[{where}] {type(w).__name__} without a name" for w in stops if not _named(w)]
    if stops:
        try:
            forward = walk(stops[0])
            backward = walk(forward[0], Qt.Key.Key_Backtab)
        except AssertionError as exc:
            return problems + [f"[{where}] {exc}"]
        missing = [w for w in stops if w not in forward and not any(w.isAncestorOf(f) for f in forward)]
        problems += [f"[{where}] Tab never reaches {type(w).__name__} "
                     f"{(w.accessibleName() or getattr(w, 'text', lambda: '')())!r}" for w in missing]
        if backward[1:] != list(reversed(forward[1:])):
            problems.append(f"[{where}] Shift+Tab is not Tab backwards")
    return problems


def _page_letters(win) -> set[str]:
    """The Alt+letters a screen uses (so it leaves the window's own free)."""
    from tests.ui.a11y_checks import _mnemonic

    letters = set()
    for w in win.stack.currentWidget().findChildren(QWidget):
        text = getattr(w, "text", None)
        if callable(text) and w.isVisible() and isinstance(text(), str) and (
                not hasattr(w, "buddy") or w.buddy() is not None):
            letter = _mnemonic(text())
            if letter:
                letters.add(letter)
    return letters


@pytest.mark.parametrize("account", ["demo", "beheerder"])
def test_the_shell_and_every_beheer_tab_work_by_keyboard_and_screen_reader(qtbot, demo_dir, account):
    ws = login(demo_dir, account, "demo")
    try:
        win = _window(qtbot, ws)
        beheer = next(i for i, m in enumerate(win.modules) if m.key == "beheer")
        win.nav.setCurrentRow(beheer)
        view = win.pages["beheer"]
        problems = []
        for i in range(view.tabs.count()):
            view.tabs.setCurrentIndex(i)
            QApplication.processEvents()
            where = f"Beheer › {view.tabs.tabText(i)}"
            problems += _keyboard_problems(win, where)
            problems += [f"[{where}] uses Alt+{k}, the main window's" for k in _page_letters(win) & RESERVED]
        assert problems == [], "\n".join(problems)
        win.close()
    finally:
        ws.close()


def test_aan_de_slag_works_by_keyboard_and_screen_reader(qtbot, workspace):
    win = _window(qtbot, workspace)
    assert win.modules[win.nav.currentRow()].key == "aan_de_slag"
    # after login the keyboard starts in the screen, not on "Acuut onveilig?" (Enter would open it)
    assert win.pages["aan_de_slag"].isAncestorOf(QApplication.focusWidget())
    assert _keyboard_problems(win, "Aan de slag") == []
    win.close()


@pytest.mark.parametrize("name", DIALOGS)
def test_every_dialog_works_by_keyboard_and_screen_reader(qtbot, workspace, data_dir, name):
    parent = QWidget()
    parent.ws = workspace
    qtbot.addWidget(parent)
    dlg = _dialogs(workspace, data_dir, parent)[name]()
    qtbot.addWidget(dlg)
    shown_as_dialog(qtbot, dlg)
    with qtbot.waitActive(dlg):
        dlg.activateWindow()
    problems = _keyboard_problems(dlg, name)
    assert problems == [], "\n".join(problems)
    getattr(dlg, "close_with_window", dlg.close)()


def test_menus_have_their_own_letters_and_the_screens_leave_them_free(qtbot, workspace):
    from tests.ui.a11y_checks import _mnemonic

    win = _window(qtbot, workspace)
    titles = [a.text() for a in win.menuBar().actions()]
    assert titles == ["&Bestand", "Weerga&ve", "&Hulp"]
    letters = [_mnemonic(t) for t in titles] + [_mnemonic(win.acute_button.text())]
    assert sorted(letters) == sorted(RESERVED)
    for top in win.menuBar().actions():
        inside = [_mnemonic(a.text()) for a in top.menu().actions() if _mnemonic(a.text())]
        assert len(inside) == len(set(inside)), top.text()
    win.close()


def test_headings_are_exposed_as_headings(qtbot, workspace):
    from ghnt_desktop.ui.kop import Kop

    win = _window(qtbot, workspace)
    win.nav.setCurrentRow(next(i for i, m in enumerate(win.modules) if m.key == "beheer"))
    koppen = [k for k in win.findChildren(Kop) if k.isVisible()]
    assert [k.text() for k in koppen][:1] == ["Beheer"]
    for k in koppen:
        iface = QAccessible.queryAccessibleInterface(k)
        assert iface.role() == QAccessible.Role.Heading
        assert iface.text(QAccessible.Text.Name) == k.text()
    win.close()


def test_the_checks_find_a_trap_a_hidden_text_and_an_unreached_control(qtbot):
    """The checks themselves: a table that keeps Tab, a label hiding its text, a control Tab cannot reach."""
    from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTableWidget, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    lay = QVBoxLayout(root)
    label = QLabel("De wachtzin klopt niet.")
    label.setAccessibleName("Foutmelding")
    lay.addWidget(label)
    lay.addWidget(QLineEdit())
    lay.addWidget(QTableWidget(2, 2))
    lay.addWidget(QPushButton("&Opslaan"))
    lay.addWidget(QPushButton("&Overslaan"))
    with qtbot.waitExposed(root):
        root.show()
    with qtbot.waitActive(root):
        root.activateWindow()
    found = "\n".join(_keyboard_problems(root, "proef"))
    assert "keeps Tab inside" in found and "is exposed as" in found and "Alt+o" in found and "a loop" in found
    assert "without a name" in found  # the line edit has no name
