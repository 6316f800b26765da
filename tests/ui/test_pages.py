"""The page protocol (ui.pages): every screen of the main window and every Beheer tab is a page; lock clears
and unlock restores through it; Beheer refreshes a tab on show only where the tab declares it."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ghnt_desktop.services.login import login
from ghnt_desktop.ui.pages import PAGE_METHODS, Page, PageAdapter, PageMixin, as_page

DEMO_ACCOUNTS = ("demo", "professional", "aandachtsfunctionaris", "manager", "beheerder")


@pytest.fixture(autouse=True)
def _app():
    from ghnt_desktop.ui.app import make_app

    return make_app()


@pytest.fixture
def open_window(qtbot, demo_dir):
    opened = []

    def open_(naam: str):
        from ghnt_desktop.ui.main_window import MainWindow

        ws = login(demo_dir, naam, "demo")
        win = MainWindow(ws)
        opened.append((ws, win))
        qtbot.addWidget(win)
        with qtbot.waitExposed(win):
            win.show()
        with qtbot.waitActive(win):
            win.activateWindow()
        qtbot.waitUntil(lambda: win.first_page_ready)
        for m in win.modules:  # every screen of this account is built
            win.page(m.key)
        return ws, win

    yield open_
    for ws, win in opened:
        win.close()
        ws.close()


def _show(qtbot, w):
    qtbot.addWidget(w)
    with qtbot.waitExposed(w):
        w.show()
    return w


# --- every page implements the protocol ----------------------------------------------------------

@pytest.mark.parametrize("naam", DEMO_ACCOUNTS)
def test_every_page_of_every_demo_account_is_a_page(open_window, naam):
    from ghnt_desktop.ui.modules import registry

    ws, win = open_window(naam)
    protocols = win.page_protocols()
    assert len(protocols) == len(win.modules) == len(win.pages) > 0
    for m, page in zip(win.modules, protocols):
        assert isinstance(page, Page), m.key
        assert page.titel == m.titel
    # the screens of this package implement the protocol themselves: no adapter
    beheer = win.pages["beheer"]
    assert isinstance(beheer, PageMixin) and as_page(beheer) is beheer
    tabs = beheer.pages()
    assert [t.titel for t in tabs] == beheer.tab_titles() and tabs[0].titel == "Mijn account"
    for tab in tabs:
        assert isinstance(tab, Page) and isinstance(tab, PageMixin), type(tab).__name__
    # every module this account may use, also those hidden in this workspace (Aan de slag when all is set up,
    # Besluiten ondertekenen without decisions to sign), gives a page
    for m in registry():
        if m.beschikbaar_voor(ws.session):
            widget = m.factory(ws, win)
            page = as_page(widget, m.titel)
            assert isinstance(page, Page) and page.titel == m.titel, m.key
            if isinstance(page, PageAdapter):
                # the adapter uses the screen's own methods and a no-op only for what it lacks
                assert set(page.missing) < set(PAGE_METHODS)
                for name in set(PAGE_METHODS) - set(page.missing):
                    assert page._own[name] == getattr(widget, name)
            widget.deleteLater()


def test_the_adapter_supplies_no_ops_and_calls_what_a_screen_has():
    calls = []

    class Screen:  # a screen with only part of the protocol, like the module pages today
        def save_all(self):
            calls.append("save_all")

    page = as_page(Screen(), "Scherm")
    assert isinstance(page, Page) and page.titel == "Scherm" and not page.refresh_on_show
    assert page.missing == ("refresh", "clear_for_lock", "restore_after_unlock")
    for name in PAGE_METHODS:
        getattr(page, name)()
    assert calls == ["save_all"]


# --- lock and unlock ------------------------------------------------------------------------------

class _Spy:
    """A page that records the protocol calls the main window makes, then passes them on."""

    def __init__(self, page, log):
        self.page, self.log = page, log
        self.titel, self.refresh_on_show = page.titel, page.refresh_on_show

    def _call(self, name):
        self.log.append((self.titel, name))
        getattr(self.page, name)()

    def refresh(self):
        self._call("refresh")

    def save_all(self):
        self._call("save_all")

    def clear_for_lock(self):
        self._call("clear_for_lock")

    def restore_after_unlock(self):
        self._call("restore_after_unlock")


def _lock(qtbot, win):
    qtbot.keyClick(win.nav, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(win, "unlock_dialog", None) is not None and win.unlock_dialog.isVisible())
    assert win.is_locked


def _unlock(qtbot, win):
    dlg = win.unlock_dialog
    qtbot.keyClicks(dlg.pass_edit, "demo")
    qtbot.keyClick(dlg.pass_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not win.is_locked)


def _rows(beheer) -> dict[str, int]:
    """The rows of what the Beheer tabs list (accounts, teams, retention items, the log)."""
    out = {}
    for name, table in (("accounts", "table"), ("teams", "table"), ("retention", "item_table"), ("log", "table")):
        tab = getattr(beheer, f"{name}_tab")
        if tab is not None:
            out[name] = getattr(tab, table).rowCount()
    return out


@pytest.mark.parametrize("naam", DEMO_ACCOUNTS)
def test_lock_clears_every_page_and_unlock_restores(qtbot, open_window, monkeypatch, naam):
    from ghnt_desktop.ui import main_window

    log: list[tuple[str, str]] = []
    real = main_window.as_page
    monkeypatch.setattr(main_window, "as_page", lambda w, titel="": _Spy(real(w, titel), log))
    ws, win = open_window(naam)
    titels = [m.titel for m in win.modules]
    beheer = win.pages["beheer"]
    for i in range(beheer.tabs.count()):  # every tab has been in view (the log loads only then)
        beheer.tabs.setCurrentIndex(i)
    if beheer.accounts_tab is not None:
        beheer.tabs.setCurrentWidget(beheer.accounts_tab)
    before = _rows(beheer)
    meldcode = win.pages.get("meldcode")
    if meldcode is not None:
        assert meldcode.overview.model.rowCount() > 0
    assert all(n > 0 for k, n in before.items() if k != "retention"), before

    _lock(qtbot, win)
    # every page saved what was typed and then cleared, in that order
    assert [t for t, name in log if name == "save_all"] == titels
    assert [t for t, name in log if name == "clear_for_lock"] == titels
    assert log.index((titels[-1], "save_all")) < log.index((titels[0], "clear_for_lock"))
    # nothing of the lists stays on screen
    assert set(_rows(beheer).values()) <= {0}
    if meldcode is not None:
        assert meldcode.overview.model.rowCount() == 0
    log.clear()

    _unlock(qtbot, win)
    assert [t for t, name in log if name == "restore_after_unlock"] == titels
    if meldcode is not None:
        assert meldcode.overview.model.rowCount() > 0
    # Beheer: the tab in view is back at once, the others when they are in view again
    if beheer.accounts_tab is not None:
        assert beheer.tabs.currentWidget() is beheer.accounts_tab
        assert _rows(beheer)["accounts"] == before["accounts"] and _rows(beheer)["teams"] == 0
    for i in range(beheer.tabs.count()):
        beheer.tabs.setCurrentIndex(i)
    after = _rows(beheer)
    assert all(after[k] > 0 for k in before if k != "retention"), after


# --- Beheer: refresh on show only where declared ---------------------------------------------------------

def test_beheer_refreshes_a_tab_on_show_only_where_it_declares_it(qtbot, demo_dir, monkeypatch):
    from ghnt_desktop.ui.beheer.view import BeheerView

    ws = login(demo_dir, "beheerder", "demo")
    try:
        view = _show(qtbot, BeheerView(ws))
        tabs = view.pages()
        counts = {id(t): 0 for t in tabs}

        def counting(tab):
            real = tab.refresh

            def refresh():
                counts[id(tab)] += 1
                real()
            return refresh

        for tab in tabs:
            monkeypatch.setattr(tab, "refresh", counting(tab))
        rv = view.regiovisie_tab
        assert rv.refresh_on_show is False and view.start_tab.refresh_on_show is False
        assert view.my_account.refresh_on_show is False
        rv.naam_edit.setText("Onze eigen indeling, nog niet opgeslagen")
        for _round in range(2):
            for i in range(view.tabs.count()):
                view.tabs.setCurrentIndex(i)
                qtbot.wait(1)
        for tab in tabs:
            if tab is view.start_tab:
                # it refreshes itself whenever shown (showEvent), once per showing: Beheer does not add one
                assert counts[id(tab)] == 2, tab.titel
            elif tab.refresh_on_show:
                assert counts[id(tab)] >= 1, tab.titel
            else:
                assert counts[id(tab)] == 0, tab.titel
        # a lock does not refresh the regiovisie either: the unsaved eigen indeling stays
        view.tabs.setCurrentWidget(rv)
        view.clear_for_lock()
        view.restore_after_unlock()
        assert counts[id(rv)] == 0 and rv.naam_edit.text() == "Onze eigen indeling, nog niet opgeslagen"
        # a tab cleared by the lock is restored when it is in view again (once, not also refreshed)
        n = counts[id(view.teams_tab)]
        assert view.teams_tab.table.rowCount() == 0
        view.tabs.setCurrentWidget(view.teams_tab)
        assert view.teams_tab.table.rowCount() > 0 and counts[id(view.teams_tab)] == n + 1
        view.close()
    finally:
        ws.close()
