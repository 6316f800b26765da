"""Rules per meldcode step: what is still missing (``ontbrekend``) and what to watch out
for (``waarschuwingen``). Spec §1.1, §3.1 and §7.2.

Nothing here blocks silently: every requirement comes back as a Dutch sentence the
professional can act on. ``verplicht=False`` items are suggestions.

Texts mention no case content (no names, no signal descriptions), only numbers of
records ("Signaal 2"), so they are safe to show and to log.

Pure module: stdlib only.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ghnt_desktop.domain.afwegingskader import AFWEGINGEN, Uitkomst
from ghnt_desktop.domain.meldcode_model import (
    CLIENT_ROLLEN,
    STAPPEN,
    Besluit,
    ConsultatieSoort,
    Dossier,
    Gesprek,
    GesprekNietGevoerd,
    GeweldsVorm,
    Herkomst,
    KinderenInHuishouden,
    Richting,
    VervolgStatus,
)

__all__ = [
    "Ontbrekend",
    "Waarschuwing",
    "ontbrekend",
    "stap_compleet",
    "waarschuwingen",
    "kindcheck_nodig",
    "vereiste_expertise",
    "VEREISTE_EXPERTISE",
    "FAMILIE_NIET_BETREKKEN",
    "INFORMEER_TERMIJN_WEKEN",
]

#: Forms of violence for which consulting a specific expert is required in stap 2.
VEREISTE_EXPERTISE: dict[GeweldsVorm, ConsultatieSoort] = {
    GeweldsVorm.EERGERELATEERD_GEWELD: ConsultatieSoort.EXPERT_EGG,
    GeweldsVorm.VGV: ConsultatieSoort.EXPERT_VGV,
    GeweldsVorm.HUWELIJKSDWANG: ConsultatieSoort.EXPERT_LKHA,
}

#: Forms for which the conversation must not be held openly with the family/parents.
FAMILIE_NIET_BETREKKEN: frozenset[GeweldsVorm] = frozenset(
    {GeweldsVorm.EERGERELATEERD_GEWELD, GeweldsVorm.HUWELIJKSDWANG, GeweldsVorm.VGV}
)

#: Wmo 2015 art. 5.3.1: Veilig Thuis informs the betrokkene within this many weeks.
INFORMEER_TERMIJN_WEKEN = 4

_EXPERT_TEKST: dict[ConsultatieSoort, str] = {
    ConsultatieSoort.EXPERT_EGG: (
        "Bij (een vermoeden van) eergerelateerd geweld moet je altijd een deskundige "
        "raadplegen: de aandachtsfunctionaris eergerelateerd geweld van de politie, "
        "of Veilig Thuis. Leg dat overleg vast."
    ),
    ConsultatieSoort.EXPERT_VGV: (
        "Bij (een vermoeden van) meisjesbesnijdenis moet je altijd een deskundige "
        "raadplegen: de GGD of Veilig Thuis. Leg dat overleg vast."
    ),
    ConsultatieSoort.EXPERT_LKHA: (
        "Bij (een vermoeden van) huwelijksdwang of achterlating moet je altijd het "
        "Landelijk Knooppunt Huwelijksdwang en Achterlating (LKHA) raadplegen. "
        "Leg dat overleg vast."
    ),
}

_AFWEGING_KORT: dict[int, str] = {
    1: "Is er een vermoeden van huiselijk geweld of kindermishandeling?",
    2: "Is er acute of structurele onveiligheid?",
    3: "Kun je zelf passende hulp bieden of regelen?",
    4: "Accepteren de betrokkenen de hulp en werken zij mee?",
    5: "Heeft de hulp op tijd gezorgd voor blijvende veiligheid?",
}


@dataclass(frozen=True)
class Ontbrekend:
    """Something still to record for a step. ``code`` is stable (for UI focus and tests)."""

    code: str
    tekst: str
    verplicht: bool
    stap: int


@dataclass(frozen=True)
class Waarschuwing:
    """A point of attention for a step. ``code`` is stable."""

    code: str
    tekst: str


def _leeg(tekst: str | None) -> bool:
    return tekst is None or not str(tekst).strip()


def _controleer_stap(stap: int) -> None:
    if isinstance(stap, bool) or stap not in STAPPEN:
        raise ValueError("Kies stap 1, 2, 3, 4 of 5.")


def vereiste_expertise(dossier: Dossier) -> list[ConsultatieSoort]:
    """Expert consultations that are required for the forms of violence in the dossier."""
    return [soort for vorm, soort in VEREISTE_EXPERTISE.items() if vorm in dossier.vormen]


def kindcheck_nodig(dossier: Dossier, peildatum: date) -> bool:
    """The kindcheck is needed when an adult (or someone of unknown age) is involved as
    victim, pleger, witness, parent or carer."""
    return any(
        b.rol in CLIENT_ROLLEN and b.mogelijk_volwassen(peildatum) for b in dossier.betrokkenen
    )


# ------------------------------------------------------------------ per step


def _stap1(d: Dossier, peildatum: date) -> list[Ontbrekend]:
    uit: list[Ontbrekend] = []

    def voeg(code: str, tekst: str, verplicht: bool = True) -> None:
        uit.append(Ontbrekend(code, tekst, verplicht, 1))

    if not d.signalen:
        voeg("signaal_geen", "Leg minstens één signaal vast: wat heb je gezien, gehoord of gemerkt?")
    for n, s in enumerate(d.signalen, start=1):
        if _leeg(s.omschrijving):
            voeg("signaal_omschrijving", f"Signaal {n}: beschrijf wat er is gezien of gehoord.")
        if s.datum_waargenomen is None:
            voeg("signaal_datum", f"Signaal {n}: vul in wanneer dit is gezien of gehoord.")
        if s.herkomst is Herkomst.VAN_ANDER and _leeg(s.bron):
            voeg(
                "signaal_bron",
                f"Signaal {n}: dit heb je van iemand anders gehoord. Schrijf op van wie "
                "(de bron), bijvoorbeeld 'buurvrouw' of 'juf van school'.",
            )
    if d.signalen and not any(s.richting is Richting.ONTKRACHT for s in d.signalen):
        voeg(
            "signaal_tegenspraak",
            "Zijn er ook dingen die het vermoeden tegenspreken? Leg die ook vast.",
            verplicht=False,
        )
    if not d.vormen:
        voeg(
            "vormen",
            "Kies om welke vorm van geweld het mogelijk gaat. Dan zie je ook of je een "
            "speciale deskundige moet raadplegen.",
            verplicht=False,
        )
    if not d.betrokkenen:
        voeg(
            "betrokkenen",
            "Leg vast wie er betrokken zijn, bijvoorbeeld 'moeder' of 'kind 1'. "
            "Dan kan ook de kindcheck worden bepaald.",
            verplicht=False,
        )

    kc = d.kindcheck
    if kc is None:
        if kindcheck_nodig(d, peildatum):
            voeg(
                "kindcheck",
                "Doe de kindcheck: zijn er kinderen die afhankelijk zijn van deze volwassene? "
                "Wie zorgt er voor hen, en is er een netwerk dat kan helpen?",
            )
    else:
        if kc.kinderen_in_huishouden is KinderenInHuishouden.ONBEKEND:
            voeg(
                "kindcheck_onbekend",
                "Kindcheck: het is nog niet bekend of er kinderen zijn. Probeer dit uit te zoeken.",
                verplicht=False,
            )
        elif kc.kinderen_in_huishouden is KinderenInHuishouden.JA:
            if kc.aantal is None:
                voeg("kindcheck_aantal", "Kindcheck: vul in hoeveel kinderen er zijn.")
            if not kc.leeftijden:
                voeg("kindcheck_leeftijden", "Kindcheck: vul de leeftijden van de kinderen in.")
            elif kc.aantal is not None and kc.aantal != len(kc.leeftijden):
                voeg(
                    "kindcheck_aantal_leeftijden",
                    "Kindcheck: het aantal kinderen past niet bij het aantal leeftijden.",
                )
            if _leeg(kc.wie_zorgt):
                voeg(
                    "kindcheck_wie_zorgt",
                    "Kindcheck: schrijf op wie voor de kinderen zorgt: de cliënt alleen of samen met iemand.",
                )
            if _leeg(kc.netwerk):
                voeg(
                    "kindcheck_netwerk",
                    "Kindcheck: is er familie of een ander netwerk dat kan helpen?",
                    verplicht=False,
                )
        if kc.vervolg_status is VervolgStatus.OPEN and (_leeg(kc.vervolg) or kc.vervolg_datum is None):
            voeg(
                "kindcheck_vervolg",
                "Kindcheck: schrijf op welk vervolg nodig is en wanneer.",
                verplicht=False,
            )
    return uit


def _stap2(d: Dossier) -> list[Ontbrekend]:
    uit: list[Ontbrekend] = []

    def voeg(code: str, tekst: str, verplicht: bool = True) -> None:
        uit.append(Ontbrekend(code, tekst, verplicht, 2))

    soorten = {c.soort for c in d.consultaties}
    if not soorten & {ConsultatieSoort.COLLEGA, ConsultatieSoort.AANDACHTSFUNCTIONARIS}:
        voeg(
            "consultatie_collega",
            "Overleg met een deskundige collega of met de aandachtsfunctionaris, "
            "en leg het advies vast.",
        )
    for n, c in enumerate(d.consultaties, start=1):
        if c.datum is None:
            voeg("consultatie_datum", f"Overleg {n}: vul de datum in.")
        if _leeg(c.wie):
            voeg(
                "consultatie_wie",
                f"Overleg {n}: schrijf op met wie je hebt overlegd (functie of organisatie is genoeg).",
            )
        if _leeg(c.advies):
            voeg("consultatie_advies", f"Overleg {n}: schrijf op welk advies je hebt gekregen.")
    for soort in vereiste_expertise(d):
        if soort not in soorten:
            voeg(f"consultatie_{soort.value}", _EXPERT_TEKST[soort])
    if any(s.letsel for s in d.signalen) and ConsultatieSoort.LETSELDUIDING not in soorten:
        voeg(
            "letselduiding",
            "Er is letsel gezien. Vraag een deskundige om het letsel te beoordelen: "
            "het LECK, een forensisch arts (via de GGD) of de vertrouwensarts van Veilig Thuis.",
            verplicht=False,
        )
    return uit


def _gesprek_items(g: Gesprek) -> list[Ontbrekend]:
    uit: list[Ontbrekend] = []
    if g.datum is None:
        uit.append(Ontbrekend("gesprek_datum", "Gesprek: vul de datum in.", True, 3))
    if _leeg(g.wat_voorgelegd):
        uit.append(
            Ontbrekend(
                "gesprek_voorgelegd",
                "Gesprek: schrijf op welke zorgen en signalen je hebt besproken.",
                True,
                3,
            )
        )
    if _leeg(g.reactie_client):
        uit.append(
            Ontbrekend("gesprek_reactie", "Gesprek: schrijf op hoe de cliënt reageerde.", True, 3)
        )
    if not g.deelnemers:
        uit.append(
            Ontbrekend("gesprek_deelnemers", "Gesprek: schrijf op wie erbij waren.", False, 3)
        )
    return uit


def _niet_gevoerd_items(ng: GesprekNietGevoerd) -> list[Ontbrekend]:
    uit: list[Ontbrekend] = []
    if ng.reden is None:
        uit.append(
            Ontbrekend(
                "niet_gevoerd_reden",
                "Het gesprek is niet gevoerd. Kies de reden: voor wiens veiligheid was het gesprek gevaarlijk?",
                True,
                3,
            )
        )
    if _leeg(ng.afgestemd_met) and ng.consultatie_id is None:
        uit.append(
            Ontbrekend(
                "niet_gevoerd_afgestemd",
                "Het gesprek is niet gevoerd. Schrijf op met wie je dat hebt besproken, "
                "bijvoorbeeld de aandachtsfunctionaris of Veilig Thuis.",
                True,
                3,
            )
        )
    if _leeg(ng.toelichting):
        uit.append(
            Ontbrekend(
                "niet_gevoerd_toelichting",
                "Leg in een paar zinnen uit waarom het gesprek niet veilig was.",
                False,
                3,
            )
        )
    return uit


def _stap3(d: Dossier) -> list[Ontbrekend]:
    sets: list[list[Ontbrekend]] = []
    if d.gesprekken:
        sets.append(_gesprek_items(d.gesprekken[-1]))
    if d.gesprek_niet_gevoerd is not None:
        sets.append(_niet_gevoerd_items(d.gesprek_niet_gevoerd))
    if not sets:
        return [
            Ontbrekend(
                "gesprek",
                "Leg het gesprek met de cliënt vast. Kon het gesprek niet doorgaan omdat het "
                "onveilig was? Leg dan vast waarom, en met wie je dat hebt besproken.",
                True,
                3,
            )
        ]
    for items in sets:
        if not any(i.verplicht for i in items):
            return items
    return [i for items in sets for i in items]


def _uitkomst_of_probleem(d: Dossier, stap: int) -> tuple[Uitkomst | None, list[Ontbrekend]]:
    try:
        return d.uitkomst(), []
    except ValueError as e:
        return None, [
            Ontbrekend(
                "afwegingen_kloppen_niet",
                f"De antwoorden op de afwegingen passen niet bij elkaar. {e}",
                True,
                stap,
            )
        ]


def _afweging_item(nummer: int, stap: int) -> Ontbrekend:
    return Ontbrekend(
        f"afweging_{nummer}",
        f"Beantwoord afweging {nummer}: {_AFWEGING_KORT[nummer]} Schrijf erbij waarom.",
        True,
        stap,
    )


def _stap4(d: Dossier, afwegingen_stap_4: Sequence[int]) -> list[Ontbrekend]:
    uitkomst, problemen = _uitkomst_of_probleem(d, 4)
    if uitkomst is None:
        return problemen
    volgende = uitkomst.volgende
    if volgende is not None and volgende in afwegingen_stap_4:
        return [_afweging_item(volgende, 4)]
    return []


def _melding_nodig_aantal(besluiten: Sequence[Besluit]) -> int:
    """How many meldingen the decisions of a round call for: one for the first decision
    to meld, and one more for every 'opnieuw melden' (meldnorm 3)."""
    aantal = 0
    al_gemeld = False
    for b in besluiten:
        if b.melden and (not al_gemeld or b.meldnorm == 3):
            aantal += 1
            al_gemeld = True
    return aantal


def _stap5(d: Dossier) -> list[Ontbrekend]:
    uit: list[Ontbrekend] = []

    def voeg(code: str, tekst: str, verplicht: bool = True) -> None:
        uit.append(Ontbrekend(code, tekst, verplicht, 5))

    uitkomst, problemen = _uitkomst_of_probleem(d, 5)
    uit += problemen
    if uitkomst is not None and uitkomst.volgende is not None and uitkomst.volgende != 5:
        uit.append(_afweging_item(uitkomst.volgende, 5))

    besluiten = d.in_ronde(d.besluiten)
    besluit = besluiten[-1] if besluiten else None
    if besluit is None:
        voeg(
            "besluit",
            "Leg je besluit vast: is melden bij Veilig Thuis nodig? En kun je (ook) zelf "
            "hulp bieden of regelen? Schrijf erbij waarom.",
        )
    else:
        if _leeg(besluit.motivatie):
            voeg("besluit_motivatie", "Besluit: schrijf op waarom je zo hebt besloten.")
        if _leeg(besluit.besluit_door):
            voeg(
                "besluit_door",
                "Besluit: schrijf op wie het besluit heeft genomen (de eindverantwoordelijke).",
            )
        if besluit.melden and besluit.meldnorm not in (1, 2, 3):
            voeg("besluit_meldnorm", "Besluit: kies welke meldnorm (1, 2 of 3) geldt.")
        if uitkomst is not None and (uitkomst.beeindigd or uitkomst.melden or uitkomst.hulp):
            if besluit.melden != uitkomst.melden or (uitkomst.hulp and not besluit.hulp):
                voeg(
                    "besluit_wijkt_af",
                    "Je besluit is anders dan de uitkomst van de afwegingen. Dat mag, maar "
                    "leg in de motivatie goed uit waarom.",
                    verplicht=False,
                )

    melden = besluit.melden if besluit is not None else bool(uitkomst and uitkomst.melden)
    hulp = besluit.hulp if besluit is not None else bool(uitkomst and uitkomst.hulp)

    if melden:
        nodig = max(1, _melding_nodig_aantal(besluiten))
        meldingen = d.in_ronde(d.meldingen)
        if len(meldingen) < nodig:
            if meldingen:
                voeg(
                    "melding",
                    "Je hebt besloten opnieuw te melden. Leg de nieuwe melding bij Veilig Thuis "
                    "vast: wanneer, hoe en wat je hebt gemeld.",
                )
            else:
                voeg(
                    "melding",
                    "Leg de melding bij Veilig Thuis vast: wanneer, hoe en wat je hebt gemeld.",
                )
        else:
            m = meldingen[-1]
            if m.datum_tijd is None:
                voeg("melding_datum", "Melding: vul de datum en tijd van de melding in.")
            if m.kanaal is None:
                voeg("melding_kanaal", "Melding: kies hoe je hebt gemeld (telefoon, online of op papier).")
            if _leeg(m.samenvatting_feiten_en_bronnen):
                voeg(
                    "melding_samenvatting",
                    "Melding: vat samen welke feiten je hebt gemeld, en van wie ze komen.",
                )
            if m.client_geinformeerd is None:
                voeg(
                    "melding_client_geinformeerd",
                    "Melding: vul in of je de cliënt hebt verteld dat je gaat melden.",
                )
            elif m.client_geinformeerd is False:
                if _leeg(m.reden_niet):
                    voeg(
                        "melding_reden_niet",
                        "Melding: schrijf op waarom je de cliënt niet hebt verteld over de melding, "
                        "en wat je hebt geprobeerd om de cliënt te bereiken.",
                    )
            else:
                if _leeg(m.reactie_en_bezwaren):
                    voeg(
                        "melding_reactie",
                        "Melding: schrijf op hoe de cliënt reageerde en welke bezwaren er waren.",
                    )
                elif _leeg(m.hoe_omgegaan):
                    voeg(
                        "melding_bezwaren",
                        "Melding: schrijf op wat je met de bezwaren van de cliënt hebt gedaan.",
                        verplicht=False,
                    )
            if _leeg(m.vervolgafspraken):
                voeg(
                    "melding_vervolgafspraken",
                    "Melding: schrijf op welke afspraken je met Veilig Thuis en de betrokkenen hebt gemaakt.",
                    verplicht=False,
                )

    if hulp:
        hulp_items = d.in_ronde(d.hulp)
        if not hulp_items:
            voeg(
                "hulp",
                "Leg vast welke hulp er komt, wie die geeft en wanneer je kijkt of de hulp werkt.",
            )
        else:
            h = hulp_items[-1]
            if _leeg(h.wat):
                voeg("hulp_wat", "Hulp: schrijf op welke hulp er komt.")
            if _leeg(h.wie):
                voeg("hulp_wie", "Hulp: schrijf op wie de hulp geeft of regelt.")
            if h.evaluatiedatum is None:
                voeg(
                    "hulp_evaluatiedatum",
                    "Hulp: kies een datum waarop je kijkt of de hulp werkt (afweging 5).",
                )
    return uit


# ------------------------------------------------------------------ public


def ontbrekend(
    dossier: Dossier,
    stap: int,
    *,
    peildatum: date | None = None,
    afwegingen_stap_4: Sequence[int] = (1, 2),
) -> list[Ontbrekend]:
    """What must (``verplicht``) or should still be recorded for ``stap`` (1-5).

    ``peildatum`` (default: today) is used to estimate ages from birth years.
    ``afwegingen_stap_4`` is the organisation's numbering variant: which afwegingen are
    answered in stap 4 (default 1 and 2; pass ``()`` when all five sit in stap 5).
    Stap 5 always requires every afweging the flow has reached.
    """
    _controleer_stap(stap)
    for n in afwegingen_stap_4:
        if n not in AFWEGINGEN:
            raise ValueError("afwegingen_stap_4 mag alleen de nummers 1 tot en met 5 bevatten.")
    if stap == 1:
        return _stap1(dossier, peildatum or date.today())
    if stap == 2:
        return _stap2(dossier)
    if stap == 3:
        return _stap3(dossier)
    if stap == 4:
        return _stap4(dossier, tuple(afwegingen_stap_4))
    return _stap5(dossier)


def stap_compleet(dossier: Dossier, stap: int, *, peildatum: date | None = None,
                  afwegingen_stap_4: Sequence[int] = (1, 2)) -> bool:
    """True when nothing required is missing for ``stap`` (suggestions don't count); options as :func:`ontbrekend`."""
    return not any(o.verplicht for o in ontbrekend(dossier, stap, peildatum=peildatum,
                                                   afwegingen_stap_4=afwegingen_stap_4))


def waarschuwingen(dossier: Dossier, stap: int) -> list[Waarschuwing]:
    """Points of attention for ``stap``. Acute danger always comes first."""
    _controleer_stap(stap)
    uit: list[Waarschuwing] = []
    d = dossier
    try:
        uitkomst: Uitkomst | None = d.uitkomst()
    except ValueError:
        uitkomst = None
    besluit = d.laatste_besluit()
    melden = besluit.melden if besluit is not None else bool(uitkomst and uitkomst.melden)
    gemeld = bool(d.in_ronde(d.meldingen))
    familie_niet = bool(d.vormen & FAMILIE_NIET_BETREKKEN)

    if (d.acuut_signaal or d.acuut) and not gemeld:
        uit.append(
            Waarschuwing(
                "acuut",
                "Er is een teken van acuut gevaar. Is iemand nu in direct gevaar? Bel 112. "
                "Bel anders meteen Veilig Thuis. Je mag dan stappen overslaan; schrijf op waarom.",
            )
        )

    if familie_niet and stap in (2, 3, 5):
        uit.append(
            Waarschuwing(
                "familie_niet_betrekken",
                "Bij eergerelateerd geweld, huwelijksdwang, achterlating of meisjesbesnijdenis: "
                "bespreek je zorgen niet met de familie of de ouders en ga niet bemiddelen. "
                "Dat kan het gevaar groter maken. Overleg eerst met een deskundige.",
            )
        )

    if stap == 4:
        uit.append(
            Waarschuwing(
                "twijfel_veilig_thuis",
                "Twijfel je over de volgende stap? Vraag dan altijd advies aan Veilig Thuis. "
                "Dat kan ook zonder namen te noemen.",
            )
        )

    if stap in (4, 5) and uitkomst is not None and uitkomst.samen_met_veilig_thuis:
        uit.append(
            Waarschuwing(
                "samen_met_veilig_thuis",
                "Er is acute of structurele onveiligheid. Meld dit bij Veilig Thuis. "
                "Afweging 3, 4 en 5 doe je samen met Veilig Thuis.",
            )
        )

    if stap == 5 and melden:
        if not familie_niet:
            uit.append(
                Waarschuwing(
                    "open_melden",
                    "Vertel de cliënt vooraf dat je gaat melden en waarom. Je vraagt geen "
                    "toestemming. Doe dit niet als het de veiligheid van iemand in gevaar brengt.",
                )
            )
        uit.append(
            Waarschuwing(
                "betrokkenen_horen_het",
                "Veilig Thuis laat de betrokkenen binnen "
                f"{INFORMEER_TERMIJN_WEKEN} weken weten dat er gegevens over hen zijn "
                "doorgegeven. Houd daar rekening mee.",
            )
        )
        if d.acuut_signaal or d.acuut:
            uit.append(
                Waarschuwing(
                    "telefonisch_melden",
                    "Bij acuut gevaar meld je telefonisch bij Veilig Thuis, of je belt 112.",
                )
            )
    return uit
