"""The meldcode service: create, record, correct (history, not overwrite), steps, closing and reopening."""
from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from ghnt_desktop.domain import meldcode as dm
from ghnt_desktop.errors import PermissionDenied, UserError, ValidationError
from ghnt_desktop.services import meldcode as mc
from tests.meldcode.helpers import audit_acties, betrokkenen, nieuw_dossier, signaal


def test_create_and_load(prof_ws):
    did = nieuw_dossier(prof_ws, "ZW-2026-0001", vormen={dm.GeweldsVorm.PARTNERGEWELD, dm.GeweldsVorm.VGV})
    d = mc.laad(prof_ws, did)
    assert (d.id, d.client_referentie, d.gemeente_code) == (did, "ZW-2026-0001", "GM0479")
    assert d.vormen == {dm.GeweldsVorm.PARTNERGEWELD, dm.GeweldsVorm.VGV}
    assert d.status is dm.DossierStatus.OPEN and d.huidige_stap == 1 and d.ronde == 1
    assert d.eigenaar == "Test Persoon" and d.geopend_op == date.today()
    assert [(b.rol, b.aanduiding) for b in d.betrokkenen] == [(b.rol, b.aanduiding) for b in betrokkenen()]
    assert all(b.id for b in d.betrokkenen)
    assert audit_acties(prof_ws, did) == ["dossier_aanmaken", "dossier_bekijken"]


def test_create_validates_in_dutch_without_echoing_content(prof_ws):
    with pytest.raises(ValidationError) as info:
        mc.maak(prof_ws, client_referentie="  ", gemeente_code="GM9999", vormen={"bestaat_niet"}, betrokkenen=[])
    tekst = str(info.value)
    assert "cliëntreferentie" in tekst and "gemeente" in tekst and "vormen" in tekst
    with pytest.raises(ValidationError) as info:
        mc.maak(prof_ws, client_referentie="GEHEIM-" + "x" * 80, gemeente_code="GM0479", vormen=set(),
                betrokkenen=[])
    assert "GEHEIM" not in str(info.value)


def test_records_get_round_author_and_moment(prof_ws):
    did = nieuw_dossier(prof_ws)
    mc.voeg_toe(prof_ws, did, signaal())
    mc.voeg_toe(prof_ws, did, dm.AfwegingAntwoord(nummer=1, antwoord=True, motivatie="Twee bronnen.", ronde=7))
    d = mc.laad(prof_ws, did)
    s, a = d.signalen[0], d.afwegingen[0]
    assert s.auteur == "Test Persoon" and s.datum_vastgelegd == date.today()
    assert a.ronde == 1 and a.tijdstip is not None and a.auteur == "Test Persoon"
    assert d.huidige_antwoorden() == {1: True}


def test_correction_keeps_the_old_version_in_the_history(prof_ws):
    did = nieuw_dossier(prof_ws)
    rid = mc.voeg_toe(prof_ws, did, signaal("Eerste tekst."))
    nieuw = mc.corrigeer(prof_ws, did, rid, signaal("Verbeterde tekst."))
    assert nieuw != rid
    d = mc.laad(prof_ws, did)
    assert [s.omschrijving for s in d.signalen] == ["Verbeterde tekst."] and d.signalen[0].id == nieuw
    regels = [r for r in mc.geschiedenis(prof_ws, did) if r.soort == "signaal"]
    assert [(r.record_id, r.versie, r.vervangen) for r in regels] == [(rid, 1, True), (nieuw, 2, False)]
    assert "Eerste tekst." in regels[0].omschrijving and "Verbeterde tekst." in regels[1].omschrijving
    assert all(r.auteur_naam == "Test Persoon" and r.tijdstip for r in regels)
    assert regels[0].label == "Signaal"
    assert mc.laad_versie(prof_ws, did, rid).omschrijving == "Eerste tekst."
    with pytest.raises(UserError, match="al aangepast"):
        mc.corrigeer(prof_ws, did, rid, signaal("Nog een keer op de oude versie."))
    with pytest.raises(ValidationError):
        mc.corrigeer(prof_ws, did, nieuw, dm.Hulp(wat="iets anders"))


