"""Stap 1: signalen in kaart brengen, signalenlijsten, risico- en beschermende factoren, kindcheck, acuut."""
from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialogButtonBox, QFormLayout, QFrame, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QListWidgetItem, QPushButton, QScrollArea, QVBoxLayout, QWidget)

from ghnt_desktop.domain.meldcode import (Acuut, GeweldsVorm, Herkomst, KinderenInHuishouden, Kindcheck, Richting,
                                          Signaal, SignaalSoort, VervolgStatus, kindcheck_nodig)
from ghnt_desktop.errors import ValidationError
from ghnt_desktop.ui.a11y import MessageLabel
from ghnt_desktop.ui.acute_dialog import AcuteDialog
from ghnt_desktop.ui.meldcode.widgets import (ChoiceButtons, EnumCombo, FitList, GetalVeld, RecordForm, RecordList,
                                              StepPage, TextArea, content, datum_veld, fit_to_screen, fmt_date, fmt_dt,
                                              opt_date, opt_enum, set_reading_order, split_list, text, wrap_label)

ACUUT_PREFIX = "Acuut gevaar"
MAX_KINDEREN = 20


class SignaalForm(RecordForm):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, "signaal", "Nieuw signaal", parent=parent,
                         intro="Schrijf zo feitelijk mogelijk op wat er is gezien of gehoord. Een gedachte of "
                               "vermoeden markeer je als interpretatie.")
        self.add_row("omschrijving", "Wat is er ge&zien, gehoord of gemerkt?", TextArea(3), "Omschrijving van het signaal")
        self.add_row("soort", "&Feit of interpretatie?",
                     ChoiceButtons([(s, s.label) for s in SignaalSoort]), "Feit of interpretatie")
        self.add_row("herkomst", "Wie heeft het gezien of gehoord?",
                     ChoiceButtons([(h, h.label) for h in Herkomst]), "Herkomst van het signaal")
        self.add_row("bron", "B&ron (van wie?):", QLineEdit(), "Bron van het signaal",
                     help_text="Verplicht als je het van iemand anders hebt, bijvoorbeeld 'buurvrouw' of 'juf van school'.")
        self.add_row("richting", "&Past het bij het vermoeden?",
                     ChoiceButtons([(r, r.label) for r in Richting]), "Past het signaal bij het vermoeden")
        self.add_row("datum_waargenomen", "&Datum gezien of gehoord:",
                     datum_veld("Datum gezien of gehoord", verleden="De datum waarop het is gezien of gehoord"),
                     "Datum gezien of gehoord")
        self.add_row("datum_vastgelegd", "Datum vastgelegd:",
                     datum_veld("Datum vastgelegd", verleden="De datum van vastleggen"), "Datum vastgelegd")
        self.add_row("vorm", "V&orm van geweld:", EnumCombo(GeweldsVorm, empty="Geen bepaalde vorm"), "Vorm van geweld")
        self.add_row("letsel", "", QCheckBox("Er is &letsel gezien"), "Er is letsel gezien")
        acuut = QCheckBox("Dit is een teken van ac&uut gevaar")
        self.add_row("acuut", "", acuut, "Dit is een teken van acuut gevaar")
        self.checklist_id = QLineEdit(self)
        self.checklist_id.hide()
        self.fields.add("checklist_id", self.checklist_id)
        self.fields["soort"].button_for(SignaalSoort.FEIT).setChecked(True)
        self.fields["herkomst"].button_for(Herkomst.EIGEN_WAARNEMING).setChecked(True)
        self.fields["richting"].button_for(Richting.BEVESTIGT).setChecked(True)
        self.auteur = wrap_label(f"Vastgelegd door: {ctx.ws.session.naam}")
        self.form.addRow(self.auteur)
        acuut.clicked.connect(self._acuut_clicked)
        self.finish()

    def _acuut_clicked(self, on: bool) -> None:
        if on:
            omschrijving = text(self.fields.values(), "omschrijving")
            self.ctx.acute_route(f"Teken van acuut gevaar bij een signaal{': ' + omschrijving if omschrijving else ''}")

    def build(self, v: dict) -> Signaal:
        omschrijving = text(v, "omschrijving")
        if not omschrijving:
            raise ValidationError("Beschrijf eerst wat er is gezien of gehoord.")
        herkomst = Herkomst(v.get("herkomst") or Herkomst.EIGEN_WAARNEMING.value)
        return Signaal(
            omschrijving=omschrijving,
            soort=SignaalSoort(v.get("soort") or SignaalSoort.FEIT.value),
            herkomst=herkomst,
            bron=text(v, "bron"),
            richting=Richting(v.get("richting") or Richting.BEVESTIGT.value),
            datum_waargenomen=opt_date(v, "datum_waargenomen"),
            datum_vastgelegd=opt_date(v, "datum_vastgelegd") or date.today(),
            auteur=self.ctx.ws.session.naam,
            letsel=bool(v.get("letsel")),
            acuut=bool(v.get("acuut")),
            vorm=opt_enum(GeweldsVorm, v, "vorm"),
            checklist_id=text(v, "checklist_id") or None,
        )

    def to_values(self, record) -> dict:
        values = super().to_values(record)
        values["checklist_id"] = record.checklist_id or ""
        return values

    def prefill(self, omschrijving: str, *, vorm: GeweldsVorm | None = None, acuut: bool = False,
                checklist_id: str = "", richting: Richting = Richting.BEVESTIGT) -> None:
        values = {"omschrijving": omschrijving, "checklist_id": checklist_id, "acuut": acuut,
                  "richting": richting.value}
        if vorm is not None:
            values["vorm"] = vorm.value
        self.fields.set_values(values, quiet=False)
        self.fields["omschrijving"].setFocus()
        self.fields["omschrijving"].moveCursor(self.fields["omschrijving"].textCursor().MoveOperation.End)


