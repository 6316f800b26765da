"""``ghnt init``, ``ghnt team`` and ``ghnt account``: an IT roll-out through the real command line.

Most runs call ``ghnt_desktop.cli.main.main`` in-process (fast Argon2id from conftest); one chain runs
as a real ``python -m ghnt_desktop`` subprocess. All names and references here are fictitious.
"""
from __future__ import annotations

import re

import pytest

from ghnt_desktop.services import accounts, meldcode as mc, teams
from ghnt_desktop.services.login import login
from ghnt_desktop.storage.workspace import DB_NAME
from tests.conftest import PASSPHRASE
from tests.meldcode.helpers import nieuw_dossier

NIEUWE_WACHTZIN = "blauwe tram rijdt langs 7 molens"
REF = "TST-2026-0042"


def ghnt(capsys, *args) -> tuple[int, str, str]:
    from ghnt_desktop.cli.main import main

    capsys.readouterr()
    try:
        rc = main([str(a) for a in args])
    except SystemExit as exc:  # argparse: --help (0) and wrong usage (2)
        rc = exc.code
    out = capsys.readouterr()
    return rc, out.out, out.err


def _dutch_error(result, *fragments, code: int = 1) -> None:
    rc, out, err = result
    assert rc == code, (out, err)
    assert err.startswith("ghnt: ") and "Traceback" not in err + out
    for f in fragments:
        assert f in err, err


@pytest.fixture
def pw(passphrase_file):
    return passphrase_file(PASSPHRASE, "beheer.txt")


@pytest.fixture
def creds(data_dir, pw):
    return ("--data-dir", data_dir, "--user", "beheer", "--passphrase-file", pw)


@pytest.fixture
def ingericht(capsys, data_dir, pw, creds):
    """A workspace made by ``ghnt init`` (Zaanstad and Oostzaan) with one team."""
    r = ghnt(capsys, "init", "--data-dir", data_dir, "--organisatie", "Stichting Voorbeeld", "--gemeente", "GM0479",
             "--gemeente", "Oostzaan", "--user", "beheer", "--passphrase-file", pw,
             "--volledige-naam", "Bea Beheer")
    assert r[0] == 0, r
    r = ghnt(capsys, "team", "toevoegen", *creds, "--naam", "Wijkteam Noord", "--soort", "wijkteam",
             "--gemeente", "Zaanstad")
    assert r[0] == 0, r
    return data_dir


def _otp(stdout: str) -> str:
    m = re.search(r"^Eenmalige wachtzin: (\S+)$", stdout, re.M)
    assert m, stdout
    return m.group(1)


def _regel(stdout: str, begin: str) -> list[str]:
    rows = [line.split("\t") for line in stdout.splitlines() if line.startswith(begin + "\t")]
    assert len(rows) == 1, stdout
    return rows[0]


