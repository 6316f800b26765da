"""Backups and restore as use cases: who may, audit, key slots, the daily schedule.

Hooks for other modules (call *before* the change and outside a transaction; abort the change if it raises)::

    from ghnt_desktop.services.backup import backup_before_purge, backup_before_import
    backup_before_purge(ws)    # before a retention purge
    backup_before_import(ws)   # before a catalogue import

At start-up (after login)::

    ensure_daily_backup(ws)    # at most one automatic backup per calendar day, then retention pruning

Restoring over a readable database needs the beheerder role and the passphrase
again (a restore replaces everything). Restoring over a *damaged* database
(``restore_damaged``) cannot read roles from the database, so any account with
a valid key slot may do it; nothing is lost, because the damaged file is kept.
"""
from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

from ghnt_desktop.domain.roles import Actie
from ghnt_desktop.errors import UserError, WorkspaceCorrupt, WorkspaceError, WrongPassphrase
from ghnt_desktop.services.authz import vereis
from ghnt_desktop.storage import backup as store
from ghnt_desktop.storage import keyslots
# BackupInfo, BackupCheck, PRUNABLE and retention_roles are also the ui's names for them (it reaches storage only
# through the services).
from ghnt_desktop.storage.backup import PRUNABLE, BackupCheck, BackupInfo, RestoreResult, retention_roles  # noqa: F401
from ghnt_desktop.storage.workspace import SLOTS_NAME, Workspace


class RestoreFailed(UserError):
    """Restoring failed after the workspace had been closed; ``workspace`` is the reopened one (or None)."""

    def __init__(self, message: str, *, workspace: Workspace | None = None, details: list[str] | None = None):
        super().__init__(message, details=details)
        self.workspace = workspace


# --- keys ----------------------------------------------------------------------------

def _keys(ws: Workspace) -> dict[int, bytes]:
    return dict(getattr(ws, "_db_keys", {}) or {})


def _opened_generation(ws: Workspace) -> int:
    """The generation whose key encrypts the open database (falls back to keyslots.json)."""
    g = getattr(ws, "_db_generation", None)
    return g if isinstance(g, int) else current_generation(ws)


def keys_for_backup(backup: Path, keys: dict[int, bytes], login: str, passphrase: str,
                    workspace_id: str | None = None) -> dict[int, bytes]:
    """``keys`` plus, if the backup needs an older generation, the keys from the key-slot copy beside it
    (unlocked with ``passphrase``: the passphrase the account had when the backup was made)."""
    sc = store.read_sidecar(backup)
    if sc is not None and sc.key_generation in keys:
        return keys
    old = store.unlock_keys_copy(backup, login, passphrase, workspace_id)
    return {**old, **keys}


def current_generation(ws: Workspace) -> int:
    try:
        return keyslots.read_keyslots(ws.data_dir / SLOTS_NAME).generation
    except UserError:
        keys = _keys(ws)
        return max(keys) if keys else 1


def _record_failure(data_dir: Path) -> None:
    """Count a wrong passphrase like a failed login (same file, same slow-down)."""
    from ghnt_desktop.services import login as login_service

    try:
        f = login_service.read_failures(data_dir)
        login_service._write_failures(data_dir, login_service.Failures(f.times + (time.time(),)))
    except Exception:  # bookkeeping must never hide the real answer
        pass


def unlock_keys(data_dir: Path, login: str, passphrase: str) -> tuple[keyslots.KeySlots, keyslots.Slot, dict[int, bytes]]:
    """Unseal this account's database keys without opening the database (slowed down after failures)."""
    from ghnt_desktop.services.login import wait_before_attempt

    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise WorkspaceError(f"De gegevensmap bestaat niet: {data_dir}")
    wait_before_attempt(data_dir)
    slots = keyslots.read_keyslots(data_dir / SLOTS_NAME)
    slot = slots.find(login)
    try:
        if slot is None:
            keyslots.derive_kek(passphrase, b"\0" * 16, keyslots.DEFAULT_KDF)  # same cost as a real attempt
            raise WrongPassphrase("De combinatie van naam en wachtzin klopt niet.")
        keys = keyslots.unlock_slot(slots.workspace_id, slot, passphrase)
    except WrongPassphrase:
        _record_failure(data_dir)
        raise
    return slots, slot, keys


# --- folder -------------------------------------------------------------------------------

def backup_folder(ws: Workspace) -> Path:
    """Where new backups go: the ``backup_map`` setting, or ``<data dir>/backups``."""
    return store.folder_from_db(ws.db, ws.data_dir)


