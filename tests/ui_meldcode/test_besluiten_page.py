"""A teamleider who is eindverantwoordelijke (meldcode profile) signs through its own screen, seeing only
the dossiers that wait for its decision (pytest-qt, real widgets; workspace built without the demo)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ghnt_desktop.services import meldcode as mc
from tests.meldcode.test_meldcodeprofiel import _naar_besluit, _zet_ev, org  # noqa: F401  (fixture)
from tests.security.conftest import click_button, drive_modals  # noqa: F401  (fixture)
from tests.ui.test_accessibility import _problems


@pytest.fixture(autouse=True)
def _app():
    from ghnt_desktop.ui.app import make_app

    return make_app()


def test_teamleider_signs_from_its_own_screen_and_sees_nothing_else(qtbot, org, drive_modals):
    from ghnt_desktop.ui.main_window import MainWindow

    _zet_ev(org, "teamleider")
    ws = org.als("pro")
    oost, _ = _naar_besluit(ws, "OOST-1")
    ws = org.als("prowest")
    _naar_besluit(ws, "WEST-1", gemeente="GM0439")
    ws = org.als("tl")
    win = MainWindow(ws)
    qtbot.addWidget(win)
    with qtbot.waitExposed(win):
        win.show()
    keys = [m.key for m in win.modules]
    assert "besluiten" in keys and "meldcode" not in keys
    page = win.page("besluiten")
    assert _problems(page) == []
    assert [page.table.item(r, 0).text() for r in range(page.table.rowCount())] == ["OOST-1"]
    page.table.selectRow(0)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    html = page.detail.toPlainText()
    assert "Acuut onveilig." in html and "Melden bij Veilig Thuis: ja" in html
    opened = ws.db.conn.execute("SELECT resultaat FROM audit WHERE actie = 'dossier_bekijken' AND object_id = ?",
                                [str(oost)]).fetchall()
    assert [r[0] for r in opened] == ["eindverantwoordelijke"]
    drive_modals(lambda box: click_button(box, "Ondertekenen"))
    qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None and "ondertekend" in page.message.text())
    assert page.table.rowCount() == 0 and page.detail.toPlainText() == ""
    assert "geen dossiers" in page.empty_label.text()
    win.close()
    ws = org.als("pro")
    tekens = mc.medeondertekeningen(ws, oost)
    assert [t.eindverantwoordelijke for t in tekens] == [True]


def test_no_decision_screen_when_the_aandachtsfunctionaris_signs(qtbot, org):
    from ghnt_desktop.ui.main_window import MainWindow

    ws = org.als("tl")  # default profile: the aandachtsfunctionaris signs
    win = MainWindow(ws)
    qtbot.addWidget(win)
    assert "besluiten" not in [m.key for m in win.modules]
    win.close()
