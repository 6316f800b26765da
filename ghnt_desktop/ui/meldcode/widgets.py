"""Building blocks of the meldcode screens: input widgets, record forms, the "still missing" list.

Every input gets an accessible name and a label with a buddy; nothing is told by colour
alone (texts start with "Nodig:", "Tip:", "Let op:"); font sizes are never hard-coded.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields as dc_fields
from dataclasses import is_dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum
from functools import cache
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QWheelEvent
from PySide6.QtWidgets import (QAbstractItemView, QAbstractScrollArea, QAbstractSpinBox, QApplication, QButtonGroup,
                               QComboBox, QFormLayout, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QLayout, QLineEdit, QListView, QListWidget, QListWidgetItem, QMessageBox,
                               QPlainTextEdit, QPushButton, QRadioButton, QScrollArea, QScrollBar, QSizePolicy,
                               QSplitter, QStackedWidget, QStyleOptionViewItem, QStyledItemDelegate, QTableWidget,
                               QVBoxLayout, QWidget)

from ghnt_desktop.domain import datum as regels
from ghnt_desktop.errors import UserError
from ghnt_desktop.services import meldcode as svc
from ghnt_desktop.ui.a11y import MessageLabel
from ghnt_desktop.ui.datum_veld import DatumVeld
from ghnt_desktop.ui.kop import Kop
from ghnt_desktop.ui.meldcode.autosave import DebouncedSaver, FieldSet

# ------------------------------------------------------------------ content


@cache
def content():
    """All meldcode content files (steps, signal lists, definitions, contacts)."""
    from ghnt_desktop.content.meldcode_content import laad_meldcode_content

    return laad_meldcode_content()


def profiel_nummering(ws) -> str:
    """The organisation's numbering variant of the afwegingen (meldcode profile)."""
    from ghnt_desktop.services import meldcodeprofiel

    return meldcodeprofiel.nummering(ws)


def afwegingen_stap_4(nummering: str) -> tuple[int, ...]:
    return (1, 2) if nummering == "stap4_en_5" else ()


def contacten_van(ws):
    """The contacts as the organisation set them (own value where set, else the national default)."""
    from ghnt_desktop.services import meldcodeprofiel

    return meldcodeprofiel.contacten(ws)


# ------------------------------------------------------------------ formatting

def fmt_date(d: date | datetime | None) -> str:
    """The one date format of the app (``domain.datum.formatteer``); "–" for no date."""
    if isinstance(d, datetime):
        d = d.date()
    return regels.formatteer(d, leeg="–")


def fmt_dt(dt: datetime | date | None) -> str:
    """A moment: the date as :func:`fmt_date`, then the local time (``02-12-2026 09:30``)."""
    if dt is None:
        return "–"
    if not isinstance(dt, datetime):
        return fmt_date(dt)
    if dt.tzinfo is not None:
        dt = dt.astimezone()  # local time for the user
    return f"{regels.formatteer(dt.date())} {dt.strftime('%H:%M')}"


# ------------------------------------------------------------------ drafts (autosave)

def restore_question(tijdstip: datetime) -> str:
    return f"Niet afgemaakte invoer van {fmt_dt(tijdstip)} terugzetten?"


