"""Verslag and concept melding PDFs: content, labels, confidentiality on every page, rendering, password."""
from __future__ import annotations

import io
from datetime import date, datetime

import pytest

from ghnt_desktop.domain import meldcode as dm
from ghnt_desktop.services import meldcode as mc
from tests.meldcode.helpers import audit_acties, nieuw_dossier, signaal


def _tekst(pdf: bytes, password: str | None = None) -> list[str]:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    if password is not None:
        assert reader.decrypt(password)
    return [p.extract_text() for p in reader.pages]


def _plat(s: str) -> str:
    return " ".join(s.split())


@pytest.fixture
def gevuld(prof_ws):
    ws = prof_ws
    did = nieuw_dossier(ws, "ZW-2026-5555", vormen={dm.GeweldsVorm.KINDERMISHANDELING})
    ander = nieuw_dossier(ws, "ZW-2026-6666")
    mc.voeg_toe(ws, ander, signaal("Dit hoort bij een ander dossier."))
    mc.voeg_toe(ws, did, signaal("Het kind had een blauwe plek op de wang.", letsel=True))
    mc.voeg_toe(ws, did, signaal("De juf zag dat het kind niet at.", herkomst=dm.Herkomst.VAN_ANDER, bron="juf Anna"))
    mc.voeg_toe(ws, did, signaal("Ik vermoed dat vader het kind slaat.", soort=dm.SignaalSoort.INTERPRETATIE))
    fout = mc.voeg_toe(ws, did, signaal("Tikfout in eerste versie."))
    mc.corrigeer(ws, did, fout, signaal("Het kind speelt ontspannen.", richting=dm.Richting.ONTKRACHT))
    mc.voeg_toe(ws, did, dm.Kindcheck(kinderen_in_huishouden=dm.KinderenInHuishouden.JA, aantal=1, leeftijden=(6,),
                                      wie_zorgt="Vader en stiefmoeder", netwerk="Oma in Purmerend"))
    mc.voeg_toe(ws, did, dm.Consultatie(soort=dm.ConsultatieSoort.AANDACHTSFUNCTIONARIS, datum=date(2026, 11, 2),
                                        wie="aandachtsfunctionaris", advies="Ga het gesprek aan."))
    mc.voeg_toe(ws, did, dm.Gesprek(datum=date(2026, 11, 5), wat_voorgelegd="De blauwe plek.",
                                    reactie_client="Vader zegt dat het kind is gevallen."))
    mc.voeg_toe(ws, did, dm.AfwegingAntwoord(nummer=1, antwoord=True, motivatie="Letsel zonder uitleg die klopt."))
    mc.voeg_toe(ws, did, dm.AfwegingAntwoord(nummer=2, antwoord=False, motivatie="Geen acuut gevaar."))
    mc.voeg_toe(ws, did, dm.AfwegingAntwoord(nummer=3, antwoord=False, motivatie="Wij hebben de expertise niet."))
    mc.voeg_toe(ws, did, dm.Besluit(melden=True, hulp=False, meldnorm=2, motivatie="Zelf geen passende hulp.",
                                    besluit_door="teamleider"))
    mc.voeg_toe(ws, did, dm.Melding(datum_tijd=datetime(2026, 11, 20, 10, 0), kanaal=dm.MeldingKanaal.TELEFOON,
                                    samenvatting_feiten_en_bronnen="Letsel en signalen van school.",
                                    client_geinformeerd=True, reactie_en_bezwaren="Vader was boos.",
                                    vervolgafspraken="Veilig Thuis belt terug."))
    return ws, did


def test_verslag_content_labels_and_pages(gevuld):
    from ghnt_desktop.reporting.meldcode_verslag import maak_pdf

    ws, did = gevuld
    pdf = maak_pdf(ws, did)
    paginas = _tekst(pdf)
    alles = _plat(" ".join(paginas))
    for feit in ("Het kind had een blauwe plek op de wang.", "De juf zag dat het kind niet at.",
                 "Bron: juf Anna (van iemand anders gehoord)", "Bron: eigen waarneming",
                 "Vader en stiefmoeder", "Ga het gesprek aan.", "Vader zegt dat het kind is gevallen.",
                 "Letsel zonder uitleg die klopt.", "Zelf geen passende hulp.", "meldnorm 2",
                 "Letsel en signalen van school.", "Het kind speelt ontspannen.", "Spreekt het vermoeden tegen"):
        assert feit in alles, feit
    assert "Interpretaties en vermoedens (geen vastgestelde feiten)" in alles
    assert "Interpretatie of vermoeden – geen vastgesteld feit" in alles
    # the interpretation is listed under the interpretations, not under the facts
    assert alles.index("Ik vermoed dat vader het kind slaat.") > alles.index("Interpretaties en vermoedens")
    # the old version of the corrected signal is visible in the timeline only, marked as replaced
    assert "vervangen door een nieuwere versie" in alles and "Tikfout in eerste versie." in alles
    assert alles.index("Tikfout in eerste versie.") > alles.index("Tijdlijn")
    for i, p in enumerate(paginas, start=1):
        assert "vertrouwelijk" in p.lower(), i
        assert f"pagina {i} van {len(paginas)}" in p
    assert "pagina 1 van" in paginas[0]
    assert "ZW-2026-6666" not in alles and "Dit hoort bij een ander dossier." not in alles
    assert audit_acties(ws, did)[-1] == "dossier_exporteren"


