"""Oefenmodus from the GUI: a separate practice workspace with fictitious cases, in its own window."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QProcess

from ghnt_desktop.ui.messages import confirm, show_error

from ghnt_desktop.services.oefenmodus import OEFEN_LOGIN, OEFEN_NAAM, OEFEN_WACHTZIN


def oefen_command(data_dir: Path) -> tuple[str, list[str]]:
    """How to start this app on ``data_dir`` (from source or from the installed bundle)."""
    args = ["--data-dir", str(data_dir)]
    if getattr(sys, "frozen", False):
        return sys.executable, args
    return sys.executable, ["-m", "ghnt_desktop", *args]


def start_oefenmodus(data_dir: Path, parent=None, *, start=QProcess.startDetached) -> Path | None:
    from ghnt_desktop.errors import UserError
    from ghnt_desktop.services.oefenmodus import maak_oefenwerkruimte, oefenmap
    from ghnt_desktop.services.datadir import holds_workspace

    doel = oefenmap(Path(data_dir))
    if not confirm(parent, "Oefenmodus",
                   "De oefenmodus opent een aparte werkruimte met verzonnen casussen, in een eigen venster. "
                   "Wat je daar doet, komt nooit bij de echte dossiers.\n\n"
                   f"Inloggen met naam '{OEFEN_LOGIN}' en wachtzin '{OEFEN_WACHTZIN}'.\n\nOefenmodus openen?",
                   yes="Oefenmodus openen", no="Annuleren"):
        return None
    try:
        if not holds_workspace(doel):
            maak_oefenwerkruimte(Path(data_dir), OEFEN_LOGIN, OEFEN_NAAM, OEFEN_WACHTZIN)
    except UserError as exc:
        show_error(parent, exc, title="De oefenmodus kon niet worden geopend")
        return None
    program, args = oefen_command(doel)
    ok = start(program, args)
    if isinstance(ok, tuple):
        ok = ok[0]
    if not ok:
        show_error(parent, UserError("De oefenmodus kon niet worden gestart."), title="Oefenmodus")
        return None
    return doel
