"""Restoring: every record comes back, nothing is lost on the way, damaged files are kept aside."""
from __future__ import annotations

import pytest

from ghnt_desktop.errors import UserError, WorkspaceCorrupt, WrongPassphrase
from ghnt_desktop.services import backup as service
from ghnt_desktop.services import teams
from ghnt_desktop.storage import backup as store
from ghnt_desktop.storage.workspace import DB_NAME, Workspace
from tests.backup.helpers import corrupt_middle, data_dir_state, digest, snapshot, without_audit
from tests.conftest import PASSPHRASE


def _change(ws):
    teams.maak_team(ws, "Team na de reservekopie", "wijkteam", ["GM0479"])
    with ws.db.atomic():
        ws.db.conn.execute("INSERT OR REPLACE INTO instelling (sleutel, waarde) VALUES ('proef', '\"na\"')")


def test_restore_finds_every_record_and_keeps_the_current_data(demo_dir):
    ws = Workspace.open(demo_dir, "demo", "demo")
    before = snapshot(ws)
    assert sum(len(v) for v in before.values()) > 50, "the demo workspace should hold real records"
    backup = service.make_backup(ws).path
    _change(ws)
    changed = snapshot(ws)
    assert without_audit(changed) != without_audit(before)
    ws2, result = service.restore(ws, backup, "demo")
    try:
        after = snapshot(ws2)
        assert without_audit(after) == without_audit(before)  # every record is back, nothing extra
        n = len(before["audit"])
        assert after["audit"][:n] == before["audit"]  # the audit trail continues...
        assert [r[4] for r in after["audit"][n:]] == ["reservekopie_teruggezet"]  # ...with the restore itself
        from ghnt_desktop.services.integrity import check_workspace

        assert check_workspace(ws2) == []
        # the data of before the restore was kept as a pre-restore backup: restore that and it is all back
        kept = result.kept_as_backup
        assert kept is not None and store.read_sidecar(kept).kind == store.PRE_RESTORE
        ws3, _ = service.restore(ws2, kept, "demo")
    finally:
        ws2.close()
    try:
        assert without_audit(snapshot(ws3)) == without_audit(changed)
    finally:
        ws3.close()
    assert not list(demo_dir.glob(".herstel-*")) and not (demo_dir / f"{DB_NAME}-journal").exists()


def test_refused_backup_changes_nothing_and_workspace_stays_usable(workspace, data_dir, tmp_path):
    bad = tmp_path / "kapot.db"
    bad.write_bytes(b"\x00" * 8192)
    state = data_dir_state(data_dir)
    with pytest.raises(UserError, match="niet teruggezet"):
        service.restore(workspace, bad, PASSPHRASE)
    assert workspace.organisatie == "Testteam"  # still open
    teams.maak_team(workspace, "Nog steeds bruikbaar", "wijkteam", ["GM0479"])
    assert {k: v for k, v in data_dir_state(data_dir).items() if not k.startswith("werkruimte.db")} == \
        {k: v for k, v in state.items() if not k.startswith("werkruimte.db")}


def test_restore_asks_the_passphrase_again(workspace):
    backup = service.make_backup(workspace).path
    with pytest.raises(WrongPassphrase):
        service.restore(workspace, backup, "verkeerde wachtzin")
    assert workspace.organisatie == "Testteam"


def test_restore_of_another_workspaces_backup_is_refused(workspace, demo_dir):
    other = Workspace.open(demo_dir, "demo", "demo")
    try:
        foreign = service.make_backup(other).path
    finally:
        other.close()
    with pytest.raises(UserError) as info:
        service.restore(workspace, foreign, PASSPHRASE)
    assert "andere werkruimte" in str(info.value)


def test_damaged_database_is_kept_aside_and_latest_verified_backup_restored(workspace, data_dir):
    service.make_backup(workspace)
    snap = without_audit(snapshot(workspace))
    newest = service.make_backup(workspace).path
    corrupt_middle(newest)  # the newest backup is damaged too: the one before it must be chosen
    workspace.close()
    db = data_dir / DB_NAME
    corrupt_middle(db, 4000)
    damaged = digest(db)
    result = service.restore_damaged(data_dir, "tester", PASSPHRASE)
    assert result.restored_from != newest
    aside = [p for p in result.kept_aside if p.suffix == ".db"]
    assert len(aside) == 1 and aside[0].name.startswith("beschadigd-") and digest(aside[0]) == damaged
    ws = Workspace.open(data_dir, "tester", PASSPHRASE)
    try:
        assert without_audit(snapshot(ws)) == snap
        assert ws.db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        ws.close()


