"""Beheer › Teams driven through the real widgets (pytest-qt), from an empty workspace."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from ghnt_desktop.domain.roles import Rol
from ghnt_desktop.services import accounts, teams
from tests.security.conftest import click_button, drive_modals  # noqa: F401  (fixture)
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


def _tick(lst, text: str, qtbot) -> None:
    """Tick the item whose text starts with ``text``, with the keyboard (arrow to it, Space)."""
    row = next(i for i in range(lst.count()) if lst.item(i).text().startswith(text))
    lst.setFocus()
    lst.setCurrentRow(row)
    qtbot.keyClick(lst, Qt.Key.Key_Space)
    assert lst.item(row).checkState() == Qt.CheckState.Checked


def test_new_team_with_gemeente_and_members_then_archive(qtbot, workspace, drive_modals, type_text):
    from ghnt_desktop.ui.beheer.teams import TeamsTab

    from ghnt_desktop.services import organisatie

    organisatie.voeg_gemeente_toe(workspace, "Oostzaan")
    af = accounts.maak_account(workspace, login="anouk", naam="Anouk AF", passphrase="x",
                               rollen=frozenset({Rol.AANDACHTSFUNCTIONARIS}), check_passphrase=False)
    tab = _show(qtbot, TeamsTab(workspace))
    assert "nog geen teams" in tab.empty_label.text()
    seen = {}

    def fill(dlg):
        seen["a11y"] = _problems(dlg)
        type_text(dlg.naam_edit, "Jeugdteam Ĳmond")
        dlg.soort_combo.setFocus()
        while dlg.soort_combo.currentData() != "jeugdteam":
            qtbot.keyClick(dlg.soort_combo, Qt.Key.Key_Down)
        qtbot.keyClick(dlg.ok_button, Qt.Key.Key_Space)  # no gemeente yet: refused inline
        seen["error"] = dlg.error.text()
        _tick(dlg.gemeente_list, "Oostzaan", qtbot)
        _tick(dlg.leden_list, "Anouk AF", qtbot)
        qtbot.keyClick(dlg.ok_button, Qt.Key.Key_Space)

    drive_modals(fill)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert seen["a11y"] == []
    assert "minstens één gemeente" in seen["error"]
    t = teams.zoek(workspace, "Jeugdteam Ĳmond")
    assert (t.soort, t.gemeenten, t.leden) == ("jeugdteam", ("GM0431",), {af})
    assert [tab.table.item(0, j).text() for j in range(5)] == ["Jeugdteam Ĳmond", "Jeugdteam", "Oostzaan", "1",
                                                                "actief"]
    assert "is gemaakt" in tab.message.text() and tab.empty_label.text() == ""
    # Tab leaves the table (no keyboard trap)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Tab)
    assert not tab.table.hasFocus()
    # archive with confirmation; the team leaves the list and comes back with "ook gearchiveerd"
    tab.table.selectRow(0)
    drive_modals(lambda box: click_button(box, "Archiveren"))
    qtbot.mouseClick(tab.archive_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 0)
    assert "Alle gegevens blijven bewaard" in tab.message.text()
    tab.show_archived.click()
    assert tab.table.item(0, 4).text() == "gearchiveerd" and tab.restore_button.isEnabled() is False
    tab.table.selectRow(0)
    assert tab.restore_button.isEnabled() and not tab.edit_button.isEnabled()
    qtbot.mouseClick(tab.restore_button, Qt.MouseButton.LeftButton)
    assert teams.team(workspace, t.id).actief


def test_account_dialog_with_no_teams_says_what_to_do_and_keeps_archived_memberships(qtbot, workspace, drive_modals):
    from ghnt_desktop.ui.beheer.accounts import AccountDialog

    dlg = _show(qtbot, AccountDialog(workspace))
    shown = [w for w in dlg.findChildren(QLabel) if w.text() and w.isVisible()]
    # a label with a mnemonic but no buddy shows a literal "&" (the old "&Teams")
    assert [w.text() for w in shown if "&" in w.text() and w.buddy() is None] == []
    assert any("nog geen teams" in w.text() for w in shown) and dlg.team_list.isHidden()
    dlg.naam_edit.setText("Pim Prof")
    dlg.login_edit.setText("pim")
    dlg.rol_checks[Rol.PROFESSIONAL].click()
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert "Kies minstens één team" in dlg.error.text()
    assert not any(a.login == "pim" for a in accounts.lijst(workspace))
    dlg.close()
    # an account in an archived team keeps that membership when its other teams are changed
    oud = teams.maak_team(workspace, "Oud team", "wijkteam", ["GM0479"])
    nieuw = teams.maak_team(workspace, "Nieuw team", "wijkteam", ["GM0479"])
    pim = accounts.maak_account(workspace, login="pim", naam="Pim Prof", passphrase="x",
                                rollen=frozenset({Rol.PROFESSIONAL}), team_ids=frozenset({oud}),
                                check_passphrase=False)
    teams.archiveer(workspace, oud)
    info = next(a for a in accounts.lijst(workspace) if a.id == pim)
    dlg = _show(qtbot, AccountDialog(workspace, account=info))
    assert [dlg.team_list.item(i).text() for i in range(dlg.team_list.count())] == ["Nieuw team"]
    _tick(dlg.team_list, "Nieuw team", qtbot)
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert next(a for a in accounts.lijst(workspace) if a.id == pim).team_ids == {oud, nieuw}
