"""Realistic, long content for the plan screens (layout and accessibility tests, the AT-SPI harness): two teams
with long names, 20 actions with long titles, long names of trekkers and partners, notes, a long section text.
Made through the real services; all names are made up."""
from __future__ import annotations

from datetime import date, timedelta

from ghnt_desktop.domain.plan import ActieStatus

GEMEENTE = "GM0479"
TEAM_PREFIX = "Sociaal Wijkteam Zaandam-Oost, Poelenburg en Peldersveld-Noord"
LANGE_NAAM = "Mevrouw Annemarie van der Heijden-Koppelaar-Wijnbergen (teamleider Zaanstad-Oost)"
ACTIELIJNEN = ("eerder_in_beeld", "stoppen_en_oplossen", "op_maat", "borgen_kennis", None)


def actie_titel(i: int) -> str:
    return (f"Actie {i + 1}: alle professionals van het wijkteam volgen de verdiepende training over de meldcode "
            "huiselijk geweld en kindermishandeling, met het afwegingskader, oefencasussen en een terugkomdag "
            "over samenwerkingsafspraken met Veilig Thuis")


def maak_plan_met_veel_acties(ws, *, aantal: int = 20, vandaag: date | None = None) -> int:
    """A concept plan for Zaanstad with ``aantal`` long actions (some late, some with notes). Returns its id."""
    from ghnt_desktop.services import plan as ps
    from ghnt_desktop.services import regiovisie
    from tests.plan.helpers import maak_teams_met_scans

    vandaag = vandaag or date.today()
    maak_teams_met_scans(ws, 2, GEMEENTE, prefix=TEAM_PREFIX)
    regiovisie.kies_profiel(ws, "zaanstreek-waterland-2020")
    plan_id = ps.maak_plan(ws, GEMEENTE, jaar=vandaag.year, volgende_zelfscan=vandaag + timedelta(days=120))
    standaarden = [s.id for s in ps.standaarden(ws, plan_id)]
    statussen = list(ActieStatus)
    for i in range(aantal):
        actie_id = ps.voeg_actie_toe(ws, plan_id, ps.ActieVelden(
            omschrijving=actie_titel(i), standaard_ids=tuple(standaarden[i % 7:i % 7 + 3]),
            thema="Signaleren, afwegen en melden in de wijk", actielijn=ACTIELIJNEN[i % len(ACTIELIJNEN)],
            eigenaar=LANGE_NAAM, partners="Veilig Thuis Zaanstreek-Waterland, GGD Zaanstreek-Waterland, "
            "huisartsen, scholen en kinderopvang in Zaandam-Oost",
            start=vandaag - timedelta(days=90), deadline=vandaag + timedelta(days=(i - 4) * 12),
            budget="€ 6.500 voor de trainer en de zaalhuur", capaciteit="2 dagdelen per professional",
            beoogd_resultaat="Iedereen kent de vijf stappen en de twee afwegingen en past ze toe in het "
            "casuïstiekoverleg. " * 3, indicator="90% van de professionals heeft de training gevolgd.",
            status=statussen[i % len(statussen)]))
        if i % 4 == 0:
            ps.voeg_voortgang_toe(ws, actie_id, vandaag - timedelta(days=10),
                                  "Eerste groep van twaalf collega's getraind; de tweede training is uitgesteld "
                                  "door ziekte van de trainer en wordt in het volgende kwartaal ingehaald. " * 2)
    ps.bewaar_sectie(ws, plan_id, "huidige_situatie.signaleren",
                     ("De teams zien veel signalen op tijd. Nieuwe collega's kennen de afwegingen van de meldcode "
                      "nog niet goed genoeg; daarom komt er een training. ") * 30, titel="Signaleren en melden")
    return plan_id
