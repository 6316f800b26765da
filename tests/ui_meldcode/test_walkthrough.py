"""A dossier walked through all five steps through the real widgets, once per outcome of the afwegingskader."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from ghnt_desktop.domain.meldcode import DossierStatus, GeweldsVorm, ontbrekend
from tests.ui_meldcode.helpers import Driver, button, choose, click, click_in_box


@pytest.fixture
def driver(qtbot, app, mc_ws, type_text):
    from ghnt_desktop.ui.main_window import MainWindow

    win = MainWindow(mc_ws)
    qtbot.addWidget(win)
    with qtbot.waitExposed(win):
        win.show()
    with qtbot.waitActive(win):
        win.activateWindow()
    d = Driver(qtbot, win, type_text)
    yield d
    win.close()


def _to_step4(d: Driver, ref: str) -> None:
    d.new_dossier(ref, vormen=[GeweldsVorm.PARTNERGEWELD])
    assert d.dossier.client_referentie == ref
    assert d.view.tabs.currentIndex() == 0
    d.step1_complete()
    d.step2_complete()
    d.step3_complete()
    assert d.view.tabs.currentIndex() == 3


def _no_required(d: Driver, stap: int) -> None:
    assert [o.tekst for o in ontbrekend(d.dossier, stap) if o.verplicht] == []
    assert d.required_missing(stap) == []


def test_afsluiten_at_afweging_1(driver):
    d = driver
    _to_step4(d, "REG-1001")
    step4 = d.view.step4
    assert not step4.close_button.isVisible()
    # afweging 2 is not yet open: said in words, not only greyed out
    assert "Beantwoord eerst afweging 1" in step4.afweging_forms[2].state_note.text()
    d.answer(1, False, "Het gesprek nam de zorg helemaal weg: moeder was van de fiets gevallen.")
    u = d.dossier.uitkomst()
    assert u.afsluiten and u.volgende is None
    assert "Sluit de meldcode af" in step4.uitkomst.text()
    assert "niet nodig" in step4.afweging_forms[2].state_note.text()
    _no_required(d, 4)
    d.close_dossier(step4.close_button)
    assert d.dossier.status is DossierStatus.AFGESLOTEN
    assert d.view.reopen_button.isVisible() and "afgesloten" in d.view.closed_note.text()
    history = d.history()
    assert any(r[2] == "Afgesloten" and r[1] == "Pia Prof" for r in history)


def test_melden_at_afweging_2(driver):
    d = driver
    _to_step4(d, "REG-1002")
    d.answer(1, True, "Signalen en gesprek wijzen op partnergeweld.")
    d.answer(2, True, "Herhaald geweld met letsel: structureel onveilig.")
    u = d.dossier.uitkomst()
    assert u.melden and u.meldnorm == 1 and u.samen_met_veilig_thuis
    d.next_step(4)
    step5 = d.view.step5
    assert "samen met Veilig Thuis" in " ".join(step5.warnings.texts())
    d.decide("Acute of structurele onveiligheid: melden volgens meldnorm 1.")
    b = d.dossier.laatste_besluit()
    assert b.melden and b.meldnorm == 1 and b.besluit_door == "Pia Prof"
    assert step5.melding_form.isVisible()
    d.record_melding()
    m = d.dossier.meldingen[-1]
    assert m.client_geinformeerd is True and m.anoniem_grond is None
    # the melding is complete; afweging 3-5 follow together with Veilig Thuis
    assert [o.code for o in ontbrekend(d.dossier, 5) if o.verplicht] == ["afweging_3"]
    assert d.required_missing(5) == [f"Nodig: {o.tekst}" for o in ontbrekend(d.dossier, 5) if o.verplicht]
    assert step5.afweging_forms[3].isVisible() and step5.afweging_forms[3].add_button.isEnabled()


def test_melden_at_afweging_3(driver):
    d = driver
    _to_step4(d, "REG-1003")
    d.answer(1, True, "Vermoeden blijft na het gesprek.")
    d.answer(2, False, "Geen acute of structurele onveiligheid gezien.")
    d.next_step(4)
    step5 = d.view.step5
    assert step5.afweging_forms[3].isVisible()
    assert not step5.afweging_forms[4].isVisible() and not step5.afweging_forms[5].isVisible()
    assert "verschijnt hier" in step5.waiting.text()
    d.answer(3, False, "Wij hebben geen passende hulp voor deze problematiek.")
    u = d.dossier.uitkomst()
    assert u.melden and u.meldnorm == 2 and u.volgende is None
    d.decide()
    assert d.dossier.laatste_besluit().meldnorm == 2
    d.record_melding()
    _no_required(d, 5)


def _to_hulp(d: Driver, ref: str, evaluatie: date) -> None:
    _to_step4(d, ref)
    d.answer(1, True, "Vermoeden van partnergeweld.")
    d.answer(2, False, "Niet acuut en niet structureel.")
    d.next_step(4)
    d.answer(3, True, "Wij kunnen opvoedondersteuning en relatietherapie regelen.")
    d.answer(4, True, "Beide ouders willen meedoen.")
    u = d.dossier.uitkomst()
    assert u.hulp and not u.melden and u.volgende == 5
    step5 = d.view.step5
    assert step5.hulp_form.isVisible() and not step5.melding_form.isVisible()
    d.decide("Hulp bieden, geen melding nodig.")
    b = d.dossier.laatste_besluit()
    assert b.hulp and not b.melden and b.meldnorm is None
    assert "hulp_evaluatiedatum" not in [o.code for o in ontbrekend(d.dossier, 5)]
    d.record_hulp(evaluatie)
    assert d.dossier.hulp[-1].evaluatiedatum == evaluatie
    _no_required(d, 5)
    assert "evaluatie" in step5.evaluatie_note.text()


def test_hulp_then_afweging_5_ja_closes(driver):
    d = driver
    _to_hulp(d, "REG-1004", date.today() + timedelta(weeks=6))
    step5 = d.view.step5
    # at the evaluation
    d.answer(5, True, "Geen geweld meer sinds de hulp; afspraken worden nagekomen.")
    u = d.dossier.uitkomst()
    assert u.afsluiten and not u.melden
    assert step5.close_button.isVisible()
    d.close_dossier(step5.close_button)


def test_hulp_then_afweging_5_nee_melden_opnieuw(driver):
    d = driver
    _to_hulp(d, "REG-1005", date.today() + timedelta(weeks=4))
    d.answer(5, False, "Het geweld gaat door ondanks de hulp.")
    u = d.dossier.uitkomst()
    assert u.melden and u.meldnorm == 3
    # the earlier decision (hulp) no longer matches: a melding is now needed
    d.decide("Hulp werkt niet: (opnieuw) melden, meldnorm 3.")
    b = d.dossier.laatste_besluit()
    assert b.melden and b.meldnorm == 3 and not b.hulp
    assert "melding" in [o.code for o in ontbrekend(d.dossier, 5)]
    d.record_melding()
    _no_required(d, 5)
    # later: feedback from Veilig Thuis
    f = d.view.step5.terugkoppeling_form
    choose(f.fields["soort"], "besluit_veiligheidsbeoordeling")
    d.type(f.fields["inhoud"], "Veilig Thuis start een onderzoek.")
    click(f.add_button)
    assert len(d.dossier.terugkoppelingen) == 1


def test_reopen_starts_again_at_step_1_with_history(driver):
    d = driver
    _to_step4(d, "REG-1006")
    d.answer(1, False, "Zorg weggenomen.")
    d.close_dossier(d.view.step4.close_button)
    signalen = len(d.dossier.signalen)

    def handle(dlg) -> None:
        d.type(dlg.reden, "Nieuwe signalen van school.")
        click(dlg.ok_button)

    from ghnt_desktop.ui.meldcode.dossier_view import ReasonDialog

    with d.modal(handle, kind=ReasonDialog):
        click(d.view.reopen_button)
    assert d.dossier.status is DossierStatus.OPEN
    assert d.dossier.huidige_stap == 1 and d.dossier.ronde == 2
    assert d.view.tabs.currentIndex() == 0
    assert len(d.dossier.signalen) == signalen  # history kept
    assert d.dossier.huidige_antwoorden() == {}  # a new round of afwegingen
    assert "Nog niet beantwoord" in d.view.step4.afweging_forms[1].current.text()
    # the afweging of the earlier round is still in the history
    assert len(d.dossier.afwegingen) == 1


def test_tab_keys_and_ctrl_enter(driver):
    d = driver
    d.new_dossier("REG-1007")
    view = d.view
    for n in (3, 5, 1, 4, 2):
        QTest.keyClick(view.tabs.currentWidget(), getattr(Qt.Key, f"Key_{n}"), Qt.KeyboardModifier.AltModifier)
        assert view.tabs.currentIndex() == n - 1
    QTest.keyClick(view.tabs.currentWidget(), Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    d.add_signal("Kind komt vaak te laat en heeft honger.", with_ctrl_enter=True)
    assert d.dossier.signalen[0].omschrijving == "Kind komt vaak te laat en heeft honger."
    assert d.view.step1.signaal_form.fields["omschrijving"].toPlainText() == ""


def test_advance_with_missing_items_asks_and_never_blocks_silently(driver):
    d = driver
    d.new_dossier("REG-1008")
    step1 = d.view.step1
    assert any(t.startswith("Nodig: Leg minstens") for t in step1.missing.texts())
    seen = {}

    def stay(box) -> None:
        seen["text"] = box.text()
        click(button(box, "Blijven"))

    with d.modal(stay):
        click(step1.next_button)
    assert "Leg minstens één signaal vast" in seen["text"]
    assert d.dossier.huidige_stap == 1
    with d.modal(click_in_box("Toch naar stap 2")):
        click(step1.next_button)
    assert d.dossier.huidige_stap == 2 and d.view.tabs.currentIndex() == 1
    # what was missing stays visible
    assert any(t.startswith("Nodig:") for t in step1.missing.texts())
