"""Read a tagged PDF back with pypdf and report what a screen reader would get, and what is broken.

:func:`read` returns a :class:`Report`: the catalog entries (``/Lang``, ``/MarkInfo``, ``DisplayDocTitle``,
XMP), the structure tree as :class:`Element` objects with the text of their marked content, the bookmarks
with their pages, and per page the marked content found in the page stream. ``Report.problems`` lists
every broken link between the two: painting operators outside marked content, unbalanced ``BDC``/``EMC``,
an MCID that no element claims or that the ``/ParentTree`` maps elsewhere, an element pointing to an MCID
that is not in the page, a page with marked content but no ``/StructParents``.

Independent of ``ghnt_desktop.reporting.pdf_tags``: it only reads the file. By hand:

    python -m tests.reporting.pdf_check file.pdf [--tree]
"""
from __future__ import annotations

import io
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject

# Operators that put ink on the page (text showing, path painting, XObjects, shadings, inline images).
PAINT = {b"Tj", b"TJ", b"'", b'"', b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"Do", b"sh",
         b"INLINE IMAGE", b"BI"}


def plain(text: str) -> str:
    """Whitespace collapsed."""
    return " ".join(text.split())


@dataclass
class PageMarks:
    mcids: list[int] = field(default_factory=list)  # in content order
    text: dict[int, str] = field(default_factory=lambda: defaultdict(str))  # MCID -> text
    artifact_text: str = ""
    unmarked_ops: Counter = field(default_factory=Counter)
    unmarked_text: str = ""
    balanced: bool = True


@dataclass(eq=False)
class Element:
    role: str
    idnum: int | None
    alt: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)  # attribute key (no slash) -> value, all owners merged
    kids: list[Element] = field(default_factory=list)
    mcrs: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID)
    own_text: str = ""

    def walk(self) -> Iterator[Element]:
        yield self
        for k in self.kids:
            yield from k.walk()

    @property
    def text(self) -> str:
        return plain(self.own_text + " " + " ".join(k.text for k in self.kids))

    @property
    def first_page(self) -> int | None:
        """1-based page of the first marked content in this subtree."""
        for e in self.walk():
            if e.mcrs:
                return e.mcrs[0][0] + 1
        return None

    @property
    def level(self) -> int | None:
        return int(self.role[1]) if len(self.role) == 2 and self.role[0] == "H" and self.role[1].isdigit() else None


@dataclass
class Report:
    pages: list[PageMarks]
    root: Element | None
    lang: str | None
    marked: bool
    display_doc_title: bool
    title: str | None
    xmp: bytes
    outline: list[tuple[str, int, int]]  # (title, 1-based page, depth)
    page_keys: list[dict[str, Any]]  # per page: StructParents, Tabs
    problems: list[str]

    def elements(self, role: str | None = None) -> list[Element]:
        if self.root is None:
            return []
        return [e for e in self.root.walk() if role is None or e.role == role]

    @property
    def roles(self) -> Counter:
        return Counter(e.role for e in self.elements())

    @property
    def headings(self) -> list[Element]:
        return [e for e in self.elements() if e.level is not None]

    def reading_text(self) -> str:
        """The text of every element in tree order: what a reader that follows the tags reads."""
        return plain(" ".join(e.own_text for e in self.elements()))


