"""Which regiovisie profile the plans of this workspace use: choosing a bundled one, or writing an
eigen indeling.

Both are stored in table ``instelling`` as typed settings (``services.settings`` conventions):
``regiovisie`` holds the chosen profile id (or ``"eigen"``), ``regiovisie_eigen_indeling`` the
beheerder's own lines. Reading is open to every logged-in account (a profile holds policy, no
case content). Choosing and writing need ``Actie.INSTELLINGEN_BEHEREN`` and are audited
(``regiovisie_kiezen``, ``regiovisie_eigen_indeling``) in the same transaction; a refusal is
audited by ``services.authz.vereis``.

A workspace where nobody has chosen yet uses Zaanstreek-Waterland (the lines the app had before
profiles existed), so existing plans keep their lines; :func:`is_gekozen` tells whether a beheerder
made a choice. Plan actions keep the code they were saved with when the profile changes.
"""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from ghnt_desktop.content import regiovisie as bundel
from ghnt_desktop.domain import regiovisie as dr
from ghnt_desktop.domain.regiovisie import EIGEN_ID, Regiovisie, RegiovisieFout
from ghnt_desktop.domain.roles import Actie
from ghnt_desktop.errors import UserError, ValidationError
from ghnt_desktop.services import settings
from ghnt_desktop.services.authz import vereis
from ghnt_desktop.storage.workspace import Workspace, now_iso

__all__ = ["EIGEN_ID", "KEUZE", "EIGEN_INDELING", "profielen", "profiel", "huidig_profiel", "is_gekozen",
           "gekozen_id", "eigen_indeling", "kies_profiel", "zet_eigen_indeling", "valideer_eigen_indeling"]


def _keuze_controle(value: Any) -> list[str]:
    if value == "" or value == EIGEN_ID or (isinstance(value, str) and dr.PROFIEL_ID.match(value)):
        return []
    return ["Regiovisie: onbekende keuze."]


def _eigen_controle(value: Any) -> list[str]:
    if value == {}:
        return []
    if not isinstance(value, Mapping):
        return ["Eigen indeling: ongeldige waarde."]
    return dr.valideer_eigen_indeling(value.get("naam"), value.get("actielijnen"))


KEUZE = settings.registreer(settings.Setting(
    "regiovisie", str, "", label="Regiovisie van het plan van aanpak",
    uitleg="De regiovisie waarvan het plan van aanpak de actielijnen en de nummering van de acties gebruikt.",
    controle=_keuze_controle))
EIGEN_INDELING = settings.registreer(settings.Setting(
    "regiovisie_eigen_indeling", dict, {}, label="Eigen indeling in actielijnen",
    uitleg="De actielijnen die de beheerder zelf heeft gemaakt.", controle=_eigen_controle))


# --------------------------------------------------------------------------- reading


def profielen() -> tuple[Regiovisie, ...]:
    """The profiles that come with the app (sorted by region)."""
    return bundel.bundelde_profielen()


def profiel(profiel_id: str) -> Regiovisie:
    """A bundled profile by id, or a Dutch UserError."""
    p = bundel.bundeld_profiel(profiel_id)
    if p is None:
        raise UserError(f"De regiovisie '{profiel_id}' is onbekend. Kies een regiovisie uit de lijst.")
    return p


def gekozen_id(ws: Workspace) -> str | None:
    """The id the beheerder chose ("eigen" for the eigen indeling), None when nobody chose yet."""
    waarde = settings.haal(ws, KEUZE.key)
    return waarde or None


def is_gekozen(ws: Workspace) -> bool:
    """Has a beheerder chosen a regiovisie (or written an eigen indeling) for this workspace?"""
    keuze = gekozen_id(ws)
    if keuze is None:
        return False
    if keuze == EIGEN_ID:
        return eigen_indeling(ws) is not None
    return bundel.bundeld_profiel(keuze) is not None


def eigen_indeling(ws: Workspace) -> Regiovisie | None:
    """The stored eigen indeling (also when another profile is chosen now), or None."""
    data = settings.haal(ws, EIGEN_INDELING.key)
    if not data:
        return None
    try:
        return dr.eigen_indeling(data["naam"], data["actielijnen"], versie=str(data.get("gewijzigd_op", ""))[:10])
    except (RegiovisieFout, KeyError, TypeError):
        return None


def huidig_profiel(ws: Workspace) -> Regiovisie:
    """The profile the plans of this workspace use now.

    Nothing chosen, or a choice that no longer exists: Zaanstreek-Waterland.
    """
    keuze = gekozen_id(ws)
    if keuze == EIGEN_ID:
        eigen = eigen_indeling(ws)
        if eigen is not None:
            return eigen
    elif keuze is not None:
        p = bundel.bundeld_profiel(keuze)
        if p is not None:
            return p
    return bundel.standaard_profiel()


# --------------------------------------------------------------------------- changing


def _bewaar(ws: Workspace, key: str, value: Any) -> None:
    ws.db.conn.execute("INSERT OR REPLACE INTO instelling (sleutel, waarde) VALUES (?, ?)",
                       [key, json.dumps(value, ensure_ascii=False, sort_keys=True)])


def kies_profiel(ws: Workspace, profiel_id: str) -> Regiovisie:
    """The beheerder chooses a bundled profile, or ``"eigen"`` for the stored eigen indeling."""
    vereis(ws, Actie.INSTELLINGEN_BEHEREN, object_type="regiovisie", object_id=str(profiel_id)[:60])
    if profiel_id == EIGEN_ID:
        gekozen = eigen_indeling(ws)
        if gekozen is None:
            raise UserError("Er is nog geen eigen indeling. Maak eerst de actielijnen en sla ze op.")
    else:
        gekozen = profiel(profiel_id)
    with ws.db.atomic():
        _bewaar(ws, KEUZE.key, gekozen.id)
        ws.audit("regiovisie_kiezen", "regiovisie", gekozen.id)
    return gekozen


def valideer_eigen_indeling(naam: object, actielijnen: object) -> list[str]:
    """Dutch problems with an eigen indeling ("Regel 2, code: …"); empty = fine."""
    return dr.valideer_eigen_indeling(naam, actielijnen)


def zet_eigen_indeling(ws: Workspace, naam: str,
                       actielijnen: Sequence[Mapping[str, object] | dr.EigenLijn | dr.Actielijn]) -> Regiovisie:
    """Save the beheerder's own lines and make them the workspace's profile.

    ``actielijnen``: items with ``code``, ``titel`` and (optional) ``doel``. At least one line,
    unique codes, non-empty titles; otherwise a ValidationError listing every problem in Dutch.
    """
    vereis(ws, Actie.INSTELLINGEN_BEHEREN, object_type="regiovisie", object_id=EIGEN_ID)
    try:
        nieuw = dr.eigen_indeling(naam, list(actielijnen))
    except RegiovisieFout as exc:
        raise ValidationError(exc.message, details=exc.problemen) from exc
    data = dr.eigen_indeling_naar_dict(nieuw) | {"gewijzigd_op": now_iso()}
    with ws.db.atomic():
        _bewaar(ws, EIGEN_INDELING.key, data)
        _bewaar(ws, KEUZE.key, EIGEN_ID)
        ws.audit("regiovisie_eigen_indeling", "regiovisie", EIGEN_ID)
    return huidig_profiel(ws)
