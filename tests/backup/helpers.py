"""Shared helpers for backup/restore/fault tests."""
from __future__ import annotations

import hashlib
from pathlib import Path


def snapshot(ws_or_db) -> dict[str, list[tuple]]:
    """Every row of every table (sorted), to compare whole databases."""
    db = getattr(ws_or_db, "db", ws_or_db)
    names = [r[0] for r in db.conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {n: sorted((tuple(r) for r in db.conn.execute(f'SELECT * FROM "{n}"')), key=_order) for n in names}


def _order(row: tuple):
    return [(x is None, type(x).__name__, 0 if x is None else x) for x in row]


def without_audit(snap: dict) -> dict:
    out = {k: v for k, v in snap.items() if k != "audit"}
    out["werkruimte"] = [r for r in snap.get("werkruimte", []) if r[0] != "audit_kop"]
    return out


def digest(path: Path) -> str | None:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest() if Path(path).exists() else None


def corrupt_middle(path: Path, n: int = 600) -> None:
    """Overwrite bytes in the middle of the file with garbage (a real damaged file)."""
    data = bytearray(Path(path).read_bytes())
    mid = len(data) // 2
    data[mid:mid + n] = bytes((i * 37 + 11) % 256 for i in range(n))
    Path(path).write_bytes(bytes(data))


def data_dir_state(d: Path) -> dict[str, str | None]:
    """Digests of every file in the data dir except logs (what a failed restore must not change)."""
    return {str(p.relative_to(d)): digest(p) for p in sorted(Path(d).rglob("*"))
            if p.is_file() and "logs" not in p.parts and p.name != "werkruimte.lock"}
