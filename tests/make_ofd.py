"""Build small but realistic OFD (GB/T 33190) files for tests and the sample in ``corpus/formats/ofd``.

An OFD is a ZIP: ``OFD.xml`` names the document root (``Doc_0/Document.xml``), which lists the pages
(``Pages/Page_N/Content.xml``) and template pages. Text sits in ``ofd:TextObject`` elements whose
``Boundary`` origin plus the ``ofd:TextCode`` X/Y give the baseline of the first character, in
millimetres, y growing downwards. ``layout`` sets a notice the way 公文 are printed (A4, 28 characters
of 三号 a line, body paragraphs indented two characters and wrapped at the right margin, the page
number ``— N —`` at the foot of each page), and ``build_ofd`` writes it.

Run ``python tests/make_ofd.py`` to (re)write ``corpus/formats/ofd/sample-notice.ofd``.
"""
from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

NS = "http://www.ofdspec.org/2016"
PAGE_W, PAGE_H = 210.0, 297.0
LEFT, RIGHT = 27.0, 183.8          # 156.8 mm: 28 characters of 5.6 mm
BODY, TITLE = 5.6, 7.7             # 三号 and 二号 in mm
TOP, BOTTOM = 37.0, 255.0          # first baseline, last baseline before the page number
LEADING = 1.7                      # line pitch as a multiple of the font size


@dataclass(slots=True)
class Text:
    """One printed line: ``text`` whose first character's baseline starts at (x, y), in mm."""

    text: str
    x: float
    y: float
    size: float


