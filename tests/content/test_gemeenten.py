"""Gemeenten reference data: the bundled file and the look-ups."""
from __future__ import annotations

import copy
import json
import re

import pytest

from ghnt_desktop.content import gemeenten as gm
from ghnt_desktop.errors import ValidationError


@pytest.fixture(scope="module")
def ruw() -> dict:
    return json.loads(gm.standaard_pad().read_text(encoding="utf-8"))


def test_bundled_file_is_valid_and_count_matches_declared(ruw):
    assert gm.valideer_gemeenten_data(ruw) == []
    data = gm.gemeenten_data()
    assert data.peiljaar == 2026
    assert data.aantal == len(ruw["gemeenten"]) == len(data.gemeenten)
    assert data.aantal == 342  # CBS count since 1 January 2023
    assert data.versie and data.bron and data.opmerking


def test_codes_unique_and_well_formed_names_unique():
    alle = gm.alle_gemeenten()
    codes = [g.cbs_code for g in alle]
    assert all(re.fullmatch(r"GM\d{4}", c) for c in codes)
    assert len(set(codes)) == len(codes)
    assert len({gm.normaliseer(g.naam) for g in alle}) == len(alle)


def test_every_province_is_one_of_the_twelve():
    provincies = {g.provincie for g in gm.alle_gemeenten()}
    assert provincies == {
        "Groningen", "Fryslân", "Drenthe", "Overijssel", "Flevoland", "Gelderland",
        "Utrecht", "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg",
    }


def test_zaanstad_by_name_and_code():
    by_name = gm.zoek_gemeente("zaanstad")
    by_code = gm.zoek_gemeente("GM0479")
    assert by_name is not None and by_name == by_code
    assert (by_name.cbs_code, by_name.naam, by_name.provincie) == ("GM0479", "Zaanstad", "Noord-Holland")
    assert gm.zoek_gemeente("gm0479") == by_name
    assert gm.zoek_gemeente("479") == by_name
    assert gm.zoek_gemeente("  ZAANSTAD  ") == by_name


@pytest.mark.parametrize(
    ("zoekterm", "code"),
    [
        ("Súdwest-Fryslân", "GM1900"),
        ("sudwest-fryslan", "GM1900"),
        ("NOARDEAST-FRYSLAN", "GM1970"),
        ("Den Haag", "GM0518"),  # alias
        ("'s-gravenhage", "GM0518"),
        ("\u2019s-Gravenhage", "GM0518"),  # curly apostrophe
        ("den bosch", "GM0796"),
        ("Hengelo", "GM0164"),  # unique without the CBS suffix "(O.)"
        ("bergen (nh)", "GM0373"),
        ("Bergen (L.)", "GM0893"),
        ("Voorne aan Zee", "GM1992"),
        ("Dijk en Waard", "GM1980"),
        ("Land van Cuijk", "GM1982"),
        ("Maashorst", "GM1991"),
    ],
)
def test_lookup_is_case_and_accent_tolerant(zoekterm, code):
    gevonden = gm.zoek_gemeente(zoekterm)
    assert gevonden is not None and gevonden.cbs_code == code


@pytest.mark.parametrize("zoekterm", ["", "   ", "Bergen", "Atlantis", "GM9999", "Beemster", "Weesp", "GM0370"])
def test_lookup_misses_give_none(zoekterm):
    # "Bergen" is ambiguous (L. and NH.); Beemster and Weesp no longer exist
    assert gm.zoek_gemeente(zoekterm) is None


def test_merged_gemeenten_are_historical():
    beemster = gm.zoek_historisch("Beemster")
    assert beemster is not None
    assert (beemster.cbs_code, beemster.opgeheven, beemster.opgegaan_in) == ("GM0370", 2022, "GM0439")
    weesp = gm.zoek_historisch("GM0457")
    assert weesp is not None and weesp.naam == "Weesp" and weesp.opgegaan_in == "GM0363"
    assert weesp.opgeheven == 2022
    assert gm.huidige_gemeente("Beemster").naam == "Purmerend"
    assert gm.huidige_gemeente("Hellevoetsluis").naam == "Voorne aan Zee"
    assert gm.huidige_gemeente("Zaanstad").naam == "Zaanstad"
    assert gm.zoek_historisch("Zaanstad") is None


