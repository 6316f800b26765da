"""Hulp › Sneltoetsen: every shortcut of the app in one list, in plain Dutch.

Three sources, so the list stays complete when screens change:

- the keys that work everywhere (:data:`OVERAL`);
- the main window's menu actions (their text and shortcut);
- every ``QShortcut`` found in the window's screens built so far, described by :data:`UITLEG` (module, keys) or,
  for a shortcut this table does not know, by the shortcut's own ``whatsThis()`` (a screen that adds a shortcut
  can describe it there). ``tests/ui/test_sneltoetsen.py`` builds every screen of the demo and checks that each
  shortcut found is listed.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from ghnt_desktop.ui.indeling import ColumnFit
from ghnt_desktop.ui.kop import Kop


@dataclass(frozen=True)
class Sneltoets:
    toetsen: str
    uitleg: str
    waar: str


OVERAL: tuple[Sneltoets, ...] = (
    Sneltoets("Ctrl+Shift+A", "Acuut onveilig? Wat je nu moet doen (ook in een venster dat open staat en bij "
              "het vergrendelde scherm)", "Overal"),
    Sneltoets("Tab / Shift+Tab", "Naar het volgende of vorige veld of knop", "Overal"),
    Sneltoets("Alt + onderstreepte letter", "Naar het veld of de knop met die letter", "Overal"),
    Sneltoets("Alt+B / Alt+V / Alt+H", "Menu Bestand, Weergave of Hulp openen", "Hoofdvenster"),
    Sneltoets("Alt+A", "Acuut onveilig? (de rode knop)", "Hoofdvenster, ontgrendelen"),
    Sneltoets("Spatiebalk", "Knop indrukken, vakje aan- of uitvinken", "Overal"),
    Sneltoets("Enter", "De knop met de dikke rand (opslaan, verder)", "Vensters"),
    Sneltoets("Esc", "Venster sluiten zonder te bewaren", "Vensters"),
    Sneltoets("Pijltjestoetsen", "Binnen een lijst of tabel naar een andere regel; Tab gaat verder naar het "
              "volgende veld", "Lijsten en tabellen"),
    Sneltoets("Ctrl+Tab / Ctrl+Shift+Tab", "Naar het volgende of vorige tabblad", "Tabbladen"),
    Sneltoets("Pijltje omhoog / omlaag", "Een dag later of eerder", "Datumveld"),
    Sneltoets("Page Up / Page Down", "Een maand later of eerder", "Datumveld"),
    Sneltoets("Alt+pijltje omlaag of F4", "Kalender openen", "Datumveld"),
)

# What a screen's shortcuts do, by module key (``ui.modules``) and keys as Qt writes them (PortableText).
UITLEG: dict[tuple[str, str], str] = {
    ("meldcode", "Ctrl+N"): "Nieuw dossier",
    ("meldcode", "Ctrl+F"): "Zoeken in de dossiers",
    ("meldcode", "Alt+1"): "Naar stap 1",
    ("meldcode", "Alt+2"): "Naar stap 2",
    ("meldcode", "Alt+3"): "Naar stap 3",
    ("meldcode", "Alt+4"): "Naar stap 4",
    ("meldcode", "Alt+5"): "Naar stap 5",
    ("meldcode", "Ctrl+Return"): "Toevoegen aan de lijst van deze stap",
    ("meldcode", "Ctrl+Enter"): "Toevoegen aan de lijst van deze stap",
    ("zelfscan", "PgDown"): "Volgende standaard",
    ("zelfscan", "Alt+Right"): "Volgende standaard",
    ("zelfscan", "Ctrl+Return"): "Volgende standaard",
    ("zelfscan", "Ctrl+Enter"): "Volgende standaard",
    ("zelfscan", "PgUp"): "Vorige standaard",
    ("zelfscan", "Alt+Left"): "Vorige standaard",
    ("zelfscan", "Alt+P"): "Verbeterpunt aan of uit",
    ("zelfscan", "F11"): "Presentatie",
}

_NAMEN = {"PgDown": "Page Down", "PgUp": "Page Up", "Return": "Enter", "Del": "Delete", "Ins": "Insert",
          "Esc": "Esc", "Left": "pijltje links", "Right": "pijltje rechts", "Up": "pijltje omhoog",
          "Down": "pijltje omlaag", "Backspace": "Backspace"}


def toets_tekst(seq: QKeySequence | str) -> str:
    """Keys as a Dutch user reads them on the keyboard."""
    text = (seq if isinstance(seq, str) else seq.toString(QKeySequence.SequenceFormat.PortableText))
    parts = []
    for combo in text.split(", "):
        keys = combo.split("+") if combo != "+" else ["+"]
        if combo.endswith("++"):
            keys = combo[:-2].split("+") + ["+"]
        parts.append("+".join(_NAMEN.get(k, k) for k in keys if k))
    return ", ".join(parts)


def _portable(seq: QKeySequence) -> str:
    return seq.toString(QKeySequence.SequenceFormat.PortableText)


def menu_sneltoetsen(window: QWidget) -> list[Sneltoets]:
    out = []
    menubar = getattr(window, "menuBar", None)
    if menubar is None:
        return out
    for top in menubar().actions():
        menu = top.menu()
        if menu is None:
            continue
        for action in menu.actions():
            for seq in action.shortcuts():
                if not seq.isEmpty():
                    out.append(Sneltoets(toets_tekst(seq), action.text().replace("&", "").rstrip("…"),
                                         f"Menu {top.text().replace('&', '')}"))
    return out


def scherm_sneltoetsen(window: QWidget) -> list[Sneltoets]:
    """The shortcuts of the screens built so far in ``window`` (a main window: per module)."""
    modules = getattr(window, "modules", [])
    pages = getattr(window, "pages", {})
    out, seen = [], set()
    for shortcut in window.findChildren(QShortcut):
        seq = shortcut.key()
        if seq.isEmpty() or not shortcut.isEnabled():
            continue
        owner = shortcut.parent()
        module = next((m for m in modules if pages.get(m.key) is not None
                       and (owner is pages[m.key] or pages[m.key].isAncestorOf(owner))), None)
        key = module.key if module else ""
        uitleg = UITLEG.get((key, _portable(seq))) or shortcut.whatsThis() or "Zie de uitleg op het scherm"
        item = Sneltoets(toets_tekst(seq), uitleg, module.titel if module else "Dit venster")
        if (item.toetsen, item.waar) not in seen:
            seen.add((item.toetsen, item.waar))
            out.append(item)
    return sorted(out, key=lambda s: (s.waar, s.uitleg, s.toetsen))


def alle_sneltoetsen(window: QWidget | None) -> list[Sneltoets]:
    items = list(OVERAL)
    if window is not None:
        items += [s for s in menu_sneltoetsen(window) if s.toetsen != "Ctrl+Shift+A"]
        items += scherm_sneltoetsen(window)
    return items


class SneltoetsenDialog(QDialog):
    """The list, as a table a screen reader reads cell by cell; Tab leaves it, arrows move inside."""

    def __init__(self, window: QWidget | None = None, parent=None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle("Sneltoetsen")
        self.setAccessibleName("Sneltoetsen")
        lay = QVBoxLayout(self)
        lay.addWidget(Kop("Sneltoetsen", 1))
        intro = QLabel("Alles in de app kan met het toetsenbord. Deze toetsen werken in het hele venster of op "
                       "het scherm dat erbij staat. Schermen die je nog niet hebt geopend, staan er pas in "
                       "als je ze opent.")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.items = alle_sneltoetsen(window)
        self.table = QTableWidget(len(self.items), 3)
        self.table.setHorizontalHeaderLabels(["Toetsen", "Wat het doet", "Waar"])
        self.table.setAccessibleName("Sneltoetsen")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        for row, s in enumerate(self.items):
            for col, text in enumerate((s.toetsen, s.uitleg, s.waar)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.column_fit = ColumnFit(self.table, wrap={0, 1, 2}, cap=40)
        if self.items:
            self.table.setCurrentCell(0, 0)
        lay.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText("&Sluiten")
        close.setAccessibleName("Sluiten")
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        from ghnt_desktop.ui.indeling import dialog_size

        fm = self.fontMetrics()  # wide enough for the three columns at any text size (within the screen)
        dialog_size(self, fm.averageCharWidth() * 100, fm.lineSpacing() * 28)

    def texts(self) -> list[tuple[str, str, str]]:
        return [(s.toetsen, s.uitleg, s.waar) for s in self.items]


def sneltoets_acties(window: QWidget) -> list[QAction]:
    """The menu actions of ``window`` (for tests)."""
    return [a for top in window.menuBar().actions() if top.menu() for a in top.menu().actions()]
