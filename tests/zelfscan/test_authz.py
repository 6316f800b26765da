"""Authorization matrix over the demo accounts: every refusal raises PermissionDenied and is audited."""
from __future__ import annotations

from datetime import date

import pytest

from ghnt_desktop.domain.roles import Actie, mag
from ghnt_desktop.domain.zelfscan import Antwoord, Deelnemer, DeelnemerRol, ScanStatus
from ghnt_desktop.errors import PermissionDenied, ValidationError
from ghnt_desktop.services import zelfscan as zs
from ghnt_desktop.services.login import login
from ghnt_desktop.storage import zelfscan_repo as repo
from tests.zelfscan.conftest import herziene_catalogus

ALLE_TEAMS = {"Wijkteam Zaandam-Oost", "Sociaal team Zaandam-West", "Wijkteam Purmerend",
              "Sociaal team Waterland en Landsmeer", "Jeugdteam Edam-Volendam en Wormerland"}

# account: (teams whose scans it sees (None = none at all), may vaststellen/heropenen, may export/import,
#           may import catalogues). Written out by hand from domain/roles.py _MATRIX and demo/build.py.
VERWACHT = {
    "demo": (ALLE_TEAMS, True, True, True),
    "professional": ({"Wijkteam Zaandam-Oost"}, False, False, False),
    "aandachtsfunctionaris": ({"Wijkteam Zaandam-Oost", "Sociaal team Zaandam-West"}, False, False, False),
    "manager": (ALLE_TEAMS, True, True, False),  # ZELFSCAN_ALLE: also teams it is not a member of
    "beheerder": (None, False, False, True),
}


def _scan_id(ws, team_naam: str, status: ScanStatus) -> int:
    return next(r.id for r in repo.scan_rijen(ws.db) if r.team_naam == team_naam and r.status is status)


def _geweigerd(ws, functie, *args, **kwargs) -> None:
    voor = ws.db.conn.execute("SELECT count(*) FROM audit WHERE resultaat = 'geweigerd'").fetchone()[0]
    with pytest.raises(PermissionDenied):
        functie(ws, *args, **kwargs)
    na = ws.db.conn.execute("SELECT count(*) FROM audit WHERE resultaat = 'geweigerd'").fetchone()[0]
    assert na == voor + 1, "a refusal is recorded in the audit trail"


def _vul_alles(ws, scan_id: int) -> None:
    _, cat = zs.laad_scan(ws, scan_id)
    for s in cat.standaarden:
        zs.bewaar_antwoord(ws, scan_id, Antwoord(s.id, "D", verbeterpunt=True))


def test_expectations_follow_the_role_matrix(demo_dir):
    from ghnt_desktop.demo.build import DEMO_ACCOUNTS

    rollen = {login_: frozenset(r) for login_, _, r, _ in DEMO_ACCOUNTS}
    for account, (zicht, vaststellen, uitwisselen, catalogus) in VERWACHT.items():
        if account == "demo":
            continue
        r = rollen[account]
        eigen = mag(r, Actie.ZELFSCAN_EIGEN_TEAM) or mag(r, Actie.ZELFSCAN_ALLE)
        assert (zicht is not None) == eigen, account
        assert (zicht == ALLE_TEAMS) == mag(r, Actie.ZELFSCAN_ALLE), account
        assert vaststellen == mag(r, Actie.ZELFSCAN_VASTSTELLEN), account
        assert uitwisselen == mag(r, Actie.ZELFSCAN_UITWISSELEN), account
        assert catalogus == mag(r, Actie.CATALOGUS_BEHEREN), account


