"""Beheer → Reservekopieën: list, make, verify and restore backups; choose the folder.

``BackupPanel(ws)`` is a widget for the Beheer screen; ``BackupDialog(ws)`` wraps it.
After a restore the old workspace is closed: both emit ``restored(new_workspace)`` and
the owner (the main window) must switch to the new one.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel,
                               QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ghnt_desktop.domain.datum import formatteer
from ghnt_desktop.errors import UserError
from ghnt_desktop.services.backup import PRUNABLE, BackupInfo, retention_roles
from ghnt_desktop.ui.a11y import MessageLabel
from ghnt_desktop.ui.flow import FlowLayout
from ghnt_desktop.ui.kop import Kop

COLUMNS = ["Datum en tijd", "Soort", "Bewaard als", "Grootte", "Controle"]


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{max(1, round(n / 1000))} kB"


class ConfirmRestoreDialog(QDialog):
    """Restoring replaces everything: say what happens and ask the passphrase again."""

    def __init__(self, backup: BackupInfo, parent=None) -> None:
        super().__init__(parent)
        self.passphrase = ""
        title = "Reservekopie terugzetten"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        lay = QVBoxLayout(self)
        when = f"{backup.created_at.astimezone():%d-%m-%Y %H:%M}"
        text = QLabel(
            f"<p>Alle gegevens in de app worden vervangen door die van de reservekopie van <b>{when}</b>. "
            f"Wat daarna is ingevoerd, staat er niet in.</p>"
            "<p>De huidige gegevens worden eerst zelf als reservekopie bewaard (soort: <i>Voor het terugzetten</i>), "
            "dus je kunt dit ongedaan maken.</p><p>Vul je wachtzin in om te bevestigen.</p>")
        text.setWordWrap(True)
        lay.addWidget(text)
        form = QFormLayout()
        self.pass_edit = QLineEdit()
        self.pass_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pass_edit.setAccessibleName("Wachtzin")
        form.addRow("&Wachtzin:", self.pass_edit)
        lay.addLayout(form)
        buttons = QDialogButtonBox()
        self.ok_button = QPushButton("&Terugzetten")
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("&Annuleren")
        cancel.setDefault(True)
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.pass_edit.setFocus()

    def _ok(self) -> None:
        if not self.pass_edit.text():
            self.pass_edit.setFocus()
            return
        self.passphrase = self.pass_edit.text()
        self.pass_edit.clear()
        self.accept()


class BackupPanel(QWidget):
    restored = Signal(object)  # the reopened Workspace

    def __init__(self, ws, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.backups: list[BackupInfo] = []
        self.checked: dict[Path, str] = {}
        lay = QVBoxLayout(self)
        lay.addWidget(Kop("Reservekopieën", 2))
        intro = QLabel(
            "Elke dag maakt de app bij de eerste start een versleutelde reservekopie, en ook vóór een update van de "
            "database, het opschonen, het inlezen van een catalogus en het terugzetten. Bewaard blijven: de laatste "
            "van elk van de 7 meest recente dagen en van elk van de 12 meest recente maanden. Andere "
            "reservekopieën worden nooit vanzelf verwijderd.")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setAccessibleDescription("Map voor reservekopieën")  # the name stays the visible text
        lay.addWidget(self.folder_label)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Reservekopieën")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        from ghnt_desktop.ui.indeling import ColumnFit

        self.table.column_fit = ColumnFit(self.table)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move inside
        self.table.verticalHeader().setVisible(False)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        lay.addWidget(self.table, 1)
        self.status = MessageLabel("Melding")
        lay.addWidget(self.status)
        row = FlowLayout()
        self.make_button = QPushButton("&Nu een reservekopie maken")
        self.verify_button = QPushButton("&Controleren")
        self.restore_button = QPushButton("&Terugzetten…")
        self.folder_button = QPushButton("&Map kiezen…")
        self.default_button = QPushButton("&Standaardmap")
        for b, tip in ((self.make_button, "Maak nu een versleutelde reservekopie"),
                       (self.verify_button, "Controleer of de gekozen reservekopie te openen en onbeschadigd is"),
                       (self.restore_button, "Zet de gekozen reservekopie terug"),
                       (self.folder_button, "Kies de map waarin nieuwe reservekopieën komen"),
                       (self.default_button, "Gebruik weer de standaardmap in de gegevensmap")):
            b.setToolTip(tip)
            row.addWidget(b)
        lay.addLayout(row)
        self.make_button.clicked.connect(self.make_backup)
        self.verify_button.clicked.connect(self.verify_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        self.folder_button.clicked.connect(self.choose_folder)
        self.default_button.clicked.connect(lambda: self.set_folder(None))
        self.refresh()

    # --- data -----------------------------------------------------------------
    def refresh(self) -> None:
        from ghnt_desktop.services import backup as service

        try:
            self.backups = service.list_backups(self.ws)
            folder = service.backup_folder(self.ws)
        except UserError as exc:
            self.status.setText(str(exc))
            self.backups, folder = [], None
        wrappable = str(folder).replace("/", "/\u200b")  # a long path may wrap after each "/"
        self.folder_label.setText(f"Nieuwe reservekopieën komen in: {wrappable}" if folder else "")
        roles = retention_roles(self.backups)
        self.table.setRowCount(len(self.backups))
        for i, b in enumerate(self.backups):
            if b.kind in PRUNABLE:
                kept = {"dag": "Dag", "maand": "Maand", "dag en maand": "Dag en maand"}.get(roles.get(b.path, ""), "")
            else:
                kept = "Altijd (niet vanzelf verwijderd)"
            values = (f"{formatteer(b.created_at.astimezone().date())} {b.created_at.astimezone():%H:%M}", b.label, kept, _size(b.size),
                      self.checked.get(b.path, "Nog niet gecontroleerd"))
            for j, v in enumerate(values):
                item = QTableWidgetItem(v)
                item.setToolTip(str(b.path))
                self.table.setItem(i, j, item)
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.backups[rows.pop()] if len(rows) == 1 else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        self.verify_button.setEnabled(has)
        self.restore_button.setEnabled(has)

    # --- actions ----------------------------------------------------------------
    def _error(self, exc: BaseException, title: str) -> None:
        from ghnt_desktop.ui.messages import show_error

        self.status.setText(str(exc) if isinstance(exc, UserError) else "Dat lukte niet.")
        show_error(self, exc, title=title)

    def make_backup(self):
        """Make and verify a backup on the worker (the window stays responsive); returns the operation."""
        from ghnt_desktop.services import backup as service
        from ghnt_desktop.ui.operations import run_op

        ws = self.ws

        def done(info) -> None:
            self.checked[info.path] = "In orde"
            self.refresh()
            self.status.setText(f"Reservekopie gemaakt en gecontroleerd: {info.name}")

        return run_op(self, "Reservekopie maken", lambda: service.make_backup(ws), done,
                      on_error=lambda e: self._error(e, "Reservekopie niet gemaakt"),
                      progress_text="Bezig met de reservekopie. Daarna controleert de app hem.",
                      error_title="Reservekopie niet gemaakt")

    def verify_selected(self):
        from ghnt_desktop.services import backup as service
        from ghnt_desktop.ui.operations import run_op

        b = self.selected()
        if b is None:
            return None
        ws = self.ws

        def done(check) -> None:
            self.checked[b.path] = "In orde" if check.ok else "Niet in orde"
            row = self.backups.index(b)
            self.refresh()
            self.select_row(row)
            text = check.explain()
            if check.warnings:
                text += "\nLet op:\n" + "\n".join(f"- {w}" for w in check.warnings)
            self.status.setText(text)

        return run_op(self, "Reservekopie controleren", lambda: service.verify(ws, b.path), done,
                      on_error=lambda e: self._error(e, "Controleren is niet gelukt"),
                      progress_text="Bezig met controleren van de reservekopie…",
                      error_title="Controleren is niet gelukt")

    def restore_selected(self) -> None:
        b = self.selected()
        if b is None:
            return
        dlg = ConfirmRestoreDialog(b, self)
        if not dlg.exec():
            return
        self.restore(b.path, dlg.passphrase)

    def restore(self, path: Path, passphrase: str):
        """Restore on the worker; returns the operation (``op.error`` is set when it did not work)."""
        from ghnt_desktop.services import backup as service
        from ghnt_desktop.ui.operations import run_op

        ws = self.ws

        def done(res) -> None:
            new_ws, result = res
            self.ws = new_ws
            self.checked.clear()
            self.refresh()
            kept = f" De gegevens van vóór het terugzetten staan in {result.kept_as_backup.name}." \
                if result.kept_as_backup else ""
            self.status.setText(f"De reservekopie is teruggezet.{kept}")
            self.restored.emit(new_ws)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, service.RestoreFailed) and exc.workspace is not None:
                self.ws = exc.workspace
                self.restored.emit(exc.workspace)
            self._error(exc, "Terugzetten is niet gelukt")

        return run_op(self, "Reservekopie terugzetten", lambda: service.restore(ws, path, passphrase), done,
                      on_error=failed, progress_text="Bezig met terugzetten. Sluit de app niet af.",
                      error_title="Terugzetten is niet gelukt")

    def choose_folder(self) -> None:
        from ghnt_desktop.services import backup as service

        start = str(service.backup_folder(self.ws))
        name = QFileDialog.getExistingDirectory(self, "Map voor reservekopieën kiezen", start)
        if name:
            self.set_folder(Path(name))

    def set_folder(self, folder: Path | None) -> bool:
        from ghnt_desktop.services import backup as service

        try:
            new = service.set_backup_folder(self.ws, folder)
        except Exception as exc:
            self._error(exc, "Map niet gewijzigd")
            return False
        self.refresh()
        self.status.setText(f"Nieuwe reservekopieën komen voortaan in: {new}. Bestaande reservekopieën blijven "
                            "staan waar ze staan.")
        return True


class BackupDialog(QDialog):
    restored = Signal(object)

    def __init__(self, ws, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Reservekopieën")
        self.setAccessibleName("Reservekopieën")
        lay = QVBoxLayout(self)
        self.panel = BackupPanel(ws, self)
        self.panel.restored.connect(self.restored.emit)
        lay.addWidget(self.panel)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Sluiten")  # Esc; Alt+S is "Standaardmap"
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        from ghnt_desktop.ui.indeling import dialog_size

        dialog_size(self, 820, 520)
