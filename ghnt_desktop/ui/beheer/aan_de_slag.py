""""Aan de slag": what this organisation still has to set up, each item with the screen to do it.

Shown to a beheerder as the first screen until everything is done, and always under
Beheer › Aan de slag. The items and when they are done come from
``services.organisatie.checklist`` (rules in ``domain.organisatie``).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ghnt_desktop.errors import UserError
from ghnt_desktop.ui import stijl
from ghnt_desktop.ui.a11y import MessageLabel
from ghnt_desktop.ui.kop import Kop
from ghnt_desktop.ui.pages import PageMixin

# The button text of each item, with a mnemonic unique on the screen (not A: that is "Acuut onveilig?").
KNOPPEN = {
    "gemeenten": "&Gemeenten instellen",
    "teams": "&Teams maken",
    "accounts": "A&ccounts maken",
    "meldcodeprofiel": "&Meldcodeprofiel instellen",
    "regiovisie": "&Regionale aanpak kiezen",
    "backup": "&Plek voor reservekopieën kiezen",
}


class AanDeSlagPage(QWidget, PageMixin):
    """The checklist. ``open_requested(key)`` asks the owner to show the screen for an item.

    It refreshes itself whenever it is shown (``showEvent``): as a module in the navigation and as a Beheer tab.
    """

    titel = "Aan de slag"
    refresh_on_show = False  # see showEvent
    open_requested = Signal(str)

    def __init__(self, ws, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setAccessibleName("Aan de slag")
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the buttons; the area follows the focus
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        lay = QVBoxLayout(body)
        lay.addWidget(Kop("Aan de slag", 1))
        self.intro = QLabel("")
        self.intro.setWordWrap(True)
        lay.addWidget(self.intro)
        # one block per item, under each other: status and button, then what it is about (wraps at any width)
        self.items = QVBoxLayout()
        self.items.setSpacing(stijl.RUIMTE_GROOT)
        lay.addLayout(self.items)
        self.status_labels: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}
        self.uitleg_labels: dict[str, QLabel] = {}
        self.default_backup_button = QPushButton("De &standaardmap is goed")
        self.default_backup_button.setAccessibleName("De standaardmap is goed (voor reservekopieën)")
        self.default_backup_button.setToolTip("Reservekopieën blijven in de map 'backups' in de gegevensmap.")
        self.default_backup_button.clicked.connect(self.accept_default_backup)
        self.message = MessageLabel("Melding")
        lay.addWidget(self.message)
        lay.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        from ghnt_desktop.services import organisatie

        punten = organisatie.checklist(self.ws)
        klaar = sum(p.klaar for p in punten)
        if klaar == len(punten):
            self.intro.setText("Alles is ingesteld. Je vindt deze lijst later terug onder Beheer › Aan de slag.")
        else:
            self.intro.setText(
                f"Zo zet je GHNT Desktop klaar voor jullie organisatie. {klaar} van de {len(punten)} onderdelen "
                "zijn klaar. Kies bij een onderdeel de knop om het in te stellen.")
        for row, p in enumerate(punten):
            if p.key not in self.buttons:
                status = QLabel()
                button = QPushButton(KNOPPEN[p.key])
                button.clicked.connect(lambda _c=False, k=p.key: self.open_requested.emit(k))
                uitleg = QLabel()
                uitleg.setWordWrap(True)
                block = QVBoxLayout()
                block.setSpacing(stijl.RUIMTE_KLEIN)
                top = QHBoxLayout()
                top.addWidget(status)
                top.addWidget(button)
                top.addStretch(1)
                block.addLayout(top)
                block.addWidget(uitleg)
                if p.key == "backup":
                    block.addWidget(self.default_backup_button, 0, Qt.AlignmentFlag.AlignLeft)
                self.items.insertLayout(row, block)
                self.status_labels[p.key], self.buttons[p.key], self.uitleg_labels[p.key] = status, button, uitleg
            self.status_labels[p.key].setText("✓ Klaar" if p.klaar else "Nog te doen")
            self.status_labels[p.key].setObjectName("klaar" if p.klaar else "")
            self.status_labels[p.key].style().polish(self.status_labels[p.key])  # the colour follows the name
            # the visible text first (WCAG 2.5.3), then what it is about and whether it is done
            self.buttons[p.key].setAccessibleName(f"{KNOPPEN[p.key].replace('&', '')}: {p.titel}, "
                                                  f"{'klaar' if p.klaar else 'nog te doen'}")
            self.uitleg_labels[p.key].setText(p.uitleg)
            if p.key == "backup":
                self.default_backup_button.setVisible(not p.klaar)

    def accept_default_backup(self) -> None:
        from ghnt_desktop.services import organisatie

        try:
            organisatie.bevestig_backupmap(self.ws)
        except UserError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText("De reservekopieën blijven in de standaardmap. Je kunt dit later wijzigen onder "
                             "Beheer › Reservekopieën.")
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.refresh()
