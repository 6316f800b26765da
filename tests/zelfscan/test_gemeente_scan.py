"""Gemeente scans: made by a manager for a gemeente of the workspace, gemeente standards only, compared with
the previous scan of the same gemeente, exchanged between workspaces, and found by the plan."""
from __future__ import annotations

import json
from datetime import date

import pytest

from ghnt_desktop.domain.roles import Rol
from ghnt_desktop.domain.zelfscan import Antwoord, Deelnemer, DeelnemerRol, EigenaarSoort, ScanStatus, Verandering
from ghnt_desktop.domain.zelfscan_catalogus import Doelgroep
from ghnt_desktop.errors import PermissionDenied, ValidationError
from ghnt_desktop.services import teams
from ghnt_desktop.services import zelfscan as zs
from tests.zelfscan.conftest import maak_werkruimte, vastgestelde_scan

BELEID = [Deelnemer(DeelnemerRol.BELEIDSADVISEUR_GEMEENTE, "Fatima El Idrissi")]


def _vastgestelde_gemeentescan(ws, code: str, peildatum: date, afwijkend: dict[str, str] | None = None) -> int:
    scan_id = zs.maak_gemeentescan(ws, gemeente_code=code, peildatum=peildatum, deelnemers=BELEID)
    _, cat = zs.laad_scan(ws, scan_id)
    for s in cat.standaarden:
        code_ = (afwijkend or {}).get(s.id, "V")
        zs.bewaar_antwoord(ws, scan_id, Antwoord(s.id, code_, verbeterpunt=code_ != "V"))
    zs.zet_status(ws, scan_id, ScanStatus.INGEVULD)
    zs.zet_status(ws, scan_id, ScanStatus.VASTGESTELD)
    return scan_id


def test_gemeentescan_beantwoordt_alleen_de_gemeentestandaarden(zws):
    scan_id = zs.maak_gemeentescan(zws, gemeente_code="GM0479", peildatum=date(2026, 1, 15), deelnemers=BELEID)
    scan, cat = zs.laad_scan(zws, scan_id)
    assert cat.standaarden and all(s.doelgroep is Doelgroep.GEMEENTE for s in cat.standaarden)
    assert {s.id for s in cat.standaarden} == {f"GM-0{i}" for i in range(1, 8)}
    assert {s.thema for s in cat.standaarden} == {t.id for t in cat.themas}  # no empty themes
    assert scan.is_gemeentescan and scan.eigenaar_naam == "Gemeente Zaanstad"
    info = zs.scan_info(zws, scan_id)
    assert info.team_id is None and info.eigenaar_gemeente == ("GM0479", "Zaanstad")
    assert info.team_naam == "Gemeente Zaanstad" and info.eigenaar_soort is EigenaarSoort.GEMEENTE
    assert info.gemeenten == (("GM0479", "Zaanstad"),)
    assert info.voortgang.totaal == 7

    # A team standard is no part of a gemeente scan.
    with pytest.raises(ValidationError):
        zs.bewaar_antwoord(zws, scan_id, Antwoord("LT-01", "V"))
    # Complete with the 7 gemeente standards: ingevuld and vastgesteld work.
    for s in cat.standaarden:
        zs.bewaar_antwoord(zws, scan_id, Antwoord(s.id, "N" if s.id == "GM-03" else "V", verbeterpunt=s.id == "GM-03"))
    zs.zet_status(zws, scan_id, ScanStatus.INGEVULD)
    zs.zet_status(zws, scan_id, ScanStatus.VASTGESTELD)
    res = zs.resultaat(zws, scan_id)
    assert res.totaal.aantal_standaarden == 7 and res.totaal.voldoet == 6
    assert list(res.per_doelgroep) == [Doelgroep.GEMEENTE]
    assert [v.standaard.id for v in zs.verbeterpunten(zws, scan_id)] == ["GM-03"]


def test_teamscan_blijft_het_hele_kwaliteitskader_beantwoorden(zws):
    scan_id = zs.maak_scan(zws, team_id=zws.tid["oost"], peildatum=date(2026, 1, 15), deelnemers=BELEID)
    _, cat = zs.laad_scan(zws, scan_id)
    assert len(cat.standaarden) == 18 and cat.alleen_doelgroep is None
    assert zs.scan_info(zws, scan_id).eigenaar_soort is EigenaarSoort.TEAM


