"""Tables: a rows × cells model with merged cells kept, reconstructed from text.

Tables copied out of Word or PDF reach plain text in two shapes, and this stage rebuilds both:

- **flattened**: one cell per line, a header row of labels (编号 / 受援学校 / 支援学校 / 牵头高校), and
  a numbered first column. Empty cells vanish. A merged column prints its value only in the row where
  the merged block starts, and again after a page break. A long name may break over two lines, and a
  cell holding two names gives two lines.
- **tab-laid**: every cell on a line of its own opened by a tab, rows separated by blank lines, an
  empty cell a lone tab.

A backend that sees real tables (DOCX, HTML, PDF) fills ``Document.tables`` itself. This stage leaves
such a document alone.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..core.document import Cell, CellValue, Document, Row, Table
from ..rules.gazetteer import gazetteer
from ..rules.lexicon import SCHOOL_SUFFIXES
from ..text.normalize import display_width, squeeze
from .structure import is_date_line

# Words of a column label; a label never opens with a place name (帮扶学校 vs 某市…学校).
_LABEL_WORDS = ("编号", "序号", "受援", "支援", "帮扶", "援助", "结对", "牵头", "联系人", "电话", "名称", "备注", "指导",
                "安排", "对口", "单位", "学段", "类别", "县区", "区县", "责任", "托管", "受助", "负责", "地区", "片区")
_NUMBER_LABELS = ("编号", "序号", "序")
_UNIVERSITY = re.compile(r"(?:大学|学院|高等专科学校|专科学校|职业技术学院|职业学院)$")
_KINDERGARTEN = re.compile(r"(?:园|保育院)$")
_SCHOOL_END = re.compile(rf"(?:{'|'.join(sorted(SCHOOL_SUFFIXES, key=len, reverse=True))})(?:[（(][^）)]{{1,6}}[）)])?$")
# a bare type word that can only be the tail of a name broken over two lines: 实验幼儿园, 第一幼儿园
_NAME_TAIL = re.compile(r"(?:第[一二三四五六七八九十0-9]{1,3}|实验|附属|中心|机关|九年一贯制|十二年一贯制|初级|高级|完全)?"
                        r"(?:幼儿园|小学|中学|学校|分园|分校)")
_SENTENCE = re.compile(r"[，。；：,;:！？]")
_SECTION_LINE = re.compile(r"(?:附\s*件\s*[0-9０-９一二三四五六七八九十]*\s*[:：]?|[一二三四五六七八九十]+、.*|[（(][一二三四五六七八九十]+[）)].*)")


def is_label(text: str) -> bool:
    """A column label: short, no digits, holds a label word, does not open with a place name."""
    t = squeeze(text)
    if not t or len(t) > 12 or re.search(r"\d", t) or _SENTENCE.search(t):
        return False
    if not any(w in t for w in _LABEL_WORDS):
        return False
    hits = gazetteer().find(t)
    return not (hits and hits[0][0] == 0)


# words that name a column of a tab-separated table (a task list, a timetable, a pairing list with a
# county column): wider than the label words, as a tab-separated row already reads as a row of cells
_COLUMN_WORDS = ("时间", "日期", "内容", "事项", "任务", "部门", "处室", "科室", "时限", "所在", "地点", "姓名", "职务",
                 "人员", "要求", "措施", "配合", "完成", "备注", "重点", "协作", "方式", "形式", "周次", "工作", "活动")


def _column_word(text: str) -> bool:
    t = squeeze(text)
    return (0 < len(t) <= 10 and not re.search(r"\d", t) and not _SENTENCE.search(t) and any(w in t for w in _COLUMN_WORDS)
            and not _SCHOOL_END.search(t))


# a short form of a numbered school after its place: 某州八中, 某市十一小
_SHORT_SCHOOL = re.compile(r"[\u4e00-\u9fff]{2,}(?<![第])[一二三四五六七八九十]{1,3}[中小]$")


# a cell that repeats the cell above: 同上, 〃
DITTO = re.compile(r"同上|〃|″|\"")


def school_name_end(name: str) -> bool:
    """Whether a name ends like a school (a school suffix, optionally a short bracketed campus, or the short
    form of a numbered school)."""
    n = squeeze(name)
    return bool(_SCHOOL_END.search(n) or _SHORT_SCHOOL.search(n))


def fits(label: str, value: str) -> bool:
    """Whether a value can stand in the column a label names (a 牵头高校 column holds universities)."""
    v = squeeze(value)
    if DITTO.fullmatch(v):
        return True         # 同上 stands for the cell above, whatever the column holds
    if re.search(r"(?:高校|大学|院校)$", label):
        return bool(_UNIVERSITY.search(v))
    if re.search(r"园$", label):
        return bool(_KINDERGARTEN.search(v))
    if "电话" in label:
        return bool(re.search(r"\d{5,}", v))
    if re.search(r"时间|时限|日期", label):      # a date column holds dates or periods, not names
        return bool(re.search(r"[0-9０-９]|[年月日旬季期底前]|长期|每|即时", v)) and not school_name_end(v)
    return True


def tables(doc: Document) -> Document:
    """Tables into ``doc.tables``: a backend's own tables mapped onto the text, else rebuilt from text."""
    if doc.tables:
        return doc
    if doc.source_tables:
        doc.tables = _from_source(doc)
        return doc
    found = _flattened(doc) + _tab_laid(doc)
    for reader in (_tsv, _spaced):       # a later reader adds only tables the earlier ones did not find
        found += [t for t in reader(doc) if not any(f.start <= t.start < f.end or t.start <= f.start < t.end for f in found)]
    found.sort(key=lambda t: t.start)
    for i, t in enumerate(found, 1):
        t.id = f"table-{i}"
    doc.tables = found
    return doc


