"""Teams (wijkteam, sociaal team, ...): the gemeenten they serve and their members.

A team that holds data (dossiers, zelfscans) is never deleted: it is archived. An
archived team keeps its history, drops out of every pick list and can be brought
back. A team without any data may be deleted (a typing error at set-up).
Changing teams needs ``Actie.TEAMS_BEHEREN`` (beheerder, manager); reading the
list is open to every account (team names hold no case content).
"""
from __future__ import annotations

from dataclasses import dataclass

from ghnt_desktop.domain.organisatie import TEAM_SOORTEN, controleer_teamnaam
from ghnt_desktop.domain.roles import Actie
from ghnt_desktop.errors import UserError, ValidationError
from ghnt_desktop.services.authz import vereis
from ghnt_desktop.storage.connection import inserted_id
from ghnt_desktop.storage.workspace import Workspace, now_iso

# Kept for callers that show a team's kind: key -> Dutch label.
TEAM_TYPES = TEAM_SOORTEN


@dataclass(frozen=True)
class TeamInfo:
    id: int
    naam: str
    soort: str
    gemeenten: tuple[str, ...]  # CBS codes
    leden: frozenset[str]  # account ids
    actief: bool
    gearchiveerd_op: str | None
    heeft_gegevens: bool

    @property
    def soort_label(self) -> str:
        return TEAM_SOORTEN.get(self.soort, self.soort)


def _heeft_gegevens(ws: Workspace, team_id: int) -> bool:
    for table in ("meldcode_dossier", "zelfscan"):
        if ws.db.conn.execute(f"SELECT 1 FROM {table} WHERE team_id = ? LIMIT 1", [team_id]).fetchone():
            return True
    return False


def lijst(ws: Workspace, *, ook_gearchiveerd: bool = False) -> list[TeamInfo]:
    """All active teams (and archived ones when asked), by name."""
    sql = "SELECT id, naam, type, actief, gearchiveerd_op FROM team"
    if not ook_gearchiveerd:
        sql += " WHERE actief = 1"
    out = []
    for r in ws.db.conn.execute(sql + " ORDER BY actief DESC, naam COLLATE NOCASE").fetchall():
        codes = tuple(x[0] for x in ws.db.conn.execute(
            "SELECT cbs_code FROM team_gemeente WHERE team_id = ? ORDER BY cbs_code", [r[0]]))
        leden = frozenset(x[0] for x in ws.db.conn.execute(
            "SELECT t.account_id FROM account_team t JOIN account a ON a.id = t.account_id"
            " WHERE t.team_id = ? AND a.actief = 1", [r[0]]))
        out.append(TeamInfo(r[0], r[1], r[2], codes, leden, bool(r[3]), r[4], _heeft_gegevens(ws, r[0])))
    return out


def team(ws: Workspace, team_id: int) -> TeamInfo:
    for t in lijst(ws, ook_gearchiveerd=True):
        if t.id == team_id:
            return t
    raise UserError("Dit team bestaat niet.")


def zoek(ws: Workspace, naam: str) -> TeamInfo:
    """A team by its name (case does not matter), archived teams included."""
    wanted = naam.strip().casefold()
    for t in lijst(ws, ook_gearchiveerd=True):
        if t.naam.casefold() == wanted:
            return t
    raise UserError(f"Er is geen team met de naam '{naam.strip()}'.")


def _problemen(ws: Workspace, naam: str, soort: str, gemeenten: list[str], *, team_id: int | None) -> list[str]:
    problems = controleer_teamnaam(naam)
    if soort not in TEAM_SOORTEN:
        problems.append("Kies de soort team (" + ", ".join(TEAM_SOORTEN.values()) + ").")
    bediend = {code for code, _ in ws.gemeenten()}
    if not gemeenten:
        problems.append("Kies minstens één gemeente die het team bedient.")
    vreemd = [c for c in gemeenten if c not in bediend]
    if vreemd:
        problems.append("Een team kan alleen gemeenten van deze werkruimte bedienen. Niet in de werkruimte: "
                        + ", ".join(vreemd) + ". Voeg de gemeente eerst toe aan de werkruimte.")
    row = ws.db.conn.execute("SELECT id FROM team WHERE naam = ? COLLATE NOCASE", [naam.strip()]).fetchone()
    if row is not None and row[0] != team_id:
        problems.append("Er is al een team met deze naam (ook gearchiveerde teams houden hun naam).")
    return problems


def maak_team(ws: Workspace, naam: str, soort: str, gemeenten: list[str]) -> int:
    vereis(ws, Actie.TEAMS_BEHEREN, object_type="team")
    gemeenten = list(dict.fromkeys(gemeenten))
    problems = _problemen(ws, naam, soort, gemeenten, team_id=None)
    if problems:
        raise ValidationError("Het team is niet gemaakt.", details=problems)
    with ws.db.atomic():
        cur = ws.db.conn.execute("INSERT INTO team (naam, type, aangemaakt_op) VALUES (?, ?, ?)",
                                 [naam.strip(), soort, now_iso()])
        team_id = inserted_id(cur)
        for code in gemeenten:
            ws.db.conn.execute("INSERT INTO team_gemeente (team_id, cbs_code) VALUES (?, ?)", [team_id, code])
        ws.audit("team_aanmaken", "team", team_id)
    return team_id


