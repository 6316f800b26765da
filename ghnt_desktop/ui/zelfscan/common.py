"""Small shared pieces of the zelfscan screens: service access, texts, the catalogue notice, problem lists."""
from __future__ import annotations

import html
import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog, QDialogButtonBox,
                               QFileDialog, QFrame, QHeaderView, QLabel, QLayout, QListWidget, QPushButton,
                               QScrollArea, QSizePolicy, QStackedWidget, QStyle, QTableWidget, QVBoxLayout, QWidget)

from ghnt_desktop.domain import datum as datumregels
from ghnt_desktop.domain.roles import Actie, mag
from ghnt_desktop.domain.zelfscan import TeamType
from ghnt_desktop.errors import UserError

#: Larger files are refused before reading (the domain limits are 2 MB for a catalogue, 16 MB for a scan).
MAX_READ_BYTES = 32 * 1024 * 1024


def zelfscan_service():
    """The service module (imported late so the screens can be built before it is used)."""
    from ghnt_desktop.services import zelfscan

    return zelfscan


def may(ws, actie: Actie) -> bool:
    """Mirror of the service's authorization, only to decide what to show; the service decides."""
    return mag(ws.session.rollen, actie)


def may_see_scans(ws) -> bool:
    return may(ws, Actie.ZELFSCAN_EIGEN_TEAM) or may(ws, Actie.ZELFSCAN_ALLE)


def datum(d: date | None) -> str:
    """The app's one date format (dd-mm-jjjj, ``domain.datum.formatteer``)."""
    return datumregels.formatteer(d)


def team_type_label(value) -> str:
    try:
        return TeamType(value).label
    except ValueError:
        return str(value)


def gemeenten_text(gemeenten) -> str:
    """Names of gemeenten given as ``Gemeente`` objects or ``(cbs_code, naam)`` pairs."""
    names = []
    for g in gemeenten:
        names.append(g.naam if hasattr(g, "naam") else g[1])
    return ", ".join(names)


def percentage_text(telling) -> str:
    p = telling.percentage_afgerond if telling is not None else None
    return "geen score" if p is None else f"{p} %"


WERKVERSIE_WARNING = "Let op: dit is een werkversie, niet de officiële tekst van de VNG."


def _remark_warns(opmerking: str | None) -> bool:
    """The catalogue's own remark already says it is a werkversie (then the warning is shown once, in its words)."""
    return opmerking is not None and "werkversie" in opmerking.casefold()


def catalog_plain(naam: str, versie: str, officieel: bool, opmerking: str | None = None) -> str:
    """One line (plus the werkversie warning, once) for printing or an accessible description."""
    text = f"Kwaliteitskader: {naam}, versie {versie}."
    if not officieel and not _remark_warns(opmerking):
        text += " " + WERKVERSIE_WARNING
    if opmerking:
        text += " " + opmerking
    return text


def catalog_html(naam: str, versie: str, officieel: bool, opmerking: str | None = None, *,
                 prefix: str = "Kwaliteitskader") -> str:
    text = f"<b>{html.escape(prefix)}:</b> {html.escape(naam)}, versie {html.escape(versie)}"
    if not officieel and opmerking is not None and _remark_warns(opmerking):
        rest = opmerking.strip()
        if rest.casefold().startswith("let op:"):
            rest = rest[len("let op:"):].strip()
        return text + f"<br><b>Let op:</b> {html.escape(rest)}"
    if not officieel:
        text += f"<br><b>{html.escape(WERKVERSIE_WARNING)}</b>"
    if opmerking:
        text += f"<br>{html.escape(opmerking)}"
    return text


class CatalogNotice(QLabel):
    """Which catalogue (id/versie) is used, and whether it is the official text (the werkversie warning once).
    Shown wherever results are. Its accessible name is its text (a11y rule); the kind of text is the description."""

    def __init__(self, parent=None, *, prefix: str = "Kwaliteitskader", remark: bool = True) -> None:
        super().__init__(parent)
        self.prefix = prefix
        self.remark = remark  # False: the catalogue's own remark only in the tooltip and description (compact)
        self.setObjectName("catalogusMelding")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plain = ""

    def set_catalog(self, catalogus) -> None:
        """``catalogus``: a ``Catalogus`` or a ``CatalogusInfo`` (``opmerking`` is optional there)."""
        if catalogus is None:
            self.plain = "Er is nog geen kwaliteitskader ingelezen."
            self.setText(html.escape(self.plain))
            self.setToolTip("")
        else:
            opmerking = getattr(catalogus, "opmerking", None)
            self.plain = catalog_plain(catalogus.naam, catalogus.versie, catalogus.officieel, opmerking)
            shown = opmerking if self.remark else None  # compact: the remark is in the tooltip and description
            self.setText(catalog_html(catalogus.naam, catalogus.versie, catalogus.officieel, shown,
                                      prefix=self.prefix))
            self.setToolTip("" if self.remark or not opmerking else opmerking)
        # what kind of text this is, and (compact form) the remark that is not shown
        self.setAccessibleDescription("Gebruikte versie van het kwaliteitskader. "
                                      + ("" if self.remark else self.plain))

    def set_problem(self, text: str) -> None:
        self.plain = text
        self.setText(html.escape(text))


