"""The one date field of the app: type dd-mm-jjjj, or pick from a calendar that opens at today.

- Typing: ``2-12-2026``, ``02-12-2026``, ``2/12/2026`` or ``02122026``; read when the field is left.
- Keys: Up/Down one day, PageUp/PageDown one month (from today when empty), Alt+Down or F4 the calendar.
- An optional field may be empty ("geen datum"); the clear button or deleting the text empties it.
- Bounds with a reason (``domain.datum.Grenzen``): a date that lies in the past by nature cannot be in the future.
- The mouse wheel never changes it (there is nothing to spin), so scrolling a page cannot alter a date.
- A wrong date stays visible with a Dutch explanation under the field; ``value()`` is then ``None`` and
  ``is_valid()`` False, so a form can refuse to save instead of guessing.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QCalendarWidget, QDialog, QHBoxLayout, QLineEdit, QToolButton, QVBoxLayout, QWidget

from ghnt_desktop.domain import datum as regels
from ghnt_desktop.ui.a11y import MessageLabel


def _add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(y, m, day)
        except ValueError:
            continue
    return d


class _KalenderPopup(QDialog):
    def __init__(self, start: date, grenzen: regels.Grenzen, naam: str, parent=None) -> None:
        super().__init__(parent)  # a small dialog, not a popup: no keyboard grab, and screen readers announce it
        self.setWindowTitle(f"Kalender – {naam}" if naam else "Kalender")
        self.setAccessibleName(self.windowTitle())
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setMinimumDate(QDate(grenzen.minimum.year, grenzen.minimum.month, grenzen.minimum.day))
        if grenzen.maximum is not None:
            self.calendar.setMaximumDate(QDate(grenzen.maximum.year, grenzen.maximum.month, grenzen.maximum.day))
        self.calendar.setSelectedDate(QDate(start.year, start.month, start.day))
        self.calendar.setAccessibleName("Kies een dag (pijltjes, Enter)")
        self.calendar.activated.connect(lambda _d: self.accept())
        self.calendar.clicked.connect(lambda _d: self.accept())
        lay.addWidget(self.calendar)
        self.calendar.setFocus()

    def gekozen(self) -> date:
        q = self.calendar.selectedDate()
        return date(q.year(), q.month(), q.day())


class DatumVeld(QWidget):
    """A date that may be typed or picked. ``changed`` fires when the value (or its validity) changes."""

    changed = Signal()
    field_changed = Signal()  # the autosave protocol of the meldcode screens

    def __init__(self, naam: str = "", *, verplicht: bool = False, waarde: date | None = None,
                 grenzen: regels.Grenzen | None = None, vandaag=date.today, parent=None) -> None:
        super().__init__(parent)
        self.naam = naam
        self.verplicht = verplicht
        self.grenzen = grenzen or regels.Grenzen()
        self._vandaag = vandaag
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(regels.FORMAAT_UITLEG if verplicht else f"{regels.FORMAAT_UITLEG} of leeg")
        self.edit.setAccessibleName(naam or "Datum")
        self.edit.setAccessibleDescription(f"Typ de datum als {regels.FORMAAT_UITLEG}. Pijltje omhoog of omlaag: "
                                           "een dag later of eerder. Alt+pijltje omlaag: kalender.")
        self.edit.setClearButtonEnabled(not verplicht)
        self.edit.setMaxLength(20)
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("00-00-00000") + 40)
        self.edit.installEventFilter(self)
        self.edit.editingFinished.connect(self._check)
        self.edit.textEdited.connect(lambda _t: self._clear_problem_while_typing())
        self.edit.textChanged.connect(lambda _t: self._emit())
        row.addWidget(self.edit, 1)
        self.kalender_knop = QToolButton()
        self.kalender_knop.setText("Kalender")
        self.kalender_knop.setAccessibleName(f"Kalender openen voor {naam}" if naam else "Kalender openen")
        self.kalender_knop.setToolTip("Kies de datum in een kalender (Alt+pijltje omlaag)")
        self.kalender_knop.clicked.connect(self.open_kalender)
        row.addWidget(self.kalender_knop)
        outer.addLayout(row)
        self.probleem_label = MessageLabel("Foutmelding bij de datum", error=True)  # announced when it appears
        self.probleem_label.hide()
        outer.addWidget(self.probleem_label)
        self.setFocusProxy(self.edit)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # so a label's buddy (Alt+letter) reaches the field
        self._last_emitted: tuple | None = None
        self.set_value(waarde)

    # --- value -------------------------------------------------------------------------
    def _parsed(self) -> tuple[date | None, str | None]:
        try:
            d = regels.lees(self.edit.text())
        except regels.OngeldigeDatum as exc:
            return None, str(exc)
        return d, regels.controleer(d, self.grenzen, verplicht=self.verplicht)

    def value(self) -> date | None:
        d, problem = self._parsed()
        return None if problem else d

    def set_value(self, d: date | None) -> None:
        self.edit.setText(regels.formatteer(d))
        self._show_problem(None)

    def is_valid(self) -> bool:
        return self._parsed()[1] is None

    def problem(self) -> str | None:
        return self._parsed()[1]

    def is_empty(self) -> bool:
        return not self.edit.text().strip()

    # the field protocol of the meldcode autosave (ISO strings)
    def field_value(self) -> str | None:
        d = self.value()
        return d.isoformat() if d else None

    def set_field_value(self, value: Any) -> None:
        self.set_value(date.fromisoformat(value) if value else None)

    # --- feedback ------------------------------------------------------------------------
    def _show_problem(self, text: str | None) -> None:
        self.probleem_label.setText(text or "")
        self.probleem_label.setVisible(bool(text))
        base = f"Typ de datum als {regels.FORMAAT_UITLEG}."
        self.edit.setAccessibleDescription(f"{text} {base}" if text else base)

    def _clear_problem_while_typing(self) -> None:
        if self.probleem_label.isVisible():
            self._show_problem(None)

    def _check(self) -> None:
        d, problem = self._parsed()
        if d is not None and problem is None:
            self.edit.setText(regels.formatteer(d))  # one way of writing it
        self._show_problem(problem)

    def _emit(self) -> None:
        state = (self.edit.text(),)
        if state != self._last_emitted:
            self._last_emitted = state
            self.changed.emit()
            self.field_changed.emit()

    # --- keys and calendar ---------------------------------------------------------------------
    def _start(self) -> date:
        d = self.value()
        today = self._vandaag()
        if d is None:
            d = today if self.grenzen.maximum is None or today <= self.grenzen.maximum else self.grenzen.maximum
        return max(self.grenzen.minimum, d)

    def _step(self, d: date) -> None:
        if d < self.grenzen.minimum or (self.grenzen.maximum is not None and d > self.grenzen.maximum):
            return
        self.edit.setText(regels.formatteer(d))
        self._show_problem(None)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        from PySide6.QtCore import QEvent

        if obj is self.edit and event.type() == QEvent.Type.KeyPress:
            key, mods = event.key(), event.modifiers()
            if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier):
                self.open_kalender()
                return True
            if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
                return False
            steps = {Qt.Key.Key_Up: lambda d: d + timedelta(days=1), Qt.Key.Key_Down: lambda d: d - timedelta(days=1),
                     Qt.Key.Key_PageUp: lambda d: _add_months(d, 1), Qt.Key.Key_PageDown: lambda d: _add_months(d, -1)}
            if key in steps:
                current = self.value()
                self._step(steps[key](current) if current is not None else self._start())
                return True
        return super().eventFilter(obj, event)

    def open_kalender(self) -> None:
        popup = _KalenderPopup(self._start(), self.grenzen, self.naam, self)
        self.popup = popup
        popup.move(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
        if popup.exec() == QDialog.DialogCode.Accepted:
            self._step(popup.gekozen())
        self.popup = None
        self.window().activateWindow()
        self.edit.setFocus()
