"""One writer per data dir: a second process is refused in Dutch; a crashed holder's lock is taken over.

Real processes: the holder opens the workspace, commits a row, starts a second transaction it never
commits, and is then killed with SIGKILL (no clean-up code runs).
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from ghnt_desktop.storage.workspace import DB_NAME, LOCK_NAME, Workspace
from tests.conftest import ROOT

HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from ghnt_desktop.storage.workspace import Workspace
    ws = Workspace.open(Path(sys.argv[1]), "demo", "demo")
    with ws.db.atomic():
        ws.db.conn.execute("INSERT INTO instelling (sleutel, waarde) VALUES ('voor_crash', '1')")
    ws.db.conn.execute("BEGIN")
    ws.db.conn.execute("INSERT INTO instelling (sleutel, waarde) VALUES ('niet_bevestigd', '1')")
    print("klaar", flush=True)
    time.sleep(120)
""")


def _start_holder(data_dir):
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    p = subprocess.Popen([sys.executable, "-c", HOLDER, str(data_dir)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         stdin=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    line = p.stdout.readline()
    if line.strip() != "klaar":
        p.kill()
        raise AssertionError(f"holder did not start: {line!r} {p.stderr.read()}")
    return p


def _refused(r):
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert "al geopend" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_second_process_is_refused_and_a_killed_holders_lock_is_taken_over(run_cli, demo_dir, passphrase_file):
    from ghnt_desktop.services.datadir import is_running_elsewhere

    pw = passphrase_file("demo")
    holder = _start_holder(demo_dir)
    try:
        _refused(run_cli("check", "--data-dir", demo_dir, "--user", "demo", "--passphrase-file", pw))
        _refused(run_cli("--data-dir", demo_dir, "--user", "demo", "--passphrase-file", pw, "--quit-after-startup"))
        _refused(run_cli("restore", "--data-dir", demo_dir, "--user", "demo", "--passphrase-file", pw, "--latest"))
        assert is_running_elsewhere(demo_dir)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
    assert holder.returncode == -signal.SIGKILL
    assert (demo_dir / LOCK_NAME).exists()  # the file stays; the OS lock is gone with the process
    assert not is_running_elsewhere(demo_dir)
    ws = Workspace.open(demo_dir, "demo", "demo")
    try:
        keys = {r[0] for r in ws.db.conn.execute("SELECT sleutel FROM instelling")}
        assert "voor_crash" in keys  # acknowledged (committed) before the crash: kept
        assert "niet_bevestigd" not in keys  # never committed: rolled back, not half there
        assert ws.db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        ws.close()
    r = run_cli("check", "--data-dir", demo_dir, "--user", "demo", "--passphrase-file", pw)
    assert r.returncode == 0, r.stderr


def test_leftover_lock_file_with_content_does_not_block(workspace, data_dir):
    workspace.close()
    (data_dir / LOCK_NAME).write_text("12345 oud proces\n")
    Workspace.open(data_dir, "tester", "groene appel fiets molen 42").close()


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_killed_during_backup_leaves_no_half_backup_in_the_list(demo_dir):
    """A backup interrupted by a crash leaves at most a hidden temp file, removed at the next start."""
    from ghnt_desktop.services import backup as service
    from ghnt_desktop.storage import backup as store

    script = textwrap.dedent("""
        import os, signal, sys
        from pathlib import Path
        from ghnt_desktop.storage import backup as store
        from ghnt_desktop.storage.workspace import Workspace
        ws = Workspace.open(Path(sys.argv[1]), "demo", "demo")
        def die(*a, **k):
            os.kill(os.getpid(), signal.SIGKILL)   # crash right after VACUUM INTO, before the rename
        store._fsync_file = die
        store.write_backup(ws.db, ws.backup_dir, kind="daily", keys=ws._db_keys, workspace_id=ws.workspace_id)
    """)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-c", script, str(demo_dir)], env=env, cwd=ROOT, capture_output=True,
                       timeout=60)
    assert r.returncode == -signal.SIGKILL
    assert list((demo_dir / "backups").glob(".tmp-*.db"))
    ws = Workspace.open(demo_dir, "demo", "demo")
    try:
        assert store.list_backups([ws.backup_dir]) == []
        service.ensure_daily_backup(ws)
        assert not list((demo_dir / "backups").glob(".tmp-*"))
        assert len(store.list_backups([ws.backup_dir])) == 1
    finally:
        ws.close()
    assert (demo_dir / DB_NAME).exists()
