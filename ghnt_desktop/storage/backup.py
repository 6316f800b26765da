"""Encrypted backups: write, describe, verify, prune and restore — no authorization here (see services/backup.py).

A backup is a consistent copy made with ``VACUUM INTO`` on the open connection
(never a file copy of the live database). SQLCipher writes it encrypted with the
key of that connection, so a backup is exactly as protected as the database.

Beside every backup ``<name>.db`` a small *sidecar* ``<name>.json`` records::

    {"formaat": "ghnt-reservekopie", "formaatversie": 1, "created_at": "2026-01-05T09:12:03+01:00",
     "schema_version": 1, "key_generation": 1, "sha256": "…", "kind": "daily", "workspace_id": "…",
     "size": 123456, "app_version": "0.1.0"}

Beside it, ``<name>.sleutels.json`` is a copy of ``keyslots.json`` as it was when the backup was
made (see docs/security.md "Backups and rotation"): it opens nothing without a passphrase, and it
lets a backup made before a key rotation be restored with the passphrase of that time.

A backup without a (readable) sidecar — e.g. the ``voor-migratie-…`` files that
``Workspace.open`` writes before a schema upgrade — is still listed and
verified: its time comes from the name (or the file time) and every key
generation the account can unseal is tried.

Verification = the file is not plaintext, its SHA-256 matches the sidecar, it
opens (read-only) with a key of this workspace, ``PRAGMA integrity_check`` and
``PRAGMA cipher_integrity_check`` pass, its schema is not newer than this app,
and it belongs to this workspace. Foreign-key and audit-chain findings are
reported as warnings.

Retention: event backups (before a migration, restore, purge or import) are removed once older than
the 12-month horizon, so destroyed data does not outlive it in backups; manual backups are never removed
automatically. For daily backups: keep the newest
daily backup of each of the 7 most recent calendar days that have one, and the
newest daily backup of each of the 12 most recent calendar months that have
one (local time). Manual backups and files of unknown origin are never pruned automatically.

Restore: the chosen backup is verified, copied into a new file in the data dir,
re-keyed to the current key generation if needed, stamped with an audit entry
and verified again. Only then is the current database retired — kept as a
``pre-restore`` backup (``VACUUM INTO`` while still open) when it is readable,
or moved aside unchanged as ``beschadigd-<tijd>.db`` (with its ``-wal``/``-shm``)
when it is damaged — and the new file takes its place with ``os.replace``.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping

from ghnt_desktop.errors import UserError, WorkspaceCorrupt, WorkspaceError
from ghnt_desktop.storage.errors_map import is_corruption, to_user_error, user_errors
from ghnt_desktop.storage.files import _fsync_dir, atomic_write, os_error_to_user_error

if TYPE_CHECKING:  # pragma: no cover
    import sqlite3

    from ghnt_desktop.storage import keyslots
    from ghnt_desktop.storage.connection import Db

DB_NAME = "werkruimte.db"  # same as storage.workspace.DB_NAME (not imported: keeps this module independent)
DEFAULT_DIR_NAME = "backups"
SETTING_KEY = "backup_map"
POINTER_NAME = "reservekopie-map.json"  # copy of the folder setting, readable while the database is damaged
SIDECAR_FORMAT = "ghnt-reservekopie"
SIDECAR_VERSION = 1
MAX_SIDECAR_BYTES = 64 * 1024
MAX_POINTER_BYTES = 16 * 1024
MAX_FOLDER_CHARS = 1000
KEEP_DAYS = 7
KEEP_MONTHS = 12
DAMAGED_PREFIX = "beschadigd-"
CANDIDATE_PREFIX = ".herstel-"
TEMP_PREFIX = ".tmp-"
SQLITE_HEADER = b"SQLite format 3\x00"

DAILY, MONTHLY, PRE_MIGRATION, PRE_RESTORE, PRE_PURGE, PRE_IMPORT, MANUAL, UNKNOWN = (
    "daily", "monthly", "pre-migration", "pre-restore", "pre-purge", "pre-import", "manual", "unknown")
KINDS = (DAILY, MONTHLY, PRE_MIGRATION, PRE_RESTORE, PRE_PURGE, PRE_IMPORT, MANUAL)
PRUNABLE = frozenset({DAILY, MONTHLY})
EXPIRING = frozenset({PRE_MIGRATION, PRE_RESTORE, PRE_PURGE, PRE_IMPORT})
PREFIX = {DAILY: "dagelijks", MONTHLY: "maandelijks", PRE_MIGRATION: "voor-migratie", PRE_RESTORE: "voor-herstel",
          PRE_PURGE: "voor-opschonen", PRE_IMPORT: "voor-import", MANUAL: "handmatig"}
KIND_LABEL = {DAILY: "Dagelijks", MONTHLY: "Maandelijks", PRE_MIGRATION: "Voor een update van de database",
              PRE_RESTORE: "Voor het terugzetten", PRE_PURGE: "Voor het opschonen (bewaartermijnen)",
              PRE_IMPORT: "Voor het inlezen van een catalogus", MANUAL: "Handmatig", UNKNOWN: "Onbekend"}
_STAMP = re.compile(r"(\d{8}-\d{6})")

OLDER_KEY = ("Deze reservekopie is gemaakt met een oudere sleutel die jouw account niet meer kan openen. "
             "Vraag de beheerder om deze reservekopie terug te zetten, of kies een nieuwere.")
OLDER_KEY_WITH_COPY = ("Deze reservekopie is gemaakt met een oudere sleutel. Je kunt hem terugzetten met de wachtzin "
                       "die je had toen de reservekopie werd gemaakt.")


# --- sidecar ----------------------------------------------------------------

@dataclass(frozen=True)
class Sidecar:
    created_at: datetime  # timezone-aware
    schema_version: int
    key_generation: int
    sha256: str
    kind: str
    workspace_id: str
    size: int
    app_version: str = ""

    def to_bytes(self) -> bytes:
        doc = {"formaat": SIDECAR_FORMAT, "formaatversie": SIDECAR_VERSION,
               "created_at": self.created_at.isoformat(timespec="seconds"), "schema_version": self.schema_version,
               "key_generation": self.key_generation, "sha256": self.sha256, "kind": self.kind,
               "workspace_id": self.workspace_id, "size": self.size, "app_version": self.app_version}
        return json.dumps(doc, indent=1, sort_keys=True).encode("utf-8")


def sidecar_path(backup: Path) -> Path:
    backup = Path(backup)
    return backup.with_suffix(".json") if backup.suffix.lower() == ".db" else backup.with_name(backup.name + ".json")


def _int(v: object) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise ValueError("int")
    return v


def parse_sidecar(data: bytes) -> Sidecar | None:
    """A valid sidecar, or ``None`` for anything malformed (never raises)."""
    try:
        if len(data) > MAX_SIDECAR_BYTES:
            return None
        doc = json.loads(data.decode("utf-8"))
        if not isinstance(doc, dict) or doc.get("formaat") != SIDECAR_FORMAT or doc.get("formaatversie") != 1:
            return None
        created = doc["created_at"]
        sha, kind, wid, appv = doc["sha256"], doc["kind"], doc["workspace_id"], doc.get("app_version", "")
        if not all(isinstance(x, str) for x in (created, sha, kind, wid, appv)):
            return None
        if kind not in KINDS or not re.fullmatch(r"[0-9a-f]{64}", sha) or not (0 < len(wid) <= 100):
            return None
        when = datetime.fromisoformat(created)
        if when.tzinfo is None:
            when = when.astimezone()
        schema, gen, size = _int(doc["schema_version"]), _int(doc["key_generation"]), _int(doc["size"])
        if not (0 <= schema < 1_000_000 and 0 < gen < 1_000_000 and 0 <= size < 2**50):
            return None
        return Sidecar(when, schema, gen, sha, kind, wid, size, appv[:50])
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError, OverflowError, RecursionError):
        return None


def read_sidecar(backup: Path) -> Sidecar | None:
    p = sidecar_path(backup)
    try:
        with open(p, "rb") as fh:
            data = fh.read(MAX_SIDECAR_BYTES + 1)
    except OSError:
        return None
    return parse_sidecar(data)


def keys_copy_path(backup: Path) -> Path:
    backup = Path(backup)
    stem = backup.stem if backup.suffix.lower() == ".db" else backup.name
    return backup.with_name(stem + ".sleutels.json")


def read_keys_copy(backup: Path) -> keyslots.KeySlots | None:
    """The ``keyslots.json`` copy beside a backup, or ``None`` if missing or malformed (never raises)."""
    from ghnt_desktop.storage import keyslots

    try:
        with open(keys_copy_path(backup), "rb") as fh:
            data = fh.read(5_000_001)
        if len(data) > 5_000_000:
            return None
        return keyslots.KeySlots.from_bytes(data)
    except (OSError, UserError, ValueError, TypeError, RecursionError):
        return None


def unlock_keys_copy(backup: Path, login: str, passphrase: str, workspace_id: str | None = None) -> dict[int, bytes]:
    """Keys of the time the backup was made, unlocked with the passphrase of that time ({} if not possible)."""
    from ghnt_desktop.storage import keyslots

    copy = read_keys_copy(backup)
    if copy is None or (workspace_id and copy.workspace_id != workspace_id):
        return {}
    slot = copy.find(login)
    if slot is None:
        return {}
    try:
        return keyslots.unlock_slot(copy.workspace_id, slot, passphrase)
    except Exception:  # wrong passphrase, damaged copy
        return {}


# --- folder setting -----------------------------------------------------------

def default_folder(data_dir: Path) -> Path:
    return Path(data_dir) / DEFAULT_DIR_NAME


def parse_folder_value(raw: object) -> Path | None:
    """The folder from the setting's JSON text (a JSON string holding an absolute path), or ``None``."""
    try:
        if isinstance(raw, bytes):
            raw = raw.decode("utf-8")
        if not isinstance(raw, str) or len(raw) > 4 * MAX_FOLDER_CHARS:
            return None
        value = json.loads(raw)
        if not isinstance(value, str) or not value.strip() or len(value) > MAX_FOLDER_CHARS or "\x00" in value:
            return None
        p = Path(value.strip()).expanduser()
        return p if p.is_absolute() else None
    except (ValueError, TypeError, UnicodeDecodeError, RecursionError, RuntimeError, OSError):
        return None


