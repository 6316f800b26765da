"""Acute route, stap 3 not held, required expert consultation, corrections, Veilig Thuis advice,
new-dossier checks, export, inzage and role visibility - all through the widgets."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

from ghnt_desktop.domain.meldcode import ConsultatieSoort, GeweldsVorm, RedenNietGevoerd
from ghnt_desktop.services import meldcode as svc
from tests.conftest import PASSPHRASE
from tests.ui_meldcode.helpers import Driver, button, check_item, choose, click, click_in_box


def _window(qtbot, ws):
    from ghnt_desktop.ui.main_window import MainWindow

    win = MainWindow(ws)
    qtbot.addWidget(win)
    with qtbot.waitExposed(win):
        win.show()
    with qtbot.waitActive(win):
        win.activateWindow()
    return win


@pytest.fixture
def driver(qtbot, app, mc_ws, type_text):
    win = _window(qtbot, mc_ws)
    d = Driver(qtbot, win, type_text)
    yield d
    # nothing may have escaped into a separate top-level window
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not win] == []
    win.close()


def _alt(d: Driver, n: int) -> None:
    QTest.keyClick(d.view.tabs.currentWidget(), getattr(Qt.Key, f"Key_{n}"), Qt.KeyboardModifier.AltModifier)
    assert d.view.tabs.currentIndex() == n - 1


# --------------------------------------------------------------------------- acute route

def test_acute_indicator_opens_acute_panel_and_records_the_accelerated_route(driver):
    from ghnt_desktop.ui.meldcode.step1_signalen import AcuteRouteDialog

    d = driver
    d.new_dossier("REG-2001", vormen=[GeweldsVorm.KINDERMISHANDELING],
                  betrokkenen=[("kind", 4, "kind 1"), ("ouder_gezaghebbende", 29, "moeder")])
    step1 = d.view.step1
    checklist = step1.checklist
    assert checklist.vorm.currentData() == "kindermishandeling"
    assert "nooit compleet" in " ".join(l.text() for l in checklist.findChildren(type(step1.uitleg)))
    item = checklist.item_for("km_ernstig_letsel")
    assert item.text().startswith("Acuut gevaar:")  # told in words, not by colour
    seen = {}

    def acute(dlg: AcuteRouteDialog) -> None:
        seen["text"] = dlg.text
        assert dlg.reden.toPlainText().startswith("Acuut signaal uit de signalenlijst")
        d.type(dlg.actie, "112 gebeld; politie ter plaatse; Veilig Thuis geïnformeerd.")
        click(dlg.record_button)

    with d.modal(acute, kind=AcuteRouteDialog):
        check_item(checklist.list, checklist.list.row(item))
    assert "112" in seen["text"] and "0800-2000" in seen["text"]
    dossier = d.dossier
    assert len(dossier.acuut) == 1 and dossier.versnelde_route
    assert "politie ter plaatse" in dossier.acuut[0].actie
    assert dossier.acuut[0].auteur == "Pia Prof" and dossier.acuut[0].tijdstip is not None
    assert "Versnelde route" in d.view.info.text()
    assert "versnelde route" in step1.acuut_list.texts()[0].lower() or "Acuut signaal" in step1.acuut_list.texts()[0]
    # the ticked indicator is waiting in the signal form, marked acute
    f = step1.signaal_form
    assert f.fields["omschrijving"].toPlainText().startswith("Ernstig letsel")
    assert f.fields["acuut"].isChecked()
    d.type(f.fields["omschrijving"], " Blauwe plekken op beide armen.")
    click(f.add_button)
    s = d.dossier.signalen[-1]
    assert s.acuut and s.checklist_id == "km_ernstig_letsel" and s.vorm is GeweldsVorm.KINDERMISHANDELING
    assert checklist.item_for("km_ernstig_letsel").text().endswith("(vastgelegd)")
    assert any("acuut gevaar" in t.lower() for t in step1.warnings.texts())
    # skipping ahead is allowed on the accelerated route; the question says so
    seen.clear()

    def skip(box) -> None:
        seen["text"] = box.text()
        click(button(box, "Toch naar stap 2"))

    with d.modal(skip):
        click(step1.next_button)
    assert "overslaan" in seen["text"]
    assert d.dossier.huidige_stap == 2


def test_acute_checkbox_closed_without_recording_says_what_to_do(driver):
    from ghnt_desktop.ui.meldcode.step1_signalen import AcuteRouteDialog

    d = driver
    d.new_dossier("REG-2002")
    f = d.view.step1.signaal_form
    d.type(f.fields["omschrijving"], "Vader dreigde met een mes.")
    with d.modal(click_in_box("Sluiten zonder vastleggen"), kind=AcuteRouteDialog):
        click(f.fields["acuut"])
    assert d.dossier.acuut == ()
    assert "112" in d.view.status_label.text() and "0800-2000" in d.view.status_label.text()
    assert f.fields["acuut"].isChecked()


# --------------------------------------------------------------------------- stap 3 not held

def test_step3_not_held_with_reason_and_correction_in_history(driver):
    d = driver
    d.new_dossier("REG-2003")
    _alt(d, 3)
    step3 = d.view.step3
    assert any(t.startswith("Nodig: Leg het gesprek") for t in step3.missing.texts())
    f = step3.niet_form
    choose(f.fields["reden"], RedenNietGevoerd.VEILIGHEID_CLIENT.value)
    d.type(f.fields["toelichting"], "Partner leest alle berichten mee; een gesprek maakt het gevaarlijker.")
    d.type(f.fields["afgestemd_met"], "aandachtsfunctionaris")
    click(f.add_button)
    ng = d.dossier.gesprek_niet_gevoerd
    assert ng is not None and ng.reden is RedenNietGevoerd.VEILIGHEID_CLIENT and ng.afgestemd_met == "aandachtsfunctionaris"
    assert d.required_missing(3) == []
    assert "niet gevoerd" in step3.niet_status.text() and "aandachtsfunctionaris" in step3.niet_status.text()
    # the stored version stays in the form; saving a change makes a new version
    assert f.fields["afgestemd_met"].text() == "aandachtsfunctionaris"
    d.type(f.fields["afgestemd_met"], " en Veilig Thuis")
    click(f.add_button)
    assert d.dossier.gesprek_niet_gevoerd.afgestemd_met == "aandachtsfunctionaris en Veilig Thuis"
    rows = [r for r in d.history() if r[2] == "Gesprek niet gevoerd"]
    assert [r[5] for r in rows] == ["Vervangen door een nieuwere versie", "Geldig"]


# --------------------------------------------------------------------------- EGG

def test_egg_requires_expert_consultation_and_warns_not_to_involve_family(driver):
    d = driver
    d.new_dossier("REG-2004", vormen=[GeweldsVorm.EERGERELATEERD_GEWELD])
    _alt(d, 2)
    step2 = d.view.step2
    code = f"consultatie_{ConsultatieSoort.EXPERT_EGG.value}"
    assert code in step2.missing.codes()
    assert any(t.startswith("Nodig: Bij (een vermoeden van) eergerelateerd geweld") for t in step2.missing.texts())
    assert step2.expert_note.isVisible() and "Verplicht" in step2.expert_note.text()
    assert any("niet met de familie" in t for t in step2.warnings.texts())
    d.add_consultation("collega", "collega", "Raadpleeg een deskundige.")
    assert code in step2.missing.codes()  # a colleague is not enough
    seen = {}

    def stay(box) -> None:
        seen["text"] = box.text()
        click(button(box, "Blijven"))

    with d.modal(stay):
        click(step2.next_button)
    assert "eergerelateerd geweld" in seen["text"]
    assert d.dossier.huidige_stap == 1  # stayed: nothing changed
    # Enter on the missing item goes to the form, with the right kind of consultation chosen
    row = next(i for i in range(step2.missing.count())
               if step2.missing.item(i).data(Qt.ItemDataRole.UserRole) == code)
    step2.missing.setFocus()
    step2.missing.setCurrentRow(row)
    QTest.keyClick(step2.missing, Qt.Key.Key_Return)
    f = step2.form
    assert f.fields["soort"].currentData() == ConsultatieSoort.EXPERT_EGG.value
    assert f.isAncestorOf(QApplication.focusWidget())
    d.type(f.fields["wie"], "aandachtsfunctionaris eergerelateerd geweld politie")
    d.type(f.fields["advies"], "Niet met de familie praten; binnen een week opnieuw overleggen.")
    QTest.keyClick(f.fields["advies"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert ConsultatieSoort.EXPERT_EGG in {c.soort for c in d.dossier.consultaties}
    assert code not in step2.missing.codes()
    assert "vastgelegd" in step2.expert_note.text()
    _alt(d, 3)
    assert any("bespreek je zorgen niet met de familie" in t for t in d.view.step3.warnings.texts())


# --------------------------------------------------------------------------- letsel, VT advice, instrument

def test_injury_suggests_letselduiding_and_vt_advice_is_recorded(driver):
    from ghnt_desktop.ui.meldcode.step4_wegen import VtAdviesDialog

    d = driver
    d.new_dossier("REG-2005")
    d.add_signal("Kind heeft een brandwond op de hand.", letsel=True)
    _alt(d, 2)
    step2 = d.view.step2
    assert any(t.startswith("Tip: Er is letsel gezien") for t in step2.missing.texts())
    click(step2.letsel_button)
    assert step2.form.fields["soort"].currentData() == ConsultatieSoort.LETSELDUIDING.value
    assert step2.form.fields["letselduider"].isEnabled()
    choose(step2.form.fields["letselduider"], "leck")
    d.type(step2.form.fields["advies"], "Past niet bij de uitleg van de ouders.")
    click(step2.form.add_button)
    assert d.dossier.consultaties[-1].letselduider is not None
    assert not step2.letsel_button.isVisible()
    _alt(d, 4)
    step4 = d.view.step4
    assert "Acute onveiligheid" in step4.definities.findChildren(type(step4.uitleg))[0].text()
    seen = {}

    def advies(dlg: VtAdviesDialog) -> None:
        seen["text"] = " ".join(l.text() for l in dlg.findChildren(type(step4.uitleg)))
        d.type(dlg.vraag, "Is dit structureel onveilig?")
        d.type(dlg.advies, "Ja, meld bij ons.")
        click(dlg.ok_button)

    with d.modal(advies, kind=VtAdviesDialog):
        click(step4.vt_button)
    assert "0800-2000" in seen["text"]
    c = d.dossier.consultaties[-1]
    assert c.soort is ConsultatieSoort.VEILIG_THUIS_ADVIES and c.anoniem and c.advies == "Ja, meld bij ons."
    # a risk instrument supports the afweging, it is not the verdict
    d.answer(1, True, "Letsel en uitleg passen niet.")
    f = step4.afweging_forms[2]
    click(f.fields["antwoord"].button_for(True))
    d.type(f.fields["instrument"], "LIRIK")
    d.type(f.fields["instrument_uitkomst"], "hoog risico")
    click(f.add_button)
    assert "Motivatie" in f.error.text() or "motivatie" in f.error.text()  # no motivation: not stored
    assert 2 not in d.dossier.huidige_antwoorden()
    d.type(f.fields["motivatie"], "Herhaald letsel bij een jong kind.")
    click(f.add_button)
    a = [x for x in d.dossier.afwegingen if x.nummer == 2][-1]
    assert a.motivatie.startswith("Herhaald letsel") and "LIRIK" in a.motivatie and "geen oordeel" in a.motivatie


# --------------------------------------------------------------------------- corrections

def test_correcting_a_signal_keeps_the_old_version_in_history(driver):
    d = driver
    d.new_dossier("REG-2006")
    d.add_signal("Kind had honger op school.")
    step1 = d.view.step1
    step1.signalen.list.setCurrentRow(0)
    click(step1.signalen.correct_button)
    f = step1.signaal_form
    assert f.fields["omschrijving"].toPlainText() == "Kind had honger op school."
    assert f.add_button.text().replace("&", "") == "Correctie opslaan"
    f.fields["omschrijving"].selectAll()
    d.type(f.fields["omschrijving"], "Kind had drie dagen achter elkaar honger op school.")
    click(f.add_button)
    assert [s.omschrijving for s in d.dossier.signalen] == ["Kind had drie dagen achter elkaar honger op school."]
    rows = [r for r in d.history() if r[2] == "Signaal"]
    assert len(rows) == 2
    assert rows[0][5] == "Vervangen door een nieuwere versie" and "Kind had honger op school." in rows[0][3]
    assert rows[1][5] == "Geldig" and rows[1][1] == "Pia Prof"
    assert f.add_button.text().replace("&", "") == "Toevoegen"


# --------------------------------------------------------------------------- new dossier

def test_new_dossier_explains_reference_warns_on_a_name_and_stores_everything(driver):
    from ghnt_desktop.ui.meldcode.new_dossier_dialog import NewDossierDialog

    d = driver
    result = {}

    def fill(dlg: NewDossierDialog) -> None:
        assert "geen volledige" in dlg.referentie_uitleg.text() and dlg.referentie_uitleg.isVisible()
        assert dlg.referentie.accessibleDescription()
        assert [dlg.gemeente.itemData(i) for i in range(dlg.gemeente.count())] == [None, "GM0439", "GM0479"]
        d.type(dlg.referentie, "Jan de Vries")
        click(dlg.ok_button)  # no gemeente chosen: said, not silently defaulted
        assert "Kies een gemeente" in dlg.error.text() and dlg.isVisible()
        choose(dlg.gemeente, "GM0479")
        # first OK: looks like a name -> "Aanpassen" keeps the dialog open
        with d.modal(click_in_box("Aanpassen")):
            click(dlg.ok_button)
        assert dlg.isVisible()
        dlg.referentie.selectAll()
        d.type(dlg.referentie, "CS-778812")
        check_item(dlg.vormen, [dlg.vormen.item(i).data(Qt.ItemDataRole.UserRole)
                                for i in range(dlg.vormen.count())].index("partnergeweld"))
        ed = dlg.betrokkenen
        choose(ed.rol, "vermoedelijk_slachtoffer")
        d.type(ed.aanduiding, "moeder")
        ed.geboortejaar.setFocus()
        ed.geboortejaar.selectAll()
        QTest.keyClicks(ed.geboortejaar, "1990")
        d.type(ed.relatie, "partner van vader")
        click(ed.add_button)
        choose(ed.rol, "kind")
        d.type(ed.aanduiding, "kind 1")
        ed.leeftijd.setFocus()
        ed.leeftijd.selectAll()
        QTest.keyClicks(ed.leeftijd, "6")
        click(ed.add_button)
        assert ed.list.count() == 2
        choose(dlg.af, dlg.ws.session.account_id)
        result["af"] = dlg.af.currentText()
        click(dlg.ok_button)

    with d.modal(fill, kind=NewDossierDialog):
        click(d.page.overview.new_button)
    d.qtbot.waitUntil(lambda: d.page.view is not None)
    dossier = d.dossier
    assert dossier.client_referentie == "CS-778812" and dossier.gemeente_code == "GM0479"
    assert dossier.vormen == frozenset({GeweldsVorm.PARTNERGEWELD})
    assert [(b.rol.value, b.aanduiding, b.geboortejaar, b.leeftijd) for b in dossier.betrokkenen] == [
        ("vermoedelijk_slachtoffer", "moeder", 1990, None), ("kind", "kind 1", None, 6)]
    assert result["af"].endswith("(ikzelf)") and dossier.aandachtsfunctionaris == "Pia Prof"
    assert dossier.eigenaar == "Pia Prof"
    assert svc.concepten(d.page.ws, None) == {}


def test_new_dossier_draft_is_kept_while_typing_and_dropped_on_cancel(driver):
    from ghnt_desktop.ui.meldcode.new_dossier_dialog import DRAFT_KEY, NewDossierDialog

    d = driver
    ws = d.page.ws

    def fill(dlg: NewDossierDialog) -> None:
        d.type(dlg.referentie, "CS-1")
        d.qtbot.waitUntil(lambda: DRAFT_KEY in svc.concepten(ws, None), timeout=1000)
        assert svc.concepten(ws, None)[DRAFT_KEY][0]["waarden"]["client_referentie"] == "CS-1"
        click(button(dlg, "Annuleren"))

    with d.modal(fill, kind=NewDossierDialog):
        click(d.page.overview.new_button)
    assert svc.concepten(ws, None) == {}
    assert d.page.view is None


# --------------------------------------------------------------------------- export

@pytest.mark.parametrize("knop,wachtwoord", [("report_button", "geheim wachtwoord"), ("concept_button", None)])
def test_export_asks_confirmation_optional_password_and_save_as(driver, tmp_path, knop, wachtwoord):
    from ghnt_desktop.ui.meldcode.export_dialog import ExportDialog

    d = driver
    d.new_dossier("REG-2007")
    d.add_signal("Moeder had een blauw oog.")
    target = tmp_path / "uit" / "dossier.pdf"
    target.parent.mkdir()
    seen = {}

    def confirm_export(dlg: ExportDialog) -> None:
        seen["text"] = " ".join(l.text() for l in dlg.findChildren(type(d.view.info)))
        if wachtwoord:
            click(dlg.protect)
            d.type(dlg.pw1, wachtwoord)
            d.type(dlg.pw2, "anders")
            click(dlg.ok_button)
            assert "niet gelijk" in dlg.error.text()
            dlg.pw2.clear()
            d.type(dlg.pw2, wachtwoord)
        click(dlg.ok_button)

    def save_as(dlg: QFileDialog) -> None:
        assert dlg.acceptMode() == QFileDialog.AcceptMode.AcceptSave
        # As a user does it: go to the folder, type the name. Not selectFile(): Qt leaves the name field
        # alone when it already has focus, and whether it has depends on window activation timing (the
        # PDF then went to the default name and this test failed under load).
        dlg.setDirectory(str(target.parent))
        name = dlg.findChild(QLineEdit, "fileNameEdit")
        assert name is not None and name.isVisible()
        name.setFocus()
        name.setText(target.name)
        dlg.accept()

    with d.modal([confirm_export, save_as], kind=ExportDialog):
        click(getattr(d.view, knop))
    from ghnt_desktop.ui import operations

    assert operations.wait_idle(20_000)  # the PDF is written on the worker
    assert "vertrouwelijke gegevens" in seen["text"]
    assert target.read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    assert PdfReader(str(target)).is_encrypted is bool(wachtwoord)
    assert "Opgeslagen" in d.view.status_label.text()
    acties = [r[0] for r in d.page.ws.db.conn.execute("SELECT actie FROM audit ORDER BY id")]
    assert "dossier_exporteren" in acties


# --------------------------------------------------------------------------- roles

def test_inzage_button_for_aandachtsfunctionaris(driver):
    d = driver
    d.new_dossier("REG-2008")
    b = d.view.inzage_button
    assert b.isVisible()
    seen = {}

    def close(dlg) -> None:
        from PySide6.QtWidgets import QDialogButtonBox

        seen["title"] = dlg.windowTitle()
        click(dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close))

    with d.modal(close):
        click(b)
    assert seen["title"] == "Wie heeft dit dossier ingezien?"


def test_professional_has_no_inzage_or_cosign_and_beheerder_has_no_meldcode(qtbot, app, tmp_path, type_text, workspace):
    from ghnt_desktop.domain.roles import Rol
    from ghnt_desktop.services.setup import create_workspace

    win = _window(qtbot, workspace)  # beheerder only
    assert "Meldcode" not in [win.nav.item(i).text() for i in range(win.nav.count())]
    win.close()
    ws = create_workspace(tmp_path / "prof", organisatie="T", gemeenten=[("GM0479", "Zaanstad")], login="prof",
                          naam="Piet Prof", passphrase=PASSPHRASE, rollen=frozenset({Rol.PROFESSIONAL}),
                          check_passphrase=False)
    try:
        win = _window(qtbot, ws)
        d = Driver(qtbot, win, type_text)
        assert [win.nav.item(i).text() for i in range(win.nav.count())][0] == "Meldcode"
        d.new_dossier("REG-2009")
        assert not d.view.inzage_button.isVisible()
        assert d.view.step5.medeteken_button.isHidden()
        win.close()
    finally:
        ws.close()


def test_cosign_own_decision_is_refused_with_a_message(driver):
    d = driver
    d.new_dossier("REG-2010")
    d.answer(1, True, "Vermoeden.")
    d.answer(2, True, "Structureel onveilig.")
    _alt(d, 5)
    d.decide()
    b = d.view.step5.medeteken_button
    assert b.isVisible() and b.isEnabled()
    seen = {}

    def ok(box: QMessageBox) -> None:
        seen["text"] = box.text()
        click(box.buttons()[0])

    with d.modal(ok):
        click(b)
    assert "eigen besluit" in seen["text"]


def test_restore_question_format():
    from datetime import datetime

    from ghnt_desktop.ui.meldcode.widgets import restore_question

    q = restore_question(datetime(2026, 3, 4, 9, 5))
    assert q == "Niet afgemaakte invoer van 04-03-2026 09:05 terugzetten?"
    assert re.fullmatch(r"Niet afgemaakte invoer van \d\d-\d\d-\d{4} \d\d:\d\d terugzetten\?", q)
