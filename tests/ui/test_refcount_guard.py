"""The guard keeps None/True/False alive however many Qt calls are made (PySide6 6.12 on Python 3.11)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from ghnt_desktop.ui import refcount_guard

SCRIPT = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
if sys.argv[1] == "guard":
    from ghnt_desktop.ui import refcount_guard
    refcount_guard.install(app)
label = QLabel()
for i in range(20_000):
    label.setText("x")
    label.setEnabled(True)
    if i % 1000 == 0:
        app.processEvents()  # lets the guard's timer run
print("klaar")
"""


@pytest.mark.skipif(not refcount_guard.NEEDED, reason="None/True/False are immortal on Python >= 3.12")
def test_many_qt_calls_do_not_abort_the_interpreter_with_the_guard(tmp_path):
    from tests.conftest import ROOT

    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    without = subprocess.run([sys.executable, "-c", SCRIPT, "none"], capture_output=True, text=True, env=env)
    assert without.returncode != 0 and "deallocating" in without.stderr  # the bug is real on this runtime
    with_guard = subprocess.run([sys.executable, "-c", SCRIPT, "guard"], capture_output=True, text=True, env=env)
    assert with_guard.returncode == 0, with_guard.stderr[-500:]
    assert "klaar" in with_guard.stdout
