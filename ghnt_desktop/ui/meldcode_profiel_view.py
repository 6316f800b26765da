"""Beheer: the organisation's meldcode profile (eindverantwoordelijke, numbering, contacts, own meldcode).

Placed in Beheer and in the "Aan de slag" checklist by the beheer screen. Only a beheerder
(``Actie.INSTELLINGEN_BEHEREN``) can change it; others see it read-only. ``changed`` is emitted after a
successful save (of the profile or of a contact).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton,
                               QRadioButton, QScrollArea, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ghnt_desktop.domain.roles import Actie, mag
from ghnt_desktop.errors import UserError, ValidationError
from ghnt_desktop.services import meldcodeprofiel as mp
from ghnt_desktop.ui.a11y import MessageLabel
from ghnt_desktop.ui.flow import FlowLayout
from ghnt_desktop.ui.kop import Kop

CONTACT_KOLOMMEN = ("Contact", "Landelijk", "Eigen waarde", "Laatst gewijzigd")


def _label(text: str, buddy: QWidget) -> QLabel:
    lab = QLabel(text)
    lab.setBuddy(buddy)
    return lab


def _fout(kind: str) -> MessageLabel:
    """An error line: its text is what a screen reader gets, and a new error is announced (ui.a11y)."""
    lab = MessageLabel(kind, error=True)
    lab.hide()
    return lab


def _toon(lab: QLabel, tekst: str) -> None:
    lab.setVisible(bool(tekst))
    lab.setText(tekst)


def _problemen(exc: UserError) -> str:
    details = getattr(exc, "details", None) or []
    return str(exc) + ("\n" + "\n".join(f"- {d}" for d in details) if details else "")


class MeldcodeProfielView(QWidget):
    changed = Signal()

    def __init__(self, ws, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.mag_wijzigen = mag(ws.session.rollen, Actie.INSTELLINGEN_BEHEREN)
        self.setAccessibleName("Meldcodeprofiel")
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields; the area follows the focus
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        inner = QWidget()
        scroll.setWidget(inner)
        lay = QVBoxLayout(inner)
        lay.addWidget(Kop("Meldcodeprofiel", 2))
        intro = QLabel("Wat jullie organisatie in haar meldcode heeft afgesproken. Het geldt voor iedereen die in deze "
                       "app met de meldcode werkt.")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.alleen_lezen = QLabel("Alleen een beheerder kan het meldcodeprofiel wijzigen. Je kunt het wel bekijken.")
        self.alleen_lezen.setWordWrap(True)
        self.alleen_lezen.setAccessibleDescription("Alleen lezen")  # the name stays the visible text
        self.alleen_lezen.setVisible(not self.mag_wijzigen)
        lay.addWidget(self.alleen_lezen)

        # -- eindverantwoordelijke ---------------------------------------------------------------------
        box = QGroupBox("Wie is eindverantwoordelijk voor het besluit over melden?")
        v = QVBoxLayout(box)
        uitleg = QLabel("Die persoon ondertekent het besluit in stap 5 (Besluit verplichte meldcode, artikel 2).")
        uitleg.setWordWrap(True)
        v.addWidget(uitleg)
        self.ev_group = QButtonGroup(self)
        self.ev_buttons: dict[str, QRadioButton] = {}
        for soort, tekst in (("aandachtsfunctionaris", "De aandachts&functionaris van het team"),
                             ("teamleider", "De teamlei&der van het team"),
                             ("accounts", "Deze &collega's (op naam):")):
            b = QRadioButton(tekst)
            b.setAccessibleName("Eindverantwoordelijke: " + tekst.replace("&", "").rstrip(":"))
            self.ev_group.addButton(b)
            self.ev_buttons[soort] = b
            v.addWidget(b)
        self.accounts = QListWidget()
        self.accounts.setAccessibleName("Collega's die eindverantwoordelijk zijn")
        self._fill_accounts(set())
        v.addWidget(self.accounts)
        self.ev_note = QLabel("")
        self.ev_note.setWordWrap(True)
        self.ev_note.setAccessibleDescription("Let op bij de teamleider")
        v.addWidget(self.ev_note)
        self.ev_group.buttonToggled.connect(lambda *_: self._ev_changed())
        lay.addWidget(box)

        # -- numbering ---------------------------------------------------------------------------------
        box = QGroupBox("Nummering van de afwegingen")
        v = QVBoxLayout(box)
        self.num_group = QButtonGroup(self)
        self.num_buttons: dict[str, QRadioButton] = {}
        for key, tekst in (("stap4_en_5", "Afweging 1 en 2 in stap &4, afweging 3 tot en met 5 in stap 5"),
                           ("alles_in_stap5", "Alle vijf de afwegingen in stap &5")):
            b = QRadioButton(tekst)
            b.setAccessibleName("Nummering: " + tekst.replace("&", ""))
            self.num_group.addButton(b)
            self.num_buttons[key] = b
            v.addWidget(b)
        lay.addWidget(box)

        # -- own meldcode ------------------------------------------------------------------------------
        box = QGroupBox("Onze meldcode")
        f = QFormLayout(box)
        self.link = QLineEdit()
        self.link.setAccessibleName("Link naar onze meldcode (webadres of bestand)")
        f.addRow(_label("&Link (webadres of bestand):", self.link), self.link)
        self.tekst = QPlainTextEdit()
        self.tekst.setTabChangesFocus(True)
        self.tekst.setAccessibleName("Tekst van onze meldcode")
        f.addRow(_label("Te&kst (niet verplicht):", self.tekst), self.tekst)
        lay.addWidget(box)

        self.fout = _fout("Foutmelding bij het profiel")
        lay.addWidget(self.fout)
        row = QHBoxLayout()
        self.save_button = QPushButton("Profiel &opslaan")
        self.save_button.setAccessibleName("Profiel opslaan (meldcodeprofiel)")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        self.status = MessageLabel("Status van het profiel")
        row.addWidget(self.status, 1)
        lay.addLayout(row)

        # -- contacts ----------------------------------------------------------------------------------
        box = QGroupBox("Contacten")
        v = QVBoxLayout(box)
        uitleg = QLabel("Zonder eigen waarde zie je de landelijke gegevens. Elke wijziging wordt bewaard met wie en "
                        "wanneer. Het alarmnummer 112 kun je niet aanpassen.")
        uitleg.setWordWrap(True)
        v.addWidget(uitleg)
        self.table = QTableWidget(0, len(CONTACT_KOLOMMEN))
        self.table.setHorizontalHeaderLabels(list(CONTACT_KOLOMMEN))
        self.table.setAccessibleName("Contacten: landelijk en eigen waarde")
        self.table.setTabKeyNavigation(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeaderItem(2).setToolTip("De eigen waarde van je organisatie")
        from ghnt_desktop.ui.indeling import ColumnFit

        self.table.column_fit = ColumnFit(self.table, wrap={0})
        v.addWidget(_label("Contactenlijst: kies een &rij", self.table))
        v.addWidget(self.table)
        cf = QFormLayout()
        cf.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.c_naam = QLineEdit()
        self.c_telefoon = QLineEdit()
        self.c_website = QLineEdit()
        self.c_bereikbaar = QLineEdit()
        self.c_wanneer = QLineEdit()
        for text, w, naam in (("&Naam:", self.c_naam, "Naam van het contact"),
                              ("&Telefoon:", self.c_telefoon, "Telefoonnummer van het contact"),
                              ("&Website:", self.c_website, "Website van het contact"),
                              ("Bereikbaar (dagen en &uren):", self.c_bereikbaar, "Wanneer het contact bereikbaar is"),
                              ("Wanneer bel &je?", self.c_wanneer, "Wanneer je dit contact belt")):
            w.setAccessibleName(naam)
            cf.addRow(_label(text, w), w)
        v.addLayout(cf)
        self.c_fout = _fout("Foutmelding bij het contact")
        v.addWidget(self.c_fout)
        crow = FlowLayout()
        # the name starts with the visible text (WCAG 2.5.3); what it acts on follows
        self.c_save = QPushButton("Eigen waarde op&slaan")
        self.c_save.setAccessibleName("Eigen waarde opslaan, voor het gekozen contact")
        self.c_reset = QPushButton("Landelijke gegevens terug&zetten")
        self.c_reset.setAccessibleName("Landelijke gegevens terugzetten, voor het gekozen contact")
        self.c_add = QPushButton("Als nieuw contact to&evoegen")
        self.c_add.setAccessibleName("Als nieuw contact toevoegen: de ingevulde gegevens")
        self.c_remove = QPushButton("Eigen contact verw&ijderen")
        self.c_remove.setAccessibleName("Eigen contact verwijderen: het gekozen contact")
        for b in (self.c_save, self.c_reset, self.c_add, self.c_remove):
            crow.addWidget(b)
        v.addLayout(crow)
        lay.addWidget(box)
        lay.addStretch(1)

        self.c_save.clicked.connect(self.save_contact)
        self.c_reset.clicked.connect(self.reset_contact)
        self.c_add.clicked.connect(self.add_contact)
        self.c_remove.clicked.connect(self.remove_contact)
        self.table.currentCellChanged.connect(lambda *_: self._contact_selected())
        self._contacten: list[mp.ContactRegel] = []
        self.load()
        if not self.mag_wijzigen:
            for w in (*self.ev_buttons.values(), *self.num_buttons.values(), self.accounts, self.link, self.tekst,
                      self.save_button, self.c_naam, self.c_telefoon, self.c_website, self.c_bereikbaar,
                      self.c_wanneer, self.c_save, self.c_reset, self.c_add, self.c_remove):
                w.setEnabled(False)

    def _fill_accounts(self, checked: set[str]) -> None:
        self.accounts.clear()
        for aid, naam in mp.kandidaat_accounts(self.ws):
            it = QListWidgetItem(naam)
            it.setData(Qt.ItemDataRole.UserRole, aid)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Checked if aid in checked else Qt.CheckState.Unchecked)
            self.accounts.addItem(it)
        if not self.mag_wijzigen:
            self.accounts.setEnabled(False)

    def refresh(self) -> None:
        """Shown again (e.g. after new accounts were made): new colleagues to choose from; unsaved choices stay."""
        checked = {self.accounts.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.accounts.count())
                   if self.accounts.item(i).checkState() == Qt.CheckState.Checked}
        self._fill_accounts(checked)
        self.status.setText("Ingesteld." if mp.is_ingesteld(self.ws) else "Nog niet ingesteld.")
        self._ev_changed()

    # -- loading -------------------------------------------------------------------------------------
    def load(self) -> None:
        p = mp.profiel(self.ws)
        self.ev_buttons[p.eindverantwoordelijke.soort].setChecked(True)
        for i in range(self.accounts.count()):
            it = self.accounts.item(i)
            it.setCheckState(Qt.CheckState.Checked if it.data(Qt.ItemDataRole.UserRole)
                             in p.eindverantwoordelijke.accounts else Qt.CheckState.Unchecked)
        self.num_buttons[p.nummering].setChecked(True)
        self.link.setText(p.eigen_meldcode.link)
        self.tekst.setPlainText(p.eigen_meldcode.tekst)
        self.status.setText("Ingesteld." if mp.is_ingesteld(self.ws) else "Nog niet ingesteld.")
        self._ev_changed()
        self.load_contacts()

    def load_contacts(self, select: str | None = None) -> None:
        self._contacten = mp.contacten(self.ws)
        self.table.setRowCount(len(self._contacten))
        for i, c in enumerate(self._contacten):
            land = c.landelijk
            landelijk = "– (eigen contact)" if land is None else (land.telefoon or land.website or "vult je organisatie in")
            if c.eigen:
                eigen = c.telefoon or c.website or ""
            elif c.regionaal:
                eigen = "Nog niet ingevuld"
            else:
                eigen = "Landelijk"
            gewijzigd = f"{c.gewijzigd_door}, {c.gewijzigd_op[:10]}" if c.gewijzigd_door else ""
            for j, t in enumerate((c.naam, landelijk, eigen, gewijzigd)):
                item = QTableWidgetItem(t)
                item.setToolTip(t)
                self.table.setItem(i, j, item)
        row = next((i for i, c in enumerate(self._contacten) if c.id == select), 0 if self._contacten else -1)
        if row >= 0:
            self.table.setCurrentCell(row, 0)
        self._contact_selected()

    def _ev_changed(self) -> None:
        accounts = self.ev_buttons["accounts"].isChecked()
        self.accounts.setEnabled(accounts and self.mag_wijzigen)
        tekst = ""
        if self.ev_buttons["teamleider"].isChecked():
            zonder = mp.teams_zonder_teamleider(self.ws)
            if zonder:
                tekst = ("Let op: deze teams hebben geen teamleider in de app, dus niemand kan daar het besluit "
                         "ondertekenen: " + ", ".join(zonder) + ".")
        self.ev_note.setText(tekst)
        self.ev_note.setVisible(bool(tekst))

    def _current(self) -> mp.ContactRegel | None:
        r = self.table.currentRow()
        return self._contacten[r] if 0 <= r < len(self._contacten) else None

    def _contact_selected(self) -> None:
        c = self._current()
        _toon(self.c_fout, "")
        for w, waarde in ((self.c_naam, c.naam if c else ""), (self.c_telefoon, (c.telefoon or "") if c else ""),
                          (self.c_website, (c.website or "") if c else ""),
                          (self.c_bereikbaar, c.bereikbaar if c else ""), (self.c_wanneer, c.wanneer if c else "")):
            w.setText(waarde)
        if self.mag_wijzigen:
            self.c_save.setEnabled(c is not None and c.aanpasbaar)
            self.c_reset.setEnabled(c is not None and c.herkomst == "eigen")
            self.c_remove.setEnabled(c is not None and c.herkomst == "aanvulling")

    # -- saving --------------------------------------------------------------------------------------
    def values(self) -> tuple[str, mp.Eindverantwoordelijke, mp.EigenMeldcode]:
        soort = next(k for k, b in self.ev_buttons.items() if b.isChecked())
        gekozen = tuple(self.accounts.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.accounts.count())
                        if self.accounts.item(i).checkState() == Qt.CheckState.Checked)
        nummering = next(k for k, b in self.num_buttons.items() if b.isChecked())
        return (nummering, mp.Eindverantwoordelijke(soort, gekozen if soort == "accounts" else ()),
                mp.EigenMeldcode(self.link.text().strip(), self.tekst.toPlainText().strip()))

    def save(self) -> None:
        nummering, ev, eigen = self.values()
        try:
            mp.bewaar_profiel(self.ws, nummering=nummering, eindverantwoordelijke=ev, eigen_meldcode=eigen)
        except UserError as exc:
            _toon(self.fout, _problemen(exc))
            self.status.setText("")
            return
        _toon(self.fout, "")
        self.status.setText("Opgeslagen. Open dossiers tonen de nieuwe nummering als je ze opnieuw opent.")
        self.changed.emit()

    def _contact_velden(self) -> dict:
        return {"naam": self.c_naam.text(), "telefoon": self.c_telefoon.text(), "website": self.c_website.text(),
                "bereikbaar": self.c_bereikbaar.text(), "wanneer": self.c_wanneer.text()}

    def _contact_actie(self, fn, select_new: bool = False) -> None:
        c = self._current()
        try:
            uit = fn(c)
        except (UserError, ValidationError) as exc:
            _toon(self.c_fout, _problemen(exc))
            return
        self.load_contacts(select=uit if select_new else (c.id if c else None))
        self.changed.emit()

    def save_contact(self) -> None:
        self._contact_actie(lambda c: mp.wijzig_contact(self.ws, c.id, **self._contact_velden()))

    def reset_contact(self) -> None:
        self._contact_actie(lambda c: mp.herstel_landelijk(self.ws, c.id))

    def add_contact(self) -> None:
        self._contact_actie(lambda c: mp.voeg_contact_toe(self.ws, **self._contact_velden()), select_new=True)

    def remove_contact(self) -> None:
        self._contact_actie(lambda c: mp.verwijder_contact(self.ws, c.id))
