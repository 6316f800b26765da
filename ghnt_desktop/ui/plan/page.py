"""Plan van aanpak screen: choose a gemeente, then work on its plan in tabs.

Tabs: Overzicht (details, status, overdue actions), Zelfscans (which scans the plan builds on),
Verbeterpunten (ranked; "Maak actie"), Acties (table + editor), Teksten (section texts) and
Voorbeeld (the PDF, "Opslaan als…", "Afdrukken…"). A vastgesteld version is read-only; "Nieuwe versie
maken" starts a concept copied from it. All rules live in ``services.plan``; this screen only shows them.
"""
from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit,
                               QListWidgetItem, QPlainTextEdit, QPushButton, QScrollArea, QSplitter, QTabWidget,
                               QTextBrowser, QVBoxLayout, QWidget)

from ghnt_desktop.domain.datum import Grenzen
from ghnt_desktop.domain.plan import ACTIESTATUS_LABELS, ActieStatus, PlanStatus, is_te_laat
from ghnt_desktop.domain.roles import Actie, mag
from ghnt_desktop.ui.datum_veld import DatumVeld
from ghnt_desktop.ui.plan.common import (ErrorLabel, FitTable, FlowLayout, StatusLine, compact_date, datum,
                                         eerste_ongeldige, explain_below, herbereken, item, service)
from ghnt_desktop.ui.a11y import MessageLabel
from ghnt_desktop.ui.plan.dialogs import (ActieDialog, NieuwPlanDialog, VaststellenDialog, checked_ids,
                                          fill_scan_list, wrapping_list)

ROOD = QColor("#b00020")
DOELGROEP_LABELS = {"gemeente": "Gemeente", "lokaal_team": "Lokaal team"}
PRIO_LABELS = {"hoog": "Hoog", "midden": "Midden", "laag": "Laag", None: "Geen"}
EINDE_VOOR_BEGIN = "Het einde van de periode ligt vóór het begin. Kies een latere datum."

# Mnemonics (Alt+letter) of this page. The main window's header and menu bar use A (Acuut onveilig?),
# B (Bestand), H (Hulp), V (Vergrendelen) and W (Weergave; L if it is called "Beeld"), so this page never does;
# every letter is used once among
# what is on screen together: the header and tab titles (G R N O Z P C K D) plus the controls of one tab.
# Tabs: Overzicht, Zelfscans, Verbeterpunten, Acties, Teksten, Voorbeeld (with saving as PDF and printing).


