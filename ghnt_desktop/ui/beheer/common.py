"""Small helpers shared by the Beheer tabs: a read-only list table, the inline message line, a button row that
wraps, dates, escaping."""
from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget

from ghnt_desktop.domain.datum import formatteer
from ghnt_desktop.ui.a11y import MessageLabel
from ghnt_desktop.ui.flow import FlowLayout
from ghnt_desktop.ui.indeling import ColumnFit


def make_table(headers: list[str], name: str, *, wrap: set[int] = frozenset()) -> QTableWidget:
    """A read-only table of rows (one selected at a time), named ``name`` for screen readers. Tab leaves it;
    the arrow keys move inside. Columns are never narrower than their header; those in ``wrap`` (long text)
    wrap their cells (``ui.indeling.ColumnFit``)."""
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setAccessibleName(name)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    t.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    t.setTabKeyNavigation(False)
    t.verticalHeader().setVisible(False)
    t.column_fit = ColumnFit(t, wrap)
    return t


def message_label(kind: str = "Melding") -> MessageLabel:
    """The line under a tab where its results and errors appear (inline, not in a pop-up); a screen reader gets
    its text and hears each new message (``ui.a11y.MessageLabel``)."""
    lab = MessageLabel(kind)
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return lab


def say(label: QLabel, text: str, *, error: bool = False) -> None:
    """Show ``text`` on a message line; an error is red (style sheet: ``#foutmelding``) and interrupts a screen
    reader."""
    label.setObjectName("foutmelding" if error else "")
    if isinstance(label, MessageLabel):
        label.error = error
    label.style().unpolish(label)
    label.style().polish(label)
    label.setText(text)


def button_row() -> FlowLayout:
    """A row of buttons that wraps when the window is narrow (large text) instead of widening it."""
    return FlowLayout()


def fmt_date(d: date | None) -> str:
    return formatteer(d, leeg="—")


def esc(text: str) -> str:
    """Text for a rich-text label: names and other free text are escaped, never interpreted."""
    return escape(text)


def breakable_path(path) -> str:
    """A folder path that may wrap after each separator (a long path is one word otherwise)."""
    return str(path).replace("/", "/\u200b").replace("\\", "\\\u200b")
