"""Geschiedenis: every record and version with author and time; replaced versions say so in words."""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QLabel, QTableWidgetItem, QVBoxLayout, QWidget

from ghnt_desktop.services.meldcode import Tijdlijnregel
from ghnt_desktop.ui.meldcode.widgets import WrapTable, fmt_dt

COLUMNS = ("Tijdstip", "Door", "Soort", "Omschrijving", "Versie", "Stand")
VERVANGEN = "Vervangen door een nieuwere versie"
GELDIG = "Geldig"
INGETROKKEN = "Uit het dossier gehaald"


class TimelineView(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        intro = QLabel("Alles wat in dit dossier is vastgelegd, met wie en wanneer. Een correctie vervangt een oude "
                       "versie; de oude versie blijft hier staan.")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.table = WrapTable(COLUMNS, 3)  # the description takes the rest of the width, never squeezed
        self.table.setAccessibleName("Geschiedenis van het dossier")
        lay.addWidget(self.table)
        self.rows: list = []

    def set_rows(self, rows: Iterable[Tijdlijnregel]) -> None:
        self.rows = list(rows)
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            if r.ingetrokken:
                stand = INGETROKKEN
            elif r.vervangen:
                stand = VERVANGEN
            else:
                stand = GELDIG
            cells = (fmt_dt(r.tijdstip), r.auteur_naam, r.label, r.omschrijving, str(r.versie), stand)
            for j, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if r.vervangen:
                    f = item.font()
                    f.setStrikeOut(j == 3)
                    item.setFont(f)
                self.table.setItem(i, j, item)
        self.table.fit()

    def clear(self) -> None:
        self.rows = []
        self.table.setRowCount(0)

    def texts(self) -> list[list[str]]:
        return [[self.table.item(i, j).text() for j in range(self.table.columnCount())]
                for i in range(self.table.rowCount())]
