"""Map database and file-system failures to plain-Dutch ``UserError``s.

SQLite reports environment problems (a full disk, a read-only file, another
program holding a write lock, a damaged file) as ``OperationalError`` /
``DatabaseError`` with a fixed English message. Those are not bugs: the user
can act on them. :func:`to_user_error` turns them into the matching
``ghnt_desktop.errors`` class with a Dutch text; anything it does not
recognise returns ``None`` (a bug: crash report).

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

_FULL = ("database or disk is full", "disk is full", "no space left")
_READONLY = ("attempt to write a readonly database", "readonly database", "read-only file system")
_LOCKED = ("database is locked", "database table is locked", "database schema is locked", "busy")
_CORRUPT = ("database disk image is malformed", "file is not a database", "not a database", "malformed",
            "hmac", "file is encrypted")
_IO = ("disk i/o error",)
_CANT_OPEN = ("unable to open database file",)


def _place(where: Path | str | None) -> str:
    return f" ({where})" if where else ""


def is_corruption(exc: BaseException) -> bool:
    """True if ``exc`` says the database file itself is damaged."""
    if isinstance(exc, WorkspaceCorrupt):
        return True
    from ghnt_desktop.storage.connection import DatabaseError

    return isinstance(exc, DatabaseError) and any(m in str(exc).lower() for m in _CORRUPT)


def to_user_error(exc: BaseException, where: Path | str | None = None) -> UserError | None:
    """The Dutch ``UserError`` for an environment failure, or ``None`` if ``exc`` is a bug."""
    if isinstance(exc, UserError):
        return exc
    if isinstance(exc, OSError):
        return os_error_to_user_error(exc, Path(where) if where else None)
    from ghnt_desktop.storage.connection import DatabaseError

    if not isinstance(exc, DatabaseError):
        return None
    msg = str(exc).lower()
    place = _place(where)
    if any(m in msg for m in _FULL):
        return StorageFull(
            f"De schijf is vol{place}. Je laatste wijziging is niet opgeslagen. "
            "Maak ruimte vrij en probeer het opnieuw; wat al was opgeslagen blijft bewaard.")
    if any(m in msg for m in _READONLY):
        return ReadOnlyDataDir(
            f"De app mag niet schrijven in de gegevensmap{place}. Je laatste wijziging is niet opgeslagen. "
            "Vraag de beheerder om schrijfrechten; wat al was opgeslagen blijft bewaard.")
    if any(m in msg for m in _LOCKED):
        return WorkspaceLocked(
            "De database is even in gebruik door een ander programma. Je laatste wijziging is niet opgeslagen. "
            "Sluit dat programma (bijvoorbeeld een back-upprogramma) en probeer het opnieuw.")
    if any(m in msg for m in _CORRUPT):
        return WorkspaceCorrupt(
            f"Het databasebestand is beschadigd{place}. Sluit de app en zet een reservekopie terug; "
            "het beschadigde bestand wordt daarbij apart bewaard.")
    if any(m in msg for m in _IO):
        return WorkspaceError(
            f"De schijf gaf een fout bij lezen of schrijven{place}. Je laatste wijziging is mogelijk niet "
            "opgeslagen. Controleer de schijf en probeer het opnieuw.")
    if any(m in msg for m in _CANT_OPEN):
        return WorkspaceError(
            f"Een databasebestand kan niet worden geopend of gemaakt{place}. Controleer of de map bestaat en of "
            "de app er mag schrijven.")
    return None


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
    return any(m in str(exc).lower() for m in _FULL)
