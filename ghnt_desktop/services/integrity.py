"""Integrity of the database file and of the audit chain (used by ``ghnt check``)."""
from __future__ import annotations

from ghnt_desktop.storage import audit
from ghnt_desktop.storage.workspace import Workspace


def check_workspace(ws: Workspace) -> list[str]:
    problems: list[str] = []
    rows = [r[0] for r in ws.db.conn.execute("PRAGMA integrity_check")]
    if rows != ["ok"]:
        problems.append(f"De database is beschadigd ({len(rows)} meldingen van de integriteitscontrole).")
    cipher = [r[0] for r in ws.db.conn.execute("PRAGMA cipher_integrity_check")]
    if cipher:
        problems.append(f"{len(cipher)} versleutelde pagina's van de database kloppen niet.")
    fk = list(ws.db.conn.execute("PRAGMA foreign_key_check"))
    if fk:
        problems.append(f"{len(fk)} verwijzingen in de database kloppen niet.")
    problems += [p.tekst for p in audit.verify(ws.db)]
    if not problems:
        ws.audit("controle", "werkruimte", ws.workspace_id)
    return problems
