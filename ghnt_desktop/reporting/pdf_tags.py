"""Tagged PDF on top of reportlab Platypus: a logical structure tree, marked content and artifacts.

reportlab (5.1) draws a document but has no notion of its structure. This module adds what a screen reader
needs (ISO 32000-1 §14.7-14.8, the basis of PDF/UA): every piece of real content is wrapped in a
marked-content sequence with an MCID and belongs to a structure element (``H1``, ``P``, ``L``/``LI``,
``Table``/``TR``/``TH``/``TD``, ``Figure``); page decoration (header, footer, watermark, table backgrounds
and grid lines, header rows repeated on a continuation page) is an ``Artifact`` and stays out of the
reading order. The tree is built while the pages are drawn, so drawing order is reading order.

How it is used (see ``reporting.pdf_base.build_pdf``):

* the canvas class mixes in :class:`TaggedCanvasMixin` (before reportlab's ``Canvas``);
* the page template uses a :class:`TaggedFrame`;
* flowables get their role with :func:`tag` (``tag(paragraph, "H2")``, ``tag(drawing, "Figure", alt=...)``)
  or, for a whole story, :func:`tag_story` (paragraph style name -> role);
* tables are built as :class:`TaggedTable` (they tag their own cells);
* page decoration is drawn inside ``with artifact(canvas, "Pagination", "Footer"):``.

What the canvas writes at ``save``: ``/StructTreeRoot`` with the tree and its ``/ParentTree`` (page -> the
element of every MCID), ``/StructParents`` and ``/Tabs /S`` on every page with marked content,
``/MarkInfo << /Marked true >>``, an XMP metadata stream with ``dc:title`` and ``dc:language``, and one
bookmark (outline entry) per heading, nested by level, bound to the page the heading is drawn on.

Rules applied on the way:

* **No skipped heading levels**: a heading is never more than one level deeper than the one before it
  (``H1`` followed by a ``H3`` is written as ``H2``); the first heading is a ``H1``.
* **A split paragraph stays one element**: the parts of a flowable split over pages keep its element
  (:class:`TaggedFrame`); the element then has marked-content references on more than one page.
* **A split table stays one Table**: rows continued on the next page are added to the same ``Table``
  element; the header rows reportlab repeats there are pagination artifacts (:class:`TaggedTable`).
* **Consecutive list items form one list** (``L`` with ``ListNumbering /Disc``).
* **Real spaces at line ends**: a line of a paragraph, or of a multi-line string in a table cell, that
  ends at a word boundary gets a trailing space glyph (invisible), so that a reader that follows the
  tags (and not the page geometry) does not glue the last word of a line to the first word of the next.
  (Not after a hyphen; a word longer than a whole line that reportlab cuts gets a space at the cut.)

reportlab internals used (reportlab 5.1, pinned ``>=5.1,<5.2`` in requirements.in because of them):

* ``Canvas.addLiteral``: raw ``BDC``/``EMC`` operators in the page stream (documented, "for experts").
* ``Canvas._setAnnotations(page)``: private hook called by ``Canvas.showPage`` with the new ``PDFPage``
  just before it is added; used to put ``/StructParents`` and ``/Tabs`` in the page dictionary, together
  with ``PDFPage.__NoDefault__`` (the list of optional keys a page dictionary writes).
* ``Canvas._pageNumber`` (the page being drawn), ``Canvas._doc`` (the ``PDFDocument``) with its ``Catalog``,
  ``Reference``, ``info`` and ``pageCounter``. ``Canvas.bookmarkPage`` binds a bookmark to
  ``doc.pageCounter``, which does not move while a "pagina X van Y" canvas holds its pages back; the
  override binds it to ``_pageNumber`` instead.
* The naming of page objects: ``PDFDocument.addPage`` registers page *n* as ``"Page<n>"``, so
  ``PDFObjectReference("Page<n>")`` refers to it before it exists.
* ``reportlab.pdfbase.pdfdoc`` objects ``PDFDictionary``, ``PDFArray``, ``PDFName``, ``PDFString``,
  ``PDFObjectReference``, ``XMP`` (public classes, not documented as an API).
* ``Table``: the ``renderCB`` hook and its events (``startTable``, ``startBG``/``endBG``,
  ``startCell``/``endCell`` with row, column and cell value, ``startLines``/``endLines``); ``Table._nrows``,
  ``Table._spanRanges``; ``Table.split`` making its parts through ``self.__class__`` and handing on
  ``renderCB``.
* ``Frame.split(flowable, canv)``, called by the doc template for every flowable that does not fit.
* ``PDFTextObject._textOut(text, TStar)``: how ``Paragraph`` writes a line (``TStar`` = end of line);
  ``PDFTextObject.textLine`` and ``PDFTextObject._canvas``: how ``drawString`` (and so a string table
  cell, one call per line) writes its text; ``Canvas.beginText`` makes every text object.

Not supported (raises): tables split inside a row (``splitInRow``). Images are not handled (the app has
none). Only the chart drawings are figures; decorative drawings would have to be artifacts.
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape as xml_escape

from reportlab.pdfbase.pdfdoc import (XMP, PDFArray, PDFDictionary, PDFName, PDFObjectReference, PDFPage,
                                      PDFString)
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Frame, Paragraph, Table
from reportlab.platypus.flowables import KeepTogether

__all__ = ["BLOCK_ROLES", "Elem", "McRef", "StructTree", "TaggedCanvasMixin", "TaggedFrame", "TaggedTable",
           "artifact", "tag", "tag_story"]

# Roles a flowable may get (PDF 1.7 standard structure types that need nothing more than text or an Alt).
BLOCK_ROLES = frozenset({"H1", "H2", "H3", "H4", "H5", "H6", "P", "LI", "BlockQuote", "Figure"})


# ----------------------------------------------------------------------------- the logical structure

@dataclass(frozen=True)
class McRef:
    """A marked-content sequence: MCID ``mcid`` on page ``page`` (1-based)."""

    page: int
    mcid: int


@dataclass(eq=False)
class Elem:
    """A structure element. ``kids`` are elements and marked-content references, in reading order."""

    role: str
    parent: Elem | None = None
    kids: list[Elem | McRef] = field(default_factory=list)
    alt: str | None = None
    attrs: dict[str, dict[str, Any]] = field(default_factory=dict)  # attribute owner -> {key: value}
    ref: Any = None  # its PDFObjectReference, once written

    def add(self, role: str, **kw: Any) -> Elem:
        kid = Elem(role, parent=self, **kw)
        self.kids.append(kid)
        return kid


def heading_level(role: str) -> int | None:
    """1 for ``"H1"`` ... 6 for ``"H6"``; None for any other role."""
    if len(role) == 2 and role[0] == "H" and role[1] in "123456":
        return int(role[1])
    return None


class StructTree:
    """The tree of one document, built while drawing, plus the ParentTree data (page -> element per MCID)."""

    def __init__(self) -> None:
        self.root = Elem("Document")
        self.by_page: dict[int, list[Elem]] = {}  # page (1-based) -> the element of MCID 0, 1, 2, ...
        self.elem_of: dict[object, Elem] = {}  # TagInfo or _TableInfo (shared by split parts) -> its element
        self.rows_of: dict[tuple[object, int], Elem] = {}  # (_TableInfo, row in the whole table) -> TR
        self.outline: list[tuple[str, int]] = []  # (title, level) of every bookmark, for the record
        self._last_heading = 0
        self._open_list: Elem | None = None

    def block(self, role: str, **kw: Any) -> Elem:
        """A new top-level element in reading order (an LI goes into the list it continues, or a new one)."""
        if role == "LI":
            if self._open_list is None or self.root.kids[-1] is not self._open_list:
                self._open_list = self.root.add("L", attrs={"List": {"ListNumbering": PDFName("Disc")}})
            return self._open_list.add("LI").add("LBody", **kw)
        self._open_list = None
        level = heading_level(role)
        if level is not None:
            level = min(level, self._last_heading + 1)  # never skip a level (H1 -> H3 is written H1 -> H2)
            self._last_heading = level
            role = f"H{level}"
        return self.root.add(role, **kw)

    def new_mcid(self, page: int, elem: Elem) -> int:
        lst = self.by_page.setdefault(page, [])
        lst.append(elem)
        mcid = len(lst) - 1
        elem.kids.append(McRef(page, mcid))
        return mcid


# ----------------------------------------------------------------------------- the canvas

_NO_SPACE_AFTER = " \xa0-\u00ad\u2010\u2011"  # a line ending in a hyphen continues the word


class _SpacedTextObject(PDFTextObject):
    """A text object that ends every line broken at a word boundary with a real space (see module doc):
    paragraph lines (``_textOut`` with ``TStar``), and the lines of a multi-line string in a table cell
    (``textLine``, used by ``drawString``, while the canvas's ``_line_end_space`` is set)."""

    _line_tail = ""  # the last text written on the current line

    def _textOut(self, text: str, TStar: int = 0) -> None:  # noqa: N803 (reportlab API)
        if TStar:  # end of a line; a line ended by <br/> ends with an empty text
            tail = text or self._line_tail
            if tail and tail[-1] not in _NO_SPACE_AFTER:
                text += " "
            self._line_tail = ""
        elif text:
            self._line_tail = text
        super()._textOut(text, TStar)

    def textLine(self, text: str = "") -> None:  # noqa: N802 (reportlab API)
        if text and text[-1] not in _NO_SPACE_AFTER and getattr(self._canvas, "_line_end_space", False):
            text += " "
        super().textLine(text)


class TaggedCanvasMixin:
    """Mix into a reportlab ``Canvas`` (``class C(TaggedCanvasMixin, Canvas)``).

    Works with a page-deferring canvas (the "pagina X van Y" canvas of ``pdf_base``): the per-page state
    is ``_pageNumber`` and the page's code list, which travel with the deferred page; the tree is shared.
    """

    struct: StructTree
    _line_end_space: bool
    if TYPE_CHECKING:  # what this mixin uses of reportlab's Canvas
        _pageNumber: int
        _doc: Any

        def addLiteral(self, s: str, escaped: int = 1) -> None: ...  # noqa: N802
        def addOutlineEntry(self, title: str, key: str, level: int = 0, closed: Any = None) -> None: ...  # noqa: N802
        def showOutline(self) -> None: ...  # noqa: N802

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("pdfVersion", (1, 7))  # /Tabs is a PDF 1.5 key; PDF/UA-1 is based on PDF 1.7
        super().__init__(*args, **kwargs)
        self.struct = StructTree()
        self._line_end_space = False  # set while a multi-line string cell is drawn

    # marked content --------------------------------------------------------------------------
    def begin_marked(self, elem: Elem) -> None:
        """Start a marked-content sequence that belongs to ``elem`` (end it with :meth:`end_marked`)."""
        mcid = self.struct.new_mcid(self._pageNumber, elem)
        self.addLiteral(f"/{elem.role} <</MCID {mcid}>> BDC")

    def end_marked(self) -> None:
        self.addLiteral("EMC")

    def begin_artifact(self, kind: str = "Pagination", subtype: str | None = None) -> None:
        """Start an artifact: ``kind`` Pagination (subtype Header, Footer, Watermark) or Layout."""
        props = f"/Type /{kind}" + (f" /Subtype /{subtype}" if subtype else "")
        self.addLiteral(f"/Artifact <<{props}>> BDC")

    def beginText(self, x: float = 0, y: float = 0, direction: Any = None) -> PDFTextObject:  # noqa: N802
        return _SpacedTextObject(self, x, y, direction=direction)

    # bookmarks on a page-deferring canvas ----------------------------------------------------
    def bookmarkPage(self, key: str, **kwargs: Any) -> Any:  # noqa: N802 (reportlab API)
        """Bind the bookmark to the page being drawn (reportlab uses ``doc.pageCounter``, which counts the
        pages already added: on a canvas that holds its pages back until ``save`` that is always 1)."""
        doc = self._doc
        saved = doc.pageCounter
        doc.pageCounter = self._pageNumber
        try:
            return super().bookmarkPage(key, **kwargs)  # type: ignore[misc]
        finally:
            doc.pageCounter = saved

    def add_heading_bookmark(self, title: str, level: int, top: float) -> None:
        """An outline entry for a heading drawn now (``level`` 0 = top), its destination at height ``top``."""
        tree = self.struct
        previous = tree.outline[-1][1] if tree.outline else -1
        level = max(0, min(level, previous + 1))  # reportlab refuses a jump of more than one level
        key = f"kop{len(tree.outline) + 1}"
        self.bookmarkPage(key, fit="XYZ", left=0, top=round(top, 2))
        self.addOutlineEntry(title, key, level=level, closed=level >= 1)
        tree.outline.append((title, level))

    # the page dictionary ---------------------------------------------------------------------
    def _setAnnotations(self, page: Any) -> None:  # noqa: N802 (reportlab hook, called by showPage)
        super()._setAnnotations(page)  # type: ignore[misc]
        n = self._pageNumber
        if n in self.struct.by_page:
            page.__NoDefault__ = list(PDFPage.__NoDefault__) + ["StructParents", "Tabs"]
            page.StructParents = n - 1
            page.Tabs = PDFName("S")  # tab order follows the structure

    # the document catalog, written by reportlab's own save -----------------------------------
    def save(self) -> None:
        self._write_structure()
        super().save()  # type: ignore[misc]

    def _write_structure(self) -> None:
        doc = self._doc
        tree = self.struct
        root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
        root_ref = doc.Reference(root)
        root["K"] = _write_elem(doc, tree.root, root_ref)
        nums: list[Any] = []
        for page in sorted(tree.by_page):
            nums += [page - 1, PDFArray([e.ref for e in tree.by_page[page]])]
        root["ParentTree"] = doc.Reference(PDFDictionary({"Nums": PDFArray(nums)}))
        root["ParentTreeNextKey"] = max(tree.by_page, default=0)
        cat = doc.Catalog
        cat.StructTreeRoot = root_ref
        cat.MarkInfo = PDFDictionary({"Marked": "true"})
        title = getattr(doc.info, "title", "") or ""
        lang = getattr(cat, "Lang", None)
        lang_text = lang.s if isinstance(lang, PDFString) else "x-default"
        producer = getattr(doc.info, "producer", "") or ""
        cat.Metadata = XMP(creator=lambda _doc: _xmp(title, lang_text, producer))
        if tree.outline:
            self.showOutline()  # open the bookmarks pane


def _write_elem(doc: Any, elem: Elem, parent_ref: Any) -> Any:
    """Register ``elem`` and its subtree as StructElem objects; returns its reference."""
    d = PDFDictionary({"Type": PDFName("StructElem"), "S": PDFName(elem.role), "P": parent_ref})
    elem.ref = ref = doc.Reference(d)
    if elem.alt is not None:
        d["Alt"] = PDFString(elem.alt)
    if elem.attrs:
        owners = [PDFDictionary({"O": PDFName(owner), **values}) for owner, values in elem.attrs.items()]
        d["A"] = owners[0] if len(owners) == 1 else PDFArray(owners)
    pages = {k.page for k in elem.kids if isinstance(k, McRef)}
    if len(pages) == 1:
        d["Pg"] = PDFObjectReference(f"Page{next(iter(pages))}")
    kids: list[Any] = []
    for k in elem.kids:
        if isinstance(k, Elem):
            kids.append(_write_elem(doc, k, ref))
        elif len(pages) == 1:
            kids.append(k.mcid)
        else:  # content on more than one page: marked-content references that name their page
            kids.append(PDFDictionary({"Type": PDFName("MCR"), "Pg": PDFObjectReference(f"Page{k.page}"),
                                       "MCID": k.mcid}))
    if kids:
        d["K"] = kids[0] if len(kids) == 1 else PDFArray(kids)
    return ref


def _xmp(title: str, lang: str, producer: str) -> bytes:
    """The XMP packet, UTF-8 (bytes: reportlab would encode a str as PDFDocEncoding)."""
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{xml_escape(title)}</rdf:li></rdf:Alt></dc:title>
   <dc:language><rdf:Bag><rdf:li>{xml_escape(lang)}</rdf:li></rdf:Bag></dc:language>
   <pdf:Producer>{xml_escape(producer)}</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode()


@contextlib.contextmanager
def artifact(canvas: Any, kind: str = "Pagination", subtype: str | None = None) -> Iterator[None]:
    """Everything drawn inside is an artifact (page decoration). A no-op on an untagged canvas."""
    tagged = isinstance(canvas, TaggedCanvasMixin)
    if tagged:
        canvas.begin_artifact(kind, subtype)
    try:
        yield
    finally:
        if tagged:
            canvas.end_marked()


# ----------------------------------------------------------------------------- flowables

@dataclass(eq=False)
class TagInfo:
    """The role of a flowable (shared by the parts it is split into)."""

    role: str
    alt: str | None = None
    bookmark: bool = True  # headings only: an outline entry


def tag(flowable: Any, role: str, *, alt: str | None = None, bookmark: bool = True) -> Any:
    """Give ``flowable`` a structure role; returns it (for use inside a story list).

    ``role``: one of :data:`BLOCK_ROLES`. A ``Figure`` needs ``alt``, its text alternative.
    """
    if role not in BLOCK_ROLES:
        raise ValueError(f"unknown structure role {role!r}")
    if role == "Figure" and not (alt and alt.strip()):
        raise ValueError("a Figure needs an alternative text (alt)")
    if isinstance(flowable, Table):
        raise TypeError("build tables as TaggedTable; they tag their own cells")
    _attach(flowable, TagInfo(role, alt=alt, bookmark=bookmark))
    return flowable


def _attach(flowable: Any, info: TagInfo) -> None:
    # Through __dict__: reportlab.graphics Drawings validate attribute names on setattr. The instance's
    # drawOn wraps the class's: a marked-content sequence around everything the flowable draws.
    flowable.__dict__["_tag"] = info
    class_draw_on = type(flowable).drawOn

    def draw_on(canvas: Any, x: float, y: float, _sW: float = 0) -> Any:  # noqa: N803 (reportlab API)
        if not isinstance(canvas, TaggedCanvasMixin):
            return class_draw_on(flowable, canvas, x, y, _sW)
        tree = canvas.struct
        elem = tree.elem_of.get(info)
        if elem is None:  # first part drawn: place the element in reading order
            kw: dict[str, Any] = {"alt": info.alt}
            if info.role == "Figure":
                w, h = getattr(flowable, "width", 0), getattr(flowable, "height", 0)
                kw["attrs"] = {"Layout": {"Placement": PDFName("Block"),
                                          "BBox": PDFArray([round(v, 2) for v in (x, y, x + w, y + h)])}}
            elem = tree.elem_of[info] = tree.block(info.role, **kw)
            level = heading_level(elem.role)
            if level is not None and info.bookmark:
                title = flowable.getPlainText() if hasattr(flowable, "getPlainText") else elem.role
                canvas.add_heading_bookmark(" ".join(title.split()), level - 1, y + getattr(flowable, "height", 0))
        canvas.begin_marked(elem)
        try:
            return class_draw_on(flowable, canvas, x, y, _sW)
        finally:
            canvas.end_marked()

    flowable.__dict__["drawOn"] = draw_on


def tag_story(flowables: Iterable[Any], roles_by_style: Mapping[str, str]) -> list[Any]:
    """Tag a story by looking at it; returns it as a list.

    A ``Paragraph`` gets the role its style name maps to in ``roles_by_style`` (headings), ``LI`` when it
    has a bullet, else ``P``. Flowables already tagged, :class:`TaggedTable` and flowables that draw
    nothing (spacers, page breaks) are left alone; ``KeepTogether`` is looked into. Anything else would
    be drawn untagged and raises ``TypeError`` (a chart must be tagged as a Figure with its alt text).
    """
    from reportlab.platypus import PageBreak, Spacer
    from reportlab.platypus.doctemplate import ActionFlowable

    story = list(flowables)
    for f in story:
        if "_tag" in f.__dict__ or isinstance(f, (TaggedTable, Spacer, PageBreak, ActionFlowable)):
            continue
        if isinstance(f, KeepTogether):
            tag_story(f._content, roles_by_style)
        elif isinstance(f, Paragraph):
            if f.bulletText or getattr(f.style, "bulletText", None):
                tag(f, "LI")
            else:
                tag(f, roles_by_style.get(f.style.name, "P"))
        else:
            raise TypeError(f"{type(f).__name__} in a tagged story: tag it (pdf_tags.tag) or build a TaggedTable")
    return story


class TaggedFrame(Frame):
    """A Frame whose split parts keep the tag, and so the structure element, of the flowable split."""

    def split(self, flowable: Any, canv: Any) -> list[Any]:
        parts = super().split(flowable, canv)
        info = flowable.__dict__.get("_tag")
        if info is not None:
            for p in parts:
                if "_tag" not in p.__dict__ and not getattr(p, "_ZEROSIZE", 0):
                    _attach(p, info)
        return list(parts)


# ----------------------------------------------------------------------------- tables

@dataclass(eq=False)
class _TableInfo:
    header_rows: int
    header_cols: int


class TaggedTable(Table):
    """A ``Table`` written as ``Table`` > ``TR`` > ``TH``/``TD``.

    ``header_rows``: leading rows of column headers (default: ``repeatRows``), ``TH`` with
    ``/Scope /Column``; ``header_cols``: leading columns of row headers, ``TH`` with ``/Scope /Row`` (for a
    key/value table use ``header_rows=0, header_cols=1``). Spanned cells get ``ColSpan``/``RowSpan``.
    Background and grid are layout artifacts; header rows repeated on a continuation page are pagination
    artifacts, and the continued rows join the same ``Table`` element.
    """

    def __init__(self, data: Any, *args: Any, header_rows: int | None = None, header_cols: int = 0,
                 **kwargs: Any) -> None:
        if kwargs.get("splitInRow"):
            raise NotImplementedError("TaggedTable does not support splitting inside a row (splitInRow)")
        kwargs.setdefault("renderCB", _table_cb)
        super().__init__(data, *args, **kwargs)
        if header_rows is None:
            header_rows = self.repeatRows if isinstance(self.repeatRows, int) else 0
        self._tag_info = _TableInfo(header_rows, header_cols)
        self._tag_rows: list[int | None] = list(range(self._nrows))  # local row -> row in the whole table

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803 (reportlab API)
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2:  # else [] (no room) or [self] (it fits)
            first, rest = parts
            repeated = rest._nrows - (self._nrows - first._nrows)  # header rows repeated on top of the rest
            first._tag_info = rest._tag_info = self._tag_info
            first._tag_rows = self._tag_rows[:first._nrows]
            rest._tag_rows = [None] * repeated + self._tag_rows[first._nrows:]
        return list(parts)


def _table_cb(table: TaggedTable, event: str, *args: Any) -> None:
    canvas = table.canv
    if not isinstance(canvas, TaggedCanvasMixin):
        return
    info = table._tag_info
    tree = canvas.struct
    if event in ("startBG", "startLines"):
        canvas.begin_artifact("Layout")
    elif event in ("endBG", "endLines"):
        canvas.end_marked()
    elif event == "startTable":
        if info not in tree.elem_of:
            tree.elem_of[info] = tree.block("Table")
    elif event == "startCell":
        row, col = args[0], args[1]
        whole_row = table._tag_rows[row]
        if whole_row is None:  # a header row repeated on a continuation page
            canvas.begin_artifact("Pagination")
            return
        tr = tree.rows_of.get((info, whole_row))
        if tr is None:
            tr = tree.rows_of[info, whole_row] = tree.elem_of[info].add("TR")
        if whole_row < info.header_rows:
            cell = tr.add("TH", attrs={"Table": {"Scope": PDFName("Column")}})
        elif col < info.header_cols:
            cell = tr.add("TH", attrs={"Table": {"Scope": PDFName("Row")}})
        else:
            cell = tr.add("TD")
        span = table._spanRanges.get((col, row)) if getattr(table, "_spanRanges", None) else None
        if span:
            first_col, first_row, last_col, last_row = span
            if last_col > first_col:
                cell.attrs.setdefault("Table", {})["ColSpan"] = last_col - first_col + 1
            if last_row > first_row:
                cell.attrs.setdefault("Table", {})["RowSpan"] = last_row - first_row + 1
        canvas.begin_marked(cell)
        canvas._line_end_space = isinstance(args[2], str) and "\n" in args[2]
    elif event == "endCell":
        canvas._line_end_space = False  # also after a repeated header cell (an artifact)
        canvas.end_marked()
