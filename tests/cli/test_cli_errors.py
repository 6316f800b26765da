"""Every CLI error path: exit 1 with a Dutch message on stderr, never a traceback; wrong usage exits 2."""
from __future__ import annotations

import errno
import shutil

import pytest

from ghnt_desktop.storage.workspace import DB_NAME


def _assert_dutch_error(result, *fragments):
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert result.stderr.startswith("ghnt: ")
    for f in fragments:
        assert f in result.stderr


def test_demo_creates_workspace_and_refuses_second_time(run_cli, tmp_path, passphrase_file):
    d = tmp_path / "demo"
    r = run_cli("demo", "--data-dir", d)
    assert r.returncode == 0, r.stderr
    assert (d / DB_NAME).exists()
    assert "Demowerkruimte gemaakt" in r.stdout
    r2 = run_cli("demo", "--data-dir", d)
    _assert_dutch_error(r2, "staat al een werkruimte")
    r3 = run_cli("check", "--data-dir", d, "--user", "demo", "--passphrase-file", passphrase_file("demo"))
    assert r3.returncode == 0, r3.stderr
    assert "Controle geslaagd" in r3.stdout


def test_demo_without_data_dir_is_refused(run_cli):
    _assert_dutch_error(run_cli("demo"), "--data-dir")


def test_wrong_passphrase(run_cli, demo_dir, passphrase_file):
    r = run_cli("check", "--data-dir", demo_dir, "--user", "demo", "--passphrase-file", passphrase_file("fout"))
    _assert_dutch_error(r, "klopt niet")


def test_missing_data_dir(run_cli, tmp_path, passphrase_file):
    missing = tmp_path / "bestaat-niet"
    r = run_cli("check", "--data-dir", missing, "--user", "demo", "--passphrase-file", passphrase_file("demo"))
    _assert_dutch_error(r, "bestaat niet")
    assert not missing.exists()


def test_empty_dir_is_not_a_workspace(run_cli, tmp_path, passphrase_file):
    empty = tmp_path / "leeg"
    empty.mkdir()
    r = run_cli("check", "--data-dir", empty, "--user", "demo", "--passphrase-file", passphrase_file("demo"))
    _assert_dutch_error(r, "geen werkruimte")


@pytest.mark.parametrize("content,fragment", [(None, "bestaat niet"), (b"", "leeg"), (b"\xff\xfe\x00bad", "UTF-8")])
def test_bad_passphrase_file(run_cli, demo_dir, tmp_path, content, fragment):
    pf = tmp_path / "pw.txt"
    if content is not None:
        pf.write_bytes(content)
    r = run_cli("check", "--data-dir", demo_dir, "--user", "demo", "--passphrase-file", pf)
    _assert_dutch_error(r, fragment)


def test_corrupt_database_file(run_cli, demo_dir, passphrase_file):
    (demo_dir / DB_NAME).write_bytes(b"\x00\x01kapot" * 4096)
    r = run_cli("check", "--data-dir", demo_dir, "--user", "demo", "--passphrase-file", passphrase_file("demo"))
    _assert_dutch_error(r, "beschadigd")


def test_non_database_file(run_cli, demo_dir, passphrase_file):
    (demo_dir / DB_NAME).write_text("Dit is een tekstbestand, geen database.\n" * 200)
    r = run_cli("check", "--data-dir", demo_dir, "--user", "demo", "--passphrase-file", passphrase_file("demo"))
    _assert_dutch_error(r, "beschadigd")


def test_locked_by_another_process(run_cli, demo_dir, passphrase_file):
    from ghnt_desktop.storage.single_writer import SingleWriterLock

    with SingleWriterLock(demo_dir / "werkruimte.lock"):
        r = run_cli("check", "--data-dir", demo_dir, "--user", "demo", "--passphrase-file", passphrase_file("demo"))
    _assert_dutch_error(r, "al geopend")


def test_quit_after_startup_paints_and_exits(run_cli, demo_dir, passphrase_file):
    r = run_cli("--data-dir", demo_dir, "--user", "demo", "--passphrase-file", passphrase_file("demo"),
                "--quit-after-startup")
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr


def test_quit_after_startup_wrong_passphrase(run_cli, demo_dir, passphrase_file):
    r = run_cli("--data-dir", demo_dir, "--user", "demo", "--passphrase-file", passphrase_file("fout"),
                "--quit-after-startup")
    _assert_dutch_error(r, "klopt niet")


def test_wrong_usage_exits_2(run_cli, demo_dir):
    r = run_cli("--onbekende-optie")
    assert r.returncode == 2 and "verkeerd gebruik" in r.stderr
    r = run_cli("check", "--data-dir", demo_dir, "--user", "demo")
    assert r.returncode == 2 and "--passphrase-file" in r.stderr


# Faults that cannot be produced for real as root in a subprocess are simulated in-process
# through the same CLI entry point.

def _main(args, capsys):
    from ghnt_desktop.cli.main import main

    rc = main([str(a) for a in args])
    out = capsys.readouterr()
    return rc, out.err


def test_read_only_data_dir(monkeypatch, capsys, demo_dir, passphrase_file):
    from ghnt_desktop.storage.single_writer import SingleWriterLock

    def refuse(self, *a, **k):
        raise PermissionError(errno.EACCES, "read-only")

    monkeypatch.setattr(SingleWriterLock, "acquire", refuse)
    monkeypatch.setattr("os.access", lambda *a, **k: False)
    rc, err = _main(["check", "--data-dir", demo_dir, "--user", "demo", "--passphrase-file",
                     passphrase_file("demo")], capsys)
    assert rc == 1 and "niet schrijven" in err and "Traceback" not in err


def test_disk_full_when_creating_workspace(monkeypatch, capsys, tmp_path):
    import ghnt_desktop.storage.workspace as wsmod

    def full(_):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(wsmod, "_ensure_writable_dir", lambda d: (_ for _ in ()).throw(
        wsmod.os_error_to_user_error(OSError(errno.ENOSPC, "full"), d)))
    rc, err = _main(["demo", "--data-dir", tmp_path / "vol"], capsys)
    assert rc == 1 and "schijf is vol" in err


def test_bug_gives_crash_report_without_case_content(monkeypatch, capsys, demo_dir, passphrase_file):
    import ghnt_desktop.services.integrity as integrity

    def boom(ws):
        raise ValueError("client GEHEIM-123 signaal")

    monkeypatch.setattr(integrity, "check_workspace", boom)
    rc, err = _main(["check", "--data-dir", demo_dir, "--user", "demo", "--passphrase-file",
                     passphrase_file("demo")], capsys)
    assert rc == 1 and "foutrapport" in err
    reports = list((demo_dir / "crash").glob("*.txt"))
    assert len(reports) == 1
    text = reports[0].read_text()
    assert "ValueError" in text and "GEHEIM-123" not in text and "signaal" not in text
