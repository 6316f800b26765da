"""The plan screens at a gemeente laptop's size and at large text, for screen-reader and keyboard users.

With realistic content (20 actions with long titles, long names), on every tab of the plan page inside the real
main window and in every dialog, at 1366×768 and 1920×1080 with text at 100 % and 200 %:
nothing off-screen, cut off or overlapping; key columns never cut; every visible text reaches a screen reader;
unique Alt+letters that leave the main window's own alone; Tab leaves every table and follows reading order.
Dates go through the real date fields: one format, bounds with a Dutch reason, optional where optional.
"""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAccessible, QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QScrollArea, QStyle, QTabBar, QWidget

from ghnt_desktop.domain.datum import formatteer
from ghnt_desktop.services import plan as ps
from ghnt_desktop.ui import operations
from tests.plan.helpers import maak_manager_werkruimte
from tests.ui.a11y_checks import _mnemonic, hidden_label_texts, mnemonic_clashes, tab_traps
from tests.ui.layout_checks import layout_problems, set_text_percent, shown_at
from tests.ui_plan.content import LANGE_NAAM, actie_titel, maak_plan_met_veel_acties

SIZES = [(1366, 768), (1920, 1080)]
VANDAAG = date.today()


@pytest.fixture(autouse=True)
def _app():
    from ghnt_desktop.ui.app import make_app

    app = make_app()
    yield app
    set_text_percent(100)


@pytest.fixture
def ws(data_dir):
    ws = maak_manager_werkruimte(data_dir)
    ws.plan_id = maak_plan_met_veel_acties(ws)
    yield ws
    ws.close()


@pytest.fixture
def window(qtbot, ws):
    """The real main window with the plan page in view."""
    from ghnt_desktop.ui.main_window import MainWindow

    win = MainWindow(ws)
    qtbot.addWidget(win)
    shown_at(qtbot, win, SIZES[0])
    qtbot.waitUntil(lambda: win.first_page_ready)
    win.nav.setCurrentRow(next(i for i, m in enumerate(win.modules) if m.key == "plan"))
    page = win.pages["plan"]
    assert page.plan is not None and page.acties_table.rowCount() == 20
    yield win, page
    assert operations.wait_idle(20_000)


# --------------------------------------------------------------------------- checks of our own


def cut_cells(table, columns: list[int], *, may_hide: tuple[int, ...] = ()) -> list[str]:
    """Cells of ``columns`` whose text the table cannot show in full: a word wider than the column, or wrapped
    text taller than the row (the view then ends it with "…"). A column left out is a problem unless it is in
    ``may_hide`` (its content is in the detail pane)."""
    margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
    out = []
    for c in columns:
        if table.isColumnHidden(c):
            if c not in may_hide:
                out.append(f"{table.accessibleName()!r} column {c} is left out")
            continue
        width = table.columnWidth(c) - margin
        for r in range(table.rowCount()):
            it = table.item(r, c)
            if it is None or not it.text():
                continue
            font = it.font() if it.data(Qt.ItemDataRole.FontRole) is not None else table.font()
            need = QFontMetrics(font).boundingRect(QRect(0, 0, max(1, width), 10**6), Qt.TextFlag.TextWordWrap,
                                                   it.text())
            if need.width() > width or need.height() > table.rowHeight(r):
                header = table.model().headerData(c, Qt.Orientation.Horizontal)
                out.append(f"{table.accessibleName()!r} row {r + 1} column {header!r}: needs {need.width()}×"
                           f"{need.height()}, has {width}×{table.rowHeight(r)}")
    return out


def focus_order(root: QWidget) -> list[QWidget]:
    """The widgets inside ``root`` that Tab visits, in the order it visits them."""
    out, w = [], root.nextInFocusChain()
    while w is not root and len(out) < 500:
        if (root.isAncestorOf(w) and w.isVisible() and w.isEnabled() and w.focusProxy() is None
                and w.focusPolicy() & Qt.FocusPolicy.TabFocus):
            out.append(w)
        w = w.nextInFocusChain()
    return out


def _scroll_areas(w: QWidget, root: QWidget) -> list[QScrollArea]:
    """The scroll areas between ``root`` and ``w``, outermost first."""
    out, p = [], w.parentWidget()
    while p is not None and p is not root:
        if isinstance(p, QScrollArea) and p.widget() is not None and p.widget().isAncestorOf(w):
            out.insert(0, p)
        p = p.parentWidget()
    return out


