"""SQLite/SQLCipher errors are classified by their result code, not by their English text.

Every error here is real: produced by SQLCipher itself (a page limit, a second connection holding the
write lock, a wrong key, a damaged page, a read-only open, a missing folder, the append-only audit
triggers, a file-size limit) and, where a private mount namespace is available (``unshare -rm``), by a
really full and a really read-only file system. The ``no_fallback`` fixture makes the message-text
fallback fail the test, so each of these proves that the code path did the work.

Measured for sqlcipher3 0.6.4 (SQLCipher 4.19.0, SQLite 3.53.4): every driver exception carries
``sqlite_errorcode`` / ``sqlite_errorname``, with the *primary* code (a UNIQUE violation is 19, where the
stdlib ``sqlite3`` gives the extended 2067).
"""
from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

import sqlcipher3
from ghnt_desktop.errors import (ReadOnlyDataDir, StorageFull, UserError, WorkspaceCorrupt, WorkspaceError,
                                 WorkspaceLocked)
from ghnt_desktop.storage import errors_map
from ghnt_desktop.storage.connection import DatabaseError, IntegrityError, OperationalError, open_encrypted
from ghnt_desktop.storage.errors_map import is_corruption, is_disk_full, sqlite_code, to_user_error
from tests.conftest import ROOT

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))


@pytest.fixture
def no_fallback(monkeypatch):
    """Fail the test if the English-message fallback is consulted."""

    def fail(message):
        raise AssertionError("message-text fallback used for an error that carries a result code")

    monkeypatch.setattr(errors_map, "kind_by_message", fail)


def _new_db(path, rows: int = 0):
    db = open_encrypted(path, KEY, create=True)
    db.conn.execute("PRAGMA busy_timeout = 0")
    db.conn.execute("CREATE TABLE t (x TEXT)")
    if rows:
        db.conn.execute("BEGIN")
        db.conn.executemany("INSERT INTO t VALUES (?)", [("y" * 200,)] * rows)
        db.conn.execute("COMMIT")
    return db


def _raised(fn) -> BaseException:
    with pytest.raises(DatabaseError) as info:
        fn()
    return info.value


# --- the driver gives a code (measured) ---------------------------------------------------------------

def test_sqlcipher3_exceptions_carry_the_primary_result_code(tmp_path):
    db = _new_db(tmp_path / "a.db")
    db.conn.execute("CREATE TABLE u (x UNIQUE)")
    db.conn.execute("INSERT INTO u VALUES (1)")
    exc = _raised(lambda: db.conn.execute("INSERT INTO u VALUES (1)"))
    assert isinstance(exc, IntegrityError)
    assert exc.sqlite_errorcode == sqlcipher3.SQLITE_CONSTRAINT == 19  # primary, not SQLITE_CONSTRAINT_UNIQUE
    assert exc.sqlite_errorname == "SQLITE_CONSTRAINT"
    # an exception made in Python carries none: that is what the message fallback is for
    assert sqlite_code(OperationalError("database or disk is full")) is None


# --- real errors, each classified through the code ----------------------------------------------------

def test_full_real_page_limit(tmp_path, no_fallback):
    db = _new_db(tmp_path / "a.db")
    pages = db.conn.execute("PRAGMA page_count").fetchone()[0]
    db.conn.execute(f"PRAGMA max_page_count = {pages}")
    exc = _raised(lambda: db.conn.execute("INSERT INTO t VALUES (?)", ["x" * 300_000]))
    assert sqlite_code(exc) == sqlcipher3.SQLITE_FULL
    mapped = to_user_error(exc, tmp_path)
    assert isinstance(mapped, StorageFull) and "schijf is vol" in str(mapped) and "blijft bewaard" in str(mapped)
    assert is_disk_full(exc)


def test_busy_real_second_connection_holds_the_write_lock(tmp_path, no_fallback):
    holder = _new_db(tmp_path / "a.db")
    holder.conn.execute("PRAGMA journal_mode = WAL")
    other = open_encrypted(tmp_path / "a.db", KEY)
    other.conn.execute("PRAGMA busy_timeout = 0")
    holder.conn.execute("BEGIN IMMEDIATE")
    holder.conn.execute("INSERT INTO t VALUES ('eerst')")
    try:
        exc = _raised(lambda: other.conn.execute("INSERT INTO t VALUES ('tweede')"))
    finally:
        holder.conn.execute("ROLLBACK")
    assert sqlite_code(exc) == sqlcipher3.SQLITE_BUSY
    mapped = to_user_error(exc)
    assert isinstance(mapped, WorkspaceLocked) and "in gebruik door een ander programma" in str(mapped)


