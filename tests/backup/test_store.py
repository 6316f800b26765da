"""storage.backup: sidecars, listing (also without sidecar), verification, retention."""
from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from ghnt_desktop.storage import backup as store
from ghnt_desktop.storage.workspace import DB_NAME, write_pre_migration_backup


def _write(ws, kind=store.MANUAL, **kw):
    info, check = store.write_backup(ws.db, ws.backup_dir, kind=kind, keys=ws._db_keys, workspace_id=ws.workspace_id,
                                     **kw)
    return info, check


def test_backup_is_encrypted_verified_and_described(workspace):
    info, check = _write(workspace)
    assert check.ok, check.problems
    assert info.path.parent == workspace.data_dir / "backups"
    assert info.path.name.startswith("handmatig-")
    data = info.path.read_bytes()
    assert not data.startswith(b"SQLite format 3") and b"Testteam" not in data
    sc = store.read_sidecar(info.path)
    assert sc is not None and sc.kind == store.MANUAL and sc.workspace_id == workspace.workspace_id
    assert sc.sha256 == store.sha256_of(info.path) and sc.size == len(data) and sc.key_generation == 1
    doc = json.loads(store.sidecar_path(info.path).read_text())
    assert {"created_at", "schema_version", "key_generation", "sha256", "kind"} <= set(doc)
    assert not list(info.path.parent.glob(".tmp-*")), "no temp file left behind"


def test_two_backups_in_the_same_second_get_different_names(workspace):
    now = datetime.now().astimezone()
    a, _ = _write(workspace, now=now)
    b, _ = _write(workspace, now=now)
    assert a.path != b.path and a.path.exists() and b.path.exists()


def test_backup_without_sidecar_is_listed_and_verifiable(workspace):
    """The pre-migration backups written by Workspace.open have no sidecar."""
    p = write_pre_migration_backup(workspace.db, workspace.data_dir, "voor-migratie-schema1-20250102-030405")
    infos = store.list_backups([workspace.backup_dir], workspace.workspace_id)
    assert [i.path for i in infos] == [p]
    assert infos[0].kind == store.PRE_MIGRATION and infos[0].sidecar is None
    assert infos[0].created_at.replace(tzinfo=None) == datetime(2025, 1, 2, 3, 4, 5)
    check = store.verify_backup(p, workspace._db_keys, workspace_id=workspace.workspace_id)
    assert check.ok and check.generation == 1 and check.workspace_id == workspace.workspace_id
    assert store.add_sidecar(p, check) is not None
    assert store.read_sidecar(p).kind == store.PRE_MIGRATION


def test_listing_skips_database_damaged_files_temp_files_and_other_workspaces(workspace):
    info, _ = _write(workspace)
    folder = workspace.backup_dir
    (folder / DB_NAME).write_bytes(b"x")
    (folder / "beschadigd-20250101-000000.db").write_bytes(b"x")
    (folder / ".tmp-abc.db").write_bytes(b"x")
    other, _ = _write(workspace)
    sc = store.read_sidecar(other.path)
    store.sidecar_path(other.path).write_bytes(store.Sidecar(sc.created_at, sc.schema_version, 1, sc.sha256, sc.kind,
                                                             "andere-werkruimte", sc.size).to_bytes())
    assert [i.path for i in store.list_backups([folder], workspace.workspace_id)] == [info.path]


