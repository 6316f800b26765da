"""Accounts: create, change roles and teams, passphrases, deactivate, rotate the database key.

Every account has its own key slot in ``keyslots.json`` (see storage/keyslots.py).
The order of writes matters for crash safety: the database change and its audit
entry go in one transaction, and the slot file is written *inside* that
transaction, just before the commit, so that a failed slot write rolls the
database change back. Deactivation then rotates the database key, which must run
outside a transaction.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from typing import Collection, Iterable

from ghnt_desktop.domain import passphrase as policy
from ghnt_desktop.domain.roles import Actie, Rol
from ghnt_desktop.errors import UserError, ValidationError, WrongPassphrase
from ghnt_desktop.services.authz import vereis
from ghnt_desktop.storage import keyslots
from ghnt_desktop.storage.workspace import Workspace, now_iso


@dataclass(frozen=True)
class AccountInfo:
    id: str
    login: str
    naam: str
    rollen: frozenset[Rol]
    team_ids: frozenset[int] = frozenset()
    actief: bool = True
    moet_wachtzin_wijzigen: bool = False
    gedeactiveerd_op: str | None = None


def lijst(ws: Workspace, *, ook_inactief: bool = False) -> list[AccountInfo]:
    vereis(ws, Actie.ACCOUNTS_BEHEREN, object_type="account")
    slots = ws.read_slots()
    out = []
    sql = ("SELECT a.id, a.login, a.naam, a.actief, a.gedeactiveerd_op,"
           " (SELECT group_concat(rol, ',') FROM account_rol r WHERE r.account_id = a.id) AS rollen,"
           " (SELECT group_concat(team_id, ',') FROM account_team t WHERE t.account_id = a.id) AS teams"
           " FROM account a" + ("" if ook_inactief else " WHERE a.actief = 1") + " ORDER BY a.actief DESC, a.naam")
    for r in ws.db.query(sql):
        slot = slots.find_account(r["id"])
        out.append(AccountInfo(
            r["id"], r["login"], r["naam"], frozenset(Rol(x) for x in (r["rollen"] or "").split(",") if x),
            frozenset(int(x) for x in (r["teams"] or "").split(",") if x), bool(r["actief"]),
            bool(slot and slot.must_change), r["gedeactiveerd_op"]))
    return out


def teams(ws: Workspace) -> list[tuple[int, str]]:
    """Active teams, for choosing an account's teams."""
    vereis(ws, Actie.ACCOUNTS_BEHEREN, object_type="account")
    return [(r[0], r[1]) for r in ws.db.conn.execute("SELECT id, naam FROM team WHERE actief = 1 ORDER BY naam")]


def _check_teams(ws: Workspace, team_ids: Collection[int], *, al_lid: Collection[int] = frozenset()) -> list[str]:
    """Known teams only; an archived team can be kept (``al_lid``) but not newly joined."""
    bekend = {r[0]: bool(r[1]) for r in ws.db.conn.execute("SELECT id, actief FROM team")}
    if not set(team_ids) <= set(bekend):
        return ["Een gekozen team bestaat niet (meer)."]
    if any(not bekend[t] and t not in al_lid for t in team_ids):
        return ["Een gekozen team is gearchiveerd. Zet het team eerst terug (Beheer › Teams)."]
    return []


def _actieve_beheerders(ws: Workspace) -> set[str]:
    return {r[0] for r in ws.db.conn.execute(
        "SELECT a.id FROM account a JOIN account_rol r ON r.account_id = a.id"
        " WHERE a.actief = 1 AND r.rol = 'beheerder'")}


def _account(ws: Workspace, account_id: str) -> tuple[str, str, str, int]:
    """(id, login, naam, actief) of the account."""
    row: tuple[str, str, str, int] | None = ws.db.conn.execute(
        "SELECT id, login, naam, actief FROM account WHERE id = ?", [account_id]).fetchone()
    if row is None:
        raise UserError("Dit account bestaat niet.")
    return row


