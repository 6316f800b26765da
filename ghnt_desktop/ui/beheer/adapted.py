"""Beheer tabs whose screens live in other modules, adapted to the page protocol (``ui.pages``).

The screens themselves (meldcode profile, regiovisie, audit log, backups) are also used outside Beheer;
each subclass here only adds the tab's title and what the protocol needs, and changes nothing else.
"""
from __future__ import annotations

from ghnt_desktop.ui.audit_view import LogboekWidget
from ghnt_desktop.ui.backup_dialogs import BackupPanel
from ghnt_desktop.ui.meldcode_profiel_view import MeldcodeProfielView
from ghnt_desktop.ui.pages import PageMixin
from ghnt_desktop.ui.regiovisie_view import RegiovisieView


class ProfielTab(MeldcodeProfielView, PageMixin):
    """Beheer › Meldcodeprofiel. Its ``refresh()`` brings in new colleagues to choose from and keeps unsaved
    choices, so it refreshes whenever it is shown."""

    titel = "Meldcodeprofiel"


class RegiovisieTab(RegiovisieView, PageMixin):
    """Beheer › Regionale aanpak. Only this tab changes what it shows: its ``refresh()`` would throw away an
    eigen indeling that has not been saved yet, so it is never refreshed on show."""

    titel = "Regionale aanpak"
    refresh_on_show = False


class LogboekTab(LogboekWidget, PageMixin):
    """Beheer › Logboek. Loading is itself logged (``logboek_bekijken``), so it loads only when it is in view."""

    titel = "Logboek"

    def refresh(self) -> None:
        self.load()

    def clear_for_lock(self) -> None:
        self.clear()

    def restore_after_unlock(self) -> None:
        self.load()  # reloaded, not the old rows: the unlock itself is the newest line


class BackupTab(BackupPanel, PageMixin):
    """Beheer › Reservekopieën."""

    titel = "Reservekopieën"
