"""The Beheer screen: organisation info and one tab per part of beheer, as far as the role may see it.

Every tab is a page (``ui.pages``). When a tab comes into view, Beheer calls its ``refresh()`` if it declares
``refresh_on_show``; after a lock, the tab gets ``restore_after_unlock()`` instead, when it is next in view
(the log is loaded only when it is seen, because looking at it is logged too).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ghnt_desktop.domain.roles import Actie, mag
from ghnt_desktop.ui.beheer.accounts import AccountsTab
from ghnt_desktop.ui.beheer.bewaartermijnen import RetentionTab
from ghnt_desktop.ui.beheer.common import breakable_path, esc
from ghnt_desktop.ui.beheer.instellingen import SettingsTab
from ghnt_desktop.ui.beheer.mijn_account import MyAccountTab
from ghnt_desktop.ui.beheer.sleutel import KeyTab
from ghnt_desktop.ui.kop import Kop
from ghnt_desktop.ui.pages import Page, PageMixin


class BeheerView(QWidget, PageMixin):
    titel = "Beheer"
    refresh_on_show = False  # like every module screen: kept as it was when you come back to it
    # Aan de slag item -> the tab that does it
    SECTIONS = {"gemeenten": "teams_tab", "teams": "teams_tab", "accounts": "accounts_tab",
                "meldcodeprofiel": "profiel_tab", "regiovisie": "regiovisie_tab", "backup": "backup_tab"}

    def __init__(self, ws, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        lay = QVBoxLayout(self)
        lay.addWidget(Kop("Beheer", 1))
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self._update_info()
        lay.addWidget(self.info)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Onderdelen van beheer")
        lay.addWidget(self.tabs, 1)
        r = ws.session.rollen
        self.my_account = MyAccountTab(ws)
        self.start_tab = None
        if mag(r, Actie.INSTELLINGEN_BEHEREN):
            from ghnt_desktop.ui.beheer.aan_de_slag import AanDeSlagPage

            self.start_tab = AanDeSlagPage(ws)
            self.start_tab.open_requested.connect(self.show_section)
        self.teams_tab = None
        if mag(r, Actie.TEAMS_BEHEREN):
            from ghnt_desktop.ui.beheer.teams import TeamsTab

            self.teams_tab = TeamsTab(ws)
            self.teams_tab.changed.connect(self._update_info)
        self.accounts_tab = AccountsTab(ws) if mag(r, Actie.ACCOUNTS_BEHEREN) else None
        self.profiel_tab = self.regiovisie_tab = None
        if mag(r, Actie.INSTELLINGEN_BEHEREN):
            from ghnt_desktop.ui.beheer.adapted import ProfielTab, RegiovisieTab

            self.profiel_tab = ProfielTab(ws)
            self.regiovisie_tab = RegiovisieTab(ws)
        self.settings_tab = SettingsTab(ws) if mag(r, Actie.INSTELLINGEN_BEHEREN) else None
        self.retention_tab = (RetentionTab(ws) if mag(r, Actie.BEWAARTERMIJN_BEHEREN)
                              or mag(r, Actie.BEWAARTERMIJN_BEVESTIGEN_AF) else None)
        self.log_tab = None
        if mag(r, Actie.AUDIT_INZIEN):
            from ghnt_desktop.ui.beheer.adapted import LogboekTab

            self.log_tab = LogboekTab(ws)
        self.key_tab = KeyTab(ws) if mag(r, Actie.ACCOUNTS_BEHEREN) else None
        self.backup_tab = None
        if mag(r, Actie.BACKUPS_BEHEREN):
            from ghnt_desktop.ui.beheer.adapted import BackupTab

            self.backup_tab = BackupTab(ws)
            self.backup_tab.restored.connect(self._restored)
        tabs: list[Page | None] = [self.my_account, self.start_tab, self.teams_tab, self.accounts_tab,
                                   self.profiel_tab, self.regiovisie_tab, self.settings_tab, self.retention_tab,
                                   self.log_tab, self.backup_tab, self.key_tab]
        self._pages: list[Page] = [tab for tab in tabs if tab is not None]
        for tab in self._pages:
            self.tabs.addTab(tab, tab.titel)
        self._cleared: list[Page] = []  # cleared at the last lock and not in view since
        if self.accounts_tab is not None:
            self.tabs.setCurrentWidget(self.accounts_tab)
        self.tabs.currentChanged.connect(self._tab_changed)

    def pages(self) -> list[Page]:
        """The tabs, in their order on screen."""
        return list(self._pages)

    def _update_info(self) -> None:
        gemeenten = ", ".join(f"{n} ({c})" for c, n in self.ws.gemeenten())
        self.info.setText(f"<b>Organisatie:</b> {esc(self.ws.organisatie)}<br><b>Gemeenten:</b> "
                          f"{esc(gemeenten)}<br><b>Gegevensmap:</b> {esc(breakable_path(self.ws.data_dir))}")

    def show_section(self, key: str) -> bool:
        """Show the tab for an "Aan de slag" item (False when this account has no such tab)."""
        tab = getattr(self, self.SECTIONS.get(key, ""), None)
        if tab is None:
            return False
        self.tabs.setCurrentWidget(tab)
        if key == "gemeenten":
            tab.gemeenten_box.add_edit.setFocus()
        else:
            tab.setFocus()
            tab.focusNextChild()
        return True

    def _restored(self, new_ws) -> None:
        """After a restore the old workspace is closed: the main window continues with the new one."""
        win = self.window()
        switch = getattr(win, "switch_workspace", None)
        if switch is not None:
            switch(new_ws)

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def current_page(self) -> Page:
        return self._pages[self.tabs.currentIndex()]

    def _tab_changed(self, _index: int) -> None:
        from ghnt_desktop.ui.indeling import relayout_scroll_areas

        self._bring_into_view(self.current_page())
        relayout_scroll_areas(self.tabs.currentWidget())  # the text size may have changed while it was hidden

    def _bring_into_view(self, tab: Page) -> None:
        if any(t is tab for t in self._cleared):
            self._cleared = [t for t in self._cleared if t is not tab]
            tab.restore_after_unlock()
        elif tab.refresh_on_show:
            tab.refresh()

    # --- the page protocol (called by the main window) ----------------------------------------------
    def refresh(self) -> None:
        tab = self.current_page()
        if tab.refresh_on_show:
            tab.refresh()

    def save_all(self) -> None:
        for tab in self._pages:
            tab.save_all()

    def clear_for_lock(self) -> None:
        """Nothing from the log or the lists stays on screen while locked."""
        for tab in self._pages:
            tab.clear_for_lock()
        self._cleared = list(self._pages)

    def restore_after_unlock(self) -> None:
        """The tab in view is restored now; the others when they are next in view."""
        self._bring_into_view(self.current_page())
