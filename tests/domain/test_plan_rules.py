"""Plan van aanpak rules: titles, versions, verbeterpunt ranking, actions, section texts."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from ghnt_desktop.domain import plan as p
from ghnt_desktop.domain.plan import (
    Actie,
    ActieStatus,
    PlanRegelFout,
    PlanStatus,
    PlanVersie,
)

VANDAAG = date(2026, 5, 15)


# --------------------------------------------------------------------------- enums, title


RESOURCES = Path(__file__).resolve().parents[2] / "resources" / "plan"
ZW_LIJNEN = ("eerder_in_beeld", "stoppen_en_oplossen", "op_maat", "borgen_kennis")


def _zaanstreek():
    from ghnt_desktop.domain.regiovisie import profiel_uit

    return profiel_uit(json.loads((RESOURCES / "regiovisies" / "zaanstreek-waterland-2020.json")
                                  .read_text(encoding="utf-8")))


def test_enum_values_and_labels():
    # actielijnen are data now: the Zaanstreek-Waterland profile keeps the codes the app always stored
    zw = _zaanstreek()
    assert zw.codes == ZW_LIJNEN
    assert zw.label("eerder_in_beeld") == "Eerder en beter in beeld"
    assert zw.label("stoppen_en_oplossen") == "Stoppen en duurzaam oplossen"
    assert zw.label("op_maat") == "Op maat, passend en flexibel"
    assert zw.label("borgen_kennis") == "Borgen ambities en kennis"  # the actieplan's own title (§ 2.6)
    assert not hasattr(p, "Actielijn") and not hasattr(p, "ACTIELIJN_LABELS")
    assert [s.value for s in ActieStatus] == ["gepland", "lopend", "gereed", "vervallen"]
    assert [s.value for s in PlanStatus] == ["concept", "vastgesteld"]
    assert all(s.label for s in ActieStatus) and all(s.label for s in PlanStatus)


def test_standaard_titel_uses_en_dash():
    titel = p.standaard_titel("Zaanstad", 2026)
    assert titel == "Plan van aanpak Versterken lokale teams \u2013 Zaanstad 2026"
    assert "\u2013" in titel and " - " not in titel
    assert p.standaard_titel("  Edam-Volendam ", "2027") == (
        "Plan van aanpak Versterken lokale teams \u2013 Edam-Volendam 2027"
    )


# --------------------------------------------------------------------------- versions


def test_concept_is_editable_vastgesteld_is_read_only():
    assert p.mag_bewerken(PlanStatus.CONCEPT)
    assert p.mag_bewerken("concept")
    assert not p.mag_bewerken(PlanStatus.VASTGESTELD)
    p.controleer_bewerken(PlanStatus.CONCEPT)
    with pytest.raises(PlanRegelFout, match="vastgesteld"):
        p.controleer_bewerken(PlanStatus.VASTGESTELD)


def test_status_transitions():
    assert p.controleer_statusovergang("concept", "concept") == []
    assert p.controleer_statusovergang("concept", "vastgesteld") == []
    assert p.controleer_statusovergang("vastgesteld", "concept") != []
    assert p.controleer_statusovergang("vastgesteld", "vastgesteld") == ["Dit plan is al vastgesteld."]


def test_stel_vast_then_new_version_starts_as_concept():
    v1 = PlanVersie()
    assert (v1.versie, v1.status) == (1, PlanStatus.CONCEPT)
    v1_vast = p.stel_vast(v1, op=date(2026, 6, 1), door=" college van B en W ")
    assert v1_vast.status is PlanStatus.VASTGESTELD
    assert v1_vast.vastgesteld_op == date(2026, 6, 1)
    assert v1_vast.vastgesteld_door == "college van B en W"
    assert v1.status is PlanStatus.CONCEPT  # frozen: the original is unchanged

    with pytest.raises(PlanRegelFout, match="al vastgesteld"):
        p.stel_vast(v1_vast, op=date(2026, 7, 1), door="raad")

    v2 = p.nieuwe_versie(v1_vast)
    assert (v2.versie, v2.status, v2.vastgesteld_op, v2.vastgesteld_door) == (2, PlanStatus.CONCEPT, None, "")
    with pytest.raises(PlanRegelFout, match="conceptversie"):
        p.nieuwe_versie(v2)


def test_stel_vast_needs_who():
    with pytest.raises(PlanRegelFout, match="wie"):
        p.stel_vast(PlanVersie(), op=date(2026, 6, 1), door="  ")


# --------------------------------------------------------------------------- ranking


def vp(team: int, standaard: str, prio, doelgroep: str = "lokaal_team", toelichting: str = "") -> dict:
    namen = {1: "Team Noord", 2: "Team Oost", 3: "Team Zuid"}
    return {
        "team_id": f"t{team}",
        "team_naam": namen[team],
        "standaard_id": standaard,
        "standaard_titel": f"Titel {standaard}",
        "thema": "Thema",
        "doelgroep": doelgroep,
        "prioriteit": prio,
        "toelichting": toelichting,
    }


SCAN = [
    vp(1, "LT-03", "laag"),
    vp(1, "LT-03", "hoog", toelichting="Geen vast instrument"),  # same team twice: counts once, as hoog
    vp(2, "LT-03", "midden"),
    vp(1, "GM-01", "hoog", "gemeente"),
    vp(3, "LT-01", "hoog"),
    vp(1, "LT-05", "midden"),
    vp(2, "LT-05", "midden"),
    vp(3, "LT-05", "laag"),
    vp(1, "GM-02", "midden", "gemeente"),
    vp(2, "GM-02", "midden", "gemeente"),
    vp(2, "LT-07", "midden"),
    vp(3, "LT-07", "midden"),
    vp(1, "LT-10", "laag"),
    vp(2, "LT-04", None),
    vp(3, "LT-04", ""),
    vp(2, "LT-11", None),
]

# Hand-computed: priority first, then number of teams, then gemeente before lokaal_team, then id.
VERWACHT = [
    # id,    hoogste,  teams, score
    ("LT-03", "hoog", 2, 30004),
    ("GM-01", "hoog", 1, 30003),  # tie with LT-01 on (hoog, 1 team): gemeente first
    ("LT-01", "hoog", 1, 30002),
    ("LT-05", "midden", 3, 20006),
    ("GM-02", "midden", 2, 20005),  # tie with LT-07 on (midden, 2 teams): gemeente first
    ("LT-07", "midden", 2, 20004),
    ("LT-10", "laag", 1, 10002),
    ("LT-04", None, 2, 4),
    ("LT-11", None, 1, 2),
]


def test_ranking_order_with_ties():
    uit = p.rangschik_verbeterpunten(SCAN)
    assert [(r.standaard_id, r.hoogste_prioriteit, r.aantal_teams, r.score) for r in uit] == VERWACHT
    assert [r.rang for r in uit] == list(range(1, 10))
    scores = [r.score for r in uit]
    assert scores == sorted(scores, reverse=True)


def test_ranking_details_and_reasons():
    uit = {r.standaard_id: r for r in p.rangschik_verbeterpunten(SCAN)}
    assert uit["LT-05"].teams == ("Team Noord", "Team Oost", "Team Zuid")
    assert uit["LT-03"].teams == ("Team Noord", "Team Oost")
    assert uit["LT-03"].reden == "Hoge prioriteit bij 1 van de 2 teams."
    assert uit["LT-05"].reden == "Middelhoge prioriteit bij 2 van de 3 teams."
    assert uit["LT-10"].reden == "Lage prioriteit bij 1 team."
    assert uit["LT-04"].reden == "2 teams noemen dit punt, zonder prioriteit."
    assert uit["LT-11"].reden == "1 team noemt dit punt, zonder prioriteit."
    assert uit["GM-01"].reden.startswith("Hoge prioriteit bij 1 team. Dit punt gaat over de gemeente zelf.")
    assert uit["GM-01"].doelgroep == "gemeente"
    assert uit["LT-03"].toelichtingen == (("Team Noord", "Geen vast instrument"),)
    assert uit["LT-03"].standaard_titel == "Titel LT-03"


def test_ranking_does_not_depend_on_input_order():
    vooruit = p.rangschik_verbeterpunten(SCAN)
    achteruit = p.rangschik_verbeterpunten(list(reversed(SCAN)))
    assert vooruit == achteruit


def test_ranking_accepts_dataclasses_and_sorts_ids_naturally():
    items = [
        p.Verbeterpunt("t1", "A", "LT-10", "x", "t", "lokaal_team", "hoog"),
        p.Verbeterpunt("t1", "A", "LT-9", "x", "t", "lokaal_team", "HOOG"),
    ]
    assert [r.standaard_id for r in p.rangschik_verbeterpunten(items)] == ["LT-9", "LT-10"]
    assert p.rangschik_verbeterpunten([]) == []


@pytest.mark.parametrize(
    ("veld", "waarde"),
    [("prioriteit", "urgent"), ("doelgroep", "regio"), ("standaard_id", "")],
)
def test_ranking_rejects_unknown_values(veld, waarde):
    item = vp(1, "LT-01", "hoog")
    item[veld] = waarde
    with pytest.raises(ValueError, match=veld):
        p.rangschik_verbeterpunten([item])


# --------------------------------------------------------------------------- actions


@pytest.mark.parametrize(
    ("deadline", "status", "te_laat"),
    [
        (date(2026, 5, 14), ActieStatus.GEPLAND, True),  # yesterday
        (date(2026, 5, 14), ActieStatus.LOPEND, True),
        (date(2026, 5, 14), ActieStatus.GEREED, False),
        (date(2026, 5, 14), ActieStatus.VERVALLEN, False),
        (date(2026, 5, 15), ActieStatus.LOPEND, False),  # deadline is today: not late yet
        (date(2026, 5, 16), ActieStatus.GEPLAND, False),
        (None, ActieStatus.GEPLAND, False),
        (date(2025, 1, 1), "lopend", True),  # plain string status works too
    ],
)
def test_is_te_laat(deadline, status, te_laat):
    assert p.is_te_laat(Actie("x", deadline=deadline, status=status), VANDAAG) is te_laat


def test_overzicht_counts_and_lists_late_actions_oldest_first():
    acties = [
        Actie("a", deadline=date(2026, 5, 1), status=ActieStatus.LOPEND),  # late
        Actie("b", deadline=date(2026, 3, 1), status=ActieStatus.GEPLAND),  # late, older
        Actie("c", deadline=date(2026, 3, 1), status=ActieStatus.GEREED),
        Actie("d", deadline=date(2026, 12, 1), status=ActieStatus.GEPLAND),
        Actie("e", deadline=None, status=ActieStatus.VERVALLEN),
    ]
    o = p.overzicht(acties, VANDAAG)
    assert o.totaal == 5
    assert dict(o.per_status) == {
        ActieStatus.GEPLAND: 2, ActieStatus.LOPEND: 1, ActieStatus.GEREED: 1, ActieStatus.VERVALLEN: 1,
    }
    assert [a.omschrijving for a in o.te_laat] == ["b", "a"]
    assert o.aantal_te_laat == 2
    leeg = p.overzicht([], VANDAAG)
    assert leeg.totaal == 0 and set(leeg.per_status.values()) == {0} and leeg.te_laat == ()


def test_valid_action_has_no_problems():
    actie = Actie(
        "Training meldcode voor alle teams",
        eigenaar="Teamleider Noord",
        start=date(2026, 2, 1),
        deadline=date(2026, 2, 1),  # same day is fine
        actielijn="eerder_in_beeld",
        standaard_id="LT-02",
    )
    assert p.valideer_actie(actie) == []
    assert p.valideer_actie(actie, ZW_LIJNEN) == []


def test_invalid_action_lists_every_problem_in_dutch():
    actie = Actie(
        "   ",
        start=date(2026, 6, 1),
        deadline=date(2026, 5, 31),
        status="klaar",  # type: ignore[arg-type]
        actielijn="anders",
    )
    problemen = p.valideer_actie(actie, ZW_LIJNEN)
    assert "omschrijving: Vul in wat er moet gebeuren." in problemen
    assert any(x.startswith("deadline:") and "startdatum" in x for x in problemen)
    assert any(x.startswith("status:") for x in problemen)
    assert any(x.startswith("actielijn:") for x in problemen)
    assert len(problemen) == 4
    # without a list of lines any short code is accepted; a non-text or empty code never is
    assert not any(x.startswith("actielijn:") for x in p.valideer_actie(Actie("x", actielijn="anders")))
    for fout in ("", "  ", 3, "x" * 41):
        assert any(x.startswith("actielijn:") for x in p.valideer_actie(Actie("x", actielijn=fout))), fout


def test_action_text_limits_and_date_types():
    problemen = p.valideer_actie(Actie("x" * 1001, eigenaar="y" * 201, start="2026-01-01"))  # type: ignore[arg-type]
    assert any(x.startswith("omschrijving:") for x in problemen)
    assert any(x.startswith("eigenaar:") for x in problemen)
    assert any(x.startswith("start:") for x in problemen)


# --------------------------------------------------------------------------- section texts


def test_vul_in_fills_known_and_keeps_unknown_placeholders():
    tekst = "Plan {gemeente} {jaar}; zelfscan op {volgende_zelfscan}; {onbekend} blijft."
    uit = p.vul_in(tekst, gemeente="Zaanstad", jaar=2026, volgende_zelfscan="1 maart 2027")
    assert uit == "Plan Zaanstad 2026; zelfscan op 1 maart 2027; {onbekend} blijft."


@pytest.mark.parametrize(
    "tekst",
    ["{", "}", "{{", "}}{", "{ gemeente }", "{0}", "{gemeente", "prijs: {€}", "{}", "a {jaar.x} b", "%s {!r}"],
)
def test_vul_in_never_crashes_on_braces_in_user_text(tekst):
    assert p.vul_in(tekst, gemeente="Zaanstad", jaar=2026) == tekst


def test_vul_in_does_not_expand_inserted_values():
    assert p.vul_in("{gemeente} {jaar}", gemeente="{jaar}", jaar=2026) == "{jaar} 2026"
    assert p.vul_in("{gemeente}", gemeente=None) == "{gemeente}"


SECTIES = Path(__file__).resolve().parents[2] / "resources" / "plan" / "secties.json"


def test_section_file_is_valid_and_in_order():
    data = json.loads(SECTIES.read_text(encoding="utf-8"))
    assert p.valideer_secties(data) == []
    secties = p.secties_uit(data)
    assert tuple(s.code for s in secties) == p.SECTIE_CODES
    assert [s.code for s in secties if s.per_thema] == ["huidige_situatie"]
    # the reference to the regional plan ("actie 2A") comes from the regiovisie profile
    regio = _zaanstreek().plan_waarden()
    teksten = {s.code: p.vul_in(s.standaardtekst, **regio) for s in secties}
    assert "{regioplan}" in secties[0].standaardtekst and "2A" not in secties[0].standaardtekst
    assert "2A" in teksten["aanleiding_en_doel"] and "kwaliteitskader" in teksten["aanleiding_en_doel"].lower()
    assert "gefaseerde ketenzorg" in teksten["uitgangspunten"]
    assert "Eén gezin, één plan, één regisseur" in teksten["uitgangspunten"]
    assert "Veilig Thuis" in teksten["uitgangspunten"]
    assert "{volgende_zelfscan}" in teksten["monitoring_en_evaluatie"]
    for s in secties:
        ingevuld = p.vul_in(s.standaardtekst, gemeente="Zaanstad", jaar=2026, volgende_zelfscan="1 maart 2027",
                            **regio)
        assert p.placeholders_in(ingevuld) == set(), s.code


def test_section_validation_catches_wrong_order_and_unknown_placeholders():
    data = json.loads(SECTIES.read_text(encoding="utf-8"))
    data["secties"][0], data["secties"][1] = data["secties"][1], data["secties"][0]
    data["secties"][2]["standaardtekst"] += " {wethouder}"
    problemen = p.valideer_secties(data)
    assert any(x.startswith("secties: de volgorde") for x in problemen)
    assert any(x.startswith("secties[2].standaardtekst:") and "wethouder" in x for x in problemen)
    with pytest.raises(PlanRegelFout):
        p.secties_uit(data)
