"""Destroying a meldcode dossier through the retention service: every row goes, one content-free audit line stays."""
from __future__ import annotations

import pytest

from ghnt_desktop.services import meldcode as mc
from ghnt_desktop.services import retention


def test_deleter_is_registered():
    assert retention._VERWIJDERAARS.get("meldcode_dossier") is mc.verwijder_dossier_definitief


def test_two_person_destruction_removes_dossier_records_and_drafts(open_als):
    ws = open_als("aandachtsfunctionaris")
    did = ws.db.conn.execute("SELECT id FROM meldcode_dossier WHERE client_referentie = 'ZW-2026-0183'").fetchone()[0]
    mc.bewaar_concept(ws, did, "veld", {"tekst": "concept dat mee moet"})
    assert ws.db.conn.execute("SELECT count(*) FROM meldcode_record WHERE dossier_id = ?", [did]).fetchone()[0] > 5
    ws = open_als("beheerder")
    klaar = retention.vroegtijdig_vernietigen(ws, "meldcode_dossier", did, "Verzoek van de betrokkene.",
                                              grond="verzoek_betrokkene")
    assert klaar is False
    assert ws.db.conn.execute("SELECT count(*) FROM meldcode_dossier WHERE id = ?", [did]).fetchone()[0] == 1
    ws = open_als("aandachtsfunctionaris")
    assert retention.bevestig_verwijdering(ws, "meldcode_dossier", did) is True
    c = ws.db.conn
    for tabel, kolom in (("meldcode_dossier", "id"), ("meldcode_record", "dossier_id"),
                         ("meldcode_dossier_vorm", "dossier_id"), ("meldcode_dossier_account", "dossier_id"),
                         ("meldcode_concept", "dossier_id")):
        assert c.execute(f"SELECT count(*) FROM {tabel} WHERE {kolom} = ?", [did]).fetchone()[0] == 0, tabel
    vernietigd = c.execute("SELECT actie, object_type, object_id FROM audit WHERE actie = 'vernietigd'").fetchall()
    assert vernietigd == [("vernietigd", "meldcode_dossier", str(did))]
    assert "ZW-2026-0183" not in " ".join(str(r) for r in c.execute("SELECT * FROM audit"))
    with pytest.raises(mc.DossierNietGevonden):
        mc.laad(ws, did)
    assert list(c.execute("PRAGMA foreign_key_check")) == []
