"""Dossier list (batches, filters, search), "Wat vraagt aandacht", keyboard and accessible names."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QApplication, QComboBox, QLabel, QLineEdit,
                               QListWidget, QPlainTextEdit, QTableView, QWidget)

from ghnt_desktop.domain import meldcode as dm
from ghnt_desktop.services import meldcode as svc
from tests.ui_meldcode.helpers import Driver, choose


def _window(qtbot, ws):
    from ghnt_desktop.ui.main_window import MainWindow

    win = MainWindow(ws)
    qtbot.addWidget(win)
    with qtbot.waitExposed(win):
        win.show()
    with qtbot.waitActive(win):
        win.activateWindow()
    return win


# --------------------------------------------------------------------------- 100,000 dossiers

def test_list_model_fetches_in_batches_and_never_loads_everything(qtbot, app):
    from ghnt_desktop.ui.meldcode.dossier_list_model import BATCH, DossierListModel

    total = 100_000
    calls = []
    now = datetime(2026, 1, 1, 12, 0)

    def fetch(filt, offset, limit):
        calls.append((offset, limit))
        return [svc.DossierRij(total - i, f"REG-{total - i:06d}", "GM0479", dm.DossierStatus.OPEN, 1,
                               frozenset({dm.GeweldsVorm.KINDERMISHANDELING}), "Pia Prof", now)
                for i in range(offset, min(offset + limit, total))]

    model = DossierListModel(fetch, lambda filt: total, {"GM0479": "Zaanstad"})
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 400)
    view.show()
    model.set_filter(svc.DossierFilter())
    assert model.total == total
    assert model.rowCount() == BATCH and calls == [(0, BATCH)]
    assert model.data(model.index(0, 1)) == "Zaanstad (GM0479)"
    assert model.data(model.index(0, 3)) == "Stap 1"
    for _ in range(3):
        view.scrollToBottom()
        QApplication.processEvents()
        if model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
    assert BATCH < model.rowCount() <= 10 * BATCH  # only what scrolling asked for
    assert all(limit == BATCH for _off, limit in calls)
    assert [off for off, _l in calls] == list(range(0, model.rowCount(), BATCH))
    model.clear()
    assert model.rowCount() == 0 and not model.canFetchMore(QModelIndex())


# --------------------------------------------------------------------------- filters and search

def test_filters_and_search_on_the_dossier_list(qtbot, app, mc_ws, type_text):
    b = dm.Betrokkene(rol=dm.Rol.KIND, leeftijd=5)
    a = svc.maak(mc_ws, client_referentie="ZS-100", gemeente_code="GM0479", vormen={dm.GeweldsVorm.KINDERMISHANDELING},
                 betrokkenen=[b])
    svc.maak(mc_ws, client_referentie="ZS-200", gemeente_code="GM0479", vormen={dm.GeweldsVorm.PARTNERGEWELD},
             betrokkenen=[])
    c = svc.maak(mc_ws, client_referentie="PU-300", gemeente_code="GM0439", vormen={dm.GeweldsVorm.VGV},
                 betrokkenen=[])
    svc.zet_stap(mc_ws, c, 3)
    svc.sluit(mc_ws, a, "Geen vermoeden meer.")
    win = _window(qtbot, mc_ws)
    d = Driver(qtbot, win, type_text)
    ov = d.page.overview

    def refs():
        return sorted(ov.model.row_at(i).client_referentie for i in range(ov.model.rowCount()))

    assert refs() == ["PU-300", "ZS-100", "ZS-200"] and ov.count_label.text() == "3 dossiers."
    # Ctrl+F goes to the search field
    ov.table.setFocus()
    QTest.keyClick(ov.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is ov.search
    d.type(ov.search, "ZS")
    qtbot.waitUntil(lambda: refs() == ["ZS-100", "ZS-200"], timeout=2000)
    choose(ov.status_filter, "afgesloten")
    assert refs() == ["ZS-100"] and ov.count_label.text() == "1 dossier."
    choose(ov.status_filter, None)
    ov.search.clear()
    qtbot.waitUntil(lambda: len(refs()) == 3, timeout=2000)
    choose(ov.gemeente_filter, "GM0439")
    assert refs() == ["PU-300"]
    choose(ov.gemeente_filter, None)
    choose(ov.stap_filter, 3)
    assert refs() == ["PU-300"]
    choose(ov.stap_filter, None)
    choose(ov.vorm_filter, "partnergeweld")
    assert refs() == ["ZS-200"]
    choose(ov.vorm_filter, "mensenhandel")
    assert refs() == [] and ov.count_label.text() == "Geen dossiers gevonden."
    win.close()


# --------------------------------------------------------------------------- Wat vraagt aandacht

def test_attention_overview_shows_overdue_evaluation_and_opens_the_dossier(qtbot, app, mc_ws, type_text):
    did = svc.maak(mc_ws, client_referentie="EV-1", gemeente_code="GM0479", vormen=set(), betrokkenen=[])
    for n, ja in ((1, True), (2, False), (3, True), (4, True)):
        svc.voeg_toe(mc_ws, did, dm.AfwegingAntwoord(nummer=n, antwoord=ja, motivatie="m"))
    svc.voeg_toe(mc_ws, did, dm.Hulp(wat="hulp", wie="wijkcoach", evaluatiedatum=date.today() - timedelta(days=3)))
    svc.maak(mc_ws, client_referentie="RUSTIG-2", gemeente_code="GM0479", vormen=set(), betrokkenen=[])
    win = _window(qtbot, mc_ws)
    d = Driver(qtbot, win, type_text)
    att = d.page.overview.attention
    assert att.isVisible() and att.rowCount() == 1
    cells = [att.item(0, j).text() for j in range(att.columnCount())]
    assert cells[0] == "Te laat"  # in words, not only by colour
    assert cells[2] == "Evaluatie van de hulp (afweging 5)" and cells[3] == "EV-1"
    att.setFocus()
    att.setCurrentCell(0, 0)
    QTest.keyClick(att, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: d.page.view is not None)
    assert d.view.dossier_id == did
    win.close()


def test_empty_attention_overview_says_so(qtbot, app, mc_ws, type_text):
    win = _window(qtbot, mc_ws)
    ov = win.page("meldcode").overview
    assert not ov.attention.isVisible() and ov.attention_empty.isVisible()
    assert "niets" in ov.attention_empty.text()
    win.close()


# --------------------------------------------------------------------------- accessibility

INPUTS = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QAbstractButton, QListWidget, QTableView)


def _unnamed(root: QWidget) -> list[str]:
    bad = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, INPUTS) or not (w.focusPolicy() & Qt.FocusPolicy.TabFocus):
            continue
        if type(w).__name__ in ("QTabBar", "QScrollBar") or w.parent().inherits("QAbstractSpinBox") \
                or w.parent().inherits("QComboBox") or w.objectName().startswith("qt_"):
            continue
        if isinstance(w, QLineEdit) and not w.isVisibleTo(root) and w.parent() is not None and not w.accessibleName():
            continue  # hidden helper fields
        if not w.accessibleName().strip():
            bad.append(f"{type(w).__name__}: {getattr(w, 'text', lambda: '')()}")
    return bad


def test_every_control_has_an_accessible_name_and_mnemonic_labels_have_buddies(qtbot, app, mc_ws, type_text):
    win = _window(qtbot, mc_ws)
    d = Driver(qtbot, win, type_text)
    assert _unnamed(d.page) == []
    d.new_dossier("ACC-1")
    view = d.view
    _ = view.steps  # build all five step screens
    assert _unnamed(view) == []
    for lab in view.findChildren(QLabel):
        t = lab.text()
        if "&" in t.replace("&&", "") and not t.lstrip().startswith("<"):
            assert lab.buddy() is not None, f"label {t!r} has a mnemonic but no buddy"
    # Alt+A (Acuut onveilig?), Alt+V (Vergrendelen), Alt+B/W/H (menus) and Alt+1..5 (steps) stay free
    import re

    reserved = set("avbwh12345")
    for w in [*view.findChildren(QAbstractButton), *view.findChildren(QLabel), *d.page.overview.findChildren(QLabel)]:
        m = re.search(r"&(?!amp;|lt;|gt;|&)(\w)", w.text())
        assert not (m and m.group(1).lower() in reserved), f"mnemonic Alt+{m.group(1)} in {w.text()!r}"
    # every step screen tells what is still missing in words
    for p in view.steps:
        assert all(t.split(":")[0] in ("Nodig", "Tip", "Klaar") for t in p.missing.texts())
    win.close()


def test_tab_moves_through_the_signal_form_to_its_add_button(qtbot, app, mc_ws, type_text):
    win = _window(qtbot, mc_ws)
    d = Driver(qtbot, win, type_text)
    d.new_dossier("ACC-2")
    f = d.view.step1.signaal_form
    f.fields["omschrijving"].setFocus()
    seen = []
    for _ in range(40):
        w = QApplication.focusWidget()
        seen.append(w)
        if w is f.add_button:
            break
        QTest.keyClick(w, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is f.add_button, [(type(w).__name__, w.accessibleName()) for w in seen]
    assert f.fields["omschrijving"].toPlainText() == ""  # Tab moved on, it did not type a tab
    assert f.fields["bron"] in seen and f.fields["datum_waargenomen"].focusProxy() in seen  # the typed date
    win.close()


def test_input_heights_are_in_lines_of_the_current_font(qtbot, app, mc_ws, type_text):
    win = _window(qtbot, mc_ws)
    d = Driver(qtbot, win, type_text)
    d.new_dossier("ACC-3")
    area = d.view.step1.signaal_form.fields["omschrijving"]
    missing = d.view.step1.missing
    before = area.sizeHint().height(), missing.sizeHint().height()
    for w in (area, missing):
        font = w.font()
        font.setPointSize(font.pointSize() * 2)
        w.setFont(font)
    assert area.sizeHint().height() > before[0] * 1.5
    assert missing.sizeHint().height() > before[1] * 1.3
    win.close()


def test_aandachtsfunctionaris_makes_a_dossier_for_a_colleague(qtbot, app, demo_dir):
    """The owner can be a colleague of the own teams (only for an aandachtsfunctionaris)."""
    from ghnt_desktop.services import meldcode as mc
    from ghnt_desktop.services.login import login
    from ghnt_desktop.ui.meldcode.new_dossier_dialog import NewDossierDialog

    ws = login(demo_dir, "aandachtsfunctionaris", "demo")
    try:
        dlg = NewDossierDialog(ws)
        qtbot.addWidget(dlg)
        assert dlg.eigenaar_keuze is not None and dlg.eigenaar_keuze.accessibleName()
        namen = [dlg.eigenaar_keuze.itemText(i) for i in range(dlg.eigenaar_keuze.count())]
        assert "Priya Jansen (professional)" in namen and any("ikzelf" in n for n in namen)
        dlg.eigenaar_keuze.setCurrentIndex(namen.index("Priya Jansen (professional)"))
        dlg.referentie.setText("ZW-2026-9001")
        dlg.gemeente.setCurrentIndex(max(0, dlg.gemeente.findData("GM0479")))
        dlg.vormen.item(0).setCheckState(Qt.CheckState.Checked)
        qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
        assert dlg.dossier_id is not None, dlg.error.text()
        info = mc.dossier_info(ws, dlg.dossier_id)
        prof = next(a for a, n in mc.collegas(ws) if n == "Priya Jansen (professional)")
        assert info.eigenaar_id == prof
    finally:
        ws.close()
    ws = login(demo_dir, "professional", "demo")
    try:
        dlg = NewDossierDialog(ws)
        qtbot.addWidget(dlg)
        assert dlg.eigenaar_keuze is None  # a professional makes dossiers for him- or herself
        ids = {r.id for r in mc.lijst(ws, mc.DossierFilter(zoek="ZW-2026-9001"))}
        assert len(ids) == 1  # the colleague now sees the dossier made for her
    finally:
        ws.close()
