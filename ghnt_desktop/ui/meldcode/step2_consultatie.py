"""Stap 2: overleg met een collega, de aandachtsfunctionaris, Veilig Thuis of een deskundige."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout

from ghnt_desktop.domain.meldcode import (ConsultatieSoort, Consultatie, Letselduider, vereiste_expertise)
from ghnt_desktop.errors import ValidationError
from ghnt_desktop.ui.meldcode.widgets import (ChoiceButtons, EnumCombo, RecordForm, RecordList, StepPage, TextArea,
                                              content, contacten_van, datum_veld, fmt_date, html_escape, opt_date,
                                              opt_enum, text, wrap_label)


class ConsultatieForm(RecordForm):
    def __init__(self, ctx, parent=None, *, key: str = "consultatie", title: str = "Nieuw overleg") -> None:
        super().__init__(ctx, key, title, parent=parent)
        self.add_row("soort", "Met wie overleg &je?", EnumCombo(ConsultatieSoort), "Soort overleg")
        self.add_row("datum", "&Datum:", datum_veld("Datum van het overleg", verleden="De datum van het overleg"),
                     "Datum van het overleg")
        self.add_row("wie", "&Naam, functie of organisatie:", QLineEdit(), "Met wie overlegd",
                     help_text="Functie of organisatie is genoeg, bijvoorbeeld 'aandachtsfunctionaris' of 'Veilig Thuis'.")
        self.add_row("anoniem", "&Zonder namen?",
                     ChoiceButtons([(True, "Zonder namen (anoniem)"), (False, "Met gegevens van de cliënt")]),
                     "Overleg zonder namen of met gegevens van de cliënt")
        self.fields["anoniem"].button_for(True).setChecked(True)
        self.add_row("vraag", "V&raag:", TextArea(2), "Je vraag in het overleg")
        self.add_row("advies", "Advi&es:", TextArea(3), "Het advies dat je kreeg")
        self.add_row("vervolg", "Wat doe je met het advies?", TextArea(2), "Wat je met het advies doet")
        self.add_row("letselduider", "Letseld&uiding door:", EnumCombo(Letselduider, empty="Niet van toepassing"),
                     "Wie het letsel beoordeelt")
        self.finish()
        self.on_change()

    def on_change(self) -> None:
        soort = self.fields["soort"].currentData()
        self.fields["letselduider"].setEnabled(soort == ConsultatieSoort.LETSELDUIDING.value)

    def set_soort(self, soort: ConsultatieSoort) -> None:
        combo = self.fields["soort"]
        combo.setCurrentIndex(combo.findData(soort.value))
        self.on_change()

    def build(self, v: dict) -> Consultatie:
        soort = ConsultatieSoort(v["soort"])
        if not text(v, "wie") and not text(v, "advies") and not text(v, "vraag"):
            raise ValidationError("Vul in met wie je hebt overlegd en welk advies je kreeg.")
        return Consultatie(soort=soort, datum=opt_date(v, "datum"), wie=text(v, "wie"),
                           anoniem=bool(v.get("anoniem", True)), vraag=text(v, "vraag"), advies=text(v, "advies"),
                           vervolg=text(v, "vervolg"),
                           letselduider=opt_enum(Letselduider, v, "letselduider")
                           if soort is ConsultatieSoort.LETSELDUIDING else None,
                           auteur=self.ctx.ws.session.naam)


def consultatie_tekst(i: int, c: Consultatie) -> str:
    delen = [f"{i}. {c.soort.label}", fmt_date(c.datum), c.wie or "–",
             "zonder namen" if c.anoniem else "met gegevens van de cliënt"]
    if c.letselduider:
        delen.append(c.letselduider.label)
    if c.vraag:
        delen.append(f"vraag: {c.vraag}")
    delen.append(f"advies: {c.advies or '–'}")
    if c.vervolg:
        delen.append(f"vervolg: {c.vervolg}")
    return " – ".join(delen)


def contacten_html(ids: tuple[str, ...] | None = None, ws=None) -> str:
    """The contacts (only ``ids`` when given); with ``ws`` the organisation's own values where it set them."""
    c = content().contacten
    rows = []
    lijst = contacten_van(ws) if ws is not None else c.contacten
    for k in lijst:
        if ids is not None and k.id not in ids:
            continue
        eigen = getattr(k, "eigen", False)
        if not k.telefoon and not k.website and getattr(k, "regionaal", False) and not eigen:
            tel = ""
        else:
            tel = f" – <b>{html_escape(k.telefoon)}</b>" if k.telefoon else ""
            if k.website and not k.telefoon:
                tel = f" – {html_escape(k.website)}"
        if eigen:
            check = " (gegevens van je eigen organisatie)"
        else:
            check = "" if k.geverifieerd else " (nummer nog niet gecontroleerd)"
        rows.append(f"<li>{html_escape(k.naam)}{tel}{check}: {html_escape(k.wanneer)} "
                    f"Bereikbaar: {html_escape(k.bereikbaar)}.</li>")
    return f"<ul>{''.join(rows)}</ul><p>{html_escape(c.let_op)}</p>"


