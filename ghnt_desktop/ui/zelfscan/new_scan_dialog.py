"""A new zelfscan: for a team (and the gemeenten it is about) or, for a manager, for the gemeente itself;
peildatum, participants and their roles."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
                               QRadioButton, QVBoxLayout, QWidget)

from ghnt_desktop.domain.zelfscan import MAX_DEELNEMERNAAM, Deelnemer, DeelnemerRol
from ghnt_desktop.errors import UserError
from ghnt_desktop.ui.zelfscan.common import CatalogNotice, team_type_label


def geen_team_tekst(ws) -> str:
    """What is missing when there is no team to choose (said instead of a disabled button without reason)."""
    from ghnt_desktop.domain.roles import Actie
    from ghnt_desktop.ui.zelfscan.common import may

    if may(ws, Actie.ZELFSCAN_ALLE):
        return "Er zijn nog geen teams. Vraag de beheerder om teams te maken (Beheer › Teams)."
    return "Je hoort bij geen enkel team. Vraag de beheerder om je aan een team te koppelen."


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
    """After ``accepted``: ``self.scan_id`` is the new scan.

    A manager (who may make gemeente scans) first chooses "Voor een team" or "Voor de gemeente".
    """

    def __init__(self, ws, svc, parent=None, *, team_id: int | None = None, voor_gemeente: bool = False) -> None:
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
        self.teams = svc.teams(ws)  # active teams only: archived teams are not offered
        self.gemeenten = svc.gemeenten_voor_gemeentescan(ws)
        self.voor_team_radio = QRadioButton("V&oor een team")
        self.voor_team_radio.setAccessibleName("Zelfscan voor een team")
        self.voor_gemeente_radio = QRadioButton("Voor de gemeente &zelf")
        self.voor_gemeente_radio.setAccessibleName("Zelfscan voor de gemeente zelf")
        self.soort_group = QButtonGroup(self)
        self.soort_group.addButton(self.voor_team_radio)
        self.soort_group.addButton(self.voor_gemeente_radio)
        soort_row = QWidget()
        soort_lay = QHBoxLayout(soort_row)
        soort_lay.setContentsMargins(0, 0, 0, 0)
        soort_lay.addWidget(self.voor_team_radio)
        soort_lay.addWidget(self.voor_gemeente_radio)
        soort_lay.addStretch(1)
        self.soort_label = QLabel("Voor wie:")
        form.addRow(self.soort_label, soort_row)
        self.soort_uitleg = QLabel("Een zelfscan voor de gemeente vult de beleidsadviseur of manager in. Hij gaat "
                                   "alleen over de standaarden voor de gemeente.")
        self.soort_uitleg.setWordWrap(True)
        form.addRow(self.soort_uitleg)
        self.gemeente_combo = QComboBox()
        self.gemeente_combo.setAccessibleName("Gemeente van de zelfscan")
        for code, naam in self.gemeenten:
            self.gemeente_combo.addItem(f"{naam} ({code})", code)
        self.gemeente_label = self._buddy("Gemeente van &de zelfscan:", self.gemeente_combo)
        form.addRow(self.gemeente_label, self.gemeente_combo)
        for w in (self.soort_label, soort_row, self.soort_uitleg):
            w.setVisible(bool(self.gemeenten))
        self.team_combo = QComboBox()
        self.team_combo.setAccessibleName("Team")
        for t in self.teams:
            self.team_combo.addItem(f"{t.naam} ({team_type_label(t.type)})", t.id)
        if team_id is not None and self.team_combo.findData(team_id) >= 0:
            self.team_combo.setCurrentIndex(self.team_combo.findData(team_id))
        self.team_label = self._buddy("Tea&m:", self.team_combo)
        form.addRow(self.team_label, self.team_combo)
        self.gemeente_list = QListWidget()
        self.gemeente_list.setAccessibleName("Gemeenten waar de zelfscan over gaat (vink aan met de spatiebalk)")
        self.gemeente_list.setMaximumHeight(self.fontMetrics().height() * 6)
        self.gemeente_list_label = self._buddy("&Gemeenten:", self.gemeente_list)
        form.addRow(self.gemeente_list_label, self.gemeente_list)
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
        if voor_gemeente and self.gemeenten or (self.gemeenten and not self.teams):
            self.voor_gemeente_radio.setChecked(True)
        else:
            self.voor_team_radio.setChecked(True)
        self.voor_team_radio.setEnabled(bool(self.teams))
        self.soort_group.buttonToggled.connect(lambda *_: self._soort_gewijzigd())
        self._soort_gewijzigd()
        self.resize(620, 600)

    @property
    def voor_gemeente(self) -> bool:
        return bool(self.gemeenten) and self.voor_gemeente_radio.isChecked()

    def _soort_gewijzigd(self) -> None:
        gemeente = self.voor_gemeente
        for w in (self.gemeente_label, self.gemeente_combo):
            w.setVisible(gemeente)
        for w in (self.team_label, self.team_combo, self.gemeente_list_label, self.gemeente_list):
            w.setVisible(not gemeente)
        self.error.clear()
        if not gemeente and not self.teams:
            self.error.setText(geen_team_tekst(self.ws))
        self.ok_button.setEnabled(gemeente or bool(self.teams))

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
        q = self.peildatum_edit.date()
        if self.voor_gemeente:
            try:
                self.scan_id = self.svc.maak_gemeentescan(
                    self.ws, gemeente_code=self.gemeente_combo.currentData(),
                    peildatum=date(q.year(), q.month(), q.day()), deelnemers=self.participants.deelnemers())
            except UserError as exc:
                self.error.setText(str(exc))
                return
            self.accept()
            return
        team_id = self.team_combo.currentData()
        if team_id is None:
            self.error.setText("Kies een team.")
            return
        codes = self.gemeente_codes()
        if self.gemeente_list.count() and not codes:
            self.error.setText("Kies minstens één gemeente.")
            self.gemeente_list.setFocus()
            return
        try:
            self.scan_id = self.svc.maak_scan(
                self.ws, team_id=team_id, peildatum=date(q.year(), q.month(), q.day()),
                deelnemers=self.participants.deelnemers(), gemeente_codes=codes or None)
        except UserError as exc:
            self.error.setText(str(exc))
            return
        self.accept()
