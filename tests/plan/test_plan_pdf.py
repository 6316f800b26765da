"""The printed plan (reportlab): content, suppression, no case content, watermark, rendering, long texts."""
from __future__ import annotations

import io
import re
from datetime import date

import pytest

from ghnt_desktop.domain.plan import ActieStatus, PlanStatus
from ghnt_desktop.reporting import plan_pdf
from ghnt_desktop.services import plan as ps

pypdf = pytest.importorskip("pypdf")


def _tekst(data: bytes) -> tuple[str, int]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(p.extract_text() for p in reader.pages), len(reader.pages)


def _plat(s: str) -> str:
    """Text without line breaks and hyphenation from table cells, for comparing with the source text."""
    return re.sub(r"\s+", " ", s.replace("-\n", "")).strip()


@pytest.fixture
def demo_manager(demo_dir):
    from ghnt_desktop.services.login import login

    ws = login(demo_dir, "manager", "demo")
    yield ws
    ws.close()


def _client_references(demo_dir) -> list[str]:
    from ghnt_desktop.services import meldcode
    from ghnt_desktop.services.login import login

    ws = login(demo_dir, "demo", "demo")  # all roles: sees every demo dossier
    try:
        return [r.client_referentie for r in meldcode.lijst(ws, meldcode.DossierFilter(), limit=1000)]
    finally:
        ws.close()


def test_demo_plan_pdf_has_everything_and_no_case_content(demo_dir):
    from ghnt_desktop.services.login import login

    refs = _client_references(demo_dir)  # first: one process may hold the workspace at a time
    ws = login(demo_dir, "manager", "demo")
    try:
        _check_demo_pdf(ws, refs)
    finally:
        ws.close()


def _check_demo_pdf(ws, refs):
    p = ps.huidig_plan(ws, "GM0479")
    assert p is not None and p.status is PlanStatus.CONCEPT and p.datalab
    rapport = ps.rapport(ws, p.id)
    data = plan_pdf.pdf_bytes(ws, p.id)
    assert data.startswith(b"%PDF")
    tekst, paginas = _tekst(data)
    plat = _plat(tekst)
    assert "Zaanstad" in tekst and "GM0479" in tekst and "Zaanstreek-Waterland" in plat
    assert "pagina 1 van" in tekst and f"pagina {paginas} van {paginas}" in tekst
    assert "CONCEPT" in tekst  # the watermark is real text on every page
    teams = {t.team_naam for t in rapport.teams}
    assert teams == {"Wijkteam Zaandam-Oost", "Sociaal team Zaandam-West"}
    for team in teams:
        assert team in plat
    for punt in rapport.verbeterpunten[:5]:
        assert f"{punt.standaard_id} {punt.standaard_titel}" in plat
    assert len(rapport.acties) >= 8
    for a in rapport.acties:
        assert _plat(a.omschrijving) in plat, a.omschrijving
    assert "Te laat" in tekst and rapport.overzicht.aantal_te_laat >= 1
    # datalab: suppressed figures, small counts as "<5"
    o = rapport.datalab.overzicht
    assert o is not None
    kleine = [n for _, n in o.per_vorm + o.per_uitkomst if n == "<5"]
    assert kleine and "<5" in tekst
    assert "Cijfers uit de meldcode" in tekst
    # werkversie notice and catalogue version
    assert "werkversie" in plat and "niet de officiële tekst" in plat
    assert rapport.catalogi[0].versie in plat
    # next zelfscan date in Dutch
    from ghnt_desktop.reporting.pdf_base import datum_nl

    assert datum_nl(p.volgende_zelfscan) in plat
    # never case content: no client reference of any demo dossier
    assert len(refs) >= 20
    for ref in refs:
        assert ref not in tekst and ref not in plat, ref


def test_page_one_renders_and_font_is_embedded(qtbot, demo_manager):
    from PySide6.QtCore import QBuffer, QIODevice, QSize
    from PySide6.QtGui import QColor
    from PySide6.QtPdf import QPdfDocument

    p = ps.huidig_plan(demo_manager, "GM0479")
    data = plan_pdf.pdf_bytes(demo_manager, p.id)
    reader = pypdf.PdfReader(io.BytesIO(data))
    fonts = {str(f["/BaseFont"]) for pg in reader.pages[:2] for f in pg["/Resources"]["/Font"].values()}
    assert any("DejaVuSans" in f for f in fonts)
    doc = QPdfDocument()
    buf = QBuffer()
    buf.setData(data)  # the buffer keeps its own copy
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buf)
    assert doc.status() == QPdfDocument.Status.Ready and doc.pageCount() == len(reader.pages)
    img = doc.render(0, QSize(420, 594))
    assert not img.isNull()
    punten = [img.pixelColor(x, y) for x in range(0, img.width(), 3) for y in range(0, img.height(), 3)]
    inkt = [c for c in punten if c.alpha() > 0]  # QtPdf leaves the paper transparent
    assert 0.005 < len(inkt) / len(punten) < 0.6  # not blank, not a black page
    assert any(c.name() == QColor("#1c4fa0").name() for c in inkt)  # the blue title
    doc.close()


