"""OFD (GB/T 33190), the fixed-layout format many Chinese government portals publish notices in.

An OFD is a ZIP of XML parts: ``OFD.xml`` → ``DocBody/DocRoot`` (``Document.xml``) → ``Pages/Page``
→ each page's ``Content.xml``. There is no text flow, only positioned glyph runs, so this backend reads
it the way the PDF backend reads a text layer:

- every ``TextObject``'s ``TextCode`` runs are placed on the page (Boundary origin + X/Y, through the
  object's CTM when it has one; OFD units are millimetres with y growing downwards);
- runs are grouped into lines by baseline (within half the font size) and sorted left to right; a
  wide gap between runs becomes a space;
- lines a paragraph wrapped at the right margin are joined again (also across a page break), and page
  numbers and running headers/footers are dropped, with the PDF backend's own rules;
- template pages (``TemplatePage``) are skipped: they carry what repeats on every page (版头 lines,
  page furniture), not the notice.

Broken or missing XML parts are ``corrupt``; a document without any text is ``no_text``.
"""
from __future__ import annotations

import posixpath
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from lxml import etree

from ..core.document import Document
from ..errors import ExtractionError
from .builder import TextBuilder
from .layout import Line, ParagraphWriter, drop_running_lines
from .zipcheck import open_zip, read_member

KIND = "OFD document"
_A4_HEIGHT = 297.0
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


@dataclass(slots=True)
class _Run:
    """A run of characters on one baseline: ``text`` from ``x0`` to ``x1`` at baseline ``y`` (mm)."""

    text: str
    x0: float
    x1: float
    y: float
    size: float


def read(data: bytes, doc: Document) -> Document:
    path = doc.source.path
    z = open_zip(data, path, KIND)
    pkg = _Package(z, path)
    root = pkg.xml(pkg.entry())
    body = _child(root, "DocBody")
    doc_root = _child(body, "DocRoot") if body is not None else None
    if doc_root is None or not (doc_root.text or "").strip():
        raise ExtractionError("corrupt", "not an OFD document: OFD.xml names no DocBody/DocRoot", path)
    title = _child_text(_child(body, "DocInfo"), "Title")
    if title:
        doc.meta.setdefault("file_title", title)
    doc_path = pkg.resolve("", doc_root.text)
    document = pkg.xml(doc_path)
    default_height = _page_height(_child(_child(document, "CommonData"), "PageArea"), _A4_HEIGHT)
    page_paths = _page_paths(pkg, document, doc_path)
    doc.source.pages = len(page_paths)

    pages: list[list[Line]] = []
    heights: list[float] = []
    images = False
    for page_path in page_paths:
        page = pkg.xml(page_path)
        heights.append(_page_height(_child(page, "Area"), default_height))
        content = _child(page, "Content")
        runs = list(_runs(content)) if content is not None else []
        images = images or (content is not None and any(_local(el) == "ImageObject" for el in content.iter()))
        pages.append(_lines(runs))
    drop_running_lines(pages, heights)
    _build(pages, doc)
    if not doc.raw_text.strip():
        hint = " (its pages are images: a scan without a text layer)" if images else ""
        raise ExtractionError("no_text", f"the OFD holds no text{hint}", path)
    return doc


# ------------------------------------------------------------------------------------ package


class _Package:
    """The ZIP's parts by name. Producers differ in letter case and in absolute vs. relative
    ``BaseLoc`` paths, so names are resolved leniently."""

    def __init__(self, z: zipfile.ZipFile, path: str) -> None:
        self.z = z
        self.path = path
        self.names = {n.lower(): n for n in z.namelist()}

    def entry(self) -> str:
        if "ofd.xml" not in self.names:
            raise ExtractionError("corrupt", "not an OFD document: the archive has no OFD.xml", self.path)
        return self.names["ofd.xml"]

    def resolve(self, base_dir: str, loc: str) -> str:
        """The member a ``BaseLoc`` names: absolute (``/Doc_0/…``) or relative to ``base_dir``."""
        loc = loc.strip().replace("\\", "/")
        joined = loc.lstrip("/") if loc.startswith("/") else posixpath.join(base_dir, loc)
        name = posixpath.normpath(joined).lstrip("/")
        return self.names.get(name.lower(), name)

    def xml(self, name: str) -> etree._Element:
        raw = read_member(self.z, name, self.path, KIND)
        try:
            root = etree.fromstring(raw, _PARSER)
        except etree.XMLSyntaxError as exc:
            raise ExtractionError("corrupt", f"the {KIND} is damaged ({name}: broken XML: {exc})", self.path) \
                from None
        if root is None:
            raise ExtractionError("corrupt", f"the {KIND} is damaged ({name} is empty)", self.path)
        return root


def _page_paths(pkg: _Package, document: etree._Element, doc_path: str) -> list[str]:
    """Content.xml of each page in order; template pages are deliberately not among them."""
    base = posixpath.dirname(doc_path)
    pages_el = _child(document, "Pages")
    if pages_el is None:
        raise ExtractionError("corrupt", f"the {KIND} is damaged ({doc_path} lists no Pages)", pkg.path)
    out = []
    for page in _children(pages_el, "Page"):
        loc = page.get("BaseLoc")
        if not loc:
            raise ExtractionError("corrupt", f"the {KIND} is damaged (a page in {doc_path} has no BaseLoc)",
                                  pkg.path)
        out.append(pkg.resolve(base, loc))
    return out


