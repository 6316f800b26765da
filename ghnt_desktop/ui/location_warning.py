"""Warn before using a data dir on a network share or in a cloud-synchronised folder.

Launch hook for the lead: ``check_location(ws_or_data_dir, parent) -> bool``.

* with a data dir (before the workspace exists or is unlocked): asks every time;
* with an open workspace: asks once per path; the acknowledgement is stored in
  the setting ``locatie_akkoord`` ({path: risk}) with an audit entry, and asked
  again when the path or the kind of risk changes.

False means: the user did not accept the risk; stop (or let them pick another folder).
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout

from ghnt_desktop.services import location

ZWSP = "\u200b"  # a zero-width space: a long path may wrap there


class LocationWarningDialog(QDialog):
    def __init__(self, loc: location.Locatie, path, parent=None) -> None:
        super().__init__(parent)
        self.loc = loc
        title = "Let op: netwerkschijf" if loc.risico == location.NETWERK else "Let op: cloudmap"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        lay = QVBoxLayout(self)
        where = QLabel(f"Gegevensmap:\n{str(path).replace('/', '/' + ZWSP)}")  # a long path wraps after "/"
        where.setWordWrap(True)
        lay.addWidget(where)
        self.text = QLabel(loc.uitleg)
        self.text.setWordWrap(True)
        self.text.setAccessibleDescription("Uitleg van het risico")  # the name stays the visible text
        lay.addWidget(self.text)
        self.ack = QCheckBox("Ik begrijp het &risico en wil deze map toch gebruiken")
        lay.addWidget(self.ack)
        lay.addStretch(1)
        buttons = QDialogButtonBox()
        self.continue_button = QPushButton("&Toch deze map gebruiken")
        self.continue_button.setEnabled(False)
        self.stop_button = QPushButton("&Stoppen")
        self.stop_button.setAccessibleDescription("Stoppen en een andere map kiezen")
        self.stop_button.setDefault(True)
        buttons.addButton(self.continue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.stop_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ack.toggled.connect(self.continue_button.setEnabled)
        lay.addWidget(buttons)
        from ghnt_desktop.ui.indeling import dialog_size

        dialog_size(self, 560, 380)
        self.stop_button.setFocus()

    def accept(self) -> None:
        if self.ack.isChecked():  # never without the explicit tick, also not via Enter
            super().accept()


def check_location(ws_or_data_dir, parent=None, *, beoordeel=location.beoordeel) -> bool:
    """True when the data dir is fine, or the user explicitly accepted the risk."""
    ws = None if isinstance(ws_or_data_dir, (str, os.PathLike)) else ws_or_data_dir  # else an open workspace
    path = ws.data_dir if ws is not None else Path(os.fspath(ws_or_data_dir))
    loc = beoordeel(path)
    if loc.veilig:
        return True
    key = location.sleutel(path)
    if ws is not None:
        from ghnt_desktop.services import settings

        if settings.haal(ws, settings.LOCATIE_AKKOORD.key).get(key) == loc.risico:
            return True
    from PySide6.QtWidgets import QApplication

    from ghnt_desktop.ui.app import install_acute_everywhere

    install_acute_everywhere(QApplication.instance())  # this dialog may come before the main window
    dlg = LocationWarningDialog(loc, path, parent)
    if not dlg.exec():
        return False
    if ws is not None:
        from ghnt_desktop.services import settings

        akkoord = dict(settings.haal(ws, settings.LOCATIE_AKKOORD.key))
        akkoord[key] = loc.risico
        with ws.db.atomic():
            settings.zet(ws, settings.LOCATIE_AKKOORD.key, akkoord)
            ws.audit("locatie_risico_bevestigd", "werkruimte", ws.workspace_id, resultaat=loc.risico)
    return True