def maak_account(ws: Workspace, *, login: str, naam: str, passphrase: str, rollen: frozenset[Rol],
                 team_ids: frozenset[int] = frozenset(), must_change: bool = False,
                 check_passphrase: bool = True) -> str:
    """Add an account with its own key slot. The slot is written inside the transaction, before the commit."""
    vereis(ws, Actie.ACCOUNTS_BEHEREN, object_type="account")
    problems = []
    if not login.strip() or not naam.strip():
        problems.append("Naam en inlognaam zijn nodig.")
    if not rollen:
        problems.append("Kies minstens één rol.")
    if check_passphrase and not policy.controleer(passphrase, login=login).voldoende:
        problems.append("De wachtzin is te zwak of te kort.")
    problems += _check_teams(ws, team_ids)
    slots = ws.read_slots()
    if slots.find(login) is not None or ws.db.conn.execute(
            "SELECT 1 FROM account WHERE login = ?", [login.strip()]).fetchone():
        problems.append("Deze inlognaam bestaat al (ook gedeactiveerde accounts houden hun inlognaam).")
    if problems:
        raise ValidationError("Het account is niet gemaakt.", details=problems)
    account_id = str(uuid.uuid4())
    slot = keyslots.make_slot(ws.workspace_id, account_id, login.strip(), passphrase, ws.current_db_keys(),
                              must_change=must_change)
    with ws.db.atomic():
        ws.db.conn.execute("INSERT INTO account (id, login, naam, actief, aangemaakt_op) VALUES (?,?,?,1,?)",
                           [account_id, login.strip(), naam.strip(), now_iso()])
        for r in rollen:
            ws.db.conn.execute("INSERT INTO account_rol (account_id, rol) VALUES (?, ?)", [account_id, str(r)])
        for t in team_ids:
            ws.db.conn.execute("INSERT INTO account_team (account_id, team_id) VALUES (?, ?)", [account_id, t])
        ws.audit("account_aanmaken", "account", account_id)
        ws.write_slots(slots.with_slot(slot))
    return account_id


def maak_account_met_eenmalige_wachtzin(ws: Workspace, *, login: str, naam: str, rollen: frozenset[Rol],
                                        team_ids: frozenset[int] = frozenset()) -> tuple[str, str]:
    """Create an account whose first passphrase is a one-time passphrase. Returns (account_id, passphrase)."""
    otp = keyslots.one_time_passphrase()
    account_id = maak_account(ws, login=login, naam=naam, passphrase=otp, rollen=rollen, team_ids=team_ids,
                              must_change=True, check_passphrase=False)
    return account_id, otp


def wijzig_account(ws: Workspace, account_id: str, *, naam: str | None = None, rollen: frozenset[Rol] | None = None,
                   team_ids: frozenset[int] | None = None) -> None:
    """Change name, roles or teams. At least one active beheerder must remain."""
    vereis(ws, Actie.ACCOUNTS_BEHEREN, object_type="account", object_id=account_id)
    row = _account(ws, account_id)
    if not row[3]:
        raise UserError("Een gedeactiveerd account kan niet worden gewijzigd.")
    problems = []
    if naam is not None and not naam.strip():
        problems.append("De naam mag niet leeg zijn.")
    if rollen is not None and not rollen:
        problems.append("Kies minstens één rol.")
    if rollen is not None and Rol.BEHEERDER not in rollen and _actieve_beheerders(ws) == {account_id}:
        problems.append("Dit is de laatste beheerder. Geef eerst iemand anders de rol beheerder.")
    if team_ids is not None:
        al_lid = {r[0] for r in ws.db.conn.execute("SELECT team_id FROM account_team WHERE account_id = ?",
                                                      [account_id])}
        problems += _check_teams(ws, team_ids, al_lid=al_lid)
    if problems:
        raise ValidationError("Het account is niet gewijzigd.", details=problems)
    with ws.db.atomic():
        if naam is not None:
            ws.db.conn.execute("UPDATE account SET naam = ? WHERE id = ?", [naam.strip(), account_id])
        if rollen is not None:
            ws.db.conn.execute("DELETE FROM account_rol WHERE account_id = ?", [account_id])
            for r in rollen:
                ws.db.conn.execute("INSERT INTO account_rol (account_id, rol) VALUES (?, ?)", [account_id, str(r)])
        if team_ids is not None:
            ws.db.conn.execute("DELETE FROM account_team WHERE account_id = ?", [account_id])
            for t in team_ids:
                ws.db.conn.execute("INSERT INTO account_team (account_id, team_id) VALUES (?, ?)", [account_id, t])
        ws.audit("account_wijzigen", "account", account_id)