def search_folders(ws: Workspace) -> list[Path]:
    return store.search_folders(ws.data_dir, store.read_folder_setting(ws.db))


def set_backup_folder(ws: Workspace, folder: Path | None) -> Path:
    """Choose the backup folder (``None``: back to the default). Existing backups stay where they are."""
    import json

    vereis(ws, Actie.BACKUPS_BEHEREN, object_type="reservekopie")
    if folder is not None:
        folder = Path(folder).expanduser()
        problems = []
        if not folder.is_absolute():
            problems.append("Kies een volledige map (met schijf of beginnend bij de hoofdmap).")
        elif folder.resolve() == ws.data_dir.resolve():
            problems.append("Kies een andere map dan de gegevensmap zelf (een submap mag wel).")
        elif len(str(folder)) > store.MAX_FOLDER_CHARS:
            problems.append("De naam van de map is te lang.")
        if problems:
            from ghnt_desktop.errors import ValidationError

            raise ValidationError("Deze map kan niet worden gebruikt voor reservekopieën.", details=problems)
        _check_writable(folder)
    with ws.db.atomic():
        if folder is None:
            ws.db.conn.execute("DELETE FROM instelling WHERE sleutel = ?", [store.SETTING_KEY])
        else:
            ws.db.conn.execute("INSERT OR REPLACE INTO instelling (sleutel, waarde) VALUES (?, ?)",
                               [store.SETTING_KEY, json.dumps(str(folder), ensure_ascii=False)])
        ws.audit("instelling_wijzigen", "instelling", store.SETTING_KEY)
        store.write_pointer(ws.data_dir, folder)  # inside the transaction: a failed write rolls back
    return backup_folder(ws)


def _check_writable(folder: Path) -> None:
    from ghnt_desktop.storage.files import os_error_to_user_error

    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".schrijftest"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise os_error_to_user_error(exc, folder) from exc


# --- making backups -------------------------------------------------------------------------

def _slots_bytes(data_dir: Path) -> bytes | None:
    try:
        return (Path(data_dir) / SLOTS_NAME).read_bytes()
    except OSError:
        return None


def _write(ws: Workspace, kind: str, *, folder: Path | None = None, target: Path | None = None,
           now: datetime | None = None) -> BackupInfo:
    info, _ = store.write_backup(ws.db, folder or backup_folder(ws), kind=kind, keys=_keys(ws),
                                 workspace_id=ws.workspace_id, generation=_opened_generation(ws), target=target,
                                 now=now, slots_bytes=_slots_bytes(ws.data_dir))
    ws.audit("reservekopie_maken", "reservekopie", info.name)
    return info


def ensure_daily_backup(ws: Workspace, *, now: datetime | None = None) -> Path | None:
    """The first start of a calendar day writes a verified daily backup; then old daily ones are pruned.

    Returns the new backup, or ``None`` if today's exists. Raises ``WorkspaceCorrupt`` when the
    database itself could not be read (offer a restore), another ``UserError`` for e.g. a full disk.
    """
    now = (now or datetime.now()).astimezone()
    folder = backup_folder(ws)
    folders = search_folders(ws)
    store.clean_leftovers(ws.data_dir, folders)
    _sync_pointer(ws)
    existing = store.list_backups(folders, ws.workspace_id)
    made = None
    if not any(b.kind == store.DAILY and b.created_at.astimezone().date() == now.date() for b in existing):
        made = _write(ws, store.DAILY, folder=folder, now=now).path
    _adopt_unlabelled(ws, folders)
    store.prune(folders, ws.workspace_id)
    return made


def _sync_pointer(ws: Workspace) -> None:
    configured = store.read_folder_setting(ws.db)
    if store.read_pointer(ws.data_dir) != configured:
        try:
            store.write_pointer(ws.data_dir, configured)
        except UserError:
            pass


def _adopt_unlabelled(ws: Workspace, folders: list[Path], limit: int = 5) -> None:
    """Give verified backups without a sidecar (e.g. pre-migration ones) a sidecar, a few per start."""
    keys, gen = _keys(ws), current_generation(ws)
    for b in [b for b in store.list_backups(folders) if b.sidecar is None][:limit]:
        check = store.verify_backup(b.path, keys, workspace_id=ws.workspace_id, sidecar=False, prefer=gen)
        if check.ok:
            store.add_sidecar(b.path, check)


def backup_before_purge(ws: Workspace) -> Path:
    """Call before a retention purge; if it raises, do not purge."""
    return _write(ws, store.PRE_PURGE).path


