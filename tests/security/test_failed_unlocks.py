"""Repeated failed unlocks slow down (sleep injected) and end up in the audit trail."""
from __future__ import annotations

import json

import pytest

from ghnt_desktop.errors import WrongPassphrase
from ghnt_desktop.services import login as login_service
from ghnt_desktop.services.login import FAILURES_NAME, Failures, login, read_failures, verify_passphrase
from tests.conftest import PASSPHRASE


def test_delay_grows_after_the_free_attempts():
    assert [Failures((0.0,) * n).delay() for n in range(0, 10)] == [0, 0, 0, 1, 2, 4, 8, 16, 30, 30]


def test_failed_unlocks_slow_down_and_are_audited_at_next_login(workspace, data_dir):
    workspace.close()
    slept: list[float] = []
    wrong = "dit is niet de wachtzin"
    for _ in range(6):
        with pytest.raises(WrongPassphrase):
            login(data_dir, "tester", wrong, sleep=slept.append)
    # the first three attempts do not wait; the 4th..6th wait about 1, 2 and 4 seconds
    assert len(slept) == 3
    assert [round(s) for s in slept] == [1, 2, 4]
    assert slept == sorted(slept)
    raw = (data_dir / FAILURES_NAME).read_text(encoding="utf-8")
    assert wrong not in raw and "tester" not in raw  # times only
    assert len(json.loads(raw)["tijden"]) == 6

    ws = login(data_dir, "tester", PASSPHRASE, sleep=slept.append)
    try:
        assert round(slept[-1]) == 8  # even the right passphrase waits after 6 failures
        rows = ws.db.conn.execute("SELECT actie, resultaat, actor_id FROM audit ORDER BY id DESC LIMIT 7").fetchall()
        assert [tuple(r) for r in rows] == [("inloggen", "ok", ws.session.account_id)] + [
            ("ontgrendelen_mislukt", "geweigerd", None)] * 6
    finally:
        ws.close()
    assert not (data_dir / FAILURES_NAME).exists()
    assert read_failures(data_dir).times == ()
    more: list[float] = []
    login(data_dir, "tester", PASSPHRASE, sleep=more.append).close()
    assert more == []


def test_lock_screen_failures_are_audited_at_once_and_slow_down(workspace, monkeypatch):
    slept: list[float] = []
    for _ in range(4):
        with pytest.raises(WrongPassphrase):
            verify_passphrase(workspace, "verkeerd verkeerd", sleep=slept.append)
    assert [round(s) for s in slept] == [1]
    acties = [r[0] for r in workspace.db.conn.execute("SELECT actie FROM audit ORDER BY id DESC LIMIT 4")]
    assert acties == ["ontgrendelen_mislukt"] * 4
    verify_passphrase(workspace, PASSPHRASE, sleep=slept.append)
    assert workspace.db.conn.execute("SELECT actie FROM audit ORDER BY id DESC LIMIT 1").fetchone()[0] == "ontgrendelen"
    assert read_failures(workspace.data_dir).times == ()


def test_deactivated_account_on_lock_screen_cannot_unlock(workspace):
    from ghnt_desktop.domain.roles import Rol
    from ghnt_desktop.services import accounts

    accounts.maak_account(workspace, login="tweede", naam="Tweede Beheerder", passphrase="oranje fiets staat buiten 5",
                          rollen=frozenset({Rol.BEHEERDER}))
    slots = workspace.read_slots()
    workspace.write_slots(slots.without_accounts({workspace.session.account_id}))
    with pytest.raises(WrongPassphrase, match="niet meer openen"):
        verify_passphrase(workspace, PASSPHRASE, sleep=lambda s: None)
    assert login_service.read_failures(workspace.data_dir).times
