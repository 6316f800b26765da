"""A whole zelfscan with the keyboard only: new scan, answers, toelichting, verbeterpunt, status."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ghnt_desktop.domain.zelfscan import DeelnemerRol, Prioriteit, ScanStatus
from ghnt_desktop.services import zelfscan as zs
from tests.ui_zelfscan.conftest import ALT, CTRL

# The werkversie scale: 1 Voldoet, 2 Voldoet gedeeltelijk, 3 Voldoet niet, 4 Weet niet, 5 Niet van toepassing.
KEY_FOR = {"V": Qt.Key.Key_1, "D": Qt.Key.Key_2, "N": Qt.Key.Key_3, "O": Qt.Key.Key_4, "NVT": Qt.Key.Key_5}


def test_whole_scan_with_the_keyboard_only(qtbot, open_window, keyboard):
    ws, win, page = open_window("demo")
    before = {s.id for s in zs.scans(ws)}

    # --- a new scan: team, peildatum (today), two participants -------------------------------------
    page.scan_table.setFocus()  # starting point: the list of scans
    keyboard.alt("n")  # &Nieuwe zelfscan…
    qtbot.waitUntil(lambda: page.dialog is not None and QApplication.activeWindow() is page.dialog)
    dlg = page.dialog
    keyboard.alt("m")  # Tea&m
    assert keyboard.focus is dlg.team_combo
    keyboard.press(Qt.Key.Key_End)  # the last team: Wijkteam Zaandam-Oost
    assert dlg.team_combo.currentText().startswith("Wijkteam Zaandam-Oost")
    assert dlg.gemeente_codes() == ["GM0479"]
    keyboard.alt("r")  # &Rol: Teamleider is first
    keyboard.alt("e")  # Naam (ni&et verplicht)
    keyboard.type("Eliëtte Ĳzerman")
    keyboard.alt("t")  # &Toevoegen
    keyboard.alt("r")
    keyboard.press(Qt.Key.Key_Down)  # Professional
    keyboard.alt("t")  # without a name
    assert [d.rol for d in dlg.participants.deelnemers()] == [DeelnemerRol.TEAMLEIDER, DeelnemerRol.PROFESSIONAL]
    keyboard.alt("k")  # Zelfscan ma&ken
    # the demo team already has a concept: the app asks first (default: Nee)
    qtbot.waitUntil(lambda: dlg.question is not None and QApplication.activeWindow() is dlg.question)
    assert dlg.question.text() == "Er is al een concept voor dit team. Toch een nieuwe maken?"
    keyboard.alt("j")  # &Ja, toch een nieuwe maken
    qtbot.waitUntil(lambda: page.scan_view is not None)
    view = page.scan_view
    scan_id = view.scan_id
    assert scan_id not in before
    assert view.scan.peildatum == date.today()
    assert view.scan.deelnemers[0].naam == "Eliëtte Ĳzerman" and view.scan.deelnemers[1].naam is None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    av = view.answer_view
    assert keyboard.focus is av.standard_list
    assert "werkversie" in view.catalog_notice.text() and "2019-werkversie-1" in view.catalog_notice.text()

    # --- answer every standard ---------------------------------------------------------------------------
    ids = [s.id for s in av.standaarden]
    plan = {sid: "V" for sid in ids}
    plan.update({"LT-02": "D", "LT-05": "N", "LT-09": "NVT", "GM-06": "O"})
    for i, sid in enumerate(ids):
        assert av.current_standard.id == sid
        code = plan[sid]
        if sid == "LT-05":
            # type first, then answer with Alt+digit (a plain digit would be typed into the text)
            keyboard.alt("t")
            assert keyboard.focus is av.toelichting_edit
            keyboard.type("Na een overdracht raakt de veiligheid uit beeld; 3 keer in 2024.")
            keyboard.press(KEY_FOR[code], ALT)
            assert av.toelichting_edit.toPlainText().endswith("in 2024.")  # the digit was not typed
            keyboard.alt("e")
            keyboard.type("Casusbespreking 12-03")
            # "Voldoet niet" only suggests a verbeterpunt (a hint); the user sets it, then the priority
            assert not av.verbeterpunt_check.isChecked() and av.verbeterpunt_hint.isVisible()
            keyboard.alt("p")
            assert av.verbeterpunt_check.isChecked() and keyboard.focus is av.bewijs_edit  # focus stays
            keyboard.alt("r")
            keyboard.press(Qt.Key.Key_Down)  # Hoog
        elif sid == "LT-03":
            keyboard.press(KEY_FOR[code])
            # a verbeterpunt on a standard that "voldoet": switch it on, priority Laag
            assert not av.verbeterpunt_check.isChecked()
            keyboard.alt("p")
            assert av.verbeterpunt_check.isChecked()
            keyboard.alt("r")
            keyboard.press(Qt.Key.Key_End)  # Laag
        elif sid == "LT-02":
            keyboard.press(KEY_FOR[code])
            assert not av.verbeterpunt_check.isChecked()  # "Voldoet gedeeltelijk" does not tick it by itself
        else:
            keyboard.press(KEY_FOR[code])
        assert av.current_answer().code == code
        if i < len(ids) - 1:
            if i % 3 == 0:
                keyboard.press(Qt.Key.Key_Return, CTRL)
            elif i % 3 == 1:
                keyboard.press(Qt.Key.Key_PageDown)
            else:
                keyboard.press(Qt.Key.Key_Right, ALT)
    # back and forth
    keyboard.press(Qt.Key.Key_PageUp)
    assert av.current_standard.id == ids[-2]
    keyboard.press(Qt.Key.Key_Left, ALT)
    assert av.current_standard.id == ids[-3]
    assert av.progress.value() == len(ids) == av.progress.maximum()

    # autosave: everything is in the database without any explicit save
    qtbot.waitUntil(lambda: not av.pending, timeout=2000)
    scan, _ = zs.laad_scan(ws, scan_id)
    stored = {a.standaard_id: a for a in scan.antwoorden}
    assert {sid: a.code for sid, a in stored.items()} == plan
    assert stored["LT-05"].toelichting == "Na een overdracht raakt de veiligheid uit beeld; 3 keer in 2024."
    assert stored["LT-05"].bewijs == "Casusbespreking 12-03"
    assert (stored["LT-05"].verbeterpunt, stored["LT-05"].prioriteit) == (True, Prioriteit.HOOG)
    assert (stored["LT-03"].verbeterpunt, stored["LT-03"].prioriteit) == (True, Prioriteit.LAAG)
    assert (stored["LT-02"].verbeterpunt, stored["LT-02"].prioriteit) == (False, None)
    assert stored["GM-06"].verbeterpunt is False  # "Weet niet" suggests nothing

    # --- status: ingevuld, then vastgesteld ----------------------------------------------------------------
    keyboard.alt("i")  # Markeer als &ingevuld
    qtbot.waitUntil(lambda: page.scan_view is not view)
    view = page.scan_view
    assert zs.scan_info(ws, scan_id).status is ScanStatus.INGEVULD
    assert view.vaststellen_button.isVisible() and view.concept_button.isVisible()
    keyboard.alt("s")  # Vast&stellen…
    qtbot.waitUntil(lambda: view.dialog is not None and QApplication.activeWindow() is view.dialog)
    keyboard.alt("v")  # Ja, &vaststellen
    qtbot.waitUntil(lambda: page.scan_view is not view)
    view = page.scan_view
    info = zs.scan_info(ws, scan_id)
    assert info.status is ScanStatus.VASTGESTELD and info.vastgesteld_op == date.today()
    assert view.read_only and view.read_only_label.isVisible()
    assert not view.answer_view.option_buttons["V"].isEnabled()

    # the results tab (Alt+U) shows the scan's numbers; back to the overview with Alt+N
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    keyboard.alt("u")
    assert view.tabs.currentIndex() == 1
    assert view.results_view.theme_table.item(view.results_view.theme_table.rowCount() - 1, 1).text() == "88 %"
    keyboard.alt("n")
    assert page.scan_view is None and page.stack.currentWidget() is page.overview
    row = next(r for r in range(page.scan_table.rowCount())
               if page.scan_table.item(r, 0).data(Qt.ItemDataRole.UserRole) == scan_id)
    assert page.scan_table.item(row, 5).text() == "Vastgesteld"
    assert page.scan_table.item(row, 6).text() == "18 van 18"
