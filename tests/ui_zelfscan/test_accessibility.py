"""Every zelfscan screen and dialog: controls reachable by keyboard and named; Dutch; visible focus style."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication

from ghnt_desktop.domain.zelfscan import ScanStatus
from ghnt_desktop.services import zelfscan as zs
from ghnt_desktop.ui.zelfscan.comparison_view import TeamComparisonDialog
from ghnt_desktop.ui.zelfscan.exchange import ExportDialog
from ghnt_desktop.ui.zelfscan.new_scan_dialog import NewScanDialog
from ghnt_desktop.ui.zelfscan.scan_view import ReopenDialog
from ghnt_desktop.ui.zelfscan.common import ProblemDialog
from tests.ui.test_accessibility import _problems


def test_scan_screens_and_dialogs_are_accessible(qtbot, open_window):
    ws, win, page = open_window("demo")
    problems = _problems(page)
    concept = next(s for s in zs.scans(ws, status=ScanStatus.CONCEPT) if s.team_naam == "Wijkteam Zaandam-Oost")
    vast = next(s for s in zs.scans(ws, status=ScanStatus.VASTGESTELD))
    for sid in (concept.id, vast.id):
        view = page.open_scan(sid)
        for tab in range(view.tabs.count()):
            view.tabs.setCurrentIndex(tab)
            qtbot.wait(5)
            problems += [f"[tab {tab}] {p}" for p in _problems(view)]
        view.toggle_presentation()
        problems += [f"[presentatie] {p}" for p in _problems(view)]
        view.toggle_presentation()
    dialogs = [NewScanDialog(ws, zs, page), ExportDialog(ws, zs, zs.scan_info(ws, vast.id), page), ReopenDialog(page),
               TeamComparisonDialog(ws, zs, page),
               ProblemDialog("Niet ingelezen", "Het bestand klopt niet.", ["themas[0].id: ontbreekt"], page)]
    for dlg in dialogs:
        qtbot.addWidget(dlg)
        dlg.show()
        qtbot.waitExposed(dlg)
        problems += [f"[{type(dlg).__name__}] {p}" for p in _problems(dlg)]
        assert dlg.windowTitle() and dlg.accessibleName()
        dlg.close()
    assert problems == []
    assert "QPushButton:focus" in QApplication.instance().styleSheet()  # visible focus comes from the app style
