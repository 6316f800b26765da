"""Key slots per account: passphrase change, one-time passphrase, deactivation, key rotation (also interrupted)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from ghnt_desktop.errors import UserError, ValidationError, WorkspaceCorrupt, WorkspaceError, WrongPassphrase
from ghnt_desktop.services import accounts
from ghnt_desktop.services.login import login
from ghnt_desktop.storage import keyslots
from ghnt_desktop.storage.connection import WrongPassphraseOrCorrupt, open_encrypted
from ghnt_desktop.storage.workspace import DB_NAME, SLOTS_NAME, Workspace
from tests.conftest import PASSPHRASE, ROOT
from tests.security.conftest import AF_PW, BEH2_PW, PROF_PW

MARKER = "GEHEIM-dossier-Ĳsselmonde-7"


def _put_marker(ws) -> None:
    with ws.db.atomic():
        ws.db.conn.execute("INSERT INTO instelling (sleutel, waarde) VALUES ('proef', ?)", [f'"{MARKER}"'])


def _marker(ws) -> str | None:
    row = ws.db.conn.execute("SELECT waarde FROM instelling WHERE sleutel = 'proef'").fetchone()
    return row[0] if row else None


def _open_and_close(data_dir, user, pw):
    ws = Workspace.open(data_dir, user, pw)
    try:
        return ws.session, _marker(ws), ws.db_generation
    finally:
        ws.close()


# --- passphrases ----------------------------------------------------------------

def test_changing_a_passphrase_old_fails_new_works(team_ws, data_dir):
    new = "paarse giraf eet vijf appels"
    before = keyslots.read_keyslots(data_dir / SLOTS_NAME).find("tester")
    accounts.wijzig_wachtzin(team_ws, PASSPHRASE, new)
    after = keyslots.read_keyslots(data_dir / SLOTS_NAME).find("tester")
    assert after.salt != before.salt and after.priv_wrapped != before.priv_wrapped
    assert after.public_key == before.public_key and after.sealed == before.sealed  # re-wrap, not re-key
    team_ws.close()
    with pytest.raises(WrongPassphrase):
        Workspace.open(data_dir, "tester", PASSPHRASE)
    session, _, _ = _open_and_close(data_dir, "tester", new)
    assert session.login == "tester" and not session.must_change
    # other accounts are untouched
    assert _open_and_close(data_dir, "prof", PROF_PW)[0].login == "prof"


def test_change_passphrase_needs_the_current_one_and_a_strong_new_one(team_ws):
    with pytest.raises(WrongPassphrase, match="huidige wachtzin klopt niet"):
        accounts.wijzig_wachtzin(team_ws, "niet mijn wachtzin", "paarse giraf eet vijf appels")
    acties = [r[0] for r in team_ws.db.conn.execute("SELECT actie || ':' || resultaat FROM audit ORDER BY id")]
    assert acties[-1] == "wachtzin_wijzigen:geweigerd"
    with pytest.raises(ValidationError) as info:
        accounts.wijzig_wachtzin(team_ws, PASSPHRASE, "kort")
    assert "Nieuwe wachtzin" in str(info.value)
    with pytest.raises(ValidationError, match="anders zijn"):
        accounts.wijzig_wachtzin(team_ws, PASSPHRASE, PASSPHRASE)


def test_one_time_passphrase_must_be_changed_at_first_use(team_ws, data_dir):
    prof = team_ws.test_ids["prof"]
    otp = accounts.reset_wachtzin(team_ws, prof)
    assert len(otp) >= 20 and otp != PROF_PW
    # never written anywhere in the data dir
    for p in data_dir.rglob("*"):
        if p.is_file():
            assert otp.encode() not in p.read_bytes(), p.name
    assert [a for a in accounts.lijst(team_ws) if a.id == prof][0].moet_wachtzin_wijzigen
    team_ws.close()
    with pytest.raises(WrongPassphrase):  # the old passphrase no longer works
        Workspace.open(data_dir, "prof", PROF_PW)
    ws = login(data_dir, "prof", otp)
    try:
        assert ws.session.must_change
        new = "mijn eigen lange wachtzin 2026"
        accounts.wijzig_wachtzin(ws, otp, new)
        assert not ws.session.must_change
    finally:
        ws.close()
    with pytest.raises(WrongPassphrase):
        Workspace.open(data_dir, "prof", otp)
    session, _, _ = _open_and_close(data_dir, "prof", "mijn eigen lange wachtzin 2026")
    assert not session.must_change


def test_new_account_with_one_time_passphrase(team_ws, data_dir):
    from ghnt_desktop.domain.roles import Rol

    aid, otp = accounts.maak_account_met_eenmalige_wachtzin(team_ws, login="nieuw", naam="Nina Nieuw",
                                                            rollen=frozenset({Rol.PROFESSIONAL}))
    team_ws.close()
    session, _, _ = _open_and_close(data_dir, "nieuw", otp)
    assert session.must_change and session.account_id == aid


def test_reset_own_or_inactive_account_is_refused(team_ws):
    with pytest.raises(UserError, match="eigen wachtzin"):
        accounts.reset_wachtzin(team_ws, team_ws.session.account_id)


# --- deactivation ---------------------------------------------------------------

def test_deactivated_account_cannot_open_even_with_old_passphrase_or_old_keyslots(team_ws, data_dir, tmp_path):
    _put_marker(team_ws)
    prof = team_ws.test_ids["prof"]
    old_copy = tmp_path / "oude-keyslots.json"
    shutil.copy(data_dir / SLOTS_NAME, old_copy)
    old_slots = keyslots.read_keyslots(old_copy)
    old_key = keyslots.unlock_slot(old_slots.workspace_id, old_slots.find("prof"), PROF_PW)[old_slots.generation]

    generation = accounts.deactiveer(team_ws, prof)
    assert generation == old_slots.generation + 1
    assert keyslots.read_keyslots(data_dir / SLOTS_NAME).find("prof") is None
    assert [r[0] for r in team_ws.db.conn.execute("SELECT actie FROM audit ORDER BY id DESC LIMIT 2")] == [
        "sleutel_vernieuwen", "account_deactiveren"]
    team_ws.close()

    with pytest.raises(WrongPassphrase) as info:
        Workspace.open(data_dir, "prof", PROF_PW)
    assert str(info.value) == "De combinatie van naam en wachtzin klopt niet."

    # With a saved copy of the OLD keyslots.json the old key still unwraps — but no longer opens the database.
    current = data_dir / SLOTS_NAME
    shutil.copy(current, tmp_path / "nieuw.json")
    shutil.copy(old_copy, current)
    with pytest.raises(WorkspaceCorrupt):
        Workspace.open(data_dir, "prof", PROF_PW)
    with pytest.raises(WrongPassphraseOrCorrupt):
        open_encrypted(data_dir / DB_NAME, old_key)
    shutil.copy(tmp_path / "nieuw.json", current)

    # everybody else keeps working, data intact
    for user, pw in (("tester", PASSPHRASE), ("af", AF_PW), ("beh2", BEH2_PW)):
        session, marker, gen = _open_and_close(data_dir, user, pw)
        assert marker == f'"{MARKER}"' and gen == generation


def test_deactivate_guards(team_ws):
    with pytest.raises(UserError, match="eigen account"):
        accounts.deactiveer(team_ws, team_ws.session.account_id)
    accounts.deactiveer(team_ws, team_ws.test_ids["beh2"])
    with pytest.raises(UserError, match="al gedeactiveerd"):
        accounts.deactiveer(team_ws, team_ws.test_ids["beh2"])
    from ghnt_desktop.domain.roles import Rol

    with pytest.raises(ValidationError, match="laatste beheerder"):
        accounts.wijzig_account(team_ws, team_ws.session.account_id, rollen=frozenset({Rol.PROFESSIONAL}))
    with pytest.raises(UserError, match="gedeactiveerd"):
        accounts.reset_wachtzin(team_ws, team_ws.test_ids["beh2"])
    names = {a.login for a in accounts.lijst(team_ws)}
    assert "beh2" not in names
    assert "beh2" in {a.login for a in accounts.lijst(team_ws, ook_inactief=True)}


def test_deactivation_cut_off_before_rotation_is_finished_at_next_login(team_ws, data_dir, tmp_path, monkeypatch):
    """The account is marked inactive but the app stops before the key rotation: the next login rotates."""
    prof = team_ws.test_ids["prof"]
    shutil.copy(data_dir / SLOTS_NAME, tmp_path / "oud.json")

    def crash(*a, **k):
        raise KeyboardInterrupt("stroom weg")

    monkeypatch.setattr(team_ws, "rotate_db_key", crash)
    with pytest.raises(KeyboardInterrupt):
        accounts.deactiveer(team_ws, prof)
    team_ws.close()
    assert keyslots.read_keyslots(data_dir / SLOTS_NAME).find("prof") is not None  # slot still there
    with pytest.raises(WrongPassphrase, match="niet \\(meer\\) actief"):
        Workspace.open(data_dir, "prof", PROF_PW)
    ws = login(data_dir, "tester", PASSPHRASE)  # finishes the job
    try:
        assert not ws.key_maintenance_needed()
        assert ws.db.conn.execute("SELECT resultaat FROM audit ORDER BY id DESC LIMIT 1").fetchone()[0] == "hersteld"
    finally:
        ws.close()
    assert keyslots.read_keyslots(data_dir / SLOTS_NAME).find("prof") is None
    shutil.copy(tmp_path / "oud.json", data_dir / SLOTS_NAME)
    with pytest.raises(WorkspaceError):
        Workspace.open(data_dir, "prof", PROF_PW)


# --- rotation ---------------------------------------------------------------------

def test_rotation_keeps_all_active_accounts_working_and_data_intact(team_ws, data_dir):
    _put_marker(team_ws)
    slots = keyslots.read_keyslots(data_dir / SLOTS_NAME)
    old_key = team_ws.current_db_keys()[slots.generation]
    gen = accounts.vernieuw_sleutel(team_ws)
    assert gen == slots.generation + 1 and team_ws.db_generation == gen
    new_slots = keyslots.read_keyslots(data_dir / SLOTS_NAME)
    assert new_slots.generation == gen and not new_slots.rotation_pending
    assert {s.login for s in new_slots.slots} == {"tester", "prof", "af", "beh2"}
    new_key = team_ws.current_db_keys()[gen]
    assert new_key != old_key
    # the live connection keeps working, in WAL mode, after the rekey
    assert team_ws.db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    team_ws.audit("bekijken", "dossier", 1)
    team_ws.close()
    raw = (data_dir / SLOTS_NAME).read_bytes()
    assert new_key.hex().encode() not in raw and old_key.hex().encode() not in raw
    assert not (data_dir / DB_NAME).read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(WrongPassphraseOrCorrupt):
        open_encrypted(data_dir / DB_NAME, old_key)
    for user, pw in (("tester", PASSPHRASE), ("prof", PROF_PW), ("af", AF_PW), ("beh2", BEH2_PW)):
        session, marker, g = _open_and_close(data_dir, user, pw)
        assert marker == f'"{MARKER}"' and g == gen
    ws = Workspace.open(data_dir, "tester", PASSPHRASE)
    try:
        from ghnt_desktop.services.integrity import check_workspace

        assert check_workspace(ws) == []
    finally:
        ws.close()


class _Crash(BaseException):
    pass


@pytest.mark.parametrize("step", ["dubbel", "rekey"])
def test_interrupted_rotation_still_opens_and_is_finished_at_login(team_ws, data_dir, step):
    _put_marker(team_ws)
    start_gen = team_ws.db_generation

    def hook(s):
        if s == step:
            raise _Crash(s)

    with pytest.raises(_Crash):
        team_ws.rotate_db_key(_after_step=hook)
    team_ws.close()
    slots = keyslots.read_keyslots(data_dir / SLOTS_NAME)
    assert slots.rotation_pending and slots.generation == start_gen + 1
    expected_open_gen = start_gen if step == "dubbel" else start_gen + 1
    for user, pw in (("tester", PASSPHRASE), ("prof", PROF_PW), ("af", AF_PW)):
        session, marker, g = _open_and_close(data_dir, user, pw)
        assert marker == f'"{MARKER}"' and g == expected_open_gen
    ws = login(data_dir, "af", AF_PW)  # any account finishes it
    try:
        assert not ws.key_maintenance_needed()
        final_gen = ws.db_generation
    finally:
        ws.close()
    slots = keyslots.read_keyslots(data_dir / SLOTS_NAME)
    assert not slots.rotation_pending and slots.generation == final_gen
    assert final_gen == (start_gen + 2 if step == "dubbel" else start_gen + 1)
    for user, pw in (("tester", PASSPHRASE), ("prof", PROF_PW), ("beh2", BEH2_PW)):
        assert _open_and_close(data_dir, user, pw)[1] == f'"{MARKER}"'


@pytest.mark.parametrize("step", ["dubbel", "rekey"])
def test_rotation_killed_in_another_process_still_opens(team_ws, data_dir, step):
    """A real process death (no cleanup, lock released by the OS) at each step of the rotation."""
    _put_marker(team_ws)
    team_ws.close()
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        from ghnt_desktop.storage.workspace import Workspace
        ws = Workspace.open({str(data_dir)!r}, "tester", {PASSPHRASE!r})
        def hook(s):
            if s == {step!r}:
                os._exit(137)
        ws.rotate_db_key(_after_step=hook)
        os._exit(0)
    """)
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert r.returncode == 137, r.stderr
    ws = login(data_dir, "prof", PROF_PW)
    try:
        assert _marker(ws) == f'"{MARKER}"'
        assert not ws.key_maintenance_needed()
    finally:
        ws.close()
    assert _open_and_close(data_dir, "tester", PASSPHRASE)[1] == f'"{MARKER}"'


def test_rotation_refuses_to_leave_nobody(workspace):
    with pytest.raises(WorkspaceError, match="minstens één actief account"):
        workspace.rotate_db_key(remove_account_ids={workspace.session.account_id})
    assert not workspace.key_maintenance_needed()


# --- primitives ----------------------------------------------------------------------

def test_rewrap_with_wrong_passphrase_is_refused():
    slot = keyslots.make_slot("ws", "acc", "x", "goede wachtzin 123", {1: keyslots.new_db_key()})
    with pytest.raises(WrongPassphrase):
        keyslots.rewrap("ws", slot, "foute wachtzin 123", "nieuwe wachtzin 456")
    new = keyslots.rewrap("ws", slot, "goede wachtzin 123", "nieuwe wachtzin 456")
    assert keyslots.unlock_slot("ws", new, "nieuwe wachtzin 456") == keyslots.unlock_slot("ws", slot, "goede wachtzin 123")


def test_one_time_passphrases_are_random_and_unambiguous():
    seen = {keyslots.one_time_passphrase() for _ in range(200)}
    assert len(seen) == 200
    for otp in seen:
        assert len(otp) == 24 and not set(otp) & set("01ilo")
