"""HTML: a saved web page → the article it carries, through lxml.

- Charset: a BOM, then the page's own declaration (``<meta charset>`` / ``http-equiv``), then strict
  UTF-8, then detection (charset-normalizer, as for TXT).
- Main content: scripts, styles, forms, navigation, headers, footers and asides are dropped; the
  article is the element where the page's non-link text concentrates (a readability-style score:
  text of paragraphs credited to their parent and grandparent, penalised by link density). CMS print
  markers (``<!--startprint-->`` … ``<!--endprint-->``, common on Chinese government sites) narrow
  the search when present. The article's heading (the ``<h1>``–``<h3>`` or ``.title`` element that
  matches ``<title>``) is put first.
- Tables in the article keep rowspan/colspan as merged cells (layout tables are read as blocks).
- ``published_date`` from ``<meta>`` (PubDate, publishdate, article:published_time …) or from an
  on-page 发布时间/发布日期 line near the heading.
"""
from __future__ import annotations

import re

from ..core.document import Document
from ..errors import ExtractionError
from . import txt
from .builder import GridCell, TextBuilder

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_DROP = ("script", "style", "noscript", "iframe", "form", "input", "select", "button", "textarea", "svg", "nav",
         "header", "footer", "aside", "object", "embed", "template", "link", "head", "canvas", "video", "audio",
         "map", "label")
# class/id words of page chrome (menus, share bars, breadcrumbs, related links, footers)
_CHROME_ATTR = re.compile(r"(?:^|[\s_-])(?:nav|navbar|menu|menus|mainnav|submenu|sidemenu|sidebar|side|breadcrumb|crumb|"
                          r"path|location|position|share|bdshare|toolbar|footer|foot|copyright|header|top|topbar|"
                          r"banner|login|search|related|relate|xgwz|xglj|comment|pager|pagination|print|usercontrol|"
                          r"friendlink|links|qrcode|ad|ads|advert)(?:$|[\s_-])", re.I)
_BLOCK = {"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5",
          "h6", "table", "tr", "td", "th", "tbody", "thead", "tfoot", "blockquote", "pre", "center", "address",
          "figure", "figcaption", "body", "caption", "hr"}
_CANDIDATE = {"div", "td", "article", "section", "main", "body", "center", "table", "tbody"}
_TEXT = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_PUB_LABEL = re.compile(r"(?:发布|发表|公开|印发|上传|更新)(?:时间|日期)\s*[:：]?\s*((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*"
                        r"\d{1,2}\s*日?)")
_META_DATE_NAMES = ("pubdate", "publishdate", "publish_date", "published_time", "article:published_time", "dc.date",
                    "dc.date.issued", "firstpublishedtime", "publishtime", "releasedate", "createdate", "date")
# a page's byline: 来源 / 作者 / 发布时间 / 点击数 … on one short line is metadata, not article text
_BYLINE_LABEL = re.compile(r"(?:文章|信息|稿件)?来源|作者|撰稿|编辑|责任编辑|审核|发布(?:时间|日期)|发表时间|更新时间|点击(?:数|量|率)?|"
                           r"浏览(?:次数|量)?|阅读(?:次数|量)?|访问量|字号|字体")
_TITLE_SEP = re.compile(r"\s*(?:--|——|_|\||｜|-|—)\s*")


def decode(data: bytes, path: str, warn) -> tuple[str, str]:
    head = data[:4096]
    if not head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        m = _META_CHARSET.search(head)
        if m:
            enc = txt.widen(m.group(1).decode("ascii", "ignore"))
            try:
                return data.decode(enc), enc
            except LookupError:
                pass
            except UnicodeDecodeError:
                warn(f"charset: the page declares {enc} but is not; the encoding was detected instead")
    return txt.decode(data, path, warn=warn)


