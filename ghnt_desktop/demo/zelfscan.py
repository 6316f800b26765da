"""Demo zelfscans: for every demo team two vastgestelde scans a year apart and one concept scan.

All names and texts are made up. Answers are deterministic (seeded per team) and change between the two
vastgestelde scans in both directions, so the comparison screens show improvements *and* declines.
One team also has a reopened scan (version 2) to show versions.
"""
from __future__ import annotations

import random
from datetime import date, timedelta

from ghnt_desktop.domain.zelfscan import Antwoord, Deelnemer, DeelnemerRol, Prioriteit, ScanStatus

# Per standard: toelichting for Voldoet, Voldoet gedeeltelijk, Voldoet niet; and a bewijs.
TEKSTEN: dict[str, tuple[str, str, str, str]] = {
    "LT-01": (
        "In elk gezinsplan staat in welke fase het gezin zit. In het casuïstiekoverleg beginnen we altijd met veiligheid.",
        "De meeste collega's kennen de drie fasen. In de plannen staat de fase nog niet altijd.",
        "We werken nog niet met de fasen. Veiligheid en hulp lopen door elkaar.",
        "Werkwijze gefaseerde ketenzorg, besproken in de teamdag",
    ),
    "LT-02": (
        "Iedereen kent de meldcode en de afwegingen. Bij twijfel overleggen we met de aandachtsfunctionaris.",
        "Nieuwe collega's kennen de afwegingen nog niet goed. Bij ernstige signalen melden we wel.",
        "De meldcode wordt niet altijd gevolgd. Niet iedereen weet wanneer je moet melden.",
        "Werkinstructie meldcode en registratie van consultaties",
    ),
    "LT-03": (
        "We gebruiken bij elke zorg over veiligheid dezelfde lijst en bespreken de uitkomst met z'n tweeën.",
        "Er is een vaste lijst, maar die wordt vooral gebruikt als het al ernstig is.",
        "Iedere collega beoordeelt veiligheid op een eigen manier.",
        "Formulier veiligheidsbeoordeling in het dossiersysteem",
    ),
    "LT-04": (
        "In elk gezin met onveiligheid is er een veiligheidsplan, gemaakt samen met het gezin en hun netwerk.",
        "Er zijn veiligheidsplannen, maar het netwerk van het gezin doet nog weinig mee.",
        "Afspraken over veiligheid staan niet in een apart plan.",
        "Steekproef van tien dossiers door de gedragswetenschapper",
    ),
    "LT-05": (
        "Na een overdracht van Veilig Thuis kijken we elke zes weken of de veiligheid nog goed is.",
        "We volgen de veiligheid, maar niet op vaste momenten.",
        "Na een overdracht raakt de veiligheid soms uit beeld.",
        "Afsprakenlijst overdracht en monitoring",
    ),
    "LT-06": (
        "Elk gezin heeft één plan en één regisseur. De afspraken gelden voor alle partners.",
        "Er is meestal één regisseur, maar partners werken nog vaak met eigen plannen.",
        "Gezinnen hebben vaak meerdere plannen naast elkaar.",
        "Convenant 1 gezin 1 plan in de regio",
    ),
    "LT-07": (
        "We betrekken het hele gezin, ook de pleger. Bij complexe situaties is er een MDA++-overleg.",
        "We kijken naar het hele gezin, maar de pleger doet niet altijd mee.",
        "De hulp richt zich vooral op het slachtoffer.",
        "Verslagen van het multidisciplinair overleg",
    ),
    "LT-08": (
        "We werken volgens de regionale afspraken met Veilig Thuis. Terugkoppeling komt op tijd.",
        "De afspraken zijn bekend, maar de terugkoppeling loopt niet altijd goed.",
        "De afspraken met Veilig Thuis zijn in het team niet bekend.",
        "Regionale samenwerkingsafspraken Veilig Thuis Zaanstreek-Waterland",
    ),
    "LT-09": (
        "Na het bereiken van veiligheid is er aandacht voor trauma. Kinderen krijgen een traumascreening.",
        "Er is aandacht voor herstel, maar nog niet op een vaste manier.",
        "Herstel en trauma krijgen weinig aandacht.",
        "Afspraak traumascreening met de jeugd-ggz",
    ),
    "LT-10": (
        "Alle collega's hebben de basistraining gevolgd. Eens per maand is er intervisie.",
        "De helft van het team heeft de basistraining gevolgd.",
        "Er is geen vaste scholing over huiselijk geweld en kindermishandeling.",
        "Scholingsoverzicht van het team",
    ),
    "LT-11": (
        "Beoordelingen, afspraken en besluiten staan duidelijk in het dossier.",
        "Besluiten staan in het dossier, maar de onderbouwing ontbreekt soms.",
        "Afspraken worden vaak niet vastgelegd.",
        "Dossiercontrole door de teamleider",
    ),
    "GM-01": (
        "De gemeente heeft de opdracht voor huiselijk geweld en kindermishandeling beschreven in de subsidieafspraak.",
        "De opdracht staat in algemene woorden in de subsidieafspraak.",
        "Er is geen opdracht over huiselijk geweld en kindermishandeling.",
        "Subsidiebeschikking en opdrachtbrief van de gemeente",
    ),
    "GM-02": (
        "De gemeente zit het overleg met de partners voor en spreekt partners aan op afspraken.",
        "De gemeente organiseert overleg, maar neemt weinig de leiding.",
        "De regie op de samenwerking is niet belegd.",
        "Verslagen van het regionaal overleg",
    ),
    "GM-03": (
        "De afspraken met Veilig Thuis zijn vorig jaar geëvalueerd en bijgewerkt.",
        "Er zijn afspraken, maar die zijn al lang niet meer bekeken.",
        "Er zijn geen afspraken met Veilig Thuis vastgelegd.",
        "Evaluatieverslag samenwerkingsafspraken",
    ),
    "GM-04": (
        "Het team heeft genoeg formatie en tijd voor scholing.",
        "Er is scholing, maar door personeelstekort komt het team er niet altijd aan toe.",
        "Er is te weinig formatie; wachtlijsten lopen op.",
        "Formatieoverzicht en ziekteverzuim",
    ),
    "GM-05": (
        "Specialistische hulp, ook plegerhulp, is snel beschikbaar.",
        "Er is specialistische hulp, maar de wachttijd voor plegerhulp is lang.",
        "Er is te weinig passende specialistische hulp.",
        "Overzicht van het zorgaanbod en wachttijden",
    ),
    "GM-06": (
        "De gemeente bespreekt elk kwartaal cijfers en resultaten met het team.",
        "De gemeente vraagt cijfers op, maar bespreekt ze weinig.",
        "De gemeente volgt de resultaten niet.",
        "Kwartaalrapportage aan de gemeente",
    ),
    "GM-07": (
        "De lokale aanpak past bij de regiovisie en wordt regionaal afgestemd.",
        "De lokale aanpak past grotendeels bij de regiovisie.",
        "De lokale aanpak en de regiovisie sluiten niet op elkaar aan.",
        "Regiovisie huiselijk geweld en kindermishandeling Zaanstreek-Waterland",
    ),
}

