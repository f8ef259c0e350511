"""Cleaning: raw text → the record's ``text``, one kept line per ``Block``.

Cleaning only *selects* characters of the raw text (and joins the kept lines with ``\\n``): it never
rewrites them, so every offset in the record points at characters that are really in the source.
Repairs such as 號→号 or a broken 〔 bracket happen in normalized values, not here.

What is removed, each by a rule that names a kind of junk rather than a sample:
- markup left in text (``<P><FONT>`` from Flash/HTML exports);
- web chrome: breadcrumbs, share bars, font/print controls, copyright/ICP footers, download-site
  banners and their numbered tips, file-name lines, lone symbols;
- a page-metadata block (索引号/发文字号/发布日期 …), whose values move to ``Document.meta``;
- a second copy of the notice on the same page (runs of repeated lines);
- unrelated snippets after the notice (a run of truncated lines at the end).
Long one-line OCR text is re-flowed: a line break is inserted before each numbered heading that runs
on after a sentence end, so the structure stage sees headings at line starts.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ..core.document import Block, Document
from ..text.normalize import cn_to_int, display_width

# ---------------------------------------------------------------------------------------------
# Lines with a raw-offset map


@dataclass(slots=True)
class Line:
    text: str
    # (offset in line, raw start, length) for each contiguous run of raw characters
    pieces: list[tuple[int, int, int]] = field(default_factory=list)

    def slice(self, a: int, b: int) -> "Line":
        out = []
        for off, raw, n in self.pieces:
            s, e = max(a, off), min(b, off + n)
            if s < e:
                out.append((s - a, raw + (s - off), e - s))
        return Line(self.text[a:b], out)

    def strip(self) -> tuple["Line", int]:
        """Strip white space; return the line and its indent (leading white-space width)."""
        t = self.text
        lead = len(t) - len(t.lstrip())
        end = len(t.rstrip())
        if end <= lead:
            return Line("", []), 0
        indent = sum(4 if c == "\t" else 1 for c in t[:lead])
        return self.slice(lead, end), indent


_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*?(/?)\s*>")
_BLOCK_TAGS = {"p", "br", "div", "tr", "li", "textformat", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol"}
_ENTITY = re.compile(r"&(?:nbsp|ensp|emsp|#160|#12288);", re.I)


def _has_markup(raw: str) -> bool:
    return len(_TAG.findall(raw[:20000])) >= 3


def _split_lines(raw: str) -> list[Line]:
    """Split raw text into lines; with markup, drop the tags and break at block-level tags."""
    lines: list[Line] = []
    if not _has_markup(raw):
        pos = 0
        for part in re.split(r"(\r\n|\r|\n)", raw):
            if part in ("\r\n", "\r", "\n"):
                pos += len(part)
                continue
            lines.append(Line(part, [(0, pos, len(part))] if part else []))
            pos += len(part)
        return lines
    cur = Line("", [])

    def add_text(s: int, e: int) -> None:
        nonlocal cur
        # entities become nothing; newlines inside the text still break lines
        for m in re.finditer(r"[^\r\n]+|\r\n|\r|\n", raw[s:e]):
            seg_s, seg_e = s + m.start(), s + m.end()
            if m.group() in ("\r\n", "\r", "\n"):
                lines.append(cur)
                cur = Line("", [])
                continue
            last = seg_s
            for em in _ENTITY.finditer(raw, seg_s, seg_e):
                if em.start() > last:
                    cur.pieces.append((len(cur.text), last, em.start() - last))
                    cur.text += raw[last:em.start()]
                last = em.end()
            if seg_e > last:
                cur.pieces.append((len(cur.text), last, seg_e - last))
                cur.text += raw[last:seg_e]

    pos = 0
    for m in _TAG.finditer(raw):
        add_text(pos, m.start())
        if m.group(2).lower() in _BLOCK_TAGS:
            lines.append(cur)
            cur = Line("", [])
        pos = m.end()
    add_text(pos, len(raw))
    lines.append(cur)
    return lines


# ---------------------------------------------------------------------------------------------
# Chrome rules

_CHROME_PATTERNS = [
    r"(当前位置|您的位置|您现在的位置|所在位置|当前所在位置)\s*[:：>].*",
    r"首页\s*[>＞»/].*",
    r"【?\s*字体\s*[:：].*", r".*字体大小\s*[:：].*", r"【\s*(打印正文|打印本页|关闭窗口|打印|关闭|收藏)\s*】.*",
    r"分享(本文)?(至|到)?\s*[:：]?.*", r"(打印本页|关闭窗口|返回顶部|返回首页|打印|关闭|收藏本页|加入收藏|\[?\s*[大中小]\s*\]?)",
    r".*(版权所有|Copyright|©|ICP备|ICP证|公网安备|网站标识码|网站地图|维护电话|政府热线|建议使用.*浏览器|最佳分辨率).*",
    r"地址\s*[/／]?\s*(AD)?\s*[:：].*",
    r"(资源ID|资源大小|全文页数|资源格式|下载积分|快捷下载|会员登录下载|微信登录下载|三方登录下载|微信扫一扫登录|友情提示|文件下载|关联文件|相关解读|相关链接|相关文件|附件下载|扫一扫在手机打开当前页|上一篇|下一篇|阅读次数|浏览次数|点击数)\s*[:：]?.*",
    r"-?\s*资源格式.*", r".*本站.*(下载|资源|浏览器|不支持|文档).*",
    r"!\[[^\]]*\]\([^)]*\)", r"https?://\S+", r"www\.\S+",
    r"[^\w\u4e00-\u9fff]{1,6}",                    # lone symbols: ×, |, -, •, ], …
    r"[•·]\s*(字体大小|\])?.*",
]
_CHROME = re.compile("|".join(f"(?:{p})" for p in _CHROME_PATTERNS), re.I)
_SHARE_WORDS = {"分享", "微信", "微博", "空间", "qq", "QQ", "头条", "朋友圈", "腾讯微博", "新浪微博", "人人网", "豆瓣", "QQ空间"}
_FILE_NAME = re.compile(r"\S{2,120}\.(docx?|pdf|wps|xlsx?|pptx?|ofd|rar|zip)", re.I)
_TIP = re.compile(r"\d{1,2}\s*[、.．]")

_META_LABEL = re.compile(
    r"(索\s*引\s*号|主\s*题\s*分\s*类|发\s*文\s*单\s*位|发\s*文\s*机\s*关|成\s*文\s*日\s*期|标\s*题|发\s*文\s*字\s*号|文\s*号"
    r"|发\s*布\s*日\s*期|发\s*布\s*时\s*间|效\s*力\s*状\s*态|主\s*题\s*词|公\s*开\s*方\s*式|来\s*源|信息来源|生成日期|实施日期|废止日期)\s*[:：]\s*(.*)")
_DATE_LINE = re.compile(r"((?:19|20)\d{2})[-/.年]\s*(\d{1,2})[-/.月]\s*(\d{1,2})日?(\s+\d{1,2}:\d{2}(:\d{2})?)?")


def _is_chrome(t: str) -> bool:
    # chrome lines are short; a long line is a paragraph even if it mentions 版权所有 or 本站
    if len(t) > 100:
        return False
    if _CHROME.fullmatch(t):
        return True
    words = t.replace("【", " ").replace("】", " ").split()
    if words and all(w in _SHARE_WORDS for w in words):
        return True
    # a file name alone is a download site's banner, except where the article lists its attachments
    # (附：x.pdf) or shows an uploaded file (a numeric name: 202401101517193664.pptx)
    return bool(_FILE_NAME.fullmatch(t)) and not t.startswith("附") and not re.match(r"\d{8,}\.", t)


def _meta_key(label: str) -> str:
    label = re.sub(r"\s", "", label)
    return {"索引号": "index_number", "主题分类": "subject", "发文单位": "issuer", "发文机关": "issuer",
            "成文日期": "signed_date", "标题": "title", "发文字号": "doc_number", "文号": "doc_number",
            "发布日期": "published_date", "发布时间": "published_date", "效力状态": "status",
            "主题词": "keywords", "公开方式": "disclosure", "来源": "source", "信息来源": "source",
            "生成日期": "created_date", "实施日期": "effective_date", "废止日期": "repealed_date"}.get(label, label)


# ---------------------------------------------------------------------------------------------
# Re-flow of run-on text

_CN_NUM = "一二三四五六七八九十"
_MARKER = re.compile(
    r"(?P<chapter>第[一二三四五六七八九十百零〇\d]+章)|(?P<article>第[一二三四五六七八九十百零〇\d]+条)"
    r"|(?P<cn>[一二三四五六七八九十]{1,3}、)|(?P<cn_paren>[（(][一二三四五六七八九十]{1,3}[）)])"
    r"|(?P<arabic>[0-9０-９]{1,2}[.．、](?![0-9０-９]))|(?P<arabic_paren>[（(][0-9０-９]{1,2}[）)])")
_RANK = {"chapter": 0, "article": 1, "cn": 2, "cn_paren": 3, "arabic": 4, "arabic_paren": 5}


def marker_number(kind: str, marker: str) -> int | None:
    core = re.sub(r"[第章条、.．（）()]", "", marker)
    return cn_to_int(core)


_SENT_END = "。；;！？!?）)」”"


def _reflow_points(t: str) -> list[int]:
    """Offsets in a long line where a numbered heading starts after a sentence end."""
    points: list[int] = []
    last: dict[str, int] = {}
    for m in _MARKER.finditer(t):
        i = m.start()
        if i == 0 or t[i - 1] not in _SENT_END and not t[i - 1].isspace():
            continue
        kind = m.lastgroup
        n = marker_number(kind, m.group())
        if n is None:
            continue
        prev = last.get(kind, 0)
        if n == prev + 1 or (n == 1 and prev != 0):
            points.append(i)
            last[kind] = n
            for k, r in _RANK.items():
                if r > _RANK[kind]:
                    last[k] = 0
    # a signature+date run-in after the body ("…。省某某局2021年8月16日") and 附件 lists
    for m in re.finditer(r"[。；](?=附件[:：\d])", t):
        points.append(m.end())
    return sorted(set(points))


# ---------------------------------------------------------------------------------------------
# Tail junk: a run of truncated snippets after the notice

_ENDS_CLEANLY = re.compile(r".*[。！？!?；;：:”」』）)\]】]\s*$")
_TAIL_KEEP = re.compile(
    r"(附件|抄送|联系人|联系电话|电话|主送|印发|（此件|\(此件|此件).*|.*(年|月)\s*\d{1,2}\s*日\s*$|[\d\s]{8}|.*[局厅部委办室府院校会组司处站心]\s*$")


# a line listing names (陈丹燕 陈锋 陈美琴 …): article content, however it ends
_NAME_LIST = re.compile(r"(?:[\u4e00-\u9fff]{2,4}[\s\u3000、，,]+)+[\u4e00-\u9fff]{2,4}\s*")


def _is_snippet(t: str) -> bool:
    if len(t) < 20 or _TAIL_KEEP.fullmatch(t) or _MARKER.match(t) or _NAME_LIST.fullmatch(t):
        return False
    if t.count("\t") >= 2:
        return False        # a row of tab-separated cells (an attached list printed as a table) is content
    return t.endswith(("..", "…")) or not _ENDS_CLEANLY.fullmatch(t)


# ---------------------------------------------------------------------------------------------


def clean(doc: Document) -> Document:
    lines = [ln.strip() for ln in _split_lines(doc.raw_text)]
    # rows of a table the backend read from the file's structure are content, whatever they look like
    table_ranges = sorted((t.start, t.end) for t in doc.source_tables)

    def protected(line: Line) -> bool:
        if not table_ranges or not line.pieces:
            return False
        r = line.pieces[0][1]
        i = bisect_right(table_ranges, (r, float("inf"))) - 1
        return i >= 0 and table_ranges[i][0] <= r < table_ranges[i][1]

    kept: list[tuple[Line, int]] = []
    meta: dict[str, str] = {}
    dropped = {"chrome": 0, "metadata": 0, "duplicate": 0, "tail": 0}

    i, n = 0, len(lines)
    in_tips = False
    while i < n:
        line, indent = lines[i]
        t = line.text
        if not t:
            i += 1
            continue
        if in_tips and _TIP.match(t):
            dropped["chrome"] += 1
            i += 1
            continue
        in_tips = False
        if protected(line):
            kept.append((line, indent))
            i += 1
            continue
        mm = _META_LABEL.fullmatch(t)
        if mm and (len(t) < 80 or mm.group(1).replace(" ", "") in ("标题", "来源")):
            key, value = _meta_key(mm.group(1)), mm.group(2).strip()
            j = i + 1
            if not value:
                # the value may stand on the next non-empty line, unless that line is a label too
                while j < n and not lines[j][0].text:
                    j += 1
                if j < n and not _META_LABEL.fullmatch(lines[j][0].text) and len(lines[j][0].text) < 120 \
                        and not _is_chrome(lines[j][0].text):
                    value = lines[j][0].text.strip()
                    j += 1
                else:
                    j = i + 1
            if value:
                # "来源: X | 发布日期: Y" on one line
                for part in re.split(r"\s*[|｜]\s*", value):
                    sub = _META_LABEL.fullmatch(part)
                    if sub:
                        meta.setdefault(_meta_key(sub.group(1)), sub.group(2).strip())
                    elif part:
                        meta.setdefault(key, part)
            dropped["metadata"] += j - i
            i = j
            continue
        dm = _DATE_LINE.match(t)
        if dm and dm.group(4) and ("来源" in t or len(t) <= 40):
            # a page dateline: "2022-06-09 16:45   来源:…"
            meta.setdefault("published_date", dm.group(0))
            src = re.search(r"来源\s*[:：]\s*(\S.*)", t)
            if src:
                meta.setdefault("source", src.group(1).strip())
            dropped["metadata"] += 1
            i += 1
            continue
        if _is_chrome(t):
            if t.startswith("友情提示"):
                in_tips = True
            dropped["chrome"] += 1
            i += 1
            continue
        kept.append((line, indent))
        i += 1

    kept = _drop_duplicates(kept, dropped, protected)
    kept = _drop_tail(kept, dropped, protected)
    kept = _unwrap(kept, protected)
    kept = _reflow(kept, protected)

    # build text and blocks
    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for line, indent in kept:
        start = pos
        parts.append(line.text)
        pos += len(line.text)
        raw_s = line.pieces[0][1] if line.pieces else 0
        raw_e = line.pieces[-1][1] + line.pieces[-1][2] if line.pieces else 0
        page = bisect_right(doc.page_starts, raw_s) or 1 if doc.page_starts else None
        blocks.append(Block(start, pos, raw_s, raw_e, indent, page))
        parts.append("\n")
        pos += 1
    doc.text = "".join(parts[:-1]) if parts else ""
    doc.blocks = blocks
    doc.meta.update({k: v for k, v in meta.items() if k not in doc.meta})
    doc.meta["dropped_lines"] = dropped
    if dropped["duplicate"]:
        doc.warn(f"removed a repeated copy of the text ({dropped['duplicate']} lines)")
    if dropped["tail"]:
        doc.warn(f"removed {dropped['tail']} trailing lines unrelated to the notice")
    if not doc.text.strip():
        doc.warn("no text left after cleaning")
    return doc


def _key(t: str) -> str:
    return re.sub(r"\s+", "", t)


def _drop_duplicates(kept: list[tuple[Line, int]], dropped: dict, protected=lambda line: False
                     ) -> list[tuple[Line, int]]:
    """Remove later copies of runs of lines (a notice printed twice on one page).

    A run counts when it holds at least 3 lines and 60 characters: single repeated lines (a heading
    reused in an attached plan, a table value) are normal and stay.
    """
    # a protected line (a table row) never counts as a copy: the key makes it unique
    keys = [f"\0{n}" if protected(l) else _key(l.text) for n, (l, _) in enumerate(kept)]
    first: dict[str, list[int]] = {}
    drop = [False] * len(kept)
    j = 0
    while j < len(kept):
        best = 0
        for i in first.get(keys[j], [])[:20]:
            k = 0
            while j + k < len(kept) and i + k < j and keys[i + k] == keys[j + k]:
                k += 1
            best = max(best, k)
        if best >= 3 and sum(len(keys[j + x]) for x in range(best)) >= 60:
            for x in range(best):
                drop[j + x] = True
            dropped["duplicate"] += best
            j += best
            continue
        first.setdefault(keys[j], []).append(j)
        j += 1
    return [kl for kl, d in zip(kept, drop) if not d]


def _drop_tail(kept: list[tuple[Line, int]], dropped: dict, protected=lambda line: False
               ) -> list[tuple[Line, int]]:
    """Drop a trailing run (≥3 lines) of truncated snippets, then stray short fragments at the end."""
    k = len(kept)
    while k > 0 and _is_snippet(kept[k - 1][0].text) and not protected(kept[k - 1][0]):
        k -= 1
    if len(kept) - k >= 3:
        dropped["tail"] += len(kept) - k
        kept = kept[:k]
    # a stray fragment left by the page layout (a bare 发文字号 prefix between two copies): short, no
    # sentence, not a date or a signature
    # sentence, not a date or a signature. Only one or two: a run of short lines is a list (of names,
    # of items), which is content
    def stray(t: str) -> bool:
        return len(t) <= 6 and not re.search(r"\d|[局厅部委办室府院校会组司处]$", t) and not _ENDS_CLEANLY.fullmatch(t)

    for _ in range(2):
        if not kept or protected(kept[-1][0]) or not stray(kept[-1][0].text):
            break
        if len(kept) >= 3 and stray(kept[-2][0].text) and stray(kept[-3][0].text):
            break
        kept.pop()
        dropped["chrome"] += 1
    return kept


_NO_JOIN = re.compile(r"[（(]?[一二三四五六七八九十0-9０-９]{1,3}[、.．）)]|附\s*件|抄送|联系人|—\s*\d+\s*—|第[一二三四五六七八九十]+[章条]")


def _unwrap(kept: list[tuple[Line, int]], protected=lambda line: False) -> list[tuple[Line, int]]:
    """Join the lines of a hard-wrapped text (a PDF copied as text: every line of a paragraph cut at one
    width, names broken across the cut — 各县（市、区）教 / 育局): only where the text is indented by paragraph
    (a paragraph's first line indented, its continuation lines not) and a line fills the wrap width, measured
    in display columns (a CJK character two, a digit one), as the wrap was made."""
    widths = [display_width(line.text) + indent for line, indent in kept]
    lens = sorted(w for w in widths if w >= 32)
    if len(lens) < 8:
        return kept
    width = lens[int(len(lens) * 0.8)]

    def fills(i: int) -> bool:
        return width - 6 <= widths[i] <= width + 2

    full = sum(1 for i in range(len(kept)) if fills(i))
    continued = sum(1 for i in range(len(kept) - 1) if fills(i) and kept[i + 1][1] == 0 and kept[i][1] > 0)
    if width < 40 or full < 6 or continued < 3:
        return kept
    out: list[tuple[Line, int]] = []
    joinable = False      # the line before is a paragraph's (first or continued) full line
    for i, (line, indent) in enumerate(kept):
        if out and joinable and indent == 0 and not protected(line) and not _NO_JOIN.match(line.text) \
                and not _DATE_LINE.match(line.text):
            prev, pin = out[-1]
            shift = len(prev.text)
            out[-1] = (Line(prev.text + line.text, prev.pieces + [(o + shift, r, n) for o, r, n in line.pieces]), pin)
            joinable = fills(i)
            continue
        out.append((line, indent))
        joinable = indent > 0 and fills(i) and not protected(line)
    return out


def _reflow(kept: list[tuple[Line, int]], protected=lambda line: False) -> list[tuple[Line, int]]:
    out: list[tuple[Line, int]] = []
    for line, indent in kept:
        if len(line.text) < 120 or protected(line):
            out.append((line, indent))
            continue
        points = _reflow_points(line.text)
        prev = 0
        for p in points + [len(line.text)]:
            if p > prev:
                seg, _ = line.slice(prev, p).strip()
                if seg.text:
                    out.append((seg, indent if prev == 0 else 0))
            prev = p
    return out
