"""The Zelfscan page: the scans per team (and per gemeente) with their status, a new scan, opening one,
catalogue and exchange.

A professional sees the scans of their own team(s); a manager all, including the scans of the gemeenten
themselves ("Gemeente Zaanstad"); the list is exactly what the service returns. Scans of archived teams stay
in the list; archived teams are not offered for a new scan. A beheerder (catalogue only) sees the catalogues
and "Catalogus inlezen…".
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QPushButton, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from ghnt_desktop.domain.roles import Actie
from ghnt_desktop.domain.zelfscan import ScanStatus
from ghnt_desktop.errors import UserError
from ghnt_desktop.ui.a11y import MessageLabel
from ghnt_desktop.ui.messages import show_error
from ghnt_desktop.ui.zelfscan.catalog_import import import_catalog
from ghnt_desktop.ui.zelfscan.common import (CatalogNotice, CurrentStack, FitTable, FlowLayout, datum,
                                             gemeenten_text, instant_mnemonics, may, may_see_scans, scroll_page,
                                             team_type_label, zelfscan_service)
from ghnt_desktop.ui.zelfscan.comparison_view import TeamComparisonDialog
from ghnt_desktop.ui.zelfscan.exchange import ExportDialog, import_scan
from ghnt_desktop.ui.zelfscan.new_scan_dialog import NewScanDialog
from ghnt_desktop.ui.zelfscan.scan_view import ScanView

SCAN_COLUMNS = ["Team of gemeente", "Soort", "Gemeenten", "Peildatum", "Versie", "Status", "Voortgang",
                "Kwaliteitskader", "Herkomst"]
CATALOG_COLUMNS = ["Naam", "Id", "Versie", "Tekst", "Voor nieuwe scans", "Ingelezen op", "Zelfscans"]


def ingelezen_op(moment) -> str:
    """When a catalogue was read, in the app's date format (and the time), or "Meegeleverd"."""
    if moment is None:
        return "Meegeleverd"
    local = moment.astimezone()
    return f"{datum(local.date())} {local:%H:%M}"


