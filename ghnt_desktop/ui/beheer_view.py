"""Beheer: my account, accounts, settings, retention periods, audit log and key rotation.

Which tabs appear mirrors ``domain.roles.mag``; the services check again and
refuse (and audit) whatever the role may not do. Results and errors are shown
inline in each tab (not in pop-ups), in plain Dutch.

Also here, for the start-up sequence: :func:`show_retention_notice`.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton, QSpinBox,
                               QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from ghnt_desktop.domain.roles import Actie, mag
from ghnt_desktop.errors import UserError
from ghnt_desktop.ui.messages import confirm, error_label


def _table(headers: list[str], name: str) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setAccessibleName(name)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    t.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def _message_label() -> QLabel:
    lab = QLabel("")
    lab.setWordWrap(True)
    lab.setAccessibleName("Melding")
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return lab


def _say(label: QLabel, text: str, *, error: bool = False) -> None:
    label.setObjectName("foutmelding" if error else "")
    label.style().unpolish(label)
    label.style().polish(label)
    label.setText(text)


def _fmt(d: date | None) -> str:
    return d.strftime("%d-%m-%Y") if d else "—"


class ReasonDialog(QDialog):
    """Ask for a short reason (legal hold, early destruction)."""

    def __init__(self, title: str, text: str, parent=None, *, gronden: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        lay = QVBoxLayout(self)
        intro = QLabel(text)
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.grond_combo = None
        if gronden:
            self.grond_combo = QComboBox()
            self.grond_combo.setAccessibleName("Grond")
            for key, label in gronden.items():
                self.grond_combo.addItem(label, key)
            lay.addWidget(self.grond_combo)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setAccessibleName("Reden")
        self.reason_edit.setPlaceholderText("Schrijf geen namen of andere gegevens van cliënten.")
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setMaximumHeight(100)
        lay.addWidget(self.reason_edit)
        self.error = QLabel("")
        self.error.setObjectName("foutmelding")
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
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


# --- tabs ----------------------------------------------------------------------

class MyAccountTab(QWidget):
    def __init__(self, ws, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        lay = QVBoxLayout(self)
        rollen = ", ".join(r.label for r in sorted(ws.session.rollen))
        info = QLabel(f"<b>Naam:</b> {_html(ws.session.naam)}<br><b>Inlognaam:</b> {_html(ws.session.login)}"
                      f"<br><b>Rollen:</b> {_html(rollen)}")
        info.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(info)
        self.change_button = QPushButton("Mijn &wachtzin wijzigen…")
        self.change_button.setAccessibleName("Mijn wachtzin wijzigen")
        self.change_button.clicked.connect(self.change_passphrase)
        lay.addWidget(self.change_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.message = _message_label()
        lay.addWidget(self.message)
        lay.addStretch(1)

    def change_passphrase(self) -> None:
        from ghnt_desktop.ui.change_passphrase_dialog import ChangePassphraseDialog

        dlg = ChangePassphraseDialog(self.ws, self)
        self.dialog = dlg
        if dlg.exec() and dlg.changed:
            _say(self.message, "Je wachtzin is gewijzigd. Gebruik voortaan de nieuwe wachtzin.")


class AccountsTab(QWidget):
    HEADERS = ["Naam", "Inlognaam", "Rollen", "Status", "Teams"]

    def __init__(self, ws, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.rows = []
        lay = QVBoxLayout(self)
        self.show_inactive = QCheckBox("Ook &gedeactiveerde accounts tonen")
        self.show_inactive.toggled.connect(self.refresh)
        lay.addWidget(self.show_inactive)
        self.table = _table(self.HEADERS, "Accounts")
        self.table.itemSelectionChanged.connect(self._update_buttons)
        lay.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.new_button = QPushButton("&Nieuw account…")
        self.edit_button = QPushButton("&Wijzigen…")
        self.reset_button = QPushButton("&Eenmalige wachtzin geven…")
        self.deactivate_button = QPushButton("&Deactiveren…")
        self.own_button = QPushButton("Mijn wachtzin wij&zigen…")
        for b, name, slot in ((self.new_button, "Nieuw account", self.new_account),
                              (self.edit_button, "Account wijzigen", self.edit_account),
                              (self.reset_button, "Eenmalige wachtzin geven", self.reset_passphrase),
                              (self.deactivate_button, "Account deactiveren", self.deactivate),
                              (self.own_button, "Mijn wachtzin wijzigen", self.change_own)):
            b.setAccessibleName(name)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self.message = _message_label()
        lay.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        from ghnt_desktop.services import accounts

        try:
            self.rows = accounts.lijst(self.ws, ook_inactief=self.show_inactive.isChecked())
        except UserError as exc:
            self.rows = []
            _say(self.message, str(exc), error=True)
        from ghnt_desktop.services import teams

        namen = {t.id: t.naam + ("" if t.actief else " (gearchiveerd)")
                 for t in teams.lijst(self.ws, ook_gearchiveerd=True)}
        self.table.setRowCount(len(self.rows))
        for i, a in enumerate(self.rows):
            rollen = ", ".join(r.label for r in sorted(a.rollen))
            status = ("gedeactiveerd" if not a.actief else
                      "moet eigen wachtzin kiezen" if a.moet_wachtzin_wijzigen else "actief")
            team_namen = ", ".join(sorted(namen[t] for t in a.team_ids if t in namen))
            for j, v in enumerate((a.naam, a.login, rollen, status, team_namen)):
                self.table.setItem(i, j, QTableWidgetItem(v))
        self._update_buttons()

    def clear(self) -> None:
        self.rows = []
        self.table.setRowCount(0)

    def selected(self):
        r = self.table.currentRow()
        return self.rows[r] if 0 <= r < len(self.rows) and self.table.selectedItems() else None

    def select_login(self, login: str) -> None:
        for i, a in enumerate(self.rows):
            if a.login == login:
                self.table.selectRow(i)
                return

    def _update_buttons(self) -> None:
        a = self.selected()
        own = a is not None and a.id == self.ws.session.account_id
        for b in (self.edit_button, self.reset_button, self.deactivate_button):
            b.setEnabled(a is not None and a.actief)
        self.reset_button.setEnabled(a is not None and a.actief and not own)
        self.deactivate_button.setEnabled(a is not None and a.actief and not own)

    def new_account(self) -> None:
        from ghnt_desktop.ui.accounts_dialogs import AccountDialog, OneTimePassphraseDialog

        dlg = AccountDialog(self.ws, self)
        self.dialog = dlg
        if not dlg.exec():
            return
        naam, login = dlg.naam_edit.text().strip(), dlg.login_edit.text().strip()
        self.refresh()
        self.select_login(login)
        _say(self.message, f"Account voor {naam} gemaakt.")
        show = OneTimePassphraseDialog(naam, login, dlg.one_time, self)
        dlg.one_time = None
        self.dialog = show
        show.exec()

    def edit_account(self) -> None:
        from ghnt_desktop.ui.accounts_dialogs import AccountDialog

        a = self.selected()
        if a is None:
            return
        dlg = AccountDialog(self.ws, self, account=a)
        self.dialog = dlg
        if dlg.exec():
            self.refresh()
            self.select_login(a.login)
            _say(self.message, f"Account van {a.naam} gewijzigd.")

    def reset_passphrase(self) -> None:
        from ghnt_desktop.services import accounts
        from ghnt_desktop.ui.accounts_dialogs import OneTimePassphraseDialog

        a = self.selected()
        if a is None:
            return
        if not confirm(self, "Eenmalige wachtzin geven",
                       f"{a.naam} krijgt een nieuwe, eenmalige wachtzin. De oude wachtzin werkt daarna niet meer. "
                       f"Bij de volgende keer inloggen moet {a.naam} een eigen wachtzin kiezen.\n\nDoorgaan?",
                       yes="Eenmalige wachtzin maken", no="Annuleren"):
            return
        try:
            otp = accounts.reset_wachtzin(self.ws, a.id)
        except UserError as exc:
            _say(self.message, str(exc), error=True)
            return
        self.refresh()
        self.select_login(a.login)
        _say(self.message, f"{a.naam} heeft een eenmalige wachtzin gekregen.")
        show = OneTimePassphraseDialog(a.naam, a.login, otp, self)
        otp = ""
        self.dialog = show
        show.exec()

    def deactivate(self) -> None:
        from ghnt_desktop.services import accounts

        a = self.selected()
        if a is None:
            return
        if not confirm(self, "Account deactiveren",
                       f"Wil je het account van {a.naam} ({a.login}) deactiveren?\n\n"
                       f"{a.naam} kan de werkruimte daarna niet meer openen, ook niet met een oude kopie. "
                       "De app vernieuwt daarvoor de sleutel van de database; dat kan even duren. "
                       "Wat deze persoon heeft vastgelegd, blijft bewaard. Dit kun je niet ongedaan maken.",
                       yes="Deactiveren", no="Annuleren"):
            return
        try:
            accounts.deactiveer(self.ws, a.id)
        except UserError as exc:
            _say(self.message, str(exc), error=True)
            return
        self.refresh()
        _say(self.message, f"Het account van {a.naam} is gedeactiveerd en de sleutel van de database is vernieuwd.")

    def change_own(self) -> None:
        from ghnt_desktop.ui.change_passphrase_dialog import ChangePassphraseDialog

        dlg = ChangePassphraseDialog(self.ws, self)
        self.dialog = dlg
        if dlg.exec() and dlg.changed:
            _say(self.message, "Je wachtzin is gewijzigd. Gebruik voortaan de nieuwe wachtzin.")


class SettingsTab(QWidget):
    """Every registered whole-number setting the beheerder manages, with its limits."""

    def __init__(self, ws, parent=None) -> None:
        from ghnt_desktop.services import settings

        super().__init__(parent)
        self.ws = ws
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.spins: dict[str, QSpinBox] = {}
        for s in settings.registry().values():
            if s.type is not int or s.actie is not Actie.INSTELLINGEN_BEHEREN:
                continue
            spin = QSpinBox()
            spin.setRange(int(s.min if s.min is not None else 0), int(s.max if s.max is not None else 10_000))
            spin.setAccessibleName(s.label or s.key)
            spin.setAccessibleDescription(s.uitleg)
            spin.setToolTip(s.uitleg)
            self.spins[s.key] = spin
            lab = QLabel(f"{s.label or s.key}:")
            lab.setBuddy(spin)
            help_ = QLabel(f"{s.uitleg} (van {s.min} tot en met {s.max}; standaard {s.default})")
            help_.setWordWrap(True)
            box = QVBoxLayout()
            box.addWidget(spin)
            box.addWidget(help_)
            form.addRow(lab, box)
        lay.addLayout(form)
        self.save_button = QPushButton("&Opslaan")
        self.save_button.setAccessibleName("Instellingen opslaan")
        self.save_button.clicked.connect(self.save)
        lay.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.message = _message_label()
        lay.addWidget(self.message)
        lay.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        from ghnt_desktop.services import settings

        for key, spin in self.spins.items():
            spin.setValue(int(settings.haal(self.ws, key)))

    def save(self) -> None:
        from ghnt_desktop.services import settings

        changed = []
        try:
            for key, spin in self.spins.items():
                if spin.value() != settings.haal(self.ws, key):
                    settings.zet(self.ws, key, spin.value())
                    changed.append(key)
        except UserError as exc:
            _say(self.message, str(exc), error=True)
            return
        if settings.AUTOLOCK_MINUTEN.key in changed:
            apply_autolock(self.window(), settings.haal(self.ws, settings.AUTOLOCK_MINUTEN.key))
        _say(self.message, "Opgeslagen." if changed else "Er was niets veranderd.")


def apply_autolock(window, minutes: int) -> bool:
    """Apply a new auto-lock time to a running main window (its IdleWatcher), if there is one."""
    idle = getattr(window, "idle", None)
    if idle is None or not hasattr(idle, "set_minutes"):
        return False
    idle.set_minutes(minutes)
    return True


class RetentionTab(QWidget):
    ITEM_HEADERS = ["Soort", "Nummer", "Termijn voorbij op", "Status", "Bevestigd door", "Nog nodig"]

    def __init__(self, ws, parent=None, *, vandaag: date | None = None) -> None:
        from ghnt_desktop.services import retention

        super().__init__(parent)
        self.ws = ws
        self.vandaag = vandaag
        self.items = []
        self.is_beheerder = mag(ws.session.rollen, Actie.BEWAARTERMIJN_BEHEREN)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("<b>Bewaartermijnen per soort gegevens</b>"))
        top = QHBoxLayout()
        self.type_table = _table(["Soort", "Termijn", "Telt vanaf"], "Bewaartermijnen per soort")
        self.type_table.itemSelectionChanged.connect(self._show_type)
        self.type_table.setMaximumHeight(150)
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
        self.basis.setAccessibleName("Wettelijke grondslag")
        self.basis.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.basis)
        lay.addWidget(QLabel("<b>Wat nu aandacht nodig heeft</b>"))
        expl = QLabel("Hieronder staat wat over de bewaartermijn is, waarvoor een verzoek tot vernietigen ligt, of "
                      "waarop een juridische blokkade ligt. De app vernietigt iets pas als een beheerder én een "
                      "aandachtsfunctionaris (twee verschillende mensen) dat bevestigen. Vernietigen kan niet "
                      "ongedaan worden gemaakt. In het logboek blijft alleen staan dát het is vernietigd, zonder inhoud.")
        expl.setWordWrap(True)
        lay.addWidget(expl)
        self.item_table = _table(self.ITEM_HEADERS, "Te vernietigen of geblokkeerd")
        self.item_table.itemSelectionChanged.connect(self._update_buttons)
        lay.addWidget(self.item_table, 1)
        buttons = QHBoxLayout()
        self.confirm_button = QPushButton("&Vernietigen bevestigen…")
        self.hold_button = QPushButton("Juridische &blokkade…")
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
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self.message = _message_label()
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
            _say(self.message, str(exc), error=True)
        self.item_table.setRowCount(len(self.items))
        for i, it in enumerate(self.items):
            status = it.fase_label
            if it.blokkade_reden:
                status += f" ({it.blokkade_reden})"
            elif it.vroegtijdig_grond:
                status += f" ({it.vroegtijdig_grond.lower()})"
            for j, v in enumerate((it.soort_naam, it.record_id, _fmt(it.vervalt_op), status,
                                   ", ".join(it.bevestigd_door) or "—",
                                   "" if it.fase.value == "geblokkeerd" else it.ontbreekt)):
                self.item_table.setItem(i, j, QTableWidgetItem(v))
        self._update_buttons()

    def clear(self) -> None:
        self.items = []
        self.item_table.setRowCount(0)

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
        text = (f"<b>{_html(rt.naam)}</b>: {jaren} jaar {_html(rt.start)} (standaard {rt.standaard_jaren}; "
                f"je kunt kiezen van {rt.min_jaren} tot en met {rt.max_jaren} jaar).<br><b>Grondslag:</b> "
                f"{_html(rt.grondslag)}")
        if rt.toelichting:
            text += f"<br><b>Let op:</b> {_html(rt.toelichting)}"
        self.basis.setText(text)

    def save_years(self) -> None:
        from ghnt_desktop.services import retention

        rt = self._current_type()
        if rt is None:
            return
        try:
            retention.stel_termijn_in(self.ws, rt.key, self.years_spin.value())
        except UserError as exc:
            _say(self.message, str(exc), error=True)
            return
        row = self.type_table.currentRow()
        self.refresh()
        self.type_table.selectRow(row)
        _say(self.message, f"Bewaartermijn voor {rt.naam} is nu {self.years_spin.value()} jaar.")

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
            _say(self.message, str(exc), error=True)
            self.refresh()
            return
        self.refresh()
        if it is not None:
            self.select(it.record_type, it.record_id)
        _say(self.message, ok_text if not callable(ok_text) else ok_text(result))

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
            _say(self.message, dlg.result_text)


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
        lay = QVBoxLayout(self)
        intro = QLabel("Vraag hier aan om gegevens te vernietigen voordat de bewaartermijn voorbij is, bijvoorbeeld "
                       "omdat de betrokkene daarom vraagt (Jeugdwet art. 7.3.9, Wmo 2015 art. 5.3.5: binnen drie "
                       "maanden). Een beheerder én een aandachtsfunctionaris moeten bevestigen. Je aanvraag telt als "
                       "je bevestiging.")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
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
        self.reason_edit.setMaximumHeight(90)
        form.addRow("&Toelichting:", self.reason_edit)
        lay.addLayout(form)
        self.error = error_label()
        lay.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.ok_button = QPushButton("&Aanvragen")
        self.ok_button.setAccessibleName("Vernietigen aanvragen")
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Annuleren")
        buttons.accepted.connect(self.try_request)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

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


class KeyTab(QWidget):
    def __init__(self, ws, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        lay = QVBoxLayout(self)
        text = QLabel(
            "De database is versleuteld met één geheime sleutel. Elk account heeft een eigen, met de wachtzin "
            "beveiligde kopie van die sleutel.\n\n"
            "Vernieuw de sleutel als je denkt dat een wachtzin of een kopie van de werkruimte in verkeerde handen "
            "is gekomen. Iedereen logt daarna gewoon in met de eigen wachtzin. Oude kopieën van het sleutelbestand "
            "werken niet meer. Bij het deactiveren van een account doet de app dit vanzelf.\n\n"
            "Let op: reservekopieën van vóór het vernieuwen blijven met de oude sleutel versleuteld. "
            "Maak na het vernieuwen een nieuwe reservekopie.")
        text.setWordWrap(True)
        lay.addWidget(text)
        self.generation = QLabel("")
        self.generation.setAccessibleName("Huidige sleutel")
        lay.addWidget(self.generation)
        self.rotate_button = QPushButton("Sleutel &nu vernieuwen…")
        self.rotate_button.setAccessibleName("Sleutel nu vernieuwen")
        self.rotate_button.clicked.connect(self.rotate)
        lay.addWidget(self.rotate_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.message = _message_label()
        lay.addWidget(self.message)
        lay.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        self.generation.setText(f"Huidige sleutel: nummer {self.ws.db_generation}.")

    def rotate(self) -> None:
        from ghnt_desktop.services import accounts

        if not confirm(self, "Sleutel vernieuwen",
                       "De app versleutelt de database opnieuw met een nieuwe sleutel. Dat kan even duren. "
                       "Werk in de tussentijd niet in de app.\n\nDoorgaan?", yes="Vernieuwen", no="Annuleren"):
            return
        try:
            accounts.vernieuw_sleutel(self.ws)
        except UserError as exc:
            _say(self.message, str(exc), error=True)
            return
        self.refresh()
        _say(self.message, "De sleutel is vernieuwd. Iedereen logt in met de eigen wachtzin. "
                           "Maak nu een nieuwe reservekopie.")


# --- the screen ------------------------------------------------------------------

class BeheerView(QWidget):
    # Aan de slag item -> the tab that does it
    SECTIONS = {"gemeenten": "teams_tab", "teams": "teams_tab", "accounts": "accounts_tab",
                "meldcodeprofiel": "profiel_tab", "regiovisie": "regiovisie_tab", "backup": "backup_tab"}

    def __init__(self, ws, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        lay = QVBoxLayout(self)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self._update_info()
        lay.addWidget(self.info)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Onderdelen van beheer")
        lay.addWidget(self.tabs, 1)
        r = ws.session.rollen
        self.my_account = MyAccountTab(ws)
        self.tabs.addTab(self.my_account, "Mijn account")
        self.start_tab = None
        if mag(r, Actie.INSTELLINGEN_BEHEREN):
            from ghnt_desktop.ui.aan_de_slag import AanDeSlagPage

            self.start_tab = AanDeSlagPage(ws)
            self.start_tab.open_requested.connect(self.show_section)
        self.teams_tab = None
        if mag(r, Actie.TEAMS_BEHEREN):
            from ghnt_desktop.ui.teams_view import TeamsTab

            self.teams_tab = TeamsTab(ws)
            self.teams_tab.changed.connect(self._update_info)
        self.accounts_tab = AccountsTab(ws) if mag(r, Actie.ACCOUNTS_BEHEREN) else None
        self.profiel_tab = self.regiovisie_tab = None
        if mag(r, Actie.INSTELLINGEN_BEHEREN):
            from ghnt_desktop.ui.meldcode_profiel_view import MeldcodeProfielView
            from ghnt_desktop.ui.regiovisie_view import RegiovisieView

            self.profiel_tab = MeldcodeProfielView(ws)
            self.regiovisie_tab = RegiovisieView(ws)
        self.settings_tab = SettingsTab(ws) if mag(r, Actie.INSTELLINGEN_BEHEREN) else None
        self.retention_tab = (RetentionTab(ws) if mag(r, Actie.BEWAARTERMIJN_BEHEREN)
                              or mag(r, Actie.BEWAARTERMIJN_BEVESTIGEN_AF) else None)
        self.log_tab = None
        if mag(r, Actie.AUDIT_INZIEN):
            from ghnt_desktop.ui.audit_view import LogboekWidget

            self.log_tab = LogboekWidget(ws)
        self.key_tab = KeyTab(ws) if mag(r, Actie.ACCOUNTS_BEHEREN) else None
        self.backup_tab = None
        if mag(r, Actie.BACKUPS_BEHEREN):
            from ghnt_desktop.ui.backup_dialogs import BackupPanel

            self.backup_tab = BackupPanel(ws)
            self.backup_tab.restored.connect(self._restored)
        for tab, title in ((self.start_tab, "Aan de slag"), (self.teams_tab, "Teams"),
                           (self.accounts_tab, "Accounts"), (self.profiel_tab, "Meldcodeprofiel"),
                           (self.regiovisie_tab, "Regionale aanpak"), (self.settings_tab, "Instellingen"),
                           (self.retention_tab, "Bewaartermijnen"), (self.log_tab, "Logboek"),
                           (self.backup_tab, "Reservekopieën"), (self.key_tab, "Sleutel vernieuwen")):
            if tab is not None:
                self.tabs.addTab(tab, title)
        if self.accounts_tab is not None:
            self.tabs.setCurrentWidget(self.accounts_tab)
        self.tabs.currentChanged.connect(self._tab_changed)
        # kept for code that still looks for the old single table
        self.table = self.accounts_tab.table if self.accounts_tab else None

    def _update_info(self) -> None:
        gemeenten = ", ".join(f"{n} ({c})" for c, n in self.ws.gemeenten())
        self.info.setText(f"<h2>Beheer</h2><p><b>Organisatie:</b> {_html(self.ws.organisatie)}<br><b>Gemeenten:</b> "
                          f"{_html(gemeenten)}<br><b>Gegevensmap:</b> {_html(str(self.ws.data_dir))}</p>")

    def show_section(self, key: str) -> bool:
        """Show the tab for an "Aan de slag" item (False when this account has no such tab)."""
        tab = getattr(self, self.SECTIONS.get(key, ""), None)
        if tab is None:
            return False
        self.tabs.setCurrentWidget(tab)
        if key == "gemeenten":
            tab.gemeenten_box.add_edit.setFocus()
        else:
            tab.setFocus()
            tab.focusNextChild()
        return True

    def _restored(self, new_ws) -> None:
        """After a restore the old workspace is closed: the main window continues with the new one."""
        win = self.window()
        switch = getattr(win, "switch_workspace", None)
        if switch is not None:
            switch(new_ws)

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def _tab_changed(self, _index: int) -> None:
        w = self.tabs.currentWidget()
        if w is self.log_tab:
            self.log_tab.load()
        elif w is self.regiovisie_tab:
            pass  # only it changes what it shows: a refresh would throw away an unsaved eigen indeling
        elif hasattr(w, "refresh"):
            w.refresh()

    def refresh(self) -> None:
        if self.accounts_tab is not None:
            self.accounts_tab.refresh()

    # MainWindow lock protocol: nothing from the log or lists stays on screen while locked.
    def clear_for_lock(self) -> None:
        for tab in (self.accounts_tab, self.teams_tab, self.retention_tab, self.log_tab):
            if tab is not None:
                tab.clear()

    def restore_after_unlock(self) -> None:
        self._tab_changed(self.tabs.currentIndex())


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


def _html(text: str) -> str:
    from html import escape

    return escape(text)