TEKST_WEET_NIET = "Dit weten we nog niet goed genoeg. We vragen het na bij de gemeente en Veilig Thuis."
TEKST_NVT = "Dit is voor ons team niet van toepassing; de gemeente heeft dit regionaal belegd."

VOORNAMEN = ["Sanne", "Ahmed", "Lotte", "Youssef", "Eva", "Joris", "Fatima", "Bram", "Inge", "Mehmet", "Nadia",
             "Ruben", "Esther", "Kofi", "Marloes", "Daan", "Yara", "Thijs", "Naima", "Wouter"]
ACHTERNAMEN = ["de Boer", "Meijer", "El Idrissi", "van Dijk", "Smit", "Kaya", "Mulder", "de Graaf", "Bos", "Vos",
               "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "Yilmaz", "Koster", "Prins"]

CODES = ("N", "D", "V")  # level 0, 1, 2 on the werkversie scale


def _deelnemers(rng: random.Random) -> list[Deelnemer]:
    namen = rng.sample([f"{v} {a}" for v in VOORNAMEN for a in ACHTERNAMEN], 8)
    rollen = [DeelnemerRol.TEAMLEIDER, DeelnemerRol.PROFESSIONAL, DeelnemerRol.PROFESSIONAL,
              DeelnemerRol.AANDACHTSFUNCTIONARIS, DeelnemerRol.GEDRAGSWETENSCHAPPER,
              DeelnemerRol.BELEIDSADVISEUR_GEMEENTE]
    if rng.random() < 0.6:
        rollen.append(DeelnemerRol.VEILIG_THUIS)
    return [Deelnemer(r, namen[i]) for i, r in enumerate(rollen)]


def _antwoord(sid: str, code: str, rng: random.Random, *, bewijs_kans: float = 0.6) -> Antwoord:
    teksten = TEKSTEN.get(sid)
    if code == "O":
        return Antwoord(sid, code, toelichting=TEKST_WEET_NIET, verbeterpunt=True, prioriteit=Prioriteit.LAAG)
    if code == "NVT":
        return Antwoord(sid, code, toelichting=TEKST_NVT)
    niveau = CODES.index(code)
    toelichting = teksten[2 - niveau] if teksten else ""
    bewijs = teksten[3] if teksten and rng.random() < bewijs_kans else ""
    if niveau == 2:
        return Antwoord(sid, code, toelichting=toelichting, bewijs=bewijs)
    prioriteit = Prioriteit.HOOG if niveau == 0 or rng.random() < 0.3 else rng.choice(
        [Prioriteit.MIDDEN, Prioriteit.MIDDEN, Prioriteit.LAAG])
    return Antwoord(sid, code, toelichting=toelichting, bewijs=bewijs, verbeterpunt=True, prioriteit=prioriteit)


def _niveaus(rng: random.Random, ids: list[str]) -> tuple[dict[str, int], dict[str, int]]:
    """Levels for the first and second vastgestelde scan: several improve, a few decline."""
    eerst = {sid: rng.choices([0, 1, 2], weights=[2, 4, 3])[0] for sid in ids}
    tweede = dict(eerst)
    kan_beter = [s for s in ids if eerst[s] < 2]
    kan_slechter = [s for s in ids if eerst[s] > 0]
    beter = rng.sample(kan_beter, min(5, len(kan_beter)))
    slechter = rng.sample([s for s in kan_slechter if s not in beter], min(2, len(kan_slechter)))
    for s in beter:
        tweede[s] = eerst[s] + 1
    for s in slechter:
        tweede[s] = eerst[s] - 1
    return eerst, tweede


def _vul_in(zs, ws, scan_id: int, antwoorden: list[Antwoord]) -> None:
    for a in antwoorden:
        zs.bewaar_antwoord(ws, scan_id, a)


def _stel_vast(zs, ws, scan_id: int, op: date) -> None:
    zs.zet_status(ws, scan_id, ScanStatus.INGEVULD)
    zs.zet_status(ws, scan_id, ScanStatus.VASTGESTELD, vastgesteld_op=min(op, date.today()))


def build(ws, team_ids: dict[str, int], account_ids: dict[str, str]) -> list[str]:
    from ghnt_desktop.services import zelfscan as zs

    catalogus = zs.nieuwste_catalogus(ws)
    ids = [s.id for s in catalogus.standaarden_op_volgorde]
    vandaag = date.today()
    aantal = {"vastgesteld": 0, "concept": 0, "heropend": 0}
    for n, (key, team_id) in enumerate(sorted(team_ids.items())):
        rng = random.Random(f"ghnt-demo-zelfscan-{key}")
        deelnemers = _deelnemers(rng)
        eerst, tweede = _niveaus(rng, ids)
        peil1 = vandaag - timedelta(days=730 + 7 * n)
        peil2 = vandaag - timedelta(days=365 + 5 * n)

        # 1. Two years ago; one gemeente standard still "weet niet" for some teams.
        s1 = zs.maak_scan(ws, team_id=team_id, peildatum=peil1, deelnemers=deelnemers)
        weet_niet = rng.choice([s for s in ids if s.startswith("GM")]) if n % 2 == 0 else None
        _vul_in(zs, ws, s1, [_antwoord(s, "O" if s == weet_niet else CODES[eerst[s]], rng) for s in ids])
        _stel_vast(zs, ws, s1, peil1 + timedelta(days=21))
        aantal["vastgesteld"] += 1

        # 2. One year ago, partly different participants.
        deelnemers2 = deelnemers[:1] + _deelnemers(rng)[1:]
        s2 = zs.maak_scan(ws, team_id=team_id, peildatum=peil2, deelnemers=deelnemers2)
        nvt = "GM-07" if key == "edam" else None
        _vul_in(zs, ws, s2, [_antwoord(s, "NVT" if s == nvt else CODES[tweede[s]], rng, bewijs_kans=0.75)
                             for s in ids])
        _stel_vast(zs, ws, s2, peil2 + timedelta(days=14))
        aantal["vastgesteld"] += 1
        if key == "zaandam-oost":
            # Reopened after talking to Veilig Thuis: GM-03 turned out to be better than thought.
            v2 = zs.heropen(ws, s2, "Na overleg met Veilig Thuis bleek dat de samenwerkingsafspraken wel zijn "
                                    "bijgewerkt. Het antwoord bij GM-03 is aangepast.")
            zs.bewaar_antwoord(ws, v2, _antwoord("GM-03", "V", rng))
            _stel_vast(zs, ws, v2, peil2 + timedelta(days=42))
            aantal["heropend"] += 1

        # 3. Concept: this year's scan, about two thirds answered.
        s3 = zs.maak_scan(ws, team_id=team_id, peildatum=vandaag - timedelta(days=10 + n), deelnemers=deelnemers2)
        for s in ids[: (len(ids) * 2) // 3]:
            niveau = min(2, tweede[s] + (1 if rng.random() < 0.25 else 0))
            zs.bewaar_antwoord(ws, s3, _antwoord(s, CODES[niveau], rng, bewijs_kans=0.4))
        aantal["concept"] += 1

    soort = "officiële tekst" if catalogus.officieel else "werkversie, niet de officiële tekst"
    return [
        f"Zelfscan: {aantal['vastgesteld'] + aantal['concept']} zelfscans voor {len(team_ids)} teams "
        f"({aantal['vastgesteld']} vastgesteld, {aantal['concept']} concept, {aantal['heropend']} heropend)",
        f"Kwaliteitskader {catalogus.versie} ({soort})",
    ]
