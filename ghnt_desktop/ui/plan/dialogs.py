"""Dialogs of the plan screen: a new plan, one action (with progress notes), vaststellen.

Each dialog is opened with ``open()`` (window-modal, the event loop keeps running) and saves
through the plan service itself; the page listens to ``accepted``.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
                               QPushButton, QScrollArea, QSpinBox, QVBoxLayout, QWidget)

from ghnt_desktop.domain.plan import ACTIESTATUS_LABELS, ActieStatus
from ghnt_desktop.ui.plan.common import ErrorLabel, OptionalDate, datum_kort, date_edit, from_qdate, service


def scan_text(s) -> str:
    return f"{s.team_naam} – peildatum {datum_kort(s.peildatum)} (versie {s.versie})"


def fill_scan_list(widget: QListWidget, beschikbaar, gekozen_ids) -> None:
    widget.clear()
    for s in beschikbaar:
        item = QListWidgetItem(scan_text(s))
        item.setData(Qt.ItemDataRole.UserRole, s.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if s.id in gekozen_ids else Qt.CheckState.Unchecked)
        widget.addItem(item)


def checked_ids(widget: QListWidget) -> list:
    return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked]


class NieuwPlanDialog(QDialog):
    """Make a concept plan for a gemeente: year, the zelfscans to build on, datalab on/off."""

    def __init__(self, ws, gemeente_code: str, gemeente_naam: str, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.gemeente_code = gemeente_code
        self.plan_id: int | None = None
        self.setWindowTitle(f"Nieuw plan van aanpak – {gemeente_naam}")
        self.setAccessibleName("Nieuw plan van aanpak")
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(f"Je maakt een plan van aanpak voor <b>{gemeente_naam}</b>. "
                             "Het plan begint als concept. Je kunt alles later nog aanpassen."))
        form = QFormLayout()
        self.jaar_spin = QSpinBox()
        self.jaar_spin.setRange(2000, 2100)
        self.jaar_spin.setValue(date.today().year)
        self.jaar_spin.setAccessibleName("Jaar van het plan")
        form.addRow("&Jaar:", self.jaar_spin)
        self.datalab_check = QCheckBox("Cijfers van de meldcode toevoegen (datalab, zonder namen)")
        self.datalab_check.setAccessibleName("Datalab-cijfers toevoegen")
        form.addRow("", self.datalab_check)
        lay.addLayout(form)
        lay.addWidget(QLabel("Op welke vastgestelde zelfscans bouwt het plan? (één per team)"))
        self.scan_list = QListWidget()
        self.scan_list.setAccessibleName("Zelfscans voor het plan")
        lay.addWidget(self.scan_list, 1)
        self.error = ErrorLabel()
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = self.buttons.addButton("Plan &maken", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        ps = service()
        try:
            beschikbaar = ps.beschikbare_scans(ws, gemeente_code)
            standaard = {s.id for s in ps.standaard_scans(ws, gemeente_code)}
        except Exception as exc:  # noqa: BLE001 - shown in Dutch
            beschikbaar, standaard = [], set()
            self.error.show_error(exc)
        fill_scan_list(self.scan_list, beschikbaar, standaard)
        if not beschikbaar:
            self.error.setText("Er is nog geen vastgestelde zelfscan van een team in deze gemeente. "
                               "Stel eerst een zelfscan vast; daarna kun je een plan maken.")
            self.error.show()
            self.create_button.setEnabled(False)
        self.resize(560, 420)

    def create(self) -> None:
        self.error.clear_error()
        try:
            self.plan_id = service().maak_plan(self.ws, self.gemeente_code, jaar=self.jaar_spin.value(),
                                               scan_ids=checked_ids(self.scan_list),
                                               datalab=self.datalab_check.isChecked())
        except Exception as exc:  # noqa: BLE001
            self.error.show_error(exc)
            return
        self.accept()


class ActieDialog(QDialog):
    """Add or change one action. Progress notes typed here are saved together with the action."""

    def __init__(self, ws, plan_id: int, *, actie=None, standaarden=(),
                 themas: list[str] = (), voorstel: dict | None = None, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.plan_id = plan_id
        self.actie = actie
        self.actie_id: int | None = actie.id if actie is not None else None
        self.nieuwe_notities: list[tuple[date, str]] = []
        self.setWindowTitle("Actie wijzigen" if actie is not None else "Nieuwe actie")
        self.setAccessibleName(self.windowTitle())
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        form = QFormLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        self.omschrijving_edit = QPlainTextEdit()
        self.omschrijving_edit.setAccessibleName("Wat gaan we doen")
        self.omschrijving_edit.setTabChangesFocus(True)
        self.omschrijving_edit.setFixedHeight(70)
        form.addRow("&Wat gaan we doen?", self.omschrijving_edit)

        self.standaard_list = QListWidget()
        self.standaard_list.setAccessibleName("Standaarden bij deze actie")
        self.standaard_list.setFixedHeight(110)
        for s in standaarden:
            item = QListWidgetItem(f"{s.id} {s.titel}")
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, s.thema)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.standaard_list.addItem(item)
        form.addRow("&Standaarden:", self.standaard_list)

        self.thema_combo = QComboBox()
        self.thema_combo.setEditable(True)
        self.thema_combo.setAccessibleName("Thema")
        self.thema_combo.addItem("")
        self.thema_combo.addItems(list(themas))
        form.addRow("&Thema:", self.thema_combo)

        self.profiel = service().regiovisie(ws)
        self.actielijn_combo = QComboBox()
        self.actielijn_combo.setAccessibleName("Actielijn van het regionale plan")
        self.actielijn_combo.setAccessibleDescription(f"De actielijnen van {self.profiel.naam}")
        self.actielijn_combo.addItem("(geen)", None)
        for lijn in self.profiel.actielijnen:
            tekst = f"{lijn.nummer}. {lijn.titel}" if lijn.nummer else lijn.titel
            self.actielijn_combo.addItem(tekst, lijn.code)
            self.actielijn_combo.setItemData(self.actielijn_combo.count() - 1, lijn.doel,
                                             Qt.ItemDataRole.ToolTipRole)
        self.actielijn_noot = QLabel()
        self.actielijn_noot.setWordWrap(True)
        self.actielijn_noot.setAccessibleName("Let op bij de actielijn")
        self.actielijn_noot.hide()
        lijn_box = QWidget()
        lijn_lay = QVBoxLayout(lijn_box)
        lijn_lay.setContentsMargins(0, 0, 0, 0)
        lijn_lay.addWidget(self.actielijn_combo)
        lijn_lay.addWidget(self.actielijn_noot)
        lijn_label = QLabel("&Actielijn:")
        lijn_label.setBuddy(self.actielijn_combo)
        form.addRow(lijn_label, lijn_box)

        self.eigenaar_edit = QLineEdit()
        self.eigenaar_edit.setAccessibleName("Trekker (eigenaar)")
        form.addRow("T&rekker:", self.eigenaar_edit)
        self.partners_edit = QLineEdit()
        self.partners_edit.setAccessibleName("Betrokken partners")
        form.addRow("&Partners:", self.partners_edit)
        self.start_edit = OptionalDate("Start")
        form.addRow("Start&datum:", self.start_edit)
        self.deadline_edit = OptionalDate("Deadline")
        form.addRow("&Deadline:", self.deadline_edit)
        self.budget_edit = QLineEdit()
        self.budget_edit.setAccessibleName("Budget")
        self.budget_edit.setPlaceholderText("Bijvoorbeeld € 5.000 voor training")
        form.addRow("&Budget:", self.budget_edit)
        self.capaciteit_edit = QLineEdit()
        self.capaciteit_edit.setAccessibleName("Capaciteit")
        self.capaciteit_edit.setPlaceholderText("Bijvoorbeeld 4 uur per week van de aandachtsfunctionaris")
        form.addRow("&Capaciteit:", self.capaciteit_edit)
        self.resultaat_edit = QPlainTextEdit()
        self.resultaat_edit.setAccessibleName("Beoogd resultaat")
        self.resultaat_edit.setTabChangesFocus(True)
        self.resultaat_edit.setFixedHeight(55)
        form.addRow("Beoogd res&ultaat:", self.resultaat_edit)
        self.indicator_edit = QLineEdit()
        self.indicator_edit.setAccessibleName("Indicator")
        self.indicator_edit.setPlaceholderText("Waaraan zie je dat het gelukt is?")
        form.addRow("&Indicator:", self.indicator_edit)
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("Status van de actie")
        for s in ActieStatus:
            self.status_combo.addItem(ACTIESTATUS_LABELS[s], s.value)
        form.addRow("Stat&us:", self.status_combo)

        voortgang = QGroupBox("Voortgang")
        vlay = QVBoxLayout(voortgang)
        self.notities_list = QListWidget()
        self.notities_list.setAccessibleName("Voortgangsnotities")
        self.notities_list.setFixedHeight(90)
        vlay.addWidget(self.notities_list)
        rij = QHBoxLayout()
        self.notitie_datum = date_edit(naam="Datum van de notitie")
        self.notitie_edit = QLineEdit()
        self.notitie_edit.setAccessibleName("Nieuwe voortgangsnotitie")
        self.notitie_edit.setPlaceholderText("Hoe gaat het met deze actie?")
        self.notitie_button = QPushButton("Notitie &toevoegen")
        self.notitie_button.clicked.connect(self.add_note)
        rij.addWidget(self.notitie_datum)
        rij.addWidget(self.notitie_edit, 1)
        rij.addWidget(self.notitie_button)
        vlay.addLayout(rij)
        form.addRow(voortgang)

        self.error = ErrorLabel()
        outer.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton("&Opslaan", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

        if actie is not None:
            self._fill(actie)
        elif voorstel:
            self._fill_voorstel(voorstel)
        self.resize(640, 700)

    # --- filling -----------------------------------------------------------
    def _check_standaarden(self, ids) -> None:
        ids = set(ids)
        for i in range(self.standaard_list.count()):
            item = self.standaard_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in ids:
                item.setCheckState(Qt.CheckState.Checked)
                ids.discard(item.data(Qt.ItemDataRole.UserRole))
        for sid in sorted(ids):  # a standard that is not in the current catalogue stays linked
            item = QListWidgetItem(sid)
            item.setData(Qt.ItemDataRole.UserRole, sid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.standaard_list.addItem(item)

    def _fill(self, a) -> None:
        self.omschrijving_edit.setPlainText(a.omschrijving)
        self._check_standaarden(a.standaard_ids)
        self.thema_combo.setCurrentText(a.thema)
        self._set_actielijn(a.actielijn)
        self.eigenaar_edit.setText(a.eigenaar)
        self.partners_edit.setText(a.partners)
        self.start_edit.set_value(a.start)
        self.deadline_edit.set_value(a.deadline)
        self.budget_edit.setText(a.budget)
        self.capaciteit_edit.setText(a.capaciteit)
        self.resultaat_edit.setPlainText(a.beoogd_resultaat)
        self.indicator_edit.setText(a.indicator)
        self.status_combo.setCurrentIndex(self.status_combo.findData(a.status.value))
        for n in a.voortgang:
            self.notities_list.addItem(f"{datum_kort(n.datum)}: {n.notitie}")

    def _set_actielijn(self, code: str | None) -> None:
        """Select the action's line; a code that is not in the current profile is kept and explained."""
        if code and self.actielijn_combo.findData(code) < 0:
            from ghnt_desktop.domain.regiovisie import NIET_IN_INDELING, NOOT_ONBEKEND

            self.actielijn_combo.addItem(f"{code} ({NIET_IN_INDELING})", code)
            self.actielijn_noot.setText(NOOT_ONBEKEND)
            self.actielijn_noot.show()
        self.actielijn_combo.setCurrentIndex(max(0, self.actielijn_combo.findData(code)))

    def _fill_voorstel(self, v: dict) -> None:
        self.omschrijving_edit.setPlainText(v.get("omschrijving", ""))
        self._check_standaarden(v.get("standaard_ids", ()))
        self.thema_combo.setCurrentText(v.get("thema", ""))

    # --- actions -----------------------------------------------------------
    def add_note(self) -> None:
        tekst = self.notitie_edit.text().strip()
        if not tekst:
            self.error.setText("Schrijf eerst op hoe het met de actie gaat.")
            self.error.show()
            return
        self.error.clear_error()
        datum = from_qdate(self.notitie_datum.date())
        self.nieuwe_notities.append((datum, tekst))
        self.notities_list.addItem(f"{datum_kort(datum)}: {tekst} (nog niet opgeslagen)")
        self.notitie_edit.clear()

    def velden(self):
        ActieVelden = service().ActieVelden
        lijn = self.actielijn_combo.currentData()
        ids = [self.standaard_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.standaard_list.count())
               if self.standaard_list.item(i).checkState() == Qt.CheckState.Checked]
        return ActieVelden(
            omschrijving=self.omschrijving_edit.toPlainText(), standaard_ids=tuple(ids),
            thema=self.thema_combo.currentText(), actielijn=lijn or None,
            eigenaar=self.eigenaar_edit.text(), partners=self.partners_edit.text(), start=self.start_edit.value(),
            deadline=self.deadline_edit.value(), budget=self.budget_edit.text(),
            capaciteit=self.capaciteit_edit.text(), beoogd_resultaat=self.resultaat_edit.toPlainText(),
            indicator=self.indicator_edit.text(), status=ActieStatus(self.status_combo.currentData()))

    def save(self) -> None:
        self.error.clear_error()
        ps = service()
        if self.notitie_edit.text().strip():  # a typed but not yet added note is not lost
            self.add_note()
        try:
            velden = self.velden()
            if self.actie_id is None:
                self.actie_id = ps.voeg_actie_toe(self.ws, self.plan_id, velden)
            else:
                self.actie_id = ps.wijzig_actie(self.ws, self.actie_id, velden)
            while self.nieuwe_notities:
                datum, tekst = self.nieuwe_notities[0]
                self.actie_id = ps.voeg_voortgang_toe(self.ws, self.actie_id, datum, tekst)
                self.nieuwe_notities.pop(0)
        except Exception as exc:  # noqa: BLE001
            self.error.show_error(exc)
            return
        self.accept()