def _pair_rects(a: QWidget, b: QWidget, root: QWidget) -> tuple[QRect, QRect]:
    """Where ``a`` and ``b`` stand relative to each other as a reader sees the page: inside the same scroll area
    by their place in its content (however it is scrolled); otherwise a scroll area counts as one block."""
    ca, cb = _scroll_areas(a, root), _scroll_areas(b, root)
    k = 0
    while k < min(len(ca), len(cb)) and ca[k] is cb[k]:
        k += 1
    ref = ca[k - 1].widget() if k else root
    ta = ca[k] if len(ca) > k else a
    tb = cb[k] if len(cb) > k else b
    return (QRect(ta.mapTo(ref, ta.rect().topLeft()), ta.size()), QRect(tb.mapTo(ref, tb.rect().topLeft()), tb.size()))


def reading_order_breaks(root: QWidget) -> list[str]:
    """Pairs where Tab reaches a control before one that stands above it, or left of it on the same line."""
    chain = focus_order(root)

    def name(w):
        return f"{type(w).__name__}({w.accessibleName() or getattr(w, 'text', lambda: '')()!s})"

    out = []
    for i, wa in enumerate(chain):
        for wb in chain[i + 1:]:
            a, b = _pair_rects(wa, wb, root)
            above = b.bottom() < a.top()
            same_line_left = not above and b.top() <= a.bottom() and b.right() < a.left() and b.top() >= a.top()
            if above or same_line_left:
                out.append(f"Tab reaches {name(wa)} before {name(wb)}")
    return out


def page_mnemonics(page) -> list[tuple[str, str]]:
    """(letter, text) of every Alt+letter the plan page offers right now."""
    out = []
    for w in page.findChildren(QAbstractButton):
        if w.isVisible() and w.isEnabled() and _mnemonic(w.text()):
            out.append((_mnemonic(w.text()), w.text()))
    for w in page.findChildren(QLabel):
        if w.isVisible() and w.buddy() is not None and _mnemonic(w.text()):
            out.append((_mnemonic(w.text()), w.text()))
    for bar in page.findChildren(QTabBar):
        if bar.isVisible():
            out += [(_mnemonic(bar.tabText(i)), bar.tabText(i)) for i in range(bar.count())
                    if _mnemonic(bar.tabText(i))]
    return out


def main_window_letters(win, page) -> set[str]:
    """The Alt+letters of the main window itself (menu bar, header), read from the real window. L counts as
    taken whatever the menu says today ("Beeld" may become "Bee&ld" in the shell work of issue 12)."""
    letters = {_mnemonic(a.text()) for a in win.menuBar().actions()}
    letters |= {_mnemonic(b.text()) for b in win.findChildren(QAbstractButton)
                if not page.isAncestorOf(b) and b.isVisible()}
    return {x for x in letters if x} | {"l"}


def _tabs(page):
    """Show each tab in turn (the preview's PDF is built on the worker: wait until it is there)."""
    for i in range(page.tabs.count()):
        page.tabs.setCurrentIndex(i)
        QApplication.processEvents()
        assert operations.wait_idle(20_000)
        QApplication.processEvents()
        yield page.tabs.tabText(i).replace("&", "")


def _settle(qtbot):
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(20)


# --------------------------------------------------------------------------- the page


@pytest.mark.parametrize("percent", [100, 200])
def test_every_tab_fits_shows_key_columns_in_full_and_reaches_the_screen_reader(qtbot, window, percent):
    win, page = window
    set_text_percent(percent)
    problems: dict[str, list[str]] = {}
    for size in SIZES:
        shown_at(qtbot, win, size)
        for tab in _tabs(page):
            _settle(qtbot)
            where = f"{percent}% {size[0]}×{size[1]} {tab}"
            problems[f"{where} layout"] = layout_problems(win, screen=size)
            problems[f"{where} cut cells"] = (cut_cells(page.acties_table, [0, 1, 3, 4]) if tab == "Acties" else
                                              cut_cells(page.vp_table, [0, 1, 7], may_hide=(7,))
                                              if tab == "Verbeterpunten" else [])
            problems[f"{where} hidden texts"] = hidden_label_texts(page)
            problems[f"{where} tab traps"] = tab_traps(page)
            clashes = mnemonic_clashes(win)
            mine = {t.replace("&", "") for _, t in page_mnemonics(page)}
            problems[f"{where} mnemonics"] = [f"Alt+{k}: {v}" for k, v in clashes.items() if mine & set(v)]
    assert {k: v for k, v in problems.items() if v} == {}


