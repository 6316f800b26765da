"""The printed plan van aanpak (reportlab), built from ``services.plan.PlanRapport``.

Entry points: :func:`pdf_bytes` (the preview; no audit — saving and printing are audited),
:func:`exporteer_pdf` (writes a file; audits ``plan_exporteren`` through ``services.plan.schrijf_pdf``)
and :func:`bouw_pdf` (pure rendering of a ``PlanRapport``).

Order: cover (gemeente, CBS code, region, period, version, date, status); samenvatting; the sections
of the plan in the order of ``resources/plan/secties.json``. Under "Huidige situatie": a part per theme,
the zelfscan results per team (chart, an equivalent table, the trend against the previous scan), the
ranked verbeterpunten and, when switched on, the datalab figures. Under "Acties": the action table
(header repeated on every page; a row is never split: long cell texts are shortened there and printed
in full in the annex), grouped per actielijn of the regiovisie profile (``PlanRapport.regiovisie``) with
each line's goal; actions are numbered the profile's way ("2A"). An action whose code is not in the
profile is printed in a group of its own with its stored code and a note. Then verantwoording (catalogue version, werkversie notice, versions), an annex
with every zelfscan answer and one with actions in detail (all progress notes). Fonts, "pagina X van Y",
the CONCEPT watermark and Dutch dates come from ``reporting.pdf_base``.

The PDF is tagged (``reporting.pdf_tags``): headings by style name (titel and h1 -> H1, h2 -> H2,
h3 -> H3), every table a ``TaggedTable`` (a header row, and where the first column names the row, row
headers too; the cover and the annex of actions are key/value tables with row headers only) and every
chart a ``Figure`` whose alternative text is made from the same figures as the chart and its table.

Only aggregated and policy data reach this module (see ``PlanRapport``): never case content.
Table cells without markup are plain strings wrapped here (``_breek``): much cheaper than Paragraphs.
"""
from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ghnt_desktop.domain import datalab as dl
from ghnt_desktop.domain.plan import ACTIESTATUS_LABELS, ActieStatus, PlanStatus, is_te_laat, vul_in
from ghnt_desktop.domain.regiovisie import groepeer
from ghnt_desktop.services import plan as plan_service
from ghnt_desktop.services.plan import PlanRapport
from ghnt_desktop.services.workspace import Workspace

MAX_CEL = 450  # characters per table cell part; longer text is shortened and printed in full in the annex
DOELGROEP = {"gemeente": "Gemeente", "lokaal_team": "Lokaal team"}
PRIO = {"hoog": "Hoog", "midden": "Midden", "laag": "Laag", None: "–"}
VERANDERING_VOLGORDE = ("Verbeterd", "Verslechterd", "Gelijk gebleven")


def _e(tekst: object) -> str:
    """Escape for a reportlab Paragraph; keep line breaks."""
    return html.escape(str(tekst), quote=False).replace("\n", "<br/>")


def _kort(tekst: str, max_len: int = MAX_CEL) -> tuple[str, bool]:
    tekst = tekst.strip()
    if len(tekst) <= max_len:
        return tekst, False
    return tekst[: max_len - 1].rstrip() + "…", True


_CACHED_PARAGRAPH = None


def _paragraph_class():
    """A Paragraph that remembers its line breaks per width.

    A table wraps every cell to measure the row and again to draw it; without the cache each cell's
    text is broken into lines twice. Only used for cells and text that are never split.
    """
    global _CACHED_PARAGRAPH
    if _CACHED_PARAGRAPH is None:
        from reportlab.platypus import Paragraph

        class CachedParagraph(Paragraph):
            _wrap_key = None

            def wrap(self, availWidth, availHeight):  # noqa: N803 (reportlab API)
                if self._wrap_key == availWidth:
                    self.width, self.height, self.blPara, self._wrapWidths = self._wrap_val
                    return self.width, self.height
                result = super().wrap(availWidth, availHeight)
                self._wrap_key = availWidth
                self._wrap_val = (self.width, self.height, self.blPara, self._wrapWidths)
                return result

        _CACHED_PARAGRAPH = CachedParagraph
    return _CACHED_PARAGRAPH