def test_concept_melding_follows_the_veilig_thuis_form(gevuld):
    from ghnt_desktop.reporting.meldcode_verslag import maak_pdf

    ws, did = gevuld
    paginas = _tekst(maak_pdf(ws, did, soort="melding", actie="dossier_afdrukken"))
    alles = _plat(" ".join(paginas))
    koppen = ["1. Uitleg melden", "2. Meldcode: welke stappen zijn gezet", "3. Gegevens van de melder",
              "4. Betrokkenen", "5. Melding: wat is er aan de hand", "6. Ondersteunend netwerk",
              "7. Overige informatie", "8. Melding afronden"]
    plekken = [alles.index(k) for k in koppen]
    assert plekken == sorted(plekken)
    assert "CONCEPT" in alles and "Lees het samen met de cliënt door" in alles
    assert "Bron: juf Anna" in alles and "Oma in Purmerend" in alles and "Vader was boos." in alles
    assert all("vertrouwelijk" in p.lower() for p in paginas)
    assert "ZW-2026-6666" not in alles
    assert audit_acties(ws, did)[-1] == "dossier_afdrukken"


def test_page_one_renders_and_is_not_blank(gevuld, tmp_path, qapp):
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    from ghnt_desktop.reporting.meldcode_verslag import exporteer

    ws, did = gevuld
    pad = exporteer(ws, did, tmp_path / "verslag.pdf")
    doc = QPdfDocument()
    assert doc.load(str(pad)) == QPdfDocument.Error.None_
    assert doc.pageCount() >= 2
    img = doc.render(0, QSize(595, 842))
    assert not img.isNull()
    kleuren = {img.pixel(x, y) for x in range(0, img.width(), 7) for y in range(0, img.height(), 7)}
    assert len(kleuren) > 5  # text, header colour, lines: not one flat colour
    donker = sum(1 for x in range(0, img.width(), 3) for y in range(0, img.height(), 3)
                 if (img.pixel(x, y) & 0xFF) < 128)
    assert donker > 500
    doc.close()


def test_password_protected_pdf(gevuld, tmp_path):
    import pypdf

    from ghnt_desktop.errors import ValidationError
    from ghnt_desktop.reporting.meldcode_verslag import exporteer

    ws, did = gevuld
    pad = exporteer(ws, did, tmp_path / "beveiligd.pdf", wachtwoord="lang-genoeg-wachtwoord")
    reader = pypdf.PdfReader(str(pad))
    assert reader.is_encrypted
    encrypt = reader.trailer["/Encrypt"]
    assert encrypt["/V"] == 5 and encrypt["/R"] == 6  # AES-256 (PDF 2.0 security handler), not RC4
    with pytest.raises(Exception):
        reader.pages[0].extract_text()
    assert not pypdf.PdfReader(str(pad)).decrypt("fout-wachtwoord")
    assert "ZW-2026-5555" not in pad.read_bytes().decode("latin-1")  # no plain text in the file
    paginas = _tekst(pad.read_bytes(), "lang-genoeg-wachtwoord")
    assert "ZW-2026-5555" in paginas[0] and "pagina 1 van" in paginas[0]
    resultaat = ws.db.conn.execute("SELECT resultaat FROM audit WHERE actie = 'dossier_exporteren' ORDER BY id DESC"
                                   " LIMIT 1").fetchone()[0]
    assert resultaat == "verslag+wachtwoord" and "lang-genoeg" not in resultaat
    with pytest.raises(ValidationError):
        exporteer(ws, did, tmp_path / "kort.pdf", wachtwoord="kort")


def test_export_refuses_bad_paths_and_leaves_nothing(gevuld, tmp_path):
    from ghnt_desktop.errors import UserError
    from ghnt_desktop.reporting.meldcode_verslag import exporteer

    ws, did = gevuld
    with pytest.raises(UserError, match="bestaat niet"):
        exporteer(ws, did, tmp_path / "geen-map" / "v.pdf")
    with pytest.raises(UserError, match="is een map"):
        exporteer(ws, did, tmp_path)
    assert list(tmp_path.glob("**/*.pdf")) == []


def test_demo_and_practice_documents_are_marked(open_als):
    from ghnt_desktop.reporting.meldcode_verslag import maak_pdf

    ws = open_als("demo")
    did = ws.db.conn.execute("SELECT id FROM meldcode_dossier WHERE client_referentie = 'ZW-2026-0191'").fetchone()[0]
    alles = _plat(" ".join(_tekst(maak_pdf(ws, did))))
    assert "demowerkruimte" in alles and "Medeondertekend door: Demo Gebruiker" in alles


def test_pdf_base_helpers():
    from ghnt_desktop.reporting import pdf_base

    assert pdf_base.datum_nl(date(2026, 11, 22)) == "22 november 2026"
    assert pdf_base.datum_nl(None, "–") == "–"
    assert pdf_base.moment_nl(datetime(2026, 3, 1, 14, 5)) == "1 maart 2026, 14:05"
    assert pdf_base.tekst("a < b & c\nd") == "a &lt; b &amp; c<br/>d"
    s = pdf_base.stijlen()
    assert s["tekst"].fontName == pdf_base.FONT and s["kop1"].fontName == pdf_base.FONT_BOLD
    pdf = pdf_base.pdf_bytes([__import__("reportlab.platypus", fromlist=["Paragraph"]).Paragraph(
        "<b>Vet</b> en <i>schuin</i>: ĳs, € en „aanhalingstekens”", s["tekst"])], title="t", footer="voet",
        header="kop", watermark="CONCEPT")
    tekst = _tekst(pdf)[0]
    assert "ĳs" in tekst and "€" in tekst and "pagina 1 van 1" in tekst and "voet" in tekst and "kop" in tekst
    import pypdf

    fonts = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"]
    namen = {str(f.get_object()["/BaseFont"]).split("+")[-1] for f in fonts.values()}
    assert {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"} <= namen  # <b> and <i> map to the TTFs
