"""Word 2007+ (.docx) through python-docx.

- Paragraphs and tables in body order (content controls and text boxes included, the compatibility
  copy of a text box skipped, deleted revisions skipped).
- Automatic numbering (一、 （一） 1. typed by Word, not by the author) is rendered from numbering.xml,
  so headings look as printed.
- Tables: ``gridSpan`` (horizontal) and ``vMerge`` (vertical) merges are expanded; each covered
  position keeps the merge's value and is marked merged. Each line of a cell (paragraph or manual
  line break) is a separate value.
- Page headers and footers are read into ``Document.meta`` (``page_headers`` / ``page_footers``),
  not into the text: they repeat on every page and are not part of the notice.
"""
from __future__ import annotations

import io
from typing import Iterator

from ..core.document import Document
from ..errors import ExtractionError
from .builder import GridCell, TextBuilder, one_line
from .zipcheck import open_zip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def read(data: bytes, doc: Document) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    path = doc.source.path
    z = open_zip(data, path, "Word document")
    if "word/document.xml" not in z.namelist():
        raise ExtractionError("corrupt", "not a Word document: the archive has no word/document.xml", path)
    try:
        wd = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, XMLSyntaxError) as exc:
        raise ExtractionError("corrupt", f"not a readable Word document ({type(exc).__name__}: {exc})", path) from None
    numbering = _Numbering(wd)
    b = TextBuilder()
    for el in _body_items(wd.element.body):
        if el.tag == W + "p":
            label = numbering.label(el)
            lines = _paragraph_lines(el)
            if label and lines:
                lines[0] = label + lines[0]
            for ln in lines:
                b.line(ln)
        elif el.tag == W + "tbl":
            b.table(_grid(el), "docx")
    headers, footers = [], []
    for sec in wd.sections:
        for part, out in ((sec.header, headers), (sec.footer, footers)):
            try:
                t = " ".join(one_line(p.text) for p in part.paragraphs if p.text.strip())
            except (ValueError, KeyError):
                continue
            if t and t not in out:
                out.append(t)
    doc.raw_text = b.text()
    doc.source_tables = b.tables
    if headers:
        doc.meta["page_headers"] = headers
    if footers:
        doc.meta["page_footers"] = footers
    props = wd.core_properties
    if props.title:
        doc.meta.setdefault("file_title", props.title)
    return doc


def _body_items(body) -> Iterator:
    """Paragraphs and tables in order, looking inside content controls."""
    for el in body:
        if el.tag in (W + "p", W + "tbl"):
            yield el
        elif el.tag == W + "sdt":
            content = el.find(W + "sdtContent")
            if content is not None:
                yield from _body_items(content)


def _paragraph_lines(p) -> list[str]:
    """The text of a paragraph split at manual line breaks."""
    lines, cur = [], []

    def walk(el) -> None:
        for ch in el:
            tag = ch.tag
            if tag == MC_FALLBACK or tag in (W + "del", W + "delText", W + "instrText", W + "pPr", W + "rPr"):
                continue
            if tag == W + "t":
                cur.append(ch.text or "")
            elif tag == W + "tab":
                cur.append(" ")
            elif tag in (W + "br", W + "cr"):
                if ch.get(W + "type") == "page":
                    continue
                lines.append("".join(cur))
                cur.clear()
            elif tag == W + "noBreakHyphen":
                cur.append("-")
            elif tag == W + "p":            # a paragraph of a text box inside this one
                lines.append("".join(cur))
                cur.clear()
                walk(ch)
                lines.append("".join(cur))
                cur.clear()
            else:
                walk(ch)

    walk(p)
    lines.append("".join(cur))
    return [ln for ln in lines if ln.strip()]


def _cell_values(tc) -> list[str]:
    out: list[str] = []
    for el in tc.iter(W + "p"):   # nested tables' paragraphs too, in order
        out.extend(one_line(x) for x in _paragraph_lines(el) if one_line(x))
    return out


def _grid(tbl) -> list[list[GridCell]]:
    """Expand a Word table into a grid: gridSpan and vMerge become covered positions with an origin."""
    grid: list[list[GridCell]] = []
    for tr in tbl.iterchildren(W + "tr"):
        row: list[GridCell] = []
        r = len(grid)
        trpr = tr.find(W + "trPr")
        before = trpr.find(W + "gridBefore") if trpr is not None else None
        for _ in range(int(before.get(W + "val", "0")) if before is not None else 0):
            row.append(GridCell())
        for tc in tr.iterchildren(W + "tc"):
            tcpr = tc.find(W + "tcPr")
            span, vmerge = 1, None
            if tcpr is not None:
                gs = tcpr.find(W + "gridSpan")
                if gs is not None:
                    span = max(1, int(gs.get(W + "val", "1")))
                vm = tcpr.find(W + "vMerge")
                if vm is not None:
                    vmerge = vm.get(W + "val", "continue")
            c = len(row)
            if vmerge == "continue" and r > 0 and c < len(grid[r - 1]):
                above = grid[r - 1][c]
                origin = above.origin or (r - 1, c)
                row.append(GridCell(origin=origin))
            else:
                row.append(GridCell(values=_cell_values(tc)))
            for _ in range(span - 1):
                row.append(GridCell(origin=row[c].origin or (r, c)))
        grid.append(row)
    return grid


