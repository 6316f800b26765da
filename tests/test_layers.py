"""The layers stay visible: pure domain rules import no Qt, no SQL and no file IO libraries."""
from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "ghnt_desktop"
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
