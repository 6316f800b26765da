"""Where things live: bundled resources, migrations and the per-user data dir.

Works from a source checkout, an installed wheel and a PyInstaller bundle
(``sys._MEIPASS``).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from ghnt_desktop import APP_ID

_PKG_ROOT = Path(__file__).resolve().parent


def _base_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return _PKG_ROOT.parent


def resource_dir() -> Path:
    override = os.environ.get("GHNT_RESOURCE_DIR")
    return Path(override) if override else _base_dir() / "resources"


def resource_path(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)


def migrations_dir() -> Path:
    return _base_dir() / "db"


def default_data_dir() -> Path:
    """The per-user data directory (platformdirs), e.g. %LOCALAPPDATA%\\ghnt-desktop."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False, roaming=False))
