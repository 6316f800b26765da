"""Names of the files in a data directory, and whether a directory holds a workspace.

Kept free of imports so that start-up code can find the key slots before the
rest of the storage layer is loaded.
"""
from __future__ import annotations

from pathlib import Path

DB_NAME = "werkruimte.db"
SLOTS_NAME = "keyslots.json"
LOCK_NAME = "werkruimte.lock"
FAILURES_NAME = "mislukte-pogingen.json"  # times of failed unlocks, see services.login


def holds_workspace(data_dir: Path) -> bool:
    d = Path(data_dir)
    return (d / DB_NAME).exists() or (d / SLOTS_NAME).exists()
