"""Autosave: nothing typed is lost when the window closes, the app is killed or the screen locks."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from ghnt_desktop.services import meldcode as svc
from tests.conftest import PASSPHRASE, ROOT
from tests.ui_meldcode.helpers import Driver, Modal, button, click


def _window(qtbot, ws):
    from ghnt_desktop.ui.main_window import MainWindow

    win = MainWindow(ws)
    qtbot.addWidget(win)
    with qtbot.waitExposed(win):
        win.show()
    with qtbot.waitActive(win):
        win.activateWindow()
    return win


def _open_from_list(d: Driver, ref: str, handler) -> None:
    """Select the dossier in the list and press Enter; ``handler`` answers the recovery question."""
    table = d.page.overview.table
    model = d.page.overview.model
    row = next(i for i in range(model.rowCount()) if model.row_at(i).client_referentie == ref)
    table.setFocus()
    table.setCurrentIndex(model.index(row, 0))
    if handler is None:
        QTest.keyClick(table, Qt.Key.Key_Return)
    else:
        with d.modal(handler, kind=QMessageBox):
            QTest.keyClick(table, Qt.Key.Key_Return)
    d.qtbot.waitUntil(lambda: d.page.view is not None)


def test_autosave_survives_closing_the_window_mid_edit(qtbot, app, mc_ws, mc_data_dir, type_text):
    from ghnt_desktop.services.login import login

    win = _window(qtbot, mc_ws)
    d = Driver(qtbot, win, type_text)
    d.new_dossier("REG-3001")
    did = d.view.dossier_id
    f = d.view.step1.signaal_form
    d.type(f.fields["omschrijving"], "Juf zag blauwe plekken – Eliëtte zei ‘gevallen’ €")
    # saved by itself within a second, without any button
    qtbot.waitUntil(lambda: "signaal" in svc.concepten(mc_ws, did), timeout=1000)
    # keep typing elsewhere and close the window at once: nothing clicked, nothing waited for
    d.type(d.view.step1.kindcheck_form.fields["wie_zorgt"], "oma")
    win.close()
    mc_ws.close()

    ws2 = login(mc_data_dir, "pro", PASSPHRASE)
    try:
        win2 = _window(qtbot, ws2)
        d2 = Driver(qtbot, win2, type_text)
        seen = {}

        def accept(box: QMessageBox) -> None:
            seen["text"] = box.text()
            click(button(box, "Terugzetten"))

        _open_from_list(d2, "REG-3001", accept)
        assert re.fullmatch(r"Niet afgemaakte invoer van \d\d-\d\d-\d{4} \d\d:\d\d terugzetten\?", seen["text"])
        step1 = d2.view.step1
        assert step1.signaal_form.fields["omschrijving"].toPlainText() == \
            "Juf zag blauwe plekken – Eliëtte zei ‘gevallen’ €"
        assert step1.kindcheck_form.fields["wie_zorgt"].text() == "oma"
        # restored input can be stored as usual, and the draft is then gone
        click(step1.signaal_form.add_button)
        assert d2.dossier.signalen[-1].omschrijving.startswith("Juf zag blauwe plekken")
        assert "signaal" not in svc.concepten(ws2, did)

        # choosing "Weggooien" removes the remaining draft
        click(d2.view.back_button)
        _open_from_list(d2, "REG-3001", lambda box: click(button(box, "Weggooien")))
        assert svc.concepten(ws2, did) == {}
        assert d2.view.step1.kindcheck_form.fields["wie_zorgt"].text() == ""
        # and next time nothing is asked
        click(d2.view.back_button)
        _open_from_list(d2, "REG-3001", None)
        win2.close()
    finally:
        ws2.close()


KILL_SCRIPT = textwrap.dedent("""
    import os, signal, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication
    from ghnt_desktop.ui.app import make_app
    from ghnt_desktop.services.login import login
    from ghnt_desktop.ui.main_window import MainWindow

    app = make_app()
    ws = login(sys.argv[1], "pro", sys.argv[2])
    win = MainWindow(ws)
    win.show()
    page = win.page("meldcode")
    page.open_dossier(int(sys.argv[3]))
    field = page.view.step3.gesprek_form.fields["reactie_client"]
    field.setFocus()

    def type_text(widget, text):
        for ch in text:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
                QApplication.sendEvent(widget, event)

    type_text(field, "Moeder huilde en vertelde over de ruzies.")
    from PySide6.QtCore import QTimer

    # within a second of the last keystroke: kill -9 (no close event, no flush: a crash)
    QTimer.singleShot(900, lambda: os.kill(os.getpid(), signal.SIGKILL))
    app.exec()
