"""Plan van aanpak service: creating, scans, actions, sections, vaststellen, versions, rights, audit."""
from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from ghnt_desktop.domain.plan import ActieStatus, PlanStatus
from ghnt_desktop.domain.roles import Rol
from ghnt_desktop.errors import PermissionDenied, UserError, ValidationError
from ghnt_desktop.reporting import plan_pdf
from ghnt_desktop.services import plan as ps
from tests.plan.helpers import maak_manager_werkruimte, maak_teams_met_scans, maak_vastgestelde_scan

VANDAAG = date.today()


@pytest.fixture
def ws(data_dir):
    # Purmerend too: a team may only serve gemeenten of the workspace (test_scan_choice... makes one there)
    ws = maak_manager_werkruimte(data_dir, gemeenten=(("GM0479", "Zaanstad"), ("GM0439", "Purmerend")))
    ws.team_ids = maak_teams_met_scans(ws, 2)  # type: ignore[attr-defined]
    yield ws
    ws.close()


def _audit(ws, actie: str) -> list[str]:
    return [r[0] for r in ws.db.conn.execute("SELECT object_id FROM audit WHERE actie = ? AND object_type = 'plan'",
                                             [actie])]


def _velden(**kw) -> ps.ActieVelden:
    basis = dict(omschrijving="Training meldcode voor alle professionals", standaard_ids=("LT-02",),
                 thema="Signaleren en melden", actielijn="eerder_in_beeld", eigenaar="Teamleider",
                 partners="Veilig Thuis", start=date(2026, 1, 1), deadline=date(2026, 6, 1), budget="€ 5.000",
                 capaciteit="2 dagdelen", beoogd_resultaat="Iedereen getraind", indicator="90%",
                 status=ActieStatus.GEPLAND)
    basis.update(kw)
    return ps.ActieVelden(**basis)


def test_new_plan_has_defaults_latest_scans_sections_and_is_audited(ws):
    plan_id = ps.maak_plan(ws, "Zaanstad", jaar=2026)
    p = ps.plan(ws, plan_id)
    assert p.titel == "Plan van aanpak Versterken lokale teams \u2013 Zaanstad 2026"
    assert (p.gemeente_code, p.periode_van, p.periode_tot) == ("GM0479", date(2026, 1, 1), date(2026, 12, 31))
    assert (p.versie, p.status, p.vorige_versie_id) == (1, PlanStatus.CONCEPT, None)
    laatste = {s.id for s in ps.standaard_scans(ws, "GM0479")}
    assert set(p.scan_ids) == laatste and len(laatste) == 2
    assert all(s.peildatum == date(2026, 3, 1) for s in ps.standaard_scans(ws, "GM0479"))
    assert p.volgende_zelfscan == date(2027, 3, 1)
    secties = ps.secties(ws, plan_id)
    hoofd = [s.code for s in secties if s.niveau == 1]
    assert hoofd == ["aanleiding_en_doel", "uitgangspunten", "huidige_situatie", "doelen", "acties",
                     "organisatie_en_regie", "middelen", "monitoring_en_evaluatie"]
    assert any(s.niveau == 2 and s.thema_id == "signaleren" for s in secties)
    assert "{volgende_zelfscan}" in next(s.tekst for s in secties if s.code == "monitoring_en_evaluatie")
    assert _audit(ws, "plan_aanmaken") == [str(plan_id)]
    # the current plan of the gemeente is this one
    assert ps.huidig_plan(ws, "GM0479", vandaag=date(2026, 5, 1)).id == plan_id
    with pytest.raises(UserError, match="al een plan"):
        ps.maak_plan(ws, "GM0479", jaar=2026)


def test_unknown_gemeente_and_gemeente_without_vastgestelde_scan(ws):
    with pytest.raises(UserError, match="onbekend"):
        ps.maak_plan(ws, "Atlantis")
    with pytest.raises(UserError, match="nog geen vastgestelde zelfscan"):
        ps.maak_plan(ws, "Leiden")
    assert ps.plannen(ws) == []


