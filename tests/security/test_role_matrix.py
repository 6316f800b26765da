"""Role × action: domain.roles.mag against an explicit table, and the services that really refuse (and audit).

Changing roles.py without updating EXPECTED below makes this file fail — on purpose.
"""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from ghnt_desktop.domain.retention import RecordType
from ghnt_desktop.domain.roles import Actie, Rol, mag
from ghnt_desktop.errors import PermissionDenied, UserError
from tests.security.conftest import act_as, last_audit

P, AF, M, B = Rol.PROFESSIONAL, Rol.AANDACHTSFUNCTIONARIS, Rol.MANAGER, Rol.BEHEERDER
COLUMNS = (P, AF, M, B)

# action                          professional  aandachtsfunctionaris  manager  beheerder
EXPECTED_TABLE = """
dossier_maken                     x  x  .  .
dossier_eigen                     x  x  .  .
dossier_team                      .  x  .  .
dossier_exporteren                x  x  .  .
besluit_medeondertekenen          .  x  .  .
dossier_inzagelog                 .  x  .  x
zelfscan_eigen_team               x  x  x  .
zelfscan_alle                     .  .  x  .
zelfscan_vaststellen              .  .  x  .
zelfscan_uitwisselen              .  .  x  .
plan_inzien                       .  .  x  .
plan_wijzigen                     .  .  x  .
plan_vaststellen                  .  .  x  .
cijfers_inzien                    .  .  x  .
accounts_beheren                  .  .  .  x
catalogus_beheren                 .  .  .  x
backups_beheren                   .  .  .  x
bewaartermijn_beheren             .  .  .  x
bewaartermijn_bevestigen_af       .  x  .  .
audit_inzien                      .  .  .  x
instellingen_beheren              .  .  .  x
teams_beheren                     .  .  x  x
"""


def _parse(table: str) -> dict[tuple[Rol, Actie], bool]:
    out = {}
    for line in table.strip().splitlines():
        name, *marks = line.split()
        assert len(marks) == len(COLUMNS), line
        for rol, mark in zip(COLUMNS, marks):
            assert mark in "x.", line
            out[(rol, Actie(name))] = mark == "x"
    return out


EXPECTED = _parse(EXPECTED_TABLE)


def test_table_covers_every_role_and_action_exactly_once():
    names = [line.split()[0] for line in EXPECTED_TABLE.strip().splitlines()]
    assert len(names) == len(set(names))
    assert set(names) == {a.value for a in Actie}
    assert set(COLUMNS) == set(Rol)


@pytest.mark.parametrize("rol", list(Rol), ids=str)
@pytest.mark.parametrize("actie", list(Actie), ids=str)
def test_mag_matches_expected_table(rol, actie):
    assert mag(frozenset({rol}), actie) is EXPECTED[(rol, actie)]


def test_no_role_outside_professional_and_af_touches_case_content():
    from ghnt_desktop.domain.roles import CASE_CONTENT

    for actie in CASE_CONTENT:
        for rol in (M, B):
            assert not EXPECTED[(rol, actie)], (rol, actie)


# --- the services of this package actually refuse --------------------------------------

PROEF = RecordType("proef_matrix", "Proefgegevens", 1, 1, 5, "na afsluiten", "Alleen voor tests.")


@pytest.fixture
def proef_type(monkeypatch):
    from ghnt_desktop.services import retention

    monkeypatch.setitem(retention._EXTRA_SOORTEN, PROEF.key, PROEF)
    monkeypatch.setitem(retention._VERWIJDERAARS, PROEF.key, lambda ws, rid: None)