def backup_before_import(ws: Workspace) -> Path:
    """Call before a catalogue import; if it raises, do not import."""
    return _write(ws, store.PRE_IMPORT).path


def make_backup(ws: Workspace, out: Path | None = None) -> BackupInfo:
    """A manual backup into the backup folder, or to ``out`` (never overwrites)."""
    vereis(ws, Actie.BACKUPS_BEHEREN, object_type="reservekopie")
    if out is not None:
        out = Path(out).expanduser()
        if out.suffix.lower() == ".json":
            raise UserError("Geef een bestandsnaam voor de reservekopie die niet op .json eindigt, "
                            "bijvoorbeeld reservekopie.db.")
        if not out.parent.is_dir():
            raise UserError(f"De map voor de reservekopie bestaat niet: {out.parent}")
        return _write(ws, store.MANUAL, folder=out.parent, target=out)
    return _write(ws, store.MANUAL)


# --- listing and verifying --------------------------------------------------------------------

def list_backups(ws: Workspace) -> list[BackupInfo]:
    vereis(ws, Actie.BACKUPS_BEHEREN, object_type="reservekopie")
    return store.list_backups(search_folders(ws), ws.workspace_id)


def verify(ws: Workspace, backup: Path) -> BackupCheck:
    vereis(ws, Actie.BACKUPS_BEHEREN, object_type="reservekopie")
    return store.verify_backup(Path(backup), _keys(ws), workspace_id=ws.workspace_id,
                               prefer=current_generation(ws))


def latest_verified(folders: list[Path], keys: dict[int, bytes], workspace_id: str, prefer: int | None = None, *,
                    login: str | None = None, passphrase: str | None = None) -> tuple[BackupInfo, BackupCheck] | None:
    """The newest backup that passes verification (checks newest first, stops at the first good one).
    With ``login``/``passphrase`` backups made with an older key are tried through their key-slot copy."""
    for b in store.list_backups(folders, workspace_id):
        k = keys_for_backup(b.path, keys, login, passphrase, workspace_id) if login and passphrase else keys
        check = store.verify_backup(b.path, k, workspace_id=workspace_id, prefer=prefer)
        if check.ok:
            return b, check
    return None


def recovery_choices(data_dir: Path, unlocked: tuple[keyslots.KeySlots, keyslots.Slot, dict[int, bytes]]
                     ) -> tuple[list[BackupInfo], tuple[BackupInfo, BackupCheck] | None]:
    """For a workspace that cannot be opened: its backups (newest first) and the newest one that passes
    verification (``None`` if none does). ``unlocked``: what :func:`unlock_keys` gave for the user."""
    slots, _slot, keys = unlocked
    folders = store.search_folders(Path(data_dir))
    backups = store.list_backups(folders, slots.workspace_id)
    return backups, latest_verified(folders, keys, slots.workspace_id, prefer=slots.generation)


def describe(backup: Path) -> BackupInfo | None:
    """What a backup file is (kind, time, size), read from its name and sidecar; ``None`` if it is not there."""
    return store.describe(Path(backup))


# --- restoring ---------------------------------------------------------------------------------

