"""Confirmation before writing a verslag or a concept melding: confidential data, optional password."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from ghnt_desktop.ui.a11y import MessageLabel
from ghnt_desktop.ui.meldcode.widgets import fit_to_screen, set_reading_order, wrap_label

#: kind -> (title, ``soort`` for ``reporting.meldcode_verslag.exporteer``, file name prefix)
SOORTEN = {
    "verslag": ("Verslag maken", "verslag", "meldcode-verslag"),
    "concept_melding": ("Concept melding maken", "melding", "concept-melding"),
}

MIN_WACHTWOORD = 8  # same rule as services.export


class ExportDialog(QDialog):
    def __init__(self, soort: str, parent=None) -> None:
        super().__init__(parent)
        title = SOORTEN[soort][0]
        self.soort = soort
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        lay = QVBoxLayout(self)
        lay.addWidget(wrap_label(
            "Let op: dit bestand bevat vertrouwelijke gegevens over de cliënt en de betrokkenen. Sla het alleen op "
            "een veilige plek op, deel het alleen met wie het nodig heeft, en verwijder het als je het niet meer "
            "nodig hebt. Het maken van het bestand wordt vastgelegd in het logboek.", name="Waarschuwing"))
        self.protect = QCheckBox("Beveilig het bestand met een &wachtwoord")
        self.protect.setAccessibleName("Beveilig het bestand met een wachtwoord")
        lay.addWidget(self.protect)
        form = QFormLayout()
        self.pw1 = QLineEdit()
        self.pw1.setEchoMode(QLineEdit.EchoMode.Password)
        self.pw1.setAccessibleName("Wachtwoord voor het bestand")
        self.pw2 = QLineEdit()
        self.pw2.setEchoMode(QLineEdit.EchoMode.Password)
        self.pw2.setAccessibleName("Wachtwoord herhalen")
        for label, w in (("Wa&chtwoord:", self.pw1), ("H&erhaal:", self.pw2)):
            lab = QLabel(label)
            lab.setBuddy(w)
            form.addRow(lab, w)
        lay.addLayout(form)
        self.protect.toggled.connect(self._toggle)
        self._toggle(False)
        self.note = MessageLabel("Melding")
        self.note.hide()
        lay.addWidget(self.note)
        self.error = MessageLabel("Foutmelding", error=True)
        lay.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton("&Opslaan als…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setAccessibleName("Opslaan als")
        cancel = buttons.addButton("Annu&leren", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAccessibleName("Annuleren")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        set_reading_order(self)
        fit_to_screen(self, 480, 0)

    def _toggle(self, on: bool) -> None:
        self.pw1.setEnabled(on)
        self.pw2.setEnabled(on)

    def lock_state(self) -> dict:
        """What was chosen, to show the dialog again after the screen was locked. Never the password."""
        return {"beveiligen": self.protect.isChecked()}

    def restore(self, state: dict) -> None:
        self.protect.setChecked(bool(state.get("beveiligen")))
        if self.protect.isChecked():
            self.note.setText("Het scherm was vergrendeld. Typ het wachtwoord opnieuw: de app bewaart het niet.")
            self.note.show()
            self.pw1.setFocus()

    def password(self) -> str | None:
        return self.pw1.text() if self.protect.isChecked() else None

    def _accept(self) -> None:
        if self.protect.isChecked():
            if len(self.pw1.text()) < MIN_WACHTWOORD:
                self.error.setText(f"Kies een wachtwoord van minstens {MIN_WACHTWOORD} tekens.")
                self.pw1.setFocus()
                return
            if self.pw1.text() != self.pw2.text():
                self.error.setText("De twee wachtwoorden zijn niet gelijk.")
                self.pw2.setFocus()
                return
        self.accept()


def choose_path(parent, soort: str, default_dir: Path) -> Path | None:
    """The save-as dialog (Qt's own dialog, also on Windows, so it speaks Dutch and is testable)."""
    title, _fn, prefix = SOORTEN[soort]
    dlg = QFileDialog(parent, title, str(default_dir / f"{prefix}.pdf"), "PDF-bestand (*.pdf)")
    dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dlg.setDefaultSuffix("pdf")
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    if dlg.exec() != QDialog.DialogCode.Accepted or not dlg.selectedFiles():
        return None
    return Path(dlg.selectedFiles()[0])


def reporting_function(soort: str):
    """``fn(ws, dossier_id, pad, wachtwoord=...)`` writing the PDF (reportlab is loaded here, on first use)."""
    from ghnt_desktop.reporting.meldcode_verslag import exporteer

    kind = SOORTEN[soort][1]

    def write(ws, dossier_id: int, pad: Path, *, wachtwoord: str | None = None) -> Path:
        return exporteer(ws, dossier_id, Path(pad), soort=kind, wachtwoord=wachtwoord)

    return write
