"""Teams and the gemeenten of a workspace, through the services, from an empty workspace (no demo builder)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from ghnt_desktop.domain.roles import Rol
from ghnt_desktop.errors import PermissionDenied, UserError, ValidationError
from ghnt_desktop.services import accounts, organisatie, teams
from tests.meldcode.helpers import nieuw_dossier
from tests.security.conftest import act_as, last_audit


def test_create_team_validates_name_kind_and_gemeenten(workspace):
    with pytest.raises(ValidationError) as exc:
        teams.maak_team(workspace, " ", "onbekend", [])
    text = str(exc.value)
    assert "naam van het team" in text and "soort team" in text and "minstens één gemeente" in text
    with pytest.raises(ValidationError, match="Niet in de werkruimte: GM0439"):
        teams.maak_team(workspace, "Wijkteam Purmerend", "wijkteam", ["GM0439"])
    tid = teams.maak_team(workspace, "Wijkteam Zaandam-Noord", "gebiedsteam", ["GM0479"])
    with pytest.raises(ValidationError, match="al een team met deze naam"):
        teams.maak_team(workspace, "wijkteam zaandam-noord", "wijkteam", ["GM0479"])
    t = teams.team(workspace, tid)
    assert (t.naam, t.soort, t.soort_label, t.gemeenten, t.actief) == (
        "Wijkteam Zaandam-Noord", "gebiedsteam", "Gebiedsteam", ("GM0479",), True)
    assert last_audit(workspace)[0][:3] == ("team_aanmaken", "team", str(tid))


def test_rename_change_gemeenten_and_members(workspace):
    organisatie.voeg_gemeente_toe(workspace, "Oostzaan")
    tid = teams.maak_team(workspace, "Sociaal team", "sociaal_team", ["GM0479"])
    prof = accounts.maak_account(workspace, login="prof", naam="Pim Prof", passphrase="x", rollen=frozenset(
        {Rol.PROFESSIONAL}), check_passphrase=False)
    teams.wijzig_team(workspace, tid, naam="Sociaal team Oostzaan", gemeenten=["GM0431", "GM0479"])
    teams.zet_leden(workspace, tid, {prof})
    t = teams.zoek(workspace, "SOCIAAL TEAM OOSTZAAN")
    assert t.id == tid and t.gemeenten == ("GM0431", "GM0479") and t.leden == {prof}
    assert next(a for a in accounts.lijst(workspace) if a.id == prof).team_ids == {tid}
    teams.zet_leden(workspace, tid, set())
    assert teams.team(workspace, tid).leden == frozenset()


def test_team_with_data_is_archived_never_deleted_and_keeps_its_history(workspace):
    tid = teams.maak_team(workspace, "Wijkteam Oost", "wijkteam", ["GM0479"])
    prof = accounts.maak_account(workspace, login="prof", naam="Pim Prof", passphrase="x",
                                 rollen=frozenset({Rol.PROFESSIONAL}), team_ids=frozenset({tid}),
                                 check_passphrase=False)
    old = act_as(workspace, prof, {Rol.PROFESSIONAL})
    workspace.session = replace(workspace.session, team_ids=frozenset({tid}))
    dossier_id = nieuw_dossier(workspace, "ZW-ARCH-1")
    workspace.session = old
    assert teams.team(workspace, tid).heeft_gegevens
    with pytest.raises(UserError, match="nooit verwijderd"):
        teams.verwijder(workspace, tid)
    teams.archiveer(workspace, tid)
    assert [t.id for t in teams.lijst(workspace)] == []
    archived = teams.lijst(workspace, ook_gearchiveerd=True)
    assert [(t.id, t.actief) for t in archived] == [(tid, False)] and archived[0].gearchiveerd_op
    assert accounts.teams(workspace) == []  # out of the pick list for accounts
    # nothing lost: the dossier, its team and the membership are still there
    assert workspace.db.conn.execute("SELECT team_id FROM meldcode_dossier WHERE id = ?",
                                     [dossier_id]).fetchone()[0] == tid
    assert archived[0].leden == {prof}
    with pytest.raises(UserError, match="gearchiveerd"):
        teams.wijzig_team(workspace, tid, naam="Nieuw")
    teams.zet_terug(workspace, tid)
    assert [t.id for t in teams.lijst(workspace)] == [tid]


def test_empty_team_can_be_deleted(workspace):
    tid = teams.maak_team(workspace, "Tikfout team", "overig", ["GM0479"])
    teams.verwijder(workspace, tid)
    assert teams.lijst(workspace, ook_gearchiveerd=True) == []
    assert last_audit(workspace)[0][:2] == ("team_verwijderen", "team")


def test_professional_may_not_manage_teams_and_the_refusal_is_audited(workspace):
    prof = accounts.maak_account(workspace, login="prof", naam="Pim Prof", passphrase="x",
                                 rollen=frozenset({Rol.PROFESSIONAL}), check_passphrase=False)
    act_as(workspace, prof, {Rol.PROFESSIONAL})
    with pytest.raises(PermissionDenied):
        teams.maak_team(workspace, "Eigen team", "wijkteam", ["GM0479"])
    assert last_audit(workspace)[0][3] == "geweigerd"
    with pytest.raises(PermissionDenied):
        organisatie.voeg_gemeente_toe(workspace, "Oostzaan")


def test_workspace_gemeenten_add_and_remove_only_while_unused(workspace):
    assert organisatie.voeg_gemeente_toe(workspace, "GM0431") == ("GM0431", "Oostzaan")
    with pytest.raises(UserError, match="hoort al bij"):
        organisatie.voeg_gemeente_toe(workspace, "oostzaan")
    with pytest.raises(ValidationError, match="Geen \\(huidige\\) gemeente"):
        organisatie.voeg_gemeente_toe(workspace, "Atlantis")
    teams.maak_team(workspace, "Wijkteam Oostzaan", "wijkteam", ["GM0431"])
    with pytest.raises(ValidationError, match="een team bedient deze gemeente"):
        organisatie.verwijder_gemeente(workspace, "GM0431")
    organisatie.voeg_gemeente_toe(workspace, "Wormerland")
    organisatie.verwijder_gemeente(workspace, "GM0880")
    assert [c for c, _ in workspace.gemeenten()] == ["GM0431", "GM0479"]


def test_accounts_cannot_newly_join_an_archived_team_but_keep_their_membership(workspace):
    oud = teams.maak_team(workspace, "Oud team", "wijkteam", ["GM0479"])
    nieuw = teams.maak_team(workspace, "Nieuw team", "wijkteam", ["GM0479"])
    pim = accounts.maak_account(workspace, login="pim", naam="Pim", passphrase="x",
                                rollen=frozenset({Rol.PROFESSIONAL}), team_ids=frozenset({oud}),
                                check_passphrase=False)
    teams.archiveer(workspace, oud)
    with pytest.raises(ValidationError, match="gearchiveerd"):
        accounts.maak_account(workspace, login="kim", naam="Kim", passphrase="x",
                              rollen=frozenset({Rol.PROFESSIONAL}), team_ids=frozenset({oud}), check_passphrase=False)
    accounts.wijzig_account(workspace, pim, team_ids=frozenset({oud, nieuw}))
    kim = accounts.maak_account(workspace, login="kim", naam="Kim", passphrase="x",
                                rollen=frozenset({Rol.PROFESSIONAL}), team_ids=frozenset({nieuw}),
                                check_passphrase=False)
    with pytest.raises(ValidationError, match="gearchiveerd"):
        accounts.wijzig_account(workspace, kim, team_ids=frozenset({oud, nieuw}))
