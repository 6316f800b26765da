"""Zelfscan model: status rules, hand-computed results, verbeterpunten and comparisons."""
from __future__ import annotations

import json
from datetime import date

import pytest

from ghnt_desktop.domain.zelfscan import (
    TOEGESTANE_OVERGANGEN,
    Antwoord,
    DeelnemerRol,
    Gemeente,
    OngeldigeStatusovergang,
    Prioriteit,
    ScanNietBewerkbaar,
    ScanStatus,
    TeamInvoer,
    TeamType,
    Verandering,
    Voortgang,
    Zelfscan,
    controleer_antwoorden,
    controleer_bewerkbaar,
    controleer_overgang,
    heropen,
    resultaten,
    stel_verbeterpunt_voor,
    vergelijk,
    vergelijk_teams,
    verbeterpunten,
    voortgang,
    wijzig_status,
    zet_antwoord,
)
from ghnt_desktop.domain.zelfscan_catalogus import Doelgroep, parse_catalogus
from ghnt_desktop.errors import UserError, ValidationError

SCHAAL = {
    "id": "schaal",
    "naam": "Schaal",
    "opties": [
        {"code": "V", "label": "Voldoet", "sneltoets": "1", "telt_als_voldoet": True, "uitgesloten": False, "apart_tonen": False},
        {"code": "D", "label": "Voldoet gedeeltelijk", "sneltoets": "2", "telt_als_voldoet": False, "uitgesloten": False, "apart_tonen": False},
        {"code": "N", "label": "Voldoet niet", "sneltoets": "3", "telt_als_voldoet": False, "uitgesloten": False, "apart_tonen": False},
        {"code": "O", "label": "Weet niet", "sneltoets": "4", "telt_als_voldoet": False, "uitgesloten": False, "apart_tonen": True},
        {"code": "NVT", "label": "Niet van toepassing", "sneltoets": "5", "telt_als_voldoet": False, "uitgesloten": True, "apart_tonen": False},
    ],
}

JA_NEE = {
    "id": "ja-nee",
    "naam": "Ja/nee",
    "opties": [
        {"code": "J", "label": "Ja", "sneltoets": "j", "telt_als_voldoet": True, "uitgesloten": False, "apart_tonen": False},
        {"code": "NEE", "label": "Nee", "sneltoets": "n", "telt_als_voldoet": False, "uitgesloten": False, "apart_tonen": False},
        {"code": "O", "label": "Weet niet", "sneltoets": "w", "telt_als_voldoet": False, "uitgesloten": False, "apart_tonen": True},
    ],
}

# (id, thema, doelgroep)
STANDAARDEN = [
    ("S1", "A", "lokaal_team"),
    ("S2", "A", "lokaal_team"),
    ("S3", "A", "gemeente"),
    ("S4", "B", "lokaal_team"),
    ("S5", "B", "gemeente"),
    ("S6", "B", "gemeente"),
]


def kader(standaarden=STANDAARDEN, versie="1", schaal=SCHAAL):
    d = {
        "formaat": "ghnt-kwaliteitskader", "formaatversie": 1, "id": "test", "naam": "Test", "versie": versie,
        "bron": "Bron", "geldig_van": "2020-01-01", "geldig_tot": None, "officieel": False, "opmerking": None,
        "themas": [{"id": "A", "naam": "Thema A", "volgorde": 2}, {"id": "B", "naam": "Thema B", "volgorde": 1}],
        "standaarden": [
            {"id": i, "thema": t, "doelgroep": dg, "titel": f"Titel {i}", "toelichting": "Uitleg", "vragen": []}
            for i, t, dg in standaarden
        ],
        "antwoordschaal": schaal,
    }
    return parse_catalogus(json.dumps(d).encode())


def antwoorden(**codes):
    return [Antwoord(sid, code) for sid, code in codes.items()]


C = kader()


# --- results (expected numbers worked out by hand) ------------------------------------------


