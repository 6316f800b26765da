"""Beheer › Bewaartermijnen: the period per kind of data, what has passed it, and destroying with two
confirmations (a beheerder and an aandachtsfunctionaris), legal holds and early destruction on request.

Also here, for the start-up sequence: :func:`show_retention_notice`.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QMessageBox, QPlainTextEdit, QPushButton, QSpinBox, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from ghnt_desktop.domain.roles import Actie, mag
from ghnt_desktop.errors import UserError
from ghnt_desktop.ui.beheer.common import button_row, esc, fmt_date, make_table, message_label, say
from ghnt_desktop.ui.indeling import HeightInLines, dialog_size, scroll_body
from ghnt_desktop.ui.kop import Kop
from ghnt_desktop.ui.messages import confirm, error_label
from ghnt_desktop.ui.pages import PageMixin


class RetentionTab(QWidget, PageMixin):
    titel = "Bewaartermijnen"
    ITEM_HEADERS = ["Soort", "Nummer", "Termijn voorbij op", "Status", "Bevestigd door", "Nog nodig"]

    def __init__(self, ws, parent=None, *, vandaag: date | None = None) -> None:
        from ghnt_desktop.services import retention

        super().__init__(parent)
        self.ws = ws
        self.vandaag = vandaag
        self.items = []
        self.is_beheerder = mag(ws.session.rollen, Actie.BEWAARTERMIJN_BEHEREN)
        lay = QVBoxLayout(self)
        lay.addWidget(Kop("Bewaartermijnen per soort gegevens", 3))
        top = QHBoxLayout()
        self.type_table = make_table(["Soort", "Termijn", "Telt vanaf"], "Bewaartermijnen per soort", wrap={0, 2})
        self.type_table.itemSelectionChanged.connect(self._show_type)
        self.type_table.lines = HeightInLines(self.type_table, 6)
        top.addWidget(self.type_table, 2)
        side = QVBoxLayout()
        self.years_spin = QSpinBox()
        self.years_spin.setAccessibleName("Bewaartermijn in jaren")
        self.years_spin.setSuffix(" jaar")
        self.save_years_button = QPushButton("&Termijn opslaan")
        self.save_years_button.setAccessibleName("Bewaartermijn opslaan")
        self.save_years_button.clicked.connect(self.save_years)
        side.addWidget(self.years_spin)
        side.addWidget(self.save_years_button)
        side.addStretch(1)
        for w in (self.years_spin, self.save_years_button):
            w.setVisible(self.is_beheerder)
        top.addLayout(side, 1)
        lay.addLayout(top)
        self.basis = QLabel("")
        self.basis.setWordWrap(True)
        self.basis.setAccessibleDescription("Wettelijke grondslag")  # the name stays the visible text
        self.basis.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.basis)
        lay.addWidget(Kop("Wat nu aandacht nodig heeft", 3))
        expl = QLabel("Hieronder staat wat over de bewaartermijn is, waarvoor een verzoek tot vernietigen ligt, of "
                      "waarop een juridische blokkade ligt. De app vernietigt iets pas als een beheerder én een "
                      "aandachtsfunctionaris (twee verschillende mensen) dat bevestigen. Vernietigen kan niet "
                      "ongedaan worden gemaakt. In het logboek blijft alleen staan dát het is vernietigd, zonder inhoud.")
        expl.setWordWrap(True)
        lay.addWidget(expl)
        self.item_table = make_table(self.ITEM_HEADERS, "Te vernietigen of geblokkeerd", wrap={3, 4, 5})
        self.item_table.itemSelectionChanged.connect(self._update_buttons)
        lay.addWidget(self.item_table, 1)
        buttons = button_row()  # Alt+letters: not A, B, V or H (the main window's)
        self.confirm_button = QPushButton("Vernietigen bevesti&gen…")
        self.hold_button = QPushButton("&Juridische blokkade…")
        self.unhold_button = QPushButton("Blokkade &opheffen")
        self.withdraw_button = QPushButton("Verzoek &intrekken")
        self.early_button = QPushButton("&Eerder vernietigen…")
        for b, name, slot in ((self.confirm_button, "Vernietigen bevestigen", self.confirm_selected),
                              (self.hold_button, "Juridische blokkade instellen", self.hold_selected),
                              (self.unhold_button, "Blokkade opheffen", self.unhold_selected),
                              (self.withdraw_button, "Verzoek intrekken", self.withdraw_selected),
                              (self.early_button, "Eerder vernietigen op verzoek", self.early_destruction)):
            b.setAccessibleName(name)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        for b in (self.hold_button, self.unhold_button):
            b.setVisible(self.is_beheerder)
        lay.addLayout(buttons)
        self.message = message_label()
        lay.addWidget(self.message)
        self._types = list(retention.soorten().values())
        self.refresh()

    def today(self) -> date:
        return self.vandaag or date.today()

    def refresh(self) -> None:
        from ghnt_desktop.services import retention

        self.type_table.setRowCount(len(self._types))
        for i, rt in enumerate(self._types):
            jaren = retention.termijn_jaren(self.ws, rt.key)
            for j, v in enumerate((rt.naam, f"{jaren} jaar", rt.start)):
                self.type_table.setItem(i, j, QTableWidgetItem(v))
        if self.type_table.currentRow() < 0 and self._types:
            self.type_table.selectRow(0)
        self._show_type()
        try:
            self.items = retention.verlopen_items(self.ws, self.today())
        except UserError as exc:
            self.items = []
            say(self.message, str(exc), error=True)
        self.item_table.setRowCount(len(self.items))
        for i, it in enumerate(self.items):
            status = it.fase_label
            if it.blokkade_reden:
                status += f" ({it.blokkade_reden})"
            elif it.vroegtijdig_grond:
                status += f" ({it.vroegtijdig_grond.lower()})"
            for j, v in enumerate((it.soort_naam, it.record_id, fmt_date(it.vervalt_op), status,
                                   ", ".join(it.bevestigd_door) or "—",
                                   "" if it.fase.value == "geblokkeerd" else it.ontbreekt)):
                self.item_table.setItem(i, j, QTableWidgetItem(v))
        self._update_buttons()

    def clear_for_lock(self) -> None:
        self.items = []
        self.item_table.setRowCount(0)

    def restore_after_unlock(self) -> None:
        self.refresh()

    def _current_type(self):
        r = self.type_table.currentRow()
        return self._types[r] if 0 <= r < len(self._types) else None

    def _show_type(self) -> None:
        from ghnt_desktop.services import retention

        rt = self._current_type()
        if rt is None:
            self.basis.setText("")
            return
        jaren = retention.termijn_jaren(self.ws, rt.key)
        self.years_spin.setRange(rt.min_jaren, rt.max_jaren)
        self.years_spin.setValue(jaren)
        self.years_spin.setEnabled(rt.verwijderbaar)
        self.save_years_button.setEnabled(rt.verwijderbaar)
        text = (f"<b>{esc(rt.naam)}</b>: {jaren} jaar {esc(rt.start)} (standaard {rt.standaard_jaren}; "
                f"je kunt kiezen van {rt.min_jaren} tot en met {rt.max_jaren} jaar).<br><b>Grondslag:</b> "
                f"{esc(rt.grondslag)}")
        if rt.toelichting:
            text += f"<br><b>Let op:</b> {esc(rt.toelichting)}"
        self.basis.setText(text)

    def save_years(self) -> None:
        from ghnt_desktop.services import retention

        rt = self._current_type()
        if rt is None:
            return
        try:
            retention.stel_termijn_in(self.ws, rt.key, self.years_spin.value())
        except UserError as exc:
            say(self.message, str(exc), error=True)
            return
        row = self.type_table.currentRow()
        self.refresh()
        self.type_table.selectRow(row)
        say(self.message, f"Bewaartermijn voor {rt.naam} is nu {self.years_spin.value()} jaar.")

    def selected(self):
        r = self.item_table.currentRow()
        return self.items[r] if 0 <= r < len(self.items) and self.item_table.selectedItems() else None

    def select(self, record_type: str, record_id: str) -> None:
        for i, it in enumerate(self.items):
            if it.record_type == record_type and it.record_id == str(record_id):
                self.item_table.selectRow(i)
                return

    def _update_buttons(self) -> None:
        it = self.selected()
        held = it is not None and it.fase.value == "geblokkeerd"
        self.confirm_button.setEnabled(it is not None and not held and not it.heb_ik_bevestigd)
        self.hold_button.setEnabled(it is not None and not held)
        self.unhold_button.setEnabled(held)
        self.withdraw_button.setEnabled(it is not None and bool(it.vroegtijdig_grond))

    def _act(self, fn, ok_text: str) -> None:
        it = self.selected()
        try:
            result = fn(it)
        except UserError as exc:
            say(self.message, str(exc), error=True)
            self.refresh()
            return
        self.refresh()
        if it is not None:
            self.select(it.record_type, it.record_id)
        say(self.message, ok_text if not callable(ok_text) else ok_text(result))

    def confirm_selected(self) -> None:
        from ghnt_desktop.services import retention

        it = self.selected()
        if it is None:
            return
        if not confirm(self, "Vernietigen bevestigen",
                       f"{it.soort_naam} {it.record_id}: je bevestigt dat dit vernietigd mag worden.\n\n"
                       "Als de tweede bevestiging er al is, vernietigt de app het meteen. Dat kan niet ongedaan "
                       "worden gemaakt.", yes="Bevestigen", no="Annuleren"):
            return
        self._act(lambda i: retention.bevestig_verwijdering(self.ws, i.record_type, i.record_id, vandaag=self.today()),
                  lambda destroyed: (f"{it.soort_naam} {it.record_id} is vernietigd." if destroyed else
                                     "Je bevestiging is vastgelegd. Nu moet de tweede persoon nog bevestigen."))

    def hold_selected(self) -> None:
        from ghnt_desktop.services import retention

        it = self.selected()
        if it is None:
            return
        dlg = ReasonDialog("Juridische blokkade",
                           f"Zolang er een blokkade ligt, vernietigt de app {it.soort_naam} {it.record_id} niet. "
                           "Bestaande bevestigingen vervallen. Waarom is de blokkade nodig?", self)
        self.dialog = dlg
        if not dlg.exec():
            return
        self._act(lambda i: retention.juridische_blokkade(self.ws, i.record_type, i.record_id, aan=True,
                                                          reden=dlg.reason),
                  "De juridische blokkade is ingesteld.")

    def unhold_selected(self) -> None:
        from ghnt_desktop.services import retention

        self._act(lambda i: retention.juridische_blokkade(self.ws, i.record_type, i.record_id, aan=False),
                  "De blokkade is opgeheven. Voor vernietigen zijn weer twee bevestigingen nodig.")

    def withdraw_selected(self) -> None:
        from ghnt_desktop.services import retention

        self._act(lambda i: retention.trek_verzoek_in(self.ws, i.record_type, i.record_id),
                  "Het verzoek om eerder te vernietigen is ingetrokken.")

    def early_destruction(self) -> None:
        dlg = EarlyDestructionDialog(self.ws, self, vandaag=self.today())
        self.dialog = dlg
        if dlg.exec():
            self.refresh()
            say(self.message, dlg.result_text)


class EarlyDestructionDialog(QDialog):
    """Request destruction before the period has passed (e.g. at the client's request); reusable elsewhere."""

    def __init__(self, ws, parent=None, *, record_type: str | None = None, record_id: str | None = None,
                 vandaag: date | None = None) -> None:
        from ghnt_desktop.domain.retention import VROEGTIJDIG_GRONDEN
        from ghnt_desktop.services import retention

        super().__init__(parent)
        self.ws = ws
        self.vandaag = vandaag
        self.result_text = ""
        self.setWindowTitle("Eerder vernietigen")
        self.setAccessibleName("Eerder vernietigen")
        outer = QVBoxLayout(self)
        lay = scroll_body(outer)
        intro = QLabel("Vraag hier aan om gegevens te vernietigen voordat de bewaartermijn voorbij is, bijvoorbeeld "
                       "omdat de betrokkene daarom vraagt (Jeugdwet art. 7.3.9, Wmo 2015 art. 5.3.5: binnen drie "
                       "maanden). Een beheerder én een aandachtsfunctionaris moeten bevestigen. Je aanvraag telt als "
                       "je bevestiging.")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.type_combo = QComboBox()
        self.type_combo.setAccessibleName("Soort gegevens")
        for rt in retention.soorten().values():
            if rt.verwijderbaar:
                self.type_combo.addItem(rt.naam, rt.key)
        if record_type:
            self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(record_type)))
            self.type_combo.setEnabled(False)
        form.addRow("&Soort:", self.type_combo)
        self.id_edit = QLineEdit(str(record_id or ""))
        self.id_edit.setAccessibleName("Nummer")
        self.id_edit.setReadOnly(record_id is not None)
        form.addRow("&Nummer:", self.id_edit)
        self.grond_combo = QComboBox()
        self.grond_combo.setAccessibleName("Grond")
        for key, label in VROEGTIJDIG_GRONDEN.items():
            self.grond_combo.addItem(label, key)
        form.addRow("&Grond:", self.grond_combo)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setAccessibleName("Toelichting")
        self.reason_edit.setPlaceholderText("Bijvoorbeeld: schriftelijk verzoek ontvangen op 3 maart. "
                                            "Schrijf geen namen of andere gegevens van cliënten.")
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.lines = HeightInLines(self.reason_edit, 4)
        form.addRow("&Toelichting:", self.reason_edit)
        lay.addLayout(form)
        self.error = error_label()
        lay.addStretch(1)
        buttons = QDialogButtonBox()
        self.ok_button = QPushButton("Aanv&ragen")
        self.ok_button.setAccessibleName("Aanvragen: vernietigen")
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_request)
        buttons.rejected.connect(self.reject)
        outer.addWidget(self.error)  # in view by the buttons, not scrolled away
        outer.addWidget(buttons)
        dialog_size(self, 560, 0)

    def try_request(self) -> None:
        from ghnt_desktop.services import retention

        record_type, record_id = self.type_combo.currentData(), self.id_edit.text().strip()
        if not record_id:
            self.error.setText("Vul het nummer in.")
            return
        try:
            destroyed = retention.vroegtijdig_vernietigen(
                self.ws, record_type, record_id, self.reason_edit.toPlainText(), grond=self.grond_combo.currentData(),
                vandaag=self.vandaag)
        except UserError as exc:
            self.error.setText(str(exc))
            return
        self.result_text = ("De gegevens zijn vernietigd." if destroyed else
                            "De aanvraag is vastgelegd. Nu moet de tweede persoon nog bevestigen.")
        self.accept()


