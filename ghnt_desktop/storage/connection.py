"""Open the SQLCipher database through sqlite-utils — never by path, never in plaintext.

sqlite-utils catches the stdlib ``sqlite3`` exception classes. It prefers
``pysqlite3`` when importable, so we register ``sqlcipher3`` under that name
*before* importing sqlite_utils; then its ``OperationalError`` handling works
on our encrypted connection (see ../shared/engineering/stack-notes.md §3).
"""
from __future__ import annotations

import sys
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Protocol, Sequence

import sqlcipher3
import sqlcipher3.dbapi2

from ghnt_desktop.errors import WorkspaceCorrupt, WorkspaceError, WorkspaceLocked, WrongPassphrase
from ghnt_desktop.storage import errors_map as em  # at import: the unlock thread must import nothing

sys.modules.setdefault("pysqlite3", sqlcipher3)
sys.modules.setdefault("pysqlite3.dbapi2", sqlcipher3.dbapi2)

if TYPE_CHECKING:  # pragma: no cover
    import sqlite3

    import sqlite_utils
    import sqlite_utils.db

    # sqlcipher3 ships no type information; its dbapi2 module is the stdlib sqlite3 module built against
    # SQLCipher, with the same classes and signatures. The type checker sees the stdlib ones.
    from sqlite3 import DatabaseError, IntegrityError, OperationalError
else:
    DatabaseError = sqlcipher3.dbapi2.DatabaseError
    OperationalError = sqlcipher3.dbapi2.OperationalError
    IntegrityError = sqlcipher3.dbapi2.IntegrityError

SQLITE_HEADER = b"SQLite format 3\x00"
CACHE_KIB = 64 * 1024


class Db(Protocol):
    """What the app uses of an open database: the type of ``Workspace.db`` and of every repository's ``db``.

    Both a :class:`LazyDatabase` and a plain ``sqlite_utils.Database`` on a SQLCipher connection are one.
    ``conn`` is a ``sqlcipher3`` connection, typed as the stdlib ``sqlite3.Connection`` it mirrors.
    """

    @property
    def conn(self) -> sqlite3.Connection: ...

    def atomic(self) -> AbstractContextManager[object]:
        """A (nestable) transaction: savepoints inside an open one (sqlite-utils ``Database.atomic``)."""
        ...

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        """Run ``sql`` and yield each row as a dict (sqlite-utils ``Database.query``)."""
        ...


def inserted_id(cur: sqlite3.Cursor) -> int:
    """The rowid of the row the INSERT just run on ``cur`` made (``lastrowid`` is None before any INSERT)."""
    rowid = cur.lastrowid
    if rowid is None:
        raise RuntimeError("no row was inserted on this cursor")
    return rowid


def _keyed_connection(path: Path, key: bytes) -> sqlite3.Connection:
    if len(key) != 32:
        raise ValueError("key must be 32 bytes")
    conn: sqlite3.Connection = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False,
                                                  timeout=2.0)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


class LazyDatabase:
    """A ``sqlite_utils.Database`` on our keyed connection, created on first use.

    ``.conn`` (the SQLCipher connection) is there at once; anything else is forwarded to the real
    sqlite-utils object, which is built on first access. Unlocking and painting the main window only
    need ``.conn``, so importing sqlite-utils (~0.1 s) happens after the window is on screen.
    """

    __slots__ = ("conn", "_db", "__weakref__")
    conn: sqlite3.Connection
    _db: sqlite_utils.Database | None

    def __init__(self, conn: sqlite3.Connection) -> None:
        object.__setattr__(self, "_db", None)
        object.__setattr__(self, "conn", conn)

    def real(self) -> sqlite_utils.Database:
        db = self._db
        if db is None:
            import sqlite_utils

            # No sqlite-utils plugins: third-party code must never run on the decrypted connection.
            db = sqlite_utils.Database(self.conn, execute_plugins=False)
            object.__setattr__(self, "_db", db)
        return db

    # What the app uses (:class:`Db`), spelled out so that the type checker checks every use.
    def atomic(self) -> AbstractContextManager[sqlite_utils.Database]:
        return self.real().atomic()

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        return self.real().query(sql, params)

    if not TYPE_CHECKING:
        # Anything else of sqlite-utils (tests and benchmarks use e.g. ``table_names()``) is forwarded at run
        # time only; typed code asks for ``real()`` instead, so a misspelt attribute is still an error.
        def __getattr__(self, name: str) -> Any:
            return getattr(self.real(), name)

    def __setattr__(self, name: str, value: object) -> None:
        object.__setattr__(self, name, value)
        if name == "conn" and self._db is not None:
            self._db.conn = self.conn  # keep one connection (fault-injection tests swap it)

    def __getitem__(self, name: str) -> sqlite_utils.db.Table | sqlite_utils.db.View:
        return self.real()[name]