@pytest.mark.parametrize("account", list(VERWACHT))
def test_authorization_matrix(demo_dir, account):
    zicht, vaststellen, uitwisselen, catalogus = VERWACHT[account]
    ws = login(demo_dir, account, "demo")
    try:
        oost_concept = _scan_id(ws, "Wijkteam Zaandam-Oost", ScanStatus.CONCEPT)
        oost_vast = _scan_id(ws, "Wijkteam Zaandam-Oost", ScanStatus.VASTGESTELD)
        purmerend_concept = _scan_id(ws, "Wijkteam Purmerend", ScanStatus.CONCEPT)
        purmerend_vast = _scan_id(ws, "Wijkteam Purmerend", ScanStatus.VASTGESTELD)

        # Catalogues can be read by everyone who works with scans or manages catalogues.
        assert zs.catalogi(ws) and zs.nieuwste_catalogus(ws)

        if zicht is None:
            for functie, args in [(zs.teams, ()), (zs.scans, ()), (zs.laad_scan, (oost_vast,)),
                                  (zs.resultaat, (oost_vast,)), (zs.laatste_vastgestelde, ("GM0479",)),
                                  (zs.teamvergelijking, ("GM0479",)), (zs.vorige_scan, (oost_vast,)),
                                  (zs.bewaar_antwoord, (oost_concept, Antwoord("LT-01", "V")))]:
                _geweigerd(ws, functie, *args)
            _geweigerd(ws, zs.maak_scan, team_id=1, peildatum=date(2024, 1, 1),
                       deelnemers=[])
        else:
            assert {t.naam for t in zs.teams(ws)} == zicht
            assert {s.team_naam for s in zs.scans(ws)} == zicht
            assert {s.team_naam for s in zs.laatste_vastgestelde(ws, "GM0479")} == zicht & {
                "Wijkteam Zaandam-Oost", "Sociaal team Zaandam-West"}
            # Own team: view and answer.
            zs.laad_scan(ws, oost_vast)
            zs.resultaat(ws, oost_vast)
            assert zs.vergelijking_met_vorige(ws, oost_vast) is not None
            zs.bewaar_antwoord(ws, oost_concept, Antwoord("LT-01", "V", toelichting=f"door {account}"))
            if "Wijkteam Purmerend" in zicht:
                zs.laad_scan(ws, purmerend_concept)
                zs.bewaar_antwoord(ws, purmerend_concept, Antwoord("LT-01", "D"))
                zs.teamvergelijking(ws, "GM0439", [purmerend_vast])
            else:
                _geweigerd(ws, zs.laad_scan, purmerend_concept)
                _geweigerd(ws, zs.bewaar_antwoord, purmerend_concept, Antwoord("LT-01", "D"))
                _geweigerd(ws, zs.resultaat, purmerend_vast)
                _geweigerd(ws, zs.teamvergelijking, "GM0439", [purmerend_vast])
                _geweigerd(ws, zs.scans, team_id=zs.scan_info(ws, oost_vast).team_id + 1000)
                purmerend_team = next(r.team_id for r in repo.scan_rijen(ws.db) if r.id == purmerend_vast)
                _geweigerd(ws, zs.maak_scan, team_id=purmerend_team,
                           peildatum=date(2020, 1, 1), deelnemers=[])
            # Filling in completely and marking ingevuld is "answering"; vaststellen is not.
            _vul_alles(ws, oost_concept)
            zs.zet_status(ws, oost_concept, ScanStatus.INGEVULD)
            zs.zet_deelnemers(ws, oost_concept, [Deelnemer(DeelnemerRol.PROFESSIONAL, "Priya")])
            if vaststellen:
                zs.zet_status(ws, oost_concept, ScanStatus.VASTGESTELD)
                nieuw = zs.heropen(ws, oost_concept, "Nog een antwoord aanpassen")
                assert zs.scan_info(ws, nieuw).versie == 2
            else:
                _geweigerd(ws, zs.zet_status, oost_concept, ScanStatus.VASTGESTELD)
                _geweigerd(ws, zs.heropen, oost_vast, "wil wijzigen")
                assert zs.scan_info(ws, oost_concept).status is ScanStatus.INGEVULD

        if uitwisselen:
            data = zs.exporteer(ws, oost_vast)
            with pytest.raises(ValidationError, match="staat al in deze werkruimte"):
                zs.importeer(ws, data)  # allowed, but it is already here
        else:
            _geweigerd(ws, zs.exporteer, oost_vast)
            _geweigerd(ws, zs.importeer, b"{}")

        if catalogus:
            info = zs.importeer_catalogus(ws, herziene_catalogus())
            assert info.versie == "2025-1"
        else:
            _geweigerd(ws, zs.importeer_catalogus, herziene_catalogus())
            _geweigerd(ws, zs.zet_catalogus_actief, "vng-werken-aan-veiligheid", "2019-werkversie-1", False)
    finally:
        ws.close()
