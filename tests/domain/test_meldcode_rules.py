"""Meldcode dossier rules: what is missing per step, warnings, working days and
attention items."""
from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from ghnt_desktop.domain.meldcode import (
    AandachtspuntSoort,
    Acuut,
    AfwegingAntwoord,
    Besluit,
    Betrokkene,
    Consultatie,
    ConsultatieSoort,
    Dossier,
    DossierStatus,
    Gesprek,
    GesprekNietGevoerd,
    GeweldsVorm,
    Herkomst,
    Hulp,
    KinderenInHuishouden,
    Kindcheck,
    Melding,
    MeldingKanaal,
    Overdracht,
    RedenNietGevoerd,
    Richting,
    Rol,
    Signaal,
    TerugkoppelingSoort,
    VeiligThuisTerugkoppeling,
    VervolgStatus,
    aandachtspunten,
    ontbrekend,
    stap_compleet,
    waarschuwingen,
    werkdagen_na,
)
from ghnt_desktop.errors import ValidationError

PEIL = date(2025, 3, 10)  # a Monday


def codes(items, *, alleen_verplicht: bool = False) -> set[str]:
    return {i.code for i in items if i.verplicht or not alleen_verplicht}


def signaal(**kw) -> Signaal:
    basis = dict(omschrijving="Blauwe plek op de arm gezien", datum_waargenomen=date(2025, 3, 3))
    basis.update(kw)
    return Signaal(**basis)


def antwoord(nummer: int, ja: bool, ronde: int = 1) -> AfwegingAntwoord:
    return AfwegingAntwoord(nummer=nummer, antwoord=ja, motivatie="Omdat het zo is.", auteur="pro", ronde=ronde)


def antwoorden(*reeks: bool, ronde: int = 1) -> tuple[AfwegingAntwoord, ...]:
    return tuple(antwoord(i, a, ronde) for i, a in enumerate(reeks, start=1))


def dossier(**kw) -> Dossier:
    basis = dict(id=1, client_referentie="C-1", gemeente_code="GM0479", eigenaar="pro")
    basis.update(kw)
    return Dossier(**basis)


def complete_melding(**kw) -> Melding:
    basis = dict(
        datum_tijd=datetime(2025, 3, 6, 10, 0),
        kanaal=MeldingKanaal.TELEFOON,
        samenvatting_feiten_en_bronnen="Feiten met bronnen",
        client_geinformeerd=True,
        reactie_en_bezwaren="Cliënt was boos",
        hoe_omgegaan="Uitgelegd waarom",
        vervolgafspraken="VT belt terug",
    )
    basis.update(kw)
    return Melding(**basis)


# ------------------------------------------------------------------ model


def test_records_zijn_bevroren_en_dossier_maakt_tuples():
    d = dossier(signalen=[signaal()], vormen=["partnergeweld"], status="open")
    assert isinstance(d.signalen, tuple)
    assert d.vormen == frozenset({GeweldsVorm.PARTNERGEWELD})
    assert d.status is DossierStatus.OPEN
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.huidige_stap = 2  # type: ignore[misc]


@pytest.mark.parametrize("stap", [0, 6, True])
def test_dossier_met_ongeldige_stap(stap):
    with pytest.raises(ValidationError):
        dossier(huidige_stap=stap)


def test_enumwaarden_zijn_stabiel():
    assert [v.value for v in GeweldsVorm] == [
        "kindermishandeling",
        "partnergeweld",
        "ouderenmishandeling",
        "eergerelateerd_geweld",
        "huwelijksdwang",
        "vgv",
        "seksueel_geweld",
        "mensenhandel",
        "overig",
    ]
    assert GeweldsVorm.PARTNERGEWELD.label == "(Ex-)partnergeweld"
    assert GeweldsVorm.OUDERENMISHANDELING.label == "Ouderenmishandeling / ontspoorde mantelzorg"
    assert GeweldsVorm.HUWELIJKSDWANG.label == "Huwelijksdwang en achterlating"
    assert "genitale verminking" in GeweldsVorm.VGV.label.lower()
    assert all(r.label for r in Rol)


@pytest.mark.parametrize(
    "kw, veld",
    [
        (dict(nummer=1, antwoord=True, motivatie=""), "motivatie"),
        (dict(nummer=1, antwoord=True, motivatie="   "), "motivatie"),
        (dict(nummer=6, antwoord=True, motivatie="x"), "nummer"),
        (dict(nummer=True, antwoord=True, motivatie="x"), "nummer"),
        (dict(nummer=2, antwoord=1, motivatie="x"), "antwoord"),
    ],
)
def test_afwegingantwoord_vraagt_motivatie_en_geldige_waarden(kw, veld):
    with pytest.raises(ValidationError) as info:
        AfwegingAntwoord(**kw)
    assert any(d.startswith(veld) for d in info.value.details)


