"""services.backup: daily schedule, hooks, authorization, folder setting."""
from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from ghnt_desktop.errors import PermissionDenied, ValidationError
from ghnt_desktop.services import backup as service
from ghnt_desktop.storage import backup as store
from ghnt_desktop.storage.workspace import Workspace, write_pre_migration_backup


def _audit_actions(ws):
    return [r[0] for r in ws.db.conn.execute("SELECT actie FROM audit ORDER BY id")]


def test_daily_backup_once_per_calendar_day(workspace):
    day1 = datetime(2026, 3, 2, 8, 30).astimezone()
    p1 = service.ensure_daily_backup(workspace, now=day1)
    assert p1 is not None and p1.name.startswith("dagelijks-20260302")
    assert store.read_sidecar(p1).kind == store.DAILY
    assert (p1.parent / "dagelijks-20260302-083000.sleutels.json").exists()
    assert service.ensure_daily_backup(workspace, now=day1 + timedelta(hours=9)) is None
    p2 = service.ensure_daily_backup(workspace, now=day1 + timedelta(days=1, hours=-8))
    assert p2 is not None and p2 != p1
    assert _audit_actions(workspace).count("reservekopie_maken") == 2


def test_daily_backups_are_pruned_to_the_rule(workspace):
    start = datetime(2026, 1, 1, 9, 0).astimezone()
    for d in range(20):
        service.ensure_daily_backup(workspace, now=start + timedelta(days=d))
    manual = service.make_backup(workspace)
    names = sorted(p.name for p in workspace.backup_dir.glob("dagelijks-*.db"))
    # 7 most recent days (14..20 Jan) + newest of the month (= 20 Jan, already counted)
    assert names == [f"dagelijks-202601{d:02d}-090000.db" for d in range(14, 21)]
    assert manual.path.exists()
    # a new month: January's newest stays as the month's backup
    for d in range(8):
        service.ensure_daily_backup(workspace, now=datetime(2026, 2, 1, 9, 0).astimezone() + timedelta(days=d))
    names = sorted(p.name for p in workspace.backup_dir.glob("dagelijks-*.db"))
    assert "dagelijks-20260120-090000.db" in names and len(names) == 8


def test_leftovers_of_an_interrupted_backup_are_cleaned(workspace):
    workspace.backup_dir.mkdir()
    (workspace.backup_dir / ".tmp-123.db").write_bytes(b"half")
    (workspace.data_dir / ".herstel-1-2.db").write_bytes(b"half")
    service.ensure_daily_backup(workspace)
    assert not (workspace.backup_dir / ".tmp-123.db").exists()
    assert not (workspace.data_dir / ".herstel-1-2.db").exists()


def test_pre_migration_backup_gets_a_sidecar_at_next_daily_run(workspace):
    recent = datetime.now() - timedelta(days=2)  # within the 12-month horizon for event backups
    p = write_pre_migration_backup(workspace.db, workspace.data_dir,
                                   f"voor-migratie-schema1-{recent:%Y%m%d-%H%M%S}-123456")
    service.ensure_daily_backup(workspace)
    sc = store.read_sidecar(p)
    assert sc is not None and sc.kind == store.PRE_MIGRATION and sc.sha256 == store.sha256_of(p)


def test_hooks_before_purge_and_import(workspace):
    a = service.backup_before_purge(workspace)
    b = service.backup_before_import(workspace)
    assert a.name.startswith("voor-opschonen-") and store.read_sidecar(a).kind == store.PRE_PURGE
    assert b.name.startswith("voor-import-") and store.read_sidecar(b).kind == store.PRE_IMPORT
    # never pruned automatically
    store.prune([workspace.backup_dir], workspace.workspace_id)
    assert a.exists() and b.exists()


def test_manual_backup_and_listing_need_the_beheerder_role(demo_dir):
    ws = Workspace.open(demo_dir, "professional", "demo")
    try:
        with pytest.raises(PermissionDenied):
            service.make_backup(ws)
        with pytest.raises(PermissionDenied):
            service.list_backups(ws)
        # the automatic daily backup is not a choice of the user: it runs for every account
        assert service.ensure_daily_backup(ws) is not None
    finally:
        ws.close()


def test_backup_to_out_file_never_overwrites(workspace, tmp_path):
    from ghnt_desktop.errors import UserError

    out = tmp_path / "usb" / "kopie.db"
    with pytest.raises(UserError, match="bestaat niet"):
        service.make_backup(workspace, out)
    out.parent.mkdir()
    info = service.make_backup(workspace, out)
    assert info.path == out and (tmp_path / "usb" / "kopie.json").exists()
    before = out.read_bytes()
    with pytest.raises(UserError, match="bestaat al"):
        service.make_backup(workspace, out)
    assert out.read_bytes() == before


def test_backup_folder_setting_and_pointer(workspace, tmp_path):
    target = tmp_path / "elders" / "reservekopieen"
    assert service.backup_folder(workspace) == workspace.data_dir / "backups"
    assert service.set_backup_folder(workspace, target) == target
    row = workspace.db.conn.execute("SELECT waarde FROM instelling WHERE sleutel='backup_map'").fetchone()
    assert json.loads(row[0]) == str(target)
    assert store.read_pointer(workspace.data_dir) == target
    p = service.ensure_daily_backup(workspace)
    assert p.parent == target
    assert "instelling_wijzigen" in _audit_actions(workspace)
    # listing also finds backups in the default folder (pre-migration backups go there)
    m = write_pre_migration_backup(workspace.db, workspace.data_dir, "voor-migratie-schema1-20250102-030405")
    assert {b.path for b in service.list_backups(workspace)} == {p, m}
    service.set_backup_folder(workspace, None)
    assert service.backup_folder(workspace) == workspace.data_dir / "backups"
    assert store.read_pointer(workspace.data_dir) is None


def test_backup_folder_refuses_relative_and_the_data_dir_itself(workspace):
    from pathlib import Path

    with pytest.raises(ValidationError):
        service.set_backup_folder(workspace, Path("relatief"))
    with pytest.raises(ValidationError):
        service.set_backup_folder(workspace, workspace.data_dir)


@pytest.mark.parametrize("value", ["niet json", "42", '{"map": 1}', '""', '"relatief"', "null", "[]"])
def test_garbage_folder_setting_falls_back_to_default(workspace, value):
    with workspace.db.atomic():
        workspace.db.conn.execute("INSERT OR REPLACE INTO instelling (sleutel, waarde) VALUES ('backup_map', ?)",
                                  [value])
    assert service.backup_folder(workspace) == workspace.data_dir / "backups"
    assert service.ensure_daily_backup(workspace).parent == workspace.data_dir / "backups"
