"""Building blocks of the meldcode screens: input widgets, record forms, the "still missing" list.

Every input gets an accessible name and a label with a buddy; nothing is told by colour
alone (texts start with "Nodig:", "Tip:", "Let op:"); font sizes are never hard-coded.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields as dc_fields
from dataclasses import is_dataclass
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any, Protocol

from PySide6.QtCore import QDate, QDateTime, QSize, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QComboBox, QDateEdit, QDateTimeEdit, QFormLayout,
                               QFrame, QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMessageBox,
                               QPlainTextEdit, QPushButton, QRadioButton, QScrollArea, QSizePolicy, QSpinBox,
                               QVBoxLayout, QWidget)

from ghnt_desktop.errors import UserError
from ghnt_desktop.services import meldcode as svc
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
    if d is None:
        return "–"
    if isinstance(d, datetime):
        d = d.date()
    return d.strftime("%d-%m-%Y")


def fmt_dt(dt: datetime | date | None) -> str:
    if dt is None:
        return "–"
    if not isinstance(dt, datetime):
        return fmt_date(dt)
    if dt.tzinfo is not None:
        dt = dt.astimezone()  # local time for the user
    return dt.strftime("%d-%m-%Y %H:%M")


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


class FitList(QListWidget):
    """A list as high as its rows (up to ``max_rows``), so short lists do not take the whole screen."""

    def __init__(self, max_rows: int = 8, parent=None) -> None:
        super().__init__(parent)
        self.max_rows = max_rows
        self.setWordWrap(True)
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
        return self.sizeHint()

    def resizeEvent(self, event) -> None:  # noqa: N802 - wrapped rows change height with the width
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
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


_NO_DATE = QDate(1900, 1, 1)


class DateField(QDateEdit):
    """A date with a calendar pop-up (F4 or Alt+Down). ``optional``: may be empty ("geen datum")."""

    field_changed = Signal()

    def __init__(self, *, optional: bool = False, default_today: bool = True, parent=None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd-MM-yyyy")
        self.optional = optional
        if optional:
            self.setMinimumDate(_NO_DATE)
            self.setSpecialValueText("geen datum")
        self.setDate(QDate.currentDate() if default_today or not optional else _NO_DATE)
        self.dateChanged.connect(lambda _d: self.field_changed.emit())

    def date_value(self) -> date | None:
        d = self.date()
        if self.optional and d == _NO_DATE:
            return None
        return date(d.year(), d.month(), d.day())

    def set_date_value(self, d: date | None) -> None:
        if d is None:
            self.setDate(_NO_DATE if self.optional else QDate.currentDate())
        else:
            self.setDate(QDate(d.year, d.month, d.day))

    def field_value(self) -> str | None:
        d = self.date_value()
        return d.isoformat() if d else None

    def set_field_value(self, value: Any) -> None:
        self.set_date_value(date.fromisoformat(value) if value else None)


class DateTimeField(QDateTimeEdit):
    """Date and time (local), defaulting to now."""

    field_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(QDateTime.currentDateTime(), parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd-MM-yyyy HH:mm")
        self.dateTimeChanged.connect(lambda _d: self.field_changed.emit())

    def datetime_value(self) -> datetime:
        d, t = self.date(), self.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())

    def field_value(self) -> str:
        return self.datetime_value().isoformat(timespec="minutes")

    def set_field_value(self, value: Any) -> None:
        if value:
            dt = datetime.fromisoformat(value)
            self.setDateTime(QDateTime(QDate(dt.year, dt.month, dt.day), QTime(dt.hour, dt.minute)))


class OptionalInt(QSpinBox):
    """A whole number that may be unknown (shown as ``empty_text``)."""

    def __init__(self, lo: int = 0, hi: int = 120, *, empty_text: str = "onbekend", parent=None) -> None:
        super().__init__(parent)
        self.setRange(lo - 1, hi)
        self.setSpecialValueText(empty_text)
        self.setValue(lo - 1)

    def int_value(self) -> int | None:
        return None if self.value() == self.minimum() else self.value()


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
    (or ``corrigeer`` while correcting) and removes the draft.
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
        self.error = wrap_label("", name="Foutmelding")
        self.error.setObjectName("foutmelding")
        self.error.hide()
        self._lay.addWidget(self.error)
        row = QHBoxLayout()
        self.button_text = button_text
        self.add_button = QPushButton(button_text)
        self.add_button.setAccessibleName(f"{title.replace('&', '')}: {button_text.replace('&', '')}")
        self.add_button.setToolTip("Vastleggen (Ctrl+Enter)")
        self.add_button.clicked.connect(self.submit)
        row.addWidget(self.add_button)
        self.cancel_button = QPushButton("Correctie a&nnuleren")
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
        through the fields in order and then to "Toevoegen" (which was created first)."""
        self.fields.remember_defaults()
        last: QWidget | None = None
        for _name, w in self.fields.items():
            if w.isHidden():
                continue
            for t in (w.buttons if isinstance(w, ChoiceButtons) else [w]):
                if last is not None:
                    QWidget.setTabOrder(last, t)
                last = t
        if last is not None:
            QWidget.setTabOrder(last, self.add_button)
        QWidget.setTabOrder(self.add_button, self.cancel_button)
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

    def submit(self) -> None:
        self.saver.cancel()
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
        self.add_button.setText("Correctie op&slaan")
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
    def save_draft(self) -> None:
        if self.fields.is_default() and self.correcting is None:
            if self._draft_stored:
                self._drop_draft()
            return
        try:
            svc.bewaar_concept(self.ctx.ws, self.ctx.dossier_id, self.key,
                                 {"waarden": self.fields.values(), "correctie_van": self.correcting})
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
        self.correcting = inhoud.get("correctie_van")
        if self.correcting is not None:
            self.add_button.setText("Correctie op&slaan")
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


