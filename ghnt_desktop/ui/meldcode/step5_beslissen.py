"""Stap 5: beslissen. Afweging 3-5 as the flow requires, the two decisions (melden? hulp?), the melding,
the help, and later: feedback from Veilig Thuis, overdracht, afweging 5 at the evaluation."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout

from ghnt_desktop.domain.meldcode import (AnoniemGrond, Besluit, Hulp, Melding, MeldingKanaal, Overdracht,
                                          TerugkoppelingSoort, VeiligThuisTerugkoppeling)
from ghnt_desktop.domain.roles import Actie, mag
from ghnt_desktop.errors import UserError, ValidationError
from ghnt_desktop.services import meldcode as svc
from ghnt_desktop.ui.meldcode.step4_wegen import AfwegingForm
from ghnt_desktop.ui.meldcode.widgets import (DatumTijdVeld, EnumCombo, Notice, RecordForm, RecordList, StepPage,
                                              TextArea, afwegingen_stap_4, content, datum_veld, fmt_date, fmt_dt,
                                              ja_nee, opt_date, opt_enum, text, wrap_label, yes_no)


class BesluitForm(RecordForm):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, "besluit", "Besluit", button_text="Besluit va&stleggen", parent=parent,
                         intro="Je neemt twee besluiten: is melden bij Veilig Thuis nodig? En kun je (ook) zelf hulp "
                               "bieden of regelen?")
        self.add_row("melden", "Me&lden bij Veilig Thuis?", yes_no(), "Besluit: melden bij Veilig Thuis")
        self.add_row("hulp", "Zelf h&ulp bieden of regelen?", yes_no(), "Besluit: zelf hulp bieden of regelen")
        meldnorm = QComboBox()
        meldnorm.addItem("Geen (niet melden)", None)
        for m in content().definities.meldnormen:
            meldnorm.addItem(f"Meldnorm {m.nummer}: {m.titel}", m.nummer)
        self.add_row("meldnorm", "Welke meld&norm geldt?", meldnorm, "Meldnorm die geldt")
        self.add_row("motivatie", "Motivatie:", TextArea(3), "Motivatie van het besluit")
        self.add_row("besluit_door", "Besluit genomen door:", QLineEdit(), "Wie het besluit heeft genomen")
        self.fields["besluit_door"].setText(ctx.ws.session.naam)
        self.overnemen = QPushButton("Uitkomst van de afwegingen &overnemen")
        self.overnemen.setAccessibleName("Uitkomst van de afwegingen overnemen in het besluit")
        self.overnemen.clicked.connect(self.take_over)
        self.form.addRow(self.overnemen)
        self.finish()

    def take_over(self) -> None:
        try:
            u = self.ctx.dossier.uitkomst()
        except ValueError as exc:
            self.show_error(str(exc))
            return
        self.fields.set_values({"melden": u.melden, "hulp": u.hulp, "meldnorm": u.meldnorm}, quiet=False)
        self.fields["motivatie"].setFocus()

    def build(self, v: dict) -> Besluit:
        if v.get("melden") is None or v.get("hulp") is None:
            raise ValidationError("Kies bij 'melden' en bij 'hulp' ja of nee.")
        meldnorm = v.get("meldnorm")
        if v["melden"] and meldnorm is None:
            raise ValidationError("Je meldt: kies welke meldnorm geldt.")
        return Besluit(melden=v["melden"], hulp=v["hulp"], meldnorm=meldnorm if v["melden"] else None,
                       motivatie=text(v, "motivatie"), besluit_door=text(v, "besluit_door") or self.ctx.ws.session.naam,
                       tijdstip=datetime.now(), ronde=self.ctx.dossier.ronde)


class MeldingForm(RecordForm):
    def __init__(self, ctx, parent=None) -> None:
        d = content().definities
        super().__init__(ctx, "melding", "Melding bij Veilig Thuis", button_text="Melding va&stleggen", parent=parent,
                         intro="Bij acuut gevaar meld je telefonisch. Vertel de cliënt vooraf dat je meldt, tenzij "
                               "dat iemand in gevaar brengt.")
        self.add_row("datum_tijd", "Datum en tijd van de melding:",
                     DatumTijdVeld("Datum en tijd van de melding", "Het moment van de melding"),
                     "Datum en tijd van de melding")
        self.add_row("kanaal", "Hoe gemeld?", EnumCombo(MeldingKanaal, empty="Kies hoe je meldt"), "Hoe gemeld")
        self.add_row("veilig_thuis_regio", "Veilig Thuis-regio:", QLineEdit(), "Veilig Thuis-regio")
        self.add_row("contactpersoon", "Contactpersoon bij Veilig Thuis:", QLineEdit(), "Contactpersoon bij Veilig Thuis")
        self.add_row("samenvatting_feiten_en_bronnen", "&Feiten en bronnen die je meldt:", TextArea(3),
                     "Samenvatting van de feiten en bronnen die je meldt",
                     help_text="Zo feitelijk mogelijk. Schrijf erbij van wie iets komt als je het niet zelf zag.")
        self.add_row("stappen_gezet", "Welke stappen heb je al gezet?", TextArea(2), "Stappen die al zijn gezet")
        self.add_row("client_geinformeerd", "Cliënt vooraf verteld over de melding?", yes_no(),
                     "Is de cliënt vooraf verteld over de melding")
        self.add_row("reden_niet", "Zo nee: waarom niet?", TextArea(2), "Waarom de cliënt niet is verteld over de melding")
        self.add_row("pogingen_contact", "Pogingen om de cliënt te bereiken:", TextArea(2), "Pogingen om de cliënt te bereiken")
        self.add_row("reactie_en_bezwaren", "Reactie en bezwaren van de cliënt:", TextArea(2), "Reactie en bezwaren van de cliënt")
        self.add_row("hoe_omgegaan", "Wat heb je met de bezwaren gedaan?", TextArea(2), "Wat je met de bezwaren hebt gedaan")
        self.form.addRow(wrap_label(d.anoniem_uitleg, name="Uitleg over anoniem melden"))
        self.add_row("anoniem_grond", "Anoniem melden?", EnumCombo(AnoniemGrond, empty="Nee, ik meld met mijn naam"),
                     "Anoniem melden: kies de grond, of meld met je naam")
        self.add_row("vervolgafspraken", "Vervolgafspraken:", TextArea(2), "Vervolgafspraken met Veilig Thuis en betrokkenen")
        self.finish()

    def build(self, v: dict) -> Melding:
        return Melding(
            datum_tijd=datetime.fromisoformat(v["datum_tijd"]) if v.get("datum_tijd") else None,
            kanaal=opt_enum(MeldingKanaal, v, "kanaal"), veilig_thuis_regio=text(v, "veilig_thuis_regio"),
            contactpersoon=text(v, "contactpersoon"),
            samenvatting_feiten_en_bronnen=text(v, "samenvatting_feiten_en_bronnen"),
            stappen_gezet=text(v, "stappen_gezet"), client_geinformeerd=v.get("client_geinformeerd"),
            reden_niet=text(v, "reden_niet"), pogingen_contact=text(v, "pogingen_contact"),
            reactie_en_bezwaren=text(v, "reactie_en_bezwaren"), hoe_omgegaan=text(v, "hoe_omgegaan"),
            anoniem_grond=opt_enum(AnoniemGrond, v, "anoniem_grond"), vervolgafspraken=text(v, "vervolgafspraken"),
            auteur=self.ctx.ws.session.naam, ronde=self.ctx.dossier.ronde)


class HulpForm(RecordForm):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, "hulp", "Hulp", button_text="Hulp va&stleggen", parent=parent,
                         intro="Leg vast welke hulp er komt, wie die geeft en wanneer je kijkt of de hulp werkt "
                               "(afweging 5).")
        self.add_row("wat", "Welke hulp?", TextArea(2), "Welke hulp")
        self.add_row("wie", "Wie geeft of regelt de hulp?", QLineEdit(), "Wie geeft of regelt de hulp")
        self.add_row("evaluatiedatum", "&Evaluatiedatum:",
                     datum_veld("Evaluatiedatum: wanneer kijk je of de hulp werkt", vandaag_als_start=False),
                     "Evaluatiedatum: wanneer kijk je of de hulp werkt")
        self.add_row("veiligheidsafspraken", "Veiligheidsafspraken:", TextArea(2), "Veiligheidsafspraken")
        self.finish()

    def build(self, v: dict) -> Hulp:
        if not text(v, "wat"):
            raise ValidationError("Schrijf op welke hulp er komt.")
        return Hulp(wat=text(v, "wat"), wie=text(v, "wie"), evaluatiedatum=opt_date(v, "evaluatiedatum"),
                    veiligheidsafspraken=text(v, "veiligheidsafspraken"), ronde=self.ctx.dossier.ronde)


class TerugkoppelingForm(RecordForm):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, "terugkoppeling", "Terugkoppeling van Veilig Thuis", parent=parent)
        self.add_row("datum", "Datum:", datum_veld("Datum van de terugkoppeling",
                                                   verleden="De datum van de terugkoppeling"),
                     "Datum van de terugkoppeling")
        self.add_row("soort", "Soort:", EnumCombo(TerugkoppelingSoort), "Soort terugkoppeling")
        self.add_row("inhoud", "Wat kreeg &je te horen?", TextArea(2), "Inhoud van de terugkoppeling")
        self.add_row("vervolgacties", "Vervolgacties:", TextArea(2), "Vervolgacties na de terugkoppeling")
        self.finish()

    def build(self, v: dict) -> VeiligThuisTerugkoppeling:
        return VeiligThuisTerugkoppeling(datum=opt_date(v, "datum"), soort=TerugkoppelingSoort(v["soort"]),
                                         inhoud=text(v, "inhoud"), vervolgacties=text(v, "vervolgacties"),
                                         auteur=self.ctx.ws.session.naam)


class OverdrachtForm(RecordForm):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, "overdracht", "Overdracht van Veilig Thuis naar ons team", parent=parent)
        self.add_row("datum", "Datum:", datum_veld("Datum van de overdracht", verleden="De datum van de overdracht"),
                     "Datum van de overdracht")
        self.add_row("van", "Van:", QLineEdit(), "Overgedragen door")
        self.fields["van"].setText("Veilig Thuis")
        self.add_row("contactpersoon", "Contactpersoon:", QLineEdit(), "Contactpersoon bij de overdracht")
        self.add_row("reden", "&Reden:", TextArea(2), "Reden van de overdracht")
        self.add_row("afspraken", "Afspraken:", TextArea(2), "Afspraken bij de overdracht")
        self.finish()

    def build(self, v: dict) -> Overdracht:
        return Overdracht(datum=opt_date(v, "datum"), van=text(v, "van"), contactpersoon=text(v, "contactpersoon"),
                          reden=text(v, "reden"), afspraken=text(v, "afspraken"), auteur=self.ctx.ws.session.naam)


def besluit_tekst(i: int, b: Besluit) -> str:
    norm = f" (meldnorm {b.meldnorm})" if b.meldnorm else ""
    return (f"{i}. Ronde {b.ronde}: melden {ja_nee(b.melden)}{norm}, hulp {ja_nee(b.hulp)} – besloten door "
            f"{b.besluit_door or '–'} op {fmt_dt(b.tijdstip)} – motivatie: {b.motivatie or '–'}")


def melding_tekst(i: int, m: Melding) -> str:
    anoniem = f"anoniem: {m.anoniem_grond.label}" if m.anoniem_grond else "met naam"
    return (f"{i}. Ronde {m.ronde}: {fmt_dt(m.datum_tijd)} – {m.kanaal.label if m.kanaal else 'kanaal onbekend'} – "
            f"cliënt vooraf verteld: {ja_nee(m.client_geinformeerd)} – {anoniem} – "
            f"{m.samenvatting_feiten_en_bronnen or '–'}")


def hulp_tekst(i: int, h: Hulp) -> str:
    return (f"{i}. Ronde {h.ronde}: {h.wat or '–'} – door {h.wie or '–'} – evaluatie op {fmt_date(h.evaluatiedatum)}"
            + (f" – afspraken: {h.veiligheidsafspraken}" if h.veiligheidsafspraken else ""))


class Step5Beslissen(StepPage):
    """Afweging 3-5 (or 1-5, per the organisation's numbering), the decision and what follows."""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, 5, parent)
        stap4 = afwegingen_stap_4(self.nummering)
        self.afwegingen = tuple(n for n in (1, 2, 3, 4, 5) if n not in stap4)
        self.uitkomst = Notice(prefix="Uitkomst van de afwegingen", name="Uitkomst van de afwegingen")
        self.body.addWidget(self.uitkomst)
        self.afweging_forms: dict[int, AfwegingForm] = {}
        self.waiting = wrap_label("", name="Afwegingen die nog komen")
        self.body.addWidget(self.waiting)
        for n in self.afwegingen:
            f = self.add_form(AfwegingForm(ctx, n, hide_until_reached=True))
            self.afweging_forms[n] = f
            self.body.addWidget(f)
        self.evaluatie_note = wrap_label("", name="Afweging 5 bij de evaluatie")
        self.body.insertWidget(self.body.indexOf(self.afweging_forms[5]), self.evaluatie_note)
        self.besluit_form = self.add_form(BesluitForm(ctx))
        self.body.addWidget(self.besluit_form)
        self.besluiten = RecordList("Vastgelegde besluiten:", self.besluit_form)
        self.body.addWidget(self.besluiten)
        self.medeteken_button = QPushButton("Laatste besluit me&deondertekenen")
        self.medeteken_button.setAccessibleName("Laatste besluit medeondertekenen als aandachtsfunctionaris")
        self.medeteken_button.clicked.connect(self.cosign)
        self._kan_medetekenen = mag(ctx.ws.session.rollen, Actie.BESLUIT_MEDEONDERTEKENEN)
        self._is_ev = False
        if not self._kan_medetekenen:
            self.medeteken_button.hide()
        self.ev_note = Notice(prefix="Eindverantwoordelijke", name="Ondertekening door de eindverantwoordelijke")
        self.body.addWidget(self.ev_note)
        row = QHBoxLayout()
        row.addWidget(self.medeteken_button)
        row.addStretch(1)
        self.body.addLayout(row)
        from ghnt_desktop.ui.meldcode.vertrouwelijkheid_dialog import vertrouwelijkheid_knop

        row = QHBoxLayout()
        self.vertrouwelijkheid_button = vertrouwelijkheid_knop(self)
        row.addWidget(self.vertrouwelijkheid_button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.melding_form = self.add_form(MeldingForm(ctx))
        self.body.addWidget(self.melding_form)
        self.meldingen = RecordList("Vastgelegde meldingen:", self.melding_form)
        self.body.addWidget(self.meldingen)
        self.hulp_form = self.add_form(HulpForm(ctx))
        self.body.addWidget(self.hulp_form)
        self.hulp_lijst = RecordList("Vastgelegde hul&p:", self.hulp_form)
        self.body.addWidget(self.hulp_lijst)
        later = QGroupBox("Later: terugkoppeling en overdracht")
        later.setAccessibleName("Later: terugkoppeling en overdracht")
        lv = QVBoxLayout(later)
        self.terugkoppeling_form = self.add_form(TerugkoppelingForm(ctx))
        lv.addWidget(self.terugkoppeling_form)
        self.terugkoppelingen = RecordList("Vastgelegde terugkoppelingen:", self.terugkoppeling_form)
        lv.addWidget(self.terugkoppelingen)
        self.overdracht_form = self.add_form(OverdrachtForm(ctx))
        lv.addWidget(self.overdracht_form)
        self.overdrachten = RecordList("Vastgelegde overdrachten:", self.overdracht_form)
        lv.addWidget(self.overdrachten)
        self.body.addWidget(later)
        close_row = QHBoxLayout()
        self.close_button = QPushButton("Dossier afsluiten…")
        self.close_button.setAccessibleName("Dossier afsluiten")
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
            u = None
            self.uitkomst.set_text(str(exc))
        else:
            self.uitkomst.set_text(u.uitleg)
        verborgen = [str(n) for n, f in self.afweging_forms.items() if f.isHidden()]
        if not verborgen:
            self.waiting.setText("")
        elif u is not None and u.volgende is None:
            self.waiting.setText("Het afwegingskader is klaar: je hoeft afweging " + ", ".join(verborgen)
                                 + " niet te beantwoorden.")
        else:
            self.waiting.setText("Afweging " + ", ".join(verborgen) + " verschijnt hier zodra het afwegingskader "
                                 "erom vraagt.")
        self.waiting.setVisible(bool(verborgen))
        besluit = d.laatste_besluit()
        hulp = d.in_ronde(d.hulp)
        if hulp and hulp[-1].evaluatiedatum:
            self.evaluatie_note.setText(f"Afweging 5 beantwoord je bij de evaluatie van de hulp, gepland op "
                                        f"{fmt_date(hulp[-1].evaluatiedatum)}.")
        else:
            self.evaluatie_note.setText("Afweging 5 beantwoord je bij de evaluatie van de hulp.")
        self.besluiten.set_records(d.in_ronde(d.besluiten), besluit_tekst, empty="Nog geen besluit in deze ronde.")
        self.meldingen.set_records(d.meldingen, melding_tekst, empty="Nog geen melding vastgelegd.")
        self.hulp_lijst.set_records(d.hulp, hulp_tekst, empty="Nog geen hulp vastgelegd.")
        self.terugkoppelingen.set_records(
            d.terugkoppelingen, lambda i, t: f"{i}. {fmt_date(t.datum)} – {t.soort.label} – {t.inhoud or '–'}"
                                             + (f" – vervolg: {t.vervolgacties}" if t.vervolgacties else ""),
            empty="Nog geen terugkoppeling vastgelegd.")
        self.overdrachten.set_records(
            d.overdrachten, lambda i, o: f"{i}. {fmt_date(o.datum)} – van {o.van or '–'} – {o.reden or '–'}",
            empty="Geen overdracht vastgelegd.")
        melden = besluit.melden if besluit else bool(u and u.melden)
        hulp_nodig = besluit.hulp if besluit else bool(u and u.hulp)
        self.melding_form.setVisible(melden or bool(d.in_ronde(d.meldingen)) or not self.melding_form.fields.is_default())
        self.hulp_form.setVisible(hulp_nodig or bool(hulp) or not self.hulp_form.fields.is_default())
        self.medeteken_button.setEnabled(besluit is not None)
        self._update_ev(d, besluit)
        open_ = d.status.value == "open"
        self.close_button.setVisible(open_ and (bool(u and u.afsluiten) or besluit is not None))

    def form_for_code(self, code: str):
        if code.startswith("afweging_"):
            return self.afweging_forms.get(int(code.split("_")[1]))
        if code.startswith("besluit"):
            return self.besluit_form
        if code.startswith("melding"):
            self.melding_form.show()
            return self.melding_form
        if code.startswith("hulp"):
            self.hulp_form.show()
            return self.hulp_form
        return self.besluit_form

    def _update_ev(self, d, besluit) -> None:
        """Who signs the decision (meldcode profile) and whether that happened; the button says which signature."""
        ws, did = self.ctx.ws, self.ctx.dossier_id
        try:
            self._is_ev = svc.mag_ondertekenen(ws, did)
            namen = [n for _, n in svc.eindverantwoordelijken(ws, did)]
            tekens = svc.medeondertekeningen(ws, did) if besluit is not None else []
        except UserError:
            self._is_ev, namen, tekens = False, [], []
        if self._is_ev:
            self.medeteken_button.setText("On&dertekenen als eindverantwoordelijke")
            self.medeteken_button.setAccessibleName("Besluit ondertekenen als eindverantwoordelijke")
        else:
            self.medeteken_button.setText("Laatste besluit me&deondertekenen")
            self.medeteken_button.setAccessibleName("Laatste besluit medeondertekenen als aandachtsfunctionaris")
        self.medeteken_button.setVisible(self._is_ev or self._kan_medetekenen)
        if besluit is None:
            self.ev_note.set_text("")
        elif any(t.besluit_id == besluit.id and t.eindverantwoordelijke for t in tekens):
            wie = ", ".join(t.account_naam for t in tekens if t.besluit_id == besluit.id and t.eindverantwoordelijke)
            self.ev_note.set_text(f"Het besluit is ondertekend door de eindverantwoordelijke ({wie}).")
        elif namen:
            self.ev_note.set_text("Het besluit moet nog worden ondertekend door de eindverantwoordelijke: "
                                  + ", ".join(namen) + ".")
        else:
            self.ev_note.set_text("Het besluit moet nog worden ondertekend door de eindverantwoordelijke. Er is "
                                  "nu niemand die dat kan: vraag de beheerder het meldcodeprofiel na te kijken.")

    def cosign(self) -> None:
        b = self.ctx.dossier.laatste_besluit()
        if b is None or b.id is None:
            return
        try:
            svc.medeonderteken(self.ctx.ws, self.ctx.dossier_id, b.id)
        except UserError as exc:
            self.ctx.show_error(exc)
            return
        self.ctx.status("Besluit ondertekend." if self._is_ev else "Besluit medeondertekend.")
        self.ctx.record_saved(None)
