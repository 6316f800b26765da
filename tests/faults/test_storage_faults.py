"""Disk full, read-only, a database locked by another process, a damaged file: a clear Dutch message,
and nothing that was acknowledged (committed) is lost.

Real where root allows it (SQLite's own page limit gives a real SQLITE_FULL; a second process really
holds the write lock; bytes in the file are really overwritten). Permission errors cannot be produced
as root, so those are simulated by monkeypatching (named *simulated* below).
"""
from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap

import pytest

from ghnt_desktop.errors import ReadOnlyDataDir, StorageFull, UserError, WorkspaceCorrupt, WorkspaceLocked
from ghnt_desktop.services import backup as service
from ghnt_desktop.services import teams
from ghnt_desktop.storage import backup as store
from ghnt_desktop.storage.connection import OperationalError
from ghnt_desktop.storage.errors_map import to_user_error, user_errors
from ghnt_desktop.storage.workspace import DB_NAME, Workspace
from tests.backup.helpers import corrupt_middle, data_dir_state, digest, snapshot, without_audit
from tests.conftest import PASSPHRASE, ROOT


def _reopen(data_dir):
    return Workspace.open(data_dir, "tester", PASSPHRASE)


def _instellingen(ws):
    return {r[0] for r in ws.db.conn.execute("SELECT sleutel FROM instelling")}


# --- disk full ----------------------------------------------------------------------------

def test_disk_full_during_a_write_real_sqlite_full(workspace, data_dir):
    teams.maak_team(workspace, "Bevestigd team", "wijkteam", ["GM0479"])
    pages = workspace.db.conn.execute("PRAGMA page_count").fetchone()[0]
    workspace.db.conn.execute(f"PRAGMA max_page_count = {pages}")  # the file may not grow: a real SQLITE_FULL
    with pytest.raises(StorageFull) as info:
        with user_errors(data_dir):
            with workspace.db.atomic():
                workspace.db.conn.execute("INSERT INTO instelling (sleutel, waarde) VALUES ('groot', ?)",
                                          ["x" * 300_000])
    assert "schijf is vol" in str(info.value) and "blijft bewaard" in str(info.value)
    workspace.close()
    ws = _reopen(data_dir)
    try:
        assert "Bevestigd team" in [r[0] for r in ws.db.conn.execute("SELECT naam FROM team")]
        assert "groot" not in _instellingen(ws)
        assert ws.db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        ws.close()


class _FullAtCommit:
    """Simulated: the connection raises SQLite's disk-full error at COMMIT (as a full disk does)."""

    def __init__(self, conn):
        self._conn = conn

    def execute(self, sql, *args):
        if sql.strip().upper().startswith("COMMIT"):
            raise OperationalError("database or disk is full")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def test_disk_full_at_commit_simulated(workspace, data_dir):
    teams.maak_team(workspace, "Eerder team", "wijkteam", ["GM0479"])
    real = workspace.db.conn
    workspace.db.conn = _FullAtCommit(real)
    try:
        with pytest.raises(OperationalError) as raw:
            teams.maak_team(workspace, "Niet opgeslagen", "wijkteam", ["GM0479"])
    finally:
        workspace.db.conn = real
    mapped = to_user_error(raw.value, data_dir)
    assert isinstance(mapped, StorageFull) and "Je laatste wijziging is niet opgeslagen" in str(mapped)
    assert not real.in_transaction
    workspace.close()
    ws = _reopen(data_dir)
    try:
        names = [r[0] for r in ws.db.conn.execute("SELECT naam FROM team")]
        assert "Eerder team" in names and "Niet opgeslagen" not in names
    finally:
        ws.close()


def test_disk_full_during_backup_leaves_nothing_behind(workspace, data_dir):
    real = workspace.db.conn

    class FullVacuum(_FullAtCommit):
        def execute(self, sql, *args):
            if sql.startswith("VACUUM INTO"):
                raise OperationalError("database or disk is full")  # simulated
            return self._conn.execute(sql, *args)

    workspace.db.conn = FullVacuum(real)
    try:
        with pytest.raises(StorageFull) as info:
            service.make_backup(workspace)
    finally:
        workspace.db.conn = real
    assert "reservekopie is niet gemaakt" in str(info.value) and "schijf is vol" in str(info.value)
    assert list(workspace.backup_dir.iterdir()) == []