def test_rollout_from_an_empty_data_dir(capsys, data_dir, pw, creds, passphrase_file, tmp_path):
    # init: the account is the beheerder, with its full name
    rc, out, err = ghnt(capsys, "init", "--data-dir", data_dir, "--organisatie", "Stichting Voorbeeld",
                        "--gemeente", "GM0479", "--gemeente", "oostzaan", "--user", "beheer",
                        "--passphrase-file", pw, "--volledige-naam", "Bea Beheer")
    assert rc == 0, err
    assert "Werkruimte gemaakt" in out and "Zaanstad (GM0479)" in out and "Oostzaan (GM0431)" in out
    ws = login(data_dir, "beheer", PASSPHRASE)
    try:
        assert ws.session.naam == "Bea Beheer"
        assert {str(r) for r in ws.session.rollen} == {"beheerder"}
        assert ws.gemeenten() == [("GM0431", "Oostzaan"), ("GM0479", "Zaanstad")]
    finally:
        ws.close()

    # two teams: soort by key and by label
    assert ghnt(capsys, "team", "toevoegen", *creds, "--naam", "Wijkteam Noord", "--soort", "wijkteam",
                "--gemeente", "Zaanstad")[0] == 0
    rc, out, err = ghnt(capsys, "team", "toevoegen", *creds, "--naam", "Sociaal team Oost", "--soort",
                        "sociaal team", "--gemeente", "GM0431", "--gemeente", "GM0479")
    assert rc == 0, err
    assert "Sociaal team Oost" in out

    # a manager, an aandachtsfunctionaris and a professional, with teams
    otps = {}
    for login_, naam, rol, team_args in (
            ("mirjam", "Mirjam Manager", "manager", ("--team", "Wijkteam Noord")),
            ("aafke", "Aafke Aandacht", "aandachtsfunctionaris", ("--team", "wijkteam noord")),
            ("pieter", "Pieter Prof", "professional", ("--team", "Wijkteam Noord", "--team", "Sociaal team Oost"))):
        rc, out, err = ghnt(capsys, "account", "toevoegen", *creds, "--naam", login_, "--volledige-naam", naam,
                            "--rol", rol, *team_args)
        assert rc == 0, err
        otps[login_] = _otp(out)
        assert "eerste keer inloggen" in out
    assert len(set(otps.values())) == 3

    rc, out, err = ghnt(capsys, "account", "lijst", *creds)
    assert rc == 0, err
    assert _regel(out, "pieter") == ["pieter", "Pieter Prof", "professional", "Sociaal team Oost, Wijkteam Noord",
                                     "moet wachtzin nog wijzigen"]
    assert _regel(out, "mirjam")[2:4] == ["manager", "Wijkteam Noord"]
    assert _regel(out, "aafke")[2:4] == ["aandachtsfunctionaris", "Wijkteam Noord"]
    assert _regel(out, "beheer") == ["beheer", "Bea Beheer", "beheerder", "(geen team)", "actief"]

    rc, out, err = ghnt(capsys, "team", "lijst", *creds)
    assert rc == 0, err
    assert len(out.splitlines()) == 2
    assert _regel(out, "Wijkteam Noord") == ["Wijkteam Noord", "Wijkteam", "Zaanstad", "3 leden", "actief"]
    assert _regel(out, "Sociaal team Oost") == ["Sociaal team Oost", "Sociaal team", "Oostzaan, Zaanstad", "1 lid",
                                                "actief"]

    # the professional logs in with the one-time passphrase and must change it
    ws = login(data_dir, "pieter", otps["pieter"])
    try:
        assert ws.session.must_change is True
        accounts.wijzig_wachtzin(ws, otps["pieter"], NIEUWE_WACHTZIN)
        assert ws.session.must_change is False
    finally:
        ws.close()
    ws = login(data_dir, "pieter", NIEUWE_WACHTZIN)
    try:
        assert ws.session.must_change is False
        team_id = teams.zoek(ws, "Wijkteam Noord").id
        did = nieuw_dossier(ws, REF, team_id=team_id)
    finally:
        ws.close()
    rc, out, err = ghnt(capsys, "account", "lijst", *creds)
    assert _regel(out, "pieter")[4] == "actief"
    assert _regel(out, "aafke")[4] == "moet wachtzin nog wijzigen"

    # archive the team that holds the dossier
    rc, out, err = ghnt(capsys, "team", "archiveren", *creds, "--naam", "wijkteam noord")
    assert rc == 0, err
    assert "gearchiveerd" in out and "blijven bewaard" in out
    rc, out, err = ghnt(capsys, "team", "lijst", *creds)
    assert rc == 0 and "Wijkteam Noord" not in out and "Sociaal team Oost" in out
    rc, out, err = ghnt(capsys, "team", "lijst", *creds, "--ook-gearchiveerd")
    assert _regel(out, "Wijkteam Noord")[4].startswith("gearchiveerd op ")

    # the dossier is still there and readable for its owner
    ws = login(data_dir, "pieter", NIEUWE_WACHTZIN)
    try:
        dossier = mc.laad(ws, did)
        assert dossier.client_referentie == REF
        assert [r.id for r in mc.lijst(ws, mc.DossierFilter())] == [did]
    finally:
        ws.close()

    # an archived team cannot be given to a new account; it can be brought back
    _dutch_error(ghnt(capsys, "account", "toevoegen", *creds, "--naam", "nieuw", "--volledige-naam", "Nina Nieuw",
                      "--rol", "professional", "--team", "Wijkteam Noord"), "gearchiveerd")
    assert ghnt(capsys, "team", "terugzetten", *creds, "--naam", "Wijkteam Noord")[0] == 0
    rc, out, err = ghnt(capsys, "team", "lijst", *creds)
    assert "Wijkteam Noord" in out

    # the professional prints the verslag by client reference instead of the number
    pf = passphrase_file(NIEUWE_WACHTZIN, "pieter.txt")
    pdf = tmp_path / "verslag.pdf"
    rc, out, err = ghnt(capsys, "verslag", "--data-dir", data_dir, "--user", "pieter", "--passphrase-file", pf,
                        "--dossier", REF.lower(), "--out", pdf)
    assert rc == 0, err
    assert f"dossier {did} " in out and pdf.exists()
    ander = tmp_path / "ander.pdf"
    r = ghnt(capsys, "verslag", "--data-dir", data_dir, "--user", "pieter", "--passphrase-file", pf,
             "--dossier", "TST-2026-9999", "--out", ander)
    _dutch_error(r, "geen dossier met deze cliëntreferentie")
    assert "TST-2026-9999" not in r[2] and not ander.exists()
    rc, out, err = ghnt(capsys, "verslag", "--data-dir", data_dir, "--user", "pieter", "--passphrase-file", pf,
                        "--dossier", str(did), "--out", ander)
    assert rc == 0 and ander.exists(), err


