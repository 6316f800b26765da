"""Handing a dossier over to a colleague, and who may do it (demo workspace, team 1: Priya, Anouk, Demo)."""
from __future__ import annotations

import pytest

from ghnt_desktop.errors import PermissionDenied, ValidationError
from ghnt_desktop.services import meldcode as mc
from tests.demo_team import ANOUK, DEMO, PRIYA
from tests.demo_team import account_ids as _ids
from tests.demo_team import team1_dossier_of as _dossier_van


def _audit(ws) -> list[tuple[str, str]]:
    return [(a, r) for a, r in ws.db.conn.execute("SELECT actie, resultaat FROM audit ORDER BY id")]


def test_candidates_are_the_professionals_and_afs_of_the_dossiers_team(open_als):
    ws = open_als("professional")
    did = _dossier_van(ws, PRIYA)
    assert [naam for _, naam in mc.kandidaten(ws, did)] == [ANOUK, DEMO, PRIYA]  # no manager, no beheerder


def test_owner_hands_over_and_loses_access(open_als):
    ws = open_als("professional")
    ids = _ids(ws)
    did = _dossier_van(ws, PRIYA)
    assert mc.mag_overdragen(ws, ids[PRIYA])
    assert mc.draag_over(ws, did, ids[ANOUK]) is False  # Priya can no longer see it
    assert ("dossier_wijzigen", "eigenaar_overgedragen") in _audit(ws)
    assert did not in {r.id for r in mc.lijst(ws, mc.DossierFilter())}
    with pytest.raises(PermissionDenied):
        mc.laad(ws, did)
    ws = open_als("aandachtsfunctionaris")
    info = mc.dossier_info(ws, did)
    assert (info.eigenaar_naam, info.medewerkers) == (ANOUK, ())
    regels = [r for r in mc.geschiedenis(ws, did) if r.soort == "kop"]
    assert regels[-1].auteur_naam == PRIYA and f"Eigenaar: {ANOUK}." in regels[-1].omschrijving
    assert f"Eigenaar: {PRIYA}." in regels[-2].omschrijving and regels[-2].vervangen  # who owned it before


def test_owner_can_stay_as_colleague(open_als):
    ws = open_als("professional")
    ids = _ids(ws)
    did = _dossier_van(ws, PRIYA)
    assert mc.draag_over(ws, did, ids[DEMO], vorige_blijft_collega=True) is True
    info = mc.dossier_info(ws, did)
    assert info.eigenaar_naam == DEMO and info.medewerkers == ((ids[PRIYA], PRIYA),)
    mc.laad(ws, did)  # still visible and workable


def test_new_owner_is_no_longer_listed_as_colleague(open_als):
    ws = open_als("aandachtsfunctionaris")
    ids = _ids(ws)
    did = _dossier_van(ws, PRIYA)
    mc.voeg_medewerker_toe(ws, did, ids[DEMO])
    assert mc.draag_over(ws, did, ids[DEMO]) is True  # an AF of the team keeps seeing team dossiers
    info = mc.dossier_info(ws, did)
    assert info.eigenaar_id == ids[DEMO] and info.medewerkers == ()


def test_colleague_who_is_not_owner_or_af_is_refused_and_audited(open_als):
    ws = open_als("aandachtsfunctionaris")
    ids = _ids(ws)
    did = _dossier_van(ws, ANOUK)
    mc.voeg_medewerker_toe(ws, did, ids[PRIYA])
    ws = open_als("professional")
    mc.laad(ws, did)  # she may work in it ...
    assert not mc.mag_overdragen(ws, ids[ANOUK])
    with pytest.raises(PermissionDenied, match="eigenaar of een aandachtsfunctionaris"):
        mc.draag_over(ws, did, ids[PRIYA])  # ... but not take it or give it away
    assert _audit(ws)[-1] == ("geweigerd:dossier_overdragen", "geweigerd")
    assert mc.dossier_info(ws, did).eigenaar_id == ids[ANOUK]


@pytest.mark.parametrize("wie", ["manager", "beheerder", "onbekend", "eigenaar"])
def test_new_owner_must_be_an_active_professional_or_af_of_the_team(open_als, wie):
    ws = open_als("aandachtsfunctionaris")
    ids = _ids(ws)
    did = _dossier_van(ws, PRIYA)
    nieuw = {"manager": ids["Mark Bakker (teamleider/manager)"], "beheerder": ids["Bert Visser (beheerder)"],
             "onbekend": "geen-account", "eigenaar": ids[PRIYA]}[wie]
    voor = len(_audit(ws))
    with pytest.raises(ValidationError) as info:
        mc.draag_over(ws, did, nieuw)
    assert "niet overgedragen" in str(info.value)
    assert mc.dossier_info(ws, did).eigenaar_id == ids[PRIYA] and len(_audit(ws)) == voor


def test_no_meldcode_role_no_handover(open_als):
    ws = open_als("manager")
    with pytest.raises(PermissionDenied):
        mc.draag_over(ws, 1, "x")
