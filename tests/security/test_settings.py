"""Typed settings: declared keys, defaults, limits, authorization, audit."""
from __future__ import annotations

import pytest

from ghnt_desktop.domain.roles import Rol
from ghnt_desktop.errors import PermissionDenied, ValidationError
from ghnt_desktop.services import settings
from tests.security.conftest import act_as, last_audit


def test_declared_settings():
    reg = settings.registry()
    a = reg["autolock_minuten"]
    assert (a.type, a.default, a.min, a.max) == (int, 5, 1, 30)
    assert (reg["inactief_weken"].type, reg["inactief_weken"].default) == (int, 6)
    assert (reg["vt_terugkoppeling_werkdagen"].type, reg["vt_terugkoppeling_werkdagen"].default) == (int, 5)
    for s in reg.values():
        assert s.problemen(s.default) == [], s.key


def test_defaults_set_and_read_back_with_audit(workspace):
    assert settings.haal(workspace, "autolock_minuten") == 5 and settings.is_standaard(workspace, "autolock_minuten")
    settings.zet(workspace, "autolock_minuten", 12)
    assert settings.haal(workspace, "autolock_minuten") == 12 and not settings.is_standaard(workspace, "autolock_minuten")
    assert last_audit(workspace)[0][:4] == ("instelling_wijzigen", "instelling", "autolock_minuten", "ok")
    settings.herstel_standaard(workspace, "autolock_minuten")
    assert settings.haal(workspace, "autolock_minuten") == 5


@pytest.mark.parametrize("value,fragment", [(0, "minimaal 1"), (31, "maximaal 30"), ("7", "heel getal"),
                                            (True, "heel getal"), (7.5, "heel getal")])
def test_out_of_range_or_wrong_type_is_refused_and_not_stored(workspace, value, fragment):
    with pytest.raises(ValidationError) as info:
        settings.zet(workspace, "autolock_minuten", value)
    assert fragment in str(info.value)
    assert settings.is_standaard(workspace, "autolock_minuten")


def test_a_bad_stored_value_falls_back_to_the_default(workspace):
    with workspace.db.atomic():
        workspace.db.conn.execute("INSERT INTO instelling VALUES ('autolock_minuten', '999')")
        workspace.db.conn.execute("INSERT INTO instelling VALUES ('inactief_weken', '{kapot')")
    assert settings.haal(workspace, "autolock_minuten") == 5
    assert settings.haal(workspace, "inactief_weken") == 6


def test_only_the_beheerder_may_change(team_ws):
    act_as(team_ws, team_ws.test_ids["af"], {Rol.AANDACHTSFUNCTIONARIS})
    assert settings.haal(team_ws, "autolock_minuten") == 5  # reading is fine
    with pytest.raises(PermissionDenied):
        settings.zet(team_ws, "autolock_minuten", 10)
    assert last_audit(team_ws)[0][:4] == ("geweigerd:instellingen_beheren", "instelling", "autolock_minuten",
                                          "geweigerd")
    assert settings.haal(team_ws, "autolock_minuten") == 5


def test_unknown_key_and_conflicting_declaration():
    with pytest.raises(KeyError):
        settings.declaratie("bestaat_niet")
    with pytest.raises(ValueError):
        settings.registreer(settings.Setting("autolock_minuten", int, 5, 1, 60))
    with pytest.raises(ValueError):
        settings.registreer(settings.Setting("proef_fout_standaard", int, 99, 1, 10))