class _Opmaak:
    """Paragraph styles and table styles on the bundled font."""

    def __init__(self, base) -> None:
        from reportlab.lib import colors
        from reportlab.lib.styles import ParagraphStyle

        base.registreer_fonts()
        f, fb, fi = base.FONT, base.FONT_BOLD, base.FONT_OBLIQUE
        self.font, self.vet = f, fb
        self.colors = colors
        self.normaal = ParagraphStyle("normaal", fontName=f, bulletFontName=f, fontSize=10, leading=14,
                                      spaceAfter=6)
        self.klein = ParagraphStyle("klein", parent=self.normaal, fontSize=8, leading=10.5, spaceAfter=3)
        self.cel = ParagraphStyle("cel", fontName=f, fontSize=7.5, leading=9.2, splitLongWords=1)
        self.cel_vet = ParagraphStyle("celvet", parent=self.cel, fontName=fb)
        self.cel_kop = ParagraphStyle("celkop", parent=self.cel, fontName=fb, textColor=colors.white)
        self.h1 = ParagraphStyle("h1", fontName=fb, fontSize=16, leading=20, spaceBefore=14, spaceAfter=8,
                                 keepWithNext=1, textColor=colors.HexColor("#1c4fa0"))
        self.h2 = ParagraphStyle("h2", fontName=fb, fontSize=12.5, leading=16, spaceBefore=10, spaceAfter=5,
                                 keepWithNext=1)
        self.h3 = ParagraphStyle("h3", fontName=fb, fontSize=10.5, leading=14, spaceBefore=8, spaceAfter=3,
                                 keepWithNext=1)
        self.titel = ParagraphStyle("titel", fontName=fb, fontSize=24, leading=30, spaceAfter=12,
                                    textColor=colors.HexColor("#1c4fa0"))
        self.ondertitel = ParagraphStyle("ondertitel", fontName=f, fontSize=13, leading=18, spaceAfter=24)
        self.cursief = ParagraphStyle("cursief", parent=self.normaal, fontName=fi)
        self.lijst = ParagraphStyle("lijst", parent=self.normaal, leftIndent=14, bulletIndent=3, spaceAfter=3,
                                    bulletFontName=f)
        self.rood = colors.HexColor("#b00020")
        self.kop_kleur = colors.HexColor("#1c4fa0")
        self.zebra = colors.HexColor("#eef2f8")
        self.groep = colors.HexColor("#d9e2f1")

    def tabelstijl(self, *, kop: bool = True, extra: Sequence = ()):
        from reportlab.platypus import TableStyle

        c = self.colors
        cmds = [
            ("FONTNAME", (0, 0), (-1, -1), self.font),
            ("FONTSIZE", (0, 0), (-1, -1), 7.5),
            ("LEADING", (0, 0), (-1, -1), 9.2),  # plain-string cells: same line height as Paragraph cells
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.4, c.HexColor("#9aa7bd")),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if kop:
            cmds += [("BACKGROUND", (0, 0), (-1, 0), self.kop_kleur), ("FONTNAME", (0, 0), (-1, 0), self.vet),
                     ("TEXTCOLOR", (0, 0), (-1, 0), c.white),
                     ("ROWBACKGROUNDS", (0, 1), (-1, -1), [c.white, self.zebra])]
        return TableStyle(cmds + list(extra))


