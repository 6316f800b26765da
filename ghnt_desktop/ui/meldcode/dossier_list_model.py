"""Table model of the dossier list: rows are fetched in batches, never all at once.

The view asks ``canFetchMore``/``fetchMore`` while scrolling; each batch is one call to
``lijst(offset, limit)``. ``aantal`` is asked once per filter, for the total shown above
the table. Stays fast with 100,000 dossiers.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ghnt_desktop.ui.meldcode.widgets import fmt_dt

BATCH = 100

COLUMNS = ("Cliëntreferentie", "Gemeente", "Status", "Stap", "Vorm van geweld", "Eigenaar", "Laatste activiteit")


class DossierListModel(QAbstractTableModel):
    """``fetch(filter, offset, limit) -> list[DossierRij]``, ``count(filter) -> int``."""

    def __init__(self, fetch: Callable[[Any, int, int], list], count: Callable[[Any], int],
                 gemeente_namen: dict[str, str] | None = None, parent=None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._count = count
        self.gemeente_namen = gemeente_namen or {}
        self.filter: Any = None
        self.rows: list = []
        self.total = 0
        self._exhausted = True

    # -- loading ---------------------------------------------------------
    def set_filter(self, filt: Any) -> None:
        self.beginResetModel()
        self.filter = filt
        self.rows = []
        self.total = self._count(filt)
        self._exhausted = self.total == 0
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def clear(self) -> None:
        """Forget every row (used when the screen is locked)."""
        self.beginResetModel()
        self.rows = []
        self.total = 0
        self._exhausted = True
        self.endResetModel()

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 (Qt name)
        if parent.isValid():
            return False
        return not self._exhausted and len(self.rows) < self.total

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
        if parent.isValid() or self._exhausted:
            return
        batch = self._fetch(self.filter, len(self.rows), BATCH)
        if not batch:
            self._exhausted = True
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(batch) - 1)
        self.rows.extend(batch)
        self.endInsertRows()
        if len(batch) < BATCH:
            self._exhausted = True

    # -- model -----------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def row_at(self, row: int):
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
                        Qt.ItemDataRole.ToolTipRole):
            return None
        c = index.column()
        if c == 0:
            return r.client_referentie
        if c == 1:
            naam = self.gemeente_namen.get(r.gemeente_code)
            return f"{naam} ({r.gemeente_code})" if naam else r.gemeente_code
        if c == 2:
            return r.status.label
        if c == 3:
            return f"Stap {r.huidige_stap}"
        if c == 4:
            return ", ".join(sorted(v.label for v in r.vormen)) or "–"
        if c == 5:
            return r.eigenaar_naam
        if c == 6:
            return fmt_dt(r.laatste_activiteit)
        return None
