"""Measures: the actions a notice sets out, one item per numbered section classified as ``measure``.

A measure is the section's heading (its title) and its text up to the next heading of the same or a
higher level (``text[start:end]`` is the evidence). Sections nested inside a measure are part of it, so a
measure is reported at its outermost level only. An experience report describes work done: no measures.
"""
from __future__ import annotations

from ...core.document import Document
from .base import is_descriptive


def measures(doc: Document) -> list[dict]:
    if is_descriptive(doc):
        return []
    out: list[dict] = []
    covered_until = -1
    for s in sorted((s for s in doc.sections if s.kind != "attachment" and s.number), key=lambda s: s.start):
        if s.start < covered_until or s.category != "measure":
            continue
        text = doc.text[s.start:s.end].strip()
        if not s.heading or not text:
            continue
        out.append({"title": s.heading, "text": text[:2000], "start": s.start, "end": s.start + len(text[:2000]),
                    "confidence": round(float(s.confidence), 4)})
        covered_until = s.end
    return out
