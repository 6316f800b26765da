"""Who sees which dossier: a matrix over the demo accounts, for every way content can leave the service."""
from __future__ import annotations

import pytest

from ghnt_desktop.domain.roles import dossier_scope, mag_dossier_zien
from ghnt_desktop.errors import PermissionDenied
from ghnt_desktop.services import meldcode as mc
from tests.meldcode.helpers import GEEN_INHOUD


def _alle_dossiers(ws) -> dict[int, dict]:
    c = ws.db.conn
    uit = {}
    for did, ref, eigenaar, af, team in c.execute(
            "SELECT id, client_referentie, eigenaar_id, aandachtsfunctionaris_id, team_id FROM meldcode_dossier"):
        mw = {r[0] for r in c.execute("SELECT account_id FROM meldcode_dossier_account WHERE dossier_id = ?", [did])}
        uit[did] = {"ref": ref, "eigenaar": eigenaar, "betrokken": mw | ({af} if af else set()), "team": team}
    return uit


def _verwacht(ws, dossiers) -> set[int]:
    s = ws.session
    scope = dossier_scope(s.account_id, s.rollen, s.team_ids)
    return {did for did, d in dossiers.items()
            if mag_dossier_zien(scope, eigenaar_id=d["eigenaar"], betrokken_ids=frozenset(d["betrokken"]),
                                team_id=d["team"])}


@pytest.mark.parametrize("naam", ["demo", "professional", "aandachtsfunctionaris"])
def test_content_roles_see_exactly_their_scope(open_als, naam):
    ws = open_als(naam)
    dossiers = _alle_dossiers(ws)
    assert len(dossiers) >= 25
    verwacht = _verwacht(ws, dossiers)
    gezien = {r.id for r in mc.lijst(ws, mc.DossierFilter(), limit=1000)}
    assert gezien == verwacht
    assert mc.aantal(ws, mc.DossierFilter()) == len(verwacht)
    for did, d in dossiers.items():
        zoek = mc.DossierFilter(zoek=d["ref"])
        if did in verwacht:
            assert mc.laad(ws, did).id == did
            assert mc.geschiedenis(ws, did)
            assert did in {r.id for r in mc.lijst(ws, zoek)}
        else:
            for fn in (mc.laad, mc.geschiedenis, mc.concepten, mc.dossier_info, mc.medeondertekeningen):
                with pytest.raises(PermissionDenied):
                    fn(ws, did)
            with pytest.raises(PermissionDenied):
                mc.bewaar_concept(ws, did, "veld", {"x": 1})
            with pytest.raises(PermissionDenied):
                mc.voeg_toe(ws, did, mc.dm.Signaal(omschrijving="x"))
            assert did not in {r.id for r in mc.lijst(ws, zoek)}
            assert mc.aantal(ws, zoek) == 0 or all(r.id != did for r in mc.lijst(ws, zoek))
    punten = {p.dossier_id for p in mc.aandachtspunten(ws, __import__("datetime").date.today())}
    assert punten <= verwacht


def test_expected_scopes_of_the_demo_accounts(open_als):
    ws = open_als("demo")
    dossiers = _alle_dossiers(ws)
    ids = {login: ws.db.conn.execute("SELECT id FROM account WHERE login = ?", [login]).fetchone()[0]
           for login in ("professional", "aandachtsfunctionaris")}
    teams = dict(ws.db.conn.execute("SELECT naam, id FROM team"))
    assert {r.id for r in mc.lijst(ws, mc.DossierFilter(), limit=1000)} == set(dossiers)  # demo: all teams
    prof = {did for did, d in dossiers.items() if d["eigenaar"] == ids["professional"]
            or ids["professional"] in d["betrokken"]}
    af_teams = {teams["Wijkteam Zaandam-Oost"], teams["Sociaal team Zaandam-West"]}
    af = {did for did, d in dossiers.items() if d["team"] in af_teams or d["eigenaar"] == ids["aandachtsfunctionaris"]
          or ids["aandachtsfunctionaris"] in d["betrokken"]}
    ws = open_als("professional")
    assert {r.id for r in mc.lijst(ws, mc.DossierFilter(), limit=1000)} == prof
    assert any(d["eigenaar"] != ids["professional"] for did, d in dossiers.items() if did in prof)  # added to one
    ws = open_als("aandachtsfunctionaris")
    assert {r.id for r in mc.lijst(ws, mc.DossierFilter(), limit=1000)} == af
    assert 0 < len(prof) < len(af) < len(dossiers)


@pytest.mark.parametrize("naam", GEEN_INHOUD)
def test_manager_and_beheerder_never_see_content(open_als, naam):
    from ghnt_desktop.reporting.meldcode_verslag import maak_pdf

    ws = open_als(naam)
    did = ws.db.conn.execute("SELECT min(id) FROM meldcode_dossier").fetchone()[0]
    calls = [
        lambda: mc.aantal(ws, mc.DossierFilter()),
        lambda: mc.lijst(ws, mc.DossierFilter()),
        lambda: mc.lijst(ws, mc.DossierFilter(zoek="ZW")),
        lambda: mc.laad(ws, did),
        lambda: mc.geschiedenis(ws, did),
        lambda: mc.laad_versie(ws, did, 1),
        lambda: mc.aandachtspunten(ws, __import__("datetime").date.today()),
        lambda: mc.concepten(ws, None),
        lambda: mc.bewaar_concept(ws, None, "veld", {}),
        lambda: mc.maak(ws, client_referentie="X", gemeente_code="GM0479", vormen=set(), betrokkenen=[]),
        lambda: mc.voeg_toe(ws, did, mc.dm.Signaal(omschrijving="x")),
        lambda: mc.sluit(ws, did, "reden"),
        lambda: mc.dossier_info(ws, did),
        lambda: maak_pdf(ws, did),
        lambda: maak_pdf(ws, did, soort="melding"),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied) as info:
            call()
        assert "je" in str(info.value).lower()
    geweigerd = ws.db.conn.execute(
        "SELECT count(*) FROM audit WHERE resultaat = 'geweigerd' AND actor_id = ?", [ws.session.account_id]).fetchone()
    assert geweigerd[0] >= len(calls)


def test_aandachtsfunctionarissen_to_choose_from_are_those_of_the_own_teams(demo_dir):
    from ghnt_desktop.services.login import login

    ws = login(demo_dir, "professional", "demo")
    try:
        namen = [naam for _id, naam in mc.aandachtsfunctionarissen(ws)]
        assert "Anouk de Vries (aandachtsfunctionaris)" in namen  # AF of the professional's team
        assert all("professional" not in n.lower() or "alle rollen" in n.lower() for n in namen)
    finally:
        ws.close()
    ws = login(demo_dir, "manager", "demo")
    try:
        with pytest.raises(PermissionDenied):
            mc.aandachtsfunctionarissen(ws)
    finally:
        ws.close()
