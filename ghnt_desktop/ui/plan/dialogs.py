"""Dialogs of the plan screen: a new plan, one action (with progress notes), vaststellen.

Each dialog is opened with ``open()`` (window-modal, the event loop keeps running) and saves
through the plan service itself; the page listens to ``accepted``.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QFrame, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QListView, QListWidget, QListWidgetItem,
                               QPlainTextEdit, QPushButton, QScrollArea, QSizePolicy, QSpinBox, QVBoxLayout, QWidget)

from ghnt_desktop.domain import datum as datumregels
from ghnt_desktop.domain.plan import ACTIESTATUS_LABELS, ActieStatus
from ghnt_desktop.ui.datum_veld import DatumVeld
from ghnt_desktop.ui.plan.common import (ErrorLabel, compact_date, datum, eerste_ongeldige, explain_below,
                                         fit_to_screen, herbereken, service)

DEADLINE_VOOR_START = "De deadline ligt vóór de startdatum. Kies een latere deadline."


def scan_text(s) -> str:
    return f"{s.team_naam} – peildatum {datum(s.peildatum)} (versie {s.versie})"


def wrapping_list(naam: str) -> QListWidget:
    """A list whose long items wrap instead of being cut off."""
    w = QListWidget()
    w.setAccessibleName(naam)
    w.setWordWrap(True)
    w.setResizeMode(QListView.ResizeMode.Adjust)
    w.setTextElideMode(Qt.TextElideMode.ElideNone)
    w.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return w


def lines_high(widget: QWidget, regels: int) -> int:
    """A height for ``regels`` lines of text of ``widget``, with its frame."""
    return widget.fontMetrics().lineSpacing() * regels + 2 * 6


def scrolling_body(outer: QVBoxLayout) -> QWidget:
    """The part of a dialog that scrolls when the screen is small; the buttons below it stay in view."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields inside take focus; the area scrolls to them
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    body = QWidget()
    scroll.setWidget(body)
    outer.addWidget(scroll, 1)
    return body


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
        outer = QVBoxLayout(self)
        body = scrolling_body(outer)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(f"Je maakt een plan van aanpak voor <b>{gemeente_naam}</b>. "
                       "Het plan begint als concept. Je kunt alles later nog aanpassen.")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.jaar_spin = QSpinBox()
        self.jaar_spin.setRange(2000, 2100)
        self.jaar_spin.setValue(date.today().year)
        self.jaar_spin.setAccessibleName("Jaar van het plan")
        self.jaar_spin.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        form.addRow("&Jaar:", self.jaar_spin)
        lay.addLayout(form)
        self.datalab_check = QCheckBox("&Cijfers van de meldcode toevoegen")
        lay.addWidget(self.datalab_check)
        lay.addWidget(explain_below(self.datalab_check, "Uit het datalab, zonder namen."))
        scans_label = QLabel("Op welke vastgestelde &zelfscans bouwt het plan? (één per team)")
        scans_label.setWordWrap(True)
        lay.addWidget(scans_label)
        self.scan_list = wrapping_list("Zelfscans voor het plan")
        self.scan_list.setMinimumHeight(lines_high(self.scan_list, 4))
        scans_label.setBuddy(self.scan_list)
        lay.addWidget(self.scan_list, 1)
        self.error = ErrorLabel()
        outer.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = self.buttons.addButton("Plan &maken", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        ps = service()
        try:
            beschikbaar = ps.beschikbare_scans(ws, gemeente_code)
            standaard = {s.id for s in ps.standaard_scans(ws, gemeente_code)}
        except Exception as exc:  # noqa: BLE001 - shown in Dutch
            beschikbaar, standaard = [], set()
            self.error.show_error(exc)
        fill_scan_list(self.scan_list, beschikbaar, standaard)
        if not beschikbaar:
            self.error.show_text("Er is nog geen vastgestelde zelfscan van een team in deze gemeente. "
                                 "Stel eerst een zelfscan vast; daarna kun je een plan maken.")
            self.create_button.setEnabled(False)
        fit_to_screen(self, 70, 22)

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
    """Add or change one action. Progress notes typed here are saved together with the action.

    The fields scroll inside the dialog when the screen is small; the error line and the buttons stay in view.
    """

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
        body = scrolling_body(outer)
        form = QFormLayout(body)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

        self.omschrijving_edit = QPlainTextEdit()
        self.omschrijving_edit.setAccessibleName("Wat gaan we doen")
        self.omschrijving_edit.setTabChangesFocus(True)
        self.omschrijving_edit.setFixedHeight(lines_high(self.omschrijving_edit, 4))
        form.addRow("&Wat gaan we doen?", self.omschrijving_edit)

        self.standaard_list = wrapping_list("Standaarden bij deze actie")
        self.standaard_list.setFixedHeight(lines_high(self.standaard_list, 5))
        for s in standaarden:
            it = QListWidgetItem(f"{s.id} {s.titel}")
            it.setData(Qt.ItemDataRole.UserRole, s.id)
            it.setData(Qt.ItemDataRole.UserRole + 1, s.thema)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Unchecked)
            self.standaard_list.addItem(it)
        form.addRow("Sta&ndaarden:", self.standaard_list)

        self.thema_combo = QComboBox()
        self.thema_combo.setEditable(True)
        self.thema_combo.setAccessibleName("Thema")
        self.thema_combo.addItem("")
        self.thema_combo.addItems(list(themas))
        _narrow_combo(self.thema_combo)
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
        _narrow_combo(self.actielijn_combo)
        self.actielijn_noot = QLabel()
        self.actielijn_noot.setWordWrap(True)
        self.actielijn_noot.setAccessibleDescription("Let op bij de actielijn")
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
        self.start_edit = compact_date(DatumVeld("Startdatum"))
        form.addRow("Start&datum:", self.start_edit)
        self.deadline_edit = compact_date(DatumVeld("Deadline"))
        form.addRow("Dead&line:", self.deadline_edit)
        self.start_edit.changed.connect(self._deadline_grenzen)
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
        self.resultaat_edit.setFixedHeight(lines_high(self.resultaat_edit, 3))
        form.addRow("Beoogd res&ultaat:", self.resultaat_edit)
        self.indicator_edit = QLineEdit()
        self.indicator_edit.setAccessibleName("Indicator")
        self.indicator_edit.setPlaceholderText("Waaraan zie je dat het gelukt is?")
        form.addRow("&Indicator:", self.indicator_edit)
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("Status van de actie")
        for s in ActieStatus:
            self.status_combo.addItem(ACTIESTATUS_LABELS[s], s.value)
        form.addRow("&Status:", self.status_combo)

        voortgang = QGroupBox("Voortgang")
        vlay = QVBoxLayout(voortgang)
        self.notities_list = wrapping_list("Voortgangsnotities")
        self.notities_list.setMinimumHeight(lines_high(self.notities_list, 4))
        vlay.addWidget(self.notities_list)
        vandaag = date.today()
        self.notitie_datum = DatumVeld("Datum van de notitie", verplicht=True, waarde=vandaag,
                                       grenzen=datumregels.niet_in_de_toekomst(vandaag, "De datum van een notitie"))
        datum_label = QLabel("Datu&m:")
        datum_label.setBuddy(self.notitie_datum)
        rij = QHBoxLayout()
        rij.addWidget(datum_label)
        rij.addWidget(self.notitie_datum)
        rij.addStretch(1)
        vlay.addLayout(rij)
        self.notitie_edit = QLineEdit()
        self.notitie_edit.setAccessibleName("Nieuwe voortgangsnotitie")
        self.notitie_edit.setPlaceholderText("Hoe gaat het met deze actie?")
        self.notitie_button = QPushButton("Notitie toe&voegen")
        self.notitie_button.clicked.connect(self.add_note)
        rij = QHBoxLayout()
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
        fit_to_screen(self, 80, 40)

    # --- filling -----------------------------------------------------------
    def _check_standaarden(self, ids) -> None:
        ids = set(ids)
        for i in range(self.standaard_list.count()):
            it = self.standaard_list.item(i)
            if it.data(Qt.ItemDataRole.UserRole) in ids:
                it.setCheckState(Qt.CheckState.Checked)
                ids.discard(it.data(Qt.ItemDataRole.UserRole))
        for sid in sorted(ids):  # a standard that is not in the current catalogue stays linked
            it = QListWidgetItem(sid)
            it.setData(Qt.ItemDataRole.UserRole, sid)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Checked)
            self.standaard_list.addItem(it)

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
            self.notities_list.addItem(f"{datum(n.datum)}: {n.notitie}")

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

    def _deadline_grenzen(self) -> None:
        """A deadline cannot lie before the start (the reason is shown under the deadline)."""
        from ghnt_desktop.domain.datum import Grenzen

        start = self.start_edit.value()
        self.deadline_edit.grenzen = (Grenzen(minimum=start, reden_min=DEADLINE_VOOR_START) if start is not None
                                      else Grenzen())
        herbereken(self.deadline_edit)

    # --- actions -----------------------------------------------------------
    def add_note(self) -> bool:
        tekst = self.notitie_edit.text().strip()
        if not tekst:
            self.error.show_text("Schrijf eerst op hoe het met de actie gaat.")
            self.notitie_edit.setFocus()
            return False
        if not self.notitie_datum.is_valid():
            self.error.show_text(f"Datum van de notitie: {self.notitie_datum.problem()}")
            self.notitie_datum.setFocus()
            return False
        d = self.notitie_datum.value()
        if d is None:  # not reached: a required, valid date field has a value
            return False
        self.error.clear_error()
        self.nieuwe_notities.append((d, tekst))
        self.notities_list.addItem(f"{datum(d)}: {tekst} (nog niet opgeslagen)")
        self.notitie_edit.clear()
        return True

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
        fout = eerste_ongeldige(self.start_edit, self.deadline_edit)
        if fout is not None:  # never save a wrong date as "no date"
            herbereken(fout)
            self.error.show_text(f"De actie is niet opgeslagen. {fout.naam}: {fout.problem()}")
            fout.setFocus()
            return
        if self.notitie_edit.text().strip() and not self.add_note():  # a typed note is not lost
            return
        try:
            velden = self.velden()
            if self.actie_id is None:
                self.actie_id = ps.voeg_actie_toe(self.ws, self.plan_id, velden)
            else:
                self.actie_id = ps.wijzig_actie(self.ws, self.actie_id, velden)
            while self.nieuwe_notities:
                d, tekst = self.nieuwe_notities[0]
                self.actie_id = ps.voeg_voortgang_toe(self.ws, self.actie_id, d, tekst)
                self.nieuwe_notities.pop(0)
        except Exception as exc:  # noqa: BLE001
            self.error.show_error(exc)
            return
        self.accept()


