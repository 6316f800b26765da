"""The encrypted workspace: one data dir, one SQLCipher database, key slots beside it.

Layout of a data dir::

    werkruimte.db      SQLCipher 4 database (WAL; -wal/-shm are encrypted too)
    keyslots.json      per-account key slots (see keyslots.py)
    werkruimte.lock    single-writer lock (held while the app runs)
    backups/           encrypted backups (VACUUM INTO)
    logs/, crash/      application log and local crash reports, no personal data
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from ghnt_desktop.domain.roles import Rol
from ghnt_desktop.errors import (ReadOnlyDataDir, UserError, WorkspaceError, WorkspaceLocked, WrongPassphrase)
from ghnt_desktop.storage import audit, keyslots, migrations
from ghnt_desktop.storage.connection import LazyDatabase, backup_to, enable_wal, open_encrypted
from ghnt_desktop.storage.files import os_error_to_user_error
from ghnt_desktop.storage.single_writer import AlreadyLocked, SingleWriterLock
from ghnt_desktop.storage.layout import DB_NAME, LOCK_NAME, SLOTS_NAME, holds_workspace  # noqa: F401 (re-exported)

if TYPE_CHECKING:  # pragma: no cover
    from ghnt_desktop.storage.connection import Db



def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Session:
    """Who is working: checked by every service call."""

    account_id: str
    login: str
    naam: str  # the account's display name
    rollen: frozenset[Rol]
    team_ids: frozenset[int] = frozenset()  # the teams the account works for (``team.id``)
    must_change: bool = False  # the passphrase is temporary and must be changed first


@dataclass
class Workspace:
    """An open, unlocked workspace: its data dir, its database (``db.conn`` for SQL, ``db.atomic()`` for a
    transaction) and who works in it. Made by :meth:`create` or :meth:`open`; holds the single-writer lock
    until :meth:`close`."""

    data_dir: Path
    db: Db
    session: Session
    workspace_id: str
    _lock: SingleWriterLock | None = field(default=None, repr=False)
    _db_keys: dict[int, bytes] = field(default_factory=dict, repr=False)
    _db_generation: int | None = field(default=None, repr=False)  # the generation whose key opened the db

    # --- info -----------------------------------------------------------
    def info(self, key: str, default: str | None = None) -> str | None:
        row = self.db.conn.execute("SELECT waarde FROM werkruimte WHERE sleutel = ?", [key]).fetchone()
        return row[0] if row else default

    @property
    def organisatie(self) -> str:
        return self.info("organisatie", "") or ""

    @property
    def is_demo(self) -> bool:
        return self.info("demo") == "1"

    @property
    def is_oefen(self) -> bool:
        return self.info("oefen") == "1"

    def gemeenten(self) -> list[tuple[str, str]]:
        return [(r[0], r[1]) for r in self.db.conn.execute(
            "SELECT cbs_code, naam FROM werkruimte_gemeente ORDER BY naam")]

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    def audit(self, actie: str, object_type: str, object_id: str | int | None = None, resultaat: str = "ok",
              namens_id: str | None = None) -> None:
        audit.record(self.db, actie=actie, object_type=object_type, object_id=object_id, resultaat=resultaat,
                     actor_id=self.session.account_id, namens_id=namens_id)

    def close(self) -> None:
        try:
            self.db.conn.close()
        finally:
            lock = self._lock
            self._lock = None
            if lock is not None:
                lock.release()

    # --- key slots and key rotation ----------------------------------------
    @property
    def slots_path(self) -> Path:
        return self.data_dir / SLOTS_NAME

    def read_slots(self) -> "keyslots.KeySlots":
        return keyslots.read_keyslots(self.slots_path)

    def write_slots(self, slots: "keyslots.KeySlots") -> None:
        keyslots.write_keyslots(self.slots_path, slots)

    @property
    def db_generation(self) -> int | None:
        return self._db_generation

    def current_db_keys(self) -> dict[int, bytes]:
        """generation -> key of the key that currently encrypts the database (for sealing new slots)."""
        g = self._db_generation
        if g is None or g not in self._db_keys:
            raise WorkspaceError("De sleutel van de werkruimte is onbekend. Sluit de app en open hem opnieuw.")
        return {g: self._db_keys[g]}

    def active_account_ids(self) -> frozenset[str]:
        return frozenset(r[0] for r in self.db.conn.execute("SELECT id FROM account WHERE actief = 1"))

    def key_maintenance_needed(self) -> bool:
        """A rotation was cut off, or some slot belongs to an account that is not (or no longer) active."""
        slots = self.read_slots()
        if slots.rotation_pending or self._db_generation != slots.generation:
            return True
        active = self.active_account_ids()
        return any(s.account_id not in active for s in slots.slots)

    def rotate_db_key(self, *, remove_account_ids: Iterable[str] = frozenset(),
                      _after_step: Callable[[str], None] | None = None) -> int:
        """Encrypt the database with a new random key and re-seal it for every active account.

        Returns the new generation. Crash-safe in three steps, each leaving a state
        that still opens (``Workspace.open`` tries the current generation, then older):

        1. write ``keyslots.json`` with *both* the old and the new key sealed to every
           remaining slot (``generation`` = new). Removed accounts have no slot from here on;
        2. ``PRAGMA rekey`` the database to the new key (inside SQLCipher this is one
           transaction: a crash rolls back to the old key, which step 1 still holds);
        3. write ``keyslots.json`` with only the new key.

        Why deactivation needs this: removing a slot alone is not enough. Someone
        who kept a copy of the old ``keyslots.json`` (or finds one in a backup)
        could still unwrap the old database key with their old passphrase. After
        the rekey that key no longer opens the live database.

        Backups written before the rotation stay encrypted with the key of their
        own generation; see docs/security.md.

        Slots are kept only for accounts that are active in the database and not in
        ``remove_account_ids``. ``_after_step`` is a test hook called with
        ``"dubbel"`` (after step 1) and ``"rekey"`` (after step 2).
        """
        from ghnt_desktop.storage.connection import open_encrypted, rekey

        if self.db.conn.in_transaction:
            raise RuntimeError("rotate_db_key cannot run inside a transaction")
        slots = self.read_slots()
        old_keys = self.current_db_keys()
        (old_gen, old_key), = old_keys.items()
        new_gen = max(slots.generations() | {old_gen, slots.generation}) + 1
        new_key = keyslots.new_db_key()
        keep_ids = self.active_account_ids() - set(remove_account_ids)
        keep = slots.without_accounts({s.account_id for s in slots.slots} - keep_ids)
        if not keep.slots:
            raise WorkspaceError("Er moet minstens één actief account overblijven dat de werkruimte kan openen.")
        # 1. both generations
        self.write_slots(keyslots.reseal_all(keep, {old_gen: old_key, new_gen: new_key}, generation=new_gen))
        if _after_step:
            _after_step("dubbel")
        # 2. rekey (never in WAL mode: checkpoint, rollback journal, rekey, back to WAL)
        conn = self.db.conn
        wal = str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal"
        if wal:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("PRAGMA journal_mode = DELETE")
        rekey(self.db, new_key)
        self._db_keys = {old_gen: old_key, new_gen: new_key}
        self._db_generation = new_gen
        if wal:
            enable_wal(self.db)
        check = open_encrypted(self.data_dir / DB_NAME, new_key)  # the file really opens with the new key
        check.conn.close()
        if _after_step:
            _after_step("rekey")
        # 3. only the new generation
        self.write_slots(keyslots.reseal_all(keep, {new_gen: new_key}, generation=new_gen))
        self._db_keys = {new_gen: new_key}
        return new_gen

    def complete_interrupted_rotation(self) -> int | None:
        """Finish what :meth:`rotate_db_key` started (or drop stale slots) by rotating once more.

        Returns the new generation, or None when nothing needed doing.
        """
        if not self.key_maintenance_needed():
            return None
        slots = self.read_slots()
        active = self.active_account_ids()
        stale = any(s.account_id not in active for s in slots.slots)
        if not stale and self._db_generation == slots.generation:
            # Cut off after the rekey (step 2): only the final slot file is missing.
            self.write_slots(keyslots.reseal_all(slots, self.current_db_keys(), generation=slots.generation))
            self._db_keys = self.current_db_keys()
            return slots.generation
        return self.rotate_db_key()

    # --- creation -------------------------------------------------------
    @classmethod
    def create(cls, data_dir: Path, *, organisatie: str, gemeenten: list[tuple[str, str]], login: str, naam: str,
               passphrase: str, demo: bool = False, oefen: bool = False,
               rollen: frozenset[Rol] = frozenset({Rol.BEHEERDER})) -> "Workspace":
        data_dir = Path(data_dir)
        if holds_workspace(data_dir):
            raise WorkspaceError(f"In deze map staat al een werkruimte: {data_dir}")
        _ensure_writable_dir(data_dir)
        lock = acquire_lock(data_dir)
        try:
            import uuid  # only when creating (keeps start-up light)

            workspace_id = str(uuid.uuid4())
            account_id = str(uuid.uuid4())
            db_key = keyslots.new_db_key()
            slot = keyslots.make_slot(workspace_id, account_id, login, passphrase, {1: db_key})
            try:
                db = open_encrypted(data_dir / DB_NAME, db_key, create=True)
                enable_wal(db)
                migrations.migrate(db)
                # Migrations that rebuild a table (e.g. 009) leave free pages behind; a new workspace
                # starts compact, with no such gaps between its pages.
                db.conn.execute("VACUUM")
            except OSError as exc:
                raise os_error_to_user_error(exc, data_dir) from exc
            with db.atomic():
                now = now_iso()
                for k, v in {"workspace_id": workspace_id, "organisatie": organisatie, "aangemaakt_op": now,
                             "demo": "1" if demo else "0", "oefen": "1" if oefen else "0"}.items():
                    db.conn.execute("INSERT INTO werkruimte (sleutel, waarde) VALUES (?, ?)", [k, v])
                for code, gnaam in gemeenten:
                    db.conn.execute("INSERT INTO werkruimte_gemeente (cbs_code, naam) VALUES (?, ?)", [code, gnaam])
                db.conn.execute("INSERT INTO account (id, login, naam, actief, aangemaakt_op) VALUES (?,?,?,1,?)",
                                [account_id, login.strip(), naam, now])
                for r in rollen:
                    db.conn.execute("INSERT INTO account_rol (account_id, rol) VALUES (?, ?)", [account_id, str(r)])
                audit.record(db, actie="werkruimte_aanmaken", object_type="werkruimte", object_id=workspace_id,
                             actor_id=account_id)
            _restrict_permissions(data_dir)
            # Slots are written only after the database exists and holds the account.
            keyslots.write_keyslots(data_dir / SLOTS_NAME, keyslots.KeySlots(workspace_id, 1, (slot,)))
            session = Session(account_id, login.strip(), naam, frozenset(rollen))
            return cls(data_dir, db, session, workspace_id, lock, {1: db_key}, 1)
        except BaseException:
            lock.release()
            raise

    # --- opening --------------------------------------------------------
    @classmethod
    def open(cls, data_dir: Path, login: str, passphrase: str, *, kek: bytes | None = None,
             migrate: bool = True) -> "Workspace":
        data_dir = Path(data_dir)
        if not data_dir.is_dir():
            raise WorkspaceError(f"De gegevensmap bestaat niet: {data_dir}")
        if not holds_workspace(data_dir):
            raise WorkspaceError(f"In deze map staat geen werkruimte: {data_dir}")
        slots = keyslots.read_keyslots(data_dir / SLOTS_NAME)
        slot = slots.find(login)
        if slot is None:
            # Same message as a wrong passphrase: do not reveal which logins exist.
            keyslots.derive_kek(passphrase, b"\0" * 16, keyslots.DEFAULT_KDF)  # same cost as a real attempt
            raise WrongPassphrase("De combinatie van naam en wachtzin klopt niet.")
        db_keys = keyslots.unlock_slot(slots.workspace_id, slot, passphrase, kek=kek)
        lock = acquire_lock(data_dir)
        db = None
        try:
            db, opened_generation = _open_with_generations_info(data_dir / DB_NAME, db_keys, slots.generation)
            migrations.check_not_too_new(db)
            if not _read_only(data_dir):
                enable_wal(db)
            if migrate:
                migrations.migrate(db, backup=lambda name: write_pre_migration_backup(db, data_dir, name))
            row = db.conn.execute("SELECT id, naam, actief FROM account WHERE id = ?", [slot.account_id]).fetchone()
            if row is None or not row[2]:
                raise WrongPassphrase("Dit account is niet (meer) actief. Neem contact op met de beheerder.")
            rollen = frozenset(Rol(r[0]) for r in db.conn.execute(
                "SELECT rol FROM account_rol WHERE account_id = ?", [slot.account_id]))
            teams = frozenset(r[0] for r in db.conn.execute(
                "SELECT team_id FROM account_team WHERE account_id = ?", [slot.account_id]))
            session = Session(slot.account_id, slot.login, row[1], rollen, teams, slot.must_change)
            ws = cls(data_dir, db, session, slots.workspace_id, lock, db_keys, opened_generation)
            return ws
        except BaseException:
            if db is not None:
                try:
                    db.conn.close()
                except Exception:
                    pass
            lock.release()
            raise


def write_pre_migration_backup(db: Db, data_dir: Path, name: str) -> Path:
    """The encrypted copy written before a migration, into ``backups/`` (services.backup adds its sidecar later)."""
    (Path(data_dir) / "backups").mkdir(exist_ok=True)
    target = Path(data_dir) / "backups" / f"{name}.db"
    backup_to(db, target)
    return target


def _restrict_permissions(data_dir: Path) -> None:
    """Owner-only access on POSIX (on Windows the per-user profile dir already is)."""
    if os.name != "posix":
        return
    for p in [data_dir, *data_dir.iterdir()]:
        try:
            os.chmod(p, 0o700 if p.is_dir() else 0o600)
        except OSError:
            pass


def _read_only(data_dir: Path) -> bool:
    return not os.access(data_dir, os.W_OK)


def _open_with_generations(path: Path, db_keys: dict[int, bytes], generation: int) -> LazyDatabase:
    """Open with the current generation's key; fall back to the previous one (interrupted rotation)."""
    return _open_with_generations_info(path, db_keys, generation)[0]


