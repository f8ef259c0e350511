"""DOCX, PDF and HTML backends: round trips of the seeds and the format features one by one."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from render import cjk_font, to_docx, to_pdf

from extractor.backends import load

ROOT = Path(__file__).resolve().parent.parent
SEEDS = {"000_48cafea73979d010": 202, "001_87613898c2fa54f0": 19}


def _pairs(rec):
    return sorted((p.supporter, p.recipient, p.lead, p.stage) for p in rec.pairings)


@pytest.fixture(scope="module")
def text_records(pipeline):
    return {s: pipeline.extract_file(ROOT / "corpus" / "dev" / "notices" / f"{s}.txt") for s in SEEDS}


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("seed", list(SEEDS))
def test_round_trip(tmp_path, pipeline, text_records, seed, fmt):
    """The seed rendered with real tables (merged lead cells; in the PDF ruled and split over pages)
    gives the same document fields and the same pairings as the text version."""
    src = ROOT / "corpus" / "dev" / "notices" / f"{seed}.txt"
    out = (to_docx if fmt == "docx" else to_pdf)(src, tmp_path / f"{seed}.{fmt}")
    rec = pipeline.extract_file(out)
    ref = text_records[seed]
    assert rec.source.format == fmt
    assert rec.document == ref.document
    assert len(rec.pairings) == SEEDS[seed]
    assert _pairs(rec) == _pairs(ref)
    assert [t.layout for t in rec.tables] == [fmt] * len(ref.tables)
    assert [t.columns for t in rec.tables] == [t.columns for t in ref.tables]
    assert [len(t.rows) for t in rec.tables] == [len(t.rows) for t in ref.tables]
    assert any(c.merged for t in rec.tables for r in t.rows for c in r.cells)
    for t in rec.tables:                       # every cell value is grounded in the text
        for r in t.rows:
            for c in r.cells:
                for v in c.values:
                    assert rec.text[v.start:v.end] == v.text
    if fmt == "pdf":
        assert rec.source.pages and rec.source.pages > 2
        assert "— 2 —" not in rec.text           # page numbers removed
        pages = [e.page for e in rec.entities]
        assert all(p is not None for p in pages) and max(pages) > 1


# ------------------------------------------------------------------------------------ DOCX features


def _numbered_docx() -> bytes:
    """A DOCX whose headings are numbered by Word (一、 / （一）), with a merged table and a footer."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    d.add_paragraph("某某市教育局关于开展学校结对帮扶工作的通知")
    d.add_paragraph("各县（区）教育局：")
    numbered("工作目标", 0)
    d.add_paragraph("到2025年，结对学校教育质量明显提升。")
    numbered("结对安排", 0)
    numbered("小学结对", 1)
    numbered("初中结对", 1)
    d.add_paragraph("结对学校名单如下：")
    t = d.add_table(rows=4, cols=4)
    for j, label in enumerate(("序号", "受援学校", "支援学校", "牵头单位")):
        t.cell(0, j).text = label
    rows = [("1", "某某县第一小学", "某某市实验小学"), ("2", "某某县第二小学", "某某市第三小学"),
            ("3", "某某县第三小学", "某某市第五小学")]
    for i, (n, a, b) in enumerate(rows, 1):
        t.cell(i, 0).text, t.cell(i, 1).text, t.cell(i, 2).text = n, a, b
    t.cell(1, 3).text = "某某市教育科学研究所"
    t.cell(1, 3).merge(t.cell(3, 3))                       # vMerge over three rows
    # a manual line break inside a cell: two recipient schools
    t.cell(3, 1).paragraphs[0].add_run().add_break()
    t.cell(3, 1).paragraphs[0].add_run("某某县第四小学")
    row = d.add_table(rows=2, cols=3)
    row.cell(0, 0).merge(row.cell(0, 2)).text = "联系方式"         # gridSpan over three columns
    row.cell(1, 0).text, row.cell(1, 1).text, row.cell(1, 2).text = "王某", "0771-1234567", "某某市教育局"
    d.add_paragraph("某某市教育局")
    d.add_paragraph("2024年3月1日")
    d.sections[0].footer.paragraphs[0].text = "某某市教育局办公室印"
    d.sections[0].header.paragraphs[0].text = "内部资料"
    assert qn("w:numPr")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_numbering_merges_breaks_and_page_furniture(tmp_path, pipeline):
    p = tmp_path / "numbered.docx"
    p.write_bytes(_numbered_docx())
    rec = pipeline.extract_file(p)
    lines = rec.text.split("\n")
    assert "一、工作目标" in lines and "二、结对安排" in lines
    assert "（一）小学结对" in lines and "（二）初中结对" in lines
    heads = {(s.number or "") + s.heading: s for s in rec.sections}
    assert heads["（一）小学结对"].parent == heads["二、结对安排"].id
    assert "某某市教育局办公室印" not in rec.text and "内部资料" not in rec.text
    doc = load(p)
    assert doc.meta["page_footers"] == ["某某市教育局办公室印"]
    t = rec.tables[0]
    assert t.layout == "docx" and t.columns == ["序号", "受援学校", "支援学校", "牵头单位"]
    assert [r.number for r in t.rows] == [1, 2, 3]
    lead = [(c.values[0].text if c.values else None, c.merged) for c in (r.cells[3] for r in t.rows)]
    assert lead == [("某某市教育科学研究所", False), ("某某市教育科学研究所", True), ("某某市教育科学研究所", True)]
    assert [v.text for v in t.rows[2].cells[1].values] == ["某某县第三小学", "某某县第四小学"]
    span = rec.tables[1]
    assert span.columns == ["联系方式"] * 3
    assert rec.document.signed_date == "2024-03-01"
    assert rec.document.title == "某某市教育局关于开展学校结对帮扶工作的通知"


