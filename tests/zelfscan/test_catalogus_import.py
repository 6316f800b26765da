"""Catalogue import: strict and complete validation, all-or-nothing, backup first, old scans keep theirs."""
from __future__ import annotations

import json
from datetime import date

import pytest

from ghnt_desktop.domain.zelfscan import Antwoord, ScanNietBewerkbaar, ScanStatus, Verandering
from ghnt_desktop.errors import UserError, ValidationError
from ghnt_desktop.services import zelfscan as zs
from ghnt_desktop.storage import audit
from tests.zelfscan.conftest import (
    WERKVERSIE_BYTES,
    codes_voor,
    herziene_catalogus,
    momentopname,
    vastgestelde_scan,
    vul_in,
)


def _backups(ws) -> list:
    from ghnt_desktop.services import backup

    return sorted(p.name for d in backup.search_folders(ws) if d.exists() for p in d.iterdir())


def test_import_new_version_is_used_for_new_scans_and_old_scan_still_renders(zws):
    oost = zws.tid["oost"]
    oud_id = vastgestelde_scan(zws, oost, date(2024, 3, 1), {"GM-07": "N", "LT-01": "D"})
    concept_id = zs.maak_scan(zws, team_id=oost, peildatum=date(2024, 9, 1), deelnemers=[])
    zs.bewaar_antwoord(zws, concept_id, Antwoord("GM-07", "V"))
    oud_scan, oud_cat = zs.laad_scan(zws, oud_id)
    backups_voor = _backups(zws)

    info = zs.importeer_catalogus(zws, herziene_catalogus())
    assert (info.versie, info.officieel, info.actief, info.meegeleverd) == ("2025-1", True, True, False)
    assert info.aantal_standaarden == 18 and info.geimporteerd_op is not None
    assert len(_backups(zws)) > len(backups_voor)  # a backup was written before the import
    assert [(c.versie, c.actief) for c in zs.catalogi(zws)] == [("2025-1", True), ("2019-werkversie-1", True)]
    nieuw_cat = zs.nieuwste_catalogus(zws)
    assert nieuw_cat.versie == "2025-1" and "niet de officiële tekst" not in zs.bronvermelding(nieuw_cat)
    assert [e["actie"] for e in audit.entries_for(zws.db, "catalogus", "vng-werken-aan-veiligheid 2025-1")] == [
        "catalogus_importeren"]

    # The old scan renders exactly as it was answered, with its own catalogue version.
    scan, cat = zs.laad_scan(zws, oud_id)
    assert scan == oud_scan and cat == oud_cat and cat.versie == "2019-werkversie-1"
    assert cat.heeft_standaard("GM-07") and scan.antwoord_voor("GM-07").code == "N"
    assert zs.scan_info(zws, oud_id).catalogus_versie == "2019-werkversie-1"
    # An existing concept keeps its catalogue too.
    assert zs.laad_scan(zws, concept_id)[1].versie == "2019-werkversie-1"
    zs.bewaar_antwoord(zws, concept_id, Antwoord("GM-07", "D"))

    # A new scan uses the new version; comparing across versions shows removed and new standards.
    nieuw_id = vastgestelde_scan(zws, oost, date(2025, 3, 1), {"LT-01": "V"})
    assert zs.laad_scan(zws, nieuw_id)[1].versie == "2025-1"
    assert zs.vorige_scan(zws, nieuw_id) == oud_id
    v = zs.vergelijking_met_vorige(zws, nieuw_id)
    assert v.voor("GM-07").verandering is Verandering.VERVALLEN
    assert v.voor("GM-08").verandering is Verandering.NIEUW
    assert v.voor("LT-01").verandering is Verandering.VERBETERD
    tv = zs.teamvergelijking(zws, "GM0479", [oud_id, nieuw_id])
    assert tv.gemengde_catalogi


def test_same_file_twice_and_same_version_with_other_content_are_refused(zws):
    with pytest.raises(ValidationError) as e:
        zs.importeer_catalogus(zws, WERKVERSIE_BYTES)
    assert "al in deze werkruimte" in str(e.value) and "dezelfde inhoud" in str(e.value)
    zs.importeer_catalogus(zws, herziene_catalogus())
    voor = momentopname(zws)
    with pytest.raises(ValidationError, match="al in deze werkruimte"):
        zs.importeer_catalogus(zws, herziene_catalogus())
    anders = json.loads(herziene_catalogus())
    anders["standaarden"][1]["titel"] = "Andere titel"
    with pytest.raises(ValidationError) as e:
        zs.importeer_catalogus(zws, json.dumps(anders).encode())
    assert "andere inhoud" in str(e.value) and "nieuwe versie" in str(e.value)
    assert momentopname(zws) == voor


