"""Exporteren (vastgesteld only, names only when chosen) and Importeren with Dutch messages."""
from __future__ import annotations

import json
import shutil

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from ghnt_desktop.domain.zelfscan import Antwoord, Deelnemer, DeelnemerRol, ScanStatus
from ghnt_desktop.errors import UserError
from ghnt_desktop.services import teams
from ghnt_desktop.services import zelfscan as zs
from ghnt_desktop.ui.zelfscan import common
from ghnt_desktop.ui.zelfscan.common import ProblemDialog
from tests.ui_zelfscan.conftest import free_date
from tests.ui_zelfscan.test_catalog import new_version

TEAM = "Wijkteam Testdorp"


def _scan(ws, *, status=ScanStatus.VASTGESTELD, days_ago=100) -> int:
    tid = next((t.id for t in zs.teams(ws) if t.naam == TEAM), None)
    if tid is None:
        tid = teams.maak_team(ws, TEAM, "wijkteam", ["GM0479"])
    sid = zs.maak_scan(ws, team_id=tid, peildatum=free_date(days_ago),
                       deelnemers=[Deelnemer(DeelnemerRol.TEAMLEIDER, "Eliëtte Ĳzerman"),
                                   Deelnemer(DeelnemerRol.PROFESSIONAL, "Ahmed")])
    _s, cat = zs.laad_scan(ws, sid)
    for s in cat.standaarden:
        zs.bewaar_antwoord(ws, sid, Antwoord(s.id, "V", toelichting="Gaat goed – €0 kosten"))
    if status is not ScanStatus.CONCEPT:
        zs.zet_status(ws, sid, ScanStatus.INGEVULD)
    if status is ScanStatus.VASTGESTELD:
        zs.zet_status(ws, sid, ScanStatus.VASTGESTELD)
    return sid


def _select(page, scan_id: int) -> None:
    t = page.scan_table
    row = next(r for r in range(t.rowCount()) if t.item(r, 0).data(Qt.ItemDataRole.UserRole) == scan_id)
    t.setFocus()
    t.setCurrentCell(row, 0)


def _export(qtbot, page, keyboard, scan_id: int, path, *, names: bool) -> None:
    _select(page, scan_id)
    keyboard.alt("x")  # E&xporteren…
    qtbot.waitUntil(lambda: page.dialog is not None and QApplication.activeWindow() is page.dialog)
    dlg = page.dialog
    assert not dlg.names_check.isChecked()  # default: no names
    assert "zelfscan-wijkteam-testdorp-" in dlg.suggested_name()
    if names:
        keyboard.alt("n")  # &Namen van deelnemers meenemen
        assert dlg.names_check.isChecked()
    before = page.last_dialog
    keyboard.alt("o")  # &Opslaan als…
    assert path.exists()
    # a confirmation says where the file is and whether it holds names
    qtbot.waitUntil(lambda: page.dialog is None and page.last_dialog is not before
                    and QApplication.activeWindow() is page.last_dialog)
    box = page.last_dialog
    assert str(path) in box.text()
    assert ("ook de namen van de deelnemers" if names else "geen namen van deelnemers") in box.text()
    keyboard.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.window())


def test_export_only_vastgesteld_and_names_only_when_chosen(qtbot, open_window, keyboard, tmp_path, monkeypatch):
    ws, win, page = open_window("demo")
    concept = _scan(ws, status=ScanStatus.INGEVULD, days_ago=200)
    sid = _scan(ws)
    page.refresh()
    _select(page, concept)
    assert not page.export_button.isEnabled()
    assert "vastgestelde" in page.export_button.toolTip()
    view = page.open_scan(concept)
    assert not view.export_button.isVisible()
    keyboard.alt("n")  # back to the overview

    zonder, met = tmp_path / "zonder.json", tmp_path / "met.json"
    monkeypatch.setattr(common, "ask_save_path", lambda *a, **k: str(zonder))
    _export(qtbot, page, keyboard, sid, zonder, names=False)
    data = json.loads(zonder.read_text(encoding="utf-8"))
    assert [d["naam"] for d in data["deelnemers"]] == [None, None]
    assert [d["rol"] for d in data["deelnemers"]] == ["teamleider", "professional"]
    monkeypatch.setattr(common, "ask_save_path", lambda *a, **k: str(met))
    _export(qtbot, page, keyboard, sid, met, names=True)
    data = json.loads(met.read_text(encoding="utf-8"))
    assert [d["naam"] for d in data["deelnemers"]] == ["Eliëtte Ĳzerman", "Ahmed"]
    assert not list(tmp_path.glob("*.tmp"))
    # also from the opened scan; Escape cancels without writing
    view = page.open_scan(sid)
    assert view.export_button.isVisible()
    keyboard.alt("x")
    qtbot.waitUntil(lambda: view.dialog is not None and QApplication.activeWindow() is view.dialog)
    assert not view.dialog.names_check.isChecked()
    keyboard.press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.dialog is None)
    # the service refuses a scan that is not vastgesteld, too
    with pytest.raises(UserError):
        zs.exporteer(ws, concept)


