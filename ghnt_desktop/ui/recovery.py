"""Start-up problems: another running app, a damaged database (offer to restore), the daily backup.

For the lead's ``ui/launch.py``::

    if refuse_if_running(data_dir):            # before the unlock dialog
        return 1
    ...
    except WorkspaceCorrupt as exc:            # opening failed
        ws = offer_restore(data_dir, login, passphrase_or_None, None, reason=str(exc))
        if ws is None: return 1
    ...
    ws = daily_backup_or_recover(ws, None)     # after login; None: quit
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QMessageBox, QPushButton, QVBoxLayout, QWidget)

from ghnt_desktop.errors import UserError, WorkspaceCorrupt
from ghnt_desktop.services.datadir import is_running_elsewhere
from ghnt_desktop.ui.messages import error_label

if TYPE_CHECKING:  # the backup service is loaded only when a backup is needed (start-up stays fast)
    from ghnt_desktop.services.backup import BackupCheck, BackupInfo


def _message(parent: QWidget | None, title: str, text: str, icon=QMessageBox.Icon.Information) -> None:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName(title)
    box.exec()


def refuse_if_running(data_dir: Path, parent: QWidget | None = None) -> bool:
    """Show a Dutch message and return True if the app is already open with this data dir."""
    if not is_running_elsewhere(data_dir):
        return False
    _message(parent, "GHNT Desktop is al geopend",
             "GHNT Desktop is al geopend met deze gegevensmap (misschien in een ander venster of door een andere "
             "gebruiker op deze computer). Gebruik dat venster, of sluit het eerst.", QMessageBox.Icon.Warning)
    return True


class PassphraseDialog(QDialog):
    """Ask the passphrase again (the damaged database cannot tell who you are; the key slot can)."""

    def __init__(self, data_dir: Path, login: str, parent=None, *, text: str = "") -> None:
        super().__init__(parent)
        self.data_dir, self.login = Path(data_dir), login
        self.passphrase: str | None = None
        self.unlocked = None
        self.setWindowTitle("Wachtzin nodig")
        self.setAccessibleName("Wachtzin nodig")
        lay = QVBoxLayout(self)
        intro = QLabel(text or "Vul je naam en wachtzin in om een reservekopie terug te kunnen zetten.")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.login_edit = QLineEdit(login)
        self.login_edit.setAccessibleName("Naam")
        self.pass_edit = QLineEdit()
        self.pass_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pass_edit.setAccessibleName("Wachtzin")
        form.addRow("&Naam:", self.login_edit)
        form.addRow("&Wachtzin:", self.pass_edit)
        lay.addLayout(form)
        self.error = error_label()
        lay.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.ok_button = QPushButton("&Verder")
        self.ok_button.setDefault(True)
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("&Annuleren")
        buttons.accepted.connect(self.try_unlock)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        (self.pass_edit if login else self.login_edit).setFocus()

    def try_unlock(self) -> None:
        from ghnt_desktop.services.backup import unlock_keys

        login, pw = self.login_edit.text().strip(), self.pass_edit.text()
        if not login or not pw:
            self.error.setText("Vul je naam en je wachtzin in.")
            return
        try:
            self.unlocked = unlock_keys(self.data_dir, login, pw)
        except UserError as exc:
            self.error.setText(str(exc))
            self.pass_edit.clear()
            return
        self.login, self.passphrase = login, pw
        self.pass_edit.clear()
        self.accept()


def _when(b: BackupInfo) -> str:
    return f"{b.created_at.astimezone():%d-%m-%Y %H:%M}"


class RecoveryDialog(QDialog):
    """The database cannot be opened: restore the newest good backup, another one, or quit."""

    def __init__(self, reason: str, backups: list[BackupInfo], latest: tuple[BackupInfo, BackupCheck] | None,
                 parent=None) -> None:
        super().__init__(parent)
        self.choice: Path | None = None
        self.setWindowTitle("De werkruimte kan niet worden geopend")
        self.setAccessibleName("De werkruimte kan niet worden geopend")
        lay = QVBoxLayout(self)
        if latest:
            advice = (f"De laatste goede reservekopie is van <b>{_when(latest[0])}</b>. Je kunt die terugzetten. "
                      f"Wat na dat moment is ingevoerd, staat er niet in.")
        elif backups:
            advice = "Geen van de reservekopieën kwam door de controle. Je kunt een ander bestand kiezen."
        else:
            advice = ("Er zijn geen reservekopieën gevonden. Heb je er een op een andere plek (bijvoorbeeld een "
                      "USB-stick)? Kies dan het bestand. Of neem contact op met de beheerder.")
        text = QLabel(f"<p>{_escape(reason) or 'Het databasebestand is beschadigd.'}</p><p>{advice}</p>"
                      "<p>Het beschadigde bestand wordt <b>niet</b> overschreven: het blijft bewaard als "
                      "<i>beschadigd-…db</i> in de gegevensmap.</p>")
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(text)
        self.list = QListWidget()
        self.list.setAccessibleName("Reservekopieën")
        good = latest[0].path if latest else None
        for b in backups:
            mark = " – gecontroleerd, in orde" if b.path == good else ""
            item = QListWidgetItem(f"{_when(b)}  {b.label}{mark}")
            item.setData(Qt.ItemDataRole.UserRole, str(b.path))
            self.list.addItem(item)
            if b.path == good:
                self.list.setCurrentItem(item)
        self.list.setVisible(bool(backups))
        self.list.setAccessibleDescription("Kies met de pijltjestoetsen welke reservekopie je terugzet.")
        lay.addWidget(self.list, 1)
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton("&Reservekopie terugzetten")
        self.restore_button.setAccessibleName("Gekozen reservekopie terugzetten")
        self.restore_button.setEnabled(self.list.currentItem() is not None)
        self.restore_button.setDefault(True)
        self.file_button = QPushButton("Ander &bestand kiezen…")
        self.quit_button = QPushButton("&Afsluiten")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.file_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self._take_selected)
        self.file_button.clicked.connect(self._pick_file)
        self.quit_button.clicked.connect(self.reject)
        self.list.currentItemChanged.connect(lambda cur, _prev: self.restore_button.setEnabled(cur is not None))
        lay.addWidget(buttons)
        from ghnt_desktop.ui.indeling import dialog_size

        dialog_size(self, 620, 420)

    def _take_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.choice = Path(item.data(Qt.ItemDataRole.UserRole))
        self.accept()

    def _pick_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Reservekopie kiezen", "", "Reservekopie (*.db);;Alle bestanden (*)")
        if name:
            self.choice = Path(name)
            self.accept()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def offer_restore(data_dir: Path, login: str, passphrase: str | None, parent: QWidget | None = None, *,
                  reason: str = ""):
    """The database is damaged or missing: offer to restore a verified backup. Returns the opened
    ``Workspace`` after a restore, or ``None`` (the user chose to quit, or it could not be done).

    The damaged file is never overwritten: it is moved aside unchanged (``beschadigd-<tijd>.db``).
    """
    from PySide6.QtWidgets import QApplication

    from ghnt_desktop.services import backup as service
    from ghnt_desktop.ui.app import install_acute_everywhere
    from ghnt_desktop.ui.messages import show_error

    install_acute_everywhere(QApplication.instance())  # these dialogs come before the main window
    data_dir = Path(data_dir)
    try:
        if passphrase is None:
            ask = PassphraseDialog(data_dir, login, parent, text=(
                "De werkruimte kan niet worden geopend. Om een reservekopie terug te zetten is je wachtzin nodig."))
            if not ask.exec():
                return None
            unlocked = ask.unlocked
            login, passphrase = ask.login, ask.passphrase
        else:
            unlocked = service.unlock_keys(data_dir, login, passphrase)
        backups, latest = service.recovery_choices(data_dir, unlocked)
    except WorkspaceCorrupt as exc:  # e.g. keyslots.json itself is damaged: a backup cannot help
        show_error(parent, exc, title="De werkruimte kan niet worden geopend")
        return None
    except Exception as exc:
        show_error(parent, exc, title="De werkruimte kan niet worden geopend")
        return None
    while True:
        dlg = RecoveryDialog(reason, backups, latest, parent)
        if not dlg.exec() or dlg.choice is None:
            return None
        from ghnt_desktop.ui.operations import run_op

        choice = dlg.choice
        op = run_op(parent, "Reservekopie terugzetten",
                    lambda: service.restore_damaged(data_dir, login, passphrase, choice), None,
                    progress_text="Bezig met terugzetten en controleren…", error_title="Terugzetten is niet gelukt",
                    save_first=False)  # no workspace is open: nothing to save first
        op.wait()  # part of the start-up flow, like dlg.exec(); a problem was shown by run_op
        if op.error is not None:
            continue
        result = op.result
        break
    aside = "".join(f"\n{p.name}" for p in result.kept_aside if p.suffix == ".db")
    info = service.describe(result.restored_from)
    when = _when(info) if info else "?"
    _message(parent, "Reservekopie teruggezet",
             f"De reservekopie van {when} is teruggezet en gecontroleerd."
             + (f"\n\nHet beschadigde bestand is apart bewaard in de gegevensmap:{aside}" if aside else "")
             + f"\n\nWat na {when} is ingevoerd, staat niet in de reservekopie. Voer dat zo nodig opnieuw in.")
    try:
        from ghnt_desktop.services.login import login as do_login

        return do_login(data_dir, login, passphrase)
    except Exception as exc:
        show_error(parent, exc, title="De werkruimte kan niet worden geopend")
        return None


def daily_backup_or_recover(ws, parent: QWidget | None = None):
    """After login: make today's backup. A damaged database leads to :func:`offer_restore`.

    Returns the workspace to continue with (``ws`` itself, or a restored one), or ``None`` to quit.
    A backup that fails for another reason (full disk, folder not writable) only warns.
    """
    from ghnt_desktop.services.backup import ensure_daily_backup
    from ghnt_desktop.ui.messages import show_error

    try:
        ensure_daily_backup(ws)
        return ws
    except WorkspaceCorrupt as exc:
        data_dir, login = ws.data_dir, ws.session.login
        ws.close()
        return offer_restore(data_dir, login, None, parent, reason=str(exc))
    except UserError as exc:
        show_error(parent, exc, title="Reservekopie niet gemaakt")
        return ws
