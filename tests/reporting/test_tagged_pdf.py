"""Tagged PDFs (issue 12 item 8): the plan van aanpak, the verslag and the concept melding.

Each document is made through the real services and read back three ways: with pypdf
(``tests.reporting.pdf_check``: structure tree, marked content, ParentTree, bookmarks), with poppler's
``pdfinfo``/``pdffonts``/``pdftotext`` (tag-unaware text extraction) and with ``pdfinfo -struct-text`` (a
reading that follows the tags, like a screen reader).
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from tests.reporting.pdf_check import Element, Report, plain, read

pypdf = pytest.importorskip("pypdf")

DOCS = ("plan", "verslag", "melding", "verslag-demo", "verslag-beveiligd")
WACHTWOORD = "lang-genoeg-wachtwoord"


@dataclass(eq=False)
class Doc:
    pdf: bytes
    title: str
    footer: str  # the footer text left of "pagina X van Y"
    header: str | None
    watermark: str | None
    body: tuple[str, ...]  # sentences of the text (each inside one paragraph or cell)
    order: tuple[str, ...] = ()  # texts that must be read in this order
    password: str | None = None
    facts: dict = field(default_factory=dict)

    @cached_property
    def report(self) -> Report:
        return read(self.pdf, self.password)

    def poppler(self, tool: str, *args: str) -> str:
        exe = shutil.which(tool)
        assert exe, f"{tool} not found: install poppler-utils (.ci/run does)"
        pw = ["-upw", self.password] if self.password else []
        with tempfile.TemporaryDirectory() as tmp:  # poppler wants a file it can seek in
            pad = Path(tmp) / "doc.pdf"
            pad.write_bytes(self.pdf)
            r = subprocess.run([exe, *pw, *args, str(pad)] + (["-"] if tool == "pdftotext" else []),
                               capture_output=True, timeout=120)
        assert r.returncode == 0, r.stderr.decode(errors="replace")
        return r.stdout.decode("utf-8")


# ------------------------------------------------------------------------------------------ the documents

def _plan(data_dir: Path) -> Doc:
    """Several teams with two scans (charts with a trend), datalab, 36 actions in actielijnen (the action
    table runs over several pages, with group rows that span the table) and one long action (annex)."""
    from ghnt_desktop.domain.plan import ActieStatus
    from ghnt_desktop.reporting import plan_pdf
    from ghnt_desktop.services import plan as ps
    from tests.plan.helpers import maak_manager_werkruimte, maak_teams_met_scans

    ws = maak_manager_werkruimte(data_dir)
    try:
        maak_teams_met_scans(ws, 4, prefix="Wijkteam Ĳsselmonde")
        plan_id = ps.maak_plan(ws, "GM0479", jaar=2026, datalab=True)
        standaarden = [s.id for s in ps.standaarden(ws, plan_id)]
        lijnen = list(ps.regiovisie(ws).codes)
        statussen = list(ActieStatus)
        for i in range(36):
            actie_id = ps.voeg_actie_toe(ws, plan_id, ps.ActieVelden(
                omschrijving=f"Actie {i + 1}: training en werkafspraken rond veiligheid voor alle teams in de "
                             "wijk, met terugkoppeling aan de gemeente.",
                standaard_ids=(standaarden[i % len(standaarden)], standaarden[(i * 5) % len(standaarden)]),
                thema="Signaleren en melden", actielijn=lijnen[i % len(lijnen)],
                eigenaar=f"Teamleider wijkteam {i % 4 + 1}", partners="Veilig Thuis, GGD, jeugdarts, politie",
                start=date(2026, 1, 1 + i % 28), deadline=date(2026, 6, 1 + i % 28), budget=f"€ {1000 + i * 250}",
                capaciteit="8 uur per maand", beoogd_resultaat="Alle professionals kennen de meldcode.",
                indicator="90% is getraind", status=statussen[i % len(statussen)]))
            if i % 3 == 0:
                ps.voeg_voortgang_toe(ws, actie_id, date(2026, 2, 1), "Eerste bijeenkomst gehouden.")
        ps.voeg_actie_toe(ws, plan_id, ps.ActieVelden(
            omschrijving="Een lange actie. " + "Deze zin maakt de omschrijving lang. " * 20 + "Slotzin van de actie.",
            actielijn=lijnen[0]))
        rapport = ps.rapport(ws, plan_id)
        data = plan_pdf.pdf_bytes(ws, plan_id)
    finally:
        ws.close()
    teams = [t.team_naam for t in rapport.teams]
    return Doc(data, title=rapport.plan.titel, footer=f"{rapport.gemeente_naam} – plan van aanpak 2026 – versie 1",
               header=None, watermark="CONCEPT",
               body=("Er staan geen gegevens in over cliënten of gezinnen.", "Slotzin van de actie.",
                     "Actie 36: training en werkafspraken rond veiligheid voor alle teams in de wijk, met "
                     "terugkoppeling aan de gemeente.", *teams),
               order=("Samenvatting", "Uitkomsten van de zelfscan per team", teams[0], teams[-1], "Acties",
                      "Actie 1:", "Actie 36:", "Verantwoording", "Bijlage: acties in detail", "Slotzin van de actie."),
               facts={"teams": teams, "acties": len(rapport.acties)})


def _meldcode(data_dir: Path) -> dict[str, Doc]:
    from ghnt_desktop.domain import meldcode as dm
    from ghnt_desktop.domain.roles import Rol
    from ghnt_desktop.reporting import meldcode_verslag as mv
    from ghnt_desktop.services import export
    from ghnt_desktop.services import meldcode as mc
    from ghnt_desktop.services.setup import create_workspace
    from tests.conftest import PASSPHRASE
    from tests.meldcode.helpers import nieuw_dossier, signaal

    ws = create_workspace(data_dir, organisatie="Testteam (fictief)", gemeenten=[("GM0479", "Zaanstad")],
                          login="tester", naam="Test Persoon", passphrase=PASSPHRASE,
                          rollen=frozenset({Rol.PROFESSIONAL, Rol.AANDACHTSFUNCTIONARIS}))
    try:
        did = nieuw_dossier(ws, "ZW-2026-5555", vormen={dm.GeweldsVorm.KINDERMISHANDELING})
        mc.voeg_toe(ws, did, signaal("Het kind had een blauwe plek op de wang.", letsel=True))
        mc.voeg_toe(ws, did, signaal("De juf zag dat het kind niet at.", herkomst=dm.Herkomst.VAN_ANDER,
                                     bron="juf Anna"))
        mc.voeg_toe(ws, did, signaal("Ik vermoed dat vader het kind slaat.", soort=dm.SignaalSoort.INTERPRETATIE))
        mc.voeg_toe(ws, did, dm.Kindcheck(kinderen_in_huishouden=dm.KinderenInHuishouden.JA, aantal=1,
                                          leeftijden=(6,), wie_zorgt="Vader en stiefmoeder",
                                          netwerk="Oma in Purmerend"))
        mc.voeg_toe(ws, did, dm.Consultatie(soort=dm.ConsultatieSoort.AANDACHTSFUNCTIONARIS, datum=date(2026, 11, 2),
                                            wie="aandachtsfunctionaris", advies="Ga het gesprek aan."))
        mc.voeg_toe(ws, did, dm.Gesprek(datum=date(2026, 11, 5), wat_voorgelegd="De blauwe plek.",
                                        reactie_client="Vader zegt dat het kind is gevallen."))
        mc.voeg_toe(ws, did, dm.AfwegingAntwoord(nummer=1, antwoord=True, motivatie="Letsel zonder uitleg die klopt."))
        mc.voeg_toe(ws, did, dm.Besluit(melden=True, hulp=False, meldnorm=2, motivatie="Zelf geen passende hulp.",
                                        besluit_door="teamleider"))
        mc.voeg_toe(ws, did, dm.Melding(datum_tijd=datetime(2026, 11, 20, 10, 0), kanaal=dm.MeldingKanaal.TELEFOON,
                                        samenvatting_feiten_en_bronnen="Letsel en signalen van school.",
                                        client_geinformeerd=True, reactie_en_bezwaren="Vader was boos.",
                                        vervolgafspraken="Veilig Thuis belt terug."))
        g = export.gegevens(ws, did)
        verslag, melding = mv.verslag_pdf(g), mv.melding_pdf(g)
        beveiligd = mv.verslag_pdf(g, wachtwoord=WACHTWOORD)
    finally:
        ws.close()
    notice = "Vertrouwelijk. Dit document bevat bijzondere persoonsgegevens (meldcode)."
    vs = dict(title="Verslag meldcode", footer=f"Verslag meldcode · dossier {did} · ZW-2026-5555 · vertrouwelijk",
              header=mv.HEADER, watermark=None,
              body=(notice, "Verslag meldcode huiselijk geweld en kindermishandeling",
                    "Het kind had een blauwe plek op de wang.", "Bron: juf Anna (van iemand anders gehoord)",
                    "Letsel zonder uitleg die klopt."),
              order=("Verslag meldcode", notice, "Betrokkenen", "Rol", "Aanduiding", "Ouder of gezaghebbende",
                     "moeder", "Feiten", "Het kind had een blauwe plek", "Interpretaties en vermoedens",
                     "Ik vermoed dat vader", "Tijdlijn", "Wanneer", "Vastgelegd"))
    return {
        "verslag": Doc(verslag, **vs),
        "verslag-beveiligd": Doc(beveiligd, **vs, password=WACHTWOORD),
        "melding": Doc(melding, title="Concept melding Veilig Thuis", header=mv.HEADER, watermark="CONCEPT",
                       footer=f"Concept melding · dossier {did} · ZW-2026-5555 · vertrouwelijk",
                       body=(notice, "Lees het samen met de cliënt door", "Oma in Purmerend", "Vader was boos."),
                       order=("Concept melding aan Veilig Thuis", notice, "1. Uitleg melden",
                              "2. Meldcode: welke stappen zijn gezet", "4. Betrokkenen", "Rol", "moeder",
                              "8. Melding afronden")),
    }


def _demo_verslag(demo_dir: Path) -> Doc:
    from ghnt_desktop.reporting import meldcode_verslag as mv
    from ghnt_desktop.services.login import login

    ws = login(demo_dir, "demo", "demo")
    try:
        did = ws.db.conn.execute("SELECT id FROM meldcode_dossier WHERE client_referentie = 'ZW-2026-0191'"
                                 ).fetchone()[0]
        data = mv.maak_pdf(ws, did)
    finally:
        ws.close()
    return Doc(data, title="Verslag meldcode", header=mv.HEADER, watermark="DEMO",
               footer=f"Verslag meldcode · dossier {did} · ZW-2026-0191 · vertrouwelijk",
               body=("Dit dossier komt uit de demowerkruimte.", "Medeondertekend door: Demo Gebruiker"))


_GEMAAKT: dict[str, Doc] = {}  # built once per test session (the first test that needs one builds it)


def _maak(naam: str, request, tmp_path: Path) -> Doc:
    if naam not in _GEMAAKT:
        if naam == "plan":
            _GEMAAKT[naam] = _plan(tmp_path / "plan")
        elif naam == "verslag-demo":
            _GEMAAKT[naam] = _demo_verslag(request.getfixturevalue("demo_dir"))
        else:
            _GEMAAKT.update(_meldcode(tmp_path / "meldcode"))
    return _GEMAAKT[naam]


@pytest.fixture
def doc(request, tmp_path) -> Doc:
    return _maak(request.param, request, tmp_path)


@pytest.fixture
def plan_doc(request, tmp_path) -> Doc:
    return _maak("plan", request, tmp_path)


alle = pytest.mark.parametrize("doc", DOCS, indirect=True)


# ------------------------------------------------------------------------------------------ the tests

@alle
def test_pdfinfo_says_tagged_and_shows_the_title(doc):
    info = doc.poppler("pdfinfo")
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    assert re.search(rf"^Title:\s+{re.escape(doc.title)}$", info, re.M), info
    r = doc.report
    assert r.lang == "nl-NL" and r.display_doc_title and r.marked
    assert r.title == doc.title
    assert b"<dc:title>" in r.xmp and escape(doc.title).encode() in r.xmp
    if doc.password:
        assert re.search(r"^Encrypted:\s+yes .*AES-256", info, re.M), info
        assert re.search(r"^PDF version:\s+1\.7$", info, re.M), info
        reader = pypdf.PdfReader(io.BytesIO(doc.pdf))
        assert int(reader.trailer["/Encrypt"]["/P"]) & 512  # text extraction for accessibility allowed


@alle
def test_every_mark_belongs_to_the_structure_tree(doc):
    r = doc.report
    assert r.root is not None and r.root.role == "Document"
    assert r.problems == []  # no painting outside marked content, every MCID in the tree and the ParentTree
    n = len(r.pages)
    assert n >= 2
    for i, (page, keys) in enumerate(zip(r.pages, r.page_keys), start=1):
        assert page.mcids, f"page {i} has no tagged content"
        assert keys["Tabs"] == "/S" and keys["StructParents"] is not None
        assert not page.unmarked_text.strip()
        # page decoration is there, as artifacts
        assert f"pagina {i} van {n}" in page.artifact_text
        assert doc.footer[:40] in page.artifact_text
        if doc.watermark:
            assert doc.watermark in page.artifact_text
        if doc.header:
            assert doc.header[:40] in page.artifact_text


@alle
def test_headings_skip_no_level_and_are_bookmarked_on_their_page(doc):
    r = doc.report
    koppen = r.headings
    assert koppen and koppen[0].level == 1 and koppen[0].text.startswith(doc.title.split()[0])
    for vorige, kop in zip(koppen, koppen[1:]):
        assert kop.level <= vorige.level + 1, (vorige.role, vorige.text, kop.role, kop.text)
    assert {k.role for k in koppen} >= {"H1", "H2"}
    # one bookmark per heading, nested like the headings, on the page the heading is on
    assert [(t, p, d + 1) for t, p, d in r.outline] == [(k.text, k.first_page, k.level) for k in koppen]
    for titel, pagina, _ in r.outline:  # checked against the page text too (tag-unaware extraction)
        assert plain(titel) in plain(doc.poppler("pdftotext", "-f", str(pagina), "-l", str(pagina))), titel
    if len(r.pages) > 3:
        assert len({p for _, p, _ in r.outline}) > 3  # not all on page 1


def _rows(table: Element) -> list[list[Element]]:
    assert all(tr.role == "TR" for tr in table.kids), [k.role for k in table.kids]
    return [tr.kids for tr in table.kids]


@alle
def test_tables_have_header_cells_and_regular_rows(doc):
    tabellen = doc.report.elements("Table")
    assert tabellen
    for t in tabellen:
        rijen = _rows(t)
        cellen = [c for rij in rijen for c in rij]
        assert all(c.role in ("TH", "TD") for c in cellen)
        th = [c for c in cellen if c.role == "TH"]
        assert th, f"table without header cells: {t.text[:80]}"
        for c in th:
            assert c.attrs.get("O") == "/Table" and c.attrs.get("Scope") in ("/Column", "/Row"), c.attrs
        breedtes = {sum(int(c.attrs.get("ColSpan", 1)) for c in rij) for rij in rijen}
        assert len(breedtes) == 1, f"rows of different width {breedtes}: {t.text[:80]}"
        if th[0].attrs["Scope"] == "/Column":  # a header row: the first row, and only the first row
            assert all(c.role == "TH" for c in rijen[0])
            assert all(c.attrs.get("Scope") != "/Column" for rij in rijen[1:] for c in rij)


def test_a_table_over_several_pages_stays_one_table_with_one_header_row(plan_doc):
    doc = plan_doc
    acties = [t for t in doc.report.elements("Table") if "Trekker en partners" in [c.text for c in _rows(t)[0]]]
    assert len(acties) == 1
    t = acties[0]
    paginas = {p for e in t.walk() for p, _ in e.mcrs}
    assert len(paginas) >= 3  # split over pages, still one Table element
    rijen = _rows(t)
    koppen = [rij for rij in rijen if any(c.role == "TH" for c in rij)]
    assert len(koppen) == 1  # the header rows repeated on each page are artifacts
    groepen = [rij for rij in rijen if len(rij) == 1 and int(rij[0].attrs.get("ColSpan", 1)) == 8]
    assert groepen and all(g[0].text.startswith("Actielijn") for g in groepen)
    assert len(rijen) == 1 + len(groepen) + doc.facts["acties"]
    # every page the table continues on starts with the repeated header, as an artifact
    for p in sorted(paginas)[1:]:
        assert "Trekker en" in doc.report.pages[p].artifact_text
    # the key/value tables of the annex: row headers only
    bijlage = [t for t in doc.report.elements("Table") if _rows(t)[0][0].text == "Actie"]
    assert bijlage and all(rij[0].role == "TH" and rij[0].attrs["Scope"] == "/Row" and rij[1].role == "TD"
                           for t in bijlage for rij in _rows(t))


def test_charts_are_figures_with_alt_text_from_the_same_figures(plan_doc):
    doc = plan_doc
    r = doc.report
    figuren = r.elements("Figure")
    assert len(figuren) == len(doc.facts["teams"])
    top = r.root.kids
    for fig, team in zip(figuren, doc.facts["teams"]):
        assert fig.alt and fig.alt.startswith(f"Staafdiagram voor {team}:")
        assert fig.attrs.get("Placement") == "/Block" and len(fig.attrs.get("BBox", [])) == 4
        tabel = next(e for e in top[top.index(fig) + 1:] if e.role == "Table")  # the table under the chart
        kop, *rijen, totaal = _rows(tabel)
        assert [c.text for c in kop][:4] == ["Thema", "Voldoet", "Percentage nu", "Vorige keer"]
        assert totaal[0].text == "Totaal"
        for rij in rijen:  # each theme with the same percentages as the table, in the table's order
            assert f"{rij[0].text}: {rij[2].text} en {rij[3].text}." in fig.alt, (rij[0].text, fig.alt)
        assert fig.alt.endswith("De tabel onder de grafiek geeft dezelfde cijfers.")


def test_bulleted_text_is_a_list(plan_doc):
    r = plan_doc.report
    lijsten = r.elements("L")
    assert lijsten
    for lijst in lijsten:
        assert lijst.attrs.get("ListNumbering") == "/Disc"
        assert lijst.kids and all(li.role == "LI" and [k.role for k in li.kids] == ["LBody"] for li in lijst.kids)
        assert all(li.text.startswith("•") for li in lijst.kids)


@alle
def test_only_embedded_fonts(doc):
    regels = doc.poppler("pdffonts").splitlines()[2:]
    assert regels
    for regel in regels:
        naam, emb = regel.split()[0], regel.split()[-5]
        assert emb == "yes" and "DejaVuSans" in naam, regel


@alle
def test_text_extraction_with_and_without_tags(doc):
    # tag-unaware (pdftotext): all the text, decoration included
    platte_tekst = plain(doc.poppler("pdftotext"))
    for zin in doc.body:
        assert plain(zin) in platte_tekst, zin
    # following the tags (a screen reader): the same text, no watermark, no header, no footer
    structuur = doc.poppler("pdfinfo", "-struct-text")
    gelezen = plain(" ".join(re.findall(r'^\s*"(.*)"\s*$', structuur, re.M)))
    for zin in doc.body:
        assert plain(zin) in gelezen, zin
    assert not re.search(r"pagina \d+ van \d+", gelezen)
    assert doc.footer not in gelezen
    if doc.header:
        assert doc.header[:30] not in gelezen
    if doc.watermark:  # pdftotext gives the diagonal letters one by one; as a word only in the artifact
        assert doc.watermark not in gelezen
    assert "CONCEPT" not in gelezen and "DEMO" not in gelezen
    # the reading order of the tree (pypdf): headings, table headers before their data
    volgorde = doc.report.reading_text()
    plek = 0
    for t in doc.order:  # each one after the one before
        gevonden = volgorde.find(plain(t), plek)
        assert gevonden >= 0, f"{t!r} not found after {volgorde[max(0, plek - 60):plek]!r}"
        plek = gevonden + len(plain(t))