# ---------------------------------------------------------------------------------------- helpers


def _from_source(doc: Document) -> list[Table]:
    """Map a backend's tables (offsets into raw_text) onto the cleaned text through the blocks."""
    blocks = [b for b in doc.blocks if doc.text[b.start:b.end] == doc.raw_text[b.raw_start:b.raw_end]]
    starts = [b.raw_start for b in blocks]

    def to_text(raw: int, end: bool = False) -> int | None:
        i = bisect_right(starts, raw - 1 if end else raw) - 1
        if i < 0:
            return None
        b = blocks[i]
        if not b.raw_start <= raw <= b.raw_end:
            return None
        return b.start + raw - b.raw_start

    out: list[Table] = []
    lost = 0
    for t in doc.source_tables:
        rows: list[Row] = []
        for r in t.rows:
            cells = []
            for c in r.cells:
                vals = []
                for v in c.values:
                    s, e = to_text(v.start), to_text(v.end, end=True)
                    if s is None or e is None or doc.text[s:e] != v.text:
                        lost += 1
                        continue
                    vals.append(CellValue(v.text, s, e))
                cells.append(Cell(vals, c.merged))
            s = to_text(r.start)
            e = to_text(r.end, end=True)
            if s is None or e is None:
                located = [v for c in cells for v in c.values]
                if not located:
                    continue
                s, e = min(v.start for v in located), max(v.end for v in located)
            rows.append(Row(r.number, cells, s, e))
        if not rows:
            continue
        start = to_text(t.start)
        out.append(Table(f"table-{len(out) + 1}", t.caption, list(t.columns), rows, t.layout,
                         start if start is not None and start <= rows[0].start else rows[0].start, rows[-1].end))
    if lost:
        doc.warn(f"{lost} table values were not found in the cleaned text and were left out")
    return out


def _lines(doc: Document) -> list[tuple[int, int, str]]:
    return [(b.start, b.end, doc.text[b.start:b.end].strip()) for b in doc.blocks]


def _caption(lines, i: int) -> str | None:
    """The line before a table: its title (附件1 名单) or the sentence that announces it (…安排表如下：)."""
    j = i - 1
    while j >= 0 and not lines[j][2]:
        j -= 1
    return lines[j][2][:200] if j >= 0 else None


def _join_broken(values: list[CellValue]) -> list[CellValue]:
    """Join a name broken over two lines: ``X直属机关`` + ``第一幼儿园``, ``X专科学校`` + ``实验幼儿园``."""
    out: list[CellValue] = []
    for v in values:
        if out:
            prev = out[-1]
            p, t = squeeze(prev.text), squeeze(v.text)
            bare_tail = bool(_NAME_TAIL.fullmatch(t))
            if bare_tail and (not _SCHOOL_END.search(p) or _UNIVERSITY.search(p)):
                out[-1] = CellValue(prev.text + v.text, prev.start, v.end)
                continue
        out.append(v)
    return out


def _merge_columns(table: Table, first_data_col: int) -> None:
    """Fill a merged column downwards: a column printed in at most half of the rows holds merged cells."""
    n = len(table.rows)
    if n < 2:
        return
    for c in range(first_data_col, len(table.columns)):
        filled = sum(1 for r in table.rows if r.cells[c].values)
        if not filled or filled * 2 > n:
            continue
        current: list[CellValue] = []
        for r in table.rows:
            cell = r.cells[c]
            if cell.values:
                current = cell.values
            elif current:
                r.cells[c] = Cell(list(current), merged=True)