def test_locked_real_table_in_use_by_an_open_cursor(tmp_path, no_fallback):
    db = _new_db(tmp_path / "a.db", rows=3)
    cur = db.conn.execute("SELECT x FROM t")
    cur.fetchone()  # a statement still reading the table
    exc = _raised(lambda: db.conn.execute("DROP TABLE t"))
    assert sqlite_code(exc) == sqlcipher3.SQLITE_LOCKED
    assert isinstance(to_user_error(exc), WorkspaceLocked)


def test_notadb_real_wrong_key(tmp_path, no_fallback):
    _new_db(tmp_path / "a.db", rows=1).conn.close()
    with pytest.raises(WorkspaceCorrupt) as info:
        open_encrypted(tmp_path / "a.db", OTHER_KEY)
    raw = info.value.__cause__
    assert isinstance(raw, DatabaseError) and sqlite_code(raw) == sqlcipher3.SQLITE_NOTADB
    mapped = to_user_error(raw, tmp_path)
    assert isinstance(mapped, WorkspaceCorrupt) and "beschadigd" in str(mapped)
    assert is_corruption(raw)


def test_corrupt_real_damaged_data_page(tmp_path, no_fallback):
    path = tmp_path / "a.db"
    _new_db(path, rows=2000).conn.close()
    data = bytearray(path.read_bytes())
    start = (len(data) // 2) // 4096 * 4096
    data[start:start + 8192] = bytes((i * 37 + 11) % 256 for i in range(8192))  # two whole pages
    path.write_bytes(bytes(data))
    db = open_encrypted(path, KEY)  # page 1 is fine: opening works
    exc = _raised(lambda: db.conn.execute("SELECT sum(length(x)) FROM t").fetchall())
    assert sqlite_code(exc) == sqlcipher3.SQLITE_CORRUPT
    assert is_corruption(exc)
    assert isinstance(to_user_error(exc, tmp_path), WorkspaceCorrupt)


def test_readonly_real_read_only_open(tmp_path, no_fallback):
    path = tmp_path / "a.db"
    _new_db(path, rows=1).conn.close()
    conn = sqlcipher3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{KEY.hex()}'\"")
    try:
        exc = _raised(lambda: conn.execute("INSERT INTO t VALUES ('x')"))
    finally:
        conn.close()
    assert sqlite_code(exc) == sqlcipher3.SQLITE_READONLY
    mapped = to_user_error(exc, tmp_path)
    assert isinstance(mapped, ReadOnlyDataDir) and "niet schrijven" in str(mapped)


def test_cantopen_real_missing_folder(tmp_path, no_fallback):
    with pytest.raises(OperationalError) as info:
        open_encrypted(tmp_path / "bestaat-niet" / "a.db", KEY, create=True)
    assert sqlite_code(info.value) == sqlcipher3.SQLITE_CANTOPEN
    mapped = to_user_error(info.value, tmp_path)
    assert type(mapped) is WorkspaceError and "kan niet worden geopend of gemaakt" in str(mapped)
    db = _new_db(tmp_path / "a.db", rows=1)  # a backup into a folder that is gone: the same code
    exc = _raised(lambda: db.conn.execute("VACUUM INTO ?", [str(tmp_path / "weg" / "kopie.db")]))
    assert sqlite_code(exc) == sqlcipher3.SQLITE_CANTOPEN and type(to_user_error(exc)) is WorkspaceError


def test_constraint_from_the_append_only_audit_triggers_is_a_bug(workspace, no_fallback):
    conn = workspace.db.conn
    assert conn.execute("SELECT count(*) FROM audit").fetchone()[0] > 0
    for sql in ("UPDATE audit SET id = id", "DELETE FROM audit"):
        exc = _raised(lambda: conn.execute(sql))
        assert isinstance(exc, IntegrityError) and sqlite_code(exc) == sqlcipher3.SQLITE_CONSTRAINT
        assert to_user_error(exc) is None  # not the environment: a crash report, never a Dutch "disk" text
        assert not is_corruption(exc) and not is_disk_full(exc)


# --- the code wins over a misleading text (these fail if the code path is removed) ----------------------

def test_a_constraint_whose_text_reads_like_disk_full_is_still_a_bug(tmp_path):
    db = _new_db(tmp_path / "a.db")
    db.conn.execute("CREATE TRIGGER nee BEFORE INSERT ON t BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    exc = _raised(lambda: db.conn.execute("INSERT INTO t VALUES ('x')"))
    assert str(exc) == "database or disk is full" and sqlite_code(exc) == sqlcipher3.SQLITE_CONSTRAINT
    assert errors_map.kind_by_message(str(exc)) == errors_map.FULL  # what the text alone would say
    assert to_user_error(exc) is None
    assert not is_disk_full(exc)


def test_an_sql_error_mentioning_busy_or_malformed_is_still_a_bug(tmp_path):
    db = _new_db(tmp_path / "a.db")
    for sql in ("SELECT * FROM busy_lijst", "SELECT malformed_kolom FROM t"):
        exc = _raised(lambda: db.conn.execute(sql))
        assert sqlite_code(exc) == sqlcipher3.SQLITE_ERROR
        assert errors_map.kind_by_message(str(exc)) is not None  # the old text match would have hit
        assert to_user_error(exc) is None and not is_corruption(exc)


def test_extended_codes_are_masked_to_their_primary_code(no_fallback):
    cases = {
        778: WorkspaceError,  # SQLITE_IOERR_WRITE
        266: WorkspaceError,  # SQLITE_IOERR_READ
        1032: ReadOnlyDataDir,  # SQLITE_READONLY_DBMOVED
        517: WorkspaceLocked,  # SQLITE_BUSY_SNAPSHOT
        262: WorkspaceLocked,  # SQLITE_LOCKED_SHAREDCACHE
        267: WorkspaceCorrupt,  # SQLITE_CORRUPT_VTAB
        15: WorkspaceLocked,  # SQLITE_PROTOCOL
        3: ReadOnlyDataDir,  # SQLITE_PERM
        13: StorageFull,
    }
    for code, cls in cases.items():
        exc = OperationalError("x")
        exc.sqlite_errorcode = code
        assert type(to_user_error(exc)) is cls, code
    for code in (2067, 1555, 1, 7, 18, 21):  # UNIQUE, PRIMARYKEY, ERROR, NOMEM, TOOBIG, MISUSE: bugs
        exc = OperationalError("database or disk is full")  # a text that must not win over the code
        exc.sqlite_errorcode = code
        assert to_user_error(exc) is None, code


def test_without_a_code_the_message_text_still_classifies():
    """Exceptions made in Python (wrappers, fault-injection tests) carry no code."""
    cases = {
        "database or disk is full": StorageFull,
        "attempt to write a readonly database": ReadOnlyDataDir,
        "database is locked": WorkspaceLocked,
        "file is not a database": WorkspaceCorrupt,
        "disk I/O error": WorkspaceError,
        "unable to open database file": WorkspaceError,
    }
    for msg, cls in cases.items():
        exc = OperationalError(msg)
        assert sqlite_code(exc) is None
        assert type(to_user_error(exc)) is cls, msg
    assert to_user_error(OperationalError("no such table: x")) is None


def test_os_errors_go_by_errno(tmp_path):
    assert isinstance(to_user_error(OSError(errno.ENOSPC, "whatever the text")), StorageFull)
    assert isinstance(to_user_error(OSError(errno.EROFS, "x")), ReadOnlyDataDir)
    assert isinstance(to_user_error(OSError(errno.EACCES, "database or disk is full")), ReadOnlyDataDir)
    assert is_disk_full(OSError(errno.ENOSPC, "x")) and not is_disk_full(OSError(errno.EACCES, "disk is full"))
    with pytest.raises(OSError) as info:  # a real one
        (tmp_path / "geen-map" / "bestand").write_text("x")
    mapped = to_user_error(info.value, tmp_path)
    assert type(mapped) is UserError and "bestaat niet" in str(mapped)


# --- real file-system errors in a subprocess -----------------------------------------------------------

SCENARIO = textwrap.dedent("""
    import json, os, sys
    from pathlib import Path
    from ghnt_desktop.storage import errors_map
    from ghnt_desktop.storage.connection import open_encrypted

    def no_fallback(message):
        raise AssertionError("message-text fallback used")

    errors_map.kind_by_message = no_fallback
    d, step = Path(sys.argv[1]), sys.argv[2]
    KEY = bytes(range(32))
    out = {}

    def record(name, fn):
        try:
            fn()
            out[name] = None
        except Exception as exc:
            mapped = errors_map.to_user_error(exc, d)
            out[name] = {"type": type(exc).__name__, "code": errors_map.sqlite_code(exc),
                         "errno": getattr(exc, "errno", None), "mapped": type(mapped).__name__ if mapped else None}

    def db(name, wal):
        conn = open_encrypted(d / name, KEY, create=True).conn
        conn.execute("CREATE TABLE t (x TEXT)")
        if wal:
            conn.execute("PRAGMA journal_mode = WAL")
        return conn

    if step == "fill":
        conn = db("vol.db", wal=True)
        record("db", lambda: [conn.execute("INSERT INTO t VALUES (?)", ["x" * 100_000]) for _ in range(100)])
        record("os", lambda: (d / "groot.bin").write_bytes(b"x" * 10_000_000))
    elif step == "prep":
        db("wal.db", wal=True).execute("INSERT INTO t VALUES ('1')")
        db("journal.db", wal=False).execute("INSERT INTO t VALUES ('1')")
    elif step == "readonly":
        conn = open_encrypted(d / "journal.db", KEY).conn
        record("journal", lambda: conn.execute("INSERT INTO t VALUES ('2')"))
        # the raw driver error (open_encrypted wraps its key check in its own, text-based message)
        from ghnt_desktop.storage.connection import _keyed_connection
        record("wal", lambda: _keyed_connection(d / "wal.db", KEY).execute("SELECT count(*) FROM t").fetchall())
        record("os", lambda: (d / "nieuw.txt").write_text("x"))
    elif step == "fsize":
        import resource, signal
        conn = db("groot.db", wal=True)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64_000, resource.RLIM_INFINITY))
        record("db", lambda: conn.execute("INSERT INTO t VALUES (?)", ["x" * 200_000]))
    print(json.dumps(out))
""")


def _run(cmd: list[str]) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


def _in_private_mount(tmp_path, shell: str, *args: str) -> dict:
    """Run ``shell`` (with $D the mount point, $PY python, $S the scenario) in a private mount namespace."""
    if sys.platform != "linux" or shutil.which("unshare") is None:
        pytest.skip("a real full/read-only file system needs Linux mount namespaces (unshare)")
    d = tmp_path / "mnt"
    d.mkdir()
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs '{d}'"],
                           capture_output=True, timeout=30)
    if probe.returncode != 0:
        pytest.skip("no private mount namespace here (unshare -rm refused)")
    return _run(["unshare", "-rm", "sh", "-c", shell, "sh", str(d), sys.executable, SCENARIO, *args])


def test_full_real_file_system(tmp_path):
    out = _in_private_mount(tmp_path, 'mount -t tmpfs -o size=512k tmpfs "$1" && "$2" -c "$3" "$1" fill')
    assert out["db"] == {"type": "OperationalError", "code": sqlcipher3.SQLITE_FULL, "errno": None,
                         "mapped": "StorageFull"}
    assert out["os"] == {"type": "OSError", "code": None, "errno": errno.ENOSPC, "mapped": "StorageFull"}


def test_read_only_real_file_system(tmp_path):
    out = _in_private_mount(
        tmp_path, 'mount -t tmpfs -o size=1m tmpfs "$1" && "$2" -c "$3" "$1" prep && '
                  'mount -o remount,ro "$1" && "$2" -c "$3" "$1" readonly')
    assert out["journal"] == {"type": "OperationalError", "code": sqlcipher3.SQLITE_READONLY, "errno": None,
                              "mapped": "ReadOnlyDataDir"}
    # WAL needs to create the -shm file next to it: on a read-only file system that is SQLITE_CANTOPEN
    assert out["wal"] == {"type": "OperationalError", "code": sqlcipher3.SQLITE_CANTOPEN, "errno": None,
                          "mapped": "WorkspaceError"}
    assert out["os"] == {"type": "OSError", "code": None, "errno": errno.EROFS, "mapped": "ReadOnlyDataDir"}


@pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE is POSIX")
def test_ioerr_real_write_refused_by_the_file_size_limit(tmp_path):
    """A write the OS refuses with something other than ENOSPC (here EFBIG) is SQLite's SQLITE_IOERR."""
    out = _run([sys.executable, "-c", SCENARIO, str(tmp_path), "fsize"])
    assert out["db"] == {"type": "OperationalError", "code": sqlcipher3.SQLITE_IOERR, "errno": None,
                         "mapped": "WorkspaceError"}


@pytest.mark.parametrize("code, expected", [
    (5, "WorkspaceLocked"), (26, "WrongPassphraseOrCorrupt"), (11, "WorkspaceCorrupt"),
    (14, "WorkspaceError"), (13, "StorageFull"), (8, "ReadOnlyDataDir")])
def test_opening_the_database_names_the_real_cause_by_code(code, expected):
    """A WAL database on a read-only disk fails with CANTOPEN: that is not a damaged file (no restore!)."""
    import sqlcipher3

    from ghnt_desktop.storage.connection import _open_error

    exc = sqlcipher3.OperationalError("unable to open database file")
    exc.sqlite_errorcode = code
    err = _open_error(exc)
    assert type(err).__name__ == expected
    if code == 14:
        assert "beschadigd" not in str(err)
