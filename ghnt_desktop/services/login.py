"""Unlocking the workspace: audit of logins and failed unlocks, and slowing down guessing.

A failed unlock cannot be written to the encrypted database (no key yet), so it
is kept in ``mislukte-pogingen.json`` (times only, no passphrase, no login name —
people sometimes type their passphrase in the name field — and no case data)
and moved into the audit trail at the next successful unlock. The same file
drives the delay after repeated failures, also across restarts.

After a successful login :func:`login` also finishes key work that was cut off
(an interrupted key rotation, or a deactivation whose rotation did not run), so
a deactivated account's old key stops working at the latest at the next start.

``ws.session.must_change`` is True after a beheerder issued a one-time
passphrase: the UI must then show ``ui.change_passphrase_dialog.ensure_passphrase_changed``
before anything else.
"""
from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ghnt_desktop.errors import WrongPassphrase
from ghnt_desktop.storage import audit
from ghnt_desktop.storage.files import atomic_write
from ghnt_desktop.storage.layout import FAILURES_NAME
from ghnt_desktop.storage.workspace import Workspace

log = logging.getLogger("ghnt.login")

FREE_ATTEMPTS = 3
MAX_DELAY_S = 30.0


@dataclass(frozen=True)
class Failures:
    times: tuple[float, ...]

    def delay(self) -> float:
        """Seconds to wait before the next attempt: 0 for the first few, then doubling."""
        n = len(self.times) - FREE_ATTEMPTS
        return 0.0 if n < 0 else min(MAX_DELAY_S, 2.0 ** n)


def read_failures(data_dir: Path) -> Failures:
    try:
        doc = json.loads((Path(data_dir) / FAILURES_NAME).read_text(encoding="utf-8"))
        return Failures(tuple(float(t) for t in doc.get("tijden", [])[-100:]))
    except (OSError, ValueError, TypeError, AttributeError):
        return Failures(())


def _write_failures(data_dir: Path, f: Failures) -> None:
    try:
        atomic_write(Path(data_dir) / FAILURES_NAME, json.dumps({"tijden": list(f.times)}).encode())
    except Exception:  # never let bookkeeping hide the real answer
        pass


def wait_before_attempt(data_dir: Path, *, sleep: Callable[[float], object] = time.sleep) -> float:
    f = read_failures(data_dir)
    if not f.times:
        return 0.0
    remaining = f.delay() - (time.time() - f.times[-1])
    if remaining > 0:
        sleep(remaining)
        return remaining
    return 0.0


def record_failure(data_dir: Path, *, now: float | None = None) -> Failures:
    """Remember one failed attempt (time only). Returns the updated list."""
    f = read_failures(data_dir)
    f = Failures(f.times + (time.time() if now is None else now,))
    _write_failures(data_dir, f)
    return f


def login(data_dir: Path, user: str, passphrase: str, *, kek: bytes | None = None,
          sleep: Callable[[float], object] = time.sleep,
          repair_keys: bool = True) -> Workspace:
    data_dir = Path(data_dir)
    wait_before_attempt(data_dir, sleep=sleep)
    try:
        ws = Workspace.open(data_dir, user, passphrase, kek=kek)
    except WrongPassphrase:
        record_failure(data_dir)
        raise
    try:
        failures = read_failures(data_dir)
        with audit.savepoint(ws.db):  # before sqlite-utils is loaded (fast start-up); see storage.audit
            for t in failures.times:
                audit.record(ws.db, actie="ontgrendelen_mislukt", object_type="werkruimte",
                             object_id=ws.workspace_id, resultaat="geweigerd", actor_id=None)
            ws.audit("inloggen", "account", ws.session.account_id)
        if failures.times:
            try:
                (data_dir / FAILURES_NAME).unlink()
            except OSError:
                pass
        if repair_keys:
            finish_key_work(ws)
    except BaseException:
        ws.close()
        raise
    return ws


def finish_key_work(ws: Workspace) -> None:
    """Finish an interrupted key rotation or deactivation, if there is one (see the module text)."""
    if not os.access(ws.data_dir, os.W_OK):
        return
    try:
        if not ws.key_maintenance_needed():  # checked first: the accounts code is only loaded when needed
            return
        from ghnt_desktop.services.accounts import herstel_sleutels

        if herstel_sleutels(ws) is not None:
            log.info("onderbroken sleutelvernieuwing afgerond")
    except Exception as exc:  # the workspace still opens; try again at the next login
        log.warning("sleutelvernieuwing afronden lukte niet: %s", type(exc).__name__)


def record_lock(ws: Workspace) -> None:
    ws.audit("vergrendelen", "account", ws.session.account_id)


def verify_passphrase(ws: Workspace, passphrase: str, *, sleep: Callable[[float], object] = time.sleep) -> None:
    """Unlock after a lock: check the passphrase against this account's key slot."""
    from ghnt_desktop.storage import keyslots
    from ghnt_desktop.storage.workspace import SLOTS_NAME

    wait_before_attempt(ws.data_dir, sleep=sleep)
    slots = keyslots.read_keyslots(ws.data_dir / SLOTS_NAME)
    slot = slots.find(ws.session.login)
    try:
        if slot is None:
            raise WrongPassphrase("Dit account kan de werkruimte niet meer openen.")
        keyslots.unlock_slot(slots.workspace_id, slot, passphrase)
    except WrongPassphrase:
        record_failure(ws.data_dir)
        ws.audit("ontgrendelen_mislukt", "account", ws.session.account_id, resultaat="geweigerd")
        raise
    ws.audit("ontgrendelen", "account", ws.session.account_id)
    try:
        (ws.data_dir / FAILURES_NAME).unlink()
    except OSError:
        pass
