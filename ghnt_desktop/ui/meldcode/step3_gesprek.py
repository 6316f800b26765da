"""Stap 3: het gesprek met de cliënt, of vastleggen waarom het gesprek niet is gevoerd."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QCheckBox, QLineEdit

from ghnt_desktop.domain.meldcode import Gesprek, GesprekNietGevoerd, RedenNietGevoerd
from ghnt_desktop.errors import ValidationError
from ghnt_desktop.ui.meldcode.widgets import (EnumCombo, RecordForm, RecordList, StepPage, TextArea, content, datum_veld,
                                              fmt_date, opt_date, opt_enum, split_list, text, wrap_label)


class GesprekForm(RecordForm):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, "gesprek", "Gesprek met de cliënt", parent=parent)
        self.add_row("datum", "&Datum:", datum_veld("Datum van het gesprek", verleden="De datum van het gesprek"),
                     "Datum van het gesprek")
        self.add_row("deelnemers", "Wie waren erbi&j? (met komma's)", QLineEdit(), "Wie waren bij het gesprek")
        self.add_row("tolk", "", QCheckBox("Er was een to&lk"), "Er was een tolk")
        self.add_row("wat_voorgelegd", "Welke zorgen heb je v&oorgelegd?", TextArea(3), "Welke zorgen en signalen je hebt voorgelegd")
        self.add_row("reactie_client", "Hoe &reageerde de cliënt?", TextArea(3), "Reactie van de cliënt")
        self.add_row("uitkomst", "&Uitkomst en afspraken:", TextArea(2), "Uitkomst van het gesprek")
        self.finish()

    def build(self, v: dict) -> Gesprek:
        if not text(v, "wat_voorgelegd") and not text(v, "reactie_client"):
            raise ValidationError("Schrijf op wat je hebt voorgelegd en hoe de cliënt reageerde.")
        return Gesprek(datum=opt_date(v, "datum"), deelnemers=split_list(v.get("deelnemers", "")),
                       tolk=bool(v.get("tolk")), wat_voorgelegd=text(v, "wat_voorgelegd"),
                       reactie_client=text(v, "reactie_client"), uitkomst=text(v, "uitkomst"),
                       auteur=self.ctx.ws.session.naam)


class NietGevoerdForm(RecordForm):
    """Only one per dossier: saving again stores a new version."""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, "niet_gevoerd", "Gesprek niet gevoerd", button_text="Va&stleggen dat het gesprek niet is gevoerd",
                         parent=parent, intro=content().definities.gesprek_overslaan_uitleg)
        self.add_row("reden", "Rede&n:", EnumCombo(RedenNietGevoerd, empty="Kies een reden"),
                     "Reden dat het gesprek niet is gevoerd")
        self.add_row("toelichting", "Toelichting:", TextArea(2), "Toelichting waarom het gesprek niet veilig was")
        self.add_row("afgestemd_met", "A&fgestemd met:", QLineEdit(), "Met wie je hebt afgestemd",
                     help_text="Bijvoorbeeld de aandachtsfunctionaris of Veilig Thuis.")
        self.add_row("datum", "Datum:", datum_veld("Datum van het besluit om het gesprek niet te voeren",
                                                   verleden="De datum van dit besluit"),
                     "Datum van het besluit om het gesprek niet te voeren")
        self.existing_id: int | None = None
        self.finish()

    def build(self, v: dict) -> GesprekNietGevoerd:
        reden = opt_enum(RedenNietGevoerd, v, "reden")
        if reden is None:
            raise ValidationError("Kies de reden: voor wiens veiligheid was het gesprek gevaarlijk?")
        return GesprekNietGevoerd(reden=reden, toelichting=text(v, "toelichting"),
                                  afgestemd_met=text(v, "afgestemd_met"), datum=opt_date(v, "datum"),
                                  auteur=self.ctx.ws.session.naam)

    def submit(self) -> None:
        if self.correcting is None and self.existing_id is not None:
            self.correcting = self.existing_id
        super().submit()


def gesprek_tekst(i: int, g: Gesprek) -> str:
    delen = [f"{i}. {fmt_date(g.datum)}", "erbij: " + (", ".join(g.deelnemers) or "–"),
             "met tolk" if g.tolk else "zonder tolk", f"voorgelegd: {g.wat_voorgelegd or '–'}",
             f"reactie: {g.reactie_client or '–'}"]
    if g.uitkomst:
        delen.append(f"uitkomst: {g.uitkomst}")
    return " – ".join(delen)


class Step3Gesprek(StepPage):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, 3, parent)
        from ghnt_desktop.ui.meldcode.vertrouwelijkheid_dialog import vertrouwelijkheid_knop

        row = QHBoxLayout()
        self.vertrouwelijkheid_button = vertrouwelijkheid_knop(self)
        row.addWidget(self.vertrouwelijkheid_button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.gesprek_form = self.add_form(GesprekForm(ctx))
        self.body.addWidget(self.gesprek_form)
        self.gesprekken = RecordList("Vastg&elegde gesprekken:", self.gesprek_form)
        self.body.addWidget(self.gesprekken)
        self.niet_form = self.add_form(NietGevoerdForm(ctx))
        self.body.addWidget(self.niet_form)
        self.niet_status = wrap_label("", name="Gesprek niet gevoerd: vastgelegd")
        self.body.addWidget(self.niet_status)
        self.finish()

    def update_records(self, d) -> None:
        self.gesprekken.set_records(d.gesprekken, gesprek_tekst, empty="Nog geen gesprek vastgelegd.")
        ng = d.gesprek_niet_gevoerd
        self.niet_form.existing_id = ng.id if ng else None
        if ng is None:
            self.niet_status.setText("")
            self.niet_status.hide()
        else:
            reden = ng.reden.label if ng.reden else "geen reden gekozen"
            self.niet_status.setText(f"Vastgelegd: het gesprek is niet gevoerd ({fmt_date(ng.datum)}). Reden: {reden}. "
                                     f"Afgestemd met: {ng.afgestemd_met or '–'}. Door: {ng.auteur or '–'}.")
            self.niet_status.show()
            if self.niet_form.correcting is None and self.niet_form.fields.is_default():
                self.niet_form.fields.set_values(self.niet_form.to_values(ng))
                self.niet_form.fields.remember_defaults()

    def form_for_code(self, code: str):
        if code.startswith("niet_gevoerd"):
            return self.niet_form
        return self.gesprek_form
