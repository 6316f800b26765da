"""Comparisons: with the same team's previous scan, and between the teams of one gemeente.

Changes are written out as words ("Verbeterd", "Verslechterd", "Nieuw", ...), never shown by colour alone.
"""
from __future__ import annotations

import html

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ghnt_desktop.domain.zelfscan import Verandering
from ghnt_desktop.errors import UserError
from ghnt_desktop.ui.messages import show_error
from ghnt_desktop.ui.zelfscan.common import catalog_plain, datum, percentage_text, scroll_page
from ghnt_desktop.ui.zelfscan.results_view import make_table, set_rows

#: the order in the summary: what matters most for a team first
SUMMARY_ORDER = (Verandering.VERBETERD, Verandering.VERSLECHTERD, Verandering.NIEUW, Verandering.GELIJK,
                 Verandering.GEWIJZIGD_NIET_VERGELIJKBAAR, Verandering.VERVALLEN, Verandering.NIET_BEANTWOORD)


def _label(schaal, code: str | None) -> str:
    if code is None:
        return "geen antwoord"
    return schaal.optie(code).label if schaal is not None and schaal.heeft_code(code) else code


class PreviousComparisonView(QWidget):
    """This scan against the latest earlier vastgestelde scan of the same team."""

    def __init__(self, ws, svc, scan_id: int, catalogus, parent=None) -> None:
        super().__init__(parent)
        self.ws, self.svc, self.scan_id, self.catalogus = ws, svc, scan_id, catalogus
        self.vergelijking = None
        self.setAccessibleName("Vergelijking met de vorige zelfscan")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        lay = QVBoxLayout(body)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setAccessibleDescription("Waarmee wordt vergeleken")
        lay.addWidget(self.intro)
        self.summary_table = make_table("Tabel: aantal standaarden per soort verandering", ["Verandering", "Aantal"])
        lay.addWidget(self.summary_table)
        row = QHBoxLayout()
        self.filter_combo = QComboBox()
        self.filter_combo.setAccessibleName("Toon welke veranderingen")
        self.filter_combo.addItem("Alle standaarden", None)
        for v in SUMMARY_ORDER:
            self.filter_combo.addItem(v.label, v.value)
        self.filter_combo.currentIndexChanged.connect(self._fill_rows)
        flabel = QLabel("&Toon:")
        flabel.setBuddy(self.filter_combo)
        row.addWidget(flabel)
        row.addWidget(self.filter_combo)
        row.addStretch(1)
        lay.addLayout(row)
        self.table = make_table("Tabel: vergelijking per standaard",
                                ["Standaard", "Titel", "Vorige zelfscan", "Deze zelfscan", "Verandering"],
                                wrap={1: 24})
        lay.addWidget(self.table)
        lay.addStretch(1)
        self.page_scroll = scroll_page(body, name="Vergelijking (pijltjestoetsen en PageUp/PageDown om te scrollen)")
        outer.addWidget(self.page_scroll)
        self.vorige_schaal = None

    def refresh(self) -> None:
        try:
            self.vergelijking = self.svc.vergelijking_met_vorige(self.ws, self.scan_id)
            vorige_id = self.svc.vorige_scan(self.ws, self.scan_id) if self.vergelijking is not None else None
            vorige = vorige_cat = None
            if vorige_id is not None:
                vorige, vorige_cat = self.svc.laad_scan(self.ws, vorige_id)
        except UserError as exc:
            self.vergelijking = None
            self.intro.setText(f"De vergelijking kan niet worden getoond: {exc}")
            self.summary_table.hide()
            self.table.hide()
            return
        has = self.vergelijking is not None
        self.summary_table.setVisible(has)
        self.table.setVisible(has)
        self.filter_combo.setEnabled(has)
        if not has:
            self.intro.setText("Er is nog geen eerdere vastgestelde zelfscan van dit team. "
                               "Na de volgende zelfscan zie je hier wat beter of slechter is geworden.")
            return
        self.vorige_schaal = vorige_cat.antwoordschaal if vorige_cat is not None else None
        text = "Vergeleken met de vastgestelde zelfscan"
        if vorige is not None:
            text += f" met peildatum {datum(vorige.peildatum)} (versie {vorige.versie})."
            if vorige_cat is not None and vorige_cat.sleutel != self.catalogus.sleutel:
                text += (" Die zelfscan gebruikte een andere versie van het kwaliteitskader. "
                         + catalog_plain(vorige_cat.naam, vorige_cat.versie, vorige_cat.officieel))
        else:
            text += "."
        if not self.vergelijking.zelfde_schaal:
            text += (" De antwoordschalen zijn verschillend. Daarom is alleen gekeken of een standaard "
                     "wel of niet voldoet.")
        self.intro.setText(text)
        counts = self.vergelijking.aantallen
        set_rows(self.summary_table, [[v.label, str(counts[v])] for v in SUMMARY_ORDER if counts[v]])
        self._fill_rows()

    def _fill_rows(self) -> None:
        if self.vergelijking is None:
            return
        data = self.filter_combo.currentData()
        wanted = Verandering(data) if data else None
        rows = []
        for r in self.vergelijking.regels:
            if wanted is not None and r.verandering is not wanted:
                continue
            rows.append([r.standaard_id, r.titel, _label(self.vorige_schaal, r.vorige_code),
                         _label(self.catalogus.antwoordschaal, r.huidige_code), r.verandering.label])
        set_rows(self.table, rows, fit=False)


