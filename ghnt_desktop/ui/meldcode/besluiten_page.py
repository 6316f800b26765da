"""Besluiten ondertekenen: the screen of a teamleider or named colleague who is eindverantwoordelijke.

The meldcode profile can make someone without dossiers of their own (a teamleider) sign
the decision about melden in stap 5. This screen lists exactly the dossiers that wait for
that signature (``services.meldcode.te_ondertekenen``), shows read-only what the decision
rests on (every open is audited by the service) and signs. Nothing else of the dossier.
"""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter, QTableWidget,
                               QTableWidgetItem, QTextBrowser, QVBoxLayout, QWidget)

from ghnt_desktop.errors import UserError
from ghnt_desktop.ui.a11y import MessageLabel
from ghnt_desktop.ui.kop import Kop
from ghnt_desktop.ui.messages import confirm


def _ja_nee(value: bool) -> str:
    return "ja" if value else "nee"


def besluit_html(dossier, definities) -> str:
    """What the decision rests on, as read-only text: kinds of violence, those involved, signals, afwegingen and
    the decision of the current round."""
    ronde = dossier.ronde
    parts = [f"<h3>Dossier {escape(dossier.client_referentie)}</h3>"]
    if dossier.vormen:
        parts.append("<p><b>Vorm van geweld:</b> " + escape(", ".join(v.label for v in sorted(dossier.vormen))) + "</p>")
    if dossier.betrokkenen:
        rows = [f"{escape(b.aanduiding or b.rol.label)} ({escape(b.rol.label)}"
                + (f", {b.leeftijd} jaar" if b.leeftijd is not None else "") + ")" for b in dossier.betrokkenen]
        parts.append("<p><b>Betrokkenen:</b> " + "; ".join(rows) + "</p>")
    if dossier.signalen:
        parts.append("<h4>Signalen</h4><ul>" + "".join(
            f"<li>{escape(s.omschrijving)}</li>" for s in dossier.signalen) + "</ul>")
    afwegingen = [a for a in dossier.afwegingen if a.ronde == ronde]
    if afwegingen:
        parts.append("<h4>Afwegingen</h4>")
        for a in sorted(afwegingen, key=lambda a: a.nummer):
            try:
                vraag = definities.afweging(a.nummer).vraag
            except KeyError:
                vraag = ""
            parts.append(f"<p><b>Afweging {a.nummer}</b>: {escape(vraag)}<br>Antwoord: <b>{_ja_nee(a.antwoord)}</b>"
                         f"<br>Motivatie: {escape(a.motivatie)}</p>")
    besluiten = [b for b in dossier.besluiten if b.ronde == ronde]
    if besluiten:
        b = besluiten[-1]
        parts.append("<h4>Besluit</h4><p>"
                     f"Melden bij Veilig Thuis: <b>{_ja_nee(b.melden)}</b><br>Hulp bieden of organiseren: "
                     f"<b>{_ja_nee(b.hulp)}</b><br>Motivatie: {escape(b.motivatie)}<br>"
                     f"Besluit genomen door: {escape(b.besluit_door)}</p>")
    else:
        parts.append("<p>Er is nog geen besluit vastgelegd. Je kunt pas ondertekenen als het besluit in stap 5 "
                     "is vastgelegd.</p>")
    return "".join(parts)


