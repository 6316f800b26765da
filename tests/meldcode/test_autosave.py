"""Autosave storage: a draft is committed at once and survives closing (or a kill) without any other call."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from ghnt_desktop.errors import PermissionDenied
from ghnt_desktop.services import meldcode as mc
from ghnt_desktop.storage.workspace import Workspace
from tests.conftest import PASSPHRASE, ROOT
from tests.meldcode.helpers import nieuw_dossier


def test_draft_survives_close_without_any_other_call(prof_ws, data_dir):
    did = nieuw_dossier(prof_ws)
    mc.bewaar_concept(prof_ws, did, "stap1.signaal.nieuw", {"omschrijving": "Half getypt: blauwe pl", "letsel": True})
    mc.bewaar_concept(prof_ws, None, "nieuw_dossier", {"client_referentie": "ZW-2026-12"})
    prof_ws.db.conn.close()  # no commit, no checkpoint, no flush: straight shut
    prof_ws._lock.release()
    prof_ws._lock = None
    ws = Workspace.open(data_dir, "tester", PASSPHRASE)
    try:
        inhoud, tijd = mc.concepten(ws, did)["stap1.signaal.nieuw"]
        assert inhoud == {"omschrijving": "Half getypt: blauwe pl", "letsel": True} and tijd.tzinfo
        assert mc.concepten(ws, None)["nieuw_dossier"][0] == {"client_referentie": "ZW-2026-12"}
    finally:
        ws.close()


def test_draft_survives_a_killed_process(tmp_path):
    """The process saves a draft and is killed (SIGKILL-like ``os._exit``) right after the call returns."""
    data = tmp_path / "ws"
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        from ghnt_desktop.domain.roles import Rol
        from ghnt_desktop.services.setup import create_workspace
        from ghnt_desktop.services import meldcode as mc
        ws = create_workspace({str(data)!r}, organisatie="x", gemeenten=[("GM0479", "Zaanstad")], login="tester",
                              naam="T", passphrase={PASSPHRASE!r}, rollen=frozenset({{Rol.PROFESSIONAL}}))
        did = mc.maak(ws, client_referentie="ZW-1", gemeente_code="GM0479", vormen=set(), betrokkenen=[])
        mc.bewaar_concept(ws, did, "veld", {{"tekst": "tot hier getypt"}})
        os._exit(9)
    """)
    r = subprocess.run([sys.executable, "-c", script], env=dict(os.environ, PYTHONPATH=str(ROOT)),
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 9, r.stderr
    ws = Workspace.open(data, "tester", PASSPHRASE)
    try:
        assert mc.concepten(ws, 1) == {"veld": ({"tekst": "tot hier getypt"}, mc.concepten(ws, 1)["veld"][1])}
    finally:
        ws.close()


def test_drafts_overwrite_per_key_and_can_be_wiped(prof_ws):
    did = nieuw_dossier(prof_ws)
    for tekst in ("a", "ab", "abc"):
        mc.bewaar_concept(prof_ws, did, "veld", {"tekst": tekst})
    mc.bewaar_concept(prof_ws, did, "ander", {"n": 1})
    assert {k: v[0] for k, v in mc.concepten(prof_ws, did).items()} == {"veld": {"tekst": "abc"}, "ander": {"n": 1}}
    assert mc.concepten(prof_ws, None) == {}
    mc.wis_concept(prof_ws, did, "veld")
    assert set(mc.concepten(prof_ws, did)) == {"ander"}
    n = prof_ws.db.conn.execute("SELECT count(*) FROM audit WHERE actie LIKE '%concept%'").fetchone()[0]
    assert n == 0  # no audit per keystroke


def test_drafts_are_per_account(open_als):
    ws = open_als("aandachtsfunctionaris")
    did = nieuw_dossier(ws, "ZW-2026-8803")
    mc.bewaar_concept(ws, did, "veld", {"tekst": "van de AF"})
    mc.bewaar_concept(ws, None, "nieuw", {"tekst": "nieuw dossier van de AF"})
    ws = open_als("demo")
    assert mc.concepten(ws, did) == {} and mc.concepten(ws, None) == {}
    ws = open_als("professional")
    with pytest.raises(PermissionDenied):
        mc.bewaar_concept(ws, did, "veld", {"tekst": "mag niet"})


def test_bad_draft_input(prof_ws):
    with pytest.raises(ValueError):
        mc.bewaar_concept(prof_ws, None, "", {"x": 1})
    with pytest.raises(ValueError):
        mc.bewaar_concept(prof_ws, None, "veld", ["geen", "dict"])
