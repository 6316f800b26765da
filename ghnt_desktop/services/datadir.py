"""The data folder as the layers above the services see it: does it hold a workspace, is another
running app using it, and what a failure of the disk or the database means for the user.

ui, cli, reporting and demo reach storage only through the services (docs/architecture.md, checked
by import-linter); this module is their way to these questions. It stays light: start-up asks
:func:`holds_workspace` before the rest of the storage layer (and cryptography) is loaded, so the
heavier parts are imported only inside the functions that need them.
"""
from __future__ import annotations

from pathlib import Path

from ghnt_desktop.errors import UserError, WorkspaceLocked
from ghnt_desktop.storage.layout import DB_NAME, LOCK_NAME, SLOTS_NAME, holds_workspace

__all__ = ["DB_NAME", "SLOTS_NAME", "holds_workspace", "is_running_elsewhere", "to_user_error"]


def is_running_elsewhere(data_dir: Path) -> bool:
    """True if another process holds this data folder's single-writer lock (a crashed one never does)."""
    data_dir = Path(data_dir)
    if not (data_dir / LOCK_NAME).exists():
        return False
    from ghnt_desktop.storage.workspace import acquire_lock

    try:
        lock = acquire_lock(data_dir)
    except WorkspaceLocked:
        return True
    except UserError:
        return False  # e.g. read-only: opening will say so in Dutch
    lock.release()
    return False


def to_user_error(exc: BaseException, where: Path | str | None = None) -> UserError | None:
    """The Dutch ``UserError`` for an environment failure (disk full, read-only, locked, damaged
    database), or ``None`` if ``exc`` is a bug (then it deserves a crash report)."""
    from ghnt_desktop.storage.errors_map import to_user_error as classify

    return classify(exc, where)
