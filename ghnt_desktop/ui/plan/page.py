"""Plan van aanpak screen: choose a gemeente, then work on its plan in tabs.

Tabs: Overzicht (details, status, overdue actions), Zelfscans (which scans the plan builds on),
Verbeterpunten (ranked; "Maak actie"), Acties (table + editor), Teksten (section texts) and
Voorbeeld (the PDF, "Opslaan als…", "Afdrukken…"). A vastgesteld version is read-only; "Nieuwe versie
maken" starts a concept copied from it. All rules live in ``services.plan``; this screen only shows them.
"""
from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton,
                               QSplitter, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from ghnt_desktop.domain.plan import ACTIESTATUS_LABELS, ActieStatus, PlanStatus, is_te_laat
from ghnt_desktop.domain.roles import Actie, mag
from ghnt_desktop.ui.plan.common import (ErrorLabel, OptionalDate, date_edit, datum_kort, datum_lang, from_qdate,
                                         service, to_qdate)
from ghnt_desktop.ui.plan.dialogs import ActieDialog, NieuwPlanDialog, VaststellenDialog, checked_ids, fill_scan_list

ROOD = QColor("#b00020")
DOELGROEP_LABELS = {"gemeente": "Gemeente", "lokaal_team": "Lokaal team"}
PRIO_LABELS = {"hoog": "Hoog", "midden": "Midden", "laag": "Laag", None: "Geen"}


