"""The layers stay visible: pure domain rules import no Qt, no SQL and no file IO libraries.

The layer table of docs/architecture.md is checked by import-linter (``lint-imports``, contracts in
``[tool.importlinter]`` of pyproject.toml); its import graph (grimp) also holds imports made inside
functions. The AST checks below are the older, narrower ones; they stay as a second opinion.
"""
from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "ghnt_desktop"
FORBIDDEN_IN_DOMAIN = ("PySide6", "sqlite3", "sqlcipher3", "sqlite_utils", "reportlab", "ghnt_desktop.storage",
                       "ghnt_desktop.services", "ghnt_desktop.ui", "ghnt_desktop.reporting", "ghnt_desktop.cli",
                       "os", "pathlib", "shutil", "io")
FORBIDDEN_BELOW_UI = ("PySide6",)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _violations(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    out = []
    for path in sorted((PKG / folder).rglob("*.py")):
        for name in _imports(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                out.append(f"{path.relative_to(PKG)} imports {name}")
    return out


def test_domain_is_pure():
    assert _violations("domain", FORBIDDEN_IN_DOMAIN) == []


def test_storage_services_and_reporting_do_not_use_qt():
    for folder in ("domain", "content", "storage", "services", "reporting", "cli", "demo"):
        assert _violations(folder, FORBIDDEN_BELOW_UI) == [], folder


def test_reportlab_is_not_imported_at_module_level_outside_reporting():
    """Start-up budget: reportlab is imported lazily, only when printing."""
    offenders = []
    for path in sorted(PKG.rglob("*.py")):
        if "reporting" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:  # module level only
            mods = []
            if isinstance(node, ast.Import):
                mods = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                mods = [node.module]
            if any(m.startswith("reportlab") or m.startswith("ghnt_desktop.reporting") for m in mods):
                offenders.append(str(path.relative_to(PKG)))
    assert offenders == []


# ------------------------------------------------------------------ import-linter

def _lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    """``lint-imports`` from this interpreter's environment on ``cwd``'s pyproject.toml (no cache left behind)."""
    scripts = Path(sys.executable).parent
    exe = shutil.which("lint-imports", path=str(scripts))
    assert exe, f"lint-imports is not installed next to {sys.executable} (requirements.lock: import-linter)"
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1")  # whole lines in the report
    env.pop("PYTHONPATH", None)  # cwd goes first on the path: the package analysed is the one in cwd
    return subprocess.run([exe, "--no-cache", "--no-logo", "pyproject.toml"], cwd=cwd, env=env,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300)


def test_import_contracts_of_the_layer_table_hold():
    r = _lint_imports(ROOT)
    assert r.returncode == 0, f"lint-imports found broken import contracts:\n{r.stdout}\n{r.stderr}"
    assert "0 broken" in r.stdout, r.stdout


# A copy of the package, each change an import that the contracts forbid; all inside functions,
# where an AST walk over module level would not look.
_VIOLATIONS = {
    # domain -> services: upwards
    "domain/roles.py": "def _omhoog():\n    from ghnt_desktop.services import settings  # noqa: F401\n",
    # ui -> storage, past the services
    "ui/messages.py": "def _langs():\n    from ghnt_desktop.storage import layout  # noqa: F401\n",
    # storage.layout <-> storage.workspace: a cycle
    "storage/layout.py": "def _kring():\n    from ghnt_desktop.storage import workspace  # noqa: F401\n",
    # Qt below ui
    "services/settings.py": "def _qt():\n    import PySide6.QtWidgets  # noqa: F401\n",
}


def test_the_contracts_catch_imports_inside_functions(tmp_path):
    """The real contracts on a copy of the package with forbidden imports added: each is reported."""
    shutil.copytree(PKG, tmp_path / "ghnt_desktop", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for rel, code in _VIOLATIONS.items():
        with open(tmp_path / "ghnt_desktop" / rel, "a", encoding="utf-8") as fh:
            fh.write("\n\n" + code)
    r = _lint_imports(tmp_path)
    out = r.stdout
    assert r.returncode == 1, out + r.stderr
    for expected in (
        "Layers: imports only point downwards (docs/architecture.md) BROKEN",
        "ghnt_desktop.domain is not allowed to import ghnt_desktop.services",
        "ghnt_desktop.domain.roles -> ghnt_desktop.services.settings",
        "Above the services, storage is reached only through the services BROKEN",
        "ghnt_desktop.ui.messages -> ghnt_desktop.storage.layout",
        "No import cycles between sibling modules or packages, at any depth BROKEN",
        "No cycles are allowed in ghnt_desktop.storage.",
        "Qt is imported only in ui BROKEN",
        "ghnt_desktop.services.settings -> PySide6",
    ):
        assert expected in out, f"not reported: {expected!r}\n{out}"


def test_domain_and_errors_import_the_standard_library_only():
    """"stdlib only" from the table, on the whole graph (also imports inside functions)."""
    import grimp

    graph = grimp.build_graph("ghnt_desktop", include_external_packages=True, cache_dir=None)
    pure = {"ghnt_desktop.errors", "ghnt_desktop.domain", *graph.find_descendants("ghnt_desktop.domain")}
    outside = sorted(
        f"{m} imports {imported}"
        for m in pure
        for imported in graph.find_modules_directly_imported_by(m)
        if not imported.startswith("ghnt_desktop.") and imported.split(".")[0] not in sys.stdlib_module_names)
    assert outside == []