def read_folder_setting(db: Db) -> Path | None:
    """The configured folder in table ``instelling`` (key ``backup_map``), or ``None`` (default / unreadable)."""
    try:
        row = db.conn.execute("SELECT waarde FROM instelling WHERE sleutel = ?", [SETTING_KEY]).fetchone()
    except Exception:  # a damaged or unexpected table must not stop a backup
        return None
    return parse_folder_value(row[0]) if row else None


def folder_from_db(db: Db, data_dir: Path) -> Path:
    return read_folder_setting(db) or default_folder(data_dir)


def read_pointer(data_dir: Path) -> Path | None:
    """The folder copy in ``reservekopie-map.json`` (used when the database cannot be read)."""
    try:
        with open(Path(data_dir) / POINTER_NAME, "rb") as fh:
            data = fh.read(MAX_POINTER_BYTES + 1)
        if len(data) > MAX_POINTER_BYTES:
            return None
        doc = json.loads(data.decode("utf-8"))
        if not isinstance(doc, dict):
            return None
        return parse_folder_value(json.dumps(doc.get(SETTING_KEY)))
    except (OSError, ValueError, TypeError, UnicodeDecodeError, RecursionError):
        return None


def write_pointer(data_dir: Path, folder: Path | None) -> None:
    p = Path(data_dir) / POINTER_NAME
    if folder is None:
        try:
            p.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise os_error_to_user_error(exc, Path(data_dir)) from exc
        return
    atomic_write(p, json.dumps({SETTING_KEY: str(folder)}, ensure_ascii=False).encode("utf-8"))