""")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_autosave_survives_a_kill(qtbot, app, mc_ws, mc_data_dir, type_text, tmp_path):
    from ghnt_desktop.services.login import login

    did = svc.maak(mc_ws, client_referentie="REG-3002", gemeente_code="GM0479", vormen=set(), betrokkenen=[])
    mc_ws.close()
    script = tmp_path / "kill.py"
    script.write_text(KILL_SCRIPT, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, str(script), str(mc_data_dir), PASSPHRASE, str(did)], env=env, cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == -9, r.stderr[-2000:]
    ws = login(mc_data_dir, "pro", PASSPHRASE)
    try:
        win = _window(qtbot, ws)
        d = Driver(qtbot, win, type_text)
        _open_from_list(d, "REG-3002", lambda box: click(button(box, "Terugzetten")))
        assert d.view.tabs.currentIndex() == 2  # the step with the recovered input
        assert d.view.step3.gesprek_form.fields["reactie_client"].toPlainText() == \
            "Moeder huilde en vertelde over de ruzies."
        win.close()
    finally:
        ws.close()


def test_lock_clears_case_content_and_unlock_returns_to_the_same_dossier_and_step(qtbot, app, mc_ws, type_text):
    win = _window(qtbot, mc_ws)
    d = Driver(qtbot, win, type_text)
    d.new_dossier("REG-3003")
    did = d.view.dossier_id
    d.go_to(2)
    d.type(d.view.step2.form.fields["advies"], "Nog niet af")
    QTest.keyClick(d.view.step2.form.fields["advies"], Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(win, "unlock_dialog", None) is not None and win.unlock_dialog.isVisible())
    page = d.page
    assert win.is_locked
    assert page.view is None and page.overview.model.rowCount() == 0 and page.overview.attention.rowCount() == 0
    texts = " ".join(w.text() for w in win.findChildren(type(win.lock_screen)) if w.isVisible())
    assert "REG-3003" not in texts
    assert svc.concepten(mc_ws, did)["consultatie"][0]["waarden"]["advies"] == "Nog niet af"  # flushed at once
    dlg = win.unlock_dialog
    QTest.keyClicks(dlg.pass_edit, PASSPHRASE)
    QTest.keyClick(dlg.pass_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not win.is_locked)
    assert page.view is not None and page.view.dossier_id == did
    assert page.view.tabs.currentIndex() == 1
    assert page.view.step2.form.fields["advies"].toPlainText() == "Nog niet af"  # no question after an unlock
    assert page.overview.model.rowCount() == 1
    win.close()


def test_lock_while_a_dialog_is_open_removes_it_and_brings_it_back_with_what_was_typed(qtbot, app, mc_ws, type_text):
    """Issue 16.3: the lock takes the dialog and the dossier off the screen, but not what was typed in it."""
    from ghnt_desktop.ui.meldcode.dossier_view import DIALOOG_KEY, ReasonDialog

    win = _window(qtbot, mc_ws)
    d = Driver(qtbot, win, type_text)
    d.new_dossier("REG-3004")
    did = d.view.dossier_id

    def lock_now(dlg: ReasonDialog) -> None:
        dlg.reden.selectAll()
        d.type(dlg.reden, "Vertrouwelijke reden")
        win.lock()  # the idle timer fires while the dialog is open

    with Modal(qtbot, lock_now, kind=ReasonDialog):
        click(d.view.close_button)
    qtbot.waitUntil(lambda: getattr(win, "unlock_dialog", None) is not None and win.unlock_dialog.isVisible())
    assert d.page.view is None
    assert not [w for w in d.page.findChildren(ReasonDialog) if w.isVisible()]
    assert svc.laad(mc_ws, did).status.value == "open"  # cancelled, not closed
    assert svc.concepten(mc_ws, did)[DIALOOG_KEY][0] == {"soort": "afsluiten",
                                                         "waarden": {"reden": "Vertrouwelijke reden"}}
    seen = {}

    def back_again(dlg: ReasonDialog) -> None:
        seen["reden"] = dlg.reden.toPlainText()
        click(button(dlg, "Annuleren"))

    dlg = win.unlock_dialog
    QTest.keyClicks(dlg.pass_edit, PASSPHRASE)
    with Modal(qtbot, back_again, kind=ReasonDialog):
        QTest.keyClick(dlg.pass_edit, Qt.Key.Key_Return)
    assert seen["reden"] == "Vertrouwelijke reden"  # the dialog came back as it was
    assert not win.is_locked
    assert d.page.view is not None and d.page.view.dossier_id == did
    assert DIALOOG_KEY not in svc.concepten(mc_ws, did)  # cancelled now by the user: nothing left over
    assert svc.laad(mc_ws, did).status.value == "open"
    win.close()


def test_closing_the_recovery_question_without_a_choice_keeps_the_drafts(qtbot, app, mc_ws, type_text):
    did = svc.maak(mc_ws, client_referentie="REG-3005", gemeente_code="GM0479", vormen=set(), betrokkenen=[])
    svc.bewaar_concept(mc_ws, did, "gesprek", {"waarden": {"reactie_client": "half af"}, "correctie_van": None})
    win = _window(qtbot, mc_ws)
    d = Driver(qtbot, win, type_text)
    _open_from_list(d, "REG-3005", lambda box: box.reject())
    assert d.view.step3.gesprek_form.fields["reactie_client"].toPlainText() == ""
    assert "gesprek" in svc.concepten(mc_ws, did)
    win.close()
