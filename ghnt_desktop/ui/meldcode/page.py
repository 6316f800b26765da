"""The Meldcode screen: "Wat vraagt aandacht", the dossier list with filters, and the open dossier.

Keyboard: Ctrl+N new dossier, Ctrl+F search, Enter opens the selected dossier, Alt+1..5 go to a
step, Ctrl+Enter adds the record you are typing. Hooks for the main window: ``save_all``,
``clear_for_lock`` and ``restore_after_unlock``.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QFrame, QGridLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPushButton, QSplitter, QStackedWidget, QTableView,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from ghnt_desktop.domain.meldcode import DossierStatus, GeweldsVorm
from ghnt_desktop.domain.roles import Actie, mag
from ghnt_desktop.errors import UserError
from ghnt_desktop.services import meldcode as svc
from ghnt_desktop.ui.kop import Kop
from ghnt_desktop.ui.meldcode.dossier_list_model import DossierListModel
from ghnt_desktop.ui.meldcode.dossier_view import DossierView
from ghnt_desktop.ui.meldcode.new_dossier_dialog import NewDossierDialog
from ghnt_desktop.ui.meldcode.widgets import (WrapTable, fmt_date, guard_wheel, set_reading_order,
                                              table_min_height, widget_at_path, widget_path, wrap_label)
from ghnt_desktop.ui.messages import show_error

SEARCH_DELAY_MS = 250
ATTENTION_COLUMNS = ("Wanneer", "Datum", "Wat", "Dossier", "Toelichting")


class AttentionList(WrapTable):
    """"Wat vraagt aandacht": due and overdue follow-ups; "Te laat" is said in words, not by colour.
    Key columns (when, date, what, dossier) are as wide as their content; the explanation wraps. Tab leaves the
    list (to the search field); the arrow keys move inside it."""

    def __init__(self, parent=None) -> None:
        super().__init__(ATTENTION_COLUMNS, 4, parent=parent)
        self.setAccessibleName("Wat vraagt aandacht")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.items_: list = []

    def set_points(self, punten) -> None:
        self.items_ = list(punten)
        self.setRowCount(len(self.items_))
        for i, p in enumerate(self.items_):
            wanneer = "Te laat" if p.te_laat else ("Vandaag" if p.datum == date.today() else "Binnenkort")
            cells = (wanneer, fmt_date(p.datum), p.soort.label, p.client_referentie, p.tekst)
            for j, v in enumerate(cells):
                item = QTableWidgetItem(v)
                item.setToolTip(v)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # beside a wrapped row
                item.setData(Qt.ItemDataRole.UserRole, p.dossier_id)
                if p.te_laat and j == 0:
                    f = item.font()
                    f.setBold(True)
                    item.setFont(f)
                self.setItem(i, j, item)
        self.fit()

    def dossier_id_at(self, row: int) -> int | None:
        return self.items_[row].dossier_id if 0 <= row < len(self.items_) else None


class DossierTable(QTableView):
    """The dossier list. Key columns (client reference, status, step, last activity) are as wide as their content,
    also after the text size changes (never "ZW-2…"); the long ones (forms of violence, owner) get at most
    ``CAPPED_CHARS`` characters and show the rest in their tooltip, so the date at the end stays in view."""

    CAPPED = (4, 5)
    CAPPED_CHARS = 28

    def fit_columns(self) -> None:
        if self.model() is None:
            return
        self.resizeColumnsToContents()
        fm = self.fontMetrics()
        for col in self.CAPPED:
            title = str(self.model().headerData(col, Qt.Orientation.Horizontal) or "")
            cap = max(fm.averageCharWidth() * self.CAPPED_CHARS, self.horizontalHeader().fontMetrics()
                      .horizontalAdvance(title) + 24)
            if self.columnWidth(col) > cap:
                self.setColumnWidth(col, cap)

    def minimumSizeHint(self):  # noqa: N802 - the header and three rows, whatever the text size
        return QSize(super().minimumSizeHint().width(), table_min_height(self))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()  # the minimum follows the text size
            if self.model() is not None:
                QTimer.singleShot(0, self, self.fit_columns)  # once the header has the new font too


class Overview(QWidget):
    """Start screen: attention points and the dossier list."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - as high as the window gives it (see DossierView)
        return False

    def __init__(self, page: "MeldcodePage") -> None:
        super().__init__(page)
        self.page = page
        ws = page.ws
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)  # the window around it has margins already (room at 200 % text)
        top = QHBoxLayout()
        title = Kop("Meldcode", 1)
        top.addWidget(title)
        top.addStretch(1)
        from ghnt_desktop.ui.meldcode.vertrouwelijkheid_dialog import onze_meldcode_knop

        self.onze_meldcode_button = onze_meldcode_knop(ws, self)
        top.addWidget(self.onze_meldcode_button)
        self.new_button = QPushButton("&Nieuw dossier")
        self.new_button.setAccessibleName("Nieuw dossier")
        self.new_button.setToolTip("Nieuw dossier (Ctrl+N)")
        self.new_button.setEnabled(mag(ws.session.rollen, Actie.DOSSIER_MAKEN))
        self.new_button.clicked.connect(page.new_dossier)
        top.addWidget(self.new_button)
        lay.addLayout(top)
        splitter = QSplitter(Qt.Orientation.Vertical)
        box = QFrame()  # its label says what it is: no group title above it, so the overview fits at 200 % text
        box.setObjectName("aandachtKader")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setAccessibleName("Wat vraagt aandacht")
        v = QVBoxLayout(box)
        self.attention_label = QLabel("Wat vraagt aandacht? Te &laat of binnenkort. Enter opent het dossier.")
        self.attention_label.setWordWrap(True)
        self.attention_label.setWordWrap(True)
        self.attention = AttentionList()
        self.attention_label.setBuddy(self.attention)
        self.attention_empty = wrap_label("Er is nu niets dat aandacht vraagt.", name="Niets vraagt aandacht")
        v.addWidget(self.attention_label)
        v.addWidget(self.attention)
        v.addWidget(self.attention_empty)
        splitter.addWidget(box)
        box2 = QGroupBox("Dossiers")
        v2 = QVBoxLayout(box2)
        team = mag(ws.session.rollen, Actie.DOSSIER_TEAM)
        self.scope_label = wrap_label("Je ziet je eigen dossiers en de dossiers van je team." if team
                                      else "Je ziet de dossiers waarvan jij eigenaar bent of waarbij je betrokken bent.",
                                      name="Welke dossiers je ziet")
        self.search = QLineEdit()
        self.search.setAccessibleName("Zoek op cliëntreferentie")
        self.search.setPlaceholderText("Cliëntreferentie (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Filter op status")
        self.status_filter.addItem("Alle", None)
        for s in DossierStatus:
            self.status_filter.addItem(s.label, s.value)
        self.stap_filter = QComboBox()
        self.stap_filter.setAccessibleName("Filter op huidige stap")
        self.stap_filter.addItem("Alle stappen", None)
        for n in range(1, 6):
            self.stap_filter.addItem(f"Stap {n}", n)
        self.gemeente_filter = QComboBox()
        self.gemeente_filter.setAccessibleName("Filter op gemeente")
        self.gemeente_filter.addItem("Alle gemeenten", None)
        for code, naam in ws.gemeenten():
            self.gemeente_filter.addItem(naam, code)
        self.vorm_filter = QComboBox()
        self.vorm_filter.setAccessibleName("Filter op vorm van geweld")
        self.vorm_filter.addItem("Alle vormen", None)
        for vorm in GeweldsVorm:
            self.vorm_filter.addItem(vorm.label, vorm.value)
        self.search.setMinimumWidth(self.fontMetrics().averageCharWidth() * 16)
        search_row = QHBoxLayout()
        lab = QLabel("&Zoeken op cliëntreferentie:")
        lab.setBuddy(self.search)
        search_row.addWidget(lab)
        search_row.addWidget(self.search, 1)
        v2.addLayout(search_row)
        # two filters a row: at 200 % text four side by side would not fit a laptop screen
        filters = QGridLayout()
        for i, (label, w) in enumerate((("&Status:", self.status_filter), ("Sta&p:", self.stap_filter),
                                        ("&Gemeente:", self.gemeente_filter), ("V&orm:", self.vorm_filter))):
            lab = QLabel(label)
            lab.setBuddy(w)
            w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            w.setMinimumContentsLength(12)
            filters.addWidget(lab, i // 2, (i % 2) * 2)
            filters.addWidget(w, i // 2, (i % 2) * 2 + 1)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)
        v2.addLayout(filters)
        self.count_label = wrap_label("", name="Aantal dossiers")
        count_row = QHBoxLayout()  # how many, and which ones: one line (room for the list at 200 % text)
        count_row.addWidget(self.count_label)
        count_row.addWidget(self.scope_label, 1)
        v2.addLayout(count_row)
        self.model = DossierListModel(self._fetch, self._count, dict(ws.gemeenten()), self)
        self.table = DossierTable()
        self.table.setAccessibleName("Dossiers (Enter opent het dossier)")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)  # only the capped columns (see DossierTable)
        self.table.activated.connect(lambda idx: page.open_dossier(self.model.data(idx, Qt.ItemDataRole.UserRole)))
        v2.addWidget(self.table, 1)
        splitter.addWidget(box2)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        line = self.fontMetrics().lineSpacing()
        splitter.setSizes([line * 14, line * 28])  # room for a few attention points, most for the list
        splitter.setChildrenCollapsible(False)
        lay.addWidget(splitter, 1)
        guard_wheel(self)
        set_reading_order(self)
        self.attention.itemActivated.connect(self._attention_activated)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self._search_due)
        self.search.textChanged.connect(lambda _t: self.search_timer.start())
        self.search.returnPressed.connect(self.refresh_list)
        for combo in (self.status_filter, self.stap_filter, self.gemeente_filter, self.vorm_filter):
            combo.currentIndexChanged.connect(lambda _i: self.refresh_list())

    # -- data ------------------------------------------------------------
    def current_filter(self):
        status = self.status_filter.currentData()
        vorm = self.vorm_filter.currentData()
        return svc.DossierFilter(status=DossierStatus(status) if status else None, stap=self.stap_filter.currentData(),
                               gemeente_code=self.gemeente_filter.currentData(),
                               vorm=GeweldsVorm(vorm) if vorm else None, zoek=self.search.text().strip())

    def _fetch(self, filt, offset: int, limit: int):
        return svc.lijst(self.page.ws, filt, offset=offset, limit=limit)

    def _count(self, filt) -> int:
        return svc.aantal(self.page.ws, filt)

    def _search_due(self) -> None:
        """The typed search, once typing paused; during background work it waits (the worker owns the database)."""
        from ghnt_desktop.ui.operations import postpone_while_busy

        if not postpone_while_busy(self.refresh_list):
            self.refresh_list()

    def refresh_list(self) -> None:
        self.search_timer.stop()
        try:
            self.model.set_filter(self.current_filter())
        except UserError as exc:
            self.model.clear()
            self.count_label.setText(str(exc))
            return
        n = self.model.total
        self.table.fit_columns()  # only the rows fetched so far (at most one batch here)
        self.count_label.setText("Geen dossiers gevonden." if n == 0 else
                                 ("1 dossier." if n == 1 else f"{n} dossiers."))

    def refresh_attention(self) -> None:
        try:
            punten = svc.aandachtspunten(self.page.ws, date.today())
        except UserError as exc:
            punten = []
            self.attention_empty.setText(str(exc))
        else:
            self.attention_empty.setText("Er is nu niets dat aandacht vraagt.")
        self.attention.set_points(punten)
        self.attention.setVisible(bool(punten))
        self.attention_label.setVisible(bool(punten))
        self.attention_empty.setVisible(not punten)

    def refresh(self) -> None:
        self.refresh_attention()
        self.refresh_list()

    def clear(self) -> None:
        self.model.clear()
        self.attention.set_points([])
        self.count_label.setText("")

    def position(self) -> dict:
        """The chosen dossier, how far the list was scrolled and which field had the focus."""
        idx = self.table.currentIndex()
        return {"dossier": self.model.data(idx, Qt.ItemDataRole.UserRole) if idx.isValid() else None,
                "scroll": self.table.verticalScrollBar().value(), "focus": widget_path(self.focusWidget(), self)}

    def restore_position(self, pos: dict) -> None:
        did = pos.get("dossier")
        if did is not None:
            row = next((i for i in range(self.model.rowCount()) if self.model.row_at(i).id == did), None)
            if row is not None:
                self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.verticalScrollBar().setValue(pos.get("scroll", 0))
        w = widget_at_path(self, pos.get("focus"))
        if w is not None and w.isVisibleTo(self) and w.isEnabled():
            w.setFocus(Qt.FocusReason.OtherFocusReason)

    def _attention_activated(self, item: QTableWidgetItem) -> None:
        did = self.attention.dossier_id_at(item.row())
        if did is not None:
            self.page.open_dossier(did)