class _Bouwer:
    def __init__(self, r: PlanRapport, base) -> None:
        self.r = r
        self.base = base
        self.o = _Opmaak(base)
        self.story: list = []
        self.hoofdstuk = 0
        self.ingekort: set[int] = set()  # action ids with shortened cells
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.units import cm, mm

        self.cm = cm
        self.sub = 0
        self.breedte = A4[0] - 2 * 18 * mm  # pdf_base margins

    # --- helpers -------------------------------------------------------------
    def datum(self, d: date | None) -> str:
        return self.base.datum_nl(d, leeg="")

    def p(self, tekst: str, stijl=None):
        from reportlab.platypus import Paragraph

        return Paragraph(tekst, stijl or self.o.normaal)

    def tekst(self, tekst: str) -> None:
        """User text: paragraphs split on empty lines; lines starting with "- " become bullets."""
        from reportlab.platypus import Paragraph

        for blok in [b for b in tekst.replace("\r\n", "\n").split("\n\n") if b.strip()]:
            regels = blok.split("\n")
            if all(r.lstrip().startswith(("- ", "• ")) for r in regels if r.strip()):
                for r in regels:
                    if r.strip():
                        self.story.append(Paragraph(_e(r.lstrip()[2:].strip()), self.o.lijst, bulletText="•"))
            else:
                self.story.append(Paragraph(_e(blok.strip()), self.o.normaal))

    def kop(self, titel: str) -> None:
        self.hoofdstuk += 1
        self.sub = 0
        self.story.append(self.p(f"{self.hoofdstuk}. {_e(titel)}", self.o.h1))

    def subkop(self, titel: str, stijl=None) -> None:
        self.sub += 1
        self.story.append(self.p(f"{self.hoofdstuk}.{self.sub} {_e(titel)}", stijl or self.o.h2))

    def invul(self, tekst: str) -> str:
        pl = self.r.plan
        regio = self.r.regiovisie.plan_waarden() if self.r.regiovisie is not None else {}
        return vul_in(tekst, gemeente=self.r.gemeente_naam, jaar=pl.periode_van.year,
                      volgende_zelfscan=self.datum(pl.volgende_zelfscan) if pl.volgende_zelfscan
                      else "een datum die nog wordt afgesproken", **regio)

    def nummer(self, a) -> str:
        """The action's number as the region writes it ("2A"); the plain number without a profile."""
        return self.r.actienummers.get(a.id, str(a.nummer))

    def tabel(self, rijen, breedtes, *, kop: bool = True, extra=(), herhaal: bool = True, rijkop: bool = False):
        """A tagged table. ``kop``: the first row holds the column headers (repeated on every page when
        ``herhaal``); ``rijkop``: the first column names the row (row headers)."""
        from ghnt_desktop.reporting.pdf_tags import TaggedTable

        return TaggedTable(rijen, colWidths=breedtes, repeatRows=1 if (kop and herhaal) else 0, splitByRow=1,
                           style=self.o.tabelstijl(kop=kop, extra=extra), hAlign="LEFT",
                           header_rows=1 if kop else 0, header_cols=1 if rijkop else 0)

    def cel(self, tekst: str, stijl=None):
        return _paragraph_class()(_e(tekst), stijl or self.o.cel)

    def cel_past(self, tekst: str, breedte: float) -> str:
        """Plain text for a table cell, broken into lines that fit ``breedte`` (cell padding included).

        Much cheaper than a Paragraph (no markup parsing); used for every cell without markup.
        """
        return _breek(tekst, breedte - 6.5, self.o.font, 7.5)

    def kort(self, tekst: str, max_tekens: int):
        """A plain string (cheap, no wrapping) when it surely fits on one line, else a Paragraph."""
        tekst = str(tekst)
        if len(tekst) <= max_tekens and "\n" not in tekst:
            return tekst
        return self.cel(tekst)

    # --- parts ---------------------------------------------------------------
    def voorblad(self) -> None:
        from reportlab.platypus import PageBreak, Spacer

        r, pl = self.r, self.r.plan
        self.story.append(Spacer(1, 2.2 * self.cm))
        self.story.append(self.p(_e(pl.titel), self.o.titel))
        self.story.append(self.p("Op basis van de zelfscans van de lokale teams en het Kwaliteitskader Werken aan "
                                 "Veiligheid (VNG)", self.o.ondertitel))
        status = (f"Vastgesteld op {self.datum(pl.vastgesteld_op)} door {pl.vastgesteld_door}"
                  if pl.status is PlanStatus.VASTGESTELD else "Concept (nog niet vastgesteld)")
        regio = r.regio + (f" (centrumgemeente {r.centrumgemeente})" if r.centrumgemeente else "")
        feiten = [
            ("Gemeente", r.gemeente_naam),
            ("CBS-code", pl.gemeente_code),
            ("Regio Veilig Thuis", regio or "onbekend"),
            ("Periode", f"{self.datum(pl.periode_van)} tot en met {self.datum(pl.periode_tot)}"),
            ("Versie", str(pl.versie)),
            ("Status", status),
            ("Datum", self.datum(r.gemaakt_op)),
        ]
        rijen = [[self.p(f"<b>{_e(k)}</b>", self.o.normaal), self.p(_e(v), self.o.normaal)] for k, v in feiten]
        self.story.append(self.tabel(rijen, [4.2 * self.cm, self.breedte - 4.2 * self.cm], kop=False, rijkop=True,
                                     extra=[("GRID", (0, 0), (-1, -1), 0.4, self.o.colors.HexColor("#c9d1de")),
                                            ("TOPPADDING", (0, 0), (-1, -1), 4)]))
        self.story.append(Spacer(1, 1.2 * self.cm))
        self.story.append(self.p("Dit plan bevat alleen beleid, uitkomsten van zelfscans en getelde cijfers. "
                                 "Er staan geen gegevens in over cliënten of gezinnen.", self.o.klein))
        self.story.append(PageBreak())

    def samenvatting(self) -> None:
        r = self.r
        self.story.append(self.p("Samenvatting", self.o.h1))
        zinnen = []
        if r.teams:
            namen = ", ".join(t.team_naam for t in r.teams)
            n = len(r.teams)
            zinnen.append(f"{'Eén team heeft' if n == 1 else f'{n} teams hebben'} de zelfscan ingevuld: {namen}.")
            nu = [t.totaal for t in r.teams if t.totaal is not None]
            if nu:
                tekst = f"Gemiddeld voldoen de teams aan {round(sum(nu) / len(nu))}% van de standaarden."
                vorig = [t.vorige_totaal for t in r.teams if t.vorige_totaal is not None]
                if vorig:
                    tekst += f" Bij de vorige zelfscan was dat gemiddeld {round(sum(vorig) / len(vorig))}%."
                zinnen.append(tekst)
        if r.verbeterpunten:
            top = r.verbeterpunten[:3]
            zinnen.append("De belangrijkste verbeterpunten zijn: " + "; ".join(
                f"{p.standaard_id} {p.standaard_titel}" for p in top) + ".")
        o = r.overzicht
        if o.totaal:
            delen = [f"{o.per_status[s]} {ACTIESTATUS_LABELS[s].lower()}" for s in ActieStatus if o.per_status[s]]
            zin = f"Het plan heeft {o.totaal} {'actie' if o.totaal == 1 else 'acties'}: {', '.join(delen)}."
            if o.aantal_te_laat:
                zin += (f" Op {self.datum(r.gemaakt_op)} {'is' if o.aantal_te_laat == 1 else 'zijn'} "
                        f"{o.aantal_te_laat} {'actie' if o.aantal_te_laat == 1 else 'acties'} te laat.")
            zinnen.append(zin)
        else:
            zinnen.append("Er staan nog geen acties in het plan.")
        if r.plan.volgende_zelfscan:
            zinnen.append(f"De volgende zelfscan is gepland op {self.datum(r.plan.volgende_zelfscan)}.")
        for z in zinnen:
            self.story.append(self.p(_e(z)))

    def secties(self) -> None:
        for s in self.r.secties:
            if s.niveau == 2:
                continue
            if s.code == "acties":
                self.kop(s.titel)
                self.tekst(self.invul(s.tekst))
                self.actietabel()
                continue
            self.kop(s.titel)
            self.tekst(self.invul(s.tekst))
            if s.code == "huidige_situatie":
                self.per_thema()
                self.teamresultaten()
                self.verbeterpunten()
                if self.r.datalab is not None:
                    self.datalab()
            if s.code == "monitoring_en_evaluatie":
                pl = self.r.plan
                if "{volgende_zelfscan}" not in s.tekst:
                    wanneer = self.datum(pl.volgende_zelfscan) if pl.volgende_zelfscan else "nog niet afgesproken"
                    self.story.append(self.p(f"<b>Volgende zelfscan:</b> {_e(wanneer)}."))

    def per_thema(self) -> None:
        for s in self.r.secties:
            if s.niveau != 2:
                continue
            self.subkop(s.titel)
            feiten = self.r.thema_feiten.get(s.thema_id or "", "")
            if feiten:
                self.story.append(self.p(_e(feiten)))
            if s.tekst.strip():
                self.tekst(self.invul(s.tekst))

    def teamresultaten(self) -> None:
        from reportlab.platypus import KeepTogether, Spacer

        from ghnt_desktop.reporting.charts import thema_alt_tekst, thema_staafdiagram
        from ghnt_desktop.reporting.pdf_tags import tag

        self.subkop("Uitkomsten van de zelfscan per team")
        self.story.append(self.p(
            "Per team: het percentage standaarden waaraan het team voldoet, per thema. 'Weet niet' en 'Niet van "
            "toepassing' tellen niet mee. Heeft het team eerder een zelfscan vastgesteld, dan staat de vorige "
            "uitkomst ernaast. De tabel onder elke grafiek geeft dezelfde cijfers."))
        if not self.r.teams:
            self.story.append(self.p("Er is geen zelfscan gekozen."))
        for t in self.r.teams:
            kop = self.p(f"{_e(t.team_naam)}", self.o.h3)
            info = f"{t.team_type}. Zelfscan met peildatum {self.datum(t.peildatum)} (versie {t.scan_versie})."
            if t.vorige_peildatum:
                info += f" Vorige zelfscan: {self.datum(t.vorige_peildatum)}."
            else:
                info += " Er is geen eerdere vastgestelde zelfscan om mee te vergelijken."
            vorig_label = f"Vorige zelfscan ({self.datum(t.vorige_peildatum)})" if t.vorige_peildatum else None
            staven = [(s.naam, s.percentage, s.vorige_percentage) for s in t.themas]
            nu_label = f"Deze zelfscan ({self.datum(t.peildatum)})"
            grafiek = thema_staafdiagram(staven, breedte=self.breedte, font=self.o.font, label_nu=nu_label,
                                         label_vorig=vorig_label)
            tag(grafiek, "Figure", alt=thema_alt_tekst(staven, onderwerp=t.team_naam, label_nu=nu_label,
                                                       label_vorig=vorig_label))
            rijen = [["Thema", "Voldoet", "Percentage nu", "Vorige keer", "Verschil"]]
            for s in t.themas:
                rijen.append([self.kort(s.naam, 45), f"{s.voldoet} van {s.noemer}" if s.noemer else "–",
                              _toon_pct(s.percentage), _toon_pct(s.vorige_percentage),
                              _verschil(s.percentage, s.vorige_percentage)])
            rijen.append(["Totaal", "", _toon_pct(t.totaal), _toon_pct(t.vorige_totaal),
                          _verschil(t.totaal, t.vorige_totaal)])
            b = self.breedte
            tabel = self.tabel(rijen, [b * 0.40, b * 0.15, b * 0.15, b * 0.15, b * 0.15], rijkop=True,
                               extra=[("FONTNAME", (0, -1), (-1, -1), self.o.vet)])
            blok = [kop, self.p(_e(info), self.o.klein), grafiek, Spacer(1, 4), tabel]
            if t.veranderingen:
                volgorde = {k: i for i, k in enumerate(VERANDERING_VOLGORDE)}
                v = sorted(t.veranderingen, key=lambda x: volgorde.get(x[0], 99))
                tekst = "Per standaard, vergeleken met de vorige zelfscan: " + ", ".join(
                    f"{label.lower()}: {n}" for label, n in v) + "."
                blok.append(self.p(_e(tekst), self.o.klein))
            self.story.append(KeepTogether(blok))  # one team's chart, table and trend on one page
            self.story.append(Spacer(1, 8))

    def verbeterpunten(self) -> None:
        self.subkop("Verbeterpunten, de belangrijkste eerst")
        self.story.append(self.p(
            "De verbeterpunten uit de zelfscans, per standaard samengevoegd. De volgorde: eerst de hoogste "
            "prioriteit die een team gaf, dan het aantal teams dat het punt noemt, dan punten voor de gemeente."))
        if not self.r.verbeterpunten:
            self.story.append(self.p("De teams hebben geen verbeterpunten aangegeven."))
            return
        rijen = [["Nr", "Verbeterpunt", "Thema", "Voor", "Prioriteit", "Teams", "Acties"]]
        b = self.breedte
        w = [b * x for x in (0.045, 0.375, 0.15, 0.09, 0.10, 0.16, 0.08)]
        for p in self.r.verbeterpunten:
            acties = [self.nummer(a) for a in self.r.acties if p.standaard_id in a.standaard_ids]
            rijen.append([
                str(p.rang),
                _paragraph_class()(f"<b>{_e(p.standaard_id)}</b> {_e(p.standaard_titel)}<br/>"
                                   f"<font size=6.5>{_e(p.reden)}</font>", self.o.cel),
                self.cel_past(p.thema, w[2]), DOELGROEP.get(p.doelgroep, p.doelgroep).replace(" ", "\n"),
                PRIO.get(p.hoogste_prioriteit, "–"),
                self.cel_past(", ".join(p.teams) + f" ({p.aantal_teams})", w[5]),
                self.cel_past(", ".join(acties) or "–", w[6]),
            ])
        self.story.append(self.tabel(rijen, w))
        self.story.append(self.p("In de kolom Acties staan de nummers van de acties die bij de standaard horen.",
                                 self.o.klein))

    def datalab(self) -> None:
        stand = self.r.datalab
        self.subkop("Cijfers uit de meldcode (datalab)")
        if stand is None or stand.overzicht is None:
            self.story.append(self.p(_e(stand.melding if stand else "") or "Er zijn geen cijfers beschikbaar."))
            return
        o = stand.overzicht
        self.story.append(self.p(_e(
            f"Meldcode-dossiers van deze werkruimte voor {self.r.gemeente_naam} die begonnen (stap 1) tussen "
            f"{self.datum(o.van)} en {self.datum(o.tot)}. Aantallen van 1 tot en met 4 staan er als \"<5\". Zo is "
            "niemand te herkennen. Waar een klein aantal anders uit de andere cijfers te berekenen is, staat "
            "er ook bij een groter aantal \"5 of meer\". Er staan geen namen, verwijzingen of andere gegevens "
            "uit dossiers in.")))
        # "dossiers met een besluit" is left out on purpose: with the total it would reveal "nog geen besluit"
        feiten = [("Aantal dossiers", o.totaal),
                  ("Mediaan aantal dagen van stap 1 tot het besluit", o.mediaan_dagen_tot_besluit)]
        b = self.breedte
        self.story.append(self.tabel([["Cijfer", "Waarde"]] + [[k, v] for k, v in feiten], [b * 0.6, b * 0.25],
                                     rijkop=True))
        from reportlab.platypus import Spacer

        from ghnt_desktop.services.plan import vorm_label

        self.story.append(Spacer(1, 6))
        rijen = [["Vorm van geweld", "Dossiers"]] + [[self.kort(vorm_label(v), 80), n] for v, n in o.per_vorm]
        self.story.append(self.tabel(rijen, [b * 0.6, b * 0.25], rijkop=True))
        self.story.append(self.p("Een dossier kan over meer dan één vorm van geweld gaan.", self.o.klein))
        rijen = [["Uitkomst", "Dossiers"]] + [[self.kort(dl.UITKOMST_LABELS.get(u, u), 80), n]
                                              for u, n in o.per_uitkomst]
        self.story.append(self.tabel(rijen, [b * 0.6, b * 0.25], rijkop=True))

    def actietabel(self) -> None:
        r = self.r
        if not r.acties:
            self.story.append(self.p("Er staan nog geen acties in het plan."))
            return
        P = _paragraph_class()
        b = self.breedte
        w = [b * x for x in (0.045, 0.215, 0.135, 0.14, 0.105, 0.115, 0.155, 0.09)]
        kop = ["Nr", "Actie", "Standaard en thema", "Trekker en partners", "Start en deadline", "Middelen",
               "Beoogd resultaat en indicator", "Status"]
        rijen = [[P(_e(k), self.o.cel_kop) for k in kop]]
        profiel = r.regiovisie
        if profiel is not None:
            self.story.append(self.p(_e(profiel.nummering.uitleg), self.o.klein))
            groepen = groepeer(profiel, r.acties)
        else:
            groepen = []
        extra = []
        volgorde = [(g, a) for g in groepen for a in g.acties] if groepen else [(None, a) for a in r.acties]
        vorige_groep = object()
        for groep, a in volgorde:
            if groep is not None and groep is not vorige_groep:
                vorige_groep = groep
                tekst = f"<b>{_e(groep.kop)}</b>"
                if groep.doel:
                    tekst += f"<br/><font size=6.5>Doel: {_e(groep.doel)}</font>"
                if groep.noot:
                    tekst += f"<br/><font size=6.5>{_e(groep.noot)}</font>"
                rij = len(rijen)
                rijen.append([P(tekst, self.o.cel)] + [""] * (len(kop) - 1))
                extra += [("SPAN", (0, rij), (-1, rij)), ("BACKGROUND", (0, rij), (-1, rij), self.o.groep),
                          ("NOSPLIT", (0, rij), (-1, rij + 1))]  # a heading never ends a page alone
            laat = is_te_laat(a, r.gemaakt_op)
            oms, k1 = _kort(a.omschrijving)
            actie = oms
            laatste = a.laatste_voortgang
            k2 = False
            if laatste is not None:
                notitie, k2 = _kort(laatste.notitie, 250)
                actie += f"\nVoortgang {_kort_datum(laatste.datum)}: {notitie}"
            standaard = ", ".join(a.standaard_ids)
            if a.thema:
                standaard = (standaard + "\n" if standaard else "") + a.thema
            standaard, k3 = _kort(standaard)
            wie = a.eigenaar + (f"\nMet: {a.partners}" if a.partners else "")
            wie, k4 = _kort(wie)
            wanneer = "\n".join(x for x in (f"Start:\n{_kort_datum(a.start)}" if a.start else "",
                                            f"Deadline:\n{_kort_datum(a.deadline)}" if a.deadline else "") if x) or "–"
            middelen, k5 = _kort(a.middelen)
            resultaat = a.beoogd_resultaat + (f"\nIndicator: {a.indicator}" if a.indicator else "")
            resultaat, k6 = _kort(resultaat)
            status = ACTIESTATUS_LABELS[a.status]
            if any((k1, k2, k3, k4, k5, k6)) or len(a.voortgang) > 1:
                self.ingekort.add(a.id)
            if laat:
                wanneer_cel = P(f"<font color='#b00020'>{_e(wanneer)}</font>", self.o.cel)
                status_cel = P(f"{_e(status)}<br/><font color='#b00020'><b>Te laat</b></font>", self.o.cel)
            else:
                wanneer_cel = self.cel_past(wanneer, w[4])
                status_cel = self.cel_past(status, w[7])
            rijen.append([self.cel_past(self.nummer(a), w[0]), self.cel_past(actie, w[1]), self.cel_past(standaard, w[2]),
                          self.cel_past(wie, w[3]), wanneer_cel, self.cel_past(middelen or "–", w[5]),
                          self.cel_past(resultaat or "–", w[6]), status_cel])
        self.story.append(self.tabel(rijen, w, extra=extra))
        if self.ingekort:
            self.story.append(self.p("Lange teksten zijn in de tabel ingekort. De volledige tekst en alle "
                                     "voortgangsnotities staan in de bijlage.", self.o.klein))

    def verantwoording(self) -> None:
        r = self.r
        self.kop("Verantwoording")
        if r.catalogi:
            for c in r.catalogi:
                tekst = f"Gebruikt kwaliteitskader: {c.naam}, versie {c.versie}."
                self.story.append(self.p(_e(tekst)))
                if not c.officieel:
                    self.story.append(self.p(
                        "<b>Let op: dit is een werkversie en niet de officiële tekst van het Kwaliteitskader Werken "
                        "aan Veiligheid van de VNG.</b> " + _e(c.opmerking or "")))
        else:
            self.story.append(self.p("Er is geen zelfscan gekozen; er is geen kwaliteitskader gebruikt."))
        self.regiovisie_bron()
        if r.plan.datalab:
            self.story.append(self.p(
                "De cijfers uit de meldcode zijn geteld over de dossiers in deze werkruimte. Kleine aantallen (1 tot "
                "en met 4) staan er als \"<5\". Er staan geen gegevens over cliënten in dit plan."))
        if r.versies:
            rijen = [["Versie", "Status", "Vastgesteld op", "Door"]]
            for v in sorted(r.versies, key=lambda v: v.versie):
                rijen.append([str(v.versie), v.status.label, self.datum(v.vastgesteld_op),
                              self.kort(v.vastgesteld_door, 45)])
            b = self.breedte
            self.story.append(self.p("Versies van dit plan", self.o.h3))
            self.story.append(self.tabel(rijen, [b * 0.12, b * 0.2, b * 0.25, b * 0.43], rijkop=True))
        self.story.append(self.p(_e(f"Gemaakt met GHNT Desktop op {self.datum(r.gemaakt_op)}."), self.o.klein))

    def regiovisie_bron(self) -> None:
        """Which indeling in actielijnen the plan uses, and where it comes from."""
        profiel = self.r.regiovisie
        if profiel is None:
            return
        if profiel.eigen:
            self.story.append(self.p(_e(f"De actielijnen zijn een eigen indeling van de gemeente: {profiel.naam}.")))
            return
        self.story.append(self.p(_e(f"Indeling in actielijnen: {profiel.naam} (regio {profiel.regio}, "
                                    f"{profiel.periode}).")))
        for bron in profiel.bronnen:
            self.story.append(self.p(_e(f"Bron: {bron.titel}, {bron.uitgever}, {bron.datum}; {bron.vindplaats}."),
                                     self.o.klein))

    def bijlage(self) -> None:
        acties = [a for a in self.r.acties if a.id in self.ingekort]
        if not acties:
            return
        from reportlab.platypus import Spacer

        self.story.append(self.p("Bijlage: acties in detail", self.o.h1))
        b = self.breedte
        for a in acties:
            self.story.append(self.p(f"Actie {_e(self.nummer(a))}", self.o.h3))
            lijn = self.r.regiovisie.label(a.actielijn) if self.r.regiovisie is not None else (a.actielijn or "")
            velden = [("Actie", a.omschrijving), ("Actielijn", lijn), ("Standaarden", ", ".join(a.standaard_ids)),
                      ("Thema", a.thema),
                      ("Trekker", a.eigenaar), ("Partners", a.partners), ("Middelen", a.middelen),
                      ("Beoogd resultaat", a.beoogd_resultaat), ("Indicator", a.indicator)]
            rijen = [[self.cel(k, self.o.cel_vet), self.cel(v)] for k, v in velden if v]
            for n in a.voortgang:
                rijen.append([self.cel(f"Voortgang {self.datum(n.datum)}", self.o.cel_vet), self.cel(n.notitie)])
            self.story.append(self.tabel(rijen, [b * 0.22, b * 0.78], kop=False, rijkop=True))
            self.story.append(Spacer(1, 4))

    def antwoorden(self) -> None:
        """Annex: every answer code of every chosen scan (rows: standards, columns: teams)."""
        r = self.r
        if not r.teams:
            return
        self.story.append(self.p("Bijlage: alle antwoorden van de zelfscans", self.o.h1))
        teams = [f"T{i}" for i in range(1, len(r.teams) + 1)]
        self.story.append(self.p("; ".join(f"<b>{k}</b> = {_e(t.team_naam)}" for k, t in zip(teams, r.teams)) + ".",
                                 self.o.klein))
        schaal: dict[str, str] = {}
        for c in r.catalogi:
            for code, label in c.schaal:
                schaal.setdefault(code, label)
        if schaal:
            self.story.append(self.p("Antwoorden: " + "; ".join(f"<b>{_e(c)}</b> = {_e(lab)}"
                                                                for c, lab in schaal.items()) + ".", self.o.klein))
        volgorde: list[str] = list(r.standaard_titels)
        for t in r.teams:
            for sid, _ in t.antwoorden:
                if sid not in volgorde:
                    volgorde.append(sid)
        per_team = [dict(t.antwoorden) for t in r.teams]
        b = self.breedte
        for start in range(0, len(teams), 10):
            deel = range(start, min(start + 10, len(teams)))
            kol = (b * 0.42) / max(len(deel), 1) if len(deel) > 4 else b * 0.1
            rijen = [["Standaard"] + [teams[i] for i in deel]]
            for sid in volgorde:
                titel = r.standaard_titels.get(sid, "")
                rijen.append([self.kort(f"{sid} {titel}", 70)] + [per_team[i].get(sid) or "–" for i in deel])
            self.story.append(self.tabel(rijen, [b * 0.58] + [kol] * len(deel), rijkop=True))

    def bouw(self) -> list:
        self.voorblad()
        self.samenvatting()
        self.secties()
        self.verantwoording()
        self.antwoorden()
        self.bijlage()
        return self.story