def search_folders(data_dir: Path, configured: Path | None = None) -> list[Path]:
    """Where backups of this data dir may be: the configured folder, the pointer's, and the default."""
    out: list[Path] = []
    for f in (configured, read_pointer(data_dir), default_folder(data_dir)):
        if f is None:
            continue
        try:
            key = f.resolve()
        except (OSError, RuntimeError):
            continue
        if all(key != o.resolve() for o in out):
            out.append(f)
    return out


# --- listing ------------------------------------------------------------------

@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str
    created_at: datetime  # timezone-aware, local
    size: int
    sidecar: Sidecar | None = None

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def label(self) -> str:
        return KIND_LABEL.get(self.kind, KIND_LABEL[UNKNOWN])


def _kind_from_name(name: str) -> str:
    for kind, prefix in PREFIX.items():
        if name.startswith(prefix + "-"):
            return kind
    return UNKNOWN


def describe(path: Path) -> BackupInfo | None:
    path = Path(path)
    try:
        st = path.stat()
    except OSError:
        return None
    if not path.is_file():
        return None
    sc = read_sidecar(path)
    if sc is not None:
        return BackupInfo(path, sc.kind, sc.created_at, st.st_size, sc)
    created = None
    m = _STAMP.search(path.name)
    if m:
        try:
            created = datetime.strptime(m.group(1), "%Y%m%d-%H%M%S").astimezone()
        except ValueError:
            created = None
    if created is None:
        try:
            created = datetime.fromtimestamp(st.st_mtime).astimezone()
        except (OverflowError, OSError, ValueError):
            created = datetime.fromtimestamp(0).astimezone()
    return BackupInfo(path, _kind_from_name(path.name), created, st.st_size, None)


