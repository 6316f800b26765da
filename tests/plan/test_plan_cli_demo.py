"""``ghnt plan`` and the demo plan: success on a fresh demo workspace, and every error path (exit 1, Dutch)."""
from __future__ import annotations

import io

import pytest

from ghnt_desktop.domain.plan import ActieStatus

pypdf = pytest.importorskip("pypdf")


def _assert_dutch_error(result, *fragments):
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert result.stderr.startswith("ghnt: ")
    for f in fragments:
        assert f in result.stderr, result.stderr


def _plan_cli(run_cli, demo_dir, passphrase_file, gemeente, out, wachtzin="demo", user="manager"):
    return run_cli("plan", "--data-dir", demo_dir, "--user", user, "--passphrase-file",
                   passphrase_file(wachtzin), "--gemeente", gemeente, "--out", out)


def test_demo_has_a_zaanstad_plan_with_actions_in_several_statuses(demo_dir):
    from ghnt_desktop.services import plan as ps
    from ghnt_desktop.services.login import login

    ws = login(demo_dir, "manager", "demo")
    try:
        p = ps.huidig_plan(ws, "GM0479")
        assert p is not None and p.datalab and len(p.scan_ids) == 2
        acties = ps.acties(ws, p.id)
        assert len(acties) >= 8
        assert {a.status for a in acties} == set(ActieStatus)
        assert ps.overzicht(ws, p.id).aantal_te_laat >= 1
        assert any(a.voortgang for a in acties)
        assert [x.gemeente_code for x in ps.plannen(ws)] == ["GM0479"]  # only Zaanstad has a demo plan
    finally:
        ws.close()


def test_cli_prints_the_demo_plan_by_name_and_by_code(run_cli, demo_dir, passphrase_file, tmp_path):
    out = tmp_path / "zaanstad.pdf"
    r = _plan_cli(run_cli, demo_dir, passphrase_file, "Zaanstad", out)
    assert r.returncode == 0, r.stderr
    assert "opgeslagen" in r.stdout and "Er was nog geen plan" not in r.stdout
    tekst = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "Zaanstad" in tekst and "pagina 1 van" in tekst
    r2 = _plan_cli(run_cli, demo_dir, passphrase_file, "gm0479", tmp_path / "code.pdf")
    assert r2.returncode == 0, r2.stderr
    assert (tmp_path / "code.pdf").read_bytes().startswith(b"%PDF")


def test_cli_makes_a_concept_when_there_is_no_plan_yet(run_cli, demo_dir, passphrase_file, tmp_path):
    out = tmp_path / "purmerend.pdf"
    r = _plan_cli(run_cli, demo_dir, passphrase_file, "Purmerend", out)
    assert r.returncode == 0, r.stderr
    assert "Er was nog geen plan voor Purmerend" in r.stdout and "concept" in r.stdout
    tekst = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "Wijkteam Purmerend" in tekst and "CONCEPT" in tekst


def test_cli_unknown_gemeente(run_cli, demo_dir, passphrase_file, tmp_path):
    out = tmp_path / "x.pdf"
    _assert_dutch_error(_plan_cli(run_cli, demo_dir, passphrase_file, "Atlantis", out), "Atlantis", "onbekend")
    assert not out.exists()


def test_cli_gemeente_without_vastgestelde_zelfscan(run_cli, demo_dir, passphrase_file, tmp_path):
    out = tmp_path / "x.pdf"
    _assert_dutch_error(_plan_cli(run_cli, demo_dir, passphrase_file, "Leiden", out),
                        "Leiden", "nog geen vastgestelde zelfscan")
    assert not out.exists()


@pytest.mark.parametrize("soort", ["map", "ontbrekende_map", "onder_een_bestand"])
def test_cli_output_path_that_cannot_be_written(run_cli, demo_dir, passphrase_file, tmp_path, soort):
    bestand = tmp_path / "gewoon.txt"
    bestand.write_text("x")
    out, fragment = {"map": (tmp_path, "is een map"),
                     "ontbrekende_map": (tmp_path / "bestaat-niet" / "plan.pdf", "bestaat niet"),
                     "onder_een_bestand": (bestand / "plan.pdf", "bestaat niet")}[soort]
    _assert_dutch_error(_plan_cli(run_cli, demo_dir, passphrase_file, "Zaanstad", out), fragment)


def test_cli_wrong_passphrase(run_cli, demo_dir, passphrase_file, tmp_path):
    out = tmp_path / "x.pdf"
    _assert_dutch_error(_plan_cli(run_cli, demo_dir, passphrase_file, "Zaanstad", out, wachtzin="fout"), "klopt niet")
    assert not out.exists()


def test_cli_refuses_a_role_without_plan_rights(run_cli, demo_dir, passphrase_file, tmp_path):
    out = tmp_path / "x.pdf"
    _assert_dutch_error(_plan_cli(run_cli, demo_dir, passphrase_file, "Zaanstad", out, user="professional"),
                        "mag")
    assert not out.exists()
