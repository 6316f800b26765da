"""From an empty data dir to real work, through the real widgets only (no demo builder).

First start → "Aan de slag" → gemeente → two teams → a manager, an aandachtsfunctionaris and a
professional → meldcode profile, regiovisie, backup folder → each colleague logs in with the
one-time passphrase, changes it, and lands on the start screen of its role → the professional
makes a dossier, the manager starts a zelfscan for a team and one for the gemeente.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ghnt_desktop.domain.roles import Rol
from ghnt_desktop.services import teams
from tests.security.conftest import click_button, drive_modals  # noqa: F401  (fixture)
from tests.ui.test_accessibility import _problems
from tests.ui_zelfscan.conftest import Keyboard

BEHEER_PW = "paarse olifant danst op het dak 8"
NIEUW_PW = {"mark": "koude thee in de zomer 31", "anouk": "rode fiets langs de dijk 52",
            "priya": "stille vijver vol kikkers 77"}


@pytest.fixture(autouse=True)
def _app():
    from ghnt_desktop.ui.app import make_app

    return make_app()


@pytest.fixture
def keyboard(qtbot, type_text) -> Keyboard:
    return Keyboard(qtbot, type_text)


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


def _current_key(win) -> str:
    return win.modules[win.nav.currentRow()].key


def _tick(lst, starts: str, qtbot) -> None:
    row = next(i for i in range(lst.count()) if lst.item(i).text().startswith(starts))
    lst.setFocus()
    lst.setCurrentRow(row)
    if lst.item(row).checkState() != Qt.CheckState.Checked:
        qtbot.keyClick(lst, Qt.Key.Key_Space)
    assert lst.item(row).checkState() == Qt.CheckState.Checked


def _first_start(qtbot, data_dir, type_text):
    from ghnt_desktop.ui.setup_dialog import SetupDialog

    dlg = SetupDialog(data_dir)
    qtbot.addWidget(dlg)
    with qtbot.waitExposed(dlg):
        dlg.show()
    type_text(dlg.org_edit, "Sociale wijkteams Zaanstad (fictief)")
    qtbot.keyClicks(dlg.filter_edit, "Zaanstad")
    _tick(dlg.gemeente_list, "Zaanstad", qtbot)
    type_text(dlg.naam_edit, "Bea Beheer")
    qtbot.keyClicks(dlg.login_edit, "bea")
    qtbot.keyClicks(dlg.pass_edit, BEHEER_PW)
    qtbot.keyClicks(dlg.pass2_edit, BEHEER_PW)
    qtbot.mouseClick(dlg.create_button, Qt.MouseButton.LeftButton)
    assert dlg.workspace is not None, dlg.error.text()
    return dlg.workspace


def _new_team(qtbot, tab, drive_modals, type_text, naam: str, soort: str) -> None:
    def fill(dlg):
        type_text(dlg.naam_edit, naam)
        dlg.soort_combo.setCurrentIndex(dlg.soort_combo.findData(soort))
        _tick(dlg.gemeente_list, "Zaanstad", qtbot)
        qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)

    drive_modals(fill)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)


def _new_account(qtbot, tab, drive_modals, type_text, login: str, naam: str, rol: Rol, team_namen) -> str:
    seen = {}

    def fill(dlg):
        type_text(dlg.naam_edit, naam)
        qtbot.keyClicks(dlg.login_edit, login)
        dlg.rol_checks[rol].click()
        for t in team_namen:
            _tick(dlg.team_list, t, qtbot)
        seen["a11y"] = _problems(dlg)
        qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)

    def take(dlg):
        seen["otp"] = dlg.passphrase_edit.text()
        dlg.done_check.click()
        qtbot.mouseClick(dlg.close_button, Qt.MouseButton.LeftButton)

    drive_modals(fill, take)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "otp" in seen and QApplication.activeModalWidget() is None)
    assert seen["a11y"] == []
    return seen["otp"]


def _log_in_first_time(qtbot, drive_modals, data_dir, login_name: str, otp: str):
    from ghnt_desktop.services.login import login
    from ghnt_desktop.ui.change_passphrase_dialog import ensure_passphrase_changed

    ws = login(data_dir, login_name, otp)
    assert ws.session.must_change

    def change(dlg):
        qtbot.keyClicks(dlg.old_edit, otp)
        qtbot.keyClicks(dlg.new_edit, NIEUW_PW[login_name])
        qtbot.keyClicks(dlg.new2_edit, NIEUW_PW[login_name])
        qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)

    drive_modals(change)
    assert ensure_passphrase_changed(ws)
    return ws


def test_from_an_empty_data_dir_to_real_work(qtbot, tmp_path, drive_modals, type_text, keyboard):
    from ghnt_desktop.services.login import login

    data_dir = tmp_path / "werkruimte"
    ws = _first_start(qtbot, data_dir, type_text)
    win = _window(qtbot, ws)
    # the beheerder lands on "Aan de slag": the gemeente is there, the rest still to do
    assert _current_key(win) == "aan_de_slag"
    start = win.page("aan_de_slag")
    assert start.status_labels["gemeenten"].text() == "✓ Klaar"
    assert all(start.status_labels[k].text() == "Nog te doen"
               for k in ("teams", "accounts", "meldcodeprofiel", "regiovisie", "backup"))
    assert "0 van de 6" not in start.intro.text() and "1 van de 6" in start.intro.text()

    # teams, reached from the checklist
    qtbot.mouseClick(start.buttons["teams"], Qt.MouseButton.LeftButton)
    beheer = win.page("beheer")
    assert _current_key(win) == "beheer" and beheer.tabs.currentWidget() is beheer.teams_tab
    _new_team(qtbot, beheer.teams_tab, drive_modals, type_text, "Wijkteam Zaandam-Noord", "wijkteam")
    _new_team(qtbot, beheer.teams_tab, drive_modals, type_text, "Jeugdteam Zaanstad", "jeugdteam")
    assert [t.naam for t in teams.lijst(ws)] == ["Jeugdteam Zaanstad", "Wijkteam Zaandam-Noord"]

    # accounts, reached from the checklist
    win.nav.setCurrentRow(0)
    qtbot.mouseClick(start.buttons["accounts"], Qt.MouseButton.LeftButton)
    assert beheer.tabs.currentWidget() is beheer.accounts_tab
    otp = {
        "mark": _new_account(qtbot, beheer.accounts_tab, drive_modals, type_text, "mark", "Mark Bakker", Rol.MANAGER,
                             ["Jeugdteam Zaanstad", "Wijkteam Zaandam-Noord"]),
        "anouk": _new_account(qtbot, beheer.accounts_tab, drive_modals, type_text, "anouk", "Anouk de Vries",
                              Rol.AANDACHTSFUNCTIONARIS, ["Wijkteam Zaandam-Noord"]),
        "priya": _new_account(qtbot, beheer.accounts_tab, drive_modals, type_text, "priya", "Priya Jansen",
                              Rol.PROFESSIONAL, ["Wijkteam Zaandam-Noord"]),
    }

    tab = beheer.accounts_tab
    shown = {tab.table.item(r, 1).text(): tab.table.item(r, 4).text() for r in range(tab.table.rowCount())}
    assert shown["mark"] == "Jeugdteam Zaanstad, Wijkteam Zaandam-Noord" and shown["priya"] == "Wijkteam Zaandam-Noord"
    # meldcode profile: the teamleider signs the decision
    win.nav.setCurrentRow(0)
    qtbot.mouseClick(start.buttons["meldcodeprofiel"], Qt.MouseButton.LeftButton)
    profiel = beheer.profiel_tab
    assert beheer.tabs.currentWidget() is profiel
    profiel.ev_buttons["teamleider"].click()
    qtbot.mouseClick(profiel.save_button, Qt.MouseButton.LeftButton)
    # regiovisie: Hollands Midden, with the keyboard
    win.nav.setCurrentRow(0)
    qtbot.mouseClick(start.buttons["regiovisie"], Qt.MouseButton.LeftButton)
    rv = beheer.regiovisie_tab
    assert beheer.tabs.currentWidget() is rv
    rv.profiel_combo.setFocus()
    qtbot.keyClick(rv.profiel_combo, Qt.Key.Key_Home)
    for _ in range(rv.profiel_combo.count()):
        if rv.profiel_combo.currentData() == "hollands-midden-2024":
            break
        qtbot.keyClick(rv.profiel_combo, Qt.Key.Key_Down)
    assert rv.profiel_combo.currentData() == "hollands-midden-2024"
    qtbot.mouseClick(rv.save_button, Qt.MouseButton.LeftButton)
    # backup folder: the default is fine
    win.nav.setCurrentRow(0)
    qtbot.mouseClick(start.default_backup_button, Qt.MouseButton.LeftButton)
    assert all(lab.text() == "✓ Klaar" for lab in start.status_labels.values()), \
        {k: v.text() for k, v in start.status_labels.items()}
    assert "Alles is ingesteld" in start.intro.text()
    from ghnt_desktop.services import meldcodeprofiel, regiovisie

    assert regiovisie.gekozen_id(ws) == "hollands-midden-2024"
    assert meldcodeprofiel.eindverantwoordelijke(ws).soort == "teamleider"
    win.close()
    ws.close()
    # the next time the beheerder starts, set-up is done: no "Aan de slag" in the navigation any more
    ws = login(data_dir, "bea", BEHEER_PW)
    win = _window(qtbot, ws)
    assert "aan_de_slag" not in [m.key for m in win.modules] and _current_key(win) == "beheer"
    assert "Aan de slag" in win.page("beheer").tab_titles()  # still reachable later
    win.close()
    ws.close()

    # each colleague logs in with the one-time passphrase, chooses its own, and lands on its start screen
    expected = {"priya": "meldcode", "anouk": "meldcode", "mark": "zelfscan"}
    for login_name in ("priya", "anouk", "mark"):
        ws = _log_in_first_time(qtbot, drive_modals, data_dir, login_name, otp[login_name])
        win = _window(qtbot, ws)
        assert _current_key(win) == expected[login_name], login_name
        if login_name == "priya":
            from tests.ui_meldcode.helpers import Driver

            d = Driver(qtbot, win, type_text)
            d.new_dossier("ZN-2026-0001", gemeente="GM0479")
            assert d.view.dossier.client_referentie == "ZN-2026-0001"
            team = ws.db.conn.execute("SELECT t.naam FROM meldcode_dossier m JOIN team t ON t.id = m.team_id"
                                      " WHERE m.client_referentie = 'ZN-2026-0001'").fetchone()[0]
            assert team == "Wijkteam Zaandam-Noord"
        if login_name == "mark":
            # the teamleider also signs decisions (meldcode profile): that screen is in its navigation
            assert "besluiten" in [m.key for m in win.modules]
            page = win.page("zelfscan")
            for voor in ("team", "gemeente"):
                page.scan_table.setFocus()
                keyboard.alt("n")  # &Nieuwe zelfscan…
                qtbot.waitUntil(lambda: page.dialog is not None and QApplication.activeWindow() is page.dialog)
                dlg = page.dialog
                if voor == "gemeente":
                    keyboard.alt("z")  # Voor de gemeente &zelf
                    assert dlg.voor_gemeente_radio.isChecked()
                keyboard.alt("k")  # Zelfscan ma&ken
                qtbot.waitUntil(lambda: page.scan_view is not None and page.dialog is None)
                page.show_overview()  # back to the list, as the "Terug" button does
            rows = ws.db.conn.execute("SELECT team_id, eigenaar_gemeente FROM zelfscan ORDER BY id").fetchall()
            assert [(r[0] is not None, r[1]) for r in rows] == [(True, None), (False, "GM0479")]
        win.close()
        ws.close()
