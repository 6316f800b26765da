"""Shared building blocks for every PDF of the app (meldcode verslag, concept melding, plan van aanpak).

* Fonts: the bundled DejaVu Sans TTFs (``resources/fonts``), so ĳ, ë, € and „…” print correctly
  (the standard-14 fonts show ĳ as a black box). Registered once, with ``addMapping`` so
  ``<b>``/``<i>`` in paragraphs pick the bold/oblique files.
* :func:`stijlen`: the paragraph styles (all in DejaVu Sans).
* :func:`build_pdf`: page template with an optional header line (e.g. "Vertrouwelijk ...") and an
  optional diagonal watermark (e.g. "CONCEPT") on every page, a footer "pagina X van Y" plus an
  optional footer text, document metadata and optional password protection.
* Every PDF is a **tagged PDF** (``reporting.pdf_tags``, docs/pdf-toegankelijkheid.md): headings,
  paragraphs, lists, tables and figures in a structure tree, in reading order; header, footer and
  watermark are artifacts, so a screen reader skips them (put what a reader must hear, such as
  "vertrouwelijk", in the text as well); ``/Lang nl-NL``, the title shown by viewers, a bookmark per
  heading. :func:`build_pdf` tags paragraphs by their style name (:data:`KOP_ROLLEN`: headings; a
  paragraph with a bullet is a list item; any other paragraph a ``P``); tables must be built as
  ``pdf_tags.TaggedTable`` and charts tagged as ``Figure`` with their alternative text.
* Only the embedded DejaVu fonts are used: also for bullets, the canvas's initial font, table cells
  and the initial font of reportlab graphics (no non-embedded Helvetica in the file).
* :func:`datum_nl` / :func:`moment_nl`: Dutch dates ("22 november 2026").
* :func:`tekst`: escape free text for a ``Paragraph`` (``&``, ``<``, new lines).

reportlab is imported inside the functions: importing this module costs nothing at app start-up.

Password protection: the PDF is laid out in memory and then encrypted with AES-256 by pypdf (which uses
the 'cryptography' package); no unencrypted copy is written. reportlab's own encryption would fall back to
RC4 without the unmaintained 'pyaes' package.
"""
from __future__ import annotations

import io
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Sequence
from xml.sax.saxutils import escape

__all__ = [
    "FONT", "FONT_BOLD", "FONT_OBLIQUE", "FONT_BOLD_OBLIQUE", "MAANDEN", "KOP_ROLLEN", "registreer_fonts",
    "stijlen", "datum_nl", "moment_nl", "tekst", "build_pdf", "pdf_bytes", "versleutel", "Opmaak",
]

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_OBLIQUE = "DejaVuSans-Oblique"
FONT_BOLD_OBLIQUE = "DejaVuSans-BoldOblique"
_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_OBLIQUE: "DejaVuSans-Oblique.ttf",
    FONT_BOLD_OBLIQUE: "DejaVuSans-BoldOblique.ttf",
}

# Paragraph style name -> heading role in the tagged PDF (the styles of stijlen() and of plan_pdf).
KOP_ROLLEN = {"titel": "H1", "kop1": "H1", "kop2": "H2", "kop3": "H3", "h1": "H1", "h2": "H2", "h3": "H3"}

MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december")

_REGISTERED = False


def registreer_fonts() -> None:
    """Register the DejaVu Sans family with reportlab (idempotent)."""
    global _REGISTERED
    if _REGISTERED:
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from ghnt_desktop.paths import resource_path

    for name, file in _FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file))))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT_OBLIQUE)
    addMapping(FONT, 1, 1, FONT_BOLD_OBLIQUE)
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_OBLIQUE,
                                  boldItalic=FONT_BOLD_OBLIQUE)
    # reportlab.graphics starts every drawing with its default font (Helvetica, not embedded) set in the
    # page; make that the embedded font (PDF/UA: every font embedded)
    from reportlab.graphics import shapes

    shapes.STATE_DEFAULTS["fontName"] = FONT
    _REGISTERED = True


