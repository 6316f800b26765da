"""Test configuration: offscreen Qt, a temporary data dir per test, and a guard on the real one."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from ghnt_desktop.ui import refcount_guard  # noqa: E402

# PySide6 6.12 on Python 3.11 lowers the refcount of None/True/False on Qt calls (see that module);
# the test process makes tens of thousands of them, also before make_app() starts the timer.
refcount_guard.install()


@pytest.fixture(autouse=True)
def _refcount_ballast():
    refcount_guard.top_up()
    yield

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "groene appel fiets molen 42"


def _real_data_dir() -> Path:
    from ghnt_desktop.paths import default_data_dir

    return default_data_dir()


_REAL_DATA_DIR = _real_data_dir()


def _snapshot(d: Path):
    if not d.exists():
        return None
    return sorted((str(p.relative_to(d)), p.stat().st_mtime_ns, p.stat().st_size) for p in d.rglob("*"))


@pytest.fixture(autouse=True)
def _guard_real_data_dir(tmp_path, monkeypatch):
    """Point every per-user location at a temp home, and fail if the real data dir changes."""
    before = _snapshot(_REAL_DATA_DIR)
    fake_home = tmp_path / "home"
    fake_home.mkdir()
    for var in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "APPDATA", "LOCALAPPDATA"):
        monkeypatch.setenv(var, str(fake_home))
    yield
    assert _snapshot(_REAL_DATA_DIR) == before, f"test touched the real user data dir {_REAL_DATA_DIR}"


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch):
    """Cheaper Argon2id parameters in-process (stored per slot, so real files stay valid)."""
    from ghnt_desktop.storage import keyslots

    monkeypatch.setattr(keyslots, "DEFAULT_KDF", keyslots.KdfParams(1, 8 * 1024, 1))


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def workspace(data_dir):
    from ghnt_desktop.services.setup import create_workspace

    ws = create_workspace(data_dir, organisatie="Testteam", gemeenten=[("GM0479", "Zaanstad")], login="tester",
                          naam="Test Persoon", passphrase=PASSPHRASE)
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("demo-template") / "data"
    from ghnt_desktop.demo.build import build_demo

    build_demo(d)
    return d


@pytest.fixture
def demo_dir(_demo_template, tmp_path) -> Path:
    """A fresh copy of a demo workspace (accounts: demo, professional, ... ; passphrase 'demo')."""
    target = tmp_path / "demo"
    shutil.copytree(_demo_template, target, ignore=shutil.ignore_patterns("werkruimte.lock"))
    return target


@pytest.fixture
def passphrase_file(tmp_path):
    def make(text: str = PASSPHRASE, name: str = "pw.txt") -> Path:
        p = tmp_path / name
        p.write_text(text + "\n", encoding="utf-8")
        return p

    return make


@pytest.fixture
def run_cli(tmp_path):
    """Run ``python -m ghnt_desktop ...`` in a subprocess, headless, no stdin."""

    def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
        return subprocess.run([sys.executable, "-m", "ghnt_desktop", *map(str, args)], capture_output=True,
                              text=True, env=env, stdin=subprocess.DEVNULL, timeout=timeout, cwd=ROOT)

    return run


@pytest.fixture
def type_text():
    """Type any text (also ë, €, ĳ) into a widget; qtbot.keyClicks aborts on non-ASCII (stack notes §2)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    def type_(widget, text: str) -> None:
        for ch in text:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))
        QApplication.processEvents()

    return type_


def file_digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None