def wijzig_team(ws: Workspace, team_id: int, *, naam: str | None = None, soort: str | None = None,
                gemeenten: list[str] | None = None) -> None:
    """Rename, change the kind or the gemeenten served. Earlier data keeps pointing at the same team."""
    vereis(ws, Actie.TEAMS_BEHEREN, object_type="team", object_id=team_id)
    huidig = team(ws, team_id)
    if not huidig.actief:
        raise UserError("Dit team is gearchiveerd. Zet het eerst terug als je het wilt wijzigen.")
    nieuw_gem = list(dict.fromkeys(gemeenten)) if gemeenten is not None else list(huidig.gemeenten)
    problems = _problemen(ws, naam if naam is not None else huidig.naam, soort or huidig.soort, nieuw_gem,
                          team_id=team_id)
    if problems:
        raise ValidationError("Het team is niet gewijzigd.", details=problems)
    with ws.db.atomic():
        ws.db.conn.execute("UPDATE team SET naam = ?, type = ? WHERE id = ?",
                           [(naam if naam is not None else huidig.naam).strip(), soort or huidig.soort, team_id])
        if gemeenten is not None:
            ws.db.conn.execute("DELETE FROM team_gemeente WHERE team_id = ?", [team_id])
            for code in nieuw_gem:
                ws.db.conn.execute("INSERT INTO team_gemeente (team_id, cbs_code) VALUES (?, ?)", [team_id, code])
        ws.audit("team_wijzigen", "team", team_id)


def zet_leden(ws: Workspace, team_id: int, account_ids: set[str] | frozenset[str]) -> None:
    """Make exactly these (active) accounts the team's members."""
    vereis(ws, Actie.TEAMS_BEHEREN, object_type="team", object_id=team_id)
    huidig = team(ws, team_id)
    if not huidig.actief:
        raise UserError("Dit team is gearchiveerd. Zet het eerst terug als je leden wilt wijzigen.")
    actief = {r[0] for r in ws.db.conn.execute("SELECT id FROM account WHERE actief = 1")}
    if not set(account_ids) <= actief:
        raise UserError("Een gekozen account bestaat niet (meer) of is gedeactiveerd.")
    with ws.db.atomic():
        ws.db.conn.execute("DELETE FROM account_team WHERE team_id = ? AND account_id IN"
                           " (SELECT id FROM account WHERE actief = 1)", [team_id])
        for account_id in sorted(account_ids):
            ws.db.conn.execute("INSERT INTO account_team (account_id, team_id) VALUES (?, ?)", [account_id, team_id])
        ws.audit("team_leden_wijzigen", "team", team_id)


def koppel_account(ws: Workspace, account_id: str, team_id: int) -> None:
    vereis(ws, Actie.TEAMS_BEHEREN, object_type="team")
    with ws.db.atomic():
        ws.db.conn.execute("INSERT OR IGNORE INTO account_team (account_id, team_id) VALUES (?, ?)",
                           [account_id, team_id])
        ws.audit("team_lid_toevoegen", "team", team_id)


def archiveer(ws: Workspace, team_id: int) -> None:
    """Archive: the team keeps its dossiers, scans and members, and leaves every pick list."""
    vereis(ws, Actie.TEAMS_BEHEREN, object_type="team", object_id=team_id)
    huidig = team(ws, team_id)
    if not huidig.actief:
        raise UserError("Dit team is al gearchiveerd.")
    with ws.db.atomic():
        ws.db.conn.execute("UPDATE team SET actief = 0, gearchiveerd_op = ? WHERE id = ?", [now_iso(), team_id])
        ws.audit("team_archiveren", "team", team_id)


def zet_terug(ws: Workspace, team_id: int) -> None:
    """Bring an archived team back into use."""
    vereis(ws, Actie.TEAMS_BEHEREN, object_type="team", object_id=team_id)
    huidig = team(ws, team_id)
    if huidig.actief:
        raise UserError("Dit team is niet gearchiveerd.")
    with ws.db.atomic():
        ws.db.conn.execute("UPDATE team SET actief = 1, gearchiveerd_op = NULL WHERE id = ?", [team_id])
        ws.audit("team_terugzetten", "team", team_id)


def verwijder(ws: Workspace, team_id: int) -> None:
    """Delete a team that holds no data at all (e.g. made by mistake). A team with data is archived instead."""
    vereis(ws, Actie.TEAMS_BEHEREN, object_type="team", object_id=team_id)
    huidig = team(ws, team_id)
    if huidig.heeft_gegevens:
        raise UserError("Dit team heeft dossiers of zelfscans. Zo'n team wordt nooit verwijderd: archiveer het.")
    with ws.db.atomic():
        ws.db.conn.execute("DELETE FROM account_team WHERE team_id = ?", [team_id])
        ws.db.conn.execute("DELETE FROM team_gemeente WHERE team_id = ?", [team_id])
        ws.db.conn.execute("DELETE FROM team WHERE id = ?", [team_id])
        ws.audit("team_verwijderen", "team", team_id)
