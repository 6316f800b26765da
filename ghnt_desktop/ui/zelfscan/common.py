"""Small shared pieces of the zelfscan screens: service access, texts, the catalogue notice, problem lists."""
from __future__ import annotations

import html
import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QLabel, QListWidget, QPushButton,
                               QVBoxLayout, QWidget)

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
    return "" if d is None else f"{d.day}-{d.month}-{d.year}"


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


def catalog_plain(naam: str, versie: str, officieel: bool, opmerking: str | None = None) -> str:
    """One line (plus the werkversie warning) for printing or an accessible description."""
    text = f"Kwaliteitskader: {naam}, versie {versie}."
    if not officieel:
        text += " Let op: dit is een werkversie, niet de officiële tekst van de VNG."
        if opmerking:
            text += " " + opmerking
    elif opmerking:
        text += " " + opmerking
    return text


def catalog_html(naam: str, versie: str, officieel: bool, opmerking: str | None = None, *,
                 prefix: str = "Kwaliteitskader") -> str:
    text = f"<b>{html.escape(prefix)}:</b> {html.escape(naam)}, versie {html.escape(versie)}"
    if not officieel:
        text += "<br><b>Let op: dit is een werkversie, niet de officiële tekst van de VNG.</b>"
    if opmerking:
        text += f"<br>{html.escape(opmerking)}"
    return text


class CatalogNotice(QLabel):
    """Which catalogue (id/versie) is used, and whether it is the official text. Shown wherever results are."""

    def __init__(self, parent=None, *, prefix: str = "Kwaliteitskader", remark: bool = True) -> None:
        super().__init__(parent)
        self.prefix = prefix
        self.remark = remark  # False: the catalogue's own remark only in the tooltip (compact)
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
        else:
            opmerking = getattr(catalogus, "opmerking", None)
            self.plain = catalog_plain(catalogus.naam, catalogus.versie, catalogus.officieel, opmerking)
            self.setText(catalog_html(catalogus.naam, catalogus.versie, catalogus.officieel,
                                      opmerking if self.remark else None, prefix=self.prefix))
            self.setToolTip("" if self.remark or not opmerking else opmerking)
        self.setAccessibleName(f"{self.prefix}: gebruikte versie")
        self.setAccessibleDescription(self.plain)


class ProblemDialog(QDialog):
    """A headline and EVERY problem (each with its place in the file), in a list one can read and copy."""

    def __init__(self, title: str, headline: str, details: list[str], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        lay = QVBoxLayout(self)
        self.headline = QLabel(headline)
        self.headline.setWordWrap(True)
        self.headline.setObjectName("foutmelding")
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
