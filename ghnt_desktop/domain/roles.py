"""Roles and what each may do — the single source of truth for authorization.

Pure rules: services call :func:`mag` (and the dossier scope helpers) before
reading or writing; the UI only mirrors these answers.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Rol(StrEnum):
    PROFESSIONAL = "professional"
    AANDACHTSFUNCTIONARIS = "aandachtsfunctionaris"
    MANAGER = "manager"  # teamleider / manager / beleidsadviseur
    BEHEERDER = "beheerder"

    @property
    def label(self) -> str:
        return ROL_LABELS[self]


ROL_LABELS = {
    Rol.PROFESSIONAL: "Professional",
    Rol.AANDACHTSFUNCTIONARIS: "Aandachtsfunctionaris",
    Rol.MANAGER: "Teamleider / manager",
    Rol.BEHEERDER: "Beheerder",
}


class Actie(StrEnum):
    # meldcode dossiers (case content)
    DOSSIER_MAKEN = "dossier_maken"
    DOSSIER_EIGEN = "dossier_eigen"  # view/change own dossiers and those one is added to
    DOSSIER_TEAM = "dossier_team"  # view/change all dossiers of one's team(s)
    DOSSIER_EXPORTEREN = "dossier_exporteren"  # verslag / concept melding (within scope)
    BESLUIT_MEDEONDERTEKENEN = "besluit_medeondertekenen"
    DOSSIER_INZAGELOG = "dossier_inzagelog"  # "Wie heeft dit dossier ingezien?"
    # zelfscan
    ZELFSCAN_EIGEN_TEAM = "zelfscan_eigen_team"  # view + answer scans of own team
    ZELFSCAN_ALLE = "zelfscan_alle"  # view + manage scans of all teams
    ZELFSCAN_VASTSTELLEN = "zelfscan_vaststellen"
    ZELFSCAN_UITWISSELEN = "zelfscan_uitwisselen"  # export / import scan files
    # plan van aanpak + aggregated figures
    PLAN_INZIEN = "plan_inzien"
    PLAN_WIJZIGEN = "plan_wijzigen"
    PLAN_VASTSTELLEN = "plan_vaststellen"
    CIJFERS_INZIEN = "cijfers_inzien"  # aggregated, suppressed meldcode figures
    # beheer
    ACCOUNTS_BEHEREN = "accounts_beheren"
    CATALOGUS_BEHEREN = "catalogus_beheren"
    BACKUPS_BEHEREN = "backups_beheren"
    BEWAARTERMIJN_BEHEREN = "bewaartermijn_beheren"
    BEWAARTERMIJN_BEVESTIGEN_AF = "bewaartermijn_bevestigen_af"  # second confirmation by an AF
    AUDIT_INZIEN = "audit_inzien"
    INSTELLINGEN_BEHEREN = "instellingen_beheren"
    TEAMS_BEHEREN = "teams_beheren"


_MATRIX: dict[Rol, frozenset[Actie]] = {
    Rol.PROFESSIONAL: frozenset({
        Actie.DOSSIER_MAKEN, Actie.DOSSIER_EIGEN, Actie.DOSSIER_EXPORTEREN, Actie.ZELFSCAN_EIGEN_TEAM,
    }),
    Rol.AANDACHTSFUNCTIONARIS: frozenset({
        Actie.DOSSIER_MAKEN, Actie.DOSSIER_EIGEN, Actie.DOSSIER_TEAM, Actie.DOSSIER_EXPORTEREN,
        Actie.BESLUIT_MEDEONDERTEKENEN, Actie.DOSSIER_INZAGELOG, Actie.ZELFSCAN_EIGEN_TEAM,
        Actie.BEWAARTERMIJN_BEVESTIGEN_AF,
    }),
    Rol.MANAGER: frozenset({
        Actie.ZELFSCAN_EIGEN_TEAM, Actie.ZELFSCAN_ALLE, Actie.ZELFSCAN_VASTSTELLEN, Actie.ZELFSCAN_UITWISSELEN,
        Actie.PLAN_INZIEN, Actie.PLAN_WIJZIGEN, Actie.PLAN_VASTSTELLEN, Actie.CIJFERS_INZIEN,
        Actie.TEAMS_BEHEREN,
    }),
    Rol.BEHEERDER: frozenset({
        Actie.ACCOUNTS_BEHEREN, Actie.CATALOGUS_BEHEREN, Actie.BACKUPS_BEHEREN, Actie.BEWAARTERMIJN_BEHEREN,
        Actie.AUDIT_INZIEN, Actie.INSTELLINGEN_BEHEREN, Actie.TEAMS_BEHEREN, Actie.DOSSIER_INZAGELOG,
    }),
}

# Actions that touch case content: no role outside professional/AF ever gets them.
CASE_CONTENT = frozenset({Actie.DOSSIER_MAKEN, Actie.DOSSIER_EIGEN, Actie.DOSSIER_TEAM, Actie.DOSSIER_EXPORTEREN,
                          Actie.BESLUIT_MEDEONDERTEKENEN})


def mag(rollen: frozenset[Rol] | set[Rol], actie: Actie) -> bool:
    return any(actie in _MATRIX[r] for r in rollen)


def rechten(rol: Rol) -> frozenset[Actie]:
    return _MATRIX[rol]


@dataclass(frozen=True)
class DossierScope:
    """Which dossiers an account may see: its own/involved, plus whole teams for an AF.

    ``besluit_teams`` / ``besluit_alle``: the eindverantwoordelijke's extra, narrow access (meldcode profile,
    Besluit verplichte meldcode art. 2 lid 1 b): read-only, and only to dossiers that await the decision in
    stap 5 — of these teams (a teamleider) or of every team (an account named in the profile). It never widens
    the dossier list: see :func:`mag_besluit_zien`.
    """

    account_id: str
    team_ids: frozenset[int]
    eigen: bool
    team: bool
    besluit_teams: frozenset[int] = frozenset()
    besluit_alle: bool = False

    @property
    def geen(self) -> bool:
        return not (self.eigen or self.team)

    @property
    def beslist(self) -> bool:
        return self.besluit_alle or bool(self.besluit_teams)


def dossier_scope(account_id: str, rollen: frozenset[Rol], team_ids: frozenset[int], *,
                  besluit_teams: frozenset[int] = frozenset(), besluit_alle: bool = False) -> DossierScope:
    return DossierScope(account_id, team_ids, mag(rollen, Actie.DOSSIER_EIGEN), mag(rollen, Actie.DOSSIER_TEAM),
                        frozenset(besluit_teams), besluit_alle)


def besluit_scope(soort: str, *, account_id: str, rollen: frozenset[Rol], team_ids: frozenset[int],
                  benoemd: frozenset[str] = frozenset()) -> tuple[frozenset[int], bool]:
    """(teams, all teams?) whose decisions this account signs as eindverantwoordelijke, per the profile choice
    ``soort``: "teamleider" -> its own teams when it is a manager; "accounts" -> every team when named;
    "aandachtsfunctionaris" -> nothing extra (an AF already sees its teams' dossiers)."""
    if soort == "teamleider" and Rol.MANAGER in rollen:
        return frozenset(team_ids), False
    if soort == "accounts" and account_id in benoemd:
        return frozenset(), True
    return frozenset(), False


def mag_besluit_zien(scope: DossierScope, *, team_id: int | None, wacht_op_besluit: bool) -> bool:
    """The eindverantwoordelijke's narrow access: only while the dossier awaits the decision."""
    if not wacht_op_besluit:
        return False
    return scope.besluit_alle or (team_id is not None and team_id in scope.besluit_teams)


def mag_dossier_zien(scope: DossierScope, *, eigenaar_id: str, betrokken_ids: frozenset[str], team_id: int | None) -> bool:
    if scope.eigen and (eigenaar_id == scope.account_id or scope.account_id in betrokken_ids):
        return True
    return scope.team and team_id is not None and team_id in scope.team_ids
