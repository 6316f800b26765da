"""Exchange file for a vastgestelde zelfscan: round trip, checksum, catalogue checks, duplicates."""
from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ghnt_desktop.domain.zelfscan import (
    Antwoord,
    Deelnemer,
    DeelnemerRol,
    Gemeente,
    Prioriteit,
    ScanStatus,
    TeamType,
    Zelfscan,
)
from ghnt_desktop.domain.zelfscan_catalogus import catalogus_naar_json, parse_catalogus
from ghnt_desktop.domain.zelfscan_uitwisseling import (
    KOP_BESCHADIGD,
    MAX_BESTAND_BYTES,
    ImportScan,
    controle_waarde,
    duplicaat_sleutel,
    identiteit_sleutel,
    lees_uitwisselbestand,
    maak_uitwisselbestand,
)
from ghnt_desktop.errors import ValidationError

KADER = parse_catalogus(
    (Path(__file__).resolve().parents[2] / "resources" / "kwaliteitskader" / "werkversie-2019.json").read_bytes()
)
BEKEND = {KADER.sleutel: KADER}
CODES = ["V", "D", "N", "O", "NVT"]


def vastgestelde_scan(**extra) -> Zelfscan:
    ants = []
    for i, s in enumerate(KADER.standaarden):
        code = CODES[i % 5]
        vp = code in ("D", "N")
        ants.append(Antwoord(
            s.id, code,
            toelichting="Besproken in teamoverleg.\nZie verslag." if i % 3 == 0 else "",
            bewijs="Verslag 12 maart" if i % 4 == 0 else "",
            verbeterpunt=vp,
            prioriteit=(Prioriteit.HOOG if code == "N" else None) if vp else None,
        ))
    basis = dict(
        catalogus_id=KADER.id, catalogus_versie=KADER.versie, team_naam="Wijkteam Zaandam-Oost",
        team_type=TeamType.WIJKTEAM,
        gemeenten=(Gemeente("GM0479", "Zaanstad"), Gemeente("GM0431", "Oostzaan")),
        peildatum=date(2025, 3, 1), versie=2, status=ScanStatus.VASTGESTELD,
        deelnemers=(Deelnemer(DeelnemerRol.TEAMLEIDER, "A. de Vries"), Deelnemer(DeelnemerRol.VEILIG_THUIS, None)),
        antwoorden=tuple(ants), vastgesteld_op=date(2025, 3, 15),
    )
    basis.update(extra)
    return Zelfscan(**basis)


def herteken(d: dict) -> bytes:
    """Re-compute the checksum after a deliberate change, to reach the deeper checks."""
    d = dict(d)
    d["controle"] = controle_waarde(d)
    return json.dumps(d, ensure_ascii=False).encode("utf-8")


def geldig() -> dict:
    return json.loads(maak_uitwisselbestand(vastgestelde_scan(), KADER))


def fout(data, bekend=BEKEND) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        lees_uitwisselbestand(data, bekend)
    e = info.value
    assert e.message and "Traceback" not in str(e)
    return e


def test_rondreis_met_namen():
    s = vastgestelde_scan()
    imp = lees_uitwisselbestand(maak_uitwisselbestand(s, KADER, namen_opnemen=True), BEKEND)
    assert isinstance(imp, ImportScan)
    assert imp.scan == s
    assert imp.catalogus is KADER
    assert imp.namen_opgenomen is True


def test_zonder_namen_alleen_rollen():
    data = maak_uitwisselbestand(vastgestelde_scan(), KADER)
    assert b"de Vries" not in data
    imp = lees_uitwisselbestand(data, BEKEND)
    assert imp.scan.deelnemers == (Deelnemer(DeelnemerRol.TEAMLEIDER), Deelnemer(DeelnemerRol.VEILIG_THUIS))
    assert imp.namen_opgenomen is False
    assert imp.scan == replace(vastgestelde_scan(), deelnemers=imp.scan.deelnemers)


