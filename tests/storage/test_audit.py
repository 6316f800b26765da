"""The audit trail is append-only and hash-chained; tampering and deletion are detected."""
from __future__ import annotations

import pytest

from ghnt_desktop.storage import audit


def test_chain_is_intact_after_normal_use(workspace):
    for i in range(5):
        workspace.audit("bekijken", "dossier", i)
    assert audit.verify(workspace.db) == []


def test_update_and_delete_are_blocked(workspace):
    workspace.audit("bekijken", "dossier", 1)
    with pytest.raises(Exception, match="append-only"):
        workspace.db.conn.execute("UPDATE audit SET actie = 'x'")
    with pytest.raises(Exception, match="append-only"):
        workspace.db.conn.execute("DELETE FROM audit")


def test_altered_entry_is_detected(workspace):
    for i in range(3):
        workspace.audit("bekijken", "dossier", i)
    workspace.db.conn.execute("DROP TRIGGER audit_geen_wijziging")
    workspace.db.conn.execute("UPDATE audit SET object_id = '99' WHERE id = 2")
    problems = audit.verify(workspace.db)
    assert any("Regel 2" in p.tekst and "veranderd" in p.tekst for p in problems)


def test_deleted_entries_are_detected(workspace):
    for i in range(4):
        workspace.audit("bekijken", "dossier", i)
    workspace.db.conn.execute("DROP TRIGGER audit_geen_verwijdering")
    workspace.db.conn.execute("DELETE FROM audit WHERE id = 3")
    assert any("ontbreken" in p.tekst for p in audit.verify(workspace.db))


def test_deleting_the_newest_entry_is_detected(workspace):
    for i in range(3):
        workspace.audit("bekijken", "dossier", i)
    last = workspace.db.conn.execute("SELECT max(id) FROM audit").fetchone()[0]
    workspace.db.conn.execute("DROP TRIGGER audit_geen_verwijdering")
    workspace.db.conn.execute("DELETE FROM audit WHERE id = ?", [last])
    assert any("laatste regels" in p.tekst for p in audit.verify(workspace.db))


def test_entry_is_rolled_back_with_the_change_it_records(workspace):
    n = workspace.db.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    with pytest.raises(RuntimeError):
        with workspace.db.atomic():
            workspace.audit("wijzigen", "dossier", 1)
            raise RuntimeError("simulated failure")
    assert workspace.db.conn.execute("SELECT count(*) FROM audit").fetchone()[0] == n
    assert audit.verify(workspace.db) == []