def test_zaanstreek_waterland_has_exactly_the_seven():
    regio = gm.zoek_regio("Zaanstreek-Waterland")
    assert regio is not None and regio.type == "veilig_thuis"
    assert set(regio.leden) == {"GM0479", "GM0439", "GM0385", "GM0415", "GM0431", "GM0852", "GM0880"}
    assert len(regio.leden) == 7
    assert regio.centrumgemeente == "GM0479"
    assert [g.naam for g in gm.leden_van(regio)] == [
        "Edam-Volendam", "Landsmeer", "Oostzaan", "Purmerend", "Waterland", "Wormerland", "Zaanstad",
    ]


def test_hollands_midden_and_ijsselland():
    hm = gm.zoek_regio("hollands midden")
    assert hm is not None and len(hm.leden) == 18
    assert {"GM0546", "GM0513", "GM0626", "GM1892", "GM1931"} <= set(hm.leden)
    assert hm.centrumgemeente == "GM0546"
    ijs = gm.zoek_regio("vt-ijsselland")
    assert ijs is not None and len(ijs.leden) == 11 and ijs.centrumgemeente == "GM0193"
    assert {g.naam for g in gm.leden_van(ijs)} == {
        "Dalfsen", "Deventer", "Hardenberg", "Kampen", "Olst-Wijhe", "Ommen", "Raalte",
        "Staphorst", "Steenwijkerland", "Zwartewaterland", "Zwolle",
    }


def test_regions_of_a_gemeente():
    assert [r.naam for r in gm.regios_van("Zaanstad")] == ["Zaanstreek-Waterland"]
    assert [r.naam for r in gm.regios_van(gm.zoek_gemeente("Gouda"))] == ["Hollands Midden"]
    assert gm.regios_van("Zwolle", regio_type="veilig_thuis")[0].naam == "IJsselland"
    assert gm.regios_van("Zwolle", regio_type="ghnt") == ()
    assert gm.regios_van("Maastricht") == ()  # region not (yet) in the file
    assert gm.regios_van("Atlantis") == ()


def test_list_is_sorted_by_name_like_cbs():
    alle = gm.alle_gemeenten()
    sleutels = [gm.sorteer_sleutel(g.naam) for g in alle]
    assert sleutels == sorted(sleutels)
    assert alle[0].naam == "Aa en Hunze"
    assert alle[-1].naam == "Zwolle"
    namen = [g.naam for g in alle]
    # "De Bilt" sorts under B, "'s-Gravenhage" under G
    assert namen.index("Bergen op Zoom") < namen.index("De Bilt") < namen.index("Bladel")
    assert namen.index("Gouda") < namen.index("'s-Gravenhage") < namen.index("Groningen")


def test_loaded_data_is_cached_and_frozen():
    assert gm.gemeenten_data() is gm.gemeenten_data()
    with pytest.raises(AttributeError):
        gm.alle_gemeenten()[0].naam = "X"  # type: ignore[misc]


# --------------------------------------------------------------------------- validation


def test_validation_reports_each_problem_with_its_place(ruw):
    kapot = copy.deepcopy(ruw)
    kapot["gemeenten"][1]["cbs_code"] = kapot["gemeenten"][0]["cbs_code"]  # duplicate
    kapot["gemeenten"][2]["cbs_code"] = "G0123"  # bad pattern
    kapot["gemeenten"][3]["naam"] = kapot["gemeenten"][4]["naam"].upper()  # duplicate name
    kapot["aantal"] = 343
    kapot["regios"][0]["leden"].append("GM9999")
    kapot["historisch"][0]["opgegaan_in"] = "GM9998"
    problemen = gm.valideer_gemeenten_data(kapot)
    assert any(p.startswith("gemeenten[1].cbs_code:") and "dubbel" in p for p in problemen)
    assert any(p.startswith("gemeenten[2].cbs_code:") for p in problemen)
    assert any(p.startswith("gemeenten[4].naam:") and "dubbel" in p for p in problemen)
    assert any(p.startswith("aantal:") and "343" in p and "342" in p for p in problemen)
    assert any(p.startswith("regios[0].leden[7]:") for p in problemen)
    assert any(p.startswith("historisch[0].opgegaan_in:") for p in problemen)


def test_broken_file_raises_validation_error(tmp_path, ruw):
    kapot = copy.deepcopy(ruw)
    kapot["aantal"] = 1
    pad = tmp_path / "gemeenten.json"
    pad.write_text(json.dumps(kapot), encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        gm.lees_gemeenten(pad)
    assert any(d.startswith("aantal:") for d in info.value.details)

    pad.write_text("{niet json", encoding="utf-8")
    with pytest.raises(ValidationError):
        gm.lees_gemeenten(pad)
    with pytest.raises(ValidationError):
        gm.lees_gemeenten(tmp_path / "bestaat-niet.json")
