"""Small shared pieces of the plan screens: the one date format, tables that never cut key columns, dialogs
that fit the screen, the error line."""
from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHeaderView, QLabel, QLayout, QLayoutItem, QSizePolicy,
                               QStyle, QTableWidget, QTableWidgetItem, QWidget)

from ghnt_desktop.domain import datum as datumregels
from ghnt_desktop.errors import UserError
from ghnt_desktop.ui.a11y import MessageLabel


def service():
    """The plan service (imported late: the screen is built fast, the service loads on first use)."""
    from ghnt_desktop.services import plan

    return plan


def datum(d: date | None, leeg: str = "") -> str:
    """A date as the whole app writes it (dd-mm-jjjj)."""
    return datumregels.formatteer(d, leeg=leeg)


def herbereken(veld) -> None:
    """Show a date field's problem now (a DatumVeld checks its text when it is left; its bounds may have
    changed because another field changed)."""
    if not veld.is_empty():
        veld.edit.editingFinished.emit()


def eerste_ongeldige(*velden):
    """The first date field whose text is not a valid date for it, or None."""
    return next((v for v in velden if not v.is_valid()), None)


# the pieces a wrapped line cannot break inside: words, and the parts of a hyphenated name ("Heijden-Koppelaar-")
_WOORDEN = re.compile(r"[^\s-]+-?|-")