# name, needed action(s) (any of them allows), call(ws, ids)
def _calls():
    from ghnt_desktop.services import accounts, logboek, retention, settings

    vandaag = date.today()
    return [
        ("accounts.lijst", (Actie.ACCOUNTS_BEHEREN,), lambda ws, ids: accounts.lijst(ws)),
        ("accounts.teams", (Actie.ACCOUNTS_BEHEREN,), lambda ws, ids: accounts.teams(ws)),
        ("accounts.maak_account", (Actie.ACCOUNTS_BEHEREN,), lambda ws, ids: accounts.maak_account(
            ws, login="nieuw", naam="Nieuw", passphrase="lange goede wachtzin 99", rollen=frozenset({P}))),
        ("accounts.wijzig_account", (Actie.ACCOUNTS_BEHEREN,),
         lambda ws, ids: accounts.wijzig_account(ws, ids["prof"], naam="Andere naam")),
        ("accounts.reset_wachtzin", (Actie.ACCOUNTS_BEHEREN,), lambda ws, ids: accounts.reset_wachtzin(ws, ids["prof"])),
        ("accounts.deactiveer", (Actie.ACCOUNTS_BEHEREN,), lambda ws, ids: accounts.deactiveer(ws, ids["prof"])),
        ("accounts.vernieuw_sleutel", (Actie.ACCOUNTS_BEHEREN,), lambda ws, ids: accounts.vernieuw_sleutel(ws)),
        ("settings.zet", (Actie.INSTELLINGEN_BEHEREN,), lambda ws, ids: settings.zet(ws, "autolock_minuten", 9)),
        ("settings.herstel_standaard", (Actie.INSTELLINGEN_BEHEREN,),
         lambda ws, ids: settings.herstel_standaard(ws, "autolock_minuten")),
        ("retention.stel_termijn_in", (Actie.BEWAARTERMIJN_BEHEREN,),
         lambda ws, ids: retention.stel_termijn_in(ws, "meldcode_dossier", 25)),
        ("retention.juridische_blokkade", (Actie.BEWAARTERMIJN_BEHEREN,),
         lambda ws, ids: retention.juridische_blokkade(ws, PROEF.key, "1", aan=True, reden="rechtszaak")),
        ("retention.verlopen_items", (Actie.BEWAARTERMIJN_BEHEREN, Actie.BEWAARTERMIJN_BEVESTIGEN_AF),
         lambda ws, ids: retention.verlopen_items(ws, vandaag)),
        ("retention.bevestig_verwijdering", (Actie.BEWAARTERMIJN_BEHEREN, Actie.BEWAARTERMIJN_BEVESTIGEN_AF),
         lambda ws, ids: retention.bevestig_verwijdering(ws, PROEF.key, "1", vandaag=vandaag)),
        ("retention.vroegtijdig_vernietigen", (Actie.BEWAARTERMIJN_BEHEREN, Actie.BEWAARTERMIJN_BEVESTIGEN_AF),
         lambda ws, ids: retention.vroegtijdig_vernietigen(ws, PROEF.key, "2", "verzoek", vandaag=vandaag)),
        ("retention.trek_verzoek_in", (Actie.BEWAARTERMIJN_BEHEREN, Actie.BEWAARTERMIJN_BEVESTIGEN_AF),
         lambda ws, ids: retention.trek_verzoek_in(ws, PROEF.key, "1")),
        ("logboek.logboek", (Actie.AUDIT_INZIEN,), lambda ws, ids: logboek.logboek(ws)),
        ("logboek.filterkeuzes", (Actie.AUDIT_INZIEN,), lambda ws, ids: logboek.filterkeuzes(ws)),
        ("logboek.wie_heeft_ingezien", (Actie.DOSSIER_INZAGELOG,),
         lambda ws, ids: logboek.wie_heeft_ingezien(ws, "meldcode_dossier", "42")),
    ]


CALL_NAMES = [c[0] for c in _calls()]


@pytest.mark.parametrize("rol", list(Rol), ids=str)
@pytest.mark.parametrize("name", CALL_NAMES)
def test_service_refuses_and_audits_exactly_per_matrix(team_ws, proef_type, rol, name):
    from ghnt_desktop.services import retention

    _, acties, call = next(c for c in _calls() if c[0] == name)
    ids = team_ws.test_ids
    # something to act on for the retention calls: record 1 is past its period
    retention.start_termijn(team_ws, PROEF.key, "1", date.today() - timedelta(days=800))
    # act as the second beheerder account with only this role (so 'tester' stays a beheerder to deactivate others)
    act_as(team_ws, ids["beh2"], {rol})
    allowed = any(EXPECTED[(rol, a)] for a in acties)
    n_before = team_ws.db.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    if allowed:
        try:
            call(team_ws, ids)
        except PermissionDenied:  # pragma: no cover - the assertion below explains
            pytest.fail(f"{name} refused {rol} although the matrix allows it")
        except UserError:
            pass  # a rule of the use case itself (e.g. 'nothing to confirm'), not authorization
    else:
        with pytest.raises(PermissionDenied) as info:
            call(team_ws, ids)
        assert "mag je niet" in str(info.value)
        actie, _, _, resultaat, actor = last_audit(team_ws)[0]
        assert actie == f"geweigerd:{acties[0].value}" and resultaat == "geweigerd" and actor == ids["beh2"]
        assert team_ws.db.conn.execute("SELECT count(*) FROM audit").fetchone()[0] == n_before + 1


def test_every_role_may_change_its_own_passphrase_and_read_settings(team_ws):
    from ghnt_desktop.services import accounts, settings
    from tests.security.conftest import AF_PW

    act_as(team_ws, team_ws.test_ids["af"], {AF})
    assert settings.haal(team_ws, "autolock_minuten") == 5
    accounts.wijzig_wachtzin(team_ws, AF_PW, "zeven blauwe vogels zingen hard")
    assert last_audit(team_ws)[0][:4] == ("wachtzin_wijzigen", "account", team_ws.test_ids["af"], "ok")


def test_refusal_through_a_real_login(team_ws, data_dir):
    """Not only a swapped session: a professional who really logged in is refused and audited."""
    from ghnt_desktop.services import accounts
    from ghnt_desktop.services.login import login
    from tests.security.conftest import PROF_PW

    team_ws.close()
    ws = login(data_dir, "prof", PROF_PW)
    try:
        with pytest.raises(PermissionDenied):
            accounts.vernieuw_sleutel(ws)
        assert last_audit(ws)[0][0] == "geweigerd:accounts_beheren"
        assert ws.read_slots().generation == 1  # nothing rotated
    finally:
        ws.close()