def _is_backup_name(name: str) -> bool:
    return (name.lower().endswith(".db") and not name.startswith(".") and name != DB_NAME
            and not name.startswith(DAMAGED_PREFIX))


def list_backups(folders: Iterable[Path], workspace_id: str | None = None) -> list[BackupInfo]:
    """All backups in ``folders``, newest first. Sidecars naming another workspace are skipped."""
    found: dict[Path, BackupInfo] = {}
    for folder in folders:
        try:
            entries = list(Path(folder).iterdir())
        except OSError:
            continue
        for p in entries:
            if not _is_backup_name(p.name):
                continue
            info = describe(p)
            if info is None:
                continue
            if workspace_id and info.sidecar and info.sidecar.workspace_id != workspace_id:
                continue
            try:
                found.setdefault(p.resolve(), info)
            except (OSError, RuntimeError):
                continue
    return sorted(found.values(), key=lambda b: (b.created_at, b.name), reverse=True)


# --- retention ----------------------------------------------------------------

def plan_retention(backups: Iterable[BackupInfo], *, days: int = KEEP_DAYS,
                   months: int = KEEP_MONTHS) -> tuple[list[BackupInfo], list[BackupInfo]]:
    """(keep, remove) among the automatic backups; manual backups are in neither list."""
    backups = list(backups)
    prunable = sorted((b for b in backups if b.kind in PRUNABLE), key=lambda b: (b.created_at, b.name), reverse=True)
    keep: dict[Path, BackupInfo] = {}
    seen_days: list[date] = []
    seen_months: list[tuple[int, int]] = []
    for b in prunable:  # newest first, so the first one seen of a day/month is its newest
        local = b.created_at.astimezone()
        day, month = local.date(), (local.year, local.month)
        if day not in seen_days:
            seen_days.append(day)
            if len(seen_days) <= days:
                keep[b.path] = b
        if month not in seen_months:
            seen_months.append(month)
            if len(seen_months) <= months:
                keep[b.path] = b
    remove = [b for b in prunable if b.path not in keep]
    # Event backups (before a migration, restore, purge or import) go once they are older than the monthly
    # horizon, so data destroyed under the retention rules does not live on in backups for longer than that.
    horizon = datetime.now(timezone.utc) - timedelta(days=31 * months)
    remove += [b for b in backups if b.kind in EXPIRING and b.created_at < horizon]
    return list(keep.values()), remove


def retention_roles(backups: Iterable[BackupInfo]) -> dict[Path, str]:
    """For display: which kept daily backups stand for a day, a month or both."""
    prunable = sorted((b for b in backups if b.kind in PRUNABLE), key=lambda b: (b.created_at, b.name), reverse=True)
    roles: dict[Path, list[str]] = {}
    days, months = [], []
    for b in prunable:
        local = b.created_at.astimezone()
        if local.date() not in days:
            days.append(local.date())
            if len(days) <= KEEP_DAYS:
                roles.setdefault(b.path, []).append("dag")
        if (local.year, local.month) not in months:
            months.append((local.year, local.month))
            if len(months) <= KEEP_MONTHS:
                roles.setdefault(b.path, []).append("maand")
    return {p: " en ".join(r) for p, r in roles.items()}


def remove_backup(path: Path) -> None:
    for p in (Path(path), sidecar_path(path), keys_copy_path(path)):
        try:
            p.unlink()
        except FileNotFoundError:
            pass


def prune(folders: Iterable[Path], workspace_id: str | None = None) -> list[Path]:
    """Apply the retention rule; returns the removed backup files. Failures to remove are skipped."""
    _, remove = plan_retention(list_backups(folders, workspace_id))
    removed = []
    for b in remove:
        try:
            remove_backup(b.path)
            removed.append(b.path)
        except OSError:
            continue
    return removed


