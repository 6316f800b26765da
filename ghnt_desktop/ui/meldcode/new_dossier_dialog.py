"""New dossier (and "Gegevens wijzigen"): client reference, gemeente, forms of violence, betrokkenen.

Unfinished input of a new dossier is kept as a draft (``bewaar_concept`` with dossier id
``None``), so nothing is lost if the app stops halfway.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from ghnt_desktop.domain.meldcode import Betrokkene, GeweldsVorm, Rol
from ghnt_desktop.errors import UserError
from ghnt_desktop.services import meldcode as svc
from ghnt_desktop.ui.meldcode.autosave import DebouncedSaver, FieldSet
from ghnt_desktop.ui.meldcode.widgets import EnumCombo, OptionalInt, wrap_label
from ghnt_desktop.ui.meldcode.widgets import ask_restore as ask_box
from ghnt_desktop.ui.messages import confirm

DRAFT_KEY = "nieuw_dossier"

REFERENTIE_UITLEG = (
    "Gebruik een verwijzing, zoals het registratienummer in jullie cliëntsysteem. Schrijf hier geen volledige "
    "naam. Dan staat er zo weinig mogelijk over de cliënt in dit dossier, en herkent niemand de cliënt als "
    "iemand meekijkt op je scherm."
)

_NAAM_PATROON = re.compile(r"^[A-ZÀ-Ý][a-zà-ÿ'\-]+(\s+(van|de|der|den|te|ten|ter|het|'t|[A-ZÀ-Ý][a-zà-ÿ'\-]+))+$")


def lijkt_op_naam(referentie: str) -> bool:
    """True when the reference looks like a first name plus family name."""
    return bool(_NAAM_PATROON.match(referentie.strip()))


def betrokkene_tekst(b: Betrokkene) -> str:
    delen = [b.rol.label]
    if b.aanduiding:
        delen.append(b.aanduiding)
    if b.leeftijd is not None:
        delen.append(f"{b.leeftijd} jaar")
    elif b.geboortejaar is not None:
        delen.append(f"geboren in {b.geboortejaar}")
    else:
        delen.append("leeftijd onbekend")
    if b.relatie:
        delen.append(f"relatie: {b.relatie}")
    return " – ".join(delen)


class VormenList(QListWidget):
    """Forms of violence, each a check box (Space toggles)."""

    field_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        for v in GeweldsVorm:
            it = QListWidgetItem(v.label)
            it.setData(Qt.ItemDataRole.UserRole, v.value)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(it)
        self.itemChanged.connect(lambda _it: self.field_changed.emit())
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * (len(GeweldsVorm) + 1))

    def vormen(self) -> set[GeweldsVorm]:
        return {GeweldsVorm(v) for v in self.field_value()}

    def field_value(self) -> list[str]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]

    def set_field_value(self, value: Any) -> None:
        wanted = set(value or [])
        for i in range(self.count()):
            it = self.item(i)
            it.setCheckState(Qt.CheckState.Checked if it.data(Qt.ItemDataRole.UserRole) in wanted
                             else Qt.CheckState.Unchecked)

    def check(self, vorm: GeweldsVorm, on: bool = True) -> None:
        for i in range(self.count()):
            if self.item(i).data(Qt.ItemDataRole.UserRole) == vorm.value:
                self.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


class BetrokkenenEditor(QGroupBox):
    """Who is involved: role, a pseudonymous label, age or birth year, relation."""

    field_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__("Betrokkenen", parent)
        self.setAccessibleName("Betrokkenen")
        self._items: list[Betrokkene] = []
        lay = QVBoxLayout(self)
        lay.addWidget(wrap_label("Gebruik een aanduiding zoals 'moeder', 'vader' of 'kind 1', geen namen. "
                                 "Vul de leeftijd of het geboortejaar in: dan weet de app of de kindcheck nodig is."))
        form = QFormLayout()
        self.rol = EnumCombo(Rol)
        self.aanduiding = QLineEdit()
        self.leeftijd = OptionalInt(0, 120)
        self.geboortejaar = OptionalInt(1900, date.today().year)
        self.relatie = QLineEdit()
        for label, w, naam in (("&Rol:", self.rol, "Rol van de betrokkene"),
                               ("Aan&duiding:", self.aanduiding, "Aanduiding van de betrokkene, zoals moeder of kind 1"),
                               ("&Leeftijd:", self.leeftijd, "Leeftijd in jaren"),
                               ("&Geboortejaar:", self.geboortejaar, "Geboortejaar, als je de leeftijd niet weet"),
                               ("Re&latie:", self.relatie, "Relatie tot de andere betrokkenen, zoals partner of zoon")):
            lab = QLabel(label)
            lab.setBuddy(w)
            w.setAccessibleName(naam)
            form.addRow(lab, w)
        lay.addLayout(form)
        row = QHBoxLayout()
        self.add_button = QPushButton("Betrokkene &toevoegen")
        self.add_button.setAccessibleName("Betrokkene toevoegen aan de lijst")
        self.add_button.clicked.connect(self.add_current)
        row.addWidget(self.add_button)
        self.remove_button = QPushButton("Geselecteerde &weghalen")
        self.remove_button.setAccessibleName("Geselecteerde betrokkene weghalen uit de lijst")
        self.remove_button.clicked.connect(self.remove_selected)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        lay.addLayout(row)
        list_label = QLabel("Toegevoegd:")
        self.list = QListWidget()
        self.list.setAccessibleName("Toegevoegde betrokkenen")
        list_label.setBuddy(self.list)
        self.list.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        lay.addWidget(list_label)
        lay.addWidget(self.list)

    def current(self) -> Betrokkene:
        return Betrokkene(rol=self.rol.enum_value(), aanduiding=self.aanduiding.text().strip(),
                          leeftijd=self.leeftijd.int_value(), geboortejaar=self.geboortejaar.int_value(),
                          relatie=self.relatie.text().strip())

    def add_current(self) -> None:
        self.set_betrokkenen([*self._items, self.current()])
        self.aanduiding.clear()
        self.relatie.clear()
        self.leeftijd.setValue(self.leeftijd.minimum())
        self.geboortejaar.setValue(self.geboortejaar.minimum())
        self.rol.setFocus()

    def remove_selected(self) -> None:
        r = self.list.currentRow()
        if 0 <= r < len(self._items):
            self.set_betrokkenen(self._items[:r] + self._items[r + 1:])

    def betrokkenen(self) -> list[Betrokkene]:
        return list(self._items)

    def set_betrokkenen(self, items: list[Betrokkene], *, notify: bool = True) -> None:
        self._items = list(items)
        self.list.clear()
        for b in self._items:
            self.list.addItem(betrokkene_tekst(b))
        if notify:
            self.field_changed.emit()

    def field_value(self) -> list[dict]:
        return [{"rol": b.rol.value, "aanduiding": b.aanduiding, "leeftijd": b.leeftijd,
                 "geboortejaar": b.geboortejaar, "relatie": b.relatie, "gezag": b.gezag, "id": b.id}
                for b in self._items]

    def set_field_value(self, value: Any) -> None:
        items = []
        for d in value or []:
            items.append(Betrokkene(rol=Rol(d["rol"]), aanduiding=d.get("aanduiding", ""), leeftijd=d.get("leeftijd"),
                                    geboortejaar=d.get("geboortejaar"), relatie=d.get("relatie", ""),
                                    gezag=d.get("gezag"), id=d.get("id")))
        self.set_betrokkenen(items, notify=False)


def eigenaar_opties(ws) -> list[tuple[str, str]]:
    """Who may own a new dossier: yourself, and for an aandachtsfunctionaris the colleagues of the own teams."""
    from ghnt_desktop.domain.roles import Actie, mag

    out = [(ws.session.account_id, f"{ws.session.naam} (ikzelf)")]
    if mag(ws.session.rollen, Actie.DOSSIER_TEAM):
        try:
            out += [(aid, naam) for aid, naam in svc.collegas(ws) if aid != ws.session.account_id]
        except UserError:
            pass
    return out


def af_opties(ws) -> list[tuple[str, str]]:
    """(account id, name) of the aandachtsfunctionarissen to choose from: yourself if you are one, plus
    those of your teams (``services.meldcode.aandachtsfunctionarissen``)."""
    from ghnt_desktop.domain.roles import Rol as AccountRol

    out: list[tuple[str, str]] = []
    if AccountRol.AANDACHTSFUNCTIONARIS in ws.session.rollen:
        out.append((ws.session.account_id, f"{ws.session.naam} (ikzelf)"))
    try:
        for aid, naam in svc.aandachtsfunctionarissen(ws):
            if aid not in {o[0] for o in out}:
                out.append((aid, naam))
    except UserError:
        pass
    return out


class NewDossierDialog(QDialog):
    """``dossier=None``: a new dossier (``maak``); else change its header (``wijzig_kop``)."""

    def __init__(self, ws, parent=None, *, dossier: Any = None, ask_restore=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.dossier = dossier
        self.dossier_id: int | None = None
        nieuw = dossier is None
        title = "Nieuw meldcodedossier" if nieuw else "Gegevens van het dossier wijzigen"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.fields = FieldSet(self)
        self.referentie = QLineEdit()
        self.referentie.setAccessibleName("Cliëntreferentie")
        self.referentie.setAccessibleDescription(REFERENTIE_UITLEG)
        self.referentie.setPlaceholderText("bijvoorbeeld het registratienummer")
        lab = QLabel("&Cliëntreferentie:")
        lab.setBuddy(self.referentie)
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(self.referentie)
        self.referentie_uitleg = wrap_label(REFERENTIE_UITLEG, name="Uitleg bij de cliëntreferentie")
        v.addWidget(self.referentie_uitleg)
        form.addRow(lab, box)
        self.gemeente = QComboBox()
        self.gemeente.setAccessibleName("Gemeente")
        if len(ws.gemeenten()) > 1:
            self.gemeente.addItem("Kies een gemeente", None)  # no silent default: a wrong gemeente skews the figures
        for code, naam in ws.gemeenten():
            self.gemeente.addItem(f"{naam} ({code})", code)
        lab = QLabel("&Gemeente:")
        lab.setBuddy(self.gemeente)
        form.addRow(lab, self.gemeente)
        self.vormen = VormenList()
        self.vormen.setAccessibleName("Vormen van geweld (meer keuzes mogelijk)")
        lab = QLabel("V&orm van geweld\n(meer keuzes mogelijk, spatiebalk kiest):")
        lab.setBuddy(self.vormen)
        form.addRow(lab, self.vormen)
        self.eigenaar = QLabel(ws.session.naam if nieuw else (dossier.eigenaar or "–"))
        self.eigenaar.setAccessibleName("Eigenaar van het dossier")
        self.eigenaar_keuze = None
        opties = eigenaar_opties(ws) if nieuw else []
        if len(opties) > 1:  # an aandachtsfunctionaris can make a dossier for a colleague
            self.eigenaar_keuze = QComboBox()
            self.eigenaar_keuze.setAccessibleName("Eigenaar van het dossier")
            for aid, naam in opties:
                self.eigenaar_keuze.addItem(naam, aid)
            self.eigenaar_keuze.setCurrentIndex(max(0, self.eigenaar_keuze.findData(ws.session.account_id)))
            lab = QLabel("&Eigenaar:")
            lab.setBuddy(self.eigenaar_keuze)
            form.addRow(lab, self.eigenaar_keuze)
        else:
            form.addRow(QLabel("Eigenaar:"), self.eigenaar)
        self.af = QComboBox()
        self.af.setAccessibleName("Aandachtsfunctionaris")
        self.af.addItem("Nog niet gekozen", None)
        for aid, naam in af_opties(ws):
            self.af.addItem(naam, aid)
        lab = QLabel("Aa&ndachtsfunctionaris:")
        lab.setBuddy(self.af)
        form.addRow(lab, self.af)
        lay.addLayout(form)
        self.betrokkenen = BetrokkenenEditor()
        lay.addWidget(self.betrokkenen)
        self.error = wrap_label("", name="Foutmelding")
        self.error.setObjectName("foutmelding")
        lay.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton("Dossier &maken" if nieuw else "&Opslaan", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setAccessibleName("Dossier maken" if nieuw else "Opslaan")
        self.ok_button.setDefault(True)
        cancel = buttons.addButton("Annu&leren", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAccessibleName("Annuleren")
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        for name, w in (("client_referentie", self.referentie), ("gemeente_code", self.gemeente),
                        ("vormen", self.vormen), ("aandachtsfunctionaris_id", self.af),
                        ("betrokkenen", self.betrokkenen)):
            self.fields.add(name, w)
        if not nieuw:
            self.referentie.setText(dossier.client_referentie)
            self.referentie.setReadOnly(True)
            i = self.gemeente.findData(dossier.gemeente_code)
            if i >= 0:
                self.gemeente.setCurrentIndex(i)
            self.vormen.set_field_value([v.value for v in dossier.vormen])
            self.betrokkenen.set_betrokkenen(list(dossier.betrokkenen), notify=False)
            af_id = svc.dossier_info(ws, dossier.id).aandachtsfunctionaris_id
            if af_id:
                if self.af.findData(af_id) < 0:
                    self.af.addItem(dossier.aandachtsfunctionaris or "Aandachtsfunctionaris", af_id)
                self.af.setCurrentIndex(self.af.findData(af_id))
        self.fields.remember_defaults()
        self.saver = DebouncedSaver(self.save_draft, parent=self)
        if nieuw:
            self.fields.changed.connect(self.saver.touch)
            self._offer_restore(ask_restore)
        self.resize(640, 720)
        self.referentie.setFocus()

    # -- drafts ----------------------------------------------------------
    def _offer_restore(self, ask_restore) -> None:
        try:
            drafts = svc.concepten(self.ws, None)
        except UserError:
            return
        if DRAFT_KEY not in drafts:
            return
        inhoud, tijdstip = drafts[DRAFT_KEY]
        if ask_restore is None:
            ok = ask_box(self.parent(), tijdstip)
        else:
            ok = ask_restore(tijdstip)
        if ok:
            self.fields.set_values(inhoud.get("waarden", {}))
        elif ok is False:
            svc.wis_concept(self.ws, None, DRAFT_KEY)

    def save_draft(self) -> None:
        if self.fields.is_default():
            svc.wis_concept(self.ws, None, DRAFT_KEY)
            return
        try:
            svc.bewaar_concept(self.ws, None, DRAFT_KEY, {"waarden": self.fields.values()})
        except UserError as exc:
            self.error.setText(f"Automatisch bewaren lukte niet: {exc}")

    def flush(self) -> None:
        self.saver.flush()

    # -- accept ----------------------------------------------------------
    def try_accept(self) -> None:
        ref = self.referentie.text().strip()
        problemen = []
        if not ref:
            problemen.append("Vul een cliëntreferentie in.")
        if self.gemeente.currentData() is None:
            problemen.append("Kies een gemeente.")
        if problemen:
            self.error.setText(" ".join(problemen))
            (self.referentie if not ref else self.gemeente).setFocus()
            return
        if self.dossier is None and lijkt_op_naam(ref) and not confirm(
                self, "Lijkt op een naam",
                "De cliëntreferentie lijkt op een voor- en achternaam. Gebruik liever een registratienummer. "
                "Toch deze referentie gebruiken?", yes="Toch &gebruiken", no="Aa&npassen"):
            self.referentie.setFocus()
            return
        try:
            if self.dossier is None:
                self.dossier_id = svc.maak(self.ws, client_referentie=ref, gemeente_code=self.gemeente.currentData(),
                                         vormen=self.vormen.vormen(), betrokkenen=self.betrokkenen.betrokkenen(),
                                         aandachtsfunctionaris_id=self.af.currentData(), concept_sleutel=DRAFT_KEY,
                                         eigenaar_id=(self.eigenaar_keuze.currentData()
                                                      if self.eigenaar_keuze is not None else None))
            else:
                self.dossier_id = self.dossier.id
                svc.wijzig_kop(self.ws, self.dossier.id, vormen=self.vormen.vormen(),
                             gemeente_code=self.gemeente.currentData(), betrokkenen=self.betrokkenen.betrokkenen(),
                             aandachtsfunctionaris_id=self.af.currentData() or "")  # "" = none
        except UserError as exc:
            self.error.setText(str(exc))
            return
        self.saver.cancel()  # the draft went in the same transaction as the new dossier
        self.accept()

    def reject(self) -> None:
        self.saver.cancel()
        if self.dossier is None and not self.fields.is_default():
            svc.wis_concept(self.ws, None, DRAFT_KEY)
        super().reject()