def _item(text: str, data=None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


def _table(headers: list[str], naam: str) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setAccessibleName(naam)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setWordWrap(True)
    t.verticalHeader().setVisible(False)
    return t


class PlanPage(QWidget):
    def __init__(self, ws, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.plan = None  # PlanRij of the version shown
        self.acties: list = []
        self.punten: list = []
        self.secties: list = []
        self.standaard_opties: list = []
        self.profiel = None  # the regiovisie profile: actielijnen and numbering of the actions
        self.nummers: dict[int, str] = {}
        self.nieuw_dialog = None
        self.actie_dialog = None
        self.vaststellen_dialog = None
        self._sectie_code: str | None = None
        self._sectie_dirty = False
        self._loading = False
        self._scan_sleutel = None
        self.beschikbare_scans: list = []
        self.may_change = mag(ws.session.rollen, Actie.PLAN_WIJZIGEN)
        self.may_adopt = mag(ws.session.rollen, Actie.PLAN_VASTSTELLEN)

        lay = QVBoxLayout(self)
        kop = QHBoxLayout()
        titel = QLabel("<h2>Plan van aanpak</h2>")
        kop.addWidget(titel)
        kop.addStretch(1)
        kop.addWidget(QLabel("&Gemeente:"))
        self.gemeente_combo = QComboBox()
        self.gemeente_combo.setAccessibleName("Gemeente")
        for code, naam in ws.gemeenten():
            self.gemeente_combo.addItem(f"{naam} ({code})", code)
        kop.itemAt(kop.count() - 1).widget().setBuddy(self.gemeente_combo)
        kop.addWidget(self.gemeente_combo)
        kop.addWidget(QLabel("&Versie:"))
        self.plan_combo = QComboBox()
        self.plan_combo.setAccessibleName("Plan en versie")
        self.plan_combo.setMinimumWidth(260)
        kop.itemAt(kop.count() - 1).widget().setBuddy(self.plan_combo)
        kop.addWidget(self.plan_combo)
        self.new_plan_button = QPushButton("&Nieuw plan…")
        self.new_plan_button.setEnabled(self.may_change)
        self.new_plan_button.clicked.connect(self.open_new_plan)
        kop.addWidget(self.new_plan_button)
        lay.addLayout(kop)

        self.status_label = QLabel("")
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName("Status van het plan")
        lay.addWidget(self.status_label)
        self.error = ErrorLabel()
        lay.addWidget(self.error)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Onderdelen van het plan")
        self.tabs.addTab(self._make_overview(), "&Overzicht")
        self.tabs.addTab(self._make_scans(), "&Zelfscans")
        self.tabs.addTab(self._make_points(), "Ver&beterpunten")
        self.tabs.addTab(self._make_actions(), "A&cties")
        self.tabs.addTab(self._make_sections(), "&Teksten")
        from ghnt_desktop.ui.plan.preview import PreviewTab

        self.preview = PreviewTab(ws)
        self.tabs.addTab(self.preview, "Voor&beeld en afdrukken")
        self.tabs.currentChanged.connect(self._tab_changed)
        lay.addWidget(self.tabs, 1)

        self._select_start_gemeente()
        self.gemeente_combo.currentIndexChanged.connect(self._gemeente_changed)
        self.plan_combo.currentIndexChanged.connect(self._plan_changed)
        self._gemeente_changed()

    # ------------------------------------------------------------------ building the tabs
    def _make_overview(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        form = QFormLayout()
        self.titel_edit = QLineEdit()
        self.titel_edit.setAccessibleName("Titel van het plan")
        form.addRow("T&itel:", self.titel_edit)
        periode_w = QWidget()
        periode = QHBoxLayout(periode_w)
        periode.setContentsMargins(0, 0, 0, 0)
        self.van_edit = date_edit(naam="Begin van de periode")
        self.tot_edit = date_edit(naam="Einde van de periode")
        periode.addWidget(self.van_edit)
        periode.addWidget(QLabel("tot en met"))
        periode.addWidget(self.tot_edit)
        periode.addStretch(1)
        form.addRow("&Periode:", periode_w)
        form.labelForField(periode_w).setBuddy(self.van_edit)
        self.volgende_edit = OptionalDate("Datum")
        form.addRow("Volgende &zelfscan:", self.volgende_edit)
        self.datalab_check = QCheckBox("Cijfers van de meldcode in het plan (datalab; kleine aantallen als <5)")
        self.datalab_check.setAccessibleName("Datalab-cijfers in het plan")
        self.datalab_check.setEnabled(mag(self.ws.session.rollen, Actie.CIJFERS_INZIEN))
        form.addRow("", self.datalab_check)
        lay.addLayout(form)
        knoppen = QHBoxLayout()
        self.save_plan_button = QPushButton("Gegevens op&slaan")
        self.save_plan_button.clicked.connect(self.save_plan_details)
        self.vaststellen_button = QPushButton("&Vaststellen…")
        self.vaststellen_button.clicked.connect(self.open_vaststellen)
        self.nieuwe_versie_button = QPushButton("Nieuwe versie &maken")
        self.nieuwe_versie_button.clicked.connect(self.make_new_version)
        for b in (self.save_plan_button, self.vaststellen_button, self.nieuwe_versie_button):
            knoppen.addWidget(b)
        knoppen.addStretch(1)
        lay.addLayout(knoppen)
        self.counts_label = QLabel("")
        self.counts_label.setWordWrap(True)
        self.counts_label.setAccessibleName("Aantal acties per status")
        lay.addWidget(self.counts_label)
        self.te_laat_label = QLabel("")
        self.te_laat_label.setAccessibleName("Acties die te laat zijn")
        lay.addWidget(self.te_laat_label)
        self.te_laat_list = QListWidget()
        self.te_laat_list.setAccessibleName("Lijst van acties die te laat zijn")
        self.te_laat_list.itemActivated.connect(self._open_late_action)
        lay.addWidget(self.te_laat_list, 1)
        return w

    def _make_scans(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        uitleg = QLabel("Kies op welke vastgestelde zelfscans het plan bouwt: één per team. Standaard is dat de "
                        "laatste vastgestelde zelfscan van elk team dat voor deze gemeente werkt.")
        uitleg.setWordWrap(True)
        lay.addWidget(uitleg)
        self.scan_list = QListWidget()
        self.scan_list.setAccessibleName("Zelfscans voor het plan")
        lay.addWidget(self.scan_list, 1)
        rij = QHBoxLayout()
        self.scans_save_button = QPushButton("Keuze op&slaan")
        self.scans_save_button.clicked.connect(self.save_scans)
        rij.addWidget(self.scans_save_button)
        rij.addStretch(1)
        lay.addLayout(rij)
        return w

    def _make_points(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        uitleg = QLabel("De verbeterpunten uit de zelfscans, de belangrijkste bovenaan. De volgorde: eerst de "
                        "hoogste prioriteit die een team gaf, dan het aantal teams dat het punt noemt, dan punten "
                        "voor de gemeente. Kies een punt en klik op 'Maak actie'.")
        uitleg.setWordWrap(True)
        lay.addWidget(uitleg)
        self.vp_table = _table(["Nr", "Standaard", "Thema", "Voor", "Prioriteit", "Teams", "Acties",
                                "Waarom op deze plek"], "Verbeterpunten, belangrijkste eerst")
        self.vp_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.vp_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.vp_table.itemActivated.connect(lambda _item: self.make_action_from_point())
        lay.addWidget(self.vp_table, 1)
        rij = QHBoxLayout()
        self.maak_actie_button = QPushButton("&Maak actie")
        self.maak_actie_button.clicked.connect(self.make_action_from_point)
        rij.addWidget(self.maak_actie_button)
        rij.addStretch(1)
        lay.addLayout(rij)
        return w

    def _make_actions(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        self.acties_table = _table(["Nr", "Actie", "Standaarden", "Trekker", "Deadline", "Status", "Actielijn"],
                                   "Acties")
        hh = self.acties_table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.acties_table.itemActivated.connect(lambda _item: self.edit_action())
        lay.addWidget(self.acties_table, 1)
        rij = QHBoxLayout()
        self.add_action_button = QPushButton("Actie &toevoegen…")
        self.add_action_button.clicked.connect(lambda: self.open_action_dialog())
        self.edit_action_button = QPushButton("Actie &wijzigen…")
        self.edit_action_button.clicked.connect(self.edit_action)
        self.delete_action_button = QPushButton("Actie ve&rwijderen")
        self.delete_action_button.clicked.connect(self.delete_action)
        for b in (self.add_action_button, self.edit_action_button, self.delete_action_button):
            rij.addWidget(b)
        rij.addStretch(1)
        lay.addLayout(rij)
        return w

    def _make_sections(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        uitleg = QLabel("Pas de teksten van het plan aan. In de tekst mag je {gemeente}, {jaar} en "
                        "{volgende_zelfscan} laten staan: de app vult die bij het afdrukken in.")
        uitleg.setWordWrap(True)
        lay.addWidget(uitleg)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.sectie_list = QListWidget()
        self.sectie_list.setAccessibleName("Onderdelen van de tekst")
        self.sectie_list.currentRowChanged.connect(self._sectie_changed)
        split.addWidget(self.sectie_list)
        rechts = QWidget()
        rlay = QVBoxLayout(rechts)
        rlay.setContentsMargins(0, 0, 0, 0)
        self.sectie_edit = QPlainTextEdit()
        self.sectie_edit.setAccessibleName("Tekst van dit onderdeel")
        self.sectie_edit.textChanged.connect(self._sectie_text_changed)
        rlay.addWidget(self.sectie_edit, 1)
        knoppen = QHBoxLayout()
        self.sectie_save_button = QPushButton("Tekst op&slaan")
        self.sectie_save_button.clicked.connect(self.save_section)
        self.sectie_reset_button = QPushButton("Standaardtekst &terugzetten")
        self.sectie_reset_button.clicked.connect(self.reset_section)
        knoppen.addWidget(self.sectie_save_button)
        knoppen.addWidget(self.sectie_reset_button)
        knoppen.addStretch(1)
        rlay.addLayout(knoppen)
        split.addWidget(rechts)
        split.setStretchFactor(1, 1)
        lay.addWidget(split, 1)
        return w

    # ------------------------------------------------------------------ loading
    def _select_start_gemeente(self) -> None:
        """Start with the gemeente of the most recent plan (else the first gemeente of the workspace)."""
        try:
            plannen = service().plannen(self.ws)
        except Exception:  # noqa: BLE001 - shown when the plans are loaded
            return
        if plannen:
            laatste = max(plannen, key=lambda p: p.gewijzigd_op)
            i = self.gemeente_combo.findData(laatste.gemeente_code)
            if i >= 0:
                self.gemeente_combo.setCurrentIndex(i)

    @property
    def gemeente_code(self) -> str | None:
        return self.gemeente_combo.currentData()

    @property
    def plan_id(self) -> int | None:
        return self.plan.id if self.plan is not None else None

    def _gemeente_changed(self, *_args) -> None:
        self.save_all()
        self.load_plans()

    def load_plans(self, select_id: int | None = None) -> None:
        """Fill the version chooser for the current gemeente and show ``select_id`` (default: the newest)."""
        self.error.clear_error()
        self._scan_sleutel = None  # read the zelfscans again (one may have been vastgesteld meanwhile)
        ps = service()
        self._loading = True
        self.plan_combo.clear()
        try:
            code = self.gemeente_code
            if code is not None:
                for p in ps.plannen(self.ws, code):
                    for v in ps.versies(self.ws, p.id):
                        self.plan_combo.addItem(
                            f"{p.periode_van.year} – versie {v.versie} ({v.status.label.lower()})", v.id)
        except Exception as exc:  # noqa: BLE001
            self.error.show_error(exc)
        finally:
            self._loading = False
        index = self.plan_combo.findData(select_id) if select_id is not None else 0
        self.plan_combo.setCurrentIndex(max(index, 0) if self.plan_combo.count() else -1)
        self._plan_changed()

    def _plan_changed(self, *_args) -> None:
        if self._loading:
            return
        self.save_all()
        plan_id = self.plan_combo.currentData()
        self.show_plan(plan_id)

    def show_plan(self, plan_id: int | None) -> None:
        ps = service()
        self.error.clear_error()
        self.plan = None
        if plan_id is not None:
            try:
                self.plan = ps.plan(self.ws, plan_id)
            except Exception as exc:  # noqa: BLE001
                self.error.show_error(exc)
        self.preview.set_plan(self.plan_id)
        self.reload()

    def reload(self) -> None:
        """Read everything of the current plan again and fill all tabs."""
        ps = service()
        self._sectie_dirty = False
        if self.plan is None:
            naam = self.gemeente_combo.currentText()
            self.status_label.setText(f"Er is nog geen plan van aanpak voor {html.escape(naam)}. "
                                      "Klik op 'Nieuw plan…' om er een te maken.")
            self.tabs.setEnabled(False)
            self.acties, self.punten, self.secties, self.standaard_opties = [], [], [], []
            self.nummers = {}
            self._fill_all()
            return
        self.tabs.setEnabled(True)
        try:
            self.plan = ps.plan(self.ws, self.plan.id)
            self.acties = ps.acties(self.ws, self.plan.id)
            self._nummer_profiel()
            sleutel = (self.plan.gemeente_code, self.plan.scan_ids)
            if sleutel != self._scan_sleutel:  # scan data only change with the choice of scans
                self.punten = ps.verbeterpunten(self.ws, self.plan.id)
                self.standaard_opties = ps.standaarden(self.ws, self.plan.id)
                self.beschikbare_scans = ps.beschikbare_scans(self.ws, self.plan.gemeente_code)
                self._scan_sleutel = sleutel
            self.secties = ps.secties(self.ws, self.plan.id)
        except Exception as exc:  # noqa: BLE001
            self.error.show_error(exc)
            return
        self._fill_all()
        self.preview.mark_stale()
        if self.tabs.currentWidget() is self.preview:
            self.preview.ensure_fresh()

    def _nummer_profiel(self) -> None:
        """The regiovisie profile (lines, numbering) as it is now; the beheerder may change it."""
        from ghnt_desktop.domain.regiovisie import actienummers

        self.profiel = service().regiovisie(self.ws)
        self.nummers = actienummers(self.profiel, self.acties)

    def _nummer(self, a) -> str:
        return self.nummers.get(a.id, str(a.nummer))

    def _fill_all(self) -> None:
        self._fill_status()
        self._fill_overview()
        self._fill_scans()
        self._fill_points()
        self._fill_actions()
        self._fill_sections()
        self._apply_editable()

    @property
    def editable(self) -> bool:
        return self.plan is not None and self.plan.status is PlanStatus.CONCEPT and self.may_change

    def _apply_editable(self) -> None:
        e = self.editable
        for w in (self.titel_edit, self.van_edit, self.tot_edit, self.volgende_edit, self.save_plan_button,
                  self.scan_list, self.scans_save_button, self.maak_actie_button, self.add_action_button,
                  self.delete_action_button, self.sectie_save_button, self.sectie_reset_button):
            w.setEnabled(e)
        self.datalab_check.setEnabled(e and mag(self.ws.session.rollen, Actie.CIJFERS_INZIEN))
        self.sectie_edit.setReadOnly(not e)
        self.edit_action_button.setText("Actie &wijzigen…" if e else "Actie &bekijken…")
        self.edit_action_button.setEnabled(self.plan is not None)
        vast = self.plan is not None and self.plan.status is PlanStatus.VASTGESTELD
        self.vaststellen_button.setVisible(not vast)
        self.vaststellen_button.setEnabled(e and self.may_adopt)
        self.nieuwe_versie_button.setVisible(vast)
        self.nieuwe_versie_button.setEnabled(vast and self.may_change)

    def _fill_status(self) -> None:
        p = self.plan
        if p is None:
            return
        if p.status is PlanStatus.VASTGESTELD:
            status = (f"<b>Vastgesteld</b> op {datum_lang(p.vastgesteld_op)} door {html.escape(p.vastgesteld_door)}. "
                      "Deze versie kan niet meer veranderen. Wil je iets aanpassen? Klik op 'Nieuwe versie maken'.")
        else:
            status = "<b>Concept</b>. Je kunt alles nog aanpassen."
        self.status_label.setText(f"<b>{html.escape(p.titel)}</b><br>Versie {p.versie} – {status}")

    def _fill_overview(self) -> None:
        p = self.plan
        if p is None:
            self.titel_edit.clear()
            self.counts_label.clear()
            self.te_laat_label.clear()
            self.te_laat_list.clear()
            return
        self.titel_edit.setText(p.titel)
        self.van_edit.setDate(to_qdate(p.periode_van))
        self.tot_edit.setDate(to_qdate(p.periode_tot))
        self.volgende_edit.set_value(p.volgende_zelfscan)
        self.datalab_check.setChecked(p.datalab)
        from ghnt_desktop.domain.plan import overzicht

        o = overzicht(self.acties, date.today())
        delen = [f"{o.per_status[s]} {ACTIESTATUS_LABELS[s].lower()}" for s in ActieStatus]
        self.counts_label.setText(f"<b>{o.totaal} acties</b>: " + ", ".join(delen) + ".")
        if o.aantal_te_laat:
            self.te_laat_label.setText(f"<b style='color:#b00020'>Te laat: {o.aantal_te_laat} "
                                       f"{'actie' if o.aantal_te_laat == 1 else 'acties'}</b> "
                                       "(deadline voorbij, nog niet klaar)")
        else:
            self.te_laat_label.setText("Er zijn geen acties te laat.")
        self.te_laat_list.clear()
        for a in o.te_laat:
            item = QListWidgetItem(f"{self._nummer(a)}. {a.omschrijving.splitlines()[0] if a.omschrijving else ''} – "
                                   f"deadline {datum_kort(a.deadline)} – {a.eigenaar or 'geen trekker'}")
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            item.setForeground(QBrush(ROOD))
            self.te_laat_list.addItem(item)

    def _fill_scans(self) -> None:
        if self.plan is None:
            self.scan_list.clear()
            return
        fill_scan_list(self.scan_list, self.beschikbare_scans, set(self.plan.scan_ids))

    def _fill_points(self) -> None:
        self.vp_table.setRowCount(len(self.punten))
        for r, p in enumerate(self.punten):
            nummers = [self._nummer(a) for a in self.acties if p.standaard_id in a.standaard_ids]
            waarden = [str(p.rang), f"{p.standaard_id} {p.standaard_titel}", p.thema,
                       DOELGROEP_LABELS.get(p.doelgroep, p.doelgroep), PRIO_LABELS.get(p.hoogste_prioriteit, ""),
                       ", ".join(p.teams), ", ".join(nummers) or "nog geen", p.reden]
            for c, v in enumerate(waarden):
                self.vp_table.setItem(r, c, _item(v, p.standaard_id if c == 0 else None))
        self.vp_table.resizeRowsToContents()

    def _fill_actions(self) -> None:
        vandaag = date.today()
        self.acties_table.setRowCount(len(self.acties))
        bold = QFont()
        bold.setBold(True)
        for r, a in enumerate(self.acties):
            laat = is_te_laat(a, vandaag)
            status = ACTIESTATUS_LABELS[a.status] + (" – te laat" if laat else "")
            waarden = [self._nummer(a), a.omschrijving, ", ".join(a.standaard_ids), a.eigenaar,
                       datum_kort(a.deadline), status,
                       self.profiel.label(a.actielijn) if self.profiel is not None else (a.actielijn or "")]
            for c, v in enumerate(waarden):
                item = _item(v, a.id if c == 0 else None)
                if laat and c in (4, 5):
                    item.setForeground(QBrush(ROOD))
                    item.setFont(bold)
                self.acties_table.setItem(r, c, item)
        self.acties_table.resizeRowsToContents()

    def _fill_sections(self) -> None:
        huidige = self._sectie_code
        self._loading = True
        self.sectie_list.clear()
        for s in self.secties:
            item = QListWidgetItem(("    " if s.niveau == 2 else "") + s.titel)
            item.setData(Qt.ItemDataRole.UserRole, s.code)
            self.sectie_list.addItem(item)
        self._loading = False
        rij = next((i for i, s in enumerate(self.secties) if s.code == huidige), 0)
        self._sectie_code = None
        if self.secties:
            self.sectie_list.setCurrentRow(rij)
            self._sectie_changed(rij)
        else:
            self.sectie_edit.clear()

    # ------------------------------------------------------------------ tab: overview
    def open_new_plan(self) -> None:
        code = self.gemeente_code
        if code is None:
            return
        naam = self.gemeente_combo.currentText().rsplit(" (", 1)[0]
        self.nieuw_dialog = NieuwPlanDialog(self.ws, code, naam, self)
        self.nieuw_dialog.accepted.connect(lambda: self.load_plans(self.nieuw_dialog.plan_id))
        self.nieuw_dialog.open()

    def save_plan_details(self) -> bool:
        if self.plan is None:
            return False
        self.error.clear_error()
        try:
            nieuw = service().wijzig_plan(
                self.ws, self.plan.id, titel=self.titel_edit.text(), periode_van=from_qdate(self.van_edit.date()),
                periode_tot=from_qdate(self.tot_edit.date()), datalab=self.datalab_check.isChecked(),
                volgende_zelfscan=self.volgende_edit.value())
        except Exception as exc:  # noqa: BLE001
            self.error.show_error(exc)
            return False
        self._after_change(nieuw)
        return True

    def _after_change(self, plan_id: int) -> None:
        """Show ``plan_id`` again (a new version when a vastgesteld plan was changed)."""
        if self.plan is None or plan_id != self.plan.id:
            self.load_plans(plan_id)
        else:
            self.reload()

    def open_vaststellen(self) -> None:
        if self.plan is None:
            return
        self.save_all()
        self.vaststellen_dialog = VaststellenDialog(self.ws, self.plan.id, self)
        self.vaststellen_dialog.accepted.connect(lambda: self.load_plans(self.plan.id))
        self.vaststellen_dialog.open()

    def make_new_version(self) -> None:
        if self.plan is None:
            return
        self.error.clear_error()
        try:
            nieuw = service().nieuwe_versie(self.ws, self.plan.id)
        except Exception as exc:  # noqa: BLE001
            self.error.show_error(exc)
            return
        self.load_plans(nieuw)

    def _open_late_action(self, item: QListWidgetItem) -> None:
        self.open_action_dialog(item.data(Qt.ItemDataRole.UserRole))

    # ------------------------------------------------------------------ tab: scans
    def save_scans(self) -> bool:
        if self.plan is None:
            return False
        self.error.clear_error()
        try:
            nieuw = service().kies_scans(self.ws, self.plan.id, checked_ids(self.scan_list))
        except Exception as exc:  # noqa: BLE001
            self.error.show_error(exc)
            return False
        self._after_change(nieuw)
        return True

    # ------------------------------------------------------------------ tab: verbeterpunten and actions
    def _themas(self) -> list[str]:
        return list(dict.fromkeys(s.thema for s in self.standaard_opties))

    def make_action_from_point(self) -> None:
        rij = self.vp_table.currentRow()
        if self.plan is None or not self.editable or not 0 <= rij < len(self.punten):
            return
        p = self.punten[rij]
        self.open_action_dialog(voorstel={"omschrijving": f"Verbeteren: {p.standaard_titel}",
                                          "standaard_ids": [p.standaard_id], "thema": p.thema})

    def open_action_dialog(self, actie_id: int | None = None, *, voorstel: dict | None = None) -> None:
        if self.plan is None:
            return
        actie = next((a for a in self.acties if a.id == actie_id), None) if actie_id is not None else None
        if actie_id is None and not self.editable:
            return
        dlg = ActieDialog(self.ws, self.plan.id, actie=actie, standaarden=self.standaard_opties,
                          themas=self._themas(), voorstel=voorstel, parent=self)
        if not self.editable:
            dlg.setWindowTitle("Actie bekijken")
            dlg.save_button.setEnabled(False)
            dlg.notitie_button.setEnabled(False)
        dlg.accepted.connect(self.reload)
        self.actie_dialog = dlg
        dlg.open()

    def _selected_action_id(self) -> int | None:
        rij = self.acties_table.currentRow()
        if not 0 <= rij < len(self.acties):
            return None
        return self.acties_table.item(rij, 0).data(Qt.ItemDataRole.UserRole)

    def edit_action(self) -> None:
        actie_id = self._selected_action_id()
        if actie_id is not None:
            self.open_action_dialog(actie_id)

    def delete_action(self) -> None:
        from ghnt_desktop.ui.messages import confirm

        actie_id = self._selected_action_id()
        if actie_id is None or not self.editable:
            return
        a = next(a for a in self.acties if a.id == actie_id)
        if not confirm(self, "Actie verwijderen", f"Wil je actie {self._nummer(a)} verwijderen? De voortgangsnotities "
                       "van deze actie verdwijnen ook.", yes="Verwijderen", no="Niet verwijderen"):
            return
        try:
            nieuw = service().verwijder_actie(self.ws, actie_id)
        except Exception as exc:  # noqa: BLE001
            self.error.show_error(exc)
            return
        self._after_change(nieuw)

    # ------------------------------------------------------------------ tab: sections
    def _sectie(self, code: str | None):
        return next((s for s in self.secties if s.code == code), None)

    def _sectie_changed(self, rij: int) -> None:
        if self._loading:
            return
        if self._sectie_dirty:
            self.save_section()
        item = self.sectie_list.item(rij) if rij >= 0 else None
        code = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        s = self._sectie(code)
        self._sectie_code = code
        self._loading = True
        self.sectie_edit.setPlainText(s.tekst if s else "")
        if s is not None and s.niveau == 2:
            self.sectie_edit.setPlaceholderText(
                "Schrijf hier hoe het gaat in dit thema en wat beter moet. De uitkomsten van de zelfscan "
                "zet de app er bij het afdrukken zelf bij.")
        else:
            self.sectie_edit.setPlaceholderText("")
        self._loading = False
        self._sectie_dirty = False
        self.sectie_reset_button.setEnabled(self.editable and s is not None and s.niveau == 1)

    def _sectie_text_changed(self) -> None:
        if not self._loading:
            self._sectie_dirty = True

    def save_section(self) -> bool:
        s = self._sectie(self._sectie_code)
        if self.plan is None or s is None or not self.editable:
            return False
        self.error.clear_error()
        try:
            nieuw = service().bewaar_sectie(self.ws, self.plan.id, s.code, self.sectie_edit.toPlainText(),
                                            titel=s.titel)
        except Exception as exc:  # noqa: BLE001
            self.error.show_error(exc)
            return False
        self._sectie_dirty = False
        self.secties = [replace_tekst(x, self.sectie_edit.toPlainText()) if x.code == s.code else x
                        for x in self.secties]
        self.preview.mark_stale()
        if nieuw != self.plan.id:
            self.load_plans(nieuw)
        return True

    def reset_section(self) -> None:
        s = self._sectie(self._sectie_code)
        if s is None or s.niveau != 1:
            return
        self.sectie_edit.setPlainText(service().standaardtekst(s.code))
        self.save_section()

    # ------------------------------------------------------------------ tab switching, lock
    def _tab_changed(self, index: int) -> None:
        if self._sectie_dirty:
            self.save_section()
        if self.tabs.widget(index) is self.preview:
            self.preview.ensure_fresh()

    def save_all(self) -> None:
        """Called before locking and closing: keep typed section text."""
        if self._sectie_dirty and self.plan is not None:
            self.save_section()

    def clear_for_lock(self) -> None:
        self.preview.clear()

    def restore_after_unlock(self) -> None:
        if self.tabs.currentWidget() is self.preview:
            self.preview.ensure_fresh()


def replace_tekst(sectie, tekst: str):
    from dataclasses import replace

    return replace(sectie, tekst=tekst)