def test_every_problem_is_listed_with_its_place_and_nothing_changes(zws):
    zs.catalogi(zws)
    d = json.loads(herziene_catalogus())
    d["standaarden"][2]["doelgroep"] = "wijk"
    d["standaarden"][4]["thema"] = "bestaat-niet"
    d["themas"][0]["volgorde"] = "een"
    d["antwoordschaal"]["opties"][1]["sneltoets"] = "12"
    d["geldig_tot"] = "2020-01-01"
    d["onbekend"] = 1
    voor = momentopname(zws)
    backups_voor = _backups(zws)
    with pytest.raises(ValidationError) as e:
        zs.importeer_catalogus(zws, json.dumps(d).encode())
    plaatsen = "\n".join(e.value.details)
    for plaats in ("standaarden[2].doelgroep", "standaarden[4].thema", "themas[0].volgorde",
                   "antwoordschaal.opties[1].sneltoets", "geldig_tot", "onbekend"):
        assert plaats in plaatsen, plaats
    assert momentopname(zws) == voor
    assert _backups(zws) == backups_voor  # no backup for a refused file


@pytest.mark.parametrize("data,fragment", [
    (b"", "leeg"),
    (b"{\"formaat\": \"ghnt-kwaliteitskader\",", "regel 1"),
    (b"\xff\xfe", "UTF-8"),
    (b"[1, 2]", "JSON-object"),
    (b"{\"formaat\": \"ghnt-zelfscan\", \"formaatversie\": 1}", "formaat"),
])
def test_broken_files_give_dutch_messages(zws, data, fragment):
    voor = momentopname(zws)
    with pytest.raises(ValidationError) as e:
        zs.importeer_catalogus(zws, data)
    assert fragment in str(e.value)
    assert momentopname(zws) == voor


def test_older_geldig_van_does_not_replace_newest(zws):
    zs.importeer_catalogus(zws, herziene_catalogus("2025-1", geldig_van="2025-01-01"))
    zs.importeer_catalogus(zws, herziene_catalogus("2018-oud", geldig_van="2018-01-01"))
    assert zs.nieuwste_catalogus(zws).versie == "2025-1"
    assert [c.versie for c in zs.catalogi(zws)] == ["2025-1", "2019-werkversie-1", "2018-oud"]


def test_switching_a_catalogue_off(zws):
    zs.importeer_catalogus(zws, herziene_catalogus())
    zs.zet_catalogus_actief(zws, "vng-werken-aan-veiligheid", "2025-1", False)
    assert zs.nieuwste_catalogus(zws).versie == "2019-werkversie-1"
    with pytest.raises(ValidationError, match="minstens één"):
        zs.zet_catalogus_actief(zws, "vng-werken-aan-veiligheid", "2019-werkversie-1", False)
    zs.zet_catalogus_actief(zws, "vng-werken-aan-veiligheid", "2025-1", True)
    assert zs.nieuwste_catalogus(zws).versie == "2025-1"
    with pytest.raises(UserError, match="staat niet"):
        zs.catalogus(zws, "vng-werken-aan-veiligheid", "9")


def test_imported_catalogue_survives_reopening_the_workspace(zws, tmp_path):
    from ghnt_desktop.storage.workspace import Workspace
    from tests.conftest import PASSPHRASE

    zs.importeer_catalogus(zws, herziene_catalogus())
    sid = zs.maak_scan(zws, team_id=zws.tid["oost"], peildatum=date(2025, 3, 1), deelnemers=[])
    _, cat = zs.laad_scan(zws, sid)
    vul_in(zws, sid, codes_voor(cat))
    zs.zet_status(zws, sid, ScanStatus.INGEVULD)
    zs.zet_status(zws, sid, ScanStatus.VASTGESTELD)
    data_dir = zws.data_dir
    zws.close()
    zs._CACHE.clear()
    ws = Workspace.open(data_dir, "tester", PASSPHRASE)
    try:
        scan, c = zs.laad_scan(ws, sid)
        assert c == cat and scan.status is ScanStatus.VASTGESTELD
        with pytest.raises(ScanNietBewerkbaar):
            zs.bewaar_antwoord(ws, sid, Antwoord("GM-08", "N"))
    finally:
        ws.close()