class RecordList(QWidget):
    """Stored records of one kind, with "Corrigeren…" for the selected one."""

    def __init__(self, title: str, form: RecordForm | None = None, parent=None) -> None:
        super().__init__(parent)
        self.form = form
        self._records: list[Any] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(title)
        lay.addWidget(self.label)
        self.list = FitList(6)
        self.list.setAccessibleName(title.replace("&", "").rstrip(":"))
        self.label.setBuddy(self.list)
        lay.addWidget(self.list)
        self.correct_button: QPushButton | None = None
        if form is not None:
            self.correct_button = QPushButton("Geselecteerde &corrigeren…")
            self.correct_button.setAccessibleName(f"{title.replace('&', '').rstrip(':')}: geselecteerde corrigeren")
            self.correct_button.clicked.connect(self.correct_selected)
            self.correct_button.setEnabled(False)
            self.list.currentRowChanged.connect(lambda r: self.correct_button.setEnabled(r >= 0 and bool(self._records)))
            row = QHBoxLayout()
            row.addWidget(self.correct_button)
            row.addStretch(1)
            lay.addLayout(row)

    def set_records(self, records: Sequence[Any], summary: Callable[[int, Any], str], *, empty: str = "Nog niets vastgelegd.") -> None:
        self._records = list(records)
        self.list.clear()
        if not records:
            self.list.addItem(empty)
        for i, r in enumerate(records, start=1):
            self.list.addItem(summary(i, r))
        if self.correct_button is not None:
            self.correct_button.setEnabled(False)

    def correct_selected(self) -> None:
        r = self.list.currentRow()
        if self.form is not None and 0 <= r < len(self._records):
            self.form.start_correction(self._records[r])

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]


class StepPage(QScrollArea):
    """One step of the meldcode: explanation, what to record, what is missing, warnings, forms."""

    def __init__(self, ctx: DossierContext, nummer: int, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.nummer = nummer
        self.forms: list[RecordForm] = []
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        self.setWidget(inner)
        self.body = QVBoxLayout(inner)
        self.nummering = profiel_nummering(ctx.ws)
        stap = content().stappen.stap(nummer, self.nummering)
        self.title = wrap_label(f"<h2>Stap {nummer}: {html_escape(stap.titel)}</h2>", name=f"Stap {nummer}: {stap.titel}",
                                rich=True)
        self.body.addWidget(self.title)
        self.uitleg = wrap_label(stap.uitleg, name="Uitleg bij deze stap")
        self.body.addWidget(self.uitleg)
        vast = wrap_label("<b>Wat leg je vast?</b><ul>" + "".join(f"<li>{html_escape(t)}</li>" for t in stap.wat_vastleggen)
                          + "</ul>", name="Wat leg je vast", rich=True)
        self.body.addWidget(vast)
        self.warnings = WarningsBox()
        self.body.addWidget(self.warnings)
        missing_label = QLabel(f"<b>Wat nog ontbreekt in stap {nummer}</b> (Enter: ga naar het veld)")
        self.missing = MissingList()
        self.missing.setAccessibleName(f"Wat nog ontbreekt in stap {nummer}")
        missing_label.setBuddy(self.missing)
        self.body.addWidget(missing_label)
        self.body.addWidget(self.missing)
        self.missing.code_activated.connect(self.go_to_code)

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