def test_disk_full_while_writing_the_sidecar_removes_the_backup(workspace, monkeypatch):
    import ghnt_desktop.storage.backup as storemod

    real_atomic = storemod.atomic_write

    def full(path, data):
        from ghnt_desktop.storage.files import os_error_to_user_error

        raise os_error_to_user_error(OSError(errno.ENOSPC, "full"), path.parent)  # simulated

    monkeypatch.setattr(storemod, "atomic_write", full)
    with pytest.raises(StorageFull):
        service.make_backup(workspace)
    assert list(workspace.backup_dir.iterdir()) == []
    monkeypatch.setattr(storemod, "atomic_write", real_atomic)
    assert service.make_backup(workspace).path.exists()


# --- read-only ------------------------------------------------------------------------------

def test_backup_folder_that_cannot_be_made_real(workspace, tmp_path):
    blocker = tmp_path / "een-bestand"
    blocker.write_text("geen map")
    with pytest.raises(UserError) as info:
        store.write_backup(workspace.db, blocker / "backups", kind=store.MANUAL, keys=workspace._db_keys,
                           workspace_id=workspace.workspace_id)
    assert "reservekopie is niet gemaakt" in str(info.value) and "Traceback" not in str(info.value)
    with pytest.raises(UserError):
        service.set_backup_folder(workspace, blocker / "sub")


def test_read_only_backup_folder_simulated(workspace, monkeypatch):
    import ghnt_desktop.storage.backup as storemod

    monkeypatch.setattr(storemod, "_fsync_file", lambda p: (_ for _ in ()).throw(OSError(errno.EROFS, "read-only")))
    with pytest.raises(ReadOnlyDataDir) as info:
        service.make_backup(workspace)
    assert "niet schrijven" in str(info.value)
    assert not any(p.suffix == ".db" for p in workspace.backup_dir.iterdir())


def test_read_only_data_dir_during_restore_swap_simulated(workspace, data_dir, monkeypatch):
    import ghnt_desktop.storage.backup as storemod

    backup = service.make_backup(workspace).path
    teams.maak_team(workspace, "Na reservekopie", "wijkteam", ["GM0479"])
    snap = without_audit(snapshot(workspace))
    real_replace = os.replace

    def refuse(src, dst):
        if str(dst).endswith(DB_NAME) and ".herstel-" in str(src):
            raise OSError(errno.EROFS, "Read-only file system")  # simulated
        return real_replace(src, dst)

    monkeypatch.setattr(storemod.os, "replace", refuse)
    with pytest.raises(service.RestoreFailed) as info:
        service.restore(workspace, backup, PASSPHRASE)
    assert "niet gelukt" in str(info.value) and "niet schrijven" in str(info.value)
    ws = info.value.workspace
    assert ws is not None
    try:
        assert without_audit(snapshot(ws)) == snap  # nothing changed, nothing lost
    finally:
        ws.close()
    assert not list(data_dir.glob(".herstel-*"))


def test_read_only_data_dir_at_start_simulated(monkeypatch, capsys, demo_dir, passphrase_file, qapp):
    from ghnt_desktop.cli.main import main
    from ghnt_desktop.storage.single_writer import SingleWriterLock

    monkeypatch.setattr(SingleWriterLock, "acquire",
                        lambda self, *a, **k: (_ for _ in ()).throw(PermissionError(errno.EACCES, "ro")))
    monkeypatch.setattr("os.access", lambda *a, **k: False)
    rc = main(["--data-dir", str(demo_dir), "--user", "demo", "--passphrase-file", str(passphrase_file("demo")),
               "--quit-after-startup"])
    err = capsys.readouterr().err
    assert rc == 1 and "niet schrijven" in err and "Traceback" not in err


# --- locked by another process ------------------------------------------------------------------