# ------------------------------------------------------------------------------------ XML helpers


def _local(el) -> str:
    # match by local name: the namespace is fixed by the standard, but producers vary in prefixes and
    # a few leave the namespace out altogether
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _children(el, name: str):
    return (c for c in el if _local(c) == name)


def _child(el, name: str):
    if el is None:
        return None
    return next(_children(el, name), None)


def _child_text(el, name: str) -> str:
    c = _child(el, name)
    return (c.text or "").strip() if c is not None else ""


def _numbers(s: str | None) -> list[float]:
    return [float(m) for m in _NUMBER.findall(s or "")]


def _page_height(area, default: float) -> float:
    box = _numbers(_child_text(area, "PhysicalBox")) if area is not None else []
    return box[3] if len(box) == 4 and box[3] > 0 else default


# ------------------------------------------------------------------------------------ text runs


def _deltas(s: str | None) -> list[float]:
    """Expand a DeltaX/DeltaY list: ``g N d`` stands for N copies of d."""
    tokens = (s or "").split()
    out: list[float] = []
    i = 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens):
            n, d = _numbers(tokens[i + 1]), _numbers(tokens[i + 2])
            if n and d:
                out.extend([d[0]] * int(min(max(n[0], 0.0), 100_000)))
            i += 3
            continue
        out.extend(_numbers(tokens[i]))
        i += 1
    return out


def _advance(c: str, size: float) -> float:
    """A character's width when DeltaX does not give it: a full cell for CJK, half for the rest."""
    return size if unicodedata.east_asian_width(c) in "WF" else size / 2


def _runs(content):
    """Every TextCode of a page's content as a run in page coordinates."""
    for obj in content.iter():
        if _local(obj) != "TextObject":
            continue
        box = _numbers(obj.get("Boundary"))
        ox, oy = (box[0], box[1]) if len(box) >= 2 else (0.0, 0.0)
        size = (_numbers(obj.get("Size")) or [3.5])[0]
        ctm = _numbers(obj.get("CTM"))
        ctm = ctm if len(ctm) == 6 else None
        scale = abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]) ** 0.5 if ctm else 1.0
        x = y = 0.0
        for code in _children(obj, "TextCode"):
            text = (code.text or "").replace("\xa0", " ")
            # X/Y may be left out: the run then goes on where the previous one ended
            x = (_numbers(code.get("X")) or [x])[0]
            y = (_numbers(code.get("Y")) or [y])[0]
            if not text.strip():
                continue
            dx = _deltas(code.get("DeltaX"))
            end = x + sum(dx[k] if k < len(dx) else _advance(c, size) for k, c in enumerate(text[:-1]))
            right = end + _advance(text[-1], size)
            x0, y0 = _apply(ctm, x, y)
            x1, _ = _apply(ctm, right, y)
            yield _Run(text, ox + min(x0, x1), ox + max(x0, x1), oy + y0, max(size * scale, 0.5))
            x = right


def _apply(ctm: list[float] | None, x: float, y: float) -> tuple[float, float]:
    if ctm is None:
        return x, y
    a, b, c, d, e, f = ctm
    return a * x + c * y + e, b * x + d * y + f


# ------------------------------------------------------------------------------------ lines


def _lines(runs: list[_Run]) -> list[Line]:
    """Runs grouped into lines by baseline, left to right, lines top to bottom."""
    groups: list[list[_Run]] = []
    for r in sorted(runs, key=lambda r: r.y):
        last = groups[-1] if groups else None
        # same line when the baselines differ by less than half the font size
        if last and abs(r.y - last[0].y) <= 0.5 * max(min(r.size, last[0].size), 1.0):
            last.append(r)
        else:
            groups.append([r])
    return [_line(g) for g in groups]


def _line(group: list[_Run]) -> Line:
    group.sort(key=lambda r: r.x0)
    parts: list[str] = []
    prev: _Run | None = None
    for r in group:
        # a gap of a full character or more was white space on the page (联系人：…    电话：…)
        if prev is not None and r.x0 - prev.x1 >= 0.9 * min(r.size, prev.size):
            parts.append(" ")
        parts.append(r.text)
        prev = r
    size = max(r.size for r in group)
    y = group[0].y
    text = re.sub(r"\s+", " ", "".join(parts)).strip()
    # a box around the baseline one font size high, so continues' tolerances scale as in the PDF backend
    return Line(text, min(r.x0 for r in group), max(r.x1 for r in group), y - 0.85 * size, y + 0.15 * size)


def _build(pages: list[list[Line]], doc: Document) -> None:
    """Write the lines into ``doc.raw_text``, joining paragraphs wrapped at the right margin."""
    b = TextBuilder()
    writer = ParagraphWriter(b)
    for lines in pages:
        lines = [ln for ln in lines if ln.text]
        writer.start_page(lines)
        for ln in lines:
            writer.add(ln)
    doc.raw_text = b.text()
    doc.page_starts = b.page_starts
