"""Fixed-layout text (PDF, OFD): lines with their boxes, running page furniture, paragraph re-joining.

Both formats place each line of text at a position and say nothing about paragraphs; these pieces
turn positioned lines back into the paragraphs the author wrote, the same way for both.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .builder import TextBuilder

PAGE_NUMBER = re.compile(r"[-—–－_·•\s]*(?:第\s*)?[0-9０-９]{1,4}(?:\s*页)?(?:\s*[/／]\s*(?:共\s*)?[0-9０-９]{1,4}\s*页?)?"
                          r"[-—–－_·•\s]*|[-—–－\s]*[ivxlcIVXLC]{1,6}[-—–－\s]*")
HEADING = re.compile(r"\s*(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[．.、]|第[一二三四五六七八九十百]+[章条节]|附\s*件)")


@dataclass(slots=True)
class Line:
    """A printed line and its box, in top-down coordinates (as pdfplumber uses them)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


def continues(prev: Line, cur: Line, left: float, right: float) -> bool:
    """Whether ``cur`` goes on with the paragraph of ``prev``: prev reaches the right margin, cur
    starts at the left margin and does not open a heading."""
    if right <= 0 or prev.x1 <= prev.x0:
        return False
    ch = min(prev.height, cur.height)
    return (prev.x1 >= right - 1.6 * ch and cur.x0 <= left + 0.6 * ch and not HEADING.match(cur.text)
            and not prev.text.endswith(("：", ":")) and len(prev.text) >= 10)


def drop_running_lines(pages: list[list[Line]], heights: list[float]) -> None:
    """Remove page numbers and running headers/footers: lines at the top or bottom of a page that are
    a page number, or whose text (digits ignored) recurs there on most pages."""
    def key(ln: Line) -> str:
        return re.sub(r"[0-9０-９\s]+", "#", ln.text)

    tops: dict[str, int] = {}
    bottoms: dict[str, int] = {}
    for lines, h in zip(pages, heights):
        for ln in lines[:2]:
            if ln.top < h * 0.12:
                tops[key(ln)] = tops.get(key(ln), 0) + 1
        for ln in lines[-2:]:
            if ln.bottom > h * 0.88:
                bottoms[key(ln)] = bottoms.get(key(ln), 0) + 1
    need = max(2, (len(pages) + 1) // 2)
    for k, (lines, h) in enumerate(zip(pages, heights)):
        keep = []
        for ln in lines:
            edge_top, edge_bottom = ln.top < h * 0.12, ln.bottom > h * 0.88
            if (edge_top or edge_bottom) and PAGE_NUMBER.fullmatch(ln.text):
                continue
            if len(pages) >= 2 and ((edge_top and tops.get(key(ln), 0) >= need)
                                    or (edge_bottom and bottoms.get(key(ln), 0) >= need)):
                continue
            keep.append(ln)
        pages[k] = keep


class ParagraphWriter:
    """Writes a page's lines into a ``TextBuilder``, continuing a paragraph wrapped at the right
    margin (also from the last line of one page into the first of the next)."""

    def __init__(self, builder: TextBuilder) -> None:
        self.b = builder
        self.last: Line | None = None
        self.last_right = 0.0
        self.left = self.right = 0.0

    def start_page(self, lines: list[Line]) -> None:
        """Begin a page; its margins are those of its body lines."""
        self.b.page()
        self.right = max((ln.x1 for ln in lines), default=0.0)
        self.left = min((ln.x0 for ln in lines), default=0.0)

    def add(self, ln: Line) -> None:
        if self.last is not None and continues(self.last, ln, self.left, max(self.right, self.last_right)):
            self.b.extend_line(ln.text)
        else:
            self.b.line(ln.text)
        self.last, self.last_right = ln, self.right

    def interrupt(self) -> None:
        """Something other than text (a table) was written: no paragraph goes on across it."""
        self.last = None

