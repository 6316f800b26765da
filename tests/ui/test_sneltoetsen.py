"""Hulp › Sneltoetsen lists every shortcut of the app: the keys that work everywhere, the menu's, and every
shortcut of every screen (here: with every screen of the demo built)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QApplication

from ghnt_desktop.services.login import login
from ghnt_desktop.ui.sneltoetsen import SneltoetsenDialog, alle_sneltoetsen, toets_tekst


@pytest.fixture(autouse=True)
def _app():
    from ghnt_desktop.ui.app import make_app

    return make_app()


def test_every_shortcut_of_every_screen_is_listed(qtbot, demo_dir):
    from ghnt_desktop.ui.main_window import MainWindow

    ws = login(demo_dir, "demo", "demo")
    try:
        win = MainWindow(ws)
        qtbot.addWidget(win)
        with qtbot.waitExposed(win):
            win.show()
        qtbot.waitUntil(lambda: win.first_page_ready)
        for m in win.modules:
            win.page(m.key)
        items = alle_sneltoetsen(win)
        listed = {(s.toetsen, s.waar) for s in items}
        keys = {s.toetsen for s in items}
        for action in (a for top in win.menuBar().actions() for a in top.menu().actions()):
            for seq in action.shortcuts():
                assert toets_tekst(seq) in keys, action.text()
        found = [sc for sc in win.findChildren(QShortcut) if not sc.key().isEmpty() and sc.isEnabled()]
        assert found, "the demo's screens have shortcuts"
        for sc in found:
            assert any(toets_tekst(sc.key()) == k for k, _w in listed), sc.key().toString()
        assert all(s.uitleg.strip() for s in items)
        for must in ("Ctrl+Shift+A", "Tab / Shift+Tab", "Alt + onderstreepte letter", "Esc", "Ctrl+L", "Ctrl++",
                     "F1"):
            assert must in keys, must
        win.close()
    finally:
        ws.close()


def test_f1_opens_the_list_as_a_table_tab_leaves(qtbot, workspace):
    from ghnt_desktop.ui.main_window import MainWindow

    win = MainWindow(workspace)
    qtbot.addWidget(win)
    with qtbot.waitExposed(win):
        win.show()
    with qtbot.waitActive(win):
        win.activateWindow()
    qtbot.waitUntil(lambda: win.first_page_ready)
    seen = {}

    def look(left: int = 150) -> None:
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, SneltoetsenDialog):
            if left:
                QTimer.singleShot(20, lambda: look(left - 1))
            return
        seen["rows"] = dlg.table.rowCount()
        seen["tab_inside"] = dlg.table.tabKeyNavigation()
        seen["texts"] = dlg.texts()
        dlg.reject()

    QTimer.singleShot(20, look)
    qtbot.keyClick(win.nav, Qt.Key.Key_F1)
    assert seen["rows"] >= 15 and seen["tab_inside"] is False
    assert ("Ctrl+Shift+A", seen["texts"][0][1], "Overal") == seen["texts"][0]
    win.close()


def test_keys_read_as_on_a_dutch_keyboard():
    assert toets_tekst("Ctrl++") == "Ctrl++"
    assert toets_tekst("PgDown") == "Page Down"
    assert toets_tekst("Alt+Right") == "Alt+pijltje rechts"
    assert toets_tekst("Ctrl+Return") == "Ctrl+Enter"


def test_the_dialog_without_a_window_lists_the_keys_that_work_everywhere(qtbot):
    dlg = SneltoetsenDialog()
    qtbot.addWidget(dlg)
    assert dlg.table.rowCount() == len(alle_sneltoetsen(None)) > 5