def _row_from(values: list[CellValue], columns: list[str], first: int) -> list[Cell]:
    """Assign the values of one flattened row to columns, left to right, by what each column holds.

    A value goes to the leftmost free column that fits it; when none is free it joins the last
    column that fits (a second supporting school in one cell). A value equal to one already in the
    cell is the same merged cell printed again at a page break.
    """
    cells = [Cell([]) for _ in columns]
    p = first
    last: int | None = None       # the column the previous value went to
    for n, v in enumerate(values):
        if last is not None and values[n - 1].text.rstrip().endswith(("、", "，", ",")):
            cells[last].values.append(v)      # 甲园、 / 乙园: a list the flattening broke after its 、
            continue
        placed = False
        for c in range(p, len(columns)):
            if not cells[c].values and fits(columns[c], v.text):
                cells[c].values.append(v)
                p = c + 1
                placed = True
                last = c
                break
        if placed:
            continue
        for c in range(min(p, len(columns)) - 1, first - 1, -1):
            if fits(columns[c], v.text):
                if squeeze(v.text) not in {squeeze(x.text) for x in cells[c].values}:
                    cells[c].values.append(v)
                placed = True
                last = c
                break
        if not placed:      # fits nowhere: keep it in the last column rather than lose it
            cells[-1].values.append(v)
            last = len(columns) - 1
    return cells


def _flattened(doc: Document) -> list[Table]:
    if not any(label in doc.text for label in _NUMBER_LABELS):
        return []
    lines = _lines(doc)
    out: list[Table] = []
    i = 0
    while i < len(lines):
        if squeeze(lines[i][2]) not in _NUMBER_LABELS:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and j - i <= 8 and (is_label(lines[j][2]) or _column_word(lines[j][2])):
            j += 1
        if j - i < 3 or j >= len(lines) or squeeze(lines[j][2]) != "1":
            i += 1
            continue
        columns = [squeeze(lines[k][2]) for k in range(i, j)]
        prose_cells = any(re.search(r"措施|内容|任务|要求|事项", c) for c in columns)
        table = Table(id="", caption=_caption(lines, i), columns=columns, rows=[], layout="flattened",
                      start=lines[i][0], end=lines[j - 1][1])
        k, number = j, 1
        max_values = 2 * (len(columns) - 1) + 2
        while k < len(lines) and squeeze(lines[k][2]) == str(number):
            row_start = lines[k][0]
            k += 1
            values: list[CellValue] = []
            while k < len(lines) and squeeze(lines[k][2]) != str(number + 1) and len(values) < max_values:
                s, e, t = lines[k]
                # (a sentence is a cell only under a column of tasks or measures: 具体措施)
                if (not t or len(t) > 60 or _SENTENCE.search(t) and not prose_cells or _SECTION_LINE.fullmatch(t)
                        or squeeze(t) in _NUMBER_LABELS or re.fullmatch(r"\d+", squeeze(t))):
                    break
                # the signature after a table: an issuer line followed by the date line
                if is_date_line(t) or (k + 1 < len(lines) and is_date_line(lines[k + 1][2])):
                    break
                values.append(CellValue(t, s, e))
                k += 1
            values = _join_broken(values)
            cells = [Cell([CellValue(str(number), row_start, row_start + len(str(number)))])]
            cells += _row_from(values, columns, 1)[1:]
            row_end = max((v.end for c in cells for v in c.values), default=row_start)
            table.rows.append(Row(number=number, cells=cells, start=row_start, end=row_end))
            table.end = row_end
            number += 1
        if table.rows:
            _merge_columns(table, 1)
            out.append(table)
        i = max(k, i + 1)
    return out