class KindcheckForm(RecordForm):
    """One kindcheck per dossier: saving again stores a new version (history kept)."""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, "kindcheck", "Kindcheck", button_text="Kindcheck va&stleggen", parent=parent,
                         intro="Werk je met een volwassene? Kijk dan of er kinderen zijn die van deze volwassene "
                               "afhankelijk zijn, wie voor hen zorgt en of er een netwerk is dat kan helpen.")
        self.add_row("kinderen_in_huishouden", "Ki&nderen in het huishouden?", EnumCombo(KinderenInHuishouden),
                     "Zijn er kinderen in het huishouden")
        self.fields["kinderen_in_huishouden"].setCurrentIndex(
            self.fields["kinderen_in_huishouden"].findData(KinderenInHuishouden.ONBEKEND.value))
        self.add_row("aantal", "Aantal kinderen:",
                     GetalVeld("Aantal kinderen", 0, MAX_KINDEREN, voorbeeld="2",
                               fout=lambda n: f"Vul een aantal kinderen in van 0 tot en met {MAX_KINDEREN}."),
                     "Aantal kinderen")
        self.add_row("leeftijden", "Leeftijden (met komma's):", QLineEdit(), "Leeftijden van de kinderen, met komma's")
        self.add_row("wie_zorgt", "Wie zorgt voor de kinderen?", QLineEdit(), "Wie zorgt voor de kinderen")
        self.add_row("kan_client_zorgen", "Kan de cliënt voor de kinderen zorgen?", QLineEdit(),
                     "Kan de cliënt voor de kinderen zorgen")
        self.add_row("netwerk", "Netwerk dat kan helpen:", QLineEdit(), "Netwerk dat kan helpen")
        self.add_row("toelichting", "Toelichting:", TextArea(2), "Toelichting bij de kindcheck")
        self.add_row("vervolg", "Vervolg dat nodig is:", QLineEdit(), "Vervolg dat nodig is")
        self.add_row("vervolg_status", "Stand van het vervolg:", EnumCombo(VervolgStatus), "Stand van het vervolg")
        self.add_row("vervolg_datum", "Datum van het vervolg:", datum_veld("Datum van het vervolg", vandaag_als_start=False),
                     "Datum van het vervolg")
        self.add_row("datum", "Datum kindcheck:", datum_veld("Datum kindcheck", verleden="De datum van de kindcheck"),
                     "Datum van de kindcheck")
        self.existing_id: int | None = None
        self.finish()

    def build(self, v: dict) -> Kindcheck:
        try:
            leeftijden = tuple(int(x) for x in split_list(v.get("leeftijden", "")))
        except ValueError:
            raise ValidationError("Vul bij de leeftijden alleen getallen in, met komma's ertussen, "
                                  "bijvoorbeeld: 3, 7.") from None
        te_oud = [n for n in leeftijden if not 0 <= n < 18]
        if te_oud:
            raise ValidationError(f"Leeftijd {te_oud[0]}: de kindcheck gaat over kinderen jonger dan 18 jaar. "
                                  "Vul leeftijden in van 0 tot en met 17.")
        aantal = self.fields["aantal"].value()
        return Kindcheck(
            kinderen_in_huishouden=KinderenInHuishouden(v["kinderen_in_huishouden"]),
            aantal=aantal, leeftijden=leeftijden, wie_zorgt=text(v, "wie_zorgt"),
            kan_client_zorgen=text(v, "kan_client_zorgen"), netwerk=text(v, "netwerk"),
            toelichting=text(v, "toelichting"), vervolg=text(v, "vervolg"),
            vervolg_status=VervolgStatus(v["vervolg_status"]), vervolg_datum=opt_date(v, "vervolg_datum"),
            datum=opt_date(v, "datum"), auteur=self.ctx.ws.session.naam)

    def load_existing(self, kindcheck: Kindcheck | None) -> None:
        """Show the stored kindcheck (unless the user is typing a change)."""
        self.existing_id = kindcheck.id if kindcheck else None
        if self.correcting is None and self.fields.is_default():
            if kindcheck is not None:
                self.fields.set_values(self.to_values(kindcheck))
                self.fields.remember_defaults()

    def submit(self) -> None:
        if self.correcting is None and self.existing_id is not None:
            self.correcting = self.existing_id
        super().submit()


