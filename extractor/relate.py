"""Relate: relations between entities, each item with its evidence span in ``Document.text``.

One extractor per relation (``extractor/relations/``), registered in ``EXTRACTORS``:
pairings (tables and prose), responsibilities, deadlines, goals with targets; citations and contacts
go to ``Document.info``.
"""
from __future__ import annotations

from typing import Callable

from .document import Document
from .relations.citations import cited_documents
from .relations.contacts import contacts, masked_contact
from .relations.deadlines import deadlines
from .relations.goals import goals
from .relations.measures import measures
from .relations.pairings import pairings
from .relations.responsibilities import responsibilities


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