def test_the_acties_table_wraps_long_titles_and_never_cuts_them_when_the_window_changes(qtbot, window):
    win, page = window
    page.tabs.setCurrentIndex(3)
    for size, percent in [((1920, 1080), 100), ((1366, 768), 200), ((1100, 700), 200), ((1366, 768), 100)]:
        set_text_percent(percent)
        shown_at(qtbot, win, size)
        _settle(qtbot)
        assert cut_cells(page.acties_table, list(range(7)), may_hide=(2, 5, 6)) == [], (size, percent)
        if size[0] >= 1366:  # the key columns fit side by side; smaller windows may scroll sideways
            assert page.acties_table.horizontalScrollBar().maximum() == 0, (size, percent)
        # the title wraps onto more lines instead of being cut
        assert page.acties_table.rowHeight(0) > page.acties_table.fontMetrics().lineSpacing() * 2
    # a late deadline says so in words, not by its colour alone (also when the Status column is left out)
    laat = [r for r in range(20) if page.acties_table.item(r, 4).text().endswith("\nte laat")]
    assert len(laat) == ps.overzicht(page.ws, page.plan.id).aantal_te_laat > 0
    # the whole action, notes included, can be read in the detail pane
    page.acties_table.setFocus()
    page.acties_table.selectRow(0)
    text = page.actie_details.toPlainText()
    assert actie_titel(0) in " ".join(text.split()) and LANGE_NAAM in text and "Eerste groep" in text


def test_unique_alt_letters_that_leave_the_main_windows_own_alone(qtbot, window):
    win, page = window
    taken = main_window_letters(win, page)
    assert {"a", "b", "v", "h", "l"} <= taken
    seen = {}
    for tab in _tabs(page):
        letters = page_mnemonics(page)
        dupes = {k for k, _ in letters if [x for x, _ in letters].count(k) > 1}
        seen[tab] = {"with the main window": sorted(t for k, t in letters if k in taken),
                     "twice on the page": sorted(t for k, t in letters if k in dupes)}
    assert {t: v for t, v in seen.items() if any(v.values())} == {}
    # the same when a vastgesteld plan is shown (other buttons are visible then)
    ps.stel_vast(page.ws, page.plan.id, door="College van B en W", op=VANDAAG)
    page.load_plans(page.plan.id)
    page.tabs.setCurrentIndex(0)
    QApplication.processEvents()
    letters = page_mnemonics(page)
    assert page.nieuwe_versie_button.isVisible()
    assert len({k for k, _ in letters}) == len(letters) and not {k for k, _ in letters} & taken


