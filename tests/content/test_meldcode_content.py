"""Meldcode content files: they load, say what the spec requires, and bad files are
reported in Dutch with the place of each problem."""
from __future__ import annotations

import copy
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from ghnt_desktop.content import meldcode_content as mc
from ghnt_desktop.domain.meldcode import (
    AnoniemGrond,
    Dossier,
    GeweldsVorm,
    Herkomst,
    RedenNietGevoerd,
    Rol,
    ontbrekend,
)
from ghnt_desktop.errors import ValidationError

MAP = Path(__file__).resolve().parents[2] / "resources" / "meldcode"
VANDAAG = date(2025, 3, 10)


def ruw(naam: str):
    return json.loads((MAP / naam).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def content() -> mc.MeldcodeContent:
    return mc.laad_meldcode_content(MAP)


@pytest.mark.parametrize("naam", mc.BESTANDEN)
def test_elk_bestand_heeft_versie_en_bron(naam):
    data = ruw(naam)
    assert isinstance(data["versie"], str) and data["versie"].strip()
    assert isinstance(data["bron"], str) and data["bron"].strip()


def test_standaardpad_laadt_ook(content):
    assert mc.laad_stappen() == content.stappen
    assert mc.valideer_meldcode_content() == []


# ------------------------------------------------------------------ stappen


def test_stappen(content):
    assert [s.nummer for s in content.stappen.stappen] == [1, 2, 3, 4, 5]
    for s in content.stappen.stappen:
        assert s.titel and s.uitleg and len(s.wat_vastleggen) >= 3
    assert "kindcheck" in content.stappen.stap(1).uitleg.lower()
    vastleggen = " ".join(content.stappen.stap(1).wat_vastleggen).lower()
    assert "van wie het signaal komt" in vastleggen
    assert "tegenspreken" in vastleggen


# ------------------------------------------------------------------ signalen


def test_signalen_per_vorm(content):
    sig = content.signalen
    assert {lijst.vorm for lijst in sig.lijsten} == set(GeweldsVorm)
    for lijst in sig.lijsten:
        assert 6 <= len(lijst.signalen) <= 15, lijst.vorm
        assert all(s.vorm is lijst.vorm for s in lijst.signalen)
    ids = [s.id for lijst in sig.lijsten for s in lijst.signalen]
    assert len(ids) == len(set(ids))
    assert sig.let_op and any("samenhang" in t for t in sig.let_op)
    assert len(sig.risicofactoren) >= 5 and len(sig.beschermende_factoren) >= 5


@pytest.mark.parametrize(
    "signaal_id",
    [
        "pg_verwurging",
        "pg_wapen",
        "km_ernstig_letsel",
        "egg_dreiging_eerwraak",
        "vgv_vertrek_dichtbij",
        "hd_vertrek",
        "mh_uitbuiting",
    ],
)
def test_acute_signalen_zijn_gemarkeerd(content, signaal_id):
    assert content.signalen.signaal(signaal_id).acuut is True


def test_niet_elk_signaal_is_acuut(content):
    acuut = content.signalen.acute_signalen()
    totaal = sum(len(lijst.signalen) for lijst in content.signalen.lijsten)
    assert 0 < len(acuut) < totaal / 2
    assert content.signalen.signaal("pg_kleding").acuut is False


# ------------------------------------------------------------------ definities


def test_definities(content):
    d = content.definities
    assert d.acuut.voorbeelden and d.structureel.voorbeelden
    assert any("verwurging" in v for v in d.acuut.voorbeelden)
    assert d.structureel.geverifieerd is False  # exact official wording not yet verified
    assert [a.nummer for a in d.afwegingen] == [1, 2, 3, 4, 5]
    assert len(d.afweging(3).hulpvragen) == 5 and d.afweging(3).hulpvragen_geverifieerd
    assert len(d.afweging(5).hulpvragen) == 5
    assert "meldnorm 3" in d.afweging(5).bij_nee
    assert [m.nummer for m in d.meldnormen] == [1, 2, 3]
    assert {g.grond for g in d.anoniem_gronden} == set(AnoniemGrond)
    assert {r.reden for r in d.redenen_gesprek_overslaan} == set(RedenNietGevoerd)


# ------------------------------------------------------------------ contacten


def test_contacten(content):
    c = content.contacten
    assert c.contact("alarm_112").telefoon == "112"
    vt = c.contact("veilig_thuis")
    assert vt.telefoon == "0800-2000" and vt.anoniem_advies and "24 uur" in vt.bereikbaar
    assert c.contact("leck").telefoon == "0900-44 45 444"
    assert c.contact("politie_egg").geverifieerd is False
    assert c.contact("lkha").geverifieerd is False
    assert c.contact("forensisch_arts").regionaal is True
    assert all(isinstance(k.geverifieerd, bool) for k in c.contacten)


# ------------------------------------------------------------------ oefencasussen


def test_oefencasussen_zijn_fictief_en_dekken_de_drie_themas(content):
    casussen = content.oefencasussen.casussen
    assert len(casussen) >= 3
    assert all(k.fictief for k in casussen)
    assert "verzonnen" in content.oefencasussen.let_op

    peuter = [
        k for k in casussen
        if GeweldsVorm.KINDERMISHANDELING in k.vormen and k.kindcheck is not None
        and any(b.rol is Rol.KIND and (b.leeftijd or 99) <= 4 for b in k.betrokkenen)
    ]
    assert peuter
    verwurging = [
        k for k in casussen
        if GeweldsVorm.PARTNERGEWELD in k.vormen and any(s.checklist_id == "pg_verwurging" for s in k.signalen)
    ]
    assert verwurging
    financieel = [
        k for k in casussen
        if GeweldsVorm.OUDERENMISHANDELING in k.vormen and any(s.checklist_id == "om_bankpas" for s in k.signalen)
    ]
    assert financieel


def test_oefencasus_als_dossier(content):
    casus = content.oefencasussen.casus("oefen_partnergeweld_verwurging")
    d = casus.als_dossier(VANDAAG, eigenaar="oefen", signalen=content.signalen)
    assert isinstance(d, Dossier)
    assert d.client_referentie.startswith("OEFEN")
    assert d.acuut_signaal  # the strangulation signal carries the acute flag from the checklist
    assert any(s.letsel for s in d.signalen)
    assert all(s.datum_waargenomen and s.datum_waargenomen <= VANDAAG for s in d.signalen)
    assert d.kindcheck is not None and d.kindcheck.aantal == 2
    for k in content.oefencasussen.casussen:
        dd = k.als_dossier(VANDAAG, signalen=content.signalen)
        assert "signaal_bron" not in {i.code for i in ontbrekend(dd, 1, peildatum=VANDAAG)}
        assert any(s.herkomst is Herkomst.VAN_ANDER for s in dd.signalen)


# ------------------------------------------------------------------ validation errors


def _verwacht_fout(functie, data, *fragmenten):
    with pytest.raises(ValidationError) as info:
        functie(data)
    details = "\n".join(info.value.details)
    for f in fragmenten:
        assert f in details, details
    assert "klopt niet" in info.value.message
    return info.value


def test_fout_ontbrekende_versie():
    data = ruw("stappen.json")
    del data["versie"]
    _verwacht_fout(mc.lees_stappen, data, "stappen.json: versie: ontbreekt")


def test_fout_geen_object():
    _verwacht_fout(mc.lees_signalen, [1, 2], "signalen.json", "moet een object zijn")


def test_fout_stap_ontbreekt_en_lege_titel():
    data = ruw("stappen.json")
    data["stappen"] = [s for s in data["stappen"] if s["nummer"] != 3]
    data["stappen"][0]["titel"] = ""
    _verwacht_fout(mc.lees_stappen, data, "stappen[0].titel: ontbreekt of is leeg", "stappen: moet precies de nummers")


def test_fout_signalen():
    data = ruw("signalen.json")
    data["vormen"] = [v for v in data["vormen"] if v["vorm"] != "vgv"]
    data["vormen"][0]["signalen"][1]["acuut"] = "ja"
    data["vormen"][0]["signalen"][2]["id"] = data["vormen"][0]["signalen"][0]["id"]
    data["vormen"][1]["signalen"] = data["vormen"][1]["signalen"][:3]
    data["vormen"][2]["vorm"] = "onbekend"
    fout = _verwacht_fout(
        mc.lees_signalen,
        data,
        "vormen[0].signalen[1].acuut: moet true of false zijn",
        "vormen[0].signalen[2].id:",
        "vormen[1].signalen: moet 6 tot en met 15",
        "vormen[2].vorm: onbekende waarde",
        "er ontbreekt een lijst voor: ",
        "vgv",
    )
    assert len(fout.details) >= 5


def test_fout_definities_gronden_en_nummers():
    data = ruw("definities.json")
    data["anoniem_gronden"]["gronden"][0]["code"] = "iets_anders"
    data["meldnormen"] = data["meldnormen"][:2]
    data["afwegingen"][4]["hulpvragen"] = []
    _verwacht_fout(
        mc.lees_definities,
        data,
        "anoniem_gronden.gronden[0].code: onbekende waarde",
        "meldnormen: moet precies de nummers 1, 2, 3",
        "afwegingen[4].hulpvragen: is leeg",
    )


def test_fout_contacten():
    data = ruw("contacten.json")
    data["contacten"][1]["telefoon"] = "bel ons"
    data["contacten"] = [k for k in data["contacten"] if k["id"] != "leck"]
    data["contacten"][0]["geverifieerd"] = None
    _verwacht_fout(
        mc.lees_contacten,
        data,
        "contacten[1].telefoon: mag alleen cijfers",
        "het contact 'leck' ontbreekt",
        "contacten[0].geverifieerd: moet true of false zijn",
    )


def test_fout_oefencasus():
    data = ruw("oefencasussen.json")
    k = data["casussen"][0]
    k["fictief"] = False
    k["signalen"][2]["bron"] = ""
    k["betrokkenen"][0]["rol"] = "buurman"
    k["kindcheck"]["leeftijden"] = [2, 30]
    _verwacht_fout(
        mc.lees_oefencasussen,
        data,
        "casussen[0].fictief: moet true zijn",
        "casussen[0].signalen[2].bron: een signaal van iemand anders heeft een bron nodig",
        "casussen[0].betrokkenen[0].rol: onbekende waarde",
        "casussen[0].kindcheck.leeftijden[1]",
    )


def test_fout_bestand_ontbreekt_of_is_geen_json(tmp_path):
    with pytest.raises(ValidationError) as info:
        mc.laad_stappen(tmp_path / "stappen.json")
    assert "ontbreekt" in info.value.message
    kapot = tmp_path / "stappen.json"
    kapot.write_text('{"versie": "1",\n  "bron": }', encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        mc.laad_stappen(kapot)
    assert "regel 2" in info.value.details[0]


def test_valideer_en_kruiscontrole(tmp_path):
    for naam in mc.BESTANDEN:
        shutil.copy(MAP / naam, tmp_path / naam)
    assert mc.valideer_meldcode_content(tmp_path) == []

    data = ruw("oefencasussen.json")
    data["casussen"][1]["signalen"][0]["checklist_id"] = "bestaat_niet"
    (tmp_path / "oefencasussen.json").write_text(json.dumps(data), encoding="utf-8")
    stuk = copy.deepcopy(ruw("contacten.json"))
    del stuk["bron"]
    (tmp_path / "contacten.json").write_text(json.dumps(stuk), encoding="utf-8")

    problemen = mc.valideer_meldcode_content(tmp_path)
    assert any("contacten.json: bron: ontbreekt" in p for p in problemen)
    assert any("casussen[1].signalen[0].checklist_id: 'bestaat_niet'" in p for p in problemen)
    with pytest.raises(ValidationError):
        mc.laad_meldcode_content(tmp_path)