def _open_with_generations_info(path: Path, db_keys: dict[int, bytes], generation: int) -> tuple[LazyDatabase, int]:
    """Like :func:`_open_with_generations`, also returning the generation whose key worked.

    Trying a wrong key is harmless, also with a hot rollback journal left by a
    rekey that was cut off: SQLCipher refuses the key before touching the file.
    """
    from ghnt_desktop.storage.connection import WrongPassphraseOrCorrupt

    order = sorted(db_keys, key=lambda g: (g != generation, -g))
    last_exc: Exception | None = None
    for g in order:
        try:
            return open_encrypted(path, db_keys[g]), g
        except WrongPassphraseOrCorrupt as exc:
            last_exc = exc
    if last_exc is None:
        raise WrongPassphrase("Dit account heeft geen sleutel voor deze werkruimte. Neem contact op met de beheerder.")
    raise last_exc


def _ensure_writable_dir(data_dir: Path) -> None:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        probe = data_dir / ".schrijftest"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise os_error_to_user_error(exc, data_dir) from exc


def acquire_lock(data_dir: Path) -> SingleWriterLock:
    """Single writer per data dir. The OS releases the lock if the process dies (no stale locks)."""
    lock = SingleWriterLock(Path(data_dir) / LOCK_NAME)
    try:
        lock.acquire()
    except AlreadyLocked as exc:
        raise WorkspaceLocked(
            "GHNT Desktop is al geopend met deze gegevensmap (misschien in een ander venster). "
            "Gebruik dat venster, of sluit het eerst."
        ) from exc
    except OSError as exc:
        if not os.access(data_dir, os.W_OK):
            raise ReadOnlyDataDir(
                f"De app mag niet schrijven in de gegevensmap ({data_dir}). Vraag de beheerder om schrijfrechten."
            ) from exc
        raise os_error_to_user_error(exc, data_dir) from exc
    return lock