def test_laatste_antwoord_per_afweging_telt_en_alleen_in_huidige_ronde():
    d = dossier(afwegingen=(antwoord(1, False), antwoord(1, True), antwoord(2, True, ronde=2)))
    assert d.huidige_antwoorden() == {1: True}
    assert d.uitkomst().volgende == 2
    d2 = dataclasses.replace(d, ronde=2)
    assert d2.huidige_antwoorden() == {2: True}
    with pytest.raises(ValueError):
        d2.uitkomst()


def test_betrokkene_leeftijd_uit_geboortejaar():
    b = Betrokkene(rol=Rol.VERMOEDELIJK_SLACHTOFFER, geboortejaar=2010)
    assert b.leeftijd_op(PEIL) == 15
    assert not b.mogelijk_volwassen(PEIL)
    assert Betrokkene(rol=Rol.VERMOEDELIJKE_PLEGER).mogelijk_volwassen(PEIL)
    assert not Betrokkene(rol=Rol.KIND).mogelijk_volwassen(PEIL)


# ------------------------------------------------------------------ stap 1


def test_stap1_zonder_signalen():
    items = ontbrekend(dossier(), 1, peildatum=PEIL)
    assert "signaal_geen" in codes(items, alleen_verplicht=True)
    assert not stap_compleet(dossier(), 1, peildatum=PEIL)


def test_stap1_signaal_van_ander_zonder_bron():
    d = dossier(
        signalen=(
            signaal(),
            signaal(herkomst=Herkomst.VAN_ANDER, bron=""),
            signaal(herkomst=Herkomst.VAN_ANDER, bron="  "),
            signaal(herkomst=Herkomst.VAN_ANDER, bron="buurvrouw"),
        )
    )
    bron_items = [i for i in ontbrekend(d, 1, peildatum=PEIL) if i.code == "signaal_bron"]
    assert len(bron_items) == 2
    assert all(i.verplicht and i.stap == 1 for i in bron_items)
    assert bron_items[0].tekst.startswith("Signaal 2:")
    assert bron_items[1].tekst.startswith("Signaal 3:")


def test_stap1_signaal_zonder_omschrijving_of_datum():
    d = dossier(signalen=(signaal(omschrijving="", datum_waargenomen=None),))
    assert {"signaal_omschrijving", "signaal_datum"} <= codes(ontbrekend(d, 1, peildatum=PEIL), alleen_verplicht=True)


def test_stap1_ontkrachtende_signalen_zijn_een_suggestie():
    d = dossier(signalen=(signaal(),), vormen={GeweldsVorm.KINDERMISHANDELING})
    items = {i.code: i for i in ontbrekend(d, 1, peildatum=PEIL)}
    assert items["signaal_tegenspraak"].verplicht is False
    d2 = dataclasses.replace(d, signalen=(signaal(), signaal(richting=Richting.ONTKRACHT)))
    assert "signaal_tegenspraak" not in codes(ontbrekend(d2, 1, peildatum=PEIL))


@pytest.mark.parametrize(
    "betrokkenen, nodig",
    [
        ((Betrokkene(rol=Rol.OUDER_GEZAGHEBBENDE, leeftijd=30),), True),
        ((Betrokkene(rol=Rol.VERMOEDELIJKE_PLEGER),), True),  # age unknown: may be adult
        ((Betrokkene(rol=Rol.VERMOEDELIJK_SLACHTOFFER, geboortejaar=1950),), True),
        ((Betrokkene(rol=Rol.VERMOEDELIJK_SLACHTOFFER, leeftijd=15),), False),
        ((Betrokkene(rol=Rol.KIND, leeftijd=4),), False),
        ((Betrokkene(rol=Rol.OVERIG, leeftijd=40),), False),
        ((), False),
    ],
)
def test_stap1_kindcheck_nodig_bij_volwassen_client(betrokkenen, nodig):
    d = dossier(signalen=(signaal(),), betrokkenen=betrokkenen)
    assert ("kindcheck" in codes(ontbrekend(d, 1, peildatum=PEIL), alleen_verplicht=True)) is nodig