class ProblemDialog(QDialog):
    """A headline and EVERY problem (each with its place in the file), in a list one can read and copy."""

    def __init__(self, title: str, headline: str, details: list[str], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        lay = QVBoxLayout(self)
        self.headline = QLabel(headline)  # its text is its accessible name; what kind of text: the description
        self.headline.setWordWrap(True)
        self.headline.setObjectName("foutmelding")
        self.headline.setAccessibleDescription("Foutmelding")
        lay.addWidget(self.headline)
        self.problem_list = QListWidget()
        self.problem_list.setAccessibleName("Gevonden problemen")
        self.problem_list.setWordWrap(True)
        if details:
            count = QLabel(f"Gevonden problemen ({len(details)}). De plaats staat vooraan; "
                           "nummers tussen [ ] beginnen bij 0.")
            count.setWordWrap(True)
            count.setBuddy(self.problem_list)
            lay.addWidget(count)
            self.problem_list.addItems(details)
            self.problem_list.setCurrentRow(0)
            lay.addWidget(self.problem_list, 1)
        else:
            self.problem_list.hide()
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton("&Kopiëren")
        self.copy_button.setAccessibleName("Problemen kopiëren")
        self.copy_button.clicked.connect(self.copy)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setVisible(bool(details))
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Sluiten")
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.text = "\n".join([headline] + list(details))
        self.resize(640, 420 if details else 180)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text)


def open_dialog(dialog: QDialog, parent: QWidget) -> QDialog:
    """Show window-modal without blocking; afterwards the keyboard goes back to the parent's window."""
    win = parent.window()
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(lambda _r: QTimer.singleShot(0, win.activateWindow))
    dialog.open()
    return dialog


def show_problems(parent: QWidget, title: str, exc: UserError) -> ProblemDialog:
    """Show a ``UserError`` with its ``details`` (window-modal, non-blocking). Returns the dialog."""
    dlg = ProblemDialog(title, exc.message if hasattr(exc, "message") else str(exc),
                        list(getattr(exc, "details", []) or []), parent)
    open_dialog(dlg, parent)
    return dlg


# --- files (module-level so tests can replace the dialogs) --------------------------------------------------

def ask_open_path(parent: QWidget, title: str, name_filter: str) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, title, "", name_filter)
    return path


def ask_save_path(parent: QWidget, title: str, suggested: str, name_filter: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, name_filter)
    return path


def read_file(path: str | os.PathLike) -> bytes:
    """Read a file the user chose; problems become a Dutch ``UserError``."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_READ_BYTES:
            raise UserError(f"Het bestand {p.name} is te groot om in te lezen ({size // (1024 * 1024)} MB).")
        return p.read_bytes()
    except FileNotFoundError:
        raise UserError(f"Het bestand {p.name} bestaat niet (meer).") from None
    except IsADirectoryError:
        raise UserError(f"{p.name} is een map, geen bestand. Kies een bestand.") from None
    except PermissionError:
        raise UserError(f"Je hebt geen toegang tot het bestand {p.name}.") from None
    except OSError:
        raise UserError(f"Het bestand {p.name} kan niet worden gelezen.") from None


def write_file(path: str | os.PathLike, data: bytes) -> None:
    """Write all-or-nothing (temp file next to it, then rename); problems become a Dutch ``UserError``."""
    p = Path(path)
    tmp = p.with_name(p.name + ".tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, p)
    except PermissionError:
        raise UserError(f"Je mag niet schrijven in de map {p.parent}. Kies een andere map.") from None
    except OSError:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise UserError(f"Het bestand {p.name} kan niet worden opgeslagen. Is de schijf vol of de map weg?") from None


def safe_file_name(text: str) -> str:
    keep = "".join(c if c.isalnum() or c in "-_" else "-" for c in text.strip().lower())
    while "--" in keep:
        keep = keep.replace("--", "-")
    return keep.strip("-")[:60] or "zelfscan"


# --- layout and keyboard helpers shared by the zelfscan screens ---------------------------------------------

class FlowLayout(QLayout):
    """Widgets in a row that wraps to the next line when the row gets too narrow (large text, small screens).
    Tab order stays the order in which the widgets were made."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int | None = None) -> None:
        super().__init__(parent)
        self._items: list = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:  # noqa: N802 (Qt name)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def _gap(self) -> int:
        if self._spacing is not None:
            return self._spacing
        parent = self.parentWidget()
        style = parent.style() if parent is not None else QApplication.style()
        return max(4, style.pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing))

    def _visible(self) -> list:
        return [i for i in self._items if not i.isEmpty()]

    def sizeHint(self) -> QSize:  # noqa: N802
        items = self._visible()
        m = self.contentsMargins()
        w = sum(i.sizeHint().width() for i in items) + self._gap() * max(0, len(items) - 1)
        h = max((i.sizeHint().height() for i in items), default=0)
        return QSize(w + m.left() + m.right(), h + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for i in self._visible():
            size = size.expandedTo(i.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        gap = self._gap()
        x, y, line = area.x(), area.y(), 0
        for item in self._visible():
            hint = item.sizeHint()
            w = max(item.minimumSize().width(), min(hint.width(), area.width()))
            if x > area.x() and x + w > area.x() + area.width():
                x, y, line = area.x(), y + line + gap, 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), QSize(w, hint.height())))
            x += w + gap
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()