def test_damaged_restore_with_wal_moves_the_whole_set_aside(workspace, data_dir):
    backup = service.make_backup(workspace).path
    # leave a -wal behind as after a crash: a second connection keeps the WAL alive while we copy
    with workspace.db.atomic():
        workspace.db.conn.execute("INSERT INTO instelling (sleutel, waarde) VALUES ('x', '1')")
    wal = data_dir / f"{DB_NAME}-wal"
    assert wal.exists() and wal.stat().st_size > 0
    wal_bytes, db_bytes = wal.read_bytes(), (data_dir / DB_NAME).read_bytes()
    workspace.close()
    (data_dir / DB_NAME).write_bytes(db_bytes[:4096] + b"\x00" * (len(db_bytes) - 4096))
    wal.write_bytes(wal_bytes)
    result = service.restore_damaged(data_dir, "tester", PASSPHRASE, backup)
    names = sorted(p.name for p in result.kept_aside)
    assert any(n.endswith(".db-wal") for n in names)
    assert [p for p in result.kept_aside if p.name.endswith("-wal")][0].read_bytes() == wal_bytes
    assert not wal.exists() or wal.stat().st_size == 0
    ws = Workspace.open(data_dir, "tester", PASSPHRASE)
    ws.close()


def test_missing_database_can_be_restored(workspace, data_dir):
    backup = service.make_backup(workspace).path
    workspace.close()
    (data_dir / DB_NAME).unlink()
    result = service.restore_damaged(data_dir, "tester", PASSPHRASE, backup)
    assert result.kept_aside == []
    Workspace.open(data_dir, "tester", PASSPHRASE).close()


def test_restore_over_open_but_damaged_database_moves_it_aside(workspace, data_dir):
    backup = service.make_backup(workspace).path
    # make the open database unreadable in its data pages
    workspace.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    corrupt_middle(data_dir / DB_NAME, 6000)
    workspace.db.conn.execute("PRAGMA shrink_memory")  # drop cached pages: read the damaged file
    with pytest.raises(WorkspaceCorrupt):
        service.ensure_daily_backup(workspace)
    ws2, result = service.restore(workspace, backup, PASSPHRASE)
    try:
        assert result.kept_as_backup is None and any(p.name.startswith("beschadigd-") for p in result.kept_aside)
        assert ws2.organisatie == "Testteam"
    finally:
        ws2.close()


def test_damaged_restore_without_any_good_backup_changes_nothing(workspace, data_dir):
    workspace.close()
    corrupt_middle(data_dir / DB_NAME, 4000)
    state = data_dir_state(data_dir)
    with pytest.raises(UserError, match="geen reservekopie"):
        service.restore_damaged(data_dir, "tester", PASSPHRASE)
    assert data_dir_state(data_dir) == state


def test_damaged_restore_wrong_passphrase_is_counted(workspace, data_dir):
    workspace.close()
    with pytest.raises(WrongPassphrase):
        service.restore_damaged(data_dir, "tester", "fout fout fout")
    from ghnt_desktop.services.login import read_failures

    assert len(read_failures(data_dir).times) == 1


@pytest.mark.skipif(not hasattr(Workspace, "rotate_db_key"), reason="key rotation not available")
def test_backup_from_before_a_key_rotation_restores_with_the_key_slot_copy(workspace, data_dir):
    backup = service.make_backup(workspace).path
    snap = without_audit(snapshot(workspace))
    assert store.read_sidecar(backup).key_generation == 1
    gen = workspace.rotate_db_key()
    assert gen == 2 and 1 not in workspace._db_keys
    check = service.verify(workspace, backup)
    assert not check.ok and check.problems[0] == store.OLDER_KEY_WITH_COPY
    teams.maak_team(workspace, "Na rotatie", "wijkteam", ["GM0479"])
    ws2, _ = service.restore(workspace, backup, PASSPHRASE)
    try:
        assert without_audit(snapshot(ws2)) == snap
        assert getattr(ws2, "_db_generation", 2) == 2  # re-keyed to the current key
    finally:
        ws2.close()
    # without the key-slot copy: a clear Dutch message, nothing changed
    store.keys_copy_path(backup).unlink()
    ws3 = Workspace.open(data_dir, "tester", PASSPHRASE)
    try:
        with pytest.raises(UserError) as info:
            service.restore(ws3, backup, PASSPHRASE)
        assert "oudere sleutel" in str(info.value)
    finally:
        ws3.close()


def test_restore_of_an_older_schema_backup_upgrades_it(tmp_path):
    """The pre-migration backup of a schema-1 workspace restores and is upgraded again on reopening."""
    import shutil
    from pathlib import Path

    from ghnt_desktop.storage import migrations

    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "schema_v1"
    if not fixture.is_dir() or migrations.latest_version() == 1:
        pytest.skip("no older schema to test with")
    d = tmp_path / "v1"
    shutil.copytree(fixture, d)
    ws = Workspace.open(d, "schema1", "blauwe tafel zeilboot 2026")  # upgrades; writes voor-migratie-schema1-…
    teams.maak_team(ws, "Na de update", "wijkteam", ["GM0479"])
    old = [b for b in service.list_backups(ws) if b.kind == store.PRE_MIGRATION]
    assert len(old) == 1 and old[0].sidecar is None
    check = service.verify(ws, old[0].path)
    assert check.ok and check.schema_version == 1
    import time

    time.sleep(1.05)  # Workspace.open names its pre-migration backup by the second (see report)
    ws2, _ = service.restore(ws, old[0].path, "blauwe tafel zeilboot 2026")
    try:
        assert migrations.current_version(ws2.db) == migrations.latest_version()
        assert [r[0] for r in ws2.db.conn.execute("SELECT naam FROM team")] == ["Wijkteam Fictief"]
    finally:
        ws2.close()