def test_stap1_kindcheck_met_kinderen_vraagt_aantal_leeftijden_en_zorg():
    ouder = (Betrokkene(rol=Rol.OUDER_GEZAGHEBBENDE, leeftijd=30),)
    kc = Kindcheck(kinderen_in_huishouden=KinderenInHuishouden.JA)
    d = dossier(signalen=(signaal(),), betrokkenen=ouder, kindcheck=kc)
    verplicht = codes(ontbrekend(d, 1, peildatum=PEIL), alleen_verplicht=True)
    assert {"kindcheck_aantal", "kindcheck_leeftijden", "kindcheck_wie_zorgt"} <= verplicht
    assert "kindcheck" not in verplicht

    kc2 = Kindcheck(kinderen_in_huishouden=KinderenInHuishouden.JA, aantal=2, leeftijden=[3], wie_zorgt="ouders")
    d2 = dataclasses.replace(d, kindcheck=kc2)
    assert "kindcheck_aantal_leeftijden" in codes(ontbrekend(d2, 1, peildatum=PEIL), alleen_verplicht=True)

    kc3 = Kindcheck(
        kinderen_in_huishouden=KinderenInHuishouden.JA, aantal=1, leeftijden=(3,), wie_zorgt="ouders", netwerk="oma"
    )
    d3 = dataclasses.replace(d, kindcheck=kc3, signalen=(signaal(), signaal(richting=Richting.ONTKRACHT)),
                             vormen={GeweldsVorm.KINDERMISHANDELING})
    assert ontbrekend(d3, 1, peildatum=PEIL) == []
    assert stap_compleet(d3, 1, peildatum=PEIL)


def test_stap1_kindcheck_nee_is_voldoende_en_onbekend_is_suggestie():
    ouder = (Betrokkene(rol=Rol.OUDER_GEZAGHEBBENDE, leeftijd=30),)
    d = dossier(signalen=(signaal(),), betrokkenen=ouder,
                kindcheck=Kindcheck(kinderen_in_huishouden=KinderenInHuishouden.NEE))
    assert not any(i.code.startswith("kindcheck") for i in ontbrekend(d, 1, peildatum=PEIL))
    d2 = dataclasses.replace(d, kindcheck=Kindcheck())
    items = {i.code: i for i in ontbrekend(d2, 1, peildatum=PEIL)}
    assert items["kindcheck_onbekend"].verplicht is False


# ------------------------------------------------------------------ stap 2


def consult(soort: ConsultatieSoort, **kw) -> Consultatie:
    basis = dict(soort=soort, datum=date(2025, 3, 4), wie="aandachtsfunctionaris", advies="Ga verder met stap 3")
    basis.update(kw)
    return Consultatie(**basis)


def test_stap2_zonder_consultatie():
    assert "consultatie_collega" in codes(ontbrekend(dossier(), 2), alleen_verplicht=True)


def test_stap2_alleen_veilig_thuis_is_geen_collegiale_consultatie():
    d = dossier(consultaties=(consult(ConsultatieSoort.VEILIG_THUIS_ADVIES),))
    assert "consultatie_collega" in codes(ontbrekend(d, 2), alleen_verplicht=True)
    d2 = dossier(consultaties=(consult(ConsultatieSoort.COLLEGA),))
    assert ontbrekend(d2, 2) == []


def test_stap2_consultatie_zonder_advies_datum_of_wie():
    d = dossier(consultaties=(consult(ConsultatieSoort.COLLEGA, advies="", datum=None, wie=""),))
    assert {"consultatie_advies", "consultatie_datum", "consultatie_wie"} <= codes(
        ontbrekend(d, 2), alleen_verplicht=True
    )


def test_stap2_eergerelateerd_geweld_vereist_expert():
    d = dossier(vormen={GeweldsVorm.EERGERELATEERD_GEWELD}, consultaties=(consult(ConsultatieSoort.COLLEGA),))
    items = {i.code: i for i in ontbrekend(d, 2)}
    assert items["consultatie_expert_egg"].verplicht is True
    assert "eergerelateerd" in items["consultatie_expert_egg"].tekst
    assert not stap_compleet(d, 2)
    # Veilig Thuis advice or an LKHA consultation does not replace the EGG expert
    d2 = dataclasses.replace(d, consultaties=d.consultaties + (consult(ConsultatieSoort.EXPERT_LKHA),))
    assert "consultatie_expert_egg" in codes(ontbrekend(d2, 2))
    d3 = dataclasses.replace(d, consultaties=d.consultaties + (consult(ConsultatieSoort.EXPERT_EGG),))
    assert ontbrekend(d3, 2) == []


