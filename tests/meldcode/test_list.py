"""The dossier list: filters, search, order, paging, and the same answer from every query plan."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from ghnt_desktop.domain import meldcode as dm
from ghnt_desktop.services import meldcode as mc
from ghnt_desktop.storage import meldcode_repo as repo
from tests.meldcode.helpers import nieuw_dossier


@pytest.fixture
def lijst_ws(prof_ws):
    refs = ["ZW-2026-0147", "ZW-2026-0148", "ZW-2025-0147", "PUR_10%-A", "PUR-10X-B", "edam-0001"]
    start = datetime(2026, 1, 1, 9, tzinfo=timezone.utc)
    ids = []
    for i, ref in enumerate(refs):
        with mc.vaste_klok(start + timedelta(days=i)):
            vormen = {dm.GeweldsVorm.PARTNERGEWELD} if i % 2 else {dm.GeweldsVorm.KINDERMISHANDELING}
            ids.append(nieuw_dossier(prof_ws, ref, gemeente_code="GM0439" if ref.startswith("PUR") else "GM0479",
                                     vormen=vormen))
    with mc.vaste_klok(start + timedelta(days=10)):
        mc.zet_stap(prof_ws, ids[0], 3)  # now the most recent activity
    with mc.vaste_klok(start + timedelta(days=11)):
        mc.sluit(prof_ws, ids[1], "klaar")
    return prof_ws, dict(zip(refs, ids))


def _refs(ws, **kw):
    return [r.client_referentie for r in mc.lijst(ws, mc.DossierFilter(**kw), limit=100)]


def test_order_filters_and_search(lijst_ws):
    ws, ids = lijst_ws
    assert _refs(ws) == ["ZW-2026-0148", "ZW-2026-0147", "edam-0001", "PUR-10X-B", "PUR_10%-A", "ZW-2025-0147"]
    assert _refs(ws, status=dm.DossierStatus.AFGESLOTEN) == ["ZW-2026-0148"]
    assert _refs(ws, stap=3) == ["ZW-2026-0147"]
    assert _refs(ws, gemeente_code="GM0439") == ["PUR-10X-B", "PUR_10%-A"]
    assert _refs(ws, vorm=dm.GeweldsVorm.PARTNERGEWELD) == ["ZW-2026-0148", "edam-0001", "PUR_10%-A"]
    assert _refs(ws, zoek="0147") == ["ZW-2026-0147", "ZW-2025-0147"]
    assert _refs(ws, zoek="zw-2026") == ["ZW-2026-0148", "ZW-2026-0147"]  # prefix, any case
    assert _refs(ws, zoek="10%") == ["PUR_10%-A"]  # % and _ are plain characters
    assert _refs(ws, zoek="_") == ["PUR_10%-A"]
    assert _refs(ws, zoek="0147", vorm=dm.GeweldsVorm.KINDERMISHANDELING, status=dm.DossierStatus.OPEN) == [
        "ZW-2026-0147", "ZW-2025-0147"]
    assert _refs(ws, zoek="0147", stap=3, gemeente_code="GM0479") == ["ZW-2026-0147"]
    rij = mc.lijst(ws, mc.DossierFilter(zoek="ZW-2026-0147"))[0]
    assert rij.id == ids["ZW-2026-0147"] and rij.huidige_stap == 3 and rij.eigenaar_naam == "Test Persoon"
    assert rij.vormen == {dm.GeweldsVorm.KINDERMISHANDELING} and rij.laatste_activiteit.tzinfo is not None


def test_count_and_paging_agree(lijst_ws):
    ws, _ = lijst_ws
    alle = _refs(ws)
    assert mc.aantal(ws, mc.DossierFilter()) == len(alle)
    pagina = [r.client_referentie for o in range(0, 6, 2) for r in mc.lijst(ws, mc.DossierFilter(), offset=o, limit=2)]
    assert pagina == alle
    assert mc.lijst(ws, mc.DossierFilter(), offset=50) == []
    assert mc.aantal(ws, mc.DossierFilter(zoek="bestaat-niet")) == 0


def test_count_is_fresh_after_a_change(lijst_ws):
    ws, ids = lijst_ws
    f = mc.DossierFilter(status=dm.DossierStatus.AFGESLOTEN)
    assert mc.aantal(ws, f) == 1
    mc.sluit(ws, ids["edam-0001"], "klaar")
    assert mc.aantal(ws, f) == 2 and len(mc.lijst(ws, f)) == 2


@pytest.mark.parametrize("ids_bewaren,wandel_max", [(5000, 20000), (0, 10**9), (0, 0)])
def test_every_query_plan_gives_the_same_page(open_als, monkeypatch, ids_bewaren, wandel_max):
    """Known ids / walking the activity index / sorting the matching ids: same rows, same order."""
    ws = open_als("aandachtsfunctionaris")
    filters = [mc.DossierFilter(), mc.DossierFilter(status=dm.DossierStatus.OPEN),
               mc.DossierFilter(vorm=dm.GeweldsVorm.PARTNERGEWELD), mc.DossierFilter(zoek="02"),
               mc.DossierFilter(stap=5, gemeente_code="GM0479")]
    verwacht = {f: [(r.id, r.laatste_activiteit) for r in mc.lijst(ws, f, limit=1000)] for f in filters}
    monkeypatch.setattr(repo, "IDS_BEWAREN", ids_bewaren)
    monkeypatch.setattr(repo, "WANDEL_MAX", wandel_max)
    mc.bewaar_concept(ws, None, "ververs", {})  # a change: counts are taken again
    for f in filters:
        alles = [(r.id, r.laatste_activiteit) for r in mc.lijst(ws, f, limit=1000)]
        assert alles == verwacht[f]
        assert alles == sorted(alles, key=lambda x: (x[1], x[0]), reverse=True)
        paginas = [(r.id, r.laatste_activiteit) for o in range(0, len(alles), 3)
                   for r in mc.lijst(ws, f, offset=o, limit=3)]
        assert paginas == alles
        assert mc.aantal(ws, f) == len(alles)