class AcuteRouteDialog(AcuteDialog):
    """The acute panel (112 / Veilig Thuis) plus: why the accelerated route is taken, and what was done.

    Everything but the buttons and the error line scrolls, so the dialog fits a 768-pixel screen at 200 % text.
    """

    def __init__(self, reden: str = "", parent=None, ws=None, *, actie: str = "") -> None:
        super().__init__(parent, ws)
        lay = self.layout()
        buttons = self.findChild(QDialogButtonBox)
        box = QGroupBox("Versnelde route vastleggen")
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.reden = TextArea(2)
        self.reden.setPlainText(reden)
        self.reden.setAccessibleName("Waarom kies je de versnelde route")
        lab = QLabel("&Waarom de versnelde route?")
        lab.setBuddy(self.reden)
        form.addRow(lab, self.reden)
        self.actie = TextArea(2)
        self.actie.setPlainText(actie)
        self.actie.setAccessibleName("Wat heb je gedaan, bijvoorbeeld 112 of Veilig Thuis gebeld")
        lab = QLabel("Wat heb je &gedaan?")
        lab.setBuddy(self.actie)
        form.addRow(lab, self.actie)
        panel = getattr(self, "scroll", None)
        body = panel.widget().layout() if isinstance(panel, QScrollArea) and panel.widget() is not None else None
        if body is not None:  # the panel scrolls already: the form goes in, under the numbers and steps
            at = body.count()
            if at and body.itemAt(at - 1).spacerItem() is not None:
                at -= 1
            body.insertWidget(at, box)
        else:  # move the panel's texts into a scroll area (the buttons stay below it, always visible)
            inner = QWidget()
            inner_lay = QVBoxLayout(inner)
            inner_lay.setContentsMargins(0, 0, 0, 0)
            while lay.count():
                item = lay.takeAt(0)
                if item.widget() is not None and item.widget() is not buttons:
                    inner_lay.addWidget(item.widget())
            inner_lay.addWidget(box)
            inner_lay.addStretch(1)
            self.scroll = QScrollArea()
            self.scroll.setWidgetResizable(True)
            self.scroll.setFrameShape(QFrame.Shape.NoFrame)
            self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.scroll.setAccessibleName("Acuut onveilig: wat je nu doet, en de versnelde route")
            self.scroll.setWidget(inner)
            lay.addWidget(self.scroll, 1)
            lay.addWidget(buttons)
        self.error = MessageLabel("Foutmelding", error=True)
        lay.insertWidget(lay.indexOf(buttons), self.error)
        self.record_button = buttons.addButton("Versnelde route va&stleggen", QDialogButtonBox.ButtonRole.AcceptRole)
        self.record_button.setAccessibleName("Versnelde route vastleggen")
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Sluiten &zonder vastleggen")
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Sluiten zonder vastleggen")
        buttons.accepted.connect(self._accept)
        set_reading_order(self)
        fit_to_screen(self, 600, 680)

    def _accept(self) -> None:
        if not self.reden.toPlainText().strip():
            self.error.setText("Schrijf op waarom je de versnelde route kiest.")
            self.reden.setFocus()
            return
        self.accept()

    def lock_state(self) -> dict:
        """What was typed, to show the dialog again after the screen was locked."""
        return {"reden": self.reden.toPlainText(), "actie": self.actie.toPlainText()}

    def record(self, auteur: str) -> Acuut:
        return Acuut(reden=self.reden.toPlainText().strip(), tijdstip=datetime.now(),
                     actie=self.actie.toPlainText().strip(), auteur=auteur)


