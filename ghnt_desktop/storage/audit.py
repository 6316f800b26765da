"""Hash-chained, append-only audit trail — written in the caller's transaction.

Each entry stores action, object, result, origin (device), actor, on whose behalf
and a timestamp — never case content or secrets. ``hash`` = SHA-256 over the
previous hash and the canonical entry; the newest hash is also kept in
``werkruimte.audit_kop`` so that removing the last entries is detected too.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import secrets
import platform
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

if TYPE_CHECKING:  # pragma: no cover
    from ghnt_desktop.storage.connection import Db

GENESIS = "0" * 64
_FIELDS = ("tijdstip", "actor_id", "namens_id", "actie", "object_type", "object_id", "resultaat", "herkomst")


def device_origin() -> str:
    """The device name only; never a user path or document."""
    return (platform.node() or "onbekend")[:64]


def _entry_hash(prev: str, entry: Mapping[str, object]) -> str:
    canon = json.dumps([prev] + [entry.get(f) for f in _FIELDS], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()


def _head(db: Db) -> str:
    row = db.conn.execute("SELECT waarde FROM werkruimte WHERE sleutel = 'audit_kop'").fetchone()
    return row[0] if row else GENESIS


@contextlib.contextmanager
def savepoint(db: Db) -> Iterator[None]:
    """A (nestable) transaction on the raw connection, compatible with ``db.atomic()``.

    The audit trail is the lowest layer and is written at login, before sqlite-utils is loaded
    (see ``storage.connection.LazyDatabase``); everything else uses ``db.atomic()``.
    """
    conn = db.conn
    name = f"audit_{secrets.token_hex(8)}"
    conn.execute(f"SAVEPOINT {name}")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
            conn.execute(f"RELEASE SAVEPOINT {name}")
        raise
    conn.execute(f"RELEASE SAVEPOINT {name}")


def record(db: Db, *, actie: str, object_type: str, object_id: str | int | None = None,
           resultaat: str = "ok", actor_id: str | None = None, namens_id: str | None = None,
           herkomst: str | None = None) -> None:
    """Append one entry. Call inside the same ``db.atomic()`` block as the change it records."""
    with savepoint(db):
        # Chain to the stored head, not to the last remaining row: then a removed tail stays detectable
        # even after new entries are written.
        prev_hash = _head(db)
        entry = {
            "tijdstip": datetime.now(timezone.utc).isoformat(timespec="microseconds"),
            "actor_id": actor_id,
            "namens_id": namens_id,
            "actie": actie,
            "object_type": object_type,
            "object_id": None if object_id is None else str(object_id),
            "resultaat": resultaat,
            "herkomst": herkomst or device_origin(),
        }
        h = _entry_hash(prev_hash, entry)
        db.conn.execute(
            "INSERT INTO audit (tijdstip, actor_id, namens_id, actie, object_type, object_id, resultaat, herkomst,"
            " vorige_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [entry[f] for f in _FIELDS] + [prev_hash, h],
        )
        db.conn.execute("INSERT OR REPLACE INTO werkruimte (sleutel, waarde) VALUES ('audit_kop', ?)", [h])


@dataclass(frozen=True)
class ChainProblem:
    entry_id: int | None
    tekst: str


def verify(db: Db) -> list[ChainProblem]:
    """Return every problem found in the chain (empty list = intact)."""
    problems: list[ChainProblem] = []
    prev_hash = GENESIS
    expected_id = None
    cols = ", ".join(("id",) + _FIELDS + ("vorige_hash", "hash"))
    for row in db.conn.execute(f"SELECT {cols} FROM audit ORDER BY id"):
        entry_id = row[0]
        entry = dict(zip(_FIELDS, row[1:9]))
        stored_prev, stored_hash = row[9], row[10]
        if expected_id is not None and entry_id != expected_id:
            problems.append(ChainProblem(entry_id, f"Regels {expected_id} tot {entry_id - 1} van het logboek ontbreken."))
        if stored_prev != prev_hash:
            problems.append(ChainProblem(entry_id, f"Regel {entry_id} sluit niet aan op de regel ervoor: "
                                                   "er zijn regels verwijderd of veranderd."))
        if _entry_hash(stored_prev, entry) != stored_hash:
            problems.append(ChainProblem(entry_id, f"Regel {entry_id} van het logboek is veranderd."))
        prev_hash = stored_hash
        expected_id = entry_id + 1
    if prev_hash != _head(db):
        problems.append(ChainProblem(None, "De laatste regels van het logboek zijn verwijderd of vervangen."))
    return problems


def entries_for(db: Db, object_type: str, object_id: str | int,
                acties: Iterable[str] | None = None) -> list[dict[str, Any]]:
    sql = ("SELECT a.tijdstip, a.actie, a.resultaat, a.herkomst, a.actor_id, acc.naam AS actor_naam"
           " FROM audit a LEFT JOIN account acc ON acc.id = a.actor_id"
           " WHERE a.object_type = ? AND a.object_id = ?")
    params: list[object] = [object_type, str(object_id)]
    if acties:
        acties = list(acties)
        sql += f" AND a.actie IN ({','.join('?' * len(acties))})"
        params += acties
    sql += " ORDER BY a.id"
    return [dict(r) for r in db.query(sql, params)]