def clean_leftovers(data_dir: Path, folders: Iterable[Path]) -> list[Path]:
    """Remove half-written temp files of an interrupted backup or restore. Call only while holding the lock."""
    removed = []
    for folder, prefix in [(Path(data_dir), CANDIDATE_PREFIX), *((Path(f), TEMP_PREFIX) for f in folders)]:
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for p in entries:
            if p.name.startswith(prefix) and ".db" in p.name:
                try:
                    p.unlink()
                    removed.append(p)
                except OSError:
                    pass
    return removed


# --- verification ---------------------------------------------------------------

@dataclass(frozen=True)
class BackupCheck:
    path: Path
    ok: bool
    problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    generation: int | None = None
    schema_version: int | None = None
    workspace_id: str | None = None
    sha256: str | None = None
    rows: int | None = None  # total number of rows in all tables (a size indication, no content)

    def explain(self) -> str:
        if self.ok:
            return "Gecontroleerd: de reservekopie is in orde."
        return "De reservekopie is niet in orde:\n" + "\n".join(f"- {p}" for p in self.problems)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def open_readonly(path: Path, key: bytes) -> sqlite3.Connection:
    """A read-only SQLCipher connection (``mode=ro``): verifying a backup can never change it."""
    import sqlcipher3

    if len(key) != 32:
        raise ValueError("key must be 32 bytes")
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    conn: sqlite3.Connection = sqlcipher3.connect(uri, uri=True, isolation_level=None, check_same_thread=False,
                                                  timeout=2.0)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA query_only = 1")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


def _bad(path: Path, *problems: str, generation: int | None = None, sha256: str | None = None) -> BackupCheck:
    return BackupCheck(Path(path), False, tuple(problems), generation=generation, sha256=sha256)


def verify_backup(path: Path, keys: Mapping[int, bytes], *, workspace_id: str | None = None,
                  sidecar: Sidecar | None | bool = True, prefer: int | None = None,
                  latest_schema: int | None = None) -> BackupCheck:
    """Check a backup without changing it. ``sidecar=True`` reads ``<name>.json``; ``None``/``False``: none.

    Never raises for a bad file: every finding is a Dutch problem in the result.
    """
    from ghnt_desktop.storage import migrations

    path = Path(path)
    sc = read_sidecar(path) if sidecar is True else (sidecar or None)
    try:
        st = path.stat()
        if not path.is_file():
            return _bad(path, "Dit is geen bestand.")
        if st.st_size == 0:
            return _bad(path, "Het bestand is leeg.")
        with open(path, "rb") as fh:
            head = fh.read(16)
        digest = sha256_of(path)
    except FileNotFoundError:
        return _bad(path, "Het bestand bestaat niet (meer).")
    except OSError:
        return _bad(path, "Het bestand kan niet worden gelezen.")
    if head == SQLITE_HEADER:
        return _bad(path, "Het bestand is niet versleuteld. Uit veiligheid wordt het niet gebruikt.")
    if sc is not None:
        if sc.sha256 != digest or sc.size != st.st_size:
            return _bad(path, "Het bestand is veranderd of beschadigd sinds de reservekopie werd gemaakt "
                              "(de controlesom klopt niet).", sha256=digest)
        if workspace_id and sc.workspace_id != workspace_id:
            return _bad(path, "Deze reservekopie hoort bij een andere werkruimte.", sha256=digest)
        if sc.key_generation not in keys:
            older = OLDER_KEY_WITH_COPY if read_keys_copy(path) is not None else OLDER_KEY
            return _bad(path, older, generation=sc.key_generation, sha256=digest)
        order = [sc.key_generation]
    else:
        order = sorted(keys, key=lambda g: (g != prefer, -g))
    conn, gen = None, None
    for g in order:
        key = keys.get(g)
        if not isinstance(key, bytes) or len(key) != 32:
            continue
        try:
            conn = open_readonly(path, key)
            gen = g
            break
        except Exception:
            conn = None
    if conn is None:
        return _bad(path, "De reservekopie kan niet worden geopend met de sleutel van deze werkruimte. Het bestand "
                          "is beschadigd, hoort bij een andere werkruimte, of is gemaakt met een oudere sleutel.",
                    sha256=digest)
    problems: list[str] = []
    warnings: list[str] = []
    schema = wid = rows = None
    try:
        schema = int(conn.execute("PRAGMA user_version").fetchone()[0])
        latest = latest_schema if latest_schema is not None else migrations.latest_version()
        if schema > latest:
            problems.append(f"De reservekopie is gemaakt met een nieuwere versie van GHNT Desktop (schema {schema}; "
                            f"deze versie kent schema {latest}). Installeer eerst de nieuwste versie.")
        elif schema < 1:
            problems.append("Het bestand bevat geen werkruimte.")
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems.append("De integriteitscontrole vond fouten: het bestand is beschadigd.")
        cipher = list(conn.execute("PRAGMA cipher_integrity_check"))
        if cipher:
            problems.append(f"{len(cipher)} versleutelde pagina's kloppen niet: het bestand is beschadigd.")
        if not problems:
            row = conn.execute("SELECT waarde FROM werkruimte WHERE sleutel = 'workspace_id'").fetchone()
            wid = row[0] if row else None
            if wid is None:
                problems.append("Het bestand bevat geen werkruimte.")
            elif workspace_id and wid != workspace_id:
                problems.append("Deze reservekopie hoort bij een andere werkruimte.")
            if list(conn.execute("PRAGMA foreign_key_check")):
                warnings.append("Sommige verwijzingen in de reservekopie kloppen niet.")
            import sqlite_utils

            from ghnt_desktop.storage import audit

            db = sqlite_utils.Database(conn, execute_plugins=False)
            warnings += [f"Logboek: {p.tekst}" for p in audit.verify(db)]
            names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                                "AND name NOT LIKE 'sqlite_%'")]
            rows = sum(conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names)
    except Exception:  # any read error inside the file means: damaged (or not ours)
        problems.append("Het bestand is beschadigd: het kan niet helemaal worden gelezen.")
    finally:
        conn.close()
    return BackupCheck(path, not problems, tuple(problems), tuple(warnings), gen, schema, wid, digest, rows)