def test_scan_choice_one_per_team_and_only_of_this_gemeente(ws):
    from ghnt_desktop.services import teams

    alle = ps.beschikbare_scans(ws, "GM0479")
    assert len(alle) == 4  # two teams, two vastgestelde scans each
    team1 = [s for s in alle if s.team_naam == "Wijkteam Test 1"]
    plan_id = ps.maak_plan(ws, "GM0479", jaar=2026, scan_ids=[team1[1].id])  # the older scan of team 1
    assert ps.plan(ws, plan_id).scan_ids == (team1[1].id,)
    with pytest.raises(UserError, match="één zelfscan"):
        ps.kies_scans(ws, plan_id, [s.id for s in team1])
    elders = teams.maak_team(ws, "Wijkteam Purmerend Test", "wijkteam", ["GM0439"])
    vreemd = maak_vastgestelde_scan(ws, elders, date(2026, 2, 1))
    with pytest.raises(UserError, match="hoort niet bij"):
        ps.kies_scans(ws, plan_id, [vreemd])
    with pytest.raises(UserError, match="geen vastgestelde zelfscan"):
        ps.kies_scans(ws, plan_id, [])
    assert ps.kies_scans(ws, plan_id, [s.id for s in ps.standaard_scans(ws, "GM0479")]) == plan_id
    assert len(ps.plan(ws, plan_id).scan_ids) == 2


def test_verbeterpunten_ranked_from_the_chosen_scans(ws):
    plan_id = ps.maak_plan(ws, "GM0479", jaar=2026)
    punten = ps.verbeterpunten(ws, plan_id)
    assert [p.rang for p in punten] == list(range(1, len(punten) + 1))
    assert punten[0].hoogste_prioriteit == "hoog"
    prio = {"hoog": 3, "midden": 2, "laag": 1, None: 0}
    assert [prio[p.hoogste_prioriteit] for p in punten] == sorted((prio[p.hoogste_prioriteit] for p in punten),
                                                                   reverse=True)
    assert all(set(p.teams) <= {"Wijkteam Test 1", "Wijkteam Test 2"} for p in punten)
    assert any(p.aantal_teams == 2 for p in punten)
    # the zelfscan's free text never reaches the plan
    assert all(p.toelichtingen == () for p in punten)


def test_actions_validate_change_notes_and_overview(ws):
    plan_id = ps.maak_plan(ws, "GM0479", jaar=2026)
    with pytest.raises(ValidationError) as e:
        ps.voeg_actie_toe(ws, plan_id, _velden(omschrijving="  ", start=date(2026, 6, 1), deadline=date(2026, 1, 1)))
    assert any(d.startswith("omschrijving:") for d in e.value.details)
    assert any(d.startswith("deadline:") for d in e.value.details)
    assert ps.acties(ws, plan_id) == []

    a1 = ps.voeg_actie_toe(ws, plan_id, _velden(deadline=VANDAAG - timedelta(days=3), start=None,
                                                status=ActieStatus.LOPEND))
    a2 = ps.voeg_actie_toe(ws, plan_id, _velden(omschrijving="Afspraken Veilig Thuis", standaard_ids=("GM-03", "LT-08"),
                                                deadline=VANDAAG - timedelta(days=30), start=None,
                                                status=ActieStatus.GEREED))
    a3 = ps.voeg_actie_toe(ws, plan_id, _velden(omschrijving="Intervisie", deadline=None, start=None))
    acties = ps.acties(ws, plan_id)
    assert [a.nummer for a in acties] == [1, 2, 3]
    assert acties[1].standaard_ids == ("GM-03", "LT-08")
    assert acties[0].middelen == "Budget: € 5.000\nCapaciteit: 2 dagdelen"
    o = ps.overzicht(ws, plan_id, vandaag=VANDAAG)
    assert o.totaal == 3 and [a.id for a in o.te_laat] == [a1]  # a2 is gereed, a3 has no deadline
    assert o.per_status[ActieStatus.LOPEND] == 1 and o.per_status[ActieStatus.GEREED] == 1

    assert ps.wijzig_actie(ws, a1, _velden(status=ActieStatus.GEREED, deadline=VANDAAG - timedelta(days=3),
                                           start=None)) == a1
    assert ps.overzicht(ws, plan_id, vandaag=VANDAAG).aantal_te_laat == 0
    assert ps.voeg_voortgang_toe(ws, a3, date(2026, 4, 1), "Eerste bijeenkomst gehouden.") == a3
    with pytest.raises(ValidationError):
        ps.voeg_voortgang_toe(ws, a3, date(2026, 4, 2), "   ")
    (notitie,) = ps.actie(ws, a3).voortgang
    assert (notitie.datum, notitie.notitie, notitie.auteur_naam) == (date(2026, 4, 1), "Eerste bijeenkomst gehouden.",
                                                                     "Mia Manager")
    assert ps.verwijder_actie(ws, a2) == plan_id
    assert [a.id for a in ps.acties(ws, plan_id)] == [a1, a3]
    assert _audit(ws, "plan_wijzigen").count(str(plan_id)) == 6


