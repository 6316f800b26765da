"""``ghnt check`` (subprocess) detects a tampered audit trail; the intact workspace passes."""
from __future__ import annotations

import pytest

from ghnt_desktop.storage.workspace import Workspace


def _check(run_cli, demo_dir, passphrase_file):
    return run_cli("check", "--data-dir", demo_dir, "--user", "demo", "--passphrase-file", passphrase_file("demo"))


def _tamper(demo_dir, sql: str) -> None:
    ws = Workspace.open(demo_dir, "demo", "demo")
    try:
        ws.audit("bekijken", "meldcode_dossier", 7)
        ws.audit("wijzigen", "meldcode_dossier", 7)
        ws.db.conn.execute("DROP TRIGGER audit_geen_wijziging")
        ws.db.conn.execute("DROP TRIGGER audit_geen_verwijdering")
        ws.db.conn.execute(sql)
    finally:
        ws.close()


def test_intact_workspace_passes(run_cli, demo_dir, passphrase_file):
    r = _check(run_cli, demo_dir, passphrase_file)
    assert r.returncode == 0, r.stderr
    assert "Controle geslaagd" in r.stdout


def test_altered_audit_entry_is_detected_by_ghnt_check(run_cli, demo_dir, passphrase_file):
    # someone tries to hide who looked at dossier 7
    _tamper(demo_dir, "UPDATE audit SET actor_id = NULL WHERE object_id = '7' AND actie = 'bekijken'")
    r = _check(run_cli, demo_dir, passphrase_file)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert r.stderr.startswith("ghnt: de controle vond problemen")
    assert "van het logboek is veranderd" in r.stderr


def test_removed_last_entries_are_detected_by_ghnt_check(run_cli, demo_dir, passphrase_file):
    _tamper(demo_dir, "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)")
    r = _check(run_cli, demo_dir, passphrase_file)
    # The check's own login entry chains to the stored head, so the gap shows up as a broken link.
    assert r.returncode == 1 and "sluit niet aan" in r.stderr and "Traceback" not in r.stderr