@pytest.mark.parametrize(
    "vorm, code",
    [
        (GeweldsVorm.VGV, "consultatie_expert_vgv"),
        (GeweldsVorm.HUWELIJKSDWANG, "consultatie_expert_lkha"),
    ],
)
def test_stap2_vgv_en_huwelijksdwang_vereisen_expert(vorm, code):
    d = dossier(vormen={vorm}, consultaties=(consult(ConsultatieSoort.AANDACHTSFUNCTIONARIS),))
    assert code in codes(ontbrekend(d, 2), alleen_verplicht=True)


def test_stap2_geen_expert_nodig_bij_partnergeweld():
    d = dossier(vormen={GeweldsVorm.PARTNERGEWELD}, consultaties=(consult(ConsultatieSoort.COLLEGA),))
    assert ontbrekend(d, 2) == []


def test_stap2_letsel_geeft_suggestie_letselduiding():
    d = dossier(signalen=(signaal(letsel=True),), consultaties=(consult(ConsultatieSoort.COLLEGA),))
    items = {i.code: i for i in ontbrekend(d, 2)}
    assert items["letselduiding"].verplicht is False
    assert stap_compleet(d, 2)  # a suggestion does not block
    d2 = dataclasses.replace(d, consultaties=d.consultaties + (consult(ConsultatieSoort.LETSELDUIDING),))
    assert "letselduiding" not in codes(ontbrekend(d2, 2))


# ------------------------------------------------------------------ stap 3


def test_stap3_zonder_gesprek_of_reden():
    assert codes(ontbrekend(dossier(), 3), alleen_verplicht=True) == {"gesprek"}


def test_stap3_niet_gevoerd_zonder_reden():
    d = dossier(gesprek_niet_gevoerd=GesprekNietGevoerd(afgestemd_met="aandachtsfunctionaris"))
    verplicht = codes(ontbrekend(d, 3), alleen_verplicht=True)
    assert verplicht == {"niet_gevoerd_reden"}
    assert not stap_compleet(d, 3)


def test_stap3_niet_gevoerd_zonder_afstemming():
    d = dossier(gesprek_niet_gevoerd=GesprekNietGevoerd(reden=RedenNietGevoerd.VEILIGHEID_CLIENT))
    assert codes(ontbrekend(d, 3), alleen_verplicht=True) == {"niet_gevoerd_afgestemd"}
    d2 = dossier(
        gesprek_niet_gevoerd=GesprekNietGevoerd(reden=RedenNietGevoerd.VEILIGHEID_CLIENT, consultatie_id=7)
    )
    assert stap_compleet(d2, 3)


def test_stap3_compleet_niet_gevoerd():
    ng = GesprekNietGevoerd(
        reden=RedenNietGevoerd.VEILIGHEID_PROFESSIONAL,
        toelichting="Eerder dreiging geuit",
        afgestemd_met="aandachtsfunctionaris",
    )
    assert ontbrekend(dossier(gesprek_niet_gevoerd=ng), 3) == []


def test_stap3_gesprek_zonder_reactie():
    g = Gesprek(datum=date(2025, 3, 5), deelnemers=["moeder"], wat_voorgelegd="De blauwe plekken")
    d = dossier(gesprekken=(g,))
    assert codes(ontbrekend(d, 3), alleen_verplicht=True) == {"gesprek_reactie"}
    compleet = dataclasses.replace(g, reactie_client="Schrok en gaf uitleg")
    # a complete gesprek wins over an incomplete niet-gevoerd record
    d2 = dossier(gesprekken=(compleet,), gesprek_niet_gevoerd=GesprekNietGevoerd())
    assert ontbrekend(d2, 3) == []


# ------------------------------------------------------------------ stap 4


@pytest.mark.parametrize(
    "reeks, verwacht",
    [
        ((), {"afweging_1"}),
        ((True,), {"afweging_2"}),
        ((False,), set()),
        ((True, False), set()),
        ((True, True), set()),
    ],
)
def test_stap4_afweging_1_en_2(reeks, verwacht):
    d = dossier(afwegingen=antwoorden(*reeks))
    items = ontbrekend(d, 4)
    assert codes(items) == verwacht
    assert all(i.verplicht for i in items)


def test_stap4_nummering_alles_in_stap_5():
    assert ontbrekend(dossier(), 4, afwegingen_stap_4=()) == []
    assert "afweging_1" in codes(ontbrekend(dossier(), 5))


def test_stap4_inconsistente_antwoorden():
    d = dossier(afwegingen=(antwoord(1, True), antwoord(3, True)))
    items = ontbrekend(d, 4)
    assert codes(items) == {"afwegingen_kloppen_niet"}
    assert "afweging 2" in items[0].tekst


# ------------------------------------------------------------------ stap 5