def test_sections_save_theme_parts_and_defaults(ws):
    plan_id = ps.maak_plan(ws, "GM0479", jaar=2026)
    ps.bewaar_sectie(ws, plan_id, "doelen", "Ons doel voor {jaar}: ĳverig aan de slag.")
    ps.bewaar_sectie(ws, plan_id, "huidige_situatie.signaleren", "Nieuwe collega's kennen de meldcode nog niet.",
                     titel="Signaleren en melden")
    secties = {s.code: s for s in ps.secties(ws, plan_id)}
    assert secties["doelen"].tekst == "Ons doel voor {jaar}: ĳverig aan de slag."
    assert secties["huidige_situatie.signaleren"].tekst.startswith("Nieuwe collega's")
    assert secties["huidige_situatie.signaleren"].niveau == 2
    assert ps.standaardtekst("doelen").startswith("Aan het eind van {jaar}")
    with pytest.raises(UserError):
        ps.bewaar_sectie(ws, plan_id, "bestaat_niet", "x")
    with pytest.raises(ValidationError):
        ps.bewaar_sectie(ws, plan_id, "doelen", "x" * (ps.MAX_SECTIETEKST + 1))


def test_vaststellen_freezes_and_changing_starts_a_new_concept_version(ws):
    plan_id = ps.maak_plan(ws, "GM0479", jaar=2026, datalab=True)
    a1 = ps.voeg_actie_toe(ws, plan_id, _velden())
    ps.voeg_voortgang_toe(ws, a1, date(2026, 2, 1), "Gestart.")
    with pytest.raises(UserError, match="wie het plan"):
        ps.stel_vast(ws, plan_id, door="  ", op=date(2026, 3, 1))
    ps.stel_vast(ws, plan_id, door="College van B en W", op=date(2026, 3, 1))
    p1 = ps.plan(ws, plan_id)
    assert (p1.status, p1.vastgesteld_door, p1.vastgesteld_op) == (PlanStatus.VASTGESTELD, "College van B en W",
                                                                   date(2026, 3, 1))
    assert json.loads(p1.datalab_bevroren)["totaal"] == "0"  # frozen figures, computed at vaststellen
    assert _audit(ws, "plan_vaststellen") == [str(plan_id)]
    with pytest.raises(UserError, match="al vastgesteld"):
        ps.stel_vast(ws, plan_id, door="College", op=date(2026, 3, 2))
    # the database refuses changes to a vastgesteld version, whatever the caller
    with pytest.raises(Exception, match="vastgesteld"):
        ws.db.conn.execute("UPDATE plan_actie SET omschrijving = 'x' WHERE id = ?", [a1])
    with pytest.raises(Exception, match="vastgesteld"):
        ws.db.conn.execute("UPDATE plan SET titel = 'x' WHERE id = ?", [plan_id])

    # changing an action of the vastgesteld plan: a new concept version, copied, with the change
    nieuw_a1 = ps.wijzig_actie(ws, a1, _velden(status=ActieStatus.LOPEND))
    assert nieuw_a1 != a1
    v2 = ps.huidig_plan(ws, "GM0479", vandaag=date(2026, 5, 1))
    assert (v2.versie, v2.status, v2.vorige_versie_id, v2.reeks_id) == (2, PlanStatus.CONCEPT, plan_id, plan_id)
    assert v2.scan_ids == p1.scan_ids and v2.datalab and v2.datalab_bevroren is None
    (kopie,) = ps.acties(ws, v2.id)
    assert kopie.id == nieuw_a1 and kopie.status is ActieStatus.LOPEND
    assert [n.notitie for n in kopie.voortgang] == ["Gestart."]
    assert ps.actie(ws, a1).status is ActieStatus.GEPLAND  # the vastgesteld version is unchanged
    assert [v.versie for v in ps.versies(ws, plan_id)] == [2, 1]
    assert len(ps.plannen(ws, "GM0479")) == 1  # one plan (newest version) per gemeente and period
    with pytest.raises(UserError, match="nieuwere versie"):
        ps.nieuwe_versie(ws, plan_id)
    with pytest.raises(UserError, match="concept"):
        ps.nieuwe_versie(ws, v2.id)
    # vaststellen v2, then the explicit "nieuwe versie"
    ps.stel_vast(ws, v2.id, door="College", op=date(2026, 6, 1))
    v3 = ps.nieuwe_versie(ws, v2.id)
    assert ps.plan(ws, v3).versie == 3
    assert ps.wijzig_plan(ws, v3, titel="Nieuwe titel") == v3


