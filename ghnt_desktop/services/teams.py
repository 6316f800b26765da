"""Teams (wijkteam, sociaal team, ...) and the gemeenten they serve."""
from __future__ import annotations

from ghnt_desktop.domain.roles import Actie
from ghnt_desktop.services.authz import vereis
from ghnt_desktop.storage.workspace import Workspace

TEAM_TYPES = {
    "wijkteam": "Wijkteam", "sociaal_team": "Sociaal team", "jeugdteam": "Jeugdteam", "cjg": "CJG",
    "save_team": "SAVE-team", "expertiseteam": "Expertiseteam", "overig": "Overig",
}


def maak_team(ws: Workspace, naam: str, type_: str, gemeenten: list[str]) -> int:
    vereis(ws, Actie.TEAMS_BEHEREN, object_type="team")
    if type_ not in TEAM_TYPES:
        raise ValueError(type_)
    with ws.db.atomic():
        cur = ws.db.conn.execute("INSERT INTO team (naam, type) VALUES (?, ?)", [naam, type_])
        team_id = int(cur.lastrowid)
        for code in gemeenten:
            ws.db.conn.execute("INSERT INTO team_gemeente (team_id, cbs_code) VALUES (?, ?)", [team_id, code])
        ws.audit("team_aanmaken", "team", team_id)
    return team_id


def koppel_account(ws: Workspace, account_id: str, team_id: int) -> None:
    vereis(ws, Actie.TEAMS_BEHEREN, object_type="team")
    with ws.db.atomic():
        ws.db.conn.execute("INSERT OR IGNORE INTO account_team (account_id, team_id) VALUES (?, ?)",
                           [account_id, team_id])
        ws.audit("team_lid_toevoegen", "team", team_id)