def test_reference_that_looks_like_another_dossiers_number(capsys, ingericht, creds, passphrase_file, tmp_path):
    ghnt(capsys, "account", "toevoegen", *creds, "--naam", "pieter", "--volledige-naam", "Pieter Prof",
         "--rol", "professional", "--team", "Wijkteam Noord")
    ws = login(ingericht, "beheer", PASSPHRASE)
    try:
        pid = next(a.id for a in accounts.lijst(ws) if a.login == "pieter")
        otp = accounts.reset_wachtzin(ws, pid)
    finally:
        ws.close()
    ws = login(ingericht, "pieter", otp)
    try:
        accounts.wijzig_wachtzin(ws, otp, NIEUWE_WACHTZIN)
        eerste = nieuw_dossier(ws, "REF-A")
        tweede = nieuw_dossier(ws, str(eerste))  # the reference of the second is the number of the first
    finally:
        ws.close()
    pf = passphrase_file(NIEUWE_WACHTZIN, "p.txt")
    base = ("verslag", "--data-dir", ingericht, "--user", "pieter", "--passphrase-file", pf)
    out_pdf = tmp_path / "v.pdf"
    _dutch_error(ghnt(capsys, *base, "--dossier", str(eerste), "--out", out_pdf), "nummer:")
    rc, out, err = ghnt(capsys, *base, "--dossier", f"nummer:{eerste}", "--out", out_pdf)
    assert rc == 0 and f"dossier {eerste} " in out, err
    rc, out, err = ghnt(capsys, *base, "--dossier", f"referentie:{eerste}", "--out", out_pdf)
    assert rc == 0 and f"dossier {tweede} " in out, err


def test_rollout_as_a_real_subprocess(run_cli, tmp_path, passphrase_file):
    d = tmp_path / "werkruimte"
    pw = passphrase_file(PASSPHRASE, "it.txt")
    creds = ("--data-dir", d, "--user", "it-beheer", "--passphrase-file", pw)
    r = run_cli("init", "--data-dir", d, "--organisatie", "Gemeente Voorbeeld", "--gemeente", "Zaanstad",
                "--user", "it-beheer", "--passphrase-file", pw)
    assert r.returncode == 0, r.stderr
    assert (d / DB_NAME).exists()
    r = run_cli("team", "toevoegen", *creds, "--naam", "Jeugdteam West", "--soort", "Jeugdteam",
                "--gemeente", "GM0479")
    assert r.returncode == 0, r.stderr
    r = run_cli("account", "toevoegen", *creds, "--naam", "jan", "--volledige-naam", "Jan Jansen",
                "--rol", "professional,aandachtsfunctionaris", "--team", "Jeugdteam West")
    assert r.returncode == 0, r.stderr
    otp = _otp(r.stdout)
    r = run_cli("team", "lijst", *creds)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["Jeugdteam West\tJeugdteam\tZaanstad\t1 lid\tactief"]
    ws = login(d, "jan", otp)
    try:
        assert ws.session.must_change
        assert {str(x) for x in ws.session.rollen} == {"professional", "aandachtsfunctionaris"}
    finally:
        ws.close()
    r = run_cli("init", "--data-dir", d, "--organisatie", "Nog een", "--gemeente", "Zaanstad",
                "--user", "x", "--passphrase-file", pw)
    assert r.returncode == 1 and r.stderr.startswith("ghnt: ") and "staat al een werkruimte" in r.stderr