def test_resultaten_met_de_hand_berekend():
    # S1 V, S2 D, S3 Weet niet, S4 N.v.t., S5 V, S6 not answered.
    r = resultaten(C, antwoorden(S1="V", S2="D", S3="O", S4="NVT", S5="V", S6=None))

    t = r.totaal
    assert (t.aantal_standaarden, t.beantwoord, t.voldoet, t.uitgesloten, t.apart) == (6, 5, 2, 1, 1)
    assert t.noemer == 3  # 5 answered - 1 N.v.t. - 1 Weet niet
    assert t.niet_voldoet == 1 and t.niet_beantwoord == 1
    assert t.percentage_voldoet == pytest.approx(200 / 3)  # 2 of 3
    assert t.percentage_afgerond == 67
    assert dict(t.per_code) == {"V": 2, "D": 1, "N": 0, "O": 1, "NVT": 1}

    # Themes in volgorde: B (1) before A (2).
    assert [x.thema.id for x in r.per_thema] == ["B", "A"]

    a = r.thema("A")  # S1 V, S2 D, S3 O
    assert (a.telling.aantal_standaarden, a.telling.beantwoord, a.telling.voldoet, a.telling.apart) == (3, 3, 1, 1)
    assert a.telling.percentage_voldoet == 50.0  # 1 of 2
    assert a.per_doelgroep[Doelgroep.LOKAAL_TEAM].percentage_voldoet == 50.0  # S1 V, S2 D
    assert a.per_doelgroep[Doelgroep.GEMEENTE].percentage_voldoet is None  # only Weet niet: nothing to score
    assert a.per_doelgroep[Doelgroep.GEMEENTE].apart == 1

    b = r.thema("B")  # S4 NVT, S5 V, S6 -
    assert (b.telling.beantwoord, b.telling.voldoet, b.telling.uitgesloten, b.telling.noemer) == (2, 1, 1, 1)
    assert b.telling.percentage_voldoet == 100.0
    assert b.per_doelgroep[Doelgroep.LOKAAL_TEAM].percentage_voldoet is None  # only N.v.t.
    assert b.per_doelgroep[Doelgroep.GEMEENTE].percentage_voldoet == 100.0  # S5 V, S6 unanswered

    lt = r.per_doelgroep[Doelgroep.LOKAAL_TEAM]  # S1 V, S2 D, S4 NVT
    assert (lt.aantal_standaarden, lt.beantwoord, lt.voldoet, lt.uitgesloten, lt.noemer) == (3, 3, 1, 1, 2)
    assert lt.percentage_voldoet == 50.0
    gm = r.per_doelgroep[Doelgroep.GEMEENTE]  # S3 O, S5 V, S6 -
    assert (gm.aantal_standaarden, gm.beantwoord, gm.voldoet, gm.apart, gm.noemer) == (3, 2, 1, 1, 1)
    assert gm.percentage_voldoet == 100.0


def test_percentage_is_none_zonder_noemer_en_afronding_half_omhoog():
    r = resultaten(C, [])
    assert r.totaal.beantwoord == 0 and r.totaal.percentage_voldoet is None and r.totaal.percentage_afgerond is None
    r = resultaten(C, antwoorden(S1="O", S2="NVT"))
    assert r.totaal.percentage_voldoet is None
    # 1 of 8 = 12.5 % -> 13 (half up, not banker's rounding)
    acht = kader([(f"S{i}", "A" if i < 5 else "B", "gemeente") for i in range(1, 9)])
    r = resultaten(acht, antwoorden(S1="V", S2="N", S3="N", S4="N", S5="N", S6="N", S7="D", S8="D"))
    assert r.totaal.percentage_voldoet == 12.5 and r.totaal.percentage_afgerond == 13
    r = resultaten(C, antwoorden(S1="V", S2="N", S3="N"))
    assert r.totaal.percentage_afgerond == 33


def test_resultaten_weigert_onbekende_standaard_code_en_dubbel():
    with pytest.raises(ValidationError) as info:
        resultaten(C, [Antwoord("S9", "V"), Antwoord("S1", "X"), Antwoord("S2", "V"), Antwoord("S2", "D")])
    d = info.value.details
    assert any(r.startswith('antwoorden[0].standaard_id: "S9" is geen standaard') for r in d)
    assert any(r.startswith('antwoorden[1].code: "X" is geen geldig antwoord') for r in d)
    assert any(r.startswith('antwoorden[3].standaard_id: standaard "S2" is al eerder beantwoord') for r in d)


def test_prioriteit_zonder_verbeterpunt_mag_niet():
    with pytest.raises(ValidationError) as info:
        controleer_antwoorden(C, [Antwoord("S1", "N", prioriteit=Prioriteit.HOOG)])
    assert info.value.details[0].startswith("antwoorden[0].prioriteit: een prioriteit hoort alleen bij een verbeterpunt")


def test_verbeterpunten_op_prioriteit_dan_volgorde():
    ants = [
        Antwoord("S1", "D", verbeterpunt=True, prioriteit=Prioriteit.LAAG),
        Antwoord("S2", "N", verbeterpunt=True, prioriteit=Prioriteit.LAAG),
        Antwoord("S3", "O", verbeterpunt=True),
        Antwoord("S4", "N", verbeterpunt=False),
        Antwoord("S5", "V", verbeterpunt=True, prioriteit=Prioriteit.HOOG),
        Antwoord("S6", "N", verbeterpunt=True, prioriteit=Prioriteit.MIDDEN),
    ]
    # Display order is S4 S5 S6 (theme B) then S1 S2 S3 (theme A).
    assert [v.standaard.id for v in verbeterpunten(C, ants)] == ["S5", "S6", "S1", "S2", "S3"]


