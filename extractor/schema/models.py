"""The program record contract as pydantic models; ``program.schema.json`` is exported from these.

Field names are fixed (downstream consumers rely on them); fields may be added. A record validates
only if every span lies inside ``text`` and every entity's ``text`` equals ``text[start:end]``.
"""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.2.0"
ISODate = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
# calibrated probability that the item is right, from the trained scorer that decided it; null: not scored
Confidence = Field(default=None, ge=0, le=1, description="calibrated probability that the item is right (null: not scored)")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Model):
    path: str
    format: Literal["txt", "html", "pdf", "docx", "doc", "ofd"]
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    bytes: int = Field(ge=0)
    encoding: str | None = None
    pages: int | None = None


class DocNumber(_Model):
    text: str = Field(description="normalized: half-width digits, 〔〕 brackets, 号; broken brackets repaired")
    agency: str
    year: int
    serial: int
    start: int | None = Field(default=None, description="evidence span in text, when printed in the body")
    end: int | None = None


class Attachment(_Model):
    index: int = Field(ge=1)
    title: str


class CitedDocument(_Model):
    title: str | None
    doc_number: str | None
    start: int | None = None
    end: int | None = None


class Contact(_Model):
    name: str | None
    unit: str | None = Field(default=None, description="the unit printed with the contact (县教育局基础教育股)")
    phones: list[str] = []
    emails: list[str] = []


class DocumentInfo(_Model):
    title: str | None
    doc_type: str | None
    doc_number: DocNumber | None
    issuers: list[str] = []
    recipients: list[str] = []
    cc: list[str] = []
    signed_date: str | None = ISODate
    published_date: str | None = ISODate
    index_number: str | None = None
    attachments: list[Attachment] = []
    cited_documents: list[CitedDocument] = []
    contacts: list[Contact] = []
    note: str | None = Field(default=None, description="附注, e.g. (此件主动公开)")


Category = Literal["goal", "measure", "responsibility", "deadline", "other"]


class Section(_Model):
    id: str
    parent: str | None
    level: int = Field(ge=1)
    number: str | None
    heading: str
    category: Category
    confidence: float = Field(ge=0, le=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    page: int | None = Field(default=None, ge=1, description="page the span starts on (paged formats: PDF, OFD)")
    kind: Literal["heading", "paragraph", "attachment"] = "heading"


EntityType = Literal["SCHOOL", "ORG", "PLACE", "DATE", "DOC_NUMBER", "PERSON", "PHONE", "EMAIL", "MONEY", "QUANTITY"]


class Entity(_Model):
    type: EntityType
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    page: int | None = Field(default=None, ge=1, description="page the span starts on (paged formats: PDF, OFD)")
    normalized: str | dict[str, Any] | None = None
    confidence: float | None = Confidence


class CellValue(_Model):
    text: str = Field(description="the value with line breaks removed; text[start:end] is its evidence")
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class TableCell(_Model):
    values: list[CellValue] = Field(description="empty for an empty cell; several names in one cell are several values")
    merged: bool = Field(default=False, description="covered by a merged cell above: the values were not printed here")


class TableRow(_Model):
    number: int | None = None
    cells: list[TableCell]
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    page: int | None = Field(default=None, ge=1, description="page the span starts on (paged formats: PDF, OFD)")


class Table(_Model):
    id: str
    caption: str | None = None
    columns: list[str]
    layout: Literal["flattened", "tab", "docx", "html", "pdf"]
    rows: list[TableRow]
    start: int = Field(ge=0)
    end: int = Field(ge=0)


Stage = Literal["kindergarten", "primary", "secondary", "high_school", "special_education", "county"]


class Pairing(_Model):
    supporter: str
    recipient: str
    lead: str | None = None
    stage: Stage | None = None
    table: str | None = Field(default=None, description="the table id (null: from prose)")
    row: int | None = None
    start: int
    end: int
    confidence: float | None = Confidence
    page: int | None = Field(default=None, ge=1, description="page the span starts on (paged formats: PDF, OFD)")


class Responsibility(_Model):
    task: str
    units: list[str]
    lead_unit: str | None
    start: int
    end: int
    confidence: float | None = Confidence
    page: int | None = Field(default=None, ge=1, description="page the span starts on (paged formats: PDF, OFD)")


class Deadline(_Model):
    date: str | None = ISODate
    start_date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="first day of a range")
    time: str | None = Field(default=None, pattern=r"^\d{2}:\d{2}$", description="time of day, 24-hour HH:MM")
    date_text: str
    action: str
    start: int
    end: int
    confidence: float | None = Confidence
    page: int | None = Field(default=None, ge=1, description="page the span starts on (paged formats: PDF, OFD)")


class Target(_Model):
    value: float
    unit: str | None = Field(description="the classifier as printed: 名, 门, 个, %")
    object: str | None = None
    confidence: float | None = Confidence


class Goal(_Model):
    text: str
    year: int | None
    targets: list[Target] = []
    start: int
    end: int
    confidence: float | None = Confidence
    page: int | None = Field(default=None, ge=1, description="page the span starts on (paged formats: PDF, OFD)")


class Measure(_Model):
    title: str = Field(description="the measure's heading")
    text: str = Field(description="the section's text, at most 2000 characters")
    start: int
    end: int
    confidence: float | None = Field(default=None, ge=0, le=1, description="the section classifier's probability that this section is a measure")
    page: int | None = Field(default=None, ge=1, description="page the span starts on (paged formats: PDF, OFD)")


class PageSpan(_Model):
    number: int = Field(ge=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class ProgramRecord(_Model):
    schema_version: str = SCHEMA_VERSION
    id: str = Field(description="stable: sha256 of the cleaned text, first 16 hex digits")
    source: Source
    text: str
    document: DocumentInfo
    sections: list[Section] = []
    entities: list[Entity] = []
    pairings: list[Pairing] = []
    responsibilities: list[Responsibility] = []
    deadlines: list[Deadline] = []
    goals: list[Goal] = []
    measures: list[Measure] = []
    tables: list[Table] = []
    pages: list[PageSpan] = Field(default=[], description="where each page begins and ends in text (paged formats)")
    warnings: list[str] = []

    @model_validator(mode="after")
    def _grounded(self) -> "ProgramRecord":
        n = len(self.text)
        spans = [(s.start, s.end, f"section {s.id}") for s in self.sections]
        spans += [(x.start, x.end, "relation") for group in (self.pairings, self.responsibilities, self.deadlines,
                                                              self.goals, self.measures) for x in group]
        spans += [(v.start, v.end, f"table {t.id} cell") for t in self.tables for r in t.rows for c in r.cells
                  for v in c.values]
        for s, e, what in spans:
            if not 0 <= s <= e <= n:
                raise ValueError(f"{what} span [{s}, {e}) lies outside text (length {n})")
        for ent in self.entities:
            if not 0 <= ent.start < ent.end <= n or self.text[ent.start:ent.end] != ent.text:
                raise ValueError(f"entity {ent.type} {ent.text!r} is not text[{ent.start}:{ent.end}]")
        dn = self.document.doc_number
        if dn and dn.start is not None and not (0 <= dn.start < dn.end <= n):
            raise ValueError("doc_number span lies outside text")
        return self


def json_schema() -> dict:
    schema = ProgramRecord.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://policy-extractor.example/schema/{SCHEMA_VERSION}/program.schema.json"
    return schema