def ask_restore(parent, tijdstip: datetime) -> bool | None:
    """True: put the drafts back; False: throw them away; None: closed without a choice (keep them)."""
    box = QMessageBox(QMessageBox.Icon.Question, "Niet afgemaakte invoer", restore_question(tijdstip),
                      QMessageBox.StandardButton.NoButton, parent)
    box.setAccessibleName("Niet afgemaakte invoer")
    box.setInformativeText("Dit is wat je had getypt maar nog niet had toegevoegd.")
    terug = box.addButton("&Terugzetten", QMessageBox.ButtonRole.AcceptRole)
    weg = box.addButton("&Weggooien", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(terug)
    box.setEscapeButton(None)
    box.exec()
    clicked = box.clickedButton()
    if clicked is terug:
        return True
    if clicked is weg:
        return False
    return None


def ja_nee(v: bool | None) -> str:
    return "onbekend" if v is None else ("ja" if v else "nee")


def html_escape(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def with_mnemonic(text: str, letter: str | None) -> str:
    """``text`` with Alt+``letter`` marked at the first place the letter occurs (no mark for ``None``)."""
    if not letter:
        return text
    i = text.casefold().find(letter.casefold())
    return text if i < 0 else f"{text[:i]}&{text[i:]}"


def wrap_label(text: str, *, name: str = "", rich: bool = False) -> QLabel:
    """A wrapping text. ``name`` says what kind of text it is (description, not name: the name is the text)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setAccessibleDescription(name)
    return label


# ------------------------------------------------------------------ input widgets

class TextArea(QPlainTextEdit):
    """Multi-line text, ``lines`` high (follows the app's text size); Tab moves focus on."""

    def __init__(self, lines: int = 3, parent=None) -> None:
        super().__init__(parent)
        self.lines = lines
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        h = self.fontMetrics().lineSpacing() * self.lines + 2 * self.frameWidth() + 10
        return QSize(super().sizeHint().width(), h)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()


class _WrapDelegate(QStyledItemDelegate):
    """Rows as high as their wrapped text at the list's current width (Qt's own hint assumes one line)."""

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 (Qt name)
        opt = QStyleOptionViewItem(option)
        width = self.view.viewport().width()
        if width > 40:
            opt.rect = QRect(0, 0, width, 100_000)
        return super().sizeHint(opt, index)


class FitList(QListWidget):
    """A list as high as its rows (up to ``max_rows``), so short lists do not take the whole screen.
    Long rows wrap: every row is as high as its whole text."""

    def __init__(self, max_rows: int = 8, parent=None) -> None:
        super().__init__(parent)
        self.max_rows = max_rows
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setItemDelegate(_WrapDelegate(self))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.model().rowsInserted.connect(self.updateGeometry)
        self.model().rowsRemoved.connect(self.updateGeometry)
        self.model().modelReset.connect(self.updateGeometry)

    def sizeHint(self) -> QSize:  # noqa: N802
        line = self.fontMetrics().lineSpacing()
        n = min(self.count(), self.max_rows)
        h = sum(max(self.sizeHintForRow(i), line) for i in range(n)) if n else line
        if self.count() > self.max_rows:
            h += line // 2
        return QSize(super().sizeHint().width(), h + 2 * self.frameWidth() + 6)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.fontMetrics().averageCharWidth() * 12, self.sizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - wrapped rows change height with the width
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.scheduleDelayedItemsLayout()
            self.updateGeometry()

    def changeEvent(self, event) -> None:  # noqa: N802 - a larger text makes every row higher
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.scheduleDelayedItemsLayout()
            self.updateGeometry()


class ChoiceButtons(QWidget):
    """A row of radio buttons for one choice; value ``None`` when nothing is chosen."""

    field_changed = Signal()

    def __init__(self, options: Sequence[tuple[Any, str]], parent=None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.buttons: list[QRadioButton] = []
        self._values: list[Any] = []
        for i, (value, text) in enumerate(options):
            b = QRadioButton(text)
            b.setAccessibleName(text)
            self.group.addButton(b, i)
            lay.addWidget(b)
            self.buttons.append(b)
            self._values.append(value)
            b.toggled.connect(self._toggled)
        lay.addStretch(1)
        if self.buttons:
            self.setFocusProxy(self.buttons[0])

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt name)
        super().setAccessibleName(name)
        for b in self.buttons:
            b.setAccessibleName(f"{name}: {b.text().replace('&', '')}")

    def _toggled(self, on: bool) -> None:
        if on:
            self.field_changed.emit()

    def button_for(self, value: Any) -> QRadioButton:
        return self.buttons[self._values.index(value)]

    def value(self) -> Any:
        i = self.group.checkedId()
        return None if i < 0 else self._values[i]

    def field_value(self) -> Any:
        v = self.value()
        return v.value if isinstance(v, Enum) else v

    def set_field_value(self, value: Any) -> None:
        for b, v in zip(self.buttons, self._values):
            raw = v.value if isinstance(v, Enum) else v
            if raw == value and value is not None:
                b.setChecked(True)
                return
        self.group.setExclusive(False)
        for b in self.buttons:
            b.setChecked(False)
        self.group.setExclusive(True)
        self.field_changed.emit()


def yes_no(ja: str = "Ja", nee: str = "Nee") -> ChoiceButtons:
    return ChoiceButtons([(True, ja), (False, nee)])


class EnumCombo(QComboBox):
    """A combo box of enum members (by their Dutch ``label``), optionally with "nothing chosen"."""

    def __init__(self, members: Iterable[Enum], *, empty: str | None = None, parent=None) -> None:
        super().__init__(parent)
        if empty is not None:
            self.addItem(empty, None)
        self._enum = None
        for m in members:
            self._enum = type(m)
            self.addItem(getattr(m, "label", str(m.value)), m.value)

    def enum_value(self):
        data = self.currentData()
        return None if data is None or self._enum is None else self._enum(data)


def datum_veld(naam: str, *, verleden: str = "", vandaag_als_start: bool = True,
               verplicht: bool = False) -> DatumVeld:
    """The app's one date field (``ui.datum_veld.DatumVeld``) as the meldcode forms use it.

    ``verleden``: the date lies in the past by nature (seen, recorded, a held conversation); the text says what it
    is ("De datum van het gesprek") and becomes the Dutch reason why a future date is refused.
    ``vandaag_als_start``: an empty form starts at today (the date is usually today), else empty ("geen datum").
    """
    grenzen = regels.niet_in_de_toekomst(date.today(), verleden) if verleden else None
    return DatumVeld(naam, verplicht=verplicht, grenzen=grenzen, waarde=date.today() if vandaag_als_start else None)


_TIJD = re.compile(r"^\s*(\d{1,2})\s*[:.]?\s*(\d{2})\s*$")


def lees_tijd(tekst: str) -> time | None:
    """``9:30``, ``09.30``, ``0930`` -> 09:30; ``None`` for empty text. Raises ValueError with a Dutch message."""
    if not tekst.strip():
        return None
    m = _TIJD.match(tekst)
    if m and int(m.group(1)) < 24 and int(m.group(2)) < 60:
        return time(int(m.group(1)), int(m.group(2)))
    raise ValueError("Typ de tijd als uu:mm, bijvoorbeeld 09:30.")


class DatumTijdVeld(QWidget):
    """A moment that has happened (a melding): the date field of the app plus a typed time (uu:mm).

    Decided for the meldcode: a time is kept only where the moment matters (when a melding was made);
    everywhere else a date is enough. Both parts are typed, nothing spins, so the mouse wheel cannot change them.
    The moment cannot lie in the future (``wat`` says what it is, for the Dutch reason).
    """

    field_changed = Signal()

    def __init__(self, naam: str, wat: str, *, nu=datetime.now, parent=None) -> None:
        super().__init__(parent)
        self.naam = naam
        self.wat = wat
        self._nu = nu
        start = nu()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.datum = DatumVeld(f"{naam}: datum", grenzen=regels.niet_in_de_toekomst(start.date(), wat),
                               waarde=start.date())
        row.addWidget(self.datum, 2)
        self.tijd_label = QLabel("tijd:")
        row.addWidget(self.tijd_label)
        self.tijd = QLineEdit(start.strftime("%H:%M"))
        self.tijd.setAccessibleName(f"{naam}: tijd")
        self.tijd.setAccessibleDescription("Typ de tijd als uu:mm, bijvoorbeeld 09:30.")
        self.tijd.setPlaceholderText("uu:mm")
        self.tijd.setMaxLength(8)
        self.tijd.setMinimumWidth(self.tijd.fontMetrics().horizontalAdvance("00:00") + 24)
        self.tijd_label.setBuddy(self.tijd)
        row.addWidget(self.tijd, 1)
        row.addStretch(1)
        lay.addLayout(row)
        self.probleem_label = MessageLabel("Foutmelding", error=True)
        self.probleem_label.hide()
        lay.addWidget(self.probleem_label)
        self.setFocusProxy(self.datum)
        self.datum.field_changed.connect(self.field_changed.emit)
        self.tijd.textChanged.connect(lambda _t: self.field_changed.emit())
        self.tijd.editingFinished.connect(self._check_tijd)

    def problem(self) -> str | None:
        if self.datum.problem():
            return self.datum.problem()
        try:
            t = lees_tijd(self.tijd.text())
        except ValueError as exc:
            return str(exc)
        d = self.datum.value()
        if d is not None and t is None:
            return "Vul ook de tijd in, als uu:mm."
        if d is not None and datetime.combine(d, t) > self._nu() + timedelta(minutes=5):
            return f"{self.wat} kan niet in de toekomst liggen."
        return None

    def is_valid(self) -> bool:
        return self.problem() is None

    def value(self) -> datetime | None:
        if self.problem() is not None or self.datum.value() is None:
            return None
        return datetime.combine(self.datum.value(), lees_tijd(self.tijd.text()))

    def _check_tijd(self) -> None:
        try:
            t = lees_tijd(self.tijd.text())
        except ValueError:
            t = None
        if t is not None:
            self.tijd.setText(t.strftime("%H:%M"))
        p = self.problem() if not self.datum.problem() else None
        self.probleem_label.setText(p or "")
        self.probleem_label.setVisible(bool(p))

    def field_value(self) -> str | None:
        v = self.value()
        return v.isoformat(timespec="minutes") if v else None

    def set_field_value(self, value: Any) -> None:
        if value:
            dt = datetime.fromisoformat(value)
            self.datum.set_value(dt.date())
            self.tijd.setText(dt.strftime("%H:%M"))
        else:
            self.datum.set_value(None)
            self.tijd.setText("")
        self.probleem_label.setText("")
        self.probleem_label.hide()


class GetalVeld(QLineEdit):
    """A whole number that may be empty (unknown): typed, checked with a Dutch message, never cut off silently.

    ``fout(n)`` gives the message for a number outside ``lo``..``hi``. ``value()`` is ``None`` when empty or wrong;
    ``is_valid()`` tells which; ``problem()`` says what is wrong. The form shows the problem in its error line (and a
    screen reader hears it there and in the field's description). Nothing spins: the wheel cannot change it.
    """

    field_changed = Signal()

    def __init__(self, naam: str, lo: int, hi: int, fout: Callable[[int], str], *, voorbeeld: str = "",
                 parent=None) -> None:
        super().__init__(parent)
        self.naam, self.lo, self.hi, self._fout, self.voorbeeld = naam, lo, hi, fout, voorbeeld
        self.setAccessibleName(naam)
        self.setPlaceholderText("onbekend")
        self.setMaxLength(12)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("onbekend") + 24)
        self.textChanged.connect(lambda _t: self.field_changed.emit())
        self.textEdited.connect(lambda _t: self.setAccessibleDescription(""))

    def problem(self) -> str | None:
        t = self.text().strip()
        if not t:
            return None
        if not t.isdigit():
            return (f"Vul bij {self.naam.lower()} alleen cijfers in"
                    + (f", bijvoorbeeld {self.voorbeeld}." if self.voorbeeld else "."))
        n = int(t)
        return self._fout(n) if not self.lo <= n <= self.hi else None

    def is_valid(self) -> bool:
        return self.problem() is None

    def value(self) -> int | None:
        t = self.text().strip()
        return int(t) if t and self.is_valid() else None

    def check(self) -> bool:
        """True when the number is fine; else its problem becomes the field's description."""
        p = self.problem()
        self.setAccessibleDescription(p or "")
        return p is None

    def field_value(self) -> int | str | None:
        """The number; what was typed when it is no valid number (a draft keeps it as typed)."""
        t = self.text().strip()
        if not t:
            return None
        return int(t) if t.isdigit() and self.is_valid() else t

    def set_field_value(self, value: Any) -> None:
        self.setText("" if value is None else str(value))
        self.setAccessibleDescription("")


# ------------------------------------------------------------------ wheel, flow, reading order

class _WheelGuard(QObject):
    """The mouse wheel over a combo box or spin box that has no keyboard focus scrolls the page instead of
    changing the value ("Datum vastgelegd" went from 2026 to 2016 while scrolling)."""

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if (event.type() == QEvent.Type.Wheel and isinstance(obj, (QComboBox, QAbstractSpinBox))
                and not obj.hasFocus()):
            area = obj.parentWidget()
            while area is not None and not isinstance(area, QAbstractScrollArea):
                area = area.parentWidget()
            if area is None:
                event.ignore()
                return True
            view = area.viewport()
            pos = QPointF(obj.mapTo(view, event.position().toPoint()))
            QApplication.sendEvent(view, QWheelEvent(pos, event.globalPosition(), event.pixelDelta(),
                                                     event.angleDelta(), event.buttons(), event.modifiers(),
                                                     event.phase(), event.inverted()))
            return True  # the page scrolled; the value stays
        return False


_wheel_guard: _WheelGuard | None = None


def guard_wheel(root: QWidget) -> None:
    """Install the wheel guard on every combo box and spin box under ``root`` (call once its widgets exist)."""
    global _wheel_guard
    if _wheel_guard is None:
        _wheel_guard = _WheelGuard(QApplication.instance())
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, (QComboBox, QAbstractSpinBox)) and not w.property("wheelGuard"):
            w.installEventFilter(_wheel_guard)
            w.setProperty("wheelGuard", True)
            if w.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel does not take the focus either


class FlowLayout(QLayout):
    """Widgets in a row that wraps to the next line when the width runs out (a row of buttons at 200 % text)."""

    def __init__(self, parent=None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:  # noqa: N802 (Qt name)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, i: int):  # noqa: N802
        return self._items[i] if 0 <= i < len(self._items) else None

    def takeAt(self, i: int):  # noqa: N802
        return self._items.pop(i) if 0 <= i < len(self._items) else None

    def expandingDirections(self):  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._do_layout(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._do_layout(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _do_layout(self, rect: QRect, *, apply: bool) -> int:
        m = self.contentsMargins()
        r = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = r.x(), r.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x + hint.width() > r.right() + 1 and line > 0:
                x, y, line = r.x(), y + line + self._spacing, 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), QSize(min(hint.width(), r.width()), hint.height())))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()


class ScrollBody(QScrollArea):
    """The scrolling middle of a dialog: texts and fields go in ``body``; the dialog keeps its error line and
    buttons below it, always visible, however large the text is."""

    def __init__(self, name: str, parent=None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes through its fields; it scrolls to the focused one
        self.setAccessibleName(name)
        inner = QWidget()
        self.body = QVBoxLayout(inner)
        self.body.setContentsMargins(0, 0, 4, 0)
        self.setWidget(inner)

    def sizeHint(self) -> QSize:  # noqa: N802 - as large as its content (the dialog caps it at the screen)
        inner = self.widget()
        hint = inner.sizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        height = hint.height()
        if inner.hasHeightForWidth() and self.viewport().width() > 40:  # wrapped text, a row of buttons that wraps
            hfw = inner.heightForWidth(self.viewport().width())
            height = hfw if hfw > 0 else height
        return QSize(hint.width() + bar + 2 * self.frameWidth(), height + 2 * self.frameWidth())

    def resizeEvent(self, event) -> None:  # noqa: N802 - another width, another height of wrapped content
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - never narrower than its content (it only scrolls down)
        line = self.fontMetrics().lineSpacing()
        width = self.widget().minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
        return QSize(max(width, self.fontMetrics().averageCharWidth() * 30) + 2 * self.frameWidth(), line * 3)


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Size a dialog: at least ``width``×``height`` and what its content asks for, never more than the screen it
    opens on leaves free (then its scroll area scrolls)."""
    ref = window.parentWidget() or window
    screen = ref.screen() or QApplication.primaryScreen()
    free = screen.availableGeometry().size() - QSize(16, 48)  # room for the window frame and title bar
    want = QSize(width, height).expandedTo(window.sizeHint())
    window.resize(want.boundedTo(free))


def table_min_height(table, rows: int = 3) -> int:
    """The height of a table's header and ``rows`` rows (and a horizontal scroll bar): never just a header."""
    bar = table.horizontalScrollBar().sizeHint().height()
    return (table.horizontalHeader().sizeHint().height() + rows * table.verticalHeader().defaultSectionSize()
            + bar + 2 * table.frameWidth())


class WrapTable(QTableWidget):
    """A read-only table whose ``stretch`` column takes the room the others leave, but never less than
    ``min_chars`` characters (or its header), and wraps; rows are as high as their text. With large text the table
    scrolls sideways instead of squeezing a column to nothing. The other columns are as wide as their content.

    (Done in overridden event handlers, not in slots connected to the header: those can run while Qt destroys
    the table.)"""

    def __init__(self, columns: Sequence[str], stretch: int, *, min_chars: int = 30, parent=None) -> None:
        super().__init__(0, len(columns), parent)
        self.stretch, self.min_chars = stretch, min_chars
        self.setHorizontalHeaderLabels(list(columns))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move inside it
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Interactive)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - the header and three rows, whatever the text size
        return QSize(super().minimumSizeHint().width(), table_min_height(self))

    def fit(self) -> None:
        """Size the stretch column to the room left, then the rows to their (wrapped) text."""
        header = self.horizontalHeader()
        others = sum(header.sectionSize(i) for i in range(header.count())
                     if i != self.stretch and not header.isSectionHidden(i))
        fm = header.fontMetrics()
        title = str(self.model().headerData(self.stretch, Qt.Orientation.Horizontal) or "")
        need = max(fm.averageCharWidth() * self.min_chars, fm.horizontalAdvance(title) + 24)
        header.resizeSection(self.stretch, max(need, self.viewport().width() - others))
        self.resizeRowsToContents()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.fit()

    def changeEvent(self, event) -> None:  # noqa: N802 - a larger text: measure again once the header has it too
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()  # the minimum follows the text size
            QTimer.singleShot(0, self, self.fit)


def widget_path(w: QWidget | None, root: QWidget) -> list[int] | None:
    """Where ``w`` sits under ``root`` (child indices), to find the same field in a rebuilt screen."""
    path: list[int] = []
    while w is not None and w is not root:
        p = w.parentWidget()
        if p is None:
            return None
        path.append([c for c in p.children() if isinstance(c, QWidget)].index(w))
        w = p
    return list(reversed(path)) if w is root else None


def widget_at_path(root: QWidget, path: Sequence[int] | None) -> QWidget | None:
    w = root
    for i in path or ():
        kids = [c for c in w.children() if isinstance(c, QWidget)]
        if not 0 <= i < len(kids):
            return None
        w = kids[i]
    return w if path else None


_CONTAINERS = (QWidget, QGroupBox, QFrame, QStackedWidget)


def _reading_order(root: QWidget) -> list[QWidget]:
    """Focusable widgets under ``root`` in the order a person reads them: layout order, top to bottom,
    label before field. Hidden widgets are included (Qt skips them), so the order holds once they show."""
    out: list[QWidget] = []

    def visit_layout(lay: QLayout) -> None:
        if isinstance(lay, QFormLayout):
            items = []
            for r in range(lay.rowCount()):
                for role in (QFormLayout.ItemRole.LabelRole, QFormLayout.ItemRole.FieldRole,
                             QFormLayout.ItemRole.SpanningRole):
                    it = lay.itemAt(r, role)
                    if it is not None:
                        items.append(it)
        elif isinstance(lay, QGridLayout):
            cells = []
            for i in range(lay.count()):
                row, col, _rs, _cs = lay.getItemPosition(i)
                cells.append((row, col, lay.itemAt(i)))
            items = [it for _r, _c, it in sorted(cells, key=lambda c: (c[0], c[1]))]
        else:
            items = [lay.itemAt(i) for i in range(lay.count())]
        for it in items:
            if it.widget() is not None:
                visit(it.widget())
            elif it.layout() is not None:
                visit_layout(it.layout())

    def visit(w: QWidget) -> None:
        if isinstance(w, QSplitter):
            for i in range(w.count()):
                visit(w.widget(i))
            return
        proxy = w.focusProxy()
        if proxy is not None and w.isAncestorOf(proxy):
            # A compound widget (a date field, a row of radio buttons, a tab widget with its pages): Qt moves it
            # as one unit with its own order inside. Ordering its parts one by one leaves the compound itself
            # behind in the chain, and Tab reaching it jumps back to its proxy (a loop).
            out.append(w)
            return
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and proxy is None and not isinstance(w, QScrollBar):
            out.append(w)
        if isinstance(w, QScrollArea):
            if w.widget() is not None:
                visit(w.widget())
            return
        # Only into containers: never into the insides of Qt's own compound widgets. (Walking the private layout
        # of a QDialogButtonBox, which Qt rebuilds, made PySide crash later when the dialog was destroyed.)
        if type(w) in _CONTAINERS or not type(w).__module__.startswith("PySide6"):
            if w.layout() is not None:
                visit_layout(w.layout())

    visit(root)
    seen: set[int] = set()
    return [w for w in out if not (id(w) in seen or seen.add(id(w)))]


def set_reading_order(root: QWidget) -> list[QWidget]:
    """Make Tab and Shift+Tab follow the reading order under ``root`` (not the order the widgets were made)."""
    order = _reading_order(root)
    for a, b in zip(order, order[1:]):
        if _next_tab_stop(a) is not b:
            QWidget.setTabOrder(a, b)
    return order


def _next_tab_stop(w: QWidget) -> QWidget | None:
    """What follows ``w`` (or, for a compound widget, its last part) in the focus chain and takes Tab."""
    n = w.nextInFocusChain()
    while n is not None and n is not w:
        if w.isAncestorOf(n):
            n = n.nextInFocusChain()
            continue
        if n.focusPolicy() & Qt.FocusPolicy.TabFocus:
            return n
        n = n.nextInFocusChain()
    return None


# ------------------------------------------------------------------ value helpers

def text(values: dict, name: str) -> str:
    return (values.get(name) or "").strip()


def opt_date(values: dict, name: str) -> date | None:
    v = values.get(name)
    return date.fromisoformat(v) if v else None


def opt_enum(kind, values: dict, name: str):
    v = values.get(name)
    return None if v is None else kind(v)


def split_list(value: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in (value or "").replace(";", ",").split(",") if p.strip())


def record_values(record: Any) -> dict[str, Any]:
    """A record's fields as JSON-safe form values (dates ISO, enums by value, tuples joined)."""
    out: dict[str, Any] = {}
    if not is_dataclass(record):
        return out
    for f in dc_fields(record):
        v = getattr(record, f.name)
        if isinstance(v, Enum):
            v = v.value
        elif isinstance(v, datetime):
            v = v.isoformat(timespec="minutes")
        elif isinstance(v, date):
            v = v.isoformat()
        elif isinstance(v, tuple):
            v = ", ".join(str(x) for x in v)
        out[f.name] = v
    return out


# ------------------------------------------------------------------ record forms

class DossierContext(Protocol):
    """What forms and step screens need from the open dossier (implemented by ``DossierView``)."""

    ws: Any
    dossier_id: int
    dossier: Any

    def record_saved(self, form: "RecordForm | None") -> None: ...

    def status(self, text: str) -> None: ...

    def show_error(self, exc: BaseException) -> None: ...

    def advance(self, stap: int) -> None: ...

    def acute_route(self, reden: str) -> None: ...

    def close_dossier(self) -> None: ...


class RecordForm(QGroupBox):
    """One kind of record (a signal, a consultation, ...): fields, "Toevoegen" and autosave.

    Unfinished input is saved as a draft (``bewaar_concept``) 400 ms after the last change;
    "Toevoegen" (or Ctrl+Enter anywhere in the form) stores the record with ``voeg_toe``
    (or ``corrigeer`` while correcting) and removes the draft. A field that holds something wrong (a date
    in the future where that cannot be, an age of 150) stops the form with its Dutch message; the draft keeps
    what was typed. The form's buttons carry no Alt+letter: Ctrl+Enter is the form's key, and a step page has
    room for only a few unique letters (see the mnemonic plan in ``dossier_view``).
    """

    submitted = Signal(object)  # the stored record

    def __init__(self, ctx: DossierContext, key: str, title: str, *, button_text: str = "&Toevoegen",
                 intro: str = "", parent=None) -> None:
        super().__init__(title, parent)
        self.ctx = ctx
        self.key = key
        self.correcting: int | None = None
        self._draft_stored = False
        self.setAccessibleName(title.replace("&", ""))
        self._lay = QVBoxLayout(self)
        if intro:
            self._lay.addWidget(wrap_label(intro))
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self._lay.addLayout(self.form)
        self.fields = FieldSet(self)
        self.error = MessageLabel("Foutmelding", error=True)
        self.error.hide()
        self._lay.addWidget(self.error)
        row = QHBoxLayout()
        button_text = button_text.replace("&", "")
        self.button_text = button_text
        self.add_button = QPushButton(button_text)
        self.add_button.setAccessibleName(f"{title.replace('&', '')}: {button_text}")
        self.add_button.setToolTip("Vastleggen (Ctrl+Enter)")
        self.add_button.clicked.connect(self.submit)
        row.addWidget(self.add_button)
        self.cancel_button = QPushButton("Correctie annuleren")
        self.cancel_button.setAccessibleName("Correctie annuleren")
        self.cancel_button.clicked.connect(self.cancel_correction)
        self.cancel_button.hide()
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        self._lay.addLayout(row)
        self.saver = DebouncedSaver(self.save_draft, parent=self)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(self.submit)

    # -- building --------------------------------------------------------
    def add_row(self, name: str, label: str, widget: QWidget, accessible: str | None = None, *,
                help_text: str = "") -> QWidget:
        widget.setAccessibleName(accessible or label.replace("&", "").rstrip(":"))
        if not label:  # a check box carries its own text and mnemonic
            self.form.addRow(widget)
            self.fields.add(name, widget)
            return widget
        lab = QLabel(label)
        lab.setBuddy(widget.focusProxy() or widget)
        if help_text:
            widget.setAccessibleDescription(help_text)
            box = QWidget()
            v = QVBoxLayout(box)
            v.setContentsMargins(0, 0, 0, 0)
            v.addWidget(widget)
            v.addWidget(wrap_label(help_text))
            self.form.addRow(lab, box)
        else:
            self.form.addRow(lab, widget)
        self.fields.add(name, widget)
        return widget

    def finish(self) -> None:
        """Call at the end of a subclass ``__init__``: the current values mean "empty", and Tab goes
        through the fields in reading order and then to "Toevoegen" (which was created first)."""
        self.fields.remember_defaults()
        set_reading_order(self)
        self.fields.changed.connect(self.saver.touch)
        self.fields.changed.connect(self.on_change)

    def first_input(self) -> QWidget:
        name = next(iter(self.fields))
        w = self.fields[name]
        return w.focusProxy() or w

    # -- to override -----------------------------------------------------
    def build(self, values: dict) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def to_values(self, record: Any) -> dict:
        return record_values(record)

    def on_change(self) -> None:
        """Hook: react to edits (enable fields, hints)."""

    # -- actions ---------------------------------------------------------
    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def invalid_field(self) -> tuple[QWidget, str] | None:
        """The first shown field holding something wrong, with its Dutch problem."""
        for _name, w in self.fields.items():
            if hasattr(w, "is_valid") and not w.isHidden() and not w.is_valid():
                return w, w.problem()
        return None

    def _typed(self) -> dict[str, Any]:
        """What was typed in fields whose value is not valid (the draft keeps it as typed)."""
        out: dict[str, Any] = {}
        for name, w in self.fields.items():
            if hasattr(w, "is_valid") and not w.is_valid() and not isinstance(w, GetalVeld):  # that one keeps its text
                if isinstance(w, DatumTijdVeld):
                    out[name] = [w.datum.edit.text(), w.tijd.text()]
                elif isinstance(getattr(w, "edit", None), QLineEdit):
                    out[name] = w.edit.text()
        return out

    def _put_typed(self, typed: dict[str, Any]) -> None:
        for name, raw in (typed or {}).items():
            if name not in self.fields:
                continue
            w = self.fields[name]
            if isinstance(w, DatumTijdVeld) and isinstance(raw, list) and len(raw) == 2:
                w.datum.edit.setText(raw[0])
                w.tijd.setText(raw[1])
            elif isinstance(getattr(w, "edit", None), QLineEdit) and isinstance(raw, str):
                w.edit.setText(raw)

    def submit(self) -> None:
        self.saver.cancel()
        bad = self.invalid_field()
        if bad is not None:
            w, problem = bad
            self.show_error(problem)
            if isinstance(w, GetalVeld):
                w.check()
            elif isinstance(getattr(w, "edit", None), QLineEdit):
                w.edit.editingFinished.emit()  # the field shows (and a screen reader hears) its own problem too
            (w.focusProxy() or w).setFocus(Qt.FocusReason.OtherFocusReason)
            self.save_draft()  # keep what was typed
            return
        try:
            record = self.build(self.fields.values())
            # the draft is removed in the same transaction as the record is stored
            if self.correcting is not None:
                svc.corrigeer(self.ctx.ws, self.ctx.dossier_id, self.correcting, record, concept_sleutel=self.key)
            else:
                svc.voeg_toe(self.ctx.ws, self.ctx.dossier_id, record, concept_sleutel=self.key)
        except UserError as exc:
            self.show_error(str(exc))
            self.save_draft()  # keep what was typed
            return
        self._drop_draft()
        was_correcting = self.correcting is not None
        self.correcting = None
        self.cancel_button.hide()
        self.add_button.setText(self.button_text)
        self.fields.clear()
        self.show_error("")
        self.ctx.status("Correctie vastgelegd. De oude versie blijft in de geschiedenis."
                        if was_correcting else f"{self.title().replace('&', '')}: vastgelegd.")
        self.submitted.emit(record)
        self.ctx.record_saved(self)

    def start_correction(self, record: Any) -> None:
        """Load a stored record into the form; "Toevoegen" then stores a corrected version."""
        self.correcting = record.id
        self.fields.set_values(self.to_values(record), quiet=True)
        self.add_button.setText("Correctie opslaan")
        self.cancel_button.show()
        self.saver.touch()
        self.first_input().setFocus()

    def cancel_correction(self) -> None:
        self.correcting = None
        self.cancel_button.hide()
        self.add_button.setText(self.button_text)
        self.fields.clear()
        self._drop_draft()

    # -- drafts ----------------------------------------------------------
    def is_empty(self) -> bool:
        return self.fields.is_default() and self.correcting is None and not self._typed()

    def save_draft(self) -> None:
        if self.is_empty():
            if self._draft_stored:
                self._drop_draft()
            return
        try:
            svc.bewaar_concept(self.ctx.ws, self.ctx.dossier_id, self.key,
                               {"waarden": self.fields.values(), "correctie_van": self.correcting,
                                "getypt": self._typed()})
            self._draft_stored = True
        except UserError as exc:
            self.show_error(f"Automatisch bewaren lukte niet: {exc}")

    def _drop_draft(self) -> None:
        try:
            svc.wis_concept(self.ctx.ws, self.ctx.dossier_id, self.key)
        except UserError:
            pass
        self._draft_stored = False

    def restore_draft(self, inhoud: dict) -> None:
        self.fields.set_values(inhoud.get("waarden", {}), quiet=True)
        self._put_typed(inhoud.get("getypt", {}))
        self.correcting = inhoud.get("correctie_van")
        if self.correcting is not None:
            self.add_button.setText("Correctie opslaan")
            self.cancel_button.show()
        self._draft_stored = True
        self.on_change()

    def flush(self) -> None:
        self.saver.flush()


# ------------------------------------------------------------------ lists and notices

class MissingList(FitList):
    """What is still missing for a step: "Nodig:" (required) or "Tip:" (suggestion)."""

    code_activated = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(8, parent)
        self.setAccessibleName("Wat nog ontbreekt")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.itemActivated.connect(lambda it: self.code_activated.emit(it.data(Qt.ItemDataRole.UserRole) or ""))

    def set_items(self, items: Sequence[Any]) -> None:
        self.clear()
        if not items:
            it = QListWidgetItem("Klaar: voor deze stap ontbreekt niets meer.")
            it.setData(Qt.ItemDataRole.UserRole, "")
            self.addItem(it)
        for o in items:
            prefix = "Nodig" if o.verplicht else "Tip"
            it = QListWidgetItem(f"{prefix}: {o.tekst}")
            it.setData(Qt.ItemDataRole.UserRole, o.code)
            it.setToolTip("Enter: ga naar het invulveld")
            self.addItem(it)

    def texts(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]

    def codes(self) -> list[str]:
        return [c for c in (self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())) if c]