def besluit(melden: bool, hulp: bool, meldnorm=None, **kw) -> Besluit:
    basis = dict(melden=melden, hulp=hulp, meldnorm=meldnorm, motivatie="Zie afwegingen", besluit_door="teamleider")
    basis.update(kw)
    return Besluit(**basis)


def test_stap5_melden_zonder_melding():
    d = dossier(afwegingen=antwoorden(True, True, False), besluiten=(besluit(True, False, 1),))
    items = {i.code: i for i in ontbrekend(d, 5)}
    assert items["melding"].verplicht is True
    assert not stap_compleet(d, 5)
    d2 = dataclasses.replace(d, meldingen=(complete_melding(),))
    assert ontbrekend(d2, 5) == []
    assert stap_compleet(d2, 5)


def test_stap5_melding_nodig_ook_als_besluit_nog_ontbreekt():
    d = dossier(afwegingen=antwoorden(True, False, True, False))
    verplicht = codes(ontbrekend(d, 5), alleen_verplicht=True)
    assert {"besluit", "melding"} <= verplicht


def test_stap5_melding_velden():
    d = dossier(
        afwegingen=antwoorden(True, True, False),
        besluiten=(besluit(True, False, 1),),
        meldingen=(Melding(),),
    )
    verplicht = codes(ontbrekend(d, 5), alleen_verplicht=True)
    assert {"melding_datum", "melding_kanaal", "melding_samenvatting", "melding_client_geinformeerd"} <= verplicht

    niet_verteld = dataclasses.replace(d, meldingen=(complete_melding(client_geinformeerd=False),))
    assert codes(ontbrekend(niet_verteld, 5), alleen_verplicht=True) == {"melding_reden_niet"}
    met_reden = dataclasses.replace(
        d, meldingen=(complete_melding(client_geinformeerd=False, reden_niet="Niet veilig voor moeder"),)
    )
    assert ontbrekend(met_reden, 5) == []
    verteld = dataclasses.replace(d, meldingen=(complete_melding(reactie_en_bezwaren=""),))
    assert codes(ontbrekend(verteld, 5), alleen_verplicht=True) == {"melding_reactie"}


def test_stap5_besluit_zonder_motivatie_of_besluit_door_of_meldnorm():
    d = dossier(
        afwegingen=antwoorden(True, True, False),
        besluiten=(besluit(True, False, None, motivatie="", besluit_door=""),),
        meldingen=(complete_melding(),),
    )
    assert codes(ontbrekend(d, 5), alleen_verplicht=True) == {"besluit_motivatie", "besluit_door", "besluit_meldnorm"}


def test_stap5_flow_nog_niet_af():
    d = dossier(afwegingen=antwoorden(True, False, True))
    assert {"afweging_4", "besluit"} <= codes(ontbrekend(d, 5), alleen_verplicht=True)


def test_stap5_na_ja_op_2_nog_afweging_3_met_veilig_thuis():
    d = dossier(afwegingen=antwoorden(True, True), besluiten=(besluit(True, False, 1),), meldingen=(complete_melding(),))
    assert codes(ontbrekend(d, 5), alleen_verplicht=True) == {"afweging_3"}


def test_stap5_hulp_vraagt_evaluatiedatum():
    d = dossier(afwegingen=antwoorden(True, False, True, True), besluiten=(besluit(False, True),))
    assert "hulp" in codes(ontbrekend(d, 5), alleen_verplicht=True)
    d2 = dataclasses.replace(d, hulp=(Hulp(wat="Gezinscoach", wie="wijkteam"),))
    assert codes(ontbrekend(d2, 5), alleen_verplicht=True) == {"hulp_evaluatiedatum"}
    d3 = dataclasses.replace(d, hulp=(Hulp(wat="Gezinscoach", wie="wijkteam", evaluatiedatum=date(2025, 6, 1)),))
    assert ontbrekend(d3, 5) == []  # afweging 5 waits for the evaluation


def test_stap5_opnieuw_melden_vraagt_nieuwe_melding():
    eerste = (besluit(True, True, 1),)
    d = dossier(
        afwegingen=antwoorden(True, True, True, True),
        besluiten=eerste,
        meldingen=(complete_melding(),),
        hulp=(Hulp(wat="x", wie="y", evaluatiedatum=date(2025, 6, 1)),),
    )
    assert stap_compleet(d, 5)
    d2 = dataclasses.replace(
        d, afwegingen=antwoorden(True, True, True, True, False), besluiten=eerste + (besluit(True, False, 3),)
    )
    items = {i.code: i for i in ontbrekend(d2, 5)}
    assert items["melding"].verplicht and "opnieuw" in items["melding"].tekst
    d3 = dataclasses.replace(d2, meldingen=d2.meldingen + (complete_melding(),))
    assert stap_compleet(d3, 5)


