"""Beheer › Mijn account: who is logged in, and changing one's own passphrase. Every account sees this tab."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ghnt_desktop.ui.beheer.common import esc, message_label, say
from ghnt_desktop.ui.pages import PageMixin


class MyAccountTab(QWidget, PageMixin):
    titel = "Mijn account"
    refresh_on_show = False  # shows the session, which does not change while it is open

    def __init__(self, ws, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        lay = QVBoxLayout(self)
        rollen = ", ".join(r.label for r in sorted(ws.session.rollen))
        info = QLabel(f"<b>Naam:</b> {esc(ws.session.naam)}<br><b>Inlognaam:</b> {esc(ws.session.login)}"
                      f"<br><b>Rollen:</b> {esc(rollen)}")
        info.setTextFormat(Qt.TextFormat.RichText)
        info.setWordWrap(True)
        lay.addWidget(info)
        self.change_button = QPushButton("Mijn &wachtzin wijzigen…")
        self.change_button.setAccessibleName("Mijn wachtzin wijzigen")
        self.change_button.clicked.connect(self.change_passphrase)
        lay.addWidget(self.change_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.message = message_label()
        lay.addWidget(self.message)
        lay.addStretch(1)

    def change_passphrase(self) -> None:
        from ghnt_desktop.ui.change_passphrase_dialog import ChangePassphraseDialog

        dlg = ChangePassphraseDialog(self.ws, self)
        self.dialog = dlg
        if dlg.exec() and dlg.changed:
            say(self.message, "Je wachtzin is gewijzigd. Gebruik voortaan de nieuwe wachtzin.")
