"""Who is who in team 1 ("Wijkteam Zaandam-Oost") of the demo workspace, for tests that hand dossiers around."""
from __future__ import annotations

PRIYA = "Priya Jansen (professional)"
ANOUK = "Anouk de Vries (aandachtsfunctionaris)"
DEMO = "Demo Gebruiker (alle rollen)"


def account_ids(ws) -> dict[str, str]:
    """Account name -> id."""
    return {naam: i for i, naam in ws.db.conn.execute("SELECT id, naam FROM account")}


def team1_dossier_of(ws, naam: str) -> int:
    """The first dossier of team 1 owned by ``naam``."""
    return ws.db.conn.execute("SELECT min(d.id) FROM meldcode_dossier d JOIN account a ON a.id = d.eigenaar_id "
                              "WHERE a.naam = ? AND d.team_id = 1", [naam]).fetchone()[0]
