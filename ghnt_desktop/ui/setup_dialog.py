"""First start: create the workspace (organisation, gemeenten, first account = beheerder)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout)

from ghnt_desktop.domain import passphrase as policy
from ghnt_desktop.errors import UserError
from ghnt_desktop.ui.indeling import HeightInLines, dialog_size, scroll_body
from ghnt_desktop.ui.passphrase_fields import add_new_passphrase_rows
from ghnt_desktop.ui.messages import error_label


def gemeente_choices() -> list[tuple[str, str]]:
    from ghnt_desktop.content.gemeenten import alle_gemeenten

    return [(g.cbs_code, g.naam) for g in alle_gemeenten()]


class SetupDialog(QDialog):
    def __init__(self, data_dir: Path, parent=None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.workspace = None
        self.setWindowTitle("Nieuwe werkruimte maken")
        self.setAccessibleName("Nieuwe werkruimte maken")
        outer = QVBoxLayout(self)
        lay = scroll_body(outer)
        intro = QLabel(
            "Welkom bij GHNT Desktop. Er is nog geen werkruimte op deze computer. Vul hieronder de gegevens in. "
            f"Alles wordt versleuteld opgeslagen in:\n{str(self.data_dir).replace('/', '/' + chr(0x200B))}")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.org_edit = QLineEdit()
        self.org_edit.setAccessibleName("Naam van de organisatie")
        form.addRow("&Organisatie:", self.org_edit)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Typ om te zoeken, bijvoorbeeld Zaanstad")
        self.filter_edit.setAccessibleName("Gemeente zoeken")
        self.filter_edit.textChanged.connect(self._filter)
        form.addRow("Gemeente &zoeken:", self.filter_edit)
        self.gemeente_list = QListWidget()
        self.gemeente_list.setAccessibleName("Gemeenten die je bedient")
        self.gemeente_list.setAccessibleDescription("Vink met de spatiebalk de gemeenten aan die je team bedient.")
        for code, naam in gemeente_choices():
            item = QListWidgetItem(f"{naam} ({code})")
            item.setData(Qt.ItemDataRole.UserRole, (code, naam))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.gemeente_list.addItem(item)
        self.gemeente_list.lines = HeightInLines(self.gemeente_list, 6, minimum=True)
        form.addRow("&Gemeenten:", self.gemeente_list)
        self.naam_edit = QLineEdit()
        self.naam_edit.setAccessibleName("Je volledige naam")
        form.addRow("Je &naam:", self.naam_edit)
        self.login_edit = QLineEdit()
        self.login_edit.setAccessibleName("Inlognaam")
        form.addRow("&Inlognaam:", self.login_edit)
        self.pass_edit, self.pass2_edit, self.strength = add_new_passphrase_rows(
            form, self.login_edit.text, label="&Wachtzin:", repeat_label="Wachtzin &herhalen:",
            name="Wachtzin", repeat_name="Wachtzin herhalen")
        lay.addLayout(form)
        note = QLabel("Let op: zonder wachtzin kan niemand de gegevens terughalen, ook de maker van de app niet. "
                      "Dit eerste account wordt de beheerder.")
        note.setWordWrap(True)
        lay.addWidget(note)
        self.error = error_label()
        buttons = QDialogButtonBox()
        self.create_button = QPushButton("Werkruimte &maken")
        self.create_button.setDefault(True)
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_create)
        buttons.rejected.connect(self.reject)
        outer.addWidget(self.error)  # in view by the buttons, not scrolled away
        outer.addWidget(buttons)
        dialog_size(self, 600, 720)

    def _filter(self, text: str) -> None:
        t = text.strip().casefold()
        for i in range(self.gemeente_list.count()):
            item = self.gemeente_list.item(i)
            item.setHidden(bool(t) and t not in item.text().casefold())

    def selected_gemeenten(self) -> list[tuple[str, str]]:
        out = []
        for i in range(self.gemeente_list.count()):
            item = self.gemeente_list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(tuple(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def problems(self) -> list[str]:
        p = []
        if not self.org_edit.text().strip():
            p.append("Vul de naam van de organisatie in.")
        if not self.selected_gemeenten():
            p.append("Kies minstens één gemeente.")
        if not self.naam_edit.text().strip():
            p.append("Vul je naam in.")
        if not self.login_edit.text().strip():
            p.append("Kies een inlognaam.")
        s = policy.controleer(self.pass_edit.text(), login=self.login_edit.text())
        if not s.voldoende:
            p.append(f"Wachtzin: {s.hint}")
        if self.pass_edit.text() != self.pass2_edit.text():
            p.append("De twee wachtzinnen zijn niet gelijk.")
        return p

    def try_create(self) -> None:
        from ghnt_desktop.services.setup import create_workspace

        problems = self.problems()
        if problems:
            self.error.setText("\n".join(problems))
            return
        self.create_button.setEnabled(False)
        try:
            self.workspace = create_workspace(
                self.data_dir, organisatie=self.org_edit.text().strip(), gemeenten=self.selected_gemeenten(),
                login=self.login_edit.text().strip(), naam=self.naam_edit.text().strip(),
                passphrase=self.pass_edit.text())
        except UserError as exc:
            self.error.setText(str(exc))
            return
        finally:
            self.create_button.setEnabled(True)
        self.pass_edit.clear()
        self.pass2_edit.clear()
        self.accept()