def open_encrypted(path: Path, key: bytes, *, create: bool = False) -> LazyDatabase:
    """Open (or create) the encrypted database and verify the key at once."""
    path = Path(path)
    if not create:
        if not path.exists():
            raise WorkspaceError("Het databasebestand van de werkruimte ontbreekt.")
        with open(path, "rb") as fh:
            head = fh.read(16)
        if head == SQLITE_HEADER:
            # An unencrypted SQLite file: never open it, never fall back to plaintext.
            raise WorkspaceCorrupt(
                "Het databasebestand is niet versleuteld. Uit veiligheid opent de app het niet. "
                "Neem contact op met de beheerder."
            )
    conn = _keyed_connection(path, key)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError as exc:
        conn.close()
        raise _open_error(exc) from exc
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA secure_delete = ON")
    # 64 MiB page cache: keeps the dossier list fast on large workspaces (benchmarks/dossiers.py).
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    return LazyDatabase(conn)


def _open_error(exc: DatabaseError) -> Exception:
    """Why the first read failed, by SQLite's result code (message text only when there is none)."""
    code = em.sqlite_code(exc)
    kind = em.kind_by_message(str(exc)) if code is None else None
    if code in (em.SQLITE_BUSY, em.SQLITE_LOCKED) or kind == em.LOCKED:
        return WorkspaceLocked(
            "De werkruimte is in gebruik door een ander programma. Sluit dat programma en probeer het opnieuw.")
    if code == em.SQLITE_NOTADB or (code is None and "not a database" in str(exc).lower()):
        return WrongPassphraseOrCorrupt()
    if code == em.SQLITE_CORRUPT or kind == em.CORRUPT:
        return WorkspaceCorrupt("Het databasebestand kan niet worden gelezen. Het is mogelijk beschadigd.")
    known = em.to_user_error(exc)  # full disk, read-only folder, cannot open: not a damaged file
    return known if known is not None else WorkspaceCorrupt(
        "Het databasebestand kan niet worden gelezen. Het is mogelijk beschadigd.")


class WrongPassphraseOrCorrupt(WorkspaceCorrupt):
    """The key from a valid slot did not open the file: the file is damaged or not ours."""

    def __init__(self) -> None:
        super().__init__(
            "Het databasebestand kan niet worden geopend met de sleutel van deze werkruimte. "
            "Het bestand is beschadigd of hoort niet bij deze werkruimte."
        )


def enable_wal(db: Db) -> None:
    mode = db.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise WorkspaceError("De database kon niet in de veilige schrijfstand (WAL) worden gezet.")


def rekey(db: Db, new_key: bytes) -> None:
    db.conn.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")


def backup_to(db: Db, target: Path) -> None:
    """Write an encrypted, consistent copy with ``VACUUM INTO`` (same key, never plaintext)."""
    target = Path(target)
    if target.exists():
        raise FileExistsError(target)
    db.conn.execute("VACUUM INTO ?", [str(target)])


__all__ = ["open_encrypted", "enable_wal", "rekey", "backup_to", "DatabaseError", "OperationalError",
           "IntegrityError", "WrongPassphrase"]
