"""Test data for the plan van aanpak: teams with vastgestelde zelfscans, made through the real services."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from ghnt_desktop.domain.roles import Rol

PASSPHRASE = "groene appel fiets molen 42"

# Per standard index: (code, verbeterpunt, prioriteit) for a scan; cycles through the catalogue.
PATROON_A = [("V", False, None), ("D", True, "hoog"), ("N", True, "midden"), ("V", False, None),
             ("O", False, None), ("N", True, "laag"), ("NVT", False, None), ("D", True, None)]
PATROON_B = [("V", False, None), ("V", False, None), ("D", True, "hoog"), ("N", True, "hoog"),
             ("V", False, None), ("D", True, "midden")]


def maak_manager_werkruimte(data_dir: Path, gemeenten=(("GM0479", "Zaanstad"),)):
    from ghnt_desktop.services.setup import create_workspace

    return create_workspace(data_dir, organisatie="Testteam plan", gemeenten=list(gemeenten), login="manager",
                            naam="Mia Manager", passphrase=PASSPHRASE,
                            rollen=frozenset({Rol.MANAGER, Rol.BEHEERDER}))


def maak_vastgestelde_scan(ws, team_id: int, peildatum: date, patroon=PATROON_A, verschuiving: int = 0) -> int:
    from ghnt_desktop.domain.zelfscan import Antwoord, Deelnemer, DeelnemerRol, Prioriteit, ScanStatus
    from ghnt_desktop.services import zelfscan as zs

    scan_id = zs.maak_scan(ws, team_id=team_id, peildatum=peildatum,
                           deelnemers=[Deelnemer(DeelnemerRol.TEAMLEIDER)])
    _, cat = zs.laad_scan(ws, scan_id)
    for i, st in enumerate(cat.standaarden_op_volgorde):
        code, vp, prio = patroon[(i + verschuiving) % len(patroon)]
        zs.bewaar_antwoord(ws, scan_id, Antwoord(st.id, code, verbeterpunt=vp,
                                                 prioriteit=Prioriteit(prio) if prio else None))
    zs.zet_status(ws, scan_id, ScanStatus.INGEVULD)
    zs.zet_status(ws, scan_id, ScanStatus.VASTGESTELD, vastgesteld_op=peildatum)
    return scan_id


def maak_teams_met_scans(ws, aantal: int = 2, gemeente: str = "GM0479", *, twee_scans: bool = True,
                         prefix: str = "Wijkteam Test") -> dict[str, int]:
    """``aantal`` teams serving ``gemeente``, each with a vastgestelde scan (and an earlier one)."""
    from ghnt_desktop.services import teams

    team_ids = {}
    for i in range(aantal):
        naam = f"{prefix} {i + 1}"
        tid = teams.maak_team(ws, naam, "wijkteam", [gemeente])
        team_ids[naam] = tid
        if twee_scans:
            maak_vastgestelde_scan(ws, tid, date(2025, 3, 1), PATROON_B, verschuiving=i)
        maak_vastgestelde_scan(ws, tid, date(2026, 3, 1), PATROON_A, verschuiving=i)
    return team_ids
