"""Reading the audit trail: the full log for the beheerder, and "Wie heeft dit dossier ingezien?".

Both are authorized here (not by hiding buttons) and both leave an entry
themselves: looking at the log is an access event too (NEN 7513). The audit
trail holds no case content, so neither does anything shown from it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any, Sequence

from ghnt_desktop.domain.roles import Actie
from ghnt_desktop.services.authz import vereis
from ghnt_desktop.storage.workspace import Workspace

# Dutch labels for actions; modules may add theirs with ACTIE_LABELS.update(...) at import time.
ACTIE_LABELS: dict[str, str] = {
    "werkruimte_aanmaken": "Werkruimte gemaakt",
    "inloggen": "Ingelogd",
    "vergrendelen": "Vergrendeld",
    "ontgrendelen": "Ontgrendeld",
    "ontgrendelen_mislukt": "Mislukte poging om te ontgrendelen",
    "controle": "Controle van database en logboek",
    "account_aanmaken": "Account gemaakt",
    "account_wijzigen": "Account gewijzigd",
    "account_deactiveren": "Account gedeactiveerd",
    "wachtzin_wijzigen": "Wachtzin gewijzigd",
    "wachtzin_herstellen": "Eenmalige wachtzin uitgegeven",
    "sleutel_vernieuwen": "Sleutel van de database vernieuwd",
    "team_aanmaken": "Team gemaakt",
    "team_lid_toevoegen": "Teamlid toegevoegd",
    "instelling_wijzigen": "Instelling gewijzigd",
    "locatie_risico_bevestigd": "Risico van de gegevensmap bevestigd",
    "inzagelog_bekijken": "Bekeken wie het dossier heeft ingezien",
    "logboek_bekijken": "Logboek bekeken",
    "vernietiging_bevestigen": "Vernietigen bevestigd",
    "vernietiging_verzoeken": "Verzoek om eerder te vernietigen",
    "vernietiging_verzoek_intrekken": "Verzoek om te vernietigen ingetrokken",
    "vernietigd": "Vernietigd",
    "juridische_blokkade": "Juridische blokkade",
}

RESULTAAT_LABELS = {"ok": "gelukt", "geweigerd": "geweigerd", "aan": "aan", "uit": "uit",
                    "standaard": "terug naar standaard", "hersteld": "hersteld na onderbreking",
                    "termijn_verlopen": "bewaartermijn voorbij"}


def actie_label(actie: str) -> str:
    if actie.startswith("geweigerd:"):
        return f"Geweigerd: {actie.split(':', 1)[1].replace('_', ' ')}"
    return ACTIE_LABELS.get(actie, actie.replace("_", " ").capitalize())


def resultaat_label(resultaat: str) -> str:
    if resultaat.startswith("vroegtijdig:"):
        return "eerder vernietigd (" + resultaat.split(":", 1)[1].replace("_", " ") + ")"
    return RESULTAAT_LABELS.get(resultaat, resultaat.replace("_", " "))


def lokale_tijd(iso: str) -> str:
    try:
        t = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    return t.astimezone().strftime("%d-%m-%Y %H:%M:%S")


@dataclass(frozen=True)
class LogRegel:
    id: int
    tijdstip: str  # ISO, UTC
    tijd: str  # local, dd-mm-jjjj hh:mm:ss
    wie: str
    namens: str
    actie: str
    actie_label: str
    object_type: str
    object_id: str
    resultaat: str
    resultaat_label: str
    herkomst: str


_SELECT = ("SELECT a.id, a.tijdstip, a.actie, a.object_type, a.object_id, a.resultaat, a.herkomst,"
           " a.actor_id, acc.naam, nam.naam FROM audit a"
           " LEFT JOIN account acc ON acc.id = a.actor_id LEFT JOIN account nam ON nam.id = a.namens_id")


def _regel(r: Sequence[Any]) -> LogRegel:
    wie = r[8] or ("onbekend (nog niet ingelogd)" if r[7] is None else "onbekend account")
    return LogRegel(r[0], r[1], lokale_tijd(r[1]), wie, r[9] or "", r[2], actie_label(r[2]), r[3], r[4] or "",
                    r[5], resultaat_label(r[5]), r[6])


def wie_heeft_ingezien(ws: Workspace, object_type: str, object_id: str | int) -> list[LogRegel]:
    """Every audit entry about one object (a dossier), oldest first. Needs DOSSIER_INZAGELOG."""
    vereis(ws, Actie.DOSSIER_INZAGELOG, object_type=object_type, object_id=object_id)
    rows = ws.db.conn.execute(_SELECT + " WHERE a.object_type = ? AND a.object_id = ? ORDER BY a.id",
                              [object_type, str(object_id)]).fetchall()
    ws.audit("inzagelog_bekijken", object_type, object_id)
    return [_regel(r) for r in rows]


def logboek(ws: Workspace, *, actie: str | None = None, account_id: str | None = None,
            object_type: str | None = None, object_id: str | None = None, van: date | None = None,
            tot: date | None = None, limiet: int = 2000) -> list[LogRegel]:
    """The audit trail, newest first, filtered. Needs AUDIT_INZIEN. ``tot`` is inclusive."""
    vereis(ws, Actie.AUDIT_INZIEN, object_type="audit")
    where, params = [], []
    if actie:
        where.append("a.actie = ?")
        params.append(actie)
    if account_id:
        where.append("a.actor_id = ?")
        params.append(account_id)
    if object_type:
        where.append("a.object_type = ?")
        params.append(object_type)
    if object_id:
        where.append("a.object_id = ?")
        params.append(str(object_id))
    if van:
        where.append("a.tijdstip >= ?")
        params.append(_utc_start(van))
    if tot:
        where.append("a.tijdstip < ?")
        params.append(_utc_start(tot + timedelta(days=1)))
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY a.id DESC LIMIT ?"
    rows = ws.db.conn.execute(sql, params + [int(limiet)]).fetchall()
    ws.audit("logboek_bekijken", "audit")
    return [_regel(r) for r in rows]


def _utc_start(d: date) -> str:
    """Start of a local calendar day, as the UTC ISO string the audit stores."""
    local = datetime(d.year, d.month, d.day).astimezone()
    return local.astimezone(timezone.utc).isoformat(timespec="microseconds")


def filterkeuzes(ws: Workspace) -> dict[str, list[tuple[str, str]]]:
    """Values for the filter lists: actions, accounts (incl. deactivated) and object types. Needs AUDIT_INZIEN."""
    vereis(ws, Actie.AUDIT_INZIEN, object_type="audit")
    acties = sorted({r[0] for r in ws.db.conn.execute("SELECT DISTINCT actie FROM audit")}, key=actie_label)
    accounts = [(r[0], r[1] + ("" if r[2] else " (gedeactiveerd)")) for r in ws.db.conn.execute(
        "SELECT id, naam, actief FROM account ORDER BY naam")]
    types = [r[0] for r in ws.db.conn.execute("SELECT DISTINCT object_type FROM audit ORDER BY object_type")]
    return {"acties": [(a, actie_label(a)) for a in acties], "accounts": accounts,
            "object_types": [(t, t.replace("_", " ")) for t in types]}
