"""Demo meldcode dossiers: 30 fictitious cases in every step and outcome, in the seven
Zaanstreek-Waterland gemeenten. Everything here is made up; any likeness to real people is chance.

Each case is built through the real service (authorization, history, audit), acting as the account
that owns it, with the service clock set back so that dates are relative to today (evaluations that
are due or overdue, a melding without terugkoppeling, dossiers without activity for weeks).
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from ghnt_desktop.domain import meldcode as dm
from ghnt_desktop.domain.roles import Rol
from ghnt_desktop.services import meldcode as mc
from ghnt_desktop.services.workspace import Session, Workspace

V = dm.GeweldsVorm
R = dm.Rol
C = dm.ConsultatieSoort

ZAANSTAD, PURMEREND, EDAM, LANDSMEER, OOSTZAAN, WATERLAND, WORMERLAND = (
    "GM0479", "GM0439", "GM0385", "GM0415", "GM0431", "GM0852", "GM0880")

# Fictitious signals per form of violence: (omschrijving, soort, herkomst, bron, richting, letsel)
F, I = dm.SignaalSoort.FEIT, dm.SignaalSoort.INTERPRETATIE
EIGEN, ANDER = dm.Herkomst.EIGEN_WAARNEMING, dm.Herkomst.VAN_ANDER
JA, NEE = dm.Richting.BEVESTIGT, dm.Richting.ONTKRACHT
SIGNALEN = {
    V.KINDERMISHANDELING: [
        ("Het kind kwam deze maand drie keer zonder ontbijt en in dezelfde kleren naar de opvang.", F, ANDER,
         "pedagogisch medewerker van de opvang", JA, False),
        ("Bij het huisbezoek zag ik een blauwe plek op de bovenarm van het kind, zo groot als een vingerafdruk.",
         F, EIGEN, "", JA, True),
        ("Ik vermoed dat moeder de zorg niet aankan sinds de scheiding.", I, EIGEN, "", JA, False),
        ("Het kind speelt ontspannen met de broertjes en zoekt troost bij moeder.", F, EIGEN, "", NEE, False),
    ],
    V.PARTNERGEWELD: [
        ("Mevrouw vertelt dat haar partner haar telefoon controleert en haar bankpas heeft.", F, EIGEN, "", JA,
         False),
        ("De buurman hoorde vorige week 's nachts geschreeuw en gebonk.", F, ANDER, "buurman", JA, False),
        ("Ik denk dat mevrouw bang is voor haar partner: ze keek tijdens het gesprek steeds naar de deur.", I,
         EIGEN, "", JA, False),
        ("De partner ging mee naar het eerste gesprek bij de schuldhulp en was rustig en betrokken.", F, EIGEN, "",
         NEE, False),
    ],
    V.OUDERENMISHANDELING: [
        ("Mevrouw (84) zegt dat haar zoon haar pinpas heeft en dat er geen geld is voor boodschappen.", F, EIGEN,
         "", JA, False),
        ("De thuiszorg ziet dat de koelkast vaak leeg is.", F, ANDER, "wijkverpleegkundige", JA, False),
        ("Ik vermoed dat de zoon geld van mevrouw voor zichzelf gebruikt.", I, EIGEN, "", JA, False),
        ("De zoon komt elke dag langs en helpt mevrouw met haar medicijnen.", F, ANDER, "wijkverpleegkundige", NEE,
         False),
    ],
    V.EERGERELATEERD_GEWELD: [
        ("Dochter (16) vertelt dat haar broer haar na school volgt en haar telefoon doorzoekt.", F, EIGEN, "", JA,
         False),
        ("De mentor zag dat dochter schrok toen haar broer bij het schoolhek stond.", F, ANDER, "mentor op school",
         JA, False),
        ("Ik vermoed dat de familie vindt dat dochter de eer van de familie schaadt.", I, EIGEN, "", JA, False),
    ],
    V.HUWELIJKSDWANG: [
        ("Dochter (17) vertelt dat ze deze zomer naar het land van herkomst moet en dat daar 'iets geregeld' wordt.",
         F, EIGEN, "", JA, False),
        ("De decaan hoorde dat dochter zich niet heeft ingeschreven voor volgend schooljaar.", F, ANDER,
         "decaan van de school", JA, False),
    ],
    V.VGV: [
        ("Moeder vertelt dat oma wil dat de dochters (4 en 7) in de vakantie 'besneden worden zoals het hoort'.", F,
         EIGEN, "", JA, False),
        ("Moeder zegt zelf dat zij dat niet wil en dat ze bang is voor de familie.", F, EIGEN, "", NEE, False),
    ],
    V.SEKSUEEL_GEWELD: [
        ("Jongere (15) vertelt dat een volwassen kennis om naaktfoto's vraagt en geld aanbiedt.", F, EIGEN, "", JA,
         False),
        ("Een klasgenoot heeft berichten van die kennis gezien.", F, ANDER, "jeugdwerker", JA, False),
    ],
    V.MENSENHANDEL: [
        ("Cliënt (23) werkt zeven dagen per week in een salon, woont boven de zaak en heeft haar paspoort bij de "
         "eigenaar.", F, EIGEN, "", JA, False),
        ("Ik vermoed dat cliënt niet vrij is om te stoppen met dit werk.", I, EIGEN, "", JA, False),
    ],
}


def _sessie(ws: Workspace, account_id: str) -> Session:
    row = ws.db.conn.execute("SELECT login, naam FROM account WHERE id = ?", [account_id]).fetchone()
    rollen = frozenset(Rol(r[0]) for r in ws.db.conn.execute(
        "SELECT rol FROM account_rol WHERE account_id = ?", [account_id]))
    teams = frozenset(r[0] for r in ws.db.conn.execute(
        "SELECT team_id FROM account_team WHERE account_id = ?", [account_id]))
    return Session(account_id, row[0], row[1], rollen, teams)


class _Bouwer:
    def __init__(self, ws: Workspace, team_ids: dict[str, int], account_ids: dict[str, str]) -> None:
        self.ws = ws
        self.teams = team_ids
        self.accounts = account_ids
        self.sessies = {login: _sessie(ws, aid) for login, aid in account_ids.items()}
        self.vandaag = date.today()

    @contextlib.contextmanager
    def als(self, login: str, moment: datetime) -> Iterator[None]:
        eerder = self.ws.session
        self.ws.session = self.sessies[login]
        try:
            with mc.vaste_klok(moment):
                yield
        finally:
            self.ws.session = eerder

    def nieuw(self, login: str, team: str, gemeente: str, ref: str, vormen: set[V], betrokkenen: list,
              dagen_geleden: int, *, af: bool = False) -> "_Dossier":
        moment = datetime.combine(self.vandaag - timedelta(days=dagen_geleden), time(9, 30)).astimezone()
        with self.als(login, moment):
            did = mc.maak(self.ws, client_referentie=ref, gemeente_code=gemeente, vormen=vormen,
                          betrokkenen=betrokkenen, team_id=self.teams[team],
                          aandachtsfunctionaris_id=self.accounts["aandachtsfunctionaris"] if af else None)
        kinderen = tuple(x.leeftijd for x in betrokkenen if x.rol is R.KIND and x.leeftijd is not None)
        return _Dossier(self, login, did, moment, sorted(vormen, key=lambda v: v.value)[0], kinderen)


class _Dossier:
    def __init__(self, b: _Bouwer, login: str, did: int, moment: datetime, vorm: V,
                 kinderen: tuple[int, ...] = ()) -> None:
        self.b, self.login, self.id, self.t, self.vorm, self.kinderen = b, login, did, moment, vorm, kinderen
        self.besluit_id: int | None = None
        self.signaal_ids: list[int] = []

    def na(self, dagen: float) -> "_Dossier":
        self.t += timedelta(days=dagen)
        return self

    def _doe(self, fn, *args, login: str | None = None):
        nu = datetime.now().astimezone()
        if self.t > nu:  # never record anything in the future
            self.t = nu - timedelta(minutes=5)
        with self.b.als(login or self.login, self.t):
            uit = fn(self.b.ws, self.id, *args)
        self.t += timedelta(minutes=20)
        return uit

    def voeg(self, record, login: str | None = None) -> int:
        return self._doe(mc.voeg_toe, record, login=login)

    def signalen(self, aantal: int = 3, vorm: V | None = None, dagen_eerder: int = 2) -> "_Dossier":
        for omschrijving, soort, herkomst, bron, richting, letsel in SIGNALEN[vorm or self.vorm][:aantal]:
            self.signaal_ids.append(self.voeg(dm.Signaal(
                omschrijving=omschrijving, soort=soort, herkomst=herkomst, bron=bron, richting=richting,
                letsel=letsel, vorm=vorm or self.vorm, datum_waargenomen=self.t.date() - timedelta(days=dagen_eerder))))
        return self

    def kindcheck(self, *, open_vervolg: bool = False, kinderen: tuple[int, ...] | None = None) -> "_Dossier":
        kinderen = self.kinderen if kinderen is None else kinderen
        self.voeg(dm.Kindcheck(
            kinderen_in_huishouden=dm.KinderenInHuishouden.JA if kinderen else dm.KinderenInHuishouden.NEE,
            aantal=len(kinderen) or None, leeftijden=kinderen,
            wie_zorgt="Moeder zorgt voor de kinderen; vader ziet ze om het weekend." if kinderen else "",
            netwerk="Oma woont in de buurt en past twee middagen per week op." if kinderen else "",
            vervolg="Navragen bij school hoe het met de kinderen gaat." if open_vervolg else "",
            vervolg_status=dm.VervolgStatus.OPEN if open_vervolg else dm.VervolgStatus.GEEN,
            vervolg_datum=self.t.date() + timedelta(days=7) if open_vervolg else None, datum=self.t.date()))
        return self

    def overleg(self, soort: C = C.AANDACHTSFUNCTIONARIS, advies: str = "", wie: str = "") -> int:
        teksten = {
            C.COLLEGA: ("collega gedragswetenschapper", "Leg de signalen feitelijk vast en bespreek ze met moeder."),
            C.AANDACHTSFUNCTIONARIS: ("aandachtsfunctionaris van het team",
                                      "Ga het gesprek aan en gebruik daarna het afwegingskader."),
            C.VEILIG_THUIS_ADVIES: ("Veilig Thuis Zaanstreek-Waterland (anoniem advies)",
                                    "Bespreek de zorgen met de cliënt; bel terug als het niet lukt."),
            C.EXPERT_EGG: ("aandachtsfunctionaris eergerelateerd geweld van de politie",
                           "Niet met de familie praten. Veiligheidsplan met dochter maken; bij vertrekplannen direct "
                           "melden."),
            C.EXPERT_LKHA: ("Landelijk Knooppunt Huwelijksdwang en Achterlating",
                            "Paspoort laten controleren, noodnummer meegeven, niet met ouders bespreken."),
            C.EXPERT_VGV: ("GGD, aandachtsfunctionaris meisjesbesnijdenis",
                           "Moeder ondersteunen in haar nee; de jeugdarts maakt een afspraak."),
            C.LETSELDUIDING: ("LECK", "Letsel laten beoordelen door de forensisch arts."),
        }
        standaard_wie, standaard_advies = teksten.get(soort, ("deskundige", "Advies vastgelegd."))
        return self.voeg(dm.Consultatie(soort=soort, datum=self.t.date(), wie=wie or standaard_wie,
                                        vraag="Wat is een goede volgende stap?", advies=advies or standaard_advies,
                                        anoniem=True))

    def gesprek(self, reactie: str = "De cliënt schrok, was eerst boos en zei later dat het thuis zwaar is.") -> int:
        return self.voeg(dm.Gesprek(datum=self.t.date(), deelnemers=("cliënt", "ik"),
                                    wat_voorgelegd="De signalen die ik heb gezien en gehoord, en mijn zorgen.",
                                    reactie_client=reactie, uitkomst="We spreken af dat ik volgende week terugkom."))

    def niet_gevoerd(self, reden: dm.RedenNietGevoerd, consultatie_id: int) -> int:
        return self.voeg(dm.GesprekNietGevoerd(
            reden=reden, consultatie_id=consultatie_id, afgestemd_met="aandachtsfunctionaris",
            toelichting="Als de familie hoort van de zorgen, wordt het onveiliger.", datum=self.t.date()))

    def afweging(self, nummer: int, antwoord: bool, motivatie: str) -> int:
        return self.voeg(dm.AfwegingAntwoord(nummer=nummer, antwoord=antwoord, motivatie=motivatie))

    def besluit(self, melden: bool, hulp: bool, meldnorm: int | None, motivatie: str) -> int:
        self.besluit_id = self.voeg(dm.Besluit(melden=melden, hulp=hulp, meldnorm=meldnorm, motivatie=motivatie,
                                               besluit_door="Anouk de Vries (aandachtsfunctionaris)"))
        return self.besluit_id

    def medeonderteken(self, login: str = "aandachtsfunctionaris") -> None:
        assert self.besluit_id is not None
        self._doe(mc.medeonderteken, self.besluit_id, login=login)

    def melding(self, *, kanaal=dm.MeldingKanaal.TELEFOON, geinformeerd: bool = True,
                anoniem: dm.AnoniemGrond | None = None) -> int:
        return self.voeg(dm.Melding(
            datum_tijd=self.t.astimezone().replace(tzinfo=None), kanaal=kanaal,
            veilig_thuis_regio="Zaanstreek-Waterland", contactpersoon="dienstdoende medewerker",
            samenvatting_feiten_en_bronnen="De vastgelegde signalen, met van wie ze komen (zie verslag).",
            stappen_gezet="Signalen vastgelegd, overleg met de aandachtsfunctionaris, gesprek met de cliënt.",
            client_geinformeerd=geinformeerd,
            reden_niet="" if geinformeerd else "Vertellen brengt de veiligheid van mevrouw in gevaar.",
            pogingen_contact="" if geinformeerd else "Geen: bewust niet verteld.",
            reactie_en_bezwaren="Cliënt was het er niet mee eens, maar begreep de zorgen." if geinformeerd else "",
            hoe_omgegaan="Uitgelegd wat Veilig Thuis doet en dat ik betrokken blijf." if geinformeerd else "",
            anoniem_grond=anoniem, vervolgafspraken="Veilig Thuis belt binnen vijf werkdagen terug."))

    def hulp(self, evaluatie_over_dagen: int) -> int:
        return self.voeg(dm.Hulp(wat="Gezinscoach twee keer per week en opvoedondersteuning",
                                 wie="Wijkteam (gezinscoach)",
                                 evaluatiedatum=self.b.vandaag + timedelta(days=evaluatie_over_dagen),
                                 veiligheidsafspraken="Bij ruzie belt moeder haar zus en gaat ze met de kinderen "
                                                      "naar haar toe."))

    def terugkoppeling(self, soort=dm.TerugkoppelingSoort.BESLUIT_VEILIGHEIDSBEOORDELING) -> int:
        return self.voeg(dm.VeiligThuisTerugkoppeling(
            datum=self.t.date(), soort=soort, inhoud="Veilig Thuis doet de veiligheidsbeoordeling en neemt contact op "
                                                     "met het gezin.", vervolgacties="Wijkteam blijft betrokken."))

    def stap(self, stap: int) -> None:
        self._doe(mc.zet_stap, stap)

    def sluit(self, reden: str) -> None:
        self._doe(mc.sluit, reden)

    def heropen(self, reden: str) -> None:
        self._doe(mc.heropen, reden)


def _gezin(*kinderen: int, moeder: int = 34) -> list[dm.Betrokkene]:
    uit = [dm.Betrokkene(rol=R.OUDER_GEZAGHEBBENDE, aanduiding="moeder", leeftijd=moeder, gezag=True)]
    uit += [dm.Betrokkene(rol=R.KIND, aanduiding=f"kind {i}", leeftijd=k, relatie="kind van moeder")
            for i, k in enumerate(kinderen, start=1)]
    return uit


def _paar() -> list[dm.Betrokkene]:
    return [dm.Betrokkene(rol=R.VERMOEDELIJK_SLACHTOFFER, aanduiding="mevrouw", leeftijd=38),
            dm.Betrokkene(rol=R.VERMOEDELIJKE_PLEGER, aanduiding="partner", leeftijd=41, relatie="partner van mevrouw")]


def _oudere() -> list[dm.Betrokkene]:
    return [dm.Betrokkene(rol=R.VERMOEDELIJK_SLACHTOFFER, aanduiding="mevrouw", leeftijd=84),
            dm.Betrokkene(rol=R.MANTELZORGER, aanduiding="zoon", leeftijd=52, relatie="zoon, mantelzorger")]


def _jongere(leeftijd: int = 16) -> list[dm.Betrokkene]:
    return [dm.Betrokkene(rol=R.VERMOEDELIJK_SLACHTOFFER, aanduiding="dochter", leeftijd=leeftijd),
            dm.Betrokkene(rol=R.OUDER_GEZAGHEBBENDE, aanduiding="vader", leeftijd=48, gezag=True)]


def _eerste_stappen(d: _Dossier, *, kindcheck: bool = True, gesprek: bool = True) -> None:
    d.signalen(4)
    if kindcheck:
        d.kindcheck()
    d.stap(2)
    d.na(3).overleg()
    d.stap(3)
    if gesprek:
        d.na(4).gesprek()
    d.stap(4)


def build(ws: Workspace, team_ids: dict[str, int], account_ids: dict[str, str]) -> list[str]:
    b = _Bouwer(ws, team_ids, account_ids)
    p, a, demo = "professional", "aandachtsfunctionaris", "demo"
    n = 0

    # --- open in each step ---------------------------------------------------------------
    d = b.nieuw(p, "zaandam-oost", ZAANSTAD, "ZW-2026-0147", {V.KINDERMISHANDELING}, _gezin(3, 6), 5)
    d.signalen(3).kindcheck(open_vervolg=True)  # stap 1, kindcheck follow-up open
    n += 1

    d = b.nieuw(p, "zaandam-oost", ZAANSTAD, "ZW-2026-0152", {V.PARTNERGEWELD}, _paar(), 9, af=True)
    d.signalen(4).kindcheck()
    d.stap(2)
    d.na(2).overleg(C.COLLEGA)  # stap 2
    n += 1

    d = b.nieuw(p, "zaandam-oost", ZAANSTAD, "ZW-2026-0161", {V.KINDERMISHANDELING}, _gezin(5), 14)
    d.signalen(4).kindcheck()
    d.stap(2)
    d.na(2).overleg()
    d.stap(3)  # stap 3, conversation still to do
    n += 1

    d = b.nieuw(p, "zaandam-oost", ZAANSTAD, "ZW-2026-0170", {V.OUDERENMISHANDELING}, _oudere(), 20, af=True)
    _eerste_stappen(d, kindcheck=False)
    d.na(1).afweging(1, True, "De signalen van mevrouw en de thuiszorg passen bij financiële uitbuiting.")
    d.afweging(2, False, "Mevrouw heeft eten via de buurvrouw; er is geen direct gevaar.")  # stap 4
    n += 1

    d = b.nieuw(p, "zaandam-oost", ZAANSTAD, "ZW-2026-0178", {V.PARTNERGEWELD}, _paar(), 25, af=True)
    _eerste_stappen(d)
    d.na(1).afweging(1, True, "Mevrouw vertelt zelf over controle en geweld.")
    d.afweging(2, False, "Geen acuut gevaar; partner is vertrokken naar zijn broer.")
    d.stap(5)
    d.afweging(3, True, "Wij kunnen hulp bieden met de gezinscoach en het maatschappelijk werk.")  # stap 5 open
    n += 1

    # --- outcomes --------------------------------------------------------------------------
    d = b.nieuw(a, "zaandam-west", ZAANSTAD, "ZW-2026-0183", {V.KINDERMISHANDELING}, _gezin(8), 40)
    _eerste_stappen(d)
    d.na(1).afweging(1, False, "Na het gesprek en navraag bij school is het vermoeden weg: de blauwe plek komt van "
                                "een val op het schoolplein, de juf zag het gebeuren.")
    d.sluit("Afweging 1 is nee: geen vermoeden meer. School blijft alert.")  # afsluiten bij 1
    n += 1

    d = b.nieuw(a, "zaandam-west", ZAANSTAD, "ZW-2026-0191", {V.PARTNERGEWELD, V.KINDERMISHANDELING},
                _paar() + [dm.Betrokkene(rol=R.KIND, aanduiding="kind 1", leeftijd=2)], 30)
    _eerste_stappen(d)
    d.na(1).afweging(1, True, "Meerdere signalen van geweld waar het kind bij is.")
    d.afweging(2, True, "Structurele onveiligheid: al twee jaar geweld in bijzijn van het kind.")
    d.stap(5)
    d.besluit(True, True, 1, "Structurele onveiligheid: melden is nodig. Wij blijven hulp bieden samen met Veilig "
                             "Thuis.")
    d.medeonderteken(demo)
    d.melding()
    d.hulp(21)
    d.na(4).terugkoppeling()  # melden bij 2
    n += 1

    d = b.nieuw(demo, "purmerend", PURMEREND, "ZW-2026-0204", {V.KINDERMISHANDELING}, _gezin(1, 9), 28)
    _eerste_stappen(d)
    d.na(1).afweging(1, True, "Verwaarlozing van de baby is door twee bronnen gezien.")
    d.afweging(2, False, "Er is geen acuut gevaar.")
    d.stap(5)
    d.afweging(3, False, "De zorgen gaan over de opvoeding van een baby; daarvoor hebben wij niet de deskundigheid.")
    d.besluit(True, False, 2, "Wij kunnen zelf geen passende hulp bieden. Melden is nodig.")
    d.na(8).melding(kanaal=dm.MeldingKanaal.ONLINE)  # melden bij 3, geen terugkoppeling (te laat)
    n += 1

    d = b.nieuw(demo, "waterland", WATERLAND, "ZW-2026-0212", {V.OUDERENMISHANDELING}, _oudere(), 35)
    _eerste_stappen(d, kindcheck=False)
    d.na(1).afweging(1, True, "Financiële uitbuiting is door de thuiszorg en de bank bevestigd.")
    d.afweging(2, False, "Geen acuut gevaar.")
    d.stap(5)
    d.afweging(3, True, "Wij kunnen budgetbeheer en een casemanager regelen.")
    d.afweging(4, False, "De zoon weigert elke hulp en verbiedt mevrouw om mee te werken.")
    d.besluit(True, False, 2, "De hulp wordt niet aanvaard. Melden is nodig.")
    d.melding(geinformeerd=False, anoniem=dm.AnoniemGrond.VEILIGHEID_KIND_OF_GEZIN)
    d.na(3).terugkoppeling(dm.TerugkoppelingSoort.ONTVANGSTBEVESTIGING)
    d.na(2).terugkoppeling()  # melden bij 4
    n += 1

    def hulp_traject(d: _Dossier, evaluatie_over: int, *, kindcheck: bool = True) -> None:
        _eerste_stappen(d, kindcheck=kindcheck)
        d.na(1).afweging(1, True, "De signalen wijzen op huiselijk geweld.")
        d.afweging(2, False, "Geen acute of structurele onveiligheid.")
        d.stap(5)
        d.afweging(3, True, "Wij kunnen een gezinscoach inzetten.")
        d.afweging(4, True, "Moeder wil de hulp en heeft de afspraken ondertekend.")
        d.besluit(False, True, None, "Hulp bieden is mogelijk en wordt aanvaard; melden is nu niet nodig.")
        d.hulp(evaluatie_over)

    d = b.nieuw(p, "zaandam-oost", ZAANSTAD, "ZW-2026-0219", {V.KINDERMISHANDELING}, _gezin(4, 10), 45)
    hulp_traject(d, 5)  # evaluatie binnenkort
    d.medeonderteken(a)
    n += 1

    d = b.nieuw(demo, "edam", EDAM, "ZW-2026-0225", {V.PARTNERGEWELD}, _paar(), 70)
    hulp_traject(d, -10, kindcheck=False)  # evaluatie te laat
    n += 1

    d = b.nieuw(demo, "waterland", LANDSMEER, "ZW-2026-0231", {V.KINDERMISHANDELING}, _gezin(6), 120)
    hulp_traject(d, -30)
    d.na(60).afweging(5, True, "Na drie maanden gezinscoaching gaat het goed; school ziet het kind opbloeien.")
    d.besluit(False, False, None, "De hulp heeft gewerkt. Afspraak: school meldt zich bij nieuwe zorgen.")
    d.sluit("Afweging 5 is ja. Afspraken gemaakt over het volgen van de veiligheid.")  # hulp, 5 ja
    n += 1

    d = b.nieuw(a, "zaandam-oost", ZAANSTAD, "ZW-2026-0238", {V.PARTNERGEWELD}, _paar(), 110)
    hulp_traject(d, -20, kindcheck=False)
    d.na(50).afweging(5, False, "Na de hulp is er opnieuw geweld geweest; de politie kwam twee keer.")
    d.besluit(True, False, 3, "De hulp leidt niet tot veiligheid. Opnieuw melden (meldnorm 3).")
    d.medeonderteken(demo)
    d.melding()  # hulp, 5 nee: opnieuw melden
    n += 1

    d = b.nieuw(demo, "edam", WORMERLAND, "ZW-2026-0244", {V.KINDERMISHANDELING}, _gezin(1, moeder=24), 6)
    d.signalen(2)
    d.voeg(dm.Acuut(reden="Baby met verse brandwonden op beide handen; moeder wil niet naar de huisarts.",
                    actie="Direct Veilig Thuis gebeld; huisarts heeft de baby dezelfde dag gezien."))
    d.stap(5)
    d.afweging(1, True, "Verse brandwonden bij een baby zonder verklaring.")
    d.afweging(2, True, "Acuut gevaar: de baby krijgt geen medische zorg.")
    d.besluit(True, False, 1, "Acuut gevaar: direct telefonisch gemeld. Stappen 2 en 3 overgeslagen.")
    d.melding()  # acute route
    n += 1

    d = b.nieuw(p, "zaandam-oost", ZAANSTAD, "ZW-2026-0251", {V.EERGERELATEERD_GEWELD}, _jongere(), 18, af=True)
    d.signalen(3).kindcheck()
    d.stap(2)
    expert = d.na(1).overleg(C.EXPERT_EGG)  # EGG met deskundige
    d.overleg(C.AANDACHTSFUNCTIONARIS)
    d.stap(3)
    d.niet_gevoerd(dm.RedenNietGevoerd.VEILIGHEID_CLIENT, expert)
    d.stap(4)
    n += 1

    d = b.nieuw(demo, "purmerend", PURMEREND, "ZW-2026-0257", {V.PARTNERGEWELD}, _paar(), 16)
    d.signalen(4).kindcheck()
    d.stap(2)
    af_overleg = d.na(1).overleg(C.AANDACHTSFUNCTIONARIS)
    d.stap(3)
    d.niet_gevoerd(dm.RedenNietGevoerd.VEILIGHEID_PROFESSIONAL, af_overleg)  # stap 3 niet gevoerd
    d.stap(4)
    n += 1

    d = b.nieuw(p, "zaandam-oost", ZAANSTAD, "ZW-2026-0263", {V.KINDERMISHANDELING}, _gezin(2), 75)
    d.signalen(2).kindcheck()
    d.stap(2)  # geen activiteit sinds ruim tien weken
    n += 1

    d = b.nieuw(demo, "waterland", OOSTZAAN, "ZW-2026-0270", {V.OUDERENMISHANDELING}, _oudere(), 50)
    d.signalen(2)  # geen activiteit sinds ruim zeven weken
    n += 1

    d = b.nieuw(a, "zaandam-west", ZAANSTAD, "ZW-2026-0276", {V.HUWELIJKSDWANG}, _jongere(17), 8)
    d.signalen(2).kindcheck()
    d.stap(2)
    d.na(1).overleg(C.EXPERT_LKHA)
    n += 1

    d = b.nieuw(demo, "edam", EDAM, "ZW-2026-0281", {V.VGV}, _gezin(4, 7, moeder=29), 11)
    d.signalen(2).kindcheck()
    d.stap(2)
    d.na(1).overleg(C.EXPERT_VGV)
    n += 1

    d = b.nieuw(demo, "purmerend", PURMEREND, "ZW-2026-0288", {V.KINDERMISHANDELING}, _gezin(9, 12), 21)
    d.voeg(dm.Overdracht(datum=d.t.date(), van="Veilig Thuis Zaanstreek-Waterland", contactpersoon="casemanager",
                         reden="Na de veiligheidsbeoordeling draagt Veilig Thuis het gezin over aan het wijkteam.",
                         afspraken="Wijkteam zet hulp in; Veilig Thuis volgt de veiligheid drie maanden."))
    _eerste_stappen(d)
    d.afweging(1, True, "Veilig Thuis en school zien dezelfde signalen.")
    d.afweging(2, False, "Geen acute onveiligheid na de afspraken met Veilig Thuis.")
    d.stap(5)
    d.afweging(3, True, "Het wijkteam kan de hulp bieden.")
    d.afweging(4, True, "Ouders werken mee.")
    d.hulp(30)  # stap 5 open, overdracht van Veilig Thuis
    n += 1

    d = b.nieuw(p, "zaandam-oost", ZAANSTAD, "ZW-2026-0294", {V.PARTNERGEWELD}, _paar(), 150)
    hulp_traject(d, -60, kindcheck=False)
    eerste = d.signaal_ids[0]
    oud = mc.laad_versie
    with b.als(p, d.t):
        vorige = oud(ws, d.id, eerste)
    with b.als(p, d.t):
        mc.corrigeer(ws, d.id, eerste, replace(vorige, omschrijving=vorige.omschrijving + " (aangevuld: dit vertelde "
                                                                                        "mevrouw op 3 maart.)"))
    d.na(90).afweging(5, True, "Mevrouw woont nu met de kinderen bij haar zus; het contact met de partner loopt via "
                               "een advocaat.")
    d.besluit(False, False, None, "Veiligheid is hersteld. Afspraak: mevrouw belt bij nieuwe zorgen.")
    d.sluit("Afweging 5 is ja. Monitoringafspraken gemaakt.")
    n += 1

    d = b.nieuw(demo, "waterland", WATERLAND, "ZW-2025-0903", {V.KINDERMISHANDELING}, _gezin(5), 200)
    d.signalen(2)
    d.stap(4)
    d.afweging(1, False, "Het vermoeden is na het gesprek weg.")
    d.sluit("Afweging 1 is nee.")
    d.na(180).heropen("Nieuw signaal van school: het kind is weer vaak afwezig.")
    d.signalen(1)  # heropend, ronde 2
    n += 1

    d = b.nieuw(a, "zaandam-west", ZAANSTAD, "ZW-2026-0301", {V.SEKSUEEL_GEWELD}, _jongere(15), 12)
    d.signalen(2).kindcheck()
    d.stap(2)
    d.na(1).overleg(C.VEILIG_THUIS_ADVIES)
    d.stap(4)
    d.afweging(1, True, "Een volwassene zoekt seksueel contact met een kind van 15.")
    d.afweging(2, True, "Acute onveiligheid: er is een afspraak gepland.")
    d.stap(5)
    d.besluit(True, True, 1, "Acute onveiligheid: direct melden. Hulp voor de jongere loopt door.")
    d.melding(anoniem=dm.AnoniemGrond.VERTROUWENSRELATIE)
    d.hulp(14)
    n += 1

    d = b.nieuw(demo, "purmerend", PURMEREND, "ZW-2026-0307", {V.MENSENHANDEL},
                [dm.Betrokkene(rol=R.VERMOEDELIJK_SLACHTOFFER, aanduiding="cliënt", leeftijd=23)], 3)
    d.signalen(2)
    n += 1

    d = b.nieuw(demo, "edam", WORMERLAND, "ZW-2026-0312", {V.KINDERMISHANDELING}, _gezin(11), 19)
    _eerste_stappen(d)
    d.afweging(1, True, "Het kind vertelt zelf over slaan met een riem.")
    n += 1

    d = b.nieuw(a, "zaandam-oost", ZAANSTAD, "ZW-2026-0318", {V.PARTNERGEWELD}, _paar(), 10)
    with b.als(a, d.t):
        mc.voeg_medewerker_toe(ws, d.id, account_ids[p])  # professional added to the AF's dossier
    d.signalen(3).kindcheck()
    d.stap(2)
    d.na(1).overleg(C.COLLEGA)
    d.stap(3)
    n += 1

    d = b.nieuw(demo, "waterland", LANDSMEER, "ZW-2026-0325", {V.PARTNERGEWELD}, _paar(), 15)
    _eerste_stappen(d)
    d.afweging(1, True, "Mevrouw vertelt over geweld; de huisarts zag letsel.")
    d.afweging(2, True, "Structurele onveiligheid: al jaren geweld.")
    d.stap(5)
    d.besluit(True, True, 1, "Melden is nodig; de melding volgt na het gesprek met mevrouw.")  # melding nog niet gedaan
    n += 1

    d = b.nieuw(demo, "purmerend", PURMEREND, "ZW-2026-0331", {V.OUDERENMISHANDELING}, _oudere(), 60)
    _eerste_stappen(d, kindcheck=False)
    d.afweging(1, False, "De lege koelkast kwam door een ziekenhuisopname van de zoon; dat is opgelost.")
    d.sluit("Afweging 1 is nee.")
    n += 1

    d = b.nieuw(a, "zaandam-west", ZAANSTAD, "ZW-2026-0336", {V.OUDERENMISHANDELING}, _oudere(), 33)
    hulp_traject(d, 12, kindcheck=False)
    n += 1

    return [f"{n} fictieve meldcode-dossiers in alle stappen en uitkomsten, verspreid over de zeven gemeenten "
            "(eigenaars: professional, aandachtsfunctionaris en demo)"]