# --- writing ----------------------------------------------------------------------

def _now() -> datetime:
    return datetime.now().astimezone()


def unique_target(folder: Path, kind: str, when: datetime) -> Path:
    base = f"{PREFIX.get(kind, 'handmatig')}-{when:%Y%m%d-%H%M%S}"
    target = folder / f"{base}.db"
    n = 2
    while target.exists() or sidecar_path(target).exists():
        target = folder / f"{base}-{n}.db"
        n += 1
    return target


def _owner_only(path: Path, *, directory: bool = False) -> None:
    """Owner-only access on POSIX, like the data dir (on Windows the profile dir already is)."""
    if os.name != "posix":
        return
    try:
        os.chmod(path, 0o700 if directory else 0o600)
    except OSError:
        pass


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_backup(db: Db, folder: Path, *, kind: str, keys: Mapping[int, bytes],
                 workspace_id: str, generation: int | None = None, target: Path | None = None,
                 now: datetime | None = None, slots_bytes: bytes | None = None) -> tuple[BackupInfo, BackupCheck]:
    """``VACUUM INTO`` a temp file, verify it, give it its final name and write the sidecar.

    On any failure nothing is left behind and a Dutch ``UserError`` is raised:
    ``WorkspaceCorrupt`` when the live database itself could not be read.
    Must be called outside a transaction (SQLite cannot VACUUM inside one).
    """
    from ghnt_desktop import __version__

    if kind not in KINDS:
        raise ValueError(kind)
    if db.conn.in_transaction:
        raise RuntimeError("write_backup must be called outside a transaction (VACUUM INTO)")
    now = now or _now()
    folder = Path(folder)
    try:
        if not folder.is_dir():
            folder.mkdir(parents=True, exist_ok=True)
            _owner_only(folder, directory=True)
    except OSError as exc:
        raise _backup_failed(os_error_to_user_error(exc, folder)) from exc
    if target is None:
        target = unique_target(folder, kind, now)
    else:
        target = Path(target)
        if target.exists() or sidecar_path(target).exists():
            raise UserError(f"Het bestand bestaat al: {target}. Kies een andere naam; er wordt niets overschreven.")
    tmp = target.parent / f"{TEMP_PREFIX}{secrets.token_hex(6)}.db"
    try:
        try:
            db.conn.execute("VACUUM INTO ?", [str(tmp)])
            _owner_only(tmp)
            _fsync_file(tmp)
        except Exception as exc:
            if is_corruption(exc):
                raise WorkspaceCorrupt(
                    "Het databasebestand is beschadigd: er kon geen reservekopie van worden gemaakt. "
                    "Zet de laatste goede reservekopie terug; het beschadigde bestand wordt apart bewaard.") from exc
            mapped = to_user_error(exc, target.parent)
            if mapped is None:
                raise
            raise _backup_failed(mapped) from exc
        check = verify_backup(tmp, keys, workspace_id=workspace_id, sidecar=False, prefer=generation)
        if not check.ok and check.generation is None:  # not a damaged database: the key is not at hand
            raise WorkspaceError(
                "De nieuwe reservekopie kon niet worden gecontroleerd: de sleutel van de database is niet "
                "bekend. Sluit de app en open hem opnieuw. Er is geen reservekopie bewaard.",
                details=list(check.problems))
        if not check.ok:
            raise WorkspaceCorrupt(
                "De nieuwe reservekopie kwam niet door de controle. De database zelf is mogelijk beschadigd. "
                "Zet de laatste goede reservekopie terug; het beschadigde bestand wordt apart bewaard.",
                details=list(check.problems))
        size = tmp.stat().st_size
        sc = Sidecar(now, check.schema_version or 0, check.generation or 0, check.sha256 or "", kind,
                     workspace_id, size, __version__)
        try:
            if target.exists():
                raise FileExistsError(target)
            os.replace(tmp, target)
            atomic_write(sidecar_path(target), sc.to_bytes())
            if slots_bytes is not None and _slots_hold(slots_bytes, sc.key_generation):
                atomic_write(keys_copy_path(target), slots_bytes)
        except UserError as exc:
            remove_backup(target)
            raise _backup_failed(exc) from exc
        except OSError as exc:
            remove_backup(target)
            raise _backup_failed(os_error_to_user_error(exc, target.parent)) from exc
        _fsync_dir(target.parent)
        return BackupInfo(target, kind, now, size, sc), check
    finally:
        for p in (tmp, Path(str(tmp) + "-journal")):
            try:
                p.unlink()
            except OSError:
                pass


