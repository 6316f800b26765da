"""Exchange of vastgestelde scans between workspaces: export, import, team matching, duplicates, refusals."""
from __future__ import annotations

import json
from datetime import date

import pytest

from ghnt_desktop.domain.zelfscan import (
    Antwoord,
    Deelnemer,
    DeelnemerRol,
    OngeldigeStatusovergang,
    ScanNietBewerkbaar,
    ScanStatus,
)
from ghnt_desktop.domain.zelfscan_uitwisseling import controle_waarde
from ghnt_desktop.errors import ValidationError
from ghnt_desktop.services import teams as team_service
from ghnt_desktop.services import zelfscan as zs
from ghnt_desktop.storage import audit
from tests.zelfscan.conftest import herziene_catalogus, momentopname, tellingen, vastgestelde_scan

PEIL = date(2024, 3, 1)
NAMEN = [Deelnemer(DeelnemerRol.TEAMLEIDER, "Sanne de Boer"), Deelnemer(DeelnemerRol.VEILIG_THUIS, "Kofi Mulder")]


def _met_controle(d: dict) -> bytes:
    d = dict(d)
    d["controle"] = controle_waarde(d)
    return json.dumps(d, ensure_ascii=False).encode()


def test_export_only_for_vastgestelde_scan_and_names_only_when_chosen(zws):
    concept = zs.maak_scan(zws, team_id=zws.tid["oost"], peildatum=date(2025, 1, 1), deelnemers=NAMEN)
    with pytest.raises(ValidationError, match="Alleen een vastgestelde zelfscan"):
        zs.exporteer(zws, concept)
    sid = vastgestelde_scan(zws, zws.tid["oost"], PEIL, {"LT-01": "N"}, deelnemers=NAMEN)
    zonder = json.loads(zs.exporteer(zws, sid))
    met = json.loads(zs.exporteer(zws, sid, namen_opnemen=True))
    assert [d["naam"] for d in zonder["deelnemers"]] == [None, None]
    assert [d["rol"] for d in zonder["deelnemers"]] == ["teamleider", "veilig_thuis"]
    assert [d["naam"] for d in met["deelnemers"]] == ["Sanne de Boer", "Kofi Mulder"]
    assert zonder["catalogus"]["id"] == "vng-werken-aan-veiligheid"
    assert zonder["catalogus"]["versie"] == "2019-werkversie-1"
    assert zonder["team"] == {"naam": "Wijkteam Zaandam-Oost", "type": "wijkteam"}
    assert zonder["gemeenten"] == [{"cbs_code": "GM0479", "naam": "Zaanstad"}]
    assert len(zonder["antwoorden"]) == 18 and zonder["antwoorden"][0]["toelichting"] == "Toelichting bij LT-01"
    assert len(zonder["controle"]) == 64
    assert zs.exporteer(zws, sid) == zs.exporteer(zws, sid)  # deterministic
    assert len(audit.entries_for(zws.db, "zelfscan", sid, ["zelfscan_exporteren"])) == 4


def test_import_creates_team_and_read_only_flagged_scan(zws, tweede_werkruimte):
    gem = tweede_werkruimte
    sid = vastgestelde_scan(zws, zws.tid["oost"], PEIL, {"LT-01": "N", "GM-03": "O"}, deelnemers=NAMEN)
    origineel, _ = zs.laad_scan(zws, sid)
    data = zs.exporteer(zws, sid)
    assert zs.teams(gem) == []

    nieuw = zs.importeer(gem, data)
    info = zs.scan_info(gem, nieuw)
    assert info.geimporteerd and info.status is ScanStatus.VASTGESTELD and not info.bewerkbaar
    assert (info.team_naam, info.team_type, info.gemeenten) == ("Wijkteam Zaandam-Oost", "wijkteam",
                                                                 (("GM0479", "Zaanstad"),))
    assert [(t.naam, t.type, t.gemeenten) for t in zs.teams(gem)] == [
        ("Wijkteam Zaandam-Oost", "wijkteam", [("GM0479", "Zaanstad")])]
    scan, cat = zs.laad_scan(gem, nieuw)
    assert scan.antwoorden == origineel.antwoorden
    assert scan.peildatum == origineel.peildatum and scan.vastgesteld_op == origineel.vastgesteld_op
    assert [d.naam for d in scan.deelnemers] == [None, None]
    assert cat.sleutel == ("vng-werken-aan-veiligheid", "2019-werkversie-1")
    assert zs.resultaat(gem, nieuw) == zs.resultaat(zws, sid)
    assert [s.id for s in zs.laatste_vastgestelde(gem, "GM0479")] == [nieuw]
    assert len(audit.entries_for(gem.db, "zelfscan", nieuw, ["zelfscan_importeren"])) == 1
    assert audit.verify(gem.db) == []

    # Imported scans are read-only, cannot change status and cannot be reopened.
    with pytest.raises(ScanNietBewerkbaar, match="ingelezen"):
        zs.bewaar_antwoord(gem, nieuw, Antwoord("LT-01", "V"))
    with pytest.raises(ScanNietBewerkbaar):
        zs.zet_deelnemers(gem, nieuw, [])
    with pytest.raises(ScanNietBewerkbaar):
        zs.zet_status(gem, nieuw, ScanStatus.CONCEPT)
    with pytest.raises(OngeldigeStatusovergang, match="ingelezen"):
        zs.heropen(gem, nieuw, "wil aanpassen")


