#!/usr/bin/env python3
"""One command to install everything and start the app on a demo workspace, or run the tests.

    python .ci/bootstrap.py demo     # install into .venv, create ./demo-werkruimte if missing, start the app
    python .ci/bootstrap.py test     # install into .venv and run the whole test suite headless

Only needs Python >= 3.11. Works on Linux and Windows. Uses the hashed lock file
``requirements.lock`` so every machine gets the same versions.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_installed() -> Path:
    if sys.version_info < (3, 11):
        sys.exit("GHNT Desktop heeft Python 3.11 of nieuwer nodig.")
    py = venv_python()
    if not py.exists():
        print("Virtuele omgeving maken in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=False).create(VENV)
    stamp = VENV / ".ghnt-installed"
    want = hashlib.sha256(LOCK.read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != want:
        print("Onderdelen installeren (eenmalig) ...", flush=True)
        pip = [str(py), "-m", "pip", "--disable-pip-version-check", "install", "-q"]
        subprocess.check_call(pip + ["--require-hashes", "-r", str(LOCK)])
        subprocess.check_call(pip + ["--no-deps", "-e", str(ROOT)])
        stamp.write_text(want)
    return py


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"demo", "test"}:
        print(__doc__)
        return 2
    py = ensure_installed()
    if argv[0] == "demo":
        data = ROOT / "demo-werkruimte"
        if not (data / "werkruimte.db").exists():
            subprocess.check_call([str(py), "-m", "ghnt_desktop", "demo", "--data-dir", str(data)])
        print("Inloggen met naam 'demo' en wachtzin 'demo'.", flush=True)
        return subprocess.call([str(py), "-m", "ghnt_desktop", "--data-dir", str(data), *argv[1:]])
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    return subprocess.call([str(py), "-m", "pytest", *argv[1:]], cwd=ROOT, env=env, stdin=subprocess.DEVNULL)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