def read(data: bytes, doc: Document) -> Document:
    import lxml.html
    from lxml import etree

    path = doc.source.path
    text, enc = decode(data, path, doc.warn)
    doc.source.encoding = enc
    text = text.lstrip("\ufeff")
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)     # lxml refuses str input with an encoding declaration
    if not text.strip():
        raise ExtractionError("empty", "the page is empty", path)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractionError("corrupt", f"not a readable HTML page ({exc})", path) from None

    meta = _meta(root)
    page_title = meta.pop("page_title", "")
    scope = _print_area(root)
    _strip(root)
    body = root.find("body")
    if body is None:
        body = root
    if scope is None:
        scope = body
    heading = _heading(scope, page_title)
    if heading is None:
        heading = _heading(body, page_title)
    content = _main(scope)
    if heading is not None and content is not None and not _contains(content, heading):
        merged = _common_ancestor(heading, content)
        if merged is not None and _extra_text(merged, content) <= 400 + len(_text_of(heading)):
            content = merged
    b = TextBuilder()
    title_text = _clean_inline(_text_of(heading)) if heading is not None else ""
    if title_text and (content is None or not _contains(content, heading)):
        b.line(title_text)
    elif not title_text and page_title:
        t = _title_from_page_title(page_title)
        if t:
            b.line(t)
    if content is not None:
        _render(content, b, title_text if title_text and not _contains(content, heading) else "")
    if title_text:
        doc.meta["heading"] = title_text
    doc.raw_text = b.text()
    doc.source_tables = b.tables
    if "published_date" not in meta:
        for where in (_common_ancestor(heading, content) if heading is not None and content is not None else None,
                      body):
            if where is None:
                continue
            m = _PUB_LABEL.search(_text_of(where))
            if m:
                meta["published_date"] = m.group(1)
                break
    for k, v in meta.items():
        doc.meta.setdefault(k, v)
    if page_title:
        doc.meta.setdefault("page_title", page_title)
    body_chars = len(_TEXT.findall(doc.raw_text))
    if body_chars < 20:
        doc.warn("little_text: the page holds almost no article text (the content may be an image or a download)")
    if not doc.raw_text.strip():
        raise ExtractionError("no_text", "the page holds no article text", path)
    return doc


# ------------------------------------------------------------------------------------ metadata


def _meta(root) -> dict[str, str]:
    out: dict[str, str] = {}
    t = root.find(".//title")
    if t is not None and t.text_content().strip():
        out["page_title"] = re.sub(r"\s+", " ", t.text_content()).strip()
    for m in root.iter("meta"):
        name = (m.get("name") or m.get("property") or m.get("itemprop") or "").strip().lower()
        content = (m.get("content") or "").strip()
        if not name or not content:
            continue
        if name in _META_DATE_NAMES and "published_date" not in out and re.search(r"(?:19|20)\d{2}", content):
            out["published_date"] = content
        elif name in ("articletitle", "og:title") and "article_title" not in out:
            out["article_title"] = content
        elif name in ("contentsource", "source") and "source" not in out:
            out["source"] = content
    return out


def _title_from_page_title(t: str) -> str:
    parts = [p for p in _TITLE_SEP.split(t) if p]
    return max(parts, key=len) if parts else t


# ------------------------------------------------------------------------------------ cleaning


def _strip(root) -> None:
    drop = []
    for el in root.iter():
        if not isinstance(el.tag, str):          # comments, processing instructions
            drop.append(el)
            continue
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _DROP:
            drop.append(el)
            continue
        style = (el.get("style") or "").replace(" ", "").lower()
        if "display:none" in style or "visibility:hidden" in style or el.get("hidden") is not None:
            drop.append(el)
            continue
        attrs = " ".join(filter(None, (el.get("class"), el.get("id"))))
        if attrs and tag not in ("body", "html") and _CHROME_ATTR.search(attrs) and _link_density(el) > 0.3:
            drop.append(el)
    for el in drop:
        if el.getparent() is not None:
            _remove_keep_tail(el)


def _remove_keep_tail(el) -> None:
    parent = el.getparent()
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _print_area(root):
    """The part of the page between CMS print markers (comments ``startprint`` … ``endprint``, common
    on Chinese government sites), when both sit under one parent; a copy, so the page stays whole."""
    import copy

    from lxml import etree

    start = end = None
    for c in root.iter(etree.Comment):
        t = (c.text or "").strip().lower()
        if t == "startprint" and start is None:
            start = c
        elif t == "endprint" and start is not None and c.getparent() is start.getparent():
            end = c
            break
    if start is None or end is None:
        return None
    box = etree.Element("div")
    node = start.getnext()
    while node is not None and node is not end:
        box.append(copy.deepcopy(node))
        node = node.getnext()
    box.text = start.tail
    _strip(box)
    return box if len(_TEXT.findall(box.text_content())) >= 4 else None


