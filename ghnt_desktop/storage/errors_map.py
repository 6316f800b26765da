"""Map database and file-system failures to plain-Dutch ``UserError``s.

SQLite reports environment problems (a full disk, a read-only file, another
program holding a write lock, a damaged file) as ``OperationalError`` /
``DatabaseError``. Those are not bugs: the user can act on them.
:func:`to_user_error` turns them into the matching ``ghnt_desktop.errors``
class with a Dutch text; anything it does not recognise returns ``None`` (a
bug: crash report).

Classification goes by SQLite's result code, which the driver puts on every
exception it raises: sqlcipher3 (like the stdlib ``sqlite3`` since Python
3.11) sets ``sqlite_errorcode`` / ``sqlite_errorname``. sqlcipher3 0.6.4 gives
the primary code (``UNIQUE constraint failed`` is 19, not 2067); we mask with
``0xFF`` so an extended code (``SQLITE_IOERR_WRITE`` = 778) maps the same way.
Only an exception without a code (one made in Python, e.g. by a test or a
wrapper) falls back to SQLite's fixed English message text. A code that is
not an environment problem (``SQLITE_CONSTRAINT`` from the append-only audit
triggers, ``SQLITE_ERROR`` for bad SQL) is a bug, whatever its text says.
``OSError`` goes by ``errno`` (``storage.files.os_error_to_user_error``).

Never put case content in these messages: only a folder or file name.
"""
from __future__ import annotations

import contextlib
import errno
from pathlib import Path
from typing import Iterator

from ghnt_desktop.errors import (ReadOnlyDataDir, StorageFull, UserError, WorkspaceCorrupt, WorkspaceError,
                                 WorkspaceLocked)
from ghnt_desktop.storage.files import os_error_to_user_error

# SQLite primary result codes (https://sqlite.org/rescode.html); an extended code's low byte is its primary code.
SQLITE_ERROR = 1
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_PROTOCOL = 15
SQLITE_CONSTRAINT = 19
SQLITE_NOTADB = 26

# What kind of environment problem an error is (None: not one, a bug).
FULL, READONLY, LOCKED, CORRUPT, IO, CANT_OPEN = "full", "readonly", "locked", "corrupt", "io", "cantopen"

_KIND_BY_CODE = {
    SQLITE_FULL: FULL,
    SQLITE_READONLY: READONLY,
    SQLITE_PERM: READONLY,  # the requested access mode could not be had
    SQLITE_BUSY: LOCKED,
    SQLITE_LOCKED: LOCKED,
    SQLITE_PROTOCOL: LOCKED,  # WAL lock race with another process: try again
    SQLITE_CORRUPT: CORRUPT,
    SQLITE_NOTADB: CORRUPT,  # SQLCipher: a damaged first page and a wrong key look the same
    SQLITE_IOERR: IO,
    SQLITE_CANTOPEN: CANT_OPEN,
}

# Fallback only, for exceptions that carry no result code. Order matters ("disk i/o error" is not "disk is full").
_FULL = ("database or disk is full", "disk is full", "no space left")
_READONLY = ("attempt to write a readonly database", "readonly database", "read-only file system")
_LOCKED = ("database is locked", "database table is locked", "database schema is locked", "busy")
_CORRUPT = ("database disk image is malformed", "file is not a database", "not a database", "malformed",
            "hmac", "file is encrypted")
_IO = ("disk i/o error",)
_CANT_OPEN = ("unable to open database file",)
_BY_MESSAGE = ((FULL, _FULL), (READONLY, _READONLY), (LOCKED, _LOCKED), (CORRUPT, _CORRUPT), (IO, _IO),
               (CANT_OPEN, _CANT_OPEN))


def sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code on a driver exception, or ``None`` if the exception carries none."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and not isinstance(code, bool) and code > 0:
        return code & 0xFF
    return None


def kind_by_message(message: str) -> str | None:
    """Fallback: the kind of problem from SQLite's English message text (exceptions without a code)."""
    msg = message.lower()
    for kind, needles in _BY_MESSAGE:
        if any(m in msg for m in needles):
            return kind
    return None


def sqlite_kind(exc: BaseException) -> str | None:
    """The kind of environment problem a database exception is (``FULL``, ``LOCKED``, ...), or ``None``.

    By result code when the driver gave one; by message text only when it did not.
    """
    code = sqlite_code(exc)
    if code is not None:
        return _KIND_BY_CODE.get(code)
    return kind_by_message(str(exc))


def _place(where: Path | str | None) -> str:
    return f" ({where})" if where else ""


def _is_database_error(exc: BaseException) -> bool:
    import sqlcipher3.dbapi2  # the driver's own class (storage.connection builds on this module, not back)

    return isinstance(exc, sqlcipher3.dbapi2.DatabaseError)


def is_corruption(exc: BaseException) -> bool:
    """True if ``exc`` says the database file itself is damaged."""
    if isinstance(exc, WorkspaceCorrupt):
        return True
    return _is_database_error(exc) and sqlite_kind(exc) == CORRUPT


def _user_error(kind: str | None, place: str) -> UserError | None:
    if kind == FULL:
        return StorageFull(
            f"De schijf is vol{place}. Je laatste wijziging is niet opgeslagen. "
            "Maak ruimte vrij en probeer het opnieuw; wat al was opgeslagen blijft bewaard.")
    if kind == READONLY:
        return ReadOnlyDataDir(
            f"De app mag niet schrijven in de gegevensmap{place}. Je laatste wijziging is niet opgeslagen. "
            "Vraag de beheerder om schrijfrechten; wat al was opgeslagen blijft bewaard.")
    if kind == LOCKED:
        return WorkspaceLocked(
            "De database is even in gebruik door een ander programma. Je laatste wijziging is niet opgeslagen. "
            "Sluit dat programma (bijvoorbeeld een back-upprogramma) en probeer het opnieuw.")
    if kind == CORRUPT:
        return WorkspaceCorrupt(
            f"Het databasebestand is beschadigd{place}. Sluit de app en zet een reservekopie terug; "
            "het beschadigde bestand wordt daarbij apart bewaard.")
    if kind == IO:
        return WorkspaceError(
            f"De schijf gaf een fout bij lezen of schrijven{place}. Je laatste wijziging is mogelijk niet "
            "opgeslagen. Controleer de schijf en probeer het opnieuw.")
    if kind == CANT_OPEN:
        return WorkspaceError(
            f"Een databasebestand kan niet worden geopend of gemaakt{place}. Controleer of de map bestaat en of "
            "de app er mag schrijven.")
    return None


def to_user_error(exc: BaseException, where: Path | str | None = None) -> UserError | None:
    """The Dutch ``UserError`` for an environment failure, or ``None`` if ``exc`` is a bug."""
    if isinstance(exc, UserError):
        return exc
    if isinstance(exc, OSError):
        return os_error_to_user_error(exc, Path(where) if where else None)
    if not _is_database_error(exc):
        return None
    return _user_error(sqlite_kind(exc), _place(where))


@contextlib.contextmanager
def user_errors(where: Path | str | None = None) -> Iterator[None]:
    """Re-raise recognised environment failures as Dutch ``UserError``s (bugs pass through)."""
    try:
        yield
    except UserError:
        raise
    except Exception as exc:
        mapped = to_user_error(exc, where)
        if mapped is None:
            raise
        raise mapped from exc


def is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, StorageFull):
        return True
    if isinstance(exc, OSError):
        return exc.errno == errno.ENOSPC
    if sqlite_code(exc) is not None:
        return sqlite_kind(exc) == FULL
    return kind_by_message(str(exc)) == FULL
