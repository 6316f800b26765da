"""Helpers for the meldcode service tests (fictitious data only)."""
from __future__ import annotations

from datetime import date, timedelta

from ghnt_desktop.domain import meldcode as dm

DEMO_ACCOUNTS = ("demo", "professional", "aandachtsfunctionaris", "manager", "beheerder")
GEEN_INHOUD = ("manager", "beheerder")


def signaal(tekst: str = "Blauwe plek op de bovenarm gezien.", **kw) -> dm.Signaal:
    kw.setdefault("datum_waargenomen", date.today() - timedelta(days=1))
    return dm.Signaal(omschrijving=tekst, **kw)


def betrokkenen() -> list[dm.Betrokkene]:
    return [dm.Betrokkene(rol=dm.Rol.OUDER_GEZAGHEBBENDE, aanduiding="moeder", leeftijd=31, gezag=True),
            dm.Betrokkene(rol=dm.Rol.KIND, aanduiding="kind 1", leeftijd=4)]


def nieuw_dossier(ws, ref: str = "ZW-2026-9001", **kw) -> int:
    from ghnt_desktop.services import meldcode as mc

    kw.setdefault("gemeente_code", "GM0479")
    kw.setdefault("vormen", {dm.GeweldsVorm.KINDERMISHANDELING})
    kw.setdefault("betrokkenen", betrokkenen())
    return mc.maak(ws, client_referentie=ref, **kw)


def audit_acties(ws, dossier_id: int) -> list[str]:
    return [r[0] for r in ws.db.conn.execute(
        "SELECT actie FROM audit WHERE object_type = 'dossier' AND object_id = ? ORDER BY id", [str(dossier_id)])]
