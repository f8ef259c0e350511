"""Relation extractors: one module per relation, each ``Document → list[dict]``.

Every item carries ``start``/``end``: its evidence span in ``Document.text``. The helpers below say
where a notice's own body lies, shared by the extractors.
"""
from __future__ import annotations

import re

from ...core.document import Document

# Experience reports and compilations describe work done: no goals, deadlines or clause duties.
DESCRIPTIVE_TYPES = frozenset({"汇编", "报告", "总结", "简报", "通报"})


def is_descriptive(doc: Document) -> bool:
    return doc.info.get("doc_type") in DESCRIPTIVE_TYPES


# the part of a report that plans ahead (下一步打算, 今后工作): read like a notice's body
_FORWARD_HEADING = re.compile(r"下一步|今后|打算|工作思路|努力方向|工作计划|工作重点")


def forward_spans(doc: Document) -> list[tuple[int, int]]:
    """The spans of a descriptive document's sections that plan ahead."""
    return [(s.start, s.end) for s in doc.sections if s.number and s.heading and _FORWARD_HEADING.search(s.heading)]


def within(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)


def body_start(doc: Document) -> int:
    """Where the body begins: after the recipients line (0 when there is none)."""
    return (doc.info.get("recipients_span") or (0, 0))[1]


def in_signature(doc: Document, pos: int) -> bool:
    """Inside the notice's signature, or inside the signature of the covering note over a reprinted notice."""
    return any(sig and sig[0] <= pos < sig[1] for sig in (doc.info.get("signature_span"), doc.info.get("note_signature_span")))


def sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(c, 0, pos) for c in "。；;\n") + 1


def sentence_end(text: str, pos: int, stops: str = "。；;\n") -> int:
    """Where the clause holding ``pos`` ends: the first stop at or after it (the text's end when none)."""
    return min([i for i in (text.find(c, pos) for c in stops) if i != -1] or [len(text)])