def stijlen() -> dict[str, Any]:
    """Paragraph styles by name: titel, ondertitel, kop1, kop2, kop3, tekst, klein, label, cel, celkop,
    waarschuwing, citaat, lijst."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    registreer_fonts()
    basis = ParagraphStyle("tekst", fontName=FONT, bulletFontName=FONT, fontSize=10, leading=13.5, spaceAfter=4)
    s = {
        "tekst": basis,
        "titel": ParagraphStyle("titel", parent=basis, fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=6),
        "ondertitel": ParagraphStyle("ondertitel", parent=basis, fontSize=11, leading=14,
                                     textColor=colors.HexColor("#444444"), spaceAfter=10),
        "kop1": ParagraphStyle("kop1", parent=basis, fontName=FONT_BOLD, fontSize=13.5, leading=17, spaceBefore=12,
                               spaceAfter=5, keepWithNext=1, textColor=colors.HexColor("#1b3a5c")),
        "kop2": ParagraphStyle("kop2", parent=basis, fontName=FONT_BOLD, fontSize=11, leading=14, spaceBefore=8,
                               spaceAfter=3, keepWithNext=1),
        "kop3": ParagraphStyle("kop3", parent=basis, fontName=FONT_BOLD, fontSize=10, leading=13, spaceBefore=5,
                               spaceAfter=2, keepWithNext=1),
        "klein": ParagraphStyle("klein", parent=basis, fontSize=8.5, leading=11, textColor=colors.HexColor("#444444")),
        "label": ParagraphStyle("label", parent=basis, fontName=FONT_BOLD, fontSize=9, leading=12, spaceAfter=1,
                                keepWithNext=1),
        "cel": ParagraphStyle("cel", parent=basis, fontSize=8.5, leading=11, spaceAfter=0),
        "celkop": ParagraphStyle("celkop", parent=basis, fontName=FONT_BOLD, fontSize=8.5, leading=11, spaceAfter=0),
        "waarschuwing": ParagraphStyle("waarschuwing", parent=basis, fontName=FONT_BOLD, fontSize=9.5, leading=13,
                                       textColor=colors.HexColor("#8a1c1c"), borderColor=colors.HexColor("#8a1c1c"),
                                       borderWidth=0.8, borderPadding=5, spaceBefore=6, spaceAfter=10),
        "citaat": ParagraphStyle("citaat", parent=basis, leftIndent=12, textColor=colors.HexColor("#222222")),
        "lijst": ParagraphStyle("lijst", parent=basis, leftIndent=12, bulletIndent=2, bulletFontName=FONT),
    }
    return s


def datum_nl(d: date | datetime | None, leeg: str = "onbekend") -> str:
    """``22 november 2026`` (a datetime prints its local date)."""
    if d is None:
        return leeg
    if isinstance(d, datetime):
        d = d.astimezone().date() if d.tzinfo else d.date()
    return f"{d.day} {MAANDEN[d.month - 1]} {d.year}"


def moment_nl(m: datetime | None, leeg: str = "onbekend") -> str:
    """``22 november 2026, 14:05`` in local time."""
    if m is None:
        return leeg
    if m.tzinfo:
        m = m.astimezone()
    return f"{datum_nl(m.date())}, {m:%H:%M}"


def tekst(waarde: Any, leeg: str = "") -> str:
    """Free text made safe for a ``Paragraph``: markup characters escaped, new lines kept."""
    if waarde is None:
        return leeg
    s = str(waarde).strip()
    if not s:
        return leeg
    return escape(s).replace("\r\n", "\n").replace("\n", "<br/>")


def versleutel(pdf: bytes, password: str) -> bytes:
    """Protect a finished PDF with AES-256 (pypdf on top of the 'cryptography' package), in memory.

    All permissions stay granted (pypdf's default), so screen readers may extract the text."""
    import io as _io

    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(_io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)  # the whole catalog: structure tree, /Lang, bookmarks, XMP
    writer.pdf_header = reader.pdf_header  # pypdf would write %PDF-1.3 (the tagged PDF uses 1.5+ keys)
    writer.encrypt(user_password=password, owner_password=password, algorithm="AES-256")
    out = _io.BytesIO()
    writer.write(out)
    return out.getvalue()


@dataclass(frozen=True)
class Opmaak:
    """What is drawn on every page."""

    footer: str = ""
    header: str | None = None
    watermark: str | None = None


def _canvas_class(opmaak: Opmaak):
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from ghnt_desktop.reporting.pdf_tags import TaggedCanvasMixin, artifact

    class NumberedCanvas(TaggedCanvasMixin, Canvas):
        """Defers every page so the footer can say "pagina X van Y" (Y known only at the end)."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pagina_states: list[dict] = []

        def showPage(self):  # noqa: N802 (reportlab API)
            self._pagina_states.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            totaal = len(self._pagina_states)
            for state in self._pagina_states:
                self.__dict__.update(state)
                self._voettekst(totaal)
                super().showPage()
            super().save()

        def _voettekst(self, totaal: int) -> None:
            breedte, _ = self._pagesize
            with artifact(self, "Pagination", "Footer"):
                self.saveState()
                self.setStrokeColor(colors.HexColor("#999999"))
                self.setLineWidth(0.4)
                self.line(18 * mm, 15 * mm, breedte - 18 * mm, 15 * mm)
                self.setFont(FONT, 8)
                self.setFillColor(colors.HexColor("#444444"))
                if opmaak.footer:
                    self.drawString(18 * mm, 10 * mm, opmaak.footer[:120])
                self.drawRightString(breedte - 18 * mm, 10 * mm, f"pagina {self._pageNumber} van {totaal}")
                self.restoreState()

    return NumberedCanvas


def _op_pagina(opmaak: Opmaak):
    from reportlab.lib import colors
    from reportlab.lib.units import mm

    from ghnt_desktop.reporting.pdf_tags import artifact

    def teken(canvas, doc) -> None:
        breedte, hoogte = canvas._pagesize
        if opmaak.watermark:
            with artifact(canvas, "Pagination", "Watermark"):
                canvas.saveState()
                canvas.setFont(FONT_BOLD, 72 if len(opmaak.watermark) <= 10 else 48)
                canvas.setFillColor(colors.Color(0.75, 0.75, 0.75, alpha=0.35))
                canvas.translate(breedte / 2, hoogte / 2)
                canvas.rotate(45)
                canvas.drawCentredString(0, -20, opmaak.watermark)
                canvas.restoreState()
        if opmaak.header:
            with artifact(canvas, "Pagination", "Header"):
                canvas.saveState()
                canvas.setFillColor(colors.HexColor("#8a1c1c"))
                canvas.setFont(FONT_BOLD, 8.5)
                canvas.drawCentredString(breedte / 2, hoogte - 11 * mm, opmaak.header[:140])
                canvas.setStrokeColor(colors.HexColor("#8a1c1c"))
                canvas.setLineWidth(0.4)
                canvas.line(18 * mm, hoogte - 13 * mm, breedte - 18 * mm, hoogte - 13 * mm)
                canvas.restoreState()

    return teken


def build_pdf(path_or_buffer: str | os.PathLike | IO[bytes], flowables: Sequence[Any], *, title: str,
              footer: str = "", header: str | None = None, watermark: str | None = None,
              password: str | None = None, author: str = "", subject: str = "", pagesize=None) -> None:
    """Lay out ``flowables`` on A4 pages as a tagged PDF and write it to a path or binary buffer.

    ``title``/``author``/``subject`` go into the document metadata: keep client data out of them.
    ``title`` is also what viewers show in their title bar. ``header`` is drawn above, ``footer`` left
    below (with "pagina X van Y" on the right) and ``watermark`` diagonally across every page, all three
    as artifacts (not read aloud). ``password`` encrypts the file (the structure is kept).
    Paragraphs are tagged by style name (:data:`KOP_ROLLEN`); see the module docstring for the rest.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, PageTemplate

    from ghnt_desktop.reporting.pdf_tags import TaggedFrame, tag_story

    registreer_fonts()
    opmaak = Opmaak(footer=footer, header=header, watermark=watermark)
    is_pad = isinstance(path_or_buffer, (str, os.PathLike, Path))
    story = tag_story(flowables, KOP_ROLLEN)
    # Always lay out in memory: an encrypted file is never preceded by a plaintext one on disk.
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf, pagesize=pagesize or A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=20 * mm,
        bottomMargin=20 * mm, title=title, author=author or "GHNT Desktop", subject=subject, creator="GHNT Desktop",
        producer="GHNT Desktop (reportlab)", lang="nl-NL", displayDocTitle=True, initialFontName=FONT)
    frame = TaggedFrame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="normal")
    doc.addPageTemplates([PageTemplate(id="pagina", frames=[frame], onPage=_op_pagina(opmaak),
                                       pagesize=doc.pagesize)])
    doc.build(story, canvasmaker=_canvas_class(opmaak))
    data = versleutel(buf.getvalue(), password) if password else buf.getvalue()
    if is_pad:
        with open(path_or_buffer, "wb") as fh:
            fh.write(data)
    else:
        path_or_buffer.write(data)


def pdf_bytes(flowables: Sequence[Any], **kwargs: Any) -> bytes:
    """:func:`build_pdf` into memory; returns the PDF."""
    buf = io.BytesIO()
    build_pdf(buf, flowables, **kwargs)
    return buf.getvalue()
