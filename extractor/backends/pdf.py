"""PDF: pypdfium2 for the text layer (fast), pdfplumber for ruled tables, Tesseract for scanned pages.

- Text comes from PDFium page by page in reading order with line geometry; lines a paragraph wrapped
  at the right margin are joined again (also across a page break), so downstream stages see the
  paragraphs the author wrote.
- Running headers and footers (a line repeated at the top or bottom of most pages) and page numbers
  (``— 3 —``, ``第3页``, ``3/12``) are removed.
- Only pages with enough vector paths to hold a ruled table are handed to pdfplumber. Its cells give
  the grid; a position it reports as covered is a merged cell (vertical or horizontal, told apart by
  the covering cell's box). A table whose first row repeats the previous page's header continues that
  table.
- Text whose characters have no Unicode mapping (CID fonts without ToUnicode: private-use code
  points, U+FFFD, control characters, Latin-1 mojibake) is reported in ``warnings``; pages without a
  text layer go to Tesseract OCR when it is installed, else a warning names what to install. A PDF
  with no readable text at all is an error, never an empty success.
"""
from __future__ import annotations

import io
import re
import shutil
import statistics
from dataclasses import dataclass

from ..core.document import Document, Table
from ..errors import ExtractionError
from .builder import GridCell, TextBuilder, header_key
from .layout import Line, ParagraphWriter, drop_running_lines

_MIN_PATHS_FOR_TABLE = 8


def read(data: bytes, doc: Document) -> Document:
    import pypdfium2 as pdfium

    path = doc.source.path
    if b"%%EOF" not in data[-2048:]:
        raise ExtractionError("truncated", "the PDF ends before its %%EOF marker (an incomplete download or copy?); "
                              "refusing a possibly partial text", path)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower() or "security" in msg.lower():
            raise ExtractionError("encrypted", "the PDF is encrypted with a password; it cannot be read", path) \
                from None
        raise ExtractionError("corrupt", f"not a readable PDF ({msg})", path) from None
    try:
        return _read(pdf, data, doc)
    finally:
        pdf.close()


def _read(pdf, data: bytes, doc: Document) -> Document:
    import pypdfium2.raw as pdfium_c

    n = len(pdf)
    doc.source.pages = n
    pages: list[list[Line]] = []
    heights: list[float] = []
    table_pages: list[int] = []
    scanned: list[int] = []
    garbled: list[int] = []
    for i in range(n):
        page = pdf[i]
        try:
            width, height = page.get_size()
            heights.append(height)
            tp = page.get_textpage()
            lines = _lines(tp, height)
            tp.close()
            body_chars = sum(len(ln.text.strip()) for ln in lines)
            if body_chars < 5:
                if any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2)):
                    scanned.append(i)
            elif _garbled(" ".join(ln.text for ln in lines)):
                garbled.append(i)
            paths = 0
            for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
                paths += 1
                if paths >= _MIN_PATHS_FOR_TABLE:
                    table_pages.append(i)
                    break
            pages.append(lines)
        finally:
            page.close()

    ocr_pages = scanned + garbled
    if ocr_pages:
        done = _ocr(pdf, ocr_pages, pages, doc)
        left_scanned = [p + 1 for p in scanned if p not in done]
        left_garbled = [p + 1 for p in garbled if p not in done]
        if left_garbled:
            doc.warn(f"garbled_text: pages {_ranges(left_garbled)} hold characters without a Unicode mapping (a CID "
                     "font without a ToUnicode map); their text is unreliable" +
                     ("" if done else "; install tesseract-ocr and tesseract-ocr-chi-sim to OCR them instead"))
        if left_scanned:
            doc.warn(f"no_text_layer: pages {_ranges(left_scanned)} are images without a text layer (scanned); "
                     "install tesseract-ocr and tesseract-ocr-chi-sim to OCR them")

    tables_by_page = _tables(data, table_pages, doc) if table_pages else {}
    drop_running_lines(pages, heights)

    b = TextBuilder()
    writer = ParagraphWriter(b)
    prev_table: tuple[Table, tuple, int] | None = None   # the table that ended the previous page
    for i, lines in enumerate(pages):
        found = tables_by_page.get(i, [])
        if found:
            lines = [ln for ln in lines if not any(_inside(ln, t) for t in found)]
        writer.start_page(lines)
        items: list = sorted([*lines, *found], key=lambda x: x.top)
        ends_with_table = None
        for k, item in enumerate(items):
            if isinstance(item, Line):
                writer.add(item)
                ends_with_table = None
                continue
            grid, cont = item.grid, None
            if k == 0 and prev_table is not None and len(grid[0]) == prev_table[2]:
                cont = prev_table[0]
                if header_key(grid[0]) == prev_table[1]:
                    grid = _drop_first_row(grid)   # the header repeated on the new page
                if grid:
                    _carry_merged(grid, cont)
            table = b.table(grid, "pdf", continues=cont) if grid else cont
            if table is not None:
                ends_with_table = (table, prev_table[1] if cont is not None else header_key(item.grid[0]),
                                   len(item.grid[0]))
            writer.interrupt()
        prev_table = ends_with_table
    doc.raw_text = b.text()
    doc.page_starts = b.page_starts
    doc.source_tables = b.tables
    if not doc.raw_text.strip():
        if scanned:
            raise ExtractionError("no_text", "the PDF has no text layer (scanned pages) and OCR is not available: "
                                  "install tesseract-ocr and tesseract-ocr-chi-sim", doc.source.path)
        raise ExtractionError("no_text", "the PDF holds no text", doc.source.path)
    return doc