def _tab_laid(doc: Document) -> list[Table]:
    """Tables whose cells are tab-opened raw lines, rows separated by blank lines."""
    raw = doc.raw_text
    if "\n\t" not in raw and not raw.startswith("\t"):
        return []
    block_at = {b.raw_start: b for b in doc.blocks}
    raw_lines: list[tuple[int, str]] = []
    pos = 0
    for line in raw.splitlines(keepends=True):
        raw_lines.append((pos, line.rstrip("\r\n")))
        pos += len(line)

    def is_cell(t: str) -> bool:
        return t.startswith("\t")

    def is_blank(t: str) -> bool:
        return not t.strip() and not t.startswith("\t")

    out: list[Table] = []
    i = 0
    while i < len(raw_lines):
        if not is_cell(raw_lines[i][1]):
            i += 1
            continue
        j = i
        rows: list[list[CellValue | None]] = [[]]
        while j < len(raw_lines) and (is_cell(raw_lines[j][1]) or is_blank(raw_lines[j][1])):
            off, t = raw_lines[j]
            if is_blank(t):
                if rows[-1]:
                    rows.append([])
            else:
                text = t.strip()
                b = block_at.get(off + len(t) - len(t.lstrip())) if text else None
                # a cell the cleaner dropped (chrome, a duplicate) is an empty cell here
                rows[-1].append(CellValue(doc.text[b.start:b.end].strip(), b.start, b.end) if b else None)
            j += 1
        rows = [r for r in rows if r]
        table = _tab_table(rows, lines_before=_caption_at(doc, raw_lines[i][0]))
        if table:
            out.append(table)
        i = j
    return out


# a separator of names in one cell, outside brackets (各县（市、区）教育局 is one name)
_MULTI_SEP = re.compile(r"[、；;](?![^（(]*[）)])")


def _tsv(doc: Document) -> list[Table]:
    """Tables printed one row per line with tab-separated cells (a label row first, then at least two
    rows with the same number of cells): the shape text exports and pasted spreadsheets have. A cell
    listing several names (甲校、乙校) gives one value per name."""
    blocks = [b for b in doc.blocks if "\t" in doc.text[b.start:b.end]
              and doc.text[b.start:b.end] == doc.raw_text[b.raw_start:b.raw_end]]
    out: list[Table] = []
    i = 0
    def leading_tabs(b) -> int:
        # empty leading cells: the tabs before the block on its raw line (cleaning strips them)
        return doc.raw_text.count("\t", doc.raw_text.rfind("\n", 0, b.raw_start) + 1, b.raw_start)

    while i < len(blocks):
        # (a label row may open with an empty cell: 	支援学校	受援学校 over 1	甲校	乙校)
        ncells = doc.text[blocks[i].start:blocks[i].end].strip("\t").count("\t") + 1 + leading_tabs(blocks[i])
        j = i + 1
        # a row may leave its first or last cells empty (a tab with nothing before or after it)
        while j < len(blocks) and 2 <= doc.text[blocks[j].start:blocks[j].end].strip("\t").count("\t") + 1 <= ncells \
                and doc.text.count("\n", blocks[j - 1].end, blocks[j].start) <= 1:
            j += 1
        if ncells >= 2 and j - i >= 3:
            rows = []
            for b in blocks[i:j]:
                line = doc.text[b.start:b.end]
                cells, pos = [None] * leading_tabs(b), b.start
                for part in line.split("\t"):
                    s = pos + len(part) - len(part.lstrip())
                    cells.append(CellValue(part.strip(), s, s + len(part.strip())) if part.strip() else None)
                    pos += len(part) + 1
                rows.append(cells)
            table = _tab_table(rows, lines_before=_caption_at(doc, blocks[i].raw_start))
            if table:
                table.layout = "tab"
                for r in table.rows:
                    for c in r.cells:
                        if len(c.values) == 1 and _MULTI_SEP.search(c.values[0].text):
                            v = c.values[0]
                            parts, pos = [], v.start
                            for piece in _MULTI_SEP.split(v.text):
                                if piece.strip():
                                    k = doc.text.find(piece.strip(), pos)
                                    parts.append(CellValue(piece.strip(), k, k + len(piece.strip())))
                                    pos = k + len(piece.strip())
                            c.values = parts
                out.append(table)
        i = j
    return out


_GAP = re.compile(r"[ \u3000]{2,}")


