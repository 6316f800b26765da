"""What a screen reader needs that Qt does not do by itself: announcing messages, and labels that keep their text.

Rules of the app (checked by tests/ui/a11y_checks.py on every screen, and on the real AT-SPI bus by tests/atspi):

- A label's accessible *name* is its visible text. Never give a QLabel another accessible name: Qt then
  exposes only that name and the text is lost to the screen reader. Say what kind of text it is with the
  accessible *description* instead (``kind="Foutmelding"``).
- A message that appears without the user moving focus (an error line, "Alles is opgeslagen", a status)
  is announced: :func:`announce`, or use a :class:`MessageLabel`, which announces every non-empty text it gets.
- A button's visible text is part of its accessible name (WCAG 2.5.3).
"""
from __future__ import annotations

import re

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QTextDocument
from PySide6.QtWidgets import QLabel, QWidget


def plain_text(text: str) -> str:
    """The words of a (rich) label text, as a screen reader should say them."""
    if ("<" in text and ">" in text) or re.search(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);", text):
        doc = QTextDocument()
        doc.setHtml(text)
        text = doc.toPlainText()
    return " ".join(text.replace("&&", "\0").replace("&", "").replace("\0", "&").split())


def announce(widget: QWidget, text: str, *, assertive: bool = False) -> None:
    """Have a screen reader say ``text`` now (Qt's announcement event; AT-SPI ``object:announcement``).
    ``assertive`` interrupts what is being read: for errors only."""
    text = plain_text(text)
    if not text or not QAccessible.isActive():
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if assertive
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)


class MessageLabel(QLabel):
    """An inline message line (error or status): wraps, keeps its text as its accessible name, says what kind
    of message it is in its description, and announces every new non-empty text."""

    def __init__(self, kind: str = "Melding", *, error: bool = False, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.error = error
        self.setWordWrap(True)
        self.setAccessibleDescription(kind)
        if error:
            self.setObjectName("foutmelding")

    def setText(self, text: str) -> None:  # noqa: N802 (Qt name)
        changed = text != self.text()
        super().setText(text)
        if changed and text.strip():
            announce(self, text, assertive=self.error)
