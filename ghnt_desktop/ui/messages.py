"""Showing errors to the user: Dutch text, never a traceback."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ghnt_desktop.errors import UserError


def show_error(parent: QWidget | None, exc: BaseException, *, title: str = "Dat lukte niet") -> None:
    if isinstance(exc, UserError):
        text = str(exc)
    else:
        from ghnt_desktop import crash

        path = crash.write_report(exc)
        text = "Er ging iets mis in de app. Wat al was opgeslagen, blijft bewaard."
        if path:
            text += f"\n\nEen foutrapport zonder persoonsgegevens staat in:\n{path}"
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName(title)
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, *, yes: str = "Ja", no: str = "Nee") -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    yes_btn = box.addButton(yes, QMessageBox.ButtonRole.YesRole)
    no_btn = box.addButton(no, QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(no_btn)
    box.exec()
    return box.clickedButton() is yes_btn
