"""Helpers for the zelfscan screens: the main window on a demo workspace, keys sent to the focus widget."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

NO = Qt.KeyboardModifier.NoModifier
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def app():
    from ghnt_desktop.ui.app import make_app

    return make_app()


class Keyboard:
    """Sends keys to whatever has keyboard focus, as a person at the keyboard would."""

    def __init__(self, qtbot, type_text) -> None:
        self.qtbot = qtbot
        self._type = type_text

    @property
    def focus(self):
        w = QApplication.focusWidget()
        assert w is not None, "nothing has keyboard focus"
        return w

    def press(self, key, modifier=NO) -> None:
        self.qtbot.keyClick(self.focus, key, modifier)

    def alt(self, letter: str) -> None:
        """Alt+letter (a mnemonic); waits for the animated click of buttons to finish."""
        self.qtbot.keyClick(self.focus, getattr(Qt.Key, f"Key_{letter.upper()}"), ALT)
        self.qtbot.wait(150)

    def type(self, text: str) -> None:
        self._type(self.focus, text)


@pytest.fixture
def keyboard(qtbot, type_text) -> Keyboard:
    return Keyboard(qtbot, type_text)


@pytest.fixture
def open_window(qtbot, demo_dir):
    """open_window(login, data_dir=demo_dir) -> (ws, main window, zelfscan page), shown and active."""
    opened = []

    def open_(login_name: str = "demo", data_dir=None):
        app()
        from ghnt_desktop.services.login import login
        from ghnt_desktop.ui.main_window import MainWindow

        ws = login(data_dir or demo_dir, login_name, "demo")
        win = MainWindow(ws)
        qtbot.addWidget(win)
        opened.append((ws, win))
        with qtbot.waitExposed(win):
            win.show()
        with qtbot.waitActive(win):
            win.activateWindow()
        row = next(i for i, m in enumerate(win.modules) if m.key == "zelfscan")
        win.nav.setCurrentRow(row)
        return ws, win, win.page("zelfscan")

    def close(ws, win) -> None:
        opened.remove((ws, win))
        win.close()
        ws.close()

    open_.close = close
    yield open_
    for ws, win in opened:
        win.close()
        ws.close()


def free_date(days_ago: int = 100) -> date:
    """A peildatum the demo data does not use (demo: about 10, 365 and 730 days ago)."""
    return date.today() - timedelta(days=days_ago)


def team_id(ws, naam: str) -> int:
    from ghnt_desktop.services import zelfscan as zs

    return next(t.id for t in zs.teams(ws) if t.naam == naam)
