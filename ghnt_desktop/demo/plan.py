"""Demo plan van aanpak for Zaanstad, built on the demo zelfscans (``demo/zelfscan.py``).

A concept plan with the datalab paragraph on and nine actions in every status: two are overdue, several
have progress notes. All names and texts are made up. Dates are relative to today.
"""
from __future__ import annotations

from datetime import date, timedelta

from ghnt_desktop.domain.plan import ActieStatus

ZAANSTAD = "GM0479"
REGIOVISIE = "zaanstreek-waterland-2020"  # the demo plan uses the actielijnen of Zaanstreek-Waterland

# codes of the actielijnen in resources/plan/regiovisies/zaanstreek-waterland-2020.json
EERDER_IN_BEELD = "eerder_in_beeld"
STOPPEN_EN_OPLOSSEN = "stoppen_en_oplossen"
OP_MAAT = "op_maat"
BORGEN_KENNIS = "borgen_kennis"

# (omschrijving, standaarden, thema, actielijn, eigenaar, partners, start (days from today), deadline (days),
#  budget, capaciteit, beoogd resultaat, indicator, status, notes [(days from today, text)])
ACTIES = [
    ("Alle professionals van de twee Zaanse teams volgen de training meldcode en afwegingskader.",
     ("LT-02",), "Signaleren en melden", EERDER_IN_BEELD, "Teamleider Wijkteam Zaandam-Oost",
     "Veilig Thuis Zaanstreek-Waterland, GGD", -150, -20, "€ 6.500 voor de trainer", "2 dagdelen per professional",
     "Iedereen kent de vijf stappen en de twee afwegingen.", "90% van de professionals heeft de training gevolgd.",
     ActieStatus.LOPEND, [(-90, "Eerste groep (12 collega's) getraind."),
                          (-30, "Tweede training uitgesteld door ziekte van de trainer.")]),
    ("Elk team heeft minstens twee aandachtsfunctionarissen met tijd voor hun taak.",
     ("LT-10",), "Deskundigheid en vastleggen", BORGEN_KENNIS, "Manager sociaal domein",
     "Beide teams", -200, -60, "", "4 uur per week per aandachtsfunctionaris",
     "Collega's kunnen altijd iemand raadplegen.", "Twee aandachtsfunctionarissen per team.",
     ActieStatus.GEREED, [(-70, "Sociaal team Zaandam-West heeft een tweede aandachtsfunctionaris.")]),
    ("Een vaste werkwijze voor de veiligheidsbeoordeling invoeren (één lijst voor alle collega's).",
     ("LT-03", "LT-04"), "Veiligheid beoordelen en bewaken", STOPPEN_EN_OPLOSSEN,
     "Gedragswetenschapper Wijkteam Zaandam-Oost", "Veilig Thuis", -100, 60, "", "8 uur per maand",
     "Veiligheid wordt in elk gezin op dezelfde manier beoordeeld.", "In 8 van de 10 dossiers staat de lijst.",
     ActieStatus.LOPEND, [(-40, "Lijst gekozen; proef in Zaandam-Oost gestart.")]),
    ("De samenwerkingsafspraken met Veilig Thuis samen evalueren en bijwerken.",
     ("GM-03",), "Regie en samenwerking", STOPPEN_EN_OPLOSSEN, "Beleidsadviseur gemeente Zaanstad",
     "Veilig Thuis, centrumgemeente", -60, -5, "", "", "Actuele afspraken over overdracht en terugkoppeling.",
     "Ondertekende afspraken.", ActieStatus.GEPLAND, []),
    ("De opdracht aan de teams over huiselijk geweld vastleggen in de subsidiebeschikking.",
     ("GM-01",), "Opdracht, middelen en kwaliteit", STOPPEN_EN_OPLOSSEN,
     "Beleidsadviseur gemeente Zaanstad", "", -250, -120, "", "", "Een duidelijke opdracht per team.",
     "De opdracht staat in de beschikking.", ActieStatus.GEREED, []),
    ("Na een overdracht van Veilig Thuis elke zes weken nagaan of het thuis veilig is.",
     ("LT-05",), "Veiligheid beoordelen en bewaken", STOPPEN_EN_OPLOSSEN, "Teamleiders",
     "Veilig Thuis", -30, 90, "", "1 uur per gezin per zes weken", "Veiligheid blijft in beeld.",
     "Bij alle overgedragen gezinnen staat een vaste controle in de agenda.", ActieStatus.LOPEND, []),
    ("Traumascreening voor kinderen na huiselijk geweld in het aanbod opnemen.",
     ("LT-09",), "Herstel na geweld", OP_MAAT, "Manager sociaal domein", "GGZ, jeugdarts", 20, 150,
     "€ 12.000 per jaar", "", "Kinderen krijgen tijdig hulp bij trauma.", "Screening beschikbaar voor alle teams.",
     ActieStatus.GEPLAND, []),
    ("Een plegeraanbod opnemen in de sociale kaart van Zaanstad.",
     ("GM-05",), "Opdracht, middelen en kwaliteit", OP_MAAT, "Beleidsadviseur gemeente Zaanstad",
     "Centrumgemeente", -120, 30, "", "", "Plegers krijgen passende hulp.", "Aanbod staat in de sociale kaart.",
     ActieStatus.VERVALLEN, [(-45, "Vervallen: de centrumgemeente pakt dit regionaal op.")]),
    ("Elk kwartaal intervisie over lastige situaties, met beide teams samen.",
     ("LT-07", "LT-10"), "Deskundigheid en vastleggen", BORGEN_KENNIS, "Aandachtsfunctionarissen",
     "Gedragswetenschappers", -180, 185, "", "2 uur per kwartaal", "Professionals leren van elkaar.",
     "Vier bijeenkomsten per jaar.", ActieStatus.LOPEND, [(-15, "Derde bijeenkomst gehouden, 14 deelnemers.")]),
]


def build(ws, team_ids: dict[str, int], account_ids: dict[str, str]) -> list[str]:
    from ghnt_desktop.services import plan as ps

    vandaag = date.today()

    def dag(n: int | None) -> date | None:
        return None if n is None else vandaag + timedelta(days=n)

    from ghnt_desktop.services import regiovisie

    regiovisie.kies_profiel(ws, REGIOVISIE)  # chosen explicitly, as a beheerder does at set-up
    plan_id = ps.maak_plan(ws, ZAANSTAD, datalab=True, volgende_zelfscan=vandaag + timedelta(days=120))
    for (oms, standaarden, thema, lijn, eigenaar, partners, start, deadline, budget, capaciteit, resultaat,
         indicator, status, notities) in ACTIES:
        actie_id = ps.voeg_actie_toe(ws, plan_id, ps.ActieVelden(
            omschrijving=oms, standaard_ids=standaarden, thema=thema, actielijn=lijn, eigenaar=eigenaar,
            partners=partners, start=dag(start), deadline=dag(deadline), budget=budget, capaciteit=capaciteit,
            beoogd_resultaat=resultaat, indicator=indicator, status=status))
        for n, tekst in notities:
            ps.voeg_voortgang_toe(ws, actie_id, dag(n), tekst)
    ps.bewaar_sectie(ws, plan_id, "huidige_situatie.signaleren",
                     "De teams zien veel signalen op tijd. Nieuwe collega's kennen de afwegingen van de meldcode nog "
                     "niet goed genoeg; daarom komt er een training.", titel="Signaleren en melden")
    o = ps.overzicht(ws, plan_id, vandaag=vandaag)
    return [f"Plan van aanpak Zaanstad (concept) met {o.totaal} acties, waarvan {o.aantal_te_laat} te laat"]
