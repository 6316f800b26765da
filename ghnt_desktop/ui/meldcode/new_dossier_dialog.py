"""New dossier (and "Gegevens wijzigen"): client reference, gemeente, forms of violence, betrokkenen.

Unfinished input of a new dossier is kept as a draft (``bewaar_concept`` with dossier id
``None``), so nothing is lost if the app stops halfway. That includes a betrokkene that was typed but not yet
added. The fields scroll; the error line and the buttons stay visible below them, also at 200 % text on a
768-pixel screen.

Ages are checked, not cut off: an age of 0 to 120 and a birth year from 1900 to this year, with a Dutch message
otherwise. A child as "ouder of gezaghebbende" is asked about (younger than ``KIND_ALS_OUDER``): a parent that
young is almost always a typing error (the age of the child in the parent's field), while parents of 12 to 17
exist and are accepted without a question.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from ghnt_desktop.domain.meldcode import Betrokkene, GeweldsVorm, Rol
from ghnt_desktop.errors import UserError
from ghnt_desktop.services import meldcode as svc
from ghnt_desktop.ui.a11y import MessageLabel
from ghnt_desktop.ui.meldcode.autosave import DebouncedSaver, FieldSet
from ghnt_desktop.ui.meldcode.widgets import (EnumCombo, FitList, GetalVeld, ScrollBody, fit_to_screen, guard_wheel,
                                              set_reading_order, wrap_label)
from ghnt_desktop.ui.meldcode.widgets import ask_restore as ask_box
from ghnt_desktop.ui.messages import confirm

#: Younger than this as "ouder of gezaghebbende": asked whether that is right (see the module text).
KIND_ALS_OUDER = 12
MAX_LEEFTIJD = 120
EERSTE_GEBOORTEJAAR = 1900

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


class VormenList(FitList):
    """Forms of violence, each a check box (Space toggles). As high as all its rows: it never covers the next
    row of the form."""

    field_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(len(GeweldsVorm), parent)
        for v in GeweldsVorm:
            it = QListWidgetItem(v.label)
            it.setData(Qt.ItemDataRole.UserRole, v.value)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(it)
        self.itemChanged.connect(lambda _it: self.field_changed.emit())

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


def leeftijd_fout(n: int) -> str:
    return f"Een leeftijd van {n} jaar kan niet. Vul een leeftijd in van 0 tot en met {MAX_LEEFTIJD} jaar."


def geboortejaar_fout(n: int) -> str:
    jaar = date.today().year
    if n > jaar:
        return f"Het geboortejaar {n} ligt in de toekomst. Vul een jaar in tot en met {jaar}."
    return f"Vul een geboortejaar in vanaf {EERSTE_GEBOORTEJAAR}."


class BetrokkeneInvoer(QWidget):
    """The fields of one betrokkene being typed (not yet added): role, label, age or birth year, relation."""

    field_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.rol = EnumCombo(Rol)
        self.aanduiding = QLineEdit()
        self.leeftijd = GetalVeld("Leeftijd in jaren", 0, MAX_LEEFTIJD, leeftijd_fout, voorbeeld="34")
        self.geboortejaar = GetalVeld("Geboortejaar", EERSTE_GEBOORTEJAAR, date.today().year, geboortejaar_fout,
                                      voorbeeld="1990")
        self.relatie = QLineEdit()
        for label, w, naam in (("&Rol:", self.rol, "Rol van de betrokkene"),
                               ("Aan&duiding:", self.aanduiding, "Aanduiding van de betrokkene, zoals moeder of kind 1"),
                               ("Leeft&ijd:", self.leeftijd, "Leeftijd in jaren"),
                               ("Geboorte&jaar:", self.geboortejaar, "Geboortejaar, als je de leeftijd niet weet"),
                               ("Rela&tie:", self.relatie, "Relatie tot de andere betrokkenen, zoals partner of zoon")):
            lab = QLabel(label)
            lab.setBuddy(w.focusProxy() or w)
            w.setAccessibleName(naam)
            form.addRow(lab, w)
        self.rol.currentIndexChanged.connect(lambda _i: self.field_changed.emit())
        for w in (self.aanduiding, self.relatie):
            w.textChanged.connect(lambda _t: self.field_changed.emit())
        for w in (self.leeftijd, self.geboortejaar):
            w.field_changed.connect(self.field_changed.emit)

    def is_empty(self) -> bool:
        return not any(t.strip() for t in (self.aanduiding.text(), self.relatie.text(), self.leeftijd.text(),
                                           self.geboortejaar.text()))

    def clear(self) -> None:
        self.aanduiding.clear()
        self.relatie.clear()
        self.leeftijd.clear()
        self.geboortejaar.clear()

    def field_value(self) -> dict:
        """What was typed, as typed (a wrong age stays as it was written)."""
        return {"rol": self.rol.currentData(), "aanduiding": self.aanduiding.text(),
                "leeftijd": self.leeftijd.text(), "geboortejaar": self.geboortejaar.text(),
                "relatie": self.relatie.text()}

    def set_field_value(self, value: Any) -> None:
        value = value or {}
        i = self.rol.findData(value.get("rol"))
        self.rol.setCurrentIndex(i if i >= 0 else 0)
        self.aanduiding.setText(value.get("aanduiding") or "")
        self.leeftijd.set_field_value(value.get("leeftijd") or None)
        self.geboortejaar.set_field_value(value.get("geboortejaar") or None)
        self.relatie.setText(value.get("relatie") or "")


class BetrokkenenEditor(QGroupBox):
    """Who is involved: role, a pseudonymous label, age or birth year, relation."""

    field_changed = Signal()

    def __init__(self, parent=None, *, ask=confirm) -> None:
        super().__init__("Betrokkenen", parent)
        self.setAccessibleName("Betrokkenen")
        self._ask = ask
        self._items: list[Betrokkene] = []
        lay = QVBoxLayout(self)
        lay.addWidget(wrap_label("Gebruik een aanduiding zoals 'moeder', 'vader' of 'kind 1', geen namen. "
                                 "Vul de leeftijd of het geboortejaar in: dan weet de app of de kindcheck nodig is."))
        self.invoer = BetrokkeneInvoer()
        self.rol, self.aanduiding, self.relatie = self.invoer.rol, self.invoer.aanduiding, self.invoer.relatie
        self.leeftijd, self.geboortejaar = self.invoer.leeftijd, self.invoer.geboortejaar
        lay.addWidget(self.invoer)
        self.error = MessageLabel("Foutmelding", error=True)
        self.error.hide()
        lay.addWidget(self.error)
        row = QHBoxLayout()
        self.add_button = QPushButton("Betrokkene toe&voegen")
        self.add_button.setAccessibleName("Betrokkene toevoegen aan de lijst")
        self.add_button.clicked.connect(self.add_current)
        row.addWidget(self.add_button)
        self.remove_button = QPushButton("Geselecteerde &weghalen")
        self.remove_button.setAccessibleName("Geselecteerde weghalen")
        self.remove_button.setAccessibleDescription("De gekozen betrokkene uit de lijst halen")
        self.remove_button.clicked.connect(self.remove_selected)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        lay.addLayout(row)
        list_label = QLabel("Toegevoegd:")
        self.list = FitList(8)
        self.list.setAccessibleName("Toegevoegde betrokkenen")
        list_label.setBuddy(self.list)
        lay.addWidget(list_label)
        lay.addWidget(self.list)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def current(self) -> Betrokkene:
        return Betrokkene(rol=self.rol.enum_value(), aanduiding=self.aanduiding.text().strip(),
                          leeftijd=self.leeftijd.value(), geboortejaar=self.geboortejaar.value(),
                          relatie=self.relatie.text().strip())

    def check_current(self) -> bool:
        """The typed ages make sense; a child as parent is asked about. False: not added, focus on the field."""
        self.show_error("")
        for veld in (self.leeftijd, self.geboortejaar):
            if not veld.check():
                self.show_error(veld.problem())
                veld.setFocus()
                return False
        b = self.current()
        jaar = date.today().year
        if b.leeftijd is not None and b.geboortejaar is not None and abs(jaar - b.geboortejaar - b.leeftijd) > 1:
            self.show_error(f"De leeftijd ({b.leeftijd}) en het geboortejaar ({b.geboortejaar}) passen niet bij "
                            "elkaar. Vul er één in, of pas ze aan.")
            self.leeftijd.setFocus()
            return False
        leeftijd = b.leeftijd_op(date.today())
        if b.rol is Rol.OUDER_GEZAGHEBBENDE and leeftijd is not None and leeftijd < KIND_ALS_OUDER:
            if not self._ask(self, "Klopt de leeftijd?",
                             f"Je vult een ouder of gezaghebbende in van {leeftijd} jaar. Dat is een kind. "
                             "Klopt dat?", yes="Ja, het klopt", no="Nee, aanpassen"):
                (self.leeftijd if b.leeftijd is not None else self.geboortejaar).setFocus()
                return False
        return True

    def add_current(self) -> None:
        if not self.check_current():
            return
        self.set_betrokkenen([*self._items, self.current()])
        self.invoer.clear()
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
        self.scroll = ScrollBody(title)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
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
        self.eigenaar.setAccessibleDescription("Eigenaar van het dossier")  # the name stays the visible text
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
            self.eigenaar.setWordWrap(True)
            form.addRow(QLabel("Eigenaar:"), self.eigenaar)
        self.af = QComboBox()
        self.af.setAccessibleName("Aandachtsfunctionaris")
        self.af.addItem("Nog niet gekozen", None)
        for aid, naam in af_opties(ws):
            self.af.addItem(naam, aid)
        lab = QLabel("Aa&ndachtsfunctionaris:")
        lab.setBuddy(self.af)
        form.addRow(lab, self.af)
        self.scroll.body.addLayout(form)
        self.betrokkenen = BetrokkenenEditor()
        self.scroll.body.addWidget(self.betrokkenen)
        self.scroll.body.addStretch(1)
        lay.addWidget(self.scroll, 1)
        self.error = MessageLabel("Foutmelding", error=True)
        lay.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton("Dossier &maken" if nieuw else "Op&slaan", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setAccessibleName("Dossier maken" if nieuw else "Opslaan")
        self.ok_button.setDefault(True)
        cancel = buttons.addButton("Annu&leren", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAccessibleName("Annuleren")
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        for name, w in (("client_referentie", self.referentie), ("gemeente_code", self.gemeente),
                        ("vormen", self.vormen), ("aandachtsfunctionaris_id", self.af),
                        ("betrokkenen", self.betrokkenen), ("betrokkene_invoer", self.betrokkenen.invoer)):
            self.fields.add(name, w)
        if self.eigenaar_keuze is not None:
            self.fields.add("eigenaar_id", self.eigenaar_keuze)
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
        guard_wheel(self)
        set_reading_order(self)
        fit_to_screen(self, 640, 720)
        self.referentie.setFocus()

    # -- locking ---------------------------------------------------------
    def lock_state(self) -> dict:
        """Everything typed or chosen, to show "Gegevens wijzigen" again after the screen was locked."""
        return self.fields.values()

    def restore(self, state: dict) -> None:
        self.fields.set_values(state)

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
        if not self.betrokkenen.invoer.is_empty():  # never drop a betrokkene that was typed but not added
            self.error.setText("Je hebt een betrokkene ingevuld, maar nog niet toegevoegd. Klik op 'Betrokkene "
                               "toevoegen', of maak die velden leeg.")
            self.scroll.ensureWidgetVisible(self.betrokkenen.add_button)
            self.betrokkenen.add_button.setFocus()
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
