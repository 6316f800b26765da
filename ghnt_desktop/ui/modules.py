"""The app's modules as shown in the navigation. One registry; screens are created lazily."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ghnt_desktop.domain.roles import Actie, mag
from ghnt_desktop.storage.workspace import Session


@dataclass(frozen=True)
class Module:
    key: str
    titel: str
    factory: Callable[..., QWidget] | None  # factory(workspace, parent) -> QWidget
    beschikbaar_voor: Callable[[Session], bool] = lambda s: True


class NotYetAvailable(QWidget):
    """Shown only while the module's own issue is still open."""

    def __init__(self, titel: str, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        label = QLabel(f"<h2>{titel}</h2><p>Dit onderdeel is nog niet beschikbaar in deze versie.</p>")
        label.setAccessibleName(f"{titel}: nog niet beschikbaar")
        lay.addWidget(label)
        lay.addStretch(1)


def _meldcode(ws, parent):
    from ghnt_desktop.ui.meldcode.page import MeldcodePage

    return MeldcodePage(ws, parent)


def _beheer(ws, parent):
    from ghnt_desktop.ui.beheer_view import BeheerView

    return BeheerView(ws, parent)


def _zelfscan(ws, parent):
    from ghnt_desktop.ui.zelfscan.page import ZelfscanPage

    return ZelfscanPage(ws, parent)


def _plan(ws, parent):
    from ghnt_desktop.ui.plan.page import PlanPage

    return PlanPage(ws, parent)


def registry() -> list[Module]:
    return [
        Module("meldcode", "Meldcode", _meldcode,
               beschikbaar_voor=lambda s: mag(s.rollen, Actie.DOSSIER_EIGEN)),
        Module("zelfscan", "Zelfscan", _zelfscan,
               beschikbaar_voor=lambda s: mag(s.rollen, Actie.ZELFSCAN_EIGEN_TEAM) or mag(s.rollen, Actie.ZELFSCAN_ALLE)
               or mag(s.rollen, Actie.CATALOGUS_BEHEREN)),
        Module("plan", "Plan van aanpak", _plan, beschikbaar_voor=lambda s: mag(s.rollen, Actie.PLAN_INZIEN)),
        Module("beheer", "Beheer", _beheer),
    ]
