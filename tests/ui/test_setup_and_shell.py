"""First start, unlock, the main window shell: acute control, lock, Dutch buttons, font."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton

from ghnt_desktop.storage.workspace import Workspace
from tests.conftest import PASSPHRASE


def _app():
    from ghnt_desktop.ui.app import make_app

    return make_app()


def test_setup_dialog_creates_workspace_through_widgets(qtbot, data_dir, type_text):
    _app()
    from ghnt_desktop.ui.setup_dialog import SetupDialog

    dlg = SetupDialog(data_dir)
    qtbot.addWidget(dlg)
    with qtbot.waitExposed(dlg):
        dlg.show()
    type_text(dlg.org_edit, "Wijkteam Zaandam-Oost – ĳverig")
    qtbot.keyClicks(dlg.filter_edit, "Zaanstad")
    visible = [dlg.gemeente_list.item(i) for i in range(dlg.gemeente_list.count())
               if not dlg.gemeente_list.item(i).isHidden()]
    assert [i.text() for i in visible] == ["Zaanstad (GM0479)"]
    dlg.gemeente_list.setFocus()
    dlg.gemeente_list.setCurrentItem(visible[0])
    qtbot.keyClick(dlg.gemeente_list, Qt.Key.Key_Space)
    assert visible[0].checkState() == Qt.CheckState.Checked
    type_text(dlg.naam_edit, "Eliëtte Ĳzerman")
    qtbot.keyClicks(dlg.login_edit, "eliette")
    # a too-short passphrase is refused with a visible reason
    qtbot.keyClicks(dlg.pass_edit, "kort")
    qtbot.keyClicks(dlg.pass2_edit, "kort")
    qtbot.mouseClick(dlg.create_button, Qt.MouseButton.LeftButton)
    assert "Wachtzin" in dlg.error.text()
    assert dlg.workspace is None
    dlg.pass_edit.clear()
    dlg.pass2_edit.clear()
    qtbot.keyClicks(dlg.pass_edit, PASSPHRASE)
    assert "Sterkte" in dlg.strength.text()
    qtbot.keyClicks(dlg.pass2_edit, PASSPHRASE)
    qtbot.mouseClick(dlg.create_button, Qt.MouseButton.LeftButton)
    assert dlg.workspace is not None, dlg.error.text()
    dlg.workspace.close()
    ws = Workspace.open(data_dir, "eliette", PASSPHRASE)
    assert ws.organisatie == "Wijkteam Zaandam-Oost – ĳverig"
    assert ws.gemeenten() == [("GM0479", "Zaanstad")]
    assert {r.value for r in ws.session.rollen} == {"beheerder"}
    ws.close()


def test_unlock_dialog_wrong_then_right(qtbot, workspace, data_dir):
    _app()
    workspace.close()
    from ghnt_desktop.ui.unlock_dialog import UnlockDialog

    dlg = UnlockDialog(data_dir)
    qtbot.addWidget(dlg)
    with qtbot.waitExposed(dlg):
        dlg.show()
    qtbot.keyClicks(dlg.login_edit, "tester")
    qtbot.keyClicks(dlg.pass_edit, "verkeerd verkeerd")
    qtbot.keyClick(dlg.pass_edit, Qt.Key.Key_Return)
    assert "klopt niet" in dlg.error.text()
    assert dlg.workspace is None
    qtbot.keyClicks(dlg.pass_edit, PASSPHRASE)
    qtbot.keyClick(dlg.pass_edit, Qt.Key.Key_Return)
    assert dlg.workspace is not None
    assert dlg.workspace.session.login == "tester"
    dlg.workspace.close()


def _demo_window(qtbot, demo_dir, **kw):
    _app()
    from ghnt_desktop.services.login import login
    from ghnt_desktop.ui.main_window import MainWindow

    ws = login(demo_dir, "demo", "demo")
    win = MainWindow(ws, **kw)
    qtbot.addWidget(win)
    with qtbot.waitExposed(win):
        win.show()
    with qtbot.waitActive(win):
        win.activateWindow()
    return ws, win


def test_demo_window_title_and_modules(qtbot, demo_dir):
    ws, win = _demo_window(qtbot, demo_dir)
    try:
        assert "DEMO – fictieve gegevens" in win.windowTitle()
        titles = [win.nav.item(i).text() for i in range(win.nav.count())]
        assert titles == ["Meldcode", "Zelfscan", "Plan van aanpak", "Beheer"]
    finally:
        win.close()
        ws.close()


def test_acute_control_works_from_every_screen(qtbot, demo_dir):
    ws, win = _demo_window(qtbot, demo_dir)
    seen = []

    def close_acute():
        dlg = QApplication.activeModalWidget()
        if dlg is not None:
            seen.append(dlg.text)
            dlg.reject()

    try:
        for row in range(win.nav.count()):
            win.nav.setCurrentRow(row)
            with qtbot.waitActive(win):
                win.activateWindow()
            win.stack.currentWidget().setFocus()
            QTimer.singleShot(50, close_acute)
            qtbot.keyClick(win.stack.currentWidget(), Qt.Key.Key_A,
                           Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        assert len(seen) == win.nav.count()
        assert all("112" in t and "0800-2000" in t for t in seen)
        assert win.acute_button.isVisible() and win.acute_button.accessibleName()
    finally:
        win.close()
        ws.close()


def test_lock_with_ctrl_l_and_unlock_returns_to_same_screen(qtbot, demo_dir):
    ws, win = _demo_window(qtbot, demo_dir)
    try:
        win.nav.setCurrentRow(2)
        qtbot.keyClick(win.nav, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: getattr(win, "unlock_dialog", None) is not None and win.unlock_dialog.isVisible())
        assert win.is_locked and not win.stack.isVisible()
        dlg = win.unlock_dialog
        assert dlg.login_edit.text() == "demo" and dlg.login_edit.isReadOnly()
        qtbot.keyClicks(dlg.pass_edit, "fout")
        qtbot.keyClick(dlg.pass_edit, Qt.Key.Key_Return)
        assert "klopt niet" in dlg.error.text() and win.is_locked
        qtbot.keyClicks(dlg.pass_edit, "demo")
        qtbot.keyClick(dlg.pass_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not win.is_locked)
        assert win.stack.isVisible() and win.nav.currentRow() == 2
        acties = [r[0] for r in ws.db.conn.execute("SELECT actie FROM audit ORDER BY id")]
        assert acties[-3:] == ["vergrendelen", "ontgrendelen_mislukt", "ontgrendelen"]
    finally:
        win.close()
        ws.close()


def test_idle_lock_fires(qtbot, demo_dir):
    ws, win = _demo_window(qtbot, demo_dir, idle_minutes=0.002)  # ~120 ms
    try:
        qtbot.waitUntil(lambda: win.is_locked, timeout=3000)
        assert not win.stack.isVisible()
        qtbot.waitUntil(lambda: getattr(win, "unlock_dialog", None) is not None and win.unlock_dialog.isVisible())
    finally:
        win.close()
        ws.close()


def test_standard_buttons_are_dutch(qtbot):
    _app()
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(box)
    texts = {b.text().replace("&", "") for b in box.findChildren(QPushButton)}
    assert "Annuleren" in texts and "Sluiten" in texts


def test_bundled_font_has_dutch_glyphs(qtbot):
    app = _app()
    assert "DejaVu Sans" in QFontDatabase.families()
    assert app.font().family() == "DejaVu Sans"
    fm = QFontMetrics(app.font())
    for ch in "ĳĲëé€":
        assert fm.inFontUcs4(ord(ch)), ch


def test_text_size_can_grow_and_reset(qtbot, demo_dir):
    ws, win = _demo_window(qtbot, demo_dir)
    app = QApplication.instance()
    try:
        base = app.font().pointSize()
        win.change_text_size(+2)
        assert app.font().pointSize() == base + 2
        # widgets already on screen follow, not only new ones
        assert win.nav.font().pointSize() == base + 2
        assert win.acute_button.font().pointSize() == base + 2
        win.change_text_size(0)
        assert app.font().pointSize() == base
        assert win.nav.font().pointSize() == base
    finally:
        win.close()
        ws.close()