def explain_below(check, text: str) -> QLabel:
    """A wrapped explanation under a check box, starting where the check box's text starts (a check box cannot
    wrap its own text, so its text stays short and the rest goes here; it is also its description)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    stijl = check.style()
    label.setIndent(stijl.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
                    + stijl.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing))
    check.setAccessibleDescription(text)
    return label


def compact_date(veld):
    """A date field as wide as a date, not as wide as the form (it has a clear button and a calendar button)."""
    veld.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    return veld


class FlowLayout(QLayout):
    """Widgets side by side while they fit, on the next line when they do not (a header at large text)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 12) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, it) -> None:  # noqa: N802 (Qt name)
        self._items.append(it)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802 (Qt name)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802 (Qt name)
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self):  # noqa: N802 (Qt name)
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt name)
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt name)
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        w = sum(i.sizeHint().width() for i in self._items) + self._spacing * max(0, len(self._items) - 1)
        h = max((i.sizeHint().height() for i in self._items), default=0)
        return QSize(w, h)

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt name)
        size = QSize()
        for i in self._items:
            size = size.expandedTo(i.minimumSize())
        return size

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in lines within ``rect`` (each line's items centred on it); returns the height."""
        lines: list[list] = [[]]
        x = rect.x()
        for it in self._items:
            widget = it.widget()
            if widget is not None and widget.isHidden():
                continue
            w = it.sizeHint().width()
            if lines[-1] and x + w > rect.right() + 1:
                lines.append([])
                x = rect.x()
            lines[-1].append(it)
            x += w + self._spacing
        y = rect.y()
        for line in lines:
            height = max((i.sizeHint().height() for i in line), default=0)
            x = rect.x()
            for it in line:
                hint = it.sizeHint()
                if move:
                    it.setGeometry(QRect(QPoint(x, y + (height - hint.height()) // 2),
                                         QSize(min(hint.width(), rect.width()), hint.height())))
                x += hint.width() + self._spacing
            y += height + self._spacing // 2
        return max(0, y - rect.y() - self._spacing // 2)


def item(text: str, data=None) -> QTableWidgetItem:
    it = QTableWidgetItem(text)
    it.setFlags(it.flags() & ~Qt.ItemFlag.ItemIsEditable)
    # top-aligned: in a row made tall by another cell, the text starts where the eye does
    it.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    if data is not None:
        it.setData(Qt.ItemDataRole.UserRole, data)
    return it


class FitTable(QTableWidget):
    """A read-only table that shares its width among its columns and never cuts a key column.

    ``kolommen``: (header, weight). Weight 0: the column is as wide as its widest cell and never wraps (numbers,
    dates). Otherwise the column wraps its text, is never narrower than its longest word or its header, and
    gets a share of the remaining width by weight. Rows are as tall as their wrapped text. When the minimum
    widths do not fit, the ``optioneel`` columns are left out, in that order (the screen shows their content
    elsewhere, in a detail pane); if it still does not fit, the table scrolls sideways instead of cutting text.

    Tab and Shift+Tab leave the table (arrow keys move inside it); selection is by row.
    """

    def __init__(self, kolommen: list[tuple[str, float]], naam: str, *, optioneel: tuple[int, ...] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(0, len(kolommen), parent)
        self.gewichten = [g for _, g in kolommen]
        self.optioneel = optioneel
        self.setHorizontalHeaderLabels([k for k, _ in kolommen])
        self.setAccessibleName(naam)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrow keys move inside it
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(8)  # the default grows with the font and would widen narrow columns
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._fitting = False

    def _marge(self) -> int:
        return 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1) + 4

    def _kop_breedte(self, col: int) -> int:
        header = self.horizontalHeader()
        return max(header.sectionSizeFromContents(col).width(),
                   header.fontMetrics().horizontalAdvance(str(self.model().headerData(col, Qt.Orientation.Horizontal)))
                   + 12)

    def _woord_breedte(self, col: int) -> int:
        widest = 0
        for r in range(self.rowCount()):
            it = self.item(r, col)
            if it is None or not it.text():
                continue
            fm = QFontMetrics(it.font()) if it.data(Qt.ItemDataRole.FontRole) is not None else self.fontMetrics()
            widest = max([widest] + [fm.horizontalAdvance(w) for w in _WOORDEN.findall(it.text())])
        return widest + self._marge()

    def fit_columns(self) -> None:
        """Give every column its width for the current viewport and font, then every row its height."""
        if self._fitting or self.columnCount() == 0:
            return
        self._fitting = True
        try:
            # the room for the columns, leaving room for a vertical scroll bar whether it shows or not (so
            # rows growing taller never make the columns too wide)
            breedte = max(0, self.width() - 2 * self.frameWidth() - self.verticalScrollBar().sizeHint().width())
            minimum = {}
            for col, gewicht in enumerate(self.gewichten):
                kop = self._kop_breedte(col)
                if gewicht == 0:
                    minimum[col] = max(kop, self.sizeHintForColumn(col) if self.rowCount() else 0)
                else:
                    minimum[col] = max(kop, self._woord_breedte(col))
            weg = set()
            for col in self.optioneel:
                if sum(m for c, m in minimum.items() if c not in weg) <= breedte:
                    break
                weg.add(col)
            for col in range(self.columnCount()):
                self.setColumnHidden(col, col in weg)
            over = breedte - sum(m for c, m in minimum.items() if c not in weg)
            totaal = sum(g for c, g in enumerate(self.gewichten) if c not in weg) or 1
            for col, gewicht in enumerate(self.gewichten):
                if col not in weg:
                    extra = int(over * gewicht / totaal) if over > 0 else 0
                    self.horizontalHeader().resizeSection(col, minimum[col] + extra)
            self.resizeRowsToContents()
        finally:
            self._fitting = False

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.fit_columns()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_columns()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.fit_columns()


def fit_to_screen(dialog: QDialog, breedte_tekens: int, hoogte_regels: int) -> None:
    """Size a dialog for its content at the current text size, never larger than the screen it opens on
    (what does not fit scrolls inside the dialog; its buttons stay in view)."""
    fm = dialog.fontMetrics()
    scherm = (dialog.parentWidget() or dialog).screen().availableGeometry()
    hint = dialog.minimumSizeHint()
    w = min(max(fm.averageCharWidth() * breedte_tekens, hint.width()), scherm.width() - 40)
    h = min(max(fm.lineSpacing() * hoogte_regels, hint.height()), scherm.height() - 60)
    dialog.resize(w, h)


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

    def show_text(self, text: str) -> None:
        self.setText(text)
        self.show()

    def clear_error(self) -> None:
        self.clear()
        self.hide()


class StatusLine(MessageLabel):
    """A short confirmation ("De tekst is opgeslagen."): announced, hidden while empty."""

    def __init__(self, kind: str = "Melding", parent=None) -> None:
        super().__init__(kind, parent=parent)
        self.hide()

    def say(self, text: str) -> None:
        self.clear()  # the same confirmation twice is announced twice
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.clear()
        self.hide()