class ReasonDialog(QDialog):
    """Ask for a short reason (legal hold, early destruction)."""

    def __init__(self, title: str, text: str, parent=None, *, gronden: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        outer = QVBoxLayout(self)
        lay = scroll_body(outer)
        intro = QLabel(text)
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.grond_combo = None
        if gronden:
            self.grond_combo = QComboBox()
            self.grond_combo.setAccessibleName("Grond")
            for key, label in gronden.items():
                self.grond_combo.addItem(label, key)
            grond_label = QLabel("&Grond:")
            grond_label.setBuddy(self.grond_combo)
            lay.addWidget(grond_label)
            lay.addWidget(self.grond_combo)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setAccessibleName("Reden")
        self.reason_edit.setPlaceholderText("Schrijf geen namen of andere gegevens van cliënten.")
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.lines = HeightInLines(self.reason_edit, 5)
        reden_label = QLabel("&Reden:")
        reden_label.setBuddy(self.reason_edit)
        lay.addWidget(reden_label)
        lay.addWidget(self.reason_edit)
        self.error = error_label()
        lay.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        outer.addWidget(self.error)  # in view by the buttons, not scrolled away
        outer.addWidget(buttons)
        dialog_size(self, 480, 0)
        self.reason_edit.setFocus()

    def _ok(self) -> None:
        if not self.reason_edit.toPlainText().strip():
            self.error.setText("Vul een reden in.")
            return
        self.accept()

    @property
    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    @property
    def grond(self) -> str | None:
        return self.grond_combo.currentData() if self.grond_combo else None


def show_retention_notice(ws, parent=None, *, vandaag: date | None = None) -> str | None:
    """Start-up: tell a beheerder or aandachtsfunctionaris what has passed its period. Returns the text shown."""
    from ghnt_desktop.services import retention

    try:
        text = retention.melding_bij_start(ws, vandaag)
    except UserError:
        return None
    if not text:
        return None
    box = QMessageBox(QMessageBox.Icon.Information, "Bewaartermijnen", text, QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName("Bewaartermijnen")
    box.exec()
    return text
