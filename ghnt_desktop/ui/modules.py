"""The app's modules as shown in the navigation. One registry; screens are created lazily."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from ghnt_desktop.domain.roles import Actie, Rol, mag

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ghnt_desktop.services.workspace import Session


@dataclass(frozen=True)
class Module:
    key: str
    titel: str
    factory: Callable[..., QWidget]  # factory(workspace, parent) -> the module's page (ui.pages)
    beschikbaar_voor: Callable[[Session], bool] = lambda s: True
    nodig: Callable[[object], bool] = lambda ws: True  # shown at all in this workspace (checked at start)


def _aan_de_slag(ws, parent):
    from ghnt_desktop.ui.beheer.aan_de_slag import AanDeSlagPage

    page = AanDeSlagPage(ws, parent)
    open_section = getattr(parent, "open_beheer_section", None)
    if open_section is not None:
        page.open_requested.connect(open_section)
    return page


def _setup_unfinished(ws) -> bool:
    from ghnt_desktop.services import organisatie

    return not organisatie.alles_klaar(ws)


def _besluiten(ws, parent):
    from ghnt_desktop.ui.meldcode.besluiten_page import BesluitenPage

    return BesluitenPage(ws, parent)


def _tekent_besluiten(ws) -> bool:
    """A teamleider or named colleague without dossiers of its own who signs decisions (meldcode profile)."""
    from ghnt_desktop.services import meldcodeprofiel

    ev = meldcodeprofiel.eindverantwoordelijke(ws)
    return ((ev.soort == "teamleider" and Rol.MANAGER in ws.session.rollen)
            or (ev.soort == "accounts" and ws.session.account_id in ev.accounts))


def _meldcode(ws, parent):
    from ghnt_desktop.ui.meldcode.page import MeldcodePage

    return MeldcodePage(ws, parent)


def _beheer(ws, parent):
    from ghnt_desktop.ui.beheer.view import BeheerView

    return BeheerView(ws, parent)


def _zelfscan(ws, parent):
    from ghnt_desktop.ui.zelfscan.page import ZelfscanPage

    return ZelfscanPage(ws, parent)


def _plan(ws, parent):
    from ghnt_desktop.ui.plan.page import PlanPage

    return PlanPage(ws, parent)


def registry() -> list[Module]:
    return [
        Module("aan_de_slag", "Aan de slag", _aan_de_slag,
               beschikbaar_voor=lambda s: mag(s.rollen, Actie.INSTELLINGEN_BEHEREN), nodig=_setup_unfinished),
        Module("meldcode", "Meldcode", _meldcode,
               beschikbaar_voor=lambda s: mag(s.rollen, Actie.DOSSIER_EIGEN)),
        Module("besluiten", "Besluiten ondertekenen", _besluiten,
               beschikbaar_voor=lambda s: not mag(s.rollen, Actie.DOSSIER_EIGEN), nodig=_tekent_besluiten),
        Module("zelfscan", "Zelfscan", _zelfscan,
               beschikbaar_voor=lambda s: mag(s.rollen, Actie.ZELFSCAN_EIGEN_TEAM) or mag(s.rollen, Actie.ZELFSCAN_ALLE)
               or mag(s.rollen, Actie.CATALOGUS_BEHEREN)),
        Module("plan", "Plan van aanpak", _plan, beschikbaar_voor=lambda s: mag(s.rollen, Actie.PLAN_INZIEN)),
        Module("beheer", "Beheer", _beheer),
    ]


def start_key(session: Session, keys: list[str]) -> str | None:
    """The screen an account lands on: set-up while it is unfinished (beheerder), then the work of its role:
    meldcode for professionals and aandachtsfunctionarissen, the zelfscan overview for a manager."""
    r = session.rollen
    order = ["aan_de_slag"]
    if mag(r, Actie.DOSSIER_EIGEN):
        order.append("meldcode")
    if mag(r, Actie.ZELFSCAN_ALLE):
        order.append("zelfscan")
    order.append("beheer")
    return next((k for k in order if k in keys), keys[0] if keys else None)
