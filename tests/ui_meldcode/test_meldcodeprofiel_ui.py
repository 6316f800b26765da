"""The meldcode profile on screen: the profile widget by keyboard, the numbering in the steps, the confidentiality
page from stap 3, the organisation's numbers in the acute panel."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from ghnt_desktop.domain.meldcode import GeweldsVorm
from ghnt_desktop.domain.roles import Rol
from ghnt_desktop.services import meldcodeprofiel as mp
from tests.conftest import PASSPHRASE
from tests.ui_meldcode.helpers import Driver, click


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
def beheer_ws(data_dir):
    from ghnt_desktop.services.setup import create_workspace

    ws = create_workspace(data_dir, organisatie="Wijkteams Test", gemeenten=[("GM0479", "Zaanstad")], login="beheer",
                          naam="Bea Beheer", passphrase=PASSPHRASE)
    yield ws
    ws.close()


def _alt(widget, key) -> None:
    """Alt+key as a user presses it: to the widget that has the keyboard focus."""
    QTest.keyClick(QApplication.focusWidget() or widget, key, Qt.KeyboardModifier.AltModifier)
    QTest.qWait(150)  # a button's mnemonic clicks after a short animation


def test_profile_widget_is_saved_by_keyboard(qtbot, app, beheer_ws, type_text):
    from ghnt_desktop.ui.meldcode_profiel_view import MeldcodeProfielView

    ws = beheer_ws
    view = MeldcodeProfielView(ws)
    qtbot.addWidget(view)
    with qtbot.waitExposed(view):
        view.show()
    with qtbot.waitActive(view):
        view.activateWindow()
    assert view.table.tabKeyNavigation() is False
    assert not mp.is_ingesteld(ws)
    view.ev_buttons["aandachtsfunctionaris"].setFocus()
    # every control has a name; mnemonics are unique and leave Alt+A/V/B/H free
    letters = []
    for w in [*view.findChildren(QAbstractButton), *view.findChildren(QLabel)]:
        if isinstance(w, QAbstractButton) and not w.objectName().startswith("qt_"):
            assert w.accessibleName().strip(), w.text()
        m = re.search(r"&(?!amp;|lt;|gt;|&)(\w)", w.text())
        if m:
            letters.append(m.group(1).lower())
    assert len(letters) == len(set(letters)), letters
    assert not set(letters) & set("avbh")

    _alt(view, Qt.Key.Key_5)  # numbering: all in stap 5
    assert view.num_buttons["alles_in_stap5"].isChecked()
    _alt(view, Qt.Key.Key_D)  # eindverantwoordelijke: teamleider
    assert view.ev_buttons["teamleider"].isChecked()
    _alt(view, Qt.Key.Key_L)
    assert view.link.hasFocus()
    type_text(view.link, "https://intranet.example/meldcode")
    with qtbot.waitSignal(view.changed, timeout=2000):
        _alt(view, Qt.Key.Key_O)
    p = mp.profiel(ws)
    assert p.nummering == "alles_in_stap5" and p.eindverantwoordelijke.soort == "teamleider"
    assert p.eigen_meldcode.link == "https://intranet.example/meldcode"
    assert mp.is_ingesteld(ws)
    assert not view.fout.isVisible()

    # named accounts without a choice: an inline Dutch error, nothing saved
    _alt(view, Qt.Key.Key_C)
    assert view.ev_buttons["accounts"].isChecked()
    _alt(view, Qt.Key.Key_O)
    assert view.fout.isVisible() and "kies minstens één collega" in view.fout.text()
    assert mp.eindverantwoordelijke(ws).soort == "teamleider"

    # a contact: choose the Veilig Thuis row, type an own number, save (keyboard only)
    _alt(view, Qt.Key.Key_R)
    assert view.table.hasFocus()
    while view._current().id != "veilig_thuis":
        QTest.keyClick(view.table, Qt.Key.Key_Down)
    _alt(view, Qt.Key.Key_T)
    view.c_telefoon.selectAll()
    type_text(view.c_telefoon, "075-123 45 67")
    with qtbot.waitSignal(view.changed, timeout=2000):
        _alt(view, Qt.Key.Key_S)
    assert mp.contact(ws, "veilig_thuis").telefoon == "075-123 45 67"
    row = next(i for i, c in enumerate(view._contacten) if c.id == "veilig_thuis")
    assert view.table.item(row, 1).text() == "0800-2000"  # national default next to the own value
    assert view.table.item(row, 2).text() == "075-123 45 67"
    # a wrong number gives an inline error
    view.c_telefoon.selectAll()
    type_text(view.c_telefoon, "bel me")
    _alt(view, Qt.Key.Key_S)
    assert view.c_fout.isVisible() and "telefoon" in view.c_fout.text()
    # the acute panel now shows the organisation's own number, the national one as fallback
    from ghnt_desktop.ui.acute_dialog import AcuteDialog

    dlg = AcuteDialog(ws=ws)
    qtbot.addWidget(dlg)
    assert "075-123 45 67" in dlg.text and "0800-0188" in dlg.text and "112" in dlg.text
    assert "0800-0188" in AcuteDialog().text  # without a workspace: national numbers, CSG included


def test_profile_widget_is_read_only_for_others(qtbot, app, mc_ws):
    from ghnt_desktop.ui.meldcode_profiel_view import MeldcodeProfielView

    view = MeldcodeProfielView(mc_ws)
    qtbot.addWidget(view)
    assert not view.save_button.isEnabled() and not view.c_save.isEnabled()
    assert not view.alleen_lezen.isHidden()


def _set_nummering(ws, data_dir, nummering):
    """Change the numbering as a beheerder (added to the fixture's workspace), then back to the professional."""
    from dataclasses import replace

    old = ws.session
    ws.session = replace(old, rollen=frozenset({Rol.BEHEERDER}))
    mp.bewaar_profiel(ws, nummering=nummering, eindverantwoordelijke=mp.eindverantwoordelijke(ws),
                      eigen_meldcode=mp.eigen_meldcode(ws))
    ws.session = old


def test_numbering_variant_changes_the_step_screens(qtbot, app, mc_ws, mc_data_dir, type_text):
    _set_nummering(mc_ws, mc_data_dir, "alles_in_stap5")
    win = _window(qtbot, mc_ws)
    d = Driver(qtbot, win, type_text)
    d.new_dossier("NUM-1", vormen=[GeweldsVorm.PARTNERGEWELD])
    step4, step5 = d.view.page(4), d.view.page(5)
    assert step4.afwegingen == () and step4.afweging_forms == {}
    assert "alle vijf de afwegingen in stap 5" in step4.uitleg.text()
    assert not step4.nummering_note.isHidden()
    assert step5.afwegingen == (1, 2, 3, 4, 5)
    assert "afwegingen 1 tot en met 5" in step5.uitleg.text()
    d.answer(1, True, "Vermoeden van partnergeweld.")
    d.answer(2, True, "Structureel onveilig.")
    assert d.view.tabs.currentIndex() == 4  # both answered in stap 5
    assert d.view.page(4).missing.texts() == [] or all("afweging" not in t.lower() for t in d.view.page(4).missing.texts())
    win.close()


def test_default_numbering_keeps_afweging_1_and_2_in_stap_4(qtbot, app, mc_ws, type_text):
    win = _window(qtbot, mc_ws)
    d = Driver(qtbot, win, type_text)
    d.new_dossier("NUM-2")
    assert d.view.page(4).afwegingen == (1, 2) and set(d.view.page(4).afweging_forms) == {1, 2}
    assert d.view.page(5).afwegingen == (3, 4, 5)
    assert "afweging 1" in d.view.page(4).uitleg.text().lower()
    win.close()


def test_confidentiality_page_is_reachable_from_stap_3(qtbot, app, mc_ws, type_text):
    win = _window(qtbot, mc_ws)
    d = Driver(qtbot, win, type_text)
    d.new_dossier("VERTR-1")
    d.go_to(3)
    b = d.view.page(3).vertrouwelijkheid_button
    seen = {}

    def read(dlg) -> None:
        seen["text"] = dlg.text()
        seen["title"] = dlg.windowTitle()
        click(dlg.buttons.buttons()[0])

    with d.modal(read):
        click(b)
    assert "Wmo 2015, artikel 5.2.6" in seen["text"]
    assert "Conflict van plichten" in seen["text"]
    assert "Zonder toestemming is niet zonder medeweten" in seen["text"]
    assert "Jeugdwet" in seen["text"] and "niet gecontroleerd" in seen["text"]
    # also in stap 2 (overleg) and stap 5 (melden)
    assert d.view.page(2).vertrouwelijkheid_button.accessibleName()
    assert d.view.page(5).vertrouwelijkheid_button.accessibleName()
    win.close()


def test_onze_meldcode_from_the_meldcode_screen(qtbot, app, mc_ws, type_text):
    from dataclasses import replace

    old = mc_ws.session
    mc_ws.session = replace(old, rollen=frozenset({Rol.BEHEERDER}))
    mp.bewaar_profiel(mc_ws, nummering="stap4_en_5", eindverantwoordelijke=mp.eindverantwoordelijke(mc_ws),
                      eigen_meldcode=mp.EigenMeldcode("", "Wij bellen bij twijfel altijd eerst de aandachtsfunctionaris."))
    mc_ws.session = old
    win = _window(qtbot, mc_ws)
    d = Driver(qtbot, win, type_text)
    seen = {}

    def read(dlg) -> None:
        seen["text"] = dlg.text()
        click(dlg.buttons.buttons()[0])

    with d.modal(read):
        click(d.page.overview.onze_meldcode_button)
    assert "eerst de aandachtsfunctionaris" in seen["text"]
    win.close()
