"""Cited documents: each 《title》(doc number) the notice cites, with its evidence span."""
from __future__ import annotations

import re

from ...core.document import Document

_TITLE_BEFORE = re.compile(r"《([^《》]{2,200})》\s*[(（]?\s*$")
_OPEN_TITLE_CUE = re.compile(r"(落实|根据|按照|贯彻|依据|执行|参照|印发|转发|对照|，|,|。|；)([^《》，,。；]{4,120})》\s*[(（]?\s*$")


def cited_documents(doc: Document) -> list[dict]:
    own = (doc.info.get("doc_number") or {}).get("text")
    own_span = (doc.info.get("doc_number") or {}).get("start")
    out, seen = [], set()
    for sp in doc.entities:
        if sp.label != "DOC_NUMBER" or sp.start == own_span or sp.normalized == own:
            continue
        if sp.normalized in seen:
            continue
        seen.add(sp.normalized)
        before = doc.text[max(0, sp.start - 240):sp.start]
        m = _TITLE_BEFORE.search(before)
        title = m.group(1) if m else None
        if title is None:
            m2 = _OPEN_TITLE_CUE.search(before)   # the opening 《 is missing in the source
            title = m2.group(2) if m2 else None
        out.append({"title": title, "doc_number": sp.normalized, "start": sp.start, "end": sp.end})
    return out
