"""The database, its WAL and the key slots never hold plaintext; no plaintext fallback."""
from __future__ import annotations

import sqlite3

import pytest

from ghnt_desktop.errors import WorkspaceCorrupt, WrongPassphrase
from ghnt_desktop.storage.workspace import DB_NAME, SLOTS_NAME, Workspace
from tests.conftest import PASSPHRASE

MARKER = "GEHEIM-MARKER-Ĳsbeer-€-zaak"


def _all_bytes(data_dir):
    return {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()}


def test_database_and_wal_contain_no_plaintext(workspace, data_dir):
    with workspace.db.atomic():
        workspace.db.conn.execute("INSERT INTO instelling (sleutel, waarde) VALUES (?, ?)", ["proef", f'"{MARKER}"'])
    # The connection is still open, so the change sits in the -wal file.
    files = _all_bytes(data_dir)
    assert f"{DB_NAME}-wal" in files and len(files[f"{DB_NAME}-wal"]) > 0
    needles = [MARKER.encode("utf-8"), MARKER.encode("utf-16-le"), b"GEHEIM-MARKER", b"Testteam", b"Test Persoon"]
    for name, data in files.items():
        for needle in needles:
            assert needle not in data, f"plaintext found in {name}"
    assert not files[DB_NAME].startswith(b"SQLite format 3")
    # Sanity: the marker really is in the database.
    assert workspace.db.conn.execute("SELECT waarde FROM instelling WHERE sleutel='proef'").fetchone()[0] == f'"{MARKER}"'


def test_plain_sqlite_cannot_read_the_database(workspace, data_dir):
    workspace.close()
    conn = sqlite3.connect(data_dir / DB_NAME)
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()


def test_wrong_passphrase_is_refused_and_changes_nothing(workspace, data_dir):
    workspace.close()
    before = {n: b for n, b in _all_bytes(data_dir).items() if n in (DB_NAME, SLOTS_NAME)}
    with pytest.raises(WrongPassphrase) as info:
        Workspace.open(data_dir, "tester", "niet de goede wachtzin")
    assert "klopt niet" in str(info.value)
    after = {n: b for n, b in _all_bytes(data_dir).items() if n in (DB_NAME, SLOTS_NAME)}
    assert after == before
    ws = Workspace.open(data_dir, "tester", PASSPHRASE)
    assert ws.organisatie == "Testteam"
    ws.close()


def test_unknown_login_gives_the_same_message(workspace, data_dir):
    workspace.close()
    with pytest.raises(WrongPassphrase) as info:
        Workspace.open(data_dir, "onbekend", PASSPHRASE)
    assert str(info.value) == "De combinatie van naam en wachtzin klopt niet."


def test_plaintext_sqlite_file_is_never_opened(workspace, data_dir):
    workspace.close()
    db = data_dir / DB_NAME
    db.unlink()
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE x (y)")
    conn.commit()
    conn.close()
    with pytest.raises(WorkspaceCorrupt) as info:
        Workspace.open(data_dir, "tester", PASSPHRASE)
    assert "niet versleuteld" in str(info.value)


def test_garbage_database_file_gives_dutch_message(workspace, data_dir):
    workspace.close()
    (data_dir / DB_NAME).write_bytes(b"dit is geen database" * 500)
    for suffix in ("-wal", "-shm"):
        (data_dir / f"{DB_NAME}{suffix}").unlink(missing_ok=True)
    with pytest.raises(WorkspaceCorrupt) as info:
        Workspace.open(data_dir, "tester", PASSPHRASE)
    assert "beschadigd" in str(info.value)


def test_corrupt_keyslots_gives_dutch_message(workspace, data_dir):
    workspace.close()
    (data_dir / SLOTS_NAME).write_text("{niet: json")
    with pytest.raises(WorkspaceCorrupt) as info:
        Workspace.open(data_dir, "tester", PASSPHRASE)
    assert "sleutelbestand" in str(info.value)


def test_pragmas_foreign_keys_wal_synchronous(workspace):
    c = workspace.db.conn
    assert c.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert c.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_sqlite_utils_uses_sqlcipher_error_classes(workspace):
    """The pysqlite3 shim: sqlite-utils' own error handling works on the encrypted connection."""
    workspace.db["bestaat_niet"].drop(ignore=True)  # raises without the shim
    workspace.db["proef"].insert({"a": 1}, alter=True)
    workspace.db["proef"].insert({"a": 2, "b": "x"}, alter=True)
    assert workspace.db["proef"].count == 2


def test_second_open_of_same_data_dir_is_refused(workspace, data_dir):
    from ghnt_desktop.errors import WorkspaceLocked

    with pytest.raises(WorkspaceLocked) as info:
        Workspace.open(data_dir, "tester", PASSPHRASE)
    assert "al geopend" in str(info.value)
