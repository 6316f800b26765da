"""A plan van aanpak uses the teams' zelfscans and the gemeente's own scan (kwaliteitskader, gemeente standards)."""
from __future__ import annotations

from datetime import date

from ghnt_desktop.domain.zelfscan import Antwoord, Deelnemer, DeelnemerRol, ScanStatus
from ghnt_desktop.services import plan as ps
from ghnt_desktop.services import zelfscan as zs
from tests.plan.helpers import maak_manager_werkruimte, maak_teams_met_scans


def _gemeentescan(ws, peildatum: date) -> int:
    scan_id = zs.maak_gemeentescan(ws, gemeente_code="GM0479", peildatum=peildatum,
                                   deelnemers=[Deelnemer(DeelnemerRol.BELEIDSADVISEUR_GEMEENTE)])
    _, cat = zs.laad_scan(ws, scan_id)
    standaarden = [st for st in cat.standaarden_op_volgorde if st.id.startswith("GM-")]
    for i, st in enumerate(standaarden):
        zs.bewaar_antwoord(ws, scan_id, Antwoord(st.id, "D" if i % 2 else "V", verbeterpunt=bool(i % 2)))
    zs.zet_status(ws, scan_id, ScanStatus.INGEVULD)
    zs.zet_status(ws, scan_id, ScanStatus.VASTGESTELD, vastgesteld_op=peildatum)
    return scan_id


def test_default_scans_of_a_plan_include_the_gemeente_scan(data_dir):
    ws = maak_manager_werkruimte(data_dir)
    try:
        maak_teams_met_scans(ws, 2, twee_scans=False)
        assert len(ps.standaard_scans(ws, "GM0479")) == 2
        gemeente_scan = _gemeentescan(ws, date(2026, 4, 1))
        gekozen = ps.standaard_scans(ws, "GM0479")
        assert len(gekozen) == 3 and gekozen[-1].id == gemeente_scan
        plan_id = ps.maak_plan(ws, "GM0479", jaar=2026)
        scan_ids = {r[0] for r in ws.db.conn.execute("SELECT scan_id FROM plan_scan WHERE plan_id = ?", [plan_id])}
        assert gemeente_scan in scan_ids and len(scan_ids) == 3
    finally:
        ws.close()