class _InstantMnemonic(QObject):
    """Alt+letter on a button clicks it at once. Qt's own mnemonic click is animated and lands ~100 ms later,
    after keys typed meanwhile (a second Alt+letter in those 100 ms is even ignored): with a fast typist the
    click then hits the next standard, or a dialog is accepted before the participant was added."""

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Shortcut and isinstance(obj, QAbstractButton) and not event.isAmbiguous():
            if obj.isEnabled() and obj.isVisible():
                if obj.isCheckable() and obj.focusPolicy() & Qt.FocusPolicy.ClickFocus:
                    obj.setFocus(Qt.FocusReason.ShortcutFocusReason)  # as Qt does for check and radio boxes
                obj.click()
            return True
        return False


def instant_mnemonics(root: QWidget) -> None:
    """Make the Alt+letter of every button under ``root`` act at once (call after the buttons exist)."""
    handler = root.findChild(_InstantMnemonic, "instantMnemonic")
    if handler is None:
        handler = _InstantMnemonic(root)
        handler.setObjectName("instantMnemonic")
    for button in root.findChildren(QAbstractButton):
        button.removeEventFilter(handler)
        button.installEventFilter(handler)


class _FollowFocus(QObject):
    """Scrolls a scroll area so that the widget getting keyboard focus (also by Alt+letter) is in view."""

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self.area = area
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self.follow)

    @Slot(QWidget, QWidget)
    def follow(self, _old, new) -> None:
        content = self.area.widget()
        if new is None or content is None or not self.area.isVisible() or not content.isAncestorOf(new):
            return
        show_in_scroll_area(self.area, new)


def show_in_scroll_area(area: QScrollArea, w: QWidget) -> None:
    """Bring ``w`` into view; a widget taller than the view shows its top (where reading starts)."""
    content = area.widget()
    if content is None:
        return
    top = w.mapTo(content, QPoint(0, 0))
    if w.height() > area.viewport().height() - 16:
        area.verticalScrollBar().setValue(top.y() - 8)
        area.ensureVisible(top.x(), top.y(), 8, 8)
    else:
        area.ensureWidgetVisible(w, 8, 8)


class _PageArea(QScrollArea):
    """Home and End go to the top and bottom too (Qt's scroll area only knows arrows and Page keys)."""

    def keyPressEvent(self, event) -> None:  # noqa: N802
        bar = self.verticalScrollBar()
        if event.key() == Qt.Key.Key_Home:
            bar.setValue(bar.minimum())
        elif event.key() == Qt.Key.Key_End:
            bar.setValue(bar.maximum())
        else:
            super().keyPressEvent(event)


def scroll_page(content: QWidget, *, name: str = "") -> QScrollArea:
    """``content`` in a scroll area that grows with it (the page scrolls, nothing is cut off) and that keeps the
    focused control in view. Without ``name`` the area takes no focus (Tab goes through its controls); with a
    name it is also a Tab stop of its own, so a page of mostly text (results) can be scrolled with the arrow and
    page keys, with a visible focus frame."""
    area = _PageArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    if name:
        area.setAccessibleName(name)
        area.setObjectName("scrollPagina")
        area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        area.setStyleSheet("QScrollArea#scrollPagina { border: 2px solid transparent; }"
                           "QScrollArea#scrollPagina:focus { border: 2px solid #1c4fa0; }")
    else:
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    _FollowFocus(area)
    return area


