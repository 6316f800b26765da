"""Storage of meldcode records: JSON round trip of every record type, append-only history, deletion."""
from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime, timezone

import pytest

from ghnt_desktop.domain import meldcode as dm
from ghnt_desktop.storage import meldcode_repo as repo

VOORBEELDEN = [
    dm.Betrokkene(rol=dm.Rol.KIND, aanduiding="kind 1", leeftijd=4, geboortejaar=2022, relatie="dochter", gezag=False),
    dm.Signaal(omschrijving="Blauwe plek – ĳzer € „test”", soort=dm.SignaalSoort.INTERPRETATIE,
               herkomst=dm.Herkomst.VAN_ANDER, bron="juf", richting=dm.Richting.ONTKRACHT,
               datum_waargenomen=date(2026, 3, 1), datum_vastgelegd=date(2026, 3, 2), auteur="A", letsel=True,
               acuut=True, vorm=dm.GeweldsVorm.VGV, checklist_id="km_x"),
    dm.Kindcheck(kinderen_in_huishouden=dm.KinderenInHuishouden.JA, aantal=2, leeftijden=(3, 7), wie_zorgt="moeder",
                 kan_client_zorgen="ja", netwerk="oma", toelichting="t", vervolg="school bellen",
                 vervolg_status=dm.VervolgStatus.OPEN, vervolg_datum=date(2026, 4, 1), datum=date(2026, 3, 3)),
    dm.Consultatie(soort=dm.ConsultatieSoort.LETSELDUIDING, datum=date(2026, 3, 4), wie="LECK", anoniem=False,
                   vraag="v", advies="a", vervolg="x", letselduider=dm.Letselduider.LECK),
    dm.Gesprek(datum=date(2026, 3, 5), deelnemers=("moeder", "ik"), tolk=True, wat_voorgelegd="w",
               reactie_client="r", uitkomst="u"),
    dm.GesprekNietGevoerd(reden=dm.RedenNietGevoerd.VEILIGHEID_ANDEREN, toelichting="t", afgestemd_met="AF",
                          consultatie_id=12, datum=date(2026, 3, 6)),
    dm.AfwegingAntwoord(nummer=2, antwoord=False, motivatie="m",
                        tijdstip=datetime(2026, 3, 7, 10, 0, tzinfo=timezone.utc), ronde=2),
    dm.Besluit(melden=True, hulp=True, meldnorm=3, motivatie="m", besluit_door="AF",
               tijdstip=datetime(2026, 3, 8, 11, 30), ronde=2),
    dm.Melding(datum_tijd=datetime(2026, 3, 9, 9, 15), kanaal=dm.MeldingKanaal.ONLINE, veilig_thuis_regio="ZW",
               contactpersoon="c", samenvatting_feiten_en_bronnen="s", stappen_gezet="st", client_geinformeerd=False,
               reden_niet="rn", pogingen_contact="p", reactie_en_bezwaren="", hoe_omgegaan="",
               anoniem_grond=dm.AnoniemGrond.VERTROUWENSRELATIE, vervolgafspraken="v"),
    dm.Hulp(wat="w", wie="wie", evaluatiedatum=date(2026, 5, 1), veiligheidsafspraken="v"),
    dm.VeiligThuisTerugkoppeling(datum=date(2026, 3, 10), soort=dm.TerugkoppelingSoort.EINDE_BEMOEIENIS, inhoud="i",
                                 vervolgacties="v"),
    dm.Overdracht(datum=date(2026, 3, 11), van="VT", contactpersoon="c", reden="r", afspraken="a"),
    dm.Acuut(reden="r", tijdstip=datetime(2026, 3, 12, 8, 0, tzinfo=timezone.utc), actie="112"),
]


def test_every_record_type_has_an_example():
    assert {type(r) for r in VOORBEELDEN} == set(repo.RECORD_TYPES.values())


@pytest.mark.parametrize("record", VOORBEELDEN, ids=lambda r: type(r).__name__)
def test_record_round_trip_through_json(record):
    soort = repo.SOORT_VAN_TYPE[type(record)]
    data = json.loads(repo.dumps(repo.record_naar_dict(record)))
    assert "id" not in data
    terug = repo.record_uit_dict(soort, data, 99)
    assert terug == dataclasses.replace(record, id=99)


def test_dates_are_iso_strings_and_enums_their_values():
    data = json.loads(repo.dumps(repo.record_naar_dict(VOORBEELDEN[1])))
    assert data["datum_waargenomen"] == "2026-03-01"
    assert data["soort"] == "interpretatie" and data["vorm"] == "vgv"


def test_unknown_keys_are_ignored_and_missing_keys_get_defaults():
    s = repo.record_uit_dict("signaal", {"omschrijving": "x", "nieuw_veld_uit_de_toekomst": 1}, 5)
    assert s == dm.Signaal(omschrijving="x", id=5)


def test_record_versions_are_append_only(prof_ws):
    from tests.meldcode.helpers import nieuw_dossier, signaal

    from ghnt_desktop.services import meldcode as mc

    did = nieuw_dossier(prof_ws)
    rid = mc.voeg_toe(prof_ws, did, signaal())
    with pytest.raises(Exception, match="append-only"):
        prof_ws.db.conn.execute("UPDATE meldcode_record SET data = '{}' WHERE id = ?", [rid])
    nieuw = mc.corrigeer(prof_ws, did, rid, signaal("Andere tekst"))
    with pytest.raises(Exception, match="append-only"):
        prof_ws.db.conn.execute("UPDATE meldcode_record SET vervangen = 0 WHERE id = ?", [rid])
    oud, nw = repo.record(prof_ws.db, rid), repo.record(prof_ws.db, nieuw)
    assert (oud.vervangen, nw.vervangen, nw.vervangt_id, nw.oorsprong_id, nw.versie) == (1, 0, rid, rid, 2)


def test_definitive_delete_removes_every_row_of_the_dossier_only(prof_ws):
    from tests.meldcode.helpers import nieuw_dossier, signaal

    from ghnt_desktop.services import meldcode as mc

    weg = nieuw_dossier(prof_ws, "ZW-2026-7001")
    blijft = nieuw_dossier(prof_ws, "ZW-2026-7002")
    for did in (weg, blijft):
        rid = mc.voeg_toe(prof_ws, did, signaal())
        mc.corrigeer(prof_ws, did, rid, signaal("gecorrigeerd"))
        mc.bewaar_concept(prof_ws, did, "veld", {"tekst": "half getypt"})
    mc.verwijder_dossier_definitief(prof_ws, weg)
    c = prof_ws.db.conn
    for tabel, kolom in (("meldcode_dossier", "id"), ("meldcode_record", "dossier_id"),
                         ("meldcode_dossier_vorm", "dossier_id"), ("meldcode_concept", "dossier_id")):
        assert c.execute(f"SELECT count(*) FROM {tabel} WHERE {kolom} = ?", [weg]).fetchone()[0] == 0, tabel
        assert c.execute(f"SELECT count(*) FROM {tabel} WHERE {kolom} = ?", [blijft]).fetchone()[0] > 0, tabel
    assert list(c.execute("PRAGMA foreign_key_check")) == []
