"""The type checker on the seams: mypy on the whole package, with the configuration in pyproject.toml.

``[tool.mypy]`` checks domain, services, storage and content strictly (every function annotated) and checks
every other package too, so that a call from ui, cli, reporting or demo into a service is checked against the
service's signature (docs/architecture.md, "Types"). The first test runs mypy and fails with its report; the
second proves that a wrong call into a service is reported; the third keeps the configuration honest.
Cache: ``.mypy_cache/`` in the repository root (git-ignored); a run with a warm cache takes about a second.

mypy runs in a child interpreter (``python -m mypy``, the same entry point as ``mypy.api.run``): run inside
the test process, a compiled mypy 2.4 that analysed the package from a cold cache makes this interpreter
abort at exit ("Fatal Python error: none_dealloc"), and its ~400 MB would stay in the test process.
"""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "ghnt_desktop"
CONFIG = ROOT / "pyproject.toml"
CACHE = ROOT / ".mypy_cache"

#: Packages whose code is strict, and which no override may relax.
STRICT = ("ghnt_desktop.domain", "ghnt_desktop.services", "ghnt_desktop.storage", "ghnt_desktop.content")


def _mypy(*targets: Path, options: tuple[str, ...] = (), mypypath: Path | None = None) -> tuple[str, int]:
    """mypy on ``targets`` with the project's configuration: (report, exit status; 0 = no errors, 1 = errors)."""
    assert importlib.util.find_spec("mypy") is not None, f"mypy is not installed in {sys.prefix} (requirements.lock)"
    env = dict(os.environ, NO_COLOR="1")
    env.pop("MYPYPATH", None)
    if mypypath is not None:
        env["MYPYPATH"] = str(mypypath)
    r = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(CONFIG), "--cache-dir", str(CACHE),
                        "--no-color-output", "--no-error-summary", "--hide-error-context", *options,
                        *map(str, targets)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    return r.stdout + r.stderr, r.returncode


def test_the_package_type_checks():
    report, status = _mypy(PKG)
    assert status == 0, "mypy found type errors (configuration: [tool.mypy] in pyproject.toml):\n" + report


SEAM = '''
from __future__ import annotations

from datetime import date

from ghnt_desktop.services import meldcode, teams
from ghnt_desktop.services.workspace import Workspace


def annotated(ws: Workspace) -> None:
    meldcode.sluit(ws, "12", "Afgerond")  # LINE annotated: a dossier id is an int
    with ws.db.atomic():
        ws.db.conn.execute("SELECT 1")
    ws.db.atomc()  # LINE misspelt: the database type is spelt out, not "anything goes"
    ws.session.rollen.add("beheerder")  # LINE frozen: a session's roles are a frozenset


def unannotated_slot(self):  # like most Qt slots: no annotations, yet its calls are checked
    teams.zet_leden(self.ws, date.today(), set())  # LINE slot: a team id is an int
'''


def test_a_wrong_call_into_a_service_is_reported(tmp_path):
    """What ui code would get wrong at a seam: the type checker reports each one at its line."""
    module = tmp_path / "seam_probe.py"
    module.write_text(textwrap.dedent(SEAM), encoding="utf-8")
    lines = {text.split("# LINE ")[1].split(":")[0]: n
             for n, text in enumerate(module.read_text(encoding="utf-8").splitlines(), start=1) if "# LINE " in text}
    # ghnt_desktop is found through MYPYPATH; the overrides name modules not checked here (no warning for that).
    report, status = _mypy(module, options=("--no-warn-unused-configs",), mypypath=ROOT)
    assert status == 1, report
    expected = {
        "annotated": 'Argument 2 to "sluit" has incompatible type "str"; expected "int"',
        "misspelt": '"Db" has no attribute "atomc"',
        "frozen": '"frozenset[Rol]" has no attribute "add"',
        "slot": 'Argument 2 to "zet_leden" has incompatible type "date"; expected "int"',
    }
    for key, message in expected.items():
        assert f"seam_probe.py:{lines[key]}: error: {message}" in report, (key, report)
    assert report.count(": error: ") == len(expected), report


def test_the_configuration_relaxes_nothing_below_the_ui():
    """No blanket switches: third-party modules without types are named one by one, and the overrides that
    relax checks (listed for the files above the services that still have errors) never touch the strict
    packages."""
    mypy = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["tool"]["mypy"]
    for key in ("ignore_missing_imports", "ignore_errors", "disable_error_code", "follow_imports"):
        assert key not in mypy, key
    assert mypy.get("check_untyped_defs") is True  # the bodies of unannotated functions (Qt slots) too
    for override in mypy["overrides"]:
        modules = override["module"] if isinstance(override["module"], list) else [override["module"]]
        if override.get("ignore_missing_imports"):
            assert not any(m.startswith("ghnt_desktop") or "*" in m.split(".")[0] for m in modules), modules
            continue
        relaxes = (override.get("ignore_errors") or override.get("disable_error_code")
                   or override.get("follow_imports") in ("skip", "silent")
                   or override.get("check_untyped_defs") is False)
        if relaxes:
            for m in modules:
                assert m.startswith("ghnt_desktop.") and "*" not in m, m
                assert not m.startswith(STRICT), m
                path = PKG.parent / m.replace(".", "/")
                assert path.with_suffix(".py").exists() or (path / "__init__.py").exists(), f"{m}: no such module"
