"""Showing errors to the user: Dutch text, never a traceback."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from ghnt_desktop.errors import UserError


def show_error(parent: QWidget | None, exc: BaseException, *, title: str = "Dat lukte niet") -> None:
    if not isinstance(exc, UserError):
        from ghnt_desktop.services.datadir import to_user_error

        exc = to_user_error(exc) or exc  # disk full, locked, damaged: known environment errors
    if isinstance(exc, UserError):
        _warning_box(parent, title, str(exc))
    else:
        from ghnt_desktop import crash

        show_bug(parent, crash.write_report(exc), title=title)


def show_bug(parent: QWidget | None, report: Path | None, *, title: str = "Dat lukte niet") -> None:
    """The error box for a bug whose crash report has already been written (``report``: where, if anywhere)."""
    text = "Er ging iets mis in de app. Wat al was opgeslagen, blijft bewaard."
    if report:
        text += f"\n\nEen foutrapport zonder persoonsgegevens staat in:\n{report}"
    _warning_box(parent, title, text)


def _warning_box(parent: QWidget | None, title: str, text: str) -> None:
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


def fatal_box(text: str) -> None:
    """A message when there is no console (windowed Windows build) and no window yet."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # noqa: F841  (a QMessageBox needs one)
    QMessageBox.warning(None, "GHNT Desktop", text)


def error_label() -> QLabel:
    """The inline error line of a form: red via the style sheet, wraps; its text is what a screen reader says,
    and a new error is announced (see ui/a11y.py)."""
    from ghnt_desktop.ui.a11y import MessageLabel

    return MessageLabel("Foutmelding", error=True)
