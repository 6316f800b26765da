"""Setting up the organisation: the gemeenten of the workspace and the "Aan de slag" checklist.

The checklist counts what exists (gemeenten, teams, members, accounts) and reads
what the beheerder has chosen (meldcode profile, regiovisie, backup folder); the
rules of when an item is done live in ``domain.organisatie``.
"""
from __future__ import annotations

from ghnt_desktop.domain import organisatie as regels
from ghnt_desktop.domain.roles import Actie
from ghnt_desktop.errors import UserError, ValidationError
from ghnt_desktop.services import settings
from ghnt_desktop.services.authz import vereis
from ghnt_desktop.services.settings import Setting, registreer
from ghnt_desktop.storage.workspace import Workspace

BACKUP_MAP_KEY = "backup_map"  # written by services.backup.set_backup_folder

BACKUPMAP_BEVESTIGD = registreer(Setting(
    "backupmap_bevestigd", bool, False, label="Plek voor reservekopieën bevestigd",
    uitleg="De beheerder heeft gekozen waar de reservekopieën staan (een eigen map of de standaardmap).",
    actie=Actie.BACKUPS_BEHEREN))


# --- gemeenten of the workspace ------------------------------------------------

def voeg_gemeente_toe(ws: Workspace, zoekterm: str) -> tuple[str, str]:
    """Add a gemeente (CBS code or name) to the workspace. Returns (code, naam)."""
    from ghnt_desktop.content.gemeenten import zoek_gemeente

    vereis(ws, Actie.INSTELLINGEN_BEHEREN, object_type="werkruimte")
    g = zoek_gemeente(zoekterm.strip()) if zoekterm.strip() else None
    if g is None:
        raise ValidationError("De gemeente is niet toegevoegd.",
                              details=[f"Geen (huidige) gemeente gevonden voor '{zoekterm.strip()}'. "
                                       "Gebruik de naam of de CBS-code, bijvoorbeeld GM0479."])
    if any(code == g.cbs_code for code, _ in ws.gemeenten()):
        raise UserError(f"{g.naam} hoort al bij deze werkruimte.")
    with ws.db.atomic():
        ws.db.conn.execute("INSERT INTO werkruimte_gemeente (cbs_code, naam) VALUES (?, ?)", [g.cbs_code, g.naam])
        ws.audit("gemeente_toevoegen", "gemeente", g.cbs_code)
    return g.cbs_code, g.naam


def _gebruik(ws: Workspace, code: str) -> list[str]:
    checks = (("SELECT 1 FROM team_gemeente WHERE cbs_code = ? LIMIT 1", "een team bedient deze gemeente"),
              ("SELECT 1 FROM meldcode_dossier WHERE gemeente_code = ? LIMIT 1", "er zijn dossiers in deze gemeente"),
              ("SELECT 1 FROM zelfscan_gemeente WHERE cbs_code = ? LIMIT 1", "er zijn zelfscans voor deze gemeente"),
              ("SELECT 1 FROM plan WHERE gemeente_code = ? LIMIT 1", "er is een plan van aanpak voor deze gemeente"))
    return [why for sql, why in checks if ws.db.conn.execute(sql, [code]).fetchone()]


def verwijder_gemeente(ws: Workspace, code: str) -> None:
    """Remove a gemeente that nothing uses yet (a mistake at set-up). The last one stays."""
    vereis(ws, Actie.INSTELLINGEN_BEHEREN, object_type="werkruimte")
    codes = [c for c, _ in ws.gemeenten()]
    if code not in codes:
        raise UserError("Deze gemeente hoort niet bij de werkruimte.")
    if len(codes) == 1:
        raise UserError("Een werkruimte heeft minstens één gemeente. Voeg eerst een andere gemeente toe.")
    waarom = _gebruik(ws, code)
    if waarom:
        raise ValidationError("De gemeente is niet verwijderd, want " + " en ".join(waarom) + ".")
    with ws.db.atomic():
        ws.db.conn.execute("DELETE FROM werkruimte_gemeente WHERE cbs_code = ?", [code])
        ws.audit("gemeente_verwijderen", "gemeente", code)


# --- backup folder acknowledged -----------------------------------------------------

def bevestig_backupmap(ws: Workspace) -> None:
    """The beheerder confirms where backups go (the default folder counts as a choice once confirmed)."""
    settings.zet(ws, BACKUPMAP_BEVESTIGD.key, True)


# --- the checklist ------------------------------------------------------------------

def stand(ws: Workspace) -> regels.Stand:
    from ghnt_desktop.services import meldcodeprofiel, regiovisie

    q = ws.db.conn.execute
    teams = q("SELECT count(*) FROM team WHERE actief = 1").fetchone()[0]
    zonder_leden = q(
        "SELECT count(*) FROM team t WHERE t.actief = 1 AND NOT EXISTS (SELECT 1 FROM account_team at"
        " JOIN account a ON a.id = at.account_id WHERE at.team_id = t.id AND a.actief = 1)").fetchone()[0]
    anderen = q(
        "SELECT count(*) FROM account a WHERE a.actief = 1 AND EXISTS (SELECT 1 FROM account_rol r"
        " WHERE r.account_id = a.id AND r.rol != 'beheerder')").fetchone()[0]
    backup_gekozen = q("SELECT 1 FROM instelling WHERE sleutel = ?", [BACKUP_MAP_KEY]).fetchone() is not None
    return regels.Stand(
        gemeenten=len(ws.gemeenten()), teams=teams, teams_zonder_leden=zonder_leden,
        accounts_niet_beheerder=anderen, meldcodeprofiel_ingesteld=meldcodeprofiel.is_ingesteld(ws),
        backupmap_gekozen=backup_gekozen or bool(settings.haal(ws, BACKUPMAP_BEVESTIGD.key)),
        regiovisie_gekozen=regiovisie.is_gekozen(ws))


def checklist(ws: Workspace) -> list[regels.Punt]:
    return regels.checklist(stand(ws))


def alles_klaar(ws: Workspace) -> bool:
    return regels.alles_klaar(stand(ws))
