"""A missing font or resource file: the app still starts (GHNT_RESOURCE_DIR points at a damaged copy)."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def _start(demo_dir, pw, resources):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), GHNT_RESOURCE_DIR=str(resources))
    p = subprocess.Popen([sys.executable, "-X", "faulthandler", "-m", "ghnt_desktop", "--data-dir", str(demo_dir),
                          "--user", "demo", "--passphrase-file", str(pw), "--quit-after-startup"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                         stdin=subprocess.DEVNULL, cwd=ROOT)
    try:
        out, err = p.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        p.send_signal(signal.SIGABRT if os.name == "posix" else signal.SIGTERM)  # faulthandler dumps the stacks
        out, err = p.communicate()
        raise AssertionError(f"the app did not finish starting within 120 s; stacks:\n{err[-4000:]}")
    return subprocess.CompletedProcess(p.args, p.returncode, out, err)


@pytest.mark.parametrize("missing", ["fonts", "translations/qtbase_nl.qm", "acuut/acuut.json", "meldcode/stappen.json"])
def test_app_starts_with_a_resource_missing(demo_dir, passphrase_file, tmp_path, missing):
    res = tmp_path / "resources"
    shutil.copytree(ROOT / "resources", res)
    target = res / missing
    shutil.rmtree(target) if target.is_dir() else target.unlink()
    r = _start(demo_dir, passphrase_file("demo"), res)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    if missing.startswith("fonts"):
        assert "lettertypebestanden ontbreken" in r.stderr  # Dutch warning (today only on stderr/log, see report)


def test_fonts_missing_are_reported_by_load_fonts(monkeypatch, tmp_path, qapp):
    monkeypatch.setenv("GHNT_RESOURCE_DIR", str(tmp_path))
    from ghnt_desktop.ui.app import FONT_FILES, load_fonts

    assert load_fonts() == list(FONT_FILES)


def test_acute_dialog_without_its_resource_still_shows_the_emergency_number(monkeypatch, tmp_path, qtbot):
    monkeypatch.setenv("GHNT_RESOURCE_DIR", str(tmp_path))
    from ghnt_desktop.ui import acute_dialog

    acute_dialog.acute_content.cache_clear()
    try:
        dlg = acute_dialog.AcuteDialog()
        qtbot.addWidget(dlg)
        assert "112" in dlg.text
    finally:
        acute_dialog.acute_content.cache_clear()