def _scrolling(inner: QWidget, naam: str) -> QScrollArea:
    """A tab's content that scrolls when the window is small or the text large (nothing is cut off)."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields inside take focus; the area scrolls to them
    scroll.setAccessibleName(naam)
    scroll.setWidget(inner)
    return scroll


def _details_view(naam: str) -> QTextBrowser:
    """A read-only pane with everything about the chosen row: long texts in full, whatever the table shows."""
    view = QTextBrowser()
    view.setAccessibleName(naam)
    view.setTabChangesFocus(True)
    view.setOpenLinks(False)
    return view


def _details_html(titel: str, rijen: list[tuple[str, str]], lijst: tuple[str, list[str]] | None = None) -> str:
    e = html.escape
    delen = [f"<p style='margin:0 0 6px 0'>{titel}</p>"]
    delen += [f"<b>{e(k)}:</b> {e(v).replace(chr(10), '<br>')}<br>" for k, v in rijen if v]
    if lijst and lijst[1]:
        delen.append(f"<p style='margin:6px 0 0 0'><b>{e(lijst[0])}:</b></p><ul style='margin-top:0'>"
                     + "".join(f"<li>{e(x)}</li>" for x in lijst[1]) + "</ul>")
    return "".join(delen)


def _labelled(text: str, field: QWidget) -> QWidget:
    """A label and its field that stay together on one line."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    label = QLabel(text)
    label.setBuddy(field)
    row.addWidget(label)
    row.addWidget(field)
    return box


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
        kop = FlowLayout()  # one line on a wide screen, more lines at large text
        titel = QLabel("<h2>Plan van aanpak</h2>")
        kop.addWidget(titel)
        self.gemeente_combo = QComboBox()
        self.gemeente_combo.setAccessibleName("Gemeente")
        for code, naam in ws.gemeenten():
            self.gemeente_combo.addItem(f"{naam} ({code})", code)
        kop.addWidget(_labelled("&Gemeente:", self.gemeente_combo))
        self.plan_combo = QComboBox()
        self.plan_combo.setAccessibleName("Plan en versie")
        self.plan_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        kop.addWidget(_labelled("Ve&rsie:", self.plan_combo))
        self.new_plan_button = QPushButton("&Nieuw plan…")
        self.new_plan_button.setEnabled(self.may_change)
        self.new_plan_button.clicked.connect(self.open_new_plan)
        kop.addWidget(self.new_plan_button)
        lay.addLayout(kop)

        self.status_label = MessageLabel("Status van het plan")
        lay.addWidget(self.status_label)
        self.error = ErrorLabel()
        lay.addWidget(self.error)
        self.melding = StatusLine()
        lay.addWidget(self.melding)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Onderdelen van het plan")
        self.tabs.addTab(self._make_overview(), "&Overzicht")
        self.tabs.addTab(self._make_scans(), "&Zelfscans")
        self.tabs.addTab(self._make_points(), "Verbeter&punten")
        self.tabs.addTab(self._make_actions(), "A&cties")
        self.tabs.addTab(self._make_sections(), "Te&ksten")
        from ghnt_desktop.ui.plan.preview import PreviewTab

        self.preview = PreviewTab(ws)
        self.tabs.addTab(self.preview, "Voorbeel&d")
        self.tabs.setTabToolTip(self.tabs.count() - 1, "Voorbeeld van het plan, opslaan als PDF en afdrukken")
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
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.titel_edit = QLineEdit()
        self.titel_edit.setAccessibleName("Titel van het plan")
        form.addRow("&Titel:", self.titel_edit)
        self.van_edit = compact_date(DatumVeld("Begin van de periode", verplicht=True))
        form.addRow("B&egin van de periode:", self.van_edit)
        self.tot_edit = compact_date(DatumVeld("Einde van de periode", verplicht=True))
        form.addRow("E&inde van de periode:", self.tot_edit)
        self.van_edit.changed.connect(self._periode_grenzen)
        self.volgende_edit = compact_date(DatumVeld("Volgende zelfscan"))
        form.addRow("Volgende zel&fscan:", self.volgende_edit)
        lay.addLayout(form)
        self.datalab_check = QCheckBox("Cijfers van de &meldcode in het plan")
        self.datalab_check.setEnabled(mag(self.ws.session.rollen, Actie.CIJFERS_INZIEN))
        lay.addWidget(self.datalab_check)
        datalab_uitleg = explain_below(self.datalab_check, "Uit het datalab. Kleine aantallen staan er als <5.")
        lay.addWidget(datalab_uitleg)
        knoppen = QHBoxLayout()
        self.save_plan_button = QPushButton("Wi&jzigingen opslaan")
        self.save_plan_button.clicked.connect(self.save_plan_details)
        self.vaststellen_button = QPushButton("Vast&stellen…")
        self.vaststellen_button.clicked.connect(self.open_vaststellen)
        self.nieuwe_versie_button = QPushButton("Nie&uwe versie maken")
        self.nieuwe_versie_button.clicked.connect(self.make_new_version)
        for b in (self.save_plan_button, self.vaststellen_button, self.nieuwe_versie_button):
            knoppen.addWidget(b)
        knoppen.addStretch(1)
        lay.addLayout(knoppen)
        self.counts_label = QLabel("")
        self.counts_label.setWordWrap(True)
        self.counts_label.setAccessibleDescription("Aantal acties per status")
        lay.addWidget(self.counts_label)
        self.te_laat_label = QLabel("")
        self.te_laat_label.setWordWrap(True)
        self.te_laat_label.setAccessibleDescription("Acties die te laat zijn")
        lay.addWidget(self.te_laat_label)
        self.te_laat_list = wrapping_list("Lijst van acties die te laat zijn")
        self.te_laat_list.setMinimumHeight(self.te_laat_list.fontMetrics().lineSpacing() * 4)
        self.te_laat_list.itemActivated.connect(self._open_late_action)
        lay.addWidget(self.te_laat_list, 1)
        return _scrolling(w, "Overzicht van het plan")

    def _make_scans(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        uitleg = QLabel("Kies op welke vastgestelde zelfscans het plan bouwt: één per team. Standaard is dat de "
                        "laatste vastgestelde zelfscan van elk team dat voor deze gemeente werkt.")
        uitleg.setWordWrap(True)
        lay.addWidget(uitleg)
        self.scan_list = wrapping_list("Zelfscans voor het plan")
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
        uitleg = QLabel("De verbeterpunten uit de zelfscans, de belangrijkste bovenaan. Kies een punt en klik op "
                        "'Maak actie'.")
        uitleg.setToolTip("De volgorde: eerst de hoogste prioriteit die een team gaf, dan het aantal teams dat het "
                          "punt noemt, dan punten voor de gemeente. Bij elk punt staat waarom het op die plek staat.")
        uitleg.setWordWrap(True)
        lay.addWidget(uitleg)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        self.vp_table = FitTable([("Nr", 0), ("Standaard", 4), ("Thema", 1.5), ("Voor", 0), ("Prioriteit", 0),
                                  ("Teams", 1.5), ("Acties", 0), ("Waarom op deze plek", 4)],
                                 "Verbeterpunten, belangrijkste eerst", optioneel=(7, 5, 2, 3, 6))
        self.vp_table.itemActivated.connect(lambda _item: self.make_action_from_point())
        self.vp_table.currentCellChanged.connect(lambda *_a: self._show_point_details())
        split.addWidget(self.vp_table)
        self.vp_details = _details_view("Alles over het gekozen verbeterpunt")
        split.addWidget(self.vp_details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        lay.addWidget(split, 1)
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
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        self.acties_table = FitTable([("Nr", 0), ("Actie", 5), ("Standaarden", 1), ("Trekker", 2), ("Deadline", 0),
                                      ("Status", 1), ("Actielijn", 1.5)], "Acties", optioneel=(6, 2, 5))
        self.acties_table.itemActivated.connect(lambda _item: self.edit_action())
        self.acties_table.currentCellChanged.connect(lambda *_a: self._show_action_details())
        split.addWidget(self.acties_table)
        self.actie_details = _details_view("Alles over de gekozen actie")
        split.addWidget(self.actie_details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        lay.addWidget(split, 1)
        rij = QHBoxLayout()
        self.add_action_button = QPushButton("Actie &toevoegen…")
        self.add_action_button.clicked.connect(lambda: self.open_action_dialog())
        self.edit_action_button = QPushButton("Actie wi&jzigen…")
        self.edit_action_button.clicked.connect(self.edit_action)
        self.delete_action_button = QPushButton("Actie v&erwijderen")
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
        split.setChildrenCollapsible(False)
        self.sectie_list = wrapping_list("Onderdelen van de tekst")
        self.sectie_list.currentRowChanged.connect(self._sectie_changed)
        split.addWidget(self.sectie_list)
        rechts = QWidget()
        rlay = QVBoxLayout(rechts)
        rlay.setContentsMargins(0, 0, 0, 0)
        self.sectie_edit = QPlainTextEdit()
        self.sectie_edit.setAccessibleName("Tekst van dit onderdeel")
        self.sectie_edit.setTabChangesFocus(True)  # Tab moves on; the texts need no tab characters
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
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        lay.addWidget(split, 1)
        return w

    def _periode_grenzen(self) -> None:
        """The end of the period cannot lie before its begin (the reason is shown under the end)."""
        van = self.van_edit.value()
        self.tot_edit.grenzen = Grenzen(minimum=van, reden_min=EINDE_VOOR_BEGIN) if van is not None else Grenzen()
        herbereken(self.tot_edit)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.acties:
            # the bold of late actions follows the text size, once every widget has the new font
            QTimer.singleShot(0, self, self._fill_actions)

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
        self.edit_action_button.setText("Actie wi&jzigen…" if e else "Actie bek&ijken…")
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
            status = (f"<b>Vastgesteld</b> op {datum(p.vastgesteld_op)} door {html.escape(p.vastgesteld_door)}. "
                      "Deze versie kan niet meer veranderen. Wil je iets aanpassen? Klik op 'Nieuwe versie maken'.")
        else:
            status = "<b>Concept</b>. Je kunt alles nog aanpassen."
        self.status_label.setText(f"<b>{html.escape(p.titel)}</b> – versie {p.versie} – {status}")

    def _fill_overview(self) -> None:
        p = self.plan
        if p is None:
            self.titel_edit.clear()
            self.counts_label.clear()
            self.te_laat_label.clear()
            self.te_laat_list.clear()
            return
        self.titel_edit.setText(p.titel)
        self.van_edit.set_value(p.periode_van)
        self.tot_edit.set_value(p.periode_tot)
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
            it = QListWidgetItem(f"{self._nummer(a)}. {a.omschrijving.splitlines()[0] if a.omschrijving else ''} – "
                                 f"deadline {datum(a.deadline)} – {a.eigenaar or 'geen trekker'}")
            it.setData(Qt.ItemDataRole.UserRole, a.id)
            it.setForeground(QBrush(ROOD))
            self.te_laat_list.addItem(it)

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
                self.vp_table.setItem(r, c, item(v, p.standaard_id if c == 0 else None))
        self.vp_table.fit_columns()
        self._show_point_details()

    def _fill_actions(self) -> None:
        vandaag = date.today()
        gekozen = self._selected_action_id()
        self.acties_table.setRowCount(len(self.acties))
        bold = QFont(self.font())
        bold.setBold(True)
        for r, a in enumerate(self.acties):
            laat = is_te_laat(a, vandaag)
            status = self._status_tekst(a, vandaag)
            # a late deadline says so in words too (not by its colour alone, and also when Status is left out)
            waarden = [self._nummer(a), a.omschrijving, ", ".join(a.standaard_ids), a.eigenaar,
                       datum(a.deadline) + ("\nte laat" if laat else ""), status,
                       self.profiel.label(a.actielijn) if self.profiel is not None else (a.actielijn or "")]
            for c, v in enumerate(waarden):
                it = item(v, a.id if c == 0 else None)
                if laat and c in (4, 5):
                    it.setForeground(QBrush(ROOD))
                    it.setFont(bold)
                self.acties_table.setItem(r, c, it)
        self.acties_table.fit_columns()
        rij = next((r for r, a in enumerate(self.acties) if a.id == gekozen), None)
        if rij is not None:
            self.acties_table.selectRow(rij)
        self._show_action_details()

    @staticmethod
    def _status_tekst(a, vandaag: date | None = None) -> str:
        return ACTIESTATUS_LABELS[a.status] + (" – te laat" if is_te_laat(a, vandaag or date.today()) else "")

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
        self.melding.clear_message()
        fout = eerste_ongeldige(self.van_edit, self.tot_edit, self.volgende_edit)
        if fout is not None:  # never save a wrong date as "no date"
            herbereken(fout)
            self.error.show_text(f"De gegevens zijn niet opgeslagen. {fout.naam}: {fout.problem()}")
            fout.setFocus()
            return False
        try:
            nieuw = service().wijzig_plan(
                self.ws, self.plan.id, titel=self.titel_edit.text(), periode_van=self.van_edit.value(),
                periode_tot=self.tot_edit.value(), datalab=self.datalab_check.isChecked(),
                volgende_zelfscan=self.volgende_edit.value())
        except Exception as exc:  # noqa: BLE001
            self.error.show_error(exc)
            return False
        self._after_change(nieuw)
        self.melding.say("De gegevens van het plan zijn opgeslagen.")
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
        self.vaststellen_dialog.accepted.connect(self._after_vaststellen)
        self.vaststellen_dialog.open()

    def _after_vaststellen(self) -> None:
        self.load_plans(self.plan.id)
        self.melding.say("Het plan is vastgesteld. Deze versie kan niet meer veranderen.")

    def make_new_version(self) -> None:
        if self.plan is None:
            return
        self.error.clear_error()
        self.melding.clear_message()
        try:
            nieuw = service().nieuwe_versie(self.ws, self.plan.id)
        except Exception as exc:  # noqa: BLE001
            self.error.show_error(exc)
            return
        self.load_plans(nieuw)
        self.melding.say(f"Versie {self.plan.versie} is gemaakt. Je kunt deze versie aanpassen.")

    def _open_late_action(self, it: QListWidgetItem) -> None:
        self.open_action_dialog(it.data(Qt.ItemDataRole.UserRole))

    # ------------------------------------------------------------------ tab: scans
    def save_scans(self) -> bool:
        if self.plan is None:
            return False
        self.error.clear_error()
        self.melding.clear_message()
        try:
            nieuw = service().kies_scans(self.ws, self.plan.id, checked_ids(self.scan_list))
        except Exception as exc:  # noqa: BLE001
            self.error.show_error(exc)
            return False
        self._after_change(nieuw)
        self.melding.say("De keuze van de zelfscans is opgeslagen.")
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
        dlg.accepted.connect(lambda: self._after_action_saved(dlg.actie_id))
        self.actie_dialog = dlg
        dlg.open()

    def _after_action_saved(self, actie_id: int | None) -> None:
        self.melding.clear_message()
        self._after_change(self.plan.id)  # a saved action reloads the plan (its numbers, counts, preview)
        rij = next((r for r, a in enumerate(self.acties) if a.id == actie_id), None)
        if rij is not None:
            self.acties_table.selectRow(rij)
        self.melding.say("De actie is opgeslagen.")

    def _selected_action_id(self) -> int | None:
        rij = self.acties_table.currentRow()
        first = self.acties_table.item(rij, 0) if rij >= 0 else None
        return first.data(Qt.ItemDataRole.UserRole) if first is not None else None

    def _show_action_details(self) -> None:
        """The whole of the chosen action, readable however narrow the table is."""
        actie_id = self._selected_action_id()
        a = next((a for a in self.acties if a.id == actie_id), None)
        if a is None:
            self.actie_details.setPlainText("Kies een actie in de tabel. Hier zie je dan alles over die actie.")
            return
        lijn = self.profiel.label(a.actielijn) if self.profiel is not None else (a.actielijn or "")
        rijen = [("Trekker", a.eigenaar), ("Partners", a.partners), ("Start", datum(a.start)),
                 ("Deadline", datum(a.deadline)), ("Status", self._status_tekst(a)),
                 ("Standaarden", ", ".join(a.standaard_ids)), ("Thema", a.thema), ("Actielijn", lijn),
                 ("Budget", a.budget), ("Capaciteit", a.capaciteit), ("Beoogd resultaat", a.beoogd_resultaat),
                 ("Indicator", a.indicator)]
        titel = (f"<b>Actie {html.escape(self._nummer(a))}:</b> "
                 + html.escape(a.omschrijving).replace(chr(10), "<br>"))
        self.actie_details.setHtml(_details_html(titel, rijen, ("Voortgang", [f"{datum(n.datum)}: {n.notitie}"
                                                                              for n in a.voortgang])))

    def _show_point_details(self) -> None:
        rij = self.vp_table.currentRow()
        if not 0 <= rij < len(self.punten):
            self.vp_details.setPlainText("Kies een verbeterpunt in de tabel. Hier zie je dan alles over dat punt.")
            return
        p = self.punten[rij]
        nummers = [self._nummer(a) for a in self.acties if p.standaard_id in a.standaard_ids]
        rijen = [("Thema", p.thema), ("Voor", DOELGROEP_LABELS.get(p.doelgroep, p.doelgroep)),
                 ("Prioriteit", PRIO_LABELS.get(p.hoogste_prioriteit, "")), ("Teams", ", ".join(p.teams)),
                 ("Acties", ", ".join(nummers) or "nog geen"), ("Waarom op deze plek", p.reden)]
        titel = f"<b>{html.escape(str(p.rang))}. {html.escape(p.standaard_id)} {html.escape(p.standaard_titel)}</b>"
        self.vp_details.setHtml(_details_html(titel, rijen, ("Toelichting van de teams", [
            f"{team}: {tekst}" for team, tekst in p.toelichtingen if tekst])))

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
        self.melding.clear_message()
        try:
            nieuw = service().verwijder_actie(self.ws, actie_id)
        except Exception as exc:  # noqa: BLE001
            self.error.show_error(exc)
            return
        self._after_change(nieuw)
        self.melding.say(f"Actie {self._nummer(a)} is verwijderd.")

    # ------------------------------------------------------------------ tab: sections
    def _sectie(self, code: str | None):
        return next((s for s in self.secties if s.code == code), None)

    def _sectie_changed(self, rij: int) -> None:
        if self._loading:
            return
        if self._sectie_dirty:
            self.save_section()
        it = self.sectie_list.item(rij) if rij >= 0 else None
        code = it.data(Qt.ItemDataRole.UserRole) if it is not None else None
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
        self.melding.say(f"De tekst van '{s.titel}' is opgeslagen.")
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
