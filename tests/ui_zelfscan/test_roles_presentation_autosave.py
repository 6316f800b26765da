"""Roles, the presentation view, autosave (debounce and the lock hooks), comparisons."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from ghnt_desktop.domain.zelfscan import Antwoord, ScanStatus, Verandering
from ghnt_desktop.services import zelfscan as zs
from ghnt_desktop.ui.modules import registry
from ghnt_desktop.ui.zelfscan.comparison_view import TeamComparisonDialog
from ghnt_desktop.ui.zelfscan.presentation_view import BODY_FACTOR, TITLE_FACTOR
from ghnt_desktop.ui.zelfscan.results_view import table_text
from ghnt_desktop.ui.zelfscan.scan_view import TAB_COMPARISON
from tests.ui_zelfscan.conftest import free_date, team_id


def _row_of_team(page, naam):
    return [r for r in range(page.scan_table.rowCount()) if page.scan_table.item(r, 0).text() == naam]


def test_professional_sees_only_own_team_and_gets_dutch_refusal(qtbot, open_window):
    ws, win, page = open_window("professional")
    assert any(m.key == "zelfscan" for m in win.modules)
    teams_shown = {page.scan_table.item(r, 0).text() for r in range(page.scan_table.rowCount())}
    assert teams_shown == {"Wijkteam Zaandam-Oost"}
    assert page.scan_table.rowCount() == len(zs.scans(ws)) > 0
    assert [page.team_filter.itemText(i) for i in range(page.team_filter.count())] == [
        "Alle teams", "Wijkteam Zaandam-Oost (Wijkteam)"]
    assert not page.catalog_box.isVisible()
    assert not page.export_button.isVisible() and not page.import_button.isVisible()
    # an ingevuld scan: a professional cannot vaststellen
    sid = zs.maak_scan(ws, team_id=team_id(ws, "Wijkteam Zaandam-Oost"), peildatum=free_date(), deelnemers=[])
    _s, cat = zs.laad_scan(ws, sid)
    for s in cat.standaarden:
        zs.bewaar_antwoord(ws, sid, Antwoord(s.id, "V"))
    zs.zet_status(ws, sid, ScanStatus.INGEVULD)
    view = page.open_scan(sid)
    assert view.concept_button.isVisible() and not view.vaststellen_button.isVisible()
    view._back()

    # a scan of another team (its id read straight from the database): refused with a Dutch message
    other = ws.db.conn.execute(
        "SELECT z.id FROM zelfscan z JOIN team t ON t.id = z.team_id WHERE t.naam = 'Wijkteam Purmerend' "
        "LIMIT 1").fetchone()[0]
    seen = []

    def close_message():
        box = QApplication.activeModalWidget()
        if box is not None:
            seen.append(box.text())
            box.accept()

    QTimer.singleShot(50, close_message)
    assert page.open_scan(other) is None
    assert seen and "geen lid" in seen[0]
    assert page.scan_view is None


def test_module_is_offered_to_the_right_roles(qtbot):
    from ghnt_desktop.domain.roles import Rol
    from ghnt_desktop.storage.workspace import Session

    module = next(m for m in registry() if m.key == "zelfscan")
    assert module.factory is not None
    for rol in Rol:
        session = Session("x", "x", "x", frozenset({rol}))
        assert module.beschikbaar_voor(session) is True  # every role has a zelfscan or catalogue right
    assert module.beschikbaar_voor(Session("x", "x", "x", frozenset())) is False


def test_presentation_view_large_text_follows_app_font_and_keys(qtbot, open_window, keyboard):
    ws, win, page = open_window("manager")
    sid = zs.maak_scan(ws, team_id=team_id(ws, "Wijkteam Purmerend"), peildatum=free_date(), deelnemers=[])
    view = page.open_scan(sid)
    av = view.answer_view
    keyboard.alt("t")
    keyboard.type("Wij bespreken dit samen.")
    keyboard.press(Qt.Key.Key_F11)
    assert view.presenting and view.presentation.isVisible()
    assert win.windowState() & Qt.WindowState.WindowFullScreen
    assert keyboard.focus is view.presentation
    pv = view.presentation
    base = QApplication.font().pointSizeF()
    assert pv.title_label.font().pointSizeF() == base * TITLE_FACTOR
    assert pv.explanation_label.font().pointSizeF() == base * BODY_FACTOR
    assert "LT-01" in pv.title_label.text() and "Hulpvragen" in pv.questions_label.text()
    assert "nog geen antwoord" in pv.answer_label.text()
    assert "Wij bespreken dit samen." in pv.team_note_label.text()
    win.change_text_size(+2)
    qtbot.waitUntil(lambda: pv.title_label.font().pointSizeF() == (base + 2) * TITLE_FACTOR, timeout=1000)
    assert pv.explanation_label.font().pointSizeF() == (base + 2) * BODY_FACTOR
    win.change_text_size(0)
    keyboard.press(Qt.Key.Key_2)
    # an answer never makes a verbeterpunt by itself; Alt+P does, also in the presentation
    assert "Voldoet gedeeltelijk" in pv.answer_label.text() and "verbeterpunt" not in pv.answer_label.text()
    keyboard.press(Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert "verbeterpunt" in pv.answer_label.text()
    keyboard.press(Qt.Key.Key_PageDown)
    assert "LT-07" in pv.title_label.text()  # second in display order (theme "visie")
    keyboard.press(Qt.Key.Key_1)
    keyboard.press(Qt.Key.Key_F11)
    assert not view.presenting and not (win.windowState() & Qt.WindowState.WindowFullScreen)
    av.flush()
    scan, _ = zs.laad_scan(ws, sid)
    assert scan.antwoord_voor("LT-01").code == "D" and scan.antwoord_voor("LT-01").verbeterpunt
    assert scan.antwoord_voor("LT-07").code == "V"


def test_autosave_is_debounced_and_lock_flushes(qtbot, open_window, keyboard, monkeypatch):
    ws, win, page = open_window("manager")
    sid = zs.maak_scan(ws, team_id=team_id(ws, "Wijkteam Purmerend"), peildatum=free_date(), deelnemers=[])
    view = page.open_scan(sid)
    av = view.answer_view
    calls = []
    real = zs.bewaar_antwoord

    def counting(ws_, scan_id, antwoord):
        calls.append(antwoord)
        return real(ws_, scan_id, antwoord)

    monkeypatch.setattr(zs, "bewaar_antwoord", counting)
    keyboard.press(Qt.Key.Key_3)
    keyboard.alt("t")
    keyboard.type("Tien tekens")
    assert calls == [] and av.pending  # nothing yet: debounced
    qtbot.waitUntil(lambda: not av.pending, timeout=1500)
    assert len(calls) == 1 and calls[0].toelichting == "Tien tekens" and calls[0].code == "N"
    assert av.save_status.text() == "Alles is opgeslagen."
    # typing and locking at once: the lock hook saves before the screen is hidden
    keyboard.type(" en meer")
    assert av.pending
    keyboard.press(Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: win.is_locked)
    assert not av.pending
    assert zs.laad_scan(ws, sid)[0].antwoord_voor("LT-01").toelichting == "Tien tekens en meer"
    qtbot.waitUntil(lambda: getattr(win, "unlock_dialog", None) is not None and win.unlock_dialog.isVisible())
    qtbot.keyClicks(win.unlock_dialog.pass_edit, "demo")
    qtbot.keyClick(win.unlock_dialog.pass_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not win.is_locked)
    assert page.scan_view is view and av.toelichting_edit.toPlainText() == "Tien tekens en meer"


def test_comparison_with_previous_scan_and_between_teams(qtbot, open_window, keyboard):
    ws, win, page = open_window("manager")
    concept = next(s for s in zs.scans(ws, status=ScanStatus.CONCEPT) if s.team_naam == "Wijkteam Zaandam-Oost")
    expected = zs.vergelijking_met_vorige(ws, concept.id)
    assert expected is not None
    view = page.open_scan(concept.id)
    keyboard.alt("l")  # Verge&lijken
    assert view.tabs.currentIndex() == TAB_COMPARISON
    cv = view.comparison_view
    assert "peildatum" in cv.intro.text()
    counts = {row[0]: int(row[1]) for row in table_text(cv.summary_table)}
    assert counts == {v.label: n for v, n in expected.aantallen.items() if n}
    assert cv.table.rowCount() == len(expected.regels)
    cv.filter_combo.setCurrentIndex(cv.filter_combo.findText(Verandering.VERBETERD.label))
    rows = table_text(cv.table)
    assert rows and all(r[4] == "Verbeterd" for r in rows)
    assert len(rows) == expected.aantallen[Verandering.VERBETERD]

    # between the teams of Zaanstad
    keyboard.alt("n")
    page.scan_table.setFocus()
    keyboard.alt("t")  # &Teams vergelijken…
    qtbot.waitUntil(lambda: isinstance(page.dialog, TeamComparisonDialog) and page.dialog.isVisible())
    dlg = page.dialog
    dlg.gemeente_combo.setCurrentIndex(dlg.gemeente_combo.findData("GM0479"))
    tv = zs.teamvergelijking(ws, "GM0479")
    headers = [dlg.table.horizontalHeaderItem(c).text() for c in range(dlg.table.columnCount())]
    assert headers == ["Thema", *tv.teams] and len(tv.teams) == 2
    rows = table_text(dlg.table)
    assert [r[0] for r in rows] == [r.thema_naam for r in tv.rijen] + ["Totaal"]
    for r, expected_row in zip(rows, tv.rijen):
        for cell, t in zip(r[1:], expected_row.tellingen):
            assert cell.startswith(f"{t.percentage_afgerond} %" if t.percentage_afgerond is not None else "geen score")
    assert "peildatum" in dlg.info.text()
    dlg.reject()


def test_leaving_the_screen_ends_the_presentation(qtbot, open_window, keyboard):
    ws, win, page = open_window("manager")
    sid = zs.maak_scan(ws, team_id=team_id(ws, "Wijkteam Purmerend"), peildatum=free_date(), deelnemers=[])
    view = page.open_scan(sid)
    keyboard.press(Qt.Key.Key_F11)
    assert view.presenting and win.windowState() & Qt.WindowState.WindowFullScreen
    win.nav.setCurrentRow(next(i for i, m in enumerate(win.modules) if m.key != "zelfscan"))  # another module
    assert not view.presenting and not (win.windowState() & Qt.WindowState.WindowFullScreen)
