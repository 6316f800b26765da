"""Sub-commands of ``ghnt``. Each module defines ``register(subparsers) -> parser`` and ``run(args) -> int``.

Modules are imported only when a sub-command (or ``--help``) is used, so starting the GUI stays fast.
"""
from __future__ import annotations

import importlib

# sub-command name -> module in this package
NAMES: dict[str, str] = {
    "demo": "demo", "check": "check", "backup": "backup", "restore": "restore",
    "zelfscan-export": "zelfscan_export", "zelfscan-import": "zelfscan_import", "catalogus-import": "catalogus_import",
    "verslag": "verslag", "oefen": "oefen", "plan": "plan",
    "init": "init", "team": "team", "account": "account",
}


def load_commands() -> list:
    return [importlib.import_module(f"ghnt_desktop.cli.commands.{m}") for m in NAMES.values()]