def test_history_lists_every_kind_of_event(prof_ws):
    did = nieuw_dossier(prof_ws)
    mc.voeg_toe(prof_ws, did, signaal())
    mc.zet_stap(prof_ws, did, 2)
    mc.wijzig_kop(prof_ws, did, vormen={dm.GeweldsVorm.PARTNERGEWELD})
    mc.sluit(prof_ws, did, "Geen vermoeden meer.")
    mc.heropen(prof_ws, did, "Nieuw signaal van school.")
    soorten = [r.soort for r in mc.geschiedenis(prof_ws, did)]
    assert soorten == ["kop", "betrokkene", "betrokkene", "signaal", "stap", "kop", "afsluiting", "heropening"]
    tijden = [r.tijdstip for r in mc.geschiedenis(prof_ws, did)]
    assert tijden == sorted(tijden)


def test_kindcheck_and_same_afweging_again_become_new_versions(prof_ws):
    did = nieuw_dossier(prof_ws)
    k1 = mc.voeg_toe(prof_ws, did, dm.Kindcheck(kinderen_in_huishouden=dm.KinderenInHuishouden.ONBEKEND))
    k2 = mc.voeg_toe(prof_ws, did, dm.Kindcheck(kinderen_in_huishouden=dm.KinderenInHuishouden.JA, aantal=1,
                                                leeftijden=(4,), wie_zorgt="moeder"))
    a1 = mc.voeg_toe(prof_ws, did, dm.AfwegingAntwoord(nummer=1, antwoord=False, motivatie="eerst nee"))
    a2 = mc.voeg_toe(prof_ws, did, dm.AfwegingAntwoord(nummer=1, antwoord=True, motivatie="toch ja"))
    d = mc.laad(prof_ws, did)
    assert d.kindcheck.id == k2 and len(d.afwegingen) == 1 and d.afwegingen[0].id == a2
    versies = {r.record_id: (r.versie, r.vervangen) for r in mc.geschiedenis(prof_ws, did)}
    assert versies[k1] == (1, True) and versies[a1] == (1, True) and versies[a2] == (2, False)


def test_reference_to_a_corrected_consultation_follows_the_new_version(prof_ws):
    did = nieuw_dossier(prof_ws)
    c1 = mc.voeg_toe(prof_ws, did, dm.Consultatie(soort=dm.ConsultatieSoort.AANDACHTSFUNCTIONARIS, wie="AF"))
    mc.voeg_toe(prof_ws, did, dm.GesprekNietGevoerd(reden=dm.RedenNietGevoerd.VEILIGHEID_CLIENT, consultatie_id=c1))
    c2 = mc.corrigeer(prof_ws, did, c1, dm.Consultatie(soort=dm.ConsultatieSoort.AANDACHTSFUNCTIONARIS, wie="AF",
                                                       advies="Niet met de familie praten."))
    assert mc.laad(prof_ws, did).gesprek_niet_gevoerd.consultatie_id == c2


def test_withdraw_and_betrokkenen_sync(prof_ws):
    did = nieuw_dossier(prof_ws)
    d = mc.laad(prof_ws, did)
    moeder, kind = d.betrokkenen
    mc.wijzig_kop(prof_ws, did, betrokkenen=[dataclasses.replace(kind, leeftijd=5),
                                             dm.Betrokkene(rol=dm.Rol.GETUIGE, aanduiding="buurvrouw")])
    d = mc.laad(prof_ws, did)
    assert sorted((b.aanduiding, b.leeftijd) for b in d.betrokkenen) == [("buurvrouw", None), ("kind 1", 5)]
    regels = [r for r in mc.geschiedenis(prof_ws, did) if r.soort == "betrokkene"]
    assert any(r.ingetrokken and "moeder" in r.omschrijving for r in regels)
    rid = mc.voeg_toe(prof_ws, did, signaal("In het verkeerde dossier gezet."))
    mc.trek_in(prof_ws, did, rid)
    assert mc.laad(prof_ws, did).signalen == ()
    with pytest.raises(UserError):
        mc.corrigeer(prof_ws, did, rid, signaal("x"))