def test_tab_leaves_every_table_and_follows_reading_order(qtbot, window):
    win, page = window
    with qtbot.waitActive(win):
        win.activateWindow()
    breaks = {}
    for tab in _tabs(page):
        _settle(qtbot)
        breaks[tab] = reading_order_breaks(page)
    assert {t: b for t, b in breaks.items() if b} == {}
    with qtbot.waitActive(win):
        win.activateWindow()

    for tab_index, table, after in [(3, page.acties_table, page.actie_details), (2, page.vp_table, page.vp_details)]:
        page.tabs.setCurrentIndex(tab_index)
        table.setFocus()
        table.setCurrentCell(0, 0)
        qtbot.waitUntil(table.hasFocus)
        qtbot.keyClick(table, Qt.Key.Key_Down)  # arrow keys move inside
        assert table.currentRow() == 1 and table.hasFocus()
        qtbot.keyClick(table, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is after, QApplication.focusWidget()
        qtbot.keyClick(after, Qt.Key.Key_Backtab)
        assert QApplication.focusWidget() is table
        assert table.currentRow() == 1  # Tab did not move the row


def test_status_lines_keep_their_text_for_the_screen_reader_and_changes_are_announced(qtbot, window,
                                                                                     monkeypatch):
    from ghnt_desktop.ui import a11y

    win, page = window
    said = []
    monkeypatch.setattr(a11y, "announce", lambda w, text, **kw: said.append(a11y.plain_text(text)))

    def exposed(w):
        iface = QAccessible.queryAccessibleInterface(w)
        return iface.text(QAccessible.Text.Name), iface.text(QAccessible.Text.Description)

    page.tabs.setCurrentIndex(0)
    QApplication.processEvents()
    assert "Concept" in exposed(page.status_label)[0]
    assert exposed(page.counts_label) == (a11y.plain_text(page.counts_label.text()), "Aantal acties per status")
    assert exposed(page.counts_label)[0].startswith("20 acties")
    assert exposed(page.te_laat_label)[0].startswith("Te laat: ")
    assert page.datalab_check.text().replace("&", "") in exposed(page.datalab_check)[0]
    page.titel_edit.setText("Plan van aanpak Zaanstad – met een nieuwe titel")
    qtbot.mouseClick(page.save_plan_button, Qt.MouseButton.LeftButton)
    assert "De gegevens van het plan zijn opgeslagen." in said and page.melding.isVisible()
    assert any("Plan van aanpak Zaanstad – met een nieuwe titel" in s for s in said)  # the status line changed


def test_preview_pages_have_a_text_alternative(qtbot, window):
    win, page = window
    page.tabs.setCurrentWidget(page.preview)
    assert operations.wait_idle(20_000)
    prev = page.preview
    n = prev.document.pageCount()
    assert n >= 5 and f"{n} pagina's" in prev.view.accessibleDescription()
    assert prev.info.isVisible() and f"{n} pagina's" in prev.info.text()
    qtbot.mouseClick(prev.text_button, Qt.MouseButton.LeftButton)
    assert prev.showing_text and prev.text_view.isVisible() and not prev.view.isVisible()
    assert prev.text_button.text() == "&Terug naar de pagina's"
    text = prev.text_view.toPlainText()
    assert f"Pagina 1 van {n}" in text and f"Pagina {n} van {n}" in text and "Plan van aanpak" in text
    assert prev.text_view.isReadOnly() and prev.text_view.tabChangesFocus()
    qtbot.mouseClick(prev.text_button, Qt.MouseButton.LeftButton)
    assert prev.view.isVisible() and not prev.showing_text and prev.text_button.text() == "&Tekst van het voorbeeld"


# --------------------------------------------------------------------------- dialogs


def _open(qtbot, page, which: str):
    if which == "actie":
        page.tabs.setCurrentIndex(3)
        page.acties_table.selectRow(0)
        page.edit_action()
        dlg = page.actie_dialog
    elif which == "nieuwe actie":
        page.tabs.setCurrentIndex(3)
        page.open_action_dialog()
        dlg = page.actie_dialog
    elif which == "nieuw plan":
        page.open_new_plan()
        dlg = page.nieuw_dialog
    else:
        page.tabs.setCurrentIndex(0)
        page.open_vaststellen()
        dlg = page.vaststellen_dialog
    qtbot.waitUntil(dlg.isVisible)
    return dlg


@pytest.mark.parametrize("percent", [100, 200])
@pytest.mark.parametrize("which", ["actie", "nieuw plan", "vaststellen"])
def test_dialogs_fit_a_small_screen_with_their_buttons_in_view(qtbot, window, which, percent):
    win, page = window
    set_text_percent(percent)
    dlg = _open(qtbot, page, which)
    scherm = dlg.screen().availableGeometry()
    assert dlg.width() <= scherm.width() and dlg.height() <= scherm.height()  # sized for the screen it opens on
    hint = dlg.minimumSizeHint()
    assert hint.width() <= 1366 - 40 and hint.height() <= 768 - 100, hint
    problems = {}
    buttons = [b for b in dlg.buttons.buttons()]
    for size in [(dlg.width(), dlg.height()), (1326, 700), (900, 500)]:
        dlg.resize(*size)
        _settle(qtbot)
        problems[size] = layout_problems(dlg, screen=(1366, 768))
        problems[size] += [f"button {b.text()!r} out of view" for b in buttons
                           if not dlg.rect().contains(QRect(b.mapTo(dlg, b.rect().topLeft()), b.size()))]
    problems["hidden texts"] = hidden_label_texts(dlg)
    problems["mnemonics"] = [f"Alt+{k}: {v}" for k, v in mnemonic_clashes(dlg).items()]
    problems["tab traps"] = tab_traps(dlg)
    problems["reading order"] = reading_order_breaks(dlg)
    dlg.reject()
    assert {k: v for k, v in problems.items() if v} == {}


# --------------------------------------------------------------------------- dates through the real fields


def _type_date(qtbot, veld, text: str) -> None:
    veld.edit.clear()
    qtbot.keyClicks(veld.edit, text)
    veld.edit.editingFinished.emit()  # as when the field is left


def test_action_dates_one_format_deadline_not_before_start(qtbot, window):
    win, page = window
    dlg = _open(qtbot, page, "nieuwe actie")
    qtbot.keyClicks(dlg.omschrijving_edit, "Signaleringskaart verspreiden")
    start, deadline = VANDAAG + timedelta(days=30), VANDAAG + timedelta(days=60)
    _type_date(qtbot, dlg.deadline_edit, formatteer(start - timedelta(days=1)))
    _type_date(qtbot, dlg.start_edit, f"{start.day}/{start.month}/{start.year}")
    assert dlg.start_edit.edit.text() == formatteer(start)  # one way of writing a date
    # the deadline now lies before the start: the reason shows under the deadline, and saving is refused
    assert dlg.deadline_edit.probleem_label.isVisible()
    assert dlg.deadline_edit.probleem_label.text() == "De deadline ligt vóór de startdatum. Kies een latere deadline."
    aantal = len(ps.acties(page.ws, page.plan.id))
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and "De deadline ligt vóór de startdatum" in dlg.error.text()
    assert len(ps.acties(page.ws, page.plan.id)) == aantal
    _type_date(qtbot, dlg.deadline_edit, deadline.strftime("%d%m%Y"))
    assert not dlg.deadline_edit.probleem_label.isVisible()
    # a progress note cannot be dated in the future
    _type_date(qtbot, dlg.notitie_datum, formatteer(VANDAAG + timedelta(days=3)))
    qtbot.keyClicks(dlg.notitie_edit, "Kaart besteld")
    qtbot.mouseClick(dlg.notitie_button, Qt.MouseButton.LeftButton)
    assert dlg.notities_list.count() == 0 and "niet in de toekomst" in dlg.error.text()
    _type_date(qtbot, dlg.notitie_datum, formatteer(VANDAAG))
    qtbot.mouseClick(dlg.notitie_button, Qt.MouseButton.LeftButton)
    assert dlg.notities_list.item(0).text().startswith(formatteer(VANDAAG) + ": Kaart besteld")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    nieuw = next(a for a in ps.acties(page.ws, page.plan.id) if a.omschrijving == "Signaleringskaart verspreiden")
    assert (nieuw.start, nieuw.deadline) == (start, deadline)
    rij = next(r for r in range(page.acties_table.rowCount())
               if page.acties_table.item(r, 1).text() == "Signaleringskaart verspreiden")
    assert page.acties_table.item(rij, 4).text() == formatteer(deadline)
    # an optional date may be emptied again
    page.acties_table.selectRow(rij)
    page.edit_action()
    dlg = page.actie_dialog
    qtbot.waitUntil(dlg.isVisible)
    assert dlg.start_edit.edit.text() == formatteer(start)
    dlg.start_edit.edit.clear()
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    assert ps.actie(page.ws, nieuw.id).start is None


def test_plan_period_end_not_before_begin_and_next_zelfscan_optional(qtbot, window):
    win, page = window
    page.tabs.setCurrentIndex(0)
    before = ps.plan(page.ws, page.plan.id)
    assert page.van_edit.edit.text() == formatteer(before.periode_van)
    _type_date(qtbot, page.tot_edit, formatteer(before.periode_van - timedelta(days=1)))
    assert page.tot_edit.probleem_label.text() == ("Het einde van de periode ligt vóór het begin. "
                                                   "Kies een latere datum.")
    qtbot.mouseClick(page.save_plan_button, Qt.MouseButton.LeftButton)
    assert "Het einde van de periode ligt vóór het begin" in page.error.text() and page.error.isVisible()
    assert ps.plan(page.ws, page.plan.id).periode_tot == before.periode_tot
    # moving the begin back makes the same end fine again
    _type_date(qtbot, page.van_edit, formatteer(before.periode_van - timedelta(days=30)))
    assert not page.tot_edit.probleem_label.isVisible() and page.tot_edit.is_valid()
    page.volgende_edit.edit.clear()  # the next zelfscan is optional
    qtbot.mouseClick(page.save_plan_button, Qt.MouseButton.LeftButton)
    after = ps.plan(page.ws, page.plan.id)
    assert after.periode_van == before.periode_van - timedelta(days=30)
    assert after.periode_tot == before.periode_van - timedelta(days=1) and after.volgende_zelfscan is None
    assert not page.error.isVisible()


def test_vaststellen_not_in_the_future_and_the_status_shows_the_one_date_format(qtbot, window):
    win, page = window
    dlg = _open(qtbot, page, "vaststellen")
    assert dlg.op_edit.edit.text() == formatteer(VANDAAG)
    _type_date(qtbot, dlg.op_edit, formatteer(VANDAAG + timedelta(days=1)))
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and "De datum van vaststellen kan niet in de toekomst liggen." in dlg.error.text()
    _type_date(qtbot, dlg.op_edit, "2-12-2025")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    assert "Vastgesteld op 02-12-2025" in a11y_plain(page.status_label.text())
    assert all(" – peildatum 01-03-2026 " in page.scan_list.item(i).text() or "01-03-2025" in
               page.scan_list.item(i).text() for i in range(page.scan_list.count()))


def a11y_plain(text: str) -> str:
    from ghnt_desktop.ui.a11y import plain_text

    return plain_text(text)