def test_vastgesteld_plan_has_no_watermark_and_shows_who(data_dir):
    from tests.plan.helpers import maak_manager_werkruimte, maak_teams_met_scans

    ws = maak_manager_werkruimte(data_dir)
    try:
        maak_teams_met_scans(ws, 1, twee_scans=False, prefix="Jeugdteam Ĳsselmonde")
        plan_id = ps.maak_plan(ws, "GM0479", jaar=2026)
        ps.voeg_actie_toe(ws, plan_id, ps.ActieVelden(omschrijving="Ĳverig oefenen met het afwegingskader",
                                                      status=ActieStatus.LOPEND))
        concept, _ = _tekst(plan_pdf.pdf_bytes(ws, plan_id))
        assert "CONCEPT" in concept and "Concept (nog niet vastgesteld)" in concept
        assert "Ĳverig oefenen" in concept and "Jeugdteam Ĳsselmonde 1" in concept  # ĳ survives (bundled font)
        assert "geen eerdere vastgestelde zelfscan" in concept  # one scan: no trend, said in words
        ps.stel_vast(ws, plan_id, door="College van burgemeester en wethouders", op=date(2026, 3, 10))
        vast, _ = _tekst(plan_pdf.pdf_bytes(ws, plan_id))
        assert "CONCEPT" not in vast
        assert "Vastgesteld op 10 maart 2026 door College van burgemeester en wethouders" in _plat(vast)
    finally:
        ws.close()


def test_long_texts_never_break_the_layout_and_are_printed_in_full(data_dir, tmp_path):
    from tests.plan.helpers import maak_manager_werkruimte, maak_teams_met_scans

    ws = maak_manager_werkruimte(data_dir)
    try:
        maak_teams_met_scans(ws, 2)
        plan_id = ps.maak_plan(ws, "GM0479", jaar=2026)
        lang = " ".join(f"woord{i}" for i in range(160))  # ~1000 characters
        lang_zonder_spaties = "x" * 2000
        ps.voeg_actie_toe(ws, plan_id, ps.ActieVelden(
            omschrijving=lang[:1000], eigenaar="E" * 200, partners=lang_zonder_spaties, budget="b" * 990,
            capaciteit="c " * 495, beoogd_resultaat=lang + " slotwoord", indicator="i" * 2000,
            standaard_ids=tuple(f"LT-{i:02d}" for i in range(1, 12)), thema="t" * 2000))
        a = ps.acties(ws, plan_id)[0]
        for i in range(5):
            ps.voeg_voortgang_toe(ws, a.id, date(2026, 1, 1 + i), f"Notitie {i} " + "n" * 1900)
        for i in range(40):
            ps.voeg_actie_toe(ws, plan_id, ps.ActieVelden(omschrijving=f"Korte actie {i}"))
        data = plan_pdf.pdf_bytes(ws, plan_id)
        tekst, paginas = _tekst(data)
        plat = _plat(tekst)
        assert "Bijlage: acties in detail" in tekst
        assert "slotwoord" in plat  # shortened in the table, complete in the annex
        assert all(f"Notitie {i}" in plat for i in range(5))
        assert "Korte actie 39" in plat
        # the action table header is repeated on every page it runs over
        kop_paginas = [i for i, pg in enumerate(pypdf.PdfReader(io.BytesIO(data)).pages)
                       if "Trekker en" in pg.extract_text() and "Nr" in pg.extract_text()]
        assert len(kop_paginas) >= 2
        pad = plan_pdf.exporteer_pdf(ws, plan_id, tmp_path / "plan.pdf", data=data)
        assert pad.read_bytes() == data
        acties = [r[0] for r in ws.db.conn.execute("SELECT actie FROM audit WHERE object_type = 'plan'")]
        assert "plan_exporteren" in acties
    finally:
        ws.close()


def test_export_refuses_bad_paths(data_dir, tmp_path):
    from ghnt_desktop.errors import UserError
    from tests.plan.helpers import maak_manager_werkruimte, maak_teams_met_scans

    ws = maak_manager_werkruimte(data_dir)
    try:
        maak_teams_met_scans(ws, 1, twee_scans=False)
        plan_id = ps.maak_plan(ws, "GM0479", jaar=2026)
        bestand = tmp_path / "bestand.txt"
        bestand.write_text("x")
        for pad, fout in ((tmp_path, "is een map"), (tmp_path / "mist" / "plan.pdf", "bestaat niet"),
                          (bestand / "plan.pdf", "bestaat niet")):
            with pytest.raises(UserError, match=fout):
                plan_pdf.exporteer_pdf(ws, plan_id, pad)
    finally:
        ws.close()