# ------------------------------------------------------------------------------------ PDF features


def _pdf(pages: list[list[str]], *, header: str | None = None) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for n, lines in enumerate(pages, 1):
        c.setFont(cjk_font(), 12)
        if header:
            c.drawString(72, 800, header)
        y = 760
        for line in lines:
            c.drawString(72, y, line)
            y -= 20
        c.drawCentredString(A4[0] / 2, 30, f"- {n} -")
        c.showPage()
    c.save()
    return buf.getvalue()


def test_pdf_running_header_and_page_numbers_removed(tmp_path, pipeline):
    p = tmp_path / "h.pdf"
    p.write_bytes(_pdf([["某某市教育局关于开展学校结对帮扶工作的通知", "各县（区）教育局：", "一、工作目标"],
                        ["到2025年，结对学校教育质量明显提升。", "某某市教育局", "2024年3月1日"]],
                       header="某某市教育局文件"))
    rec = pipeline.extract_file(p)
    assert "某某市教育局文件" not in rec.text and "- 1 -" not in rec.text and "- 2 -" not in rec.text
    assert rec.source.pages == 2
    assert rec.document.signed_date == "2024-03-01"
    dates = [e for e in rec.entities if e.type == "DATE" and e.text == "2024年3月1日"]
    assert dates and dates[0].page == 2
    assert [s.page for s in rec.sections][:1] == [1]


def test_pdf_scanned_page_is_never_an_empty_success(tmp_path, monkeypatch):
    """An image-only PDF: OCR when Tesseract is installed, otherwise a clear error naming what to install."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    import extractor.backends.pdf as pdf_backend

    img = Image.new("L", (400, 100), 255)
    ImageDraw.Draw(img).rectangle((20, 20, 380, 80), outline=0)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.drawImage(ImageReader(img), 72, 600, 400, 100)
    c.save()
    p = tmp_path / "scan.pdf"
    p.write_bytes(buf.getvalue())
    monkeypatch.setattr(pdf_backend, "ocr_available", lambda: False)
    from extractor import ExtractionError

    with pytest.raises(ExtractionError) as exc:
        load(p)
    assert exc.value.code == "no_text" and "tesseract" in exc.value.message


def _cjk_font() -> bool:
    """The scan is made by rendering a Chinese page: without a CJK font the image holds no characters."""
    import shutil
    import subprocess

    return bool(shutil.which("fc-list")) and bool(
        subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout.strip())


@pytest.mark.skipif(not __import__("extractor.backends.pdf", fromlist=["x"]).ocr_available(),
                    reason="Tesseract with chi_sim is not installed")
@pytest.mark.skipif(not _cjk_font(), reason="no CJK font to render the scanned page (fonts-wqy-zenhei)")
def test_pdf_scanned_page_is_read_by_ocr(tmp_path, pipeline):
    import pypdfium2 as pdfium
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    text_pdf = _pdf([["关于开展学校结对帮扶工作的通知", "各县教育局：", "某某市教育局", "2024年3月1日"]])
    page = pdfium.PdfDocument(text_pdf)[0]
    img = page.render(scale=300 / 72).to_pil()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.drawImage(ImageReader(img), 0, 0, A4[0], A4[1])
    c.save()
    p = tmp_path / "scan.pdf"
    p.write_bytes(buf.getvalue())
    rec = pipeline.extract_file(p)
    assert any(w.startswith("ocr:") for w in rec.warnings)
    assert "结对帮扶" in rec.text
    assert rec.document.signed_date == "2024-03-01"


def test_pdf_cid_mojibake_is_reported():
    from extractor.backends.pdf import _garbled

    assert _garbled("\ue001\ue002\ue003\ue004 各县教育局 \ue005\ue006\ue007\ue008\ue009\ue00a")
    assert _garbled("Ã¥Â…Â³Ã¤ÂºÂŽÃ¥Â¼Â€Ã¥Â±Â•Ã§Â»Â“Ã¥Â¯Â¹")
    assert not _garbled("关于开展学校结对帮扶工作的通知，各县（区）教育局：")