def test_bestand_is_voorspelbaar_en_bevat_velden():
    a = maak_uitwisselbestand(vastgestelde_scan(), KADER)
    assert a == maak_uitwisselbestand(vastgestelde_scan(), KADER)
    d = json.loads(a)
    assert list(d) == ["formaat", "formaatversie", "catalogus", "team", "gemeenten", "peildatum", "vastgesteld_op",
                       "versie", "deelnemers", "antwoorden", "controle"]
    assert d["formaat"] == "ghnt-zelfscan" and d["formaatversie"] == 1
    assert d["catalogus"] == {"id": KADER.id, "versie": KADER.versie, "fingerprint": KADER.fingerprint}
    assert d["gemeenten"][0] == {"cbs_code": "GM0479", "naam": "Zaanstad"}
    assert d["antwoorden"][2] == {"standaard_id": "LT-03", "code": "N", "toelichting": "", "bewijs": "",
                                  "verbeterpunt": True, "prioriteit": "hoog"}
    assert d["controle"] == controle_waarde(d)
    # Key order and whitespace do not matter for the checksum.
    compact = json.dumps(d, sort_keys=True, separators=(",", ":")).encode()
    assert lees_uitwisselbestand(compact, BEKEND).controle == d["controle"]


def test_alleen_vastgestelde_scan_exporteren():
    with pytest.raises(ValidationError) as info:
        maak_uitwisselbestand(vastgestelde_scan(status=ScanStatus.INGEVULD, vastgesteld_op=None), KADER)
    assert "vastgestelde" in str(info.value)


def test_exporteren_controleert_inhoud():
    s = vastgestelde_scan(gemeenten=(Gemeente("gm479", "Zaanstad"),), antwoorden=vastgestelde_scan().antwoorden[:-1])
    with pytest.raises(ValidationError) as info:
        maak_uitwisselbestand(s, KADER)
    d = info.value.details
    assert any(r.startswith('gemeenten[0].cbs_code: "gm479" is niet geldig') for r in d)
    assert 'antwoorden: het antwoord voor standaard "GM-07" ontbreekt' in d


def test_gewijzigd_bestand_wordt_geweigerd():
    d = geldig()
    d["antwoorden"][0]["code"] = "N"  # tampered, checksum not updated
    e = fout(json.dumps(d).encode())
    assert e.message == KOP_BESCHADIGD
    assert e.details == ["controle: de controlecode past niet bij de inhoud van het bestand"]


@pytest.mark.parametrize("controle", [None, 5, "", "ABC", "G" * 64, "A" * 64])
def test_ongeldige_controlecode(controle):
    d = geldig()
    d["controle"] = controle
    assert fout(json.dumps(d).encode()).message == KOP_BESCHADIGD


def test_ontbrekende_controlecode():
    d = geldig()
    del d["controle"]
    assert fout(json.dumps(d).encode()).details == ["controle: dit veld ontbreekt"]


def test_onbekend_kader_noemt_id_en_versie():
    e = fout(maak_uitwisselbestand(vastgestelde_scan(), KADER), bekend={})
    assert '"vng-werken-aan-veiligheid"' in e.message and '"2019-werkversie-1"' in e.message
    assert "Importeer eerst dat kwaliteitskader" in e.message


def test_kader_met_andere_inhoud():
    d = json.loads(catalogus_naar_json(KADER))
    d["standaarden"][0]["titel"] = "Andere titel"
    ander = parse_catalogus(json.dumps(d).encode())
    e = fout(maak_uitwisselbestand(vastgestelde_scan(), KADER), bekend={ander.sleutel: ander})
    assert "niet precies hetzelfde" in e.message


def test_antwoorden_tegen_kader():
    d = geldig()
    d["antwoorden"][0]["standaard_id"] = "LT-99"  # unknown standard (LT-01 now missing)
    d["antwoorden"][1]["code"] = "X"  # unknown code
    d["antwoorden"][3]["standaard_id"] = "LT-03"  # duplicate (LT-04 now missing)
    d["antwoorden"][5]["code"] = None  # no answer
    e = fout(herteken(d))
    assert e.details == [
        'antwoorden[0].standaard_id: "LT-99" is geen standaard in kwaliteitskader "vng-werken-aan-veiligheid" '
        'versie "2019-werkversie-1"',
        'antwoorden[1].code: "X" is geen geldig antwoord; kies uit "V", "D", "N", "O", "NVT"',
        'antwoorden[3].standaard_id: standaard "LT-03" is al eerder beantwoord (bij antwoorden[2])',
        "antwoorden[5].code: er is geen antwoord gekozen",
        'antwoorden: het antwoord voor standaard "LT-01" ontbreekt',
        'antwoorden: het antwoord voor standaard "LT-04" ontbreekt',
    ]


