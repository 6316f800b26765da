"""reporting.pdf_tags on small stories, and the checker (tests.reporting.pdf_check) on broken PDFs."""
from __future__ import annotations

import io

import pytest

from tests.reporting.pdf_check import read

pypdf = pytest.importorskip("pypdf")


def _pdf(story, **kw) -> bytes:
    from ghnt_desktop.reporting import pdf_base

    kw.setdefault("title", "Proef")
    return pdf_base.pdf_bytes(story, footer="voettekst", **kw)


def test_roles_by_style_name_lists_and_no_skipped_heading_level():
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    from ghnt_desktop.reporting.pdf_base import stijlen

    s = stijlen()
    story = [Paragraph("Titel", s["titel"]), Paragraph("Een alinea.", s["tekst"]),
             Paragraph("Diep", s["kop3"]),  # straight after a H1: written as H2
             Paragraph("een", s["lijst"], bulletText="•"), Paragraph("twee", s["lijst"], bulletText="•"),
             Spacer(1, 5), KeepTogether([Paragraph("Hoofdstuk", s["kop1"]), Paragraph("Tekst.", s["tekst"])]),
             Paragraph("drie", s["lijst"], bulletText="•")]
    r = read(_pdf(story))
    assert r.problems == []
    assert [(e.role, e.text) for e in r.root.kids] == [
        ("H1", "Titel"), ("P", "Een alinea."), ("H2", "Diep"), ("L", "• een • twee"), ("H1", "Hoofdstuk"),
        ("P", "Tekst."), ("L", "• drie")]  # a list interrupted by other content is a new list
    assert [(t, d) for t, _, d in r.outline] == [("Titel", 0), ("Diep", 1), ("Hoofdstuk", 0)]


def test_a_paragraph_split_over_two_pages_is_one_element():
    from reportlab.platypus import Paragraph

    from ghnt_desktop.reporting.pdf_base import stijlen

    s = stijlen()
    zinnen = " ".join(f"Zin {i} van een lange alinea." for i in range(250))
    r = read(_pdf([Paragraph("Kop", s["kop1"]), Paragraph(zinnen, s["tekst"]), Paragraph("Slot.", s["tekst"])]))
    assert r.problems == [] and len(r.pages) >= 2
    kop, alinea, slot = r.root.kids
    assert alinea.role == "P" and {p for p, _ in alinea.mcrs} == set(range(len(r.pages)))  # one MCR per page
    assert alinea.text == zinnen and slot.text == "Slot."


def test_what_cannot_be_tagged_is_refused():
    from reportlab.graphics.shapes import Drawing, Rect
    from reportlab.platypus import Paragraph, Table

    from ghnt_desktop.reporting import pdf_tags
    from ghnt_desktop.reporting.pdf_base import KOP_ROLLEN, stijlen

    d = Drawing(10, 10)
    d.add(Rect(0, 0, 5, 5))
    with pytest.raises(ValueError, match="alternative text"):
        pdf_tags.tag(d, "Figure")
    with pytest.raises(ValueError, match="unknown"):
        pdf_tags.tag(Paragraph("x", stijlen()["tekst"]), "Kop")
    with pytest.raises(TypeError, match="TaggedTable"):
        pdf_tags.tag(Table([["a"]]), "P")
    for onbekend in (Table([["a"]]), d):  # would be drawn outside the structure
        with pytest.raises(TypeError, match="tagged story"):
            pdf_tags.tag_story([onbekend], KOP_ROLLEN)
    with pytest.raises(NotImplementedError):
        pdf_tags.TaggedTable([["a"]], splitInRow=1)


def test_figure_key_value_table_and_repeated_header():
    from reportlab.graphics.shapes import Drawing, Rect
    from reportlab.platypus import Paragraph

    from ghnt_desktop.reporting import pdf_tags
    from ghnt_desktop.reporting.pdf_base import stijlen

    s = stijlen()
    d = Drawing(100, 40)
    d.add(Rect(0, 0, 60, 20))
    lang = pdf_tags.TaggedTable([["Naam", "Waarde"]] + [[f"rij {i}", str(i)] for i in range(120)], repeatRows=1)
    kv = pdf_tags.TaggedTable([["Gemeente", "Zaanstad"], ["Periode", "2026"]], header_rows=0, header_cols=1)
    r = read(_pdf([Paragraph("Kop", s["kop1"]), pdf_tags.tag(d, "Figure", alt="Een rechthoek."), kv, lang]))
    assert r.problems == []
    fig, kv_t, lang_t = r.elements("Figure") + r.elements("Table")
    assert fig.alt == "Een rechthoek."
    assert [[(c.role, c.attrs.get("Scope"), c.text) for c in tr.kids] for tr in kv_t.kids] == [
        [("TH", "/Row", "Gemeente"), ("TD", None, "Zaanstad")], [("TH", "/Row", "Periode"), ("TD", None, "2026")]]
    assert len(lang_t.kids) == 121 and len(r.pages) >= 2  # one Table over the pages, the header once
    assert [c.role for c in lang_t.kids[0].kids] == ["TH", "TH"]
    assert all(c.role == "TD" for tr in lang_t.kids[1:] for c in tr.kids)
    assert "Naam" in r.pages[1].artifact_text  # the repeated header row


def test_the_checker_reports_an_untagged_pdf():
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    buf = io.BytesIO()
    SimpleDocTemplate(buf).build([Paragraph("Niet getagd.", getSampleStyleSheet()["Normal"])])
    r = read(buf.getvalue())
    assert "no /StructTreeRoot" in r.problems
    assert any("painting outside marked content" in p for p in r.problems)
    assert not r.marked and r.lang is None


def test_the_checker_reports_broken_links_between_content_and_tree():
    from reportlab.platypus import Paragraph

    from ghnt_desktop.reporting.pdf_base import stijlen

    s = stijlen()
    goed = _pdf([Paragraph("Kop", s["kop1"]), Paragraph("Tekst.", s["tekst"])])
    assert read(goed).problems == []

    def kapot(verander) -> list[str]:
        writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(goed)))
        verander(writer)
        out = io.BytesIO()
        writer.write(out)
        return read(out.getvalue()).problems

    def zonder_struct_parents(w):
        del w.pages[0][pypdf.generic.NameObject("/StructParents")]

    def parent_tree_leeg(w):
        nums = w._root_object["/StructTreeRoot"]["/ParentTree"].get_object()["/Nums"]
        nums[1] = pypdf.generic.ArrayObject()

    assert "page 1: marked content but no /StructParents" in kapot(zonder_struct_parents)
    assert any("ParentTree entry of MCID 0" in p for p in kapot(parent_tree_leeg))