class FitTable(QTableWidget):
    """A read-only table for screens that scroll as a whole.

    ``min_rows=None``: always as tall as all its rows (no scroll bar of its own); otherwise at least ``min_rows``
    rows high and it may grow (the rest scrolls inside). Heights follow the text size. ``wrap`` names columns
    whose text wraps; they share the width left over by the other columns, each at least ``wrap[col]``
    characters wide (then the table scrolls sideways instead of standing one word per line). Tab leaves it.
    """

    def __init__(self, name: str, headers: list[str], *, min_rows: int | None = None,
                 wrap: dict[int, int] | None = None, parent=None) -> None:
        super().__init__(0, len(headers), parent)
        self.min_rows = min_rows
        self.wrap = dict(wrap or {})
        self.setAccessibleName(name)
        self.setHorizontalHeaderLabels(headers)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrow keys move inside
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        self._set_modes()
        # with wrapping columns the table takes the width there is; otherwise no wider than its columns
        across = QSizePolicy.Policy.Expanding if self.wrap else QSizePolicy.Policy.Maximum
        if min_rows is None:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setSizePolicy(across, QSizePolicy.Policy.Fixed)
        else:
            self.setSizePolicy(across, QSizePolicy.Policy.Expanding)
        header.sectionResized.connect(self._section_resized)

    def _set_modes(self) -> None:
        header = self.horizontalHeader()
        for col in range(self.columnCount()):
            mode = QHeaderView.ResizeMode.Interactive if col in self.wrap else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(col, mode)

    def setColumnCount(self, columns: int) -> None:  # noqa: N802
        super().setColumnCount(columns)
        self._set_modes()

    # --- heights ----------------------------------------------------------------------------------
    def _rows_height(self, rows: int | None = None) -> int:
        h = 2 * self.frameWidth() + self.horizontalHeader().sizeHint().height()
        if rows is None:
            h += sum(self.rowHeight(r) for r in range(self.rowCount()))
        else:
            h += rows * max(self.verticalHeader().defaultSectionSize(), self.fontMetrics().height() + 8)
        if self._needs_hscroll():
            h += self.horizontalScrollBar().sizeHint().height()
        return h + 2

    def _needs_hscroll(self) -> bool:
        return self.horizontalHeader().length() > self.viewport().width() + 1 and self.viewport().width() > 0

    def sizeHint(self) -> QSize:  # noqa: N802
        base = super().sizeHint()
        if self.min_rows is None:
            return QSize(base.width(), self._rows_height())
        # a scroll area that grows with its content lays out by size hints: ask for the minimum, grow by policy
        return QSize(base.width(), self._rows_height(self.min_rows))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        base = super().minimumSizeHint()
        rows = None if self.min_rows is None else self.min_rows
        return QSize(base.width(), self._rows_height(rows))

    # --- widths -------------------------------------------------------------------------------------
    def refit(self) -> None:
        """Share the width among the wrapping columns, then fit the rows to their text."""
        if self.wrap:
            fm = self.fontMetrics()
            header = self.horizontalHeader()
            fixed = sum(header.sectionSize(c) for c in range(self.columnCount())
                        if c not in self.wrap and not header.isSectionHidden(c))
            cols = [c for c in self.wrap if c < self.columnCount() and not header.isSectionHidden(c)]
            room = max(0, self.viewport().width() - fixed)
            share = room // max(1, len(cols))
            hfm = header.fontMetrics()
            for c in cols:
                title = str(self.model().headerData(c, Qt.Orientation.Horizontal) or "")
                least = max(fm.averageCharWidth() * self.wrap[c], header.sectionSizeFromContents(c).width(),
                            hfm.horizontalAdvance(title) + 24)
                if header.sectionSize(c) != max(least, share):
                    header.resizeSection(c, max(least, share))
        self.resizeRowsToContents()
        self.updateGeometry()

    def _section_resized(self, *_args) -> None:
        if not self.wrap:
            self.resizeRowsToContents()
            self.updateGeometry()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.refit()

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.horizontalHeader().updateGeometry()
            QTimer.singleShot(0, self._refit_later)

    def _refit_later(self) -> None:
        try:
            self.refit()
        except RuntimeError:  # deleted meanwhile
            pass

    def set_rows(self, rows: list[list[str]]) -> None:
        from PySide6.QtWidgets import QTableWidgetItem

        self.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                item = QTableWidgetItem(value)
                if j > 0 and (value[:1].isdigit() or value == "geen score"):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(i, j, item)
        self.refit()


class CurrentStack(QStackedWidget):
    """A stack that asks for the size of the page it shows, not of its largest page (a hidden presentation
    view in large text must not make the answering screen taller than a laptop screen)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _i: self.updateGeometry())

    def sizeHint(self) -> QSize:  # noqa: N802
        w = self.currentWidget()
        return w.sizeHint() if w is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        w = self.currentWidget()
        return w.minimumSizeHint() if w is not None else super().minimumSizeHint()
