"""PDFs of a meldcode dossier.

* **Verslag** for the official client file: header data, betrokkenen, signals (facts with their
  sources; interpretations clearly labelled as such), kindcheck, consultations, conversations,
  afwegingen with motivation, decisions, meldingen, follow-up, closing/reopening and the full timeline.
* **Concept melding**, ordered like a Veilig Thuis meldformulier (meldcode.md §3.4), to read through
  with the client ("eigen tekst leidend"); a diagonal "CONCEPT" on every page.

Both say on every page that they hold confidential personal data, and again at the top of the text:
the header is an artifact in the tagged PDF, which a screen reader skips. Both PDFs are tagged
(``reporting.pdf_tags``): headings by style name, tables as ``TaggedTable`` with their header row.
Entry points:

* :func:`maak_pdf` (bytes, for preview/printing; audits the given action),
* :func:`exporteer` (writes a file; audits ``dossier_exporteren``),
* :func:`verslag_pdf` / :func:`melding_pdf` (pure rendering of :class:`VerslagGegevens`).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ghnt_desktop.domain import meldcode as dm
from ghnt_desktop.reporting.pdf_base import datum_nl, moment_nl, pdf_bytes, stijlen, tekst
from ghnt_desktop.services import export
from ghnt_desktop.services.export import VerslagGegevens
from ghnt_desktop.services.workspace import Workspace

HEADER = "VERTROUWELIJK – bevat bijzondere persoonsgegevens (meldcode). Niet doorsturen en niet laten liggen."
# The same notice in the text itself (header and footer are artifacts: screen readers skip them).
VERTROUWELIJK = ("<b>Vertrouwelijk.</b> Dit document bevat bijzondere persoonsgegevens (meldcode). "
                 "Niet doorsturen en niet laten liggen.")
MAX_TIJDLIJN_TEKST = 400

AFWEGING_VRAGEN = {
    1: "Is er een vermoeden van huiselijk geweld of kindermishandeling?",
    2: "Is er acute of structurele onveiligheid?",
    3: "Kan ik passende hulp bieden of regelen?",
    4: "Accepteren de betrokkenen de hulp en werken zij mee?",
    5: "Heeft de hulp binnen de afgesproken tijd gezorgd voor blijvende veiligheid?",
}


# --------------------------------------------------------------------------- small helpers

class _Doc:
    """Collects flowables with the shared styles."""

    def __init__(self) -> None:
        self.s = stijlen()
        self.items: list[Any] = []

    def p(self, markup: str, stijl: str = "tekst") -> None:
        from reportlab.platypus import Paragraph

        self.items.append(Paragraph(markup, self.s[stijl]))

    def kop(self, titel: str, niveau: int = 1) -> None:
        self.p(tekst(titel), f"kop{niveau}")

    def veld(self, label: str, waarde: Any, leeg: str = "niet ingevuld") -> None:
        """``Label: waarde`` as one paragraph (free text escaped; long text wraps and splits over pages)."""
        self.p(f"<b>{tekst(label)}:</b> {tekst(waarde, leeg) if not isinstance(waarde, _Markup) else waarde}")

    def ruimte(self, hoogte: float = 4) -> None:
        from reportlab.platypus import Spacer

        self.items.append(Spacer(1, hoogte))

    def tabel(self, kolommen: list[str], rijen: list[list[str]], breedtes: list[float] | None = None) -> None:
        """A table with a header row (column headers, repeated on every page)."""
        from reportlab.lib import colors
        from reportlab.platypus import Paragraph, TableStyle

        from ghnt_desktop.reporting.pdf_base import FONT
        from ghnt_desktop.reporting.pdf_tags import TaggedTable

        data = [[Paragraph(tekst(k), self.s["celkop"]) for k in kolommen]]
        data += [[Paragraph(tekst(c, "–"), self.s["cel"]) for c in rij] for rij in rijen]
        t = TaggedTable(data, colWidths=breedtes, repeatRows=1, hAlign="LEFT", header_rows=1)
        t.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4eaf1")),
            ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#b0b8c0")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f6f8fa")]),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]))
        self.items.append(t)
        self.ruimte(6)


class _Markup(str):
    """Already-safe markup (not escaped again by :meth:`_Doc.veld`)."""


def _ja_nee(waarde: bool | None, leeg: str = "niet ingevuld") -> str:
    return leeg if waarde is None else ("ja" if waarde else "nee")


def _mm(waarde: float) -> float:
    return waarde * 72 / 25.4


def _vormen(d: dm.Dossier) -> str:
    return ", ".join(sorted(v.label for v in d.vormen)) or "nog niet gekozen"


def _leeftijd(b: dm.Betrokkene) -> str:
    if b.leeftijd is not None:
        return f"{b.leeftijd} jaar"
    if b.geboortejaar is not None:
        return f"geboren in {b.geboortejaar}"
    return ""


def _gezag(b: dm.Betrokkene) -> str:
    return "" if b.gezag is None else ("ja" if b.gezag else "nee")


def _kop_tekst(g: VerslagGegevens, titel: str, doc: _Doc) -> None:
    d = g.dossier
    doc.p(tekst(titel), "titel")
    doc.p(f"Dossier {d.id} · cliëntreferentie <b>{tekst(d.client_referentie)}</b> · {tekst(g.gemeente_naam)}",
          "ondertitel")
    doc.p(VERTROUWELIJK, "klein")
    doc.ruimte(4)
    if g.oefen:
        doc.p("Dit is een oefendossier uit de oefenwerkruimte. Alle personen en gebeurtenissen zijn verzonnen.",
              "waarschuwing")
    elif g.demo:
        doc.p("Dit dossier komt uit de demowerkruimte. Alle personen en gebeurtenissen zijn verzonnen.",
              "waarschuwing")


def _betrokkenen(doc: _Doc, d: dm.Dossier) -> None:
    if not d.betrokkenen:
        doc.p("Er zijn nog geen betrokkenen vastgelegd.")
        return
    doc.tabel(["Rol", "Aanduiding", "Leeftijd", "Relatie", "Gezag"],
              [[b.rol.label, b.aanduiding, _leeftijd(b), b.relatie, _gezag(b)] for b in d.betrokkenen],
              [_mm(38), _mm(32), _mm(24), _mm(60), _mm(20)])


def _signaal(doc: _Doc, n: int, s: dm.Signaal) -> None:
    if s.soort is dm.SignaalSoort.FEIT:
        soort = "Feit"
    else:
        soort = "Interpretatie of vermoeden – geen vastgesteld feit"
    doc.p(f"<b>Signaal {n} – {soort}</b>", "kop3")
    doc.p(tekst(s.omschrijving, "(geen omschrijving)"), "citaat")
    if s.herkomst is dm.Herkomst.VAN_ANDER:
        doc.veld("Bron", _Markup(f"{tekst(s.bron, 'nog niet ingevuld')} (van iemand anders gehoord)"))
    else:
        doc.veld("Bron", "eigen waarneming")
    doc.veld("Richting", s.richting.label)
    details = [f"gezien of gehoord op {datum_nl(s.datum_waargenomen)}",
               f"vastgelegd op {datum_nl(s.datum_vastgelegd)}" + (f" door {s.auteur}" if s.auteur else "")]
    if s.vorm is not None:
        details.append(f"vorm: {s.vorm.label}")
    if s.letsel:
        details.append("er is letsel gezien")
    if s.acuut:
        details.append("teken van acuut gevaar")
    doc.p(tekst("; ".join(details) + "."), "klein")


def _kindcheck(doc: _Doc, k: dm.Kindcheck | None) -> None:
    if k is None:
        doc.p("De kindcheck is nog niet vastgelegd.")
        return
    doc.veld("Kinderen in het huishouden", k.kinderen_in_huishouden.label)
    if k.aantal is not None:
        doc.veld("Aantal kinderen", str(k.aantal))
    if k.leeftijden:
        doc.veld("Leeftijden", ", ".join(str(x) for x in k.leeftijden))
    doc.veld("Wie zorgt voor de kinderen", k.wie_zorgt)
    if k.kan_client_zorgen:
        doc.veld("Kan de cliënt voor de kinderen zorgen", k.kan_client_zorgen)
    doc.veld("Netwerk", k.netwerk)
    if k.toelichting:
        doc.veld("Toelichting", k.toelichting)
    doc.veld("Vervolg", _Markup(f"{tekst(k.vervolg_status.label)}" + (f". {tekst(k.vervolg)}" if k.vervolg else "")
                                + (f" (uiterlijk {datum_nl(k.vervolg_datum)})" if k.vervolg_datum else "")))
    doc.p(tekst(f"Kindcheck gedaan op {datum_nl(k.datum)}" + (f" door {k.auteur}" if k.auteur else "") + "."),
          "klein")


def _consultaties(doc: _Doc, d: dm.Dossier) -> None:
    if not d.consultaties:
        doc.p("Er is nog geen overleg vastgelegd.")
    for n, c in enumerate(d.consultaties, start=1):
        doc.p(f"<b>Overleg {n} – {tekst(c.soort.label)}</b>", "kop3")
        doc.veld("Datum", datum_nl(c.datum))
        doc.veld("Met wie", c.wie)
        doc.veld("Zonder namen van de cliënt (anoniem)", _ja_nee(c.anoniem))
        if c.letselduider is not None:
            doc.veld("Letselduiding door", c.letselduider.label)
        doc.veld("Vraag", c.vraag)
        doc.veld("Advies", c.advies)
        if c.vervolg:
            doc.veld("Vervolg", c.vervolg)
        if c.auteur:
            doc.p(tekst(f"Vastgelegd door {c.auteur}."), "klein")


def _gesprekken(doc: _Doc, d: dm.Dossier) -> None:
    if not d.gesprekken and d.gesprek_niet_gevoerd is None:
        doc.p("Het gesprek met de cliënt is nog niet vastgelegd.")
    for n, gs in enumerate(d.gesprekken, start=1):
        doc.p(f"<b>Gesprek {n}</b>", "kop3")
        doc.veld("Datum", datum_nl(gs.datum))
        doc.veld("Wie waren erbij", ", ".join(gs.deelnemers))
        doc.veld("Tolk", _ja_nee(gs.tolk))
        doc.veld("Wat is besproken", gs.wat_voorgelegd)
        doc.veld("Reactie van de cliënt", gs.reactie_client)
        doc.veld("Uitkomst", gs.uitkomst)
    ng = d.gesprek_niet_gevoerd
    if ng is not None:
        doc.p("<b>Het gesprek is niet gevoerd</b>", "kop3")
        doc.veld("Reden", ng.reden.label if ng.reden else None)
        doc.veld("Toelichting", ng.toelichting)
        afgestemd = ng.afgestemd_met
        if ng.consultatie_id is not None:
            for n, c in enumerate(d.consultaties, start=1):
                if c.id == ng.consultatie_id:
                    afgestemd = (afgestemd + "; " if afgestemd else "") + f"zie overleg {n} ({c.soort.label})"
        doc.veld("Besproken met", afgestemd)
        doc.veld("Datum", datum_nl(ng.datum))


def _afwegingen(doc: _Doc, d: dm.Dossier) -> None:
    if not d.afwegingen:
        doc.p("Er zijn nog geen afwegingen beantwoord.")
        return
    rondes = sorted({a.ronde for a in d.afwegingen})
    for ronde in rondes:
        if len(rondes) > 1 or ronde > 1:
            doc.p(f"<b>Ronde {ronde}</b>" + (" (huidige ronde)" if ronde == d.ronde else ""), "kop3")
        for a in sorted((a for a in d.afwegingen if a.ronde == ronde), key=lambda a: a.nummer):
            doc.p(f"<b>Afweging {a.nummer}: {tekst(AFWEGING_VRAGEN[a.nummer])}</b> – {'ja' if a.antwoord else 'nee'}")
            doc.veld("Motivatie", a.motivatie)
            doc.p(tekst(f"{a.auteur or 'onbekend'}, {moment_nl(a.tijdstip)}."), "klein")
    try:
        uitkomst = d.uitkomst()
        doc.veld("Uitkomst van het afwegingskader (huidige ronde)", uitkomst.uitleg)
    except ValueError:
        doc.p("De antwoorden op de afwegingen passen (nog) niet bij elkaar.", "klein")


def _besluiten(doc: _Doc, g: VerslagGegevens) -> None:
    d = g.dossier
    if not d.besluiten:
        doc.p("Er is nog geen besluit vastgelegd.")
    for n, b in enumerate(d.besluiten, start=1):
        doc.p(f"<b>Besluit {n}</b>" + (f" (ronde {b.ronde})" if d.ronde > 1 else ""), "kop3")
        norm = f" (meldnorm {b.meldnorm})" if b.meldnorm else ""
        doc.veld("Is melden bij Veilig Thuis nodig", _ja_nee(b.melden) + norm)
        doc.veld("Zelf hulp bieden of regelen", _ja_nee(b.hulp))
        doc.veld("Motivatie", b.motivatie)
        doc.veld("Besloten door", b.besluit_door)
        doc.veld("Vastgelegd op", moment_nl(b.tijdstip))
        tekens = [m for m in g.medeondertekeningen if m.besluit_id == b.id]
        if tekens:
            doc.veld("Medeondertekend door", "; ".join(f"{m.account_naam} ({moment_nl(m.tijdstip)})" for m in tekens))
        else:
            doc.veld("Medeondertekend door", None, "nog niet medeondertekend")


def _meldingen(doc: _Doc, d: dm.Dossier) -> None:
    if not d.meldingen:
        doc.p("Er is geen melding bij Veilig Thuis vastgelegd.")
    for n, m in enumerate(d.meldingen, start=1):
        doc.p(f"<b>Melding {n}</b>" + (f" (ronde {m.ronde})" if d.ronde > 1 else ""), "kop3")
        doc.veld("Datum en tijd", moment_nl(m.datum_tijd))
        doc.veld("Hoe gemeld", m.kanaal.label if m.kanaal else None)
        doc.veld("Veilig Thuis-regio", m.veilig_thuis_regio)
        doc.veld("Contactpersoon bij Veilig Thuis", m.contactpersoon)
        doc.veld("Gemelde feiten en hun bronnen", m.samenvatting_feiten_en_bronnen)
        doc.veld("Gezette stappen van de meldcode", m.stappen_gezet)
        doc.veld("Cliënt vooraf geïnformeerd", _ja_nee(m.client_geinformeerd))
        if m.client_geinformeerd is False:
            doc.veld("Waarom niet", m.reden_niet)
            doc.veld("Pogingen om de cliënt te bereiken", m.pogingen_contact)
        else:
            doc.veld("Reactie en bezwaren van de cliënt", m.reactie_en_bezwaren)
            doc.veld("Wat is er met de bezwaren gedaan", m.hoe_omgegaan)
        if m.anoniem_grond is not None:
            doc.veld("Gevraagd om anoniem te blijven, omdat", m.anoniem_grond.label)
        doc.veld("Vervolgafspraken", m.vervolgafspraken)


def _opvolging(doc: _Doc, d: dm.Dossier) -> None:
    if not (d.hulp or d.terugkoppelingen or d.overdrachten):
        doc.p("Er is nog geen opvolging vastgelegd.")
    for n, h in enumerate(d.hulp, start=1):
        doc.p(f"<b>Hulp {n}</b>" + (f" (ronde {h.ronde})" if d.ronde > 1 else ""), "kop3")
        doc.veld("Welke hulp", h.wat)
        doc.veld("Wie geeft of regelt de hulp", h.wie)
        doc.veld("Evaluatie (afweging 5) op", datum_nl(h.evaluatiedatum))
        doc.veld("Veiligheidsafspraken", h.veiligheidsafspraken)
    for n, t in enumerate(d.terugkoppelingen, start=1):
        doc.p(f"<b>Terugkoppeling van Veilig Thuis {n} – {tekst(t.soort.label)}</b>", "kop3")
        doc.veld("Datum", datum_nl(t.datum))
        doc.veld("Inhoud", t.inhoud)
        doc.veld("Vervolgacties", t.vervolgacties)
    for n, o in enumerate(d.overdrachten, start=1):
        doc.p(f"<b>Overdracht {n}</b>", "kop3")
        doc.veld("Datum", datum_nl(o.datum))
        doc.veld("Van", o.van)
        doc.veld("Contactpersoon", o.contactpersoon)
        doc.veld("Reden", o.reden)
        doc.veld("Afspraken", o.afspraken)


def _acuut(doc: _Doc, d: dm.Dossier) -> None:
    for a in d.acuut:
        doc.p(tekst(f"Acuut gevaar vastgesteld op {moment_nl(a.tijdstip)}"
                    + (f" door {a.auteur}" if a.auteur else "") + ". De stappen zijn versneld gezet."), "waarschuwing")
        doc.veld("Waarom acuut", a.reden)
        doc.veld("Wat is er gedaan", a.actie)


def _tijdlijn(doc: _Doc, g: VerslagGegevens) -> None:
    rijen = []
    for r in g.tijdlijn:
        wat = r.label + (f" (versie {r.versie})" if r.versie > 1 else "")
        if r.vervangen:
            wat += " – vervangen door een nieuwere versie"
        if r.ingetrokken:
            wat += " – uit het dossier gehaald"
        omschrijving = r.omschrijving
        if len(omschrijving) > MAX_TIJDLIJN_TEKST:
            omschrijving = omschrijving[:MAX_TIJDLIJN_TEKST].rstrip() + " … (ingekort)"
        rijen.append([moment_nl(r.tijdstip), r.auteur_naam, wat, omschrijving])
    doc.tabel(["Wanneer", "Wie", "Wat", "Vastgelegd"], rijen, [_mm(30), _mm(30), _mm(34), _mm(80)])


# --------------------------------------------------------------------------- verslag

def _verslag_flowables(g: VerslagGegevens) -> list[Any]:
    d = g.dossier
    doc = _Doc()
    _kop_tekst(g, "Verslag meldcode huiselijk geweld en kindermishandeling", doc)
    doc.p(tekst(f"Gemaakt op {moment_nl(g.gemaakt_op)} door {g.gemaakt_door} met GHNT Desktop, voor het "
                "cliëntdossier. Van elk onderdeel staat hier de laatste versie. Eerdere versies en correcties "
                "staan in de tijdlijn achteraan."), "klein")
    doc.kop("Gegevens van het dossier")
    doc.veld("Cliëntreferentie", d.client_referentie)
    doc.veld("Gemeente", g.gemeente_naam)
    doc.veld("Organisatie", g.organisatie)
    if g.team_naam:
        doc.veld("Team", g.team_naam)
    doc.veld("Eigenaar (professional)", g.eigenaar_naam)
    doc.veld("Aandachtsfunctionaris", g.aandachtsfunctionaris_naam, "niet ingevuld")
    doc.veld("Vorm van geweld", _vormen(d))
    doc.veld("Status", f"{d.status.label}, stap {d.huidige_stap}" + (f", ronde {d.ronde}" if d.ronde > 1 else ""))
    doc.veld("Geopend op", datum_nl(d.geopend_op))
    if d.afgesloten_op:
        doc.veld("Afgesloten op", datum_nl(d.afgesloten_op))
    _acuut(doc, d)

    doc.kop("Betrokkenen")
    _betrokkenen(doc, d)

    doc.kop("Stap 1 – Signalen")
    feiten = [(n, s) for n, s in enumerate(d.signalen, start=1) if s.soort is dm.SignaalSoort.FEIT]
    interpretaties = [(n, s) for n, s in enumerate(d.signalen, start=1) if s.soort is not dm.SignaalSoort.FEIT]
    if not d.signalen:
        doc.p("Er zijn nog geen signalen vastgelegd.")
    if feiten:
        doc.kop("Feiten", 2)
        for n, s in feiten:
            _signaal(doc, n, s)
    if interpretaties:
        doc.kop("Interpretaties en vermoedens (geen vastgestelde feiten)", 2)
        doc.p("Dit zijn aannames of vermoedens van de professional. Ze zijn als zodanig vastgelegd en niet "
              "vastgesteld.", "klein")
        for n, s in interpretaties:
            _signaal(doc, n, s)
    doc.kop("Kindcheck", 2)
    _kindcheck(doc, d.kindcheck)

    doc.kop("Stap 2 – Overleg")
    _consultaties(doc, d)
    doc.kop("Stap 3 – Gesprek met de cliënt")
    _gesprekken(doc, d)
    doc.kop("Stap 4 en 5 – Afwegingen")
    _afwegingen(doc, d)
    doc.kop("Stap 5 – Besluiten")
    _besluiten(doc, g)
    doc.kop("Melding bij Veilig Thuis")
    _meldingen(doc, d)
    doc.kop("Opvolging")
    _opvolging(doc, d)
    if g.afsluitingen or g.heropeningen:
        doc.kop("Afsluiten en heropenen")
        for moment, wie, reden in sorted(
                [(m, w, f"Afgesloten. Reden: {r}") for m, w, r in g.afsluitingen]
                + [(m, w, f"Heropend. Reden: {r}") for m, w, r in g.heropeningen]):
            doc.veld(f"{moment_nl(moment)} ({wie})", reden)
    doc.kop("Tijdlijn: alles wat is vastgelegd, met alle versies")
    _tijdlijn(doc, g)
    return doc.items


def verslag_pdf(g: VerslagGegevens, *, wachtwoord: str | None = None) -> bytes:
    d = g.dossier
    return pdf_bytes(_verslag_flowables(g), title="Verslag meldcode", subject="Meldcode-dossier (vertrouwelijk)",
                     footer=f"Verslag meldcode · dossier {d.id} · {d.client_referentie} · vertrouwelijk",
                     header=HEADER, watermark="OEFENING" if g.oefen else ("DEMO" if g.demo else None),
                     password=wachtwoord)


# --------------------------------------------------------------------------- concept melding

def _veilig_thuis_telefoon() -> str:
    try:
        from ghnt_desktop.content.meldcode_content import laad_contacten

        return laad_contacten().contact("veilig_thuis").telefoon or "0800-2000"
    except Exception:  # content problem: the well-known number
        return "0800-2000"


def _melding_flowables(g: VerslagGegevens) -> list[Any]:
    d = g.dossier
    doc = _Doc()
    vt = _veilig_thuis_telefoon()
    meldingen = d.in_ronde(d.meldingen)
    m = meldingen[-1] if meldingen else None
    _kop_tekst(g, "Concept melding aan Veilig Thuis", doc)
    doc.p(tekst("Dit is een concept. Lees het samen met de cliënt door, tenzij dat iemand in gevaar brengt. "
                "Jouw eigen tekst is leidend: pas aan wat niet klopt voordat je meldt. Is er acuut gevaar? "
                f"Meld dan telefonisch bij Veilig Thuis ({vt}) of bel 112."), "waarschuwing")

    doc.kop("1. Uitleg melden")
    doc.p("Met een melding geef je je zorgen door aan Veilig Thuis. Je meldt met je eigen naam, en je vertelt de "
          "cliënt vooraf dat je meldt en waarom; je vraagt geen toestemming. Veilig Thuis laat de betrokkenen "
          "binnen 4 weken weten dat er gegevens over hen zijn doorgegeven. Veilig Thuis besluit binnen ongeveer "
          "5 werkdagen wat er gebeurt en laat jou dat weten.")

    doc.kop("2. Meldcode: welke stappen zijn gezet")
    feiten = [s for s in d.signalen if s.soort is dm.SignaalSoort.FEIT]
    doc.veld("Stap 1 – Signalen", f"{len(d.signalen)} signalen vastgelegd, waarvan {len(feiten)} feiten. "
             + ("Kindcheck gedaan." if d.kindcheck else "Kindcheck nog niet gedaan."))
    if d.consultaties:
        overleg = "; ".join(f"{c.soort.label} ({datum_nl(c.datum)})" for c in d.consultaties)
    else:
        overleg = "nog geen overleg vastgelegd"
    doc.veld("Stap 2 – Overleg", overleg)
    if d.gesprekken:
        gesprek = "; ".join(f"gesprek op {datum_nl(x.datum)}" for x in d.gesprekken)
    elif d.gesprek_niet_gevoerd is not None:
        ng = d.gesprek_niet_gevoerd
        gesprek = "niet gevoerd: " + (ng.reden.label if ng.reden else "reden nog niet ingevuld")
    else:
        gesprek = "nog niet vastgelegd"
    doc.veld("Stap 3 – Gesprek met de cliënt", gesprek)
    antwoorden = d.huidige_antwoorden()
    doc.veld("Stap 4 en 5 – Afwegingen", "; ".join(f"afweging {n}: {'ja' if a else 'nee'}"
                                                   for n, a in sorted(antwoorden.items())) or "nog niet beantwoord")
    besluit = d.laatste_besluit()
    if besluit is not None:
        doc.veld("Besluit", f"melden: {_ja_nee(besluit.melden)}"
                 + (f" (meldnorm {besluit.meldnorm})" if besluit.meldnorm else "") + f"; hulp: {_ja_nee(besluit.hulp)}")
        doc.veld("Motivatie van het besluit", besluit.motivatie)
    if m is not None and m.stappen_gezet:
        doc.veld("Toelichting", m.stappen_gezet)
    if d.acuut:
        doc.veld("Versnelde route", "Er was acuut gevaar; stappen zijn versneld gezet.")

    doc.kop("3. Gegevens van de melder")
    doc.veld("Naam", g.eigenaar_naam)
    doc.veld("Organisatie", g.organisatie)
    if g.team_naam:
        doc.veld("Team", g.team_naam)
    doc.veld("Aandachtsfunctionaris", g.aandachtsfunctionaris_naam, "niet ingevuld")
    doc.veld("Telefoon en e-mail", None, "vul in")
    if m is not None and m.anoniem_grond is not None:
        doc.veld("Vraag om anoniem te blijven, omdat", m.anoniem_grond.label)

    doc.kop("4. Betrokkenen")
    doc.veld("Cliëntreferentie", d.client_referentie)
    doc.veld("Gemeente", g.gemeente_naam)
    _betrokkenen(doc, d)

    doc.kop("5. Melding: wat is er aan de hand")
    doc.veld("Vorm van geweld", _vormen(d))
    if m is not None and m.samenvatting_feiten_en_bronnen:
        doc.veld("Samenvatting", m.samenvatting_feiten_en_bronnen)
    if feiten:
        doc.kop("Feiten en hun bronnen", 2)
        for n, s in enumerate(d.signalen, start=1):
            if s.soort is dm.SignaalSoort.FEIT:
                _signaal(doc, n, s)
    interpretaties = [(n, s) for n, s in enumerate(d.signalen, start=1) if s.soort is not dm.SignaalSoort.FEIT]
    if interpretaties:
        doc.kop("Interpretaties en vermoedens (geen vastgestelde feiten)", 2)
        for n, s in interpretaties:
            _signaal(doc, n, s)
    if d.kindcheck is not None:
        doc.kop("Kinderen (kindcheck)", 2)
        _kindcheck(doc, d.kindcheck)

    doc.kop("6. Ondersteunend netwerk")
    k = d.kindcheck
    doc.veld("Netwerk van het gezin", k.netwerk if k else None)
    doc.veld("Wie zorgt voor de kinderen", k.wie_zorgt if k else None)
    hulp = d.in_ronde(d.hulp)
    if hulp:
        for h in hulp:
            doc.veld("Hulp die er al is", f"{h.wat} ({h.wie})" if h.wie else h.wat)
    else:
        doc.veld("Hulp die er al is", None)

    doc.kop("7. Overige informatie")
    if m is None:
        doc.p("Er is nog geen melding vastgelegd. Vul deze punten in voordat je meldt.")
    doc.veld("Cliënt vooraf geïnformeerd", _ja_nee(m.client_geinformeerd) if m else None)
    if m is not None and m.client_geinformeerd is False:
        doc.veld("Waarom niet", m.reden_niet)
        doc.veld("Pogingen om de cliënt te bereiken", m.pogingen_contact)
    else:
        doc.veld("Reactie en bezwaren van de cliënt", m.reactie_en_bezwaren if m else None)
        doc.veld("Wat is er met de bezwaren gedaan", m.hoe_omgegaan if m else None)
    doc.veld("Vervolgafspraken met Veilig Thuis en betrokkenen", m.vervolgafspraken if m else None)
    if d.heeft_vorm(*dm.FAMILIE_NIET_BETREKKEN):
        doc.p("Let op: bij eergerelateerd geweld, huwelijksdwang, achterlating of meisjesbesnijdenis bespreek "
              "je de melding niet met de familie of de ouders.", "waarschuwing")

    doc.kop("8. Melding afronden")
    doc.veld("Datum en tijd van de melding", moment_nl(m.datum_tijd) if m and m.datum_tijd else None,
             "nog in te vullen")
    doc.veld("Hoe gemeld", m.kanaal.label if m and m.kanaal else None, "nog in te vullen")
    doc.veld("Veilig Thuis-regio", m.veilig_thuis_regio if m else None, "nog in te vullen")
    doc.veld("Contactpersoon bij Veilig Thuis", m.contactpersoon if m else None, "nog in te vullen")
    doc.p(tekst(f"Gemaakt op {moment_nl(g.gemaakt_op)} door {g.gemaakt_door} met GHNT Desktop. "
                f"Veilig Thuis: {vt} (dag en nacht bereikbaar)."), "klein")
    return doc.items


def melding_pdf(g: VerslagGegevens, *, wachtwoord: str | None = None) -> bytes:
    d = g.dossier
    merk = "CONCEPT – OEFENING" if g.oefen else ("CONCEPT – DEMO" if g.demo else "CONCEPT")
    return pdf_bytes(_melding_flowables(g), title="Concept melding Veilig Thuis",
                     subject="Concept melding (vertrouwelijk)",
                     footer=f"Concept melding · dossier {d.id} · {d.client_referentie} · vertrouwelijk",
                     header=HEADER, watermark=merk, password=wachtwoord)


# --------------------------------------------------------------------------- entry points

def render(g: VerslagGegevens, soort: str, *, wachtwoord: str | None = None) -> bytes:
    export.controleer_soort(soort)
    return verslag_pdf(g, wachtwoord=wachtwoord) if soort == "verslag" else melding_pdf(g, wachtwoord=wachtwoord)


def maak_pdf(ws: Workspace, dossier_id: int, *, soort: str = "verslag", wachtwoord: str | None = None,
             actie: str = "dossier_exporteren") -> bytes:
    """The PDF in memory (preview: ``actie="dossier_bekijken"``, printing: ``"dossier_afdrukken"``)."""
    export.controleer_soort(soort)
    export.controleer_wachtwoord(wachtwoord)
    g = export.gegevens(ws, dossier_id)
    data = render(g, soort, wachtwoord=wachtwoord)
    with ws.db.atomic():
        export.registreer(ws, dossier_id, soort=soort, actie=actie, beveiligd=bool(wachtwoord))
    return data


def exporteer(ws: Workspace, dossier_id: int, pad: Path, *, soort: str = "verslag",
              wachtwoord: str | None = None) -> Path:
    """Write the verslag or concept melding to ``pad`` (audited as ``dossier_exporteren``)."""
    export.controleer_soort(soort)
    export.controleer_wachtwoord(wachtwoord)
    export.controleer_pad(pad)
    g = export.gegevens(ws, dossier_id)
    data = render(g, soort, wachtwoord=wachtwoord)
    return export.schrijf(ws, dossier_id, Path(pad), data, soort=soort, beveiligd=bool(wachtwoord))