def test_stap5_afsluiten_na_ja_op_5_met_eerdere_melding_vraagt_geen_nieuwe():
    d = dossier(
        afwegingen=antwoorden(True, True, True, True, True),
        besluiten=(besluit(True, True, 1), besluit(True, False, 1)),
        meldingen=(complete_melding(),),
        hulp=(Hulp(wat="x", wie="y", evaluatiedatum=date(2025, 6, 1)),),
    )
    assert ontbrekend(d, 5) == []


def test_stap5_besluit_wijkt_af_is_suggestie():
    d = dossier(afwegingen=antwoorden(True, True, False), besluiten=(besluit(False, False),))
    items = {i.code: i for i in ontbrekend(d, 5)}
    assert items["besluit_wijkt_af"].verplicht is False
    assert "melding" not in items


def test_ongeldige_stap():
    for stap in (0, 6, True):
        with pytest.raises(ValueError):
            ontbrekend(dossier(), stap)
        with pytest.raises(ValueError):
            waarschuwingen(dossier(), stap)


def test_teksten_bevatten_geen_casusinhoud():
    geheim = "GEHEIM-7Q"
    d = dossier(
        client_referentie="CLIENT-XYZ",
        vormen={GeweldsVorm.EERGERELATEERD_GEWELD},
        betrokkenen=(Betrokkene(rol=Rol.OUDER_GEZAGHEBBENDE, aanduiding=geheim),),
        signalen=(signaal(omschrijving=geheim, herkomst=Herkomst.VAN_ANDER, letsel=True, acuut=True),),
        consultaties=(consult(ConsultatieSoort.COLLEGA, wie="", advies=""),),
        gesprekken=(Gesprek(wat_voorgelegd=geheim),),
        afwegingen=(antwoord(1, True),),
        besluiten=(besluit(True, False, 1, motivatie=geheim),),
        meldingen=(Melding(samenvatting_feiten_en_bronnen=geheim),),
    )
    teksten = [i.tekst for stap in range(1, 6) for i in ontbrekend(d, stap, peildatum=PEIL)]
    teksten += [w.tekst for stap in range(1, 6) for w in waarschuwingen(d, stap)]
    assert teksten
    assert not any(geheim in t or "CLIENT-XYZ" in t for t in teksten)


# ------------------------------------------------------------------ waarschuwingen


@pytest.mark.parametrize(
    "vorm", [GeweldsVorm.EERGERELATEERD_GEWELD, GeweldsVorm.HUWELIJKSDWANG, GeweldsVorm.VGV]
)
def test_waarschuwing_familie_niet_betrekken_in_stap_3(vorm):
    w = waarschuwingen(dossier(vormen={vorm}), 3)
    assert "familie_niet_betrekken" in {x.code for x in w}


def test_geen_familiewaarschuwing_bij_partnergeweld():
    assert "familie_niet_betrekken" not in {x.code for x in waarschuwingen(dossier(vormen={GeweldsVorm.PARTNERGEWELD}), 3)}


def test_waarschuwing_stap5_melden_betrokkenen_horen_het():
    d = dossier(afwegingen=antwoorden(True, True, False), besluiten=(besluit(True, False, 1),))
    w = {x.code: x for x in waarschuwingen(d, 5)}
    assert "4 weken" in w["betrokkenen_horen_het"].tekst
    assert "open_melden" in w
    assert "samen_met_veilig_thuis" in w
    # with EGG the client/family is not told openly
    d_egg = dataclasses.replace(d, vormen=frozenset({GeweldsVorm.EERGERELATEERD_GEWELD}))
    w_egg = {x.code for x in waarschuwingen(d_egg, 5)}
    assert "open_melden" not in w_egg and "familie_niet_betrekken" in w_egg
    # no melden, no warning
    d2 = dossier(afwegingen=antwoorden(True, False, True, True), besluiten=(besluit(False, True),))
    assert "betrokkenen_horen_het" not in {x.code for x in waarschuwingen(d2, 5)}


def test_waarschuwing_acuut_eerst_en_weg_na_melding():
    d = dossier(signalen=(signaal(), signaal(acuut=True)), vormen={GeweldsVorm.EERGERELATEERD_GEWELD})
    for stap in range(1, 6):
        w = waarschuwingen(d, stap)
        assert w[0].code == "acuut"
        assert "112" in w[0].tekst
    gemeld = dataclasses.replace(d, meldingen=(complete_melding(),), acuut=(Acuut(reden="verwurging"),))
    assert "acuut" not in {x.code for x in waarschuwingen(gemeld, 1)}
    assert gemeld.versnelde_route