class ZelfscanPage(QWidget):
    """The overview and the opened scan scroll inside; the page itself asks only for its minimum size."""

    def __init__(self, ws, parent=None, *, svc=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.svc = svc if svc is not None else zelfscan_service()
        self.scan_view: ScanView | None = None
        self.dialog: QWidget | None = None  # the dialog open right now (for tests)
        self.last_dialog: QWidget | None = None
        self.can_see_scans = may_see_scans(ws)
        self.can_manage_catalog = may(ws, Actie.CATALOGUS_BEHEREN)
        self.can_exchange = may(ws, Actie.ZELFSCAN_UITWISSELEN)
        self.setAccessibleName("Zelfscan")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.stack = CurrentStack()
        outer.addWidget(self.stack)
        self.overview = self._build_overview()
        self.stack.addWidget(self.overview)
        self.refresh()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt name)
        return False  # see ScanView.hasHeightForWidth: the screens scroll inside, not as a whole

    # --- overview ---------------------------------------------------------------------------------
    def _build_overview(self) -> QWidget:
        """The overview scrolls as a whole at a large text size; the list of scans keeps at least six rows."""
        w = QWidget()
        lay = QVBoxLayout(w)
        title = QLabel("<h2>Zelfscan Werken aan Veiligheid</h2>")
        lay.addWidget(title)
        intro = QLabel("Met de zelfscan kijkt een team samen hoe het werkt volgens het kwaliteitskader "
                       "Werken aan Veiligheid. Per standaard kies je een antwoord en schrijf je op waarom. "
                       "Daarna zie je per thema hoe het team ervoor staat en wat de verbeterpunten zijn.")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.catalog_notice = CatalogNotice(prefix="Nieuwe zelfscans gebruiken")
        lay.addWidget(self.catalog_notice)

        # scans
        self.scan_box = QWidget()
        sl = QVBoxLayout(self.scan_box)
        sl.setContentsMargins(0, 0, 0, 0)
        filters = FlowLayout()
        self.team_filter = QComboBox()
        self.team_filter.setAccessibleName("Toon zelfscans van team")
        self.gemeente_filter = QComboBox()
        self.gemeente_filter.setAccessibleName("Toon zelfscans over gemeente")
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Toon zelfscans met status")
        self.status_filter.addItem("Alle statussen", None)
        for st in ScanStatus:
            self.status_filter.addItem(st.label, st.value)
        for text, combo, chars in (("Tea&m:", self.team_filter, 24), ("&Gemeente:", self.gemeente_filter, 16),
                                   ("&Status:", self.status_filter, 12)):
            # a long team name does not make the page wider than the screen (the list shows it in full)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(chars)
            pair = QWidget()
            pl = QHBoxLayout(pair)
            pl.setContentsMargins(0, 0, 0, 0)
            label = QLabel(text)
            label.setBuddy(combo)
            pl.addWidget(label)
            pl.addWidget(combo, 1)
            filters.addWidget(pair)
            combo.currentIndexChanged.connect(self.refresh_scans)
        sl.addLayout(filters)
        # names and gemeenten wrap (never cut off); the other columns fit their content
        self.scan_table = FitTable("Zelfscans per team en gemeente (Enter opent de gekozen zelfscan)", SCAN_COLUMNS,
                                   min_rows=6, wrap={0: 14, 2: 12, 7: 10, 8: 9})
        self.scan_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.scan_table.activated.connect(lambda _i: self.open_selected())
        self.scan_table.itemSelectionChanged.connect(self._update_buttons)
        sl.addWidget(self.scan_table, 1)
        self.empty_label = MessageLabel("Melding")
        sl.addWidget(self.empty_label)
        buttons = FlowLayout()
        self.new_button = self._button("&Nieuwe zelfscan…", "Een nieuwe zelfscan beginnen", self.ask_new_scan,
                                       buttons)
        self.open_button = self._button("&Openen", "De gekozen zelfscan openen", self.open_selected, buttons)
        self.export_button = self._button("E&xporteren…", "De gekozen zelfscan naar een bestand schrijven",
                                          self.ask_export, buttons)
        self.import_button = self._button("&Importeren…", "Een zelfscan-bestand inlezen", self.ask_import, buttons)
        self.compare_button = self._button("&Teams vergelijken…", "De teams van één gemeente vergelijken",
                                           self.ask_team_comparison, buttons)
        sl.addLayout(buttons)
        self.export_button.setVisible(self.can_exchange)
        self.import_button.setVisible(self.can_exchange)
        lay.addWidget(self.scan_box, 1)
        self.scan_box.setVisible(self.can_see_scans)
        if not self.can_see_scans:
            note = QLabel("Met jouw rol zie je geen zelfscans. Je kunt hier wel het kwaliteitskader beheren.")
            note.setWordWrap(True)
            lay.addWidget(note)

        # catalogues: every version in full (the page scrolls, the table does not)
        self.catalog_box = QWidget()
        cl = QVBoxLayout(self.catalog_box)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(QLabel("<h3>Kwaliteitskaders in deze werkruimte</h3>"))
        self.catalog_table = FitTable("Kwaliteitskaders", CATALOG_COLUMNS)
        cl.addWidget(self.catalog_table)
        cb = QHBoxLayout()
        self.catalog_import_button = self._button("&Catalogus inlezen…", "Een nieuw of herzien kwaliteitskader "
                                                  "inlezen", self.ask_import_catalog, cb)
        cb.addStretch(1)
        cl.addLayout(cb)
        lay.addWidget(self.catalog_box)
        self.catalog_box.setVisible(self.can_manage_catalog)
        lay.addStretch(0 if self.can_see_scans else 1)
        instant_mnemonics(w)
        return scroll_page(w)

    def _button(self, text: str, description: str, slot, layout) -> QPushButton:
        b = QPushButton(text)
        b.setAccessibleDescription(description)  # the name stays the visible text (WCAG 2.5.3)
        b.clicked.connect(slot)
        layout.addWidget(b)
        return b

    # --- data -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        try:
            self.catalog_notice.set_catalog(self.svc.nieuwste_catalogus(self.ws))
        except UserError as exc:
            self.catalog_notice.set_problem(str(exc))
        if self.can_manage_catalog:
            self.refresh_catalogs()
        if self.can_see_scans:
            self._fill_filters()
            self.refresh_scans()

    def _fill_filters(self) -> None:
        try:
            teams = self.svc.teams(self.ws)
        except UserError as exc:
            self.empty_label.setText(str(exc))
            teams = []
        self.teams = teams
        try:
            self.scan_gemeenten = self.svc.gemeenten_voor_gemeentescan(self.ws)
        except UserError:
            self.scan_gemeenten = []
        keep_team, keep_gem = self.team_filter.currentData(), self.gemeente_filter.currentData()
        for combo in (self.team_filter, self.gemeente_filter):
            combo.blockSignals(True)
            combo.clear()
        self.team_filter.addItem("Alle teams", None)
        gemeenten: dict[str, str] = {}
        for t in teams:
            self.team_filter.addItem(f"{t.naam} ({team_type_label(t.type)})", t.id)
            gemeenten.update(dict(t.gemeenten))
        gemeenten.update(dict(self.scan_gemeenten))
        self.gemeente_filter.addItem("Alle gemeenten", None)
        for code, naam in sorted(gemeenten.items(), key=lambda g: g[1].casefold()):
            self.gemeente_filter.addItem(naam, code)
        for combo, keep in ((self.team_filter, keep_team), (self.gemeente_filter, keep_gem)):
            i = combo.findData(keep)
            combo.setCurrentIndex(max(0, i))
            combo.blockSignals(False)
        self.new_button.setEnabled(bool(teams) or bool(self.scan_gemeenten))

    def refresh_scans(self) -> None:
        selected = self.selected_scan_id()
        try:
            self.scans = self.svc.scans(self.ws, team_id=self.team_filter.currentData(),
                                        gemeente_code=self.gemeente_filter.currentData(),
                                        status=ScanStatus(self.status_filter.currentData()) if self.status_filter.currentData() else None)
        except UserError as exc:
            self.scans = []
            show_error(self, exc)
        t = self.scan_table
        t.setRowCount(len(self.scans))
        for r, s in enumerate(self.scans):
            v = s.voortgang
            naam = s.team_naam if s.team_actief else f"{s.team_naam} (gearchiveerd)"
            soort = "Gemeente" if s.is_gemeentescan else team_type_label(s.team_type)
            values = [naam, soort, gemeenten_text(s.gemeenten), datum(s.peildatum),
                      str(s.versie), s.status.label, f"{v.beantwoord} van {v.totaal}", s.catalogus_versie,
                      "Ingelezen" if s.geimporteerd else "Eigen werkruimte"]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, s.id)
                t.setItem(r, c, item)
        t.refit()
        if self.scans:
            self.empty_label.setText("")
            row = next((i for i, s in enumerate(self.scans) if s.id == selected), 0)
            t.setCurrentCell(row, 0)
        elif self.team_filter.currentData() is not None or self.gemeente_filter.currentData() is not None \
                or self.status_filter.currentData() is not None:
            self.empty_label.setText("Er zijn geen zelfscans die bij deze keuze passen.")
        else:
            self.empty_label.setText(self.empty_text())
        self._update_buttons()

    def empty_text(self) -> str:
        """What to do when there are no scans yet; says what is missing when no new scan can be made."""
        gemeente_tip = "Je kunt wel een zelfscan voor de gemeente maken: kies 'Nieuwe zelfscan'."
        if getattr(self, "teams", None):
            return "Er zijn nog geen zelfscans. Kies 'Nieuwe zelfscan' om te beginnen."
        if may(self.ws, Actie.ZELFSCAN_ALLE):
            tekst = "Er zijn nog geen teams. Vraag de beheerder om teams te maken (Beheer › Teams)."
            return f"{tekst} {gemeente_tip}" if getattr(self, "scan_gemeenten", None) else tekst
        return "Je hoort bij geen enkel team. Vraag de beheerder om je aan een team te koppelen."

    def refresh_catalogs(self) -> None:
        try:
            infos = self.svc.catalogi(self.ws)
        except UserError as exc:
            show_error(self, exc)
            return
        t = self.catalog_table
        t.setRowCount(len(infos))
        for r, c in enumerate(infos):
            values = [c.naam, c.id, c.versie, "Officiële tekst" if c.officieel else "Werkversie (niet officieel)",
                      "Ja" if c.actief else "Nee",
                      ingelezen_op(c.geimporteerd_op), str(getattr(c, "aantal_scans", ""))]
            for col, value in enumerate(values):
                t.setItem(r, col, QTableWidgetItem(value))
        t.refit()

    def selected_scan_id(self) -> int | None:
        item = self.scan_table.item(self.scan_table.currentRow(), 0) if self.scan_table.rowCount() else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def selected_info(self):
        sid = self.selected_scan_id()
        return next((s for s in getattr(self, "scans", []) if s.id == sid), None)

    def _update_buttons(self) -> None:
        info = self.selected_info()
        self.open_button.setEnabled(info is not None)
        self.export_button.setEnabled(info is not None and info.status is ScanStatus.VASTGESTELD)
        self.export_button.setToolTip("" if self.export_button.isEnabled()
                                      else "Alleen een vastgestelde zelfscan kun je exporteren.")

    # --- actions --------------------------------------------------------------------------------
    def ask_new_scan(self) -> None:
        try:
            dlg = NewScanDialog(self.ws, self.svc, self, team_id=self.team_filter.currentData(),
                                voor_gemeente=not getattr(self, "teams", None))
        except UserError as exc:
            show_error(self, exc)
            return
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            self.refresh_scans()
            if dlg.scan_id is not None:
                self.open_scan(dlg.scan_id)

        dlg.accepted.connect(accepted)
        dlg.finished.connect(self._dialog_closed)
        self.dialog = dlg
        dlg.open()

    def _dialog_closed(self, _result=None) -> None:
        """Give the keyboard back to the main window (not every platform does that by itself)."""
        self.dialog = None
        win = self.window()
        QTimer.singleShot(0, win.activateWindow)

    def open_selected(self) -> None:
        sid = self.selected_scan_id()
        if sid is not None:
            self.open_scan(sid)

    def open_scan(self, scan_id: int, *, tab: int | None = None, index: int | None = None) -> ScanView | None:
        try:
            view = ScanView(self.ws, self.svc, scan_id)
        except UserError as exc:
            show_error(self, exc)
            return None
        old = self.scan_view
        self.scan_view = view
        view.back_requested.connect(self.show_overview)
        view.open_requested.connect(self._reopen_scan)
        view.changed.connect(self.refresh_scans)
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        if tab is not None:
            view.tabs.setCurrentIndex(tab)
        if index is not None:
            view.answer_view.go_to(index)
        target = view.answer_view.standard_list if view.tabs.currentIndex() == 0 else view.tabs.tabBar()
        target.setFocus()
        self._dispose(old)
        return view

    def _reopen_scan(self, scan_id: int) -> None:
        old = self.scan_view
        tab = old.tabs.currentIndex() if old else None
        index = old.answer_view.index if old else None
        self.open_scan(scan_id, tab=tab, index=index)

    def _close_scan_view(self) -> None:
        view, self.scan_view = self.scan_view, None
        self._dispose(view)

    def _dispose(self, view: ScanView | None) -> None:
        if view is None:
            return
        view.flush()
        if view.presenting:
            view.toggle_presentation()
        self.stack.removeWidget(view)
        view.deleteLater()

    def show_overview(self) -> None:
        self._close_scan_view()
        self.stack.setCurrentWidget(self.overview)
        self.refresh()
        self.scan_table.setFocus() if self.can_see_scans else self.catalog_import_button.setFocus()

    def ask_export(self) -> None:
        info = self.selected_info()
        if info is None or info.status is not ScanStatus.VASTGESTELD:
            return
        dlg = ExportDialog(self.ws, self.svc, info, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.finished.connect(self._dialog_closed)
        self.dialog = dlg
        dlg.open()

    def ask_import(self, path: str | None = None) -> int | None:
        scan_id = import_scan(self, self.ws, self.svc, path or None, on_imported=lambda _sid: self.refresh())
        if scan_id is not None:
            self.refresh()
        return scan_id

    def ask_import_catalog(self, path: str | None = None):
        info = import_catalog(self, self.ws, self.svc, path or None)
        if info is not None:
            self.refresh()
        return info

    def ask_team_comparison(self) -> None:
        dlg = TeamComparisonDialog(self.ws, self.svc, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.finished.connect(self._dialog_closed)
        self.dialog = dlg
        dlg.open()

    # --- lock hooks (called by the main window) ---------------------------------------------------
    def save_all(self) -> None:
        """Flush the autosave now (a zelfscan holds no client data, but nothing typed may be lost)."""
        if self.scan_view is not None:
            self.scan_view.flush()

    def clear_for_lock(self) -> None:
        self.save_all()
        if self.scan_view is not None and self.scan_view.presenting:
            self.scan_view.toggle_presentation()

    def restore_after_unlock(self) -> None:
        if self.scan_view is None:
            self.refresh()
