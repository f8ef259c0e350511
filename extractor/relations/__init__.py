"""Relation extractors: one module per relation, each ``Document → list[dict]``.

Every item carries ``start``/``end``: its evidence span in ``Document.text``. The helpers below say
where a notice's own body lies, shared by the extractors.
"""
from __future__ import annotations

from ..document import Document

# Experience reports and compilations describe work done: no goals, deadlines or clause duties.
DESCRIPTIVE_TYPES = frozenset({"汇编", "报告", "总结", "简报", "通报"})


def is_descriptive(doc: Document) -> bool:
    return doc.info.get("doc_type") in DESCRIPTIVE_TYPES


def body_start(doc: Document) -> int:
    """Where the body begins: after the recipients line (0 when there is none)."""
    return (doc.info.get("recipients_span") or (0, 0))[1]


def in_signature(doc: Document, pos: int) -> bool:
    sig = doc.info.get("signature_span")
    return bool(sig) and sig[0] <= pos < sig[1]


def sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(c, 0, pos) for c in "。；;\n") + 1