def test_gemeentescan_alleen_voor_gemeenten_van_de_werkruimte_en_een_per_peildatum(zws):
    with pytest.raises(ValidationError) as e:
        zs.maak_gemeentescan(zws, gemeente_code="GM0363", peildatum=date(2026, 1, 15), deelnemers=BELEID)
    assert "gemeente waarvoor deze werkruimte werkt" in " ".join(e.value.details)
    zs.maak_gemeentescan(zws, gemeente_code="GM0439", peildatum=date(2026, 1, 15), deelnemers=BELEID)
    with pytest.raises(ValidationError) as e:
        zs.maak_gemeentescan(zws, gemeente_code="GM0439", peildatum=date(2026, 1, 15), deelnemers=BELEID)
    assert "Purmerend heeft al een zelfscan met peildatum 15-01-2026" in " ".join(e.value.details)
    # The same peildatum for another gemeente, or for a team, is fine.
    zs.maak_gemeentescan(zws, gemeente_code="GM0479", peildatum=date(2026, 1, 15), deelnemers=BELEID)
    zs.maak_scan(zws, team_id=zws.tid["purmerend"], peildatum=date(2026, 1, 15), deelnemers=BELEID)
    assert zs.gemeenten_voor_gemeentescan(zws) == [("GM0439", "Purmerend"), ("GM0479", "Zaanstad")]


def test_alleen_een_manager_maakt_en_ziet_gemeentescans(tmp_path):
    ws = maak_werkruimte(tmp_path / "w", rollen={Rol.MANAGER, Rol.BEHEERDER, Rol.AANDACHTSFUNCTIONARIS})
    try:
        from ghnt_desktop.services import accounts

        team_id = teams.maak_team(ws, "Wijkteam Oost", "wijkteam", ["GM0479"])
        scan_id = zs.maak_gemeentescan(ws, gemeente_code="GM0479", peildatum=date(2026, 1, 15), deelnemers=BELEID)
        af = accounts.maak_account(ws, login="af", naam="Aandachtsfunctionaris", rollen={Rol.AANDACHTSFUNCTIONARIS},
                                   team_ids={team_id}, passphrase="groene appel fiets molen 43")
    finally:
        ws.close()
    from ghnt_desktop.storage.workspace import Workspace

    ws = Workspace.open(tmp_path / "w", "af", "groene appel fiets molen 43")
    try:
        assert zs.gemeenten_voor_gemeentescan(ws) == []
        with pytest.raises(PermissionDenied):
            zs.maak_gemeentescan(ws, gemeente_code="GM0479", peildatum=date(2026, 2, 1), deelnemers=BELEID)
        with pytest.raises(PermissionDenied):
            zs.laad_scan(ws, scan_id)
        assert all(not s.is_gemeentescan for s in zs.scans(ws))
        assert zs.scans(ws, soort=EigenaarSoort.GEMEENTE) == []
        assert zs.laatste_vastgestelde_gemeentescan(ws, "GM0479") is None
    finally:
        ws.close()
    assert af


def test_lijst_vergelijking_en_heropenen_per_gemeente(zws):
    eerste = _vastgestelde_gemeentescan(zws, "GM0479", date(2025, 1, 10), {"GM-01": "N", "GM-02": "N"})
    _vastgestelde_gemeentescan(zws, "GM0439", date(2025, 6, 1))  # another gemeente: never "the previous"
    team_scan = vastgestelde_scan(zws, zws.tid["oost"], date(2025, 9, 1))
    tweede = _vastgestelde_gemeentescan(zws, "GM0479", date(2026, 1, 10), {"GM-02": "N", "GM-05": "N"})

    assert zs.vorige_scan(zws, tweede) == eerste
    assert zs.vorige_scan(zws, eerste) is None
    verg = zs.vergelijking_met_vorige(zws, tweede)
    assert verg is not None and len(verg.regels) == 7
    assert verg.voor("GM-01").verandering is Verandering.VERBETERD
    assert verg.voor("GM-05").verandering is Verandering.VERSLECHTERD
    assert verg.voor("GM-02").verandering is Verandering.GELIJK
    # The team scan about Zaanstad compares with earlier scans of its team only.
    assert zs.vorige_scan(zws, team_scan) is None

    alle = zs.scans(zws, gemeente_code="GM0479")
    assert [s.team_naam for s in alle] == ["Gemeente Zaanstad", "Wijkteam Zaandam-Oost", "Gemeente Zaanstad"]
    alleen_gemeente = zs.scans(zws, soort=EigenaarSoort.GEMEENTE)
    assert sorted(s.eigenaar_gemeente[0] for s in alleen_gemeente) == ["GM0439", "GM0479", "GM0479"]
    assert {eerste, tweede} <= {s.id for s in alleen_gemeente}
    assert all(not s.is_gemeentescan for s in zs.scans(zws, soort=EigenaarSoort.TEAM))
    # laatste_vastgestelde stays per team (what the plan and the team comparison use)...
    assert [s.id for s in zs.laatste_vastgestelde(zws, "GM0479")] == [team_scan]

    # Reopening a gemeente scan: a new version of the same gemeente; the vastgestelde version still counts.
    nieuw = zs.heropen(zws, tweede, "Een antwoord klopt niet")
    info = zs.scan_info(zws, nieuw)
    assert info.eigenaar_gemeente == ("GM0479", "Zaanstad") and info.versie == 2 and info.vorige_id == tweede
    assert zs.laatste_vastgestelde_gemeentescan(zws, "GM0479").id == tweede
    assert zs.vorige_scan(zws, nieuw) == eerste