def _page_marks(reader: PdfReader, page: Any) -> PageMarks:
    marks = PageMarks()
    depth = 0
    for operands, op in ContentStream(page.get_contents(), reader).operations:
        if op in (b"BDC", b"BMC"):
            depth += 1
            if op == b"BDC" and isinstance(operands[1], DictionaryObject) and "/MCID" in operands[1]:
                marks.mcids.append(int(operands[1]["/MCID"]))
        elif op == b"EMC":
            depth -= 1
            if depth < 0:
                marks.balanced = False
                depth = 0
        elif op in PAINT and depth == 0:
            marks.unmarked_ops[op.decode("latin-1")] += 1
    if depth != 0:
        marks.balanced = False

    stack: list[tuple[str, int]] = []  # ("mcid", n) / ("artifact", 0) / ("other", 0)
    artifact: list[str] = []
    unmarked: list[str] = []

    def before(op: bytes, args: Any, cm: Any, tm: Any) -> None:
        if op == b"BDC":
            props = args[1]
            if args[0] == "/Artifact":
                stack.append(("artifact", 0))
            elif isinstance(props, DictionaryObject) and "/MCID" in props:
                stack.append(("mcid", int(props["/MCID"])))
            else:
                stack.append(("other", 0))
        elif op == b"BMC":
            stack.append(("artifact", 0) if args[0] == "/Artifact" else ("other", 0))
        elif op == b"EMC" and stack:
            stack.pop()

    def on_text(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if not text:
            return
        current = next((s for s in reversed(stack) if s[0] != "other"), None)
        if current is None:
            unmarked.append(text)
        elif current[0] == "artifact":
            artifact.append(text)
        else:
            marks.text[current[1]] += text

    page.extract_text(visitor_operand_before=before, visitor_text=on_text)
    marks.artifact_text = "".join(artifact)
    marks.unmarked_text = "".join(unmarked)
    return marks


def _number_tree(node: Any) -> dict[int, Any]:
    node = node.get_object()
    out: dict[int, Any] = {}
    nums = node.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums), 2):
            out[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", []):
        out.update(_number_tree(kid))
    return out


def _as_list(value: Any) -> list[Any]:
    """An array's items, or ``[value]``; indirect references to dictionaries are kept (their idnum counts)."""
    if value is None:
        return []
    resolved = value.get_object() if hasattr(value, "get_object") else value
    return list(resolved) if isinstance(resolved, list) else [value]


def _attrs(elem: DictionaryObject) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for a in _as_list(elem.get("/A")):  # attribute objects, inline or indirect
        a = a.get_object()
        if isinstance(a, DictionaryObject):
            for k, v in a.items():
                out[k[1:]] = v.get_object() if hasattr(v, "get_object") else v
    return out


def read(pdf: bytes, password: str | None = None) -> Report:
    reader = PdfReader(io.BytesIO(pdf))
    if reader.is_encrypted:
        if password is None or not reader.decrypt(password):
            raise ValueError("encrypted PDF: give the password")
    problems: list[str] = []
    cat = reader.trailer["/Root"]
    pages = [_page_marks(reader, p) for p in reader.pages]
    page_index = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    page_keys = [{"StructParents": p.get("/StructParents"), "Tabs": p.get("/Tabs")} for p in reader.pages]
    for i, m in enumerate(pages, 1):
        if m.unmarked_ops:
            problems.append(f"page {i}: painting outside marked content {dict(m.unmarked_ops)}")
        if not m.balanced:
            problems.append(f"page {i}: BDC/EMC not balanced")
        if len(set(m.mcids)) != len(m.mcids):
            problems.append(f"page {i}: an MCID is used twice")
        if m.mcids and page_keys[i - 1]["StructParents"] is None:
            problems.append(f"page {i}: marked content but no /StructParents")

    root_elem: Element | None = None
    parent_tree: dict[int, Any] = {}
    str_root = cat.get("/StructTreeRoot")
    claimed: dict[tuple[int, int], int | None] = {}
    if str_root is None:
        problems.append("no /StructTreeRoot")
    else:
        str_root = str_root.get_object()
        if "/ParentTree" in str_root:
            parent_tree = _number_tree(str_root["/ParentTree"])
        else:
            problems.append("no /ParentTree")

        def walk(ref: Any, inherited_pg: Any) -> Element:
            obj = ref.get_object()
            idnum = ref.idnum if hasattr(ref, "idnum") else None
            alt = obj.get("/Alt")
            e = Element(role=str(obj["/S"])[1:], idnum=idnum, alt=str(alt) if alt is not None else None,
                        attrs=_attrs(obj))
            pg = obj.raw_get("/Pg") if "/Pg" in obj else inherited_pg
            for k in _as_list(obj.raw_get("/K") if "/K" in obj else None):
                ko = k.get_object() if hasattr(k, "get_object") else k
                if isinstance(ko, int):
                    if pg is None:
                        problems.append(f"{e.role}: MCID {ko} without a page")
                        continue
                    e.mcrs.append((page_index[pg.idnum], int(ko)))
                elif isinstance(ko, DictionaryObject) and ko.get("/Type") == "/MCR":
                    mpg = ko.raw_get("/Pg") if "/Pg" in ko else pg
                    e.mcrs.append((page_index[mpg.idnum], int(ko["/MCID"])))
                elif isinstance(ko, DictionaryObject) and "/S" in ko:
                    e.kids.append(walk(k, pg))
            for page, mcid in e.mcrs:
                if (page, mcid) in claimed:
                    problems.append(f"{e.role}: MCID {mcid} on page {page + 1} claimed twice")
                claimed[page, mcid] = idnum
                if mcid not in pages[page].mcids:
                    problems.append(f"{e.role}: MCID {mcid} on page {page + 1} is not in the page")
                e.own_text += pages[page].text.get(mcid, "")
            return e

        kids = [walk(k, None) for k in _as_list(str_root.raw_get("/K") if "/K" in str_root else None)]
        if len(kids) == 1:
            root_elem = kids[0]
        else:
            root_elem = Element("(root)", None, kids=kids)
        for i, m in enumerate(pages):
            sp = page_keys[i]["StructParents"]
            array = _as_list(parent_tree.get(int(sp))) if sp is not None else []
            for mcid in m.mcids:
                if (i, mcid) not in claimed:
                    problems.append(f"page {i + 1}: MCID {mcid} belongs to no element")
                if mcid >= len(array) or getattr(array[mcid], "idnum", None) != claimed.get((i, mcid)):
                    problems.append(f"page {i + 1}: ParentTree entry of MCID {mcid} does not point to its element")

    outline: list[tuple[str, int, int]] = []

    def walk_outline(items: Any, depth: int) -> None:
        for o in items:
            if isinstance(o, list):
                walk_outline(o, depth + 1)
            else:
                outline.append((str(o.title), reader.get_destination_page_number(o) + 1, depth))

    walk_outline(reader.outline, 0)
    mark_info = cat.get("/MarkInfo")
    vp = cat.get("/ViewerPreferences")
    meta = cat.get("/Metadata")
    info = reader.metadata
    return Report(
        pages=pages, root=root_elem, lang=str(cat["/Lang"]) if "/Lang" in cat else None,
        marked=bool(mark_info is not None and mark_info.get_object().get("/Marked")),
        display_doc_title=bool(vp is not None and vp.get_object().get("/DisplayDocTitle")),
        title=info.title if info else None, xmp=meta.get_object().get_data() if meta is not None else b"",
        outline=outline, page_keys=page_keys, problems=problems)


def main(argv: list[str]) -> int:
    with open(argv[0], "rb") as fh:
        r = read(fh.read(), argv[argv.index("--password") + 1] if "--password" in argv else None)
    print(f"Lang {r.lang} | Marked {r.marked} | DisplayDocTitle {r.display_doc_title} | title {r.title!r}")
    print("Roles:", dict(r.roles))
    print("Outline:", "; ".join(f"{'  ' * d}{t} -> p{p}" for t, p, d in r.outline))
    print("Problems:", r.problems or "none")
    if "--tree" in argv and r.root is not None:
        def show(e: Element, depth: int) -> None:
            extra = f"  Alt={e.alt!r:.80}" if e.alt else ""
            print("  " * depth + e.role + (f"  {plain(e.own_text)!r:.80}" if e.own_text.strip() else "") + extra)
            for k in e.kids:
                show(k, depth + 1)
        show(r.root, 0)
    return 1 if r.problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