def _spaced(doc: Document) -> list[Table]:
    """Tables laid out with spaces (a text export of a two-column list: 帮扶学校 … 受援学校, each row's cells
    at the columns of the label row, a cell left empty where the cell above goes on): the label row's cells
    give the columns, a row's cells go to the column they stand under."""
    raw = doc.raw_text
    if "   " not in raw and "\u3000\u3000\u3000" not in raw:
        return []

    def cells_of(b) -> list[tuple[int, int, int]] | None:
        """(display column, start, end in doc.text) of each cell of a block's raw line, or None."""
        if doc.text[b.start:b.end] != raw[b.raw_start:b.raw_end]:
            return None
        line_start = raw.rfind("\n", 0, b.raw_start) + 1
        line = raw[line_start:b.raw_end]
        out, pos = [], 0
        for part in _GAP.split(line):
            at = line.find(part, pos) if part.strip() else -1
            if at >= 0:
                lead = len(part) - len(part.lstrip())
                a = at + lead
                stripped = part.strip()
                raw_a = line_start + a
                if raw_a < b.raw_start:
                    return None
                out.append((display_width(line[:a]), b.start + raw_a - b.raw_start, b.start + raw_a - b.raw_start + len(stripped)))
                pos = at + len(part)
        return out

    out: list[Table] = []
    blocks = doc.blocks
    i = 0
    while i < len(blocks):
        head = cells_of(blocks[i])
        if not head or len(head) < 2 or not all(is_label(doc.text[a:e]) or _column_word(doc.text[a:e]) for _, a, e in head):
            i += 1
            continue
        cols = [c for c, _, _ in head]
        rows: list[list[CellValue | None]] = [[CellValue(doc.text[a:e], a, e) for _, a, e in head]]
        j = i + 1
        while j < len(blocks) and doc.text.count("\n", blocks[j - 1].end, blocks[j].start) <= 1:
            cells = cells_of(blocks[j])
            if not cells or _SECTION_LINE.fullmatch(doc.text[blocks[j].start:blocks[j].end]) or all(
                    is_label(doc.text[a:e]) or _column_word(doc.text[a:e]) for _, a, e in cells):
                break         # a heading or the next list's label row ends this one
            row: list[CellValue | None] = [None] * len(cols)
            ok = True
            for c, a, e in cells:
                k = min(range(len(cols)), key=lambda x: abs(cols[x] - c))
                if abs(cols[k] - c) > 4 or row[k] is not None or e - a > 40:
                    ok = False
                    break
                row[k] = CellValue(doc.text[a:e], a, e)
            if not ok:
                break
            rows.append(row)
            j += 1
        if j - i >= 3:
            # a school's name broken over two rows of its column (萍乡经济技术开发区 / 翠湖实验学校（小学部）): one name,
            # the second row a continuation (its other cells belong to the joined name)
            for c in range(len(cols)):
                vals = [r[c] for r in rows[1:] if r[c] is not None]
                if len(vals) < 3 or sum(school_name_end(v.text) for v in vals) * 5 < len(vals) * 3:
                    continue
                for k in range(1, len(rows) - 1):
                    v, w = rows[k][c], rows[k + 1][c]
                    if v is not None and w is not None and not school_name_end(v.text) and school_name_end(w.text) \
                            and len(v.text) + len(w.text) <= 40 and not DITTO.fullmatch(squeeze(v.text)):
                        rows[k][c], rows[k + 1][c] = CellValue(v.text + w.text, v.start, w.end), None
            table = _tab_table(rows, lines_before=_caption_at(doc, blocks[i].raw_start))
            if table:
                table.layout = "tab"      # (the record names text tables by one layout)
                out.append(table)
                i = j
                continue
        i += 1
    return out


def _caption_at(doc: Document, raw_off: int) -> str | None:
    prev = [b for b in doc.blocks if b.raw_end <= raw_off]
    return doc.text[prev[-1].start:prev[-1].end].strip()[:200] if prev else None


def _tab_table(rows: list[list[CellValue | None]], lines_before: str | None) -> Table | None:
    if len(rows) < 2 or sum(1 for r in rows for v in r if v) < 4 or max(len(r) for r in rows) < 2:
        return None
    header: list[list[CellValue | None]] = []
    while rows and all(v is None or is_label(v.text) or _column_word(v.text) for v in rows[0]) and any(rows[0]):
        header.append(rows.pop(0))
    if not header or not rows:
        return None
    ncols = max(len(r) for r in header + rows)
    columns = [""] * ncols
    for h in reversed(header):        # the lowest label row names a column; upper rows fill the gaps
        for c, v in enumerate(h):
            if v and not columns[c]:
                columns[c] = squeeze(v.text)
    cells_start = min(v.start for r in header + rows for v in r if v)
    cells_end = max(v.end for r in header + rows for v in r if v)
    table = Table(id="", caption=lines_before, columns=columns, rows=[], layout="tab", start=cells_start,
                  end=cells_end)
    for r in rows:
        cells = [Cell([v]) if v and v.text else Cell([]) for v in r] + [Cell([]) for _ in range(ncols - len(r))]
        vals = [v for v in r if v]
        if not vals:
            continue
        table.rows.append(Row(number=None, cells=cells, start=min(v.start for v in vals),
                              end=max(v.end for v in vals)))
    if not table.rows:
        return None
    _merge_columns(table, 0)
    return table
