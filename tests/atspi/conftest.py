"""The real accessibility bus: Xvfb, a D-Bus session, the AT-SPI bus and a window manager (focus events only
arrive with one), and the app started on it with Qt's accessibility bridge on. What Orca would read.

Needs Debian's xvfb, openbox, dbus-x11, at-spi2-core and python3-pyatspi (``.ci/run`` installs them). On a
developer machine without them these tests are skipped; under CI (``CI`` set) they fail instead, so a
missing install step cannot hide.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"


def _missing() -> list[str]:
    missing = [b for b in ("Xvfb", "openbox", "dbus-launch") if shutil.which(b) is None]
    if not Path(BUS_LAUNCHER).exists():
        missing.append("at-spi2-core")
    if subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True).returncode != 0:
        missing.append("python3-pyatspi")
    return missing


def _wait_for(predicate, timeout: float, what: str):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture(scope="session")
def desktop(tmp_path_factory):
    """Environment variables of a running X display with D-Bus, AT-SPI and openbox."""
    missing = _missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"the accessibility test layer needs: {', '.join(missing)} (install them in .ci/run)")
        pytest.skip(f"no accessibility bus here (missing {', '.join(missing)})")
    procs: list[subprocess.Popen] = []
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs.append(xvfb)
    os.close(write_fd)
    with os.fdopen(read_fd) as fh:
        display = ":" + fh.readline().strip()
    env = dict(os.environ, DISPLAY=display)
    env.pop("QT_QPA_PLATFORM", None)
    out = subprocess.run(["dbus-launch", "--sh-syntax"], env=env, capture_output=True, text=True, check=True).stdout
    dbus_pid = None
    for line in out.splitlines():
        if line.startswith("DBUS_SESSION_BUS_ADDRESS="):
            env["DBUS_SESSION_BUS_ADDRESS"] = line.split("=", 1)[1].rstrip(";").strip("'")
        if line.startswith("DBUS_SESSION_BUS_PID="):
            dbus_pid = int(line.split("=", 1)[1].rstrip(";"))
    procs.append(subprocess.Popen([BUS_LAUNCHER, "--launch-immediately"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    procs.append(subprocess.Popen(["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    time.sleep(0.5)
    yield env
    for p in reversed(procs):
        p.terminate()
    for p in procs:
        try:
            p.wait(timeout=5)
        except subprocess.TimeoutExpired:
            p.kill()
    if dbus_pid:
        try:
            os.kill(dbus_pid, signal.SIGTERM)
        except ProcessLookupError:
            pass


class Screen:
    """One screen of the real app on the bus: what is visible on it, and what the AT-SPI tree holds."""

    def __init__(self, env: dict, scenario: str, tmp: Path) -> None:
        self.env = env
        self.out = tmp / f"{scenario}.json"
        app_env = dict(env, QT_QPA_PLATFORM="xcb", QT_ACCESSIBILITY="1", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
                       PYTHONPATH=str(ROOT))
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.atspi.harness", scenario, str(tmp / "data"),
                                      str(self.out)], cwd=ROOT, env=app_env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)
        try:
            _wait_for(lambda: self.out.exists() or self.proc.poll() is not None, 60, f"screen {scenario}")
        except AssertionError:
            self.close()
            raise
        if self.proc.poll() is not None:
            raise AssertionError(f"the app stopped: {self.proc.stderr.read().decode(errors='replace')[-2000:]}")
        self.shown = json.loads(self.out.read_text(encoding="utf-8"))

    def tree(self) -> list[dict]:
        res = subprocess.run([SYSTEM_PYTHON, str(ROOT / "tests" / "atspi" / "walk.py"), "GHNT"], env=self.env,
                             capture_output=True, text=True, timeout=60)
        assert res.returncode == 0, res.stderr[-2000:]
        return json.loads(res.stdout or "[]")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@pytest.fixture
def screen(desktop, tmp_path):
    opened: list[Screen] = []

    def open_(scenario: str) -> Screen:
        s = Screen(desktop, scenario, tmp_path)
        opened.append(s)
        return s

    yield open_
    for s in opened:
        s.close()
