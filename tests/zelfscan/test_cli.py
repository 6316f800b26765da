"""CLI: zelfscan-export, zelfscan-import, catalogus-import — success and every error path (exit 1, Dutch)."""
from __future__ import annotations

import json

import pytest

from ghnt_desktop.domain.zelfscan import ScanStatus
from ghnt_desktop.domain.zelfscan_uitwisseling import controle_waarde
from ghnt_desktop.services.login import login
from ghnt_desktop.storage import zelfscan_repo as repo
from tests.conftest import PASSPHRASE
from tests.zelfscan.conftest import herziene_catalogus, maak_werkruimte


def _fout(r, *fragmenten):
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
    assert r.stderr.startswith("ghnt: ")
    for f in fragmenten:
        assert f in r.stderr, r.stderr


def _ids(demo_dir) -> dict[str, int]:
    ws = login(demo_dir, "demo", "demo")
    try:
        rijen = repo.scan_rijen(ws.db)
        return {
            "vast": next(r.id for r in rijen if r.team_naam == "Wijkteam Zaandam-Oost"
                         and r.status is ScanStatus.VASTGESTELD),
            "concept": next(r.id for r in rijen if r.status is ScanStatus.CONCEPT),
        }
    finally:
        ws.close()


@pytest.fixture
def export(demo_dir, run_cli, passphrase_file, tmp_path):
    """(exported file, demo passphrase file): a vastgestelde scan of Wijkteam Zaandam-Oost, with names."""
    ids = _ids(demo_dir)
    pw = passphrase_file("demo", name="demo.txt")
    out = tmp_path / "scan.json"
    r = run_cli("zelfscan-export", "--data-dir", demo_dir, "--user", "manager", "--passphrase-file", pw,
                "--scan", ids["vast"], "--out", out, "--met-namen")
    assert r.returncode == 0, r.stderr
    assert "Zelfscan geëxporteerd" in r.stdout and "Met de namen" in r.stdout
    assert "werkversie, niet de officiële tekst" in r.stdout
    return out, pw


@pytest.fixture
def doel(tmp_path, passphrase_file):
    """An empty second workspace (all roles, login 'beleid') and its passphrase file."""
    ws = maak_werkruimte(tmp_path / "gemeente", login="beleid")
    ws.close()
    return tmp_path / "gemeente", passphrase_file(PASSPHRASE)


def _import(run_cli, doel, bestand):
    d, pw = doel
    return run_cli("zelfscan-import", "--data-dir", d, "--user", "beleid", "--passphrase-file", pw, bestand)


def test_export_then_import_in_other_workspace_then_duplicate(run_cli, export, doel):
    bestand, _ = export
    assert any(d["naam"] for d in json.loads(bestand.read_bytes())["deelnemers"])
    r = _import(run_cli, doel, bestand)
    assert r.returncode == 0, r.stderr
    assert "Zelfscan ingelezen" in r.stdout and "Wijkteam Zaandam-Oost" in r.stdout
    assert "nu aangemaakt" in r.stdout and "niet de officiële tekst" in r.stdout
    _fout(_import(run_cli, doel, bestand), "al eerder ingelezen", "niets veranderd")


def test_tampered_file(run_cli, export, doel):
    bestand, _ = export
    data = bestand.read_bytes()
    i = data.index(b'"toelichting": "') + len(b'"toelichting": "')
    bestand.write_bytes(data[:i] + b"X" + data[i + 1:])
    _fout(_import(run_cli, doel, bestand), "beschadigd", "controle")


def test_truncated_file(run_cli, export, doel):
    bestand, _ = export
    bestand.write_bytes(bestand.read_bytes()[:500])
    _fout(_import(run_cli, doel, bestand), "niet worden ingelezen", "houdt onverwacht op")


def test_unknown_catalogue_version(run_cli, export, doel):
    bestand, _ = export
    d = json.loads(bestand.read_bytes())
    d["catalogus"]["versie"] = "2030-1"
    d["controle"] = controle_waarde(d)
    bestand.write_text(json.dumps(d), encoding="utf-8")
    _fout(_import(run_cli, doel, bestand), "vng-werken-aan-veiligheid", "2030-1", "Importeer eerst")


def test_wrong_passphrase_and_missing_file(run_cli, export, doel, passphrase_file, tmp_path):
    bestand, _ = export
    d, _ = doel
    fout = passphrase_file("verkeerde wachtzin", name="fout.txt")
    _fout(run_cli("zelfscan-import", "--data-dir", d, "--user", "beleid", "--passphrase-file", fout, bestand),
          "klopt niet")
    _fout(_import(run_cli, doel, tmp_path / "bestaat-niet.json"), "bestaat niet")


def test_export_errors(run_cli, demo_dir, export, tmp_path):
    bestand, pw = export
    ids = _ids(demo_dir)
    basis = ("zelfscan-export", "--data-dir", demo_dir, "--passphrase-file", pw)
    _fout(run_cli(*basis, "--user", "manager", "--scan", ids["concept"], "--out", tmp_path / "c.json"),
          "Alleen een vastgestelde zelfscan")
    _fout(run_cli(*basis, "--user", "manager", "--scan", ids["vast"], "--out", bestand), "bestaat al")
    _fout(run_cli(*basis, "--user", "professional", "--scan", ids["vast"], "--out", tmp_path / "p.json"),
          "zelfscan uitwisselen")
    _fout(run_cli(*basis, "--user", "manager", "--scan", 99999, "--out", tmp_path / "x.json"), "bestaat niet")
    assert not (tmp_path / "c.json").exists() and not (tmp_path / "p.json").exists()


def test_catalogue_import(run_cli, demo_dir, tmp_path, passphrase_file):
    pw = passphrase_file("demo", name="demo.txt")
    basis = ("catalogus-import", "--data-dir", demo_dir, "--passphrase-file", pw)
    kapot = json.loads(herziene_catalogus())
    kapot["standaarden"][2]["doelgroep"] = "wijk"
    kapot["themas"][1]["volgorde"] = -5
    slecht = tmp_path / "slecht.json"
    slecht.write_text(json.dumps(kapot), encoding="utf-8")
    _fout(run_cli(*basis, "--user", "beheerder", slecht), "standaarden[2].doelgroep", "themas[1].volgorde",
          "niets veranderd")
    goed = tmp_path / "goed.json"
    goed.write_bytes(herziene_catalogus())
    _fout(run_cli(*basis, "--user", "manager", goed), "mag")
    r = run_cli(*basis, "--user", "beheerder", goed)
    assert r.returncode == 0, r.stderr
    assert "Kwaliteitskader ingelezen" in r.stdout and "2025-1" in r.stdout
    assert "Nieuwe zelfscans gebruiken vanaf nu" in r.stdout
    _fout(run_cli(*basis, "--user", "beheerder", goed), "staat al in deze werkruimte")
    ws = login(demo_dir, "beheerder", "demo")
    try:
        from ghnt_desktop.services import zelfscan as zs

        assert zs.nieuwste_catalogus(ws).versie == "2025-1"
    finally:
        ws.close()