def _slots_hold(slots_bytes: bytes, generation: int) -> bool:
    from ghnt_desktop.storage import keyslots

    try:
        slots = keyslots.KeySlots.from_bytes(slots_bytes)
    except UserError:
        return False
    return any(generation in s.sealed for s in slots.slots)


def _backup_failed(exc: UserError) -> UserError:
    new = type(exc)(f"De reservekopie is niet gemaakt. {exc.message} Je gegevens in de app zelf zijn niet aangetast.",
                    details=exc.details)
    return new


def add_sidecar(path: Path, check: BackupCheck, *, kind: str | None = None) -> Sidecar | None:
    """Describe a verified backup that has no sidecar yet (e.g. a pre-migration backup)."""
    if not check.ok or check.sha256 is None or check.generation is None or check.workspace_id is None:
        return None
    info = describe(path)
    if info is None or info.sidecar is not None:
        return None
    k = kind or (info.kind if info.kind in KINDS else MANUAL)
    sc = Sidecar(info.created_at, check.schema_version or 0, check.generation, check.sha256, k, check.workspace_id,
                 info.size, "")
    try:
        atomic_write(sidecar_path(path), sc.to_bytes())
    except UserError:
        return None
    return sc


# --- restoring -------------------------------------------------------------------------

@dataclass
class RestoreResult:
    database: Path
    restored_from: Path
    kept_as_backup: Path | None = None  # the previous database as a pre-restore backup
    kept_aside: list[Path] = field(default_factory=list)  # the damaged database, untouched
    check: BackupCheck | None = None


def _copy_and_hash(src: Path, dst: Path) -> str:
    h = hashlib.sha256()
    with open(src, "rb") as fin, open(dst, "xb") as fout:
        for chunk in iter(lambda: fin.read(1 << 20), b""):
            h.update(chunk)
            fout.write(chunk)
        fout.flush()
        os.fsync(fout.fileno())
    return h.hexdigest()