def test_voorstel_verbeterpunt():
    assert [stel_verbeterpunt_voor(C, c) for c in ("V", "D", "N", "O", "NVT", None, "?")] == [
        False, True, True, False, False, False, False]


def test_voortgang():
    v = voortgang(C, antwoorden(S1="V", S2=None, S3="O"))
    assert v == Voortgang(beantwoord=2, totaal=6)
    assert not v.compleet and v.open == 4 and v.percentage == pytest.approx(100 / 3)


# --- status rules -----------------------------------------------------------------------------


def scan(**extra) -> Zelfscan:
    basis = dict(catalogus_id="test", catalogus_versie="1", team_naam="Wijkteam Noord", team_type=TeamType.WIJKTEAM,
                 gemeenten=(Gemeente("GM0479", "Zaanstad"),), peildatum=date(2025, 3, 1))
    basis.update(extra)
    return Zelfscan(**basis)


ALLES = tuple(antwoorden(S1="V", S2="D", S3="N", S4="O", S5="NVT", S6="V"))


def test_toegestane_overgangen():
    assert TOEGESTANE_OVERGANGEN[ScanStatus.CONCEPT] == {ScanStatus.INGEVULD}
    assert TOEGESTANE_OVERGANGEN[ScanStatus.INGEVULD] == {ScanStatus.CONCEPT, ScanStatus.VASTGESTELD}
    assert TOEGESTANE_OVERGANGEN[ScanStatus.VASTGESTELD] == frozenset()


def test_volledige_levensloop_en_heropenen():
    s = scan(antwoorden=ALLES)
    s = wijzig_status(s, C, ScanStatus.INGEVULD)
    s = wijzig_status(s, C, ScanStatus.CONCEPT)
    s = wijzig_status(s, C, ScanStatus.INGEVULD)
    s = wijzig_status(s, C, ScanStatus.VASTGESTELD, op=date(2025, 3, 20))
    assert s.status is ScanStatus.VASTGESTELD and s.vastgesteld_op == date(2025, 3, 20)
    with pytest.raises(ScanNietBewerkbaar) as info:
        zet_antwoord(s, C, Antwoord("S1", "N"))
    assert "vastgesteld" in str(info.value) and "Heropen" in str(info.value)
    n = heropen(s, "  Nieuwe afspraken met Veilig Thuis  ")
    assert (n.versie, n.status, n.vastgesteld_op, n.heropen_reden) == (2, ScanStatus.CONCEPT, None,
                                                                       "Nieuwe afspraken met Veilig Thuis")
    assert n.antwoorden == s.antwoorden and s.versie == 1  # old version untouched
    n2 = zet_antwoord(n, C, Antwoord("S1", "N"))
    assert n2.antwoord_voor("S1").code == "N" and len(n2.antwoorden) == 6


@pytest.mark.parametrize("van,naar", [
    (ScanStatus.CONCEPT, ScanStatus.VASTGESTELD),
    (ScanStatus.CONCEPT, ScanStatus.CONCEPT),
    (ScanStatus.VASTGESTELD, ScanStatus.CONCEPT),
    (ScanStatus.VASTGESTELD, ScanStatus.INGEVULD),
])
def test_verboden_overgangen(van, naar):
    with pytest.raises(OngeldigeStatusovergang) as info:
        controleer_overgang(van, naar, Voortgang(6, 6))
    assert isinstance(info.value, UserError) and str(info.value)


def test_ingevuld_vraagt_alle_antwoorden():
    with pytest.raises(OngeldigeStatusovergang) as info:
        wijzig_status(scan(antwoorden=ALLES[:5]), C, ScanStatus.INGEVULD)
    assert "5 van 6" in str(info.value) and "Weet niet" in str(info.value)


def test_bewerkbaar():
    controleer_bewerkbaar(ScanStatus.CONCEPT)
    controleer_bewerkbaar(ScanStatus.INGEVULD)
    with pytest.raises(ScanNietBewerkbaar):
        controleer_bewerkbaar(ScanStatus.VASTGESTELD)


@pytest.mark.parametrize("reden", ["", "   ", None])
def test_heropen_vraagt_reden(reden):
    s = scan(antwoorden=ALLES, status=ScanStatus.VASTGESTELD, vastgesteld_op=date(2025, 4, 1))
    with pytest.raises(ValidationError):
        heropen(s, reden)


def test_heropen_alleen_vastgesteld():
    with pytest.raises(OngeldigeStatusovergang):
        heropen(scan(antwoorden=ALLES, status=ScanStatus.INGEVULD), "reden")


def test_labels():
    assert [t.label for t in TeamType] == ["Wijkteam", "Sociaal team", "Jeugdteam", "CJG", "SAVE-team",
                                           "Expertiseteam", "Overig"]
    assert [r.value for r in DeelnemerRol] == ["teamleider", "professional", "aandachtsfunctionaris",
                                               "gedragswetenschapper", "beleidsadviseur_gemeente", "veilig_thuis",
                                               "overig"]
    assert [p.value for p in Prioriteit] == ["hoog", "midden", "laag"]


