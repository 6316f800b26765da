"""Oefenmodus from the menu: a separate practice workspace, started in its own process."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def test_oefenmodus_menu_creates_a_separate_workspace_and_starts_it(qtbot, demo_dir, monkeypatch):
    from ghnt_desktop.services.login import login
    from ghnt_desktop.storage.workspace import Workspace
    from ghnt_desktop.ui import oefenmodus
    from ghnt_desktop.ui.app import make_app
    from ghnt_desktop.ui.main_window import MainWindow

    make_app()
    started = []
    ws = login(demo_dir, "demo", "demo")
    win = MainWindow(ws)
    qtbot.addWidget(win)

    def accept():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox) and "verzonnen" in box.text()
        next(b for b in box.buttons() if b.text() == "Oefenmodus openen").click()

    QTimer.singleShot(50, accept)
    try:
        doel = oefenmodus.start_oefenmodus(ws.data_dir, win, start=lambda prog, args: started.append((prog, args)) or True)
        assert doel is not None and doel != ws.data_dir and doel.parent == ws.data_dir
        assert started and started[0][1][-2:] == ["--data-dir", str(doel)]
        oefen = Workspace.open(doel, "oefen", "oefen")
        try:
            assert oefen.is_oefen
            n = oefen.db.conn.execute("SELECT count(*) FROM meldcode_dossier").fetchone()[0]
            assert n >= 3  # the practice cases, never mixed with the real dossiers
        finally:
            oefen.close()
        real = ws.db.conn.execute("SELECT count(*) FROM meldcode_dossier").fetchone()[0]
        assert real == 30
        assert "Oefenmodus openen…" in [a.text().replace("&", "") for a in win.menuBar().actions()[0].menu().actions()]
    finally:
        win.close()
        ws.close()