def test_rights_manager_only(ws, data_dir, tmp_path):
    from ghnt_desktop.services import accounts
    from ghnt_desktop.services.login import login
    from tests.plan.helpers import PASSPHRASE

    plan_id = ps.maak_plan(ws, "GM0479", jaar=2026)
    accounts.maak_account(ws, login="prof", naam="Piet Professional", passphrase=PASSPHRASE,
                          rollen=frozenset({Rol.PROFESSIONAL}), team_ids=frozenset(), check_passphrase=False)
    ws.close()
    prof = login(data_dir, "prof", PASSPHRASE)
    try:
        for call in (lambda: ps.plannen(prof), lambda: ps.plan(prof, plan_id), lambda: ps.maak_plan(prof, "GM0479"),
                     lambda: ps.stel_vast(prof, plan_id, door="x", op=VANDAAG),
                     lambda: plan_pdf.exporteer_pdf(prof, plan_id, tmp_path / "x.pdf")):
            with pytest.raises(PermissionDenied):
                call()
        assert not (tmp_path / "x.pdf").exists()
    finally:
        prof.close()


def test_secondary_suppression_of_the_uitkomst_partition():
    from ghnt_desktop.domain.datalab import DatalabOverzicht

    def o(totaal, cellen):
        return DatalabOverzicht("GM0479", date(2026, 1, 1), date(2026, 12, 31), totaal, (), cellen, totaal, "7")

    een = ps.secundair_onderdrukken(o("12", (("afgesloten", "8"), ("hulp", "<5"), ("melding", "0"), ("open", "0"))))
    assert dict(een.per_uitkomst) == {"afgesloten": "5 of meer", "hulp": "<5", "melding": "0", "open": "0"}
    alleen_klein = ps.secundair_onderdrukken(o("8", (("afgesloten", "<5"), ("hulp", "<5"), ("melding", "0"),
                                                     ("open", "0"))))
    assert alleen_klein.totaal == "5 of meer"
    geen = o("13", (("afgesloten", "6"), ("hulp", "7"), ("melding", "0"), ("open", "0")))
    assert ps.secundair_onderdrukken(geen) == geen


def test_a_chosen_scan_that_is_reopened_later_still_counts(ws):
    from ghnt_desktop.services import zelfscan as zs

    plan_id = ps.maak_plan(ws, "GM0479", jaar=2026)
    scan = next(s for s in ps.standaard_scans(ws, "GM0479") if s.team_naam == "Wijkteam Test 1")
    zs.heropen(ws, scan.id, "Een antwoord klopte niet.")
    rapport = ps.rapport(ws, plan_id)
    assert {t.team_naam for t in rapport.teams} == {"Wijkteam Test 1", "Wijkteam Test 2"}
    assert "Wijkteam Test 1" in {n for p in ps.verbeterpunten(ws, plan_id) for n in p.teams}


def test_one_plan_per_gemeente_and_period(ws):
    plan_id = ps.maak_plan(ws, "GM0479", jaar=2026)
    with pytest.raises(UserError, match="al een plan"):
        ps.maak_plan(ws, "GM0479", periode_van=date(2026, 7, 1), periode_tot=date(2027, 6, 30))
    volgend = ps.maak_plan(ws, "GM0479", jaar=2027)
    assert ps.plan(ws, volgend).titel.endswith("Zaanstad 2027")
    with pytest.raises(UserError, match="ander plan"):
        ps.wijzig_plan(ws, volgend, periode_van=date(2026, 12, 1))
    assert ps.huidig_plan(ws, "GM0479", vandaag=date(2026, 5, 1)).id == plan_id
    assert ps.huidig_plan(ws, "GM0479", vandaag=date(2027, 5, 1)).id == volgend
    assert ps.huidig_plan(ws, "GM0479", vandaag=date(2030, 1, 1)).id == volgend  # none running: the latest
    with pytest.raises(ValidationError, match="periode"):
        ps.wijzig_plan(ws, volgend, periode_tot=date(2026, 1, 1))
