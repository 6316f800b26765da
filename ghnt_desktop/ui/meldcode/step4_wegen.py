"""Stap 4: wegen. Afweging 1 (vermoeden?) and 2 (acute of structurele onveiligheid?), definitions at hand,
"Twijfel? Raadpleeg Veilig Thuis", and a risk instrument as support (never as a verdict)."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout)

from ghnt_desktop.domain.meldcode import AfwegingAntwoord
from ghnt_desktop.errors import UserError, ValidationError
from ghnt_desktop.services import meldcode as svc
from ghnt_desktop.ui.a11y import MessageLabel
from ghnt_desktop.ui.meldcode.step2_consultatie import contacten_html, vt_advies
from ghnt_desktop.ui.meldcode.widgets import (ChoiceButtons, Notice, RecordForm, StepPage, TextArea, afwegingen_stap_4,
                                              ScrollBody, content, fit_to_screen, fmt_dt, html_escape,
                                              set_reading_order, text, with_mnemonic, wrap_label, yes_no)

#: Alt+letters of the afwegingen on stap 4 ("Antwoord", "Motivatie"); on stap 5 they have none (no letters left).
STAP4_LETTERS = {1: ("n", "e"), 2: ("r", None)}

INSTRUMENT_UITLEG = ("Gebruik je een hulpmiddel, zoals de LIRIK? Schrijf dan op welk en wat eruit kwam. Een "
                     "instrument ondersteunt je afweging, maar beslist niet: jouw motivatie telt.")


def afweging_uitleg_html(nummer: int) -> str:
    t = content().definities.afweging(nummer)
    hulp = "".join(f"<li>{html_escape(h)}</li>" for h in t.hulpvragen)
    check = "" if t.hulpvragen_geverifieerd else " (nog niet gecontroleerd tegen de officiële tekst)"
    return (f"<p><b>{html_escape(t.vraag)}</b></p><p>{html_escape(t.uitleg)}</p>"
            f"<p>Vragen die helpen{check}:</p><ul>{hulp}</ul>"
            f"<p>Bij ja: {html_escape(t.bij_ja)}<br>Bij nee: {html_escape(t.bij_nee)}</p>")


class AfwegingForm(RecordForm):
    """One afweging: ja/nee with a required motivation; author and time are added on saving."""

    def __init__(self, ctx, nummer: int, parent=None, *, hide_until_reached: bool = False,
                 letters: tuple[str | None, str | None] | None = None) -> None:
        """``letters``: Alt+letters for "Antwoord" and "Motivatie", where the page has them to spare."""
        t = content().definities.afweging(nummer)
        super().__init__(ctx, f"afweging_{nummer}", f"Afweging {nummer}: {t.titel}",
                         button_text="Antwoord va&stleggen", parent=parent)
        self.nummer = nummer
        self.hide_until_reached = hide_until_reached
        self.uitleg = wrap_label(afweging_uitleg_html(nummer), name=f"Uitleg bij afweging {nummer}", rich=True)
        self._lay.insertWidget(0, self.uitleg)
        self.current = wrap_label("", name=f"Huidig antwoord op afweging {nummer}")
        self._lay.insertWidget(1, self.current)
        self.state_note = Notice(prefix="Nog niet aan de beurt", name=f"Afweging {nummer} nog niet aan de beurt")
        self._lay.insertWidget(2, self.state_note)
        a, m = letters or (None, None)
        self.add_row("antwoord", with_mnemonic("Antwoord:", a), yes_no(), f"Antwoord op afweging {nummer}")
        self.add_row("motivatie", with_mnemonic("Motivatie (waarom?):", m), TextArea(3),
                     f"Motivatie bij afweging {nummer}")
        if nummer == 2:
            self.form.addRow(wrap_label(INSTRUMENT_UITLEG, name="Uitleg over hulpmiddelen"))
            self.add_row("instrument", "H&ulpmiddel (niet verplicht):" if letters else "Hulpmiddel (niet verplicht):",
                         QLineEdit(), "Gebruikt hulpmiddel, bijvoorbeeld LIRIK")
            self.add_row("instrument_uitkomst", "Uitk&omst van het hulpmiddel:" if letters
                         else "Uitkomst van het hulpmiddel:", QLineEdit(), "Uitkomst van het hulpmiddel")
        self.form.addRow(wrap_label(f"Wordt vastgelegd met jouw naam ({ctx.ws.session.naam}) en de tijd."))
        self.finish()

    def build(self, v: dict) -> AfwegingAntwoord:
        antwoord = v.get("antwoord")
        if antwoord is None:
            raise ValidationError(f"Kies bij afweging {self.nummer} ja of nee.")
        motivatie = text(v, "motivatie")
        AfwegingAntwoord(nummer=self.nummer, antwoord=antwoord, motivatie=motivatie)  # validates (Dutch message)
        instrument = text(v, "instrument")
        if instrument:
            uitkomst = text(v, "instrument_uitkomst")
            motivatie += (f"\n\nHulpmiddel (ondersteunt de afweging, is geen oordeel): {instrument}"
                          + (f" – uitkomst: {uitkomst}" if uitkomst else ""))
        return AfwegingAntwoord(nummer=self.nummer, antwoord=antwoord, motivatie=motivatie,
                                auteur=self.ctx.ws.session.naam, tijdstip=datetime.now(),
                                ronde=self.ctx.dossier.ronde)

    def set_state(self, d) -> None:
        antwoorden = d.huidige_antwoorden()
        try:
            uitkomst = d.uitkomst()
        except ValueError:
            uitkomst = None
        laatste = [a for a in d.afwegingen if a.ronde == d.ronde and a.nummer == self.nummer]
        if laatste:
            a = laatste[-1]
            self.current.setText(f"Huidig antwoord: {'Ja' if a.antwoord else 'Nee'}. Motivatie: {a.motivatie} "
                                 f"(door {a.auteur or '–'} op {fmt_dt(a.tijdstip)}). Een nieuw antwoord vervangt dit; "
                                 "het oude blijft in de geschiedenis.")
        else:
            self.current.setText("Nog niet beantwoord.")
        reached = self.nummer in antwoorden or (uitkomst is not None and uitkomst.volgende == self.nummer)
        if self.hide_until_reached:
            self.setVisible(reached or not self.fields.is_default())
        if reached:
            reden = ""
        elif uitkomst is None:
            reden = "De antwoorden op de afwegingen passen niet bij elkaar. Kijk bij 'Wat nog ontbreekt'."
        elif uitkomst.volgende is None:
            reden = "Deze afweging is niet nodig: het afwegingskader is klaar na de eerdere antwoorden."
        else:
            reden = f"Beantwoord eerst afweging {uitkomst.volgende}."
        open_ = not reden and d.status.value == "open"
        if not reden and not open_:
            reden = "Het dossier is afgesloten. Heropen het dossier om verder te gaan."
        self.state_note.set_text(reden)
        for name, w in self.fields.items():
            w.setEnabled(open_)
        self.add_button.setEnabled(open_)


class VtAdviesDialog(QDialog):
    """"Twijfel? Raadpleeg Veilig Thuis": the number, and a form to record the advice as a consultation."""

    def __init__(self, ws, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("Advies vragen aan Veilig Thuis")
        self.setAccessibleName("Advies vragen aan Veilig Thuis")
        lay = QVBoxLayout(self)
        scroll = ScrollBody("Advies vragen aan Veilig Thuis")
        body = scroll.body
        body.addWidget(wrap_label("Twijfel je? Bel Veilig Thuis voor advies. Dat kan ook zonder namen te noemen.",
                                  name="Uitleg"))
        body.addWidget(wrap_label(contacten_html(("veilig_thuis",), ws=ws), name="Veilig Thuis", rich=True))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.anoniem = ChoiceButtons([(True, "Zonder namen (anoniem)"), (False, "Met gegevens van de cliënt")])
        self.anoniem.button_for(True).setChecked(True)
        self.vraag = TextArea(2)
        self.advies = TextArea(3)
        self.vervolg = TextArea(2)
        for label, w, naam in (("&Zonder namen?", self.anoniem, "Advies zonder namen of met gegevens"),
                               ("V&raag:", self.vraag, "Je vraag aan Veilig Thuis"),
                               ("A&dvies:", self.advies, "Het advies van Veilig Thuis"),
                               ("&Wat doe je ermee?", self.vervolg, "Wat je met het advies doet")):
            lab = QLabel(label)
            lab.setBuddy(w.focusProxy() or w)
            w.setAccessibleName(naam)
            form.addRow(lab, w)
        body.addLayout(form)
        body.addStretch(1)
        lay.addWidget(scroll, 1)
        self.error = MessageLabel("Foutmelding", error=True)
        lay.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton("Advies va&stleggen", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setAccessibleName("Advies vastleggen")
        cancel = buttons.addButton("Annu&leren", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAccessibleName("Annuleren")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        set_reading_order(self)
        fit_to_screen(self, 560, 560)

    def _accept(self) -> None:
        if not self.advies.toPlainText().strip():
            self.error.setText("Schrijf op welk advies je van Veilig Thuis kreeg.")
            self.advies.setFocus()
            return
        self.accept()

    def lock_state(self) -> dict:
        """What was typed or chosen, to show the dialog again after the screen was locked."""
        return {"anoniem": self.anoniem.value(), "vraag": self.vraag.toPlainText(),
                "advies": self.advies.toPlainText(), "vervolg": self.vervolg.toPlainText()}

    def restore(self, state: dict) -> None:
        self.anoniem.set_field_value(state.get("anoniem"))
        self.vraag.setPlainText(state.get("vraag", ""))
        self.advies.setPlainText(state.get("advies", ""))
        self.vervolg.setPlainText(state.get("vervolg", ""))

    def record(self):
        return vt_advies(self.ws, self.vraag.toPlainText().strip(), self.advies.toPlainText().strip(),
                         self.vervolg.toPlainText().strip(), anoniem=bool(self.anoniem.value()))


def onveiligheid_html() -> str:
    d = content().definities
    out = []
    for o in (d.acuut, d.structureel):
        vb = "".join(f"<li>{html_escape(x)}</li>" for x in o.voorbeelden)
        check = "" if o.geverifieerd else " <i>(nog niet gecontroleerd tegen de officiële tekst)</i>"
        out.append(f"<p><b>{html_escape(o.titel)}</b>{check}<br>{html_escape(o.definitie)}</p>"
                   f"<p>Voorbeelden:</p><ul>{vb}</ul>")
    return "".join(out)


class Step4Wegen(StepPage):
    """Afweging 1 and 2 here, or none when the organisation's meldcode puts all five in stap 5."""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, 4, parent)
        self.afwegingen = afwegingen_stap_4(self.nummering)
        self.nummering_note = wrap_label(
            "" if self.afwegingen else "In de meldcode van jullie organisatie beantwoord je alle vijf de afwegingen "
                                       "in stap 5. Hier weeg je hoe ernstig het is en hoe groot het risico is.",
            name="Afwegingen in stap 5")
        self.nummering_note.setVisible(not self.afwegingen)
        self.body.addWidget(self.nummering_note)
        row = QHBoxLayout()
        self.vt_button = QPushButton("Twijfel? Raad&pleeg Veilig Thuis")
        self.vt_button.setAccessibleName("Twijfel? Raadpleeg Veilig Thuis en leg het advies vast")
        self.vt_button.clicked.connect(lambda: self.ask_veilig_thuis())
        row.addWidget(self.vt_button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.definities = QGroupBox("Wat is acute en structurele onveiligheid?")
        v = QVBoxLayout(self.definities)
        v.addWidget(wrap_label(onveiligheid_html(), name="Definities van acute en structurele onveiligheid", rich=True))
        self.body.addWidget(self.definities)
        self.afweging_forms: dict[int, AfwegingForm] = {}
        for n in self.afwegingen:
            f = self.add_form(AfwegingForm(ctx, n, letters=STAP4_LETTERS.get(n)))
            self.afweging_forms[n] = f
            self.body.addWidget(f)
        self.uitkomst = Notice(prefix="Uitkomst tot nu toe", name="Uitkomst van de afwegingen")
        self.body.addWidget(self.uitkomst)
        close_row = QHBoxLayout()
        self.close_button = QPushButton("Dossier afsluiten…")
        self.close_button.setAccessibleName("Dossier afsluiten: er is geen vermoeden")
        self.close_button.clicked.connect(lambda: self.ctx.close_dossier())
        close_row.addWidget(self.close_button)
        close_row.addStretch(1)
        self.body.addLayout(close_row)
        self.finish()

    def update_records(self, d) -> None:
        for f in self.afweging_forms.values():
            f.set_state(d)
        try:
            u = d.uitkomst()
        except ValueError as exc:
            self.uitkomst.set_text(str(exc))
            self.close_button.hide()
            return
        self.uitkomst.set_text(u.uitleg if self.afwegingen else "")
        self.close_button.setVisible(bool(self.afwegingen) and u.afsluiten and d.status.value == "open")
        if self.next_button is not None:
            self.next_button.setVisible(not u.afsluiten)

    def form_for_code(self, code: str):
        if code.startswith("afweging_"):
            n = int(code.split("_")[1])
            return self.afweging_forms.get(n)
        return self.afweging_forms.get(1)

    def ask_veilig_thuis(self, state: dict | None = None) -> None:
        """``state``: what was typed before the screen was locked (the dialog comes back with it)."""
        dlg = VtAdviesDialog(self.ctx.ws, self)
        if state:
            dlg.restore(state)
        self.vt_dialog = dlg
        if dlg.exec() == QDialog.DialogCode.Accepted:
            try:
                svc.voeg_toe(self.ctx.ws, self.ctx.dossier_id, dlg.record())
            except UserError as exc:
                self.ctx.show_error(exc)
                return
            self.ctx.status("Advies van Veilig Thuis vastgelegd bij stap 2 (overleg).")
            self.ctx.record_saved(None)
