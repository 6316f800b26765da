"""The Beheer screen and the security dialogs, driven as a user would (pytest-qt, offscreen)."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from ghnt_desktop.domain.retention import RecordType
from ghnt_desktop.domain.roles import Rol
from ghnt_desktop.errors import WrongPassphrase
from ghnt_desktop.services import accounts, retention, settings
from ghnt_desktop.services.login import login
from ghnt_desktop.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.security.conftest import AF_PW, PROF_PW, act_as, click_button
from tests.ui.test_accessibility import _problems


@pytest.fixture(autouse=True)
def _app():
    from ghnt_desktop.ui.app import make_app

    return make_app()


def _show(qtbot, w):
    qtbot.addWidget(w)
    with qtbot.waitExposed(w):
        w.show()
    return w


def _beheer(qtbot, ws):
    from ghnt_desktop.ui.beheer.view import BeheerView

    return _show(qtbot, BeheerView(ws))


# --- accounts ------------------------------------------------------------------------

def test_create_account_shows_one_time_passphrase_once_and_it_must_be_changed(qtbot, team_ws, data_dir,
                                                                              drive_modals, type_text):
    view = _beheer(qtbot, team_ws)
    tab = view.accounts_tab
    assert view.tabs.currentWidget() is tab
    seen = {}

    def fill_account(dlg):
        type_text(dlg.naam_edit, "Eliëtte Ĳzerman")
        qtbot.keyClicks(dlg.login_edit, "eliette")
        dlg.rol_checks[Rol.PROFESSIONAL].click()
        item = dlg.team_list.item(0)
        dlg.team_list.setFocus()
        dlg.team_list.setCurrentItem(item)
        qtbot.keyClick(dlg.team_list, Qt.Key.Key_Space)
        seen["a11y"] = _problems(dlg)
        qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)

    def take_passphrase(dlg):
        seen["otp"] = dlg.passphrase_edit.text()
        seen["closable_before_tick"] = dlg.close_button.isEnabled()
        qtbot.keyClick(dlg, Qt.Key.Key_Escape)  # Esc does not close before ticking
        seen["still_open"] = dlg.isVisible()
        seen["a11y"] += _problems(dlg)
        dlg.done_check.click()
        qtbot.mouseClick(dlg.close_button, Qt.MouseButton.LeftButton)
        seen["cleared"] = dlg.passphrase_edit.text() == ""

    drive_modals(fill_account, take_passphrase)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    assert seen["a11y"] == []
    assert len(seen["otp"]) == 24 and not seen["closable_before_tick"] and seen["still_open"] and seen["cleared"]
    row = next(a for a in tab.rows if a.login == "eliette")
    assert row.naam == "Eliëtte Ĳzerman" and row.rollen == frozenset({Rol.PROFESSIONAL})
    assert row.team_ids == frozenset({team_ws.test_team}) and row.moet_wachtzin_wijzigen
    assert "moet eigen wachtzin kiezen" in [tab.table.item(i, 3).text() for i in range(tab.table.rowCount())]
    view.close()
    team_ws.close()

    # first login with the one-time passphrase: the change is forced before anything else
    from ghnt_desktop.ui.change_passphrase_dialog import ensure_passphrase_changed

    ws = login(data_dir, "eliette", seen["otp"])
    new = "zomer aan zee met drie honden"

    def change(dlg):
        assert dlg.forced and "eenmalige wachtzin" in dlg.windowTitle().lower() or "eigen" in dlg.windowTitle()
        qtbot.keyClicks(dlg.old_edit, "fout fout fout")
        qtbot.keyClicks(dlg.new_edit, new)
        qtbot.keyClicks(dlg.new2_edit, new)
        qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
        assert "klopt niet" in dlg.error.text() and dlg.isVisible()
        dlg.old_edit.clear()
        qtbot.keyClicks(dlg.old_edit, seen["otp"])
        qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)

    try:
        assert ws.session.must_change
        drive_modals(change)
        assert ensure_passphrase_changed(ws) is True
        assert not ws.session.must_change
    finally:
        ws.close()
    with pytest.raises(WrongPassphrase):
        Workspace.open(data_dir, "eliette", seen["otp"])
    ws = Workspace.open(data_dir, "eliette", new)
    assert not ws.session.must_change
    ws.close()


def test_forced_change_can_only_be_left_by_quitting(qtbot, team_ws, data_dir, drive_modals):
    from ghnt_desktop.ui.change_passphrase_dialog import ensure_passphrase_changed

    otp = accounts.reset_wachtzin(team_ws, team_ws.test_ids["prof"])
    team_ws.close()
    ws = login(data_dir, "prof", otp)
    try:
        drive_modals(lambda dlg: click_button(dlg, "Afsluiten"))
        assert ensure_passphrase_changed(ws) is False
        assert ws.session.must_change
    finally:
        ws.close()
    # an account without a one-time passphrase passes straight through (no dialog)
    ws = login(data_dir, "af", AF_PW)
    try:
        assert ensure_passphrase_changed(ws) is True
    finally:
        ws.close()


def test_reset_and_deactivate_through_the_accounts_tab(qtbot, team_ws, data_dir, drive_modals):
    view = _beheer(qtbot, team_ws)
    tab = view.accounts_tab
    tab.select_login("tester")
    assert not tab.reset_button.isEnabled() and not tab.deactivate_button.isEnabled()  # not on yourself
    tab.select_login("prof")
    assert tab.reset_button.isEnabled()
    got = {}

    def take(dlg):
        got["otp"] = dlg.passphrase_edit.text()
        dlg.done_check.click()
        click_button(dlg, "Sluiten")

    drive_modals(lambda box: click_button(box, "Eenmalige wachtzin maken"), take)
    qtbot.mouseClick(tab.reset_button, Qt.MouseButton.LeftButton)
    assert "eenmalige wachtzin gekregen" in tab.message.text()
    # deactivate: cancelling changes nothing
    tab.select_login("prof")
    drive_modals(lambda box: click_button(box, "Annuleren"))
    qtbot.mouseClick(tab.deactivate_button, Qt.MouseButton.LeftButton)
    assert "prof" in [a.login for a in tab.rows]
    tab.select_login("prof")
    drive_modals(lambda box: click_button(box, "Deactiveren"))
    qtbot.mouseClick(tab.deactivate_button, Qt.MouseButton.LeftButton)
    assert "gedeactiveerd" in tab.message.text()
    assert "prof" not in [a.login for a in tab.rows]
    tab.show_inactive.click()
    assert "gedeactiveerd" in [tab.table.item(i, 3).text() for i in range(tab.table.rowCount())]
    view.close()
    team_ws.close()
    for pw in (PROF_PW, got["otp"]):
        with pytest.raises(WrongPassphrase):
            Workspace.open(data_dir, "prof", pw)


def test_change_own_passphrase_from_my_account_tab(qtbot, team_ws, data_dir, drive_modals):
    act_as(team_ws, team_ws.test_ids["prof"], {Rol.PROFESSIONAL})
    view = _beheer(qtbot, team_ws)
    assert view.tab_titles() == ["Mijn account"]  # a professional sees nothing else
    new = "mijn nieuwe wachtzin is lang"

    def change(dlg):
        qtbot.keyClicks(dlg.old_edit, PROF_PW)
        qtbot.keyClicks(dlg.new_edit, new)
        qtbot.keyClicks(dlg.new2_edit, new + "x")
        qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
        assert "niet gelijk" in dlg.error.text()
        dlg.new2_edit.clear()
        qtbot.keyClicks(dlg.new2_edit, new)
        qtbot.keyClick(dlg.new2_edit, Qt.Key.Key_Return)

    drive_modals(change)
    qtbot.mouseClick(view.my_account.change_button, Qt.MouseButton.LeftButton)
    assert "gewijzigd" in view.my_account.message.text()
    view.close()
    team_ws.close()
    Workspace.open(data_dir, "prof", new).close()


# --- settings and auto-lock -------------------------------------------------------------

def _main_window(qtbot, ws, monkeypatch):
    """The real MainWindow, with only the Beheer module (other modules are tested elsewhere)."""
    from ghnt_desktop.ui import main_window, modules

    monkeypatch.setattr(main_window, "registry", lambda: [m for m in modules.registry() if m.key == "beheer"])
    win = main_window.MainWindow(ws, idle_minutes=settings.haal(ws, "autolock_minuten"))
    _show(qtbot, win)
    with qtbot.waitActive(win):
        win.activateWindow()
    return win


def test_settings_tab_changes_autolock_and_the_running_window_follows(qtbot, workspace, monkeypatch):
    win = _main_window(qtbot, workspace, monkeypatch)
    try:
        assert win.idle.timer.interval() == 5 * 60_000
        view = win.pages["beheer"]
        view.tabs.setCurrentWidget(view.settings_tab)
        spin = view.settings_tab.spins["autolock_minuten"]
        assert (spin.minimum(), spin.maximum(), spin.value()) == (1, 30, 5)
        spin.setFocus()
        spin.selectAll()
        qtbot.keyClicks(spin, "45")  # above the limit: the spin box keeps it within 1..30
        assert spin.value() <= 30
        spin.selectAll()
        qtbot.keyClicks(spin, "7")
        qtbot.mouseClick(view.settings_tab.save_button, Qt.MouseButton.LeftButton)
        assert view.settings_tab.message.text() == "Opgeslagen."
        assert settings.haal(workspace, "autolock_minuten") == 7
        assert win.idle.timer.interval() == 7 * 60_000
    finally:
        win.close()


def test_lock_clears_beheer_lists_and_unlock_returns_to_the_same_tab(qtbot, workspace, monkeypatch):
    win = _main_window(qtbot, workspace, monkeypatch)
    try:
        view = win.pages["beheer"]
        view.tabs.setCurrentWidget(view.log_tab)
        assert view.log_tab.table.rowCount() > 0 and view.accounts_tab.table.rowCount() == 1
        qtbot.keyClick(win.nav, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: getattr(win, "unlock_dialog", None) is not None and win.unlock_dialog.isVisible())
        assert view.log_tab.table.rowCount() == 0 and view.accounts_tab.table.rowCount() == 0
        dlg = win.unlock_dialog
        qtbot.keyClicks(dlg.pass_edit, PASSPHRASE)
        qtbot.keyClick(dlg.pass_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not win.is_locked)
        assert view.tabs.currentWidget() is view.log_tab and view.log_tab.table.rowCount() > 0
        assert view.log_tab.table.item(0, 2).text() == "Ontgrendeld"  # reloaded, not the old rows
    finally:
        win.close()


# --- retention ---------------------------------------------------------------------------

PROEF = RecordType("proef_ui", "Proefdossier", 2, 1, 10, "na afsluiten", "Alleen voor deze test.")


@pytest.fixture
def proef_ui(team_ws, monkeypatch):
    team_ws.db.conn.execute("CREATE TABLE proef (id TEXT PRIMARY KEY)")
    monkeypatch.setitem(retention._EXTRA_SOORTEN, PROEF.key, PROEF)
    monkeypatch.setitem(retention._VERWIJDERAARS, PROEF.key,
                        lambda ws, rid: ws.db.conn.execute("DELETE FROM proef WHERE id = ?", [rid]))
    for rid in ("11", "12"):
        team_ws.db.conn.execute("INSERT INTO proef VALUES (?)", [rid])
        retention.start_termijn(team_ws, PROEF.key, rid, date(2020, 1, 1))
    return team_ws


def test_retention_tab_two_people_confirm_and_a_hold_blocks(qtbot, proef_ui, drive_modals, type_text):
    from ghnt_desktop.ui.beheer.bewaartermijnen import RetentionTab

    ws = proef_ui
    tab = _show(qtbot, RetentionTab(ws))
    assert _problems(tab) == []
    assert [tab.item_table.item(i, 1).text() for i in range(tab.item_table.rowCount())] == ["11", "12"]
    # the legal basis is shown for the selected type
    tab.type_table.selectRow([rt.key for rt in tab._types].index("meldcode_dossier"))
    assert "7.3.8" in tab.basis.text() and "20 jaar" in tab.basis.text()
    # beheerder confirms 11
    tab.select(PROEF.key, "11")
    drive_modals(lambda box: click_button(box, "Bevestigen"))
    qtbot.mouseClick(tab.confirm_button, Qt.MouseButton.LeftButton)
    assert "tweede persoon" in tab.message.text()
    tab.select(PROEF.key, "11")
    assert not tab.confirm_button.isEnabled()  # already confirmed by me
    # hold on 12, with a reason
    tab.select(PROEF.key, "12")

    def reason(dlg):
        qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
        assert "reden" in dlg.error.text()
        type_text(dlg.reason_edit, "Lopende rechtszaak")
        qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)

    drive_modals(reason)
    qtbot.mouseClick(tab.hold_button, Qt.MouseButton.LeftButton)
    tab.select(PROEF.key, "12")
    assert tab.item_table.item(tab.item_table.currentRow(), 3).text().startswith("Juridische blokkade")
    assert not tab.confirm_button.isEnabled() and tab.unhold_button.isEnabled()
    tab.close()

    # the aandachtsfunctionaris completes 11; 12 stays
    act_as(ws, ws.test_ids["af"], {Rol.AANDACHTSFUNCTIONARIS})
    tab = _show(qtbot, RetentionTab(ws))
    assert not tab.hold_button.isVisible() and not tab.save_years_button.isVisible()  # beheerder only
    tab.select(PROEF.key, "11")
    drive_modals(lambda box: click_button(box, "Bevestigen"))
    qtbot.mouseClick(tab.confirm_button, Qt.MouseButton.LeftButton)
    assert "is vernietigd" in tab.message.text()
    assert [r[0] for r in ws.db.conn.execute("SELECT id FROM proef ORDER BY id")] == ["12"]
    assert [tab.item_table.item(i, 1).text() for i in range(tab.item_table.rowCount())] == ["12"]


def test_early_destruction_dialog(qtbot, proef_ui, drive_modals, type_text):
    from ghnt_desktop.ui.beheer.bewaartermijnen import EarlyDestructionDialog

    ws = proef_ui
    ws.db.conn.execute("INSERT INTO proef VALUES ('99')")
    dlg = EarlyDestructionDialog(ws, record_type=PROEF.key, record_id="99", vandaag=date(2021, 1, 1))
    _show(qtbot, dlg)
    assert _problems(dlg) == []
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert "reden" in dlg.error.text()
    type_text(dlg.reason_edit, "Schriftelijk verzoek ontvangen")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.result() == dlg.DialogCode.Accepted and "tweede persoon" in dlg.result_text
    item = retention.item(ws, PROEF.key, "99", date(2021, 1, 1))
    assert item.fase.value == "vroegtijdig"


def test_show_retention_notice(qtbot, proef_ui, drive_modals):
    from ghnt_desktop.ui.beheer.bewaartermijnen import show_retention_notice

    seen = []
    drive_modals(lambda box: (seen.append(box.text()), click_button(box, "OK")))
    text = show_retention_notice(proef_ui, vandaag=date(2025, 1, 1))
    assert text and seen == [text] and "2 onderdelen" in text
    act_as(proef_ui, proef_ui.test_ids["prof"], {Rol.PROFESSIONAL})
    assert show_retention_notice(proef_ui, vandaag=date(2025, 1, 1)) is None


# --- audit views ---------------------------------------------------------------------------

def test_logboek_tab_filters_and_shows_no_content(qtbot, team_ws):
    view = _beheer(qtbot, team_ws)
    view.tabs.setCurrentWidget(view.log_tab)
    log = view.log_tab
    assert log.table.rowCount() > 0
    idx = log.actie_combo.findData("account_aanmaken")
    log.actie_combo.setCurrentIndex(idx)
    qtbot.mouseClick(log.search_button, Qt.MouseButton.LeftButton)
    assert log.table.rowCount() == 3
    assert {log.table.item(i, 2).text() for i in range(3)} == {"Account gemaakt"}
    for i, tab_title in enumerate(view.tab_titles()):
        view.tabs.setCurrentIndex(i)
        assert _problems(view) == [], tab_title


def test_inzage_dialog_for_af_and_beheerder_refused_for_professional(qtbot, team_ws):
    from ghnt_desktop.ui.audit_view import InzageDialog

    ws = team_ws
    act_as(ws, ws.test_ids["prof"], {Rol.PROFESSIONAL})
    ws.audit("dossier_openen", "meldcode_dossier", 42)
    ws.audit("dossier_wijzigen", "meldcode_dossier", 42)
    ws.audit("dossier_openen", "meldcode_dossier", 43)
    dlg = _show(qtbot, InzageDialog(ws, "meldcode_dossier", 42))
    assert dlg.geweigerd and "mag je niet" in dlg.geweigerd and dlg.table.rowCount() == 0
    assert ws.db.conn.execute("SELECT actie FROM audit ORDER BY id DESC LIMIT 1").fetchone()[0] == \
        "geweigerd:dossier_inzagelog"
    dlg.close()
    for who, rol in (("af", Rol.AANDACHTSFUNCTIONARIS), ("tester", Rol.BEHEERDER)):
        act_as(ws, ws.test_ids[who], {rol})
        dlg = _show(qtbot, InzageDialog(ws, "meldcode_dossier", 42))
        assert dlg.geweigerd is None and _problems(dlg) == []
        rows = [[dlg.table.item(r, c).text() for c in range(5)] for r in range(dlg.table.rowCount())]
        assert [r[1] for r in rows[:2]] == ["Priya Prof", "Priya Prof"]
        assert [r[2] for r in rows[:2]] == ["Dossier openen", "Dossier wijzigen"]
        # dossier 43's entry is not listed (the time column may well contain "43", so count instead)
        assert sum(1 for r in rows if r[1:3] == ["Priya Prof", "Dossier openen"]) == 1
        dlg.close()
    # looking was logged too
    acties = [r[0] for r in ws.db.conn.execute(
        "SELECT actie FROM audit WHERE object_type = 'meldcode_dossier' AND object_id = '42' ORDER BY id")]
    assert acties.count("inzagelog_bekijken") == 2


# --- location warning ---------------------------------------------------------------------

def test_location_warning_needs_an_explicit_tick_and_is_remembered_per_path(qtbot, workspace, drive_modals):
    from ghnt_desktop.services.location import Locatie, uitleg_cloud
    from ghnt_desktop.ui.location_warning import check_location

    calls = []

    def fake(path):
        calls.append(path)
        return Locatie("cloud", uitleg_cloud("OneDrive"), "OneDrive")

    seen = {}

    def refuse(dlg):
        seen["text"] = dlg.text.text()
        seen["a11y"] = _problems(dlg)
        assert not dlg.continue_button.isEnabled()
        qtbot.keyClick(dlg, Qt.Key.Key_Return)  # Enter = the default button: Stoppen
        seen["after_enter"] = dlg.isVisible()

    drive_modals(refuse)
    assert check_location(workspace, beoordeel=fake) is False
    assert "OneDrive" in seen["text"] and "beschadigd" in seen["text"] and seen["a11y"] == []
    assert not seen["after_enter"]

    def accept(dlg):
        dlg.accept()  # without the tick nothing happens
        assert dlg.isVisible()
        dlg.ack.click()
        qtbot.mouseClick(dlg.continue_button, Qt.MouseButton.LeftButton)

    drive_modals(accept)
    assert check_location(workspace, beoordeel=fake) is True
    assert workspace.db.conn.execute("SELECT actie, resultaat FROM audit ORDER BY id DESC LIMIT 1").fetchone() == (
        "locatie_risico_bevestigd", "cloud")
    # the second time for the same path and risk: no dialog (a dialog would hang this test)
    assert check_location(workspace, beoordeel=fake) is True
    # a different risk for the same path asks again
    drive_modals(lambda dlg: click_button(dlg, "Stoppen"))
    assert check_location(workspace, beoordeel=lambda p: Locatie("netwerk", "uitleg", "nfs")) is False
    # before a workspace exists: a data dir, asked every time, nothing stored
    drive_modals(lambda dlg: (dlg.ack.click(), click_button(dlg, "Toch deze map gebruiken")))
    assert check_location(workspace.data_dir, beoordeel=fake) is True


def test_location_check_passes_silently_for_a_local_dir(qtbot, workspace):
    from ghnt_desktop.ui.location_warning import check_location

    assert check_location(workspace) is True


# --- key rotation ------------------------------------------------------------------------------

def test_key_tab_rotates_and_everyone_still_logs_in(qtbot, team_ws, data_dir, drive_modals):
    view = _beheer(qtbot, team_ws)
    view.tabs.setCurrentWidget(view.key_tab)
    assert view.key_tab.generation.text().endswith("nummer 1.")
    drive_modals(lambda box: click_button(box, "Vernieuwen"))
    qtbot.mouseClick(view.key_tab.rotate_button, Qt.MouseButton.LeftButton)
    assert "vernieuwd" in view.key_tab.message.text()
    assert view.key_tab.generation.text().endswith("nummer 2.")
    view.close()
    team_ws.close()
    for user, pw in (("tester", PASSPHRASE), ("prof", PROF_PW), ("af", AF_PW)):
        ws = Workspace.open(data_dir, user, pw)
        assert ws.db_generation == 2
        ws.close()
