"""Geschiedenis: every record and version with author and time; replaced versions say so in words."""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from ghnt_desktop.services.meldcode import Tijdlijnregel
from ghnt_desktop.ui.meldcode.widgets import fmt_dt

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
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Geschiedenis van het dossier")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
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
        self.table.resizeRowsToContents()

    def clear(self) -> None:
        self.rows = []
        self.table.setRowCount(0)

    def texts(self) -> list[list[str]]:
        return [[self.table.item(i, j).text() for j in range(self.table.columnCount())]
                for i in range(self.table.rowCount())]