def test_import_with_names_keeps_names(zws, tweede_werkruimte):
    sid = vastgestelde_scan(zws, zws.tid["oost"], PEIL, deelnemers=NAMEN)
    nieuw = zs.importeer(tweede_werkruimte, zs.exporteer(zws, sid, namen_opnemen=True))
    assert zs.laad_scan(tweede_werkruimte, nieuw)[0].deelnemers == tuple(NAMEN)


def test_team_is_matched_by_name_and_type(zws, tweede_werkruimte):
    gem = tweede_werkruimte
    bestaand = team_service.maak_team(gem, "wijkteam  zaandam-oost", "wijkteam", ["GM0479"])
    a = zs.importeer(gem, zs.exporteer(zws, vastgestelde_scan(zws, zws.tid["oost"], date(2023, 3, 1))))
    b = zs.importeer(gem, zs.exporteer(zws, vastgestelde_scan(zws, zws.tid["oost"], date(2024, 3, 1))))
    assert zs.scan_info(gem, a).team_id == bestaand == zs.scan_info(gem, b).team_id
    assert len(zs.teams(gem)) == 1
    assert zs.vorige_scan(gem, b) == a
    assert zs.vergelijking_met_vorige(gem, b) is not None


def test_same_name_other_type_is_a_conflict(zws, tweede_werkruimte):
    gem = tweede_werkruimte
    team_service.maak_team(gem, "Wijkteam Zaandam-Oost", "jeugdteam", ["GM0479"])
    data = zs.exporteer(zws, vastgestelde_scan(zws, zws.tid["oost"], PEIL))
    voor = momentopname(gem)
    with pytest.raises(ValidationError) as e:
        zs.importeer(gem, data)
    assert "jeugdteam" in str(e.value) and "wijkteam" in str(e.value)
    assert momentopname(gem) == voor


def test_duplicates_are_refused(zws, tweede_werkruimte):
    gem = tweede_werkruimte
    sid = vastgestelde_scan(zws, zws.tid["oost"], PEIL, deelnemers=NAMEN)
    zonder, met = zs.exporteer(zws, sid), zs.exporteer(zws, sid, namen_opnemen=True)
    zs.importeer(gem, zonder)
    voor = momentopname(gem)
    with pytest.raises(ValidationError, match="al eerder ingelezen"):
        zs.importeer(gem, zonder)
    with pytest.raises(ValidationError, match="uit een ander bestand"):
        zs.importeer(gem, met)  # same scan version, other file (names included)
    assert momentopname(gem) == voor
    # Re-importing into the workspace it came from is refused as well.
    voor_bron = momentopname(zws)
    with pytest.raises(ValidationError, match="staat al in deze werkruimte"):
        zs.importeer(zws, zonder)
    assert momentopname(zws) == voor_bron


