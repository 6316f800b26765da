"""The plan screen, driven through its widgets: make a plan, actions, notes, texts, vaststellen, preview, print."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from ghnt_desktop.domain.datum import formatteer
from ghnt_desktop.ui import operations
from ghnt_desktop.domain.plan import ActieStatus, PlanStatus
from ghnt_desktop.services import plan as ps
from tests.plan.helpers import maak_manager_werkruimte, maak_teams_met_scans


def _app():
    from ghnt_desktop.ui.app import make_app

    return make_app()


@pytest.fixture
def ws(data_dir):
    ws = maak_manager_werkruimte(data_dir)
    maak_teams_met_scans(ws, 2)
    yield ws
    ws.close()


def _page(qtbot, ws):
    _app()
    from ghnt_desktop.ui.plan.page import PlanPage

    page = PlanPage(ws)
    qtbot.addWidget(page)
    page.resize(1100, 720)
    with qtbot.waitExposed(page):
        page.show()
    return page


def _click(qtbot, button):
    assert button.isEnabled() and button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _table_texts(table, col):
    return [table.item(r, col).text() for r in range(table.rowCount())]


def test_make_plan_add_and_edit_actions_then_vaststellen(qtbot, ws, type_text):
    page = _page(qtbot, ws)
    assert page.plan is None and not page.tabs.isEnabled()
    assert "nog geen plan" in page.status_label.text()

    # 1. a new plan through the dialog: the latest scan of each team is pre-selected
    _click(qtbot, page.new_plan_button)
    dlg = page.nieuw_dialog
    qtbot.waitUntil(dlg.isVisible)
    assert dlg.scan_list.count() == 4
    checked = [dlg.scan_list.item(i) for i in range(dlg.scan_list.count())
               if dlg.scan_list.item(i).checkState() == Qt.CheckState.Checked]
    assert len(checked) == 2 and all("01-03-2026" in i.text() for i in checked)
    dlg.jaar_spin.setValue(2026)
    _click(qtbot, dlg.datalab_check)
    _click(qtbot, dlg.create_button)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    assert page.plan is not None and page.tabs.isEnabled()
    assert page.plan.titel == "Plan van aanpak Versterken lokale teams \u2013 Zaanstad 2026" and page.plan.datalab
    assert page.plan_combo.count() == 1 and "versie 1 (concept)" in page.plan_combo.currentText()
    assert page.vp_table.rowCount() > 0

    # 2. "Maak actie" from the top verbeterpunt
    page.tabs.setCurrentIndex(2)
    top = page.punten[0]
    page.vp_table.selectRow(0)
    _click(qtbot, page.maak_actie_button)
    dlg = page.actie_dialog
    qtbot.waitUntil(dlg.isVisible)
    gekozen = [dlg.standaard_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dlg.standaard_list.count())
               if dlg.standaard_list.item(i).checkState() == Qt.CheckState.Checked]
    assert gekozen == [top.standaard_id] and dlg.thema_combo.currentText() == top.thema
    dlg.omschrijving_edit.clear()
    type_text(dlg.omschrijving_edit, "Ĳverig trainen met de meldcode")
    qtbot.keyClicks(dlg.eigenaar_edit, "Teamleider Oost")
    qtbot.keyClicks(dlg.deadline_edit.edit, formatteer(date.today() - timedelta(days=10)))  # already overdue
    type_text(dlg.notitie_edit, "Trainer gevonden; eerste datum gepland.")
    _click(qtbot, dlg.notitie_button)
    assert dlg.notities_list.count() == 1
    _click(qtbot, dlg.save_button)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    (actie,) = ps.acties(ws, page.plan.id)
    assert actie.omschrijving == "Ĳverig trainen met de meldcode" and actie.standaard_ids == (top.standaard_id,)
    assert actie.eigenaar == "Teamleider Oost" and actie.deadline == date.today() - timedelta(days=10)
    assert [n.notitie for n in actie.voortgang] == ["Trainer gevonden; eerste datum gepland."]
    assert _table_texts(page.acties_table, 1) == ["Ĳverig trainen met de meldcode"]
    assert page.acties_table.item(0, 5).text() == "Gepland – te laat"
    assert "Te laat: 1 actie" in page.te_laat_label.text() and page.te_laat_list.count() == 1

    # 3. a second action: an empty description is refused with a visible reason, then saved
    page.tabs.setCurrentIndex(3)
    _click(qtbot, page.add_action_button)
    dlg = page.actie_dialog
    qtbot.waitUntil(dlg.isVisible)
    _click(qtbot, dlg.save_button)
    assert dlg.isVisible() and "omschrijving" in dlg.error.text()
    type_text(dlg.omschrijving_edit, "Samenwerkingsafspraken met Veilig Thuis bijwerken")
    qtbot.keyClicks(dlg.budget_edit, "5000 euro")
    _click(qtbot, dlg.save_button)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    assert page.acties_table.rowCount() == 2

    # 4. edit the first action: status "Klaar"; it is no longer late
    page.acties_table.selectRow(0)
    _click(qtbot, page.edit_action_button)
    dlg = page.actie_dialog
    qtbot.waitUntil(dlg.isVisible)
    assert dlg.omschrijving_edit.toPlainText() == "Ĳverig trainen met de meldcode"
    dlg.status_combo.setCurrentIndex(dlg.status_combo.findData(ActieStatus.GEREED.value))
    _click(qtbot, dlg.save_button)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    assert page.acties_table.item(0, 5).text() == "Klaar"
    assert page.te_laat_list.count() == 0 and "geen acties te laat" in page.te_laat_label.text()
    assert ps.acties(ws, page.plan.id)[0].status is ActieStatus.GEREED

    # 5. a section text
    page.tabs.setCurrentIndex(4)
    rij = next(i for i in range(page.sectie_list.count())
               if page.sectie_list.item(i).data(Qt.ItemDataRole.UserRole) == "doelen")
    page.sectie_list.setCurrentRow(rij)
    page.sectie_edit.clear()
    type_text(page.sectie_edit, "In {jaar} werkt elk team volgens het kader.")
    _click(qtbot, page.sectie_save_button)
    doelen = next(s for s in ps.secties(ws, page.plan.id) if s.code == "doelen")
    assert doelen.tekst == "In {jaar} werkt elk team volgens het kader."

    # 6. vaststellen: by whom and when; afterwards the version is read-only
    page.tabs.setCurrentIndex(0)
    _click(qtbot, page.vaststellen_button)
    dlg = page.vaststellen_dialog
    qtbot.waitUntil(dlg.isVisible)
    dlg.door_edit.clear()
    _click(qtbot, dlg.ok_button)
    assert dlg.isVisible() and "wie het plan" in dlg.error.text()
    qtbot.keyClicks(dlg.door_edit, "College van B en W")
    _click(qtbot, dlg.ok_button)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    assert page.plan.status is PlanStatus.VASTGESTELD and page.plan.vastgesteld_door == "College van B en W"
    assert "Vastgesteld" in page.status_label.text()
    assert not page.add_action_button.isEnabled() and not page.save_plan_button.isEnabled()
    assert page.sectie_edit.isReadOnly() and not page.vaststellen_button.isVisible()

    # 7. a new version starts as a concept copied from it
    _click(qtbot, page.nieuwe_versie_button)
    assert page.plan.versie == 2 and page.plan.status is PlanStatus.CONCEPT
    assert page.plan_combo.count() == 2 and "versie 2 (concept)" in page.plan_combo.currentText()
    assert page.acties_table.rowCount() == 2 and page.add_action_button.isEnabled()
    acties = [r[0] for r in ws.db.conn.execute("SELECT actie FROM audit WHERE object_type = 'plan'")]
    assert acties.count("plan_aanmaken") == 2 and "plan_vaststellen" in acties and "plan_wijzigen" in acties


def test_preview_save_and_print(qtbot, ws, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    plan_id = ps.maak_plan(ws, "GM0479", jaar=2026)
    ps.voeg_actie_toe(ws, plan_id, ps.ActieVelden(omschrijving="Training meldcode"))
    page = _page(qtbot, ws)
    assert page.plan.id == plan_id
    page.tabs.setCurrentWidget(page.preview)
    assert operations.wait_idle(10_000)  # the PDF is built on the worker
    prev = page.preview
    assert prev.data is not None and prev.data.startswith(b"%PDF")
    assert prev.document.pageCount() >= 5 and prev.save_button.isEnabled() and prev.print_button.isEnabled()
    assert "pagina's" in prev.info.text()

    # "Opslaan als…" (the file dialog itself is not opened in tests)
    assert prev.save_to(tmp_path / "plan")  # the .pdf extension is added
    assert (tmp_path / "plan.pdf").read_bytes() == prev.data

    # printing: the dialog opens without blocking and is closed; then print to a PDF file printer
    _click(qtbot, prev.print_button)
    qtbot.waitUntil(lambda: prev.print_dialog is not None and prev.print_dialog.isVisible())
    assert prev.printer is not None  # kept: a collected QPrinter under a dialog crashes
    prev.print_dialog.reject()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "afdruk.pdf"))
    assert prev.print_to(printer)
    assert (tmp_path / "afdruk.pdf").stat().st_size > 10_000
    acties = [r[0] for r in ws.db.conn.execute("SELECT actie FROM audit WHERE object_type = 'plan'")]
    assert "plan_exporteren" in acties and "plan_afdrukken" in acties

    # a change marks the preview stale; showing it again rebuilds it
    page.tabs.setCurrentIndex(0)
    page.titel_edit.setText("Plan van aanpak Zaanstad – nieuwe titel")
    _click(qtbot, page.save_plan_button)
    assert prev.stale
    page.tabs.setCurrentWidget(prev)
    assert operations.wait_idle(10_000)
    assert not prev.stale


def test_module_is_shown_to_plan_roles_only(qtbot, ws):
    from ghnt_desktop.domain.roles import Rol
    from ghnt_desktop.storage.workspace import Session
    from ghnt_desktop.ui.main_window import MainWindow
    from ghnt_desktop.ui.modules import registry
    from ghnt_desktop.ui.plan.page import PlanPage

    def zichtbaar(rollen):
        s = Session("x", "x", "x", frozenset(rollen))
        return [m.key for m in registry() if m.beschikbaar_voor(s)]

    assert "plan" in zichtbaar({Rol.MANAGER})
    assert "plan" not in zichtbaar({Rol.PROFESSIONAL}) and "plan" not in zichtbaar({Rol.BEHEERDER})
    _app()
    win = MainWindow(ws)
    qtbot.addWidget(win)
    try:
        assert isinstance(win.page("plan"), PlanPage)
    finally:
        win.close()
