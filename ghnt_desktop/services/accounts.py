"""Accounts and roles (listing here; creating/resetting/deactivating follows the accounts issue)."""
from __future__ import annotations

from dataclasses import dataclass

from ghnt_desktop.domain.roles import Actie, Rol
from ghnt_desktop.services.authz import vereis
from ghnt_desktop.storage.workspace import Workspace


@dataclass(frozen=True)
class AccountInfo:
    id: str
    login: str
    naam: str
    rollen: frozenset[Rol]


def lijst(ws: Workspace) -> list[AccountInfo]:
    vereis(ws, Actie.ACCOUNTS_BEHEREN, object_type="account")
    out = []
    for r in ws.db.query(
            "SELECT a.id, a.login, a.naam, group_concat(r.rol, ',') AS rollen FROM account a"
            " LEFT JOIN account_rol r ON r.account_id = a.id WHERE a.actief = 1 GROUP BY a.id ORDER BY a.naam"):
        out.append(AccountInfo(r["id"], r["login"], r["naam"],
                               frozenset(Rol(x) for x in (r["rollen"] or "").split(",") if x)))
    return out


def maak_account(ws: Workspace, *, login: str, naam: str, passphrase: str, rollen: frozenset[Rol],
                 team_ids: frozenset[int] = frozenset(), must_change: bool = False,
                 check_passphrase: bool = True) -> str:
    """Add an account with its own key slot. The slot is written after the database commit."""
    import uuid

    from ghnt_desktop.domain import passphrase as policy
    from ghnt_desktop.errors import ValidationError
    from ghnt_desktop.storage import keyslots
    from ghnt_desktop.storage.workspace import SLOTS_NAME, now_iso

    vereis(ws, Actie.ACCOUNTS_BEHEREN, object_type="account")
    problems = []
    if not login.strip() or not naam.strip():
        problems.append("Naam en inlognaam zijn nodig.")
    if not rollen:
        problems.append("Kies minstens één rol.")
    if check_passphrase and not policy.controleer(passphrase, login=login).voldoende:
        problems.append("De wachtzin is te zwak of te kort.")
    slots = keyslots.read_keyslots(ws.data_dir / SLOTS_NAME)
    if slots.find(login) is not None or ws.db.conn.execute(
            "SELECT 1 FROM account WHERE login = ?", [login.strip()]).fetchone():
        problems.append("Deze inlognaam bestaat al.")
    if problems:
        raise ValidationError("Het account is niet gemaakt.", details=problems)
    account_id = str(uuid.uuid4())
    slot = keyslots.make_slot(ws.workspace_id, account_id, login.strip(), passphrase, ws._db_keys,
                              must_change=must_change)
    with ws.db.atomic():
        ws.db.conn.execute("INSERT INTO account (id, login, naam, actief, aangemaakt_op) VALUES (?,?,?,1,?)",
                           [account_id, login.strip(), naam.strip(), now_iso()])
        for r in rollen:
            ws.db.conn.execute("INSERT INTO account_rol (account_id, rol) VALUES (?, ?)", [account_id, str(r)])
        for t in team_ids:
            ws.db.conn.execute("INSERT INTO account_team (account_id, team_id) VALUES (?, ?)", [account_id, t])
        ws.audit("account_aanmaken", "account", account_id)
        keyslots.write_keyslots(ws.data_dir / SLOTS_NAME,
                                keyslots.KeySlots(slots.workspace_id, slots.generation, slots.slots + (slot,)))
    return account_id