def test_verify_detects_changed_file(workspace):
    info, _ = _write(workspace)
    data = bytearray(info.path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    info.path.write_bytes(bytes(data))
    check = store.verify_backup(info.path, workspace._db_keys, workspace_id=workspace.workspace_id)
    assert not check.ok and "controlesom" in check.problems[0]
    store.sidecar_path(info.path).unlink()  # without sidecar, the page HMAC still catches it
    check = store.verify_backup(info.path, workspace._db_keys, workspace_id=workspace.workspace_id)
    assert not check.ok and "beschadigd" in " ".join(check.problems)


def test_verify_wrong_key_other_workspace_and_plaintext(workspace, tmp_path):
    import sqlite3

    info, _ = _write(workspace)
    store.sidecar_path(info.path).unlink()
    check = store.verify_backup(info.path, {1: b"\x01" * 32})
    assert not check.ok and "kan niet worden geopend" in check.problems[0]
    check = store.verify_backup(info.path, workspace._db_keys, workspace_id="iets-anders")
    assert not check.ok and "andere werkruimte" in check.problems[0]
    plain = tmp_path / "plat.db"
    conn = sqlite3.connect(plain)
    conn.execute("CREATE TABLE x (y)")
    conn.commit()
    conn.close()
    check = store.verify_backup(plain, workspace._db_keys)
    assert not check.ok and "niet versleuteld" in check.problems[0]


def test_verify_older_key_gives_dutch_message(workspace):
    info, _ = _write(workspace)
    check = store.verify_backup(info.path, {2: b"\x02" * 32}, workspace_id=workspace.workspace_id)
    assert not check.ok and check.problems[0] == store.OLDER_KEY
    (info.path.parent / (info.path.stem + ".sleutels.json")).write_bytes(
        (workspace.data_dir / "keyslots.json").read_bytes())
    check = store.verify_backup(info.path, {2: b"\x02" * 32}, workspace_id=workspace.workspace_id)
    assert check.problems[0] == store.OLDER_KEY_WITH_COPY and "wachtzin" in check.problems[0]


def test_verify_refuses_newer_schema(workspace):
    info, _ = _write(workspace)
    check = store.verify_backup(info.path, workspace._db_keys, latest_schema=0)
    assert not check.ok and "nieuwere versie" in check.problems[0]


def test_verify_never_changes_the_backup(workspace):
    info, _ = _write(workspace)
    before = info.path.read_bytes()
    files_before = sorted(p.name for p in info.path.parent.iterdir())
    assert store.verify_backup(info.path, workspace._db_keys).ok
    assert info.path.read_bytes() == before
    assert sorted(p.name for p in info.path.parent.iterdir()) == files_before


def _fake(path, when, kind=store.DAILY):
    return store.BackupInfo(path, kind, when, 1)


def test_retention_keeps_newest_of_7_days_and_12_months(tmp_path):
    base = datetime(2026, 11, 22, 9, 0).astimezone()
    backups = []
    for d in range(400):  # a daily backup (two on some days) for 400 days
        when = base - timedelta(days=d)
        backups.append(_fake(tmp_path / f"d{d}.db", when))
        if d % 10 == 0:
            backups.append(_fake(tmp_path / f"d{d}-vroeg.db", when - timedelta(hours=2)))
    manual = _fake(tmp_path / "m.db", base - timedelta(days=900), store.MANUAL)
    premig = _fake(tmp_path / "p.db", base - timedelta(days=1), store.PRE_MIGRATION)
    keep, remove = store.plan_retention(backups + [manual, premig])
    kept = {b.path.name for b in keep}
    # the newest of each of the last 7 days (never the earlier one of the same day)
    assert {f"d{d}.db" for d in range(7)} <= kept
    assert "d0-vroeg.db" not in kept
    # the newest of each of the 12 most recent months: the last day present in each month
    months = {}
    for b in backups:
        k = (b.created_at.year, b.created_at.month)
        if k not in months or b.created_at > months[k].created_at:
            months[k] = b
    newest12 = sorted(months)[-12:]
    assert {months[k].path.name for k in newest12} <= kept
    assert len(kept) <= 7 + 12
    assert manual not in keep + remove and premig not in keep + remove
    assert len(keep) + len(remove) == len(backups)


def test_retention_counts_days_that_have_a_backup(tmp_path):
    """Gaps (holidays) do not eat into the 7: the last 7 days *with* a backup are kept."""
    base = datetime(2026, 8, 1, 9, 0).astimezone()
    backups = [_fake(tmp_path / f"d{d}.db", base - timedelta(days=d * 5)) for d in range(10)]
    keep, remove = store.plan_retention(backups)
    assert {f"d{d}.db" for d in range(7)} <= {b.path.name for b in keep}


def test_prune_removes_backup_and_its_sidecars(workspace):
    old = datetime.now().astimezone() - timedelta(days=40)
    infos = [_write(workspace, kind=store.DAILY, now=old + timedelta(hours=h))[0] for h in range(3)]
    for i in infos:
        (i.path.parent / (i.path.stem + ".sleutels.json")).write_text("{}")
    removed = store.prune([workspace.backup_dir], workspace.workspace_id)
    assert set(removed) == {infos[0].path, infos[1].path}
    for i in infos[:2]:
        assert not i.path.exists() and not store.sidecar_path(i.path).exists()
        assert not (i.path.parent / (i.path.stem + ".sleutels.json")).exists()
    assert infos[2].path.exists()


@pytest.mark.parametrize("raw", [None, "", "null", "123", '"relatief/pad"', '""', "[1,2]", '{"a": 1}', "niet json",
                                 '"' + "x" * 5000 + '"', '"\\u0000"'])
def test_folder_setting_garbage_gives_none(raw):
    assert store.parse_folder_value(raw) is None


def test_folder_setting_valid(tmp_path):
    assert store.parse_folder_value(json.dumps(str(tmp_path / "rk"))) == tmp_path / "rk"


def test_missing_key_is_not_mistaken_for_a_damaged_database(workspace):
    from ghnt_desktop.errors import WorkspaceCorrupt, WorkspaceError

    with pytest.raises(WorkspaceError) as info:
        store.write_backup(workspace.db, workspace.backup_dir, kind=store.MANUAL, keys={1: b"\x07" * 32},
                           workspace_id=workspace.workspace_id)
    assert not isinstance(info.value, WorkspaceCorrupt) and "sleutel" in str(info.value)
    assert list(workspace.backup_dir.iterdir()) == []


def test_event_backups_expire_after_the_monthly_horizon(tmp_path):
    """A backup made before a purge must not keep destroyed dossiers alive beyond the 12-month horizon."""
    now = datetime.now().astimezone()
    old_purge = _fake(tmp_path / "oud-voor-vernietiging.db", now - timedelta(days=400), store.PRE_PURGE)
    new_purge = _fake(tmp_path / "nieuw-voor-vernietiging.db", now - timedelta(days=10), store.PRE_PURGE)
    old_import = _fake(tmp_path / "oud-voor-import.db", now - timedelta(days=500), store.PRE_IMPORT)
    manual = _fake(tmp_path / "handmatig.db", now - timedelta(days=900), store.MANUAL)
    keep, remove = store.plan_retention([old_purge, new_purge, old_import, manual])
    assert {b.path.name for b in remove} == {"oud-voor-vernietiging.db", "oud-voor-import.db"}
    assert manual not in keep + remove and new_purge not in remove
