""""Acuut onveilig?" works from every window: the main window, the unlock dialog at start-up, the lock screen, and
inside a modal dialog (the keys and a click), on top of what is open and without losing what was typed there.
Escape on the lock dialog asks before it quits the app."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from ghnt_desktop.ui.acute_dialog import AcuteDialog
from tests.conftest import PASSPHRASE

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


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


class Panels:
    """Closes each acute panel that opens (they are modal) and remembers what it was opened on."""

    def __init__(self, qtbot) -> None:
        self.seen: list[tuple[AcuteDialog, object]] = []
        self.qtbot = qtbot

    def expect(self, then=None, tries: int = 150) -> None:
        """Close the next panel once it is there (gives up after ``tries`` looks: the test then fails on
        ``seen``, it does not hang)."""
        def close(left: int = tries) -> None:
            panel = QApplication.activeModalWidget()
            if isinstance(panel, AcuteDialog):
                self.seen.append((panel.text, panel.parentWidget()))
                panel.reject()
                if then is not None:
                    then()
            elif left > 0:
                QTimer.singleShot(20, lambda: close(left - 1))
        QTimer.singleShot(20, close)


def test_keys_inside_a_modal_dialog_open_the_panel_on_top_and_keep_what_was_typed(qtbot, workspace, type_text):
    from ghnt_desktop.ui.beheer.accounts import AccountDialog

    win = _window(qtbot, workspace)
    dlg = AccountDialog(workspace, win)
    qtbot.addWidget(dlg)
    panels = Panels(qtbot)
    seen = {}

    def inside() -> None:
        try:
            type_text(dlg.naam_edit, "Priya Ramdin")
            panels.expect(then=lambda: seen.setdefault("after", dlg.naam_edit.text()))
            QTest.keyClick(dlg.naam_edit, Qt.Key.Key_A, CTRL_SHIFT)  # Qt blocks the main window's shortcut here
        finally:
            dlg.reject()

    QTimer.singleShot(50, inside)
    dlg.exec()
    assert len(panels.seen) == 1
    text, parent = panels.seen[0]
    assert parent is dlg and "112" in text and "0800-2000" in text
    assert seen["after"] == "Priya Ramdin"  # the dialog and what was typed in it are still there
    assert dlg.naam_edit.text() == "Priya Ramdin" and "A" not in dlg.naam_edit.text()[-1:]
    win.close()


def test_a_click_inside_a_modal_dialog_opens_the_panel(qtbot, workspace):
    from ghnt_desktop.ui.beheer.teams import TeamDialog

    win = _window(qtbot, workspace)
    dlg = TeamDialog(workspace, win)
    qtbot.addWidget(dlg)
    panels = Panels(qtbot)
    found = {}

    def inside() -> None:
        try:
            button = dlg.findChild(QPushButton, "acuutKnop")
            found["button"] = button
            panels.expect()
            button.click()
        finally:
            dlg.reject()

    QTimer.singleShot(50, inside)
    dlg.exec()
    button = found["button"]
    assert button is not None and button.accessibleName().startswith("Acuut onveilig?")
    assert [p for _t, p in panels.seen] == [dlg]
    win.close()


def test_message_boxes_get_no_button_but_the_keys_work(qtbot):
    box = QMessageBox(QMessageBox.Icon.Question, "Vraag", "Doorgaan?", QMessageBox.StandardButton.Yes
                      | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    panels = Panels(qtbot)
    found = {}

    def inside() -> None:
        try:
            found["button"] = box.findChild(QPushButton, "acuutKnop")
            panels.expect()
            QTest.keyClick(box, Qt.Key.Key_A, CTRL_SHIFT)
        finally:
            box.done(0)

    QTimer.singleShot(50, inside)
    box.exec()
    assert found["button"] is None  # a button in a message box would close it
    assert [p for _t, p in panels.seen] == [box]


def test_the_unlock_dialog_at_start_up_has_the_button_with_the_national_numbers(qtbot, workspace, data_dir):
    from ghnt_desktop.ui.unlock_dialog import UnlockDialog

    workspace.close()
    dlg = UnlockDialog(data_dir)
    qtbot.addWidget(dlg)
    with qtbot.waitExposed(dlg):
        dlg.show()
    assert dlg.acute_button.isVisible() and dlg.acute_button.text() == "&Acuut onveilig?"
    panels = Panels(qtbot)
    panels.expect()
    qtbot.mouseClick(dlg.acute_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(panels.seen) == 1)
    text, parent = panels.seen[0]
    assert parent is dlg and "112" in text and "0800-2000" in text
    panels.expect()
    QTest.keyClick(dlg.login_edit, Qt.Key.Key_A, CTRL_SHIFT)
    qtbot.waitUntil(lambda: len(panels.seen) == 2)
    assert dlg.login_edit.text() == ""  # the keys did not type an "A"


def test_the_lock_screen_has_the_panel_and_escape_asks_before_quitting(qtbot, workspace):
    win = _window(qtbot, workspace)
    win.lock()
    qtbot.waitUntil(lambda: getattr(win, "unlock_dialog", None) is not None and win.unlock_dialog.isVisible())
    lock = win.unlock_dialog
    assert lock.acute_button.isVisible()
    panels = Panels(qtbot)
    panels.expect()
    QTest.keyClick(lock.pass_edit, Qt.Key.Key_A, CTRL_SHIFT)
    qtbot.waitUntil(lambda: len(panels.seen) == 1)
    assert panels.seen[0][1] is lock
    panels.expect()
    qtbot.mouseClick(lock.acute_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(panels.seen) == 2)

    asked = []

    def answer(choice: str):
        def do(left: int = 150) -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                if left > 0:
                    QTimer.singleShot(20, lambda: do(left - 1))
                return
            asked.append(box.text())
            next(b for b in box.buttons() if b.text() == choice).click()
        QTimer.singleShot(20, do)

    answer("Niet afsluiten")
    QTest.keyClick(lock.pass_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(asked) == 1)
    assert "afsluiten" in asked[0]
    assert win.isVisible() and win.is_locked and lock.isVisible()  # still locked, nothing quit
    answer("App afsluiten")
    QTest.keyClick(lock.pass_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not win.isVisible())
    assert len(asked) == 2


def test_one_panel_at_a_time_and_the_main_window_button(qtbot, workspace):
    win = _window(qtbot, workspace)
    panels = Panels(qtbot)
    opened = []

    def twice(left: int = 150) -> None:
        panel = QApplication.activeModalWidget()
        if not isinstance(panel, AcuteDialog):
            if left > 0:
                QTimer.singleShot(20, lambda: twice(left - 1))
            return
        opened.append(panel)
        win.show_acute()  # a second press while the panel is open: the same panel, raised
        opened.append(sum(isinstance(w, AcuteDialog) and w.isVisible() for w in QApplication.topLevelWidgets()))
        panel.reject()

    QTimer.singleShot(20, twice)
    qtbot.mouseClick(win.acute_button, Qt.MouseButton.LeftButton)
    assert opened[1] == 1
    assert panels.seen == []
    win.close()


def test_while_background_work_holds_the_workspace_the_panel_does_not_touch_it(qtbot, workspace, monkeypatch):
    from ghnt_desktop.ui import acute_dialog, operations

    acute_dialog._numbers_cache.pop(id(workspace), None)
    monkeypatch.setattr(operations, "busy", lambda: True)

    def no_database(*_a, **_k):
        raise AssertionError("the panel read the workspace while the worker owns it")

    from ghnt_desktop.services import meldcodeprofiel

    monkeypatch.setattr(meldcodeprofiel, "telefoon_van", no_database)
    panel = AcuteDialog(ws=workspace)
    qtbot.addWidget(panel)
    assert "0800-2000" in panel.text  # the national numbers


def test_passphrase_of_the_lock_dialog_still_unlocks(qtbot, workspace):
    win = _window(qtbot, workspace)
    win.lock()
    qtbot.waitUntil(lambda: getattr(win, "unlock_dialog", None) is not None and win.unlock_dialog.isVisible())
    qtbot.keyClicks(win.unlock_dialog.pass_edit, PASSPHRASE)
    qtbot.keyClick(win.unlock_dialog.pass_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not win.is_locked)
    win.close()