def test_structuur_en_types():
    d = geldig()
    d["team"]["type"] = "buurtteam"
    d["gemeenten"].append({"cbs_code": "GM0479", "naam": "Zaanstad"})
    d["gemeenten"][0]["cbs_code"] = "GM０４７９"  # full-width digits are not ASCII digits
    d["peildatum"] = "1-3-2025"
    d["versie"] = 0
    d["deelnemers"][0]["rol"] = 3
    d["antwoorden"][0]["verbeterpunt"] = "ja"
    d["antwoorden"][1]["prioriteit"] = "urgent"
    d["antwoorden"][2]["extra"] = True
    e = fout(herteken(d))
    for begin in [
        'team.type: "buurtteam" is niet geldig; kies uit "wijkteam"',
        'gemeenten[0].cbs_code: "GM０４７９" is niet geldig',
        'peildatum: "1-3-2025" is geen geldige datum',
        "versie: 0 is niet toegestaan",
        "deelnemers[0].rol: moet tekst zijn",
        "antwoorden[0].verbeterpunt: moet true of false zijn, maar is tekst",
        'antwoorden[1].prioriteit: "urgent" is niet geldig; kies uit "hoog", "midden", "laag" of null',
        "antwoorden[2].extra: onbekend veld",
    ]:
        assert any(r.startswith(begin) for r in e.details), (begin, e.details)


def test_dubbele_gemeente():
    d = geldig()
    d["gemeenten"].append({"cbs_code": "GM0479", "naam": "Zaanstad"})
    e = fout(herteken(d))
    assert e.details == ['gemeenten[2].cbs_code: de CBS-code "GM0479" komt al eerder voor (bij gemeenten[0].cbs_code)']


def test_afgebroken_en_te_groot():
    data = maak_uitwisselbestand(vastgestelde_scan(), KADER)
    assert "houdt onverwacht op" in fout(data[:-40]).details[0]
    assert "te groot" in fout(b" " * (MAX_BESTAND_BYTES + 1)).details[0]


def test_kaderbestand_als_zelfscan():
    e = fout(catalogus_naar_json(KADER))
    assert "kwaliteitskader, geen zelfscan" in e.details[0]


def test_duplicaat_en_identiteit():
    a = lees_uitwisselbestand(maak_uitwisselbestand(vastgestelde_scan(), KADER), BEKEND)
    b = lees_uitwisselbestand(
        maak_uitwisselbestand(vastgestelde_scan(team_naam="  wijkteam   ZAANDAM-Oost"), KADER), BEKEND)
    c = lees_uitwisselbestand(maak_uitwisselbestand(vastgestelde_scan(versie=3), KADER), BEKEND)
    gewijzigd = list(vastgestelde_scan().antwoorden)
    gewijzigd[0] = replace(gewijzigd[0], toelichting="Anders")
    d = lees_uitwisselbestand(maak_uitwisselbestand(vastgestelde_scan(antwoorden=tuple(gewijzigd)), KADER), BEKEND)
    herhaald = lees_uitwisselbestand(maak_uitwisselbestand(vastgestelde_scan(), KADER), BEKEND)
    assert duplicaat_sleutel(a) == duplicaat_sleutel(herhaald)
    assert len(duplicaat_sleutel(a)) == 64
    assert identiteit_sleutel(a) == identiteit_sleutel(b) == identiteit_sleutel(d)
    assert identiteit_sleutel(a) != identiteit_sleutel(c)
    assert duplicaat_sleutel(a) != duplicaat_sleutel(d)  # same scan version, different content
    assert duplicaat_sleutel(a) != duplicaat_sleutel(c)


def test_volgorde_gemeenten_maakt_niet_uit_voor_sleutel():
    s = vastgestelde_scan()
    omgekeerd = replace(s, gemeenten=tuple(reversed(s.gemeenten)))
    a = lees_uitwisselbestand(maak_uitwisselbestand(s, KADER), BEKEND)
    b = lees_uitwisselbestand(maak_uitwisselbestand(omgekeerd, KADER), BEKEND)
    assert identiteit_sleutel(a) == identiteit_sleutel(b)


def test_geen_bestandsinhoud_in_meldingen():
    d = geldig()
    d["antwoorden"][0]["toelichting"] = "Vertrouwelijk " + "x" * 5000
    e = fout(herteken(d))
    assert "Vertrouwelijk" not in str(e)
    assert e.details == ["antwoorden[0].toelichting: is te lang (5014 tekens); het mag hoogstens 4000 tekens zijn"]


def test_mutatie_beinvloedt_origineel_niet():
    d = geldig()
    kopie = copy.deepcopy(d)
    lees_uitwisselbestand(herteken(d), BEKEND)
    assert d == kopie