class Checklist(QGroupBox):
    """Signal list per form of violence (from signalen.json), with its caveats."""

    def __init__(self, page: "Step1Signalen") -> None:
        super().__init__("Signalenlijst")
        self.page = page
        self._loading = False
        c = content().signalen
        lay = QVBoxLayout(self)
        lay.addWidget(wrap_label(" ".join(c.let_op), name="Let op bij de signalenlijst"))
        row = QHBoxLayout()
        self.vorm = QComboBox()
        self.vorm.setAccessibleName("Signalenlijst voor vorm van geweld")
        for lijst in c.lijsten:
            self.vorm.addItem(lijst.label, lijst.vorm.value)
        lab = QLabel("Lijst voor:")
        lab.setBuddy(self.vorm)
        row.addWidget(lab)
        row.addWidget(self.vorm, 1)
        lay.addLayout(row)
        self.unverified = wrap_label("Deze lijst is nog niet gecontroleerd door deskundigen. Gebruik hem als "
                                     "geheugensteun.", name="Lijst niet gecontroleerd")
        lay.addWidget(self.unverified)
        self.list = FitList(16)
        self.list.setAccessibleName("Signalen uit de lijst: vink aan wat je ziet")
        lay.addWidget(wrap_label("Vink aan wat je ziet (spatiebalk). Dan komt het signaal in het formulier hierboven; "
                                 "vul het aan en klik op Toevoegen. Bij een teken van acuut gevaar opent meteen "
                                 "het scherm 'Acuut onveilig?'."))
        lay.addWidget(self.list)
        self.vorm.currentIndexChanged.connect(lambda _i: self.fill())
        self.list.itemChanged.connect(self._item_changed)
        self._recorded: set[str] = set()
        self.fill()

    def select_vorm(self, vormen) -> None:
        if not vormen:
            return
        current = self.vorm.currentData()
        if current in {v.value for v in vormen}:
            return
        first = sorted(v.value for v in vormen)[0]
        self.vorm.setCurrentIndex(self.vorm.findData(first))

    def set_recorded(self, checklist_ids: set[str]) -> None:
        self._recorded = checklist_ids
        self.fill()

    def fill(self) -> None:
        lijst = content().signalen.lijst(GeweldsVorm(self.vorm.currentData()))
        self.unverified.setVisible(not lijst.geverifieerd)
        self._loading = True
        try:
            self.list.clear()
            for s in lijst.signalen:
                tekst = f"{ACUUT_PREFIX}: {s.tekst}" if s.acuut else s.tekst
                if s.id in self._recorded:
                    tekst += " (vastgelegd)"
                it = QListWidgetItem(tekst)
                it.setData(Qt.ItemDataRole.UserRole, s.id)
                it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                it.setCheckState(Qt.CheckState.Checked if s.id in self._recorded else Qt.CheckState.Unchecked)
                self.list.addItem(it)
        finally:
            self._loading = False

    def item_for(self, checklist_id: str) -> QListWidgetItem:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == checklist_id:
                return self.list.item(i)
        raise KeyError(checklist_id)

    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._loading or item.checkState() != Qt.CheckState.Checked:
            return
        sid = item.data(Qt.ItemDataRole.UserRole)
        if sid in self._recorded:
            return
        s = content().signalen.signaal(sid)
        self.page.signaal_form.prefill(s.tekst, vorm=s.vorm, acuut=s.acuut, checklist_id=s.id)
        if s.acuut:
            self.page.ctx.acute_route(f"Acuut signaal uit de signalenlijst: {s.tekst}")