class BesluitenPage(QWidget):
    HEADERS = ["Dossier", "Team", "Ronde", "Besluit vastgelegd"]

    def __init__(self, ws, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.rows = []
        self.dossier = None
        self.setAccessibleName("Besluiten ondertekenen")
        lay = QVBoxLayout(self)
        title = Kop("Besluiten ondertekenen", 1)
        lay.addWidget(title)
        intro = QLabel(
            "Volgens het meldcodeprofiel van jullie organisatie teken jij het besluit over melden. Hier staan de "
            "dossiers die op jouw handtekening wachten. Je ziet alleen wat nodig is voor het besluit, en je kunt "
            "niets wijzigen. Elke keer dat je een dossier opent, wordt dat vastgelegd in het logboek.")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        split = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels(self.HEADERS)
        self.table.setAccessibleName("Dossiers die wachten op jouw besluit")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        tl.addWidget(self.table)
        self.empty_label = QLabel("")
        self.empty_label.setWordWrap(True)
        tl.addWidget(self.empty_label)
        buttons = QHBoxLayout()
        self.open_button = QPushButton("Dossier &openen")
        self.open_button.setAccessibleName("Dossier openen")
        self.open_button.setAccessibleDescription("Het gekozen dossier openen om het besluit te lezen")
        self.open_button.clicked.connect(self.open_selected)
        self.sign_button = QPushButton("Besluit on&dertekenen…")
        self.sign_button.setAccessibleName("Besluit ondertekenen")
        self.sign_button.setAccessibleDescription("Het besluit ondertekenen als eindverantwoordelijke")
        self.sign_button.clicked.connect(self.sign)
        self.refresh_button = QPushButton("Lijst ver&nieuwen")  # (Alt+V is Vergrendelen)
        self.refresh_button.clicked.connect(self.refresh)
        for b in (self.open_button, self.sign_button, self.refresh_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        tl.addLayout(buttons)
        split.addWidget(top)
        self.detail = QTextBrowser()
        self.detail.setAccessibleName("Wat het besluit onderbouwt")
        self.detail.setOpenLinks(False)
        split.addWidget(self.detail)
        split.setStretchFactor(1, 1)
        lay.addWidget(split, 1)
        self.message = MessageLabel("Melding")
        lay.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        from ghnt_desktop.services import meldcode

        try:
            self.rows = meldcode.te_ondertekenen(self.ws)
        except UserError as exc:
            self.rows = []
            self.message.setText(str(exc))
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            for j, v in enumerate((r.client_referentie, r.team_naam, str(r.ronde), _ja_nee(r.heeft_besluit))):
                self.table.setItem(i, j, QTableWidgetItem(v))
        self.empty_label.setText("" if self.rows else "Er wachten nu geen dossiers op jouw besluit.")
        if self.dossier is not None and all(r.id != self.dossier.id for r in self.rows):
            self.clear_detail()
        self._update_buttons()

    def selected(self):
        r = self.table.currentRow()
        return self.rows[r] if 0 <= r < len(self.rows) and self.table.selectedItems() else None

    def _update_buttons(self) -> None:
        r = self.selected()
        self.open_button.setEnabled(r is not None)
        self.sign_button.setEnabled(r is not None and r.heeft_besluit)

    def open_selected(self) -> None:
        from ghnt_desktop.content.meldcode_content import laad_definities
        from ghnt_desktop.services import meldcode

        r = self.selected()
        if r is None:
            return
        try:
            self.dossier = meldcode.laad_voor_besluit(self.ws, r.id)
        except UserError as exc:
            self.message.setText(str(exc))
            return
        self.detail.setHtml(besluit_html(self.dossier, laad_definities()))
        self.message.setText("")

    def sign(self) -> None:
        from ghnt_desktop.services import meldcode

        r = self.selected()
        if r is None:
            return
        if self.dossier is None or self.dossier.id != r.id:
            self.open_selected()
            if self.dossier is None or self.dossier.id != r.id:
                return
        besluiten = [b for b in self.dossier.besluiten if b.ronde == self.dossier.ronde]
        if not besluiten:
            self.message.setText("Er is nog geen besluit om te ondertekenen.")
            return
        if not confirm(self, "Besluit ondertekenen",
                       f"Je ondertekent het besluit in dossier {r.client_referentie} als eindverantwoordelijke. "
                       "Heb je gelezen waar het besluit op rust?", yes="Ondertekenen", no="Annuleren"):
            return
        try:
            meldcode.medeonderteken(self.ws, r.id, besluiten[-1].id)
        except UserError as exc:
            self.message.setText(str(exc))
            return
        self.refresh()
        self.message.setText(f"Je hebt het besluit in dossier {r.client_referentie} ondertekend.")

    def clear_detail(self) -> None:
        self.dossier = None
        self.detail.clear()

    # MainWindow lock protocol
    def clear_for_lock(self) -> None:
        self.clear_detail()
        self.rows = []
        self.table.setRowCount(0)

    def restore_after_unlock(self) -> None:
        self.refresh()
