"""Schema migrations: numbered files, user_version, backup before upgrade, refuse newer, all-or-nothing."""
from __future__ import annotations

import shutil

import pytest

from ghnt_desktop.errors import WorkspaceTooNew
from ghnt_desktop.storage import migrations
from ghnt_desktop.storage.connection import open_encrypted
from ghnt_desktop.storage.workspace import DB_NAME, SLOTS_NAME, Workspace
from tests.conftest import PASSPHRASE, file_digest


def test_migrations_are_numbered_without_gaps():
    migs = migrations.load_migrations()
    assert [m.version for m in migs] == list(range(1, len(migs) + 1))
    assert migs[0].name == "001_foundation"


def test_new_workspace_is_at_latest_schema(workspace):
    assert migrations.current_version(workspace.db) == migrations.latest_version()


def _raw_db(data_dir):
    from ghnt_desktop.storage import keyslots

    slots = keyslots.read_keyslots(data_dir / SLOTS_NAME)
    keys = keyslots.unlock_slot(slots.workspace_id, slots.find("tester"), PASSPHRASE)
    return open_encrypted(data_dir / DB_NAME, keys[slots.generation])


def test_newer_schema_is_refused_and_left_untouched(workspace, data_dir):
    workspace.close()
    db = _raw_db(data_dir)
    db.conn.execute("PRAGMA user_version = 999")
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    before = {n: file_digest(data_dir / n) for n in (DB_NAME, SLOTS_NAME, f"{DB_NAME}-wal")}
    with pytest.raises(WorkspaceTooNew) as info:
        Workspace.open(data_dir, "tester", PASSPHRASE)
    assert "nieuwere versie" in str(info.value) and "niets aan de werkruimte veranderd" in str(info.value)
    after = {n: file_digest(data_dir / n) for n in (DB_NAME, SLOTS_NAME, f"{DB_NAME}-wal")}
    assert after == before
    assert not (data_dir / "backups").exists()


def test_upgrade_writes_encrypted_backup_first_and_runs_in_one_transaction(workspace, data_dir, tmp_path):
    mig_dir = tmp_path / "migs"
    mig_dir.mkdir()
    for m in migrations.load_migrations():
        (mig_dir / f"{m.name}.sql").write_text(m.sql)
    n = migrations.latest_version()
    (mig_dir / f"{n + 1:03d}_proef.sql").write_text("CREATE TABLE proef (x INTEGER);\nINSERT INTO proef VALUES (1);")
    from ghnt_desktop.storage.workspace import write_pre_migration_backup

    backups = []

    def backup(name):  # what Workspace.open passes
        backups.append(write_pre_migration_backup(workspace.db, workspace.data_dir, name))

    applied = migrations.migrate(workspace.db, migrations=migrations.load_migrations(mig_dir), backup=backup)
    assert applied == 1
    assert migrations.current_version(workspace.db) == n + 1
    assert len(backups) == 1 and backups[0].exists()
    assert not backups[0].read_bytes().startswith(b"SQLite format 3")
    assert f"schema{n}" in backups[0].name


def test_failing_migration_rolls_back_everything(workspace, tmp_path):
    mig_dir = tmp_path / "migs"
    mig_dir.mkdir()
    for m in migrations.load_migrations():
        (mig_dir / f"{m.name}.sql").write_text(m.sql)
    n = migrations.latest_version()
    (mig_dir / f"{n + 1:03d}_goed.sql").write_text("CREATE TABLE goed (x INTEGER);")
    (mig_dir / f"{n + 2:03d}_fout.sql").write_text("CREATE TABLE fout (x INTEGER);\nINSERT INTO bestaat_niet VALUES (1);")
    with pytest.raises(Exception):
        migrations.migrate(workspace.db, migrations=migrations.load_migrations(mig_dir))
    assert migrations.current_version(workspace.db) == n
    tables = set(workspace.db.table_names())
    assert "goed" not in tables and "fout" not in tables