def test_laatste_vastgestelde_gemeentescan_voor_het_plan(zws):
    """The API the plan van aanpak uses for the gemeente's own scan."""
    assert zs.laatste_vastgestelde_gemeentescan(zws, "GM0479") is None
    oud = _vastgestelde_gemeentescan(zws, "GM0479", date(2025, 1, 10))
    concept = zs.maak_gemeentescan(zws, gemeente_code="GM0479", peildatum=date(2026, 3, 1), deelnemers=BELEID)
    vastgestelde_scan(zws, zws.tid["oost"], date(2026, 2, 1))  # a team scan is not the gemeente's scan
    purmerend = _vastgestelde_gemeentescan(zws, "GM0439", date(2026, 2, 1))
    gevonden = zs.laatste_vastgestelde_gemeentescan(zws, "GM0479")
    assert gevonden is not None and gevonden.id == oud and gevonden.status is ScanStatus.VASTGESTELD
    assert concept != oud
    nieuwer = _vastgestelde_gemeentescan(zws, "GM0479", date(2025, 12, 1))
    assert zs.laatste_vastgestelde_gemeentescan(zws, "GM0479").id == nieuwer
    assert zs.laatste_vastgestelde_gemeentescan(zws, "GM0439").id == purmerend
    assert zs.laatste_vastgestelde_gemeentescan(zws, "GM0363") is None


def test_gearchiveerd_team_niet_te_kiezen_maar_scans_blijven_zichtbaar(zws):
    scan_id = vastgestelde_scan(zws, zws.tid["oost"], date(2025, 5, 1))
    teams.archiveer(zws, zws.tid["oost"])
    assert zws.tid["oost"] not in {t.id for t in zs.teams(zws)}
    info = {s.id: s for s in zs.scans(zws)}[scan_id]
    assert info.team_naam == "Wijkteam Zaandam-Oost" and info.team_actief is False
    assert [s.id for s in zs.laatste_vastgestelde(zws, "GM0479")] == [scan_id]
    assert zs.teamvergelijking(zws, "GM0479").teams == ("Wijkteam Zaandam-Oost",)
    with pytest.raises(Exception):
        zs.maak_scan(zws, team_id=zws.tid["oost"], peildatum=date(2026, 1, 1), deelnemers=BELEID)


def test_gemeentescan_uitwisselen_tussen_werkruimten(zws, tweede_werkruimte):
    scan_id = _vastgestelde_gemeentescan(zws, "GM0479", date(2025, 11, 1), {"GM-04": "D"})
    data = zs.exporteer(zws, scan_id)
    inhoud = json.loads(data)
    assert inhoud["formaatversie"] == 2 and "team" not in inhoud
    assert inhoud["eigenaar"] == {"soort": "gemeente", "cbs_code": "GM0479", "naam": "Zaanstad"}
    assert [a["standaard_id"] for a in inhoud["antwoorden"]] == [f"GM-0{i}" for i in range(1, 8)]
    # A team scan is still written in format version 1 (older apps keep reading it).
    team_data = json.loads(zs.exporteer(zws, vastgestelde_scan(zws, zws.tid["oost"], date(2025, 11, 2))))
    assert team_data["formaatversie"] == 1 and "eigenaar" not in team_data

    teams_voor = len(teams.lijst(tweede_werkruimte, ook_gearchiveerd=True))
    nieuw = zs.importeer(tweede_werkruimte, data)
    info = zs.scan_info(tweede_werkruimte, nieuw)
    assert info.is_gemeentescan and info.eigenaar_gemeente == ("GM0479", "Zaanstad") and info.geimporteerd
    assert len(teams.lijst(tweede_werkruimte, ook_gearchiveerd=True)) == teams_voor  # no team was made
    assert zs.resultaat(tweede_werkruimte, nieuw) == zs.resultaat(zws, scan_id)
    assert zs.laatste_vastgestelde_gemeentescan(tweede_werkruimte, "GM0479").id == nieuw
    with pytest.raises(ValidationError, match="al eerder ingelezen"):
        zs.importeer(tweede_werkruimte, data)


def test_gemeentescan_import_weigert_gemeente_die_de_werkruimte_niet_bedient(zws, tmp_path):
    scan_id = _vastgestelde_gemeentescan(zws, "GM0439", date(2025, 11, 1))
    data = zs.exporteer(zws, scan_id)
    ander = maak_werkruimte(tmp_path / "ander", gemeenten=[("GM0479", "Zaanstad")])
    try:
        with pytest.raises(ValidationError) as e:
            zs.importeer(ander, data)
        assert "werkt niet voor gemeente Purmerend (GM0439)" in " ".join(e.value.details)
        assert zs.scans(ander) == []
    finally:
        ander.close()