class FactorList(QGroupBox):
    """Risk and protective factors: reference lists; Enter puts one in the signal form."""

    def __init__(self, page: "Step1Signalen") -> None:
        super().__init__("Risicofactoren en beschermende factoren")
        self.page = page
        c = content().signalen
        lay = QVBoxLayout(self)
        lay.addWidget(wrap_label("Kijk ook naar wat het risico groter maakt en naar wat beschermt. Kies een factor en "
                                 "druk op Enter (of klik op de knop) om hem als signaal vast te leggen."))
        self.risico = FitList(12)
        self.risico.setAccessibleName("Risicofactoren")
        self.beschermend = FitList(12)
        self.beschermend.setAccessibleName("Beschermende factoren")
        for lst, items in ((self.risico, c.risicofactoren), (self.beschermend, c.beschermende_factoren)):
            lst.addItems(list(items))
        lab = QLabel("Risicofactoren:")
        lab.setBuddy(self.risico)
        lay.addWidget(lab)
        lay.addWidget(self.risico)
        b1 = QPushButton("Risicofactor als signaal vastleggen")
        b1.setAccessibleName("Gekozen risicofactor als signaal vastleggen")
        b1.clicked.connect(lambda: self.use(self.risico.currentItem(), True))
        lay.addWidget(b1)
        lab = QLabel("Beschermende factoren:")
        lab.setBuddy(self.beschermend)
        lay.addWidget(lab)
        lay.addWidget(self.beschermend)
        b2 = QPushButton("Beschermende factor als signaal vastleggen")
        b2.setAccessibleName("Gekozen beschermende factor als signaal vastleggen")
        b2.clicked.connect(lambda: self.use(self.beschermend.currentItem(), False))
        lay.addWidget(b2)
        self.risico.itemActivated.connect(lambda it: self.use(it, True))
        self.beschermend.itemActivated.connect(lambda it: self.use(it, False))

    def use(self, item: QListWidgetItem | None, risico: bool) -> None:
        if item is None:
            return
        prefix = "Risicofactor" if risico else "Beschermende factor"
        self.page.signaal_form.prefill(f"{prefix}: {item.text()}",
                                       richting=Richting.BEVESTIGT if risico else Richting.ONTKRACHT)


def signaal_tekst(i: int, s: Signaal) -> str:
    delen = [f"{i}. {s.omschrijving}", s.soort.label, s.herkomst.label + (f" (bron: {s.bron})" if s.bron else ""),
             s.richting.label, f"gezien op {fmt_date(s.datum_waargenomen)}",
             f"vastgelegd op {fmt_date(s.datum_vastgelegd)} door {s.auteur or '–'}"]
    if s.letsel:
        delen.append("letsel gezien")
    if s.acuut:
        delen.append("TEKEN VAN ACUUT GEVAAR")
    return " – ".join(delen)


class Step1Signalen(StepPage):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, 1, parent)
        self.signaal_form = self.add_form(SignaalForm(ctx))
        self.body.addWidget(self.signaal_form)
        self.signalen = RecordList("Vastg&elegde signalen:", self.signaal_form)
        self.body.addWidget(self.signalen)
        self.checklist = Checklist(self)
        self.body.addWidget(self.checklist)
        self.factoren = FactorList(self)
        self.body.addWidget(self.factoren)
        self.kindcheck_note = wrap_label("", name="Is de kindcheck nodig")
        self.body.addWidget(self.kindcheck_note)
        self.kindcheck_form = self.add_form(KindcheckForm(ctx))
        self.body.addWidget(self.kindcheck_form)
        self.acuut_list = RecordList("Versnelde route (acuut gevaar):")
        self.body.addWidget(self.acuut_list)
        self.finish()

    def update_records(self, d) -> None:
        self.signalen.set_records(d.signalen, signaal_tekst, empty="Nog geen signalen vastgelegd.")
        self.checklist.select_vorm(d.vormen)
        self.checklist.set_recorded({s.checklist_id for s in d.signalen if s.checklist_id})
        if kindcheck_nodig(d, date.today()):
            self.kindcheck_note.setText("Kindcheck: nodig. Er is een volwassene betrokken (of de leeftijd is "
                                        "niet bekend).")
        else:
            self.kindcheck_note.setText("Kindcheck: er is (nog) geen volwassen cliënt vastgelegd. Werk je toch met een "
                                        "volwassene? Vul de kindcheck dan in.")
        self.kindcheck_form.load_existing(d.kindcheck)
        self.acuut_list.set_records(
            d.acuut, lambda i, a: f"{i}. {fmt_dt(a.tijdstip)} door {a.auteur or '–'}: {a.reden}"
                                  + (f" – gedaan: {a.actie}" if a.actie else ""),
            empty="Niet nodig geweest.")

    def form_for_code(self, code: str):
        if code.startswith("kindcheck"):
            return self.kindcheck_form
        return self.signaal_form
