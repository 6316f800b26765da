"""``ghnt verslag`` and ``ghnt oefen`` on the command line: success, and every error path in Dutch."""
from __future__ import annotations

import pytest

from ghnt_desktop.services.login import login


def _dutch_error(r, *fragmenten):
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr + r.stdout
    assert r.stderr.startswith("ghnt: ")
    for f in fragmenten:
        assert f in r.stderr, r.stderr


def _dossier_id(demo_dir, ref: str) -> int:
    ws = login(demo_dir, "demo", "demo")
    try:
        return ws.db.conn.execute("SELECT id FROM meldcode_dossier WHERE client_referentie = ?", [ref]).fetchone()[0]
    finally:
        ws.close()


def _args(demo_dir, user, pw, did, out, *extra):
    return ("verslag", "--data-dir", demo_dir, "--user", user, "--passphrase-file", pw, "--dossier", str(did),
            "--out", out, *extra)


def test_owner_gets_the_verslag_and_it_is_audited(run_cli, demo_dir, passphrase_file, tmp_path):
    import pypdf

    did = _dossier_id(demo_dir, "ZW-2026-0147")  # owned by the professional
    out = tmp_path / "verslag.pdf"
    r = run_cli(*_args(demo_dir, "professional", passphrase_file("demo"), did, out))
    assert r.returncode == 0, r.stderr
    assert str(out) in r.stdout and "vertrouwelijke persoonsgegevens" in r.stdout
    reader = pypdf.PdfReader(str(out))
    tekst = " ".join(p.extract_text() for p in reader.pages)
    assert "ZW-2026-0147" in tekst and "pagina 1 van" in tekst
    ws = login(demo_dir, "demo", "demo")
    try:
        rij = ws.db.conn.execute(
            "SELECT a.actie, a.resultaat, acc.login FROM audit a JOIN account acc ON acc.id = a.actor_id"
            " WHERE a.object_type = 'dossier' AND a.object_id = ? ORDER BY a.id DESC LIMIT 1", [str(did)]).fetchone()
        assert rij == ("dossier_exporteren", "verslag", "professional")
    finally:
        ws.close()


def test_concept_melding_with_password(run_cli, demo_dir, passphrase_file, tmp_path):
    import pypdf

    did = _dossier_id(demo_dir, "ZW-2026-0191")
    out = tmp_path / "melding.pdf"
    ww = tmp_path / "ww.txt"
    ww.write_text("geheim-wachtwoord-123\n", encoding="utf-8")
    r = run_cli(*_args(demo_dir, "aandachtsfunctionaris", passphrase_file("demo"), did, out, "--soort", "melding",
                       "--wachtwoord-bestand", ww))
    assert r.returncode == 0, r.stderr
    reader = pypdf.PdfReader(str(out))
    assert reader.is_encrypted and reader.decrypt("geheim-wachtwoord-123")
    assert "Concept melding aan Veilig Thuis" in reader.pages[0].extract_text()


@pytest.mark.parametrize("naam", ["manager", "beheerder"])
def test_no_case_content_for_manager_and_beheerder(run_cli, demo_dir, passphrase_file, tmp_path, naam):
    out = tmp_path / "x.pdf"
    r = run_cli(*_args(demo_dir, naam, passphrase_file("demo"), 1, out))
    _dutch_error(r, "Met je rol kun je geen meldcode-dossiers openen")
    assert not out.exists()


def test_unknown_and_out_of_scope_dossier(run_cli, demo_dir, passphrase_file, tmp_path):
    out = tmp_path / "x.pdf"
    _dutch_error(run_cli(*_args(demo_dir, "professional", passphrase_file("demo"), 99999, out)), "bestaat niet")
    vreemd = _dossier_id(demo_dir, "ZW-2026-0204")  # Purmerend, not the professional's
    _dutch_error(run_cli(*_args(demo_dir, "professional", passphrase_file("demo"), vreemd, out)),
                 "Je mag dit dossier niet openen")
    assert not out.exists()


def test_output_place_that_does_not_exist(run_cli, demo_dir, passphrase_file, tmp_path):
    out = tmp_path / "bestaat-niet" / "verslag.pdf"
    _dutch_error(run_cli(*_args(demo_dir, "professional", passphrase_file("demo"), 1, out)), "bestaat niet")
    assert not out.parent.exists()


def test_wrong_passphrase_and_bad_password_file(run_cli, demo_dir, passphrase_file, tmp_path):
    out = tmp_path / "x.pdf"
    _dutch_error(run_cli(*_args(demo_dir, "professional", passphrase_file("fout"), 1, out)), "klopt niet")
    kort = tmp_path / "kort.txt"
    kort.write_text("kort\n", encoding="utf-8")
    _dutch_error(run_cli(*_args(demo_dir, "professional", passphrase_file("demo"), 1, out, "--wachtwoord-bestand",
                                kort)), "te kort")
    assert not out.exists()


def test_oefen_creates_a_separate_practice_workspace(run_cli, tmp_path):
    basis = tmp_path / "echt"
    r = run_cli("oefen", "--data-dir", basis)
    assert r.returncode == 0, r.stderr
    doel = basis / "oefenwerkruimte"
    assert str(doel) in r.stdout and "'oefen'" in r.stdout
    r2 = run_cli("oefen", "--data-dir", basis)
    assert r2.returncode == 0 and "staat al" in r2.stdout
    ws = login(doel, "oefen", "oefen")
    try:
        assert ws.is_oefen and not ws.is_demo
        assert ws.db.conn.execute("SELECT count(*) FROM meldcode_dossier").fetchone()[0] >= 3
    finally:
        ws.close()
    assert not (basis / "werkruimte.db").exists()  # the real data dir got no workspace from this