class TeamComparisonDialog(QDialog):
    """Percentage voldoet per theme for the teams of one gemeente (their latest vastgestelde scans)."""

    def __init__(self, ws, svc, parent=None) -> None:
        super().__init__(parent)
        self.ws, self.svc = ws, svc
        self.setWindowTitle("Teams vergelijken")
        self.setAccessibleName("Teams vergelijken")
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        self.gemeente_combo = QComboBox()
        self.gemeente_combo.setAccessibleName("Gemeente")
        glabel = QLabel("&Gemeente:")
        glabel.setBuddy(self.gemeente_combo)
        row.addWidget(glabel)
        row.addWidget(self.gemeente_combo, 1)
        lay.addLayout(row)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setAccessibleDescription("Welke zelfscans worden vergeleken")
        lay.addWidget(self.info)
        self.table = make_table("Tabel: percentage voldoet per thema en per team", ["Thema"], min_rows=4,
                                wrap={0: 16})
        lay.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        gemeenten: dict[str, str] = {}
        try:
            for t in svc.teams(ws):
                for code, naam in t.gemeenten:
                    gemeenten[code] = naam
        except UserError as exc:
            self.info.setText(str(exc))
        for code, naam in sorted(gemeenten.items(), key=lambda g: g[1].casefold()):
            self.gemeente_combo.addItem(f"{naam} ({code})", code)
        self.gemeente_combo.currentIndexChanged.connect(self.refresh)
        self.resize(820, 480)
        self.refresh()

    def refresh(self) -> None:
        code = self.gemeente_combo.currentData()
        if code is None:
            self.info.setText("Er zijn geen teams om te vergelijken.")
            self.table.setRowCount(0)
            return
        try:
            scans = self.svc.laatste_vastgestelde(self.ws, code)
            tv = self.svc.teamvergelijking(self.ws, code, [s.id for s in scans])
        except UserError as exc:
            show_error(self, exc)
            return
        if not scans:
            self.info.setText("Voor deze gemeente is nog geen enkele zelfscan vastgesteld.")
            self.table.setColumnCount(1)
            self.table.setRowCount(0)
            return
        lines = [f"{s.team_naam}: peildatum {datum(s.peildatum)}, kwaliteitskader versie {s.catalogus_versie}"
                 for s in scans]
        text = "Per team de laatste vastgestelde zelfscan:<br>" + "<br>".join(html.escape(x) for x in lines)
        if tv.gemengde_catalogi:
            text += ("<br><b>Let op:</b> de teams gebruikten niet allemaal dezelfde versie van het "
                     "kwaliteitskader. Vergelijk de percentages daarom voorzichtig.")
        self.info.setText(text)
        self.table.setColumnCount(1 + len(tv.teams))
        self.table.setHorizontalHeaderLabels(["Thema", *tv.teams])
        rows = []
        for r in tv.rijen:
            rows.append([r.thema_naam, *(self._cell(t) for t in r.tellingen)])
        rows.append(["Totaal", *(self._cell(t) for t in tv.totaal)])
        set_rows(self.table, rows, fit=False)

    @staticmethod
    def _cell(t) -> str:
        if t is None:
            return "niet in dit kader"
        text = percentage_text(t)
        if t.apart:
            text += f" (apart: {t.apart})"
        return text