# --------------------------------------------------------------------------- errors

def test_init_twice_is_refused(capsys, ingericht, pw):
    r = ghnt(capsys, "init", "--data-dir", ingericht, "--organisatie", "Ander", "--gemeente", "GM0479",
             "--user", "ander", "--passphrase-file", pw)
    _dutch_error(r, "staat al een werkruimte")
    ws = login(ingericht, "beheer", PASSPHRASE)  # the first workspace is untouched
    ws.close()


@pytest.mark.parametrize("gemeente,fragments", [
    ("Nergenshuizen", ("De gemeente 'Nergenshuizen' is onbekend", "GM0479")),
    ("GM9999", ("is onbekend",)),
    ("Bergen", ("meer gemeenten", "GM0373", "GM0893", "CBS-code")),
])
def test_init_unknown_or_ambiguous_gemeente(capsys, data_dir, pw, gemeente, fragments):
    r = ghnt(capsys, "init", "--data-dir", data_dir, "--organisatie", "Org", "--gemeente", "Zaanstad",
             "--gemeente", gemeente, "--user", "beheer", "--passphrase-file", pw)
    _dutch_error(r, *fragments)
    assert not (data_dir / DB_NAME).exists()


def test_init_weak_passphrase_gives_the_policy_hint(capsys, data_dir, passphrase_file):
    r = ghnt(capsys, "init", "--data-dir", data_dir, "--organisatie", "Org", "--gemeente", "Zaanstad",
             "--user", "beheer", "--passphrase-file", passphrase_file("kort", "zwak.txt"))
    _dutch_error(r, "niet gemaakt", "Wachtzin:", "Gebruik minstens")
    assert not (data_dir / DB_NAME).exists()


def test_init_needs_data_dir_and_credentials(capsys, pw):
    _dutch_error(ghnt(capsys, "init", "--organisatie", "Org", "--gemeente", "Zaanstad", "--user", "b",
                      "--passphrase-file", pw), "--data-dir")
    rc, out, err = ghnt(capsys, "init", "--data-dir", "/tmp/nooit-gebruikt-ghnt", "--organisatie", "Org",
                        "--gemeente", "Zaanstad")
    assert rc == 2 and "verkeerd gebruik" in err and "--passphrase-file" in err


def test_merged_gemeente_is_replaced_by_the_current_one(capsys, data_dir, pw):
    rc, out, err = ghnt(capsys, "init", "--data-dir", data_dir, "--organisatie", "Org", "--gemeente", "Beemster",
                        "--user", "beheer", "--passphrase-file", pw)
    assert rc == 0, err
    assert "Beemster is opgegaan in Purmerend" in out and "Purmerend (GM0439)" in out


def test_unknown_soort(capsys, ingericht, creds):
    r = ghnt(capsys, "team", "toevoegen", *creds, "--naam", "X", "--soort", "voetbalteam", "--gemeente", "GM0479")
    _dutch_error(r, "soort team 'voetbalteam' is onbekend", "sociaal_team (Sociaal team)")


def test_team_gemeente_must_belong_to_the_workspace(capsys, ingericht, creds):
    r = ghnt(capsys, "team", "toevoegen", *creds, "--naam", "Ver weg", "--soort", "wijkteam", "--gemeente", "Utrecht")
    _dutch_error(r, "niet gemaakt", "Niet in de werkruimte")
    _dutch_error(ghnt(capsys, "team", "toevoegen", *creds, "--naam", "wijkteam noord", "--soort", "wijkteam",
                      "--gemeente", "Zaanstad"), "al een team met deze naam")


