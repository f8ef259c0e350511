"""The one document model that flows through every stage.

``Document.text`` is the cleaned text; every span in the record is a pair of character offsets into
it. ``Block`` records where each cleaned line came from in the raw input, so provenance survives
cleaning (a backend may also set ``page``).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class SourceInfo:
    path: str
    format: str
    sha256: str
    bytes: int
    encoding: str | None = None
    pages: int | None = None


@dataclass(slots=True)
class Block:
    """One line of cleaned text: ``text[start:end]``; ``raw_start``/``raw_end`` index the raw text."""

    start: int
    end: int
    raw_start: int
    raw_end: int
    indent: int = 0          # leading white space in the raw line (tab-laid tables keep it)
    page: int | None = None


@dataclass(slots=True)
class Span:
    """A labelled character span of ``Document.text`` with a normalized value."""

    label: str
    start: int
    end: int
    text: str
    normalized: Any = None
    confidence: float | None = None     # calibrated probability that the item is right (null: not scored)


@dataclass(slots=True)
class CellValue:
    """One name or value in a table cell, ``text`` with line breaks removed; ``start``/``end`` in text."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Cell:
    """A table cell: no value (empty), one, or several (two schools in one cell).

    ``merged`` marks a cell covered by a merged cell above it: its values are the merged cell's and
    were not printed in this row.
    """

    values: list[CellValue]
    merged: bool = False

    @property
    def text(self) -> str:
        return "、".join(v.text for v in self.values)


@dataclass(slots=True)
class Row:
    number: int | None
    cells: list[Cell]
    start: int
    end: int


@dataclass(slots=True)
class Table:
    id: str
    caption: str | None          # the title or announcing sentence right before the table
    columns: list[str]           # one label per column
    rows: list[Row]
    layout: str                  # flattened | tab | docx | html | pdf
    start: int
    end: int


@dataclass(slots=True)
class SectionNode:
    id: str
    parent: str | None
    level: int
    number: str | None
    heading: str
    start: int
    end: int
    kind: str = ""            # marker kind: chapter, article, cn, cn_paren, arabic, arabic_paren
    category: str = "other"
    confidence: float = 0.0
    body_start: int = 0       # where the heading ends and the section's own text begins


@dataclass
class Document:
    source: SourceInfo
    raw_text: str
    text: str = ""
    blocks: list[Block] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)        # page metadata from the backend
    info: dict[str, Any] = field(default_factory=dict)        # structure results (record.document)
    sections: list[SectionNode] = field(default_factory=list)
    entities: list[Span] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    relations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    tokens: list[tuple[int, int]] = field(default_factory=list)  # jieba token offsets into text
    # from a backend that sees pages and real tables: raw offsets where each page begins (page 1 first),
    # and tables read from the file's own structure with offsets into raw_text (the tables stage maps
    # them onto text)
    page_starts: list[int] = field(default_factory=list)
    source_tables: list[Table] = field(default_factory=list)
    _block_starts: list[int] | None = field(default=None, repr=False)

    def page_at(self, offset: int) -> int | None:
        """The page (1-based) a character of ``text`` was printed on, when the backend knows pages."""
        if not self.page_starts or not self.blocks:
            return None
        if self._block_starts is None or len(self._block_starts) != len(self.blocks):
            self._block_starts = [b.start for b in self.blocks]
        i = bisect_right(self._block_starts, offset) - 1
        return self.blocks[max(i, 0)].page

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

