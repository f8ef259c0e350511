"""What every structured backend (DOCX, PDF, HTML, OFD) shares: building ``raw_text`` line by line.

A backend walks its format in reading order and calls ``line`` for paragraphs, ``table`` for tables
and ``page`` at page starts. The builder renders a table one row per line, cells separated by tabs,
so the text keeps every printed value, and it records each value's raw offsets in a ``Table`` whose
merged cells point at the value printed in the merge's first cell. Cleaning then selects lines of
this raw text like any other, and the tables stage maps the offsets onto the cleaned text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.document import Cell, CellValue, Row, Table

_WS = re.compile(r"[\r\n\t\v\f\u2028\u2029]+")
_NUMBER = re.compile(r"\s*(\d{1,4})\s*[.．、]?\s*")
_NUMBER_LABEL = re.compile(r"^(?:编号|序号|序|No\.?)$", re.I)


@dataclass(slots=True)
class GridCell:
    """One position of a table grid after expanding merges.

    ``values`` are the separate names or values printed in the cell (lines of the cell, in order).
    ``origin`` is set on a position covered by a merged cell: the (row, column) of the merge's first
    position, whose values this position shares.
    """

    values: list[str] = field(default_factory=list)
    origin: tuple[int, int] | None = None


def one_line(text: str) -> str:
    """Text for one raw line: line breaks and tabs become spaces (tabs separate table cells)."""
    return _WS.sub(" ", text).strip()


class TextBuilder:
    def __init__(self) -> None:
        self._parts: list[str] = []
        self._pos = 0
        self.page_starts: list[int] = []
        self.tables: list[Table] = []
        self._last_line: str | None = None

    def _emit(self, s: str) -> int:
        at = self._pos
        self._parts.append(s)
        self._pos += len(s)
        return at

    def page(self) -> None:
        """Begin a new page (call once before the first page's content too)."""
        self.page_starts.append(self._pos)

    def line(self, text: str) -> int | None:
        """Add a paragraph or text line; returns its raw start offset (None for an empty line)."""
        t = one_line(text)
        if not t:
            return None
        at = self._emit(t)
        self._emit("\n")
        self._last_line = t
        return at

    def extend_line(self, text: str) -> None:
        """Continue the last line (a paragraph wrapped in the source); starts a line if there is none."""
        t = one_line(text)
        if not t:
            return
        if self._parts and self._parts[-1] == "\n" and self._last_line is not None:
            self._parts.pop()
            self._pos -= 1
            sep = " " if re.match(r"[A-Za-z0-9]", t) and re.search(r"[A-Za-z0-9,.;:]$", self._last_line) else ""
            self._emit(sep + t)
            self._emit("\n")
            self._last_line += sep + t
        else:
            self.line(t)

    def blank(self) -> None:
        self._emit("\n")

    def text(self) -> str:
        return "".join(self._parts)

    # ------------------------------------------------------------------------------------ tables

    def table(self, grid: list[list[GridCell]], layout: str, *, header_rows: int | None = None,
              continues: Table | None = None) -> Table | None:
        """Render a grid (rows of equal length after merge expansion) and record it as a ``Table``.

        ``header_rows`` defaults to a guess: leading rows whose cells are all short labels without
        digits. ``continues`` appends the rows to a table begun on an earlier page (its repeated
        header rows are then dropped by the caller).
        """
        grid = [row for row in grid if row]
        if not grid:
            return None
        width = max(len(r) for r in grid)
        grid = [r + [GridCell() for _ in range(width - len(r))] for r in grid]
        # a first row that is one cell across the whole width is the table's title, not a label row
        title = 1 if header_rows is None and not continues and _is_title_row(grid) else 0
        if header_rows is None:
            header_rows = 0 if continues else title + _guess_header_rows(grid[title:])
        self.blank()
        # raw values per printed position, so covered positions can share them
        printed: dict[tuple[int, int], list[CellValue]] = {}
        row_spans: list[tuple[int, int]] = []
        for i, row in enumerate(grid):
            start = self._pos
            for j, cell in enumerate(row):
                if j:
                    self._emit("\t")
                vals: list[CellValue] = []
                if cell.origin is None:
                    for k, v in enumerate(x for x in (one_line(v) for v in cell.values) if x):
                        if k:
                            self._emit(" ")
                        at = self._emit(v)
                        vals.append(CellValue(v, at, at + len(v)))
                printed[(i, j)] = vals
            row_spans.append((start, self._pos))
            self._emit("\n")
        self.blank()

        def values(i: int, j: int) -> tuple[list[CellValue], bool]:
            o = grid[i][j].origin
            if o is None:
                return printed[(i, j)], False
            if o[0] < 0 and continues is not None and continues.rows:   # merged from the previous page
                prev = continues.rows[-1].cells
                return (list(prev[o[1]].values) if o[1] < len(prev) else []), True
            return list(printed.get(o, [])), True

        if continues is not None:
            table = continues
        else:
            labels: list[str] = []
            for j in range(width):
                parts: list[str] = []
                for i in range(title, header_rows):
                    t = " ".join(v.text for v in values(i, j)[0])
                    if t and (not parts or parts[-1] != t):
                        parts.append(t)
                labels.append("".join(parts) or f"column {j + 1}")
            caption = " ".join(v.text for v in printed[(0, 0)]) if title else self._last_line
            table = Table(id="", caption=caption[:200] if caption else None, columns=labels,
                          rows=[], layout=layout, start=row_spans[0][0], end=row_spans[-1][1])
            self.tables.append(table)
        numbered = bool(table.columns) and bool(_NUMBER_LABEL.match(table.columns[0].replace(" ", "")))
        for i in range(header_rows, len(grid)):
            cells = []
            for j in range(min(width, len(table.columns))):
                vals, merged = values(i, j)
                cells.append(Cell(vals, merged))
            number = None
            if numbered and cells and cells[0].values and not cells[0].merged:
                m = _NUMBER.fullmatch(cells[0].values[0].text)
                number = int(m.group(1)) if m else None
            if not any(c.values for c in cells):
                continue
            table.rows.append(Row(number, cells, row_spans[i][0], row_spans[i][1]))
        table.end = row_spans[-1][1]
        self._last_line = None
        return table


def _is_title_row(grid: list[list[GridCell]]) -> bool:
    """The first row is one printed cell spanning every column (某校2021年重点工作清单（共93项）) above a
    label row."""
    first = grid[0]
    return len(grid) >= 3 and len(first) >= 2 and first[0].origin is None and bool("".join(first[0].values).strip()) \
        and all(c.origin == (0, 0) for c in first[1:])


def _is_label_cell(c: GridCell) -> bool:
    t = "".join(c.values).strip()
    return not t or (len(t) <= 14 and not re.search(r"\d", t))


def _guess_header_rows(grid: list[list[GridCell]]) -> int:
    """Leading rows of labels: one, or two when the first row holds a horizontally merged label."""
    if len(grid) < 2 or not all(_is_label_cell(c) for c in grid[0]) or not any(c.values for c in grid[0]):
        return 0
    spans = any(c.origin is not None and c.origin[0] == 0 for c in grid[0])
    if spans and len(grid) > 2 and all(_is_label_cell(c) for c in grid[1]):
        return 2
    return 1


def header_key(grid_row: list[GridCell]) -> tuple[str, ...]:
    """A row's printed text, to recognise a header repeated at the top of a continuing page."""
    return tuple(re.sub(r"\s+", "", "".join(c.values)) for c in grid_row)