def restore(ws: Workspace, backup: Path, passphrase: str, *,
            backup_passphrase: str | None = None) -> tuple[Workspace, RestoreResult]:
    """Replace the open workspace's database by a verified backup; returns the reopened workspace.

    ``ws`` is closed on success (use the returned one). Before closing, the current database is
    kept as a ``pre-restore`` backup. If anything fails before the swap, ``ws`` stays open and
    unchanged and a ``UserError`` is raised; a failure after closing raises ``RestoreFailed``.
    ``backup_passphrase``: the passphrase of the time, for a backup made before a key rotation
    (default: ``passphrase``).
    """
    vereis(ws, Actie.BACKUPS_BEHEREN, object_type="reservekopie")
    backup = Path(backup)
    login = ws.session.login
    slots, slot, keys = unlock_keys(ws.data_dir, login, passphrase)  # asks for the passphrase again
    keys = {**_keys(ws), **keys}
    gen = slots.generation
    keys = keys_for_backup(backup, keys, login, backup_passphrase or passphrase, ws.workspace_id)
    check = store.verify_backup(backup, keys, workspace_id=ws.workspace_id, prefer=gen)
    if not check.ok:
        ws.audit("reservekopie_terugzetten", "reservekopie", backup.name, resultaat="geweigerd")
        raise UserError("Deze reservekopie wordt niet teruggezet.", details=list(check.problems))
    cand, again = store.prepare_candidate(ws.data_dir, backup, keys, generation=gen, workspace_id=ws.workspace_id,
                                          actor_id=ws.session.account_id, check=check)
    result = RestoreResult(ws.data_dir / store.DB_NAME, backup, check=again)
    damaged = False
    moves: list[tuple[Path, Path]] = []
    try:
        try:
            result.kept_as_backup = _write(ws, store.PRE_RESTORE).path
        except WorkspaceCorrupt:
            damaged = True
        if damaged:
            try:
                ws.db.conn.close()
            except Exception:
                pass
            moves = store.move_aside(ws.data_dir)
            result.kept_aside = [dst for _, dst in moves]
        else:
            ws.audit("reservekopie_terugzetten", "reservekopie", backup.name)
            store.checkpoint_and_close(ws.db)
    except BaseException:
        store.discard_candidate(cand)
        if damaged:
            ws.close()
        raise
    # The old connection is closed; we still hold the single-writer lock.
    try:
        store.swap_in(ws.data_dir, cand)
    except OSError as exc:
        store.discard_candidate(cand)
        store.undo_move_aside(moves)
        ws.close()
        from ghnt_desktop.storage.files import os_error_to_user_error

        mapped = os_error_to_user_error(exc, ws.data_dir)
        raise RestoreFailed(f"Het terugzetten is niet gelukt. {mapped.message} Start de app opnieuw; "
                            "je gegevens zijn niet veranderd.", workspace=_try_open(ws.data_dir, login, passphrase)
                            ) from exc
    finally:
        ws.close()  # releases the lock (the connection is already closed)
    try:
        new_ws = Workspace.open(ws.data_dir, login, passphrase)
    except Exception as exc:
        from ghnt_desktop.storage.errors_map import to_user_error

        known = to_user_error(exc, ws.data_dir)
        why = f"{known} " if known is not None else ""
        raise RestoreFailed(f"De reservekopie is teruggezet, maar de werkruimte kan niet worden geopend. {why}"
                            "Start de app opnieuw.") from exc
    return new_ws, result


def _try_open(data_dir: Path, login: str, passphrase: str) -> Workspace | None:
    try:
        return Workspace.open(data_dir, login, passphrase)
    except UserError:
        return None


def restore_damaged(data_dir: Path, login: str, passphrase: str, backup: Path | None = None, *,
                    backup_passphrase: str | None = None) -> RestoreResult:
    """Restore while the current database cannot be opened: it is never opened, only moved aside unchanged.

    ``backup=None`` picks the newest backup that passes verification. Works without the database:
    the key comes from the account's key slot.
    """
    from ghnt_desktop.storage.workspace import acquire_lock

    data_dir = Path(data_dir)
    slots, slot, keys = unlock_keys(data_dir, login, passphrase)
    lock = acquire_lock(data_dir)
    try:
        folders = store.search_folders(data_dir)
        if backup is None:
            found = latest_verified(folders, keys, slots.workspace_id, prefer=slots.generation, login=login,
                                    passphrase=backup_passphrase or passphrase)
            if found is None:
                raise UserError("Er is geen reservekopie gevonden die door de controle komt. Er is niets veranderd. "
                                f"Gezocht in: {', '.join(str(f) for f in folders)}.")
            info, check = found
            backup = info.path
            keys = keys_for_backup(backup, keys, login, backup_passphrase or passphrase, slots.workspace_id)
        else:
            backup = Path(backup)
            keys = keys_for_backup(backup, keys, login, backup_passphrase or passphrase, slots.workspace_id)
            check = store.verify_backup(backup, keys, workspace_id=slots.workspace_id, prefer=slots.generation)
            if not check.ok:
                raise UserError("Deze reservekopie wordt niet teruggezet. Er is niets veranderd.",
                                details=list(check.problems))
        cand, again = store.prepare_candidate(data_dir, backup, keys, generation=slots.generation,
                                              workspace_id=slots.workspace_id, actor_id=slot.account_id, check=check)
        result = RestoreResult(data_dir / store.DB_NAME, backup, check=again)
        try:
            moves = store.move_aside(data_dir)
        except BaseException:
            store.discard_candidate(cand)
            raise
        result.kept_aside = [dst for _, dst in moves]
        try:
            store.swap_in(data_dir, cand)
        except OSError as exc:
            store.discard_candidate(cand)
            store.undo_move_aside(moves)
            from ghnt_desktop.storage.files import os_error_to_user_error

            mapped = os_error_to_user_error(exc, data_dir)
            raise UserError(f"Het terugzetten is niet gelukt. {mapped.message}") from exc
        return result
    finally:
        lock.release()
