"""Small shared pieces of the plan screens: Dutch dates, an optional date field, the error label."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from ghnt_desktop.ui.a11y import MessageLabel
from ghnt_desktop.errors import UserError

MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december")


def service():
    """The plan service (imported late: the screen is built fast, the service loads on first use)."""
    from ghnt_desktop.services import plan

    return plan


def datum_kort(d: date | None) -> str:
    return "" if d is None else f"{d.day}-{d.month}-{d.year}"


def datum_lang(d: date | None) -> str:
    return "" if d is None else f"{d.day} {MAANDEN[d.month - 1]} {d.year}"


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def date_edit(d: date | None = None, *, naam: str = "") -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d-M-yyyy")
    edit.setDate(to_qdate(d or date.today()))
    if naam:
        edit.setAccessibleName(naam)
    return edit


class OptionalDate(QWidget):
    """A date that may be left empty: a check box "<label>" and a date field."""

    changed = Signal()

    def __init__(self, label: str, value: date | None = None, parent=None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(label)
        self.check.setAccessibleName(f"{label} invullen")
        self.edit = date_edit(value, naam=label)
        lay.addWidget(self.check)
        lay.addWidget(self.edit, 1)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(lambda _=None: self.changed.emit())
        self.edit.dateChanged.connect(lambda _=None: self.changed.emit())
        self.set_value(value)

    def set_value(self, value: date | None) -> None:
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        if value is not None:
            self.edit.setDate(to_qdate(value))

    def value(self) -> date | None:
        return from_qdate(self.edit.date()) if self.check.isChecked() else None


class ErrorLabel(MessageLabel):
    """Shows a Dutch error (with its details) inside a dialog or page, never a traceback; announced."""

    def __init__(self, parent=None) -> None:
        super().__init__("Foutmelding", error=True, parent=parent)
        self.hide()

    def show_error(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.setText(str(exc))
        else:
            from ghnt_desktop import crash

            crash.write_report(exc)
            self.setText("Er ging iets mis in de app. Wat al was opgeslagen, blijft bewaard.")
        self.show()

    def clear_error(self) -> None:
        self.clear()
        self.hide()
