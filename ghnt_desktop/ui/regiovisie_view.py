"""Choosing the regiovisie profile of the plan van aanpak, or writing an eigen indeling.

``RegiovisieView(ws)`` is a plain widget, meant for the Beheer screen and the "Aan de slag"
checklist: a combo of the bundled profiles plus "Eigen indeling", a preview of the chosen
profile's actielijnen with their goals, a table for the eigen indeling, a save button and an
inline Dutch error line. ``changed`` is emitted after a successful save.

Keyboard: every control has a mnemonic (Alt+R regiovisie, Alt+N naam, Alt+L actielijnen,
Alt+T regel toevoegen, Alt+W regel verwijderen, Alt+O opslaan; A, B, V and H are the main window's) and an
accessible name; the table does not keep Tab (``setTabKeyNavigation(False)``): arrow keys move between cells.
"""
from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPushButton, QScrollArea, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from ghnt_desktop.domain.roles import Actie, mag
from ghnt_desktop.ui.a11y import MessageLabel, announce
from ghnt_desktop.ui.flow import FlowLayout

EIGEN = "eigen"
KOLOMMEN = ("code", "titel", "doel")


def _service():
    from ghnt_desktop.services import regiovisie

    return regiovisie


class RegiovisieView(QWidget):
    """Choose a bundled regiovisie or write an eigen indeling; saves through ``services.regiovisie``."""

    changed = Signal()

    def __init__(self, ws, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.mag_wijzigen = mag(ws.session.rollen, Actie.INSTELLINGEN_BEHEREN)
        rv = _service()
        self.profielen = {p.id: p for p in rv.profielen()}

        lay = QVBoxLayout(self)
        uitleg = QLabel("Kies de regiovisie van jullie regio. Het plan van aanpak gebruikt de actielijnen en de "
                        "nummering van de acties uit die regiovisie. Past geen enkele regiovisie? Maak dan een "
                        "eigen indeling. Acties die al in een plan staan, houden hun actielijn.")
        uitleg.setWordWrap(True)
        lay.addWidget(uitleg)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        lay.addWidget(self.status_label)

        form = QFormLayout()
        self.profiel_combo = QComboBox()
        self.profiel_combo.setAccessibleName("Regiovisie")
        self.profiel_combo.setAccessibleDescription("De regiovisie waarvan het plan van aanpak de actielijnen gebruikt")
        for p in self.profielen.values():
            self.profiel_combo.addItem(f"{p.regio} {p.periode} – {p.naam}", p.id)
        self.profiel_combo.addItem("Eigen indeling (zelf actielijnen maken)", EIGEN)
        # long profile names must not push the window wider than the screen (the label would be squeezed away)
        self.profiel_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.profiel_combo.setMinimumContentsLength(24)
        combo_label = QLabel("&Regiovisie:")
        combo_label.setBuddy(self.profiel_combo)
        form.addRow(combo_label, self.profiel_combo)
        lay.addLayout(form)

        # preview of the lines and their goals
        self.preview = QWidget()
        self.preview_lay = QVBoxLayout(self.preview)
        self.preview_lay.setContentsMargins(4, 4, 4, 4)
        self.preview_scroll = QScrollArea()
        self.preview_scroll.setWidgetResizable(True)
        self.preview_scroll.setWidget(self.preview)
        self.preview_scroll.setAccessibleName("Voorbeeld van de actielijnen en hun doelen")
        lay.addWidget(self.preview_scroll, 1)

        # eigen indeling
        self.eigen_box = QGroupBox("Eigen indeling")
        eigen_lay = QVBoxLayout(self.eigen_box)
        eigen_uitleg = QLabel("Geef elke actielijn een korte code (bijvoorbeeld A of preventie), een titel en "
                              "eventueel een doel. De code verandert later niet: acties bewaren die code.")
        eigen_uitleg.setWordWrap(True)
        eigen_lay.addWidget(eigen_uitleg)
        eigen_form = QFormLayout()
        self.naam_edit = QLineEdit()
        self.naam_edit.setAccessibleName("Naam van de eigen indeling")
        self.naam_edit.setPlaceholderText("Bijvoorbeeld: Actieplan huiselijk geweld gemeente 2026")
        naam_label = QLabel("&Naam:")
        naam_label.setBuddy(self.naam_edit)
        eigen_form.addRow(naam_label, self.naam_edit)
        eigen_lay.addLayout(eigen_form)
        self.tabel = QTableWidget(0, len(KOLOMMEN))
        self.tabel.setHorizontalHeaderLabels(["Code", "Titel", "Doel"])
        self.tabel.setAccessibleName("Actielijnen van de eigen indeling")
        self.tabel.setAccessibleDescription("Per regel een actielijn: code, titel en doel. Pijltjestoetsen om te "
                                            "bewegen, F2 om een cel te wijzigen.")
        self.tabel.setTabKeyNavigation(False)
        self.tabel.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.tabel.verticalHeader().setVisible(True)
        hh = self.tabel.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        tabel_label = QLabel("Actie&lijnen:")
        tabel_label.setBuddy(self.tabel)
        eigen_lay.addWidget(tabel_label)
        eigen_lay.addWidget(self.tabel, 1)
        rij = FlowLayout()
        self.toevoegen_button = QPushButton("Regel &toevoegen")
        self.toevoegen_button.setAccessibleName("Regel toevoegen aan de eigen indeling")
        self.toevoegen_button.clicked.connect(self.add_row)
        self.verwijderen_button = QPushButton("Regel ver&wijderen")
        self.verwijderen_button.setAccessibleName("Gekozen regel verwijderen uit de eigen indeling")
        self.verwijderen_button.clicked.connect(self.remove_row)
        rij.addWidget(self.toevoegen_button)
        rij.addWidget(self.verwijderen_button)
        eigen_lay.addLayout(rij)
        lay.addWidget(self.eigen_box, 1)

        self.error = QLabel()
        self.error.setObjectName("foutmelding")
        self.error.setWordWrap(True)
        self.error.hide()
        lay.addWidget(self.error)
        self.message = MessageLabel("Melding")
        self.message.hide()
        lay.addWidget(self.message)
        knoppen = QHBoxLayout()
        self.save_button = QPushButton("&Opslaan")
        self.save_button.setAccessibleName("Keuze voor de regiovisie opslaan")
        self.save_button.clicked.connect(self.save)
        knoppen.addWidget(self.save_button)
        knoppen.addStretch(1)
        lay.addLayout(knoppen)

        self.profiel_combo.currentIndexChanged.connect(self._keuze_changed)
        if not self.mag_wijzigen:
            for w in (self.save_button, self.toevoegen_button, self.verwijderen_button, self.naam_edit):
                w.setEnabled(False)
            self.tabel.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.refresh()

    # --- filling -------------------------------------------------------------
    def refresh(self) -> None:
        """Show what is stored now."""
        rv = _service()
        huidig = rv.huidig_profiel(self.ws)
        if rv.is_gekozen(self.ws):
            self.status_label.setText(f"Nu gekozen: <b>{html.escape(huidig.naam)}</b>.")
        else:
            self.status_label.setText(
                f"Er is nog geen regiovisie gekozen. Tot je kiest, gebruikt de app <b>{html.escape(huidig.naam)}</b>.")
        eigen = rv.eigen_indeling(self.ws)
        bron = eigen if eigen is not None else huidig
        self.naam_edit.setText(eigen.naam if eigen is not None else "")
        self._fill_table([(lijn.code, lijn.titel, lijn.doel) for lijn in bron.actielijnen])
        index = self.profiel_combo.findData(EIGEN if huidig.eigen else huidig.id)
        self.profiel_combo.setCurrentIndex(max(0, index))
        self._keuze_changed()

    def _fill_table(self, rijen) -> None:
        self.tabel.setRowCount(0)
        for waarden in rijen:
            self._append(waarden)

    def _append(self, waarden=("", "", "")) -> int:
        r = self.tabel.rowCount()
        self.tabel.insertRow(r)
        for c, v in enumerate(waarden):
            self.tabel.setItem(r, c, QTableWidgetItem(v))
        return r

    def keuze(self) -> str:
        return self.profiel_combo.currentData()

    def _keuze_changed(self, *_args) -> None:
        self.clear_error()
        eigen = self.keuze() == EIGEN
        self.eigen_box.setVisible(eigen)
        self.preview_scroll.setVisible(not eigen)
        if not eigen:
            self._show_preview(self.profielen[self.keuze()])

    def _show_preview(self, profiel) -> None:
        while self.preview_lay.count():
            item = self.preview_lay.takeAt(0)
            oud = item.widget()
            if oud is not None:
                oud.setParent(None)  # gone at once, not only after the next event loop turn
                oud.deleteLater()
        kop = QLabel(f"<b>{html.escape(profiel.naam)}</b><br>{html.escape(profiel.nummering.uitleg)}")
        kop.setWordWrap(True)
        self.preview_lay.addWidget(kop)
        for lijn in profiel.actielijnen:
            tekst = f"<b>{html.escape(profiel.kop(lijn))}</b><br>Doel: {html.escape(lijn.doel)}"
            if lijn.doelen:
                tekst += "<ul>" + "".join(f"<li>{html.escape(d)}</li>" for d in lijn.doelen) + "</ul>"
            label = QLabel(tekst)
            label.setWordWrap(True)
            self.preview_lay.addWidget(label)
        bronnen = "; ".join(f"{b.titel} ({b.datum}), {b.vindplaats}" for b in profiel.bronnen)
        bron = QLabel(f"<small>Bron: {html.escape(bronnen)}</small>")
        bron.setWordWrap(True)
        self.preview_lay.addWidget(bron)
        self.preview_lay.addStretch(1)

    # --- actions -------------------------------------------------------------
    def add_row(self) -> None:
        r = self._append()
        self.tabel.setCurrentCell(r, 0)
        self.tabel.setFocus()

    def remove_row(self) -> None:
        r = self.tabel.currentRow()
        if r >= 0:
            self.tabel.removeRow(r)

    def rijen(self) -> list[dict]:
        """The eigen indeling as typed: one dict per row (fully empty rows are skipped)."""
        uit = []
        for r in range(self.tabel.rowCount()):
            waarden = {k: (self.tabel.item(r, c).text() if self.tabel.item(r, c) else "") for c, k in
                       enumerate(KOLOMMEN)}
            if any(v.strip() for v in waarden.values()):
                uit.append(waarden)
        return uit

    def show_error(self, exc: BaseException) -> None:
        from ghnt_desktop.errors import UserError

        if isinstance(exc, UserError):
            tekst = str(exc)
        else:
            from ghnt_desktop import crash

            crash.write_report(exc)
            tekst = "Er ging iets mis in de app. Er is niets veranderd."
        self.error.setText(tekst)
        self.error.setAccessibleName(f"Foutmelding: {tekst}")  # read out in full, not just "Foutmelding"
        self.error.show()
        announce(self.error, tekst, assertive=True)
        self.message.hide()

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()

    def save(self) -> bool:
        self.clear_error()
        rv = _service()
        if self.tabel.state() == QAbstractItemView.State.EditingState:
            self.save_button.setFocus()  # closes the open cell editor and keeps what was typed (Alt+O)
        try:
            if self.keuze() == EIGEN:
                profiel = rv.zet_eigen_indeling(self.ws, self.naam_edit.text(), self.rijen())
            else:
                profiel = rv.kies_profiel(self.ws, self.keuze())
        except Exception as exc:  # noqa: BLE001 - shown in Dutch
            self.show_error(exc)
            return False
        self.refresh()
        self.message.show()
        self.message.setText(f"Opgeslagen. Het plan van aanpak gebruikt nu {profiel.naam}.")
        self.changed.emit()
        return True