def test_header_changes(prof_ws):
    did = nieuw_dossier(prof_ws)
    mc.wijzig_kop(prof_ws, did, vormen={dm.GeweldsVorm.OUDERENMISHANDELING}, gemeente_code="GM0439")
    d = mc.laad(prof_ws, did)
    assert d.vormen == {dm.GeweldsVorm.OUDERENMISHANDELING} and d.gemeente_code == "GM0439"
    with pytest.raises(ValidationError):
        mc.wijzig_kop(prof_ws, did, gemeente_code="GM0000")
    with pytest.raises(ValidationError):
        mc.wijzig_kop(prof_ws, did, aandachtsfunctionaris_id="bestaat-niet")
    kop = [r for r in mc.geschiedenis(prof_ws, did) if r.soort == "kop"]
    assert [r.vervangen for r in kop] == [True, False] and "Purmerend" in kop[1].omschrijving


def test_steps_close_and_reopen(prof_ws):
    did = nieuw_dossier(prof_ws)
    with pytest.raises(ValidationError):
        mc.zet_stap(prof_ws, did, 6)
    mc.zet_stap(prof_ws, did, 4)
    mc.voeg_toe(prof_ws, did, dm.AfwegingAntwoord(nummer=1, antwoord=False, motivatie="Geen vermoeden."))
    with pytest.raises(ValidationError):
        mc.sluit(prof_ws, did, " ")
    mc.sluit(prof_ws, did, "Afweging 1 is nee.")
    d = mc.laad(prof_ws, did)
    assert d.status is dm.DossierStatus.AFGESLOTEN and d.afgesloten_op == date.today()
    with pytest.raises(UserError, match="afgesloten"):
        mc.voeg_toe(prof_ws, did, signaal())
    mc.voeg_toe(prof_ws, did, dm.VeiligThuisTerugkoppeling(inhoud="Na afsluiten kan dit nog."))
    with pytest.raises(UserError):
        mc.sluit(prof_ws, did, "nog eens")
    mc.heropen(prof_ws, did, "Nieuw signaal.")
    d = mc.laad(prof_ws, did)
    assert (d.status, d.huidige_stap, d.ronde, d.afgesloten_op) == (dm.DossierStatus.OPEN, 1, 2, None)
    assert d.huidige_antwoorden() == {}  # the old round's answer stays recorded but does not count
    assert len(d.afwegingen) == 1 and d.afwegingen[0].ronde == 1
    mc.voeg_toe(prof_ws, did, dm.AfwegingAntwoord(nummer=1, antwoord=True, motivatie="Nu wel."))
    assert mc.laad(prof_ws, did).huidige_antwoorden() == {1: True}


def test_retention_period_starts_on_close_and_stops_on_reopen(prof_ws):
    tabel = prof_ws.db.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'bewaar_item'").fetchone()
    if tabel is None:
        pytest.skip("retention migration not present")
    did = nieuw_dossier(prof_ws)
    mc.sluit(prof_ws, did, "Klaar.")
    q = "SELECT startdatum FROM bewaar_item WHERE record_type = 'meldcode_dossier' AND record_id = ?"
    assert prof_ws.db.conn.execute(q, [str(did)]).fetchone()[0] == date.today().isoformat()
    mc.heropen(prof_ws, did, "Opnieuw zorgen.")
    assert prof_ws.db.conn.execute(q, [str(did)]).fetchone()[0] is None


def test_unknown_dossier_and_unknown_record(prof_ws):
    with pytest.raises(mc.DossierNietGevonden):
        mc.laad(prof_ws, 424242)
    did = nieuw_dossier(prof_ws)
    with pytest.raises(UserError):
        mc.corrigeer(prof_ws, did, 999999, signaal())
    with pytest.raises(ValidationError):
        mc.voeg_toe(prof_ws, did, {"omschrijving": "geen record"})


def test_medeondertekenen(open_als):
    ws = open_als("professional")
    did = nieuw_dossier(ws, "ZW-2026-8801")
    besluit = mc.voeg_toe(ws, did, dm.Besluit(melden=True, hulp=False, meldnorm=2, motivatie="m"))
    with pytest.raises(PermissionDenied):
        mc.medeonderteken(ws, did, besluit)
    ws = open_als("aandachtsfunctionaris")
    mc.medeonderteken(ws, did, besluit)
    with pytest.raises(UserError, match="al medeondertekend"):
        mc.medeonderteken(ws, did, besluit)
    eigen = mc.voeg_toe(ws, did, dm.Besluit(melden=False, hulp=True, motivatie="eigen"))
    with pytest.raises(UserError, match="eigen besluit"):
        mc.medeonderteken(ws, did, eigen)
    tekens = mc.medeondertekeningen(ws, did)
    assert [(t.besluit_id, t.geldt_voor_huidige_versie) for t in tekens] == [(besluit, True)]
    assert tekens[0].account_naam.startswith("Anouk")


