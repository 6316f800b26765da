"""Stored workspaces of every earlier schema version upgrade cleanly (with a backup first)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ghnt_desktop.services.integrity import check_workspace
from ghnt_desktop.storage import migrations
from ghnt_desktop.storage.workspace import Workspace

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CASES = [("schema_v1", "schema1", "blauwe tafel zeilboot 2026", 1)]


@pytest.mark.parametrize("name,login,passphrase,version", CASES)
def test_stored_fixture_upgrades_to_current_schema(tmp_path, name, login, passphrase, version):
    d = tmp_path / name
    shutil.copytree(FIXTURES / name, d)
    ws = Workspace.open(d, login, passphrase)
    try:
        assert migrations.current_version(ws.db) == migrations.latest_version()
        assert ws.organisatie == "Fixture Wijkteam (fictief)"
        assert ws.gemeenten() == [("GM0439", "Purmerend"), ("GM0479", "Zaanstad")]
        assert ws.db.conn.execute("SELECT naam FROM team").fetchall() == [("Wijkteam Fictief",)]
        assert check_workspace(ws) == []
    finally:
        ws.close()
    if migrations.latest_version() > version:
        backups = list((d / "backups").glob(f"voor-migratie-schema{version}-*.db"))
        assert len(backups) == 1