_BREEDTES: dict[tuple[str, float], dict[str, float]] = {}


def _breek(tekst: str, ruimte: float, font: str, grootte: float) -> str:
    """Greedy word wrap of plain text into lines of at most ``ruimte`` points (long words are cut)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    cache = _BREEDTES.setdefault((font, grootte), {})

    def w(s: str) -> float:
        v = cache.get(s)
        if v is None:
            v = stringWidth(s, font, grootte)
            if len(cache) < 50_000:
                cache[s] = v
        return v

    spatie = w(" ")
    uit: list[str] = []
    for alinea in tekst.split("\n"):
        regel, breedte = "", 0.0
        for woord in alinea.split():
            ww = w(woord)
            while ww > ruimte and len(woord) > 1:  # a word longer than the column: break it
                if regel:
                    uit.append(regel)
                    regel, breedte = "", 0.0
                streep = [i + 1 for i, c in enumerate(woord[:-1]) if c == "-" and w(woord[:i + 1]) <= ruimte]
                if streep:  # after an existing hyphen ("Zaanstreek-" / "Waterland")
                    n, deel = streep[-1], woord[:streep[-1]]
                else:  # cut and add a hyphen
                    n = len(woord) - 1
                    while n > 1 and w(woord[:n] + "-") > ruimte:
                        n -= 1
                    deel = woord[:n] + "-"
                uit.append(deel)
                woord = woord[n:]
                ww = w(woord)
            if not regel:
                regel, breedte = woord, ww
            elif breedte + spatie + ww <= ruimte:
                regel += " " + woord
                breedte += spatie + ww
            else:
                uit.append(regel)
                regel, breedte = woord, ww
        uit.append(regel)
    return "\n".join(uit)


def _toon_pct(p: int | None) -> str:
    return "geen score" if p is None else f"{p}%"


def _verschil(nu: int | None, vorig: int | None) -> str:
    if nu is None or vorig is None:
        return "–"
    d = nu - vorig
    return f"+{d}" if d > 0 else ("0" if d == 0 else f"\u2212{-d}")


def _kort_datum(d: date | None) -> str:
    return "" if d is None else f"{d.day}-{d.month}-{d.year}"


def bouw_pdf(rapport: PlanRapport) -> bytes:
    """The plan as PDF bytes. CONCEPT watermark on every page while the plan is a concept."""
    from ghnt_desktop.reporting import pdf_base as base

    from reportlab import rl_config

    story = _Bouwer(rapport, base).bouw()
    pl = rapport.plan
    status = "vastgesteld" if pl.status is PlanStatus.VASTGESTELD else "concept"
    footer = f"{rapport.gemeente_naam} – plan van aanpak {pl.periode_van.year} – versie {pl.versie} ({status})"
    # Binary (not ASCII85) streams: reportlab's pure-Python ASCII85 encoder costs ~50 ms on this document
    # and makes the file bigger. Restored afterwards; PDFs are built on one thread.
    a85 = rl_config.useA85
    rl_config.useA85 = 0
    try:
        return base.pdf_bytes(story, title=pl.titel, subject="Plan van aanpak Versterken lokale teams",
                              footer=footer, watermark="CONCEPT" if pl.status is PlanStatus.CONCEPT else None)
    finally:
        rl_config.useA85 = a85


def pdf_bytes(ws: Workspace, plan_id: int, *, vandaag: date | None = None) -> bytes:
    """The plan as PDF bytes (for the preview; no audit — saving and printing are audited)."""
    return bouw_pdf(plan_service.rapport(ws, plan_id, vandaag=vandaag))


def exporteer_pdf(ws: Workspace, plan_id: int, pad: Path, *, vandaag: date | None = None,
                  data: bytes | None = None) -> Path:
    """Write the plan as PDF to ``pad`` (atomically) and audit ``plan_exporteren``.

    ``data``: PDF bytes already built (e.g. the preview), to avoid building twice. Rights and the
    output path are checked before anything is built.
    """
    pad = plan_service.controleer_export(ws, plan_id, pad)
    if data is None:
        data = pdf_bytes(ws, plan_id, vandaag=vandaag)
    return plan_service.schrijf_pdf(ws, plan_id, pad, data)
