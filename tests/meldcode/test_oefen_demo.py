"""Oefenmodus (separate practice workspace) and the demo dossiers (every step and outcome)."""
from __future__ import annotations

from datetime import date

import pytest

from ghnt_desktop.domain import meldcode as dm
from ghnt_desktop.errors import WorkspaceError
from ghnt_desktop.services import meldcode as mc
from ghnt_desktop.services.login import login


def test_practice_workspace_is_separate_and_holds_the_cases(tmp_path):
    from ghnt_desktop.content.meldcode_content import laad_oefencasussen
    from ghnt_desktop.services.oefenmodus import maak_oefenwerkruimte

    basis = tmp_path / "gegevens"
    doel = maak_oefenwerkruimte(basis, "oefen", "Oefenaccount", "oefen")
    assert doel == basis / "oefenwerkruimte"
    casussen = laad_oefencasussen().casussen
    assert len(casussen) >= 3
    ws = login(doel, "oefen", "oefen")
    try:
        assert ws.is_oefen
        rijen = mc.lijst(ws, mc.DossierFilter())
        assert sorted(r.client_referentie for r in rijen) == sorted(c.client_referentie for c in casussen)
        for rij in rijen:
            casus = next(c for c in casussen if c.client_referentie == rij.client_referentie)
            d = mc.laad(ws, rij.id)
            assert d.vormen == casus.vormen and len(d.signalen) == len(casus.signalen)
            assert [s.omschrijving for s in d.signalen] == [s.omschrijving for s in casus.signalen]
            assert d.huidige_stap == 1 and (d.kindcheck is None) == (casus.kindcheck is None)
    finally:
        ws.close()
    with pytest.raises(WorkspaceError):
        maak_oefenwerkruimte(basis, "oefen", "Oefenaccount", "oefen")


def test_practice_pdf_is_marked(tmp_path):
    from ghnt_desktop.reporting.meldcode_verslag import maak_pdf
    from ghnt_desktop.services.oefenmodus import maak_oefenwerkruimte
    import io
    import pypdf

    doel = maak_oefenwerkruimte(tmp_path, "oefen", "Oefenaccount", "oefen")
    ws = login(doel, "oefen", "oefen")
    try:
        pdf = maak_pdf(ws, 1)
    finally:
        ws.close()
    tekst = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "oefendossier" in tekst and "OEFENING" in tekst


def test_demo_covers_every_step_outcome_and_gemeente(open_als):
    ws = open_als("demo")
    rijen = mc.lijst(ws, mc.DossierFilter(), limit=1000)
    assert len(rijen) >= 25
    assert {r.gemeente_code for r in rijen} == {"GM0479", "GM0439", "GM0385", "GM0415", "GM0431", "GM0852", "GM0880"}
    eigenaars = {r.eigenaar_naam.split(" (")[-1].rstrip(")") for r in rijen}
    assert {"professional", "aandachtsfunctionaris", "alle rollen"} <= eigenaars
    dossiers = [mc.laad(ws, r.id) for r in rijen]
    open_ = [d for d in dossiers if d.status is dm.DossierStatus.OPEN]
    assert {d.huidige_stap for d in open_} == {1, 2, 3, 4, 5}
    refs = {d.client_referentie for d in dossiers}
    assert all(r.startswith("ZW-") and len(r) == len("ZW-2026-0147") for r in refs)

    def met(pred):
        return [d for d in dossiers if pred(d)]

    def antwoord(d, n):
        return d.huidige_antwoorden().get(n)

    assert met(lambda d: d.status is dm.DossierStatus.AFGESLOTEN and antwoord(d, 1) is False)  # afsluiten bij 1
    assert met(lambda d: antwoord(d, 2) is True and d.meldingen)  # melden bij 2
    assert met(lambda d: antwoord(d, 3) is False and d.meldingen)  # melden bij 3
    assert met(lambda d: antwoord(d, 4) is False and d.meldingen)  # melden bij 4
    assert met(lambda d: antwoord(d, 5) is True and d.status is dm.DossierStatus.AFGESLOTEN)  # hulp, 5 ja
    assert met(lambda d: antwoord(d, 5) is False and any(b.meldnorm == 3 for b in d.besluiten) and d.meldingen)
    assert met(lambda d: d.acuut and d.meldingen)  # acute route
    assert met(lambda d: d.gesprek_niet_gevoerd is not None)  # stap 3 niet gevoerd
    assert met(lambda d: dm.GeweldsVorm.EERGERELATEERD_GEWELD in d.vormen
               and any(c.soort is dm.ConsultatieSoort.EXPERT_EGG for c in d.consultaties))
    assert met(lambda d: d.ronde == 2)  # heropend
    assert met(lambda d: d.overdrachten)
    punten = mc.aandachtspunten(ws, date.today())
    soorten = {(p.soort, p.te_laat) for p in punten}
    assert (dm.AandachtspuntSoort.EVALUATIE_AFWEGING_5, True) in soorten  # evaluation overdue
    assert (dm.AandachtspuntSoort.EVALUATIE_AFWEGING_5, False) in soorten  # evaluation due soon
    assert (dm.AandachtspuntSoort.KINDCHECK_VERVOLG, False) in soorten  # kindcheck open
    assert (dm.AandachtspuntSoort.GEEN_ACTIVITEIT, True) in soorten  # > 6 weeks without activity
    assert (dm.AandachtspuntSoort.TERUGKOPPELING_VEILIG_THUIS, True) in soorten
    for d in dossiers:  # no record is dated in the future
        assert d.laatste_activiteit_datum() <= date.today()
    # history shows corrections and who did what
    gecorrigeerd = [r for d in dossiers for r in mc.geschiedenis(ws, d.id) if r.vervangen]
    assert gecorrigeerd
