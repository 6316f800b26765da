"""Retention bookkeeping: SQL for ``bewaar_item`` and ``bewaar_bevestiging`` (when a record's period started,
and the confirmations given for destroying it).

Plain writes without authorization or audit, in the caller's transaction (a savepoint when one is open).
A module whose records have a retention period (``services.meldcode`` for ``meldcode_dossier``) starts
and stops the clock here when a record is closed or reopened; ``services.retention``, which runs the
destruction itself, sits above those modules and names their deleters.
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ghnt_desktop.storage.connection import Db


def start_termijn(db: Db, record_type: str, record_id: str | int, startdatum: date) -> None:
    """The period of this record starts counting (e.g. the dossier was closed)."""
    with db.atomic():
        db.conn.execute(
            "INSERT INTO bewaar_item (record_type, record_id, startdatum) VALUES (?, ?, ?)"
            " ON CONFLICT (record_type, record_id) DO UPDATE SET startdatum = excluded.startdatum",
            [record_type, str(record_id), startdatum.isoformat()])
        _wis_bevestigingen_tenzij_verzoek(db, record_type, str(record_id))


def stop_termijn(db: Db, record_type: str, record_id: str | int) -> None:
    """The record is in use again (e.g. the dossier was reopened): no period counts."""
    with db.atomic():
        db.conn.execute("UPDATE bewaar_item SET startdatum = NULL WHERE record_type = ? AND record_id = ?",
                        [record_type, str(record_id)])
        _wis_bevestigingen_tenzij_verzoek(db, record_type, str(record_id))


def vergeet(db: Db, record_type: str, record_id: str | int) -> None:
    """The owning module removed the record itself (e.g. an empty draft): drop the bookkeeping."""
    db.conn.execute("DELETE FROM bewaar_item WHERE record_type = ? AND record_id = ?", [record_type, str(record_id)])


def _wis_bevestigingen_tenzij_verzoek(db: Db, record_type: str, record_id: str) -> None:
    """Confirmations lapse when the period restarts or stops, unless early destruction was requested."""
    db.conn.execute(
        "DELETE FROM bewaar_bevestiging WHERE record_type = ? AND record_id = ? AND NOT EXISTS ("
        " SELECT 1 FROM bewaar_item i WHERE i.record_type = ? AND i.record_id = ? AND i.vroegtijdig = 1)",
        [record_type, record_id, record_type, record_id])