class Step2Consultatie(StepPage):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, 2, parent)
        self.expert_note = wrap_label("", name="Verplicht overleg met een deskundige")
        self.body.addWidget(self.expert_note)
        self.letsel_row = QHBoxLayout()
        self.letsel_button = QPushButton("&Letselduiding vastleggen")
        self.letsel_button.setAccessibleName("Er is letsel gezien: overleg over letselduiding vastleggen")
        self.letsel_button.clicked.connect(lambda: self._preset(ConsultatieSoort.LETSELDUIDING))
        self.letsel_row.addWidget(self.letsel_button)
        self.letsel_row.addStretch(1)
        self.body.addLayout(self.letsel_row)
        self.form = self.add_form(ConsultatieForm(ctx))
        self.body.addWidget(self.form)
        self.lijst = RecordList("Vastgelegd &overleg:", self.form)
        self.body.addWidget(self.lijst)
        box = QGroupBox("Wie kun je bellen?")
        v = QVBoxLayout(box)
        v.addWidget(wrap_label(contacten_html(ws=ctx.ws), name="Contacten voor overleg", rich=True))
        self.body.addWidget(box)
        from ghnt_desktop.ui.meldcode.vertrouwelijkheid_dialog import vertrouwelijkheid_knop

        row = QHBoxLayout()
        self.vertrouwelijkheid_button = vertrouwelijkheid_knop(self)
        row.addWidget(self.vertrouwelijkheid_button)
        row.addStretch(1)
        self.body.insertLayout(self.body.indexOf(self.form), row)
        self.finish()

    def _preset(self, soort: ConsultatieSoort) -> None:
        self.form.set_soort(soort)
        self.ensureWidgetVisible(self.form)
        self.form.fields["wie"].setFocus()

    def update_records(self, d) -> None:
        self.lijst.set_records(d.consultaties, consultatie_tekst, empty="Nog geen overleg vastgelegd.")
        nodig = vereiste_expertise(d)
        gedaan = {c.soort for c in d.consultaties}
        open_ = [s for s in nodig if s not in gedaan]
        if open_:
            self.expert_note.setText("Verplicht: overleg met " + " en ".join(s.label for s in open_)
                                     + ". Dit staat ook in de lijst 'Wat nog ontbreekt'.")
        elif nodig:
            self.expert_note.setText("Het verplichte overleg met een deskundige is vastgelegd.")
        else:
            self.expert_note.setText("")
        self.expert_note.setVisible(bool(nodig))
        letsel = any(s.letsel for s in d.signalen) and ConsultatieSoort.LETSELDUIDING not in gedaan
        self.letsel_button.setVisible(letsel)

    def form_for_code(self, code: str):
        presets = {"consultatie_collega": ConsultatieSoort.COLLEGA, "letselduiding": ConsultatieSoort.LETSELDUIDING}
        for s in (ConsultatieSoort.EXPERT_EGG, ConsultatieSoort.EXPERT_VGV, ConsultatieSoort.EXPERT_LKHA):
            presets[f"consultatie_{s.value}"] = s
        if code in presets and self.form.fields.is_default():
            self.form.set_soort(presets[code])
        return self.form


def vt_advies(ws, vraag: str, advies: str, vervolg: str, *, anoniem: bool = True) -> Consultatie:
    """A Veilig Thuis advice as a consultation record (used by "Twijfel? Raadpleeg Veilig Thuis")."""
    return Consultatie(soort=ConsultatieSoort.VEILIG_THUIS_ADVIES, datum=date.today(), wie="Veilig Thuis",
                       anoniem=anoniem, vraag=vraag, advies=advies, vervolg=vervolg, auteur=ws.session.naam)
