"""Change one's own passphrase; forced after a one-time passphrase from the beheerder.

Launch hook for the lead: call :func:`ensure_passphrase_changed` right after a
successful unlock and before the main window is created; when it returns False,
close the workspace and stop.
"""
from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout)

from ghnt_desktop.domain import passphrase as policy
from ghnt_desktop.errors import UserError
from ghnt_desktop.ui.indeling import dialog_size, scroll_body
from ghnt_desktop.ui.passphrase_fields import add_new_passphrase_rows
from ghnt_desktop.ui.messages import error_label


class ChangePassphraseDialog(QDialog):
    def __init__(self, ws, parent=None, *, forced: bool = False) -> None:
        super().__init__(parent)
        self.ws = ws
        self.forced = forced
        self.changed = False
        title = "Kies je eigen wachtzin" if forced else "Wachtzin wijzigen"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        outer = QVBoxLayout(self)
        lay = scroll_body(outer)
        if forced:
            text = ("Je bent ingelogd met een eenmalige wachtzin van de beheerder. Kies nu je eigen wachtzin. "
                    "Pas daarna kun je verder. Vul de eenmalige wachtzin nog een keer in als 'huidige wachtzin'.")
        else:
            text = "Vul je huidige wachtzin in en kies een nieuwe."
        intro = QLabel(text)
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.old_edit = QLineEdit()
        self.old_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.old_edit.setAccessibleName("Eenmalige wachtzin" if forced else "Huidige wachtzin")
        form.addRow("&Eenmalige wachtzin:" if forced else "&Huidige wachtzin:", self.old_edit)
        self.new_edit, self.new2_edit, self.strength = add_new_passphrase_rows(
            form, lambda: self.ws.session.login, label="&Nieuwe wachtzin:", repeat_label="Nieuwe wachtzin he&rhalen:",
            name="Nieuwe wachtzin", repeat_name="Nieuwe wachtzin herhalen")
        lay.addLayout(form)
        note = QLabel("Let op: niemand kan je wachtzin terughalen. Vergeet je hem, dan kan een beheerder je een "
                      "nieuwe eenmalige wachtzin geven.")
        note.setWordWrap(True)
        lay.addWidget(note)
        self.error = error_label()
        lay.addStretch(1)
        buttons = QDialogButtonBox()
        self.ok_button = QPushButton("Wachtzin &wijzigen")
        self.ok_button.setDefault(True)
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = QPushButton("&Afsluiten" if forced else "&Annuleren")
        if forced:
            self.cancel_button.setAccessibleName("Afsluiten zonder wijzigen")
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_change)
        buttons.rejected.connect(self.reject)
        outer.addWidget(self.error)  # in view by the buttons, not scrolled away
        outer.addWidget(buttons)
        self.old_edit.setFocus()
        dialog_size(self, 520, 0)

    def try_change(self) -> None:
        from ghnt_desktop.services import accounts

        oud, nieuw, nieuw2 = self.old_edit.text(), self.new_edit.text(), self.new2_edit.text()
        if not oud or not nieuw:
            self.error.setText("Vul alle velden in.")
            return
        if nieuw != nieuw2:
            self.error.setText("De twee nieuwe wachtzinnen zijn niet gelijk.")
            return
        self.ok_button.setEnabled(False)
        self.error.setText("Bezig…")
        self.repaint()
        try:
            accounts.wijzig_wachtzin(self.ws, oud, nieuw)
        except UserError as exc:
            self.error.setText(str(exc))
            return
        finally:
            self.ok_button.setEnabled(True)
        for e in (self.old_edit, self.new_edit, self.new2_edit):
            e.clear()
        self.changed = True
        self.accept()


def ensure_passphrase_changed(ws, parent=None) -> bool:
    """If the account logged in with a one-time passphrase, force a new one. True = may continue."""
    if not ws.session.must_change:
        return True
    from PySide6.QtWidgets import QApplication

    from ghnt_desktop.ui.app import install_acute_everywhere

    install_acute_everywhere(QApplication.instance())  # this dialog may come before the main window
    dlg = ChangePassphraseDialog(ws, parent, forced=True)
    dlg.exec()
    return dlg.changed and not ws.session.must_change
