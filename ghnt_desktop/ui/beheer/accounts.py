"""Beheer › Accounts: the list of accounts, and the dialogs to create or change one and to show a one-time
passphrase once. Resetting a passphrase and deactivating (which rotates the database key) start here too."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPushButton, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from ghnt_desktop.domain.roles import Rol
from ghnt_desktop.errors import UserError
from ghnt_desktop.ui.beheer.common import button_row, esc, make_table, message_label, say
from ghnt_desktop.ui.indeling import HeightInLines, dialog_size, scroll_body
from ghnt_desktop.ui.messages import confirm, error_label
from ghnt_desktop.ui.pages import PageMixin


class AccountsTab(QWidget, PageMixin):
    titel = "Accounts"
    HEADERS = ["Naam", "Inlognaam", "Rollen", "Status", "Teams"]

    def __init__(self, ws, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.rows = []
        lay = QVBoxLayout(self)
        self.show_inactive = QCheckBox("Ook &gedeactiveerde accounts tonen")
        self.show_inactive.toggled.connect(self.refresh)
        lay.addWidget(self.show_inactive)
        self.table = make_table(self.HEADERS, "Accounts", wrap={0, 2, 4})
        self.table.itemSelectionChanged.connect(self._update_buttons)
        lay.addWidget(self.table, 1)
        buttons = button_row()
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
        lay.addLayout(buttons)
        self.message = message_label()
        lay.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        from ghnt_desktop.services import accounts

        try:
            self.rows = accounts.lijst(self.ws, ook_inactief=self.show_inactive.isChecked())
        except UserError as exc:
            self.rows = []
            say(self.message, str(exc), error=True)
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

    def clear_for_lock(self) -> None:
        self.rows = []
        self.table.setRowCount(0)

    def restore_after_unlock(self) -> None:
        self.refresh()

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
        dlg = AccountDialog(self.ws, self)
        self.dialog = dlg
        if not dlg.exec():
            return
        naam, login = dlg.naam_edit.text().strip(), dlg.login_edit.text().strip()
        self.refresh()
        self.select_login(login)
        say(self.message, f"Account voor {naam} gemaakt.")
        show = OneTimePassphraseDialog(naam, login, dlg.one_time, self)
        dlg.one_time = None
        self.dialog = show
        show.exec()

    def edit_account(self) -> None:
        a = self.selected()
        if a is None:
            return
        dlg = AccountDialog(self.ws, self, account=a)
        self.dialog = dlg
        if dlg.exec():
            self.refresh()
            self.select_login(a.login)
            say(self.message, f"Account van {a.naam} gewijzigd.")

    def reset_passphrase(self) -> None:
        from ghnt_desktop.services import accounts

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
            say(self.message, str(exc), error=True)
            return
        self.refresh()
        self.select_login(a.login)
        say(self.message, f"{a.naam} heeft een eenmalige wachtzin gekregen.")
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
            say(self.message, str(exc), error=True)
            return
        self.refresh()
        say(self.message, f"Het account van {a.naam} is gedeactiveerd en de sleutel van de database is vernieuwd.")

    def change_own(self) -> None:
        from ghnt_desktop.ui.change_passphrase_dialog import ChangePassphraseDialog

        dlg = ChangePassphraseDialog(self.ws, self)
        self.dialog = dlg
        if dlg.exec() and dlg.changed:
            say(self.message, "Je wachtzin is gewijzigd. Gebruik voortaan de nieuwe wachtzin.")


# --- dialogs ---------------------------------------------------------------------

ROL_UITLEG = {
    Rol.PROFESSIONAL: "werkt met eigen meldcode-dossiers",
    Rol.AANDACHTSFUNCTIONARIS: "ziet de dossiers van het team, tekent besluiten mee, bevestigt vernietigen",
    Rol.MANAGER: "zelfscan, plan van aanpak en cijfers; geen dossiers",
    Rol.BEHEERDER: "accounts, instellingen, bewaartermijnen en logboek; geen dossiers",
}


class AccountDialog(QDialog):
    """Create (``account=None``) or change an account. After creating, ``self.one_time`` holds the passphrase."""

    def __init__(self, ws, parent=None, *, account=None) -> None:
        from ghnt_desktop.services import accounts

        super().__init__(parent)
        self.ws = ws
        self.account = account
        self.account_id: str | None = None
        self.one_time: str | None = None
        title = "Account wijzigen" if account else "Nieuw account"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        outer = QVBoxLayout(self)
        lay = scroll_body(outer)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.naam_edit = QLineEdit(account.naam if account else "")
        self.naam_edit.setAccessibleName("Volledige naam")
        form.addRow("&Naam:", self.naam_edit)
        self.login_edit = QLineEdit(account.login if account else "")
        self.login_edit.setAccessibleName("Inlognaam")
        self.login_edit.setReadOnly(account is not None)
        form.addRow("&Inlognaam:", self.login_edit)
        lay.addLayout(form)
        rollen_box = QGroupBox("Rollen")
        rl = QVBoxLayout(rollen_box)
        self.rol_checks: dict[Rol, QCheckBox] = {}
        for rol in Rol:  # the role as the box's text, what it may do under it (wraps at any text size)
            cb = QCheckBox(rol.label)
            cb.setAccessibleDescription(ROL_UITLEG[rol])
            cb.setChecked(bool(account and rol in account.rollen))
            self.rol_checks[rol] = cb
            rl.addWidget(cb)
            uitleg = QLabel(ROL_UITLEG[rol][:1].upper() + ROL_UITLEG[rol][1:] + ".")
            uitleg.setWordWrap(True)
            uitleg.setContentsMargins(28, 0, 0, 4)
            rl.addWidget(uitleg)
        lay.addWidget(rollen_box)
        teams_label = QLabel("&Teams (vink aan met de spatiebalk):")
        lay.addWidget(teams_label)
        self.team_list = QListWidget()
        self.team_list.setAccessibleName("Teams")
        teams_label.setBuddy(self.team_list)
        actieve_teams = accounts.teams(ws)
        # memberships of archived teams are not in the list and are kept as they are
        self.hidden_team_ids = (account.team_ids - {t for t, _ in actieve_teams}) if account else frozenset()
        for team_id, naam in actieve_teams:
            item = QListWidgetItem(naam)
            item.setData(Qt.ItemDataRole.UserRole, team_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if account and team_id in account.team_ids
                               else Qt.CheckState.Unchecked)
            self.team_list.addItem(item)
        self.team_list.lines = HeightInLines(self.team_list, 5)
        lay.addWidget(self.team_list)
        if not actieve_teams:
            self.team_list.hide()
            teams_label.setText("Er zijn nog geen teams. Maak eerst de teams (Beheer › Teams); een professional of "
                                "aandachtsfunctionaris hoort bij minstens één team.")
            teams_label.setWordWrap(True)
        if self.team_list.count():
            self.team_list.setCurrentRow(0)
        if account is None:
            note = QLabel("De app maakt een eenmalige wachtzin. Die zie je één keer. Bij de eerste keer inloggen "
                          "kiest de nieuwe collega een eigen wachtzin.")
            note.setWordWrap(True)
            lay.addWidget(note)
        self.error = error_label()
        lay.addStretch(1)
        buttons = QDialogButtonBox()
        self.ok_button = QPushButton("&Opslaan" if account else "Account &maken")
        self.ok_button.setDefault(True)
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(self.error)  # in view by the buttons, not scrolled away
        outer.addWidget(buttons)
        self.naam_edit.setFocus()
        dialog_size(self, 560, 0)

    def rollen(self) -> frozenset[Rol]:
        return frozenset(r for r, cb in self.rol_checks.items() if cb.isChecked())

    def team_ids(self) -> frozenset[int]:
        out = set()
        for i in range(self.team_list.count()):
            item = self.team_list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.add(int(item.data(Qt.ItemDataRole.UserRole)))
        return frozenset(out) | self.hidden_team_ids

    def try_save(self) -> None:
        from ghnt_desktop.domain.organisatie import teams_nodig
        from ghnt_desktop.services import accounts

        if teams_nodig(self.rollen()) and not self.team_ids():
            self.error.setText("Kies minstens één team: een professional of aandachtsfunctionaris werkt altijd "
                               "voor een team. Zijn er nog geen teams? Maak ze eerst onder Beheer › Teams.")
            return
        try:
            if self.account is None:
                self.account_id, self.one_time = accounts.maak_account_met_eenmalige_wachtzin(
                    self.ws, login=self.login_edit.text().strip(), naam=self.naam_edit.text().strip(),
                    rollen=self.rollen(), team_ids=self.team_ids())
            else:
                accounts.wijzig_account(self.ws, self.account.id, naam=self.naam_edit.text(), rollen=self.rollen(),
                                        team_ids=self.team_ids())
                self.account_id = self.account.id
        except UserError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


class OneTimePassphraseDialog(QDialog):
    """Shows a one-time passphrase once. Closing is only possible after ticking 'overgenomen'."""

    def __init__(self, naam: str, login: str, passphrase: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Eenmalige wachtzin")
        self.setAccessibleName("Eenmalige wachtzin")
        lay = QVBoxLayout(self)
        intro = QLabel(
            f"Dit is de eenmalige wachtzin voor <b>{esc(naam)}</b> (inlognaam <b>{esc(login)}</b>).<br><br>"
            "Geef hem persoonlijk door, of via een veilige weg. Stuur hem niet samen met de inlognaam in één mail. "
            f"Bij de eerste keer inloggen moet {esc(naam)} een eigen wachtzin kiezen.<br><br>"
            "<b>De app laat deze wachtzin maar één keer zien.</b>")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(intro)
        self.passphrase_edit = QLineEdit(passphrase)
        self.passphrase_edit.setReadOnly(True)
        self.passphrase_edit.setAccessibleName("Eenmalige wachtzin")
        self.passphrase_edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)  # no copy to clipboard history
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(max(font.pointSize(), round(self.font().pointSize() * 1.4)))  # larger than the text
        font.setWeight(QFont.Weight.Bold)
        self.passphrase_edit.setFont(font)
        lay.addWidget(self.passphrase_edit)
        self.done_check = QCheckBox("Ik heb de wachtzin &overgenomen")
        self.done_check.setAccessibleName("Ik heb de wachtzin overgenomen")
        lay.addWidget(self.done_check)
        buttons = QDialogButtonBox()
        self.close_button = QPushButton("&Sluiten")
        self.close_button.setAccessibleName("Sluiten")
        self.close_button.setEnabled(False)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        self.done_check.toggled.connect(self.close_button.setEnabled)
        lay.addWidget(buttons)
        self.done_check.setFocus()
        dialog_size(self, 520, 0)

    def reject(self) -> None:  # Esc only closes once the passphrase was taken over
        if self.done_check.isChecked():
            super().reject()

    def done(self, r: int) -> None:  # noqa: D401 - Qt override
        self.passphrase_edit.clear()
        super().done(r)