# ------------------------------------------------------------------------------------ numbering

_CN_DIGITS = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def _roman(n: int) -> str:
    vals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
            (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for v, s in vals:
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _format(fmt: str, n: int) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional",
               "taiwaneseCounting", "taiwaneseCountingThousand", "japaneseCounting"):
        return _chinese(n)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


class _Numbering:
    """Counters for Word's automatic list numbering, rendered as printed (``%1、`` → ``一、``)."""

    def __init__(self, wd) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}   # numId → ilvl → (start, fmt, text)
        self.abstract_of: dict[str, str] = {}
        self.counters: dict[str, list[int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        try:
            root = wd.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            root = None
        if root is not None:
            abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
            for an in root.iterchildren(W + "abstractNum"):
                lv: dict[int, tuple[int, str, str]] = {}
                for lvl in an.iterchildren(W + "lvl"):
                    lv[int(lvl.get(W + "ilvl", "0"))] = self._lvl(lvl)
                abstract[an.get(W + "abstractNumId")] = lv
            for num in root.iterchildren(W + "num"):
                nid = num.get(W + "numId")
                aid_el = num.find(W + "abstractNumId")
                aid = aid_el.get(W + "val") if aid_el is not None else None
                lv = dict(abstract.get(aid, {}))
                for ov in num.iterchildren(W + "lvlOverride"):
                    il = int(ov.get(W + "ilvl", "0"))
                    lvl = ov.find(W + "lvl")
                    if lvl is not None:
                        lv[il] = self._lvl(lvl)
                    so = ov.find(W + "startOverride")
                    if so is not None and il in lv:
                        s, f, t = lv[il]
                        lv[il] = (int(so.get(W + "val", "1")), f, t)
                self.levels[nid] = lv
                self.abstract_of[nid] = aid or nid
        try:
            for st in wd.styles.element.iterchildren(W + "style"):
                ppr = st.find(W + "pPr")
                npr = ppr.find(W + "numPr") if ppr is not None else None
                if npr is not None:
                    nid = npr.find(W + "numId")
                    il = npr.find(W + "ilvl")
                    if nid is not None:
                        self.style_num[st.get(W + "styleId")] = (nid.get(W + "val"),
                                                                 int(il.get(W + "val")) if il is not None else 0)
        except (AttributeError, KeyError, ValueError):
            pass

    @staticmethod
    def _lvl(lvl) -> tuple[int, str, str]:
        start = lvl.find(W + "start")
        fmt = lvl.find(W + "numFmt")
        text = lvl.find(W + "lvlText")
        return (int(start.get(W + "val", "1")) if start is not None else 1,
                fmt.get(W + "val", "decimal") if fmt is not None else "decimal",
                text.get(W + "val", "") if text is not None else "")

    def label(self, p) -> str:
        if not self.levels:
            return ""
        ppr = p.find(W + "pPr")
        if ppr is None:
            return ""
        nid, ilvl = None, 0
        npr = ppr.find(W + "numPr")
        if npr is not None:
            n = npr.find(W + "numId")
            i = npr.find(W + "ilvl")
            nid = n.get(W + "val") if n is not None else None
            ilvl = int(i.get(W + "val", "0")) if i is not None else 0
        if nid is None:
            ps = ppr.find(W + "pStyle")
            if ps is not None and ps.get(W + "val") in self.style_num:
                nid, ilvl = self.style_num[ps.get(W + "val")]
        if nid is None or nid == "0" or nid not in self.levels or ilvl not in self.levels[nid]:
            return ""
        key = self.abstract_of[nid]
        counters = self.counters.setdefault(key, [0] * 9)
        lv = self.levels[nid]
        for k in range(9):
            if k == ilvl:
                counters[k] = counters[k] + 1 if counters[k] else lv[k][0]
            elif k > ilvl:
                counters[k] = 0
        _, fmt, text = lv[ilvl]
        if fmt == "bullet":
            return ""
        out = text
        for k in range(ilvl + 1):
            if f"%{k + 1}" in out:
                f = lv.get(k, (1, "decimal", ""))[1]
                out = out.replace(f"%{k + 1}", _format(f, counters[k] or lv.get(k, (1, "", ""))[0]))
        return out
