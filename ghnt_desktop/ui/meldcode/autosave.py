"""Debounced autosave for forms (meldcode steps, zelfscan answers, ...).

Two small pieces, usable apart:

- :class:`DebouncedSaver` calls a save function at most ``delay_ms`` after the last
  :meth:`~DebouncedSaver.touch`; :meth:`~DebouncedSaver.flush` saves at once (lock, close).
- :class:`FieldSet` reads and writes a named set of input widgets as one JSON-safe dict
  (strings, numbers, booleans, ``None``, lists), and reports every change.

Standard Qt widgets are understood directly. A custom widget takes part by offering
``field_value()``, ``set_field_value(value)`` and a ``field_changed`` signal.

Nothing here knows about dossiers: the caller decides where a draft goes
(``services.meldcode.bewaar_concept`` for the meldcode screens).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QDateEdit, QDateTimeEdit, QDoubleSpinBox, QLineEdit,
                               QListWidget, QPlainTextEdit, QSpinBox, QTextEdit, QWidget)

#: Default debounce: well within the "persisted within a second" promise.
DEFAULT_DELAY_MS = 400


class DebouncedSaver(QObject):
    """Run ``save`` once input has been quiet for ``delay_ms`` milliseconds."""

    saved = Signal()

    def __init__(self, save: Callable[[], None], delay_ms: int = DEFAULT_DELAY_MS, parent: QObject | None = None):
        super().__init__(parent)
        self._save = save
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._due)

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def touch(self) -> None:
        """Something changed: (re)start the timer."""
        self._timer.start()

    def flush(self) -> None:
        """Save now if a save is pending."""
        if self._timer.isActive():
            self._timer.stop()
            self._run()

    def cancel(self) -> None:
        self._timer.stop()

    def _due(self) -> None:
        """The quiet period is over. During background work the worker owns the database: save right after it.
        (An explicit ``flush`` saves at once: the operation itself calls it before its worker starts.)"""
        from ghnt_desktop.ui.operations import postpone_while_busy

        if not postpone_while_busy(self._run):
            self._run()

    def _run(self) -> None:
        self._save()
        self.saved.emit()


# --------------------------------------------------------------- widget values

def _is_protocol(w: QWidget) -> bool:
    return hasattr(w, "field_value") and hasattr(w, "set_field_value")


def field_value(w: QWidget) -> Any:
    """The widget's value as JSON-safe data."""
    if _is_protocol(w):
        return w.field_value()
    if isinstance(w, QLineEdit):
        return w.text()
    if isinstance(w, (QPlainTextEdit, QTextEdit)):
        return w.toPlainText()
    if isinstance(w, QAbstractButton) and w.isCheckable():
        return w.isChecked()
    if isinstance(w, QComboBox):
        return w.currentData()  # item data must be JSON-safe (enum values, codes, numbers)
    if isinstance(w, (QSpinBox, QDoubleSpinBox)):
        if w.specialValueText() and w.value() == w.minimum():
            return None
        return w.value()
    if isinstance(w, QDateEdit):
        return w.date().toString(Qt.DateFormat.ISODate)
    if isinstance(w, QDateTimeEdit):
        return w.dateTime().toString(Qt.DateFormat.ISODate)
    if isinstance(w, QListWidget):
        return [w.item(i).data(Qt.ItemDataRole.UserRole) for i in range(w.count())
                if w.item(i).checkState() == Qt.CheckState.Checked]
    raise TypeError(f"no autosave support for {type(w).__name__}")


def set_field_value(w: QWidget, value: Any) -> None:
    """Put JSON-safe data (as produced by :func:`field_value`) back into the widget."""
    if _is_protocol(w):
        w.set_field_value(value)
    elif isinstance(w, QLineEdit):
        w.setText("" if value is None else str(value))
    elif isinstance(w, (QPlainTextEdit, QTextEdit)):
        w.setPlainText("" if value is None else str(value))
    elif isinstance(w, QAbstractButton) and w.isCheckable():
        w.setChecked(bool(value))
    elif isinstance(w, QComboBox):
        i = w.findData(value)
        w.setCurrentIndex(i if i >= 0 else (0 if w.count() else -1))
    elif isinstance(w, (QSpinBox, QDoubleSpinBox)):
        w.setValue(w.minimum() if value is None else value)
    elif isinstance(w, QDateEdit):
        if value:
            w.setDate(QDate.fromString(str(value), Qt.DateFormat.ISODate))
    elif isinstance(w, QDateTimeEdit):
        if value:
            w.setDateTime(QDateTime.fromString(str(value), Qt.DateFormat.ISODate))
    elif isinstance(w, QListWidget):
        wanted = set(value or [])
        for i in range(w.count()):
            item = w.item(i)
            state = Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted else Qt.CheckState.Unchecked
            item.setCheckState(state)
    else:
        raise TypeError(f"no autosave support for {type(w).__name__}")


def change_signals(w: QWidget) -> list:
    """The signals that fire when the user changes the widget's value."""
    if _is_protocol(w):
        return [w.field_changed]
    if isinstance(w, QLineEdit):
        return [w.textChanged]
    if isinstance(w, (QPlainTextEdit, QTextEdit)):
        return [w.textChanged]
    if isinstance(w, QAbstractButton):
        return [w.toggled]
    if isinstance(w, QComboBox):
        return [w.currentIndexChanged]
    if isinstance(w, (QSpinBox, QDoubleSpinBox)):
        return [w.valueChanged]
    if isinstance(w, QDateTimeEdit):  # QDateEdit too
        return [w.dateTimeChanged]
    if isinstance(w, QListWidget):
        return [w.itemChanged]
    raise TypeError(f"no autosave support for {type(w).__name__}")


class FieldSet(QObject):
    """A named set of input widgets, read and written as one JSON-safe dict."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._widgets: dict[str, QWidget] = {}
        self._defaults: dict[str, Any] = {}
        self._quiet = 0

    def add(self, name: str, widget: QWidget) -> QWidget:
        self._widgets[name] = widget
        self._defaults[name] = field_value(widget)
        for sig in change_signals(widget):
            sig.connect(self._on_change)
        return widget

    def __getitem__(self, name: str) -> QWidget:
        return self._widgets[name]

    def __contains__(self, name: str) -> bool:
        return name in self._widgets

    def __iter__(self) -> Iterator[str]:
        return iter(self._widgets)

    def items(self):
        return self._widgets.items()

    def values(self) -> dict[str, Any]:
        return {n: field_value(w) for n, w in self._widgets.items()}

    def set_values(self, values: Mapping[str, Any], *, quiet: bool = True) -> None:
        """Fill the widgets; unknown names are ignored. ``quiet``: no ``changed`` signal."""
        self._quiet += quiet
        try:
            for n, v in values.items():
                if n in self._widgets:
                    set_field_value(self._widgets[n], v)
        finally:
            self._quiet -= quiet

    def remember_defaults(self) -> None:
        """The current values count as "nothing entered" from now on."""
        self._defaults = self.values()

    def clear(self) -> None:
        self.set_values(self._defaults)

    def is_default(self) -> bool:
        return self.values() == self._defaults

    def _on_change(self, *_args) -> None:
        if not self._quiet:
            self.changed.emit()