def test_later_version_joins_the_reeks_of_the_earlier_import(zws, tweede_werkruimte):
    gem = tweede_werkruimte
    v1 = vastgestelde_scan(zws, zws.tid["oost"], PEIL, {"LT-01": "N"})
    i1 = zs.importeer(gem, zs.exporteer(zws, v1))
    v2 = zs.heropen(zws, v1, "LT-01 klopte niet")
    zs.bewaar_antwoord(zws, v2, Antwoord("LT-01", "V"))
    zs.zet_status(zws, v2, ScanStatus.INGEVULD)
    zs.zet_status(zws, v2, ScanStatus.VASTGESTELD)
    i2 = zs.importeer(gem, zs.exporteer(zws, v2))
    info = zs.scan_info(gem, i2)
    assert (info.versie, info.vorige_id, info.reeks_id) == (2, i1, zs.scan_info(gem, i1).reeks_id)
    assert [s.id for s in zs.scans(gem)] == [i2]
    assert [s.versie for s in zs.versies(gem, i1)] == [2, 1]


def test_other_scan_on_same_peildatum_is_refused(zws, tweede_werkruimte):
    gem = tweede_werkruimte
    team = team_service.maak_team(gem, "Wijkteam Zaandam-Oost", "wijkteam", ["GM0479"])
    zs.maak_scan(gem, team_id=team, peildatum=PEIL, deelnemers=[])
    data = zs.exporteer(zws, vastgestelde_scan(zws, zws.tid["oost"], PEIL))
    voor = momentopname(gem)
    with pytest.raises(ValidationError, match="per peildatum één zelfscan"):
        zs.importeer(gem, data)
    assert momentopname(gem) == voor


def test_unknown_catalogue_version_then_import_it_first(zws, tweede_werkruimte):
    gem = tweede_werkruimte
    zs.importeer_catalogus(zws, herziene_catalogus())
    data = zs.exporteer(zws, vastgestelde_scan(zws, zws.tid["oost"], PEIL))
    voor = momentopname(gem)
    with pytest.raises(ValidationError) as e:
        zs.importeer(gem, data)
    assert "vng-werken-aan-veiligheid" in str(e.value) and "2025-1" in str(e.value)
    assert "Importeer eerst" in str(e.value)
    assert momentopname(gem) == voor
    zs.importeer_catalogus(gem, herziene_catalogus())
    nieuw = zs.importeer(gem, data)
    assert zs.laad_scan(gem, nieuw)[1].versie == "2025-1"


def test_same_catalogue_version_with_other_content_is_refused(zws, tweede_werkruimte):
    gem = tweede_werkruimte
    zs.importeer_catalogus(zws, herziene_catalogus())
    anders = json.loads(herziene_catalogus())
    anders["standaarden"][0]["toelichting"] = "Eigen tekst"
    zs.importeer_catalogus(gem, json.dumps(anders).encode())
    data = zs.exporteer(zws, vastgestelde_scan(zws, zws.tid["oost"], PEIL))
    voor = momentopname(gem)
    with pytest.raises(ValidationError, match="niet precies hetzelfde"):
        zs.importeer(gem, data)
    assert momentopname(gem) == voor


def test_tampered_and_truncated_files_are_refused(zws, tweede_werkruimte):
    gem = tweede_werkruimte
    zs.catalogi(gem)
    data = zs.exporteer(zws, vastgestelde_scan(zws, zws.tid["oost"], PEIL))
    d = json.loads(data)
    voor = momentopname(gem)
    gevallen = {
        "beschadigd": data.replace(b"Toelichting bij LT-01", b"Toelichting bij LT-02", 1),
        "afgekapt": data[: len(data) // 2],
        "leeg": b"",
        "geen controle": json.dumps({k: v for k, v in d.items() if k != "controle"}).encode(),
    }
    for naam, kapot in gevallen.items():
        with pytest.raises(ValidationError) as e:
            zs.importeer(gem, kapot)
        assert "ingelezen" in e.value.message and e.value.details, naam
        assert momentopname(gem) == voor, naam
    # Content errors behind a recomputed checksum are listed with their place.
    d2 = dict(d)
    d2["antwoorden"] = [dict(a) for a in d["antwoorden"]]
    d2["antwoorden"][3]["code"] = "JA"
    d2["antwoorden"] = d2["antwoorden"][:-1]
    d2["team"] = {"naam": "Team", "type": "voetbalteam"}
    with pytest.raises(ValidationError) as e:
        zs.importeer(gem, _met_controle(d2))
    tekst = str(e.value)
    assert "antwoorden[3].code" in tekst and "team.type" in tekst and "GM-07" in tekst
    assert momentopname(gem) == voor
    assert tellingen(gem)["zelfscan"] == 0
