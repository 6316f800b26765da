"""Helpers for the security tests: extra accounts, acting as another account, driving modal dialogs."""
from __future__ import annotations

from dataclasses import replace

import pytest

from ghnt_desktop.domain.roles import Rol
from ghnt_desktop.storage.workspace import Session

PROF_PW = "rode peer schuurt zachtjes 7"
AF_PW = "blauwe kano drijft traag 19"
BEH2_PW = "gele tram rijdt om acht 3"


@pytest.fixture
def team_ws(workspace):
    """The conftest workspace (tester = beheerder) plus a professional, an AF and a second beheerder."""
    from ghnt_desktop.services import accounts, teams

    team = teams.maak_team(workspace, "Wijkteam Oost", "wijkteam", ["GM0479"])
    ids = {"tester": workspace.session.account_id}
    for login, naam, pw, rol in (("prof", "Priya Prof", PROF_PW, Rol.PROFESSIONAL),
                                 ("af", "Anouk AF", AF_PW, Rol.AANDACHTSFUNCTIONARIS),
                                 ("beh2", "Bert Beheer", BEH2_PW, Rol.BEHEERDER)):
        ids[login] = accounts.maak_account(workspace, login=login, naam=naam, passphrase=pw,
                                           rollen=frozenset({rol}), team_ids=frozenset({team}))
    workspace.test_ids = ids
    workspace.test_team = team
    return workspace


def act_as(ws, account_id: str, rollen) -> Session:
    """Switch the session of an open workspace to another (real) account — for service-level tests."""
    row = ws.db.conn.execute("SELECT login, naam FROM account WHERE id = ?", [account_id]).fetchone()
    old = ws.session
    ws.session = replace(old, account_id=account_id, login=row[0], naam=row[1], rollen=frozenset(rollen))
    return old


def last_audit(ws, n: int = 1) -> list[tuple]:
    rows = ws.db.conn.execute(
        "SELECT actie, object_type, object_id, resultaat, actor_id FROM audit ORDER BY id DESC LIMIT ?", [n]).fetchall()
    return [tuple(r) for r in rows]


@pytest.fixture
def drive_modals(qtbot):
    """drive_modals(h1, h2, ...): each handler gets the next modal dialog that appears, in order."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    timers = []
    errors = []

    def start(*handlers):
        queue = list(handlers)
        seen = set()
        timer = QTimer()
        timer.setInterval(20)

        def tick():
            w = QApplication.activeModalWidget()
            if w is None or id(w) in seen or not w.isVisible() or not queue:
                if not queue:
                    timer.stop()
                return
            seen.add(id(w))
            handler = queue.pop(0)
            try:
                handler(w)
            except Exception as exc:  # surface in the test, and do not leave a modal open
                errors.append(exc)
                w.close()

        timer.timeout.connect(tick)
        timer.start()
        timers.append((timer, queue))
        return queue

    yield start
    for timer, _ in timers:
        timer.stop()
    if errors:
        raise errors[0]


def click_button(dialog, text: str) -> None:
    """Click the button whose text (without '&') is ``text`` in a dialog or message box."""
    from PySide6.QtWidgets import QAbstractButton

    for b in dialog.findChildren(QAbstractButton):
        if b.text().replace("&", "") == text:
            b.click()
            return
    raise AssertionError(f"no button {text!r} in {dialog.windowTitle()!r}: "
                         f"{[b.text() for b in dialog.findChildren(QAbstractButton)]}")
