"""Fixtures for the meldcode tests: a workspace of one professional (+ AF) and demo logins."""
from __future__ import annotations

import pytest

from tests.conftest import PASSPHRASE


@pytest.fixture
def prof_ws(data_dir):
    """A workspace whose only account is a professional and aandachtsfunctionaris (no team)."""
    from ghnt_desktop.domain.roles import Rol
    from ghnt_desktop.services.setup import create_workspace

    ws = create_workspace(data_dir, organisatie="Testteam (fictief)",
                          gemeenten=[("GM0479", "Zaanstad"), ("GM0439", "Purmerend")], login="tester",
                          naam="Test Persoon", passphrase=PASSPHRASE,
                          rollen=frozenset({Rol.PROFESSIONAL, Rol.AANDACHTSFUNCTIONARIS}))
    yield ws
    ws.close()


@pytest.fixture
def open_als(demo_dir):
    """``open_als("professional")`` -> an open workspace on a fresh demo copy (closed afterwards)."""
    from ghnt_desktop.services.login import login

    geopend = []

    def open_(naam: str):
        for ws in geopend:
            ws.close()
        geopend.clear()
        ws = login(demo_dir, naam, "demo")
        geopend.append(ws)
        return ws

    yield open_
    for ws in geopend:
        ws.close()
