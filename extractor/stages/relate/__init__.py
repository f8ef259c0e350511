"""Relate: relations between entities, each item with its evidence span in ``Document.text``.

One extractor per relation (``extractor/stages/relate/``), registered in ``EXTRACTORS``:
pairings (tables and prose), responsibilities, deadlines, goals with targets; citations and contacts
go to ``Document.info``.
"""
from __future__ import annotations

from typing import Callable

from ...core.document import Document
from .citations import cited_documents
from .contacts import contacts, masked_contact
from .deadlines import deadlines
from .goals import goals
from .measures import measures
from .pairings import pairings
from .responsibilities import responsibilities

EXTRACTORS: dict[str, Callable[[Document], list[dict]]] = {
    "pairings": pairings,
    "responsibilities": responsibilities,
    "deadlines": deadlines,
    "goals": goals,
    "measures": measures,
}


def relate(doc: Document) -> Document:
    doc.info["cited_documents"] = cited_documents(doc)
    doc.info["contacts"] = contacts(doc)
    if masked_contact(doc):
        doc.warn("contact details are masked in the source (XXX) and were not extracted")
    for name, fn in EXTRACTORS.items():
        doc.relations[name] = fn(doc)
    return doc