class VaststellenDialog(QDialog):
    """Record who adopted the plan and when. After this the version cannot change."""

    STANDAARD_DOOR = "College van burgemeester en wethouders"

    def __init__(self, ws, plan_id: int, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.plan_id = plan_id
        self.setWindowTitle("Plan vaststellen")
        self.setAccessibleName("Plan vaststellen")
        lay = QVBoxLayout(self)
        uitleg = QLabel("Is het plan vastgesteld? Vul in door wie en wanneer. Daarna kan deze versie niet meer "
                        "veranderen. Wil je later iets aanpassen, dan maak je een nieuwe versie.")
        uitleg.setWordWrap(True)
        lay.addWidget(uitleg)
        form = QFormLayout()
        self.door_edit = QLineEdit(self.STANDAARD_DOOR)
        self.door_edit.setAccessibleName("Vastgesteld door")
        form.addRow("Vastgesteld &door:", self.door_edit)
        self.op_edit = date_edit(naam="Datum van vaststellen")
        form.addRow("&Datum:", self.op_edit)
        lay.addLayout(form)
        self.error = ErrorLabel()
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton("&Vaststellen", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.vaststellen)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

    def vaststellen(self) -> None:
        self.error.clear_error()
        try:
            service().stel_vast(self.ws, self.plan_id, door=self.door_edit.text(), op=from_qdate(self.op_edit.date()))
        except Exception as exc:  # noqa: BLE001
            self.error.show_error(exc)
            return
        self.accept()