def test_waarschuwing_stap4_twijfel():
    assert "twijfel_veilig_thuis" in {x.code for x in waarschuwingen(dossier(), 4)}


# ------------------------------------------------------------------ werkdagen


@pytest.mark.parametrize(
    "start, n, verwacht",
    [
        (date(2025, 3, 7), 1, date(2025, 3, 10)),  # Fri + 1 -> Mon
        (date(2025, 3, 7), 5, date(2025, 3, 14)),  # Fri + 5 -> Fri
        (date(2025, 3, 8), 1, date(2025, 3, 10)),  # Sat + 1 -> Mon
        (date(2025, 3, 9), 5, date(2025, 3, 14)),  # Sun + 5 -> Fri
        (date(2025, 3, 5), 5, date(2025, 3, 12)),  # Wed + 5 -> Wed
        (date(2025, 3, 6), 3, date(2025, 3, 11)),  # Thu + 3 -> Tue
        (date(2025, 3, 8), 0, date(2025, 3, 8)),
        (datetime(2025, 3, 7, 23, 59), 1, date(2025, 3, 10)),
    ],
)
def test_werkdagen_na(start, n, verwacht):
    uit = werkdagen_na(start, n)
    assert uit == verwacht
    assert type(uit) is date


def test_werkdagen_na_slaat_vrije_dagen_over():
    # Easter Monday 2025-04-21
    assert werkdagen_na(date(2025, 4, 18), 1, vrije_dagen={date(2025, 4, 21)}) == date(2025, 4, 22)


@pytest.mark.parametrize("n", [-1, 1.5, True, None])
def test_werkdagen_na_ongeldig(n):
    with pytest.raises(ValueError):
        werkdagen_na(date(2025, 3, 7), n)


# ------------------------------------------------------------------ aandachtspunten


def _soorten(items):
    return [(a.dossier_id, a.soort) for a in items]


def test_terugkoppeling_verwacht_na_vijf_werkdagen_over_weekend():
    # melding on Thursday 6 March -> feedback expected Thursday 13 March (weekend skipped)
    d = dossier(meldingen=(complete_melding(datum_tijd=datetime(2025, 3, 6, 16, 30)),), laatste_activiteit=date(2025, 3, 6))
    items = aandachtspunten([d], date(2025, 3, 12))
    [a] = [a for a in items if a.soort is AandachtspuntSoort.TERUGKOPPELING_VEILIG_THUIS]
    assert a.datum == date(2025, 3, 13)
    assert a.te_laat is False
    [a2] = [a for a in aandachtspunten([d], date(2025, 3, 14)) if a.soort is AandachtspuntSoort.TERUGKOPPELING_VEILIG_THUIS]
    assert a2.te_laat is True
    # due today is not yet late
    [a3] = [a for a in aandachtspunten([d], date(2025, 3, 13)) if a.soort is AandachtspuntSoort.TERUGKOPPELING_VEILIG_THUIS]
    assert a3.te_laat is False


def test_terugkoppeling_melding_in_weekend_en_configureerbaar():
    d = dossier(meldingen=(complete_melding(datum_tijd=datetime(2025, 3, 8, 11, 0)),), laatste_activiteit=date(2025, 3, 8))
    [a] = aandachtspunten([d], date(2025, 3, 10))
    assert a.datum == date(2025, 3, 14)  # Sat + 5 working days -> Fri
    [b] = aandachtspunten([d], date(2025, 3, 10), terugkoppeling_werkdagen=3)
    assert b.datum == date(2025, 3, 12)


def test_terugkoppeling_ontvangen():
    melding = complete_melding(datum_tijd=datetime(2025, 3, 6, 9, 0))
    alleen_ontvangst = dossier(
        meldingen=(melding,),
        terugkoppelingen=(VeiligThuisTerugkoppeling(datum=date(2025, 3, 6), soort=TerugkoppelingSoort.ONTVANGSTBEVESTIGING),),
        laatste_activiteit=date(2025, 3, 14),
    )
    assert _soorten(aandachtspunten([alleen_ontvangst], date(2025, 3, 14))) == [
        (1, AandachtspuntSoort.TERUGKOPPELING_VEILIG_THUIS)
    ]
    besluit_vt = dataclasses.replace(
        alleen_ontvangst,
        terugkoppelingen=(
            VeiligThuisTerugkoppeling(datum=date(2025, 3, 11), soort=TerugkoppelingSoort.BESLUIT_VEILIGHEIDSBEOORDELING),
        ),
    )
    assert aandachtspunten([besluit_vt], date(2025, 3, 14)) == []
    overdracht = dataclasses.replace(alleen_ontvangst, overdrachten=(Overdracht(datum=date(2025, 3, 12)),))
    assert aandachtspunten([overdracht], date(2025, 3, 14)) == []
    # feedback older than the latest melding does not count
    oud = dataclasses.replace(
        besluit_vt, meldingen=(melding, complete_melding(datum_tijd=datetime(2025, 3, 13, 9, 0)))
    )
    assert _soorten(aandachtspunten([oud], date(2025, 3, 14))) == [(1, AandachtspuntSoort.TERUGKOPPELING_VEILIG_THUIS)]