def reset_wachtzin(ws: Workspace, account_id: str) -> str:
    """Give another account a one-time passphrase (returned, shown once, never stored in plain).

    The account gets a new key slot (new key pair, sealed with the current database
    key) marked ``must_change``: at the next login it must choose its own passphrase
    before it can do anything. The old passphrase no longer opens the workspace.
    """
    vereis(ws, Actie.ACCOUNTS_BEHEREN, object_type="account", object_id=account_id)
    row = _account(ws, account_id)
    if not row[3]:
        raise UserError("Dit account is gedeactiveerd. Maak zo nodig een nieuw account.")
    if account_id == ws.session.account_id:
        raise UserError("Je eigen wachtzin wijzig je met 'Mijn wachtzin wijzigen'.")
    otp = keyslots.one_time_passphrase()
    slot = keyslots.make_slot(ws.workspace_id, account_id, row[1], otp, ws.current_db_keys(), must_change=True)
    slots = ws.read_slots()
    with ws.db.atomic():
        ws.audit("wachtzin_herstellen", "account", account_id)
        ws.write_slots(slots.with_slot(slot))
    return otp


def wijzig_wachtzin(ws: Workspace, oud: str, nieuw: str) -> None:
    """Change one's own passphrase (any role). The old passphrase must be given again."""
    problems = []
    sterkte = policy.controleer(nieuw, login=ws.session.login)
    if not sterkte.voldoende:
        problems.append(f"Nieuwe wachtzin: {sterkte.hint}")
    if nieuw == oud:
        problems.append("De nieuwe wachtzin moet anders zijn dan de huidige.")
    if problems:
        raise ValidationError("De wachtzin is niet gewijzigd.", details=problems)
    slots = ws.read_slots()
    slot = slots.find_account(ws.session.account_id)
    if slot is None:
        raise UserError("Dit account kan de werkruimte niet meer openen. Neem contact op met de beheerder.")
    try:
        nieuw_slot = keyslots.rewrap(ws.workspace_id, slot, oud, nieuw)
    except WrongPassphrase:
        ws.audit("wachtzin_wijzigen", "account", ws.session.account_id, resultaat="geweigerd")
        raise WrongPassphrase("De huidige wachtzin klopt niet. Er is niets gewijzigd.") from None
    with ws.db.atomic():
        ws.audit("wachtzin_wijzigen", "account", ws.session.account_id)
        ws.write_slots(slots.with_slot(nieuw_slot))
    ws.session = replace(ws.session, must_change=False)


def deactiveer(ws: Workspace, account_id: str) -> int:
    """Deactivate an account: it can no longer open the workspace. Returns the new key generation.

    Two steps. First the account is marked inactive (with its audit entry). Then
    its slot is removed *and* the database key is rotated: removing the slot alone
    would not be enough, because a copy of the old keyslots.json plus the old
    passphrase still unwraps the old database key. After the rotation that key no
    longer opens the database. If the app stops between the two steps, the next
    login finishes the job (services.login.login → Workspace.complete_interrupted_rotation).
    """
    vereis(ws, Actie.ACCOUNTS_BEHEREN, object_type="account", object_id=account_id)
    row = _account(ws, account_id)
    if account_id == ws.session.account_id:
        raise UserError("Je kunt je eigen account niet deactiveren. Vraag een andere beheerder.")
    if not row[3]:
        raise UserError("Dit account is al gedeactiveerd.")
    if _actieve_beheerders(ws) == {account_id}:
        raise UserError("Dit is de laatste beheerder. Geef eerst iemand anders de rol beheerder.")
    with ws.db.atomic():
        ws.db.conn.execute("UPDATE account SET actief = 0, gedeactiveerd_op = ? WHERE id = ?", [now_iso(), account_id])
        ws.audit("account_deactiveren", "account", account_id)
    return _roteer(ws, remove={account_id})


def vernieuw_sleutel(ws: Workspace) -> int:
    """Rotate the database key (beheerder). Every active account keeps working with its own passphrase."""
    vereis(ws, Actie.ACCOUNTS_BEHEREN, object_type="werkruimte", object_id=ws.workspace_id)
    return _roteer(ws)


def _roteer(ws: Workspace, *, remove: Iterable[str] = frozenset(), resultaat: str = "ok") -> int:
    generation = ws.rotate_db_key(remove_account_ids=remove)
    ws.audit("sleutel_vernieuwen", "werkruimte", ws.workspace_id, resultaat=resultaat)
    return generation


def herstel_sleutels(ws: Workspace) -> int | None:
    """Finish an interrupted rotation or deactivation (called at login; no role needed: it only removes access)."""
    if not ws.key_maintenance_needed():
        return None
    generation = ws.complete_interrupted_rotation()
    ws.audit("sleutel_vernieuwen", "werkruimte", ws.workspace_id, resultaat="hersteld")
    return generation
