"""Start-up unlocks on a second thread while the main thread imports Qt (see ui.launch).

That thread must import nothing: a module imported from two threads at once can be seen
half-initialised. Each case runs in a fresh interpreter, in the state ``run_gui`` is in when
it starts the thread, with the main thread importing PySide6 at the same time, and records
every import the unlock thread makes.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import importlib.abc, json, sys, threading
from pathlib import Path

import ghnt_desktop.cli.main  # noqa: F401  (already loaded when run_gui starts the thread)
from ghnt_desktop.ui.launch import _UnlockThread

seen = []

class Watch(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if threading.current_thread() is not threading.main_thread():
            seen.append(name)
        return None

sys.meta_path.insert(0, Watch())
t = _UnlockThread(Path(sys.argv[1]), sys.argv[2], sys.argv[3])
t.start()
import PySide6.QtWidgets  # noqa: E402,F401  (what the main thread does meanwhile)
t.join()
if t.workspace is not None:
    t.workspace.close()
from ghnt_desktop.errors import WorkspaceCorrupt
print(json.dumps({"imports": seen, "opened": t.workspace is not None,
                  "error": type(t.error).__name__ if t.error else None,
                  "corrupt": isinstance(t.error, WorkspaceCorrupt)}))
"""


def _unlock_in_fresh_process(data_dir: Path, user: str, passphrase: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-c", SCRIPT, str(data_dir), user, passphrase], capture_output=True,
                       text=True, env=env, stdin=subprocess.DEVNULL, timeout=120, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_unlock_thread_opens_the_workspace_without_importing(demo_dir):
    out = _unlock_in_fresh_process(demo_dir, "demo", "demo")
    assert out == {"imports": [], "opened": True, "error": None, "corrupt": False}


def test_unlock_thread_wrong_passphrase_without_importing(demo_dir):
    out = _unlock_in_fresh_process(demo_dir, "demo", "fout")
    assert out == {"imports": [], "opened": False, "error": "WrongPassphrase", "corrupt": False}
    assert (demo_dir / "mislukte-pogingen.json").exists()  # the failure was written from the thread
    out = _unlock_in_fresh_process(demo_dir, "demo", "demo")  # a recorded failure goes to the audit
    assert out == {"imports": [], "opened": True, "error": None, "corrupt": False}


def test_unlock_thread_unknown_account_without_importing(demo_dir):
    out = _unlock_in_fresh_process(demo_dir, "niemand", "demo")
    assert out == {"imports": [], "opened": False, "error": "WrongPassphrase", "corrupt": False}


@pytest.mark.parametrize("damage", ["database", "keyslots"])
def test_unlock_thread_damaged_workspace_without_importing(demo_dir, damage):
    name = "werkruimte.db" if damage == "database" else "keyslots.json"
    with open(demo_dir / name, "r+b") as fh:
        fh.seek(0)
        fh.write(b"\x00" * 4096)
    out = _unlock_in_fresh_process(demo_dir, "demo", "demo")
    assert out["imports"] == [] and out["opened"] is False
    assert out["corrupt"] is True  # the start-up then offers to restore a backup