def test_evaluatie_afweging_5():
    d = dossier(
        afwegingen=antwoorden(True, False, True, True),
        hulp=(Hulp(wat="x", wie="y", evaluatiedatum=date(2025, 3, 20)),),
        laatste_activiteit=date(2025, 3, 1),
    )
    [a] = aandachtspunten([d], date(2025, 3, 10))
    assert (a.soort, a.datum, a.te_laat) == (AandachtspuntSoort.EVALUATIE_AFWEGING_5, date(2025, 3, 20), False)
    [b] = aandachtspunten([d], date(2025, 3, 21))
    assert b.te_laat is True
    # too far ahead for the look-ahead window, unless asked for all
    assert aandachtspunten([d], date(2025, 3, 1), vooruit_dagen=7) == []
    assert len(aandachtspunten([d], date(2025, 3, 1), vooruit_dagen=None)) == 1
    beantwoord = dataclasses.replace(d, afwegingen=antwoorden(True, False, True, True, True))
    assert aandachtspunten([beantwoord], date(2025, 3, 21)) == []


def test_kindcheck_vervolg_open():
    kc = Kindcheck(kinderen_in_huishouden=KinderenInHuishouden.JA, vervolg_status=VervolgStatus.OPEN,
                   vervolg_datum=date(2025, 3, 7))
    d = dossier(kindcheck=kc, laatste_activiteit=date(2025, 3, 5))
    [a] = aandachtspunten([d], date(2025, 3, 10))
    assert a.soort is AandachtspuntSoort.KINDCHECK_VERVOLG and a.te_laat
    klaar = dataclasses.replace(d, kindcheck=dataclasses.replace(kc, vervolg_status=VervolgStatus.AFGEROND))
    assert aandachtspunten([klaar], date(2025, 3, 10)) == []


def test_geen_activiteit():
    d = dossier(signalen=(signaal(datum_vastgelegd=date(2025, 1, 20)),), geopend_op=date(2025, 1, 15))
    assert d.laatste_activiteit_datum() == date(2025, 1, 20)
    [a] = aandachtspunten([d], date(2025, 3, 10), inactief_weken=6)
    assert a.soort is AandachtspuntSoort.GEEN_ACTIVITEIT
    assert a.datum == date(2025, 3, 3) and a.te_laat
    assert "6 weken" in a.tekst
    assert aandachtspunten([d], date(2025, 3, 10), inactief_weken=8) == []
    with pytest.raises(ValueError):
        aandachtspunten([d], date(2025, 3, 10), inactief_weken=0)


def test_afgesloten_dossiers_en_sortering_en_geen_inhoud():
    oud = dossier(
        id=2,
        client_referentie="C-2",
        meldingen=(complete_melding(datum_tijd=datetime(2025, 2, 3, 9, 0), samenvatting_feiten_en_bronnen="GEHEIM"),),
        laatste_activiteit=date(2025, 3, 1),
    )
    nieuw = dossier(
        id=1,
        afwegingen=antwoorden(True, False, True, True),
        hulp=(Hulp(wat="x", wie="y", evaluatiedatum=date(2025, 3, 12)),),
        laatste_activiteit=date(2025, 3, 1),
    )
    dicht = dataclasses.replace(oud, id=3, status=DossierStatus.AFGESLOTEN)
    items = aandachtspunten([nieuw, dicht, oud], date(2025, 3, 10))
    assert _soorten(items) == [
        (2, AandachtspuntSoort.TERUGKOPPELING_VEILIG_THUIS),
        (1, AandachtspuntSoort.EVALUATIE_AFWEGING_5),
    ]
    assert items[0].te_laat and not items[1].te_laat
    assert items[0].client_referentie == "C-2"
    assert {f.name for f in dataclasses.fields(items[0])} == {
        "dossier_id", "client_referentie", "soort", "datum", "te_laat", "tekst"
    }
    assert all("GEHEIM" not in a.tekst for a in items)
