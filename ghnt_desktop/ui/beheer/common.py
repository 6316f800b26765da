"""Small helpers shared by the Beheer tabs: a read-only list table, the inline message line, dates, escaping."""
from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidget


def make_table(headers: list[str], name: str) -> QTableWidget:
    """A read-only table of rows (one selected at a time), named ``name`` for screen readers."""
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setAccessibleName(name)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    t.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def message_label() -> QLabel:
    """The line under a tab where its results and errors appear (inline, not in a pop-up)."""
    lab = QLabel("")
    lab.setWordWrap(True)
    lab.setAccessibleName("Melding")
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return lab


def say(label: QLabel, text: str, *, error: bool = False) -> None:
    """Show ``text`` on a message line; an error is red (style sheet: ``#foutmelding``)."""
    label.setObjectName("foutmelding" if error else "")
    label.style().unpolish(label)
    label.style().polish(label)
    label.setText(text)


def fmt_date(d: date | None) -> str:
    return d.strftime("%d-%m-%Y") if d else "—"


def esc(text: str) -> str:
    """Text for a rich-text label: names and other free text are escaped, never interpreted."""
    return escape(text)
