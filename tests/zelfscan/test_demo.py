"""Demo data: every demo team has two vastgestelde scans a year apart and one concept, with varied answers."""
from __future__ import annotations

from datetime import date

from ghnt_desktop.domain.zelfscan import ScanStatus, Verandering
from ghnt_desktop.services import zelfscan as zs
from ghnt_desktop.services.login import login
from ghnt_desktop.storage import audit


def test_demo_zelfscans(demo_dir):
    ws = login(demo_dir, "demo", "demo")
    try:
        teams = zs.teams(ws)
        assert len(teams) >= 3
        assert sum(1 for t in teams if ("GM0479", "Zaanstad") in t.gemeenten) >= 2
        vandaag = date.today()
        veranderingen = {v: 0 for v in Verandering}
        for t in teams:
            lijst = zs.scans(ws, team_id=t.id)
            vast = [s for s in lijst if s.status is ScanStatus.VASTGESTELD]
            concept = [s for s in lijst if s.status is ScanStatus.CONCEPT]
            assert len(vast) == 2 and len(concept) == 1, t.naam
            nieuw, oud = vast  # newest peildatum first
            assert 300 <= (vandaag - nieuw.peildatum).days <= 430, t.naam
            assert 300 <= (nieuw.peildatum - oud.peildatum).days <= 430, t.naam
            assert nieuw.vastgesteld_op is not None and nieuw.vastgesteld_op >= nieuw.peildatum
            assert 0 < concept[0].voortgang.beantwoord < concept[0].voortgang.totaal
            assert zs.vorige_scan(ws, nieuw.id) == oud.id
            v = zs.vergelijking_met_vorige(ws, nieuw.id)
            assert v.aantallen[Verandering.VERBETERD] > 0 and v.aantallen[Verandering.VERSLECHTERD] > 0, t.naam
            for k, n in v.aantallen.items():
                veranderingen[k] += n
            scan, cat = zs.laad_scan(ws, nieuw.id)
            assert len(scan.antwoorden) == len(cat.standaarden)
            assert all(a.toelichting for a in scan.antwoorden)
            assert any(a.bewijs for a in scan.antwoorden)
            punten = zs.verbeterpunten(ws, nieuw.id)
            assert punten and {p.antwoord.prioriteit for p in punten} - {None}
            assert len(scan.deelnemers) >= 5 and all(d.naam for d in scan.deelnemers)
            assert len({a.code for a in scan.antwoorden}) >= 3
        assert veranderingen[Verandering.GEWIJZIGD_NIET_VERGELIJKBAAR] > 0
        # One reopened scan shows versions.
        heropend = [s for s in zs.scans(ws) if s.versie > 1]
        assert heropend and heropend[0].heropen_reden
        # Team comparison for Zaanstad works on the demo data.
        tv = zs.teamvergelijking(ws, "GM0479")
        assert len(tv.teams) >= 2 and all(t.percentage_voldoet is not None for t in tv.totaal)
        assert audit.verify(ws.db) == []
    finally:
        ws.close()