class Notice(QFrame):
    """A framed, always-readable notice ("Let op: ..."), not told by colour alone."""

    def __init__(self, text: str = "", *, prefix: str = "Let op", name: str = "Let op", parent=None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.Box)
        self.prefix = prefix
        lay = QVBoxLayout(self)
        self.label = wrap_label("", name=name, rich=True)
        lay.addWidget(self.label)
        self.label.setText(self._html(text))
        if not text:
            self.hide()  # never show() here: without a parent that would open a separate window

    def _html(self, text: str) -> str:
        return f"<b>{self.prefix}:</b> {html_escape(text)}" if text else ""

    def set_text(self, text: str) -> None:
        self.label.setText(self._html(text))
        self.setVisible(bool(text))

    def text(self) -> str:
        return self.label.text()


class WarningsBox(QWidget):
    """The domain's ``waarschuwingen`` for a step, each as a framed notice."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Waarschuwingen")
        self._lay = QVBoxLayout(self)
        self._lay.setContentsMargins(0, 0, 0, 0)
        self.codes: list[str] = []
        self._notices: list[Notice] = []

    def set_warnings(self, warnings: Sequence[Any]) -> None:
        for n in self._notices:
            n.setParent(None)
            n.deleteLater()
        self._notices = []
        self.codes = [w.code for w in warnings]
        for w in warnings:
            n = Notice(w.tekst, name=f"Let op: {w.tekst}")
            self._lay.addWidget(n)
            self._notices.append(n)
        self.setVisible(bool(warnings))

    def texts(self) -> list[str]:
        return [n.label.text() for n in self._notices]


#: Rows of a record list show at most this many characters; the whole text is under the list.
SAMENVATTING_TEKENS = 300
LEES_VERDER = " … (kies deze regel om alles te lezen)"


def samenvatting(tekst: str, tekens: int = SAMENVATTING_TEKENS) -> str:
    """The start of a long text, cut at a word, with a hint that the whole text can be read."""
    if len(tekst) <= tekens + len(LEES_VERDER):
        return tekst
    kort = tekst[:tekens].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return kort + LEES_VERDER


class _RecordRows(FitList):
    """The rows of a :class:`RecordList`; tells it about the chosen row from an overridden handler (a slot
    connected to the list could run while Qt destroys it)."""

    def __init__(self, on_current: Callable[[int], None], parent=None) -> None:
        super().__init__(6, parent)
        self._on_current = on_current

    def currentChanged(self, current, previous) -> None:  # noqa: N802 (Qt name)
        super().currentChanged(current, previous)
        self._on_current(current.row() if current.isValid() else -1)


class RecordList(QWidget):
    """Stored records of one kind, with "Corrigeren…" for the selected one.

    Every row wraps; a long record (a 3,000-character signal) shows its start in the row and its whole text
    under the list when the row is chosen. A screen reader gets the whole text on the row itself.
    """

    def __init__(self, title: str, form: RecordForm | None = None, parent=None) -> None:
        super().__init__(parent)
        self.form = form
        self._records: list[Any] = []
        self._texts: list[str] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(title)
        lay.addWidget(self.label)
        self.list = _RecordRows(self._current_changed)
        self.list.setAccessibleName(title.replace("&", "").rstrip(":"))
        self.label.setBuddy(self.list)
        lay.addWidget(self.list)
        self.detail = wrap_label("", name="Hele tekst van de gekozen regel")
        self.detail.setObjectName("heleTekst")
        self.detail.setFrameShape(QFrame.Shape.StyledPanel)
        self.detail.setMargin(6)
        self.detail.hide()
        lay.addWidget(self.detail)
        self.correct_button: QPushButton | None = None
        if form is not None:
            self.correct_button = QPushButton("Geselecteerde corrigeren…")
            self.correct_button.setAccessibleName(f"{title.replace('&', '').rstrip(':')}: geselecteerde corrigeren")
            self.correct_button.clicked.connect(self.correct_selected)
            self.correct_button.setEnabled(False)
            row = QHBoxLayout()
            row.addWidget(self.correct_button)
            row.addStretch(1)
            lay.addLayout(row)

    def set_records(self, records: Sequence[Any], summary: Callable[[int, Any], str], *, empty: str = "Nog niets vastgelegd.") -> None:
        self._records = list(records)
        self._texts = [summary(i, r) for i, r in enumerate(records, start=1)] or [empty]
        self.list.clear()
        for t in self._texts:
            item = QListWidgetItem(samenvatting(t))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, t)
            self.list.addItem(item)
        self._show_detail(self.list.currentRow())
        if self.correct_button is not None:
            self.correct_button.setEnabled(False)

    def _current_changed(self, row: int) -> None:
        self._show_detail(row)
        if self.correct_button is not None:
            self.correct_button.setEnabled(row >= 0 and bool(self._records))

    def _show_detail(self, row: int) -> None:
        full = self._texts[row] if 0 <= row < len(self._texts) else ""
        shown = bool(full) and samenvatting(full) != full
        self.detail.setText(full if shown else "")
        self.detail.setVisible(shown)

    def correct_selected(self) -> None:
        r = self.list.currentRow()
        if self.form is not None and 0 <= r < len(self._records):
            self.form.start_correction(self._records[r])

    def texts(self) -> list[str]:
        """The whole text of every row."""
        return list(self._texts)


class StepPage(QScrollArea):
    """One step of the meldcode: explanation, what to record, what is missing, warnings, forms."""

    def __init__(self, ctx: DossierContext, nummer: int, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.nummer = nummer
        self.forms: list[RecordForm] = []
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the page wraps, never scrolls sideways
        inner = QWidget()
        self.setWidget(inner)
        self.body = QVBoxLayout(inner)
        self.nummering = profiel_nummering(ctx.ws)
        stap = content().stappen.stap(nummer, self.nummering)
        # Not a Tab stop of its own: Tab goes through its fields, and the page scrolls to the one with focus.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName(f"Stap {nummer}: {stap.titel}")
        self.title = Kop(f"Stap {nummer}: {stap.titel}", 2)  # a heading for screen readers (H jumps to it)
        self.body.addWidget(self.title)
        self.uitleg = wrap_label(stap.uitleg, name="Uitleg bij deze stap")
        self.body.addWidget(self.uitleg)
        vast = wrap_label("<b>Wat leg je vast?</b><ul>" + "".join(f"<li>{html_escape(t)}</li>" for t in stap.wat_vastleggen)
                          + "</ul>", name="Wat leg je vast", rich=True)
        self.body.addWidget(vast)
        self.warnings = WarningsBox()
        self.body.addWidget(self.warnings)
        missing_label = QLabel(f"<b>Wat nog ontbreekt in stap {nummer}</b> (Enter: ga naar het veld)")
        missing_label.setWordWrap(True)
        self.missing = MissingList()
        self.missing.setAccessibleName(f"Wat nog ontbreekt in stap {nummer}")
        missing_label.setBuddy(self.missing)
        self.body.addWidget(missing_label)
        self.body.addWidget(self.missing)
        self.missing.code_activated.connect(self.go_to_code)

    def sizeHint(self) -> QSize:  # noqa: N802 - it scrolls: it does not ask for the height of all it holds
        return QSize(super().sizeHint().width(), self.fontMetrics().lineSpacing() * 12)

    def add_form(self, form: RecordForm) -> RecordForm:
        self.forms.append(form)
        return form

    def finish(self) -> None:
        """Call at the end of a subclass ``__init__``: adds the "next step" row."""
        self.nav_row = QHBoxLayout()
        self.next_button: QPushButton | None = None
        if self.nummer < 5:
            self.next_button = QPushButton(f"Verder naar stap {self.nummer + 1}")
            self.next_button.setAccessibleName(f"Verder naar stap {self.nummer + 1}")
            self.next_button.clicked.connect(lambda: self.ctx.advance(self.nummer))
            self.nav_row.addWidget(self.next_button)
        self.nav_row.addStretch(1)
        self.body.addLayout(self.nav_row)
        self.body.addStretch(1)
        guard_wheel(self)
        set_reading_order(self)

    def refresh(self, dossier: Any) -> None:
        from ghnt_desktop.domain.meldcode import ontbrekend, waarschuwingen

        self.missing.set_items(ontbrekend(dossier, self.nummer, afwegingen_stap_4=afwegingen_stap_4(self.nummering)))
        self.warnings.set_warnings(waarschuwingen(dossier, self.nummer))
        self.update_records(dossier)

    def update_records(self, dossier: Any) -> None:
        """Hook: show the stored records of this step."""

    def form_for_code(self, code: str) -> RecordForm | None:
        """Hook: which form (and which preset) answers a missing item."""
        return self.forms[0] if self.forms else None

    def go_to_code(self, code: str) -> None:
        form = self.form_for_code(code)
        if form is not None:
            w = form.first_input()
            self.ensureWidgetVisible(form)
            w.setFocus(Qt.FocusReason.OtherFocusReason)

    def save_all(self) -> None:
        for f in self.forms:
            f.flush()
