"""Headings that a screen reader announces as headings.

Qt has no heading role for a QLabel: a ``<h2>`` in a label's rich text is read as plain text, and giving the
label an accessible name hides its text (see ``ui.a11y``). Qt does have ``QAccessible.Role.Heading``, and its
AT-SPI bridge passes it on as the role "heading" (Orca: "kop"; H jumps to it). :class:`Kop` is a label whose
accessible interface, made by the factory that :func:`install` registers, has that role and its visible text
as name. Looked at on the real bus by ``tests/atspi``.

What is not there: the heading *level*. Qt's bridge reads it from a ``QAccessibleAttributesInterface``, which a
Python interface can only hand out through ``interface_cast`` (a raw C++ pointer); that crashed the bridge in
a test, so headings are exposed without a level. The size of a heading follows the type scale of ``ui.stijl``
(object names ``kop1``..``kop3``).
"""
from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAccessibleWidget, QLabel, QSizePolicy

_installed = False


class Kop(QLabel):
    """A heading: plain text, wraps, level 1 to 3 (size from the type scale)."""

    def __init__(self, text: str = "", niveau: int = 2, parent=None) -> None:
        from PySide6.QtCore import Qt  # not at import: this module loads before the first paint (start-up)

        super().__init__(parent)
        self.niveau = max(1, min(3, niveau))
        self.setObjectName(f"kop{self.niveau}")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setText(text)


class _KopInterface(QAccessibleWidget):
    def __init__(self, widget: QLabel) -> None:
        super().__init__(widget, QAccessible.Role.Heading)

    def text(self, t):  # noqa: D401 - Qt override
        if t == QAccessible.Text.Name:
            label = self.object()
            return label.text() if label is not None else ""
        return super().text(t)


def _factory(class_name: str, obj):
    if class_name == "Kop" and isinstance(obj, Kop):
        return _KopInterface(obj)
    return None


def install() -> None:
    """Register the heading factory (once per process; ``ui.app.make_app`` calls it)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True