def test_add_colleague_gives_access(open_als):
    ws = open_als("aandachtsfunctionaris")
    west = ws.db.conn.execute("SELECT id FROM team WHERE naam LIKE '%Zaandam-West'").fetchone()[0]
    did = nieuw_dossier(ws, "ZW-2026-8802", team_id=west)  # a team the professional is not in
    prof_id = ws.db.conn.execute("SELECT id FROM account WHERE login = 'professional'").fetchone()[0]
    ws = open_als("professional")
    with pytest.raises(PermissionDenied):
        mc.laad(ws, did)
    ws = open_als("aandachtsfunctionaris")
    mc.voeg_medewerker_toe(ws, did, prof_id)
    info = mc.dossier_info(ws, did)
    assert prof_id in [a for a, _ in info.medewerkers]
    ws = open_als("professional")
    assert mc.laad(ws, did).client_referentie == "ZW-2026-8802"
    assert did in [r.id for r in mc.lijst(ws, mc.DossierFilter())]
    ws = open_als("aandachtsfunctionaris")
    mc.verwijder_medewerker(ws, did, prof_id)
    ws = open_als("professional")
    with pytest.raises(PermissionDenied):
        mc.laad(ws, did)


def test_aandachtspunten_use_the_settings(prof_ws):
    did = nieuw_dossier(prof_ws)
    mc.voeg_toe(prof_ws, did, dm.AfwegingAntwoord(nummer=1, antwoord=True, motivatie="m"))
    mc.voeg_toe(prof_ws, did, dm.AfwegingAntwoord(nummer=2, antwoord=False, motivatie="m"))
    mc.voeg_toe(prof_ws, did, dm.AfwegingAntwoord(nummer=3, antwoord=True, motivatie="m"))
    mc.voeg_toe(prof_ws, did, dm.AfwegingAntwoord(nummer=4, antwoord=True, motivatie="m"))
    mc.voeg_toe(prof_ws, did, dm.Hulp(wat="coach", wie="wijkteam", evaluatiedatum=date.today() - timedelta(days=2)))
    punten = mc.aandachtspunten(prof_ws, date.today())
    assert [(p.dossier_id, p.soort, p.te_laat) for p in punten] == [
        (did, dm.AandachtspuntSoort.EVALUATIE_AFWEGING_5, True)]
    later = mc.aandachtspunten(prof_ws, date.today() + timedelta(weeks=7))
    assert dm.AandachtspuntSoort.GEEN_ACTIVITEIT in {p.soort for p in later}


def test_datalab_summaries_are_for_managers_and_hold_no_ids(open_als):
    ws = open_als("manager")
    samen = mc.datalab_samenvattingen(ws, "GM0479")
    assert samen and all(s.gemeente_code == "GM0479" for s in samen)
    assert {s.uitkomst for s in samen} >= {"melding", "hulp", "afgesloten", None}
    assert not any(hasattr(s, "id") or hasattr(s, "client_referentie") for s in samen)
    ws = open_als("professional")
    with pytest.raises(PermissionDenied):
        mc.datalab_samenvattingen(ws, "GM0479")


def test_audit_entries_hold_no_case_content(prof_ws):
    did = nieuw_dossier(prof_ws, "ZW-2026-GEHEIM")
    rid = mc.voeg_toe(prof_ws, did, signaal("Zeer geheime omschrijving"))
    mc.corrigeer(prof_ws, did, rid, signaal("Nog geheimer"))
    mc.geschiedenis(prof_ws, did)
    rijen = " ".join(str(r) for r in prof_ws.db.conn.execute("SELECT * FROM audit"))
    assert "GEHEIM" not in rijen and "geheim" not in rijen
    assert audit_acties(prof_ws, did).count("dossier_wijzigen") == 2