# ------------------------------------------------------------------------------------ text lines


def _lines(tp, page_height: float) -> list[Line]:
    """Lines of a page's text layer with their boxes (top-down coordinates, like pdfplumber)."""
    text = tp.get_text_range()
    count = tp.count_chars()
    out: list[Line] = []
    pos = 0
    for seg in re.split(r"(\r\n|\r|\n)", text):
        if seg in ("\r\n", "\r", "\n"):
            pos += len(seg)
            continue
        s, pos = pos, pos + len(seg)
        t = seg.replace("\xa0", " ").strip()
        if not t:
            continue
        if len(text) != count:       # offsets do not line up with characters: no geometry
            out.append(Line(t, 0.0, 0.0, float(len(out)), float(len(out)) + 1.0))
            continue
        a = s + len(seg) - len(seg.lstrip())
        z = s + len(seg.rstrip()) - 1
        # loose boxes follow the font's advance, so a full-width bracket starts at its cell, not its ink
        l0, b0, r0, t0 = tp.get_charbox(a, loose=True)
        l1, b1, r1, t1 = tp.get_charbox(z, loose=True)
        top, bottom = page_height - max(t0, t1), page_height - min(b0, b1)
        out.append(Line(t, min(l0, l1), max(r0, r1), top, bottom))
    return out


