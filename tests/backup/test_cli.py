"""``ghnt backup`` and ``ghnt restore`` on the command line (subprocess, headless)."""
from __future__ import annotations

from ghnt_desktop.storage.workspace import DB_NAME, Workspace
from tests.backup.helpers import corrupt_middle, digest, snapshot, without_audit


def _data(d):
    ws = Workspace.open(d, "demo", "demo")
    try:
        return without_audit(snapshot(ws))
    finally:
        ws.close()


def _ok(r):
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr + r.stdout


def _dutch_error(r, *fragments):
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr + r.stdout and r.stderr.startswith("ghnt: ")
    for f in fragments:
        assert f in r.stderr


def test_backup_out_then_restore(run_cli, demo_dir, passphrase_file, tmp_path):
    pw = passphrase_file("demo")
    out = tmp_path / "kopie.db"
    r = run_cli("backup", "--data-dir", demo_dir, "--user", "demo", "--passphrase-file", pw, "--out", out)
    _ok(r)
    assert "gecontroleerd" in r.stdout and out.exists() and (tmp_path / "kopie.json").exists()
    r = run_cli("backup", "--data-dir", demo_dir, "--user", "demo", "--passphrase-file", pw, "--out", out)
    _dutch_error(r, "bestaat al")
    r = run_cli("restore", "--data-dir", demo_dir, "--user", "demo", "--passphrase-file", pw, out)
    _ok(r)
    assert "teruggezet" in r.stdout and "voor-herstel-" in r.stdout
    r = run_cli("check", "--data-dir", demo_dir, "--user", "demo", "--passphrase-file", pw)
    _ok(r)
    r = run_cli("backup", "--data-dir", demo_dir, "--user", "demo", "--passphrase-file", pw, "--list")
    _ok(r)
    assert "Voor het terugzetten" in r.stdout and "in orde" in r.stdout


def test_restore_works_when_the_database_is_corrupt(run_cli, demo_dir, passphrase_file):
    pw = passphrase_file("demo")
    _ok(run_cli("backup", "--data-dir", demo_dir, "--user", "demo", "--passphrase-file", pw))
    corrupt_middle(demo_dir / DB_NAME, 8000)
    (demo_dir / DB_NAME).write_bytes(b"kapot" + (demo_dir / DB_NAME).read_bytes()[5:])  # header too
    damaged = digest(demo_dir / DB_NAME)
    r = run_cli("check", "--data-dir", demo_dir, "--user", "demo", "--passphrase-file", pw)
    _dutch_error(r, "beschadigd")
    r = run_cli("restore", "--data-dir", demo_dir, "--user", "demo", "--passphrase-file", pw, "--latest")
    _ok(r)
    assert "zonder de huidige database te openen" in r.stdout and "apart gezet" in r.stdout
    aside = list(demo_dir.glob("beschadigd-*.db"))
    assert len(aside) == 1 and digest(aside[0]) == damaged
    _ok(run_cli("check", "--data-dir", demo_dir, "--user", "demo", "--passphrase-file", pw))


def test_restore_refuses_garbage_and_wrong_passphrase(run_cli, demo_dir, passphrase_file, tmp_path):
    pw = passphrase_file("demo")
    junk = tmp_path / "rommel.db"
    junk.write_bytes(b"\x13" * 10000)
    before = _data(demo_dir)
    _dutch_error(run_cli("restore", "--data-dir", demo_dir, "--user", "demo", "--passphrase-file", pw, junk),
                 "niet teruggezet")
    _dutch_error(run_cli("restore", "--data-dir", demo_dir, "--user", "demo", "--passphrase-file",
                         passphrase_file("fout", "fout.txt"), junk), "klopt niet")
    _dutch_error(run_cli("restore", "--data-dir", demo_dir, "--user", "demo", "--passphrase-file", pw,
                         tmp_path / "bestaat-niet.db"), "bestaat niet")
    assert _data(demo_dir) == before
    assert not list(demo_dir.glob("beschadigd-*")) and not list(demo_dir.glob(".herstel-*"))


def test_restore_wrong_usage(run_cli, demo_dir, passphrase_file, tmp_path):
    r = run_cli("restore", "--data-dir", demo_dir, "--user", "demo", "--passphrase-file", passphrase_file("demo"))
    assert r.returncode == 2 and "verkeerd gebruik" in r.stderr
    r = run_cli("backup", "--data-dir", demo_dir, "--user", "demo", "--passphrase-file", passphrase_file("demo"),
                "--list", "--out", tmp_path / "x.db")
    assert r.returncode == 2 and "verkeerd gebruik" in r.stderr


def test_professional_may_not_make_or_restore_backups(run_cli, demo_dir, passphrase_file, tmp_path):
    r = run_cli("backup", "--data-dir", demo_dir, "--user", "professional", "--passphrase-file",
                passphrase_file("demo"), "--out", tmp_path / "k.db")
    _dutch_error(r, "mag je niet")
    assert not (tmp_path / "k.db").exists()
