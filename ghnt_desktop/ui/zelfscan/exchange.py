"""Exchange of vastgestelde zelfscans between workspaces (format ``ghnt-zelfscan``).

"Exporteren…": only for a vastgestelde scan; participant names are left out unless the user ticks
"Namen van deelnemers meenemen". "Importeren…": the service checks everything (damaged or changed file,
cut-off file, already read, unknown catalogue version) and every problem is shown in Dutch.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout, QWidget

from ghnt_desktop.errors import UserError, ValidationError
from ghnt_desktop.ui.messages import show_error
from ghnt_desktop.ui.zelfscan import common

FILTER = "Zelfscan-bestand (*.json);;Alle bestanden (*)"


class ExportDialog(QDialog):
    """Choose whether names go along, then pick a file. ``exported`` carries the path written."""

    exported = Signal(str)

    def __init__(self, ws, svc, info, parent=None) -> None:
        super().__init__(parent)
        self.ws, self.svc, self.info = ws, svc, info
        self.setWindowTitle("Zelfscan exporteren")
        self.setAccessibleName("Zelfscan exporteren")
        lay = QVBoxLayout(self)
        text = QLabel(
            f"Je maakt een bestand van de vastgestelde zelfscan van {info.team_naam} "
            f"(peildatum {common.datum(info.peildatum)}, versie {info.versie}). Dat bestand kun je sturen naar "
            "bijvoorbeeld de gemeente of een ander team. Zij lezen het in met 'Importeren'.")
        text.setWordWrap(True)
        lay.addWidget(text)
        self.names_check = QCheckBox("&Namen van deelnemers meenemen")
        self.names_check.setAccessibleName("Namen van deelnemers meenemen")
        self.names_check.setChecked(False)
        lay.addWidget(self.names_check)
        hint = QLabel("Zonder vinkje staan alleen de rollen van de deelnemers in het bestand, geen namen. "
                      "Neem namen alleen mee als de deelnemers dat goed vinden.")
        hint.setWordWrap(True)
        lay.addWidget(hint)
        self.error = QLabel()
        self.error.setObjectName("foutmelding")
        self.error.setWordWrap(True)
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton("&Opslaan als…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setAccessibleName("Opslaan als")
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.path: str | None = None

    def suggested_name(self) -> str:
        i = self.info
        return f"zelfscan-{common.safe_file_name(i.team_naam)}-{i.peildatum.isoformat()}-v{i.versie}.json"

    def save(self, path: str | None = None) -> None:
        if not path:
            path = common.ask_save_path(self, "Zelfscan opslaan als", self.suggested_name(), FILTER)
            if not path:
                return
        try:
            data = self.svc.exporteer(self.ws, self.info.id, namen_opnemen=self.names_check.isChecked())
            common.write_file(path, data)
        except UserError as exc:
            self.error.setText(str(exc))
            return
        self.path = str(path)
        self.exported.emit(self.path)
        self.accept()


def import_scan(parent: QWidget, ws, svc, path: str | None = None) -> int | None:
    """Ask for a file (unless ``path``), import it, report. Returns the new scan id or None.

    The dialog shown is non-blocking and kept in ``parent.last_dialog`` (for tests).
    """
    if path is None:
        path = common.ask_open_path(parent, "Zelfscan-bestand kiezen", FILTER)
        if not path:
            return None
    try:
        data = common.read_file(path)
        scan_id = svc.importeer(ws, data)
    except ValidationError as exc:
        parent.last_dialog = common.show_problems(parent, "Zelfscan niet ingelezen", exc)
        return None
    except UserError as exc:
        show_error(parent, exc, title="Zelfscan niet ingelezen")
        return None
    info = svc.scan_info(ws, scan_id) if hasattr(svc, "scan_info") else None
    text = "De zelfscan is ingelezen."
    if info is not None:
        text = (f"De zelfscan van {info.team_naam} (peildatum {common.datum(info.peildatum)}, versie "
                f"{info.versie}) is ingelezen. Je kunt hem bekijken en vergelijken, maar niet wijzigen.")
    box = QMessageBox(QMessageBox.Icon.Information, "Zelfscan ingelezen", text, QMessageBox.StandardButton.Ok,
                      parent)
    box.setAccessibleName("Zelfscan ingelezen")
    parent.last_dialog = common.open_dialog(box, parent)
    return scan_id
