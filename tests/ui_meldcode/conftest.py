"""Fixtures for the meldcode screens: a workspace with professional + aandachtsfunctionaris roles."""
from __future__ import annotations

import pytest

from tests.conftest import PASSPHRASE

@pytest.fixture
def app():
    from ghnt_desktop.ui.app import make_app

    return make_app()


@pytest.fixture
def mc_data_dir(tmp_path):
    return tmp_path / "mc"


@pytest.fixture
def mc_ws(mc_data_dir):
    """Workspace whose only account ("pro", Pia Prof) is professional and aandachtsfunctionaris."""
    from ghnt_desktop.domain.roles import Rol
    from ghnt_desktop.services.setup import create_workspace

    ws = create_workspace(mc_data_dir, organisatie="Wijkteam Test", gemeenten=[("GM0479", "Zaanstad"),
                                                                               ("GM0439", "Purmerend")],
                          login="pro", naam="Pia Prof", passphrase=PASSPHRASE,
                          rollen=frozenset({Rol.PROFESSIONAL, Rol.AANDACHTSFUNCTIONARIS}), check_passphrase=False)
    yield ws
    try:
        ws.close()
    except Exception:
        pass

