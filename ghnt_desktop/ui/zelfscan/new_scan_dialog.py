"""A new zelfscan: team, the gemeenten it is about, peildatum, participants and their roles."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from ghnt_desktop.domain.zelfscan import MAX_DEELNEMERNAAM, Deelnemer, DeelnemerRol
from ghnt_desktop.errors import UserError
from ghnt_desktop.ui.zelfscan.common import CatalogNotice, team_type_label


def deelnemer_text(d: Deelnemer) -> str:
    return f"{d.rol.label}: {d.naam}" if d.naam else f"{d.rol.label} (zonder naam)"


class ParticipantsEditor(QWidget):
    """Who took part, with their role. Names are optional (and not exchanged unless chosen)."""

    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Deelnemers")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.rol_combo = QComboBox()
        self.rol_combo.setAccessibleName("Rol van de deelnemer")
        for rol in DeelnemerRol:
            self.rol_combo.addItem(rol.label, rol.value)
        rlabel = QLabel("&Rol:")
        rlabel.setBuddy(self.rol_combo)
        row.addWidget(rlabel)
        row.addWidget(self.rol_combo)
        self.naam_edit = QLineEdit()
        self.naam_edit.setMaxLength(MAX_DEELNEMERNAAM)
        self.naam_edit.setAccessibleName("Naam van de deelnemer (mag leeg blijven)")
        self.naam_edit.setPlaceholderText("Bijvoorbeeld: Sanne")
        nlabel = QLabel("Naam (ni&et verplicht):")
        nlabel.setBuddy(self.naam_edit)
        row.addWidget(nlabel)
        row.addWidget(self.naam_edit, 1)
        self.add_button = QPushButton("&Toevoegen")
        self.add_button.setAccessibleName("Deelnemer toevoegen")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_current)
        row.addWidget(self.add_button)
        lay.addLayout(row)
        self.list = QListWidget()
        self.list.setAccessibleName("Lijst van deelnemers")
        lay.addWidget(self.list)
        self.remove_button = QPushButton("Ver&wijderen")
        self.remove_button.setAccessibleName("Gekozen deelnemer verwijderen")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_current)
        row2 = QHBoxLayout()
        row2.addWidget(self.remove_button)
        row2.addStretch(1)
        lay.addLayout(row2)
        self._update_buttons()
        self.list.currentRowChanged.connect(lambda _r: self._update_buttons())

    def add_current(self) -> None:
        naam = " ".join(self.naam_edit.text().split()) or None
        self.add(Deelnemer(DeelnemerRol(self.rol_combo.currentData()), naam))
        self.naam_edit.clear()

    def add(self, d: Deelnemer) -> None:
        item = QListWidgetItem(deelnemer_text(d))
        item.setData(Qt.ItemDataRole.UserRole, d)
        self.list.addItem(item)
        self.list.setCurrentItem(item)
        self._update_buttons()
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self._update_buttons()
            self.changed.emit()

    def deelnemers(self) -> list[Deelnemer]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def set_deelnemers(self, deelnemers) -> None:
        self.list.clear()
        for d in deelnemers:
            item = QListWidgetItem(deelnemer_text(d))
            item.setData(Qt.ItemDataRole.UserRole, d)
            self.list.addItem(item)
        self._update_buttons()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for w in (self.rol_combo, self.naam_edit, self.add_button):
            w.setEnabled(not read_only)
        self._update_buttons()

    def _update_buttons(self) -> None:
        ro = getattr(self, "_read_only", False)
        self.remove_button.setEnabled(not ro and self.list.currentRow() >= 0)


class NewScanDialog(QDialog):
    """After ``accepted``: ``self.scan_id`` is the new scan."""

    def __init__(self, ws, svc, parent=None, *, team_id: int | None = None) -> None:
        super().__init__(parent)
        self.ws, self.svc = ws, svc
        self.scan_id: int | None = None
        self.setWindowTitle("Nieuwe zelfscan")
        self.setAccessibleName("Nieuwe zelfscan")
        lay = QVBoxLayout(self)
        intro = QLabel("Een zelfscan doe je met het hele team, of met een groep uit het team. Kies het team, "
                       "de gemeenten waar het over gaat en de peildatum. Schrijf op wie er meedoen.")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.catalog_notice = CatalogNotice(prefix="De zelfscan gebruikt")
        try:
            self.catalog_notice.set_catalog(svc.nieuwste_catalogus(ws))
        except UserError as exc:
            self.catalog_notice.setText(str(exc))
        lay.addWidget(self.catalog_notice)
        form = QFormLayout()
        self.team_combo = QComboBox()
        self.team_combo.setAccessibleName("Team")
        self.teams = svc.teams(ws)
        for t in self.teams:
            self.team_combo.addItem(f"{t.naam} ({team_type_label(t.type)})", t.id)
        if team_id is not None and self.team_combo.findData(team_id) >= 0:
            self.team_combo.setCurrentIndex(self.team_combo.findData(team_id))
        form.addRow(self._buddy("Tea&m:", self.team_combo), self.team_combo)
        self.gemeente_list = QListWidget()
        self.gemeente_list.setAccessibleName("Gemeenten waar de zelfscan over gaat (vink aan met de spatiebalk)")
        self.gemeente_list.setMaximumHeight(self.fontMetrics().height() * 6)
        form.addRow(self._buddy("&Gemeenten:", self.gemeente_list), self.gemeente_list)
        self.peildatum_edit = QDateEdit(QDate.currentDate())
        self.peildatum_edit.setDisplayFormat("dd-MM-yyyy")
        self.peildatum_edit.setCalendarPopup(True)
        self.peildatum_edit.setAccessibleName("Peildatum")
        form.addRow(self._buddy("&Peildatum:", self.peildatum_edit), self.peildatum_edit)
        lay.addLayout(form)
        plabel = QLabel("Deelnemers (namen zijn niet verplicht):")
        lay.addWidget(plabel)
        self.participants = ParticipantsEditor()
        plabel.setBuddy(self.participants.rol_combo)
        lay.addWidget(self.participants)
        self.error = QLabel()
        self.error.setObjectName("foutmelding")
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Foutmelding")
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Zelfscan ma&ken")
        self.ok_button.setAccessibleName("Zelfscan maken")
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.team_combo.currentIndexChanged.connect(self._fill_gemeenten)
        self._fill_gemeenten()
        if not self.teams:
            self.error.setText("Je hoort bij geen enkel team. Vraag de beheerder om je aan een team te koppelen.")
            self.ok_button.setEnabled(False)
        self.resize(620, 560)

    def _buddy(self, text: str, w: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(w)
        return label

    def _fill_gemeenten(self) -> None:
        self.gemeente_list.clear()
        team = next((t for t in self.teams if t.id == self.team_combo.currentData()), None)
        for code, naam in (team.gemeenten if team else []):
            item = QListWidgetItem(f"{naam} ({code})")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.gemeente_list.addItem(item)
        if self.gemeente_list.count():
            self.gemeente_list.setCurrentRow(0)

    def gemeente_codes(self) -> list[str]:
        return [self.gemeente_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.gemeente_list.count())
                if self.gemeente_list.item(i).checkState() == Qt.CheckState.Checked]

    def create(self) -> None:
        team_id = self.team_combo.currentData()
        if team_id is None:
            self.error.setText("Kies een team.")
            return
        codes = self.gemeente_codes()
        if self.gemeente_list.count() and not codes:
            self.error.setText("Kies minstens één gemeente.")
            self.gemeente_list.setFocus()
            return
        q = self.peildatum_edit.date()
        try:
            self.scan_id = self.svc.maak_scan(
                self.ws, team_id=team_id, peildatum=date(q.year(), q.month(), q.day()),
                deelnemers=self.participants.deelnemers(), gemeente_codes=codes or None)
        except UserError as exc:
            self.error.setText(str(exc))
            return
        self.accept()
