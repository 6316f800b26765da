"""Unlock dialog: name + passphrase; errors inline in Dutch; slows down after failures.

"Acuut onveilig?" is on it too: at start-up and on the lock screen it is the first thing in reach.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout)

from ghnt_desktop.errors import UserError
from ghnt_desktop.ui.acuut_knop import acute_button
from ghnt_desktop.ui.messages import error_label


class UnlockDialog(QDialog):
    def __init__(self, data_dir: Path, *, login: str = "", fixed_login: bool = False, parent=None,
                 title: str = "GHNT Desktop ontgrendelen") -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.workspace = None
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        lay = QVBoxLayout(self)
        top = QHBoxLayout()  # the red button first in reach, as in the main window's header
        top.addStretch(1)
        self.acute_button = acute_button(self._show_acute, "&Acuut onveilig?")
        top.addWidget(self.acute_button)
        lay.addLayout(top)
        intro = QLabel("Vul je naam en wachtzin in om de werkruimte te openen.")
        intro.setWordWrap(True)
        self.intro = intro
        lay.addWidget(intro)
        form = QFormLayout()
        self.login_edit = QLineEdit(login)
        self.login_edit.setAccessibleName("Naam")
        self.login_edit.setReadOnly(fixed_login)
        self.pass_edit = QLineEdit()
        self.pass_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pass_edit.setAccessibleName("Wachtzin")
        form.addRow("&Naam:", self.login_edit)
        form.addRow("&Wachtzin:", self.pass_edit)
        lay.addLayout(form)
        self.error = error_label()
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox()
        self.ok_button = QPushButton("&Ontgrendelen")
        self.ok_button.setDefault(True)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_unlock)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        (self.pass_edit if login else self.login_edit).setFocus()
        self.resize(max(self.sizeHint().width(), 480), self.sizeHint().height())

    def _show_acute(self) -> None:
        from ghnt_desktop.ui.acute_dialog import open_acute

        open_acute(self.acute_button)

    def unlock(self, login: str, passphrase: str):
        """Override point: the default opens the workspace; lock screens verify instead."""
        from ghnt_desktop.services.login import login as do_login

        return do_login(self.data_dir, login, passphrase)

    def try_unlock(self) -> None:
        login, pw = self.login_edit.text().strip(), self.pass_edit.text()
        if not login or not pw:
            self.error.setText("Vul je naam en je wachtzin in.")
            return
        self.ok_button.setEnabled(False)
        self.error.setText("Bezig met ontgrendelen…")
        self.repaint()
        try:
            self.workspace = self.unlock(login, pw)
        except UserError as exc:
            self.error.setText(str(exc))
            self.pass_edit.clear()
            self.pass_edit.setFocus()
            return
        finally:
            self.ok_button.setEnabled(True)
            pw = ""
        self.pass_edit.clear()
        self.accept()