def _narrow_combo(combo: QComboBox) -> None:
    """A combo box as wide as its field allows, not as wide as its longest item (long items would push the
    dialog off a small screen); the list that opens shows the items in full."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)
    combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)


class VaststellenDialog(QDialog):
    """Record who adopted the plan and when. After this the version cannot change."""

    STANDAARD_DOOR = "College van burgemeester en wethouders"

    def __init__(self, ws, plan_id: int, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.plan_id = plan_id
        self.setWindowTitle("Plan vaststellen")
        self.setAccessibleName("Plan vaststellen")
        outer = QVBoxLayout(self)
        body = scrolling_body(outer)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(0, 0, 0, 0)
        uitleg = QLabel("Is het plan vastgesteld? Vul in door wie en wanneer. Daarna kan deze versie niet meer "
                        "veranderen. Wil je later iets aanpassen, dan maak je een nieuwe versie.")
        uitleg.setWordWrap(True)
        lay.addWidget(uitleg)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.door_edit = QLineEdit(self.STANDAARD_DOOR)
        self.door_edit.setAccessibleName("Vastgesteld door")
        form.addRow("Vastgesteld &door:", self.door_edit)
        vandaag = date.today()
        self.op_edit = compact_date(DatumVeld(
            "Datum van vaststellen", verplicht=True, waarde=vandaag,
            grenzen=datumregels.niet_in_de_toekomst(vandaag, "De datum van vaststellen")))
        form.addRow("&Op welke datum:", self.op_edit)
        lay.addLayout(form)
        lay.addStretch(1)
        self.error = ErrorLabel()
        outer.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton("&Vaststellen", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.vaststellen)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        fit_to_screen(self, 60, 11)

    def vaststellen(self) -> None:
        self.error.clear_error()
        if not self.op_edit.is_valid():
            herbereken(self.op_edit)
            self.error.show_text(f"Het plan is niet vastgesteld. {self.op_edit.naam}: {self.op_edit.problem()}")
            self.op_edit.setFocus()
            return
        try:
            service().stel_vast(self.ws, self.plan_id, door=self.door_edit.text(), op=self.op_edit.value())
        except Exception as exc:  # noqa: BLE001
            self.error.show_error(exc)
            return
        self.accept()
