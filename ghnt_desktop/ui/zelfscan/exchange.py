"""Exchange of vastgestelde zelfscans between workspaces (format ``ghnt-zelfscan``).

"Exporteren…": only for a vastgestelde scan; participant names are left out unless the user ticks
"Namen van deelnemers meenemen". After saving, a message says where the file is and whether it holds names.
"Importeren…": the service checks everything (damaged or changed file, cut-off file, already read, unknown
catalogue version, unknown gemeente, a gemeente this workspace does not serve, dates) and every problem is
shown in Dutch. Where one may go on (a gemeente name spelled differently; a team that does not exist yet) the
user is asked first; "Nee" imports nothing.
"""
from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout, QWidget

from ghnt_desktop.errors import UserError, ValidationError
from ghnt_desktop.ui.a11y import MessageLabel
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
        self.names_check.setChecked(False)
        lay.addWidget(self.names_check)
        hint = QLabel("Zonder vinkje staan alleen de rollen van de deelnemers in het bestand, geen namen. "
                      "Neem namen alleen mee als de deelnemers dat goed vinden.")
        hint.setWordWrap(True)
        lay.addWidget(hint)
        self.error = MessageLabel("Foutmelding", error=True)
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton("&Opslaan als…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        common.instant_mnemonics(self)
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
        parent, with_names, written = self.parentWidget(), self.names_check.isChecked(), self.path
        self.exported.emit(self.path)
        self.accept()
        if parent is not None:  # once this dialog has closed: where the file is, and whether it holds names
            QTimer.singleShot(0, lambda: confirm_export(parent, written, with_names))


def export_text(path: str, with_names: bool) -> str:
    """Where the file went and what it holds (said after every export)."""
    text = f"De zelfscan is opgeslagen in dit bestand:\n{path}\n\n"
    if with_names:
        return text + ("In het bestand staan ook de namen van de deelnemers. Stuur het alleen naar mensen die "
                       "die namen mogen zien.")
    return text + "In het bestand staan geen namen van deelnemers, alleen hun rollen."


def confirm_export(parent: QWidget, path: str, with_names: bool) -> QMessageBox:
    """A non-blocking message after the export; kept in ``parent.last_dialog`` (for tests)."""
    box = QMessageBox(QMessageBox.Icon.Information, "Zelfscan geëxporteerd", export_text(path, with_names),
                      QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName("Zelfscan geëxporteerd")
    parent.last_dialog = common.open_dialog(box, parent)
    return box


def import_scan(parent: QWidget, ws, svc, path: str | None = None, *, on_imported=None) -> int | None:
    """Ask for a file (unless ``path``), check it, ask what must be asked, import it, report.

    Returns the new scan id when nothing had to be asked; otherwise None, and ``on_imported(scan_id)`` is
    called once the user has said yes to every question. Questions: a gemeente name spelled differently
    from the national list, and "Team X bestaat nog niet in deze werkruimte. Wil je het team aanmaken?".
    A "Nee" imports nothing. Every dialog is non-blocking and kept in ``parent.last_dialog`` (for tests).
    """
    if path is None:
        path = common.ask_open_path(parent, "Zelfscan-bestand kiezen", FILTER)
        if not path:
            return None
    try:
        data = common.read_file(path)
        voorbeeld = svc.bekijk_import(ws, data)
    except ValidationError as exc:
        parent.last_dialog = common.show_problems(parent, "Zelfscan niet ingelezen", exc)
        return None
    except UserError as exc:
        show_error(parent, exc, title="Zelfscan niet ingelezen")
        return None
    flow = _ImportFlow(parent, ws, svc, data, voorbeeld, on_imported)
    return flow.next()


class _ImportFlow:
    """Asks the import's questions one at a time (non-blocking boxes), then imports."""

    def __init__(self, parent: QWidget, ws, svc, data: bytes, voorbeeld, on_imported) -> None:
        self.parent, self.ws, self.svc, self.data = parent, ws, svc, data
        self.voorbeeld, self.on_imported = voorbeeld, on_imported
        self.open_vragen = list(voorbeeld.vragen)
        self.bevestigd: list[str] = []
        self.team_gevraagd = voorbeeld.team_vraag is None
        self.asked = False

    def next(self) -> int | None:
        if self.open_vragen:
            vraag = self.open_vragen.pop(0)
            self._ask(vraag.tekst, lambda: (self.bevestigd.append(vraag.sleutel), self._continue()))
            return None
        if not self.team_gevraagd:
            self.team_gevraagd = True
            self._ask(self.voorbeeld.team_vraag, self._team_yes, yes="Ja, team aanmaken")
            return None
        return self._import()

    def _continue(self) -> None:
        scan_id = self.next()
        if scan_id is not None and self.on_imported is not None:
            self.on_imported(scan_id)

    def _ask(self, text: str, on_yes, *, yes: str = "Ja") -> None:
        self.asked = True
        box = QMessageBox(QMessageBox.Icon.Question, "Zelfscan inlezen", text, QMessageBox.StandardButton.NoButton,
                          self.parent)
        box.setAccessibleName("Vraag bij het inlezen")
        yes_btn = box.addButton(yes, QMessageBox.ButtonRole.YesRole)
        no_btn = box.addButton("Nee, niet inlezen", QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(no_btn)
        box.setEscapeButton(no_btn)
        box.yes_button, box.no_button = yes_btn, no_btn  # for tests

        def done(_result) -> None:
            if box.clickedButton() is yes_btn:
                QTimer.singleShot(0, on_yes)

        box.finished.connect(done)
        self.parent.last_dialog = common.open_dialog(box, self.parent)

    def _team_yes(self) -> None:
        if not self.voorbeeld.mag_team_maken:
            box = QMessageBox(QMessageBox.Icon.Information, "Zelfscan niet ingelezen",
                              f"Je mag geen teams maken. Vraag de beheerder om het team {self.voorbeeld.eigenaar_naam} "
                              "te maken (Beheer › Teams) en lees het bestand daarna opnieuw in. Er is niets ingelezen.",
                              QMessageBox.StandardButton.Ok, self.parent)
            box.setAccessibleName("Zelfscan niet ingelezen")
            self.parent.last_dialog = common.open_dialog(box, self.parent)
            return
        self._continue()

    def _import(self) -> int | None:
        parent, ws, svc = self.parent, self.ws, self.svc
        try:
            # The team is only made after a yes (or when it was not needed): team_aanmaken follows the question.
            scan_id = svc.importeer(ws, self.data, bevestigd=self.bevestigd, team_aanmaken=self.team_gevraagd)
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
            if not self.voorbeeld.team_bestaat:
                text += f" Het team {info.team_naam} is aangemaakt."
        box = QMessageBox(QMessageBox.Icon.Information, "Zelfscan ingelezen", text, QMessageBox.StandardButton.Ok,
                          parent)
        box.setAccessibleName("Zelfscan ingelezen")
        parent.last_dialog = common.open_dialog(box, parent)
        return scan_id