def test_import_with_dutch_messages(qtbot, open_window, keyboard, tmp_path, monkeypatch, _demo_template):
    # workspace A: a scan of a team that workspace B does not know, and one on a newer catalogue version
    ws_a, win_a, page_a = open_window("demo")
    sid = _scan(ws_a)
    zs.importeer_catalogus(ws_a, json.dumps(new_version()).encode("utf-8"))
    sid_new_cat = _scan(ws_a, days_ago=50)
    good = tmp_path / "goed.json"
    good.write_bytes(zs.exporteer(ws_a, sid))
    newer = tmp_path / "nieuwer-kader.json"
    newer.write_bytes(zs.exporteer(ws_a, sid_new_cat))
    open_window.close(ws_a, win_a)

    dir_b = tmp_path / "b"
    shutil.copytree(_demo_template, dir_b, ignore=shutil.ignore_patterns("werkruimte.lock"))
    ws, win, page = open_window("manager", dir_b)
    chosen = {"path": good}
    monkeypatch.setattr(common, "ask_open_path", lambda *a, **k: str(chosen["path"]))

    def import_and_wait(kind):
        before = page.last_dialog
        page.scan_table.setFocus()
        keyboard.alt("i")  # &Importeren…
        qtbot.waitUntil(lambda: page.last_dialog is not before and page.last_dialog.isVisible())
        dlg = page.last_dialog
        assert isinstance(dlg, kind)
        return dlg

    # 1. a good file; its team does not exist here yet, so the app asks first
    vraag = import_and_wait(QMessageBox)
    assert vraag.text() == "Team Wijkteam Testdorp bestaat nog niet in deze werkruimte. Wil je het team aanmaken?"
    vraag.yes_button.click()
    qtbot.waitUntil(lambda: page.last_dialog is not vraag and page.last_dialog.isVisible())
    box = page.last_dialog
    assert "Wijkteam Testdorp" in box.text() and "niet wijzigen" in box.text() and "aangemaakt" in box.text()
    box.accept()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    imported = [s for s in zs.scans(ws) if s.team_naam == TEAM]
    assert len(imported) == 1 and imported[0].geimporteerd and imported[0].status is ScanStatus.VASTGESTELD
    row = next(r for r in range(page.scan_table.rowCount()) if page.scan_table.item(r, 0).text() == TEAM)
    assert page.scan_table.item(row, 8).text() == "Ingelezen"

    # 2. the same file again: duplicate
    dlg = import_and_wait(ProblemDialog)
    assert "al eerder ingelezen" in dlg.text
    dlg.reject()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)

    # 3. changed by hand (checksum no longer fits)
    data = json.loads(good.read_text(encoding="utf-8"))
    data["antwoorden"][0]["toelichting"] = "Aangepast"
    tampered = tmp_path / "aangepast.json"
    tampered.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    chosen["path"] = tampered
    dlg = import_and_wait(ProblemDialog)
    assert "beschadigd" in dlg.headline.text()
    assert any("controle" in dlg.problem_list.item(i).text() for i in range(dlg.problem_list.count()))
    dlg.reject()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)

    # 4. cut off halfway
    cut = tmp_path / "afgebroken.json"
    raw = good.read_bytes()
    cut.write_bytes(raw[: len(raw) // 2])
    chosen["path"] = cut
    dlg = import_and_wait(ProblemDialog)
    assert "houdt onverwacht op" in dlg.text
    dlg.reject()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)

    # 5. made with a catalogue version this workspace does not have
    chosen["path"] = newer
    dlg = import_and_wait(ProblemDialog)
    assert "2024-werkversie-2" in dlg.text and "Importeer eerst" in dlg.text
    dlg.reject()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    assert len([s for s in zs.scans(ws) if s.team_naam == TEAM]) == 1  # nothing was added

    # the imported scan opens read-only
    view = page.open_scan(imported[0].id)
    assert view.read_only and "ingelezen uit een bestand" in view.read_only_label.text()
    assert not view.heropen_button.isVisible()
    assert not view.answer_view.option_buttons["V"].isEnabled()