class _Stack(QStackedWidget):
    """The overview or the open dossier: only the one shown counts for the room the screen asks for (the overview
    may scroll at 200 % text; the dossier scrolls inside its steps and never as a whole)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _i: self.updateGeometry())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        w = self.currentWidget()
        return w.minimumSizeHint() if w is not None else super().minimumSizeHint()

    def sizeHint(self) -> QSize:  # noqa: N802
        w = self.currentWidget()
        return w.sizeHint() if w is not None else super().sizeHint()


class MeldcodePage(QWidget):
    def __init__(self, ws, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setAccessibleName("Meldcode")
        self.view: DossierView | None = None
        self.new_dialog: NewDossierDialog | None = None
        self._locked_state: dict | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.stack = _Stack()
        lay.addWidget(self.stack)
        self.overview = Overview(self)
        self.stack.addWidget(self.overview)
        for seq, slot in (("Ctrl+N", self.new_dossier), ("Ctrl+F", self.focus_search)):
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        self.overview.refresh()

    # -- navigation --------------------------------------------------------
    def focus_search(self) -> None:
        if self.view is not None:
            self.close_dossier_view()
        self.overview.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.overview.search.selectAll()

    def new_dossier(self, *, restore_draft: bool = False) -> None:
        """``restore_draft``: after unlocking, the dialog comes back with what was typed (no question)."""
        if not mag(self.ws.session.rollen, Actie.DOSSIER_MAKEN):
            return
        self.save_all()
        dlg = NewDossierDialog(self.ws, self, ask_restore=(lambda _t: True) if restore_draft else None)
        self.new_dialog = dlg
        try:
            ok = dlg.exec() == QDialog.DialogCode.Accepted
        finally:
            self.new_dialog = None
        if ok and dlg.dossier_id is not None:
            self.overview.refresh()
            self.open_dossier(dlg.dossier_id)

    def open_dossier(self, dossier_id: int, *, ask_restore=None, tab: int | None = None) -> None:
        if dossier_id is None:
            return
        self.close_dossier_view(refresh=False)
        try:
            view = DossierView(self.ws, dossier_id, self, ask_restore=ask_restore)
        except UserError as exc:
            show_error(self, exc)
            self.overview.refresh()
            return
        view.back_requested.connect(self.close_dossier_view)
        if getattr(self.window(), "is_locked", False):  # locked while the dossier was opening
            self._locked_state = {"dossier": dossier_id, "tab": view.tabs.currentIndex() if tab is None else tab}
            view.save_all()
            view.deleteLater()
            return
        self.view = view
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        if tab is not None:
            view.tabs.setCurrentIndex(tab)
        view.focus_current()

    def close_dossier_view(self, *, refresh: bool = True) -> None:
        view = self.view
        if view is None:
            return
        view.save_all()
        self.view = None
        self.stack.setCurrentWidget(self.overview)
        self.stack.removeWidget(view)
        view.hide()
        view.deleteLater()
        if refresh:
            self.overview.refresh()
            self.overview.table.setFocus()

    # -- hooks for the main window ---------------------------------------------
    def save_all(self) -> None:
        if self.overview is None:
            return
        if self.view is not None:
            self.view.save_all()
        if self.new_dialog is not None:
            self.new_dialog.flush()

    def clear_for_lock(self) -> None:
        """Nothing of a case stays on screen. What was typed in an open dialog is kept (a dialog of the dossier as
        its draft "dialoog", "Nieuw dossier" as its own draft), and where the user was is remembered."""
        if self.overview is None:
            return
        self.save_all()
        if self.view is not None:
            self.view.keep_for_lock()
        reopen_new = self.new_dialog is not None and self.new_dialog.isVisible()
        for dlg in reversed(self.findChildren(QDialog)):  # nothing of the case may stay on screen (inner first)
            if not dlg.isVisible():
                continue
            if dlg is self.new_dialog:
                dlg.saver.cancel()
                QDialog.reject(dlg)  # keeps the draft: it comes back after unlocking
            else:
                dlg.reject()
        if self.view is not None:
            self._locked_state = {"dossier": self.view.dossier_id, **self.view.position()}
            self.close_dossier_view(refresh=False)
        else:
            self._locked_state = {"overzicht": self.overview.position()}
        self._locked_state["nieuw_dossier"] = reopen_new
        self.overview.clear()

    def restore_after_unlock(self) -> None:
        """The same screen as before the lock: the dossier at the same step, scroll position and field, and the
        dialog that was open, filled in as it was."""
        if self.overview is None:
            return
        self.overview.refresh()
        state, self._locked_state = self._locked_state, None
        if not state:
            return
        if state.get("dossier") is not None:
            self.open_dossier(state["dossier"], ask_restore=False, tab=state.get("tab"))
            view = self.view
            if view is not None:
                QTimer.singleShot(0, view, lambda: view.restore_position(state))
        elif state.get("overzicht"):
            QTimer.singleShot(0, self.overview, lambda: self.overview.restore_position(state["overzicht"]))
        if state.get("nieuw_dossier"):
            QTimer.singleShot(0, self, lambda: self.new_dossier(restore_draft=True))
