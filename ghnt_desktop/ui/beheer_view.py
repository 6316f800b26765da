"""Beheer: workspace facts, accounts and their roles (more management follows with the accounts issue)."""
from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget



class BeheerView(QWidget):
    def __init__(self, ws, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        lay = QVBoxLayout(self)
        gemeenten = ", ".join(f"{n} ({c})" for c, n in ws.gemeenten())
        info = QLabel(f"<h2>Beheer</h2><p><b>Organisatie:</b> {ws.organisatie}<br><b>Gemeenten:</b> {gemeenten}"
                      f"<br><b>Gegevensmap:</b> {ws.data_dir}</p>")
        info.setWordWrap(True)
        lay.addWidget(info)
        lay.addWidget(QLabel("<b>Accounts</b>"))
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName("Accounts")
        self.table.setHorizontalHeaderLabels(["Naam", "Inlognaam", "Rollen"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        lay.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        from ghnt_desktop.services import accounts

        rows = accounts.lijst(self.ws)
        self.table.setRowCount(len(rows))
        for i, a in enumerate(rows):
            rollen = ", ".join(r.label for r in sorted(a.rollen))
            for j, v in enumerate((a.naam, a.login, rollen)):
                self.table.setItem(i, j, QTableWidgetItem(v))
