"""Fixtures for the zelfscan service tests: a workspace with every role and two teams."""
from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from ghnt_desktop.domain.roles import Rol
from ghnt_desktop.domain.zelfscan import Antwoord, Deelnemer, DeelnemerRol, ScanStatus
from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
WERKVERSIE_BYTES = (ROOT / "resources" / "kwaliteitskader" / "werkversie-2019.json").read_bytes()
ZAWA = [("GM0479", "Zaanstad"), ("GM0439", "Purmerend")]


def maak_werkruimte(data_dir: Path, *, login: str = "tester", rollen=frozenset(Rol), gemeenten=ZAWA,
                    passphrase: str = PASSPHRASE):
    from ghnt_desktop.services.setup import create_workspace

    return create_workspace(data_dir, organisatie="Testorganisatie", gemeenten=list(gemeenten), login=login,
                            naam="Test Persoon", passphrase=passphrase, rollen=frozenset(rollen),
                            check_passphrase=False)


@pytest.fixture
def zws(tmp_path):
    """Workspace (all roles) with teams 'oost' (Zaanstad) and 'purmerend'; ``zws.tid`` maps key -> id."""
    from ghnt_desktop.services import teams

    ws = maak_werkruimte(tmp_path / "zws")
    ws.tid = {  # type: ignore[attr-defined]
        "oost": teams.maak_team(ws, "Wijkteam Zaandam-Oost", "wijkteam", ["GM0479"]),
        "purmerend": teams.maak_team(ws, "Sociaal team Purmerend", "sociaal_team", ["GM0439"]),
    }
    yield ws
    ws.close()


@pytest.fixture
def tweede_werkruimte(tmp_path):
    """Another workspace (e.g. the gemeente's beleidsadviseur), all roles, no teams."""
    ws = maak_werkruimte(tmp_path / "gemeente", login="beleid")
    yield ws
    ws.close()


def codes_voor(catalogus, code_per_id: dict[str, str] | None = None, standaard: str = "V") -> dict[str, str]:
    code_per_id = code_per_id or {}
    return {s.id: code_per_id.get(s.id, standaard) for s in catalogus.standaarden}


def vul_in(ws, scan_id: int, codes: dict[str, str]) -> None:
    from ghnt_desktop.services import zelfscan as zs

    for sid, code in codes.items():
        zs.bewaar_antwoord(ws, scan_id, Antwoord(sid, code, toelichting=f"Toelichting bij {sid}"))


def vastgestelde_scan(ws, team_id: int, peildatum: date, code_per_id: dict[str, str] | None = None,
                      deelnemers=None) -> int:
    from ghnt_desktop.services import zelfscan as zs

    deelnemers = deelnemers if deelnemers is not None else [
        Deelnemer(DeelnemerRol.TEAMLEIDER, "Sanne de Boer"), Deelnemer(DeelnemerRol.PROFESSIONAL, "Ahmed Kaya")]
    scan_id = zs.maak_scan(ws, team_id=team_id, peildatum=peildatum, deelnemers=deelnemers)
    _, cat = zs.laad_scan(ws, scan_id)
    vul_in(ws, scan_id, codes_voor(cat, code_per_id))
    zs.zet_status(ws, scan_id, ScanStatus.INGEVULD)
    zs.zet_status(ws, scan_id, ScanStatus.VASTGESTELD)
    return scan_id


def momentopname(ws) -> str:
    """Digest of every row of every table (plus the schema): equal digests = nothing changed."""
    h = hashlib.sha256()
    tabellen = [r[0] for r in ws.db.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    for t in tabellen:
        h.update(t.encode())
        for rij in ws.db.conn.execute(f"SELECT * FROM {t} ORDER BY rowid" if _heeft_rowid(ws, t) else f"SELECT * FROM {t}"):
            h.update(json.dumps(rij, default=str).encode())
    return h.hexdigest()


def _heeft_rowid(ws, tabel: str) -> bool:
    sql = ws.db.conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", [tabel]).fetchone()[0] or ""
    return "WITHOUT ROWID" not in sql.upper()


def tellingen(ws) -> dict[str, int]:
    tabellen = [r[0] for r in ws.db.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {t: ws.db.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tabellen}


def herziene_catalogus(versie: str = "2025-1", *, officieel: bool = True, geldig_van: str = "2025-01-01") -> bytes:
    """The werkversie with a new versie: GM-07 removed, GM-08 added, one title changed."""
    d = json.loads(WERKVERSIE_BYTES)
    d["versie"] = versie
    d["officieel"] = officieel
    d["geldig_van"] = geldig_van
    d["naam"] = "Kwaliteitskader Werken aan Veiligheid (herzien)"
    d["opmerking"] = None
    d["standaarden"] = [s for s in d["standaarden"] if s["id"] != "GM-07"]
    d["standaarden"][0]["titel"] = "Het team werkt volgens gefaseerde ketenzorg (herzien)"
    d["standaarden"].append({"id": "GM-08", "thema": "sturing", "doelgroep": "gemeente",
                             "titel": "De gemeente zorgt voor een meldpunt voor inwoners",
                             "toelichting": "Inwoners weten waar ze terechtkunnen.", "vragen": []})
    return json.dumps(d, ensure_ascii=False, indent=2).encode("utf-8")