_PUA = re.compile(r"[\ue000-\uf8ff\ufffd\x00-\x08\x0b\x0c\x0e-\x1f]")
_LATIN_MOJIBAKE = re.compile(r"[\u00c0-\u024f]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _garbled(text: str) -> bool:
    t = re.sub(r"\s", "", text)
    if len(t) < 10:
        return False
    bad = len(_PUA.findall(t))
    if bad / len(t) > 0.05:
        return True
    latin = len(_LATIN_MOJIBAKE.findall(t))
    return latin / len(t) > 0.3 and len(_CJK.findall(t)) < latin


def _ranges(nums: list[int]) -> str:
    return ", ".join(str(n) for n in nums[:20]) + (f" … ({len(nums)} in all)" if len(nums) > 20 else "")


def _inside(ln: Line, t: "_FoundTable") -> bool:
    cy = (ln.top + ln.bottom) / 2
    cx = (ln.x0 + ln.x1) / 2
    return t.top - 1 <= cy <= t.bottom + 1 and t.x0 - 1 <= cx <= t.x1 + 1


# ------------------------------------------------------------------------------------ tables


@dataclass(slots=True)
class _FoundTable:
    x0: float
    top: float
    x1: float
    bottom: float
    grid: list[list[GridCell]]


def _tables(data: bytes, page_numbers: list[int], doc: Document) -> dict[int, list[_FoundTable]]:
    import pdfplumber

    out: dict[int, list[_FoundTable]] = {}
    try:
        pl = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many types on odd files; the text is still usable
        doc.warn(f"tables_skipped: pdfplumber could not open the PDF ({type(exc).__name__}); tables are read as text")
        return out
    with pl:
        for i in page_numbers:
            try:
                page = pl.pages[i]
                found = page.find_tables()
                if found:
                    chars = page.chars
                    out[i] = [ft for ft in (_grid(t, chars) for t in found) if ft is not None]
                page.close()
            except Exception as exc:  # one odd page must not lose the document
                doc.warn(f"tables_skipped: page {i + 1}: {type(exc).__name__}; its table is read as text")
    return out


def _grid(t, chars) -> _FoundTable | None:
    rows = [list(r.cells) for r in t.rows]
    if not rows or len(rows) < 2 and len(rows[0]) < 2:
        return None
    width = max(len(r) for r in rows)
    rows = [r + [None] * (width - len(r)) for r in rows]
    boxes = {(i, j): c for i, r in enumerate(rows) for j, c in enumerate(r) if c is not None}
    row_tops = [min((c[1] for c in r if c is not None), default=0.0) for r in rows]
    col_x0 = []
    for j in range(width):
        xs = [rows[i][j][0] for i in range(len(rows)) if rows[i][j] is not None]
        col_x0.append(min(xs) if xs else (col_x0[-1] if col_x0 else t.bbox[0]))
    # characters of each printed cell (centre inside the cell's box)
    by_cell: dict[tuple[int, int], list] = {}
    x0, top, x1, bottom = t.bbox
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            continue
        for key, (a, b, c, d) in boxes.items():
            if a <= cx <= c and b <= cy <= d:
                by_cell.setdefault(key, []).append(ch)
                break
    grid: list[list[GridCell]] = []
    for i, r in enumerate(rows):
        row: list[GridCell] = []
        for j, box in enumerate(r):
            if box is not None:
                row.append(GridCell(values=_cell_values(by_cell.get((i, j), []), box)))
                continue
            origin = None
            for k in range(i - 1, -1, -1):          # a cell above reaching down into this row
                above = rows[k][j]
                if above is not None:
                    if above[3] > row_tops[i] + 1:
                        origin = grid[k][j].origin or (k, j)
                    break
            if origin is None:
                for k in range(j - 1, -1, -1):      # a cell to the left reaching across
                    lb = r[k]
                    if lb is not None:
                        if lb[2] > col_x0[j] + 1:
                            origin = row[k].origin or (i, k)
                        break
                    if row[k].origin is not None:
                        origin = row[k].origin
                        break
            row.append(GridCell(origin=origin))
        grid.append(row)
    return _FoundTable(x0, top, x1, bottom, grid)


def _cell_values(chars, box) -> list[str]:
    """A cell's lines as values; a line that runs to the cell's right edge wraps into the next line."""
    if not chars:
        return []
    chars = sorted(chars, key=lambda c: (round(c["top"]), c["x0"]))
    lines: list[list] = []
    for ch in chars:
        if lines and abs(ch["top"] - lines[-1][0]["top"]) < max(ch["bottom"] - ch["top"], 1) * 0.5:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    size = statistics.median(c["bottom"] - c["top"] for c in chars)
    values: list[str] = []
    wrapped = False
    for ln in lines:
        ln.sort(key=lambda c: c["x0"])
        text = ""
        for k, c in enumerate(ln):
            if k and c["x0"] - ln[k - 1]["x1"] > size * 0.6 and text and not text.endswith(" "):
                text += " "
            text += c["text"]
        text = text.strip()
        if not text:
            continue
        if wrapped and values:
            values[-1] += text
        else:
            values.append(text)
        wrapped = ln[-1]["x1"] >= box[2] - (2.2 * size + 2)
    return values


def _drop_first_row(grid: list[list[GridCell]]) -> list[list[GridCell]]:
    out = []
    for row in grid[1:]:
        out.append([GridCell(c.values, (c.origin[0] - 1, c.origin[1]) if c.origin and c.origin[0] > 0 else None)
                    for c in row])
    return out


def _carry_merged(grid: list[list[GridCell]], prev: Table) -> None:
    """On a continued page, an empty first-row cell under a column that holds merged cells goes on
    with the merged value of the previous page's last row (Word does not repeat it after a break)."""
    if not prev.rows:
        return
    last = prev.rows[-1]
    for j, c in enumerate(grid[0]):
        if j >= len(last.cells) or c.values or c.origin is not None:
            continue
        if last.cells[j].values and any(r.cells[j].merged for r in prev.rows if j < len(r.cells)):
            c.origin = (-1, j)


# ------------------------------------------------------------------------------------ OCR


def ocr_available() -> bool:
    if not shutil.which("tesseract"):
        return False
    try:
        import pytesseract

        return "chi_sim" in pytesseract.get_languages(config="")
    except Exception:  # no binding, or the binary fails: OCR is simply not available
        return False


def _ocr(pdf, page_numbers: list[int], pages: list[list[Line]], doc: Document) -> set[int]:
    """OCR pages in place; returns the pages read. Tesseract puts spaces between Chinese characters,
    which are removed."""
    if not ocr_available():
        return set()
    import pytesseract

    done: set[int] = set()
    for i in page_numbers:
        page = pdf[i]
        try:
            img = page.render(scale=300 / 72, grayscale=True).to_pil()
            text = pytesseract.image_to_string(img, lang="chi_sim", timeout=120)
        except RuntimeError as exc:     # pytesseract's timeout
            doc.warn(f"ocr_failed: page {i + 1}: {exc}")
            continue
        finally:
            page.close()
        lines = []
        for k, raw in enumerate(text.splitlines()):
            t = re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", raw).strip()
            if t:
                lines.append(Line(t, 0.0, 0.0, float(k), float(k) + 1.0))
        pages[i] = lines
        done.add(i)
    if done:
        doc.warn(f"ocr: pages {_ranges(sorted(p + 1 for p in done))} were read by OCR (Tesseract); expect recognition "
                 "errors")
    return done