def width(text: str, size: float) -> float:
    """Advance of a string: CJK and full-width characters take a full cell, others half of one."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size / 2 for c in text)


def _wrap(text: str, size: float, first: float, rest: float) -> list[str]:
    """Break ``text`` into lines no wider than ``first`` (the first line) and ``rest`` (the others)."""
    lines, cur, avail = [], "", first
    for c in text:
        if cur and width(cur + c, size) > avail + 0.01:
            lines.append(cur)
            cur, avail = "", rest
        cur += c
    if cur:
        lines.append(cur)
    return lines


def layout(blocks: list[tuple[str, str]]) -> list[list[Text]]:
    """Pages of lines for a notice given as (kind, text) blocks, in order.

    kinds: ``title`` (centred, 二号), ``plain`` (at the left margin), ``body`` (indented two characters,
    wrapped at the right margin), ``right`` (flush right: signature and date), ``break`` (new page).
    Each page gets its number ``— N —`` centred at the foot.
    """
    pages: list[list[Text]] = [[]]
    y = TOP

    def new_page() -> None:
        nonlocal y
        pages.append([])
        y = TOP

    def put(text: str, x: float, size: float) -> None:
        nonlocal y
        if y > BOTTOM:
            new_page()
        pages[-1].append(Text(text, x, y, size))
        y += size * LEADING

    for kind, text in blocks:
        if kind == "break":
            new_page()
        elif kind == "title":
            for ln in _wrap(text, TITLE, RIGHT - LEFT, RIGHT - LEFT):
                put(ln, (PAGE_W - width(ln, TITLE)) / 2, TITLE)
            y += BODY
        elif kind == "plain":
            for ln in _wrap(text, BODY, RIGHT - LEFT, RIGHT - LEFT):
                put(ln, LEFT, BODY)
        elif kind == "body":
            for i, ln in enumerate(_wrap(text, BODY, RIGHT - LEFT - 2 * BODY, RIGHT - LEFT)):
                put(ln, LEFT + (2 * BODY if i == 0 else 0.0), BODY)
        elif kind == "right":
            put(text, RIGHT - 2 * BODY - width(text, BODY), BODY)
        else:
            raise ValueError(f"unknown block kind {kind!r}")
    for n, page in enumerate(pages, 1):
        label = f"— {n} —"
        page.append(Text(label, (PAGE_W - width(label, BODY)) / 2, 275.0, BODY))
    return pages


# ------------------------------------------------------------------------------------ XML parts


def _deltas(text: str, size: float) -> str:
    """DeltaX of a TextCode: the advance after each character but the last (``g N d`` repeats d N times)."""
    ds = [width(c, size) for c in text[:-1]]
    if ds and all(d == ds[0] for d in ds):
        return f"g {len(ds)} {ds[0]:g}" if len(ds) > 1 else f"{ds[0]:g}"
    return " ".join(f"{d:g}" for d in ds)


def _text_objects(lines: list[Text], next_id: list[int], per_char: bool) -> str:
    """TextObjects for lines: one per line, or one per character (as some converters write them)."""
    out = []
    for ln in lines:
        pieces = [(ln.text, ln.x)]
        if per_char:
            pieces, x = [], ln.x
            for c in ln.text:
                pieces.append((c, x))
                x += width(c, ln.size)
        for text, x in pieces:
            next_id[0] += 1
            top = ln.y - ln.size          # the Boundary box starts one font size above the baseline
            delta = _deltas(text, ln.size)
            out.append(
                f'<ofd:TextObject ID="{next_id[0]}" Boundary="{x:.3f} {top:.3f} {width(text, ln.size):.3f} '
                f'{ln.size * 1.3:.3f}" Font="1" Size="{ln.size:g}"><ofd:FillColor Value="0 0 0"/>'
                f'<ofd:TextCode X="0" Y="{ln.size:g}"' + (f' DeltaX="{delta}"' if delta else "") +
                f">{escape(text)}</ofd:TextCode></ofd:TextObject>")
    return "".join(out)


def _page_xml(lines: list[Text], next_id: list[int], *, template_id: int | None, per_char: bool,
              rule_y: float | None = None) -> str:
    template = f'<ofd:Template TemplateID="{template_id}" ZOrder="Background"/>' if template_id else ""
    rule = ""
    if rule_y is not None:   # the red rule under the 版头, a PathObject like real notices carry
        next_id[0] += 1
        rule = (f'<ofd:PathObject ID="{next_id[0]}" Boundary="{LEFT} {rule_y} {RIGHT - LEFT} 1" LineWidth="0.5">'
                f'<ofd:StrokeColor Value="255 0 0"/><ofd:AbbreviatedData>M 0 0.5 L {RIGHT - LEFT} 0.5'
                f'</ofd:AbbreviatedData></ofd:PathObject>')
    next_id[0] += 1
    return (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}">{template}'
            f'<ofd:Area><ofd:PhysicalBox>0 0 {PAGE_W:g} {PAGE_H:g}</ofd:PhysicalBox></ofd:Area>'
            f'<ofd:Content><ofd:Layer ID="{next_id[0]}">{rule}{_text_objects(lines, next_id, per_char)}'
            f'</ofd:Layer></ofd:Content></ofd:Page>')


def build_ofd(pages: list[list[Text]], *, title: str = "", running_header: str | None = None,
              per_char: bool = False) -> bytes:
    """The bytes of an OFD with these pages.

    ``running_header`` is printed through a template page (as OFD producers do for 版头 lines repeated
    on every page): a reader must not take it for body text. ``per_char`` writes each character as its
    own TextObject.
    """
    next_id = [10]
    files: dict[str, str] = {}
    tpl_ref = ""
    template_id = None
    if running_header is not None:
        template_id = 2
        files["Doc_0/Tpls/Tpl_0/Content.xml"] = _page_xml(
            [Text(running_header, LEFT, 20.0, BODY)], next_id, template_id=None, per_char=False)
        tpl_ref = f'<ofd:TemplatePage ID="{template_id}" BaseLoc="Tpls/Tpl_0/Content.xml"/>'
    page_refs = []
    for i, lines in enumerate(pages):
        next_id[0] += 1
        page_refs.append(f'<ofd:Page ID="{next_id[0]}" BaseLoc="Pages/Page_{i}/Content.xml"/>')
        files[f"Doc_0/Pages/Page_{i}/Content.xml"] = _page_xml(
            lines, next_id, template_id=template_id, per_char=per_char, rule_y=28.0 if i == 0 else None)
    files["Doc_0/PublicRes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" BaseLoc="Res">'
        '<ofd:Fonts><ofd:Font ID="1" FontName="仿宋_GB2312" FamilyName="仿宋"/></ofd:Fonts></ofd:Res>')
    files["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
        f'<ofd:MaxUnitID>{next_id[0]}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {PAGE_W:g} {PAGE_H:g}'
        f'</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>{tpl_ref}'
        f'</ofd:CommonData><ofd:Pages>{"".join(page_refs)}</ofd:Pages></ofd:Document>')
    files["OFD.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD">'
        f'<ofd:DocBody><ofd:DocInfo><ofd:DocID>0c8f4a2e9b7d4f6a8e1b3c5d7f9a1b2c</ofd:DocID>'
        f'<ofd:Title>{escape(title)}</ofd:Title><ofd:CreationDate>2024-03-01</ofd:CreationDate></ofd:DocInfo>'
        f'<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
    return _zip(files)


def _zip(files: dict[str, str]) -> bytes:
    """A deterministic ZIP (fixed timestamps, OFD.xml first), so the sample file is reproducible."""
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(files, key=lambda n: (n != "OFD.xml", n)):
            z.writestr(zipfile.ZipInfo(name, date_time=(2024, 3, 1, 9, 0, 0)), files[name].encode("utf-8"),
                       compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


# ------------------------------------------------------------------------------------ the sample notice

SAMPLE_TITLE = "关于开展2024年春季校园安全检查的通知"
SAMPLE_HEADER = "某某市教育局文件"
# the body paragraph of 一、: long enough to wrap once at the right margin
SAMPLE_WRAPPED = ("为切实做好春季学期校园安全工作，全面排查校舍、消防、食品和交通等方面的安全隐患，"
                  "确保师生生命财产安全，现就有关事项通知如下。")


def sample_notice_blocks() -> list[tuple[str, str]]:
    """An invented two-page notice of 某某市教育局."""
    return [
        ("title", SAMPLE_TITLE),
        ("plain", "各县（市、区）教育局："),
        ("body", SAMPLE_WRAPPED),
        ("plain", "一、工作目标"),
        ("body", "到2024年4月底，全市中小学校完成一轮安全隐患排查，整改率达到100%。"),
        ("plain", "二、检查内容"),
        ("body", "（一）校舍安全。重点检查教学楼、宿舍楼和食堂等建筑的结构安全。"),
        ("body", "（二）消防安全。检查消防设施配备和疏散通道畅通情况。"),
        ("break", ""),
        ("plain", "三、工作要求"),
        ("body", "各地要高度重视，于2024年4月30日前将检查情况报送市教育局。某某县第一中学等学校要做好示范。"),
        ("body", "联系人：张某，电话：0000-1234567。"),
        ("right", "某某市教育局"),
        ("right", "2024年3月1日"),
    ]


def sample_notice_ofd(*, per_char: bool = False) -> bytes:
    return build_ofd(layout(sample_notice_blocks()), title=SAMPLE_TITLE, running_header=SAMPLE_HEADER,
                     per_char=per_char)


def main() -> None:
    out = Path(__file__).resolve().parent.parent / "corpus" / "formats" / "ofd" / "sample-notice.ofd"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(sample_notice_ofd())
    print(out)


if __name__ == "__main__":
    main()
