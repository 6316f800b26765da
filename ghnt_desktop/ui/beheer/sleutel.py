"""Beheer › Sleutel vernieuwen: rotate the database key (every account keeps its own passphrase)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ghnt_desktop.errors import UserError
from ghnt_desktop.ui.beheer.common import message_label, say
from ghnt_desktop.ui.messages import confirm
from ghnt_desktop.ui.pages import PageMixin


class KeyTab(QWidget, PageMixin):
    titel = "Sleutel vernieuwen"

    def __init__(self, ws, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        lay = QVBoxLayout(self)
        text = QLabel(
            "De database is versleuteld met één geheime sleutel. Elk account heeft een eigen, met de wachtzin "
            "beveiligde kopie van die sleutel.\n\n"
            "Vernieuw de sleutel als je denkt dat een wachtzin of een kopie van de werkruimte in verkeerde handen "
            "is gekomen. Iedereen logt daarna gewoon in met de eigen wachtzin. Oude kopieën van het sleutelbestand "
            "werken niet meer. Bij het deactiveren van een account doet de app dit vanzelf.\n\n"
            "Let op: reservekopieën van vóór het vernieuwen blijven met de oude sleutel versleuteld. "
            "Maak na het vernieuwen een nieuwe reservekopie.")
        text.setWordWrap(True)
        lay.addWidget(text)
        self.generation = QLabel("")
        self.generation.setAccessibleDescription("Huidige sleutel")  # the name stays the visible text
        lay.addWidget(self.generation)
        self.rotate_button = QPushButton("Sleutel &nu vernieuwen…")
        self.rotate_button.setAccessibleName("Sleutel nu vernieuwen")
        self.rotate_button.clicked.connect(self.rotate)
        lay.addWidget(self.rotate_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.message = message_label()
        lay.addWidget(self.message)
        lay.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        self.generation.setText(f"Huidige sleutel: nummer {self.ws.db_generation}.")

    def rotate(self) -> None:
        from ghnt_desktop.services import accounts

        if not confirm(self, "Sleutel vernieuwen",
                       "De app versleutelt de database opnieuw met een nieuwe sleutel. Dat kan even duren. "
                       "Werk in de tussentijd niet in de app.\n\nDoorgaan?", yes="Vernieuwen", no="Annuleren"):
            return
        try:
            accounts.vernieuw_sleutel(self.ws)
        except UserError as exc:
            say(self.message, str(exc), error=True)
            return
        self.refresh()
        say(self.message, "De sleutel is vernieuwd. Iedereen logt in met de eigen wachtzin. "
                           "Maak nu een nieuwe reservekopie.")
