"""Render a plain-text notice to DOCX and PDF fixtures, with its tables as real tables.

The text pipeline's own reading of the notice (cleaned lines and tables) is the layout: every line
becomes a paragraph, every table a real Word / PDF table whose merged cells (a lead unit printed once
for a run of rows) become vertically merged cells. Extracting the rendered file must then give the
same record as the text: a round trip through each backend.
"""
from __future__ import annotations

from pathlib import Path

from extractor.backends import load
from extractor.core.document import Table
from extractor.stages.clean import clean
from extractor.stages.tables import tables


def layout(path: Path):
    """[("line", text) | ("table", Table)] in reading order: every raw line (junk included, cleaning
    must still remove it), with the lines of each table the text pipeline found replaced by the table."""
    doc = tables(clean(load(path)))
    ranges = []   # raw line range of each table
    for t in sorted(doc.tables, key=lambda t: t.start):
        inside = [b for b in doc.blocks if t.start <= b.start < t.end]
        ranges.append((inside[0].raw_start, inside[-1].raw_end, t))
    items, pos, ti = [], 0, 0
    for line in doc.raw_text.splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        while ti < len(ranges) and start >= ranges[ti][1]:
            ti += 1
        if ti < len(ranges) and ranges[ti][0] <= start < ranges[ti][1]:
            if not items or items[-1][1] is not ranges[ti][2]:
                # a label line the table's range begins after belongs to the table
                while items and items[-1][0] == "line" and items[-1][1] in ranges[ti][2].columns:
                    items.pop()
                items.append(("table", ranges[ti][2]))
            continue
        if line.strip():
            items.append(("line", line.strip()))
    return items


def _runs(t: Table, col: int) -> list[tuple[int, int]]:
    """Row ranges [first, last] of merged blocks in a column: an origin row and the merged rows under it."""
    runs, i = [], 0
    while i < len(t.rows):
        j = i
        while j + 1 < len(t.rows) and t.rows[j + 1].cells[col].merged:
            j += 1
        if j > i:
            runs.append((i, j))
        i = j + 1
    return runs


def to_docx(src: Path, out: Path) -> Path:
    import docx

    d = docx.Document()
    for kind, item in layout(src):
        if kind == "line":
            d.add_paragraph(item)
            continue
        t: Table = item
        width = len(t.columns)
        wt = d.add_table(rows=1 + len(t.rows), cols=width)
        wt.style = "Table Grid"
        for j, label in enumerate(t.columns):
            wt.cell(0, j).text = label
        for i, row in enumerate(t.rows, 1):
            for j, cell in enumerate(row.cells[:width]):
                if cell.merged:
                    continue
                wc = wt.cell(i, j)
                for k, v in enumerate(cell.values):
                    if k == 0:
                        wc.paragraphs[0].text = v.text
                    else:
                        wc.add_paragraph(v.text)
        for j in range(width):
            for a, b in _runs(t, j):
                top = wt.cell(a + 1, j)
                top.merge(wt.cell(b + 1, j))
                # merge() joins the (empty) paragraphs of the covered cells into the top cell
                for p in top.paragraphs[len(t.rows[a].cells[j].values) or 1:]:
                    p._element.getparent().remove(p._element)
    d.save(out)
    return out


def cjk_font() -> str:
    """A CJK font for reportlab: the built-in Adobe-GB1 CID font (text is extractable, not embedded)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    try:
        pdfmetrics.getFont("STSong-Light")
    except KeyError:
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def to_pdf(src: Path, out: Path, *, span_rows: int = 8) -> Path:
    """A4 pages; tables ruled, header repeated on each page, merged lead cells (at most span_rows rows)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer
    from reportlab.platypus import TableStyle as TS

    font = cjk_font()
    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=16, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    story = []
    for kind, item in layout(src):
        if kind == "line":
            story.append(Paragraph(_esc(item), body))
            continue
        t: Table = item
        width = len(t.columns)
        data = [[Paragraph(_esc(c), cell) for c in t.columns]]
        for row in t.rows:
            data.append([Paragraph("<br/>".join(_esc(v.text) for v in c.values) if not c.merged else "", cell)
                         for c in row.cells[:width]])
        style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        for j in range(width):
            for a, b in _runs(t, j):
                # a long merged block is printed again every span_rows rows, so that the table can
                # break between pages
                for s in range(a, b + 1, span_rows):
                    e = min(b, s + span_rows - 1)
                    if s != a:
                        data[s + 1][j] = Paragraph(_esc(t.rows[a].cells[j].values[0].text), cell)
                    if e > s:
                        style.append(("SPAN", (j, s + 1), (j, e + 1)))
        avail = A4[0] - 40 * mm
        first = 14 * mm if t.columns and t.columns[0] in ("编号", "序号") else None
        widths = [first] + [(avail - first) / (width - 1)] * (width - 1) if first else [avail / width] * width
        story.append(Spacer(1, 4))
        story.append(LongTable(data, colWidths=widths, repeatRows=1, style=TS(style)))
        story.append(Spacer(1, 4))
    SimpleDocTemplate(str(out), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm,
                      bottomMargin=20 * mm).build(story, onFirstPage=_page_number, onLaterPages=_page_number)
    return out


def _page_number(canvas, doc) -> None:
    from reportlab.lib.pagesizes import A4

    canvas.setFont(cjk_font(), 9)
    canvas.drawCentredString(A4[0] / 2, 12 * 2.83, f"— {doc.page} —")


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
