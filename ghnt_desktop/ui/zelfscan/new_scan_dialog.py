"""A new zelfscan: for a team (and the gemeenten it is about) or, for a manager, for the gemeente itself;
peildatum, participants and their roles.

Nothing typed is lost: Enter in "Naam" adds the participant (it does not make the scan), and a name still in
the field when the scan is made is added too. A second scan that is not yet vastgesteld for the same team (or
gemeente) is asked about first.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QMessageBox, QPushButton, QRadioButton,
                               QSizePolicy, QVBoxLayout, QWidget)

from ghnt_desktop.domain import datum as datumregels
from ghnt_desktop.domain.zelfscan import MAX_DEELNEMERNAAM, Deelnemer, DeelnemerRol, ScanStatus
from ghnt_desktop.errors import UserError
from ghnt_desktop.ui.a11y import MessageLabel
from ghnt_desktop.ui.datum_veld import DatumVeld
from ghnt_desktop.ui.zelfscan.common import CatalogNotice, datum, instant_mnemonics, scroll_page, team_type_label

#: the service refuses earlier peildata (services.zelfscan._controleer_peildatum)
EERSTE_PEILDATUM = date(2000, 1, 1)


def peildatum_grenzen(vandaag: date) -> datumregels.Grenzen:
    """A peildatum is the day the scan is about: not in the future (the import refuses that too)."""
    return datumregels.Grenzen(
        minimum=EERSTE_PEILDATUM, maximum=vandaag,
        reden_min=f"De peildatum kan niet vóór {datumregels.formatteer(EERSTE_PEILDATUM)} liggen.",
        reden_max="De peildatum kan niet in de toekomst liggen. Kies de dag waarover de zelfscan gaat, "
                  "vandaag of eerder.")


def geen_team_tekst(ws) -> str:
    """What is missing when there is no team to choose (said instead of a disabled button without reason)."""
    from ghnt_desktop.domain.roles import Actie
    from ghnt_desktop.ui.zelfscan.common import may

    if may(ws, Actie.ZELFSCAN_ALLE):
        return "Er zijn nog geen teams. Vraag de beheerder om teams te maken (Beheer › Teams)."
    return "Je hoort bij geen enkel team. Vraag de beheerder om je aan een team te koppelen."


def deelnemer_text(d: Deelnemer) -> str:
    return f"{d.rol.label}: {d.naam}" if d.naam else f"{d.rol.label} (zonder naam)"


class _EnterAdds(QObject):
    """Enter in the name field adds the participant and stops there (it would press the dialog's default
    button otherwise: make the scan, without the name just typed)."""

    def __init__(self, editor: ParticipantsEditor) -> None:
        super().__init__(editor)
        self.editor = editor

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.editor.add_current()
            return True
        return False


class ParticipantsEditor(QWidget):
    """Who took part, with their role. Names are optional (and not exchanged unless chosen).
    Enter in the name field adds the participant; ``changed`` fires after every addition or removal."""

    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Deelnemers")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.rol_combo = QComboBox()
        self.rol_combo.setAccessibleName("Rol van de deelnemer")
        self.rol_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.rol_combo.setMinimumContentsLength(14)
        for rol in DeelnemerRol:
            self.rol_combo.addItem(rol.label, rol.value)
        rlabel = QLabel("&Rol:")
        rlabel.setBuddy(self.rol_combo)
        form.addRow(rlabel, self.rol_combo)
        self.naam_edit = QLineEdit()
        self.naam_edit.setMaxLength(MAX_DEELNEMERNAAM)
        self.naam_edit.setAccessibleName("Naam van de deelnemer (mag leeg blijven)")
        self.naam_edit.setAccessibleDescription("Enter voegt de deelnemer toe.")
        self.naam_edit.setPlaceholderText("Bijvoorbeeld: Sanne")
        self.naam_edit.installEventFilter(_EnterAdds(self))
        self.add_button = QPushButton("&Toevoegen")
        self.add_button.setAccessibleDescription("Deelnemer toevoegen aan de lijst (of Enter in het naamveld)")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_current)
        naam_row = QWidget()
        nl = QHBoxLayout(naam_row)
        nl.setContentsMargins(0, 0, 0, 0)
        nl.addWidget(self.naam_edit, 1)
        nl.addWidget(self.add_button)
        nlabel = QLabel("Naam (ni&et verplicht):")
        nlabel.setBuddy(self.naam_edit)
        form.addRow(nlabel, naam_row)
        lay.addLayout(form)
        self.list = QListWidget()
        self.list.setAccessibleName("Lijst van deelnemers")
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(self.fontMetrics().height() * 4)
        self.list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        lay.addWidget(self.list)
        self.remove_button = QPushButton("Verwi&jderen")
        self.remove_button.setAccessibleDescription("De gekozen deelnemer uit de lijst halen")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_current)
        row2 = QHBoxLayout()
        row2.addWidget(self.remove_button)
        row2.addStretch(1)
        lay.addLayout(row2)
        self._update_buttons()
        self.list.currentRowChanged.connect(lambda _r: self._update_buttons())

    def has_typed_name(self) -> bool:
        return bool(self.naam_edit.text().strip())

    def add_current(self) -> None:
        if getattr(self, "_read_only", False):
            return
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


class SecondScanQuestion(QMessageBox):
    """"Er is al een concept voor dit team. Toch een nieuwe maken?" with Ja and Nee (the default)."""

    def __init__(self, text: str, detail: str, parent: QWidget) -> None:
        super().__init__(QMessageBox.Icon.Question, "Nieuwe zelfscan", text, QMessageBox.StandardButton.NoButton,
                         parent)
        self.setInformativeText(detail)
        self.setAccessibleName("Nieuwe zelfscan")
        self.yes_button = self.addButton("&Ja, toch een nieuwe maken", QMessageBox.ButtonRole.YesRole)
        self.no_button = self.addButton("&Nee", QMessageBox.ButtonRole.NoRole)
        self.setDefaultButton(self.no_button)
        self.setEscapeButton(self.no_button)
        instant_mnemonics(self)


class NewScanDialog(QDialog):
    """After ``accepted``: ``self.scan_id`` is the new scan.

    A manager (who may make gemeente scans) first chooses "Voor een team" or "Voor de gemeente".
    ``question`` is the open "Toch een nieuwe maken?" box (for tests).
    """

    def __init__(self, ws, svc, parent=None, *, team_id: int | None = None, voor_gemeente: bool = False,
                 vandaag=date.today) -> None:
        super().__init__(parent)
        self.ws, self.svc = ws, svc
        self.scan_id: int | None = None
        self.question: SecondScanQuestion | None = None
        self.setWindowTitle("Nieuwe zelfscan")
        self.setAccessibleName("Nieuwe zelfscan")
        outer = QVBoxLayout(self)
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(0, 0, 0, 0)
        intro = QLabel("Een zelfscan doe je met het hele team, of met een groep uit het team. Kies het team, "
                       "de gemeenten waar het over gaat en de peildatum. Schrijf op wie er meedoen.")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.catalog_notice = CatalogNotice(prefix="De zelfscan gebruikt", remark=False)
        try:
            self.catalog_notice.set_catalog(svc.nieuwste_catalogus(ws))
        except UserError as exc:
            self.catalog_notice.set_problem(str(exc))
        lay.addWidget(self.catalog_notice)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.teams = svc.teams(ws)  # active teams only: archived teams are not offered
        self.gemeenten = svc.gemeenten_voor_gemeentescan(ws)
        self.voor_team_radio = QRadioButton("V&oor een team")
        self.voor_team_radio.setAccessibleDescription("Zelfscan voor een team")
        self.voor_gemeente_radio = QRadioButton("Voor de gemeente &zelf")
        self.voor_gemeente_radio.setAccessibleDescription("Zelfscan voor de gemeente zelf")
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
        self._shrinkable(self.gemeente_combo)
        for code, naam in self.gemeenten:
            self.gemeente_combo.addItem(f"{naam} ({code})", code)
        self.gemeente_label = self._buddy("Gemeente van &de zelfscan:", self.gemeente_combo)
        form.addRow(self.gemeente_label, self.gemeente_combo)
        for w in (self.soort_label, soort_row, self.soort_uitleg):
            w.setVisible(bool(self.gemeenten))
        self.team_combo = QComboBox()
        self.team_combo.setAccessibleName("Team")
        self._shrinkable(self.team_combo)
        for t in self.teams:
            self.team_combo.addItem(f"{t.naam} ({team_type_label(t.type)})", t.id)
        if team_id is not None and self.team_combo.findData(team_id) >= 0:
            self.team_combo.setCurrentIndex(self.team_combo.findData(team_id))
        self.team_label = self._buddy("Tea&m:", self.team_combo)
        form.addRow(self.team_label, self.team_combo)
        self.gemeente_list = QListWidget()
        self.gemeente_list.setAccessibleName("Gemeenten waar de zelfscan over gaat (vink aan met de spatiebalk)")
        self.gemeente_list.setWordWrap(True)
        self.gemeente_list.setMinimumHeight(self.fontMetrics().height() * 3)
        self.gemeente_list.setMaximumHeight(self.fontMetrics().height() * 7)
        self.gemeente_list_label = self._buddy("&Gemeenten:", self.gemeente_list)
        form.addRow(self.gemeente_list_label, self.gemeente_list)
        self.peildatum_edit = DatumVeld("Peildatum", verplicht=True, waarde=vandaag(),
                                        grenzen=peildatum_grenzen(vandaag()), vandaag=vandaag)
        # the label's Alt+P goes to the typing field (a QLabel skips a buddy without its own focus policy)
        form.addRow(self._buddy("&Peildatum:", self.peildatum_edit.edit), self.peildatum_edit)
        lay.addLayout(form)
        plabel = QLabel("Deelnemers (namen zijn niet verplicht):")
        plabel.setWordWrap(True)
        lay.addWidget(plabel)
        self.participants = ParticipantsEditor()
        plabel.setBuddy(self.participants.rol_combo)
        lay.addWidget(self.participants)
        lay.addStretch(1)
        self.form_scroll = scroll_page(body)
        outer.addWidget(self.form_scroll, 1)
        # the error line and the buttons stay in view, whatever the text size
        self.error = MessageLabel("Foutmelding", error=True)
        outer.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Zelfscan ma&ken")
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.team_combo.currentIndexChanged.connect(self._fill_gemeenten)
        self._fill_gemeenten()
        if voor_gemeente and self.gemeenten or (self.gemeenten and not self.teams):
            self.voor_gemeente_radio.setChecked(True)
        else:
            self.voor_team_radio.setChecked(True)
        self.voor_team_radio.setEnabled(bool(self.teams))
        self.soort_group.buttonToggled.connect(lambda *_: self._soort_gewijzigd())
        self._soort_gewijzigd()
        instant_mnemonics(self)
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        """As large as the content asks, never larger than the screen (the form scrolls then)."""
        hint = self.sizeHint()
        body = self.form_scroll.widget()
        body_hint = body.sizeHint() if body is not None else hint
        want_w = max(620, body_hint.width() + 40)
        want_h = hint.height() + body_hint.height() - self.form_scroll.sizeHint().height()
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None:
            want_w, want_h = min(want_w, screen.width() - 40), min(max(want_h, 400), screen.height() - 60)
        self.resize(want_w, want_h)

    @staticmethod
    def _shrinkable(combo: QComboBox) -> None:
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(16)

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

    # --- making the scan ------------------------------------------------------------------------
    def _fail(self, text: str, focus: QWidget | None = None) -> None:
        self.error.setText(text)
        if focus is not None:
            focus.setFocus()

    def open_scans(self) -> list:
        """Scans of the chosen team (or gemeente) that are not vastgesteld yet (concept or ingevuld)."""
        try:
            if self.voor_gemeente:
                code = self.gemeente_combo.currentData()
                found = self.svc.scans(self.ws, gemeente_code=code)
                found = [s for s in found if s.eigenaar_gemeente is not None and s.eigenaar_gemeente[0] == code]
            else:
                team_id = self.team_combo.currentData()
                found = [s for s in self.svc.scans(self.ws, team_id=team_id) if s.team_id == team_id]
        except UserError:
            return []
        return [s for s in found if s.status in (ScanStatus.CONCEPT, ScanStatus.INGEVULD) and not s.geimporteerd]

    def create(self) -> None:
        """"Zelfscan maken": check, ask about an open scan of the same team (or gemeente), then make it."""
        if self.participants.has_typed_name():
            self.participants.add_current()  # a name still in the field is meant to be added, not dropped
        if not self.peildatum_edit.is_valid():
            self._fail(self.peildatum_edit.problem() or "Vul de peildatum in.", self.peildatum_edit)
            return
        if not self.voor_gemeente:
            if self.team_combo.currentData() is None:
                self._fail("Kies een team.", self.team_combo)
                return
            if self.gemeente_list.count() and not self.gemeente_codes():
                self._fail("Kies minstens één gemeente.", self.gemeente_list)
                return
        open_ = self.open_scans()
        if open_:
            self._ask_second(open_[0])
            return
        self.make()

    def _ask_second(self, other) -> None:
        wie = "deze gemeente" if self.voor_gemeente else "dit team"
        if other.status is ScanStatus.CONCEPT:
            text = f"Er is al een concept voor {wie}. Toch een nieuwe maken?"
        else:
            text = f"Er is al een zelfscan voor {wie} die nog niet is vastgesteld. Toch een nieuwe maken?"
        box = SecondScanQuestion(
            text, f"De zelfscan die er al is: peildatum {datum(other.peildatum)}, status "
                  f"{other.status.label.lower()}, {other.voortgang.beantwoord} van {other.voortgang.totaal} "
                  "standaarden beantwoord. Kies 'Nee' om terug te gaan; wat je hebt ingevuld, blijft staan.", self)

        def done(_result) -> None:
            self.question = None
            if box.clickedButton() is box.yes_button:
                self.make()
            else:  # back to this dialog, with everything still filled in
                self.activateWindow()
                self.ok_button.setFocus()

        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(done)
        self.question = box
        box.open()  # window-modal on this dialog, which may close right after (no focus hand-back to it)

    def make(self) -> None:
        peildatum = self.peildatum_edit.value()
        try:
            if self.voor_gemeente:
                self.scan_id = self.svc.maak_gemeentescan(
                    self.ws, gemeente_code=self.gemeente_combo.currentData(), peildatum=peildatum,
                    deelnemers=self.participants.deelnemers())
            else:
                self.scan_id = self.svc.maak_scan(
                    self.ws, team_id=self.team_combo.currentData(), peildatum=peildatum,
                    deelnemers=self.participants.deelnemers(), gemeente_codes=self.gemeente_codes() or None)
        except UserError as exc:
            self._fail(str(exc))
            return
        self.accept()
