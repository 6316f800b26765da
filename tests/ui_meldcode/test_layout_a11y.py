"""Issues 12 and 16 for the meldcode screens, through the real widgets.

- Layout at 1366×768 and 1920×1080 with the text at 100 % and 200 %: nothing off-screen, cut off or overlapping,
  key columns not elided, long records readable in full (``tests/ui/layout_checks.py``).
- What a screen reader gets, unique Alt+letters, no Tab traps (``tests/ui/a11y_checks.py``), Tab in reading order.
- Dates with bounds, ages checked instead of cut off, a child as parent asked about, the wheel guard.
- Locking mid-dialog keeps what was typed; after unlocking the dossier is back at the same place.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QMessageBox, QWidget

from ghnt_desktop.domain import meldcode as dm
from ghnt_desktop.domain.datum import formatteer
from ghnt_desktop.services import meldcode as svc
from tests.conftest import PASSPHRASE
from tests.ui.a11y_checks import hidden_label_texts, mnemonic_clashes, tab_traps
from tests.ui.layout_checks import layout_problems, set_text_percent, shown_at
from tests.ui_meldcode.helpers import Driver, Modal, button, check_item, choose, click

LONG_SIGNAL = ("Moeder vertelde op het consultatiebureau dat haar partner de laatste weken vaak boos is, dat hij dan "
               "met deuren slaat en dat de kinderen dan naar boven gaan. Ze zei er zelf bij dat het wel meevalt. "
               * 20)[:3000].rstrip() + " EINDE-VAN-HET-SIGNAAL"
LONG_NAME = "Pia Professional-van der Berg-Hoogendijk"
LONG_REF = "ZW-2026-000123-ZAANSTAD-WORMERLAND"
SCREENS = [(1366, 768), (1920, 1080)]


@pytest.fixture
def long_ws(tmp_path):
    from ghnt_desktop.domain.roles import Rol
    from ghnt_desktop.services.setup import create_workspace

    ws = create_workspace(tmp_path / "lang", organisatie="Sociaal wijkteam Zaanstad-Midden en Wormerland (fictief)",
                          gemeenten=[("GM0479", "Zaanstad"), ("GM0880", "Wormerland")], login="pro", naam=LONG_NAME,
                          passphrase=PASSPHRASE, rollen=frozenset({Rol.PROFESSIONAL, Rol.AANDACHTSFUNCTIONARIS}),
                          check_passphrase=False)
    yield ws
    ws.close()


def rich_dossier(ws) -> int:
    """A dossier with realistic long content in every step: a 3,000-character signal, long names, a decision to
    report and to help (so every form of stap 5 shows), feedback and a handover."""
    today = date.today()
    did = svc.maak(ws, client_referentie=LONG_REF, gemeente_code="GM0479",
                   vormen={dm.GeweldsVorm.PARTNERGEWELD, dm.GeweldsVorm.KINDERMISHANDELING,
                           dm.GeweldsVorm.OUDERENMISHANDELING},
                   betrokkenen=[dm.Betrokkene(rol=dm.Rol.VERMOEDELIJK_SLACHTOFFER, aanduiding="moeder van de drie kinderen",
                                              leeftijd=34, relatie="partner van de vader van kind 1 en kind 2"),
                                dm.Betrokkene(rol=dm.Rol.VERMOEDELIJKE_PLEGER, aanduiding="vader", geboortejaar=1985),
                                dm.Betrokkene(rol=dm.Rol.KIND, aanduiding="kind 1", leeftijd=6)])
    add = lambda r: svc.voeg_toe(ws, did, r)  # noqa: E731
    add(dm.Signaal(omschrijving=LONG_SIGNAL, datum_waargenomen=today, datum_vastgelegd=today, auteur=LONG_NAME))
    add(dm.Signaal(omschrijving="Buurvrouw hoorde geschreeuw.", herkomst=dm.Herkomst.VAN_ANDER, bron="buurvrouw",
                   datum_waargenomen=today, datum_vastgelegd=today, auteur=LONG_NAME))
    add(dm.Consultatie(soort=dm.ConsultatieSoort.COLLEGA, datum=today, wie="aandachtsfunctionaris jeugd en gezin",
                       vraag=LONG_SIGNAL[:700], advies=LONG_SIGNAL[:1500], auteur=LONG_NAME))
    add(dm.Gesprek(datum=today, deelnemers=("moeder", "wijkcoach"), wat_voorgelegd=LONG_SIGNAL[:1200],
                   reactie_client=LONG_SIGNAL[:900], auteur=LONG_NAME))
    for n, ja in ((1, True), (2, False), (3, True), (4, True)):
        add(dm.AfwegingAntwoord(nummer=n, antwoord=ja, motivatie=LONG_SIGNAL[:400], auteur=LONG_NAME,
                                tijdstip=datetime.now()))
    add(dm.Besluit(melden=True, hulp=True, meldnorm=2, motivatie=LONG_SIGNAL[:600], besluit_door=LONG_NAME,
                   tijdstip=datetime.now()))
    add(dm.Melding(datum_tijd=datetime.now().replace(second=0, microsecond=0), kanaal=dm.MeldingKanaal.TELEFOON,
                   samenvatting_feiten_en_bronnen=LONG_SIGNAL[:800], client_geinformeerd=True, auteur=LONG_NAME))
    add(dm.Hulp(wat="Opvoedondersteuning, twee keer per week", wie="wijkcoach", evaluatiedatum=today - timedelta(days=2),
                veiligheidsafspraken=LONG_SIGNAL[:300]))
    add(dm.VeiligThuisTerugkoppeling(datum=today, inhoud=LONG_SIGNAL[:500], auteur=LONG_NAME))
    add(dm.Overdracht(datum=today, van="Veilig Thuis Zaanstreek-Waterland", reden=LONG_SIGNAL[:300], auteur=LONG_NAME))
    return did


@pytest.fixture
def win(qtbot, app, long_ws):
    from ghnt_desktop.ui.main_window import MainWindow

    w = MainWindow(long_ws)
    qtbot.addWidget(w)
    shown_at(qtbot, w)
    with qtbot.waitActive(w):
        w.activateWindow()
    qtbot.waitUntil(lambda: w.first_page_ready)
    try:
        yield w
    finally:
        set_text_percent(100)
        w.close()


def _page(win):
    return win.page("meldcode")


def _open(qtbot, win, did):
    page = _page(win)
    page.open_dossier(did, ask_restore=False)
    qtbot.waitUntil(lambda: page.view is not None)
    return page.view


def _at(win, size) -> None:
    win.resize(size[0], size[1] - 32)
    QApplication.processEvents()


def _page_scrolls(win, *, down_ok: bool = False) -> list[str]:
    """The meldcode screen fits the window's room for it: it never scrolls as a whole (its step pages, lists and
    tables scroll inside). The main window puts every screen in a scroll area, which would hide a screen that is
    too large from layout_problems. ``down_ok``: scrolling down is fine (the overview at 200 % text on a laptop
    screen: two tables of at least three rows do not fit in 574 pixels), sideways never."""
    from PySide6.QtWidgets import QScrollArea

    area = _page(win).parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    if area is None:
        return []
    h, v = area.horizontalScrollBar().maximum(), area.verticalScrollBar().maximum()
    if down_ok:
        v = 0
    return [f"the whole screen scrolls ({h} px sideways, {v} px down)"] if h or v else []


def _cut_off_sideways(root) -> list[str]:
    """Scroll areas that never scroll sideways (the step pages, the dossier's details, dialog bodies) must get
    content no wider than their view: wider content would be cut off at the right without a scroll bar."""
    from PySide6.QtWidgets import QScrollArea

    out = []
    for sa in root.findChildren(QScrollArea):
        if (sa.isVisible() and sa.widget() is not None
                and sa.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
                and sa.widget().width() > sa.viewport().width() + 1):
            out.append(f"{sa.accessibleName()!r}: content {sa.widget().width()} px in a view of "
                       f"{sa.viewport().width()} px, cut off at the right")
    return out


def _clipped_labels(root) -> list[str]:
    """Wrapped texts that got less height than their lines need (their last lines cut off)."""
    from PySide6.QtWidgets import QLabel

    out = []
    for w in root.findChildren(QLabel):
        if w.isVisibleTo(root) and w.wordWrap() and w.text().strip() and w.width() > 0:
            need = w.heightForWidth(w.width())
            if need > w.height() + 2:
                out.append(f"label {w.text()[:40]!r} is {w.height()} px high, its text needs {need}")
    return out


def _unlock(qtbot, win) -> None:
    qtbot.waitUntil(lambda: getattr(win, "unlock_dialog", None) is not None and win.unlock_dialog.isVisible())
    dlg = win.unlock_dialog
    QTest.keyClicks(dlg.pass_edit, PASSPHRASE)
    QTest.keyClick(dlg.pass_edit, Qt.Key.Key_Return)


# ------------------------------------------------------------------------------------------------ layout


@pytest.mark.parametrize("percent", [100, 200])
def test_overview_and_every_step_fit_both_screens_at_100_and_200_percent(qtbot, win, long_ws, percent):
    did = rich_dossier(long_ws)
    page = _page(win)
    page.overview.refresh()
    set_text_percent(percent)
    problems = []
    for size in SCREENS:
        _at(win, size)
        problems += [f"overview {size} {percent}%: {p}"
                     for p in layout_problems(win, screen=size) + _page_scrolls(win, down_ok=percent > 100)]
        assert page.overview.attention.isVisible()  # the overdue evaluation is listed, so it is checked too
        table = page.overview.table
        QApplication.processEvents()
        for col in (0, 2, 3, 6):  # client reference, status, step, last activity: never elided
            if table.columnWidth(col) < table.sizeHintForColumn(col):
                problems.append(f"overview {size} {percent}%: column {col} is {table.columnWidth(col)} px, its "
                                f"content needs {table.sizeHintForColumn(col)}")
        for t in (table, page.overview.attention):  # a header and at least three rows, never just a header
            if t.viewport().height() < 3 * t.verticalHeader().defaultSectionSize():
                problems.append(f"{t.accessibleName()} shows {t.viewport().height()} px of rows at {size} {percent}%")
        att = page.overview.attention
        for col in (0, 1, 2, 3):  # when, date, what, dossier
            if att.columnWidth(col) < att.sizeHintForColumn(col):
                problems.append(f"attention column {col} elided at {size} {percent}%")
    view = _open(qtbot, win, did)
    for size in SCREENS:
        _at(win, size)
        for i in range(view.tabs.count()):
            view.tabs.setCurrentIndex(i)
            QApplication.processEvents()
            problems += [f"{view.tabs.tabText(i)} {size} {percent}%: {p}"
                         for p in layout_problems(win, screen=size) + _page_scrolls(win) + _cut_off_sideways(win)
                         + _clipped_labels(win)]
    assert problems == [], "\n".join(problems)


def test_after_ctrl_plus_every_step_shows_whole_texts(qtbot, win, long_ws):
    """Steps built at 100 % (as a user who opened them all), then the text size goes to 200 % (as Ctrl++): each step,
    shown again, has its wrapped texts whole and nothing off-screen."""
    did = rich_dossier(long_ws)
    view = _open(qtbot, win, did)
    for i in range(view.tabs.count()):
        view.tabs.setCurrentIndex(i)
        QApplication.processEvents()
    view.tabs.setCurrentIndex(0)
    set_text_percent(200)
    problems = []
    for i in range(view.tabs.count()):
        view.tabs.setCurrentIndex(i)
        QApplication.processEvents()
        problems += [f"{view.tabs.tabText(i)}: {p}" for p in layout_problems(win) + _clipped_labels(win)
                     + _cut_off_sideways(win) + _page_scrolls(win)]
    click(view.back_button)  # the overview was hidden during Ctrl++ as well
    QApplication.processEvents()
    problems += [f"overview: {p}" for p in layout_problems(win) + _clipped_labels(win)
                 + _page_scrolls(win, down_ok=True)]
    assert problems == [], "\n".join(problems)


def test_screen_reader_texts_mnemonics_and_tab_traps_on_every_step(qtbot, win, long_ws):
    did = rich_dossier(long_ws)
    page = _page(win)
    page.overview.refresh()
    found = {"overview": (hidden_label_texts(win), mnemonic_clashes(win), tab_traps(win))}
    view = _open(qtbot, win, did)
    for i in range(view.tabs.count()):
        view.tabs.setCurrentIndex(i)
        QApplication.processEvents()
        found[view.tabs.tabText(i)] = (hidden_label_texts(win), mnemonic_clashes(win), tab_traps(win))
    assert {k: v for k, v in found.items() if v != ([], {}, [])} == {}
    # the step pages themselves are named, and do not take a Tab stop of their own
    for p in view.steps:
        assert p.accessibleName().startswith(f"Stap {p.nummer}:") and p.focusPolicy() == Qt.FocusPolicy.NoFocus
    from PySide6.QtWidgets import QScrollArea

    unnamed = [sa for sa in _page(win).findChildren(QScrollArea)
               if sa.focusPolicy() & Qt.FocusPolicy.TabFocus and not sa.accessibleName().strip()]
    assert unnamed == []  # no unnamed focusable scroll area


def test_the_checks_find_what_they_look_for(qtbot, app):
    """The checks above can fail: a label named over its text, a clash, a trap, a widget off-screen."""
    from PySide6.QtWidgets import QLabel, QPushButton, QTableWidget, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    lay = QVBoxLayout(root)
    lab = QLabel("Schrijf de reden op.")
    lab.setAccessibleName("Foutmelding")
    lay.addWidget(lab)
    lay.addWidget(QPushButton("&Opslaan"))
    lay.addWidget(QPushButton("&Openen"))
    lay.addWidget(QTableWidget(2, 2))
    wide = QPushButton("x" * 400)
    wide.setMinimumWidth(3000)
    lay.addWidget(wide)
    root.show()
    assert hidden_label_texts(root) and mnemonic_clashes(root) and tab_traps(root)
    assert layout_problems(root)


def test_a_3000_character_signal_is_readable_in_full(qtbot, win, long_ws):
    did = rich_dossier(long_ws)
    view = _open(qtbot, win, did)
    view.tabs.setCurrentIndex(0)
    rl = view.step1.signalen
    lst = rl.list
    QApplication.processEvents()
    # the row shows the start, wrapped over several lines, and says how to read the rest
    item = lst.item(0)
    assert item.text().endswith("(kies deze regel om alles te lezen)") and len(item.text()) < 600
    assert LONG_SIGNAL in item.data(Qt.ItemDataRole.AccessibleTextRole)  # a screen reader gets it all on the row
    rect = lst.visualItemRect(item)
    fm = lst.fontMetrics()
    need = fm.boundingRect(0, 0, rect.width() - 12, 100_000, Qt.TextFlag.TextWordWrap, item.text()).height()
    assert need >= 2 * fm.lineSpacing() and rect.height() >= need  # wrapped, and the whole row shows
    assert lst.viewport().height() >= sum(lst.visualItemRect(lst.item(i)).height() for i in range(lst.count()))
    assert not rl.detail.isVisible()
    lst.setFocus()
    lst.setCurrentRow(0)
    assert rl.detail.isVisible() and LONG_SIGNAL in rl.detail.text()
    assert rl.detail.height() >= rl.detail.heightForWidth(rl.detail.width())  # the whole text, not cut off
    assert rl.texts()[0].startswith("1. " + LONG_SIGNAL[:40]) and f"gezien op {formatteer(date.today())}" in \
        rl.texts()[0]  # one date format
    lst.setCurrentRow(1)  # a short one: no repeat under the list
    assert not rl.detail.isVisible()


def test_dossier_header_is_readable_lines_and_stays_out_of_the_steps_way(qtbot, win, long_ws):
    did = rich_dossier(long_ws)
    view = _open(qtbot, win, did)
    html = view.info.text()
    assert html.count("<p") >= 4 and html.count("<li>") == 3  # facts on lines, the people as a list
    assert "Eigenaar: " + LONG_NAME in html and "Vorm van geweld:" in html
    set_text_percent(200)
    try:
        _at(win, (1366, 768))
        page = view.page(view.tabs.currentIndex() + 1)
        assert page.height() >= 0.35 * view.height()  # the step keeps its room; the header scrolls if need be
        assert view.kop.height() <= 0.36 * view.height()
    finally:
        set_text_percent(100)


@pytest.mark.parametrize("percent", [100, 200])
def test_every_dialog_fits_a_768_pixel_screen_and_reads_well(qtbot, win, long_ws, percent):
    from ghnt_desktop.ui.meldcode.dossier_view import ReasonDialog
    from ghnt_desktop.ui.meldcode.export_dialog import ExportDialog
    from ghnt_desktop.ui.meldcode.new_dossier_dialog import NewDossierDialog
    from ghnt_desktop.ui.meldcode.samenwerken_dialog import SamenwerkenDialog
    from ghnt_desktop.ui.meldcode.step1_signalen import AcuteRouteDialog
    from ghnt_desktop.ui.meldcode.step4_wegen import VtAdviesDialog
    from ghnt_desktop.ui.meldcode.vertrouwelijkheid_dialog import OnzeMeldcodeDialog, VertrouwelijkheidDialog

    did = rich_dossier(long_ws)
    view = _open(qtbot, win, did)
    set_text_percent(percent)
    makers = {
        "nieuw dossier": lambda: NewDossierDialog(long_ws, _page(win), ask_restore=lambda _t: False),
        "gegevens wijzigen": lambda: NewDossierDialog(long_ws, view, dossier=view.dossier),
        "dossier afsluiten": lambda: ReasonDialog("Dossier afsluiten", "&Waarom sluit je het dossier af?",
                                                  LONG_SIGNAL[:300], ok_text="Dossier af&sluiten", parent=view),
        "verslag": lambda: ExportDialog("verslag", view),
        "samenwerken": lambda: SamenwerkenDialog(long_ws, did, view),
        "advies Veilig Thuis": lambda: VtAdviesDialog(long_ws, view),
        "versnelde route": lambda: AcuteRouteDialog("reden", view),
        "mag ik dit delen": lambda: VertrouwelijkheidDialog(view),
        "onze meldcode": lambda: OnzeMeldcodeDialog(long_ws, view),
    }
    problems = {}
    for name, make in makers.items():
        dlg = make()
        dlg.show()
        QApplication.processEvents()
        size = dlg.frameGeometry().size()
        found = layout_problems(dlg, screen=(1366, 768)) + _cut_off_sideways(dlg) + _clipped_labels(dlg)
        if size.height() > 768 or size.width() > 1366:
            found.append(f"opens at {size.width()}×{size.height()}")
        if percent == 100:
            found += hidden_label_texts(dlg) + [f"Alt+{k}: {v}" for k, v in mnemonic_clashes(dlg).items()]
            found += tab_traps(dlg)
        buttons = [b for b in dlg.findChildren(QWidget) if b.objectName() != "qt_scrollarea_viewport"
                   and type(b).__name__ == "QDialogButtonBox"]
        for box in buttons:  # the buttons are never scrolled away
            r = box.geometry()
            if not dlg.rect().contains(r) or box.parentWidget() is not dlg:
                found.append("buttons not always visible")
        if found:
            problems[name] = found
        dlg.reject()
        dlg.deleteLater()
    assert problems == {}


def test_forms_of_violence_never_overlap_the_owner_row(qtbot, win, long_ws):
    from ghnt_desktop.ui.meldcode.new_dossier_dialog import NewDossierDialog

    did = rich_dossier(long_ws)
    view = _open(qtbot, win, did)
    for dlg in (NewDossierDialog(long_ws, _page(win), ask_restore=lambda _t: False),
                NewDossierDialog(long_ws, view, dossier=view.dossier)):
        for percent in (100, 200):
            set_text_percent(percent)
            dlg.show()
            QApplication.processEvents()
            below = dlg.eigenaar_keuze if dlg.eigenaar_keuze is not None and dlg.eigenaar_keuze.isVisible() \
                else dlg.eigenaar
            top_of_owner = below.mapTo(dlg.scroll.widget(), QPoint(0, 0)).y()
            bottom_of_list = dlg.vormen.mapTo(dlg.scroll.widget(), QPoint(0, dlg.vormen.height())).y()
            assert bottom_of_list <= top_of_owner, (percent, bottom_of_list, top_of_owner)
            # every form of violence is on screen in the list, none scrolled away inside it
            assert dlg.vormen.verticalScrollBar().maximum() == 0
        dlg.reject()
        set_text_percent(100)


def test_new_dossier_dialog_at_200_percent_keeps_buttons_and_error_line_visible(qtbot, win, long_ws, type_text):
    from ghnt_desktop.ui.meldcode.new_dossier_dialog import NewDossierDialog

    set_text_percent(200)
    d = Driver(qtbot, win, type_text)
    seen = {}

    def handle(dlg: NewDossierDialog) -> None:
        seen["height"] = dlg.frameGeometry().height()
        click(dlg.ok_button)  # nothing filled in: the error shows, below the scrolling fields
        seen["error"] = dlg.error.text()
        seen["error_visible"] = dlg.error.isVisible() and dlg.rect().contains(dlg.error.geometry())
        seen["ok_visible"] = dlg.rect().contains(dlg.ok_button.mapTo(dlg, dlg.ok_button.rect().bottomRight()))
        seen["scrolls"] = dlg.scroll.verticalScrollBar().maximum() > 0
        click(button(dlg, "Annuleren"))

    with d.modal(handle, kind=NewDossierDialog):
        click(_page(win).overview.new_button)
    assert seen["height"] <= 768 and seen["error_visible"] and seen["ok_visible"]
    assert "Vul een cliëntreferentie in." in seen["error"] and seen["scrolls"]


def test_dossier_afsluiten_dialog_is_sized_for_its_text(qtbot, app):
    from ghnt_desktop.ui.meldcode.dossier_view import ReasonDialog

    for percent in (100, 200):
        set_text_percent(percent)
        dlg = ReasonDialog("Dossier afsluiten", "&Waarom sluit je het dossier af?", "", ok_text="Dossier af&sluiten")
        qtbot.addWidget(dlg)
        dlg.show()
        QApplication.processEvents()
        fm = dlg.fontMetrics()
        assert dlg.width() >= fm.horizontalAdvance("Dossier afsluiten") + 100  # the title is not cut off
        assert dlg.reden.height() >= 3 * fm.lineSpacing()
        dlg.close()
    set_text_percent(100)


# ------------------------------------------------------------------------------------------------ keyboard


def _focus_walk(start: QWidget, steps: int, *, backwards: bool = False) -> list[QWidget]:
    start.setFocus(Qt.FocusReason.TabFocusReason)
    seen = [QApplication.focusWidget()]
    mod = Qt.KeyboardModifier.ShiftModifier if backwards else Qt.KeyboardModifier.NoModifier
    for _ in range(steps):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab, mod)
        seen.append(QApplication.focusWidget())
    return seen


def _in_reading_order(page, walked: list[QWidget]) -> list[str]:
    """Pairs of focus stops inside ``page`` where Tab went up the page (or left on the same line)."""
    inner = page.widget()
    out = []
    stops = [w for w in walked if w is not None and inner.isAncestorOf(w)]
    for a, b in zip(stops, stops[1:]):
        pa, pb = a.mapTo(inner, QPoint(0, 0)), b.mapTo(inner, QPoint(0, 0))
        same_line = abs(pa.y() - pb.y()) < min(a.height(), b.height()) // 2
        if pb.y() < pa.y() - 2 and not same_line or (same_line and pb.x() < pa.x()):
            out.append(f"{type(a).__name__}({a.accessibleName()!r}) -> {type(b).__name__}({b.accessibleName()!r})")
    return out


@pytest.mark.parametrize("stap", [1, 2, 3, 4, 5])
def test_tab_follows_the_reading_order_through_a_step_and_leaves_every_list(qtbot, win, long_ws, stap):
    from PySide6.QtWidgets import QAbstractItemView, QRadioButton

    did = rich_dossier(long_ws)
    view = _open(qtbot, win, did)
    view.go_to_step(stap)
    page = view.page(stap)
    inner = page.widget()
    stops = [w for w in inner.findChildren(QWidget) if w.isVisibleTo(inner) and w.isEnabled()
             and w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.focusProxy() is None]
    # Tab stops once in a row of radio buttons (the arrow keys choose inside it)
    n_stops = len([w for w in stops if not isinstance(w, QRadioButton)]) + len(
        {id(w.parentWidget()) for w in stops if isinstance(w, QRadioButton)})
    walked = _focus_walk(page.missing, n_stops + 5)
    assert _in_reading_order(page, walked) == []
    # the walk went through the whole page and out of it (no trap, no loop back up)
    inside = [w for w in walked if inner.isAncestorOf(w)]
    assert len(inside) >= n_stops - 1, (len(inside), n_stops)
    assert any(not inner.isAncestorOf(w) for w in walked[len(inside):])
    for lst in [w for w in inside if isinstance(w, QAbstractItemView)]:
        i = walked.index(lst)
        assert walked[i + 1] is not lst, f"Tab stays in {lst.accessibleName()}"
    # Tab after a form's "Toevoegen" goes on down the page, never back up to an earlier radio button
    for f in page.forms:
        if f.add_button in walked:
            i = walked.index(f.add_button)
            nxt = walked[i + 1]
            assert nxt.mapTo(inner, QPoint(0, 0)).y() > f.add_button.mapTo(inner, QPoint(0, 0)).y() - 2 \
                or not inner.isAncestorOf(nxt), f"after {f.title()}: {nxt.accessibleName()}"
    # and Shift+Tab goes back the same way
    back = _focus_walk(walked[len(inside) - 1], len(inside) - 1, backwards=True)
    assert [w for w in back if inner.isAncestorOf(w)][:10] == list(reversed(inside))[:10]


def test_tab_leaves_the_attention_list_and_the_dossier_table(qtbot, win, long_ws):
    rich_dossier(long_ws)
    ov = _page(win).overview
    ov.refresh()
    assert ov.attention.rowCount() >= 1 and not ov.attention.tabKeyNavigation()
    ov.attention.setFocus()
    QTest.keyClick(ov.attention, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is ov.search  # reading order: the list, then the search field
    ov.table.setFocus()
    QTest.keyClick(ov.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not ov.table


def test_an_empty_optional_date_takes_part_in_tab(qtbot, win, long_ws):
    did = rich_dossier(long_ws)
    view = _open(qtbot, win, did)
    view.go_to_step(5)
    f = view.step5.hulp_form
    veld = f.fields["evaluatiedatum"]
    assert veld.value() is None and veld.is_empty()
    veld.edit.setFocus()
    QTest.keyClick(veld.edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is veld.kalender_knop
    QTest.keyClick(veld.kalender_knop, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is f.fields["veiligheidsafspraken"]


def test_the_mouse_wheel_scrolls_the_page_and_leaves_combo_boxes_alone(qtbot, win, long_ws):
    did = rich_dossier(long_ws)
    view = _open(qtbot, win, did)
    view.go_to_step(1)
    page = view.step1
    combo = page.signaal_form.fields["vorm"]
    page.ensureWidgetVisible(combo)
    page.missing.setFocus()
    before, scroll_before = combo.currentIndex(), page.verticalScrollBar().value()

    def wheel(w) -> None:
        pos = QPointF(w.width() / 2, w.height() / 2)
        ev = QWheelEvent(pos, QPointF(w.mapToGlobal(pos.toPoint())), QPoint(0, 0), QPoint(0, -120),
                         Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(w, ev)

    wheel(combo)
    assert combo.currentIndex() == before  # not changed while scrolling past it
    assert page.verticalScrollBar().value() > scroll_before  # the page scrolled instead
    assert all(c.focusPolicy() == Qt.FocusPolicy.StrongFocus for c in page.findChildren(QComboBox))
    combo.setFocus()
    wheel(combo)
    assert combo.currentIndex() != before  # with the focus, the wheel is the user's choice


# ------------------------------------------------------------------------------------------------ dates and ages


def _future() -> str:
    return formatteer(date.today() + timedelta(days=3))


def test_dates_that_lie_in_the_past_by_nature_refuse_the_future(qtbot, win, long_ws, type_text):
    did = svc.maak(long_ws, client_referentie="DAT-1", gemeente_code="GM0479", vormen=set(), betrokkenen=[])
    view = _open(qtbot, win, did)
    d = Driver(qtbot, win, type_text)
    cases = [(1, view.step1.signaal_form, "datum_waargenomen", {"omschrijving": "Blauwe plek gezien."},
              "gezien of gehoord kan niet in de toekomst liggen"),
             (1, view.step1.signaal_form, "datum_vastgelegd", {"omschrijving": "Blauwe plek gezien."},
              "van vastleggen kan niet in de toekomst liggen"),
             (2, view.step2.form, "datum", {"wie": "collega", "advies": "Bespreek het."},
              "van het overleg kan niet in de toekomst liggen"),
             (3, view.step3.gesprek_form, "datum", {"wat_voorgelegd": "De zorgen."},
              "van het gesprek kan niet in de toekomst liggen")]
    for stap, form, veld, vul, melding in cases:
        view.go_to_step(stap)
        for name, text in vul.items():
            d.type(form.fields[name], text)
        edit = form.fields[veld].edit
        edit.selectAll()
        d.type(edit, _future())
        click(form.add_button)
        assert melding in form.error.text(), form.error.text()
        assert form.fields[veld].probleem_label.isVisibleTo(form) and edit.text() == _future()  # kept as typed
        assert QApplication.focusWidget() is edit
        edit.selectAll()
        d.type(edit, formatteer(date.today()))
        click(form.add_button)
        assert form.error.text() == "" or not form.error.isVisible()
    dossier = svc.laad(long_ws, did)
    assert len(dossier.signalen) == 2 and len(dossier.consultaties) == 1 and len(dossier.gesprekken) == 1


def test_a_future_date_is_kept_in_the_draft_as_typed(qtbot, win, long_ws, type_text):
    did = svc.maak(long_ws, client_referentie="DAT-2", gemeente_code="GM0479", vormen=set(), betrokkenen=[])
    view = _open(qtbot, win, did)
    d = Driver(qtbot, win, type_text)
    f = view.step1.signaal_form
    d.type(f.fields["omschrijving"], "Gezien op het schoolplein.")
    f.fields["datum_waargenomen"].edit.selectAll()
    d.type(f.fields["datum_waargenomen"].edit, "31-02-2026")  # no such day
    f.flush()
    f.save_draft()
    draft = svc.concepten(long_ws, did)["signaal"][0]
    assert draft["getypt"]["datum_waargenomen"] == "31-02-2026"
    _page(win).close_dossier_view()
    view = _open(qtbot, win, did)
    assert view.step1.signaal_form.fields["datum_waargenomen"].edit.text() == "31-02-2026"


def test_the_moment_of_a_melding_is_a_typed_date_and_time_not_in_the_future(qtbot, win, long_ws, type_text):
    did = rich_dossier(long_ws)
    view = _open(qtbot, win, did)
    d = Driver(qtbot, win, type_text)
    view.go_to_step(5)
    f = view.step5.melding_form
    veld = f.fields["datum_tijd"]
    choose(f.fields["kanaal"], "telefoon")
    d.type(f.fields["samenvatting_feiten_en_bronnen"], "Blauw oog, zelf gezien.")
    veld.datum.edit.selectAll()
    d.type(veld.datum.edit, _future())
    n = len(svc.laad(long_ws, did).meldingen)
    click(f.add_button)
    assert "toekomst" in f.error.text() and len(svc.laad(long_ws, did).meldingen) == n
    veld.datum.edit.selectAll()
    d.type(veld.datum.edit, formatteer(date.today()))
    veld.tijd.selectAll()
    d.type(veld.tijd, "25:99")
    click(f.add_button)
    assert "uu:mm" in f.error.text()
    veld.tijd.selectAll()
    d.type(veld.tijd, "0:05")
    click(f.add_button)
    meldingen = svc.laad(long_ws, did).meldingen
    assert len(meldingen) == n + 1 and meldingen[-1].datum_tijd == datetime.combine(date.today(), datetime.min.time()
                                                                                     ).replace(minute=5)


def _fill_betrokkene(d: Driver, dlg, rol: str, aanduiding: str, *, leeftijd: str = "", jaar: str = "") -> None:
    ed = dlg.betrokkenen
    choose(ed.rol, rol)
    ed.aanduiding.clear()
    d.type(ed.aanduiding, aanduiding)
    for veld, waarde in ((ed.leeftijd, leeftijd), (ed.geboortejaar, jaar)):
        veld.clear()
        if waarde:
            d.type(veld, waarde)


def test_ages_and_birth_years_are_checked_not_cut_off(qtbot, win, long_ws, type_text):
    from ghnt_desktop.ui.meldcode.new_dossier_dialog import NewDossierDialog

    d = Driver(qtbot, win, type_text)
    seen = {}

    def fill(dlg: NewDossierDialog) -> None:
        ed = dlg.betrokkenen
        _fill_betrokkene(d, dlg, "vermoedelijk_slachtoffer", "oma", leeftijd="150")
        assert ed.leeftijd.text() == "150"  # not cut to 15
        click(ed.add_button)
        seen["150"] = ed.error.text()
        assert ed.list.count() == 0 and QApplication.focusWidget() is ed.leeftijd
        ed.leeftijd.clear()
        d.type(ed.geboortejaar, "2030")
        assert ed.geboortejaar.text() == "2030"  # not cut to 203
        click(ed.add_button)
        seen["2030"] = ed.error.text()
        assert ed.list.count() == 0
        ed.geboortejaar.selectAll()
        d.type(ed.geboortejaar, "1950")
        click(ed.add_button)
        assert ed.list.count() == 1 and ed.error.text() == "" or not ed.error.isVisible()
        # a typed betrokkene that was not added is not dropped silently
        d.type(ed.aanduiding, "opa")
        d.type(dlg.referentie, "ZW-9")
        choose(dlg.gemeente, "GM0479")
        click(dlg.ok_button)
        seen["pending"] = dlg.error.text()
        assert dlg.isVisible()
        click(button(dlg, "Annuleren"))

    with d.modal(fill, kind=NewDossierDialog):
        click(_page(win).overview.new_button)
    assert "150 jaar kan niet" in seen["150"] and "0 tot en met 120" in seen["150"]
    assert "2030 ligt in de toekomst" in seen["2030"]
    assert "nog niet toegevoegd" in seen["pending"]


@pytest.mark.parametrize("answer,added", [("Nee, aanpassen", 0), ("Ja, het klopt", 1)])
def test_a_child_as_parent_is_asked_about(qtbot, win, long_ws, type_text, answer, added):
    from ghnt_desktop.ui.meldcode.new_dossier_dialog import KIND_ALS_OUDER, NewDossierDialog

    d = Driver(qtbot, win, type_text)
    seen = {}

    def fill(dlg: NewDossierDialog) -> None:
        ed = dlg.betrokkenen
        _fill_betrokkene(d, dlg, "ouder_gezaghebbende", "moeder", leeftijd=str(KIND_ALS_OUDER - 5))

        def box(mb: QMessageBox) -> None:
            seen["question"] = mb.text()
            click(button(mb, answer))

        with Modal(qtbot, box, kind=QMessageBox):
            click(ed.add_button)
        seen["count"] = ed.list.count()
        # a birth year that makes a child of the parent is asked about as well; a 15-year-old parent is not
        _fill_betrokkene(d, dlg, "ouder_gezaghebbende", "vader", jaar=str(date.today().year - 15))
        click(ed.add_button)
        seen["teen"] = ed.list.count() - seen["count"]
        click(button(dlg, "Annuleren"))

    with d.modal(fill, kind=NewDossierDialog):
        click(_page(win).overview.new_button)
    assert "7 jaar" in seen["question"] and "Klopt dat?" in seen["question"]
    assert seen["count"] == added and seen["teen"] == 1


# ------------------------------------------------------------------------------------------------ locking


def test_lock_while_changing_the_details_keeps_what_was_ticked_and_typed(qtbot, win, long_ws, type_text):
    from ghnt_desktop.ui.meldcode.new_dossier_dialog import NewDossierDialog

    did = rich_dossier(long_ws)
    view = _open(qtbot, win, did)
    d = Driver(qtbot, win, type_text)

    def change_then_lock(dlg: NewDossierDialog) -> None:
        row = [dlg.vormen.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dlg.vormen.count())].index(
            "eergerelateerd_geweld")
        dlg.scroll.ensureWidgetVisible(dlg.vormen)
        check_item(dlg.vormen, row)
        d.type(dlg.betrokkenen.aanduiding, "oom")
        win.lock()  # the idle timer fires while the dialog is open

    with Modal(qtbot, change_then_lock, kind=NewDossierDialog):
        click(view.edit_button)
    assert _page(win).view is None and not [w for w in win.findChildren(NewDossierDialog) if w.isVisible()]
    seen = {}

    def back(dlg: NewDossierDialog) -> None:
        seen["vormen"] = dlg.vormen.field_value()
        seen["aanduiding"] = dlg.betrokkenen.aanduiding.text()
        click(button(dlg, "Annuleren"))

    with Modal(qtbot, back, kind=NewDossierDialog):
        _unlock(qtbot, win)
    assert "eergerelateerd_geweld" in seen["vormen"] and seen["aanduiding"] == "oom"
    assert "dialoog" not in svc.concepten(long_ws, did)
    assert svc.laad(long_ws, did).vormen == frozenset({dm.GeweldsVorm.PARTNERGEWELD, dm.GeweldsVorm.KINDERMISHANDELING,
                                                       dm.GeweldsVorm.OUDERENMISHANDELING})  # cancelled: unchanged


def test_after_unlocking_the_step_comes_back_at_the_same_scroll_position_and_field(qtbot, win, long_ws, type_text):
    did = rich_dossier(long_ws)
    view = _open(qtbot, win, did)
    d = Driver(qtbot, win, type_text)
    view.go_to_step(2)
    page = view.step2
    field = page.form.fields["advies"]
    page.ensureWidgetVisible(field)
    d.type(field, "half af")
    QApplication.processEvents()
    scroll = page.verticalScrollBar().value()
    assert scroll > 0
    QTest.keyClick(field, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    _unlock(qtbot, win)
    qtbot.waitUntil(lambda: not win.is_locked and _page(win).view is not None)
    view = _page(win).view
    qtbot.waitUntil(lambda: view.tabs.currentIndex() == 1 and view.step2.verticalScrollBar().value() == scroll)
    d.activate()  # (offscreen, a closed modal dialog leaves no active window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.step2.form.fields["advies"])
    assert view.step2.form.fields["advies"].toPlainText() == "half af"


def test_lock_with_the_new_dossier_dialog_open_brings_it_back_filled_in(qtbot, win, long_ws, type_text):
    from ghnt_desktop.ui.meldcode.new_dossier_dialog import NewDossierDialog

    d = Driver(qtbot, win, type_text)

    def type_then_lock(dlg: NewDossierDialog) -> None:
        d.type(dlg.referentie, "ZW-LOCK-1")
        dlg.flush()
        win.lock()

    with Modal(qtbot, type_then_lock, kind=NewDossierDialog):
        click(_page(win).overview.new_button)
    seen = {}

    def back(dlg: NewDossierDialog) -> None:
        seen["ref"] = dlg.referentie.text()
        click(button(dlg, "Annuleren"))

    with Modal(qtbot, back, kind=NewDossierDialog):
        _unlock(qtbot, win)
    assert seen["ref"] == "ZW-LOCK-1"


def test_a_dialog_kept_at_the_lock_survives_a_restart(qtbot, win, long_ws, type_text):
    """If the app stops while locked, the dialog's content is a draft: the recovery question brings it back."""
    from ghnt_desktop.ui.meldcode.dossier_view import DIALOOG_KEY, ReasonDialog

    did = svc.maak(long_ws, client_referentie="REST-1", gemeente_code="GM0479", vormen=set(), betrokkenen=[])
    svc.bewaar_concept(long_ws, did, DIALOOG_KEY, {"soort": "afsluiten", "waarden": {"reden": "Geen zorgen meer."}})
    page = _page(win)
    seen = {}

    def answer(box: QMessageBox) -> None:
        click(button(box, "Terugzetten"))

    def reason(dlg: ReasonDialog) -> None:
        seen["reden"] = dlg.reden.toPlainText()
        click(dlg.ok_button)

    with Modal(qtbot, [answer, reason]):
        page.open_dossier(did)
    qtbot.waitUntil(lambda: svc.laad(long_ws, did).status.value == "afgesloten")
    assert seen["reden"] == "Geen zorgen meer." and DIALOOG_KEY not in svc.concepten(long_ws, did)


def test_the_export_dialog_keeps_its_choice_at_a_lock_but_never_the_password(qtbot, win, long_ws):
    """What the lock keeps of the export dialog: the choice to protect the file; the password is typed again."""
    from ghnt_desktop.ui.meldcode.export_dialog import ExportDialog

    did = rich_dossier(long_ws)
    view = _open(qtbot, win, did)
    dlg = ExportDialog("verslag", view)
    dlg.protect.setChecked(True)
    dlg.pw1.setText("geheim wachtwoord")
    assert dlg.lock_state() == {"beveiligen": True}  # never the password
    again = ExportDialog("verslag", view)
    again.restore(dlg.lock_state())
    assert again.protect.isChecked() and again.pw1.isEnabled() and "opnieuw" in again.note.text()
    for d in (dlg, again):
        d.deleteLater()
    assert isinstance(dlg, QDialog)


@pytest.mark.parametrize("percent", [100, 200])
def test_besluiten_page_fits_and_reads_well(qtbot, app, long_ws, percent):
    from ghnt_desktop.ui.meldcode.besluiten_page import BesluitenPage

    page = BesluitenPage(long_ws)
    qtbot.addWidget(page)
    set_text_percent(percent)
    try:
        shown_at(qtbot, page)
        assert layout_problems(page) == []
        assert (hidden_label_texts(page), mnemonic_clashes(page), tab_traps(page)) == ([], {}, [])
        assert "&v" not in page.refresh_button.text().lower()  # Alt+V is Vergrendelen in the main window
    finally:
        set_text_percent(100)
