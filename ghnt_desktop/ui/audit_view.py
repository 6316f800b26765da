"""Audit trail views: "Wie heeft dit dossier ingezien?" and the Logboek for the beheerder.

For the meldcode screen: ``InzageDialog(ws, "meldcode_dossier", dossier_id, parent).exec()``.
The dialog asks the service (which checks Actie.DOSSIER_INZAGELOG and records
that the log was looked at); when that is refused, ``self.geweigerd`` holds the
Dutch reason and the table stays empty. Nothing here shows case content: the
audit trail holds none.
"""
from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from ghnt_desktop.errors import UserError


def _table(headers: list[str], name: str) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setAccessibleName(name)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def _fill(table: QTableWidget, rows: list[tuple]) -> None:
    table.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            table.setItem(i, j, QTableWidgetItem(str(v)))


class InzageDialog(QDialog):
    """Who looked at or changed one object (a dossier), oldest first."""

    HEADERS = ["Wanneer", "Wie", "Wat", "Resultaat", "Computer"]

    def __init__(self, ws, object_type: str, object_id, parent=None, *, titel: str = "Wie heeft dit dossier ingezien?"):
        super().__init__(parent)
        self.ws = ws
        self.object_type = object_type
        self.object_id = str(object_id)
        self.geweigerd: str | None = None
        self.setWindowTitle(titel)
        self.setAccessibleName(titel)
        lay = QVBoxLayout(self)
        intro = QLabel("Hier zie je wie dit dossier heeft geopend, gewijzigd of geëxporteerd, en wanneer. "
                       "Ook dat je dit nu bekijkt, komt in het logboek.")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Melding")
        lay.addWidget(self.status)
        self.table = _table(self.HEADERS, "Inzage in dit dossier")
        lay.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Sluiten")
        lay.addWidget(buttons)
        self.resize(760, 420)
        self.load()

    def load(self) -> None:
        from ghnt_desktop.services.logboek import wie_heeft_ingezien

        try:
            regels = wie_heeft_ingezien(self.ws, self.object_type, self.object_id)
        except UserError as exc:
            self.geweigerd = str(exc)
            self.status.setObjectName("foutmelding")
            self.status.setText(self.geweigerd)
            _fill(self.table, [])
            return
        _fill(self.table, [(r.tijd, r.wie + (f" (namens {r.namens})" if r.namens else ""), r.actie_label,
                            r.resultaat_label, r.herkomst) for r in regels])
        self.status.setText(f"{len(regels)} regels gevonden." if regels else "Er staat nog niets in het logboek over dit dossier.")


class LogboekWidget(QWidget):
    """The whole audit trail with filters (beheerder). No case content: only who, what, which object, when."""

    HEADERS = ["Wanneer", "Wie", "Wat", "Soort", "Nummer", "Resultaat", "Computer"]

    def __init__(self, ws, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        lay = QVBoxLayout(self)
        intro = QLabel("Het logboek laat zien wie wat deed en wanneer. Het bevat geen inhoud van dossiers. "
                       "Regels kunnen niet worden gewijzigd of verwijderd.")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        row1 = QHBoxLayout()
        self.actie_combo = QComboBox()
        self.actie_combo.setAccessibleName("Filter op handeling")
        self.account_combo = QComboBox()
        self.account_combo.setAccessibleName("Filter op persoon")
        self.type_combo = QComboBox()
        self.type_combo.setAccessibleName("Filter op soort")
        for label, w in (("&Handeling:", self.actie_combo), ("&Persoon:", self.account_combo),
                         ("S&oort:", self.type_combo)):
            lab = QLabel(label)
            lab.setBuddy(w)
            row1.addWidget(lab)
            row1.addWidget(w, 1)
        lay.addLayout(row1)
        row2 = QHBoxLayout()
        self.id_edit = QLineEdit()
        self.id_edit.setAccessibleName("Filter op nummer")
        self.id_edit.setPlaceholderText("nummer van dossier of account")
        lab = QLabel("&Nummer:")
        lab.setBuddy(self.id_edit)
        row2.addWidget(lab)
        row2.addWidget(self.id_edit, 1)
        self.van_check = QCheckBox("&Vanaf")
        self.van_edit = QDateEdit(QDate.currentDate().addMonths(-1))
        self.tot_check = QCheckBox("&Tot en met")
        self.tot_edit = QDateEdit(QDate.currentDate())
        for cb, de, name in ((self.van_check, self.van_edit, "Vanaf datum"), (self.tot_check, self.tot_edit,
                                                                              "Tot en met datum")):
            de.setCalendarPopup(True)
            de.setDisplayFormat("dd-MM-yyyy")
            de.setAccessibleName(name)
            cb.setAccessibleName(f"{name} gebruiken")
            row2.addWidget(cb)
            row2.addWidget(de)
        self.search_button = QPushButton("&Zoeken")
        self.search_button.setAccessibleName("Zoeken in het logboek")
        self.search_button.clicked.connect(self.load)
        row2.addWidget(self.search_button)
        lay.addLayout(row2)
        self.status = QLabel("")
        self.status.setAccessibleName("Aantal regels")
        lay.addWidget(self.status)
        self.table = _table(self.HEADERS, "Logboek")
        lay.addWidget(self.table, 1)
        self._choices_loaded = False

    def _load_choices(self) -> None:
        from ghnt_desktop.services.logboek import filterkeuzes

        keuzes = filterkeuzes(self.ws)
        for combo, key in ((self.actie_combo, "acties"), (self.account_combo, "accounts"),
                           (self.type_combo, "object_types")):
            current = combo.currentData()
            combo.clear()
            combo.addItem("(alle)", None)
            for value, label in keuzes[key]:
                combo.addItem(label, value)
            idx = combo.findData(current)
            combo.setCurrentIndex(max(0, idx))
        self._choices_loaded = True

    def load(self) -> None:
        from ghnt_desktop.services.logboek import logboek

        try:
            if not self._choices_loaded:
                self._load_choices()
            regels = logboek(
                self.ws, actie=self.actie_combo.currentData(), account_id=self.account_combo.currentData(),
                object_type=self.type_combo.currentData(), object_id=self.id_edit.text().strip() or None,
                van=self.van_edit.date().toPython() if self.van_check.isChecked() else None,
                tot=self.tot_edit.date().toPython() if self.tot_check.isChecked() else None)
        except UserError as exc:
            self.status.setText(str(exc))
            _fill(self.table, [])
            return
        _fill(self.table, [(r.tijd, r.wie + (f" (namens {r.namens})" if r.namens else ""), r.actie_label,
                            r.object_type.replace("_", " "), r.object_id, r.resultaat_label, r.herkomst)
                           for r in regels])
        self.status.setText(f"{len(regels)} regels (nieuwste eerst).")

    def clear(self) -> None:
        _fill(self.table, [])
        self.status.setText("")
