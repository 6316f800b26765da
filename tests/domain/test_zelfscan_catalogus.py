"""Catalogue file: the default werkversie, strict validation, round trip and fingerprint."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from ghnt_desktop.domain.zelfscan_catalogus import (
    MAX_BESTAND_BYTES,
    Catalogus,
    Doelgroep,
    catalogus_fingerprint,
    catalogus_naar_json,
    parse_catalogus,
)
from ghnt_desktop.errors import ValidationError

STANDAARD_BESTAND = Path(__file__).resolve().parents[2] / "resources" / "kwaliteitskader" / "werkversie-2019.json"


def _optie(code, label, toets, voldoet=False, uit=False, apart=False):
    return {"code": code, "label": label, "sneltoets": toets, "telt_als_voldoet": voldoet,
            "uitgesloten": uit, "apart_tonen": apart}


def klein_kader() -> dict:
    """A small, valid catalogue as a JSON structure."""
    return {
        "formaat": "ghnt-kwaliteitskader",
        "formaatversie": 1,
        "id": "test-kader",
        "naam": "Testkader",
        "versie": "1",
        "bron": "Testbron",
        "geldig_van": "2020-01-01",
        "geldig_tot": None,
        "officieel": False,
        "opmerking": None,
        "themas": [
            {"id": "A", "naam": "Thema A", "volgorde": 2},
            {"id": "B", "naam": "Thema B", "volgorde": 1},
        ],
        "standaarden": [
            {"id": "S1", "thema": "A", "doelgroep": "lokaal_team", "titel": "Eén", "toelichting": "T1",
             "vragen": ["V1?", "V2?"]},
            {"id": "S2", "thema": "A", "doelgroep": "gemeente", "titel": "Twee", "toelichting": "T2", "vragen": []},
            {"id": "S3", "thema": "B", "doelgroep": "gemeente", "titel": "Drie", "toelichting": "T3\nmeer",
             "vragen": ["V3?"]},
        ],
        "antwoordschaal": {
            "id": "schaal",
            "naam": "Schaal",
            "opties": [
                _optie("V", "Voldoet", "1", voldoet=True),
                _optie("D", "Voldoet gedeeltelijk", "2"),
                _optie("N", "Voldoet niet", "3"),
                _optie("O", "Weet niet", "4", apart=True),
                _optie("NVT", "Niet van toepassing", "5", uit=True),
            ],
        },
    }


def _bytes(d) -> bytes:
    return json.dumps(d, ensure_ascii=False).encode("utf-8")


def _fout(data) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        parse_catalogus(data)
    e = info.value
    assert e.message and "Traceback" not in str(e)
    return e


# --- default catalogue -------------------------------------------------------------------


def test_standaard_werkversie_is_geldig_en_compleet():
    c = parse_catalogus(STANDAARD_BESTAND.read_bytes())
    assert c.id == "vng-werken-aan-veiligheid"
    assert c.naam == "Kwaliteitskader Werken aan Veiligheid (VNG 2019) – werkversie"
    assert c.officieel is False
    assert "werkversie" in c.opmerking and "niet de officiële tekst" in c.opmerking
    ids = [s.id for s in c.standaarden]
    assert ids == [f"LT-{i:02d}" for i in range(1, 12)] + [f"GM-{i:02d}" for i in range(1, 8)]
    assert {s.doelgroep for s in c.standaarden if s.id.startswith("LT")} == {Doelgroep.LOKAAL_TEAM}
    assert {s.doelgroep for s in c.standaarden if s.id.startswith("GM")} == {Doelgroep.GEMEENTE}
    for s in c.standaarden:
        assert 2 <= len(s.vragen) <= 4, s.id
        assert s.titel and s.toelichting
    schaal = c.antwoordschaal
    assert [(o.code, o.label, o.sneltoets) for o in schaal.opties] == [
        ("V", "Voldoet", "1"), ("D", "Voldoet gedeeltelijk", "2"), ("N", "Voldoet niet", "3"),
        ("O", "Weet niet", "4"), ("NVT", "Niet van toepassing", "5"),
    ]
    assert [o.code for o in schaal.opties if o.telt_als_voldoet] == ["V"]
    assert [o.code for o in schaal.opties if o.apart_tonen] == ["O"]
    assert [o.code for o in schaal.opties if o.uitgesloten] == ["NVT"]
    assert c.geldig_tot is None


def test_standaard_werkversie_rondreis():
    c = parse_catalogus(STANDAARD_BESTAND.read_bytes())
    assert parse_catalogus(catalogus_naar_json(c)) == c


# --- round trip and fingerprint -----------------------------------------------------------


def test_rondreis_en_volgorde():
    c = parse_catalogus(_bytes(klein_kader()))
    assert isinstance(c, Catalogus)
    assert parse_catalogus(catalogus_naar_json(c)) == c
    assert catalogus_naar_json(parse_catalogus(catalogus_naar_json(c))) == catalogus_naar_json(c)
    # Theme B has volgorde 1, so its standard comes first in display order.
    assert [t.id for t in c.themas_op_volgorde] == ["B", "A"]
    assert [s.id for s in c.standaarden_op_volgorde] == ["S3", "S1", "S2"]
    assert c.volgorde_van("S1") == 1
    assert c.sleutel == ("test-kader", "1")


def test_str_invoer_en_bom_worden_geaccepteerd():
    d = klein_kader()
    assert parse_catalogus(json.dumps(d)) == parse_catalogus(b"\xef\xbb\xbf" + _bytes(d))


def test_fingerprint_hangt_af_van_inhoud_niet_van_opmaak():
    d = klein_kader()
    a = parse_catalogus(_bytes(d))
    b = parse_catalogus(json.dumps(d, indent=7, sort_keys=True).encode())
    assert a.fingerprint == b.fingerprint == catalogus_fingerprint(a)
    assert len(a.fingerprint) == 64
    d2 = copy.deepcopy(d)
    d2["standaarden"][0]["toelichting"] = "T1 aangepast"  # same id + versie, other content
    c = parse_catalogus(_bytes(d2))
    assert c.sleutel == a.sleutel
    assert c.fingerprint != a.fingerprint


def test_sneltoets_en_rang():
    c = parse_catalogus(_bytes(klein_kader()))
    s = c.antwoordschaal
    assert s.optie_voor_sneltoets("3").code == "N"
    assert s.optie_voor_sneltoets("x") is None
    assert (s.rang("V"), s.rang("D"), s.rang("N")) == (2, 1, 0)
    assert s.rang("O") is None and s.rang("NVT") is None


# --- validation: every kind of problem, with its place -------------------------------------


def test_ongeldige_doelgroep_meldt_plaats_en_keuzes():
    d = klein_kader()
    d["standaarden"][2]["doelgroep"] = "teamm"
    e = _fout(_bytes(d))
    assert 'standaarden[2].doelgroep: "teamm" is geen geldige doelgroep; kies "lokaal_team" of "gemeente"' in e.details


def test_alle_problemen_worden_tegelijk_gemeld():
    d = klein_kader()
    d["onbekend"] = 1  # unknown key
    del d["bron"]  # missing key
    d["officieel"] = "nee"  # wrong type
    d["naam"] = "   "  # empty
    d["geldig_van"] = "2019-02-30"  # impossible date
    d["themas"][1]["id"] = "a"  # duplicate (case-insensitive)
    d["standaarden"][1]["thema"] = "C"  # unknown theme
    d["standaarden"][2]["id"] = "S1"  # duplicate id
    d["standaarden"][0]["vragen"] = ["ok?", ""]  # empty question
    d["antwoordschaal"]["opties"][1]["code"] = "V"  # duplicate code
    d["antwoordschaal"]["opties"][2]["sneltoets"] = "1"  # duplicate key
    e = _fout(_bytes(d))
    verwacht_begin = [
        "onbekend: onbekend veld",
        "bron: dit veld ontbreekt",
        "naam: mag niet leeg zijn",
        "officieel: moet true of false zijn, maar is tekst",
        'geldig_van: "2019-02-30" is geen geldige datum',
        'themas[1].id: het id "a" komt al eerder voor (bij themas[0].id)',
        'standaarden[1].thema: "C" is geen thema uit de lijst themas',
        "standaarden[0].vragen[1]: mag niet leeg zijn",
        'standaarden[2].id: het id "S1" komt al eerder voor (bij standaarden[0].id)',
        'antwoordschaal.opties[1].code: de code "V" komt al eerder voor',
        'antwoordschaal.opties[2].sneltoets: de sneltoets "1" komt al eerder voor',
    ]
    for begin in verwacht_begin:
        assert any(regel.startswith(begin) for regel in e.details), (begin, e.details)


def test_geldig_tot_voor_geldig_van():
    d = klein_kader()
    d["geldig_tot"] = "2019-12-31"
    e = _fout(_bytes(d))
    assert any(r.startswith("geldig_tot: 2019-12-31 ligt vóór geldig_van (2020-01-01)") for r in e.details)


@pytest.mark.parametrize("datum", ["21-11-2019", "20191121", "2019-11-21T00:00", "2019-13-01", ""])
def test_slechte_datums(datum):
    d = klein_kader()
    d["geldig_van"] = datum
    e = _fout(_bytes(d))
    assert any(r.startswith("geldig_van:") for r in e.details)


def test_schaal_zonder_voldoet_optie():
    d = klein_kader()
    d["antwoordschaal"]["opties"][0]["telt_als_voldoet"] = False
    e = _fout(_bytes(d))
    assert any(r.startswith("antwoordschaal.opties: geen enkele optie telt als voldoet") for r in e.details)


def test_optie_met_twee_vlaggen():
    d = klein_kader()
    d["antwoordschaal"]["opties"][3]["uitgesloten"] = True
    e = _fout(_bytes(d))
    assert any(r.startswith("antwoordschaal.opties[3]: een optie kan maar één") for r in e.details)


def test_thema_zonder_standaarden():
    d = klein_kader()
    d["themas"].append({"id": "C", "naam": "Leeg thema", "volgorde": 3})
    e = _fout(_bytes(d))
    assert any(r.startswith('themas[2]: thema "C" heeft geen standaarden') for r in e.details)


def test_onbekend_veld_geeft_suggestie():
    d = klein_kader()
    d["standaarden"][0]["titell"] = d["standaarden"][0].pop("titel")
    e = _fout(_bytes(d))
    assert 'standaarden[0].titell: onbekend veld; bedoel je "titel"?' in e.details
    assert "standaarden[0].titel: dit veld ontbreekt" in e.details


def test_booleans_zijn_geen_getallen():
    d = klein_kader()
    d["themas"][0]["volgorde"] = True
    e = _fout(_bytes(d))
    assert "themas[0].volgorde: moet een geheel getal zijn, maar is true/false" in e.details


def test_te_veel_standaarden():
    d = klein_kader()
    s = d["standaarden"][0]
    d["standaarden"] = [dict(s, id=f"X{i}") for i in range(501)]
    e = _fout(_bytes(d))
    assert any(r.startswith("standaarden: heeft te veel onderdelen (501)") for r in e.details)


def test_te_lange_tekst():
    d = klein_kader()
    d["standaarden"][0]["titel"] = "x" * 301
    e = _fout(_bytes(d))
    assert any(r.startswith("standaarden[0].titel: is te lang (301 tekens)") for r in e.details)


def test_regelovergang_in_titel_mag_niet():
    d = klein_kader()
    d["standaarden"][0]["titel"] = "een\ntwee"
    e = _fout(_bytes(d))
    assert any(r.startswith("standaarden[0].titel: bevat tekens die niet mogen") for r in e.details)


def test_losse_surrogaat_in_tekst():
    tekst = _bytes(klein_kader()).replace(b'"Testkader"', b'"Test\\ud800"')
    e = _fout(tekst)
    assert any(r.startswith("naam: bevat tekens die niet mogen") for r in e.details)


def test_te_groot_bestand():
    data = b" " * (MAX_BESTAND_BYTES + 1)
    e = _fout(data)
    assert "te groot" in e.details[0]


def test_geen_object():
    e = _fout(b"[1, 2, 3]")
    assert e.details == ["Het bestand moet één JSON-object zijn ({ … }), maar is een lijst."]


def test_ongeldige_utf8():
    e = _fout(b'{"naam": "caf\xe9"}')
    assert e.details == ["Het bestand bevat tekens die geen geldige UTF-8-tekst zijn (bij byte 14). "
                         "Sla het bestand op als UTF-8 en probeer het opnieuw."]


def test_kapotte_json_noemt_regel_en_kolom():
    e = _fout(b'{\n  "formaat": "ghnt-kwaliteitskader"\n  "id": 1\n}')
    assert e.details[0].startswith("Het bestand is geen geldige JSON: regel 3, kolom 3: hier ontbreekt een komma")


def test_afgebroken_bestand():
    data = catalogus_naar_json(parse_catalogus(_bytes(klein_kader())))
    e = _fout(data[: len(data) // 2])
    assert "houdt onverwacht op" in e.details[0]


def test_dubbele_sleutel_in_json():
    data = _bytes(klein_kader()).replace(b'"naam": "Testkader"', b'"naam": "Testkader", "naam": "Ander"')
    e = _fout(data)
    assert "naam: dit veld staat er meer dan één keer in" in e.details


@pytest.mark.parametrize("waarde", [b"NaN", b"Infinity", b"-Infinity"])
def test_nan_en_oneindig(waarde):
    data = _bytes(klein_kader()).replace(b'"volgorde": 2', b'"volgorde": ' + waarde)
    e = _fout(data)
    assert "geen geldig getal" in e.details[0]


def test_enorm_getal():
    data = _bytes(klein_kader()).replace(b'"volgorde": 2', b'"volgorde": ' + b"9" * 5000)
    e = _fout(data)
    assert e.details == ["Het bestand bevat een getal dat veel te groot is."]


def test_diep_genest():
    e = _fout(b'{"formaat": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
    assert "te diep genest" in e.details[0]


def test_nieuwere_formaatversie():
    d = klein_kader()
    d["formaatversie"] = 2
    e = _fout(_bytes(d))
    assert e.details[0].startswith("formaatversie: versie 2 is gemaakt met een nieuwere versie van GHNT Desktop")


def test_verkeerd_formaat():
    d = klein_kader()
    d["formaat"] = "ghnt-zelfscan"
    e = _fout(_bytes(d))
    assert e.details == ['formaat: "ghnt-zelfscan" klopt niet; een kwaliteitskader-bestand van GHNT Desktop '
                         'heeft formaat "ghnt-kwaliteitskader"']


def test_leeg_bestand():
    assert _fout(b"").details == ["Het bestand is leeg."]
    assert _fout(b"  \n ").details == ["Het bestand is leeg."]
