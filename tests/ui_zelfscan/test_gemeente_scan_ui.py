"""Gemeente scans in the GUI (workspaces from services.setup.create_workspace, teams from services.teams):
the new-scan dialog choosing the gemeente, the page without teams, archived teams, and the team question
when importing a file whose team does not exist yet."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from ghnt_desktop.domain.zelfscan import Antwoord, Deelnemer, DeelnemerRol, ScanStatus
from ghnt_desktop.services import teams
from ghnt_desktop.services import zelfscan as zs
from ghnt_desktop.ui.zelfscan import common
from tests.ui_zelfscan.conftest import app
from tests.zelfscan.conftest import maak_werkruimte

ZAWA = [("GM0479", "Zaanstad"), ("GM0439", "Purmerend")]


@pytest.fixture
def open_ws(qtbot, tmp_path):
    """open_ws(name, teams=...) -> (ws, window, zelfscan page) on a fresh workspace (all roles)."""
    opened = []

    def open_(name: str = "w", team_specs=()):
        app()
        from ghnt_desktop.ui.main_window import MainWindow

        ws = maak_werkruimte(tmp_path / name, gemeenten=ZAWA)
        ids = {naam: teams.maak_team(ws, naam, soort, gem) for naam, soort, gem in team_specs}
        win = MainWindow(ws)
        qtbot.addWidget(win)
        opened.append((ws, win))
        with qtbot.waitExposed(win):
            win.show()
        with qtbot.waitActive(win):
            win.activateWindow()
        win.nav.setCurrentRow(next(i for i, m in enumerate(win.modules) if m.key == "zelfscan"))
        return ws, win, win.page("zelfscan"), ids

    yield open_
    for ws, win in opened:
        win.close()
        ws.close()


def _rows(page) -> list[tuple[str, str]]:
    t = page.scan_table
    return [(t.item(r, 0).text(), t.item(r, 1).text()) for r in range(t.rowCount())]


def test_nieuwe_zelfscan_voor_de_gemeente_kiezen(qtbot, open_ws, keyboard):
    ws, win, page, ids = open_ws(team_specs=[("Wijkteam Oost", "wijkteam", ["GM0479"]),
                                             ("Oud team", "sociaal_team", ["GM0439"])])
    teams.archiveer(ws, ids["Oud team"])
    page.refresh()
    page.scan_table.setFocus()
    keyboard.alt("n")  # &Nieuwe zelfscan…
    qtbot.waitUntil(lambda: page.dialog is not None and QApplication.activeWindow() is page.dialog)
    dlg = page.dialog
    # A manager chooses: for a team (default when there are teams) or for the gemeente.
    assert dlg.voor_team_radio.isVisible() and dlg.voor_team_radio.isChecked()
    assert not dlg.gemeente_combo.isVisible() and dlg.team_combo.isVisible()
    assert [dlg.team_combo.itemText(i) for i in range(dlg.team_combo.count())] == ["Wijkteam Oost (Wijkteam)"]
    keyboard.alt("z")  # Voor de gemeente &zelf
    assert dlg.voor_gemeente_radio.isChecked()
    assert dlg.gemeente_combo.isVisible() and not dlg.team_combo.isVisible() and not dlg.gemeente_list.isVisible()
    assert [dlg.gemeente_combo.itemData(i) for i in range(dlg.gemeente_combo.count())] == ["GM0439", "GM0479"]
    keyboard.alt("d")  # Gemeente van &de zelfscan
    assert keyboard.focus is dlg.gemeente_combo
    keyboard.press(Qt.Key.Key_Down)  # Purmerend -> Zaanstad
    assert dlg.gemeente_combo.currentData() == "GM0479"
    keyboard.alt("r")  # &Rol
    keyboard.alt("e")  # Naam (ni&et verplicht)
    keyboard.type("Fenna Ĳsselmuiden")
    keyboard.alt("t")  # &Toevoegen
    keyboard.alt("k")  # Zelfscan ma&ken
    qtbot.waitUntil(lambda: page.scan_view is not None and page.dialog is None)
    scan_id = page.scan_view.scan_id
    info = zs.scan_info(ws, scan_id)
    assert info.is_gemeentescan and info.eigenaar_gemeente == ("GM0479", "Zaanstad")
    assert info.voortgang.totaal == 7
    assert "Gemeente Zaanstad" in page.scan_view.header.text()
    scan, cat = zs.laad_scan(ws, scan_id)
    assert scan.deelnemers[0].naam == "Fenna Ĳsselmuiden"
    assert all(s.id.startswith("GM-") for s in cat.standaarden)

    # The overview for a manager shows the gemeente scan next to the team scans (also of archived teams).
    zs.maak_scan(ws, team_id=ids["Wijkteam Oost"], peildatum=date(2026, 1, 5), deelnemers=[])
    teams.zet_terug(ws, ids["Oud team"])
    oud = zs.maak_scan(ws, team_id=ids["Oud team"], peildatum=date(2025, 1, 5), deelnemers=[])
    teams.archiveer(ws, ids["Oud team"])
    page.show_overview()
    rows = _rows(page)
    assert ("Gemeente Zaanstad", "Gemeente") in rows
    assert ("Wijkteam Oost", "Wijkteam") in rows
    assert ("Oud team (gearchiveerd)", "Sociaal team") in rows
    assert page.team_filter.findData(ids["Oud team"]) == -1  # not offered to pick
    assert oud in {s.id for s in zs.scans(ws)}
    # Filtering on the gemeente keeps its own scan.
    page.gemeente_filter.setCurrentIndex(page.gemeente_filter.findData("GM0479"))
    assert ("Gemeente Zaanstad", "Gemeente") in _rows(page) and ("Wijkteam Oost", "Wijkteam") in _rows(page)
    page.gemeente_filter.setCurrentIndex(page.gemeente_filter.findData("GM0439"))
    assert _rows(page) == [("Oud team (gearchiveerd)", "Sociaal team")]


def test_zonder_teams_zegt_de_pagina_wat_er_ontbreekt_en_biedt_de_gemeentescan(qtbot, open_ws, keyboard):
    ws, win, page, _ = open_ws()
    assert page.empty_label.text().startswith(
        "Er zijn nog geen teams. Vraag de beheerder om teams te maken (Beheer › Teams).")
    assert "Kies 'Nieuwe zelfscan' om te beginnen" not in page.empty_label.text()
    assert "zelfscan voor de gemeente" in page.empty_label.text()
    assert page.new_button.isEnabled()  # the manager can still make a gemeente scan
    page.scan_table.setFocus()
    keyboard.alt("n")
    qtbot.waitUntil(lambda: page.dialog is not None and QApplication.activeWindow() is page.dialog)
    dlg = page.dialog
    assert dlg.voor_gemeente_radio.isChecked() and not dlg.voor_team_radio.isEnabled()
    assert dlg.ok_button.isEnabled()
    dlg.gemeente_combo.setCurrentIndex(dlg.gemeente_combo.findData("GM0439"))
    keyboard.alt("k")
    qtbot.waitUntil(lambda: page.scan_view is not None and page.dialog is None)
    assert [s.team_naam for s in zs.scans(ws)] == ["Gemeente Purmerend"]
    # Back to "voor een team" is not possible without teams; the dialog says what is missing.
    page.show_overview()
    dlg2 = page.ask_new_scan() or page.dialog
    dlg2.voor_team_radio.setEnabled(True)
    dlg2.voor_team_radio.setChecked(True)
    assert dlg2.error.text() == "Er zijn nog geen teams. Vraag de beheerder om teams te maken (Beheer › Teams)."
    assert not dlg2.ok_button.isEnabled()
    dlg2.reject()


def _teamscan_bestand(tmp_path) -> bytes:
    """An exported vastgestelde scan of 'Wijkteam Elders' (Zaanstad) from another workspace."""
    bron = maak_werkruimte(tmp_path / "bron", gemeenten=ZAWA)
    try:
        tid = teams.maak_team(bron, "Wijkteam Elders", "wijkteam", ["GM0479"])
        sid = zs.maak_scan(bron, team_id=tid, peildatum=date(2025, 9, 1),
                           deelnemers=[Deelnemer(DeelnemerRol.TEAMLEIDER, "Sanne")])
        _s, cat = zs.laad_scan(bron, sid)
        for s in cat.standaarden:
            zs.bewaar_antwoord(bron, sid, Antwoord(s.id, "V"))
        zs.zet_status(bron, sid, ScanStatus.INGEVULD)
        zs.zet_status(bron, sid, ScanStatus.VASTGESTELD)
        return zs.exporteer(bron, sid)
    finally:
        bron.close()


@pytest.mark.parametrize("antwoord", ["nee", "ja"])
def test_import_vraagt_of_het_team_gemaakt_moet_worden(qtbot, open_ws, keyboard, tmp_path, monkeypatch, antwoord):
    bestand = tmp_path / "scan.json"
    bestand.write_bytes(_teamscan_bestand(tmp_path))
    ws, win, page, _ = open_ws("doel", team_specs=[("Wijkteam Oost", "wijkteam", ["GM0479"])])
    monkeypatch.setattr(common, "ask_open_path", lambda *a, **k: str(bestand))
    page.scan_table.setFocus()
    keyboard.alt("i")  # &Importeren…
    qtbot.waitUntil(lambda: page.last_dialog is not None and page.last_dialog.isVisible())
    vraag = page.last_dialog
    assert isinstance(vraag, QMessageBox)
    assert vraag.text() == "Team Wijkteam Elders bestaat nog niet in deze werkruimte. Wil je het team aanmaken?"
    assert vraag.defaultButton() is vraag.no_button  # the safe choice is the default
    if antwoord == "nee":
        keyboard.press(Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not vraag.isVisible() if _leeft(vraag) else True)
        qtbot.wait(50)
        assert zs.scans(ws) == []
        assert [t.naam for t in teams.lijst(ws)] == ["Wijkteam Oost"]
        return
    vraag.yes_button.click()
    qtbot.waitUntil(lambda: page.last_dialog is not vraag and page.last_dialog.isVisible())
    klaar = page.last_dialog
    assert "is ingelezen" in klaar.text() and "Het team Wijkteam Elders is aangemaakt" in klaar.text()
    team = teams.zoek(ws, "Wijkteam Elders")
    assert team.soort == "wijkteam" and team.gemeenten == ("GM0479",)
    [scan] = zs.scans(ws)
    assert scan.team_id == team.id and scan.geimporteerd
    assert ("Wijkteam Elders", "Wijkteam") in _rows(page)  # the page was refreshed


def _leeft(widget) -> bool:
    try:
        widget.isVisible()
        return True
    except RuntimeError:
        return False