# --- comparing two scans -----------------------------------------------------------------------


def test_vergelijk_categorieen():
    vorig_kader = kader(STANDAARDEN + [("S7", "A", "gemeente")])
    nu_kader = kader(STANDAARDEN + [("S8", "B", "lokaal_team")], versie="2")
    vorig = antwoorden(S1="D", S2="V", S3="N", S4="O", S5="NVT", S6=None, S7="V")
    nu = antwoorden(S1="V", S2="D", S3="N", S4="N", S5="NVT", S6="V", S8="D")
    v = vergelijk(vorig_kader, vorig, nu_kader, nu)
    soort = {r.standaard_id: r.verandering for r in v.regels}
    assert soort == {
        "S1": Verandering.VERBETERD,  # D -> V
        "S2": Verandering.VERSLECHTERD,  # V -> D
        "S3": Verandering.GELIJK,  # N -> N
        "S4": Verandering.GEWIJZIGD_NIET_VERGELIJKBAAR,  # Weet niet -> N
        "S5": Verandering.GELIJK,  # N.v.t. -> N.v.t.
        "S6": Verandering.NIEUW,  # previously unanswered
        "S8": Verandering.NIEUW,  # not in the previous catalogue
        "S7": Verandering.VERVALLEN,  # not in the current catalogue
    }
    assert [r.standaard_id for r in v.regels] == ["S4", "S5", "S6", "S8", "S1", "S2", "S3", "S7"]
    assert v.zelfde_schaal is True
    assert v.voor("S1").vorige_code == "D" and v.voor("S1").huidige_code == "V"
    assert v.aantallen[Verandering.NIEUW] == 2 and v.aantallen[Verandering.NIET_BEANTWOORD] == 0


def test_vergelijk_n_naar_d_is_verbeterd_en_niet_beantwoord():
    v = vergelijk(C, antwoorden(S1="N", S2="V", S3="NVT"), C, antwoorden(S1="D", S2=None, S3="O"))
    assert v.voor("S1").verandering is Verandering.VERBETERD
    assert v.voor("S2").verandering is Verandering.NIET_BEANTWOORD
    assert v.voor("S3").verandering is Verandering.GEWIJZIGD_NIET_VERGELIJKBAAR


def test_vergelijk_met_andere_schaal_alleen_voldoet_of_niet():
    nu_kader = kader(versie="2", schaal=JA_NEE)
    v = vergelijk(C, antwoorden(S1="V", S2="D", S3="N", S4="V"), nu_kader, antwoorden(S1="NEE", S2="NEE", S3="J", S4="J"))
    assert v.zelfde_schaal is False
    assert v.voor("S1").verandering is Verandering.VERSLECHTERD  # voldoet -> niet
    assert v.voor("S2").verandering is Verandering.GEWIJZIGD_NIET_VERGELIJKBAAR  # both "niet", other codes
    assert v.voor("S3").verandering is Verandering.VERBETERD  # niet -> voldoet
    assert v.voor("S4").verandering is Verandering.GELIJK  # V -> J: still voldoet


# --- comparing teams ---------------------------------------------------------------------------


def test_vergelijk_teams():
    ander = kader([("S1", "A", "lokaal_team"), ("S4", "B", "lokaal_team")], versie="2")
    tv = vergelijk_teams([
        TeamInvoer("Team Noord", C, antwoorden(S1="V", S2="V", S3="N", S4="V", S5="D", S6="O")),
        TeamInvoer("Team Zuid", C, antwoorden(S1="N", S2="NVT", S3="V", S4="V", S5="V", S6="V")),
        TeamInvoer("Team West", ander, antwoorden(S1="V", S4="N")),
    ])
    assert tv.teams == ("Team Noord", "Team Zuid", "Team West")
    assert [r.thema_id for r in tv.rijen] == ["B", "A"]
    # Noord: B = S4 V, S5 D, S6 O -> 1 of 2 = 50; A = V V N -> 2 of 3.
    # Zuid:  B = V V V -> 100; A = N, NVT, V -> 1 of 2 = 50. West: B = N -> 0; A = V -> 100.
    b, a = tv.rijen
    assert b.percentages == (50.0, 100.0, 0.0)
    assert a.percentages == pytest.approx((200 / 3, 50.0, 100.0))
    assert [t.percentage_voldoet for t in tv.totaal] == pytest.approx([60.0, 80.0, 50.0])
    assert tv.gemengde_catalogi is True
    assert vergelijk_teams([TeamInvoer("X", C, []), TeamInvoer("Y", C, [])]).gemengde_catalogi is False