def prepare_candidate(data_dir: Path, backup: Path, keys: Mapping[int, bytes], *, generation: int,
                      workspace_id: str, actor_id: str | None,
                      check: BackupCheck | None = None) -> tuple[Path, BackupCheck]:
    """Copy a verified backup into a new file in the data dir, re-key it to ``generation``, add an
    audit entry and verify it again. Returns the candidate; raises ``UserError`` (candidate removed)."""
    import sqlite_utils

    from ghnt_desktop.storage import audit
    from ghnt_desktop.storage.connection import rekey

    data_dir = Path(data_dir)
    check = check or verify_backup(backup, keys, workspace_id=workspace_id, prefer=generation)
    opened_with = check.generation  # an ok check names the generation whose key opened the backup
    if not check.ok or opened_with is None:
        raise UserError("Deze reservekopie wordt niet teruggezet.", details=list(check.problems))
    stamp = _now().strftime("%Y%m%d-%H%M%S")
    cand = data_dir / f"{CANDIDATE_PREFIX}{stamp}-{secrets.token_hex(4)}.db"
    try:
        try:
            digest = _copy_and_hash(Path(backup), cand)
            _owner_only(cand)
        except OSError as exc:
            raise _restore_failed(os_error_to_user_error(exc, data_dir)) from exc
        if digest != check.sha256:
            raise UserError("De reservekopie veranderde tijdens het terugzetten. Er is niets veranderd; "
                            "probeer het opnieuw.")
        target_key = keys.get(generation)
        if target_key is None:  # the current generation is not unsealable by this account: keep the old key
            generation, target_key = opened_with, keys[opened_with]
        with user_errors(data_dir):
            from ghnt_desktop.storage.connection import open_encrypted

            db = open_encrypted(cand, keys[opened_with])
            try:
                if opened_with != generation:
                    rekey(db, target_key)
                audit.record(db, actie="reservekopie_teruggezet", object_type="reservekopie",
                             object_id=Path(backup).name, actor_id=actor_id)
            finally:
                db.conn.close()
        again = verify_backup(cand, {generation: target_key}, workspace_id=workspace_id, sidecar=False)
        if not again.ok:
            raise UserError("De teruggezette kopie kwam niet door de tweede controle. Er is niets veranderd.",
                            details=list(again.problems))
        _fsync_file(cand)
        return cand, again
    except BaseException:
        discard_candidate(cand)
        raise


def discard_candidate(cand: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            Path(str(cand) + suffix).unlink()
        except OSError:
            pass


def _restore_failed(exc: UserError) -> UserError:
    return type(exc)(f"Het terugzetten is niet gelukt. {exc.message} Er is niets veranderd.", details=exc.details)


def _sidecar_files(db_path: Path) -> list[Path]:
    return [Path(str(db_path) + s) for s in ("-wal", "-shm", "-journal")]


def move_aside(data_dir: Path, *, now: datetime | None = None) -> list[tuple[Path, Path]]:
    """Move the (damaged) database and its -wal/-shm/-journal aside, unchanged. Returns (from, to) pairs."""
    data_dir = Path(data_dir)
    db_path = data_dir / DB_NAME
    stamp = (now or _now()).strftime("%Y%m%d-%H%M%S")
    base = data_dir / f"{DAMAGED_PREFIX}{stamp}.db"
    n = 2
    while base.exists():
        base = data_dir / f"{DAMAGED_PREFIX}{stamp}-{n}.db"
        n += 1
    moved: list[tuple[Path, Path]] = []
    try:
        if db_path.exists():
            os.replace(db_path, base)
            moved.append((db_path, base))
        for extra, suffix in zip(_sidecar_files(db_path), ("-wal", "-shm", "-journal")):
            if extra.exists():
                dst = Path(str(base) + suffix)
                os.replace(extra, dst)
                moved.append((extra, dst))
    except OSError as exc:
        undo_move_aside(moved)
        raise os_error_to_user_error(exc, data_dir) from exc
    _fsync_dir(data_dir)
    return moved


def undo_move_aside(moved: list[tuple[Path, Path]]) -> None:
    """Best effort: put moved files back (only where nothing has taken their place)."""
    for src, dst in reversed(moved):
        try:
            if not src.exists():
                os.replace(dst, src)
        except OSError:
            pass


def swap_in(data_dir: Path, cand: Path) -> Path:
    """Put the verified candidate in place of the (already closed or moved) database."""
    data_dir = Path(data_dir)
    db_path = data_dir / DB_NAME
    for extra in _sidecar_files(db_path):
        if extra.exists():  # only reached after a clean close (or after moving the damaged set aside)
            extra.unlink()
    os.replace(cand, db_path)
    _fsync_dir(data_dir)
    return db_path


def checkpoint_and_close(db: Db) -> None:
    """Close the live connection so that nothing is left in its -wal (raises if that cannot be ensured)."""
    conn = db.conn
    if conn.in_transaction:
        raise WorkspaceError("Er wordt nog iets opgeslagen. Wacht even en probeer het opnieuw.")
    row = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if row and row[0] != 0:
        raise WorkspaceError("De database is in gebruik door een ander programma. Sluit dat programma en probeer "
                             "het opnieuw.")
    conn.close()
