"""A vastgestelde scan cannot be changed through the widgets, and the service refuses too; heropenen."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from ghnt_desktop.domain.zelfscan import Antwoord, Deelnemer, DeelnemerRol, ScanNietBewerkbaar, ScanStatus
from ghnt_desktop.services import zelfscan as zs
from tests.ui_zelfscan.conftest import ALT, free_date, team_id


def _vastgesteld(ws) -> int:
    sid = zs.maak_scan(ws, team_id=team_id(ws, "Wijkteam Purmerend"), peildatum=free_date(),
                       deelnemers=[Deelnemer(DeelnemerRol.TEAMLEIDER, "Sanne")])
    _scan, cat = zs.laad_scan(ws, sid)
    for s in cat.standaarden:
        zs.bewaar_antwoord(ws, sid, Antwoord(s.id, "D", toelichting="Eerste versie"))
    zs.zet_status(ws, sid, ScanStatus.INGEVULD)
    zs.zet_status(ws, sid, ScanStatus.VASTGESTELD)
    return sid


def test_vastgestelde_scan_is_read_only_in_widgets_and_service(qtbot, open_window, keyboard):
    ws, win, page = open_window("manager")
    sid = _vastgesteld(ws)
    view = page.open_scan(sid)
    av = view.answer_view
    assert view.read_only and av.read_only
    assert "vastgesteld" in view.read_only_label.text() and view.read_only_label.isVisible()
    assert all(not rb.isEnabled() for rb in av.option_buttons.values())
    assert av.toelichting_edit.isReadOnly() and av.bewijs_edit.isReadOnly()
    assert not av.verbeterpunt_check.isEnabled() and not av.prioriteit_combo.isEnabled()
    assert not view.participants.add_button.isEnabled() and not view.participants.naam_edit.isEnabled()
    # participants save themselves (no "Deelnemers opslaan" button), and cannot change here
    assert not [b for b in view.details.findChildren(QPushButton) if "opslaan" in b.text().lower()]
    assert not view.ingevuld_button.isVisible() and not view.concept_button.isVisible()
    assert not view.vaststellen_button.isVisible() and view.heropen_button.isVisible()

    # keys do not change anything
    av.standard_list.setFocus()
    keyboard.press(Qt.Key.Key_1)
    keyboard.press(Qt.Key.Key_3, ALT)
    assert "vastgesteld" in av.save_status.text()
    keyboard.alt("t")  # toelichting: reachable for reading, not for typing
    assert keyboard.focus is av.toelichting_edit
    keyboard.type("verandering")
    assert av.toelichting_edit.toPlainText() == "Eerste versie"
    keyboard.alt("p")  # verbeterpunt is disabled: its mnemonic does nothing
    assert not av.verbeterpunt_check.isChecked()
    av.flush()
    assert not av.pending
    scan, _ = zs.laad_scan(ws, sid)
    assert {a.code for a in scan.antwoorden} == {"D"}
    assert {a.toelichting for a in scan.antwoorden} == {"Eerste versie"}
    # the presentation view does not change it either
    keyboard.press(Qt.Key.Key_F11)
    assert view.presenting
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    assert "kan niet meer veranderen" in view.presentation.answer_label.text()
    keyboard.press(Qt.Key.Key_Escape)
    assert not view.presenting
    assert av.current_answer().code == "D"

    # and the service refuses
    with pytest.raises(ScanNietBewerkbaar):
        zs.bewaar_antwoord(ws, sid, Antwoord(av.current_standard.id, "V"))
    with pytest.raises(ScanNietBewerkbaar):
        zs.zet_deelnemers(ws, sid, [])


def test_reopen_needs_a_reason_and_makes_a_new_version(qtbot, open_window, keyboard, type_text):
    ws, win, page = open_window("manager")
    sid = _vastgesteld(ws)
    view = page.open_scan(sid)
    keyboard.alt("o")  # Her&openen…
    qtbot.waitUntil(lambda: view.dialog is not None and QApplication.activeWindow() is view.dialog)
    dlg = view.dialog
    assert not dlg.ok_button.isEnabled()  # no reason, no new version
    keyboard.alt("r")
    keyboard.type("   ")
    assert not dlg.ok_button.isEnabled()
    keyboard.type("Na overleg met Veilig Thuis klopt LT-01 niet.")
    assert dlg.ok_button.isEnabled()
    keyboard.alt("h")  # &Heropenen
    qtbot.waitUntil(lambda: page.scan_view is not view)
    new = page.scan_view
    assert new.scan_id != sid
    assert new.scan.versie == 2 and new.scan.status is ScanStatus.CONCEPT
    assert new.scan.heropen_reden == "Na overleg met Veilig Thuis klopt LT-01 niet."
    assert not new.read_only and new.answer_view.option_buttons["V"].isEnabled()
    assert "Versie 1: Vastgesteld" in new.versions_label.text()
    assert "heropend omdat: Na overleg" in new.versions_label.text()
    # the new version can be changed; the old one stays as it was
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    new.answer_view.standard_list.setFocus()
    keyboard.press(Qt.Key.Key_1)
    new.answer_view.flush()
    assert zs.laad_scan(ws, new.scan_id)[0].antwoord_voor("LT-01").code == "V"
    old, _ = zs.laad_scan(ws, sid)
    assert old.status is ScanStatus.VASTGESTELD and old.antwoord_voor("LT-01").code == "D"
    assert zs.scan_info(ws, new.scan_id).vorige_id == sid


def test_ingevuld_needs_every_answer_and_shows_where_to_continue(qtbot, open_window, keyboard):
    from PySide6.QtCore import QTimer

    ws, win, page = open_window("manager")
    sid = zs.maak_scan(ws, team_id=team_id(ws, "Wijkteam Purmerend"), peildatum=free_date(), deelnemers=[])
    _s, cat = zs.laad_scan(ws, sid)
    for s in cat.standaarden_op_volgorde[:5]:
        zs.bewaar_antwoord(ws, sid, Antwoord(s.id, "V"))
    view = page.open_scan(sid)
    view.answer_view.go_to(0)
    seen = []

    def close_message():
        box = QApplication.activeModalWidget()
        if box is not None:
            seen.append(box.text())
            box.accept()

    QTimer.singleShot(300, close_message)
    keyboard.alt("i")
    qtbot.waitUntil(lambda: bool(seen))
    assert "5 van 18" in seen[0]
    assert zs.scan_info(ws, sid).status is ScanStatus.CONCEPT and page.scan_view is view
    assert view.answer_view.index == 5  # the first standard without an answer