def test_unknown_role_and_unknown_team(capsys, ingericht, creds):
    base = ("account", "toevoegen", *creds, "--naam", "karin", "--volledige-naam", "Karin K")
    _dutch_error(ghnt(capsys, *base, "--rol", "professional,baas"), "De rol 'baas' is onbekend", "manager")
    _dutch_error(ghnt(capsys, *base, "--rol", "professional", "--team", "Bestaat Niet"),
                 "geen team met de naam 'Bestaat Niet'")
    rc, out, err = ghnt(capsys, "account", "lijst", *creds)
    assert rc == 0 and "karin" not in out  # nothing was made
    _dutch_error(ghnt(capsys, "team", "archiveren", *creds, "--naam", "Bestaat Niet"), "geen team met de naam")


def test_wrong_passphrase_for_team_and_account_commands(capsys, ingericht, passphrase_file):
    fout = ("--data-dir", ingericht, "--user", "beheer", "--passphrase-file", passphrase_file("verkeerd", "f.txt"))
    _dutch_error(ghnt(capsys, "team", "lijst", *fout), "klopt niet")
    _dutch_error(ghnt(capsys, "team", "toevoegen", *fout, "--naam", "Y", "--soort", "cjg", "--gemeente", "GM0479"),
                 "klopt niet")
    _dutch_error(ghnt(capsys, "account", "lijst", *fout), "klopt niet")


def test_professional_may_not_change_teams_or_accounts(capsys, ingericht, creds, passphrase_file):
    rc, out, err = ghnt(capsys, "account", "toevoegen", *creds, "--naam", "pieter", "--volledige-naam", "Pieter P",
                        "--rol", "professional", "--team", "Wijkteam Noord")
    assert rc == 0, err
    prof = ("--data-dir", ingericht, "--user", "pieter", "--passphrase-file", passphrase_file(_otp(out), "o.txt"))
    _dutch_error(ghnt(capsys, "team", "toevoegen", *prof, "--naam", "Eigen team", "--soort", "wijkteam",
                      "--gemeente", "GM0479"), "alleen een beheerder of een teamleider/manager")
    _dutch_error(ghnt(capsys, "team", "archiveren", *prof, "--naam", "Wijkteam Noord"), "alleen een beheerder")
    _dutch_error(ghnt(capsys, "account", "lijst", *prof), "alleen de beheerder")
    rc, out, err = ghnt(capsys, "team", "lijst", *prof)  # reading the list is open to everyone
    assert rc == 0 and out.splitlines() == ["Wijkteam Noord\tWijkteam\tZaanstad\t1 lid\tactief"]
    ws = login(ingericht, "beheer", PASSPHRASE)
    try:
        assert [t.naam for t in teams.lijst(ws, ook_gearchiveerd=True)] == ["Wijkteam Noord"]
        assert teams.lijst(ws)[0].actief
        refusals = ws.db.conn.execute("SELECT count(*) FROM audit WHERE resultaat = 'geweigerd'").fetchone()[0]
        assert refusals >= 2
    finally:
        ws.close()


def test_manager_may_manage_teams_but_not_accounts(capsys, ingericht, creds, passphrase_file):
    rc, out, err = ghnt(capsys, "account", "toevoegen", *creds, "--naam", "mirjam", "--volledige-naam", "Mirjam M",
                        "--rol", "Teamleider / manager")
    assert rc == 0, err
    mgr = ("--data-dir", ingericht, "--user", "mirjam", "--passphrase-file", passphrase_file(_otp(out), "m.txt"))
    rc, out, err = ghnt(capsys, "team", "toevoegen", *mgr, "--naam", "CJG Zaanstad", "--soort", "CJG",
                        "--gemeente", "GM0479")
    assert rc == 0, err
    _dutch_error(ghnt(capsys, "account", "toevoegen", *mgr, "--naam", "x", "--volledige-naam", "X",
                      "--rol", "beheerder"), "alleen de beheerder")


def test_team_without_action_is_wrong_usage(capsys, ingericht, creds):
    rc, out, err = ghnt(capsys, "team", *creds)
    assert rc == 2 and "verkeerd gebruik" in err and "ACTIE" in err
    rc, out, err = ghnt(capsys, "team", "weghalen", *creds)
    assert rc == 2 and "onbekende keuze 'weghalen'" in err and "invalid" not in err
