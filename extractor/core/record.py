"""Record: the validated ``ProgramRecord`` for a ``Document`` (validation happens before writing)."""
from __future__ import annotations

import hashlib

from ..schema.models import ProgramRecord
from ..stages.script import original_text, restore
from .document import Document

_INFO_KEYS = ("title", "doc_type", "doc_number", "issuers", "recipients", "cc", "signed_date", "published_date",
              "index_number", "attachments", "cited_documents", "contacts", "note")


def to_record(doc: Document) -> ProgramRecord:
    info = {k: doc.info.get(k) for k in _INFO_KEYS}
    for k in ("issuers", "recipients", "cc", "attachments", "cited_documents", "contacts"):
        info[k] = info[k] or []
    src = doc.source
    data = {
        "id": hashlib.sha256(doc.text.encode("utf-8")).hexdigest()[:16],
        "source": {"path": src.path, "format": src.format, "sha256": src.sha256, "bytes": src.bytes,
                   "encoding": src.encoding, "pages": src.pages},
        "text": doc.text,
        "document": info,
        "sections": [{"id": s.id, "parent": s.parent, "level": s.level, "number": s.number, "heading": s.heading,
                      "category": s.category, "confidence": round(s.confidence, 4), "start": s.start, "end": s.end,
                      "kind": "heading" if s.kind not in ("paragraph", "attachment") else s.kind}
                     for s in doc.sections],
        "entities": [{"type": e.label, "text": e.text, "start": e.start, "end": e.end, "normalized": e.normalized,
                      "confidence": e.confidence} for e in doc.entities],
        "tables": [{"id": t.id, "caption": t.caption, "columns": t.columns, "layout": t.layout, "start": t.start,
                    "end": t.end,
                    "rows": [{"number": r.number, "start": r.start, "end": r.end,
                              "cells": [{"values": [{"text": v.text, "start": v.start, "end": v.end} for v in c.values],
                                         "merged": c.merged} for c in r.cells]} for r in t.rows]}
                   for t in doc.tables],
        "warnings": list(doc.warnings),
    }
    for name in ("pairings", "responsibilities", "deadlines", "goals", "measures"):
        data[name] = doc.relations.get(name, [])
    if doc.page_starts:
        _add_pages(doc, data)
    printed = original_text(doc)
    if printed is not None:
        # a traditional notice was read through its simplified shadow: the record carries what was printed
        data = restore(data, doc.text, printed)
        data["id"] = hashlib.sha256(printed.encode("utf-8")).hexdigest()[:16]
    return ProgramRecord.model_validate(data)


def _add_pages(doc: Document, data: dict) -> None:
    """Page provenance: each span's page, and the text range of every page."""
    for group in ("sections", "entities", "pairings", "responsibilities", "deadlines", "goals", "measures"):
        data[group] = [{**x, "page": doc.page_at(x["start"])} for x in data[group]]
    for t in data["tables"]:
        for r in t["rows"]:
            r["page"] = doc.page_at(r["start"])
    pages: dict[int, list[int]] = {}
    for b in doc.blocks:
        if b.page is not None:
            span = pages.setdefault(b.page, [b.start, b.end])
            span[1] = b.end
    data["pages"] = [{"number": n, "start": s, "end": e} for n, (s, e) in sorted(pages.items())]
