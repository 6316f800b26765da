"""Audit trail views: "Wie heeft dit dossier ingezien?" and the Logboek for the beheerder.

For the meldcode screen: ``InzageDialog(ws, "meldcode_dossier", dossier_id, parent).exec()``.
The dialog asks the service (which checks Actie.DOSSIER_INZAGELOG and records
that the log was looked at); when that is refused, ``self.geweigerd`` holds the
Dutch reason and the table stays empty. Nothing here shows case content: the
audit trail holds none.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ghnt_desktop.domain import datum
from ghnt_desktop.errors import UserError
from ghnt_desktop.ui.a11y import MessageLabel
from ghnt_desktop.ui.datum_veld import DatumVeld
from ghnt_desktop.ui.flow import FlowLayout


def _table(headers: list[str], name: str) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setAccessibleName(name)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    t.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move inside
    t.verticalHeader().setVisible(False)
    from ghnt_desktop.ui.indeling import ColumnFit

    t.column_fit = ColumnFit(t)
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
        self.status = MessageLabel("Melding")
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
            self.status.error = True
            self.status.style().polish(self.status)
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
        # filters: label and field stay together; the groups wrap at a large text size
        filters = FlowLayout()
        self.actie_combo = QComboBox()
        self.actie_combo.setAccessibleName("Filter op handeling")
        self.account_combo = QComboBox()
        self.account_combo.setAccessibleName("Filter op persoon")
        self.type_combo = QComboBox()
        self.type_combo.setAccessibleName("Filter op soort")
        self.id_edit = QLineEdit()
        self.id_edit.setAccessibleName("Filter op nummer")
        self.id_edit.setPlaceholderText("nummer van dossier of account")
        vandaag = date.today()
        grenzen = datum.Grenzen(maximum=vandaag, reden_max="Het logboek heeft nog geen regels van na vandaag.")
        # empty date fields: no bound (Alt+letters: not A, B, V or H, those are the main window's)
        self.van_edit = DatumVeld("Vanaf datum", grenzen=grenzen)
        self.tot_edit = DatumVeld("Tot en met datum", grenzen=grenzen)
        for label, w in (("Hande&ling:", self.actie_combo), ("&Persoon:", self.account_combo),
                         ("S&oort:", self.type_combo), ("&Nummer:", self.id_edit), ("Vana&f:", self.van_edit),
                         ("&Tot en met:", self.tot_edit)):
            group = QWidget()
            row = QHBoxLayout(group)
            row.setContentsMargins(0, 0, 0, 0)
            lab = QLabel(label)
            lab.setBuddy(w)
            row.addWidget(lab)
            row.addWidget(w, 1)
            if isinstance(w, QComboBox):
                w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                w.setMinimumContentsLength(14)
            filters.addWidget(group)
        self.search_button = QPushButton("&Zoeken")
        self.search_button.setAccessibleName("Zoeken in het logboek")
        self.search_button.clicked.connect(self.load)
        filters.addWidget(self.search_button)
        lay.addLayout(filters)
        self.status = MessageLabel("Aantal regels")
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

        for field in (self.van_edit, self.tot_edit):
            if not field.is_valid():
                self.status.setText(f"{field.naam}: {field.problem()}")
                field.setFocus()
                return
        try:
            if not self._choices_loaded:
                self._load_choices()
            regels = logboek(
                self.ws, actie=self.actie_combo.currentData(), account_id=self.account_combo.currentData(),
                object_type=self.type_combo.currentData(), object_id=self.id_edit.text().strip() or None,
                van=self.van_edit.value(), tot=self.tot_edit.value())
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