def _text_of(el) -> str:
    return el.text_content() if el is not None else ""


def _clean_inline(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\xa0", " ")).strip()


def _link_density(el) -> float:
    total = len(_TEXT.findall(el.text_content()))
    if not total:
        return 0.0
    links = sum(len(_TEXT.findall(a.text_content())) for a in el.iter("a"))
    return links / total


def _contains(outer, inner) -> bool:
    while inner is not None:
        if inner is outer:
            return True
        inner = inner.getparent()
    return False


def _common_ancestor(a, b):
    seen = set()
    x = a
    while x is not None:
        seen.add(id(x))
        x = x.getparent()
    y = b
    while y is not None:
        if id(y) in seen:
            return y
        y = y.getparent()
    return None


def _extra_text(outer, inner) -> int:
    return len(_TEXT.findall(outer.text_content())) - len(_TEXT.findall(inner.text_content()))


def _heading(scope, page_title: str):
    """The article heading: an h1–h3 or title-classed element whose text matches <title>."""
    best, best_score = None, 0.0
    pt = re.sub(r"\s+", "", page_title)
    for el in scope.iter("h1", "h2", "h3", "h4", "div", "p", "td", "span", "strong"):
        t = re.sub(r"\s+", "", el.text_content())
        if not (4 <= len(t) <= 120):
            continue
        cls = " ".join(filter(None, (el.get("class"), el.get("id")))).lower()
        is_head = el.tag in ("h1", "h2", "h3", "h4") or "title" in cls or "biaoti" in cls
        if not is_head:
            continue
        if el.find(".//a") is not None and _link_density(el) > 0.5:
            continue
        score = 1.0
        if pt:
            if t in pt:
                score += 2.0 + len(t) / max(len(pt), 1)
            elif pt in t:
                score += 1.5
        if el.tag in ("h1", "h2"):
            score += 0.5
        if score > best_score:
            best, best_score = el, score
    return best if best is not None and (best_score >= 3.0 or not pt) else None


def _main(scope):
    """The element holding the article: where paragraph text concentrates, few links."""
    scores: dict[int, float] = {}
    elems: dict[int, object] = {}
    for el in scope.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "table":
            # a data table is article text even though each cell is short (a list of names and classes)
            n = len(_TEXT.findall(el.text_content())) if _is_data_table(el) else 0
        else:
            own = (el.text or "")
            own += "".join(ch.tail or "" for ch in el if isinstance(ch.tag, str) and ch.tag not in _BLOCK)
            own += "".join(ch.text_content() for ch in el if isinstance(ch.tag, str) and ch.tag not in _BLOCK
                           and ch.tag != "a")
            n = len(_TEXT.findall(own))
        if n < 10 or el.tag == "a" or n < 200 and _is_byline(el):
            continue        # the byline (来源：… 作者：… 发布时间：…) is page metadata, never the article
        # credit this block's text to its containers: parent fully, grandparent half, then a third
        p, k = el, 0
        while p is not None and k < 3:
            if p.tag in _CANDIDATE or k == 0 and p.tag in ("p", "div", "td"):
                scores[id(p)] = scores.get(id(p), 0.0) + n / (1 + k * 0.5 if k < 2 else 3)
                elems[id(p)] = p
            p = p.getparent()
            k += 1
    if not scores:
        return scope
    best, best_score = None, -1.0
    for key, s in scores.items():
        el = elems[key]
        if el.tag not in _CANDIDATE and el.tag not in ("p",):
            continue
        s *= 1 - min(_link_density(el), 0.9)
        if s > best_score:
            best, best_score = el, s
    if best is None:
        return scope
    # a lone paragraph wins only when nothing else does: take its block container
    while best.tag == "p" and best.getparent() is not None:
        best = best.getparent()
    return best


# ------------------------------------------------------------------------------------ rendering


def _render(el, b: TextBuilder, heading: str = "") -> None:
    cur: list[str] = []

    emitted: list[str] = [re.sub(r"\s+", "", heading)] if heading else []

    def flush() -> None:
        t = "".join(cur)
        cur.clear()
        for ln in t.split("\n"):
            ln = ln.replace("\xa0", " ").strip(" \t\r\u3000")
            if _TEXT.search(ln) or re.search(r"\S", ln) and len(ln.strip()) > 1:
                key = re.sub(r"\s+", "", ln)
                # the article repeating its heading as its first paragraph
                if emitted and len(emitted) <= 3 and key == emitted[-1]:
                    continue
                emitted.append(key)
                b.line(ln)

    def walk(node) -> None:
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if tag in _BLOCK and _is_byline(node):
            flush()
            return
        if tag == "br":
            cur.append("\n")
        elif tag == "table" and _is_data_table(node):
            flush()
            b.table(_grid(node), "html")
        elif tag == "img":
            alt = (node.get("alt") or "").strip()
            if alt and _TEXT.search(alt) and len(alt) > 6 and not re.search(r"\.(?:jpe?g|png|gif|bmp)$", alt, re.I):
                cur.append(alt)
        else:
            block = tag in _BLOCK
            if block:
                flush()
            if node.text:
                cur.append(re.sub(r"[\r\n\t ]+", " ", node.text))
            for ch in node:
                walk(ch)
                if ch.tail:
                    cur.append(re.sub(r"[\r\n\t ]+", " ", ch.tail))
            if block:
                flush()

    walk(el)
    flush()


def _is_byline(el) -> bool:
    """A short block of page metadata labels (来源：… 作者：… 发布时间：…) and nothing else."""
    t = _clean_inline(el.text_content())
    if not (0 < len(t) <= 160 and len(set(m.group(0) for m in _BYLINE_LABEL.finditer(t))) >= 2
            and re.search(r"[:：]", t)):
        return False
    # a block holding other blocks with their own text (a heading, a paragraph) is not a byline
    for d in el.iterdescendants():
        if isinstance(d.tag, str) and d.tag in _BLOCK and len(_TEXT.findall(d.text_content())) >= 4 \
                and len(set(m.group(0) for m in _BYLINE_LABEL.finditer(d.text_content()))) < 1:
            return False
    return True


def _is_data_table(t) -> bool:
    rows = _rows(t)
    if len(rows) < 2:
        return False
    if t.find(".//table") is not None:
        return False
    widths = [sum(_span(c, "colspan") for c in r) for r in rows]
    if max(widths) < 2:
        return False
    cells = [c for r in rows for c in r]
    long = sum(1 for c in cells if len(_TEXT.findall(c.text_content())) > 150)
    return long <= max(1, len(cells) // 10)


def _rows(t) -> list[list]:
    out = []
    for tr in t.iter("tr"):
        # rows of this table only (not of a nested one)
        anc = tr.getparent()
        while anc is not None and anc.tag != "table":
            anc = anc.getparent()
        if anc is not t:
            continue
        out.append([c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")])
    return [r for r in out if r]


def _span(cell, attr: str) -> int:
    try:
        return max(1, min(int(re.sub(r"\D", "", cell.get(attr) or "1") or 1), 100))
    except ValueError:
        return 1


def _cell_lines(cell) -> list[str]:
    parts: list[str] = []

    def walk(n) -> None:
        tag = n.tag.lower() if isinstance(n.tag, str) else ""
        if tag == "br" or tag in _BLOCK:
            parts.append("\n")
        if n.text and tag not in ("script", "style"):
            parts.append(n.text)
        for ch in n:
            walk(ch)
            if ch.tail:
                parts.append(ch.tail)
        if tag in _BLOCK:
            parts.append("\n")

    walk(cell)
    return [x for x in (_clean_inline(s) for s in "".join(parts).split("\n")) if x]


def _grid(t) -> list[list[GridCell]]:
    """Expand rowspan/colspan into a grid of positions; covered positions point at their origin."""
    grid: list[list[GridCell | None]] = []
    rows = _rows(t)
    for r, row in enumerate(rows):
        while len(grid) <= r:
            grid.append([])
        c = 0
        for cell in row:
            while c < len(grid[r]) and grid[r][c] is not None:
                c += 1
            rs, cs = _span(cell, "rowspan"), _span(cell, "colspan")
            for dr in range(rs):
                while len(grid) <= r + dr:
                    grid.append([])
                line = grid[r + dr]
                while len(line) < c + cs:
                    line.append(None)
                for dc in range(cs):
                    line[c + dc] = GridCell(values=_cell_lines(cell)) if dr == dc == 0 else GridCell(origin=(r, c))
            c += cs
    return [[x if x is not None else GridCell() for x in row] for row in grid[:len(rows)] if row]