LOCKER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from ghnt_desktop.storage.connection import open_encrypted
    db = open_encrypted(Path(sys.argv[1]), bytes.fromhex(sys.stdin.readline().strip()))
    db.conn.execute("BEGIN IMMEDIATE")
    db.conn.execute("INSERT INTO instelling (sleutel, waarde) VALUES ('ander_programma', '1')")
    print("vast", flush=True)
    time.sleep(120)
""")


def test_database_write_locked_by_another_process_real(workspace, data_dir):
    teams.maak_team(workspace, "Voor het slot", "wijkteam", ["GM0479"])
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    p = subprocess.Popen([sys.executable, "-c", LOCKER, str(data_dir / DB_NAME)], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        p.stdin.write(workspace._db_keys[1].hex() + "\n")
        p.stdin.flush()
        assert p.stdout.readline().strip() == "vast", p.stderr.read()
        with pytest.raises(WorkspaceLocked) as info:
            with user_errors(data_dir):
                teams.maak_team(workspace, "Tijdens het slot", "wijkteam", ["GM0479"])
        assert "in gebruik door een ander programma" in str(info.value)
        assert not workspace.db.conn.in_transaction
    finally:
        p.kill()
        p.wait(timeout=30)
    teams.maak_team(workspace, "Na het slot", "wijkteam", ["GM0479"])
    names = sorted(r[0] for r in workspace.db.conn.execute("SELECT naam FROM team"))
    assert names == ["Na het slot", "Voor het slot"]
    assert "ander_programma" not in _instellingen(workspace)


# --- damaged database ------------------------------------------------------------------------------

def test_damaged_database_at_start_gives_dutch_message_and_is_not_changed(run_cli, demo_dir, passphrase_file):
    db = demo_dir / DB_NAME
    corrupt_middle(db, 20_000)
    db.write_bytes(b"\xde\xad" * 8 + db.read_bytes()[16:])  # page 1 too: opening itself fails
    before = digest(db)
    r = run_cli("--data-dir", demo_dir, "--user", "demo", "--passphrase-file", passphrase_file("demo"),
                "--quit-after-startup")
    assert r.returncode == 1 and "beschadigd" in r.stderr and "Traceback" not in r.stderr
    assert digest(db) == before


def test_damage_in_data_pages_is_found_by_the_daily_backup(workspace, data_dir):
    """Opening only reads page 1; the daily backup reads every page, so damage is found once a day."""
    service.make_backup(workspace)
    workspace.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    corrupt_middle(data_dir / DB_NAME, 6000)
    workspace.db.conn.execute("PRAGMA shrink_memory")
    state = {k: v for k, v in data_dir_state(data_dir).items() if k.startswith("werkruimte.db")}
    with pytest.raises(WorkspaceCorrupt) as info:
        service.ensure_daily_backup(workspace)
    assert "beschadigd" in str(info.value) and "reservekopie terug" in str(info.value)
    assert {k: v for k, v in data_dir_state(data_dir).items() if k.startswith("werkruimte.db")} == state
    assert len(store.list_backups([workspace.backup_dir])) == 1  # no damaged backup was added


def test_error_mapping_covers_the_sqlite_environment_errors():
    from ghnt_desktop.storage.connection import DatabaseError

    cases = {
        "database or disk is full": StorageFull,
        "attempt to write a readonly database": ReadOnlyDataDir,
        "database is locked": WorkspaceLocked,
        "database disk image is malformed": WorkspaceCorrupt,
        "file is not a database": WorkspaceCorrupt,
    }
    for msg, cls in cases.items():
        mapped = to_user_error(OperationalError(msg) if "malformed" not in msg else DatabaseError(msg))
        assert isinstance(mapped, cls), msg
        assert mapped.message and "Traceback" not in mapped.message
    assert isinstance(to_user_error(OperationalError("disk I/O error")), UserError)
    assert to_user_error(OperationalError("no such table: x")) is None  # a bug, not the environment
    assert to_user_error(ValueError("x")) is None
    assert isinstance(to_user_error(OSError(errno.ENOSPC, "full")), StorageFull)
