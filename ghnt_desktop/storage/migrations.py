"""Numbered schema migrations from ``db/NNN_name.sql``.

The schema version lives in ``PRAGMA user_version``. Before upgrading an existing
database an encrypted backup is written (``VACUUM INTO``); all pending
migrations run in one transaction; a database newer than this app is refused
and left untouched.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ghnt_desktop.errors import WorkspaceTooNew
from ghnt_desktop.paths import migrations_dir

if TYPE_CHECKING:  # pragma: no cover
    from ghnt_desktop.storage.connection import Db

_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations(directory: Path | None = None) -> list[Migration]:
    directory = directory or migrations_dir()
    found: list[Migration] = []
    for p in sorted(directory.glob("*.sql")):
        m = _NAME.match(p.name)
        if not m:
            raise RuntimeError(f"badly named migration {p.name}")
        found.append(Migration(int(m.group(1)), p.stem, p.read_text(encoding="utf-8")))
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"two migrations share a number: {[m.name for m in found]}")
    return found


def latest_version(migrations: list[Migration] | None = None) -> int:
    migrations = migrations if migrations is not None else load_migrations()
    return migrations[-1].version if migrations else 0


def current_version(db: Db) -> int:
    return int(db.conn.execute("PRAGMA user_version").fetchone()[0])


def check_not_too_new(db: Db, migrations: list[Migration] | None = None) -> None:
    have, know = current_version(db), latest_version(migrations)
    if have > know:
        raise WorkspaceTooNew(
            f"Deze werkruimte is gemaakt met een nieuwere versie van GHNT Desktop (schema {have}; deze "
            f"versie kent schema {know}). Installeer de nieuwste versie. Er is niets aan de werkruimte veranderd."
        )


def migrate(db: Db, *, backup: Callable[[str], object] | None = None,
            migrations: list[Migration] | None = None) -> int:
    """Bring the schema up to date. Returns the number of migrations applied."""
    migrations = migrations if migrations is not None else load_migrations()
    check_not_too_new(db, migrations)
    have = current_version(db)
    pending = [m for m in migrations if m.version > have]
    if not pending:
        return 0
    if have > 0 and backup is not None:
        backup(f"voor-migratie-schema{have}-{datetime.now():%Y%m%d-%H%M%S-%f}")
    conn = db.conn
    script = "BEGIN IMMEDIATE;\n"
    for m in pending:
        script += f"-- {m.name}\n{m.sql}\n"
    script += f"PRAGMA user_version = {pending[-1].version};\nCOMMIT;\n"
    try:
        conn.executescript(script)
    except Exception:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return len(pending)
